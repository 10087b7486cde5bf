//! Racks for the demo workspace: a room of rows of twenty racks (a network rack, compute racks
//! and a storage rack per row) filled with realistic placements, the register's assets hung
//! in them where their model matches, and install progress at every stage. Deterministic for
//! a seed; every placement obeys the rules (the tests check the result has no invariant).

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::model::{
    Aisle, AisleKind, CheckItem, CheckMark, Face, FloorObject, FloorObjectKind, InstallStatus,
    Placement, Rack, RackRowDef, RackStatus, Room, Site,
};
use super::ops::RackSpec;
use super::power::{Phase, PowerFeed, Redundancy};
use super::rules::DeviceTypes;
use super::RackError;
use crate::assets::{AssetQuery, AssetStatus, Location};
use crate::ids::{AssetId, ItemId, RackId, RoomId, SiteId};
use crate::record::write::Whole;
use crate::stamp::Stamp;
use crate::store::Workspace;

pub struct RackDemoOptions {
    pub racks: usize,
    pub seed: u64,
}

#[derive(Debug, PartialEq, Eq)]
pub struct RackDemoSummary {
    pub room: String,
    pub room_id: RoomId,
    pub racks: usize,
    pub placements: usize,
    pub with_assets: usize,
}

/// Korean data halls commonly run rows of 10 to 20 racks; 20 makes the row-view figure real.
const RACKS_PER_ROW: usize = 20;

/// A row's letters: `A` … `Z`, then `AA`, `AB`, … (so rack names stay unique in big rooms).
fn row_letters(row: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = row + 1;
    while rest > 0 {
        rest -= 1;
        letters.push(b'A' + (rest % 26) as u8);
        rest /= 26;
    }
    letters.iter().rev().map(|b| *b as char).collect()
}

/// Devices of one rack, bottom up: (type key, bottom unit as half units, face).
type Layout = Vec<(&'static str, Option<u32>, Face)>;

fn compute_layout(rng: &mut StdRng, dense: bool) -> Layout {
    let mut layout: Layout = vec![
        ("builtin:patch-panel-48-cat6a", Some(82), Face::Front),
        ("builtin:arista-7050sx3-48yc8", Some(80), Face::Front),
        ("builtin:cisco-catalyst-9300-48t", Some(78), Face::Front),
        ("builtin:cable-manager-1u", Some(76), Face::Front),
        ("builtin:raritan-px3-5190r", None, Face::Rear),
        ("builtin:raritan-px3-5190r", None, Face::Rear),
    ];
    let servers: [(&str, u32); 4] = [
        ("builtin:dell-poweredge-r660", 2),
        ("builtin:dell-poweredge-r760", 4),
        ("builtin:hpe-proliant-dl380-gen11", 4),
        ("builtin:lenovo-thinksystem-sr650-v3", 4),
    ];
    let limit_hu = if dense { 74 } else { 44 };
    let mut at = 0;
    loop {
        let (key, height) = servers[rng.gen_range(0..servers.len())];
        if at + height > limit_hu {
            break;
        }
        layout.push((key, Some(at), Face::Front));
        at += height;
        if rng.gen_range(0..6) == 0 {
            at += 2; // a free unit for airflow or later growth
        }
    }
    layout
}

fn network_layout() -> Layout {
    vec![
        ("builtin:fiber-panel-24-lc", Some(82), Face::Front),
        ("builtin:patch-panel-48-cat6a", Some(80), Face::Front),
        // The row's copper aggregation: the compute racks' management switches uplink to it
        // through the patch panels (see `cables::demo`).
        ("builtin:juniper-ex4400-48t", Some(78), Face::Front),
        ("builtin:juniper-qfx5120-48y", Some(76), Face::Front),
        ("builtin:juniper-qfx5120-48y", Some(74), Face::Front),
        ("builtin:nvidia-sn4600c", Some(70), Face::Front),
        ("builtin:nvidia-sn4600c", Some(66), Face::Front),
        ("builtin:fortinet-fortigate-1800f", Some(60), Face::Front),
        ("builtin:fortinet-fortigate-1800f", Some(56), Face::Front),
        ("builtin:opengear-cm8148", Some(54), Face::Front),
        ("builtin:apc-ap8886", None, Face::Rear),
        ("builtin:apc-ap8886", None, Face::Rear),
    ]
}

fn storage_layout() -> Layout {
    let mut layout = vec![
        ("builtin:netapp-aff-a400", Some(0), Face::Front),
        ("builtin:raritan-px3-5190r", None, Face::Rear),
        ("builtin:raritan-px3-5190r", None, Face::Rear),
        ("builtin:cisco-nexus-93180yc-fx3", Some(80), Face::Front),
    ];
    for shelf in 0..6 {
        layout.push(("builtin:netapp-ns224", Some(8 + shelf * 4), Face::Front));
    }
    layout
}

fn three_phase_feed(name: &str) -> PowerFeed {
    PowerFeed {
        name: name.into(),
        voltage_v: 380.0,
        amperage_a: 40.0,
        phase: Phase::Three,
        max_utilisation: 0.8,
    }
}

/// Adds a room of `options.racks` filled racks to the workspace's first site (created if
/// there is none) and hangs unplaced in-use assets of matching models in them.
pub fn generate_racks(
    workspace: &Workspace,
    options: &RackDemoOptions,
    stamp: &Stamp,
) -> Result<RackDemoSummary, RackError> {
    let mut rng = StdRng::seed_from_u64(options.seed ^ 0x5241_434b);
    let id = |rng: &mut StdRng| ulid::Ulid::from_parts(stamp.at_ms.max(0) as u64, rng.gen());
    // 평택 1센터 when the workspace has it (the asset demo makes it), else its first site.
    let existing_site = {
        let places = workspace.places();
        let named = places.sites.values().find(|site| site.name == "평택 1센터");
        named.or_else(|| places.sites.values().next()).cloned()
    };
    let site = existing_site.clone().unwrap_or(Site {
        id: SiteId(id(&mut rng)),
        name: "평택 1센터".into(),
        code: "PT1".into(),
        address: "경기도 평택시 고덕면".into(),
    });
    // The first of 전산실 A, B, … the site does not have yet.
    let taken: Vec<String> = workspace
        .places()
        .rooms
        .values()
        .filter(|room| room.site == site.id)
        .map(|room| room.name.clone())
        .collect();
    let rooms_in_site = (0..26)
        .find(|n| !taken.contains(&format!("전산실 {}", (b'A' + *n as u8) as char)))
        .unwrap_or(taken.len());
    let row_count = options.racks.div_ceil(RACKS_PER_ROW).max(1);
    let mut room = Room {
        id: RoomId(id(&mut rng)),
        site: site.id,
        name: format!("전산실 {}", (b'A' + (rooms_in_site % 26) as u8) as char),
        columns: RACKS_PER_ROW as u32 + 6,
        rows: row_count as u32 * 3 + 3,
        tile_mm: 600,
        aisles: Vec::new(),
        objects: Default::default(),
        rack_rows: Default::default(),
    };
    let object = |kind, name: String, x, y, cooling_kw| FloorObject {
        kind,
        name,
        x,
        y,
        cooling_kw,
        power_kw: if kind == FloorObjectKind::PowerPanel {
            250.0
        } else {
            0.0
        },
    };
    let mut objects = vec![
        object(FloorObjectKind::Door, "출입문".into(), 0, 0, 0.0),
        object(
            FloorObjectKind::BadgeReader,
            "출입 카드리더".into(),
            1,
            0,
            0.0,
        ),
        object(
            FloorObjectKind::Camera,
            "CCTV-1".into(),
            room.columns - 1,
            0,
            0.0,
        ),
        object(
            FloorObjectKind::Camera,
            "CCTV-2".into(),
            room.columns - 1,
            room.rows - 1,
            0.0,
        ),
    ];
    let mut rows = Vec::new();
    for row in 0..row_count {
        let letters = row_letters(row);
        let name = format!("{letters}열");
        let y = 2 + 3 * row as u32;
        rows.push((ItemId(id(&mut rng)).to_string(), name.clone(), letters, y));
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
        objects.push(object(
            FloorObjectKind::CoolingUnit,
            format!("항온항습기 {name}-1"),
            0,
            y,
            90.0,
        ));
        // Two 90 kW units per row of twenty ~7 kW racks: about 30 % headroom.
        objects.push(object(
            FloorObjectKind::CoolingUnit,
            format!("항온항습기 {name}-2"),
            1,
            y,
            90.0,
        ));
        objects.push(object(
            FloorObjectKind::PowerPanel,
            format!("분전반 {name}"),
            room.columns - 1,
            y,
            0.0,
        ));
    }
    for object in objects {
        room.objects
            .insert(ItemId(id(&mut rng)).to_string(), object);
    }
    for (row_id, name, _, _) in &rows {
        room.rack_rows
            .insert(row_id.clone(), RackRowDef { name: name.clone() });
    }

    // Unplaced assets that could hang here, by model.
    let mut pool: HashMap<(String, String), Vec<AssetId>> = HashMap::new();
    {
        let places = workspace.places();
        let page = workspace.query_assets(&AssetQuery::default());
        for row in page.rows.iter().rev() {
            let asset = &row.asset;
            if asset.status == AssetStatus::InUse && places.placements_of(asset.id).is_empty() {
                pool.entry((
                    asset.manufacturer.to_lowercase(),
                    asset.model.to_lowercase(),
                ))
                .or_default()
                .push(asset.id);
            }
        }
    }

    let mut records = vec![Whole::new(room.clone())];
    if existing_site.is_none() {
        records.insert(0, Whole::new(site.clone()));
    }
    let mut locations: Vec<(AssetId, Location)> = Vec::new();
    let mut summary = RackDemoSummary {
        room: room.name.clone(),
        room_id: room.id,
        racks: options.racks,
        placements: 0,
        with_assets: 0,
    };
    let places = workspace.places();
    for number in 0..options.racks {
        let (row_id, row_name, letters, y) = &rows[number / RACKS_PER_ROW];
        let position = number % RACKS_PER_ROW;
        let name = format!("{letters}-R{:02}", position + 1);
        let mut spec = RackSpec::standard(room.id, &name);
        let layout = match position {
            0 => network_layout(),
            p if p == RACKS_PER_ROW - 1 => storage_layout(),
            _ => compute_layout(&mut rng, number % 7 == 3),
        };
        let mut rack = Rack {
            id: RackId(id(&mut rng)),
            room: room.id,
            row: row_id.clone(),
            name: name.clone(),
            x: 3 + position as u32,
            y: *y,
            rotation: if (number / RACKS_PER_ROW).is_multiple_of(2) {
                0
            } else {
                180
            },
            height_u: spec.height_u,
            starting_unit: 1,
            width: spec.width,
            depth_mm: spec.depth_mm,
            form_factor: spec.form_factor,
            max_weight_kg: 1200.0,
            status: if rng.gen_range(0..10) == 0 {
                RackStatus::Planned
            } else {
                RackStatus::Active
            },
            feeds: vec![three_phase_feed("A"), three_phase_feed("B")],
            redundancy: Redundancy::AB,
            placements: Default::default(),
            reservations: Default::default(),
        };
        spec.feeds.clear();
        // A second device of one model is `-2`, so every label names one placement (a cable
        // CSV names devices by label).
        let mut of_model: HashMap<&str, usize> = HashMap::new();
        for (key, bottom_hu, face) in layout {
            let Some(device) = places.device_type(key) else {
                continue;
            };
            let asset = pool
                .get_mut(&(
                    device.manufacturer.to_lowercase(),
                    device.model.to_lowercase(),
                ))
                .and_then(Vec::pop);
            let label = match asset {
                Some(asset) => workspace.asset(&asset.to_string())?.asset.asset_tag,
                None => match of_model.entry(key).and_modify(|n| *n += 1).or_insert(1) {
                    1 => format!("{}-{}", name, device.model),
                    n => format!("{}-{}-{n}", name, device.model),
                },
            };
            let stage = rng.gen_range(0..10);
            let (status, done) = match stage {
                0..=4 => (InstallStatus::Verified, CheckItem::ALL.len()),
                5..=7 => (InstallStatus::Installed, 2),
                _ => (InstallStatus::Planned, 0),
            };
            let checks = CheckItem::ALL[..done]
                .iter()
                .map(|item| {
                    let mark = CheckMark {
                        by: stamp.author.name.clone(),
                        at_ms: stamp.at_ms,
                        note: String::new(),
                    };
                    (item.code().to_owned(), mark)
                })
                .collect();
            if let Some(asset) = asset {
                let (site_name, room_name) = (site.name.clone(), room.name.clone());
                locations.push((
                    asset,
                    Location {
                        site: site_name,
                        room: room_name,
                        row: row_name.clone(),
                        rack: name.clone(),
                        unit: bottom_hu.map(|hu| rack.unit_number(hu)),
                    },
                ));
                summary.with_assets += 1;
            }
            rack.placements.insert(
                ItemId(id(&mut rng)).to_string(),
                Placement {
                    device_type: key.into(),
                    asset,
                    label,
                    bottom_hu,
                    face,
                    leg: None,
                    status,
                    checks,
                    notes: String::new(),
                    photos: Vec::new(),
                },
            );
            summary.placements += 1;
        }
        records.push(Whole::new(rack));
    }
    drop(places);
    workspace.insert_place_records(records, locations, stamp, "demo")?;
    Ok(summary)
}
