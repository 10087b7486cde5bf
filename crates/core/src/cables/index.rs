//! The in-memory index of a workspace's cables: by id, by port (for "what is plugged in
//! here", at most one cable per port unless a merge put two there) and by label. Read from the
//! cable projections when a workspace opens, kept in step by every write and merge.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::model::{Cable, CableEnd, LabelScheme, PortRole};
use super::rules::{normalise_label, ports_of};
use super::trace::CablePlant;
use crate::ids::{CableId, ItemId, RackId};
use crate::natural::natural_key;
use crate::racks::DeviceTypes;
use crate::racks::PlaceIndex;
use crate::record::aggregate::load_projections;
use crate::record::Index;
use crate::store::kv::Tree;
use crate::store::StoreError;

#[derive(Default)]
pub struct CableIndex {
    pub cables: HashMap<CableId, Cable>,
    /// Port → the cables in it (more than one only after a merge). Decommissioned cables
    /// hold no port.
    ports: HashMap<CableEnd, Vec<CableId>>,
    /// Placed device (rack, placement) → the cables plugged into it: a port map without
    /// scanning every port.
    devices: HashMap<(RackId, String), Vec<CableId>>,
    /// Label → cables; decommissioned cables give their label up, like their ports.
    labels: HashMap<String, Vec<CableId>>,
    /// Every label scheme document; the effective one is the one set last.
    schemes: HashMap<ItemId, LabelScheme>,
    /// The highest cable number given so far.
    max_number: u64,
    /// Every cable in list order (labels in natural order, then id), made the first time it
    /// is asked for after a label changed: a list scrolled page by page sorts once, not per
    /// page, and a status change does not sort again.
    order: Mutex<Option<Arc<[CableId]>>>,
    /// The last list query's filters and the cables they matched, in list order, until the
    /// next change: scrolling a filtered or searched list filters once.
    matched: Mutex<Option<(String, Arc<[CableId]>)>>,
}

impl Index for CableIndex {
    /// Cable ends are named from places: a list answer kept from before a place changed is
    /// stale.
    const WATCHES: &'static [&'static str] = &["site", "room", "rack", "devicetype"];

    fn load(tree: &dyn Tree) -> Result<CableIndex, StoreError> {
        let mut index = CableIndex::default();
        for cable in load_projections::<Cable>(tree)? {
            index.upsert(cable);
        }
        for scheme in load_projections::<LabelScheme>(tree)? {
            index.upsert_scheme(scheme);
        }
        Ok(index)
    }

    fn kinds_changed(&mut self) {
        self.changed();
    }
}

impl CableIndex {
    /// Every label scheme document.
    pub fn schemes(&self) -> impl Iterator<Item = &LabelScheme> {
        self.schemes.values()
    }

    /// Room for `additional` more cables, before many are upserted at once.
    pub fn reserve(&mut self, additional: usize) {
        self.cables.reserve(additional);
        self.ports.reserve(additional * 2);
        self.labels.reserve(additional);
    }

    pub fn upsert(&mut self, cable: Cable) {
        let same_label = self
            .cables
            .get(&cable.id)
            .is_some_and(|old| old.label == cable.label);
        self.forget(cable.id);
        if !same_label {
            *lock(self.order.get_mut()) = None;
        }
        self.changed();
        if cable.holds_ports() {
            for end in [&cable.a, &cable.b] {
                self.ports.entry(end.clone()).or_default().push(cable.id);
            }
        }
        for key in device_keys(&cable) {
            self.devices.entry(key).or_default().push(cable.id);
        }
        let label = normalise_label(&cable.label);
        if !label.is_empty() && cable.holds_ports() {
            self.labels.entry(label).or_default().push(cable.id);
        }
        self.max_number = self.max_number.max(cable.number);
        self.cables.insert(cable.id, cable);
    }

    pub fn upsert_scheme(&mut self, scheme: LabelScheme) {
        self.schemes.insert(scheme.id, scheme);
    }

    /// The scheme in force: the one set last (ties broken by id, so every device agrees).
    pub fn scheme(&self) -> Option<&LabelScheme> {
        self.schemes
            .values()
            .max_by(|a, b| (a.set_at_ms, a.id).cmp(&(b.set_at_ms, b.id)))
    }

    /// The number the next cable gets.
    pub fn next_number(&self) -> u64 {
        self.max_number.max(self.cables.len() as u64) + 1
    }

    /// Forgets the last query's matches: a cable, or a place its ends are named from, changed.
    pub fn changed(&mut self) {
        *lock(self.matched.get_mut()) = None;
    }

    /// The cables `filters` (a query without its window, as a key) matched last time, or those
    /// `find` matches now, kept for the next page.
    pub fn matching(
        &self,
        filters: String,
        find: impl FnOnce(&[CableId]) -> Vec<CableId>,
    ) -> Arc<[CableId]> {
        let mut matched = lock(self.matched.lock());
        if let Some((key, ids)) = matched.as_ref() {
            if *key == filters {
                return ids.clone();
            }
        }
        let ids: Arc<[CableId]> = find(&self.in_label_order()).into();
        *matched = Some((filters, ids.clone()));
        ids
    }

    /// Every cable id in list order: labels in natural order (`A-R02-U42-2` before
    /// `A-R02-U42-10`), ties by id.
    pub fn in_label_order(&self) -> Arc<[CableId]> {
        let mut order = lock(self.order.lock());
        order
            .get_or_insert_with(|| {
                let mut ids: Vec<(String, CableId)> = self
                    .cables
                    .values()
                    .map(|cable| (natural_key(&cable.label), cable.id))
                    .collect();
                ids.sort_unstable();
                ids.into_iter().map(|(_, id)| id).collect()
            })
            .clone()
    }

    fn forget(&mut self, id: CableId) {
        let Some(old) = self.cables.remove(&id) else {
            return;
        };
        for end in [&old.a, &old.b] {
            remove_from(&mut self.ports, end, id);
        }
        for key in device_keys(&old) {
            remove_from(&mut self.devices, &key, id);
        }
        remove_from(&mut self.labels, &normalise_label(&old.label), id);
    }

    /// The cable in a port (the first, if a merge put two there).
    pub fn at(&self, end: &CableEnd) -> Option<&Cable> {
        self.ports
            .get(end)
            .and_then(|ids| ids.first())
            .and_then(|id| self.cables.get(id))
    }

    /// Every cable in a port: more than one only after a merge.
    pub fn all_at(&self, end: &CableEnd) -> impl Iterator<Item = &Cable> {
        self.ports
            .get(end)
            .into_iter()
            .flatten()
            .filter_map(|id| self.cables.get(id))
    }

    /// The cable holding a label, if any.
    pub fn with_label(&self, label: &str) -> Option<&Cable> {
        self.labels
            .get(&normalise_label(label))
            .and_then(|ids| ids.first())
            .and_then(|id| self.cables.get(id))
    }

    /// The cable with this id, or else this label (a decommissioned cable only by id).
    pub fn find(&self, id_or_label: &str) -> Option<&Cable> {
        id_or_label
            .trim()
            .parse::<ulid::Ulid>()
            .ok()
            .and_then(|id| self.cables.get(&CableId(id)))
            .or_else(|| self.with_label(id_or_label))
    }

    /// Every cabled port of one placed device, with its cable: the device's port map.
    /// Decommissioned cables are left out: they hold no port.
    pub fn ports_of_device(&self, rack: RackId, placement: &str) -> Vec<(&CableEnd, &Cable)> {
        let Some(ids) = self.devices.get(&(rack, placement.to_owned())) else {
            return Vec::new();
        };
        let mut used: Vec<(&CableEnd, &Cable)> = ids
            .iter()
            .filter_map(|id| self.cables.get(id))
            .filter(|cable| cable.holds_ports())
            .flat_map(|cable| {
                [&cable.a, &cable.b]
                    .into_iter()
                    .filter(|end| end.rack == rack && end.placement == placement)
                    .map(move |end| (end, cable))
            })
            .collect();
        used.sort_by(|a, b| (a.0.role, &a.0.port).cmp(&(b.0.role, &b.0.port)));
        used
    }

    /// The cables with an end in one rack.
    pub fn in_rack(&self, rack: RackId) -> impl Iterator<Item = &Cable> {
        self.cables
            .values()
            .filter(move |cable| cable.a.rack == rack || cable.b.rack == rack)
    }
}

/// A mutex's value, also after a panic elsewhere poisoned it (the caches hold nothing a panic
/// could leave half written).
fn lock<T>(value: std::sync::LockResult<T>) -> T {
    value.unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The devices a cable is plugged into (one key when both ends are on one device).
fn device_keys(cable: &Cable) -> Vec<(RackId, String)> {
    let a = (cable.a.rack, cable.a.placement.clone());
    let b = (cable.b.rack, cable.b.placement.clone());
    if a == b {
        vec![a]
    } else {
        vec![a, b]
    }
}

fn remove_from<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Vec<CableId>>, key: &K, id: CableId) {
    if let Some(list) = map.get_mut(key) {
        list.retain(|other| *other != id);
        if list.is_empty() {
            map.remove(key);
        }
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

/// The cables' part of the global search (`crate::search`): a cable is found by its labels
/// and by the racks, devices and ports at its ends, and named by its label with both ends.
pub(crate) fn search_source(
    workspace: &crate::store::Workspace,
    query: &crate::search::SearchQuery,
    hits: &mut crate::search::SearchHits,
) {
    let places = workspace.places();
    let cables = workspace.cable_index();
    let named = |end: &CableEnd| {
        let view = super::views::end_view(&places, end);
        let unit = view.unit.map(|unit| format!("U{unit}")).unwrap_or_default();
        [view.rack, unit, view.device, end.port.clone()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for cable in cables.cables.values() {
        let (a, b) = (named(&cable.a), named(&cable.b));
        if let Some(rank) = query.rank(&cable.label, &[&cable.label_b, &a, &b]) {
            hits.push(
                rank,
                crate::search::SearchHit {
                    kind: "cable".into(),
                    record: format!("cable/{}", cable.id),
                    title: cable.label.clone(),
                    detail: format!("{a} → {b}"),
                },
            );
        }
    }
}
