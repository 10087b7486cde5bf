//! The store's figures on a demo workspace, printed as a Markdown table for BENCHMARKS.md:
//! open + first page, search and filter, a durable edit against raw fsync on the same disk,
//! a 1 MiB attachment saved until durable, and size on disk against the saved Automerge
//! documents.
//!
//! `cargo bench -p cloudwright-core --bench store -- [ASSETS]` (default 50000)

use std::io::Write;
use std::time::{Duration, Instant};

use cloudwright_core::assets::{AssetField, AssetFilter, AssetInput, AssetQuery, AssetSort};
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::store::{Store, Workspace};
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
    let base = std::env::var_os("CLOUDWRIGHT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-store")
        });
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).expect("bench dir");
    let dir = base.join("data");
    let stamp = || Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000);

    let started = Instant::now();
    let workspace_id = {
        let store = Store::open(&dir).expect("open");
        let meta = store.create_workspace("벤치마크", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open workspace");
        generate(&workspace, &DemoOptions { assets, seed: 7 }, &stamp()).expect("demo");
        meta.id
    };
    let generate_s = started.elapsed().as_secs_f64();
    let size_after_generate = walk_size(&dir.join("store"));

    // Open the workspace and return the first page, as the app does on start.
    let mut open = Vec::new();
    for _ in 0..15 {
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

    let store = Store::open(&dir).expect("open");
    let workspace = store.workspace(&workspace_id).expect("workspace");
    let filter = |field, value: &str| AssetFilter {
        field,
        value: value.to_owned(),
    };
    let queries = vec![
        AssetQuery {
            search: "R760".into(),
            ..AssetQuery::default()
        },
        AssetQuery {
            search: "평택 전산실".into(),
            ..AssetQuery::default()
        },
        AssetQuery {
            search: "pt1-srv-0123".into(),
            ..AssetQuery::default()
        },
        AssetQuery {
            filters: vec![filter(AssetField::Status, "in_use")],
            ..AssetQuery::default()
        },
        AssetQuery {
            filters: vec![filter(AssetField::AssetType, "switch,router")],
            ..AssetQuery::default()
        },
        AssetQuery {
            filters: vec![filter(AssetField::PurchaseDate, "2022-01-01..2023-12-31")],
            ..AssetQuery::default()
        },
        AssetQuery {
            filters: vec![filter(AssetField::Cost, "10000000..20000000")],
            ..AssetQuery::default()
        },
        AssetQuery {
            filters: vec![filter(AssetField::Owner, "네트워크")],
            sort: Some(AssetSort {
                field: AssetField::Model,
                descending: false,
            }),
            ..AssetQuery::default()
        },
        AssetQuery {
            search: "dell".into(),
            filters: vec![filter(AssetField::Site, "가산")],
            sort: Some(AssetSort {
                field: AssetField::Cost,
                descending: true,
            }),
            ..AssetQuery::default()
        },
        AssetQuery {
            sort: Some(AssetSort {
                field: AssetField::WarrantyEnd,
                descending: true,
            }),
            ..AssetQuery::default()
        },
    ];
    let mut search = Vec::new();
    for round in 0..10 {
        for query in &queries {
            // A different page each round keeps the query honest; consecutive queries differ, so
            // the cached order of the previous query is never reused.
            let query = AssetQuery {
                offset: round * 100,
                limit: 100,
                ..query.clone()
            };
            let started = Instant::now();
            let page = workspace.query_assets(&query);
            search.push(started.elapsed());
            std::hint::black_box(page);
        }
    }

    // Raw fsync on the same disk: overwrite 256 bytes inside a preallocated file and fsync,
    // the cheapest durable write the disk offers (no file growth, so no metadata to journal).
    let mut raw = Vec::new();
    let probe_path = base.join("fsync-probe");
    std::fs::write(&probe_path, vec![0u8; 1 << 20]).expect("probe");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&probe_path)
        .expect("probe");
    file.sync_all().expect("fsync");
    for n in 0..400u64 {
        use std::io::{Seek, SeekFrom};
        let started = Instant::now();
        file.seek(SeekFrom::Start((n * 4096) % (1 << 20)))
            .expect("seek");
        file.write_all(&[n as u8; 256]).expect("write");
        file.sync_all().expect("fsync");
        raw.push(started.elapsed());
    }

    // One field edit until durable, on 400 assets not loaded yet; then on 400 others the way
    // the app edits: the asset's detail (and so its history) is open first, which loads its
    // document, and the edit starts from the loaded document.
    let mut edit = time_edits(&workspace, 0, false);
    let mut edit_open = time_edits(&workspace, 400, true);
    let blob_files_before = count_files(&dir.join("store/blobs"));
    let mut attach = time_attachments(&workspace, 800);
    let blob_files_after = count_files(&dir.join("store/blobs"));
    // Edits again, now that leaves of attached files are in the store (sled may move one as
    // it cleans a segment during an edit, which writes it to a new file).
    let mut edit_after_attachments = time_edits(&workspace, 1200, false);

    let documents = workspace.stored_document_bytes().expect("doc bytes");
    drop(workspace);
    drop(store);
    let on_disk: u64 = walk_size(&dir.join("store"));

    let (raw50, raw99) = (percentile(&mut raw, 0.5), percentile(&mut raw, 0.99));
    let (edit50, edit99) = (percentile(&mut edit, 0.5), percentile(&mut edit, 0.99));
    println!("| measure ({assets} assets) | p50 | p99 | target |");
    println!("|---|---|---|---|");
    println!("| generate demo workspace | {generate_s:.1} s | | |");
    println!(
        "| open workspace + first page | {:.1} ms | {:.1} ms | p50 ≤ 300 ms |",
        percentile(&mut open, 0.5),
        percentile(&mut open, 0.99)
    );
    println!(
        "| search / filter / sort over all | {:.1} ms | {:.1} ms | p50 ≤ 50 ms |",
        percentile(&mut search, 0.5),
        percentile(&mut search, 0.99)
    );
    println!("| raw fsync of a 256-byte overwrite, same disk | {raw50:.2} ms | {raw99:.2} ms | reference |");
    println!(
        "| one field edit until durable | {edit50:.2} ms | {edit99:.2} ms | p50 ≤ {:.2} ms, p99 ≤ {:.2} ms |",
        raw50 + 1.0,
        raw99 * 2.0
    );
    println!(
        "| one field edit until durable, detail already open | {:.2} ms | {:.2} ms | same |",
        percentile(&mut edit_open, 0.5),
        percentile(&mut edit_open, 0.99)
    );
    println!(
        "| a 1 MiB attachment saved until durable (20 assets) | {:.1} ms | {:.1} ms | |",
        percentile(&mut attach, 0.5),
        percentile(&mut attach, 0.99)
    );
    println!(
        "| one field edit until durable, after the attachments | {:.2} ms | {:.2} ms | same |",
        percentile(&mut edit_after_attachments, 0.5),
        percentile(&mut edit_after_attachments, 0.99)
    );
    println!(
        "| sled's node files (`store/blobs/`) before / after the attachments | {blob_files_before} / {blob_files_after} | | |"
    );
    println!(
        "| store on disk right after generating | {:.1} MB | | |",
        size_after_generate as f64 / 1e6
    );
    println!(
        "| store on disk / saved documents | {:.1} MB / {:.1} MB = {:.2}× | | ≤ 2× |",
        on_disk as f64 / 1e6,
        documents as f64 / 1e6,
        on_disk as f64 / documents as f64
    );
}

/// Times one field edit until durable on each of 400 assets from `offset` in tag order.
fn time_edits(workspace: &Workspace, offset: u32, open_detail_first: bool) -> Vec<Duration> {
    let page = workspace.query_assets(&AssetQuery {
        offset,
        limit: 400,
        ..AssetQuery::default()
    });
    let stamp = Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000);
    let mut times = Vec::with_capacity(page.rows.len());
    for (n, row) in page.rows.iter().enumerate() {
        if open_detail_first {
            std::hint::black_box(workspace.asset_history(row.asset.id).expect("history"));
        }
        let input = AssetInput {
            notes: Some(format!("점검 {n}")),
            ..AssetInput::default()
        };
        let started = Instant::now();
        workspace
            .edit_asset(row.asset.id, &input, &stamp)
            .expect("edit");
        times.push(started.elapsed());
    }
    times
}

/// Times attaching 1 MiB of incompressible bytes (a photo, a PDF) until durable, to each of
/// 20 assets from `offset` in tag order.
fn time_attachments(workspace: &Workspace, offset: u32) -> Vec<Duration> {
    let page = workspace.query_assets(&AssetQuery {
        offset,
        limit: 20,
        ..AssetQuery::default()
    });
    let stamp = Stamp::new(Author::new("벤치", "BE"), 1_764_000_000_000);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut times = Vec::with_capacity(page.rows.len());
    for row in &page.rows {
        let bytes: Vec<u8> = (0..1024 * 1024 / 8)
            .flat_map(|_| {
                // xorshift64: a different file each time, which zstd cannot shrink.
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state.to_le_bytes()
            })
            .collect();
        let started = Instant::now();
        workspace
            .attach_to_asset(row.asset.id, "사진.jpg", "image/jpeg", &bytes, &stamp)
            .expect("attach");
        times.push(started.elapsed());
    }
    times
}

fn count_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.count())
}

fn walk_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            if entry.path().is_dir() {
                walk_size(&entry.path())
            } else {
                entry.metadata().map_or(0, |m| m.len())
            }
        })
        .sum()
}
