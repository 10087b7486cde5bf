//! Cable and asset labels at their exact physical size: a PDF for sheet and roll printers, and
//! ZPL for Zebra-compatible thermal printers.
//!
//! Like the rest of the crate, this knows nothing of Cloudwright's domain: the caller turns
//! cables or assets into [`LabelText`]s (two per cable, one for each end, is the caller's
//! choice) and picks a [`LabelMedia`], usually one of [`builtin_media`].
//!
//! # Layout
//!
//! * Every label has a padding of 6 % of its shorter side (0.5 to 2 mm).
//! * With a QR code, the code sits at the left, vertically centred, at most 45 % of the width,
//!   and the lines are left-aligned to its right. Without one, the lines are centred.
//! * The lines share one size, the largest at which they all fit the height (at most 5 mm em
//!   height); a label with a headline (an asset tag) sets its first line 1.6 times that size.
//!   A line too wide for the label is then set smaller until it fits. Text is never cut: a
//!   cable id missing its last characters is a wrong id.
//! * Wrap labels print only in their top `printable_height_mm`; the rest is clear laminate.
//! * Flag labels leave the middle fifth blank (it wraps the cable) and print the whole label
//!   on both ends, so the flag reads the same from either side.
//!
//! # Example
//!
//! ```
//! use cloudwright_print::labels::{builtin_media, labels_pdf, labels_zpl, LabelText};
//!
//! let media = builtin_media().into_iter().find(|m| m.name == "a4-3x8").unwrap();
//! let label = LabelText {
//!     lines: vec!["CBL-000123 A".into(), "A-R01 U12 → 코어 스위치 1".into()],
//!     qr: Some("CBL-000123".into()),
//!     headline: false,
//! };
//! let pdf = labels_pdf(&[label.clone()], &media)?;
//! assert!(pdf.starts_with(b"%PDF"));
//! assert!(labels_zpl(&[label], &media).starts_with("^XA"));
//! # Ok::<(), cloudwright_print::PrintError>(())
//! ```

mod media;
mod pdf;
mod plan;
mod qr;
mod zpl;

pub use media::builtin_media;
pub use pdf::labels_pdf;
pub use zpl::labels_zpl;

/// The shape of a label stock, which decides where on a label things are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// Self-laminating wrap-around label: only the top `printable_height_mm` is printed.
    Wrap,
    /// Flag label: printed on both ends, the middle wraps the cable.
    Flag,
    /// A sheet of labels (A4) for an office printer.
    Sheet,
    /// Continuous tape cut into labels of a fixed length.
    Tape,
}

/// A label stock. All lengths are millimetres.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelMedia {
    /// e.g. "brady-wrap-25x38", "a4-3x8", "tape-12mm".
    pub name: String,
    /// A description for people, e.g. "A4 시트 3 × 8 (70 × 37 mm, 24장)".
    pub description: String,
    pub kind: MediaKind,
    /// One label. For tape the height is the tape's width and the width the cut length.
    pub label_width_mm: f64,
    pub label_height_mm: f64,
    /// The printed page: A4 for sheets, the label itself for roll media.
    pub page_width_mm: f64,
    pub page_height_mm: f64,
    /// Labels per page (1 × 1 for rolls).
    pub columns: u32,
    pub rows: u32,
    pub margin_left_mm: f64,
    pub margin_top_mm: f64,
    pub gap_x_mm: f64,
    pub gap_y_mm: f64,
    /// For wrap labels, the printed strip at the top; the rest is clear laminate. Other
    /// kinds set it to the label height.
    pub printable_height_mm: f64,
    /// Print resolution for ZPL (203 or 300).
    pub dpi: u32,
}

impl LabelMedia {
    /// The top-left corner of slot `index` (0-based, row by row) on its page, in mm from the
    /// page's top-left corner.
    pub fn slot_origin_mm(&self, index: u32) -> (f64, f64) {
        let columns = self.columns.max(1);
        let (row, column) = (index / columns, index % columns);
        (
            self.margin_left_mm + f64::from(column) * (self.label_width_mm + self.gap_x_mm),
            self.margin_top_mm + f64::from(row) * (self.label_height_mm + self.gap_y_mm),
        )
    }

    /// Labels on one page.
    pub fn labels_per_page(&self) -> u32 {
        self.columns * self.rows
    }

    /// Why labels cannot be laid out on this media, if they cannot.
    pub fn check(&self) -> Result<(), LabelProblem> {
        let lengths = [
            ("label_width_mm", self.label_width_mm),
            ("label_height_mm", self.label_height_mm),
            ("page_width_mm", self.page_width_mm),
            ("page_height_mm", self.page_height_mm),
            ("printable_height_mm", self.printable_height_mm),
        ];
        for (field, value) in lengths {
            if !(value.is_finite() && value > 0.0) {
                return Err(LabelProblem::NotPositive { field, value });
            }
        }
        let offsets = [
            ("margin_left_mm", self.margin_left_mm),
            ("margin_top_mm", self.margin_top_mm),
            ("gap_x_mm", self.gap_x_mm),
            ("gap_y_mm", self.gap_y_mm),
        ];
        for (field, value) in offsets {
            if !(value.is_finite() && value >= 0.0) {
                return Err(LabelProblem::Negative { field, value });
            }
        }
        if self.labels_per_page() == 0 {
            return Err(LabelProblem::NoSlots);
        }
        // A hundredth of a millimetre of slack for stock specified to the page edge.
        let (right, bottom) = self.slot_origin_mm(self.labels_per_page() - 1);
        let (right, bottom) = (right + self.label_width_mm, bottom + self.label_height_mm);
        if right > self.page_width_mm + 0.01 || bottom > self.page_height_mm + 0.01 {
            return Err(LabelProblem::OffThePage { right, bottom });
        }
        Ok(())
    }
}

/// What one label says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelText {
    /// Lines top to bottom; they may be Korean. Blank lines are skipped.
    pub lines: Vec<String>,
    /// The QR code's payload, e.g. a cable id.
    pub qr: Option<String>,
    /// The first line is the label's headline (an asset tag): set larger than the others.
    pub headline: bool,
}

/// Why labels could not be printed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LabelProblem {
    #[error("there are no labels to print")]
    NoLabels,
    #[error("{field} must be a positive length, not {value}")]
    NotPositive { field: &'static str, value: f64 },
    #[error("{field} must not be negative, not {value}")]
    Negative { field: &'static str, value: f64 },
    #[error("the media has no label slots (columns × rows is 0)")]
    NoSlots,
    #[error("the last label reaches {right:.1} mm across and {bottom:.1} mm down, off the page")]
    OffThePage { right: f64, bottom: f64 },
    #[error("label {index}: the QR payload ({bytes} bytes) does not fit in a QR code")]
    QrTooLong { index: usize, bytes: usize },
}
