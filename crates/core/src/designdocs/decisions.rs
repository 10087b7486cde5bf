//! The reviewers' decisions on a design document, signed (issue 9's machinery, as
//! purchasing's `decisions`): each is signed over the content hash of the version it is on
//! (the document id, the version's number and its file's SHA-256), so any device, and the
//! team server through [`held`], checks it against exactly the file that was reviewed; a
//! decision whose hash is not its version's is another version's and does not count.

use super::model::{DesignDoc, ReviewVerdict};
use crate::record::HeldDecision;
use crate::trust::{content_hash, Capability, SignedDecision};

pub const APPROVE_DESIGN: &str = "approve_design";
pub const REJECT_DESIGN: &str = "reject_design";
pub const REQUEST_DESIGN_CHANGES: &str = "request_design_changes";

/// Every reviewer's decision needs this capability (a named reviewer holds it too).
pub const REVIEW_CAPABILITY: Capability = Capability::SignOffDesigns;

/// The action a decision is signed as.
pub fn action_of(verdict: ReviewVerdict) -> &'static str {
    match verdict {
        ReviewVerdict::Approve => APPROVE_DESIGN,
        ReviewVerdict::Reject => REJECT_DESIGN,
        ReviewVerdict::Changes => REQUEST_DESIGN_CHANGES,
    }
}

/// The content hash a decision on version `number` (file `sha256`) of `doc_id` is over.
pub fn version_hash(doc_id: &str, number: u32, sha256: &str) -> [u8; 32] {
    content_hash(&[doc_id, &number.to_string(), sha256])
}

/// [`version_hash`] of the version `key` of `doc` (of nothing when it has no such version,
/// which no signature covers).
pub fn version_hash_of(doc: &DesignDoc, key: &str) -> [u8; 32] {
    match doc.versions.get(key) {
        Some(version) => version_hash(&doc.doc_id(), version.number, &version.sha256),
        None => content_hash(&[]),
    }
}

pub(crate) fn parse(text: &str) -> Option<SignedDecision> {
    serde_json::from_str(text).ok()
}

pub fn encode(decision: &SignedDecision) -> String {
    serde_json::to_string(decision).unwrap_or_default()
}

/// Every decision the document records, signed or not, with the hash of the version it
/// names: what every device judges and the server checks in a push.
pub fn held(doc: &DesignDoc) -> Vec<HeldDecision> {
    doc.decisions
        .values()
        .map(|decision| HeldDecision {
            action: action_of(decision.verdict),
            signed: decision.signed.as_deref().and_then(parse),
            content_now: version_hash_of(doc, &decision.version),
        })
        .collect()
}
