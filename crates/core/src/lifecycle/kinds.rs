//! The record kinds of the lifecycle area: maintenance plans and audit schedules, each one
//! document in the standard layout (`record::aggregate`), read into the [`LifeIndex`]. An
//! asset's own lifecycle records live in its document (see `assets::AssetKind`).

use automerge::AutoCommit;

use super::index::LifeIndex;
use super::model::{AuditSchedule, MaintenancePlan, LIFECYCLE_SCHEMA};
use crate::record::aggregate::{self, Aggregate};
use crate::record::{Indexes, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

fn id_part(doc_id: &str) -> &str {
    doc_id.split_once('/').map_or("", |(_, id)| id)
}

impl Kind for MaintenancePlan {
    const PREFIX: &'static str = "maintplan";
    const SCHEMA: u64 = LIFECYCLE_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["maintplan"];
    type Row = MaintenancePlan;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<MaintenancePlan, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&MaintenancePlan],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<MaintenancePlan>) {
        let mut index = indexes.write::<LifeIndex>();
        for plan in rows {
            index.plans.insert(plan.id.clone(), plan);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<LifeIndex>();
        let plan = index.plans.get(id_part(doc_id));
        plan.map(|p| p.name.clone()).unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<LifeIndex>()
            .plans
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for MaintenancePlan {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

impl Kind for AuditSchedule {
    const PREFIX: &'static str = "auditschedule";
    const SCHEMA: u64 = LIFECYCLE_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["auditschedule"];
    type Row = AuditSchedule;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<AuditSchedule, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&AuditSchedule],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<AuditSchedule>) {
        let mut index = indexes.write::<LifeIndex>();
        for schedule in rows {
            index.schedules.insert(schedule.id.clone(), schedule);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<LifeIndex>();
        let schedule = index.schedules.get(id_part(doc_id));
        schedule
            .map(|s| match s.room.is_empty() {
                true => s.site.clone(),
                false => format!("{} / {}", s.site, s.room),
            })
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<LifeIndex>()
            .schedules
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for AuditSchedule {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

impl crate::store::Workspace {
    /// Maintenance plans, audit schedules and audit summaries in memory.
    pub(crate) fn life_index(&self) -> std::sync::RwLockReadGuard<'_, LifeIndex> {
        self.indexes().read::<LifeIndex>()
    }
}
