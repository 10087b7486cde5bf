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
use crate::assets::{self, Asset, AssetFieldChange, AssetFields, KeptField, KeptReason, Location};
use crate::ids::RackId;
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
    /// What the corrections wrote, to put back (`Workspace::unapply_audit`).
    pub undo: AuditUndo,
}

/// What applying an audit's corrections wrote: the assets' fields, the placements moved to
/// where the asset was found, and the audit's record of what was applied.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditUndo {
    pub audit: String,
    pub fields: Vec<AssetFieldChange>,
    pub moves: Vec<PlacementMove>,
    /// Assets taken out of a rack because they were found in another room: a removal is not
    /// put back by an undo (the unit may be taken since); their tags.
    pub removed_from_racks: Vec<String>,
    /// The assets whose corrections were applied (their `applied` entries).
    pub assets: Vec<String>,
}

/// A placement an audit moved to where its asset was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlacementMove {
    pub asset: AssetId,
    pub tag: String,
    pub placement: String,
    pub from: RackId,
    pub from_bottom_hu: Option<u32>,
    pub from_face: Face,
    pub to: RackId,
    pub to_bottom_hu: Option<u32>,
    pub to_face: Face,
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
        let mut report = ApplyReport {
            undo: AuditUndo {
                audit: id.to_owned(),
                ..AuditUndo::default()
            },
            ..ApplyReport::default()
        };
        let mut applied = Vec::new();
        for d in discrepancies {
            let chosen = only.is_none_or(|list| list.iter().any(|a| a == &d.asset || a == &d.tag));
            if !chosen || d.applied.is_some() || d.asset.is_empty() {
                continue;
            }
            match self.apply_correction(&d, stamp, &mut report.undo) {
                Ok(Some(what)) => applied.push((d.asset.clone(), what)),
                Ok(None) => {}
                Err(reason) => report.failed.push(RefusedCorrection {
                    tag: d.tag.clone(),
                    reason,
                }),
            }
        }
        report.applied = applied.len() as u32;
        report.undo.assets = applied.iter().map(|(asset, _)| asset.clone()).collect();
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

    /// Applies `d`'s correction, noting what it wrote in `undo`; `Ok(None)` when there is
    /// nothing to write, `Err` with the reason the records refused it.
    pub(super) fn apply_correction(
        &self,
        d: &Discrepancy,
        stamp: &Stamp,
        undo: &mut AuditUndo,
    ) -> Result<Option<String>, CorrectionRefusal> {
        let id: AssetId = d
            .asset
            .parse()
            .map_err(|_| assets::AssetError::NotFound(d.asset.clone()))?;
        match &d.correction {
            Correction::None => Ok(None),
            Correction::SetStatus { status } => {
                let status = *status;
                let like = AssetFields {
                    status: Some(status),
                    ..AssetFields::default()
                };
                self.correct_asset(id, stamp, &like, undo, |asset| asset.status = status)?;
                Ok(Some(format!(
                    "status → {}",
                    crate::assets::ASSET_STATUSES.code(status)
                )))
            }
            Correction::SetLocation { location } => {
                let current = self.asset(&d.asset)?.asset.location;
                let location = corrected_location(&current, location);
                if location != current {
                    self.relocate(id, &d.tag, &location, stamp, undo)?;
                }
                Ok(Some(format!("location → {}", describe(&location))))
            }
        }
    }

    fn relocate(
        &self,
        id: AssetId,
        tag: &str,
        location: &Location,
        stamp: &Stamp,
        undo: &mut AuditUndo,
    ) -> Result<(), CorrectionRefusal> {
        let placements = self.places().placements_of(id);
        let target = (!location.rack.is_empty())
            .then(|| self.find_rack(&location.rack).ok())
            .flatten();
        if let Some((from, placement)) = placements.first() {
            if let (Some(to), Some(unit)) = (target, location.unit) {
                let (bottom_hu, from_bottom_hu, face) = {
                    let index = self.places();
                    let starting_unit = index.racks.get(&to).map_or(1, |rack| rack.starting_unit);
                    let (from_bottom_hu, face) = index
                        .racks
                        .get(from)
                        .and_then(|r| r.placements.get(placement))
                        .map_or((None, Face::Front), |p| (p.bottom_hu, p.face));
                    (
                        unit.checked_sub(starting_unit).map(|u| u * 2),
                        from_bottom_hu,
                        face,
                    )
                };
                self.move_placement(*from, placement, to, bottom_hu, face, stamp)?;
                let to_bottom_hu = self
                    .places()
                    .racks
                    .get(&to)
                    .and_then(|r| r.placements.get(placement))
                    .and_then(|p| p.bottom_hu);
                undo.moves.push(PlacementMove {
                    asset: id,
                    tag: tag.to_owned(),
                    placement: placement.clone(),
                    from: *from,
                    from_bottom_hu,
                    from_face: face,
                    to,
                    to_bottom_hu,
                    to_face: face,
                });
                return Ok(());
            }
            // Found in another room, not at a rack position: out of the rack it was in.
            self.remove_placement(*from, placement, stamp)?;
            undo.removed_from_racks.push(tag.to_owned());
        }
        let location = location.clone();
        let like = AssetFields {
            location: Some(Location::default()),
            ..AssetFields::default()
        };
        self.correct_asset(id, stamp, &like, undo, move |asset| {
            asset.location = location
        })
    }

    /// One change of an asset's fields (op `audit`), durable before it returns; what it
    /// wrote to the fields `like` names goes into `undo`.
    fn correct_asset(
        &self,
        id: AssetId,
        stamp: &Stamp,
        like: &AssetFields,
        undo: &mut AuditUndo,
        change: impl FnOnce(&mut Asset),
    ) -> Result<(), CorrectionRefusal> {
        self.update_asset(id, stamp, "audit", Batch::default(), |asset, _| {
            let was = fields_of(asset, like);
            change(asset);
            let now = fields_of(asset, like);
            if was != now {
                undo.fields.push(AssetFieldChange {
                    asset: id,
                    tag: asset.asset_tag.clone(),
                    was,
                    now,
                });
            }
            Ok::<(), CorrectionRefusal>(())
        })
        .map(|_| ())
    }

    /// Puts back what applying an audit's corrections wrote, where the records still hold
    /// it: the assets' fields, the placements moved, and the audit's record of them (so they
    /// can be applied again). Returns what was left as it is.
    pub fn unapply_audit(
        &self,
        undo: &AuditUndo,
        stamp: &Stamp,
    ) -> Result<Vec<KeptField>, AuditError> {
        let mut kept = self
            .restore_asset_fields(&undo.fields, stamp)
            .map_err(AuditError::from)?;
        for moved in &undo.moves {
            let still_there = self
                .places()
                .racks
                .get(&moved.to)
                .and_then(|rack| rack.placements.get(&moved.placement))
                .is_some_and(|p| p.bottom_hu == moved.to_bottom_hu && p.face == moved.to_face);
            let back = still_there
                && self
                    .move_placement(
                        moved.to,
                        &moved.placement,
                        moved.from,
                        moved.from_bottom_hu,
                        moved.from_face,
                        stamp,
                    )
                    .is_ok();
            if !back {
                kept.push(KeptField {
                    record: moved.tag.clone(),
                    field: "location".into(),
                    reason: if still_there {
                        KeptReason::Refused
                    } else {
                        KeptReason::ChangedSince
                    },
                });
            }
        }
        let untouched: Vec<&String> = undo
            .assets
            .iter()
            .filter(|asset| {
                let tag_of = |a: &AssetId| {
                    undo.fields
                        .iter()
                        .find(|f| &f.asset == a)
                        .map(|f| f.tag.clone())
                        .or_else(|| {
                            undo.moves
                                .iter()
                                .find(|m| &m.asset == a)
                                .map(|m| m.tag.clone())
                        })
                };
                let Ok(id) = asset.parse::<AssetId>() else {
                    return false;
                };
                let tag = tag_of(&id);
                !kept.iter().any(|k| Some(&k.record) == tag.as_ref())
                    && !undo
                        .removed_from_racks
                        .iter()
                        .any(|t| Some(t) == tag.as_ref())
            })
            .collect();
        if !untouched.is_empty() {
            self.change_audit(&undo.audit, stamp, "audit-undo", |doc, state| {
                let map = root_map(doc, "applied").map_err(|e| damaged(&doc_id(&undo.audit), e))?;
                for asset in untouched {
                    if state.doc.applied.remove(asset.as_str()).is_some() {
                        automerge::transaction::Transactable::delete(doc, &map, asset.as_str())
                            .map_err(|e| damaged(&doc_id(&undo.audit), e))?;
                    }
                }
                Ok(())
            })?;
        }
        Ok(kept)
    }
}

fn fields_of(asset: &Asset, like: &AssetFields) -> AssetFields {
    AssetFields {
        status: like.status.map(|_| asset.status),
        owner: like.owner.as_ref().map(|_| asset.owner.clone()),
        tags: like.tags.as_ref().map(|_| asset.tags.clone()),
        location: like.location.as_ref().map(|_| asset.location.clone()),
    }
}

/// Where an asset found at `found` is, without dropping what the finding does not say: a
/// place found without a rack in the asset's own room keeps its row, rack and unit; a rack
/// found without a unit in the asset's own rack keeps its unit; empty site or room fields
/// keep the recorded ones.
pub fn corrected_location(current: &Location, found: &Location) -> Location {
    let mut next = found.clone();
    if next.site.is_empty() {
        next.site = current.site.clone();
    }
    if next.room.is_empty() && next.site == current.site {
        next.room = current.room.clone();
    }
    let same_room = next.site == current.site && next.room == current.room;
    // An empty rack is the auditor's "not in a rack (room only)": the asset leaves its rack
    // (the mark dialog starts at the recorded rack, so this is chosen, never a default).
    if next.rack == current.rack && same_room && !next.rack.is_empty() {
        if next.row.is_empty() {
            next.row = current.row.clone();
        }
        if next.unit.is_none() {
            next.unit = current.unit;
        }
    }
    next
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
