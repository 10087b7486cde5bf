//! Undo of actions over many records: one recorded inverse for every kind of action, put back
//! through each area's own restore (a composer, like `findings`: it names the areas, no area
//! names it).
//!
//! An action that changes many records returns what it wrote, field by field (was → now), and
//! the adapter hands it to the window as an [`Undo`]. Undoing it writes the old values back as
//! new changes (op `undo`) through the ordinary write path, so an undo is durable, synced and
//! in the history like any edit. Each field goes back only while it still holds what the
//! action wrote: an edit made since, on this device or merged in from another, is kept and
//! listed in the [`UndoReport`], and fields the action did not write are never touched.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::{AssetError, AssetFieldChange, KeptField};
use crate::audits::{AuditError, AuditUndo};
use crate::cables::ops::CableError;
use crate::cables::restore::CableFieldChange;
use crate::stamp::Stamp;
use crate::store::Workspace;

/// Which action an undo puts back (what the window names it by).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum UndoAction {
    AssetBulkEdit,
    CableStatus,
    LabelsPrinted,
    AuditCorrections,
}

/// What one action wrote, by area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "area", rename_all = "snake_case")]
#[ts(export)]
pub enum UndoStep {
    Assets { changes: Vec<AssetFieldChange> },
    Cables { changes: Vec<CableFieldChange> },
    Audit { undo: AuditUndo },
}

/// The recorded inverse of one action over many records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Undo {
    pub action: UndoAction,
    /// How many records the action changed.
    pub count: u32,
    pub steps: Vec<UndoStep>,
}

impl Undo {
    pub fn assets(action: UndoAction, changes: Vec<AssetFieldChange>) -> Undo {
        Undo {
            action,
            count: changes.len() as u32,
            steps: vec![UndoStep::Assets { changes }],
        }
    }

    pub fn cables(action: UndoAction, changes: Vec<CableFieldChange>) -> Undo {
        let mut ids: Vec<_> = changes.iter().map(CableFieldChange::cable).collect();
        ids.sort();
        ids.dedup();
        Undo {
            action,
            count: ids.len() as u32,
            steps: vec![UndoStep::Cables { changes }],
        }
    }

    pub fn audit(undo: AuditUndo) -> Undo {
        Undo {
            action: UndoAction::AuditCorrections,
            count: undo.assets.len() as u32,
            steps: vec![UndoStep::Audit { undo }],
        }
    }

    /// Whether there is anything to put back.
    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(|step| match step {
            UndoStep::Assets { changes } => changes.is_empty(),
            UndoStep::Cables { changes } => changes.is_empty(),
            UndoStep::Audit { undo } => undo.fields.is_empty() && undo.moves.is_empty(),
        })
    }
}

/// What an undo did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UndoReport {
    pub action: Option<UndoAction>,
    /// Records whose every field went back.
    pub restored: u32,
    /// Fields left as they are (changed since, gone, or refused by the rules now).
    pub kept: Vec<KeptField>,
}

#[derive(Debug, thiserror::Error)]
pub enum UndoError {
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error(transparent)]
    Cable(#[from] CableError),
    #[error(transparent)]
    Audit(#[from] AuditError),
}

impl Workspace {
    /// Puts back what `undo` recorded, where the records still hold what the action wrote.
    pub fn undo(&self, undo: &Undo, stamp: &Stamp) -> Result<UndoReport, UndoError> {
        let mut kept = Vec::new();
        for step in &undo.steps {
            match step {
                UndoStep::Assets { changes } => {
                    kept.extend(self.restore_asset_fields(changes, stamp)?);
                }
                UndoStep::Cables { changes } => {
                    kept.extend(self.restore_cable_fields(changes, stamp)?);
                }
                UndoStep::Audit { undo } => kept.extend(self.unapply_audit(undo, stamp)?),
            }
        }
        let mut untouched: Vec<&str> = kept.iter().map(|k| k.record.as_str()).collect();
        untouched.sort_unstable();
        untouched.dedup();
        Ok(UndoReport {
            action: Some(undo.action),
            restored: undo.count.saturating_sub(untouched.len() as u32),
            kept,
        })
    }
}

#[cfg(test)]
mod tests;
