//! An open workspace: its tree, the in-memory asset index and a small cache of loaded documents.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::docs::{self, StoredDoc, COMPACT_AFTER_CHANGES};
use super::kv::{Batch, Tree};
use super::{StoreError, WorkspaceMeta};
use crate::assets::index::AssetIndex;
use crate::assets::projection;
use crate::cables::index::CableIndex;
use crate::racks::index::PlaceIndex;

/// How many loaded documents stay in memory between edits.
const DOC_CACHE_LIMIT: usize = 512;

pub struct Workspace {
    meta: WorkspaceMeta,
    pub(crate) tree: Arc<dyn Tree>,
    pub(crate) assets: RwLock<AssetIndex>,
    /// Sites, rooms, racks and added device types (see `racks::index`).
    pub(crate) places: RwLock<PlaceIndex>,
    /// Cables by id, port and label (see `cables::index`).
    pub(crate) cables: RwLock<CableIndex>,
    /// Maintenance plans, audit schedules and audits (see `lifecycle::index`).
    pub(crate) life: RwLock<crate::lifecycle::index::LifeIndex>,
    /// Audits in use, hydrated (see `audits::state`); dropped when a merge changes one.
    pub(crate) audit_states: Mutex<HashMap<String, crate::audits::state::AuditState>>,
    /// Loaded documents by doc id; holding this lock also serialises writers.
    pub(crate) docs: Mutex<HashMap<String, StoredDoc>>,
    /// Documents with enough appended changes to be worth compacting.
    pub(crate) compaction_due: Mutex<HashSet<String>>,
    /// The workspace syncs with a server: local edits mark their documents for pushing.
    pub(crate) bound: AtomicBool,
    /// The last edit number handed out (see `sync::client`).
    pub(crate) edit_seq: AtomicU64,
}

impl Workspace {
    pub(crate) fn open(meta: WorkspaceMeta, tree: Arc<dyn Tree>) -> Result<Workspace, StoreError> {
        let index = projection::load_index(tree.as_ref())?;
        let places = PlaceIndex::load(tree.as_ref())?;
        let cables = CableIndex::load(tree.as_ref())?;
        let life = crate::lifecycle::index::LifeIndex::load(tree.as_ref())?;
        let bound = tree.get(b"y/binding")?.is_some();
        let edit_seq = tree
            .get(b"y/editseq")?
            .as_deref()
            .and_then(super::kv::decode_u64)
            .unwrap_or(0);
        Ok(Workspace {
            meta,
            tree,
            assets: RwLock::new(index),
            places: RwLock::new(places),
            cables: RwLock::new(cables),
            life: RwLock::new(life),
            audit_states: Mutex::new(HashMap::new()),
            docs: Mutex::new(HashMap::new()),
            compaction_due: Mutex::new(HashSet::new()),
            bound: AtomicBool::new(bound),
            edit_seq: AtomicU64::new(edit_seq),
        })
    }

    pub fn meta(&self) -> &WorkspaceMeta {
        &self.meta
    }

    pub(crate) fn index(&self) -> RwLockReadGuard<'_, AssetIndex> {
        self.assets
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn index_mut(&self) -> RwLockWriteGuard<'_, AssetIndex> {
        self.assets
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn places(&self) -> RwLockReadGuard<'_, PlaceIndex> {
        self.places
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn places_mut(&self) -> RwLockWriteGuard<'_, PlaceIndex> {
        self.places
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn cable_index(&self) -> RwLockReadGuard<'_, CableIndex> {
        self.cables
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Puts a written or merged record into the index it belongs to.
    pub(crate) fn upsert_record(&self, record: crate::racks::places::PlaceRecord) {
        self.upsert_records(vec![record]);
    }

    /// Puts written or merged records into their indexes, taking each index's lock once
    /// (never both at once).
    pub(crate) fn upsert_records(&self, records: Vec<crate::racks::places::PlaceRecord>) {
        use crate::racks::places::PlaceRecord;
        let (life, records): (Vec<PlaceRecord>, Vec<PlaceRecord>) =
            records.into_iter().partition(|r| {
                matches!(
                    r,
                    PlaceRecord::MaintenancePlan(_)
                        | PlaceRecord::AuditSchedule(_)
                        | PlaceRecord::Audit(_)
                )
            });
        if !life.is_empty() {
            let mut index = self
                .life
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            for record in life {
                match record {
                    PlaceRecord::MaintenancePlan(plan) => {
                        index.plans.insert(plan.id.clone(), plan);
                    }
                    PlaceRecord::AuditSchedule(schedule) => {
                        index.schedules.insert(schedule.id.clone(), schedule);
                    }
                    PlaceRecord::Audit(summary) => {
                        index.audits.insert(summary.audit.id.clone(), *summary);
                    }
                    _ => {}
                }
            }
        }
        let (cables, places): (Vec<PlaceRecord>, Vec<PlaceRecord>) = records
            .into_iter()
            .partition(|r| matches!(r, PlaceRecord::Cable(_) | PlaceRecord::LabelScheme(_)));
        if !cables.is_empty() {
            let mut index = self
                .cables
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            index.reserve(cables.len());
            for record in cables {
                match record {
                    PlaceRecord::Cable(cable) => index.upsert(*cable),
                    PlaceRecord::LabelScheme(scheme) => index.upsert_scheme(scheme),
                    _ => {}
                }
            }
        }
        if !places.is_empty() {
            // Cable ends are named from places: a cable list answer kept from before is stale.
            self.cables
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .changed();
            let mut index = self.places_mut();
            for record in places {
                index.upsert(record);
            }
        }
    }

    pub(crate) fn life_index(&self) -> RwLockReadGuard<'_, crate::lifecycle::index::LifeIndex> {
        self.life
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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
        self.tree.apply(batch)?;
        self.tree.flush()
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
