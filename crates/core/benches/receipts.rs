//! The receipt figure of BENCHMARKS.md (issue 19): a receipt of 500 scanned serials that
//! creates 500 assets, durable, on the demo register. Each round makes an approved request of
//! 200 lines (500 units) quoted by three vendors (`quotes_demo`), selects the second (in won,
//! every line quoted), places the order, and times `receive` with every unit's serial: the
//! checks (over-receipt, serials twice, in the register or received before), the 500 asset
//! documents, the request's document and their projections, in one batch made durable.
//!
//! `cargo bench -p cloudwright-core --bench receipts -- [ASSETS] [ROUNDS]` (default 50000 7)

use std::time::{Duration, Instant};

use cloudwright_core::assets::Date;
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::purchasing::orders::OrderInput;
use cloudwright_core::purchasing::quotes::SelectionInput;
use cloudwright_core::purchasing::quotes_demo::quoted_request;
use cloudwright_core::purchasing::receipts::{ReceiptInput, ReceiptLineInput};
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
    let assets = numbers.first().copied().unwrap_or(50_000);
    let rounds = numbers.get(1).copied().unwrap_or(7);
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-receipts");
    let _ = std::fs::remove_dir_all(&base);
    let stamp = |n: i64| Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000 + n);
    let store = Store::open(&base).expect("open");
    let meta = store.create_workspace("벤치마크", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open workspace");
    generate(&ws, &DemoOptions { assets, seed: 7 }, &stamp(0)).expect("demo");
    let today = Date("2027-01-20".into());
    let mut times = Vec::new();
    let mut units = 0;
    for round in 0..rounds {
        let at = 1_000_000 * (round as i64 + 1);
        let demo = quoted_request(&ws, 3, 200, &today, at).expect("quoted request");
        ws.select_vendor(
            &demo.request,
            &SelectionInput {
                whole: Some(demo.vendors[1].clone()),
                per_line: Vec::new(),
                reason: "벤치".into(),
            },
            &today,
            &stamp(at + 100),
            None,
        )
        .expect("selected");
        let request = ws
            .place_orders(
                &demo.request,
                &OrderInput::default(),
                &today,
                &stamp(at + 101),
            )
            .expect("ordered");
        let (order_key, order) = request.orders.iter().next().expect("one order");
        let lines: Vec<ReceiptLineInput> = order
            .lines
            .iter()
            .map(|(line, ordered)| ReceiptLineInput {
                line: line.clone(),
                accepted: None,
                rejected: 0,
                serials: (0..ordered.quantity)
                    .map(|n| format!("BENCH{round:02}-{line}-{n}"))
                    .collect(),
            })
            .collect();
        units = lines.iter().map(|l| l.serials.len()).sum::<usize>();
        let input = ReceiptInput {
            received_on: today.0.clone(),
            note: String::new(),
            lines,
        };
        let started = Instant::now();
        let outcome = ws
            .receive(&demo.request, order_key, &input, &today, &stamp(at + 102))
            .expect("received");
        times.push(started.elapsed());
        assert_eq!(outcome.assets.len(), units);
    }
    println!("| measure ({assets} assets in the register, {rounds} rounds) | p50 | max | target |");
    println!("|---|---|---|---|");
    println!(
        "| a receipt of {units} scanned serials creating {units} assets, until durable | {:.0} ms | {:.0} ms | ≤ 2 s |",
        percentile(&mut times, 0.5),
        percentile(&mut times, 1.0)
    );
}
