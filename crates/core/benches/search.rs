//! The global search (the app's Ctrl K) on the demo workspace of the issues (2,000 assets,
//! 20 racks, 1,022 cables: `cloudwright demo --racks 20 --cables 1022`, the app's sample):
//! each query as typed one key at a time, over every area's search source, p50 and p99.
//!
//! `cargo bench -p cloudwright-core --bench search -- [RUNS]` (default 200 per query)

use std::time::{Duration, Instant};

use cloudwright_core::sample::{generate, SamplePlan};
use cloudwright_core::search::DEFAULT_LIMIT;
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(200);
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-search");
    let _ = std::fs::remove_dir_all(&base);
    let stamp = Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000);
    let store = Store::open(&base).expect("open");
    let meta = store.create_workspace("벤치마크", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open workspace");
    let made = generate(&ws, &SamplePlan::FIRST_RUN, &stamp).expect("sample");
    println!("workspace: {:?}", made.counts());

    // A real tag, rack and cable of the sample, typed one key at a time.
    let asset = ws.search("srv", 1).hits[0].title.clone();
    let rack = ws
        .search("r0", 200)
        .hits
        .into_iter()
        .find(|hit| hit.kind == "rack")
        .expect("a rack")
        .title;
    let cable = ws
        .search("c", 500)
        .hits
        .into_iter()
        .find(|hit| hit.kind == "cable")
        .expect("a cable")
        .title;
    println!("queries typed: {asset:?}, {rack:?}, {cable:?}, a model, a word in no record");
    let mut queries: Vec<String> = Vec::new();
    for whole in [
        asset.as_str(),
        rack.as_str(),
        cable.as_str(),
        "R650",
        "없는말",
    ] {
        let mut typed = String::new();
        for ch in whole.chars() {
            typed.push(ch);
            queries.push(typed.clone());
        }
    }

    let mut all = Vec::new();
    let mut worst = (0.0, String::new(), 0);
    for query in &queries {
        let mut samples = Vec::with_capacity(runs);
        let mut total = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let results = ws.search(query, DEFAULT_LIMIT);
            samples.push(start.elapsed());
            total = results.total;
        }
        all.extend(samples.iter().copied());
        let p50 = percentile(&mut samples, 0.5);
        if p50 > worst.0 {
            worst = (p50, query.clone(), total);
        }
    }
    println!(
        "{} queries x {runs}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        queries.len(),
        percentile(&mut all, 0.5),
        percentile(&mut all, 0.99),
        percentile(&mut all, 1.0),
    );
    println!(
        "slowest query by p50: {:?} ({} matches) {:.2} ms",
        worst.1, worst.2, worst.0
    );
}
