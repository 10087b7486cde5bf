//! Many clients syncing at once: each edits one of its own assets, then syncs, in a loop.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cloudwright_core::assets::{apply_input, Asset, AssetInput};
use cloudwright_core::sync::sync_once;
use cloudwright_core::AssetId;
use cloudwright_sync_client::HttpTransport;

use crate::server::{resident_bytes, SyncServer};
use crate::{megabytes, millis, now_ms, percentile, row, stamp, Device, Row, Timed};

/// What the clients of one load phase saw.
struct Phase {
    /// Per pass: its whole time and the part spent in exchanges.
    passes: Vec<(Duration, Duration)>,
    errors: Vec<String>,
    /// The server's own time and count for sync requests during the phase.
    server_seconds: f64,
    server_requests: f64,
}

/// Every client edits one of its own two assets, then syncs, until `duration` is over; with
/// `interval`, each client starts a pass at most that often (staggered across clients),
/// otherwise passes follow each other back to back.
fn run_clients(
    server: &SyncServer,
    devices: &mut [(Device, Timed<HttpTransport>)],
    duration: Duration,
    interval: Option<Duration>,
) -> Phase {
    let clients = devices.len() as u32;
    let before = sync_route_seconds(&server.metrics());
    let passes = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::<String>::new());
    let start = Instant::now();
    let deadline = start + duration;
    std::thread::scope(|scope| {
        for (n, (device, transport)) in devices.iter_mut().enumerate() {
            let (passes, errors) = (&passes, &errors);
            scope.spawn(move || {
                let mut mine = Vec::new();
                let mut next = start + interval.map_or(Duration::ZERO, |i| i * n as u32 / clients);
                let mut pass = 0u64;
                loop {
                    if let Some(interval) = interval {
                        std::thread::sleep(next.saturating_duration_since(Instant::now()));
                        next += interval;
                    }
                    if Instant::now() >= deadline {
                        break;
                    }
                    pass += 1;
                    let tag = format!("LOAD-{n:02}-{}", pass % 2 + 1);
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
                    let exchanging = transport.exchanging;
                    match sync_once(&device.workspace, transport, now_ms(), &mut |_| {}) {
                        Ok(_) => mine.push((started.elapsed(), transport.exchanging - exchanging)),
                        Err(error) => errors.lock().expect("errors").push(error.to_string()),
                    }
                }
                passes.lock().expect("passes").extend(mine);
            });
        }
    });
    let after = sync_route_seconds(&server.metrics());
    Phase {
        passes: passes.into_inner().expect("passes"),
        errors: errors.into_inner().expect("errors"),
        server_seconds: after.0 - before.0,
        server_requests: after.1 - before.1,
    }
}

pub fn load(binary: &Path, dir: &Path, clients: usize, seconds: u64, rows: &mut Vec<Row>) {
    let server = SyncServer::start(binary, &dir.join("server"), "부하");
    let idle_rss = resident_bytes(server.pid()).unwrap_or(0);
    let mut devices = Vec::with_capacity(clients);
    for n in 0..clients {
        let device = Device::login(&server, &dir.join(format!("client-{n:02}")));
        let assets = (1..=2)
            .map(|k| {
                let input = AssetInput {
                    asset_tag: Some(format!("LOAD-{n:02}-{k}")),
                    asset_type: Some("server".into()),
                    status: Some("in_use".into()),
                    owner: Some(format!("client {n}")),
                    ..AssetInput::default()
                };
                apply_input(&Asset::blank(AssetId(ulid::Ulid::new())), &input).expect("valid")
            })
            .collect();
        device
            .workspace
            .insert_assets(assets, &stamp(), "register")
            .expect("insert");
        let transport = device.transport(&server.url);
        devices.push((device, transport));
    }
    let logged_in_rss = resident_bytes(server.pid()).unwrap_or(0);
    // Everyone has everyone's assets before the clock starts.
    for (device, transport) in &mut devices {
        device.sync(transport);
    }
    for (device, transport) in &mut devices {
        device.sync(transport);
        assert_eq!(device.workspace.asset_count(), clients * 2);
    }

    let start_rss = resident_bytes(server.pid()).unwrap_or(0);
    let stop = AtomicBool::new(false);
    let rss = Mutex::new(Vec::new());
    let paced_for = Duration::from_secs(seconds);
    let saturated_for = Duration::from_secs(seconds.div_ceil(3));
    let (paced, saturated, paced_rss) = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                if let Some(bytes) = resident_bytes(server.pid()) {
                    rss.lock().expect("rss").push(bytes);
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        });
        let paced = run_clients(
            &server,
            &mut devices,
            paced_for,
            Some(Duration::from_secs(1)),
        );
        let paced_rss = resident_bytes(server.pid()).unwrap_or(0);
        let saturated = run_clients(&server, &mut devices, saturated_for, None);
        stop.store(true, Ordering::Relaxed);
        (paced, saturated, paced_rss)
    });
    let end_rss = resident_bytes(server.pid()).unwrap_or(0);
    let rss = rss.into_inner().expect("rss");
    let max_rss = rss.iter().copied().max().unwrap_or(0).max(end_rss);

    for (phase, label) in [
        (
            paced,
            format!("{clients} clients, each editing and syncing once a second, {seconds} s"),
        ),
        (
            saturated,
            format!(
                "{clients} clients editing and syncing back to back, {} s",
                saturated_for.as_secs()
            ),
        ),
    ] {
        for error in phase.errors.iter().take(5) {
            eprintln!("sync error: {error}");
        }
        let mut total: Vec<Duration> = phase.passes.iter().map(|p| p.0).collect();
        let mut exchanging: Vec<Duration> = phase.passes.iter().map(|p| p.1).collect();
        let mut local: Vec<Duration> = phase
            .passes
            .iter()
            .map(|p| p.0.saturating_sub(p.1))
            .collect();
        let count = total.len().max(1);
        let span = if label.contains("back to back") {
            saturated_for
        } else {
            paced_for
        };
        rows.push(row(
            &format!("**{label}: passes / errors**"),
            format!(
                "{} passes ({:.0}/s) / **{} errors**",
                total.len(),
                total.len() as f64 / span.as_secs_f64(),
                phase.errors.len()
            ),
            String::new(),
            "no errors",
        ));
        rows.push(row(
            "sync pass latency p50 / **p99** / max (the edit before it not counted)",
            format!(
                "{} / **{}** / {}",
                millis(percentile(&mut total, 0.5)),
                millis(percentile(&mut total, 0.99)),
                millis(percentile(&mut total, 1.0))
            ),
            String::new(),
            "p99 ≤ 100 ms",
        ));
        rows.push(row(
            "of which in exchanges (network + server) p50 / p99; the client's own work p50 / p99",
            format!(
                "{} / {}; {} / {}",
                millis(percentile(&mut exchanging, 0.5)),
                millis(percentile(&mut exchanging, 0.99)),
                millis(percentile(&mut local, 0.5)),
                millis(percentile(&mut local, 0.99))
            ),
            String::new(),
            "",
        ));
        rows.push(row(
            "server time per sync request, mean (its own metrics) / requests per pass",
            format!(
                "{} / {:.2}",
                millis(Duration::from_secs_f64(
                    phase.server_seconds / phase.server_requests.max(1.0)
                )),
                phase.server_requests / count as f64
            ),
            String::new(),
            "",
        ));
    }
    rows.push(row(
        &format!(
            "**server resident memory: idle / after {clients} logins / after first syncs / \
             after the paced run / max / end**"
        ),
        format!(
            "{} / {} / {} / {} / **{}** / {}",
            megabytes(idle_rss),
            megabytes(logged_in_rss),
            megabytes(start_rss),
            megabytes(paced_rss),
            megabytes(max_rss),
            megabytes(end_rss)
        ),
        String::new(),
        "bounded",
    ));
}

/// Sum and count of the server's own durations for the sync route, from `/metrics`.
fn sync_route_seconds(metrics: &str) -> (f64, f64) {
    let value = |name: &str| {
        metrics
            .lines()
            .find(|line| line.starts_with(name) && line.contains("/sync\"}"))
            .and_then(|line| line.rsplit(' ').next())
            .and_then(|number| number.parse().ok())
            .unwrap_or(0.0)
    };
    (
        value("cloudwright_request_duration_seconds_sum"),
        value("cloudwright_request_duration_seconds_count"),
    )
}
