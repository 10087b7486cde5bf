//! Purchasing's report on paper (구매 보고서, issue 19), A4 portrait through the power report's
//! table code: the period and the requests by status as the summary, then spend by vendor,
//! by kind, by month and by budget line, cycle times (median and 90th percentile days), the
//! budget lines' use and each vendor's performance with its score; Korean or English.

use cloudwright_core::purchasing::performance::{ScorePart, Unscored, VendorPerformance};
use cloudwright_core::purchasing::reports::{PurchaseReport, SpendRow};
use cloudwright_core::purchasing::request_ops::format_won;

use crate::racks::Language;
use crate::report::table_report;
use crate::sheet::Sheet;
use crate::{PowerReport, PowerRow, PowerSection, PrintError};

fn kind_word(language: Language, code: &str) -> String {
    match code {
        "hardware" => language.pick("하드웨어", "Hardware"),
        "software" => language.pick("소프트웨어", "Software"),
        "licence" => language.pick("라이선스", "Licence"),
        "service" => language.pick("서비스", "Service"),
        other => return other.to_owned(),
    }
    .to_owned()
}

fn stage_word(language: Language, code: &str) -> String {
    match code {
        "submitted_to_approved" => language.pick("상신 → 승인", "Submitted → approved"),
        "approved_to_ordered" => language.pick("승인 → 발주", "Approved → ordered"),
        "ordered_to_received" => language.pick("발주 → 입고", "Ordered → received"),
        "submitted_to_received" => language.pick("상신 → 입고", "Submitted → received"),
        other => return other.to_owned(),
    }
    .to_owned()
}

/// How a vendor's score was computed, in the report's language: core's parts worded here (in
/// English, core's own words made from the same parts).
fn score_words(language: Language, performance: &VendorPerformance) -> String {
    if language == Language::English {
        return performance.score_how.clone();
    }
    let (Some(score), None) = (performance.score, performance.unscored) else {
        return match performance.unscored {
            Some(Unscored::NoOrders) => "점수 없음: 기간 중 발주도 납기도 없었습니다",
            _ => "점수 없음: 가중치가 있는 지표에 값이 없습니다",
        }
        .to_owned();
    };
    let terms: Vec<String> = performance
        .score_terms
        .iter()
        .map(|term| {
            let part = match term.part {
                ScorePart::OnTime => "납기",
                ScorePart::Price => "가격",
                ScorePart::Response => "응답",
                ScorePart::Quality => "품질",
            };
            format!("{} × {:.1} ({part})", term.weight, term.score)
        })
        .collect();
    let total: u32 = performance.score_terms.iter().map(|term| term.weight).sum();
    format!("({}) ÷ {total} = {score:.1}", terms.join(" + "))
}

fn spend_section(
    language: Language,
    title: String,
    rows: &[SpendRow],
    kinds: bool,
) -> PowerSection {
    PowerSection {
        title,
        columns: vec![
            language.pick("구분", "Item").to_owned(),
            language.pick("발주 (원)", "Ordered (KRW)").to_owned(),
            language.pick("입고 (원)", "Received (KRW)").to_owned(),
            language.pick("품목 수", "Lines").to_owned(),
        ],
        rows: rows
            .iter()
            .map(|row| PowerRow {
                name: if kinds {
                    kind_word(language, &row.label)
                } else {
                    row.label.clone()
                },
                cells: vec![
                    format_won(row.ordered_krw),
                    format_won(row.received_krw),
                    row.lines.to_string(),
                ],
                group_heading: false,
            })
            .collect(),
        findings: if rows.is_empty() {
            vec![language
                .pick("이 기간에 발주가 없습니다", "No orders in this period")
                .to_owned()]
        } else {
            Vec::new()
        },
    }
}

fn vendor_name(report: &PurchaseReport, id: &str) -> String {
    report
        .vendor_names
        .get(id)
        .cloned()
        .unwrap_or_else(|| id.to_owned())
}

/// The report as the table model, every string formatted and translated.
pub fn report_model(
    report: &PurchaseReport,
    workspace: &str,
    language: Language,
    generated: &str,
) -> PowerReport {
    let days = |d: Option<f64>| d.map_or_else(|| "—".to_owned(), |d| format!("{d:.1}"));
    let ordered: i64 = report.by_vendor.iter().map(|r| r.ordered_krw).sum();
    let received: i64 = report.by_vendor.iter().map(|r| r.received_krw).sum();
    let mut summary = vec![
        (
            language.pick("작업 공간", "Workspace").to_owned(),
            workspace.to_owned(),
        ),
        (
            language.pick("기간", "Period").to_owned(),
            format!("{} ~ {}", report.from, report.until),
        ),
        (
            language.pick("발주 합계", "Ordered in all").to_owned(),
            format!("₩{}", format_won(ordered)),
        ),
        (
            language.pick("입고 합계", "Received in all").to_owned(),
            format!("₩{}", format_won(received)),
        ),
    ];
    if !report.statuses.is_empty() {
        let counts: Vec<String> = report
            .statuses
            .iter()
            .map(|(status, count)| format!("{status} {count}"))
            .collect();
        summary.push((
            language
                .pick("상신된 요청", "Requests submitted")
                .to_owned(),
            counts.join(", "),
        ));
    }
    let mut sections = vec![
        spend_section(
            language,
            language.pick("업체별 지출", "Spend by vendor").to_owned(),
            &report.by_vendor,
            false,
        ),
        spend_section(
            language,
            language.pick("종류별 지출", "Spend by kind").to_owned(),
            &report.by_kind,
            true,
        ),
        spend_section(
            language,
            language.pick("월별 지출", "Spend by month").to_owned(),
            &report.by_month,
            false,
        ),
        spend_section(
            language,
            language
                .pick("예산 항목별 지출", "Spend by budget line")
                .to_owned(),
            &report.by_budget,
            false,
        ),
    ];
    sections.push(PowerSection {
        title: language
            .pick("처리 기간 (일)", "Cycle times (days)")
            .to_owned(),
        columns: vec![
            language.pick("구간", "Stage").to_owned(),
            language.pick("중앙값", "Median").to_owned(),
            language.pick("90 백분위", "90th percentile").to_owned(),
            language.pick("요청 수", "Requests").to_owned(),
        ],
        rows: report
            .cycle_times
            .iter()
            .map(|cycle| PowerRow {
                name: stage_word(language, &cycle.stage),
                cells: vec![
                    days(cycle.median_days),
                    days(cycle.p90_days),
                    cycle.requests.to_string(),
                ],
                group_heading: false,
            })
            .collect(),
        findings: Vec::new(),
    });
    sections.push(PowerSection {
        title: language.pick("예산 사용", "Budget use").to_owned(),
        columns: vec![
            language.pick("예산 항목", "Budget line").to_owned(),
            language.pick("예산 (원)", "Amount (KRW)").to_owned(),
            language.pick("약정 (원)", "Committed (KRW)").to_owned(),
            language.pick("집행 (원)", "Spent (KRW)").to_owned(),
            language.pick("잔액 (원)", "Available (KRW)").to_owned(),
            language.pick("사용률", "Used").to_owned(),
        ],
        rows: report
            .budgets
            .iter()
            .map(|used| PowerRow {
                name: used.budget.title(),
                cells: vec![
                    format_won(used.budget.amount_krw),
                    format_won(used.committed_krw),
                    format_won(used.spent_krw),
                    format_won(used.available_krw),
                    used.utilisation_pct
                        .map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%")),
                ],
                group_heading: false,
            })
            .collect(),
        findings: Vec::new(),
    });
    sections.push(PowerSection {
        title: language.pick("업체 평가", "Vendor performance").to_owned(),
        columns: vec![
            language.pick("업체", "Vendor").to_owned(),
            language.pick("발주", "Orders").to_owned(),
            language.pick("점수", "Score").to_owned(),
        ],
        rows: report
            .vendors
            .iter()
            .map(|performance| PowerRow {
                name: vendor_name(report, &performance.vendor),
                cells: vec![
                    performance.orders.to_string(),
                    performance
                        .score
                        .map_or_else(|| "—".to_owned(), |s| format!("{s:.1}")),
                ],
                group_heading: false,
            })
            .collect(),
        findings: report
            .vendors
            .iter()
            .map(|p| {
                format!(
                    "{}: {}",
                    vendor_name(report, &p.vendor),
                    score_words(language, p)
                )
            })
            .collect(),
    });
    PowerReport {
        title: language.pick("구매 보고서", "Purchasing report").to_owned(),
        generated: generated.to_owned(),
        summary,
        sections,
    }
}

/// The report as a PDF.
pub fn report_pdf(
    report: &PurchaseReport,
    workspace: &str,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, PrintError> {
    table_report(
        &report_model(report, workspace, language, generated),
        &Sheet::PORTRAIT,
    )
}
