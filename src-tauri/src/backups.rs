//! Local backups without asking: the open workspace is backed up once a day while the app
//! runs and again when it closes, into `DATA_DIR/backups` (core's `store::backup`, the last
//! seven kept). The documents are copied in short pieces under the store's writer lock and
//! written out on this thread, so the user never waits for a backup; the backups screen's
//! "back up now" takes one through [`take`] too.
//!
//! Closing: the window's close button hides the window at once, then the backup is written and
//! the app exits (a 50,000-asset workspace takes ~1.5 s, which the window would otherwise sit
//! frozen through). Any other way out (the last window gone, `AppHandle::exit`) backs up in
//! `RunEvent::Exit`, before the process ends. Either way the process lives until the backup is
//! whole: it is written beside its final name and renamed last, so a backup cut off by a kill
//! is never listed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use cloudwright_core::store::backup::{self, BackupError, BackupInfo};
use cloudwright_core::store::Workspace;
use tauri::{Manager, Window, WindowEvent};

use crate::state::{now_ms, AppState};

/// How often the thread asks whether the open workspace is due its daily backup.
const CHECK_EVERY: Duration = Duration::from_secs(10 * 60);

/// One backup at a time: a backup on closing waits for a daily one under way.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Set once closing has started its backup, so that `RunEvent::Exit` does not take another.
static CLOSING_BACKUP_STARTED: AtomicBool = AtomicBool::new(false);

/// Backs up `workspace` now (after any backup under way) and keeps its newest seven.
pub fn take(state: &AppState, workspace: &Workspace) -> Result<BackupInfo, BackupError> {
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let snapshot = workspace.backup_snapshot()?;
    backup::take_backup(
        &state.data_dir,
        &snapshot,
        now_ms(),
        env!("CARGO_PKG_VERSION"),
    )
}

/// A backup nobody waits on the answer of: logged, and tried again at the next occasion.
fn take_and_log(state: &AppState, workspace: &Workspace, occasion: &str) {
    match take(state, workspace) {
        Ok(info) => tracing::info!(
            backup = %info.name,
            documents = info.counts.documents,
            occasion,
            "backup taken"
        ),
        Err(error) => tracing::warn!(%error, occasion, "backup failed; will try again"),
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
                    take_and_log(&state, &workspace, "daily");
                }
            }
            std::thread::sleep(CHECK_EVERY);
        })
        .map(drop)
        .unwrap_or_else(|error| tracing::warn!(%error, "backup thread did not start"));
}

/// The close button of the window: with a workspace open, the window is hidden at once and
/// the app exits once the workspace is backed up (on a thread, so the hidden window is really
/// gone from the screen meanwhile). Without one it closes as usual.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let app = window.app_handle().clone();
    let Some(workspace) = app.state::<AppState>().current() else {
        return;
    };
    if CLOSING_BACKUP_STARTED.swap(true, Ordering::SeqCst) {
        // Closing is under way already; the app exits when its backup is written.
        api.prevent_close();
        return;
    }
    api.prevent_close();
    if let Err(error) = window.hide() {
        tracing::warn!(%error, "the window could not be hidden before the backup on closing");
    }
    let (worker, backed_up) = (app.clone(), workspace.clone());
    let spawned = std::thread::Builder::new()
        .name("backup-on-closing".into())
        .spawn(move || {
            take_and_log(&worker.state::<AppState>(), &backed_up, "closing");
            worker.exit(0);
        });
    if let Err(error) = spawned {
        // No thread to spare: back up here, with the window hidden, then exit.
        tracing::warn!(%error, "backup thread did not start; backing up before closing");
        take_and_log(&app.state::<AppState>(), &workspace, "closing");
        app.exit(0);
    }
}

/// Backs up the open workspace as the app exits, unless closing the window has already.
pub fn on_exit(app: &tauri::AppHandle) {
    if CLOSING_BACKUP_STARTED.swap(true, Ordering::SeqCst) {
        // A backup under way is finished before the process ends.
        drop(
            ONE_AT_A_TIME
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        return;
    }
    let state = app.state::<AppState>();
    if let Some(workspace) = state.current() {
        take_and_log(&state, &workspace, "exit");
    }
}
