//! Team sync (status, the server's workspaces, log in and out, sync now) and the findings
//! inbox (merge conflicts and broken rules, resolving a conflict).

use cloudwright_core::findings::Finding;
use cloudwright_sync_client::session::{self, SessionError};
use cloudwright_sync_client::{Client, ClientError, RemoteWorkspace};
use serde::Deserialize;
use ts_rs::TS;

use super::{kick, summary, worker, Ctx, NoArgs, WorkspaceSummary};
use crate::error::CommandError;
use crate::ipc::Reply;
use crate::state::now_ms;
use crate::sync::{local_status, SyncStatus};

impl From<ClientError> for CommandError {
    fn from(error: ClientError) -> Self {
        let message = error.to_string();
        match &error {
            ClientError::BadAddress(_) => CommandError::new("bad_address", message),
            ClientError::Unreachable(_) => CommandError::new("offline", message),
            ClientError::Refused { code, .. } => CommandError::new(code, message),
            ClientError::BadAnswer(_) => CommandError::new("bad_answer", message),
        }
    }
}

impl From<SessionError> for CommandError {
    fn from(error: SessionError) -> Self {
        let message = error.to_string();
        match error {
            SessionError::Client(client) => client.into(),
            SessionError::Store(store) => store.into(),
            SessionError::NoSuchRemoteWorkspace { .. } => {
                CommandError::new("no_remote_workspace", message)
            }
            SessionError::ChooseWorkspace(_) => CommandError::new("choose_workspace", message),
            SessionError::NotLoggedIn => CommandError::new("not_logged_in", message),
            SessionError::Sync(_) => CommandError::new("sync", message),
            SessionError::ServerKeyChanged { .. } => {
                CommandError::new("server_key_changed", message)
            }
        }
    }
}

pub fn sync_status(cx: &Ctx, _: NoArgs) -> Reply<SyncStatus> {
    let Some(workspace) = cx.current() else {
        return Ok(SyncStatus {
            state: "not_configured".into(),
            ..SyncStatus::default()
        });
    };
    let live = worker(cx.app()).status();
    let local = local_status(cx.app(), &workspace);
    Ok(shown_status(live, local))
}

/// What the window shows: the worker's view is fresher for the network, the store's for what
/// waits here. A logged-in workspace no pass has reached the server for since the app started
/// is `connecting`, never `synced`: a server that went down meanwhile must not look reachable.
fn shown_status(live: SyncStatus, local: SyncStatus) -> SyncStatus {
    if local.state != "synced" {
        return local;
    }
    if live.workspace_id == local.workspace_id && live.server.is_some() {
        return SyncStatus {
            pending: local.pending,
            findings: local.findings,
            ..live
        };
    }
    SyncStatus {
        state: "connecting".into(),
        ..local
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logged_in(workspace: &str) -> SyncStatus {
        SyncStatus {
            workspace_id: Some(workspace.into()),
            state: "synced".into(),
            server: Some("https://sync.example".into()),
            last_synced_at_ms: Some(1_000),
            ..SyncStatus::default()
        }
    }

    #[test]
    fn a_workspace_no_pass_has_reached_since_the_start_is_connecting_not_synced() {
        let shown = shown_status(SyncStatus::default(), logged_in("A"));
        assert_eq!(shown.state, "connecting");
        assert_eq!(shown.last_synced_at_ms, Some(1_000));
        // The worker's last pass was for another workspace: the same.
        let other = SyncStatus {
            state: "synced".into(),
            ..logged_in("B")
        };
        assert_eq!(shown_status(other, logged_in("A")).state, "connecting");
    }

    #[test]
    fn the_workers_view_of_this_workspace_is_shown_with_what_waits_here() {
        let live = SyncStatus {
            state: "offline".into(),
            error_code: Some("offline".into()),
            pending: 0,
            ..logged_in("A")
        };
        let local = SyncStatus {
            pending: 3,
            ..logged_in("A")
        };
        let shown = shown_status(live, local);
        assert_eq!((shown.state.as_str(), shown.pending), ("offline", 3));
        let logged_out = SyncStatus {
            state: "logged_out".into(),
            ..logged_in("A")
        };
        assert_eq!(shown_status(logged_in("A"), logged_out).state, "logged_out");
    }
}

/// A server account, for listing its workspaces.
#[derive(Deserialize, TS)]
pub struct AccountArgs {
    server: String,
    user: String,
    password: String,
}

pub fn sync_remote_workspaces(
    _: &Ctx,
    AccountArgs {
        server,
        user,
        password,
    }: AccountArgs,
) -> Reply<Vec<RemoteWorkspace>> {
    let client = Client::new(&server)?;
    let login = client.login(&user, &password)?;
    let client = client.with_token(login.token);
    let list = client.workspaces()?;
    // This token was only for the list; the real login makes its own.
    let _ = client.logout();
    Ok(list)
}

#[derive(Deserialize, TS)]
pub struct SyncLoginArgs {
    server: String,
    user: String,
    password: String,
    // The server's workspace to sync with (none: the only one there is).
    workspace: Option<String>,
}

pub fn sync_login(cx: &Ctx, args: SyncLoginArgs) -> Reply<WorkspaceSummary> {
    let logged = session::login(
        &cx.store()?,
        &args.server,
        &args.user,
        &args.password,
        args.workspace.as_deref(),
        now_ms(),
    )?;
    cx.set_current(logged.workspace.clone())?;
    Ok(summary(&logged.workspace))
}

pub fn sync_logout(cx: &Ctx, _: NoArgs) -> Reply<()> {
    let workspace = cx.workspace()?;
    Ok(session::logout(&cx.store()?, &workspace)?)
}

/// Wakes the sync worker; its pass says how it went in `sync_status` events.
pub fn sync_now(cx: &Ctx, _: NoArgs) -> Reply<()> {
    kick(cx.app());
    Ok(())
}

pub fn findings_list(cx: &Ctx, _: NoArgs) -> Reply<Vec<Finding>> {
    Ok(cx.workspace()?.findings()?)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictResolveArgs {
    // The document the conflict is in (a finding's `doc_id`).
    doc_id: String,
    // The field, as the finding names it.
    path: String,
    // Which of the finding's values to keep.
    choice: u32,
}

pub fn conflict_resolve(cx: &Ctx, args: ConflictResolveArgs) -> Reply<()> {
    Ok(cx.workspace()?.resolve_conflict(
        &args.doc_id,
        &args.path,
        args.choice as usize,
        &cx.stamp()?,
    )?)
}
