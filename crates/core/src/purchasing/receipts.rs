//! Receipts (입고): what arrived of an order, line by line, accepted and rejected, with each
//! accepted unit's serial as scanned. Every accepted unit of a hardware line **becomes an
//! asset in the register** in the same durable batch as the receipt: its model and
//! manufacturer from the line (or the line's rack-catalogue device type), its serial, the
//! day received as its purchase date, the order line's unit price as its cost, the warranty
//! end from the quote's warranty months, and its purchase (`assets::purchase`: request,
//! order, receipt, line, vendor) in its document; the receipt line lists the assets' ids, so
//! each side names the other. Software, licence and service lines are received by count
//! (their serials, if given, are kept on the receipt) and make no asset: the register holds
//! equipment.
//!
//! A receipt is checked whole before anything is written, and refused with every reason at
//! once: more accepted than ordered (counting earlier receipts), a serial twice in the
//! receipt, a serial already in the register or received before, accepted units without
//! their serials, an order of another request.
//!
//! New assets are tagged `{order number}-{NNN}`, numbered on from the assets the order's
//! earlier receipts created (`PO-2027-7Q2F-1-001`); a tag taken already moves on to the next
//! number. Two devices receiving parts of the same order offline at the same time could give
//! the same tag to two assets; the register's duplicate-tag check shows such a pair after the
//! merge, to be renamed by hand (a random tag part would rule it out, at the cost of tags
//! people can read out loud).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::orders::{order_key, problem, refused, OrderCode};
use super::request::{LineKind, Order, PurchaseRequest, Receipt, ReceiptLine, Status};
use super::request_ops::{person_of, PurchaseCode};
use super::PurchasingError;
use crate::assets::{
    normalise_tag, Asset, AssetPurchase, AssetRow, AssetStatus, AssetType, Date, Money,
};
use crate::csv_file::{CsvColumn, CsvOptions, CsvTable};
use crate::ids::AssetId;
use crate::lifecycle::add_months;
use crate::problem::Problem;
use crate::racks::{DeviceCategory, DeviceType};
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::text::{check_text, TextRule};

/// One line of a receipt as a form, a scan session or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReceiptLineInput {
    /// The request line's key or its place (1 for the first).
    pub line: String,
    /// Units accepted; none: as many as serials were scanned.
    #[ts(type = "number | null")]
    pub accepted: Option<u64>,
    #[ts(type = "number")]
    pub rejected: u64,
    /// The accepted units' serials, as scanned.
    pub serials: Vec<String>,
}

/// A receipt as a form, a scan session or the CLI gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReceiptInput {
    /// The day it arrived; empty: today.
    pub received_on: String,
    pub note: String,
    pub lines: Vec<ReceiptLineInput>,
}

/// What a receipt wrote: the request, the receipt's key and the assets it created.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReceiptOutcome {
    pub request: PurchaseRequest,
    pub receipt: String,
    pub assets: Vec<AssetRow>,
}

/// What the register and the other requests hold that a receipt is checked against.
pub struct ReceiptContext<'a> {
    /// An asset with this serial (its tag), if any.
    pub registered: &'a dyn Fn(&str) -> Option<String>,
    /// Whether an asset tag is taken.
    pub tag_taken: &'a dyn Fn(&str) -> bool,
    /// Serials received on any request before (normalised) → the order number.
    pub received_before: &'a HashMap<String, String>,
    /// An order number of another request → that request's number.
    pub other_orders: &'a HashMap<String, String>,
    pub device_type: &'a dyn Fn(&str) -> Option<DeviceType>,
    pub vendor_name: String,
}

/// A receipt ready to write: the receipt and the assets it creates.
pub struct ReceiptPlan {
    pub receipt: Receipt,
    pub assets: Vec<(Asset, Option<AssetPurchase>)>,
}

fn asset_type_of(category: DeviceCategory) -> AssetType {
    match category {
        DeviceCategory::Server => AssetType::Server,
        DeviceCategory::Switch => AssetType::Switch,
        DeviceCategory::Storage => AssetType::Storage,
        DeviceCategory::Router => AssetType::Router,
        DeviceCategory::Firewall => AssetType::Firewall,
        DeviceCategory::Pdu => AssetType::Pdu,
        DeviceCategory::PatchPanel => AssetType::PatchPanel,
        DeviceCategory::Other => AssetType::Other,
    }
}

/// Checks `input` against the request, its order and the register, and plans the receipt
/// and its assets; every problem at once.
#[allow(clippy::too_many_arguments)]
pub fn plan_receipt(
    request: &PurchaseRequest,
    order_text: &str,
    input: &ReceiptInput,
    receipt_key: &str,
    today: &Date,
    stamp: &Stamp,
    context: &ReceiptContext,
    new_id: &mut dyn FnMut() -> AssetId,
) -> Result<ReceiptPlan, PurchasingError> {
    let Some(order_id) = order_key(request, order_text) else {
        let text = order_text.trim();
        return Err(match context.other_orders.get(&text.to_uppercase()) {
            Some(other) => refused(OrderCode::OrderOfOtherRequest, "order", other.clone()),
            None => refused(OrderCode::UnknownOrder, "order", text),
        });
    };
    let status = request.status();
    if !matches!(
        status,
        Status::Ordered | Status::PartlyReceived | Status::Received
    ) {
        return Err(refused(PurchaseCode::WrongStatus, "", status.code()));
    }
    let order: &Order = &request.orders[&order_id];
    let mut problems: Vec<Problem> = Vec::new();
    let received_on = if input.received_on.trim().is_empty() {
        today.clone()
    } else {
        match crate::assets::parse_date(input.received_on.trim()) {
            Some(date) if date > *today => {
                problems.push(problem(OrderCode::ReceivedInFuture, "received_on", date.0));
                today.clone()
            }
            Some(date) if date.0 < order.ordered_on => {
                problems.push(problem(
                    OrderCode::ReceivedBeforeOrdered,
                    "received_on",
                    date.0.clone(),
                ));
                date
            }
            Some(date) => date,
            None => {
                problems.push(problem(
                    PurchaseCode::InvalidDate,
                    "received_on",
                    input.received_on.trim(),
                ));
                today.clone()
            }
        }
    };
    let note = input.note.trim();
    if let Some(p) = check_text("note", note, TextRule::MultiLine) {
        problems.push(p);
    }
    if input.lines.is_empty() {
        problems.push(problem(PurchaseCode::Required, "lines", ""));
    }
    let earlier = super::orders::received_of(request, &order_id);
    let warranty_months = request
        .quotes
        .get(&order.vendor)
        .map_or(0, |q| q.warranty_months);
    let mut seen_lines = HashSet::new();
    let mut seen_serials: HashSet<String> = HashSet::new();
    let mut lines = BTreeMap::new();
    let mut assets = Vec::new();
    // Tags go on from the assets the order's earlier receipts created.
    let mut next_number = request
        .receipts
        .values()
        .filter(|r| r.order == order_id)
        .flat_map(|r| r.lines.values())
        .map(|l| l.assets.len() as u64)
        .sum::<u64>()
        + 1;
    for (index, given) in input.lines.iter().enumerate() {
        let field = format!("lines.{index}");
        let key =
            super::orders::line_key(request, &given.line).filter(|k| order.lines.contains_key(k));
        let Some(key) = key else {
            problems.push(problem(
                OrderCode::UnknownLine,
                &format!("{field}.line"),
                given.line.trim(),
            ));
            continue;
        };
        if !seen_lines.insert(key.clone()) {
            problems.push(problem(
                OrderCode::DuplicateLine,
                &format!("{field}.line"),
                given.line.trim(),
            ));
            continue;
        }
        let line = &request.lines[&key];
        let ordered = &order.lines[&key];
        let mut serials = Vec::new();
        for (at, serial) in given.serials.iter().enumerate() {
            let serial = serial.trim();
            let serial_field = format!("{field}.serials.{at}");
            if serial.is_empty() {
                problems.push(problem(PurchaseCode::Required, &serial_field, ""));
                continue;
            }
            if let Some(p) = check_text(&serial_field, serial, TextRule::SingleLine) {
                problems.push(p);
                continue;
            }
            let normal = normalise_tag(serial);
            if !seen_serials.insert(normal.clone()) {
                problems.push(problem(OrderCode::DuplicateSerial, &serial_field, serial));
            } else if let Some(tag) = (context.registered)(serial) {
                problems.push(
                    problem(OrderCode::SerialRegistered, &serial_field, serial).with("asset", tag),
                );
            } else if let Some(number) = context.received_before.get(&normal) {
                problems.push(
                    problem(OrderCode::SerialReceived, &serial_field, serial).with("order", number),
                );
            }
            serials.push(serial.to_owned());
        }
        let accepted = given.accepted.unwrap_or(given.serials.len() as u64);
        if accepted == 0 && given.rejected == 0 {
            problems.push(problem(
                OrderCode::NothingReceived,
                &field,
                given.line.trim(),
            ));
        }
        let needs_serials = line.kind == LineKind::Hardware;
        if (needs_serials || !given.serials.is_empty()) && given.serials.len() as u64 != accepted {
            problems.push(
                problem(
                    OrderCode::SerialCount,
                    &format!("{field}.serials"),
                    format!(
                        "{accepted} accepted but {} serials scanned",
                        given.serials.len()
                    ),
                )
                .with("accepted", accepted)
                .with("serials", given.serials.len()),
            );
        }
        let (before, _) = earlier.get(&key).copied().unwrap_or((0, 0));
        if before + accepted > ordered.quantity {
            problems.push(
                problem(
                    OrderCode::OverReceived,
                    &format!("{field}.accepted"),
                    (before + accepted - ordered.quantity).to_string(),
                )
                .with("ordered", ordered.quantity)
                .with("earlier", before)
                .with("accepted", accepted),
            );
        }
        let mut asset_ids = Vec::new();
        if needs_serials {
            let device = (!line.device_type.is_empty())
                .then(|| (context.device_type)(&line.device_type))
                .flatten();
            for serial in &serials {
                let id = new_id();
                let mut tag = format!("{}-{next_number:03}", order.number);
                while (context.tag_taken)(&tag) {
                    next_number += 1;
                    tag = format!("{}-{next_number:03}", order.number);
                }
                next_number += 1;
                let mut asset = Asset::blank(id);
                asset.asset_tag = tag;
                asset.asset_type = device
                    .as_ref()
                    .map_or(AssetType::Other, |d| asset_type_of(d.category));
                asset.manufacturer = match &device {
                    Some(d) if line.manufacturer.is_empty() => d.manufacturer.clone(),
                    _ => line.manufacturer.clone(),
                };
                asset.model = match &device {
                    Some(d) => d.model.clone(),
                    None if !line.part_number.is_empty() => line.part_number.clone(),
                    None => line.description.clone(),
                };
                asset.serial = serial.clone();
                asset.purchase_date = Some(received_on.clone());
                asset.cost = Some(Money {
                    amount_minor: ordered.unit_price_minor,
                    currency: order.currency,
                });
                asset.warranty_end = (warranty_months > 0)
                    .then(|| add_months(&received_on, i64::from(warranty_months)))
                    .flatten();
                asset.status = AssetStatus::InStock;
                asset_ids.push(id.to_string());
                assets.push((
                    asset,
                    Some(AssetPurchase {
                        request: request.id.clone(),
                        request_number: request.number.clone(),
                        order: order_id.clone(),
                        order_number: order.number.clone(),
                        receipt: receipt_key.to_owned(),
                        line: key.clone(),
                        vendor: order.vendor.clone(),
                        vendor_name: context.vendor_name.clone(),
                    }),
                ));
            }
        }
        lines.insert(
            key,
            ReceiptLine {
                accepted,
                rejected: given.rejected,
                serials,
                assets: asset_ids,
            },
        );
    }
    if !problems.is_empty() {
        return Err(PurchasingError::Refused(problems));
    }
    Ok(ReceiptPlan {
        receipt: Receipt {
            order: order_id,
            received_on: received_on.0,
            lines,
            note: note.to_owned(),
            by: person_of(stamp),
            at_ms: stamp.at_ms,
        },
        assets,
    })
}

/// The columns of a receipt CSV: one row per unit (`line`, `serial`), or a count per line
/// (`accepted`, `rejected`) for units without serials.
const RECEIPT_COLUMNS: [CsvColumn; 4] = [
    CsvColumn::line("line").also(&["품목", "라인"]),
    CsvColumn::line("serial").also(&["serial_number", "시리얼", "일련번호"]),
    CsvColumn::line("accepted").also(&["합격", "입고"]),
    CsvColumn::line("rejected").also(&["불합격", "반품"]),
];

fn count(row: &crate::csv_file::CsvRow, column: &str, problems: &mut Vec<Problem>) -> u64 {
    let text = row.get(column).unwrap_or_default().trim();
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u64>() {
        Ok(n) => n,
        Err(_) => {
            problems.push(problem(PurchaseCode::NotAWholeNumber, column, text).at_line(row.line));
            0
        }
    }
}

/// Reads a receipt CSV into the lines of a receipt: each row is one scanned unit of a line
/// (`line`, `serial`), or adds counts to a line (`accepted` units without serials, `rejected`
/// units); a broken row is refused with its line number, and nothing is read.
pub fn receipt_lines_from_csv(bytes: &[u8]) -> Result<Vec<ReceiptLineInput>, PurchasingError> {
    let table = CsvTable::open(bytes, &RECEIPT_COLUMNS, &["line"], CsvOptions::default()).map_err(
        |errors| {
            PurchasingError::Refused(errors.iter().map(|e| Problem::tagged("file", e)).collect())
        },
    )?;
    let mut problems = Vec::new();
    let mut lines: Vec<ReceiptLineInput> = Vec::new();
    for row in table {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                problems.push(Problem::tagged("file", &error));
                break;
            }
        };
        problems.extend(row.problems.iter().cloned());
        let line = row.text("line").trim().to_owned();
        if line.is_empty() {
            problems.push(problem(PurchaseCode::Required, "line", "").at_line(row.line));
            continue;
        }
        let serial = row.text("serial").trim().to_owned();
        let accepted = count(&row, "accepted", &mut problems);
        let rejected = count(&row, "rejected", &mut problems);
        if serial.is_empty() && accepted == 0 && rejected == 0 {
            problems.push(problem(OrderCode::NothingReceived, "serial", "").at_line(row.line));
            continue;
        }
        let at = match lines.iter().position(|l| l.line == line) {
            Some(at) => at,
            None => {
                lines.push(ReceiptLineInput {
                    line,
                    ..Default::default()
                });
                lines.len() - 1
            }
        };
        let entry = &mut lines[at];
        if !serial.is_empty() {
            entry.serials.push(serial);
        }
        entry.rejected += rejected;
        if accepted > 0 {
            entry.accepted = Some(entry.accepted.unwrap_or(0) + accepted);
        }
    }
    if !problems.is_empty() {
        return Err(PurchasingError::Refused(problems));
    }
    // A line given serials and no count accepts as many as its serials; one given counts
    // too accepts the counted units on top of the scanned ones.
    for line in &mut lines {
        if let Some(counted) = line.accepted {
            line.accepted = Some(counted + line.serials.len() as u64);
        }
    }
    Ok(lines)
}

impl Workspace {
    /// Receives units of one order of the request: writes the receipt and creates an asset
    /// for every accepted hardware unit, in one durable batch; refused whole, writing
    /// nothing, with every reason.
    pub fn receive(
        &self,
        key: &str,
        order: &str,
        input: &ReceiptInput,
        today: &Date,
        stamp: &Stamp,
    ) -> Result<ReceiptOutcome, PurchasingError> {
        let current = self.purchase_request(key)?;
        let doc_id = current.doc_id();
        // Read before the document lock (the write path takes the lock, then the indexes).
        let mut received_before = HashMap::new();
        let mut other_orders = HashMap::new();
        // Read in place (a copy of every request would cost more than the receipt), and let
        // go before the document lock.
        let index = self.indexes().read::<super::PurchaseIndex>();
        for other in index.requests.values() {
            for receipt in other.receipts.values() {
                let number = other
                    .orders
                    .get(&receipt.order)
                    .map(|o| o.number.clone())
                    .unwrap_or_default();
                for line in receipt.lines.values() {
                    for serial in &line.serials {
                        received_before.insert(normalise_tag(serial), number.clone());
                    }
                }
            }
            if other.id != current.id {
                for order in other.orders.values() {
                    other_orders.insert(order.number.to_uppercase(), other.number.clone());
                }
            }
        }
        drop(index);
        let vendor_name = order_key(&current, order)
            .and_then(|o| self.vendor(&current.orders[&o].vendor).ok())
            .map(|v| v.name)
            .unwrap_or_default();
        let device_types: HashMap<String, DeviceType> = current
            .lines
            .values()
            .filter(|l| !l.device_type.is_empty())
            .filter_map(|l| {
                self.device_type(&l.device_type)
                    .map(|d| (l.device_type.clone(), d))
            })
            .collect();
        let receipt_key = ulid::Ulid::new().to_string();
        let mut ids = ulid::Generator::new();
        let mut cache = self.lock_docs();
        let mut request: PurchaseRequest = self
            .load_aggregate(&mut cache, &doc_id)?
            .ok_or_else(|| PurchasingError::NoSuchRequest(key.to_owned()))?;
        let plan = {
            let index = self.index();
            let registered = |serial: &str| {
                index
                    .by_serial(serial)
                    .map(|row| row.asset.asset_tag.clone())
            };
            let tag_taken = |tag: &str| index.by_tag(tag).is_some();
            let device_type = |key: &str| device_types.get(key).cloned();
            let context = ReceiptContext {
                registered: &registered,
                tag_taken: &tag_taken,
                received_before: &received_before,
                other_orders: &other_orders,
                device_type: &device_type,
                vendor_name,
            };
            let mut new_id = || AssetId(ids.generate().unwrap_or_else(|_| ulid::Ulid::new()));
            plan_receipt(
                &request,
                order,
                input,
                &receipt_key,
                today,
                stamp,
                &context,
                &mut new_id,
            )?
        };
        request.receipts.insert(receipt_key.clone(), plan.receipt);
        let (rows, mut pending) = self
            .stage_new_assets(plan.assets, stamp, "purchase-receive")
            .map_err(|error| match error {
                crate::assets::AssetError::Invalid(problems) => PurchasingError::Refused(problems),
                crate::assets::AssetError::Store(store) => PurchasingError::Store(store),
                other => PurchasingError::Store(crate::store::StoreError::DamagedDocument {
                    doc_id: doc_id.clone(),
                    reason: other.to_string(),
                }),
            })?;
        pending.push(self.stage(&mut cache, &request, stamp, "purchase-receive")?);
        self.write(&mut cache, pending, Batch::default())?;
        Ok(ReceiptOutcome {
            request,
            receipt: receipt_key,
            assets: rows,
        })
    }
}
