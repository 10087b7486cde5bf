//! Undo through the one mechanism, across two devices syncing with a hub: what another device
//! changed in between is kept, the rest goes back, and the undo syncs like any edit.

use super::*;
use crate::assets::{AssetInput, AssetStatus, BulkAssetEdit, KeptReason};
use crate::testkit::{device, server};

#[test]
fn an_undo_after_another_devices_edit_merged_in_keeps_that_edit_and_syncs() {
    let server = server();
    let mut a = device(&server, "a");
    let mut b = device(&server, "b");
    let first = a.register(1, "PT1-SRV-0001");
    let second = a.register(2, "PT1-SRV-0002");
    a.sync();
    b.sync();

    let changes = a
        .workspace
        .bulk_edit_assets(
            &BulkAssetEdit {
                ids: vec![first, second],
                status: Some(AssetStatus::Maintenance),
                owner: Some("이서연".into()),
                ..BulkAssetEdit::default()
            },
            &a.stamp(10),
        )
        .expect("bulk edit");
    let undo = Undo::assets(UndoAction::AssetBulkEdit, changes);
    a.sync();
    b.sync();
    // On b: the first asset's status moves on; the second gets a note.
    b.edit(
        first,
        AssetInput {
            status: Some("retiring".into()),
            ..AssetInput::default()
        },
        20,
    );
    b.edit(
        second,
        AssetInput {
            notes: Some("팬 교체".into()),
            ..AssetInput::default()
        },
        21,
    );
    b.sync();
    a.sync();

    let report = a.workspace.undo(&undo, &a.stamp(30)).expect("undone");
    assert_eq!(report.action, Some(UndoAction::AssetBulkEdit));
    assert_eq!(report.restored, 1, "the second asset went back whole");
    assert_eq!(report.kept.len(), 1);
    assert_eq!(
        (
            report.kept[0].record.as_str(),
            report.kept[0].field.as_str(),
            report.kept[0].reason
        ),
        ("PT1-SRV-0001", "status", KeptReason::ChangedSince)
    );
    a.sync();
    b.sync();
    for device in [&a, &b] {
        let rows = device.rows();
        assert_eq!(
            rows[0].asset.status,
            AssetStatus::Retiring,
            "b's later status kept"
        );
        assert_eq!(rows[0].asset.owner, "", "owner back");
        assert_eq!(rows[1].asset.status, AssetStatus::InStock, "status back");
        assert_eq!(rows[1].asset.owner, "");
        assert_eq!(rows[1].asset.notes, "팬 교체", "b's note untouched");
    }
}

#[test]
fn an_undo_round_trips_as_json_the_way_the_window_holds_it() {
    let server = server();
    let a = device(&server, "a");
    let one = a.register(1, "PT1-SRV-0001");
    let changes = a
        .workspace
        .bulk_edit_assets(
            &BulkAssetEdit {
                ids: vec![one],
                add_tags: vec!["gpu".into()],
                ..BulkAssetEdit::default()
            },
            &a.stamp(10),
        )
        .expect("bulk edit");
    let undo = Undo::assets(UndoAction::AssetBulkEdit, changes);
    let text = serde_json::to_string(&undo).expect("json");
    let back: Undo = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back, undo);
    assert!(!back.is_empty());
    a.workspace.undo(&back, &a.stamp(11)).expect("undone");
    assert!(a.rows()[0].asset.tags.is_empty());
}

#[test]
fn labels_unmarked_after_another_device_printed_one_again_and_changed_a_colour() {
    use crate::cables::edit::CableEdit;
    use crate::cables::model::{CableKind, LengthUnit, PortRole};
    use crate::cables::ops::CableDraft;
    use crate::testkit::{end, plant};
    use crate::CableId;

    let server = server();
    let mut a = device(&server, "a");
    let mut b = device(&server, "b");
    let rack = plant(&a.workspace, &a.stamp(1));
    let cable = |n: u128, nic: &str, port: &str| {
        a.workspace
            .add_cable(
                CableId(ulid::Ulid(n)),
                &CableDraft {
                    a: end(rack, 10, PortRole::Interface, nic),
                    b: end(rack, 11, PortRole::Front, port),
                    kind: CableKind::Cat6a,
                    colour: "파랑".into(),
                    length: Some(2.0),
                    length_unit: LengthUnit::Metres,
                    label: String::new(),
                },
                &a.stamp(2),
            )
            .expect("cable")
    };
    let one = cable(901, "eno1", "1");
    let two = cable(902, "eno2", "2");
    a.sync();
    b.sync();
    let marked = a
        .workspace
        .mark_cables_printed(&[one.id, two.id], &a.stamp(10))
        .expect("printed");
    let undo = Undo::cables(UndoAction::LabelsPrinted, marked);
    assert_eq!(undo.count, 2);
    a.sync();
    b.sync();
    // On b: the first cable's labels printed again, the second one's colour changed.
    b.workspace
        .mark_cables_printed(&[one.id], &b.stamp(20))
        .expect("printed again");
    let second = b.workspace.cable_by_id(two.id).expect("cable");
    b.workspace
        .edit_cable(
            two.id,
            &CableEdit {
                kind: second.kind,
                colour: "노랑".into(),
                length: second.length,
                length_unit: second.length_unit,
                label: second.label.clone(),
                route_notes: second.route_notes.clone(),
            },
            &b.stamp(21),
        )
        .expect("colour");
    b.sync();
    a.sync();

    let report = a.workspace.undo(&undo, &a.stamp(30)).expect("undone");
    assert_eq!(report.restored, 1);
    assert_eq!(
        (
            report.kept[0].record.as_str(),
            report.kept[0].field.as_str()
        ),
        (one.label.as_str(), "printed")
    );
    a.sync();
    b.sync();
    for device in [&a, &b] {
        let first = device.workspace.cable_by_id(one.id).expect("cable");
        let second = device.workspace.cable_by_id(two.id).expect("cable");
        assert_eq!(first.printed_at_ms, Some(20), "b's later print kept");
        assert_eq!(second.printed_at_ms, None, "the mark taken back");
        assert_eq!(second.colour, "노랑", "b's colour untouched");
    }
}
