//! Writes on purchase requests and their rules: make, edit, submit, decide at a step (signed
//! in a team's workspace), ask and answer, cancel, copy; approval rules and substitutes.
//! Every write validates first and returns every problem at once, writing nothing when
//! refused; a write loads the request from its document, changes it and writes it whole in
//! one durable batch.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decisions::{self, action_of, capability_of};
use super::policy::{self, ApprovalRule, RuleStep, Substitute};
use super::request::{
    request_number, Closing, LineKind, Message, Person, PurchaseRequest, RequestLine, Status,
    StepDecision, StepKind, Submission, Verdict, RATE_SCALE,
};
use super::request_index::PurchaseIndex;
use super::PurchasingError;
use crate::assets::{parse_amount, parse_date};
use crate::assets::{Currency, Date, CURRENCIES};
use crate::problem::{Problem, ProblemCode};
use crate::stamp::{Identity, Stamp};
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::text::{check_text, TextRule};
use crate::trust::{SignRefusal, Signer};

/// The longest title, description or other single-line field, in characters.
pub const MAX_PURCHASE_TEXT: usize = 200;

/// Why a purchasing write was refused; the UI words it by its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PurchaseCode {
    Required,
    TooLong,
    NotANumber,
    NotAWholeNumber,
    Negative,
    ZeroQuantity,
    InvalidDate,
    NeededByPast,
    UnknownKind,
    UnknownCurrency,
    NoRate,
    UnknownBudget,
    NoLines,
    NoRule,
    NotEditable,
    WrongStatus,
    NotYourTurn,
    AlreadyDecided,
    OwnRequest,
    SignatureRequired,
    NoRoster,
    NotAMember,
    KeyNotRegistered,
    KeyRevoked,
    NotEntitled,
    OverLimit,
    UnknownQuestion,
    UnknownStepKind,
    RangeOrder,
    FileTooLarge,
    UnknownFile,
    /// A file added to a completed or cancelled request.
    RequestClosed,
}

impl ProblemCode for PurchaseCode {
    fn code(self) -> &'static str {
        match self {
            PurchaseCode::Required => "required",
            PurchaseCode::TooLong => "too_long",
            PurchaseCode::NotANumber => "not_a_number",
            PurchaseCode::NotAWholeNumber => "not_a_whole_number",
            PurchaseCode::Negative => "negative",
            PurchaseCode::ZeroQuantity => "zero_quantity",
            PurchaseCode::InvalidDate => "invalid_date",
            PurchaseCode::NeededByPast => "needed_by_past",
            PurchaseCode::UnknownKind => "unknown_line_kind",
            PurchaseCode::UnknownCurrency => "unknown_currency",
            PurchaseCode::NoRate => "no_rate",
            PurchaseCode::UnknownBudget => "unknown_budget",
            PurchaseCode::NoLines => "no_lines",
            PurchaseCode::NoRule => "no_approval_rule",
            PurchaseCode::NotEditable => "request_not_editable",
            PurchaseCode::WrongStatus => "wrong_status",
            PurchaseCode::NotYourTurn => "not_your_turn",
            PurchaseCode::AlreadyDecided => "already_decided",
            PurchaseCode::OwnRequest => "own_request",
            PurchaseCode::SignatureRequired => "signature_required",
            PurchaseCode::NoRoster => "no_roster",
            PurchaseCode::NotAMember => "not_a_member",
            PurchaseCode::KeyNotRegistered => "key_not_registered",
            PurchaseCode::KeyRevoked => "key_revoked",
            PurchaseCode::NotEntitled => "not_entitled",
            PurchaseCode::OverLimit => "over_approval_limit",
            PurchaseCode::UnknownQuestion => "unknown_question",
            PurchaseCode::UnknownStepKind => "unknown_step_kind",
            PurchaseCode::RangeOrder => "range_order",
            PurchaseCode::FileTooLarge => "file_too_large",
            PurchaseCode::UnknownFile => "unknown_file",
            PurchaseCode::RequestClosed => "request_closed",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            PurchaseCode::Required => "is required".to_owned(),
            PurchaseCode::TooLong => format!("is longer than {MAX_PURCHASE_TEXT} characters"),
            PurchaseCode::NotANumber => format!("'{value}' is not a number"),
            PurchaseCode::NotAWholeNumber => format!("'{value}' is not a whole number"),
            PurchaseCode::Negative => format!("'{value}' is below zero"),
            PurchaseCode::ZeroQuantity => "must be at least 1".to_owned(),
            PurchaseCode::InvalidDate => format!("'{value}' is not a date (YYYY-MM-DD)"),
            PurchaseCode::NeededByPast => format!("{value} is already past"),
            PurchaseCode::UnknownKind => {
                format!("'{value}' is not a kind (hardware, software, licence, service)")
            }
            PurchaseCode::UnknownCurrency => {
                format!("'{value}' is not a currency (KRW, USD, EUR, JPY, CNY)")
            }
            PurchaseCode::NoRate => format!("no KRW rate is recorded for {value}"),
            PurchaseCode::UnknownBudget => format!("no budget line '{value}'"),
            PurchaseCode::NoLines => "a request needs at least one line".to_owned(),
            PurchaseCode::NoRule => {
                format!("no approval rule covers a request of ₩{value} of these kinds")
            }
            PurchaseCode::NotEditable => {
                format!("the request is {value}: what it asks for can no longer change (copy it to reorder)")
            }
            PurchaseCode::WrongStatus => format!("the request is {value}"),
            PurchaseCode::NotYourTurn => {
                format!("it is not your turn: the request waits for {value}")
            }
            PurchaseCode::AlreadyDecided => "you already decided on this content".to_owned(),
            PurchaseCode::OwnRequest => "you cannot approve your own request".to_owned(),
            PurchaseCode::SignatureRequired => {
                "this workspace's decisions are signed: log in to the team server on this device"
                    .to_owned()
            }
            PurchaseCode::NoRoster => {
                "this device has no roster yet: sync once while online".to_owned()
            }
            PurchaseCode::NotAMember => "you are not a member of this workspace".to_owned(),
            PurchaseCode::KeyNotRegistered => {
                "this device's key is not registered to you: log in again".to_owned()
            }
            PurchaseCode::KeyRevoked => "this device's key was revoked".to_owned(),
            PurchaseCode::NotEntitled => format!("you do not hold the capability {value}"),
            PurchaseCode::OverLimit => {
                format!("your approval limit does not cover ₩{value} of these kinds")
            }
            PurchaseCode::UnknownQuestion => format!("no question '{value}' on this request"),
            PurchaseCode::UnknownStepKind => {
                format!("'{value}' is not a step (review, agree, approve)")
            }
            PurchaseCode::RangeOrder => format!("'{value}' ends before it starts"),
            PurchaseCode::FileTooLarge => format!(
                "is {value} bytes, more than the {} MiB a file may be",
                super::vendor::MAX_VENDOR_FILE_BYTES / (1024 * 1024)
            ),
            PurchaseCode::UnknownFile => format!("the request names no file '{value}'"),
            PurchaseCode::RequestClosed => {
                format!("the request is {value}: no file can be added to it any more")
            }
        }
    }
}

fn problem(code: PurchaseCode, field: &str, value: impl Into<String>) -> Problem {
    Problem::new(field, code, value)
}

/// Who acts, from the stamp of their change: the account in a team, else the name.
pub fn person_of(stamp: &Stamp) -> Person {
    let who = match &stamp.by {
        Identity::Account(account) => account.clone(),
        _ => stamp.author.name.clone(),
    };
    Person {
        who,
        name: stamp.author.name.clone(),
    }
}

/// One line as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LineInput {
    /// The line's key when editing an existing line; empty for a new one.
    pub key: String,
    pub description: String,
    pub kind: String,
    pub manufacturer: String,
    pub part_number: String,
    pub device_type: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub currency: String,
}

/// A request as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RequestInput {
    pub title: String,
    pub department: String,
    pub needed_by: String,
    pub justification: String,
    /// A budget's id or `YEAR/LINE`; empty: none yet (required to submit).
    pub budget: String,
    /// `USD=1385.2`-style rates: currency code → KRW per unit, as typed.
    pub rates: Vec<(String, String)>,
    pub lines: Vec<LineInput>,
}

struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn text(&mut self, field: &str, value: &str, required: bool) -> String {
        let value = value.trim();
        if value.is_empty() {
            if required {
                self.problems
                    .push(problem(PurchaseCode::Required, field, ""));
            }
            return String::new();
        }
        if let Some(problem) = check_text(field, value, TextRule::SingleLine) {
            self.problems.push(problem);
        } else if value.chars().count() > MAX_PURCHASE_TEXT {
            self.problems
                .push(problem(PurchaseCode::TooLong, field, value));
        }
        value.to_owned()
    }

    fn long_text(&mut self, field: &str, value: &str) -> String {
        if let Some(problem) = check_text(field, value, TextRule::MultiLine) {
            self.problems.push(problem);
        }
        value.trim().to_owned()
    }

    fn date(&mut self, field: &str, value: &str, required: bool) -> String {
        let value = value.trim();
        if value.is_empty() {
            if required {
                self.problems
                    .push(problem(PurchaseCode::Required, field, ""));
            }
            return String::new();
        }
        match parse_date(value) {
            Some(date) => date.0,
            None => {
                self.problems
                    .push(problem(PurchaseCode::InvalidDate, field, value));
                String::new()
            }
        }
    }

    fn currency(&mut self, field: &str, value: &str) -> Currency {
        let value = value.trim();
        if value.is_empty() {
            return Currency::KRW;
        }
        CURRENCIES.parse(value).unwrap_or_else(|| {
            self.problems
                .push(problem(PurchaseCode::UnknownCurrency, field, value));
            Currency::KRW
        })
    }

    fn whole(&mut self, field: &str, value: &str) -> Option<u64> {
        let value = value.trim();
        if value.is_empty() {
            self.problems
                .push(problem(PurchaseCode::Required, field, ""));
            return None;
        }
        match parse_amount(value, 0) {
            Some(n) if n < 0 => {
                self.problems
                    .push(problem(PurchaseCode::Negative, field, value));
                None
            }
            Some(0) => {
                self.problems
                    .push(problem(PurchaseCode::ZeroQuantity, field, value));
                None
            }
            Some(n) => Some(n as u64),
            None if parse_amount(value, 6).is_some() => {
                self.problems
                    .push(problem(PurchaseCode::NotAWholeNumber, field, value));
                None
            }
            None => {
                self.problems
                    .push(problem(PurchaseCode::NotANumber, field, value));
                None
            }
        }
    }

    fn money(&mut self, field: &str, value: &str, digits: u32) -> Option<i64> {
        let value = value.trim();
        if value.is_empty() {
            self.problems
                .push(problem(PurchaseCode::Required, field, ""));
            return None;
        }
        match parse_amount(value, digits) {
            Some(n) if n < 0 => {
                self.problems
                    .push(problem(PurchaseCode::Negative, field, value));
                None
            }
            Some(n) => Some(n),
            None => {
                self.problems
                    .push(problem(PurchaseCode::NotANumber, field, value));
                None
            }
        }
    }

    fn finish(self) -> Result<(), PurchasingError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(PurchasingError::Refused(self.problems))
        }
    }
}

/// What `submit` and `decide` say besides the request itself: the budget as it stands with
/// this request in it (the policy's numbers, shown to requester and approver alike).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RequestOutcome {
    pub request: super::views::RequestView,
    /// The budget policy's verdict at this step (`none` when the request has no budget).
    pub budget: Option<super::budget::PolicyOutcome>,
}

fn refused(code: PurchaseCode, field: &str, value: impl Into<String>) -> PurchasingError {
    PurchasingError::Refused(vec![problem(code, field, value)])
}

fn sign_refusal(refusal: &SignRefusal) -> Problem {
    match refusal {
        SignRefusal::NoRoster => problem(PurchaseCode::NoRoster, "", ""),
        SignRefusal::NotAMember => problem(PurchaseCode::NotAMember, "", ""),
        SignRefusal::KeyNotRegistered => problem(PurchaseCode::KeyNotRegistered, "", ""),
        SignRefusal::KeyRevoked => problem(PurchaseCode::KeyRevoked, "", ""),
        SignRefusal::NotEntitled(capability) => {
            problem(PurchaseCode::NotEntitled, "", capability.code())
        }
    }
}

impl Workspace {
    fn purchase_index(&self) -> std::sync::RwLockReadGuard<'_, PurchaseIndex> {
        self.indexes().read::<PurchaseIndex>()
    }

    /// The request with this id or number.
    pub fn purchase_request(&self, key: &str) -> Result<PurchaseRequest, PurchasingError> {
        let key = key.trim();
        let index = self.purchase_index();
        index
            .requests
            .get(key)
            .or_else(|| index.requests.values().find(|r| r.number == key))
            .cloned()
            .ok_or_else(|| PurchasingError::NoSuchRequest(key.to_owned()))
    }

    /// Every request, newest first.
    pub fn purchase_requests(&self) -> Vec<PurchaseRequest> {
        let index = self.purchase_index();
        let mut list: Vec<PurchaseRequest> = index.requests.values().cloned().collect();
        list.sort_by(|a, b| b.id.cmp(&a.id));
        list
    }

    /// The approval rules in force (not removed), by the bottom of their band.
    pub fn approval_rules(&self) -> Vec<ApprovalRule> {
        let mut rules: Vec<ApprovalRule> = self
            .purchase_index()
            .rules
            .values()
            .filter(|rule| !rule.is_removed())
            .cloned()
            .collect();
        rules.sort_by(|a, b| a.min_krw.cmp(&b.min_krw).then_with(|| a.name.cmp(&b.name)));
        rules
    }

    /// The substitutes named (not removed), by their first day.
    pub fn substitutes(&self) -> Vec<Substitute> {
        let mut list: Vec<Substitute> = self
            .purchase_index()
            .substitutes
            .values()
            .filter(|substitute| !substitute.is_removed())
            .cloned()
            .collect();
        list.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.id.cmp(&b.id)));
        list
    }

    /// Reads `input` into `request` (its lines keyed: an input line with a key replaces that
    /// line, one without is added under `new_key(i)`; lines not in the input are removed).
    fn fill_request(
        &self,
        request: &mut PurchaseRequest,
        input: &RequestInput,
        today: &Date,
        mut new_key: impl FnMut(usize) -> String,
    ) -> Result<(), PurchasingError> {
        let mut reader = Reader {
            problems: Vec::new(),
        };
        request.title = reader.text("title", &input.title, true);
        request.department = reader.text("department", &input.department, false);
        request.needed_by = reader.date("needed_by", &input.needed_by, false);
        if !request.needed_by.is_empty() && request.needed_by < today.0 {
            let value = request.needed_by.clone();
            reader
                .problems
                .push(problem(PurchaseCode::NeededByPast, "needed_by", value));
        }
        request.justification = reader.long_text("justification", &input.justification);
        let budget_key = input.budget.trim();
        request.budget = if budget_key.is_empty() {
            String::new()
        } else {
            match self.budget(budget_key) {
                Ok(budget) => budget.id,
                Err(_) => {
                    reader.problems.push(problem(
                        PurchaseCode::UnknownBudget,
                        "budget",
                        budget_key,
                    ));
                    String::new()
                }
            }
        };
        request.rates.clear();
        for (currency, rate) in &input.rates {
            let code = currency.trim();
            if code.is_empty() && rate.trim().is_empty() {
                continue;
            }
            let parsed = reader.currency("rates", code);
            let Some(value) = reader.money("rates", rate, 4) else {
                continue;
            };
            if value == 0 {
                reader
                    .problems
                    .push(problem(PurchaseCode::ZeroQuantity, "rates", rate.trim()));
            } else if parsed != Currency::KRW {
                request
                    .rates
                    .insert(CURRENCIES.code(parsed).to_owned(), value);
            }
        }
        let mut lines = std::collections::BTreeMap::new();
        for (index, line) in input.lines.iter().enumerate() {
            let field = |name: &str| format!("lines.{index}.{name}");
            let kind_text = line.kind.trim();
            let kind = if kind_text.is_empty() {
                LineKind::Hardware
            } else {
                LineKind::parse(kind_text).unwrap_or_else(|| {
                    reader.problems.push(problem(
                        PurchaseCode::UnknownKind,
                        &field("kind"),
                        kind_text,
                    ));
                    LineKind::Hardware
                })
            };
            let currency = reader.currency(&field("currency"), &line.currency);
            let description = reader.text(&field("description"), &line.description, true);
            let manufacturer = reader.text(&field("manufacturer"), &line.manufacturer, false);
            let part_number = reader.text(&field("part_number"), &line.part_number, false);
            let device_type = line.device_type.trim().to_owned();
            let unit = match reader.text(&field("unit"), &line.unit, false) {
                unit if unit.is_empty() => "EA".to_owned(),
                unit => unit,
            };
            let quantity = reader.whole(&field("quantity"), &line.quantity);
            let price = reader.money(
                &field("unit_price"),
                &line.unit_price,
                currency.minor_digits(),
            );
            if currency != Currency::KRW && !request.rates.contains_key(CURRENCIES.code(currency)) {
                reader.problems.push(problem(
                    PurchaseCode::NoRate,
                    &field("currency"),
                    CURRENCIES.code(currency),
                ));
            }
            let key = match line.key.trim() {
                "" => new_key(index),
                key => key.to_owned(),
            };
            lines.insert(
                key,
                RequestLine {
                    position: index as u32,
                    description,
                    kind,
                    manufacturer,
                    part_number,
                    device_type,
                    quantity: quantity.unwrap_or(0),
                    unit,
                    unit_price_minor: price.unwrap_or(0),
                    currency,
                },
            );
        }
        request.lines = lines;
        reader.finish()
    }

    /// Makes a draft request (`id` a fresh ULID from the caller).
    pub fn create_purchase_request(
        &self,
        id: ulid::Ulid,
        input: &RequestInput,
        today: &Date,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let mut request = PurchaseRequest {
            id: id.to_string(),
            number: request_number(&id, today),
            title: String::new(),
            requester: person_of(stamp),
            department: String::new(),
            needed_by: String::new(),
            justification: String::new(),
            budget: String::new(),
            rates: Default::default(),
            lines: Default::default(),
            files: Default::default(),
            created_at_ms: stamp.at_ms,
            copied_from: String::new(),
            line: Default::default(),
            submissions: Default::default(),
            decisions: Default::default(),
            snapshots: Default::default(),
            messages: Default::default(),
            rfqs: Default::default(),
            quotes: Default::default(),
            selections: Default::default(),
            orders: Default::default(),
            receipts: Default::default(),
            cancelled: Default::default(),
            completed: Default::default(),
        };
        let mut keys = ulid::Generator::new();
        self.fill_request(&mut request, input, today, |_| {
            keys.generate()
                .unwrap_or_else(|_| ulid::Ulid::new())
                .to_string()
        })?;
        self.save_one(&request, stamp, "purchase-create")?;
        Ok(request)
    }

    /// Loads the request from its document, lets `change` change it, and writes it whole
    /// (with whatever `batch` holds) in one durable batch; a refusal writes nothing.
    pub(crate) fn update_purchase<T>(
        &self,
        key: &str,
        stamp: &Stamp,
        op: &str,
        batch: Batch,
        change: impl FnOnce(&mut PurchaseRequest) -> Result<T, PurchasingError>,
    ) -> Result<(PurchaseRequest, T), PurchasingError> {
        let id = self.purchase_request(key)?.id;
        let doc_id = format!("purchase/{id}");
        let mut cache = self.lock_docs();
        let mut request: PurchaseRequest = self
            .load_aggregate(&mut cache, &doc_id)?
            .ok_or_else(|| PurchasingError::NoSuchRequest(key.to_owned()))?;
        let result = change(&mut request)?;
        let pending = self.stage(&mut cache, &request, stamp, op)?;
        self.write(&mut cache, vec![pending], batch)?;
        Ok((request, result))
    }

    /// The approval line the rules give `request` now.
    pub fn approval_line_for(
        &self,
        request: &PurchaseRequest,
        today: &Date,
    ) -> Result<super::request::ApprovalLine, PurchasingError> {
        let rules = self.approval_rules();
        let substitutes = self.substitutes();
        let total = request.total_krw();
        policy::resolve(&rules, &substitutes, total, &request.kinds(), &today.0)
            .map_err(|_| refused(PurchaseCode::NoRule, "", format_won(total)))
    }

    /// Changes what a request asks for. Up to approval only; after a submission the approval
    /// line is chosen again for the new total, and approvals given on the old content stop
    /// counting from the step the rule returns to.
    pub fn edit_purchase_request(
        &self,
        key: &str,
        input: &RequestInput,
        today: &Date,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let line = {
            // Resolve outside the document lock: it reads only the indexes.
            let mut preview = self.purchase_request(key)?;
            let status = preview.status();
            if !status.editable() {
                return Err(refused(PurchaseCode::NotEditable, "", status.code()));
            }
            let mut keys = ulid::Generator::new();
            self.fill_request(&mut preview, input, today, |_| {
                keys.generate()
                    .unwrap_or_else(|_| ulid::Ulid::new())
                    .to_string()
            })?;
            if preview.submissions.is_empty() {
                None
            } else {
                Some((self.approval_line_for(&preview, today)?, preview.lines))
            }
        };
        let (request, ()) =
            self.update_purchase(key, stamp, "purchase-edit", Batch::default(), |request| {
                let status = request.status();
                if !status.editable() {
                    return Err(refused(PurchaseCode::NotEditable, "", status.code()));
                }
                let mut keys = ulid::Generator::new();
                self.fill_request(request, input, today, |_| {
                    keys.generate()
                        .unwrap_or_else(|_| ulid::Ulid::new())
                        .to_string()
                })?;
                if let Some((approval_line, lines)) = &line {
                    // The same keys for new lines as the preview gave them, so the line is
                    // chosen for exactly what is written.
                    request.lines = lines.clone();
                    request.line = approval_line.clone();
                }
                Ok(())
            })?;
        Ok(request)
    }

    /// Submits a draft (or resubmits after changes were asked for): the approval line is
    /// chosen by the rules, and the budget's policy applied (stop refuses with the numbers).
    pub fn submit_purchase_request(
        &self,
        key: &str,
        today: &Date,
        stamp: &Stamp,
    ) -> Result<RequestOutcome, PurchasingError> {
        let current = self.purchase_request(key)?;
        let status = current.status();
        if !matches!(status, Status::Draft | Status::ChangesRequested) {
            return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
        }
        let mut problems = Vec::new();
        if current.lines.is_empty() {
            problems.push(problem(PurchaseCode::NoLines, "lines", ""));
        }
        if current.budget.is_empty() {
            problems.push(problem(PurchaseCode::Required, "budget", ""));
        }
        if !current.needed_by.is_empty() && current.needed_by < today.0 {
            problems.push(problem(
                PurchaseCode::NeededByPast,
                "needed_by",
                current.needed_by.clone(),
            ));
        }
        let line = match self.approval_line_for(&current, today) {
            Ok(line) => Some(line),
            Err(PurchasingError::Refused(mut more)) => {
                problems.append(&mut more);
                None
            }
            Err(other) => return Err(other),
        };
        let budget = match self.budget_outcome(&current) {
            Ok(outcome) => outcome,
            Err(PurchasingError::NoSuchBudget(key)) => {
                problems.push(problem(PurchaseCode::UnknownBudget, "budget", key));
                None
            }
            Err(other) => return Err(other),
        };
        if let Some(stopped) = budget.as_ref().filter(|b| !b.goes_ahead()) {
            problems.extend(stopped.problem());
        }
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        let line = line.unwrap_or_default();
        let key_ulid = ulid::Ulid::new().to_string();
        let (request, ()) =
            self.update_purchase(key, stamp, "purchase-submit", Batch::default(), |request| {
                request.line = line;
                request.submissions.insert(
                    key_ulid,
                    Submission {
                        by: person_of(stamp),
                        at_ms: stamp.at_ms,
                        content: request.content_hex(),
                    },
                );
                Ok(())
            })?;
        Ok(RequestOutcome {
            request: self.request_view(&request),
            budget,
        })
    }

    /// An approver's decision at the step the request waits on: approve, reject (with the
    /// reason) or ask for changes. In a team's workspace it is signed with this device's key
    /// and refused when the roster does not let the member make it; an approval is also
    /// refused beyond the member's approval limit, and the budget's policy is applied again
    /// at the final approval.
    pub fn decide_purchase_request(
        &self,
        key: &str,
        verdict: Verdict,
        comment: &str,
        today: &Date,
        stamp: &Stamp,
        signer: Option<&Signer>,
    ) -> Result<RequestOutcome, PurchasingError> {
        let current = self.purchase_request(key)?;
        let status = current.status();
        if !matches!(status, Status::Submitted | Status::InReview) {
            return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
        }
        let me = person_of(stamp);
        let mut problems = Vec::new();
        let comment = comment.trim();
        if let Some(p) = check_text("comment", comment, TextRule::MultiLine) {
            problems.push(p);
        }
        if verdict != Verdict::Approve && comment.is_empty() {
            problems.push(problem(PurchaseCode::Required, "comment", ""));
        }
        let content_hex = current.content_hex();
        let step = current.current_step();
        let waiting = current.waiting_on();
        // A substitute removed since the line was chosen no longer acts on it.
        let index = self.purchase_index();
        let acting_for = waiting
            .iter()
            .filter(|approver| {
                approver.person.who == me.who
                    || !policy::substitute_removed(index.substitutes.values(), approver)
            })
            .find_map(|approver| approver.acts(&me.who, &today.0));
        drop(index);
        let Some(acting_for) = acting_for else {
            let names: Vec<String> = waiting.iter().map(|a| a.person.name.clone()).collect();
            return Err(refused(PurchaseCode::NotYourTurn, "", names.join(", ")));
        };
        let acting_for = acting_for.map(str::to_owned);
        if verdict == Verdict::Approve && current.requester.who == me.who {
            problems.push(problem(PurchaseCode::OwnRequest, "", ""));
        }
        let is_final =
            step as usize + 1 == current.line.steps.len() && current.waiting_on().len() == 1;
        let budget = if verdict == Verdict::Approve && is_final {
            let outcome = self.budget_outcome(&current)?;
            if let Some(stopped) = outcome.as_ref().filter(|b| !b.goes_ahead()) {
                problems.extend(stopped.problem());
            }
            outcome
        } else {
            None
        };
        let action = action_of(verdict);
        let doc_id = current.doc_id();
        let text = current.content_text();
        let signed = match signer {
            None if self.keeps_roster() => {
                problems.push(problem(PurchaseCode::SignatureRequired, "", ""));
                None
            }
            None => None,
            Some(signer) => {
                let capability =
                    capability_of(action).unwrap_or(crate::trust::Capability::ApprovePurchases);
                match signer.decide(
                    &doc_id,
                    action,
                    capability,
                    decisions::hash_of(&doc_id, &text),
                    stamp.at_ms,
                ) {
                    Ok(signed) => {
                        if verdict == Verdict::Approve {
                            let allowed = signer
                                .roster
                                .and_then(|r| r.member(signer.user_id))
                                .and_then(|m| m.grant_at(capability, stamp.at_ms))
                                .is_some_and(|grant| {
                                    current.kinds().iter().all(|kind| {
                                        grant.allows_purchase(
                                            current.total_krw().max(0) as u64,
                                            kind.code(),
                                        )
                                    })
                                });
                            if !allowed {
                                problems.push(problem(
                                    PurchaseCode::OverLimit,
                                    "",
                                    format_won(current.total_krw()),
                                ));
                            }
                        }
                        Some(decisions::encode(&signed))
                    }
                    Err(refusal) => {
                        problems.push(sign_refusal(&refusal));
                        None
                    }
                }
            }
        };
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        let decision_key = ulid::Ulid::new().to_string();
        let op = format!("purchase-{}", verdict.code());
        let (request, ()) = self.update_purchase(key, stamp, &op, Batch::default(), |request| {
            if request.content_hex() != content_hex {
                // Changed since it was read: decide on what it is now.
                return Err(refused(PurchaseCode::WrongStatus, "", "changed"));
            }
            request.snapshots.insert(content_hex.clone(), text);
            request.decisions.insert(
                decision_key,
                StepDecision {
                    step,
                    verdict,
                    by: me,
                    acting_for,
                    comment: comment.to_owned(),
                    at_ms: stamp.at_ms,
                    on: today.0.clone(),
                    content: content_hex,
                    signed,
                },
            );
            Ok(())
        })?;
        Ok(RequestOutcome {
            request: self.request_view(&request),
            budget,
        })
    }

    /// A question on a request in review (it stays in review), or an answer to one.
    pub fn ask_purchase_question(
        &self,
        key: &str,
        text: &str,
        answers: Option<&str>,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let text = text.trim();
        let mut problems = Vec::new();
        if text.is_empty() {
            problems.push(problem(PurchaseCode::Required, "text", ""));
        } else if let Some(p) = check_text("text", text, TextRule::MultiLine) {
            problems.push(p);
        }
        let current = self.purchase_request(key)?;
        if let Some(question) = answers {
            if !current.messages.contains_key(question) {
                problems.push(problem(PurchaseCode::UnknownQuestion, "answers", question));
            }
        }
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        let message_key = ulid::Ulid::new().to_string();
        let (request, ()) = self.update_purchase(
            key,
            stamp,
            "purchase-message",
            Batch::default(),
            |request| {
                request.messages.insert(
                    message_key,
                    Message {
                        by: person_of(stamp),
                        at_ms: stamp.at_ms,
                        text: text.to_owned(),
                        answers: answers.map(str::to_owned),
                    },
                );
                Ok(())
            },
        )?;
        Ok(request)
    }

    /// Cancels a request that has not been received or closed.
    pub fn cancel_purchase_request(
        &self,
        key: &str,
        reason: &str,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let reason = reason.trim();
        let status = self.purchase_request(key)?.status();
        if matches!(
            status,
            Status::Cancelled | Status::Completed | Status::Received | Status::Rejected
        ) {
            return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
        }
        if reason.is_empty() {
            return Err(refused(PurchaseCode::Required, "reason", ""));
        }
        let closing_key = ulid::Ulid::new().to_string();
        let (request, ()) =
            self.update_purchase(key, stamp, "purchase-cancel", Batch::default(), |request| {
                request.cancelled.insert(
                    closing_key,
                    Closing {
                        by: person_of(stamp),
                        at_ms: stamp.at_ms,
                        reason: reason.to_owned(),
                    },
                );
                Ok(())
            })?;
        Ok(request)
    }

    /// A new draft with a past request's lines, budget and justification (to reorder).
    pub fn copy_purchase_request(
        &self,
        key: &str,
        id: ulid::Ulid,
        today: &Date,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let source = self.purchase_request(key)?;
        let mut copy = source.clone();
        copy.id = id.to_string();
        copy.number = request_number(&id, today);
        copy.requester = person_of(stamp);
        copy.created_at_ms = stamp.at_ms;
        copy.copied_from = source.id.clone();
        copy.needed_by = String::new();
        copy.files.clear();
        copy.line = Default::default();
        copy.submissions.clear();
        copy.decisions.clear();
        copy.snapshots.clear();
        copy.messages.clear();
        copy.rfqs.clear();
        copy.quotes.clear();
        copy.selections.clear();
        copy.orders.clear();
        copy.receipts.clear();
        copy.cancelled.clear();
        copy.completed.clear();
        // Fresh line keys: the copy's lines are its own.
        let mut keys = ulid::Generator::new();
        copy.lines = source
            .ordered_lines()
            .into_iter()
            .map(|(_, line)| {
                (
                    keys.generate()
                        .unwrap_or_else(|_| ulid::Ulid::new())
                        .to_string(),
                    line.clone(),
                )
            })
            .collect();
        self.save_one(&copy, stamp, "purchase-copy")?;
        Ok(copy)
    }

    /// Keeps a file with a request (a drawing, a vendor's spec sheet) as one durable change:
    /// its bytes (a blob, uploaded on the next sync) and the request's entry in one batch.
    /// Refused when empty, over the vendor files' limit or badly named.
    pub fn add_request_file(
        &self,
        key: &str,
        name: &str,
        bytes: &[u8],
        stamp: &Stamp,
    ) -> Result<(PurchaseRequest, String), PurchasingError> {
        let mut reader = Reader {
            problems: Vec::new(),
        };
        let name = reader.text("file_name", name, true);
        if bytes.is_empty() {
            reader
                .problems
                .push(problem(PurchaseCode::Required, "file", ""));
        } else if bytes.len() > super::vendor::MAX_VENDOR_FILE_BYTES {
            reader.problems.push(problem(
                PurchaseCode::FileTooLarge,
                "file",
                bytes.len().to_string(),
            ));
        }
        let status = self.purchase_request(key)?.status();
        if let Some(closed) = closed_to_files(status) {
            reader.problems.insert(0, closed);
        }
        reader.finish()?;
        let mut batch = Batch::default();
        let sha = self.put_file(&mut batch, bytes)?;
        let entry = super::request::RequestFile {
            name,
            size: bytes.len() as u64,
            added_at_ms: stamp.at_ms,
            added_by: stamp.author.name.clone(),
        };
        let (request, ()) =
            self.update_purchase(key, stamp, "purchase-file-add", batch, |request| {
                if let Some(closed) = closed_to_files(request.status()) {
                    return Err(PurchasingError::Refused(vec![closed]));
                }
                request.files.insert(sha.clone(), entry);
                Ok(())
            })?;
        Ok((request, sha))
    }

    /// Takes a file off a request's list (its bytes stay: another record may name them).
    pub fn remove_request_file(
        &self,
        key: &str,
        sha256: &str,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let (request, ()) = self.update_purchase(
            key,
            stamp,
            "purchase-file-remove",
            Batch::default(),
            |request| {
                if request.files.remove(sha256.trim()).is_none() {
                    return Err(refused(PurchaseCode::UnknownFile, "file", sha256.trim()));
                }
                Ok(())
            },
        )?;
        Ok(request)
    }

    /// Adds an approval rule (`id` a fresh ULID), or replaces the rule `id` names.
    pub fn put_approval_rule(
        &self,
        id: ulid::Ulid,
        input: &RuleInput,
        stamp: &Stamp,
    ) -> Result<ApprovalRule, PurchasingError> {
        let mut reader = Reader {
            problems: Vec::new(),
        };
        let name = reader.text("name", &input.name, true);
        let min_krw = if input.min_krw.trim().is_empty() {
            Some(0)
        } else {
            reader.money("min_krw", &input.min_krw, 0)
        };
        let max_krw = if input.max_krw.trim().is_empty() {
            None
        } else {
            reader.money("max_krw", &input.max_krw, 0)
        };
        if let (Some(min), Some(max)) = (min_krw, max_krw) {
            if max <= min {
                reader.problems.push(problem(
                    PurchaseCode::RangeOrder,
                    "max_krw",
                    input.max_krw.trim(),
                ));
            }
        }
        let mut kinds = Vec::new();
        for kind in &input.kinds {
            match LineKind::parse(kind) {
                Some(kind) => kinds.push(kind),
                None => {
                    reader
                        .problems
                        .push(problem(PurchaseCode::UnknownKind, "kinds", kind.trim()))
                }
            }
        }
        let mut steps = Vec::new();
        for (index, step) in input.steps.iter().enumerate() {
            let field = format!("steps.{index}");
            let Some(kind) = StepKind::parse(&step.kind) else {
                reader.problems.push(problem(
                    PurchaseCode::UnknownStepKind,
                    &field,
                    step.kind.trim(),
                ));
                continue;
            };
            if step.approvers.is_empty() {
                reader
                    .problems
                    .push(problem(PurchaseCode::Required, &field, ""));
            }
            steps.push(RuleStep {
                kind,
                approvers: step.approvers.clone(),
            });
        }
        if steps.is_empty() && input.steps.is_empty() {
            reader
                .problems
                .push(problem(PurchaseCode::Required, "steps", ""));
        }
        let delegate_below_krw = if input.delegate_below_krw.trim().is_empty() {
            None
        } else {
            reader.money("delegate_below_krw", &input.delegate_below_krw, 0)
        };
        if delegate_below_krw.is_some() && input.delegate_to.is_none() {
            reader
                .problems
                .push(problem(PurchaseCode::Required, "delegate_to", ""));
        }
        reader.finish()?;
        let rule = ApprovalRule {
            id: id.to_string(),
            name,
            min_krw: min_krw.unwrap_or(0),
            max_krw,
            kinds,
            steps,
            cc: input.cc.clone(),
            delegate_below_krw,
            delegate_to: input.delegate_to.clone(),
            return_to: input.return_to,
            removed: Default::default(),
        };
        if self
            .purchase_index()
            .rules
            .get(&rule.id)
            .is_some_and(ApprovalRule::is_removed)
        {
            return Err(PurchasingError::NoSuchRule(rule.id));
        }
        self.save_one(&rule, stamp, "approval-rule")?;
        Ok(rule)
    }

    /// Names a substitute (대결) for an absent approver over a range of days.
    pub fn add_substitute(
        &self,
        id: ulid::Ulid,
        input: &SubstituteInput,
        stamp: &Stamp,
    ) -> Result<Substitute, PurchasingError> {
        let record = substitute_from_input(id.to_string(), input)?;
        self.save_one(&record, stamp, "substitute-add")?;
        Ok(record)
    }

    /// The approval rule `id` names, unless it was removed.
    pub fn approval_rule(&self, id: &str) -> Result<ApprovalRule, PurchasingError> {
        let id = id.trim();
        self.purchase_index()
            .rules
            .get(id)
            .filter(|rule| !rule.is_removed())
            .cloned()
            .ok_or_else(|| PurchasingError::NoSuchRule(id.to_owned()))
    }

    /// The substitute `id` names, unless it was removed.
    pub fn substitute(&self, id: &str) -> Result<Substitute, PurchasingError> {
        let id = id.trim();
        self.purchase_index()
            .substitutes
            .get(id)
            .filter(|substitute| !substitute.is_removed())
            .cloned()
            .ok_or_else(|| PurchasingError::NoSuchSubstitute(id.to_owned()))
    }

    /// Removes an approval rule: it chooses no line from then on; requests whose line it
    /// chose keep that line (see [`policy`]). Refused for a rule already removed or unknown.
    pub fn remove_approval_rule(
        &self,
        id: &str,
        reason: &str,
        stamp: &Stamp,
    ) -> Result<ApprovalRule, PurchasingError> {
        let mut rule = self.approval_rule(id)?;
        rule.removed
            .insert(ulid::Ulid::new().to_string(), closing(reason, stamp)?);
        self.save_one(&rule, stamp, "approval-rule-remove")?;
        Ok(rule)
    }

    /// Changes a substitute as a whole (who, whom, the days, why). Lines chosen from then on
    /// use the new values; a line chosen before keeps the ones it was given.
    pub fn edit_substitute(
        &self,
        id: &str,
        input: &SubstituteInput,
        stamp: &Stamp,
    ) -> Result<Substitute, PurchasingError> {
        let current = self.substitute(id)?;
        let record = substitute_from_input(current.id, input)?;
        self.save_one(&record, stamp, "substitute-edit")?;
        Ok(record)
    }

    /// Removes a substitute: attached to no line from then on, and no longer acting on lines
    /// that name it; decisions it already made stay counted.
    pub fn remove_substitute(
        &self,
        id: &str,
        reason: &str,
        stamp: &Stamp,
    ) -> Result<Substitute, PurchasingError> {
        let mut record = self.substitute(id)?;
        record
            .removed
            .insert(ulid::Ulid::new().to_string(), closing(reason, stamp)?);
        self.save_one(&record, stamp, "substitute-remove")?;
        Ok(record)
    }
}

/// The refusal of a file for a request that is completed or cancelled.
fn closed_to_files(status: Status) -> Option<Problem> {
    matches!(status, Status::Completed | Status::Cancelled)
        .then(|| problem(PurchaseCode::RequestClosed, "file", status.code()))
}

/// Who removed a rule or substitute, when and why (the reason may be empty).
fn closing(reason: &str, stamp: &Stamp) -> Result<Closing, PurchasingError> {
    let reason = reason.trim();
    if let Some(p) = check_text("reason", reason, TextRule::MultiLine) {
        return Err(PurchasingError::Refused(vec![p]));
    }
    Ok(Closing {
        by: person_of(stamp),
        at_ms: stamp.at_ms,
        reason: reason.to_owned(),
    })
}

/// A substitute record from its form, every problem at once.
fn substitute_from_input(
    id: String,
    input: &SubstituteInput,
) -> Result<Substitute, PurchasingError> {
    let SubstituteInput {
        absent,
        substitute,
        from,
        until,
        reason,
    } = input.clone();
    let mut reader = Reader {
        problems: Vec::new(),
    };
    let from = reader.date("from", &from, true);
    let until = reader.date("until", &until, true);
    if !from.is_empty() && !until.is_empty() && until < from {
        reader
            .problems
            .push(problem(PurchaseCode::RangeOrder, "until", until.clone()));
    }
    if absent.who.trim().is_empty() {
        reader
            .problems
            .push(problem(PurchaseCode::Required, "absent", ""));
    }
    if substitute.who.trim().is_empty() {
        reader
            .problems
            .push(problem(PurchaseCode::Required, "substitute", ""));
    }
    let reason = reader.text("reason", &reason, false);
    reader.finish()?;
    Ok(Substitute {
        id,
        absent,
        substitute,
        from,
        until,
        reason,
        removed: Default::default(),
    })
}

/// A substitute (대결) as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SubstituteInput {
    pub absent: Person,
    pub substitute: Person,
    pub from: String,
    pub until: String,
    pub reason: String,
}

/// An approval rule as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleInput {
    pub name: String,
    pub min_krw: String,
    pub max_krw: String,
    pub kinds: Vec<String>,
    pub steps: Vec<RuleStepInput>,
    pub cc: Vec<Person>,
    pub delegate_below_krw: String,
    pub delegate_to: Option<Person>,
    pub return_to: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleStepInput {
    pub kind: String,
    pub approvers: Vec<Person>,
}

/// `12,500,000`.
pub fn format_won(amount: i64) -> String {
    crate::assets::Money {
        amount_minor: amount,
        currency: Currency::KRW,
    }
    .format_amount()
}

/// `1,385.2` from ten-thousandths.
pub fn format_rate(rate: i64) -> String {
    let whole = crate::assets::Money {
        amount_minor: rate / RATE_SCALE,
        currency: Currency::KRW,
    }
    .format_amount();
    let fraction = rate % RATE_SCALE;
    if fraction == 0 {
        whole
    } else {
        format!("{whole}.{}", format!("{fraction:04}").trim_end_matches('0'))
    }
}
