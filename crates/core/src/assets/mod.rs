//! Assets: the register of every piece of equipment, its edits, history, search and CSV.

pub mod attachments;
pub mod bulk;
pub mod csv_io;
pub mod decisions;
pub mod fields;
pub mod history;
pub mod index;
pub mod input;
mod kinds;
pub mod life;
pub mod model;
mod ops;
pub(crate) mod projection;
pub mod purchase;
pub mod query;

pub use attachments::{Attachment, MAX_ATTACHMENT_BYTES};
pub use bulk::{
    AssetFieldChange, AssetFields, BulkAssetEdit, BulkAssetPreview, BulkSkipReason, BulkSkipped,
    KeptField, KeptReason,
};
pub use csv_io::{ImportPreview, ImportRow};
pub use decisions::{
    approval_content, capability_of, encode_decision, held_in, signed_decisions, wipe_content,
    APPROVE_DISPOSAL, REJECT_DISPOSAL, VERIFY_WIPE,
};
pub use fields::AssetField;
pub use history::{FieldChange, HistoryEntry, LifeStep};
pub use index::normalise_tag;
pub use input::{
    apply_input, days_in_month, field_problem, parse_amount, parse_date, AssetInput, FieldErrorCode,
};
pub use kinds::AssetKind;
pub use life::{
    holds_data_by_default, AssetLife, AssigneeKind, Assignment, AssignmentLine, Condition,
    Disposal, DisposalStage, LifeSummary, MaintenanceKind, MaintenanceRecord, PlanDone, Return,
    Wipe, WipeMethod,
};
pub use model::{
    Asset, AssetRow, AssetStatus, AssetType, Currency, Date, Location, Money, ASSET_STATUSES,
    ASSET_TYPES, CURRENCIES,
};
#[cfg(test)]
pub(crate) use ops::new_document;
pub use purchase::AssetPurchase;
pub use query::{AssetFilter, AssetPage, AssetQuery, AssetSort};

use crate::store::StoreError;

/// The Automerge document id of an asset.
pub fn doc_id(id: &crate::AssetId) -> String {
    format!("asset/{id}")
}

#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error("the asset was not saved: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<crate::problem::Problem>),
    #[error("no asset has the id or tag '{0}'")]
    NotFound(String),
    #[error("nothing was imported: {} of {} rows have errors", .0.error_rows, .0.total_rows)]
    ImportRefused(Box<ImportPreview>),
    #[error("asset document {doc_id} could not be read or written: {reason}")]
    Document { doc_id: String, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}
