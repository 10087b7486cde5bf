//! Bulk edits of assets on a real store: the preview says what would change and writes
//! nothing; the edit writes only what it says; a restore puts back exactly what was there and
//! keeps what was changed since.

use super::*;
use crate::assets::{AssetInput, AssetQuery};
use crate::testkit::{fresh_workspace, register, stamp};

fn input(status: &str, owner: &str, tags: &str) -> AssetInput {
    AssetInput {
        status: Some(status.into()),
        owner: Some(owner.into()),
        tags: Some(tags.into()),
        ..AssetInput::default()
    }
}

fn assets(ws: &Workspace) -> Vec<Asset> {
    let mut rows: Vec<Asset> = ws
        .query_assets(&AssetQuery::default())
        .rows
        .into_iter()
        .map(|row| row.asset)
        .collect();
    rows.sort_by_key(|asset| asset.id);
    rows
}

#[test]
fn a_preview_counts_and_names_the_changes_and_writes_nothing() {
    let (_dir, _store, ws) = fresh_workspace();
    let a = register(&ws, 1, "PT1-SRV-0001");
    let b = register(&ws, 2, "PT1-SRV-0002");
    let c = register(&ws, 3, "PT1-SRV-0003");
    ws.edit_asset(b, &input("in_use", "", ""), &stamp(5))
        .expect("b in use");
    let before = assets(&ws);
    let edit = BulkAssetEdit {
        ids: vec![a, b, c, a],
        status: Some(AssetStatus::InUse),
        ..BulkAssetEdit::default()
    };
    let preview = ws.bulk_asset_preview(&edit);
    assert_eq!(
        (preview.selected, preview.changing, preview.unchanged),
        (4, 2, 1)
    );
    let named: Vec<&str> = preview.changes.iter().map(|c| c.tag.as_str()).collect();
    assert_eq!(named, ["PT1-SRV-0001", "PT1-SRV-0003"]);
    assert_eq!(preview.changes[0].was.status, Some(AssetStatus::InStock));
    assert_eq!(preview.changes[0].now.status, Some(AssetStatus::InUse));
    assert_eq!(preview.changes[0].was.owner, None, "not about the owner");
    assert_eq!(assets(&ws), before, "a preview writes nothing");

    let disposed = BulkAssetEdit {
        ids: vec![a],
        status: Some(AssetStatus::Disposed),
        ..BulkAssetEdit::default()
    };
    assert_eq!(
        ws.bulk_asset_preview(&disposed).problems[0].code,
        "disposal_needs_record"
    );
    assert!(matches!(
        ws.bulk_edit_assets(&disposed, &stamp(6)),
        Err(AssetError::Invalid(_))
    ));
    let control = BulkAssetEdit {
        ids: vec![a],
        owner: Some("김\u{7}".into()),
        ..BulkAssetEdit::default()
    };
    assert!(!ws.bulk_asset_preview(&control).problems.is_empty());
    assert_eq!(assets(&ws), before, "refusals write nothing");
}

#[test]
fn a_bulk_edit_writes_status_owner_and_tags_and_a_restore_puts_back_exactly_what_was_there() {
    let (_dir, _store, ws) = fresh_workspace();
    let a = register(&ws, 1, "PT1-SRV-0001");
    let b = register(&ws, 2, "PT1-SRV-0002");
    ws.edit_asset(
        a,
        &input("in_use", "박지훈", "gpu, rack-a, spare"),
        &stamp(5),
    )
    .expect("a");
    ws.edit_asset(b, &input("maintenance", "", "spare"), &stamp(6))
        .expect("b");
    let before = assets(&ws);
    let edit = BulkAssetEdit {
        ids: vec![a, b],
        status: Some(AssetStatus::Retiring),
        owner: Some(" 이서연 ".into()),
        add_tags: vec!["eol-2027".into()],
        remove_tags: vec!["rack-a".into(), "spare".into()],
    };
    let written = ws.bulk_edit_assets(&edit, &stamp(10)).expect("edited");
    assert_eq!(written.len(), 2);
    let after = assets(&ws);
    assert_eq!(after[0].status, AssetStatus::Retiring);
    assert_eq!(after[0].owner, "이서연");
    assert_eq!(after[0].tags, ["gpu", "eol-2027"]);
    assert_eq!(after[1].tags, ["eol-2027"]);
    let history = ws.asset_history(a).expect("history");
    assert_eq!(history[0].op, "bulk-edit");

    let kept = ws
        .restore_asset_fields(&written, &stamp(11))
        .expect("undone");
    assert_eq!(kept, []);
    assert_eq!(
        assets(&ws),
        before,
        "every field as it was, tags in their order"
    );
    assert_eq!(ws.asset_history(a).expect("history")[0].op, "undo");
    // Undone twice: nothing left to put back, nothing written.
    let changes = ws.asset_history(a).expect("history").len();
    ws.restore_asset_fields(&written, &stamp(12))
        .expect("again");
    assert_eq!(ws.asset_history(a).expect("history").len(), changes);
}

#[test]
fn a_restore_keeps_a_field_changed_since_and_leaves_other_fields_alone() {
    let (_dir, _store, ws) = fresh_workspace();
    let a = register(&ws, 1, "PT1-SRV-0001");
    let edit = BulkAssetEdit {
        ids: vec![a],
        status: Some(AssetStatus::Maintenance),
        owner: Some("이서연".into()),
        add_tags: vec!["rma".into()],
        ..BulkAssetEdit::default()
    };
    let written = ws.bulk_edit_assets(&edit, &stamp(10)).expect("edited");
    let later = AssetInput {
        status: Some("in_use".into()),
        notes: Some("교체 완료".into()),
        tags: Some("rma, checked".into()),
        ..AssetInput::default()
    };
    ws.edit_asset(a, &later, &stamp(11)).expect("edited since");
    let kept = ws
        .restore_asset_fields(&written, &stamp(12))
        .expect("undone");
    assert_eq!(
        kept,
        [KeptField {
            record: "PT1-SRV-0001".into(),
            field: "status".into(),
            reason: KeptReason::ChangedSince,
        }]
    );
    let asset = ws.asset("PT1-SRV-0001").expect("row").asset;
    assert_eq!(asset.status, AssetStatus::InUse, "the later status stays");
    assert_eq!(asset.owner, "", "the owner goes back");
    assert_eq!(
        asset.tags,
        ["checked"],
        "the tag the edit added goes, a later one stays"
    );
    assert_eq!(asset.notes, "교체 완료", "never touched");
}
