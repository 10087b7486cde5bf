//! A cable as its Automerge document will hold it: two ends (a port of a placed device), the
//! cable's kind, colour, length, status, label and route notes, and its test results.

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{CableId, RackId};
use crate::racks::text_enum;

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
    /// The report's file name, as it was attached.
    #[autosurgeon(missing = "Default::default")]
    pub report_name: Option<String>,
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
    /// The cable's number in the workspace (`{n}` of a label template): given when the cable
    /// is added and never reused, so a label keeps its number when the scheme changes.
    #[autosurgeon(missing = "Default::default")]
    pub number: u64,
    /// The label printed on the B end: the scheme names the near end first, so the two ends
    /// read differently; the same as `label` when it was typed by hand or imported.
    #[autosurgeon(missing = "Default::default")]
    pub label_b: String,
    /// The label was typed by hand (or imported): a new label scheme leaves it alone.
    #[autosurgeon(missing = "Default::default")]
    pub label_by_hand: bool,
    /// When its labels were last printed; `None`: not labelled yet.
    #[autosurgeon(missing = "Default::default")]
    #[ts(type = "number | null")]
    pub printed_at_ms: Option<i64>,
    /// When a move of a device at one of its ends changed its labels after they were printed:
    /// what hangs on the cable is out of date until it is printed again ([`Cable::needs_reprint`]).
    #[autosurgeon(missing = "Default::default")]
    #[ts(type = "number | null")]
    pub relabelled_at_ms: Option<i64>,
    /// The labels (A end, B end) as they were printed, kept when a move first changes them, so
    /// that a move back (an undo) clears the mark.
    #[autosurgeon(missing = "Default::default")]
    pub printed_labels: Vec<String>,
}

/// The workspace's label naming scheme. Each device that first sets one starts its own
/// document; after a merge the one set last wins (ties by id), the same on every device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct LabelScheme {
    pub id: crate::ids::ItemId,
    pub template: String,
    #[ts(type = "number")]
    pub set_at_ms: i64,
    pub set_by: String,
}

impl Cable {
    /// A planned cable between two ends, with nothing else said about it yet.
    pub fn planned(id: CableId, a: CableEnd, b: CableEnd, kind: CableKind) -> Cable {
        Cable {
            id,
            a,
            b,
            kind,
            colour: String::new(),
            length: None,
            length_unit: LengthUnit::Metres,
            status: CableStatus::Planned,
            label: String::new(),
            route_notes: String::new(),
            tests: Vec::new(),
            number: 0,
            label_b: String::new(),
            label_by_hand: false,
            printed_at_ms: None,
            relabelled_at_ms: None,
            printed_labels: Vec::new(),
        }
    }

    /// The labels on the A and B ends.
    pub fn end_labels(&self) -> (&str, &str) {
        let b = if self.label_b.is_empty() {
            &self.label
        } else {
            &self.label_b
        };
        (&self.label, b)
    }

    /// Its labels changed (a device at an end moved) after they were last printed: the labels
    /// on the cable name the old place until they are printed again. Printing them (a later
    /// `printed_at_ms`) clears it; so does a move back to what was printed.
    pub fn needs_reprint(&self) -> bool {
        self.holds_ports()
            && matches!(
                (self.relabelled_at_ms, self.printed_at_ms),
                (Some(relabelled), Some(printed)) if relabelled >= printed
            )
    }

    /// In service with labels never printed, or printed and out of date since: what a print
    /// of the unlabelled cables takes.
    pub fn labels_to_print(&self) -> bool {
        self.holds_ports() && (self.printed_at_ms.is_none() || self.needs_reprint())
    }

    /// A cable that was taken out no longer holds its ports.
    pub fn holds_ports(&self) -> bool {
        self.status != CableStatus::Decommissioned
    }

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
