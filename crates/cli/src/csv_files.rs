//! What every CSV import of the CLI shares: the `--ignore-unknown-columns` flag, reading the
//! file within the size core takes, and the hint after a file refused for its columns.

use std::io::Read as _;
use std::path::Path;

use anyhow::Context as _;
use clap::Args;
use cloudwright_core::csv_file::{CsvFileError, CsvOptions, MAX_CSV_BYTES};

/// The choices of a CSV import.
#[derive(Args, Clone, Copy, Debug)]
pub struct CsvImportArgs {
    /// Import without the columns no field answers to (by default such a file is refused,
    /// naming them and the columns known)
    #[arg(long)]
    ignore_unknown_columns: bool,
}

impl CsvImportArgs {
    pub fn options(self) -> CsvOptions {
        CsvOptions {
            ignore_unknown_columns: self.ignore_unknown_columns,
        }
    }
}

/// The bytes of a CSV file to import. A file larger than core reads is refused by its size
/// without reading it; whatever the file is (a pipe, a device, one still growing), at most one
/// byte past the limit is read, and core refuses that.
pub fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let size = file.metadata().map(|meta| meta.len()).unwrap_or(0);
    if size > MAX_CSV_BYTES {
        anyhow::bail!(
            "nothing was imported: {}: {}",
            path.display(),
            CsvFileError::TooLarge {
                bytes: size,
                limit: MAX_CSV_BYTES
            }
        );
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_CSV_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(bytes)
}

/// What to do about a file refused for columns no field answers to.
pub const UNKNOWN_COLUMNS_HINT: &str = "rename the columns to ones listed, or run again with \
    --ignore-unknown-columns to import without them";

/// [`UNKNOWN_COLUMNS_HINT`] when `errors` refuse a file for its columns.
pub fn hint(errors: &[CsvFileError]) -> Option<&'static str> {
    errors
        .iter()
        .any(|error| matches!(error, CsvFileError::UnknownColumns { .. }))
        .then_some(UNKNOWN_COLUMNS_HINT)
}
