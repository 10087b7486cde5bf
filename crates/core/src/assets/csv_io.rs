//! CSV import (preview with per-row errors, then all-or-nothing) and export, through the
//! one CSV reader and writer (`crate::csv_file`).
//!
//! Columns are the field codes of [`AssetField`] (`asset_tag, asset_type, …`); an `id` column
//! is written on export and ignored on import. Headers may also be the Korean labels. A
//! column no field answers to refuses the file unless the person importing says to ignore it.
//! Exports to files start with a UTF-8 byte order mark so spreadsheet programs read Hangul
//! correctly; imports accept files with or without one.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::AssetField;
use super::index::normalise_tag;
use super::input::{apply_input, field_problem, AssetInput, FieldErrorCode};
use super::model::{Asset, AssetRow, Location};
use crate::csv_file::{CsvColumn, CsvFileError, CsvOptions, CsvTable, SpreadsheetCsv};
use crate::ids::AssetId;
use crate::problem::Problem;
use crate::store::Workspace;

/// How many rows a preview carries in full; errors are listed for every row regardless.
pub const PREVIEW_ROWS: usize = 200;

/// The columns an asset file may have: `id` (written by the export, not read), then every
/// field in form order under its code, with its Korean labels as other names.
pub const COLUMNS: [CsvColumn; 19] = [
    CsvColumn::line("id"),
    CsvColumn::line("asset_tag").also(&["자산 태그", "자산태그"]),
    CsvColumn::line("asset_type").also(&["유형"]),
    CsvColumn::line("manufacturer").also(&["제조사"]),
    CsvColumn::line("model").also(&["모델"]),
    CsvColumn::line("serial").also(&["시리얼", "시리얼 번호"]),
    CsvColumn::line("purchase_date").also(&["구매일"]),
    CsvColumn::line("cost").also(&["비용"]),
    CsvColumn::line("currency").also(&["통화"]),
    CsvColumn::line("warranty_end").also(&["보증 만료일"]),
    CsvColumn::line("status").also(&["상태"]),
    CsvColumn::line("site").also(&["사이트"]),
    CsvColumn::line("room").also(&["전산실"]),
    CsvColumn::line("row").also(&["열"]),
    CsvColumn::line("rack").also(&["랙"]),
    CsvColumn::line("unit").also(&["유닛"]),
    CsvColumn::line("owner").also(&["담당", "담당자"]),
    CsvColumn::lines("notes").also(&["메모"]),
    CsvColumn::line("tags").also(&["태그"]),
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRow {
    /// Line number in the file (the header is line 1).
    pub line: u32,
    pub input: AssetInput,
    /// Every problem of the row, each at the row's line.
    pub errors: Vec<crate::problem::Problem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub columns: Vec<AssetField>,
    /// Columns left out because the person importing said to ignore unknown columns.
    pub ignored_columns: Vec<String>,
    pub file_errors: Vec<CsvFileError>,
    pub total_rows: u32,
    pub error_rows: u32,
    /// The first [`PREVIEW_ROWS`] rows.
    pub sample: Vec<ImportRow>,
    /// Every row with at least one error.
    pub rejected: Vec<ImportRow>,
    /// The places the import makes because rows name them and the workspace lacks them
    /// (`site / room / rack`), for the person importing to look over.
    pub new_places: Vec<String>,
}

impl ImportPreview {
    pub fn can_import(&self) -> bool {
        self.file_errors.is_empty() && self.error_rows == 0 && self.total_rows > 0
    }
}

/// What resolves a row's location against the workspace's places (the racks area's
/// `LocationResolver`): the location in the places' own names, or why not.
pub type ResolvePlaces<'a> = dyn FnMut(&Location) -> Result<Location, Vec<Problem>> + 'a;

/// Reads and validates a CSV file against the workspace without writing anything; each valid
/// row's location goes through `places`.
pub fn preview(
    workspace: &Workspace,
    bytes: &[u8],
    options: CsvOptions,
    places: &mut ResolvePlaces<'_>,
) -> (ImportPreview, Vec<Asset>) {
    let mut preview = ImportPreview {
        columns: Vec::new(),
        ignored_columns: Vec::new(),
        file_errors: Vec::new(),
        total_rows: 0,
        error_rows: 0,
        sample: Vec::new(),
        rejected: Vec::new(),
        new_places: Vec::new(),
    };
    let table = match CsvTable::open(bytes, &COLUMNS, &["asset_tag"], options) {
        Ok(table) => table,
        Err(errors) => {
            preview.file_errors = errors;
            return (preview, Vec::new());
        }
    };
    preview.columns = table
        .present()
        .iter()
        .filter_map(|column| AssetField::from_code(column))
        .collect();
    preview.ignored_columns = table.ignored().to_vec();

    let index = workspace.index();
    let mut first_line_of_tag: HashMap<String, u32> = HashMap::new();
    let mut assets = Vec::new();
    for row in table {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                preview.file_errors.push(error);
                break;
            }
        };
        let line = row.line;
        let mut input = AssetInput::default();
        for field in AssetField::ALL {
            if let Some(value) = row.get(field.code()) {
                input.set(field, Some(value.to_owned()));
            }
        }
        // A cell the reader refused is refused once, by the reader.
        let mut errors = row.problems;
        let refused: HashSet<String> = errors.iter().map(|p| p.field.clone()).collect();
        // Row ids are placeholders here; the real ids are chosen when the import is applied.
        let asset = match apply_input(&Asset::blank(AssetId(ulid::Ulid::nil())), &input) {
            Ok(mut asset) => match places(&asset.location) {
                Ok(location) => {
                    asset.location = location;
                    Some(asset)
                }
                Err(problems) => {
                    errors.extend(problems.into_iter().map(|p| p.at_line(line)));
                    None
                }
            },
            Err(problems) => {
                errors.extend(
                    problems
                        .into_iter()
                        .filter(|p| !refused.contains(&p.field))
                        .map(|p| p.at_line(line)),
                );
                None
            }
        };
        let tag = normalise_tag(input.asset_tag.as_deref().unwrap_or_default());
        if !tag.is_empty() && (index.by_tag(&tag).is_some() || first_line_of_tag.contains_key(&tag))
        {
            errors.push(
                field_problem(
                    AssetField::AssetTag,
                    FieldErrorCode::DuplicateAssetTag,
                    input.asset_tag.as_deref().unwrap_or_default(),
                )
                .at_line(line),
            );
        }
        first_line_of_tag.entry(tag).or_insert(line);
        preview.total_rows += 1;
        let row = ImportRow {
            line,
            input,
            errors,
        };
        if !row.errors.is_empty() {
            preview.error_rows += 1;
            preview.rejected.push(row.clone());
        } else if let Some(asset) = asset {
            assets.push(asset);
        }
        if preview.sample.len() < PREVIEW_ROWS {
            preview.sample.push(row);
        }
    }
    (preview, assets)
}

/// Writes `rows` as CSV for spreadsheets: an `id` column, then every field in form order.
pub fn export(rows: &[AssetRow], out: impl Write, with_bom: bool) -> Result<(), std::io::Error> {
    let mut writer = SpreadsheetCsv::new(out, with_bom)?;
    writer.row(COLUMNS.iter().map(|column| column.name))?;
    for row in rows {
        writer.row(
            std::iter::once(row.asset.id.to_string())
                .chain(AssetField::ALL.iter().map(|field| field.text(&row.asset))),
        )?;
    }
    writer.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextRule;

    #[test]
    fn the_columns_are_id_then_every_field_in_order_and_only_notes_hold_lines() {
        let names: Vec<&str> = COLUMNS.iter().map(|column| column.name).collect();
        let mut expected = vec!["id"];
        expected.extend(AssetField::ALL.iter().map(|field| field.code()));
        assert_eq!(names, expected);
        for column in &COLUMNS {
            let notes = column.name == AssetField::Notes.code();
            assert_eq!(column.text == TextRule::MultiLine, notes, "{}", column.name);
            assert_eq!(
                AssetField::from_code(column.name)
                    .map(AssetField::text_rule)
                    .unwrap_or(TextRule::SingleLine),
                column.text
            );
        }
    }
}
