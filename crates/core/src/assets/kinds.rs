//! The asset kind: one document per asset (`asset/{ULID}`) holding the asset under `asset`
//! and its lifecycle records under `life` (assignments, maintenance, disposal), listed as one
//! [`AssetRow`] per asset in bucketed projections (`assets::projection`).

use automerge::AutoCommit;

use super::index::AssetIndex;
use super::model::{AssetRow, ASSET_SCHEMA};
use super::projection;
use crate::record::{Index, Indexes, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// The asset kind (its row is the list row, not the document's value).
pub struct AssetKind;

impl Kind for AssetKind {
    const PREFIX: &'static str = "asset";
    const SCHEMA: u64 = ASSET_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["asset", "life"];
    type Row = AssetRow;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<AssetRow, StoreError> {
        projection::row_from_doc(doc, doc_id)
    }

    /// A decided disposal request and a verified data wipe (see `assets::decisions`).
    fn decisions(doc: &AutoCommit, doc_id: &str) -> Vec<crate::record::HeldDecision> {
        super::decisions::held(doc, doc_id)
    }

    /// Attachments, and the files of its lifecycle records (wipe reports, maintenance
    /// reports).
    fn files(doc: &AutoCommit, _: &AssetRow) -> Vec<String> {
        super::attachments::blob_hashes(doc)
    }

    /// Both from one walk over the document: a first sync reads thousands.
    fn read_with_files(
        doc: &mut AutoCommit,
        doc_id: &str,
    ) -> Result<(AssetRow, Vec<String>), StoreError> {
        projection::row_and_files(doc, doc_id)
    }

    fn put_projections(
        tree: &dyn Tree,
        batch: &mut Batch,
        rows: &[&AssetRow],
    ) -> Result<(), StoreError> {
        projection::put(tree, batch, rows)
    }

    fn upsert(indexes: &Indexes, rows: Vec<AssetRow>) {
        let mut index = indexes.write::<AssetIndex>();
        for row in rows {
            index.upsert(row);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<AssetIndex>();
        let id = doc_id.split_once('/').and_then(|(_, id)| id.parse().ok());
        id.and_then(|id| index.get(&id))
            .map(|row| row.asset.asset_tag.clone())
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        let id = doc_id.split_once('/').and_then(|(_, id)| id.parse().ok());
        id.is_some_and(|id| indexes.read::<AssetIndex>().get(&id).is_some())
    }
}

impl Index for AssetIndex {
    fn load(tree: &dyn Tree) -> Result<AssetIndex, StoreError> {
        projection::load_index(tree)
    }
}

impl crate::store::Workspace {
    /// The asset list in memory.
    pub(crate) fn index(&self) -> std::sync::RwLockReadGuard<'_, AssetIndex> {
        self.indexes().read::<AssetIndex>()
    }
}
