//! The one durable write path, for changes of every kind.
//!
//! An area changes a record's document (or describes a new record whole), stages it as a
//! [`Pending`], and hands everything one user action changed to [`Workspace::write`]: the
//! documents' new changes, their projections, the conflicts they settle, their dirty marks for
//! sync and whatever else the action put in the batch (the files it names, through
//! [`Workspace::put_file`]) are written in one sled batch, made durable, and only then put
//! into the in-memory indexes. A failure writes nothing; the staged documents are dropped, so
//! the next use reloads them from the store. Areas turn the `StoreError` into their own error.

use std::any::Any;
use std::collections::HashMap;

use automerge::transaction::CommitOptions;
use automerge::AutoCommit;

use super::aggregate::{self, Aggregate};
use super::{conflicts, Loaded};
use crate::stamp::{ChangeMessage, Stamp};
use crate::store::docs::{self, StoredDoc};
use crate::store::kv::Batch;
use crate::store::{StoreError, Workspace};

/// The message and time of a change made by `stamp` as `op`.
pub fn commit_options(stamp: &Stamp, op: &str) -> CommitOptions {
    CommitOptions::default()
        .with_message(ChangeMessage::of(stamp, op).encode())
        .with_time(stamp.at_ms)
}

/// How a record's document is written.
pub enum Staged {
    /// Changed in memory (loaded, or new and built op by op); its new changes are appended
    /// and it goes back to the cache.
    Doc(Box<StoredDoc>),
    /// A new record's whole document as its one first change, encoded from the value
    /// (`store::new_doc`); nothing is kept in memory.
    FirstChange(Vec<u8>),
    /// A new record's whole document, saved; nothing is kept in memory.
    Snapshot(Vec<u8>),
}

/// One record to write: its document and what it now reads as.
pub struct Pending {
    pub doc_id: String,
    pub staged: Staged,
    pub loaded: Loaded,
}

/// A record in the standard layout to write whole (new, or replacing what its document
/// holds), of any kind.
pub struct Whole(Box<dyn AnyAggregate>);

impl Whole {
    pub fn new<T: Aggregate>(value: T) -> Whole {
        Whole(Box::new(value))
    }

    pub fn doc_id(&self) -> String {
        self.0.doc_id()
    }

    /// The value, if it is a `T`.
    pub fn get<T: Aggregate>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref()
    }
}

trait AnyAggregate: Send + Sync {
    fn doc_id(&self) -> String;
    fn reconcile(&self, doc: &mut AutoCommit) -> Result<(), StoreError>;
    fn new_document(
        &self,
        actor: &automerge::ActorId,
        time: i64,
        message: String,
    ) -> Result<Option<Vec<u8>>, StoreError>;
    fn into_loaded(self: Box<Self>) -> Loaded;
    fn as_any(&self) -> &dyn Any;
}

impl<T: Aggregate> AnyAggregate for T {
    fn doc_id(&self) -> String {
        Aggregate::doc_id(self)
    }

    fn reconcile(&self, doc: &mut AutoCommit) -> Result<(), StoreError> {
        aggregate::reconcile(doc, self)
    }

    fn new_document(
        &self,
        actor: &automerge::ActorId,
        time: i64,
        message: String,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        aggregate::new_document(self, actor, time, message)
    }

    fn into_loaded(self: Box<Self>) -> Loaded {
        let doc_id = Aggregate::doc_id(self.as_ref());
        Loaded::new::<T>(doc_id, *self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Below this many new records, encoding them on one core is quicker than starting threads.
const PARALLEL_FROM: usize = 256;

/// The first changes of new records (see [`Staged::FirstChange`]), on every core for many.
fn encode_new(
    records: &[Whole],
    stamp: &Stamp,
    op: &str,
) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
    // One actor for the batch: each document is its own history, so they need not differ.
    let actor = automerge::ActorId::random();
    let message = ChangeMessage::of(stamp, op).encode();
    let one = |record: &Whole| record.0.new_document(&actor, stamp.at_ms, message.clone());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if records.len() < PARALLEL_FROM || workers == 1 {
        return records.iter().map(one).collect();
    }
    let chunk = records.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = records
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Result<Vec<_>, _>>()))
            .collect();
        let mut encoded = Vec::with_capacity(records.len());
        for handle in handles {
            let part = handle.join().map_err(|_| StoreError::DamagedDocument {
                doc_id: String::new(),
                reason: "a worker encoding new documents stopped".into(),
            })??;
            encoded.extend(part);
        }
        Ok(encoded)
    })
}

impl Workspace {
    /// Loads a document for a write, or starts an empty one for a new record.
    pub fn doc_for_write(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        doc_id: &str,
    ) -> Result<StoredDoc, StoreError> {
        Ok(self
            .take_doc(cache, doc_id)?
            .unwrap_or_else(|| StoredDoc::saved(AutoCommit::new(), 0, 0)))
    }

    /// Reads a record in the standard layout from its document (what a change is made
    /// against); `Ok(None)` when the store has no such document.
    pub fn load_aggregate<T: Aggregate>(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        doc_id: &str,
    ) -> Result<Option<T>, StoreError> {
        let Some(stored) = self.take_doc(cache, doc_id)? else {
            return Ok(None);
        };
        let value = aggregate::hydrate(&stored.doc, doc_id);
        cache.insert(doc_id.to_owned(), stored);
        value.map(Some)
    }

    /// Reconciles `value` into its document and commits it as `op`; [`Workspace::write`]
    /// writes it.
    pub fn stage<T: Aggregate>(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        value: &T,
        stamp: &Stamp,
        op: &str,
    ) -> Result<Pending, StoreError> {
        self.stage_whole(cache, Whole::new(value.clone()), stamp, op)
    }

    fn stage_whole(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        record: Whole,
        stamp: &Stamp,
        op: &str,
    ) -> Result<Pending, StoreError> {
        let doc_id = record.doc_id();
        let mut stored = self.doc_for_write(cache, &doc_id)?;
        record.0.reconcile(&mut stored.doc)?;
        stored.doc.commit_with(commit_options(stamp, op));
        Ok(Pending {
            doc_id,
            staged: Staged::Doc(Box::new(stored)),
            loaded: record.0.into_loaded(),
        })
    }

    /// Stages whole records, new or replacing: a record this store has no document for is
    /// encoded straight from its value (on every core for many), the others reconciled.
    pub fn stage_wholes(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        records: Vec<Whole>,
        stamp: &Stamp,
        op: &str,
    ) -> Result<Vec<Pending>, StoreError> {
        let mut fresh = Vec::new();
        let mut known = Vec::new();
        for record in records {
            let doc_id = record.doc_id();
            // The index, not the store: a look-up per record in sled would pull the whole
            // document key space into its page cache on a 100,000-record import.
            if cache.contains_key(&doc_id) || self.registry().indexed(self.indexes(), &doc_id) {
                known.push(record);
            } else {
                fresh.push(record);
            }
        }
        let encoded = encode_new(&fresh, stamp, op)?;
        let mut pending = Vec::with_capacity(fresh.len() + known.len());
        for (record, first_change) in fresh.into_iter().zip(encoded) {
            match first_change {
                Some(bytes) => pending.push(Pending {
                    doc_id: record.doc_id(),
                    staged: Staged::FirstChange(bytes),
                    loaded: record.0.into_loaded(),
                }),
                None => known.push(record),
            }
        }
        for record in known {
            pending.push(self.stage_whole(cache, record, stamp, op)?);
        }
        Ok(pending)
    }

    /// Commits what was just changed in `stored.doc` as `op` by `stamp` and reads the record
    /// again through its kind (a row that is a function of the document alone).
    pub fn stage_changed(
        &self,
        mut stored: StoredDoc,
        doc_id: &str,
        stamp: &Stamp,
        op: &str,
    ) -> Result<Pending, StoreError> {
        stored.doc.commit_with(commit_options(stamp, op));
        let loaded = self
            .registry()
            .read(&mut stored.doc, doc_id)?
            .ok_or_else(|| StoreError::DamagedDocument {
                doc_id: doc_id.to_owned(),
                reason: "no kind of record has this id".into(),
            })?;
        Ok(Pending {
            doc_id: doc_id.to_owned(),
            staged: Staged::Doc(Box::new(stored)),
            loaded,
        })
    }

    /// Writes staged records (and whatever `batch` holds) in one durable batch, then puts
    /// them into the indexes. Returns the records as written.
    pub fn write(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        pending: Vec<Pending>,
        mut batch: Batch,
    ) -> Result<(), StoreError> {
        let mut kept = Vec::new();
        let mut loaded = Vec::with_capacity(pending.len());
        for item in pending {
            match item.staged {
                Staged::Doc(mut stored) => {
                    docs::append_pending(
                        self.tree.as_ref(),
                        &mut batch,
                        &mut stored,
                        &item.doc_id,
                    )?;
                    if conflicts::recorded(self.tree.as_ref(), &item.doc_id)? {
                        // A change to a conflicted field settles it; keep the inbox in step.
                        let editable = self.registry().editable(&item.doc_id);
                        let open = conflicts::detect(&mut stored.doc, editable);
                        conflicts::put(&mut batch, &item.doc_id, &open);
                    }
                    kept.push((item.doc_id.clone(), stored));
                }
                Staged::FirstChange(bytes) => {
                    docs::put_first_change(&mut batch, &item.doc_id, bytes)
                }
                Staged::Snapshot(bytes) => docs::write_snapshot(&mut batch, &item.doc_id, &bytes),
            }
            self.note_local_change(&mut batch, &item.doc_id);
            loaded.push(item.loaded);
        }
        self.registry()
            .put_projections(self.tree.as_ref(), &mut batch, &loaded)?;
        // On failure the staged documents are dropped with `kept`: the next use reloads them.
        self.commit(batch)?;
        for (doc_id, stored) in kept {
            self.keep_doc(cache, doc_id, *stored);
        }
        self.registry().upsert(self.indexes(), loaded);
        Ok(())
    }

    /// Stages and writes one record in the standard layout.
    pub fn save_one<T: Aggregate>(
        &self,
        value: &T,
        stamp: &Stamp,
        op: &str,
    ) -> Result<(), StoreError> {
        let mut cache = self.lock_docs();
        let pending = self.stage(&mut cache, value, stamp, op)?;
        self.write(&mut cache, vec![pending], Batch::default())
    }

    /// Adds a file's bytes to `batch` (when this store lacks them) and marks them for upload
    /// once the workspace syncs: every file a record names goes through here, so none stays
    /// on one device. Returns its SHA-256.
    pub fn put_file(&self, batch: &mut Batch, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = crate::sync::blobs::sha256_hex(bytes);
        if !crate::sync::blobs::has(self.tree.as_ref(), &sha)? {
            crate::sync::blobs::put(batch, &sha, bytes);
        }
        self.note_local_blob(batch, &sha);
        Ok(sha)
    }
}
