//! The store integrity figures of BENCHMARKS.md (issue 15): the pre-open check of sled's
//! files (`store::integrity`) on the demo store against opening the store with its first
//! page, which runs the check before sled opens.
//!
//! `cargo bench -p cloudwright-core --bench integrity -- [ASSETS]` (default 50000)

use std::time::{Duration, Instant};

use cloudwright_core::assets::AssetQuery;
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::store::integrity::check_sled_store;
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

fn main() {
    let assets: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(50_000);
    let base =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-integrity");
    let _ = std::fs::remove_dir_all(&base);
    let dir = base.join("data");
    let workspace_id = {
        let store = Store::open(&dir).expect("open");
        let meta = store.create_workspace("벤치마크", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open workspace");
        let stamp = Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000);
        generate(&workspace, &DemoOptions { assets, seed: 7 }, &stamp).expect("demo");
        meta.id
    };
    // The first open after writing replays the whole log; later ones, as on every start of
    // the app, only what sled's snapshot does not hold.
    drop(Store::open(&dir).expect("open"));

    let store_path = dir.join("store");
    let (mut check, mut open) = (Vec::new(), Vec::new());
    let mut report = None;
    for _ in 0..15 {
        let started = Instant::now();
        report = Some(check_sled_store(&store_path).expect("check"));
        check.push(started.elapsed());

        let started = Instant::now();
        let store = Store::open(&dir).expect("open");
        let workspace = store.workspace(&workspace_id).expect("workspace");
        let page = workspace.query_assets(&AssetQuery {
            limit: 100,
            ..AssetQuery::default()
        });
        open.push(started.elapsed());
        assert_eq!(page.rows.len(), 100);
    }
    let report = report.expect("checked");
    assert!(report.is_whole(), "{report:?}");

    let (check50, check99) = (percentile(&mut check, 0.5), percentile(&mut check, 0.99));
    let (open50, open99) = (percentile(&mut open, 0.5), percentile(&mut open, 0.99));
    // The open runs the check first; what it costs without is the difference.
    let without = open50 - check50;
    println!(
        "log: {:.1} MB in {} segments, {} messages",
        report.log_bytes as f64 / 1e6,
        report.segments,
        report.messages
    );
    println!("| measure ({assets} assets) | p50 | p99 | target |");
    println!("|---|---|---|---|");
    println!("| pre-open check of sled's files | {check50:.1} ms | {check99:.1} ms | ≤ 10 % of the open |");
    println!("| open workspace + first page (check included) | {open50:.1} ms | {open99:.1} ms | within 10 % of without |");
    println!(
        "| the check's share: of the open without it / added to it | {:.1} % | | ≤ 10 % |",
        check50 / without * 100.0
    );
}
