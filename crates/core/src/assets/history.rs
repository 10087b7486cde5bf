//! An asset's change history, read from its Automerge document: for each change, who made it,
//! when, and which fields went from what to what.

use automerge::{AutoCommit, ChangeHash};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::AssetField;
use super::model::Asset;
use super::projection;
use crate::stamp::{Author, ChangeMessage};
use crate::store::StoreError;
use crate::sync::{AuthorCheck, ChangeAuthors};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: AssetField,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub at_ms: i64,
    pub author: Author,
    /// Whether the author is the account the team server took the change from.
    pub author_check: AuthorCheck,
    /// `register`, `edit`, `import`, `demo` or `migrate`.
    pub op: String,
    pub changes: Vec<FieldChange>,
}

/// Every change of the document, newest first. Each entry compares the asset as the change
/// found it (its dependencies) with the asset the change left.
pub fn history(
    doc: &mut AutoCommit,
    doc_id: &str,
    authors: &ChangeAuthors,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let changes = doc.get_changes(&[]);
    let mut entries = Vec::with_capacity(changes.len());
    // In a linear history each change's "before" is the previous change's "after": keep the
    // last state so every state is built once.
    let mut last: Option<(ChangeHash, Option<Asset>)> = None;
    for change in &changes {
        let before = match (&last, change.deps()) {
            (Some((hash, asset)), [dep]) if hash == dep => asset.clone(),
            _ => asset_at(doc, change.deps(), doc_id)?,
        };
        let after = asset_at(doc, &[change.hash()], doc_id)?;
        let message = ChangeMessage::decode(change.message());
        entries.push(HistoryEntry {
            at_ms: change.timestamp(),
            author_check: authors.judge(&change.hash(), &message),
            author: message.author,
            op: message.op,
            changes: diff(before.as_ref(), after.as_ref()),
        });
        last = Some((change.hash(), after));
    }
    entries.reverse();
    Ok(entries)
}

fn asset_at(
    doc: &mut AutoCommit,
    heads: &[ChangeHash],
    doc_id: &str,
) -> Result<Option<Asset>, StoreError> {
    if heads.is_empty() {
        return Ok(None);
    }
    let damaged = |error: automerge::AutomergeError| StoreError::DamagedDocument {
        doc_id: doc_id.to_owned(),
        reason: error.to_string(),
    };
    let past = doc.fork_at(heads).map_err(damaged)?;
    // A state before the asset map existed (e.g. a schema-only first change) reads as no asset.
    Ok(projection::hydrate(&past, doc_id).ok())
}

/// The fields whose text differs between two versions of an asset.
pub fn diff(before: Option<&Asset>, after: Option<&Asset>) -> Vec<FieldChange> {
    AssetField::ALL
        .into_iter()
        .filter_map(|field| {
            let before = before.map(|asset| field.text(asset)).unwrap_or_default();
            let after = after.map(|asset| field.text(asset)).unwrap_or_default();
            (before != after).then_some(FieldChange {
                field,
                before,
                after,
            })
        })
        .collect()
}
