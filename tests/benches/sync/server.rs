//! What the sync benchmark runs against: the real `cloudwright-sync` release binary as a child
//! process on 127.0.0.1:0, a loopback proxy that counts every byte on the wire, and a process's
//! resident memory.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub const USER: &str = "bench";
pub const PASSWORD: &str = "bench-password";

/// `target/release`, found from this benchmark executable's own path
/// (`target/release/deps/sync-HASH`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("benchmark executable path");
    exe.parent()
        .and_then(Path::parent)
        .expect("target dir")
        .to_owned()
}

/// The server binary: `CLOUDWRIGHT_SYNC_BIN` if set, else the release build, which this runs
/// `cargo build --release -p cloudwright-sync` for first (quick when it is current).
pub fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("CLOUDWRIGHT_SYNC_BIN") {
        return PathBuf::from(path);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .args(["build", "--release", "-q", "-p", "cloudwright-sync"])
        .status()
        .expect("run cargo build");
    assert!(status.success(), "building cloudwright-sync failed");
    let path = target_dir().join("cloudwright-sync");
    assert!(path.exists(), "{} is missing", path.display());
    path
}

/// A running server with one workspace and one editor account in its own data directory.
pub struct SyncServer {
    child: Child,
    pub url: String,
    pub address: SocketAddr,
}

impl SyncServer {
    /// Creates the workspace and the `bench` editor with the admin commands, then serves
    /// `dir/data` on a free loopback port; the server's log goes to `dir/server.log`.
    pub fn start(binary: &Path, dir: &Path, workspace_name: &str) -> SyncServer {
        let data = dir.join("data");
        std::fs::create_dir_all(&data).expect("server data dir");
        let admin = |args: &[&str]| {
            let output = Command::new(binary)
                .arg("admin")
                .arg("--data-dir")
                .arg(&data)
                .args(args)
                .stdin(Stdio::null())
                .output()
                .expect("cloudwright-sync admin runs");
            assert!(
                output.status.success(),
                "admin {args:?} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8_lossy(&output.stdout).trim().to_owned()
        };
        let id = admin(&["workspace", "create", workspace_name]);
        admin(&[
            "user",
            "add",
            USER,
            "--password",
            PASSWORD,
            "--workspace",
            &id,
            "--role",
            "editor",
        ]);
        let log = std::fs::File::create(dir.join("server.log")).expect("server log");
        let mut child = Command::new(binary)
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(&data)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("cloudwright-sync serve starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let first = lines
            .next()
            .and_then(Result::ok)
            .expect("the server prints where it listens");
        let url = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .to_owned();
        // Keep reading so that a later line never finds a closed pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let address = url
            .trim_start_matches("http://")
            .parse()
            .expect("host:port");
        SyncServer {
            child,
            url,
            address,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `GET /metrics`, the server's own view of requests.
    pub fn metrics(&self) -> String {
        reqwest::blocking::get(format!("{}/metrics", self.url))
            .and_then(|response| response.text())
            .expect("metrics")
    }
}

impl Drop for SyncServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Resident memory of a process in bytes, from `/proc/PID/status`.
pub fn resident_bytes(pid: u32) -> Option<u64> {
    status_bytes(pid, "VmRSS:")
}

/// The most resident memory the process has had (its high-water mark, VmHWM).
pub fn peak_resident_bytes(pid: u32) -> Option<u64> {
    status_bytes(pid, "VmHWM:")
}

fn status_bytes(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// A TCP proxy on 127.0.0.1 in front of the server that counts the bytes going each way:
/// HTTP request and status lines, headers and bodies.
pub struct CountingProxy {
    pub url: String,
    up: Arc<AtomicU64>,
    down: Arc<AtomicU64>,
}

impl CountingProxy {
    pub fn start(target: SocketAddr) -> CountingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("proxy listens");
        let url = format!("http://{}", listener.local_addr().expect("proxy address"));
        let up = Arc::new(AtomicU64::new(0));
        let down = Arc::new(AtomicU64::new(0));
        let (up_count, down_count) = (up.clone(), down.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().map_while(Result::ok) {
                let Ok(server) = TcpStream::connect(target) else {
                    continue;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (Ok(client_reader), Ok(server_reader)) =
                    (client.try_clone(), server.try_clone())
                else {
                    continue;
                };
                pipe(client_reader, server, up_count.clone());
                pipe(server_reader, client, down_count.clone());
            }
        });
        CountingProxy { url, up, down }
    }

    /// Bytes sent to the server and bytes received from it since the last call.
    pub fn take(&self) -> (u64, u64) {
        (
            self.up.swap(0, Ordering::SeqCst),
            self.down.swap(0, Ordering::SeqCst),
        )
    }
}

/// Copies `from` into `to`, counting each chunk before passing it on (so the count is complete
/// by the time the other side has read the chunk).
fn pipe(mut from: TcpStream, mut to: TcpStream, count: Arc<AtomicU64>) {
    std::thread::spawn(move || {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            match from.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    count.fetch_add(n as u64, Ordering::SeqCst);
                    if to.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = to.shutdown(std::net::Shutdown::Write);
    });
}
