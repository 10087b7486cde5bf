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

/// The lifecycle's part of the global search (`crate::search`): everyone an asset was ever
/// assigned to, found by name and named with the tags of what they hold now; maintenance
/// plans by name, vendor and notes, named with their vendor.
pub(crate) fn search_source(
    workspace: &crate::store::Workspace,
    query: &crate::search::SearchQuery,
    hits: &mut crate::search::SearchHits,
) {
    let assets = workspace.index();
    let mut people: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for row in assets.rows() {
        for line in &row.life.assignments {
            let held = people.entry(line.assignee.as_str()).or_default();
            if line.returned_on.is_none() {
                held.push(row.asset.asset_tag.as_str());
            }
        }
    }
    for plan in workspace.indexes().read::<LifeIndex>().plans.values() {
        if let Some(rank) = query.rank(&plan.name, &[&plan.vendor, &plan.notes]) {
            hits.push(
                rank,
                crate::search::SearchHit {
                    kind: "maintplan".into(),
                    record: format!("maintplan/{}", plan.id),
                    title: plan.name.clone(),
                    detail: plan.vendor.clone(),
                },
            );
        }
    }
    for (name, mut held) in people {
        let Some(rank) = query.rank(name, &[]) else {
            continue;
        };
        held.sort_by_cached_key(|tag| crate::natural::natural_key(tag));
        let mut detail = held.iter().take(3).copied().collect::<Vec<_>>().join(", ");
        if held.len() > 3 {
            detail.push_str(&format!(" +{}", held.len() - 3));
        }
        hits.push(
            rank,
            crate::search::SearchHit {
                kind: "person".into(),
                record: format!("person/{name}"),
                title: name.to_owned(),
                detail,
            },
        );
    }
}
