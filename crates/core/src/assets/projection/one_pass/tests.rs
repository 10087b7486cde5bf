//! The one-pass reading against autosurgeon's, on assets of every shape.

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
                attachment_name: Some("삭제 보고서.pdf".into()),
                wiped_by_account: Some("u-park".into()),
                verified_by_account: Some("u-choi".into()),
                verification: Some("{\"decision\":{}}".into()),
            }),
            disposed_on: None,
            vendor: String::new(),
            batch: "2025-B1".into(),
            status_before: AssetStatus::Retiring,
            requested_by_account: Some("u-kim".into()),
            decision: Some("{\"decision\":{}}".into()),
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
    if let (Some(life), Some(files)) = (&life, life.as_ref().and_then(|l| super::files(&root, l))) {
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
        ("a wipe written before report names were kept", |d| delete(d, &["life", "disposal", "wipe"], "attachment_name"), true),
        ("a wipe report name that is a number", |d| put(d, &["life", "disposal", "wipe"], "attachment_name", ScalarValue::Int(3)), false),
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
