//! Following a cable path: from a port, across its cable to the far end, and on through patch
//! panels (a front port passes to the rear port at the same position, and back), until a port
//! with no cable or no pass-through.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Cable, CableEnd, PortRole};
use crate::ids::CableId;

/// What a trace needs to know about the workspace.
pub trait CablePlant {
    /// The cable plugged into this port, if any.
    fn cable_at(&self, end: &CableEnd) -> Option<&Cable>;
    /// The port a patch panel passes this one through to (front ↔ rear at the same position);
    /// `None` for anything that is not a patch panel port.
    fn pass_through(&self, end: &CableEnd) -> Option<CableEnd>;
}

/// One cable of a path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Hop {
    pub cable: CableId,
    pub label: String,
    pub from: CableEnd,
    pub to: CableEnd,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Trace {
    pub hops: Vec<Hop>,
    /// The port the path ends at (the start itself when nothing is plugged in).
    pub ends_at: CableEnd,
    /// The path came back to a port it had passed: a cabling mistake worth a look.
    pub looped: bool,
}

/// A path this long is a loop or a mistake; the trace stops there.
pub const MAX_HOPS: usize = 64;

pub fn trace(start: &CableEnd, plant: &dyn CablePlant) -> Trace {
    let mut hops = Vec::new();
    let mut here = start.clone();
    let mut seen = vec![start.clone()];
    let mut looped = false;
    while hops.len() < MAX_HOPS {
        let Some(cable) = plant.cable_at(&here) else {
            break;
        };
        let Some(far) = cable.far_end(&here).cloned() else {
            break;
        };
        hops.push(Hop {
            cable: cable.id,
            label: cable.label.clone(),
            from: here.clone(),
            to: far.clone(),
        });
        let next = match far.role {
            PortRole::Front | PortRole::Rear => plant.pass_through(&far),
            _ => None,
        };
        match next {
            Some(next) if seen.contains(&next) || seen.contains(&far) => {
                looped = true;
                here = far;
                break;
            }
            Some(next) => {
                seen.push(far);
                seen.push(next.clone());
                here = next;
            }
            None => {
                here = far;
                break;
            }
        }
    }
    Trace {
        hops,
        ends_at: here,
        looped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cables::model::CableKind;
    use crate::ids::RackId;

    struct Plant {
        cables: Vec<Cable>,
        panels: Vec<String>,
    }

    impl CablePlant for Plant {
        fn cable_at(&self, end: &CableEnd) -> Option<&Cable> {
            self.cables.iter().find(|c| &c.a == end || &c.b == end)
        }
        fn pass_through(&self, end: &CableEnd) -> Option<CableEnd> {
            if !self.panels.contains(&end.placement) {
                return None;
            }
            let role = match end.role {
                PortRole::Front => PortRole::Rear,
                PortRole::Rear => PortRole::Front,
                _ => return None,
            };
            Some(CableEnd {
                role,
                ..end.clone()
            })
        }
    }

    fn end(rack: u128, placement: &str, role: PortRole, port: &str) -> CableEnd {
        CableEnd {
            rack: RackId(ulid::Ulid(rack)),
            placement: placement.into(),
            role,
            port: port.into(),
        }
    }

    fn cable(n: u128, a: CableEnd, b: CableEnd) -> Cable {
        Cable {
            colour: "blue".into(),
            length: Some(3.0),
            label: format!("C{n}"),
            ..Cable::planned(CableId(ulid::Ulid(n)), a, b, CableKind::Cat6a)
        }
    }

    #[test]
    fn a_trace_crosses_two_patch_panels_to_the_switch() {
        let server = end(1, "srv", PortRole::Interface, "eno1");
        let switch = end(2, "tor", PortRole::Interface, "Ethernet5");
        let plant = Plant {
            cables: vec![
                cable(1, server.clone(), end(1, "pp1", PortRole::Front, "5")),
                // The trunk between the two panels runs rear to rear, stored the other way round.
                cable(
                    2,
                    end(2, "pp2", PortRole::Rear, "5"),
                    end(1, "pp1", PortRole::Rear, "5"),
                ),
                cable(3, end(2, "pp2", PortRole::Front, "5"), switch.clone()),
            ],
            panels: vec!["pp1".into(), "pp2".into()],
        };
        let path = trace(&server, &plant);
        let labels: Vec<&str> = path.hops.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, ["C1", "C2", "C3"]);
        assert_eq!(path.ends_at, switch);
        assert!(!path.looped);
        // Traced from the switch, the same path comes back to the server.
        let back = trace(&switch, &plant);
        assert_eq!(back.ends_at, server);
        assert_eq!(back.hops.len(), 3);
    }

    #[test]
    fn an_empty_port_ends_where_it_starts_and_a_loop_is_reported() {
        let lonely = end(1, "srv", PortRole::Interface, "eno2");
        let plant = Plant {
            cables: Vec::new(),
            panels: Vec::new(),
        };
        let path = trace(&lonely, &plant);
        assert!(path.hops.is_empty());
        assert_eq!(path.ends_at, lonely);

        // A panel's front 1 cabled to its own rear 1: the path would circle for ever.
        let start = end(1, "srv", PortRole::Interface, "eno1");
        let looping = Plant {
            cables: vec![
                cable(1, start.clone(), end(1, "pp", PortRole::Front, "1")),
                cable(
                    2,
                    end(1, "pp", PortRole::Rear, "1"),
                    end(1, "pp", PortRole::Front, "2"),
                ),
                cable(
                    3,
                    end(1, "pp", PortRole::Rear, "2"),
                    end(1, "pp", PortRole::Rear, "1"),
                ),
            ],
            panels: vec!["pp".into()],
        };
        let path = trace(&start, &looping);
        assert!(path.looped, "{path:#?}");
        assert!(path.hops.len() <= 4);
    }
}
