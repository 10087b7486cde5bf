//! Files attached to an asset (photos, invoices, test reports). The document lists them under
//! the root key `attachments`; the bytes live as blobs by SHA-256 beside the documents and
//! travel separately, only to the side that lacks them.

use automerge::{AutoCommit, ObjType, ReadDoc, Value};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{doc_id, AssetError};
use crate::ids::AssetId;
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::{StoreError, Workspace};
use crate::sync::blobs;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Attachment {
    pub sha256: String,
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub mime: String,
    #[ts(type = "number")]
    pub added_at_ms: i64,
    pub added_by: String,
}

/// The largest attachment the app takes.
pub const MAX_ATTACHMENT_BYTES: usize = 64 * 1024 * 1024;

/// The attachments a document lists (none when it has no list or the list is unreadable).
pub fn list(doc: &AutoCommit) -> Vec<Attachment> {
    match doc.get(automerge::ROOT, "attachments") {
        Ok(Some((Value::Object(ObjType::List), _))) => {
            autosurgeon::hydrate_prop(doc, automerge::ROOT, "attachments").unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// Whether the document could name a file at all: it has attachments, maintenance records or a
/// disposal. Most assets have none, and a sync of thousands reads this instead of hydrating
/// each one's life a second time.
fn may_name_files(doc: &AutoCommit) -> bool {
    let not_empty = |obj: &automerge::ObjId, key: &str| match doc.get(obj, key) {
        Ok(Some((Value::Object(_), id))) => doc.length(&id) > 0,
        Ok(Some((Value::Scalar(scalar), _))) => !scalar.is_null(),
        Ok(None) => false,
        Err(_) => true,
    };
    if not_empty(&automerge::ROOT, "attachments") {
        return true;
    }
    match doc.get(automerge::ROOT, "life") {
        Ok(Some((Value::Object(ObjType::Map), life))) => {
            not_empty(&life, "maintenance") || not_empty(&life, "disposal")
        }
        Ok(None) => false,
        _ => true,
    }
}

/// The blob hashes a document refers to: its attachments, and the files its life records
/// name (a wipe report, maintenance work orders).
pub fn blob_hashes(doc: &AutoCommit) -> Vec<String> {
    if !may_name_files(doc) {
        return Vec::new();
    }
    let mut hashes: Vec<String> = list(doc).into_iter().map(|a| a.sha256).collect();
    if let Ok(life) = super::projection::hydrate_life(doc, "") {
        hashes.extend(life.blob_hashes());
    }
    hashes
}

#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error("an attachment needs a file name")]
    NoName,
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; attachments may be at most {MAX_ATTACHMENT_BYTES} bytes")]
    TooLarge { size: usize },
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Workspace {
    /// Attaches `bytes` to an asset as one durable change: the blob and the document's list
    /// entry are written in the same batch.
    pub fn attach_to_asset(
        &self,
        id: AssetId,
        name: &str,
        mime: &str,
        bytes: &[u8],
        stamp: &Stamp,
    ) -> Result<Attachment, AttachmentError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AttachmentError::NoName);
        }
        if bytes.is_empty() {
            return Err(AttachmentError::Empty);
        }
        if bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(AttachmentError::TooLarge { size: bytes.len() });
        }
        let doc_id = doc_id(&id);
        let attachment = Attachment {
            sha256: blobs::sha256_hex(bytes),
            name: name.chars().take(255).collect(),
            size: bytes.len() as u64,
            mime: if mime.trim().is_empty() {
                "application/octet-stream".into()
            } else {
                mime.trim().to_owned()
            },
            added_at_ms: stamp.at_ms,
            added_by: stamp.author.name.clone(),
        };
        let mut cache = self.lock_docs();
        let mut stored = self
            .take_doc(&mut cache, &doc_id)?
            .ok_or_else(|| AssetError::NotFound(id.to_string()))?;
        let mut all = list(&stored.doc);
        all.push(attachment.clone());
        let result =
            autosurgeon::reconcile_prop(&mut stored.doc, automerge::ROOT, "attachments", &all)
                .map_err(|e| AssetError::Document {
                    doc_id: doc_id.clone(),
                    reason: e.to_string(),
                })
                .and_then(|()| {
                    let mut batch = Batch::default();
                    self.put_file(&mut batch, bytes)?;
                    self.save_local_change(&mut cache, stored, &doc_id, stamp, "attach", batch)
                });
        // After a failure the document, which may hold an unsaved change, was dropped: the
        // next use reloads it.
        result?;
        Ok(attachment)
    }

    pub fn asset_attachments(&self, id: AssetId) -> Result<Vec<Attachment>, AssetError> {
        let doc_id = doc_id(&id);
        let mut cache = self.lock_docs();
        let stored = self
            .take_doc(&mut cache, &doc_id)?
            .ok_or_else(|| AssetError::NotFound(id.to_string()))?;
        let found = list(&stored.doc);
        self.keep_doc(&mut cache, doc_id, stored);
        Ok(found)
    }

    /// A blob's bytes, if this device holds them (a synced attachment may still be on its way).
    pub fn blob(&self, sha: &str) -> Result<Option<Vec<u8>>, StoreError> {
        if !blobs::valid_sha(sha) {
            return Ok(None);
        }
        blobs::get(self.tree.as_ref(), sha)
    }
}
