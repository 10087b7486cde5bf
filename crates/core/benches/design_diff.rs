//! The side-by-side diff of two 10,000-line versions of a design document (issue 20's
//! figure: ≤ 200 ms): a YAML rack inventory whose second version has 2% of its lines edited
//! here and there, three blocks of 20 lines inserted and two of 15 removed. Timed three ways:
//! the rows alone (`side_by_side`), the whole command as the app runs it
//! (`Workspace::design_doc_diff`: both versions read from the store, checked, diffed and
//! folded) and its JSON, and the CLI's unified text.
//!
//! `cargo bench -p cloudwright-core --bench design_diff -- [RUNS]` (default 50)

use std::time::{Duration, Instant};

use cloudwright_core::designdocs::diff::{side_by_side, unified, DiffInput, DiffSide};
use cloudwright_core::designdocs::DocInput;
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

/// A small deterministic generator (xorshift), so every run diffs the same files.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

fn inventory_line(n: usize) -> String {
    format!(
        "  - {{ rack: A-R{:02}, unit: {}, model: PowerEdge R650, serial: SN{:07}, power_w: {}, owner: 김민준 }}",
        n / 40 + 1,
        n % 40 + 1,
        n * 7919 % 10_000_000,
        350 + n % 5 * 50
    )
}

fn versions(lines: usize) -> (String, String, usize) {
    let old: Vec<String> = (0..lines).map(inventory_line).collect();
    let mut new = old.clone();
    let mut random = Lcg(0x9E37_79B9_7F4A_7C15);
    // 2% of the lines edited in place.
    for _ in 0..lines / 50 {
        let at = random.next(new.len());
        new[at] = new[at].replace("power_w: ", "power_w: 1");
    }
    // Two blocks of 15 removed, three of 20 inserted.
    for _ in 0..2 {
        let at = random.next(new.len() - 15);
        new.drain(at..at + 15);
    }
    for block in 0..3 {
        let at = random.next(new.len());
        let added: Vec<String> = (0..20)
            .map(|n| {
                format!(
                    "  - {{ rack: B-R{block:02}, unit: {n}, model: 신규 장비, serial: NEW{n:04} }}"
                )
            })
            .collect();
        new.splice(at..at, added);
    }
    let join = |lines: &[String]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    (join(&old), join(&new), new.len())
}

fn side(number: u32) -> DiffSide {
    DiffSide {
        number,
        file_name: "inventory.yaml".into(),
        sha256: String::new(),
        lines: 0,
    }
}

fn time(runs: usize, label: &str, mut run: impl FnMut() -> String) {
    let mut samples = Vec::with_capacity(runs);
    let mut said = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        said = run();
        samples.push(start.elapsed());
    }
    println!(
        "{label}: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({said})",
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
        percentile(&mut samples, 1.0)
    );
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(50);
    let (old, new, new_lines) = versions(10_000);
    println!(
        "versions: 10000 lines ({} bytes) and {new_lines} lines ({} bytes); {runs} runs each",
        old.len(),
        new.len()
    );
    let input = |text: &'static str| DiffInput {
        file_name: "inventory.yaml",
        bytes: text.as_bytes(),
    };
    let old: &'static str = Box::leak(old.into_boxed_str());
    let new: &'static str = Box::leak(new.into_boxed_str());

    time(runs, "side_by_side (rows, folded)", || {
        let diff = side_by_side((side(1), input(old)), (side(2), input(new))).expect("text");
        format!(
            "{} rows: {} added, {} removed, {} changed",
            diff.rows.len(),
            diff.added,
            diff.removed,
            diff.changed
        )
    });
    time(runs, "unified (the CLI's text)", || {
        let text = unified(input(old), "v1", input(new), "v2").expect("text");
        format!("{} lines", text.lines().count())
    });

    let base =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-design-diff");
    let _ = std::fs::remove_dir_all(&base);
    let stamp = Stamp::new(Author::new("벤치", "BE"), 1_800_000_000_000);
    let store = Store::open(&base).expect("open");
    let meta = store.create_workspace("벤치마크", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open workspace");
    let doc = ws
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "랙 인벤토리".into(),
                kind: "rack_layout".into(),
                ..DocInput::default()
            },
            &stamp,
        )
        .expect("doc");
    for text in [old, new] {
        ws.add_design_doc_version(&doc.id, "inventory.yaml", text.as_bytes(), "", &stamp)
            .expect("version");
    }
    time(
        runs,
        "Workspace::design_doc_diff + JSON (the app's command)",
        || {
            let diff = ws.design_doc_diff(&doc.id, 1, 2).expect("diff");
            let json = serde_json::to_vec(&diff).expect("json");
            format!("{} rows, {} bytes of JSON", diff.rows.len(), json.len())
        },
    );
}
