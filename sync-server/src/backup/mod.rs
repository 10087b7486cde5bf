//! A backup of the whole server, taken while it serves, as a plain folder:
//!
//! ```text
//! DIR/server.json                   the server manifest, written last: format, version,
//!                                   created time, server version, and every file below with
//!                                   its size and SHA-256
//! DIR/accounts.json                 users (argon2id hashes), memberships, API and session
//!                                   tokens (their SHA-256 only), see `auth::accounts`
//! DIR/server.key                    the server's signing key (mode 0600): a restored server
//!                                   signs rosters as before, so devices go on trusting them
//! DIR/workspaces/{id}/              each workspace in the core's workspace folder format
//!                                   (`cloudwright-workspace`: manifest.json, docs.tar, blobs/)
//! DIR/feeds/{id}.json               each workspace's change feed (`cloudwright-feed`)
//! ```
//! Everything is written into a dot-named folder beside DIR (`.{name}.partial-{pid}`), made
//! durable, and renamed to DIR last, so DIR is either whole or absent; a folder without
//! `server.json` is never taken for a backup. Each workspace is copied at one moment by its
//! hub ([`Hub::backup_snapshot`]): pushes wait for one piece of the copy at a time, never fail.
//! The accounts are read after the workspaces.

mod command;
mod restore;
mod verify;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use cloudwright_core::store::backup::{write_export, BackupError as ExportError, MANIFEST_FILE};
use cloudwright_core::store::{Store, StoreError};
use cloudwright_core::sync::blobs::sha256_hex;
use cloudwright_core::sync::hub::backup::HubRestoreError;
use cloudwright_core::sync::hub::Hub;
use cloudwright_core::trust::DeviceKey;
use cloudwright_core::WorkspaceId;

use crate::auth::{Auth, AuthError};
use crate::server_key::{ServerKeyError, KEY_FILE};

pub use command::{admin_backup, admin_restore};
pub use restore::refuse_unfinished_restore;

/// `server.json`'s `format`.
pub const SERVER_BACKUP_FORMAT: &str = "cloudwright-sync-backup";
/// `server.json`'s `version`: 2, the layout above (1 had no `server.key`; it is still
/// restored, and the server makes a key at its first start).
pub const SERVER_BACKUP_VERSION: u32 = 2;
pub const SERVER_MANIFEST: &str = "server.json";
const ACCOUNTS_FILE: &str = "accounts.json";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists and is not empty: back up into a new folder")]
    TargetNotEmpty(PathBuf),
    #[error("the backup was stopped before it finished (the command that asked for it ended, or the server is stopping); nothing was kept")]
    Cancelled,
    #[error("a backup of this server is already running; wait for it to finish")]
    AlreadyRunning,
    #[error("{path} is not a finished server backup: {reason}")]
    NotABackup { path: PathBuf, reason: String },
    #[error("{path} was written by a newer cloudwright-sync (backup format {found}; this one reads up to {supported})")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("the backup in {path} is damaged, so nothing was restored: {}", list_damages(.damages))]
    Damaged { path: PathBuf, damages: Vec<String> },
    #[error("the data directory {0} already holds a server's data: nothing was restored. Restore into an empty data directory, or pass --replace-existing-data to move the data there aside (into the data directory's replaced-… folder) first")]
    DataDirHoldsData(PathBuf),
    #[error("a server is running on the data directory {0}: stop it before restoring")]
    ServerRunning(PathBuf),
    #[error("a restore into {0} did not finish, so the data directory holds only part of a backup: run `cloudwright-sync admin restore BACKUP --data-dir {0}` again")]
    UnfinishedRestore(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Restore(#[from] HubRestoreError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    ServerKey(#[from] ServerKeyError),
}

fn list_damages(damages: &[String]) -> String {
    let shown = damages
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    match damages.len().saturating_sub(10) {
        0 => shown,
        more => format!("{shown}; and {more} more"),
    }
}

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_owned(),
        source,
    }
}

/// `server.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerManifest {
    pub format: String,
    pub version: u32,
    pub created_at_ms: i64,
    pub server_version: String,
    pub accounts: FileEntry,
    /// `server.key` (absent from version 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_key: Option<FileEntry>,
    pub workspaces: Vec<WorkspaceEntry>,
}

/// One file of the backup, relative to its folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceEntry {
    pub id: WorkspaceId,
    pub name: String,
    /// The workspace folder (`workspaces/{id}`); `manifest` is its `manifest.json`, which
    /// lists every file of the folder with its own SHA-256.
    pub folder: String,
    pub manifest: FileEntry,
    pub feed: FileEntry,
    pub documents: usize,
    pub blobs: usize,
}

/// How a backup is getting on, as the admin command prints it (and the control socket
/// carries it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Progress {
    Started {
        workspaces: usize,
    },
    Copying {
        workspace: String,
        number: usize,
        of: usize,
        documents: usize,
    },
    Written {
        workspace: String,
        documents: usize,
        blobs: usize,
    },
    Accounts {
        users: usize,
        tokens: usize,
    },
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Progress::Started { workspaces } => write!(f, "backing up {workspaces} workspace(s)"),
            Progress::Copying {
                workspace,
                number,
                of,
                documents,
            } => write!(
                f,
                "workspace {number}/{of} {workspace}: {documents} documents copied"
            ),
            Progress::Written {
                workspace,
                documents,
                blobs,
            } => write!(
                f,
                "workspace {workspace}: {documents} documents and {blobs} files written"
            ),
            Progress::Accounts { users, tokens } => {
                write!(f, "accounts: {users} users, {tokens} tokens")
            }
        }
    }
}

/// What a finished backup holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSummary {
    pub dir: PathBuf,
    pub workspaces: usize,
    pub documents: usize,
    pub blobs: usize,
    pub users: usize,
    pub elapsed_ms: u64,
}

impl std::fmt::Display for BackupSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "backed up {} workspace(s) ({} documents, {} files) and {} user(s) into {} in {:.1} s",
            self.workspaces,
            self.documents,
            self.blobs,
            self.users,
            self.dir.display(),
            self.elapsed_ms as f64 / 1000.0
        )
    }
}

/// What a backup reads from: the data directory's store and accounts, and the hub of each
/// workspace (the running server's own, so that the copy takes its lock).
pub struct Source<'a> {
    pub store: &'a Store,
    pub auth: &'a Auth,
    pub server_key: &'a DeviceKey,
    pub hub: &'a dyn Fn(&WorkspaceId) -> Result<Arc<Hub>, StoreError>,
}

/// Backs the server up into `target` (absolute; it must not exist or be an empty folder).
/// `stop` is asked between steps; when it says so the partial folder is removed and the
/// backup ends with [`BackupError::Cancelled`].
pub fn take_backup(
    source: &Source<'_>,
    target: &Path,
    now_ms: i64,
    progress: &mut dyn FnMut(Progress),
    stop: &dyn Fn() -> bool,
) -> Result<BackupSummary, BackupError> {
    let started = Instant::now();
    if let Ok(mut entries) = std::fs::read_dir(target) {
        if entries.next().is_some() {
            return Err(BackupError::TargetNotEmpty(target.to_owned()));
        }
    }
    let parent = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    remove_partials(&parent, &name);
    let partial = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let result = write_backup(source, &partial, now_ms, progress, stop).and_then(|mut summary| {
        if stop() {
            return Err(BackupError::Cancelled);
        }
        if target.exists() {
            std::fs::remove_dir(target).map_err(io(target))?;
        }
        std::fs::rename(&partial, target).map_err(io(target))?;
        sync_dir(&parent)?;
        summary.dir = target.to_owned();
        summary.elapsed_ms = started.elapsed().as_millis() as u64;
        Ok(summary)
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&partial);
    }
    result
}

/// Folders a backup into `name` left when its process was killed.
fn remove_partials(parent: &Path, name: &str) {
    let prefix = format!(".{name}.partial-");
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn write_backup(
    source: &Source<'_>,
    dir: &Path,
    now_ms: i64,
    progress: &mut dyn FnMut(Progress),
    stop: &dyn Fn() -> bool,
) -> Result<BackupSummary, BackupError> {
    let feeds = dir.join("feeds");
    let folders = dir.join("workspaces");
    std::fs::create_dir_all(&feeds).map_err(io(&feeds))?;
    std::fs::create_dir_all(&folders).map_err(io(&folders))?;
    let metas = source.store.workspaces()?;
    progress(Progress::Started {
        workspaces: metas.len(),
    });
    let mut entries = Vec::with_capacity(metas.len());
    let (mut documents, mut blobs) = (0, 0);
    for (index, meta) in metas.iter().enumerate() {
        if stop() {
            return Err(BackupError::Cancelled);
        }
        let hub = (source.hub)(&meta.id)?;
        let snapshot = hub.backup_snapshot(&mut |copied| {
            progress(Progress::Copying {
                workspace: meta.name.clone(),
                number: index + 1,
                of: metas.len(),
                documents: copied,
            })
        })?;
        if stop() {
            return Err(BackupError::Cancelled);
        }
        let folder = format!("workspaces/{}", meta.id);
        let written = write_export(
            &snapshot.workspace,
            &dir.join(&folder),
            now_ms,
            env!("CARGO_PKG_VERSION"),
        )?;
        let manifest = file_entry(dir, &format!("{folder}/{MANIFEST_FILE}"))?;
        let feed_file = format!("feeds/{}.json", meta.id);
        let feed = write_file(
            dir,
            &feed_file,
            &serde_json::to_vec(&snapshot.feed).unwrap_or_default(),
        )?;
        documents += written.counts.documents;
        blobs += written.counts.blobs;
        progress(Progress::Written {
            workspace: meta.name.clone(),
            documents: written.counts.documents,
            blobs: written.counts.blobs,
        });
        entries.push(WorkspaceEntry {
            id: meta.id,
            name: meta.name.clone(),
            folder,
            manifest,
            feed,
            documents: written.counts.documents,
            blobs: written.counts.blobs,
        });
    }
    sync_dir(&feeds)?;
    let accounts = source.auth.export_accounts(now_ms)?;
    progress(Progress::Accounts {
        users: accounts.users.len(),
        tokens: accounts.tokens.len(),
    });
    let accounts_entry = write_file(
        dir,
        ACCOUNTS_FILE,
        &serde_json::to_vec_pretty(&accounts).unwrap_or_default(),
    )?;
    let server_key = write_file_private(
        dir,
        KEY_FILE,
        format!("{}\n", source.server_key.secret_hex()).as_bytes(),
    )?;
    if stop() {
        return Err(BackupError::Cancelled);
    }
    let manifest = ServerManifest {
        format: SERVER_BACKUP_FORMAT.into(),
        version: SERVER_BACKUP_VERSION,
        created_at_ms: now_ms,
        server_version: env!("CARGO_PKG_VERSION").into(),
        accounts: accounts_entry,
        server_key: Some(server_key),
        workspaces: entries,
    };
    // Last: a folder with this file is whole.
    write_file(
        dir,
        SERVER_MANIFEST,
        &serde_json::to_vec_pretty(&manifest).unwrap_or_default(),
    )?;
    sync_dir(dir)?;
    Ok(BackupSummary {
        dir: dir.to_owned(),
        workspaces: manifest.workspaces.len(),
        documents,
        blobs,
        users: accounts.users.len(),
        elapsed_ms: 0,
    })
}

/// Writes `bytes` to `dir/file`, made durable, and describes it.
fn write_file(dir: &Path, file: &str, bytes: &[u8]) -> Result<FileEntry, BackupError> {
    let path = dir.join(file);
    let mut handle = std::fs::File::create(&path).map_err(io(&path))?;
    handle.write_all(bytes).map_err(io(&path))?;
    handle.sync_all().map_err(io(&path))?;
    Ok(FileEntry {
        file: file.to_owned(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
    })
}

/// [`write_file`] for a secret: the file is made with mode 0600, never readable by others.
fn write_file_private(dir: &Path, file: &str, bytes: &[u8]) -> Result<FileEntry, BackupError> {
    let path = dir.join(file);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut handle = options.open(&path).map_err(io(&path))?;
    handle.write_all(bytes).map_err(io(&path))?;
    handle.sync_all().map_err(io(&path))?;
    Ok(FileEntry {
        file: file.to_owned(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
    })
}

/// Describes a file already written.
fn file_entry(dir: &Path, file: &str) -> Result<FileEntry, BackupError> {
    let path = dir.join(file);
    let bytes = std::fs::read(&path).map_err(io(&path))?;
    Ok(FileEntry {
        file: file.to_owned(),
        sha256: sha256_hex(&bytes),
        bytes: bytes.len() as u64,
    })
}

fn sync_dir(dir: &Path) -> Result<(), BackupError> {
    std::fs::File::open(dir)
        .and_then(|file| file.sync_all())
        .map_err(io(dir))
}
