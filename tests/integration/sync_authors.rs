//! Who did it, over plain HTTP against a real server: a change is taken only from the account
//! it names, and what the server refuses leaves nothing behind.

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{AutoCommit, ROOT};
use cloudwright_core::sync::protocol::{encode, DocPush, SyncRequest};
use serde_json::json;

use crate::util::{Cli, ServerData};

/// A document made by hand, as any Automerge library would: one change whose message says it
/// is by `account`, named `name`. Its content is no kind's, so it goes under an id of a kind
/// the server does not know (`note/…`, a newer version's for all it can tell), which it takes
/// as it is; under a known kind's id the server would refuse it as not fitting that kind.
fn hand_made(doc_id: &str, account: &str, name: &str) -> DocPush {
    let mut doc = AutoCommit::new();
    doc.put(ROOT, "note", "written by hand").expect("put");
    let message = json!({
        "v": 1, "author": {"name": name, "initials": "LY"}, "op": "edit", "account": account
    });
    doc.commit_with(CommitOptions::default().with_message(message.to_string()));
    DocPush {
        doc_id: doc_id.to_owned(),
        heads: Vec::new(),
        data: doc.save(),
    }
}

fn push(pushes: Vec<DocPush>) -> Vec<u8> {
    encode(&SyncRequest {
        push: pushes,
        ..SyncRequest::default()
    })
}

#[test]
fn a_hand_made_change_naming_another_account_is_refused_whole_and_nothing_is_stored() {
    let data = ServerData::new();
    let alpha = data.create_workspace("Alpha");
    data.add_user("kim", &alpha, "editor");
    data.add_user("lee", &alpha, "editor");
    let server = data.serve(&[]);
    let (kim, kim_id) = server.login_account("kim");
    let (lee, lee_id) = server.login_account("lee");
    assert_ne!(kim_id, lee_id);

    let forged = hand_made("note/01JD0000000000000000000001", &lee_id, "이영희");
    let honest = hand_made("note/01JD0000000000000000000002", &kim_id, "김민준");
    let reply = server.sync_raw(
        &alpha,
        &kim,
        "kim-laptop",
        push(vec![honest.clone(), forged.clone()]),
    );
    assert_eq!(reply.refusal(), (403, "author_mismatch".to_owned()));
    let error: serde_json::Value = serde_json::from_slice(&reply.body).expect("JSON");
    let changes = error["error"]["changes"]
        .as_array()
        .expect("changes listed");
    assert_eq!(changes.len(), 1, "{error}");
    assert_eq!(changes[0]["doc_id"], forged.doc_id.as_str());
    assert_eq!(changes[0]["by"], lee_id.as_str());
    assert_eq!(changes[0]["name"], "이영희");
    let message = error["error"]["message"].as_str().expect("message");
    assert!(message.contains(&forged.doc_id), "{message}");
    assert!(message.contains(&kim_id), "{message}");
    // Nothing of it was stored, the honest document included: the feed is empty.
    assert_eq!(server.documents(&alpha).unwrap_or(0), 0);
    let feed = server.exchange(
        &alpha,
        &lee,
        &SyncRequest {
            cursor: Some(0),
            feed_limit: 100,
            ..SyncRequest::default()
        },
    );
    assert!(feed.changed.is_empty(), "{:?}", feed.changed);

    // Each document goes from the account it names.
    assert_eq!(
        server
            .sync_raw(&alpha, &kim, "kim-laptop", push(vec![honest]))
            .status,
        200
    );
    assert_eq!(
        server
            .sync_raw(&alpha, &lee, "lee-laptop", push(vec![forged]))
            .status,
        200
    );
    assert_eq!(server.documents(&alpha), Some(2));
}

#[test]
fn an_auditors_push_of_anything_but_audit_records_is_refused() {
    let data = ServerData::new();
    let alpha = data.create_workspace("Alpha");
    data.add_user("park", &alpha, "auditor");
    let server = data.serve(&[]);
    let (park, park_id) = server.login_account("park");
    let asset = hand_made("asset/01JD0000000000000000000003", &park_id, "박감사");
    let audit = hand_made("audit/01JD0000000000000000000004", &park_id, "박감사");
    let reply = server.sync_raw(
        &alpha,
        &park,
        "park-laptop",
        push(vec![audit.clone(), asset]),
    );
    assert_eq!(reply.refusal(), (403, "not_entitled".to_owned()));
    assert!(reply.text().contains("asset/01JD0000000000000000000003"));
    assert_eq!(server.documents(&alpha).unwrap_or(0), 0);
    assert_eq!(
        server
            .sync_raw(&alpha, &park, "park-laptop", push(vec![audit]))
            .status,
        200
    );
}

fn add(cli: &Cli, tag: &str, user: &str) {
    cli.run_with_env(
        &[
            "asset",
            "add",
            "--asset-tag",
            tag,
            "--type",
            "server",
            "--status",
            "in_use",
        ],
        &[("USER", user)],
    )
    .ok();
}

/// Each history entry's shown name and how its author is known.
fn authors(cli: &Cli, tag: &str) -> Vec<(String, serde_json::Value)> {
    let shown = cli.run(&["asset", "show", tag, "--json"]).json();
    shown["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|entry| {
            (
                entry["author"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                entry["author_check"].clone(),
            )
        })
        .collect()
}

#[test]
fn a_changed_user_name_does_not_change_who_a_change_is_by() {
    let data = ServerData::new();
    let alpha = data.create_workspace("Alpha");
    data.add_user("kim", &alpha, "editor");
    data.add_user("lee", &alpha, "editor");
    let server = data.serve(&[]);
    let (_, kim_id) = server.login_account("kim");

    // Before any login, kim's laptop records a change as its own local identity, under
    // whatever USER says: shown as unverified, no server having vouched for it.
    let kim = Cli::new();
    kim.run(&["workspace", "create", "Alpha"]).ok();
    add(&kim, "OFF-0001", "lee");
    assert_eq!(
        authors(&kim, "OFF-0001"),
        [("lee".to_owned(), json!({"state": "unverified"}))]
    );
    // Logged in, USER=lee changes nothing: the change is kim's account's.
    kim.login(&server, "kim");
    add(&kim, "ON-0001", "lee");
    kim.run(&["sync"]).ok();

    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let verified_kim = json!({"state": "verified", "user_id": kim_id, "name": "kim"});
    assert_eq!(
        authors(&lee, "ON-0001"),
        [("kim".to_owned(), verified_kim.clone())],
        "shown by the account's name, verified"
    );
    // The change made before the login is kim's too: kim's login claimed the laptop's
    // local identity, and the roster says so.
    assert_eq!(
        authors(&lee, "OFF-0001"),
        [("lee".to_owned(), verified_kim)]
    );
}
