//! Every device judges the decisions it holds (disposal approvals and rejections, wipe
//! verifications) against the roster it keeps, offline: each is valid (shown with ✓) or says
//! exactly what is wrong, and what is wrong in a team's workspace is a finding.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::LifecycleError;
use crate::assets::{held_in, Asset, AssetLife, DisposalStage};
use std::collections::HashMap;

use crate::record::{HeldDecision, Index};
use crate::store::kv::Tree;
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
    /// id and tag. Only assets whose disposal went past the request are read, and each only
    /// once until it changes or the roster does ([`DecisionMemo`]): the sync status asks
    /// after every edit.
    pub fn decision_findings(&self) -> Result<Vec<(String, String, DecisionCheck)>, StoreError> {
        let state = self.roster()?;
        let roster_key = match &state {
            RosterState::Verified(roster) => RosterKey::Version(roster.version),
            RosterState::None => RosterKey::None,
            RosterState::Tampered => RosterKey::Tampered,
        };
        let decided: Vec<(String, String, String)> = self
            .index()
            .rows()
            .iter()
            .filter(|row| {
                row.life
                    .disposal
                    .is_some_and(|stage| stage != DisposalStage::Requested)
            })
            .map(|row| {
                (
                    crate::assets::doc_id(&row.asset.id),
                    row.asset.id.to_string(),
                    row.asset.asset_tag.clone(),
                )
            })
            .collect();
        let missing: Vec<&(String, String, String)> = {
            let mut memo = self.indexes().write::<DecisionMemo>();
            if memo.roster != Some(roster_key) {
                memo.checks.clear();
                memo.roster = Some(roster_key);
            }
            decided
                .iter()
                .filter(|(doc_id, _, _)| !memo.checks.contains_key(doc_id))
                .collect()
        };
        if !missing.is_empty() {
            let mut held = Vec::new();
            for (_, id, _) in &missing {
                if let (Ok(row), Ok(life)) = (self.asset(id), self.asset_life(id)) {
                    held.extend(held_of(&row.asset, &life));
                }
            }
            let checks = judge(&state, &held);
            let mut memo = self.indexes().write::<DecisionMemo>();
            for (doc_id, _, _) in &missing {
                memo.checks.insert(doc_id.clone(), Vec::new());
            }
            for ((doc_id, _), check) in held.into_iter().zip(checks) {
                memo.checks.entry(doc_id).or_default().push(check);
            }
        }
        let memo = self.indexes().read::<DecisionMemo>();
        Ok(decided
            .iter()
            .flat_map(|(doc_id, _, tag)| {
                memo.checks
                    .get(doc_id)
                    .into_iter()
                    .flatten()
                    .filter(|check| check.is_finding())
                    .map(move |check| (doc_id.clone(), tag.clone(), check.clone()))
            })
            .collect())
    }
}

/// Which roster the memo's checks were judged by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RosterKey {
    None,
    Tampered,
    Version(u64),
}

/// The decision checks of the decided assets, by document id, as judged by one roster: kept
/// until an asset's document changes (written or merged) or the roster does.
#[derive(Default)]
pub struct DecisionMemo {
    roster: Option<RosterKey>,
    checks: HashMap<String, Vec<DecisionCheck>>,
}

impl Index for DecisionMemo {
    const WATCHES: &'static [&'static str] = &["asset"];

    fn load(_: &dyn Tree) -> Result<DecisionMemo, StoreError> {
        Ok(DecisionMemo::default())
    }

    fn records_changed(&mut self, doc_ids: &[&str]) {
        for doc_id in doc_ids {
            self.checks.remove(*doc_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(verdict: &str) -> DecisionCheck {
        DecisionCheck {
            action: "approve_disposal".into(),
            signer: "u-park".into(),
            signer_name: "박팀장".into(),
            at_ms: 1,
            verdict: verdict.into(),
            key_revoked_at_ms: None,
        }
    }

    #[test]
    fn the_memo_forgets_an_asset_whose_document_changed_and_nothing_else() {
        let mut memo = DecisionMemo::default();
        memo.checks.insert("asset/A".into(), vec![check("valid")]);
        memo.checks
            .insert("asset/B".into(), vec![check("unsigned")]);
        memo.records_changed(&["asset/A"]);
        assert!(!memo.checks.contains_key("asset/A"));
        assert!(memo.checks.contains_key("asset/B"));
        assert!(!check("valid").is_finding());
        assert!(!check("unsigned_local").is_finding());
        assert!(check("unsigned").is_finding());
        assert!(check("content_changed").is_finding());
    }
}
