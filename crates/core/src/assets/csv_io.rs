//! CSV import (preview with per-row errors, then all-or-nothing) and export.
//!
//! Columns are the field codes of [`AssetField`] (`asset_tag, asset_type, …`); an `id` column
//! is written on export and ignored on import. Headers may also be the English or Korean
//! labels. Exports to files start with a UTF-8 byte order mark so spreadsheet programs read
//! Hangul correctly; imports accept files with or without one.

use std::collections::HashMap;
use std::io::Write;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::AssetField;
use super::index::normalise_tag;
use super::input::{apply_input, field_problem, AssetInput, FieldErrorCode};
use super::model::{Asset, AssetRow};
use super::AssetError;
use crate::ids::AssetId;
use crate::stamp::Stamp;
use crate::store::Workspace;

/// How many rows a preview carries in full; errors are listed for every row regardless.
pub const PREVIEW_ROWS: usize = 200;

/// Problems with the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum ImportFileError {
    Empty,
    NoAssetTagColumn,
    DuplicateColumn { column: String },
    Malformed { line: u32, message: String },
}

impl std::fmt::Display for ImportFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportFileError::Empty => write!(f, "the file has no header row"),
            ImportFileError::NoAssetTagColumn => write!(f, "the file has no asset_tag column"),
            ImportFileError::DuplicateColumn { column } => {
                write!(f, "the column '{column}' appears twice")
            }
            ImportFileError::Malformed { line, message } => {
                write!(f, "line {line} cannot be read: {message}")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRow {
    /// Line number in the file (the header is line 1).
    pub line: u32,
    pub input: AssetInput,
    pub errors: Vec<crate::problem::Problem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub columns: Vec<AssetField>,
    pub ignored_columns: Vec<String>,
    pub file_errors: Vec<ImportFileError>,
    pub total_rows: u32,
    pub error_rows: u32,
    /// The first [`PREVIEW_ROWS`] rows.
    pub sample: Vec<ImportRow>,
    /// Every row with at least one error.
    pub rejected: Vec<ImportRow>,
}

impl ImportPreview {
    pub fn can_import(&self) -> bool {
        self.file_errors.is_empty() && self.error_rows == 0 && self.total_rows > 0
    }
}

fn column_for(header: &str) -> Option<AssetField> {
    let header = header.trim();
    AssetField::from_code(header).or_else(|| {
        let labels: &[(&str, AssetField)] = &[
            ("자산 태그", AssetField::AssetTag),
            ("자산태그", AssetField::AssetTag),
            ("유형", AssetField::AssetType),
            ("제조사", AssetField::Manufacturer),
            ("모델", AssetField::Model),
            ("시리얼", AssetField::Serial),
            ("시리얼 번호", AssetField::Serial),
            ("구매일", AssetField::PurchaseDate),
            ("비용", AssetField::Cost),
            ("통화", AssetField::Currency),
            ("보증 만료일", AssetField::WarrantyEnd),
            ("상태", AssetField::Status),
            ("사이트", AssetField::Site),
            ("전산실", AssetField::Room),
            ("열", AssetField::Row),
            ("랙", AssetField::Rack),
            ("유닛", AssetField::Unit),
            ("담당", AssetField::Owner),
            ("담당자", AssetField::Owner),
            ("메모", AssetField::Notes),
            ("태그", AssetField::Tags),
        ];
        labels
            .iter()
            .find(|(label, _)| *label == header)
            .map(|(_, field)| *field)
    })
}

/// Reads and validates a CSV file against the workspace without writing anything.
pub fn preview(workspace: &Workspace, bytes: &[u8]) -> (ImportPreview, Vec<Asset>) {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut preview = ImportPreview {
        columns: Vec::new(),
        ignored_columns: Vec::new(),
        file_errors: Vec::new(),
        total_rows: 0,
        error_rows: 0,
        sample: Vec::new(),
        rejected: Vec::new(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = match reader.headers() {
        Ok(headers) if !(headers.is_empty() || headers.len() == 1 && headers[0].is_empty()) => {
            headers.clone()
        }
        Ok(_) => {
            preview.file_errors.push(ImportFileError::Empty);
            return (preview, Vec::new());
        }
        Err(error) => {
            preview.file_errors.push(malformed(&error));
            return (preview, Vec::new());
        }
    };
    let mut columns: Vec<Option<AssetField>> = Vec::new();
    for header in headers.iter() {
        let field = column_for(header);
        match field {
            Some(field) if preview.columns.contains(&field) => {
                preview.file_errors.push(ImportFileError::DuplicateColumn {
                    column: header.to_owned(),
                })
            }
            Some(field) => preview.columns.push(field),
            None if header.eq_ignore_ascii_case("id") => {}
            None => preview.ignored_columns.push(header.to_owned()),
        }
        columns.push(field);
    }
    if !preview.columns.contains(&AssetField::AssetTag) {
        preview.file_errors.push(ImportFileError::NoAssetTagColumn);
    }
    if !preview.file_errors.is_empty() {
        return (preview, Vec::new());
    }

    let index = workspace.index();
    let mut first_line_of_tag: HashMap<String, u32> = HashMap::new();
    let mut assets = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                preview.file_errors.push(malformed(&error));
                break;
            }
        }
        let line = record
            .position()
            .map_or(0, |position| position.line() as u32);
        let mut input = AssetInput::default();
        for (value, field) in record.iter().zip(&columns) {
            if let Some(field) = field {
                input.set(*field, Some(value.to_owned()));
            }
        }
        // Row ids are placeholders here; the real ids are chosen when the import is applied.
        let (mut errors, asset) =
            match apply_input(&Asset::blank(AssetId(ulid::Ulid::nil())), &input) {
                Ok(asset) => (Vec::new(), Some(asset)),
                Err(errors) => (errors, None),
            };
        let tag = normalise_tag(input.asset_tag.as_deref().unwrap_or_default());
        if !tag.is_empty() && (index.by_tag(&tag).is_some() || first_line_of_tag.contains_key(&tag))
        {
            errors.push(field_problem(
                AssetField::AssetTag,
                FieldErrorCode::DuplicateAssetTag,
                input.asset_tag.as_deref().unwrap_or_default(),
            ));
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

fn malformed(error: &csv::Error) -> ImportFileError {
    let line = error
        .position()
        .map_or(0, |position| position.line() as u32);
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields, found {len}"),
        csv::ErrorKind::Utf8 { .. } => {
            "the text is not UTF-8 (save the file as CSV UTF-8)".to_owned()
        }
        _ => error.to_string(),
    };
    ImportFileError::Malformed { line, message }
}

impl Workspace {
    pub fn preview_import(&self, bytes: &[u8]) -> ImportPreview {
        preview(self, bytes).0
    }

    /// Imports every row or none: any error refuses the whole file and writes nothing.
    /// `next_id` supplies the new assets' ids.
    pub fn import_assets(
        &self,
        bytes: &[u8],
        stamp: &Stamp,
        mut next_id: impl FnMut() -> AssetId,
    ) -> Result<Vec<AssetRow>, AssetError> {
        let (preview, mut assets) = preview(self, bytes);
        if !preview.can_import() {
            return Err(AssetError::ImportRefused(Box::new(preview)));
        }
        for asset in &mut assets {
            asset.id = next_id();
        }
        self.insert_assets(assets, stamp, "import")
    }
}

/// Writes `rows` as CSV: an `id` column, then every field in form order.
pub fn export(rows: &[AssetRow], out: impl Write, with_bom: bool) -> Result<(), std::io::Error> {
    let mut out = out;
    if with_bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = csv::Writer::from_writer(out);
    let mut header = vec!["id"];
    header.extend(AssetField::ALL.iter().map(|field| field.code()));
    writer.write_record(&header)?;
    for row in rows {
        let mut record = vec![row.asset.id.to_string()];
        record.extend(AssetField::ALL.iter().map(|field| field.text(&row.asset)));
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}
