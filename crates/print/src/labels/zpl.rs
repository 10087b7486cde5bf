//! Labels as ZPL II for Zebra-compatible thermal printers.
//!
//! Font assumption: Korean needs a Unicode TrueType font on the printer, so every line is set
//! with `^A@N,h,h,E:NANUM.TTF` — NanumGothic (the crate's `fonts/NanumGothic.ttf`) stored on
//! the printer's `E:` drive as `NANUM.TTF`, e.g. with Zebra Setup Utilities or `~DY`. Text is
//! measured with the same font, so it fits the printer's rendering. `^CI28` makes the printer
//! read field data as UTF-8.

use std::fmt::Write as _;

use printpdf::PdfDocument;

use super::plan::{plan_label, PT_PER_MM};
use super::qr::QrEncoder;
use super::{LabelMedia, LabelText};
use crate::fonts::TextShaper;

/// The printer font every line is set in (see the module docs).
pub const ZPL_FONT: &str = "E:NANUM.TTF";
/// ZPL's smallest scalable font height, in dots.
const SMALLEST_FONT_DOTS: i64 = 10;

/// One `^XA … ^XZ` format per label, in order. Each format is one label of the media's label
/// size (`^PW`/`^LL`), laid out as [`super::labels_pdf`] lays it out. The media is not
/// checked: a media that `labels_pdf` rejects gives formats that print nothing useful. A QR
/// payload too long for a QR code is left out with a `^FX` comment.
pub fn labels_zpl(labels: &[LabelText], media: &LabelMedia) -> String {
    let dots_per_mm = f64::from(media.dpi) / 25.4;
    let dots = |mm: f64| (mm * dots_per_mm).round() as i64;
    let mut measure = text_measure();
    let mut zpl = String::with_capacity(labels.len() * 256);
    let mut encoder = QrEncoder::default();
    for label in labels {
        let plan = plan_label(label, media, &mut measure);
        zpl.push_str("^XA\n^CI28\n");
        let _ = writeln!(zpl, "^PW{}", dots(media.label_width_mm));
        let _ = writeln!(zpl, "^LL{}", dots(media.label_height_mm));
        for qr in &plan.qrs {
            let Some(code) = encoder.rectangles(&qr.payload) else {
                zpl.push_str("^FXQR payload too long for a QR code^FS\n");
                continue;
            };
            // The same one-module quiet zone as the PDF; ^BQ magnifies by whole dots.
            let modules = (code.modules + 2) as f64;
            let magnification = ((qr.side_mm * dots_per_mm / modules).floor() as i64).clamp(1, 10);
            let quiet = magnification;
            let _ = writeln!(
                zpl,
                "^FO{},{}^BQN,2,{magnification}{}MA,{}^FS",
                dots(qr.x_mm) + quiet,
                dots(qr.top_mm) + quiet,
                field_data_prefix(&qr.payload),
                escape(&qr.payload)
            );
        }
        for text in &plan.texts {
            let height = dots(text.size_mm).max(SMALLEST_FONT_DOTS);
            let _ = writeln!(
                zpl,
                "^FO{},{}^A@N,{height},{height},{ZPL_FONT}{}{}^FS",
                dots(text.x_mm),
                dots(text.top_mm),
                field_data_prefix(&text.text),
                escape(&text.text)
            );
        }
        zpl.push_str("^XZ\n");
    }
    zpl
}

/// Measures with the embedded font through a throwaway document. Should the embedded font
/// ever fail to parse, a full em per character is a safe overestimate.
fn text_measure() -> impl FnMut(&str, f64) -> f64 {
    let mut document = PdfDocument::new("zpl");
    let mut shaper = TextShaper::for_document(&mut document).ok();
    move |text: &str, size_mm: f64| match shaper.as_mut() {
        Some(shaper) => f64::from(shaper.width_mm(text, (size_mm * PT_PER_MM) as f32)),
        None => text.chars().count() as f64 * size_mm,
    }
}

/// `^FD`, or `^FH^FD` when the data holds characters that must be hex-escaped.
fn field_data_prefix(data: &str) -> &'static str {
    if data.contains(['^', '~', '_']) {
        "^FH^FD"
    } else {
        "^FD"
    }
}

/// `^` and `~` start ZPL commands even inside field data; with `^FH` they are written as
/// `_5E` and `_7E` (and `_` itself as `_5F`).
fn escape(data: &str) -> String {
    if !data.contains(['^', '~', '_']) {
        return data.to_owned();
    }
    data.replace('_', "_5F")
        .replace('^', "_5E")
        .replace('~', "_7E")
}
