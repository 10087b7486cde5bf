//! Orders, receipts that create assets, the three-way match and vendor performance, on a
//! real store in a temp dir.

use std::collections::BTreeMap;

use super::orders::OrderInput;
use super::performance::{vendor_score, FigureCode, ScorePart, ScoreWeights, Unscored};
use super::receipts::{receipt_lines_from_csv, ReceiptInput, ReceiptLineInput};
use super::request::{
    Order, OrderLine, Person, PurchaseRequest, Quote, Receipt, ReceiptLine, Rfq, Selection, Status,
};
use super::request_ops::{LineInput, RequestInput};
use super::vendor::VendorInput;
use super::PurchasingError;
use crate::assets::{AssetInput, AssetStatus, AssetType, Currency, Date, Money};
use crate::problem::Problem;
use crate::stamp::Stamp;
use crate::store::Workspace;
use crate::testkit::{device, fresh_workspace, server, stamp};

fn day(text: &str) -> Date {
    Date(text.into())
}

fn codes(error: PurchasingError) -> Vec<(String, String)> {
    match error {
        PurchasingError::Refused(problems) => problems
            .into_iter()
            .map(|Problem { field, code, .. }| (field, code))
            .collect(),
        other => panic!("not a refusal: {other}"),
    }
}

fn vendor(ws: &Workspace, n: u128, name: &str, number: &str, stamp: Stamp) -> String {
    ws.add_vendor(
        ulid::Ulid(n),
        &VendorInput {
            name: name.into(),
            business_number: number.into(),
            ..Default::default()
        },
        &stamp,
    )
    .expect("vendor")
    .id
}

fn quote(prices: &[(&String, i64)], warranty_months: u32, lead_time_days: u32) -> Quote {
    Quote {
        received_on: "2027-01-12".into(),
        currency: Currency::KRW,
        prices: prices.iter().map(|(k, p)| ((*k).to_owned(), *p)).collect(),
        lead_time_days,
        warranty_months,
        valid_until: "2027-03-31".into(),
        payment_terms: "월말 정산".into(),
        file: None,
        file_name: String::new(),
        notes: String::new(),
        by: Person::default(),
        at_ms: 5,
    }
}

/// A request for 3 Dell R650 servers (from vendor A, 36 months' warranty) and 10 licences
/// (from vendor B), with the vendors selected: what the quotes step leaves.
struct Fixture {
    request: String,
    server_line: String,
    licence_line: String,
    a: String,
    b: String,
}

fn selected(ws: &Workspace) -> Fixture {
    selected_by(ws, &stamp)
}

fn selected_by(ws: &Workspace, stamp: &dyn Fn(i64) -> Stamp) -> Fixture {
    let a = vendor(ws, 1, "(주)한빛시스템", "2208162517", stamp(1));
    let b = vendor(ws, 2, "소프트라인", "1238100001", stamp(1));
    let line =
        |description: &str, kind: &str, part: &str, device: &str, quantity: &str| LineInput {
            description: description.into(),
            kind: kind.into(),
            manufacturer: "Dell".into(),
            part_number: part.into(),
            device_type: device.into(),
            quantity: quantity.into(),
            unit: "EA".into(),
            unit_price: "9000000".into(),
            currency: "KRW".into(),
            ..Default::default()
        };
    let request = ws
        .create_purchase_request(
            ulid::Ulid(100),
            &RequestInput {
                title: "A동 증설 서버".into(),
                needed_by: "2027-03-01".into(),
                lines: vec![
                    line(
                        "R650 서버",
                        "hardware",
                        "R650-XS",
                        "builtin:dell-poweredge-r650",
                        "3",
                    ),
                    line("OS 라이선스", "licence", "WS-DC", "", "10"),
                ],
                ..Default::default()
            },
            &day("2027-01-04"),
            &stamp(2),
        )
        .expect("request");
    let keys: Vec<String> = request
        .ordered_lines()
        .iter()
        .map(|(k, _)| (*k).clone())
        .collect();
    let (server_line, licence_line) = (keys[0].clone(), keys[1].clone());
    let (a2, b2, s2, l2) = (
        a.clone(),
        b.clone(),
        server_line.clone(),
        licence_line.clone(),
    );
    ws.update_purchase(
        &request.id,
        &stamp(3),
        "test-select",
        Default::default(),
        move |r| {
            r.quotes.insert(
                a2.clone(),
                quote(&[(&s2, 8_800_000), (&l2, 700_000)], 36, 14),
            );
            r.quotes.insert(b2.clone(), quote(&[(&l2, 650_000)], 12, 7));
            r.selections.insert(
                "01SELECTION".into(),
                Selection {
                    lines: BTreeMap::from([(s2.clone(), a2.clone()), (l2.clone(), b2.clone())]),
                    reason: "최저가".into(),
                    by: Person::default(),
                    at_ms: 4,
                    content: String::new(),
                    signed: None,
                },
            );
            Ok(())
        },
    )
    .expect("selected");
    Fixture {
        request: request.id,
        server_line,
        licence_line,
        a,
        b,
    }
}

fn ordered(ws: &Workspace) -> (Fixture, String, String) {
    ordered_by(ws, &stamp)
}

fn ordered_by(ws: &Workspace, stamp: &dyn Fn(i64) -> Stamp) -> (Fixture, String, String) {
    let f = selected_by(ws, stamp);
    let request = ws
        .place_orders(
            &f.request,
            &OrderInput {
                ordered_on: "2027-01-20".into(),
                promised: vec![("1".into(), "2027-02-10".into())],
            },
            &day("2027-01-20"),
            &stamp(6),
        )
        .expect("ordered");
    let order_of = |vendor: &str| {
        request
            .orders
            .values()
            .find(|o| o.vendor == vendor)
            .map(|o| o.number.clone())
            .expect("order")
    };
    let (a, b) = (order_of(&f.a), order_of(&f.b));
    (f, a, b)
}

fn scanned(line: &str, serials: &[&str]) -> ReceiptLineInput {
    ReceiptLineInput {
        line: line.into(),
        accepted: None,
        rejected: 0,
        serials: serials.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn receipt(lines: Vec<ReceiptLineInput>) -> ReceiptInput {
    ReceiptInput {
        received_on: "2027-02-08".into(),
        note: String::new(),
        lines,
    }
}

#[test]
fn orders_are_placed_one_per_selected_vendor_at_the_quoted_prices_with_promised_dates() {
    let (_dir, _store, ws) = fresh_workspace();
    let f = selected(&ws);
    let suffix = ws.purchase_request(&f.request).expect("request").number[12..].to_owned();
    let request = ws
        .place_orders(
            &f.request,
            &OrderInput {
                ordered_on: "2027-01-20".into(),
                promised: vec![("1".into(), "2027-02-10".into())],
            },
            &day("2027-01-20"),
            &stamp(6),
        )
        .expect("ordered");
    assert_eq!(request.status(), Status::Ordered);
    let mut orders: Vec<&Order> = request.orders.values().collect();
    orders.sort_by(|x, y| x.number.cmp(&y.number));
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0].vendor, f.a);
    assert_eq!(orders[0].number, format!("PO-2027-{suffix}-1"));
    assert_eq!(orders[1].number, format!("PO-2027-{suffix}-2"));
    assert_eq!(
        orders[0].lines,
        BTreeMap::from([(
            f.server_line.clone(),
            OrderLine {
                quantity: 3,
                unit_price_minor: 8_800_000,
                promised_on: "2027-02-10".into()
            }
        )])
    );
    // Not given: the order date plus vendor B's 7 days' lead time.
    assert_eq!(orders[1].lines[&f.licence_line].promised_on, "2027-01-27");
    assert_eq!(orders[1].lines[&f.licence_line].unit_price_minor, 650_000);
    // Placed once only; and a bad promise is refused at its field.
    assert_eq!(
        codes(
            ws.place_orders(
                &f.request,
                &OrderInput::default(),
                &day("2027-01-21"),
                &stamp(7)
            )
            .expect_err("refused")
        ),
        [("".to_owned(), "wrong_status".to_owned())]
    );
    let (_d2, _s2, other) = fresh_workspace();
    let g = selected(&other);
    assert_eq!(
        codes(
            other
                .place_orders(
                    &g.request,
                    &OrderInput {
                        ordered_on: "2027-01-20".into(),
                        promised: vec![
                            ("1".into(), "2027-01-19".into()),
                            ("9".into(), "2027-02-01".into())
                        ],
                    },
                    &day("2027-01-20"),
                    &stamp(6),
                )
                .expect_err("refused")
        ),
        [
            (
                "promised.1".to_owned(),
                "promised_before_ordered".to_owned()
            ),
            ("promised.9".to_owned(), "unknown_line".to_owned())
        ]
    );
    assert_eq!(
        other.purchase_request(&g.request).expect("r").status(),
        Status::VendorSelected
    );
}

#[test]
fn a_partial_receipt_creates_only_the_assets_that_arrived_with_every_field_linked_both_ways() {
    let (dir, store, ws) = fresh_workspace();
    let (f, po_a, _) = ordered(&ws);
    let outcome = ws
        .receive(
            &f.request,
            &po_a,
            &receipt(vec![scanned("1", &["CN7X001", "CN7X002"])]),
            &day("2027-02-08"),
            &stamp(8),
        )
        .expect("received");
    assert_eq!(outcome.request.status(), Status::PartlyReceived);
    assert_eq!(outcome.assets.len(), 2);
    assert_eq!(ws.asset_count(), 2);
    let line = &outcome.request.receipts[&outcome.receipt].lines[&f.server_line];
    assert_eq!((line.accepted, line.rejected), (2, 0));
    assert_eq!(line.serials, ["CN7X001", "CN7X002"]);
    let ids: Vec<String> = outcome
        .assets
        .iter()
        .map(|r| r.asset.id.to_string())
        .collect();
    assert_eq!(line.assets, ids);
    let order_key = outcome.request.receipts[&outcome.receipt].order.clone();
    let request_number = outcome.request.number.clone();
    let check = |ws: &Workspace| {
        let row = ws
            .asset(&format!("{po_a}-001"))
            .expect("tagged from the order");
        let asset = &row.asset;
        assert_eq!(asset.id.to_string(), ids[0]);
        assert_eq!(asset.asset_type, AssetType::Server);
        assert_eq!(
            (asset.manufacturer.as_str(), asset.model.as_str()),
            ("Dell", "PowerEdge R650")
        );
        assert_eq!(asset.serial, "CN7X001");
        assert_eq!(asset.purchase_date, Some(day("2027-02-08")));
        assert_eq!(
            asset.cost,
            Some(Money {
                amount_minor: 8_800_000,
                currency: Currency::KRW
            })
        );
        assert_eq!(asset.warranty_end, Some(day("2030-02-08")));
        assert_eq!(asset.status, AssetStatus::InStock);
        let purchase = row.purchase.as_ref().expect("the asset names its purchase");
        assert_eq!(purchase.order_number, po_a);
        assert_eq!(purchase.order, order_key);
        assert_eq!(purchase.request, f.request);
        assert_eq!(purchase.request_number, request_number);
        assert_eq!(purchase.receipt, outcome.receipt);
        assert_eq!(purchase.line, f.server_line);
        assert_eq!(purchase.vendor, f.a);
        assert_eq!(purchase.vendor_name, "(주)한빛시스템");
        assert_eq!(
            ws.asset(&format!("{po_a}-002"))
                .expect("second")
                .asset
                .serial,
            "CN7X002"
        );
    };
    check(&ws);
    // The same after a reopen (from the documents' projections) ...
    let id = ws.meta().id;
    drop(ws);
    drop(store);
    let store = crate::store::Store::open(dir.path()).expect("reopen");
    let ws = store.workspace(&id).expect("workspace");
    check(&ws);
    // ... and the last unit continues the numbering; the order is then received whole.
    let outcome = ws
        .receive(
            &f.request,
            &po_a,
            &receipt(vec![scanned("1", &["CN7X003"])]),
            &day("2027-02-09"),
            &stamp(9),
        )
        .expect("rest");
    assert_eq!(outcome.assets[0].asset.asset_tag, format!("{po_a}-003"));
    assert_eq!(
        outcome.request.status(),
        Status::PartlyReceived,
        "the licences are still due"
    );
}

#[test]
fn a_bad_receipt_is_refused_with_every_reason_and_writes_nothing() {
    let (_dir, _store, ws) = fresh_workspace();
    let (f, po_a, po_b) = ordered(&ws);
    ws.register_asset(
        crate::ids::AssetId(ulid::Ulid(77)),
        &AssetInput {
            asset_tag: Some("OLD-1".into()),
            asset_type: Some("server".into()),
            serial: Some("OLD-SN".into()),
            ..Default::default()
        },
        &stamp(7),
    )
    .expect("registered");
    ws.receive(
        &f.request,
        &po_a,
        &receipt(vec![scanned("1", &["S1", "S2"])]),
        &day("2027-02-08"),
        &stamp(8),
    )
    .expect("two arrive");
    // Licence keys are kept on the receipt (no asset): received before, not registered.
    ws.receive(
        &f.request,
        &po_b,
        &receipt(vec![scanned("2", &["LIC-1"])]),
        &day("2027-02-08"),
        &stamp(8),
    )
    .expect("a licence arrives");
    let before = ws.purchase_request(&f.request).expect("r");
    // Four more of the three ordered (two received before): one scanned twice, one in the
    // register already, one received before.
    let error = ws
        .receive(
            &f.request,
            &po_a,
            &receipt(vec![scanned("1", &["S3", "S3", "old-sn ", "lic-1"])]),
            &day("2027-02-09"),
            &stamp(9),
        )
        .expect_err("refused");
    let PurchasingError::Refused(problems) = &error else {
        panic!("{error}")
    };
    let over = problems
        .iter()
        .find(|p| p.code == "over_received")
        .expect("over");
    assert_eq!(
        (
            over.value.as_str(),
            over.detail["ordered"].as_str(),
            over.detail["earlier"].as_str()
        ),
        ("3", "3", "2")
    );
    assert_eq!(problems[1].detail["asset"], "OLD-1");
    assert_eq!(
        codes(error),
        [
            (
                "lines.0.serials.1".to_owned(),
                "duplicate_serial".to_owned()
            ),
            (
                "lines.0.serials.2".to_owned(),
                "serial_registered".to_owned()
            ),
            ("lines.0.serials.3".to_owned(), "serial_received".to_owned()),
            ("lines.0.accepted".to_owned(), "over_received".to_owned()),
        ]
    );
    // Accepted without serials; a line not on this order; a date after today.
    let mut counted = scanned("1", &["S9"]);
    counted.accepted = Some(1);
    counted.serials.clear();
    let mut input = receipt(vec![counted, scanned("2", &[])]);
    input.received_on = "2027-03-01".into();
    assert_eq!(
        codes(
            ws.receive(&f.request, &po_a, &input, &day("2027-02-10"), &stamp(10))
                .expect_err("refused")
        ),
        [
            ("received_on".to_owned(), "received_in_future".to_owned()),
            ("lines.0.serials".to_owned(), "serial_count".to_owned()),
            ("lines.1.line".to_owned(), "unknown_line".to_owned()),
        ]
    );
    // An order of another request.
    let other = ws
        .create_purchase_request(
            ulid::Ulid(200),
            &RequestInput {
                title: "다른 요청".into(),
                lines: vec![LineInput {
                    description: "케이블".into(),
                    quantity: "1".into(),
                    unit_price: "1000".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
            &day("2027-01-04"),
            &stamp(11),
        )
        .expect("other");
    assert_eq!(
        codes(
            ws.receive(
                &other.id,
                &po_b,
                &receipt(vec![]),
                &day("2027-02-10"),
                &stamp(12)
            )
            .expect_err("refused")
        ),
        [("order".to_owned(), "order_of_other_request".to_owned())]
    );
    assert_eq!(ws.purchase_request(&f.request).expect("r"), before);
    assert_eq!(ws.asset_count(), 3);
}

#[test]
fn the_three_way_match_flags_a_short_receipt_and_an_invoice_above_what_arrived() {
    let (_dir, _store, ws) = fresh_workspace();
    let (f, po_a, po_b) = ordered(&ws);
    ws.receive(
        &f.request,
        &po_a,
        &receipt(vec![scanned("1", &["S1", "S2"])]),
        &day("2027-02-08"),
        &stamp(8),
    )
    .expect("two");
    assert_eq!(
        codes(
            ws.set_invoice(&f.request, &po_a, "26,4OO,000", "INV-1", &stamp(9))
                .expect_err("refused")
        ),
        [("amount".to_owned(), "not_a_number".to_owned())]
    );
    ws.set_invoice(&f.request, &po_a, "26,400,000", "INV-1", &stamp(9))
        .expect("invoice");
    let matched = ws.three_way_match(&f.request).expect("match");
    let a = matched.iter().find(|m| m.number == po_a).expect("a");
    assert_eq!(
        (a.ordered_minor, a.received_minor, a.invoiced_minor),
        (26_400_000, 17_600_000, Some(26_400_000))
    );
    assert_eq!(
        a.lines[0]
            .mismatches
            .iter()
            .map(|m| m.code.as_str())
            .collect::<Vec<_>>(),
        ["short_received"]
    );
    assert_eq!(
        a.mismatches
            .iter()
            .map(|m| m.code.as_str())
            .collect::<Vec<_>>(),
        ["invoice_over_received"]
    );
    assert_eq!(
        a.mismatches[0].message,
        "invoiced 26,400,000 is 8,800,000 more than the value received 17,600,000"
    );
    assert!(!a.matched);
    let b = matched.iter().find(|m| m.number == po_b).expect("b");
    assert_eq!(b.mismatches[0].code, "no_invoice");
    // Everything in, invoices equal to the orders: matched; then the request completes.
    ws.receive(
        &f.request,
        &po_a,
        &receipt(vec![scanned("1", &["S3"])]),
        &day("2027-02-09"),
        &stamp(10),
    )
    .expect("third");
    assert_eq!(
        codes(
            ws.complete_purchase_request(&f.request, "", &stamp(11))
                .expect_err("refused")
        ),
        [("reason".to_owned(), "required".to_owned())]
    );
    let mut licences = scanned("2", &[]);
    licences.accepted = Some(10);
    ws.receive(
        &f.request,
        &po_b,
        &receipt(vec![licences]),
        &day("2027-02-09"),
        &stamp(12),
    )
    .expect("licences, no assets");
    assert_eq!(ws.asset_count(), 3, "licences make no asset");
    ws.set_invoice(&f.request, &po_b, "6500000", "INV-2", &stamp(13))
        .expect("invoice b");
    assert!(ws
        .three_way_match(&f.request)
        .expect("m")
        .iter()
        .all(|m| m.matched));
    assert_eq!(
        ws.purchase_request(&f.request).expect("r").status(),
        Status::Received
    );
    let done = ws
        .complete_purchase_request(&f.request, "", &stamp(14))
        .expect("complete");
    assert_eq!(done.status(), Status::Completed);
}

#[test]
fn a_receipt_csv_reads_one_unit_per_row_and_refuses_a_broken_row_by_its_line() {
    let lines = receipt_lines_from_csv(
        "line,serial,rejected\n1,SN-1,\n1,SN-2,\n2,,1\n1,SN-3,\n".as_bytes(),
    )
    .expect("read");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].serials, ["SN-1", "SN-2", "SN-3"]);
    assert_eq!((lines[0].accepted, lines[1].rejected), (None, 1));
    let PurchasingError::Refused(problems) =
        receipt_lines_from_csv("line,serial,rejected\n1,SN-1,\n1,SN-2,x\n".as_bytes())
            .expect_err("refused")
    else {
        panic!("refused")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].code.as_str(), problems[0].line),
        ("not_a_whole_number", Some(3))
    );
    let PurchasingError::Refused(problems) =
        receipt_lines_from_csv("serial\nSN-1\n".as_bytes()).expect_err("refused")
    else {
        panic!("refused")
    };
    assert_eq!(problems[0].code, "missing_columns");
}

/// The figures of the module's worked example: see each assertion's arithmetic.
#[test]
fn vendor_performance_on_hand_worked_numbers_counts_partial_deliveries_and_skips_idle_periods() {
    let (_dir, _store, ws) = fresh_workspace();
    let base = ws
        .create_purchase_request(
            ulid::Ulid(300),
            &RequestInput {
                title: "base".into(),
                lines: vec![
                    LineInput {
                        description: "server".into(),
                        manufacturer: "Dell".into(),
                        part_number: "R650".into(),
                        quantity: "10".into(),
                        unit_price: "1".into(),
                        ..Default::default()
                    },
                    LineInput {
                        description: "switch".into(),
                        manufacturer: "Arista".into(),
                        part_number: "7050".into(),
                        quantity: "4".into(),
                        unit_price: "1".into(),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            },
            &day("2026-10-01"),
            &stamp(1),
        )
        .expect("base");
    let keys: Vec<String> = base
        .ordered_lines()
        .iter()
        .map(|(k, _)| (*k).clone())
        .collect();
    let (l1, l2) = (keys[0].clone(), keys[1].clone());
    let order = |vendor: &str, on: &str, lines: &[(&String, u64, i64, &str)]| Order {
        vendor: vendor.into(),
        number: format!("PO-{on}"),
        ordered_on: on.into(),
        currency: Currency::KRW,
        lines: lines
            .iter()
            .map(|(k, q, p, due)| {
                (
                    (*k).to_owned(),
                    OrderLine {
                        quantity: *q,
                        unit_price_minor: *p,
                        promised_on: (*due).into(),
                    },
                )
            })
            .collect(),
        invoice_minor: None,
        invoice_ref: String::new(),
        by: Person::default(),
        at_ms: 0,
    };
    let got = |order: &str, on: &str, lines: &[(&String, u64, u64)]| Receipt {
        order: order.into(),
        received_on: on.into(),
        lines: lines
            .iter()
            .map(|(k, a, r)| {
                (
                    (*k).to_owned(),
                    ReceiptLine {
                        accepted: *a,
                        rejected: *r,
                        serials: vec![],
                        assets: vec![],
                    },
                )
            })
            .collect(),
        note: String::new(),
        by: Person::default(),
        at_ms: 0,
    };
    let rfq = |sent: &str| Rfq {
        sent_on: sent.into(),
        reply_by: "2027-12-31".into(),
        by: Person::default(),
        at_ms: 0,
    };
    // Before the period: vendor W sold the R650 at 900,000.
    let mut r0: PurchaseRequest = base.clone();
    r0.id = "R0".into();
    r0.orders.insert(
        "O0".into(),
        order("W", "2026-11-01", &[(&l1, 2, 900_000, "2026-11-20")]),
    );
    // In the period: V quoted in 7 days, was ordered 10 R650 at 1,000,000 (promised 02-10)
    // and 4 switches at 500,000 (promised 02-20); 6 arrived (and 1 was rejected) on 02-08,
    // the other 4 servers and the 4 switches on 02-25, late.
    let mut r1: PurchaseRequest = base.clone();
    r1.id = "R1".into();
    r1.rfqs.insert("V".into(), rfq("2027-01-05"));
    let mut q = quote(&[(&l1, 1_000_000), (&l2, 500_000)], 36, 14);
    q.received_on = "2027-01-12".into();
    r1.quotes.insert("V".into(), q);
    r1.orders.insert(
        "O1".into(),
        order(
            "V",
            "2027-01-20",
            &[
                (&l1, 10, 1_000_000, "2027-02-10"),
                (&l2, 4, 500_000, "2027-02-20"),
            ],
        ),
    );
    r1.receipts
        .insert("A".into(), got("O1", "2027-02-08", &[(&l1, 6, 1)]));
    r1.receipts.insert(
        "B".into(),
        got("O1", "2027-02-25", &[(&l1, 4, 0), (&l2, 4, 0)]),
    );
    // Another request for quotation in the period, never answered.
    let mut r2: PurchaseRequest = base.clone();
    r2.id = "R2".into();
    r2.rfqs.insert("V".into(), rfq("2027-02-01"));
    let requests = [r0, r1, r2];
    let q1 = vendor_score(
        &requests,
        "V",
        &day("2027-01-01"),
        &day("2027-03-31"),
        &day("2027-06-30"),
        &ScoreWeights::default(),
    );
    // 6 of the 14 units due were in by their promised date: the 4 late servers do not make
    // the 6 early ones late.
    assert_eq!((q1.on_time.numerator, q1.on_time.denominator), (6.0, 14.0));
    assert_eq!(
        q1.on_time.how,
        "6 units accepted by their promised date ÷ 14 units due from 2027-01-01 to 2027-03-31"
    );
    // 1 rejected of 15 received; 1 of 2 requests for quotation answered, in 7 days.
    assert_eq!(
        (q1.rejection.numerator, q1.rejection.denominator),
        (1.0, 15.0)
    );
    assert_eq!(
        (q1.response_rate.numerator, q1.response_rate.denominator),
        (1.0, 2.0)
    );
    assert_eq!(q1.response_days.value, Some(7.0));
    // Ordered at the quote; 10 × 1,000,000 against 10 × 900,000 last paid: +11.1 %.
    assert_eq!(q1.price_vs_quote.value, Some(0.0));
    assert_eq!(
        (
            q1.price_vs_last_paid.numerator,
            q1.price_vs_last_paid.denominator
        ),
        (1_000_000.0, 9_000_000.0)
    );
    assert_eq!(
        q1.price_vs_last_paid.how,
        "(₩10,000,000 ordered − ₩9,000,000 at the last price paid) ÷ ₩9,000,000, over 1 lines whose part was bought before"
    );
    // (40 × 42.857 + 20 × 88.889 + 20 × 50 + 20 × 93.333) ÷ 100 = 63.587.
    let score = q1.score.expect("scored");
    assert!((score - 63.587).abs() < 0.001, "{score}: {}", q1.score_how);
    // The same, as parts a UI words in its own language: each figure's code and numbers, and
    // the score's weighted terms.
    assert_eq!(q1.on_time.code, FigureCode::OnTime);
    assert_eq!(
        q1.on_time.terms,
        BTreeMap::from([("due".to_owned(), 14), ("on_time".to_owned(), 6)])
    );
    assert_eq!(
        (
            q1.price_vs_last_paid.code,
            q1.price_vs_last_paid.terms["paid_krw"],
            q1.price_vs_last_paid.terms["last_krw"],
            q1.price_vs_last_paid.terms["lines"]
        ),
        (FigureCode::PriceVsLastPaid, 10_000_000, 9_000_000, 1)
    );
    assert_eq!(
        q1.score_terms
            .iter()
            .map(|t| (t.part, t.weight))
            .collect::<Vec<_>>(),
        [
            (ScorePart::OnTime, 40),
            (ScorePart::Price, 20),
            (ScorePart::Response, 20),
            (ScorePart::Quality, 20)
        ]
    );
    assert_eq!(q1.unscored, None);
    // A quarter with no order placed or due is not scored at all.
    let q2 = vendor_score(
        &requests,
        "V",
        &day("2027-04-01"),
        &day("2027-06-30"),
        &day("2027-06-30"),
        &ScoreWeights::default(),
    );
    assert_eq!((q2.score, q2.on_time.value, q2.orders), (None, None, 0));
    assert_eq!(
        (q2.unscored, q2.score_terms.len()),
        (Some(Unscored::NoOrders), 0)
    );
    // Units promised after today are not due yet.
    let early = vendor_score(
        &requests,
        "V",
        &day("2027-01-01"),
        &day("2027-03-31"),
        &day("2027-02-15"),
        &ScoreWeights::default(),
    );
    assert_eq!(
        (early.on_time.numerator, early.on_time.denominator),
        (6.0, 10.0)
    );
}

#[test]
fn the_latest_score_weights_win_and_bad_weights_are_refused() {
    let (_dir, _store, ws) = fresh_workspace();
    assert_eq!(ws.score_weights().on_time, 40);
    ws.set_score_weights(ulid::Ulid(2), 10, 20, 30, 40, &stamp(20))
        .expect("later");
    ws.set_score_weights(ulid::Ulid(1), 50, 50, 0, 0, &stamp(10))
        .expect("earlier");
    let weights = ws.score_weights();
    assert_eq!(
        (
            weights.on_time,
            weights.price,
            weights.response,
            weights.quality
        ),
        (10, 20, 30, 40)
    );
    assert_eq!(
        codes(
            ws.set_score_weights(ulid::Ulid(3), 0, 0, 0, 0, &stamp(30))
                .expect_err("refused")
        ),
        [("on_time".to_owned(), "required".to_owned())]
    );
    assert_eq!(
        codes(
            ws.set_score_weights(ulid::Ulid(3), 101, 0, 0, 0, &stamp(30))
                .expect_err("refused")
        ),
        [("on_time".to_owned(), "over_approval_limit".to_owned())]
    );
}

/// Two devices offline each receive units of the same order: both receipts and all their
/// assets survive the merge on both devices, each asset naming its purchase; what the two
/// received together beyond the order is flagged by the three-way match, and the tags both
/// gave (each numbered on from what it knew) by the register's duplicate-tag check.
#[test]
fn receipts_made_on_two_devices_at_once_both_survive_and_over_receipt_is_flagged() {
    let server = server();
    let mut a = device(&server, "김민준");
    let mut b = device(&server, "이수진");
    let (f, po_a, _) = ordered_by(&a.workspace, &|n| a.stamp(n));
    a.sync();
    b.sync();
    a.workspace
        .receive(
            &f.request,
            &po_a,
            &receipt(vec![scanned("1", &["A-1", "A-2"])]),
            &day("2027-02-08"),
            &a.stamp(20),
        )
        .expect("two on device A");
    b.workspace
        .receive(
            &f.request,
            &po_a,
            &receipt(vec![scanned("1", &["B-1", "B-2"])]),
            &day("2027-02-08"),
            &b.stamp(21),
        )
        .expect("two on device B");
    a.sync();
    b.sync();
    a.sync();
    for device in [&a, &b] {
        let ws = &device.workspace;
        let request = ws.purchase_request(&f.request).expect("request");
        assert_eq!(request.receipts.len(), 2);
        assert_eq!(ws.asset_count(), 4);
        for receipt in request.receipts.values() {
            for id in &receipt.lines[&f.server_line].assets {
                let row = ws.asset(id).expect("the asset the receipt names");
                assert_eq!(
                    row.purchase.as_ref().map(|p| p.order_number.as_str()),
                    Some(po_a.as_str())
                );
            }
        }
        let matched = ws.three_way_match(&f.request).expect("match");
        let line = &matched
            .iter()
            .find(|m| m.number == po_a)
            .expect("order")
            .lines[0];
        assert_eq!(line.mismatches[0].code, "over_received");
        assert_eq!(line.mismatches[0].message, "4 received of 3 ordered");
        assert_eq!(
            ws.index().duplicate_tags().len(),
            2,
            "-001 and -002 given on both devices"
        );
    }
}
