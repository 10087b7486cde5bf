//! Labels as a PDF whose pages are the media's pages at their exact size.

use std::fmt::Write as _;

use printpdf::{Mm, Op, PdfDocument, PdfFontHandle, PdfPage, Pt, TextItem, TextMatrix};

use super::plan::{plan_label, LabelPlan, PlacedQr, PT_PER_MM};
use super::qr::{encode_all, QrPath};
use super::{LabelMedia, LabelProblem, LabelText};
use crate::fonts::TextShaper;
use crate::PrintError;

/// From the top of a line's em box down to its baseline, in em: NanumGothic's ascent.
const ASCENT_EM: f64 = 0.8;

/// Prints `labels` in order, filling each page row by row. Korean text is set in the embedded
/// NanumGothic, subset into the document.
pub fn labels_pdf(labels: &[LabelText], media: &LabelMedia) -> Result<Vec<u8>, PrintError> {
    let invalid = |problem| PrintError::InvalidLabels {
        media: media.name.clone(),
        problem,
    };
    media.check().map_err(invalid)?;
    if labels.is_empty() {
        return Err(invalid(LabelProblem::NoLabels));
    }
    let codes = encode_all(labels);
    let mut document = PdfDocument::new(&media.name);
    let mut shaper = TextShaper::for_document(&mut document)?;
    let per_page = media.labels_per_page() as usize;
    let mut pages = Vec::with_capacity(labels.len().div_ceil(per_page));
    for (page_index, (chunk, page_codes)) in labels
        .chunks(per_page)
        .zip(codes.chunks(per_page))
        .enumerate()
    {
        let mut page = PageOps::new(media.page_height_mm);
        for (slot, (label, code)) in chunk.iter().zip(page_codes).enumerate() {
            let code = match code {
                Some(Err(bytes)) => {
                    return Err(invalid(LabelProblem::QrTooLong {
                        index: page_index * per_page + slot,
                        bytes: *bytes,
                    }))
                }
                Some(Ok(code)) => Some(code),
                None => None,
            };
            let plan = plan_label(label, media, &mut |text, size_mm| {
                f64::from(shaper.width_mm(text, (size_mm * PT_PER_MM) as f32))
            });
            let origin = media.slot_origin_mm(slot as u32);
            page.draw(&plan, code, origin, &mut shaper);
        }
        pages.push(page.finish(media));
    }
    save(document, &shaper, pages)
}

/// One page's operations: QR codes first, then every line of text in one text object.
struct PageOps {
    page_height_pt: f64,
    /// Every QR code of the page in PDF syntax, given to printpdf as one operation: one
    /// operation per page instead of four per code, each of which printpdf would copy into
    /// lopdf's own operation and encode again.
    shapes: String,
    texts: Vec<Op>,
    /// Whether the text object has selected the font yet.
    font_set: bool,
}

impl PageOps {
    fn new(page_height_mm: f64) -> Self {
        Self {
            page_height_pt: page_height_mm * PT_PER_MM,
            shapes: String::with_capacity(32 * 1024),
            texts: Vec::with_capacity(512),
            font_set: false,
        }
    }

    /// Draws one label whose top-left corner is `origin` (mm from the page's top-left);
    /// `code` is the label's QR code, drawn wherever the plan places one.
    fn draw(
        &mut self,
        plan: &LabelPlan,
        code: Option<&QrPath>,
        origin: (f64, f64),
        shaper: &mut TextShaper,
    ) {
        if let Some(code) = code {
            for qr in &plan.qrs {
                self.qr(code, qr, origin);
            }
        }
        for text in &plan.texts {
            // The font is set once per page at 1 pt and each line's size is the scale of its
            // text matrix: one operator per line less, and printpdf sends a line with a
            // scaled matrix straight to the content stream instead of through the glyph-run
            // merger meant for text laid out glyph by glyph.
            if !self.font_set {
                self.font_set = true;
                self.texts.push(Op::SetFont {
                    font: PdfFontHandle::External(shaper.font_id().clone()),
                    size: Pt(1.0),
                });
            }
            let size_pt = (text.size_mm * PT_PER_MM) as f32;
            let x_pt = (origin.0 + text.x_mm) * PT_PER_MM;
            let baseline_mm = origin.1 + text.top_mm + ASCENT_EM * text.size_mm;
            let y_pt = self.page_height_pt - baseline_mm * PT_PER_MM;
            self.texts.push(Op::SetTextMatrix {
                matrix: TextMatrix::Raw([size_pt, 0.0, 0.0, size_pt, x_pt as f32, y_pt as f32]),
            });
            self.texts.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(shaper.codepoints(&text.text))],
            });
        }
    }

    /// Draws `code` in the square `qr` of the label at `origin`.
    fn qr(&mut self, code: &QrPath, qr: &PlacedQr, origin: (f64, f64)) {
        // One module of quiet zone on every side, inside the planned square.
        let module_pt = qr.side_mm * PT_PER_MM / (code.modules + 2) as f64;
        let left_pt = (origin.0 + qr.x_mm) * PT_PER_MM + module_pt;
        let top_pt = self.page_height_pt - (origin.1 + qr.top_mm) * PT_PER_MM - module_pt;
        // In module units with y downwards, every rectangle is four small integers. The
        // numbers are written as printpdf writes an f32.
        let _ = write!(
            self.shapes,
            "q\n{} 0 0 {} {} {} cm\n",
            module_pt as f32, -module_pt as f32, left_pt as f32, top_pt as f32
        );
        self.shapes.push_str(&code.path);
        self.shapes.push_str("\nQ\n");
    }

    fn finish(mut self, media: &LabelMedia) -> PdfPage {
        let mut ops = Vec::with_capacity(self.texts.len() + 3);
        // printpdf writes an operator it does not model verbatim (with `secure` off), and
        // puts a line break between operations itself.
        if self.shapes.ends_with('\n') {
            self.shapes.pop();
        }
        if !self.shapes.is_empty() {
            ops.push(Op::Unknown {
                key: self.shapes,
                value: Vec::new(),
            });
        }
        if !self.texts.is_empty() {
            ops.push(Op::StartTextSection);
            ops.append(&mut self.texts);
            ops.push(Op::EndTextSection);
        }
        PdfPage::new(
            Mm(media.page_width_mm as f32),
            Mm(media.page_height_mm as f32),
            ops,
        )
    }
}

/// The crate's save, keeping the raw operators (`q`, `cm`, `re`, `f`, `Q`) the QR codes are
/// drawn with:
/// printpdf drops operators it does not model unless `secure` is off, and every such operator
/// here is one we wrote.
fn save(
    document: PdfDocument,
    shaper: &TextShaper,
    pages: Vec<PdfPage>,
) -> Result<Vec<u8>, PrintError> {
    crate::save_document_with(document, shaper, pages, false)
}
