//! What typed or imported text may hold: no control characters. A NUL, an escape or a C1
//! character is invisible in a list, cannot be typed into a search field or a scanner's field
//! again, and can rewrite a terminal line when the CLI prints it, so a value holding one is
//! refused where it comes in (a form, a CLI flag, a cell of a CSV file) with a [`Problem`]
//! naming the field and where the character is. Every input path asks [`check_text`]; the CSV
//! reader (`crate::csv_file`) asks it of every cell it hands on.
//!
//! Which characters: every Unicode control character (`Cc`: C0 U+0000–U+001F, DEL U+007F and
//! C1 U+0080–U+009F). A field that holds several lines of text ([`TextRule::MultiLine`]:
//! notes) keeps line breaks (LF, or CR LF as Windows writes them) and tabs (text pasted from
//! elsewhere is indented with them); a lone CR (which moves a terminal's cursor back over the
//! line) is refused there too. A one-line field ([`TextRule::SingleLine`]: tags, serials,
//! names, labels) refuses tabs and line breaks as well: a keyboard-wedge scanner sends a tab
//! to move to the next field, and a tag holding one could never be scanned or searched again.
//!
//! ```
//! use cloudwright_core::text::{check_text, TextRule};
//!
//! let problem = check_text("asset_tag", "PT1\0SRV", TextRule::SingleLine).unwrap();
//! assert_eq!(problem.code, "control_character");
//! assert_eq!(problem.to_string(), "asset_tag: contains the control character U+0000 at position 4");
//! assert!(check_text("notes", "첫 줄\r\n둘째 줄\t끝", TextRule::MultiLine).is_none());
//! assert!(check_text("model", "첫 줄\n둘째 줄", TextRule::SingleLine).is_some());
//! ```

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::problem::{Problem, ProblemCode};

/// The most characters of a refused value a problem carries (the rest is cut, with `…`).
pub const MAX_SHOWN_CHARS: usize = 200;

/// Whether a field holds one line or several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRule {
    /// Tags, serials, names, labels, codes: no control characters at all.
    SingleLine,
    /// Notes: line breaks (LF or CR LF) and tabs, no other control characters.
    MultiLine,
}

/// Why a text was refused; the UI words it by its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TextCode {
    /// A control character the field may not hold (details: `character` as `U+0000`,
    /// `position` counted in characters from 1).
    ControlCharacter,
    /// A cell of a CSV file longer than the reader takes (detail: `limit` in bytes).
    CellTooLong,
}

impl ProblemCode for TextCode {
    fn code(self) -> &'static str {
        match self {
            TextCode::ControlCharacter => "control_character",
            TextCode::CellTooLong => "cell_too_long",
        }
    }

    fn english(self, _value: &str) -> String {
        match self {
            TextCode::ControlCharacter => "contains a control character".to_owned(),
            TextCode::CellTooLong => "is too long for a cell".to_owned(),
        }
    }
}

/// The first character `rule` refuses in `value`, with its position (in characters, from 1).
pub fn first_refused(value: &str, rule: TextRule) -> Option<(usize, char)> {
    let mut chars = value.chars().enumerate().peekable();
    while let Some((at, c)) = chars.next() {
        if !c.is_control() {
            continue;
        }
        let allowed = rule == TextRule::MultiLine
            && match c {
                '\t' | '\n' => true,
                '\r' => chars.peek().is_some_and(|(_, next)| *next == '\n'),
                _ => false,
            };
        if !allowed {
            return Some((at + 1, c));
        }
    }
    None
}

/// `None` when `value` may be held by a field of `rule`, else the problem naming `field`, the
/// character (`U+0000`) and its position.
pub fn check_text(field: &str, value: &str, rule: TextRule) -> Option<Problem> {
    let (position, refused) = first_refused(value, rule)?;
    let character = format!("U+{:04X}", u32::from(refused));
    Some(
        Problem::new(field, TextCode::ControlCharacter, shown(value))
            .with("character", &character)
            .with("position", position)
            .saying(format!(
                "contains the control character {character} at position {position}"
            )),
    )
}

/// Every field of `fields` (name, value, rule) checked, one problem per field that fails.
pub fn check_fields<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str, TextRule)>,
) -> Vec<Problem> {
    fields
        .into_iter()
        .filter_map(|(field, value, rule)| check_text(field, value, rule))
        .collect()
}

/// `value` as a problem may show it: control characters as their Unicode pictures (`␀`, `␉`,
/// `␡`) or `<U+0085>`, so nothing invisible or terminal-moving reaches a screen, and at most
/// [`MAX_SHOWN_CHARS`] characters.
pub fn shown(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(MAX_SHOWN_CHARS * 4));
    for (count, c) in value.chars().enumerate() {
        if count == MAX_SHOWN_CHARS {
            out.push('…');
            break;
        }
        match u32::from(c) {
            code @ 0..=0x1F => out.push(char::from_u32(0x2400 + code).unwrap_or('?')),
            0x7F => out.push('\u{2421}'),
            code @ 0x80..=0x9F => out.push_str(&format!("<U+{code:04X}>")),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_c0_del_and_c1_character_is_refused_in_one_line_and_only_line_breaks_and_tabs_pass_in_notes(
    ) {
        for code in (0..=0x1F).chain(0x7F..=0x9F) {
            let c = char::from_u32(code).expect("a char");
            let value = format!("A{c}B");
            let problem = check_text("serial", &value, TextRule::SingleLine)
                .unwrap_or_else(|| panic!("U+{code:04X} passed a one-line field"));
            assert_eq!(problem.detail["character"], format!("U+{code:04X}"));
            assert_eq!(problem.detail["position"], "2");
            assert!(
                !problem.value.chars().any(char::is_control),
                "{:?}",
                problem.value
            );
            let in_notes = check_text("notes", &value, TextRule::MultiLine);
            assert_eq!(
                in_notes.is_none(),
                c == '\t' || c == '\n',
                "U+{code:04X} in notes"
            );
        }
        assert!(check_text("notes", "a\r\nb", TextRule::MultiLine).is_none());
        assert!(check_text("notes", "a\rb", TextRule::MultiLine).is_some());
        assert!(check_text("notes", "a\r", TextRule::MultiLine).is_some());
        // Hangul, emoji, zero-width and bidi characters are not control characters.
        assert!(check_text(
            "model",
            "평택 1센터 🚀 \u{200B}\u{202E}",
            TextRule::SingleLine
        )
        .is_none());
    }

    #[test]
    fn a_refused_value_is_shown_without_control_characters_and_cut_short() {
        assert_eq!(shown("A\0B\u{1b}[2J\u{7f}\u{85}"), "A␀B␛[2J␡<U+0085>");
        let long = "가".repeat(MAX_SHOWN_CHARS + 50);
        let cut = shown(&long);
        assert_eq!(cut.chars().count(), MAX_SHOWN_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
