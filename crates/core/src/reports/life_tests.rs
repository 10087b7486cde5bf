//! The lifecycle reports on a real store: maintenance cost per asset and per type, the
//! disposal rate per year and audit accuracy, as the words a user reads.

use super::*;
use crate::lifecycle::Step;
use crate::lifecycle::*;
use crate::testkit::{fresh_workspace, register, stamp};

fn day(text: &str) -> Date {
    Date(text.into())
}

fn text(ws: &Workspace, kind: ReportKind) -> String {
    ws.asset_report(kind, &day("2026-12-06"))
        .expect("report")
        .table(Language::Korean)
        .to_text()
}

fn maintain(ws: &Workspace, tag: &str, key: u128, cost: &str, currency: &str) {
    let input = MaintenanceInput {
        kind: "repair".into(),
        on: "2026-05-01".into(),
        cost: cost.into(),
        currency: currency.into(),
        ..MaintenanceInput::default()
    };
    ws.life_step(
        tag,
        Step::Maintain(&input),
        ulid::Ulid(key),
        &day("2026-05-01"),
        &stamp(10),
    )
    .expect("maintained");
}

#[test]
fn maintenance_cost_per_asset_and_per_type_sums_each_currency() {
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-SRV-0001");
    register(&ws, 2, "PT1-SRV-0002");
    register(&ws, 3, "PT1-SRV-0003");
    maintain(&ws, "PT1-SRV-0001", 10, "1,250,000", "KRW");
    maintain(&ws, "PT1-SRV-0001", 11, "300,000", "KRW");
    maintain(&ws, "PT1-SRV-0002", 12, "2,000,000", "KRW");
    maintain(&ws, "PT1-SRV-0002", 13, "99.50", "USD");
    let by_asset = text(&ws, ReportKind::MaintenanceCostByAsset);
    assert_eq!(
        by_asset,
        "자산별 유지보수 비용\n  기준일: 2026-12-06\n  자산 수: 2\n\
         | 자산 태그 | 유형 | 제조사 / 모델 | 유지보수 건수 | 비용 |\n\
         | PT1-SRV-0002 | 서버 | (미지정) | 2 | 2,000,000 KRW + 99.50 USD |\n\
         | PT1-SRV-0001 | 서버 | (미지정) | 2 | 1,550,000 KRW |\n\
         = 합계 |  |  | 4 | 3,550,000 KRW + 99.50 USD =\n"
    );
    let by_type = text(&ws, ReportKind::MaintenanceCostByType);
    assert!(
        by_type.contains("| 서버 | 2 | 4 | 3,550,000 KRW + 99.50 USD |"),
        "{by_type}"
    );
}

#[test]
fn the_disposal_rate_counts_assets_held_in_the_year() {
    let (_dir, _store, ws) = fresh_workspace();
    for n in 1..=4 {
        register(&ws, n, &format!("PT1-PP-{n:04}"));
        let kind = crate::assets::AssetInput {
            asset_type: Some("patch_panel".into()),
            purchase_date: Some("2024-01-10".into()),
            ..crate::assets::AssetInput::default()
        };
        ws.edit_asset(crate::AssetId(ulid::Ulid(n)), &kind, &stamp(6))
            .expect("type");
    }
    let step = |tag: &str, s: Step, who: &str| {
        ws.life_step(
            tag,
            s,
            ulid::Ulid(77),
            &day("2026-03-01"),
            &crate::Stamp::new(crate::Author::from_name(who), 20),
        )
        .expect("step");
    };
    let request = DisposalRequestInput {
        reason: "노후".into(),
        on: String::new(),
    };
    let approve = DisposalDecisionInput {
        approve: true,
        note: String::new(),
        on: String::new(),
    };
    let done = DisposeInput {
        on: "2026-03-02".into(),
        vendor: "그린리사이클".into(),
        batch: "B1".into(),
    };
    step("PT1-PP-0001", Step::RequestDisposal(&request), "kim");
    step("PT1-PP-0001", Step::DecideDisposal(&approve, None), "park");
    step("PT1-PP-0001", Step::Dispose(&done), "kim");
    let report = text(&ws, ReportKind::DisposalRate);
    assert!(report.contains("| 2026 | 1 | 4 | 25.0 |"), "{report}");
}

#[test]
fn audit_accuracy_lists_closed_audits_with_their_discrepancies() {
    let (_dir, _store, ws) = fresh_workspace();
    for n in 1..=4 {
        let id = register(&ws, n, &format!("PT1-SRV-{n:04}"));
        let place = crate::assets::AssetInput {
            site: Some("평택".into()),
            room: Some("A".into()),
            rack: Some("R1".into()),
            ..crate::assets::AssetInput::default()
        };
        ws.edit_asset(id, &place, &stamp(6)).expect("placed");
    }
    let scope = crate::audits::AuditScope {
        site: "평택".into(),
        room: "A".into(),
        racks: vec!["R1".into()],
        ..Default::default()
    };
    let audit = ws
        .start_audit(ulid::Ulid(90), "R1 실사", scope, &stamp(1_764_979_200_000))
        .expect("start")
        .audit
        .id;
    for tag in ["PT1-SRV-0001", "PT1-SRV-0002", "PT1-SRV-0003"] {
        ws.audit_scan(&audit, tag, &stamp(1_764_979_300_000))
            .expect("scan");
    }
    assert!(
        !text(&ws, ReportKind::AuditAccuracy).contains("R1 실사"),
        "an open audit is not listed"
    );
    ws.close_audit(&audit, &stamp(1_765_000_000_000))
        .expect("close");
    let report = text(&ws, ReportKind::AuditAccuracy);
    assert!(
        report.contains("| R1 실사 | 2025-12-06 | 4 | 1 | 75.0 |"),
        "{report}"
    );
}
