//! Logging a local workspace in to a team server and syncing it: what the CLI's `login` and
//! `sync` and the app's login screen and background sync share.
//!
//! The token lives in the store's local settings (`sync-token/{local workspace id}`), never
//! in a workspace's documents, so it is not synced anywhere. So do the device's signing key
//! (`device-key`: made once per data directory; only its public half leaves the device, at
//! login) and its local identity (`local-identity`: the id its changes carry before any
//! login, claimed at login by the account).

use std::sync::{Arc, Mutex};

use cloudwright_core::names;
use cloudwright_core::store::{Store, StoreError, Workspace, WorkspaceMeta};
use cloudwright_core::sync::{sync_once, Progress, RosterKept, SyncBinding, SyncError, SyncRecord};
use cloudwright_core::trust::{DeviceKey, PublicKey};
use cloudwright_core::WorkspaceId;

use crate::members::DeviceLogin;
use crate::{Client, ClientError, RemoteWorkspace};

/// The store setting holding this data directory's device key (its secret, hex).
pub const DEVICE_KEY_SETTING: &str = "device-key";
/// The store setting holding this data directory's local identity (a ULID).
pub const LOCAL_IDENTITY_SETTING: &str = "local-identity";

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the server has no workspace '{wanted}' for this account (it has: {available})")]
    NoSuchRemoteWorkspace { wanted: String, available: String },
    #[error(
        "this account has several workspaces on the server ({0}): choose one with --workspace"
    )]
    ChooseWorkspace(String),
    #[error("this workspace is not logged in to a server: run `cloudwright login` first")]
    NotLoggedIn,
    #[error("sync stopped: {0}")]
    Sync(String),
    #[error("the server at {server} now signs with another key ({offered}) than the one this workspace trusted at its first login ({pinned}): nothing was changed here. If the server was rebuilt without its backup, ask its administrator; to trust the new key, log a new local workspace in to it (`cloudwright workspace create NEW`, then `cloudwright --workspace NEW login --server … --user … --remote-workspace …`)")]
    ServerKeyChanged {
        server: String,
        pinned: String,
        offered: String,
    },
}

impl SessionError {
    pub fn is_offline(&self) -> bool {
        matches!(self, SessionError::Client(error) if error.is_offline())
    }

    pub fn needs_login(&self) -> bool {
        match self {
            SessionError::Client(error) => error.needs_login(),
            SessionError::NotLoggedIn => true,
            _ => false,
        }
    }
}

pub fn token_key(workspace: &WorkspaceId) -> String {
    format!("sync-token/{workspace}")
}

/// Made at most once at a time in this process (the store is this process's alone).
static MAKING: Mutex<()> = Mutex::new(());

/// This data directory's signing key, made and kept in the store's local settings on first
/// use. It never leaves them: not in a workspace, not synced, not in an export or a backup.
pub fn device_key(store: &Store) -> Result<DeviceKey, SessionError> {
    let _making = MAKING.lock().unwrap_or_else(|p| p.into_inner());
    match store.setting(DEVICE_KEY_SETTING)? {
        Some(text) => DeviceKey::from_secret_hex(text.trim()).ok_or_else(|| {
            SessionError::Store(StoreError::DamagedRecord {
                what: format!("setting {DEVICE_KEY_SETTING}"),
                reason: "not a device key (64 hex digits)".into(),
            })
        }),
        None => new_device_key(store),
    }
}

/// This data directory's public key, if it has made one (a read: none is made here).
pub fn existing_device_key(store: &Store) -> Result<Option<PublicKey>, SessionError> {
    Ok(store
        .setting(DEVICE_KEY_SETTING)?
        .and_then(|text| DeviceKey::from_secret_hex(text.trim()))
        .map(|key| key.public()))
}

/// A new device key in place of the one kept (which the server revoked).
fn new_device_key(store: &Store) -> Result<DeviceKey, SessionError> {
    let key = DeviceKey::generate();
    store.set_setting(DEVICE_KEY_SETTING, &key.secret_hex())?;
    Ok(key)
}

/// This data directory's local identity: the id its changes carry before any login (made on
/// first use, a ULID). The first account to log in from here claims it.
pub fn local_identity(store: &Store) -> Result<String, SessionError> {
    let _making = MAKING.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(identity) = store.setting(LOCAL_IDENTITY_SETTING)? {
        if !identity.is_empty() {
            return Ok(identity);
        }
    }
    let identity = ulid::Ulid::new().to_string();
    store.set_setting(LOCAL_IDENTITY_SETTING, &identity)?;
    Ok(identity)
}

/// The name this device gives at login: its host name.
pub fn device_name() -> String {
    let from_file = |path: &str| {
        std::fs::read_to_string(path)
            .ok()
            .map(|text| text.trim().to_owned())
            .filter(|name| !name.is_empty())
    };
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown".into())
}

/// What this device tells the server at login.
fn device_login(store: &Store) -> Result<DeviceLogin, SessionError> {
    Ok(DeviceLogin {
        device_key: device_key(store)?.public(),
        device_name: device_name(),
        local_identity: local_identity(store)?,
    })
}

/// Logs in registering this device. A key the server says was revoked (this device was
/// reported lost, then found) is replaced by a new one, registered by a second login.
fn login_registering_device(
    store: &Store,
    client: &Client,
    user: &str,
    password: &str,
) -> Result<crate::Login, SessionError> {
    match client.login_device(user, password, &device_login(store)?) {
        Err(error) if error.code() == Some("device_key_revoked") => {
            tracing::warn!("this device's key was revoked on the server: it makes a new one");
            {
                let _making = MAKING.lock().unwrap_or_else(|p| p.into_inner());
                new_device_key(store)?;
            }
            Ok(client.login_device(user, password, &device_login(store)?)?)
        }
        other => Ok(other?),
    }
}

/// What `login` did.
pub struct LoggedIn {
    pub workspace: Arc<Workspace>,
    pub remote: RemoteWorkspace,
    /// A local workspace was created for the server's.
    pub created_locally: bool,
}

/// Logs `user` in at `server`, picks the server workspace `wanted` (name or id; may be
/// omitted when the account has one), and binds the local workspace with the same id or
/// name to it, creating one if there is none.
pub fn login(
    store: &Store,
    server: &str,
    user: &str,
    password: &str,
    wanted: Option<&str>,
    now_ms: i64,
) -> Result<LoggedIn, SessionError> {
    login_as(store, None, server, user, password, wanted, now_ms)
}

/// [`login`], binding the local workspace `local` to the server's `wanted` whatever their
/// names: a workspace restored from a backup (a new local id, a dated name) rejoins the
/// team's. Its documents keep their ids, so its first sync merges them into the server's
/// (nothing is doubled) and brings it everything the team has.
pub fn login_into(
    store: &Store,
    local: &WorkspaceMeta,
    server: &str,
    user: &str,
    password: &str,
    wanted: Option<&str>,
    now_ms: i64,
) -> Result<LoggedIn, SessionError> {
    login_as(store, Some(local), server, user, password, wanted, now_ms)
}

fn login_as(
    store: &Store,
    local: Option<&WorkspaceMeta>,
    server: &str,
    user: &str,
    password: &str,
    wanted: Option<&str>,
    now_ms: i64,
) -> Result<LoggedIn, SessionError> {
    let client = Client::new(server)?;
    let login = login_registering_device(store, &client, user, password)?;
    let client = client.with_token(login.token.clone());
    let remotes = client.workspaces()?;
    let names = || {
        remotes
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let remote = match wanted {
        // By id or name as the local store finds one (`names::find_by_name_or_id`).
        Some(wanted) => match names::find_by_name_or_id(
            wanted,
            &remotes,
            |remote| Some(remote.id.0),
            |remote| &remote.name,
        ) {
            names::Found::One(remote) => remote.clone(),
            names::Found::Several(alike) => {
                return Err(SessionError::ChooseWorkspace(
                    alike
                        .iter()
                        .map(|remote| format!("{} ({})", names::shown(&remote.name), remote.id))
                        .collect::<Vec<_>>()
                        .join(", "),
                ))
            }
            names::Found::None => {
                return Err(SessionError::NoSuchRemoteWorkspace {
                    wanted: names::shown(wanted),
                    available: if remotes.is_empty() {
                        "none".into()
                    } else {
                        names()
                    },
                })
            }
        },
        None if remotes.len() == 1 => remotes[0].clone(),
        None if remotes.is_empty() => {
            return Err(SessionError::NoSuchRemoteWorkspace {
                wanted: "(any)".into(),
                available: "none".into(),
            })
        }
        None => return Err(SessionError::ChooseWorkspace(names())),
    };
    let locals = store.workspaces()?;
    let existing = match local {
        Some(local) => Some(local.clone()),
        None => locals
            .iter()
            .find(|m| m.id == remote.id)
            .or_else(|| {
                locals
                    .iter()
                    .find(|m| names::same_name(&m.name, &remote.name))
            })
            .cloned(),
    };
    let created_locally = existing.is_none();
    let meta = match existing {
        Some(meta) => meta,
        None => store.adopt_workspace(&WorkspaceMeta {
            id: remote.id,
            name: remote.name.clone(),
            created_at_ms: now_ms,
        })?,
    };
    let workspace = store.workspace(&meta.id)?;
    let previous = workspace.sync_binding()?;
    let server_key = match pinned_key(previous.as_ref(), client.server(), &remote, &login) {
        Ok(key) => key,
        Err(refused) => {
            // The session just opened is of no use: best effort, it is closed again.
            let _ = client.logout();
            return Err(refused);
        }
    };
    let client_id = match previous {
        Some(binding) => binding.client_id,
        None => new_client_id(),
    };
    store.set_setting(&token_key(&meta.id), &login.token)?;
    let display_name = if login.display_name.is_empty() {
        login.user.clone()
    } else {
        login.display_name
    };
    workspace.bind_sync(&SyncBinding {
        server: client.server().to_owned(),
        remote_workspace: remote.id,
        user: login.user,
        client_id,
        user_id: login.user_id,
        display_name,
        server_key,
    })?;
    Ok(LoggedIn {
        workspace,
        remote,
        created_locally,
    })
}

/// The server key the binding is to trust: the one pinned at the binding's first login, which
/// a later login to the same server workspace must offer again (refused otherwise, before
/// anything here changes); the login's own for a new binding, or one made before servers had
/// keys.
fn pinned_key(
    previous: Option<&SyncBinding>,
    server: &str,
    remote: &RemoteWorkspace,
    login: &crate::Login,
) -> Result<String, SessionError> {
    let Some(previous) = previous else {
        return Ok(login.server_key.clone());
    };
    let same_place = previous.server == server && previous.remote_workspace == remote.id;
    if !same_place || previous.server_key.is_empty() || previous.server_key == login.server_key {
        return Ok(login.server_key.clone());
    }
    Err(SessionError::ServerKeyChanged {
        server: server.to_owned(),
        pinned: previous.server_key.clone(),
        offered: if login.server_key.is_empty() {
            "none".into()
        } else {
            login.server_key.clone()
        },
    })
}

/// Forgets the token (and tells the server so when it can be reached). The binding stays, so
/// logging in again carries on where sync stopped.
pub fn logout(store: &Store, workspace: &Workspace) -> Result<(), SessionError> {
    let key = token_key(&workspace.meta().id);
    if let (Some(binding), Some(token)) = (workspace.sync_binding()?, store.setting(&key)?) {
        if !token.is_empty() {
            let _ = Client::new(&binding.server).map(|c| c.with_token(token).logout());
        }
    }
    store.set_setting(&key, "")?;
    Ok(())
}

/// Whether the workspace is bound to a server and holds a token (without building a client,
/// so it is safe to call from any thread or runtime).
pub fn is_logged_in(store: &Store, workspace: &Workspace) -> Result<bool, SessionError> {
    Ok(workspace.sync_binding()?.is_some()
        && store
            .setting(&token_key(&workspace.meta().id))?
            .is_some_and(|t| !t.is_empty()))
}

/// The client for a logged-in workspace, or why there is none.
pub fn client_for(
    store: &Store,
    workspace: &Workspace,
) -> Result<(Client, SyncBinding), SessionError> {
    let binding = workspace.sync_binding()?.ok_or(SessionError::NotLoggedIn)?;
    let token = store
        .setting(&token_key(&workspace.meta().id))?
        .filter(|t| !t.is_empty())
        .ok_or(SessionError::NotLoggedIn)?;
    Ok((Client::new(&binding.server)?.with_token(token), binding))
}

/// One full sync pass of a logged-in workspace (see [`sync_with_roster`], which also says
/// what became of the roster).
pub fn sync(
    store: &Store,
    workspace: &Workspace,
    now_ms: i64,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncRecord, SessionError> {
    sync_with_roster(store, workspace, now_ms, progress).map(|synced| synced.record)
}

/// What a sync pass did, and what became of the roster it fetched after the exchange.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synced {
    pub record: SyncRecord,
    pub roster: RosterOutcome,
}

/// The roster after a sync pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterOutcome {
    /// Fetched; kept if it verified and was not older (see [`RosterKept`]). Anything but
    /// `Kept` is worth showing: `NotVerified` means the server's roster was not signed by
    /// the key pinned at login, and it was not kept.
    Fetched(RosterKept),
    /// Not fetched (an older server without rosters, or the network failed after the
    /// exchange): the roster kept before stays.
    Unavailable(String),
}

/// One full sync pass of a logged-in workspace, then its roster: fetched and kept when it
/// verifies against the pinned server key and is not older than the one kept. A roster that
/// does not verify is not kept: a warning is logged and [`Synced::roster`] says so.
///
/// A device whose data turns out to be a copy of another's (a copied folder, a restored
/// backup: the server answers `client_copied`) goes on as a new device with a token of its
/// own, then the pass runs again; what it holds is kept, and the feed now brings it what the
/// other copy pushed.
pub fn sync_with_roster(
    store: &Store,
    workspace: &Workspace,
    now_ms: i64,
    progress: &mut dyn FnMut(Progress),
) -> Result<Synced, SessionError> {
    let record = match sync_pass(store, workspace, now_ms, progress) {
        Err(SessionError::Client(error)) if error.is_copied_device() => {
            rejoin_as_new_device(store, workspace)?;
            sync_pass(store, workspace, now_ms, progress)
        }
        other => other,
    }?;
    let roster = fetch_roster(store, workspace)?;
    Ok(Synced { record, roster })
}

fn fetch_roster(store: &Store, workspace: &Workspace) -> Result<RosterOutcome, SessionError> {
    let (client, binding) = client_for(store, workspace)?;
    let signed = match client.roster(&binding.remote_workspace) {
        Ok(signed) => signed,
        Err(error) => {
            tracing::info!(%error, "the roster was not fetched; the one kept stays");
            return Ok(RosterOutcome::Unavailable(error.to_string()));
        }
    };
    let kept = workspace.keep_roster(&signed)?;
    match kept {
        RosterKept::NotVerified => tracing::warn!(
            server = %binding.server,
            version = signed.roster.version,
            "the server's roster is not signed by the key pinned at login: not kept"
        ),
        RosterKept::NoPinnedKey => tracing::warn!(
            "this workspace was logged in before servers had keys: log in again to verify rosters"
        ),
        RosterKept::Older { kept, offered } => {
            tracing::warn!(
                kept,
                offered,
                "the server's roster is older than the one kept"
            )
        }
        RosterKept::Kept { .. } => {}
    }
    Ok(RosterOutcome::Fetched(kept))
}

fn sync_pass(
    store: &Store,
    workspace: &Workspace,
    now_ms: i64,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncRecord, SessionError> {
    let (client, binding) = client_for(store, workspace)?;
    let mut transport = client.transport(binding.remote_workspace, &binding.client_id);
    sync_once(workspace, &mut transport, now_ms, progress).map_err(|error| match error {
        SyncError::Transport(client) => SessionError::Client(client),
        SyncError::Store(store) => SessionError::Store(store),
        other => SessionError::Sync(other.to_string()),
    })
}

/// A new client id, and a session token of its own (the copy's token stays with the copy
/// that has it), kept before the next exchange.
fn rejoin_as_new_device(store: &Store, workspace: &Workspace) -> Result<(), SessionError> {
    let (client, _) = client_for(store, workspace)?;
    if let Some(login) = client.renew()? {
        store.set_setting(&token_key(&workspace.meta().id), &login.token)?;
    }
    let binding = workspace.rebind_as_new_device(&new_client_id())?;
    tracing::info!(
        client = %binding.client_id,
        "this data was copied or restored from a backup: it syncs on as a new device"
    );
    Ok(())
}

fn new_client_id() -> String {
    format!("c{}", ulid::Ulid::new())
}
