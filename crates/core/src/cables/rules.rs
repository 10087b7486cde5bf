//! Cable rules: each end is a real port of a placed device, a port holds at most one cable,
//! the cable's kind fits both ports, and labels are unique. A new cable that breaks one is
//! refused with every reason; the same rules over merged state give findings.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::media;
use super::model::{Cable, CableEnd, CableKind, PortRole};
use crate::ids::CableId;
use crate::racks::DeviceType;
use crate::racks::DeviceTypes;
use crate::racks::PlaceIndex;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum CableProblem {
    /// The end names a rack, placement or port that does not exist.
    NoSuchPort {
        end: CableEnd,
    },
    /// Both ends are the same port.
    SameEnds,
    /// Another cable already uses this port.
    PortTaken {
        end: CableEnd,
        label: String,
    },
    /// The cable's kind does not fit the port (a fibre into an RJ-45 jack).
    KindDoesNotFit {
        end: CableEnd,
        kind: CableKind,
        port_kind: String,
    },
    LabelTaken {
        label: String,
    },
}

impl std::fmt::Display for CableProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let port = |end: &CableEnd| format!("{} port {}", end.role.code(), end.port);
        match self {
            CableProblem::NoSuchPort { end } => write!(f, "the device has no {}", port(end)),
            CableProblem::SameEnds => write!(f, "both ends are the same port"),
            CableProblem::PortTaken { end, label } => {
                write!(f, "{} is taken by cable {label}", port(end))
            }
            CableProblem::KindDoesNotFit {
                end,
                kind,
                port_kind,
            } => write!(
                f,
                "a cable of type {} does not fit {} ({port_kind})",
                kind.code(),
                port(end)
            ),
            CableProblem::LabelTaken { label } => write!(f, "the label {label} is taken"),
        }
    }
}

/// The ports of a device type in one role.
pub fn ports_of(device: &DeviceType, role: PortRole) -> &[crate::racks::PortDef] {
    match role {
        PortRole::Interface => &device.interfaces,
        PortRole::Console => &device.console_ports,
        PortRole::Power => &device.power_ports,
        PortRole::Front => &device.front_ports,
        PortRole::Rear => &device.rear_ports,
    }
}

/// The type slug of the port an end names, or `None` if there is no such port.
pub fn port_kind<'a>(index: &'a PlaceIndex, end: &CableEnd) -> Option<&'a str> {
    let placement = index.racks.get(&end.rack)?.placements.get(&end.placement)?;
    let device = index.device_type(&placement.device_type)?;
    ports_of(device, end.role)
        .iter()
        .find(|port| port.name == end.port)
        .map(|port| port.kind.as_str())
}

/// Every rule `cable` breaks against the places in `index` and the cables already in
/// `ports` (port → cable) and `labels` (normalised label → cable).
pub fn check_cable(
    cable: &Cable,
    index: &PlaceIndex,
    ports: &HashMap<CableEnd, (CableId, String)>,
    labels: &HashMap<String, CableId>,
) -> Vec<CableProblem> {
    let mut problems = Vec::new();
    if cable.a == cable.b {
        problems.push(CableProblem::SameEnds);
    }
    for end in [&cable.a, &cable.b] {
        match port_kind(index, end) {
            None => problems.push(CableProblem::NoSuchPort { end: end.clone() }),
            Some(kind) if !media::fits(cable.kind, kind) => {
                problems.push(CableProblem::KindDoesNotFit {
                    end: end.clone(),
                    kind: cable.kind,
                    port_kind: kind.to_owned(),
                })
            }
            Some(_) => {}
        }
        if let Some((other, label)) = ports.get(end) {
            if *other != cable.id {
                problems.push(CableProblem::PortTaken {
                    end: end.clone(),
                    label: label.clone(),
                });
            }
        }
    }
    let label = normalise_label(&cable.label);
    if !label.is_empty() && labels.get(&label).is_some_and(|other| *other != cable.id) {
        problems.push(CableProblem::LabelTaken {
            label: cable.label.clone(),
        });
    }
    problems
}

/// Labels compare without case and surrounding spaces.
pub fn normalise_label(label: &str) -> String {
    label.trim().to_lowercase()
}

/// A rule broken in merged state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[ts(export)]
pub enum CableInvariant {
    /// Two or more cables plugged into one port.
    PortShared { end: CableEnd, cables: Vec<CableId> },
    /// Two or more cables with one label.
    LabelShared { label: String, cables: Vec<CableId> },
    /// A cable whose kind does not fit one of its ports.
    KindDoesNotFit { cable: CableId, end: CableEnd },
}

/// Every rule broken across `cables`, ports first, then labels, then kinds.
pub fn invariants<'a>(
    cables: impl Iterator<Item = &'a Cable>,
    index: &PlaceIndex,
) -> Vec<CableInvariant> {
    let mut by_port: BTreeMap<&CableEnd, Vec<CableId>> = BTreeMap::new();
    let mut by_label: BTreeMap<String, (String, Vec<CableId>)> = BTreeMap::new();
    let mut misfits = Vec::new();
    for cable in cables {
        for end in [&cable.a, &cable.b] {
            by_port.entry(end).or_default().push(cable.id);
            if let Some(kind) = port_kind(index, end) {
                if !media::fits(cable.kind, kind) {
                    misfits.push(CableInvariant::KindDoesNotFit {
                        cable: cable.id,
                        end: end.clone(),
                    });
                }
            }
        }
        let label = normalise_label(&cable.label);
        if !label.is_empty() {
            by_label
                .entry(label)
                .or_insert_with(|| (cable.label.clone(), Vec::new()))
                .1
                .push(cable.id);
        }
    }
    let mut found: Vec<CableInvariant> = by_port
        .into_iter()
        .filter(|(_, cables)| cables.len() > 1)
        .map(|(end, mut cables)| {
            cables.sort();
            cables.dedup();
            CableInvariant::PortShared {
                end: end.clone(),
                cables,
            }
        })
        .filter(
            |found| matches!(found, CableInvariant::PortShared { cables, .. } if cables.len() > 1),
        )
        .collect();
    found.extend(
        by_label
            .into_values()
            .filter(|(_, cables)| cables.len() > 1)
            .map(|(label, cables)| CableInvariant::LabelShared { label, cables }),
    );
    found.extend(misfits);
    found
}

#[cfg(test)]
mod tests;
