//! Racks on real stores: placing and moving devices with their assets' locations, the install
//! checklist, what-if budgets, catalogue import, and invariants broken by real merges through
//! the in-process hub, with their one-click resolutions.

use super::catalogue::{parse_yaml, CatalogueProblemCode};
use super::model::{CheckItem, Face, InstallStatus, Reservation};
use super::ops::{PlaceRequest, RackSpec, Resolution};
use super::power::BudgetFinding;
use super::rules::{PlacementProblem, RackInvariant};
use super::RackError;
use crate::assets::Location;
use crate::ids::{AssetId, DeviceTypeId};
use crate::store::Store;
use crate::testkit::{
    device, fresh_workspace, item, layout, register, server, server_request, stamp,
};

#[test]
fn placing_an_asset_sets_its_location_moving_updates_it_and_removing_clears_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace_id, rack, other) = {
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("build", 1).expect("workspace");
        let ws = store.workspace(&meta.id).expect("open");
        let at = layout(&ws, &stamp(10));
        let asset = register(&ws, 100, "PT1-SRV-0001");
        ws.place_device(
            at.rack,
            item(20),
            &server_request(Some(20), Some(asset)),
            &stamp(20),
        )
        .expect("placed");
        let row = ws.asset("PT1-SRV-0001").expect("asset");
        assert_eq!(
            row.asset.location,
            Location {
                site: "평택 1센터".into(),
                room: "전산실 A".into(),
                row: "A열".into(),
                rack: "A-R01".into(),
                unit: Some(11),
            }
        );
        let view = ws.rack_view(at.rack).expect("view");
        assert_eq!(
            view.devices[0].placement.label, "PT1-SRV-0001",
            "the tag labels it"
        );
        assert_eq!(view.devices[0].asset_tag.as_deref(), Some("PT1-SRV-0001"));
        assert_eq!(view.used_hu, 2);

        ws.move_placement(
            at.rack,
            &item(20).to_string(),
            at.other,
            Some(40),
            Face::Front,
            &stamp(30),
        )
        .expect("moved to the other rack");
        let moved = ws.asset("PT1-SRV-0001").expect("asset").asset.location;
        assert_eq!((moved.rack.as_str(), moved.unit), ("A-R02", Some(21)));
        assert!(ws.rack_view(at.rack).expect("view").devices.is_empty());
        (meta.id, at.rack, at.other)
    };
    // Reopened: racks come back from their projections, documents still hold the history.
    let store = Store::open(dir.path()).expect("reopen");
    let ws = store.workspace(&workspace_id).expect("open");
    let view = ws.rack_view(other).expect("view after reopen");
    assert_eq!(view.devices.len(), 1);
    assert_eq!(view.rack.name, "A-R02");
    assert!(ws.rack_view(rack).expect("first rack").devices.is_empty());
    ws.remove_placement(other, &item(20).to_string(), &stamp(40))
        .expect("removed");
    assert_eq!(
        ws.asset("PT1-SRV-0001").expect("asset").asset.location,
        Location::default()
    );
    let history = ws.asset_history(AssetId(ulid::Ulid(100))).expect("history");
    assert!(
        history.len() >= 4,
        "register, place, move and remove are each a change"
    );
}

#[test]
fn a_refused_placement_says_why_and_writes_nothing() {
    let (_dir, _store, ws) = fresh_workspace();
    let at = layout(&ws, &stamp(10));
    let asset = register(&ws, 100, "PT1-SRV-0001");
    ws.place_device(
        at.rack,
        item(20),
        &server_request(Some(0), Some(asset)),
        &stamp(20),
    )
    .expect("placed");
    ws.reserve_units(
        at.rack,
        item(21),
        Reservation {
            bottom_hu: 10,
            height_hu: 4,
            reason: "GPU 증설".into(),
            by: "김민준".into(),
        },
        &stamp(21),
    )
    .expect("reserved");
    let bytes_before = ws.stored_document_bytes().expect("bytes");
    let cases = [
        (server_request(Some(0), None), "occupied"),
        (server_request(Some(12), None), "reserved"),
        (server_request(Some(84), None), "past the top"),
        (
            server_request(Some(40), Some(asset)),
            "asset already placed",
        ),
    ];
    for (request, what) in cases {
        let error = ws
            .place_device(at.rack, item(30), &request, &stamp(30))
            .expect_err(what);
        let RackError::Refused(problems) = &error else {
            panic!("{what}: {error}");
        };
        assert_eq!(problems.len(), 1, "{what}: {problems:?}");
    }
    let error = ws
        .place_device(
            at.other,
            item(31),
            &server_request(Some(0), Some(asset)),
            &stamp(31),
        )
        .expect_err("in two racks");
    assert!(
        error.to_string().contains("already placed in rack A-R01"),
        "{error}"
    );
    assert_eq!(ws.stored_document_bytes().expect("bytes"), bytes_before);
    assert_eq!(ws.rack_view(at.rack).expect("view").devices.len(), 1);
}

#[test]
fn the_checklist_records_who_and_when_and_gates_installed_and_verified() {
    let (_dir, _store, ws) = fresh_workspace();
    let at = layout(&ws, &stamp(10));
    let id = item(20).to_string();
    ws.place_device(
        at.rack,
        item(20),
        &server_request(Some(0), None),
        &stamp(20),
    )
    .expect("placed");
    let refused = ws.set_install_status(at.rack, &id, InstallStatus::Installed, &stamp(21));
    assert!(
        matches!(refused, Err(RackError::InstallOrder { ref missing, .. }) if missing == &[CheckItem::Mounted])
    );
    ws.set_check(
        at.rack,
        &id,
        CheckItem::Mounted,
        true,
        "레일 2개",
        &stamp(22),
    )
    .expect("tick");
    ws.set_install_status(at.rack, &id, InstallStatus::Installed, &stamp(23))
        .expect("installed");
    let early = ws.set_install_status(at.rack, &id, InstallStatus::Verified, &stamp(24));
    let Err(RackError::InstallOrder { missing, .. }) = early else {
        panic!("verified needs every item: {early:?}");
    };
    assert_eq!(missing.len(), 4);
    for (n, check) in CheckItem::ALL.iter().enumerate().skip(1) {
        ws.set_check(at.rack, &id, *check, true, "", &stamp(30 + n as i64))
            .expect("tick");
    }
    let rack = ws
        .set_install_status(at.rack, &id, InstallStatus::Verified, &stamp(40))
        .expect("verified");
    let placement = &rack.placements[&id];
    assert_eq!(placement.status, InstallStatus::Verified);
    let mark = &placement.checks["mounted"];
    assert_eq!(
        (mark.by.as_str(), mark.at_ms, mark.note.as_str()),
        ("김민준", 22, "레일 2개")
    );
    // Unticking an item takes verification back.
    let rack = ws
        .set_check(at.rack, &id, CheckItem::BurnInPassed, false, "", &stamp(50))
        .expect("untick");
    assert_eq!(rack.placements[&id].status, InstallStatus::Installed);
}

#[test]
fn what_if_shows_the_budget_after_a_drop_and_the_findings_it_would_add() {
    let (_dir, _store, ws) = fresh_workspace();
    let at = layout(&ws, &stamp(10));
    // Two 220 V 32 A feeds at 80 %, A/B: one feed carries 5,632 W.
    let dgx = |bottom_hu| PlaceRequest {
        device_type: "builtin:nvidia-dgx-h100".into(),
        ..server_request(Some(bottom_hu), None)
    };
    let first = ws.what_if(at.rack, None, &dgx(0)).expect("what-if");
    assert_eq!(first.before.max_draw_w, 0.0);
    assert_eq!(first.after.max_draw_w, 10_200.0);
    assert_eq!(first.after.capacity_w, 5_632.0);
    assert!(matches!(
        first.new_findings.as_slice(),
        [BudgetFinding::NoFailover { .. }]
    ));
    assert!(first.problems.is_empty());
    let overlap = ws
        .what_if(at.rack, None, &server_request(Some(84), None))
        .expect("what-if");
    assert!(matches!(
        overlap.problems.as_slice(),
        [PlacementProblem::PastTop { .. }]
    ));
    // The drop is allowed (a plan may be over budget); the finding shows in the room.
    ws.place_device(at.rack, item(20), &dgx(0), &stamp(20))
        .expect("placed");
    let budgets = ws.room_budgets();
    assert!(budgets[0]
        .findings
        .iter()
        .any(|f| matches!(f, BudgetFinding::NoFailover { rack, .. } if rack == "A-R01")));
    let room = ws.room_view(at.room).expect("room");
    assert_eq!(room.racks[0].findings, 1);
    assert_eq!(room.rows[0].racks, 2);
    assert_eq!(room.budget.cooling_kw, 40.0);
}

#[test]
fn device_types_import_all_or_nothing_and_can_be_placed() {
    let (_dir, _store, ws) = fresh_workspace();
    let at = layout(&ws, &stamp(10));
    let yaml = "- {manufacturer: Juniper, model: EX4650-48Y, u_height: 1, is_full_depth: false, typical_w: 300, max_w: 420}\n\
                - {manufacturer: Dell, model: PowerEdge R650, u_height: 1}\n";
    let inputs = parse_yaml(yaml).expect("parses");
    let ids = [DeviceTypeId(ulid::Ulid(50)), DeviceTypeId(ulid::Ulid(51))];
    let error = ws
        .import_device_types(&inputs, &ids, &stamp(11))
        .expect_err("duplicate of a starter type");
    let RackError::Catalogue(problems) = error else {
        panic!("catalogue problems")
    };
    assert!(problems[0].is(CatalogueProblemCode::DuplicateModel));
    assert_eq!(problems[0].line, Some(2));
    let starter_count = ws.device_types().len();
    let added = ws
        .import_device_types(&inputs[..1], &ids[..1], &stamp(12))
        .expect("imported");
    assert_eq!(ws.device_types().len(), starter_count + 1);
    let key = added[0].key.clone();
    ws.place_device(
        at.rack,
        item(20),
        &PlaceRequest {
            device_type: key.clone(),
            ..server_request(Some(80), None)
        },
        &stamp(13),
    )
    .expect("placed with the imported type");
    // Half depth: the rear of the same unit is free.
    ws.place_device(
        at.rack,
        item(21),
        &PlaceRequest {
            device_type: key,
            face: Face::Rear,
            ..server_request(Some(80), None)
        },
        &stamp(14),
    )
    .expect("rear of the same unit");
}

#[test]
fn merges_that_break_rack_rules_become_invariants_resolved_in_one_click() {
    let hub = server();
    let mut kim = device(&hub, "kim");
    let mut lee = device(&hub, "lee");
    let at = layout(&kim.workspace, &kim.stamp(10));
    let asset = kim.register(100, "PT1-SRV-0100");
    kim.sync();
    lee.sync();
    assert_eq!(
        lee.workspace
            .rack_view(at.rack)
            .expect("synced rack")
            .rack
            .name,
        "A-R01"
    );

    // Offline: both fill U1 of A-R01; both place the same asset, in different racks; kim
    // fills the top two units while lee shortens the rack to 40U.
    let k = &kim.workspace;
    k.place_device(
        at.rack,
        item(20),
        &server_request(Some(0), None),
        &kim.stamp(20),
    )
    .expect("kim U1");
    k.place_device(
        at.other,
        item(21),
        &server_request(Some(10), Some(asset)),
        &kim.stamp(21),
    )
    .expect("kim asset");
    k.place_device(
        at.rack,
        item(22),
        &server_request(Some(82), None),
        &kim.stamp(22),
    )
    .expect("kim U42");
    let l = &lee.workspace;
    l.place_device(
        at.rack,
        item(30),
        &server_request(Some(0), None),
        &lee.stamp(30),
    )
    .expect("lee U1");
    l.place_device(
        at.rack,
        item(31),
        &server_request(Some(20), Some(asset)),
        &lee.stamp(31),
    )
    .expect("lee asset");
    let mut shorter = RackSpec::standard(at.room, "A-R01");
    shorter.row = item(3).to_string();
    shorter.x = 2;
    shorter.height_u = 40;
    l.save_rack(at.rack, &shorter, &lee.stamp(32))
        .expect("lee shortens");

    kim.sync();
    lee.sync();
    kim.sync();
    let seen_by_kim = kim.workspace.rack_invariants();
    let seen_by_lee = lee.workspace.rack_invariants();
    assert_eq!(seen_by_kim, seen_by_lee, "both devices see the same breaks");
    assert_eq!(seen_by_kim.len(), 3, "{seen_by_kim:#?}");
    // Nothing was dropped: all five placements are there.
    let merged = kim.workspace.rack_view(at.rack).expect("merged");
    assert_eq!(merged.devices.len(), 4);
    assert_eq!(merged.rack.height_u, 40);

    for found in seen_by_kim {
        let resolution = match found {
            RackInvariant::Overlap { rack, second, .. } => Resolution::Park {
                rack,
                placement: second,
            },
            RackInvariant::PastTop {
                rack, placement, ..
            } => Resolution::Park { rack, placement },
            RackInvariant::AssetInTwoPlaces { asset, places } => Resolution::KeepAssetHere {
                asset,
                rack: places[0].rack,
                placement: places[0].placement.clone(),
            },
        };
        kim.workspace
            .resolve_rack_invariant(&resolution, &kim.stamp(40))
            .expect("resolved");
    }
    assert_eq!(kim.workspace.rack_invariants(), []);
    let parked = kim
        .workspace
        .rack_view(at.rack)
        .expect("view")
        .devices
        .iter()
        .filter(|d| d.placement.bottom_hu.is_none())
        .count();
    assert_eq!(
        parked, 2,
        "the overlapping and the too-high device wait in the parked list"
    );
    kim.sync();
    lee.sync();
    assert_eq!(lee.workspace.rack_invariants(), []);
    let location = lee
        .workspace
        .asset("PT1-SRV-0100")
        .expect("asset")
        .asset
        .location;
    assert!(["A-R01", "A-R02"].contains(&location.rack.as_str()));
    assert_eq!(lee.workspace.places().placements_of(asset).len(), 1);
}

#[test]
fn the_demo_fills_rows_of_racks_within_the_rules_and_hangs_register_assets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("demo", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let who = stamp(1_700_000_000_000);
    crate::demo::generate(
        &ws,
        &crate::demo::DemoOptions {
            assets: 1500,
            seed: 7,
        },
        &who,
    )
    .expect("assets");
    let options = super::demo::RackDemoOptions { racks: 25, seed: 7 };
    let summary = super::demo::generate_racks(&ws, &options, &who).expect("racks");
    assert_eq!(summary.racks, 25);
    assert!(summary.placements > 25 * 10, "{summary:?}");
    assert!(summary.with_assets > 50, "{summary:?}");
    assert_eq!(
        ws.rack_invariants(),
        [],
        "the demo breaks no placement rule"
    );
    // The asset demo's own rooms come first; the rack demo adds one of its own.
    let room = ws.room_view(summary.room_id).expect("room");
    assert_eq!(room.racks.len(), 25);
    assert_eq!(room.rows.len(), 2);
    assert!(room.budget.heat_kw > 10.0);
    // Every hung asset's location names the rack it hangs in.
    let places = ws.places();
    for rack in places.racks.values() {
        for placement in rack.placements.values() {
            if let Some(asset) = placement.asset {
                let row = ws.asset(&asset.to_string()).expect("asset");
                assert_eq!(row.asset.location.rack, rack.name);
                assert_eq!(row.asset.asset_tag, placement.label);
            }
        }
    }
    drop(places);
    // The same seed gives the same room in a fresh workspace.
    let again = store.create_workspace("demo 2", 1).expect("workspace");
    let ws2 = store.workspace(&again.id).expect("open");
    crate::demo::generate(
        &ws2,
        &crate::demo::DemoOptions {
            assets: 1500,
            seed: 7,
        },
        &who,
    )
    .expect("assets");
    let second = super::demo::generate_racks(&ws2, &options, &who).expect("racks");
    assert_eq!(second, summary);
}

#[test]
fn rack_projections_rebuild_from_their_documents() {
    let (_dir, _store, ws) = fresh_workspace();
    let at = layout(&ws, &stamp(10));
    ws.place_device(
        at.rack,
        item(20),
        &server_request(Some(4), None),
        &stamp(20),
    )
    .expect("placed");
    let before = ws.rack_view(at.rack).expect("view");
    // Damage one projection: a rebuild must bring it back from the document alone.
    ws.tree
        .apply({
            let mut batch = crate::store::kv::Batch::default();
            batch.put(
                format!("p/rack/{}", at.rack).into_bytes(),
                b"not postcard".to_vec(),
            );
            batch
        })
        .expect("damage");
    let rebuilt = ws.registry().rebuild(ws.tree.as_ref()).expect("rebuild");
    assert_eq!(
        rebuilt,
        4 + ws.asset_count(),
        "a site, a room, two racks and the assets"
    );
    let index =
        <super::index::PlaceIndex as crate::record::Index>::load(ws.tree.as_ref()).expect("loads");
    assert_eq!(index.racks[&at.rack].placements.len(), 1);
    assert_eq!(index.racks[&at.rack], {
        let mut rack = before.rack.clone();
        rack.placements = ws.places().racks[&at.rack].placements.clone();
        rack
    });
}

#[test]
fn a_placement_photo_is_stored_once_and_reaches_the_other_device() {
    let hub = server();
    let mut kim = device(&hub, "kim");
    let mut lee = device(&hub, "lee");
    let at = layout(&kim.workspace, &kim.stamp(10));
    let id = item(20).to_string();
    kim.workspace
        .place_device(
            at.rack,
            item(20),
            &server_request(Some(0), None),
            &kim.stamp(20),
        )
        .expect("placed");
    let photo = b"\x89PNG fake bytes of a photo of the rails".to_vec();
    let rack = kim
        .workspace
        .add_placement_photo(at.rack, &id, &photo, &kim.stamp(21))
        .expect("photo");
    let sha = rack.placements[&id].photos[0].clone();
    // The same photo twice is one entry.
    let rack = kim
        .workspace
        .add_placement_photo(at.rack, &id, &photo, &kim.stamp(22))
        .expect("again");
    assert_eq!(rack.placements[&id].photos, std::slice::from_ref(&sha));
    assert!(matches!(
        kim.workspace
            .add_placement_photo(at.rack, &id, &[], &kim.stamp(23)),
        Err(RackError::Invalid(_))
    ));
    kim.sync();
    lee.sync();
    let seen = lee.workspace.rack_view(at.rack).expect("synced rack");
    assert_eq!(seen.devices[0].placement.photos, std::slice::from_ref(&sha));
    assert_eq!(lee.workspace.blob(&sha).expect("read"), Some(photo));
}

#[test]
fn an_added_device_type_takes_front_and_rear_images_and_they_sync() {
    let hub = server();
    let mut kim = device(&hub, "kim");
    let mut lee = device(&hub, "lee");
    let inputs = parse_yaml("- {manufacturer: Acme, model: Edge-1, u_height: 2}\n").expect("yaml");
    let added = kim
        .workspace
        .import_device_types(&inputs, &[DeviceTypeId(ulid::Ulid(70))], &kim.stamp(1))
        .expect("imported");
    let key = added[0].key.clone();
    let front = b"front panel photo".to_vec();
    let device = kim
        .workspace
        .set_device_type_image(&key, Face::Front, &front, &kim.stamp(2))
        .expect("front image");
    let sha = device.front_image.clone().expect("set");
    assert_eq!(device.rear_image, None);
    let refused = kim.workspace.set_device_type_image(
        "builtin:dell-poweredge-r650",
        Face::Front,
        &front,
        &kim.stamp(3),
    );
    assert!(matches!(refused, Err(RackError::BuiltinType { .. })));
    kim.sync();
    lee.sync();
    let seen = lee.workspace.device_type(&key).expect("synced type");
    assert_eq!(seen.front_image.as_deref(), Some(sha.as_str()));
    assert_eq!(lee.workspace.blob(&sha).expect("read"), Some(front));
}

#[test]
fn aisles_must_lie_on_the_floor_grid() {
    use super::model::{Aisle, AisleKind};
    let (_dir, _store, ws) = fresh_workspace();
    let at = layout(&ws, &stamp(10));
    let aisle = |kind, along_x, index| Aisle {
        kind,
        along_x,
        index,
    };
    // The room is 20 columns by 12 rows.
    let room = ws
        .set_aisles(
            at.room,
            vec![
                aisle(AisleKind::Cold, true, 11),
                aisle(AisleKind::Hot, false, 19),
            ],
            &stamp(11),
        )
        .expect("inside the grid");
    assert_eq!(room.aisles.len(), 2);
    let refused = ws.set_aisles(at.room, vec![aisle(AisleKind::Hot, true, 12)], &stamp(12));
    assert!(matches!(refused, Err(RackError::Invalid(ref e)) if e[0].field == "aisles"));
    assert_eq!(ws.room_view(at.room).expect("room").room.aisles.len(), 2);
}

#[test]
fn an_asset_out_of_service_is_not_placed() {
    let (_dir, _store, ws) = fresh_workspace();
    let at = layout(&ws, &stamp(10));
    for (n, tag, status) in [
        (100, "PT1-SRV-0100", "retiring"),
        (101, "PT1-SRV-0101", "missing"),
    ] {
        let asset = register(&ws, n, tag);
        ws.edit_asset(
            asset,
            &crate::assets::AssetInput {
                status: Some(status.into()),
                ..crate::assets::AssetInput::default()
            },
            &stamp(11),
        )
        .expect("status");
        let refused = ws.place_device(
            at.rack,
            item(n),
            &server_request(Some(0), Some(asset)),
            &stamp(20),
        );
        let Err(RackError::Refused(problems)) = refused else {
            panic!("placed a {status} asset: {refused:?}");
        };
        assert_eq!(
            problems,
            vec![PlacementProblem::AssetOutOfService {
                tag: tag.into(),
                status: status.into(),
            }]
        );
        assert!(ws.rack_view(at.rack).expect("rack").devices.is_empty());
    }
    assert!(crate::assets::AssetStatus::Maintenance.placeable());
    assert!(!crate::assets::AssetStatus::Disposed.placeable());
}
