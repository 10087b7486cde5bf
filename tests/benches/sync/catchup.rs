//! Offline catch-up: a client holding the 50,000-asset demo workspace applies 1,000 edits
//! another client made to 200 of its assets.

use std::path::Path;
use std::time::Instant;

use cloudwright_core::assets::{AssetInput, AssetQuery};
use cloudwright_core::demo::{generate, DemoOptions};

use crate::server::SyncServer;
use crate::{millis, percentile, row, seconds, stamp, Device, Row};

const DEMO_ASSETS: usize = 50_000;
const EDITED_ASSETS: usize = 200;
const EDITS_PER_ASSET: usize = 5;
const CATCH_UP_RUNS: usize = 5;

pub fn catch_up(binary: &Path, dir: &Path, rows: &mut Vec<Row>) {
    let server = SyncServer::start(binary, &dir.join("server"), "데모");
    let editor = Device::login(&server, &dir.join("editor"));
    let started = Instant::now();
    generate(
        &editor.workspace,
        &DemoOptions {
            assets: DEMO_ASSETS,
            seed: 7,
        },
        &stamp(),
    )
    .expect("demo");
    let generated = started.elapsed();
    let mut editor_transport = editor.transport(&server.url);
    let started = Instant::now();
    editor.sync(&mut editor_transport);
    let push = started.elapsed();
    let offline = Device::login(&server, &dir.join("offline"));
    let mut offline_transport = offline.transport(&server.url);
    let started = Instant::now();
    offline.sync(&mut offline_transport);
    let fetch = started.elapsed();
    assert_eq!(offline.workspace.asset_count(), DEMO_ASSETS);

    let mut times = Vec::new();
    for run in 0..CATCH_UP_RUNS {
        let page = editor.workspace.query_assets(&AssetQuery {
            offset: (run * EDITED_ASSETS) as u32,
            limit: EDITED_ASSETS as u32,
            ..AssetQuery::default()
        });
        for edit in 0..EDITS_PER_ASSET {
            for asset in &page.rows {
                let text = format!("점검 {run}-{edit}");
                let input = if edit % 2 == 0 {
                    AssetInput {
                        owner: Some(text),
                        ..AssetInput::default()
                    }
                } else {
                    AssetInput {
                        notes: Some(text),
                        ..AssetInput::default()
                    }
                };
                editor
                    .workspace
                    .edit_asset(asset.asset.id, &input, &stamp())
                    .expect("edit");
            }
        }
        let record = editor.sync(&mut editor_transport);
        assert_eq!(record.pushed as usize, EDITED_ASSETS);
        let started = Instant::now();
        let record = offline.sync(&mut offline_transport);
        times.push(started.elapsed());
        assert_eq!(record.pulled as usize, EDITED_ASSETS);
        let last = &page.rows[EDITED_ASSETS - 1].asset;
        let seen = offline.workspace.asset(&last.asset_tag).expect("asset");
        let owner_edit = (EDITS_PER_ASSET - 1) / 2 * 2;
        assert_eq!(seen.asset.owner, format!("점검 {run}-{owner_edit}"));
        assert_eq!(
            seen.asset.notes,
            format!("점검 {run}-{}", EDITS_PER_ASSET - 2)
        );
    }
    let all: Vec<String> = times
        .iter()
        .map(|t| format!("{:.0}", t.as_secs_f64() * 1000.0))
        .collect();
    rows.push(row(
        "catch-up setup: generate the 50,000-asset demo / push it / fetch it on a fresh client",
        format!(
            "{} / {} / {}",
            seconds(generated),
            seconds(push),
            seconds(fetch)
        ),
        String::new(),
        "",
    ));
    rows.push(row(
        "**offline catch-up: 1,000 remote edits over 200 assets, on 50,000**",
        format!(
            "**p50 {}** (runs: {} ms)",
            millis(percentile(&mut times, 0.5)),
            all.join(", ")
        ),
        String::new(),
        "≤ 1 s",
    ));
}
