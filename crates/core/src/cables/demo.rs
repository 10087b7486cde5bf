//! Cables for the rack demo's room (`cloudwright demo --racks R --cables N`): servers to their
//! rack's switches, switches up through the patch panels to the row's network rack, spines,
//! border leaves, firewalls, management and console (`plan.rs` says which ports). Deterministic
//! for a seed. Every cable is numbered and labelled the way `add_cable` does it (the
//! workspace's scheme), checked against the cable rules and the cables already there (one
//! that breaks a rule is left out and counted), and written in durable batches.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::model::{Cable, CableKind, CableStatus, CableTest, LengthUnit};
use super::ops::CableError;
use super::rules::{check_cable, normalise_label};
use crate::ids::{CableId, RoomId};
use crate::stamp::Stamp;
use crate::store::Workspace;

mod plan;
mod rack_cables;

pub struct CableDemoOptions {
    /// The room whose racks are cabled (the rack demo's).
    pub room: RoomId,
    /// At most this many cables are written, in plan order (row by row, rack by rack).
    pub cables: usize,
    pub seed: u64,
    /// Cables per durable batch ([`DEMO_CABLE_BATCH`] unless a test wants several batches).
    pub batch: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub struct CableDemoSummary {
    /// Cables written.
    pub written: usize,
    /// Cables the room's racks hold in the plan (the most `--cables` can ask for).
    pub fit: usize,
    /// Planned cables left out because they broke a rule against cables already in the
    /// workspace (a port taken, a label another room's cable has).
    pub refused: usize,
}

/// Cables per durable batch. The time hardly depends on it (101,212 cables: 10.9 s in
/// batches of 2,000, 9.7–11.2 s of 10,000, 10.4 s of 50,000; the fsync per batch is noise)
/// but the process's peak memory does (1.2, 1.4 and 1.7 GB), so batches stay small.
pub const DEMO_CABLE_BATCH: usize = 2_000;

const TESTERS: [&str; 4] = ["김민준", "이서연", "박지훈", "최유진"];
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn is_fibre(kind: CableKind) -> bool {
    matches!(kind, CableKind::Om3 | CableKind::Om4 | CableKind::Os2)
}

/// A test record as a certifier would give it, for a cable of `length_m`.
fn test_of(
    rng: &mut StdRng,
    kind: CableKind,
    length_m: f64,
    passed: bool,
    at_ms: i64,
) -> CableTest {
    let measured = (length_m * rng.gen_range(0.90..0.99) * 10.0).round() / 10.0;
    let loss_db = is_fibre(kind).then(|| {
        let loss: f64 = if passed {
            rng.gen_range(0.2..0.9)
        } else {
            rng.gen_range(2.6..4.5)
        };
        (loss * 100.0).round() / 100.0
    });
    CableTest {
        passed,
        tester: TESTERS[rng.gen_range(0..TESTERS.len())].into(),
        at_ms: at_ms - rng.gen_range(0..14 * DAY_MS),
        measured_length_m: Some(measured),
        loss_db,
        report: None,
        report_name: None,
    }
}

/// The cable for a planned link: planned while an end's device is; otherwise installed,
/// tested (most, with a passing test) or failed (a few, with a failing test).
fn cable_of(link: plan::Link, rng: &mut StdRng, stamp: &Stamp) -> Cable {
    let id = CableId(ulid::Ulid::from_parts(stamp.at_ms.max(0) as u64, rng.gen()));
    let mut cable = Cable {
        colour: link.colour.into(),
        length: Some(link.length_m),
        length_unit: LengthUnit::Metres,
        ..Cable::planned(id, link.a, link.b, link.kind)
    };
    if link.planned {
        return cable;
    }
    let roll = rng.gen_range(0..100);
    cable.status = match roll {
        0..=29 => CableStatus::Installed,
        30..=96 => CableStatus::Tested,
        _ => CableStatus::Failed,
    };
    if cable.status != CableStatus::Installed {
        let passed = cable.status == CableStatus::Tested;
        let test = test_of(rng, link.kind, link.length_m, passed, stamp.at_ms);
        cable.tests.push(test);
    }
    cable
}

/// Cables the racks of `options.room`, up to `options.cables` of them.
pub fn generate_cables(
    workspace: &Workspace,
    options: &CableDemoOptions,
    stamp: &Stamp,
) -> Result<CableDemoSummary, CableError> {
    let mut rng = StdRng::seed_from_u64(options.seed ^ 0x4341_424c);
    let links = plan::plan_room(&workspace.places(), options.room);
    let fit = links.len();
    let template = workspace.cable_label_template();
    let (mut ports, mut labels) = workspace.taken_ports_and_labels();
    let mut number = workspace.cable_index().next_number();
    let (mut written, mut refused) = (0, 0);
    let mut links = links.into_iter();
    while written < options.cables {
        let wanted = options.batch.max(1).min(options.cables - written);
        let mut batch = Vec::with_capacity(wanted);
        {
            let places = workspace.places();
            for link in links.by_ref() {
                let mut cable = cable_of(link, &mut rng, stamp);
                Workspace::number_and_label(&places, &template, &mut cable, number);
                if !check_cable(&cable, &places, &ports, &labels).is_empty() {
                    refused += 1;
                    continue;
                }
                number += 1;
                for end in [&cable.a, &cable.b] {
                    ports.insert(end.clone(), (cable.id, cable.label.clone()));
                }
                labels.insert(normalise_label(&cable.label), cable.id);
                batch.push(cable);
                if batch.len() == wanted {
                    break;
                }
            }
        }
        if batch.is_empty() {
            break;
        }
        written += batch.len();
        workspace.write_cables(batch, stamp, "demo_cables")?;
    }
    Ok(CableDemoSummary {
        written,
        fit,
        refused,
    })
}

#[cfg(test)]
mod tests;
