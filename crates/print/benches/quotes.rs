//! Times the comparison of quotes (issue 19): a request of 200 lines quoted by 10 vendors
//! (one in dollars, one leaving every seventh line out), made through core's own writes by
//! `purchasing::quotes_demo::quoted_request` into `target/bench-quotes` (not timed), among
//! `--requests N` other quoted requests of 20 lines (the vendors' scores read them all).
//!
//! - "on screen": `Workspace::quote_comparison` (the request from the index, the vendors,
//!   each vendor's score over the year, every cell converted and the best marked), 30 runs,
//!   p50 and p99. Target ≤ 100 ms.
//! - its PDF: `purchase_quotes::comparison_pdf` (A4 landscape, three tables of at most four
//!   vendors), 5 runs, the median. Target ≤ 1 s.
//!
//! Run with `cargo bench -p cloudwright-print --bench quotes` (`-- VENDORS LINES` for other
//! sizes). Set `QUOTES_PDF_OUT=path` to keep the PDF.

use std::time::{Duration, Instant};

use cloudwright_core::assets::Date;
use cloudwright_core::purchasing::quotes_demo::quoted_request;
use cloudwright_core::store::Store;
use cloudwright_print::purchase_quotes::comparison_pdf;
use cloudwright_print::racks::Language;

/// Other requests quoted by the same vendors, so the scores have history to read.
const OTHER_REQUESTS: usize = 50;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let vendors = numbers.first().copied().unwrap_or(10);
    let lines = numbers.get(1).copied().unwrap_or(200);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-quotes");
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open(&dir).expect("store");
    let meta = store.create_workspace("견적-벤치", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let today = Date("2027-01-10".into());
    let start = Instant::now();
    for n in 0..OTHER_REQUESTS {
        quoted_request(&ws, vendors, 20, &today, 1_790_000_000_000 + n as i64 * 100)
            .expect("history");
    }
    let demo = quoted_request(&ws, vendors, lines, &today, 1_800_000_000_000).expect("request");
    eprintln!(
        "made {} requests, the last of {lines} lines quoted by {vendors} vendors, in {:.1} s",
        OTHER_REQUESTS + 1,
        start.elapsed().as_secs_f64()
    );

    let mut screen = Vec::new();
    let mut cells = 0;
    for _ in 0..30 {
        let start = Instant::now();
        let comparison = ws
            .quote_comparison(&demo.request, &today)
            .expect("comparison");
        screen.push(start.elapsed());
        cells = comparison
            .lines
            .iter()
            .map(|l| l.cells.len())
            .sum::<usize>();
        assert_eq!(comparison.vendors.len(), vendors);
    }
    screen.sort();

    let mut printed = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        bytes = comparison_pdf(
            &ws,
            &demo.request,
            &today,
            Language::Korean,
            "2027-01-10 · 벤치",
        )
        .expect("PDF");
        printed.push(start.elapsed());
    }
    printed.sort();
    if let Ok(path) = std::env::var("QUOTES_PDF_OUT") {
        std::fs::write(&path, &bytes).expect("write the PDF");
    }
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|document| document.get_pages().len())
        .unwrap_or(0);

    println!(
        "| measure ({vendors} vendors × {lines} lines, {cells} cells) | p50 | p99 / max | target |"
    );
    println!("|---|---|---|---|");
    println!(
        "| comparison on screen (`quote_comparison`, 30 runs) | {} | {} | ≤ 100 ms |",
        ms(percentile(&screen, 0.5)),
        ms(percentile(&screen, 0.99))
    );
    println!(
        "| its PDF (`comparison_pdf`, 5 runs, {pages} pages, {:.0} KB) | {} | {} | ≤ 1 s |",
        bytes.len() as f64 / 1024.0,
        ms(percentile(&printed, 0.5)),
        ms(printed[printed.len() - 1])
    );
}
