//! Labels marked printed and status changes, put back on a real store.

use crate::assets::{KeptField, KeptReason};
use crate::cables::edit::tests::{add, open};
use crate::cables::model::{CableStatus, PortRole};
use crate::testkit::{end, plant, stamp};

#[test]
fn labels_marked_printed_and_a_status_change_go_back_and_a_later_print_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("workspace");
    let rack = plant(&ws, &stamp(1));
    let one = add(
        &ws,
        1,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    let two = add(
        &ws,
        2,
        end(rack, 10, PortRole::Interface, "eno2"),
        end(rack, 11, PortRole::Front, "2"),
        3,
    );
    ws.mark_cables_printed(&[two.id], &stamp(4))
        .expect("two printed before");

    let printed = ws
        .mark_cables_printed(&[one.id, two.id], &stamp(10))
        .expect("printed");
    let status = ws
        .change_cable_status(&[one.id, two.id], CableStatus::Installed, &stamp(11))
        .expect("installed")
        .1;
    assert_eq!(status.len(), 2);
    let kept = ws
        .restore_cable_fields(&status, &stamp(12))
        .expect("status undone");
    assert_eq!(kept, []);
    let kept = ws
        .restore_cable_fields(&printed, &stamp(13))
        .expect("print undone");
    assert_eq!(kept, []);
    let cable = |id| ws.cable_index().cables.get(&id).cloned().expect("cable");
    assert_eq!(cable(one.id).printed_at_ms, None, "never printed before");
    assert_eq!(
        cable(two.id).printed_at_ms,
        Some(4),
        "printed before: that time again"
    );
    assert_eq!(cable(one.id).status, CableStatus::Planned);
    assert_eq!(cable(one.id).label, one.label, "nothing else changed");

    // Printed again after the print being undone: that print stays.
    let printed = ws
        .mark_cables_printed(&[one.id], &stamp(20))
        .expect("printed");
    ws.mark_cables_printed(&[one.id], &stamp(21))
        .expect("printed again");
    let kept = ws.restore_cable_fields(&printed, &stamp(22)).expect("undo");
    assert_eq!(
        kept,
        [KeptField {
            record: one.label.clone(),
            field: "printed".into(),
            reason: KeptReason::ChangedSince,
        }]
    );
    assert_eq!(cable(one.id).printed_at_ms, Some(21));
}

#[test]
fn a_decommissioned_cable_goes_back_into_its_ports_unless_another_took_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("workspace");
    let rack = plant(&ws, &stamp(1));
    let one = add(
        &ws,
        1,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    let two = add(
        &ws,
        2,
        end(rack, 10, PortRole::Interface, "eno2"),
        end(rack, 11, PortRole::Front, "2"),
        3,
    );
    let (_, out) = ws
        .change_cable_status(&[one.id, two.id], CableStatus::Decommissioned, &stamp(10))
        .expect("taken out");
    // Since then a new cable took the first one's ports.
    let _taker = add(
        &ws,
        3,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        11,
    );
    let kept = ws.restore_cable_fields(&out, &stamp(12)).expect("undo");
    assert_eq!(
        kept,
        [KeptField {
            record: one.label.clone(),
            field: "status".into(),
            reason: KeptReason::Refused,
        }]
    );
    let status = |id| ws.cable_index().cables.get(&id).expect("cable").status;
    assert_eq!(
        status(one.id),
        CableStatus::Decommissioned,
        "its ports are taken"
    );
    assert_eq!(status(two.id), CableStatus::Planned, "back in its ports");
}
