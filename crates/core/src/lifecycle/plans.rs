//! Maintenance plans and audit schedules: small documents of their own, written through the
//! infrastructure area's aggregate machinery (`racks::places`), kept in the [`LifeIndex`].
//!
//! [`LifeIndex`]: super::index::LifeIndex

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::calendar::{Every, Recurrence};
use super::model::{AuditSchedule, MaintenancePlan, PlanTarget};
use super::rules::LifeCode;
use super::LifecycleError;
use crate::assets::parse_date;
use crate::assets::MaintenanceKind;
use crate::assets::ASSET_TYPES;
use crate::problem::Problem;
use crate::stamp::Stamp;
use crate::store::Workspace;

/// A maintenance plan as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanInput {
    pub name: String,
    /// An asset's tag or id; or empty with `asset_type` set.
    pub asset: String,
    pub asset_type: String,
    pub kind: String,
    pub every: u32,
    /// `days`, `weeks`, `months` or `years`.
    pub unit: String,
    pub start: String,
    pub remind_days: u32,
    pub vendor: String,
    pub notes: String,
}

fn refused(code: LifeCode, field: &str, value: &str) -> Problem {
    Problem::new(field, code, value.trim())
}

fn parse_unit(text: &str) -> Option<Every> {
    match text.trim().to_lowercase().as_str() {
        "day" | "days" | "d" | "일" => Some(Every::Days),
        "week" | "weeks" | "w" | "주" => Some(Every::Weeks),
        "month" | "months" | "m" | "개월" | "월" => Some(Every::Months),
        "year" | "years" | "y" | "년" => Some(Every::Years),
        _ => None,
    }
}

impl Workspace {
    fn plan_from_input(
        &self,
        id: String,
        input: &PlanInput,
    ) -> Result<MaintenancePlan, LifecycleError> {
        let mut problems = Vec::new();
        let name = input.name.trim();
        if name.is_empty() {
            problems.push(refused(LifeCode::Required, "name", ""));
        }
        let target = if !input.asset.trim().is_empty() {
            match self.asset(input.asset.trim()) {
                Ok(row) => Some(PlanTarget::Asset(row.asset.id.to_string())),
                Err(_) => {
                    problems.push(refused(LifeCode::UnknownValue, "asset", &input.asset));
                    None
                }
            }
        } else {
            match ASSET_TYPES.parse(&input.asset_type) {
                Some(kind) => Some(PlanTarget::AssetType(kind)),
                None => {
                    let code = if input.asset_type.trim().is_empty() {
                        LifeCode::Required
                    } else {
                        LifeCode::UnknownValue
                    };
                    problems.push(refused(code, "asset_type", &input.asset_type));
                    None
                }
            }
        };
        let kind = MaintenanceKind::parse(&input.kind);
        if kind.is_none() {
            problems.push(refused(LifeCode::UnknownValue, "kind", &input.kind));
        }
        if input.every == 0 || input.every > 1000 {
            problems.push(refused(
                LifeCode::InvalidNumber,
                "every",
                &input.every.to_string(),
            ));
        }
        let unit = parse_unit(&input.unit);
        if unit.is_none() {
            problems.push(refused(LifeCode::UnknownValue, "unit", &input.unit));
        }
        let start = parse_date(&input.start);
        if start.is_none() {
            problems.push(refused(LifeCode::InvalidDate, "start", &input.start));
        }
        if input.remind_days > 366 {
            let days = input.remind_days.to_string();
            problems.push(refused(LifeCode::InvalidNumber, "remind_days", &days));
        }
        match (target, kind, unit, start) {
            (Some(target), Some(kind), Some(unit), Some(start)) if problems.is_empty() => {
                Ok(MaintenancePlan {
                    id,
                    name: name.to_owned(),
                    target,
                    kind,
                    recurrence: Recurrence {
                        count: input.every,
                        unit,
                        start,
                    },
                    remind_days: input.remind_days,
                    vendor: input.vendor.trim().to_owned(),
                    notes: input.notes.trim().to_owned(),
                    active: true,
                })
            }
            _ => Err(LifecycleError::Refused(problems)),
        }
    }

    /// What saving `input` would raise on `today` (the plan `id` when it is an edit), before
    /// anything is saved; refused as saving it would be.
    pub fn preview_maintenance_plan(
        &self,
        id: Option<&str>,
        input: &PlanInput,
        today: &crate::assets::Date,
    ) -> Result<super::alerts::PlanAlertPreview, LifecycleError> {
        let plan = self.plan_from_input(id.unwrap_or("preview").to_owned(), input)?;
        Ok(self.plan_alert_preview(&plan, today))
    }

    /// Adds a maintenance plan (`id` a fresh ULID from the caller).
    pub fn add_maintenance_plan(
        &self,
        id: ulid::Ulid,
        input: &PlanInput,
        stamp: &Stamp,
    ) -> Result<MaintenancePlan, LifecycleError> {
        let plan = self.plan_from_input(id.to_string(), input)?;
        self.save_one(&plan, stamp, "plan-add")?;
        Ok(plan)
    }

    /// Changes a plan, or stops it (`active = false`: no more reminders, its records stay).
    pub fn edit_maintenance_plan(
        &self,
        id: &str,
        input: &PlanInput,
        active: bool,
        stamp: &Stamp,
    ) -> Result<MaintenancePlan, LifecycleError> {
        if !self.life_index().plans.contains_key(id) {
            return Err(LifecycleError::NoSuchPlan(id.to_owned()));
        }
        let mut plan = self.plan_from_input(id.to_owned(), input)?;
        plan.active = active;
        self.save_one(&plan, stamp, "plan-edit")?;
        Ok(plan)
    }

    /// Stops a plan (no more reminders; its records stay) or starts it again. The plan is
    /// named by id or by name.
    pub fn set_plan_active(
        &self,
        id_or_name: &str,
        active: bool,
        stamp: &Stamp,
    ) -> Result<MaintenancePlan, LifecycleError> {
        let wanted = id_or_name.trim();
        let found = {
            let life = self.life_index();
            life.plans
                .get(wanted)
                .or_else(|| life.plans.values().find(|plan| plan.name == wanted))
                .cloned()
        };
        let mut plan = found.ok_or_else(|| LifecycleError::NoSuchPlan(wanted.to_owned()))?;
        plan.active = active;
        let op = if active { "plan-resume" } else { "plan-stop" };
        self.save_one(&plan, stamp, op)?;
        Ok(plan)
    }

    pub fn maintenance_plans(&self) -> Vec<MaintenancePlan> {
        self.life_index().plans.values().cloned().collect()
    }

    /// Sets how often a site (or one of its rooms) is audited; one schedule per place, so
    /// setting it again changes it.
    pub fn set_audit_schedule(
        &self,
        id: ulid::Ulid,
        site: &str,
        room: &str,
        every_months: u32,
        start: &str,
        stamp: &Stamp,
    ) -> Result<AuditSchedule, LifecycleError> {
        let mut problems = Vec::new();
        if site.trim().is_empty() {
            problems.push(refused(LifeCode::Required, "site", ""));
        }
        if every_months == 0 || every_months > 120 {
            let months = every_months.to_string();
            problems.push(refused(LifeCode::InvalidNumber, "every_months", &months));
        }
        let start_date = parse_date(start);
        if start_date.is_none() {
            problems.push(refused(LifeCode::InvalidDate, "start", start));
        }
        let Some(start) = start_date.filter(|_| problems.is_empty()) else {
            return Err(LifecycleError::Refused(problems));
        };
        let existing = self
            .life_index()
            .schedules
            .values()
            .find(|s| s.site == site.trim() && s.room == room.trim())
            .map(|s| s.id.clone());
        let schedule = AuditSchedule {
            id: existing.unwrap_or_else(|| id.to_string()),
            site: site.trim().to_owned(),
            room: room.trim().to_owned(),
            every_months,
            start,
            active: true,
        };
        self.save_one(&schedule, stamp, "audit-schedule")?;
        Ok(schedule)
    }

    pub fn audit_schedules(&self) -> Vec<AuditSchedule> {
        self.life_index().schedules.values().cloned().collect()
    }
}
