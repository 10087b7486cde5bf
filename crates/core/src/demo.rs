//! A realistic, deterministic demo workspace: a Korean cloud build-out with its servers,
//! switches, storage, firewalls, PDUs and patch panels spread over sites, rooms and racks.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::assets::input::days_in_month;
use crate::assets::model::{Asset, AssetStatus, AssetType, Currency, Date, Location, Money};
use crate::assets::{AssetError, AssetRow};
use crate::ids::AssetId;
use crate::stamp::Stamp;
use crate::store::Workspace;

pub struct DemoOptions {
    pub assets: usize,
    pub seed: u64,
}

/// (type, tag code, manufacturer, model, price in won, weight among all assets)
const CATALOGUE: &[(AssetType, &str, &str, &str, i64, u32)] = &[
    (
        AssetType::Server,
        "SRV",
        "Dell",
        "PowerEdge R760",
        18_500_000,
        22,
    ),
    (
        AssetType::Server,
        "SRV",
        "Dell",
        "PowerEdge R660",
        14_200_000,
        14,
    ),
    (
        AssetType::Server,
        "SRV",
        "HPE",
        "ProLiant DL380 Gen11",
        17_900_000,
        14,
    ),
    (
        AssetType::Server,
        "SRV",
        "Lenovo",
        "ThinkSystem SR650 V3",
        16_300_000,
        10,
    ),
    (
        AssetType::Server,
        "GPU",
        "Supermicro",
        "SYS-421GE-TNRT (H100 x8)",
        480_000_000,
        3,
    ),
    (
        AssetType::Storage,
        "STO",
        "NetApp",
        "AFF A400",
        210_000_000,
        3,
    ),
    (
        AssetType::Storage,
        "STO",
        "Dell",
        "PowerStore 1200T",
        165_000_000,
        2,
    ),
    (
        AssetType::Storage,
        "STO",
        "Supermicro",
        "SSG-640SP (Ceph OSD)",
        32_000_000,
        5,
    ),
    (
        AssetType::Switch,
        "SW",
        "Arista",
        "7050SX3-48YC8",
        28_000_000,
        6,
    ),
    (
        AssetType::Switch,
        "SW",
        "Cisco",
        "Nexus 93180YC-FX3",
        31_000_000,
        5,
    ),
    (
        AssetType::Switch,
        "SW",
        "Juniper",
        "QFX5120-48Y",
        26_500_000,
        3,
    ),
    (
        AssetType::Switch,
        "MGT",
        "Cisco",
        "Catalyst 9300-48T",
        9_800_000,
        3,
    ),
    (AssetType::Router, "RT", "Juniper", "MX204", 62_000_000, 1),
    (
        AssetType::Router,
        "RT",
        "Cisco",
        "ASR 1001-X",
        38_000_000,
        1,
    ),
    (
        AssetType::Firewall,
        "FW",
        "Fortinet",
        "FortiGate 1800F",
        95_000_000,
        1,
    ),
    (
        AssetType::Firewall,
        "FW",
        "Palo Alto Networks",
        "PA-5420",
        140_000_000,
        1,
    ),
    (AssetType::Pdu, "PDU", "Raritan", "PX3-5190R", 3_200_000, 4),
    (AssetType::Pdu, "PDU", "APC", "AP8886", 2_700_000, 3),
    (
        AssetType::PatchPanel,
        "PP",
        "Panduit",
        "CP48BLY (Cat6A 48포트)",
        450_000,
        3,
    ),
    (
        AssetType::PatchPanel,
        "PP",
        "Corning",
        "EDGE-01U (광 패치 패널)",
        1_100_000,
        2,
    ),
    (
        AssetType::Other,
        "ETC",
        "Vertiv",
        "Avocent MergePoint (KVM)",
        4_800_000,
        1,
    ),
];

const SITES: &[(&str, &str, &[&str])] = &[
    ("PT1", "평택 1센터", &["전산실 A", "전산실 B", "네트워크실"]),
    ("GS", "가산 IDC", &["3층 전산실", "5층 전산실"]),
    ("SJ", "세종 DR센터", &["DR 전산실"]),
];

const OWNERS: &[&str] = &[
    "인프라운영팀",
    "클라우드플랫폼팀",
    "네트워크팀",
    "스토리지팀",
    "보안팀",
    "김민준",
    "이서연",
    "박지훈",
    "최수아",
    "정우진",
];
const TAGS: &[&str] = &[
    "openstack-compute",
    "ceph",
    "gpu",
    "예비",
    "2024-증설",
    "관리망",
    "DMZ",
    "백업",
    "control-plane",
];
const NOTES: &[&str] = &[
    "",
    "",
    "",
    "펌웨어 최신 버전 적용 완료",
    "전원 이중화 확인 필요",
    "2차 증설분 입고",
    "RMA 교체품",
    "BMC 계정 초기화 완료",
    "케이블 라벨 재부착 예정",
];

/// Generates `options.assets` assets into `workspace`, in batches of up to 50,000 (one sled
/// batch each: fewer, larger batches leave sled less dead space to clean up).
pub fn generate(
    workspace: &Workspace,
    options: &DemoOptions,
    stamp: &Stamp,
) -> Result<usize, AssetError> {
    let mut rng = StdRng::seed_from_u64(options.seed);
    let total_weight: u32 = CATALOGUE.iter().map(|entry| entry.5).sum();
    let mut serial_counter = 0u32;
    let mut written = 0;
    let mut next_number = workspace.asset_count() + 1;
    while written < options.assets {
        let batch_size = (options.assets - written).min(50_000);
        let mut batch = Vec::with_capacity(batch_size);
        for _ in 0..batch_size {
            let mut pick = rng.gen_range(0..total_weight);
            let entry = CATALOGUE.iter().find(|entry| {
                if pick < entry.5 {
                    true
                } else {
                    pick -= entry.5;
                    false
                }
            });
            let &(asset_type, code, manufacturer, model, price, _) = entry.unwrap_or(&CATALOGUE[0]);
            let (site_code, site, rooms) = SITES[rng.gen_range(0..SITES.len())];
            let room = rooms[rng.gen_range(0..rooms.len())];
            let row = format!("{}열", (b'A' + rng.gen_range(0..8u8)) as char);
            let rack = format!("{}-R{:02}", &row[..1], rng.gen_range(1..=20));
            let status = match rng.gen_range(0..100) {
                0..=69 => AssetStatus::InUse,
                70..=84 => AssetStatus::InStock,
                85..=91 => AssetStatus::Maintenance,
                92..=96 => AssetStatus::Retiring,
                _ => AssetStatus::Disposed,
            };
            let placed = matches!(status, AssetStatus::InUse | AssetStatus::Maintenance);
            let (year, month) = (rng.gen_range(2019..=2025), rng.gen_range(1..=12));
            let day = rng.gen_range(1..=days_in_month(year, month));
            let warranty_years = [3, 3, 5, 5, 5, 7][rng.gen_range(0..6)];
            serial_counter += 1;
            let mut tags = Vec::new();
            if rng.gen_range(0..3) == 0 {
                tags.push(TAGS[rng.gen_range(0..TAGS.len())].to_owned());
            }
            let id = AssetId::generate(stamp.at_ms, &mut rng);
            batch.push(Asset {
                id,
                asset_tag: format!("{site_code}-{code}-{next_number:06}"),
                asset_type,
                manufacturer: manufacturer.to_owned(),
                model: model.to_owned(),
                serial: format!(
                    "{}{:08}",
                    &manufacturer[..2].to_uppercase(),
                    rng.gen_range(10_000_000..99_999_999u32) ^ serial_counter
                ),
                purchase_date: Some(Date(format!("{year:04}-{month:02}-{day:02}"))),
                cost: Some(Money {
                    amount_minor: price + rng.gen_range(-5..=5) * price / 100,
                    currency: Currency::KRW,
                }),
                warranty_end: Some(Date(format!(
                    "{:04}-{month:02}-{:02}",
                    year + warranty_years,
                    day.min(28)
                ))),
                status,
                location: Location {
                    site: site.to_owned(),
                    room: if placed || rng.gen_bool(0.3) {
                        room.to_owned()
                    } else {
                        String::new()
                    },
                    row: if placed { row } else { String::new() },
                    rack: if placed { rack } else { String::new() },
                    unit: placed.then(|| rng.gen_range(1..=42)),
                },
                owner: OWNERS[rng.gen_range(0..OWNERS.len())].to_owned(),
                notes: NOTES[rng.gen_range(0..NOTES.len())].to_owned(),
                tags,
            });
            next_number += 1;
        }
        let rows: Vec<AssetRow> = workspace.insert_assets(batch, stamp, "demo")?;
        written += rows.len();
    }
    Ok(written)
}
