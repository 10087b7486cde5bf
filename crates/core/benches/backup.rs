//! The local backup figures of BENCHMARKS.md (issue 15): a backup of the demo workspace
//! (copying its documents out of the store, then writing the folder with every file fsynced),
//! and how long an edit takes while one runs on another thread.
//!
//! `cargo bench -p cloudwright-core --bench backup -- [ASSETS]` (default 50000); the data
//! directory is `target/bench-backup`, or `$CLOUDWRIGHT_BENCH_DIR` (creating files costs
//! very different amounts in different folders of one busy file system, see BENCHMARKS.md).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cloudwright_core::assets::{AssetInput, AssetQuery};
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::store::backup::{read_export, remove_retired, take_backup};
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
    let base = match std::env::var_os("CLOUDWRIGHT_BENCH_DIR") {
        Some(dir) => std::path::PathBuf::from(dir).join("bench-backup"),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-backup"),
    };
    let _ = std::fs::remove_dir_all(&base);
    let dir = base.join("data");
    let store = Store::open(&dir).expect("open");
    let meta = store.create_workspace("벤치마크", 1).expect("workspace");
    let workspace = store.workspace(&meta.id).expect("open workspace");
    let stamp = Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000);
    generate(&workspace, &DemoOptions { assets, seed: 7 }, &stamp).expect("demo");
    let ids: Vec<_> = workspace
        .query_assets(&AssetQuery {
            limit: 2_000,
            ..AssetQuery::default()
        })
        .rows
        .into_iter()
        .map(|row| row.asset.id)
        .collect();

    let edit = |n: usize| {
        let input = AssetInput {
            notes: Some(format!("edit {n}")),
            ..AssetInput::default()
        };
        let started = Instant::now();
        workspace
            .edit_asset(ids[n % ids.len()], &input, &stamp)
            .expect("edit");
        started.elapsed()
    };
    // Edits alone, for comparison.
    let mut quiet: Vec<Duration> = (0..400).map(edit).collect();

    let (mut snapshots, mut writes, mut totals, mut during) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut last = None;
    for run in 0..5 {
        let running = Arc::new(AtomicBool::new(true));
        let backup = {
            let running = running.clone();
            let workspace = workspace.clone();
            let data_dir = dir.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                let snapshot = workspace.backup_snapshot().expect("snapshot");
                let copied = started.elapsed();
                let info = take_backup(
                    &data_dir,
                    &snapshot,
                    1_765_000_000_000 + run * 1000,
                    "bench",
                )
                .expect("backup");
                let total = started.elapsed();
                running.store(false, Ordering::SeqCst);
                (copied, total - copied, total, info)
            })
        };
        let mut n = 10_000 * (run as usize + 1);
        // A brisk person's pace, far above a real one's: an edit every 5 ms. Edits back to
        // back would hold the writer lock nearly all the time and measure the lock's
        // fairness, not the backup.
        while running.load(Ordering::SeqCst) {
            during.push(edit(n));
            n += 1;
            std::thread::sleep(Duration::from_millis(5));
        }
        let (copied, written, total, info) = backup.join().expect("backup thread");
        // Backups beyond the newest seven are removed where nobody waits (as the app's daily
        // thread does): not part of taking one.
        remove_retired(&dir);
        snapshots.push(copied);
        writes.push(written);
        totals.push(total);
        last = Some(info);
    }
    let info = last.expect("a backup");
    let verified = read_export(&info.path).expect("the backup reads back whole");
    assert!(verified.manifest.counts.documents >= assets);
    println!(
        "backup: {} documents, {} files, {:.1} MB",
        info.counts.documents,
        info.counts.blobs,
        info.counts.bytes as f64 / 1e6
    );
    println!("| measure ({assets} assets, 5 backups) | p50 | max | target |");
    println!("|---|---|---|---|");
    let row = |name: &str, samples: &mut Vec<Duration>, target: &str| {
        let max = samples
            .iter()
            .max()
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
            * 1000.0;
        println!(
            "| {name} | {:.0} ms | {max:.0} ms | {target} |",
            percentile(samples, 0.5)
        );
    };
    row(
        "copy the documents out (under the writer lock, in pieces)",
        &mut snapshots,
        "",
    );
    row(
        "write the folder (files, fsync, rename, rotate)",
        &mut writes,
        "",
    );
    row("whole backup", &mut totals, "≤ 2 s");
    println!("| measure | p50 | p99 | target |");
    println!("|---|---|---|---|");
    println!(
        "| an edit, no backup running ({} edits) | {:.2} ms | {:.2} ms | |",
        quiet.len(),
        percentile(&mut quiet, 0.5),
        percentile(&mut quiet, 0.99)
    );
    println!(
        "| an edit while a backup runs ({} edits) | {:.2} ms | {:.2} ms | ≤ 5 ms p99 |",
        during.len(),
        percentile(&mut during, 0.5),
        percentile(&mut during, 0.99)
    );
}
