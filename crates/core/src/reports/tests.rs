//! Every report kind on a small workspace in a real store, compared as text in both
//! languages, and the CSV read back.

use super::*;
use crate::assets::{Asset, AssetStatus, AssetType, Location};
use crate::store::Store;
use crate::{AssetId, Author, Stamp};

/// (tag, type, make, model, status, site, room, rack, unit, owner, bought, warranty end)
type Seed = (
    &'static str,
    AssetType,
    &'static str,
    &'static str,
    AssetStatus,
    &'static str,
    &'static str,
    &'static str,
    Option<u32>,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

const SEEDS: &[Seed] = &[
    (
        "PT1-SRV-10",
        AssetType::Server,
        "Dell",
        "PowerEdge R760",
        AssetStatus::InUse,
        "평택 1센터",
        "전산실 A",
        "A-R02",
        Some(12),
        "인프라운영팀",
        Some("2023-11-25"),
        Some("2026-12-20"),
    ),
    (
        "PT1-SRV-9",
        AssetType::Server,
        "Dell",
        "PowerEdge R760",
        AssetStatus::InUse,
        "평택 1센터",
        "전산실 A",
        "A-R02",
        Some(12),
        "인프라운영팀",
        Some("2025-06-01"),
        Some("2030-06-01"),
    ),
    (
        "PT1-SW-1",
        AssetType::Switch,
        "Arista",
        "7050SX3",
        AssetStatus::Maintenance,
        "평택 1센터",
        "전산실 A",
        "A-R01",
        Some(42),
        "네트워크팀",
        Some("2021-02-10"),
        Some("2026-11-25"),
    ),
    (
        "PT1-STO-3",
        AssetType::Storage,
        "NetApp",
        "AFF A400",
        AssetStatus::InStock,
        "평택 1센터",
        "",
        "",
        None,
        "",
        Some("2019-01-01"),
        Some("2026-10-01"),
    ),
    (
        "GS-FW-1",
        AssetType::Firewall,
        "Fortinet",
        "FortiGate 1800F",
        AssetStatus::Retiring,
        "가산 IDC",
        "3층 전산실",
        "C-R07",
        Some(1),
        "보안팀",
        Some("2020-05-05"),
        Some("2027-01-31"),
    ),
    (
        "GS-PDU-2",
        AssetType::Pdu,
        "",
        "",
        AssetStatus::Disposed,
        "가산 IDC",
        "3층 전산실",
        "",
        None,
        "인프라운영팀",
        None,
        Some("2026-12-01"),
    ),
    (
        "SPARE-1",
        AssetType::Other,
        "Vertiv",
        "KVM",
        AssetStatus::InStock,
        "",
        "",
        "",
        None,
        "",
        None,
        None,
    ),
];

const TODAY: &str = "2026-11-25";

fn seeded(dir: &std::path::Path) -> std::sync::Arc<Workspace> {
    let store = Store::open(dir).expect("store opens");
    let meta = store
        .create_workspace("평택 1센터", 1_764_000_000_000)
        .expect("workspace");
    let ws = store.workspace(&meta.id).expect("workspace opens");
    let assets = SEEDS
        .iter()
        .enumerate()
        .map(|(n, seed)| {
            let mut asset = Asset::blank(AssetId(ulid::Ulid(n as u128 + 1)));
            asset.asset_tag = seed.0.into();
            asset.asset_type = seed.1;
            asset.manufacturer = seed.2.into();
            asset.model = seed.3.into();
            asset.status = seed.4;
            asset.location = Location {
                site: seed.5.into(),
                room: seed.6.into(),
                row: String::new(),
                rack: seed.7.into(),
                unit: seed.8,
            };
            asset.serial = if seed.2.is_empty() {
                String::new()
            } else {
                format!("SN{n}")
            };
            asset.owner = seed.9.into();
            asset.purchase_date = seed.10.map(|d| Date(d.into()));
            asset.warranty_end = seed.11.map(|d| Date(d.into()));
            asset
        })
        .collect();
    let stamp = Stamp::new(Author::new("김민준", "MJ"), 1_764_000_000_000);
    ws.insert_assets(assets, &stamp, "test")
        .expect("assets written");
    ws
}

fn text_of(ws: &Workspace, kind: ReportKind, language: Language) -> String {
    ws.asset_report(kind, &Date(TODAY.into()))
        .expect("report builds")
        .table(language)
        .to_text()
}

#[test]
fn the_inventory_lists_every_asset_by_location_then_tag_in_natural_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = seeded(dir.path());
    assert_eq!(
        text_of(&ws, ReportKind::Inventory, Language::Korean),
        "자산 목록
  기준일: 2026-11-25
  자산 수: 7
| 자산 태그 | 유형 | 제조사 / 모델 | 시리얼 번호 | 상태 | 사이트 | 전산실 | 랙 | U | 담당 | 구매일 | 연식 | 보증 만료일 |
| GS-FW-1 | 방화벽 | Fortinet FortiGate 1800F | SN4 | 폐기 예정 | 가산 IDC | 3층 전산실 | C-R07 | 1 | 보안팀 | 2020-05-05 | 6년 6개월 | 2027-01-31 |
| GS-PDU-2 | 분전반(PDU) |  |  | 폐기 완료 | 가산 IDC | 3층 전산실 |  |  | 인프라운영팀 |  |  | 2026-12-01 |
| PT1-SW-1 | 스위치 | Arista 7050SX3 | SN2 | 유지보수 | 평택 1센터 | 전산실 A | A-R01 | 42 | 네트워크팀 | 2021-02-10 | 5년 9개월 | 2026-11-25 |
| PT1-SRV-9 | 서버 | Dell PowerEdge R760 | SN1 | 사용 중 | 평택 1센터 | 전산실 A | A-R02 | 12 | 인프라운영팀 | 2025-06-01 | 1년 5개월 | 2030-06-01 |
| PT1-SRV-10 | 서버 | Dell PowerEdge R760 | SN0 | 사용 중 | 평택 1센터 | 전산실 A | A-R02 | 12 | 인프라운영팀 | 2023-11-25 | 3년 0개월 | 2026-12-20 |
| PT1-STO-3 | 스토리지 | NetApp AFF A400 | SN3 | 재고 | 평택 1센터 |  |  |  |  | 2019-01-01 | 7년 10개월 | 2026-10-01 |
| SPARE-1 | 기타 | Vertiv KVM | SN6 | 재고 |  |  |  |  |  |  |  |  |
"
    );
}

#[test]
fn the_counting_reports_give_every_group_its_share_and_a_total() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = seeded(dir.path());
    assert_eq!(
        text_of(&ws, ReportKind::ByStatus, Language::Korean),
        "상태별 자산
  기준일: 2026-11-25
  자산 수: 7
| 상태 | 자산 수 | 비율(%) |
| 재고 | 2 | 28.6 |
| 사용 중 | 2 | 28.6 |
| 유지보수 | 1 | 14.3 |
| 폐기 예정 | 1 | 14.3 |
| 폐기 완료 | 1 | 14.3 |
| 분실 | 0 | 0.0 |
= 합계 | 7 | 100.0 =
"
    );
    let by_type = text_of(&ws, ReportKind::ByType, Language::English);
    assert!(by_type.starts_with("Assets by type\n"), "{by_type}");
    assert!(by_type.contains("| Server | 2 | 28.6 |\n| Storage | 1 | 14.3 |\n| Switch | 1 | 14.3 |\n| Router | 0 | 0.0 |"), "{by_type}");
    assert_eq!(
        text_of(&ws, ReportKind::ByLocation, Language::Korean),
        "위치별 자산
  기준일: 2026-11-25
  자산 수: 7
| 전산실 | 자산 수 | 비율(%) |
## 가산 IDC
| 3층 전산실 | 2 | 28.6 |
## 평택 1센터
| 전산실 A | 3 | 42.9 |
| (미지정) | 1 | 14.3 |
## (미지정)
| (미지정) | 1 | 14.3 |
= 합계 | 7 | 100.0 =
"
    );
    assert!(
        text_of(&ws, ReportKind::ByOwner, Language::English).contains(
            "| Owner | Assets | Share (%) |
| 인프라운영팀 | 3 | 42.9 |
| 네트워크팀 | 1 | 14.3 |
| 보안팀 | 1 | 14.3 |
| (none) | 2 | 28.6 |
= Total | 7 | 100.0 ="
        )
    );
    assert!(text_of(&ws, ReportKind::ByAge, Language::Korean).contains(
        "| 연식 | 자산 수 | 비율(%) |
| 1년 미만 | 0 | 0.0 |
| 1–3년 | 1 | 14.3 |
| 3–5년 | 1 | 14.3 |
| 5년 이상 | 3 | 42.9 |
| 알 수 없음 (구매일 없음) | 2 | 28.6 |"
    ));
}

#[test]
fn the_warranty_report_lists_what_ends_from_today_within_the_window_soonest_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = seeded(dir.path());
    // GS-PDU-2 ends inside the window but is disposed; PT1-STO-3 ended before today.
    assert_eq!(
        text_of(&ws, ReportKind::WarrantyExpiring { days: 67 }, Language::Korean),
        "보증 만료 예정 (67일 이내)
  기준일: 2026-11-25
  기간 끝: 2027-01-31
  자산 수: 3
  이미 만료됨 (목록에 없음): 1
  보증 만료일 없음: 1
| 자산 태그 | 유형 | 제조사 / 모델 | 시리얼 번호 | 상태 | 사이트 | 전산실 | 담당 | 보증 만료일 | 남은 일수 |
| PT1-SW-1 | 스위치 | Arista 7050SX3 | SN2 | 유지보수 | 평택 1센터 | 전산실 A | 네트워크팀 | 2026-11-25 | 0 |
| PT1-SRV-10 | 서버 | Dell PowerEdge R760 | SN0 | 사용 중 | 평택 1센터 | 전산실 A | 인프라운영팀 | 2026-12-20 | 25 |
| GS-FW-1 | 방화벽 | Fortinet FortiGate 1800F | SN4 | 폐기 예정 | 가산 IDC | 3층 전산실 | 보안팀 | 2027-01-31 | 67 |
"
    );
    let too_long = ws.asset_report(
        ReportKind::WarrantyExpiring { days: 40_000 },
        &Date(TODAY.into()),
    );
    assert_eq!(too_long, Err(ReportError::WindowTooLong(40_000)));
    let bad_today = ws.asset_report(ReportKind::Inventory, &Date("2026-13-01".into()));
    assert_eq!(bad_today, Err(ReportError::BadToday("2026-13-01".into())));
}

#[test]
fn the_csv_has_a_bom_a_header_the_group_column_on_every_row_and_plain_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = seeded(dir.path());
    let report = ws
        .asset_report(ReportKind::ByLocation, &Date(TODAY.into()))
        .expect("report builds");
    let mut bytes = Vec::new();
    let rows = write_csv(&report, Language::Korean, &mut bytes, true).expect("csv written");
    assert_eq!(rows, 5);
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(
        text,
        "\u{feff}사이트,전산실,자산 수,비율(%)
가산 IDC,3층 전산실,2,28.6
평택 1센터,전산실 A,3,42.9
평택 1센터,(미지정),1,14.3
(미지정),(미지정),1,14.3
합계,합계,7,100.0
"
    );
    let mut plain = Vec::new();
    let report = ws
        .asset_report(ReportKind::Inventory, &Date(TODAY.into()))
        .expect("report builds");
    write_csv(&report, Language::English, &mut plain, false).expect("csv written");
    let plain = String::from_utf8(plain).expect("UTF-8");
    assert!(plain.starts_with("Asset tag,Type,Make / model,"), "{plain}");
    assert!(plain.contains("\nGS-FW-1,Firewall,Fortinet FortiGate 1800F,SN4,Retiring,가산 IDC,"));
}

#[test]
fn kinds_parse_from_their_codes_and_a_table_can_be_cut_to_its_first_rows() {
    for code in ReportKind::CODES {
        let kind = ReportKind::parse(code, 30).expect("a kind");
        assert_eq!(kind.code(), code);
    }
    assert_eq!(ReportKind::parse("by-colour", 30), None);
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = seeded(dir.path());
    let table = ws
        .asset_report(ReportKind::ByLocation, &Date(TODAY.into()))
        .expect("report builds")
        .table(Language::Korean);
    assert_eq!(table.row_count(), 4);
    let cut = table.first_rows(2);
    assert_eq!(cut.row_count(), 2);
    assert_eq!(cut.sections.len(), 2);
}
