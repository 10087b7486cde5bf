//! The blob routes fuzzed through a real server: random hashes (right, unknown, malformed,
//! path-like), sizes, bodies, methods, tokens, workspaces and headers. Every answer is a 2xx
//! or a 4xx, never a 5xx or a dropped connection, and the server goes on serving. Bounded: a
//! fixed number of cases with bodies of at most 96 KiB, a few seconds.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use reqwest::Method;

use crate::util::{sha256_hex, Harness};

const MAX_BODY_BYTES: usize = 64 * 1024;

/// Which hash a case's path names.
#[derive(Clone, Debug)]
enum Hash {
    /// The SHA-256 of the case's body.
    OfTheBody,
    /// A well-formed hash of nothing stored.
    Unknown([u8; 32]),
    /// Anything else that fits in a path segment.
    Text(String),
}

#[derive(Clone, Debug)]
enum Token {
    Editor,
    Viewer,
    None,
    Garbage(String),
}

#[derive(Clone, Debug)]
struct Case {
    method: Method,
    other_workspace: bool,
    hash: Hash,
    token: Token,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    /// The blobs/has route instead of a blob, with the hash in its JSON.
    has: bool,
}

fn case() -> impl Strategy<Value = Case> {
    let method = prop_oneof![
        4 => Just(Method::PUT),
        3 => Just(Method::GET),
        1 => Just(Method::POST),
        1 => Just(Method::DELETE),
        1 => Just(Method::HEAD),
    ];
    let hash = prop_oneof![
        3 => Just(Hash::OfTheBody),
        2 => any::<[u8; 32]>().prop_map(Hash::Unknown),
        3 => "[0-9a-fA-FxyzXYZ.%_~-]{0,80}".prop_map(Hash::Text),
        1 => Just(Hash::Text("..".into())),
        1 => Just(Hash::Text("%2e%2e%2f%2e%2e%2fetc%2fpasswd".into())),
        1 => Just(Hash::Text("has".into())),
    ];
    let token = prop_oneof![
        6 => Just(Token::Editor),
        1 => Just(Token::Viewer),
        1 => Just(Token::None),
        1 => "[ -~]{0,60}".prop_map(Token::Garbage),
    ];
    let content_type = prop_oneof![
        Just(None),
        Just(Some("application/octet-stream")),
        Just(Some("application/json")),
        Just(Some("application/x-cloudwright-sync")),
        Just(Some("text/plain; charset=utf-8")),
        Just(Some("not/a type;;=")),
    ];
    let body = prop_oneof![
        4 => proptest::collection::vec(any::<u8>(), 0..2048),
        1 => (0..96 * 1024usize).prop_map(|n| vec![0x5a; n]),
    ];
    (
        method,
        proptest::bool::weighted(0.1),
        hash,
        token,
        content_type,
        body,
        proptest::bool::weighted(0.15),
    )
        .prop_map(
            |(method, other_workspace, hash, token, content_type, body, has)| Case {
                method,
                other_workspace,
                hash,
                token,
                content_type,
                body,
                has,
            },
        )
}

#[test]
fn the_blob_routes_answer_random_requests_with_2xx_or_4xx_and_stay_up() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    let other = h.workspace("Beta");
    h.user("kim", "Alpha", "editor");
    h.user("park", "Alpha", "viewer");
    let server = h.serve(&["--max-body-bytes", &MAX_BODY_BYTES.to_string()]);
    let (kim, park) = (server.login("kim"), server.login("park"));

    let config = Config {
        cases: 1_000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let result = runner.run(&case(), |case| {
        let workspace = if case.other_workspace { &other } else { &ws };
        let hash = match &case.hash {
            Hash::OfTheBody => sha256_hex(&case.body),
            Hash::Unknown(bytes) => sha256_hex(bytes),
            Hash::Text(text) => text.clone(),
        };
        let (method, path, body) = match case.has {
            true => (
                Method::POST,
                format!("/v1/workspaces/{workspace}/blobs/has"),
                serde_json::json!({ "hashes": [hash] })
                    .to_string()
                    .into_bytes(),
            ),
            false => (
                case.method.clone(),
                format!("/v1/workspaces/{workspace}/blobs/{hash}"),
                case.body.clone(),
            ),
        };
        let mut request = server
            .client
            .request(method.clone(), format!("{}{path}", server.url))
            .body(body);
        if let Some(content_type) = case.content_type {
            request = request.header("content-type", content_type);
        }
        request = match &case.token {
            Token::Editor => request.bearer_auth(&kim),
            Token::Viewer => request.bearer_auth(&park),
            Token::None => request,
            Token::Garbage(text) => request.header("authorization", text.as_str()),
        };
        let context = format!(
            "{method} {path} ({} bytes, {:?}, {:?})",
            case.body.len(),
            case.content_type,
            case.token
        );
        let response = request
            .send()
            .map_err(|error| TestCaseError::fail(format!("{context}: no answer: {error}")))?;
        let status = response.status().as_u16();
        prop_assert!(
            (200..300).contains(&status) || (400..500).contains(&status),
            "{}: status {}",
            context,
            status
        );
        if status >= 400 && method != Method::HEAD {
            let body: serde_json::Value = response
                .json()
                .map_err(|error| TestCaseError::fail(format!("{context}: {error}")))?;
            prop_assert!(body["error"]["code"].is_string(), "{}: {}", context, body);
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }

    // Requests no client library would send, over raw connections: each gets a 4xx (hyper's
    // own for what is not HTTP) and the connection ends; none takes the server down.
    let address = server.url.trim_start_matches("http://").to_owned();
    let blob = format!("/v1/workspaces/{ws}/blobs/{}", "a".repeat(64));
    let auth = format!("authorization: Bearer {kim}\r\nconnection: close\r\n");
    let raw_cases = [
        format!("PUT {blob} HTTP/1.1\r\n{auth}content-length: 3\r\ncontent-length: 4\r\n\r\nabcd"),
        format!("PUT {blob} HTTP/1.1\r\n{auth}content-length: -1\r\n\r\n"),
        format!("PUT {blob} HTTP/1.1\r\n{auth}transfer-encoding: chunked\r\n\r\nzz\r\nabc\r\n"),
        format!(
            "PUT {blob} HTTP/1.1\r\n{auth}transfer-encoding: chunked\r\n\r\nffffffffffffffffff\r\n"
        ),
        format!(
            "PUT {blob} HTTP/1.1\r\n{auth}x-filler: {}\r\ncontent-length: 0\r\n\r\n",
            "x".repeat(20 * 1024)
        ),
        format!("PUT {blob} HTTP/1.1\r\n{auth}content-length: 99999999999999999999\r\n\r\n"),
        format!("GET {blob}/../../.. HTTP/1.1\r\n{auth}\r\n"),
        format!(
            "PUT {blob} HTTP/1.1\r\n{auth}content-type: \u{1}\u{7f}\r\ncontent-length: 1\r\n\r\nx"
        ),
    ];
    for raw in raw_cases {
        let mut stream = TcpStream::connect(&address).expect("connected");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout set");
        stream.write_all(raw.as_bytes()).expect("sent");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        let status: u16 = answer
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no answer to {:?}: {answer:?}", &raw[..raw.len().min(120)]));
        assert!(
            (400..500).contains(&status),
            "{:?}: {answer}",
            &raw[..raw.len().min(120)]
        );
    }

    // Still up: a blob goes up and comes back.
    let photo = b"rack R-07, front".to_vec();
    let path = format!("/v1/workspaces/{ws}/blobs/{}", sha256_hex(&photo));
    let response = server
        .put(&path)
        .bearer_auth(&kim)
        .header("content-type", "application/octet-stream")
        .body(photo.clone())
        .send()
        .expect("answered");
    assert_eq!(response.status(), 201);
    let response = server
        .get(&path)
        .bearer_auth(&park)
        .send()
        .expect("answered");
    assert_eq!(response.bytes().expect("bytes").as_ref(), photo.as_slice());
    let text = server.metrics();
    assert!(!text.contains("status=\"5"), "{text}");
}
