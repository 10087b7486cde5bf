//! A server backup read back and checked file by file before a restore writes anything.

use std::path::{Path, PathBuf};

use cloudwright_core::store::backup::{read_export, BackupError as ExportError, VerifiedExport};
use cloudwright_core::sync::blobs::sha256_hex;
use cloudwright_core::sync::hub::backup::FeedBackup;
use cloudwright_core::trust::DeviceKey;

use super::{
    io, BackupError, FileEntry, ServerManifest, WorkspaceEntry, SERVER_BACKUP_FORMAT,
    SERVER_BACKUP_VERSION, SERVER_MANIFEST,
};
use crate::auth::Accounts;

/// A backup whose manifest, accounts, feeds and every workspace file matched.
pub struct VerifiedBackup {
    pub dir: PathBuf,
    pub manifest: ServerManifest,
    pub accounts: Accounts,
    /// The server's signing key (`None` in a version-1 backup, which predates it).
    pub server_key: Option<DeviceKey>,
}

#[derive(serde::Deserialize)]
struct ManifestHead {
    format: Option<String>,
    version: Option<u32>,
}

/// Reads `server.json`, checking its format and version.
fn read_manifest(dir: &Path) -> Result<ServerManifest, BackupError> {
    let not_backup = |reason: String| BackupError::NotABackup {
        path: dir.to_owned(),
        reason,
    };
    if !dir.is_dir() {
        return Err(not_backup("there is no such folder".into()));
    }
    let path = dir.join(SERVER_MANIFEST);
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(not_backup(format!(
                "it has no {SERVER_MANIFEST} (a backup that was cut off has none; take a new one)"
            )))
        }
        Err(error) => return Err(io(&path)(error)),
    };
    let head: ManifestHead = serde_json::from_slice(&text)
        .map_err(|error| not_backup(format!("{SERVER_MANIFEST} is not JSON ({error})")))?;
    if head.format.as_deref() != Some(SERVER_BACKUP_FORMAT) {
        return Err(not_backup(format!(
            "{SERVER_MANIFEST}'s format is not '{SERVER_BACKUP_FORMAT}'"
        )));
    }
    let version = head.version.unwrap_or(0);
    if version > SERVER_BACKUP_VERSION {
        return Err(BackupError::TooNew {
            path: dir.to_owned(),
            found: version,
            supported: SERVER_BACKUP_VERSION,
        });
    }
    serde_json::from_slice(&text)
        .map_err(|error| not_backup(format!("{SERVER_MANIFEST} is incomplete ({error})")))
}

/// One file, checked against its entry: its bytes, or what is wrong with it.
fn read_entry(dir: &Path, entry: &FileEntry) -> Result<Vec<u8>, String> {
    let file = &entry.file;
    if file.contains("..") || file.starts_with('/') {
        return Err(format!(
            "{file}: the manifest names a file outside the backup"
        ));
    }
    match std::fs::read(dir.join(file)) {
        Ok(bytes) if bytes.len() as u64 != entry.bytes => Err(format!(
            "{file} has {} bytes where the manifest says {}",
            bytes.len(),
            entry.bytes
        )),
        Ok(bytes) if sha256_hex(&bytes) != entry.sha256 => Err(format!(
            "{file} does not match the manifest's SHA-256 (changed or damaged)"
        )),
        Ok(bytes) => Ok(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("{file} is missing"))
        }
        Err(error) => Err(format!("{file} cannot be read: {error}")),
    }
}

/// The workspace folder and feed of one entry, checked; every damage is added to `damages`.
pub fn read_workspace(
    dir: &Path,
    entry: &WorkspaceEntry,
    damages: &mut Vec<String>,
) -> Option<(VerifiedExport, FeedBackup)> {
    let mut whole = true;
    if let Err(damage) = read_entry(dir, &entry.manifest) {
        damages.push(damage);
        whole = false;
    }
    let feed = match read_entry(dir, &entry.feed) {
        Ok(bytes) => match serde_json::from_slice::<FeedBackup>(&bytes) {
            Ok(feed) => Some(feed),
            Err(error) => {
                damages.push(format!("{} is not a feed ({error})", entry.feed.file));
                None
            }
        },
        Err(damage) => {
            damages.push(damage);
            None
        }
    };
    if entry.folder.contains("..") || entry.folder.starts_with('/') {
        damages.push(format!("{}: a folder outside the backup", entry.folder));
        return None;
    }
    let export = match read_export(&dir.join(&entry.folder)) {
        Ok(export) if export.manifest.workspace.id == entry.id => Some(export),
        Ok(_) => {
            damages.push(format!("{} holds another workspace", entry.folder));
            None
        }
        Err(ExportError::Damaged { damages: found, .. }) => {
            damages.extend(
                found
                    .iter()
                    .map(|damage| format!("{}/{damage}", entry.folder)),
            );
            None
        }
        Err(error) => {
            damages.push(error.to_string());
            None
        }
    };
    match (whole, export, feed) {
        (true, Some(export), Some(feed)) => Some((export, feed)),
        _ => None,
    }
}

/// Checks the whole backup: the manifest, the accounts, and every workspace's files (each
/// workspace is read and let go, so memory holds one at a time). Any damage refuses it with
/// every damaged file named.
pub fn verify_backup(dir: &Path) -> Result<VerifiedBackup, BackupError> {
    let manifest = read_manifest(dir)?;
    let mut damages = Vec::new();
    let accounts = match read_entry(dir, &manifest.accounts) {
        Ok(bytes) => match serde_json::from_slice::<Accounts>(&bytes) {
            Ok(accounts) => Some(accounts),
            Err(error) => {
                damages.push(format!(
                    "{} is not an accounts file ({error})",
                    manifest.accounts.file
                ));
                None
            }
        },
        Err(damage) => {
            damages.push(damage);
            None
        }
    };
    let server_key = match &manifest.server_key {
        None => None,
        Some(entry) => match read_entry(dir, entry) {
            Ok(bytes) => {
                let key = std::str::from_utf8(&bytes)
                    .ok()
                    .and_then(|text| DeviceKey::from_secret_hex(text.trim()));
                if key.is_none() {
                    damages.push(format!("{} is not a server key", entry.file));
                }
                key
            }
            Err(damage) => {
                damages.push(damage);
                None
            }
        },
    };
    for entry in &manifest.workspaces {
        read_workspace(dir, entry, &mut damages);
    }
    match accounts {
        Some(accounts) if damages.is_empty() => Ok(VerifiedBackup {
            dir: dir.to_owned(),
            manifest,
            accounts,
            server_key,
        }),
        _ => Err(BackupError::Damaged {
            path: dir.to_owned(),
            damages,
        }),
    }
}
