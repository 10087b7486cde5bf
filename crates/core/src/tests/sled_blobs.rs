//! sled's blob files (`store/blobs/`). sled 0.34 writes a tree node larger than a quarter of
//! a segment (128 KiB here: a leaf of an attached file's 64 KiB chunks) to a file of its own,
//! named by the LSN of the log record that names it (`pagecache/blob_io.rs` `write_blob`),
//! and never syncs it or its folder. An attachment is acknowledged only once every such file
//! it made is on the disk with its folder entry, and an ordinary edit syncs nothing more than
//! the log; a store whose log names a blob file that is missing or cut short is refused
//! before sled opens it, unchanged.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assets::{AssetInput, AssetQuery, AssetRow};
use crate::demo::{generate, DemoOptions};
use crate::ids::AssetId;
use crate::kinds::registry;
use crate::store::faults::{
    copy_dir, truncate_file, FaultError, FaultPlan, FaultyTree, FlushFault,
};
use crate::store::integrity::check_sled_store;
use crate::store::recover::recover_store;
use crate::store::{Store, Workspace};
use crate::testkit::stamp;
use crate::tests::integrity::assert_refused_unchanged;

/// `bytes` of a photo or a PDF: nothing zstd can shrink (sled compresses a node before it
/// decides whether it goes to a file of its own), different for each `seed`.
fn incompressible(bytes: usize, seed: u64) -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (0..bytes.div_ceil(8))
        .flat_map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()
        })
        .take(bytes)
        .collect()
}

fn asset(ws: &Workspace, n: u128) -> AssetId {
    let id = AssetId(ulid::Ulid(100 + n));
    let input = AssetInput {
        asset_tag: Some(format!("PT1-SRV-{n:04}")),
        asset_type: Some("server".into()),
        status: Some("in_stock".into()),
        ..AssetInput::default()
    };
    ws.register_asset(id, &input, &stamp(10)).expect("register");
    id
}

fn open_workspace(data: &Path) -> (Store, Arc<Workspace>) {
    let store = Store::open(data).expect("open");
    let meta = match store.workspaces().expect("workspaces").into_iter().next() {
        Some(meta) => meta,
        None => store.create_workspace("평택 1센터", 1).expect("workspace"),
    };
    let ws = store.workspace(&meta.id).expect("open workspace");
    (store, ws)
}

fn blob_files(store_path: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(store_path.join("blobs"))
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn a_crash_image_of_only_what_was_synced_keeps_an_acknowledged_attachment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let (store, ws) = open_workspace(&data);
    let id = asset(&ws, 1);
    let bytes = incompressible(1024 * 1024, 1);
    let attachment = ws
        .attach_to_asset(id, "랙 사진.jpg", "image/jpeg", &bytes, &stamp(20))
        .expect("attached: acknowledged");

    let store_path = data.join("store");
    let written = blob_files(&store_path);
    assert!(
        !written.is_empty(),
        "the attachment's leaves should have gone to blob files"
    );
    // What a power cut now leaves: the log and the record as they are (the log was synced),
    // and of sled's blob files only those synced with their folder synced after them (a
    // file never synced may come back empty or not at all; here: not at all).
    let synced = store.durability().expect("durability").synced();
    let folder = store_path.join("blobs");
    let crash = dir.path().join("crash");
    copy_dir(&data, &crash).expect("crash image");
    let mut lost = Vec::new();
    for file in &written {
        let durable = synced
            .iter()
            .rposition(|path| path == file)
            .is_some_and(|at| synced[at..].contains(&folder));
        if !durable {
            let name = file.file_name().expect("name");
            std::fs::remove_file(crash.join("store/blobs").join(name)).expect("remove");
            lost.push(name.to_string_lossy().into_owned());
        }
    }
    drop(ws);
    drop(store);

    let (_store, ws) = open_workspace(&crash);
    assert_eq!(ws.blob(&attachment.sha256).expect("read"), Some(bytes));
    assert_eq!(ws.asset_attachments(id).expect("list"), vec![attachment]);
    assert!(
        lost.is_empty(),
        "blob files of the acknowledged attachment not synced: {lost:?}"
    );
}

/// A write that failed after sled wrote its blob files (its flush failed before syncing)
/// is not acknowledged, but it is whole in the log, so sled's next open keeps it and later
/// edits build on it: that open syncs its blob files.
#[test]
fn the_blob_files_of_a_failed_write_are_synced_when_the_store_opens_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open(dir.path()).expect("open");
        let meta = store.create_workspace("평택 1센터", 1).expect("workspace");
        let tree = Arc::new(store.workspace_tree(&meta.id).expect("tree"));
        let plan = FaultPlan {
            failed_flushes: [2].into(),
            flush_fault: Some(FlushFault::BeforeSync),
            error: Some(FaultError::Io),
            ..FaultPlan::default()
        };
        let faulty = Arc::new(FaultyTree::new(tree, plan));
        let ws = Workspace::open(meta, faulty, store.registry()).expect("open workspace");
        let id = asset(&ws, 1);
        let bytes = incompressible(1024 * 1024, 3);
        ws.attach_to_asset(id, "사진.jpg", "image/jpeg", &bytes, &stamp(20))
            .expect_err("its flush failed: not acknowledged");
    }
    // sled wrote the failed write's records as it closed; the record of the last
    // acknowledged write does not count them.
    let store_path = dir.path().join("store");
    let report = check_sled_store(&store_path).expect("check");
    assert!(report.is_whole(), "{report:?}");
    assert!(!report.blob_files_past_acked.is_empty(), "{report:?}");

    let (store, _ws) = open_workspace(dir.path());
    let synced = store.durability().expect("durability").synced();
    let folder = store_path.join("blobs");
    for id in &report.blob_files_past_acked {
        let file = folder.join(id.to_string());
        let at = synced.iter().position(|path| *path == file);
        assert!(
            at.is_some_and(|at| synced[at..].contains(&folder)),
            "blob file {id} not synced at open: {synced:?}"
        );
    }
}

/// An ordinary edit (a few KiB) syncs what it synced before blob files were: the log, and
/// the record at most once a second; and a blob file only when sled wrote a new one during
/// that edit. That happens in a store with attached files when the edit's keys share a
/// leaf with a file's chunks, or when sled, cleaning a segment as the edit writes, moves
/// such a leaf: the new file holds the attachment from then on.
#[test]
fn an_ordinary_edit_syncs_only_the_log_the_record_and_blob_files_it_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, ws) = open_workspace(dir.path());
    let options = DemoOptions {
        assets: 50,
        seed: 1,
    };
    generate(&ws, &options, &stamp(1)).expect("demo");
    let rows = ws
        .query_assets(&AssetQuery {
            limit: 50,
            ..AssetQuery::default()
        })
        .rows;
    let durability = store.durability().expect("durability");
    let store_path = dir.path().join("store");
    let the_log_and_the_record = [store_path.join("db"), store_path.join("acked")];
    let edit = |n: usize, row: &AssetRow| {
        let before = durability.synced().len();
        let files_before = blob_files(&store_path);
        let input = AssetInput {
            notes: Some(format!("점검 {n}")),
            ..AssetInput::default()
        };
        ws.edit_asset(row.asset.id, &input, &stamp(30 + n as i64))
            .expect("edit");
        let synced = durability.synced()[before..].to_vec();
        let log_syncs = synced.iter().filter(|path| path.ends_with("db")).count();
        assert_eq!(log_syncs, 1, "edit {n}: {synced:?}");
        let blob_files_synced: Vec<&PathBuf> = synced
            .iter()
            .filter(|path| !the_log_and_the_record.contains(path))
            .filter(|path| **path != store_path.join("blobs"))
            .collect();
        for file in &blob_files_synced {
            assert!(
                file.starts_with(store_path.join("blobs")) && !files_before.contains(file),
                "edit {n} synced {file:?}, which it did not make: {synced:?}"
            );
        }
        blob_files_synced.len()
    };
    // Without large values: never a blob file.
    for (n, row) in rows[..20].iter().enumerate() {
        assert_eq!(edit(n, row), 0);
    }
    assert!(blob_files(&store_path).is_empty());
    // With an attached file: only those the edit made.
    let bytes = incompressible(300 * 1024, 2);
    ws.attach_to_asset(
        rows[0].asset.id,
        "도면.pdf",
        "application/pdf",
        &bytes,
        &stamp(20),
    )
    .expect("attach");
    for (n, row) in rows[15..35].iter().enumerate() {
        edit(20 + n, row);
    }
}

/// A data directory whose one asset has eight attached files, closed and opened once more
/// (as the next start does).
fn store_with_attachments() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let (_store, ws) = open_workspace(dir.path());
        let id = asset(&ws, 1);
        for n in 0..8 {
            let bytes = incompressible(1024 * 1024, 10 + n);
            ws.attach_to_asset(
                id,
                &format!("사진 {n}.jpg"),
                "image/jpeg",
                &bytes,
                &stamp(20),
            )
            .expect("attach");
        }
    }
    drop(open_workspace(dir.path()));
    dir
}

#[test]
fn blob_files_sled_removed_after_rewriting_their_node_are_not_damage() {
    let dir = store_with_attachments();
    let report = check_sled_store(&dir.path().join("store")).expect("check");
    assert!(report.is_whole(), "{report:?}");
    assert!(report.blob_files_needed > 0, "{report:?}");
    // sled removes a blob file once the node in it was written again; the log keeps naming
    // it until the segment is reused.
    assert!(report.blob_files_superseded > 0, "{report:?}");
    let (_store, ws) = open_workspace(dir.path());
    let id = AssetId(ulid::Ulid(101));
    for (n, attachment) in ws.asset_attachments(id).expect("list").iter().enumerate() {
        let bytes = incompressible(1024 * 1024, 10 + n as u64);
        assert_eq!(ws.blob(&attachment.sha256).expect("read"), Some(bytes));
    }
}

/// The blob files the log needs: removing any one of them loses a node.
fn needed_blob_files(store_path: &Path) -> Vec<PathBuf> {
    let report = check_sled_store(store_path).expect("check");
    assert!(report.is_whole(), "{report:?}");
    let needed: Vec<PathBuf> = blob_files(store_path)
        .into_iter()
        .filter(|file| {
            let name = file
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let aside = file.with_file_name(format!("{name}.aside"));
            std::fs::rename(file, &aside).expect("aside");
            let refused = !check_sled_store(store_path).expect("check").is_whole();
            std::fs::rename(&aside, file).expect("back");
            refused
        })
        .collect();
    assert_eq!(needed.len(), report.blob_files_needed, "{report:?}");
    needed
}

#[test]
fn a_missing_blob_file_the_log_needs_is_refused_unchanged() {
    let dir = store_with_attachments();
    let store_path = dir.path().join("store");
    let needed = needed_blob_files(&store_path);
    let newest = needed.last().expect("a needed blob file");
    std::fs::remove_file(newest).expect("remove");
    let message = assert_refused_unchanged(dir.path());
    let name = newest.file_name().expect("name").to_string_lossy();
    assert!(
        message.contains(&format!("store/blobs/{name}")),
        "{message}"
    );
    assert!(message.contains("missing"), "{message}");
}

#[test]
fn a_blob_file_cut_short_is_refused_unchanged() {
    let dir = store_with_attachments();
    let store_path = dir.path().join("store");
    let needed = needed_blob_files(&store_path);
    let oldest = needed.first().expect("a needed blob file");
    let length = std::fs::metadata(oldest).expect("size").len();
    truncate_file(oldest, length / 2).expect("cut");
    let message = assert_refused_unchanged(dir.path());
    let name = oldest.file_name().expect("name").to_string_lossy();
    assert!(
        message.contains(&format!("store/blobs/{name}")),
        "{message}"
    );
    assert!(message.contains("cut short or damaged"), "{message}");
}

#[test]
fn a_store_refused_for_a_missing_blob_file_is_recovered_with_what_remains() {
    let dir = store_with_attachments();
    let needed = needed_blob_files(&dir.path().join("store"));
    std::fs::remove_file(needed.last().expect("a needed blob file")).expect("remove");
    assert_refused_unchanged(dir.path());

    let report = recover_store(dir.path(), registry(), 1_765_000_100_000).expect("recover");
    let recovered = &report.workspaces[0];
    assert_eq!(recovered.recovered.len(), 1, "{}", report.text());
    assert_eq!(
        recovered.blobs_recovered + recovered.blobs_lost,
        8,
        "{}",
        report.text()
    );
    assert!(recovered.blobs_lost > 0, "{}", report.text());
    let (_store, ws) = open_workspace(dir.path());
    let attachments = ws
        .asset_attachments(AssetId(ulid::Ulid(101)))
        .expect("list");
    assert_eq!(attachments.len(), 8);
    let mut readable = 0;
    for (n, attachment) in attachments.iter().enumerate() {
        if let Some(bytes) = ws.blob(&attachment.sha256).expect("read") {
            assert_eq!(bytes, incompressible(1024 * 1024, 10 + n as u64));
            readable += 1;
        }
    }
    assert_eq!(readable, recovered.blobs_recovered);
}
