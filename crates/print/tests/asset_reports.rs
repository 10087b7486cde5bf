//! Asset reports of a real demo workspace, printed and read back with pdftotext: Korean
//! column titles on every page, a known asset tag, page numbers, landscape for the inventory.

use cloudwright_core::assets::{AssetQuery, Date};
use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::reports::{Language, ReportKind};
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};
use cloudwright_print::asset_reports::asset_report_pdf;

use crate::util::WrittenPdf;

const TODAY: &str = "2026-11-25";

fn demo(
    dir: &std::path::Path,
    assets: usize,
) -> std::sync::Arc<cloudwright_core::store::Workspace> {
    let store = Store::open(dir).expect("store");
    let meta = store.create_workspace("평택 구축", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let stamp = Stamp::new(Author::new("김민준", "MJ"), 1_764_000_000_000);
    let options = DemoOptions { assets, seed: 7 };
    generate(&ws, &options, &stamp).expect("demo assets");
    ws
}

#[test]
fn the_inventory_prints_landscape_with_korean_headers_on_every_page_and_every_tag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = demo(dir.path(), 150);
    let bytes = asset_report_pdf(
        &ws,
        ReportKind::Inventory,
        &Date(TODAY.into()),
        Language::Korean,
        "2026-11-25 09:00 · 김민준",
    )
    .expect("printed");
    let pdf = WrittenPdf::new(&bytes);
    let pages = pdf.page_count();
    assert!(pages >= 4, "150 rows at about 40 a page: {pages} pages");
    for page in 1..=pages {
        let text = pdf.page_text(page);
        for title in ["자산 태그", "제조사 / 모델", "보증 만료일", "전산실"] {
            assert!(text.contains(title), "page {page} lacks {title}:\n{text}");
        }
        assert!(
            text.contains(&format!("{page} / {pages}")),
            "page {page}:\n{text}"
        );
    }
    let everything = pdf.text();
    assert!(everything.contains("평택 구축 — 자산 목록"), "{everything}");
    let all = ws.query_assets(&AssetQuery::default());
    for row in &all.rows {
        assert!(
            everything.contains(&row.asset.asset_tag),
            "{} is missing",
            row.asset.asset_tag
        );
    }
    let size = pdf.page_size_pt(1);
    assert!(size.0 > size.1, "landscape: {size:?}");
}

#[test]
fn the_location_report_prints_sites_as_headings_and_a_total_in_english() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = demo(dir.path(), 60);
    let bytes = asset_report_pdf(
        &ws,
        ReportKind::ByLocation,
        &Date(TODAY.into()),
        Language::English,
        "2026-11-25 09:00 · Kim",
    )
    .expect("printed");
    let pdf = WrittenPdf::new(&bytes);
    assert_eq!(pdf.page_count(), 1);
    let text = pdf.text();
    for expected in [
        "Assets by location",
        "Room",
        "Share (%)",
        "가산 IDC",
        "Total 60 100.0",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    let size = pdf.page_size_pt(1);
    assert!(size.0 < size.1, "portrait: {size:?}");
}

#[test]
fn an_empty_report_says_so_on_the_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = demo(dir.path(), 5);
    let bytes = asset_report_pdf(
        &ws,
        ReportKind::WarrantyExpiring { days: 0 },
        &Date("2000-01-01".into()),
        Language::Korean,
        "",
    )
    .expect("printed");
    let text = WrittenPdf::new(&bytes).text();
    assert!(text.contains("보증 만료 예정 (0일 이내)"), "{text}");
    assert!(
        text.contains("이 보고서에 해당하는 자산이 없습니다."),
        "{text}"
    );
}
