//! A server backup brought back into a data directory on which no server runs: the same
//! workspace ids with their documents, blobs and feeds (each feed with a new epoch, so the
//! devices put back what the backup lacks), the accounts, and the server's signing key (so
//! the devices that pinned it go on trusting the rosters the restored server signs).
//!
//! The whole backup is checked before anything is written. A data directory that holds data
//! is refused unless the caller says to replace it; its store is then moved aside, never
//! deleted. While the restore writes, a marker file (`restore-unfinished.json`) in the data
//! directory makes `serve` and every other admin command refuse it, so a restore cut off is
//! never served as if it were whole; running the restore again clears what it left.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cloudwright_core::store::StoreError;
use cloudwright_core::sync::hub::backup::{restore_workspace, RestoredWorkspace};
use cloudwright_core::WorkspaceId;

use super::verify::{read_workspace, verify_backup};
use super::{io, sync_dir, BackupError};
use crate::auth::{Auth, ImportedAccounts};
use crate::state::random_epoch;

const MARKER: &str = "restore-unfinished.json";
/// What `Store` keeps in a data directory (see `cloudwright_core::store`).
const STORE_FILES: [&str; 2] = ["cloudwright.json", "store"];
/// What a restore replaces: the store and the server's key.
const REPLACED_FILES: [&str; 3] = [STORE_FILES[0], STORE_FILES[1], crate::server_key::KEY_FILE];

/// Refuses a data directory a restore did not finish writing.
pub fn refuse_unfinished_restore(data_dir: &Path) -> Result<(), BackupError> {
    if data_dir.join(MARKER).exists() {
        return Err(BackupError::UnfinishedRestore(data_dir.to_owned()));
    }
    Ok(())
}

/// What a restore did.
pub struct RestoreSummary {
    pub workspaces: Vec<RestoredWorkspace>,
    pub accounts: ImportedAccounts,
    /// The public half of the server key put back (`None` from a version-1 backup).
    pub server_key: Option<String>,
    /// Where the data directory's earlier store was moved.
    pub set_aside: Option<PathBuf>,
}

fn holds_data(data_dir: &Path) -> bool {
    data_dir.join(STORE_FILES[0]).exists()
        || std::fs::read_dir(data_dir.join(STORE_FILES[1]))
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(false)
}

/// Restores the backup in `backup` into `data_dir`. `replace` moves a store already there
/// aside (into `data_dir/replaced-{now_ms}/`); without it such a data directory is refused.
pub fn restore_backup(
    backup: &Path,
    data_dir: &Path,
    replace: bool,
    now_ms: i64,
    progress: &mut dyn FnMut(String),
) -> Result<RestoreSummary, BackupError> {
    let verified = verify_backup(backup)?;
    if crate::control::server_answers(data_dir) {
        return Err(BackupError::ServerRunning(data_dir.to_owned()));
    }
    let marker = data_dir.join(MARKER);
    let unfinished = marker.exists();
    let mut set_aside = None;
    if holds_data(data_dir) {
        if !unfinished && !replace {
            return Err(BackupError::DataDirHoldsData(data_dir.to_owned()));
        }
        refuse_locked(data_dir)?;
        if unfinished {
            // Only part of this same kind of restore: nothing of its own to keep.
            let _ = std::fs::remove_file(data_dir.join(STORE_FILES[0]));
            let _ = std::fs::remove_file(data_dir.join(crate::server_key::KEY_FILE));
            let store = data_dir.join(STORE_FILES[1]);
            if store.exists() {
                std::fs::remove_dir_all(&store).map_err(io(&store))?;
            }
        } else {
            set_aside = Some(move_aside(data_dir, now_ms)?);
        }
    }
    progress(format!(
        "checked {}: {} workspace(s), {} user(s)",
        backup.display(),
        verified.manifest.workspaces.len(),
        verified.accounts.users.len()
    ));
    std::fs::create_dir_all(data_dir).map_err(io(data_dir))?;
    let note = serde_json::json!({ "backup": backup, "started_at_ms": now_ms });
    std::fs::write(&marker, note.to_string()).map_err(io(&marker))?;
    std::fs::File::open(&marker)
        .and_then(|file| file.sync_all())
        .map_err(io(&marker))?;
    sync_dir(data_dir)?;

    let store = crate::open_data_dir(data_dir)?;
    let auth = Auth::open(&store)?;
    let mut workspaces = Vec::with_capacity(verified.manifest.workspaces.len());
    for entry in &verified.manifest.workspaces {
        let mut damages = Vec::new();
        // Checked whole a moment ago; read again, one workspace in memory at a time.
        let Some((export, feed)) = read_workspace(&verified.dir, entry, &mut damages) else {
            return Err(BackupError::Damaged {
                path: verified.dir.clone(),
                damages,
            });
        };
        let restored = restore_workspace(&store, &export, &feed, random_epoch())?;
        progress(format!(
            "restored workspace {} ({}): {} documents, {} files",
            restored.meta.name, restored.meta.id, restored.documents, restored.blobs
        ));
        workspaces.push(restored);
    }
    let known: HashSet<WorkspaceId> = workspaces.iter().map(|w| w.meta.id).collect();
    let accounts = auth.import_accounts(&verified.accounts, &|id| known.contains(id), now_ms)?;
    auth.flush()?;
    let server_key = match &verified.server_key {
        Some(key) => {
            crate::server_key::write(data_dir, key)?;
            Some(String::from(key.public()))
        }
        None => None,
    };
    drop(auth);
    drop(store);
    std::fs::remove_file(&marker).map_err(io(&marker))?;
    sync_dir(data_dir)?;
    Ok(RestoreSummary {
        workspaces,
        accounts,
        server_key,
        set_aside,
    })
}

/// A server of an older version (or one whose control socket could not be made) still holds
/// sled's lock on its store: opening the store tells.
fn refuse_locked(data_dir: &Path) -> Result<(), BackupError> {
    match crate::open_data_dir(data_dir) {
        Err(StoreError::Unreadable { .. }) => Err(BackupError::ServerRunning(data_dir.to_owned())),
        // Open (then closed again), or damaged: either way nothing else has it.
        Ok(_) | Err(_) => Ok(()),
    }
}

/// Moves the data directory's store and key into `replaced-{now_ms}/` inside it.
fn move_aside(data_dir: &Path, now_ms: i64) -> Result<PathBuf, BackupError> {
    let aside = data_dir.join(format!("replaced-{now_ms}"));
    std::fs::create_dir_all(&aside).map_err(io(&aside))?;
    for name in REPLACED_FILES {
        let from = data_dir.join(name);
        if from.exists() {
            std::fs::rename(&from, aside.join(name)).map_err(io(&from))?;
        }
    }
    sync_dir(&aside)?;
    sync_dir(data_dir)?;
    Ok(aside)
}
