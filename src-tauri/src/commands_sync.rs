//! Commands for team sync, the findings inbox and attachments.

use std::sync::Arc;

use cloudwright_core::assets::attachments::AttachmentError;
use cloudwright_core::assets::{AssetRow, Attachment};
use cloudwright_core::findings::Finding;
use cloudwright_sync_client::session::{self, SessionError};
use cloudwright_sync_client::{Client, ClientError, RemoteWorkspace};
use serde::Deserialize;
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::commands::{parse_asset_id, summary};
use crate::error::CommandError;
use crate::ipc::{AssetsChanged, ExportResult, WorkspaceSummary};
use crate::state::{now_ms, AppState};
use crate::sync::{local_status, SyncStatus, SyncWorker};

type Reply<T> = Result<T, CommandError>;

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
        }
    }
}

impl From<AttachmentError> for CommandError {
    fn from(error: AttachmentError) -> Self {
        let message = error.to_string();
        match error {
            AttachmentError::NoName => CommandError::new("attachment_no_name", message),
            AttachmentError::Empty => CommandError::new("attachment_empty", message),
            AttachmentError::TooLarge { .. } => CommandError::new("attachment_too_large", message),
            AttachmentError::Asset(asset) => asset.into(),
            AttachmentError::Store(store) => store.into(),
        }
    }
}

fn worker(app: &AppHandle) -> Arc<SyncWorker> {
    app.state::<Arc<SyncWorker>>().inner().clone()
}

pub fn kick(app: &AppHandle) {
    worker(app).kick();
}

/// After a local write: refresh the views and let the sync worker push it.
pub fn changed_locally(app: &AppHandle, workspace_id: String) {
    let _ = app.emit("assets_changed", AssetsChanged { workspace_id });
    worker(app).kick();
}

#[tauri::command]
pub async fn sync_status(app: AppHandle, state: State<'_, AppState>) -> Reply<SyncStatus> {
    let Some(workspace) = state.current() else {
        return Ok(SyncStatus {
            state: "not_configured".into(),
            ..SyncStatus::default()
        });
    };
    let live = worker(&app).status();
    let local = local_status(&app, &workspace);
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

#[tauri::command]
pub async fn sync_remote_workspaces(
    server: String,
    user: String,
    password: String,
) -> Reply<Vec<RemoteWorkspace>> {
    tauri::async_runtime::spawn_blocking(move || {
        let client = Client::new(&server)?;
        let login = client.login(&user, &password)?;
        let client = client.with_token(login.token);
        let list = client.workspaces()?;
        // This token was only for the list; the real login makes its own.
        let _ = client.logout();
        Ok(list)
    })
    .await
    .map_err(|e| CommandError::new("io", e.to_string()))?
}

#[tauri::command]
pub async fn sync_login(
    app: AppHandle,
    server: String,
    user: String,
    password: String,
    workspace: Option<String>,
) -> Reply<WorkspaceSummary> {
    let handle = app.clone();
    let summary = tauri::async_runtime::spawn_blocking(move || {
        let state = handle.state::<AppState>();
        let store = state.store()?;
        let logged = session::login(
            store,
            &server,
            &user,
            &password,
            workspace.as_deref(),
            now_ms(),
        )?;
        state.set_current(logged.workspace.clone())?;
        Ok::<_, CommandError>(summary(&logged.workspace))
    })
    .await
    .map_err(|e| CommandError::new("io", e.to_string()))??;
    worker(&app).kick();
    Ok(summary)
}

#[tauri::command]
pub async fn sync_logout(app: AppHandle, state: State<'_, AppState>) -> Reply<()> {
    let workspace = state.workspace()?;
    let store = state.store()?.clone();
    tauri::async_runtime::spawn_blocking(move || session::logout(&store, &workspace))
        .await
        .map_err(|e| CommandError::new("io", e.to_string()))??;
    worker(&app).kick();
    Ok(())
}

#[tauri::command]
pub async fn sync_now(app: AppHandle) -> Reply<()> {
    worker(&app).kick();
    Ok(())
}

#[tauri::command]
pub async fn findings_list(state: State<'_, AppState>) -> Reply<Vec<Finding>> {
    Ok(state.workspace()?.findings()?)
}

#[tauri::command]
pub async fn conflict_resolve(
    app: AppHandle,
    state: State<'_, AppState>,
    doc_id: String,
    path: String,
    choice: u32,
) -> Reply<()> {
    let workspace = state.workspace()?;
    workspace.resolve_conflict(&doc_id, &path, choice as usize, &state.stamp()?)?;
    let id = workspace.meta().id.to_string();
    let _ = app.emit(
        "findings_changed",
        AssetsChanged {
            workspace_id: id.clone(),
        },
    );
    changed_locally(&app, id);
    Ok(())
}

#[tauri::command]
pub async fn asset_attachments(state: State<'_, AppState>, id: String) -> Reply<Vec<Attachment>> {
    Ok(state.workspace()?.asset_attachments(parse_asset_id(&id)?)?)
}

#[derive(Deserialize)]
struct AttachMeta {
    id: String,
    name: String,
    mime: String,
}

/// The parts of a raw command (`ipc.ts`'s `sendRaw`): the body is a file's bytes as sent, and
/// `header` holds URI-encoded JSON saying what they are for.
pub(crate) fn raw_with_meta<'r, T: serde::de::DeserializeOwned>(
    request: &'r Request<'_>,
    header: &str,
) -> Result<(&'r [u8], T), CommandError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::new(
            "invalid",
            "the file must be sent as raw bytes",
        ));
    };
    let meta = request
        .headers()
        .get(header)
        .and_then(|value| value.to_str().ok())
        .and_then(percent_decode)
        .and_then(|json| serde_json::from_str(&json).ok())
        .ok_or_else(|| {
            CommandError::new(
                "invalid",
                format!("the {header} header is missing or unreadable"),
            )
        })?;
    Ok((bytes, meta))
}

/// Decodes `%XX` escapes (what `encodeURIComponent` writes); header values are ASCII only.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Attaches a file: the body is the file's bytes, the `x-attachment` header the
/// URI-encoded JSON `{ id, name, mime }`.
#[tauri::command]
pub async fn asset_attach(
    app: AppHandle,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Reply<Attachment> {
    let (bytes, meta): (&[u8], AttachMeta) = raw_with_meta(&request, "x-attachment")?;
    let workspace = state.workspace()?;
    let attachment = workspace.attach_to_asset(
        parse_asset_id(&meta.id)?,
        &meta.name,
        &meta.mime,
        bytes,
        &state.stamp()?,
    )?;
    changed_locally(&app, workspace.meta().id.to_string());
    Ok(attachment)
}

/// The bytes of a blob (for image previews), or `not_synced_yet` while it is on its way.
#[tauri::command]
pub async fn attachment_bytes(state: State<'_, AppState>, sha256: String) -> Reply<Response> {
    match state.workspace()?.blob(&sha256)? {
        Some(bytes) => Ok(Response::new(bytes)),
        None => Err(CommandError::new(
            "not_synced_yet",
            "this file has not arrived on this device yet",
        )),
    }
}

/// Saves an attachment into the downloads folder under its own name (made unique).
#[tauri::command]
pub async fn attachment_save(
    app: AppHandle,
    state: State<'_, AppState>,
    sha256: String,
    name: String,
) -> Reply<ExportResult> {
    let bytes = state.workspace()?.blob(&sha256)?.ok_or_else(|| {
        CommandError::new(
            "not_synced_yet",
            "this file has not arrived on this device yet",
        )
    })?;
    let folder = app
        .path()
        .download_dir()
        .unwrap_or_else(|_| state.data_dir.join("exports"));
    std::fs::create_dir_all(&folder)?;
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = if clean.trim().is_empty() {
        "attachment".to_owned()
    } else {
        clean
    };
    let mut path = folder.join(&clean);
    let mut n = 2;
    while path.exists() {
        let (stem, ext) = match clean.rsplit_once('.') {
            Some((stem, ext)) => (stem.to_owned(), format!(".{ext}")),
            None => (clean.clone(), String::new()),
        };
        path = folder.join(format!("{stem} ({n}){ext}"));
        n += 1;
    }
    std::fs::write(&path, &bytes)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: 1,
    })
}
