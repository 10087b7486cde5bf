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
    (
        "PT1",
        "평택 1센터",
        &["2층 전산실", "3층 전산실", "네트워크실"],
    ),
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

/// Rows of racks in each demo room, `A열` to `H열`, and racks per row (`A01` to `A20`):
/// every location the demo gives an asset names one of them.
const ROWS_PER_ROOM: u8 = 8;
const RACKS_PER_ROW: u32 = 20;

/// The racks of one room, as (row letter from `A`, number in the row).
type RackNumbers = std::collections::BTreeSet<(u8, u32)>;

/// The sites, rooms, rows and racks the demo's asset locations name (`assets`), laid out as
/// rows of racks between cold and hot aisles: a rack's place on the floor follows from its
/// row and number. What the workspace already has is kept.
fn make_places(
    workspace: &Workspace,
    assets: &[Asset],
    seed: u64,
    stamp: &Stamp,
) -> Result<(), AssetError> {
    use std::collections::BTreeMap;

    use crate::ids::{ItemId, RackId, RoomId, SiteId};
    use crate::racks::model::{Aisle, AisleKind, RackRowDef, Room, Site};
    use crate::racks::{Rack, RackSpec, RackStatus};
    use crate::record::write::Whole;

    let mut rng = StdRng::seed_from_u64(seed ^ 0x504c_4143);
    let id = |rng: &mut StdRng| ulid::Ulid::from_parts(stamp.at_ms.max(0) as u64, rng.gen());
    // What the assets name: site → room → racks (row letter, number).
    let mut wanted: BTreeMap<&str, BTreeMap<&str, RackNumbers>> = BTreeMap::new();
    for asset in assets {
        let location = &asset.location;
        let rooms = wanted.entry(location.site.as_str()).or_default();
        if location.room.is_empty() {
            continue;
        }
        let racks = rooms.entry(location.room.as_str()).or_default();
        if let (Some(letter), Ok(number)) = (
            location.rack.bytes().next(),
            location.rack.get(1..).unwrap_or_default().parse::<u32>(),
        ) {
            racks.insert((letter - b'A', number));
        }
    }
    let mut records = Vec::new();
    let places = workspace.places();
    for (site_name, rooms) in wanted {
        let site = match places.sites.values().find(|s| s.name == site_name) {
            Some(site) => site.clone(),
            None => {
                let code = SITES
                    .iter()
                    .find(|(_, name, _)| *name == site_name)
                    .map_or("", |(code, _, _)| code);
                let site = Site {
                    id: SiteId(id(&mut rng)),
                    name: site_name.into(),
                    code: code.into(),
                    address: String::new(),
                };
                records.push(Whole::new(site.clone()));
                site
            }
        };
        for (room_name, racks) in rooms {
            let known = places
                .rooms
                .values()
                .find(|r| r.site == site.id && r.name == room_name);
            let room = match known {
                Some(room) => room.clone(),
                None => {
                    let mut room = Room {
                        id: RoomId(id(&mut rng)),
                        site: site.id,
                        name: room_name.into(),
                        columns: RACKS_PER_ROW + 6,
                        rows: u32::from(ROWS_PER_ROOM) * 3 + 3,
                        tile_mm: 600,
                        aisles: Vec::new(),
                        objects: Default::default(),
                        rack_rows: Default::default(),
                    };
                    for row in 0..ROWS_PER_ROOM {
                        let y = 2 + 3 * u32::from(row);
                        room.rack_rows.insert(
                            ItemId(id(&mut rng)).to_string(),
                            RackRowDef {
                                name: format!("{}열", (b'A' + row) as char),
                            },
                        );
                        room.aisles.push(Aisle {
                            kind: AisleKind::Cold,
                            along_x: true,
                            index: y - 1,
                        });
                        room.aisles.push(Aisle {
                            kind: AisleKind::Hot,
                            along_x: true,
                            index: y + 1,
                        });
                    }
                    records.push(Whole::new(room.clone()));
                    room
                }
            };
            for (row, number) in racks {
                let letter = (b'A' + row) as char;
                let name = format!("{letter}{number:02}");
                let taken = places
                    .racks
                    .values()
                    .any(|rack| rack.room == room.id && rack.name == name);
                let row_name = format!("{letter}열");
                let row_id = room
                    .rack_rows
                    .iter()
                    .find(|(_, def)| def.name == row_name)
                    .map(|(id, _)| id.clone())
                    .unwrap_or_default();
                if taken {
                    continue;
                }
                let spec = RackSpec::standard(room.id, &name);
                records.push(Whole::new(Rack {
                    id: RackId(id(&mut rng)),
                    room: room.id,
                    row: row_id,
                    name,
                    x: (2 + number).min(room.columns - 1),
                    y: (2 + 3 * u32::from(row)).min(room.rows - 1),
                    rotation: if row % 2 == 0 { 0 } else { 180 },
                    height_u: spec.height_u,
                    starting_unit: spec.starting_unit,
                    width: spec.width,
                    depth_mm: spec.depth_mm,
                    form_factor: spec.form_factor,
                    max_weight_kg: spec.max_weight_kg,
                    status: RackStatus::Active,
                    feeds: spec.feeds,
                    redundancy: spec.redundancy,
                    placements: Default::default(),
                    reservations: Default::default(),
                }));
            }
        }
    }
    drop(places);
    if records.is_empty() {
        return Ok(());
    }
    let mut cache = workspace.lock_docs();
    let pending = workspace.stage_wholes(&mut cache, records, stamp, "demo")?;
    workspace.write(&mut cache, pending, crate::store::kv::Batch::default())?;
    Ok(())
}

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
            // `C05`: never the rack demo's `A-R01` (its room is one of its own, and the CLI
            // and tests find its racks by name).
            let rack = format!("{}{:02}", &row[..1], rng.gen_range(1..=20));
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
        make_places(workspace, &batch, options.seed ^ written as u64, stamp)?;
        let rows: Vec<AssetRow> = workspace.insert_assets(batch, stamp, "demo")?;
        written += rows.len();
    }
    Ok(written)
}
