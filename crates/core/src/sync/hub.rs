//! The server side of sync: one workspace's documents, its change feed and its blobs.
//!
//! The hub stores documents with the same code as the app (`store::docs`) in the workspace's
//! tree, plus:
//! - `f/{seq: u64 BE}` → [`FeedRecord`]: the latest change of one document, at most one
//!   record per document (older ones are deleted), so the feed grows with the documents, not
//!   with the edits;
//! - `fd/{doc id}` → the document's current feed sequence;
//! - `y/seq` → the last sequence handed out;
//! - `y/epoch` → the feed's [`FeedEpoch`], 16 bytes: set when the hub first opens a workspace
//!   and again when a workspace is restored from a backup (see [`backup`]), sent in every
//!   answer, so that a device whose cursor counts in another epoch starts over;
//! - `x/{client id}` → the last exchange number the device sent (u64 BE; see
//!   [`Hub::exchange`] and `check_exchange_number`);
//! - `p/{feed seq: u64 BE}{part: u16 BE}` → [`PushedBy`]: the account that pushed, and the
//!   hashes of the changes its push added (the feed position the push reached names it; a
//!   push of many changes is a few records of at most [`PUSHED_BY_PART`] hashes each, not
//!   one write per change).
//!
//! Documents the hub loads stay in the workspace's document cache (bounded, as on a device), so
//! that a change many clients ask for is parsed once, not once per client; a push takes its
//! documents out of the cache and puts the merged ones back only once they are durable. The
//! hub's workspace must therefore be written through the hub alone.
//!
//! A push is acknowledged only after its batch is flushed. Which workspace owns a document id
//! is kept in a tree shared by the whole data directory, so a client cannot write into
//! another workspace's document by reusing its id.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use automerge::{AutoCommit, ChangeHash};
use serde::{Deserialize, Serialize};

use super::blobs;
use super::large_files::{self, Manifest, ManifestError, PartProblem, MAX_MANIFEST_BYTES};
use super::protocol::{
    valid_doc_id, DocData, FeedEntry, FeedEpoch, Hash, PushResult, SyncRequest, SyncResponse,
};
use crate::ids::WorkspaceId;
use crate::record::Fit;
use crate::stamp::Identity;
use crate::store::docs::{self, COMPACT_AFTER_CHANGES};
use crate::store::kv::{damaged, decode_u64, Batch, Tree};
use crate::store::{Store, StoreError, Workspace};

pub mod backup;
pub mod documents;

/// Most feed entries one answer lists.
pub const MAX_FEED_PAGE: usize = 20_000;
/// Most feed records one answer reads past (a client's own pushes are skipped, not listed).
const MAX_FEED_SCAN: usize = 200_000;
/// Most pushed or wanted documents in one request.
pub const MAX_ITEMS: usize = 20_000;
/// An answer stops adding wanted documents once it holds this many bytes.
pub const ANSWER_BUDGET_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("this account may read the workspace but not change it")]
    ReadOnly,
    #[error("'{0}' is not a document id (kind/ULID)")]
    BadDocumentId(String),
    #[error("document {doc_id} is not a valid Automerge document or change: {reason}")]
    BadDocument { doc_id: String, reason: String },
    #[error("document {0} belongs to another workspace")]
    OtherWorkspace(String),
    #[error("this workspace has no document {0}")]
    UnknownDocument(String),
    #[error("'{0}' is not a SHA-256 in lower-case hex")]
    BadBlobHash(String),
    #[error("the body's SHA-256 is {actual}, not {expected}")]
    HashMismatch { expected: String, actual: String },
    #[error("a request may carry at most {MAX_ITEMS} documents")]
    TooManyItems,
    #[error("a blob may be at most {} MiB", blobs::MAX_BLOB_BYTES / 1024 / 1024)]
    BlobTooLarge,
    #[error("another upload of this blob is under way; try again once it has ended")]
    BlobUploadBusy,
    /// A blob beginning as a large file's manifest that is not one this server takes.
    #[error("this is not a large file's manifest the server takes: {0}")]
    BadManifest(#[from] ManifestError),
    /// A manifest naming a part the server does not hold: parts go first.
    #[error("the large file's part {index} ({part}) is not on the server yet: upload the parts before the manifest")]
    ManifestPartMissing { part: String, index: usize },
    #[error("the large file's part {index} ({part}) is {actual} bytes on the server; the manifest says {expected}")]
    ManifestPartWrongSize {
        part: String,
        index: usize,
        expected: u64,
        actual: u64,
    },
    #[error(
        "this device's data was copied, or restored from a backup, and another copy has \
         synced as this device since (exchange {sent}, the last seen was {seen}): it must go \
         on as a new device"
    )]
    CopiedDevice { sent: u64, seen: u64 },
    #[error(
        "an auditor may change audit records only; the push holds {} other document(s), \
         so none of it was stored: {}",
        documents.len(),
        documents.iter().take(NAMED_FOREIGN_CHANGES).cloned().collect::<Vec<_>>().join(", ")
    )]
    AuditorScope { documents: Vec<String> },
    #[error(
        "the push records decisions this server does not take, so none of it was stored: {}",
        decisions.iter().take(NAMED_FOREIGN_CHANGES)
            .map(|d| format!("{} {} ({})", d.doc_id, d.action, d.reason))
            .collect::<Vec<_>>().join("; ")
    )]
    DecisionRefused { decisions: Vec<RefusedDecision> },
    #[error("{}", author_mismatch_message(account, changes))]
    AuthorMismatch {
        /// The account that pushed.
        account: String,
        /// Every change of the push recorded as someone else's.
        changes: Vec<ForeignChange>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A pushed change recorded as made by someone other than the account pushing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignChange {
    pub doc_id: String,
    /// The change's hash, lower-case hex.
    pub change: String,
    /// Who the change says it is by: an account id, or `local:` and a device's local identity.
    pub by: String,
    /// The name the change shows for its author.
    pub name: String,
}

/// At most this many foreign changes are named in the message (all are in the error).
const NAMED_FOREIGN_CHANGES: usize = 10;

fn author_mismatch_message(account: &str, changes: &[ForeignChange]) -> String {
    let named: Vec<String> = changes
        .iter()
        .take(NAMED_FOREIGN_CHANGES)
        .map(|c| {
            let short = c.change.get(..12).unwrap_or(&c.change);
            format!("{} (change {short}) by {} [{}]", c.doc_id, c.name, c.by)
        })
        .collect();
    let more = changes.len().saturating_sub(NAMED_FOREIGN_CHANGES);
    format!(
        "the push holds {} change(s) recorded as made by someone other than account {account}, \
         so none of it was stored: {}{}",
        changes.len(),
        named.join("; "),
        if more > 0 {
            format!("; and {more} more")
        } else {
            String::new()
        }
    )
}

impl HubError {
    pub fn status(&self) -> u16 {
        match self {
            HubError::ReadOnly
            | HubError::OtherWorkspace(_)
            | HubError::AuthorMismatch { .. }
            | HubError::AuditorScope { .. }
            | HubError::DecisionRefused { .. } => 403,
            HubError::CopiedDevice { .. }
            | HubError::BlobUploadBusy
            | HubError::ManifestPartMissing { .. } => 409,
            HubError::UnknownDocument(_) => 404,
            HubError::BlobTooLarge => 413,
            HubError::BadDocumentId(_)
            | HubError::BadDocument { .. }
            | HubError::BadBlobHash(_)
            | HubError::HashMismatch { .. }
            | HubError::BadManifest(_)
            | HubError::ManifestPartWrongSize { .. }
            | HubError::TooManyItems => 400,
            HubError::Store(_) => 500,
        }
    }

    /// The documents a refusal names as ones this account may not push (another account's
    /// changes in them, or a kind outside its role), each once.
    pub fn refused_documents(&self) -> Option<Vec<String>> {
        match self {
            HubError::AuthorMismatch { changes, .. } => {
                let mut docs: Vec<String> = changes.iter().map(|c| c.doc_id.clone()).collect();
                docs.dedup();
                Some(docs)
            }
            HubError::AuditorScope { documents } => Some(documents.clone()),
            HubError::DecisionRefused { decisions } => {
                let mut docs: Vec<String> = decisions.iter().map(|d| d.doc_id.clone()).collect();
                docs.dedup();
                Some(docs)
            }
            _ => None,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            HubError::ReadOnly => "read_only",
            HubError::BadDocumentId(_) => "bad_document_id",
            HubError::BadDocument { .. } => "bad_document",
            HubError::OtherWorkspace(_) => "document_in_other_workspace",
            HubError::UnknownDocument(_) => "unknown_document",
            HubError::BadBlobHash(_) => "bad_blob_hash",
            HubError::HashMismatch { .. } => "hash_mismatch",
            HubError::TooManyItems => "too_many_items",
            HubError::BlobTooLarge => "blob_too_large",
            HubError::BlobUploadBusy => "blob_upload_in_progress",
            HubError::BadManifest(_) => "bad_manifest",
            HubError::ManifestPartMissing { .. } => "large_file_part_missing",
            HubError::ManifestPartWrongSize { .. } => "large_file_part_wrong_size",
            HubError::CopiedDevice { .. } => "client_copied",
            HubError::AuthorMismatch { .. } => "author_mismatch",
            HubError::AuditorScope { .. } | HubError::DecisionRefused { .. } => "not_entitled",
            HubError::Store(_) => "store_error",
        }
    }
}

#[derive(Serialize, Deserialize)]
struct FeedRecord {
    doc_id: String,
    heads: Vec<Hash>,
    /// The client whose push produced this state; it is not told about its own push.
    client: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HubStats {
    pub documents: u64,
    pub document_bytes: u64,
}

/// What a role lets an account push.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PushScope {
    /// A viewer: nothing.
    Nothing,
    /// An auditor: audit records only (kinds declaring [`crate::record::Kind::AUDIT_RECORD`]).
    AuditRecords,
    /// An editor or an admin: every kind.
    Everything,
}

/// Who a request comes from, as the server authenticated them.
pub struct Pusher<'a> {
    /// The account's stable id: every change the push adds must be by it (or name no
    /// account: made before a login, or by an older version), and is recorded as pushed by it.
    pub account: &'a str,
    /// What the account's role lets it change.
    pub scope: PushScope,
    /// The account that claimed a device's local identity, if one did: a change made before
    /// a login is accepted only from that account (or from anyone while nobody claimed it).
    pub claimed_by: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// The workspace's roster: a push adding a decision (see `record::Kind::decisions`) is
    /// taken only when the decision is signed by a member entitled to it, with a key of
    /// theirs not revoked, over the content it is on. `None`: decisions are not checked.
    pub roster: Option<&'a crate::trust::Roster>,
    /// The server's time of the push. A decision's own time is its signer's claim: a decision
    /// arriving now is taken only if its key is not revoked now, its signer is entitled now,
    /// and it does not claim a time ahead of now (by more than [`CLOCK_SKEW_MS`]). `None`:
    /// judged at the decision's own time only.
    pub now_ms: Option<i64>,
}

/// How far ahead of the server's clock a decision's time may be (a laptop's clock drifts).
pub const CLOCK_SKEW_MS: i64 = 5 * 60 * 1000;

impl<'a> Pusher<'a> {
    fn nobody_claims(_: &str) -> Option<String> {
        None
    }

    /// An account whose devices' local identities nobody has claimed.
    pub fn account(account: &'a str, scope: PushScope) -> Pusher<'a> {
        Pusher {
            account,
            scope,
            claimed_by: &Self::nobody_claims,
            roster: None,
            now_ms: None,
        }
    }

    /// Who `change` names as its author, when that is not this account.
    fn foreign(
        &self,
        doc_id: &str,
        change: &automerge::ChangeMetadata<'_>,
    ) -> Option<ForeignChange> {
        let message = crate::stamp::ChangeMessage::decode(change.message.as_deref());
        let by = match message.identity() {
            Identity::Unnamed => return None,
            Identity::Account(account) if account == self.account => return None,
            Identity::Account(account) => account,
            Identity::Local(local) => match (self.claimed_by)(&local) {
                Some(owner) if owner != self.account => format!("local:{local}"),
                _ => return None,
            },
        };
        Some(ForeignChange {
            doc_id: doc_id.to_owned(),
            change: hex::encode(change.hash.0),
            by,
            name: message.author.name,
        })
    }
}

/// The changes `doc` holds beyond `before`, and those of them that are not `pusher`'s.
fn authors(
    doc: &mut AutoCommit,
    before: &[ChangeHash],
    doc_id: &str,
    pusher: &Pusher<'_>,
) -> (Vec<ChangeHash>, Vec<ForeignChange>) {
    let mut added = Vec::new();
    let mut foreign = Vec::new();
    for change in doc.get_changes_meta(before) {
        added.push(change.hash);
        foreign.extend(pusher.foreign(doc_id, &change));
    }
    (added, foreign)
}

/// The decisions `doc` records beyond `before` that the pusher's roster does not bear out.
fn judge_decisions(
    registry: &crate::record::Registry,
    before: &[crate::record::HeldDecision],
    doc: &AutoCommit,
    doc_id: &str,
    pusher: &Pusher<'_>,
) -> Vec<RefusedDecision> {
    let Some(roster) = pusher.roster else {
        return Vec::new();
    };
    let refuse = |action: &str, reason: &str| RefusedDecision {
        doc_id: doc_id.to_owned(),
        action: action.to_owned(),
        reason: reason.to_owned(),
    };
    let mut refused = Vec::new();
    for held in registry.decisions(doc, doc_id) {
        if before.contains(&held) {
            continue;
        }
        let Some(signed) = &held.signed else {
            refused.push(refuse(held.action, "unsigned"));
            continue;
        };
        if signed.decision.record != doc_id || signed.decision.action != held.action {
            refused.push(refuse(held.action, "other_record"));
            continue;
        }
        let verdict = crate::trust::verify_all(roster, &[(signed, Some(held.content_now))]);
        if let Some(verdict) = verdict.first().filter(|verdict| !verdict.is_valid()) {
            refused.push(refuse(held.action, verdict.code()));
            continue;
        }
        if let Some(reason) = pusher
            .now_ms
            .and_then(|now| arrives_late(roster, &signed.decision, now))
        {
            refused.push(refuse(held.action, reason));
        }
    }
    refused
}

/// Why a decision valid at its own time is not taken when it arrives at `now`: its key was
/// revoked since (a lost laptop signing with a time before the revocation), its signer is no
/// longer entitled (a clock set back), or it claims a time ahead of the server's.
fn arrives_late(
    roster: &crate::trust::Roster,
    decision: &crate::trust::Decision,
    now: i64,
) -> Option<&'static str> {
    if decision.at_ms > now + CLOCK_SKEW_MS {
        return Some("from_the_future");
    }
    let member = roster.member(&decision.signer)?;
    if member
        .key(&decision.key)
        .and_then(|key| key.revoked_at_ms)
        .is_some_and(|revoked| revoked <= now)
    {
        return Some("key_revoked");
    }
    if !member.entitled(decision.capability, now) {
        return Some("not_entitled");
    }
    None
}

/// Who pushed which changes: one push's record (or part of it).
#[derive(Serialize, Deserialize)]
struct PushedBy {
    account: String,
    changes: Vec<Hash>,
}

/// The code of a pushed document refused because it does not fit its kind.
pub const UNFIT_DOCUMENT: &str = "unfit_document";

/// Most change hashes in one [`PushedBy`] record (32 KiB: far below sled's own-file size).
const PUSHED_BY_PART: usize = 1_000;

fn pushed_by_key(seq: u64, part: u16) -> Vec<u8> {
    let mut key = b"p/".to_vec();
    key.extend_from_slice(&seq.to_be_bytes());
    key.extend_from_slice(&part.to_be_bytes());
    key
}

pub struct Hub {
    workspace: Arc<Workspace>,
    owners: Arc<dyn Tree>,
    /// Pushes write under the write lock; answers read document bytes under the read lock
    /// so they never see a half-rewritten document.
    lock: RwLock<()>,
    /// Checks and records devices' exchange numbers one at a time (see [`Hub::exchange`]).
    exchange_numbers: std::sync::Mutex<()>,
    documents: AtomicU64,
    document_bytes: AtomicU64,
    /// The feed's epoch, as stored under `y/epoch` (it changes only by a restore, which
    /// happens while no hub is open).
    epoch: FeedEpoch,
    /// Blobs being written now, by hash: one upload of a hash writes at a time.
    uploads: Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
}

/// A blob upload under way ([`Hub::blob_upload`]): its bytes go to the store as they come.
/// Dropped without [`Hub::blob_upload_finish`], it leaves no blob (only chunks nothing reads).
pub struct BlobUpload {
    upload: blobs::Upload,
    /// The blob was stored already: the bytes are only checked against the hash.
    stored: bool,
    _claim: Option<UploadClaim>,
}

impl BlobUpload {
    /// Bytes taken so far.
    pub fn size(&self) -> u64 {
        self.upload.size()
    }
}

/// A hash being written, released when its upload ends however it ends.
struct UploadClaim {
    uploads: Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
    sha: String,
}

impl Drop for UploadClaim {
    fn drop(&mut self) {
        let mut uploads = self.uploads.lock().unwrap_or_else(|p| p.into_inner());
        uploads.remove(&self.sha);
    }
}

const EPOCH: &[u8] = b"y/epoch";

/// The epoch stored in a hub's tree, if it has one.
fn stored_epoch(tree: &dyn Tree) -> Result<Option<FeedEpoch>, StoreError> {
    match tree.get(EPOCH)? {
        Some(bytes) => {
            let bytes: [u8; 16] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| damaged("feed epoch", "not 16 bytes"))?;
            Ok(Some(FeedEpoch(bytes)))
        }
        None => Ok(None),
    }
}

fn feed_key(seq: u64) -> Vec<u8> {
    let mut key = b"f/".to_vec();
    key.extend_from_slice(&seq.to_be_bytes());
    key
}

fn doc_seq_key(doc_id: &str) -> Vec<u8> {
    format!("fd/{doc_id}").into_bytes()
}

fn hashes(heads: &[ChangeHash]) -> Vec<Hash> {
    heads.iter().map(|hash| hash.0).collect()
}

/// Whether `bytes` start like an Automerge chunk (magic bytes `85 6f 4a 83`).
fn is_change_chunks(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x85, 0x6f, 0x4a, 0x83])
}

/// One pushed document after checking, before it is written.
impl Checked {
    /// A document refused on its own: it adds nothing, so nothing of it is judged further.
    fn refused(doc_id: &str, heads: Vec<ChangeHash>, reason: String) -> Checked {
        Checked::refused_as(UNFIT_DOCUMENT, doc_id, heads, reason)
    }

    fn refused_as(
        code: &'static str,
        doc_id: &str,
        heads: Vec<ChangeHash>,
        reason: String,
    ) -> Checked {
        Checked {
            doc_id: doc_id.to_owned(),
            heads,
            outcome: Outcome::Refused(code, reason),
            added: Vec::new(),
            foreign: Vec::new(),
            refused_decisions: Vec::new(),
        }
    }
}

struct Checked {
    doc_id: String,
    /// Heads of the pushed bytes alone.
    heads: Vec<ChangeHash>,
    outcome: Outcome,
    /// The changes the push adds to what the workspace holds.
    added: Vec<ChangeHash>,
    /// Those of them recorded as someone else's.
    foreign: Vec<ForeignChange>,
    /// Decisions the push adds that the roster does not bear out.
    refused_decisions: Vec<RefusedDecision>,
}

/// A decision a push adds that the server does not take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedDecision {
    pub doc_id: String,
    pub action: String,
    /// `unsigned`, `other_record`, or a `trust::Verdict` code (`not_entitled`, `key_revoked`,
    /// `signature_invalid`, `unknown_signer`, `unknown_key`, `content_changed`).
    pub reason: String,
}

enum Outcome {
    /// A document the workspace did not have: store the pushed bytes as they are.
    New(Vec<u8>),
    /// A document that does not fit its kind (see `record::Registry::check`) or that an
    /// administrator quarantined: not stored. The code, and why.
    Refused(&'static str, String),
    /// Merged into the stored document, whose heads before the merge are kept.
    Merged(Box<docs::StoredDoc>, Vec<ChangeHash>),
    NeedFull,
}

impl Hub {
    /// Opens the hub of workspace `id`. A workspace whose feed has no epoch yet (a new one, or
    /// one from before epochs) gets `new_epoch`, durably, before anything is answered: the
    /// caller passes a random one (core has no randomness of its own).
    pub fn open(store: &Store, id: &WorkspaceId, new_epoch: FeedEpoch) -> Result<Hub, StoreError> {
        let workspace = store.workspace(id)?;
        let epoch = match stored_epoch(workspace.tree.as_ref())? {
            Some(epoch) => epoch,
            None => {
                let mut batch = Batch::default();
                batch.put(EPOCH, new_epoch.0.to_vec());
                workspace.tree.apply(batch)?;
                workspace.tree.flush()?;
                new_epoch
            }
        };
        let owners = store.aux_tree("doc-owners")?;
        let mut documents = 0;
        workspace.tree.for_each_prefix(b"fd/", &mut |_, _| {
            documents += 1;
            Ok(())
        })?;
        let document_bytes = workspace.stored_document_bytes()?;
        Ok(Hub {
            workspace,
            owners,
            lock: RwLock::new(()),
            exchange_numbers: std::sync::Mutex::new(()),
            documents: AtomicU64::new(documents),
            document_bytes: AtomicU64::new(document_bytes),
            epoch,
            uploads: Arc::default(),
        })
    }

    /// The account that pushed the change `hash` (the first push that brought it here): a
    /// scan of the push records, for an administrator or an auditor, not for every request.
    pub fn pushed_by(&self, hash: &ChangeHash) -> Result<Option<String>, StoreError> {
        let mut found = None;
        self.tree().for_each_prefix(b"p/", &mut |_, value| {
            if found.is_none() {
                let record: PushedBy =
                    postcard::from_bytes(value).map_err(|e| damaged("push record", e))?;
                if record.changes.contains(&hash.0) {
                    found = Some(record.account);
                }
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// The epoch of this workspace's feed, sent in every answer.
    pub fn epoch(&self) -> FeedEpoch {
        self.epoch
    }

    pub fn workspace_id(&self) -> WorkspaceId {
        self.workspace.meta().id
    }

    pub fn stats(&self) -> HubStats {
        HubStats {
            documents: self.documents.load(Ordering::Relaxed),
            document_bytes: self.document_bytes.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn tree(&self) -> &dyn Tree {
        self.workspace.tree.as_ref()
    }

    /// One sync exchange: store the pushes durably, then list the feed after the cursor,
    /// then answer the wants.
    pub fn exchange(
        &self,
        request: SyncRequest,
        client: &str,
        pusher: &Pusher<'_>,
    ) -> Result<SyncResponse, HubError> {
        if request.push.len() > MAX_ITEMS || request.want.len() > MAX_ITEMS {
            return Err(HubError::TooManyItems);
        }
        let ids = request.push.iter().map(|p| &p.doc_id);
        if let Some(bad) = ids
            .chain(request.want.iter().map(|w| &w.doc_id))
            .find(|id| !valid_doc_id(id))
        {
            return Err(HubError::BadDocumentId(bad.chars().take(80).collect()));
        }
        if !request.push.is_empty() {
            match pusher.scope {
                PushScope::Nothing => return Err(HubError::ReadOnly),
                PushScope::AuditRecords => {
                    let kinds = self.workspace.registry();
                    let others: Vec<String> = request
                        .push
                        .iter()
                        .filter(|push| !kinds.audit_record(&push.doc_id))
                        .map(|push| push.doc_id.clone())
                        .collect();
                    if !others.is_empty() {
                        return Err(HubError::AuditorScope { documents: others });
                    }
                }
                PushScope::Everything => {}
            }
        }
        if request.exchange > 0 {
            self.check_exchange_number(client, request.exchange)?;
        }
        let mut response = SyncResponse {
            epoch: self.epoch,
            ..SyncResponse::default()
        };
        if !request.push.is_empty() {
            response.pushed = self.store_pushes(request.push, client, pusher)?;
        }
        let _reading = self.lock.read().unwrap_or_else(|p| p.into_inner());
        if let Some(cursor) = request.cursor {
            self.read_feed(cursor, request.feed_limit, client, &mut response)?;
        }
        for want in &request.want {
            if response.docs.iter().map(|d| d.data.len()).sum::<usize>() >= ANSWER_BUDGET_BYTES {
                break;
            }
            response
                .docs
                .push(self.document_for(&want.doc_id, &want.have)?);
        }
        Ok(response)
    }

    /// A device numbers its exchanges upwards (`SyncRequest::exchange`); one not above the
    /// last seen from it comes from a copy of its data (a copied data directory, a restore
    /// from a backup) after another copy synced as the same device. Left alone, the copy
    /// would never be told of the other's changes (the feed skips a device's own pushes) and
    /// a restored device would never get back what it pushed after the backup; refused, the
    /// copy goes on as a new device. The number is written with the next flush, not on its
    /// own: after a crash the server may have forgotten the last one, which only delays
    /// noticing a copy to that copy's next exchange.
    fn check_exchange_number(&self, client: &str, sent: u64) -> Result<(), HubError> {
        let _one_at_a_time = self
            .exchange_numbers
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let key = format!("x/{client}").into_bytes();
        let seen = self.tree().get(&key)?.as_deref().and_then(decode_u64);
        if let Some(seen) = seen.filter(|seen| sent <= *seen) {
            return Err(HubError::CopiedDevice { sent, seen });
        }
        let mut batch = Batch::default();
        batch.put(key, sent.to_be_bytes().to_vec());
        match self.tree().apply(batch) {
            // A full disk refuses pushes, never reads: a number not recorded only delays
            // noticing a copy, as after a crash.
            Ok(()) | Err(StoreError::DiskFull) => Ok(()),
            Err(error) => Err(error.into()),
        }
    }

    fn store_pushes(
        &self,
        pushes: Vec<super::protocol::DocPush>,
        client: &str,
        pusher: &Pusher<'_>,
    ) -> Result<Vec<PushResult>, HubError> {
        let _writing = self.lock.write().unwrap_or_else(|p| p.into_inner());
        let checked = self.check_pushes(pushes, pusher)?;
        // Refused whole: nothing of a push holding someone else's changes is stored (the
        // documents it merged in memory are dropped; the cache only lacks them).
        let foreign: Vec<ForeignChange> = checked
            .iter()
            .flat_map(|item| item.foreign.iter().cloned())
            .collect();
        if !foreign.is_empty() {
            return Err(HubError::AuthorMismatch {
                account: pusher.account.to_owned(),
                changes: foreign,
            });
        }
        let refused: Vec<RefusedDecision> = checked
            .iter()
            .flat_map(|item| item.refused_decisions.iter().cloned())
            .collect();
        if !refused.is_empty() {
            return Err(HubError::DecisionRefused { decisions: refused });
        }
        let tree = self.tree();
        let mut batch = Batch::default();
        let mut seq = tree
            .get(b"y/seq")?
            .as_deref()
            .and_then(decode_u64)
            .unwrap_or(0);
        let mut results = Vec::with_capacity(checked.len());
        let mut new_docs = 0u64;
        let mut owners = Batch::default();
        let owner = self.workspace_id().to_string().into_bytes();
        let mut added_bytes = 0u64;
        // Merged documents go back to the cache once the batch is durable, not before.
        let mut merged_docs = Vec::new();
        let mut added: Vec<Hash> = Vec::new();
        for item in checked {
            added.extend(item.added.iter().map(|hash| hash.0));
            let heads = match item.outcome {
                Outcome::NeedFull => {
                    results.push(PushResult::NeedFull);
                    continue;
                }
                Outcome::Refused(code, reason) => {
                    tracing::warn!(doc_id = %item.doc_id, %code, %reason, "a pushed document is refused");
                    results.push(PushResult::Refused {
                        code: code.to_owned(),
                        reason,
                    });
                    continue;
                }
                Outcome::New(bytes) => {
                    docs::write_snapshot(&mut batch, &item.doc_id, &bytes);
                    added_bytes += bytes.len() as u64;
                    owners.put(item.doc_id.as_bytes().to_vec(), owner.clone());
                    new_docs += 1;
                    item.heads.clone()
                }
                Outcome::Merged(mut stored, before) => {
                    if stored.appended_changes >= COMPACT_AFTER_CHANGES {
                        docs::compact_into(tree, &mut batch, &mut stored, &item.doc_id)?;
                    } else {
                        docs::append_pending(tree, &mut batch, &mut stored, &item.doc_id)?;
                    }
                    let after = stored.doc.get_heads();
                    merged_docs.push((item.doc_id.clone(), stored));
                    if before == after {
                        results.push(PushResult::Stored {
                            heads: hashes(&item.heads),
                        });
                        continue;
                    }
                    after
                }
            };
            // The pusher already holds this state only if the merge added nothing it lacks.
            let mut pushed = item.heads.clone();
            let mut merged = heads.clone();
            pushed.sort();
            merged.sort();
            let writer = if pushed == merged { client } else { "" };
            seq += 1;
            if let Some(old) = tree.get(&doc_seq_key(&item.doc_id))? {
                if let Some(old) = decode_u64(&old) {
                    batch.delete(feed_key(old));
                }
            }
            batch.put(doc_seq_key(&item.doc_id), seq.to_be_bytes().to_vec());
            let record = FeedRecord {
                doc_id: item.doc_id,
                heads: hashes(&heads),
                client: writer.to_owned(),
            };
            batch.put(
                feed_key(seq),
                postcard::to_allocvec(&record).unwrap_or_default(),
            );
            results.push(PushResult::Stored {
                heads: hashes(&item.heads),
            });
        }
        batch.put(b"y/seq".to_vec(), seq.to_be_bytes().to_vec());
        for (part, changes) in added.chunks(PUSHED_BY_PART).enumerate() {
            let record = PushedBy {
                account: pusher.account.to_owned(),
                changes: changes.to_vec(),
            };
            batch.put(
                pushed_by_key(seq, part as u16),
                postcard::to_allocvec(&record).unwrap_or_default(),
            );
        }
        // Owners first: a crash between the two leaves an owner with no document, which only
        // means the same workspace may push it again.
        self.owners.apply(owners)?;
        tree.apply(batch)?;
        tree.flush()?;
        for (doc_id, stored) in merged_docs {
            self.keep_cached(doc_id, *stored);
        }
        self.documents.fetch_add(new_docs, Ordering::Relaxed);
        self.document_bytes
            .fetch_add(added_bytes, Ordering::Relaxed);
        Ok(results)
    }

    /// Loads and merges every pushed document, in parallel, without writing anything.
    fn check_pushes(
        &self,
        pushes: Vec<super::protocol::DocPush>,
        pusher: &Pusher<'_>,
    ) -> Result<Vec<Checked>, HubError> {
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = pushes.len().div_ceil(workers).max(64);
        let results: Vec<Result<Vec<Checked>, HubError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = pushes
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || part.iter().map(|p| self.check(p, pusher)).collect())
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| {
                    handle.join().unwrap_or_else(|_| {
                        Err(HubError::Store(damaged("push", "a worker panicked")))
                    })
                })
                .collect()
        });
        let mut checked = Vec::with_capacity(pushes.len());
        for part in results {
            checked.extend(part?);
        }
        Ok(checked)
    }

    fn check(
        &self,
        push: &super::protocol::DocPush,
        pusher: &Pusher<'_>,
    ) -> Result<Checked, HubError> {
        let bad = |reason: String| HubError::BadDocument {
            doc_id: push.doc_id.clone(),
            reason,
        };
        // Whole documents load on their own, which also tells their heads; changes that build
        // on what the server holds load only on top of the stored document.
        let alone = AutoCommit::load(&push.data).map(|mut doc| {
            let complete = doc.get_missing_deps(&[]).is_empty();
            (doc.get_heads(), complete, doc)
        });
        if self.is_quarantined(&push.doc_id)? {
            let heads = alone.map(|(heads, _, _)| heads).unwrap_or_default();
            return Ok(Checked::refused_as(
                documents::QUARANTINED,
                &push.doc_id,
                heads,
                "an administrator quarantined this document on the server".into(),
            ));
        }
        let stored = self.take_or_load(&push.doc_id)?;
        let (heads, outcome) = match (stored, alone) {
            (None, alone) => {
                if let Some(owner) = self.owners.get(push.doc_id.as_bytes())? {
                    if owner != self.workspace_id().to_string().as_bytes() {
                        return Err(HubError::OtherWorkspace(push.doc_id.clone()));
                    }
                }
                match alone {
                    Ok((heads, true, mut doc)) if !heads.is_empty() => {
                        if let Fit::Unfit(reason) =
                            self.workspace.registry().check(&mut doc, &push.doc_id)
                        {
                            return Ok(Checked::refused(&push.doc_id, heads, reason));
                        }
                        // A new document pushed as its first change (how devices write new
                        // records) is kept saved whole: a fresh device loads that a third
                        // faster than the change.
                        let bytes = match is_change_chunks(&push.data) {
                            true => doc.save(),
                            false => push.data.clone(),
                        };
                        let (added, foreign) = authors(&mut doc, &[], &push.doc_id, pusher);
                        let refused_decisions = judge_decisions(
                            self.workspace.registry(),
                            &[],
                            &doc,
                            &push.doc_id,
                            pusher,
                        );
                        return Ok(Checked {
                            doc_id: push.doc_id.clone(),
                            heads,
                            outcome: Outcome::New(bytes),
                            added,
                            foreign,
                            refused_decisions,
                        });
                    }
                    Ok(_) => (Vec::new(), Outcome::NeedFull),
                    // Changes for a document this server does not have: ask for all of it.
                    Err(_) if is_change_chunks(&push.data) => (Vec::new(), Outcome::NeedFull),
                    Err(e) => return Err(bad(e.to_string())),
                }
            }
            (Some(mut stored), alone) => {
                let before = stored.doc.get_heads();
                let decisions_before = match pusher.roster {
                    Some(_) => self
                        .workspace
                        .registry()
                        .decisions(&stored.doc, &push.doc_id),
                    None => Vec::new(),
                };
                stored
                    .doc
                    .load_incremental(&push.data)
                    .map_err(|e| bad(e.to_string()))?;
                let heads = match alone {
                    Ok((heads, _, _)) => heads,
                    Err(_) => push.heads.iter().map(|h| ChangeHash(*h)).collect(),
                };
                if stored.doc.get_missing_deps(&[]).is_empty() {
                    if let Fit::Unfit(reason) = self
                        .workspace
                        .registry()
                        .check(&mut stored.doc, &push.doc_id)
                    {
                        // The merged document is dropped: the cache only lacks it.
                        return Ok(Checked::refused(&push.doc_id, heads, reason));
                    }
                    let (added, foreign) = authors(&mut stored.doc, &before, &push.doc_id, pusher);
                    let refused_decisions = judge_decisions(
                        self.workspace.registry(),
                        &decisions_before,
                        &stored.doc,
                        &push.doc_id,
                        pusher,
                    );
                    return Ok(Checked {
                        doc_id: push.doc_id.clone(),
                        heads,
                        outcome: Outcome::Merged(Box::new(stored), before),
                        added,
                        foreign,
                        refused_decisions,
                    });
                } else {
                    (heads, Outcome::NeedFull)
                }
            }
        };
        Ok(Checked {
            doc_id: push.doc_id.clone(),
            heads,
            outcome,
            added: Vec::new(),
            foreign: Vec::new(),
            refused_decisions: Vec::new(),
        })
    }

    fn read_feed(
        &self,
        cursor: u64,
        limit: u32,
        client: &str,
        response: &mut SyncResponse,
    ) -> Result<(), HubError> {
        let limit = (limit as usize).clamp(1, MAX_FEED_PAGE);
        let start = feed_key(cursor.saturating_add(1));
        let records = self.tree().scan_from(b"f/", &start, MAX_FEED_SCAN)?;
        response.cursor = cursor;
        response.more = false;
        for (key, value) in records {
            if response.changed.len() >= limit {
                response.more = true;
                break;
            }
            let seq = decode_u64(&key[2..]).ok_or_else(|| damaged("feed key", "too short"))?;
            response.cursor = seq;
            let record: FeedRecord =
                postcard::from_bytes(&value).map_err(|e| damaged("feed record", e))?;
            if record.client != client {
                response.changed.push(FeedEntry {
                    doc_id: record.doc_id,
                    heads: record.heads,
                });
            }
        }
        if !response.more {
            let last = self.tree().get(b"y/seq")?.as_deref().and_then(decode_u64);
            // Scanned everything up to the cap but the feed goes on: say so.
            if last.is_some_and(|last| last > response.cursor) && response.changed.len() < limit {
                response.more = self
                    .tree()
                    .scan_from(b"f/", &feed_key(response.cursor + 1), 1)?
                    .len()
                    == 1;
            }
        }
        Ok(())
    }

    fn document_for(&self, doc_id: &str, have: &[Hash]) -> Result<DocData, HubError> {
        let tree = self.tree();
        let seq = tree
            .get(&doc_seq_key(doc_id))?
            .as_deref()
            .and_then(decode_u64)
            .ok_or_else(|| HubError::UnknownDocument(doc_id.to_owned()))?;
        let record: FeedRecord = match tree.get(&feed_key(seq))? {
            Some(bytes) => postcard::from_bytes(&bytes).map_err(|e| damaged("feed record", e))?,
            None => return Err(HubError::UnknownDocument(doc_id.to_owned())),
        };
        if have.is_empty() {
            // The stored snapshot and appended changes, byte for byte, load as one document.
            let mut data = Vec::new();
            tree.for_each_prefix(&docs::doc_prefix(doc_id), &mut |_, bytes| {
                data.extend_from_slice(bytes);
                Ok(())
            })?;
            return Ok(DocData {
                doc_id: doc_id.to_owned(),
                heads: record.heads,
                data,
            });
        }
        let mut stored = self
            .take_or_load(doc_id)?
            .ok_or_else(|| HubError::UnknownDocument(doc_id.to_owned()))?;
        let known: Vec<ChangeHash> = have
            .iter()
            .map(|h| ChangeHash(*h))
            .filter(|h| stored.doc.get_change_meta_by_hash(h).is_some())
            .collect();
        let data = if known.is_empty() {
            stored.doc.save()
        } else {
            stored.doc.save_after(&known)
        };
        let heads = hashes(&stored.doc.get_heads());
        self.keep_cached(doc_id.to_owned(), stored);
        Ok(DocData {
            doc_id: doc_id.to_owned(),
            heads,
            data,
        })
    }

    /// The document as stored, from the cache (taking it out) or from the tree. Callers hold
    /// the hub's lock, so what the cache holds is what the tree holds.
    fn take_or_load(&self, doc_id: &str) -> Result<Option<docs::StoredDoc>, HubError> {
        // The cache's lock is held only to take the document, never while loading one.
        let cached = self.workspace.lock_docs().remove(doc_id);
        match cached {
            Some(stored) => Ok(Some(stored)),
            None => Ok(docs::load(self.tree(), doc_id)?),
        }
    }

    /// Puts a document whose state is durable back into the cache.
    fn keep_cached(&self, doc_id: String, stored: docs::StoredDoc) {
        let mut cache = self.workspace.lock_docs();
        self.workspace.keep_doc(&mut cache, doc_id, stored);
    }

    /// Which of `hashes` this workspace lacks.
    pub fn blob_missing(&self, hashes: &[String]) -> Result<Vec<String>, HubError> {
        if hashes.len() > MAX_ITEMS {
            return Err(HubError::TooManyItems);
        }
        let mut missing = Vec::new();
        for sha in hashes {
            if !blobs::valid_sha(sha) {
                return Err(HubError::BadBlobHash(sha.chars().take(80).collect()));
            }
            if !blobs::has(self.tree(), sha)? {
                missing.push(sha.clone());
            }
        }
        Ok(missing)
    }

    pub fn blob_put(&self, sha: &str, bytes: &[u8]) -> Result<(), HubError> {
        if !blobs::valid_sha(sha) {
            return Err(HubError::BadBlobHash(sha.chars().take(80).collect()));
        }
        if bytes.len() > blobs::MAX_BLOB_BYTES {
            return Err(HubError::BlobTooLarge);
        }
        let actual = blobs::sha256_hex(bytes);
        if actual != sha {
            return Err(HubError::HashMismatch {
                expected: sha.to_owned(),
                actual,
            });
        }
        let _claim = match blobs::has(self.tree(), sha)? {
            true => return Ok(()),
            false => self.claim_upload(sha)?,
        };
        self.check_manifest(bytes, bytes.len() as u64)?;
        let _writing = self.lock.write().unwrap_or_else(|p| p.into_inner());
        if blobs::has(self.tree(), sha)? {
            return Ok(());
        }
        let mut batch = Batch::default();
        blobs::put_durable(self.tree(), &mut batch, sha, bytes)?;
        self.tree().apply(batch)?;
        self.tree().flush()?;
        Ok(())
    }

    /// A blob beginning as a large file's manifest counts only as a manifest this version
    /// reads whose parts are all here at their sizes (`head`: its first bytes, all of them
    /// when it is no larger than a manifest may be; `size`: all it holds).
    fn check_manifest(&self, head: &[u8], size: u64) -> Result<(), HubError> {
        if !Manifest::is_manifest(head) {
            return Ok(());
        }
        if size > MAX_MANIFEST_BYTES as u64 {
            return Err(ManifestError::TooLarge.into());
        }
        let manifest = Manifest::decode(head)?;
        match large_files::check_parts(self.tree(), &manifest)? {
            None => Ok(()),
            Some(PartProblem::Missing { part, index }) => {
                Err(HubError::ManifestPartMissing { part, index })
            }
            Some(PartProblem::WrongSize {
                part,
                index,
                expected,
                actual,
            }) => Err(HubError::ManifestPartWrongSize {
                part,
                index,
                expected,
                actual,
            }),
        }
    }

    fn claim_upload(&self, sha: &str) -> Result<UploadClaim, HubError> {
        let mut uploads = self.uploads.lock().unwrap_or_else(|p| p.into_inner());
        if !uploads.insert(sha.to_owned()) {
            return Err(HubError::BlobUploadBusy);
        }
        Ok(UploadClaim {
            uploads: self.uploads.clone(),
            sha: sha.to_owned(),
        })
    }

    /// Starts an upload of the blob `sha` whose bytes come in pieces ([`Hub::blob_upload_write`],
    /// then [`Hub::blob_upload_finish`]), so that the server never holds a large blob whole.
    /// 409 `blob_upload_in_progress` while another upload of it writes.
    pub fn blob_upload(&self, sha: &str) -> Result<BlobUpload, HubError> {
        if !blobs::valid_sha(sha) {
            return Err(HubError::BadBlobHash(sha.chars().take(80).collect()));
        }
        let stored = blobs::has(self.tree(), sha)?;
        let claim = match stored {
            true => None,
            false => Some(self.claim_upload(sha)?),
        };
        // An upload of a blob stored already is only checked: nothing of it is written.
        let folder = if stored {
            None
        } else {
            self.tree().part_folder()
        };
        Ok(BlobUpload {
            upload: blobs::Upload::new(sha, folder),
            stored,
            _claim: claim,
        })
    }

    /// Takes the next bytes of an upload: its full chunks are written (made durable with the
    /// rest by `blob_upload_finish`).
    pub fn blob_upload_write(&self, upload: &mut BlobUpload, bytes: &[u8]) -> Result<(), HubError> {
        if upload.upload.size() + bytes.len() as u64 > blobs::MAX_BLOB_BYTES as u64 {
            return Err(HubError::BlobTooLarge);
        }
        let mut batch = Batch::default();
        upload.upload.write(bytes, &mut batch)?;
        let nothing_to_write = batch.puts.is_empty() && batch.deletes.is_empty();
        if !upload.stored && !nothing_to_write {
            self.tree().apply(batch)?;
        }
        Ok(())
    }

    /// Ends an upload: when its bytes have the hash it names, the blob exists from now on
    /// (durably); when not, 400 `hash_mismatch` and what it wrote is removed.
    pub fn blob_upload_finish(&self, upload: BlobUpload) -> Result<(), HubError> {
        if let Some(actual) = upload.upload.mismatch() {
            let expected = upload.upload.sha().to_owned();
            self.blob_upload_abandon(upload)?;
            return Err(HubError::HashMismatch { expected, actual });
        }
        let BlobUpload {
            upload,
            stored,
            _claim,
        } = upload;
        if stored {
            return Ok(());
        }
        if let Err(error) = self.check_manifest(upload.head(), upload.size()) {
            let mut batch = Batch::default();
            upload.abandon(&mut batch);
            self.tree().apply(batch)?;
            return Err(error);
        }
        let _writing = self.lock.write().unwrap_or_else(|p| p.into_inner());
        let mut batch = Batch::default();
        upload.finish(self.tree(), &mut batch)?;
        self.tree().apply(batch)?;
        self.tree().flush()?;
        Ok(())
    }

    /// Removes what an upload that will not be finished wrote.
    pub fn blob_upload_abandon(&self, upload: BlobUpload) -> Result<(), HubError> {
        let BlobUpload {
            upload,
            stored,
            _claim,
        } = upload;
        if stored {
            return Ok(());
        }
        let mut batch = Batch::default();
        upload.abandon(&mut batch);
        self.tree().apply(batch)?;
        Ok(())
    }

    pub fn blob_get(&self, sha: &str) -> Result<Option<Vec<u8>>, HubError> {
        if !blobs::valid_sha(sha) {
            return Err(HubError::BadBlobHash(sha.chars().take(80).collect()));
        }
        Ok(blobs::get(self.tree(), sha)?)
    }
}
