//! A design document (`designdoc/{ULID}`): one Automerge document carries the document's
//! whole life — what it is (title, kind, owner, tags, links to what it describes), every
//! version of its file, the reviews requested on a version, each reviewer's signed decision
//! and the comments with their replies. Every collection is a map keyed by a ULID, so what
//! two devices add offline both survives a merge; where a version stands
//! ([`super::VersionState`]) is never stored but read from these facts (`super::state`), the
//! same on every device after a merge.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Version of the design document layout; stored in each document as `schema`.
pub const DESIGNDOC_SCHEMA: u64 = 1;

/// The prefix of a design document's id (`designdoc/{ULID}`; the store's own `d/…` keys
/// are unrelated).
pub const DESIGNDOC_PREFIX: &str = "designdoc";

/// What a design document is about.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Reconcile,
    Hydrate,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocKind {
    Architecture,
    Network,
    PowerCooling,
    RackLayout,
    Cabling,
    Security,
    Procedure,
    Other,
}

impl DocKind {
    pub const ALL: [DocKind; 8] = [
        DocKind::Architecture,
        DocKind::Network,
        DocKind::PowerCooling,
        DocKind::RackLayout,
        DocKind::Cabling,
        DocKind::Security,
        DocKind::Procedure,
        DocKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::Architecture => "architecture",
            DocKind::Network => "network",
            DocKind::PowerCooling => "power_cooling",
            DocKind::RackLayout => "rack_layout",
            DocKind::Cabling => "cabling",
            DocKind::Security => "security",
            DocKind::Procedure => "procedure",
            DocKind::Other => "other",
        }
    }

    /// From its code (`-` for `_` too), its English or its Korean word.
    pub fn parse(text: &str) -> Option<DocKind> {
        let text = text.trim().to_lowercase().replace('-', "_");
        DocKind::ALL.into_iter().find(|kind| {
            let words: &[&str] = match kind {
                DocKind::Architecture => &["아키텍처", "구성도"],
                DocKind::Network => &["네트워크"],
                DocKind::PowerCooling => &["power and cooling", "전력", "전력·냉각", "냉각"],
                DocKind::RackLayout => &["rack layout", "랙 배치", "랙배치"],
                DocKind::Cabling => &["케이블", "케이블링"],
                DocKind::Security => &["보안"],
                DocKind::Procedure => &["절차", "절차서"],
                DocKind::Other => &["기타"],
            };
            kind.code() == text || words.contains(&text.as_str())
        })
    }
}

/// Someone acting on a document: the account id in a team's workspace, else the name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct DocPerson {
    /// The account id (team) or the name (a workspace with no team).
    pub who: String,
    /// How they are shown.
    pub name: String,
}

/// What a document describes: a record of another area, `{kind}/{id}` (a site, room, rack,
/// cable, purchase request; compute-pool builds once that kind exists).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct DocLink {
    /// The record's kind prefix (`rack`, `room`, …).
    pub kind: String,
    /// The record's id (the ULID after the prefix).
    pub id: String,
    /// How it was shown when linked (a rack's name): kept for a record this device lacks.
    pub title: String,
}

impl DocLink {
    /// The linked record's document id.
    pub fn record(&self) -> String {
        format!("{}/{}", self.kind, self.id)
    }
}

/// One version of the document's file, kept exactly as uploaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct DocVersion {
    /// 1, 2, 3 …: one more than the highest this device knew (two devices adding a version
    /// offline at once may both make the same number; they are ordered by time, then key).
    pub number: u32,
    pub by: DocPerson,
    #[ts(type = "number")]
    pub at_ms: i64,
    #[ts(type = "number")]
    pub size: u64,
    /// Lower-case hex SHA-256 of the file's bytes: what reviews sign over.
    pub sha256: String,
    /// The hash of the large file's manifest the record names (`sync::large_files`: its
    /// parts stored, synced and saved a part at a time); empty for a file kept as one blob,
    /// which `sha256` names.
    #[autosurgeon(missing = "Default::default")]
    pub file: String,
    pub file_name: String,
    /// `application/pdf`, `image/png`, … (read from the bytes, else the file name).
    pub media_type: String,
    pub note: String,
}

impl DocVersion {
    /// The hash the file's bytes are stored and synced by: the large file's manifest, or the
    /// blob.
    pub fn stored_as(&self) -> String {
        if self.file.is_empty() {
            self.sha256.clone()
        } else {
            self.file.clone()
        }
    }
}

/// How many of a review's reviewers must approve.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Reconcile,
    Hydrate,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReviewRule {
    /// Every named reviewer (and, for a capability, `required` of its holders).
    All,
    /// `required` of them.
    NOfM,
    /// Any one.
    AnyOne,
}

impl ReviewRule {
    pub fn code(self) -> &'static str {
        match self {
            ReviewRule::All => "all",
            ReviewRule::NOfM => "n_of_m",
            ReviewRule::AnyOne => "any_one",
        }
    }
}

/// A review requested on one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct DocReview {
    /// The version reviewed (its key in `versions`).
    pub version: String,
    /// The reviewers named.
    pub reviewers: Vec<DocPerson>,
    /// A capability whose holders may review too (`sign_off_designs`), or empty.
    pub capability: String,
    pub rule: ReviewRule,
    /// How many approvals it needs (all: the named reviewers' count, at least 1).
    pub required: u32,
    /// The day it is due (`YYYY-MM-DD`), or empty.
    pub due: String,
    pub by: DocPerson,
    #[ts(type = "number")]
    pub at_ms: i64,
    /// The review on an earlier version it continues (same reviewers and rule) when a new
    /// version arrived while it was open; empty for one requested by hand.
    pub continues: String,
}

/// What a reviewer decides.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Reconcile,
    Hydrate,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReviewVerdict {
    Approve,
    Reject,
    /// Changes requested: the owner uploads a new version.
    Changes,
}

impl ReviewVerdict {
    pub fn code(self) -> &'static str {
        match self {
            ReviewVerdict::Approve => "approve",
            ReviewVerdict::Reject => "reject",
            ReviewVerdict::Changes => "changes",
        }
    }
}

/// One reviewer's decision in one review, signed in a team's workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct ReviewDecision {
    /// The review (its key in `reviews`).
    pub review: String,
    /// The version decided on (its key in `versions`).
    pub version: String,
    pub verdict: ReviewVerdict,
    pub by: DocPerson,
    pub comment: String,
    #[ts(type = "number")]
    pub at_ms: i64,
    /// Hex of the content hash decided on: the document id, the version's number and its
    /// file's SHA-256 (`super::decisions::version_hash`).
    pub content: String,
    /// The signed decision (JSON of `trust::SignedDecision`), in a team's workspace.
    pub signed: Option<String>,
}

/// Where a comment is pinned: a page (1 for an image) and a spot on it, as fractions of the
/// page's width and height from its top left corner.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct CommentPin {
    pub page: u32,
    pub x: f64,
    pub y: f64,
}

impl Eq for CommentPin {}

/// Who resolved a comment thread, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct CommentResolution {
    pub by: DocPerson,
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// A comment on a version (general, or pinned to a spot), or a reply to one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct DocComment {
    /// The version it was made on (its key in `versions`).
    pub version: String,
    pub by: DocPerson,
    #[ts(type = "number")]
    pub at_ms: i64,
    pub text: String,
    pub pin: Option<CommentPin>,
    /// The comment it replies to (its key); none for a thread's first comment.
    pub reply_to: Option<String>,
    /// Set when the thread is resolved (on its first comment); none while open.
    pub resolved: Option<CommentResolution>,
}

/// A design document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct DesignDoc {
    pub id: String,
    pub title: String,
    pub kind: DocKind,
    pub owner: DocPerson,
    pub tags: Vec<String>,
    /// By the linked record's document id (`rack/01J…`).
    pub links: BTreeMap<String, DocLink>,
    #[ts(type = "number")]
    pub created_at_ms: i64,
    /// By ULID.
    pub versions: BTreeMap<String, DocVersion>,
    /// By ULID.
    pub reviews: BTreeMap<String, DocReview>,
    /// By ULID.
    pub decisions: BTreeMap<String, ReviewDecision>,
    /// By ULID.
    pub comments: BTreeMap<String, DocComment>,
}

impl DesignDoc {
    pub fn doc_id(&self) -> String {
        format!("{DESIGNDOC_PREFIX}/{}", self.id)
    }

    /// The versions oldest first: by number, then time, then key.
    pub fn versions_in_order(&self) -> Vec<(&String, &DocVersion)> {
        let mut list: Vec<(&String, &DocVersion)> = self.versions.iter().collect();
        list.sort_by(|a, b| (a.1.number, a.1.at_ms, a.0).cmp(&(b.1.number, b.1.at_ms, b.0)));
        list
    }

    /// The current version (the newest), if any: its key and the version.
    pub fn current_version(&self) -> Option<(&String, &DocVersion)> {
        self.versions_in_order().pop()
    }

    /// What every version's file is named by (its large file's manifest, else its blob), so
    /// that sync fetches them.
    pub fn file_hashes(&self) -> Vec<String> {
        let mut hashes: Vec<String> = self.versions.values().map(DocVersion::stored_as).collect();
        hashes.sort();
        hashes.dedup();
        hashes
    }
}
