//! CSV files in and out, in one place for every area.
//!
//! - **Out**: [`SpreadsheetCsv`] writes every CSV the app and the CLI make (assets, cables, the
//!   cable schedule, reports). Each cell goes through [`write_cell`]: a value a spreadsheet
//!   would run as a formula (`=HYPERLINK(…)`, `+1`, `-2+3+cmd|…`, `@SUM(…)`, a leading tab or
//!   carriage return) is written after a single quote, OWASP's rule against CSV injection.
//! - **In**: [`CsvTable`] reads every CSV file imported (assets, cables, cable test results,
//!   device types). The header must name only columns the import knows, unless the person
//!   importing says to ignore the others ([`CsvOptions`]); each cell loses the quote our
//!   export put before it ([`read_cell`]), so an export imports back to the same values; and
//!   a cell holding a control character its column may not hold (`crate::text`) is refused
//!   with its line and column.
//! - **Bounds**: a file is at most [`MAX_CSV_BYTES`] (refused whole before it is parsed) and
//!   a cell at most [`MAX_CELL_BYTES`]. The bytes are in memory when they get here (the CLI
//!   reads at most one byte past the limit; the app's screen refuses a larger file before
//!   reading it), and the reader holds one row at a time beside them, so reading a file
//!   costs at most about twice its size.
//!
//! ```
//! use cloudwright_core::csv_file::{CsvColumn, CsvOptions, CsvTable, SpreadsheetCsv};
//!
//! let mut out = SpreadsheetCsv::new(Vec::new(), false).unwrap();
//! out.row(["asset_tag", "notes"]).unwrap();
//! out.row(["=HYPERLINK(\"http://x\")", "'인용"]).unwrap();
//! let bytes = out.finish().unwrap();
//! assert_eq!(
//!     String::from_utf8(bytes.clone()).unwrap(),
//!     "asset_tag,notes\n\"'=HYPERLINK(\"\"http://x\"\")\",''인용\n"
//! );
//!
//! const COLUMNS: [CsvColumn; 2] = [CsvColumn::line("asset_tag"), CsvColumn::lines("notes")];
//! let mut table = CsvTable::open(&bytes, &COLUMNS, &["asset_tag"], CsvOptions::default()).unwrap();
//! let row = table.next().unwrap().unwrap();
//! assert_eq!(row.get("asset_tag"), Some("=HYPERLINK(\"http://x\")"));
//! assert_eq!(row.get("notes"), Some("'인용"));
//! ```

mod cell;
mod read;
mod write;

#[cfg(test)]
mod tests;

pub use cell::{read_cell, write_cell, TEXT_MARK};
pub use read::{CsvColumn, CsvOptions, CsvRow, CsvTable};
pub use write::SpreadsheetCsv;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest CSV file an import reads: 64 MiB, several times the largest real one (an
/// export of 50,000 assets is about 15 MB, 100,000 cables about 10 MB).
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// The largest cell a CSV reader takes: 64 KiB (notes hold at most 4,000 characters, at most
/// 16 KB of UTF-8).
pub const MAX_CELL_BYTES: usize = 64 * 1024;

/// Why a CSV file as a whole was refused; nothing of it was imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum CsvFileError {
    #[error("the file has no header row")]
    Empty,
    #[error("the file is {} bytes; a CSV file may be at most {} MiB", .bytes, .limit / (1024 * 1024))]
    TooLarge {
        #[ts(type = "number")]
        bytes: u64,
        #[ts(type = "number")]
        limit: u64,
    },
    #[error("the file lacks the columns {}", .columns.join(", "))]
    MissingColumns { columns: Vec<String> },
    #[error("the column '{column}' appears twice")]
    DuplicateColumn { column: String },
    #[error("no field answers to the columns {} (the columns known are {})", .columns.join(", "), .known.join(", "))]
    UnknownColumns {
        columns: Vec<String>,
        known: Vec<String>,
    },
    #[error("line {line} cannot be read: {message}")]
    Malformed { line: u32, message: String },
}
