//! The open workspace's design documents in memory: each document, its list row (read once
//! when it is written or merged) and, by linked record, the documents that describe it; the
//! record kind's declaration (`designdoc/{ULID}`, the standard layout); the global search's
//! source.

use std::collections::{BTreeMap, BTreeSet};

use automerge::AutoCommit;

use super::model::{DesignDoc, DESIGNDOC_PREFIX, DESIGNDOC_SCHEMA};
use super::views::DocRow;
use crate::record::aggregate::{self, load_projections, Aggregate};
use crate::record::{Index, Indexes, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::{StoreError, Workspace};

#[derive(Debug, Default)]
pub struct DesignDocIndex {
    pub docs: BTreeMap<String, DesignDoc>,
    pub rows: BTreeMap<String, DocRow>,
    /// Linked record (`rack/01J…`) → the documents linking it.
    pub by_link: BTreeMap<String, BTreeSet<String>>,
}

impl DesignDocIndex {
    pub fn upsert(&mut self, doc: DesignDoc) {
        if let Some(before) = self.docs.get(&doc.id) {
            for record in before.links.keys() {
                if let Some(ids) = self.by_link.get_mut(record) {
                    ids.remove(&doc.id);
                    if ids.is_empty() {
                        self.by_link.remove(record);
                    }
                }
            }
        }
        for record in doc.links.keys() {
            self.by_link
                .entry(record.clone())
                .or_default()
                .insert(doc.id.clone());
        }
        self.rows.insert(doc.id.clone(), DocRow::of(&doc));
        self.docs.insert(doc.id.clone(), doc);
    }
}

impl Index for DesignDocIndex {
    fn load(tree: &dyn Tree) -> Result<DesignDocIndex, StoreError> {
        let mut index = DesignDocIndex::default();
        for doc in load_projections::<DesignDoc>(tree)? {
            index.upsert(doc);
        }
        Ok(index)
    }
}

fn id_part(doc_id: &str) -> &str {
    doc_id.split_once('/').map_or("", |(_, id)| id)
}

impl Kind for DesignDoc {
    const PREFIX: &'static str = DESIGNDOC_PREFIX;
    const SCHEMA: u64 = DESIGNDOC_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["designdoc"];
    type Row = DesignDoc;

    fn decisions(doc: &AutoCommit, doc_id: &str) -> Vec<crate::record::HeldDecision> {
        match aggregate::hydrate::<DesignDoc>(doc, doc_id) {
            Ok(design) => super::decisions::held(&design),
            Err(_) => Vec::new(),
        }
    }

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<DesignDoc, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn files(_doc: &AutoCommit, row: &DesignDoc) -> Vec<String> {
        row.file_hashes()
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&DesignDoc],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<DesignDoc>) {
        let mut index = indexes.write::<DesignDocIndex>();
        for doc in rows {
            index.upsert(doc);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        indexes
            .read::<DesignDocIndex>()
            .docs
            .get(id_part(doc_id))
            .map(|d| d.title.clone())
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<DesignDocIndex>()
            .docs
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for DesignDoc {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

/// Documents whose title, tags, kind or file names hold the words.
pub(crate) fn search_source(
    workspace: &Workspace,
    query: &crate::search::SearchQuery,
    hits: &mut crate::search::SearchHits,
) {
    let index = workspace.indexes().read::<DesignDocIndex>();
    for (id, row) in &index.rows {
        let Some(doc) = index.docs.get(id) else {
            continue;
        };
        let files: Vec<&str> = doc
            .versions
            .values()
            .map(|v| v.file_name.as_str())
            .collect();
        let tags = row.tags.join(" ");
        let files = files.join(" ");
        if let Some(rank) = query.rank(&row.title, &[&tags, row.kind.code(), &files]) {
            let version = row
                .current_version
                .map_or_else(String::new, |n| format!(" · v{n}"));
            hits.push(
                rank,
                crate::search::SearchHit {
                    kind: DESIGNDOC_PREFIX.into(),
                    record: format!("{DESIGNDOC_PREFIX}/{id}"),
                    title: row.title.clone(),
                    detail: format!(
                        "{} · {}{version} · {}",
                        row.kind.code(),
                        row.owner.name,
                        row.state.code()
                    ),
                },
            );
        }
    }
}
