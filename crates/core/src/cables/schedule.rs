//! The cable schedule: every cabled port of every device in a scope (one rack or the whole
//! workspace), grouped by rack and then by device, each row naming the port, the cable's
//! label, the far end (rack / unit / device / port), kind, length, colour and status. It is
//! each device's port map ([`Workspace::device_port_map`]) laid side by side, as a build team
//! prints it to cable a rack and to check it afterwards.
//!
//! A cable appears under each of its ends that is in scope: a cable between two racks is in
//! both racks' schedules, once from each side.
//!
//! Racks go in name order. Devices go top first (highest bottom unit first), the way an
//! elevation reads and the way a person works down a rack with the page in hand: the patch
//! panels and top-of-rack switch, which hold most of a rack's cables, come first. Devices
//! without a unit (zero-U, parked off the rails, or a placement a merge removed) follow, by
//! label. Ports go in the order their device type lists them (`eno2` before `eno10`, front
//! ports before rear ports), which is the order they sit in on the device.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv_io::port_text;
use super::index::CableIndex;
use super::model::{Cable, CableEnd, CableKind, CableStatus, LengthUnit, PortRole};
use super::ops::end_facts;
use super::rules::ports_of;
use crate::csv_file::SpreadsheetCsv;
use crate::ids::{AssetId, CableId, RackId};
use crate::racks::DeviceTypes;
use crate::racks::PlaceIndex;
use crate::racks::RackError;
use crate::store::Workspace;

/// Which racks a schedule covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ScheduleScope {
    Workspace,
    Rack { rack: RackId },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CableSchedule {
    pub scope: ScheduleScope,
    /// Racks in name order. A one-rack schedule always holds its rack, cabled or not; a
    /// workspace schedule holds the racks that have cables.
    pub racks: Vec<ScheduleRack>,
    /// Distinct cables with at least one end in scope.
    pub cables: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleRack {
    pub id: RackId,
    /// The rack's id when the rack is not known here (a cable synced before its rack).
    pub name: String,
    pub site: String,
    pub room: String,
    pub row: String,
    /// Devices with cabled ports, top first.
    pub devices: Vec<ScheduleDevice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleDevice {
    /// The placement's id in the rack document.
    pub placement: String,
    /// The name on the elevation; the placement id when the placement is gone.
    pub label: String,
    pub asset_tag: Option<String>,
    /// `Manufacturer Model` of its type; empty when the type is not known here.
    pub device_type: String,
    /// The unit its bottom edge sits in; `None` for zero-U and parked devices.
    pub unit: Option<u32>,
    /// False when cables name a placement the rack no longer holds (removed, or a merge).
    pub placed: bool,
    /// Ports its type has (every role); 0 when the type is not known here.
    pub port_count: u32,
    pub ports: Vec<ScheduleRow>,
}

/// One cabled port of a device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleRow {
    pub cable: CableId,
    pub role: PortRole,
    /// The port as the CSV files write it: its name, `front:N` or `rear:N` on patch panels.
    pub port: String,
    pub label: String,
    pub far: ScheduleEnd,
    pub kind: CableKind,
    pub length: Option<f64>,
    pub length_unit: LengthUnit,
    pub colour: String,
    pub status: CableStatus,
}

/// The other end of a row's cable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleEnd {
    pub rack: String,
    pub unit: Option<u32>,
    pub device: String,
    /// Written as [`ScheduleRow::port`] is.
    pub port: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error(transparent)]
    Rack(#[from] RackError),
    #[error("the cable schedule could not be written: {0}")]
    Csv(#[from] csv::Error),
}

/// The columns of [`write_csv`].
pub const SCHEDULE_COLUMNS: [&str; 14] = [
    "rack",
    "unit",
    "device",
    "port",
    "label",
    "far_rack",
    "far_unit",
    "far_device",
    "far_port",
    "type",
    "length",
    "length_unit",
    "color",
    "status",
];

impl ScheduleScope {
    fn holds(self, rack: RackId) -> bool {
        match self {
            ScheduleScope::Workspace => true,
            ScheduleScope::Rack { rack: wanted } => wanted == rack,
        }
    }
}

/// The schedule of `scope` from the places and cables indexes; `asset_tag` names a placed
/// asset. A rack scope must name a rack the index knows.
pub fn build(
    places: &PlaceIndex,
    cables: &CableIndex,
    asset_tag: impl Fn(AssetId) -> Option<String>,
    scope: ScheduleScope,
) -> Result<CableSchedule, RackError> {
    if let ScheduleScope::Rack { rack } = scope {
        if !places.racks.contains_key(&rack) {
            return Err(RackError::NotFound {
                what: "rack",
                id: rack.to_string(),
            });
        }
    }
    // (rack, placement) → its cabled ports.
    let mut by_device: HashMap<(RackId, &str), Vec<(&CableEnd, &Cable)>> = HashMap::new();
    let mut in_scope = 0u32;
    for cable in cables.cables.values() {
        let mut counted = false;
        for near in [&cable.a, &cable.b] {
            if scope.holds(near.rack) {
                by_device
                    .entry((near.rack, near.placement.as_str()))
                    .or_default()
                    .push((near, cable));
                counted = true;
            }
        }
        in_scope += u32::from(counted);
    }
    let mut by_rack: HashMap<RackId, Vec<ScheduleDevice>> = HashMap::new();
    if let ScheduleScope::Rack { rack } = scope {
        by_rack.insert(rack, Vec::new());
    }
    for ((rack, placement), ports) in by_device {
        let device = schedule_device(places, &asset_tag, rack, placement, ports);
        by_rack.entry(rack).or_default().push(device);
    }
    let mut racks: Vec<ScheduleRack> = by_rack
        .into_iter()
        .map(|(id, mut devices)| {
            devices.sort_by(|a, b| {
                // Top first; devices without a unit last.
                (b.unit.is_some(), b.unit, &a.label, &a.placement).cmp(&(
                    a.unit.is_some(),
                    a.unit,
                    &b.label,
                    &b.placement,
                ))
            });
            match places.racks.get(&id) {
                Some(rack) => {
                    let (site, room, row) = places.rack_location(rack);
                    ScheduleRack {
                        id,
                        name: rack.name.clone(),
                        site,
                        room,
                        row,
                        devices,
                    }
                }
                None => ScheduleRack {
                    id,
                    name: id.to_string(),
                    site: String::new(),
                    room: String::new(),
                    row: String::new(),
                    devices,
                },
            }
        })
        .collect();
    racks.sort_by_cached_key(|rack| (crate::natural::natural_key(&rack.name), rack.id));
    Ok(CableSchedule {
        scope,
        racks,
        cables: in_scope,
    })
}

fn schedule_device(
    places: &PlaceIndex,
    asset_tag: &impl Fn(AssetId) -> Option<String>,
    rack_id: RackId,
    placement_id: &str,
    ports: Vec<(&CableEnd, &Cable)>,
) -> ScheduleDevice {
    let rack = places.racks.get(&rack_id);
    let placement = rack.and_then(|rack| rack.placements.get(placement_id));
    let device_type = placement.and_then(|p| places.device_type(&p.device_type));
    // Where each port sits in its type's list, for the order of the rows.
    let position = |end: &CableEnd| {
        device_type
            .and_then(|device| {
                ports_of(device, end.role)
                    .iter()
                    .position(|port| port.name == end.port)
            })
            .unwrap_or(usize::MAX)
    };
    let mut ports = ports;
    ports.sort_by(|(a, _), (b, _)| {
        (a.role, position(a), &a.port).cmp(&(b.role, position(b), &b.port))
    });
    let rows = ports
        .into_iter()
        .map(|(near, cable)| schedule_row(places, near, cable))
        .collect();
    ScheduleDevice {
        placement: placement_id.to_owned(),
        label: placement.map_or_else(|| placement_id.to_owned(), |p| p.label.clone()),
        asset_tag: placement.and_then(|p| p.asset).and_then(asset_tag),
        device_type: device_type
            .map(|d| format!("{} {}", d.manufacturer, d.model).trim().to_owned())
            .unwrap_or_default(),
        unit: rack
            .zip(placement.and_then(|p| p.bottom_hu))
            .map(|(rack, hu)| rack.unit_number(hu)),
        placed: placement.is_some(),
        port_count: device_type.map_or(0, |d| {
            PortRole::ALL
                .iter()
                .map(|role| ports_of(d, *role).len() as u32)
                .sum()
        }),
        ports: rows,
    }
}

fn schedule_row(places: &PlaceIndex, near: &CableEnd, cable: &Cable) -> ScheduleRow {
    // A cable is one of its own ends' far end; `far_end` only fails for a foreign end.
    let far = cable.far_end(near).unwrap_or(&cable.b);
    let facts = end_facts(places, far);
    ScheduleRow {
        cable: cable.id,
        role: near.role,
        port: port_text(near),
        label: cable.label.clone(),
        far: ScheduleEnd {
            rack: facts.rack,
            unit: facts.unit,
            device: facts.device,
            port: port_text(far),
        },
        kind: cable.kind,
        length: cable.length,
        length_unit: cable.length_unit,
        colour: cable.colour.clone(),
        status: cable.status,
    }
}

/// Writes `schedule` as CSV ([`SCHEDULE_COLUMNS`]) made safe for spreadsheets, one line per
/// row, with a UTF-8 byte order mark when `bom` (spreadsheets need it to read Korean). Returns
/// the rows written.
pub fn write_csv(
    schedule: &CableSchedule,
    writer: impl std::io::Write,
    bom: bool,
) -> Result<usize, csv::Error> {
    let mut out = SpreadsheetCsv::new(writer, bom)?;
    out.row(SCHEDULE_COLUMNS)?;
    let unit = |unit: Option<u32>| unit.map(|u| u.to_string()).unwrap_or_default();
    let mut written = 0;
    for rack in &schedule.racks {
        for device in &rack.devices {
            for row in &device.ports {
                let length = row.length.map(|l| l.to_string()).unwrap_or_default();
                out.row([
                    rack.name.as_str(),
                    unit(device.unit).as_str(),
                    device.label.as_str(),
                    row.port.as_str(),
                    row.label.as_str(),
                    row.far.rack.as_str(),
                    unit(row.far.unit).as_str(),
                    row.far.device.as_str(),
                    row.far.port.as_str(),
                    row.kind.code(),
                    length.as_str(),
                    row.length_unit.code(),
                    row.colour.as_str(),
                    row.status.code(),
                ])?;
                written += 1;
            }
        }
    }
    out.finish()?;
    Ok(written)
}

impl Workspace {
    /// The cable schedule of one rack or of the whole workspace.
    pub fn cable_schedule(&self, scope: ScheduleScope) -> Result<CableSchedule, RackError> {
        let places = self.places();
        let cables = self.cable_index();
        let assets = self.index();
        build(
            &places,
            &cables,
            |id| assets.get(&id).map(|row| row.asset.asset_tag.clone()),
            scope,
        )
    }

    /// The cable schedule of `scope` as CSV (see [`write_csv`]); returns the rows written.
    pub fn schedule_csv(
        &self,
        scope: ScheduleScope,
        writer: impl std::io::Write,
        bom: bool,
    ) -> Result<usize, ScheduleError> {
        let schedule = self.cable_schedule(scope)?;
        Ok(write_csv(&schedule, writer, bom)?)
    }
}

#[cfg(test)]
mod tests;
