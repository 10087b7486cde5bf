//! Writing one audit correction to the records. A location follows a rack placement
//! (ARCHITECTURE: "An asset's location follows its placement"): an asset found in another rack
//! and unit is moved there through the rack rules; one found outside any rack position leaves
//! its old placement.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::Applied;
use super::ops::{damaged, root_map};
use super::state::{Correction, Discrepancy};
use super::{doc_id, AuditError};
use crate::assets::{self, Asset, Location};
use crate::racks::Face;
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::AssetId;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApplyReport {
    pub applied: u32,
    /// Each correction the records refused; they stay to apply again.
    pub failed: Vec<RefusedCorrection>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RefusedCorrection {
    pub tag: String,
    pub reason: CorrectionRefusal,
}

/// Why the records refused a correction; the UI translates placement problems as the rack
/// screens do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum CorrectionRefusal {
    /// The rack rules refuse the asset at the place it was found.
    Placement {
        problems: Vec<crate::racks::PlacementProblem>,
    },
    /// The asset or a rack is gone, or the store could not be written.
    Failed { message: String },
}

impl std::fmt::Display for CorrectionRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CorrectionRefusal::Placement { problems } => {
                write!(f, "{}", crate::racks::RackError::Refused(problems.clone()))
            }
            CorrectionRefusal::Failed { message } => write!(f, "{message}"),
        }
    }
}

impl From<crate::racks::RackError> for CorrectionRefusal {
    fn from(error: crate::racks::RackError) -> Self {
        match error {
            crate::racks::RackError::Refused(problems) => CorrectionRefusal::Placement { problems },
            other => CorrectionRefusal::Failed {
                message: other.to_string(),
            },
        }
    }
}

impl From<assets::AssetError> for CorrectionRefusal {
    fn from(error: assets::AssetError) -> Self {
        CorrectionRefusal::Failed {
            message: error.to_string(),
        }
    }
}

impl From<crate::store::StoreError> for CorrectionRefusal {
    fn from(error: crate::store::StoreError) -> Self {
        CorrectionRefusal::Failed {
            message: error.to_string(),
        }
    }
}

impl Workspace {
    /// Writes the corrections of a closed audit's discrepancies to the records (all, or the
    /// assets named in `only`), each as a change of the asset (op `audit`), and records what
    /// was applied in the audit. A correction the records refuse is reported and stays.
    pub fn apply_audit(
        &self,
        id: &str,
        only: Option<&[String]>,
        stamp: &Stamp,
    ) -> Result<ApplyReport, AuditError> {
        let discrepancies = self.audit_discrepancies(id)?;
        let closed = self
            .audit_states()
            .get(id)
            .is_some_and(|s| s.doc.audit.closed.is_some());
        if !closed {
            return Err(AuditError::NotClosed);
        }
        let mut report = ApplyReport::default();
        let mut applied = Vec::new();
        for d in discrepancies {
            let chosen = only.is_none_or(|list| list.iter().any(|a| a == &d.asset || a == &d.tag));
            if !chosen || d.applied.is_some() || d.asset.is_empty() {
                continue;
            }
            match self.apply_correction(&d, stamp) {
                Ok(Some(what)) => applied.push((d.asset.clone(), what)),
                Ok(None) => {}
                Err(reason) => report.failed.push(RefusedCorrection {
                    tag: d.tag.clone(),
                    reason,
                }),
            }
        }
        report.applied = applied.len() as u32;
        if applied.is_empty() {
            return Ok(report);
        }
        self.change_audit(id, stamp, "audit-apply", |doc, state| {
            let map = root_map(doc, "applied").map_err(|e| damaged(&doc_id(id), e))?;
            for (asset, what) in applied {
                let entry = Applied {
                    at_ms: stamp.at_ms,
                    by: stamp.author.name.clone(),
                    what,
                };
                crate::record::reconcile::reconcile_prop(doc, &map, asset.as_str(), &entry)
                    .map_err(|e| damaged(&doc_id(id), e))?;
                state.doc.applied.insert(asset, entry);
            }
            Ok(())
        })?;
        Ok(report)
    }

    /// Applies `d`'s correction; `Ok(None)` when there is nothing to write, `Err` with the
    /// reason the records refused it.
    pub(super) fn apply_correction(
        &self,
        d: &Discrepancy,
        stamp: &Stamp,
    ) -> Result<Option<String>, CorrectionRefusal> {
        let id: AssetId = d
            .asset
            .parse()
            .map_err(|_| assets::AssetError::NotFound(d.asset.clone()))?;
        match &d.correction {
            Correction::None => Ok(None),
            Correction::SetStatus { status } => {
                let status = *status;
                self.correct_asset(id, stamp, |asset| asset.status = status)?;
                Ok(Some(format!(
                    "status → {}",
                    crate::assets::ASSET_STATUSES.code(status)
                )))
            }
            Correction::SetLocation { location } => {
                self.relocate(id, location, stamp)?;
                Ok(Some(format!("location → {}", describe(location))))
            }
        }
    }

    fn relocate(
        &self,
        id: AssetId,
        location: &Location,
        stamp: &Stamp,
    ) -> Result<(), CorrectionRefusal> {
        let placements = self.places().placements_of(id);
        let target = (!location.rack.is_empty())
            .then(|| self.find_rack(&location.rack).ok())
            .flatten();
        if let Some((from, placement)) = placements.first() {
            if let (Some(to), Some(unit)) = (target, location.unit) {
                let (bottom_hu, face) = {
                    let index = self.places();
                    let starting_unit = index.racks.get(&to).map_or(1, |rack| rack.starting_unit);
                    let face = index
                        .racks
                        .get(from)
                        .and_then(|r| r.placements.get(placement))
                        .map_or(Face::Front, |p| p.face);
                    (unit.checked_sub(starting_unit).map(|u| u * 2), face)
                };
                self.move_placement(*from, placement, to, bottom_hu, face, stamp)?;
                return Ok(());
            }
            // Not at a rack position: out of the rack it was recorded in.
            self.remove_placement(*from, placement, stamp)?;
        }
        let location = location.clone();
        self.correct_asset(id, stamp, move |asset| asset.location = location)
    }

    /// One change of an asset's fields (op `audit`), durable before it returns.
    fn correct_asset(
        &self,
        id: AssetId,
        stamp: &Stamp,
        change: impl FnOnce(&mut Asset),
    ) -> Result<(), CorrectionRefusal> {
        self.update_asset(id, stamp, "audit", Batch::default(), |asset, _| {
            change(asset);
            Ok::<(), CorrectionRefusal>(())
        })
        .map(|_| ())
    }
}

fn describe(location: &Location) -> String {
    let mut parts: Vec<String> = [
        &location.site,
        &location.room,
        &location.row,
        &location.rack,
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .cloned()
    .collect();
    if let Some(unit) = location.unit {
        parts.push(format!("U{unit}"));
    }
    parts.join(" / ")
}
