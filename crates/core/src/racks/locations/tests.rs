//! Locations as real places: the upkeep of locations a store of this version holds as free
//! text (written here through the register's own write, which does not resolve places, as
//! every version before this one wrote them), from a reopened store and from sync; the form's
//! and the CLI's resolution; CSV imports.

use std::collections::BTreeMap;

use super::*;
use crate::assets::{AssetInput, AssetQuery, AssetRow};
use crate::csv_file::CsvOptions;
use crate::store::Store;
use crate::testkit::{device, fresh_workspace, layout, server, stamp};

fn located(tag: &str, site: &str, room: &str, row: &str, rack: &str, unit: &str) -> AssetInput {
    let some = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    AssetInput {
        asset_tag: Some(tag.into()),
        asset_type: Some("server".into()),
        status: Some("in_use".into()),
        site: some(site),
        room: some(room),
        row: some(row),
        rack: some(rack),
        unit: some(unit),
        ..AssetInput::default()
    }
}

fn rows(ws: &Workspace) -> BTreeMap<String, AssetRow> {
    ws.query_assets(&AssetQuery {
        limit: 10_000,
        ..AssetQuery::default()
    })
    .rows
    .into_iter()
    .map(|row| (row.asset.asset_tag.clone(), row))
    .collect()
}

/// Every place as `kind site / room / rack (height)`, sorted.
fn places(ws: &Workspace) -> Vec<String> {
    let index = ws.places();
    let mut all = Vec::new();
    for site in index.sites.values() {
        all.push(format!("site {}", site.name));
    }
    for room in index.rooms.values() {
        let site = &index.sites[&room.site].name;
        let mut rows: Vec<&str> = room.rack_rows.values().map(|r| r.name.as_str()).collect();
        rows.sort();
        all.push(format!("room {site} / {} rows {rows:?}", room.name));
    }
    for rack in index.racks.values() {
        let room = &index.rooms[&rack.room];
        let (_, _, row) = index.rack_location(rack);
        all.push(format!(
            "rack {} / {} / {} {}U row '{row}'",
            index.sites[&room.site].name, room.name, rack.name, rack.height_u
        ));
    }
    all.sort();
    all
}

/// What an older version's store holds: a floor (평택 1센터 / 전산실 A / A-R01, A-R02, 42U)
/// and assets whose locations name it, name places it lacks, or cannot name places at all.
fn older_store_assets(ws: &Workspace) {
    let who = stamp(1);
    layout(ws, &who);
    let assets = [
        located("IN-RACK", "평택 1센터", "전산실 A", "A열", "A-R01", "10"),
        // A room, its row and a rack that do not exist, in a site that does.
        located("NEW-RACK", "평택 1센터", "전산실 B", "B열", "B-R01", "44"),
        located("SAME-RACK", "평택 1센터", "전산실 b", "B열", "b-r01", "5"),
        // A site alone, and a site and room, none of which exist.
        located("SITE-ONLY", "부산", "", "", "", ""),
        located("SITE-ROOM", "부산", "2층", "", "", ""),
        // No place can be made for these: listed for review.
        located("NO-ROOM", "", "", "", "X-R09", ""),
        located("PAST-TOP", "평택 1센터", "전산실 A", "A열", "A-R02", "50"),
        located("NOWHERE", "", "", "", "", ""),
    ];
    for (n, input) in assets.iter().enumerate() {
        ws.register_asset(AssetId(ulid::Ulid(100 + n as u128)), input, &who)
            .expect("an older version writes any location");
    }
}

#[test]
fn a_reopened_store_gets_the_places_its_locations_name_and_keeps_every_asset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (id, before, places_before) = {
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("build", 1).expect("workspace");
        let ws = store.workspace(&meta.id).expect("open");
        older_store_assets(&ws);
        (meta.id, rows(&ws), places(&ws))
    };
    assert_eq!(places_before.len(), 4, "{places_before:#?}");

    let store = Store::open(dir.path()).expect("reopen");
    let ws = store.workspace(&id).expect("open");
    assert_eq!(
        places(&ws),
        vec![
            "rack 평택 1센터 / 전산실 A / A-R01 42U row 'A열'",
            "rack 평택 1센터 / 전산실 A / A-R02 42U row 'A열'",
            "rack 평택 1센터 / 전산실 B / B-R01 44U row 'B열'",
            "room 부산 / 2층 rows []",
            "room 평택 1센터 / 전산실 A rows [\"A열\"]",
            "room 평택 1센터 / 전산실 B rows [\"B열\"]",
            "site 부산",
            "site 평택 1센터",
        ]
    );
    // Nothing of any asset changed: not its location, not its row, not its history.
    assert_eq!(rows(&ws), before);
    let review = ws.location_review().expect("review");
    let made: Vec<&str> = review.made.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        made,
        [
            "평택 1센터 / 전산실 B",
            "평택 1센터 / 전산실 B / B-R01",
            "부산",
            "부산 / 2층",
        ]
    );
    let unresolved: Vec<(String, Vec<String>)> = review
        .unresolved
        .iter()
        .map(|u| {
            (
                u.asset_tag.clone(),
                u.problems.iter().map(|p| p.code.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        unresolved,
        [
            ("NO-ROOM".to_owned(), vec!["needs_room".to_owned()]),
            ("PAST-TOP".to_owned(), vec!["unit_outside_rack".to_owned()]),
        ]
    );
    let past_top = &review.unresolved[1].problems[0];
    assert_eq!(past_top.detail["rack"], "A-R02");
    assert_eq!(past_top.detail["last"], "42");
    // Each is a finding in the inbox, to be fixed in the asset's form.
    let in_inbox: Vec<String> = ws
        .findings()
        .expect("findings")
        .into_iter()
        .filter_map(|finding| match finding {
            crate::findings::Finding::Location { unresolved } => Some(unresolved.asset_tag),
            _ => None,
        })
        .collect();
    assert_eq!(in_inbox, ["NO-ROOM", "PAST-TOP"]);

    // Idempotent: opening again makes nothing and changes no place document.
    let heads = |ws: &Workspace| -> Vec<(String, usize)> {
        let mut all: Vec<(String, usize)> = ["site", "room", "rack"]
            .iter()
            .flat_map(|kind| {
                crate::store::docs::doc_ids_of_kind(ws.tree.as_ref(), kind).expect("ids")
            })
            .map(|doc_id| {
                let mut stored = crate::store::docs::load(ws.tree.as_ref(), &doc_id)
                    .expect("load")
                    .expect("there");
                let changes = stored.doc.get_changes(&[]).len();
                (doc_id, changes)
            })
            .collect();
        all.sort();
        all
    };
    let first = heads(&ws);
    drop(ws);
    drop(store);
    let store = Store::open(dir.path()).expect("open a third time");
    let ws = store.workspace(&id).expect("open");
    assert_eq!(heads(&ws), first);
    assert_eq!(rows(&ws), before);
    assert_eq!(ws.location_review().expect("review").made.len(), 4);
}

#[test]
fn places_two_devices_make_from_one_older_location_merge_into_one_record() {
    let server = server();
    let older = device(&server, "older");
    let one = device(&server, "one");
    let two = device(&server, "two");
    // Two devices of an older version each wrote the same free-text location offline.
    for (n, ws) in [(1, &one), (2, &two)] {
        ws.workspace
            .register_asset(
                AssetId(ulid::Ulid(n)),
                &located(&format!("T-{n}"), "평택", "A동", "A열", "A-R07", "12"),
                &ws.stamp(n as i64),
            )
            .expect("older write");
        // Each updated and opened its store: the upkeep made the places on its own.
        let made = ws.workspace.make_places_of_locations().expect("made");
        assert_eq!(made.len(), 3);
    }
    let mut devices = [older, one, two];
    for _ in 0..2 {
        for device in &mut devices {
            device.sync();
        }
    }
    for device in &devices {
        let ws = &device.workspace;
        assert_eq!(
            places(ws),
            vec![
                "rack 평택 / A동 / A-R07 42U row 'A열'",
                "room 평택 / A동 rows [\"A열\"]",
                "site 평택",
            ]
        );
        assert!(ws.findings().expect("findings").is_empty());
        // The same change on both devices: one change per place, not two to merge.
        for kind in ["site", "room", "rack"] {
            for doc_id in crate::store::docs::doc_ids_of_kind(ws.tree.as_ref(), kind).expect("ids")
            {
                let mut stored = crate::store::docs::load(ws.tree.as_ref(), &doc_id)
                    .expect("load")
                    .expect("there");
                assert_eq!(stored.doc.get_changes(&[]).len(), 1, "{doc_id}");
            }
        }
    }
}

#[test]
fn a_location_an_older_device_syncs_gets_its_places_on_the_device_that_pulls_it() {
    let server = server();
    let mut older = device(&server, "older");
    let mut newer = device(&server, "newer");
    older
        .workspace
        .register_asset(
            AssetId(ulid::Ulid(7)),
            &located("OLD-1", "평택", "A동", "", "A-R03", "40"),
            &older.stamp(7),
        )
        .expect("older write");
    older.sync();
    newer.sync();
    let expected = vec![
        "rack 평택 / A동 / A-R03 42U row ''",
        "room 평택 / A동 rows []",
        "site 평택",
    ];
    assert_eq!(places(&newer.workspace), expected);
    assert_eq!(rows(&newer.workspace)["OLD-1"].asset.location.rack, "A-R03");
    // The places went back to the server in the same pass; the older device gets them.
    older.sync();
    assert_eq!(places(&older.workspace), expected);
}

#[test]
fn the_form_picks_only_places_and_a_unit_inside_the_rack() {
    let (_dir, _store, ws) = fresh_workspace();
    let who = stamp(1);
    let floor = layout(&ws, &who);
    let id = AssetId(ulid::Ulid(50));
    let refused = ws
        .register_asset_at(
            id,
            &located("F-1", "평택 1센터", "전산실 A", "", "A-R09", "3"),
            NewPlaces::Refuse,
            &who,
        )
        .expect_err("no such rack");
    let AssetError::Invalid(problems) = refused else {
        panic!("refused as invalid")
    };
    assert_eq!(problems[0].code, "unknown_rack");
    assert_eq!(problems[0].field, "rack");

    let refused = ws
        .register_asset_at(
            id,
            &located("F-1", "평택 1센터", "전산실 A", "", "A-R01", "43"),
            NewPlaces::Refuse,
            &who,
        )
        .expect_err("past the top");
    let AssetError::Invalid(problems) = refused else {
        panic!("refused as invalid")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "unit_outside_rack");
    assert_eq!(problems[0].field, "unit");
    assert_eq!(problems[0].detail["first"], "1");
    assert_eq!(problems[0].detail["last"], "42");
    assert!(ws.asset("F-1").is_err(), "nothing written");

    // Typed in other case and without its row: saved in the places' own names, row and all.
    let saved = ws
        .register_asset_at(
            id,
            &located("F-1", "평택 1센터", "전산실 a", "", "a-r01", "42"),
            NewPlaces::Refuse,
            &who,
        )
        .expect("saved");
    assert!(saved.made.is_empty());
    let location = &saved.row.asset.location;
    assert_eq!(
        (
            location.room.as_str(),
            location.row.as_str(),
            location.rack.as_str(),
            location.unit
        ),
        ("전산실 A", "A열", "A-R01", Some(42))
    );

    // Placed in a rack, its rack and unit are the placement's.
    let placed = crate::testkit::register(&ws, 51, "P-1");
    ws.place_device(
        floor.rack,
        crate::testkit::item(60),
        &crate::testkit::server_request(Some(0), Some(placed)),
        &who,
    )
    .expect("placed");
    let refused = ws
        .edit_asset_at(
            placed,
            &AssetInput {
                rack: Some("A-R02".into()),
                ..AssetInput::default()
            },
            NewPlaces::Refuse,
            &who,
        )
        .expect_err("moved in words");
    let AssetError::Invalid(problems) = refused else {
        panic!("refused as invalid")
    };
    assert_eq!(problems[0].code, "placed_in_rack");
    assert_eq!(problems[0].detail["rack"], "A-R01");
    // Its other fields still edit.
    let edited = ws
        .edit_asset_at(
            placed,
            &AssetInput {
                owner: Some("인프라팀".into()),
                ..AssetInput::default()
            },
            NewPlaces::Refuse,
            &who,
        )
        .expect("edited");
    assert_eq!(edited.row.asset.location.rack, "A-R01");
}

#[test]
fn a_csv_import_makes_the_places_its_rows_name_and_lists_them() {
    let (_dir, _store, ws) = fresh_workspace();
    let who = stamp(1);
    layout(&ws, &who);
    let csv = "asset_tag,asset_type,status,site,room,row,rack,unit\n\
               C-1,server,in_use,평택 1센터,전산실 A,,A-R01,7\n\
               C-2,server,in_use,평택 1센터,전산실 C,C열,C-R01,20\n\
               C-3,server,in_use,평택 1센터,전산실 C,C열,C-R01,21\n";
    let preview = ws.preview_import(csv.as_bytes(), CsvOptions::default());
    assert!(preview.can_import(), "{:?}", preview.rejected);
    assert_eq!(
        preview.new_places,
        ["평택 1센터 / 전산실 C", "평택 1센터 / 전산실 C / C-R01"]
    );
    assert_eq!(places(&ws).len(), 4, "a preview makes nothing");

    let bad = "asset_tag,asset_type,status,site,room,rack,unit\n\
               C-9,server,in_use,평택 1센터,전산실 A,A-R01,43\n\
               C-10,server,in_use,,,X-R01,\n";
    let refused = ws.preview_import(bad.as_bytes(), CsvOptions::default());
    let codes: Vec<(Option<u32>, &str)> = refused
        .rejected
        .iter()
        .flat_map(|row| row.errors.iter().map(|p| (p.line, p.code.as_str())))
        .collect();
    assert_eq!(
        codes,
        [(Some(2), "unit_outside_rack"), (Some(3), "needs_room")]
    );

    let mut n = 200;
    let imported = ws
        .import_assets(csv.as_bytes(), CsvOptions::default(), &who, || {
            n += 1;
            AssetId(ulid::Ulid(n))
        })
        .expect("imported");
    assert_eq!(imported.len(), 3);
    assert_eq!(imported[0].asset.location.row, "A열");
    assert!(places(&ws).contains(&"rack 평택 1센터 / 전산실 C / C-R01 42U row 'C열'".to_owned()));
}

#[test]
fn a_renamed_place_renames_it_in_its_assets_locations_and_no_old_name_comes_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let who = stamp(1);
    let id = {
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("build", 1).expect("workspace");
        let ws = store.workspace(&meta.id).expect("open");
        let floor = layout(&ws, &who);
        ws.register_asset_at(
            AssetId(ulid::Ulid(70)),
            &located("R-1", "평택 1센터", "전산실 A", "", "A-R02", "9"),
            NewPlaces::Refuse,
            &who,
        )
        .expect("saved");
        let mut spec = crate::racks::RackSpec::standard(floor.room, "A-R12");
        spec.x = 3;
        ws.save_rack(floor.other, &spec, &who)
            .expect("renamed rack");
        ws.save_room(
            floor.room,
            &crate::racks::RoomInput {
                site: SiteId(ulid::Ulid(1)),
                name: "전산실 가".into(),
                columns: 20,
                rows: 12,
                tile_mm: 600,
            },
            &who,
        )
        .expect("renamed room");
        ws.save_site(
            SiteId(ulid::Ulid(1)),
            &crate::racks::SiteInput {
                name: "평택 2센터".into(),
                code: "PT2".into(),
                address: String::new(),
            },
            &who,
        )
        .expect("renamed site");
        meta.id
    };
    let store = Store::open(dir.path()).expect("reopen");
    let ws = store.workspace(&id).expect("open");
    let location = rows(&ws)["R-1"].asset.location.clone();
    assert_eq!(
        (
            location.site.as_str(),
            location.room.as_str(),
            location.row.as_str(),
            location.rack.as_str(),
            location.unit
        ),
        ("평택 2센터", "전산실 가", "", "A-R12", Some(9))
    );
    assert_eq!(places(&ws).len(), 4, "{:#?}", places(&ws));
    assert!(ws.location_review().expect("review").made.is_empty());
}
