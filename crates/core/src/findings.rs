//! The findings inbox: what needs a person's decision after merges. For now: fields edited
//! concurrently on two devices, and asset tags that two assets ended up sharing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::index::normalise_tag;
use crate::assets::{doc_id, projection, AssetError, AssetRow};
use crate::ids::AssetId;
use crate::stamp::{ChangeMessage, Stamp};
use crate::store::docs;
use crate::store::kv::Batch;
use crate::store::{StoreError, Workspace};
use crate::sync::conflicts::{self, FieldConflict};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
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
        let changed = conflicts::resolve(&mut stored.doc, path, choice).map_err(document)?;
        if !changed {
            self.keep_doc(&mut cache, doc_id, stored);
            return Err(AssetError::NoSuchConflict(path.to_owned()));
        }
        stored.doc.commit_with(
            automerge::transaction::CommitOptions::default()
                .with_message(ChangeMessage::new(&stamp.author, "resolve").encode())
                .with_time(stamp.at_ms),
        );
        let result = (|| {
            let row = projection::row_from_doc(&mut stored.doc, &doc_id)?;
            let mut batch = Batch::default();
            docs::append_pending(self.tree.as_ref(), &mut batch, &mut stored, &doc_id)?;
            projection::put(self.tree.as_ref(), &mut batch, std::slice::from_ref(&row))?;
            self.put_conflicts(&mut batch, &doc_id, &conflicts::detect(&mut stored.doc));
            self.note_local_change(&mut batch, &doc_id);
            self.commit(batch)?;
            Ok::<_, AssetError>(row)
        })();
        match result {
            Ok(row) => {
                self.index_mut().upsert(row.clone());
                self.keep_doc(&mut cache, doc_id, stored);
                Ok(row)
            }
            Err(error) => {
                if let Some(fresh) = docs::load(self.tree.as_ref(), &doc_id)? {
                    self.keep_doc(&mut cache, doc_id, fresh);
                }
                Err(error)
            }
        }
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
