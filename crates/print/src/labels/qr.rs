//! QR codes as rectangles in module units, for both writers.

use qrcode::{Color, QrCode};

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
