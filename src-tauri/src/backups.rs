//! Local backups without asking: the open workspace is backed up once a day while the app
//! runs and again when it closes, into `DATA_DIR/backups` (core's `store::backup`, the last
//! seven kept). The documents are copied in short pieces under the store's writer lock and
//! written out on this thread, so the user never waits for a backup.

use std::sync::Mutex;
use std::time::Duration;

use cloudwright_core::store::backup;
use cloudwright_core::store::Workspace;
use tauri::Manager;

use crate::state::{now_ms, AppState};

/// How often the thread asks whether the open workspace is due its daily backup.
const CHECK_EVERY: Duration = Duration::from_secs(10 * 60);

/// One backup at a time: a backup on closing waits for a daily one under way.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn take(state: &AppState, workspace: &Workspace) {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let taken = workspace
        .backup_snapshot()
        .map_err(backup::BackupError::from)
        .and_then(|snapshot| {
            backup::take_backup(
                &state.data_dir,
                &snapshot,
                now_ms(),
                env!("CARGO_PKG_VERSION"),
            )
        });
    match taken {
        Ok(info) => {
            tracing::info!(backup = %info.name, documents = info.counts.documents, "backup taken")
        }
        Err(error) => tracing::warn!(%error, "backup failed; will try again"),
    }
}

/// Starts the thread that takes the daily backup of the open workspace.
pub fn start(app: &tauri::AppHandle) {
    let app = app.clone();
    std::thread::Builder::new()
        .name("backups".into())
        .spawn(move || loop {
            let state = app.state::<AppState>();
            if let Some(workspace) = state.current() {
                if backup::backup_due(&state.data_dir, workspace.meta(), now_ms()) {
                    take(&state, &workspace);
                }
            }
            std::thread::sleep(CHECK_EVERY);
        })
        .map(drop)
        .unwrap_or_else(|error| tracing::warn!(%error, "backup thread did not start"));
}

/// Backs up the open workspace as the app closes (its window is gone by then).
pub fn on_exit(app: &tauri::AppHandle) {
    let state = app.state::<AppState>();
    if let Some(workspace) = state.current() {
        take(&state, &workspace);
    }
}
