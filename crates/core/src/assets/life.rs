//! What an asset's life leaves in its document (root key `life`, beside `asset`): who has it,
//! its maintenance, its disposal; and the small summary of that the asset's list row carries.
//! Records are maps keyed by ULID, so two people's records both survive a merge.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AssetStatus, AssetType, Date, Money};

macro_rules! vocabulary_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize,
            Deserialize, Reconcile, Hydrate, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name {
            $(#[autosurgeon(rename = $code)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }
            /// Accepts the code (case-insensitive, `-` for `_`).
            pub fn parse(text: &str) -> Option<$name> {
                let wanted = text.trim().to_lowercase().replace('-', "_");
                Self::ALL.iter().copied().find(|value| value.code() == wanted)
            }
        }
    };
}

vocabulary_enum!(
    /// Whom an asset is assigned to.
    AssigneeKind { Person = "person", Job = "job" }
);

vocabulary_enum!(
    /// The state an asset comes back in.
    Condition { Good = "good", Worn = "worn", Damaged = "damaged", Broken = "broken" }
);

vocabulary_enum!(
    MaintenanceKind { Preventive = "preventive", Repair = "repair", Upgrade = "upgrade", Inspection = "inspection" }
);

vocabulary_enum!(
    /// Media sanitisation methods of NIST SP 800-88.
    WipeMethod { Clear = "clear", Purge = "purge", Destroy = "destroy" }
);

vocabulary_enum!(
    /// Where a disposal stands.
    DisposalStage { Requested = "requested", Approved = "approved", Rejected = "rejected", Wiped = "wiped", Disposed = "disposed" }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Assignment {
    pub kind: AssigneeKind,
    pub assignee: String,
    pub from: Date,
    pub due: Option<Date>,
    pub note: String,
    pub by: String,
    /// The status the asset had before; a return restores it.
    pub status_before: AssetStatus,
    pub returned: Option<Return>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Return {
    pub on: Date,
    pub condition: Condition,
    pub note: String,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct MaintenanceRecord {
    pub kind: MaintenanceKind,
    /// The day the work started.
    pub on: Date,
    /// The day it ended; `None` while the asset is under maintenance.
    pub finished: Option<Date>,
    pub vendor: String,
    pub cost: Option<Money>,
    /// Hours the asset was out of service.
    pub downtime_hours: Option<f64>,
    pub notes: String,
    /// Blob hashes of attached files (work orders, invoices).
    pub attachments: Vec<String>,
    /// The plan this work was done for, if any.
    pub plan: Option<String>,
    pub by: String,
    pub status_before: AssetStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Wipe {
    pub method: WipeMethod,
    pub tool: String,
    pub on: Date,
    pub wiped_by: String,
    pub verified_by: String,
    pub certificate: String,
    /// Blob hash of the wipe report, if attached.
    pub attachment: Option<String>,
    /// The wipe report's file name as it was attached (wipes recorded before names were kept
    /// have none).
    #[autosurgeon(missing = "Default::default")]
    #[serde(default)]
    pub attachment_name: Option<String>,
    /// In a workspace that syncs with a team: the member who wiped (their account id).
    #[autosurgeon(missing = "Default::default")]
    #[serde(default)]
    pub wiped_by_account: Option<String>,
    /// The member who verified the wipe (their account id), who signed [`Wipe::verification`].
    #[autosurgeon(missing = "Default::default")]
    #[serde(default)]
    pub verified_by_account: Option<String>,
    /// The verification as a signed decision (`trust::SignedDecision` as JSON).
    #[autosurgeon(missing = "Default::default")]
    #[serde(default)]
    pub verification: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Disposal {
    pub stage: DisposalStage,
    pub reason: String,
    pub requested_by: String,
    pub requested_on: Date,
    pub decided_by: String,
    pub decided_on: Option<Date>,
    pub decision_note: String,
    pub wipe: Option<Wipe>,
    pub disposed_on: Option<Date>,
    pub vendor: String,
    pub batch: String,
    pub status_before: AssetStatus,
    /// The account that asked (in a workspace that syncs with a team).
    #[autosurgeon(missing = "Default::default")]
    #[serde(default)]
    pub requested_by_account: Option<String>,
    /// The approval or rejection as a signed decision (`trust::SignedDecision` as JSON).
    #[autosurgeon(missing = "Default::default")]
    #[serde(default)]
    pub decision: Option<String>,
}

/// Everything of an asset's life its document keeps beside the asset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct AssetLife {
    #[autosurgeon(missing = "Default::default")]
    pub assignments: BTreeMap<String, Assignment>,
    #[autosurgeon(missing = "Default::default")]
    pub maintenance: BTreeMap<String, MaintenanceRecord>,
    #[autosurgeon(missing = "Default::default")]
    pub disposal: Option<Disposal>,
    /// Set by hand; otherwise servers, storage and network gear hold data (see
    /// [`holds_data_by_default`]).
    #[autosurgeon(missing = "Default::default")]
    pub holds_data: Option<bool>,
}

/// Whether an asset of this type holds data that must be wiped before disposal: disks, and
/// the configurations and keys of network and security gear (NIST SP 800-88 covers both).
pub fn holds_data_by_default(asset_type: AssetType) -> bool {
    matches!(
        asset_type,
        AssetType::Server
            | AssetType::Storage
            | AssetType::Switch
            | AssetType::Router
            | AssetType::Firewall
    )
}

impl AssetLife {
    pub fn holds_data(&self, asset_type: AssetType) -> bool {
        self.holds_data
            .unwrap_or_else(|| holds_data_by_default(asset_type))
    }

    /// The assignment not yet returned (the latest, should a merge have left two).
    pub fn open_assignment(&self) -> Option<(&String, &Assignment)> {
        self.assignments
            .iter()
            .filter(|(_, a)| a.returned.is_none())
            .max_by(|a, b| (&a.1.from, a.0).cmp(&(&b.1.from, b.0)))
    }

    /// Blob hashes of the files the records name.
    pub fn blob_hashes(&self) -> impl Iterator<Item = String> + '_ {
        let wipe = self
            .disposal
            .iter()
            .filter_map(|d| d.wipe.as_ref()?.attachment.clone());
        let work = self
            .maintenance
            .values()
            .flat_map(|m| m.attachments.iter().cloned());
        wipe.chain(work)
    }

    /// The maintenance still going on (the latest, should a merge have left two).
    pub fn open_maintenance(&self) -> Option<(&String, &MaintenanceRecord)> {
        self.maintenance
            .iter()
            .filter(|(_, m)| m.finished.is_none())
            .max_by(|a, b| (&a.1.on, a.0).cmp(&(&b.1.on, b.0)))
    }
}

/// One assignment as the list row carries it (for a person's view and overdue alerts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssignmentLine {
    pub kind: AssigneeKind,
    pub assignee: String,
    pub from: Date,
    pub due: Option<Date>,
    pub returned_on: Option<Date>,
    pub condition: Option<Condition>,
}

/// The work done for one maintenance plan on this asset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanDone {
    pub plan: String,
    pub last_done: Date,
}

/// What the list row knows of an asset's life: enough for alerts, a person's view and
/// reports, without opening documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LifeSummary {
    pub assignments: Vec<AssignmentLine>,
    pub maintenance_count: u32,
    /// Total maintenance cost per currency, in minor units.
    pub maintenance_costs: Vec<Money>,
    pub last_maintenance: Option<Date>,
    pub plans_done: Vec<PlanDone>,
    pub disposal: Option<DisposalStage>,
    pub disposed_on: Option<Date>,
    pub disposal_batch: String,
    pub holds_data: bool,
}

impl LifeSummary {
    pub fn of(life: &AssetLife, asset_type: AssetType) -> LifeSummary {
        let mut assignments: Vec<AssignmentLine> = life
            .assignments
            .values()
            .map(|a| AssignmentLine {
                kind: a.kind,
                assignee: a.assignee.clone(),
                from: a.from.clone(),
                due: a.due.clone(),
                returned_on: a.returned.as_ref().map(|r| r.on.clone()),
                condition: a.returned.as_ref().map(|r| r.condition),
            })
            .collect();
        assignments.sort_by(|a, b| a.from.cmp(&b.from));
        let mut costs: BTreeMap<crate::assets::Currency, i64> = BTreeMap::new();
        let mut plans: BTreeMap<String, Date> = BTreeMap::new();
        for record in life.maintenance.values() {
            if let Some(cost) = &record.cost {
                *costs.entry(cost.currency).or_default() += cost.amount_minor;
            }
            if let (Some(plan), Some(done)) = (&record.plan, &record.finished) {
                let entry = plans.entry(plan.clone()).or_insert_with(|| done.clone());
                if done > entry {
                    *entry = done.clone();
                }
            }
        }
        LifeSummary {
            assignments,
            maintenance_count: life.maintenance.len() as u32,
            maintenance_costs: costs
                .into_iter()
                .map(|(currency, amount_minor)| Money {
                    amount_minor,
                    currency,
                })
                .collect(),
            last_maintenance: life
                .maintenance
                .values()
                .filter_map(|m| m.finished.clone())
                .max(),
            plans_done: plans
                .into_iter()
                .map(|(plan, last_done)| PlanDone { plan, last_done })
                .collect(),
            disposal: life.disposal.as_ref().map(|d| d.stage),
            disposed_on: life.disposal.as_ref().and_then(|d| d.disposed_on.clone()),
            disposal_batch: life
                .disposal
                .as_ref()
                .map(|d| d.batch.clone())
                .unwrap_or_default(),
            holds_data: life.holds_data(asset_type),
        }
    }

    /// The assignment not yet returned.
    pub fn current_assignment(&self) -> Option<&AssignmentLine> {
        self.assignments
            .iter()
            .rev()
            .find(|a| a.returned_on.is_none())
    }
}
