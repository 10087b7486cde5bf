//! The record kinds of the infrastructure area: sites, rooms, racks and added device types,
//! each one document in the standard layout (`record::aggregate`) with its projection, read
//! into the in-memory [`PlaceIndex`] when a workspace opens, so that a room of 2,000 racks
//! recomputes its budgets from memory.

use automerge::AutoCommit;

use super::catalogue::{DeviceType, DEVICE_TYPE_SCHEMA};
use super::index::PlaceIndex;
use super::model::{Rack, Room, Site, PLACES_SCHEMA};
use crate::record::aggregate::{self, Aggregate};
use crate::record::{Indexes, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// The id part of a document id (`rack/01H…` → `01H…`).
fn id_part(doc_id: &str) -> &str {
    doc_id.split_once('/').map_or("", |(_, id)| id)
}

impl Kind for Site {
    const PREFIX: &'static str = "site";
    const SCHEMA: u64 = PLACES_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["site"];
    type Row = Site;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<Site, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(_: &dyn Tree, batch: &mut Batch, rows: &[&Site]) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<Site>) {
        let mut index = indexes.write::<PlaceIndex>();
        for site in rows {
            index.sites.insert(site.id, site);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<PlaceIndex>();
        let site = id_part(doc_id)
            .parse()
            .ok()
            .and_then(|id| index.sites.get(&id));
        site.map(|s| s.name.clone()).unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        let id = id_part(doc_id).parse().ok();
        id.is_some_and(|id| indexes.read::<PlaceIndex>().sites.contains_key(&id))
    }
}

impl Aggregate for Site {
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Kind for Room {
    const PREFIX: &'static str = "room";
    const SCHEMA: u64 = PLACES_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["room"];
    type Row = Room;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<Room, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(_: &dyn Tree, batch: &mut Batch, rows: &[&Room]) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<Room>) {
        let mut index = indexes.write::<PlaceIndex>();
        for room in rows {
            index.rooms.insert(room.id, room);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<PlaceIndex>();
        let room = id_part(doc_id)
            .parse()
            .ok()
            .and_then(|id| index.rooms.get(&id));
        room.map(|r| r.name.clone()).unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        let id = id_part(doc_id).parse().ok();
        id.is_some_and(|id| indexes.read::<PlaceIndex>().rooms.contains_key(&id))
    }
}

impl Aggregate for Room {
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Kind for Rack {
    const PREFIX: &'static str = "rack";
    const SCHEMA: u64 = PLACES_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["rack"];
    type Row = Rack;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<Rack, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    /// Placement photos.
    fn files(_: &AutoCommit, rack: &Rack) -> Vec<String> {
        rack.placements
            .values()
            .flat_map(|p| p.photos.iter().cloned())
            .collect()
    }

    fn put_projections(_: &dyn Tree, batch: &mut Batch, rows: &[&Rack]) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<Rack>) {
        let mut index = indexes.write::<PlaceIndex>();
        for rack in rows {
            index.racks.insert(rack.id, rack);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<PlaceIndex>();
        let rack = id_part(doc_id)
            .parse()
            .ok()
            .and_then(|id| index.racks.get(&id));
        rack.map(|r| r.name.clone()).unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        let id = id_part(doc_id).parse().ok();
        id.is_some_and(|id| indexes.read::<PlaceIndex>().racks.contains_key(&id))
    }
}

impl Aggregate for Rack {
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Kind for DeviceType {
    const PREFIX: &'static str = "devicetype";
    const SCHEMA: u64 = DEVICE_TYPE_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["devicetype"];
    type Row = DeviceType;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<DeviceType, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    /// Front and rear images.
    fn files(_: &AutoCommit, device: &DeviceType) -> Vec<String> {
        device
            .front_image
            .iter()
            .chain(&device.rear_image)
            .cloned()
            .collect()
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&DeviceType],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<DeviceType>) {
        let mut index = indexes.write::<PlaceIndex>();
        for device in rows {
            index.custom_types.insert(device.key.clone(), device);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<PlaceIndex>();
        let device = index.custom_types.get(id_part(doc_id));
        device
            .map(|d| format!("{} {}", d.manufacturer, d.model))
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<PlaceIndex>()
            .custom_types
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for DeviceType {
    fn id_text(&self) -> String {
        self.key.clone()
    }
}

impl crate::store::Workspace {
    /// Sites, rooms, racks and added device types in memory.
    pub(crate) fn places(&self) -> std::sync::RwLockReadGuard<'_, PlaceIndex> {
        self.indexes().read::<PlaceIndex>()
    }
}
