//! The purchase order (발주서) from a real request in a real store, read back with pdftotext:
//! the order number, the vendor with its business number, each line with its price, amount
//! and promised date, the total; in English the same.

use std::collections::BTreeMap;

use cloudwright_core::assets::{Currency, Date};
use cloudwright_core::purchasing::request::{Order, OrderLine, Person, PurchaseRequest};
use cloudwright_core::purchasing::request_ops::{LineInput, RequestInput};
use cloudwright_core::purchasing::{Vendor, VendorInput};
use cloudwright_core::stamp::{Author, Stamp};
use cloudwright_core::store::Store;
use cloudwright_print::purchase_order::order_report;
use cloudwright_print::racks::Language;

use crate::util::WrittenPdf;

fn ordered() -> (tempfile::TempDir, PurchaseRequest, Order, Vendor) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("평택 구축", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let stamp = Stamp::new(Author::new("김민준", "MJ"), 1);
    let vendor = ws
        .add_vendor(
            ulid::Ulid(1),
            &VendorInput {
                name: "(주)한빛시스템".into(),
                business_number: "2208162517".into(),
                ..Default::default()
            },
            &stamp,
        )
        .expect("vendor");
    let line = |description: &str, part: &str, quantity: &str| LineInput {
        description: description.into(),
        manufacturer: "Dell".into(),
        part_number: part.into(),
        quantity: quantity.into(),
        unit: "EA".into(),
        unit_price: "1".into(),
        ..Default::default()
    };
    let request = ws
        .create_purchase_request(
            ulid::Ulid(100),
            &RequestInput {
                title: "A동 증설 서버".into(),
                department: "인프라팀".into(),
                lines: vec![
                    line("R650 서버", "R650-XS", "3"),
                    line("10G 광모듈", "SFP-10G-SR", "12"),
                ],
                ..Default::default()
            },
            &Date("2027-01-04".into()),
            &stamp,
        )
        .expect("request");
    let keys: Vec<String> = request
        .ordered_lines()
        .iter()
        .map(|(k, _)| (*k).clone())
        .collect();
    let order = Order {
        vendor: vendor.id.clone(),
        number: "PO-2027-7Q2F-1".into(),
        ordered_on: "2027-01-20".into(),
        currency: Currency::KRW,
        lines: BTreeMap::from([
            (
                keys[0].clone(),
                OrderLine {
                    quantity: 3,
                    unit_price_minor: 8_800_000,
                    promised_on: "2027-02-10".into(),
                },
            ),
            (
                keys[1].clone(),
                OrderLine {
                    quantity: 12,
                    unit_price_minor: 45_000,
                    promised_on: "2027-02-03".into(),
                },
            ),
        ]),
        invoice_minor: None,
        invoice_ref: String::new(),
        by: Person::default(),
        at_ms: 2,
    };
    (dir, request, order, vendor)
}

#[test]
fn the_korean_purchase_order_reads_back_with_its_number_vendor_lines_and_total() {
    let (_dir, request, order, vendor) = ordered();
    let report = order_report(
        &request,
        &order,
        &vendor,
        "평택 구축",
        Language::Korean,
        "gen",
    );
    let pdf = WrittenPdf::new(&cloudwright_print::power_report(&report).expect("the PDF"));
    let text = pdf.text();
    for expected in [
        "평택 구축 — 발주서",
        "PO-2027-7Q2F-1",
        "(주)한빛시스템",
        "220-81-62517",
        "R650 서버",
        "Dell R650-XS",
        "8,800,000",
        "26,400,000",
        "2027-02-10",
        "540,000",
        "합계 금액: KRW 26,940,000 (부가가치세 별도)",
        "인프라팀",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

#[test]
fn the_english_purchase_order_says_the_same_in_english() {
    let (_dir, request, order, vendor) = ordered();
    let report = order_report(
        &request,
        &order,
        &vendor,
        "Pyeongtaek build",
        Language::English,
        "gen",
    );
    let pdf = WrittenPdf::new(&cloudwright_print::power_report(&report).expect("the PDF"));
    let text = pdf.text();
    for expected in [
        "Purchase order",
        "Order no.",
        "PO-2027-7Q2F-1",
        "Total: KRW 26,940,000 (VAT excluded)",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}
