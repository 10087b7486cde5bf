//! Where a version's file is kept: every version's bytes go through [`keep_version_file`] and
//! come back through [`version_file`], so that moving versions to the large-file (chunked,
//! resumable) store is a change here alone. Today a file is a blob of the workspace (the
//! record names it by `Kind::files`, sync uploads and fetches it), written in the same
//! durable batch as the version's entry, and at most [`MAX_VERSION_BYTES`].

use crate::store::kv::Batch;
use crate::store::{StoreError, Workspace};

/// The largest file a version may be until the large-file store takes versions: the
/// largest blob the team server takes.
pub const MAX_VERSION_BYTES: usize = crate::sync::blobs::MAX_BLOB_BYTES;

/// Adds the file's bytes to `batch` (marked for upload); returns its SHA-256.
pub(crate) fn keep_version_file(
    workspace: &Workspace,
    batch: &mut Batch,
    bytes: &[u8],
) -> Result<String, StoreError> {
    workspace.put_file(batch, bytes)
}

/// The file's bytes, if this device holds them (a synced version may still be on its way).
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
