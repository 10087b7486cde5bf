//! Requests for quotation, quotes, their comparison and the choice of vendor (issue 19), all
//! kept in the purchase request's own document (`rfqs` and `quotes` by vendor id,
//! `selections` by ULID), each change in one durable batch through `update_purchase`.
//!
//! - [`Workspace::request_quotes`] sends an approved request to several vendors with a
//!   reply-by date; [`Workspace::enter_quote`] keeps what a vendor answered (a unit price per
//!   line, lead time, warranty, validity, payment terms, the vendor's file), every problem at
//!   its field at once. A quote replaces that vendor's earlier one.
//! - [`Workspace::quote_comparison`] lays the quotes side by side, **vendors as columns and
//!   lines as rows** (what spreadsheets do and row-wise comparisons do not): each cell in the
//!   quote's currency and in won at the rate the request records, the lowest line total in
//!   won marked (every vendor in a tie), totals per vendor with the lines it left out.
//!   A quote in a currency the request has no rate for is refused when it is entered
//!   (`no_rate` at `currency`), so every cell of a comparison has its won figure.
//! - [`Workspace::select_vendor`] chooses a vendor for the whole request or line by line,
//!   with a written reason, signed in a team's workspace as `select_vendor` with the
//!   `select_vendors` capability over the text [`selection_text`] gives (kept in
//!   `snapshots` under its hash, so any device checks the signature against what was
//!   chosen).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::decisions::{self, selection_text, SELECT_VENDOR};
use super::request::{to_krw, PurchaseRequest, Quote, Rfq, Selection, Status};
use super::request_ops::{format_won, person_of, PurchaseCode, MAX_PURCHASE_TEXT};
use super::PurchasingError;
use crate::assets::{parse_amount, parse_date};
use crate::assets::{Currency, Date, Money, CURRENCIES};
use crate::problem::{Problem, ProblemCode};
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::text::{check_text, TextRule};
use crate::trust::{Capability, SignRefusal, Signer};

/// The largest vendor's file kept with a quote (the same bound as a vendor's own files).
pub const MAX_QUOTE_FILE_BYTES: usize = super::vendor::MAX_VENDOR_FILE_BYTES;

/// Why a quotation step was refused, beyond the request's own codes ([`PurchaseCode`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QuoteCode {
    /// No vendor has this id or name.
    UnknownVendor,
    /// The same vendor named twice.
    DuplicateVendor,
    /// The reply-by date is before today.
    ReplyByPast,
    /// A quote from a vendor no request for quotation was sent to.
    NoRfq,
    /// A price for a line the request does not have.
    UnknownLine,
    /// A quote that prices no line.
    NoPrices,
    /// The validity ends before the quote was received.
    ValidBeforeReceived,
    /// The vendor's file is empty.
    FileEmpty,
    /// The vendor's file is too large; the value is its size.
    FileTooLarge,
    /// A selection leaves a line without a vendor.
    LineNotCovered,
    /// The vendor chosen has no quote on the request.
    NoQuote,
    /// The vendor chosen did not quote this line.
    NotQuoted,
    /// The quote of the vendor chosen is no longer valid (the value is its last day).
    QuoteExpired,
}

impl ProblemCode for QuoteCode {
    fn code(self) -> &'static str {
        match self {
            QuoteCode::UnknownVendor => "unknown_vendor",
            QuoteCode::DuplicateVendor => "duplicate_vendor",
            QuoteCode::ReplyByPast => "reply_by_past",
            QuoteCode::NoRfq => "no_rfq",
            QuoteCode::UnknownLine => "unknown_line",
            QuoteCode::NoPrices => "no_prices",
            QuoteCode::ValidBeforeReceived => "valid_before_received",
            QuoteCode::FileEmpty => "file_empty",
            QuoteCode::FileTooLarge => "file_too_large",
            QuoteCode::LineNotCovered => "line_not_covered",
            QuoteCode::NoQuote => "no_quote",
            QuoteCode::NotQuoted => "not_quoted",
            QuoteCode::QuoteExpired => "quote_expired",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            QuoteCode::UnknownVendor => format!("no vendor has the name or id '{value}'"),
            QuoteCode::DuplicateVendor => format!("'{value}' is named twice"),
            QuoteCode::ReplyByPast => format!("{value} is already past"),
            QuoteCode::NoRfq => {
                format!("no request for quotation was sent to {value}: send one first")
            }
            QuoteCode::UnknownLine => format!("the request has no line '{value}'"),
            QuoteCode::NoPrices => "a quote needs a unit price for at least one line".to_owned(),
            QuoteCode::ValidBeforeReceived => {
                format!("{value} is before the day the quote was received")
            }
            QuoteCode::FileEmpty => "the file is empty".to_owned(),
            QuoteCode::FileTooLarge => format!(
                "the file is {value} bytes; a quote's file may be at most {MAX_QUOTE_FILE_BYTES} bytes"
            ),
            QuoteCode::LineNotCovered => format!("line '{value}' has no vendor chosen"),
            QuoteCode::NoQuote => format!("{value} has not quoted this request"),
            QuoteCode::NotQuoted => format!("{value} did not quote this line"),
            QuoteCode::QuoteExpired => format!("the quote was valid until {value}"),
        }
    }
}

/// A vendor's quote as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuoteInput {
    pub received_on: String,
    /// `KRW` when empty.
    pub currency: String,
    /// Unit price per line key, as typed; an empty price leaves the line unquoted.
    pub prices: BTreeMap<String, String>,
    pub lead_time_days: String,
    pub warranty_months: String,
    /// Optional.
    pub valid_until: String,
    pub payment_terms: String,
    pub notes: String,
}

/// The choice of vendor as a form or the CLI gives it: one vendor for every line, line by
/// line, or one for every line but those named.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelectionInput {
    /// The vendor (id or name) for every line not named in `per_line`.
    pub whole: Option<String>,
    /// `(line key, vendor id or name)`.
    pub per_line: Vec<(String, String)>,
    pub reason: String,
}

/// One cell of the comparison: one vendor's price for one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComparedCell {
    /// In the quote's currency, minor units.
    #[ts(type = "number")]
    pub unit_minor: i64,
    #[ts(type = "number")]
    pub total_minor: i64,
    /// In won at the request's rate.
    #[ts(type = "number")]
    pub unit_krw: i64,
    #[ts(type = "number")]
    pub total_krw: i64,
    /// The lowest line total in won of every quote (each vendor in a tie is marked).
    pub best: bool,
}

/// One row: a line of the request and each vendor's price for it (in the order of
/// [`Comparison::vendors`]; `None` where the vendor did not quote it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComparedLine {
    pub key: String,
    pub description: String,
    pub manufacturer: String,
    pub part_number: String,
    #[ts(type = "number")]
    pub quantity: u64,
    pub unit: String,
    pub cells: Vec<Option<ComparedCell>>,
    /// The vendor (id) the selection in force gives this line.
    pub selected: Option<String>,
}

/// One column: a vendor asked for a quote, with what it answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComparedVendor {
    pub vendor: String,
    pub name: String,
    pub business_number: String,
    pub reply_by: String,
    /// Whether its quote came in (the fields below are empty until it does).
    pub quoted: bool,
    pub currency: Currency,
    /// The rate its currency converts at (ten-thousandths of a won per unit).
    #[ts(type = "number")]
    pub rate: i64,
    /// Over the lines it quoted, in its currency and in won.
    #[ts(type = "number")]
    pub total_minor: i64,
    #[ts(type = "number")]
    pub total_krw: i64,
    /// The keys of the lines it did not quote, in the request's order.
    pub missing: Vec<String>,
    /// The lowest total in won among the quotes that price every line (ties all marked).
    pub lowest_total: bool,
    /// How many lines it is best on.
    pub best_lines: u32,
    pub received_on: String,
    pub lead_time_days: u32,
    pub warranty_months: u32,
    pub valid_until: String,
    pub payment_terms: String,
    pub notes: String,
    pub file: Option<String>,
    pub file_name: String,
    /// The vendor's performance score (0–100) where one is computed, else none.
    pub score: Option<f64>,
}

/// The quotes of a request side by side: vendors as columns, lines as rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Comparison {
    pub request: String,
    pub number: String,
    pub title: String,
    pub status: Status,
    /// By name.
    pub vendors: Vec<ComparedVendor>,
    /// In the request's order.
    pub lines: Vec<ComparedLine>,
    /// The reason of the selection in force, if any.
    pub selection_reason: String,
}

impl Comparison {
    /// The column of `vendor` (id).
    pub fn column(&self, vendor: &str) -> Option<usize> {
        self.vendors.iter().position(|v| v.vendor == vendor)
    }
}

fn problem(code: impl ProblemCode, field: &str, value: impl Into<String>) -> Problem {
    Problem::new(field, code, value)
}

fn refused(code: impl ProblemCode, field: &str, value: impl Into<String>) -> PurchasingError {
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

/// A date field: empty is `Required` when `required`, else empty; not a date is refused.
fn read_date(problems: &mut Vec<Problem>, field: &str, value: &str, required: bool) -> String {
    let value = value.trim();
    if value.is_empty() {
        if required {
            problems.push(problem(PurchaseCode::Required, field, ""));
        }
        return String::new();
    }
    match parse_date(value) {
        Some(date) => date.0,
        None => {
            problems.push(problem(PurchaseCode::InvalidDate, field, value));
            String::new()
        }
    }
}

/// A whole number of days or months, zero allowed.
fn read_count(problems: &mut Vec<Problem>, field: &str, value: &str) -> u32 {
    let value = value.trim();
    if value.is_empty() {
        problems.push(problem(PurchaseCode::Required, field, ""));
        return 0;
    }
    match parse_amount(value, 0) {
        Some(n) if n < 0 => {
            problems.push(problem(PurchaseCode::Negative, field, value));
            0
        }
        Some(n) if n > i64::from(u32::MAX) => {
            problems.push(problem(PurchaseCode::NotANumber, field, value));
            0
        }
        Some(n) => n as u32,
        None if parse_amount(value, 6).is_some() => {
            problems.push(problem(PurchaseCode::NotAWholeNumber, field, value));
            0
        }
        None => {
            problems.push(problem(PurchaseCode::NotANumber, field, value));
            0
        }
    }
}

/// A single line of text, at most [`MAX_PURCHASE_TEXT`] characters.
fn read_text(problems: &mut Vec<Problem>, field: &str, value: &str) -> String {
    let value = value.trim();
    if let Some(p) = check_text(field, value, TextRule::SingleLine) {
        problems.push(p);
    } else if value.chars().count() > MAX_PURCHASE_TEXT {
        problems.push(problem(PurchaseCode::TooLong, field, value));
    }
    value.to_owned()
}

/// The vendor's name, or its id when this device does not know it.
fn vendor_name(ws: &Workspace, id: &str) -> (String, String) {
    ws.vendor(id)
        .map(|v| (v.name, v.business_number))
        .unwrap_or_else(|_| (id.to_owned(), String::new()))
}

/// How far back a vendor's score in the comparison looks: the year to the day.
pub const SCORE_PERIOD_DAYS: i64 = 365;

/// The comparison of `request`'s quotes (see [`Comparison`]); `names` gives each vendor's
/// name and business number, `score` its score.
pub fn compare(
    request: &PurchaseRequest,
    names: impl Fn(&str) -> (String, String),
    score: impl Fn(&str) -> Option<f64>,
) -> Comparison {
    let selection = request.selection();
    let mut vendor_ids: BTreeSet<&String> = request.rfqs.keys().collect();
    vendor_ids.extend(request.quotes.keys());
    let ordered = request.ordered_lines();
    let mut vendors: Vec<ComparedVendor> = vendor_ids
        .into_iter()
        .map(|id| {
            let (name, business_number) = names(id);
            let rfq = request.rfqs.get(id);
            let quote = request.quotes.get(id);
            let currency = quote.map_or(Currency::KRW, |q| q.currency);
            ComparedVendor {
                vendor: id.clone(),
                name,
                business_number,
                reply_by: rfq.map(|r| r.reply_by.clone()).unwrap_or_default(),
                quoted: quote.is_some(),
                currency,
                rate: request.rate(currency).unwrap_or(0),
                total_minor: 0,
                total_krw: 0,
                missing: Vec::new(),
                lowest_total: false,
                best_lines: 0,
                received_on: quote.map(|q| q.received_on.clone()).unwrap_or_default(),
                lead_time_days: quote.map_or(0, |q| q.lead_time_days),
                warranty_months: quote.map_or(0, |q| q.warranty_months),
                valid_until: quote.map(|q| q.valid_until.clone()).unwrap_or_default(),
                payment_terms: quote.map(|q| q.payment_terms.clone()).unwrap_or_default(),
                notes: quote.map(|q| q.notes.clone()).unwrap_or_default(),
                file: quote.and_then(|q| q.file.clone()),
                file_name: quote.map(|q| q.file_name.clone()).unwrap_or_default(),
                score: score(id),
            }
        })
        .collect();
    vendors.sort_by(|a, b| {
        crate::natural::natural_key(&a.name)
            .cmp(&crate::natural::natural_key(&b.name))
            .then_with(|| a.vendor.cmp(&b.vendor))
    });
    let quotes: Vec<Option<&Quote>> = vendors
        .iter()
        .map(|v| request.quotes.get(&v.vendor))
        .collect();
    let mut lines = Vec::with_capacity(ordered.len());
    for (key, line) in ordered {
        let mut cells: Vec<Option<ComparedCell>> = quotes
            .iter()
            .zip(&vendors)
            .map(|(quote, vendor)| {
                let unit = *(*quote)?.prices.get(key)?;
                let total = i128::from(unit) * i128::from(line.quantity);
                Some(ComparedCell {
                    unit_minor: unit,
                    total_minor: total.clamp(i64::MIN.into(), i64::MAX.into()) as i64,
                    unit_krw: to_krw(unit.into(), vendor.currency, vendor.rate),
                    total_krw: to_krw(total, vendor.currency, vendor.rate),
                    best: false,
                })
            })
            .collect();
        let best = cells.iter().flatten().map(|c| c.total_krw).min();
        for (column, cell) in cells.iter_mut().enumerate() {
            match cell {
                Some(cell) => {
                    cell.best = Some(cell.total_krw) == best;
                    let vendor = &mut vendors[column];
                    vendor.total_minor = vendor.total_minor.saturating_add(cell.total_minor);
                    vendor.total_krw = vendor.total_krw.saturating_add(cell.total_krw);
                    vendor.best_lines += u32::from(cell.best);
                }
                None if vendors[column].quoted => vendors[column].missing.push(key.clone()),
                None => {}
            }
        }
        lines.push(ComparedLine {
            key: key.clone(),
            description: line.description.clone(),
            manufacturer: line.manufacturer.clone(),
            part_number: line.part_number.clone(),
            quantity: line.quantity,
            unit: line.unit.clone(),
            cells,
            selected: selection.and_then(|s| s.lines.get(key).cloned()),
        });
    }
    let lowest = vendors
        .iter()
        .filter(|v| v.quoted && v.missing.is_empty())
        .map(|v| v.total_krw)
        .min();
    for vendor in &mut vendors {
        vendor.lowest_total =
            vendor.quoted && vendor.missing.is_empty() && Some(vendor.total_krw) == lowest;
    }
    Comparison {
        request: request.id.clone(),
        number: request.number.clone(),
        title: request.title.clone(),
        status: request.status(),
        vendors,
        lines,
        selection_reason: selection.map(|s| s.reason.clone()).unwrap_or_default(),
    }
}

/// An amount in minor units as people write it (`1,234.50`).
pub fn format_minor(amount_minor: i64, currency: Currency) -> String {
    Money {
        amount_minor,
        currency,
    }
    .format_amount()
}

impl Workspace {
    /// Sends an approved request to each of `vendors` (ids or names) for quotation, with
    /// the day they should reply by. A vendor asked again gets the new date.
    pub fn request_quotes(
        &self,
        key: &str,
        vendors: &[String],
        reply_by: &str,
        today: &Date,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let current = self.purchase_request(key)?;
        let status = current.status();
        if !matches!(status, Status::Approved | Status::QuotesRequested) {
            return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
        }
        let mut problems = Vec::new();
        let reply_by = read_date(&mut problems, "reply_by", reply_by, true);
        if !reply_by.is_empty() && reply_by < today.0 {
            problems.push(problem(
                QuoteCode::ReplyByPast,
                "reply_by",
                reply_by.clone(),
            ));
        }
        let mut ids = Vec::new();
        if vendors.iter().all(|v| v.trim().is_empty()) {
            problems.push(problem(PurchaseCode::Required, "vendors", ""));
        }
        for (index, name) in vendors.iter().enumerate() {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let field = format!("vendors.{index}");
            match self.vendor(name) {
                Ok(vendor) if ids.contains(&vendor.id) => {
                    problems.push(problem(QuoteCode::DuplicateVendor, &field, name));
                }
                Ok(vendor) => ids.push(vendor.id),
                Err(_) => problems.push(problem(QuoteCode::UnknownVendor, &field, name)),
            }
        }
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        let by = person_of(stamp);
        let (request, ()) =
            self.update_purchase(key, stamp, "purchase-rfq", Batch::default(), |request| {
                let status = request.status();
                if !matches!(status, Status::Approved | Status::QuotesRequested) {
                    return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
                }
                for id in ids {
                    request.rfqs.insert(
                        id,
                        Rfq {
                            sent_on: today.0.clone(),
                            reply_by: reply_by.clone(),
                            by: by.clone(),
                            at_ms: stamp.at_ms,
                        },
                    );
                }
                Ok(())
            })?;
        Ok(request)
    }

    /// Keeps a vendor's quote (replacing its earlier one), with the vendor's file when one
    /// is given (its bytes in the same batch). Refused, with every problem at its field
    /// (`prices.{line key}` for a price), when the vendor was not asked for a quote, and
    /// once a vendor is selected: the choice was made, and signed, on the quotes as they
    /// were, and the orders take their prices.
    pub fn enter_quote(
        &self,
        key: &str,
        vendor: &str,
        input: &QuoteInput,
        file: Option<(&str, &[u8])>,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let current = self.purchase_request(key)?;
        let status = current.status();
        if status != Status::QuotesRequested {
            return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
        }
        let vendor_id = match self.vendor(vendor) {
            Ok(v) if current.rfqs.contains_key(&v.id) => v.id,
            Ok(v) => return Err(refused(QuoteCode::NoRfq, "vendor", v.name)),
            Err(_) => return Err(refused(QuoteCode::UnknownVendor, "vendor", vendor.trim())),
        };
        let mut problems = Vec::new();
        let received_on = read_date(&mut problems, "received_on", &input.received_on, true);
        let currency_text = input.currency.trim();
        let currency = if currency_text.is_empty() {
            Currency::KRW
        } else {
            match CURRENCIES.parse(currency_text) {
                Some(currency) => {
                    if current.rate(currency).is_none() {
                        problems.push(problem(
                            PurchaseCode::NoRate,
                            "currency",
                            CURRENCIES.code(currency),
                        ));
                    }
                    currency
                }
                None => {
                    problems.push(problem(
                        PurchaseCode::UnknownCurrency,
                        "currency",
                        currency_text,
                    ));
                    Currency::KRW
                }
            }
        };
        let mut prices = BTreeMap::new();
        for (line, price) in &input.prices {
            let field = format!("prices.{line}");
            let price = price.trim();
            if !current.lines.contains_key(line) {
                problems.push(problem(QuoteCode::UnknownLine, &field, line.as_str()));
                continue;
            }
            if price.is_empty() {
                continue;
            }
            match parse_amount(price, currency.minor_digits()) {
                Some(n) if n < 0 => problems.push(problem(PurchaseCode::Negative, &field, price)),
                Some(n) => {
                    prices.insert(line.clone(), n);
                }
                None => problems.push(problem(PurchaseCode::NotANumber, &field, price)),
            }
        }
        if prices.is_empty() && !problems.iter().any(|p| p.field.starts_with("prices.")) {
            problems.push(problem(QuoteCode::NoPrices, "prices", ""));
        }
        let lead_time_days = read_count(&mut problems, "lead_time_days", &input.lead_time_days);
        let warranty_months = read_count(&mut problems, "warranty_months", &input.warranty_months);
        let valid_until = read_date(&mut problems, "valid_until", &input.valid_until, false);
        if !valid_until.is_empty() && !received_on.is_empty() && valid_until < received_on {
            problems.push(problem(
                QuoteCode::ValidBeforeReceived,
                "valid_until",
                valid_until.clone(),
            ));
        }
        let payment_terms = read_text(&mut problems, "payment_terms", &input.payment_terms);
        if let Some(p) = check_text("notes", &input.notes, TextRule::MultiLine) {
            problems.push(p);
        }
        let mut file_name = String::new();
        if let Some((name, bytes)) = file {
            file_name = read_text(&mut problems, "file_name", name);
            if file_name.is_empty() {
                problems.push(problem(PurchaseCode::Required, "file_name", ""));
            }
            if bytes.is_empty() {
                problems.push(problem(QuoteCode::FileEmpty, "file", ""));
            } else if bytes.len() > MAX_QUOTE_FILE_BYTES {
                problems.push(problem(
                    QuoteCode::FileTooLarge,
                    "file",
                    bytes.len().to_string(),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        let mut batch = Batch::default();
        let file = match file {
            Some((_, bytes)) => Some(self.put_file(&mut batch, bytes)?),
            None => None,
        };
        let quote = Quote {
            received_on,
            currency,
            prices,
            lead_time_days,
            warranty_months,
            valid_until,
            payment_terms,
            file,
            file_name,
            notes: input.notes.trim().to_owned(),
            by: person_of(stamp),
            at_ms: stamp.at_ms,
        };
        let (request, ()) =
            self.update_purchase(key, stamp, "purchase-quote", batch, |request| {
                let status = request.status();
                if status != Status::QuotesRequested {
                    return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
                }
                if let Some(line) = quote
                    .prices
                    .keys()
                    .find(|l| !request.lines.contains_key(*l))
                {
                    return Err(refused(
                        QuoteCode::UnknownLine,
                        &format!("prices.{line}"),
                        line.as_str(),
                    ));
                }
                request.quotes.insert(vendor_id, quote);
                Ok(())
            })?;
        Ok(request)
    }

    /// The request's quotes side by side (see [`Comparison`]), each vendor with its
    /// performance score over the [`SCORE_PERIOD_DAYS`] to `today` (none for a vendor with
    /// no orders in that period).
    pub fn quote_comparison(&self, key: &str, today: &Date) -> Result<Comparison, PurchasingError> {
        let request = self.purchase_request(key)?;
        let from =
            crate::lifecycle::add_days(today, -SCORE_PERIOD_DAYS).unwrap_or_else(|| today.clone());
        let weights = self.score_weights();
        let mut vendors: Vec<&String> = request.rfqs.keys().collect();
        vendors.extend(request.quotes.keys());
        let scores: BTreeMap<String, Option<f64>> = if vendors.is_empty() {
            BTreeMap::new()
        } else {
            // Read in place under the index's lock: a copy of every request would cost
            // more than the scores.
            let index = self.indexes().read::<super::PurchaseIndex>();
            vendors
                .into_iter()
                .map(|vendor| {
                    let performance = super::performance::vendor_score(
                        index.requests.values(),
                        vendor,
                        &from,
                        today,
                        today,
                        &weights,
                    );
                    (vendor.clone(), performance.score)
                })
                .collect()
        };
        let names: BTreeMap<String, (String, String)> = self
            .vendors()
            .into_iter()
            .map(|v| (v.id, (v.name, v.business_number)))
            .collect();
        Ok(compare(
            &request,
            |id| {
                names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| (id.to_owned(), String::new()))
            },
            |id| scores.get(id).copied().flatten(),
        ))
    }

    /// Chooses the vendor for every line (one for the whole request, or line by line) with
    /// the reason, signed in a team's workspace (`select_vendor`, capability
    /// `select_vendors`, within the member's purchase limit for the total chosen). Only while
    /// quotes are requested, or to change an earlier choice; each line's vendor must have
    /// quoted it, in a quote still valid `today`.
    pub fn select_vendor(
        &self,
        key: &str,
        input: &SelectionInput,
        today: &Date,
        stamp: &Stamp,
        signer: Option<&Signer>,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let current = self.purchase_request(key)?;
        let status = current.status();
        if !matches!(status, Status::QuotesRequested | Status::VendorSelected) {
            return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
        }
        let mut problems = Vec::new();
        let reason = input.reason.trim();
        if reason.is_empty() {
            problems.push(problem(PurchaseCode::Required, "reason", ""));
        } else if let Some(p) = check_text("reason", reason, TextRule::MultiLine) {
            problems.push(p);
        }
        // Vendor names resolved once each; a name that is no vendor is one problem.
        let resolve = |field: &str, name: &str, problems: &mut Vec<Problem>| -> Option<String> {
            match self.vendor(name) {
                Ok(v) if current.quotes.contains_key(&v.id) => Some(v.id),
                Ok(v) => {
                    problems.push(problem(QuoteCode::NoQuote, field, v.name));
                    None
                }
                Err(_) => {
                    problems.push(problem(QuoteCode::UnknownVendor, field, name.trim()));
                    None
                }
            }
        };
        let whole = match input.whole.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => resolve("vendor", name, &mut problems),
            _ => None,
        };
        let mut chosen: BTreeMap<String, String> = BTreeMap::new();
        let mut named: BTreeSet<String> = BTreeSet::new();
        for (line, name) in &input.per_line {
            let line = line.trim();
            let field = format!("lines.{line}");
            if !current.lines.contains_key(line) {
                problems.push(problem(QuoteCode::UnknownLine, &field, line));
                continue;
            }
            named.insert(line.to_owned());
            if let Some(vendor) = resolve(&field, name, &mut problems) {
                chosen.insert(line.to_owned(), vendor);
            }
        }
        let mut lines: Vec<(String, String)> = Vec::new();
        for (line, _) in current.ordered_lines() {
            let field = format!("lines.{line}");
            let vendor = match chosen.get(line) {
                Some(vendor) => vendor.clone(),
                None if named.contains(line) => continue,
                None => match &whole {
                    Some(vendor) => vendor.clone(),
                    None if input.whole.as_deref().is_some_and(|w| !w.trim().is_empty()) => {
                        continue
                    }
                    None => {
                        problems.push(problem(QuoteCode::LineNotCovered, &field, line.as_str()));
                        continue;
                    }
                },
            };
            let quote = &current.quotes[&vendor];
            let (name, _) = vendor_name(self, &vendor);
            if !quote.prices.contains_key(line) {
                problems.push(problem(QuoteCode::NotQuoted, &field, name));
            } else if !quote.valid_until.is_empty() && quote.valid_until < today.0 {
                problems.push(problem(
                    QuoteCode::QuoteExpired,
                    &field,
                    quote.valid_until.clone(),
                ));
            }
            lines.push((line.clone(), vendor));
        }
        let doc_id = current.doc_id();
        let text = selection_text(&current, &lines, reason);
        let hash = decisions::hash_of(&doc_id, &text);
        let content = hex::encode(hash);
        let signed = match signer {
            None if self.keeps_roster() => {
                problems.push(problem(PurchaseCode::SignatureRequired, "", ""));
                None
            }
            None => None,
            Some(_) if !problems.is_empty() => None,
            Some(signer) => match signer.decide(
                &doc_id,
                SELECT_VENDOR,
                Capability::SelectVendors,
                hash,
                stamp.at_ms,
            ) {
                Ok(signed) => {
                    let total = chosen_total(&current, &lines);
                    let allowed = signer
                        .roster
                        .and_then(|r| r.member(signer.user_id))
                        .and_then(|m| m.grant_at(Capability::SelectVendors, stamp.at_ms))
                        .is_some_and(|grant| {
                            current
                                .kinds()
                                .iter()
                                .all(|kind| grant.allows_purchase(total.max(0) as u64, kind.code()))
                        });
                    if !allowed {
                        problems.push(problem(PurchaseCode::OverLimit, "", format_won(total)));
                    }
                    Some(decisions::encode(&signed))
                }
                Err(refusal) => {
                    problems.push(sign_refusal(&refusal));
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        let request_content = current.content_hex();
        let selection_key = ulid::Ulid::new().to_string();
        let selection = Selection {
            lines: lines.into_iter().collect(),
            reason: reason.to_owned(),
            by: person_of(stamp),
            at_ms: stamp.at_ms,
            content: content.clone(),
            signed,
        };
        let (request, ()) =
            self.update_purchase(key, stamp, "purchase-select", Batch::default(), |request| {
                let status = request.status();
                if !matches!(status, Status::QuotesRequested | Status::VendorSelected) {
                    return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
                }
                if request.content_hex() != request_content {
                    return Err(refused(PurchaseCode::WrongStatus, "", "changed"));
                }
                request.snapshots.insert(content, text);
                request.selections.insert(selection_key, selection);
                Ok(())
            })?;
        Ok(request)
    }
}

/// The total in won of the lines as chosen, at each quote's price and the request's rates.
pub fn chosen_total(request: &PurchaseRequest, lines: &[(String, String)]) -> i64 {
    lines
        .iter()
        .filter_map(|(line, vendor)| {
            let quote = request.quotes.get(vendor)?;
            let unit = *quote.prices.get(line)?;
            let quantity = request.lines.get(line)?.quantity;
            let rate = request.rate(quote.currency)?;
            Some(to_krw(
                i128::from(unit) * i128::from(quantity),
                quote.currency,
                rate,
            ))
        })
        .sum()
}

/// An amount in minor units as a spreadsheet reads a number (`1234.50`, no separators).
fn plain_minor(amount_minor: i64, currency: Currency) -> String {
    let digits = currency.minor_digits();
    if digits == 0 {
        return amount_minor.to_string();
    }
    let divisor = 10i64.pow(digits);
    let sign = if amount_minor < 0 { "-" } else { "" };
    let (whole, fraction) = (
        (amount_minor / divisor).unsigned_abs(),
        (amount_minor % divisor).unsigned_abs(),
    );
    format!("{sign}{whole}.{fraction:0width$}", width = digits as usize)
}

/// Writes the comparison as CSV made safe for spreadsheets (the project's one writer), with
/// a UTF-8 byte order mark when `bom`: one row per line, four columns per vendor (unit price
/// and line total in its currency, the line total in won, `*` on the best price), then one
/// row each for the totals, the lines left out, lead time, warranty, validity, payment
/// terms and score, their values in each vendor's first column (totals in the money
/// columns). Amounts are plain numbers, so a spreadsheet sums them.
pub fn comparison_csv(
    comparison: &Comparison,
    language: crate::reports::Language,
    writer: impl std::io::Write,
    bom: bool,
) -> Result<(), csv::Error> {
    let pick = |ko: &'static str, en: &'static str| language.pick(ko, en);
    let mut out = crate::csv_file::SpreadsheetCsv::new(writer, bom)?;
    let mut header: Vec<String> = [
        pick("번호", "No."),
        pick("품목", "Item"),
        pick("제조사", "Manufacturer"),
        pick("부품 번호", "Part number"),
        pick("수량", "Quantity"),
        pick("단위", "Unit"),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for vendor in &comparison.vendors {
        let code = CURRENCIES.code(vendor.currency);
        header.push(format!(
            "{} {} ({code})",
            vendor.name,
            pick("단가", "unit price")
        ));
        header.push(format!(
            "{} {} ({code})",
            vendor.name,
            pick("금액", "total")
        ));
        header.push(format!("{} {} (KRW)", vendor.name, pick("금액", "total")));
        header.push(format!("{} {}", vendor.name, pick("최저가", "best")));
    }
    out.row(&header)?;
    let width = header.len();
    for (index, line) in comparison.lines.iter().enumerate() {
        let mut row = vec![
            (index + 1).to_string(),
            line.description.clone(),
            line.manufacturer.clone(),
            line.part_number.clone(),
            line.quantity.to_string(),
            line.unit.clone(),
        ];
        for (cell, vendor) in line.cells.iter().zip(&comparison.vendors) {
            match cell {
                Some(cell) => {
                    row.push(plain_minor(cell.unit_minor, vendor.currency));
                    row.push(plain_minor(cell.total_minor, vendor.currency));
                    row.push(cell.total_krw.to_string());
                    row.push(if cell.best { "*" } else { "" }.to_owned());
                }
                None => row.extend(std::iter::repeat_n(String::new(), 4)),
            }
        }
        out.row(&row)?;
    }
    let summary = |label: &str, value: &dyn Fn(&ComparedVendor) -> [String; 4]| {
        let mut row = vec![String::new(), label.to_owned()];
        row.extend(std::iter::repeat_n(String::new(), 4));
        for vendor in &comparison.vendors {
            row.extend(value(vendor));
        }
        row.resize(width, String::new());
        row
    };
    let blank = || String::new();
    let one = |text: String| [text, blank(), blank(), blank()];
    let rows = [
        summary(pick("합계", "Total"), &|v| {
            if v.quoted {
                [
                    blank(),
                    plain_minor(v.total_minor, v.currency),
                    v.total_krw.to_string(),
                    if v.lowest_total { "*" } else { "" }.to_owned(),
                ]
            } else {
                one(pick("미회신", "no reply").to_owned())
            }
        }),
        summary(pick("미견적 품목", "Lines not quoted"), &|v| {
            let numbers: Vec<String> = v
                .missing
                .iter()
                .filter_map(|key| comparison.lines.iter().position(|l| &l.key == key))
                .map(|n| (n + 1).to_string())
                .collect();
            one(numbers.join(" "))
        }),
        summary(pick("납기 (일)", "Lead time (days)"), &|v| {
            one(if v.quoted {
                v.lead_time_days.to_string()
            } else {
                blank()
            })
        }),
        summary(pick("보증 (개월)", "Warranty (months)"), &|v| {
            one(if v.quoted {
                v.warranty_months.to_string()
            } else {
                blank()
            })
        }),
        summary(pick("유효기간", "Valid until"), &|v| {
            one(v.valid_until.clone())
        }),
        summary(pick("결제 조건", "Payment terms"), &|v| {
            one(v.payment_terms.clone())
        }),
        summary(pick("회신 기한", "Reply by"), &|v| {
            one(v.reply_by.clone())
        }),
        summary(pick("평가 점수", "Score"), &|v| {
            one(v.score.map(|s| format!("{s:.1}")).unwrap_or_default())
        }),
    ];
    for row in rows {
        out.row(&row)?;
    }
    out.finish()?;
    Ok(())
}

#[cfg(test)]
#[path = "quotes_tests.rs"]
mod tests;
