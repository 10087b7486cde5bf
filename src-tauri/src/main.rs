//! Cloudwright desktop app: the window, the commands it may call, and background upkeep.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// CommandError carries the details a form or editor shows (field errors, placement problems,
// missing checks); it is built once per failed IPC call, so its size costs nothing.
#![allow(clippy::result_large_err)]

mod commands;
mod commands_audits;
mod commands_cables;
mod commands_labels;
mod commands_lifecycle;
mod commands_racks;
mod commands_reports;
mod commands_sync;
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
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands_lifecycle::life_get,
            commands_lifecycle::life_assign,
            commands_lifecycle::life_return,
            commands_lifecycle::life_maintain,
            commands_lifecycle::life_maintenance_finish,
            commands_lifecycle::life_disposal_request,
            commands_lifecycle::life_disposal_decide,
            commands_lifecycle::life_wipe,
            commands_lifecycle::life_dispose,
            commands_lifecycle::life_alerts,
            commands_lifecycle::life_assigned,
            commands_lifecycle::life_assignees,
            commands_lifecycle::plan_list,
            commands_lifecycle::plan_add,
            commands_lifecycle::plan_edit,
            commands_lifecycle::alerts_to_notify,
            commands_lifecycle::desktop_notify,
            commands_lifecycle::disposal_certificate_pdf,
            commands_lifecycle::life_wipe_with_report,
            commands::app_state,
            commands::set_language,
            commands::set_profile,
            commands::workspace_create,
            commands::workspace_open,
            commands::asset_query,
            commands::asset_get,
            commands::asset_register,
            commands::asset_edit,
            commands::asset_history,
            commands::asset_import_preview,
            commands::asset_import_apply,
            commands::asset_export,
            commands_sync::sync_status,
            commands_sync::sync_remote_workspaces,
            commands_sync::sync_login,
            commands_sync::sync_logout,
            commands_sync::sync_now,
            commands_sync::findings_list,
            commands_sync::conflict_resolve,
            commands_sync::asset_attachments,
            commands_sync::asset_attach,
            commands_sync::attachment_bytes,
            commands_sync::attachment_save,
            commands_racks::places_tree,
            commands_racks::site_save,
            commands_racks::room_save,
            commands_racks::room_view,
            commands_racks::room_object_put,
            commands_racks::room_object_remove,
            commands_racks::room_row_put,
            commands_racks::room_aisles_set,
            commands_racks::rack_save,
            commands_racks::rack_view,
            commands_racks::row_view,
            commands_racks::device_types,
            commands_racks::device_types_import,
            commands_racks::rack_what_if,
            commands_racks::rack_place,
            commands_racks::rack_move,
            commands_racks::rack_remove,
            commands_racks::rack_reserve,
            commands_racks::rack_release,
            commands_racks::placement_check,
            commands_racks::placement_status,
            commands_racks::placement_edit,
            commands_racks::rack_resolve,
            commands_racks::report_racks_pdf,
            commands_racks::report_power_pdf,
            commands_racks::placement_photo,
            commands_racks::device_type_image,
            commands_audits::audit_list,
            commands_audits::audit_start,
            commands_audits::audit_view,
            commands_audits::audit_scan,
            commands_audits::audit_mark,
            commands_audits::audit_register,
            commands_audits::audit_photo,
            commands_audits::audit_close,
            commands_audits::audit_discrepancies,
            commands_audits::audit_apply,
            commands_audits::audit_report_pdf,
            commands_audits::audit_schedules,
            commands_audits::audit_schedule_set,
            commands_cables::cable_page,
            commands_cables::cable_ids,
            commands_cables::cable_get,
            commands_cables::cable_add,
            commands_cables::cable_edit,
            commands_cables::cable_status,
            commands_cables::cable_bulk_preview,
            commands_cables::cable_bulk_commit,
            commands_cables::cable_import,
            commands_cables::cable_export,
            commands_cables::cable_test,
            commands_cables::cable_test_with_report,
            commands_cables::cable_tests_import,
            commands_cables::cable_trace,
            commands_cables::cable_racks,
            commands_cables::device_ports,
            commands_cables::label_scheme,
            commands_cables::label_scheme_preview,
            commands_cables::label_scheme_set,
            commands_labels::label_media,
            commands_labels::label_printers,
            commands_labels::cable_labels_print,
            commands_labels::asset_tags_print,
            commands_labels::cable_schedule_export,
            commands_reports::asset_report,
            commands_reports::asset_report_export,
        ])
        // The path is relative to src-tauri/Cargo.toml, like the one given to tauri-build.
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(error) = result {
        eprintln!("Cloudwright could not start its window: {error}");
        std::process::exit(1);
    }
}
