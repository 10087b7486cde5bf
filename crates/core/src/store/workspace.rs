//! An open workspace: its tree, the in-memory asset index and a small cache of loaded documents.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, MutexGuard};

use super::docs::{self, StoredDoc, COMPACT_AFTER_CHANGES};
use super::kv::{Batch, Tree};
use super::{StoreError, WorkspaceMeta};
use crate::record::{Indexes, Loaded, Registry};

/// How many loaded documents stay in memory between edits.
const DOC_CACHE_LIMIT: usize = 512;

pub struct Workspace {
    meta: WorkspaceMeta,
    pub(crate) tree: Arc<dyn Tree>,
    /// The kinds of record and indexes this workspace works with (`crate::kinds`).
    registry: &'static Registry,
    /// Every area's in-memory index (see `record::Indexes`).
    indexes: Indexes,
    /// Loaded documents by doc id; holding this lock also serialises writers.
    pub(crate) docs: Mutex<HashMap<String, StoredDoc>>,
    /// Documents with enough appended changes to be worth compacting.
    pub(crate) compaction_due: Mutex<HashSet<String>>,
    /// The workspace syncs with a server: local edits mark their documents for pushing.
    pub(crate) bound: AtomicBool,
    /// The last edit number handed out (see `sync::client`).
    pub(crate) edit_seq: AtomicU64,
    /// The areas' upkeep waits for the next sync pull (a bound workspace, just opened).
    pub(crate) upkeep_after_pull: AtomicBool,
    /// While backups copy the documents: how many do, and every document written since the
    /// first began (see `Workspace::backup_snapshot`).
    written_during_backup: Mutex<(usize, HashSet<String>)>,
}

impl Workspace {
    pub(crate) fn open(
        meta: WorkspaceMeta,
        tree: Arc<dyn Tree>,
        registry: &'static Registry,
    ) -> Result<Workspace, StoreError> {
        let indexes = registry.load_indexes(tree.as_ref())?;
        let bound = tree.get(b"y/binding")?.is_some();
        let edit_seq = tree
            .get(b"y/editseq")?
            .as_deref()
            .and_then(super::kv::decode_u64)
            .unwrap_or(0);
        let workspace = Workspace {
            meta,
            tree,
            registry,
            indexes,
            docs: Mutex::new(HashMap::new()),
            compaction_due: Mutex::new(HashSet::new()),
            bound: AtomicBool::new(bound),
            edit_seq: AtomicU64::new(edit_seq),
            upkeep_after_pull: AtomicBool::new(bound),
            written_during_backup: Mutex::new((0, HashSet::new())),
        };
        // Documents set aside for a newer version are read again: this may be that version.
        // A failure here (a full disk) leaves them set aside until the next open.
        match workspace.reread_set_aside() {
            Ok(0) => {}
            Ok(came_back) => tracing::info!(came_back, "documents set aside read again"),
            Err(error) => tracing::warn!(%error, "documents set aside not read again"),
        }
        // What documents from an older version leave undone (each area's own, idempotent). A
        // workspace that syncs may lack records the server holds (a new device, a recovered
        // store): its upkeep runs after its next pull, when it holds them.
        if !bound {
            registry.run_upkeep(&workspace);
        }
        Ok(workspace)
    }

    pub fn registry(&self) -> &'static Registry {
        self.registry
    }

    /// Every area's in-memory index; an area reads its own with `indexes().read::<T>()`.
    pub fn indexes(&self) -> &Indexes {
        &self.indexes
    }

    /// Puts written or merged records into their indexes.
    pub(crate) fn upsert_loaded(&self, records: Vec<Loaded>) {
        self.registry.upsert(&self.indexes, records);
    }

    pub fn meta(&self) -> &WorkspaceMeta {
        &self.meta
    }

    pub(crate) fn lock_docs(&self) -> MutexGuard<'_, HashMap<String, StoredDoc>> {
        self.docs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes a document out of the cache or loads it; `Ok(None)` if the store has none.
    pub(crate) fn take_doc(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        doc_id: &str,
    ) -> Result<Option<StoredDoc>, StoreError> {
        match cache.remove(doc_id) {
            Some(stored) => Ok(Some(stored)),
            None => docs::load(self.tree.as_ref(), doc_id),
        }
    }

    /// Returns a document to the cache after use, remembering whether it needs compacting.
    pub(crate) fn keep_doc(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        doc_id: String,
        stored: StoredDoc,
    ) {
        if stored.appended_changes > COMPACT_AFTER_CHANGES {
            self.compaction_due
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .insert(doc_id.clone());
        }
        if cache.len() >= DOC_CACHE_LIMIT {
            let evict: Vec<String> = cache.keys().take(DOC_CACHE_LIMIT / 4).cloned().collect();
            for key in evict {
                cache.remove(&key);
            }
        }
        cache.insert(doc_id, stored);
    }

    /// Writes `batch` and waits until it is durable: nothing is acknowledged before this returns.
    pub(crate) fn commit(&self, batch: Batch) -> Result<(), StoreError> {
        {
            let mut watch = self
                .written_during_backup
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            let (watchers, written) = &mut *watch;
            if *watchers > 0 {
                let keys = batch.puts.iter().map(|(key, _)| key).chain(&batch.deletes);
                written.extend(keys.filter_map(|key| super::backup::written_doc_id(key)));
            }
        }
        self.tree.apply(batch)?;
        self.tree.flush()
    }

    /// Starts noting the documents edits write (`true`), or stops and returns those noted
    /// (`false`; with another backup still copying, a superset of those written since this
    /// one began, which only means a few more are copied again).
    pub(crate) fn watch_writes(&self, start: bool) -> HashSet<String> {
        let mut watch = self
            .written_during_backup
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let (watchers, written) = &mut *watch;
        if start {
            *watchers += 1;
            return HashSet::new();
        }
        *watchers = watchers.saturating_sub(1);
        if *watchers == 0 {
            std::mem::take(written)
        } else {
            written.clone()
        }
    }

    /// Compacts up to `limit` documents that have many appended changes; returns how many.
    /// The app calls this from a background thread when it is idle.
    pub fn compact_due(&self, limit: usize) -> Result<usize, StoreError> {
        let due: Vec<String> = {
            let mut pending = self
                .compaction_due
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let chosen: Vec<String> = pending.iter().take(limit).cloned().collect();
            for doc_id in &chosen {
                pending.remove(doc_id);
            }
            chosen
        };
        let mut cache = self.lock_docs();
        for doc_id in &due {
            let Some(mut stored) = self.take_doc(&mut cache, doc_id)? else {
                continue;
            };
            let mut batch = Batch::default();
            docs::compact_into(self.tree.as_ref(), &mut batch, &mut stored, doc_id)?;
            self.commit(batch)?;
            cache.insert(doc_id.clone(), stored);
        }
        Ok(due.len())
    }

    /// Total bytes of the saved Automerge documents in this workspace.
    pub fn stored_document_bytes(&self) -> Result<u64, StoreError> {
        docs::stored_document_bytes(self.tree.as_ref())
    }
}
