//! Changing cables after they were planned: their details and label (checked against the
//! rules like a new cable), their status through install (planned → installed, or taken out),
//! and the mark that their labels were printed. A change to several cables is written in one
//! durable batch, or not at all when any of them cannot take it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Cable, CableKind, CableStatus, LengthUnit};
use super::ops::CableError;
use super::rules::check_cable;
use crate::ids::{CableId, RackId};
use crate::natural::natural_key;
use crate::racks::RackError;
use crate::stamp::Stamp;
use crate::store::Workspace;
use crate::text::{check_fields, TextRule};

pub use super::restore::CableFieldChange;

/// What can change on a cable once it is planned. Its ends cannot: a cable that goes
/// elsewhere is another cable (decommission this one, plan that one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CableEdit {
    pub kind: CableKind,
    pub colour: String,
    pub length: Option<f64>,
    pub length_unit: LengthUnit,
    /// Empty: generated from the scheme again. Anything else is kept as typed.
    pub label: String,
    pub route_notes: String,
}

/// Which cables to act on (print their labels, list them in a schedule).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "scope", rename_all = "snake_case")]
#[ts(export)]
pub enum CableSelection {
    /// These cables.
    Ids { ids: Vec<CableId> },
    /// Every cable with an end in this rack.
    Rack { rack: RackId },
    /// Every cable in service whose labels were never printed, or must be printed again
    /// since a device at an end moved.
    Unlabelled,
    /// Every cable in service.
    All,
}

/// Whether a person may move a cable from `from` to `to` by hand. Tested and failed come
/// only from a test result; a cable taken out can be planned again.
pub fn can_set_status(from: CableStatus, to: CableStatus) -> bool {
    use CableStatus::*;
    match (from, to) {
        (_, Tested | Failed) => false,
        (Decommissioned, Planned) => true,
        (Decommissioned, _) => false,
        (_, Decommissioned) => true,
        (Planned, Installed) | (Installed, Planned) => true,
        // Re-terminated after a failed test, or re-patched after a passed one: test again.
        (Failed | Tested, Installed) => true,
        _ => false,
    }
}

impl Workspace {
    pub(crate) fn cable_by_id(&self, id: CableId) -> Result<Cable, CableError> {
        self.cable_index().cables.get(&id).cloned().ok_or_else(|| {
            RackError::NotFound {
                what: "cable",
                id: id.to_string(),
            }
            .into()
        })
    }

    /// Changes a cable's details; refused with every rule the result would break.
    pub fn edit_cable(
        &self,
        id: CableId,
        edit: &CableEdit,
        stamp: &Stamp,
    ) -> Result<Cable, CableError> {
        let unreadable = check_fields([
            ("colour", edit.colour.trim(), TextRule::SingleLine),
            ("label", edit.label.trim(), TextRule::SingleLine),
            ("route_notes", edit.route_notes.trim(), TextRule::MultiLine),
        ]);
        if !unreadable.is_empty() {
            return Err(CableError::Invalid(unreadable));
        }
        let mut cable = self.cable_by_id(id)?;
        cable.kind = edit.kind;
        cable.colour = edit.colour.trim().into();
        cable.length = edit
            .length
            .filter(|length| length.is_finite() && *length >= 0.0);
        cable.length_unit = edit.length_unit;
        cable.route_notes = edit.route_notes.trim().into();
        let typed = edit.label.trim();
        {
            let places = self.places();
            if typed.is_empty() {
                Self::generate_labels(&places, &self.cable_label_template(), &mut cable);
            } else if typed != cable.label {
                cable.label = typed.into();
                cable.label_b = String::new();
                cable.label_by_hand = true;
            }
            if cable.holds_ports() {
                let (ports, labels) = self.taken_ports_and_labels();
                let problems = check_cable(&cable, &places, &ports, &labels);
                if !problems.is_empty() {
                    return Err(CableError::Refused(problems));
                }
            }
        }
        self.write_cables(vec![cable.clone()], stamp, "edit_cable")?;
        Ok(cable)
    }

    /// Moves cables to `status` (installed, back to planned, or decommissioned); cables
    /// already there are left as they are. Refused, with nothing written, if any cable cannot
    /// go there, or if planning a decommissioned cable again would break a rule.
    pub fn set_cable_status(
        &self,
        ids: &[CableId],
        status: CableStatus,
        stamp: &Stamp,
    ) -> Result<Vec<Cable>, CableError> {
        Ok(self.change_cable_status(ids, status, stamp)?.0)
    }

    /// [`Self::set_cable_status`], with what it wrote for an undo.
    pub fn change_cable_status(
        &self,
        ids: &[CableId],
        status: CableStatus,
        stamp: &Stamp,
    ) -> Result<(Vec<Cable>, Vec<CableFieldChange>), CableError> {
        let (changed, changes) = self.plan_cable_status(ids, status)?;
        if !changed.is_empty() {
            self.write_cables(changed.clone(), stamp, "cable_status")?;
        }
        Ok((changed, changes))
    }

    /// What moving these cables to `status` would change (nothing is written), or why it
    /// is refused.
    pub fn plan_cable_status(
        &self,
        ids: &[CableId],
        status: CableStatus,
    ) -> Result<(Vec<Cable>, Vec<CableFieldChange>), CableError> {
        let mut changed = Vec::with_capacity(ids.len());
        let mut changes = Vec::with_capacity(ids.len());
        for id in ids {
            let mut cable = self.cable_by_id(*id)?;
            if cable.status == status {
                continue;
            }
            if !can_set_status(cable.status, status) {
                return Err(CableError::Transition {
                    label: cable.label,
                    from: cable.status,
                    to: status,
                });
            }
            let returning = !cable.holds_ports();
            changes.push(CableFieldChange::Status {
                cable: cable.id,
                label: cable.label.clone(),
                was: cable.status,
                now: status,
            });
            cable.status = status;
            if returning {
                let (ports, labels) = self.taken_ports_and_labels();
                let problems = check_cable(&cable, &self.places(), &ports, &labels);
                if !problems.is_empty() {
                    return Err(CableError::Refused(problems));
                }
            }
            changed.push(cable);
        }
        Ok((changed, changes))
    }

    /// Marks the labels of these cables printed now; returns what it wrote, for an undo.
    pub fn mark_cables_printed(
        &self,
        ids: &[CableId],
        stamp: &Stamp,
    ) -> Result<Vec<CableFieldChange>, CableError> {
        let mut cables = Vec::with_capacity(ids.len());
        let mut changes = Vec::with_capacity(ids.len());
        for id in ids {
            let mut cable = self.cable_by_id(*id)?;
            changes.push(CableFieldChange::Printed {
                cable: cable.id,
                label: cable.label.clone(),
                was: cable.printed_at_ms,
                now: Some(stamp.at_ms),
            });
            cable.printed_at_ms = Some(stamp.at_ms);
            cables.push(cable);
        }
        if !cables.is_empty() {
            self.write_cables(cables, stamp, "labels_printed")?;
        }
        Ok(changes)
    }

    /// The cables a selection names, by label. Unknown ids are skipped.
    pub fn cables_in(&self, selection: &CableSelection) -> Vec<Cable> {
        let index = self.cable_index();
        let mut cables: Vec<Cable> = match selection {
            CableSelection::Ids { ids } => ids
                .iter()
                .filter_map(|id| index.cables.get(id))
                .cloned()
                .collect(),
            CableSelection::Rack { rack } => index.in_rack(*rack).cloned().collect(),
            CableSelection::Unlabelled => index
                .cables
                .values()
                .filter(|cable| cable.labels_to_print())
                .cloned()
                .collect(),
            CableSelection::All => index
                .cables
                .values()
                .filter(|cable| cable.holds_ports())
                .cloned()
                .collect(),
        };
        cables.sort_by_cached_key(|cable| (natural_key(&cable.label), cable.id));
        cables
    }
}

#[cfg(test)]
pub(crate) mod tests;
