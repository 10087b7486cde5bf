//! The rules that choose a request's approval line (결재선): approval rules on amount bands
//! and kinds (`approvalrule/{ULID}`), and substitutes for absent approvers (대결,
//! `substitute/{ULID}`). Each is a record of its own, so rules two devices add both stay;
//! [`resolve`] is a pure function of the rules, the request's total and kinds, and the day.
//!
//! A rule or a substitute is removed as a request is cancelled: a [`Closing`] is added to its
//! `removed` map (keyed by a ULID, any one removes), and the document stays. So a removal and
//! an edit made at the same time on two devices merge to removed on every device (the edit's
//! values are kept in the document, unused). A removed rule chooses no line from then on;
//! lines already chosen by it stay as they are (a request carries its line). A removed
//! substitute is attached to no line from then on and no longer acts on lines that already
//! name it; decisions it made before stay counted.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::request::{ApprovalLine, Closing, LineApprover, LineKind, LineStep, Person, StepKind};

/// Version of the approval rule and substitute layouts.
pub const POLICY_SCHEMA: u64 = 1;

/// One step as a rule lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct RuleStep {
    pub kind: StepKind,
    pub approvers: Vec<Person>,
}

/// An approval rule: for requests whose total (won) is in `[min_krw, max_krw)` and whose
/// lines are all of `kinds` (empty: any kind), these steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct ApprovalRule {
    pub id: String,
    pub name: String,
    #[ts(type = "number")]
    pub min_krw: i64,
    /// Exclusive; none: no upper bound.
    #[ts(type = "number | null")]
    pub max_krw: Option<i64>,
    pub kinds: Vec<LineKind>,
    pub steps: Vec<RuleStep>,
    /// 참조.
    pub cc: Vec<Person>,
    /// 전결: below this total the final approval is delegated to `delegate_to`.
    #[ts(type = "number | null")]
    pub delegate_below_krw: Option<i64>,
    pub delegate_to: Option<Person>,
    /// After an edit of what was approved, approvals from this step on are asked again.
    #[ts(type = "number")]
    pub return_to: u32,
    /// By ULID; any one removes the rule. Absent in rules written before removal existed.
    #[autosurgeon(missing = "Default::default")]
    #[serde(default)]
    pub removed: BTreeMap<String, Closing>,
}

impl ApprovalRule {
    pub fn is_removed(&self) -> bool {
        !self.removed.is_empty()
    }
}

/// 대결: `substitute` acts for `absent` from `from` to `until` (inclusive, `YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Substitute {
    pub id: String,
    pub absent: Person,
    pub substitute: Person,
    pub from: String,
    pub until: String,
    pub reason: String,
    /// By ULID; any one removes the substitute. Absent in ones written before removal existed.
    #[autosurgeon(missing = "Default::default")]
    #[serde(default)]
    pub removed: BTreeMap<String, Closing>,
}

impl Substitute {
    pub fn is_removed(&self) -> bool {
        !self.removed.is_empty()
    }

    /// Whether this record is the one a line's approver was given (the same absent approver,
    /// substitute and days): how a removal reaches lines chosen before it.
    pub fn named_by(&self, approver: &LineApprover) -> bool {
        approver.person.who == self.absent.who
            && approver
                .substitute
                .as_ref()
                .is_some_and(|s| s.who == self.substitute.who)
            && approver.substitute_from == self.from
            && approver.substitute_until == self.until
    }
}

/// Whether the substitute a line names for `approver` was removed since (a removed record
/// names it and no live one does): it no longer acts there.
pub fn substitute_removed<'a, I>(substitutes: I, approver: &LineApprover) -> bool
where
    I: IntoIterator<Item = &'a Substitute>,
    I::IntoIter: Clone,
{
    let named = substitutes.into_iter().filter(|s| s.named_by(approver));
    named.clone().any(Substitute::is_removed) && named.into_iter().all(Substitute::is_removed)
}

/// Why no line could be chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoLine {
    /// No rule covers this total and these kinds.
    NoRule { total_krw: i64 },
}

fn covers(rule: &ApprovalRule, total_krw: i64, kinds: &[LineKind]) -> bool {
    rule.min_krw <= total_krw
        && rule.max_krw.is_none_or(|max| total_krw < max)
        && (rule.kinds.is_empty() || kinds.iter().all(|kind| rule.kinds.contains(kind)))
}

/// The approval line for a request of `total_krw` buying `kinds`, on `today`: the most
/// specific rule that covers it (one naming kinds before one for any kind, then the
/// narrowest band: the highest minimum, then the lowest maximum, then the id), its 전결
/// applied below its threshold, and each approver's substitute attached where one's range
/// has not ended by `today`.
pub fn resolve(
    rules: &[ApprovalRule],
    substitutes: &[Substitute],
    total_krw: i64,
    kinds: &[LineKind],
    today: &str,
) -> Result<ApprovalLine, NoLine> {
    let rule = rules
        .iter()
        .filter(|rule| !rule.is_removed() && covers(rule, total_krw, kinds))
        .min_by(|a, b| {
            a.kinds
                .is_empty()
                .cmp(&b.kinds.is_empty())
                .then_with(|| b.min_krw.cmp(&a.min_krw))
                .then_with(|| {
                    a.max_krw
                        .unwrap_or(i64::MAX)
                        .cmp(&b.max_krw.unwrap_or(i64::MAX))
                })
                .then_with(|| a.id.cmp(&b.id))
        })
        .ok_or(NoLine::NoRule { total_krw })?;
    let delegated = match (&rule.delegate_to, rule.delegate_below_krw) {
        (Some(_), Some(below)) => total_krw < below,
        _ => false,
    };
    let substitute_of = |person: &Person| {
        substitutes
            .iter()
            .filter(|s| !s.is_removed() && s.absent.who == person.who && s.until.as_str() >= today)
            .min_by(|a, b| a.from.cmp(&b.from).then_with(|| a.id.cmp(&b.id)))
    };
    let approver = |person: &Person| {
        let found = substitute_of(person);
        LineApprover {
            person: person.clone(),
            substitute: found.map(|s| s.substitute.clone()),
            substitute_from: found.map(|s| s.from.clone()).unwrap_or_default(),
            substitute_until: found.map(|s| s.until.clone()).unwrap_or_default(),
        }
    };
    let last_final = rule.steps.iter().rposition(|s| s.kind == StepKind::Approve);
    let steps = rule
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let people: Vec<Person> = match (&rule.delegate_to, delegated) {
                (Some(delegate), true) if Some(index) == last_final => vec![delegate.clone()],
                _ => step.approvers.clone(),
            };
            LineStep {
                kind: step.kind,
                approvers: people.iter().map(approver).collect(),
            }
        })
        .collect();
    Ok(ApprovalLine {
        rule: rule.name.clone(),
        steps,
        cc: rule.cc.clone(),
        delegated,
        return_to: rule.return_to.min(rule.steps.len() as u32),
        for_krw: total_krw,
    })
}
