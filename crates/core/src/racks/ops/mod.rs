//! Writes of the infrastructure area on an open workspace. Each one hydrates the aggregate
//! from its document, changes it, checks the rules, and writes the change with its projection
//! (and, when an asset moves, the asset's location) in one durable batch.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::{self, DeviceType};
use super::model::{
    Aisle, CheckItem, CheckMark, Face, FloorObject, InstallStatus, Placement, Rack, RackFormFactor,
    RackRowDef, RackStatus, RackWidth, Reservation, Room, Site,
};
use super::power::{PowerFeed, Redundancy};
use super::rules::{check_placement, DeviceTypes, PlacementProblem};
use super::RackError;
use crate::assets::MAX_ATTACHMENT_BYTES;
use crate::assets::{self, Location};
use crate::ids::{AssetId, DeviceTypeId, ItemId, RackId, RoomId, SiteId};
use crate::problem::{Problem, ProblemCode};
use crate::record::aggregate::Aggregate;
use crate::record::write::{Pending, Whole};
use crate::record::Kind;
use crate::stamp::Stamp;
use crate::store::docs::StoredDoc;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::text::{check_fields, TextRule};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SiteInput {
    pub name: String,
    pub code: String,
    pub address: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoomInput {
    pub site: SiteId,
    pub name: String,
    pub columns: u32,
    pub rows: u32,
    pub tile_mm: u32,
}

/// Everything about a rack but what is in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RackSpec {
    pub room: RoomId,
    pub row: String,
    pub name: String,
    pub x: u32,
    pub y: u32,
    pub rotation: u32,
    pub height_u: u32,
    pub starting_unit: u32,
    pub width: RackWidth,
    pub depth_mm: u32,
    pub form_factor: RackFormFactor,
    pub max_weight_kg: f64,
    pub status: RackStatus,
    pub feeds: Vec<PowerFeed>,
    pub redundancy: Redundancy,
}

impl RackSpec {
    /// A 42U, 19", 1,200 mm cabinet with two 220 V / 32 A single-phase feeds (A/B).
    pub fn standard(room: RoomId, name: &str) -> RackSpec {
        let feed = |name: &str| PowerFeed {
            name: name.into(),
            voltage_v: 220.0,
            amperage_a: 32.0,
            phase: super::power::Phase::Single,
            max_utilisation: 0.8,
        };
        RackSpec {
            room,
            row: String::new(),
            name: name.into(),
            x: 0,
            y: 0,
            rotation: 0,
            height_u: 42,
            starting_unit: 1,
            width: RackWidth::Inch19,
            depth_mm: 1200,
            form_factor: RackFormFactor::Cabinet4Post,
            max_weight_kg: 1000.0,
            status: RackStatus::Planned,
            feeds: vec![feed("A"), feed("B")],
            redundancy: Redundancy::AB,
        }
    }
}

/// A device to put into a rack: a catalogue type, optionally a registered asset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlaceRequest {
    pub device_type: String,
    pub asset: Option<AssetId>,
    /// Empty: the asset's tag, else the type's model.
    pub label: String,
    pub bottom_hu: Option<u32>,
    pub face: Face,
    pub leg: Option<u8>,
}

/// Why a field of a site, room, row or rack input is not acceptable; the UI translates it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlaceFieldCode {
    Required,
    OutOfRange,
    Duplicate,
    UnknownReference,
}

impl ProblemCode for PlaceFieldCode {
    fn code(self) -> &'static str {
        match self {
            PlaceFieldCode::Required => "required",
            PlaceFieldCode::OutOfRange => "out_of_range",
            PlaceFieldCode::Duplicate => "duplicate",
            PlaceFieldCode::UnknownReference => "unknown_reference",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            PlaceFieldCode::Required => "is required".to_owned(),
            PlaceFieldCode::OutOfRange => format!("'{value}' is out of range"),
            PlaceFieldCode::Duplicate => format!("'{value}' is already used"),
            PlaceFieldCode::UnknownReference => format!("'{value}' names nothing known"),
        }
    }
}

/// How to settle a broken rule found after a merge, in one click.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
#[ts(export)]
pub enum Resolution {
    /// Take a placement off the rails; it keeps its asset, checklist and history, and waits
    /// in the rack's parked list to be placed again.
    Park { rack: RackId, placement: String },
    /// Keep the asset in this placement and remove its other placements.
    KeepAssetHere {
        asset: AssetId,
        rack: RackId,
        placement: String,
    },
}

fn field_error(field: &str, code: PlaceFieldCode, value: impl ToString) -> Problem {
    Problem::new(field, code, value.to_string())
}

/// Refuses texts that hold a control character (`crate::text`), each by its field.
fn refuse_unreadable<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str, TextRule)>,
) -> Result<(), RackError> {
    let problems = check_fields(
        fields
            .into_iter()
            .map(|(f, text, rule)| (f, text.trim(), rule)),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(RackError::Invalid(problems))
    }
}

impl Workspace {
    /// Reads an aggregate from its document (the index may lag a concurrent merge by nothing,
    /// but the document is what a change is made against).
    fn load_place<T: Aggregate>(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        doc_id: &str,
        what: &'static str,
    ) -> Result<T, RackError> {
        self.load_aggregate(cache, doc_id)?
            .ok_or_else(|| RackError::NotFound {
                what,
                id: doc_id.to_owned(),
            })
    }
}

mod placements;
mod rack_places;
mod types;
