//! One cell's text as written for a spreadsheet and read back: OWASP's rule against CSV
//! injection (a cell a spreadsheet would take for a formula is written with a single quote
//! before it), made exactly reversible.
//!
//! Written: a `'` goes before a value that
//! - begins with `=`, `+`, `-` or `@` (a formula, or a DDE call such as `-2+3+cmd|…`), unless
//!   it is a plain decimal number (`-5`, `+0.25`: no formula, and a spreadsheet should read it
//!   as the number it is);
//! - begins with a tab or a carriage return (OWASP's other two), or with any other whitespace,
//!   or ends with whitespace (a reader trims what hand-written files pad cells with; the quote
//!   keeps such a value as it was);
//! - begins with `'` itself, so that a value that really starts with a quote is told from one
//!   we quoted.
//!
//! Read: a cell that begins with `'` loses exactly that one character and is otherwise kept as
//! it is; any other cell is trimmed. So `read_cell(&write_cell(v)) == v` for every string `v`
//! (a property test checks it), and a cell typed by hand (`PT1-SRV-01`, ` 서버 `) reads as
//! people expect.

use std::borrow::Cow;

/// The quote that marks a cell as text for a spreadsheet.
pub const TEXT_MARK: char = '\'';

/// `value` as a cell of a CSV made for spreadsheets (see the module's rule).
pub fn write_cell(value: &str) -> Cow<'_, str> {
    if needs_mark(value) {
        let mut marked = String::with_capacity(value.len() + 1);
        marked.push(TEXT_MARK);
        marked.push_str(value);
        Cow::Owned(marked)
    } else {
        Cow::Borrowed(value)
    }
}

/// The value a cell holds: without the quote [`write_cell`] put before it, else trimmed.
pub fn read_cell(cell: &str) -> &str {
    match cell.strip_prefix(TEXT_MARK) {
        Some(value) => value,
        None => cell.trim(),
    }
}

fn needs_mark(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    match first {
        '=' | '@' | TEXT_MARK => true,
        '+' | '-' => !is_plain_number(value),
        c if c.is_whitespace() => true,
        _ => value.chars().next_back().is_some_and(char::is_whitespace),
    }
}

/// `[+-]digits[.digits]`: a number and nothing else.
fn is_plain_number(value: &str) -> bool {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "1"));
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}
