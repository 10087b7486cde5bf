//! Every device judges the decisions it holds (disposal approvals and rejections, wipe
//! verifications) against the roster it keeps, offline: each is valid (shown with ✓) or says
//! exactly what is wrong, and what is wrong in a team's workspace is a finding.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::LifecycleError;
use crate::assets::{held_in, Asset, AssetLife, DisposalStage};
use crate::record::HeldDecision;
use crate::store::{StoreError, Workspace};
use crate::sync::RosterState;
use crate::trust::{verify_all, Roster, Verdict};

/// One decision as this device judges it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionCheck {
    /// `approve_disposal`, `reject_disposal` or `verify_wipe`.
    pub action: String,
    /// The signing account (empty when unsigned).
    pub signer: String,
    /// How the roster names the signer (empty when it does not).
    pub signer_name: String,
    /// When it was signed (0 when unsigned).
    #[ts(type = "number")]
    pub at_ms: i64,
    /// `valid`; a `trust::Verdict` code (`signature_invalid`, `unknown_signer`, `unknown_key`,
    /// `key_revoked`, `not_entitled`, `content_changed`); `other_record` (signed for another
    /// record or action); `unsigned` (in a team's workspace); `unsigned_local` (a workspace
    /// with no team: nothing to check against); `no_roster` (signed, but this device has no
    /// roster yet); `roster_tampered` (the kept roster does not verify).
    pub verdict: String,
    /// The signing key's revocation, when it was revoked (after the decision, for a valid one).
    #[ts(type = "number | null")]
    pub key_revoked_at_ms: Option<i64>,
}

impl DecisionCheck {
    /// Whether a person must look at it: anything but valid, or unsigned where no team is.
    pub fn is_finding(&self) -> bool {
        !matches!(
            self.verdict.as_str(),
            "valid" | "unsigned_local" | "no_roster"
        )
    }
}

/// Judges `held` (the decisions of one or more records) by the roster as this device has it.
pub fn judge(state: &RosterState, held: &[(String, HeldDecision)]) -> Vec<DecisionCheck> {
    let base = |held: &HeldDecision, verdict: &str| DecisionCheck {
        action: held.action.to_owned(),
        signer: held
            .signed
            .as_ref()
            .map(|s| s.decision.signer.clone())
            .unwrap_or_default(),
        signer_name: String::new(),
        at_ms: held.signed.as_ref().map_or(0, |s| s.decision.at_ms),
        verdict: verdict.to_owned(),
        key_revoked_at_ms: None,
    };
    let roster: &Roster = match state {
        RosterState::Verified(roster) => roster,
        RosterState::None => {
            return held
                .iter()
                .map(|(_, h)| {
                    base(
                        h,
                        if h.signed.is_some() {
                            "no_roster"
                        } else {
                            "unsigned_local"
                        },
                    )
                })
                .collect()
        }
        RosterState::Tampered => {
            return held
                .iter()
                .map(|(_, h)| base(h, "roster_tampered"))
                .collect()
        }
    };
    let mut checks: Vec<DecisionCheck> = Vec::with_capacity(held.len());
    let mut to_verify = Vec::new();
    for (index, (doc_id, h)) in held.iter().enumerate() {
        let mut check = match &h.signed {
            None => base(h, "unsigned"),
            Some(s) if s.decision.record != *doc_id || s.decision.action != h.action => {
                base(h, "other_record")
            }
            Some(s) => {
                to_verify.push((index, (s, Some(h.content_now))));
                base(h, "valid")
            }
        };
        if let Some(member) = roster.member(&check.signer) {
            check.signer_name = member.name.clone();
        }
        checks.push(check);
    }
    let pairs: Vec<_> = to_verify.iter().map(|(_, pair)| *pair).collect();
    for ((index, _), verdict) in to_verify.iter().zip(verify_all(roster, &pairs)) {
        let check = &mut checks[*index];
        match verdict {
            Verdict::Valid { key_revoked_since } => check.key_revoked_at_ms = key_revoked_since,
            Verdict::KeyRevoked { revoked_at_ms } => {
                check.verdict = verdict.code().to_owned();
                check.key_revoked_at_ms = Some(revoked_at_ms);
            }
            other => check.verdict = other.code().to_owned(),
        }
    }
    checks
}

/// The decisions of one asset, with its document id.
fn held_of(asset: &Asset, life: &AssetLife) -> Vec<(String, HeldDecision)> {
    let doc_id = crate::assets::doc_id(&asset.id);
    held_in(asset, life)
        .into_iter()
        .map(|held| (doc_id.clone(), held))
        .collect()
}

impl Workspace {
    /// The asset's decisions as this device judges them (for its lifecycle view).
    pub fn asset_decisions(&self, asset: &str) -> Result<Vec<DecisionCheck>, LifecycleError> {
        let row = self.asset(asset)?;
        let life = self.asset_life(asset)?;
        Ok(judge(&self.roster()?, &held_of(&row.asset, &life)))
    }

    /// Every decision of the workspace that a person must look at, with its asset's document
    /// id and tag: only assets whose disposal went past the request are read.
    pub fn decision_findings(&self) -> Result<Vec<(String, String, DecisionCheck)>, StoreError> {
        let decided: Vec<(String, String)> = self
            .index()
            .rows()
            .iter()
            .filter(|row| {
                row.life
                    .disposal
                    .is_some_and(|stage| stage != DisposalStage::Requested)
            })
            .map(|row| (row.asset.id.to_string(), row.asset.asset_tag.clone()))
            .collect();
        let mut held = Vec::new();
        let mut tags = Vec::new();
        for (id, tag) in decided {
            let (Ok(row), Ok(life)) = (self.asset(&id), self.asset_life(&id)) else {
                continue;
            };
            for one in held_of(&row.asset, &life) {
                tags.push(tag.clone());
                held.push(one);
            }
        }
        let checks = judge(&self.roster()?, &held);
        Ok(held
            .into_iter()
            .zip(tags)
            .zip(checks)
            .filter(|(_, check)| check.is_finding())
            .map(|(((doc_id, _), tag), check)| (doc_id, tag, check))
            .collect())
    }
}
