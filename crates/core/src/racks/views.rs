//! What the screens, the CLI and the printed pages read: the places tree, a rack's elevation
//! with its budget, a room's floor with every rack's totals, and the what-if of a drop.
//! All computed from the in-memory index; nothing here touches a document.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::{DeviceCategory, DeviceType};
use super::index::PlaceIndex;
use super::model::{Placement, Rack, RackStatus, Room, Site};
use super::ops::PlaceRequest;
use super::power::{rack_budget, BudgetFinding, PowerLevel, RackBudget, RoomBudget};
use super::rules::{self, check_placement, DeviceTypes, PlacementProblem, RackInvariant};
use super::RackError;
use crate::ids::{RackId, RoomId};
use crate::store::Workspace;

/// The few facts of a device type an elevation draws (not its ports).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeviceBrief {
    pub key: String,
    pub manufacturer: String,
    pub model: String,
    pub category: DeviceCategory,
    pub height_hu: u32,
    pub full_depth: bool,
    pub typical_w: f64,
    pub max_w: f64,
    pub weight_kg: f64,
    /// SHA-256 of the front and rear images (blobs), where the user gave them.
    pub front_image: Option<String>,
    pub rear_image: Option<String>,
}

impl From<&DeviceType> for DeviceBrief {
    fn from(device: &DeviceType) -> Self {
        DeviceBrief {
            key: device.key.clone(),
            manufacturer: device.manufacturer.clone(),
            model: device.model.clone(),
            category: device.category,
            height_hu: device.height_hu,
            full_depth: device.full_depth,
            typical_w: device.typical_w,
            max_w: device.max_w,
            weight_kg: device.weight_kg,
            front_image: device.front_image.clone(),
            rear_image: device.rear_image.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlacedDevice {
    pub id: String,
    pub placement: Placement,
    /// `None` when its type is not known here yet (a type added on another device, not
    /// synced yet): drawn as an unknown 1U box.
    pub device: Option<DeviceBrief>,
    pub asset_tag: Option<String>,
}

/// One rack's elevation: the rack (its `placements` left empty: see `devices`), where it is,
/// what hangs in it, its budget and the rules broken in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RackView {
    pub rack: Rack,
    pub site: String,
    pub room: String,
    pub row: String,
    pub devices: Vec<PlacedDevice>,
    pub budget: RackBudget,
    pub invariants: Vec<RackInvariant>,
    pub used_hu: u32,
}

/// A rack on the floor plan and in lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RackSummary {
    pub id: RackId,
    pub name: String,
    pub row: String,
    pub row_name: String,
    pub x: u32,
    pub y: u32,
    pub rotation: u32,
    pub status: RackStatus,
    pub height_u: u32,
    pub used_hu: u32,
    pub devices: u32,
    pub allocated_w: f64,
    pub max_draw_w: f64,
    pub capacity_w: f64,
    pub heat_kw: f64,
    pub weight_kg: f64,
    /// How full its power is: the floor plan's colour, from the figure the findings use.
    pub power_level: PowerLevel,
    pub findings: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowTotals {
    pub row: String,
    pub name: String,
    pub racks: u32,
    pub allocated_w: f64,
    pub max_draw_w: f64,
    pub capacity_w: f64,
    pub heat_kw: f64,
}

/// A room's floor: the room document, its racks and the budgets per rack, row and room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoomView {
    pub room: Room,
    pub site: String,
    pub racks: Vec<RackSummary>,
    pub rows: Vec<RowTotals>,
    pub budget: RoomBudget,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoomNode {
    pub id: RoomId,
    pub name: String,
    pub racks: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SiteNode {
    pub site: Site,
    pub rooms: Vec<RoomNode>,
}

/// What a drop would do: the rack's budget before and after, the rules it would break, and
/// the budget findings it would add.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WhatIf {
    pub before: RackBudget,
    pub after: RackBudget,
    pub problems: Vec<PlacementProblem>,
    pub new_findings: Vec<BudgetFinding>,
}

fn used_hu(rack: &Rack, index: &PlaceIndex) -> u32 {
    rack.placements
        .values()
        .filter_map(|p| {
            let device = index.device_type(&p.device_type)?;
            p.bottom_hu.map(|_| device.height_hu)
        })
        .sum()
}

fn summary(rack: &Rack, index: &PlaceIndex, invariants: &[RackInvariant]) -> RackSummary {
    let budget = index.rack_budget(rack);
    let row_name = index
        .rooms
        .get(&rack.room)
        .and_then(|room| room.rack_rows.get(&rack.row))
        .map(|row| row.name.clone())
        .unwrap_or_default();
    RackSummary {
        id: rack.id,
        name: rack.name.clone(),
        row: rack.row.clone(),
        row_name,
        x: rack.x,
        y: rack.y,
        rotation: rack.rotation,
        status: rack.status,
        height_u: rack.height_u,
        used_hu: used_hu(rack, index),
        devices: rack.placements.len() as u32,
        allocated_w: budget.allocated_w,
        max_draw_w: budget.max_draw_w,
        capacity_w: budget.capacity_w,
        heat_kw: budget.heat_kw,
        weight_kg: budget.weight_kg,
        power_level: budget.power_level,
        findings: (budget.findings.len() + invariants_of(invariants, rack.id).len()) as u32,
    }
}

fn invariants_of(all: &[RackInvariant], rack: RackId) -> Vec<RackInvariant> {
    all.iter()
        .filter(|found| match found {
            RackInvariant::Overlap { rack: r, .. } | RackInvariant::PastTop { rack: r, .. } => {
                *r == rack
            }
            RackInvariant::AssetInTwoPlaces { places, .. } => places.iter().any(|p| p.rack == rack),
        })
        .cloned()
        .collect()
}

impl Workspace {
    /// Sites with their rooms, by name.
    pub fn places_tree(&self) -> Vec<SiteNode> {
        let index = self.places();
        let mut sites: Vec<SiteNode> = index
            .sites
            .values()
            .map(|site| {
                let mut rooms: Vec<RoomNode> = index
                    .rooms
                    .values()
                    .filter(|room| room.site == site.id)
                    .map(|room| RoomNode {
                        id: room.id,
                        name: room.name.clone(),
                        racks: index.racks.values().filter(|r| r.room == room.id).count() as u32,
                    })
                    .collect();
                rooms.sort_by(|a, b| a.name.cmp(&b.name));
                SiteNode {
                    site: site.clone(),
                    rooms,
                }
            })
            .collect();
        sites.sort_by(|a, b| a.site.name.cmp(&b.site.name));
        sites
    }

    pub fn device_types(&self) -> Vec<DeviceType> {
        self.places().device_types()
    }

    pub fn device_type(&self, key: &str) -> Option<DeviceType> {
        self.places().device_type(key).cloned()
    }

    /// Finds a device type by key, by slug (`dell-poweredge-r650`) or by model name, ignoring
    /// case; a model shared by two manufacturers needs `Manufacturer Model`.
    pub fn find_device_type(&self, text: &str) -> Option<DeviceType> {
        let index = self.places();
        if let Some(device) = index.device_type(text.trim()) {
            return Some(device.clone());
        }
        let wanted = text.trim().to_lowercase();
        let slug = format!("{}{wanted}", super::catalogue::BUILTIN_PREFIX);
        let all = index.device_types();
        let by = |test: &dyn Fn(&DeviceType) -> bool| {
            let found: Vec<&DeviceType> = all.iter().filter(|d| test(d)).collect();
            (found.len() == 1).then(|| found[0].clone())
        };
        by(&|d| d.key == slug)
            .or_else(|| by(&|d| d.model.to_lowercase() == wanted))
            .or_else(|| by(&|d| d.display_name().to_lowercase() == wanted))
    }

    /// The catalogue type of a registered asset, by its manufacturer and model.
    pub fn device_type_of_asset(&self, asset: crate::AssetId) -> Option<DeviceType> {
        let row = self.index().get(&asset).cloned()?;
        let (maker, model) = (
            row.asset.manufacturer.to_lowercase(),
            row.asset.model.to_lowercase(),
        );
        self.places()
            .device_types()
            .into_iter()
            .find(|d| d.manufacturer.to_lowercase() == maker && d.model.to_lowercase() == model)
    }

    /// Finds a rack by id, or by name (case-insensitive; the first in name order).
    pub fn find_rack(&self, id_or_name: &str) -> Result<RackId, RackError> {
        let index = self.places();
        if let Ok(id) = id_or_name.parse::<RackId>() {
            if index.racks.contains_key(&id) {
                return Ok(id);
            }
        }
        let wanted = id_or_name.trim().to_lowercase();
        let mut matches: Vec<&Rack> = index
            .racks
            .values()
            .filter(|rack| rack.name.to_lowercase() == wanted)
            .collect();
        matches.sort_by_key(|rack| rack.id);
        matches
            .first()
            .map(|rack| rack.id)
            .ok_or_else(|| RackError::NotFound {
                what: "rack",
                id: id_or_name.trim().into(),
            })
    }

    pub fn rack_view(&self, id: RackId) -> Result<RackView, RackError> {
        let index = self.places();
        let rack = index.racks.get(&id).ok_or_else(|| RackError::NotFound {
            what: "rack",
            id: id.to_string(),
        })?;
        let assets = self.index();
        let mut devices: Vec<PlacedDevice> = rack
            .placements
            .iter()
            .map(|(pid, placement)| PlacedDevice {
                id: pid.clone(),
                placement: placement.clone(),
                device: index
                    .device_type(&placement.device_type)
                    .map(DeviceBrief::from),
                asset_tag: placement
                    .asset
                    .and_then(|asset| assets.get(&asset))
                    .map(|row| row.asset.asset_tag.clone()),
            })
            .collect();
        // Top of the rack first, as it is read; parked and zero-U last.
        devices.sort_by_key(|d| {
            (
                std::cmp::Reverse(d.placement.bottom_hu.map_or(-1, i64::from)),
                d.placement.label.clone(),
            )
        });
        let invariants = invariants_of(&rules::invariants(std::iter::once(rack), &*index), rack.id);
        let (site, room, row) = index.rack_location(rack);
        let mut bare = rack.clone();
        bare.placements.clear();
        Ok(RackView {
            budget: index.rack_budget(rack),
            used_hu: used_hu(rack, &index),
            rack: bare,
            site,
            room,
            row,
            devices,
            invariants,
        })
    }

    /// Every rack of a room's row (or of the whole room when `row` is empty), by name.
    pub fn row_view(&self, room: RoomId, row: &str) -> Result<Vec<RackView>, RackError> {
        let ids: Vec<RackId> = self
            .places()
            .racks_in_room(room)
            .into_iter()
            .filter(|rack| row.is_empty() || rack.row == row)
            .map(|rack| rack.id)
            .collect();
        ids.into_iter().map(|id| self.rack_view(id)).collect()
    }

    pub fn room_view(&self, id: RoomId) -> Result<RoomView, RackError> {
        let index = self.places();
        let room = index.rooms.get(&id).ok_or_else(|| RackError::NotFound {
            what: "room",
            id: id.to_string(),
        })?;
        let racks_here = index.racks_in_room(id);
        let invariants = rules::invariants(racks_here.iter().copied(), &*index);
        let racks: Vec<RackSummary> = racks_here
            .iter()
            .map(|rack| summary(rack, &index, &invariants))
            .collect();
        let mut rows: Vec<RowTotals> = room
            .rack_rows
            .iter()
            .map(|(row_id, row)| {
                let mine: Vec<&RackSummary> = racks.iter().filter(|r| &r.row == row_id).collect();
                RowTotals {
                    row: row_id.clone(),
                    name: row.name.clone(),
                    racks: mine.len() as u32,
                    allocated_w: mine.iter().map(|r| r.allocated_w).sum(),
                    max_draw_w: mine.iter().map(|r| r.max_draw_w).sum(),
                    capacity_w: mine.iter().map(|r| r.capacity_w).sum(),
                    heat_kw: mine.iter().map(|r| r.heat_kw).sum(),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        let site = index
            .sites
            .get(&room.site)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        Ok(RoomView {
            budget: index.room_budget(room),
            room: room.clone(),
            site,
            racks,
            rows,
        })
    }

    /// What placing `request` in `rack` would do, without writing anything.
    pub fn what_if(
        &self,
        rack: RackId,
        moving: Option<&str>,
        request: &PlaceRequest,
    ) -> Result<WhatIf, RackError> {
        let index = self.places();
        let current = index.racks.get(&rack).ok_or_else(|| RackError::NotFound {
            what: "rack",
            id: rack.to_string(),
        })?;
        let before = index.rack_budget(current);
        let Some(device) = index.device_type(&request.device_type) else {
            return Ok(WhatIf {
                after: before.clone(),
                before,
                problems: vec![PlacementProblem::UnknownDeviceType {
                    key: request.device_type.clone(),
                }],
                new_findings: Vec::new(),
            });
        };
        let problems = check_placement(
            current,
            &*index,
            moving,
            device,
            request.bottom_hu,
            request.face,
        );
        let mut changed = current.clone();
        let moved_here = moving.and_then(|id| changed.placements.remove(id));
        let mut placement = moved_here.unwrap_or(Placement {
            device_type: request.device_type.clone(),
            asset: request.asset,
            label: request.label.clone(),
            bottom_hu: None,
            face: request.face,
            leg: request.leg,
            status: super::model::InstallStatus::Planned,
            checks: Default::default(),
            notes: String::new(),
            photos: Vec::new(),
        });
        placement.bottom_hu = request.bottom_hu;
        changed.placements.insert("\u{0}what-if".into(), placement);
        let after = rack_budget(&rules::rack_load(&changed, &*index));
        let new_findings = after
            .findings
            .iter()
            .filter(|finding| !before.findings.iter().any(|old| same_kind(old, finding)))
            .cloned()
            .collect();
        Ok(WhatIf {
            before,
            after,
            problems,
            new_findings,
        })
    }

    /// Every room's budget (power, cooling, weight findings with their numbers).
    pub fn room_budgets(&self) -> Vec<RoomBudget> {
        self.places().all_room_budgets()
    }

    /// Every rule broken in merged state.
    pub fn rack_invariants(&self) -> Vec<RackInvariant> {
        self.places().invariants()
    }
}

fn same_kind(a: &BudgetFinding, b: &BudgetFinding) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
        && match (a, b) {
            (
                BudgetFinding::LegOverCapacity { leg: x, .. },
                BudgetFinding::LegOverCapacity { leg: y, .. },
            ) => x == y,
            _ => true,
        }
}
