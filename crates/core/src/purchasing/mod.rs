//! Purchasing (issue 19): vendors first. Each vendor is one document in the standard layout
//! (`vendor/{ULID}`), read into the [`VendorIndex`]; its business registration number
//! (사업자등록번호) is checked by its check digit ([`business_number`]). Budgets, requests, the
//! approval line, quotes, orders and receipts follow in this area.

pub(crate) mod alerts;
pub mod budget;
pub mod business_number;
pub mod decisions;
pub mod demo;
pub mod index;
mod kinds;
pub mod orders;
pub mod performance;
pub mod policy;
pub mod quotes;
pub mod quotes_demo;
pub mod receipts;
pub mod reports;
pub mod request;
pub mod request_index;
mod request_kinds;
pub mod request_ops;
pub mod vendor;
pub mod views;

#[cfg(test)]
mod orders_tests;
#[cfg(test)]
mod policy_tests;
#[cfg(test)]
mod request_tests;
#[cfg(test)]
mod tests;

pub use budget::{
    budget_use, check_policy, Budget, BudgetCharge, BudgetCode, BudgetInput, BudgetLineKind,
    BudgetPolicy, BudgetUse, PolicyNumbers, PolicyOutcome,
};
pub use business_number::{check_business_number, BusinessNumber};
pub use index::BudgetIndex;
pub use index::VendorIndex;
pub use performance::{ScoreWeights, ScoreWeightsIndex};
pub use policy::{ApprovalRule, Substitute};
pub use quotes::{Comparison, QuoteCode, QuoteInput, SelectionInput};
pub use request::{PurchaseRequest, Status};
pub use request_index::PurchaseIndex;
pub use request_ops::{LineInput, PurchaseCode, RequestInput, RuleInput};
pub use vendor::{Vendor, VendorCode, VendorFile, VendorFileKind, VendorInput};

use crate::problem::Problem;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum PurchasingError {
    #[error("refused: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Refused(Vec<Problem>),
    #[error("no vendor has the name or id '{0}'")]
    NoSuchVendor(String),
    #[error("no purchase request has the id or number '{0}'")]
    NoSuchRequest(String),
    #[error("no approval rule has the id '{0}'")]
    NoSuchRule(String),
    #[error("no substitute (대결) has the id '{0}'")]
    NoSuchSubstitute(String),
    #[error("no budget has the id or year/line '{0}'")]
    NoSuchBudget(String),
    #[error("two or more budgets are '{key}' (added on two devices at once): name one by its id: {}", .ids.join(", "))]
    AmbiguousBudget { key: String, ids: Vec<String> },
    #[error(transparent)]
    Store(#[from] StoreError),
}
