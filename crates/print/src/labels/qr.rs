//! QR codes as rectangles in module units, for both writers.

use std::fmt::Write as _;

use qrcode::{Color, QrCode};

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

/// The code for `payload` at error correction level M, or `None` when it is too long for any
/// QR version.
pub(crate) fn qr_rectangles(payload: &str) -> Option<QrRectangles> {
    let code = QrCode::new(payload.as_bytes()).ok()?;
    let modules = code.width();
    let colours = code.into_colors();
    let mut rectangles: Vec<(u16, u16, u16, u16)> = Vec::with_capacity(modules * 4);
    // Indexes into `rectangles` of those that reach the row above the current one.
    let mut open: Vec<usize> = Vec::new();
    let mut still_open: Vec<usize> = Vec::new();
    for row in 0..modules {
        let cells = &colours[row * modules..(row + 1) * modules];
        let mut column = 0;
        while column < modules {
            if cells[column] != Color::Dark {
                column += 1;
                continue;
            }
            let start = column;
            while column < modules && cells[column] == Color::Dark {
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
    Some(QrRectangles {
        modules,
        rectangles,
    })
}

impl QrRectangles {
    /// The code as PDF path operators in module units with y downwards, one `re` per
    /// rectangle and one `f` to fill them all: about 10 bytes a rectangle.
    pub(crate) fn fill_path(&self) -> String {
        let mut path = String::with_capacity(self.rectangles.len() * 12 + 1);
        for &(x, y, width, height) in &self.rectangles {
            let _ = write!(path, "{x} {y} {width} {height} re ");
        }
        path.push('f');
        path
    }
}

/// Every label's QR code, in label order: `None` for a label without a payload, and an
/// `Err` with the payload's length for one too long for a QR code.
///
/// Encoding is most of the cost of a sheet of labels (choosing the best of eight masks scores
/// each of them), and each code is independent, so the labels are split across the
/// machine's cores. The result does not depend on the split.
pub(crate) fn encode_all(labels: &[LabelText]) -> Vec<Option<Result<QrRectangles, usize>>> {
    let encode = |label: &LabelText| {
        let payload = label.qr.as_deref().filter(|payload| !payload.is_empty())?;
        Some(qr_rectangles(payload).ok_or(payload.len()))
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    if threads == 1 || labels.len() < 64 {
        return labels.iter().map(encode).collect();
    }
    let chunk = labels.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = labels
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(encode).collect::<Vec<_>>()))
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

    #[test]
    fn rectangles_cover_exactly_the_dark_modules() {
        let payload = "CBL-000123";
        let code = QrCode::new(payload).expect("fits");
        let modules = code.width();
        let mut covered = vec![false; modules * modules];
        let drawn = qr_rectangles(payload).expect("fits");
        for (x, y, width, height) in drawn.rectangles {
            for row in y..y + height {
                for column in x..x + width {
                    let cell = &mut covered[usize::from(row) * modules + usize::from(column)];
                    assert!(!*cell, "module {column},{row} drawn twice");
                    *cell = true;
                }
            }
        }
        let dark: Vec<bool> = code.to_colors().iter().map(|c| *c == Color::Dark).collect();
        assert_eq!(covered, dark);
    }
}
