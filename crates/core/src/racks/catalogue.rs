//! The device type catalogue: what a model is physically (height, depth, weight), what it
//! draws, and which ports it has (the cabling plan uses those).
//!
//! Two sources, one key space: the starter catalogue compiled into the binary
//! (`starter_catalogue.yaml`, keys `builtin:{slug}`), and types a workspace adds by hand or by
//! import, each one document (`devicetype/{ULID}`, key = the ULID). Built-in types are never
//! written into a workspace, so two devices that both use them have nothing to merge.
//!
//! Import reads YAML in the shape of NetBox's devicetype-library (`manufacturer`, `model`,
//! `u_height`, `is_full_depth`, `interfaces: [{name, type}]`, …) plus our power and weight
//! fields, or a CSV with one row per type. A port name may hold a range, `Ethernet{1-48}`,
//! which expands to 48 ports.

use std::sync::OnceLock;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::csv_file::{CsvColumn, CsvFileError, CsvOptions, CsvTable};
use crate::problem::{Problem, ProblemCode};
use crate::text::{check_text, TextRule};

use super::model::text_enum;

/// Version of the device type document layout; stored in each document as `schema`.
pub const DEVICE_TYPE_SCHEMA: u64 = 1;

/// The prefix of the starter catalogue's keys.
pub const BUILTIN_PREFIX: &str = "builtin:";

/// A range in a port name expands to at most this many ports.
const MAX_PORTS_PER_RANGE: u32 = 512;

text_enum!(
    DeviceCategory {
        Server => "server",
        Switch => "switch",
        Storage => "storage",
        Router => "router",
        Firewall => "firewall",
        Pdu => "pdu",
        PatchPanel => "patch_panel",
        Other => "other",
    }
);

text_enum!(
    /// Which way air goes through the device; racks want every device front to rear.
    Airflow {
        FrontToRear => "front_to_rear",
        RearToFront => "rear_to_front",
        SideToRear => "side_to_rear",
        Passive => "passive",
    }
);

/// One port: its name on the faceplate and its kind (NetBox's type slugs, e.g.
/// `25gbase-x-sfp28`, `1000base-t`, `iec-60320-c14`, `rj-45`, `lc`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct PortDef {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct DeviceType {
    /// `builtin:{slug}` for the starter catalogue, the document's ULID for added types.
    pub key: String,
    pub manufacturer: String,
    pub model: String,
    pub category: DeviceCategory,
    /// Height in half units: 2 = 1U, 1 = half U, 0 = zero U (a vertical PDU).
    pub height_hu: u32,
    /// A full-depth device takes both faces of its units; a half-depth one leaves the other
    /// face free.
    pub full_depth: bool,
    pub weight_kg: f64,
    pub typical_w: f64,
    pub max_w: f64,
    pub airflow: Airflow,
    pub power_ports: Vec<PortDef>,
    pub interfaces: Vec<PortDef>,
    pub console_ports: Vec<PortDef>,
    /// Patch panels: front ports, each mapped to the rear port of the same position.
    pub front_ports: Vec<PortDef>,
    pub rear_ports: Vec<PortDef>,
    /// SHA-256 of images stored as blobs, where the user gave them.
    pub front_image: Option<String>,
    pub rear_image: Option<String>,
}

impl DeviceType {
    pub fn is_builtin(&self) -> bool {
        self.key.starts_with(BUILTIN_PREFIX)
    }

    pub fn display_name(&self) -> String {
        format!("{} {}", self.manufacturer, self.model)
    }
}

/// A problem of entry `entry`'s `field`: the entry (YAML, 1-based) or line (CSV, counting the
/// header) is the problem's line.
pub fn catalogue_problem(
    entry: usize,
    field: &str,
    code: CatalogueProblemCode,
    value: impl Into<String>,
) -> Problem {
    Problem::new(field, code, value).at_line(u32::try_from(entry).unwrap_or(u32::MAX))
}

/// A catalogue problem in English, by entry: `entry 2: u_height is out of range ('1.3')`.
pub fn entry_text(problem: &Problem) -> String {
    let line = problem.line.unwrap_or_default();
    if problem.field.is_empty() {
        format!("entry {line}: {}", problem.message)
    } else {
        format!("entry {line}: {} {}", problem.field, problem.message)
    }
}

/// Why an entry of a device type import is refused; the UI translates it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CatalogueProblemCode {
    Required,
    NotANumber,
    OutOfRange,
    UnknownValue,
    BadPortRange,
    DuplicateModel,
    Unreadable,
}

impl ProblemCode for CatalogueProblemCode {
    fn code(self) -> &'static str {
        match self {
            CatalogueProblemCode::Required => "required",
            CatalogueProblemCode::NotANumber => "not_a_number",
            CatalogueProblemCode::OutOfRange => "out_of_range",
            CatalogueProblemCode::UnknownValue => "unknown_value",
            CatalogueProblemCode::BadPortRange => "bad_port_range",
            CatalogueProblemCode::DuplicateModel => "duplicate_model",
            CatalogueProblemCode::Unreadable => "unreadable",
        }
    }

    fn english(self, value: &str) -> String {
        let what = match self {
            CatalogueProblemCode::Required => "is required",
            CatalogueProblemCode::NotANumber => "is not a number",
            CatalogueProblemCode::OutOfRange => "is out of range",
            CatalogueProblemCode::UnknownValue => "is not a known value",
            CatalogueProblemCode::BadPortRange => "has a bad port range",
            CatalogueProblemCode::DuplicateModel => "names a model already in the catalogue",
            CatalogueProblemCode::Unreadable => "could not be read",
        };
        format!("{what} ('{value}')")
    }
}

/// A device type as written in YAML or CSV, before validation.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DeviceTypeInput {
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub manufacturer: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub u_height: Option<f64>,
    #[serde(default)]
    pub is_full_depth: Option<bool>,
    #[serde(default)]
    pub weight_kg: Option<f64>,
    #[serde(default)]
    pub typical_w: Option<f64>,
    #[serde(default)]
    pub max_w: Option<f64>,
    #[serde(default)]
    pub airflow: Option<String>,
    #[serde(default)]
    pub power_ports: Vec<PortDef>,
    #[serde(default)]
    pub interfaces: Vec<PortDef>,
    #[serde(default)]
    pub console_ports: Vec<PortDef>,
    #[serde(default)]
    pub front_ports: Vec<PortDef>,
    #[serde(default)]
    pub rear_ports: Vec<PortDef>,
}

/// Expands `Ethernet{1-48}` into `Ethernet1` … `Ethernet48`; a name without a range is
/// itself. `None` for a malformed or reversed range, or one longer than 512.
pub fn expand_port_name(name: &str) -> Option<Vec<String>> {
    let Some(open) = name.find('{') else {
        return Some(vec![name.to_owned()]);
    };
    let close = open + name[open..].find('}')?;
    let (from, to) = name[open + 1..close].split_once('-')?;
    let (from, to): (u32, u32) = (from.trim().parse().ok()?, to.trim().parse().ok()?);
    if to < from || to - from >= MAX_PORTS_PER_RANGE {
        return None;
    }
    let (prefix, suffix) = (&name[..open], &name[close + 1..]);
    Some(
        (from..=to)
            .map(|n| format!("{prefix}{n}{suffix}"))
            .collect(),
    )
}

/// A problem for each text of an entry that holds a control character (all are one line).
fn unreadable_texts(input: &DeviceTypeInput, entry: usize) -> Vec<Problem> {
    let mut texts: Vec<(&str, &str)> = vec![
        ("manufacturer", &input.manufacturer),
        ("model", &input.model),
        ("slug", input.slug.as_deref().unwrap_or_default()),
        ("category", input.category.as_deref().unwrap_or_default()),
        ("airflow", input.airflow.as_deref().unwrap_or_default()),
    ];
    for (field, ports) in [
        ("power_ports", &input.power_ports),
        ("interfaces", &input.interfaces),
        ("console_ports", &input.console_ports),
        ("front_ports", &input.front_ports),
        ("rear_ports", &input.rear_ports),
    ] {
        for port in ports {
            texts.push((field, &port.name));
            texts.push((field, &port.kind));
        }
    }
    texts
        .into_iter()
        .filter_map(|(field, text)| check_text(field, text.trim(), TextRule::SingleLine))
        .map(|problem| problem.at_line(u32::try_from(entry).unwrap_or(u32::MAX)))
        .collect()
}

/// Validates one entry into a device type with `key`; every problem at once.
pub fn validate(
    input: &DeviceTypeInput,
    key: String,
    entry: usize,
) -> Result<DeviceType, Vec<Problem>> {
    let mut problems = unreadable_texts(input, entry);
    let mut problem = |field: &str, code, value: String| {
        problems.push(catalogue_problem(entry, field, code, value))
    };
    for (field, text) in [
        ("manufacturer", &input.manufacturer),
        ("model", &input.model),
    ] {
        if text.trim().is_empty() {
            problem(field, CatalogueProblemCode::Required, String::new());
        }
    }
    let category = match input.category.as_deref() {
        None | Some("") => DeviceCategory::Other,
        Some(text) => DeviceCategory::parse(text).unwrap_or_else(|| {
            problem("category", CatalogueProblemCode::UnknownValue, text.into());
            DeviceCategory::Other
        }),
    };
    let airflow = match input.airflow.as_deref() {
        None | Some("") => Airflow::FrontToRear,
        Some(text) => Airflow::parse(text).unwrap_or_else(|| {
            problem("airflow", CatalogueProblemCode::UnknownValue, text.into());
            Airflow::FrontToRear
        }),
    };
    let u_height = input.u_height.unwrap_or(1.0);
    let height_hu = u_height * 2.0;
    if !(0.0..=96.0).contains(&height_hu) || height_hu.fract() != 0.0 {
        problem(
            "u_height",
            CatalogueProblemCode::OutOfRange,
            u_height.to_string(),
        );
    }
    let mut number = |field: &str, value: Option<f64>, max: f64| {
        let value = value.unwrap_or(0.0);
        if !(0.0..=max).contains(&value) {
            problem(field, CatalogueProblemCode::OutOfRange, value.to_string());
        }
        value
    };
    let weight_kg = number("weight_kg", input.weight_kg, 2_000.0);
    let typical_w = number("typical_w", input.typical_w, 100_000.0);
    let max_w = number("max_w", input.max_w.or(input.typical_w), 100_000.0);
    let mut ports = |field: &str, list: &[PortDef]| {
        let mut out = Vec::new();
        for port in list {
            match expand_port_name(port.name.trim()) {
                Some(names) if !port.name.trim().is_empty() => {
                    out.extend(names.into_iter().map(|name| PortDef {
                        name,
                        kind: port.kind.trim().to_owned(),
                    }))
                }
                _ => problem(field, CatalogueProblemCode::BadPortRange, port.name.clone()),
            }
        }
        out
    };
    let power_ports = ports("power_ports", &input.power_ports);
    let interfaces = ports("interfaces", &input.interfaces);
    let console_ports = ports("console_ports", &input.console_ports);
    let front_ports = ports("front_ports", &input.front_ports);
    let rear_ports = ports("rear_ports", &input.rear_ports);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(DeviceType {
        key,
        manufacturer: input.manufacturer.trim().to_owned(),
        model: input.model.trim().to_owned(),
        category,
        height_hu: height_hu as u32,
        full_depth: input.is_full_depth.unwrap_or(true),
        weight_kg,
        typical_w,
        max_w: max_w.max(typical_w),
        airflow,
        power_ports,
        interfaces,
        console_ports,
        front_ports,
        rear_ports,
        front_image: None,
        rear_image: None,
    })
}

/// Reads a YAML list of device types (or one type) into inputs.
pub fn parse_yaml(text: &str) -> Result<Vec<DeviceTypeInput>, Box<Problem>> {
    let unreadable = |error: serde_norway::Error| {
        Box::new(catalogue_problem(
            error.location().map_or(0, |at| at.line()),
            "yaml",
            CatalogueProblemCode::Unreadable,
            error.to_string(),
        ))
    };
    match serde_norway::from_str::<Vec<DeviceTypeInput>>(text) {
        Ok(list) => Ok(list),
        Err(list_error) => serde_norway::from_str::<DeviceTypeInput>(text)
            .map(|one| vec![one])
            .map_err(|_| unreadable(list_error)),
    }
}

/// The columns of a device type CSV: the YAML fields, all one line.
pub const CSV_COLUMNS: [CsvColumn; 15] = [
    CsvColumn::line("slug"),
    CsvColumn::line("manufacturer"),
    CsvColumn::line("model"),
    CsvColumn::line("category"),
    CsvColumn::line("u_height"),
    CsvColumn::line("is_full_depth"),
    CsvColumn::line("weight_kg"),
    CsvColumn::line("typical_w"),
    CsvColumn::line("max_w"),
    CsvColumn::line("airflow"),
    CsvColumn::line("power_ports"),
    CsvColumn::line("interfaces"),
    CsvColumn::line("console_ports"),
    CsvColumn::line("front_ports"),
    CsvColumn::line("rear_ports"),
];

/// Reads a CSV with a header naming the YAML fields; ports are `name:type` lists separated by
/// `;`, e.g. `eno{1-2}:1000base-t;ens1f{0-1}:25gbase-x-sfp28`. A column no field answers to
/// refuses the file unless `options` ignores it; the first problem refuses it, by line.
pub fn parse_csv(text: &str, options: CsvOptions) -> Result<Vec<DeviceTypeInput>, Box<Problem>> {
    let file_problem = |line: u32, error: &CsvFileError| {
        let line = match error {
            CsvFileError::Malformed { line, .. } => *line,
            _ => line,
        };
        Box::new(Problem::tagged("", error).at_line(line))
    };
    let table =
        CsvTable::open(text.as_bytes(), &CSV_COLUMNS, &[], options).map_err(
            |errors| match errors.first() {
                Some(error) => file_problem(1, error),
                None => file_problem(1, &CsvFileError::Empty),
            },
        )?;
    let mut list = Vec::new();
    for row in table {
        let row = row.map_err(|error| file_problem(0, &error))?;
        if let Some(problem) = row.problems.first() {
            return Err(Box::new(problem.clone()));
        }
        let line = row.line as usize;
        let cell = |name: &str| {
            row.get(name)
                .map(str::to_owned)
                .filter(|text| !text.is_empty())
        };
        let number = |name: &str| -> Result<Option<f64>, Box<Problem>> {
            cell(name)
                .map(|text| {
                    text.parse::<f64>().map_err(|_| {
                        Box::new(catalogue_problem(
                            line,
                            name,
                            CatalogueProblemCode::NotANumber,
                            text,
                        ))
                    })
                })
                .transpose()
        };
        let ports = |name: &str| -> Vec<PortDef> {
            cell(name)
                .map(|text| {
                    text.split(';')
                        .filter(|part| !part.trim().is_empty())
                        .map(|part| {
                            let (name, kind) = part.split_once(':').unwrap_or((part, ""));
                            PortDef {
                                name: name.trim().into(),
                                kind: kind.trim().into(),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let full_depth = cell("is_full_depth").map(|text| {
            !matches!(
                text.to_lowercase().as_str(),
                "false" | "no" | "0" | "half" | "아니오"
            )
        });
        list.push(DeviceTypeInput {
            slug: cell("slug"),
            manufacturer: cell("manufacturer").unwrap_or_default(),
            model: cell("model").unwrap_or_default(),
            category: cell("category"),
            u_height: number("u_height")?,
            is_full_depth: full_depth,
            weight_kg: number("weight_kg")?,
            typical_w: number("typical_w")?,
            max_w: number("max_w")?,
            airflow: cell("airflow"),
            power_ports: ports("power_ports"),
            interfaces: ports("interfaces"),
            console_ports: ports("console_ports"),
            front_ports: ports("front_ports"),
            rear_ports: ports("rear_ports"),
        });
    }
    Ok(list)
}

/// The starter catalogue, parsed once.
pub fn starter() -> &'static [DeviceType] {
    static STARTER: OnceLock<Vec<DeviceType>> = OnceLock::new();
    STARTER.get_or_init(|| {
        let inputs = parse_yaml(include_str!("starter_catalogue.yaml")).unwrap_or_default();
        inputs
            .iter()
            .enumerate()
            .filter_map(|(index, input)| {
                let slug = input.slug.clone().unwrap_or_default();
                validate(input, format!("{BUILTIN_PREFIX}{slug}"), index + 1).ok()
            })
            .collect()
    })
}

#[cfg(test)]
mod tests;
