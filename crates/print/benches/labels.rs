//! Times 30,000 cable labels (two Hangul lines and a QR code each) on A4 3 × 8 sheets, 1,250
//! pages: the median of three runs, and the PDF's size. Prints a markdown table.
//!
//! Run with `cargo bench -p cloudwright-print --bench labels`. Targets: at most 1 s per 1,000
//! pages, and faster and smaller than the same labels from pdfkit (`bench/labels-pdfkit`).
//! Set `LABELS_PDF_OUT=path` to keep the PDF for inspection.

use std::time::{Duration, Instant};

use cloudwright_print::labels::{builtin_media, labels_pdf, LabelText};

const RUNS: usize = 3;
const LABELS: usize = 30_000;

/// The same labels as `bench/labels-pdfkit/labels.mjs`: cable `n` end A or B.
fn cable_label(index: usize) -> LabelText {
    let cable = index / 2 + 1;
    let end = if index.is_multiple_of(2) { "A" } else { "B" };
    LabelText {
        lines: vec![
            format!("CBL-{cable:06} {end}단"),
            format!(
                "A-R{:02} U{:02} → 코어 스위치 {}",
                cable % 20 + 1,
                cable % 42 + 1,
                cable % 4 + 1
            ),
        ],
        qr: Some(format!("CBL-{cable:06}-{end}")),
        headline: false,
    }
}

fn main() {
    let media = builtin_media()
        .into_iter()
        .find(|media| media.name == "a4-3x8")
        .expect("a4-3x8 is built in");
    let labels: Vec<LabelText> = (0..LABELS).map(cable_label).collect();
    let pages = LABELS.div_ceil(media.labels_per_page() as usize);
    let mut times = Vec::with_capacity(RUNS);
    let mut bytes = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        bytes = labels_pdf(&labels, &media).expect("labels print");
        times.push(start.elapsed());
    }
    times.sort();
    let median: Duration = times[RUNS / 2];
    if let Ok(path) = std::env::var("LABELS_PDF_OUT") {
        std::fs::write(&path, &bytes).expect("write the PDF");
    }
    println!("| document | pages | median of {RUNS} | per 1,000 pages | size |");
    println!("|---|---|---|---|---|");
    println!(
        "| {LABELS} labels, a4-3x8 | {pages} | {:.3} s | {:.3} s | {:.2} MB ({} bytes) |",
        median.as_secs_f64(),
        median.as_secs_f64() * 1000.0 / pages as f64,
        bytes.len() as f64 / 1e6,
        bytes.len()
    );
}
