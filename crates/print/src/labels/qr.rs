//! QR codes as rectangles in module units, for both writers.

use std::fmt::Write as _;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{bits, ec, Color, EcLevel};

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

/// The eight mask patterns of a (non-micro) QR code, in the order ties are broken.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The dark modules of the code for `payload` at error correction level M, row by row, and
/// its width; `None` when the payload is too long for any QR version.
///
/// This is `QrCode::new` with our own scoring of the eight masks: the qrcode crate's scoring
/// allocates a closure per module and was 40 % of printing a sheet of labels. Encoding,
/// masking and the format bits are still the crate's; any mask gives a valid code, and the
/// score (ISO/IEC 18004 §7.8.3) only picks the one easiest to scan.
pub(crate) fn encode(payload: &[u8]) -> Option<(usize, Vec<bool>)> {
    let bits = bits::encode_auto(payload, EcLevel::M).ok()?;
    let version = bits.version();
    let (data, error_correction) =
        ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &error_correction);
    let mut best: Option<(u32, Vec<bool>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let dark: Vec<bool> = masked
            .into_colors()
            .into_iter()
            .map(|colour| colour == Color::Dark)
            .collect();
        let width = (dark.len() as f64).sqrt() as usize;
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, dark));
        }
    }
    let (_, dark) = best?;
    Some(((dark.len() as f64).sqrt() as usize, dark))
}

/// The ISO/IEC 18004 mask penalty: runs of five or more, 2 × 2 blocks, finder look-alikes
/// and dark/light imbalance. Lower is better. Codes up to 120 modules wide (version 26,
/// far beyond any label payload) are scored with each row and column as one integer.
fn penalty(dark: &[bool], width: usize) -> u32 {
    if width <= PACKED_WIDTH {
        packed_penalty(dark, width)
    } else {
        plain_penalty(dark, width)
    }
}

/// The widest code [`packed_penalty`] handles: four bits of light padding each side in a u128.
const PACKED_WIDTH: usize = 120;

/// [`plain_penalty`] with every row and column as the bits of a u128, module `i` at bit
/// `i + 4`, so shifts and masks test a whole line at once.
fn packed_penalty(dark: &[bool], width: usize) -> u32 {
    let mut rows = [0u128; PACKED_WIDTH];
    let mut columns = [0u128; PACKED_WIDTH];
    for row in 0..width {
        for column in 0..width {
            if dark[row * width + column] {
                rows[row] |= 1 << (column + 4);
                columns[column] |= 1 << (row + 4);
            }
        }
    }
    let inside: u128 = ((1u128 << width) - 1) << 4;
    let mut score = 0;
    for line in rows[..width].iter().chain(&columns[..width]) {
        score += packed_line_penalty(*line, inside);
    }
    // A 2 × 2 block at (row, column) has all four modules equal.
    let pairs: u128 = inside & (inside >> 1);
    for pair in rows[..width].windows(2) {
        let (upper, lower) = (pair[0], pair[1]);
        let same = !(upper ^ lower) & !(upper ^ (upper >> 1)) & !(lower ^ (lower >> 1)) & pairs;
        score += 3 * same.count_ones();
    }
    let dark_count: u32 = rows[..width].iter().map(|row| row.count_ones()).sum();
    let percent = dark_count as usize * 100 / (width * width);
    score + (percent.abs_diff(50) / 5) as u32 * 10
}

/// [`line_penalty`] for one packed line.
fn packed_line_penalty(line: u128, inside: u128) -> u32 {
    // Runs: bit i of `same` is set when modules i and i + 1 match, so a run of n modules is
    // n - 1 set bits, and bit i of `long` is set when modules i..=i+4 match: a run of n ≥ 5
    // leaves n - 4 of those, starting at one bit per run. Its penalty n - 2 is both counts.
    let same = !(line ^ (line >> 1)) & inside & (inside >> 1);
    let long = same & (same >> 1) & (same >> 2) & (same >> 3);
    let mut score = long.count_ones() + 2 * (long & !(long << 1)).count_ones();
    // Finder look-alikes: bit s of `starts` is set when modules s..s+7 read 1011101.
    let light = !line;
    let starts = line
        & (light >> 1)
        & (line >> 2)
        & (line >> 3)
        & (line >> 4)
        & (light >> 5)
        & (line >> 6)
        & inside
        & (inside >> 6);
    // Bit s of `light_four` is set when modules s..s+4 are light; the padding is light.
    let light_four = light & (light >> 1) & (light >> 2) & (light >> 3);
    let light_before = light_four << 4;
    let light_after = light_four >> 7;
    score += 40 * (starts & (light_before | light_after)).count_ones();
    score
}

/// The penalty module by module, for codes too wide to pack, and the reference the packed
/// scoring is tested against.
fn plain_penalty(dark: &[bool], width: usize) -> u32 {
    let at = |row: usize, column: usize| dark[row * width + column];
    let mut score = 0;
    for line in 0..width {
        let row: Vec<bool> = (0..width).map(|column| at(line, column)).collect();
        let column: Vec<bool> = (0..width).map(|row| at(row, line)).collect();
        score += line_penalty(&row) + line_penalty(&column);
    }
    for row in 0..width - 1 {
        for column in 0..width - 1 {
            let colour = at(row, column);
            if at(row, column + 1) == colour
                && at(row + 1, column) == colour
                && at(row + 1, column + 1) == colour
            {
                score += 3;
            }
        }
    }
    let dark_count = dark.iter().filter(|&&module| module).count();
    let percent = dark_count * 100 / dark.len();
    score + (percent.abs_diff(50) / 5) as u32 * 10
}

/// Rules 1 and 3 along one row or column: 3 + (n − 5) for every run of n ≥ 5 modules of
/// one colour, and 40 for every 1:1:3:1:1 finder look-alike with four light modules (or
/// the edge) on either side.
fn line_penalty(line: &[bool]) -> u32 {
    let mut score = 0;
    let mut run = 1;
    for index in 1..=line.len() {
        if index < line.len() && line[index] == line[index - 1] {
            run += 1;
            continue;
        }
        if run >= 5 {
            score += run - 2;
        }
        run = 1;
    }
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    let light = |from: isize, to: isize| {
        (from..to).all(|index| index < 0 || index as usize >= line.len() || !line[index as usize])
    };
    for start in 0..line.len().saturating_sub(6) {
        if line[start..start + 7] == FINDER {
            let (start, end) = (start as isize, start as isize + 7);
            if light(start - 4, start) || light(end, end + 4) {
                score += 40;
            }
        }
    }
    score as u32
}

/// The code for `payload` at error correction level M, or `None` when it is too long for any
/// QR version.
pub(crate) fn qr_rectangles(payload: &str) -> Option<QrRectangles> {
    let (modules, dark) = encode(payload.as_bytes())?;
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
    use qrcode::QrCode;

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
            let (width, dark) = encode(payload.as_bytes()).expect("fits");
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
    fn the_penalty_counts_runs_and_finder_look_alikes() {
        // A run of 7 dark modules scores 3 + 2; light before it is another run of 5.
        let run = [
            false, false, false, false, false, true, true, true, true, true, true, true,
        ];
        assert_eq!(line_penalty(&run), 3 + 5);
        let finder = [
            true, false, true, true, true, false, true, false, false, false, false,
        ];
        assert_eq!(line_penalty(&finder), 40);
    }

    #[test]
    fn packed_scoring_matches_the_plain_scoring() {
        // A fixed pseudo-random sequence, so the test is the same every run.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for width in [21, 25, 57, 120] {
            for density in [2, 3, 5] {
                let dark: Vec<bool> = (0..width * width)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state.is_multiple_of(density)
                    })
                    .collect();
                assert_eq!(
                    packed_penalty(&dark, width),
                    plain_penalty(&dark, width),
                    "width {width}, density 1/{density}"
                );
            }
        }
    }

    #[test]
    fn rectangles_cover_exactly_the_dark_modules() {
        let payload = "CBL-000123";
        let (modules, dark) = encode(payload.as_bytes()).expect("fits");
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
        assert_eq!(covered, dark);
    }
}
