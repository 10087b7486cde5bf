//! The in-memory index of sites, rooms, racks and added device types, read from their
//! projections when a workspace opens and kept in step by every edit and merge. Budgets and
//! invariants are computed from it, never from documents.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use super::catalogue::{self, DeviceType};
use super::model::{Rack, Room, Site};
use super::power::{rack_budget, room_budget, RackBudget, RoomBudget};
use super::rules::{self, DeviceTypes, RackInvariant};
use crate::ids::{AssetId, RackId, RoomId, SiteId};
use crate::record::aggregate::load_projections;
use crate::record::Index;
use crate::store::kv::Tree;
use crate::store::StoreError;

#[derive(Default)]
pub struct PlaceIndex {
    pub sites: BTreeMap<SiteId, Site>,
    pub rooms: BTreeMap<RoomId, Room>,
    pub racks: HashMap<RackId, Rack>,
    pub custom_types: HashMap<String, DeviceType>,
}

fn starter_by_key() -> &'static HashMap<String, DeviceType> {
    static MAP: OnceLock<HashMap<String, DeviceType>> = OnceLock::new();
    MAP.get_or_init(|| {
        catalogue::starter()
            .iter()
            .map(|device| (device.key.clone(), device.clone()))
            .collect()
    })
}

impl DeviceTypes for PlaceIndex {
    fn device_type(&self, key: &str) -> Option<&DeviceType> {
        starter_by_key()
            .get(key)
            .or_else(|| self.custom_types.get(key))
    }
}

impl Index for PlaceIndex {
    fn load(tree: &dyn Tree) -> Result<PlaceIndex, StoreError> {
        let mut index = PlaceIndex::default();
        for site in load_projections::<Site>(tree)? {
            index.sites.insert(site.id, site);
        }
        for room in load_projections::<Room>(tree)? {
            index.rooms.insert(room.id, room);
        }
        for rack in load_projections::<Rack>(tree)? {
            index.racks.insert(rack.id, rack);
        }
        for device in load_projections::<DeviceType>(tree)? {
            index.custom_types.insert(device.key.clone(), device);
        }
        Ok(index)
    }
}

impl PlaceIndex {
    /// Every device type: the starter catalogue, then the workspace's own, by name.
    pub fn device_types(&self) -> Vec<DeviceType> {
        let mut list: Vec<DeviceType> = catalogue::starter()
            .iter()
            .chain(self.custom_types.values())
            .cloned()
            .collect();
        list.sort_by(|a, b| {
            (a.manufacturer.to_lowercase(), a.model.to_lowercase())
                .cmp(&(b.manufacturer.to_lowercase(), b.model.to_lowercase()))
        });
        list
    }

    pub fn rack_budget(&self, rack: &Rack) -> RackBudget {
        rack_budget(&rules::rack_load(rack, self))
    }

    /// Racks of a room in name order.
    pub fn racks_in_room(&self, room: RoomId) -> Vec<&Rack> {
        let mut racks: Vec<&Rack> = self.racks.values().filter(|r| r.room == room).collect();
        racks.sort_by(|a, b| a.name.cmp(&b.name));
        racks
    }

    /// A room's totals against its cooling, with every rack's findings.
    pub fn room_budget(&self, room: &Room) -> RoomBudget {
        let budgets: Vec<RackBudget> = self
            .racks_in_room(room.id)
            .into_iter()
            .map(|rack| self.rack_budget(rack))
            .collect();
        room_budget(&room.name, &budgets, room.cooling_kw())
    }

    /// Every room's budget, in room name order.
    pub fn all_room_budgets(&self) -> Vec<RoomBudget> {
        let mut racks_by_room: HashMap<RoomId, Vec<RackBudget>> = HashMap::new();
        for rack in self.racks.values() {
            racks_by_room
                .entry(rack.room)
                .or_default()
                .push(self.rack_budget(rack));
        }
        let mut rooms: Vec<&Room> = self.rooms.values().collect();
        rooms.sort_by(|a, b| a.name.cmp(&b.name));
        rooms
            .into_iter()
            .map(|room| {
                let mut budgets = racks_by_room.remove(&room.id).unwrap_or_default();
                budgets.sort_by(|a, b| a.rack.cmp(&b.rack));
                room_budget(&room.name, &budgets, room.cooling_kw())
            })
            .collect()
    }

    /// Every rule broken in merged state, racks in name order.
    pub fn invariants(&self) -> Vec<RackInvariant> {
        let mut racks: Vec<&Rack> = self.racks.values().collect();
        racks.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        rules::invariants(racks.into_iter(), self)
    }

    /// Where an asset hangs: (rack, placement id) pairs.
    pub fn placements_of(&self, asset: AssetId) -> Vec<(RackId, String)> {
        let mut found = Vec::new();
        for rack in self.racks.values() {
            for (id, placement) in &rack.placements {
                if placement.asset == Some(asset) {
                    found.push((rack.id, id.clone()));
                }
            }
        }
        found
    }

    /// `site / room / row` for labels and printed pages.
    pub fn rack_location(&self, rack: &Rack) -> (String, String, String) {
        let room = self.rooms.get(&rack.room);
        let site = room
            .and_then(|room| self.sites.get(&room.site))
            .map(|site| site.name.clone())
            .unwrap_or_default();
        let row = room
            .and_then(|room| room.rack_rows.get(&rack.row))
            .map(|row| row.name.clone())
            .unwrap_or_default();
        (
            site,
            room.map(|room| room.name.clone()).unwrap_or_default(),
            row,
        )
    }
}

/// The places' part of the global search (`crate::search`): sites by name, code and address,
/// rooms by name and site, racks by name, row, room and site; each named with where it is.
pub(crate) fn search_source(
    workspace: &crate::store::Workspace,
    query: &crate::search::SearchQuery,
    hits: &mut crate::search::SearchHits,
) {
    use crate::search::SearchHit;
    let places = workspace.places();
    for site in places.sites.values() {
        if let Some(rank) = query.rank(&site.name, &[&site.code, &site.address]) {
            let detail = [site.code.as_str(), site.address.as_str()]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            hits.push(
                rank,
                SearchHit {
                    kind: "site".into(),
                    record: format!("site/{}", site.id),
                    title: site.name.clone(),
                    detail,
                },
            );
        }
    }
    for room in places.rooms.values() {
        let site = places
            .sites
            .get(&room.site)
            .map(|site| site.name.as_str())
            .unwrap_or("");
        if let Some(rank) = query.rank(&room.name, &[site]) {
            hits.push(
                rank,
                SearchHit {
                    kind: "room".into(),
                    record: format!("room/{}", room.id),
                    title: room.name.clone(),
                    detail: site.to_owned(),
                },
            );
        }
    }
    for rack in places.racks.values() {
        let (site, room, row) = places.rack_location(rack);
        if let Some(rank) = query.rank(&rack.name, &[&site, &room, &row]) {
            let detail = [site.as_str(), room.as_str(), row.as_str()]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            hits.push(
                rank,
                SearchHit {
                    kind: "rack".into(),
                    record: format!("rack/{}", rack.id),
                    title: rack.name.clone(),
                    detail,
                },
            );
        }
    }
}

/// The places an asset is at, as ids to link to (each `None` when it is at none): the rack
/// it hangs in and its placement there, else the site, room and rack its location names.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AssetPlaces {
    pub site: Option<SiteId>,
    pub room: Option<RoomId>,
    pub rack: Option<RackId>,
    /// The device in the rack that is this asset (a placement id of the rack).
    pub placement: Option<String>,
}

impl PlaceIndex {
    /// Where `asset` is: its placement, else the places its location names (a room of
    /// that site, a rack of that room).
    pub fn asset_place(&self, asset: AssetId, location: &crate::assets::Location) -> AssetPlaces {
        if let Some((rack, placement)) = self.placements_of(asset).into_iter().next() {
            let room = self.racks.get(&rack).map(|rack| rack.room);
            let site = room
                .and_then(|room| self.rooms.get(&room))
                .map(|room| room.site);
            return AssetPlaces {
                site,
                room,
                rack: Some(rack),
                placement: Some(placement),
            };
        }
        let site = self
            .sites
            .values()
            .find(|site| !location.site.is_empty() && site.name == location.site)
            .map(|site| site.id);
        let room = self
            .rooms
            .values()
            .find(|room| {
                !location.room.is_empty()
                    && room.name == location.room
                    && site.is_none_or(|site| room.site == site)
            })
            .map(|room| room.id);
        let rack = self
            .racks
            .values()
            .find(|rack| {
                !location.rack.is_empty()
                    && rack.name == location.rack
                    && room.is_none_or(|room| rack.room == room)
            })
            .map(|rack| rack.id);
        AssetPlaces {
            site,
            room,
            rack,
            placement: None,
        }
    }
}

impl crate::store::Workspace {
    /// [`PlaceIndex::asset_place`] of the asset with this id or tag.
    pub fn asset_place(&self, id_or_tag: &str) -> Result<AssetPlaces, crate::assets::AssetError> {
        let row = self.asset(id_or_tag)?;
        Ok(self.places().asset_place(row.asset.id, &row.asset.location))
    }
}
