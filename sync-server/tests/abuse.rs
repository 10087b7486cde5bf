//! The server bounded under abuse: a login body is small and refused before it is read, the
//! caps on connections and requests answer 503 with `Retry-After` (in all and per client
//! address), a client that stops sending is disconnected, and every body route refuses a body
//! of the wrong type with 415. Nothing here waits on a clock: a stalled connection is shown
//! closed by the server closing it (the harness only gives up after a minute).
//!
//! Any 127.x.y.z address is this machine, so a client "from another address" is a client
//! whose sockets are bound to 127.0.0.2 or 127.0.0.3.

use std::io::{Read, Write};
use std::net::{IpAddr, TcpStream};
use std::time::Duration;

use reqwest::blocking::Client;
use serde_json::json;

use crate::util::{error_of, sha256_hex, Harness, Server, PASSWORD};

/// How long a read waits before the test is called failed instead of hanging.
const GIVE_UP_AFTER: Duration = Duration::from_secs(60);

pub fn address(server: &Server) -> String {
    server.url.trim_start_matches("http://").to_owned()
}

pub fn connect(server: &Server) -> TcpStream {
    connect_from(server, "127.0.0.1")
}

/// A raw connection from `ip`.
fn connect_from(server: &Server, ip: &str) -> TcpStream {
    let to: std::net::SocketAddr = address(server).parse().expect("host:port");
    let from: std::net::SocketAddr = format!("{ip}:0").parse().expect("ip");
    let socket =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("a socket");
    socket.bind(&from.into()).expect("bound");
    socket.connect(&to.into()).expect("connected");
    let stream: TcpStream = socket.into();
    stream
        .set_read_timeout(Some(GIVE_UP_AFTER))
        .expect("read timeout set");
    stream
}

/// A client whose connections come from `ip`.
fn client_from(ip: &str) -> Client {
    Client::builder()
        .local_address(ip.parse::<IpAddr>().ok())
        .build()
        .expect("an HTTP client")
}

pub struct Answer {
    pub status: u16,
    /// The head, lower-cased.
    pub head: String,
    pub body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}:")))
            .map(str::trim)
    }

    pub fn code(&self) -> String {
        let body: serde_json::Value = serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.head));
        body["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// Reads one answer (its head and its `Content-Length` body) from a raw connection.
pub fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let read = stream
            .read(&mut buffer)
            .unwrap_or_else(|error| panic!("no answer: {error}"));
        assert!(read > 0, "the connection closed without an answer");
        bytes.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).to_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {head}"));
    let mut answer = Answer {
        status,
        head,
        body: Vec::new(),
    };
    let length: usize = answer
        .header("content-length")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    while bytes.len() < head_end + length {
        let read = stream.read(&mut buffer).expect("the rest of the answer");
        assert!(read > 0, "the answer was cut short");
        bytes.extend_from_slice(&buffer[..read]);
    }
    answer.body = bytes[head_end..head_end + length].to_vec();
    answer
}

/// Reads until the server closes the connection; fails the test if it is still open after
/// [`GIVE_UP_AFTER`]. Returns what came before the end.
fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return bytes,
            Ok(read) => bytes.extend_from_slice(&buffer[..read]),
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => return bytes,
            Err(error) => panic!("the server kept the connection open: {error}"),
        }
    }
}

fn setup(extra: &[&str]) -> (Harness, Server, String) {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(extra);
    (h, server, ws)
}

/// A login request's head declaring `length` bytes of JSON body.
fn login_head(server: &Server, length: usize, extra: &str) -> String {
    format!(
        "POST /v1/login HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n{extra}\r\n",
        address(server)
    )
}

#[test]
fn a_login_body_over_a_few_kib_is_refused_413_without_being_read() {
    let (_h, server, _ws) = setup(&["--read-timeout-secs", "1"]);
    // 63 MiB declared, 64 KiB sent: the answer comes without the rest.
    let mut stream = connect(&server);
    let declared = 63 * 1024 * 1024;
    stream
        .write_all(login_head(&server, declared, "").as_bytes())
        .expect("head sent");
    stream.write_all(&vec![b' '; 64 * 1024]).expect("some sent");
    let answer = read_answer(&mut stream);
    assert_eq!(
        (answer.status, answer.code()),
        (413, "body_too_large".into())
    );
    read_until_closed(&mut stream);

    // Chunked, without a length: refused once past the limit.
    let mut stream = connect(&server);
    let head = format!(
        "POST /v1/login HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
        address(&server)
    );
    stream.write_all(head.as_bytes()).expect("head sent");
    let chunk = vec![b' '; 4096];
    for _ in 0..4 {
        let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
        stream.write_all(&frame).expect("a chunk sent");
    }
    let answer = read_answer(&mut stream);
    assert_eq!(
        (answer.status, answer.code()),
        (413, "body_too_large".into())
    );

    // A login of a normal size still works, and so does one a little over 1 KiB.
    let response = server
        .post("/v1/login")
        .json(&json!({"user": "kim", "password": PASSWORD, "device_name": "x".repeat(1500)}))
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    let response = server
        .post("/v1/login")
        .json(&json!({"user": "kim", "password": "x".repeat(9000)}))
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (413, "body_too_large".into()));
}

/// Starts a request of `head` (with `expect: 100-continue` and a 2-byte body declared) on a
/// raw connection from `from`, and waits until the server's handler is reading its body
/// (hyper sends `100 Continue` when the handler first asks for it): from then on the request
/// holds its place under the request caps until its body is sent.
fn hold(server: &Server, from: &str, head: &str) -> TcpStream {
    let mut stream = connect_from(server, from);
    stream.write_all(head.as_bytes()).expect("head sent");
    let answer = read_answer(&mut stream);
    assert_eq!(answer.status, 100, "{}", answer.head);
    stream
}

/// A login held open (its body not sent).
fn hold_a_login(server: &Server, from: &str) -> TcpStream {
    hold(
        server,
        from,
        &login_head(server, 2, "expect: 100-continue\r\n"),
    )
}

/// A logged-in sync request held open.
fn hold_a_sync(server: &Server, from: &str, ws: &str, token: &str) -> TcpStream {
    let head = format!(
        "POST /v1/workspaces/{ws}/sync HTTP/1.1\r\nhost: {}\r\nauthorization: Bearer {token}\r\nx-cloudwright-client: held\r\ncontent-type: application/x-cloudwright-sync\r\ncontent-length: 2\r\nexpect: 100-continue\r\n\r\n",
        address(server)
    );
    hold(server, from, &head)
}

/// Ends a request [`hold`] started (a body of `{}`: 400 either way) and reads its answer; by
/// then its place is free again.
fn finish_the_request(mut stream: TcpStream) {
    stream.write_all(b"{}").expect("body sent");
    assert_eq!(read_answer(&mut stream).status, 400);
}

fn refused_503(response: reqwest::blocking::Response, code: &str) -> String {
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("2")
    );
    let body: serde_json::Value = response.json().expect("JSON");
    assert_eq!(body["error"]["code"], code, "{body}");
    body["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn requests_over_the_caps_get_503_with_retry_after() {
    // Logins get a quarter of the places, here one in all and one per address.
    let (_h, server, ws) = setup(&["--max-requests", "4", "--max-requests-per-client", "2"]);
    let token = server.login("kim");
    let health = |client: &Client| {
        client
            .get(format!("{}/healthz", server.url))
            .send()
            .expect("answered")
    };
    let (here, second, third) = (
        client_from("127.0.0.1"),
        client_from("127.0.0.2"),
        client_from("127.0.0.3"),
    );

    let held = [
        hold_a_sync(&server, "127.0.0.1", &ws, &token),
        hold_a_sync(&server, "127.0.0.1", &ws, &token),
    ];
    // Another request from the same address is over its address's cap...
    let response = health(&here);
    assert_eq!(response.status(), 503);
    let message = refused_503(response, "too_many_requests");
    assert!(
        message.contains("requests from your address") && message.contains("(2)"),
        "{message}"
    );
    // ...one from another address is not.
    assert_eq!(health(&second).status(), 200);
    held.into_iter().for_each(finish_the_request);
    assert_eq!(health(&here).status(), 200);

    // Four held in all (two from each of two addresses): a third address is over the cap in
    // all.
    let held: Vec<TcpStream> = ["127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.2"]
        .into_iter()
        .map(|from| hold_a_sync(&server, from, &ws, &token))
        .collect();
    let response = health(&third);
    assert_eq!(response.status(), 503);
    let message = refused_503(response, "too_many_requests");
    assert!(
        message.contains("requests in all") && message.contains("(4)"),
        "{message}"
    );
    held.into_iter().for_each(finish_the_request);
    assert_eq!(health(&third).status(), 200);

    // Logins have places of their own: one held keeps other logins out, not the rest.
    let login = hold_a_login(&server, "127.0.0.1");
    let response = second
        .post(format!("{}/v1/login", server.url))
        .json(&json!({"user": "kim", "password": PASSWORD}))
        .send()
        .expect("answered");
    assert_eq!(response.status(), 503);
    let message = refused_503(response, "too_many_requests");
    assert!(
        message.contains("logins in all") && message.contains("(1)"),
        "{message}"
    );
    assert_eq!(health(&here).status(), 200);
    let response = here
        .get(format!("{}/v1/workspaces", server.url))
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    finish_the_request(login);
    server.login("kim");

    let text = server.metrics();
    assert_eq!(
        crate::util::metric(
            &text,
            "cloudwright_errors_total{code=\"too_many_requests\"}"
        ),
        Some(3.0),
        "{text}"
    );
}

#[test]
fn connections_over_the_caps_get_503_with_retry_after_and_are_closed() {
    let (_h, server, _ws) = setup(&[
        "--max-connections",
        "2",
        "--max-connections-per-client",
        "1",
    ]);
    let health = |stream: &mut TcpStream| {
        let request = format!(
            "GET /healthz HTTP/1.1\r\nhost: {}\r\n\r\n",
            address(&server)
        );
        stream.write_all(request.as_bytes()).expect("sent");
        read_answer(stream)
    };
    // Connections are taken in the order they were made, so the first holds the place.
    let mut first = connect_from(&server, "127.0.0.1");
    let mut over = connect_from(&server, "127.0.0.1");
    let answer = health(&mut over);
    assert_eq!(
        (answer.status, answer.code()),
        (503, "too_many_connections".into())
    );
    assert_eq!(answer.header("retry-after"), Some("2"));
    let message = String::from_utf8_lossy(&answer.body).into_owned();
    assert!(message.contains("from your address"), "{message}");
    read_until_closed(&mut over);
    assert_eq!(health(&mut first).status, 200, "the first is served");

    // Another address has a place of its own, until both places in all are taken.
    let mut second = connect_from(&server, "127.0.0.2");
    assert_eq!(health(&mut second).status, 200);
    let mut third = connect_from(&server, "127.0.0.3");
    let answer = health(&mut third);
    assert_eq!(
        (answer.status, answer.code()),
        (503, "too_many_connections".into())
    );
    assert!(String::from_utf8_lossy(&answer.body).contains("in all"));
    read_until_closed(&mut third);

    // A connection that closes gives its place back: the server closes it after this answer,
    // and its place is free before the socket is.
    let request = format!(
        "GET /healthz HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n\r\n",
        address(&server)
    );
    first.write_all(request.as_bytes()).expect("sent");
    assert_eq!(read_answer(&mut first).status, 200);
    read_until_closed(&mut first);
    let mut again = connect_from(&server, "127.0.0.1");
    assert_eq!(health(&mut again).status, 200);
    again.write_all(request.as_bytes()).expect("sent");
    assert_eq!(read_answer(&mut again).status, 200);
    read_until_closed(&mut again);
    let text = server.metrics();
    drop(second);
    assert_eq!(
        crate::util::metric(&text, "cloudwright_connections_over_cap_total"),
        Some(2.0),
        "{text}"
    );
}

#[test]
fn a_client_that_stops_sending_is_disconnected() {
    let (_h, server, ws) = setup(&["--read-timeout-secs", "1"]);
    let token = server.login("kim");

    // Nothing sent at all.
    let mut silent = connect(&server);
    read_until_closed(&mut silent);

    // Half a request head.
    let mut half_head = connect(&server);
    half_head
        .write_all(b"POST /v1/login HTTP/1.1\r\nhost: x\r\ncontent-")
        .expect("sent");
    read_until_closed(&mut half_head);

    // A body that stops: 408 body_timeout, then closed. Before the login and after it (a
    // sync push, a blob).
    let sha = "a".repeat(64);
    let heads = [
        login_head(&server, 1000, "") + "{\"user\":",
        format!(
            "POST /v1/workspaces/{ws}/sync HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {token}\r\nx-cloudwright-client: stalled\r\ncontent-type: application/x-cloudwright-sync\r\ncontent-length: 1000\r\n\r\nCWS\x02"
        ),
        format!(
            "PUT /v1/workspaces/{ws}/blobs/{sha} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {token}\r\ncontent-type: application/octet-stream\r\ntransfer-encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n"
        ),
    ];
    for head in heads {
        let mut stalled = connect(&server);
        stalled.write_all(head.as_bytes()).expect("sent");
        let answer = read_answer(&mut stalled);
        assert_eq!(
            (answer.status, answer.code()),
            (408, "body_timeout".into()),
            "{head}"
        );
        assert_eq!(answer.header("connection"), Some("close"));
        read_until_closed(&mut stalled);
    }

    // A kept-alive connection left idle after an answer.
    let mut idle = connect(&server);
    let request = format!(
        "GET /healthz HTTP/1.1\r\nhost: {}\r\n\r\n",
        address(&server)
    );
    idle.write_all(request.as_bytes()).expect("sent");
    assert_eq!(read_answer(&mut idle).status, 200);
    read_until_closed(&mut idle);

    assert_eq!(
        server.get("/healthz").send().expect("answered").status(),
        200
    );
}

#[test]
fn a_body_of_the_wrong_type_is_refused_415_on_every_body_route() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "admin");
    h.user("lee", "Alpha", "editor");
    let server = h.serve(&[]);
    let token = server.login("kim");
    let blob = b"a photo".to_vec();
    let blob_path = format!("/v1/workspaces/{ws}/blobs/{}", sha256_hex(&blob));
    let json_body = json!({"user": "kim", "password": PASSWORD}).to_string();
    let routes: [(&str, String, &str); 6] = [
        ("POST", "/v1/login".into(), "application/json"),
        (
            "POST",
            format!("/v1/workspaces/{ws}/sync"),
            "application/x-cloudwright-sync",
        ),
        (
            "POST",
            format!("/v1/workspaces/{ws}/blobs/has"),
            "application/json",
        ),
        ("PUT", blob_path.clone(), "application/octet-stream"),
        (
            "POST",
            format!("/v1/workspaces/{ws}/members/lee/role"),
            "application/json",
        ),
        (
            "POST",
            format!("/v1/workspaces/{ws}/members/lee/grants"),
            "application/json",
        ),
    ];
    for (method, path, takes) in &routes {
        for wrong in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/jsonx",
            "application/x-cloudwright-sync; v=2",
            "application/json",
            "not a type",
        ] {
            if wrong.starts_with(takes) && wrong.len() == takes.len() {
                continue;
            }
            if *takes == "application/x-cloudwright-sync" && wrong.starts_with(takes) {
                continue; // the same type with a parameter is that type
            }
            let response = server
                .client
                .request(
                    method.parse().expect("method"),
                    format!("{}{path}", server.url),
                )
                .bearer_auth(&token)
                .header("x-cloudwright-client", "laptop")
                .header("content-type", wrong)
                .body(json_body.clone())
                .send()
                .expect("answered");
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().expect("JSON");
            assert_eq!(
                (status, body["error"]["code"].as_str()),
                (415, Some("unsupported_media_type")),
                "{method} {path} as {wrong}"
            );
            let message = body["error"]["message"].as_str().unwrap_or_default();
            assert!(message.contains(takes), "{message}");
        }
    }
    // Without a Content-Type a body is application/octet-stream (RFC 9110): a blob, and
    // nothing else.
    let response = server
        .post("/v1/login")
        .body(json_body.clone())
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (415, "unsupported_media_type".into()));
    let response = server
        .put(&blob_path)
        .bearer_auth(&token)
        .body(blob.clone())
        .send()
        .expect("answered");
    assert_eq!(response.status(), 201);
    // The right type with parameters is the right type; a route without a body needs none.
    let response = server
        .post("/v1/login")
        .header("content-type", "Application/JSON; charset=utf-8")
        .body(json_body)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    let response = server
        .post("/v1/logout")
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 204);
}
