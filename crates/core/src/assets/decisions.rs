//! The decisions of an asset's disposal that others rely on, signed: the approval (or
//! rejection) of a request, and the verification of a data wipe by a second member. Each is
//! signed over the content it decides on (see [`approval_content`], [`wipe_content`]), so a
//! request or a wipe record changed after it no longer carries it.

use automerge::{AutoCommit, ObjType, ReadDoc, Value, ROOT};

use super::{doc_id, projection, Asset, AssetLife, Disposal, DisposalStage, Wipe};
use crate::record::HeldDecision;
use crate::trust::{content_hash, Capability, SignedDecision};

pub const APPROVE_DISPOSAL: &str = "approve_disposal";
pub const REJECT_DISPOSAL: &str = "reject_disposal";
pub const VERIFY_WIPE: &str = "verify_wipe";

/// What an approval decides on: the asset, and the request as it was asked.
pub fn approval_content(asset: &Asset, disposal: &Disposal) -> [u8; 32] {
    content_hash(&[
        &doc_id(&asset.id),
        &disposal.reason,
        &disposal.requested_by,
        disposal.requested_by_account.as_deref().unwrap_or(""),
        &disposal.requested_on.0,
    ])
}

/// What a verification decides on: the asset, and the wipe as it was recorded.
pub fn wipe_content(asset: &Asset, wipe: &Wipe) -> [u8; 32] {
    content_hash(&[
        &doc_id(&asset.id),
        wipe.method.code(),
        &wipe.tool,
        &wipe.on.0,
        &wipe.wiped_by,
        wipe.wiped_by_account.as_deref().unwrap_or(""),
        &wipe.certificate,
        wipe.attachment.as_deref().unwrap_or(""),
    ])
}

/// Every signed decision of the asset's life, with the content it should be on now. A
/// decision whose text cannot be read is left out here and reported by [`unreadable`].
pub fn signed_decisions(asset: &Asset, life: &AssetLife) -> Vec<(SignedDecision, [u8; 32])> {
    let Some(disposal) = &life.disposal else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if let Some(decision) = disposal.decision.as_deref().and_then(parse) {
        found.push((decision, approval_content(asset, disposal)));
    }
    if let Some(wipe) = &disposal.wipe {
        if let Some(decision) = wipe.verification.as_deref().and_then(parse) {
            found.push((decision, wipe_content(asset, wipe)));
        }
    }
    found
}

/// How many of the asset's decisions are there but cannot be read (damaged or forged text).
pub fn unreadable(life: &AssetLife) -> usize {
    let Some(disposal) = &life.disposal else {
        return 0;
    };
    let texts = [
        disposal.decision.as_deref(),
        disposal
            .wipe
            .as_ref()
            .and_then(|w| w.verification.as_deref()),
    ];
    texts
        .into_iter()
        .flatten()
        .filter(|text| parse(text).is_none())
        .count()
}

/// Every decision the asset's document records, signed or not, with the content it should be
/// on now (what the server checks in a push, see `record::Kind::decisions`): a decided
/// disposal request and a verified wipe. A document without a disposal is not read further.
pub fn held(doc: &AutoCommit, doc_id: &str) -> Vec<HeldDecision> {
    // A life without a disposal holds `disposal` as null (autosurgeon's None): only a map is
    // read further, so an ordinary edit costs two key look-ups here, not a hydration.
    let has_disposal = matches!(doc.get(ROOT, "life"), Ok(Some((_, life))) if
    matches!(
        doc.get(&life, "disposal"),
        Ok(Some((Value::Object(ObjType::Map), _)))
    ));
    if !has_disposal {
        return Vec::new();
    }
    match (
        projection::hydrate(doc, doc_id),
        projection::hydrate_life(doc, doc_id),
    ) {
        (Ok(asset), Ok(life)) => held_in(&asset, &life),
        _ => Vec::new(),
    }
}

/// [`held`], from an asset and its life already read.
pub fn held_in(asset: &Asset, life: &AssetLife) -> Vec<HeldDecision> {
    let Some(disposal) = &life.disposal else {
        return Vec::new();
    };
    let mut held = Vec::new();
    if disposal.decided_on.is_some() && disposal.stage != DisposalStage::Requested {
        let action = match disposal.stage {
            DisposalStage::Rejected => REJECT_DISPOSAL,
            _ => APPROVE_DISPOSAL,
        };
        held.push(HeldDecision {
            action,
            signed: disposal.decision.as_deref().and_then(parse),
            content_now: approval_content(asset, disposal),
        });
    }
    if let Some(wipe) = &disposal.wipe {
        held.push(HeldDecision {
            action: VERIFY_WIPE,
            signed: wipe.verification.as_deref().and_then(parse),
            content_now: wipe_content(asset, wipe),
        });
    }
    held
}

pub(crate) fn parse(text: &str) -> Option<SignedDecision> {
    serde_json::from_str(text).ok()
}

pub fn encode_decision(decision: &SignedDecision) -> String {
    serde_json::to_string(decision).unwrap_or_default()
}

/// The capability each signed lifecycle action needs.
pub fn capability_of(action: &str) -> Option<Capability> {
    match action {
        APPROVE_DISPOSAL | REJECT_DISPOSAL => Some(Capability::ApproveDisposals),
        VERIFY_WIPE => Some(Capability::VerifyWipes),
        _ => None,
    }
}
