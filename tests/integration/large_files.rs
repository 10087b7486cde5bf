//! Large files (`sync::large_files`) through a real `cloudwright-sync` and real CLIs: a file
//! stored in 8 MiB parts on device A, its upload cut off by SIGKILLing the server once about
//! half of it was acknowledged, the server restarted on the same data directory, and the
//! upload resumed sending only the parts the server lacked (asked of the server itself, and
//! counted by the CLI); device B's download cut off by SIGKILLing B's CLI once about half was
//! stored, resumed, and the file saved there compared byte for byte.
//!
//! The file is 64 MB by default so the test stays well under a minute on two cores;
//! `CLOUDWRIGHT_LARGE_FILE_MB=500` runs it at the 500 MB (the bench, `benches/
//! large_files.rs`, measures 500 MB every time).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use cloudwright_core::sync::blobs::sha256_hex;
use cloudwright_core::sync::large_files::PART_BYTES;

use crate::util::{binary, Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";

fn size_bytes() -> u64 {
    std::env::var("CLOUDWRIGHT_LARGE_FILE_MB")
        .ok()
        .and_then(|mb| mb.parse::<u64>().ok())
        .unwrap_or(64)
        * 1_000_000
}

/// Deterministic pseudo-random bytes (xorshift64), written a megabyte at a time; returns the
/// SHA-256 of every [`PART_BYTES`] part in order and the whole file's.
pub fn write_pseudo_random(path: &Path, len: u64, seed: u64) -> (Vec<String>, String) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut state = seed | 1;
    let mut whole = Vec::new();
    let mut part = Vec::with_capacity(PART_BYTES as usize);
    let mut parts = Vec::new();
    let mut written = 0u64;
    let mut buffer = Vec::with_capacity(1 << 20);
    while written < len {
        buffer.clear();
        while buffer.len() < (1 << 20) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            buffer.extend_from_slice(&state.to_le_bytes());
        }
        buffer.truncate((len - written).min(1 << 20) as usize);
        file.write_all(&buffer).expect("write");
        written += buffer.len() as u64;
        whole.extend_from_slice(&buffer);
        let mut rest = &buffer[..];
        while !rest.is_empty() {
            let room = PART_BYTES as usize - part.len();
            let (taken, left) = rest.split_at(room.min(rest.len()));
            part.extend_from_slice(taken);
            rest = left;
            if part.len() == PART_BYTES as usize {
                parts.push(sha256_hex(&part));
                part.clear();
            }
        }
    }
    if !part.is_empty() {
        parts.push(sha256_hex(&part));
    }
    file.flush().expect("flush");
    (parts, sha256_hex(&whole))
}

/// `cloudwright sync --progress` started, its progress lines read as they come.
fn sync_with_progress(cli: &Cli) -> Child {
    Command::new(binary("cloudwright"))
        .arg("--data-dir")
        .arg(cli.data_dir.path())
        .args(["sync", "--progress"])
        .env_remove("CLOUDWRIGHT_DATA_DIR")
        .env_remove("CLOUDWRIGHT_WORKSPACE")
        .env("USER", "tester")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cloudwright sync")
}

/// Reads `bytes DONE/TOTAL` lines until DONE reaches half of TOTAL; returns DONE.
fn wait_for_half(child: &mut Child) -> u64 {
    let stderr = child.stderr.take().expect("stderr");
    let mut seen = Vec::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        if let Some((done, total)) = line
            .strip_prefix("bytes ")
            .and_then(|rest| rest.split_once('/'))
            .and_then(|(d, t)| Some((d.parse::<u64>().ok()?, t.parse::<u64>().ok()?)))
        {
            if total > 0 && done * 2 >= total && done < total {
                return done;
            }
        }
        seen.push(line);
    }
    panic!("the transfer never reported half of its bytes: {seen:?}");
}

fn synced_files(stdout: &str) -> (u64, u64) {
    // "synced 'W': pushed N documents, pulled N, files up U, down D"
    let up = stdout
        .split("files up ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no files up in {stdout}"));
    let down = stdout
        .split(", down ")
        .nth(1)
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no files down in {stdout}"));
    (up, down)
}

#[test]
fn a_large_file_resumes_after_the_server_and_the_app_are_killed_and_arrives_byte_for_byte() {
    let data = ServerData::new();
    let workspace_id = data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    data.add_user("lee", WORKSPACE, "editor");
    let server = data.serve(&[]);
    let address = server.address().to_owned();
    let kim = Cli::new();
    kim.login(&server, "kim");
    let lee = Cli::new();
    lee.login(&server, "lee");

    let files = tempfile::tempdir().expect("temp dir");
    let source = files.path().join("설계도.dwg");
    let size = size_bytes();
    let (part_hashes, file_sha) = write_pseudo_random(&source, size, 20);
    let put = kim
        .run(&["file", "put", source.to_str().expect("a UTF-8 path")])
        .ok();
    let manifest = put
        .split_whitespace()
        .next()
        .expect("manifest hash")
        .to_owned();
    assert!(
        put.contains(&format!(
            "{size} bytes sha256 {file_sha} in {} parts",
            part_hashes.len()
        )),
        "{put}"
    );

    // Kim's upload: the server SIGKILLed once half of the bytes were acknowledged.
    let mut upload = sync_with_progress(&kim);
    let acknowledged = wait_for_half(&mut upload);
    server.kill();
    let cut_off = upload.wait_with_output().expect("the cut-off sync ends");
    assert!(!cut_off.status.success(), "the sync saw the server go");

    let server = data.serve_on(&address, &[]);
    let token = server.login_token("kim");
    let asked = server
        .post(&format!("/v1/workspaces/{workspace_id}/blobs/has"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(serde_json::json!({ "hashes": part_hashes }).to_string())
        .send()
        .expect("blobs/has");
    assert_eq!(asked.status(), 200);
    let missing: serde_json::Value =
        serde_json::from_str(&asked.text().expect("answer")).expect("JSON");
    let missing = missing["missing"].as_array().expect("missing").len() as u64;
    // Every part acknowledged before the kill survived it (the part then under way may have
    // come through too): at least ceil(acknowledged / part size) of them.
    let acknowledged_parts = acknowledged
        .div_ceil(PART_BYTES)
        .min(part_hashes.len() as u64);
    assert!(
        missing >= 1 && missing <= part_hashes.len() as u64 - acknowledged_parts,
        "{missing} of {} parts missing after {acknowledged} bytes were acknowledged",
        part_hashes.len()
    );
    let resumed = kim.run(&["sync"]).ok();
    assert_eq!(
        synced_files(&resumed).0,
        missing + 1,
        "only the missing parts and the manifest went: {resumed}"
    );
    assert_eq!(synced_files(&kim.run(&["sync"]).ok()).0, 0);

    // Lee's download: Lee's CLI SIGKILLed once half of the file was stored there.
    lee.run(&["file", "fetch", &manifest]).ok();
    let mut download = sync_with_progress(&lee);
    wait_for_half(&mut download);
    download.kill().expect("SIGKILL lee's sync");
    download.wait().expect("reap");
    let state = lee.run(&["file", "state", &manifest]).ok();
    assert!(state.starts_with("waiting for sync: "), "{state}");
    let here: u64 = state
        .trim_start_matches("waiting for sync: ")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{state}"));
    assert!(here * 2 >= size && here < size, "{state}");
    let saved_too_soon = lee
        .run(&[
            "file",
            "get",
            &manifest,
            "--out",
            files.path().join("early").to_str().expect("a UTF-8 path"),
        ])
        .fails();
    assert!(
        saved_too_soon.contains("comes with the next sync"),
        "{saved_too_soon}"
    );
    assert!(!files.path().join("early").exists());

    let finished = lee.run(&["sync"]).ok();
    assert_eq!(synced_files(&finished).1, 1, "{finished}");
    let out = files.path().join("받은 설계도.dwg");
    let saved = lee
        .run(&[
            "file",
            "get",
            &manifest,
            "--out",
            out.to_str().expect("a UTF-8 path"),
        ])
        .ok();
    assert!(saved.contains(&file_sha), "{saved}");
    assert_eq!(std::fs::metadata(&out).expect("saved").len(), size);
    assert!(
        std::fs::read(&out).expect("saved") == std::fs::read(&source).expect("source"),
        "the saved file differs from the source"
    );
}
