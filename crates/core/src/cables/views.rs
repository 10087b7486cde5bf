//! What the cable screens read: rows with both ends named as a person reads them (rack, unit,
//! device, port), a filtered page of them, a device's ports with what is plugged in, and a
//! trace as a path of named hops. Plain DTOs; nothing here writes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::index::CableIndex;
use super::model::{Cable, CableEnd, CableKind, CableStatus, CableTest, LengthUnit, PortRole};
use super::ops::end_facts;
use super::rules::ports_of;
use crate::ids::{CableId, RackId};
use crate::natural::natural_key;
use crate::racks::DeviceTypes;
use crate::racks::PlaceIndex;
use crate::store::Workspace;

/// One end of a cable, named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EndView {
    pub end: CableEnd,
    pub room: String,
    pub rack: String,
    /// The unit the device starts at; `None` for zero-U or parked devices.
    pub unit: Option<u32>,
    pub device: String,
    /// The port's type slug (`25gbase-x-sfp28`, `1000base-t`, `iec-60320-c14`…); empty when
    /// the port is not on the device's type.
    pub port_kind: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CableRow {
    pub id: CableId,
    #[ts(type = "number")]
    pub number: u64,
    pub label: String,
    pub label_b: String,
    pub label_by_hand: bool,
    pub a: EndView,
    pub b: EndView,
    pub kind: CableKind,
    pub colour: String,
    pub length: Option<f64>,
    pub length_unit: LengthUnit,
    pub status: CableStatus,
    #[ts(type = "number | null")]
    pub printed_at_ms: Option<i64>,
    /// Its labels changed after they were printed (a device at an end moved): print again.
    pub needs_reprint: bool,
    pub route_notes: String,
    pub tests: Vec<CableTest>,
}

/// Which cables a list shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CableQuery {
    /// Matches label, device, rack and port, without case.
    pub search: String,
    pub status: Option<CableStatus>,
    pub rack: Option<RackId>,
    /// Only cables in service whose labels were never printed or must be printed again.
    pub unlabelled: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CablePage {
    /// Cables matching the query.
    pub total: u32,
    /// Every cable in the workspace.
    pub all: u32,
    pub offset: u32,
    pub rows: Vec<CableRow>,
}

/// One port of a placed device and what is plugged into it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PortView {
    pub role: PortRole,
    pub name: String,
    pub kind: String,
    /// The cables in it: one, or more after a merge.
    pub cables: Vec<PortCable>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PortCable {
    pub id: CableId,
    pub label: String,
    pub status: CableStatus,
    pub far: EndView,
}

/// A rack to pick a cable's end in, with its site and room (two sites may each have a room
/// of the same name: a picker chooses by both).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RackChoice {
    pub id: RackId,
    pub name: String,
    pub site: String,
    pub room: String,
}

/// A trace as a path of named hops.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TraceView {
    pub start: EndView,
    pub hops: Vec<HopView>,
    pub looped: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HopView {
    pub cable: CableId,
    pub label: String,
    pub kind: CableKind,
    pub status: CableStatus,
    pub from: EndView,
    pub to: EndView,
}

pub(crate) fn end_view(places: &PlaceIndex, end: &CableEnd) -> EndView {
    let facts = end_facts(places, end);
    let port_kind = super::rules::port_kind(places, end)
        .unwrap_or_default()
        .to_owned();
    EndView {
        end: end.clone(),
        room: facts.room,
        rack: facts.rack,
        unit: facts.unit,
        device: facts.device,
        port_kind,
    }
}

fn row(places: &PlaceIndex, cable: &Cable) -> CableRow {
    let (_, label_b) = cable.end_labels();
    CableRow {
        id: cable.id,
        number: cable.number,
        label: cable.label.clone(),
        label_b: label_b.to_owned(),
        label_by_hand: cable.label_by_hand,
        a: end_view(places, &cable.a),
        b: end_view(places, &cable.b),
        kind: cable.kind,
        colour: cable.colour.clone(),
        length: cable.length,
        length_unit: cable.length_unit,
        status: cable.status,
        printed_at_ms: cable.printed_at_ms,
        needs_reprint: cable.needs_reprint(),
        route_notes: cable.route_notes.clone(),
        tests: cable.tests.clone(),
    }
}

/// Whether a cable matches a query's filters and lower-cased search text.
fn matches(places: &PlaceIndex, cable: &Cable, query: &CableQuery, search: &str) -> bool {
    if query.status.is_some_and(|status| status != cable.status)
        || query
            .rack
            .is_some_and(|rack| cable.a.rack != rack && cable.b.rack != rack)
        || (query.unlabelled && !cable.labels_to_print())
    {
        return false;
    }
    if search.is_empty() || cable.label.to_lowercase().contains(search) {
        return true;
    }
    [&cable.a, &cable.b].into_iter().any(|end| {
        let facts = end_facts(places, end);
        [facts.rack, facts.device, facts.port]
            .iter()
            .any(|text| text.to_lowercase().contains(search))
    })
}

impl Workspace {
    /// The cables a query matches, in list order (labels in natural order); the same filters
    /// again (the next page) reuse the last answer until something changes.
    fn query_cables(
        places: &PlaceIndex,
        index: &CableIndex,
        query: &CableQuery,
    ) -> std::sync::Arc<[CableId]> {
        let search = query.search.trim().to_lowercase();
        let filters = format!(
            "{search}\u{0}{:?}\u{0}{:?}\u{0}{}",
            query.status, query.rack, query.unlabelled
        );
        index.matching(filters, |order| {
            order
                .iter()
                .filter(|id| {
                    index
                        .cables
                        .get(id)
                        .is_some_and(|cable| matches(places, cable, query, &search))
                })
                .copied()
                .collect()
        })
    }

    /// A page of cables by label, filtered.
    pub fn cable_page(&self, query: &CableQuery) -> CablePage {
        let places = self.places();
        let index = self.cable_index();
        let found = Self::query_cables(&places, &index, query);
        let limit = if query.limit == 0 { 200 } else { query.limit } as usize;
        CablePage {
            total: found.len() as u32,
            all: index.cables.len() as u32,
            offset: query.offset,
            rows: found
                .iter()
                .skip(query.offset as usize)
                .take(limit)
                .filter_map(|id| index.cables.get(id))
                .map(|cable| row(&places, cable))
                .collect(),
        }
    }

    /// The ids of every cable a query matches, in list order: "select all" across pages.
    pub fn cable_ids(&self, query: &CableQuery) -> Vec<CableId> {
        let places = self.places();
        let index = self.cable_index();
        Self::query_cables(&places, &index, query).to_vec()
    }

    /// Rows for cables not (yet) in the workspace, such as a bulk plan's preview.
    pub fn cable_rows(&self, cables: &[Cable]) -> Vec<CableRow> {
        let places = self.places();
        cables.iter().map(|cable| row(&places, cable)).collect()
    }

    pub fn cable_row(&self, id: CableId) -> Option<CableRow> {
        let places = self.places();
        let index = self.cable_index();
        index.cables.get(&id).map(|cable| row(&places, cable))
    }

    /// Every rack, by room then name, for the end pickers.
    pub fn rack_choices(&self) -> Vec<RackChoice> {
        let places = self.places();
        let mut racks: Vec<RackChoice> = places
            .racks
            .values()
            .map(|rack| {
                let (site, room, _) = places.rack_location(rack);
                RackChoice {
                    id: rack.id,
                    name: rack.name.clone(),
                    site,
                    room,
                }
            })
            .collect();
        racks.sort_by_cached_key(|rack| (natural_key(&rack.room), natural_key(&rack.name)));
        racks
    }

    /// Every port of a placed device, in the order its type lists them, with its cables.
    pub fn device_ports(&self, rack: RackId, placement: &str) -> Vec<PortView> {
        let places = self.places();
        let index = self.cable_index();
        let Some(device) = places
            .racks
            .get(&rack)
            .and_then(|r| r.placements.get(placement))
            .and_then(|p| places.device_type(&p.device_type))
        else {
            return Vec::new();
        };
        let mut ports = Vec::new();
        for role in [
            PortRole::Interface,
            PortRole::Front,
            PortRole::Rear,
            PortRole::Console,
            PortRole::Power,
        ] {
            for port in ports_of(device, role) {
                let end = CableEnd {
                    rack,
                    placement: placement.to_owned(),
                    role,
                    port: port.name.clone(),
                };
                ports.push(PortView {
                    role,
                    name: port.name.clone(),
                    kind: port.kind.clone(),
                    cables: port_cables(&places, &index, &end),
                });
            }
        }
        ports
    }

    /// The path from a port, with every end named.
    pub fn cable_trace_view(&self, start: &CableEnd) -> TraceView {
        let trace = self.cable_trace(start);
        let places = self.places();
        let index = self.cable_index();
        TraceView {
            start: end_view(&places, start),
            hops: trace
                .hops
                .iter()
                // Every hop's cable is in the index the trace walked.
                .filter_map(|hop| {
                    let cable = index.cables.get(&hop.cable)?;
                    Some(HopView {
                        cable: hop.cable,
                        label: hop.label.clone(),
                        kind: cable.kind,
                        status: cable.status,
                        from: end_view(&places, &hop.from),
                        to: end_view(&places, &hop.to),
                    })
                })
                .collect(),
            looped: trace.looped,
        }
    }
}

fn port_cables(places: &PlaceIndex, index: &CableIndex, end: &CableEnd) -> Vec<PortCable> {
    index
        .all_at(end)
        .filter_map(|cable| {
            Some(PortCable {
                id: cable.id,
                label: cable.label.clone(),
                status: cable.status,
                far: end_view(places, cable.far_end(end)?),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
