//! The one reader of every CSV file imported (assets, cables, cable test results, device
//! types): the header checked against the columns an import knows, then each row with its
//! line, its cells read back as [`read_cell`] reads them and checked by [`check_text`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cell::read_cell;
use super::{CsvFileError, MAX_CELL_BYTES, MAX_CSV_BYTES};
use crate::problem::Problem;
use crate::text::{check_text, shown, TextCode, TextRule};

/// A column an import knows: its name (what our exports write, lower case), other headers
/// that mean it (compared without case: Korean labels, NetBox's names), and what text its
/// cells may hold.
#[derive(Clone, Copy, Debug)]
pub struct CsvColumn {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub text: TextRule,
}

impl CsvColumn {
    /// A column of one-line text.
    pub const fn line(name: &'static str) -> Self {
        Self {
            name,
            aliases: &[],
            text: TextRule::SingleLine,
        }
    }

    /// A column whose cells may hold several lines (notes).
    pub const fn lines(name: &'static str) -> Self {
        Self {
            name,
            aliases: &[],
            text: TextRule::MultiLine,
        }
    }

    /// Also known by these headers.
    pub const fn also(self, aliases: &'static [&'static str]) -> Self {
        Self { aliases, ..self }
    }

    /// Whether a header names this column, given it lower-cased (`lower`) and with spaces and
    /// hyphens as underscores too (`key`): its name (`Asset Tag`, `asset-tag`), or one of its
    /// other headers, in any case.
    fn answers_to(&self, lower: &str, key: &str) -> bool {
        self.name == key
            || self
                .aliases
                .iter()
                .any(|alias| alias.to_lowercase() == lower)
    }
}

/// The longest header that can name a column; a longer one is unknown without comparing it.
const MAX_HEADER_BYTES: usize = 256;

/// What the person importing chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CsvOptions {
    /// Import without the columns no field answers to, instead of refusing the file.
    #[serde(default)]
    pub ignore_unknown_columns: bool,
}

/// A CSV file whose header was read and accepted; its rows are read one at a time.
pub struct CsvTable<'a> {
    reader: csv::Reader<&'a [u8]>,
    columns: &'a [CsvColumn],
    /// For each of `columns`, where it is in the file.
    at: Vec<Option<usize>>,
    /// The known columns in the file's order.
    present: Vec<&'static str>,
    /// The headers ignored (only with `ignore_unknown_columns`).
    ignored: Vec<String>,
    record: csv::StringRecord,
    failed: bool,
}

/// One row: its line in the file (the header is line 1; a row with line breaks in a cell
/// counts from where it starts), its cells by column, and each cell refused.
#[derive(Clone, Debug)]
pub struct CsvRow<'a> {
    pub line: u32,
    columns: &'a [CsvColumn],
    cells: Vec<Option<String>>,
    /// A problem for each cell that holds what its column may not (at the row's line).
    pub problems: Vec<Problem>,
}

impl CsvRow<'_> {
    /// The cell of `column`; `None` when the file has no such column.
    pub fn get(&self, column: &str) -> Option<&str> {
        let at = self.columns.iter().position(|known| known.name == column)?;
        self.cells[at].as_deref()
    }

    /// The cell of `column`, empty when the file has no such column.
    pub fn text(&self, column: &str) -> String {
        self.get(column).unwrap_or_default().to_owned()
    }
}

impl<'a> CsvTable<'a> {
    /// Reads the header of `bytes` (a UTF-8 byte order mark is fine): refused with every
    /// problem it has (too large, no header, a column twice, a `required` one missing, one no
    /// column answers to unless `options` says to ignore it).
    pub fn open(
        bytes: &'a [u8],
        columns: &'a [CsvColumn],
        required: &[&str],
        options: CsvOptions,
    ) -> Result<Self, Vec<CsvFileError>> {
        if bytes.len() as u64 > MAX_CSV_BYTES {
            return Err(vec![CsvFileError::TooLarge {
                bytes: bytes.len() as u64,
                limit: MAX_CSV_BYTES,
            }]);
        }
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
        let headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(error) => return Err(vec![malformed(&error)]),
        };
        if headers.iter().all(|header| read_cell(header).is_empty()) {
            return Err(vec![CsvFileError::Empty]);
        }
        let mut at = vec![None; columns.len()];
        let mut present = Vec::new();
        let mut unknown = Vec::new();
        let mut errors = Vec::new();
        for (position, header) in headers.iter().enumerate() {
            let name = read_cell(header);
            let known = if name.len() <= MAX_HEADER_BYTES {
                let lower = name.to_lowercase();
                let key = lower.replace(['-', ' '], "_");
                columns
                    .iter()
                    .position(|column| column.answers_to(&lower, &key))
            } else {
                None
            };
            match known {
                Some(known) if at[known].is_some() => {
                    errors.push(CsvFileError::DuplicateColumn {
                        column: shown(name),
                    });
                }
                Some(known) => {
                    at[known] = Some(position);
                    present.push(columns[known].name);
                }
                None if name.is_empty() => {
                    unknown.push(format!("(no name, column {})", position + 1))
                }
                None => unknown.push(shown(name)),
            }
        }
        let missing: Vec<String> = required
            .iter()
            .filter(|name| !present.contains(name))
            .map(|name| (*name).to_owned())
            .collect();
        if !missing.is_empty() {
            errors.push(CsvFileError::MissingColumns { columns: missing });
        }
        if !unknown.is_empty() && !options.ignore_unknown_columns {
            errors.push(CsvFileError::UnknownColumns {
                columns: unknown.clone(),
                known: columns
                    .iter()
                    .map(|column| column.name.to_owned())
                    .collect(),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            reader,
            columns,
            at,
            present,
            ignored: unknown,
            record: csv::StringRecord::new(),
            failed: false,
        })
    }

    /// The known columns the file has, in its order.
    pub fn present(&self) -> &[&'static str] {
        &self.present
    }

    /// The headers left out because the person importing said to ignore them.
    pub fn ignored(&self) -> &[String] {
        &self.ignored
    }

    fn row(&self) -> CsvRow<'a> {
        let line = self.record.position().map_or(0, |position| {
            u32::try_from(position.line()).unwrap_or(u32::MAX)
        });
        let mut problems = Vec::new();
        let cells = self
            .columns
            .iter()
            .zip(&self.at)
            .map(|(column, at)| {
                let raw = self.record.get((*at)?).unwrap_or_default();
                if raw.len() > MAX_CELL_BYTES {
                    problems.push(
                        Problem::new(column.name, TextCode::CellTooLong, shown(raw))
                            .with("limit", MAX_CELL_BYTES)
                            .saying(format!(
                                "holds {} bytes; a cell holds at most {MAX_CELL_BYTES}",
                                raw.len()
                            ))
                            .at_line(line),
                    );
                    return Some(String::new());
                }
                let value = read_cell(raw);
                if let Some(problem) = check_text(column.name, value, column.text) {
                    problems.push(problem.at_line(line));
                }
                Some(value.to_owned())
            })
            .collect();
        CsvRow {
            line,
            columns: self.columns,
            cells,
            problems,
        }
    }
}

impl<'a> Iterator for CsvTable<'a> {
    type Item = Result<CsvRow<'a>, CsvFileError>;

    /// The next row, or the reason the file cannot be read on from here (after which there
    /// are no more rows).
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => Some(Ok(self.row())),
            Err(error) => {
                self.failed = true;
                Some(Err(malformed(&error)))
            }
        }
    }
}

fn malformed(error: &csv::Error) -> CsvFileError {
    let line = error.position().map_or(1, |position| {
        u32::try_from(position.line()).unwrap_or(u32::MAX)
    });
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields, found {len}"),
        csv::ErrorKind::Utf8 { .. } => {
            "the text is not UTF-8 (save the file as CSV UTF-8)".to_owned()
        }
        _ => error.to_string(),
    };
    CsvFileError::Malformed { line, message }
}
