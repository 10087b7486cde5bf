//! A whole workspace as a plain folder: the format of `workspace export` / `import` and of
//! the rolling local backups (`store backups`, `store restore`).
//!
//! ```text
//! DIR/manifest.json   format, version, workspace, created time, app version, counts, and
//!                     every document and blob with its SHA-256 and size
//! DIR/docs.tar        every document's saved bytes (snapshot + changes) as one standard tar
//!                     archive of `docs/{doc id, %-escaped}.automerge` files; the manifest
//!                     gives each document's offset in it, so reading needs no tar parser,
//!                     and `tar xf docs.tar` gives back one file per document
//! DIR/blobs/{sha256}  one file's bytes, named by its hash
//! ```
//! Version 1 (still read) had the documents as files in `DIR/docs/` instead of the archive:
//! creating 50,000 small files was most of a backup's time (BENCHMARKS.md).
//! The folder is written beside its final name (a dot name, never listed), made durable
//! (files and folders), and renamed into place last: a folder with a manifest is whole.
//! Reading checks every document and blob against the manifest before anything is imported.
//! Nothing here depends on sled's files: the documents are Automerge's own bytes.

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
/// The manifest's `version`: 2, the layout above (1: the documents as files in `docs/`).
pub const EXPORT_VERSION: u32 = 2;
/// The archive of the documents, in the folder (version 2).
pub const DOCUMENTS_ARCHIVE: &str = "docs.tar";
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
    /// The archive holding the documents (version 2); absent: each is a file (version 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents_archive: Option<String>,
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
    /// `docs/{escaped id}.automerge`: its name in the documents archive (version 2), or its
    /// file relative to the export folder (version 1).
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    /// Where its bytes start in the documents archive (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
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
    let blobs_dir = dir.join("blobs");
    std::fs::create_dir_all(&blobs_dir).map_err(io(&blobs_dir))?;
    let mut counts = ExportCounts::default();
    let archive = dir.join(DOCUMENTS_ARCHIVE);
    let documents = write_documents_archive(&snapshot.documents, &archive, created_at_ms)?;
    counts.bytes += documents.iter().map(|entry| entry.bytes).sum::<u64>();
    // Blobs are never changed or removed once written, so they are read here, off the
    // writer's lock; `get` checks each against its hash.
    let mut blob_bytes = Vec::with_capacity(snapshot.blob_shas.len());
    for sha in &snapshot.blob_shas {
        if let Some(bytes) = crate::sync::blobs::get(snapshot.tree.as_ref(), sha)? {
            blob_bytes.push((sha.clone(), bytes));
        }
    }
    let mut files: Vec<(PathBuf, &[u8])> = Vec::with_capacity(blob_bytes.len());
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
    sync_dir(&blobs_dir)?;
    let manifest = ExportManifest {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        workspace: snapshot.meta.clone(),
        created_at_ms,
        app_version: app_version.into(),
        counts,
        documents_archive: Some(DOCUMENTS_ARCHIVE.into()),
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

/// How much of the documents archive is written between two syncs of it.
const SYNC_EVERY_BYTES: u64 = 1 << 20;

/// Counts the bytes written through it: where each document's bytes land in the archive.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes every document into one tar archive at `path` (fsynced) and returns each one's
/// manifest entry with its offset there. A tar entry's data is padded to 512 bytes, so a
/// document's bytes start where the writer stood after its entry, less that padded size.
fn write_documents_archive(
    documents: &[(String, Vec<u8>)],
    path: &Path,
    created_at_ms: i64,
) -> Result<Vec<DocumentEntry>, BackupError> {
    let file = std::fs::File::create(path).map_err(io(path))?;
    let mut builder = tar::Builder::new(Counting {
        inner: std::io::BufWriter::with_capacity(1 << 20, file),
        written: 0,
    });
    let mut entries = Vec::with_capacity(documents.len());
    let mut synced = 0u64;
    for (doc_id, bytes) in documents {
        let name = format!("docs/{}", doc_file_name(doc_id));
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(tar::EntryType::Regular);
        header.set_mode(0o644);
        header.set_mtime(u64::try_from(created_at_ms / 1000).unwrap_or(0));
        header.set_size(bytes.len() as u64);
        builder
            .append_data(&mut header, &name, bytes.as_slice())
            .map_err(io(path))?;
        let end = builder.get_ref().written;
        if end - synced >= SYNC_EVERY_BYTES {
            // Written out in steps, never as one large flush that an edit's own fsync
            // would queue behind (BENCHMARKS.md, the local backup).
            let counting = builder.get_mut();
            counting.inner.flush().map_err(io(path))?;
            counting.inner.get_ref().sync_data().map_err(io(path))?;
            synced = end;
        }
        entries.push(DocumentEntry {
            id: doc_id.clone(),
            file: name,
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
            offset: Some(end - (bytes.len() as u64).div_ceil(512) * 512),
        });
    }
    let counting = builder.into_inner().map_err(io(path))?;
    let file = counting
        .inner
        .into_inner()
        .map_err(|error| io(path)(error.into_error()))?;
    file.sync_all().map_err(io(path))?;
    Ok(entries)
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

/// Checks bytes read for a document or blob against its size and hash in the manifest.
fn check(
    read: std::io::Result<Vec<u8>>,
    expected_size: u64,
    expected_sha: &str,
) -> Result<Vec<u8>, DamageKind> {
    match read {
        Ok(bytes) if bytes.len() as u64 != expected_size => Err(DamageKind::WrongSize {
            expected: expected_size,
            found: bytes.len() as u64,
        }),
        Ok(bytes) if sha256_hex(&bytes) != expected_sha => Err(DamageKind::WrongHash),
        Ok(bytes) => Ok(bytes),
        Err(error) => Err(unreadable(error)),
    }
}

fn unreadable(error: std::io::Error) -> DamageKind {
    match error.kind() {
        std::io::ErrorKind::NotFound => DamageKind::Missing,
        _ => DamageKind::Unreadable(error.to_string()),
    }
}

/// A file the manifest names, inside the export folder.
fn inside(dir: &Path, file: &str) -> Result<PathBuf, DamageKind> {
    if file.contains("..") || file.starts_with('/') {
        return Err(DamageKind::Unreadable(
            "the manifest names a file outside the export".into(),
        ));
    }
    Ok(dir.join(file))
}

/// One file of an export, checked against its size and hash in the manifest.
fn read_checked(
    dir: &Path,
    file: &str,
    expected_size: u64,
    expected_sha: &str,
) -> Result<Vec<u8>, DamageKind> {
    let path = inside(dir, file)?;
    check(std::fs::read(path), expected_size, expected_sha)
}

/// Reads every file of an export and checks each against the manifest; any damage refuses
/// the whole export with every damaged file named.
pub fn read_export(dir: &Path) -> Result<VerifiedExport, BackupError> {
    let manifest = read_manifest(dir)?;
    let mut damages = Vec::new();
    let mut documents = Vec::with_capacity(manifest.documents.len());
    let archive = manifest.documents_archive.as_ref().map(|name| {
        inside(dir, name)
            .and_then(|path| std::fs::read(path).map_err(unreadable))
            .map_err(|problem| (name.clone(), problem))
    });
    if let Some(Err((file, problem))) = &archive {
        damages.push(Damage {
            file: file.clone(),
            problem: problem.clone(),
        });
    }
    for entry in &manifest.documents {
        let read = match (&archive, entry.offset) {
            (None, _) => read_checked(dir, &entry.file, entry.bytes, &entry.sha256),
            (Some(Err(_)), _) => continue,
            (Some(Ok(archive)), Some(offset)) => {
                // An archive cut short leaves the document fewer bytes than the manifest says.
                let start = usize::try_from(offset)
                    .unwrap_or(usize::MAX)
                    .min(archive.len());
                let end = start
                    .saturating_add(usize::try_from(entry.bytes).unwrap_or(usize::MAX))
                    .min(archive.len());
                check(Ok(archive[start..end].to_vec()), entry.bytes, &entry.sha256)
            }
            (Some(Ok(_)), None) => Err(DamageKind::Unreadable(
                "the manifest gives no offset in the documents archive".into(),
            )),
        };
        match read {
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
