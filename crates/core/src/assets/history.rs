//! An asset's change history, read from its Automerge document: for each change, who made it,
//! when, which fields went from what to what, and the lifecycle steps it took (an assignment,
//! a return, maintenance begun or finished, a disposal's stage), so that every entry says in
//! words what happened.

use automerge::{AutoCommit, ChangeHash};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::AssetField;
use super::life::{AssetLife, AssigneeKind, Condition, DisposalStage, MaintenanceKind};
use super::model::Asset;
use super::projection;
use crate::stamp::{Author, ChangeMessage};
use crate::store::StoreError;
use crate::sync::{AuthorCheck, ChangeAuthors};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: AssetField,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub at_ms: i64,
    pub author: Author,
    /// Whether the author is the account the team server took the change from.
    pub author_check: AuthorCheck,
    /// `register`, `edit`, `import`, `demo` or `migrate`.
    pub op: String,
    pub changes: Vec<FieldChange>,
    /// The lifecycle steps the change took, in the order they are listed in the life.
    pub steps: Vec<LifeStep>,
}

/// One lifecycle step a change took, with what a person needs to read it as a sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "step", rename_all = "snake_case")]
#[ts(export)]
pub enum LifeStep {
    Assigned {
        kind: AssigneeKind,
        assignee: String,
        from: String,
        due: Option<String>,
    },
    Returned {
        assignee: String,
        on: String,
        condition: Condition,
    },
    MaintenanceBegun {
        kind: MaintenanceKind,
        vendor: String,
        on: String,
    },
    MaintenanceFinished {
        kind: MaintenanceKind,
        vendor: String,
        on: String,
    },
    /// The disposal reached `stage`; `by` is who requested or decided it.
    Disposal { stage: DisposalStage, by: String },
}

/// The steps between two lives of one asset.
pub fn life_steps(before: &AssetLife, after: &AssetLife) -> Vec<LifeStep> {
    let mut steps = Vec::new();
    for (key, now) in &after.assignments {
        let then = before.assignments.get(key);
        if then.is_none() {
            steps.push(LifeStep::Assigned {
                kind: now.kind,
                assignee: now.assignee.clone(),
                from: now.from.0.clone(),
                due: now.due.as_ref().map(|due| due.0.clone()),
            });
        }
        if let (Some(back), false) = (&now.returned, then.is_some_and(|t| t.returned.is_some())) {
            steps.push(LifeStep::Returned {
                assignee: now.assignee.clone(),
                on: back.on.0.clone(),
                condition: back.condition,
            });
        }
    }
    for (key, now) in &after.maintenance {
        let then = before.maintenance.get(key);
        if then.is_none() {
            steps.push(LifeStep::MaintenanceBegun {
                kind: now.kind,
                vendor: now.vendor.clone(),
                on: now.on.0.clone(),
            });
        }
        if let (Some(finished), false) = (&now.finished, then.is_some_and(|t| t.finished.is_some()))
        {
            steps.push(LifeStep::MaintenanceFinished {
                kind: now.kind,
                vendor: now.vendor.clone(),
                on: finished.0.clone(),
            });
        }
    }
    if let Some(now) = &after.disposal {
        let moved = before
            .disposal
            .as_ref()
            .is_none_or(|then| then.stage != now.stage);
        if moved {
            let by = match now.stage {
                DisposalStage::Requested => &now.requested_by,
                _ if !now.decided_by.is_empty() => &now.decided_by,
                _ => &now.requested_by,
            };
            steps.push(LifeStep::Disposal {
                stage: now.stage,
                by: by.clone(),
            });
        }
    }
    steps
}

/// Every change of the document, newest first. Each entry compares the asset as the change
/// found it (its dependencies) with the asset the change left.
pub fn history(
    doc: &mut AutoCommit,
    doc_id: &str,
    authors: &ChangeAuthors,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let changes = doc.get_changes(&[]);
    let mut entries = Vec::with_capacity(changes.len());
    // In a linear history each change's "before" is the previous change's "after": keep the
    // last state so every state is built once.
    let mut last: Option<(ChangeHash, State)> = None;
    for change in &changes {
        let before = match (&last, change.deps()) {
            (Some((hash, state)), [dep]) if hash == dep => state.clone(),
            _ => state_at(doc, change.deps(), doc_id)?,
        };
        let after = state_at(doc, &[change.hash()], doc_id)?;
        let message = ChangeMessage::decode(change.message());
        entries.push(HistoryEntry {
            at_ms: change.timestamp(),
            author_check: authors.judge(&change.hash(), &message),
            author: message.author,
            op: message.op,
            changes: diff(before.asset.as_ref(), after.asset.as_ref()),
            steps: life_steps(&before.life, &after.life),
        });
        last = Some((change.hash(), after));
    }
    entries.reverse();
    Ok(entries)
}

/// The asset and its life as of some heads.
#[derive(Clone, Default)]
struct State {
    asset: Option<Asset>,
    life: AssetLife,
}

fn state_at(doc: &mut AutoCommit, heads: &[ChangeHash], doc_id: &str) -> Result<State, StoreError> {
    if heads.is_empty() {
        return Ok(State::default());
    }
    let damaged = |error: automerge::AutomergeError| StoreError::DamagedDocument {
        doc_id: doc_id.to_owned(),
        reason: error.to_string(),
    };
    let past = doc.fork_at(heads).map_err(damaged)?;
    // A state before the asset map existed (e.g. a schema-only first change) reads as no asset;
    // a life that cannot be read as none (the entry then lists no steps, never fails).
    Ok(State {
        asset: projection::hydrate(&past, doc_id).ok(),
        life: projection::hydrate_life(&past, doc_id).unwrap_or_default(),
    })
}

/// The fields whose text differs between two versions of an asset.
pub fn diff(before: Option<&Asset>, after: Option<&Asset>) -> Vec<FieldChange> {
    AssetField::ALL
        .into_iter()
        .filter_map(|field| {
            let before = before.map(|asset| field.text(asset)).unwrap_or_default();
            let after = after.map(|asset| field.text(asset)).unwrap_or_default();
            (before != after).then_some(FieldChange {
                field,
                before,
                after,
            })
        })
        .collect()
}
