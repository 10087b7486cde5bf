//! What needs someone's attention on a given day, from every area, in one list: each area
//! registers one alert source (`crate::kinds`), and this module merges them, orders them,
//! and remembers which ones this device has already notified its user of.
//!
//! Alerts are not findings: a finding needs a decision after a merge (which value to keep,
//! which placement to park); an alert is something due or out of limits that someone should
//! act on (a return overdue, a rack over its power, a cable that failed its test).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::natural::natural_key;
use crate::store::{Store, StoreError, Workspace};

/// One thing that needs attention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Alert {
    /// The area that raised it: `lifecycle`, `racks`, `cables`, ….
    pub source: String,
    /// What it is within its source (`return_overdue`, `power_over_capacity`, …); the UI
    /// words it from `source` and `kind`, with `values`.
    pub kind: String,
    /// The record it is about (`asset/…`, `rack/…`, `cable/…`), to open; empty for a place.
    pub record: String,
    /// How a person recognises what it is about: an asset tag, a rack's name, a cable's
    /// label, a site and room.
    pub title: String,
    /// Who or what else it names: the person or job, the plan, the tester.
    pub subject: String,
    /// The day it was or is due (`YYYY-MM-DD`), when it has one.
    pub due: Option<String>,
    /// Days past due (negative: days left); 0 for what has no date.
    #[ts(type = "number")]
    pub days_overdue: i64,
    /// The numbers its wording needs (`max_draw_w`, `capacity_w`, …), as text.
    pub values: BTreeMap<String, String>,
    /// A stable key: the same alert has the same key every day it is raised.
    pub key: String,
}

impl Alert {
    /// An alert with nothing but its source, kind, record, title and key set.
    pub fn new(source: &str, kind: &str, record: String, title: String, key: String) -> Alert {
        Alert {
            source: source.to_owned(),
            kind: kind.to_owned(),
            record,
            title,
            subject: String::new(),
            due: None,
            days_overdue: 0,
            values: BTreeMap::new(),
            key,
        }
    }
}

/// One area's alerts on `today` (`YYYY-MM-DD`, the user's local date).
pub type AlertSource = fn(&Workspace, &str) -> Vec<Alert>;

impl Workspace {
    /// Every area's alerts on `today`, most overdue first, then by source and title.
    pub fn alerts(&self, today: &str) -> Vec<Alert> {
        let mut all: Vec<Alert> = self
            .registry()
            .alert_sources()
            .iter()
            .flat_map(|source| source(self, today))
            .collect();
        all.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then_with(|| a.source.cmp(&b.source))
                .then_with(|| natural_key(&a.title).cmp(&natural_key(&b.title)))
                .then_with(|| a.key.cmp(&b.key))
        });
        all
    }
}

/// The store setting that remembers which alerts of a workspace this device notified (local
/// to the device: another person's laptop notifies its own user).
fn notified_setting(workspace: &Workspace) -> String {
    format!("notified/{}", workspace.meta().id)
}

impl Store {
    /// The alerts of `today` this device has not notified its user of yet, which it then
    /// remembers as notified. Only the keys of today's alerts are kept, so the record stays
    /// as long as the alert list, and an alert that goes away and comes back is new again.
    pub fn alerts_to_notify(
        &self,
        workspace: &Workspace,
        today: &str,
    ) -> Result<Vec<Alert>, StoreError> {
        let alerts = workspace.alerts(today);
        let setting = notified_setting(workspace);
        let before: Vec<String> = self
            .setting(&setting)?
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let fresh: Vec<Alert> = alerts
            .iter()
            .filter(|alert| !before.contains(&alert.key))
            .cloned()
            .collect();
        let keys: Vec<&str> = alerts.iter().map(|alert| alert.key.as_str()).collect();
        self.set_setting(
            &setting,
            &serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into()),
        )?;
        Ok(fresh)
    }
}
