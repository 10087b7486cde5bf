//! Who may do what on the team server, over plain HTTP: logins and tokens, roles, and the
//! wall between workspaces (documents and blobs).

use cloudwright_core::sync::blobs::sha256_hex;
use cloudwright_core::sync::protocol::{encode, SyncRequest};
use serde_json::json;

use crate::util::{offline_push, poll, Cli, Reply, Server, ServerData};

fn workspaces(server: &Server, token: Option<&str>) -> Reply {
    let mut request = server.get("/v1/workspaces");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    Reply::read(request.send().expect("answered"))
}

fn login(server: &Server, user: &str, password: &str) -> Reply {
    Reply::read(
        server
            .post("/v1/login")
            .json(&json!({"user": user, "password": password}))
            .send()
            .expect("answered"),
    )
}

/// A feed request: the smallest exchange that needs read access.
fn feed() -> Vec<u8> {
    encode(&SyncRequest {
        cursor: Some(0),
        feed_limit: 100,
        ..SyncRequest::default()
    })
}

fn push_of(push: cloudwright_core::sync::protocol::DocPush) -> Vec<u8> {
    encode(&SyncRequest {
        push: vec![push],
        ..SyncRequest::default()
    })
}

fn add_asset(cli: &Cli, tag: &str) -> String {
    let row = cli
        .run(&[
            "asset",
            "add",
            "--asset-tag",
            tag,
            "--type",
            "server",
            "--status",
            "in_use",
            "--json",
        ])
        .json();
    format!("asset/{}", row["asset"]["id"].as_str().expect("an id"))
}

#[test]
fn passwords_sessions_and_api_tokens_are_checked() {
    let data = ServerData::new();
    data.create_workspace("Alpha");
    data.add_user("kim", "Alpha", "editor");
    let (_, short_lived) = data.issue_token("kim", Some(1));
    let (api_id, api_token) = data.issue_token("kim", None);
    let server = data.serve(&[]);

    for (user, password) in [
        ("kim", "not the password"),
        ("kim", ""),
        ("nobody", crate::util::PASSWORD),
    ] {
        assert_eq!(
            login(&server, user, password).refusal(),
            (401, "invalid_credentials".into()),
            "{user} / {password:?}"
        );
    }
    let session = server.login_token("kim");
    assert_eq!(workspaces(&server, Some(&session)).status, 200);
    assert_eq!(
        workspaces(&server, None).refusal(),
        (401, "unauthenticated".into())
    );
    assert_eq!(
        workspaces(&server, Some("cw_not-a-token")).refusal(),
        (401, "unauthenticated".into())
    );

    let expired = poll("the one-second token to be refused", || {
        let reply = workspaces(&server, Some(&short_lived));
        (reply.status != 200).then_some(reply)
    });
    assert_eq!(expired.refusal(), (401, "token_expired".into()));

    let logout = Reply::read(
        server
            .post("/v1/logout")
            .bearer_auth(&session)
            .send()
            .expect("answered"),
    );
    assert_eq!(logout.status, 204);
    assert_eq!(
        workspaces(&server, Some(&session)).refusal(),
        (401, "unauthenticated".into())
    );

    assert_eq!(workspaces(&server, Some(&api_token)).status, 200);
    // Admin commands need the data directory to themselves.
    server.kill();
    data.revoke_token(&api_id);
    let server = data.serve(&[]);
    assert_eq!(
        workspaces(&server, Some(&api_token)).refusal(),
        (401, "unauthenticated".into())
    );
    assert_eq!(login(&server, "kim", crate::util::PASSWORD).status, 200);
}

#[test]
fn a_viewer_reads_but_its_pushes_are_refused_and_change_nothing() {
    let data = ServerData::new();
    let alpha = data.create_workspace("Alpha");
    data.add_user("kim", "Alpha", "editor");
    data.add_user("park", "Alpha", "editor");
    data.add_user("yoon", "Alpha", "viewer");
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    let doc_id = add_asset(&kim, "PT1-SRV-0001");
    kim.run(&["sync"]).ok();
    let park = Cli::new();
    park.login(&server, "park");
    park.run(&["sync"]).ok();
    let park_before = park.assets();
    assert_eq!(park_before.len(), 1);
    let documents = server.documents(&alpha);
    assert_eq!(documents, Some(1));

    let viewer = server.login_token("yoon");
    let readable = server.document(&alpha, &viewer, &doc_id);
    let refused = [
        // A document the viewer made offline.
        offline_push("PT1-VIEW-0001"),
        // A copy of the team's own document under its own id.
        cloudwright_core::sync::protocol::DocPush {
            doc_id: doc_id.clone(),
            heads: Vec::new(),
            data: readable.data.clone(),
        },
    ];
    for push in refused {
        let reply = server.sync_raw(&alpha, &viewer, "viewer-laptop", push_of(push));
        assert_eq!(reply.refusal(), (403, "read_only".into()));
    }
    let blob = b"a viewer's photo".to_vec();
    let reply = Reply::read(
        server
            .put(&format!(
                "/v1/workspaces/{alpha}/blobs/{}",
                sha256_hex(&blob)
            ))
            .bearer_auth(&viewer)
            .body(blob)
            .send()
            .expect("answered"),
    );
    assert_eq!(reply.refusal(), (403, "read_only".into()));

    assert_eq!(server.documents(&alpha), documents);
    assert_eq!(server.document(&alpha, &viewer, &doc_id), readable);
    park.run(&["sync"]).ok();
    assert_eq!(park.sync_status()["last"]["pulled"], 0);
    assert_eq!(park.assets(), park_before);
}

#[test]
fn a_workspace_is_walled_off_from_members_of_another() {
    let data = ServerData::new();
    let alpha = data.create_workspace("Alpha");
    let beta = data.create_workspace("Beta");
    data.add_user("kim", "Alpha", "editor");
    data.add_user("lee", "Beta", "editor");
    let server = data.serve(&[]);
    let kim = server.login_token("kim");
    let lee = server.login_token("lee");

    assert_eq!(
        server.sync_raw(&alpha, &kim, "kim-laptop", feed()).status,
        200
    );
    assert_eq!(
        server.sync_raw(&beta, &kim, "kim-laptop", feed()).refusal(),
        (403, "forbidden".into())
    );
    let nowhere = ulid::Ulid::new().to_string();
    for workspace in [nowhere.as_str(), "not-a-workspace"] {
        assert_eq!(
            server
                .sync_raw(workspace, &kim, "kim-laptop", feed())
                .refusal(),
            (404, "unknown_workspace".into()),
            "{workspace}"
        );
    }

    let lee_cli = Cli::new();
    lee_cli.login(&server, "lee");
    let doc_id = add_asset(&lee_cli, "BETA-SRV-0001");
    lee_cli.run(&["sync"]).ok();
    let before = server.document(&beta, &lee, &doc_id);

    // An editor of Alpha pushes into Alpha a document whose id Beta holds: a new document of
    // its own and a copy of Beta's bytes.
    let mut forged = offline_push("BETA-SRV-0001");
    forged.doc_id = doc_id.clone();
    let copied = cloudwright_core::sync::protocol::DocPush {
        doc_id: doc_id.clone(),
        heads: Vec::new(),
        data: before.data.clone(),
    };
    for push in [forged, copied] {
        assert_eq!(
            server
                .sync_raw(&alpha, &kim, "kim-laptop", push_of(push))
                .refusal(),
            (403, "document_in_other_workspace".into())
        );
    }
    assert_eq!(server.document(&beta, &lee, &doc_id), before);
    let want = encode(&SyncRequest {
        want: vec![cloudwright_core::sync::protocol::DocWant {
            doc_id: doc_id.clone(),
            have: Vec::new(),
        }],
        ..SyncRequest::default()
    });
    assert_eq!(
        server.sync_raw(&alpha, &kim, "kim-laptop", want).refusal(),
        (404, "unknown_document".into())
    );

    let blob = b"rack photo of Beta, row 7".repeat(100);
    let sha = sha256_hex(&blob);
    let put = Reply::read(
        server
            .put(&format!("/v1/workspaces/{beta}/blobs/{sha}"))
            .bearer_auth(&lee)
            .body(blob.clone())
            .send()
            .expect("answered"),
    );
    assert_eq!(put.status, 201, "{}", put.text());
    let get = |workspace: &str, token: &str| {
        Reply::read(
            server
                .get(&format!("/v1/workspaces/{workspace}/blobs/{sha}"))
                .bearer_auth(token)
                .send()
                .expect("answered"),
        )
    };
    let beta_copy = get(&beta, &lee);
    assert_eq!((beta_copy.status, beta_copy.body), (200, blob));
    assert_eq!(get(&alpha, &kim).refusal(), (404, "unknown_blob".into()));
    assert_eq!(get(&beta, &kim).refusal(), (403, "forbidden".into()));
    let has = Reply::read(
        server
            .post(&format!("/v1/workspaces/{alpha}/blobs/has"))
            .bearer_auth(&kim)
            .json(&json!({ "hashes": [sha] }))
            .send()
            .expect("answered"),
    );
    assert_eq!(has.status, 200);
    let missing: serde_json::Value = serde_json::from_slice(&has.body).expect("JSON");
    assert_eq!(missing, json!({ "missing": [sha] }));
}
