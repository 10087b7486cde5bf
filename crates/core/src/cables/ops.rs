//! Cable writes and reads on a workspace: add one (refused with every reason), import a CSV
//! (all or nothing), list, trace, and the rules broken in merged state. Each cable is one
//! document written through the same staging as racks, in one durable batch.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv_io::{self, CableFileError, CableRowProblem, DeviceNames};
use super::labels::{EndFacts, Template, TemplateError};
use super::model::{Cable, CableEnd, CableKind, CableStatus, CableTest, LengthUnit};
use super::rules::{self, check_cable, normalise_label, CableInvariant, CableProblem};
use super::trace::{trace, Trace};
use crate::ids::{CableId, RackId};
use crate::racks::index::PlaceIndex;
use crate::racks::places::PlaceRecord;
use crate::racks::RackError;
use crate::stamp::Stamp;
use crate::store::Workspace;

/// A cable to add; an empty label is generated from the workspace's template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CableDraft {
    pub a: CableEnd,
    pub b: CableEnd,
    pub kind: CableKind,
    pub colour: String,
    pub length: Option<f64>,
    pub length_unit: LengthUnit,
    pub label: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CableError {
    #[error("the cable cannot be added: {0:?}")]
    Refused(Vec<CableProblem>),
    #[error(transparent)]
    File(#[from] CableFileError),
    #[error("nothing was imported: {} problems in the rows", .0.len())]
    Rows(Vec<CableRowProblem>),
    #[error("nothing was imported: {} cables break the cable rules", .0.len())]
    RefusedRows(Vec<(u32, CableProblem)>),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Rack(#[from] RackError),
}

/// What a label can say about an end, from the places index.
pub(crate) fn end_facts(places: &PlaceIndex, end: &CableEnd) -> EndFacts {
    let Some(rack) = places.racks.get(&end.rack) else {
        return EndFacts {
            port: end.port.clone(),
            ..EndFacts::default()
        };
    };
    let (site, room, row) = places.rack_location(rack);
    let placement = rack.placements.get(&end.placement);
    EndFacts {
        site,
        room,
        row,
        rack: rack.name.clone(),
        unit: placement
            .and_then(|p| p.bottom_hu)
            .map(|hu| rack.unit_number(hu)),
        device: placement.map(|p| p.label.clone()).unwrap_or_default(),
        port: end.port.clone(),
    }
}

impl Workspace {
    /// The label template of this workspace (the TIA-606-style default for now).
    pub fn cable_label_template(&self) -> Template {
        Template::tia606()
    }

    /// Adds a cable, or refuses it with every rule it breaks; nothing is written then.
    pub fn add_cable(
        &self,
        id: CableId,
        draft: &CableDraft,
        stamp: &Stamp,
    ) -> Result<Cable, CableError> {
        let cable = {
            let places = self.places();
            let mut cable = Cable {
                id,
                a: draft.a.clone(),
                b: draft.b.clone(),
                kind: draft.kind,
                colour: draft.colour.trim().into(),
                length: draft.length,
                length_unit: draft.length_unit,
                status: CableStatus::Planned,
                label: draft.label.trim().into(),
                route_notes: String::new(),
                tests: Vec::new(),
            };
            if cable.label.is_empty() {
                let number = self.cable_index().cables.len() as u64 + 1;
                cable.label = self.cable_label_template().render(
                    &end_facts(&places, &cable.a),
                    &end_facts(&places, &cable.b),
                    number,
                );
            }
            let (ports, labels) = self.taken_ports_and_labels();
            let problems = check_cable(&cable, &places, &ports, &labels);
            if !problems.is_empty() {
                return Err(CableError::Refused(problems));
            }
            cable
        };
        self.insert_place_records(
            vec![PlaceRecord::Cable(Box::new(cable.clone()))],
            Vec::new(),
            stamp,
            "add_cable",
        )?;
        Ok(cable)
    }

    /// The ports and labels cables already hold.
    pub(crate) fn taken_ports_and_labels(
        &self,
    ) -> (
        HashMap<CableEnd, (CableId, String)>,
        HashMap<String, CableId>,
    ) {
        let index = self.cable_index();
        let mut ports = HashMap::with_capacity(index.cables.len() * 2);
        let mut labels = HashMap::with_capacity(index.cables.len());
        for cable in index.cables.values() {
            for end in [&cable.a, &cable.b] {
                ports.insert(end.clone(), (cable.id, cable.label.clone()));
            }
            labels.insert(normalise_label(&cable.label), cable.id);
        }
        (ports, labels)
    }

    /// Imports cables from a CSV with NetBox's columns: every row, or none when any row has a
    /// problem (listed by line) or a cable breaks a rule against the others or the file.
    pub fn import_cables_csv(
        &self,
        bytes: &[u8],
        new_id: impl FnMut() -> CableId,
        stamp: &Stamp,
    ) -> Result<Vec<Cable>, CableError> {
        let rows = csv_io::parse(bytes)?;
        let mut cables = {
            let places = self.places();
            let assets = self.index();
            let names = DeviceNames::new(&places, |id| {
                assets.get(&id).map(|row| row.asset.asset_tag.clone())
            });
            let (cables, problems) = names.resolve(&rows, new_id);
            if !problems.is_empty() {
                return Err(CableError::Rows(problems));
            }
            cables
        };
        let places = self.places();
        let template = self.cable_label_template();
        let (mut ports, mut labels) = self.taken_ports_and_labels();
        let mut refused = Vec::new();
        let first_number = self.cable_index().cables.len() as u64 + 1;
        for (n, (cable, row)) in cables.iter_mut().zip(&rows).enumerate() {
            if cable.label.is_empty() {
                cable.label = template.render(
                    &end_facts(&places, &cable.a),
                    &end_facts(&places, &cable.b),
                    first_number + n as u64,
                );
            }
            for problem in check_cable(cable, &places, &ports, &labels) {
                refused.push((row.line, problem));
            }
            // Later rows see this one's ports and label.
            for end in [&cable.a, &cable.b] {
                ports.insert(end.clone(), (cable.id, cable.label.clone()));
            }
            labels.insert(normalise_label(&cable.label), cable.id);
        }
        drop(places);
        if !refused.is_empty() {
            return Err(CableError::RefusedRows(refused));
        }
        let records = cables
            .iter()
            .map(|cable| PlaceRecord::Cable(Box::new(cable.clone())))
            .collect();
        self.insert_place_records(records, Vec::new(), stamp, "import_cables")?;
        Ok(cables)
    }

    /// The port a device (placement label or asset tag) and port name point at.
    pub fn find_port(&self, device: &str, port: &str) -> Result<CableEnd, csv_io::CableRowCode> {
        let places = self.places();
        let assets = self.index();
        DeviceNames::new(&places, |id| {
            assets.get(&id).map(|row| row.asset.asset_tag.clone())
        })
        .end(device, port)
    }

    /// The label printed on each end of a cable: near end first, from the template.
    pub fn cable_end_labels(&self, cable: &Cable, number: u64) -> (String, String) {
        let places = self.places();
        let (a, b) = (end_facts(&places, &cable.a), end_facts(&places, &cable.b));
        let template = self.cable_label_template();
        (
            template.render(&a, &b, number),
            template.render(&b, &a, number),
        )
    }

    /// Every cable as CSV with NetBox's columns; reads back with `import_cables_csv`.
    pub fn export_cables_csv(
        &self,
        writer: impl std::io::Write,
        bom: bool,
    ) -> Result<usize, csv::Error> {
        let cables = self.cables();
        csv_io::export(&cables, &self.places(), writer, bom)?;
        Ok(cables.len())
    }

    /// Records a test of a cable (pass or fail, who, when, what was measured); the cable
    /// becomes tested or failed. Failed cables are listed by `failed_cables`.
    pub fn record_cable_test(
        &self,
        id: CableId,
        test: CableTest,
        stamp: &Stamp,
    ) -> Result<Cable, CableError> {
        let mut cable =
            self.cable_index()
                .cables
                .get(&id)
                .cloned()
                .ok_or_else(|| RackError::NotFound {
                    what: "cable",
                    id: id.to_string(),
                })?;
        cable.status = if test.passed {
            CableStatus::Tested
        } else {
            CableStatus::Failed
        };
        cable.tests.push(test);
        self.insert_place_records(
            vec![PlaceRecord::Cable(Box::new(cable.clone()))],
            Vec::new(),
            stamp,
            "cable_test",
        )?;
        Ok(cable)
    }

    /// Cables whose last test failed.
    pub fn failed_cables(&self) -> Vec<Cable> {
        self.cables()
            .into_iter()
            .filter(|cable| cable.status == CableStatus::Failed)
            .collect()
    }

    /// Every cable, by label.
    pub fn cables(&self) -> Vec<Cable> {
        let mut all: Vec<Cable> = self.cable_index().cables.values().cloned().collect();
        all.sort_by(|a, b| a.label.cmp(&b.label));
        all
    }

    /// The cables plugged into one placed device, by port.
    pub fn device_port_map(&self, rack: RackId, placement: &str) -> Vec<(CableEnd, Cable)> {
        self.cable_index()
            .ports_of_device(rack, placement)
            .into_iter()
            .map(|(end, cable)| (end.clone(), cable.clone()))
            .collect()
    }

    /// The path from a port through cables and patch panels to its far end.
    pub fn cable_trace(&self, start: &CableEnd) -> Trace {
        let places = self.places();
        let cables = self.cable_index();
        trace(
            start,
            &super::index::Plant {
                cables: &cables,
                places: &places,
            },
        )
    }

    /// The cable invariants as inbox findings, with the port and the cables' labels spelled
    /// out (`A-R01 / web-01 / eno1`).
    pub fn cable_findings(&self) -> Vec<crate::findings::Finding> {
        let broken = self.cable_invariants();
        let places = self.places();
        let cables = self.cable_index();
        let label = |id: &CableId| {
            cables
                .cables
                .get(id)
                .map(|c| c.label.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let port = |end: &CableEnd| {
            let facts = end_facts(&places, end);
            format!("{} / {} / {}", facts.rack, facts.device, facts.port)
        };
        broken
            .into_iter()
            .map(|invariant| {
                let (port, labels) = match &invariant {
                    CableInvariant::PortShared { end, cables } => {
                        (port(end), cables.iter().map(label).collect())
                    }
                    CableInvariant::LabelShared { cables, .. } => {
                        (String::new(), cables.iter().map(label).collect())
                    }
                    CableInvariant::KindDoesNotFit { cable, end } => {
                        (port(end), vec![label(cable)])
                    }
                };
                crate::findings::Finding::CableRule {
                    invariant,
                    port,
                    labels,
                }
            })
            .collect()
    }

    /// Cable rules broken in merged state (shared ports, shared labels, kinds that do not fit).
    pub fn cable_invariants(&self) -> Vec<CableInvariant> {
        let places = self.places();
        let cables = self.cable_index();
        let mut all: Vec<&Cable> = cables.cables.values().collect();
        all.sort_by_key(|cable| cable.id);
        rules::invariants(all.into_iter(), &places)
    }
}

#[cfg(test)]
pub(crate) mod tests;
