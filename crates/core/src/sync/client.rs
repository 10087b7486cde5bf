//! The client side of sync, on an open [`Workspace`]: which documents have local changes the
//! server has not acknowledged, what both sides are known to share, and applying what the
//! server sends.
//!
//! Keys in the workspace's tree (local to this device, never synced):
//! - `y/binding` → [`SyncBinding`] (JSON): the server and remote workspace this one syncs with;
//! - `y/cursor` → the server feed position everything before which is applied here;
//! - `y/epoch` → the epoch of the server feed that cursor counts in ([`FeedEpoch`], 16 bytes);
//! - `y/dirty/{doc id}` → edit number: the document has changes to push;
//! - `y/editseq` → the last edit number handed out;
//! - `y/synced/{doc id}` → heads both sides hold (postcard `Vec<Hash>`);
//! - `y/blobpush/{sha}`, `y/blobwant/{sha}` → blobs to upload or download;
//! - `y/lfman/{sha}` → a large file's manifest fetched while its parts are still coming
//!   ([`super::large_files`]);
//! - `y/conflict/{doc id}` → the document's unresolved concurrent field edits;
//! - `y/last` → [`SyncRecord`] of the last completed sync (JSON);
//! - `y/roster` → the workspace's roster as the server signed it (JSON, see [`super::roster`]).

use std::collections::HashSet;
use std::sync::atomic::Ordering;

use automerge::{AutoCommit, ChangeHash};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::aside::SetAside;
use super::protocol::{DocData, DocPush, DocWant, FeedEntry, FeedEpoch, Hash, PushResult};
use crate::ids::WorkspaceId;
use crate::record::{conflicts, Fit, Loaded, Registry};
use crate::store::docs::{self, StoredDoc};
use crate::store::kv::{damaged, decode_u64, Batch, Tree};
use crate::store::{StoreError, Workspace};

/// Where a workspace syncs to. The login token is kept elsewhere (the store's settings),
/// never in the workspace's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncBinding {
    pub server: String,
    pub remote_workspace: WorkspaceId,
    pub user: String,
    /// This device's id towards the server: its own pushes are not echoed back to it.
    pub client_id: String,
    /// The account's stable id on the server (empty in a binding made before accounts had
    /// ids, until the next login).
    #[serde(default)]
    pub user_id: String,
    /// How the account is shown (its display name, or the login name).
    #[serde(default)]
    pub display_name: String,
    /// The server's public key (hex), pinned at the first login of this binding: a roster
    /// is trusted only when signed by it. Empty in a binding made before servers had keys.
    #[serde(default)]
    pub server_key: String,
}

impl SyncBinding {
    /// The pinned server key, when the binding has one.
    pub fn pinned_server_key(&self) -> Option<crate::trust::PublicKey> {
        crate::trust::PublicKey::try_from(self.server_key.clone()).ok()
    }
}

/// What the last completed sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncRecord {
    #[ts(type = "number")]
    pub at_ms: i64,
    pub pushed: u32,
    pub pulled: u32,
    pub blobs_up: u32,
    pub blobs_down: u32,
    /// Documents left to push because they hold changes by another account that the server
    /// lacks: they go once their author's device has put those back.
    #[serde(default)]
    pub held_back: u32,
    /// Documents set aside on this device after the pass (see `sync::aside`): not read
    /// (a newer version's, or damaged) or refused by the server. Each is a finding.
    #[serde(default)]
    pub set_aside: u32,
    /// Files kept on this device because the server refused them as too large (see
    /// [`Workspace::files_too_large`]). Each is a finding.
    #[serde(default)]
    pub files_too_large: u32,
}

/// A file the team server refused as larger than it takes: kept here, marked, tried again a
/// day later (its limit may have been raised); every other file and record goes on syncing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FileTooLarge {
    pub sha256: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The most the server said it takes (0: it did not say).
    #[ts(type = "number")]
    pub limit_bytes: u64,
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// How long a file too large for the server waits before it is tried again.
const TOO_LARGE_RETRY_MS: i64 = 24 * 60 * 60 * 1000;

/// A file as this device has it (see [`Workspace::file_state`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileState {
    Here(Vec<u8>),
    /// Named by a synced record, not fetched yet: shown as "waiting for sync", not an error.
    WaitingForSync,
    /// Not here, and no synced record here names it.
    Unknown,
}

/// Where a file stands on this device, told without reading its bytes: what a screen shows
/// beside a file's name (see [`Workspace::file_presence`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileStateView {
    Here,
    /// Named by a synced record, not fetched yet: "waiting for sync", not an error.
    WaitingForSync,
    /// Not here, and no synced record here names it.
    Unknown,
}

/// Pushes gathered for one request, with the edit numbers they were taken at.
#[derive(Default)]
pub struct Outgoing {
    pub pushes: Vec<DocPush>,
    /// Per push: the edit number of its dirty mark and the heads it carries (empty for a
    /// full document, whose heads the server reports).
    marks: Vec<(u64, Vec<Hash>)>,
}

impl Outgoing {
    pub fn is_empty(&self) -> bool {
        self.pushes.is_empty()
    }
}

/// What the server's answer to one push did here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PushAnswered {
    /// Documents the server stored.
    pub stored: usize,
    /// Documents it refused, now set aside.
    pub refused: usize,
}

/// What applying one batch of server documents did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub created: u32,
    pub updated: u32,
    /// Documents whose bytes could not be used here.
    pub refused: Vec<String>,
}

/// What the feed epoch of a server's answer meant here (see [`Workspace::note_feed_epoch`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpochCheck {
    /// The cursor counts in this epoch.
    Same,
    /// The first epoch seen since the workspace was bound: kept.
    First,
    /// Another epoch: the server's feed started over, and so did this side.
    StartedOver,
}

const BINDING: &[u8] = b"y/binding";
const CURSOR: &[u8] = b"y/cursor";
const EPOCH: &[u8] = b"y/epoch";
const EDITSEQ: &[u8] = b"y/editseq";
const LAST: &[u8] = b"y/last";
/// The last exchange number reserved (see [`Workspace::reserve_exchange_numbers`]).
const EXCHANGES: &[u8] = b"y/exchange";

pub(super) fn key(prefix: &str, doc_id: &str) -> Vec<u8> {
    format!("{prefix}{doc_id}").into_bytes()
}

fn decode_heads(bytes: &[u8]) -> Vec<Hash> {
    postcard::from_bytes(bytes).unwrap_or_default()
}

fn heads_of(doc: &mut AutoCommit) -> Vec<Hash> {
    doc.get_heads().iter().map(|h| h.0).collect()
}

impl Workspace {
    pub fn sync_binding(&self) -> Result<Option<SyncBinding>, StoreError> {
        match self.tree.get(BINDING)? {
            Some(bytes) => Ok(Some(
                serde_json::from_slice(&bytes).map_err(|e| damaged("sync binding", e))?,
            )),
            None => Ok(None),
        }
    }

    /// Binds the workspace to a server workspace. A new binding starts the feed from the
    /// beginning and queues every local document and blob for pushing.
    pub fn bind_sync(&self, binding: &SyncBinding) -> Result<(), StoreError> {
        let _writer = self.lock_docs();
        let previous = self.sync_binding()?;
        let same_place = previous.as_ref().is_some_and(|p| {
            p.server == binding.server && p.remote_workspace == binding.remote_workspace
        });
        let mut batch = Batch::default();
        batch.put(BINDING, serde_json::to_vec(binding).unwrap_or_default());
        if !same_place {
            for prefix in ["y/dirty/", "y/blobpush/", "y/blobwant/", "y/lfman/"] {
                self.tree.for_each_prefix(prefix.as_bytes(), &mut |k, _| {
                    batch.delete(k.to_vec());
                    Ok(())
                })?;
            }
            self.start_over(&mut batch)?;
            // The next answer's epoch is this binding's first.
            batch.delete(EPOCH);
            // Another server workspace: the roster kept for the old one says nothing of it.
            batch.delete(super::roster::ROSTER);
        }
        self.commit(batch)?;
        self.bound.store(true, Ordering::Release);
        Ok(())
    }

    /// Adds to `batch` what makes the next pass read the server's feed from its start and
    /// push every document and file here: nothing is taken as held by the server any more.
    fn start_over(&self, batch: &mut Batch) -> Result<(), StoreError> {
        self.tree.for_each_prefix(b"y/synced/", &mut |k, _| {
            batch.delete(k.to_vec());
            Ok(())
        })?;
        batch.put(CURSOR, 0u64.to_be_bytes().to_vec());
        let mark = self.next_edit_number();
        let mut last = String::new();
        self.tree.for_each_prefix(b"d/", &mut |k, _| {
            let text = String::from_utf8_lossy(&k[2..]);
            let doc_id: String = text.split('/').take(2).collect::<Vec<_>>().join("/");
            if doc_id != last {
                batch.put(key("y/dirty/", &doc_id), mark.to_be_bytes().to_vec());
                last = doc_id;
            }
            Ok(())
        })?;
        for sha in super::blobs::list(self.tree.as_ref())? {
            batch.put(key("y/blobpush/", &sha), Vec::new());
        }
        batch.put(EDITSEQ, mark.to_be_bytes().to_vec());
        Ok(())
    }

    /// Reserves `count` exchange numbers (`SyncRequest::exchange`) and returns the first:
    /// durable before it returns, so that a number is never sent twice by this data, and a
    /// copy of it (a copied folder, a restored backup) sends numbers the server has seen.
    pub fn reserve_exchange_numbers(&self, count: u64) -> Result<u64, StoreError> {
        let _writer = self.lock_docs();
        let last = self
            .tree
            .get(EXCHANGES)?
            .as_deref()
            .and_then(decode_u64)
            .unwrap_or(0);
        let mut batch = Batch::default();
        batch.put(EXCHANGES, (last + count).to_be_bytes().to_vec());
        self.commit(batch)?;
        Ok(last + 1)
    }

    /// Goes on towards the same server workspace as a new device: a new client id, the
    /// cursor, marks and epoch kept. For a copy of a device's data that the server refused
    /// (`client_copied`): the feed no longer skips, as this device's own, what the other copy
    /// pushed under the old id, so each copy gets the other's changes.
    pub fn rebind_as_new_device(&self, client_id: &str) -> Result<SyncBinding, StoreError> {
        let mut binding = self
            .sync_binding()?
            .ok_or_else(|| damaged("sync binding", "a device with no binding cannot rejoin"))?;
        binding.client_id = client_id.to_owned();
        self.bind_sync(&binding)?;
        Ok(binding)
    }

    /// The epoch of the server feed the cursor counts in, once an answer told one.
    pub fn sync_epoch(&self) -> Result<Option<FeedEpoch>, StoreError> {
        match self.tree.get(EPOCH)? {
            Some(bytes) => Ok(Some(FeedEpoch(
                bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| damaged("sync epoch", "not 16 bytes"))?,
            ))),
            None => Ok(None),
        }
    }

    /// Takes in the feed epoch of a server answer. The first one seen is kept. Another one
    /// means the server's feed started over, as after a restore from a backup: positions and
    /// acknowledgements from before may name changes the server no longer holds. Then, in
    /// one durable batch, the cursor goes back to the start, every document and file here is
    /// queued to push again (the server merges what it has), and the new epoch is kept; the
    /// caller reads the feed again from the start. Local edits are never touched.
    pub fn note_feed_epoch(&self, epoch: FeedEpoch) -> Result<EpochCheck, StoreError> {
        // All zeroes: an answer without an epoch (none is sent that way), nothing to compare.
        if epoch == FeedEpoch::default() {
            return Ok(EpochCheck::Same);
        }
        let _writer = self.lock_docs();
        let check = match self.sync_epoch()? {
            Some(known) if known == epoch => return Ok(EpochCheck::Same),
            Some(_) => EpochCheck::StartedOver,
            None => EpochCheck::First,
        };
        let mut batch = Batch::default();
        if check == EpochCheck::StartedOver {
            self.start_over(&mut batch)?;
        }
        batch.put(EPOCH, epoch.0.to_vec());
        self.commit(batch)?;
        Ok(check)
    }

    /// Forgets the server; local data and edits stay.
    pub fn unbind_sync(&self) -> Result<(), StoreError> {
        let _writer = self.lock_docs();
        let mut batch = Batch::default();
        batch.delete(BINDING);
        self.commit(batch)?;
        self.bound.store(false, Ordering::Release);
        Ok(())
    }

    pub(crate) fn next_edit_number(&self) -> u64 {
        self.edit_seq.fetch_add(1, Ordering::AcqRel) + 1
    }

    /// Marks `doc_id` as changed here, in the same batch as the change, when the workspace
    /// syncs with a server.
    pub(crate) fn note_local_change(&self, batch: &mut Batch, doc_id: &str) {
        if self.bound.load(Ordering::Acquire) {
            let mark = self.next_edit_number();
            batch.put(key("y/dirty/", doc_id), mark.to_be_bytes().to_vec());
            batch.put(EDITSEQ, mark.to_be_bytes().to_vec());
            // A document the server refused goes again with its next edit.
            super::aside::clear_refused(self.tree.as_ref(), batch, doc_id);
        }
    }

    pub(crate) fn note_local_blob(&self, batch: &mut Batch, sha: &str) {
        if self.bound.load(Ordering::Acquire) {
            batch.put(key("y/blobpush/", sha), Vec::new());
        }
    }

    pub fn sync_cursor(&self) -> Result<u64, StoreError> {
        Ok(self
            .tree
            .get(CURSOR)?
            .as_deref()
            .and_then(decode_u64)
            .unwrap_or(0))
    }

    pub fn set_sync_cursor(&self, cursor: u64) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        batch.put(CURSOR, cursor.to_be_bytes().to_vec());
        self.commit(batch)
    }

    /// How many documents have changes the server has not acknowledged.
    pub fn sync_pending(&self) -> Result<usize, StoreError> {
        let mut count = 0;
        self.tree.for_each_prefix(b"y/dirty/", &mut |_, _| {
            count += 1;
            Ok(())
        })?;
        Ok(count)
    }

    pub fn last_sync(&self) -> Result<Option<SyncRecord>, StoreError> {
        Ok(self
            .tree
            .get(LAST)?
            .and_then(|bytes| serde_json::from_slice(&bytes).ok()))
    }

    pub fn record_sync(&self, record: &SyncRecord) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        batch.put(LAST, serde_json::to_vec(record).unwrap_or_default());
        self.commit(batch)
    }

    pub(super) fn synced_heads(&self, doc_id: &str) -> Result<Option<Vec<Hash>>, StoreError> {
        Ok(self
            .tree
            .get(&key("y/synced/", doc_id))?
            .map(|bytes| decode_heads(&bytes)))
    }

    /// Gathers up to `max_docs` changed documents, about `max_bytes` in all, to push.
    pub fn sync_outgoing(
        &self,
        max_docs: usize,
        max_bytes: usize,
        held_back: &std::collections::HashSet<String>,
    ) -> Result<Outgoing, StoreError> {
        // Documents the server refused wait for their next edit (or a version from the
        // server that fits), not for every pass.
        let refused = super::aside::refused(self.tree.as_ref())?;
        let dirty: Vec<(String, u64)> = {
            let mut list = Vec::new();
            self.tree.for_each_prefix(b"y/dirty/", &mut |k, v| {
                let doc_id = String::from_utf8_lossy(&k[8..]);
                if list.len() < max_docs
                    && !held_back.contains(doc_id.as_ref())
                    && !refused.contains(doc_id.as_ref())
                {
                    list.push((doc_id.into_owned(), decode_u64(v).unwrap_or(0)));
                }
                Ok(())
            })?;
            list
        };
        let mut out = Outgoing::default();
        let mut bytes = 0;
        let mut clean = Vec::new();
        let mut cache = self.lock_docs();
        for (doc_id, mark) in dirty {
            if bytes >= max_bytes {
                break;
            }
            let synced = self.synced_heads(&doc_id)?;
            let (data, heads) = match synced {
                None if !cache.contains_key(&doc_id) => {
                    // Never shared: send the stored bytes as they are; the server reports
                    // their heads.
                    let mut data = Vec::new();
                    self.tree
                        .for_each_prefix(&docs::doc_prefix(&doc_id), &mut |_, v| {
                            data.extend_from_slice(v);
                            Ok(())
                        })?;
                    (data, Vec::new())
                }
                synced => {
                    let Some(mut stored) = self.take_doc(&mut cache, &doc_id)? else {
                        clean.push((doc_id, mark));
                        continue;
                    };
                    let heads = heads_of(&mut stored.doc);
                    let result = match synced {
                        Some(synced) if synced == heads => None,
                        Some(synced) => {
                            let shared: Vec<ChangeHash> =
                                synced.iter().map(|h| ChangeHash(*h)).collect();
                            Some((stored.doc.save_after(&shared), heads))
                        }
                        // Whole, but with its heads, so that from now on only changes go.
                        None => Some((stored.doc.save(), heads.clone())),
                    };
                    self.keep_doc(&mut cache, doc_id.clone(), stored);
                    match result {
                        Some(found) => found,
                        None => {
                            clean.push((doc_id, mark));
                            continue;
                        }
                    }
                }
            };
            if data.is_empty() {
                clean.push((doc_id, mark));
                continue;
            }
            bytes += data.len();
            out.pushes.push(DocPush {
                doc_id,
                heads: heads.clone(),
                data,
            });
            out.marks.push((mark, heads));
        }
        drop(cache);
        if !clean.is_empty() {
            let mut batch = Batch::default();
            self.clear_marks(&mut batch, clean.iter().map(|(d, m)| (d.as_str(), *m)))?;
            self.commit(batch)?;
        }
        Ok(out)
    }

    fn clear_marks<'a>(
        &self,
        batch: &mut Batch,
        marks: impl Iterator<Item = (&'a str, u64)>,
    ) -> Result<(), StoreError> {
        for (doc_id, mark) in marks {
            let k = key("y/dirty/", doc_id);
            if self.tree.get(&k)?.as_deref().and_then(decode_u64) == Some(mark) {
                batch.delete(k);
            }
        }
        Ok(())
    }

    /// Records the server's answer to a push: what both sides now share, which documents
    /// need no further push, and which the server refused (set aside, see `sync::aside`).
    pub fn sync_pushed(
        &self,
        out: &Outgoing,
        results: &[PushResult],
    ) -> Result<PushAnswered, StoreError> {
        let _writer = self.lock_docs();
        let mut batch = Batch::default();
        let (mut stored, mut refused) = (0, 0);
        for ((push, (mark, sent_heads)), result) in out.pushes.iter().zip(&out.marks).zip(results) {
            match result {
                PushResult::Stored { .. } => {
                    // A whole document sent leaves no record: the server now holds all of it,
                    // as it does for a document received whole (see `sync_apply`).
                    if !sent_heads.is_empty() {
                        batch.put(
                            key("y/synced/", &push.doc_id),
                            postcard::to_allocvec(sent_heads).unwrap_or_default(),
                        );
                    }
                    let k = key("y/dirty/", &push.doc_id);
                    if self.tree.get(&k)?.as_deref().and_then(decode_u64) == Some(*mark) {
                        batch.delete(k);
                    }
                    stored += 1;
                }
                PushResult::NeedFull => batch.delete(key("y/synced/", &push.doc_id)),
                PushResult::Refused { reason, .. } => {
                    // Set aside, not lost: the edits stay here, still to push (it goes
                    // again with its next edit), and it is a finding until then. The rest
                    // of the push goes on.
                    super::aside::put(
                        &mut batch,
                        &super::aside::SetAside {
                            doc_id: push.doc_id.clone(),
                            reason: super::aside::AsideReason::RefusedByServer,
                            detail: reason.clone(),
                            schema: None,
                        },
                    );
                    refused += 1;
                }
            }
        }
        self.commit(batch)?;
        Ok(PushAnswered { stored, refused })
    }

    /// The documents of a feed page this side does not have yet, with what it shares of each.
    pub fn sync_wants(&self, changed: &[FeedEntry]) -> Result<Vec<DocWant>, StoreError> {
        let mut wants = Vec::new();
        for entry in changed {
            let have = match self.synced_heads(&entry.doc_id)? {
                Some(synced) if synced == entry.heads => continue,
                Some(synced) => synced,
                // A document first received whole keeps no record of what it shares (see
                // `sync_apply`): its heads here are what it holds; the server ignores any of
                // them it does not know.
                None => {
                    let mut cache = self.lock_docs();
                    match self.take_doc(&mut cache, &entry.doc_id)? {
                        Some(mut stored) => {
                            let heads = heads_of(&mut stored.doc);
                            self.keep_doc(&mut cache, entry.doc_id.clone(), stored);
                            if heads == entry.heads {
                                continue;
                            }
                            heads
                        }
                        None => Vec::new(),
                    }
                }
            };
            wants.push(DocWant {
                doc_id: entry.doc_id.clone(),
                have,
            });
        }
        Ok(wants)
    }

    /// Merges documents from the server, updates lists, conflicts and what both sides share,
    /// all in one durable batch. Each document is read through its kind (`record`): its
    /// row, the files it names and the fields it lets people edit; a document of a kind this
    /// build does not know is kept and synced, but listed nowhere.
    pub fn sync_apply(&self, incoming: Vec<DocData>) -> Result<Applied, StoreError> {
        let prepared = self.sync_prepare(incoming)?;
        self.sync_commit(prepared)
    }

    /// The first half of [`Workspace::sync_apply`]: loads and reads, on every core, the
    /// documents the store holds nothing of (all of a first sync). It takes no lock, so it
    /// overlaps with the batch before being written; [`Workspace::sync_commit`] checks again,
    /// under the writer lock, that they are still new. (A cached document is a stored one.)
    pub(crate) fn sync_prepare(&self, incoming: Vec<DocData>) -> Result<Prepared, StoreError> {
        let tree = self.tree.as_ref();
        let mut new = Vec::new();
        let mut held = Vec::new();
        for data in incoming {
            if docs::exists(tree, &data.doc_id)? {
                held.push(data);
            } else {
                new.push((data, Here::Absent));
            }
        }
        Ok(Prepared {
            new: merge_all(tree, self.registry(), new)?,
            held,
        })
    }

    /// The second half of [`Workspace::sync_apply`], under the writer lock: merges the
    /// documents this side holds, and writes everything in one durable batch. A document
    /// prepared as new that a write stored meanwhile is merged with what is stored.
    pub(crate) fn sync_commit(&self, prepared: Prepared) -> Result<Applied, StoreError> {
        let Prepared { new, mut held } = prepared;
        let mut cache = self.lock_docs();
        let tree = self.tree.as_ref();
        let mut merged = Vec::with_capacity(new.len() + held.len());
        for item in new {
            let doc_id = match &item {
                Ok(merged) => &merged.data.doc_id,
                Err(data) => &data.doc_id,
            };
            if cache.contains_key(doc_id) || docs::exists(tree, doc_id)? {
                held.push(match item {
                    Ok(merged) => merged.data,
                    Err(data) => data,
                });
            } else {
                merged.push(item);
            }
        }
        let taken: Vec<(DocData, Here)> = held
            .into_iter()
            .map(|data| {
                let here = match cache.remove(&data.doc_id) {
                    Some(stored) => Here::Cached(Box::new(stored)),
                    None => Here::Stored,
                };
                (data, here)
            })
            .collect();
        merged.extend(merge_all(tree, self.registry(), taken)?);
        let mut applied = Applied::default();
        let mut batch = Batch::default();
        let mut records = Vec::new();
        for item in merged {
            let Merged {
                data,
                stored,
                record,
                aside,
                conflicts,
            } = match item {
                Ok(merged) => merged,
                Err(data) => {
                    batch.delete(key("y/synced/", &data.doc_id));
                    applied.refused.push(data.doc_id);
                    continue;
                }
            };
            let existed = stored.is_some();
            match &aside {
                Some(aside) => super::aside::put(&mut batch, aside),
                None if existed && super::aside::is_set(tree, &data.doc_id)? => {
                    super::aside::clear(&mut batch, &data.doc_id)
                }
                None => {}
            }
            if let Some(mut stored) = stored {
                docs::append_pending(tree, &mut batch, &mut stored, &data.doc_id)?;
                batch.put(
                    key("y/synced/", &data.doc_id),
                    postcard::to_allocvec(&data.heads).unwrap_or_default(),
                );
                applied.updated += 1;
                self.keep_doc(&mut cache, data.doc_id.clone(), stored);
            } else {
                // Received whole and untouched here: what it shares with the server is all of
                // it, which its own heads say. Not writing that down halves the keys a first
                // sync writes; `sync_wants` and `sync_outgoing` read the heads when needed.
                docs::write_snapshot(&mut batch, &data.doc_id, &data.data);
                applied.created += 1;
            }
            // A document new here has no conflicts on record to clear.
            if !conflicts.is_empty() || (existed && conflicts::recorded(tree, &data.doc_id)?) {
                conflicts::put(&mut batch, &data.doc_id, &conflicts);
            }
            if let Some(record) = record {
                for sha in &record.files {
                    if !super::blobs::has(tree, sha)? {
                        batch.put(key("y/blobwant/", sha), Vec::new());
                    }
                }
                records.push(record);
            }
        }
        self.registry()
            .put_projections(tree, &mut batch, &records)?;
        self.commit(batch)?;
        self.upsert_loaded(records);
        Ok(applied)
    }

    /// Blobs this side holds that the server may not.
    pub fn blobs_to_push(&self) -> Result<Vec<String>, StoreError> {
        self.marked("y/blobpush/")
    }

    /// [`Workspace::blobs_to_push`] at `now_ms`, leaving out the files the server refused as
    /// too large less than a day before.
    pub fn blobs_to_push_at(&self, now_ms: i64) -> Result<Vec<String>, StoreError> {
        let waiting: HashSet<String> = self
            .files_too_large()?
            .into_iter()
            .filter(|file| now_ms.saturating_sub(file.at_ms) < TOO_LARGE_RETRY_MS)
            .map(|file| file.sha256)
            .collect();
        let mut list = self.blobs_to_push()?;
        list.retain(|sha| !waiting.contains(sha));
        Ok(list)
    }

    /// Notes that the server refused `sha` as too large; it stays to push.
    pub fn blob_too_large(
        &self,
        sha: &str,
        bytes: u64,
        limit_bytes: u64,
        at_ms: i64,
    ) -> Result<(), StoreError> {
        let note = FileTooLarge {
            sha256: sha.to_owned(),
            bytes,
            limit_bytes,
            at_ms,
        };
        let mut batch = Batch::default();
        batch.put(
            key("y/blobbig/", sha),
            serde_json::to_vec(&note).unwrap_or_default(),
        );
        self.commit(batch)
    }

    /// Every file the server refused as too large, still on this device only.
    pub fn files_too_large(&self) -> Result<Vec<FileTooLarge>, StoreError> {
        let mut list = Vec::new();
        self.tree.for_each_prefix(b"y/blobbig/", &mut |_, v| {
            if let Ok(note) = serde_json::from_slice(v) {
                list.push(note);
            }
            Ok(())
        })?;
        Ok(list)
    }

    /// Blobs referenced by synced documents that this side does not hold yet.
    pub fn blobs_wanted(&self) -> Result<Vec<String>, StoreError> {
        self.marked("y/blobwant/")
    }

    fn marked(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let mut list = Vec::new();
        self.tree.for_each_prefix(prefix.as_bytes(), &mut |k, _| {
            list.push(String::from_utf8_lossy(&k[prefix.len()..]).into_owned());
            Ok(())
        })?;
        Ok(list)
    }

    /// A file a record names, as this device has it: here (its bytes, hash checked), on its
    /// way (a synced record names it and the next sync fetches it), or unknown here.
    pub fn file_state(&self, sha: &str) -> Result<FileState, StoreError> {
        if !super::blobs::valid_sha(sha) {
            return Ok(FileState::Unknown);
        }
        if let Some(bytes) = super::blobs::get(self.tree.as_ref(), sha)? {
            return Ok(FileState::Here(bytes));
        }
        Ok(match self.file_wanted(sha)? {
            true => FileState::WaitingForSync,
            false => FileState::Unknown,
        })
    }

    /// Like [`Workspace::file_state`] without the bytes: whether the file is here is read
    /// from its size record alone, so a screen can ask about many files cheaply.
    pub fn file_presence(&self, sha: &str) -> Result<FileStateView, StoreError> {
        if !super::blobs::valid_sha(sha) {
            return Ok(FileStateView::Unknown);
        }
        if super::blobs::has(self.tree.as_ref(), sha)? {
            return Ok(FileStateView::Here);
        }
        Ok(match self.file_wanted(sha)? {
            true => FileStateView::WaitingForSync,
            false => FileStateView::Unknown,
        })
    }

    /// A synced record names `sha` and the next pass fetches it.
    pub(crate) fn file_wanted(&self, sha: &str) -> Result<bool, StoreError> {
        Ok(self.tree.get(&key("y/blobwant/", sha))?.is_some())
    }

    /// The server holds `shas` now.
    pub fn blobs_pushed(&self, shas: &[String]) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        for sha in shas {
            batch.delete(key("y/blobpush/", sha));
            batch.delete(key("y/blobbig/", sha));
        }
        self.commit(batch)
    }

    /// Asks the next sync to fetch the file `sha` (a blob or a large file's manifest) when
    /// it is not here: for a file known by its hash before any record here names it (the
    /// CLI's `file fetch`). `false` when `sha` is not a hash or the file is here already.
    pub fn want_file(&self, sha: &str) -> Result<bool, StoreError> {
        if !super::blobs::valid_sha(sha) || super::blobs::has(self.tree.as_ref(), sha)? {
            return Ok(false);
        }
        let mut batch = Batch::default();
        batch.put(key("y/blobwant/", sha), Vec::new());
        self.commit(batch)?;
        Ok(true)
    }

    /// The size of a blob held here, from its size record (no bytes read).
    pub fn blob_size(&self, sha: &str) -> Result<Option<u64>, StoreError> {
        super::blobs::size(self.tree.as_ref(), sha)
    }

    /// Keeps a large file's manifest fetched before its parts (`y/lfman/{sha}`, local): not
    /// a blob yet, since a manifest is stored only where all its parts are
    /// ([`super::large_files`]), but what says how much of the file is here. `false` when
    /// the bytes do not have the hash.
    pub fn large_file_manifest_fetched(&self, sha: &str, bytes: &[u8]) -> Result<bool, StoreError> {
        if super::blobs::sha256_hex(bytes) != sha {
            return Ok(false);
        }
        let mut batch = Batch::default();
        batch.put(key("y/lfman/", sha), bytes.to_vec());
        self.commit(batch)?;
        Ok(true)
    }

    /// A large file's manifest fetched while its parts are still coming.
    pub(crate) fn pending_manifest(
        &self,
        sha: &str,
    ) -> Result<Option<super::large_files::Manifest>, StoreError> {
        Ok(self
            .tree
            .get(&key("y/lfman/", sha))?
            .and_then(|bytes| super::large_files::Manifest::decode(&bytes).ok()))
    }

    /// Stores a blob fetched from the server after checking its hash.
    pub fn blob_fetched(&self, sha: &str, bytes: &[u8]) -> Result<bool, StoreError> {
        if super::blobs::sha256_hex(bytes) != sha {
            return Ok(false);
        }
        let mut batch = Batch::default();
        super::blobs::put_durable(self.tree.as_ref(), &mut batch, sha, bytes)?;
        batch.delete(key("y/blobwant/", sha));
        batch.delete(key("y/lfman/", sha));
        self.commit(batch)?;
        Ok(true)
    }
}

/// Documents of one server answer between [`Workspace::sync_prepare`] and
/// [`Workspace::sync_commit`].
pub(crate) struct Prepared {
    /// Documents that were new here, loaded and read (`Err`: bytes that did not load alone).
    new: Vec<Result<Merged, DocData>>,
    /// Documents this side holds: merged under the writer lock.
    held: Vec<DocData>,
}

/// What this side holds of an incoming document.
enum Here {
    /// Loaded, in the workspace's cache (taken out of it while merging).
    Cached(Box<StoredDoc>),
    /// Maybe in the store.
    Stored,
    /// Nothing: neither cached nor stored.
    Absent,
}

struct Merged {
    data: DocData,
    /// The merged document, when this side had it before; a document received whole is
    /// dropped where it was read (it is in the batch as bytes).
    stored: Option<StoredDoc>,
    /// The record as its kind reads it; `None` when it is set aside.
    record: Option<Loaded>,
    /// Why this build does not read it, if it does not.
    aside: Option<SetAside>,
    conflicts: Vec<conflicts::FieldConflict>,
}

/// Loads or merges each incoming document and reads what the store keeps beside it, on all
/// cores: this is most of a first sync's time. `Err` items are documents whose bytes could
/// not be used.
fn merge_all(
    tree: &dyn Tree,
    registry: &Registry,
    taken: Vec<(DocData, Here)>,
) -> Result<Vec<Result<Merged, DocData>>, StoreError> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if taken.len() < 64 || workers == 1 {
        return taken
            .into_iter()
            .map(|(d, s)| merge_one(tree, registry, d, s))
            .collect();
    }
    let chunk = taken.len().div_ceil(workers);
    let mut parts: Vec<Vec<(DocData, Here)>> = Vec::new();
    let mut iter = taken.into_iter().peekable();
    while iter.peek().is_some() {
        parts.push(iter.by_ref().take(chunk).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                scope.spawn(move || {
                    part.into_iter()
                        .map(|(d, s)| merge_one(tree, registry, d, s))
                        .collect::<Result<Vec<_>, StoreError>>()
                })
            })
            .collect();
        let mut all = Vec::new();
        for handle in handles {
            let part = handle
                .join()
                .unwrap_or_else(|_| Err(damaged("synced documents", "a merge worker panicked")))?;
            all.extend(part);
        }
        Ok(all)
    })
}

fn merge_one(
    tree: &dyn Tree,
    registry: &Registry,
    data: DocData,
    here: Here,
) -> Result<Result<Merged, DocData>, StoreError> {
    let local = match here {
        Here::Cached(stored) => Some(*stored),
        Here::Stored => docs::load(tree, &data.doc_id)?,
        Here::Absent => None,
    };
    let existed = local.is_some();
    let mut stored = match local {
        Some(mut stored) => {
            if stored.doc.load_incremental(&data.data).is_err() {
                return Ok(Err(data));
            }
            stored
        }
        None => match AutoCommit::load(&data.data) {
            Ok(doc) => StoredDoc::saved(doc, 0, 0),
            Err(_) => return Ok(Err(data)),
        },
    };
    if !stored.doc.get_missing_deps(&[]).is_empty() {
        return Ok(Err(data));
    }
    // A document this build cannot read (a newer version's, or one that does not hold what
    // its kind must) is kept and set aside: it never stops the sync.
    let (record, aside) = match registry.check(&mut stored.doc, &data.doc_id) {
        Fit::Fits(loaded) => (Some(*loaded), None),
        other => (None, SetAside::from_fit(&data.doc_id, &other)),
    };
    let conflicts = conflicts::detect(&mut stored.doc, registry.editable(&data.doc_id));
    Ok(Ok(Merged {
        data,
        stored: existed.then_some(stored),
        record,
        aside,
        conflicts,
    }))
}
