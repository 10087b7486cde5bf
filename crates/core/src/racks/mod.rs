//! Infrastructure build: sites, rooms and their floor plans, racks, the device type catalogue,
//! what is placed where, install tracking, and the power, cooling and weight budgets.
//!
//! - [`model`]: the site, room and rack documents; [`catalogue`]: device types.
//! - [`rules`]: placement rules and the invariants merges can break; [`power`]: budgets.
//! - [`ops`]: writes on a workspace; [`views`]: what screens and reports read;
//!   [`index`]: the in-memory index both work from; [`places`]: documents and projections.

pub(crate) mod alerts;
pub mod catalogue;
pub mod demo;
pub mod index;
pub mod locations;
pub mod model;
pub mod ops;
pub mod places;
pub mod power;
pub mod rules;
pub mod views;

pub use catalogue::{Airflow, DeviceCategory, DeviceType, PortDef};
pub use demo::{generate_racks, RackDemoOptions};
pub use index::PlaceIndex;
pub use locations::{
    LocationCode, LocationRack, LocationResolver, LocationReview, LocationRoom, LocationSite,
    NewPlace, NewPlaces, SavedAsset, UnresolvedLocation,
};
pub(crate) use model::text_enum;
pub use model::{
    CheckItem, Face, InstallStatus, Placement, Rack, RackFormFactor, RackStatus, RackWidth,
    Reservation, Room, Site,
};
pub use ops::{PlaceFieldCode, PlaceRequest, RackSpec, Resolution, RoomInput, SiteInput};
pub use power::Redundancy;
pub use rules::{DeviceTypes, PlacementProblem, RackInvariant};
pub use views::{RackSummary, RackView, RoomView, WhatIf};

use crate::assets::AssetError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum RackError {
    #[error("not saved: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<crate::problem::Problem>),
    #[error("the device cannot go there: {}", .0.iter().map(problem_text).collect::<Vec<_>>().join("; "))]
    Refused(Vec<PlacementProblem>),
    #[error("cannot mark it {}: not yet checked: {}", .status.code(), .missing.iter().map(|m| m.code()).collect::<Vec<_>>().join(", "))]
    InstallOrder {
        status: InstallStatus,
        missing: Vec<CheckItem>,
    },
    #[error("'{key}' is a starter catalogue type and cannot be changed: import a copy of it")]
    BuiltinType { key: String },
    #[error("'{label}' is parked off the rails: place it before installing it")]
    Parked { label: String },
    /// Each problem's line is the entry of a YAML list (or the line of a CSV).
    #[error("nothing was imported: {}", .0.iter().map(catalogue::entry_text).collect::<Vec<_>>().join("; "))]
    Catalogue(Vec<crate::problem::Problem>),
    #[error("no {what} '{id}'")]
    NotFound { what: &'static str, id: String },
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A checklist item not ticked yet (the problem's value is the item's code).
#[derive(Clone, Copy, Debug)]
pub struct Unchecked;

impl crate::problem::ProblemCode for Unchecked {
    fn code(self) -> &'static str {
        "unchecked"
    }

    fn english(self, value: &str) -> String {
        format!("'{value}' is not ticked")
    }
}

impl std::fmt::Display for PlacementProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&problem_text(self))
    }
}

/// The English text of a placement problem, for the CLI and logs.
pub fn problem_text(problem: &PlacementProblem) -> String {
    match problem {
        PlacementProblem::UnknownDeviceType { key } => format!("no device type '{key}'"),
        PlacementProblem::PastTop {
            top_unit,
            rack_height_u,
        } => format!("it would reach U{top_unit}, past the top of a {rack_height_u}U rack"),
        PlacementProblem::HalfUnitStart => "a whole-unit device must start on a whole unit".into(),
        PlacementProblem::Occupied { label, .. } => format!("'{label}' takes those units"),
        PlacementProblem::Reserved { reason } => format!("those units are reserved ({reason})"),
        PlacementProblem::AssetPlacedElsewhere { rack } => {
            format!("the asset is already placed in rack {rack}")
        }
        PlacementProblem::AssetOutOfService { tag, status } => {
            format!("asset {tag} is {status}: an asset out of service is not placed")
        }
        PlacementProblem::NoSuchPlacement { placement } => {
            format!("no placement '{placement}' in this rack")
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
