//! The standard layout of a record kind whose row is the aggregate itself (a site, a rack, a
//! cable, a plan, …): its document holds `schema`, `kind` and the aggregate under its kind,
//! mapped with autosurgeon, and its projection is one value per record
//! (`p/{kind}/{id}`, postcard of the aggregate), so that opening a workspace reads the
//! aggregates without Automerge.

use automerge::AutoCommit;
use autosurgeon::{Hydrate, Reconcile};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Kind;
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// A kind in the standard layout.
pub trait Aggregate:
    Kind<Row = Self> + Reconcile + Hydrate + Serialize + DeserializeOwned + Clone
{
    /// The id part of its document id.
    fn id_text(&self) -> String;

    fn doc_id(&self) -> String {
        format!("{}/{}", Self::PREFIX, self.id_text())
    }
}

pub(crate) fn damaged(doc_id: &str, error: impl ToString) -> StoreError {
    StoreError::DamagedDocument {
        doc_id: doc_id.to_owned(),
        reason: error.to_string(),
    }
}

/// Writes `value` into `doc` under its kind (new or existing document); the caller commits.
pub fn reconcile<T: Aggregate>(doc: &mut AutoCommit, value: &T) -> Result<(), StoreError> {
    let doc_id = value.doc_id();
    // Only what differs is written: a conflict in a field this change leaves alone stays.
    super::reconcile::reconcile_prop(doc, automerge::ROOT, "schema", T::SCHEMA)
        .map_err(|e| damaged(&doc_id, e))?;
    super::reconcile::reconcile_prop(doc, automerge::ROOT, "kind", T::PREFIX)
        .map_err(|e| damaged(&doc_id, e))?;
    super::reconcile::reconcile_prop(doc, automerge::ROOT, T::PREFIX, value)
        .map_err(|e| damaged(&doc_id, e))
}

/// The root of an aggregate's document: `schema`, `kind` and the aggregate under its kind,
/// what [`reconcile`] writes key by key.
struct Root<'a, T>(&'a T);

impl<T: Aggregate> Reconcile for Root<'_, T> {
    type Key<'k> = autosurgeon::reconcile::NoKey;

    fn reconcile<R: autosurgeon::Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
        use autosurgeon::reconcile::MapReconciler;
        let mut root = reconciler.map()?;
        root.put("schema", T::SCHEMA)?;
        root.put("kind", T::PREFIX)?;
        root.put(T::PREFIX, self.0)?;
        Ok(())
    }
}

/// The bytes of a new aggregate's document, as the one change of `actor` (see
/// `store::new_doc`): what [`reconcile`] into an empty document and a commit with `time` and
/// `message` would save. `None` when the aggregate needs the op-by-op path.
pub fn new_document<T: Aggregate>(
    value: &T,
    actor: &automerge::ActorId,
    time: i64,
    message: String,
) -> Result<Option<Vec<u8>>, StoreError> {
    crate::store::new_doc::first_change(Root(value), actor, time, message)
        .map_err(|e| damaged(&value.doc_id(), e))
}

/// Reads the aggregate out of its document.
pub fn hydrate<T: Aggregate>(doc: &AutoCommit, doc_id: &str) -> Result<T, StoreError> {
    autosurgeon::hydrate_prop(doc, automerge::ROOT, T::PREFIX).map_err(|e| damaged(doc_id, e))
}

/// Where one record's projection lives.
pub fn projection_key(prefix: &str, id_text: &str) -> Vec<u8> {
    format!("p/{prefix}/{id_text}").into_bytes()
}

/// Puts the aggregates' projections into `batch`.
pub fn put_projections<T: Aggregate>(batch: &mut Batch, values: &[&T]) {
    for value in values {
        batch.put(
            projection_key(T::PREFIX, &value.id_text()),
            postcard::to_allocvec(*value).unwrap_or_default(),
        );
    }
}

/// Every stored projection of one kind.
pub fn load_projections<T: Aggregate>(tree: &dyn Tree) -> Result<Vec<T>, StoreError> {
    load_values(tree, T::PREFIX)
}

/// Every stored projection value under `p/{prefix}/`, decoded.
pub fn load_values<V: DeserializeOwned>(
    tree: &dyn Tree,
    prefix: &str,
) -> Result<Vec<V>, StoreError> {
    let mut list = Vec::new();
    let prefix = format!("p/{prefix}/");
    tree.for_each_prefix(prefix.as_bytes(), &mut |key, value| {
        let value = postcard::from_bytes(value).map_err(|error| StoreError::DamagedRecord {
            what: String::from_utf8_lossy(key).into_owned(),
            reason: error.to_string(),
        })?;
        list.push(value);
        Ok(())
    })?;
    Ok(list)
}

/// Adds the deletion of every projection under `p/{prefix}/` to `batch`.
pub fn clear_projections(
    tree: &dyn Tree,
    batch: &mut Batch,
    prefix: &str,
) -> Result<(), StoreError> {
    tree.for_each_prefix(format!("p/{prefix}/").as_bytes(), &mut |key, _| {
        batch.delete(key.to_vec());
        Ok(())
    })
}
