//! The purchasing report from a real store: a request quoted by two vendors, the second
//! selected, ordered, and partly received; the report's spend (ordered and received, in won),
//! its cycle times, its CSV and its PDF read back with pdftotext, in Korean and English.

use cloudwright_core::assets::Date;
use cloudwright_core::purchasing::orders::OrderInput;
use cloudwright_core::purchasing::quotes::SelectionInput;
use cloudwright_core::purchasing::quotes_demo::quoted_request;
use cloudwright_core::purchasing::receipts::{ReceiptInput, ReceiptLineInput};
use cloudwright_core::purchasing::reports::report_csv;
use cloudwright_core::stamp::{Author, Stamp};
use cloudwright_core::store::Store;
use cloudwright_print::purchase_report::report_pdf;
use cloudwright_print::racks::Language;

use crate::util::WrittenPdf;

#[test]
fn the_report_adds_up_what_was_ordered_and_received_and_reads_back_from_its_pdf_and_csv() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("평택 구축", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let today = Date("2027-01-20".into());
    // 2027-01-20 in ms, so the stages fall inside the period.
    let at = 1_800_403_200_000;
    let stamp = |n: i64| Stamp::new(Author::new("박팀장", "PT"), at + n);
    let demo = quoted_request(&ws, 2, 2, &today, at).expect("quoted request");
    ws.select_vendor(
        &demo.request,
        &SelectionInput {
            whole: Some(demo.vendors[1].clone()),
            per_line: Vec::new(),
            reason: "최저가".into(),
        },
        &today,
        &stamp(100),
        None,
    )
    .expect("selected");
    let request = ws
        .place_orders(&demo.request, &OrderInput::default(), &today, &stamp(101))
        .expect("ordered");
    let (order_key, order) = request.orders.iter().next().expect("an order");
    // The first line arrives whole; the second not at all.
    let (first, ordered) = order.lines.iter().next().expect("a line");
    let expected_ordered: i64 = order
        .lines
        .values()
        .map(|l| l.quantity as i64 * l.unit_price_minor)
        .sum();
    let expected_received = ordered.quantity as i64 * ordered.unit_price_minor;
    ws.receive(
        &demo.request,
        order_key,
        &ReceiptInput {
            received_on: today.0.clone(),
            note: String::new(),
            lines: vec![ReceiptLineInput {
                line: first.clone(),
                accepted: None,
                rejected: 0,
                serials: (0..ordered.quantity).map(|n| format!("RPT-{n}")).collect(),
            }],
        },
        &today,
        &stamp(102),
    )
    .expect("received");

    let report = ws
        .purchase_report(&Date("2027-01-01".into()), &today, &today)
        .expect("report");
    assert_eq!(report.by_vendor.len(), 1, "{:?}", report.by_vendor);
    let spend = &report.by_vendor[0];
    assert_eq!(spend.label, demo.vendors[1]);
    assert_eq!(spend.ordered_krw, expected_ordered);
    assert_eq!(spend.received_krw, expected_received);
    assert_eq!(report.by_month[0].key, "2027-01");
    let approved = report
        .cycle_times
        .iter()
        .find(|c| c.stage == "submitted_to_approved")
        .expect("a cycle");
    assert_eq!(approved.requests, 1);
    assert!(approved.median_days.is_some());
    let received = report
        .cycle_times
        .iter()
        .find(|c| c.stage == "ordered_to_received")
        .expect("a cycle");
    assert_eq!(received.requests, 0, "partly received is not received");
    // An empty period has nothing, and says so on paper.
    let empty = ws
        .purchase_report(
            &Date("2026-01-01".into()),
            &Date("2026-12-31".into()),
            &today,
        )
        .expect("report");
    assert!(empty.by_vendor.is_empty());

    let csv = String::from_utf8(report_csv(&report).expect("csv")).expect("utf-8");
    assert!(csv.starts_with('\u{feff}'), "Excel's mark first");
    assert!(
        csv.contains(&format!(
            "vendor,{},{},{expected_ordered},{expected_received}",
            spend.key, spend.label
        )),
        "{csv}"
    );
    let korean = WrittenPdf::new(
        &report_pdf(&report, "평택 구축", Language::Korean, "2027-01-20").expect("pdf"),
    );
    let text = korean.text();
    for expected in ["구매 보고서", "업체별 지출", "처리 기간", &demo.vendors[1]] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let won = cloudwright_core::purchasing::request_ops::format_won(expected_ordered);
    assert!(text.contains(&won), "{won} in {text}");
    // How the vendor's score was computed, in Korean: no English part names on a Korean page.
    assert!(
        text.contains("(품질)"),
        "the score's terms in Korean in {text}"
    );
    for english in ["(on time)", "(price)", "(quality)", "not scored"] {
        assert!(!text.contains(english), "{english} in {text}");
    }
    let english = WrittenPdf::new(
        &report_pdf(&empty, "평택 구축", Language::English, "2027-01-20").expect("pdf"),
    );
    let text = english.text();
    assert!(text.contains("Purchasing report"), "{text}");
    assert!(text.contains("No orders in this period"), "{text}");
}
