//! Orders (발주) from the selected quotes, the vendor's invoice, the three-way match and the
//! completion of a request, all kept in the purchase request's own document (`orders` by
//! ULID, `completed`), each change in one durable batch through `update_purchase`.
//!
//! - [`Workspace::place_orders`] makes one order per vendor the selection chose, with that
//!   vendor's lines at the request's quantities and the vendor's quoted unit prices, and a
//!   promised date per line (given, else the order date plus the quote's lead time).
//! - Order numbers are `PO-{year}-{request}-{n}`: the year ordered, the request number's own
//!   four-character end (`PR-20270115-7Q2F` → `7Q2F`) and the vendor's place among the
//!   request's orders. A request's orders are placed once, from one device, so two offline
//!   devices never number orders of the same request; orders of two different requests
//!   differ by the request's part, and in the rare case two requests share those four
//!   characters the number takes eight characters of the request's id instead (checked
//!   against every order this device knows).
//! - [`Workspace::three_way_match`] sets each order's lines (ordered quantity × price),
//!   what was received and accepted, and the invoice side by side, and flags every
//!   difference with its reason.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::request::{Closing, Order, OrderLine, PurchaseRequest, Status};
use super::request_ops::{person_of, PurchaseCode};
use super::PurchasingError;
use crate::assets::{parse_amount, parse_date};
use crate::assets::{Currency, Date, Money};
use crate::lifecycle::add_days;
use crate::problem::{Problem, ProblemCode};
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::text::{check_text, TextRule};

/// Why an order, a receipt or an invoice was refused, beyond the request's own codes
/// ([`PurchaseCode`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OrderCode {
    /// A line the request (or the order) does not have; the value is as given.
    UnknownLine,
    /// The selected vendor has no price for this line.
    NotQuoted,
    /// A promised date before the order date.
    PromisedBeforeOrdered,
    /// No order of this request has this key or number.
    UnknownOrder,
    /// The order named belongs to another request (the value is that request's number).
    OrderOfOtherRequest,
    /// A receipt dated after today.
    ReceivedInFuture,
    /// A receipt dated before the order.
    ReceivedBeforeOrdered,
    /// The same line twice in one receipt.
    DuplicateLine,
    /// A receipt line that receives nothing.
    NothingReceived,
    /// More accepted than ordered, counting earlier receipts (detail: ordered, earlier).
    OverReceived,
    /// The number accepted differs from the serials scanned (detail: accepted, serials).
    SerialCount,
    /// The same serial twice in one receipt.
    DuplicateSerial,
    /// A serial already in the register (detail: the asset's tag).
    SerialRegistered,
    /// A serial received before on an order (detail: its order number).
    SerialReceived,
}

impl ProblemCode for OrderCode {
    fn code(self) -> &'static str {
        match self {
            OrderCode::UnknownLine => "unknown_line",
            OrderCode::NotQuoted => "not_quoted",
            OrderCode::PromisedBeforeOrdered => "promised_before_ordered",
            OrderCode::UnknownOrder => "unknown_order",
            OrderCode::OrderOfOtherRequest => "order_of_other_request",
            OrderCode::ReceivedInFuture => "received_in_future",
            OrderCode::ReceivedBeforeOrdered => "received_before_ordered",
            OrderCode::DuplicateLine => "duplicate_line",
            OrderCode::NothingReceived => "nothing_received",
            OrderCode::OverReceived => "over_received",
            OrderCode::SerialCount => "serial_count",
            OrderCode::DuplicateSerial => "duplicate_serial",
            OrderCode::SerialRegistered => "serial_registered",
            OrderCode::SerialReceived => "serial_received",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            OrderCode::UnknownLine => format!("no line '{value}' on this order"),
            OrderCode::NotQuoted => "the selected vendor did not quote this line".to_owned(),
            OrderCode::PromisedBeforeOrdered => format!("{value} is before the order date"),
            OrderCode::UnknownOrder => format!("no order '{value}' on this request"),
            OrderCode::OrderOfOtherRequest => {
                format!("the order belongs to another request ({value})")
            }
            OrderCode::ReceivedInFuture => format!("{value} is after today"),
            OrderCode::ReceivedBeforeOrdered => format!("{value} is before the order date"),
            OrderCode::DuplicateLine => format!("line '{value}' is given twice"),
            OrderCode::NothingReceived => {
                "receives nothing (accepted and rejected are 0)".to_owned()
            }
            OrderCode::OverReceived => format!("{value} more than were ordered"),
            OrderCode::SerialCount => value.to_owned(),
            OrderCode::DuplicateSerial => format!("serial '{value}' is scanned twice"),
            OrderCode::SerialRegistered => format!("serial '{value}' is already in the register"),
            OrderCode::SerialReceived => format!("serial '{value}' was received before"),
        }
    }
}

pub(crate) fn problem(code: impl ProblemCode, field: &str, value: impl Into<String>) -> Problem {
    Problem::new(field, code, value)
}

pub(crate) fn refused(
    code: impl ProblemCode,
    field: &str,
    value: impl Into<String>,
) -> PurchasingError {
    PurchasingError::Refused(vec![problem(code, field, value)])
}

/// What an order is placed with, as a form or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderInput {
    /// The day it is ordered (`YYYY-MM-DD`); empty: today.
    pub ordered_on: String,
    /// A promised date per line (the line's key or its place, 1 for the first); a line not
    /// named is promised the order date plus the quote's lead time.
    pub promised: Vec<(String, String)>,
}

/// The key of a request line given as its key or its place (1-based) among the lines.
pub fn line_key(request: &PurchaseRequest, text: &str) -> Option<String> {
    let text = text.trim();
    if request.lines.contains_key(text) {
        return Some(text.to_owned());
    }
    let place: usize = text.parse().ok()?;
    request
        .ordered_lines()
        .get(place.checked_sub(1)?)
        .map(|(key, _)| (*key).clone())
}

/// The order of `request` with this key or number.
pub fn order_key(request: &PurchaseRequest, text: &str) -> Option<String> {
    let text = text.trim();
    if request.orders.contains_key(text) {
        return Some(text.to_owned());
    }
    request
        .orders
        .iter()
        .find(|(_, order)| order.number.eq_ignore_ascii_case(text))
        .map(|(key, _)| key.clone())
}

/// `PO-2027-7Q2F-1`: see the module's words on why two devices do not collide.
pub fn order_number(request: &PurchaseRequest, year: &str, n: usize, long: bool) -> String {
    let part = if long {
        request.id[request.id.len().saturating_sub(8)..].to_owned()
    } else {
        request
            .number
            .rsplit('-')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    format!("PO-{year}-{part}-{n}")
}

/// The orders the selection calls for: one per vendor (in vendor id order), each with its
/// lines; every problem at once.
pub fn plan_orders(
    request: &PurchaseRequest,
    input: &OrderInput,
    today: &Date,
    taken: &dyn Fn(&str) -> bool,
    stamp: &Stamp,
) -> Result<Vec<Order>, PurchasingError> {
    let status = request.status();
    if status != Status::VendorSelected {
        return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
    }
    let Some(selection) = request.selection() else {
        return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
    };
    let mut problems = Vec::new();
    let ordered_on = if input.ordered_on.trim().is_empty() {
        today.clone()
    } else {
        match parse_date(input.ordered_on.trim()) {
            Some(date) => date,
            None => {
                problems.push(problem(
                    PurchaseCode::InvalidDate,
                    "ordered_on",
                    input.ordered_on.trim(),
                ));
                today.clone()
            }
        }
    };
    let mut promised = std::collections::BTreeMap::new();
    for (line, date) in &input.promised {
        let field = format!("promised.{}", line.trim());
        let Some(key) = line_key(request, line) else {
            problems.push(problem(OrderCode::UnknownLine, &field, line.trim()));
            continue;
        };
        match parse_date(date.trim()) {
            Some(day) if day < ordered_on => {
                problems.push(problem(OrderCode::PromisedBeforeOrdered, &field, day.0))
            }
            Some(day) => {
                promised.insert(key, day.0);
            }
            None => problems.push(problem(PurchaseCode::InvalidDate, &field, date.trim())),
        }
    }
    let mut vendors: Vec<&String> = selection.lines.values().collect();
    vendors.sort();
    vendors.dedup();
    let year = &ordered_on.0[..4];
    let first = request.orders.len();
    let mut orders = Vec::new();
    for (index, vendor) in vendors.into_iter().enumerate() {
        let quote = request.quotes.get(vendor);
        let mut lines = std::collections::BTreeMap::new();
        for (key, chosen) in &selection.lines {
            if chosen != vendor {
                continue;
            }
            let Some(line) = request.lines.get(key) else {
                continue;
            };
            let Some(price) = quote.and_then(|q| q.prices.get(key)) else {
                problems.push(problem(OrderCode::NotQuoted, &format!("lines.{key}"), key));
                continue;
            };
            let lead = quote.map_or(0, |q| q.lead_time_days);
            let promised_on = promised.get(key).cloned().unwrap_or_else(|| {
                add_days(&ordered_on, i64::from(lead)).map_or_else(|| ordered_on.0.clone(), |d| d.0)
            });
            lines.insert(
                key.clone(),
                OrderLine {
                    quantity: line.quantity,
                    unit_price_minor: *price,
                    promised_on,
                },
            );
        }
        let n = first + index + 1;
        let short = order_number(request, year, n, false);
        let number = if taken(&short) {
            order_number(request, year, n, true)
        } else {
            short
        };
        orders.push(Order {
            vendor: vendor.clone(),
            number,
            ordered_on: ordered_on.0.clone(),
            currency: quote.map_or(Currency::KRW, |q| q.currency),
            lines,
            invoice_minor: None,
            invoice_ref: String::new(),
            by: person_of(stamp),
            at_ms: stamp.at_ms,
        });
    }
    if problems.is_empty() {
        Ok(orders)
    } else {
        Err(PurchasingError::Refused(problems))
    }
}

/// One order line set against what arrived and what was invoiced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatchRow {
    pub line: String,
    pub description: String,
    #[ts(type = "number")]
    pub ordered: u64,
    #[ts(type = "number")]
    pub unit_price_minor: i64,
    /// Ordered × unit price.
    #[ts(type = "number")]
    pub ordered_minor: i64,
    #[ts(type = "number")]
    pub accepted: u64,
    #[ts(type = "number")]
    pub rejected: u64,
    /// Accepted × unit price.
    #[ts(type = "number")]
    pub received_minor: i64,
    /// Why this line does not match (empty: it does).
    pub mismatches: Vec<Mismatch>,
}

/// A difference the match found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Mismatch {
    /// `short_received`, `over_received`, `rejected`, `no_invoice`, `invoice_over_ordered`,
    /// `invoice_under_ordered`, `invoice_over_received`.
    pub code: String,
    /// In English, with the figures.
    pub message: String,
}

/// One order's three-way match: order, receipts, invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderMatch {
    pub order: String,
    pub number: String,
    pub vendor: String,
    pub currency: Currency,
    pub lines: Vec<MatchRow>,
    #[ts(type = "number")]
    pub ordered_minor: i64,
    #[ts(type = "number")]
    pub received_minor: i64,
    #[ts(type = "number | null")]
    pub invoiced_minor: Option<i64>,
    pub invoice_ref: String,
    /// The order's own differences (the invoice against ordered and received value).
    pub mismatches: Vec<Mismatch>,
    /// Whether nothing differs, on any line or the order.
    pub matched: bool,
}

fn mismatch(code: &str, message: String) -> Mismatch {
    Mismatch {
        code: code.to_owned(),
        message,
    }
}

/// What has been accepted and rejected of each line of `order` over every receipt.
pub fn received_of(
    request: &PurchaseRequest,
    order: &str,
) -> std::collections::BTreeMap<String, (u64, u64)> {
    let mut received = std::collections::BTreeMap::new();
    for receipt in request.receipts.values().filter(|r| r.order == order) {
        for (line, got) in &receipt.lines {
            let entry = received.entry(line.clone()).or_insert((0u64, 0u64));
            entry.0 += got.accepted;
            entry.1 += got.rejected;
        }
    }
    received
}

/// The three-way match of every order of `request`.
pub fn three_way_match(request: &PurchaseRequest) -> Vec<OrderMatch> {
    let mut orders: Vec<(&String, &Order)> = request.orders.iter().collect();
    orders.sort_by(|a, b| a.1.number.cmp(&b.1.number));
    orders
        .into_iter()
        .map(|(key, order)| {
            let received = received_of(request, key);
            let money = |amount_minor: i64| {
                Money {
                    amount_minor,
                    currency: order.currency,
                }
                .format_amount()
            };
            let mut lines = Vec::new();
            for (line_key, line) in request.ordered_lines() {
                let Some(ordered) = order.lines.get(line_key) else {
                    continue;
                };
                let (accepted, rejected) = received.get(line_key).copied().unwrap_or((0, 0));
                let price = i128::from(ordered.unit_price_minor);
                let ordered_minor = clamp(i128::from(ordered.quantity) * price);
                let received_minor = clamp(i128::from(accepted) * price);
                let mut mismatches = Vec::new();
                if accepted > ordered.quantity {
                    // Receipts made on two devices at once, each within the order alone.
                    mismatches.push(mismatch(
                        "over_received",
                        format!("{accepted} received of {} ordered", ordered.quantity),
                    ));
                }
                if accepted < ordered.quantity {
                    mismatches.push(mismatch(
                        "short_received",
                        format!("{accepted} of {} received", ordered.quantity),
                    ));
                }
                if rejected > 0 {
                    mismatches.push(mismatch(
                        "rejected",
                        format!("{rejected} rejected at receipt"),
                    ));
                }
                lines.push(MatchRow {
                    line: line_key.clone(),
                    description: line.description.clone(),
                    ordered: ordered.quantity,
                    unit_price_minor: ordered.unit_price_minor,
                    ordered_minor,
                    accepted,
                    rejected,
                    received_minor,
                    mismatches,
                });
            }
            let ordered_minor: i64 = lines.iter().map(|l| l.ordered_minor).sum();
            let received_minor: i64 = lines.iter().map(|l| l.received_minor).sum();
            let mut mismatches = Vec::new();
            match order.invoice_minor {
                None => mismatches.push(mismatch("no_invoice", "no invoice yet".to_owned())),
                Some(invoiced) => {
                    if invoiced > ordered_minor {
                        mismatches.push(mismatch(
                            "invoice_over_ordered",
                            format!(
                                "invoiced {} is {} more than ordered {}",
                                money(invoiced),
                                money(invoiced - ordered_minor),
                                money(ordered_minor)
                            ),
                        ));
                    } else if invoiced < ordered_minor {
                        mismatches.push(mismatch(
                            "invoice_under_ordered",
                            format!(
                                "invoiced {} is {} less than ordered {}",
                                money(invoiced),
                                money(ordered_minor - invoiced),
                                money(ordered_minor)
                            ),
                        ));
                    }
                    if invoiced > received_minor {
                        mismatches.push(mismatch(
                            "invoice_over_received",
                            format!(
                                "invoiced {} is {} more than the value received {}",
                                money(invoiced),
                                money(invoiced - received_minor),
                                money(received_minor)
                            ),
                        ));
                    }
                }
            }
            let matched = mismatches.is_empty() && lines.iter().all(|l| l.mismatches.is_empty());
            OrderMatch {
                order: key.clone(),
                number: order.number.clone(),
                vendor: order.vendor.clone(),
                currency: order.currency,
                lines,
                ordered_minor,
                received_minor,
                invoiced_minor: order.invoice_minor,
                invoice_ref: order.invoice_ref.clone(),
                mismatches,
                matched,
            }
        })
        .collect()
}

fn clamp(value: i128) -> i64 {
    value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

impl Workspace {
    /// Every order number this device knows, in any request.
    fn order_numbers(&self) -> std::collections::HashSet<String> {
        let index = self.indexes().read::<super::PurchaseIndex>();
        index
            .requests
            .values()
            .flat_map(|r| r.orders.values().map(|o| o.number.clone()))
            .collect()
    }

    /// Places the orders the selection calls for (one per vendor); only from
    /// `vendor_selected`.
    pub fn place_orders(
        &self,
        key: &str,
        input: &OrderInput,
        today: &Date,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let taken = self.order_numbers();
        let current = self.purchase_request(key)?;
        let orders = plan_orders(&current, input, today, &|n| taken.contains(n), stamp)?;
        let mut keys = ulid::Generator::new();
        let (request, ()) =
            self.update_purchase(key, stamp, "purchase-order", Batch::default(), |request| {
                if request.status() != Status::VendorSelected {
                    return Err(refused(
                        PurchaseCode::WrongStatus,
                        "",
                        request.status().code(),
                    ));
                }
                for order in orders {
                    let id = keys.generate().unwrap_or_else(|_| ulid::Ulid::new());
                    request.orders.insert(id.to_string(), order);
                }
                Ok(())
            })?;
        Ok(request)
    }

    /// Records the vendor's invoice for an order: its amount (in the order's currency) and
    /// reference. A later invoice replaces the earlier one.
    pub fn set_invoice(
        &self,
        key: &str,
        order: &str,
        amount: &str,
        reference: &str,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let current = self.purchase_request(key)?;
        let Some(order_id) = order_key(&current, order) else {
            return Err(refused(OrderCode::UnknownOrder, "order", order.trim()));
        };
        let currency = current.orders[&order_id].currency;
        let mut problems = Vec::new();
        let amount_text = amount.trim();
        let minor = match parse_amount(amount_text, currency.minor_digits()) {
            _ if amount_text.is_empty() => {
                problems.push(problem(PurchaseCode::Required, "amount", ""));
                None
            }
            Some(n) if n < 0 => {
                problems.push(problem(PurchaseCode::Negative, "amount", amount_text));
                None
            }
            Some(n) => Some(n),
            None => {
                problems.push(problem(PurchaseCode::NotANumber, "amount", amount_text));
                None
            }
        };
        let reference = reference.trim();
        if let Some(p) = check_text("reference", reference, TextRule::SingleLine) {
            problems.push(p);
        }
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        let (request, ()) = self.update_purchase(
            key,
            stamp,
            "purchase-invoice",
            Batch::default(),
            |request| {
                let order = request
                    .orders
                    .get_mut(&order_id)
                    .ok_or_else(|| refused(OrderCode::UnknownOrder, "order", order_id.clone()))?;
                order.invoice_minor = minor;
                order.invoice_ref = reference.to_owned();
                Ok(())
            },
        )?;
        Ok(request)
    }

    /// The three-way match of the request's orders.
    pub fn three_way_match(&self, key: &str) -> Result<Vec<OrderMatch>, PurchasingError> {
        Ok(three_way_match(&self.purchase_request(key)?))
    }

    /// Completes a request once what was ordered is received; a request partly received is
    /// closed short only with a reason.
    pub fn complete_purchase_request(
        &self,
        key: &str,
        reason: &str,
        stamp: &Stamp,
    ) -> Result<PurchaseRequest, PurchasingError> {
        let reason = reason.trim();
        let status = self.purchase_request(key)?.status();
        match status {
            Status::Received => {}
            Status::PartlyReceived if !reason.is_empty() => {}
            Status::PartlyReceived => return Err(refused(PurchaseCode::Required, "reason", "")),
            other => return Err(refused(PurchaseCode::WrongStatus, "", other.code())),
        }
        if let Some(p) = check_text("reason", reason, TextRule::MultiLine) {
            return Err(PurchasingError::Refused(vec![p]));
        }
        let closing_key = ulid::Ulid::new().to_string();
        let (request, ()) = self.update_purchase(
            key,
            stamp,
            "purchase-complete",
            Batch::default(),
            |request| {
                request.completed.insert(
                    closing_key,
                    Closing {
                        by: person_of(stamp),
                        at_ms: stamp.at_ms,
                        reason: reason.to_owned(),
                    },
                );
                Ok(())
            },
        )?;
        Ok(request)
    }
}
