//! An asset's life after it is registered: assignment to a person or a job and its return,
//! maintenance (records, and plans that recur), disposal (request, approval, a data wipe per
//! NIST SP 800-88, disposed), alerts for what is due, and floor audits (see `audits`).
//!
//! The records live in the asset's own document under `life`, so they sync and merge with it;
//! plans and audit schedules are small documents of their own (`maintplan/…`,
//! `auditschedule/…`).

pub mod alerts;
pub mod calendar;
pub mod index;
mod kinds;
pub mod model;
mod ops;
pub mod plans;
pub mod rules;
pub mod verify;
pub mod views;

pub use crate::assets::{
    AssetLife, AssigneeKind, Assignment, Condition, Disposal, DisposalStage, LifeSummary,
    MaintenanceKind, MaintenanceRecord, Wipe, WipeMethod,
};
pub use alerts::{AlertKind, LifeAlert};
pub use calendar::{add_days, add_months, date_of_ms, day_number, days_between, Every, Recurrence};
pub use model::{AuditSchedule, MaintenancePlan, PlanTarget};
pub use ops::Step;
pub use rules::{
    AssignInput, DisposalDecisionInput, DisposalRequestInput, DisposeInput, FinishMaintenanceInput,
    LifeCode, MaintenanceInput, ReturnInput, WipeInput,
};
pub use verify::DecisionCheck;
pub use views::{PersonAssignment, PlanDue};

use crate::assets::AssetError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum LifecycleError {
    #[error("refused: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Refused(Vec<crate::problem::Problem>),
    #[error("the file is {0} bytes; attachments may be at most 64 MiB")]
    AttachmentTooLarge(usize),
    #[error("no maintenance plan or audit schedule has the id '{0}'")]
    NoSuchPlan(String),
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod decisions_tests;
