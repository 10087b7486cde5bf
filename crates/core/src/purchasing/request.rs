//! A purchase request (`purchase/{ULID}`): one document carries the request's whole life —
//! what is asked for, its approval line and every decision on it, the question thread, the
//! requests for quotation and the quotes, the selection, the orders and the receipts. Every
//! collection is a map keyed by a ULID (or by the vendor it concerns), so what two devices
//! add offline both survives a merge; where a request stands ([`Status`]) is not stored but
//! read from those facts, so that every device reads the same status after a merge.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::{Currency, Date};
use crate::trust::content_hash;

/// Version of the purchase document layout; stored in each document as `schema`.
pub const PURCHASE_SCHEMA: u64 = 1;

/// What a line buys.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Reconcile,
    Hydrate,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LineKind {
    Hardware,
    Software,
    Licence,
    Service,
}

impl LineKind {
    pub const ALL: [LineKind; 4] = [
        LineKind::Hardware,
        LineKind::Software,
        LineKind::Licence,
        LineKind::Service,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LineKind::Hardware => "hardware",
            LineKind::Software => "software",
            LineKind::Licence => "licence",
            LineKind::Service => "service",
        }
    }

    /// From its code, its English or its Korean word.
    pub fn parse(text: &str) -> Option<LineKind> {
        let text = text.trim().to_lowercase();
        LineKind::ALL.into_iter().find(|kind| {
            let words: &[&str] = match kind {
                LineKind::Hardware => &["hardware", "hw", "하드웨어"],
                LineKind::Software => &["software", "sw", "소프트웨어"],
                LineKind::Licence => &["licence", "license", "라이선스", "라이센스"],
                LineKind::Service => &["service", "서비스", "용역"],
            };
            words.contains(&text.as_str())
        })
    }
}

/// One thing asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct RequestLine {
    /// Where the line is listed (lines are kept by key so two devices' additions both stay).
    pub position: u32,
    pub description: String,
    pub kind: LineKind,
    pub manufacturer: String,
    pub part_number: String,
    /// A device type of the rack catalogue (`builtin:…` or an added type's id), when chosen.
    pub device_type: String,
    #[ts(type = "number")]
    pub quantity: u64,
    /// `EA`, `set`, `licence`, `month` ….
    pub unit: String,
    /// The estimated unit price, in the currency's minor units.
    #[ts(type = "number")]
    pub unit_price_minor: i64,
    pub currency: Currency,
}

/// A file the request names (a quote from the vendor, a drawing).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct RequestFile {
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub added_at_ms: i64,
    pub added_by: String,
}

/// Someone acting on the request: the account id in a team's workspace, else the name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Person {
    /// The account id (team) or the name (a workspace with no team): what rules name.
    pub who: String,
    /// How they are shown.
    pub name: String,
}

/// A submission (or resubmission after changes were asked for).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Submission {
    pub by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
    /// The content submitted (hex SHA-256, see [`PurchaseRequest::content`]).
    pub content: String,
}

/// The kind of a step in the approval line (결재선).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Reconcile,
    Hydrate,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StepKind {
    /// 검토: a review.
    Review,
    /// 합의: agreement, by several people in parallel.
    Agree,
    /// 결재: the final approval.
    Approve,
}

impl StepKind {
    pub fn code(self) -> &'static str {
        match self {
            StepKind::Review => "review",
            StepKind::Agree => "agree",
            StepKind::Approve => "approve",
        }
    }

    pub fn parse(text: &str) -> Option<StepKind> {
        match text.trim().to_lowercase().as_str() {
            "review" | "검토" => Some(StepKind::Review),
            "agree" | "agreement" | "합의" => Some(StepKind::Agree),
            "approve" | "approval" | "final" | "결재" => Some(StepKind::Approve),
            _ => None,
        }
    }
}

/// Who may act at one place in a step: the approver, or their substitute (대결) over a range
/// of dates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct LineApprover {
    pub person: Person,
    /// 대결: who acts instead while the approver is away, from `from` to `until` (inclusive).
    pub substitute: Option<Person>,
    pub substitute_from: String,
    pub substitute_until: String,
}

impl LineApprover {
    /// Whether `who` may act here on `day` (`YYYY-MM-DD`), and for whom (the approver's
    /// `who` when acting as the substitute).
    pub fn acts(&self, who: &str, day: &str) -> Option<Option<&str>> {
        if self.person.who == who {
            return Some(None);
        }
        match &self.substitute {
            Some(substitute)
                if substitute.who == who
                    && self.substitute_from.as_str() <= day
                    && day <= self.substitute_until.as_str() =>
            {
                Some(Some(self.person.who.as_str()))
            }
            _ => None,
        }
    }
}

/// One ordered step of the line: every approver listed must approve (an agreement step
/// lists several, deciding in parallel).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct LineStep {
    pub kind: StepKind,
    pub approvers: Vec<LineApprover>,
}

/// The approval line the rules chose for the request as it is now.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct ApprovalLine {
    /// The rule it came from (its name).
    pub rule: String,
    pub steps: Vec<LineStep>,
    /// 참조: copied, notified only.
    pub cc: Vec<Person>,
    /// 전결: the final approval was delegated below the rule's threshold.
    pub delegated: bool,
    /// After an edit of what was approved, approvals from this step on must be given again
    /// (those of earlier steps carry over).
    pub return_to: u32,
    /// The total (won) the line was chosen for.
    #[ts(type = "number")]
    pub for_krw: i64,
}

/// What a decision says.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Reconcile,
    Hydrate,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Verdict {
    Approve,
    Reject,
    /// 반려 for changes: back to the requester.
    Changes,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Approve => "approve",
            Verdict::Reject => "reject",
            Verdict::Changes => "changes",
        }
    }
}

/// One approver's decision at one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct StepDecision {
    pub step: u32,
    pub verdict: Verdict,
    pub by: Person,
    /// 대결: the approver this decision was made for, by their substitute.
    pub acting_for: Option<String>,
    pub comment: String,
    #[ts(type = "number")]
    pub at_ms: i64,
    /// The day it was made on (what a substitute's range is judged by).
    pub on: String,
    /// The content decided on (hex SHA-256; its text is in `snapshots`).
    pub content: String,
    /// The signed decision (JSON of `trust::SignedDecision`), in a team's workspace.
    pub signed: Option<String>,
}

/// A question asked while the request is in review, or an answer to one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Message {
    pub by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
    pub text: String,
    /// The question it answers (its key); none for a question.
    pub answers: Option<String>,
}

/// A request for quotation sent to one vendor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Rfq {
    pub sent_on: String,
    pub reply_by: String,
    pub by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// A vendor's quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Quote {
    pub received_on: String,
    pub currency: Currency,
    /// Unit price per request line (by the line's key), in minor units; a line the vendor
    /// does not quote is absent.
    pub prices: BTreeMap<String, i64>,
    #[ts(type = "number")]
    pub lead_time_days: u32,
    #[ts(type = "number")]
    pub warranty_months: u32,
    pub valid_until: String,
    pub payment_terms: String,
    /// The vendor's file (SHA-256), if kept.
    pub file: Option<String>,
    pub file_name: String,
    pub notes: String,
    pub by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// The vendor chosen, for the whole request or line by line, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Selection {
    /// Line key → vendor id (every line of the request).
    pub lines: BTreeMap<String, String>,
    pub reason: String,
    pub by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
    pub content: String,
    pub signed: Option<String>,
}

/// One line of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct OrderLine {
    #[ts(type = "number")]
    pub quantity: u64,
    #[ts(type = "number")]
    pub unit_price_minor: i64,
    pub promised_on: String,
}

/// An order to one vendor (발주).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Order {
    pub vendor: String,
    /// `PO-2027-0001`-style reference, printed on the 발주서 and kept on each asset.
    pub number: String,
    pub ordered_on: String,
    pub currency: Currency,
    /// By request line key.
    pub lines: BTreeMap<String, OrderLine>,
    /// The vendor's invoice: amount (minor units) and reference, once it arrives.
    pub invoice_minor: Option<i64>,
    pub invoice_ref: String,
    pub by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// What arrived of one order line in one receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct ReceiptLine {
    #[ts(type = "number")]
    pub accepted: u64,
    #[ts(type = "number")]
    pub rejected: u64,
    /// The accepted units' serial numbers, as scanned.
    pub serials: Vec<String>,
    /// The assets created for them (asset ids), in the same order.
    pub assets: Vec<String>,
}

/// A delivery received against one order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Receipt {
    /// The order (its key in `orders`).
    pub order: String,
    pub received_on: String,
    pub lines: BTreeMap<String, ReceiptLine>,
    pub note: String,
    pub by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// A cancellation or completion, with who and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Closing {
    pub by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct PurchaseRequest {
    pub id: String,
    /// `PR-20270115-7Q2F`: the day it was made and the end of its id, for people to quote.
    pub number: String,
    pub title: String,
    pub requester: Person,
    pub department: String,
    pub needed_by: String,
    pub justification: String,
    /// The budget line it is charged to (a budget's id; empty: none yet).
    pub budget: String,
    /// KRW per unit of each other currency its lines use, as recorded on the request
    /// (ten-thousandths of a won: 1,385.2 KRW/USD is 13,852,000).
    pub rates: BTreeMap<String, i64>,
    pub lines: BTreeMap<String, RequestLine>,
    /// By SHA-256.
    pub files: BTreeMap<String, RequestFile>,
    #[ts(type = "number")]
    pub created_at_ms: i64,
    /// The request this one was copied from (to reorder), if any.
    pub copied_from: String,
    pub line: ApprovalLine,
    pub submissions: BTreeMap<String, Submission>,
    pub decisions: BTreeMap<String, StepDecision>,
    /// The content each decision was made on, by its hash: what its signature covers.
    pub snapshots: BTreeMap<String, String>,
    pub messages: BTreeMap<String, Message>,
    /// By vendor id.
    pub rfqs: BTreeMap<String, Rfq>,
    /// By vendor id.
    pub quotes: BTreeMap<String, Quote>,
    /// By ULID; the latest counts.
    pub selections: BTreeMap<String, Selection>,
    /// By ULID.
    pub orders: BTreeMap<String, Order>,
    /// By ULID.
    pub receipts: BTreeMap<String, Receipt>,
    /// By ULID; any one cancels.
    pub cancelled: BTreeMap<String, Closing>,
    /// By ULID; any one completes.
    pub completed: BTreeMap<String, Closing>,
}

/// Where a request stands, read from its facts (see [`PurchaseRequest::status`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    Draft,
    Submitted,
    InReview,
    ChangesRequested,
    Approved,
    Rejected,
    QuotesRequested,
    VendorSelected,
    Ordered,
    PartlyReceived,
    Received,
    Completed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 13] = [
        Status::Draft,
        Status::Submitted,
        Status::InReview,
        Status::ChangesRequested,
        Status::Approved,
        Status::Rejected,
        Status::QuotesRequested,
        Status::VendorSelected,
        Status::Ordered,
        Status::PartlyReceived,
        Status::Received,
        Status::Completed,
        Status::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::InReview => "in_review",
            Status::ChangesRequested => "changes_requested",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::QuotesRequested => "quotes_requested",
            Status::VendorSelected => "vendor_selected",
            Status::Ordered => "ordered",
            Status::PartlyReceived => "partly_received",
            Status::Received => "received",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        let text = text.trim().replace('-', "_");
        Status::ALL.into_iter().find(|s| s.code() == text)
    }

    /// Whether what is asked for (lines, prices, budget) may still change: up to approval.
    pub fn editable(self) -> bool {
        matches!(
            self,
            Status::Draft
                | Status::Submitted
                | Status::InReview
                | Status::ChangesRequested
                | Status::Approved
        )
    }

    /// Whether the request has been approved (and is not over).
    pub fn past_approval(self) -> bool {
        matches!(
            self,
            Status::Approved
                | Status::QuotesRequested
                | Status::VendorSelected
                | Status::Ordered
                | Status::PartlyReceived
                | Status::Received
                | Status::Completed
        )
    }
}

/// Ten-thousandths: the scale of a recorded exchange rate.
pub const RATE_SCALE: i64 = 10_000;

/// An amount in `currency`'s minor units in won at `rate` (ten-thousandths of a won per
/// unit), rounded half away from zero.
pub fn to_krw(amount_minor: i128, currency: Currency, rate: i64) -> i64 {
    let divisor = 10i128.pow(currency.minor_digits()) * RATE_SCALE as i128;
    let scaled = amount_minor * rate as i128;
    let rounded = if scaled >= 0 {
        (scaled + divisor / 2) / divisor
    } else {
        (scaled - divisor / 2) / divisor
    };
    rounded.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

impl PurchaseRequest {
    pub fn doc_id(&self) -> String {
        format!("purchase/{}", self.id)
    }

    /// The rate (ten-thousandths of a won per unit) recorded for `currency`; KRW is 1.
    pub fn rate(&self, currency: Currency) -> Option<i64> {
        match currency {
            Currency::KRW => Some(RATE_SCALE),
            other => self
                .rates
                .get(crate::assets::CURRENCIES.code(other))
                .copied(),
        }
    }

    /// An amount in `currency` in won at the request's rate (0 when no rate is recorded:
    /// a request is not submitted without one).
    pub fn krw(&self, amount_minor: i128, currency: Currency) -> i64 {
        self.rate(currency)
            .map_or(0, |rate| to_krw(amount_minor, currency, rate))
    }

    /// The lines in their order.
    pub fn ordered_lines(&self) -> Vec<(&String, &RequestLine)> {
        let mut lines: Vec<_> = self.lines.iter().collect();
        lines.sort_by(|a, b| a.1.position.cmp(&b.1.position).then_with(|| a.0.cmp(b.0)));
        lines
    }

    /// A line's estimated total in won.
    pub fn line_krw(&self, line: &RequestLine) -> i64 {
        self.krw(
            line.quantity as i128 * line.unit_price_minor as i128,
            line.currency,
        )
    }

    /// The estimated total in won.
    pub fn total_krw(&self) -> i64 {
        self.lines.values().map(|line| self.line_krw(line)).sum()
    }

    /// The kinds its lines buy.
    pub fn kinds(&self) -> Vec<LineKind> {
        let mut kinds: Vec<LineKind> = self.lines.values().map(|l| l.kind).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// What an approval decides on, as text: the budget, the rates and every line with its
    /// quantity and price (the title, the dates and the justification may change without
    /// asking again).
    pub fn content_text(&self) -> String {
        let mut text = format!("purchase/{}\nbudget={}\n", self.id, self.budget);
        for (currency, rate) in &self.rates {
            text.push_str(&format!("rate {currency}={rate}\n"));
        }
        for (key, line) in self.ordered_lines() {
            text.push_str(&format!(
                "line {key}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                line.description,
                line.kind.code(),
                line.manufacturer,
                line.part_number,
                line.device_type,
                line.quantity,
                line.unit,
                line.unit_price_minor,
                crate::assets::CURRENCIES.code(line.currency),
            ));
        }
        text
    }

    /// The SHA-256 of [`Self::content_text`], as signed decisions name it.
    pub fn content(&self) -> [u8; 32] {
        content_hash(&[&self.doc_id(), &self.content_text()])
    }

    pub fn content_hex(&self) -> String {
        hex::encode(self.content())
    }

    /// The latest submission.
    pub fn last_submission(&self) -> Option<&Submission> {
        self.submissions
            .iter()
            .max_by(|a, b| a.1.at_ms.cmp(&b.1.at_ms).then_with(|| a.0.cmp(b.0)))
            .map(|(_, s)| s)
    }

    /// Whether a decision still counts: made on the content as it is now, or at a step
    /// before the one an edit returns to (approvals there carry over an edit).
    pub fn counts(&self, decision: &StepDecision, current: &str) -> bool {
        decision.content == current || decision.step < self.line.return_to
    }

    /// Whether the approver at `approver` of step `step` has approved, counting decisions
    /// by their substitute on a day within the range.
    pub fn approved_by(&self, step: u32, approver: &LineApprover, current: &str) -> bool {
        self.decisions.values().any(|decision| {
            decision.step == step
                && decision.verdict == Verdict::Approve
                && self.counts(decision, current)
                && match approver.acts(&decision.by.who, &decision.on) {
                    Some(None) => true,
                    Some(Some(absent)) => decision.acting_for.as_deref() == Some(absent),
                    None => false,
                }
        })
    }

    /// The first step not yet approved by everyone it lists (the line's length when all are).
    pub fn current_step(&self) -> u32 {
        let current = self.content_hex();
        self.step_at(&current)
    }

    fn step_at(&self, current: &str) -> u32 {
        for (index, step) in self.line.steps.iter().enumerate() {
            let index = index as u32;
            if !step
                .approvers
                .iter()
                .all(|approver| self.approved_by(index, approver, current))
            {
                return index;
            }
        }
        self.line.steps.len() as u32
    }

    /// The latest rejection, if any: a rejection stands whatever was approved at the same
    /// time (on every device, after any merge).
    pub fn rejection(&self) -> Option<&StepDecision> {
        self.decisions
            .values()
            .filter(|d| d.verdict == Verdict::Reject)
            .min_by(|a, b| a.at_ms.cmp(&b.at_ms).then_with(|| a.by.who.cmp(&b.by.who)))
    }

    /// A request for changes made after the latest submission, if any.
    pub fn open_change_request(&self) -> Option<&StepDecision> {
        let submitted = self.last_submission().map_or(i64::MIN, |s| s.at_ms);
        self.decisions
            .values()
            .filter(|d| d.verdict == Verdict::Changes && d.at_ms >= submitted)
            .max_by_key(|d| d.at_ms)
    }

    /// Units ordered and accepted in all.
    pub fn units_ordered(&self) -> u64 {
        self.orders
            .values()
            .flat_map(|o| o.lines.values())
            .map(|l| l.quantity)
            .sum()
    }

    pub fn units_accepted(&self) -> u64 {
        self.receipts
            .values()
            .flat_map(|r| r.lines.values())
            .map(|l| l.accepted)
            .sum()
    }

    /// The selection in force (the latest).
    pub fn selection(&self) -> Option<&Selection> {
        self.selections
            .iter()
            .max_by(|a, b| a.1.at_ms.cmp(&b.1.at_ms).then_with(|| a.0.cmp(b.0)))
            .map(|(_, s)| s)
    }

    /// Where the request stands.
    pub fn status(&self) -> Status {
        self.standing().0
    }

    /// Who must act now: the approvers of the current step who have not approved (with
    /// their substitute, where one is named), while the request is waiting on approvals.
    pub fn waiting_on(&self) -> Vec<&LineApprover> {
        self.standing().1
    }

    /// Where the request stands and who it waits on, its content hashed at most once (only
    /// while it is in approval, where which decisions count depends on the content).
    pub fn standing(&self) -> (Status, Vec<&LineApprover>) {
        if let Some(status) = self.settled() {
            return (status, Vec::new());
        }
        let current = self.content_hex();
        let step = self.step_at(&current);
        let Some(waiting) = self.line.steps.get(step as usize) else {
            return (Status::Approved, Vec::new());
        };
        let decided = self
            .decisions
            .values()
            .any(|d| d.verdict == Verdict::Approve && self.counts(d, &current));
        let status = if decided {
            Status::InReview
        } else {
            Status::Submitted
        };
        let approvers = waiting
            .approvers
            .iter()
            .filter(|a| !self.approved_by(step, a, &current))
            .collect();
        (status, approvers)
    }

    /// The status the request's facts settle without its approvals: every one but
    /// submitted, in review and approved (none while it is in approval).
    fn settled(&self) -> Option<Status> {
        if !self.cancelled.is_empty() {
            return Some(Status::Cancelled);
        }
        if !self.completed.is_empty() {
            return Some(Status::Completed);
        }
        if self.rejection().is_some() {
            return Some(Status::Rejected);
        }
        if !self.receipts.is_empty() {
            let ordered = self.units_ordered();
            return Some(if ordered > 0 && self.units_accepted() >= ordered {
                Status::Received
            } else {
                Status::PartlyReceived
            });
        }
        if !self.orders.is_empty() {
            return Some(Status::Ordered);
        }
        if !self.selections.is_empty() {
            return Some(Status::VendorSelected);
        }
        if !self.rfqs.is_empty() {
            return Some(Status::QuotesRequested);
        }
        if self.submissions.is_empty() {
            return Some(Status::Draft);
        }
        if self.open_change_request().is_some() {
            return Some(Status::ChangesRequested);
        }
        None
    }

    /// Whether `who` must act now on `day` (as approver, or as a substitute in range).
    pub fn waits_for(&self, who: &str, day: &str) -> bool {
        self.waiting_on()
            .iter()
            .any(|approver| approver.acts(who, day).is_some())
    }

    /// Every file the request names (its own, the quotes').
    pub fn file_hashes(&self) -> Vec<String> {
        let mut files: Vec<String> = self.files.keys().cloned().collect();
        files.extend(self.quotes.values().filter_map(|q| q.file.clone()));
        files.sort();
        files.dedup();
        files
    }
}

/// `PR-YYYYMMDD-XXXX`: the day and the last four characters of the ULID.
pub fn request_number(id: &ulid::Ulid, day: &Date) -> String {
    let text = id.to_string();
    format!(
        "PR-{}-{}",
        day.0.replace('-', ""),
        &text[text.len().saturating_sub(4)..]
    )
}
