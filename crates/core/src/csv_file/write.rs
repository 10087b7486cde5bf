//! The one writer of every CSV the app and the CLI make (assets, cables, the cable schedule,
//! reports): each cell through [`write_cell`], so no cell opens as a formula.

use std::io::Write;

use super::cell::write_cell;

/// A CSV being written for spreadsheets: rows of text cells, each made safe to open.
pub struct SpreadsheetCsv<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> SpreadsheetCsv<W> {
    /// Starts a CSV on `out`, with a UTF-8 byte order mark first when `bom` (Excel reads a CSV
    /// without one in the system's code page, which turns Hangul into mojibake on Korean
    /// Windows).
    pub fn new(mut out: W, bom: bool) -> Result<Self, csv::Error> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        Ok(Self {
            out: csv::Writer::from_writer(out),
        })
    }

    /// Writes one row (the header row too): every cell as [`write_cell`] makes it.
    pub fn row<I>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for cell in cells {
            self.out.write_field(write_cell(cell.as_ref()).as_bytes())?;
        }
        // An empty record after the fields ends the row.
        self.out.write_record(None::<&[u8]>)
    }

    /// Flushes what is buffered and gives the output back; the CSV is whole once this
    /// returns.
    pub fn finish(self) -> Result<W, csv::Error> {
        self.out
            .into_inner()
            .map_err(|error| csv::Error::from(error.into_error()))
    }
}
