//! A hub's workspace copied while the server serves it, and brought back into a new store.
//!
//! A copy is the core's workspace folder ([`crate::store::backup`]: every document's bytes
//! and every blob) plus the change feed ([`FeedBackup`]: each document's latest feed record,
//! the last sequence handed out). Documents and feed are copied so that they agree at one
//! moment, the end of the copy, while pushes wait only for short pieces:
//! 1. under the hub's read lock (which keeps pushes out but lets answers go on), note the
//!    feed's last sequence `S`;
//! 2. copy every document, then every feed record up to `S`, in pieces of a few thousand keys,
//!    each under the read lock (a document is never split, a piece never holds half a push);
//! 3. under the read lock once more, read the feed after `S`: every document a push changed
//!    since step 1 is there (every push that changes a document moves it to a new sequence),
//!    so those documents and their records are copied again, with the blob list.
//!
//! What the copy holds is then the workspace as it was during step 3. Restoring it writes a
//! new epoch ([`FeedEpoch`]) into the feed: devices whose cursors count in the old feed read
//! the restored one from the start and push everything they hold, so that what the server
//! acknowledged after the copy comes back.

use std::collections::{HashMap, HashSet};

use automerge::AutoCommit;
use serde::{Deserialize, Serialize};

use super::{doc_seq_key, feed_key, FeedRecord, Hub, EPOCH};
use crate::store::backup::{copy_documents, VerifiedExport, WorkspaceSnapshot};
use crate::store::docs;
use crate::store::kv::{damaged, decode_u64, Batch, Tree};
use crate::store::{Store, StoreError, WorkspaceMeta};
use crate::sync::blobs;
use crate::sync::protocol::{valid_doc_id, FeedEpoch, Hash};

/// The feed file's `format`.
pub const FEED_FORMAT: &str = "cloudwright-feed";
/// The feed file's `version`: 1, the layout of [`FeedBackup`].
pub const FEED_VERSION: u32 = 1;
/// Feed records copied per hold of the hub's read lock.
const FEED_RECORDS_PER_PIECE: usize = 4_096;
/// Bytes per write batch while a restore fills a workspace's tree.
const RESTORE_BATCH_BYTES: usize = 8 * 1024 * 1024;

/// A workspace's change feed as a backup keeps it (JSON): one record per document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedBackup {
    pub format: String,
    pub version: u32,
    /// The last sequence the feed handed out (at least every record's).
    pub last_seq: u64,
    /// In sequence order.
    pub records: Vec<FeedBackupRecord>,
}

/// One document's latest state in the feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedBackupRecord {
    pub seq: u64,
    pub doc_id: String,
    /// The document's heads at that state, as lower-case hex.
    pub heads: Vec<String>,
    /// The device whose push made that state ("" when the merge added something it lacked).
    pub client: String,
}

/// A hub's workspace as copied by [`Hub::backup_snapshot`]: what
/// [`crate::store::backup::write_export`] writes, and the feed beside it.
pub struct HubSnapshot {
    pub workspace: WorkspaceSnapshot,
    pub feed: FeedBackup,
}

#[derive(Debug, thiserror::Error)]
pub enum HubRestoreError {
    #[error("the backup's feed of workspace {workspace} cannot be used: {reason}")]
    Feed { workspace: String, reason: String },
    #[error("this data directory already has the workspace {0}")]
    WorkspaceExists(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a restore wrote for one workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoredWorkspace {
    pub meta: WorkspaceMeta,
    pub documents: usize,
    pub blobs: usize,
    /// Documents the backup's feed had no record of, given one at the feed's end (none in a
    /// backup this code wrote).
    pub feed_records_added: usize,
    pub epoch: FeedEpoch,
}

fn hex_heads(heads: &[Hash]) -> Vec<String> {
    heads.iter().map(hex::encode).collect()
}

fn parse_heads(heads: &[String]) -> Option<Vec<Hash>> {
    heads
        .iter()
        .map(|text| hex::decode(text).ok()?.try_into().ok())
        .collect()
}

fn decode_record(value: &[u8]) -> Result<FeedRecord, StoreError> {
    postcard::from_bytes(value).map_err(|e| damaged("feed record", e))
}

fn seq_of(key: &[u8]) -> Result<u64, StoreError> {
    decode_u64(&key[2..]).ok_or_else(|| damaged("feed key", "too short"))
}

/// A document's stored bytes as one loadable whole: its snapshot, then the changes appended
/// since, in order (the layout of `store::docs`, as the workspace folder keeps documents).
fn document_bytes(tree: &dyn Tree, doc_id: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let prefix = docs::doc_prefix(doc_id);
    let (mut snapshot, mut changes) = (Vec::new(), Vec::new());
    tree.for_each_prefix(&prefix, &mut |key, value| {
        if key[prefix.len()..].starts_with(b"s/") {
            snapshot.extend_from_slice(value);
        } else {
            changes.extend_from_slice(value);
        }
        Ok(())
    })?;
    if snapshot.is_empty() && changes.is_empty() {
        return Ok(None);
    }
    snapshot.extend_from_slice(&changes);
    Ok(Some(snapshot))
}

impl Hub {
    /// Copies the workspace's documents, feed and blob list as they are at one moment (see
    /// the module's description), holding pushes up for one piece at a time. `copied` hears
    /// how many documents are copied so far after each piece.
    pub fn backup_snapshot(
        &self,
        copied: &mut dyn FnMut(usize),
    ) -> Result<HubSnapshot, StoreError> {
        let tree = self.tree();
        let read = || self.lock.read().unwrap_or_else(|p| p.into_inner());
        let last_seq = |tree: &dyn Tree| -> Result<u64, StoreError> {
            Ok(tree
                .get(b"y/seq")?
                .as_deref()
                .and_then(decode_u64)
                .unwrap_or(0))
        };
        let start_seq = {
            let _reading = read();
            last_seq(tree)?
        };
        let mut documents = copy_documents(tree, read, copied)?;

        // Each document's latest record up to `start_seq`; later ones come in the last step.
        let mut feed: HashMap<String, (u64, FeedRecord)> = HashMap::new();
        let mut from = feed_key(1);
        loop {
            let pairs = {
                let _reading = read();
                tree.scan_from(b"f/", &from, FEED_RECORDS_PER_PIECE)?
            };
            let mut past_start = false;
            for (key, value) in &pairs {
                let seq = seq_of(key)?;
                if seq > start_seq {
                    past_start = true;
                    break;
                }
                keep_latest(&mut feed, seq, decode_record(value)?);
                from = feed_key(seq + 1);
            }
            if past_start || pairs.len() < FEED_RECORDS_PER_PIECE {
                break;
            }
        }

        // The last step: whatever was pushed since the first, documents and records again.
        let (mut again, last, blob_shas) = {
            let _reading = read();
            let mut again: HashMap<String, Vec<u8>> = HashMap::new();
            for (key, value) in tree.scan_from(b"f/", &feed_key(start_seq + 1), usize::MAX)? {
                let record = decode_record(&value)?;
                if let Some(bytes) = document_bytes(tree, &record.doc_id)? {
                    again.insert(record.doc_id.clone(), bytes);
                }
                keep_latest(&mut feed, seq_of(&key)?, record);
            }
            (again, last_seq(tree)?, blobs::list(tree)?)
        };
        for (doc_id, bytes) in &mut documents {
            if let Some(newer) = again.remove(doc_id) {
                *bytes = newer;
            }
        }
        let mut added: Vec<(String, Vec<u8>)> = again.into_iter().collect();
        added.sort();
        documents.extend(added);
        copied(documents.len());

        let mut records: Vec<FeedBackupRecord> = feed
            .into_iter()
            .map(|(doc_id, (seq, record))| FeedBackupRecord {
                seq,
                doc_id,
                heads: hex_heads(&record.heads),
                client: record.client,
            })
            .collect();
        records.sort_by_key(|record| record.seq);
        let last_seq = records.last().map_or(last, |record| record.seq.max(last));
        Ok(HubSnapshot {
            workspace: WorkspaceSnapshot {
                meta: self.workspace.meta().clone(),
                documents,
                blob_shas,
                tree: self.workspace.tree.clone(),
            },
            feed: FeedBackup {
                format: FEED_FORMAT.into(),
                version: FEED_VERSION,
                last_seq,
                records,
            },
        })
    }
}

fn keep_latest(feed: &mut HashMap<String, (u64, FeedRecord)>, seq: u64, record: FeedRecord) {
    match feed.get(&record.doc_id) {
        Some((known, _)) if *known >= seq => {}
        _ => {
            feed.insert(record.doc_id.clone(), (seq, record));
        }
    }
}

/// Brings one workspace of a server backup into `store` with its own id: its documents and
/// blobs (from the verified folder), its feed as it was with a new `epoch`, and the owner
/// of every document; the workspace is listed only once all of that is durable. A store that
/// already has the workspace is refused before anything is written.
pub fn restore_workspace(
    store: &Store,
    export: &VerifiedExport,
    feed: &FeedBackup,
    epoch: FeedEpoch,
) -> Result<RestoredWorkspace, HubRestoreError> {
    let meta = export.manifest.workspace.clone();
    let bad_feed = |reason: String| HubRestoreError::Feed {
        workspace: meta.id.to_string(),
        reason,
    };
    if feed.format != FEED_FORMAT {
        return Err(bad_feed(format!("its format is not '{FEED_FORMAT}'")));
    }
    if feed.version > FEED_VERSION {
        return Err(bad_feed(format!(
            "it was written by a newer version (feed version {}; this one reads up to {FEED_VERSION})",
            feed.version
        )));
    }
    if store.workspaces()?.iter().any(|known| known.id == meta.id) {
        return Err(HubRestoreError::WorkspaceExists(meta.id.to_string()));
    }
    let tree = store.workspace_tree(&meta.id)?;
    let owners = store.aux_tree("doc-owners")?;
    let owner = meta.id.to_string().into_bytes();

    // A tree left by a restore cut off is not listed: clear it first.
    let mut batch = Batch::default();
    tree.for_each_prefix(b"", &mut |key, _| {
        batch.delete(key.to_vec());
        Ok(())
    })?;
    tree.apply(batch)?;

    let mut writer = BatchWriter::new(&tree);
    let mut owner_batch = Batch::default();
    for (doc_id, bytes) in &export.documents {
        docs::write_snapshot(&mut writer.batch, doc_id, bytes);
        owner_batch.put(doc_id.as_bytes().to_vec(), owner.clone());
        writer.added(bytes.len())?;
    }
    for (sha, bytes) in &export.blobs {
        blobs::put(&mut writer.batch, sha, bytes);
        writer.added(bytes.len())?;
    }

    let mut recorded: HashSet<&str> = HashSet::with_capacity(feed.records.len());
    let held: HashMap<&str, &[u8]> = export
        .documents
        .iter()
        .map(|(id, bytes)| (id.as_str(), bytes.as_slice()))
        .collect();
    let mut last_seq = feed.last_seq;
    for record in &feed.records {
        if !valid_doc_id(&record.doc_id) {
            return Err(bad_feed(format!(
                "'{}' is not a document id",
                record.doc_id.chars().take(80).collect::<String>()
            )));
        }
        // A record of a document the folder does not hold would answer wants with nothing.
        if !held.contains_key(record.doc_id.as_str()) || recorded.contains(record.doc_id.as_str()) {
            continue;
        }
        let heads = parse_heads(&record.heads)
            .ok_or_else(|| bad_feed(format!("the heads of {} are not hashes", record.doc_id)))?;
        put_record(
            &mut writer.batch,
            record.seq,
            FeedRecord {
                doc_id: record.doc_id.clone(),
                heads,
                client: record.client.clone(),
            },
        );
        last_seq = last_seq.max(record.seq);
        recorded.insert(&record.doc_id);
        writer.added(256)?;
    }
    // Every document needs a record, or the hub would not know it; a backup written here
    // has one for each, so this only mends a hand-made folder.
    let mut feed_records_added = 0;
    for (doc_id, bytes) in &export.documents {
        if recorded.contains(doc_id.as_str()) {
            continue;
        }
        let mut doc = AutoCommit::load(bytes).map_err(|e| StoreError::DamagedDocument {
            doc_id: doc_id.clone(),
            reason: e.to_string(),
        })?;
        last_seq += 1;
        put_record(
            &mut writer.batch,
            last_seq,
            FeedRecord {
                doc_id: doc_id.clone(),
                heads: doc.get_heads().iter().map(|h| h.0).collect(),
                client: String::new(),
            },
        );
        feed_records_added += 1;
        writer.added(256)?;
    }
    writer
        .batch
        .put(b"y/seq".to_vec(), last_seq.to_be_bytes().to_vec());
    writer.batch.put(EPOCH.to_vec(), epoch.0.to_vec());
    owners.apply(owner_batch)?;
    writer.finish()?;
    owners.flush()?;
    let meta = store.adopt_workspace(&meta)?;
    Ok(RestoredWorkspace {
        meta,
        documents: export.documents.len(),
        blobs: export.blobs.len(),
        feed_records_added,
        epoch,
    })
}

fn put_record(batch: &mut Batch, seq: u64, record: FeedRecord) {
    batch.put(doc_seq_key(&record.doc_id), seq.to_be_bytes().to_vec());
    batch.put(
        feed_key(seq),
        postcard::to_allocvec(&record).unwrap_or_default(),
    );
}

/// Applies a batch every few megabytes, and flushes at the end.
struct BatchWriter<'a> {
    tree: &'a dyn Tree,
    batch: Batch,
    size: usize,
}

impl<'a> BatchWriter<'a> {
    fn new(tree: &'a dyn Tree) -> Self {
        BatchWriter {
            tree,
            batch: Batch::default(),
            size: 0,
        }
    }

    fn added(&mut self, bytes: usize) -> Result<(), StoreError> {
        self.size += bytes;
        if self.size >= RESTORE_BATCH_BYTES {
            self.size = 0;
            self.tree.apply(std::mem::take(&mut self.batch))?;
        }
        Ok(())
    }

    fn finish(self) -> Result<(), StoreError> {
        self.tree.apply(self.batch)?;
        self.tree.flush()
    }
}
