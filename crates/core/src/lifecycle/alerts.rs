//! What needs someone's attention, computed from the list rows, the plans and the audit
//! schedules on a given day: returns overdue, maintenance due soon or overdue, audits overdue.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::calendar::{add_months, days_between};
use super::model::{MaintenancePlan, PlanTarget};
use crate::assets::{AssetRow, AssetStatus, Date};
use crate::store::Workspace;

/// What a lifecycle alert is about (see [`source`] for how it reads in the one alert list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    ReturnOverdue,
    MaintenanceDue,
    MaintenanceOverdue,
    AuditOverdue,
}

/// A lifecycle alert as the area computes it; [`source`] turns it into a `crate::alerts::Alert`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeAlert {
    pub kind: AlertKind,
    /// The asset's id and tag (empty for an audit alert).
    pub asset: String,
    pub tag: String,
    /// The person or job (returns), the plan (maintenance), the place (audits).
    pub subject: String,
    pub due: Date,
    /// Days past due (negative: days left).
    pub days_overdue: i64,
    /// A stable key, for remembering which alerts were already notified.
    pub key: String,
}

/// What a maintenance plan would raise if it were saved now.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanAlertPreview {
    /// Assets the plan covers (not disposed).
    pub assets: u32,
    /// Alerts it raises today: maintenance overdue, and due within its reminder days.
    pub overdue: u32,
    pub due_soon: u32,
    /// The first assets it raises alerts for, by tag.
    pub first: Vec<String>,
}

/// Whether `plan` covers the asset of `row`.
fn plan_applies(plan: &MaintenancePlan, row: &AssetRow) -> bool {
    match &plan.target {
        PlanTarget::Asset(id) => *id == row.asset.id.to_string(),
        PlanTarget::AssetType(kind) => *kind == row.asset.asset_type,
    }
}

/// The maintenance alert `plan` raises for the asset of `row` on `today`, if any.
fn plan_alert(plan: &MaintenancePlan, row: &AssetRow, today: &Date) -> Option<LifeAlert> {
    if !plan_applies(plan, row) {
        return None;
    }
    let asset = &row.asset;
    let done = row
        .life
        .plans_done
        .iter()
        .find(|d| d.plan == plan.id)
        .map(|d| &d.last_done);
    let due = plan.recurrence.next_due(done)?;
    let late = days_between(&due, today).unwrap_or(0);
    let kind = if late > 0 {
        AlertKind::MaintenanceOverdue
    } else if -late <= i64::from(plan.remind_days) {
        AlertKind::MaintenanceDue
    } else {
        return None;
    };
    Some(LifeAlert {
        kind,
        asset: asset.id.to_string(),
        tag: asset.asset_tag.clone(),
        subject: plan.name.clone(),
        key: format!("maintenance/{}/{}/{}", plan.id, asset.id, due.0),
        due,
        days_overdue: late,
    })
}

/// An audit schedule with where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleView {
    pub schedule: super::model::AuditSchedule,
    pub last_closed: Option<Date>,
    pub next_due: Option<Date>,
}

impl Workspace {
    /// Every lifecycle alert on `today`, most overdue first.
    pub fn life_alerts(&self, today: &Date) -> Vec<LifeAlert> {
        let mut alerts = Vec::new();
        let plans: Vec<_> = self
            .life_index()
            .plans
            .values()
            .filter(|p| p.active)
            .cloned()
            .collect();
        let index = self.index();
        for row in index.rows() {
            let asset = &row.asset;
            if matches!(asset.status, AssetStatus::Disposed) {
                continue;
            }
            if let Some(open) = row.life.current_assignment() {
                if let Some(due) = &open.due {
                    let late = days_between(due, today).unwrap_or(0);
                    if late > 0 {
                        alerts.push(LifeAlert {
                            kind: AlertKind::ReturnOverdue,
                            asset: asset.id.to_string(),
                            tag: asset.asset_tag.clone(),
                            subject: open.assignee.clone(),
                            due: due.clone(),
                            days_overdue: late,
                            key: format!("return/{}/{}", asset.id, due.0),
                        });
                    }
                }
            }
            for plan in &plans {
                alerts.extend(plan_alert(plan, row, today));
            }
        }
        drop(index);
        alerts.extend(self.audits_overdue(today));
        alerts.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then_with(|| a.tag.cmp(&b.tag))
        });
        alerts
    }

    /// What saving `plan` would raise on `today`, before it is saved: the assets it covers,
    /// the alerts it raises (due soon and overdue), and the first of them by tag.
    pub fn plan_alert_preview(&self, plan: &MaintenancePlan, today: &Date) -> PlanAlertPreview {
        let index = self.index();
        let mut preview = PlanAlertPreview::default();
        for row in index.rows() {
            if matches!(row.asset.status, AssetStatus::Disposed) || !plan_applies(plan, row) {
                continue;
            }
            preview.assets += 1;
            if let Some(alert) = plan_alert(plan, row, today) {
                match alert.kind {
                    AlertKind::MaintenanceOverdue => preview.overdue += 1,
                    _ => preview.due_soon += 1,
                }
                preview.first.push(alert.tag);
            }
        }
        preview
            .first
            .sort_by_cached_key(|tag| crate::natural::natural_key(tag));
        preview.first.truncate(8);
        preview
    }

    /// Every audit schedule with its place's last closed audit and the next due date: the
    /// start until a first audit closes, then that audit's day plus the interval.
    pub fn audit_schedule_views(&self) -> Vec<ScheduleView> {
        let life = self.life_index();
        let audits = self.audit_index();
        let mut views: Vec<ScheduleView> = life
            .schedules
            .values()
            .map(|schedule| {
                let last_closed = audits
                    .audits
                    .values()
                    .filter(|a| {
                        let scope = &a.audit.scope;
                        scope.site.eq_ignore_ascii_case(&schedule.site)
                            && (schedule.room.is_empty()
                                || scope.room.eq_ignore_ascii_case(&schedule.room))
                    })
                    .filter_map(|a| a.audit.closed.as_ref())
                    .map(|end| super::calendar::date_of_ms(end.at_ms))
                    .max();
                let next_due = match &last_closed {
                    Some(last) => add_months(last, i64::from(schedule.every_months)),
                    None => Some(schedule.start.clone()),
                };
                ScheduleView {
                    schedule: schedule.clone(),
                    last_closed,
                    next_due,
                }
            })
            .collect();
        views.sort_by(|a, b| a.next_due.cmp(&b.next_due));
        views
    }

    /// Places whose audit schedule has passed since their last closed audit.
    pub fn audits_overdue(&self, today: &Date) -> Vec<LifeAlert> {
        let mut alerts = Vec::new();
        for view in self.audit_schedule_views() {
            let schedule = &view.schedule;
            if !schedule.active {
                continue;
            }
            let Some(due) = view.next_due else { continue };
            let late = days_between(&due, today).unwrap_or(0);
            if late <= 0 {
                continue;
            }
            let place = if schedule.room.is_empty() {
                schedule.site.clone()
            } else {
                format!("{} / {}", schedule.site, schedule.room)
            };
            alerts.push(LifeAlert {
                kind: AlertKind::AuditOverdue,
                asset: String::new(),
                tag: String::new(),
                subject: place,
                key: format!("audit/{}/{}", schedule.id, due.0),
                due,
                days_overdue: late,
            });
        }
        alerts
    }
}

/// The lifecycle area's alert source: returns overdue, maintenance due or overdue, audits
/// overdue per schedule (their keys are the ones notified before, so nothing is notified
/// twice across the change).
pub(crate) fn source(workspace: &Workspace, today: &str) -> Vec<crate::alerts::Alert> {
    let Some(today) = crate::assets::parse_date(today) else {
        return Vec::new();
    };
    workspace
        .life_alerts(&today)
        .into_iter()
        .map(|alert| {
            let kind = match alert.kind {
                AlertKind::ReturnOverdue => "return_overdue",
                AlertKind::MaintenanceDue => "maintenance_due",
                AlertKind::MaintenanceOverdue => "maintenance_overdue",
                AlertKind::AuditOverdue => "audit_overdue",
            };
            let (record, title, subject) = if alert.asset.is_empty() {
                (String::new(), alert.subject, String::new())
            } else {
                (format!("asset/{}", alert.asset), alert.tag, alert.subject)
            };
            let mut general =
                crate::alerts::Alert::new("lifecycle", kind, record, title, alert.key);
            general.subject = subject;
            general.due = Some(alert.due.0);
            general.days_overdue = alert.days_overdue;
            general
        })
        .collect()
}
