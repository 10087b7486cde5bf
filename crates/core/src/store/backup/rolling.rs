//! Rolling local backups: `DATA_DIR/backups/{workspace id}/{UTC time}/`, each an export
//! folder, the last [`KEEP_BACKUPS`] kept per workspace. The caller passes the time.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{
    io, read_manifest_summary, write_export, BackupError, ExportCounts, WorkspaceSnapshot,
};
use crate::store::WorkspaceMeta;

/// How many backups each workspace keeps.
pub const KEEP_BACKUPS: usize = 7;
/// A workspace whose newest backup is older than this is due another.
pub const BACKUP_EVERY_MS: i64 = 24 * 60 * 60 * 1000;

pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// One backup as `store backups` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// `{workspace id}/{time}`: what `store restore` takes.
    pub name: String,
    pub path: PathBuf,
    pub workspace: WorkspaceMeta,
    pub created_at_ms: i64,
    pub counts: ExportCounts,
}

/// Days since 1970-01-01 as (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn parts(ms: i64) -> (i64, u32, u32, i64, i64, i64, i64) {
    let (year, month, day) = civil_from_days(ms.div_euclid(86_400_000));
    let in_day = ms.rem_euclid(86_400_000);
    (
        year,
        month,
        day,
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    )
}

/// `20261207T075624123Z`: a backup folder's name, sorting as time does.
pub(crate) fn folder_name(ms: i64) -> String {
    let (y, mo, d, h, mi, s, milli) = parts(ms);
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}{milli:03}Z")
}

/// `2026-12-07 07:56 UTC`, for names and listings.
pub fn stamp_text(ms: i64) -> String {
    let (y, mo, d, h, mi, _, _) = parts(ms);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} UTC")
}

/// Writes a backup of `snapshot` and keeps the newest [`KEEP_BACKUPS`] of its workspace: the
/// older ones are set aside at once (renamed to dot names, no longer listed) and removed by
/// [`remove_retired`], which callers run when nobody waits (deleting a 50,000-file folder
/// takes seconds on a laptop's disk and is no part of taking a backup).
pub fn take_backup(
    data_dir: &Path,
    snapshot: &WorkspaceSnapshot,
    now_ms: i64,
    app_version: &str,
) -> Result<BackupInfo, BackupError> {
    let dir = backups_dir(data_dir).join(snapshot.meta.id.to_string());
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let mut name = folder_name(now_ms);
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{}-{n}", folder_name(now_ms));
        n += 1;
    }
    let path = dir.join(&name);
    let manifest = write_export(snapshot, &path, now_ms, app_version)?;
    retire(&dir, KEEP_BACKUPS)?;
    Ok(BackupInfo {
        name: format!("{}/{name}", snapshot.meta.id),
        path,
        workspace: manifest.workspace,
        created_at_ms: manifest.created_at_ms,
        counts: manifest.counts,
    })
}

/// Removes, in every workspace's backups, the folders set aside by [`take_backup`] and those
/// left by a backup cut off (dot names). Not while a backup is being written in the same data
/// directory: its folder has a dot name until it is whole.
pub fn remove_retired(data_dir: &Path) {
    let Ok(workspaces) = std::fs::read_dir(backups_dir(data_dir)) else {
        return;
    };
    for workspace in workspaces.flatten() {
        let Ok(entries) = std::fs::read_dir(workspace.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// The finished backup folders of one workspace, oldest first.
fn finished(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|entry| entry.path().is_dir())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| !name.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Sets aside all but the newest `keep` finished backups of one workspace folder: one rename
/// each, to a dot name no listing shows.
fn retire(dir: &Path, keep: usize) -> Result<(), BackupError> {
    let names = finished(dir);
    for name in names.iter().take(names.len().saturating_sub(keep)) {
        let path = dir.join(name);
        let aside = dir.join(format!(".retired-{name}"));
        std::fs::rename(&path, &aside).map_err(io(&path))?;
    }
    Ok(())
}

/// Every backup in the data directory, by workspace, oldest first. A folder without a
/// readable manifest (a backup cut off) is not a backup and is left out.
pub fn list_backups(data_dir: &Path) -> Vec<BackupInfo> {
    let root = backups_dir(data_dir);
    let mut workspaces: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    workspaces.sort();
    let mut list = Vec::new();
    for dir in workspaces {
        let id = dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        for name in finished(&dir) {
            let path = dir.join(&name);
            if let Ok(manifest) = read_manifest_summary(&path) {
                list.push(BackupInfo {
                    name: format!("{id}/{name}"),
                    path,
                    workspace: manifest.workspace,
                    created_at_ms: manifest.created_at_ms,
                    counts: manifest.counts,
                });
            }
        }
    }
    list
}

/// Finds a backup by its name (`{workspace id}/{time}`), its time alone, or its path.
pub fn find_backup(data_dir: &Path, wanted: &str) -> Result<BackupInfo, BackupError> {
    let wanted = wanted.trim().trim_end_matches('/');
    list_backups(data_dir)
        .into_iter()
        .rev()
        .find(|info| {
            info.name == wanted
                || info.name.ends_with(&format!("/{wanted}"))
                || info.path == Path::new(wanted)
        })
        .ok_or_else(|| BackupError::UnknownBackup(wanted.to_owned()))
}

/// Whether a workspace has no backup from the last day.
pub fn backup_due(data_dir: &Path, workspace: &WorkspaceMeta, now_ms: i64) -> bool {
    let newest = list_backups(data_dir)
        .into_iter()
        .filter(|info| info.workspace.id == workspace.id)
        .map(|info| info.created_at_ms)
        .max();
    newest.is_none_or(|at| now_ms - at >= BACKUP_EVERY_MS)
}
