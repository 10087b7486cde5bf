//! Cables on real stores: add with a generated label, refusals, reopen, trace through a patch
//! panel, CSV import all or nothing, and two devices cabling one port offline.

use super::*;
use crate::cables::model::PortRole;
use crate::cables::testing::TestInput;
use crate::ids::ItemId;
use crate::store::Store;
use crate::testkit::{device, end, plant, server, stamp};

fn draft(a: CableEnd, b: CableEnd, kind: CableKind) -> CableDraft {
    CableDraft {
        a,
        b,
        kind,
        colour: "파랑".into(),
        length: Some(3.0),
        length_unit: LengthUnit::Metres,
        label: String::new(),
    }
}

#[test]
fn a_cable_gets_its_label_is_refused_when_it_breaks_a_rule_and_traces_through_a_panel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (workspace_id, rack) = {
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("build", 1).expect("workspace");
        let ws = store.workspace(&meta.id).expect("open");
        let rack = plant(&ws, &stamp(1));
        let first = ws
            .add_cable(
                CableId(ulid::Ulid(100)),
                &draft(
                    end(rack, 10, PortRole::Interface, "eno1"),
                    end(rack, 11, PortRole::Front, "1"),
                    CableKind::Cat6a,
                ),
                &stamp(2),
            )
            .expect("added");
        assert_eq!(first.label, "A-R01-U1-eno1/A-R01-U42-1");
        let refused = ws.add_cable(
            CableId(ulid::Ulid(101)),
            &draft(
                end(rack, 11, PortRole::Front, "1"),
                end(rack, 12, PortRole::Interface, "Ethernet1"),
                CableKind::Om4,
            ),
            &stamp(3),
        );
        let Err(CableError::Refused(problems)) = refused else {
            panic!("refused: {refused:?}")
        };
        // OM4 fits the switch's SFP28 cage (through an optic), not the panel's RJ-45 jack.
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(matches!(problems[0], CableProblem::KindDoesNotFit { .. }));
        assert!(
            matches!(&problems[1], CableProblem::PortTaken { label, .. } if label == &first.label)
        );
        ws.add_cable(
            CableId(ulid::Ulid(102)),
            &draft(
                end(rack, 11, PortRole::Rear, "1"),
                end(rack, 12, PortRole::Interface, "Ethernet1"),
                CableKind::Dac,
            ),
            &stamp(4),
        )
        .expect_err("a DAC does not fit the panel's RJ-45 rear port");
        (meta.id, rack)
    };
    // Reopened: the cable index comes back from the projections.
    let store = Store::open(dir.path()).expect("reopen");
    let ws = store.workspace(&workspace_id).expect("open");
    assert_eq!(ws.cables().len(), 1);
    ws.add_cable(
        CableId(ulid::Ulid(103)),
        &draft(
            end(rack, 11, PortRole::Rear, "1"),
            end(rack, 11, PortRole::Rear, "2"),
            CableKind::Cat6a,
        ),
        &stamp(5),
    )
    .expect("a rear-to-rear jumper");
    let path = ws.cable_trace(&end(rack, 10, PortRole::Interface, "eno1"));
    assert_eq!(path.hops.len(), 2, "{path:#?}");
    assert_eq!(path.ends_at, end(rack, 11, PortRole::Front, "2"));
    let map = ws.device_port_map(rack, &ItemId(ulid::Ulid(11)).to_string());
    assert_eq!(map.len(), 3, "front 1, rear 1 and rear 2 are cabled");
}

#[test]
fn a_csv_import_is_all_or_nothing_and_names_each_bad_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("build", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    plant(&ws, &stamp(1));
    let header = "side_a_device,side_a_name,side_b_device,side_b_name,type,color,length,length_unit,label,status\n";
    let mut n = 200u128;
    let mut ids = || {
        n += 1;
        CableId(ulid::Ulid(n))
    };
    let bad = format!(
        "{header}web-01,eno1,pp-1,front:1,cat6a,blue,2,m,,planned\n\
         web-01,eno2,pp-1,front:1,cat6a,blue,2,m,,planned\n"
    );
    let Err(CableError::RefusedRows(refused)) =
        ws.import_cables_csv(bad.as_bytes(), CsvOptions::default(), &mut ids, &stamp(2))
    else {
        panic!("the second row takes a port the first one uses");
    };
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].0, 3);
    assert!(ws.cables().is_empty(), "nothing was written");
    let good = format!(
        "{header}web-01,eno1,pp-1,front:1,cat6a,blue,2,m,,planned\n\
         web-01,ens1f0,tor-1,Ethernet1,dac-passive,black,1,m,DAC-01,connected\n"
    );
    let added = ws
        .import_cables_csv(good.as_bytes(), CsvOptions::default(), &mut ids, &stamp(3))
        .expect("imported");
    assert_eq!(added.len(), 2);
    assert_eq!(added[1].status, CableStatus::Installed);
    assert_eq!(ws.cables().len(), 2);
}

#[test]
fn two_devices_cabling_one_port_offline_both_keep_their_cable_and_see_the_break() {
    let hub = server();
    let mut kim = device(&hub, "kim");
    let mut lee = device(&hub, "lee");
    let rack = plant(&kim.workspace, &kim.stamp(1));
    kim.sync();
    lee.sync();
    kim.workspace
        .add_cable(
            CableId(ulid::Ulid(300)),
            &draft(
                end(rack, 10, PortRole::Interface, "eno1"),
                end(rack, 11, PortRole::Front, "7"),
                CableKind::Cat6a,
            ),
            &kim.stamp(2),
        )
        .expect("kim's cable");
    lee.workspace
        .add_cable(
            CableId(ulid::Ulid(301)),
            &draft(
                end(rack, 10, PortRole::Interface, "eno2"),
                end(rack, 11, PortRole::Front, "7"),
                CableKind::Cat6,
            ),
            &lee.stamp(3),
        )
        .expect("lee's cable");
    kim.sync();
    lee.sync();
    kim.sync();
    for side in [&kim, &lee] {
        assert_eq!(side.workspace.cables().len(), 2);
        let inbox = side.workspace.findings().expect("findings");
        let cable_rows: Vec<_> = inbox
            .iter()
            .filter_map(|f| match f {
                crate::findings::Finding::CableRule { port, labels, .. } => {
                    Some((port.clone(), labels.clone()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(cable_rows.len(), 1, "{inbox:?}");
        assert_eq!(cable_rows[0].0, "A-R01 / pp-1 / 7");
        assert_eq!(cable_rows[0].1.len(), 2);
        assert_eq!(
            side.workspace.cable_invariants(),
            [CableInvariant::PortShared {
                end: end(rack, 11, PortRole::Front, "7"),
                cables: vec![CableId(ulid::Ulid(300)), CableId(ulid::Ulid(301))],
            }]
        );
    }
}

#[test]
fn cables_export_to_netbox_csv_that_imports_again_and_tests_set_their_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let first = store.create_workspace("one", 1).expect("workspace");
    let ws = store.workspace(&first.id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let copper = ws
        .add_cable(
            CableId(ulid::Ulid(400)),
            &draft(
                end(rack, 10, PortRole::Interface, "eno1"),
                end(rack, 11, PortRole::Front, "3"),
                CableKind::Cat6a,
            ),
            &stamp(2),
        )
        .expect("copper");
    ws.add_cable(
        CableId(ulid::Ulid(401)),
        &draft(
            end(rack, 11, PortRole::Rear, "3"),
            end(rack, 11, PortRole::Rear, "4"),
            CableKind::Cat6,
        ),
        &stamp(3),
    )
    .expect("jumper");
    let mut csv = Vec::new();
    assert_eq!(ws.export_cables_csv(&mut csv, true).expect("export"), 2);
    let text = String::from_utf8(csv.clone()).expect("utf-8");
    assert!(text.starts_with('\u{feff}'));
    assert!(
        text.contains("web-01,eno1,pp-1,front:3,cat6a,파랑,3,m,A-R01-U1-eno1/A-R01-U42-3,planned"),
        "{text}"
    );

    // The same plant in another workspace takes the file back as the same cables.
    let second = store.create_workspace("two", 1).expect("workspace");
    let other = store.workspace(&second.id).expect("open");
    plant(&other, &stamp(1));
    let mut n = 500u128;
    let imported = other
        .import_cables_csv(
            &csv,
            CsvOptions::default(),
            || {
                n += 1;
                CableId(ulid::Ulid(n))
            },
            &stamp(4),
        )
        .expect("imported");
    let shape = |cables: &[Cable]| -> Vec<(String, String, String)> {
        cables
            .iter()
            .map(|c| (c.label.clone(), c.a.port.clone(), c.b.port.clone()))
            .collect()
    };
    assert_eq!(shape(&imported), shape(&ws.cables()));

    // A failed test marks the cable failed and lists it; a passing retest marks it tested.
    let test = |passed| TestInput {
        passed,
        tester: "김민준".into(),
        at_ms: Some(10),
        measured_length_m: Some(3.1),
        loss_db: None,
    };
    ws.record_cable_test(copper.id, &test(false), None, &stamp(5))
        .expect("failed test");
    assert_eq!(ws.failed_cables().len(), 1);
    // A failed test is an alert (something to act on), not a finding (a merge to decide).
    let alerts = ws.alerts("2026-01-01");
    assert!(alerts.iter().any(|a| a.source == "cables"
        && a.kind == "test_failed"
        && a.title == copper.label
        && a.subject == "김민준"));
    let inbox = ws.findings().expect("findings");
    assert!(inbox.is_empty(), "{inbox:?}");
    let retested = ws
        .record_cable_test(copper.id, &test(true), None, &stamp(6))
        .expect("retest");
    assert_eq!(retested.status, CableStatus::Tested);
    assert_eq!(retested.tests.len(), 2);
    assert!(ws.failed_cables().is_empty());
}
