//! `admin backup` of the running server while it holds the 50,000-asset demo workspace, and
//! how long a device's push waits meanwhile: one device edits an asset and syncs every 20 ms,
//! first with no backup running, then through several backups in a row.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cloudwright_core::assets::AssetInput;
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::sync::protocol::{SyncRequest, SyncResponse};
use cloudwright_core::sync::{sync_once, Transport};
use cloudwright_core::AssetId;

use crate::server::{resident_bytes, SyncServer};
use crate::{millis, now_ms, percentile, row, seconds, stamp, Device, Row};

const DEMO_ASSETS: usize = 50_000;
const BACKUPS: usize = 5;
/// One edit and sync of the pushing device every this often.
const PACE: Duration = Duration::from_millis(20);
const NO_BACKUP: u8 = 0;
const COPYING: u8 = 1;
const WRITING: u8 = 2;
/// Pushes measured with no backup running.
const PUSHES_ALONE: usize = 200;

/// A transport that times the exchanges that carry a push.
struct PushTimer<'a, T> {
    inner: T,
    pushes: &'a Mutex<Vec<Duration>>,
}

impl<T: Transport> Transport for PushTimer<'_, T> {
    type Error = T::Error;
    fn exchange(&mut self, request: &SyncRequest) -> Result<SyncResponse, T::Error> {
        let started = Instant::now();
        let answer = self.inner.exchange(request);
        if !request.push.is_empty() {
            let mut pushes = self.pushes.lock().unwrap_or_else(|p| p.into_inner());
            pushes.push(started.elapsed());
        }
        answer
    }
    fn blob_missing(&mut self, hashes: &[String]) -> Result<Vec<String>, T::Error> {
        self.inner.blob_missing(hashes)
    }
    fn blob_put(&mut self, sha: &str, bytes: &[u8]) -> Result<(), T::Error> {
        self.inner.blob_put(sha, bytes)
    }
    fn blob_get(&mut self, sha: &str) -> Result<Option<Vec<u8>>, T::Error> {
        self.inner.blob_get(sha)
    }
}

pub fn backup(binary: &Path, dir: &Path, rows: &mut Vec<Row>) {
    let server = SyncServer::start(binary, &dir.join("server"), "데모");
    let editor = Device::login(&server, &dir.join("editor"));
    generate(
        &editor.workspace,
        &DemoOptions {
            assets: DEMO_ASSETS,
            seed: 7,
        },
        &stamp(),
    )
    .expect("demo");
    let mut transport = editor.transport(&server.url);
    editor.sync(&mut transport);
    let pusher = Device::login(&server, &dir.join("pusher"));
    let asset = pusher
        .workspace
        .register_asset(
            AssetId(ulid::Ulid::new()),
            &AssetInput {
                asset_tag: Some("BENCH-PUSH-0001".into()),
                asset_type: Some("server".into()),
                ..AssetInput::default()
            },
            &stamp(),
        )
        .expect("register")
        .asset
        .id;

    let alone = Mutex::new(Vec::new());
    let while_copying = Mutex::new(Vec::new());
    let while_writing = Mutex::new(Vec::new());
    let phase = AtomicU8::new(NO_BACKUP);
    let stop = AtomicBool::new(false);
    let peak_alone = std::sync::atomic::AtomicU64::new(0);
    let peak_during = std::sync::atomic::AtomicU64::new(0);
    let mut backups = Vec::new();
    let (mut copies, mut writes) = (Vec::new(), Vec::new());
    let data = dir.join("server/data");
    std::thread::scope(|scope| {
        let pushing = scope.spawn(|| {
            let mut edit = 0u64;
            let mut alone_transport = PushTimer {
                inner: pusher.transport(&server.url).inner,
                pushes: &alone,
            };
            let mut copying_transport = PushTimer {
                inner: pusher.transport(&server.url).inner,
                pushes: &while_copying,
            };
            let mut writing_transport = PushTimer {
                inner: pusher.transport(&server.url).inner,
                pushes: &while_writing,
            };
            while !stop.load(Ordering::Acquire) {
                let started = Instant::now();
                edit += 1;
                let input = AssetInput {
                    notes: Some(format!("edit {edit}")),
                    ..AssetInput::default()
                };
                pusher
                    .workspace
                    .edit_asset(asset, &input, &stamp())
                    .expect("edit");
                // A pass counts in the phase of the backup it starts in.
                let now = phase.load(Ordering::Acquire);
                let transport: &mut dyn DynTransport = match now {
                    COPYING => &mut copying_transport,
                    WRITING => &mut writing_transport,
                    _ => &mut alone_transport,
                };
                transport.pass(&pusher);
                let peak = match now {
                    NO_BACKUP => &peak_alone,
                    _ => &peak_during,
                };
                peak.fetch_max(resident_bytes(server.pid()).unwrap_or(0), Ordering::AcqRel);
                std::thread::sleep(PACE.saturating_sub(started.elapsed()));
            }
        });
        while alone.lock().map_or(0, |v| v.len()) < PUSHES_ALONE {
            std::thread::sleep(Duration::from_millis(50));
        }
        for n in 0..BACKUPS {
            let target = dir.join(format!("backup-{n}"));
            phase.store(COPYING, Ordering::Release);
            let started = Instant::now();
            let mut admin = Command::new(binary)
                .arg("admin")
                .arg("--data-dir")
                .arg(&data)
                .arg("backup")
                .arg(&target)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("admin backup runs");
            // The progress lines tell when the copy ended and the folder was written.
            let (mut copied, mut written) = (Duration::ZERO, Duration::ZERO);
            let stderr = admin.stderr.take().expect("stderr");
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains("documents copied") {
                    copied = started.elapsed();
                    // The last piece's line counts every document: the folder comes next.
                    if line.contains("50001 documents copied") {
                        phase.store(WRITING, Ordering::Release);
                    }
                } else if line.contains("files written") {
                    written = started.elapsed();
                }
            }
            let output = admin.wait_with_output().expect("admin backup ends");
            let took = started.elapsed();
            phase.store(NO_BACKUP, Ordering::Release);
            assert!(output.status.success(), "backup failed");
            let said = String::from_utf8_lossy(&output.stdout).into_owned();
            assert!(said.contains("from the running server"), "{said}");
            assert!(said.contains("(50001 documents"), "{said}");
            backups.push(took);
            copies.push(copied);
            writes.push(written.saturating_sub(copied));
            std::thread::sleep(Duration::from_millis(500));
        }
        stop.store(true, Ordering::Release);
        pushing.join().expect("the pushing device");
    });
    let size: u64 = walk(&dir.join("backup-0"));
    let mut alone = alone.into_inner().unwrap_or_default();
    let mut while_copying = while_copying.into_inner().unwrap_or_default();
    let mut while_writing = while_writing.into_inner().unwrap_or_default();
    let runs: Vec<String> = backups
        .iter()
        .map(|t| format!("{:.2}", t.as_secs_f64()))
        .collect();
    rows.push(row(
        "**`admin backup` of the running server holding the 50,000-asset workspace**",
        format!(
            "**p50 {}** (runs: {} s; {:.1} MB, 50,001 documents)",
            seconds(percentile(&mut backups, 0.5)),
            runs.join(", "),
            size as f64 / 1e6
        ),
        String::new(),
        "",
    ));
    rows.push(row(
        "the server's resident memory, most seen: without / during backups",
        format!(
            "{:.1} MB / {:.1} MB",
            peak_alone.into_inner() as f64 / 1e6,
            peak_during.into_inner() as f64 / 1e6
        ),
        String::new(),
        "",
    ));
    rows.push(row(
        "of which: copy the documents and feed out (pieces under the hub's read lock) / write the folder (50,000 files, `syncfs`)",
        format!(
            "p50 {} / {}",
            millis(percentile(&mut copies, 0.5)),
            millis(percentile(&mut writes, 0.5))
        ),
        String::new(),
        "",
    ));
    for (what, samples) in [
        (
            "a device's push (one edited asset), no backup running",
            &mut alone,
        ),
        (
            "the same push while a backup copies documents out",
            &mut while_copying,
        ),
        (
            "the same push while a backup writes its folder",
            &mut while_writing,
        ),
    ] {
        rows.push(row(
            &format!("{what}: p50 / p99 / max ({} pushes)", samples.len()),
            format!(
                "{} / {} / {}",
                millis(percentile(samples, 0.5)),
                millis(percentile(samples, 0.99)),
                millis(percentile(samples, 1.0))
            ),
            String::new(),
            "",
        ));
    }
}

/// One sync pass over either timed transport.
trait DynTransport {
    fn pass(&mut self, device: &Device);
}

impl<T: Transport> DynTransport for PushTimer<'_, T> {
    fn pass(&mut self, device: &Device) {
        sync_once(&device.workspace, self, now_ms(), &mut |_| {}).expect("sync");
    }
}

fn walk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk(&entry.path()),
            _ => entry.metadata().map_or(0, |meta| meta.len()),
        })
        .sum()
}
