//! Concurrent edits of the same field, in any kind's document. Automerge keeps every
//! concurrent value and picks one the same way on every device; we show them all, with who
//! set each and when, so a person decides, and the decision is one more change that
//! replaces all of them.
//!
//! Which parts of a document hold editable fields is the kind's declaration
//! (`Kind::EDITABLE`); a conflict's path starts with that root key (`asset.status`,
//! `rack.placements.01H….label`). Open conflicts are kept per document under
//! `y/conflict/{doc id}` and listed in the findings inbox.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stamp::ChangeMessage;
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// One field of a document with several concurrent values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldConflict {
    /// Path from the document's root: the editable root, then map keys
    /// (`asset.status`, `asset.location.rack`, `rack.placements.01H….label`).
    pub path: String,
    /// Every concurrent value, in Automerge's order; the first is the one shown.
    pub values: Vec<ConflictValue>,
}

/// One of the concurrent values of a field, with who set it and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConflictValue {
    /// The value as text (a map or list as its items).
    pub text: String,
    /// The author of the change that set it.
    pub author: String,
    #[ts(type = "number")]
    pub at_ms: i64,
}

fn scalar_text(value: &ScalarValue) -> String {
    match value {
        ScalarValue::Str(text) => text.to_string(),
        ScalarValue::Null => String::new(),
        other => other.to_string(),
    }
}

/// The scalar entries of a map object, in key order.
fn map_scalars(doc: &AutoCommit, id: &ObjId) -> Vec<(String, ScalarValue)> {
    doc.keys(id)
        .filter_map(|key| match doc.get(id, key.as_str()) {
            Ok(Some((Value::Scalar(s), _))) => Some((key, s.into_owned())),
            _ => None,
        })
        .collect()
}

fn value_text(doc: &AutoCommit, value: &Value<'_>, id: &ObjId) -> String {
    match value {
        Value::Scalar(scalar) => scalar_text(scalar),
        Value::Object(ObjType::Map) => map_scalars(doc, id)
            .iter()
            .map(|(key, value)| format!("{key}: {}", scalar_text(value)))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(ObjType::List) => list_scalars(doc, id)
            .iter()
            .map(scalar_text)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => String::new(),
    }
}

/// The scalar items of a list object, in order.
fn list_scalars(doc: &AutoCommit, id: &ObjId) -> Vec<ScalarValue> {
    (0..doc.length(id))
        .filter_map(|index| match doc.get(id, index) {
            Ok(Some((Value::Scalar(s), _))) => Some(s.into_owned()),
            _ => None,
        })
        .collect()
}

/// Who set a value: the author and time of the change holding the op that wrote it.
fn setter(changes: &[(automerge::ActorId, u64, u64, i64, String)], id: &ObjId) -> (String, i64) {
    if let ObjId::Id(counter, actor, _) = id {
        if let Some((_, _, _, at, author)) = changes
            .iter()
            .find(|(a, start, max, _, _)| a == actor && *start <= *counter && *counter <= *max)
        {
            return (author.clone(), *at);
        }
    }
    (String::new(), 0)
}

/// Every conflicted field under the document's `roots` (maps at any depth; list items and
/// text are not fields people edit one by one).
pub fn detect(doc: &mut AutoCommit, roots: &[&str]) -> Vec<FieldConflict> {
    if roots.is_empty() {
        return Vec::new();
    }
    // Concurrent values need concurrent changes. Most documents' histories are one chain
    // (one writer, or several taking turns with syncs between), and reading the change
    // metadata is far cheaper than reading every field.
    let metas = doc.get_changes_meta(&[]);
    let chain = metas.iter().enumerate().all(|(n, change)| match n {
        0 => change.deps.is_empty(),
        _ => change.deps.len() == 1 && change.deps[0] == metas[n - 1].hash,
    });
    if chain {
        return Vec::new();
    }
    drop(metas);
    let mut found = Vec::new();
    for root in roots {
        let values = doc.get_all(automerge::ROOT, *root).unwrap_or_default();
        if values.len() > 1 {
            found.push(Raw::of(doc, root.to_string(), &values));
        } else if let Some((Value::Object(ObjType::Map), id)) = values.first() {
            collect(doc, id, root, &mut found);
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    // Who set each value: only now, for the few documents that have a conflict.
    let changes: Vec<(automerge::ActorId, u64, u64, i64, String)> = doc
        .get_changes_meta(&[])
        .iter()
        .map(|m| {
            (
                m.actor.clone().into_owned(),
                m.start_op,
                m.max_op,
                m.timestamp,
                ChangeMessage::decode(m.message.as_deref()).author.name,
            )
        })
        .collect();
    found
        .into_iter()
        .map(|raw| FieldConflict {
            path: raw.path,
            values: raw
                .values
                .into_iter()
                .map(|(text, id)| {
                    let (author, at_ms) = setter(&changes, &id);
                    ConflictValue {
                        text,
                        author,
                        at_ms,
                    }
                })
                .collect(),
        })
        .collect()
}

/// A conflicted field as found: its path and each value with the op that set it.
struct Raw {
    path: String,
    values: Vec<(String, ObjId)>,
}

impl Raw {
    fn of(doc: &AutoCommit, path: String, values: &[(Value<'_>, ObjId)]) -> Raw {
        Raw {
            path,
            values: values
                .iter()
                .map(|(v, id)| (value_text(doc, v, id), id.clone()))
                .collect(),
        }
    }
}

fn collect(doc: &AutoCommit, obj: &ObjId, prefix: &str, found: &mut Vec<Raw>) {
    for key in doc.keys(obj) {
        let path = format!("{prefix}.{key}");
        let Ok(values) = doc.get_all(obj, key.as_str()) else {
            continue;
        };
        if values.len() > 1 {
            found.push(Raw::of(doc, path, &values));
        } else if let Some((Value::Object(ObjType::Map), id)) = values.first() {
            collect(doc, id, &path, found);
        }
    }
}

/// Replaces the concurrent values at `path` by the one at `choice`. Returns `false` when the
/// path is not (or no longer) conflicted or the choice is out of range.
pub fn resolve(
    doc: &mut AutoCommit,
    path: &str,
    choice: usize,
) -> Result<bool, automerge::AutomergeError> {
    let mut parent = automerge::ROOT;
    let mut parts: Vec<&str> = path.split('.').collect();
    let Some(last) = parts.pop() else {
        return Ok(false);
    };
    for part in parts {
        match doc.get(&parent, part)? {
            Some((Value::Object(ObjType::Map), id)) => parent = id,
            _ => return Ok(false),
        }
    }
    let values = doc.get_all(&parent, last)?;
    if values.len() < 2 {
        return Ok(false);
    }
    let Some((value, id)) = values.get(choice).cloned() else {
        return Ok(false);
    };
    match value {
        Value::Scalar(scalar) => doc.put(&parent, last, scalar.into_owned())?,
        Value::Object(ObjType::Map) => {
            let entries = map_scalars(doc, &id);
            let map = doc.put_object(&parent, last, ObjType::Map)?;
            for (key, value) in entries {
                doc.put(&map, key, value)?;
            }
        }
        Value::Object(ObjType::List) => {
            let items = list_scalars(doc, &id);
            let list = doc.put_object(&parent, last, ObjType::List)?;
            for (index, item) in items.into_iter().enumerate() {
                doc.insert(&list, index, item)?;
            }
        }
        Value::Object(_) => return Ok(false),
    }
    Ok(true)
}

fn key(doc_id: &str) -> Vec<u8> {
    format!("y/conflict/{doc_id}").into_bytes()
}

/// Records a document's open conflicts (or that it has none) in `batch`.
pub fn put(batch: &mut Batch, doc_id: &str, found: &[FieldConflict]) {
    if found.is_empty() {
        batch.delete(key(doc_id));
    } else {
        batch.put(
            key(doc_id),
            postcard::to_allocvec(found).unwrap_or_default(),
        );
    }
}

/// Whether a document has open conflicts on record.
pub fn recorded(tree: &dyn Tree, doc_id: &str) -> Result<bool, StoreError> {
    Ok(tree.get(&key(doc_id))?.is_some())
}

/// Every document's open conflicts, in document id order.
pub fn all(tree: &dyn Tree) -> Result<Vec<(String, Vec<FieldConflict>)>, StoreError> {
    let mut list = Vec::new();
    tree.for_each_prefix(b"y/conflict/", &mut |k, value| {
        let doc_id = String::from_utf8_lossy(&k[11..]).into_owned();
        let found: Vec<FieldConflict> =
            postcard::from_bytes(value).map_err(|error| StoreError::DamagedRecord {
                what: format!("conflicts of {doc_id}"),
                reason: error.to_string(),
            })?;
        list.push((doc_id, found));
        Ok(())
    })?;
    Ok(list)
}
