//! The audit kind: one document per audit (`audit/{ULID}`: `audit`, `expected` as one
//! versioned bytes value, `marks` by ULID, `applied` by asset), listed as its
//! [`AuditSummary`] (in the [`AuditIndex`], where the list, alerts and reports read it).
//! Audits in use are kept hydrated in [`AuditStates`].

use std::collections::{BTreeMap, HashMap};

use automerge::AutoCommit;

use super::model::{AuditDoc, AuditSummary, AUDIT_SCHEMA};
use super::state::{AuditState, AuditStates};
use crate::record::aggregate::load_values;
use crate::record::{Index, Indexes, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// The audit kind.
pub struct AuditKind;

/// Every audit's summary by audit id, in memory (the audit list, alerts and reports read it).
#[derive(Debug, Default)]
pub struct AuditIndex {
    pub audits: BTreeMap<String, AuditSummary>,
}

impl Index for AuditIndex {
    fn load(tree: &dyn Tree) -> Result<AuditIndex, StoreError> {
        let audits = load_values::<AuditSummary>(tree, AuditKind::PREFIX)?
            .into_iter()
            .map(|a| (a.audit.id.clone(), a))
            .collect();
        Ok(AuditIndex { audits })
    }
}

impl Kind for AuditKind {
    const PREFIX: &'static str = "audit";
    const SCHEMA: u64 = AUDIT_SCHEMA;
    /// The audit's name, scope and closing, and the corrections applied; marks are added,
    /// never edited, and the expected list never changes.
    const EDITABLE: &'static [&'static str] = &["audit", "applied"];
    const AUDIT_RECORD: bool = true;
    type Row = AuditSummary;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<AuditSummary, StoreError> {
        let value: AuditDoc =
            autosurgeon::hydrate(doc).map_err(|e| crate::record::aggregate::damaged(doc_id, e))?;
        Ok(AuditState::new(value).summary())
    }

    /// Photos of marks.
    fn files(doc: &AutoCommit, _: &AuditSummary) -> Vec<String> {
        super::photos::blob_hashes(doc)
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&AuditSummary],
    ) -> Result<(), StoreError> {
        for summary in rows {
            batch.put(
                format!("p/audit/{}", summary.audit.id).into_bytes(),
                postcard::to_allocvec(summary).unwrap_or_default(),
            );
        }
        Ok(())
    }

    /// A written or merged audit: its summary for alerts and reports; the audit in memory
    /// is dropped (a merged document has marks it lacks), and a writer puts its own back.
    fn upsert(indexes: &Indexes, rows: Vec<AuditSummary>) {
        {
            let mut states = indexes.write::<AuditStates>();
            for summary in &rows {
                states.remove(&summary.audit.id);
            }
        }
        let mut index = indexes.write::<AuditIndex>();
        for summary in rows {
            index.audits.insert(summary.audit.id.clone(), summary);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<AuditIndex>();
        let id = doc_id.split_once('/').map_or("", |(_, id)| id);
        index
            .audits
            .get(id)
            .map(|a| a.audit.name.clone())
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        let id = doc_id.split_once('/').map_or("", |(_, id)| id);
        indexes.read::<AuditIndex>().audits.contains_key(id)
    }
}

impl Index for AuditStates {
    /// Audits are read into memory when first used, not when a workspace opens.
    fn load(_: &dyn Tree) -> Result<AuditStates, StoreError> {
        Ok(AuditStates(HashMap::new()))
    }
}

impl crate::store::Workspace {
    /// Every audit's summary in memory.
    pub(crate) fn audit_index(&self) -> std::sync::RwLockReadGuard<'_, AuditIndex> {
        self.indexes().read::<AuditIndex>()
    }
}

/// The audits' part of the global search (`crate::search`): an audit is found by its name
/// and the place it covers, and named with that place.
pub(crate) fn search_source(
    workspace: &crate::store::Workspace,
    query: &crate::search::SearchQuery,
    hits: &mut crate::search::SearchHits,
) {
    for summary in workspace.audit_index().audits.values() {
        let audit = &summary.audit;
        let scope = &audit.scope;
        let mut place = vec![scope.site.clone(), scope.room.clone()];
        place.extend(scope.rows.iter().cloned());
        place.extend(scope.racks.iter().cloned());
        place.retain(|part| !part.is_empty());
        let detail = place.join(" · ");
        if let Some(rank) = query.rank(&audit.name, &[&detail]) {
            hits.push(
                rank,
                crate::search::SearchHit {
                    kind: "audit".into(),
                    record: format!("audit/{}", audit.id),
                    title: audit.name.clone(),
                    detail,
                },
            );
        }
    }
}
