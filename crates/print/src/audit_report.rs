//! An audit on paper: the title (workspace, audit, scope), who started and closed it, the
//! counts and the accuracy, then the discrepancy list with the correction each asks for and
//! whether it was applied. Drawn by the power report's table code ([`crate::power_report`]).

use cloudwright_core::assets::{AssetStatus, Location};
use cloudwright_core::audits::{AuditSummary, Correction, Discrepancy, Outcome};
use cloudwright_core::stamp::UtcTime;

use crate::racks::Language;
use crate::{power_report, PowerReport, PowerRow, PowerSection, PrintError};

/// The audit report as a PDF.
pub fn audit_report_pdf(
    workspace_name: &str,
    summary: &AuditSummary,
    discrepancies: &[Discrepancy],
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, PrintError> {
    power_report(&audit_report(
        workspace_name,
        summary,
        discrepancies,
        language,
        generated,
    ))
}

pub fn audit_report(
    workspace_name: &str,
    summary: &AuditSummary,
    discrepancies: &[Discrepancy],
    language: Language,
    generated: &str,
) -> PowerReport {
    let audit = &summary.audit;
    let counts = &summary.counts;
    let closed = audit.closed.is_some();
    let pick = |ko: &'static str, en: &'static str| language.pick(ko, en).to_owned();
    let accuracy = if counts.expected == 0 {
        "—".to_owned()
    } else {
        let exact = counts.expected.saturating_sub(
            discrepancies
                .iter()
                .filter(|d| d.outcome != Outcome::Unexpected)
                .count() as u32,
        );
        format!(
            "{:.1} %",
            f64::from(exact) * 100.0 / f64::from(counts.expected)
        )
    };
    let when = |ms: i64| UtcTime::from_ms(ms).to_string();
    let summary_lines = vec![
        (pick("범위", "Scope"), scope_text(&audit.scope, language)),
        (
            pick("시작", "Started"),
            format!("{} · {}", when(audit.started_at_ms), audit.started_by),
        ),
        (
            pick("종료", "Closed"),
            audit.closed.as_ref().map_or_else(
                || pick("진행 중", "open"),
                |end| format!("{} · {}", when(end.at_ms), end.by),
            ),
        ),
        (pick("대상 자산", "Expected"), counts.expected.to_string()),
        (pick("확인", "Checked"), counts.checked.to_string()),
        (pick("일치", "Found as recorded"), counts.found.to_string()),
        (
            pick("불일치", "Discrepancies"),
            counts.discrepancies(closed).to_string(),
        ),
        (pick("정확도", "Accuracy"), accuracy),
        (
            pick("반영된 정정", "Corrections applied"),
            counts.applied.to_string(),
        ),
    ];
    let columns = [
        ("자산 태그", "Asset tag"),
        ("모델", "Model"),
        ("결과", "Outcome"),
        ("기록상 위치", "Recorded at"),
        ("실제", "Actually"),
        ("정정", "Correction"),
        ("반영", "Applied"),
        ("메모", "Note"),
    ]
    .iter()
    .map(|(ko, en)| pick(ko, en))
    .collect();
    let rows = discrepancies
        .iter()
        .map(|d| PowerRow {
            name: if d.tag.is_empty() {
                "—".into()
            } else {
                d.tag.clone()
            },
            cells: vec![
                d.model.clone(),
                outcome_text(d, language),
                d.recorded.as_ref().map(place_text).unwrap_or_default(),
                match (&d.actual, d.actual_status) {
                    (_, Some(status)) => status_text(status, language),
                    (Some(actual), None) => place_text(actual),
                    _ => String::new(),
                },
                correction_text(&d.correction, language),
                d.applied
                    .as_ref()
                    .map(|a| format!("{} · {}", UtcTime::from_ms(a.at_ms), a.by))
                    .unwrap_or_default(),
                d.note.clone(),
            ],
            group_heading: false,
        })
        .collect();
    PowerReport {
        title: format!(
            "{workspace_name} — {} · {}",
            pick("자산 실사 보고서", "Asset audit report"),
            audit.name
        ),
        generated: generated.to_owned(),
        summary: summary_lines,
        sections: vec![PowerSection {
            title: pick("불일치 목록", "Discrepancies"),
            columns,
            rows,
            findings: if discrepancies.is_empty() {
                vec![pick(
                    "불일치가 없습니다: 기록과 현장이 일치합니다",
                    "No discrepancies: the floor matches the records",
                )]
            } else {
                Vec::new()
            },
        }],
    }
}

fn scope_text(scope: &cloudwright_core::audits::AuditScope, language: Language) -> String {
    if scope.filter.is_some() {
        return language.pick("저장된 필터", "saved filter").to_owned();
    }
    let mut parts: Vec<String> = [&scope.site, &scope.room]
        .into_iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect();
    if !scope.rows.is_empty() {
        parts.push(format!(
            "{} {}",
            language.pick("열", "rows"),
            scope.rows.join(", ")
        ));
    }
    if !scope.racks.is_empty() {
        parts.push(format!(
            "{} {}",
            language.pick("랙", "racks"),
            scope.racks.join(", ")
        ));
    }
    parts.join(" / ")
}

fn place_text(location: &Location) -> String {
    let mut parts: Vec<String> = [&location.room, &location.rack]
        .into_iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect();
    if let Some(unit) = location.unit {
        parts.push(format!("U{unit}"));
    }
    parts.join(" / ")
}

fn outcome_text(d: &Discrepancy, language: Language) -> String {
    let text = match d.outcome {
        Outcome::Found => language.pick("일치", "found"),
        Outcome::Missing if d.unchecked => language.pick("미확인(분실)", "not checked (missing)"),
        Outcome::Missing => language.pick("분실", "missing"),
        Outcome::FoundElsewhere => language.pick("다른 위치", "found elsewhere"),
        Outcome::WrongStatus => language.pick("상태 불일치", "wrong status"),
        Outcome::Unexpected if d.registered => {
            language.pick("미등록(현장 등록)", "unexpected (registered)")
        }
        Outcome::Unexpected => language.pick("예상 외", "unexpected"),
    };
    text.to_owned()
}

fn status_text(status: AssetStatus, language: Language) -> String {
    let (ko, en) = match status {
        AssetStatus::InStock => ("재고", "in stock"),
        AssetStatus::InUse => ("사용 중", "in use"),
        AssetStatus::Maintenance => ("유지보수", "maintenance"),
        AssetStatus::Retiring => ("폐기 예정", "retiring"),
        AssetStatus::Disposed => ("폐기 완료", "disposed"),
        AssetStatus::Missing => ("분실", "missing"),
    };
    language.pick(ko, en).to_owned()
}

fn correction_text(correction: &Correction, language: Language) -> String {
    match correction {
        Correction::None => "—".into(),
        Correction::SetStatus { status } => format!(
            "{} → {}",
            language.pick("상태", "status"),
            status_text(*status, language)
        ),
        Correction::SetLocation { location } => format!(
            "{} → {}",
            language.pick("위치", "location"),
            place_text(location)
        ),
    }
}
