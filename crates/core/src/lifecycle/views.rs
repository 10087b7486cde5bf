//! What the lifecycle screens and commands read, from the list rows and the plans alone: one
//! person's (or job's) assignments, the people there are to pick from, and each plan's next
//! due date.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::calendar::days_between;
use super::model::{MaintenancePlan, PlanTarget};
use crate::assets::AssignmentLine;
use crate::assets::{AssetStatus, Date};
use crate::store::Workspace;

/// One assignment of the person's view, with the asset it is of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonAssignment {
    pub asset: String,
    pub tag: String,
    pub model: String,
    pub line: AssignmentLine,
}

/// A maintenance plan with the assets it covers and the earliest of their next due dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanDue {
    pub plan: MaintenancePlan,
    pub assets: u32,
    /// `None`: the plan covers no asset (or is stopped).
    pub next_due: Option<Date>,
    /// The tag of the asset due first.
    pub next_tag: String,
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Workspace {
    /// Every assignment to `name` (compared trimmed, case-insensitively), current ones first,
    /// then the past ones, latest first.
    pub fn assigned_to(&self, name: &str) -> Vec<PersonAssignment> {
        let index = self.index();
        let mut found: Vec<PersonAssignment> = index
            .rows()
            .iter()
            .flat_map(|row| {
                row.life
                    .assignments
                    .iter()
                    .filter(|line| same_name(&line.assignee, name))
                    .map(|line| PersonAssignment {
                        asset: row.asset.id.to_string(),
                        tag: row.asset.asset_tag.clone(),
                        model: row.asset.model.clone(),
                        line: line.clone(),
                    })
            })
            .collect();
        found.sort_by(|a, b| {
            let open = |p: &PersonAssignment| p.line.returned_on.is_some();
            open(a)
                .cmp(&open(b))
                .then_with(|| b.line.from.cmp(&a.line.from))
                .then_with(|| a.tag.cmp(&b.tag))
        });
        found
    }

    /// The names assets were ever assigned to, sorted, each once; for a person picker.
    pub fn assignees(&self) -> Vec<String> {
        let index = self.index();
        let mut names: Vec<String> = index
            .rows()
            .iter()
            .flat_map(|row| row.life.assignments.iter().map(|a| a.assignee.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Every plan with its next due date over the assets it covers (disposed ones left out).
    pub fn plan_dues(&self) -> Vec<PlanDue> {
        let plans = self.maintenance_plans();
        let index = self.index();
        let mut dues: Vec<PlanDue> = plans
            .into_iter()
            .map(|plan| {
                let mut assets = 0;
                let mut next: Option<(Date, String)> = None;
                for row in index.rows() {
                    let asset = &row.asset;
                    let applies = match &plan.target {
                        PlanTarget::Asset(id) => *id == asset.id.to_string(),
                        PlanTarget::AssetType(kind) => *kind == asset.asset_type,
                    };
                    if !applies || asset.status == AssetStatus::Disposed {
                        continue;
                    }
                    assets += 1;
                    let done = row.life.plans_done.iter().find(|d| d.plan == plan.id);
                    let Some(due) = plan.recurrence.next_due(done.map(|d| &d.last_done)) else {
                        continue;
                    };
                    let earlier = match &next {
                        None => true,
                        Some((best, _)) => days_between(&due, best).is_some_and(|d| d > 0),
                    };
                    if earlier {
                        next = Some((due, asset.asset_tag.clone()));
                    }
                }
                let (next_due, next_tag) = match next.filter(|_| plan.active) {
                    Some((due, tag)) => (Some(due), tag),
                    None => (None, String::new()),
                };
                PlanDue {
                    plan,
                    assets,
                    next_due,
                    next_tag,
                }
            })
            .collect();
        dues.sort_by(|a, b| {
            (a.next_due.is_none(), &a.next_due, &a.plan.name).cmp(&(
                b.next_due.is_none(),
                &b.next_due,
                &b.plan.name,
            ))
        });
        dues
    }
}
