//! Automerge document bytes in a workspace tree: a compacted snapshot in chunks plus the
//! incremental changes appended since.
//!
//! Keys (all under the workspace's own tree):
//! - `d/{doc id}/s/{chunk: u16 BE}` — snapshot chunk, each at most [`CHUNK_BYTES`];
//! - `d/{doc id}/c/{sequence: u64 BE}` — one incremental save, appended per edit.
//!
//! sled does not fsync values larger than about 128 KiB, so no value we write is larger than
//! [`CHUNK_BYTES`].

use automerge::{AutoCommit, ChangeHash};

use super::kv::{Batch, Tree};
use super::StoreError;

pub const CHUNK_BYTES: usize = 64 * 1024;
/// A document with more appended changes than this is compacted into a new snapshot.
pub const COMPACT_AFTER_CHANGES: u64 = 32;

pub fn doc_prefix(doc_id: &str) -> Vec<u8> {
    format!("d/{doc_id}/").into_bytes()
}

fn snapshot_prefix(doc_id: &str) -> Vec<u8> {
    format!("d/{doc_id}/s/").into_bytes()
}

fn change_prefix(doc_id: &str) -> Vec<u8> {
    format!("d/{doc_id}/c/").into_bytes()
}

fn snapshot_key(doc_id: &str, chunk: u16) -> Vec<u8> {
    let mut key = snapshot_prefix(doc_id);
    key.extend_from_slice(&chunk.to_be_bytes());
    key
}

fn change_key(doc_id: &str, sequence: u64) -> Vec<u8> {
    let mut key = change_prefix(doc_id);
    key.extend_from_slice(&sequence.to_be_bytes());
    key
}

/// A document loaded from the store, with what is needed to append to it.
pub struct StoredDoc {
    pub doc: AutoCommit,
    /// The sequence number the next appended change gets.
    pub next_sequence: u64,
    /// How many incremental changes sit on top of the snapshot.
    pub appended_changes: u64,
    /// The heads the store holds: what [`append_pending`] saves is everything after them.
    /// Kept here rather than by `AutoCommit::save_incremental`, whose cursor can only be moved
    /// by encoding every change after it (all of them, for a document just loaded).
    saved_heads: Vec<ChangeHash>,
}

impl StoredDoc {
    /// A document whose whole state is in the store.
    pub fn saved(mut doc: AutoCommit, next_sequence: u64, appended_changes: u64) -> StoredDoc {
        let saved_heads = doc.get_heads();
        StoredDoc {
            doc,
            next_sequence,
            appended_changes,
            saved_heads,
        }
    }
}

/// Loads a document; `Ok(None)` when the store has no bytes for it.
pub fn load(tree: &dyn Tree, doc_id: &str) -> Result<Option<StoredDoc>, StoreError> {
    let mut snapshot = Vec::new();
    for (_, chunk) in tree.scan_prefix(&snapshot_prefix(doc_id))? {
        snapshot.extend_from_slice(&chunk);
    }
    let changes = tree.scan_prefix(&change_prefix(doc_id))?;
    if snapshot.is_empty() && changes.is_empty() {
        return Ok(None);
    }
    let damaged = |source: automerge::AutomergeError| StoreError::DamagedDocument {
        doc_id: doc_id.to_owned(),
        reason: source.to_string(),
    };
    let mut doc = if snapshot.is_empty() {
        AutoCommit::new()
    } else {
        AutoCommit::load(&snapshot).map_err(damaged)?
    };
    let mut next_sequence = 0;
    for (key, bytes) in &changes {
        doc.load_incremental(bytes).map_err(damaged)?;
        next_sequence = sequence_of(key).map_or(next_sequence, |sequence| sequence + 1);
    }
    Ok(Some(StoredDoc::saved(
        doc,
        next_sequence,
        changes.len() as u64,
    )))
}

/// Whether the store holds anything of a document.
pub fn exists(tree: &dyn Tree, doc_id: &str) -> Result<bool, StoreError> {
    let prefix = doc_prefix(doc_id);
    Ok(!tree.scan_from(&prefix, &prefix, 1)?.is_empty())
}

fn sequence_of(key: &[u8]) -> Option<u64> {
    let tail: [u8; 8] = key.get(key.len().checked_sub(8)?..)?.try_into().ok()?;
    Some(u64::from_be_bytes(tail))
}

/// Adds a whole new document (its full save) to `batch`.
pub fn write_snapshot(batch: &mut Batch, doc_id: &str, bytes: &[u8]) {
    for (index, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
        batch.put(snapshot_key(doc_id, index as u16), chunk.to_vec());
    }
}

/// Adds a new document written as its one first change (`store::new_doc`) to `batch`: the
/// key [`append_pending`] gives the first change of a new document.
pub fn put_first_change(batch: &mut Batch, doc_id: &str, bytes: Vec<u8>) {
    batch.put(change_key(doc_id, 0), bytes);
}

/// Adds the changes made to `stored.doc` since it was loaded or last saved to `batch`.
/// A change too large for one value turns into a snapshot rewrite instead.
pub fn append_pending(
    tree: &dyn Tree,
    batch: &mut Batch,
    stored: &mut StoredDoc,
    doc_id: &str,
) -> Result<(), StoreError> {
    let bytes = stored.doc.save_after(&stored.saved_heads);
    if bytes.is_empty() {
        return Ok(());
    }
    if bytes.len() > CHUNK_BYTES {
        return compact_into(tree, batch, stored, doc_id);
    }
    batch.put(change_key(doc_id, stored.next_sequence), bytes);
    stored.saved_heads = stored.doc.get_heads();
    stored.next_sequence += 1;
    stored.appended_changes += 1;
    Ok(())
}

/// Rewrites the document as one snapshot, dropping its old chunks and appended changes.
pub fn compact_into(
    tree: &dyn Tree,
    batch: &mut Batch,
    stored: &mut StoredDoc,
    doc_id: &str,
) -> Result<(), StoreError> {
    let mut stale = Vec::new();
    tree.for_each_prefix(&doc_prefix(doc_id), &mut |key, _| {
        stale.push(key.to_vec());
        Ok(())
    })?;
    for key in stale {
        batch.delete(key);
    }
    let bytes = stored.doc.save();
    write_snapshot(batch, doc_id, &bytes);
    stored.saved_heads = stored.doc.get_heads();
    stored.appended_changes = 0;
    Ok(())
}

/// Total bytes of every document stored in `tree` (snapshots plus appended changes).
pub fn stored_document_bytes(tree: &dyn Tree) -> Result<u64, StoreError> {
    let mut total = 0u64;
    tree.for_each_prefix(b"d/", &mut |_, value| {
        total += value.len() as u64;
        Ok(())
    })?;
    Ok(total)
}

/// The ids of every stored document of one kind (`asset`, `rack`, …), in key order.
pub fn doc_ids_of_kind(tree: &dyn Tree, kind: &str) -> Result<Vec<String>, StoreError> {
    let mut doc_ids: Vec<String> = Vec::new();
    tree.for_each_prefix(format!("d/{kind}/").as_bytes(), &mut |key, _| {
        let text = String::from_utf8_lossy(&key[2..]);
        let id: String = text.split('/').take(2).collect::<Vec<_>>().join("/");
        if doc_ids.last() != Some(&id) {
            doc_ids.push(id);
        }
        Ok(())
    })?;
    Ok(doc_ids)
}
