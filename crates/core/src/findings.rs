//! The findings inbox: what needs a person's decision. Fields edited concurrently on two
//! devices, asset tags that two assets ended up sharing, rack rules broken by merges, and
//! power, cooling and weight limits crossed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::index::normalise_tag;
use crate::assets::{doc_id, AssetError, AssetRow};
use crate::cables::rules::CableInvariant;
use crate::ids::AssetId;
use crate::racks::power::BudgetFinding;
use crate::racks::RackInvariant;
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::{StoreError, Workspace};
use crate::sync::conflicts::{self, FieldConflict};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Finding {
    /// One field of an asset holds concurrent values.
    Conflict {
        asset_id: AssetId,
        asset_tag: String,
        conflict: FieldConflict,
    },
    /// Several assets share one asset tag (each device checked, the merge could not).
    DuplicateTag { tag: String, assets: Vec<AssetId> },
    /// A rack rule broken in merged state (two devices in one unit, past the top, one asset
    /// in two places), with what its one-click resolution needs.
    RackRule { invariant: RackInvariant },
    /// A power, cooling or weight limit crossed, with the numbers.
    Budget { finding: BudgetFinding },
    /// A cable rule broken in merged state: two cables in one port, one label on two cables,
    /// or a kind that does not fit its port. `port` and `labels` say which, for people.
    CableRule {
        invariant: CableInvariant,
        port: String,
        labels: Vec<String>,
    },
    /// A cable whose last test failed: re-terminate or replace it, then test again.
    CableFailed {
        cable: crate::ids::CableId,
        label: String,
        tester: String,
        #[ts(type = "number")]
        at_ms: i64,
    },
}

impl Workspace {
    /// Every open finding: conflicts first (by asset tag), then duplicate tags.
    pub fn findings(&self) -> Result<Vec<Finding>, StoreError> {
        let mut found = Vec::new();
        let index = self.index();
        self.tree
            .for_each_prefix(b"y/conflict/", &mut |key, value| {
                let doc = String::from_utf8_lossy(&key[11..]).into_owned();
                let Some(id) = doc
                    .strip_prefix("asset/")
                    .and_then(|id| id.parse::<AssetId>().ok())
                else {
                    return Ok(());
                };
                let list: Vec<FieldConflict> = postcard::from_bytes(value).unwrap_or_default();
                let tag = index
                    .get(&id)
                    .map(|row| row.asset.asset_tag.clone())
                    .unwrap_or_default();
                for conflict in list {
                    found.push(Finding::Conflict {
                        asset_id: id,
                        asset_tag: tag.clone(),
                        conflict,
                    });
                }
                Ok(())
            })?;
        found.extend(
            index
                .duplicate_tags()
                .into_iter()
                .map(|(tag, assets)| Finding::DuplicateTag { tag, assets }),
        );
        drop(index);
        let places = self.places();
        found.extend(
            places
                .invariants()
                .into_iter()
                .map(|invariant| Finding::RackRule { invariant }),
        );
        found.extend(
            places
                .all_room_budgets()
                .into_iter()
                .flat_map(|room| room.findings)
                .map(|finding| Finding::Budget { finding }),
        );
        drop(places);
        found.extend(self.cable_findings());
        found.extend(self.failed_cables().into_iter().map(|cable| {
            let last = cable.tests.last();
            Finding::CableFailed {
                cable: cable.id,
                tester: last.map(|t| t.tester.clone()).unwrap_or_default(),
                at_ms: last.map_or(0, |t| t.at_ms),
                label: cable.label,
            }
        }));
        Ok(found)
    }

    /// Settles a conflicted field on the value at `choice` (an index into the conflict's
    /// values), as one change that replaces every concurrent value.
    pub fn resolve_conflict(
        &self,
        id: AssetId,
        path: &str,
        choice: usize,
        stamp: &Stamp,
    ) -> Result<AssetRow, AssetError> {
        let doc_id = doc_id(&id);
        let mut cache = self.lock_docs();
        let mut stored = self
            .take_doc(&mut cache, &doc_id)?
            .ok_or_else(|| AssetError::NotFound(id.to_string()))?;
        let document = |e: automerge::AutomergeError| AssetError::Document {
            doc_id: doc_id.clone(),
            reason: e.to_string(),
        };
        let result = match conflicts::resolve(&mut stored.doc, path, choice).map_err(document) {
            Ok(true) => {
                self.save_local_change(&mut stored, &doc_id, stamp, "resolve", Batch::default())
            }
            Ok(false) => Err(AssetError::NoSuchConflict(path.to_owned())),
            Err(error) => Err(error),
        };
        // After a failure the document may hold an unsaved change: the next use reloads.
        if result.is_ok() {
            self.keep_doc(&mut cache, doc_id, stored);
        }
        result
    }

    /// Records a document's open conflicts (or that it has none) in `batch`.
    pub(crate) fn put_conflicts(&self, batch: &mut Batch, doc_id: &str, found: &[FieldConflict]) {
        let key = format!("y/conflict/{doc_id}").into_bytes();
        if found.is_empty() {
            batch.delete(key);
        } else {
            batch.put(key, postcard::to_allocvec(found).unwrap_or_default());
        }
    }

    /// Whether a document has open conflicts on record.
    pub(crate) fn has_conflicts(&self, doc_id: &str) -> Result<bool, StoreError> {
        Ok(self
            .tree
            .get(format!("y/conflict/{doc_id}").as_bytes())?
            .is_some())
    }
}

/// Used by the index: groups of asset ids sharing one normalised tag.
pub(crate) fn group_duplicates<'a>(
    rows: impl Iterator<Item = &'a AssetRow>,
) -> Vec<(String, Vec<AssetId>)> {
    let mut by_tag: std::collections::BTreeMap<String, (String, Vec<AssetId>)> =
        std::collections::BTreeMap::new();
    for row in rows {
        let entry = by_tag
            .entry(normalise_tag(&row.asset.asset_tag))
            .or_insert_with(|| (row.asset.asset_tag.clone(), Vec::new()));
        entry.1.push(row.asset.id);
    }
    by_tag
        .into_values()
        .filter(|(_, ids)| ids.len() > 1)
        .collect()
}
