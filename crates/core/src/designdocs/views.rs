//! What lists and screens show of design documents: a list row per document (kept in the
//! index), the whole document's view (versions with their states, reviews with their
//! decisions, the comment threads on a version, carried forward from earlier versions while
//! unresolved), and the documents linked to a record.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{
    DesignDoc, DocComment, DocKind, DocLink, DocPerson, DocReview, DocVersion, ReviewDecision,
};
use super::state::{
    approved_version, is_reviewer, review_standing, version_states, DecisionFlag, VersionState,
};

/// A document in the documents list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocRow {
    pub id: String,
    pub title: String,
    pub kind: DocKind,
    pub owner: DocPerson,
    pub tags: Vec<String>,
    /// The current version's number; none before the first version.
    pub current_version: Option<u32>,
    /// The current version's state.
    pub state: VersionState,
    /// The newest approved version's number: the one work goes by.
    pub approved_version: Option<u32>,
    /// Reviews on the current version still to be decided.
    #[ts(type = "number")]
    pub open_reviews: u32,
    /// The linked records' ids (`rack/01J…`).
    pub links: Vec<String>,
    /// When anything last happened to it.
    #[ts(type = "number")]
    pub updated_at_ms: i64,
}

impl DocRow {
    pub fn of(doc: &DesignDoc) -> DocRow {
        let states = version_states(doc);
        let current = doc.current_version();
        let state = current
            .and_then(|(key, _)| states.get(key).copied())
            .unwrap_or(VersionState::Draft);
        let open_reviews = current.map_or(0, |(key, _)| {
            doc.reviews
                .iter()
                .filter(|(_, r)| &r.version == key)
                .filter(|(review_key, _)| {
                    review_standing(doc, review_key).is_some_and(|s| s.state.open())
                })
                .count() as u32
        });
        let updated_at_ms = doc
            .versions
            .values()
            .map(|v| v.at_ms)
            .chain(doc.reviews.values().map(|r| r.at_ms))
            .chain(doc.decisions.values().map(|d| d.at_ms))
            .chain(doc.comments.values().map(|c| c.at_ms))
            .max()
            .unwrap_or(doc.created_at_ms)
            .max(doc.created_at_ms);
        DocRow {
            id: doc.id.clone(),
            title: doc.title.clone(),
            kind: doc.kind,
            owner: doc.owner.clone(),
            tags: doc.tags.clone(),
            current_version: current.map(|(_, v)| v.number),
            state,
            approved_version: approved_version(doc),
            open_reviews,
            links: doc.links.keys().cloned().collect(),
            updated_at_ms,
        }
    }
}

/// One version as a screen lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VersionView {
    pub key: String,
    pub version: DocVersion,
    /// The newest version.
    pub current: bool,
    pub state: VersionState,
}

/// One decision, with whether it counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionView {
    pub key: String,
    pub decision: ReviewDecision,
    /// The version's number it names.
    pub version_number: u32,
    /// Why it does not count; none when it counts (or was replaced by the reviewer's later
    /// decision, see `latest`).
    pub flag: Option<DecisionFlag>,
    /// The reviewer's latest counted decision in its review.
    pub latest: bool,
}

/// A review with where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewView {
    pub key: String,
    pub review: DocReview,
    pub version_number: u32,
    /// In review, changes requested, approved or rejected; outdated when a newer version
    /// came while it was open.
    pub state: VersionState,
    #[ts(type = "number")]
    pub approvals: u32,
    #[ts(type = "number")]
    pub required: u32,
    /// The named reviewers who have not decided yet.
    pub waiting_on: Vec<DocPerson>,
    pub decisions: Vec<DecisionView>,
}

/// A comment thread as shown on one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentThread {
    pub key: String,
    pub comment: DocComment,
    /// The number of the version it was made on.
    pub made_on: u32,
    /// Made on an earlier version and still unresolved: carried forward to this one.
    pub carried: bool,
    /// Its replies, oldest first: (key, reply).
    pub replies: Vec<(String, DocComment)>,
}

/// A whole document as its screen shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocView {
    pub row: DocRow,
    pub links: Vec<DocLink>,
    /// Oldest first.
    pub versions: Vec<VersionView>,
    /// Oldest first.
    pub reviews: Vec<ReviewView>,
    /// The threads on the current version (its own and those carried forward).
    pub comments: Vec<CommentThread>,
}

fn number_of(doc: &DesignDoc, version_key: &str) -> u32 {
    doc.versions.get(version_key).map_or(0, |v| v.number)
}

/// The comment threads on version `version_key`: those made on it, and the unresolved ones
/// made on earlier versions (carried forward), each with its replies; in the order made.
pub fn comment_threads(doc: &DesignDoc, version_key: &str) -> Vec<CommentThread> {
    let order: Vec<&String> = doc
        .versions_in_order()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let Some(position) = order.iter().position(|k| *k == version_key) else {
        return Vec::new();
    };
    let earlier = &order[..position];
    let mut threads: Vec<CommentThread> = doc
        .comments
        .iter()
        .filter(|(_, c)| c.reply_to.is_none())
        .filter_map(|(key, comment)| {
            let carried = if comment.version == version_key {
                false
            } else if earlier.contains(&&comment.version) && comment.resolved.is_none() {
                true
            } else {
                return None;
            };
            let mut replies: Vec<(String, DocComment)> = doc
                .comments
                .iter()
                .filter(|(_, r)| r.reply_to.as_deref() == Some(key.as_str()))
                .map(|(k, r)| (k.clone(), r.clone()))
                .collect();
            replies.sort_by(|a, b| (a.1.at_ms, &a.0).cmp(&(b.1.at_ms, &b.0)));
            Some(CommentThread {
                key: key.clone(),
                comment: comment.clone(),
                made_on: number_of(doc, &comment.version),
                carried,
                replies,
            })
        })
        .collect();
    threads.sort_by(|a, b| (a.comment.at_ms, &a.key).cmp(&(b.comment.at_ms, &b.key)));
    threads
}

/// Every review of `doc` with where it stands, oldest first.
pub fn review_views(doc: &DesignDoc) -> Vec<ReviewView> {
    let states = version_states(doc);
    let mut reviews: Vec<ReviewView> = doc
        .reviews
        .iter()
        .filter_map(|(key, review)| {
            let standing = review_standing(doc, key)?;
            let state = match states.get(&review.version) {
                Some(VersionState::Outdated) if standing.state.open() => VersionState::Outdated,
                _ => standing.state,
            };
            let mut decisions: Vec<DecisionView> = doc
                .decisions
                .iter()
                .filter(|(_, d)| &d.review == key)
                .map(|(decision_key, decision)| DecisionView {
                    key: decision_key.clone(),
                    decision: decision.clone(),
                    version_number: number_of(doc, &decision.version),
                    flag: standing.flagged.get(decision_key).copied(),
                    latest: standing.latest.get(&decision.by.who) == Some(decision_key),
                })
                .collect();
            decisions.sort_by(|a, b| (a.decision.at_ms, &a.key).cmp(&(b.decision.at_ms, &b.key)));
            let waiting_on = if state.open() {
                review
                    .reviewers
                    .iter()
                    .filter(|r| !standing.latest.contains_key(&r.who))
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            };
            Some(ReviewView {
                key: key.clone(),
                review: review.clone(),
                version_number: number_of(doc, &review.version),
                state,
                approvals: standing.approvals,
                required: standing.required,
                waiting_on,
                decisions,
            })
        })
        .collect();
    reviews.sort_by(|a, b| (a.review.at_ms, &a.key).cmp(&(b.review.at_ms, &b.key)));
    reviews
}

/// The whole view of `doc`.
pub fn doc_view(doc: &DesignDoc) -> DocView {
    let states = version_states(doc);
    let current = doc.current_version().map(|(k, _)| k.clone());
    let versions = doc
        .versions_in_order()
        .into_iter()
        .map(|(key, version)| VersionView {
            key: key.clone(),
            version: version.clone(),
            current: current.as_deref() == Some(key.as_str()),
            state: states.get(key).copied().unwrap_or(VersionState::Draft),
        })
        .collect();
    DocView {
        row: DocRow::of(doc),
        links: doc.links.values().cloned().collect(),
        versions,
        reviews: review_views(doc),
        comments: current
            .map(|key| comment_threads(doc, &key))
            .unwrap_or_default(),
    }
}

/// Whether `who` is asked to decide in the open review `review` (named and not decided yet,
/// or any member for a capability's review, not decided yet).
pub fn waits_for(doc: &DesignDoc, review_key: &str, who: &str) -> bool {
    let (Some(review), Some(standing)) = (
        doc.reviews.get(review_key),
        review_standing(doc, review_key),
    ) else {
        return false;
    };
    standing.state.open() && is_reviewer(review, who) && !standing.latest.contains_key(who)
}
