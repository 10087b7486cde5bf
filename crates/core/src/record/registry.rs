//! The registry: every kind and every index, listed once (`crate::kinds`), and what the store
//! and sync ask of a kind through it.

use std::any::Any;
use std::marker::PhantomData;

use automerge::AutoCommit;

use super::indexes::{Index, IndexDecl, Indexes};
use super::{prefix_of, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// A record read from its document: its row (typed by its kind) and the files it names.
pub struct Loaded {
    pub doc_id: String,
    pub files: Vec<String>,
    row: Box<dyn Any + Send + Sync>,
}

impl Loaded {
    /// A row of kind `K` that its writer already holds (no need to read the document again).
    pub fn new<K: Kind>(doc_id: String, row: K::Row) -> Loaded {
        Loaded {
            doc_id,
            files: Vec::new(),
            row: Box::new(row),
        }
    }

    /// The row, if it is of kind `K`.
    pub fn row<K: Kind>(&self) -> Option<&K::Row> {
        self.row.downcast_ref()
    }

    pub fn prefix(&self) -> &str {
        prefix_of(&self.doc_id)
    }
}

/// How a document stands against this build's declaration of its kind ([`Registry::check`]).
pub enum Fit {
    /// Of a kind and schema this build knows, and its kind reads it.
    Fits(Box<Loaded>),
    /// Written by a newer version: a kind this build does not know (`schema: None`) or a
    /// schema above the one it writes.
    Newer { schema: Option<u64> },
    /// It claims a kind and schema this build knows but does not hold what they say.
    Unfit(String),
}

/// What the machinery asks of one kind, without knowing its types.
pub(crate) trait DynKind: Send + Sync {
    fn prefix(&self) -> &'static str;
    fn schema(&self) -> u64;
    fn editable(&self) -> &'static [&'static str];
    fn audit_record(&self) -> bool;
    fn decisions(&self, doc: &AutoCommit, doc_id: &str) -> Vec<super::HeldDecision>;
    fn read(&self, doc: &mut AutoCommit, doc_id: &str) -> Result<Loaded, StoreError>;
    fn put_projections(
        &self,
        tree: &dyn Tree,
        batch: &mut Batch,
        rows: &[&Loaded],
    ) -> Result<(), StoreError>;
    fn clear_projections(&self, tree: &dyn Tree, batch: &mut Batch) -> Result<(), StoreError>;
    fn upsert(&self, indexes: &Indexes, rows: Vec<Loaded>);
    fn title(&self, indexes: &Indexes, doc_id: &str) -> String;
    fn indexed(&self, indexes: &Indexes, doc_id: &str) -> bool;
}

struct Declared<K>(PhantomData<fn() -> K>);

impl<K: Kind> DynKind for Declared<K> {
    fn prefix(&self) -> &'static str {
        K::PREFIX
    }

    fn schema(&self) -> u64 {
        K::SCHEMA
    }

    fn editable(&self) -> &'static [&'static str] {
        K::EDITABLE
    }

    fn audit_record(&self) -> bool {
        K::AUDIT_RECORD
    }

    fn decisions(&self, doc: &AutoCommit, doc_id: &str) -> Vec<super::HeldDecision> {
        K::decisions(doc, doc_id)
    }

    fn read(&self, doc: &mut AutoCommit, doc_id: &str) -> Result<Loaded, StoreError> {
        let (row, files) = K::read_with_files(doc, doc_id)?;
        Ok(Loaded {
            doc_id: doc_id.to_owned(),
            files,
            row: Box::new(row),
        })
    }

    fn put_projections(
        &self,
        tree: &dyn Tree,
        batch: &mut Batch,
        rows: &[&Loaded],
    ) -> Result<(), StoreError> {
        let typed: Vec<&K::Row> = rows.iter().filter_map(|l| l.row::<K>()).collect();
        K::put_projections(tree, batch, &typed)
    }

    fn clear_projections(&self, tree: &dyn Tree, batch: &mut Batch) -> Result<(), StoreError> {
        K::clear_projections(tree, batch)
    }

    fn upsert(&self, indexes: &Indexes, rows: Vec<Loaded>) {
        let typed: Vec<K::Row> = rows
            .into_iter()
            .filter_map(|l| l.row.downcast::<K::Row>().ok().map(|row| *row))
            .collect();
        K::upsert(indexes, typed);
    }

    fn title(&self, indexes: &Indexes, doc_id: &str) -> String {
        K::title(indexes, doc_id)
    }

    fn indexed(&self, indexes: &Indexes, doc_id: &str) -> bool {
        K::indexed(indexes, doc_id)
    }
}

/// Every kind of record and every in-memory index, in the order they were listed.
pub struct Registry {
    kinds: Vec<Box<dyn DynKind>>,
    indexes: Vec<IndexDecl>,
    search: Vec<crate::search::SearchSource>,
    alerts: Vec<crate::alerts::AlertSource>,
    upkeep: Vec<Upkeep>,
}

/// An area's upkeep of what documents from other versions leave undone (see
/// [`RegistryBuilder::upkeep`]): run when a workspace opens and after a sync pass pulled
/// documents. It must be idempotent, and it logs rather than fails: a workspace opens and a
/// sync goes on without it.
pub type Upkeep = fn(&crate::store::Workspace);

/// Lists kinds and indexes: `Registry::builder().kind::<AssetKind>().index::<AssetIndex>()`.
#[derive(Default)]
pub struct RegistryBuilder {
    kinds: Vec<Box<dyn DynKind>>,
    indexes: Vec<IndexDecl>,
    search: Vec<crate::search::SearchSource>,
    alerts: Vec<crate::alerts::AlertSource>,
    upkeep: Vec<Upkeep>,
}

impl RegistryBuilder {
    pub fn kind<K: Kind>(mut self) -> Self {
        assert!(
            self.kinds.iter().all(|k| k.prefix() != K::PREFIX),
            "kind {} is listed twice",
            K::PREFIX
        );
        self.kinds.push(Box::new(Declared::<K>(PhantomData)));
        self
    }

    pub fn index<T: Index>(mut self) -> Self {
        self.indexes.push(IndexDecl::of::<T>());
        self
    }

    /// An area's alert source (one per area; see `crate::alerts`).
    pub fn alerts(mut self, source: crate::alerts::AlertSource) -> Self {
        self.alerts.push(source);
        self
    }

    /// An area's search source (one per area; see `crate::search`): the global search
    /// finds records of its kinds, ranked after earlier sources' on equal terms.
    pub fn search(mut self, source: crate::search::SearchSource) -> Self {
        self.search.push(source);
        self
    }

    /// An area's upkeep, run when a workspace opens and after each sync pull (the asset
    /// locations older versions wrote as free text made real places, say).
    pub fn upkeep(mut self, upkeep: Upkeep) -> Self {
        self.upkeep.push(upkeep);
        self
    }

    pub fn build(self) -> Registry {
        Registry {
            kinds: self.kinds,
            indexes: self.indexes,
            search: self.search,
            alerts: self.alerts,
            upkeep: self.upkeep,
        }
    }
}

impl Registry {
    pub fn builder() -> RegistryBuilder {
        RegistryBuilder::default()
    }

    pub(crate) fn kind_of(&self, doc_id: &str) -> Option<&dyn DynKind> {
        let prefix = prefix_of(doc_id);
        self.kinds
            .iter()
            .find(|k| k.prefix() == prefix)
            .map(|k| k.as_ref())
    }

    /// Every area's alert source.
    pub fn alert_sources(&self) -> &[crate::alerts::AlertSource] {
        &self.alerts
    }

    /// Every area's search source, in the order listed.
    pub fn search_sources(&self) -> &[crate::search::SearchSource] {
        &self.search
    }

    /// Runs every area's upkeep on `workspace`, in the order listed.
    pub fn run_upkeep(&self, workspace: &crate::store::Workspace) {
        for upkeep in &self.upkeep {
            upkeep(workspace);
        }
    }

    /// Every listed kind's document id prefix, in order.
    pub fn prefixes(&self) -> Vec<&'static str> {
        self.kinds.iter().map(|k| k.prefix()).collect()
    }

    /// Whether documents with this id belong to a listed kind.
    pub fn knows(&self, doc_id: &str) -> bool {
        self.kind_of(doc_id).is_some()
    }

    /// Reads a document of a listed kind; `Ok(None)` for a kind this build does not know.
    pub fn read(&self, doc: &mut AutoCommit, doc_id: &str) -> Result<Option<Loaded>, StoreError> {
        match self.kind_of(doc_id) {
            Some(kind) => kind.read(doc, doc_id).map(Some),
            None => Ok(None),
        }
    }

    /// How a document stands against this build's declaration of its kind: the kind its
    /// id names, the `kind` and `schema` its root holds, and whether its kind reads it.
    /// A kind this build does not know, or a schema above the one it writes, is a newer
    /// version's document: kept and synced, never judged. (Documents from before the root
    /// held `kind` are judged by reading alone.)
    pub fn check(&self, doc: &mut AutoCommit, doc_id: &str) -> Fit {
        use automerge::{ReadDoc, ScalarValue, Value, ROOT};
        let Some(kind) = self.kind_of(doc_id) else {
            return Fit::Newer { schema: None };
        };
        match doc.get(ROOT, "kind") {
            Ok(Some((Value::Scalar(value), _))) => match value.as_ref() {
                ScalarValue::Str(text) if text.as_str() == kind.prefix() => {}
                ScalarValue::Str(text) => {
                    return Fit::Unfit(format!(
                        "its id is of kind {}, its content of kind {}",
                        kind.prefix(),
                        text.chars().take(40).collect::<String>()
                    ))
                }
                _ => return Fit::Unfit("its kind is not a name".into()),
            },
            Ok(None) => {}
            _ => return Fit::Unfit("its kind is not a name".into()),
        }
        let schema = match doc.get(ROOT, "schema") {
            Ok(Some((Value::Scalar(value), _))) => match value.as_ref() {
                ScalarValue::Uint(n) => Some(*n),
                ScalarValue::Int(n) => u64::try_from(*n).ok(),
                _ => None,
            },
            _ => None,
        };
        if let Some(schema) = schema.filter(|schema| *schema > kind.schema()) {
            return Fit::Newer {
                schema: Some(schema),
            };
        }
        match kind.read(doc, doc_id) {
            Ok(loaded) => Fit::Fits(Box::new(loaded)),
            Err(error) => Fit::Unfit(match error {
                StoreError::DamagedDocument { reason, .. } => reason,
                other => other.to_string(),
            }),
        }
    }

    /// Whether an auditor may write this document (its kind says so; see
    /// [`super::Kind::AUDIT_RECORD`]). A kind this build does not know is not one.
    pub fn audit_record(&self, doc_id: &str) -> bool {
        self.kind_of(doc_id).is_some_and(|k| k.audit_record())
    }

    /// The decisions a document records (see [`super::Kind::decisions`]).
    pub fn decisions(&self, doc: &AutoCommit, doc_id: &str) -> Vec<super::HeldDecision> {
        self.kind_of(doc_id)
            .map(|k| k.decisions(doc, doc_id))
            .unwrap_or_default()
    }

    /// The root keys of a document whose fields can hold concurrent values.
    pub fn editable(&self, doc_id: &str) -> &'static [&'static str] {
        self.kind_of(doc_id).map_or(&[], |k| k.editable())
    }

    /// How a person recognises a record.
    pub fn title(&self, indexes: &Indexes, doc_id: &str) -> String {
        self.kind_of(doc_id)
            .map(|k| k.title(indexes, doc_id))
            .unwrap_or_default()
    }

    /// Whether the workspace holds this record (its kind's index knows it).
    pub fn indexed(&self, indexes: &Indexes, doc_id: &str) -> bool {
        self.kind_of(doc_id)
            .is_some_and(|k| k.indexed(indexes, doc_id))
    }

    /// Adds the projections of `rows` (of any kinds) to `batch`, each kind's at once.
    pub fn put_projections(
        &self,
        tree: &dyn Tree,
        batch: &mut Batch,
        rows: &[Loaded],
    ) -> Result<(), StoreError> {
        for kind in &self.kinds {
            let of_kind: Vec<&Loaded> = rows
                .iter()
                .filter(|l| l.prefix() == kind.prefix())
                .collect();
            if !of_kind.is_empty() {
                kind.put_projections(tree, batch, &of_kind)?;
            }
        }
        Ok(())
    }

    /// Puts written or merged rows into the indexes, kind by kind (one index lock at a time),
    /// then tells every index which kinds changed.
    pub fn upsert(&self, indexes: &Indexes, rows: Vec<Loaded>) {
        if rows.is_empty() {
            return;
        }
        let doc_ids: Vec<String> = rows.iter().map(|loaded| loaded.doc_id.clone()).collect();
        let mut by_kind: Vec<Vec<Loaded>> = self.kinds.iter().map(|_| Vec::new()).collect();
        for loaded in rows {
            if let Some(slot) = self
                .kinds
                .iter()
                .position(|k| k.prefix() == loaded.prefix())
            {
                by_kind[slot].push(loaded);
            }
        }
        let mut changed = Vec::new();
        for (kind, rows) in self.kinds.iter().zip(by_kind) {
            if !rows.is_empty() {
                changed.push(kind.prefix());
                kind.upsert(indexes, rows);
            }
        }
        let doc_ids: Vec<&str> = doc_ids.iter().map(String::as_str).collect();
        indexes.kinds_changed(&changed, &doc_ids);
    }

    /// Loads every index from its projections (when a workspace opens).
    pub(crate) fn load_indexes(&self, tree: &dyn Tree) -> Result<Indexes, StoreError> {
        Indexes::load(&self.indexes, tree)
    }

    /// Rewrites every projection of every kind from the documents (after a projection format
    /// change). Returns how many documents it read. A rebuild cut off is done again at the
    /// next open: the projection version is written only after it.
    /// Open conflicts are found again in every document on the way (their record's format
    /// may have changed with the projections').
    pub fn rebuild(&self, tree: &dyn Tree) -> Result<usize, StoreError> {
        let mut count = 0;
        let mut clear = Batch::default();
        tree.for_each_prefix(b"y/conflict/", &mut |key, _| {
            clear.delete(key.to_vec());
            Ok(())
        })?;
        tree.apply(clear)?;
        for kind in &self.kinds {
            let mut clear = Batch::default();
            kind.clear_projections(tree, &mut clear)?;
            tree.apply(clear)?;
            let mut rows = Vec::new();
            let mut batch = Batch::default();
            for doc_id in crate::store::docs::doc_ids_of_kind(tree, kind.prefix())? {
                if let Some(mut stored) = crate::store::docs::load(tree, &doc_id)? {
                    let open = super::conflicts::detect(&mut stored.doc, kind.editable());
                    if !open.is_empty() {
                        super::conflicts::put(&mut batch, &doc_id, &open);
                    }
                    rows.push(kind.read(&mut stored.doc, &doc_id)?);
                }
            }
            count += rows.len();
            let refs: Vec<&Loaded> = rows.iter().collect();
            kind.put_projections(tree, &mut batch, &refs)?;
            tree.apply(batch)?;
        }
        tree.flush()?;
        Ok(count)
    }
}
