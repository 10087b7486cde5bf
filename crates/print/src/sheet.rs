//! The paper a table report is set on (A4 portrait or landscape, with its row height and body
//! size), and drawing a report's planned pages on every core.

use printpdf::PdfPage;

use crate::fonts::TextShaper;
use crate::layout::{Canvas, A4_HEIGHT_MM, A4_WIDTH_MM};

/// Page size and table density of a report, in millimetres and points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sheet {
    pub width: f32,
    pub height: f32,
    pub row_height: f32,
    pub body_size: f32,
}

/// Left and right margin.
const MARGIN_X: f32 = 15.0;
/// From the top edge to the first item.
const MARGIN_TOP: f32 = 15.0;

impl Sheet {
    /// A4 portrait, 5 mm rows of 8 pt text: the power report and the cable schedule.
    pub(crate) const PORTRAIT: Sheet = Sheet {
        width: A4_WIDTH_MM,
        height: A4_HEIGHT_MM,
        row_height: 5.0,
        body_size: 8.0,
    };

    /// A4 landscape, 4 mm rows of 7 pt text: wide tables such as the asset inventory, about
    /// 40 rows a page.
    pub(crate) const LANDSCAPE: Sheet = Sheet {
        width: A4_HEIGHT_MM,
        height: A4_WIDTH_MM,
        row_height: 4.0,
        body_size: 7.0,
    };

    pub(crate) fn content_right(&self) -> f32 {
        self.width - MARGIN_X
    }

    pub(crate) fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN_X
    }

    /// The y of the first item's top edge, mm from the page bottom.
    pub(crate) fn page_top(&self) -> f32 {
        self.height - MARGIN_TOP
    }
}

/// Fewer pages than this per core are drawn on one thread: starting threads and copying the
/// glyph cache would cost more than it saves.
const PAGES_PER_THREAD: usize = 16;

/// Draws every planned page with `draw` (canvas, page index, the page's plan). Long documents
/// are cut into one run of consecutive pages per core, each drawn with its own copy of the
/// glyph cache; the copies are merged back so the saved font knows every glyph used.
pub(crate) fn draw_pages<T: Sync>(
    shaper: &mut TextShaper,
    sheet: &Sheet,
    planned: &[T],
    draw: impl Fn(&mut Canvas<'_>, usize, &T) + Sync,
) -> Vec<PdfPage> {
    let draw_run = |shaper: &mut TextShaper, first: usize, run: &[T]| -> Vec<PdfPage> {
        run.iter()
            .enumerate()
            .map(|(offset, items)| {
                let mut canvas = Canvas::new(shaper);
                draw(&mut canvas, first + offset, items);
                canvas.into_page_sized(sheet.width, sheet.height)
            })
            .collect()
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = cores.min(planned.len() / PAGES_PER_THREAD).max(1);
    if threads == 1 {
        return draw_run(shaper, 0, planned);
    }
    let run_length = planned.len().div_ceil(threads);
    let drawn: Vec<(Vec<PdfPage>, TextShaper)> = std::thread::scope(|scope| {
        let workers: Vec<_> = planned
            .chunks(run_length)
            .enumerate()
            .map(|(run_index, run)| {
                let mut own = shaper.fork();
                let draw_run = &draw_run;
                scope.spawn(move || (draw_run(&mut own, run_index * run_length, run), own))
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| match worker.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    let mut pages = Vec::with_capacity(planned.len());
    for (run, own) in drawn {
        pages.extend(run);
        shaper.absorb(own);
    }
    pages
}
