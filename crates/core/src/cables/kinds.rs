//! The record kinds of the cables area: cables and label schemes, each one document in the
//! standard layout (`record::aggregate`), read into the in-memory [`CableIndex`].

use automerge::AutoCommit;

use super::index::CableIndex;
use super::model::{Cable, LabelScheme, CABLE_SCHEMA};
use crate::record::aggregate::{self, Aggregate};
use crate::record::{Indexes, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

impl Kind for Cable {
    const PREFIX: &'static str = "cable";
    const SCHEMA: u64 = CABLE_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["cable"];
    type Row = Cable;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<Cable, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    /// Test reports.
    fn files(_: &AutoCommit, cable: &Cable) -> Vec<String> {
        cable
            .tests
            .iter()
            .filter_map(|t| t.report.clone())
            .collect()
    }

    fn put_projections(_: &dyn Tree, batch: &mut Batch, rows: &[&Cable]) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<Cable>) {
        let mut index = indexes.write::<CableIndex>();
        index.reserve(rows.len());
        for cable in rows {
            index.upsert(cable);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<CableIndex>();
        let id = doc_id.split_once('/').map_or("", |(_, id)| id);
        index.find(id).map(|c| c.label.clone()).unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        let id = doc_id.split_once('/').and_then(|(_, id)| id.parse().ok());
        id.is_some_and(|id| {
            indexes
                .read::<CableIndex>()
                .cables
                .contains_key(&crate::ids::CableId(id))
        })
    }
}

impl Aggregate for Cable {
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Kind for LabelScheme {
    const PREFIX: &'static str = "labelscheme";
    const SCHEMA: u64 = CABLE_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["labelscheme"];
    type Row = LabelScheme;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<LabelScheme, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&LabelScheme],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<LabelScheme>) {
        let mut index = indexes.write::<CableIndex>();
        for scheme in rows {
            index.upsert_scheme(scheme);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<CableIndex>();
        let id = doc_id.split_once('/').map_or("", |(_, id)| id);
        let template = index
            .schemes()
            .find(|s| s.id.to_string() == id)
            .map(|s| s.template.clone());
        template.unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        let id = doc_id.split_once('/').map_or("", |(_, id)| id);
        let index = indexes.read::<CableIndex>();
        let found = index.schemes().any(|s| s.id.to_string() == id);
        found
    }
}

impl Aggregate for LabelScheme {
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl crate::store::Workspace {
    /// Cables by id, port and label, in memory.
    pub(crate) fn cable_index(&self) -> std::sync::RwLockReadGuard<'_, CableIndex> {
        self.indexes().read::<CableIndex>()
    }
}
