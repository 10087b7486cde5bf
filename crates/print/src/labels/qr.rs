//! QR codes as rectangles in module units, for both writers.

mod mask;

use qrcode::canvas::Canvas;
use qrcode::{bits, ec, EcLevel, Version};

use self::mask::MaskedBlanks;
use super::LabelText;

/// A QR code's dark modules merged into rectangles: horizontal runs of a row, stacked with
/// identical runs of the rows below. Finder patterns and timing lines come out as a few
/// rectangles each, so a code is drawn with about a hundred rectangles instead of hundreds of
/// squares.
pub(crate) struct QrRectangles {
    /// Modules per side, without a quiet zone.
    pub modules: usize,
    /// (column, row, width, height) in modules, rows counted from the top.
    pub rectangles: Vec<(u16, u16, u16, u16)>,
}

/// Encodes QR codes at error correction level M, keeping what every code of one version
/// shares so that the next code of that version does not compute it again. One per thread.
#[derive(Default)]
pub(crate) struct QrEncoder {
    /// Indexed by version number; filled on first use.
    templates: Vec<Option<VersionTemplate>>,
}

/// What every code of one version shares.
struct VersionTemplate {
    /// The symbol before data: finder, timing and alignment patterns, version information,
    /// and the format information reserved.
    functional: Canvas,
    masked_blanks: MaskedBlanks,
}

impl VersionTemplate {
    fn new(version: Version) -> Self {
        let mut functional = Canvas::new(version, EcLevel::M);
        functional.draw_all_functional_patterns();
        let width = usize::try_from(version.width()).unwrap_or(0);
        let masked_blanks = MaskedBlanks::new(&functional, width);
        Self {
            functional,
            masked_blanks,
        }
    }
}

impl QrEncoder {
    /// The dark modules of the code for `payload`, row by row, and its width; `None` when
    /// the payload is too long for any QR version.
    ///
    /// This is `QrCode::new` with the mask chosen by [`mask`] instead of by the crate's own
    /// scoring, which was most of the time it took.
    pub(crate) fn encode(&mut self, payload: &[u8]) -> Option<(usize, Vec<bool>)> {
        let bits = bits::encode_auto(payload, EcLevel::M).ok()?;
        let version = bits.version();
        let (data, error_correction) =
            ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
        let Version::Normal(number) = version else {
            return None;
        };
        let index = usize::try_from(number).ok()?;
        if self.templates.len() <= index {
            self.templates.resize_with(index + 1, || None);
        }
        let template = self.templates[index].get_or_insert_with(|| VersionTemplate::new(version));
        let mut canvas = template.functional.clone();
        canvas.draw_data(&data, &error_correction);
        let width = usize::try_from(version.width()).ok()?;
        Some((width, template.masked_blanks.best(&canvas, width)))
    }

    /// The code for `payload` at error correction level M, or `None` when it is too long for
    /// any QR version.
    pub(crate) fn rectangles(&mut self, payload: &str) -> Option<QrRectangles> {
        let (modules, dark) = self.encode(payload.as_bytes())?;
        Some(merge_rectangles(modules, &dark))
    }
}

/// The dark modules of a `modules`-wide code merged into rectangles (see [`QrRectangles`]).
fn merge_rectangles(modules: usize, dark: &[bool]) -> QrRectangles {
    let mut rectangles: Vec<(u16, u16, u16, u16)> = Vec::with_capacity(modules * 4);
    // Indexes into `rectangles` of those that reach the row above the current one.
    let mut open: Vec<usize> = Vec::new();
    let mut still_open: Vec<usize> = Vec::new();
    for row in 0..modules {
        let cells = &dark[row * modules..(row + 1) * modules];
        let mut column = 0;
        while column < modules {
            if !cells[column] {
                column += 1;
                continue;
            }
            let start = column;
            while column < modules && cells[column] {
                column += 1;
            }
            let (x, width) = (start as u16, (column - start) as u16);
            let extended = open.iter().copied().find(|&index| {
                let (rx, _, rw, _) = rectangles[index];
                rx == x && rw == width
            });
            match extended {
                Some(index) => {
                    rectangles[index].3 += 1;
                    still_open.push(index);
                }
                None => {
                    still_open.push(rectangles.len());
                    rectangles.push((x, row as u16, width, 1));
                }
            }
        }
        std::mem::swap(&mut open, &mut still_open);
        still_open.clear();
    }
    QrRectangles {
        modules,
        rectangles,
    }
}

impl QrRectangles {
    /// The code as PDF path operators in module units with y downwards, one `re` per
    /// rectangle and one `f` to fill them all: about 10 bytes a rectangle.
    pub(crate) fn fill_path(&self) -> String {
        let mut path = String::with_capacity(self.rectangles.len() * 16 + 1);
        for &(x, y, width, height) in &self.rectangles {
            for number in [x, y, width, height] {
                push_number(&mut path, number);
                path.push(' ');
            }
            path.push_str("re ");
        }
        path.push('f');
        path
    }
}

/// Appends `number` in decimal. `write!` goes through the formatting machinery for every
/// number, which was a twentieth of printing a sheet of labels.
fn push_number(out: &mut String, number: u16) {
    let mut digits = [0u8; 5];
    let mut start = digits.len();
    let mut rest = number;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

/// A code as the PDF draws it: its width in modules (without a quiet zone) and its
/// [`QrRectangles::fill_path`].
pub(crate) struct QrPath {
    pub modules: usize,
    pub path: String,
}

/// Every label's QR code, in label order: `None` for a label without a payload, and an
/// `Err` with the payload's length for one too long for a QR code.
///
/// Encoding is most of the cost of a sheet of labels (choosing the best of eight masks scores
/// each of them), and each code is independent, so the labels are split across the
/// machine's cores, each with its own [`QrEncoder`]. The result does not depend on the split.
pub(crate) fn encode_all(labels: &[LabelText]) -> Vec<Option<Result<QrPath, usize>>> {
    let encode_part = |part: &[LabelText]| {
        let mut encoder = QrEncoder::default();
        part.iter()
            .map(|label| {
                let payload = label.qr.as_deref().filter(|payload| !payload.is_empty())?;
                Some(
                    encoder
                        .rectangles(payload)
                        .map(|code| QrPath {
                            modules: code.modules,
                            path: code.fill_path(),
                        })
                        .ok_or(payload.len()),
                )
            })
            .collect::<Vec<_>>()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    if threads == 1 || labels.len() < 64 {
        return encode_part(labels);
    }
    let chunk = labels.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = labels
            .chunks(chunk)
            .map(|part| scope.spawn(move || encode_part(part)))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(codes) => codes,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{Color, QrCode};

    #[test]
    fn our_mask_choice_changes_only_the_mask() {
        // The same version, and the same modules wherever no mask applies (finder, timing
        // and alignment patterns), as the qrcode crate's own encoder.
        for payload in [
            "CBL-000123-A",
            "AT-000107",
            "https://example.com/cable/000123",
        ] {
            let reference = QrCode::new(payload).expect("fits");
            let (width, dark) = QrEncoder::default()
                .encode(payload.as_bytes())
                .expect("fits");
            assert_eq!(width, reference.width());
            let reference_dark = reference.to_colors();
            for row in 0..width {
                for column in 0..width {
                    if reference.is_functional(column, row) {
                        assert_eq!(
                            dark[row * width + column],
                            reference_dark[row * width + column] == Color::Dark,
                            "{payload}: module {column},{row}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn one_encoder_encodes_codes_of_different_versions() {
        // The per-version templates are kept apart: a long payload between two short ones
        // changes neither.
        let mut encoder = QrEncoder::default();
        let short = encoder.encode(b"CBL-000123-A").expect("fits");
        let long = encoder.encode(&[b'x'; 300]).expect("fits");
        assert!(long.0 > short.0);
        assert_eq!(encoder.encode(b"CBL-000123-A"), Some(short.clone()));
        assert_eq!(QrEncoder::default().encode(&[b'x'; 300]), Some(long));
    }

    #[test]
    fn the_fill_path_lists_every_rectangle() {
        let code = QrEncoder::default()
            .rectangles("CBL-000123-A")
            .expect("fits");
        let expected: String = code
            .rectangles
            .iter()
            .map(|(x, y, width, height)| format!("{x} {y} {width} {height} re "))
            .chain(["f".to_owned()])
            .collect();
        assert_eq!(code.fill_path(), expected);
        let mut wide = String::new();
        for number in [0, 9, 10, 99, 100, 65535] {
            push_number(&mut wide, number);
            wide.push(' ');
        }
        assert_eq!(wide, "0 9 10 99 100 65535 ");
    }

    #[test]
    fn rectangles_cover_exactly_the_dark_modules() {
        let payload = "CBL-000123";
        let mut encoder = QrEncoder::default();
        let (modules, dark) = encoder.encode(payload.as_bytes()).expect("fits");
        let mut covered = vec![false; modules * modules];
        let drawn = encoder.rectangles(payload).expect("fits");
        for (x, y, width, height) in drawn.rectangles {
            for row in y..y + height {
                for column in x..x + width {
                    let cell = &mut covered[usize::from(row) * modules + usize::from(column)];
                    assert!(!*cell, "module {column},{row} drawn twice");
                    *cell = true;
                }
            }
        }
        assert_eq!(covered, dark);
    }
}
