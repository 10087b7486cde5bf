//! The server under abuse, without logging in: 16 clients sending 63 MiB login bodies over and
//! over (half with a `Content-Length`, half chunked) and 1,000 connections that stall (half in
//! the request head, half in a 1 MiB body), each opened again as soon as the server closes
//! it, while `/healthz` is asked every 100 ms and a real device edits and syncs every 500 ms.
//! Run twice: the attack from one address, and spread over 100 (so that only the caps in all
//! hold it). The server's resident memory is sampled every 50 ms and its peak read from
//! `/proc/PID/status` (VmHWM).
//!
//! Then, logged in, 4 uploads of 60 MiB blobs at once: what the server holds of them.
//!
//! Any 127.x.y.z address is this machine: the attackers' sockets are bound to 127.0.0.2 or
//! 127.0.1.1-100, the device and the health checks come from 127.0.0.1.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cloudwright_core::assets::{apply_input, Asset, AssetInput};
use cloudwright_core::sync::sync_once;
use cloudwright_core::AssetId;

use crate::server::{peak_resident_bytes, resident_bytes, SyncServer};
use crate::{megabytes, millis, now_ms, percentile, row, stamp, Device, Row};

const BIG_BODY: usize = 63 * 1024 * 1024;
const SENDERS: usize = 16;
const STALLED: usize = 1_000;

/// What one run saw.
#[derive(Default)]
struct Outcome {
    idle: u64,
    peak_sampled: u64,
    peak_hwm: u64,
    after: u64,
    health: Vec<(Duration, bool)>,
    syncs: Vec<(Duration, Result<(), String>)>,
    /// Answers the big senders got, by status (0: cut off without an answer).
    big_answers: Mutex<std::collections::BTreeMap<u16, u64>>,
    stalled_opened: AtomicU64,
    stalled_closed: AtomicU64,
    stalled_answered: AtomicU64,
}

fn connect_from(source: Ipv4Addr, to: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
    socket.bind(&SocketAddr::from((source, 0)).into())?;
    socket.connect(&to.into())?;
    Ok(socket.into())
}

/// One sender: a 63 MiB login body, again and again, until `stop`.
fn send_big_bodies(
    to: SocketAddr,
    source: Ipv4Addr,
    chunked: bool,
    stop: &AtomicBool,
    outcome: &Outcome,
) {
    let block = vec![b' '; 64 * 1024];
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = connect_from(source, to) else {
            continue;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let framing = match chunked {
            true => "transfer-encoding: chunked".to_owned(),
            false => format!("content-length: {BIG_BODY}"),
        };
        let head = format!(
            "POST /v1/login HTTP/1.1\r\nhost: {to}\r\ncontent-type: application/json\r\n{framing}\r\n\r\n"
        );
        let mut sent = 0;
        let mut ok = stream.write_all(head.as_bytes()).is_ok();
        while ok && sent < BIG_BODY && !stop.load(Ordering::Relaxed) {
            ok = match chunked {
                true => stream
                    .write_all(format!("{:x}\r\n", block.len()).as_bytes())
                    .and_then(|()| stream.write_all(&block))
                    .and_then(|()| stream.write_all(b"\r\n"))
                    .is_ok(),
                false => stream.write_all(&block).is_ok(),
            };
            sent += block.len();
        }
        let mut answer = [0u8; 64];
        let status = match stream.read(&mut answer) {
            Ok(n) if n >= 12 => std::str::from_utf8(&answer[9..12])
                .ok()
                .and_then(|code| code.parse().ok())
                .unwrap_or(0),
            _ => 0,
        };
        *outcome
            .big_answers
            .lock()
            .expect("answers")
            .entry(status)
            .or_default() += 1;
    }
}

/// What a stalled connection sends before it stops: half a request head, or a login head
/// declaring 1 MiB and 100 bytes of it.
fn stall(stream: &mut TcpStream, n: usize, to: SocketAddr) -> std::io::Result<()> {
    match n % 2 {
        0 => stream
            .write_all(format!("POST /v1/login HTTP/1.1\r\nhost: {to}\r\ncontent-").as_bytes()),
        _ => {
            let head = format!(
                "POST /v1/login HTTP/1.1\r\nhost: {to}\r\ncontent-type: application/json\r\ncontent-length: 1048576\r\n\r\n"
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(&[b' '; 100])
        }
    }
}

/// Keeps [`STALLED`] stalled connections open from `sources`, opening each again as soon as
/// the server closes it.
fn keep_stalled(to: SocketAddr, sources: &[Ipv4Addr], stop: &AtomicBool, outcome: &Outcome) {
    let open = |n: usize| -> Option<TcpStream> {
        let mut stream = connect_from(sources[n % sources.len()], to).ok()?;
        stall(&mut stream, n, to).ok()?;
        stream.set_nonblocking(true).ok()?;
        outcome.stalled_opened.fetch_add(1, Ordering::Relaxed);
        Some(stream)
    };
    let mut streams: Vec<Option<TcpStream>> = (0..STALLED).map(open).collect();
    let mut buffer = [0u8; 4096];
    while !stop.load(Ordering::Relaxed) {
        for (n, slot) in streams.iter_mut().enumerate() {
            let closed = match slot {
                None => true,
                Some(stream) => loop {
                    match stream.read(&mut buffer) {
                        Ok(0) => break true,
                        Ok(_) => {
                            outcome.stalled_answered.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(error) if error.kind() == ErrorKind::WouldBlock => break false,
                        Err(_) => break true,
                    }
                },
            };
            if closed {
                if slot.is_some() {
                    outcome.stalled_closed.fetch_add(1, Ordering::Relaxed);
                }
                *slot = open(n);
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn run(binary: &Path, dir: &Path, sources: &[Ipv4Addr], seconds: u64) -> Outcome {
    let server = SyncServer::start(binary, &dir.join("server"), "남용");
    let pid = server.pid();
    let device = Device::login(&server, &dir.join("device"));
    let assets = (1..=10)
        .map(|n| {
            let input = AssetInput {
                asset_tag: Some(format!("ABUSE-{n:02}")),
                asset_type: Some("server".into()),
                status: Some("in_use".into()),
                ..AssetInput::default()
            };
            apply_input(&Asset::blank(AssetId(ulid::Ulid::new())), &input).expect("valid")
        })
        .collect();
    device
        .workspace
        .insert_assets(assets, &stamp(), "register")
        .expect("insert");
    let mut transport = device.transport(&server.url);
    device.sync(&mut transport);
    let mut outcome = Outcome {
        idle: resident_bytes(pid).unwrap_or(0),
        ..Outcome::default()
    };

    let stop = AtomicBool::new(false);
    let peak = AtomicU64::new(0);
    let health = Mutex::new(Vec::new());
    let syncs = Mutex::new(Vec::new());
    let to = server.address;
    std::thread::scope(|scope| {
        let (stop, outcome_ref, peak, health, syncs) = (&stop, &outcome, &peak, &health, &syncs);
        for n in 0..SENDERS {
            let source = sources[n % sources.len()];
            scope.spawn(move || send_big_bodies(to, source, n % 2 == 1, stop, outcome_ref));
        }
        scope.spawn(move || keep_stalled(to, sources, stop, outcome_ref));
        scope.spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                peak.fetch_max(resident_bytes(pid).unwrap_or(0), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let url = format!("{}/healthz", server.url);
        scope.spawn(move || {
            let client = reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("client");
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                let ok = client
                    .get(&url)
                    .send()
                    .is_ok_and(|response| response.status() == 200);
                health.lock().expect("health").push((started.elapsed(), ok));
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let device = &device;
        let transport = &mut transport;
        scope.spawn(move || {
            let mut pass = 0u64;
            while !stop.load(Ordering::Relaxed) {
                pass += 1;
                let tag = format!("ABUSE-{:02}", pass % 10 + 1);
                let id = device.workspace.asset(&tag).expect("own asset").asset.id;
                let input = AssetInput {
                    notes: Some(format!("pass {pass}")),
                    ..AssetInput::default()
                };
                device
                    .workspace
                    .edit_asset(id, &input, &stamp())
                    .expect("edit");
                let started = Instant::now();
                let result = sync_once(&device.workspace, transport, now_ms(), &mut |_| {})
                    .map(drop)
                    .map_err(|error| error.to_string());
                syncs
                    .lock()
                    .expect("syncs")
                    .push((started.elapsed(), result));
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        std::thread::sleep(Duration::from_secs(seconds));
        stop.store(true, Ordering::Relaxed);
    });
    outcome.peak_sampled = peak.into_inner();
    outcome.peak_hwm = peak_resident_bytes(pid).unwrap_or(0);
    outcome.health = health.into_inner().expect("health");
    outcome.syncs = syncs.into_inner().expect("syncs");
    // The attackers' sockets are closed (their threads ended); what does the server keep?
    std::thread::sleep(Duration::from_secs(10));
    outcome.after = resident_bytes(pid).unwrap_or(0);
    outcome
}

/// 4 uploads of 60 MiB blobs at once by a logged-in editor: the server's peak resident memory
/// before and during.
fn big_uploads(binary: &Path, dir: &Path) -> (u64, u64, Duration) {
    const UPLOADS: usize = 4;
    const SIZE: usize = 60 * 1024 * 1024;
    let server = SyncServer::start(binary, &dir.join("server"), "파일");
    let device = Device::login(&server, &dir.join("device"));
    let idle = resident_bytes(server.pid()).unwrap_or(0);
    let blobs: Vec<Vec<u8>> = (0..UPLOADS as u32)
        .map(|n| {
            (0..SIZE as u32)
                .map(|i| (i.wrapping_mul(2_654_435_761).wrapping_add(n) >> 24) as u8)
                .collect()
        })
        .collect();
    let started = Instant::now();
    std::thread::scope(|scope| {
        for blob in &blobs {
            let (url, token) = (&server.url, &device.token);
            let remote = device.remote;
            scope.spawn(move || {
                let sha = cloudwright_core::sync::blobs::sha256_hex(blob);
                let response = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(300))
                    .build()
                    .expect("client")
                    .put(format!("{url}/v1/workspaces/{remote}/blobs/{sha}"))
                    .bearer_auth(token)
                    .header("content-type", "application/octet-stream")
                    .body(blob.clone())
                    .send()
                    .expect("answered");
                assert_eq!(
                    response.status(),
                    201,
                    "{}",
                    response.text().unwrap_or_default()
                );
            });
        }
    });
    let took = started.elapsed();
    (idle, peak_resident_bytes(server.pid()).unwrap_or(0), took)
}

pub fn abuse(binary: &Path, dir: &Path, seconds: u64, rows: &mut Vec<Row>) {
    let (idle, peak, took) = big_uploads(binary, &dir.join("uploads"));
    rows.push(row(
        "logged in: 4 uploads of 60 MiB blobs at once, server resident memory idle / peak (VmHWM)",
        format!(
            "{} / **{}** ({} for all 4)",
            megabytes(idle),
            megabytes(peak),
            crate::seconds(took)
        ),
        String::new(),
        "not the 4 blobs (240 MiB) held",
    ));
    let one = [Ipv4Addr::new(127, 0, 0, 2)];
    let spread: Vec<Ipv4Addr> = (1..=100).map(|n| Ipv4Addr::new(127, 0, 1, n)).collect();
    for (name, sources) in [("one address", &one[..]), ("100 addresses", &spread[..])] {
        let outcome = run(binary, &dir.join(name.replace(' ', "-")), sources, seconds);
        let what = format!(
            "abuse from {name}, {seconds} s: 16 × 63 MiB login bodies, 1,000 stalled connections"
        );
        rows.push(row(
            &format!("{what}: server resident memory idle / peak (sampled, VmHWM) / 10 s after"),
            format!(
                "{} / **{}**, {} / {}",
                megabytes(outcome.idle),
                megabytes(outcome.peak_sampled),
                megabytes(outcome.peak_hwm),
                megabytes(outcome.after)
            ),
            String::new(),
            "< 100 MB",
        ));
        let mut latencies: Vec<Duration> = outcome.health.iter().map(|(d, _)| *d).collect();
        let answered = outcome.health.iter().filter(|(_, ok)| *ok).count();
        rows.push(row(
            &format!("{what}: `/healthz` every 100 ms from another address"),
            format!(
                "{answered}/{} answered 200 (p50 {}, max {})",
                outcome.health.len(),
                millis(percentile(&mut latencies, 0.5)),
                millis(percentile(&mut latencies, 1.0)),
            ),
            String::new(),
            "all",
        ));
        let mut passes: Vec<Duration> = outcome.syncs.iter().map(|(d, _)| *d).collect();
        let synced = outcome.syncs.iter().filter(|(_, r)| r.is_ok()).count();
        let errors: Vec<&String> = outcome
            .syncs
            .iter()
            .filter_map(|(_, r)| r.as_ref().err())
            .collect();
        if let Some(first) = errors.first() {
            eprintln!(
                "abuse ({name}): {} failed syncs, the first: {first}",
                errors.len()
            );
        }
        rows.push(row(
            &format!("{what}: a real device's edit + sync every 500 ms"),
            format!(
                "{synced}/{} passes synced (p50 {}, max {})",
                outcome.syncs.len(),
                millis(percentile(&mut passes, 0.5)),
                millis(percentile(&mut passes, 1.0)),
            ),
            String::new(),
            "all",
        ));
        let answers = outcome.big_answers.lock().expect("answers");
        let answers: Vec<String> = answers
            .iter()
            .map(|(status, n)| match status {
                0 => format!("{n} cut off"),
                status => format!("{n} × {status}"),
            })
            .collect();
        rows.push(row(
            &format!("{what}: what the attackers got"),
            format!(
                "big bodies: {}; stalled: {} opened, {} answered (408/503), {} closed by the server",
                answers.join(", "),
                outcome.stalled_opened.load(Ordering::Relaxed),
                outcome.stalled_answered.load(Ordering::Relaxed),
                outcome.stalled_closed.load(Ordering::Relaxed),
            ),
            String::new(),
            "",
        ));
    }
}
