//! Writing one audit correction to the records. A location follows a rack placement
//! (ARCHITECTURE: "An asset's location follows its placement"): an asset found in another rack
//! and unit is moved there through the rack rules; one found outside any rack position leaves
//! its old placement.

use super::state::{Correction, Discrepancy};
use crate::assets::{self, projection, Asset, Location};
use crate::racks::model::Face;
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::AssetId;

impl Workspace {
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
