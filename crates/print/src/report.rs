//! The power report: a summary block, then one table per section with its findings, over as
//! many A4 portrait pages as it takes. The cable schedule is drawn by the same code, its
//! devices as group headings inside each rack's table.
//!
//! Pagination is planned first, as data ([`plan_pages`]: which item goes on which page at
//! which height), and drawn second, because every page's footer needs the page count.

use printpdf::PdfDocument;

use crate::fonts::TextShaper;
use crate::layout::{centring_drop_mm, Align, Canvas, Colour, Fit, Outline, TextStyle};
use crate::sheet::{draw_pages, Sheet};
use crate::{save_document, PowerReport, PowerSection, PrintError};

const MARGIN_X: f32 = 15.0;
/// Items stop here; the footer sits below.
const PAGE_BOTTOM: f32 = 20.0;

const TITLE_HEIGHT: f32 = 17.0;
const SUMMARY_LINE_HEIGHT: f32 = 5.0;
const SECTION_TITLE_HEIGHT: f32 = 8.0;
const HEADER_HEIGHT: f32 = 6.0;
const GROUP_HEADING_HEIGHT: f32 = 6.0;
const FINDING_LINE_HEIGHT: f32 = 4.2;
const GAP_BEFORE_FINDINGS: f32 = 2.0;
const GAP_AFTER_SECTION: f32 = 7.0;
const GAP_AFTER_SUMMARY: f32 = 5.0;

const CELL_PADDING: f32 = 1.5;
const FINDING_INDENT: f32 = 6.0;
/// The width a narrow value column grows to when the table has room to spare.
const VALUE_COLUMN_WIDTH: f32 = 30.0;

const HEADER_FILL: Colour = Colour(0.85, 0.87, 0.90);
const STRIPE_FILL: Colour = Colour(0.955, 0.955, 0.955);
const GROUP_FILL: Colour = Colour(0.91, 0.94, 0.98);

/// Renders `report` as a PDF of as many A4 portrait pages as its tables need.
pub fn power_report(report: &PowerReport) -> Result<Vec<u8>, PrintError> {
    table_report(report, &Sheet::PORTRAIT)
}

/// Renders `report` on `sheet`'s pages; large reports draw their pages on every core.
pub(crate) fn table_report(report: &PowerReport, sheet: &Sheet) -> Result<Vec<u8>, PrintError> {
    let mut document = PdfDocument::new(&report.title);
    let mut shaper = TextShaper::for_document(&mut document)?;
    let tables: Vec<TablePlan> = report
        .sections
        .iter()
        .map(|section| TablePlan::for_section(&mut shaper, section, sheet))
        .collect();
    let planned = plan_pages(&mut shaper, report, sheet);
    let page_count = planned.len();
    let pages = draw_pages(&mut shaper, sheet, &planned, |canvas, index, items| {
        for placed in items {
            draw_item(canvas, report, &tables, placed, sheet);
        }
        draw_footer(canvas, sheet, &report.title, index + 1, page_count);
    });
    save_document(document, &shaper, pages)
}

/// One thing on a page, its position given separately by [`Placed`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Title,
    Summary { index: usize },
    SectionTitle { section: usize },
    Header { section: usize },
    Row { section: usize, row: usize },
    Finding { line: String, first_line: bool },
}

/// An item and the y of its top edge, mm from the page bottom.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub top: f32,
    pub item: Item,
}

/// Which items go on which page. A section's title, header row and first row stay together,
/// as do a group heading and its first row; a table that continues on a new page repeats its
/// title and header row first, and the heading of the group it is in the middle of.
pub(crate) fn plan_pages(
    shaper: &mut TextShaper,
    report: &PowerReport,
    sheet: &Sheet,
) -> Vec<Vec<Placed>> {
    let mut pages = Vec::new();
    let mut page = Vec::new();
    let mut y = sheet.page_top();
    let place = |page: &mut Vec<Placed>, y: &mut f32, item: Item, height: f32| {
        page.push(Placed { top: *y, item });
        *y -= height;
    };
    let new_page = |pages: &mut Vec<Vec<Placed>>, page: &mut Vec<Placed>, y: &mut f32| {
        pages.push(std::mem::take(page));
        *y = sheet.page_top();
    };

    place(&mut page, &mut y, Item::Title, TITLE_HEIGHT);
    for index in 0..report.summary.len() {
        if y - SUMMARY_LINE_HEIGHT < PAGE_BOTTOM {
            new_page(&mut pages, &mut page, &mut y);
        }
        place(
            &mut page,
            &mut y,
            Item::Summary { index },
            SUMMARY_LINE_HEIGHT,
        );
    }
    if !report.summary.is_empty() {
        y -= GAP_AFTER_SUMMARY;
    }

    let finding_width = sheet.content_width() - FINDING_INDENT;
    for (section, contents) in report.sections.iter().enumerate() {
        let starts_with_group = contents.rows.first().is_some_and(|row| row.group_heading);
        let opening = SECTION_TITLE_HEIGHT
            + HEADER_HEIGHT
            + sheet.row_height
            + if starts_with_group {
                GROUP_HEADING_HEIGHT
            } else {
                0.0
            };
        if y - opening < PAGE_BOTTOM && !page.is_empty() {
            new_page(&mut pages, &mut page, &mut y);
        }
        place(
            &mut page,
            &mut y,
            Item::SectionTitle { section },
            SECTION_TITLE_HEIGHT,
        );
        place(&mut page, &mut y, Item::Header { section }, HEADER_HEIGHT);
        // The group heading the rows are under, repeated when its group crosses a page.
        let mut group = None;
        for (row, contents) in contents.rows.iter().enumerate() {
            let needed = if contents.group_heading {
                GROUP_HEADING_HEIGHT + sheet.row_height
            } else {
                sheet.row_height
            };
            if y - needed < PAGE_BOTTOM {
                new_page(&mut pages, &mut page, &mut y);
                place(
                    &mut page,
                    &mut y,
                    Item::SectionTitle { section },
                    SECTION_TITLE_HEIGHT,
                );
                place(&mut page, &mut y, Item::Header { section }, HEADER_HEIGHT);
                if let Some(heading) = group.filter(|_| !contents.group_heading) {
                    let item = Item::Row {
                        section,
                        row: heading,
                    };
                    place(&mut page, &mut y, item, GROUP_HEADING_HEIGHT);
                }
            }
            if contents.group_heading {
                group = Some(row);
                let item = Item::Row { section, row };
                place(&mut page, &mut y, item, GROUP_HEADING_HEIGHT);
            } else {
                place(
                    &mut page,
                    &mut y,
                    Item::Row { section, row },
                    sheet.row_height,
                );
            }
        }
        if !contents.findings.is_empty() {
            y -= GAP_BEFORE_FINDINGS;
        }
        for finding in &contents.findings {
            let lines = shaper.wrap(finding, sheet.body_size, finding_width);
            for (line_index, line) in lines.into_iter().enumerate() {
                if y - FINDING_LINE_HEIGHT < PAGE_BOTTOM {
                    new_page(&mut pages, &mut page, &mut y);
                }
                let item = Item::Finding {
                    line,
                    first_line: line_index == 0,
                };
                place(&mut page, &mut y, item, FINDING_LINE_HEIGHT);
            }
        }
        y -= GAP_AFTER_SECTION;
    }
    pages.push(page);
    pages
}

/// Column widths and alignment of one section's table.
pub(crate) struct TablePlan {
    pub widths: Vec<f32>,
    pub right_aligned: Vec<bool>,
    /// Per row: shaded, every other row counted from the start of its group.
    pub striped: Vec<bool>,
}

impl TablePlan {
    /// Columns take their natural widths (widest of heading and cells). Spare width goes to
    /// the name column; when the natural widths do not fit, every column shrinks in
    /// proportion and cells that still do not fit are cut with "…".
    pub(crate) fn for_section(
        shaper: &mut TextShaper,
        section: &PowerSection,
        sheet: &Sheet,
    ) -> Self {
        let column_count = section
            .rows
            .iter()
            .filter(|row| !row.group_heading)
            .map(|row| row.cells.len() + 1)
            .chain([section.columns.len(), 1])
            .max()
            .unwrap_or(1);
        let mut widths = vec![0.0f32; column_count];
        let mut numeric = vec![Numeric::Unknown; column_count];
        let header = TextStyle::new(sheet.body_size).bold();
        for (index, heading) in section.columns.iter().enumerate() {
            widths[index] = shaper.width_mm(heading, header.size_pt);
        }
        // Group headings span the table: they take no column's width.
        for row in section.rows.iter().filter(|row| !row.group_heading) {
            let cells = std::iter::once(&row.name).chain(row.cells.iter());
            for (index, cell) in cells.enumerate() {
                widths[index] = widths[index].max(shaper.width_mm(cell, sheet.body_size));
                numeric[index] = numeric[index].with_cell(cell);
            }
        }
        for width in &mut widths {
            *width += 2.0 * CELL_PADDING;
        }
        let total: f32 = widths.iter().sum();
        if total > sheet.content_width() {
            for width in &mut widths {
                *width *= sheet.content_width() / total;
            }
        } else {
            // Value columns widen towards VALUE_COLUMN_WIDTH so numbers do not huddle at the
            // right edge; the name column takes what is left.
            let share = (sheet.content_width() - total) / column_count as f32;
            for width in widths.iter_mut().skip(1) {
                *width = width.max((*width + share).min(VALUE_COLUMN_WIDTH));
            }
            let values: f32 = widths.iter().skip(1).sum();
            widths[0] = sheet.content_width() - values;
        }
        let right_aligned = numeric
            .iter()
            .enumerate()
            .map(|(index, kind)| index > 0 && *kind == Numeric::Yes)
            .collect();
        let mut in_group = 0usize;
        let striped = section
            .rows
            .iter()
            .map(|row| {
                if row.group_heading {
                    in_group = 0;
                    return false;
                }
                in_group += 1;
                in_group.is_multiple_of(2)
            })
            .collect();
        Self {
            widths,
            right_aligned,
            striped,
        }
    }
}

/// Whether a column holds numbers, decided one cell at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numeric {
    Unknown,
    Yes,
    No,
}

impl Numeric {
    /// A cell is a number when it starts with a digit after an optional sign ("4.2 kW",
    /// "-3", "85%"); a cell without letters or digits ("", "—") says nothing either way.
    fn with_cell(self, cell: &str) -> Numeric {
        let unsigned = cell.trim().trim_start_matches(['-', '+', '−', '±']);
        if self == Numeric::No {
            Numeric::No
        } else if unsigned.starts_with(|c: char| c.is_ascii_digit()) {
            Numeric::Yes
        } else if !cell.chars().any(char::is_alphanumeric) {
            self
        } else {
            Numeric::No
        }
    }
}

fn draw_item(
    canvas: &mut Canvas<'_>,
    report: &PowerReport,
    tables: &[TablePlan],
    placed: &Placed,
    sheet: &Sheet,
) {
    let top = placed.top;
    match &placed.item {
        Item::Title => {
            let fit = Fit {
                max_width: sheet.content_width(),
                min_size_pt: 9.0,
            };
            canvas.fitted_text(
                MARGIN_X,
                top - 6.0,
                Align::Left,
                TextStyle::new(16.0).bold(),
                fit,
                &report.title,
            );
            let grey = TextStyle::new(sheet.body_size).colour(Colour::TEXT_GREY);
            canvas.fitted_text(
                MARGIN_X,
                top - 12.0,
                Align::Left,
                grey,
                fit,
                &report.generated,
            );
        }
        Item::Summary { index } => {
            let key_width = summary_key_width(canvas, report);
            let (key, value) = &report.summary[*index];
            let baseline = top - SUMMARY_LINE_HEIGHT / 2.0 - centring_drop_mm(8.5);
            let key_fit = Fit {
                max_width: key_width,
                min_size_pt: 6.0,
            };
            let key_style = TextStyle::new(8.5).colour(Colour::TEXT_GREY);
            canvas.fitted_text(MARGIN_X, baseline, Align::Left, key_style, key_fit, key);
            let value_fit = Fit {
                max_width: sheet.content_width() - key_width - 4.0,
                min_size_pt: 6.0,
            };
            canvas.fitted_text(
                MARGIN_X + key_width + 4.0,
                baseline,
                Align::Left,
                TextStyle::new(8.5).bold(),
                value_fit,
                value,
            );
        }
        Item::SectionTitle { section } => {
            let fit = Fit {
                max_width: sheet.content_width(),
                min_size_pt: 7.0,
            };
            let title = &report.sections[*section].title;
            canvas.fitted_text(
                MARGIN_X,
                top - 5.5,
                Align::Left,
                TextStyle::new(11.0).bold(),
                fit,
                title,
            );
        }
        Item::Header { section } => {
            canvas.rect(
                MARGIN_X,
                top - HEADER_HEIGHT,
                sheet.content_width(),
                HEADER_HEIGHT,
                Some(HEADER_FILL),
                None,
            );
            let cells = report.sections[*section].columns.iter().map(String::as_str);
            let style = TextStyle::new(sheet.body_size).bold();
            draw_cells(canvas, &tables[*section], top, HEADER_HEIGHT, style, cells);
        }
        Item::Row { section, row } if report.sections[*section].rows[*row].group_heading => {
            canvas.rect(
                MARGIN_X,
                top - GROUP_HEADING_HEIGHT,
                sheet.content_width(),
                GROUP_HEADING_HEIGHT,
                Some(GROUP_FILL),
                None,
            );
            let style = TextStyle::new(8.5).bold();
            let baseline = top - GROUP_HEADING_HEIGHT / 2.0 - centring_drop_mm(style.size_pt);
            let fit = Fit {
                max_width: sheet.content_width() - 2.0 * CELL_PADDING,
                min_size_pt: 6.0,
            };
            let heading = &report.sections[*section].rows[*row].name;
            canvas.fitted_text(
                MARGIN_X + CELL_PADDING,
                baseline,
                Align::Left,
                style,
                fit,
                heading,
            );
        }
        Item::Row { section, row } => {
            if tables[*section].striped[*row] {
                canvas.rect(
                    MARGIN_X,
                    top - sheet.row_height,
                    sheet.content_width(),
                    sheet.row_height,
                    Some(STRIPE_FILL),
                    None,
                );
            }
            let row = &report.sections[*section].rows[*row];
            let cells =
                std::iter::once(row.name.as_str()).chain(row.cells.iter().map(String::as_str));
            draw_cells(
                canvas,
                &tables[*section],
                top,
                sheet.row_height,
                TextStyle::new(sheet.body_size),
                cells,
            );
        }
        Item::Finding { line, first_line } => {
            let baseline = top - FINDING_LINE_HEIGHT / 2.0 - centring_drop_mm(sheet.body_size);
            if *first_line {
                canvas.text(
                    MARGIN_X + 2.0,
                    baseline,
                    Align::Left,
                    TextStyle::new(sheet.body_size),
                    "•",
                );
            }
            canvas.text(
                MARGIN_X + FINDING_INDENT,
                baseline,
                Align::Left,
                TextStyle::new(sheet.body_size),
                line,
            );
        }
    }
}

/// Width of the summary's key column: the widest key, within limits.
fn summary_key_width(canvas: &mut Canvas<'_>, report: &PowerReport) -> f32 {
    let widest = report
        .summary
        .iter()
        .map(|(key, _)| canvas.shaper.width_mm(key, 8.5))
        .fold(0.0f32, f32::max);
    widest.clamp(20.0, 80.0)
}

fn draw_cells<'t>(
    canvas: &mut Canvas<'_>,
    table: &TablePlan,
    top: f32,
    height: f32,
    style: TextStyle,
    cells: impl Iterator<Item = &'t str>,
) {
    let baseline = top - height / 2.0 - centring_drop_mm(style.size_pt);
    let mut left = MARGIN_X;
    for (index, cell) in cells.enumerate() {
        let Some(&width) = table.widths.get(index) else {
            break;
        };
        let fit = Fit {
            max_width: width - 2.0 * CELL_PADDING,
            min_size_pt: 6.0,
        };
        if table.right_aligned[index] {
            canvas.fitted_text(
                left + width - CELL_PADDING,
                baseline,
                Align::Right,
                style,
                fit,
                cell,
            );
        } else {
            canvas.fitted_text(left + CELL_PADDING, baseline, Align::Left, style, fit, cell);
        }
        left += width;
    }
}

fn draw_footer(
    canvas: &mut Canvas<'_>,
    sheet: &Sheet,
    title: &str,
    number: usize,
    page_count: usize,
) {
    let rule = Outline {
        colour: Colour::RULE_GREY,
        width_pt: 0.4,
        dashed: false,
    };
    canvas.line((MARGIN_X, 14.0), (sheet.content_right(), 14.0), rule);
    let style = TextStyle::new(7.5).colour(Colour::TEXT_GREY);
    let page = format!("{number} / {page_count}");
    let page_width = canvas.text(sheet.content_right(), 10.0, Align::Right, style, &page);
    let fit = Fit {
        max_width: sheet.content_width() - page_width - 6.0,
        min_size_pt: 5.0,
    };
    canvas.fitted_text(MARGIN_X, 10.0, Align::Left, style, fit, title);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PowerRow, PowerSection};

    fn report(rows: usize) -> PowerReport {
        PowerReport {
            title: "전력 보고서".into(),
            generated: "2026-11-25 14:00 · 홍길동".into(),
            summary: vec![("랙".into(), "200".into())],
            sections: vec![PowerSection {
                title: "랙별 전력".into(),
                columns: vec!["랙".into(), "부하".into(), "상태".into()],
                rows: (0..rows)
                    .map(|i| PowerRow {
                        group_heading: false,
                        name: format!("A-R{i:02}"),
                        cells: vec![format!("{}.5 kW", i % 9), "정상".into()],
                    })
                    .collect(),
                findings: vec!["A-R03 부하가 높습니다".into()],
            }],
        }
    }

    fn shaper() -> TextShaper {
        TextShaper::for_document(&mut PdfDocument::new("test")).expect("font parses")
    }

    #[test]
    fn a_table_that_continues_repeats_its_title_and_header() {
        let pages = plan_pages(&mut shaper(), &report(120), &Sheet::PORTRAIT);
        assert!(pages.len() >= 3, "{}", pages.len());
        for page in &pages[1..] {
            assert_eq!(page[0].item, Item::SectionTitle { section: 0 });
            assert_eq!(page[1].item, Item::Header { section: 0 });
        }
        let rows: usize = pages
            .iter()
            .flatten()
            .filter(|placed| matches!(placed.item, Item::Row { .. }))
            .count();
        assert_eq!(rows, 120);
        for placed in pages.iter().flatten() {
            assert!(
                placed.top <= Sheet::PORTRAIT.page_top() && placed.top > PAGE_BOTTOM,
                "{placed:?}"
            );
        }
    }

    #[test]
    fn a_group_that_crosses_a_page_repeats_its_heading_and_headings_do_not_end_a_page() {
        let mut report = report(0);
        let section = &mut report.sections[0];
        for group in 0..4 {
            section.rows.push(PowerRow {
                name: format!("U{} 장치-{group}", 40 - group),
                cells: Vec::new(),
                group_heading: true,
            });
            for port in 0..30 {
                section.rows.push(PowerRow {
                    name: format!("eth{port}"),
                    cells: vec!["1 m".into(), "계획".into()],
                    group_heading: false,
                });
            }
        }
        let pages = plan_pages(&mut shaper(), &report, &Sheet::PORTRAIT);
        assert!(pages.len() >= 3, "{}", pages.len());
        let is_heading = |placed: &Placed| match placed.item {
            Item::Row { row, .. } => report.sections[0].rows[row].group_heading,
            _ => false,
        };
        for page in &pages[1..] {
            assert_eq!(page[1].item, Item::Header { section: 0 });
            assert!(is_heading(&page[2]), "{:?}", page[2]);
        }
        for page in &pages {
            let last_row = page
                .iter()
                .rev()
                .find(|placed| matches!(placed.item, Item::Row { .. }))
                .expect("rows on every page");
            assert!(!is_heading(last_row), "a heading alone at a page's foot");
        }
        let table = TablePlan::for_section(&mut shaper(), &report.sections[0], &Sheet::PORTRAIT);
        assert_eq!(table.widths.len(), 3, "headings take no column");
        assert_eq!(&table.striped[..4], [false, false, true, false]);
    }

    #[test]
    fn number_columns_are_right_aligned_and_words_are_not() {
        let report = report(5);
        let table = TablePlan::for_section(&mut shaper(), &report.sections[0], &Sheet::PORTRAIT);
        assert_eq!(table.right_aligned, vec![false, true, false]);
        let total: f32 = table.widths.iter().sum();
        assert!(
            (total - Sheet::PORTRAIT.content_width()).abs() < 0.01,
            "{total}"
        );
    }

    #[test]
    fn a_dash_does_not_stop_a_column_being_numeric() {
        let kind = ["1,200 W", "—", "", "-3.5"]
            .iter()
            .fold(Numeric::Unknown, |kind, cell| kind.with_cell(cell));
        assert_eq!(kind, Numeric::Yes);
        assert_eq!(Numeric::Yes.with_cell("A/B"), Numeric::No);
    }
}
