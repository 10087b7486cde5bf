//! Moving a cabled device: the rack move (`racks`), then every cable with an end on the device
//! follows it. A cable's end names the rack it is in, so a move to another rack changes the
//! end; a label made from the scheme names the device's rack and unit, so it is rendered
//! again; and a label already printed that changed is marked to print again
//! ([`Cable::needs_reprint`]), which the cable list shows and the printing of unlabelled cables
//! picks up. Labels typed by hand are left as typed: they may name anything.
//!
//! The move and the cables are two durable writes, the move first: racks do not know cables
//! (areas import one way), and a cable write that fails after the move leaves the labels as
//! they were printed, which the next move of the device (or a relabel) renders again.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::Cable;
use super::ops::CableError;
use crate::ids::RackId;
use crate::racks::{Face, Rack};
use crate::stamp::Stamp;
use crate::store::Workspace;

/// What a move of a device did to its cables.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CablesMoved {
    /// Cables with an end on the device (in service).
    pub cables: u32,
    /// Of those, the ones whose labels changed.
    pub relabelled: u32,
    /// Of those, the ones printed before that must be printed again.
    pub to_reprint: u32,
}

impl Workspace {
    /// Moves a placement (within its rack or into another) and brings its cables along:
    /// their ends, their labels from the scheme, and the reprint mark of printed ones.
    pub fn move_device(
        &self,
        from: RackId,
        placement: &str,
        to: RackId,
        bottom_hu: Option<u32>,
        face: Face,
        stamp: &Stamp,
    ) -> Result<(Rack, CablesMoved), CableError> {
        let rack = self.move_placement(from, placement, to, bottom_hu, face, stamp)?;
        let moved = self.cables_follow_device(from, placement, to, stamp)?;
        Ok((rack, moved))
    }

    /// Every cable with an end on `placement` (found under its old rack `from`) now at `to`.
    fn cables_follow_device(
        &self,
        from: RackId,
        placement: &str,
        to: RackId,
        stamp: &Stamp,
    ) -> Result<CablesMoved, CableError> {
        let cables: Vec<Cable> = {
            let index = self.cable_index();
            let mut seen = std::collections::BTreeMap::new();
            for (_, cable) in index.ports_of_device(from, placement) {
                seen.entry(cable.id).or_insert_with(|| cable.clone());
            }
            seen.into_values().collect()
        };
        let mut report = CablesMoved {
            cables: cables.len() as u32,
            ..CablesMoved::default()
        };
        if cables.is_empty() {
            return Ok(report);
        }
        let template = self.cable_label_template();
        let mut changed = Vec::with_capacity(cables.len());
        {
            let places = self.places();
            for mut cable in cables {
                let original = cable.clone();
                for end in [&mut cable.a, &mut cable.b] {
                    if end.rack == from && end.placement == placement {
                        end.rack = to;
                    }
                }
                if !cable.label_by_hand {
                    let was_flagged = cable.needs_reprint();
                    Self::generate_labels(&places, &template, &mut cable);
                    let now = vec![cable.label.clone(), cable.label_b.clone()];
                    let before = vec![original.label.clone(), original.label_b.clone()];
                    if now != before {
                        report.relabelled += 1;
                        if cable.printed_at_ms.is_some() {
                            if !was_flagged {
                                cable.printed_labels = before;
                            }
                            if cable.printed_labels == now {
                                // Back to what is printed on it (a move undone).
                                cable.relabelled_at_ms = None;
                            } else {
                                cable.relabelled_at_ms = Some(stamp.at_ms);
                                report.to_reprint += 1;
                            }
                        }
                    }
                }
                if cable != original {
                    changed.push(cable);
                }
            }
        }
        if !changed.is_empty() {
            self.write_cables(changed, stamp, "move_device")?;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests;
