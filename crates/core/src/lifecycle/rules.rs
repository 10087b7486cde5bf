//! The rules of an asset's life as pure functions: each takes the asset and its life as they
//! are, the user's input (text, as forms and the CLI give it) and who acts when, and either
//! changes both or returns every problem at once. Nothing here reads or writes a store.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::problem::{Problem, ProblemCode};
use crate::trust::{SignedDecision, Signer};

use crate::assets::doc_id;
use crate::assets::{
    approval_content, capability_of, encode_decision, wipe_content, APPROVE_DISPOSAL,
    REJECT_DISPOSAL, VERIFY_WIPE,
};
use crate::trust::SignRefusal;

use crate::assets::CURRENCIES;
use crate::assets::{parse_amount, parse_date};
use crate::assets::{Asset, AssetStatus, Currency, Date, Money};
use crate::assets::{
    AssetLife, AssigneeKind, Assignment, Condition, Disposal, DisposalStage, MaintenanceKind,
    MaintenanceRecord, Return, Wipe, WipeMethod,
};

/// Why a lifecycle step was refused; the UI translates it, the problem's field names the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LifeCode {
    Required,
    InvalidDate,
    InvalidNumber,
    UnknownValue,
    /// A date before the step it follows (a return before the assignment).
    BeforeStart,
    AlreadyAssigned,
    NotAssigned,
    UnderMaintenance,
    NotUnderMaintenance,
    Disposed,
    DisposalUnderway,
    NoDisposalRequest,
    NotApproved,
    /// The approver or verifier is the person they check.
    SamePerson,
    /// The asset holds data and has no verified wipe record.
    WipeRequired,
    Assigned,
    /// The workspace syncs with a team: this decision must be signed by a logged-in member.
    SignatureRequired,
    /// The member does not hold the capability the decision needs (the value names it).
    NotEntitled,
    /// This device has no roster yet (sync once while online).
    NoRoster,
    /// The account is not a member of the workspace.
    NotAMember,
    /// This device's key is not registered to the account (log in again on this device).
    KeyNotRegistered,
    /// This device's key was revoked.
    KeyRevoked,
}

impl ProblemCode for LifeCode {
    fn code(self) -> &'static str {
        match self {
            LifeCode::Required => "required",
            LifeCode::InvalidDate => "invalid_date",
            LifeCode::InvalidNumber => "invalid_number",
            LifeCode::UnknownValue => "unknown_value",
            LifeCode::BeforeStart => "before_start",
            LifeCode::AlreadyAssigned => "already_assigned",
            LifeCode::NotAssigned => "not_assigned",
            LifeCode::UnderMaintenance => "under_maintenance",
            LifeCode::NotUnderMaintenance => "not_under_maintenance",
            LifeCode::Disposed => "disposed",
            LifeCode::DisposalUnderway => "disposal_underway",
            LifeCode::NoDisposalRequest => "no_disposal_request",
            LifeCode::NotApproved => "not_approved",
            LifeCode::SamePerson => "same_person",
            LifeCode::WipeRequired => "wipe_required",
            LifeCode::Assigned => "assigned",
            LifeCode::SignatureRequired => "signature_required",
            LifeCode::NotEntitled => "not_entitled",
            LifeCode::NoRoster => "no_roster",
            LifeCode::NotAMember => "not_a_member",
            LifeCode::KeyNotRegistered => "key_not_registered",
            LifeCode::KeyRevoked => "key_revoked",
        }
    }

    fn english(self, value: &str) -> String {
        let what = match self {
            LifeCode::Required => "is required",
            LifeCode::InvalidDate => "is not a date (use YYYY-MM-DD)",
            LifeCode::InvalidNumber => "is not a number",
            LifeCode::UnknownValue => "is not one of the known values",
            LifeCode::BeforeStart => "is before the step it follows",
            LifeCode::AlreadyAssigned => "the asset is already assigned (return it first)",
            LifeCode::NotAssigned => "the asset is not assigned",
            LifeCode::UnderMaintenance => "the asset is under maintenance",
            LifeCode::NotUnderMaintenance => "the asset is not under maintenance",
            LifeCode::Disposed => "the asset is disposed",
            LifeCode::DisposalUnderway => "the asset has a disposal under way",
            LifeCode::NoDisposalRequest => "the asset has no disposal request",
            LifeCode::NotApproved => "the disposal is not approved",
            LifeCode::SamePerson => "must be someone else than the person it checks",
            LifeCode::WipeRequired => {
                "the asset holds data: record a verified data wipe first (NIST SP 800-88)"
            }
            LifeCode::Assigned => "the asset is assigned (return it first)",
            LifeCode::SignatureRequired => {
                "this workspace syncs with a team: log in to the team server to sign this decision"
            }
            LifeCode::NotEntitled => "the member may not make this decision (an admin grants it)",
            LifeCode::NoRoster => "this device has no member list yet: sync once while online",
            LifeCode::NotAMember => "this account is not a member of the workspace",
            LifeCode::KeyNotRegistered => {
                "this device's key is not registered to the account: log in again on this device"
            }
            LifeCode::KeyRevoked => {
                "this device's key was revoked: log in again to register a new one"
            }
        };
        if value.is_empty() {
            what.to_owned()
        } else {
            format!("{what} ('{value}')")
        }
    }
}

pub type Problems = Vec<Problem>;

/// A decided request (approved or rejected, nothing wiped yet) whose decision does not hold by
/// the signing member's roster — unsigned, signed by someone not entitled, over other content,
/// with a bad signature — is decided again, by a member who may.
fn needs_deciding_again(asset: &Asset, disposal: &Disposal, signer: Option<&Signer>) -> bool {
    let Some(roster) = signer.and_then(|signer| signer.roster) else {
        return false;
    };
    if !matches!(
        disposal.stage,
        DisposalStage::Approved | DisposalStage::Rejected
    ) || disposal.wipe.is_some()
    {
        return false;
    }
    let action = match disposal.stage {
        DisposalStage::Rejected => REJECT_DISPOSAL,
        _ => APPROVE_DISPOSAL,
    };
    let Some(signed) = disposal
        .decision
        .as_deref()
        .and_then(|text| serde_json::from_str::<SignedDecision>(text).ok())
    else {
        return true;
    };
    if signed.decision.record != doc_id(&asset.id) || signed.decision.action != action {
        return true;
    }
    let content = approval_content(asset, disposal);
    !crate::trust::verify_all(roster, &[(&signed, Some(content))])[0].is_valid()
}

/// The lifecycle refusal for a decision this device would not sign.
fn refusal_code(refusal: &SignRefusal) -> (LifeCode, String) {
    match refusal {
        SignRefusal::NoRoster => (LifeCode::NoRoster, String::new()),
        SignRefusal::NotAMember => (LifeCode::NotAMember, String::new()),
        SignRefusal::KeyNotRegistered => (LifeCode::KeyNotRegistered, String::new()),
        SignRefusal::KeyRevoked => (LifeCode::KeyRevoked, String::new()),
        SignRefusal::NotEntitled(capability) => {
            (LifeCode::NotEntitled, capability.code().to_owned())
        }
    }
}

/// The signing member's name as the roster shows it.
fn signer_name<'a>(signer: Option<&'a Signer>) -> Option<&'a str> {
    let signer = signer?;
    let member = signer.roster?.member(signer.user_id)?;
    Some(member.name.as_str())
}

/// Who acts, and the day they act on (their local date).
#[derive(Clone, Debug)]
pub struct Actor<'a> {
    pub name: &'a str,
    pub today: &'a Date,
    /// The account acting, when the device is logged in to the team server.
    pub account: Option<&'a str>,
    /// When, in milliseconds since the epoch (what a signed decision says).
    pub at_ms: i64,
    /// The workspace syncs with a team: its decisions must be signed.
    pub team: bool,
}

fn problem(code: LifeCode, field: &str, value: impl Into<String>) -> Problem {
    Problem::new(field, code, value)
}

/// Collects problems while inputs are read.
#[derive(Default)]
struct Reader {
    problems: Problems,
}

impl Reader {
    fn required(&mut self, field: &str, text: &str) -> String {
        let text = text.trim();
        if text.is_empty() {
            self.problems.push(problem(LifeCode::Required, field, ""));
        }
        text.to_owned()
    }

    /// A date, or `default` when blank.
    fn date_or(&mut self, field: &str, text: &str, default: &Date) -> Date {
        self.optional_date(field, text)
            .unwrap_or_else(|| default.clone())
    }

    fn optional_date(&mut self, field: &str, text: &str) -> Option<Date> {
        if text.trim().is_empty() {
            return None;
        }
        let date = parse_date(text);
        if date.is_none() {
            self.problems
                .push(problem(LifeCode::InvalidDate, field, text.trim()));
        }
        date
    }

    fn pick<T>(&mut self, field: &str, text: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let value = parse(text);
        if value.is_none() {
            let code = if text.trim().is_empty() {
                LifeCode::Required
            } else {
                LifeCode::UnknownValue
            };
            self.problems.push(problem(code, field, text.trim()));
        }
        value
    }

    fn money(&mut self, field: &str, amount: &str, currency: &str) -> Option<Money> {
        if amount.trim().is_empty() {
            return None;
        }
        let currency = if currency.trim().is_empty() {
            Currency::KRW
        } else {
            match CURRENCIES.parse(currency) {
                Some(currency) => currency,
                None => {
                    self.problems.push(problem(
                        LifeCode::UnknownValue,
                        "currency",
                        currency.trim(),
                    ));
                    return None;
                }
            }
        };
        match parse_amount(amount, currency.minor_digits()) {
            Some(amount_minor) if amount_minor >= 0 => Some(Money {
                amount_minor,
                currency,
            }),
            _ => {
                self.problems
                    .push(problem(LifeCode::InvalidNumber, field, amount.trim()));
                None
            }
        }
    }

    fn hours(&mut self, field: &str, text: &str) -> Option<f64> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        match text.parse::<f64>() {
            Ok(hours) if hours.is_finite() && hours >= 0.0 => Some(hours),
            _ => {
                self.problems
                    .push(problem(LifeCode::InvalidNumber, field, text));
                None
            }
        }
    }

    fn state(&mut self, code: LifeCode) {
        self.problems.push(problem(code, "", ""));
    }

    fn not_before(&mut self, field: &str, date: &Date, start: &Date) {
        if date < start {
            self.problems
                .push(problem(LifeCode::BeforeStart, field, date.0.clone()));
        }
    }

    /// Signs `action` when a member signs on this device; in a team's workspace a decision
    /// nobody signs, or one the roster does not let them make, is a problem.
    fn sign(
        &mut self,
        signer: Option<&Signer>,
        actor: &Actor,
        record: &str,
        action: &str,
        content: [u8; 32],
    ) -> Option<SignedDecision> {
        let Some(signer) = signer else {
            if actor.team {
                self.state(LifeCode::SignatureRequired);
            }
            return None;
        };
        let capability = capability_of(action)?;
        match signer.decide(record, action, capability, content, actor.at_ms) {
            Ok(signed) => Some(signed),
            Err(refusal) => {
                let (code, value) = refusal_code(&refusal);
                self.problems.push(problem(code, "", value));
                None
            }
        }
    }

    fn finish(self) -> Result<(), Problems> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems)
        }
    }
}

/// Refusals every step shares: nothing happens to a disposed asset.
fn not_disposed(reader: &mut Reader, asset: &Asset) {
    if asset.status == AssetStatus::Disposed {
        reader.state(LifeCode::Disposed);
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssignInput {
    /// `person` or `job`.
    pub kind: String,
    pub assignee: String,
    /// Blank: today.
    pub from: String,
    pub due: String,
    pub note: String,
}

pub fn assign(
    asset: &mut Asset,
    life: &mut AssetLife,
    key: String,
    input: &AssignInput,
    actor: &Actor,
) -> Result<(), Problems> {
    let mut r = Reader::default();
    let kind = r.pick("kind", &input.kind, AssigneeKind::parse);
    let assignee = r.required("assignee", &input.assignee);
    let from = r.date_or("from", &input.from, actor.today);
    let due = r.optional_date("due", &input.due);
    if let Some(due) = &due {
        r.not_before("due", due, &from);
    }
    not_disposed(&mut r, asset);
    if life.open_assignment().is_some() {
        r.state(LifeCode::AlreadyAssigned);
    }
    if life.disposal.as_ref().is_some_and(disposal_open) {
        r.state(LifeCode::DisposalUnderway);
    }
    r.finish()?;
    let status_before = asset.status;
    if matches!(asset.status, AssetStatus::InStock) {
        asset.status = AssetStatus::InUse;
    }
    life.assignments.insert(
        key,
        Assignment {
            kind: kind.unwrap_or(AssigneeKind::Person),
            assignee,
            from,
            due,
            note: input.note.trim().to_owned(),
            by: actor.name.to_owned(),
            status_before,
            returned: None,
        },
    );
    Ok(())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReturnInput {
    pub on: String,
    /// `good`, `worn`, `damaged` or `broken`.
    pub condition: String,
    pub note: String,
}

pub fn take_back(
    asset: &mut Asset,
    life: &mut AssetLife,
    input: &ReturnInput,
    actor: &Actor,
) -> Result<(), Problems> {
    let mut r = Reader::default();
    let on = r.date_or("on", &input.on, actor.today);
    let condition = r.pick("condition", &input.condition, Condition::parse);
    let open = life
        .open_assignment()
        .map(|(key, a)| (key.clone(), a.clone()));
    match &open {
        None => r.state(LifeCode::NotAssigned),
        Some((_, assignment)) => r.not_before("on", &on, &assignment.from),
    }
    r.finish()?;
    let Some((key, assignment)) = open else {
        return Ok(());
    };
    // The status goes back only if the assignment set it and nothing changed it since.
    if asset.status == AssetStatus::InUse && assignment.status_before == AssetStatus::InStock {
        asset.status = AssetStatus::InStock;
    }
    if let Some(stored) = life.assignments.get_mut(&key) {
        stored.returned = Some(Return {
            on,
            condition: condition.unwrap_or(Condition::Good),
            note: input.note.trim().to_owned(),
            by: actor.name.to_owned(),
        });
    }
    Ok(())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MaintenanceInput {
    /// `preventive`, `repair`, `upgrade` or `inspection`.
    pub kind: String,
    /// Blank: today.
    pub on: String,
    /// Blank with `open`: the asset goes under maintenance until finished.
    pub finished: String,
    pub open: bool,
    pub vendor: String,
    pub cost: String,
    pub currency: String,
    pub downtime_hours: String,
    pub notes: String,
    /// A maintenance plan's id, when the work is for one.
    pub plan: String,
    /// SHA-256 of files already attached to the asset (work orders, invoices) that belong to
    /// this record; the app attaches them first, through the asset's attachments.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// Records maintenance: done (`finished`, by default the day it started), or `open`: the
/// asset is under maintenance (its status says so) until [`finish_maintenance`].
pub fn record_maintenance(
    asset: &mut Asset,
    life: &mut AssetLife,
    key: String,
    input: &MaintenanceInput,
    actor: &Actor,
) -> Result<(), Problems> {
    let mut r = Reader::default();
    let kind = r.pick("kind", &input.kind, MaintenanceKind::parse);
    let on = r.date_or("on", &input.on, actor.today);
    let finished = if input.open {
        None
    } else {
        let finished = r.date_or("finished", &input.finished, &on);
        r.not_before("finished", &finished, &on);
        Some(finished)
    };
    let cost = r.money("cost", &input.cost, &input.currency);
    let downtime_hours = r.hours("downtime_hours", &input.downtime_hours);
    not_disposed(&mut r, asset);
    if input.open && life.open_maintenance().is_some() {
        r.state(LifeCode::UnderMaintenance);
    }
    r.finish()?;
    let status_before = asset.status;
    if input.open {
        asset.status = AssetStatus::Maintenance;
    }
    let plan = input.plan.trim();
    life.maintenance.insert(
        key,
        MaintenanceRecord {
            kind: kind.unwrap_or(MaintenanceKind::Preventive),
            on,
            finished,
            vendor: input.vendor.trim().to_owned(),
            cost,
            downtime_hours,
            notes: input.notes.trim().to_owned(),
            attachments: input.attachments.clone(),
            plan: (!plan.is_empty()).then(|| plan.to_owned()),
            by: actor.name.to_owned(),
            status_before,
        },
    );
    Ok(())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FinishMaintenanceInput {
    /// Blank: today.
    pub finished: String,
    /// Blank: keep what the record says.
    pub cost: String,
    pub currency: String,
    pub downtime_hours: String,
    pub notes: String,
}

pub fn finish_maintenance(
    asset: &mut Asset,
    life: &mut AssetLife,
    input: &FinishMaintenanceInput,
    actor: &Actor,
) -> Result<(), Problems> {
    let mut r = Reader::default();
    let finished = r.date_or("finished", &input.finished, actor.today);
    let cost = r.money("cost", &input.cost, &input.currency);
    let downtime = r.hours("downtime_hours", &input.downtime_hours);
    let open = life
        .open_maintenance()
        .map(|(key, m)| (key.clone(), m.on.clone()));
    match &open {
        None => r.state(LifeCode::NotUnderMaintenance),
        Some((_, on)) => r.not_before("finished", &finished, on),
    }
    r.finish()?;
    let Some(record) = open.and_then(|(key, _)| life.maintenance.get_mut(&key)) else {
        return Ok(());
    };
    record.finished = Some(finished);
    if cost.is_some() {
        record.cost = cost;
    }
    if downtime.is_some() {
        record.downtime_hours = downtime;
    }
    let notes = input.notes.trim();
    if !notes.is_empty() {
        record.notes = if record.notes.is_empty() {
            notes.to_owned()
        } else {
            format!("{}\n{notes}", record.notes)
        };
    }
    if asset.status == AssetStatus::Maintenance {
        asset.status = record.status_before;
    }
    Ok(())
}

/// A disposal requested and not yet rejected or finished.
fn disposal_open(disposal: &Disposal) -> bool {
    matches!(
        disposal.stage,
        DisposalStage::Requested | DisposalStage::Approved | DisposalStage::Wiped
    )
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisposalRequestInput {
    pub reason: String,
    /// Blank: today.
    pub on: String,
}

/// Asks to dispose of the asset; it is `retiring` until the request is decided.
pub fn request_disposal(
    asset: &mut Asset,
    life: &mut AssetLife,
    input: &DisposalRequestInput,
    actor: &Actor,
) -> Result<(), Problems> {
    let mut r = Reader::default();
    let reason = r.required("reason", &input.reason);
    let on = r.date_or("on", &input.on, actor.today);
    not_disposed(&mut r, asset);
    if life.disposal.as_ref().is_some_and(disposal_open) {
        r.state(LifeCode::DisposalUnderway);
    }
    if life.open_assignment().is_some() {
        r.state(LifeCode::Assigned);
    }
    if life.open_maintenance().is_some() {
        r.state(LifeCode::UnderMaintenance);
    }
    r.finish()?;
    life.disposal = Some(Disposal {
        stage: DisposalStage::Requested,
        reason,
        requested_by: actor.name.to_owned(),
        requested_on: on,
        decided_by: String::new(),
        decided_on: None,
        decision_note: String::new(),
        wipe: None,
        disposed_on: None,
        vendor: String::new(),
        batch: String::new(),
        status_before: asset.status,
        requested_by_account: actor.account.map(str::to_owned),
        decision: None,
    });
    asset.status = AssetStatus::Retiring;
    Ok(())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisposalDecisionInput {
    pub approve: bool,
    pub note: String,
    pub on: String,
}

/// Approves or rejects the request; the approver is not the requester (the same account, in a
/// workspace that syncs with a team; the same name otherwise). In a team's workspace the
/// decision is signed by the deciding member (see `lifecycle::decisions`).
pub fn decide_disposal(
    asset: &mut Asset,
    life: &mut AssetLife,
    input: &DisposalDecisionInput,
    actor: &Actor,
    signer: Option<&Signer>,
) -> Result<(), Problems> {
    let mut r = Reader::default();
    let on = r.date_or("on", &input.on, actor.today);
    let mut signed = None;
    match &life.disposal {
        Some(d)
            if d.stage == DisposalStage::Requested || needs_deciding_again(asset, d, signer) =>
        {
            let same = match (&d.requested_by_account, signer) {
                (Some(requester), Some(signer)) => requester == signer.user_id,
                _ => d.requested_by.trim() == actor.name.trim(),
            };
            if same {
                r.problems
                    .push(problem(LifeCode::SamePerson, "approver", actor.name));
            }
            r.not_before("on", &on, &d.requested_on);
            let action = if input.approve {
                APPROVE_DISPOSAL
            } else {
                REJECT_DISPOSAL
            };
            let content = approval_content(asset, d);
            signed = r.sign(signer, actor, &doc_id(&asset.id), action, content);
        }
        _ => r.state(LifeCode::NoDisposalRequest),
    }
    if !input.approve && input.note.trim().is_empty() {
        r.problems.push(problem(LifeCode::Required, "note", ""));
    }
    r.finish()?;
    let Some(disposal) = life.disposal.as_mut() else {
        return Ok(());
    };
    disposal.decision = signed.as_ref().map(encode_decision);
    disposal.decided_by = signer_name(signer).unwrap_or(actor.name).to_owned();
    disposal.decided_on = Some(on);
    disposal.decision_note = input.note.trim().to_owned();
    if input.approve {
        disposal.stage = DisposalStage::Approved;
        // Approving again what was rejected (that rejection did not hold): retiring again.
        asset.status = AssetStatus::Retiring;
    } else {
        disposal.stage = DisposalStage::Rejected;
        asset.status = disposal.status_before;
    }
    Ok(())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WipeInput {
    /// `clear`, `purge` or `destroy` (NIST SP 800-88).
    pub method: String,
    pub tool: String,
    pub on: String,
    pub wiped_by: String,
    pub verified_by: String,
    pub certificate: String,
}

/// Records the data wipe of an approved disposal, verified by a second person; `report` is the
/// attached report's blob hash and file name.
///
/// In a team's workspace the wiper is a member (their account id or name, from the roster)
/// and the verifier is the member signing on this device, who must be someone else.
pub fn record_wipe(
    asset: &Asset,
    life: &mut AssetLife,
    input: &WipeInput,
    report: Option<(String, String)>,
    actor: &Actor,
    signer: Option<&Signer>,
) -> Result<(), Problems> {
    let mut r = Reader::default();
    let method = r.pick("method", &input.method, WipeMethod::parse);
    let tool = r.required("tool", &input.tool);
    let on = r.date_or("on", &input.on, actor.today);
    let mut wiped_by = r.required("wiped_by", &input.wiped_by);
    let certificate = r.required("certificate", &input.certificate);
    let (verified_by, wiped_by_account, verified_by_account) = match signer {
        Some(signer) => {
            let roster = signer.roster;
            let wiper = roster.and_then(|roster| {
                roster
                    .members
                    .iter()
                    .find(|m| m.user_id == wiped_by || m.name.trim() == wiped_by)
            });
            let wiper_account = match (wiper, roster) {
                (Some(member), _) => {
                    wiped_by = member.name.clone();
                    Some(member.user_id.clone())
                }
                (None, Some(_)) if !wiped_by.is_empty() => {
                    r.problems
                        .push(problem(LifeCode::NotAMember, "wiped_by", wiped_by.clone()));
                    None
                }
                _ => None,
            };
            if wiper_account.as_deref() == Some(signer.user_id) {
                r.problems.push(problem(
                    LifeCode::SamePerson,
                    "verified_by",
                    wiped_by.clone(),
                ));
            }
            let name = signer_name(Some(signer)).unwrap_or(actor.name).to_owned();
            (name, wiper_account, Some(signer.user_id.to_owned()))
        }
        None => {
            let verified_by = r.required("verified_by", &input.verified_by);
            if !wiped_by.is_empty() && wiped_by == verified_by {
                r.problems.push(problem(
                    LifeCode::SamePerson,
                    "verified_by",
                    verified_by.clone(),
                ));
            }
            (verified_by, None, None)
        }
    };
    not_disposed(&mut r, asset);
    match &life.disposal {
        Some(d) if matches!(d.stage, DisposalStage::Approved | DisposalStage::Wiped) => {
            if let Some(decided) = &d.decided_on {
                r.not_before("on", &on, decided);
            }
        }
        Some(d) if d.stage == DisposalStage::Requested => r.state(LifeCode::NotApproved),
        _ => r.state(LifeCode::NoDisposalRequest),
    }
    let Some(method) = method else {
        return r.finish();
    };
    let mut wipe = Wipe {
        method,
        tool,
        on,
        wiped_by,
        verified_by,
        certificate,
        attachment: report.as_ref().map(|(sha, _)| sha.clone()),
        attachment_name: report.map(|(_, name)| name),
        wiped_by_account,
        verified_by_account,
        verification: None,
    };
    let content = wipe_content(asset, &wipe);
    let signed = r.sign(signer, actor, &doc_id(&asset.id), VERIFY_WIPE, content);
    r.finish()?;
    wipe.verification = signed.as_ref().map(encode_decision);
    if let Some(disposal) = life.disposal.as_mut() {
        disposal.stage = DisposalStage::Wiped;
        disposal.wipe = Some(wipe);
    }
    Ok(())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisposeInput {
    pub on: String,
    pub vendor: String,
    pub batch: String,
}

/// The last step: the asset left. One that holds data needs a verified wipe record first.
pub fn complete_disposal(
    asset: &mut Asset,
    life: &mut AssetLife,
    input: &DisposeInput,
    actor: &Actor,
) -> Result<(), Problems> {
    let mut r = Reader::default();
    let on = r.date_or("on", &input.on, actor.today);
    let vendor = r.required("vendor", &input.vendor);
    let batch = r.required("batch", &input.batch);
    not_disposed(&mut r, asset);
    let holds_data = life.holds_data(asset.asset_type);
    match &life.disposal {
        Some(d) if matches!(d.stage, DisposalStage::Approved | DisposalStage::Wiped) => {
            let verified = d
                .wipe
                .as_ref()
                .is_some_and(|w| !w.verified_by.trim().is_empty());
            if holds_data && !verified {
                r.state(LifeCode::WipeRequired);
            }
            if let Some(wipe) = &d.wipe {
                r.not_before("on", &on, &wipe.on);
            } else if let Some(decided) = &d.decided_on {
                r.not_before("on", &on, decided);
            }
        }
        Some(d) if d.stage == DisposalStage::Requested => r.state(LifeCode::NotApproved),
        _ => r.state(LifeCode::NoDisposalRequest),
    }
    r.finish()?;
    if let Some(disposal) = life.disposal.as_mut() {
        disposal.stage = DisposalStage::Disposed;
        disposal.disposed_on = Some(on);
        disposal.vendor = vendor;
        disposal.batch = batch;
    }
    asset.status = AssetStatus::Disposed;
    Ok(())
}
