//! The audit figures of BENCHMARKS.md on the demo workspace: starting an audit of about 5,000
//! expected assets, and scans answering found / not expected / unknown, each durable.
//!
//! `cargo bench -p cloudwright-core --bench audits -- [ASSETS]` (default 50000)

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use cloudwright_core::audits::{AuditScope, ScanResult};
use cloudwright_core::demo::{generate, DemoOptions};
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
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-audits");
    let _ = std::fs::remove_dir_all(&base);
    let stamp = |n: i64| Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000 + n);
    let store = Store::open(&base).expect("open");
    let meta = store.create_workspace("벤치마크", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open workspace");
    generate(&ws, &DemoOptions { assets, seed: 7 }, &stamp(0)).expect("demo");

    // A scope of whole rows of one room, grown until about 5,000 assets are expected.
    let rows = ws
        .query_assets(&cloudwright_core::assets::AssetQuery {
            limit: u32::MAX,
            ..Default::default()
        })
        .rows;
    let mut groups: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    for row in &rows {
        let l = &row.asset.location;
        *groups
            .entry((l.site.clone(), l.room.clone()))
            .or_default()
            .entry(l.row.clone())
            .or_default() += 1;
    }
    let ((site, room), by_row) = groups
        .into_iter()
        .max_by_key(|(_, rows)| rows.values().sum::<usize>())
        .expect("a room");
    let mut chosen = Vec::new();
    let mut expected = 0;
    for (row, count) in by_row {
        if expected >= 5_000 {
            break;
        }
        expected += count;
        chosen.push(row);
    }
    let scope = AuditScope {
        site,
        room,
        rows: chosen,
        racks: Vec::new(),
        filter: None,
    };

    let mut starts = Vec::new();
    let mut audit = String::new();
    for n in 0..7 {
        let started = Instant::now();
        let summary = ws
            .start_audit(
                ulid::Ulid::new(),
                &format!("실사 {n}"),
                scope.clone(),
                &stamp(n),
            )
            .expect("start");
        starts.push(started.elapsed());
        expected = summary.counts.expected as usize;
        audit = summary.audit.id;
    }

    let tags: Vec<String> = ws
        .audit_view(&audit, cloudwright_core::audits::ItemFilter::All, u32::MAX)
        .expect("view")
        .items
        .into_iter()
        .map(|item| item.tag)
        .collect();
    let outside: Vec<String> = rows
        .iter()
        .filter(|row| !scope.contains(&row.asset.location))
        .take(200)
        .map(|row| row.asset.asset_tag.clone())
        .collect();
    let mut found = Vec::new();
    for (n, tag) in tags
        .iter()
        .step_by((tags.len() / 1000).max(1))
        .take(1000)
        .enumerate()
    {
        let started = Instant::now();
        let answer = ws
            .audit_scan(&audit, tag, &stamp(100 + n as i64))
            .expect("scan");
        found.push(started.elapsed());
        assert_eq!(answer.result, ScanResult::Found);
    }
    let mut elsewhere = Vec::new();
    for (n, tag) in outside.iter().enumerate() {
        let started = Instant::now();
        let answer = ws
            .audit_scan(&audit, tag, &stamp(2000 + n as i64))
            .expect("scan");
        elsewhere.push(started.elapsed());
        assert_eq!(answer.result, ScanResult::NotExpected);
    }
    let mut unknown = Vec::new();
    for n in 0..200 {
        let started = Instant::now();
        let answer = ws
            .audit_scan(&audit, &format!("NOPE-{n}"), &stamp(3000 + n))
            .expect("scan");
        unknown.push(started.elapsed());
        assert_eq!(answer.result, ScanResult::Unknown);
    }
    drop(ws);
    drop(store);
    // The first scan after the app restarts reads the audit's document.
    let store = Store::open(&base).expect("reopen");
    let ws = store.workspace(&meta.id).expect("workspace");
    let started = Instant::now();
    ws.audit_scan(&audit, &tags[tags.len() - 1], &stamp(9000))
        .expect("cold scan");
    let cold = started.elapsed().as_secs_f64() * 1000.0;

    println!("| measure ({assets} assets, {expected} expected) | p50 | p99 | target |");
    println!("|---|---|---|---|");
    println!(
        "| start the audit | {:.1} ms | {:.1} ms (max of 7) | ≤ 200 ms |",
        percentile(&mut starts, 0.5),
        percentile(&mut starts, 1.0)
    );
    println!(
        "| scan: found, until durable | {:.2} ms | {:.2} ms | ≤ 20 ms |",
        percentile(&mut found, 0.5),
        percentile(&mut found, 0.99)
    );
    println!("| scan: not expected (recorded elsewhere), until durable | {:.2} ms | {:.2} ms | ≤ 20 ms |", percentile(&mut elsewhere, 0.5), percentile(&mut elsewhere, 0.99));
    println!(
        "| scan: unknown code (nothing written) | {:.2} ms | {:.2} ms | ≤ 20 ms |",
        percentile(&mut unknown, 0.5),
        percentile(&mut unknown, 0.99)
    );
    println!("| first scan after a restart (reads the audit) | {cold:.1} ms | | |");
}
