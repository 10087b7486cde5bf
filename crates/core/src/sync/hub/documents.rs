//! What an administrator sees of a workspace's documents on the server, and quarantine
//! (`cloudwright-sync admin doc list|show|quarantine`). A quarantined document leaves the feed
//! and every answer: its bytes are kept aside in the store (`qd/…`), never deleted, with a
//! note of who set it aside, when and why (`qm/{doc id}`); a push of it is refused on its own
//! (`quarantined`), so a device that still holds it keeps syncing everything else.

use serde::{Deserialize, Serialize};

use super::{doc_seq_key, feed_key, Hub, HubError};
use crate::record::{prefix_of, Fit};
use crate::store::docs;
use crate::store::kv::{decode_u64, Batch};

/// The code of a push of a quarantined document.
pub const QUARANTINED: &str = "quarantined";

/// One document as the server holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub doc_id: String,
    /// The kind its id names.
    pub kind: String,
    /// The schema version its root holds, if any.
    pub schema: Option<u64>,
    /// Bytes stored (its snapshot and appended changes).
    pub bytes: u64,
    /// How it stands against this server's declaration of its kind: `fits`, `newer` (a kind
    /// or schema this server does not know) or `unfit: why`.
    pub fit: String,
}

/// The note kept beside a quarantined document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarantined {
    pub doc_id: String,
    pub reason: String,
    pub at_ms: i64,
    /// Bytes kept aside.
    pub bytes: u64,
}

fn marker_key(doc_id: &str) -> Vec<u8> {
    format!("qm/{doc_id}").into_bytes()
}

impl Hub {
    /// Every document the workspace's feed lists, by id, with how it stands.
    pub fn document_list(&self) -> Result<Vec<DocumentInfo>, HubError> {
        let _reading = self.lock.read().unwrap_or_else(|p| p.into_inner());
        let mut ids = Vec::new();
        self.tree().for_each_prefix(b"fd/", &mut |key, _| {
            ids.push(String::from_utf8_lossy(&key[3..]).into_owned());
            Ok(())
        })?;
        let mut list = Vec::with_capacity(ids.len());
        for doc_id in ids {
            if let Some((info, _)) = self.read_document(&doc_id)? {
                list.push(info);
            }
        }
        Ok(list)
    }

    /// One document: how it stands, and its content as JSON (Automerge's own view of it).
    pub fn document_show(
        &self,
        doc_id: &str,
    ) -> Result<(DocumentInfo, serde_json::Value), HubError> {
        let _reading = self.lock.read().unwrap_or_else(|p| p.into_inner());
        self.read_document(doc_id)?
            .ok_or_else(|| HubError::UnknownDocument(doc_id.to_owned()))
    }

    fn read_document(
        &self,
        doc_id: &str,
    ) -> Result<Option<(DocumentInfo, serde_json::Value)>, HubError> {
        let mut bytes = 0u64;
        self.tree()
            .for_each_prefix(&docs::doc_prefix(doc_id), &mut |_, value| {
                bytes += value.len() as u64;
                Ok(())
            })?;
        let Some(mut stored) = docs::load(self.tree(), doc_id)? else {
            return Ok(None);
        };
        let schema = {
            use automerge::{ReadDoc, ScalarValue, Value, ROOT};
            match stored.doc.get(ROOT, "schema") {
                Ok(Some((Value::Scalar(value), _))) => match value.as_ref() {
                    ScalarValue::Uint(n) => Some(*n),
                    ScalarValue::Int(n) => u64::try_from(*n).ok(),
                    _ => None,
                },
                _ => None,
            }
        };
        let fit = match self.workspace.registry().check(&mut stored.doc, doc_id) {
            Fit::Fits(_) => "fits".to_owned(),
            Fit::Newer { .. } => "newer".to_owned(),
            Fit::Unfit(reason) => format!("unfit: {reason}"),
        };
        let content =
            serde_json::to_value(automerge::AutoSerde::from(&stored.doc)).unwrap_or_default();
        let info = DocumentInfo {
            doc_id: doc_id.to_owned(),
            kind: prefix_of(doc_id).to_owned(),
            schema,
            bytes,
            fit,
        };
        Ok(Some((info, content)))
    }

    /// Takes a document out of the feed and out of every answer, keeping its bytes aside.
    /// Devices that hold it keep it; a push of it is refused on its own from now on.
    pub fn quarantine(
        &self,
        doc_id: &str,
        reason: &str,
        now_ms: i64,
    ) -> Result<Quarantined, HubError> {
        let _writing = self.lock.write().unwrap_or_else(|p| p.into_inner());
        let tree = self.tree();
        let seq = tree
            .get(&doc_seq_key(doc_id))?
            .as_deref()
            .and_then(decode_u64)
            .ok_or_else(|| HubError::UnknownDocument(doc_id.to_owned()))?;
        let mut batch = Batch::default();
        let mut bytes = 0u64;
        tree.for_each_prefix(&docs::doc_prefix(doc_id), &mut |key, value| {
            bytes += value.len() as u64;
            let mut aside = b"qd/".to_vec();
            aside.extend_from_slice(key);
            batch.put(aside, value.to_vec());
            batch.delete(key.to_vec());
            Ok(())
        })?;
        batch.delete(doc_seq_key(doc_id));
        batch.delete(feed_key(seq));
        let note = Quarantined {
            doc_id: doc_id.to_owned(),
            reason: reason.to_owned(),
            at_ms: now_ms,
            bytes,
        };
        batch.put(
            marker_key(doc_id),
            serde_json::to_vec(&note).unwrap_or_default(),
        );
        tree.apply(batch)?;
        tree.flush()?;
        self.workspace.lock_docs().remove(doc_id);
        self.documents
            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        tracing::warn!(%doc_id, %reason, "document quarantined");
        Ok(note)
    }

    /// Every quarantined document's note.
    pub fn quarantined(&self) -> Result<Vec<Quarantined>, HubError> {
        let mut notes = Vec::new();
        self.tree().for_each_prefix(b"qm/", &mut |_, value| {
            if let Ok(note) = serde_json::from_slice(value) {
                notes.push(note);
            }
            Ok(())
        })?;
        Ok(notes)
    }

    /// Whether `doc_id` is quarantined (a push of it is refused).
    pub(super) fn is_quarantined(&self, doc_id: &str) -> Result<bool, HubError> {
        Ok(self.tree().get(&marker_key(doc_id))?.is_some())
    }
}
