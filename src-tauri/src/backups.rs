//! Local backups without asking: the open workspace is backed up once a day while the app
//! runs and again when it closes, into `DATA_DIR/backups` (core's `store::backup`, the last
//! seven kept). The documents are copied in short pieces under the store's writer lock and
//! written out on this thread, so the user never waits for a backup; the backups screen's
//! "back up now" takes one through [`take`] too.
//!
//! Closing: the window goes at once, then the backup is written and the app exits (a
//! 50,000-asset workspace takes ~1.5 s, which the window used to sit frozen through, since a
//! backup in `RunEvent::Exit` holds the event loop before the window's removal reaches the
//! display). Any other way out (`AppHandle::exit`) backs up in `RunEvent::Exit`, before the
//! process ends. Either way the process lives until the backup is whole: it is written beside
//! its final name and renamed last, so a backup cut off by a kill is never listed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use cloudwright_core::store::backup::{self, BackupError, BackupInfo};
use cloudwright_core::store::Workspace;
use tauri::{ExitRequestApi, Manager};

use crate::state::{now_ms, AppState};

/// How often the thread asks whether the open workspace is due its daily backup.
const CHECK_EVERY: Duration = Duration::from_secs(10 * 60);
/// When it first asks: once the window has opened a workspace (at start none is open yet),
/// and soon enough that a short session is backed up even if it never closes cleanly.
const FIRST_CHECK_AFTER: Duration = Duration::from_secs(2 * 60);

/// One backup at a time: a backup on closing waits for a daily one under way.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Set once closing has started its backup, so that `RunEvent::Exit` does not take another.
static CLOSING_BACKUP_STARTED: AtomicBool = AtomicBool::new(false);

/// Backs up `workspace` now (after any backup under way) and keeps its newest seven (the
/// older ones are set aside and removed by the daily thread).
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
        .spawn(move || {
            std::thread::sleep(FIRST_CHECK_AFTER);
            loop {
                let state = app.state::<AppState>();
                if let Some(workspace) = state.current() {
                    if backup::backup_due(&state.data_dir, workspace.meta(), now_ms()) {
                        take_and_log(&state, &workspace, "daily");
                    }
                }
                // Backups set aside by any backup since (daily, on closing, by hand) are
                // removed here, where nobody waits for it.
                {
                    let _one = ONE_AT_A_TIME
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                    backup::remove_retired(&state.data_dir);
                }
                std::thread::sleep(CHECK_EVERY);
            }
        })
        .map(drop)
        .unwrap_or_else(|error| tracing::warn!(%error, "backup thread did not start"));
}

/// The last window is closed (it is gone from the screen by now): with a workspace open, the
/// exit waits for its backup, written on a thread while the event loop runs on (so the
/// destroyed window is really taken off the display meanwhile); the app exits when it is
/// written. Without a workspace the app exits as usual.
pub fn on_last_window_closed(app: &tauri::AppHandle, api: &ExitRequestApi) {
    let Some(workspace) = app.state::<AppState>().current() else {
        return;
    };
    if CLOSING_BACKUP_STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let worker = app.clone();
    let spawned = std::thread::Builder::new()
        .name("backup-on-closing".into())
        .spawn(move || {
            take_and_log(&worker.state::<AppState>(), &workspace, "closing");
            worker.exit(0);
        });
    match spawned {
        Ok(_) => api.prevent_exit(),
        Err(error) => {
            // No thread to spare: `on_exit` backs up before the process ends instead.
            tracing::warn!(%error, "backup thread did not start; backing up on exit");
            CLOSING_BACKUP_STARTED.store(false, Ordering::SeqCst);
        }
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
