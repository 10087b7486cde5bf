//! The places of a build and what is placed in them, exactly as their Automerge documents hold
//! them: a site, a room (its floor grid, aisles, cooling, power panels, security devices and
//! rows), and a rack (its feeds, placements and reservations). One document per site, room and
//! rack, so that editing one rack on the floor merges without touching the rest.
//!
//! Keyed collections inside a document are maps by [`ItemId`] string rather than lists: two
//! devices adding placements offline both keep theirs after a merge, and a placement that
//! overlaps another after a merge is a finding (see [`super::rules`]), never lost.
//! Rack heights and positions are in half units (`_hu`): 2 = 1U, so half-U devices are exact.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::power::{PowerFeed, Redundancy};
use crate::ids::{AssetId, RackId, RoomId, SiteId};

/// Version of the site, room and rack document layouts; stored in each document as `schema`.
pub const PLACES_SCHEMA: u64 = 1;

/// Declares a unit-only enum stored as snake_case text in documents, JSON and TypeScript.
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Reconcile, Hydrate, TS)]
        #[ts(export)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $code)] #[autosurgeon(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Accepts the code, ignoring case, spaces, `-` and `_`.
            pub fn parse(text: &str) -> Option<Self> {
                let wanted: String = text
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
                    .flat_map(char::to_lowercase)
                    .collect();
                Self::ALL.iter().copied().find(|value| value.code().replace('_', "") == wanted)
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(
    /// Where a rack is in its life.
    RackStatus {
        Planned => "planned",
        Active => "active",
        Reserved => "reserved",
        Deprecated => "deprecated",
    }
);

text_enum!(
    /// The rail width a rack takes.
    RackWidth {
        Inch19 => "19in",
        Inch21 => "21in",
        Inch23 => "23in",
    }
);

text_enum!(
    RackFormFactor {
        Cabinet4Post => "4_post_cabinet",
        Frame4Post => "4_post_frame",
        Frame2Post => "2_post_frame",
        WallCabinet => "wall_cabinet",
    }
);

text_enum!(
    /// The side of a rack a device is mounted from. A full-depth device takes both faces.
    Face {
        Front => "front",
        Rear => "rear",
    }
);

text_enum!(
    /// Where a placement is between the plan and a device that runs.
    InstallStatus {
        Planned => "planned",
        Installed => "installed",
        Verified => "verified",
    }
);

text_enum!(
    /// The per-device install checklist, in the order the floor works through it.
    CheckItem {
        Mounted => "mounted",
        PowerConnected => "power_connected",
        NetworkConnected => "network_connected",
        PoweredOn => "powered_on",
        BurnInPassed => "burn_in_passed",
    }
);

text_enum!(
    AisleKind {
        Hot => "hot",
        Cold => "cold",
    }
);

text_enum!(
    /// Things on the floor plan that are not racks.
    FloorObjectKind {
        CoolingUnit => "cooling_unit",
        PowerPanel => "power_panel",
        Camera => "camera",
        BadgeReader => "badge_reader",
        Door => "door",
    }
);

/// A campus or building.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Site {
    pub id: SiteId,
    pub name: String,
    /// A short code used in labels, e.g. `PT1`.
    pub code: String,
    pub address: String,
}

/// A strip of tiles running across the room: aisles are whole grid rows (or columns).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Aisle {
    pub kind: AisleKind,
    /// `true`: the aisle is grid row `index` (runs along x); `false`: grid column `index`.
    pub along_x: bool,
    pub index: u32,
}

/// A cooling unit, power panel or security device standing on a tile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct FloorObject {
    pub kind: FloorObjectKind,
    pub name: String,
    pub x: u32,
    pub y: u32,
    /// Cooling capacity of a cooling unit; 0 for everything else.
    pub cooling_kw: f64,
    /// Rated power of a power panel; 0 for everything else.
    pub power_kw: f64,
}

/// A row of racks within a room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct RackRowDef {
    pub name: String,
}

/// A data hall and its floor grid. Racks point at their room; everything else on the floor
/// lives in this document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Room {
    pub id: RoomId,
    pub site: SiteId,
    pub name: String,
    /// Floor size in tiles.
    pub columns: u32,
    pub rows: u32,
    /// Raised-floor tile edge, usually 600 mm.
    pub tile_mm: u32,
    pub aisles: Vec<Aisle>,
    /// Cooling units, power panels and security devices by [`crate::ids::ItemId`].
    pub objects: BTreeMap<String, FloorObject>,
    /// Rows of racks by [`crate::ids::ItemId`].
    pub rack_rows: BTreeMap<String, RackRowDef>,
}

impl Room {
    /// The cooling capacity of the room: the sum of its cooling units.
    pub fn cooling_kw(&self) -> f64 {
        self.objects
            .values()
            .filter(|object| object.kind == FloorObjectKind::CoolingUnit)
            .map(|object| object.cooling_kw)
            .sum()
    }
}

/// One tick of the install checklist: who checked it, when, and what they noted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct CheckMark {
    pub by: String,
    #[ts(type = "number")]
    pub at_ms: i64,
    pub note: String,
}

/// A device in a rack: a catalogue type, optionally a registered asset, and where it hangs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Placement {
    /// The catalogue key of its device type (see [`super::catalogue`]).
    pub device_type: String,
    pub asset: Option<AssetId>,
    /// The name shown on the elevation, e.g. `compute-07`.
    pub label: String,
    /// Lowest occupied half unit from the rack's bottom edge. `None`: a zero-U device, or a
    /// placement parked off the rails by a finding's resolution.
    pub bottom_hu: Option<u32>,
    pub face: Face,
    /// The three-phase leg (0, 1, 2) it is plugged into; `None` spreads it over all legs.
    pub leg: Option<u8>,
    pub status: InstallStatus,
    /// Checklist items by [`CheckItem`] code.
    pub checks: BTreeMap<String, CheckMark>,
    pub notes: String,
    /// SHA-256 of photos stored as blobs.
    pub photos: Vec<String>,
}

/// A range of units held back, with the reason (e.g. "GPU 증설 예정").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Reservation {
    pub bottom_hu: u32,
    pub height_hu: u32,
    pub reason: String,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Rack {
    pub id: RackId,
    pub room: RoomId,
    /// The row's [`crate::ids::ItemId`] in the room document; empty when not in a row.
    pub row: String,
    pub name: String,
    /// Floor tile of the rack's front-left corner.
    pub x: u32,
    pub y: u32,
    /// The way the front faces, in degrees: 0, 90, 180 or 270.
    pub rotation: u32,
    pub height_u: u32,
    /// The number printed on the bottom unit (NetBox's `starting_unit`).
    pub starting_unit: u32,
    pub width: RackWidth,
    pub depth_mm: u32,
    pub form_factor: RackFormFactor,
    pub max_weight_kg: f64,
    pub status: RackStatus,
    pub feeds: Vec<PowerFeed>,
    pub redundancy: Redundancy,
    /// Placements by [`crate::ids::ItemId`].
    pub placements: BTreeMap<String, Placement>,
    /// Reservations by [`crate::ids::ItemId`].
    pub reservations: BTreeMap<String, Reservation>,
}

impl Rack {
    pub fn height_hu(&self) -> u32 {
        self.height_u * 2
    }

    /// The unit number printed beside half unit `hu` (counted from the bottom edge).
    pub fn unit_number(&self, hu: u32) -> u32 {
        self.starting_unit + hu / 2
    }
}
