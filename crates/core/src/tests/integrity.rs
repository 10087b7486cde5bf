//! A damaged store is refused before sled opens it, and left byte for byte as it was; an
//! undamaged one, or one whose last write was torn by a crash, opens with everything it
//! acknowledged (`store::integrity`). Stores are real: a demo workspace written through the
//! store, closed, then opened once more as the next start of the app or the CLI does.

use std::path::{Path, PathBuf};

use rand::{Rng, SeedableRng};

use crate::assets::{AssetInput, AssetQuery};
use crate::demo::{generate, DemoOptions};
use crate::ids::AssetId;
use crate::store::integrity::acked::read_acked;
use crate::store::integrity::check_sled_store;
use crate::store::{Store, StoreError};
use crate::testkit::{files, stamp};

const ASSETS: usize = 50;

/// A data directory holding a demo workspace of `ASSETS` assets, closed, then opened and
/// closed again.
fn store_with_assets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open(dir.path()).expect("open");
        let meta = store.create_workspace("평택 1센터", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open workspace");
        let options = DemoOptions {
            assets: ASSETS,
            seed: 1,
        };
        generate(&workspace, &options, &stamp(1)).expect("demo");
    }
    assert_eq!(asset_count(dir.path()).expect("reopen"), ASSETS as u32);
    dir
}

/// Opens the store and counts the assets of its one workspace.
fn asset_count(dir: &Path) -> Result<u32, StoreError> {
    let store = Store::open(dir)?;
    let meta = store.workspaces()?.into_iter().next().expect("a workspace");
    let workspace = store.workspace(&meta.id)?;
    Ok(workspace.query_assets(&AssetQuery::default()).total)
}

fn copy_of(dir: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("tempdir");
    for (path, bytes) in files(dir) {
        let target = copy.path().join(path.strip_prefix(dir).expect("inside"));
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, bytes).expect("write");
    }
    copy
}

/// Three attempts to open are each refused as damaged, and no file changes.
pub(crate) fn assert_refused_unchanged(dir: &Path) -> String {
    let before = files(dir);
    let mut message = String::new();
    for _ in 0..3 {
        match Store::open(dir) {
            Ok(_) => panic!("a damaged store opened"),
            Err(error @ StoreError::Damaged { .. }) => message = error.to_string(),
            Err(other) => panic!("refused, but not as damaged: {other}"),
        }
    }
    assert!(
        files(dir) == before,
        "a refused open changed the store's files"
    );
    message
}

fn log_path(dir: &Path) -> PathBuf {
    dir.join("store/db")
}

/// Changes the log's bytes; `change` also gets where its data ends (sled zeroes the rest
/// of the last segment on open, so the file is longer than what it holds).
fn damage_log(dir: &Path, change: impl FnOnce(&mut Vec<u8>, usize)) {
    let report = check_sled_store(&dir.join("store")).expect("check");
    let mut bytes = std::fs::read(log_path(dir)).expect("read log");
    change(&mut bytes, report.end_offset as usize);
    std::fs::write(log_path(dir), bytes).expect("write log");
}

#[test]
fn an_undamaged_store_passes_the_check_and_opens_whole() {
    let dir = store_with_assets();
    let report = check_sled_store(&dir.path().join("store")).expect("check");
    assert!(report.is_whole(), "{report:?}");
    assert!(report.messages > 0 && report.segments > 0);
    assert_eq!(report.torn_final_write, None);
    assert_eq!(asset_count(dir.path()).expect("open"), ASSETS as u32);
}

#[test]
fn one_flipped_byte_in_the_middle_of_the_log_is_refused_unchanged() {
    let dir = store_with_assets();
    damage_log(dir.path(), |bytes, end| bytes[end / 2] ^= 0x40);
    let message = assert_refused_unchanged(dir.path());
    assert!(message.contains("store/db at byte"), "{message}");
    assert!(message.contains("restore it from a backup"), "{message}");
}

#[test]
fn scattered_damage_is_refused_unchanged() {
    let dir = store_with_assets();
    let mut random = rand::rngs::StdRng::seed_from_u64(15);
    damage_log(dir.path(), |bytes, end| {
        for _ in 0..200 {
            let at = random.gen_range(0..end);
            bytes[at] ^= 0xFF;
        }
    });
    assert_refused_unchanged(dir.path());
}

#[test]
fn a_truncated_log_is_refused_unchanged() {
    let dir = store_with_assets();
    damage_log(dir.path(), |bytes, end| bytes.truncate(end * 3 / 5));
    let message = assert_refused_unchanged(dir.path());
    assert!(
        message.contains("ends in the middle of a record"),
        "{message}"
    );
}

#[test]
fn a_zeroed_tail_is_refused_unchanged() {
    let dir = store_with_assets();
    damage_log(dir.path(), |bytes, end| bytes[end * 3 / 5..].fill(0));
    let message = assert_refused_unchanged(dir.path());
    assert!(message.contains("records as written"), "{message}");
}

#[test]
fn a_damaged_segment_header_is_refused_unchanged() {
    let dir = store_with_assets();
    damage_log(dir.path(), |bytes, _| bytes[6] ^= 0x01);
    let message = assert_refused_unchanged(dir.path());
    assert!(message.contains("segment"), "{message}");
}

/// One more durable edit: a new asset in the one workspace.
fn register_one(store: &Store, n: u128) {
    let meta = store.workspaces().expect("list").remove(0);
    let workspace = store.workspace(&meta.id).expect("workspace");
    let input = AssetInput {
        asset_tag: Some(format!("PT1-SRV-{n:04}")),
        asset_type: Some("server".into()),
        status: Some("in_stock".into()),
        ..AssetInput::default()
    };
    workspace
        .register_asset(AssetId(ulid::Ulid(n)), &input, &stamp(2))
        .expect("register");
}

/// The blind spot of sled's own files: edits acknowledged after the last open, then the log
/// zeroed (or cut) exactly where they began, at a message boundary. Nothing in sled's files
/// records that end, so without `store/acked` the store reads as whole and opens without the
/// edits. With it, the store is refused unchanged.
#[test]
fn a_log_zeroed_from_a_message_boundary_after_the_last_open_is_refused_unchanged() {
    for cut in ["zeroed", "truncated"] {
        let dir = store_with_assets();
        let boundary = {
            let store = Store::open(dir.path()).expect("open");
            let before = check_sled_store(&dir.path().join("store")).expect("check");
            for n in 0..5 {
                register_one(&store, 9_000 + n);
            }
            let after = check_sled_store(&dir.path().join("store")).expect("check");
            assert!(after.end_lsn > before.end_lsn);
            assert_eq!(
                read_acked(&dir.path().join("store")).expect("read"),
                Some(after.end_lsn),
                "the record reaches exactly where the log ends"
            );
            before.end_offset as usize
        };
        let whole = copy_of(dir.path());
        damage_log(dir.path(), |bytes, _| match cut {
            "zeroed" => {
                let segment_end = ((boundary / (512 * 1024) + 1) * 512 * 1024).min(bytes.len());
                bytes[boundary..segment_end].fill(0);
            }
            _ => bytes.truncate(boundary),
        });
        // What sled's files alone say: a whole store that ends at the boundary.
        let without_record = copy_of(dir.path());
        std::fs::remove_file(without_record.path().join("store/acked")).expect("remove");
        let report = check_sled_store(&without_record.path().join("store")).expect("check");
        assert!(report.is_whole(), "{cut}: {report:?}");
        assert_eq!(report.end_offset as usize, boundary, "{cut}");
        assert_eq!(
            asset_count(without_record.path()).expect("opens"),
            ASSETS as u32,
            "{cut}: without the record the store opens with the acknowledged edits gone"
        );

        let message = assert_refused_unchanged(dir.path());
        assert!(message.contains("store/acked"), "{cut}: {message}");
        assert_eq!(
            asset_count(whole.path()).expect("the undamaged copy opens"),
            ASSETS as u32 + 5
        );
    }
}

/// The record follows the log across segments (each 512 KiB): after every edit it holds
/// exactly the LSN the check finds the log ending at, and a store reopened goes on from
/// there.
#[test]
fn the_record_of_the_last_saved_edit_follows_the_log_across_segments() {
    let dir = store_with_assets();
    let store_path = dir.path().join("store");
    let mut segments_seen = std::collections::BTreeSet::new();
    for round in 0..2u128 {
        let store = Store::open(dir.path()).expect("open");
        let meta = store.workspaces().expect("list").remove(0);
        let workspace = store.workspace(&meta.id).expect("workspace");
        for n in 0..150u128 {
            let id = 10_000 + round * 1_000 + n;
            let input = AssetInput {
                asset_tag: Some(format!("PT1-SRV-{id:05}")),
                asset_type: Some("server".into()),
                status: Some("in_stock".into()),
                // Incompressible text, so the log grows across several segments.
                notes: Some(
                    (0..40)
                        .map(|_| format!("{:032x}", rand::random::<u128>()))
                        .collect(),
                ),
                ..AssetInput::default()
            };
            workspace
                .register_asset(AssetId(ulid::Ulid(id)), &input, &stamp(2))
                .expect("register");
            let report = check_sled_store(&store_path).expect("check");
            assert!(report.is_whole(), "{report:?}");
            assert_eq!(
                read_acked(&store_path).expect("read"),
                Some(report.end_lsn),
                "round {round}, edit {n}"
            );
            segments_seen.insert(report.end_lsn / (512 * 1024));
        }
    }
    assert!(
        segments_seen.len() >= 3,
        "the edits crossed segments: {segments_seen:?}"
    );
    assert_eq!(asset_count(dir.path()).expect("open"), ASSETS as u32 + 300);
}

/// A crash while sled writes the last edit: the log holds the store as it was before the
/// edit and the first part of what the edit wrote (the way sled's own crash tests leave
/// it: a write cut off at the end of the log, `sled/tests/test_crash_recovery.rs`). That
/// edit was never acknowledged; the store opens with everything before it.
#[test]
fn a_torn_final_write_opens_with_everything_acknowledged() {
    let dir = store_with_assets();
    let (before_edit, after_edit) = {
        let store = Store::open(dir.path()).expect("open");
        let meta = store.workspaces().expect("list").remove(0);
        let workspace = store.workspace(&meta.id).expect("workspace");
        let before_edit = copy_of(dir.path());
        let input = AssetInput {
            asset_tag: Some("PT1-SRV-9999".into()),
            asset_type: Some("server".into()),
            status: Some("in_stock".into()),
            ..AssetInput::default()
        };
        workspace
            .register_asset(AssetId(ulid::Ulid(9_999)), &input, &stamp(2))
            .expect("register");
        (
            before_edit,
            std::fs::read(log_path(dir.path())).expect("log"),
        )
    };
    let old = std::fs::read(log_path(before_edit.path())).expect("log");
    let first = (0..old.len()).find(|at| old[*at] != after_edit[*at]);
    let last = (0..old.len()).rev().find(|at| old[*at] != after_edit[*at]);
    let (Some(first), Some(last)) = (first, last) else {
        panic!("the edit wrote nothing into the log");
    };
    for landed in [(last - first) / 2, last - first] {
        let torn = copy_of(before_edit.path());
        damage_log(torn.path(), |bytes, _| {
            bytes[first..first + landed].copy_from_slice(&after_edit[first..first + landed]);
        });
        let report = check_sled_store(&torn.path().join("store")).expect("check");
        assert!(report.is_whole(), "{report:?}");
        // The edit's first messages may have landed whole; sled drops its batch from its
        // manifest on, since the batch's last message is not there. (A cut that falls just
        // between two of the edit's batches, as sled's buffers happen to lay them out, is a
        // clean end with nothing torn.)
        assert!(
            report.torn_final_write.is_none_or(|at| at >= first as u64),
            "{report:?}"
        );
        assert!(report.end_offset >= first as u64, "{report:?}");
        assert_eq!(asset_count(torn.path()).expect("opens"), ASSETS as u32);
        // Writing on from where sled's recovery ended the log (at the torn batch's
        // manifest), the record follows the log exactly.
        {
            let store = Store::open(torn.path()).expect("reopen");
            register_one(&store, 8_888);
        }
        let report = check_sled_store(&torn.path().join("store")).expect("check");
        assert!(report.is_whole(), "{report:?}");
        assert_eq!(
            read_acked(&torn.path().join("store")).expect("read"),
            Some(report.end_lsn)
        );
        assert_eq!(asset_count(torn.path()).expect("opens"), ASSETS as u32 + 1);
    }
}

/// A crash between two writes in flight: the later reached the file, the earlier did not
/// (sled writes its buffers on several threads; a batch's manifest is written last, so a
/// kill can leave it zeros with the batch's messages after it). Neither was acknowledged.
/// With `store/acked` the check knows the log reaches every acknowledged write and opens
/// the store whole; a store without the record cannot be told from damage and is refused.
#[test]
fn a_crash_that_cut_an_earlier_write_while_a_later_one_landed_opens_whole() {
    let dir = store_with_assets();
    let before_edit = copy_of(dir.path());
    {
        let store = Store::open(dir.path()).expect("open");
        register_one(&store, 9_999);
    }
    let old = std::fs::read(log_path(before_edit.path())).expect("log");
    let new = std::fs::read(log_path(dir.path())).expect("log");
    let first = (0..old.len().min(new.len()))
        .find(|at| old[*at] != new[*at])
        .expect("the edit wrote into the log");
    let report = check_sled_store(&before_edit.path().join("store")).expect("check");
    let start = report.end_offset as usize;
    assert!(start <= first, "the edit wrote after the old end");

    let crashed = copy_of(before_edit.path());
    damage_log(crashed.path(), |bytes, _| {
        bytes[..new.len()].copy_from_slice(&new);
        // The edit's first message (its batch manifest) never reached the file.
        bytes[start..start + 24].fill(0);
    });
    // (Copied before the open below: sled's open drops what the crash left.)
    let without_record = copy_of(crashed.path());
    std::fs::remove_file(without_record.path().join("store/acked")).expect("remove");
    let report = check_sled_store(&crashed.path().join("store")).expect("check");
    assert!(report.is_whole(), "{report:?}");
    assert_eq!(report.unacknowledged_tail, Some(start as u64));
    assert_eq!(asset_count(crashed.path()).expect("opens"), ASSETS as u32);

    let message = assert_refused_unchanged(without_record.path());
    assert!(message.contains("would be thrown away"), "{message}");
}

/// Random damage of any size anywhere in the store's files: every store is either refused
/// with its files unchanged, or opens with every asset it held.
#[test]
fn random_damage_is_refused_unchanged_or_opens_whole() {
    let original = store_with_assets();
    let mut random = rand::rngs::StdRng::seed_from_u64(1_515);
    let (mut refused, mut opened) = (0, 0);
    for case in 0..200 {
        let dir = copy_of(original.path());
        let flips = if case % 4 == 0 {
            random.gen_range(2..64)
        } else {
            1
        };
        damage_log(dir.path(), |bytes, end| {
            for _ in 0..flips {
                // Mostly in the data, sometimes in the zeroed rest of the segment.
                let within = if case % 5 == 0 { bytes.len() } else { end };
                let at = random.gen_range(0..within);
                bytes[at] ^= random.gen_range(1..=255u8);
            }
        });
        let before = files(dir.path());
        match asset_count(dir.path()) {
            Ok(count) => {
                assert_eq!(
                    count, ASSETS as u32,
                    "case {case} opened with assets missing"
                );
                opened += 1;
            }
            Err(StoreError::Damaged { .. }) => {
                assert!(files(dir.path()) == before, "case {case} changed the files");
                refused += 1;
            }
            Err(other) => panic!("case {case}: {other}"),
        }
    }
    // Most of the log is data, some of it the zeroed end of the last segment.
    assert!(
        refused > 100 && opened > 10,
        "{refused} refused, {opened} opened"
    );
}
