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
use crate::assets::{self, projection, Asset, Location};
use crate::racks::model::Face;
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::AssetId;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApplyReport {
    pub applied: u32,
    /// Tag and reason of each correction the records refused; they stay to apply again.
    pub failed: Vec<(String, String)>,
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
                Err(reason) => report.failed.push((d.tag.clone(), reason)),
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
                autosurgeon::reconcile_prop(doc, &map, asset.as_str(), &entry)
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
    ) -> Result<Option<String>, String> {
        let id: AssetId = d
            .asset
            .parse()
            .map_err(|_| format!("'{}' is not an asset id", d.asset))?;
        match &d.correction {
            Correction::None => Ok(None),
            Correction::SetStatus { status } => {
                let status = *status;
                self.change_asset(id, stamp, |asset| asset.status = status)?;
                Ok(Some(format!(
                    "status → {}",
                    crate::assets::model::ASSET_STATUSES.code(status)
                )))
            }
            Correction::SetLocation { location } => {
                self.relocate(id, location, stamp)?;
                Ok(Some(format!("location → {}", describe(location))))
            }
        }
    }

    fn relocate(&self, id: AssetId, location: &Location, stamp: &Stamp) -> Result<(), String> {
        let placements = self.places().placements_of(id);
        let target = (!location.rack.is_empty())
            .then(|| self.find_rack(&location.rack).ok())
            .flatten();
        if let Some((from, placement)) = placements.first() {
            if let (Some(to), Some(unit)) = (target, location.unit) {
                let (bottom_hu, face) = {
                    let index = self.places();
                    let rack = index.racks.get(&to).ok_or("the rack is gone")?;
                    let face = index
                        .racks
                        .get(from)
                        .and_then(|r| r.placements.get(placement))
                        .map_or(Face::Front, |p| p.face);
                    (unit.checked_sub(rack.starting_unit).map(|u| u * 2), face)
                };
                return self
                    .move_placement(*from, placement, to, bottom_hu, face, stamp)
                    .map(|_| ())
                    .map_err(|e| e.to_string());
            }
            // Not at a rack position: out of the rack it was recorded in.
            self.remove_placement(*from, placement, stamp)
                .map_err(|e| e.to_string())?;
        }
        let location = location.clone();
        self.change_asset(id, stamp, move |asset| asset.location = location)
    }

    /// One change of an asset's fields (op `audit`), durable before it returns.
    fn change_asset(
        &self,
        id: AssetId,
        stamp: &Stamp,
        change: impl FnOnce(&mut Asset),
    ) -> Result<(), String> {
        let doc_id = assets::doc_id(&id);
        let mut cache = self.lock_docs();
        let mut stored = self
            .take_doc(&mut cache, &doc_id)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("no asset {id}"))?;
        let result = (|| {
            let mut asset = projection::hydrate(&stored.doc, &doc_id).map_err(|e| e.to_string())?;
            change(&mut asset);
            autosurgeon::reconcile_prop(&mut stored.doc, automerge::ROOT, "asset", &asset)
                .map_err(|e| e.to_string())?;
            self.save_local_change(&mut stored, &doc_id, stamp, "audit", Batch::default())
                .map_err(|e| e.to_string())
        })();
        if result.is_ok() {
            self.keep_doc(&mut cache, doc_id, stored);
        }
        result.map(|_| ())
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
