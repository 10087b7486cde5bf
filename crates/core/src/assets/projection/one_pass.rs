//! The asset, its life and its files read from one walk over the document, for reading many
//! documents at once: a first sync lists every asset it receives.
//!
//! autosurgeon looks each field up in the document on its own: the row and the files of a
//! synced asset took 50–70 µs that way (release build, 2-core machine). Automerge's own
//! `hydrate` walks the document once but copies every key and value (20–29 µs for the walk);
//! this walk borrows them (15–16 µs), and the row and files take 15–20 µs.
//!
//! Every reader here accepts exactly what autosurgeon's `Hydrate` for the same type accepts
//! and reads it to the same value; for anything else (a missing field, a value of another
//! type, text where a string was written) it gives `None`, and the caller reads the document
//! through autosurgeon instead, which gives the same value or its error. Both read the
//! winning value of a field with concurrent values. The tests below compare the two on assets
//! of every shape, damaged ones and ones from a newer schema included.

use std::borrow::Cow;
use std::collections::BTreeMap;

use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, ScalarValueRef, ValueRef};

use crate::assets::attachments::Attachment;
use crate::assets::life::{
    AssetLife, AssigneeKind, Assignment, Condition, Disposal, DisposalStage, MaintenanceKind,
    MaintenanceRecord, Return, Wipe, WipeMethod,
};
use crate::assets::model::{
    Asset, AssetStatus, AssetType, Currency, Date, Location, Money, ASSET_STATUSES, ASSET_TYPES,
    CURRENCIES,
};
use crate::ids::AssetId;

/// A document's content as one walk reads it: scalars borrowed from the document, a map's
/// winning values in key order, a list's items in order. Text is not read: no field of an
/// asset is text, and autosurgeon refuses text wherever one is expected.
pub(super) enum Node<'a> {
    Scalar(ScalarValueRef<'a>),
    Map(Vec<(Cow<'a, str>, Node<'a>)>),
    List(Vec<Node<'a>>),
    Text,
}

type Map<'a> = [(Cow<'a, str>, Node<'a>)];

/// The whole document, read in one walk.
pub(super) fn read(doc: &AutoCommit) -> Node<'_> {
    read_object(doc, &automerge::ROOT, ObjType::Map)
}

fn read_object<'a>(doc: &'a AutoCommit, obj: &ObjId, kind: ObjType) -> Node<'a> {
    let node = |doc: &'a AutoCommit, value: ValueRef<'a>, id: &dyn Fn() -> ObjId| match value {
        ValueRef::Scalar(scalar) => Node::Scalar(scalar),
        ValueRef::Object(kind) => read_object(doc, &id(), kind),
    };
    match kind {
        // autosurgeon reads a table as a map, and so does this.
        ObjType::Map | ObjType::Table => Node::Map(
            doc.map_range(obj, ..)
                .map(|item| {
                    let value = node(doc, item.value.clone(), &|| item.id());
                    (item.key, value)
                })
                .collect(),
        ),
        ObjType::List => Node::List(
            doc.list_range(obj, ..)
                .map(|item| node(doc, item.value.clone(), &|| item.id()))
                .collect(),
        ),
        ObjType::Text => Node::Text,
    }
}

fn get<'n, 'a>(map: &'n Map<'a>, key: &str) -> Option<&'n Node<'a>> {
    map.iter()
        .find(|(name, _)| name.as_ref() == key)
        .map(|(_, node)| node)
}

/// A type read from a [`Node`] as autosurgeon hydrates it; `value` is `None` when the key is
/// not in its map.
trait FromNode: Sized {
    fn from_node(value: Option<&Node>) -> Option<Self>;
}

/// The string of a `Str` scalar: what every `hydrate_string` reads.
fn string_of<'n>(value: Option<&'n Node>) -> Option<&'n str> {
    match value {
        Some(Node::Scalar(ScalarValueRef::Str(text))) => Some(text),
        _ => None,
    }
}

fn map_of<'n, 'a>(value: Option<&'n Node<'a>>) -> Option<&'n Map<'a>> {
    match value {
        Some(Node::Map(map)) => Some(map),
        _ => None,
    }
}

/// A struct field: autosurgeon's `hydrate_prop(doc, obj, key)`.
fn field<T: FromNode>(map: &Map, key: &str) -> Option<T> {
    T::from_node(get(map, key))
}

/// A field declared `#[autosurgeon(missing = "Default::default")]`.
fn field_or_default<T: FromNode + Default>(map: &Map, key: &str) -> Option<T> {
    match get(map, key) {
        None => Some(T::default()),
        present => T::from_node(present),
    }
}

impl FromNode for String {
    fn from_node(value: Option<&Node>) -> Option<String> {
        string_of(value).map(str::to_owned)
    }
}

impl FromNode for Date {
    fn from_node(value: Option<&Node>) -> Option<Date> {
        string_of(value).map(|text| Date(text.to_owned()))
    }
}

impl FromNode for AssetId {
    fn from_node(value: Option<&Node>) -> Option<AssetId> {
        string_of(value)?.parse().ok()
    }
}

impl FromNode for u32 {
    fn from_node(value: Option<&Node>) -> Option<u32> {
        match value {
            Some(Node::Scalar(ScalarValueRef::Uint(number))) => u32::try_from(*number).ok(),
            _ => None,
        }
    }
}

impl FromNode for u64 {
    fn from_node(value: Option<&Node>) -> Option<u64> {
        match value {
            Some(Node::Scalar(ScalarValueRef::Uint(number))) => Some(*number),
            _ => None,
        }
    }
}

impl FromNode for i64 {
    fn from_node(value: Option<&Node>) -> Option<i64> {
        match value {
            Some(Node::Scalar(ScalarValueRef::Int(number))) => Some(*number),
            _ => None,
        }
    }
}

impl FromNode for f64 {
    fn from_node(value: Option<&Node>) -> Option<f64> {
        match value {
            Some(Node::Scalar(ScalarValueRef::F64(number))) => Some(*number),
            _ => None,
        }
    }
}

impl FromNode for bool {
    fn from_node(value: Option<&Node>) -> Option<bool> {
        match value {
            Some(Node::Scalar(ScalarValueRef::Boolean(flag))) => Some(*flag),
            _ => None,
        }
    }
}

/// autosurgeon's `Option<T>`: null is `None`, a missing key is an error.
impl<T: FromNode> FromNode for Option<T> {
    fn from_node(value: Option<&Node>) -> Option<Option<T>> {
        match value {
            None => None,
            Some(Node::Scalar(ScalarValueRef::Null)) => Some(None),
            present => T::from_node(present).map(Some),
        }
    }
}

impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(value: Option<&Node>) -> Option<Vec<T>> {
        match value {
            Some(Node::List(items)) => items.iter().map(|item| T::from_node(Some(item))).collect(),
            _ => None,
        }
    }
}

impl<T: FromNode> FromNode for BTreeMap<String, T> {
    fn from_node(value: Option<&Node>) -> Option<BTreeMap<String, T>> {
        map_of(value)?
            .iter()
            .map(|(key, item)| Some((key.to_string(), T::from_node(Some(item))?)))
            .collect()
    }
}

/// Unit enums: autosurgeon's derive reads the variant's (renamed) name, exactly.
macro_rules! from_code {
    ($name:ty, $codes:expr) => {
        impl FromNode for $name {
            fn from_node(value: Option<&Node>) -> Option<$name> {
                let text = string_of(value)?;
                $codes
                    .find(|(_, code)| *code == text)
                    .map(|(value, _)| value)
            }
        }
    };
}

from_code!(AssetType, ASSET_TYPES.entries.iter().map(|e| (e.0, e.1)));
from_code!(
    AssetStatus,
    ASSET_STATUSES.entries.iter().map(|e| (e.0, e.1))
);
from_code!(Currency, CURRENCIES.entries.iter().map(|e| (e.0, e.1)));
from_code!(
    AssigneeKind,
    AssigneeKind::ALL.iter().map(|v| (*v, v.code()))
);
from_code!(Condition, Condition::ALL.iter().map(|v| (*v, v.code())));
from_code!(
    MaintenanceKind,
    MaintenanceKind::ALL.iter().map(|v| (*v, v.code()))
);
from_code!(WipeMethod, WipeMethod::ALL.iter().map(|v| (*v, v.code())));
from_code!(
    DisposalStage,
    DisposalStage::ALL.iter().map(|v| (*v, v.code()))
);

impl FromNode for Money {
    fn from_node(value: Option<&Node>) -> Option<Money> {
        let map = map_of(value)?;
        Some(Money {
            amount_minor: field(map, "amount_minor")?,
            currency: field(map, "currency")?,
        })
    }
}

impl FromNode for Location {
    fn from_node(value: Option<&Node>) -> Option<Location> {
        let map = map_of(value)?;
        Some(Location {
            site: field(map, "site")?,
            room: field(map, "room")?,
            row: field(map, "row")?,
            rack: field(map, "rack")?,
            unit: field(map, "unit")?,
        })
    }
}

impl FromNode for Asset {
    fn from_node(value: Option<&Node>) -> Option<Asset> {
        let map = map_of(value)?;
        Some(Asset {
            id: field(map, "id")?,
            asset_tag: field(map, "asset_tag")?,
            asset_type: field(map, "asset_type")?,
            manufacturer: field(map, "manufacturer")?,
            model: field(map, "model")?,
            serial: field(map, "serial")?,
            purchase_date: field(map, "purchase_date")?,
            cost: field(map, "cost")?,
            warranty_end: field(map, "warranty_end")?,
            status: field(map, "status")?,
            location: field(map, "location")?,
            owner: field(map, "owner")?,
            notes: field(map, "notes")?,
            tags: field(map, "tags")?,
        })
    }
}

impl FromNode for Return {
    fn from_node(value: Option<&Node>) -> Option<Return> {
        let map = map_of(value)?;
        Some(Return {
            on: field(map, "on")?,
            condition: field(map, "condition")?,
            note: field(map, "note")?,
            by: field(map, "by")?,
        })
    }
}

impl FromNode for Assignment {
    fn from_node(value: Option<&Node>) -> Option<Assignment> {
        let map = map_of(value)?;
        Some(Assignment {
            kind: field(map, "kind")?,
            assignee: field(map, "assignee")?,
            from: field(map, "from")?,
            due: field(map, "due")?,
            note: field(map, "note")?,
            by: field(map, "by")?,
            status_before: field(map, "status_before")?,
            returned: field(map, "returned")?,
        })
    }
}

impl FromNode for MaintenanceRecord {
    fn from_node(value: Option<&Node>) -> Option<MaintenanceRecord> {
        let map = map_of(value)?;
        Some(MaintenanceRecord {
            kind: field(map, "kind")?,
            on: field(map, "on")?,
            finished: field(map, "finished")?,
            vendor: field(map, "vendor")?,
            cost: field(map, "cost")?,
            downtime_hours: field(map, "downtime_hours")?,
            notes: field(map, "notes")?,
            attachments: field(map, "attachments")?,
            plan: field(map, "plan")?,
            by: field(map, "by")?,
            status_before: field(map, "status_before")?,
        })
    }
}

impl FromNode for Wipe {
    fn from_node(value: Option<&Node>) -> Option<Wipe> {
        let map = map_of(value)?;
        Some(Wipe {
            method: field(map, "method")?,
            tool: field(map, "tool")?,
            on: field(map, "on")?,
            wiped_by: field(map, "wiped_by")?,
            verified_by: field(map, "verified_by")?,
            certificate: field(map, "certificate")?,
            attachment: field(map, "attachment")?,
            attachment_name: field_or_default(map, "attachment_name")?,
            wiped_by_account: field_or_default(map, "wiped_by_account")?,
            verified_by_account: field_or_default(map, "verified_by_account")?,
            verification: field_or_default(map, "verification")?,
        })
    }
}

impl FromNode for Disposal {
    fn from_node(value: Option<&Node>) -> Option<Disposal> {
        let map = map_of(value)?;
        Some(Disposal {
            stage: field(map, "stage")?,
            reason: field(map, "reason")?,
            requested_by: field(map, "requested_by")?,
            requested_on: field(map, "requested_on")?,
            decided_by: field(map, "decided_by")?,
            decided_on: field(map, "decided_on")?,
            decision_note: field(map, "decision_note")?,
            wipe: field(map, "wipe")?,
            disposed_on: field(map, "disposed_on")?,
            vendor: field(map, "vendor")?,
            batch: field(map, "batch")?,
            status_before: field(map, "status_before")?,
            requested_by_account: field_or_default(map, "requested_by_account")?,
            decision: field_or_default(map, "decision")?,
        })
    }
}

impl FromNode for AssetLife {
    fn from_node(value: Option<&Node>) -> Option<AssetLife> {
        let map = map_of(value)?;
        Some(AssetLife {
            assignments: field_or_default(map, "assignments")?,
            maintenance: field_or_default(map, "maintenance")?,
            disposal: field_or_default(map, "disposal")?,
            holds_data: field_or_default(map, "holds_data")?,
        })
    }
}

impl FromNode for Attachment {
    fn from_node(value: Option<&Node>) -> Option<Attachment> {
        let map = map_of(value)?;
        Some(Attachment {
            sha256: field(map, "sha256")?,
            name: field(map, "name")?,
            size: field(map, "size")?,
            mime: field(map, "mime")?,
            added_at_ms: field(map, "added_at_ms")?,
            added_by: field(map, "added_by")?,
        })
    }
}

/// The asset under the document's `asset` key, as `projection::hydrate` reads it; `None`
/// when only autosurgeon can say (see the module's comment).
pub(super) fn asset(root: &Node) -> Option<Asset> {
    Asset::from_node(get(map_of(Some(root))?, "asset"))
}

/// The asset's life, as `projection::hydrate_life` reads it (no `life` key, or one holding
/// only empty record maps, is an empty life); `None` when only autosurgeon can say.
pub(super) fn life(root: &Node) -> Option<AssetLife> {
    match get(map_of(Some(root))?, "life") {
        None => Some(AssetLife::default()),
        Some(Node::Map(map)) if is_empty_life(map)? => Some(AssetLife::default()),
        present => AssetLife::from_node(present),
    }
}

/// The files the document names, as `attachments::blob_hashes` lists them, given the life
/// read from the same document; `None` when only autosurgeon can say.
pub(super) fn files(root: &Node, life: &AssetLife) -> Option<Vec<String>> {
    // `attachments::list`: a list of attachments, and nothing for any other value.
    let attached = match get(map_of(Some(root))?, "attachments") {
        Some(list @ Node::List(_)) => Vec::<Attachment>::from_node(Some(list))?,
        _ => Vec::new(),
    };
    let hashes = attached.into_iter().map(|attachment| attachment.sha256);
    Some(hashes.chain(life.blob_hashes()).collect())
}

/// `projection::is_empty_life` on the map as read; `None` for a text object, whose length
/// this walk does not read.
fn is_empty_life(life: &Map) -> Option<bool> {
    let mut empty = true;
    for (_, node) in life {
        empty &= match node {
            Node::Map(map) => map.is_empty(),
            Node::List(items) => items.is_empty(),
            Node::Text => return None,
            Node::Scalar(scalar) => matches!(scalar, ScalarValueRef::Null),
        };
    }
    Some(empty)
}

#[cfg(test)]
mod tests;
