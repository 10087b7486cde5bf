//! Printable PDFs for Cloudwright: a rack elevation pack and a power report.
//!
//! The drawing code knows nothing of Cloudwright's domain: it takes the plain input model here
//! ([`RackDrawing`], [`PowerReport`]) with every string already formatted and translated, and
//! gives PDF bytes back. [`racks`] maps a workspace's racks and budgets to that model, for the
//! CLI and the desktop app alike; [`cable_schedule`] maps its cable schedule to the power
//! report's tables, and [`asset_reports`] the asset register's reports; [`cable_labels`] and [`asset_labels`] turn cables and assets into
//! [`LabelText`]s for [`labels_pdf`] and [`labels_zpl`]. Korean text is set in NanumGothic, which
//! is embedded in the crate and subset into each document, so a PDF prints the same on any
//! machine, with or without Korean fonts installed.
//!
//! # Elevation pack layout
//!
//! * A4 portrait, one rack per page. Portrait because racks are tall: a 48U rack gets about
//!   227 mm of height, where landscape would leave it 150 mm.
//! * A title block at the top: the pack title and page "n / N", the rack name large, its
//!   location, the generated line, and the scale.
//! * The front view and the rear view side by side, with unit numbers in three columns (left
//!   of the front, between the views, right of the rear), `starting_unit` at the bottom.
//! * Heights are to scale and every unit is the same height. One scale serves the whole
//!   pack: it comes from the tallest rack, rounded down to 0.1 mm per U and capped at 6 mm, and
//!   is printed as "1U = 4.7 mm". Widths are not to scale: a 19-inch rack drawn at 4.7 mm per U
//!   would be 48 mm wide, too narrow for device names, so each view is 63 mm wide.
//! * A device is a rectangle in its category's colour holding its label and asset tag: a 1U
//!   or half-U device puts them on one line (tag at the right), a taller one on two. Text that
//!   does not fit is set smaller, then cut with "…".
//!   Full-depth devices (both faces) appear on both views; half-depth devices on one.
//! * Planned devices are drawn pale with a dashed outline, so a printed page shows what is
//!   not installed yet. Installed and verified devices are drawn the same, solid.
//! * Reservations are grey and hatched with their reason, on both views, under any device.
//! * Zero-U devices (vertical PDUs) are listed in a column right of the views, above a small
//!   legend; the power line runs along the bottom.
//!
//! # Power report layout
//!
//! A4 portrait: the title and generated line, a key/value summary, then each section as a
//! table (shaded header row, striped rows, numeric columns right-aligned) followed by its
//! findings as a bulleted list. A table that runs onto the next page repeats its section title
//! and header row there. Every page has a footer with the title and "n / N".
//!
//! # Example
//!
//! ```
//! use cloudwright_print::{
//!     elevation_pack, DeviceStatus, DrawnDevice, Face, PackOptions, RackDrawing,
//! };
//!
//! let rack = RackDrawing {
//!     name: "A-R01".into(),
//!     location: "평택 1센터 / 전산실 A / A열".into(),
//!     height_u: 42,
//!     starting_unit: 1,
//!     devices: vec![DrawnDevice {
//!         bottom_hu: 0,
//!         height_hu: 2,
//!         faces: vec![Face::Front, Face::Rear],
//!         label: "컴퓨트-07 (Dell R650)".into(),
//!         asset_tag: "AT-000107".into(),
//!         status: DeviceStatus::Installed,
//!         category: "server".into(),
//!     }],
//!     ..RackDrawing::default()
//! };
//! let pdf = elevation_pack(&[rack], &PackOptions::default())?;
//! assert!(pdf.starts_with(b"%PDF"));
//! # Ok::<(), cloudwright_print::PrintError>(())
//! ```

pub mod asset_labels;
pub mod asset_reports;
pub mod audit_report;
pub mod cable_labels;
pub mod cable_schedule;
pub mod disposal_certificate;
mod elevation;
mod fonts;
pub mod labels;
mod layout;
pub mod printer;
pub mod purchase_order;
pub mod purchase_quotes;
pub mod purchase_report;
pub mod racks;
mod report;
pub mod review_record;
mod sheet;
mod streams;

use printpdf::{PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

pub use elevation::elevation_pack;
pub use labels::{
    builtin_media, labels_pdf, labels_zpl, LabelMedia, LabelProblem, LabelText, MediaKind,
};
pub use report::power_report;

/// A side of a rack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Front,
    Rear,
}

/// How far a device has come. Only `Planned` is drawn differently (pale, dashed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DeviceStatus {
    /// Not installed yet. The default, so a device whose state is unknown is not shown as
    /// installed.
    #[default]
    Planned,
    Installed,
    Verified,
}

/// One rack-mounted device as it is drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DrawnDevice {
    /// The lowest occupied position in half units from the rack's bottom edge
    /// (0 = bottom of the first unit).
    pub bottom_hu: u32,
    /// Height in half units (2 = 1U, 1 = half U).
    pub height_hu: u32,
    /// The faces it occupies: full-depth devices occupy both and are drawn on both views.
    pub faces: Vec<Face>,
    /// Device name, e.g. "컴퓨트-07 (Dell R650)".
    pub label: String,
    /// May be empty.
    pub asset_tag: String,
    pub status: DeviceStatus,
    /// "server" | "switch" | "storage" | "pdu" | "patch_panel" | "other": chooses the fill
    /// colour. Anything else is drawn as "other".
    pub category: String,
}

/// Units held for a purpose, drawn hatched on both views.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DrawnReservation {
    pub bottom_hu: u32,
    pub height_hu: u32,
    pub reason: String,
}

/// One rack: one page of an elevation pack.
#[derive(Debug, Clone, PartialEq)]
pub struct RackDrawing {
    /// e.g. "A-R01".
    pub name: String,
    /// e.g. "평택 1센터 / 전산실 A / A열".
    pub location: String,
    /// Rack height in units (42, 48, …).
    pub height_u: u32,
    /// The unit number printed for the bottom unit (usually 1).
    pub starting_unit: u32,
    pub devices: Vec<DrawnDevice>,
    pub reservations: Vec<DrawnReservation>,
    /// Zero-U devices (vertical PDUs), listed beside the rack.
    pub zero_u: Vec<String>,
    /// One summary line, e.g. "전력 4.2 / 7.4 kW · 발열 14,330 BTU/h · 무게 612 / 1,000 kg".
    pub power_line: String,
}

impl Default for RackDrawing {
    fn default() -> Self {
        Self {
            name: String::new(),
            location: String::new(),
            height_u: 42,
            starting_unit: 1,
            devices: Vec::new(),
            reservations: Vec::new(),
            zero_u: Vec::new(),
            power_line: String::new(),
        }
    }
}

/// What is printed around the racks of a pack.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PackOptions {
    pub title: String,
    /// e.g. "2026-11-25 14:00 · 홍길동".
    pub generated: String,
    pub labels: Labels,
}

/// The words the pack prints, in the reader's language. The default is Korean.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    /// Heading of the front view, e.g. "전면".
    pub front: String,
    /// Heading of the rear view, e.g. "후면".
    pub rear: String,
    /// Printed before "n / N", e.g. "쪽" or "Page".
    pub page: String,
    /// Printed before a reservation's reason and in the legend, e.g. "예약".
    pub reserved: String,
    /// Heading of the zero-U list, e.g. "제로U 장치".
    pub zero_u: String,
    /// Legend entry for the pale dashed look of planned devices, e.g. "계획 (미설치)".
    pub planned: String,
}

impl Default for Labels {
    fn default() -> Self {
        Self {
            front: "전면".into(),
            rear: "후면".into(),
            page: "쪽".into(),
            reserved: "예약".into(),
            zero_u: "제로U 장치".into(),
            planned: "계획 (미설치)".into(),
        }
    }
}

/// One table row of a power report (or of any report drawn with its tables, such as the cable
/// schedule); every cell is already formatted by the caller.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PowerRow {
    pub name: String,
    pub cells: Vec<String>,
    /// A group heading rather than a row: `name` is set in bold across the whole table on a
    /// tinted band and `cells` are ignored. The rows after it, up to the next heading, are its
    /// group; a group that continues on a new page repeats its heading there.
    pub group_heading: bool,
}

/// One table of a power report, with its findings listed under it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PowerSection {
    pub title: String,
    /// Headings of every column, the name column included.
    pub columns: Vec<String>,
    pub rows: Vec<PowerRow>,
    pub findings: Vec<String>,
}

/// A power report: a summary block, then one table per section.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PowerReport {
    pub title: String,
    pub generated: String,
    /// Key/value pairs printed at the top.
    pub summary: Vec<(String, String)>,
    pub sections: Vec<PowerSection>,
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the embedded font {font} could not be parsed")]
    FontLoad { font: &'static str },
    #[error("an elevation pack needs at least one rack")]
    EmptyPack,
    #[error("rack {rack}: {problem}")]
    InvalidRack { rack: String, problem: RackProblem },
    #[error("labels on media {media}: {problem}")]
    InvalidLabels {
        media: String,
        problem: labels::LabelProblem,
    },
    #[error("the PDF writer failed: {messages}")]
    Save { messages: String },
    #[error("compressing the PDF's streams failed")]
    Compress(#[source] flate2::CompressError),
    #[error("writing the PDF failed")]
    Write(#[source] std::io::Error),
}

/// Something in a [`RackDrawing`] that cannot be drawn. The caller's mapping should never
/// produce these; they are errors rather than silently clipped shapes because a printed
/// elevation that quietly leaves a device out is worse than none.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RackProblem {
    #[error("the rack has no units")]
    NoUnits,
    #[error(
        "device {label:?} spans half units {bottom_hu}..{top_hu}, outside the rack's {rack_hu}"
    )]
    DeviceOutside {
        label: String,
        bottom_hu: u32,
        top_hu: u64,
        rack_hu: u64,
    },
    #[error("device {label:?} has no height")]
    EmptyDevice { label: String },
    #[error("reservation {reason:?} spans half units {bottom_hu}..{top_hu}, outside the rack's {rack_hu}")]
    ReservationOutside {
        reason: String,
        bottom_hu: u32,
        top_hu: u64,
        rack_hu: u64,
    },
}

/// Saves `pages` as one PDF with fonts subset. printpdf reports trouble as warnings; the
/// error-level ones fail the save.
fn save_document(
    document: PdfDocument,
    shaper: &fonts::TextShaper,
    pages: Vec<PdfPage>,
) -> Result<Vec<u8>, PrintError> {
    save_document_with(document, shaper, pages, true)
}

/// [`save_document`], choosing whether printpdf drops operators it does not model (`secure`).
/// Labels turn it off to keep the raw operators their QR codes are drawn with.
///
/// printpdf builds the lopdf document uncompressed and [`streams::compress_streams`]
/// compresses it: printpdf's own compression runs lopdf at flate's slowest level on one core.
fn save_document_with(
    mut document: PdfDocument,
    shaper: &fonts::TextShaper,
    pages: Vec<PdfPage>,
    secure: bool,
) -> Result<Vec<u8>, PrintError> {
    shaper.register_characters(&mut document);
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut pdf = document
        .with_pages(pages)
        .to_lopdf_document(&options, &mut warnings);
    let errors: Vec<String> = warnings
        .into_iter()
        .filter(|warning| warning.severity == PdfParseErrorSeverity::Error)
        .map(|warning| warning.msg)
        .collect();
    if !errors.is_empty() {
        return Err(PrintError::Save {
            messages: errors.join("; "),
        });
    }
    streams::compress_streams(&mut pdf).map_err(PrintError::Compress)?;
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(PrintError::Write)?;
    Ok(bytes)
}
