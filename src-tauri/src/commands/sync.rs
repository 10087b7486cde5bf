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
    // The worker's view is fresher for the network; the store's for what waits here.
    if live.workspace_id == local.workspace_id && live.server.is_some() && local.state == "synced" {
        return Ok(SyncStatus {
            pending: local.pending,
            findings: local.findings,
            ..live
        });
    }
    Ok(local)
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
