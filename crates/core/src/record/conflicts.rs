//! Concurrent edits of the same field. Automerge keeps every concurrent value and picks one
//! the same way on every device; we show the others so a person decides, and the decision is
//! one more change that replaces all of them.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::AssetField;

/// One field of a document with several concurrent values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldConflict {
    /// Path in the asset, e.g. `status` or `location.rack`.
    pub path: String,
    /// The asset field it shows as, where there is one.
    pub field: Option<AssetField>,
    /// Every concurrent value, as text, in Automerge's order; the first is the one shown.
    pub values: Vec<String>,
}

fn field_of(path: &str) -> Option<AssetField> {
    let code = match path {
        "cost" | "cost.amount_minor" => "cost",
        "cost.currency" => "currency",
        other => other.strip_prefix("location.").unwrap_or(other),
    };
    AssetField::ALL.into_iter().find(|f| f.code() == code)
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

fn asset_object(doc: &AutoCommit) -> Option<ObjId> {
    match doc.get(automerge::ROOT, "asset") {
        Ok(Some((Value::Object(ObjType::Map), id))) => Some(id),
        _ => None,
    }
}

/// Every conflicted field of an asset document (top level and one map deep).
pub fn detect(doc: &mut AutoCommit) -> Vec<FieldConflict> {
    // Concurrent values need two writers: one actor's changes always follow each other. Most
    // documents have a single writer, and reading their change metadata is far cheaper than
    // reading every field.
    let changes = doc.get_changes_meta(&[]);
    if changes
        .windows(2)
        .all(|pair| pair[0].actor == pair[1].actor)
    {
        return Vec::new();
    }
    let Some(asset) = asset_object(doc) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    collect(doc, &asset, "", &mut found);
    found
}

fn collect(doc: &AutoCommit, obj: &ObjId, prefix: &str, found: &mut Vec<FieldConflict>) {
    for key in doc.keys(obj) {
        let path = format!("{prefix}{key}");
        let Ok(values) = doc.get_all(obj, key.as_str()) else {
            continue;
        };
        if values.len() > 1 {
            found.push(FieldConflict {
                field: field_of(&path),
                values: values
                    .iter()
                    .map(|(v, id)| value_text(doc, v, id))
                    .collect(),
                path,
            });
        } else if let Some((Value::Object(ObjType::Map), id)) = values.first() {
            if prefix.is_empty() {
                collect(doc, id, &format!("{path}."), found);
            }
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
    let Some(mut parent) = asset_object(doc) else {
        return Ok(false);
    };
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
