//! A document written as one encoded first change is the document `reconcile` builds op by
//! op: the same tree, the same aggregate, the change's time and message, and later edits
//! apply to it as to any other.

use std::fmt::Debug;

use automerge::transaction::CommitOptions;
use automerge::{ActorId, AutoCommit};

use crate::cables::demo::{generate_cables, CableDemoOptions};
use crate::cables::model::{CableStatus, CableTest};
use crate::racks::demo::{generate_racks, RackDemoOptions};
use crate::record::aggregate::{self as places, Aggregate};
use crate::stamp::{Author, Stamp};
use crate::store::Store;

fn slow<T: Aggregate>(value: &T) -> AutoCommit {
    let mut doc = AutoCommit::new();
    places::reconcile(&mut doc, value).expect("reconcile");
    doc.commit_with(CommitOptions::default().with_message("m").with_time(7));
    doc
}

fn fast<T: Aggregate>(value: &T) -> AutoCommit {
    let bytes = places::new_document(value, &ActorId::random(), 7, "m".into())
        .expect("encode")
        .expect("no text in it");
    let mut doc = AutoCommit::new();
    doc.load_incremental(&bytes).expect("loads");
    doc
}

fn same<T: Aggregate + PartialEq + Debug>(value: &T) -> AutoCommit {
    let (mut built, mut encoded) = (slow(value), fast(value));
    assert_eq!(
        encoded.document().hydrate(None),
        built.document().hydrate(None),
        "{}",
        value.doc_id()
    );
    let back: T = places::hydrate(&encoded, &value.doc_id()).expect("hydrates");
    assert_eq!(&back, value);
    let (ours, theirs) = (encoded.get_changes(&[]), built.get_changes(&[]));
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].message(), theirs[0].message());
    assert_eq!(ours[0].timestamp(), theirs[0].timestamp());
    assert_eq!(ours[0].len(), theirs[0].len(), "as many ops");
    encoded
}

#[test]
fn encoded_documents_are_the_documents_reconcile_builds_and_take_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("docs", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let who = Stamp::new(Author::new("김민준", "MJ"), 1_764_000_000_000);
    let racks = generate_racks(&ws, &RackDemoOptions { racks: 3, seed: 9 }, &who).expect("racks");
    let options = CableDemoOptions {
        room: racks.room_id,
        cables: usize::MAX,
        seed: 9,
        batch: crate::cables::demo::DEMO_CABLE_BATCH,
    };
    generate_cables(&ws, &options, &who).expect("cables");

    let places = ws.places();
    for site in places.sites.values() {
        same(site);
    }
    for room in places.rooms.values() {
        same(room);
    }
    for rack in places.racks.values() {
        same(rack);
    }
    drop(places);
    let cables = ws.cables();
    let tested = cables
        .iter()
        .find(|c| !c.tests.is_empty() && c.tests[0].loss_db.is_none())
        .expect("a tested copper cable");
    for cable in &cables {
        same(cable);
    }

    // An edit after the encoded change: reconciled, committed and read back like any other.
    let mut doc = same(tested);
    let mut edited = tested.clone();
    edited.status = CableStatus::Failed;
    edited.printed_at_ms = Some(9);
    edited.tests.push(CableTest {
        passed: false,
        tester: "이서연".into(),
        at_ms: 10,
        measured_length_m: None,
        loss_db: Some(3.1),
        report: Some("ab".into()),
        report_name: Some("dsx.pdf".into()),
    });
    places::reconcile(&mut doc, &edited).expect("reconcile");
    doc.commit();
    let mut reloaded = AutoCommit::load(&doc.save()).expect("reload");
    let back: crate::cables::model::Cable =
        places::hydrate(&reloaded, &edited.doc_id()).expect("hydrates");
    assert_eq!(back, edited);
    assert_eq!(reloaded.get_changes(&[]).len(), 2);
}

/// A registered asset's document is encoded as its first change too: it is the document the
/// op-by-op build makes (asset, empty life, schema and kind), lists the same row, and takes
/// edits and lifecycle steps.
#[test]
fn new_assets_are_encoded_as_the_document_the_op_by_op_build_makes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("assets", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let who = Stamp::new(Author::new("김민준", "MJ"), 1_764_000_000_000);
    crate::demo::generate(
        &ws,
        &crate::demo::DemoOptions {
            assets: 40,
            seed: 3,
        },
        &who,
    )
    .expect("demo");
    let rows = ws.query_assets(&crate::assets::AssetQuery::default()).rows;
    assert_eq!(rows.len(), 40);
    for row in &rows {
        let doc_id = crate::assets::doc_id(&row.asset.id);
        let mut stored = crate::store::docs::load(ws.tree.as_ref(), &doc_id)
            .expect("load")
            .expect("stored");
        let mut built = crate::assets::new_document(&row.asset, &who, "demo").expect("built");
        assert_eq!(
            stored.doc.document().hydrate(None),
            built.document().hydrate(None),
            "{doc_id}"
        );
        let (ours, theirs) = (stored.doc.get_changes(&[]), built.get_changes(&[]));
        assert_eq!(ours.len(), 1);
        assert_eq!(ours[0].len(), theirs[0].len(), "as many ops");
        let listed =
            <crate::assets::AssetKind as crate::record::Kind>::read(&mut stored.doc, &doc_id)
                .expect("row");
        assert_eq!(&listed, row);
    }
    // It takes an edit like any other document.
    let first = &rows[0];
    let input = crate::assets::AssetInput {
        owner: Some("네트워크팀".into()),
        ..crate::assets::AssetInput::default()
    };
    let edited = ws.edit_asset(first.asset.id, &input, &who).expect("edit");
    assert_eq!(edited.asset.owner, "네트워크팀");
}
