//! Maintenance plans and audit schedules: small documents of their own (`maintplan/…`,
//! `auditschedule/…`). An asset's own lifecycle records live in its document (see
//! `assets::life`).

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::calendar::Recurrence;
use crate::assets::MaintenanceKind;
use crate::assets::{AssetType, Date};

/// What a maintenance plan covers.
///
/// Serialised by hand as `{ kind, value }`: the same JSON as serde's adjacent tagging (what
/// the UI reads), but as a plain two-field struct, which postcard can read back (the plan's
/// projection); postcard cannot read adjacently tagged enums.
#[derive(Clone, Debug, PartialEq, Eq, Reconcile, Hydrate, TS)]
#[ts(export, tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PlanTarget {
    Asset(String),
    AssetType(AssetType),
}

#[derive(Serialize, Deserialize)]
struct PlanTargetWire {
    kind: String,
    value: String,
}

impl Serialize for PlanTarget {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (kind, value) = match self {
            PlanTarget::Asset(id) => ("asset", id.clone()),
            PlanTarget::AssetType(kind) => (
                "asset_type",
                crate::assets::ASSET_TYPES.code(*kind).to_owned(),
            ),
        };
        PlanTargetWire {
            kind: kind.to_owned(),
            value,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PlanTarget {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = PlanTargetWire::deserialize(deserializer)?;
        match wire.kind.as_str() {
            "asset" => Ok(PlanTarget::Asset(wire.value)),
            "asset_type" => crate::assets::ASSET_TYPES
                .parse(&wire.value)
                .map(PlanTarget::AssetType)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown asset type '{}'", wire.value))
                }),
            other => Err(serde::de::Error::custom(format!(
                "unknown plan target '{other}'"
            ))),
        }
    }
}

/// Recurring maintenance for one asset or every asset of a type (`maintplan/{ULID}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct MaintenancePlan {
    pub id: String,
    pub name: String,
    pub target: PlanTarget,
    pub kind: MaintenanceKind,
    pub recurrence: Recurrence,
    /// Reminders start this many days before the due date.
    pub remind_days: u32,
    pub vendor: String,
    pub notes: String,
    pub active: bool,
}

/// How often a place must be audited (`auditschedule/{ULID}`): a site, or one room of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct AuditSchedule {
    pub id: String,
    pub site: String,
    /// Empty: the whole site.
    pub room: String,
    pub every_months: u32,
    pub start: Date,
    pub active: bool,
}

pub const LIFECYCLE_SCHEMA: u64 = 1;
