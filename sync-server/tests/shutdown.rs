use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::util::{metric, sha256_hex, Harness};

/// A blob upload is in flight (head and half the body sent) when SIGTERM arrives: the server
/// stops accepting connections, lets the upload finish and answer, then exits 0.
#[test]
fn sigterm_lets_the_request_in_flight_finish_and_exits_0() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(&[]);
    let token = server.login("kim");
    let blob: Vec<u8> = (0..100_000u32).map(|i| (i % 253) as u8).collect();
    let sha = sha256_hex(&blob);

    let address = server.url.trim_start_matches("http://").to_owned();
    let mut upload = TcpStream::connect(&address).expect("connected");
    let head = format!(
        "PUT /v1/workspaces/{ws}/blobs/{sha} HTTP/1.1\r\nHost: {address}\r\n\
         Authorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n",
        blob.len()
    );
    upload.write_all(head.as_bytes()).expect("head sent");
    upload
        .write_all(&blob[..50_000])
        .expect("half the body sent");

    // The upload's handler has started once two requests are in flight: it and /metrics.
    let deadline = Instant::now() + Duration::from_secs(60);
    while metric(&server.metrics(), "cloudwright_in_flight_requests") != Some(2.0) {
        assert!(Instant::now() < deadline, "the upload never started");
        std::thread::yield_now();
    }
    server.terminate();
    server.wait_for_log("SIGTERM: stopped accepting connections");
    assert!(
        TcpStream::connect(&address).is_err(),
        "new connections are refused"
    );

    upload
        .write_all(&blob[50_000..])
        .expect("rest of the body sent");
    let mut answer = String::new();
    upload.read_to_string(&mut answer).expect("answer read");
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");

    let log_before_exit = server.log();
    let status = server.stop_after_signal();
    assert!(
        status.success(),
        "exit status {status:?}\n{log_before_exit}"
    );

    // The upload was stored durably: a new server has it.
    let server = h.serve(&[]);
    let token = server.login("kim");
    let response = server
        .get(&format!("/v1/workspaces/{ws}/blobs/{sha}"))
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().expect("bytes").as_ref(), blob.as_slice());
}

#[test]
fn an_idle_server_shuts_down_cleanly() {
    let h = Harness::new();
    h.workspace("Alpha");
    let server = h.serve(&[]);
    // A kept-alive idle connection must not hold the shutdown up.
    assert_eq!(
        server.get("/healthz").send().expect("answered").status(),
        200
    );
    let status = server.stop();
    assert!(status.success());
}
