//! Reading Automerge documents straight out of a damaged store's files, without sled.
//!
//! sled 0.34.7 writes every page as one log message whose body is the serialized node,
//! zstd-compressed when the store's conf says `use_compression: true` (`logger.rs`,
//! `maybe_compress`); a node too large for a segment goes to a file in `blobs/` the same
//! way. A leaf node's values are our values, unchanged: snapshot chunks and appended
//! changes, each an Automerge chunk (magic `85 6f 4a 83`, a checksum, a type, a length).
//! So instead of parsing sled's node format, every zstd frame in the files is decoded as
//! far as it goes, and every Automerge chunk found in the result (or in the raw bytes, for
//! an uncompressed store) is kept if Automerge accepts it: its checksum makes a damaged one
//! fail to load, so nothing damaged comes back. Old versions of a page come along too;
//! merging all versions of a document gives its newest state.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use automerge::AutoCommit;

const AUTOMERGE_MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// What the files held that Automerge accepts.
#[derive(Default)]
pub(super) struct Found {
    /// Whole documents (a snapshot, or a document's first change on its own).
    pub documents: Vec<AutoCommit>,
    /// Changes that need earlier changes to load: applied to documents that hold those.
    pub changes: Vec<automerge::Change>,
    /// Workspace list entries (`w/{id}` in the meta tree, JSON) found in the files.
    pub workspaces: Vec<crate::store::WorkspaceMeta>,
    /// Sync bindings (`y/binding` in a workspace's tree, JSON) found in the files.
    pub bindings: Vec<crate::sync::client::SyncBinding>,
}

/// Scans the log and every file in `blobs/` of the store folder (read only).
pub(super) fn scan_store_files(store_path: &Path) -> std::io::Result<Found> {
    let mut files = vec![store_path.join("db")];
    if let Ok(entries) = std::fs::read_dir(store_path.join("blobs")) {
        files.extend(entries.filter_map(|entry| entry.ok().map(|e| e.path())));
    }
    let mut found = Found::default();
    let mut seen = HashSet::new();
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        chunks_in(&bytes, &mut seen, &mut found);
        workspaces_in(&bytes, &mut found);
        for start in positions(&bytes, &ZSTD_MAGIC) {
            let mut decoded = Vec::new();
            if let Ok(decoder) = zstd::stream::read::Decoder::with_buffer(&bytes[start..]) {
                // A damaged frame still yields what came before the damage.
                let _ = decoder.single_frame().read_to_end(&mut decoded);
            }
            chunks_in(&decoded, &mut seen, &mut found);
            workspaces_in(&decoded, &mut found);
        }
    }
    Ok(found)
}

fn positions<'a>(bytes: &'a [u8], magic: &'a [u8; 4]) -> impl Iterator<Item = usize> + 'a {
    bytes
        .windows(4)
        .enumerate()
        .filter(move |(_, window)| *window == magic)
        .map(|(at, _)| at)
}

/// Every Automerge chunk in `bytes` that loads; `seen` skips a chunk found before (the same
/// value sits in many old versions of a page).
fn chunks_in(bytes: &[u8], seen: &mut HashSet<Vec<u8>>, found: &mut Found) {
    for start in positions(bytes, &AUTOMERGE_MAGIC) {
        let Some(length) = chunk_length(&bytes[start..]) else {
            continue;
        };
        let chunk = &bytes[start..start + length];
        // The checksum, type and length name the chunk well enough to skip a repeat.
        let name = chunk[4..(9 + 10).min(length)].to_vec();
        if !seen.insert(name) {
            continue;
        }
        let chunk_type = chunk[8];
        if chunk_type == 0 {
            if let Ok(doc) = AutoCommit::load(chunk) {
                found.documents.push(doc);
            }
        } else if let Ok(change) = automerge::Change::from_bytes(chunk.to_vec()) {
            if change.deps().is_empty() {
                if let Ok(doc) = AutoCommit::load(chunk) {
                    found.documents.push(doc);
                }
            } else {
                found.changes.push(change);
            }
        }
    }
}

/// The length of the Automerge chunk `bytes` starts with, when the bytes hold all of it:
/// magic (4), checksum (4), type (1), length (LEB128), then the data.
fn chunk_length(bytes: &[u8]) -> Option<usize> {
    let mut at = 9;
    let mut length: u64 = 0;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at)?;
        at += 1;
        length |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
    let total = at.checked_add(usize::try_from(length).ok()?)?;
    (bytes.get(8).is_some_and(|t| *t <= 2) && total <= bytes.len()).then_some(total)
}

/// Every workspace list entry (`{"id":…,"name":…,"created_at_ms":…}`) and sync binding
/// (`{"server":…}`) in `bytes`.
fn workspaces_in(bytes: &[u8], found: &mut Found) {
    let opening = b"{\"id\":\"";
    for (at, _) in bytes
        .windows(opening.len())
        .enumerate()
        .filter(|(_, window)| *window == opening)
    {
        let mut values = serde_json::Deserializer::from_slice(&bytes[at..])
            .into_iter::<crate::store::WorkspaceMeta>();
        if let Some(Ok(meta)) = values.next() {
            if !found.workspaces.contains(&meta) {
                found.workspaces.push(meta);
            }
        }
    }
    let opening = b"{\"server\":\"";
    for (at, _) in bytes
        .windows(opening.len())
        .enumerate()
        .filter(|(_, window)| *window == opening)
    {
        let mut values = serde_json::Deserializer::from_slice(&bytes[at..])
            .into_iter::<crate::sync::client::SyncBinding>();
        if let Some(Ok(binding)) = values.next() {
            if !found.bindings.contains(&binding) {
                found.bindings.push(binding);
            }
        }
    }
}
