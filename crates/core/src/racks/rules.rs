//! Placement rules and rack invariants, as pure functions over racks and device types.
//!
//! [`check_placement`] refuses a new or moved placement before it is written (a unit taken on
//! that face, past the top, a reserved range, a whole-U device on a half unit). Merges can
//! still break the same rules — two people fill one unit offline, someone lowers a rack's
//! height while another fills its top — so [`invariants`] finds every break in merged state;
//! the inbox shows each with a one-click resolution (`super::ops`). Nothing is dropped: a
//! placement that cannot stay is parked (`bottom_hu = None`) and keeps its asset and history.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::DeviceType;
use super::model::{Face, Placement, Rack};
use super::power::{DeviceLoad, RackLoad};
use crate::ids::{AssetId, RackId};

/// The units and faces one placement takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occupancy {
    pub bottom_hu: u32,
    /// One past the top half unit.
    pub top_hu: u32,
    pub front: bool,
    pub rear: bool,
}

impl Occupancy {
    pub fn of(bottom_hu: u32, face: Face, device: &DeviceType) -> Occupancy {
        Occupancy {
            bottom_hu,
            top_hu: bottom_hu + device.height_hu,
            front: device.full_depth || face == Face::Front,
            rear: device.full_depth || face == Face::Rear,
        }
    }

    pub fn collides(&self, other: &Occupancy) -> bool {
        self.bottom_hu < other.top_hu
            && other.bottom_hu < self.top_hu
            && ((self.front && other.front) || (self.rear && other.rear))
    }
}

/// Where a placement sits, if it is on the rails: zero-U and parked placements take no units.
pub fn occupancy(placement: &Placement, device: &DeviceType) -> Option<Occupancy> {
    match placement.bottom_hu {
        Some(bottom) if device.height_hu > 0 => Some(Occupancy::of(bottom, placement.face, device)),
        _ => None,
    }
}

/// Why a placement cannot go where it was asked to. The UI translates `code`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum PlacementProblem {
    UnknownDeviceType {
        key: String,
    },
    /// The device would reach past the top of the rack.
    PastTop {
        top_unit: u32,
        rack_height_u: u32,
    },
    /// A device of whole units must start on a whole unit.
    HalfUnitStart,
    /// Another device takes some of those units on that face.
    Occupied {
        placement: String,
        label: String,
    },
    Reserved {
        reason: String,
    },
    /// The asset already hangs in another rack (or elsewhere in this one).
    AssetPlacedElsewhere {
        rack: String,
    },
    /// The asset is out of service (disposed, missing, being retired): it is not hung in a
    /// rack. `status` is the asset status's code.
    AssetOutOfService {
        tag: String,
        status: String,
    },
    NoSuchPlacement {
        placement: String,
    },
}

/// Looks device types up by key (the starter catalogue and the workspace's own).
pub trait DeviceTypes {
    fn device_type(&self, key: &str) -> Option<&DeviceType>;
}

/// Every rule a placement at `bottom_hu` on `face` would break in `rack`, ignoring the
/// placement `moving` (the one being moved). Empty: it fits.
pub fn check_placement(
    rack: &Rack,
    types: &dyn DeviceTypes,
    moving: Option<&str>,
    device: &DeviceType,
    bottom_hu: Option<u32>,
    face: Face,
) -> Vec<PlacementProblem> {
    let mut problems = Vec::new();
    let Some(bottom_hu) = bottom_hu.filter(|_| device.height_hu > 0) else {
        return problems;
    };
    let wanted = Occupancy::of(bottom_hu, face, device);
    if wanted.top_hu > rack.height_hu() {
        problems.push(PlacementProblem::PastTop {
            top_unit: rack.unit_number(wanted.top_hu.saturating_sub(1)),
            rack_height_u: rack.height_u,
        });
    }
    if device.height_hu.is_multiple_of(2) && !bottom_hu.is_multiple_of(2) {
        problems.push(PlacementProblem::HalfUnitStart);
    }
    for (id, other) in &rack.placements {
        if Some(id.as_str()) == moving {
            continue;
        }
        let Some(other_device) = types.device_type(&other.device_type) else {
            continue;
        };
        if occupancy(other, other_device).is_some_and(|taken| taken.collides(&wanted)) {
            problems.push(PlacementProblem::Occupied {
                placement: id.clone(),
                label: other.label.clone(),
            });
        }
    }
    for reservation in rack.reservations.values() {
        let held = reservation.bottom_hu..reservation.bottom_hu + reservation.height_hu;
        if held.start < wanted.top_hu && wanted.bottom_hu < held.end {
            problems.push(PlacementProblem::Reserved {
                reason: reservation.reason.clone(),
            });
        }
    }
    problems
}

/// A rule broken in merged state, with what a one-click resolution needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[ts(export)]
pub enum RackInvariant {
    /// Two placements take the same unit on the same face.
    Overlap {
        rack: RackId,
        rack_name: String,
        first: String,
        first_label: String,
        second: String,
        second_label: String,
        bottom_unit: u32,
    },
    /// A placement reaches past the top of its rack.
    PastTop {
        rack: RackId,
        rack_name: String,
        placement: String,
        label: String,
        top_unit: u32,
        rack_height_u: u32,
    },
    /// One asset hangs in more than one place.
    AssetInTwoPlaces {
        asset: AssetId,
        places: Vec<AssetPlace>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssetPlace {
    pub rack: RackId,
    pub rack_name: String,
    pub placement: String,
    pub label: String,
}

/// Every broken rule across `racks`, in rack order then unit order.
pub fn invariants<'a>(
    racks: impl Iterator<Item = &'a Rack>,
    types: &dyn DeviceTypes,
) -> Vec<RackInvariant> {
    let mut found = Vec::new();
    let mut asset_places: std::collections::BTreeMap<AssetId, Vec<AssetPlace>> = Default::default();
    for rack in racks {
        let mut on_rails: Vec<(&String, &Placement, Occupancy)> = Vec::new();
        for (id, placement) in &rack.placements {
            if let Some(asset) = placement.asset {
                asset_places.entry(asset).or_default().push(AssetPlace {
                    rack: rack.id,
                    rack_name: rack.name.clone(),
                    placement: id.clone(),
                    label: placement.label.clone(),
                });
            }
            let Some(device) = types.device_type(&placement.device_type) else {
                continue;
            };
            if let Some(taken) = occupancy(placement, device) {
                if taken.top_hu > rack.height_hu() {
                    found.push(RackInvariant::PastTop {
                        rack: rack.id,
                        rack_name: rack.name.clone(),
                        placement: id.clone(),
                        label: placement.label.clone(),
                        top_unit: rack.unit_number(taken.top_hu - 1),
                        rack_height_u: rack.height_u,
                    });
                }
                on_rails.push((id, placement, taken));
            }
        }
        on_rails.sort_by_key(|(id, _, taken)| (taken.bottom_hu, *id));
        for (index, (first_id, first, first_taken)) in on_rails.iter().enumerate() {
            for (second_id, second, second_taken) in &on_rails[index + 1..] {
                if second_taken.bottom_hu >= first_taken.top_hu {
                    break;
                }
                if first_taken.collides(second_taken) {
                    found.push(RackInvariant::Overlap {
                        rack: rack.id,
                        rack_name: rack.name.clone(),
                        first: (*first_id).clone(),
                        first_label: first.label.clone(),
                        second: (*second_id).clone(),
                        second_label: second.label.clone(),
                        bottom_unit: rack.unit_number(second_taken.bottom_hu),
                    });
                }
            }
        }
    }
    found.extend(
        asset_places
            .into_iter()
            .filter(|(_, places)| places.len() > 1)
            .map(|(asset, places)| RackInvariant::AssetInTwoPlaces { asset, places }),
    );
    found
}

/// What a rack's budget is computed from: its feeds, limits and every device on its rails or
/// mounted zero-U. Parked placements draw nothing.
pub fn rack_load(rack: &Rack, types: &dyn DeviceTypes) -> RackLoad {
    let devices = rack
        .placements
        .values()
        .filter_map(|placement| {
            let device = types.device_type(&placement.device_type)?;
            let mounted = placement.bottom_hu.is_some() || device.height_hu == 0;
            mounted.then(|| DeviceLoad {
                name: placement.label.clone(),
                typical_w: device.typical_w,
                max_w: device.max_w,
                weight_kg: device.weight_kg,
                leg: placement.leg,
            })
        })
        .collect();
    RackLoad {
        rack: rack.name.clone(),
        feeds: rack.feeds.clone(),
        redundancy: rack.redundancy,
        max_weight_kg: rack.max_weight_kg,
        devices,
    }
}

#[cfg(test)]
mod tests;
