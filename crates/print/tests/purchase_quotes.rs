//! Quotation on paper, from a real store: the request for quotation to one vendor and the
//! comparison of the quotes, read back with pdftotext (Hangul, the vendors, the totals), in
//! Korean and English; ten vendors split into tables of four on landscape pages.

use cloudwright_core::assets::Date;
use cloudwright_core::purchasing::quotes::format_minor;
use cloudwright_core::purchasing::quotes_demo::{quoted_request, QuoteDemo};
use cloudwright_core::purchasing::request_ops::format_won;
use cloudwright_core::store::{Store, Workspace};
use cloudwright_print::purchase_quotes::{comparison_pdf, rfq_pdf, QuotePrintError};
use cloudwright_print::racks::Language;

use crate::util::WrittenPdf;

fn today() -> Date {
    Date("2027-01-10".into())
}

fn quoted(
    dir: &std::path::Path,
    vendors: usize,
    lines: usize,
) -> (Store, std::sync::Arc<Workspace>, QuoteDemo) {
    let store = Store::open(dir).expect("store");
    let meta = store.create_workspace("평택 구축", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let demo = quoted_request(&ws, vendors, lines, &today(), 1_800_000_000_000).expect("quoted");
    (store, ws, demo)
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn the_rfq_names_both_parties_the_lines_and_the_reply_by_date_in_korean_and_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_store, ws, demo) = quoted(dir.path(), 2, 5);
    let vendor = ws.vendor(&demo.vendors[1]).expect("vendor");
    let pdf = rfq_pdf(
        &ws,
        &demo.request,
        &vendor.name,
        Language::Korean,
        "2027-01-10 김민준",
    )
    .expect("the RFQ");
    let written = WrittenPdf::new(&pdf);
    let (width, height) = written.page_size_pt(1);
    assert!(width < height, "portrait: {width} × {height}");
    let text = written.text();
    assert!(has_hangul(&text), "{text}");
    let request = ws.purchase_request(&demo.request).expect("request");
    for expected in [
        "평택 구축 — 견적요청서",
        "견적업체 02",
        vendor.business_number.as_str(),
        "인프라팀",
        "김민준",
        request.number.as_str(),
        "회신 기한",
        "2027-01-17",
        "서버 노드 001",
        "서버 노드 005",
        "R760-003",
        "하드웨어",
        "까지 회신하여 주시기 바랍니다",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // Our estimate is not the vendor's business.
    assert!(!text.contains(&format_won(request.total_krw())), "{text}");
    let english = WrittenPdf::new(
        &rfq_pdf(&ws, &demo.request, &vendor.id, Language::English, "g").expect("the RFQ"),
    )
    .text();
    for expected in [
        "Request for quotation",
        "Reply by",
        "Hardware",
        "견적업체 02",
    ] {
        assert!(
            english.contains(expected),
            "{expected} missing from:\n{english}"
        );
    }
}

#[test]
fn no_rfq_is_printed_for_a_vendor_not_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_store, ws, demo) = quoted(dir.path(), 1, 2);
    ws.add_vendor(
        ulid::Ulid::new(),
        &cloudwright_core::purchasing::VendorInput {
            name: "묻지않은업체".into(),
            business_number: cloudwright_core::purchasing::quotes_demo::demo_business_number(77),
            ..Default::default()
        },
        &cloudwright_core::Stamp::new(cloudwright_core::Author::new("김민준", "MJ"), 1),
    )
    .expect("vendor");
    assert!(matches!(
        rfq_pdf(&ws, &demo.request, "묻지않은업체", Language::Korean, "g"),
        Err(QuotePrintError::NoRfq(name)) if name == "묻지않은업체"
    ));
}

#[test]
fn the_comparison_prints_vendors_as_columns_with_their_totals_and_the_best_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_store, ws, demo) = quoted(dir.path(), 3, 8);
    let comparison = ws
        .quote_comparison(&demo.request, &today())
        .expect("comparison");
    let pdf = comparison_pdf(&ws, &demo.request, &today(), Language::Korean, "g").expect("PDF");
    let written = WrittenPdf::new(&pdf);
    let (width, height) = written.page_size_pt(1);
    assert!(width > height, "landscape: {width} × {height}");
    let text = written.text();
    assert!(has_hangul(&text));
    for expected in [
        "평택 구축 — 견적 비교표",
        "견적업체 01 단가 (USD)",
        "견적업체 02 단가 (KRW)",
        "견적업체 03",
        "금액 (원)",
        "합계 (원)",
        "미견적 품목",
        "월말 마감 익월 말 현금",
        "환율 USD 1,385.2",
        "★",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    for vendor in &comparison.vendors {
        let total = format_won(vendor.total_krw);
        assert!(
            text.contains(&total),
            "{}'s total {total} missing:\n{text}",
            vendor.name
        );
    }
    let dollars = &comparison.vendors[0];
    assert!(text.contains(&format!(
        "USD {}",
        format_minor(dollars.total_minor, dollars.currency)
    )));
    // The third vendor left line 7 out.
    assert_eq!(comparison.vendors[2].missing, [demo.lines[6].clone()]);
    let english = WrittenPdf::new(
        &comparison_pdf(&ws, &demo.request, &today(), Language::English, "g").expect("PDF"),
    )
    .text();
    for expected in [
        "Quote comparison",
        "Total (KRW)",
        "Lines not quoted",
        "Lead time",
    ] {
        assert!(
            english.contains(expected),
            "{expected} missing from:\n{english}"
        );
    }
}

#[test]
fn ten_vendors_are_split_into_tables_of_four_each_repeating_the_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_store, ws, demo) = quoted(dir.path(), 10, 12);
    let written = WrittenPdf::new(
        &comparison_pdf(&ws, &demo.request, &today(), Language::Korean, "g").expect("PDF"),
    );
    let text = written.text();
    for expected in [
        "견적 비교 (업체 1–4 / 10)",
        "견적 비교 (업체 5–8 / 10)",
        "견적 비교 (업체 9–10 / 10)",
        "견적업체 10",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert_eq!(
        text.matches("서버 노드 012").count(),
        3,
        "each table lists every line"
    );
}
