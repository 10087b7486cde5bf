//! The backups screen: the open workspace's local backups (newest first), a backup now, a
//! backup restored into a new workspace, and the workspace exported to or imported from a
//! folder in the same format (`store::backup`).

use std::path::PathBuf;

use cloudwright_core::stamp::UtcTime;
use cloudwright_core::store::backup::{self, BackupInfo, ImportAs, KEEP_BACKUPS};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{export_folder, summary, Ctx, NoArgs, WorkspaceSummary};
use crate::error::CommandError;
use crate::ipc::Reply;
use crate::state::now_ms;

/// One local backup as the screen lists it.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct BackupRow {
    /// What `backup_restore` takes: `{workspace id}/{time}`.
    pub name: String,
    #[ts(type = "number")]
    pub created_at_ms: i64,
    pub documents: u32,
    pub files: u32,
    /// Bytes of every document and file in it.
    #[ts(type = "number")]
    pub bytes: u64,
    pub path: String,
}

impl From<BackupInfo> for BackupRow {
    fn from(info: BackupInfo) -> Self {
        BackupRow {
            name: info.name,
            created_at_ms: info.created_at_ms,
            documents: info.counts.documents as u32,
            files: info.counts.blobs as u32,
            bytes: info.counts.bytes,
            path: info.path.display().to_string(),
        }
    }
}

/// The open workspace's backups and where they are.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct BackupList {
    /// The folder holding this workspace's backups.
    pub folder: String,
    /// How many backups a workspace keeps (the oldest goes when one more is taken).
    pub keep: u32,
    /// Newest first.
    pub backups: Vec<BackupRow>,
    /// A new folder to export into: where exports go, named after the workspace and the time.
    pub export_suggestion: String,
}

pub fn backup_list(cx: &Ctx, _: NoArgs) -> Reply<BackupList> {
    let workspace = cx.workspace()?;
    let meta = workspace.meta();
    let mut backups: Vec<BackupRow> = backup::list_backups(&cx.data_dir)
        .into_iter()
        .filter(|info| info.workspace.id == meta.id)
        .map(BackupRow::from)
        .collect();
    backups.reverse();
    let name: String = meta
        .name
        .chars()
        .map(|c| if c == '/' || c == '\\' { '-' } else { c })
        .collect();
    let export_suggestion =
        export_folder(cx)?.join(format!("{name}-{}", UtcTime::from_ms(now_ms()).compact()));
    Ok(BackupList {
        folder: backup::backups_dir(&cx.data_dir)
            .join(meta.id.to_string())
            .display()
            .to_string(),
        keep: KEEP_BACKUPS as u32,
        backups,
        export_suggestion: export_suggestion.display().to_string(),
    })
}

/// Backs up the open workspace now (after any backup under way).
pub fn backup_now(cx: &Ctx, _: NoArgs) -> Reply<BackupRow> {
    let workspace = cx.workspace()?;
    Ok(crate::backups::take(cx, &workspace)?.into())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupRestoreArgs {
    // The backup, as `backup_list` names it.
    name: String,
    // The new workspace's name; null: the backed-up name and the backup's time.
    new_name: Option<String>,
}

/// Restores a backup into a new workspace beside the open one (which is left as it is), and
/// returns it, not opened.
pub fn backup_restore(
    cx: &Ctx,
    BackupRestoreArgs { name, new_name }: BackupRestoreArgs,
) -> Reply<WorkspaceSummary> {
    let found = backup::find_backup(&cx.data_dir, &name)?;
    let verified = backup::read_export(&found.path)?;
    let store = cx.store()?;
    let meta = store.import_workspace(
        &verified,
        ImportAs::New {
            name: new_name.filter(|name| !name.trim().is_empty()),
            now_ms: now_ms(),
        },
    )?;
    let workspace = store.workspace(&meta.id)?;
    Ok(summary(&workspace))
}

/// A folder the user typed: `~` is their home folder, and a relative path is taken from it.
fn folder_path(folder: &str) -> Reply<PathBuf> {
    let folder = folder.trim();
    if folder.is_empty() {
        return Err(CommandError::new("invalid", "give a folder"));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let path = match (folder.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        (_, Some(home)) if PathBuf::from(folder).is_relative() => home.join(folder),
        _ => PathBuf::from(folder),
    };
    Ok(path)
}

#[derive(Deserialize, TS)]
pub struct FolderArgs {
    folder: String,
}

/// What an export wrote.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ExportedFolder {
    pub folder: String,
    pub documents: u32,
    pub files: u32,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Exports the open workspace into a new (or empty) folder.
pub fn workspace_export(cx: &Ctx, FolderArgs { folder }: FolderArgs) -> Reply<ExportedFolder> {
    let path = folder_path(&folder)?;
    let snapshot = cx.workspace()?.backup_snapshot()?;
    let manifest = backup::write_export(&snapshot, &path, now_ms(), env!("CARGO_PKG_VERSION"))?;
    Ok(ExportedFolder {
        folder: path.display().to_string(),
        documents: manifest.counts.documents as u32,
        files: manifest.counts.blobs as u32,
        bytes: manifest.counts.bytes,
    })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceImportArgs {
    folder: String,
    // As a new workspace beside the one exported (for a workspace this data folder has).
    as_new: bool,
}

/// Imports an exported workspace (checked file by file first), and returns it, not opened.
pub fn workspace_import(
    cx: &Ctx,
    WorkspaceImportArgs { folder, as_new }: WorkspaceImportArgs,
) -> Reply<WorkspaceSummary> {
    let verified = backup::read_export(&folder_path(&folder)?)?;
    let target = if as_new {
        ImportAs::New {
            name: None,
            now_ms: now_ms(),
        }
    } else {
        ImportAs::Same
    };
    let store = cx.store()?;
    let meta = store.import_workspace(&verified, target)?;
    let workspace = store.workspace(&meta.id)?;
    Ok(summary(&workspace))
}
