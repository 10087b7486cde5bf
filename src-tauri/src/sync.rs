//! Background sync: one thread that syncs the open workspace when it changes here, on a
//! timer, and sooner after a failure with growing waits while the server cannot be reached.
//! Every state change goes to the window as a `sync_status` event, and a pass that pulled
//! changes, fetched files or kept a new roster sends `workspace_changed`, as a local write does.

use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudwright_core::store::Workspace;
use cloudwright_core::sync::Progress;
use cloudwright_sync_client::session::{self, SessionError};
use serde::Serialize;
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use crate::state::{now_ms, AppState};

/// How long to wait between passes when all is well.
const QUIET_INTERVAL: Duration = Duration::from_secs(30);
/// First wait after a failure; doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(2);
const MAX_BACKOFF: Duration = Duration::from_secs(120);
/// Edits in quick succession go out together.
const DEBOUNCE: Duration = Duration::from_millis(300);

#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    /// The workspace this status is about.
    pub workspace_id: Option<String>,
    /// not_configured | logged_out | connecting (logged in, no pass has reached the server
    /// since the app started) | offline | syncing | synced | error
    pub state: String,
    pub server: Option<String>,
    pub user: Option<String>,
    #[ts(type = "number | null")]
    pub last_synced_at_ms: Option<i64>,
    /// Documents with edits the server has not acknowledged.
    pub pending: u32,
    pub findings: u32,
    /// For `error`, `offline` and `logged_out`: the server's error code or "offline".
    pub error_code: Option<String>,
    /// English detail for the error (the UI shows its own text per code).
    pub error_message: Option<String>,
    /// While syncing: what has moved so far.
    pub progress: Option<String>,
    /// Seconds until the next automatic try, after a failure.
    pub retry_in_secs: Option<u32>,
}

enum Signal {
    /// Something changed here or the user asked: sync soon.
    Kick,
}

pub struct SyncWorker {
    wake: Mutex<Sender<Signal>>,
    status: Mutex<SyncStatus>,
}

impl SyncWorker {
    pub fn kick(&self) {
        let sender = self.wake.lock().unwrap_or_else(|p| p.into_inner());
        let _ = sender.send(Signal::Kick);
    }

    pub fn status(&self) -> SyncStatus {
        self.status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// Starts the worker and puts it in the app's state.
pub fn start(app: &AppHandle) {
    let (sender, receiver) = channel();
    let worker = Arc::new(SyncWorker {
        wake: Mutex::new(sender),
        status: Mutex::new(SyncStatus::default()),
    });
    app.manage(worker.clone());
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("sync".into())
        .spawn(move || run(app, worker, receiver));
    if let Err(error) = spawned {
        tracing::warn!(%error, "sync thread did not start");
    }
}

fn run(app: AppHandle, worker: Arc<SyncWorker>, receiver: Receiver<Signal>) {
    let mut wait = Duration::from_millis(200);
    let mut backoff = FIRST_BACKOFF;
    loop {
        match receiver.recv_timeout(wait) {
            Ok(Signal::Kick) => {
                // Gather a burst of edits into one pass.
                std::thread::sleep(DEBOUNCE);
                while receiver.try_recv().is_ok() {}
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let outcome = pass(&app, &worker);
        wait = match outcome {
            Outcome::Idle | Outcome::Synced => {
                backoff = FIRST_BACKOFF;
                QUIET_INTERVAL
            }
            Outcome::Retry => {
                let this = backoff;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                this
            }
        };
        if matches!(outcome, Outcome::Retry) {
            update(&app, &worker, |s| {
                s.retry_in_secs = Some(wait.as_secs() as u32)
            });
        }
    }
}

enum Outcome {
    Idle,
    Synced,
    Retry,
}

fn update(app: &AppHandle, worker: &SyncWorker, change: impl FnOnce(&mut SyncStatus)) {
    let snapshot = {
        let mut status = worker.status.lock().unwrap_or_else(|p| p.into_inner());
        let before = status.clone();
        change(&mut status);
        if *status == before {
            return;
        }
        status.clone()
    };
    crate::ipc::emit(app, snapshot);
}

/// The status as far as it can be known without talking to the server.
pub fn local_status(app: &AppHandle, workspace: &Workspace) -> SyncStatus {
    let state = app.state::<AppState>();
    let mut status = SyncStatus {
        workspace_id: Some(workspace.meta().id.to_string()),
        pending: workspace.sync_pending().unwrap_or(0) as u32,
        findings: workspace.findings().map_or(0, |f| f.len() as u32),
        last_synced_at_ms: workspace.last_sync().ok().flatten().map(|r| r.at_ms),
        ..SyncStatus::default()
    };
    match workspace.sync_binding() {
        Ok(Some(binding)) => {
            status.server = Some(binding.server);
            status.user = Some(binding.user);
            let logged_in = state
                .store()
                .ok()
                .and_then(|store| session::is_logged_in(&store, workspace).ok())
                .unwrap_or(false);
            status.state = if logged_in { "synced" } else { "logged_out" }.into();
        }
        _ => status.state = "not_configured".into(),
    }
    status
}

fn pass(app: &AppHandle, worker: &SyncWorker) -> Outcome {
    let state = app.state::<AppState>();
    let (Ok(store), Some(workspace)) = (state.store(), state.current()) else {
        return Outcome::Idle;
    };
    let local = local_status(app, &workspace);
    if local.state != "synced" {
        update(app, worker, |s| *s = local);
        return Outcome::Idle;
    }
    update(app, worker, |s| {
        let previous = s.last_synced_at_ms;
        *s = local.clone();
        s.state = "syncing".into();
        s.last_synced_at_ms = previous.or(local.last_synced_at_ms);
    });
    let roster_before = roster_version(&workspace);
    let result = session::sync(&store, &workspace, now_ms(), &mut |progress| {
        let text = match progress {
            Progress::Pushed { done, pending } => format!("push {done}/{}", done + pending),
            Progress::Pulled { done } => format!("pull {done}"),
            Progress::Blobs { done, total } => format!("files {done}/{total}"),
            Progress::FileBytes { done, total } => {
                format!("MB {}/{}", done / 1_000_000, total / 1_000_000)
            }
        };
        update(app, worker, |s| s.progress = Some(text));
    });
    let after = local_status(app, &workspace);
    match result {
        Ok(record) => {
            // What was merged in shows on every screen (and in the findings inbox) the
            // same way a local write does; so do files that arrived, which turn a file
            // "waiting for sync" into one that can be opened even when no document changed.
            // So does a new roster: a role or a capability changed what this account may do.
            if record.pulled > 0
                || record.blobs_down > 0
                || roster_version(&workspace) != roster_before
            {
                crate::commands::workspace_changed(app, workspace.meta());
            }
            update(app, worker, |s| *s = after);
            Outcome::Synced
        }
        Err(error) => {
            let (state, code) = classify(&error);
            update(app, worker, |s| {
                *s = after;
                s.state = state.into();
                s.error_code = Some(code);
                s.error_message = Some(error.to_string());
            });
            // Waiting longer helps neither a login that is gone nor an account that may
            // not push: try again at the normal pace.
            if state == "logged_out" || error_is_read_only(&error) {
                Outcome::Idle
            } else {
                Outcome::Retry
            }
        }
    }
}

/// The version of the trusted roster kept for `workspace` (none: none, or not trusted).
fn roster_version(workspace: &Workspace) -> Option<u64> {
    match workspace.roster() {
        Ok(cloudwright_core::sync::RosterState::Verified(roster)) => Some(roster.version),
        _ => None,
    }
}

fn error_is_read_only(error: &SessionError) -> bool {
    matches!(error, SessionError::Client(client) if client.code() == Some("read_only"))
}

fn classify(error: &SessionError) -> (&'static str, String) {
    if error.is_offline() {
        return ("offline", "offline".into());
    }
    if error.needs_login() {
        let code = match error {
            SessionError::Client(client) => client.code().unwrap_or("unauthenticated").to_owned(),
            _ => "not_logged_in".into(),
        };
        return ("logged_out", code);
    }
    let code = match error {
        SessionError::Client(client) => client.code().unwrap_or("bad_answer").to_owned(),
        SessionError::Store(_) => "store".into(),
        _ => "sync".into(),
    };
    ("error", code)
}
