//! Design documents (issue 20): architecture, network, power and cooling, rack layouts,
//! cabling, security and procedures, each one Automerge document (`designdoc/{ULID}`,
//! [`DesignDoc`]) holding its versions, reviews, signed decisions and comments.
//!
//! - [`model`]: the document's types (what the app and the review record read);
//! - [`state`]: where a version and its reviews stand, derived from the facts, never stored
//!   (draft → in review → approved / changes requested / rejected; superseded by a newer
//!   approved version; outdated when a newer version came before approval);
//! - [`decisions`]: reviewers' decisions signed over the version's hash (`Kind::decisions`
//!   lets the team server check them);
//! - [`ops`]: the writes, each validated first, every problem at once, nothing half-written;
//! - [`files`]: where a version's bytes are kept (one place to switch to the large-file store);
//! - [`views`]: the list row, the document's view, comment threads carried forward;
//! - [`index`]: the in-memory index (documents, rows, documents by linked record), the kind's
//!   declaration and the search source; `alerts`: reviewers asked, the owner on each
//!   decision, overdue reviews.
//!
//! ```
//! use cloudwright_core::designdocs::{DocInput, ReviewInput, ReviewVerdict, VersionState};
//! use cloudwright_core::{Author, Stamp};
//! let dir = tempfile::tempdir().unwrap();
//! let store = cloudwright_core::store::Store::open(dir.path()).unwrap();
//! let ws = store.workspace(&store.create_workspace("build", 1).unwrap().id).unwrap();
//! let owner = Stamp::new(Author::from_name("김민준"), 1);
//! let input = DocInput { title: "전력 계통도".into(), kind: "power_cooling".into(), ..DocInput::default() };
//! let doc = ws.add_design_doc(ulid::Ulid::new(), &input, &owner).unwrap();
//! ws.add_design_doc_version(&doc.id, "power.pdf", b"%PDF-1.7 ...", "초안", &owner).unwrap();
//! let review = ReviewInput { reviewers: vec!["이서연".into()], rule: "all".into(), ..ReviewInput::default() };
//! let today = cloudwright_core::assets::Date("2027-01-04".into());
//! ws.request_design_review(&doc.id, &review, &today, &owner).unwrap();
//! let reviewer = Stamp::new(Author::from_name("이서연"), 2);
//! ws.decide_design_review(&doc.id, None, ReviewVerdict::Approve, "", &reviewer, None).unwrap();
//! assert_eq!(ws.design_doc_view(&doc.id).unwrap().row.state, VersionState::Approved);
//! ```

pub(crate) mod alerts;
pub mod decisions;
pub mod diff;
pub mod files;
pub mod index;
pub mod model;
pub mod ops;
pub mod state;
pub mod views;

#[cfg(test)]
mod tests;

pub use index::DesignDocIndex;
pub use model::{
    CommentPin, CommentResolution, DesignDoc, DocComment, DocKind, DocLink, DocPerson, DocReview,
    DocVersion, ReviewDecision, ReviewRule, ReviewVerdict,
};
pub use ops::{CommentInput, DocInput, ReviewInput};
pub use state::{DecisionFlag, VersionState};
pub use views::{CommentThread, DecisionView, DocRow, DocView, ReviewView, VersionView};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::problem::{Problem, ProblemCode};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DesignDocError {
    #[error("refused: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Refused(Vec<Problem>),
    #[error("no design document has the id or title '{0}'")]
    NoSuchDoc(String),
    #[error(transparent)]
    File(#[from] crate::sync::large_files::LargeFileError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a design document write was refused; the UI words it by its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocCode {
    Required,
    TooLong,
    UnknownKind,
    BadLink,
    UnknownLinkKind,
    UnknownRecord,
    EmptyFile,
    UnreadableFile,
    FileTooLarge,
    FileNotHere,
    NoVersion,
    UnknownVersion,
    NoReviewers,
    ReviewerNotAMember,
    ReviewerNotEntitled,
    UnknownCapability,
    UnknownRule,
    BadRequired,
    InvalidDate,
    DueInPast,
    ReviewOpen,
    Locked,
    Superseded,
    NoReview,
    ReviewClosed,
    NotAReviewer,
    SignatureRequired,
    NoRoster,
    NotAMember,
    KeyNotRegistered,
    KeyRevoked,
    NotEntitled,
    PinNotSupported,
    PinOutOfRange,
    UnknownComment,
}

impl ProblemCode for DocCode {
    fn code(self) -> &'static str {
        match self {
            DocCode::Required => "required",
            DocCode::TooLong => "too_long",
            DocCode::UnknownKind => "unknown_doc_kind",
            DocCode::BadLink => "bad_link",
            DocCode::UnknownLinkKind => "unknown_link_kind",
            DocCode::UnknownRecord => "unknown_record",
            DocCode::EmptyFile => "empty_file",
            DocCode::UnreadableFile => "unreadable_file",
            DocCode::FileTooLarge => "file_too_large",
            DocCode::FileNotHere => "file_not_here",
            DocCode::NoVersion => "no_version",
            DocCode::UnknownVersion => "unknown_version",
            DocCode::NoReviewers => "no_reviewers",
            DocCode::ReviewerNotAMember => "reviewer_not_a_member",
            DocCode::ReviewerNotEntitled => "reviewer_not_entitled",
            DocCode::UnknownCapability => "unknown_capability",
            DocCode::UnknownRule => "unknown_review_rule",
            DocCode::BadRequired => "bad_required",
            DocCode::InvalidDate => "invalid_date",
            DocCode::DueInPast => "due_in_past",
            DocCode::ReviewOpen => "review_open",
            DocCode::Locked => "version_locked",
            DocCode::Superseded => "superseded",
            DocCode::NoReview => "no_review",
            DocCode::ReviewClosed => "review_closed",
            DocCode::NotAReviewer => "not_a_reviewer",
            DocCode::SignatureRequired => "signature_required",
            DocCode::NoRoster => "no_roster",
            DocCode::NotAMember => "not_a_member",
            DocCode::KeyNotRegistered => "key_not_registered",
            DocCode::KeyRevoked => "key_revoked",
            DocCode::NotEntitled => "not_entitled",
            DocCode::PinNotSupported => "pin_not_supported",
            DocCode::PinOutOfRange => "pin_out_of_range",
            DocCode::UnknownComment => "unknown_comment",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            DocCode::Required => "is required".to_owned(),
            DocCode::TooLong => format!("is longer than {} characters", ops::MAX_DOC_TEXT),
            DocCode::UnknownKind => format!(
                "'{value}' is not a kind (architecture, network, power_cooling, rack_layout, cabling, security, procedure, other)"
            ),
            DocCode::BadLink => format!("'{value}' is not a link: write KIND/ID (rack/01J…)"),
            DocCode::UnknownLinkKind => format!(
                "'{value}' is not a kind of record a document can link to in this version (site, room, rack, cable, purchase)"
            ),
            DocCode::UnknownRecord => format!("no record '{value}' in this workspace"),
            DocCode::EmptyFile => format!("'{value}' is empty: a version needs a file with something in it"),
            DocCode::UnreadableFile => format!("cannot be read: {value}"),
            DocCode::FileTooLarge => format!(
                "is {value} bytes, more than a version may be (4 GiB from a file, {} MiB sent whole)",
                files::MAX_VERSION_BYTES / (1024 * 1024)
            ),
            DocCode::FileNotHere => format!("the file {value} has not reached this device yet: sync first"),
            DocCode::NoVersion => "the document has no version yet: add one first".to_owned(),
            DocCode::UnknownVersion => format!("the document has no version {value}"),
            DocCode::NoReviewers => "name at least one reviewer or a capability whose holders review".to_owned(),
            DocCode::ReviewerNotAMember => format!("'{value}' is not a member of this workspace"),
            DocCode::ReviewerNotEntitled => format!(
                "{value} does not hold sign_off_designs, so their decision could not be signed"
            ),
            DocCode::UnknownCapability => format!("'{value}' is not a capability reviewers hold (sign_off_designs)"),
            DocCode::UnknownRule => format!("'{value}' is not a rule (all, any_one, n_of_m)"),
            DocCode::BadRequired => format!("n of m needs between 1 and the reviewers named ({value})"),
            DocCode::InvalidDate => format!("'{value}' is not a date (YYYY-MM-DD)"),
            DocCode::DueInPast => format!("{value} is already past"),
            DocCode::ReviewOpen => "a review of this version is already open".to_owned(),
            DocCode::Locked => "this version is approved and locked: add a new version to change it".to_owned(),
            DocCode::Superseded => format!("version {value} is superseded: decide on the current version"),
            DocCode::NoReview => "no review has been requested on this version".to_owned(),
            DocCode::ReviewClosed => "this version was rejected: add a new version".to_owned(),
            DocCode::NotAReviewer => format!("you are not a reviewer of this version (the reviewers: {value})"),
            DocCode::SignatureRequired => {
                "this workspace's decisions are signed: log in to the team server on this device".to_owned()
            }
            DocCode::NoRoster => "this device has no roster yet: sync once while online".to_owned(),
            DocCode::NotAMember => "you are not a member of this workspace".to_owned(),
            DocCode::KeyNotRegistered => "this device's key is not registered to you: log in again".to_owned(),
            DocCode::KeyRevoked => "this device's key was revoked".to_owned(),
            DocCode::NotEntitled => format!("you do not hold the capability {value}"),
            DocCode::PinNotSupported => format!(
                "a comment is pinned only on a PDF page or an image (this file is '{value}'; a reply is never pinned)"
            ),
            DocCode::PinOutOfRange => format!(
                "'{value}' is not a spot: the page from 1 (1 for an image), x and y fractions from 0 to 1"
            ),
            DocCode::UnknownComment => format!("the document has no comment '{value}'"),
        }
    }
}
