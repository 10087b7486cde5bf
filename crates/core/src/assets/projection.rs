//! Asset projections (`p/asset/{id}` → postcard-encoded [`AssetRow`]) and their rebuild.

use automerge::AutoCommit;

use super::index::AssetIndex;
use super::model::{Asset, AssetRow};
use crate::stamp::ChangeMessage;
use crate::store::docs;
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

pub const PREFIX: &[u8] = b"p/asset/";

pub fn key(row: &AssetRow) -> Vec<u8> {
    format!("p/asset/{}", row.asset.id).into_bytes()
}

pub fn encode(row: &AssetRow) -> Vec<u8> {
    postcard::to_allocvec(row).unwrap_or_default()
}

pub fn put(batch: &mut Batch, row: &AssetRow) {
    batch.put(key(row), encode(row));
}

pub fn decode(bytes: &[u8]) -> Result<AssetRow, StoreError> {
    postcard::from_bytes(bytes).map_err(|error| StoreError::DamagedRecord {
        what: "asset list entry".into(),
        reason: error.to_string(),
    })
}

pub fn load_index(tree: &dyn Tree) -> Result<AssetIndex, StoreError> {
    let mut rows = Vec::new();
    tree.for_each_prefix(PREFIX, &mut |_, value| {
        rows.push(decode(value)?);
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

/// Builds the projection of a document from its content and its change history.
pub fn row_from_doc(doc: &mut AutoCommit, doc_id: &str) -> Result<AssetRow, StoreError> {
    let asset = hydrate(doc, doc_id)?;
    let changes = doc.get_changes(&[]);
    let created_at_ms = changes
        .iter()
        .map(|change| change.timestamp())
        .min()
        .unwrap_or(0);
    let last = changes.iter().max_by_key(|change| change.timestamp());
    let updated_at_ms = last.map(|change| change.timestamp()).unwrap_or(0);
    let updated_by = ChangeMessage::decode(last.and_then(|change| change.message()))
        .author
        .name;
    Ok(AssetRow {
        asset,
        created_at_ms,
        updated_at_ms,
        updated_by,
    })
}

/// Rewrites every asset projection of a workspace from its documents.
pub fn rebuild(tree: &dyn Tree) -> Result<usize, StoreError> {
    let mut doc_ids = Vec::new();
    tree.for_each_prefix(b"d/asset/", &mut |key, _| {
        let text = String::from_utf8_lossy(&key[2..]);
        let id: String = text.split('/').take(2).collect::<Vec<_>>().join("/");
        if doc_ids.last() != Some(&id) {
            doc_ids.push(id);
        }
        Ok(())
    })?;
    let mut batch = Batch::default();
    for (key, _) in tree.scan_prefix(PREFIX)? {
        batch.delete(key);
    }
    for doc_id in &doc_ids {
        if let Some(mut stored) = docs::load(tree, doc_id)? {
            put(&mut batch, &row_from_doc(&mut stored.doc, doc_id)?);
        }
    }
    tree.apply(batch)?;
    tree.flush()?;
    Ok(doc_ids.len())
}
