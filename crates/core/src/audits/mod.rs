//! Floor audits: a session over a scope (a room, rows, racks or a saved filter) whose expected
//! list is the records at the moment it starts. Auditors scan tags or serials (or tick items)
//! offline and mark each found, missing, found elsewhere, in the wrong status or unexpected;
//! closing gives the discrepancy list, and applying writes the corrections to the records in
//! one reviewed step. Two auditors' marks merge: every mark is its own map entry, and the
//! latest mark of an item is what counts.

mod apply;
mod kinds;
pub mod model;
mod ops;
pub mod photos;
pub mod state;
mod views;

pub use apply::{
    corrected_location, ApplyReport, AuditUndo, CorrectionRefusal, PlacementMove, RefusedCorrection,
};
pub(crate) use kinds::search_source;
pub use kinds::{AuditIndex, AuditKind};
pub use model::{
    Applied, Audit, AuditCounts, AuditEnd, AuditScope, AuditSummary, Expected, Mark, Outcome,
};
pub use ops::{MarkInput, ScanAnswer, ScanResult};
pub use state::{Correction, Discrepancy};
pub use views::{AuditItem, AuditView, ItemFilter};

use crate::assets::AssetError;
use crate::store::StoreError;

/// The document id of an audit.
pub fn doc_id(id: &str) -> String {
    format!("audit/{id}")
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("no audit has the id '{0}'")]
    NotFound(String),
    #[error("the audit needs a name")]
    NoName,
    #[error("the audit needs a scope: a site and room, racks, or a saved filter")]
    NoScope,
    #[error("the saved filter could not be read: {0}")]
    BadFilter(String),
    #[error("the audit is closed; start a new one to audit again")]
    Closed,
    #[error("close the audit before applying its corrections")]
    NotClosed,
    #[error("'{0}' is not an item of this audit")]
    NoSuchItem(String),
    #[error(
        "'{0}' is not an audit outcome (found, missing, found_elsewhere, wrong_status, unexpected)"
    )]
    BadOutcome(String),
    #[error("found elsewhere and unexpected items need the place they were found in")]
    PlaceRequired,
    #[error("a wrong status needs the status the asset is actually in ('{0}' is not one)")]
    StatusRequired(String),
    #[error("the photo could not be read as an image: {0}")]
    BadPhoto(String),
    #[error("an empty scan: scan a tag or serial, or type one")]
    EmptyCode,
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[cfg(test)]
mod tests;
