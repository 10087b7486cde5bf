//! Photos of what an auditor saw: decoded, scaled to at most [`MAX_SIDE`] pixels on the long
//! side and stored as JPEG blobs, named by the item's latest mark.

use std::io::Cursor;

use automerge::{ObjType, ReadDoc, Value};

use super::{doc_id, AuditError};
use crate::stamp::Stamp;
use crate::store::Workspace;
use crate::sync::blobs;

/// The long side of a stored photo, in pixels: enough to read a label on a server.
pub const MAX_SIDE: u32 = 1600;

/// The photo as a JPEG no larger than [`MAX_SIDE`] on its long side.
pub fn shrink(bytes: &[u8]) -> Result<Vec<u8>, AuditError> {
    let image = image::load_from_memory(bytes).map_err(|e| AuditError::BadPhoto(e.to_string()))?;
    let image = if image.width().max(image.height()) > MAX_SIDE {
        image.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle)
    } else {
        image
    };
    let mut out = Cursor::new(Vec::new());
    let rgb = image.to_rgb8();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&rgb)
        .map_err(|e| AuditError::BadPhoto(e.to_string()))?;
    Ok(out.into_inner())
}

/// The photos an audit document names.
pub fn blob_hashes(doc: &automerge::AutoCommit) -> Vec<String> {
    if !matches!(doc.get(automerge::ROOT, "marks"), Ok(Some(_))) {
        return Vec::new();
    }
    let marks: std::collections::BTreeMap<String, super::Mark> =
        autosurgeon::hydrate_prop(doc, automerge::ROOT, "marks").unwrap_or_default();
    marks.into_values().flat_map(|mark| mark.photos).collect()
}

impl Workspace {
    /// Attaches a photo to the latest mark of `item` (an asset id, tag or serial of the audit).
    pub fn add_audit_photo(
        &self,
        id: &str,
        item: &str,
        bytes: &[u8],
        stamp: &Stamp,
    ) -> Result<String, AuditError> {
        let jpeg = shrink(bytes)?;
        let sha = blobs::sha256_hex(&jpeg);
        let item = item.trim().to_owned();
        let sha_for_doc = sha.clone();
        self.change_audit_with_batch(id, stamp, "audit-photo", move |doc, state, batch| {
            let asset = match state.expected_by_code(&item) {
                Some((asset, _)) => asset.clone(),
                None => item.clone(),
            };
            let key = state
                .latest_key(&asset)
                .or_else(|| {
                    state.latest_key(&format!("code:{}", crate::assets::normalise_tag(&item)))
                })
                .ok_or_else(|| AuditError::NoSuchItem(item.clone()))?;
            let marks = match doc.get(automerge::ROOT, "marks") {
                Ok(Some((Value::Object(ObjType::Map), obj))) => obj,
                _ => return Err(AuditError::NoSuchItem(item.clone())),
            };
            let Some(mark) = state.doc.marks.get_mut(&key) else {
                return Err(AuditError::NoSuchItem(item.clone()));
            };
            mark.photos.push(sha_for_doc.clone());
            autosurgeon::reconcile_prop(doc, &marks, key.as_str(), &*mark).map_err(|e| {
                crate::store::StoreError::DamagedDocument {
                    doc_id: doc_id(id),
                    reason: e.to_string(),
                }
            })?;
            self.put_file(batch, &jpeg)?;
            Ok(())
        })?;
        Ok(sha)
    }
}
