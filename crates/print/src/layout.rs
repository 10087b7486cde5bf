//! Drawing primitives in millimetres from the page's bottom-left corner, collected into the
//! printpdf operation list of one page.
//!
//! Shapes and text go into two lists: every shape is painted first and every text after it,
//! inside a single text object (`BT … ET`). Text therefore always sits on top of the fills
//! it labels, and a page costs one text object instead of one per label.

use printpdf::{
    Color, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point,
    Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix, TextRenderingMode, WindingOrder,
};

use crate::fonts::{TextShaper, PT_PER_MM};

/// A4 in millimetres.
pub(crate) const A4_WIDTH_MM: f32 = 210.0;
pub(crate) const A4_HEIGHT_MM: f32 = 297.0;

/// An RGB colour with components from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub(crate) const BLACK: Colour = Colour(0.0, 0.0, 0.0);
    pub(crate) const WHITE: Colour = Colour(1.0, 1.0, 1.0);
    pub(crate) const TEXT_GREY: Colour = Colour(0.38, 0.38, 0.38);
    pub(crate) const RULE_GREY: Colour = Colour(0.6, 0.6, 0.6);
    pub(crate) const GRID_GREY: Colour = Colour(0.85, 0.85, 0.85);

    /// This colour moved `amount` (0 to 1) of the way towards white.
    pub(crate) fn lighten(self, amount: f32) -> Colour {
        let mix = |c: f32| c + (1.0 - c) * amount;
        Colour(mix(self.0), mix(self.1), mix(self.2))
    }

    /// This colour scaled towards black by `amount` (0 to 1).
    pub(crate) fn darken(self, amount: f32) -> Colour {
        let mix = |c: f32| c * (1.0 - amount);
        Colour(mix(self.0), mix(self.1), mix(self.2))
    }

    fn to_pdf(self) -> Color {
        Color::Rgb(printpdf::Rgb::new(self.0, self.1, self.2, None))
    }
}

/// A point in mm from the page's bottom-left corner.
pub(crate) type PointMm = (f32, f32);

/// A straight line between two points.
pub(crate) type Segment = (PointMm, PointMm);

/// How a rectangle's outline is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Outline {
    pub colour: Colour,
    pub width_pt: f32,
    pub dashed: bool,
}

/// The room a text must fit in: it is set smaller down to `min_size_pt`, then cut.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fit {
    pub max_width: f32,
    pub min_size_pt: f32,
}

/// Horizontal anchoring of a text at its x coordinate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

/// The look of one piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub size_pt: f32,
    pub colour: Colour,
    /// Drawn with a thin outline in the fill colour: one embedded face (the bold one would
    /// double the binary and the subsetting work) still gives headings weight.
    pub bold: bool,
}

impl TextStyle {
    pub(crate) fn new(size_pt: f32) -> Self {
        Self {
            size_pt,
            colour: Colour::BLACK,
            bold: false,
        }
    }

    pub(crate) fn bold(self) -> Self {
        Self { bold: true, ..self }
    }

    pub(crate) fn colour(self, colour: Colour) -> Self {
        Self { colour, ..self }
    }

    pub(crate) fn size(self, size_pt: f32) -> Self {
        Self { size_pt, ..self }
    }
}

fn pt(mm: f32) -> Pt {
    Pt(mm * PT_PER_MM)
}

fn point(x_mm: f32, y_mm: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: pt(x_mm),
            y: pt(y_mm),
        },
        bezier: false,
    }
}

/// One page being drawn. Text state (font size, colour, weight) is only emitted when it
/// changes, which keeps a page of a few hundred labels small.
pub(crate) struct Canvas<'a> {
    pub(crate) shaper: &'a mut TextShaper,
    shapes: Vec<Op>,
    texts: Vec<Op>,
    fill: Option<Colour>,
    outline: Option<(Colour, f32, bool)>,
    text_size: Option<f32>,
    text_colour: Option<Colour>,
    text_bold: Option<bool>,
}

impl<'a> Canvas<'a> {
    pub(crate) fn new(shaper: &'a mut TextShaper) -> Self {
        Self {
            shaper,
            shapes: Vec::with_capacity(512),
            texts: Vec::with_capacity(1024),
            fill: None,
            outline: None,
            text_size: None,
            text_colour: None,
            text_bold: None,
        }
    }

    /// The finished A4 portrait page.
    pub(crate) fn into_page(self) -> PdfPage {
        self.into_page_sized(A4_WIDTH_MM, A4_HEIGHT_MM)
    }

    /// The finished page, `width` by `height` mm.
    pub(crate) fn into_page_sized(mut self, width: f32, height: f32) -> PdfPage {
        let mut ops = self.shapes;
        if !self.texts.is_empty() {
            ops.reserve(self.texts.len() + 2);
            ops.push(Op::StartTextSection);
            ops.append(&mut self.texts);
            ops.push(Op::EndTextSection);
        }
        PdfPage::new(Mm(width), Mm(height), ops)
    }

    fn set_fill(&mut self, colour: Colour) {
        if self.fill != Some(colour) {
            self.fill = Some(colour);
            self.shapes.push(Op::SetFillColor {
                col: colour.to_pdf(),
            });
        }
    }

    fn set_outline(&mut self, outline: Outline) {
        let wanted = (outline.colour, outline.width_pt, outline.dashed);
        let previous = self.outline.replace(wanted);
        if previous.map(|p| p.0) != Some(outline.colour) {
            self.shapes.push(Op::SetOutlineColor {
                col: outline.colour.to_pdf(),
            });
        }
        if previous.map(|p| p.1) != Some(outline.width_pt) {
            self.shapes.push(Op::SetOutlineThickness {
                pt: Pt(outline.width_pt),
            });
        }
        if previous.map(|p| p.2).unwrap_or(false) != outline.dashed {
            let dash = if outline.dashed {
                LineDashPattern::new(0.0, &[2.5, 1.5])
            } else {
                LineDashPattern::solid()
            };
            self.shapes.push(Op::SetLineDashPattern { dash });
        }
    }

    /// A rectangle with its lower-left corner at (`x`, `y`).
    pub(crate) fn rect(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Colour>,
        outline: Option<Outline>,
    ) {
        let mode = match (fill, outline) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            (None, Some(_)) => PaintMode::Stroke,
            (None, None) => return,
        };
        if let Some(colour) = fill {
            self.set_fill(colour);
        }
        if let Some(outline) = outline {
            self.set_outline(outline);
        }
        self.shapes.push(Op::DrawRectangle {
            rectangle: Rect {
                x: pt(x),
                y: pt(y),
                width: pt(width),
                height: pt(height),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// One straight line.
    pub(crate) fn line(&mut self, from: PointMm, to: PointMm, outline: Outline) {
        self.set_outline(outline);
        self.shapes.push(Op::DrawLine {
            line: Line {
                points: vec![point(from.0, from.1), point(to.0, to.1)],
                is_closed: false,
            },
        });
    }

    /// Many separate straight lines stroked as one path (unit grids, hatching).
    pub(crate) fn lines(&mut self, segments: &[Segment], outline: Outline) {
        if segments.is_empty() {
            return;
        }
        self.set_outline(outline);
        let rings = segments
            .iter()
            .map(|(from, to)| PolygonRing {
                points: vec![point(from.0, from.1), point(to.0, to.1)],
            })
            .collect();
        self.shapes.push(Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode: PaintMode::Stroke,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// `text` with its baseline at `y`, anchored at `x` by `align`. Returns its width in mm.
    pub(crate) fn text(
        &mut self,
        x: f32,
        y: f32,
        align: Align,
        style: TextStyle,
        text: &str,
    ) -> f32 {
        if text.is_empty() {
            return 0.0;
        }
        let width = self.shaper.width_mm(text, style.size_pt);
        let left = match align {
            Align::Left => x,
            Align::Centre => x - width / 2.0,
            Align::Right => x - width,
        };
        // Regular text is set with the font at 1 pt and its size as the scale of its text
        // matrix: printpdf then writes the glyphs as they are, where a plain translation sends
        // every glyph through its glyph-run merger (a lookup and an allocation per glyph, most
        // of a long report's time). Bold text keeps a real size: its outline width is in
        // text space and would scale with the matrix.
        let font_size = if style.bold { style.size_pt } else { 1.0 };
        if self.text_size != Some(font_size) {
            self.text_size = Some(font_size);
            self.texts.push(Op::SetFont {
                font: PdfFontHandle::External(self.shaper.font_id().clone()),
                size: Pt(font_size),
            });
        }
        if self.text_colour != Some(style.colour) {
            self.text_colour = Some(style.colour);
            self.texts.push(Op::SetFillColor {
                col: style.colour.to_pdf(),
            });
            // The fake-bold outline must follow the fill colour.
            self.texts.push(Op::SetOutlineColor {
                col: style.colour.to_pdf(),
            });
        }
        if self.text_bold != Some(style.bold) {
            self.text_bold = Some(style.bold);
            let mode = if style.bold {
                TextRenderingMode::FillStroke
            } else {
                TextRenderingMode::Fill
            };
            self.texts.push(Op::SetTextRenderingMode { mode });
            if style.bold {
                self.texts.push(Op::SetOutlineThickness {
                    pt: Pt(style.size_pt * 0.04),
                });
            }
        }
        let matrix = if style.bold {
            TextMatrix::Translate(pt(left), pt(y))
        } else {
            let size = style.size_pt;
            TextMatrix::Raw([size, 0.0, 0.0, size, pt(left).0, pt(y).0])
        };
        self.texts.push(Op::SetTextMatrix { matrix });
        self.texts.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(self.shaper.codepoints(text))],
        });
        width
    }

    /// Like [`Canvas::text`], but made to fit `max_width`: first set smaller, down to
    /// `min_size_pt`, then cut with an ellipsis.
    pub(crate) fn fitted_text(
        &mut self,
        x: f32,
        y: f32,
        align: Align,
        style: TextStyle,
        fit: Fit,
        text: &str,
    ) -> f32 {
        let size = self.fitted_size(text, style.size_pt, fit);
        if size == style.size_pt {
            return self.text(x, y, align, style, text);
        }
        let fitted = self.shaper.truncate(text, size, fit.max_width);
        self.text(x, y, align, style.size(size), &fitted)
    }

    /// The size [`Canvas::fitted_text`] sets `text` at, so a caller can centre it first.
    pub(crate) fn fitted_size(&mut self, text: &str, size_pt: f32, fit: Fit) -> f32 {
        let natural = self.shaper.width_mm(text, size_pt);
        if natural <= fit.max_width {
            size_pt
        } else {
            (size_pt * fit.max_width / natural).max(fit.min_size_pt)
        }
    }
}

/// Millimetres from a text's baseline down to where a line of `size_pt` text should start
/// so that its capitals look vertically centred on a point: half the cap height, which is
/// about 0.72 em in NanumGothic.
pub(crate) fn centring_drop_mm(size_pt: f32) -> f32 {
    0.36 * size_pt / PT_PER_MM
}

/// The 45° hatching lines that fill a rectangle, `spacing` mm apart.
pub(crate) fn hatch_segments(
    x: f32,
    y: f32,
    width: f32,
    height: f32,
    spacing: f32,
) -> Vec<Segment> {
    // Lines x - y = c for c across the rectangle, each clipped to the rectangle's edges.
    let mut segments = Vec::new();
    let mut offset = -height + spacing / 2.0;
    while offset < width {
        let start = if offset >= 0.0 {
            (x + offset, y)
        } else {
            (x, y - offset)
        };
        let end_x = (offset + height).min(width);
        let end = (x + end_x, y + end_x - offset);
        segments.push((start, end));
        offset += spacing;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatching_stays_inside_its_rectangle() {
        let segments = hatch_segments(10.0, 20.0, 30.0, 4.0, 2.0);
        assert!(segments.len() > 10);
        for ((x0, y0), (x1, y1)) in segments {
            for (x, y) in [(x0, y0), (x1, y1)] {
                assert!((10.0 - 1e-3..=40.0 + 1e-3).contains(&x), "x {x}");
                assert!((20.0 - 1e-3..=24.0 + 1e-3).contains(&y), "y {y}");
            }
            assert!(((x1 - x0) - (y1 - y0)).abs() < 1e-3, "not 45°");
        }
    }

    #[test]
    fn lightening_moves_towards_white() {
        let Colour(r, g, b) = Colour(0.2, 0.4, 0.6).lighten(0.5);
        for (got, want) in [(r, 0.6), (g, 0.7), (b, 0.8)] {
            assert!((got - want).abs() < 1e-6, "{got} != {want}");
        }
    }
}
