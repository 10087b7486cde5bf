//! The cables figures of BENCHMARKS.md, on real sled stores under `target/bench-cables`: the
//! rack demo's room cabled by the cable demo (≥ 100,000 cables), a trace through four cables
//! and three patch panel pass-throughs, a 48-port switch's port usage, and importing every
//! cable again from a NetBox CSV into a store whose workspace has the same racks and no cables.
//!
//! `cargo bench -p cloudwright-core --bench cables -- [RACKS]` (default 2000)

use std::sync::Arc;
use std::time::{Duration, Instant};

use cloudwright_core::cables::demo::{generate_cables, CableDemoOptions, DEMO_CABLE_BATCH};
use cloudwright_core::cables::model::{Cable, CableEnd, CableStatus};
use cloudwright_core::cables::views::CableQuery;
use cloudwright_core::csv_file::CsvOptions;
use cloudwright_core::racks::demo::{generate_racks, RackDemoOptions};
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::{Author, CableId, RoomId, Stamp, WorkspaceId};

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

/// Runs `f` once per start, cycling through `starts`, `runs` times; p50 and p99 in ms.
fn time_each<T>(starts: &[T], runs: usize, mut f: impl FnMut(&T)) -> (f64, f64) {
    let mut samples = Vec::with_capacity(runs);
    for run in 0..runs {
        let start = &starts[run % starts.len()];
        let started = Instant::now();
        f(start);
        samples.push(started.elapsed());
    }
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
    )
}

/// A line of /proc/self/status (`VmRSS`, `VmHWM`), in MB.
fn memory_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with(field))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Starts a new peak-memory window (VmHWM back to the current RSS).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The end of each cable on a port named `port`: one per device, for many distinct starts.
fn ends_on(cables: &[Cable], port: &str) -> Vec<CableEnd> {
    cables
        .iter()
        .flat_map(|cable| [&cable.a, &cable.b])
        .filter(|end| end.port == port)
        .cloned()
        .collect()
}

fn workspace_with_racks(
    store: &Store,
    name: &str,
    racks: usize,
    who: &Stamp,
) -> (Arc<Workspace>, WorkspaceId, RoomId, f64) {
    let meta = store.create_workspace(name, 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open workspace");
    let started = Instant::now();
    let summary = generate_racks(&ws, &RackDemoOptions { racks, seed: 7 }, who).expect("racks");
    let seconds = started.elapsed().as_secs_f64();
    (ws, meta.id, summary.room_id, seconds)
}

fn main() {
    let racks: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(2000);
    let base = std::env::var_os("CLOUDWRIGHT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-cables")
        });
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).expect("bench dir");
    let who = Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000);

    // (a) The demo room, cabled.
    let (workspace_id, racks_s, cables_s, written, demo_peak) = {
        let store = Store::open(&base.join("demo")).expect("store");
        let (ws, id, room, racks_s) = workspace_with_racks(&store, "케이블 벤치", racks, &who);
        reset_peak();
        let started = Instant::now();
        let options = CableDemoOptions {
            room,
            cables: usize::MAX,
            seed: 7,
            batch: DEMO_CABLE_BATCH,
        };
        let summary = generate_cables(&ws, &options, &who).expect("cables");
        let cables_s = started.elapsed().as_secs_f64();
        assert_eq!(summary.refused, 0);
        assert!(ws.cable_invariants().is_empty());
        (id, racks_s, cables_s, summary.written, memory_mb("VmHWM"))
    };

    // The app opening that workspace: every list projection into the in-memory indexes.
    let rss_before_open = memory_mb("VmRSS");
    let started = Instant::now();
    let store = Store::open(&base.join("demo")).expect("store");
    let ws = store.workspace(&workspace_id).expect("workspace");
    let open_s = started.elapsed().as_secs_f64();
    let open_mb = memory_mb("VmRSS") - rss_before_open;
    let cables = ws.cables();
    assert_eq!(cables.len(), written);

    // (b) Traces from every access switch's uplink: four cables, three panel pass-throughs.
    let uplinks = ends_on(&cables, "GigabitEthernet1/0/48");
    for start in &uplinks {
        assert_eq!(ws.cable_trace(start).hops.len(), 4, "a four-cable path");
    }
    let trace = time_each(&uplinks, 5000, |start| {
        std::hint::black_box(ws.cable_trace(start));
    });
    let trace_view = time_each(&uplinks, 5000, |start| {
        std::hint::black_box(ws.cable_trace_view(start));
    });

    // (c) Port usage of each ToR (48 SFP28 + 8 QSFP28 + management + console + power).
    let switches: Vec<CableEnd> = ends_on(&cables, "Ethernet1");
    assert!(
        ws.device_ports(switches[0].rack, &switches[0].placement)
            .len()
            >= 48
    );
    let ports = time_each(&switches, 5000, |end| {
        std::hint::black_box(ws.device_ports(end.rack, &end.placement));
    });
    let port_map = time_each(&switches, 5000, |end| {
        std::hint::black_box(ws.device_port_map(end.rack, &end.placement));
    });

    // (e) The app's cable list: the first page after a write (the natural label order is
    // made again), a page further down with it in place, and a search over every end.
    let pages: Vec<u32> = (0..50).map(|n| n * 2_000).collect();
    let page = |query: CableQuery| {
        std::hint::black_box(ws.cable_page(&query));
    };
    let first_page_started = Instant::now();
    page(CableQuery {
        limit: 100,
        ..CableQuery::default()
    });
    let first_page_ms = first_page_started.elapsed().as_secs_f64() * 1000.0;
    let scrolled = time_each(&pages, 200, |offset| {
        page(CableQuery {
            offset: *offset,
            limit: 100,
            ..CableQuery::default()
        })
    });
    let failed = time_each(&pages[..1], 50, |_| {
        page(CableQuery {
            status: Some(CableStatus::Failed),
            limit: 100,
            ..CableQuery::default()
        })
    });
    let searched = time_each(&pages[..1], 20, |_| {
        page(CableQuery {
            search: "ethernet1/0/48".into(),
            limit: 100,
            ..CableQuery::default()
        })
    });

    // (d) Every cable out as a NetBox CSV, and in again into a store of its own whose
    // workspace holds the same racks (same seed) and no cables.
    let started = Instant::now();
    let mut csv = Vec::new();
    ws.export_cables_csv(&mut csv, false).expect("export");
    let export_s = started.elapsed().as_secs_f64();
    drop((cables, uplinks, switches, ws, store));
    let import_store = Store::open(&base.join("import")).expect("store");
    let (fresh, _, _, _) = workspace_with_racks(&import_store, "가져오기 벤치", racks, &who);
    let mut next = 0u128;
    reset_peak();
    let rss_before_import = memory_mb("VmRSS");
    let started = Instant::now();
    let imported = fresh
        .import_cables_csv(
            &csv,
            CsvOptions::default(),
            || {
                next += 1;
                CableId(ulid::Ulid::from_parts(1_764_000_000_000, next))
            },
            &who,
        )
        .expect("import")
        .len();
    let import_s = started.elapsed().as_secs_f64();
    let import_peak = memory_mb("VmHWM") - rss_before_import;
    assert_eq!(imported, written);
    assert!(fresh.cable_invariants().is_empty());

    println!("| measure ({racks} racks, {written} cables) | p50 | p99 | target |");
    println!("|---|---|---|---|");
    println!("| rack demo room | {racks_s:.2} s | | |");
    println!(
        "| cable demo, durable batches of {DEMO_CABLE_BATCH} (peak RSS {demo_peak:.0} MB) | {cables_s:.2} s | | |"
    );
    println!(
        "| open the workspace (indexes from projections; +{open_mb:.0} MB RSS) | {open_s:.2} s | | |"
    );
    println!(
        "| **trace, 4 cables / 3 panel pass-throughs** (`cable_trace`) | **{:.3} ms** | **{:.3} ms** | ≤ 5 ms |",
        trace.0, trace.1
    );
    println!(
        "| the same with every hop named (`cable_trace_view`) | {:.3} ms | {:.3} ms | ≤ 5 ms |",
        trace_view.0, trace_view.1
    );
    println!(
        "| **port usage of a 48-port ToR** (`device_ports`, 59 ports) | **{:.3} ms** | **{:.3} ms** | ≤ 5 ms |",
        ports.0, ports.1
    );
    println!(
        "| its cabled ports only (`device_port_map`) | {:.3} ms | {:.3} ms | ≤ 5 ms |",
        port_map.0, port_map.1
    );
    println!("| cable list, first page after a write (sorts in natural order) | {first_page_ms:.1} ms | | |");
    println!(
        "| cable list, a page further down (`cable_page`, 100 rows) | {:.2} ms | {:.2} ms | |",
        scrolled.0, scrolled.1
    );
    println!(
        "| cable list filtered to failed cables | {:.2} ms | {:.2} ms | |",
        failed.0, failed.1
    );
    println!(
        "| cable list searched (\"ethernet1/0/48\", every end named) | {:.1} ms | {:.1} ms | |",
        searched.0, searched.1
    );
    println!(
        "| export every cable as CSV ({:.1} MB) | {export_s:.2} s | | |",
        csv.len() as f64 / 1e6
    );
    println!(
        "| **import {imported} cables from that CSV** (parse, resolve, validate, write durably; +{import_peak:.0} MB peak) | **{import_s:.2} s** | | ≤ 10 s |"
    );
}
