//! The in-memory index of a workspace's cables: by id, by port (for "what is plugged in
//! here", at most one cable per port unless a merge put two there) and by label. Read from the
//! cable projections when a workspace opens, kept in step by every write and merge.

use std::collections::HashMap;

use super::model::{Cable, CableEnd, PortRole};
use super::rules::{normalise_label, ports_of};
use super::trace::CablePlant;
use crate::ids::CableId;
use crate::racks::index::PlaceIndex;
use crate::racks::places::load_projections;
use crate::racks::rules::DeviceTypes;
use crate::store::kv::Tree;
use crate::store::StoreError;

#[derive(Default)]
pub struct CableIndex {
    pub cables: HashMap<CableId, Cable>,
    /// Port → the cables in it (more than one only after a merge).
    ports: HashMap<CableEnd, Vec<CableId>>,
    labels: HashMap<String, Vec<CableId>>,
}

impl CableIndex {
    pub fn load(tree: &dyn Tree) -> Result<CableIndex, StoreError> {
        let mut index = CableIndex::default();
        for cable in load_projections::<Cable>(tree)? {
            index.upsert(cable);
        }
        Ok(index)
    }

    pub fn upsert(&mut self, cable: Cable) {
        self.forget(cable.id);
        for end in [&cable.a, &cable.b] {
            self.ports.entry(end.clone()).or_default().push(cable.id);
        }
        let label = normalise_label(&cable.label);
        if !label.is_empty() {
            self.labels.entry(label).or_default().push(cable.id);
        }
        self.cables.insert(cable.id, cable);
    }

    fn forget(&mut self, id: CableId) {
        let Some(old) = self.cables.remove(&id) else {
            return;
        };
        for end in [&old.a, &old.b] {
            if let Some(list) = self.ports.get_mut(end) {
                list.retain(|other| *other != id);
                if list.is_empty() {
                    self.ports.remove(end);
                }
            }
        }
        let label = normalise_label(&old.label);
        if let Some(list) = self.labels.get_mut(&label) {
            list.retain(|other| *other != id);
            if list.is_empty() {
                self.labels.remove(&label);
            }
        }
    }

    /// The cable in a port (the first, if a merge put two there).
    pub fn at(&self, end: &CableEnd) -> Option<&Cable> {
        self.ports
            .get(end)
            .and_then(|ids| ids.first())
            .and_then(|id| self.cables.get(id))
    }

    /// The cable holding a label, if any.
    pub fn with_label(&self, label: &str) -> Option<&Cable> {
        self.labels
            .get(&normalise_label(label))
            .and_then(|ids| ids.first())
            .and_then(|id| self.cables.get(id))
    }

    /// Every cabled port of one placed device, with its cable: the device's port map.
    pub fn ports_of_device(
        &self,
        rack: crate::ids::RackId,
        placement: &str,
    ) -> Vec<(&CableEnd, &Cable)> {
        let mut used: Vec<(&CableEnd, &Cable)> = self
            .ports
            .iter()
            .filter(|(end, _)| end.rack == rack && end.placement == placement)
            .filter_map(|(end, ids)| Some((end, self.cables.get(ids.first()?)?)))
            .collect();
        used.sort_by(|a, b| (a.0.role, &a.0.port).cmp(&(b.0.role, &b.0.port)));
        used
    }
}

/// Cables and places together: what a trace walks through.
pub struct Plant<'a> {
    pub cables: &'a CableIndex,
    pub places: &'a PlaceIndex,
}

impl CablePlant for Plant<'_> {
    fn cable_at(&self, end: &CableEnd) -> Option<&Cable> {
        self.cables.at(end)
    }

    /// A patch panel's front port N passes to its rear port N (by position in the type's
    /// lists, so `1`…`48` on both sides, or any names in the same order).
    fn pass_through(&self, end: &CableEnd) -> Option<CableEnd> {
        let placement = self
            .places
            .racks
            .get(&end.rack)?
            .placements
            .get(&end.placement)?;
        let device = self.places.device_type(&placement.device_type)?;
        let (from, to) = match end.role {
            PortRole::Front => (PortRole::Front, PortRole::Rear),
            PortRole::Rear => (PortRole::Rear, PortRole::Front),
            _ => return None,
        };
        let position = ports_of(device, from)
            .iter()
            .position(|p| p.name == end.port)?;
        let other = ports_of(device, to).get(position)?;
        Some(CableEnd {
            role: to,
            port: other.name.clone(),
            ..end.clone()
        })
    }
}
