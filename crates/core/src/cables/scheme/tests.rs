//! The label scheme on real stores: preview, set, relabel only what is not on the floor, and
//! two laptops setting it offline.

use crate::cables::edit::tests::{add, edit_of, open};
use crate::cables::edit::{CableEdit, CableSelection};
use crate::cables::model::PortRole;
use crate::cables::ops::CableError;
use crate::ids::{CableId, ItemId};
use crate::store::Store;
use crate::testkit::stamp;
use crate::testkit::{device, server};
use crate::testkit::{end, plant};

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
