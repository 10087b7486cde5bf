//! The embedded Korean font, parsed once per process, and a per-document glyph cache that
//! measures text and turns it into glyph ids.
//!
//! Why a glyph cache: printpdf maps every character of a `TextItem::Text` to a glyph through
//! the font's cmap twice while saving (once to collect the glyphs to subset, once to encode
//! the string), and a cmap lookup in NanumGothic costs about 200 ns. A 200-rack pack shows
//! about two million characters, so that alone took over a second. We look each distinct
//! character up once per document, hand printpdf glyph ids (`TextItem::GlyphIds`), and
//! register the glyph → character pairs on the document's copy of the font so its
//! `ToUnicode` map (what `pdftotext` and copy-paste read) is still right.

use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::{Codepoint, FontId, ParsedFont, PdfDocument};

use crate::PrintError;

/// NanumGothic Regular, SIL Open Font License 1.1 (see `fonts/LICENSE.md`).
const NANUM_GOTHIC_TTF: &[u8] = include_bytes!("../fonts/NanumGothic.ttf");

/// Points per millimetre: PDF user space is in points (1/72 inch).
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

/// The character drawn in place of one the font has no glyph for.
const REPLACEMENT: char = '?';

static NANUM_GOTHIC: OnceLock<Option<ParsedFont>> = OnceLock::new();

/// The parsed embedded font. Parsing a 4.6 MB TrueType file takes a few milliseconds and a
/// few megabytes, so it happens once per process however many documents are printed.
fn nanum_gothic() -> Result<&'static ParsedFont, PrintError> {
    NANUM_GOTHIC
        .get_or_init(|| ParsedFont::from_bytes(NANUM_GOTHIC_TTF, 0, &mut Vec::new()))
        .as_ref()
        .ok_or(PrintError::FontLoad {
            font: "NanumGothic",
        })
}

#[derive(Debug, Clone, Copy)]
struct Glyph {
    id: u16,
    /// Horizontal advance in font units.
    advance: u16,
}

/// One document's view of the font: its id in the document and every character measured so
/// far. Not shared between documents, so it needs no lock.
pub(crate) struct TextShaper {
    font: &'static ParsedFont,
    font_id: FontId,
    units_per_em: f32,
    glyphs: HashMap<char, Glyph>,
}

impl TextShaper {
    /// Adds the embedded font to `document` and starts an empty glyph cache for it.
    pub(crate) fn for_document(document: &mut PdfDocument) -> Result<Self, PrintError> {
        let font = nanum_gothic()?;
        let font_id = document.add_font(font);
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Ok(Self {
            font,
            font_id,
            units_per_em,
            glyphs: HashMap::with_capacity(512),
        })
    }

    /// A copy with the same glyphs measured so far, for drawing pages on another thread.
    pub(crate) fn fork(&self) -> TextShaper {
        TextShaper {
            font: self.font,
            font_id: self.font_id.clone(),
            units_per_em: self.units_per_em,
            glyphs: self.glyphs.clone(),
        }
    }

    /// Takes in the glyphs a [`TextShaper::fork`] measured.
    pub(crate) fn absorb(&mut self, fork: TextShaper) {
        for (character, glyph) in fork.glyphs {
            self.glyphs.entry(character).or_insert(glyph);
        }
    }

    pub(crate) fn font_id(&self) -> &FontId {
        &self.font_id
    }

    fn glyph(&mut self, character: char) -> Glyph {
        let font = self.font;
        *self.glyphs.entry(character).or_insert_with(|| {
            let id = font
                .lookup_glyph_index(u32::from(character))
                .or_else(|| font.lookup_glyph_index(u32::from(REPLACEMENT)))
                .unwrap_or(0);
            Glyph {
                id,
                advance: font.get_horizontal_advance(id),
            }
        })
    }

    /// Whether the font has a real glyph for `character` (not the replacement).
    pub(crate) fn has_glyph(&self, character: char) -> bool {
        self.font.lookup_glyph_index(u32::from(character)).is_some()
    }

    /// The width of `text` set at `size_pt`, in millimetres.
    pub(crate) fn width_mm(&mut self, text: &str, size_pt: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.glyph(c).advance)).sum();
        units as f32 / self.units_per_em * size_pt / PT_PER_MM
    }

    /// The glyph ids for `text`, ready for `TextItem::GlyphIds`.
    pub(crate) fn codepoints(&mut self, text: &str) -> Vec<Codepoint> {
        text.chars()
            .map(|c| Codepoint::new(self.glyph(c).id, 0.0))
            .collect()
    }

    /// Tells the document's copy of the font which character each used glyph shows, so the
    /// saved `ToUnicode` map lets readers extract the text. Call once, after the last page.
    pub(crate) fn register_characters(&self, document: &mut PdfDocument) {
        let Some(pdf_font) = document.resources.fonts.map.get_mut(&self.font_id) else {
            return;
        };
        let mut buffer = [0u8; 4];
        for (character, glyph) in &self.glyphs {
            // A character drawn with the replacement glyph must not claim that glyph.
            if self.font.lookup_glyph_index(u32::from(*character)) == Some(glyph.id) {
                pdf_font
                    .parsed_font
                    .cache_glyph_mapping(glyph.id, character.encode_utf8(&mut buffer));
            }
        }
    }

    /// `text` shortened with an ellipsis so it is at most `max_width_mm` wide at `size_pt`.
    /// Returns the empty string when not even the ellipsis fits.
    pub(crate) fn truncate(&mut self, text: &str, size_pt: f32, max_width_mm: f32) -> String {
        if self.width_mm(text, size_pt) <= max_width_mm {
            return text.to_owned();
        }
        let ellipsis = if self.has_glyph('…') { "…" } else { ".." };
        let ellipsis_width = self.width_mm(ellipsis, size_pt);
        let mut kept = String::with_capacity(text.len());
        let mut width = 0.0;
        for character in text.chars() {
            let mut buffer = [0u8; 4];
            let character_width = self.width_mm(character.encode_utf8(&mut buffer), size_pt);
            if width + character_width + ellipsis_width > max_width_mm {
                break;
            }
            width += character_width;
            kept.push(character);
        }
        if ellipsis_width > max_width_mm {
            return String::new();
        }
        let kept = kept.trim_end();
        format!("{kept}{ellipsis}")
    }

    /// Splits `text` into lines no wider than `max_width_mm`, breaking at spaces where it can
    /// and inside a word only when one word is wider than a line.
    pub(crate) fn wrap(&mut self, text: &str, size_pt: f32, max_width_mm: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width_mm(&candidate, size_pt) <= max_width_mm {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone may still be too wide: cut it character by character.
            for character in word.chars() {
                line.push(character);
                if self.width_mm(&line, size_pt) > max_width_mm && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(character);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaper() -> TextShaper {
        let mut document = PdfDocument::new("test");
        TextShaper::for_document(&mut document).expect("embedded font parses")
    }

    #[test]
    fn the_font_has_every_symbol_the_layouts_draw() {
        let shaper = shaper();
        for character in "가힣컴퓨트전면후면…•·/=ABCxyz0123456789()-".chars() {
            assert!(shaper.has_glyph(character), "no glyph for {character:?}");
        }
    }

    #[test]
    fn truncation_fits_the_width_and_ends_with_an_ellipsis() {
        let mut shaper = shaper();
        let text = "컴퓨트-07 (Dell PowerEdge R650 2소켓 서버)";
        let full = shaper.width_mm(text, 7.0);
        let cut = shaper.truncate(text, 7.0, full / 2.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(shaper.width_mm(&cut, 7.0) <= full / 2.0);
        assert_eq!(shaper.truncate(text, 7.0, full + 1.0), text);
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_every_word() {
        let mut shaper = shaper();
        let text = "A 급전 합계가 정격의 80%를 넘습니다: 차단기 용량을 확인하십시오";
        let lines = shaper.wrap(text, 8.0, 40.0);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(shaper.width_mm(line, 8.0) <= 40.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }
}
