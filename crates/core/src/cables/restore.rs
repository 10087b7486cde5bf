//! Putting back what a change to many cables wrote (the undo of a status change or of labels
//! marked printed). As for assets (`assets::bulk`), a field is put back only while it still
//! holds what was written; a cable that would hold its ports again is checked against the
//! cable rules first (a port taken since keeps it where it is).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Cable, CableStatus};
use super::ops::CableError;
use super::rules::{check_cable, normalise_label};
use crate::assets::{KeptField, KeptReason};
use crate::ids::CableId;
use crate::stamp::Stamp;
use crate::store::Workspace;

/// The ports and labels cables hold (`Workspace::taken_ports_and_labels`).
type Taken = (
    std::collections::HashMap<super::model::CableEnd, (CableId, String)>,
    std::collections::HashMap<String, CableId>,
);

/// One field of one cable as an action wrote it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "field", rename_all = "snake_case")]
#[ts(export)]
pub enum CableFieldChange {
    Status {
        cable: CableId,
        label: String,
        was: CableStatus,
        now: CableStatus,
    },
    /// The time its labels were marked printed (ms since the epoch; `None`: never).
    Printed {
        cable: CableId,
        label: String,
        #[ts(type = "number | null")]
        was: Option<i64>,
        #[ts(type = "number | null")]
        now: Option<i64>,
    },
}

impl CableFieldChange {
    pub fn cable(&self) -> CableId {
        match self {
            CableFieldChange::Status { cable, .. } | CableFieldChange::Printed { cable, .. } => {
                *cable
            }
        }
    }

    fn label(&self) -> &str {
        match self {
            CableFieldChange::Status { label, .. } | CableFieldChange::Printed { label, .. } => {
                label
            }
        }
    }
}

impl Workspace {
    /// Puts back what `changes` wrote where each field still holds it, in one durable batch
    /// (op `undo`); returns the fields left as they are.
    pub fn restore_cable_fields(
        &self,
        changes: &[CableFieldChange],
        stamp: &Stamp,
    ) -> Result<Vec<KeptField>, CableError> {
        let mut kept = Vec::new();
        let mut restored: Vec<Cable> = Vec::new();
        // The ports and labels in use, read once and grown by each cable put back into them.
        let mut taken: Option<Taken> = None;
        for change in changes {
            let id = change.cable();
            let current = restored
                .iter()
                .position(|cable| cable.id == id)
                .map(|at| restored.swap_remove(at))
                .or_else(|| self.cable_index().cables.get(&id).cloned());
            let Some(mut cable) = current else {
                kept.push(KeptField {
                    record: change.label().to_owned(),
                    field: String::new(),
                    reason: KeptReason::NotFound,
                });
                continue;
            };
            let mut keep = |field: &str, reason| {
                kept.push(KeptField {
                    record: change.label().to_owned(),
                    field: field.to_owned(),
                    reason,
                })
            };
            match change {
                CableFieldChange::Status { was, now, .. } => {
                    if cable.status == *now {
                        let returning = !cable.holds_ports();
                        cable.status = *was;
                        if returning && cable.holds_ports() {
                            let (ports, labels) =
                                taken.get_or_insert_with(|| self.taken_ports_and_labels());
                            if check_cable(&cable, &self.places(), ports, labels).is_empty() {
                                for end in [&cable.a, &cable.b] {
                                    ports.insert(end.clone(), (cable.id, cable.label.clone()));
                                }
                                labels.insert(normalise_label(&cable.label), cable.id);
                            } else {
                                cable.status = *now;
                                keep("status", KeptReason::Refused);
                            }
                        }
                    } else if cable.status != *was {
                        keep("status", KeptReason::ChangedSince);
                    }
                }
                CableFieldChange::Printed { was, now, .. } => {
                    if cable.printed_at_ms == *now {
                        cable.printed_at_ms = *was;
                    } else if cable.printed_at_ms != *was {
                        keep("printed", KeptReason::ChangedSince);
                    }
                }
            }
            restored.push(cable);
        }
        let index = self.cable_index();
        let changed: Vec<Cable> = restored
            .into_iter()
            .filter(|cable| index.cables.get(&cable.id) != Some(cable))
            .collect();
        drop(index);
        if !changed.is_empty() {
            self.write_cables(changed, stamp, "undo")?;
        }
        Ok(kept)
    }
}

#[cfg(test)]
mod tests;
