//! No document stops a team's sync, through the real server and real CLIs: a document of the
//! wrong kind pushed by hand is refused on its own (the rest of its push is stored), a newer
//! version's record passes the server and is kept aside by an older device, and every
//! device goes on syncing.

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{AutoCommit, ObjType, ROOT};
use cloudwright_core::sync::protocol::{DocPush, PushResult, SyncRequest};
use serde_json::json;

use crate::util::{Cli, ServerData};

/// A document as any Automerge library could write it: `kind` and `schema` at its root, its
/// fields under `kind`, one change by `account`.
fn hand_made(kind: &str, schema: u64, fields: &[(&str, &str)], account: &str) -> Vec<u8> {
    let mut doc = AutoCommit::new();
    doc.put(ROOT, "schema", schema).expect("schema");
    doc.put(ROOT, "kind", kind).expect("kind");
    let map = doc.put_object(ROOT, kind, ObjType::Map).expect("map");
    for (key, value) in fields {
        doc.put(&map, *key, *value).expect("field");
    }
    let message = json!({"v": 1, "author": {"name": "손", "initials": "S"}, "op": "edit", "account": account});
    doc.commit_with(CommitOptions::default().with_message(message.to_string()));
    doc.save()
}

#[test]
fn a_wrong_kind_is_refused_on_its_own_a_newer_record_is_kept_aside_and_everyone_keeps_syncing() {
    let data = ServerData::new();
    let workspace = data.create_workspace("평택 1센터");
    for user in ["kim", "lee"] {
        data.add_user(user, "평택 1센터", "editor");
    }
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&[
        "asset",
        "add",
        "--asset-tag",
        "PT1-SRV-0001",
        "--type",
        "server",
    ])
    .ok();
    kim.run(&["sync"]).ok();

    // A careless client pushes a rack's bytes under an asset's id beside a newer version's
    // record (a kind this server does not know): one refused with why, one stored.
    let (token, account) = server.login_account("kim");
    let rack_as_asset = "asset/01JD00000000000000000000A1";
    let widget = "widget/01JD00000000000000000000W1";
    let request = SyncRequest {
        push: vec![
            DocPush {
                doc_id: rack_as_asset.into(),
                heads: Vec::new(),
                data: hand_made("rack", 1, &[("name", "R01")], &account),
            },
            DocPush {
                doc_id: widget.into(),
                heads: Vec::new(),
                data: hand_made("widget", 1, &[("name", "분전반 센서")], &account),
            },
        ],
        ..SyncRequest::default()
    };
    let answer = server.exchange(&workspace, &token, &request);
    match &answer.pushed[..] {
        [PushResult::Refused { code, reason }, PushResult::Stored { .. }] => {
            assert_eq!(code, "unfit_document");
            assert_eq!(reason, "its id is of kind asset, its content of kind rack");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        server.documents(&workspace),
        Some(2),
        "kim's asset and the widget"
    );

    // A new device syncs everything, keeps the widget aside and says so; its own edit goes.
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&[
        "asset",
        "add",
        "--asset-tag",
        "PT1-SRV-0002",
        "--type",
        "server",
    ])
    .ok();
    let said = lee.run(&["sync"]).ok();
    assert!(said.contains("pushed 1 documents"), "{said}");
    assert!(
        said.contains(&format!(
            "1 records set aside on this device (everything else synced):\n  {widget}\tmade by a newer version of Cloudwright: update to see it"
        )),
        "{said}"
    );
    let status = lee.run(&["sync", "status", "--json"]).json();
    assert_eq!(status["set_aside"][0]["doc_id"], widget);
    assert_eq!(status["set_aside"][0]["reason"], "newer");
    assert_eq!(status["pending"], 0);
    let tags: Vec<String> = lee
        .assets()
        .iter()
        .map(|row| {
            row["asset"]["asset_tag"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(tags.len(), 2, "{tags:?}");
    assert!(!tags.iter().any(|tag| tag.is_empty()));

    // kim's next pass gets lee's asset; nothing is stuck on either side.
    kim.run(&["sync"]).ok();
    assert_eq!(kim.assets().len(), 2);
    assert!(lee
        .run(&["sync"])
        .ok()
        .contains("pushed 0 documents, pulled 0"));
}

/// An administrator finds a bad document with `admin doc list`, reads it with `doc show`, and
/// quarantines it: it leaves the feed (a new device never gets it), its bytes are kept aside
/// and listed, a push of it is refused on its own, and everyone else's sync goes on.
#[test]
fn an_admin_lists_shows_and_quarantines_a_document_and_sync_goes_on_without_it() {
    let data = ServerData::new();
    let workspace = data.create_workspace("평택 1센터");
    data.add_user("kim", "평택 1센터", "editor");
    data.add_user("lee", "평택 1센터", "editor");
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&[
        "asset",
        "add",
        "--asset-tag",
        "PT1-SRV-0001",
        "--type",
        "server",
    ])
    .ok();
    kim.run(&["sync"]).ok();
    let (token, account) = server.login_account("kim");
    let widget = "widget/01JD00000000000000000000W2";
    let push = |data: Vec<u8>| SyncRequest {
        push: vec![DocPush {
            doc_id: widget.into(),
            heads: Vec::new(),
            data,
        }],
        ..SyncRequest::default()
    };
    let sent = hand_made("widget", 1, &[("name", "시험용")], &account);
    let answer = server.exchange(&workspace, &token, &push(sent.clone()));
    assert!(matches!(answer.pushed[..], [PushResult::Stored { .. }]));
    let address = server.address().to_owned();
    server.kill();

    let listed = data.admin(&["doc", "list", "평택 1센터", "--json"]).json();
    let fits: Vec<(String, String)> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|info| {
            let kind = info["kind"].as_str().unwrap_or_default().to_owned();
            (kind, info["fit"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    assert_eq!(
        fits,
        [
            ("asset".to_owned(), "fits".to_owned()),
            ("widget".to_owned(), "newer".to_owned())
        ]
    );
    let shown = data.admin(&["doc", "show", "평택 1센터", widget]).json();
    assert_eq!(shown["content"]["widget"]["name"], "시험용");
    let refused = data
        .admin(&["doc", "quarantine", "평택 1센터", widget, "--reason", " "])
        .fails();
    assert!(refused.contains("--reason"), "{refused}");
    let said = data
        .admin(&[
            "doc",
            "quarantine",
            "평택 1센터",
            widget,
            "--reason",
            "시험 중 잘못 올림",
        ])
        .ok();
    assert!(said.contains("quarantined"), "{said}");
    let aside = data
        .admin(&["doc", "list", "평택 1센터", "--quarantined", "--json"])
        .json();
    assert_eq!(aside[0]["doc_id"], widget);
    assert_eq!(aside[0]["reason"], "시험 중 잘못 올림");
    assert_eq!(aside[0]["bytes"].as_u64(), Some(sent.len() as u64));

    // Served again: a new device gets the asset and nothing set aside; a push of the
    // quarantined document is refused on its own.
    let server = data.serve_on(&address, &[]);
    let lee = Cli::new();
    lee.login(&server, "lee");
    let said = lee.run(&["sync"]).ok();
    assert!(!said.contains("set aside"), "{said}");
    assert_eq!(lee.assets().len(), 1);
    let (token, _) = server.login_account("kim");
    let answer = server.exchange(&workspace, &token, &push(sent));
    match &answer.pushed[..] {
        [PushResult::Refused { code, .. }] => assert_eq!(code, "quarantined"),
        other => panic!("{other:?}"),
    }
}

/// A file larger than the server takes stays on the device, marked with its size and the
/// server's limit, and every other record and file syncs; the next pass does not try it again.
#[test]
fn a_file_too_large_for_the_server_is_marked_and_everything_else_syncs() {
    use cloudwright_core::store::Store;
    use cloudwright_core::sync::client::FileStateView;
    use cloudwright_core::{Author, Stamp};

    let data = ServerData::new();
    data.create_workspace("평택 1센터");
    data.add_user("kim", "평택 1센터", "editor");
    data.add_user("lee", "평택 1센터", "editor");
    let server = data.serve(&["--max-body-bytes", "65536"]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&[
        "asset",
        "add",
        "--asset-tag",
        "PT1-SRV-0001",
        "--type",
        "server",
    ])
    .ok();
    let big: Vec<u8> = (0..200_000u32).map(|n| (n * 7 % 251) as u8).collect();
    let small = b"%PDF-1.4 delivery note".to_vec();
    let (big_sha, small_sha) = {
        let store = Store::open(kim.data_dir.path()).expect("store");
        let ws = store
            .workspace(&store.find_workspace("평택 1센터").expect("workspace").id)
            .expect("open");
        let id = ws.asset("PT1-SRV-0001").expect("asset").asset.id;
        let stamp = Stamp::new(Author::new("김민준", "MJ"), 1_765_000_000_000);
        ws.attach_to_asset(id, "rack-photo.png", "image/png", &big, &stamp)
            .expect("big");
        ws.attach_to_asset(id, "반입확인서.pdf", "application/pdf", &small, &stamp)
            .expect("small");
        (
            cloudwright_core::sync::blobs::sha256_hex(&big),
            cloudwright_core::sync::blobs::sha256_hex(&small),
        )
    };
    let said = kim.run(&["sync"]).ok();
    assert!(said.contains("files up 1, down 0"), "{said}");
    assert!(
        said.contains(&format!(
            "1 files too large for the team server stay on this device (everything else synced):\n  {big_sha}\t0.2 MB, the limit is 0.1 MB"
        )),
        "{said}"
    );
    let status = kim.run(&["sync", "status", "--json"]).json();
    assert_eq!(status["pending"], 0);
    assert_eq!(status["files_too_large"][0]["sha256"], big_sha.as_str());
    assert_eq!(status["files_too_large"][0]["bytes"], 200_000);
    assert_eq!(status["files_too_large"][0]["limit_bytes"], 65_536);
    // The next pass leaves it be.
    let again = kim.run(&["sync"]).ok();
    assert!(again.contains("files up 0, down 0"), "{again}");

    // Another device has the record and the small file; the big one is on its way (named
    // by a synced record), never an error.
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let store = Store::open(lee.data_dir.path()).expect("store");
    let ws = store
        .workspace(&store.find_workspace("평택 1센터").expect("workspace").id)
        .expect("open");
    assert_eq!(
        ws.file_presence(&small_sha).expect("small"),
        FileStateView::Here
    );
    assert_eq!(
        ws.file_presence(&big_sha).expect("big"),
        FileStateView::WaitingForSync
    );
}
