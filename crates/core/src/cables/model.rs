//! A cable as its Automerge document will hold it: two ends (a port of a placed device), the
//! cable's kind, colour, length, status, label and route notes, and its test results.

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{CableId, RackId};
use crate::racks::model::text_enum;

/// Version of the cable document layout; stored in each document as `schema`.
pub const CABLE_SCHEMA: u64 = 1;

text_enum!(
    /// Which list of a device type's ports a port is in. Front and rear ports of a patch panel
    /// share names (`1` … `48`), so the role is part of a port's address.
    PortRole {
        Interface => "interface",
        Console => "console",
        Power => "power",
        Front => "front",
        Rear => "rear",
    }
);

text_enum!(
    CableKind {
        Cat5e => "cat5e",
        Cat6 => "cat6",
        Cat6a => "cat6a",
        Cat7 => "cat7",
        Dac => "dac",
        Aoc => "aoc",
        Om3 => "om3",
        Om4 => "om4",
        Os2 => "os2",
        Power => "power",
        Console => "console",
    }
);

text_enum!(
    /// planned → installed → tested, or failed / decommissioned.
    CableStatus {
        Planned => "planned",
        Installed => "installed",
        Tested => "tested",
        Failed => "failed",
        Decommissioned => "decommissioned",
    }
);

text_enum!(
    LengthUnit {
        Metres => "m",
        Centimetres => "cm",
        Feet => "ft",
    }
);

/// One end of a cable: a port of a device placed in a rack.
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Reconcile,
    Hydrate,
    TS,
)]
#[ts(export)]
pub struct CableEnd {
    pub rack: RackId,
    /// The placement's id inside the rack document.
    pub placement: String,
    pub role: PortRole,
    pub port: String,
}

/// A test of the cable: pass or fail, by whom and when, with what was measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct CableTest {
    pub passed: bool,
    pub tester: String,
    #[ts(type = "number")]
    pub at_ms: i64,
    pub measured_length_m: Option<f64>,
    /// Insertion loss, for fibre.
    pub loss_db: Option<f64>,
    /// SHA-256 of the tester's report, stored as a blob.
    pub report: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Cable {
    pub id: CableId,
    pub a: CableEnd,
    pub b: CableEnd,
    pub kind: CableKind,
    pub colour: String,
    pub length: Option<f64>,
    pub length_unit: LengthUnit,
    pub status: CableStatus,
    pub label: String,
    pub route_notes: String,
    pub tests: Vec<CableTest>,
}

impl Cable {
    /// The other end of the cable, seen from `end`; `None` if `end` is not one of its ends.
    pub fn far_end(&self, end: &CableEnd) -> Option<&CableEnd> {
        if &self.a == end {
            Some(&self.b)
        } else if &self.b == end {
            Some(&self.a)
        } else {
            None
        }
    }
}
