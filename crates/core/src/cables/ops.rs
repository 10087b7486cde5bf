//! Cable writes and reads on a workspace: add one (refused with every reason), import a CSV
//! (all or nothing), list, trace, and the rules broken in merged state. Each cable is one
//! document written through the same staging as racks, in one durable batch. Edits, status
//! changes and printed marks are in `edit.rs`, tests in `testing.rs`, the label scheme in
//! `scheme.rs`, and what screens read in `views.rs`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv_io::{self, DeviceNames};
use super::labels::{EndFacts, Template, TemplateError};
use super::model::{Cable, CableEnd, CableKind, CableStatus, LengthUnit};
use super::rules::{self, check_cable, normalise_label, CableInvariant, CableProblem};
use super::trace::{trace, Trace};
use crate::csv_file::{CsvFileError, CsvOptions};
use crate::ids::{CableId, RackId};
use crate::racks::PlaceIndex;
use crate::racks::RackError;
use crate::record::write::Whole;
use crate::stamp::Stamp;
use crate::store::Workspace;
use crate::text::{check_fields, TextRule};

/// A cable to add; an empty label is generated from the workspace's template.
/// A cable rule broken in merged state, with the port and the cables' labels spelled out for
/// people (the findings inbox shows it).
#[derive(Clone, Debug, PartialEq)]
pub struct CableRuleFinding {
    pub invariant: CableInvariant,
    pub port: String,
    pub labels: Vec<String>,
}

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
    #[error("nothing was imported: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    File(Vec<CsvFileError>),
    /// A field holds what it may not (a control character), each by its field.
    #[error("not saved: {}", crate::problem::lines(.0))]
    Invalid(Vec<crate::problem::Problem>),
    #[error("nothing was imported or recorded: {} problems in the rows", .0.len())]
    Rows(Vec<crate::problem::Problem>),
    #[error("nothing was imported: {} cables break the cable rules", .0.len())]
    RefusedRows(Vec<(u32, CableProblem)>),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("{label}: a cable cannot go from {} to {} by hand", from.code(), to.code())]
    Transition {
        label: String,
        from: CableStatus,
        to: CableStatus,
    },
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
    /// The label template in force: the workspace's scheme, or the TIA-606-style default.
    pub fn cable_label_template(&self) -> Template {
        self.cable_index()
            .scheme()
            .and_then(|scheme| Template::parse(&scheme.template).ok())
            .unwrap_or_else(Template::tia606)
    }

    /// Gives a cable its labels from `template`: the A end's, and the B end's (far end first).
    pub(crate) fn generate_labels(places: &PlaceIndex, template: &Template, cable: &mut Cable) {
        let (a, b) = (end_facts(places, &cable.a), end_facts(places, &cable.b));
        cable.label = template.render(&a, &b, cable.number);
        cable.label_b = template.render(&b, &a, cable.number);
        cable.label_by_hand = false;
    }

    /// Fills in what a new cable gets: its number, and its labels unless it brought one
    /// (which is then kept as typed, on both ends).
    pub(crate) fn number_and_label(
        places: &PlaceIndex,
        template: &Template,
        cable: &mut Cable,
        number: u64,
    ) {
        cable.number = number;
        cable.label = cable.label.trim().to_owned();
        if cable.label.is_empty() {
            Self::generate_labels(places, template, cable);
        } else {
            cable.label_b = String::new();
            cable.label_by_hand = true;
        }
    }

    /// Adds a cable, or refuses it with every rule it breaks; nothing is written then.
    pub fn add_cable(
        &self,
        id: CableId,
        draft: &CableDraft,
        stamp: &Stamp,
    ) -> Result<Cable, CableError> {
        let unreadable = check_fields([
            ("colour", draft.colour.trim(), TextRule::SingleLine),
            ("label", draft.label.trim(), TextRule::SingleLine),
        ]);
        if !unreadable.is_empty() {
            return Err(CableError::Invalid(unreadable));
        }
        let cable = {
            let places = self.places();
            let mut cable = Cable {
                colour: draft.colour.trim().into(),
                length: draft.length,
                length_unit: draft.length_unit,
                label: draft.label.clone(),
                ..Cable::planned(id, draft.a.clone(), draft.b.clone(), draft.kind)
            };
            let number = self.cable_index().next_number();
            Self::number_and_label(&places, &self.cable_label_template(), &mut cable, number);
            let (ports, labels) = self.taken_ports_and_labels();
            let problems = check_cable(&cable, &places, &ports, &labels);
            if !problems.is_empty() {
                return Err(CableError::Refused(problems));
            }
            cable
        };
        self.write_cables(vec![cable.clone()], stamp, "add_cable")?;
        Ok(cable)
    }

    /// Writes whole cables in one durable batch and updates the index.
    pub(crate) fn write_cables(
        &self,
        cables: Vec<Cable>,
        stamp: &Stamp,
        op: &str,
    ) -> Result<(), CableError> {
        let records = cables.into_iter().map(Whole::new).collect();
        self.insert_place_records(records, Vec::new(), stamp, op)?;
        Ok(())
    }

    /// The ports and labels cables already hold (a decommissioned cable holds neither).
    pub(crate) fn taken_ports_and_labels(
        &self,
    ) -> (
        HashMap<CableEnd, (CableId, String)>,
        HashMap<String, CableId>,
    ) {
        let index = self.cable_index();
        let mut ports = HashMap::with_capacity(index.cables.len() * 2);
        let mut labels = HashMap::with_capacity(index.cables.len());
        for cable in index.cables.values().filter(|cable| cable.holds_ports()) {
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
        options: CsvOptions,
        new_id: impl FnMut() -> CableId,
        stamp: &Stamp,
    ) -> Result<Vec<Cable>, CableError> {
        let csv_io::CableFile { rows, problems } = csv_io::parse(bytes, options)?;
        if !problems.is_empty() {
            return Err(CableError::Rows(problems));
        }
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
        let first_number = self.cable_index().next_number();
        for (n, (cable, row)) in cables.iter_mut().zip(&rows).enumerate() {
            Self::number_and_label(&places, &template, cable, first_number + n as u64);
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
        // The rows were only needed for their lines: a 100,000-row file's are ~50 MB.
        drop(rows);
        if !refused.is_empty() {
            return Err(CableError::RefusedRows(refused));
        }
        self.write_cables(cables.clone(), stamp, "import_cables")?;
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

    /// Cables whose last test failed.
    pub fn failed_cables(&self) -> Vec<Cable> {
        self.cables()
            .into_iter()
            .filter(|cable| cable.status == CableStatus::Failed)
            .collect()
    }

    /// The cable with this id or label (a decommissioned cable only by id).
    pub fn find_cable(&self, id_or_label: &str) -> Option<CableId> {
        self.cable_index().find(id_or_label).map(|cable| cable.id)
    }

    /// Every cable, by label (natural order).
    pub fn cables(&self) -> Vec<Cable> {
        let mut all: Vec<Cable> = self.cable_index().cables.values().cloned().collect();
        all.sort_by_cached_key(|cable| (crate::natural::natural_key(&cable.label), cable.id));
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
    pub fn cable_findings(&self) -> Vec<CableRuleFinding> {
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
                CableRuleFinding {
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
        // A decommissioned cable is out of the rack: it holds no port and no label.
        let mut all: Vec<&Cable> = cables
            .cables
            .values()
            .filter(|cable| cable.holds_ports())
            .collect();
        all.sort_by_key(|cable| cable.id);
        rules::invariants(all.into_iter(), &places)
    }
}

#[cfg(test)]
pub(crate) mod tests;
