//! `admin backup` of a running server through its control socket, and of a stopped one;
//! `admin restore` into a new data directory, and what it refuses.

use std::io::{BufRead as _, BufReader, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc, ROOT};
use cloudwright_core::sync::protocol::{self, DocPush, DocWant, SyncRequest, SyncResponse};
use serde_json::Value;

use crate::util::{Harness, Server};

const DOC_ID: &str = "note/01JD5Z0000000000000000000B";
const LATER_DOC_ID: &str = "note/01JD5Z0000000000000000000C";

fn exchange(server: &Server, token: &str, ws: &str, request: &SyncRequest) -> SyncResponse {
    exchange_as(server, token, ws, "laptop-1", request)
}

fn exchange_as(
    server: &Server,
    token: &str,
    ws: &str,
    client: &str,
    request: &SyncRequest,
) -> SyncResponse {
    let response = server
        .post(&format!("/v1/workspaces/{ws}/sync"))
        .bearer_auth(token)
        .header("X-Cloudwright-Client", client)
        .header("Content-Type", protocol::CONTENT_TYPE)
        .body(protocol::encode(request))
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    protocol::decode(&response.bytes().expect("bytes")).expect("a sync answer")
}

fn push_document(server: &Server, token: &str, ws: &str, doc_id: &str, tag: &str) {
    let mut doc = AutoCommit::new();
    doc.put(ROOT, "asset_tag", tag).expect("put");
    let request = SyncRequest {
        push: vec![DocPush {
            doc_id: doc_id.into(),
            heads: vec![],
            data: doc.save(),
        }],
        ..SyncRequest::default()
    };
    exchange(server, token, ws, &request);
}

/// The documents the workspace's feed lists, from its start.
fn feed(server: &Server, token: &str, ws: &str) -> Vec<String> {
    let request = SyncRequest {
        cursor: Some(0),
        feed_limit: 100,
        ..SyncRequest::default()
    };
    // Another device than the pushing one: a device is not told of its own pushes.
    let answer = exchange_as(server, token, ws, "reader", &request);
    answer
        .changed
        .into_iter()
        .map(|entry| entry.doc_id)
        .collect()
}

/// The tag of the stored document and the answer's feed epoch.
fn stored_tag(server: &Server, token: &str, ws: &str) -> (String, protocol::FeedEpoch) {
    let answer = exchange(
        server,
        token,
        ws,
        &SyncRequest {
            want: vec![DocWant {
                doc_id: DOC_ID.into(),
                have: vec![],
            }],
            ..SyncRequest::default()
        },
    );
    let doc = AutoCommit::load(&answer.docs[0].data).expect("a document");
    let tag = doc
        .get(ROOT, "asset_tag")
        .expect("read")
        .map(|(value, _)| value.as_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    (tag, answer.epoch)
}

fn workspaces_status(server: &Server, token: &str) -> u16 {
    server
        .get("/v1/workspaces")
        .bearer_auth(token)
        .send()
        .expect("answered")
        .status()
        .as_u16()
}

/// Runs `admin ARGS` on another data directory than the harness's.
fn admin_on(data_dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(crate::util::BIN)
        .arg("admin")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("cloudwright-sync runs")
}

#[test]
fn a_running_server_is_backed_up_through_its_socket_and_restored_whole_elsewhere() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let api = h
        .admin(&["token", "issue", "kim", "--label", "ci"])
        .trim()
        .to_owned();
    let server = h.serve(&[]);
    let socket = h.data_dir().join("control.sock");
    let mode = std::fs::metadata(&socket)
        .expect("the socket")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "only the server's user may use it");
    let session = server.login("kim");
    push_document(&server, &session, &ws, DOC_ID, "PT1-SRV-0001");
    let (_, epoch_before) = stored_tag(&server, &session, &ws);

    let backup = h.path("backup");
    let said = h.admin(&["backup", backup.to_str().expect("utf-8")]);
    assert!(said.contains("from the running server"), "{said}");
    assert!(said.contains("1 workspace(s) (1 documents"), "{said}");
    server.wait_for_log("backup finished");
    // The server goes on serving, and changes after the backup are not in it.
    push_document(&server, &session, &ws, LATER_DOC_ID, "PT1-SRV-0002");
    assert_eq!(feed(&server, &session, &ws), [DOC_ID, LATER_DOC_ID]);
    let status = server.stop();
    assert!(status.success());
    assert!(!socket.exists(), "the socket goes with the server");

    let fresh = Harness::new();
    let output = admin_on(
        &fresh.data_dir(),
        &["restore", backup.to_str().expect("utf-8")],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("restored 1 workspace(s) and 1 user(s)"),
        "{stdout}"
    );
    let restored = fresh.serve(&[]);
    // The same workspace id, the document as backed up, a new feed epoch; the API token and
    // the session both still sign in.
    let (tag, epoch_after) = stored_tag(&restored, &session, &ws);
    assert_eq!(tag, "PT1-SRV-0001");
    assert_eq!(feed(&restored, &session, &ws), [DOC_ID]);
    assert_ne!(epoch_after, epoch_before);
    assert_eq!(workspaces_status(&restored, &api), 200);
    restored.login("kim");
    restored.stop();
    let listed: Value =
        serde_json::from_str(&fresh.admin(&["user", "list", "--json"])).expect("JSON");
    assert_eq!(listed[0]["workspaces"][0]["id"], ws.as_str());
}

#[test]
fn a_stopped_server_is_backed_up_from_its_store_and_a_used_folder_is_refused() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    {
        let server = h.serve(&[]);
        let token = server.login("kim");
        push_document(&server, &token, &ws, DOC_ID, "PT1-SRV-0003");
        server.stop();
    }
    let backup = h.path("offline");
    let said = h.admin(&["backup", backup.to_str().expect("utf-8")]);
    assert!(!said.contains("running server"), "{said}");
    assert!(backup.join("server.json").exists());
    let again = h.admin_fails(&["backup", backup.to_str().expect("utf-8")]);
    assert!(again.contains("not empty"), "{again}");
}

#[test]
fn restore_refuses_a_used_data_dir_a_running_server_and_a_damaged_backup() {
    let h = Harness::new();
    h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let backup = h.path("backup");
    let backup_arg = backup.to_str().expect("utf-8");
    h.admin(&["backup", backup_arg]);

    // Its own data directory holds data: refused, then moved aside when told to.
    let refused = h.admin_fails(&["restore", backup_arg]);
    assert!(refused.contains("already holds"), "{refused}");
    let server = h.serve(&[]);
    let refused = h.admin_fails(&["restore", backup_arg, "--replace-existing-data"]);
    assert!(refused.contains("a server is running"), "{refused}");
    server.stop();
    let said = h.admin(&["restore", backup_arg, "--replace-existing-data"]);
    assert!(said.contains("is kept in"), "{said}");
    let aside: Vec<_> = std::fs::read_dir(h.data_dir())
        .expect("data dir")
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("replaced-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(aside[0].path().join("store").is_dir());

    // One changed byte in the accounts: refused with the file named, nothing created.
    let accounts = backup.join("accounts.json");
    let mut bytes = std::fs::read(&accounts).expect("accounts");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&accounts, bytes).expect("write");
    let fresh = Harness::new();
    let output = admin_on(&fresh.data_dir(), &["restore", backup_arg]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("damaged") && stderr.contains("accounts.json"),
        "{stderr}"
    );
    assert!(
        !fresh.data_dir().join("store").exists(),
        "nothing was created"
    );
}

#[test]
fn a_restore_cut_off_is_refused_by_serve_and_admin_and_done_again_whole() {
    let h = Harness::new();
    h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let backup = h.path("backup");
    let backup_arg = backup.to_str().expect("utf-8");
    h.admin(&["backup", backup_arg]);
    let fresh = Harness::new();
    let restored = admin_on(&fresh.data_dir(), &["restore", backup_arg]);
    assert!(restored.status.success());
    // What a restore killed while writing leaves: its marker beside the part it wrote.
    std::fs::write(fresh.data_dir().join("restore-unfinished.json"), "{}").expect("marker");
    let listed = admin_on(&fresh.data_dir(), &["user", "list"]);
    let stderr = String::from_utf8_lossy(&listed.stderr);
    assert!(stderr.contains("did not finish"), "{stderr}");
    let served = std::process::Command::new(crate::util::BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(fresh.data_dir())
        .output()
        .expect("serve runs");
    assert!(!served.status.success());
    assert!(String::from_utf8_lossy(&served.stderr).contains("did not finish"));
    let again = admin_on(&fresh.data_dir(), &["restore", backup_arg]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(!fresh.data_dir().join("restore-unfinished.json").exists());
    fresh.serve(&[]).login("kim");
}

#[test]
fn the_control_socket_refuses_another_protocol_version_and_a_relative_folder() {
    let h = Harness::new();
    h.workspace("Alpha");
    let server = h.serve(&[]);
    let ask = |line: &str| {
        let mut stream = std::os::unix::net::UnixStream::connect(h.data_dir().join("control.sock"))
            .expect("the control socket answers");
        stream.write_all(line.as_bytes()).expect("sent");
        let mut answer = String::new();
        BufReader::new(&stream)
            .read_line(&mut answer)
            .expect("an answer");
        serde_json::from_str::<Value>(&answer).expect("JSON")
    };
    let answer = ask("{\"version\":9,\"command\":\"backup\",\"dir\":\"/tmp/x\"}\n");
    assert_eq!(answer["answer"], "failed");
    assert!(
        answer["message"]
            .as_str()
            .unwrap_or_default()
            .contains("version 9"),
        "{answer}"
    );
    let answer = ask("{\"version\":1,\"command\":\"backup\",\"dir\":\"relative\"}\n");
    assert_eq!(answer["answer"], "failed");
    assert!(
        answer["message"]
            .as_str()
            .unwrap_or_default()
            .contains("absolute"),
        "{answer}"
    );
    assert!(!h.data_dir().join("relative").exists());
    assert_eq!(
        server.get("/healthz").send().expect("answered").status(),
        200
    );
}
