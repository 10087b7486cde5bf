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
mod tests {
    use std::collections::BTreeMap;

    use automerge::transaction::Transactable;
    use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, ROOT};
    use proptest::prelude::*;

    use super::super::{hydrate, hydrate_life, row_and_files, row_from_doc_by_fields};
    use crate::assets::attachments::{blob_hashes, Attachment};
    use crate::assets::life::*;
    use crate::assets::model::*;
    use crate::ids::AssetId;
    use crate::stamp::{Author, Stamp};

    const DOC_ID: &str = "asset/01J0000000000000000000TEST";

    fn date(text: &str) -> Date {
        Date(text.into())
    }

    fn full_asset(n: u128) -> Asset {
        Asset {
            id: AssetId(ulid::Ulid(n)),
            asset_tag: format!("PT1-SRV-{n:03}"),
            asset_type: AssetType::Storage,
            manufacturer: "Dell".into(),
            model: "PowerEdge R760".into(),
            serial: format!("SN{n}"),
            purchase_date: Some(date("2024-03-05")),
            cost: Some(Money {
                amount_minor: 18_500_000,
                currency: Currency::KRW,
            }),
            warranty_end: Some(date("2029-03-04")),
            status: AssetStatus::InUse,
            location: Location {
                site: "평택".into(),
                room: "A".into(),
                row: "C열".into(),
                rack: "C-R07".into(),
                unit: Some(12),
            },
            owner: "인프라팀".into(),
            notes: "GPU 노드".into(),
            tags: vec!["gpu".into(), "예비".into()],
        }
    }

    fn assignment(from: &str, returned: bool) -> Assignment {
        Assignment {
            kind: AssigneeKind::Person,
            assignee: "이서연".into(),
            from: date(from),
            due: Some(date("2025-12-31")),
            note: "프로젝트".into(),
            by: "김민준".into(),
            status_before: AssetStatus::InStock,
            returned: returned.then(|| Return {
                on: date("2025-06-01"),
                condition: Condition::Worn,
                note: String::new(),
                by: "김민준".into(),
            }),
        }
    }

    fn maintenance(finished: Option<&str>, cost: i64, plan: Option<&str>) -> MaintenanceRecord {
        MaintenanceRecord {
            kind: MaintenanceKind::Repair,
            on: date("2025-02-01"),
            finished: finished.map(date),
            vendor: "델 서비스".into(),
            cost: Some(Money {
                amount_minor: cost,
                currency: Currency::USD,
            }),
            downtime_hours: Some(3.5),
            notes: "PSU 교체".into(),
            attachments: vec!["ab".repeat(32)],
            plan: plan.map(str::to_owned),
            by: "박지훈".into(),
            status_before: AssetStatus::InUse,
        }
    }

    /// Every kind of lifecycle record, two of some.
    fn busy_life() -> AssetLife {
        AssetLife {
            assignments: BTreeMap::from([
                (
                    "01J0000000000000000000ASG1".into(),
                    assignment("2025-01-02", true),
                ),
                (
                    "01J0000000000000000000ASG2".into(),
                    assignment("2025-07-01", false),
                ),
            ]),
            maintenance: BTreeMap::from([
                (
                    "01J0000000000000000000MNT1".into(),
                    maintenance(Some("2025-02-03"), 12_000, Some("plan-1")),
                ),
                (
                    "01J0000000000000000000MNT2".into(),
                    maintenance(None, 500, None),
                ),
            ]),
            disposal: Some(Disposal {
                stage: DisposalStage::Wiped,
                reason: "노후".into(),
                requested_by: "김민준".into(),
                requested_on: date("2025-08-01"),
                decided_by: "최유나".into(),
                decided_on: Some(date("2025-08-02")),
                decision_note: String::new(),
                wipe: Some(Wipe {
                    method: WipeMethod::Purge,
                    tool: "blkdiscard".into(),
                    on: date("2025-08-03"),
                    wiped_by: "박지훈".into(),
                    verified_by: "최유나".into(),
                    certificate: "W-1".into(),
                    attachment: Some("cd".repeat(32)),
                }),
                disposed_on: None,
                vendor: String::new(),
                batch: "2025-B1".into(),
                status_before: AssetStatus::Retiring,
            }),
            holds_data: Some(false),
        }
    }

    /// A document as the app writes it: the asset with an empty life, then `life` if given.
    fn document(asset: &Asset, life: Option<&AssetLife>) -> AutoCommit {
        let mut doc = crate::assets::new_document(
            asset,
            &Stamp::new(Author::new("김민준", "MJ"), 1_000),
            "register",
        )
        .expect("doc");
        if let Some(life) = life {
            autosurgeon::reconcile_prop(&mut doc, ROOT, "life", life).expect("life");
            let attachments = vec![Attachment {
                sha256: "ef".repeat(32),
                name: "사진.jpg".into(),
                size: 1_024,
                mime: "image/jpeg".into(),
                added_at_ms: 2_000,
                added_by: "김민준".into(),
            }];
            autosurgeon::reconcile_prop(&mut doc, ROOT, "attachments", &attachments)
                .expect("attachments");
            doc.commit();
        }
        doc
    }

    /// The object at `path` from the root, if every step is a map or list there.
    fn object_at(doc: &AutoCommit, path: &[&str]) -> Option<ObjId> {
        let mut obj = ROOT;
        for step in path {
            obj = match doc.get(&obj, *step) {
                Ok(Some((automerge::Value::Object(_), id))) => id,
                _ => return None,
            };
        }
        Some(obj)
    }

    /// The one-pass reading agrees with autosurgeon on `doc`: where it reads a value,
    /// autosurgeon reads the same; where autosurgeon refuses, it reads nothing; the rows (or
    /// errors) are the same. Returns whether the asset and the life were read in one pass.
    fn assert_agrees(doc: &mut AutoCommit) -> (bool, bool) {
        let root = super::read(doc);
        let asset = super::asset(&root);
        match (hydrate(doc, DOC_ID), &asset) {
            (Ok(by_fields), Some(one_pass)) => assert_eq!(&by_fields, one_pass),
            (Err(error), Some(one_pass)) => {
                panic!("autosurgeon refused ({error}) an asset read in one pass: {one_pass:?}")
            }
            (_, None) => {}
        }
        let life = super::life(&root);
        match (hydrate_life(doc, DOC_ID), &life) {
            (Ok(by_fields), Some(one_pass)) => assert_eq!(&by_fields, one_pass),
            (Err(error), Some(one_pass)) => {
                panic!("autosurgeon refused ({error}) a life read in one pass: {one_pass:?}")
            }
            (_, None) => {}
        }
        if let (Some(life), Some(files)) =
            (&life, life.as_ref().and_then(|l| super::files(&root, l)))
        {
            assert_eq!(files, blob_hashes(doc), "files of {life:?}");
        }
        let row = row_and_files(doc, DOC_ID).map_err(|e| e.to_string());
        let by_fields = row_from_doc_by_fields(doc, DOC_ID)
            .map(|row| (row, blob_hashes(doc)))
            .map_err(|e| e.to_string());
        assert_eq!(row, by_fields);
        (asset.is_some(), life.is_some())
    }

    #[test]
    fn assets_as_written_are_read_in_one_pass_to_the_rows_autosurgeon_reads() {
        let mut bare = Asset::blank(AssetId(ulid::Ulid(7)));
        bare.asset_tag = "BARE-1".into();
        let holds_data_only = AssetLife {
            holds_data: Some(true),
            ..AssetLife::default()
        };
        let open_assignment_only = AssetLife {
            assignments: BTreeMap::from([("A".into(), assignment("2025-01-01", false))]),
            ..AssetLife::default()
        };
        let lives = [
            None,
            Some(&holds_data_only),
            Some(&open_assignment_only),
            Some(&busy_life()),
        ];
        for asset in [bare, full_asset(1)] {
            for life in lives {
                let mut doc = document(&asset, life);
                assert_eq!(assert_agrees(&mut doc), (true, true), "{asset:?} {life:?}");
            }
        }
        // A document with no `life` at all (written before lifecycle records existed).
        let mut doc = document(&full_asset(2), None);
        doc.delete(ROOT, "life").expect("delete");
        doc.commit();
        assert_eq!(assert_agrees(&mut doc), (true, true));
        let row = super::super::row_from_doc(&mut doc, DOC_ID).expect("row");
        assert_eq!(
            row.life,
            LifeSummary::of(&AssetLife::default(), AssetType::Storage)
        );
    }

    #[test]
    fn concurrent_values_read_as_the_same_winner() {
        let mut base = document(&full_asset(3), Some(&busy_life()));
        let mut other = base
            .fork()
            .with_actor(automerge::ActorId::from(b"other device"));
        for (doc, who) in [(&mut base, "a"), (&mut other, "b")] {
            let asset = object_at(doc, &["asset"]).expect("asset");
            doc.put(
                &asset,
                "status",
                if who == "a" { "retiring" } else { "missing" },
            )
            .expect("status");
            doc.put(&asset, "notes", format!("note {who}"))
                .expect("notes");
            let location = object_at(doc, &["asset", "location"]).expect("location");
            doc.put(&location, "rack", format!("R-{who}"))
                .expect("rack");
            doc.put(&location, "unit", 30u64 + u64::from(who == "b"))
                .expect("unit");
            let tags = doc.put_object(&asset, "tags", ObjType::List).expect("tags");
            doc.insert(&tags, 0, who).expect("tag");
            let life = object_at(doc, &["life"]).expect("life");
            doc.put(&life, "holds_data", who == "a").expect("holds");
            let record = object_at(doc, &["life", "assignments", "01J0000000000000000000ASG2"])
                .expect("assignment");
            doc.put(&record, "note", who).expect("note");
            doc.commit();
        }
        base.merge(&mut other).expect("merge");
        assert!(!crate::record::conflicts::detect(&mut base, &["asset", "life"]).is_empty());
        assert_eq!(assert_agrees(&mut base), (true, true));
    }

    /// Puts a scalar at `key` of the map at `path`.
    fn put(doc: &mut AutoCommit, path: &[&str], key: &str, value: impl Into<ScalarValue>) {
        let obj = object_at(doc, path).expect("path");
        doc.put(&obj, key, value.into()).expect("put");
    }

    /// Puts a new, empty object at `key` of the map at `path`.
    fn put_object(doc: &mut AutoCommit, path: &[&str], key: &str, kind: ObjType) {
        let obj = object_at(doc, path).expect("path");
        doc.put_object(&obj, key, kind).expect("put object");
    }

    fn delete(doc: &mut AutoCommit, path: &[&str], key: &str) {
        let obj = object_at(doc, path).expect("path");
        doc.delete(&obj, key).expect("delete");
    }

    /// Inserts a scalar at `index` of the list at `path`.
    fn insert(doc: &mut AutoCommit, path: &[&str], index: usize, value: impl Into<ScalarValue>) {
        let list = object_at(doc, path).expect("path");
        doc.insert(&list, index, value.into()).expect("insert");
    }

    /// One change to a well-formed document with an empty or a busy life.
    type Change = fn(&mut AutoCommit);

    fn changed(life: Option<&AssetLife>, change: Change) -> AutoCommit {
        let mut doc = document(&full_asset(4), life);
        change(&mut doc);
        doc.commit();
        doc
    }

    const ASG1: &str = "01J0000000000000000000ASG1";
    const MNT1: &str = "01J0000000000000000000MNT1";
    const MNT2: &str = "01J0000000000000000000MNT2";

    #[test]
    #[rustfmt::skip]
    fn missing_unknown_and_wrong_fields_and_newer_schemas_read_as_autosurgeon_reads_them() {
        // (what, change, whether the asset and the life are read in one pass)
        let cases: Vec<(&str, Change, (bool, bool))> = vec![
            ("no notes", |d| delete(d, &["asset"], "notes"), (false, true)),
            ("no unit", |d| delete(d, &["asset", "location"], "unit"), (false, true)),
            ("no asset", |d| delete(d, &[], "asset"), (false, true)),
            ("asset is a string", |d| put(d, &[], "asset", "text"), (false, true)),
            ("unknown asset field", |d| put(d, &["asset"], "rfid", "E200"), (true, true)),
            ("unknown root field", |d| put_object(d, &[], "photos", ObjType::List), (true, true)),
            ("unit as a signed int", |d| put(d, &["asset", "location"], "unit", ScalarValue::Int(5)), (false, true)),
            ("unit too large", |d| put(d, &["asset", "location"], "unit", ScalarValue::Uint(1 << 40)), (false, true)),
            ("unit null", |d| put(d, &["asset", "location"], "unit", ScalarValue::Null), (true, true)),
            ("tag null", |d| put(d, &["asset"], "asset_tag", ScalarValue::Null), (false, true)),
            ("cost null", |d| put(d, &["asset"], "cost", ScalarValue::Null), (true, true)),
            ("cost as a string", |d| put(d, &["asset"], "cost", "12,000"), (false, true)),
            ("amount unsigned", |d| put(d, &["asset", "cost"], "amount_minor", ScalarValue::Uint(5)), (false, true)),
            ("unknown status", |d| put(d, &["asset"], "status", "lent"), (false, true)),
            ("status in capitals", |d| put(d, &["asset"], "status", "IN_USE"), (false, true)),
            ("bad id", |d| put(d, &["asset"], "id", "not a ulid"), (false, true)),
            ("tag as a text object", |d| put_object(d, &["asset"], "asset_tag", ObjType::Text), (false, true)),
            ("tags as a text object", |d| put_object(d, &["asset"], "tags", ObjType::Text), (false, true)),
            ("tags as a map", |d| put_object(d, &["asset"], "tags", ObjType::Map), (false, true)),
            ("a tag that is a number", |d| insert(d, &["asset", "tags"], 0, 7i64), (false, true)),
            ("newer schema", |d| {
                put(d, &[], "schema", 2u64);
                put_object(d, &["asset"], "contract", ObjType::Map);
                put(d, &["asset", "contract"], "number", "C-7");
                put(d, &["asset", "location"], "cage", "C1");
                put_object(d, &["life"], "loans", ObjType::Map);
            }, (true, true)),
            ("no life", |d| delete(d, &[], "life"), (true, true)),
            ("life is null", |d| put(d, &[], "life", ScalarValue::Null), (true, false)),
            ("life is a list", |d| put_object(d, &[], "life", ObjType::List), (true, false)),
            ("life with an empty disposal map", |d| put_object(d, &["life"], "disposal", ObjType::Map), (true, true)),
            ("life with assignments as a list", |d| put_object(d, &["life"], "assignments", ObjType::List), (true, true)),
            ("life with an empty text", |d| put_object(d, &["life"], "notes", ObjType::Text), (true, false)),
            ("life with an unknown number", |d| put(d, &["life"], "version", ScalarValue::Uint(2)), (true, true)),
            ("life without its maps", |d| {
                delete(d, &["life"], "assignments");
                delete(d, &["life"], "maintenance");
                put(d, &["life"], "holds_data", true);
            }, (true, true)),
        ];
        for (what, change, expected) in cases {
            let mut doc = changed(None, change);
            assert_eq!(assert_agrees(&mut doc), expected, "{what}");
        }
        // In a busy life: records of a newer schema, unknown values, missing fields.
        let busy: Vec<(&str, Change, bool)> = vec![
            ("as written", |_| {}, true),
            ("unknown record field", |d| put(d, &["life", "assignments", ASG1], "site", "B"), true),
            ("unknown condition", |d| put(d, &["life", "assignments", ASG1, "returned"], "condition", "lost"), false),
            ("no due key", |d| delete(d, &["life", "assignments", ASG1], "due"), false),
            ("downtime as an int", |d| put(d, &["life", "maintenance", MNT1], "downtime_hours", ScalarValue::Int(3)), false),
            ("downtime null", |d| put(d, &["life", "maintenance", MNT1], "downtime_hours", ScalarValue::Null), true),
            ("no disposal", |d| delete(d, &["life"], "disposal"), true),
            ("disposal null", |d| put(d, &["life"], "disposal", ScalarValue::Null), true),
            ("assignments null", |d| put(d, &["life"], "assignments", ScalarValue::Null), false),
            ("holds data as a string", |d| put(d, &["life"], "holds_data", "yes"), false),
            ("wipe without its report", |d| put(d, &["life", "disposal", "wipe"], "attachment", ScalarValue::Null), true),
            ("an attachment list of bytes", |d| insert(d, &["life", "maintenance", MNT2, "attachments"], 1, ScalarValue::Bytes(vec![1, 2])), false),
            // `attachments::list` reads a list it cannot hydrate as no attachments.
            ("an attachment's size signed", |d| {
                let list = object_at(d, &["attachments"]).expect("attachments");
                let first = d.get(&list, 0).ok().flatten().map(|(_, id)| id).expect("first");
                d.put(&first, "size", ScalarValue::Int(3)).expect("size");
            }, true),
            ("attachments as a map", |d| put_object(d, &[], "attachments", ObjType::Map), true),
        ];
        for (what, change, life_read) in busy {
            let mut doc = changed(Some(&busy_life()), change);
            assert_eq!(assert_agrees(&mut doc), (true, life_read), "{what}");
        }
    }

    /// Where a random change may land: a map's path and the key in it.
    const FIELDS: &[(&[&str], &str)] = &[
        (&[], "asset"),
        (&[], "life"),
        (&[], "attachments"),
        (&["asset"], "id"),
        (&["asset"], "asset_tag"),
        (&["asset"], "asset_type"),
        (&["asset"], "purchase_date"),
        (&["asset"], "cost"),
        (&["asset"], "status"),
        (&["asset"], "location"),
        (&["asset"], "tags"),
        (&["asset"], "extra"),
        (&["asset", "cost"], "amount_minor"),
        (&["asset", "cost"], "currency"),
        (&["asset", "location"], "unit"),
        (&["asset", "location"], "site"),
        (&["life"], "assignments"),
        (&["life"], "maintenance"),
        (&["life"], "disposal"),
        (&["life"], "holds_data"),
        (&["life"], "extra"),
        (
            &["life", "assignments", "01J0000000000000000000ASG2"],
            "returned",
        ),
        (
            &["life", "assignments", "01J0000000000000000000ASG2"],
            "kind",
        ),
        (
            &["life", "maintenance", "01J0000000000000000000MNT1"],
            "cost",
        ),
        (
            &["life", "maintenance", "01J0000000000000000000MNT1"],
            "finished",
        ),
        (&["life", "disposal"], "wipe"),
        (&["life", "disposal"], "stage"),
        (&["life", "disposal", "wipe"], "method"),
    ];

    /// What a random change puts there (or whether it deletes the key).
    fn apply(doc: &mut AutoCommit, field: usize, value: u8) {
        let (path, key) = FIELDS[field];
        let Some(obj) = object_at(doc, path) else {
            return;
        };
        let _ = match value {
            0 => doc.delete(&obj, key),
            1 => doc.put(&obj, key, ScalarValue::Null),
            2 => doc.put(&obj, key, "in_use"),
            3 => doc.put(&obj, key, "2025-01-01"),
            4 => doc.put(&obj, key, ScalarValue::Int(3)),
            5 => doc.put(&obj, key, ScalarValue::Uint(3)),
            6 => doc.put(&obj, key, 2.5f64),
            7 => doc.put(&obj, key, true),
            8 => doc.put_object(&obj, key, ObjType::Map).map(|_| ()),
            9 => doc.put_object(&obj, key, ObjType::List).map(|_| ()),
            _ => doc.put_object(&obj, key, ObjType::Text).map(|_| ()),
        };
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_change_to_an_asset_document_reads_as_autosurgeon_reads_it(
            busy in any::<bool>(),
            changes in proptest::collection::vec((0..FIELDS.len(), 0u8..11), 1..5),
        ) {
            let life = busy.then(busy_life);
            let mut doc = document(&full_asset(5), life.as_ref());
            for (field, value) in changes {
                apply(&mut doc, field, value);
            }
            doc.commit();
            assert_agrees(&mut doc);
        }
    }
}
