//! The cable demo on a small room: within the rules, the same for a seed, capped on request,
//! and real paths from a server through its switches and the patch panels to the network rack.

use std::sync::Arc;

use super::*;
use crate::cables::model::{CableEnd, PortRole};
use crate::racks::DeviceCategory;
use crate::racks::DeviceTypes;
use crate::racks::{generate_racks, RackDemoOptions};
use crate::stamp::Author;
use crate::store::Store;

fn who() -> Stamp {
    Stamp::new(Author::new("김민준", "MJ"), 1_764_000_000_000)
}

/// A workspace with the rack demo's room of 22 racks (a full row and two more), cabled.
fn cabled(
    store: &Store,
    name: &str,
    cables: usize,
    batch: usize,
) -> (Arc<Workspace>, CableDemoSummary) {
    let meta = store.create_workspace(name, 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let racks =
        generate_racks(&ws, &RackDemoOptions { racks: 22, seed: 3 }, &who()).expect("racks");
    let options = CableDemoOptions {
        room: racks.room_id,
        cables,
        seed: 3,
        batch,
    };
    let summary = generate_cables(&ws, &options, &who()).expect("cables");
    (ws, summary)
}

#[test]
fn the_demo_cables_a_room_within_the_rules_and_the_same_way_for_a_seed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let (ws, summary) = cabled(&store, "one", usize::MAX, DEMO_CABLE_BATCH);
    assert_eq!(summary.refused, 0, "{summary:?}");
    assert_eq!(summary.written, summary.fit, "{summary:?}");
    assert!(summary.written > 22 * 30, "{summary:?}");
    assert_eq!(ws.cable_invariants(), [], "the demo breaks no cable rule");

    let cables = ws.cables();
    assert_eq!(cables.len(), summary.written);
    let count = |status| cables.iter().filter(|c| c.status == status).count();
    for status in [
        CableStatus::Planned,
        CableStatus::Installed,
        CableStatus::Tested,
        CableStatus::Failed,
    ] {
        assert!(count(status) > 0, "some cables are {status:?}");
    }
    assert!(count(CableStatus::Failed) < count(CableStatus::Tested) / 10);
    for cable in &cables {
        let last = cable.tests.last().map(|test| test.passed);
        match cable.status {
            CableStatus::Tested => assert_eq!(last, Some(true), "{}", cable.label),
            CableStatus::Failed => assert_eq!(last, Some(false), "{}", cable.label),
            _ => assert_eq!(last, None, "{}", cable.label),
        }
        // Labelled from the scheme, as `add_cable` labels, both ends.
        assert!(!cable.label_by_hand && !cable.label_b.is_empty());
        assert!(cable.number >= 1 && cable.number <= summary.written as u64);
    }

    // The same seed cables a fresh workspace the same way, in batches of any size.
    let (again, same) = cabled(&store, "two", usize::MAX, 250);
    assert_eq!(same, summary);
    assert_eq!(again.cables(), cables);

    // A cap writes the first cables of the same plan.
    let (capped, few) = cabled(&store, "three", 300, 120);
    assert_eq!(few.written, 300);
    assert_eq!(few.fit, summary.fit);
    for cable in capped.cables() {
        assert!(
            cables.contains(&cable),
            "{} is in the full demo",
            cable.label
        );
    }
}

/// The placement of a type in a rack, by name; the lowest server when `key` is `None`.
fn placement(ws: &Workspace, rack: &str, key: Option<&str>) -> (crate::ids::RackId, String) {
    let places = ws.places();
    let rack = places
        .racks
        .values()
        .find(|r| r.name == rack)
        .expect("rack");
    let found = rack
        .placements
        .iter()
        .filter(|(_, p)| match key {
            Some(key) => p.device_type == key,
            None => places
                .device_type(&p.device_type)
                .is_some_and(|t| t.category == DeviceCategory::Server),
        })
        .min_by_key(|(_, p)| p.bottom_hu)
        .map(|(id, _)| id.clone())
        .expect("placement");
    (rack.id, found)
}

fn port(at: &(crate::ids::RackId, String), role: PortRole, port: &str) -> CableEnd {
    CableEnd {
        rack: at.0,
        placement: at.1.clone(),
        role,
        port: port.into(),
    }
}

#[test]
fn a_server_reaches_its_switches_and_they_reach_the_network_rack_through_the_panels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let (ws, _) = cabled(&store, "trace", usize::MAX, DEMO_CABLE_BATCH);
    let server = placement(&ws, "A-R02", None);
    let access = placement(&ws, "A-R02", Some("builtin:cisco-catalyst-9300-48t"));
    let tor = placement(&ws, "A-R02", Some("builtin:arista-7050sx3-48yc8"));

    // The server's management port is one cable from the rack's access switch …
    let management = ws.device_ports(server.0, &server.1)[0].clone();
    let start = port(&server, PortRole::Interface, &management.name);
    let to_switch = ws.cable_trace(&start);
    assert_eq!(to_switch.hops.len(), 1);
    assert_eq!(to_switch.ends_at.placement, access.1);

    // … whose uplink crosses the rack's panel, the trunk, the network rack's cross-connect
    // and its mirror of the aggregation switch: four cables, three panel pass-throughs.
    let uplink = port(&access, PortRole::Interface, "GigabitEthernet1/0/48");
    let path = ws.cable_trace_view(&uplink);
    assert!(!path.looped);
    let hops: Vec<(&str, PortRole, &str, PortRole)> = path
        .hops
        .iter()
        .map(|h| {
            (
                h.from.rack.as_str(),
                h.from.end.role,
                h.to.rack.as_str(),
                h.to.end.role,
            )
        })
        .collect();
    use PortRole::{Front, Interface, Rear};
    assert_eq!(
        hops,
        [
            ("A-R02", Interface, "A-R02", Front),
            ("A-R02", Rear, "A-R01", Rear),
            ("A-R01", Front, "A-R01", Front),
            ("A-R01", Rear, "A-R01", Interface),
        ]
    );
    let last = path.hops.last().expect("hops");
    assert_eq!(last.to.device, "A-R01-EX4400-48T");
    assert_eq!(last.to.end.port, "ge-0/0/0");

    // The server's first SFP28 port is one DAC from the ToR, whose first uplink runs through
    // the network rack's fibre panel to the first spine.
    let data = port(&server, PortRole::Interface, "ens1f0");
    let to_tor = ws.cable_trace(&data);
    assert_eq!(to_tor.hops.len(), 1);
    assert_eq!(to_tor.ends_at.placement, tor.1);
    let fabric = ws.cable_trace_view(&port(&tor, PortRole::Interface, "Ethernet49"));
    let kinds: Vec<CableKind> = fabric.hops.iter().map(|h| h.kind).collect();
    assert_eq!(kinds, [CableKind::Om4, CableKind::Om4]);
    let spine = &fabric.hops[1].to;
    assert_eq!(
        (spine.rack.as_str(), spine.device.as_str()),
        ("A-R01", "A-R01-Spectrum SN4600C")
    );
}
