//! The reference peer: automerge-repo's Node server and client doing the same push and fetch,
//! in the same benchmark run as ours.
//!
//! The peer's `run.sh` runs push and fetch back to back; inside the benchmark (a busier
//! machine) its fetch sometimes failed with "Document automerge:… is unavailable", a fresh
//! client asking before the server had every document ready, and the run reported no ratio.
//! Here the benchmark drives the peer's own server and client step by step: it waits until
//! the server holds every pushed document, and retries a failed fetch with a fresh client
//! (each attempt reported), so a ratio always compares runs of the same benchmark run.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 1_000;
const ASSETS_PER_DOC: usize = 25;
const FETCH_ATTEMPTS: u32 = 3;

pub struct Reference {
    pub create_ms: f64,
    pub push_ms: f64,
    pub fetch_ms: f64,
    /// Fetches tried before one got every document (1: the first did).
    pub fetch_attempts: u32,
}

/// The peer's folder (`CLOUDWRIGHT_REFERENCE_PEER` or shared/peers/automerge-repo-node).
fn peer_dir() -> PathBuf {
    std::env::var_os("CLOUDWRIGHT_REFERENCE_PEER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/peers/automerge-repo-node"))
}

/// The server process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The number the server's `/count` answers: documents it holds ready.
fn count(port: u16) -> Option<usize> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    // HTTP/1.0: the answer comes whole, not chunked, and the server closes.
    write!(stream, "GET /count HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.split("\r\n\r\n").nth(1)?.trim().parse().ok()
}

fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) -> Result<(), String> {
    let started = Instant::now();
    while !ready() {
        if started.elapsed() > timeout {
            return Err(format!("{what}: not within {timeout:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// Runs the client (`push` or `fetch`) and returns its result line.
fn client(work: &Path, port: u16, args: &[&str]) -> Result<String, String> {
    let output = Command::new("node")
        .arg("client.mjs")
        .args(args)
        .current_dir(work)
        .env("PORT", port.to_string())
        .env("URLS_FILE", work.join("urls.json"))
        .output()
        .map_err(|e| format!("node did not start: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "client {} failed ({}): {}{}",
            args[0],
            output.status,
            text,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    text.lines()
        .find(|line| line.starts_with(args[0]))
        .map(str::to_owned)
        .ok_or_else(|| format!("client {} printed no result: {text}", args[0]))
}

fn value(line: &str, key: &str) -> Option<f64> {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))?
        .parse()
        .ok()
}

/// Pushes 25,000 assets (1,000 documents of 25) with the peer's client, waits until its
/// server holds them all, then fetches them with a fresh client, retrying a fetch that did
/// not get every document.
pub fn run_reference(work: &Path) -> Result<Reference, String> {
    let peer = peer_dir();
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    for file in ["package.json", "server.mjs", "client.mjs"] {
        std::fs::copy(peer.join(file), work.join(file))
            .map_err(|e| format!("copy {file} from {}: {e}", peer.display()))?;
    }
    if !work.join("node_modules").is_dir() {
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(work)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("npm did not start: {e}"))?;
        if !status.success() {
            return Err(format!("npm install failed: {status}"));
        }
    }
    let data = work.join("data");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| e.to_string())?;
    let log = std::fs::File::create(work.join("server.log")).map_err(|e| e.to_string())?;
    let _server = Server(
        Command::new("node")
            .arg("server.mjs")
            .current_dir(work)
            .env("DATA_DIR", &data)
            .env("PORT", port.to_string())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("reference server did not start: {e}"))?,
    );
    wait_for("reference server up", Duration::from_secs(20), || {
        count(port).is_some()
    })?;

    let push = client(
        work,
        port,
        &["push", &DOCS.to_string(), &ASSETS_PER_DOC.to_string()],
    )?;
    wait_for(
        "reference server holding every document",
        Duration::from_secs(60),
        || count(port).is_some_and(|n| n >= DOCS),
    )?;
    let mut fetched = None;
    let mut failures = Vec::new();
    for attempt in 1..=FETCH_ATTEMPTS {
        match client(work, port, &["fetch", &DOCS.to_string()]) {
            Ok(line) if value(&line, "ok") == Some(DOCS as f64) => {
                fetched = Some((line, attempt));
                break;
            }
            Ok(line) => failures.push(format!("attempt {attempt}: {line}")),
            Err(error) => failures.push(format!("attempt {attempt}: {error}")),
        }
        std::thread::sleep(Duration::from_secs(1));
    }
    for failure in &failures {
        eprintln!("reference fetch retried: {failure}");
    }
    let (fetch, fetch_attempts) =
        fetched.ok_or_else(|| format!("every fetch failed: {}", failures.join("; ")))?;
    eprintln!("reference peer: {push}\nreference peer: {fetch}");
    Ok(Reference {
        create_ms: value(&push, "create_ms").ok_or("no create_ms")?,
        push_ms: value(&push, "until_server_has_all_ms").ok_or("no until_server_has_all_ms")?,
        fetch_ms: value(&fetch, "all_ready_ms").ok_or("no all_ready_ms")?,
        fetch_attempts,
    })
}
