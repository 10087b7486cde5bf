use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::cables::model::{CableStatus, LengthUnit};
use crate::ids::{RackId, RoomId};
use crate::racks::model::{
    Face, InstallStatus, Placement, Rack, RackFormFactor, RackStatus, RackWidth,
};
use crate::racks::power::Redundancy;

const RACK: RackId = RackId(ulid::Ulid(5));

/// One rack holding a server (R650: copper eno1–2, SFP28 ens1f0–1), a 48-port Cat6A patch
/// panel and a 25G top-of-rack switch.
fn index() -> PlaceIndex {
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

fn end(placement: &str, role: PortRole, port: &str) -> CableEnd {
    CableEnd {
        rack: RACK,
        placement: placement.into(),
        role,
        port: port.into(),
    }
}

fn cable(n: u128, kind: CableKind, a: CableEnd, b: CableEnd, label: &str) -> Cable {
    Cable {
        id: CableId(ulid::Ulid(n)),
        a,
        b,
        kind,
        colour: String::new(),
        length: None,
        length_unit: LengthUnit::Metres,
        status: CableStatus::Planned,
        label: label.into(),
        route_notes: String::new(),
        tests: Vec::new(),
    }
}

#[test]
fn a_cable_needs_real_ports_free_ports_a_fitting_kind_and_its_own_label() {
    let index = index();
    let copper = cable(
        1,
        CableKind::Cat6a,
        end("srv", PortRole::Interface, "eno1"),
        end("pp", PortRole::Front, "1"),
        "C1",
    );
    let none = HashMap::new();
    assert_eq!(check_cable(&copper, &index, &none, &HashMap::new()), []);

    let ports: HashMap<CableEnd, (CableId, String)> =
        [(copper.a.clone(), (copper.id, "C1".to_owned()))].into();
    let labels: HashMap<String, CableId> = [("c1".to_owned(), copper.id)].into();
    let clash = cable(
        2,
        CableKind::Om4,
        end("srv", PortRole::Interface, "eno1"),
        end("sw", PortRole::Interface, "Ethernet99"),
        " c1 ",
    );
    assert_eq!(
        check_cable(&clash, &index, &ports, &labels),
        [
            CableProblem::KindDoesNotFit {
                end: end("srv", PortRole::Interface, "eno1"),
                kind: CableKind::Om4,
                port_kind: "1000base-t".into(),
            },
            CableProblem::PortTaken {
                end: end("srv", PortRole::Interface, "eno1"),
                label: "C1".into(),
            },
            CableProblem::NoSuchPort {
                end: end("sw", PortRole::Interface, "Ethernet99"),
            },
            CableProblem::LabelTaken {
                label: " c1 ".into()
            },
        ]
    );
    // A DAC from the server's SFP28 port to the switch fits; the same port on both ends does not.
    let dac = cable(
        3,
        CableKind::Dac,
        end("srv", PortRole::Interface, "ens1f0"),
        end("sw", PortRole::Interface, "Ethernet1"),
        "C3",
    );
    assert_eq!(check_cable(&dac, &index, &ports, &labels), []);
    let loopback = cable(4, CableKind::Dac, dac.a.clone(), dac.a.clone(), "C4");
    assert_eq!(
        check_cable(&loopback, &index, &none, &HashMap::new()),
        [CableProblem::SameEnds]
    );
}

#[test]
fn merged_cables_sharing_a_port_or_a_label_or_misfitting_are_found() {
    let index = index();
    let kim = cable(
        1,
        CableKind::Cat6a,
        end("srv", PortRole::Interface, "eno1"),
        end("pp", PortRole::Front, "1"),
        "A-R01-U1-eno1",
    );
    let lee = cable(
        2,
        CableKind::Cat6a,
        end("pp", PortRole::Front, "1"),
        end("srv", PortRole::Interface, "eno2"),
        "a-r01-u1-eno1",
    );
    let fibre_in_copper = cable(
        3,
        CableKind::Os2,
        end("sw", PortRole::Interface, "Ethernet2"),
        end("pp", PortRole::Front, "2"),
        "C3",
    );
    let found = invariants([&kim, &lee, &fibre_in_copper].into_iter(), &index);
    assert_eq!(
        found,
        [
            CableInvariant::PortShared {
                end: end("pp", PortRole::Front, "1"),
                cables: vec![kim.id, lee.id],
            },
            CableInvariant::LabelShared {
                label: "A-R01-U1-eno1".into(),
                cables: vec![kim.id, lee.id],
            },
            CableInvariant::KindDoesNotFit {
                cable: fibre_in_copper.id,
                end: end("pp", PortRole::Front, "2"),
            },
        ]
    );
}
