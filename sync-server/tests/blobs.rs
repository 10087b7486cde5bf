use serde_json::{json, Value};

use crate::util::{error_of, sha256_hex, Harness, Server};

fn has(server: &Server, token: &str, ws: &str, hashes: &[&str]) -> Vec<String> {
    let response = server
        .post(&format!("/v1/workspaces/{ws}/blobs/has"))
        .bearer_auth(token)
        .json(&json!({ "hashes": hashes }))
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().expect("JSON");
    serde_json::from_value(body["missing"].clone()).expect("a list of hashes")
}

#[test]
fn blobs_go_up_and_come_back_by_hash() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(&[]);
    let token = server.login("kim");
    let photo: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let other = b"another file".to_vec();
    let (photo_sha, other_sha) = (sha256_hex(&photo), sha256_hex(&other));

    assert_eq!(
        has(&server, &token, &ws, &[&photo_sha, &other_sha]),
        [photo_sha.clone(), other_sha.clone()]
    );
    let response = server
        .put(&format!("/v1/workspaces/{ws}/blobs/{photo_sha}"))
        .bearer_auth(&token)
        .body(photo.clone())
        .send()
        .expect("answered");
    assert_eq!(response.status(), 201);
    assert_eq!(
        has(&server, &token, &ws, &[&photo_sha, &other_sha]),
        [other_sha.as_str()]
    );

    let response = server
        .get(&format!("/v1/workspaces/{ws}/blobs/{photo_sha}"))
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().expect("bytes").as_ref(), photo.as_slice());

    let response = server
        .get(&format!("/v1/workspaces/{ws}/blobs/{other_sha}"))
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (404, "unknown_blob".into()));
}

#[test]
fn a_body_that_does_not_match_its_hash_is_refused() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(&[]);
    let token = server.login("kim");
    let claimed = sha256_hex(b"what the client said");

    let response = server
        .put(&format!("/v1/workspaces/{ws}/blobs/{claimed}"))
        .bearer_auth(&token)
        .body("something else")
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (400, "hash_mismatch".into()));
    assert_eq!(has(&server, &token, &ws, &[&claimed]), [claimed.as_str()]);

    let response = server
        .put(&format!("/v1/workspaces/{ws}/blobs/not-a-hash"))
        .bearer_auth(&token)
        .body("x")
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (400, "bad_blob_hash".into()));
    let response = server
        .post(&format!("/v1/workspaces/{ws}/blobs/has"))
        .bearer_auth(&token)
        .json(&json!({"hashes": ["ZZ"]}))
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (400, "bad_blob_hash".into()));
}

#[test]
fn a_viewer_reads_blobs_but_cannot_store_one() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    h.user("park", "Alpha", "viewer");
    let server = h.serve(&[]);
    let (kim, park) = (server.login("kim"), server.login("park"));
    let (mine, theirs) = (
        b"uploaded by an editor".to_vec(),
        b"uploaded by a viewer".to_vec(),
    );
    let (mine_sha, theirs_sha) = (sha256_hex(&mine), sha256_hex(&theirs));

    let response = server
        .put(&format!("/v1/workspaces/{ws}/blobs/{theirs_sha}"))
        .bearer_auth(&park)
        .body(theirs)
        .send()
        .expect("answered");
    assert_eq!(error_of(response), (403, "read_only".into()));
    assert_eq!(
        has(&server, &kim, &ws, &[&theirs_sha]),
        [theirs_sha.as_str()],
        "nothing was stored"
    );

    let response = server
        .put(&format!("/v1/workspaces/{ws}/blobs/{mine_sha}"))
        .bearer_auth(&kim)
        .body(mine.clone())
        .send()
        .expect("answered");
    assert_eq!(response.status(), 201);
    let response = server
        .get(&format!("/v1/workspaces/{ws}/blobs/{mine_sha}"))
        .bearer_auth(&park)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().expect("bytes").as_ref(), mine.as_slice());
}

#[test]
fn a_large_blob_is_written_as_it_comes_and_comes_back_whole() {
    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(&[]);
    let token = server.login("kim");
    // Several of the server's 1 MiB pieces, and not a whole number of them.
    let scan: Vec<u8> = (0..5 * 1024 * 1024 + 123u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let path = format!("/v1/workspaces/{ws}/blobs/{}", sha256_hex(&scan));
    let response = server
        .put(&path)
        .bearer_auth(&token)
        .header("content-type", "application/octet-stream")
        .body(scan.clone())
        .send()
        .expect("answered");
    assert_eq!(response.status(), 201);
    let response = server
        .get(&path)
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert_eq!(response.status(), 200);
    assert!(response.bytes().expect("bytes").as_ref() == scan.as_slice());
}

#[test]
fn one_upload_of_a_blob_writes_at_a_time_and_one_cut_off_leaves_nothing() {
    use crate::abuse::{address, connect, read_answer};
    use std::io::Write;

    let h = Harness::new();
    let ws = h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let server = h.serve(&["--read-timeout-secs", "1"]);
    let token = server.login("kim");
    let photo: Vec<u8> = (0..3 * 1024 * 1024u32).map(|i| (i % 253) as u8).collect();
    let sha = sha256_hex(&photo);
    let path = format!("/v1/workspaces/{ws}/blobs/{sha}");
    let head = format!(
        "PUT {path} HTTP/1.1\r\nhost: {}\r\nauthorization: Bearer {token}\r\ncontent-type: application/octet-stream\r\ncontent-length: {}\r\nexpect: 100-continue\r\n\r\n",
        address(&server),
        photo.len()
    );
    let put = || {
        server
            .put(&path)
            .bearer_auth(&token)
            .body(photo.clone())
            .send()
            .expect("answered")
    };

    // An upload under way (the server asked for its body, so it holds the hash)...
    let mut first = connect(&server);
    first.write_all(head.as_bytes()).expect("head sent");
    assert_eq!(read_answer(&mut first).status, 100);
    // ...keeps another upload of the same blob out.
    assert_eq!(error_of(put()), (409, "blob_upload_in_progress".into()));
    // It stops half-way: the server gives up on it (408) and keeps nothing of it.
    first
        .write_all(&photo[..photo.len() / 2])
        .expect("half sent");
    let answer = read_answer(&mut first);
    assert_eq!((answer.status, answer.code()), (408, "body_timeout".into()));
    assert_eq!(has(&server, &token, &ws, &[&sha]), [sha.as_str()]);

    // The next upload is whole, and one after it changes nothing.
    assert_eq!(put().status(), 201);
    assert_eq!(put().status(), 201);
    let response = server
        .get(&path)
        .bearer_auth(&token)
        .send()
        .expect("answered");
    assert!(response.bytes().expect("bytes").as_ref() == photo.as_slice());
}
