//! What screens and the CLI read of purchase requests: a request with where it stands, a
//! list row, filtered pages, the "waiting for me" inbox, and what each request holds of its
//! budget line.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::budget::{BudgetCharge, PolicyOutcome};
use super::request::{LineApprover, Person, PurchaseRequest, Status};
use super::request_index::PurchaseIndex;
use super::PurchasingError;
use crate::store::Workspace;

/// A request as a screen shows it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RequestView {
    pub request: PurchaseRequest,
    pub status: Status,
    #[ts(type = "number")]
    pub total_krw: i64,
    /// The step it waits on (the line's length once approved).
    pub step: u32,
    /// Who must act now (their substitutes with them).
    pub waiting_on: Vec<Person>,
    /// The budget line's title (`2027 인프라 증설`), empty when none.
    pub budget_title: String,
    /// What the budget's policy says to the request as it stands, while it is still to be
    /// decided (draft, submitted, in review, changes asked): the numbers the requester and
    /// the approver both see before they act.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<PolicyOutcome>,
    /// The decisions (keys of `request.decisions`) that no longer count: made on content an
    /// edit has changed since, at a step the edit sent the request back to (shown as such).
    /// Left out when there are none.
    #[ts(as = "Option<Vec<String>>", optional)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<String>,
}

/// One request in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequestRow {
    pub id: String,
    pub number: String,
    pub title: String,
    pub requester: String,
    pub department: String,
    pub status: Status,
    #[ts(type = "number")]
    pub total_krw: i64,
    pub needed_by: String,
    pub budget: String,
    #[ts(type = "number")]
    pub lines: u32,
    /// The kinds its lines buy (codes).
    pub kinds: Vec<String>,
    /// The vendors quoted, selected or ordered from (ids).
    pub vendors: Vec<String>,
    #[ts(type = "number")]
    pub created_at_ms: i64,
    /// Who must act now (with their substitute and the range, 대결).
    pub waiting: Vec<LineApprover>,
    /// Lower-case words search matches against.
    #[serde(skip)]
    #[ts(skip)]
    pub words: String,
}

impl RequestRow {
    pub fn of(request: &PurchaseRequest) -> RequestRow {
        let mut vendors: Vec<String> = request.rfqs.keys().cloned().collect();
        vendors.extend(request.orders.values().map(|o| o.vendor.clone()));
        vendors.sort();
        vendors.dedup();
        let (status, waiting) = request.standing();
        let waiting: Vec<LineApprover> = waiting.into_iter().cloned().collect();
        let mut words = format!(
            "{} {} {} {} {} {}",
            request.number,
            request.title,
            request.requester.name,
            request.department,
            request.justification,
            vendors.join(" ")
        );
        for line in request.lines.values() {
            words.push(' ');
            words.push_str(&line.description);
            words.push(' ');
            words.push_str(&line.manufacturer);
            words.push(' ');
            words.push_str(&line.part_number);
        }
        RequestRow {
            id: request.id.clone(),
            number: request.number.clone(),
            title: request.title.clone(),
            requester: request.requester.name.clone(),
            department: request.department.clone(),
            status,
            total_krw: request.total_krw(),
            needed_by: request.needed_by.clone(),
            budget: request.budget.clone(),
            lines: request.lines.len() as u32,
            kinds: request
                .kinds()
                .iter()
                .map(|k| k.code().to_owned())
                .collect(),
            vendors,
            created_at_ms: request.created_at_ms,
            waiting,
            words: words.to_lowercase(),
        }
    }

    /// Whether `who` must act on it on `day` (as approver, or as their substitute in range).
    pub fn waits_for(&self, who: &str, day: &str) -> bool {
        self.waiting.iter().any(|a| a.acts(who, day).is_some())
    }
}

/// Which requests a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequestQuery {
    /// Words every one of which the request holds (number, title, requester, lines …).
    pub text: String,
    /// Status codes (empty: any).
    pub statuses: Vec<Status>,
    pub budget: String,
    pub vendor: String,
    pub requester: String,
    /// Only what waits for `me` (on `today`).
    pub waiting_for_me: bool,
    #[ts(type = "number")]
    pub offset: u64,
    #[ts(type = "number")]
    pub limit: u64,
}

/// A page of requests, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RequestPage {
    pub rows: Vec<RequestRow>,
    #[ts(type = "number")]
    pub total: u64,
}

impl Workspace {
    /// The request with where it stands.
    pub fn request_view(&self, request: &PurchaseRequest) -> RequestView {
        let budget_title = if request.budget.is_empty() {
            String::new()
        } else {
            self.budget(&request.budget)
                .map(|b| b.title())
                .unwrap_or_default()
        };
        RequestView {
            status: request.status(),
            total_krw: request.total_krw(),
            step: request.current_step(),
            waiting_on: request
                .waiting_on()
                .into_iter()
                .map(|a| a.person.clone())
                .collect(),
            budget_title,
            budget: if matches!(
                request.status(),
                Status::Draft | Status::Submitted | Status::InReview | Status::ChangesRequested
            ) {
                self.budget_outcome(request).ok().flatten()
            } else {
                None
            },
            stale: {
                let current = request.content_hex();
                request
                    .decisions
                    .iter()
                    .filter(|(_, decision)| !request.counts(decision, &current))
                    .map(|(key, _)| key.clone())
                    .collect()
            },
            request: request.clone(),
        }
    }

    /// A page of requests matching `query`; `me` and `today` for the "waiting for me" filter.
    pub fn purchase_page(&self, query: &RequestQuery, me: &str, today: &str) -> RequestPage {
        let index = self.indexes().read::<PurchaseIndex>();
        let words: Vec<String> = query
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let matches = |row: &RequestRow| {
            (query.statuses.is_empty() || query.statuses.contains(&row.status))
                && (query.budget.is_empty() || row.budget == query.budget)
                && (query.vendor.is_empty() || row.vendors.contains(&query.vendor))
                && (query.requester.is_empty() || row.requester == query.requester)
                && (!query.waiting_for_me || row.waits_for(me, today))
                && words.iter().all(|word| row.words.contains(word.as_str()))
        };
        let limit = if query.limit == 0 { 100 } else { query.limit } as usize;
        let mut total = 0u64;
        let mut rows = Vec::new();
        // Newest first: ULIDs sort by time.
        for row in index.rows.values().rev().filter(|row| matches(row)) {
            if total as usize >= query.offset as usize && rows.len() < limit {
                rows.push(row.clone());
            }
            total += 1;
        }
        RequestPage { rows, total }
    }

    /// What every request holds of its budget line: committed (approved, not yet received:
    /// the estimate until ordered, then what was ordered and has not arrived) and spent
    /// (what was received, at the order's prices).
    pub fn purchase_charges(&self) -> Vec<BudgetCharge> {
        let index = self.indexes().read::<PurchaseIndex>();
        index
            .requests
            .values()
            .filter(|r| !r.budget.is_empty())
            .filter_map(charge_of)
            .collect()
    }

    /// Every budget of `year` (all: none) with what the requests use of it.
    pub fn budget_uses(&self, year: Option<i64>) -> Vec<super::budget::BudgetUse> {
        self.budget_uses_with(&self.purchase_charges(), year)
    }

    /// What the request's budget policy says to it now (none without a budget).
    pub fn budget_outcome(
        &self,
        request: &PurchaseRequest,
    ) -> Result<Option<PolicyOutcome>, PurchasingError> {
        if request.budget.is_empty() {
            return Ok(None);
        }
        let charges = self.purchase_charges();
        self.check_budget_with(
            &request.budget,
            &request.doc_id(),
            request.total_krw(),
            &charges,
        )
        .map(Some)
    }
}

/// The request's charge on its budget, when it holds any.
pub fn charge_of(request: &PurchaseRequest) -> Option<BudgetCharge> {
    let status = request.status();
    let received: i64 = request
        .receipts
        .values()
        .map(|receipt| {
            let Some(order) = request.orders.get(&receipt.order) else {
                return 0;
            };
            receipt
                .lines
                .iter()
                .map(|(key, line)| {
                    let price = order.lines.get(key).map_or(0, |l| l.unit_price_minor);
                    request.krw(line.accepted as i128 * price as i128, order.currency)
                })
                .sum::<i64>()
        })
        .sum();
    let ordered: i64 = request
        .orders
        .values()
        .map(|order| {
            order
                .lines
                .values()
                .map(|l| {
                    request.krw(
                        l.quantity as i128 * l.unit_price_minor as i128,
                        order.currency,
                    )
                })
                .sum::<i64>()
        })
        .sum();
    let committed = match status {
        Status::Cancelled | Status::Completed | Status::Rejected => 0,
        _ if !request.orders.is_empty() => (ordered - received).max(0),
        s if s.past_approval() => request.total_krw(),
        _ => 0,
    };
    if committed == 0 && received == 0 {
        return None;
    }
    Some(BudgetCharge {
        budget: request.budget.clone(),
        request: request.doc_id(),
        committed_krw: committed,
        spent_krw: received,
    })
}
