//! The racks figures of BENCHMARKS.md: recomputing the power, cooling and weight budgets of a
//! room of 2,000 racks holding 40,000 placed devices (the editor does this after every drop
//! and the inbox on every refresh), and finding the placement rules broken in it.
//!
//! `cargo bench -p cloudwright-core --bench racks -- [RACKS]` (default 2000, 20 devices each)

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use cloudwright_core::racks::index::PlaceIndex;
use cloudwright_core::racks::model::{
    FloorObject, FloorObjectKind, InstallStatus, Placement, Rack, RackFormFactor, RackStatus,
    RackWidth, Room,
};
use cloudwright_core::racks::power::{Phase, PowerFeed, Redundancy};
use cloudwright_core::racks::Face;
use cloudwright_core::{ItemId, RackId, RoomId, SiteId};

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

fn main() {
    let racks: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(2000);
    let room_id = RoomId(ulid::Ulid(1));
    let mut index = PlaceIndex::default();
    let mut room = Room {
        id: room_id,
        site: SiteId(ulid::Ulid(2)),
        name: "벤치 전산실".into(),
        columns: 60,
        rows: 120,
        tile_mm: 600,
        aisles: Vec::new(),
        objects: BTreeMap::new(),
        rack_rows: BTreeMap::new(),
    };
    for unit in 0..40 {
        room.objects.insert(
            ItemId(ulid::Ulid(10 + unit)).to_string(),
            FloorObject {
                kind: FloorObjectKind::CoolingUnit,
                name: format!("CRAH-{unit}"),
                x: 0,
                y: unit as u32,
                cooling_kw: 400.0,
                power_kw: 0.0,
            },
        );
    }
    index.rooms.insert(room_id, room.clone());
    // Mixed 1U and 2U servers, 20 per rack, some on a three-phase leg.
    let types = ["builtin:dell-poweredge-r660", "builtin:dell-poweredge-r760"];
    let mut devices = 0;
    for number in 0..racks {
        let mut placements = BTreeMap::new();
        let mut bottom = 0;
        for slot in 0..20u32 {
            let key = types[(number + slot as usize) % 2];
            let height = if key.ends_with("r660") { 2 } else { 4 };
            placements.insert(
                ItemId(ulid::Ulid(((number as u128) << 32) | u128::from(slot))).to_string(),
                Placement {
                    device_type: key.into(),
                    asset: None,
                    label: format!("R{number}-S{slot}"),
                    bottom_hu: Some(bottom),
                    face: Face::Front,
                    leg: (slot % 4 != 0).then_some((slot % 3) as u8),
                    status: InstallStatus::Planned,
                    checks: BTreeMap::new(),
                    notes: String::new(),
                    photos: Vec::new(),
                },
            );
            bottom += height;
            devices += 1;
        }
        let feed = |name: &str| PowerFeed {
            name: name.into(),
            voltage_v: 380.0,
            amperage_a: 40.0,
            phase: Phase::Three,
            max_utilisation: 0.8,
        };
        let id = RackId(ulid::Ulid(1_000_000 + number as u128));
        index.racks.insert(
            id,
            Rack {
                id,
                room: room_id,
                row: String::new(),
                name: format!("R{number:04}"),
                x: (number % 60) as u32,
                y: (number / 60) as u32,
                rotation: 0,
                height_u: 48,
                starting_unit: 1,
                width: RackWidth::Inch19,
                depth_mm: 1200,
                form_factor: RackFormFactor::Cabinet4Post,
                max_weight_kg: 1200.0,
                status: RackStatus::Active,
                feeds: vec![feed("A"), feed("B")],
                redundancy: Redundancy::AB,
                placements,
                reservations: BTreeMap::new(),
            },
        );
    }

    let mut budget_times = Vec::new();
    let mut invariant_times = Vec::new();
    let mut findings = 0;
    for _ in 0..30 {
        let started = Instant::now();
        let budget = index.room_budget(&room);
        budget_times.push(started.elapsed());
        findings = budget.findings.len();
        let started = Instant::now();
        let broken = index.invariants();
        invariant_times.push(started.elapsed());
        assert!(broken.is_empty(), "the bench room breaks no rule");
    }
    println!("| Figure | p50 | p99 (of 30) |");
    println!("|---|---|---|");
    println!(
        "| Room budget: {racks} racks, {devices} devices ({findings} findings) | {:.1} ms | {:.1} ms |",
        percentile(&mut budget_times.clone(), 0.5),
        percentile(&mut budget_times, 0.99)
    );
    println!(
        "| Placement invariants over the same room | {:.1} ms | {:.1} ms |",
        percentile(&mut invariant_times.clone(), 0.5),
        percentile(&mut invariant_times, 0.99)
    );
}
