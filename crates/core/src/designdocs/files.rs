//! Where a version's file is kept: every version's bytes go in through [`stage_version_file`]
//! and [`put_version_file`] (a file on disk, up to 4 GiB) or [`keep_version_file`] (bytes
//! already in memory, up to [`MAX_VERSION_BYTES`]) and come back through
//! [`save_version_file`] (or `version_bytes`), so how versions are stored is decided here
//! alone.
//!
//! A file on disk is a large file (`sync::large_files`): read once, split into parts each
//! durable on its own, its manifest written in the same batch as the version's entry (the
//! record names the manifest; sync moves the parts, resuming where a transfer stopped), and
//! saved back a part at a time with every hash checked, never whole in memory. Bytes in
//! memory (an upload the app already holds) are one blob in the version's batch.

use std::path::Path;

use super::model::DocVersion;
use super::{DesignDocError, DocCode};
use crate::problem::Problem;
use crate::store::kv::Batch;
use crate::store::{StoreError, Workspace};
use crate::sync::large_files::{LargeFileError, LargeFileProgress, StagedLargeFile};

/// The largest file a version given as bytes may be: the largest blob the team server takes.
pub const MAX_VERSION_BYTES: usize = crate::sync::blobs::MAX_BLOB_BYTES;

/// Adds the file's bytes to `batch` (marked for upload); returns its SHA-256.
pub(crate) fn keep_version_file(
    workspace: &Workspace,
    batch: &mut Batch,
    bytes: &[u8],
) -> Result<String, StoreError> {
    workspace.put_file(batch, bytes)
}

/// Reads the file at `path` once (hashed and split into parts, each durable): refused with
/// the reason when it cannot be read, is empty or is over 4 GiB.
pub fn stage_version_file(
    workspace: &Workspace,
    path: &Path,
    progress: &mut dyn FnMut(LargeFileProgress),
) -> Result<StagedLargeFile, DesignDocError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    workspace
        .stage_large_file(path, progress)
        .map_err(|error| match error {
            LargeFileError::Unreadable { source, .. } => {
                DesignDocError::Refused(vec![Problem::new(
                    "file",
                    DocCode::UnreadableFile,
                    format!("{}: {source}", path.display()),
                )])
            }
            LargeFileError::Empty { .. } => {
                DesignDocError::Refused(vec![Problem::new("file", DocCode::EmptyFile, name)])
            }
            LargeFileError::TooLarge { size } => DesignDocError::Refused(vec![Problem::new(
                "file",
                DocCode::FileTooLarge,
                size.to_string(),
            )]),
            other => DesignDocError::File(other),
        })
}

/// What is wrong with the file at `path` as a version, seen before it is read (it cannot be
/// opened, is not a file, is empty or over 4 GiB): for a caller that writes something else
/// first (a new document with its first version).
pub fn path_problems(path: &Path) -> Vec<Problem> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unreadable = |reason: String| {
        vec![Problem::new(
            "file",
            DocCode::UnreadableFile,
            format!("{}: {reason}", path.display()),
        )]
    };
    match std::fs::File::open(path).and_then(|file| file.metadata()) {
        Err(error) => unreadable(error.to_string()),
        Ok(meta) if !meta.is_file() => unreadable("not a file".into()),
        Ok(meta) if meta.len() == 0 => vec![Problem::new("file", DocCode::EmptyFile, name)],
        Ok(meta) if meta.len() > crate::sync::large_files::MAX_LARGE_FILE_BYTES => {
            vec![Problem::new(
                "file",
                DocCode::FileTooLarge,
                meta.len().to_string(),
            )]
        }
        Ok(_) => Vec::new(),
    }
}

/// Puts a staged file's manifest into `batch` (the version's); returns the hash the version
/// names it by.
pub(crate) fn put_version_file(
    workspace: &Workspace,
    batch: &mut Batch,
    staged: &StagedLargeFile,
) -> Result<String, DesignDocError> {
    Ok(workspace.put_large_file(batch, staged)?)
}

/// The media type of the file at `path`, from its first bytes, else its name.
pub fn media_type_of_path(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match infer::get_from_path(path) {
        Ok(Some(found)) => found.mime_type().to_owned(),
        _ => media_type(&name, &[]),
    }
}

/// Writes version's file to `out` as this device holds it (a large file a part at a time,
/// each hash checked; written beside `out` and renamed over it). Refused with
/// `file_not_here` while its bytes have not all reached this device. Returns the bytes
/// written.
pub fn save_version_file(
    workspace: &Workspace,
    version: &DocVersion,
    out: &Path,
    progress: &mut dyn FnMut(LargeFileProgress),
) -> Result<u64, DesignDocError> {
    let not_here = || {
        DesignDocError::Refused(vec![Problem::new(
            "file",
            DocCode::FileNotHere,
            &version.sha256,
        )])
    };
    if !version.file.is_empty() {
        return match workspace.save_large_file(&version.file, out, progress) {
            Ok((size, _)) => Ok(size),
            Err(LargeFileError::NotHereYet { .. } | LargeFileError::Unknown(_)) => Err(not_here()),
            Err(other) => Err(DesignDocError::File(other)),
        };
    }
    let bytes = version_file(workspace, &version.sha256)?.ok_or_else(not_here)?;
    let size = bytes.len() as u64;
    progress(LargeFileProgress {
        done: 0,
        total: size,
    });
    let partial = out.with_extension("partial");
    let written = std::fs::write(&partial, &bytes)
        .and_then(|()| std::fs::File::open(&partial)?.sync_all())
        .and_then(|()| std::fs::rename(&partial, out));
    if let Err(source) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(DesignDocError::File(LargeFileError::Unwritable {
            path: out.to_owned(),
            source,
        }));
    }
    progress(LargeFileProgress {
        done: size,
        total: size,
    });
    Ok(size)
}

/// A version's whole file in memory (for previews and diffs of files small enough to hold;
/// [`save_version_file`] saves one of any size), if all of it is here, its SHA-256 checked.
pub(crate) fn version_bytes(
    workspace: &Workspace,
    version: &DocVersion,
) -> Result<Option<Vec<u8>>, DesignDocError> {
    if version.file.is_empty() {
        return Ok(version_file(workspace, &version.sha256)?);
    }
    let Some(manifest) = workspace.large_file_manifest(&version.file)? else {
        return Ok(None);
    };
    let mut bytes = Vec::with_capacity(usize::try_from(manifest.size).unwrap_or_default());
    for part in &manifest.parts {
        match workspace.blob(part)? {
            Some(part) => bytes.extend_from_slice(&part),
            None => return Ok(None),
        }
    }
    if crate::sync::blobs::sha256_hex(&bytes) != version.sha256 {
        return Err(DesignDocError::File(LargeFileError::Damaged {
            sha: version.file.clone(),
            reason: "its parts do not make the file the version names".into(),
        }));
    }
    Ok(Some(bytes))
}

/// A blob's bytes, if this device holds them (a synced version may still be on its way).
pub(crate) fn version_file(
    workspace: &Workspace,
    sha256: &str,
) -> Result<Option<Vec<u8>>, StoreError> {
    workspace.blob(sha256)
}

/// The file's media type, from its bytes (PDF, images, Office files, archives: `infer`'s
/// signatures), else from its name's extension for what has no signature (text, drawings),
/// else `application/octet-stream`.
pub fn media_type(file_name: &str, bytes: &[u8]) -> String {
    if let Some(found) = infer::get(bytes) {
        return found.mime_type().to_owned();
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "md" | "markdown" => "text/markdown",
        "yaml" | "yml" => "application/yaml",
        "json" => "application/json",
        "csv" => "text/csv",
        "txt" | "text" | "log" => "text/plain",
        "dwg" => "image/vnd.dwg",
        "dxf" => "image/vnd.dxf",
        "vsdx" => "application/vnd.ms-visio.drawing.main+xml",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
    .to_owned()
}

/// Whether a comment may be pinned to a spot of this media type (PDF pages, images).
pub fn pinnable(media_type: &str) -> bool {
    media_type == "application/pdf" || media_type.starts_with("image/") && !is_drawing(media_type)
}

/// Whether an image media type is a CAD drawing (no page to pin a spot on in the app).
fn is_drawing(media_type: &str) -> bool {
    matches!(media_type, "image/vnd.dwg" | "image/vnd.dxf")
}

/// Whether the file is an image (one page: a pin's page is 1).
pub fn is_image(media_type: &str) -> bool {
    media_type.starts_with("image/") && !is_drawing(media_type)
}
