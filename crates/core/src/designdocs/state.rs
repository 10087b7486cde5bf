//! Where a version and its reviews stand, read from the document's facts and never stored
//! (as purchasing's `standing()`), so that every device reads the same after a merge.
//!
//! A review's decisions are replayed in the order they were made (time, then key): each
//! reviewer's latest counts; a rejection rejects the version, enough approvals approve it,
//! and either ends the review there — an approved version is locked, a decision made after
//! (offline, say) is kept but changes nothing. A decision over another version than the
//! review's, by someone who is not a reviewer, or after the end, is flagged and not counted.
//! A version with a newer version beside it is outdated unless it was approved (its open
//! review and approvals do not carry over); an approved one is superseded once a newer
//! version is approved.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decisions::version_hash_of;
use super::model::{DesignDoc, DocReview, ReviewRule, ReviewVerdict};

/// Where a version (and a document, by its current version) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VersionState {
    /// No review requested yet.
    Draft,
    InReview,
    ChangesRequested,
    /// Locked: no new review, no decision changes it.
    Approved,
    Rejected,
    /// Approved, and a newer version has been approved since.
    Superseded,
    /// Not approved, and a newer version exists: its review is stale.
    Outdated,
}

impl VersionState {
    pub const ALL: [VersionState; 7] = [
        VersionState::Draft,
        VersionState::InReview,
        VersionState::ChangesRequested,
        VersionState::Approved,
        VersionState::Rejected,
        VersionState::Superseded,
        VersionState::Outdated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VersionState::Draft => "draft",
            VersionState::InReview => "in_review",
            VersionState::ChangesRequested => "changes_requested",
            VersionState::Approved => "approved",
            VersionState::Rejected => "rejected",
            VersionState::Superseded => "superseded",
            VersionState::Outdated => "outdated",
        }
    }

    pub fn parse(text: &str) -> Option<VersionState> {
        let text = text.trim().replace('-', "_");
        VersionState::ALL.into_iter().find(|s| s.code() == text)
    }

    /// Whether a review on a version in this state is still to be decided.
    pub fn open(self) -> bool {
        matches!(
            self,
            VersionState::InReview | VersionState::ChangesRequested
        )
    }
}

/// Why a decision does not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DecisionFlag {
    /// Made over another version than the review's (its hash is not this version's).
    OtherVersion,
    /// By someone the review does not name (and no capability lets them review).
    NotAReviewer,
    /// Made after the review had ended (approved or rejected) on another device.
    AfterOutcome,
}

impl DecisionFlag {
    pub fn code(self) -> &'static str {
        match self {
            DecisionFlag::OtherVersion => "other_version",
            DecisionFlag::NotAReviewer => "not_a_reviewer",
            DecisionFlag::AfterOutcome => "after_outcome",
        }
    }
}

/// Where one review stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewStanding {
    /// In review, changes requested, approved or rejected.
    pub state: VersionState,
    #[doc = "Approvals counted, and how many it needs."]
    pub approvals: u32,
    pub required: u32,
    /// Each reviewer's latest counted decision (by `who`): the decision's key.
    pub latest: BTreeMap<String, String>,
    /// Decisions that do not count, and why (by decision key).
    pub flagged: BTreeMap<String, DecisionFlag>,
    /// When it was approved or rejected.
    pub ended_at_ms: Option<i64>,
}

/// How many approvals `review` needs.
pub fn required_approvals(review: &DocReview) -> u32 {
    match review.rule {
        ReviewRule::AnyOne => 1,
        ReviewRule::All => (review.reviewers.len() as u32).max(review.required).max(1),
        ReviewRule::NOfM => review.required.max(1),
    }
}

/// Whether `who` may decide in `review`: named, or any member when a capability's holders
/// review (the signature says whether they hold it).
pub fn is_reviewer(review: &DocReview, who: &str) -> bool {
    !review.capability.is_empty() || review.reviewers.iter().any(|r| r.who == who)
}

/// Where the review `key` of `doc` stands.
pub fn review_standing(doc: &DesignDoc, key: &str) -> Option<ReviewStanding> {
    let review = doc.reviews.get(key)?;
    let required = required_approvals(review);
    let expected = hex::encode(version_hash_of(doc, &review.version));
    let mut decisions: Vec<(&String, &super::model::ReviewDecision)> = doc
        .decisions
        .iter()
        .filter(|(_, d)| d.review == key)
        .collect();
    decisions.sort_by(|a, b| (a.1.at_ms, a.0).cmp(&(b.1.at_ms, b.0)));
    let mut standing = ReviewStanding {
        state: VersionState::InReview,
        approvals: 0,
        required,
        latest: BTreeMap::new(),
        flagged: BTreeMap::new(),
        ended_at_ms: None,
    };
    let mut verdicts: BTreeMap<String, ReviewVerdict> = BTreeMap::new();
    for (decision_key, decision) in decisions {
        let flag = if decision.version != review.version || decision.content != expected {
            Some(DecisionFlag::OtherVersion)
        } else if !is_reviewer(review, &decision.by.who) {
            Some(DecisionFlag::NotAReviewer)
        } else if standing.ended_at_ms.is_some() {
            Some(DecisionFlag::AfterOutcome)
        } else {
            None
        };
        if let Some(flag) = flag {
            standing.flagged.insert(decision_key.clone(), flag);
            continue;
        }
        verdicts.insert(decision.by.who.clone(), decision.verdict);
        standing
            .latest
            .insert(decision.by.who.clone(), decision_key.clone());
        let approvals = verdicts
            .values()
            .filter(|v| **v == ReviewVerdict::Approve)
            .count() as u32;
        standing.approvals = approvals;
        let named_all_approved = review.rule != ReviewRule::All
            || review
                .reviewers
                .iter()
                .all(|r| verdicts.get(&r.who) == Some(&ReviewVerdict::Approve));
        standing.state = if verdicts.values().any(|v| *v == ReviewVerdict::Reject) {
            VersionState::Rejected
        } else if approvals >= required && named_all_approved {
            VersionState::Approved
        } else if verdicts.values().any(|v| *v == ReviewVerdict::Changes) {
            VersionState::ChangesRequested
        } else {
            VersionState::InReview
        };
        if matches!(
            standing.state,
            VersionState::Approved | VersionState::Rejected
        ) {
            standing.ended_at_ms = Some(decision.at_ms);
        }
    }
    Some(standing)
}

/// The reviews of version `version_key`, oldest first.
pub fn reviews_of<'a>(doc: &'a DesignDoc, version_key: &str) -> Vec<(&'a String, &'a DocReview)> {
    let mut list: Vec<(&String, &DocReview)> = doc
        .reviews
        .iter()
        .filter(|(_, r)| r.version == version_key)
        .collect();
    list.sort_by(|a, b| (a.1.at_ms, a.0).cmp(&(b.1.at_ms, b.0)));
    list
}

/// The version's latest review and where it stands, if one was requested.
pub fn last_review<'a>(
    doc: &'a DesignDoc,
    version_key: &str,
) -> Option<(&'a String, &'a DocReview, ReviewStanding)> {
    let (key, review) = reviews_of(doc, version_key).pop()?;
    let standing = review_standing(doc, key)?;
    Some((key, review, standing))
}

/// Where version `version_key` stands as a version of its own (its latest review), not
/// minding newer versions.
fn own_state(doc: &DesignDoc, version_key: &str) -> VersionState {
    last_review(doc, version_key).map_or(VersionState::Draft, |(_, _, s)| s.state)
}

/// Where every version stands, by key.
pub fn version_states(doc: &DesignDoc) -> BTreeMap<String, VersionState> {
    let order = doc.versions_in_order();
    let own: Vec<VersionState> = order.iter().map(|(key, _)| own_state(doc, key)).collect();
    let mut states = BTreeMap::new();
    for (position, (key, _)) in order.iter().enumerate() {
        let newer = &own[position + 1..];
        let state = match own[position] {
            state if newer.is_empty() => state,
            VersionState::Approved if newer.contains(&VersionState::Approved) => {
                VersionState::Superseded
            }
            VersionState::Approved => VersionState::Approved,
            _ => VersionState::Outdated,
        };
        states.insert((*key).clone(), state);
    }
    states
}

/// Where the document stands: its current version's state (draft when it has none).
pub fn doc_state(doc: &DesignDoc) -> VersionState {
    let Some((key, _)) = doc.current_version() else {
        return VersionState::Draft;
    };
    version_states(doc)
        .get(key)
        .copied()
        .unwrap_or(VersionState::Draft)
}

/// The number of the newest approved version: the one work goes by.
pub fn approved_version(doc: &DesignDoc) -> Option<u32> {
    let states = version_states(doc);
    doc.versions_in_order()
        .into_iter()
        .rev()
        .find(|(key, _)| states.get(*key) == Some(&VersionState::Approved))
        .map(|(_, v)| v.number)
}
