//! The open workspace's maintenance plans, audit schedules and audits, in memory.

use std::collections::BTreeMap;

use super::model::{AuditSchedule, MaintenancePlan};
use crate::audits::AuditSummary;
use crate::racks::places::load_projections;
use crate::record::Index;
use crate::store::kv::Tree;
use crate::store::StoreError;

#[derive(Debug, Default)]
pub struct LifeIndex {
    pub plans: BTreeMap<String, MaintenancePlan>,
    pub schedules: BTreeMap<String, AuditSchedule>,
    pub audits: BTreeMap<String, AuditSummary>,
}

impl Index for LifeIndex {
    fn load(tree: &dyn Tree) -> Result<LifeIndex, StoreError> {
        let mut index = LifeIndex::default();
        for plan in load_projections::<MaintenancePlan>(tree)? {
            index.plans.insert(plan.id.clone(), plan);
        }
        for schedule in load_projections::<AuditSchedule>(tree)? {
            index.schedules.insert(schedule.id.clone(), schedule);
        }
        for audit in crate::audits::load_summaries(tree)? {
            index.audits.insert(audit.audit.id.clone(), audit);
        }
        Ok(index)
    }
}
