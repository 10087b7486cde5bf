//! Power reports, read back as text with word positions.

use cloudwright_print::{power_report, PowerReport, PowerRow, PowerSection};

use crate::util::{ink_fraction, WrittenPdf};

fn report(rows: usize) -> PowerReport {
    PowerReport {
        title: "전력 예산 보고서".into(),
        generated: "2026-11-25 14:00 · 홍길동".into(),
        summary: vec![
            ("랙 수".into(), format!("{rows}")),
            ("계약 전력".into(), "1,200 kW".into()),
            ("최대 부하 랙".into(), "A-R07 (92%)".into()),
        ],
        sections: vec![
            PowerSection {
                title: "랙별 전력".into(),
                columns: vec!["랙".into(), "부하(W)".into(), "용량(W)".into(), "상태".into()],
                rows: (0..rows)
                    .map(|i| PowerRow {
                        group_heading: false,
                        name: format!("R{i:03}"),
                        cells: vec![
                            format!("{}", 150 + (i * 37) % 9000),
                            "7,400".into(),
                            if i % 7 == 0 { "주의".into() } else { "정상".into() },
                        ],
                    })
                    .collect(),
                findings: vec![
                    "R007 부하가 정격의 92%입니다: A/B 급전 중 하나가 끊기면 차단기가 내려갈 수 있으니 \
                     부하를 다른 랙으로 옮기십시오"
                        .into(),
                    "R014 발열이 냉각 용량을 넘습니다".into(),
                ],
            },
            PowerSection {
                title: "급전별 부하".into(),
                columns: vec!["급전".into(), "L1".into(), "L2".into(), "L3".into()],
                rows: vec![PowerRow {
                    group_heading: false,
                    name: "PDU-A".into(),
                    cells: vec!["12.1 A".into(), "11.8 A".into(), "—".into()],
                }],
                findings: Vec::new(),
            },
        ],
    }
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let pdf = WrittenPdf::new(&power_report(&report(300)).expect("report renders"));
    let pages = pdf.page_count();
    assert!(pages >= 5, "300 rows on {pages} pages");
    for page in 1..=pages {
        let text = pdf.page_text(page);
        assert!(
            text.contains(&format!("{page} / {pages}")),
            "page {page} has no page number"
        );
        if page < pages {
            assert!(
                text.contains("랙별 전력"),
                "page {page} lacks the section title:\n{text}"
            );
            assert!(
                text.contains("부하(W)") && text.contains("용량(W)") && text.contains("상태"),
                "page {page} lacks the header row:\n{text}"
            );
        }
    }
    let all = pdf.text();
    for row in ["R000", "R150", "R299"] {
        assert!(all.contains(row), "row {row} is missing");
    }
    assert!(pdf.page_text(1).contains("계약 전력") && pdf.page_text(1).contains("1,200 kW"));
    let last = pdf.page_text(pages);
    assert!(
        last.contains("급전별 부하") && last.contains("PDU-A"),
        "{last}"
    );
    assert!(all.contains("R014 발열이 냉각 용량을 넘습니다"));
    for page in pdf.render_pages() {
        assert!(ink_fraction(&page) > 0.01);
    }
}

#[test]
fn numbers_are_right_aligned_and_names_left_aligned() {
    let pdf = WrittenPdf::new(&power_report(&report(40)).expect("report renders"));
    let words = pdf.page_words(1);
    let loads: Vec<_> = (0..40)
        .map(|i| format!("{}", 150 + (i * 37) % 9000))
        .filter_map(|load| words.iter().find(|word| word.text == load))
        .collect();
    assert!(loads.len() > 10, "found {} load cells", loads.len());
    let right_edges = loads.iter().map(|word| word.x_max);
    let spread =
        right_edges.clone().fold(f32::MIN, f32::max) - right_edges.fold(f32::MAX, f32::min);
    assert!(spread < 0.5, "right edges of numbers differ by {spread} pt");
    let left_edges: Vec<f32> = loads.iter().map(|word| word.x_min).collect();
    let left_spread = left_edges.iter().cloned().fold(f32::MIN, f32::max)
        - left_edges.iter().cloned().fold(f32::MAX, f32::min);
    assert!(
        left_spread > 3.0,
        "numbers of different lengths start at the same x"
    );

    // The first occurrence of each row name is its table cell (R007 also opens a finding).
    let names: Vec<_> = (0..40)
        .filter_map(|i| words.iter().find(|word| word.text == format!("R{i:03}")))
        .collect();
    let name_spread = names.iter().map(|w| w.x_min).fold(f32::MIN, f32::max)
        - names.iter().map(|w| w.x_min).fold(f32::MAX, f32::min);
    assert!(
        names.len() > 10 && name_spread < 0.5,
        "names are not left-aligned"
    );
}

#[test]
fn a_short_report_fits_one_page() {
    let pdf = WrittenPdf::new(&power_report(&report(5)).expect("report renders"));
    assert_eq!(pdf.page_count(), 1);
    let text = pdf.text();
    assert!(
        text.contains("전력 예산 보고서") && text.contains("1 / 1"),
        "{text}"
    );
}
