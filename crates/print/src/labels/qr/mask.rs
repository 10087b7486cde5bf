//! Choosing a QR code's mask: the ISO/IEC 18004 §7.8.3 penalty of each of the eight masked
//! symbols, computed on whole rows and columns at once.
//!
//! Encoding, data placement, masking and the format bits are the qrcode crate's; any mask
//! gives a valid code, and the score only picks the one easiest to scan. The crate scores
//! with a closure per module and masks by calling a function per module, which was most of
//! printing a sheet of labels, so the choice is made here and gives the same symbol.

use std::ops::{BitAnd, BitOr, BitXor, Not, Shl, Shr};

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::Color;

/// The eight mask patterns of a (non-micro) QR code, in the order ties are broken.
pub(super) const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// One row or column of a code as the bits of an unsigned integer, module `i` at bit
/// `i + 4`, with four light modules of padding on each side, so that shifts and masks test
/// a whole line at once. Codes up to 56 modules wide (version 9, every label payload we
/// print) fit a u64; up to 120 (version 26) a u128, at about twice the cost.
trait Line:
    Copy
    + Eq
    + std::fmt::Debug
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitXor<Output = Self>
    + Not<Output = Self>
    + Shl<usize, Output = Self>
    + Shr<usize, Output = Self>
{
    const ZERO: Self;
    const ONE: Self;
    /// The widest code whose lines fit, with their padding.
    const WIDEST: usize;
    fn ones(self) -> u32;
}

macro_rules! line {
    ($integer:ty) => {
        impl Line for $integer {
            const ZERO: Self = 0;
            const ONE: Self = 1;
            const WIDEST: usize = <$integer>::BITS as usize - 8;
            fn ones(self) -> u32 {
                self.count_ones()
            }
        }
    };
}
line!(u64);
line!(u128);

/// A code packed as [`Line`]s, every row and every column.
#[derive(Debug, Clone, PartialEq)]
struct PackedCode<L> {
    rows: Vec<L>,
    columns: Vec<L>,
}

impl<L: Line> PackedCode<L> {
    /// A `width`-wide code whose module `(row, column)` is dark when `dark(row, column)`.
    fn new(width: usize, dark: impl Fn(usize, usize) -> bool) -> Self {
        let mut code = Self {
            rows: vec![L::ZERO; width],
            columns: vec![L::ZERO; width],
        };
        for row in 0..width {
            for column in 0..width {
                if dark(row, column) {
                    code.rows[row] = code.rows[row] | L::ONE << (column + 4);
                    code.columns[column] = code.columns[column] | L::ONE << (row + 4);
                }
            }
        }
        code
    }

    /// Writes `self` XOR `other` (of the same width) into `out`.
    fn xor_into(&self, other: &Self, out: &mut Self) {
        for (lines, mine, theirs) in [
            (&mut out.rows, &self.rows, &other.rows),
            (&mut out.columns, &self.columns, &other.columns),
        ] {
            for (line, (mine, theirs)) in lines.iter_mut().zip(mine.iter().zip(theirs)) {
                *line = *mine ^ *theirs;
            }
        }
    }

    /// The modules row by row, dark as `true`.
    fn to_modules(&self, width: usize) -> Vec<bool> {
        (0..width * width)
            .map(|module| self.rows[module / width] >> (module % width + 4) & L::ONE == L::ONE)
            .collect()
    }

    /// [`plain_penalty`] of this `width`-wide code.
    fn penalty(&self, width: usize) -> u32 {
        let inside = !(!L::ZERO << width) << 4;
        let mut score = 0;
        for line in self.rows.iter().chain(&self.columns) {
            score += line_penalty_packed(*line, inside);
        }
        // A 2 × 2 block at (row, column) has all four modules equal.
        let pairs = inside & (inside >> 1);
        for pair in self.rows.windows(2) {
            let (upper, lower) = (pair[0], pair[1]);
            let same = !(upper ^ lower) & !(upper ^ (upper >> 1)) & !(lower ^ (lower >> 1)) & pairs;
            score += 3 * same.ones();
        }
        let dark_count: u32 = self.rows.iter().map(|row| row.ones()).sum();
        let percent = dark_count as usize * 100 / (width * width);
        score + (percent.abs_diff(50) / 5) as u32 * 10
    }
}

/// [`line_penalty`] for one packed line; `inside` has the bits of the code's modules set.
fn line_penalty_packed<L: Line>(line: L, inside: L) -> u32 {
    // Runs: bit i of `same` is set when modules i and i + 1 match, so a run of n modules is
    // n - 1 set bits, and bit i of `long` is set when modules i..=i+4 match: a run of n ≥ 5
    // leaves n - 4 of those, starting at one bit per run. Its penalty n - 2 is both counts.
    let same = !(line ^ (line >> 1)) & inside & (inside >> 1);
    let long = same & (same >> 1) & (same >> 2) & (same >> 3);
    let mut score = long.ones() + 2 * (long & !(long << 1)).ones();
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
    // Most lines have none, and the rest of the test is as long as what came before it.
    if starts == L::ZERO {
        return score;
    }
    // Bit s of `light_four` is set when modules s..s+4 are light; the padding is light.
    let light_four = light & (light >> 1) & (light >> 2) & (light >> 3);
    let light_before = light_four << 4;
    let light_after = light_four >> 7;
    score += 40 * (starts & (light_before | light_after)).ones();
    score
}

/// For each of [`MASKS`], a version's symbol with no data as the qrcode crate masks it: the
/// functional patterns, that mask's format information, and on every data module the mask
/// itself.
///
/// Masking inverts a data module where the mask's pattern is dark, so a code's masked symbol
/// is its version's blank masked symbol with the code's dark data modules flipped: one XOR
/// per row and per column instead of the crate's function call per module.
pub(super) struct MaskedBlanks(Blanks);

enum Blanks {
    Narrow([PackedCode<u64>; 8]),
    Wide([PackedCode<u128>; 8]),
    /// Codes too wide to pack (version 27 and up) are masked by the crate.
    Unpacked,
}

impl MaskedBlanks {
    /// The blanks of the version whose functional patterns (format information reserved,
    /// no data) are `functional`, `width` modules wide.
    pub(super) fn new(functional: &Canvas, width: usize) -> Self {
        fn blanks<L: Line>(functional: &Canvas, width: usize) -> [PackedCode<L>; 8] {
            MASKS.map(|mask| {
                let mut blank = functional.clone();
                blank.apply_mask(mask);
                PackedCode::new(width, |row, column| {
                    blank.get(column as i16, row as i16) == Module::Masked(Color::Dark)
                })
            })
        }
        Self(if width <= u64::WIDEST {
            Blanks::Narrow(blanks(functional, width))
        } else if width <= u128::WIDEST {
            Blanks::Wide(blanks(functional, width))
        } else {
            Blanks::Unpacked
        })
    }

    /// The modules, row by row, of `canvas` (a `width`-wide code of this version with its
    /// data drawn, not masked) under the mask with the lowest penalty; ties go to the
    /// earlier mask in [`MASKS`].
    pub(super) fn best(&self, canvas: &Canvas, width: usize) -> Vec<bool> {
        match &self.0 {
            Blanks::Narrow(blanks) => best_packed(blanks, canvas, width),
            Blanks::Wide(blanks) => best_packed(blanks, canvas, width),
            Blanks::Unpacked => best_mask_plainly(canvas),
        }
    }
}

fn best_packed<L: Line>(blanks: &[PackedCode<L>; 8], canvas: &Canvas, width: usize) -> Vec<bool> {
    let dark_data = PackedCode::<L>::new(width, |row, column| {
        canvas.get(column as i16, row as i16) == Module::Unmasked(Color::Dark)
    });
    let mut masked = dark_data.clone();
    let mut best = (u32::MAX, 0);
    for (index, blank) in blanks.iter().enumerate() {
        blank.xor_into(&dark_data, &mut masked);
        let score = masked.penalty(width);
        if score < best.0 {
            best = (score, index);
        }
    }
    blanks[best.1].xor_into(&dark_data, &mut masked);
    masked.to_modules(width)
}

/// The modules of the masked code with the lowest penalty, masking with the qrcode crate
/// module by module and scoring module by module: for codes too wide to pack, and the
/// reference the packed choice is tested against.
pub(super) fn best_mask_plainly(canvas: &Canvas) -> Vec<bool> {
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
        let score = plain_penalty(&dark, width);
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, dark)| dark).unwrap_or_default()
}

/// The ISO/IEC 18004 mask penalty module by module: runs of five or more, 2 × 2 blocks,
/// finder look-alikes and dark/light imbalance. Lower is better.
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

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{bits, ec, EcLevel, Version};

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

    fn packed_penalty<L: Line>(dark: &[bool], width: usize) -> u32 {
        PackedCode::<L>::new(width, |row, column| dark[row * width + column]).penalty(width)
    }

    #[test]
    fn packed_scoring_matches_the_plain_scoring() {
        // A fixed pseudo-random sequence, so the test is the same every run.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for width in [21, 25, 56, 57, 120] {
            for density in [2, 3, 5] {
                let dark: Vec<bool> = (0..width * width)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state.is_multiple_of(density)
                    })
                    .collect();
                let plain = plain_penalty(&dark, width);
                let case = format!("width {width}, density 1/{density}");
                assert_eq!(packed_penalty::<u128>(&dark, width), plain, "{case}");
                if width <= u64::WIDEST {
                    assert_eq!(packed_penalty::<u64>(&dark, width), plain, "{case}");
                }
            }
        }
    }

    /// The qrcode crate's symbol for `payload` before masking, and its version.
    fn unmasked(payload: &str) -> (Canvas, Version) {
        let bits = bits::encode_auto(payload.as_bytes(), EcLevel::M).expect("fits");
        let version = bits.version();
        let (data, error_correction) =
            ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).expect("fits");
        let mut canvas = Canvas::new(version, EcLevel::M);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &error_correction);
        (canvas, version)
    }

    fn every_mask_is_the_crates<L: Line>(
        blanks: &[PackedCode<L>; 8],
        canvas: &Canvas,
        width: usize,
        version: Version,
    ) {
        let dark_data = PackedCode::<L>::new(width, |row, column| {
            canvas.get(column as i16, row as i16) == Module::Unmasked(Color::Dark)
        });
        let mut ours = dark_data.clone();
        for (mask, blank) in MASKS.into_iter().zip(blanks) {
            let mut reference = canvas.clone();
            reference.apply_mask(mask);
            let reference = PackedCode::<L>::new(width, |row, column| {
                reference.get(column as i16, row as i16) == Module::Masked(Color::Dark)
            });
            blank.xor_into(&dark_data, &mut ours);
            assert_eq!(ours, reference, "{version:?}, {mask:?}");
        }
    }

    #[test]
    fn masking_blanks_gives_the_crates_own_masked_symbols() {
        // Versions 1 to 6, then 7 and up (which add version information), 10 and up (too
        // wide for a u64), and 27 (too wide to pack).
        let mut kinds = Vec::new();
        for length in [1, 12, 30, 60, 100, 110, 150, 200, 300, 500, 800, 1200] {
            let payload: String = (0..length)
                .map(|index| char::from(b'a' + (index * 7 % 26) as u8))
                .collect();
            let (canvas, version) = unmasked(&payload);
            let width = usize::try_from(version.width()).expect("positive");
            let mut functional = Canvas::new(version, EcLevel::M);
            functional.draw_all_functional_patterns();
            let blanks = MaskedBlanks::new(&functional, width);
            // The chosen symbol is the one the crate's masking and plain scoring choose.
            assert_eq!(
                blanks.best(&canvas, width),
                best_mask_plainly(&canvas),
                "{version:?}"
            );
            match &blanks.0 {
                Blanks::Narrow(blanks) => {
                    every_mask_is_the_crates(blanks, &canvas, width, version);
                    kinds.push(("narrow", version));
                }
                Blanks::Wide(blanks) => {
                    every_mask_is_the_crates(blanks, &canvas, width, version);
                    kinds.push(("wide", version));
                }
                Blanks::Unpacked => kinds.push(("unpacked", version)),
            }
        }
        for (kind, version) in [
            ("narrow", Version::Normal(1)),
            ("narrow", Version::Normal(7)),
            ("wide", Version::Normal(10)),
        ] {
            assert!(
                kinds.contains(&(kind, version)),
                "{kind} {version:?}: {kinds:?}"
            );
        }
        assert!(
            kinds.iter().any(|(kind, _)| *kind == "unpacked"),
            "{kinds:?}"
        );
    }
}
