//! Edits, status through install, printed marks, the label scheme, test results and the
//! views, on real stores.

use super::*;
use crate::cables::model::{CableEnd, PortRole};
use crate::cables::ops::tests::{end, plant, stamp};
use crate::cables::ops::CableDraft;
use crate::cables::rules::CableProblem;
use crate::cables::testing::TestInput;
use crate::cables::views::CableQuery;
use crate::ids::ItemId;
use crate::store::Store;
use crate::sync::tests::{device, server};

fn open(dir: &tempfile::TempDir) -> (Store, crate::ids::WorkspaceId) {
    let store = Store::open(dir.path()).expect("store");
    let id = match store.workspaces().expect("list").first() {
        Some(meta) => meta.id,
        None => store.create_workspace("build", 1).expect("workspace").id,
    };
    (store, id)
}

fn add(ws: &Workspace, n: u128, a: CableEnd, b: CableEnd, at: i64) -> Cable {
    ws.add_cable(
        CableId(ulid::Ulid(n)),
        &CableDraft {
            a,
            b,
            kind: CableKind::Cat6a,
            colour: "파랑".into(),
            length: Some(2.0),
            length_unit: LengthUnit::Metres,
            label: String::new(),
        },
        &stamp(at),
    )
    .expect("added")
}

fn edit_of(cable: &Cable) -> CableEdit {
    CableEdit {
        kind: cable.kind,
        colour: cable.colour.clone(),
        length: cable.length,
        length_unit: cable.length_unit,
        label: cable.label.clone(),
        route_notes: cable.route_notes.clone(),
    }
}

#[test]
fn edits_keep_the_rules_and_status_moves_through_install() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let eno1 = end(rack, 10, PortRole::Interface, "eno1");
    let front1 = end(rack, 11, PortRole::Front, "1");
    let first = add(&ws, 100, eno1.clone(), front1.clone(), 2);
    let second = add(
        &ws,
        101,
        end(rack, 10, PortRole::Interface, "eno2"),
        end(rack, 11, PortRole::Front, "2"),
        3,
    );
    assert_eq!((first.number, second.number), (1, 2));
    assert_eq!(
        second.end_labels(),
        ("A-R01-U1-eno2/A-R01-U42-2", "A-R01-U42-2/A-R01-U1-eno2")
    );

    let clash = ws.edit_cable(
        second.id,
        &CableEdit {
            label: first.label.clone(),
            ..edit_of(&second)
        },
        &stamp(4),
    );
    assert!(
        matches!(&clash, Err(CableError::Refused(p)) if p == &[CableProblem::LabelTaken { label: first.label.clone() }]),
        "{clash:?}"
    );
    let typed = ws
        .edit_cable(
            second.id,
            &CableEdit {
                label: "서버 업링크 2".into(),
                route_notes: "트레이 A".into(),
                ..edit_of(&second)
            },
            &stamp(5),
        )
        .expect("typed label");
    assert!(typed.label_by_hand);
    assert_eq!(typed.end_labels(), ("서버 업링크 2", "서버 업링크 2"));
    assert_eq!(typed.route_notes, "트레이 A");
    let regenerated = ws
        .edit_cable(
            second.id,
            &CableEdit {
                label: String::new(),
                ..edit_of(&typed)
            },
            &stamp(6),
        )
        .expect("label from the scheme again");
    assert_eq!(regenerated.label, second.label);
    assert!(!regenerated.label_by_hand);
    let fibre = ws.edit_cable(
        second.id,
        &CableEdit {
            kind: CableKind::Om4,
            ..edit_of(&regenerated)
        },
        &stamp(7),
    );
    assert!(
        matches!(fibre, Err(CableError::Refused(p)) if p.len() == 2),
        "OM4 fits neither RJ-45 end"
    );

    let installed = ws
        .set_cable_status(&[first.id, second.id], CableStatus::Installed, &stamp(8))
        .expect("installed");
    assert_eq!(installed.len(), 2);
    let again = ws
        .set_cable_status(&[first.id], CableStatus::Installed, &stamp(9))
        .expect("no-op");
    assert!(again.is_empty(), "a cable already installed is left alone");
    let by_hand = ws.set_cable_status(&[first.id], CableStatus::Tested, &stamp(9));
    assert!(
        matches!(
            by_hand,
            Err(CableError::Transition {
                from: CableStatus::Installed,
                to: CableStatus::Tested,
                ..
            })
        ),
        "tested comes from a test result: {by_hand:?}"
    );

    // Taken out, the cable frees its port and label for the one that replaces it.
    ws.set_cable_status(&[first.id], CableStatus::Decommissioned, &stamp(10))
        .expect("out");
    let replacement = add(&ws, 102, eno1.clone(), front1.clone(), 11);
    assert_eq!(replacement.label, first.label);
    assert_eq!(replacement.number, 3);
    let back = ws.set_cable_status(&[first.id], CableStatus::Planned, &stamp(12));
    assert!(
        matches!(back, Err(CableError::Refused(p)) if p.len() == 3),
        "two ports and the label are taken"
    );
    let ports = ws.device_ports(rack, &ItemId(ulid::Ulid(11)).to_string());
    let front = ports
        .iter()
        .find(|p| p.role == PortRole::Front && p.name == "1")
        .expect("front 1");
    assert_eq!(front.cables.len(), 1);
    assert_eq!(front.cables[0].id, replacement.id);
    assert_eq!(front.cables[0].far.device, "web-01");
    assert_eq!(front.cables[0].far.unit, Some(1));
    assert_eq!(
        ports.iter().filter(|p| p.role == PortRole::Front).count(),
        48
    );
    assert!(
        ws.cable_invariants().is_empty(),
        "the decommissioned cable breaks nothing"
    );
}

#[test]
fn printing_marks_and_the_scheme_relabels_only_what_is_not_on_the_floor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let (printed, typed, fresh) = {
        let ws = store.workspace(&id).expect("open");
        let rack = plant(&ws, &stamp(1));
        let server = |port: &str| end(rack, 10, PortRole::Interface, port);
        let panel = |port: &str| end(rack, 11, PortRole::Front, port);
        let printed = add(&ws, 100, server("eno1"), panel("1"), 2);
        let fresh = add(&ws, 101, server("eno2"), panel("2"), 3);
        let typed = add(&ws, 102, server("iDRAC"), panel("3"), 4);
        let typed = ws
            .edit_cable(
                typed.id,
                &CableEdit {
                    label: "손 라벨".into(),
                    ..edit_of(&typed)
                },
                &stamp(5),
            )
            .expect("typed");
        ws.mark_cables_printed(&[printed.id], &stamp(6))
            .expect("printed");
        let unlabelled: Vec<CableId> = ws
            .cables_in(&CableSelection::Unlabelled)
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(unlabelled, [fresh.id, typed.id]);
        assert_eq!(ws.cables_in(&CableSelection::Rack { rack }).len(), 3);

        let bad = ws.preview_label_scheme("{rack}-{shelf}");
        assert!(matches!(bad, Err(CableError::Template(_))), "{bad:?}");
        let preview = ws.preview_label_scheme("{room}-C{n:3}").expect("preview");
        assert_eq!(preview.relabelled, 1);
        assert_eq!(
            preview.examples,
            [(fresh.label.clone(), "A-C002".to_owned())]
        );
        assert!(preview.clashes.is_empty());

        assert_eq!(
            ws.label_scheme().template,
            crate::cables::labels::DEFAULT_TEMPLATE
        );
        assert_eq!(
            ws.set_label_scheme("{room}-C{n:3}", ItemId(ulid::Ulid(900)), &stamp(8))
                .expect("set"),
            1
        );
        let rear = |port: &str| end(rack, 11, PortRole::Rear, port);
        let next = add(&ws, 103, rear("5"), rear("6"), 9);
        assert_eq!(next.label, "A-C004");

        // Without the number, the two generated labels would read the same: refused, unchanged.
        let preview = ws.preview_label_scheme("{room}").expect("preview");
        assert_eq!(preview.clashes, ["A"]);
        let clash = ws.set_label_scheme("{room}", ItemId(ulid::Ulid(901)), &stamp(10));
        assert!(matches!(clash, Err(CableError::Refused(_))), "{clash:?}");
        assert_eq!(ws.label_scheme().template, "{room}-C{n:3}");
        (printed, typed, fresh)
    };
    // Reopened: the scheme and the labels are what was written.
    let store = {
        drop(store);
        Store::open(dir.path()).expect("reopen")
    };
    let ws = store.workspace(&id).expect("open");
    let scheme = ws.label_scheme();
    assert_eq!(scheme.template, "{room}-C{n:3}");
    assert_eq!(scheme.set_by.as_deref(), Some("김민준"));
    let label = |id| ws.cable_row(id).expect("row").label;
    assert_eq!(
        label(printed.id),
        printed.label,
        "printed labels stay as printed"
    );
    assert_eq!(label(typed.id), "손 라벨");
    assert_eq!(label(fresh.id), "A-C002");
}

#[test]
fn two_devices_setting_the_scheme_offline_agree_on_the_later_one() {
    let hub = server();
    let mut kim = device(&hub, "kim");
    let mut lee = device(&hub, "lee");
    kim.workspace
        .set_label_scheme("KIM-{n}", ItemId(ulid::Ulid(1)), &kim.stamp(5))
        .expect("kim");
    lee.workspace
        .set_label_scheme("LEE-{n}", ItemId(ulid::Ulid(2)), &lee.stamp(6))
        .expect("lee");
    kim.sync();
    lee.sync();
    kim.sync();
    for side in [&kim, &lee] {
        assert_eq!(side.workspace.label_scheme().template, "LEE-{n}");
    }
}

#[test]
fn test_results_import_all_or_nothing_and_a_report_is_a_blob() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let good = add(
        &ws,
        100,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    let bad = add(
        &ws,
        101,
        end(rack, 10, PortRole::Interface, "eno2"),
        end(rack, 11, PortRole::Front, "2"),
        3,
    );
    let header = "label,result,tester,date,length_m,loss_db\n";
    let broken = format!(
        "{header}{},pass,이서연,2026-11-30 10:00,2.1,\nNO-SUCH,maybe,,30/11/2026,x,\n",
        good.label
    );
    let Err(CableError::Rows(problems)) = ws.import_cable_tests_csv(broken.as_bytes(), &stamp(4))
    else {
        panic!("refused");
    };
    let seen: Vec<(u32, &str)> = problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        seen,
        [(3, "label"), (3, "result"), (3, "date"), (3, "length_m")]
    );
    assert_eq!(
        ws.cable_row(good.id).expect("row").status,
        CableStatus::Planned,
        "nothing recorded"
    );

    let results = format!(
        "\u{feff}{header}{},통과,이서연,2026-11-30 10:00,2.1,\n{},fail,,2026-11-30,,3.5\n",
        good.label, bad.id
    );
    let tested = ws
        .import_cable_tests_csv(results.as_bytes(), &stamp(5))
        .expect("imported");
    assert_eq!(tested.len(), 2);
    let good_row = ws.cable_row(good.id).expect("row");
    assert_eq!(good_row.status, CableStatus::Tested);
    assert_eq!(good_row.tests[0].tester, "이서연");
    assert_eq!(good_row.tests[0].at_ms, 1_796_032_800_000);
    assert_eq!(good_row.tests[0].measured_length_m, Some(2.1));
    let failed = ws.failed_cables();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0].tests[0].tester, "김민준",
        "no tester: the person importing"
    );
    assert_eq!(failed[0].tests[0].loss_db, Some(3.5));

    let report = b"%PDF-1.4 Fluke DSX-8000 report";
    let retested = ws
        .record_cable_test(
            bad.id,
            &TestInput {
                passed: true,
                tester: String::new(),
                at_ms: None,
                measured_length_m: Some(2.0),
                loss_db: None,
            },
            Some(("dsx.pdf", report)),
            &stamp(1_796_100_000_000),
        )
        .expect("retest");
    assert_eq!(retested.status, CableStatus::Tested);
    let last = retested.tests.last().expect("test");
    assert_eq!(last.report_name.as_deref(), Some("dsx.pdf"));
    let sha = last.report.clone().expect("report");
    assert_eq!(ws.blob(&sha).expect("blob").as_deref(), Some(&report[..]));
    assert!(ws.failed_cables().is_empty());
}

#[test]
fn pages_filter_and_traces_name_every_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let one = add(
        &ws,
        100,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    add(
        &ws,
        101,
        end(rack, 11, PortRole::Rear, "1"),
        end(rack, 11, PortRole::Rear, "2"),
        3,
    );
    ws.set_cable_status(&[one.id], CableStatus::Installed, &stamp(4))
        .expect("installed");
    let page = |query: CableQuery| ws.cable_page(&CableQuery { limit: 50, ..query });
    assert_eq!(page(CableQuery::default()).total, 2);
    assert_eq!(
        page(CableQuery {
            search: "ENO1".into(),
            ..Default::default()
        })
        .total,
        1
    );
    assert_eq!(
        page(CableQuery {
            search: "web-01".into(),
            ..Default::default()
        })
        .total,
        1
    );
    let installed = page(CableQuery {
        status: Some(CableStatus::Installed),
        ..Default::default()
    });
    assert_eq!(installed.rows.len(), 1);
    assert_eq!(installed.rows[0].id, one.id);
    assert_eq!(
        ws.cable_ids(&CableQuery {
            status: Some(CableStatus::Installed),
            ..Default::default()
        }),
        [one.id]
    );
    assert_eq!(installed.rows[0].a.device, "web-01");
    assert_eq!(installed.rows[0].a.port_kind, "1000base-t");
    assert_eq!(installed.rows[0].b.rack, "A-R01");
    ws.mark_cables_printed(&[one.id], &stamp(5))
        .expect("printed");
    assert_eq!(
        page(CableQuery {
            unlabelled: true,
            ..Default::default()
        })
        .total,
        1
    );

    let trace = ws.cable_trace_view(&end(rack, 10, PortRole::Interface, "eno1"));
    let path: Vec<String> = trace
        .hops
        .iter()
        .map(|hop| {
            format!(
                "{} {} → {} {}",
                hop.from.device, hop.from.end.port, hop.to.device, hop.to.end.port
            )
        })
        .collect();
    assert_eq!(path, ["web-01 eno1 → pp-1 1", "pp-1 1 → pp-1 2"]);
    assert_eq!(trace.hops[0].status, CableStatus::Installed);
    assert!(!trace.looped);
}

#[test]
fn one_label_typed_on_two_laptops_offline_is_a_finding_on_both_after_the_merge() {
    let hub = server();
    let mut kim = device(&hub, "kim");
    let mut lee = device(&hub, "lee");
    let rack = plant(&kim.workspace, &kim.stamp(1));
    kim.sync();
    lee.sync();
    let typed = |ws: &Workspace, n: u128, a: CableEnd, b: CableEnd, at: i64| {
        ws.add_cable(
            CableId(ulid::Ulid(n)),
            &CableDraft {
                a,
                b,
                kind: CableKind::Cat6a,
                colour: String::new(),
                length: None,
                length_unit: LengthUnit::Metres,
                label: "UPLINK-1".into(),
            },
            &stamp(at),
        )
        .expect("each laptop alone breaks no rule")
    };
    typed(
        &kim.workspace,
        700,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    typed(
        &lee.workspace,
        701,
        end(rack, 10, PortRole::Interface, "eno2"),
        end(rack, 11, PortRole::Front, "2"),
        3,
    );
    kim.sync();
    lee.sync();
    kim.sync();
    for side in [&kim, &lee] {
        assert_eq!(
            side.workspace.cable_invariants(),
            [crate::cables::rules::CableInvariant::LabelShared {
                label: "UPLINK-1".into(),
                cables: vec![CableId(ulid::Ulid(700)), CableId(ulid::Ulid(701))],
            }]
        );
        let inbox = side.workspace.findings().expect("findings");
        assert!(
            inbox.iter().any(|f| matches!(f, crate::findings::Finding::CableRule { labels, .. } if labels.len() == 2)),
            "{inbox:?}"
        );
    }
    // Relabelling one of them by hand settles it on both.
    let kim_cable = kim
        .workspace
        .cable_row(CableId(ulid::Ulid(700)))
        .expect("row");
    kim.workspace
        .edit_cable(
            kim_cable.id,
            &CableEdit {
                kind: kim_cable.kind,
                colour: String::new(),
                length: None,
                length_unit: LengthUnit::Metres,
                label: "UPLINK-1A".into(),
                route_notes: String::new(),
            },
            &stamp(4),
        )
        .expect("relabelled");
    kim.sync();
    lee.sync();
    assert!(lee.workspace.cable_invariants().is_empty());
}

#[test]
fn the_list_is_in_natural_label_order_and_follows_every_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let jumper = |n: u32, label: &str| {
        let rear = |port: u32| end(rack, 11, PortRole::Rear, &port.to_string());
        ws.add_cable(
            CableId(ulid::Ulid(u128::from(n) + 800)),
            &CableDraft {
                a: rear(2 * n + 1),
                b: rear(2 * n + 2),
                kind: CableKind::Cat6a,
                colour: String::new(),
                length: None,
                length_unit: LengthUnit::Metres,
                label: label.into(),
            },
            &stamp(i64::from(n) + 2),
        )
        .expect("jumper")
    };
    for n in [10, 2, 1, 11] {
        jumper(n, &format!("J-{n}"));
    }
    let labels = |ws: &Workspace| -> Vec<String> {
        ws.cable_page(&CableQuery {
            limit: 50,
            ..Default::default()
        })
        .rows
        .into_iter()
        .map(|row| row.label)
        .collect()
    };
    assert_eq!(labels(&ws), ["J-1", "J-2", "J-10", "J-11"]);
    // A new cable and a relabelled one take their places at once.
    jumper(3, "J-3");
    let last = ws.find_cable("J-11").expect("J-11");
    let row = ws.cable_row(last).expect("row");
    ws.edit_cable(
        last,
        &CableEdit {
            kind: row.kind,
            colour: String::new(),
            length: None,
            length_unit: LengthUnit::Metres,
            label: "J-0".into(),
            route_notes: String::new(),
        },
        &stamp(20),
    )
    .expect("relabelled");
    assert_eq!(labels(&ws), ["J-0", "J-1", "J-2", "J-3", "J-10"]);
    let in_rack: Vec<String> = ws
        .cables_in(&CableSelection::Rack { rack })
        .into_iter()
        .map(|cable| cable.label)
        .collect();
    assert_eq!(in_rack, ["J-0", "J-1", "J-2", "J-3", "J-10"]);

    // The same filter asked again (the next page) sees a change made in between.
    let installed = |ws: &Workspace| {
        ws.cable_page(&CableQuery {
            status: Some(CableStatus::Installed),
            limit: 1,
            ..Default::default()
        })
        .total
    };
    assert_eq!(installed(&ws), 0);
    ws.set_cable_status(&[last], CableStatus::Installed, &stamp(21))
        .expect("installed");
    assert_eq!(installed(&ws), 1);
    // Renaming the rack renames every end it names, also in a search asked before.
    let searched = |ws: &Workspace, text: &str| {
        ws.cable_page(&CableQuery {
            search: text.into(),
            limit: 50,
            ..Default::default()
        })
    };
    assert_eq!(searched(&ws, "a-r01").total, 5);
    let mut spec = crate::racks::RackSpec::standard(crate::ids::RoomId(ulid::Ulid(2)), "B-R09");
    spec.row = String::new();
    ws.save_rack(rack, &spec, &stamp(22)).expect("renamed");
    assert_eq!(searched(&ws, "a-r01").total, 0);
    let search = searched(&ws, "b-r09");
    assert_eq!(search.total, 5);
    assert_eq!(search.rows[0].a.rack, "B-R09");
}
