//! Names people type and look things up by: workspace names, the team server's login names and
//! display names (and the profile's name on a device). One rule for all of them, used where a
//! name enters: the device store, the CLI, the app and the team server.
//!
//! A name is accepted as NFC (what "평택 1센터" typed composed and decomposed both become), or
//! refused with the reason; nothing in it is silently dropped:
//! - control characters (C0, DEL, C1) and the line and paragraph separators: a name is one
//!   line (a newline or an escape sequence broke listings and terminals);
//! - bidirectional controls: the embeddings and overrides U+202A–U+202E, the isolates
//!   U+2066–U+2069 and the marks U+200E, U+200F and U+061C. The marks are refused too: they
//!   are as invisible as the overrides, so "A\u{200E}" and "A" would be two look-alike names,
//!   and a name is one short run of text the Unicode bidirectional algorithm shows right
//!   without them (a Hebrew or Arabic name orders itself by its own letters);
//! - other invisible characters: every format character (general category Cf: zero-width
//!   space and joiners, the byte order mark, soft hyphen, tags…) and the default-ignorable
//!   characters outside Cf that render as nothing (the Hangul fillers U+115F, U+1160, U+3164
//!   and U+FFA0, the combining grapheme joiner, variation selectors). Emoji sequences that
//!   need a zero-width joiner or a variation selector are refused with them: a name is a
//!   label, and an invisible character in it is how two names come to look alike;
//! - a name that reads as an id (a ULID: 26 of Crockford's base-32 digits, either case):
//!   where a name or an id is accepted, such a value is an id (see [`find_by_name_or_id`]).
//!
//! ```
//! use cloudwright_core::names::{check_name, NameCode, NameKind};
//!
//! let decomposed = "\u{1111}\u{1167}\u{11bc}\u{1110}\u{1162}\u{11a8} 1센터";
//! assert_eq!(check_name(decomposed, NameKind::Workspace).unwrap(), "평택 1센터");
//! let refused = check_name("평택\u{202e}1센터", NameKind::Workspace).unwrap_err();
//! assert_eq!(refused.code, NameCode::NameBidiControl);
//! assert_eq!(refused.to_string(), "the workspace name holds a bidirectional control \
//!     (U+202E) at character 3, which changes the order its text is shown in: type the name \
//!     without it");
//! ```

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::problem::{Problem, ProblemCode};

/// What a name names; the limits differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A workspace's name: 1 to 80 characters, no '/', spaces at either end trimmed, not an id.
    Workspace,
    /// A login name on the team server: 1 to 64 characters, no '/', no spaces at either end
    /// (what is typed at login is compared whole), not an id (members are named by either).
    User,
    /// How a person is shown (an account's display name, a device's profile): 1 to 64
    /// characters, spaces at either end trimmed.
    Display,
}

impl NameKind {
    pub const fn max_chars(self) -> usize {
        match self {
            NameKind::Workspace => 80,
            NameKind::User | NameKind::Display => 64,
        }
    }

    const fn what(self) -> &'static str {
        match self {
            NameKind::Workspace => "workspace name",
            NameKind::User => "user name",
            NameKind::Display => "display name",
        }
    }
}

/// Why a name was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NameCode {
    NameRequired,
    /// Detail `max` and `found`, in characters.
    NameTooLong,
    NameHasSlash,
    NameSpacesAtEnds,
    /// Detail `character` (`U+000A`) and `position` (its place in the name, from 1).
    NameControlCharacter,
    /// Detail `character` and `position`.
    NameBidiControl,
    /// Detail `character` and `position`.
    NameInvisibleCharacter,
    NameLooksLikeId,
}

impl ProblemCode for NameCode {
    fn code(self) -> &'static str {
        match self {
            NameCode::NameRequired => "name_required",
            NameCode::NameTooLong => "name_too_long",
            NameCode::NameHasSlash => "name_has_slash",
            NameCode::NameSpacesAtEnds => "name_spaces_at_ends",
            NameCode::NameControlCharacter => "name_control_character",
            NameCode::NameBidiControl => "name_bidi_control",
            NameCode::NameInvisibleCharacter => "name_invisible_character",
            NameCode::NameLooksLikeId => "name_looks_like_id",
        }
    }

    fn english(self, _value: &str) -> String {
        match self {
            NameCode::NameRequired => "a name is required".into(),
            NameCode::NameTooLong => "the name is too long".into(),
            NameCode::NameHasSlash => "a name cannot contain '/'".into(),
            NameCode::NameSpacesAtEnds => "a name cannot begin or end with a space".into(),
            NameCode::NameControlCharacter => "the name holds a control character".into(),
            NameCode::NameBidiControl => "the name holds a bidirectional control".into(),
            NameCode::NameInvisibleCharacter => "the name holds an invisible character".into(),
            NameCode::NameLooksLikeId => "a name cannot look like an id".into(),
        }
    }
}

/// A refused name: what it was for, why, the name as given and, for a refused character,
/// which one and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.english())]
pub struct NameProblem {
    pub kind: NameKind,
    pub code: NameCode,
    pub value: String,
    /// The refused character and its place in the name (from 1), for the character codes.
    pub character: Option<(char, usize)>,
}

impl NameProblem {
    fn new(kind: NameKind, code: NameCode, value: &str) -> NameProblem {
        NameProblem {
            kind,
            code,
            value: value.to_owned(),
            character: None,
        }
    }

    /// The reason in English, for the CLI, the server and the UI's fallback. The name itself
    /// is shown with its refused characters as `\u{…}`, so that a message never carries an
    /// escape sequence or an override to the terminal that prints it.
    fn english(&self) -> String {
        let what = self.kind.what();
        let at =
            |(c, position): (char, usize)| format!("({}) at character {position}", code_point(c));
        match (self.code, self.character) {
            (NameCode::NameRequired, _) => format!("a {what} cannot be empty"),
            (NameCode::NameTooLong, _) => format!(
                "a {what} must be at most {} characters (this one has {})",
                self.kind.max_chars(),
                self.value.chars().count()
            ),
            (NameCode::NameHasSlash, _) => format!("a {what} cannot contain '/'"),
            (NameCode::NameSpacesAtEnds, _) => {
                format!("a {what} cannot begin or end with a space")
            }
            (NameCode::NameControlCharacter, Some(found)) => format!(
                "the {what} holds a control character {}: a name is one line of visible text",
                at(found)
            ),
            (NameCode::NameBidiControl, Some(found)) => format!(
                "the {what} holds a bidirectional control {}, which changes the order its text \
                 is shown in: type the name without it",
                at(found)
            ),
            (NameCode::NameInvisibleCharacter, Some(found)) => format!(
                "the {what} holds an invisible character {}, which would make it look like \
                 another name: type the name without it",
                at(found)
            ),
            (NameCode::NameLooksLikeId, _) => format!(
                "a {what} cannot look like an id: '{}' reads as one (26 letters and digits); \
                 choose a name that does not",
                shown(&self.value)
            ),
            (code, None) => code.english(&self.value),
        }
    }

    /// As the one shape refusals take to the CLI and the UI, under `field`: the facts the
    /// words need as detail (`max` and `found`; `character` and `position`).
    pub fn problem(&self, field: &str) -> Problem {
        let problem = Problem::new(field, self.code, self.value.as_str());
        let problem = match (self.code, self.character) {
            (NameCode::NameTooLong, _) => problem
                .with("max", self.kind.max_chars())
                .with("found", self.value.chars().count()),
            (_, Some((c, position))) => problem
                .with("character", code_point(c))
                .with("position", position),
            _ => problem,
        };
        problem.saying(self.to_string())
    }
}

/// Why a character cannot be in a name, if it cannot.
fn refused_character(c: char) -> Option<NameCode> {
    if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
        return Some(NameCode::NameControlCharacter);
    }
    if matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    ) {
        return Some(NameCode::NameBidiControl);
    }
    // Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt) outside Cf.
    let ignorable = matches!(
        c,
        '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{E0000}'..='\u{E0FFF}'
    );
    if ignorable || c.general_category() == GeneralCategory::Format {
        return Some(NameCode::NameInvisibleCharacter);
    }
    None
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// `name` for a message: every character a name may not hold written as `\u{…}`.
pub fn shown(name: &str) -> String {
    name.chars()
        .map(|c| match refused_character(c) {
            Some(_) => format!("\\u{{{:x}}}", u32::from(c)),
            None => c.to_string(),
        })
        .collect()
}

/// Whether `text` reads as an id (a ULID, as workspace and account ids are written).
pub fn looks_like_id(text: &str) -> bool {
    ulid::Ulid::from_string(text.trim()).is_ok()
}

/// `name` in NFC, the form names are kept and compared in.
pub fn normalised(name: &str) -> String {
    name.nfc().collect()
}

/// Whether two names are the same name: equal in NFC, spaces at either end aside (a name
/// kept before names were normalised is found by the name typed either way).
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim() == b.trim() || a.trim().nfc().eq(b.trim().nfc())
}

/// The name to keep for `raw`, in NFC, or why it cannot be one.
pub fn check_name(raw: &str, kind: NameKind) -> Result<String, NameProblem> {
    let refuse = |code| Err(NameProblem::new(kind, code, raw));
    // Characters first, on the name as given: a newline at the end is refused, not trimmed.
    let first_refused = raw
        .chars()
        .enumerate()
        .find_map(|(index, c)| refused_character(c).map(|code| (c, index + 1, code)));
    if let Some((c, position, code)) = first_refused {
        return Err(NameProblem {
            character: Some((c, position)),
            ..NameProblem::new(kind, code, raw)
        });
    }
    let name = normalised(match kind {
        NameKind::Workspace | NameKind::Display => raw.trim(),
        NameKind::User => raw,
    });
    if name.trim().is_empty() {
        return refuse(NameCode::NameRequired);
    }
    if name.trim() != name {
        return refuse(NameCode::NameSpacesAtEnds);
    }
    if name.chars().count() > kind.max_chars() {
        return Err(NameProblem::new(kind, NameCode::NameTooLong, &name));
    }
    if kind != NameKind::Display && name.contains('/') {
        return refuse(NameCode::NameHasSlash);
    }
    if kind != NameKind::Display && looks_like_id(&name) {
        return refuse(NameCode::NameLooksLikeId);
    }
    Ok(name)
}

/// What a look-up by name (or by name or id) found.
#[derive(Debug, PartialEq, Eq)]
pub enum Found<'a, T> {
    One(&'a T),
    None,
    /// Several names equal in NFC, none of them byte for byte the name given: kept before
    /// names were normalised (creating one refuses a name equal to another in NFC).
    Several(Vec<&'a T>),
}

/// The item `wanted` names: the one whose name is byte for byte `wanted` (spaces at either
/// end aside), else the one whose name is equal to it in NFC.
pub fn find_by_name<'a, T>(
    wanted: &str,
    items: &'a [T],
    name_of: impl Fn(&T) -> &str,
) -> Found<'a, T> {
    let wanted = wanted.trim();
    let exact: Vec<&T> = items
        .iter()
        .filter(|item| name_of(item).trim() == wanted)
        .collect();
    if let [one] = exact[..] {
        return Found::One(one);
    }
    let equal: Vec<&T> = items
        .iter()
        .filter(|item| same_name(name_of(item), wanted))
        .collect();
    match equal[..] {
        [] => Found::None,
        [one] => Found::One(one),
        _ => Found::Several(equal),
    }
}

/// The item `wanted` names where an id or a name is accepted. A value that reads as an id
/// is that id: the item with it, whatever any name says; only when no item has that id is it
/// looked for as a name, which finds a name given before names that read as ids were refused
/// (such an item stays reachable by that name unless it is another's id, and always by its
/// own id). Any other value is a name ([`find_by_name`]).
pub fn find_by_name_or_id<'a, T>(
    wanted: &str,
    items: &'a [T],
    id_of: impl Fn(&T) -> Option<ulid::Ulid>,
    name_of: impl Fn(&T) -> &str,
) -> Found<'a, T> {
    if let Ok(id) = ulid::Ulid::from_string(wanted.trim()) {
        if let Some(item) = items.iter().find(|item| id_of(item) == Some(id)) {
            return Found::One(item);
        }
    }
    find_by_name(wanted, items, name_of)
}

#[cfg(test)]
mod tests;
