//! A budget (`budget/{ULID}`): the won set aside for one budget line (a cost centre, a project
//! or a category) in one year, and what happens when a purchase would overdraw it (its
//! [`BudgetPolicy`]). Written whole from a [`BudgetInput`], every problem at once.
//!
//! What a budget has used is not stored in it: purchase requests and orders name the budget
//! they charge, and [`budget_use`] adds up their [`BudgetCharge`]s (committed: approved but not
//! yet received; spent: received). [`check_policy`] weighs a request against that, so the
//! requester at submit and the approver at approval see the same numbers:
//!
//! ```
//! use cloudwright_core::purchasing::budget::*;
//!
//! let budget = Budget {
//!     id: "B1".into(), year: 2027, line: "인프라 증설".into(),
//!     line_kind: BudgetLineKind::CostCentre, code: "CC-100".into(),
//!     amount_krw: 500_000_000, policy: BudgetPolicy::Stop, notes: String::new(),
//! };
//! let charges = [BudgetCharge {
//!     budget: "B1".into(), request: "purchase/R1".into(),
//!     committed_krw: 300_000_000, spent_krw: 150_000_000,
//! }];
//! let used = budget_use(&budget, &charges);
//! assert_eq!(used.available_krw, 50_000_000);
//! assert_eq!(used.utilisation_pct, Some(90.0));
//! assert!(matches!(check_policy(&used, 60_000_000), PolicyOutcome::Stopped { .. }));
//! assert!(matches!(check_policy(&used, 50_000_000), PolicyOutcome::Allowed { .. }));
//! ```

use std::ops::RangeInclusive;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PurchasingError;
use crate::assets::{parse_amount, Currency, Money};
use crate::problem::{Problem, ProblemCode};
use crate::racks::text_enum;
use crate::stamp::Stamp;
use crate::store::Workspace;
use crate::text::{check_text, TextRule};

/// Version of the budget document layout; stored in each document as `schema`.
pub const BUDGET_SCHEMA: u64 = 1;

/// The longest line name or code, in characters.
pub const MAX_BUDGET_TEXT: usize = 200;

/// The largest amount a budget holds: 1,000조 won, more than a national budget, and small
/// enough that every sum of amounts stays exact in a JavaScript number.
pub const MAX_BUDGET_KRW: i64 = 1_000_000_000_000_000;

/// The years a budget may be for.
pub const BUDGET_YEARS: RangeInclusive<i64> = 2000..=2100;

text_enum!(
    /// What a budget line is kept for.
    BudgetLineKind {
        CostCentre => "cost_centre",
        Project => "project",
        Category => "category",
    }
);

text_enum!(
    /// What a request that would take the budget below zero meets, at submit and at approval:
    /// `stop` refuses it, `warn` lets it through with a warning, `allow` lets it through (the
    /// numbers are shown under every policy).
    BudgetPolicy {
        Stop => "stop",
        Warn => "warn",
        Allow => "allow",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Budget {
    pub id: String,
    #[ts(type = "number")]
    pub year: i64,
    /// The budget line's name, e.g. `인프라 증설`.
    pub line: String,
    pub line_kind: BudgetLineKind,
    /// A cost-centre or project code as the finance team writes it (empty: none).
    pub code: String,
    /// In won.
    #[ts(type = "number")]
    pub amount_krw: i64,
    pub policy: BudgetPolicy,
    pub notes: String,
}

impl Budget {
    /// How people name it: `2027 인프라 증설`.
    pub fn title(&self) -> String {
        format!("{} {}", self.year, self.line)
    }
}

/// A budget as a form or the CLI gives it: the year and the amount as typed, so `abc` and
/// `1.5` are refused with their own reasons and `1,000,000` or `₩1,000,000원` are taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BudgetInput {
    pub year: String,
    pub line: String,
    pub line_kind: BudgetLineKind,
    pub code: String,
    pub amount_krw: String,
    pub policy: BudgetPolicy,
    pub notes: String,
}

/// Why a budget (or a request against one) was refused; the UI words it by its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BudgetCode {
    Required,
    TooLong,
    /// The year or the amount is not a number.
    NotANumber,
    /// An amount with a fraction of a won.
    NotWholeWon,
    /// An amount below zero.
    Negative,
    /// An amount above [`MAX_BUDGET_KRW`].
    TooLarge,
    /// A year outside [`BUDGET_YEARS`].
    YearOutOfRange,
    /// Another budget is for the same line in the same year.
    LineTaken,
    /// A request would take a budget below zero (details: the [`PolicyNumbers`]).
    Exceeded,
}

impl ProblemCode for BudgetCode {
    fn code(self) -> &'static str {
        match self {
            BudgetCode::Required => "required",
            BudgetCode::TooLong => "too_long",
            BudgetCode::NotANumber => "not_a_number",
            BudgetCode::NotWholeWon => "not_whole_won",
            BudgetCode::Negative => "negative",
            BudgetCode::TooLarge => "too_large",
            BudgetCode::YearOutOfRange => "year_out_of_range",
            BudgetCode::LineTaken => "budget_line_taken",
            BudgetCode::Exceeded => "budget_exceeded",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            BudgetCode::Required => "is required".to_owned(),
            BudgetCode::TooLong => format!("is longer than {MAX_BUDGET_TEXT} characters"),
            BudgetCode::NotANumber => format!("'{value}' is not a number"),
            BudgetCode::NotWholeWon => format!("'{value}' is not a whole number of won"),
            BudgetCode::Negative => format!("'{value}' is below zero"),
            BudgetCode::TooLarge => {
                format!("'{value}' is more than {} won", krw(MAX_BUDGET_KRW))
            }
            BudgetCode::YearOutOfRange => format!(
                "'{value}' is not a year from {} to {}",
                BUDGET_YEARS.start(),
                BUDGET_YEARS.end()
            ),
            BudgetCode::LineTaken => format!("the line already has a budget that year ({value})"),
            BudgetCode::Exceeded => format!("would overdraw the budget {value}"),
        }
    }
}

/// What one purchase request (or its order) holds of one budget, in won: `committed` is the
/// value approved but not yet received, `spent` the value received. The purchase request
/// module computes these; a budget only adds them up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BudgetCharge {
    /// The budget's id.
    pub budget: String,
    /// The purchase request's document id.
    pub request: String,
    #[ts(type = "number")]
    pub committed_krw: i64,
    #[ts(type = "number")]
    pub spent_krw: i64,
}

/// A budget with what is used of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BudgetUse {
    pub budget: Budget,
    #[ts(type = "number")]
    pub committed_krw: i64,
    #[ts(type = "number")]
    pub spent_krw: i64,
    /// amount − committed − spent; below zero when the budget is overdrawn.
    #[ts(type = "number")]
    pub available_krw: i64,
    /// (committed + spent) ÷ amount in percent, rounded half up to 0.1; none when the amount
    /// is zero.
    pub utilisation_pct: Option<f64>,
    /// The charges it was computed from (the requests that hold some of it).
    pub charges: Vec<BudgetCharge>,
}

/// The numbers a policy was applied to, shown to the requester and the approver alike.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PolicyNumbers {
    /// The budget's id.
    pub budget: String,
    /// The budget's title (`2027 인프라 증설`).
    pub title: String,
    pub policy: BudgetPolicy,
    #[ts(type = "number")]
    pub amount_krw: i64,
    #[ts(type = "number")]
    pub committed_krw: i64,
    #[ts(type = "number")]
    pub spent_krw: i64,
    #[ts(type = "number")]
    pub available_krw: i64,
    /// What the request being submitted or approved adds.
    #[ts(type = "number")]
    pub request_krw: i64,
    /// available − request.
    #[ts(type = "number")]
    pub available_after_krw: i64,
}

/// What a budget's policy says to a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum PolicyOutcome {
    /// Within the budget, or over it under `allow`.
    Allowed { numbers: PolicyNumbers },
    /// Over the budget under `warn`: goes ahead, and both people see the warning.
    Warned { numbers: PolicyNumbers },
    /// Over the budget under `stop`: refused.
    Stopped { numbers: PolicyNumbers },
}

impl PolicyOutcome {
    pub fn numbers(&self) -> &PolicyNumbers {
        match self {
            PolicyOutcome::Allowed { numbers }
            | PolicyOutcome::Warned { numbers }
            | PolicyOutcome::Stopped { numbers } => numbers,
        }
    }

    /// The request goes ahead (allowed or warned).
    pub fn goes_ahead(&self) -> bool {
        !matches!(self, PolicyOutcome::Stopped { .. })
    }

    /// A warning or a refusal as a problem at the request's `budget` field, its numbers in
    /// `detail` for the UI's words; none when allowed.
    pub fn problem(&self) -> Option<Problem> {
        if matches!(self, PolicyOutcome::Allowed { .. }) {
            return None;
        }
        let n = self.numbers();
        let problem = Problem::new("budget", BudgetCode::Exceeded, n.title.as_str())
            .with("budget_id", &n.budget)
            .with("policy", n.policy.code())
            .with("amount_krw", n.amount_krw)
            .with("committed_krw", n.committed_krw)
            .with("spent_krw", n.spent_krw)
            .with("available_krw", n.available_krw)
            .with("request_krw", n.request_krw)
            .with("available_after_krw", n.available_after_krw);
        let message = format!(
            "would overdraw the budget {} (policy {}): amount ₩{}, committed ₩{}, spent ₩{}, available ₩{}, this request ₩{}, available after ₩{}",
            n.title,
            n.policy.code(),
            krw(n.amount_krw),
            krw(n.committed_krw),
            krw(n.spent_krw),
            krw(n.available_krw),
            krw(n.request_krw),
            krw(n.available_after_krw),
        );
        Some(problem.saying(message))
    }
}

/// `1,234,567` (and `-1,234,567`).
pub fn krw(amount: i64) -> String {
    Money {
        amount_minor: amount,
        currency: Currency::KRW,
    }
    .format_amount()
}

/// The budget with the charges that name it added up.
pub fn budget_use(budget: &Budget, charges: &[BudgetCharge]) -> BudgetUse {
    let mine: Vec<BudgetCharge> = charges
        .iter()
        .filter(|charge| charge.budget == budget.id)
        .cloned()
        .collect();
    let committed = mine
        .iter()
        .fold(0i64, |sum, c| sum.saturating_add(c.committed_krw));
    let spent = mine
        .iter()
        .fold(0i64, |sum, c| sum.saturating_add(c.spent_krw));
    let used = i128::from(committed) + i128::from(spent);
    let utilisation_pct = (budget.amount_krw > 0).then(|| {
        // Tenths of a percent, rounded half up: used × 1000 ÷ amount, in integers.
        let amount = i128::from(budget.amount_krw);
        let tenths = (used * 2000 + amount).div_euclid(2 * amount);
        tenths as f64 / 10.0
    });
    BudgetUse {
        budget: budget.clone(),
        committed_krw: committed,
        spent_krw: spent,
        available_krw: budget
            .amount_krw
            .saturating_sub(committed)
            .saturating_sub(spent),
        utilisation_pct,
        charges: mine,
    }
}

/// What `use_`'s policy says to a request adding `adding_krw` (not among `use_`'s charges).
pub fn check_policy(use_: &BudgetUse, adding_krw: i64) -> PolicyOutcome {
    let available_after = use_.available_krw.saturating_sub(adding_krw);
    let numbers = PolicyNumbers {
        budget: use_.budget.id.clone(),
        title: use_.budget.title(),
        policy: use_.budget.policy,
        amount_krw: use_.budget.amount_krw,
        committed_krw: use_.committed_krw,
        spent_krw: use_.spent_krw,
        available_krw: use_.available_krw,
        request_krw: adding_krw,
        available_after_krw: available_after,
    };
    match use_.budget.policy {
        _ if available_after >= 0 => PolicyOutcome::Allowed { numbers },
        BudgetPolicy::Allow => PolicyOutcome::Allowed { numbers },
        BudgetPolicy::Warn => PolicyOutcome::Warned { numbers },
        BudgetPolicy::Stop => PolicyOutcome::Stopped { numbers },
    }
}

/// A line's name as budgets are told apart by it: spaces collapsed, case ignored.
fn line_key(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn text_problems(field: &str, value: &str, problems: &mut Vec<Problem>) {
    if let Some(problem) = check_text(field, value, TextRule::SingleLine) {
        problems.push(problem);
    } else if value.chars().count() > MAX_BUDGET_TEXT {
        problems.push(Problem::new(field, BudgetCode::TooLong, value));
    }
}

/// The year as typed, or why not.
fn parse_year(typed: &str) -> Result<i64, BudgetCode> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(BudgetCode::Required);
    }
    let year: i64 = typed.parse().map_err(|_| BudgetCode::NotANumber)?;
    if !BUDGET_YEARS.contains(&year) {
        return Err(BudgetCode::YearOutOfRange);
    }
    Ok(year)
}

/// An amount in won as typed (`1,000,000`, `₩1,000,000`, `1000000원`), or why not.
pub fn parse_krw(typed: &str) -> Result<i64, BudgetCode> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(BudgetCode::Required);
    }
    let amount = match parse_amount(typed, 0) {
        Some(amount) => amount,
        None if parse_amount(typed, 2).is_some() => return Err(BudgetCode::NotWholeWon),
        None => {
            // Digits alone that do not fit are a number, just too large.
            let digits: String = typed
                .chars()
                .filter(|c| !matches!(c, ',' | ' ' | '₩' | '원'))
                .collect();
            let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
            return Err(if all_digits {
                BudgetCode::TooLarge
            } else {
                BudgetCode::NotANumber
            });
        }
    };
    if amount < 0 {
        return Err(BudgetCode::Negative);
    }
    if amount > MAX_BUDGET_KRW {
        return Err(BudgetCode::TooLarge);
    }
    Ok(amount)
}

impl Workspace {
    /// Every budget, by year, then line.
    pub fn budgets(&self) -> Vec<Budget> {
        let index = self.indexes().read::<super::BudgetIndex>();
        let mut list: Vec<Budget> = index.budgets.values().cloned().collect();
        list.sort_by_cached_key(|b| (b.year, line_key(&b.line), b.id.clone()));
        list
    }

    /// The budget with this id (or document id, `budget/…`), or named `YEAR/LINE`
    /// (`2027/인프라 증설`). Two budgets for one line and year (two devices added them
    /// offline) are named by id only.
    pub fn budget(&self, key: &str) -> Result<Budget, PurchasingError> {
        let key = key.trim();
        let budgets = self.budgets();
        let id = key.strip_prefix("budget/").unwrap_or(key);
        if let Some(budget) = budgets.iter().find(|b| b.id == id) {
            return Ok(budget.clone());
        }
        let named = key.split_once('/').and_then(|(year, line)| {
            let year: i64 = year.trim().parse().ok()?;
            Some((year, line_key(line)))
        });
        let Some((year, line)) = named else {
            return Err(PurchasingError::NoSuchBudget(key.to_owned()));
        };
        let mut found: Vec<Budget> = budgets
            .into_iter()
            .filter(|b| b.year == year && line_key(&b.line) == line)
            .collect();
        match found.len() {
            0 => Err(PurchasingError::NoSuchBudget(key.to_owned())),
            1 => Ok(found.remove(0)),
            _ => Err(PurchasingError::AmbiguousBudget {
                key: key.to_owned(),
                ids: found.into_iter().map(|b| b.id).collect(),
            }),
        }
    }

    /// The budgets that share one line and year (two devices added them offline), each group
    /// in id order: what the findings inbox lists until they are told apart.
    pub fn duplicate_budgets(&self) -> Vec<Vec<Budget>> {
        let mut groups: std::collections::BTreeMap<(i64, String), Vec<Budget>> =
            std::collections::BTreeMap::new();
        for budget in self.budgets() {
            groups
                .entry((budget.year, line_key(&budget.line)))
                .or_default()
                .push(budget);
        }
        groups
            .into_values()
            .filter(|group| group.len() > 1)
            .map(|mut group| {
                group.sort_by(|a, b| a.id.cmp(&b.id));
                group
            })
            .collect()
    }

    /// Every budget of `year` (all years: none) with what `charges` use of it.
    pub fn budget_uses_with(&self, charges: &[BudgetCharge], year: Option<i64>) -> Vec<BudgetUse> {
        self.budgets()
            .iter()
            .filter(|budget| year.is_none_or(|year| budget.year == year))
            .map(|budget| budget_use(budget, charges))
            .collect()
    }

    /// What the budget `key`'s policy says to the request `request` (its document id) adding
    /// `adding_krw`, weighed against `charges` without the request's own (so it is not
    /// counted twice when an approval is checked again).
    pub fn check_budget_with(
        &self,
        key: &str,
        request: &str,
        adding_krw: i64,
        charges: &[BudgetCharge],
    ) -> Result<PolicyOutcome, PurchasingError> {
        let budget = self.budget(key)?;
        let others: Vec<BudgetCharge> = charges
            .iter()
            .filter(|charge| charge.request != request)
            .cloned()
            .collect();
        Ok(check_policy(&budget_use(&budget, &others), adding_krw))
    }

    /// The budget `input` describes as `id` (a new one, or an edit of `was`), or every
    /// problem. A line and year another budget has are refused when added or changed to;
    /// a budget that already shares them (two devices added it offline) stays editable.
    fn budget_from_input(
        &self,
        id: &str,
        was: Option<&Budget>,
        input: &BudgetInput,
    ) -> Result<Budget, PurchasingError> {
        let mut problems = Vec::new();
        let year = parse_year(&input.year)
            .map_err(|code| problems.push(Problem::new("year", code, input.year.trim())))
            .ok();
        let line = input.line.trim();
        if line.is_empty() {
            problems.push(Problem::new("line", BudgetCode::Required, ""));
        } else {
            text_problems("line", line, &mut problems);
        }
        let code = input.code.trim();
        text_problems("code", code, &mut problems);
        let amount = parse_krw(&input.amount_krw)
            .map_err(|code| {
                problems.push(Problem::new("amount_krw", code, input.amount_krw.trim()))
            })
            .ok();
        if let Some(problem) = check_text("notes", &input.notes, TextRule::MultiLine) {
            problems.push(problem);
        }
        if let Some(year) = year.filter(|_| !line.is_empty()) {
            let unchanged =
                was.is_some_and(|was| was.year == year && line_key(&was.line) == line_key(line));
            let taken = self.budgets().into_iter().find(|other| {
                other.id != id && other.year == year && line_key(&other.line) == line_key(line)
            });
            if let (Some(other), false) = (taken, unchanged) {
                problems.push(Problem::new("line", BudgetCode::LineTaken, other.title()));
            }
        }
        match (year, amount) {
            (Some(year), Some(amount_krw)) if problems.is_empty() => Ok(Budget {
                id: id.to_owned(),
                year,
                line: line.to_owned(),
                line_kind: input.line_kind,
                code: code.to_owned(),
                amount_krw,
                policy: input.policy,
                notes: input.notes.trim().to_owned(),
            }),
            _ => Err(PurchasingError::Refused(problems)),
        }
    }

    /// Adds a budget (`id` a fresh ULID from the caller), refused with every problem at once.
    pub fn add_budget(
        &self,
        id: ulid::Ulid,
        input: &BudgetInput,
        stamp: &Stamp,
    ) -> Result<Budget, PurchasingError> {
        let budget = self.budget_from_input(&id.to_string(), None, input)?;
        self.save_one(&budget, stamp, "budget-add")?;
        Ok(budget)
    }

    /// Changes a budget (by id or `YEAR/LINE`) as a whole.
    pub fn edit_budget(
        &self,
        key: &str,
        input: &BudgetInput,
        stamp: &Stamp,
    ) -> Result<Budget, PurchasingError> {
        let was = self.budget(key)?;
        let budget = self.budget_from_input(&was.id, Some(&was), input)?;
        self.save_one(&budget, stamp, "budget-edit")?;
        Ok(budget)
    }
}

#[cfg(test)]
mod tests;
