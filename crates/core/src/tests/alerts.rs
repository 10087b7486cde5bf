//! One alert list from every area's source, and desktop notifications de-duplicated in core:
//! each alert is notified once on this device, again only after it went away and came back.

use crate::alerts::Alert;
use crate::cables::model::{CableKind, LengthUnit, PortRole};
use crate::cables::ops::CableDraft;
use crate::cables::testing::TestInput;
use crate::ids::{CableId, ItemId};
use crate::lifecycle::{AssignInput, Step};
use crate::testkit::{end, fresh_workspace, plant, register, server_request, stamp};

fn sources(alerts: &[Alert]) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = alerts
        .iter()
        .map(|a| (a.source.clone(), a.kind.clone()))
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_areas_alerts_come_in_one_list_and_each_is_notified_once() {
    let (_dir, store, ws) = fresh_workspace();
    let who = stamp(1);
    // cables: a cable that failed its test.
    let rack = plant(&ws, &who);
    let draft = CableDraft {
        a: end(rack, 10, PortRole::Interface, "eno1"),
        b: end(rack, 11, PortRole::Front, "1"),
        kind: CableKind::Cat6a,
        colour: String::new(),
        length: Some(2.0),
        length_unit: LengthUnit::Metres,
        label: String::new(),
    };
    let cable = ws
        .add_cable(CableId(ulid::Ulid(100)), &draft, &who)
        .expect("cable");
    let failed = TestInput {
        passed: false,
        tester: "박지훈".into(),
        at_ms: Some(5_000),
        measured_length_m: None,
        loss_db: None,
    };
    ws.record_cable_test(cable.id, &failed, None, &who)
        .expect("test");
    // racks: more servers than one feed of an A/B pair can carry.
    for n in 0..8u32 {
        ws.place_device(
            rack,
            ItemId(ulid::Ulid(500 + u128::from(n))),
            &server_request(Some(4 + n * 2), None),
            &who,
        )
        .expect("placed");
    }
    // lifecycle: a laptop not returned when it was due.
    register(&ws, 1, "PT1-LT-0001");
    let input = AssignInput {
        kind: "person".into(),
        assignee: "이서연".into(),
        from: String::new(),
        due: "2026-12-20".into(),
        note: String::new(),
    };
    ws.life_step(
        "PT1-LT-0001",
        Step::Assign(&input),
        ulid::Ulid(900),
        &crate::assets::Date("2026-12-06".into()),
        &who,
    )
    .expect("assigned");

    let alerts = ws.alerts("2026-12-23");
    assert_eq!(
        sources(&alerts),
        vec![
            ("cables".into(), "test_failed".into()),
            ("lifecycle".into(), "return_overdue".into()),
            // The room has no cooling unit at all.
            ("racks".into(), "cooling_over_capacity".into()),
            ("racks".into(), "no_failover".into()),
        ],
        "{alerts:#?}"
    );
    let overdue = &alerts[0];
    assert_eq!(
        (
            overdue.title.as_str(),
            overdue.subject.as_str(),
            overdue.days_overdue
        ),
        ("PT1-LT-0001", "이서연", 3),
        "the most overdue first"
    );
    let rack_alert = alerts
        .iter()
        .find(|a| a.kind == "no_failover")
        .expect("racks");
    assert_eq!(rack_alert.record, format!("rack/{rack}"));
    assert_eq!(rack_alert.title, "A-R01");
    assert!(
        rack_alert.values.contains_key("max_draw_w"),
        "{rack_alert:?}"
    );
    let cable_alert = alerts
        .iter()
        .find(|a| a.source == "cables")
        .expect("cables");
    assert_eq!(
        (cable_alert.record.as_str(), cable_alert.subject.as_str()),
        (format!("cable/{}", cable.id).as_str(), "박지훈")
    );

    // Notified once: the next look finds nothing new; a day later the same alerts are the
    // same alerts.
    let first = store.alerts_to_notify(&ws, "2026-12-23").expect("notify");
    assert_eq!(first.len(), alerts.len());
    assert!(store
        .alerts_to_notify(&ws, "2026-12-23")
        .expect("again")
        .is_empty());
    assert!(store
        .alerts_to_notify(&ws, "2026-12-24")
        .expect("next day")
        .is_empty());

    // The cable passes a new test: its alert goes; failing again makes a new one.
    let passed = TestInput {
        passed: true,
        at_ms: Some(6_000),
        ..failed.clone()
    };
    ws.record_cable_test(cable.id, &passed, None, &who)
        .expect("passed");
    assert!(ws.alerts("2026-12-24").iter().all(|a| a.source != "cables"));
    let again = TestInput {
        at_ms: Some(7_000),
        ..failed
    };
    ws.record_cable_test(cable.id, &again, None, &who)
        .expect("failed again");
    let fresh = store.alerts_to_notify(&ws, "2026-12-24").expect("fresh");
    assert_eq!(
        sources(&fresh),
        vec![("cables".into(), "test_failed".into())]
    );
}
