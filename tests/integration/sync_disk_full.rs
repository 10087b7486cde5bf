//! A full disk on the team server (issue 17), on a small tmpfs mounted for the test, through
//! the real `cloudwright-sync` and real CLIs: a device pushes until the disk has no room; then
//! pushes and blob uploads are refused with 507 `insufficient_storage` (the CLI says nothing
//! was sent and the edits are kept), while fetches, blob downloads, the feed and logins go on
//! and `/healthz` says degraded with the reason; once space is freed the pushes go through
//! without a restart, and after a SIGKILL and a restart every acknowledged push is there.
//!
//! Mounting needs root (or CAP_SYS_ADMIN). Where the test may not mount, it says so and
//! stops, as `cli_disk_full` does; the store's side of a full disk is then covered by core's
//! fault-injecting tree (`tests::faults` in cloudwright-core).

use cloudwright_core::sync::blobs::sha256_hex;
use cloudwright_core::sync::protocol::{self, SyncRequest};

use crate::util::{offline_push, Cli, Reply, Server, ServerData, SmallDisk, PASSWORD};

const WORKSPACE: &str = "평택 1센터";
const DISK_FULL: &str = "the team server's disk is full: nothing was sent";

/// A CSV of `rows` assets tagged `{prefix}-NNNN` with notes that compress poorly.
fn bulky_csv(prefix: &str, rows: u32) -> String {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15 ^ u64::from(prefix.len() as u32);
    for byte in prefix.bytes() {
        state = state.wrapping_mul(31).wrapping_add(u64::from(byte));
    }
    let mut csv = String::from("asset_tag,asset_type,status,notes\n");
    for n in 1..=rows {
        let notes: String = (0..150)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                format!("{:02x}", (state >> 56) as u8)
            })
            .collect();
        csv.push_str(&format!("{prefix}-{n:04},server,in_stock,{notes}\n"));
    }
    csv
}

/// Imports `rows` bulky assets tagged `{prefix}-…` into the device's workspace.
fn import(cli: &Cli, prefix: &str, rows: u32) {
    let csv = cli.path(&format!("{prefix}.csv"));
    std::fs::write(&csv, bulky_csv(prefix, rows)).expect("csv");
    cli.run(&["asset", "import", csv.to_str().expect("utf-8 path")])
        .ok();
}

fn tags(cli: &Cli) -> Vec<String> {
    let mut tags: Vec<String> = cli
        .assets()
        .iter()
        .map(|row| row["asset"]["asset_tag"].as_str().unwrap_or("").to_owned())
        .collect();
    tags.sort();
    tags
}

fn health(server: &Server) -> serde_json::Value {
    let reply = Reply::read(server.get("/healthz").send().expect("healthz answered"));
    assert_eq!(reply.status, 200, "{}", reply.text());
    serde_json::from_slice(&reply.body).expect("healthz JSON")
}

fn login(server: &Server, user: &str) -> Reply {
    Reply::read(
        server
            .post("/v1/login")
            .json(&serde_json::json!({"user": user, "password": PASSWORD}))
            .send()
            .expect("login answered"),
    )
}

fn token_of(reply: &Reply) -> String {
    assert_eq!(reply.status, 200, "login: {}", reply.text());
    let body: serde_json::Value = serde_json::from_slice(&reply.body).expect("login JSON");
    body["token"].as_str().expect("a token").to_owned()
}

/// The whole feed as `token` sees it: every document id it lists.
fn feed(server: &Server, workspace: &str, token: &str) -> Vec<String> {
    let request = SyncRequest {
        cursor: Some(0),
        feed_limit: 100_000,
        ..SyncRequest::default()
    };
    let reply = server.sync_raw(workspace, token, "reader", protocol::encode(&request));
    assert_eq!(
        reply.status,
        200,
        "a fetch on a full disk: {}",
        reply.text()
    );
    let answer: protocol::SyncResponse = protocol::decode(&reply.body).expect("a sync answer");
    answer
        .changed
        .into_iter()
        .map(|entry| entry.doc_id)
        .collect()
}

fn put_blob(server: &Server, workspace: &str, token: &str, bytes: &[u8]) -> Reply {
    Reply::read(
        server
            .put(&format!(
                "/v1/workspaces/{workspace}/blobs/{}",
                sha256_hex(bytes)
            ))
            .bearer_auth(token)
            .body(bytes.to_vec())
            .send()
            .expect("blob put answered"),
    )
}

#[test]
fn a_full_disk_refuses_pushes_with_507_serves_reads_and_logins_and_recovers_once_space_is_freed() {
    let disk = match SmallDisk::mount(24) {
        Ok(disk) => disk,
        Err(why) => {
            eprintln!("cannot mount a small tmpfs here ({why}); core's injected faults cover it");
            return;
        }
    };
    let data = ServerData {
        dir: tempfile::tempdir_in(disk.path()).expect("server data dir on the small disk"),
    };
    let workspace = data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    data.add_user("lee", WORKSPACE, "editor");
    let server = data.serve(&[]);
    assert_eq!(health(&server), serde_json::json!({"status": "ok"}));

    let kim = Cli::new();
    kim.login(&server, "kim");
    import(&kim, "KIM0", 100);
    kim.run(&["sync"]).ok();
    let lee = Cli::new();
    lee.login(&server, "lee");
    let lee_token = token_of(&login(&server, "lee"));
    let scan: Vec<u8> = (0..200_000u32)
        .map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(put_blob(&server, &workspace, &lee_token, &scan).status, 201);

    // Most of the disk taken by something else; kim's pushes take the rest.
    let ballast = disk.fill();
    let free = 4 * 1024 * 1024;
    let size = std::fs::metadata(&ballast).expect("ballast").len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&ballast)
        .and_then(|file| file.set_len(size.saturating_sub(free)))
        .expect("leave room");
    let mut acknowledged = tags(&kim);
    let mut refused = None;
    for round in 1..=40 {
        let prefix = format!("KIM{round}");
        import(&kim, &prefix, 100);
        let run = kim.run(&["sync"]);
        if run.code == 0 {
            acknowledged = tags(&kim);
            continue;
        }
        assert!(run.stderr.contains(DISK_FULL), "{}", run.stderr);
        assert!(
            run.stderr.contains("your edits are kept here"),
            "{}",
            run.stderr
        );
        refused = Some(round);
        break;
    }
    let refused = refused.expect("the server's disk never filled");
    assert!(refused > 1, "the first round already found the disk full");
    // Whatever else is on the disk takes the last bytes too.
    let filler = disk.fill_with("filler-2");

    // Pushes and blob uploads: 507 insufficient_storage.
    let push = SyncRequest {
        push: vec![offline_push("LEE-0001")],
        ..SyncRequest::default()
    };
    let pushed = server.sync_raw(&workspace, &lee_token, "lee-raw", protocol::encode(&push));
    assert_eq!(pushed.refusal(), (507, "insufficient_storage".to_owned()));
    let other: Vec<u8> = scan.iter().map(|byte| byte ^ 0x5a).collect();
    let uploaded = put_blob(&server, &workspace, &lee_token, &other);
    assert_eq!(uploaded.refusal(), (507, "insufficient_storage".to_owned()));
    let stderr = kim.run(&["sync"]).fails();
    assert!(stderr.contains(DISK_FULL), "{stderr}");
    assert!(
        kim.sync_status()["pending"].as_u64() > Some(0),
        "kim's edits wait on the device"
    );

    // Reported degraded, with the reason, and still 200 (see sync-server/src/health.rs).
    let degraded = health(&server);
    assert_eq!(degraded["status"], "degraded", "{degraded}");
    assert_eq!(degraded["reason"], "disk_full", "{degraded}");
    assert!(degraded["message"]
        .as_str()
        .is_some_and(|m| m.contains("disk is full")));

    // Logins go on (the session is held in memory), and so do fetches, the feed and blob
    // downloads, with the token of a login made on the full disk.
    let held_token = token_of(&login(&server, "lee"));
    let listed = feed(&server, &workspace, &held_token);
    assert!(
        listed.len() >= acknowledged.len(),
        "{} listed",
        listed.len()
    );
    let blob = Reply::read(
        server
            .get(&format!(
                "/v1/workspaces/{workspace}/blobs/{}",
                sha256_hex(&scan)
            ))
            .bearer_auth(&held_token)
            .send()
            .expect("blob get answered"),
    );
    assert_eq!((blob.status, blob.body == scan), (200, true));
    kim.login(&server, "kim");
    lee.run(&["sync"]).ok();
    assert_eq!(
        tags(&lee),
        acknowledged,
        "lee fetched every acknowledged push"
    );
    // A device's first login records its key: that waits for room, and says why.
    let newcomer = Cli::new();
    let first = newcomer.run_with_stdin(
        &["login", "--server", &server.url, "--user", "lee"],
        Some(&format!("{PASSWORD}\n")),
    );
    assert!(first.fails().contains("the team server's disk is full"));

    // Space freed: pushes go through, without a restart.
    std::fs::remove_file(filler).expect("free the space");
    std::fs::remove_file(ballast).expect("free the space");
    assert_eq!(health(&server), serde_json::json!({"status": "ok"}));
    kim.run(&["sync"]).ok();
    assert_eq!(kim.sync_status()["pending"], 0);
    assert_eq!(
        server
            .sync_raw(&workspace, &held_token, "lee-raw", protocol::encode(&push))
            .status,
        200
    );
    assert_eq!(
        put_blob(&server, &workspace, &held_token, &other).status,
        201
    );
    let everything = tags(&kim);
    assert_eq!(everything.len(), 100 * (refused as usize + 1));

    // SIGKILL, restart: every acknowledged push is there, and so is the session a login made
    // while the disk was full (written once there was room).
    let address = server.address().to_owned();
    server.kill();
    let server = data.serve_on(&address, &[]);
    assert!(feed(&server, &workspace, &held_token).len() > everything.len());
    kim.run(&["sync"]).ok();
    let fresh = Cli::new();
    fresh.login(&server, "kim");
    fresh.run(&["sync"]).ok();
    let mut expected = everything.clone();
    expected.push("LEE-0001".to_owned());
    expected.sort();
    assert_eq!(tags(&fresh), expected);
}
