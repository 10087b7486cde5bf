//! Sync between real stores in temporary folders through a hub, in process. Every message
//! goes through the wire encoding, so the tests see what the HTTP server would carry. The
//! real server process is tested in the `tests` crate.

use proptest::prelude::*;

use crate::assets::AssetInput;
use crate::findings::Finding;
use crate::ids::AssetId;
use crate::sync::engine::{sync_once, Transport};
use crate::sync::hub::HubError;
use crate::sync::protocol::{SyncRequest, SyncResponse};
use crate::sync::FileStateView;
use crate::testkit::{device, server, Device, InProcess};

fn owner(value: &str) -> AssetInput {
    AssetInput {
        owner: Some(value.into()),
        ..AssetInput::default()
    }
}

#[test]
fn a_fresh_device_receives_everything_and_nothing_echoes_back() {
    let server = server();
    let mut a = device(&server, "a");
    for n in 1..=300u128 {
        a.register(n, &format!("PT1-{n:04}"));
    }
    let pushed = a.sync();
    assert_eq!(pushed.pushed, 300);
    assert_eq!(a.workspace.sync_pending().expect("pending"), 0);
    assert_eq!(server.hub.stats().documents, 300);

    let mut b = device(&server, "b");
    let pulled = b.sync();
    assert_eq!(pulled.pulled, 300);
    assert_eq!(a.rows(), b.rows());

    // A's own pushes are not sent back to it, and a second pass moves nothing.
    let again = a.sync();
    assert_eq!((again.pushed, again.pulled), (0, 0));
}

#[test]
fn a_first_sync_larger_than_one_batch_arrives_in_batches_and_whole() {
    use crate::assets::{apply_input, Asset};
    use crate::sync::engine::WANT_DOCS;
    let server = server();
    let mut a = device(&server, "a");
    let total = 2 * WANT_DOCS + 1;
    let assets: Vec<Asset> = (0..total)
        .map(|n| {
            let input = AssetInput {
                asset_tag: Some(format!("BT-{n:05}")),
                asset_type: Some("server".into()),
                status: Some("in_use".into()),
                rack: Some(format!("R{}", n % 40)),
                ..AssetInput::default()
            };
            let blank = Asset::blank(AssetId(ulid::Ulid(n as u128 + 1)));
            apply_input(&blank, &input).expect("valid")
        })
        .collect();
    a.workspace
        .insert_assets(assets, &a.stamp(5), "import")
        .expect("insert");
    assert_eq!(a.sync().pushed as usize, total);

    let mut b = device(&server, "b");
    let pulled = b.sync();
    assert_eq!(pulled.pulled as usize, total);
    // One feed page, then the documents in three batches, each applied while the next is
    // on its way.
    assert_eq!(b.transport.exchanges, 1 + 3);
    assert_eq!(a.rows(), b.rows());
    assert_eq!(b.workspace.sync_pending().expect("pending"), 0);
    // What arrived whole is stored whole: a later edit there travels as a change.
    let last = AssetId(ulid::Ulid(total as u128));
    b.edit(last, owner("네트워크팀"), 10);
    b.sync();
    a.sync();
    assert_eq!(
        a.workspace
            .asset(&last.to_string())
            .expect("asset")
            .asset
            .owner,
        "네트워크팀"
    );
}

/// New documents are loaded and read without the writer lock while the batch before is
/// written; one that got stored in between is merged with what is stored, not written over it.
#[test]
fn a_document_stored_while_its_batch_is_read_is_merged_not_written_over() {
    use crate::store::docs;
    use crate::sync::protocol::DocData;
    let server = server();
    let a = device(&server, "a");
    let id = a.register(1, "PT1-0001");
    let doc_id = crate::assets::doc_id(&id);
    let whole = |device: &Device| {
        let mut stored = docs::load(device.workspace.tree.as_ref(), &doc_id)
            .expect("load")
            .expect("stored");
        DocData {
            doc_id: doc_id.clone(),
            heads: stored.doc.get_heads().iter().map(|h| h.0).collect(),
            data: stored.doc.save(),
        }
    };
    let first = whole(&a);
    a.edit(id, owner("인프라팀"), 10);
    let edited = whole(&a);

    let b = device(&server, "b");
    let prepared = b.workspace.sync_prepare(vec![first]).expect("prepare");
    b.workspace.sync_apply(vec![edited]).expect("apply");
    let applied = b.workspace.sync_commit(prepared).expect("commit");
    assert_eq!((applied.created, applied.updated), (0, 1));
    assert_eq!(b.rows(), a.rows());
    assert_eq!(b.rows()[0].asset.owner, "인프라팀");
}

#[test]
fn reconnecting_with_nothing_changed_is_one_small_round_trip() {
    let server = server();
    let mut a = device(&server, "a");
    for n in 1..=2_000u128 {
        a.register(n, &format!("T-{n}"));
    }
    a.sync();
    let mut b = device(&server, "b");
    b.sync();
    for device in [&mut a, &mut b] {
        device.transport.exchanges = 0;
        device.transport.bytes = 0;
        device.sync();
        assert_eq!(device.transport.exchanges, 1, "one round trip");
        assert!(
            device.transport.bytes < 1024,
            "{} bytes",
            device.transport.bytes
        );
    }
}

#[test]
fn concurrent_edits_of_one_field_become_a_conflict_that_resolves_everywhere() {
    let server = server();
    let mut a = device(&server, "a");
    let mut b = device(&server, "b");
    let id = a.register(1, "PT1-0001");
    a.sync();
    b.sync();
    a.edit(id, owner("인프라팀"), 10);
    b.edit(id, owner("네트워크팀"), 11);
    a.sync();
    b.sync();
    a.sync();
    assert_eq!(a.rows(), b.rows());
    let conflicts = |d: &Device| -> Vec<Finding> {
        d.workspace
            .findings()
            .expect("findings")
            .into_iter()
            .filter(|f| matches!(f, Finding::Conflict { .. }))
            .collect()
    };
    let found = conflicts(&a);
    assert_eq!(found, conflicts(&b));
    let Some(Finding::Conflict { conflict, .. }) = found.first() else {
        panic!("expected a conflict, got {found:?}");
    };
    assert_eq!(conflict.path, "asset.owner");
    let mut values: Vec<(String, String)> = conflict
        .values
        .iter()
        .map(|v| (v.text.clone(), v.author.clone()))
        .collect();
    values.sort();
    assert_eq!(
        values,
        vec![
            ("네트워크팀".to_string(), "b".to_string()),
            ("인프라팀".to_string(), "a".to_string())
        ],
        "each value with who set it"
    );
    let choice = conflict
        .values
        .iter()
        .position(|v| v.text == "인프라팀")
        .expect("value");
    a.workspace
        .resolve_conflict(
            &crate::assets::doc_id(&id),
            "asset.owner",
            choice,
            &a.stamp(20),
        )
        .expect("resolve");
    assert_eq!(a.rows()[0].asset.owner, "인프라팀");
    assert!(conflicts(&a).is_empty());
    a.sync();
    b.sync();
    assert!(conflicts(&b).is_empty());
    assert_eq!(b.rows()[0].asset.owner, "인프라팀");
}

#[test]
fn two_devices_taking_one_tag_offline_is_a_finding_not_a_loss() {
    let server = server();
    let mut a = device(&server, "a");
    let mut b = device(&server, "b");
    a.register(1, "PT1-0007");
    b.register(2, "pt1-0007");
    a.sync();
    b.sync();
    a.sync();
    assert_eq!(a.rows().len(), 2);
    assert_eq!(a.rows(), b.rows());
    let duplicates: Vec<Finding> = a
        .workspace
        .findings()
        .expect("findings")
        .into_iter()
        .filter(|f| matches!(f, Finding::DuplicateTag { .. }))
        .collect();
    assert_eq!(duplicates.len(), 1);
    // Renaming one clears it, and the other keeps its tag findable.
    let renamed = AssetInput {
        asset_tag: Some("PT1-0008".into()),
        ..AssetInput::default()
    };
    a.edit(AssetId(ulid::Ulid(2)), renamed, 30);
    assert!(a.workspace.findings().expect("findings").is_empty());
    assert_eq!(
        a.workspace.asset("PT1-0007").expect("still found").asset.id,
        AssetId(ulid::Ulid(1))
    );
}

#[test]
fn attachments_travel_once_by_hash() {
    let server = server();
    let mut a = device(&server, "a");
    let mut b = device(&server, "b");
    let id = a.register(1, "PT1-0001");
    let photo = "랙 사진".repeat(40_000).into_bytes();
    let attached = a
        .workspace
        .attach_to_asset(id, "rack.jpg", "image/jpeg", &photo, &a.stamp(5))
        .expect("attach");
    let up = a.sync();
    assert_eq!(up.blobs_up, 1);
    let down = b.sync();
    assert_eq!(down.blobs_down, 1);
    assert_eq!(
        b.workspace.blob(&attached.sha256).expect("read"),
        Some(photo.clone())
    );
    assert_eq!(
        b.workspace.asset_attachments(id).expect("list"),
        vec![attached.clone()]
    );
    // The same file attached on B again is not uploaded again.
    b.workspace
        .attach_to_asset(id, "rack-again.jpg", "image/jpeg", &photo, &b.stamp(6))
        .expect("attach");
    let again = b.sync();
    assert_eq!(again.blobs_up, 0);
}

/// A device's transport to a server that says it holds every file already: the documents of a
/// pass go up, their files do not (as when the upload is cut and the device is not back yet).
struct FilesWithheld<'a>(&'a mut InProcess);

impl Transport for FilesWithheld<'_> {
    type Error = HubError;
    fn exchange(&mut self, request: &SyncRequest) -> Result<SyncResponse, HubError> {
        self.0.exchange(request)
    }
    fn blob_missing(&mut self, _: &[String]) -> Result<Vec<String>, HubError> {
        Ok(Vec::new())
    }
    fn blob_put(&mut self, sha: &str, bytes: &[u8]) -> Result<(), HubError> {
        self.0.blob_put(sha, bytes)
    }
    fn blob_get(&mut self, sha: &str) -> Result<Option<Vec<u8>>, HubError> {
        self.0.blob_get(sha)
    }
}

#[test]
fn a_file_named_by_a_synced_record_is_waiting_for_sync_until_it_arrives() {
    let server = server();
    let mut a = device(&server, "a");
    let mut b = device(&server, "b");
    let id = a.register(1, "PT1-0001");
    let photo = "랙 사진".repeat(1_000).into_bytes();
    let attached = a
        .workspace
        .attach_to_asset(id, "rack.jpg", "image/jpeg", &photo, &a.stamp(5))
        .expect("attach");
    let sha = attached.sha256;
    assert_eq!(
        a.workspace.file_presence(&sha).expect("state"),
        FileStateView::Here
    );
    sync_once(
        &a.workspace,
        &mut FilesWithheld(&mut a.transport),
        1_000,
        &mut |_| {},
    )
    .expect("the documents go up");

    // B has the record before the file: the file is on its way, not missing.
    let pulled = b.sync();
    assert_eq!((pulled.pulled, pulled.blobs_down), (1, 0));
    assert_eq!(
        b.workspace.file_presence(&sha).expect("state"),
        FileStateView::WaitingForSync
    );
    // A file no record here names, and a name that is no hash, are unknown.
    let stranger = crate::sync::blobs::sha256_hex(b"never attached");
    assert_eq!(
        b.workspace.file_presence(&stranger).expect("state"),
        FileStateView::Unknown
    );
    assert_eq!(
        b.workspace.file_presence("rack.jpg").expect("state"),
        FileStateView::Unknown
    );

    // Once the server has it, B's next pass fetches it with no document changed: the pass
    // that brings only files must still refresh the screens (the app checks `blobs_down`).
    server
        .hub
        .blob_put(&sha, &photo)
        .expect("the server gets the file");
    let fetched = b.sync();
    assert_eq!((fetched.pulled, fetched.blobs_down), (0, 1));
    assert_eq!(
        b.workspace.file_presence(&sha).expect("state"),
        FileStateView::Here
    );
    assert_eq!(b.workspace.blob(&sha).expect("read"), Some(photo));
}

#[test]
fn a_viewer_cannot_push_and_nothing_changes_but_still_receives() {
    let server = server();
    let mut editor = device(&server, "editor");
    editor.register(2, "PT1-0002");
    editor.sync();
    let mut a = device(&server, "a");
    a.transport.scope = crate::sync::hub::PushScope::Nothing;
    a.register(1, "PT1-0001");
    let error = sync_once(&a.workspace, &mut a.transport, 1, &mut |_| {}).expect_err("refused");
    assert!(matches!(
        error,
        crate::sync::SyncError::Transport(HubError::ReadOnly)
    ));
    assert_eq!(server.hub.stats().documents, 1);
    assert_eq!(a.workspace.sync_pending().expect("pending"), 1);
    assert!(
        a.workspace.asset("PT1-0002").is_ok(),
        "the viewer still pulled"
    );
}

#[derive(Clone, Debug)]
enum Step {
    Register { device: usize, n: u8 },
    Edit { device: usize, n: u8, value: u8 },
    Sync { device: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..12u8).prop_map(|(device, n)| Step::Register { device, n }),
        (0..3usize, 0..12u8, 0..4u8).prop_map(|(device, n, value)| Step::Edit { device, n, value }),
        (0..3usize).prop_map(|device| Step::Sync { device }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any interleaving of offline edits and syncs on three devices ends, after everyone
    /// syncs, with the same assets everywhere, and nothing any device wrote is lost.
    #[test]
    fn three_devices_converge_after_any_interleaving(steps in prop::collection::vec(step(), 1..40)) {
        let server = server();
        let mut devices: Vec<Device> = ["a", "b", "c"].iter().map(|n| device(&server, n)).collect();
        let mut clock = 100;
        let mut expected_ids = std::collections::BTreeSet::new();
        for step in steps {
            clock += 1;
            match step {
                Step::Register { device, n } => {
                    // Each device owns distinct ids; tags may clash across devices on purpose.
                    let id = 1 + device as u128 * 1000 + n as u128;
                    let d = &devices[device];
                    if d.workspace.asset(&AssetId(ulid::Ulid(id)).to_string()).is_err()
                        && d.workspace.asset(&format!("TAG-{n}-{device}")).is_err()
                    {
                        d.register(id, &format!("TAG-{n}-{device}"));
                        expected_ids.insert(id);
                    }
                }
                Step::Edit { device, n, value } => {
                    let d = &devices[device];
                    let rows = d.rows();
                    if let Some(row) = rows.get(n as usize % rows.len().max(1)) {
                        d.edit(row.asset.id, owner(&format!("팀{value}-{device}")), clock);
                    }
                }
                Step::Sync { device } => { devices[device].sync(); }
            }
        }
        for _ in 0..2 {
            for d in devices.iter_mut() { d.sync(); }
        }
        let first = devices[0].rows();
        let ids: std::collections::BTreeSet<u128> = first.iter().map(|r| r.asset.id.0 .0).collect();
        prop_assert_eq!(ids, expected_ids);
        for d in &devices[1..] {
            prop_assert_eq!(&d.rows(), &first);
            prop_assert_eq!(d.workspace.findings().expect("findings"), devices[0].workspace.findings().expect("findings"));
        }
    }
}

#[test]
fn after_a_whole_document_only_changes_travel() {
    let server = server();
    let mut a = device(&server, "a");
    let mut b = device(&server, "b");
    let id = a.register(1, "PT1-0001");
    a.sync();
    b.sync();
    // B received it whole; its first edit goes whole once, later edits only as changes.
    let mut sizes = Vec::new();
    for round in 0..3 {
        b.edit(id, owner(&format!("팀{round}")), 10 + round);
        let out = b
            .workspace
            .sync_outgoing(10, 1 << 20, &Default::default())
            .expect("outgoing");
        sizes.push(out.pushes[0].data.len());
        drop(out);
        b.sync();
    }
    assert!(
        sizes[1] < sizes[0] && sizes[2] < sizes[0],
        "sizes {sizes:?}"
    );
    a.sync();
    assert_eq!(a.rows(), b.rows());
    assert_eq!(a.rows()[0].asset.owner, "팀2");
}
