use std::io::{Read, Write};
use std::net::TcpStream;

use reqwest::blocking::Body;
use serde_json::json;

use crate::util::{error_of, sha256_hex, Harness, Server};

fn setup(extra: &[&str]) -> (Harness, Server, String, String) {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(extra);
    let token = server.login("kim");
    (h, server, ws, token)
}

#[test]
fn bodies_over_the_limit_get_413() {
    let (_h, server, ws, token) = setup(&["--max-body-bytes", "1024"]);
    let big = vec![7u8; 4096];
    let path = format!("/v1/workspaces/{ws}/blobs/{}", sha256_hex(&big));

    let response = server
        .put(&path)
        .bearer_auth(&token)
        .body(big.clone())
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (413, "body_too_large".into()));
    // Without a Content-Length (chunked), the limit stops the reading instead.
    let chunked = Body::new(std::io::Cursor::new(big.clone()));
    let response = server
        .put(&path)
        .bearer_auth(&token)
        .body(chunked)
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (413, "body_too_large".into()));
    let response = server
        .post("/v1/login")
        .json(&json!({"user": "kim", "password": "x".repeat(2000)}))
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (413, "body_too_large".into()));

    // At the limit is fine.
    let fits = vec![7u8; 1024];
    let response = server
        .put(&format!("/v1/workspaces/{ws}/blobs/{}", sha256_hex(&fits)))
        .bearer_auth(&token)
        .body(fits)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 201);
    assert_eq!(
        server.get("/healthz").send().expect("answered").status(),
        200
    );
}

#[test]
fn malformed_requests_get_a_specific_4xx_and_the_server_goes_on() {
    let (_h, server, ws, token) = setup(&[]);
    let json_routes = [
        "/v1/login".to_owned(),
        format!("/v1/workspaces/{ws}/blobs/has"),
    ];
    for path in &json_routes {
        for body in ["{not json", "[1,2,3]", "{\"hashes\": 5, \"user\": 1}", ""] {
            let response = server
                .post(path)
                .bearer_auth(&token)
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .expect("answered");
            assert_eq!(
                error_of(response),
                (400, "malformed_json".into()),
                "{path} {body:?}"
            );
        }
    }

    let sync = format!("/v1/workspaces/{ws}/sync");
    let cases: [(&[u8], &str); 6] = [
        (b"hello", "not_a_sync_message"),
        (b"", "not_a_sync_message"),
        (b"CWS\x09\x00", "unsupported_version"),
        (b"CWS\x01\x00", "unsupported_version"),
        (b"CWS\x02\x00", "unsupported_version"),
        (b"CWS\x03\xff\xff\xff\xff\xff\xff", "malformed"),
    ];
    for (body, code) in cases {
        let response = server
            .post(&sync)
            .bearer_auth(&token)
            .header("X-Cloudwright-Client", "laptop-1")
            .header("Content-Type", "application/x-cloudwright-sync")
            .body(body.to_vec())
            .send()
            .expect("answered");
        assert_eq!(error_of(response), (400, code.into()), "{body:?}");
    }
    for client in [None, Some("has space"), Some(&*"x".repeat(65)), Some("")] {
        let mut request = server.post(&sync).bearer_auth(&token).body("CWS\x01");
        if let Some(client) = client {
            request = request.header("X-Cloudwright-Client", client);
        }
        assert_eq!(
            error_of(request.send().expect("answered")),
            (400, "bad_client_id".into())
        );
    }

    assert_eq!(
        error_of(server.get("/nowhere").send().expect("answered")),
        (404, "not_found".into())
    );
    assert_eq!(
        error_of(
            server
                .get("/v1/workspaces/x/y/z/w")
                .send()
                .expect("answered")
        ),
        (404, "not_found".into())
    );
    let response = server.get("/v1/login").send().expect("answered");
    assert_eq!(
        response
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok()),
        Some("POST")
    );
    assert_eq!(error_of(response), (405, "method_not_allowed".into()));

    // Bytes that are not HTTP at all get hyper's 400 (or a closed connection), nothing worse.
    let address = server.url.trim_start_matches("http://").to_owned();
    let mut raw = TcpStream::connect(&address).expect("connected");
    raw.write_all(b"\x16\x03\x01 this is not HTTP\r\n\r\n")
        .expect("written");
    let mut answer = Vec::new();
    let _ = raw.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 400"),
        "{answer}"
    );

    assert_eq!(
        server.get("/healthz").send().expect("answered").status(),
        200
    );
    let response = server
        .get("/v1/workspaces")
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
}

#[test]
fn a_config_file_sets_what_flags_leave_out() {
    let h = Harness::new();
    h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let config = h.path("sync.toml");
    crate::util::write(
        &config,
        "listen = \"127.0.0.1:1\"\ndata_dir = \"data\"\nmax_body_bytes = 100\nsession_days = 1\n",
    );
    // The file's data_dir is relative to the file; --listen overrides the file's port.
    let server = Server::start(
        &[
            "serve",
            "--config",
            config.to_str().expect("utf-8"),
            "--listen",
            "127.0.0.1:0",
        ],
        crate::util::client(),
    );
    let token = server.login("kim");
    let response = server
        .post("/v1/login")
        .json(&json!({"user": "kim", "password": "x".repeat(200)}))
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (413, "body_too_large".into()));
    assert_eq!(
        server
            .get("/v1/workspaces")
            .bearer_auth(&token)
            .send()
            .expect("answered")
            .status(),
        200
    );

    crate::util::write(&config, "data_dir = \"data\"\nlisten_on = \"oops\"\n");
    let output = std::process::Command::new(crate::util::BIN)
        .args(["serve", "--config", config.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("listen_on"),
        "{stderr}"
    );
}
