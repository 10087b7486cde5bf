//! Edits, status through install, and a label typed twice offline, on real stores; the
//! helpers the scheme, testing and views tests share.

use super::*;
use crate::cables::model::{CableEnd, PortRole};
use crate::cables::ops::CableDraft;
use crate::cables::rules::CableProblem;
use crate::ids::ItemId;
use crate::store::Store;
use crate::testkit::stamp;
use crate::testkit::{device, server};
use crate::testkit::{end, plant};

pub(crate) fn open(dir: &tempfile::TempDir) -> (Store, crate::ids::WorkspaceId) {
    let store = Store::open(dir.path()).expect("store");
    let id = match store.workspaces().expect("list").first() {
        Some(meta) => meta.id,
        None => store.create_workspace("build", 1).expect("workspace").id,
    };
    (store, id)
}

pub(crate) fn add(ws: &Workspace, n: u128, a: CableEnd, b: CableEnd, at: i64) -> Cable {
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

pub(crate) fn edit_of(cable: &Cable) -> CableEdit {
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
