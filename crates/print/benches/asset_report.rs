//! Times the asset inventory report of the 50,000-asset demo workspace (seed 7) as a PDF:
//! the report built from the in-memory index, put into words, laid out and saved. Prints a
//! markdown table with the median of three runs, the page count and the size.
//!
//! Run with `cargo bench -p cloudwright-print --bench asset_report` (`-- N` for another
//! asset count). Targets: at most 3 s and 10 MB for 50,000 assets. The demo workspace is
//! generated into `target/bench-asset-report` first (not timed); set
//! `ASSET_REPORT_PDF_OUT=path` to keep the PDF.

use std::time::{Duration, Instant};

use cloudwright_core::assets::Date;
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::reports::{Language, ReportKind};
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};
use cloudwright_print::asset_reports::{asset_report_pdf, asset_table_pdf};

const RUNS: usize = 3;

/// CPU seconds this process has used (user + system, every thread), from /proc/self/stat:
/// says how much work a run is when other jobs share the cores and the wall time swells.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| fields.get(index).and_then(|f| f.parse::<f64>().ok());
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11).unwrap_or(0.0) + ticks(12).unwrap_or(0.0)) / 100.0
}

fn main() {
    let assets: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(50_000);
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-asset-report");
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open(&dir).expect("store");
    let meta = store
        .create_workspace("데모-데이터센터", 1)
        .expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let stamp = Stamp::new(Author::new("김민준", "MJ"), 1_764_000_000_000);
    let start = Instant::now();
    generate(&ws, &DemoOptions { assets, seed: 7 }, &stamp).expect("demo");
    eprintln!(
        "generated {assets} assets in {:.1} s",
        start.elapsed().as_secs_f64()
    );

    let today = Date("2026-11-25".into());
    let generated = "2026-11-25 09:00:00 UTC · 김민준";
    let mut times = Vec::with_capacity(RUNS);
    let mut phases = Vec::with_capacity(RUNS);
    let mut bytes = Vec::new();
    let mut cpu = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        bytes = asset_report_pdf(
            &ws,
            ReportKind::Inventory,
            &today,
            Language::Korean,
            generated,
        )
        .expect("report prints");
        times.push(start.elapsed());
        cpu.push(cpu_seconds() - cpu_start);
        // The same again in two steps, to say where the time goes.
        let start = Instant::now();
        let table = ws
            .asset_report(ReportKind::Inventory, &today)
            .expect("report builds")
            .table(Language::Korean);
        let model = start.elapsed();
        asset_table_pdf(&table, &meta.name, Language::Korean, generated).expect("prints");
        phases.push((model, start.elapsed() - model));
    }
    times.sort();
    phases.sort();
    cpu.sort_by(f64::total_cmp);
    let median: Duration = times[RUNS / 2];
    let (model, pdf) = phases[RUNS / 2];
    if let Ok(path) = std::env::var("ASSET_REPORT_PDF_OUT") {
        std::fs::write(&path, &bytes).expect("write the PDF");
    }
    let pages = lopdf::Document::load_mem(&bytes).map_or(0, |pdf| pdf.get_pages().len());
    println!("| document | pages | median of {RUNS} | CPU | model + words / PDF | size |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| inventory, {assets} assets | {pages} | {:.3} s | {:.2} s | {:.3} s / {:.3} s | {:.2} MB ({} bytes) |",
        median.as_secs_f64(),
        cpu[RUNS / 2],
        model.as_secs_f64(),
        pdf.as_secs_f64(),
        bytes.len() as f64 / 1e6,
        bytes.len()
    );
}
