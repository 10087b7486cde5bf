//! The global search over every area's source: ranked by how the name matches, records found
//! by other fields after those found by name, kept in step with writes.

use crate::cables::model::{CableKind, LengthUnit, PortRole};
use crate::cables::ops::CableDraft;
use crate::ids::{CableId, ItemId};
use crate::lifecycle::{AssignInput, Step};
use crate::search::SearchHit;
use crate::testkit::{end, fresh_workspace, plant, register, server_request, stamp};

fn titles(hits: &[SearchHit]) -> Vec<(&str, &str)> {
    hits.iter()
        .map(|hit| (hit.kind.as_str(), hit.title.as_str()))
        .collect()
}

#[test]
fn one_search_finds_every_kind_best_match_first() {
    let (_dir, _store, ws) = fresh_workspace();
    let who = stamp(1);
    let rack = plant(&ws, &who);
    let placed = register(&ws, 20, "PT1-SRV-0001");
    ws.place_device(
        rack,
        ItemId(ulid::Ulid(30)),
        &server_request(Some(20), Some(placed)),
        &who,
    )
    .expect("placed");
    register(&ws, 21, "PT1-SRV-0002");
    let draft = CableDraft {
        a: end(rack, 10, PortRole::Interface, "eno1"),
        b: end(rack, 11, PortRole::Front, "1"),
        kind: CableKind::Cat6a,
        colour: String::new(),
        length: Some(2.0),
        length_unit: LengthUnit::Metres,
        label: "C-0042".into(),
    };
    let cable = ws
        .add_cable(CableId(ulid::Ulid(100)), &draft, &who)
        .expect("cable");
    let input = AssignInput {
        kind: "person".into(),
        assignee: "이서연".into(),
        from: String::new(),
        due: String::new(),
        note: String::new(),
    };
    ws.life_step(
        "PT1-SRV-0002",
        Step::Assign(&input),
        ulid::Ulid(900),
        &crate::assets::Date("2026-12-06".into()),
        &who,
    )
    .expect("assigned");

    // The rack by its name first; then what is found by the rack's name elsewhere: the asset
    // hanging in it (its location) and the cable with ends in it.
    let found = ws.search("a-r01", 50);
    let kinds = titles(&found.hits);
    assert_eq!(kinds[0], ("rack", "A-R01"), "{kinds:?}");
    assert_eq!(found.hits[0].record, format!("rack/{rack}"));
    assert_eq!(found.hits[0].detail, "평택 · A");
    assert!(kinds.contains(&("asset", "PT1-SRV-0001")), "{kinds:?}");
    assert!(kinds.contains(&("cable", "C-0042")), "{kinds:?}");
    assert!(!kinds.contains(&("asset", "PT1-SRV-0002")), "{kinds:?}");
    assert_eq!(found.total as usize, found.hits.len());

    // A prefix of tags: both assets in natural order, the placed one with where it is.
    let assets = ws.search("pt1-srv", 50);
    assert_eq!(
        titles(&assets.hits),
        vec![("asset", "PT1-SRV-0001"), ("asset", "PT1-SRV-0002")]
    );
    assert_eq!(assets.hits[0].record, format!("asset/{placed}"));
    assert!(
        assets.hits[0].detail.contains("A-R01 U"),
        "{:?}",
        assets.hits[0]
    );

    // Words in any order, each somewhere in the record.
    let cables = ws.search("eno1 c-0042", 50);
    assert_eq!(titles(&cables.hits), vec![("cable", "C-0042")]);
    assert_eq!(cables.hits[0].record, format!("cable/{}", cable.id));
    assert!(
        cables.hits[0].detail.contains("eno1"),
        "{:?}",
        cables.hits[0]
    );

    // People by name, with what they hold now.
    let people = ws.search("서연", 50);
    assert_eq!(titles(&people.hits), vec![("person", "이서연")]);
    assert_eq!(people.hits[0].record, "person/이서연");
    assert_eq!(people.hits[0].detail, "PT1-SRV-0002");

    // Maintenance plans by name and vendor.
    let plan = crate::lifecycle::plans::PlanInput {
        name: "서버 분기 점검".into(),
        asset_type: "server".into(),
        kind: "preventive".into(),
        every: 3,
        unit: "months".into(),
        start: "2026-01-31".into(),
        remind_days: 14,
        vendor: "델 테크놀로지스".into(),
        ..Default::default()
    };
    let plan = ws
        .add_maintenance_plan(ulid::Ulid(950), &plan, &who)
        .expect("plan");
    let plans = ws.search("테크놀로지스 점검", 50);
    assert_eq!(titles(&plans.hits), vec![("maintplan", "서버 분기 점검")]);
    assert_eq!(plans.hits[0].record, format!("maintplan/{}", plan.id));

    // Sites and rooms are found too.
    assert_eq!(titles(&ws.search("평택", 50).hits)[0], ("site", "평택"));

    // Every hit but a person is a record of a registered kind.
    for hit in ws.search("a", 500).hits {
        assert!(
            hit.kind == "person" || ws.registry().knows(&hit.record),
            "{hit:?}"
        );
        assert!(hit.record.starts_with(&format!("{}/", hit.kind)), "{hit:?}");
    }

    // Nothing for nothing typed or nothing matching.
    assert_eq!(ws.search("  ", 50).hits, vec![]);
    assert_eq!(ws.search("없는것", 50).total, 0);

    // The limit keeps the best and says how many matched.
    let limited = ws.search("pt1", 1);
    assert_eq!(titles(&limited.hits), vec![("asset", "PT1-SRV-0001")]);
    assert_eq!(limited.total, 2);

    // What is written is found at once.
    register(&ws, 22, "PT1-SRV-0003");
    assert_eq!(
        titles(&ws.search("pt1-srv-0003", 50).hits),
        vec![("asset", "PT1-SRV-0003")]
    );
}

#[test]
fn an_asset_links_to_the_rack_it_hangs_in_or_the_places_its_location_names() {
    let (_dir, _store, ws) = fresh_workspace();
    let who = stamp(1);
    let rack = plant(&ws, &who);
    let placed = register(&ws, 20, "PT1-SRV-0001");
    ws.place_device(
        rack,
        ItemId(ulid::Ulid(30)),
        &server_request(Some(20), Some(placed)),
        &who,
    )
    .expect("placed");
    let place = ws.asset_place("PT1-SRV-0001").expect("asset");
    assert_eq!(place.rack, Some(rack));
    assert_eq!(place.placement, Some(ItemId(ulid::Ulid(30)).to_string()));
    assert_eq!(place.room, Some(crate::ids::RoomId(ulid::Ulid(2))));
    assert_eq!(place.site, Some(crate::ids::SiteId(ulid::Ulid(1))));

    register(&ws, 21, "PT1-SRV-0002");
    let nowhere = ws.asset_place("PT1-SRV-0002").expect("asset");
    assert_eq!(nowhere, crate::racks::index::AssetPlaces::default());
    assert!(ws.asset_place("PT1-NONE").is_err());
}
