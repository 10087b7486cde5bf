//! Changing many assets at once (status, owner, tags), previewed first, and putting back the
//! fields a change wrote (the undo of a bulk edit, of an audit's corrections, of any later
//! action that records [`AssetFieldChange`]s).
//!
//! A restore is compare-and-set per field: a field is put back only while it still holds what
//! the action wrote, so an edit made since (here or on another device, merged in between) is
//! kept and reported, never overwritten; fields the action did not write are never touched.
//! Tags are put back as set operations (a tag the action added is taken out, one it took out
//! is put back), so tags others added since stay.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::input::{field_problem, FieldErrorCode};
use super::model::{Asset, AssetStatus, Location};
use super::{doc_id, projection, AssetError, AssetField};
use crate::ids::AssetId;
use crate::problem::Problem;
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::text::{check_fields, TextRule};

/// How many changed assets a preview lists by name (the count covers all of them).
pub const PREVIEW_ROWS: usize = 200;

/// Some of an asset's fields: the ones an action wrote (`None`: not about this field).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssetFields {
    pub status: Option<AssetStatus>,
    pub owner: Option<String>,
    pub tags: Option<Vec<String>>,
    pub location: Option<Location>,
}

impl AssetFields {
    fn of(asset: &Asset, like: &AssetFields) -> AssetFields {
        AssetFields {
            status: like.status.map(|_| asset.status),
            owner: like.owner.as_ref().map(|_| asset.owner.clone()),
            tags: like.tags.as_ref().map(|_| asset.tags.clone()),
            location: like.location.as_ref().map(|_| asset.location.clone()),
        }
    }
}

/// What an action wrote to one asset: the fields before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssetFieldChange {
    pub asset: AssetId,
    pub tag: String,
    pub was: AssetFields,
    pub now: AssetFields,
}

/// One edit of many assets; a field left `None` (or no tags) is not changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulkAssetEdit {
    pub ids: Vec<AssetId>,
    pub status: Option<AssetStatus>,
    pub owner: Option<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
}

/// Why an asset of the selection is left as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BulkSkipReason {
    /// Disposed assets keep their status (disposal is a record, not an edit).
    Disposed,
    /// The asset is gone (deleted by a merge, or a stale selection).
    NotFound,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulkSkipped {
    pub tag: String,
    pub reason: BulkSkipReason,
}

/// What a bulk edit would do, before anything is written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulkAssetPreview {
    pub selected: u32,
    /// Assets that would change.
    pub changing: u32,
    /// Assets that already hold the new values.
    pub unchanged: u32,
    pub skipped: Vec<BulkSkipped>,
    /// The first [`PREVIEW_ROWS`] changes, in the selection's order.
    pub changes: Vec<AssetFieldChange>,
    /// Values the edit may not write (nothing is written while there are any).
    pub problems: Vec<Problem>,
}

/// What a restore did not put back, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KeptReason {
    /// The field was changed again since (here or on another device): that value stays.
    ChangedSince,
    /// The record is gone.
    NotFound,
    /// The rules refuse the old value now (a port taken since, a rack unit filled).
    Refused,
}

/// A field a restore left as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeptField {
    /// The record as people name it (an asset tag, a cable label).
    pub record: String,
    pub field: String,
    pub reason: KeptReason,
}

fn clean_tags(tags: &[String]) -> Vec<String> {
    super::input::split_tags(&tags.join(","))
}

/// `asset` with `edit` applied (tags added after the ones it has, in the order given).
fn edited(asset: &Asset, edit: &BulkAssetEdit, add: &[String], remove: &[String]) -> Asset {
    let mut next = asset.clone();
    if let Some(status) = edit.status {
        next.status = status;
    }
    if let Some(owner) = &edit.owner {
        next.owner = owner.trim().to_owned();
    }
    next.tags.retain(|tag| !remove.contains(tag));
    for tag in add {
        if !next.tags.contains(tag) {
            next.tags.push(tag.clone());
        }
    }
    next
}

fn fields_touched(edit: &BulkAssetEdit) -> AssetFields {
    AssetFields {
        status: edit.status,
        owner: edit.owner.clone(),
        tags: (!edit.add_tags.is_empty() || !edit.remove_tags.is_empty()).then(Vec::new),
        location: None,
    }
}

impl Workspace {
    /// What `edit` would change, asset by asset, and every value it may not write.
    pub fn bulk_asset_preview(&self, edit: &BulkAssetEdit) -> BulkAssetPreview {
        let (planned, preview) = self.plan_bulk_assets(edit);
        drop(planned);
        preview
    }

    /// Writes `edit` to every asset it changes, in one durable batch (op `bulk-edit`), and
    /// returns what it wrote, for an undo. Refused, with nothing written, while the preview
    /// has problems.
    pub fn bulk_edit_assets(
        &self,
        edit: &BulkAssetEdit,
        stamp: &Stamp,
    ) -> Result<Vec<AssetFieldChange>, AssetError> {
        let (planned, preview) = self.plan_bulk_assets(edit);
        if !preview.problems.is_empty() {
            return Err(AssetError::Invalid(preview.problems));
        }
        let add = clean_tags(&edit.add_tags);
        let remove = clean_tags(&edit.remove_tags);
        let ids: Vec<AssetId> = planned.iter().map(|change| change.asset).collect();
        let mut written = Vec::with_capacity(ids.len());
        self.update_assets(&ids, stamp, "bulk-edit", |asset| {
            let before = asset.clone();
            let mut after = edited(asset, edit, &add, &remove);
            if before.status == AssetStatus::Disposed {
                after.status = before.status;
            }
            if after == before {
                return false;
            }
            let like = fields_touched(edit);
            written.push(AssetFieldChange {
                asset: before.id,
                tag: before.asset_tag.clone(),
                was: AssetFields::of(&before, &like),
                now: AssetFields::of(&after, &like),
            });
            *asset = after;
            true
        })?;
        Ok(written)
    }

    fn plan_bulk_assets(&self, edit: &BulkAssetEdit) -> (Vec<AssetFieldChange>, BulkAssetPreview) {
        let mut preview = BulkAssetPreview {
            selected: edit.ids.len() as u32,
            ..BulkAssetPreview::default()
        };
        let owner = edit.owner.as_deref().unwrap_or("").trim();
        let add_text = edit.add_tags.join(",");
        let remove_text = edit.remove_tags.join(",");
        preview.problems = check_fields([
            ("owner", owner, TextRule::SingleLine),
            ("tags", add_text.as_str(), TextRule::SingleLine),
            ("tags", remove_text.as_str(), TextRule::SingleLine),
        ]);
        if edit.status == Some(AssetStatus::Disposed) {
            preview.problems.push(field_problem(
                AssetField::Status,
                FieldErrorCode::DisposalNeedsRecord,
                "disposed",
            ));
        }
        let add = clean_tags(&edit.add_tags);
        let remove = clean_tags(&edit.remove_tags);
        let like = fields_touched(edit);
        let index = self.index();
        let mut planned = Vec::new();
        let mut seen = std::collections::HashSet::with_capacity(edit.ids.len());
        for id in &edit.ids {
            if !seen.insert(*id) {
                continue;
            }
            let Some(row) = index.get(id) else {
                preview.skipped.push(BulkSkipped {
                    tag: id.to_string(),
                    reason: BulkSkipReason::NotFound,
                });
                continue;
            };
            let asset = &row.asset;
            let mut after = edited(asset, edit, &add, &remove);
            if asset.status == AssetStatus::Disposed && edit.status.is_some() {
                after.status = asset.status;
                if edit.status != Some(asset.status) {
                    preview.skipped.push(BulkSkipped {
                        tag: asset.asset_tag.clone(),
                        reason: BulkSkipReason::Disposed,
                    });
                }
            }
            if &after == asset {
                preview.unchanged += 1;
                continue;
            }
            planned.push(AssetFieldChange {
                asset: *id,
                tag: asset.asset_tag.clone(),
                was: AssetFields::of(asset, &like),
                now: AssetFields::of(&after, &like),
            });
        }
        preview.changing = planned.len() as u32;
        preview.changes = planned.iter().take(PREVIEW_ROWS).cloned().collect();
        (planned, preview)
    }

    /// Puts back what `changes` wrote, field by field, where the field still holds what was
    /// written (one durable batch, op `undo`); returns the fields left as they are.
    pub fn restore_asset_fields(
        &self,
        changes: &[AssetFieldChange],
        stamp: &Stamp,
    ) -> Result<Vec<KeptField>, AssetError> {
        let mut kept = Vec::new();
        let ids: Vec<AssetId> = {
            let index = self.index();
            changes
                .iter()
                .filter(|change| {
                    let here = index.get(&change.asset).is_some();
                    if !here {
                        kept.push(KeptField {
                            record: change.tag.clone(),
                            field: String::new(),
                            reason: KeptReason::NotFound,
                        });
                    }
                    here
                })
                .map(|change| change.asset)
                .collect()
        };
        let by_asset: std::collections::HashMap<AssetId, &AssetFieldChange> = changes
            .iter()
            .map(|change| (change.asset, change))
            .collect();
        self.update_assets(&ids, stamp, "undo", |asset| {
            let Some(change) = by_asset.get(&asset.id) else {
                return false;
            };
            let before = asset.clone();
            let mut keep = |field: &str| {
                kept.push(KeptField {
                    record: before.asset_tag.clone(),
                    field: field.to_owned(),
                    reason: KeptReason::ChangedSince,
                })
            };
            if let (Some(was), Some(now)) = (change.was.status, change.now.status) {
                // Disposal is a record of its own: an undo never sets it.
                if asset.status == now && was != AssetStatus::Disposed {
                    asset.status = was;
                } else if asset.status != was {
                    keep("status");
                }
            }
            if let (Some(was), Some(now)) = (&change.was.owner, &change.now.owner) {
                if &asset.owner == now {
                    asset.owner = was.clone();
                } else if &asset.owner != was {
                    keep("owner");
                }
            }
            if let (Some(was), Some(now)) = (&change.was.tags, &change.now.tags) {
                if &asset.tags == now {
                    asset.tags = was.clone();
                }
                let added: Vec<&String> = now.iter().filter(|t| !was.contains(t)).collect();
                let removed: Vec<&String> = was.iter().filter(|t| !now.contains(t)).collect();
                asset.tags.retain(|tag| !added.contains(&tag));
                for tag in removed {
                    if !asset.tags.contains(tag) {
                        asset.tags.push(tag.clone());
                    }
                }
            }
            if let (Some(was), Some(now)) = (&change.was.location, &change.now.location) {
                if &asset.location == now {
                    asset.location = was.clone();
                } else if &asset.location != was {
                    keep("location");
                }
            }
            *asset != before
        })?;
        Ok(kept)
    }

    /// Changes several assets in one durable batch: `change` edits each (returning whether
    /// it changed anything); only the assets it changed are written, each as a change `op`.
    pub(crate) fn update_assets(
        &self,
        ids: &[AssetId],
        stamp: &Stamp,
        op: &str,
        mut change: impl FnMut(&mut Asset) -> bool,
    ) -> Result<usize, AssetError> {
        let mut cache = self.lock_docs();
        let mut pending = Vec::new();
        for id in ids {
            let doc_id = doc_id(id);
            let Some(mut stored) = self.take_doc(&mut cache, &doc_id)? else {
                continue;
            };
            let mut asset = projection::hydrate(&stored.doc, &doc_id)?;
            if !change(&mut asset) {
                self.keep_doc(&mut cache, doc_id, stored);
                continue;
            }
            crate::record::reconcile::reconcile_prop(
                &mut stored.doc,
                automerge::ROOT,
                "asset",
                &asset,
            )
            .map_err(|e| AssetError::Document {
                doc_id: doc_id.clone(),
                reason: e.to_string(),
            })?;
            pending.push(self.stage_changed(stored, &doc_id, stamp, op)?);
        }
        let count = pending.len();
        if count > 0 {
            self.write(&mut cache, pending, Batch::default())?;
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests;
