//! Cloudwright desktop app: the window, the commands it may call, and background upkeep.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// CommandError carries the details a form or editor shows (field errors, placement problems,
// missing checks); it is built once per failed IPC call, so its size costs nothing.
#![allow(clippy::result_large_err)]

mod access;
mod backups;
mod commands;
mod error;
mod ipc;
mod os;
mod state;
mod sync;

use std::path::PathBuf;
use std::time::Duration;

use tauri::Manager;

fn data_dir() -> PathBuf {
    std::env::var_os("CLOUDWRIGHT_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            cloudwright_core::store::default_data_dir(
                std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
                std::env::var_os("HOME").map(PathBuf::from),
            )
        })
}

/// Compacts documents with many appended changes while the user works, a few at a time.
fn start_compaction(app: &tauri::AppHandle) {
    let app = app.clone();
    std::thread::Builder::new()
        .name("compaction".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_secs(20));
            if let Some(workspace) = app.state::<state::AppState>().current() {
                if let Err(error) = workspace.compact_due(64) {
                    tracing::warn!(%error, "compaction failed; will retry");
                }
            }
        })
        .map(drop)
        .unwrap_or_else(|error| tracing::warn!(%error, "compaction thread did not start"));
}

/// WebKitGTK's accelerated compositing runs through OpenGL; without a GPU (a laptop on battery
/// with software GL, Xvfb in CI) that costs ~60 MB in the web process and gains nothing for
/// a table-and-form UI. Users who want it back set WEBKIT_DISABLE_COMPOSITING_MODE=0.
fn prefer_plain_rendering() {
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Runs first in main, before any other thread exists.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

fn main() {
    prefer_plain_rendering();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let app_state = state::AppState::open(data_dir());
    let result = tauri::Builder::default()
        .manage(app_state)
        .setup(|app| {
            start_compaction(app.handle());
            sync::start(app.handle());
            backups::start(app.handle());
            Ok(())
        })
        // Every command, from the one list in commands/mod.rs.
        .invoke_handler(commands::handler)
        // The path is relative to src-tauri/Cargo.toml, like the one given to tauri-build.
        .build(tauri::generate_context!("../tauri.conf.json"))
        .map(|app| {
            app.run(|app, event| match event {
                // The window was closed: the app exits once the workspace is backed up.
                tauri::RunEvent::ExitRequested {
                    code: None, api, ..
                } => {
                    backups::on_last_window_closed(app, &api);
                }
                tauri::RunEvent::Exit => backups::on_exit(app),
                _ => {}
            })
        });
    if let Err(error) = result {
        eprintln!("Cloudwright could not start its window: {error}");
        std::process::exit(1);
    }
}
