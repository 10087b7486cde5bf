use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::racks::catalogue::{Airflow, DeviceCategory};
use crate::racks::model::{InstallStatus, RackFormFactor, RackStatus, RackWidth, Reservation};
use crate::racks::power::Redundancy;

struct Types(HashMap<String, DeviceType>);

impl DeviceTypes for Types {
    fn device_type(&self, key: &str) -> Option<&DeviceType> {
        self.0.get(key)
    }
}

fn device(key: &str, height_hu: u32, full_depth: bool) -> DeviceType {
    DeviceType {
        key: key.into(),
        manufacturer: "Test".into(),
        model: key.into(),
        category: DeviceCategory::Server,
        height_hu,
        full_depth,
        weight_kg: 20.0,
        typical_w: 400.0,
        max_w: 800.0,
        airflow: Airflow::FrontToRear,
        power_ports: Vec::new(),
        interfaces: Vec::new(),
        console_ports: Vec::new(),
        front_ports: Vec::new(),
        rear_ports: Vec::new(),
        front_image: None,
        rear_image: None,
    }
}

fn types() -> Types {
    Types(
        [
            device("server-1u", 2, true),
            device("server-2u", 4, true),
            device("switch-half-depth", 2, false),
            device("blank-half-u", 1, false),
            device("vertical-pdu", 0, false),
        ]
        .into_iter()
        .map(|d| (d.key.clone(), d))
        .collect(),
    )
}

fn rack(name: &str, height_u: u32) -> Rack {
    Rack {
        id: RackId(ulid::Ulid(name.len() as u128)),
        room: crate::ids::RoomId(ulid::Ulid(1)),
        row: String::new(),
        name: name.into(),
        x: 0,
        y: 0,
        rotation: 0,
        height_u,
        starting_unit: 1,
        width: RackWidth::Inch19,
        depth_mm: 1200,
        form_factor: RackFormFactor::Cabinet4Post,
        max_weight_kg: 1000.0,
        status: RackStatus::Active,
        feeds: Vec::new(),
        redundancy: Redundancy::None,
        placements: BTreeMap::new(),
        reservations: BTreeMap::new(),
    }
}

fn placed(device_type: &str, label: &str, bottom_hu: Option<u32>, face: Face) -> Placement {
    Placement {
        device_type: device_type.into(),
        asset: None,
        label: label.into(),
        bottom_hu,
        face,
        leg: None,
        status: InstallStatus::Planned,
        checks: BTreeMap::new(),
        notes: String::new(),
        photos: Vec::new(),
    }
}

fn check(
    rack: &Rack,
    moving: Option<&str>,
    key: &str,
    bottom_hu: u32,
    face: Face,
) -> Vec<PlacementProblem> {
    let types = types();
    let device = types.device_type(key).expect("known type").clone();
    check_placement(rack, &types, moving, &device, Some(bottom_hu), face)
}

#[test]
fn a_full_depth_device_takes_both_faces_and_a_half_depth_one_leaves_the_other_free() {
    let mut r = rack("A-R01", 42);
    r.placements.insert(
        "sw".into(),
        placed("switch-half-depth", "tor-1", Some(80), Face::Rear),
    );
    // The front of U41 is free behind a half-depth switch mounted from the rear…
    assert_eq!(check(&r, None, "switch-half-depth", 80, Face::Front), []);
    // …but a full-depth server needs both faces.
    assert_eq!(
        check(&r, None, "server-1u", 80, Face::Front),
        [PlacementProblem::Occupied {
            placement: "sw".into(),
            label: "tor-1".into()
        }]
    );
    r.placements.insert(
        "srv".into(),
        placed("server-2u", "db-1", Some(0), Face::Front),
    );
    // A 2U server at U1–U2 blocks U2 on the rear too, but not U3.
    assert_eq!(check(&r, None, "switch-half-depth", 2, Face::Rear).len(), 1);
    assert_eq!(check(&r, None, "switch-half-depth", 4, Face::Rear), []);
}

#[test]
fn past_the_top_half_unit_starts_and_reservations_are_refused_with_their_numbers() {
    let mut r = rack("A-R02", 42);
    assert_eq!(
        check(&r, None, "server-2u", 82, Face::Front),
        [PlacementProblem::PastTop {
            top_unit: 43,
            rack_height_u: 42
        }]
    );
    assert_eq!(
        check(&r, None, "server-2u", 80, Face::Front),
        [],
        "U41–U42 fits exactly"
    );
    assert_eq!(
        check(&r, None, "server-1u", 3, Face::Front),
        [PlacementProblem::HalfUnitStart]
    );
    assert_eq!(
        check(&r, None, "blank-half-u", 3, Face::Front),
        [],
        "a half-U blank may start on a half unit"
    );
    r.reservations.insert(
        "res".into(),
        Reservation {
            bottom_hu: 20,
            height_hu: 8,
            reason: "GPU 증설 예정".into(),
            by: "김민준".into(),
        },
    );
    assert_eq!(
        check(&r, None, "server-1u", 26, Face::Rear),
        [PlacementProblem::Reserved {
            reason: "GPU 증설 예정".into()
        }]
    );
    assert_eq!(check(&r, None, "server-1u", 28, Face::Rear), []);
}

#[test]
fn moving_a_device_ignores_its_own_units_and_zero_u_devices_take_none() {
    let mut r = rack("A-R03", 42);
    r.placements
        .insert("a".into(), placed("server-2u", "a", Some(10), Face::Front));
    assert_eq!(
        check(&r, Some("a"), "server-2u", 12, Face::Front),
        [],
        "one unit up overlaps only itself"
    );
    assert_eq!(check(&r, None, "server-2u", 12, Face::Front).len(), 1);
    let types = types();
    let pdu = types.device_type("vertical-pdu").expect("pdu").clone();
    assert_eq!(
        check_placement(&r, &types, None, &pdu, Some(10), Face::Rear),
        []
    );
}

#[test]
fn merged_state_breaks_become_invariants_with_both_sides_named() {
    let types = types();
    let mut first = rack("A-R04", 42);
    // Two devices placed into U10 offline, one from each laptop.
    first.placements.insert(
        "p1".into(),
        placed("server-1u", "web-1", Some(18), Face::Front),
    );
    first.placements.insert(
        "p2".into(),
        placed("switch-half-depth", "tor-2", Some(18), Face::Rear),
    );
    // A 2U device at the top of a rack that someone else shortened to 40U.
    first.placements.insert(
        "p3".into(),
        placed("server-2u", "db-9", Some(80), Face::Front),
    );
    first.height_u = 40;
    // Parked placements take no units, so they break nothing.
    first.placements.insert(
        "p4".into(),
        placed("server-1u", "parked", None, Face::Front),
    );
    let asset = AssetId(ulid::Ulid(77));
    first.placements.get_mut("p1").expect("p1").asset = Some(asset);
    let mut second = rack("B-R1", 42);
    let mut elsewhere = placed("server-1u", "web-1 (again)", Some(0), Face::Front);
    elsewhere.asset = Some(asset);
    second.placements.insert("q1".into(), elsewhere);

    let found = invariants([&first, &second].into_iter(), &types);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.contains(&RackInvariant::Overlap {
        rack: first.id,
        rack_name: "A-R04".into(),
        first: "p1".into(),
        first_label: "web-1".into(),
        second: "p2".into(),
        second_label: "tor-2".into(),
        bottom_unit: 10,
    }));
    assert!(found.contains(&RackInvariant::PastTop {
        rack: first.id,
        rack_name: "A-R04".into(),
        placement: "p3".into(),
        label: "db-9".into(),
        top_unit: 42,
        rack_height_u: 40,
    }));
    let RackInvariant::AssetInTwoPlaces {
        asset: twice,
        places,
    } = &found[2]
    else {
        panic!("expected the asset in two places last: {found:#?}");
    };
    assert_eq!(*twice, asset);
    let racks: Vec<&str> = places.iter().map(|p| p.rack_name.as_str()).collect();
    assert_eq!(racks, ["A-R04", "B-R1"]);
}

#[test]
fn a_rack_load_counts_mounted_and_zero_u_devices_but_not_parked_ones() {
    let types = types();
    let mut r = rack("A-R05", 42);
    r.placements
        .insert("a".into(), placed("server-1u", "a", Some(0), Face::Front));
    r.placements.insert(
        "b".into(),
        placed("vertical-pdu", "pdu-a", None, Face::Rear),
    );
    r.placements
        .insert("c".into(), placed("server-1u", "parked", None, Face::Front));
    r.placements.insert(
        "d".into(),
        placed("no-such-type", "ghost", Some(4), Face::Front),
    );
    let load = rack_load(&r, &types);
    let names: Vec<&str> = load.devices.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["a", "pdu-a"]);
}
