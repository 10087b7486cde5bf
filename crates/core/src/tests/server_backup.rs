//! The team server's side of backups: a hub's workspace copied while devices push, restored
//! into a new store with a new feed epoch, and devices that synced after the copy putting
//! back what the restored server lacks. In process, through the wire encoding.

use std::sync::Arc;

use automerge::AutoCommit;

use crate::assets::{apply_input, Asset, AssetInput};
use crate::ids::AssetId;
use crate::store::backup::{read_export, write_export};
use crate::store::Store;
use crate::sync::hub::backup::{restore_workspace, FeedBackup, HubRestoreError, HubSnapshot};
use crate::sync::hub::Hub;
use crate::sync::protocol::FeedEpoch;
use crate::sync::EpochCheck;
use crate::testkit::{device, server, Device};

fn notes(value: &str) -> AssetInput {
    AssetInput {
        notes: Some(value.into()),
        ..AssetInput::default()
    }
}

/// Writes a hub's copy as a workspace folder and reads it back checked, as a restore does.
fn through_a_folder(
    snapshot: &HubSnapshot,
) -> (tempfile::TempDir, crate::store::backup::VerifiedExport) {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("workspace");
    write_export(&snapshot.workspace, &folder, 5, "test").expect("written");
    let export = read_export(&folder).expect("whole");
    (dir, export)
}

#[test]
fn a_new_feed_epoch_sends_a_device_back_to_the_feed_start_with_everything_queued() {
    let server = server();
    let mut a = device(&server, "a");
    for n in 1..=3u128 {
        a.register(n, &format!("EP-{n}"));
    }
    // The second pass reads the feed past the first one's pushes.
    a.sync();
    a.sync();
    assert_eq!(
        a.workspace.sync_epoch().expect("epoch"),
        Some(server.hub.epoch())
    );
    assert_eq!(a.workspace.sync_pending().expect("pending"), 0);
    assert!(a.workspace.sync_cursor().expect("cursor") > 0);
    let rows = a.rows();

    let same = a
        .workspace
        .note_feed_epoch(server.hub.epoch())
        .expect("same");
    assert_eq!(same, EpochCheck::Same);
    assert_eq!(a.workspace.sync_pending().expect("pending"), 0);

    let other = FeedEpoch([7; 16]);
    let check = a.workspace.note_feed_epoch(other).expect("other");
    assert_eq!(check, EpochCheck::StartedOver);
    assert_eq!(a.workspace.sync_cursor().expect("cursor"), 0);
    assert_eq!(
        a.workspace.sync_pending().expect("pending"),
        3,
        "every document goes again"
    );
    assert_eq!(a.workspace.sync_epoch().expect("epoch"), Some(other));
    assert_eq!(a.rows(), rows, "nothing local changed");
    assert_eq!(
        a.workspace.note_feed_epoch(other).expect("again"),
        EpochCheck::Same
    );
}

#[test]
fn the_first_epoch_a_device_sees_is_kept_without_starting_over() {
    let server = server();
    let mut a = device(&server, "a");
    a.register(1, "EP-1");
    a.sync();
    let mut b = device(&server, "b");
    b.sync();
    // A device bound before epochs existed holds a cursor and no epoch.
    let cursor = b.workspace.sync_cursor().expect("cursor");
    let mut batch = crate::store::kv::Batch::default();
    batch.delete(b"y/epoch".to_vec());
    b.workspace.commit(batch).expect("forget the epoch");
    assert_eq!(
        b.workspace
            .note_feed_epoch(server.hub.epoch())
            .expect("first"),
        EpochCheck::First
    );
    assert_eq!(b.workspace.sync_cursor().expect("cursor"), cursor);
    assert_eq!(b.workspace.sync_pending().expect("pending"), 0);
    let again = b.sync();
    assert_eq!((again.pushed, again.pulled), (0, 0));
}

#[test]
fn devices_put_back_what_a_server_restored_from_an_earlier_backup_lacks() {
    let server = server();
    let mut a = device(&server, "a");
    let mut b = device(&server, "b");
    let early: Vec<AssetId> = (1..=10u128)
        .map(|n| a.register(n, &format!("BK-{n:02}")))
        .collect();
    a.sync();
    b.sync();
    let snapshot = server.hub.backup_snapshot(&mut |_| {}).expect("backup");
    assert_eq!(snapshot.workspace.documents.len(), 10);
    assert_eq!(snapshot.feed.records.len(), 10);
    let (_folder, export) = through_a_folder(&snapshot);

    // Acknowledged by the server after the backup: new assets, edits, a file.
    let late: Vec<AssetId> = (11..=15u128)
        .map(|n| a.register(n, &format!("BK-{n:02}")))
        .collect();
    a.edit(early[0], notes("a, after the backup"), 100);
    a.sync();
    b.sync();
    b.edit(early[1], notes("b, after the backup"), 101);
    let photo = b"rack photo after the backup".to_vec();
    let file = b
        .workspace
        .attach_to_asset(early[2], "rack.jpg", "image/jpeg", &photo, &b.stamp(102))
        .expect("attach");
    b.sync();
    a.sync();
    assert_eq!(a.workspace.sync_pending().expect("pending"), 0);
    assert_eq!(b.workspace.sync_pending().expect("pending"), 0);
    let before = a.rows();
    assert_eq!(before.len(), 15);

    // The server is lost and restored from the backup into a new data directory.
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("new server store");
    let restored =
        restore_workspace(&store, &export, &snapshot.feed, FeedEpoch([3; 16])).expect("restore");
    assert_eq!(restored.documents, 10);
    assert_eq!(restored.feed_records_added, 0);
    let hub = Arc::new(Hub::open(&store, &server.workspace, FeedEpoch([9; 16])).expect("hub"));
    assert_eq!(
        hub.epoch(),
        FeedEpoch([3; 16]),
        "the restore's epoch, not a new one"
    );
    assert_eq!(hub.stats().documents, 10);
    for device in [&mut a, &mut b] {
        device.transport.hub = hub.clone();
    }

    let said = a.sync();
    // Everything again, but the two documents holding b's changes since the backup: only
    // their author may put those back, so they wait on a until b has.
    assert!(said.pushed >= 13, "a sends everything again: {said:?}");
    assert_eq!(said.held_back, 2, "{said:?}");
    assert_eq!(b.sync().held_back, 0);
    assert_eq!(a.sync().held_back, 0);
    let mut c = device_on(&hub, &server, "c");
    c.sync();
    for device in [&a, &b, &c] {
        assert_eq!(device.rows(), before, "{}", device.transport.client);
    }
    for device in [&a, &b, &c] {
        let found = device.workspace.asset("BK-01").expect("BK-01").asset;
        assert_eq!(found.notes, "a, after the backup");
        let found = device.workspace.asset("BK-02").expect("BK-02").asset;
        assert_eq!(found.notes, "b, after the backup");
        assert_eq!(
            device.workspace.blob(&file.sha256).expect("read"),
            Some(photo.clone()),
            "{}",
            device.transport.client
        );
    }
    assert_eq!(hub.stats().documents, 15);
    assert!(late
        .iter()
        .all(|id| c.rows().iter().any(|row| row.asset.id == *id)));
}

/// A device logged in to `hub` (the server's workspace id, a store of its own).
fn device_on(hub: &Arc<Hub>, server: &crate::testkit::Server, name: &str) -> Device {
    let mut fresh = device(server, name);
    fresh.transport.hub = hub.clone();
    fresh
}

#[test]
fn a_restore_refuses_a_store_that_has_the_workspace_and_a_feed_it_cannot_read() {
    let server = server();
    let mut a = device(&server, "a");
    a.register(1, "RF-1");
    a.sync();
    let snapshot = server.hub.backup_snapshot(&mut |_| {}).expect("backup");
    let (_folder, export) = through_a_folder(&snapshot);
    let refused = restore_workspace(&server._store, &export, &snapshot.feed, FeedEpoch([3; 16]));
    assert!(matches!(refused, Err(HubRestoreError::WorkspaceExists(_))));

    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let mut bad = snapshot.feed.clone();
    bad.records[0].heads = vec!["not hex".into()];
    let refused = restore_workspace(&store, &export, &bad, FeedEpoch([3; 16]));
    assert!(
        matches!(refused, Err(HubRestoreError::Feed { .. })),
        "{refused:?}"
    );
    let newer = FeedBackup {
        version: 99,
        ..snapshot.feed.clone()
    };
    let refused = restore_workspace(&store, &export, &newer, FeedEpoch([3; 16]));
    assert!(
        matches!(refused, Err(HubRestoreError::Feed { .. })),
        "{refused:?}"
    );
    assert!(
        store.workspaces().expect("list").is_empty(),
        "nothing listed"
    );
}

#[test]
fn a_backup_taken_while_pushes_go_on_holds_documents_and_feed_of_one_moment() {
    let server = server();
    let mut a = device(&server, "a");
    let assets: Vec<Asset> = (0..6_000u32)
        .map(|n| {
            let input = AssetInput {
                asset_tag: Some(format!("CC-{n:05}")),
                asset_type: Some("server".into()),
                status: Some("in_use".into()),
                ..AssetInput::default()
            };
            let id = AssetId(ulid::Ulid::from_parts(7, u128::from(n)));
            apply_input(&Asset::blank(id), &input).expect("valid")
        })
        .collect();
    let ids: Vec<AssetId> = assets.iter().map(|asset| asset.id).collect();
    a.workspace
        .insert_assets(assets, &a.stamp(1), "import")
        .expect("insert");
    a.sync();
    // Between the copy's pieces (its lock let go), a device pushes edits to documents already
    // copied and not yet copied, and a new one: the copy must end up with all of them.
    let mut pieces = 0;
    let snapshot = server
        .hub
        .backup_snapshot(&mut |_| {
            pieces += 1;
            if pieces <= 2 {
                for id in [ids[0], ids[2_500], ids[5_999]] {
                    a.edit(id, notes(&format!("during piece {pieces}")), 1_000 + pieces);
                }
                a.register(90_000 + pieces as u128, &format!("CC-NEW-{pieces}"));
                assert_eq!(
                    a.sync().pushed,
                    4,
                    "the push does not wait for the whole copy"
                );
            }
        })
        .expect("backup");
    assert!(pieces > 3, "the copy went in pieces: {pieces}");
    let docs = &snapshot.workspace.documents;
    assert_eq!(docs.len(), 6_002);
    assert_eq!(
        snapshot.feed.records.len(),
        6_002,
        "one record per document"
    );
    let hub_side = server
        ._store
        .workspace(&server.workspace)
        .expect("hub's workspace");
    let heads_of = |bytes: &[u8]| {
        let mut doc = AutoCommit::load(bytes).expect("a whole document");
        let mut heads: Vec<String> = doc.get_heads().iter().map(|h| h.to_string()).collect();
        heads.sort();
        heads
    };
    let by_id: std::collections::HashMap<&str, &[u8]> = docs
        .iter()
        .map(|(id, bytes)| (id.as_str(), bytes.as_slice()))
        .collect();
    for record in &snapshot.feed.records {
        let bytes = by_id.get(record.doc_id.as_str()).expect("its document");
        let heads = heads_of(bytes);
        let mut recorded = record.heads.clone();
        recorded.sort();
        assert_eq!(
            heads, recorded,
            "{}: feed and document of different moments",
            record.doc_id
        );
        let mut now = crate::store::docs::load(hub_side.tree.as_ref(), &record.doc_id)
            .expect("load")
            .expect("on the server");
        let mut now_heads: Vec<String> =
            now.doc.get_heads().iter().map(|h| h.to_string()).collect();
        now_heads.sort();
        assert_eq!(
            heads, now_heads,
            "{}: the copy is not the server's last state",
            record.doc_id
        );
        assert!(record.seq <= snapshot.feed.last_seq);
    }
}
