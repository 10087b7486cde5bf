//! The open workspace's maintenance plans, audit schedules and audits, in memory.

use std::collections::BTreeMap;

use super::model::{AuditSchedule, MaintenancePlan};
use crate::audits::AuditSummary;
use crate::racks::places::load_projections;
use crate::store::kv::Tree;
use crate::store::StoreError;

#[derive(Debug, Default)]
pub struct LifeIndex {
    pub plans: BTreeMap<String, MaintenancePlan>,
    pub schedules: BTreeMap<String, AuditSchedule>,
    pub audits: BTreeMap<String, AuditSummary>,
}

impl LifeIndex {
    pub fn load(tree: &dyn Tree) -> Result<LifeIndex, StoreError> {
        let mut index = LifeIndex::default();
        for plan in load_projections::<MaintenancePlan>(tree)? {
            index.plans.insert(plan.id.clone(), plan);
        }
        for schedule in load_projections::<AuditSchedule>(tree)? {
            index.schedules.insert(schedule.id.clone(), schedule);
        }
        tree.for_each_prefix(b"p/audit/", &mut |key, value| {
            let audit: AuditSummary =
                postcard::from_bytes(value).map_err(|error| StoreError::DamagedRecord {
                    what: String::from_utf8_lossy(key).into_owned(),
                    reason: error.to_string(),
                })?;
            index.audits.insert(audit.audit.id.clone(), audit);
            Ok(())
        })?;
        Ok(index)
    }
}
