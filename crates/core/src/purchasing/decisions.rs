//! The decisions on a purchase request that others rely on, signed (issue 9's machinery):
//! each approver's approval, rejection or request for changes at their step, and the choice
//! of vendor. Each is signed over the content it was made on, whose text the request keeps
//! in `snapshots` by its hash, so that any device (and the team server) checks a decision
//! against exactly what it decided, while a later edit only makes it stale (see
//! `PurchaseRequest::counts`) instead of invalid.

use super::request::{PurchaseRequest, Selection, Verdict};
use crate::record::HeldDecision;
use crate::trust::{content_hash, Capability, SignedDecision};

pub const APPROVE_PURCHASE: &str = "approve_purchase";
pub const REJECT_PURCHASE: &str = "reject_purchase";
pub const REQUEST_CHANGES: &str = "request_purchase_changes";
pub const SELECT_VENDOR: &str = "select_vendor";

/// The action a step decision is signed as.
pub fn action_of(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Approve => APPROVE_PURCHASE,
        Verdict::Reject => REJECT_PURCHASE,
        Verdict::Changes => REQUEST_CHANGES,
    }
}

/// The capability each signed purchasing action needs.
pub fn capability_of(action: &str) -> Option<Capability> {
    match action {
        APPROVE_PURCHASE | REJECT_PURCHASE | REQUEST_CHANGES => Some(Capability::ApprovePurchases),
        SELECT_VENDOR => Some(Capability::SelectVendors),
        _ => None,
    }
}

/// The hash a decision names for the content text `text` of request `doc_id`.
pub fn hash_of(doc_id: &str, text: &str) -> [u8; 32] {
    content_hash(&[doc_id, text])
}

/// What a selection decides on, as text: the request's content, then each line's vendor
/// and the reason.
pub fn selection_text(
    request: &PurchaseRequest,
    lines: &[(String, String)],
    reason: &str,
) -> String {
    let mut text = request.content_text();
    for (line, vendor) in lines {
        text.push_str(&format!("select {line}={vendor}\n"));
    }
    text.push_str(&format!("reason {reason}\n"));
    text
}

pub(crate) fn parse(text: &str) -> Option<SignedDecision> {
    serde_json::from_str(text).ok()
}

pub fn encode(decision: &SignedDecision) -> String {
    serde_json::to_string(decision).unwrap_or_default()
}

/// The content hash a decision's snapshot gives now (the hash of a missing snapshot is of
/// nothing, which no signature covers).
fn snapshot_hash(request: &PurchaseRequest, content_hex: &str) -> [u8; 32] {
    let text = request
        .snapshots
        .get(content_hex)
        .map(String::as_str)
        .unwrap_or("");
    hash_of(&request.doc_id(), text)
}

/// Every decision the request records, signed or not, with the content it should be on:
/// what every device judges and the server checks in a push.
pub fn held(request: &PurchaseRequest) -> Vec<HeldDecision> {
    let mut held: Vec<HeldDecision> = request
        .decisions
        .values()
        .map(|decision| HeldDecision {
            action: action_of(decision.verdict),
            signed: decision.signed.as_deref().and_then(parse),
            content_now: snapshot_hash(request, &decision.content),
        })
        .collect();
    held.extend(
        request
            .selections
            .values()
            .map(|selection: &Selection| HeldDecision {
                action: SELECT_VENDOR,
                signed: selection.signed.as_deref().and_then(parse),
                content_now: snapshot_hash(request, &selection.content),
            }),
    );
    held
}
