//! Whatever a client sends, the team server answers with a 4xx and a JSON error, never a 5xx
//! or a dropped connection, and goes on serving: truncated and oversized bodies, random bytes,
//! protocol versions from the future, replayed pushes, garbage JSON and wrong methods.

use cloudwright_core::sync::blobs::sha256_hex;
use cloudwright_core::sync::protocol::{self, DocWant, PushResult, SyncRequest};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use reqwest::Method;

use crate::util::{offline_push, Cli, Reply, Server, ServerData};

const WORKSPACE: &str = "평택 1센터";
const MAX_BODY_BYTES: usize = 64 * 1024;

struct Setup {
    _data: ServerData,
    server: Server,
    workspace: String,
    token: String,
}

fn setup() -> Setup {
    let data = ServerData::new();
    let workspace = data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    data.add_user("lee", WORKSPACE, "editor");
    let server = data.serve(&["--max-body-bytes", &MAX_BODY_BYTES.to_string()]);
    let token = server.login_token("kim");
    // Open the workspace's hub so that its document count is in the metrics from here on.
    let feed = protocol::encode(&SyncRequest {
        cursor: Some(0),
        feed_limit: 10,
        ..SyncRequest::default()
    });
    assert_eq!(
        server.sync_raw(&workspace, &token, "probe", feed).status,
        200
    );
    Setup {
        _data: data,
        server,
        workspace,
        token,
    }
}

/// The blob every blob route names; the server never gets its bytes.
const BLOB: &[u8] = b"the photo of rack R-07";

/// Each route of the API, as the method and path it is meant to be called with.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Route {
    Login,
    Logout,
    Workspaces,
    Sync,
    BlobsHas,
    BlobPut,
    BlobGet,
    Health,
    Metrics,
}

const ROUTES: [Route; 9] = [
    Route::Login,
    Route::Logout,
    Route::Workspaces,
    Route::Sync,
    Route::BlobsHas,
    Route::BlobPut,
    Route::BlobGet,
    Route::Health,
    Route::Metrics,
];

impl Route {
    fn method(self) -> Method {
        match self {
            Route::Login | Route::Logout | Route::Sync | Route::BlobsHas => Method::POST,
            Route::BlobPut => Method::PUT,
            Route::Workspaces | Route::BlobGet | Route::Health | Route::Metrics => Method::GET,
        }
    }

    fn allowed(self) -> &'static str {
        match self {
            Route::BlobPut | Route::BlobGet => "GET, PUT",
            Route::Login | Route::Logout | Route::Sync | Route::BlobsHas => "POST",
            Route::Workspaces | Route::Health | Route::Metrics => "GET",
        }
    }

    fn path(self, workspace: &str) -> String {
        let sha = sha256_hex(BLOB);
        match self {
            Route::Login => "/v1/login".to_owned(),
            Route::Logout => "/v1/logout".to_owned(),
            Route::Workspaces => "/v1/workspaces".to_owned(),
            Route::Sync => format!("/v1/workspaces/{workspace}/sync"),
            Route::BlobsHas => format!("/v1/workspaces/{workspace}/blobs/has"),
            Route::BlobPut | Route::BlobGet => format!("/v1/workspaces/{workspace}/blobs/{sha}"),
            Route::Health => "/healthz".to_owned(),
            Route::Metrics => "/metrics".to_owned(),
        }
    }

    /// The `Content-Type` the route's bodies have (the server refuses others with 415).
    fn content_type(self) -> &'static str {
        match self {
            Route::Login | Route::BlobsHas => "application/json",
            Route::Sync => protocol::CONTENT_TYPE,
            _ => "application/octet-stream",
        }
    }

    /// Whether the route reads the request body at all.
    fn reads_body(self) -> bool {
        matches!(
            self,
            Route::Login | Route::Sync | Route::BlobsHas | Route::BlobPut
        )
    }
}

impl Setup {
    /// Sends `body` to `route` the way a client of that route would (with a token, except to
    /// `/v1/logout`, which would end the session), failing the test on a dropped connection.
    fn send(&self, route: Route, method: Method, body: reqwest::blocking::Body) -> Reply {
        let url = format!("{}{}", self.server.url, route.path(&self.workspace));
        let mut request = self
            .server
            .http
            .request(method.clone(), &url)
            .header("x-cloudwright-client", "bad-input")
            .header("content-type", route.content_type())
            .body(body);
        if route != Route::Logout {
            request = request.bearer_auth(&self.token);
        }
        let response = request
            .send()
            .unwrap_or_else(|error| panic!("{method} {url}: no answer: {error:?}"));
        Reply::read(response)
    }

    fn send_bytes(&self, route: Route, body: &[u8]) -> Reply {
        self.send(route, route.method(), body.to_vec().into())
    }

    /// The answer `route` gives to its own method without a body.
    fn plain(&self, route: Route) -> Reply {
        self.send_bytes(route, b"")
    }

    fn documents(&self) -> Option<u64> {
        self.server.documents(&self.workspace)
    }

    /// After the abuse, the server still answers its health check and a real client syncs.
    fn still_serves(&self) {
        assert_eq!(self.plain(Route::Health).status, 200);
        let before = self.documents();
        let cli = Cli::new();
        cli.login(&self.server, "lee");
        cli.run(&[
            "asset",
            "add",
            "--asset-tag",
            "PT1-SRV-AFTER",
            "--type",
            "server",
            "--status",
            "in_stock",
        ])
        .ok();
        cli.run(&["sync"]).ok();
        assert_eq!(cli.sync_status()["pending"], 0);
        assert_eq!(self.documents(), before.map(|n| n + 1));
    }
}

/// Asserts a 4xx with the one JSON error shape; returns (status, code).
fn refused(reply: &Reply, context: &str) -> (u16, String) {
    assert!(
        (400..500).contains(&reply.status),
        "{context}: status {} ({})",
        reply.status,
        reply.text()
    );
    assert!(
        reply.content_type.starts_with("application/json"),
        "{context}: content type {:?}",
        reply.content_type
    );
    reply.refusal()
}

/// A real sync message: an offline-registered asset pushed, the feed and a document wanted.
fn valid_sync_message() -> Vec<u8> {
    protocol::encode(&SyncRequest {
        push: vec![offline_push("PT1-SRV-0001")],
        cursor: Some(0),
        feed_limit: 100,
        want: vec![DocWant {
            doc_id: format!("asset/{}", ulid::Ulid::new()),
            have: vec![[7; 32]],
        }],
        exchange: 1,
    })
}

#[test]
fn truncated_bodies_get_400_and_store_nothing() {
    let setup = setup();
    let message = valid_sync_message();
    let len = message.len();
    for cut in [
        0,
        1,
        2,
        3,
        4,
        5,
        6,
        9,
        40,
        len / 3,
        len / 2,
        len - 2,
        len - 1,
    ] {
        let body = &message[..cut];
        let expected = protocol::decode::<SyncRequest>(body)
            .expect_err("a cut message does not decode")
            .code();
        let reply = setup.send_bytes(Route::Sync, body);
        assert_eq!(
            refused(&reply, &format!("sync cut at {cut}")),
            (400, expected.to_owned())
        );
    }
    let mut longer = message.clone();
    longer.push(0);
    assert_eq!(
        refused(&setup.send_bytes(Route::Sync, &longer), "a byte too many"),
        (400, "malformed".into())
    );

    let login = serde_json::json!({"user": "kim", "password": crate::util::PASSWORD}).to_string();
    let has = serde_json::json!({"hashes": [sha256_hex(BLOB)]}).to_string();
    for (route, whole) in [(Route::Login, login), (Route::BlobsHas, has)] {
        for cut in [1, whole.len() / 2, whole.len() - 1] {
            let reply = setup.send_bytes(route, &whole.as_bytes()[..cut]);
            assert_eq!(
                refused(&reply, &format!("{route:?} cut at {cut}")),
                (400, "malformed_json".into())
            );
        }
    }
    for cut in [0, 1, BLOB.len() - 1] {
        let reply = setup.send_bytes(Route::BlobPut, &BLOB[..cut]);
        assert_eq!(
            refused(&reply, &format!("blob cut at {cut}")),
            (400, "hash_mismatch".into())
        );
    }
    assert_eq!(refused(&setup.plain(Route::BlobGet), "blob get").0, 404);
    assert_eq!(setup.documents(), Some(0));
    setup.still_serves();
}

#[test]
fn sync_messages_from_other_protocol_versions_get_400_unsupported_version() {
    let setup = setup();
    let message = valid_sync_message();
    for version in [0u8, 1, 9, 255] {
        let mut future = message.clone();
        future[3] = version;
        assert_eq!(
            refused(
                &setup.send_bytes(Route::Sync, &future),
                &format!("version {version}")
            ),
            (400, "unsupported_version".into())
        );
    }
    assert_eq!(
        refused(&setup.send_bytes(Route::Sync, b"CWS\x09"), "bare header"),
        (400, "unsupported_version".into())
    );
    assert_eq!(setup.documents(), Some(0));
    setup.still_serves();
}

/// Sends `route` a chunked body of `total` bytes over a raw connection, reading the answer
/// while still writing, as curl and browsers do: a server may answer before the body ends.
/// (reqwest's blocking client reports an error instead of such an early answer when it streams
/// a body, so it cannot be the client here.)
fn send_chunked(setup: &Setup, route: Route, total: usize) -> Reply {
    use std::io::{Read, Write};
    let address = setup.server.url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .expect("read timeout");
    let auth = if route == Route::Logout {
        String::new()
    } else {
        format!("authorization: Bearer {}\r\n", setup.token)
    };
    let head = format!(
        "{} {} HTTP/1.1\r\nhost: {address}\r\n{auth}x-cloudwright-client: bad-input\r\ncontent-type: {}\r\ntransfer-encoding: chunked\r\n\r\n",
        route.method(),
        route.path(&setup.workspace),
        route.content_type(),
    );
    stream.write_all(head.as_bytes()).expect("request head");
    let mut writer = stream.try_clone().expect("a second handle");
    let sender = std::thread::spawn(move || {
        let chunk = vec![b'x'; 16 * 1024];
        let mut sent = 0;
        while sent < total {
            let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
            // The server may stop reading once it has answered; that ends the sending.
            if writer.write_all(&frame).is_err() {
                return;
            }
            sent += chunk.len();
        }
        let _ = writer.write_all(b"0\r\n\r\n");
    });
    let mut answer = Vec::new();
    let mut buffer = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let read = stream.read(&mut buffer).unwrap_or_else(|error| {
            panic!("{route:?}: the connection dropped before an answer: {error}")
        });
        assert!(
            read > 0,
            "{route:?}: the connection closed without an answer"
        );
        answer.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&answer[..head_end]).to_lowercase();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("{route:?}: not an HTTP answer: {head}"));
    let header = |name: &str| {
        head.lines()
            .find_map(|line| line.strip_prefix(name))
            .map(|value| value.trim().to_owned())
            .unwrap_or_default()
    };
    let length: usize = header("content-length:").parse().unwrap_or(0);
    while answer.len() < head_end + length {
        let read = stream.read(&mut buffer).unwrap_or_else(|error| {
            panic!("{route:?}: the connection dropped in the answer: {error}")
        });
        assert!(read > 0, "{route:?}: the answer was cut short");
        answer.extend_from_slice(&buffer[..read]);
    }
    drop(stream);
    let _ = sender.join();
    Reply {
        status,
        content_type: header("content-type:"),
        allow: header("allow:"),
        body: answer[head_end..head_end + length].to_vec(),
    }
}

#[test]
fn bodies_over_the_limit_get_413_and_others_their_usual_answer() {
    let setup = setup();
    let big = vec![b'x'; 1024 * 1024];
    for route in ROUTES {
        let usual = setup.plain(route).status;
        let with_length = setup.send(route, route.method(), big.clone().into());
        let chunked = send_chunked(&setup, route, big.len());
        for (reply, how) in [(with_length, "content-length"), (chunked, "chunked")] {
            let context = format!("{route:?} with 1 MiB ({how})");
            if route.reads_body() {
                assert_eq!(refused(&reply, &context), (413, "body_too_large".into()));
            } else {
                assert_eq!(reply.status, usual, "{context}: {}", reply.text());
            }
        }
    }
    // Exactly at the limit is read (and refused for what it says, not for its size).
    let at_limit = vec![b'x'; MAX_BODY_BYTES];
    assert_eq!(
        refused(&setup.send_bytes(Route::Sync, &at_limit), "at the limit"),
        (400, "not_a_sync_message".into())
    );
    assert_eq!(setup.documents(), Some(0));
    setup.still_serves();
}

/// What a route must answer to a body.
enum Expected {
    /// This 4xx and error code.
    Refusal(u16, &'static str),
    /// The answer it gives without a body: the route does not read one.
    Usual,
    /// A 4xx with a JSON error, or 200: the bytes happen to be a sync message.
    MessageOrRefusal,
}

fn expected_answer(route: Route, body: &[u8]) -> Expected {
    match route {
        Route::Sync => match protocol::decode::<SyncRequest>(body) {
            Err(error) => Expected::Refusal(400, error.code()),
            Ok(_) => Expected::MessageOrRefusal,
        },
        Route::Login | Route::BlobsHas => Expected::Refusal(400, "malformed_json"),
        Route::BlobPut => Expected::Refusal(400, "hash_mismatch"),
        Route::Logout | Route::Workspaces | Route::BlobGet | Route::Health | Route::Metrics => {
            Expected::Usual
        }
    }
}

#[test]
fn random_bodies_get_a_4xx_with_a_json_error() {
    let setup = setup();
    let usual: Vec<u16> = ROUTES.iter().map(|&r| setup.plain(r).status).collect();
    let config = Config {
        cases: 200,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    // The current version's header, so the random bytes reach the message decoder.
    let current = [b'C', b'W', b'S', protocol::PROTOCOL_VERSION];
    let headers: [&[u8]; 4] = [b"", &current, b"CWS\x09", b"{\""];
    let strategy = (
        0..ROUTES.len(),
        0..headers.len(),
        proptest::collection::vec(any::<u8>(), 0..4096),
    );
    let result = runner.run(&strategy, |(route_index, header, garbage)| {
        let route = ROUTES[route_index];
        let mut body = headers[header].to_vec();
        body.extend_from_slice(&garbage);
        let reply = setup.send_bytes(route, &body);
        let context = format!("{route:?} with {} random bytes", body.len());
        match expected_answer(route, &body) {
            Expected::Refusal(status, code) => {
                prop_assert_eq!(refused(&reply, &context), (status, code.to_owned()));
            }
            Expected::Usual => prop_assert_eq!(reply.status, usual[route_index], "{}", context),
            Expected::MessageOrRefusal => {
                if reply.status != 200 {
                    refused(&reply, &context);
                }
            }
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    assert_eq!(setup.documents(), Some(0));
    setup.still_serves();
}

#[test]
fn a_replayed_push_is_answered_again_and_stored_once() {
    let setup = setup();
    let push = protocol::encode(&SyncRequest {
        push: vec![offline_push("PT1-SRV-0001"), offline_push("PT1-SRV-0002")],
        ..SyncRequest::default()
    });
    let mut answers = Vec::new();
    let mut counts = Vec::new();
    for _ in 0..2 {
        let reply = setup.send_bytes(Route::Sync, &push);
        assert_eq!(reply.status, 200, "{}", reply.text());
        let answer: protocol::SyncResponse = protocol::decode(&reply.body).expect("an answer");
        assert!(
            answer
                .pushed
                .iter()
                .all(|result| matches!(result, PushResult::Stored { .. })),
            "{:?}",
            answer.pushed
        );
        answers.push(answer.pushed);
        counts.push(setup.documents());
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(counts, [Some(2), Some(2)]);

    let reader = Cli::new();
    reader.login(&setup.server, "lee");
    reader.run(&["sync"]).ok();
    let tags: Vec<_> = reader
        .assets()
        .iter()
        .map(|row| row["asset"]["asset_tag"].clone())
        .collect();
    assert_eq!(tags.len(), 2, "{tags:?}");
    setup.still_serves();
}

#[test]
fn garbage_json_gets_400_malformed_json() {
    let setup = setup();
    // Deeper than serde_json goes (128), and within a login body's 8 KiB.
    let deep = "[".repeat(8_000);
    let bodies: Vec<&[u8]> = vec![
        b"",
        b"{",
        b"null",
        b"[]",
        b"\"kim\"",
        b"{\"user\": 5, \"password\": []}",
        b"{\"user\": \"kim\"}",
        b"{\"hashes\": [1, 2]}",
        b"{\"hashes\": \"all\"}",
        b"\xff\xfe{\"user\":\"kim\"}",
        b"1e999999",
        deep.as_bytes(),
    ];
    for route in [Route::Login, Route::BlobsHas] {
        for body in &bodies {
            let context = format!(
                "{route:?} {:?}",
                String::from_utf8_lossy(&body[..body.len().min(40)])
            );
            assert_eq!(
                refused(&setup.send_bytes(route, body), &context),
                (400, "malformed_json".into())
            );
        }
    }
    // Well-formed JSON that names something impossible is refused for that.
    let reply = setup.send_bytes(Route::BlobsHas, b"{\"hashes\": [\"../../etc/passwd\"]}");
    assert_eq!(refused(&reply, "bad hash"), (400, "bad_blob_hash".into()));
    setup.still_serves();
}

#[test]
fn wrong_methods_get_405_with_the_allowed_ones() {
    let setup = setup();
    let methods = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
    ];
    for route in ROUTES {
        for method in &methods {
            let allowed = route.allowed().split(", ").any(|m| m == method.as_str());
            if allowed {
                continue;
            }
            let reply = setup.send(route, method.clone(), b"{}".to_vec().into());
            let context = format!("{method} {route:?}");
            assert_eq!(
                refused(&reply, &context),
                (405, "method_not_allowed".into())
            );
            assert_eq!(reply.allow, route.allowed(), "{context}");
        }
    }
    for path in [
        "/",
        "/v1",
        "/v1/workspaces/x/y/z/w",
        "/healthz/",
        "/v2/login",
    ] {
        let reply = Reply::read(setup.server.get(path).send().expect("answered"));
        assert_eq!(refused(&reply, path), (404, "not_found".into()));
    }
    setup.still_serves();
}
