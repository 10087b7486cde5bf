//! Team sync figures against the real `cloudwright-sync` release binary on 127.0.0.1, printed
//! as a Markdown table for BENCHMARKS.md:
//! - `push`: 25,000 assets created by one client and pushed, then fetched by a fresh client,
//!   against the automerge-repo Node server doing the same work in the same run; then a
//!   reconnect of both clients with nothing changed;
//! - `catchup`: 1,000 remote edits over 200 assets applied on a client holding the
//!   50,000-asset demo workspace;
//! - `load [SECONDS]`: 50 clients (`clients N` to change), each with two assets of its own,
//!   editing one and syncing in a loop: once a second each for SECONDS (default 60), then back
//!   to back for a third of that; the server's resident memory is sampled every second;
//! - `backup`: `admin backup` of the running server holding the 50,000-asset demo workspace,
//!   five times, while a device pushes an edit every 20 ms; its pushes timed with and without;
//! - `abuse [SECONDS]`: 16 clients sending 63 MiB login bodies and 1,000 stalled connections,
//!   from one address and then from 100, for SECONDS each (default 40): the server's peak
//!   resident memory, `/healthz` and a real device's syncs meanwhile (sync/abuse.rs).
//!
//! `cargo bench -p cloudwright-tests --bench sync -- [push] [catchup] [load [SECONDS]]
//! [backup] [abuse [SECONDS]] [clients N] [noref]` runs every part (load for 60 s) when none is named. It builds the
//! server first with `cargo build --release -p cloudwright-sync`. Clients are the core's sync
//! engine in this process over `cloudwright-sync-client`'s HTTP transport, each with its own
//! store under `target/bench-sync/run`.

#[path = "sync/abuse.rs"]
mod abuse;
#[path = "sync/backup.rs"]
mod backup;
#[path = "sync/catchup.rs"]
mod catchup;
#[path = "sync/load.rs"]
mod load;
#[path = "sync/reference.rs"]
mod reference;
#[path = "sync/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use cloudwright_core::assets::{apply_input, Asset, AssetInput, AssetQuery};
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::sync::protocol::{SyncRequest, SyncResponse};
use cloudwright_core::sync::{sync_once, SyncRecord, Transport};
use cloudwright_core::{AssetId, Author, Stamp, WorkspaceId};
use cloudwright_sync_client::session;
use cloudwright_sync_client::{Client, HttpTransport};

use server::{CountingProxy, SyncServer, PASSWORD, USER};

/// One line of the printed table.
struct Row {
    measure: String,
    cloudwright: String,
    reference: String,
    target: String,
}

fn row(measure: &str, cloudwright: String, reference: String, target: &str) -> Row {
    Row {
        measure: measure.to_owned(),
        cloudwright,
        reference,
        target: target.to_owned(),
    }
}

struct Args {
    push: bool,
    catchup: bool,
    backup: bool,
    load_seconds: Option<u64>,
    abuse_seconds: Option<u64>,
    clients: usize,
    reference: bool,
}

fn parse_args() -> Args {
    // `cargo bench` adds `--bench`; flags are not ours.
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let number_after = |word: &str| {
        let at = words.iter().position(|w| w == word)?;
        words.get(at + 1)?.parse::<u64>().ok()
    };
    let named = |word: &str| words.iter().any(|w| w == word);
    let any_part =
        named("push") || named("catchup") || named("load") || named("backup") || named("abuse");
    Args {
        push: !any_part || named("push"),
        catchup: !any_part || named("catchup"),
        backup: !any_part || named("backup"),
        load_seconds: (!any_part || named("load")).then(|| number_after("load").unwrap_or(60)),
        abuse_seconds: (!any_part || named("abuse")).then(|| number_after("abuse").unwrap_or(40)),
        clients: number_after("clients").map_or(50, |n| n as usize),
        reference: !named("noref"),
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}

fn stamp() -> Stamp {
    Stamp::new(Author::new("벤치", "BE"), now_ms())
}

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

/// A device: its own store, logged in to the server's workspace through the same session
/// code as the app and the CLI.
struct Device {
    _store: Store,
    workspace: Arc<Workspace>,
    token: String,
    client_id: String,
    remote: WorkspaceId,
}

impl Device {
    fn login(server: &SyncServer, dir: &Path) -> Device {
        let store = Store::open(dir).expect("device store");
        let logged =
            session::login(&store, &server.url, USER, PASSWORD, None, now_ms()).expect("login");
        let binding = logged
            .workspace
            .sync_binding()
            .expect("binding")
            .expect("bound");
        let token = store
            .setting(&session::token_key(&logged.workspace.meta().id))
            .expect("setting")
            .expect("token");
        Device {
            _store: store,
            workspace: logged.workspace,
            token,
            client_id: binding.client_id,
            remote: binding.remote_workspace,
        }
    }

    /// A transport on a new connection to `url` (the server or a proxy in front of it).
    fn transport(&self, url: &str) -> Timed<HttpTransport> {
        let inner = Client::new(url)
            .expect("client")
            .with_token(self.token.clone())
            .transport(self.remote, &self.client_id);
        Timed {
            inner,
            exchanging: Duration::ZERO,
        }
    }

    fn sync(&self, transport: &mut Timed<HttpTransport>) -> SyncRecord {
        sync_once(&self.workspace, transport, now_ms(), &mut |_| {}).expect("sync")
    }
}

/// A transport that adds up the time spent in exchanges (the network and the server), so that
/// a pass splits into that and the client's own work.
struct Timed<T> {
    inner: T,
    exchanging: Duration,
}

impl<T: Transport> Transport for Timed<T> {
    type Error = T::Error;
    fn exchange(&mut self, request: &SyncRequest) -> Result<SyncResponse, T::Error> {
        let started = Instant::now();
        let answer = self.inner.exchange(request);
        self.exchanging += started.elapsed();
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

fn main() {
    let args = parse_args();
    let base = std::env::var_os("CLOUDWRIGHT_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-sync"));
    let run = base.join("run");
    let _ = std::fs::remove_dir_all(&run);
    std::fs::create_dir_all(&run).expect("bench dir");
    let binary = server::binary();
    let mut rows = Vec::new();
    if args.push {
        push_and_fetch(
            &binary,
            &run.join("push"),
            &base.join("reference"),
            &args,
            &mut rows,
        );
    }
    if args.catchup {
        catchup::catch_up(&binary, &run.join("catchup"), &mut rows);
    }
    if args.backup {
        backup::backup(&binary, &run.join("backup"), &mut rows);
    }
    if let Some(seconds) = args.load_seconds {
        load::load(&binary, &run.join("load"), args.clients, seconds, &mut rows);
    }
    if let Some(seconds) = args.abuse_seconds {
        abuse::abuse(&binary, &run.join("abuse"), seconds, &mut rows);
    }
    println!("| measure | Cloudwright | automerge-repo Node server | target |");
    println!("|---|---|---|---|");
    for row in rows {
        println!(
            "| {} | {} | {} | {} |",
            row.measure, row.cloudwright, row.reference, row.target
        );
    }
}

const PUSH_DOCS: usize = 1_000;
const ASSETS_PER_DOC: usize = 25;

/// The reference's assets, one document each: tag, model, serial, status, rack and U, owner.
fn reference_like_assets() -> Vec<Asset> {
    let mut assets = Vec::with_capacity(PUSH_DOCS * ASSETS_PER_DOC);
    for d in 0..PUSH_DOCS {
        for i in 0..ASSETS_PER_DOC {
            let input = AssetInput {
                asset_tag: Some(format!("DC1-{d}-{i}")),
                asset_type: Some("server".into()),
                model: Some("PowerEdge R760".into()),
                serial: Some(format!("SN{}", d * 1000 + i)),
                status: Some("in_use".into()),
                rack: Some(format!("R{d}")),
                unit: Some((i + 1).to_string()),
                owner: Some("infra".into()),
                ..AssetInput::default()
            };
            let blank = Asset::blank(AssetId(ulid::Ulid::new()));
            assets.push(apply_input(&blank, &input).expect("valid input"));
        }
    }
    assets
}

fn push_and_fetch(
    binary: &Path,
    dir: &Path,
    reference_dir: &Path,
    args: &Args,
    rows: &mut Vec<Row>,
) {
    let total = PUSH_DOCS * ASSETS_PER_DOC;
    // The reference runs just before and just after ours, in this same run: a ratio never
    // compares figures from different runs, and the machine's drift shows in the two.
    let run_reference = |when: &str| {
        if !args.reference {
            return None;
        }
        match reference::run_reference(reference_dir) {
            Ok(reference) => Some(reference),
            Err(error) => {
                eprintln!("reference peer {when} ours failed: {error}");
                None
            }
        }
    };
    let reference_before = run_reference("before");
    let server = SyncServer::start(binary, &dir.join("server"), "동기화 벤치");

    let pusher = Device::login(&server, &dir.join("pusher"));
    let started = Instant::now();
    let written = pusher
        .workspace
        .insert_assets(reference_like_assets(), &stamp(), "import")
        .expect("insert");
    assert_eq!(written.len(), total);
    let create = started.elapsed();
    let mut transport = pusher.transport(&server.url);
    let started = Instant::now();
    let record = pusher.sync(&mut transport);
    let push_sync = started.elapsed();
    assert_eq!(record.pushed as usize, total);
    assert_eq!(pusher.workspace.sync_pending().expect("pending"), 0);
    let pushed_bytes = transport.inner.bytes_sent;
    let push_trips = transport.inner.round_trips;
    let push_exchanging = transport.exchanging;

    let fetcher = Device::login(&server, &dir.join("fetcher"));
    let mut transport = fetcher.transport(&server.url);
    let started = Instant::now();
    for _ in 0..3 {
        if fetcher.workspace.asset_count() >= total {
            break;
        }
        fetcher.sync(&mut transport);
    }
    let fetch = started.elapsed();
    let listed = fetcher.workspace.query_assets(&AssetQuery::default()).total as usize;
    assert_eq!((fetcher.workspace.asset_count(), listed), (total, total));
    let last = fetcher
        .workspace
        .asset("DC1-999-24")
        .expect("the last asset arrived");
    assert_eq!(
        (last.asset.owner.as_str(), last.asset.location.unit),
        ("infra", Some(25))
    );
    let fetched_bytes = transport.inner.bytes_received;
    let fetch_trips = transport.inner.round_trips;
    let fetch_exchanging = transport.exchanging;

    // Reconnect with nothing changed on either side: a new connection through a proxy that
    // counts every byte, so headers are counted too.
    let proxy = CountingProxy::start(server.address);
    let mut reconnects = Vec::new();
    for device in [&pusher, &fetcher] {
        proxy.take();
        let mut transport = device.transport(&proxy.url);
        let record = device.sync(&mut transport);
        assert_eq!((record.pushed, record.pulled), (0, 0));
        let (up, down) = proxy.take();
        let bodies = transport.inner.bytes_sent + transport.inner.bytes_received;
        reconnects.push((transport.inner.round_trips, bodies, up + down - bodies));
    }
    drop(server);

    let reference_after = run_reference("after");
    let runs: Vec<&reference::Reference> =
        reference_before.iter().chain(&reference_after).collect();
    let mean = |pick: fn(&reference::Reference) -> f64| {
        (!runs.is_empty()).then(|| runs.iter().map(|r| pick(r)).sum::<f64>() / runs.len() as f64)
    };
    // "16.05 / 16.41 s": the reference before and after ours.
    let both = |pick: fn(&reference::Reference) -> f64| {
        runs.iter()
            .map(|r| format!("{:.2}", pick(r) / 1000.0))
            .collect::<Vec<_>>()
            .join(" / ")
            + if runs.is_empty() { "" } else { " s" }
    };
    let ratio = |ours: Duration, theirs: Option<f64>| match theirs {
        Some(ms) => format!(
            "{:.2}× the reference (mean of {} run{} in this run)",
            ours.as_secs_f64() * 1000.0 / ms,
            runs.len(),
            if runs.len() == 1 { "" } else { "s" }
        ),
        None => "reference failed in this run: no ratio".to_owned(),
    };
    let retried: u32 = runs.iter().map(|r| r.fetch_attempts - 1).sum();
    if retried > 0 {
        eprintln!("reference fetch needed {retried} retries in this run");
    }
    let ref_create = both(|r| r.create_ms);
    let ref_push = mean(|r| r.push_ms);
    let ref_fetch = mean(|r| r.fetch_ms);
    rows.push(row(
        "push 25,000 assets: create them in the local store (durable)",
        seconds(create),
        ref_create,
        "",
    ));
    rows.push(row(
        "push: then sync until the server acknowledged all (fsync before each ack)",
        format!(
            "{} ({}, {} round trips; {} waiting on the server)",
            seconds(push_sync),
            megabytes(pushed_bytes),
            push_trips,
            seconds(push_exchanging)
        ),
        String::new(),
        "",
    ));
    rows.push(row(
        "**push: create + sync**",
        format!(
            "**{}** = {}",
            seconds(create + push_sync),
            ratio(create + push_sync, ref_push)
        ),
        both(|r| r.push_ms),
        "≤ 0.5× the reference",
    ));
    rows.push(row(
        "**fetch 25,000 assets by a fresh client, with list rows**",
        format!(
            "**{}** = {} ({}, {} round trips; {} waiting on the server)",
            seconds(fetch),
            ratio(fetch, ref_fetch),
            megabytes(fetched_bytes),
            fetch_trips,
            seconds(fetch_exchanging)
        ),
        both(|r| r.fetch_ms),
        "≤ 0.5× the reference",
    ));
    for ((trips, bodies, headers), who) in reconnects.iter().zip(["pushing", "fetching"]) {
        rows.push(row(
            &format!("reconnect, nothing changed: {who} client, new connection"),
            format!(
                "{trips} round trip{}, {} B: {bodies} B bodies + {headers} B HTTP lines and headers",
                if *trips == 1 { "" } else { "s" },
                bodies + headers
            ),
            String::new(),
            "1 round trip, < 1 KB",
        ));
    }
}
