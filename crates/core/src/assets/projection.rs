//! Asset projections: the flat [`AssetRow`]s list views read, kept in buckets.
//!
//! Rows live in [`BUCKETS`] buckets (`p/asset/{bucket:04x}` → postcard `Vec<AssetRow>`), chosen
//! by the low bits of the asset id. sled carries a few hundred bytes of overhead per key, so
//! one key per asset made the projections cost more on disk than the documents themselves;
//! buckets of a few dozen rows compress well and open in a few thousand reads. 2,048 buckets
//! keep a bucket under sled's 64 KiB value limit up to about half a million assets.

mod one_pass;

use std::collections::BTreeMap;

use automerge::{AutoCommit, ReadDoc};

use super::index::AssetIndex;
use super::model::{Asset, AssetRow};
use crate::ids::AssetId;
use crate::stamp::ChangeMessage;
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

pub const PREFIX: &[u8] = b"p/asset/";
pub const BUCKETS: u32 = 2048;

fn bucket_of(id: &AssetId) -> u32 {
    (id.0 .0 as u32) % BUCKETS
}

fn bucket_key(bucket: u32) -> Vec<u8> {
    format!("p/asset/{bucket:04x}").into_bytes()
}

fn decode_bucket(bytes: &[u8]) -> Result<Vec<AssetRow>, StoreError> {
    postcard::from_bytes(bytes).map_err(|error| StoreError::DamagedRecord {
        what: "asset list bucket".into(),
        reason: error.to_string(),
    })
}

/// Adds `rows` (new or changed) to their buckets in `batch`, merging with what is stored.
/// The caller holds the workspace's writer lock, so the stored buckets are current.
pub fn put(tree: &dyn Tree, batch: &mut Batch, rows: &[&AssetRow]) -> Result<(), StoreError> {
    let mut buckets: BTreeMap<u32, Vec<&AssetRow>> = BTreeMap::new();
    for &row in rows {
        buckets
            .entry(bucket_of(&row.asset.id))
            .or_default()
            .push(row);
    }
    for (bucket, changed) in buckets {
        let key = bucket_key(bucket);
        let mut stored = match tree.get(&key)? {
            Some(bytes) => decode_bucket(&bytes)?,
            None => Vec::new(),
        };
        for row in changed {
            match stored.iter_mut().find(|old| old.asset.id == row.asset.id) {
                Some(old) => *old = row.clone(),
                None => stored.push(row.clone()),
            }
        }
        batch.put(key, postcard::to_allocvec(&stored).unwrap_or_default());
    }
    Ok(())
}

pub fn load_index(tree: &dyn Tree) -> Result<AssetIndex, StoreError> {
    let mut rows = Vec::new();
    tree.for_each_prefix(PREFIX, &mut |_, value| {
        rows.extend(decode_bucket(value)?);
        Ok(())
    })?;
    Ok(AssetIndex::new(rows))
}

/// Reads the asset out of its document.
pub fn hydrate(doc: &AutoCommit, doc_id: &str) -> Result<Asset, StoreError> {
    autosurgeon::hydrate_prop(doc, automerge::ROOT, "asset").map_err(|error| {
        StoreError::DamagedDocument {
            doc_id: doc_id.to_owned(),
            reason: error.to_string(),
        }
    })
}

/// Reads the asset's life (assignments, maintenance, disposal); none yet reads as empty.
pub fn hydrate_life(doc: &AutoCommit, doc_id: &str) -> Result<super::life::AssetLife, StoreError> {
    let damaged = |reason: String| StoreError::DamagedDocument {
        doc_id: doc_id.to_owned(),
        reason,
    };
    match doc.get(automerge::ROOT, "life") {
        Ok(None) => Ok(super::life::AssetLife::default()),
        // Most assets have no lifecycle records yet: reading the empty maps field by field
        // through autosurgeon was a fifth of listing a synced asset.
        Ok(Some((automerge::Value::Object(automerge::ObjType::Map), life)))
            if is_empty_life(doc, &life) =>
        {
            Ok(super::life::AssetLife::default())
        }
        Ok(Some(_)) => autosurgeon::hydrate_prop(doc, automerge::ROOT, "life")
            .map_err(|error| damaged(error.to_string())),
        Err(error) => Err(damaged(error.to_string())),
    }
}

/// Whether a `life` map holds nothing but empty record maps (what a new asset starts with).
fn is_empty_life(doc: &AutoCommit, life: &automerge::ObjId) -> bool {
    doc.keys(life).all(|key| match doc.get(life, key.as_str()) {
        Ok(Some((automerge::Value::Object(_), id))) => doc.length(&id) == 0,
        Ok(Some((automerge::Value::Scalar(value), _))) => value.is_null(),
        Ok(None) => true,
        Err(_) => false,
    })
}

/// Builds the projection of a document from its content and its change history.
pub fn row_from_doc(doc: &mut AutoCommit, doc_id: &str) -> Result<AssetRow, StoreError> {
    row_and_files(doc, doc_id).map(|(row, _)| row)
}

/// The row and every file the document names (`attachments::blob_hashes`), read together.
pub fn row_and_files(
    doc: &mut AutoCommit,
    doc_id: &str,
) -> Result<(AssetRow, Vec<String>), StoreError> {
    // One walk over the document reads the asset, its life and its files (`one_pass`);
    // autosurgeon reads what that walk cannot, and gives the same value or the error.
    let (asset, life, files) = {
        let root = one_pass::read(doc);
        let asset = match one_pass::asset(&root) {
            Some(asset) => asset,
            None => hydrate(doc, doc_id)?,
        };
        let life = match one_pass::life(&root) {
            Some(life) => life,
            None => hydrate_life(doc, doc_id)?,
        };
        let files = match one_pass::files(&root, &life) {
            Some(files) => files,
            None => super::attachments::blob_hashes(doc),
        };
        (asset, life, files)
    };
    let purchase = super::purchase::hydrate_purchase(doc, doc_id)?;
    Ok((row_of(doc, asset, &life, purchase), files))
}

/// The row of `asset` and `life`, with the document's creation and last change.
fn row_of(
    doc: &mut AutoCommit,
    asset: Asset,
    life: &super::life::AssetLife,
    purchase: Option<super::purchase::AssetPurchase>,
) -> AssetRow {
    // Change metadata only: building whole changes costs several times more.
    let changes = doc.get_changes_meta(&[]);
    let created_at_ms = changes
        .iter()
        .map(|change| change.timestamp)
        .min()
        .unwrap_or(0);
    // Ties go to the larger hash, so every device picks the same change.
    let last = changes
        .iter()
        .max_by_key(|change| (change.timestamp, change.hash));
    let updated_at_ms = last.map(|change| change.timestamp).unwrap_or(0);
    let updated_by = ChangeMessage::decode(last.and_then(|change| change.message.as_deref()))
        .author
        .name;
    let life = super::life::LifeSummary::of(life, asset.asset_type);
    AssetRow {
        asset,
        created_at_ms,
        updated_at_ms,
        updated_by,
        life,
        purchase,
    }
}

/// The row as autosurgeon alone reads it, field by field: what `row_from_doc` must equal.
#[cfg(test)]
pub(crate) fn row_from_doc_by_fields(
    doc: &mut AutoCommit,
    doc_id: &str,
) -> Result<AssetRow, StoreError> {
    let asset = hydrate(doc, doc_id)?;
    let life = hydrate_life(doc, doc_id)?;
    let purchase = super::purchase::hydrate_purchase(doc, doc_id)?;
    Ok(row_of(doc, asset, &life, purchase))
}
