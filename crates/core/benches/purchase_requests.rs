//! The purchase request figures of BENCHMARKS.md (issue 19): 10,000 requests with about
//! 50,000 lines at every stage (`purchasing::demo`), then the list screen's queries on them —
//! the first page unfiltered, a search by words, a filter by status, by budget line, and the
//! "waiting for me" approval inbox — p50 and p99 of each.
//!
//! `cargo bench -p cloudwright-core --bench purchase_requests -- [REQUESTS] [RUNS]`
//! (default 10000 200)

use std::time::{Duration, Instant};

use cloudwright_core::purchasing::views::RequestQuery;
use cloudwright_core::purchasing::Status;
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let requests = numbers.first().copied().unwrap_or(10_000);
    let runs = numbers.get(1).copied().unwrap_or(200);
    let base =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-purchases");
    let _ = std::fs::remove_dir_all(&base);
    let stamp = Stamp::new(Author::new("벤치", "BE"), 1_796_000_000_000);
    let store = Store::open(&base).expect("open");
    let meta = store.create_workspace("벤치마크", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open workspace");
    let started = Instant::now();
    let made =
        cloudwright_core::purchasing::demo::generate(&ws, requests, 5, 7, &stamp).expect("demo");
    println!(
        "written: {} requests, {} lines in {:.1} s",
        made.requests,
        made.lines,
        started.elapsed().as_secs_f64()
    );
    // Opened again, as the app finds it: the index read from projections.
    drop(ws);
    drop(store);
    let started = Instant::now();
    let store = Store::open(&base).expect("reopen");
    let ws = store.workspace(&meta.id).expect("open workspace");
    println!(
        "reopened in {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let budget = ws.budgets()[0].id.clone();
    let today = "2026-12-07";
    let cases: Vec<(&str, RequestQuery, &str)> = vec![
        (
            "first page, unfiltered",
            RequestQuery {
                limit: 100,
                ..RequestQuery::default()
            },
            "",
        ),
        (
            "search 'R760 인프라팀'",
            RequestQuery {
                text: "R760 인프라팀".into(),
                limit: 100,
                ..RequestQuery::default()
            },
            "",
        ),
        (
            "status in_review",
            RequestQuery {
                statuses: vec![Status::InReview],
                limit: 100,
                ..RequestQuery::default()
            },
            "",
        ),
        (
            "budget line",
            RequestQuery {
                budget,
                limit: 100,
                ..RequestQuery::default()
            },
            "",
        ),
        (
            "waiting for me (박팀장)",
            RequestQuery {
                waiting_for_me: true,
                limit: 100,
                ..RequestQuery::default()
            },
            "박팀장",
        ),
    ];
    println!("| query | matches | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|");
    for (name, query, me) in cases {
        let mut samples = Vec::with_capacity(runs);
        let mut total = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let page = ws.purchase_page(&query, me, today);
            samples.push(start.elapsed());
            total = page.total;
        }
        println!(
            "| {name} | {total} | {:.2} | {:.2} |",
            percentile(&mut samples, 0.5),
            percentile(&mut samples, 0.99)
        );
    }
    let _ = std::fs::remove_dir_all(&base);
}
