//! The workspace's label naming scheme: read it, try a new one on the cables there are, and
//! set it. Setting it relabels every cable whose label was generated and never printed (a
//! printed label is on the floor; a typed one was chosen), in the same durable batch, or
//! nothing when the new labels would clash.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::labels::{EndFacts, Template, DEFAULT_TEMPLATE};
use super::model::{Cable, LabelScheme};
use super::ops::{end_facts, CableError};
use super::rules::{normalise_label, CableProblem};
use crate::ids::ItemId;
use crate::record::write::Whole;
use crate::stamp::Stamp;
use crate::store::Workspace;

/// The scheme in force, for the settings screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SchemeView {
    pub template: String,
    pub default_template: String,
    /// Who set it and when; `None` while the default is in force.
    pub set_by: Option<String>,
    #[ts(type = "number | null")]
    pub set_at_ms: Option<i64>,
}

/// What a template would make of the workspace's cables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SchemePreview {
    /// A few cables' labels as they are and as the template would make them.
    pub examples: Vec<(String, String)>,
    /// How many cables would get another label (generated, never printed, in service).
    pub relabelled: u32,
    /// Labels the template would give to more than one cable.
    pub clashes: Vec<String>,
}

/// Example ends for a workspace with no cables yet.
fn sample_ends() -> (EndFacts, EndFacts) {
    let end = |rack: &str, unit, device: &str, port: &str| EndFacts {
        site: "PT1".into(),
        room: "A".into(),
        row: "A".into(),
        rack: rack.into(),
        unit: Some(unit),
        device: device.into(),
        port: port.into(),
    };
    (
        end("A-R01", 12, "web-01", "eno1"),
        end("A-R20", 41, "tor-1", "Ethernet7"),
    )
}

impl Workspace {
    pub fn label_scheme(&self) -> SchemeView {
        let index = self.cable_index();
        let scheme = index.scheme();
        SchemeView {
            template: scheme
                .map(|s| s.template.clone())
                .unwrap_or_else(|| DEFAULT_TEMPLATE.to_owned()),
            default_template: DEFAULT_TEMPLATE.to_owned(),
            set_by: scheme.map(|s| s.set_by.clone()),
            set_at_ms: scheme.map(|s| s.set_at_ms),
        }
    }

    /// The cables `template` would relabel, relabelled, and the labels that would clash.
    fn relabel_with(&self, template: &Template) -> (Vec<Cable>, Vec<String>) {
        let places = self.places();
        let index = self.cable_index();
        let mut relabelled = Vec::new();
        let mut taken: std::collections::HashMap<String, u32> = Default::default();
        for cable in index.cables.values().filter(|c| c.holds_ports()) {
            let mut cable = cable.clone();
            if !cable.label_by_hand && cable.printed_at_ms.is_none() {
                let before = (cable.label.clone(), cable.label_b.clone());
                Self::generate_labels(&places, template, &mut cable);
                if (&cable.label, &cable.label_b) != (&before.0, &before.1) {
                    relabelled.push(cable.clone());
                }
            }
            *taken.entry(normalise_label(&cable.label)).or_default() += 1;
        }
        let mut clashes: Vec<String> = relabelled
            .iter()
            .filter(|cable| taken.get(&normalise_label(&cable.label)).copied() > Some(1))
            .map(|cable| cable.label.clone())
            .collect();
        clashes.sort();
        clashes.dedup();
        relabelled.sort_by(|a, b| a.number.cmp(&b.number).then(a.id.cmp(&b.id)));
        (relabelled, clashes)
    }

    /// What `text` would make of the cables there are; a template that does not parse is an
    /// error with its position.
    pub fn preview_label_scheme(&self, text: &str) -> Result<SchemePreview, CableError> {
        let template = Template::parse(text)?;
        let (relabelled, clashes) = self.relabel_with(&template);
        let mut examples: Vec<(String, String)> = {
            let index = self.cable_index();
            relabelled
                .iter()
                .take(5)
                .map(|new| {
                    let old = index.cables.get(&new.id).map(|c| c.label.clone());
                    (old.unwrap_or_default(), new.label.clone())
                })
                .collect()
        };
        if examples.is_empty() {
            let (a, b) = sample_ends();
            let places = self.places();
            let from_cable = self.cable_index().cables.values().next().map(|cable| {
                (
                    cable.label.clone(),
                    template.render(
                        &end_facts(&places, &cable.a),
                        &end_facts(&places, &cable.b),
                        cable.number,
                    ),
                )
            });
            examples.push(from_cable.unwrap_or_else(|| {
                (
                    Template::tia606().render(&a, &b, 1),
                    template.render(&a, &b, 1),
                )
            }));
        }
        Ok(SchemePreview {
            examples,
            relabelled: relabelled.len() as u32,
            clashes,
        })
    }

    /// Sets the scheme and relabels the cables it applies to, in one durable batch; refused
    /// (nothing written) when the template does not parse or its labels would clash.
    /// `new_id` names the scheme's document if this workspace has none yet.
    pub fn set_label_scheme(
        &self,
        text: &str,
        new_id: ItemId,
        stamp: &Stamp,
    ) -> Result<u32, CableError> {
        let template = Template::parse(text)?;
        let (relabelled, clashes) = self.relabel_with(&template);
        if !clashes.is_empty() {
            return Err(CableError::Refused(
                clashes
                    .into_iter()
                    .map(|label| CableProblem::LabelTaken { label })
                    .collect(),
            ));
        }
        let id = self.cable_index().scheme().map_or(new_id, |s| s.id);
        let scheme = LabelScheme {
            id,
            template: text.trim().to_owned(),
            set_at_ms: stamp.at_ms,
            set_by: stamp.author.name.clone(),
        };
        let count = relabelled.len() as u32;
        let mut records = vec![Whole::new(scheme)];
        records.extend(relabelled.into_iter().map(Whole::new));
        self.insert_place_records(records, Vec::new(), stamp, "label_scheme")?;
        Ok(count)
    }
}

#[cfg(test)]
mod tests;
