//! The open workspace's maintenance plans and audit schedules, in memory.

use std::collections::BTreeMap;

use super::model::{AuditSchedule, MaintenancePlan};
use crate::record::aggregate::load_projections;
use crate::record::Index;
use crate::store::kv::Tree;
use crate::store::StoreError;

#[derive(Debug, Default)]
pub struct LifeIndex {
    pub plans: BTreeMap<String, MaintenancePlan>,
    pub schedules: BTreeMap<String, AuditSchedule>,
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
        Ok(index)
    }
}
