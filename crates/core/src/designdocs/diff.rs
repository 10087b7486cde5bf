//! The text diff between two versions of a text-like file (Markdown, YAML, JSON, CSV, plain
//! text): side-by-side rows for the app and unified text for the CLI, both from `similar`'s
//! line diff (Myers), so the two always agree.
//!
//! A file is diffed only when its name says it is text (`md`, `markdown`, `yaml`, `yml`,
//! `json`, `csv`, `txt`) and its bytes are UTF-8 (a byte order mark is dropped), and each
//! side is at most [`MAX_DIFF_BYTES`]; anything else is refused with the reason, by its own
//! codes ([`DiffCode`]).
//!
//! Long unchanged runs are folded: beyond [`CONTEXT_LINES`] lines around each change, a run
//! becomes one [`DiffRowKind::Folded`] row ("N lines unchanged") that carries the hidden lines
//! once (they are the same on both sides), so the app expands it in place without asking
//! again, and a 10,000-line file with a few changes is a few dozen rows to lay out instead of
//! 10,000. The app's grid still windows what it shows.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag, TextDiff};
use ts_rs::TS;

use super::model::DesignDoc;
use super::DesignDocError;
use crate::problem::{Problem, ProblemCode};
use crate::store::Workspace;

/// The largest file a diff reads, each side.
pub const MAX_DIFF_BYTES: usize = 16 * 1024 * 1024;

/// Unchanged lines shown around each change before the rest of a run is folded.
pub const CONTEXT_LINES: usize = 3;

/// The extensions of the files a diff reads.
pub const TEXT_EXTENSIONS: [&str; 7] = ["md", "markdown", "yaml", "yml", "json", "csv", "txt"];

/// How long the line diff may search for the smallest diff before it settles for a larger
/// one (still correct: every line is in it). Only two very large, very different files come
/// near it; two versions of a document finish in milliseconds.
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

/// Why two versions could not be diffed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffCode {
    /// The file's name is not one of a text kind the diff reads.
    NotText,
    /// The bytes are not UTF-8.
    NotUtf8,
    /// More than [`MAX_DIFF_BYTES`].
    TooLargeToDiff,
}

impl ProblemCode for DiffCode {
    fn code(self) -> &'static str {
        match self {
            DiffCode::NotText => "not_text",
            DiffCode::NotUtf8 => "not_utf8",
            DiffCode::TooLargeToDiff => "too_large_to_diff",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            DiffCode::NotText => format!(
                "'{value}' is not a text file the diff reads (md, yaml, yml, json, csv, txt)"
            ),
            DiffCode::NotUtf8 => format!("'{value}' is not UTF-8 text"),
            DiffCode::TooLargeToDiff => format!(
                "is {value} bytes, more than the {} MiB a diff reads",
                MAX_DIFF_BYTES / (1024 * 1024)
            ),
        }
    }
}

/// What a side-by-side row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffRowKind {
    /// The same line on both sides.
    Same,
    /// Only on the right (the newer version).
    Added,
    /// Only on the left (the older version).
    Removed,
    /// A line of the left replaced by one of the right.
    Changed,
    /// A run of unchanged lines, folded: `folded` holds them, from `left_no` / `right_no`.
    Folded,
}

/// One row of the side-by-side diff. Line numbers count from 1; a side without a line (an
/// added or removed row) has none and an empty text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DiffRow {
    pub kind: DiffRowKind,
    /// The left line's number (a folded run's first).
    pub left_no: Option<u32>,
    pub left: String,
    /// The right line's number (a folded run's first).
    pub right_no: Option<u32>,
    pub right: String,
    /// A folded run's lines, in order; empty for every other kind.
    pub folded: Vec<String>,
}

/// One side of a diff: which version and file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DiffSide {
    pub number: u32,
    pub file_name: String,
    pub sha256: String,
    pub lines: u32,
}

/// Two versions side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SideBySide {
    pub left: DiffSide,
    pub right: DiffSide,
    pub rows: Vec<DiffRow>,
    /// Rows added, removed and changed (a folded run is none of them).
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
}

/// A file to diff: its name (which says whether it is text) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct DiffInput<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
}

/// Whether a file of this name is one the diff reads (by its extension).
pub fn is_text_name(file_name: &str) -> bool {
    file_name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| TEXT_EXTENSIONS.contains(&ext.to_lowercase().as_str()))
}

/// The problems of a file named `file_name` of `size` bytes before its bytes are read.
fn name_and_size_problems(field: &str, file_name: &str, size: u64) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !is_text_name(file_name) {
        problems.push(Problem::new(field, DiffCode::NotText, file_name));
    }
    if size > MAX_DIFF_BYTES as u64 {
        problems.push(Problem::new(
            field,
            DiffCode::TooLargeToDiff,
            size.to_string(),
        ));
    }
    problems
}

/// The file's text (without a byte order mark), or why it is not read.
fn text_of<'a>(field: &str, input: &DiffInput<'a>) -> Result<&'a str, Vec<Problem>> {
    let problems = name_and_size_problems(field, input.file_name, input.bytes.len() as u64);
    if !problems.is_empty() {
        return Err(problems);
    }
    let bytes = input
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(input.bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let mut problem = Problem::new(field, DiffCode::NotUtf8, input.file_name);
        problem
            .detail
            .insert("offset".into(), error.valid_up_to().to_string());
        vec![problem]
    })
}

/// Both files' texts, or every problem of both.
fn texts<'a>(
    left: &DiffInput<'a>,
    right: &DiffInput<'a>,
) -> Result<(&'a str, &'a str), Vec<Problem>> {
    match (text_of("from", left), text_of("to", right)) {
        (Ok(left), Ok(right)) => Ok((left, right)),
        (left, right) => Err([left.err(), right.err()]
            .into_iter()
            .flatten()
            .flatten()
            .collect()),
    }
}

fn line_diff<'a>(left: &'a str, right: &'a str) -> TextDiff<'a, 'a, 'a, str> {
    TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_lines(left, right)
}

/// A line without its line ending.
fn bare(line: &str) -> String {
    line.strip_suffix('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .unwrap_or(line)
        .to_owned()
}

fn number(index: usize) -> Option<u32> {
    Some(index as u32 + 1)
}

/// The side-by-side rows of `left` → `right`, unchanged runs folded beyond `context` lines
/// around each change; the counts of rows added, removed and changed.
pub fn side_by_side_rows(left: &str, right: &str, context: usize) -> (Vec<DiffRow>, [u32; 3]) {
    let diff = line_diff(left, right);
    let old = diff.old_slices();
    let new = diff.new_slices();
    let ops = diff.ops();
    let mut rows = Vec::new();
    let mut counts = [0u32; 3];
    let row = |kind, l: Option<usize>, r: Option<usize>| DiffRow {
        kind,
        left_no: l.and_then(number),
        left: l.map(|i| bare(old[i])).unwrap_or_default(),
        right_no: r.and_then(number),
        right: r.map(|i| bare(new[i])).unwrap_or_default(),
        folded: Vec::new(),
    };
    for (position, op) in ops.iter().enumerate() {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                let len = old_range.len();
                // Lines kept before the fold (after the previous change) and after it (before
                // the next change); none at the file's start or end.
                let head = if position == 0 { 0 } else { context.min(len) };
                let tail = if position + 1 == ops.len() {
                    0
                } else {
                    context.min(len - head)
                };
                // Folding fewer than two lines hides nothing worth a row.
                let fold = len - head - tail;
                let (head, fold) = if fold < 2 {
                    (len - tail, 0)
                } else {
                    (head, fold)
                };
                let same = |i: usize| {
                    row(
                        DiffRowKind::Same,
                        Some(old_range.start + i),
                        Some(new_range.start + i),
                    )
                };
                rows.extend((0..head).map(same));
                if fold > 0 {
                    let start = old_range.start + head;
                    rows.push(DiffRow {
                        kind: DiffRowKind::Folded,
                        left_no: number(start),
                        left: String::new(),
                        right_no: number(new_range.start + head),
                        right: String::new(),
                        folded: old[start..start + fold].iter().map(|l| bare(l)).collect(),
                    });
                }
                rows.extend((head + fold..len).map(same));
            }
            DiffTag::Delete => {
                counts[1] += old_range.len() as u32;
                rows.extend(old_range.map(|i| row(DiffRowKind::Removed, Some(i), None)));
            }
            DiffTag::Insert => {
                counts[0] += new_range.len() as u32;
                rows.extend(new_range.map(|i| row(DiffRowKind::Added, None, Some(i))));
            }
            DiffTag::Replace => {
                // Paired line by line; what one side has beyond the other is removed or added.
                let paired = old_range.len().min(new_range.len());
                counts[2] += paired as u32;
                counts[1] += (old_range.len() - paired) as u32;
                counts[0] += (new_range.len() - paired) as u32;
                for i in 0..old_range.len().max(new_range.len()) {
                    let l = (i < old_range.len()).then(|| old_range.start + i);
                    let r = (i < new_range.len()).then(|| new_range.start + i);
                    let kind = match (l, r) {
                        (Some(_), Some(_)) => DiffRowKind::Changed,
                        (Some(_), None) => DiffRowKind::Removed,
                        _ => DiffRowKind::Added,
                    };
                    rows.push(row(kind, l, r));
                }
            }
        }
    }
    (rows, counts)
}

fn line_count(text: &str) -> u32 {
    text.lines().count() as u32
}

/// The side-by-side diff of two files, each checked first (text by name, UTF-8, at most
/// [`MAX_DIFF_BYTES`]); `left` and `right` name the versions.
pub fn side_by_side(
    left: (DiffSide, DiffInput<'_>),
    right: (DiffSide, DiffInput<'_>),
) -> Result<SideBySide, Vec<Problem>> {
    let (left_text, right_text) = texts(&left.1, &right.1)?;
    let (rows, [added, removed, changed]) = side_by_side_rows(left_text, right_text, CONTEXT_LINES);
    Ok(SideBySide {
        left: DiffSide {
            lines: line_count(left_text),
            ..left.0
        },
        right: DiffSide {
            lines: line_count(right_text),
            ..right.0
        },
        rows,
        added,
        removed,
        changed,
    })
}

/// The unified diff (`diff -u`'s form, three lines of context) of two files, each checked as
/// for [`side_by_side`]; empty when they are the same.
pub fn unified(
    left: DiffInput<'_>,
    left_header: &str,
    right: DiffInput<'_>,
    right_header: &str,
) -> Result<String, Vec<Problem>> {
    let (left_text, right_text) = texts(&left, &right)?;
    Ok(line_diff(left_text, right_text)
        .unified_diff()
        .context_radius(CONTEXT_LINES)
        .header(left_header, right_header)
        .to_string())
}

/// The version `number` of `doc`: the newest of that number (as every other command finds it).
fn version_numbered(doc: &DesignDoc, number: u32) -> Option<&super::DocVersion> {
    doc.versions_in_order()
        .into_iter()
        .rev()
        .find(|(_, v)| v.number == number)
        .map(|(_, v)| v)
}

/// A version's side, and its bytes once its name and size passed.
type Loaded = (DiffSide, super::DocVersion, Vec<u8>);

impl Workspace {
    /// Both versions' sides and bytes, each checked by name and size before it is read.
    fn diff_versions(
        &self,
        key: &str,
        from: u32,
        to: u32,
    ) -> Result<(Loaded, Loaded), DesignDocError> {
        let doc = self.design_doc(key)?;
        let mut problems = Vec::new();
        for (field, number) in [("from", from), ("to", to)] {
            match version_numbered(&doc, number) {
                None => problems.push(Problem::new(
                    field,
                    super::DocCode::UnknownVersion,
                    number.to_string(),
                )),
                Some(version) => problems.extend(name_and_size_problems(
                    field,
                    &version.file_name,
                    version.size,
                )),
            }
        }
        if !problems.is_empty() {
            return Err(DesignDocError::Refused(problems));
        }
        let load = |number: u32| -> Result<Loaded, DesignDocError> {
            let (version, bytes) = self.design_doc_file(&doc.id, Some(number))?;
            let side = DiffSide {
                number: version.number,
                file_name: version.file_name.clone(),
                sha256: version.sha256.clone(),
                lines: 0,
            };
            Ok((side, version, bytes))
        };
        Ok((load(from)?, load(to)?))
    }

    /// Versions `from` and `to` of the document side by side (see [`side_by_side`]).
    pub fn design_doc_diff(
        &self,
        key: &str,
        from: u32,
        to: u32,
    ) -> Result<SideBySide, DesignDocError> {
        let ((left, lv, lb), (right, rv, rb)) = self.diff_versions(key, from, to)?;
        side_by_side(
            (
                left,
                DiffInput {
                    file_name: &lv.file_name,
                    bytes: &lb,
                },
            ),
            (
                right,
                DiffInput {
                    file_name: &rv.file_name,
                    bytes: &rb,
                },
            ),
        )
        .map_err(DesignDocError::Refused)
    }

    /// Versions `from` and `to` of the document as a unified diff, headed `v{n} {file name}`.
    pub fn design_doc_unified_diff(
        &self,
        key: &str,
        from: u32,
        to: u32,
    ) -> Result<String, DesignDocError> {
        let ((left, lv, lb), (right, rv, rb)) = self.diff_versions(key, from, to)?;
        unified(
            DiffInput {
                file_name: &lv.file_name,
                bytes: &lb,
            },
            &format!("v{} {}", left.number, left.file_name),
            DiffInput {
                file_name: &rv.file_name,
                bytes: &rb,
            },
            &format!("v{} {}", right.number, right.file_name),
        )
        .map_err(DesignDocError::Refused)
    }
}

#[cfg(test)]
mod tests;
