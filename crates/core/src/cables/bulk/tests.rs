use super::*;
use crate::ids::ItemId;
use crate::racks::Face;
use crate::racks::PlaceRequest;
use crate::store::Store;
use crate::testkit::stamp;
use crate::testkit::{end, plant};

/// Fresh cable ids from `start` (each plan gets its own, as random ids would be).
fn ids(start: u128) -> impl FnMut() -> CableId {
    let mut n = start;
    move || {
        n += 1;
        CableId(ulid::Ulid(n))
    }
}

fn run(rack: RackId, placement: u128, role: PortRole, first: &str) -> PortRun {
    PortRun {
        rack,
        placement: ItemId(ulid::Ulid(placement)).to_string(),
        role,
        first_port: first.into(),
    }
}

#[test]
fn a_range_plan_pairs_ports_in_order_previews_its_problems_and_writes_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("build", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let nics_to_panel = BulkPlan::Range {
        a: run(rack, 10, PortRole::Interface, "eno1"),
        b: run(rack, 11, PortRole::Front, "10"),
        count: 2,
    };
    let preview = ws.preview_bulk(&nics_to_panel, CableKind::Cat6a, "파랑", ids(1_000));
    assert_eq!(preview.problems, []);
    assert_eq!(preview.short_by, 0);
    let pairs: Vec<(&str, &str)> = preview
        .cables
        .iter()
        .map(|c| (c.a.port.as_str(), c.b.port.as_str()))
        .collect();
    assert_eq!(pairs, [("eno1", "10"), ("eno2", "11")]);
    assert_eq!(preview.cables[1].label, "A-R01-U1-eno2/A-R01-U42-11");
    assert!(ws.cables().is_empty(), "a preview writes nothing");
    ws.commit_bulk(
        &nics_to_panel,
        CableKind::Cat6a,
        "파랑",
        ids(2_000),
        &stamp(2),
    )
    .expect("written");
    assert_eq!(ws.cables().len(), 2);

    // The same panel ports again: every cable of the plan is refused, nothing is written.
    let again = BulkPlan::Range {
        a: run(rack, 10, PortRole::Interface, "ens1f0"),
        b: run(rack, 11, PortRole::Front, "10"),
        count: 2,
    };
    let preview = ws.preview_bulk(&again, CableKind::Om4, "", ids(3_000));
    assert!(preview
        .problems
        .iter()
        .any(|(i, p)| *i == 0 && matches!(p, CableProblem::PortTaken { .. })));
    assert!(preview
        .problems
        .iter()
        .any(|(_, p)| matches!(p, CableProblem::KindDoesNotFit { .. })));
    assert!(ws
        .commit_bulk(&again, CableKind::Om4, "", ids(4_000), &stamp(3))
        .is_err());
    assert_eq!(ws.cables().len(), 2);

    // Asking for more ports than there are says by how many.
    let long = BulkPlan::Range {
        a: run(rack, 10, PortRole::Interface, "ens1f1"),
        b: run(rack, 12, PortRole::Interface, "Ethernet40"),
        count: 3,
    };
    let preview = ws.preview_bulk(&long, CableKind::Dac, "", ids(5_000));
    assert_eq!(preview.cables.len(), 1);
    assert_eq!(preview.short_by, 2);
}

#[test]
fn every_servers_nic_goes_to_consecutive_switch_ports_bottom_unit_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("build", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let rack = plant(&ws, &stamp(1));
    // Two more servers above web-01 (U1): web-03 at U5 is placed before web-02 at U3.
    for (n, label, bottom_hu) in [(20, "web-03", 8), (21, "web-02", 4)] {
        let request = PlaceRequest {
            device_type: "builtin:dell-poweredge-r650".into(),
            asset: None,
            label: label.into(),
            bottom_hu: Some(bottom_hu),
            face: Face::Front,
            leg: None,
        };
        ws.place_device(rack, ItemId(ulid::Ulid(n)), &request, &stamp(2))
            .expect("placed");
    }
    let plan = BulkPlan::RackPorts {
        rack,
        role: PortRole::Interface,
        port: "ens1f0".into(),
        to: run(rack, 12, PortRole::Interface, "Ethernet1"),
    };
    let cables = ws
        .commit_bulk(&plan, CableKind::Dac, "검정", ids(6_000), &stamp(3))
        .expect("written");
    let pairs: Vec<(String, &str)> = cables
        .iter()
        .map(|c| (c.a.placement.clone(), c.b.port.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            (ItemId(ulid::Ulid(10)).to_string(), "Ethernet1"),
            (ItemId(ulid::Ulid(21)).to_string(), "Ethernet2"),
            (ItemId(ulid::Ulid(20)).to_string(), "Ethernet3"),
        ]
    );
    assert_eq!(
        ws.cable_trace(&end(rack, 21, PortRole::Interface, "ens1f0"))
            .ends_at,
        end(rack, 12, PortRole::Interface, "Ethernet2")
    );
}
