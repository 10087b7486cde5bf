//! A workspace's documents copied out of the store quickly, without holding up edits.

use std::sync::Arc;

use crate::store::kv::Tree;
use crate::store::{StoreError, Workspace, WorkspaceMeta};

/// How many stored keys are copied per hold of the writers' lock: an edit waits at most for
/// one such piece (a few milliseconds), never for the whole copy.
const KEYS_PER_PIECE: usize = 2_048;

/// Every document's saved bytes and the names of every blob, as of the moment each piece was
/// copied; the blobs are read from `tree` when written (they never change once stored).
pub struct WorkspaceSnapshot {
    pub meta: WorkspaceMeta,
    /// Doc id and its bytes (the snapshot, then the changes appended since, in order: what
    /// `AutoCommit::load` reads as one document).
    pub documents: Vec<(String, Vec<u8>)>,
    pub blob_shas: Vec<String>,
    pub(crate) tree: Arc<dyn Tree>,
}

/// The doc id of a `d/{doc id}/s/{u16}` or `d/{doc id}/c/{u64}` key (see `store::docs`).
fn doc_id_of(key: &[u8]) -> Option<&[u8]> {
    let body = key.strip_prefix(b"d/")?;
    if body.len() >= 5 && &body[body.len() - 5..body.len() - 2] == b"/s/" {
        return Some(&body[..body.len() - 5]);
    }
    if body.len() >= 11 && &body[body.len() - 11..body.len() - 8] == b"/c/" {
        return Some(&body[..body.len() - 11]);
    }
    None
}

impl Workspace {
    /// Copies every document's bytes in pieces, each under the writers' lock so that no
    /// piece holds half a write; a document is never split across pieces. While the pieces
    /// are copied, the workspace notes every document an edit writes ([`Workspace::commit`]);
    /// at the end, under the lock once, those are copied again. So the snapshot is the
    /// workspace at that one moment: an edit that wrote several documents (a cable and its
    /// two ends, an audit applied) is in it whole or not at all, while edits wait at most
    /// for one piece or for the few documents written during the copy. Blobs are listed
    /// then too, so every file a copied document names is listed.
    pub fn backup_snapshot(&self) -> Result<WorkspaceSnapshot, StoreError> {
        self.backup_snapshot_in_pieces(KEYS_PER_PIECE, &mut |_| {})
    }

    /// [`Workspace::backup_snapshot`] in pieces of `keys_per_piece` keys, telling `copied`
    /// how many documents are copied after each (tests edit between pieces).
    pub(crate) fn backup_snapshot_in_pieces(
        &self,
        keys_per_piece: usize,
        copied: &mut dyn FnMut(usize),
    ) -> Result<WorkspaceSnapshot, StoreError> {
        self.watch_writes(true);
        let copied = copy_documents_by(
            self.tree.as_ref(),
            || self.lock_docs(),
            copied,
            keys_per_piece,
        );
        let _writers = self.lock_docs();
        let written = self.watch_writes(false);
        let mut documents = copied?;
        if !written.is_empty() {
            let at: std::collections::HashMap<String, usize> = documents
                .iter()
                .enumerate()
                .map(|(index, (doc_id, _))| (doc_id.clone(), index))
                .collect();
            let mut gone = std::collections::HashSet::new();
            for doc_id in written {
                let bytes = read_document(self.tree.as_ref(), &doc_id)?;
                match (at.get(&doc_id), bytes) {
                    (Some(&index), Some(bytes)) => documents[index].1 = bytes,
                    (Some(&index), None) => {
                        gone.insert(index);
                    }
                    (None, Some(bytes)) => documents.push((doc_id, bytes)),
                    (None, None) => {}
                }
            }
            if !gone.is_empty() {
                let mut index = 0;
                documents.retain(|_| {
                    index += 1;
                    !gone.contains(&(index - 1))
                });
            }
            documents.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let blob_shas = crate::sync::blobs::list(self.tree.as_ref())?;
        Ok(WorkspaceSnapshot {
            meta: self.meta().clone(),
            documents,
            blob_shas,
            tree: self.tree.clone(),
        })
    }
}

/// One document's stored bytes (its snapshot, then the changes appended since), or `None`
/// when the tree holds no such document.
fn read_document(tree: &dyn Tree, doc_id: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let prefix = format!("d/{doc_id}/");
    let (mut snapshot, mut changes) = (Vec::new(), Vec::new());
    let mut found = false;
    for (key, value) in tree.scan_prefix(prefix.as_bytes())? {
        if doc_id_of(&key).is_none() {
            continue;
        }
        found = true;
        if key[prefix.len()..].starts_with(b"s/") {
            snapshot.extend_from_slice(&value);
        } else {
            changes.extend_from_slice(&value);
        }
    }
    snapshot.extend_from_slice(&changes);
    Ok(found.then_some(snapshot))
}

/// The doc id a stored key belongs to, for the workspace's note of documents written
/// during a backup's copy (see [`Workspace::backup_snapshot`]).
pub(crate) fn written_doc_id(key: &[u8]) -> Option<String> {
    doc_id_of(key).map(|id| String::from_utf8_lossy(id).into_owned())
}

/// Copies every document of `tree` in pieces of [`KEYS_PER_PIECE`] keys, each while the guard
/// `hold` returns is held (whatever lock keeps writers of that tree out: the workspace's
/// writer lock on a device, the hub's lock on the server). A document is never split across
/// pieces. `copied` hears how many documents are copied after each piece.
pub(crate) fn copy_documents<G>(
    tree: &dyn Tree,
    hold: impl Fn() -> G,
    copied: &mut dyn FnMut(usize),
) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
    copy_documents_by(tree, hold, copied, KEYS_PER_PIECE)
}

fn copy_documents_by<G>(
    tree: &dyn Tree,
    hold: impl Fn() -> G,
    copied: &mut dyn FnMut(usize),
    keys_per_piece: usize,
) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
    let mut documents: Vec<(String, Vec<u8>)> = Vec::new();
    let mut start = b"d/".to_vec();
    let mut limit = keys_per_piece;
    loop {
        let pairs = {
            let _writers = hold();
            tree.scan_from(b"d/", &start, limit)?
        };
        let full = pairs.len() >= limit;
        // Group the piece by document; `c/` keys sort before `s/` keys of one document.
        let mut grouped: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = Vec::new();
        for (key, value) in &pairs {
            let Some(doc_id) = doc_id_of(key) else {
                continue;
            };
            if grouped.last().map(|(id, _, _)| id.as_slice()) != Some(doc_id) {
                grouped.push((doc_id.to_vec(), Vec::new(), Vec::new()));
            }
            let last = grouped.last_mut().expect("pushed above");
            if key[2 + doc_id.len()..].starts_with(b"/s/") {
                last.1.extend_from_slice(value);
            } else {
                last.2.extend_from_slice(value);
            }
        }
        if full {
            if grouped.len() <= 1 {
                // One document larger than a piece: take it whole in a bigger one.
                limit *= 2;
                continue;
            }
            // The last document may go on in the next piece: copy it there whole.
            let (last_id, _, _) = grouped.pop().expect("more than one");
            start = format!("d/{}/", String::from_utf8_lossy(&last_id)).into_bytes();
        }
        for (doc_id, mut snapshot, changes) in grouped {
            snapshot.extend_from_slice(&changes);
            documents.push((String::from_utf8_lossy(&doc_id).into_owned(), snapshot));
        }
        copied(documents.len());
        limit = keys_per_piece;
        if !full {
            break;
        }
    }
    Ok(documents)
}
