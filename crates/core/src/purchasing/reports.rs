//! Purchasing's report over a period: spend by vendor, by kind of line, by month and by budget
//! line (what was ordered in the period, and what of it was received), cycle times between
//! the stages (submitted → approved → ordered → received; median and 90th percentile, in
//! days), the budget lines' use, and each vendor's performance. On screen as this value, as
//! CSV (one table, a section per row) and as a Korean PDF (print's purchase_report).

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use super::budget::BudgetUse;
use super::performance::VendorPerformance;
use super::request::{PurchaseRequest, Status, Verdict};
use super::request_index::PurchaseIndex;
use super::PurchasingError;
use crate::assets::Date;
use crate::lifecycle as calendar;
use crate::store::Workspace;

/// Spend of one vendor, kind, month or budget line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SpendRow {
    /// The vendor's or budget's id, the kind's code or the month (`2027-03`).
    pub key: String,
    /// How people name it.
    pub label: String,
    /// Ordered in the period, in won.
    #[ts(type = "number")]
    pub ordered_krw: i64,
    /// Of that, received (accepted), in won.
    #[ts(type = "number")]
    pub received_krw: i64,
    /// Order lines counted.
    pub lines: u32,
}

/// The time between two stages over the requests that reached both.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CycleTime {
    /// `submitted_to_approved`, `approved_to_ordered`, `ordered_to_received`,
    /// `submitted_to_received`.
    pub stage: String,
    pub requests: u32,
    /// Days (to a tenth); none when no request reached both stages.
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PurchaseReport {
    pub from: String,
    pub until: String,
    pub by_vendor: Vec<SpendRow>,
    pub by_kind: Vec<SpendRow>,
    pub by_month: Vec<SpendRow>,
    pub by_budget: Vec<SpendRow>,
    pub cycle_times: Vec<CycleTime>,
    pub budgets: Vec<BudgetUse>,
    pub vendors: Vec<VendorPerformance>,
    /// The vendors' names by id (what `vendors` and the spend rows' keys name).
    pub vendor_names: BTreeMap<String, String>,
    /// Requests submitted in the period, by status code.
    pub statuses: BTreeMap<String, u32>,
}

/// When a request reached each stage (ms), where it did.
#[derive(Default)]
struct Stages {
    submitted: Option<i64>,
    approved: Option<i64>,
    ordered: Option<i64>,
    received: Option<i64>,
}

fn stages(request: &PurchaseRequest) -> Stages {
    let status = request.status();
    let submitted = request.submissions.values().map(|s| s.at_ms).min();
    let approved = (status.past_approval() || !request.orders.is_empty())
        .then(|| {
            request
                .decisions
                .values()
                .filter(|d| d.verdict == Verdict::Approve)
                .map(|d| d.at_ms)
                .max()
        })
        .flatten();
    let ordered = request.orders.values().map(|o| o.at_ms).min();
    let received = matches!(status, Status::Received | Status::Completed)
        .then(|| request.receipts.values().map(|r| r.at_ms).max())
        .flatten();
    Stages {
        submitted,
        approved,
        ordered,
        received,
    }
}

/// The value at `p` (0–1) of sorted `days`, nearest rank.
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((sorted.len() as f64) * p).ceil().max(1.0) as usize;
    Some((sorted[rank.min(sorted.len()) - 1] * 10.0).round() / 10.0)
}

fn median(sorted: &[f64]) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let middle = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    Some((middle * 10.0).round() / 10.0)
}

fn add(rows: &mut BTreeMap<String, SpendRow>, key: &str, label: &str, ordered: i64, received: i64) {
    let row = rows.entry(key.to_owned()).or_insert_with(|| SpendRow {
        key: key.to_owned(),
        label: label.to_owned(),
        ordered_krw: 0,
        received_krw: 0,
        lines: 0,
    });
    row.ordered_krw += ordered;
    row.received_krw += received;
    row.lines += 1;
}

/// Largest spend first, then by label.
fn ranked(rows: BTreeMap<String, SpendRow>) -> Vec<SpendRow> {
    let mut rows: Vec<SpendRow> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        b.ordered_krw
            .cmp(&a.ordered_krw)
            .then_with(|| a.label.cmp(&b.label))
    });
    rows
}

impl Workspace {
    /// The report of `from..=until` (days, `YYYY-MM-DD`), judged on `today`.
    pub fn purchase_report(
        &self,
        from: &Date,
        until: &Date,
        today: &Date,
    ) -> Result<PurchaseReport, PurchasingError> {
        let vendor_names: BTreeMap<String, String> =
            self.vendors().into_iter().map(|v| (v.id, v.name)).collect();
        let budget_titles: BTreeMap<String, String> = self
            .budgets()
            .into_iter()
            .map(|b| (b.id.clone(), b.title()))
            .collect();
        let within = |day: &str| from.0.as_str() <= day && day <= until.0.as_str();
        let (mut by_vendor, mut by_kind, mut by_month, mut by_budget) = (
            BTreeMap::new(),
            BTreeMap::new(),
            BTreeMap::new(),
            BTreeMap::new(),
        );
        let mut gaps: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        let mut statuses: BTreeMap<String, u32> = BTreeMap::new();
        let mut vendors_ordered: Vec<String> = Vec::new();
        {
            let index = self.indexes().read::<PurchaseIndex>();
            for request in index.requests.values() {
                for (order_key, order) in &request.orders {
                    if !within(&order.ordered_on) {
                        continue;
                    }
                    vendors_ordered.push(order.vendor.clone());
                    let month = order.ordered_on.get(..7).unwrap_or_default().to_owned();
                    for (key, line) in &order.lines {
                        let ordered = request.krw(
                            line.quantity as i128 * line.unit_price_minor as i128,
                            order.currency,
                        );
                        let accepted: u64 = request
                            .receipts
                            .values()
                            .filter(|r| r.order == *order_key)
                            .filter_map(|r| r.lines.get(key))
                            .map(|l| l.accepted)
                            .sum();
                        let received = request.krw(
                            accepted.min(line.quantity) as i128 * line.unit_price_minor as i128,
                            order.currency,
                        );
                        let vendor_label = vendor_names
                            .get(&order.vendor)
                            .cloned()
                            .unwrap_or_else(|| order.vendor.clone());
                        add(
                            &mut by_vendor,
                            &order.vendor,
                            &vendor_label,
                            ordered,
                            received,
                        );
                        let kind = request.lines.get(key).map_or("hardware", |l| l.kind.code());
                        add(&mut by_kind, kind, kind, ordered, received);
                        add(&mut by_month, &month, &month, ordered, received);
                        let budget_label = budget_titles
                            .get(&request.budget)
                            .cloned()
                            .unwrap_or_else(|| "—".to_owned());
                        add(
                            &mut by_budget,
                            &request.budget,
                            &budget_label,
                            ordered,
                            received,
                        );
                    }
                }
                let at = stages(request);
                let Some(submitted) = at.submitted else {
                    continue;
                };
                let submitted_day = calendar::date_of_ms(submitted);
                if !within(&submitted_day.0) {
                    continue;
                }
                *statuses
                    .entry(request.status().code().to_owned())
                    .or_default() += 1;
                let days = |a: Option<i64>, b: Option<i64>| match (a, b) {
                    (Some(a), Some(b)) if b >= a => Some((b - a) as f64 / 86_400_000.0),
                    _ => None,
                };
                for (stage, gap) in [
                    ("submitted_to_approved", days(at.submitted, at.approved)),
                    ("approved_to_ordered", days(at.approved, at.ordered)),
                    ("ordered_to_received", days(at.ordered, at.received)),
                    ("submitted_to_received", days(at.submitted, at.received)),
                ] {
                    let list = gaps.entry(stage).or_default();
                    if let Some(gap) = gap {
                        list.push(gap);
                    }
                }
            }
        }
        let cycle_times = [
            "submitted_to_approved",
            "approved_to_ordered",
            "ordered_to_received",
            "submitted_to_received",
        ]
        .into_iter()
        .map(|stage| {
            let mut list = gaps.remove(stage).unwrap_or_default();
            list.sort_by(f64::total_cmp);
            CycleTime {
                stage: stage.to_owned(),
                requests: list.len() as u32,
                median_days: median(&list),
                p90_days: percentile(&list, 0.9),
            }
        })
        .collect();
        vendors_ordered.sort();
        vendors_ordered.dedup();
        let mut vendors = Vec::new();
        for vendor in &vendors_ordered {
            if let Ok(performance) = self.vendor_performance(vendor, from, until, today) {
                vendors.push(performance);
            }
        }
        let year: Option<i64> = from.0.get(..4).and_then(|y| y.parse().ok());
        let budgets = self
            .budget_uses(None)
            .into_iter()
            .filter(|u| {
                year.is_none_or(|y| u.budget.year >= y)
                    && until
                        .0
                        .get(..4)
                        .and_then(|y| y.parse::<i64>().ok())
                        .is_none_or(|y| u.budget.year <= y)
            })
            .collect();
        Ok(PurchaseReport {
            from: from.0.clone(),
            until: until.0.clone(),
            by_vendor: ranked(by_vendor),
            by_kind: ranked(by_kind),
            by_month: {
                let mut rows: Vec<SpendRow> = by_month.into_values().collect();
                rows.sort_by(|a, b| a.key.cmp(&b.key));
                rows
            },
            by_budget: ranked(by_budget),
            cycle_times,
            budgets,
            vendors,
            vendor_names,
            statuses,
        })
    }
}

/// The report as one CSV table, a section per row: spend (`vendor`, `kind`, `month`,
/// `budget`: ordered and received in won, lines), `cycle` (median and 90th percentile days,
/// requests) and `budget_use` (committed in ordered_krw, spent in received_krw, available).
pub fn report_csv(report: &PurchaseReport) -> Result<Vec<u8>, csv::Error> {
    let mut csv = crate::csv_file::SpreadsheetCsv::new(Vec::new(), true)?;
    csv.row([
        "section",
        "key",
        "name",
        "ordered_krw",
        "received_krw",
        "lines",
        "median_days",
        "p90_days",
        "requests",
        "available_krw",
    ])?;
    for (section, rows) in [
        ("vendor", &report.by_vendor),
        ("kind", &report.by_kind),
        ("month", &report.by_month),
        ("budget", &report.by_budget),
    ] {
        for row in rows {
            csv.row([
                section.to_owned(),
                row.key.clone(),
                row.label.clone(),
                row.ordered_krw.to_string(),
                row.received_krw.to_string(),
                row.lines.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ])?;
        }
    }
    let days = |d: Option<f64>| d.map(|d| format!("{d:.1}")).unwrap_or_default();
    for cycle in &report.cycle_times {
        csv.row([
            "cycle".to_owned(),
            cycle.stage.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            days(cycle.median_days),
            days(cycle.p90_days),
            cycle.requests.to_string(),
            String::new(),
        ])?;
    }
    for used in &report.budgets {
        csv.row([
            "budget_use".to_owned(),
            used.budget.id.clone(),
            used.budget.title(),
            used.committed_krw.to_string(),
            used.spent_krw.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            used.available_krw.to_string(),
        ])?;
    }
    csv.finish()
}
