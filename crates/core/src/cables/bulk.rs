//! Bulk cable plans: a range of ports to a range of ports (a 48-port patch panel to a switch),
//! or one port of every server in a rack to consecutive switch ports, bottom unit first. A
//! plan is previewed — every cable with its label and every rule it would break — and then
//! written all at once or not at all.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Cable, CableEnd, CableKind, PortRole};
use super::ops::CableError;
use super::rules::{check_cable, normalise_label, ports_of, CableProblem};
use crate::ids::{CableId, RackId};
use crate::racks::DeviceTypes;
use crate::stamp::Stamp;
use crate::store::Workspace;
use crate::text::{check_text, TextRule};

/// Consecutive ports of one placed device, in the order its type lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PortRun {
    pub rack: RackId,
    pub placement: String,
    pub role: PortRole,
    pub first_port: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
#[ts(export)]
pub enum BulkPlan {
    /// `count` ports from `a` to `count` ports from `b`, pairwise.
    Range { a: PortRun, b: PortRun, count: u32 },
    /// The port `port` of every device in `rack` that has one, bottom unit first, to
    /// consecutive ports from `to`.
    RackPorts {
        rack: RackId,
        role: PortRole,
        port: String,
        to: PortRun,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulkPreview {
    pub cables: Vec<Cable>,
    /// (index into `cables`, what it breaks); empty: the plan can be written.
    pub problems: Vec<(u32, CableProblem)>,
    /// The plan asked for more ports than a device has from that port on.
    pub short_by: u32,
}

impl Workspace {
    /// The ends a run covers: up to `count` ports from its first port, in type order.
    fn run_ends(&self, run: &PortRun, count: usize) -> Vec<CableEnd> {
        let places = self.places();
        let Some(device) = places
            .racks
            .get(&run.rack)
            .and_then(|rack| rack.placements.get(&run.placement))
            .and_then(|placement| places.device_type(&placement.device_type))
        else {
            return Vec::new();
        };
        let ports = ports_of(device, run.role);
        let Some(start) = ports.iter().position(|p| p.name == run.first_port) else {
            return Vec::new();
        };
        ports[start..]
            .iter()
            .take(count)
            .map(|port| CableEnd {
                rack: run.rack,
                placement: run.placement.clone(),
                role: run.role,
                port: port.name.clone(),
            })
            .collect()
    }

    /// Pairs of ends a plan asks for, and how many it could not pair.
    fn plan_pairs(&self, plan: &BulkPlan) -> (Vec<(CableEnd, CableEnd)>, u32) {
        let a_ends: Vec<CableEnd> = match plan {
            BulkPlan::Range { a, count, .. } => self.run_ends(a, *count as usize),
            BulkPlan::RackPorts {
                rack, role, port, ..
            } => {
                let places = self.places();
                let Some(rack_doc) = places.racks.get(rack) else {
                    return (Vec::new(), 0);
                };
                let mut devices: Vec<(&String, u32)> = rack_doc
                    .placements
                    .iter()
                    .filter_map(|(id, p)| {
                        let device = places.device_type(&p.device_type)?;
                        let has = ports_of(device, *role).iter().any(|q| &q.name == port);
                        (has && p.bottom_hu.is_some()).then(|| (id, p.bottom_hu.unwrap_or(0)))
                    })
                    .collect();
                devices.sort_by_key(|(id, bottom)| (*bottom, (*id).clone()));
                devices
                    .into_iter()
                    .map(|(id, _)| CableEnd {
                        rack: *rack,
                        placement: id.clone(),
                        role: *role,
                        port: port.clone(),
                    })
                    .collect()
            }
        };
        let (wanted, b_run) = match plan {
            BulkPlan::Range { b, count, .. } => (*count as usize, b),
            BulkPlan::RackPorts { to, .. } => (a_ends.len(), to),
        };
        let b_ends = self.run_ends(b_run, wanted);
        let paired = a_ends.len().min(b_ends.len());
        let short_by = wanted.saturating_sub(paired) as u32;
        (a_ends.into_iter().zip(b_ends).collect(), short_by)
    }

    /// What a plan would write: each cable with its generated label, and every rule each
    /// would break against the cables there are and the rest of the plan.
    pub fn preview_bulk(
        &self,
        plan: &BulkPlan,
        kind: CableKind,
        colour: &str,
        mut new_id: impl FnMut() -> CableId,
    ) -> BulkPreview {
        let (pairs, short_by) = self.plan_pairs(plan);
        let first_number = self.cable_index().next_number();
        let template = self.cable_label_template();
        let (mut ports, mut labels) = self.taken_ports_and_labels();
        let places = self.places();
        let mut cables = Vec::with_capacity(pairs.len());
        let mut problems = Vec::new();
        for (n, (a, b)) in pairs.into_iter().enumerate() {
            let mut cable = Cable {
                colour: colour.trim().into(),
                ..Cable::planned(new_id(), a, b, kind)
            };
            Self::number_and_label(&places, &template, &mut cable, first_number + n as u64);
            for problem in check_cable(&cable, &places, &ports, &labels) {
                problems.push((n as u32, problem));
            }
            for end in [&cable.a, &cable.b] {
                ports.insert(end.clone(), (cable.id, cable.label.clone()));
            }
            labels.insert(normalise_label(&cable.label), cable.id);
            cables.push(cable);
        }
        BulkPreview {
            cables,
            problems,
            short_by,
        }
    }

    /// Writes a previewed plan: all its cables in one durable batch, or none when anything
    /// in it breaks a rule (checked again: the workspace may have changed since the preview).
    pub fn commit_bulk(
        &self,
        plan: &BulkPlan,
        kind: CableKind,
        colour: &str,
        new_id: impl FnMut() -> CableId,
        stamp: &Stamp,
    ) -> Result<Vec<Cable>, CableError> {
        if let Some(problem) = check_text("colour", colour.trim(), TextRule::SingleLine) {
            return Err(CableError::Invalid(vec![problem]));
        }
        let preview = self.preview_bulk(plan, kind, colour, new_id);
        if !preview.problems.is_empty() {
            return Err(CableError::Refused(
                preview.problems.into_iter().map(|(_, p)| p).collect(),
            ));
        }
        self.write_cables(preview.cables.clone(), stamp, "bulk_cables")?;
        Ok(preview.cables)
    }
}

#[cfg(test)]
mod tests;
