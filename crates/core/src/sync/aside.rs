//! Documents set aside on this device: synced, but not read into any list, because this
//! build cannot read them (written by a newer version, or damaged) or because the team
//! server would not take this device's version of them. One of them never stops a sync:
//! the rest goes on, and each is a finding until it reads again. A document set aside for a
//! newer version is kept whole and read again when the workspace opens, so an updated app
//! shows it (see [`Workspace::reread_set_aside`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::record::Fit;
use crate::store::docs;
use crate::store::kv::{Batch, Tree};
use crate::store::{StoreError, Workspace};

const PREFIX: &str = "y/aside/";

/// Why a document is set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AsideReason {
    /// Written by a newer version of Cloudwright (a kind or schema this build does not
    /// know): kept whole, readable once the app is updated.
    Newer,
    /// It does not hold what its kind must (or its bytes cannot be read at all).
    Damaged,
    /// The team server would not take this device's version of it; the edits stay here.
    RefusedByServer,
}

/// One document set aside, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetAside {
    pub doc_id: String,
    pub reason: AsideReason,
    /// What was found, in English (the reason's message is the user's language).
    pub detail: String,
    /// The schema version the document says it has, when it is newer than this build's.
    #[ts(type = "number | null")]
    pub schema: Option<u64>,
}

impl SetAside {
    /// What [`crate::record::Registry::check`] found, for a document that does not fit.
    pub fn from_fit(doc_id: &str, fit: &Fit) -> Option<SetAside> {
        let (reason, detail, schema) = match fit {
            Fit::Fits(_) => return None,
            Fit::Newer { schema } => (
                AsideReason::Newer,
                match schema {
                    Some(schema) => format!("its schema version {schema} is newer than this app's"),
                    None => "a kind of record this app does not know".to_owned(),
                },
                *schema,
            ),
            Fit::Unfit(reason) => (AsideReason::Damaged, reason.clone(), None),
        };
        Some(SetAside {
            doc_id: doc_id.to_owned(),
            reason,
            detail,
            schema,
        })
    }
}

fn key(doc_id: &str) -> Vec<u8> {
    format!("{PREFIX}{doc_id}").into_bytes()
}

pub(crate) fn put(batch: &mut Batch, aside: &SetAside) {
    batch.put(
        key(&aside.doc_id),
        serde_json::to_vec(aside).unwrap_or_default(),
    );
}

pub(crate) fn is_set(tree: &dyn Tree, doc_id: &str) -> Result<bool, StoreError> {
    Ok(tree.get(&key(doc_id))?.is_some())
}

pub(crate) fn clear(batch: &mut Batch, doc_id: &str) {
    batch.delete(key(doc_id));
}

/// The documents the server refused (see [`AsideReason::RefusedByServer`]).
pub(crate) fn refused(tree: &dyn Tree) -> Result<std::collections::HashSet<String>, StoreError> {
    Ok(all(tree)?
        .into_iter()
        .filter(|aside| aside.reason == AsideReason::RefusedByServer)
        .map(|aside| aside.doc_id)
        .collect())
}

/// Clears the server's refusal of `doc_id` in the batch of an edit of it, if it has one.
pub(crate) fn clear_refused(tree: &dyn Tree, batch: &mut Batch, doc_id: &str) {
    let refused = tree
        .get(&key(doc_id))
        .ok()
        .flatten()
        .and_then(|bytes| serde_json::from_slice::<SetAside>(&bytes).ok())
        .is_some_and(|aside| aside.reason == AsideReason::RefusedByServer);
    if refused {
        clear(batch, doc_id);
    }
}

/// Every document set aside, by document id. A mark that cannot be read names its document
/// as damaged rather than hiding it.
pub(crate) fn all(tree: &dyn Tree) -> Result<Vec<SetAside>, StoreError> {
    let mut found = Vec::new();
    tree.for_each_prefix(PREFIX.as_bytes(), &mut |k, v| {
        let doc_id = String::from_utf8_lossy(&k[PREFIX.len()..]).into_owned();
        found.push(serde_json::from_slice(v).unwrap_or(SetAside {
            doc_id,
            reason: AsideReason::Damaged,
            detail: "its note cannot be read".into(),
            schema: None,
        }));
        Ok(())
    })?;
    Ok(found)
}

impl Workspace {
    /// Every document set aside on this device.
    pub fn set_aside(&self) -> Result<Vec<SetAside>, StoreError> {
        all(self.tree.as_ref())
    }

    /// Sets aside a document whose bytes from the server cannot be used at all (not even
    /// whole): nothing of it is stored; the rest of the sync goes on.
    pub(crate) fn set_aside_unreadable(&self, doc_id: &str) -> Result<(), StoreError> {
        let _writers = self.lock_docs();
        let mut batch = Batch::default();
        put(
            &mut batch,
            &SetAside {
                doc_id: doc_id.to_owned(),
                reason: AsideReason::Damaged,
                detail: "the team server's copy cannot be read as a document".into(),
                schema: None,
            },
        );
        self.commit(batch)
    }

    /// Reads again every document set aside for a newer version or as damaged (an updated
    /// app may read it now): those that read are listed again and no longer set aside.
    /// Returns how many came back. Documents the server refused stay set aside until they
    /// are edited or synced again.
    pub fn reread_set_aside(&self) -> Result<usize, StoreError> {
        let marks = all(self.tree.as_ref())?;
        if marks.is_empty() {
            return Ok(0);
        }
        let _writers = self.lock_docs();
        let tree = self.tree.as_ref();
        let mut batch = Batch::default();
        let mut records = Vec::new();
        for mark in marks {
            if mark.reason == AsideReason::RefusedByServer {
                continue;
            }
            let Some(mut stored) = docs::load(tree, &mark.doc_id)? else {
                continue;
            };
            match self.registry().check(&mut stored.doc, &mark.doc_id) {
                Fit::Fits(loaded) => {
                    for sha in &loaded.files {
                        if !super::blobs::has(tree, sha)? {
                            batch.put(format!("y/blobwant/{sha}").into_bytes(), Vec::new());
                        }
                    }
                    clear(&mut batch, &mark.doc_id);
                    records.push(*loaded);
                }
                other => {
                    if let Some(now) = SetAside::from_fit(&mark.doc_id, &other) {
                        if now != mark {
                            put(&mut batch, &now);
                        }
                    }
                }
            }
        }
        let came_back = records.len();
        self.registry()
            .put_projections(tree, &mut batch, &records)?;
        self.commit(batch)?;
        self.upsert_loaded(records);
        Ok(came_back)
    }
}
