//! Cables in CSV with NetBox's columns: `side_a_device, side_a_name, side_b_device,
//! side_b_name, type, color, length, length_unit, label, status`. A device is named by its
//! placement label (what the elevation shows) or its asset tag; a port by its name, with a
//! `front:` or `rear:` prefix where a patch panel has both. Types and statuses accept our
//! codes and NetBox's (`mmf-om4`, `smf-os2`, `connected`, …).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::csv_file::{CsvColumn, CsvOptions, CsvTable, SpreadsheetCsv};
use crate::problem::{Problem, ProblemCode};

use super::model::{Cable, CableEnd, CableKind, CableStatus, LengthUnit, PortRole};
use super::ops::CableError;
use super::rules::ports_of;
use crate::ids::CableId;
use crate::racks::DeviceTypes;
use crate::racks::PlaceIndex;

/// The columns a cable file may have (the order our export writes them in); all one line.
pub const COLUMNS: [CsvColumn; 10] = [
    CsvColumn::line("side_a_device"),
    CsvColumn::line("side_a_name"),
    CsvColumn::line("side_b_device"),
    CsvColumn::line("side_b_name"),
    CsvColumn::line("type"),
    CsvColumn::line("color"),
    CsvColumn::line("length"),
    CsvColumn::line("length_unit"),
    CsvColumn::line("label"),
    CsvColumn::line("status"),
];

/// The columns a file must have; the others may be left out.
const REQUIRED: [&str; 5] = [
    "side_a_device",
    "side_a_name",
    "side_b_device",
    "side_b_name",
    "type",
];

/// One row as written, with its line in the file (the header is line 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CableCsvRow {
    pub line: u32,
    pub side_a_device: String,
    pub side_a_name: String,
    pub side_b_device: String,
    pub side_b_name: String,
    pub kind: String,
    pub color: String,
    pub length: String,
    pub length_unit: String,
    pub label: String,
    pub status: String,
}

/// A problem with one row's `column`, at its line of the file (the header is line 1).
pub fn row_problem(
    line: u32,
    column: &str,
    code: CableRowCode,
    value: impl Into<String>,
) -> Problem {
    Problem::new(column, code, value).at_line(line)
}

/// Why a row of a cable or test results file is refused; the UI translates it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CableRowCode {
    Required,
    UnknownDevice,
    /// Two placements answer to that name: use the asset tag or a unique label.
    AmbiguousDevice,
    UnknownPort,
    UnknownValue,
    NotANumber,
    /// Test results: no cable has that label (or id).
    UnknownCable,
    /// Test results: a date as YYYY-MM-DD, optionally with HH:MM.
    NotADate,
    /// Test results: the cable was taken out.
    Decommissioned,
}

impl ProblemCode for CableRowCode {
    fn code(self) -> &'static str {
        match self {
            CableRowCode::Required => "required",
            CableRowCode::UnknownDevice => "unknown_device",
            CableRowCode::AmbiguousDevice => "ambiguous_device",
            CableRowCode::UnknownPort => "unknown_port",
            CableRowCode::UnknownValue => "unknown_value",
            CableRowCode::NotANumber => "not_a_number",
            CableRowCode::UnknownCable => "unknown_cable",
            CableRowCode::NotADate => "not_a_date",
            CableRowCode::Decommissioned => "decommissioned",
        }
    }

    fn english(self, value: &str) -> String {
        let what = match self {
            CableRowCode::Required => "is required",
            CableRowCode::UnknownDevice => "names no device in the racks",
            CableRowCode::AmbiguousDevice => {
                "names more than one device (use the asset tag or a unique label)"
            }
            CableRowCode::UnknownPort => "names no port of that device",
            CableRowCode::UnknownValue => "is not one of the known values",
            CableRowCode::NotANumber => "is not a number",
            CableRowCode::UnknownCable => "names no cable",
            CableRowCode::NotADate => "is not a date (YYYY-MM-DD, optionally with HH:MM)",
            CableRowCode::Decommissioned => "is a cable taken out",
        };
        if value.is_empty() {
            what.to_owned()
        } else {
            format!("{what} ('{value}')")
        }
    }
}

/// A cable file read: its rows, or every problem of its cells (a control character, a cell
/// too long) by line and column.
pub struct CableFile {
    pub rows: Vec<CableCsvRow>,
    pub problems: Vec<Problem>,
}

/// Reads the rows of a cable CSV (a UTF-8 byte order mark is fine), refused whole when its
/// header is (a column missing, or one no field answers to unless `options` ignores it).
pub fn parse(bytes: &[u8], options: CsvOptions) -> Result<CableFile, CableError> {
    let mut file = CableFile {
        rows: Vec::new(),
        problems: Vec::new(),
    };
    for row in CsvTable::open(bytes, &COLUMNS, &REQUIRED, options).map_err(CableError::File)? {
        let row = row.map_err(|error| CableError::File(vec![error]))?;
        file.rows.push(CableCsvRow {
            line: row.line,
            side_a_device: row.text("side_a_device"),
            side_a_name: row.text("side_a_name"),
            side_b_device: row.text("side_b_device"),
            side_b_name: row.text("side_b_name"),
            kind: row.text("type"),
            color: row.text("color"),
            length: row.text("length"),
            length_unit: row.text("length_unit"),
            label: row.text("label"),
            status: row.text("status"),
        });
        file.problems.extend(row.problems);
    }
    Ok(file)
}

/// Our cable kind for our code or NetBox's type slug.
pub fn parse_kind(text: &str) -> Option<CableKind> {
    CableKind::parse(text).or(match text.trim().to_lowercase().as_str() {
        "mmf-om3" => Some(CableKind::Om3),
        "mmf-om4" => Some(CableKind::Om4),
        "smf" | "smf-os2" => Some(CableKind::Os2),
        "dac-active" | "dac-passive" => Some(CableKind::Dac),
        _ => None,
    })
}

/// Our status for our code or NetBox's (`connected` is installed).
pub fn parse_status(text: &str) -> Option<CableStatus> {
    match text.trim().to_lowercase().as_str() {
        "" => Some(CableStatus::Planned),
        "connected" => Some(CableStatus::Installed),
        "decommissioning" => Some(CableStatus::Decommissioned),
        other => CableStatus::parse(other),
    }
}

/// Finds placements by label or asset tag, across the workspace.
pub struct DeviceNames<'a> {
    index: &'a PlaceIndex,
    by_name: HashMap<String, Vec<(crate::ids::RackId, String)>>,
}

impl<'a> DeviceNames<'a> {
    /// `asset_tags` maps asset ids to tags (from the asset index), so a device can be named
    /// by the tag on it.
    pub fn new(
        index: &'a PlaceIndex,
        asset_tag: impl Fn(crate::ids::AssetId) -> Option<String>,
    ) -> Self {
        let mut by_name: HashMap<String, Vec<(crate::ids::RackId, String)>> = HashMap::new();
        for rack in index.racks.values() {
            for (id, placement) in &rack.placements {
                let mut names = vec![placement.label.trim().to_lowercase()];
                if let Some(tag) = placement.asset.and_then(&asset_tag) {
                    names.push(tag.trim().to_lowercase());
                }
                names.dedup();
                for name in names {
                    by_name.entry(name).or_default().push((rack.id, id.clone()));
                }
            }
        }
        DeviceNames { index, by_name }
    }

    /// The end a device name and port name point at, or why not.
    pub fn end(&self, device: &str, port: &str) -> Result<CableEnd, CableRowCode> {
        let found = self
            .by_name
            .get(&device.trim().to_lowercase())
            .ok_or(CableRowCode::UnknownDevice)?;
        let [(rack, placement)] = found.as_slice() else {
            return Err(CableRowCode::AmbiguousDevice);
        };
        let device_type = self
            .index
            .racks
            .get(rack)
            .and_then(|r| r.placements.get(placement))
            .and_then(|p| self.index.device_type(&p.device_type))
            .ok_or(CableRowCode::UnknownDevice)?;
        let (roles, name): (&[PortRole], &str) = match port.trim().split_once(':') {
            Some(("front", name)) => (&[PortRole::Front], name),
            Some(("rear", name)) => (&[PortRole::Rear], name),
            _ => (
                &[
                    PortRole::Interface,
                    PortRole::Console,
                    PortRole::Power,
                    PortRole::Front,
                    PortRole::Rear,
                ],
                port.trim(),
            ),
        };
        roles
            .iter()
            .find(|role| {
                ports_of(device_type, **role)
                    .iter()
                    .any(|p| p.name == name.trim())
            })
            .map(|role| CableEnd {
                rack: *rack,
                placement: placement.clone(),
                role: *role,
                port: name.trim().to_owned(),
            })
            .ok_or(CableRowCode::UnknownPort)
    }

    /// Turns rows into cables (ids from `new_id`), with every problem of every row. The rules
    /// that need the other cables (free ports, unique labels) are checked by the caller.
    pub fn resolve(
        &self,
        rows: &[CableCsvRow],
        mut new_id: impl FnMut() -> CableId,
    ) -> (Vec<Cable>, Vec<Problem>) {
        let mut cables = Vec::new();
        let mut problems = Vec::new();
        for row in rows {
            let mut problem = |column: &str, code, value: &str| {
                problems.push(row_problem(row.line, column, code, value))
            };
            let mut end = |device: &str, port: &str, columns: [&str; 2]| {
                if device.is_empty() || port.is_empty() {
                    let column = if device.is_empty() {
                        columns[0]
                    } else {
                        columns[1]
                    };
                    problem(column, CableRowCode::Required, "");
                    return None;
                }
                match self.end(device, port) {
                    Ok(end) => Some(end),
                    Err(code @ CableRowCode::UnknownPort) => {
                        problem(columns[1], code, port);
                        None
                    }
                    Err(code) => {
                        problem(columns[0], code, device);
                        None
                    }
                }
            };
            let a = end(
                &row.side_a_device,
                &row.side_a_name,
                ["side_a_device", "side_a_name"],
            );
            let b = end(
                &row.side_b_device,
                &row.side_b_name,
                ["side_b_device", "side_b_name"],
            );
            let kind = parse_kind(&row.kind);
            if kind.is_none() {
                problem("type", CableRowCode::UnknownValue, &row.kind);
            }
            let status = parse_status(&row.status);
            if status.is_none() {
                problem("status", CableRowCode::UnknownValue, &row.status);
            }
            let unit = if row.length_unit.trim().is_empty() {
                Some(LengthUnit::Metres)
            } else {
                LengthUnit::parse(&row.length_unit)
            };
            if unit.is_none() {
                problem("length_unit", CableRowCode::UnknownValue, &row.length_unit);
            }
            let length = match row.length.trim() {
                "" => Some(None),
                text => text.parse::<f64>().ok().filter(|l| *l >= 0.0).map(Some),
            };
            if length.is_none() {
                problem("length", CableRowCode::NotANumber, &row.length);
            }
            if let (Some(a), Some(b), Some(kind), Some(status), Some(unit), Some(length)) =
                (a, b, kind, status, unit, length)
            {
                let label = row.label.trim().to_owned();
                cables.push(Cable {
                    colour: row.color.trim().to_owned(),
                    length,
                    length_unit: unit,
                    status,
                    label_by_hand: !label.is_empty(),
                    label,
                    ..Cable::planned(new_id(), a, b, kind)
                });
            }
        }
        (cables, problems)
    }
}

/// A port as the CSV files write it: its name, or `front:N` / `rear:N` for a patch panel's
/// ports (whose front and rear share names); [`DeviceNames::end`] reads it back.
pub fn port_text(end: &CableEnd) -> String {
    match end.role {
        PortRole::Front => format!("front:{}", end.port),
        PortRole::Rear => format!("rear:{}", end.port),
        _ => end.port.clone(),
    }
}

/// Writes cables as CSV with NetBox's columns (devices by placement label, patch panel
/// ports as `front:N` / `rear:N`), made safe for spreadsheets, with a UTF-8 byte order mark
/// when `bom`.
pub fn export(
    cables: &[Cable],
    index: &PlaceIndex,
    writer: impl std::io::Write,
    bom: bool,
) -> Result<(), csv::Error> {
    let mut out = SpreadsheetCsv::new(writer, bom)?;
    out.row(COLUMNS.iter().map(|column| column.name))?;
    let device = |end: &CableEnd| {
        index
            .racks
            .get(&end.rack)
            .and_then(|rack| rack.placements.get(&end.placement))
            .map(|placement| placement.label.clone())
            .unwrap_or_default()
    };
    for cable in cables {
        let length = cable.length.map(|l| l.to_string()).unwrap_or_default();
        out.row([
            device(&cable.a).as_str(),
            port_text(&cable.a).as_str(),
            device(&cable.b).as_str(),
            port_text(&cable.b).as_str(),
            cable.kind.code(),
            cable.colour.as_str(),
            length.as_str(),
            cable.length_unit.code(),
            cable.label.as_str(),
            cable.status.code(),
        ])?;
    }
    out.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests;
