//! The schedule of a real store: two racks, cables inside each and one between them, a
//! registered asset in a rack, a tested cable. Checked as the text a person would read.

use super::*;
use crate::assets::AssetInput;
use crate::cables::ops::CableDraft;
use crate::cables::testing::TestInput;
use crate::ids::ItemId;
use crate::racks::Face;
use crate::racks::{PlaceRequest, RackSpec};
use crate::store::Store;
use crate::testkit::stamp;
use crate::testkit::{end, plant};

/// A-R01 from the cable tests (web-01 U1, pp-1 U42, tor-1 U41), and A-R02 in the same room
/// with tor-2 (U40) and db-01 (U11, the registered asset PT-SRV-000007).
fn two_racks(ws: &Workspace) -> (RackId, RackId) {
    let first = plant(ws, &stamp(1));
    let room = ws.places().racks[&first].room;
    let second = RackId(ulid::Ulid(4));
    ws.save_rack(second, &RackSpec::standard(room, "A-R02"), &stamp(2))
        .expect("rack");
    let asset = AssetId(ulid::Ulid(30));
    let input = AssetInput {
        asset_tag: Some("PT-SRV-000007".into()),
        asset_type: Some("server".into()),
        status: Some("in_use".into()),
        ..AssetInput::default()
    };
    ws.register_asset(asset, &input, &stamp(2)).expect("asset");
    for (n, key, label, bottom_hu, asset) in [
        (20, "builtin:arista-7280r3-48yc8", "tor-2", 78, None),
        (21, "builtin:dell-poweredge-r650", "db-01", 20, Some(asset)),
    ] {
        let request = PlaceRequest {
            device_type: key.into(),
            asset,
            label: label.into(),
            bottom_hu: Some(bottom_hu),
            face: Face::Front,
            leg: None,
        };
        ws.place_device(second, ItemId(ulid::Ulid(n)), &request, &stamp(3))
            .expect("placed");
    }
    (first, second)
}

fn add(ws: &Workspace, id: u128, a: CableEnd, b: CableEnd, kind: CableKind, length: Option<f64>) {
    let draft = CableDraft {
        a,
        b,
        kind,
        colour: "파랑".into(),
        length,
        length_unit: LengthUnit::Metres,
        label: String::new(),
    };
    ws.add_cable(CableId(ulid::Ulid(id)), &draft, &stamp(4))
        .expect("cable");
}

/// Five cables: two from web-01 (one to the panel, tested; one to tor-1), tor-1 to tor-2
/// between the racks, and two from db-01 to tor-2 on ports whose names sort wrongly as text.
fn cabled() -> (tempfile::TempDir, std::sync::Arc<Workspace>, RackId, RackId) {
    use PortRole::{Front, Interface};
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("build", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let (r1, r2) = two_racks(&ws);
    add(
        &ws,
        100,
        end(r1, 10, Interface, "eno1"),
        end(r1, 11, Front, "1"),
        CableKind::Cat6a,
        Some(3.0),
    );
    add(
        &ws,
        101,
        end(r1, 12, Interface, "Ethernet1"),
        end(r1, 10, Interface, "ens1f0"),
        CableKind::Dac,
        Some(1.5),
    );
    add(
        &ws,
        102,
        end(r1, 12, Interface, "Ethernet48"),
        end(r2, 20, Interface, "Ethernet48"),
        CableKind::Om4,
        None,
    );
    add(
        &ws,
        103,
        end(r2, 21, Interface, "ens1f1"),
        end(r2, 20, Interface, "Ethernet10"),
        CableKind::Dac,
        Some(2.0),
    );
    add(
        &ws,
        104,
        end(r2, 21, Interface, "ens1f0"),
        end(r2, 20, Interface, "Ethernet2"),
        CableKind::Dac,
        Some(2.0),
    );
    let test = TestInput {
        passed: true,
        tester: "김민준".into(),
        at_ms: Some(5),
        measured_length_m: Some(2.9),
        loss_db: None,
    };
    ws.record_cable_test(CableId(ulid::Ulid(100)), &test, None, &stamp(5))
        .expect("tested");
    drop(store);
    (dir, ws, r1, r2)
}

/// The schedule as a person reads it: rack, device heading, then one line per port.
fn text(schedule: &CableSchedule) -> String {
    let unit = |unit: Option<u32>| unit.map_or("-".to_owned(), |u| format!("U{u}"));
    let mut out = format!("{} cables\n", schedule.cables);
    for rack in &schedule.racks {
        out.push_str(&format!("{} ({} / {})\n", rack.name, rack.site, rack.room));
        for device in &rack.devices {
            out.push_str(&format!(
                "  {} {} [{}] {} · {} ports\n",
                unit(device.unit),
                device.label,
                device.asset_tag.as_deref().unwrap_or(""),
                device.device_type,
                device.port_count
            ));
            for row in &device.ports {
                let length = row.length.map_or("-".to_owned(), |l| {
                    format!("{l} {}", row.length_unit.code())
                });
                out.push_str(&format!(
                    "    {} {} → {} {} {} {} | {} {} {} {}\n",
                    row.port,
                    row.label,
                    row.far.rack,
                    unit(row.far.unit),
                    row.far.device,
                    row.far.port,
                    row.kind.code(),
                    length,
                    row.colour,
                    row.status.code()
                ));
            }
        }
    }
    out
}

#[test]
fn the_workspace_schedule_groups_by_rack_then_device_top_first_with_both_ends_of_a_cable() {
    let (_dir, ws, _, _) = cabled();
    let schedule = ws
        .cable_schedule(ScheduleScope::Workspace)
        .expect("schedule");
    assert_eq!(
        text(&schedule),
        "\
5 cables
A-R01 (평택 / A)
  U42 pp-1 [] Generic Patch panel 48×Cat6A · 96 ports
    front:1 A-R01-U1-eno1/A-R01-U42-1 → A-R01 U1 web-01 eno1 | cat6a 3 m 파랑 tested
  U41 tor-1 [] Arista 7280R3-48YC8 · 60 ports
    Ethernet1 A-R01-U41-Ethernet1/A-R01-U1-ens1f0 → A-R01 U1 web-01 ens1f0 | dac 1.5 m 파랑 planned
    Ethernet48 A-R01-U41-Ethernet48/A-R02-U40-Ethernet48 → A-R02 U40 tor-2 Ethernet48 | om4 - 파랑 planned
  U1 web-01 [] Dell PowerEdge R650 · 8 ports
    eno1 A-R01-U1-eno1/A-R01-U42-1 → A-R01 U42 pp-1 front:1 | cat6a 3 m 파랑 tested
    ens1f0 A-R01-U41-Ethernet1/A-R01-U1-ens1f0 → A-R01 U41 tor-1 Ethernet1 | dac 1.5 m 파랑 planned
A-R02 (평택 / A)
  U40 tor-2 [] Arista 7280R3-48YC8 · 60 ports
    Ethernet2 A-R02-U11-ens1f0/A-R02-U40-Ethernet2 → A-R02 U11 db-01 ens1f0 | dac 2 m 파랑 planned
    Ethernet10 A-R02-U11-ens1f1/A-R02-U40-Ethernet10 → A-R02 U11 db-01 ens1f1 | dac 2 m 파랑 planned
    Ethernet48 A-R01-U41-Ethernet48/A-R02-U40-Ethernet48 → A-R01 U41 tor-1 Ethernet48 | om4 - 파랑 planned
  U11 db-01 [PT-SRV-000007] Dell PowerEdge R650 · 8 ports
    ens1f0 A-R02-U11-ens1f0/A-R02-U40-Ethernet2 → A-R02 U40 tor-2 Ethernet2 | dac 2 m 파랑 planned
    ens1f1 A-R02-U11-ens1f1/A-R02-U40-Ethernet10 → A-R02 U40 tor-2 Ethernet10 | dac 2 m 파랑 planned
"
    );
}

#[test]
fn a_rack_schedule_holds_its_own_ends_only_and_an_uncabled_rack_is_still_there() {
    let (_dir, ws, _, r2) = cabled();
    let schedule = ws
        .cable_schedule(ScheduleScope::Rack { rack: r2 })
        .expect("schedule");
    assert_eq!(
        schedule.cables, 3,
        "two inside A-R02 and the one from A-R01"
    );
    assert_eq!(schedule.racks.len(), 1);
    let rows: Vec<String> = schedule.racks[0]
        .devices
        .iter()
        .flat_map(|d| {
            d.ports
                .iter()
                .map(move |r| format!("{} {}", d.label, r.port))
        })
        .collect();
    assert_eq!(
        rows,
        [
            "tor-2 Ethernet2",
            "tor-2 Ethernet10",
            "tor-2 Ethernet48",
            "db-01 ens1f0",
            "db-01 ens1f1"
        ]
    );

    let room = ws.places().racks[&r2].room;
    let empty = RackId(ulid::Ulid(6));
    ws.save_rack(empty, &RackSpec::standard(room, "A-R03"), &stamp(6))
        .expect("rack");
    let schedule = ws
        .cable_schedule(ScheduleScope::Rack { rack: empty })
        .expect("schedule");
    assert_eq!((schedule.cables, schedule.racks.len()), (0, 1));
    assert_eq!(schedule.racks[0].name, "A-R03");
    assert!(schedule.racks[0].devices.is_empty());
    let workspace = ws.cable_schedule(ScheduleScope::Workspace).expect("all");
    assert!(
        workspace.racks.iter().all(|rack| rack.name != "A-R03"),
        "a workspace schedule leaves uncabled racks out"
    );

    let unknown = RackId(ulid::Ulid(99));
    let refused = ws.cable_schedule(ScheduleScope::Rack { rack: unknown });
    assert!(
        matches!(refused, Err(RackError::NotFound { what: "rack", .. })),
        "{refused:?}"
    );
}

#[test]
fn the_csv_has_one_line_per_row_with_the_far_end_spelled_out() {
    let (_dir, ws, r1, _) = cabled();
    let mut bytes = Vec::new();
    let written = ws
        .schedule_csv(ScheduleScope::Rack { rack: r1 }, &mut bytes, true)
        .expect("csv");
    assert_eq!(written, 5);
    let text = String::from_utf8(bytes).expect("utf-8");
    let text = text.strip_prefix('\u{feff}').expect("byte order mark");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "rack,unit,device,port,label,far_rack,far_unit,far_device,far_port,type,length,length_unit,color,status"
    );
    assert_eq!(
        lines[1],
        "A-R01,42,pp-1,front:1,A-R01-U1-eno1/A-R01-U42-1,A-R01,1,web-01,eno1,cat6a,3,m,파랑,tested"
    );
    assert!(
        lines.contains(&"A-R01,41,tor-1,Ethernet48,A-R01-U41-Ethernet48/A-R02-U40-Ethernet48,A-R02,40,tor-2,Ethernet48,om4,,m,파랑,planned"),
        "{text}"
    );
    assert_eq!(lines.len(), 6);
}

#[test]
fn a_cable_whose_device_was_removed_stays_in_the_schedule_under_its_placement() {
    let (_dir, ws, r1, _) = cabled();
    ws.remove_placement(r1, &ItemId(ulid::Ulid(11)).to_string(), &stamp(7))
        .expect("removed");
    let schedule = ws
        .cable_schedule(ScheduleScope::Rack { rack: r1 })
        .expect("schedule");
    let gone = schedule.racks[0]
        .devices
        .last()
        .expect("the removed panel, last");
    assert!(!gone.placed);
    assert_eq!(gone.unit, None);
    assert_eq!(gone.label, ItemId(ulid::Ulid(11)).to_string());
    assert_eq!(gone.ports[0].far.device, "web-01");
}
