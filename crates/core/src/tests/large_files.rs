//! Large files on real sled stores: split and put back together, stored once, a damaged part
//! refused, manifests checked on both sides, and a file through an in-process hub resuming
//! without sending again what the hub holds.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use crate::sync::blobs;
use crate::sync::large_files::*;

use crate::sync::engine::{sync_once, Progress};
use crate::sync::hub::HubError;
use crate::testkit::{device, fresh_workspace, server};

/// Deterministic pseudo-random bytes (xorshift), so a file's parts all differ.
fn pseudo_random(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    let mut bytes = Vec::with_capacity(len + 8);
    while bytes.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(len);
    bytes
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the test file");
    path
}

const PART: usize = PART_BYTES as usize;

#[test]
fn a_file_is_split_into_parts_and_saved_back_byte_for_byte_with_progress() {
    let (dir, _store, workspace) = fresh_workspace();
    let bytes = pseudo_random(2 * PART + 12_345, 1);
    let path = write_file(dir.path(), "drawing.dwg", &bytes);
    let mut seen = Vec::new();
    let staged = workspace
        .add_large_file(&path, &mut |p| seen.push(p))
        .expect("stored");
    assert_eq!(staged.size(), bytes.len() as u64);
    assert_eq!(staged.sha256(), blobs::sha256_hex(&bytes));
    assert_eq!(staged.manifest().parts.len(), 3);
    assert_eq!(
        staged.manifest().parts[0],
        blobs::sha256_hex(&bytes[..PART])
    );
    assert_eq!(seen.first().map(|p| p.done), Some(0));
    assert_eq!(
        seen.last(),
        Some(&LargeFileProgress {
            done: bytes.len() as u64,
            total: bytes.len() as u64
        })
    );
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
    assert_eq!(
        workspace.large_file_state(staged.manifest_sha()).unwrap(),
        LargeFileState::Here {
            size: bytes.len() as u64,
            sha256: blobs::sha256_hex(&bytes)
        }
    );

    let out = dir.path().join("saved.dwg");
    let mut saved = Vec::new();
    let (size, sha) = workspace
        .save_large_file(staged.manifest_sha(), &out, &mut |p| saved.push(p))
        .expect("saved");
    assert_eq!((size, sha.as_str()), (bytes.len() as u64, staged.sha256()));
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    assert_eq!(saved.last().map(|p| p.done), Some(bytes.len() as u64));
    assert!(!dir.path().join("saved.dwg.cloudwright-partial").exists());
}

#[test]
fn a_file_is_stored_once_and_files_sharing_parts_share_them() {
    let (dir, _store, workspace) = fresh_workspace();
    let first = pseudo_random(2 * PART + 100, 2);
    let mut second = first[..PART].to_vec();
    second.extend_from_slice(&pseudo_random(PART / 2, 3));
    let a = workspace
        .add_large_file(&write_file(dir.path(), "a", &first), &mut |_| {})
        .unwrap();
    let blobs_after_first = blobs::list(workspace.tree.as_ref()).unwrap().len();
    assert_eq!(blobs_after_first, 3 + 1, "three parts and the manifest");
    let again = workspace
        .add_large_file(&write_file(dir.path(), "a-copy", &first), &mut |_| {})
        .unwrap();
    assert_eq!(again.manifest_sha(), a.manifest_sha());
    assert_eq!(
        blobs::list(workspace.tree.as_ref()).unwrap().len(),
        blobs_after_first
    );
    let b = workspace
        .add_large_file(&write_file(dir.path(), "b", &second), &mut |_| {})
        .unwrap();
    assert_eq!(b.manifest().parts[0], a.manifest().parts[0]);
    assert_eq!(
        blobs::list(workspace.tree.as_ref()).unwrap().len(),
        blobs_after_first + 2,
        "one new part and its manifest"
    );
}

#[test]
fn a_damaged_part_is_refused_and_nothing_is_left_at_the_path() {
    let (dir, _store, workspace) = fresh_workspace();
    let bytes = pseudo_random(PART + 5_000, 4);
    let staged = workspace
        .add_large_file(&write_file(dir.path(), "f", &bytes), &mut |_| {})
        .unwrap();
    // A part is a file of its own beside the store (DATA_DIR/parts/…), not chunks in sled.
    let part = &staged.manifest().parts[0];
    let file = workspace
        .tree
        .part_folder()
        .expect("a part folder")
        .join(part);
    let mut key = format!("b/{part}/").into_bytes();
    key.extend_from_slice(&0u32.to_be_bytes());
    assert!(workspace.tree.get(&key).unwrap().is_none());
    // One flipped byte, as a damaged disk would leave it.
    let mut bytes_there = std::fs::read(&file).expect("the part's file");
    bytes_there[10] ^= 0xff;
    std::fs::write(&file, bytes_there).unwrap();

    let out = dir.path().join("out");
    let error = workspace
        .save_large_file(staged.manifest_sha(), &out, &mut |_| {})
        .expect_err("refused");
    assert!(matches!(error, LargeFileError::Damaged { .. }), "{error}");
    assert!(
        error.to_string().contains("do not match its hash"),
        "{error}"
    );
    assert!(!out.exists());
    assert!(!dir.path().join("out.cloudwright-partial").exists());
}

#[test]
fn bad_input_is_refused_with_the_reason() {
    let (dir, _store, workspace) = fresh_workspace();
    let empty = write_file(dir.path(), "empty.pdf", b"");
    let error = workspace
        .add_large_file(&empty, &mut |_| {})
        .expect_err("empty");
    assert!(error.to_string().contains("is empty"), "{error}");
    let error = workspace
        .add_large_file(&dir.path().join("absent.pdf"), &mut |_| {})
        .expect_err("absent");
    assert!(error.to_string().contains("could not be read"), "{error}");
    let unknown = "a".repeat(64);
    let error = workspace
        .save_large_file(&unknown, &dir.path().join("x"), &mut |_| {})
        .expect_err("unknown");
    assert!(matches!(error, LargeFileError::Unknown(_)), "{error}");
    assert!(blobs::list(workspace.tree.as_ref()).unwrap().is_empty());
}

fn manifest(size: u64, parts: usize) -> Manifest {
    Manifest {
        size,
        sha256: "0".repeat(64),
        part_bytes: PART_BYTES,
        parts: (0..parts).map(|i| format!("{i:064x}")).collect(),
    }
}

#[test]
fn a_manifest_reads_back_only_in_its_one_form_and_within_the_limits() {
    let good = manifest(PART_BYTES + 1, 2);
    assert_eq!(Manifest::decode(&good.encode()), Ok(good.clone()));
    assert!(Manifest::is_manifest(&good.encode()));

    let text = String::from_utf8(good.encode()).unwrap();
    let padded = text.replace("size ", "size 0");
    assert!(matches!(
        Manifest::decode(padded.as_bytes()),
        Err(ManifestError::Malformed(_))
    ));
    let no_final_newline = text.trim_end().to_owned();
    assert!(Manifest::decode(no_final_newline.as_bytes()).is_err());
    assert!(matches!(
        Manifest::decode(&manifest(PART_BYTES + 1, 3).encode()),
        Err(ManifestError::WrongPartCount {
            expected: 2,
            named: 3,
            ..
        })
    ));
    assert!(matches!(
        Manifest::decode(&manifest(MAX_LARGE_FILE_BYTES + 1, 513).encode()),
        Err(ManifestError::FileTooLarge { .. })
    ));
    let mut huge = good.encode();
    huge.resize(MAX_MANIFEST_BYTES + 1, b'\n');
    assert_eq!(Manifest::decode(&huge), Err(ManifestError::TooLarge));
    assert!(Manifest::decode(b"%PDF-1.7").is_err());
    assert!(!Manifest::is_manifest(b"%PDF-1.7"));
}

#[test]
fn the_hub_takes_a_manifest_only_once_it_holds_every_part_at_its_size() {
    let hub = server();
    let first = pseudo_random(PART, 5);
    let last = pseudo_random(10, 6);
    let good = Manifest {
        size: PART_BYTES + 10,
        sha256: "1".repeat(64),
        part_bytes: PART_BYTES,
        parts: vec![blobs::sha256_hex(&first), blobs::sha256_hex(&last)],
    };
    let put = |bytes: &[u8]| hub.hub.blob_put(&blobs::sha256_hex(bytes), bytes);
    let error = put(&good.encode()).expect_err("parts missing");
    assert!(
        matches!(error, HubError::ManifestPartMissing { index: 0, .. }),
        "{error}"
    );
    assert_eq!(error.code(), "large_file_part_missing");
    put(&first).unwrap();
    // The last part stored at another size than the manifest says.
    let wrong = Manifest {
        parts: vec![
            good.parts[0].clone(),
            blobs::sha256_hex(&pseudo_random(11, 7)),
        ],
        ..good.clone()
    };
    put(&pseudo_random(11, 7)).unwrap();
    let error = put(&wrong.encode()).expect_err("wrong size");
    assert_eq!(error.code(), "large_file_part_wrong_size");
    assert_eq!(error.status(), 400);
    put(&last).unwrap();
    put(&good.encode()).expect("every part here");
    // A blob that begins as a manifest and is not one is refused, through the streamed
    // upload too, and leaves nothing.
    let mut bad = good.encode();
    bad.extend_from_slice(b"more\n");
    let sha = blobs::sha256_hex(&bad);
    let mut upload = hub.hub.blob_upload(&sha).unwrap();
    hub.hub.blob_upload_write(&mut upload, &bad).unwrap();
    let error = hub
        .hub
        .blob_upload_finish(upload)
        .expect_err("bad manifest");
    assert_eq!(error.code(), "bad_manifest");
    assert_eq!(
        hub.hub.blob_missing(std::slice::from_ref(&sha)).unwrap(),
        vec![sha]
    );
}

#[test]
fn a_large_file_syncs_part_by_part_and_a_cut_off_upload_resends_only_what_the_hub_lacks() {
    let hub = server();
    let mut a = device(&hub, "a");
    let mut b = device(&hub, "b");
    let dir = tempfile::tempdir().unwrap();
    let bytes = pseudo_random(3 * PART + 777, 8);
    let staged = a
        .workspace
        .add_large_file(&write_file(dir.path(), "big.pdf", &bytes), &mut |_| {})
        .unwrap();
    // The upload was cut off after the first part reached the hub (as a killed app or
    // server leaves it): the hub has part 0, nothing else.
    let part0 = staged.manifest().parts[0].clone();
    hub.hub.blob_put(&part0, &bytes[..PART]).unwrap();
    let mut uploaded = Vec::new();
    let record = sync_once(&a.workspace, &mut a.transport, 1, &mut |p| {
        if let Progress::FileBytes { done, total } = p {
            uploaded.push((done, total));
        }
    })
    .expect("sync");
    assert_eq!(
        record.blobs_up,
        3 + 1,
        "parts 1 to 3 and the manifest, not part 0"
    );
    let manifest_bytes = a
        .workspace
        .blob_size(staged.manifest_sha())
        .unwrap()
        .unwrap();
    let total = (bytes.len() - PART) as u64 + manifest_bytes;
    assert_eq!(uploaded.last(), Some(&(total, total)));

    // Device B fetches it by its hash, a part at a time.
    assert!(b.workspace.want_file(staged.manifest_sha()).unwrap());
    assert!(matches!(
        b.workspace.large_file_state(staged.manifest_sha()).unwrap(),
        LargeFileState::WaitingForSync { .. }
    ));
    let mut downloaded = Vec::new();
    let record = sync_once(&b.workspace, &mut b.transport, 2, &mut |p| {
        if let Progress::FileBytes { done, total } = p {
            downloaded.push((done, total));
        }
    })
    .expect("sync");
    assert_eq!(record.blobs_down, 1);
    assert_eq!(
        downloaded.last(),
        Some(&(bytes.len() as u64, bytes.len() as u64))
    );
    assert!(
        downloaded.len() >= 4,
        "progress after each part: {downloaded:?}"
    );
    let out = dir.path().join("on-b.pdf");
    b.workspace
        .save_large_file(staged.manifest_sha(), &out, &mut |_| {})
        .unwrap();
    assert_eq!(
        blobs::sha256_hex(&std::fs::read(&out).unwrap()),
        staged.sha256()
    );
    // Nothing more to move.
    let again = sync_once(&b.workspace, &mut b.transport, 3, &mut |_| {}).unwrap();
    assert_eq!((again.blobs_up, again.blobs_down), (0, 0));
}

#[test]
fn a_large_upload_is_a_file_once_its_hash_is_right_and_leaves_nothing_when_it_is_not() {
    let hub = server();
    let folder = hub.hub.tree().part_folder().expect("the hub's part folder");
    let bytes = pseudo_random(3 * blobs::FILE_BYTES + 5, 9);
    let sha = blobs::sha256_hex(&bytes);
    // Wrong bytes for the hash: refused, no file, no temporary file.
    let mut upload = hub.hub.blob_upload(&sha).unwrap();
    for piece in pseudo_random(bytes.len(), 10).chunks(1 << 20) {
        hub.hub.blob_upload_write(&mut upload, piece).unwrap();
    }
    assert_eq!(
        hub.hub
            .blob_upload_finish(upload)
            .expect_err("mismatch")
            .code(),
        "hash_mismatch"
    );
    let left: Vec<_> = std::fs::read_dir(&folder)
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
    // The right bytes, in pieces as the server receives them: a file of its own.
    let mut upload = hub.hub.blob_upload(&sha).unwrap();
    for piece in bytes.chunks(1 << 20) {
        hub.hub.blob_upload_write(&mut upload, piece).unwrap();
    }
    hub.hub.blob_upload_finish(upload).unwrap();
    assert_eq!(std::fs::read(folder.join(&sha)).unwrap(), bytes);
    assert_eq!(hub.hub.blob_get(&sha).unwrap(), Some(bytes));
    // A small one stays in the store.
    let small = pseudo_random(1000, 11);
    hub.hub
        .blob_put(&blobs::sha256_hex(&small), &small)
        .unwrap();
    assert!(!folder.join(blobs::sha256_hex(&small)).exists());
    assert_eq!(
        hub.hub.blob_get(&blobs::sha256_hex(&small)).unwrap(),
        Some(small)
    );
}
