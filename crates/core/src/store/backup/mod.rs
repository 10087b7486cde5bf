//! A whole workspace as a plain folder: the format of `workspace export` / `import` and of
//! the rolling local backups (`store backups`, `store restore`).
//!
//! ```text
//! DIR/manifest.json                 format, version, workspace, created time, app version,
//!                                   counts, and every file with its SHA-256 and size
//! DIR/docs/{doc id, %-escaped}.automerge   one document's saved bytes (snapshot + changes)
//! DIR/blobs/{sha256}                one file's bytes, named by its hash
//! ```
//! The folder is written beside its final name (a dot name, never listed), made durable
//! (files and folders), and renamed into place last: a folder with a manifest is whole.
//! Reading checks every file against the manifest before anything is imported. Nothing here
//! depends on sled's files: the documents are Automerge's own bytes.

mod import;
mod problems;
mod rolling;
mod snapshot;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, WorkspaceMeta};
use crate::sync::blobs::{sha256_hex, valid_sha};
pub use import::ImportAs;
pub use problems::{BackupCode, FOLDER_FIELD};
pub use rolling::{
    backup_due, backups_dir, find_backup, list_backups, remove_retired, stamp_text, take_backup,
    BackupInfo, KEEP_BACKUPS,
};
pub use snapshot::WorkspaceSnapshot;
pub(crate) use snapshot::{copy_documents, written_doc_id};

/// The manifest's `format`.
pub const EXPORT_FORMAT: &str = "cloudwright-workspace";
/// The manifest's `version`: 1, the layout above.
pub const EXPORT_VERSION: u32 = 1;
pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path} is not a Cloudwright workspace export: {reason}")]
    NotAnExport { path: PathBuf, reason: String },
    #[error("{path} was written by a newer Cloudwright (export format {found}; this version reads up to {supported})")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("the export in {path} is damaged, so nothing was imported: {}", list_damages(.damages))]
    Damaged { path: PathBuf, damages: Vec<Damage> },
    #[error("this data directory already has the workspace {id} ('{name}'): nothing was imported. Bring it in as a new workspace beside it with `cloudwright store restore FOLDER`")]
    WorkspaceExists { id: String, name: String },
    #[error("{0} already exists and is not empty: export into a new folder")]
    TargetNotEmpty(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no backup {0} (see `cloudwright store backups`)")]
    UnknownBackup(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One damaged file of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    /// The file, relative to the export folder.
    pub file: String,
    pub problem: DamageKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DamageKind {
    Missing,
    WrongSize { expected: u64, found: u64 },
    WrongHash,
    Unreadable(String),
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.problem {
            DamageKind::Missing => write!(f, "{} is missing", self.file),
            DamageKind::WrongSize { expected, found } => write!(
                f,
                "{} has {found} bytes where the manifest says {expected}",
                self.file
            ),
            DamageKind::WrongHash => write!(
                f,
                "{} does not match the manifest's SHA-256 (changed or damaged)",
                self.file
            ),
            DamageKind::Unreadable(reason) => write!(f, "{} cannot be read: {reason}", self.file),
        }
    }
}

fn list_damages(damages: &[Damage]) -> String {
    let shown: Vec<String> = damages.iter().take(10).map(ToString::to_string).collect();
    let more = damages.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{}; and {more} more", shown.join("; "))
    } else {
        shown.join("; ")
    }
}

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_owned(),
        source,
    }
}

/// `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportManifest {
    pub format: String,
    pub version: u32,
    pub workspace: WorkspaceMeta,
    pub created_at_ms: i64,
    pub app_version: String,
    pub counts: ExportCounts,
    pub documents: Vec<DocumentEntry>,
    pub blobs: Vec<BlobEntry>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportCounts {
    pub documents: usize,
    pub blobs: usize,
    /// Bytes of every document and blob file.
    pub bytes: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    pub id: String,
    /// Relative to the export folder: `docs/{escaped id}.automerge`.
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobEntry {
    pub sha256: String,
    pub bytes: u64,
}

/// A document id as a file name: letters, digits, `-`, `_` and `.` as they are, every other
/// byte as `%XX` (so `asset/01J…` is `asset%2F01J…`), reversible and safe on every system.
pub fn doc_file_name(doc_id: &str) -> String {
    let mut name = String::with_capacity(doc_id.len() + 12);
    for byte in doc_id.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_')
            || (byte == b'.' && !name.is_empty())
        {
            name.push(byte as char);
        } else {
            name.push_str(&format!("%{byte:02X}"));
        }
    }
    name.push_str(".automerge");
    name
}

/// Writes `snapshot` as an export folder at `target` (which must not exist, or be an empty
/// folder): into a dot-named folder beside it, every file and folder fsynced, then renamed.
pub fn write_export(
    snapshot: &WorkspaceSnapshot,
    target: &Path,
    created_at_ms: i64,
    app_version: &str,
) -> Result<ExportManifest, BackupError> {
    if let Ok(mut entries) = std::fs::read_dir(target) {
        if entries.next().is_some() {
            return Err(BackupError::TargetNotEmpty(target.to_owned()));
        }
    }
    let parent = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let file_name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let partial = parent.join(format!(".{file_name}.partial-{}", std::process::id()));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(io(&partial))?;
    }
    let result =
        write_folder(snapshot, &partial, created_at_ms, app_version).and_then(|manifest| {
            if target.exists() {
                std::fs::remove_dir(target).map_err(io(target))?;
            }
            std::fs::rename(&partial, target).map_err(io(target))?;
            sync_dir(&parent)?;
            Ok(manifest)
        });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&partial);
    }
    result
}

fn write_folder(
    snapshot: &WorkspaceSnapshot,
    dir: &Path,
    created_at_ms: i64,
    app_version: &str,
) -> Result<ExportManifest, BackupError> {
    let docs_dir = dir.join("docs");
    let blobs_dir = dir.join("blobs");
    std::fs::create_dir_all(&docs_dir).map_err(io(&docs_dir))?;
    std::fs::create_dir_all(&blobs_dir).map_err(io(&blobs_dir))?;
    let mut counts = ExportCounts::default();
    let mut files: Vec<(PathBuf, &[u8])> = Vec::with_capacity(snapshot.documents.len());
    let mut documents = Vec::with_capacity(snapshot.documents.len());
    for (doc_id, bytes) in &snapshot.documents {
        let name = doc_file_name(doc_id);
        files.push((docs_dir.join(&name), bytes));
        counts.bytes += bytes.len() as u64;
        documents.push(DocumentEntry {
            id: doc_id.clone(),
            file: format!("docs/{name}"),
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
        });
    }
    // Blobs are never changed or removed once written, so they are read here, off the
    // writer's lock; `get` checks each against its hash.
    let mut blob_bytes = Vec::with_capacity(snapshot.blob_shas.len());
    for sha in &snapshot.blob_shas {
        if let Some(bytes) = crate::sync::blobs::get(snapshot.tree.as_ref(), sha)? {
            blob_bytes.push((sha.clone(), bytes));
        }
    }
    let mut blobs = Vec::with_capacity(blob_bytes.len());
    for (sha, bytes) in &blob_bytes {
        files.push((blobs_dir.join(sha), bytes));
        counts.bytes += bytes.len() as u64;
        blobs.push(BlobEntry {
            sha256: sha.clone(),
            bytes: bytes.len() as u64,
        });
    }
    counts.documents = documents.len();
    counts.blobs = blobs.len();
    write_and_sync(&files)?;
    sync_dir(&docs_dir)?;
    sync_dir(&blobs_dir)?;
    let manifest = ExportManifest {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        workspace: snapshot.meta.clone(),
        created_at_ms,
        app_version: app_version.into(),
        counts,
        documents,
        blobs,
    };
    let path = dir.join(MANIFEST_FILE);
    let mut file = std::fs::File::create(&path).map_err(io(&path))?;
    file.write_all(&serde_json::to_vec_pretty(&manifest).unwrap_or_default())
        .map_err(io(&path))?;
    file.sync_all().map_err(io(&path))?;
    sync_dir(dir)?;
    Ok(manifest)
}

/// Writes many files and makes them durable. On Linux one `syncfs` flushes the file system
/// the folder is on: 50,000 small files each fsynced cost seconds of journal commits.
#[cfg(target_os = "linux")]
fn write_and_sync(files: &[(PathBuf, &[u8])]) -> Result<(), BackupError> {
    for (path, bytes) in files {
        std::fs::write(path, bytes).map_err(io(path))?;
    }
    if let Some((path, _)) = files.first() {
        let file = std::fs::File::open(path).map_err(io(path))?;
        rustix::fs::syncfs(&file).map_err(|error| io(path)(error.into()))?;
    }
    Ok(())
}

/// Writes many files, then fsyncs them on a few threads: the file system takes concurrent
/// flushes in shared journal commits, where one at a time each would wait for its own.
#[cfg(not(target_os = "linux"))]
fn write_and_sync(files: &[(PathBuf, &[u8])]) -> Result<(), BackupError> {
    const SYNC_THREADS: usize = 8;
    for (path, bytes) in files {
        std::fs::write(path, bytes).map_err(io(path))?;
    }
    let per = files.len().div_ceil(SYNC_THREADS).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(per)
            .map(|part| {
                scope.spawn(move || -> Result<(), BackupError> {
                    for (path, _) in part {
                        std::fs::File::open(path)
                            .and_then(|file| file.sync_data())
                            .map_err(io(path))?;
                    }
                    Ok(())
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap_or_else(|_| {
                Err(BackupError::Io {
                    path: PathBuf::new(),
                    source: std::io::Error::other("a backup sync thread panicked"),
                })
            })?;
        }
        Ok(())
    })
}

fn sync_dir(dir: &Path) -> Result<(), BackupError> {
    std::fs::File::open(dir)
        .and_then(|file| file.sync_all())
        .map_err(io(dir))
}

/// An export read back and checked file by file against its manifest.
pub struct VerifiedExport {
    pub manifest: ExportManifest,
    pub documents: Vec<(String, Vec<u8>)>,
    pub blobs: Vec<(String, Vec<u8>)>,
}

/// What a listing needs of a manifest (its file list is skipped, not built).
#[derive(Clone, Debug, Deserialize)]
pub struct ManifestSummary {
    pub workspace: WorkspaceMeta,
    pub created_at_ms: i64,
    pub app_version: String,
    pub counts: ExportCounts,
}

#[derive(Deserialize)]
struct ManifestHead {
    format: Option<String>,
    version: Option<u32>,
}

/// Reads a manifest as `T` (the whole of it, or its summary) after checking its format and
/// version.
fn read_manifest_as<T: serde::de::DeserializeOwned>(dir: &Path) -> Result<T, BackupError> {
    let path = dir.join(MANIFEST_FILE);
    let not_export = |reason: String| BackupError::NotAnExport {
        path: dir.to_owned(),
        reason,
    };
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(not_export("it has no manifest.json".into()))
        }
        Err(error) => return Err(io(&path)(error)),
    };
    let head: ManifestHead = serde_json::from_slice(&text)
        .map_err(|error| not_export(format!("manifest.json is not JSON ({error})")))?;
    if head.format.as_deref() != Some(EXPORT_FORMAT) {
        return Err(not_export(format!(
            "manifest.json's format is not '{EXPORT_FORMAT}'"
        )));
    }
    let version = head.version.unwrap_or(0);
    if version > EXPORT_VERSION {
        return Err(BackupError::TooNew {
            path: dir.to_owned(),
            found: version,
            supported: EXPORT_VERSION,
        });
    }
    serde_json::from_slice(&text)
        .map_err(|error| not_export(format!("manifest.json is incomplete ({error})")))
}

/// Reads the manifest with its file list.
pub fn read_manifest(dir: &Path) -> Result<ExportManifest, BackupError> {
    read_manifest_as(dir)
}

/// Reads what a listing shows of a manifest.
pub fn read_manifest_summary(dir: &Path) -> Result<ManifestSummary, BackupError> {
    read_manifest_as(dir)
}

/// One file of an export, checked against its size and hash in the manifest.
fn read_checked(
    dir: &Path,
    file: &str,
    expected_size: u64,
    expected_sha: &str,
) -> Result<Vec<u8>, DamageKind> {
    if file.contains("..") || file.starts_with('/') {
        return Err(DamageKind::Unreadable(
            "the manifest names a file outside the export".into(),
        ));
    }
    match std::fs::read(dir.join(file)) {
        Ok(bytes) if bytes.len() as u64 != expected_size => Err(DamageKind::WrongSize {
            expected: expected_size,
            found: bytes.len() as u64,
        }),
        Ok(bytes) if sha256_hex(&bytes) != expected_sha => Err(DamageKind::WrongHash),
        Ok(bytes) => Ok(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(DamageKind::Missing),
        Err(error) => Err(DamageKind::Unreadable(error.to_string())),
    }
}

/// Reads every file of an export and checks each against the manifest; any damage refuses
/// the whole export with every damaged file named.
pub fn read_export(dir: &Path) -> Result<VerifiedExport, BackupError> {
    let manifest = read_manifest(dir)?;
    let mut damages = Vec::new();
    let mut documents = Vec::with_capacity(manifest.documents.len());
    for entry in &manifest.documents {
        match read_checked(dir, &entry.file, entry.bytes, &entry.sha256) {
            Ok(bytes) => documents.push((entry.id.clone(), bytes)),
            Err(problem) => damages.push(Damage {
                file: entry.file.clone(),
                problem,
            }),
        }
    }
    let mut blobs = Vec::with_capacity(manifest.blobs.len());
    for entry in &manifest.blobs {
        let file = format!("blobs/{}", entry.sha256);
        let read = if valid_sha(&entry.sha256) {
            read_checked(dir, &file, entry.bytes, &entry.sha256)
        } else {
            Err(DamageKind::Unreadable("not a SHA-256 name".into()))
        };
        match read {
            Ok(bytes) => blobs.push((entry.sha256.clone(), bytes)),
            Err(problem) => damages.push(Damage { file, problem }),
        }
    }
    if manifest.counts.documents != manifest.documents.len()
        || manifest.counts.blobs != manifest.blobs.len()
    {
        damages.push(Damage {
            file: MANIFEST_FILE.into(),
            problem: DamageKind::Unreadable("its counts disagree with its file list".into()),
        });
    }
    if !damages.is_empty() {
        return Err(BackupError::Damaged {
            path: dir.to_owned(),
            damages,
        });
    }
    Ok(VerifiedExport {
        manifest,
        documents,
        blobs,
    })
}
