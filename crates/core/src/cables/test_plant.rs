//! A small plant for the cable tests: one rack with a server, a patch panel and a switch.

use std::collections::BTreeMap;

use crate::cables::model::{Cable, CableEnd, CableKind, PortRole};
use crate::ids::CableId;
use crate::ids::{RackId, RoomId};
use crate::racks::PlaceIndex;
use crate::racks::Redundancy;
use crate::racks::{Face, InstallStatus, Placement, Rack, RackFormFactor, RackStatus, RackWidth};

pub(crate) const RACK: RackId = RackId(ulid::Ulid(5));

/// One rack holding a server (R650: copper eno1–2, SFP28 ens1f0–1), a 48-port Cat6A patch
/// panel and a 25G top-of-rack switch.
pub(crate) fn index() -> PlaceIndex {
    let placed = |device_type: &str, bottom_hu| Placement {
        device_type: device_type.into(),
        asset: None,
        label: device_type.into(),
        bottom_hu: Some(bottom_hu),
        face: Face::Front,
        leg: None,
        status: InstallStatus::Planned,
        checks: BTreeMap::new(),
        notes: String::new(),
        photos: Vec::new(),
    };
    let mut placements = BTreeMap::new();
    placements.insert("srv".into(), placed("builtin:dell-poweredge-r650", 0));
    placements.insert("pp".into(), placed("builtin:patch-panel-48-cat6a", 80));
    placements.insert("sw".into(), placed("builtin:arista-7280r3-48yc8", 78));
    let mut index = PlaceIndex::default();
    index.racks.insert(
        RACK,
        Rack {
            id: RACK,
            room: RoomId(ulid::Ulid(1)),
            row: String::new(),
            name: "A-R01".into(),
            x: 0,
            y: 0,
            rotation: 0,
            height_u: 42,
            starting_unit: 1,
            width: RackWidth::Inch19,
            depth_mm: 1200,
            form_factor: RackFormFactor::Cabinet4Post,
            max_weight_kg: 1000.0,
            status: RackStatus::Active,
            feeds: Vec::new(),
            redundancy: Redundancy::None,
            placements,
            reservations: BTreeMap::new(),
        },
    );
    index
}

pub(crate) fn end(placement: &str, role: PortRole, port: &str) -> CableEnd {
    CableEnd {
        rack: RACK,
        placement: placement.into(),
        role,
        port: port.into(),
    }
}

pub(crate) fn cable(n: u128, kind: CableKind, a: CableEnd, b: CableEnd, label: &str) -> Cable {
    Cable {
        label: label.into(),
        label_by_hand: true,
        number: n as u64,
        ..Cable::planned(CableId(ulid::Ulid(n)), a, b, kind)
    }
}
