//! A cabled device moved: its cables follow it, their labels from the scheme name the new
//! unit, and labels already printed are marked to print again until printed or moved back.

use crate::cables::edit::tests::{add, open};
use crate::cables::edit::CableSelection;
use crate::cables::model::PortRole;
use crate::cables::views::CableQuery;
use crate::ids::{CableId, RackId, RoomId};
use crate::racks::{Face, RackSpec};
use crate::testkit::{end, plant, stamp};

fn labels(ws: &crate::store::Workspace, n: u128) -> crate::cables::model::Cable {
    ws.cable_by_id(CableId(ulid::Ulid(n))).expect("cable")
}

#[test]
fn a_move_relabels_the_cables_of_the_device_and_flags_printed_ones_for_reprinting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    // web-01 (placement 10, U1) to the patch panel (placement 11, U42): one printed, one not.
    let printed = add(
        &ws,
        100,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    let unprinted = add(
        &ws,
        101,
        end(rack, 10, PortRole::Interface, "eno2"),
        end(rack, 11, PortRole::Front, "2"),
        3,
    );
    // A cable of another device is left alone.
    let elsewhere = add(
        &ws,
        102,
        end(rack, 11, PortRole::Front, "4"),
        end(rack, 11, PortRole::Front, "3"),
        4,
    );
    ws.mark_cables_printed(&[printed.id, elsewhere.id], &stamp(5))
        .expect("printed");
    assert_eq!(printed.label, "A-R01-U1-eno1/A-R01-U42-1");
    assert!(!labels(&ws, 100).needs_reprint());

    // Up five units: U1 → U6.
    let (_, moved) = ws
        .move_device(
            rack,
            &crate::testkit::item(10).to_string(),
            rack,
            Some(10),
            Face::Front,
            &stamp(6),
        )
        .expect("moved");
    assert_eq!(
        (moved.cables, moved.relabelled, moved.to_reprint),
        (2, 2, 1)
    );
    let now = labels(&ws, 100);
    assert_eq!(
        now.end_labels(),
        ("A-R01-U6-eno1/A-R01-U42-1", "A-R01-U42-1/A-R01-U6-eno1")
    );
    assert!(now.needs_reprint(), "{now:?}");
    assert_eq!(
        now.printed_labels,
        ["A-R01-U1-eno1/A-R01-U42-1", "A-R01-U42-1/A-R01-U1-eno1"]
    );
    let fresh = labels(&ws, 101);
    assert_eq!(fresh.id, unprinted.id);
    assert_eq!(fresh.label, "A-R01-U6-eno2/A-R01-U42-2");
    assert!(
        !fresh.needs_reprint(),
        "never printed: nothing to print again"
    );
    assert_eq!(
        labels(&ws, 102),
        ws.cable_by_id(elsewhere.id).expect("same")
    );
    assert!(!labels(&ws, 102).needs_reprint());

    // The list shows it, and the print of unlabelled cables takes it with the never printed.
    let row = ws.cable_row(now.id).expect("row");
    assert!(row.needs_reprint);
    let to_print: Vec<CableId> = ws
        .cables_in(&CableSelection::Unlabelled)
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(to_print.len(), 2);
    assert!(to_print.contains(&now.id) && to_print.contains(&fresh.id));
    let page = ws.cable_page(&CableQuery {
        unlabelled: true,
        limit: 10,
        ..CableQuery::default()
    });
    assert_eq!(page.total, 2);

    // Printed again: the mark is gone.
    ws.mark_cables_printed(&[now.id], &stamp(7))
        .expect("printed");
    assert!(!labels(&ws, 100).needs_reprint());
    assert!(!ws.cable_row(now.id).expect("row").needs_reprint);
}

#[test]
fn a_move_undone_clears_the_reprint_mark_and_hand_labels_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let printed = add(
        &ws,
        100,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    let by_hand = ws
        .add_cable(
            CableId(ulid::Ulid(101)),
            &crate::cables::ops::CableDraft {
                label: "WEB-UPLINK-2".into(),
                ..crate::cables::ops::CableDraft {
                    a: end(rack, 10, PortRole::Interface, "eno2"),
                    b: end(rack, 11, PortRole::Front, "2"),
                    kind: crate::cables::model::CableKind::Cat6a,
                    colour: String::new(),
                    length: None,
                    length_unit: crate::cables::model::LengthUnit::Metres,
                    label: String::new(),
                }
            },
            &stamp(3),
        )
        .expect("by hand");
    ws.mark_cables_printed(&[printed.id, by_hand.id], &stamp(4))
        .expect("printed");
    let web = crate::testkit::item(10).to_string();
    let (_, there) = ws
        .move_device(rack, &web, rack, Some(10), Face::Front, &stamp(5))
        .expect("moved");
    assert_eq!(
        (there.cables, there.relabelled, there.to_reprint),
        (2, 1, 1)
    );
    assert!(labels(&ws, 100).needs_reprint());
    assert_eq!(labels(&ws, 101).label, "WEB-UPLINK-2");
    assert!(!labels(&ws, 101).needs_reprint());

    // Moved on, then back where it was printed: the labels are what hangs on the cable again.
    ws.move_device(rack, &web, rack, Some(20), Face::Front, &stamp(6))
        .expect("moved on");
    assert!(labels(&ws, 100).needs_reprint());
    let (_, back) = ws
        .move_device(rack, &web, rack, Some(0), Face::Front, &stamp(7))
        .expect("moved back");
    assert_eq!(back.to_reprint, 0);
    let cable = labels(&ws, 100);
    assert_eq!(cable.label, printed.label);
    assert!(!cable.needs_reprint(), "{cable:?}");
}

#[test]
fn a_device_moved_to_another_rack_takes_its_cable_ends_along() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let other = RackId(ulid::Ulid(4));
    ws.save_rack(
        other,
        &RackSpec::standard(RoomId(ulid::Ulid(2)), "A-R02"),
        &stamp(2),
    )
    .expect("rack");
    let cable = add(
        &ws,
        100,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        3,
    );
    ws.mark_cables_printed(&[cable.id], &stamp(4))
        .expect("printed");
    let web = crate::testkit::item(10).to_string();
    let (_, moved) = ws
        .move_device(rack, &web, other, Some(0), Face::Front, &stamp(5))
        .expect("moved");
    assert_eq!(moved.to_reprint, 1);
    let now = labels(&ws, 100);
    assert_eq!(now.a, end(other, 10, PortRole::Interface, "eno1"));
    assert_eq!(now.label, "A-R02-U1-eno1/A-R01-U42-1");
    assert!(now.needs_reprint());
    assert!(
        ws.cable_invariants().is_empty(),
        "{:?}",
        ws.cable_invariants()
    );
    assert_eq!(
        ws.device_ports(other, &web)
            .iter()
            .filter(|p| !p.cables.is_empty())
            .count(),
        1
    );
}
