//! Writes of the infrastructure area on an open workspace. Each one hydrates the aggregate
//! from its document, changes it, checks the rules, and writes the change with its projection
//! (and, when an asset moves, the asset's location) in one durable batch.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::{self, CatalogueProblem, DeviceType};
use super::model::{
    Aisle, CheckItem, CheckMark, Face, FloorObject, InstallStatus, Placement, Rack, RackFormFactor,
    RackRowDef, RackStatus, RackWidth, Reservation, Room, Site,
};
use super::places::{self, Aggregate, PlaceRecord};
use super::power::{PowerFeed, Redundancy};
use super::rules::{check_placement, DeviceTypes, PlacementProblem};
use super::RackError;
use crate::assets::attachments::MAX_ATTACHMENT_BYTES;
use crate::assets::{self, Location};
use crate::ids::{AssetId, DeviceTypeId, ItemId, RackId, RoomId, SiteId};
use crate::stamp::{ChangeMessage, Stamp};
use crate::store::docs::{self, StoredDoc};
use crate::store::kv::Batch;
use crate::store::Workspace;
use crate::sync::blobs;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SiteInput {
    pub name: String,
    pub code: String,
    pub address: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoomInput {
    pub site: SiteId,
    pub name: String,
    pub columns: u32,
    pub rows: u32,
    pub tile_mm: u32,
}

/// Everything about a rack but what is in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RackSpec {
    pub room: RoomId,
    pub row: String,
    pub name: String,
    pub x: u32,
    pub y: u32,
    pub rotation: u32,
    pub height_u: u32,
    pub starting_unit: u32,
    pub width: RackWidth,
    pub depth_mm: u32,
    pub form_factor: RackFormFactor,
    pub max_weight_kg: f64,
    pub status: RackStatus,
    pub feeds: Vec<PowerFeed>,
    pub redundancy: Redundancy,
}

impl RackSpec {
    /// A 42U, 19", 1,200 mm cabinet with two 220 V / 32 A single-phase feeds (A/B).
    pub fn standard(room: RoomId, name: &str) -> RackSpec {
        let feed = |name: &str| PowerFeed {
            name: name.into(),
            voltage_v: 220.0,
            amperage_a: 32.0,
            phase: super::power::Phase::Single,
            max_utilisation: 0.8,
        };
        RackSpec {
            room,
            row: String::new(),
            name: name.into(),
            x: 0,
            y: 0,
            rotation: 0,
            height_u: 42,
            starting_unit: 1,
            width: RackWidth::Inch19,
            depth_mm: 1200,
            form_factor: RackFormFactor::Cabinet4Post,
            max_weight_kg: 1000.0,
            status: RackStatus::Planned,
            feeds: vec![feed("A"), feed("B")],
            redundancy: Redundancy::AB,
        }
    }
}

/// A device to put into a rack: a catalogue type, optionally a registered asset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlaceRequest {
    pub device_type: String,
    pub asset: Option<AssetId>,
    /// Empty: the asset's tag, else the type's model.
    pub label: String,
    pub bottom_hu: Option<u32>,
    pub face: Face,
    pub leg: Option<u8>,
}

/// A field of an input that is not acceptable; the UI translates `code`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlaceFieldError {
    pub field: String,
    pub code: PlaceFieldCode,
    pub value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlaceFieldCode {
    Required,
    OutOfRange,
    Duplicate,
    UnknownReference,
}

impl std::fmt::Display for PlaceFieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.code {
            PlaceFieldCode::Required => "is required",
            PlaceFieldCode::OutOfRange => "is out of range",
            PlaceFieldCode::Duplicate => "is already used",
            PlaceFieldCode::UnknownReference => "names nothing known",
        };
        write!(f, "{} {what} ('{}')", self.field, self.value)
    }
}

/// How to settle a broken rule found after a merge, in one click.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
#[ts(export)]
pub enum Resolution {
    /// Take a placement off the rails; it keeps its asset, checklist and history, and waits
    /// in the rack's parked list to be placed again.
    Park { rack: RackId, placement: String },
    /// Keep the asset in this placement and remove its other placements.
    KeepAssetHere {
        asset: AssetId,
        rack: RackId,
        placement: String,
    },
}

fn field_error(field: &str, code: PlaceFieldCode, value: impl ToString) -> PlaceFieldError {
    PlaceFieldError {
        field: field.into(),
        code,
        value: value.to_string(),
    }
}

fn commit_options(stamp: &Stamp, op: &str) -> automerge::transaction::CommitOptions {
    automerge::transaction::CommitOptions::default()
        .with_message(ChangeMessage::new(&stamp.author, op).encode())
        .with_time(stamp.at_ms)
}

/// One aggregate to write: where it is in the cache, and what it becomes.
struct Pending {
    doc_id: String,
    stored: StoredDoc,
    record: PlaceRecord,
}

impl Workspace {
    /// Loads a document for a write, or starts an empty one for a new aggregate.
    fn doc_for_write(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        doc_id: &str,
    ) -> Result<StoredDoc, RackError> {
        Ok(self
            .take_doc(cache, doc_id)?
            .unwrap_or_else(|| StoredDoc::saved(automerge::AutoCommit::new(), 0, 0)))
    }

    /// Reconciles `value` into its document and commits it as `op`; the caller writes it.
    fn stage<T: Aggregate>(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        value: &T,
        wrap: impl FnOnce(T) -> PlaceRecord,
        stamp: &Stamp,
        op: &str,
    ) -> Result<Pending, RackError> {
        let doc_id = value.doc_id();
        let mut stored = self.doc_for_write(cache, &doc_id)?;
        places::reconcile(&mut stored.doc, value)?;
        stored.doc.commit_with(commit_options(stamp, op));
        Ok(Pending {
            doc_id,
            stored,
            record: wrap(value.clone()),
        })
    }

    /// Writes staged aggregates (and whatever `batch` holds) durably, then updates the index.
    fn write_staged(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        pending: Vec<Pending>,
        mut batch: Batch,
    ) -> Result<(), RackError> {
        let mut done = Vec::with_capacity(pending.len());
        for mut item in pending {
            docs::append_pending(
                self.tree.as_ref(),
                &mut batch,
                &mut item.stored,
                &item.doc_id,
            )?;
            item.record.put_projection(&mut batch);
            self.note_local_change(&mut batch, &item.doc_id);
            done.push(item);
        }
        // On failure the staged documents are dropped with `done`: the next use reloads them.
        self.commit(batch)?;
        let mut index = self.places_mut();
        for item in done {
            index.upsert(item.record);
            self.keep_doc(cache, item.doc_id, item.stored);
        }
        Ok(())
    }

    /// Reads an aggregate from its document (the index may lag a concurrent merge by nothing,
    /// but the document is what a change is made against).
    fn load_aggregate<T: Aggregate>(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        doc_id: &str,
        what: &'static str,
    ) -> Result<T, RackError> {
        let stored = self
            .take_doc(cache, doc_id)?
            .ok_or_else(|| RackError::NotFound {
                what,
                id: doc_id.to_owned(),
            })?;
        let value = places::hydrate(&stored.doc, doc_id);
        cache.insert(doc_id.to_owned(), stored);
        Ok(value?)
    }

    fn save_one<T: Aggregate>(
        &self,
        value: &T,
        wrap: impl FnOnce(T) -> PlaceRecord,
        stamp: &Stamp,
        op: &str,
    ) -> Result<(), RackError> {
        let mut cache = self.lock_docs();
        let pending = self.stage(&mut cache, value, wrap, stamp, op)?;
        self.write_staged(&mut cache, vec![pending], Batch::default())
    }

    pub fn save_site(
        &self,
        id: SiteId,
        input: &SiteInput,
        stamp: &Stamp,
    ) -> Result<Site, RackError> {
        let mut errors = Vec::new();
        if input.name.trim().is_empty() {
            errors.push(field_error("name", PlaceFieldCode::Required, ""));
        }
        let duplicate =
            self.places().sites.values().any(|site| {
                site.id != id && site.name.trim().eq_ignore_ascii_case(input.name.trim())
            });
        if duplicate {
            errors.push(field_error(
                "name",
                PlaceFieldCode::Duplicate,
                input.name.trim(),
            ));
        }
        if !errors.is_empty() {
            return Err(RackError::Invalid(errors));
        }
        let site = Site {
            id,
            name: input.name.trim().into(),
            code: input.code.trim().into(),
            address: input.address.trim().into(),
        };
        self.save_one(&site, PlaceRecord::Site, stamp, "save_site")?;
        Ok(site)
    }

    pub fn save_room(
        &self,
        id: RoomId,
        input: &RoomInput,
        stamp: &Stamp,
    ) -> Result<Room, RackError> {
        let mut errors = Vec::new();
        if input.name.trim().is_empty() {
            errors.push(field_error("name", PlaceFieldCode::Required, ""));
        }
        if !self.places().sites.contains_key(&input.site) {
            errors.push(field_error(
                "site",
                PlaceFieldCode::UnknownReference,
                input.site,
            ));
        }
        for (field, value, range) in [
            ("columns", input.columns, 1..=500),
            ("rows", input.rows, 1..=500),
            ("tile_mm", input.tile_mm, 300..=1200),
        ] {
            if !range.contains(&value) {
                errors.push(field_error(field, PlaceFieldCode::OutOfRange, value));
            }
        }
        if !errors.is_empty() {
            return Err(RackError::Invalid(errors));
        }
        if self.places().rooms.contains_key(&id) {
            return self.update_room(id, stamp, "save_room", |room| {
                room.site = input.site;
                room.name = input.name.trim().into();
                room.columns = input.columns;
                room.rows = input.rows;
                room.tile_mm = input.tile_mm;
                Ok(())
            });
        }
        let room = Room {
            id,
            site: input.site,
            name: input.name.trim().into(),
            columns: input.columns,
            rows: input.rows,
            tile_mm: input.tile_mm,
            aisles: Vec::new(),
            objects: Default::default(),
            rack_rows: Default::default(),
        };
        self.save_one(&room, PlaceRecord::Room, stamp, "save_room")?;
        Ok(room)
    }

    /// Changes a room document through `change`, which may refuse.
    pub(crate) fn update_room(
        &self,
        id: RoomId,
        stamp: &Stamp,
        op: &str,
        change: impl FnOnce(&mut Room) -> Result<(), RackError>,
    ) -> Result<Room, RackError> {
        let mut cache = self.lock_docs();
        let doc_id = format!("{}/{id}", Room::KIND);
        let mut room: Room = self.load_aggregate(&mut cache, &doc_id, "room")?;
        change(&mut room)?;
        let pending = self.stage(&mut cache, &room, PlaceRecord::Room, stamp, op)?;
        self.write_staged(&mut cache, vec![pending], Batch::default())?;
        Ok(room)
    }

    /// Adds or changes a cooling unit, power panel or security device on the floor.
    pub fn put_floor_object(
        &self,
        room: RoomId,
        item: ItemId,
        object: FloorObject,
        stamp: &Stamp,
    ) -> Result<Room, RackError> {
        self.update_room(room, stamp, "put_floor_object", |current| {
            if object.name.trim().is_empty() {
                return Err(RackError::Invalid(vec![field_error(
                    "name",
                    PlaceFieldCode::Required,
                    "",
                )]));
            }
            if object.x >= current.columns || object.y >= current.rows {
                let at = format!("{},{}", object.x, object.y);
                return Err(RackError::Invalid(vec![field_error(
                    "position",
                    PlaceFieldCode::OutOfRange,
                    at,
                )]));
            }
            current.objects.insert(item.to_string(), object);
            Ok(())
        })
    }

    pub fn remove_floor_object(
        &self,
        room: RoomId,
        item: &str,
        stamp: &Stamp,
    ) -> Result<Room, RackError> {
        self.update_room(room, stamp, "remove_floor_object", |current| {
            current.objects.remove(item);
            Ok(())
        })
    }

    pub fn put_rack_row(
        &self,
        room: RoomId,
        item: ItemId,
        name: &str,
        stamp: &Stamp,
    ) -> Result<Room, RackError> {
        self.update_room(room, stamp, "put_rack_row", |current| {
            if name.trim().is_empty() {
                return Err(RackError::Invalid(vec![field_error(
                    "name",
                    PlaceFieldCode::Required,
                    "",
                )]));
            }
            current.rack_rows.insert(
                item.to_string(),
                RackRowDef {
                    name: name.trim().into(),
                },
            );
            Ok(())
        })
    }

    pub fn set_aisles(
        &self,
        room: RoomId,
        aisles: Vec<Aisle>,
        stamp: &Stamp,
    ) -> Result<Room, RackError> {
        self.update_room(room, stamp, "set_aisles", |current| {
            let outside: Vec<PlaceFieldError> = aisles
                .iter()
                .filter(|aisle| {
                    aisle.index
                        >= if aisle.along_x {
                            current.rows
                        } else {
                            current.columns
                        }
                })
                .map(|aisle| field_error("aisles", PlaceFieldCode::OutOfRange, aisle.index))
                .collect();
            if !outside.is_empty() {
                return Err(RackError::Invalid(outside));
            }
            current.aisles = aisles;
            Ok(())
        })
    }

    fn validate_rack_spec(&self, id: RackId, spec: &RackSpec) -> Vec<PlaceFieldError> {
        let mut errors = Vec::new();
        let index = self.places();
        if spec.name.trim().is_empty() {
            errors.push(field_error("name", PlaceFieldCode::Required, ""));
        }
        match index.rooms.get(&spec.room) {
            None => errors.push(field_error(
                "room",
                PlaceFieldCode::UnknownReference,
                spec.room,
            )),
            Some(room) => {
                if spec.x >= room.columns || spec.y >= room.rows {
                    let at = format!("{},{}", spec.x, spec.y);
                    errors.push(field_error("position", PlaceFieldCode::OutOfRange, at));
                }
                if !spec.row.is_empty() && !room.rack_rows.contains_key(&spec.row) {
                    errors.push(field_error(
                        "row",
                        PlaceFieldCode::UnknownReference,
                        &spec.row,
                    ));
                }
            }
        }
        let taken = index.racks.values().any(|rack| {
            rack.id != id
                && rack.room == spec.room
                && rack.name.trim().eq_ignore_ascii_case(spec.name.trim())
        });
        if taken {
            errors.push(field_error(
                "name",
                PlaceFieldCode::Duplicate,
                spec.name.trim(),
            ));
        }
        if !(1..=60).contains(&spec.height_u) {
            errors.push(field_error(
                "height_u",
                PlaceFieldCode::OutOfRange,
                spec.height_u,
            ));
        }
        if spec.starting_unit > 100 {
            errors.push(field_error(
                "starting_unit",
                PlaceFieldCode::OutOfRange,
                spec.starting_unit,
            ));
        }
        if ![0, 90, 180, 270].contains(&spec.rotation) {
            errors.push(field_error(
                "rotation",
                PlaceFieldCode::OutOfRange,
                spec.rotation,
            ));
        }
        if !(0.0..=5000.0).contains(&spec.max_weight_kg) {
            errors.push(field_error(
                "max_weight_kg",
                PlaceFieldCode::OutOfRange,
                spec.max_weight_kg,
            ));
        }
        for feed in &spec.feeds {
            let sane = (100.0..=1000.0).contains(&feed.voltage_v)
                && (1.0..=400.0).contains(&feed.amperage_a)
                && (0.1..=1.0).contains(&feed.max_utilisation);
            if !sane {
                errors.push(field_error("feeds", PlaceFieldCode::OutOfRange, &feed.name));
            }
        }
        errors
    }

    /// Creates a rack, or changes everything about it but its contents.
    pub fn save_rack(&self, id: RackId, spec: &RackSpec, stamp: &Stamp) -> Result<Rack, RackError> {
        let errors = self.validate_rack_spec(id, spec);
        if !errors.is_empty() {
            return Err(RackError::Invalid(errors));
        }
        let apply = |rack: &mut Rack| {
            rack.room = spec.room;
            rack.row = spec.row.clone();
            rack.name = spec.name.trim().into();
            rack.x = spec.x;
            rack.y = spec.y;
            rack.rotation = spec.rotation;
            rack.height_u = spec.height_u;
            rack.starting_unit = spec.starting_unit;
            rack.width = spec.width;
            rack.depth_mm = spec.depth_mm;
            rack.form_factor = spec.form_factor;
            rack.max_weight_kg = spec.max_weight_kg;
            rack.status = spec.status;
            rack.feeds = spec.feeds.clone();
            rack.redundancy = spec.redundancy;
        };
        if self.places().racks.contains_key(&id) {
            return self.update_rack(id, stamp, "save_rack", |rack, _| {
                apply(rack);
                Ok(Vec::new())
            });
        }
        let mut rack = Rack {
            id,
            room: spec.room,
            row: String::new(),
            name: String::new(),
            x: 0,
            y: 0,
            rotation: 0,
            height_u: 42,
            starting_unit: 1,
            width: RackWidth::Inch19,
            depth_mm: 0,
            form_factor: RackFormFactor::Cabinet4Post,
            max_weight_kg: 0.0,
            status: RackStatus::Planned,
            feeds: Vec::new(),
            redundancy: Redundancy::None,
            placements: Default::default(),
            reservations: Default::default(),
        };
        apply(&mut rack);
        self.save_one(
            &rack,
            |r| PlaceRecord::Rack(Box::new(r)),
            stamp,
            "save_rack",
        )?;
        Ok(rack)
    }

    /// Changes a rack document through `change`, which may refuse, and which returns the
    /// asset locations the change implies (set or cleared) to write in the same batch.
    pub(crate) fn update_rack(
        &self,
        id: RackId,
        stamp: &Stamp,
        op: &str,
        change: impl FnOnce(
            &mut Rack,
            &super::index::PlaceIndex,
        ) -> Result<Vec<(AssetId, Location)>, RackError>,
    ) -> Result<Rack, RackError> {
        self.update_rack_with(id, stamp, op, Batch::default(), change)
    }

    /// [`Self::update_rack`] with more to write in the same batch (a photo's blob).
    fn update_rack_with(
        &self,
        id: RackId,
        stamp: &Stamp,
        op: &str,
        batch: Batch,
        change: impl FnOnce(
            &mut Rack,
            &super::index::PlaceIndex,
        ) -> Result<Vec<(AssetId, Location)>, RackError>,
    ) -> Result<Rack, RackError> {
        let mut cache = self.lock_docs();
        let doc_id = format!("{}/{id}", Rack::KIND);
        let mut rack: Rack = self.load_aggregate(&mut cache, &doc_id, "rack")?;
        let locations = change(&mut rack, &self.places())?;
        let pending = self.stage(
            &mut cache,
            &rack,
            |r| PlaceRecord::Rack(Box::new(r)),
            stamp,
            op,
        )?;
        self.write_with_locations(&mut cache, vec![pending], locations, stamp, op, batch)?;
        Ok(rack)
    }

    /// Writes staged racks together with the asset location changes they imply.
    fn write_with_locations(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        pending: Vec<Pending>,
        locations: Vec<(AssetId, Location)>,
        stamp: &Stamp,
        op: &str,
        mut batch: Batch,
    ) -> Result<(), RackError> {
        if locations.is_empty() {
            return self.write_staged(cache, pending, batch);
        }
        // The asset documents go first into the batch; the racks' own write commits it all.
        let mut staged_assets = Vec::new();
        let mut rows = Vec::new();
        for (asset, location) in locations {
            let doc_id = assets::doc_id(&asset);
            let Some(mut stored) = self.take_doc(cache, &doc_id)? else {
                continue; // The asset is not here (yet): its placement still names it.
            };
            let mut current = assets::projection::hydrate(&stored.doc, &doc_id)?;
            if current.location == location {
                cache.insert(doc_id, stored);
                continue;
            }
            current.location = location;
            autosurgeon::reconcile_prop(&mut stored.doc, automerge::ROOT, "asset", &current)
                .map_err(|e| crate::store::StoreError::DamagedDocument {
                    doc_id: doc_id.clone(),
                    reason: e.to_string(),
                })?;
            stored.doc.commit_with(commit_options(stamp, op));
            let row = assets::projection::row_from_doc(&mut stored.doc, &doc_id)?;
            docs::append_pending(self.tree.as_ref(), &mut batch, &mut stored, &doc_id)?;
            self.note_local_change(&mut batch, &doc_id);
            rows.push(row);
            staged_assets.push((doc_id, stored));
        }
        assets::projection::put(self.tree.as_ref(), &mut batch, &rows)?;
        self.write_staged(cache, pending, batch)?;
        let mut index = self.index_mut();
        for row in rows {
            index.upsert(row);
        }
        for (doc_id, stored) in staged_assets {
            self.keep_doc(cache, doc_id, stored);
        }
        Ok(())
    }

    /// The location an asset gets when it hangs in `rack` at `bottom_hu`.
    fn location_in(
        index: &super::index::PlaceIndex,
        rack: &Rack,
        bottom_hu: Option<u32>,
    ) -> Location {
        let (site, room, row) = index.rack_location(rack);
        Location {
            site,
            room,
            row,
            rack: rack.name.clone(),
            unit: bottom_hu.map(|hu| rack.unit_number(hu)),
        }
    }

    /// Puts a device into a rack. Refused with every broken rule, and nothing written.
    pub fn place_device(
        &self,
        rack: RackId,
        item: ItemId,
        request: &PlaceRequest,
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        self.update_rack(rack, stamp, "place", |current, index| {
            let device = index.device_type(&request.device_type).ok_or_else(|| {
                RackError::Refused(vec![PlacementProblem::UnknownDeviceType {
                    key: request.device_type.clone(),
                }])
            })?;
            let mut problems = check_placement(
                current,
                index,
                None,
                device,
                request.bottom_hu,
                request.face,
            );
            let mut label = request.label.trim().to_owned();
            if let Some(asset) = request.asset {
                if let Some((other, _)) = index.placements_of(asset).first() {
                    let name = index
                        .racks
                        .get(other)
                        .map(|r| r.name.clone())
                        .unwrap_or_default();
                    problems.push(PlacementProblem::AssetPlacedElsewhere { rack: name });
                }
                if label.is_empty() {
                    label = self
                        .index()
                        .get(&asset)
                        .map(|row| row.asset.asset_tag.clone())
                        .unwrap_or_default();
                }
            }
            if !problems.is_empty() {
                return Err(RackError::Refused(problems));
            }
            if label.is_empty() {
                label = device.model.clone();
            }
            let bottom_hu = request.bottom_hu.filter(|_| device.height_hu > 0);
            current.placements.insert(
                item.to_string(),
                Placement {
                    device_type: request.device_type.clone(),
                    asset: request.asset,
                    label,
                    bottom_hu,
                    face: request.face,
                    leg: request.leg,
                    status: InstallStatus::Planned,
                    checks: Default::default(),
                    notes: String::new(),
                    photos: Vec::new(),
                },
            );
            Ok(request
                .asset
                .map(|asset| (asset, Self::location_in(index, current, bottom_hu)))
                .into_iter()
                .collect())
        })
    }

    /// Moves a placement within its rack, or into another rack (one batch for both).
    pub fn move_placement(
        &self,
        from: RackId,
        placement: &str,
        to: RackId,
        bottom_hu: Option<u32>,
        face: Face,
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        if from == to {
            return self.update_rack(from, stamp, "move", |current, index| {
                let moved = current.placements.get(placement).cloned().ok_or_else(|| {
                    RackError::Refused(vec![PlacementProblem::NoSuchPlacement {
                        placement: placement.into(),
                    }])
                })?;
                let device = index.device_type(&moved.device_type).ok_or_else(|| {
                    RackError::Refused(vec![PlacementProblem::UnknownDeviceType {
                        key: moved.device_type.clone(),
                    }])
                })?;
                let problems =
                    check_placement(current, index, Some(placement), device, bottom_hu, face);
                if !problems.is_empty() {
                    return Err(RackError::Refused(problems));
                }
                let bottom_hu = bottom_hu.filter(|_| device.height_hu > 0);
                if let Some(entry) = current.placements.get_mut(placement) {
                    entry.bottom_hu = bottom_hu;
                    entry.face = face;
                }
                Ok(moved
                    .asset
                    .map(|asset| (asset, Self::location_in(index, current, bottom_hu)))
                    .into_iter()
                    .collect())
            });
        }
        let mut cache = self.lock_docs();
        let from_id = format!("{}/{from}", Rack::KIND);
        let to_id = format!("{}/{to}", Rack::KIND);
        let mut source: Rack = self.load_aggregate(&mut cache, &from_id, "rack")?;
        let mut target: Rack = self.load_aggregate(&mut cache, &to_id, "rack")?;
        let mut moved = source.placements.remove(placement).ok_or_else(|| {
            RackError::Refused(vec![PlacementProblem::NoSuchPlacement {
                placement: placement.into(),
            }])
        })?;
        let location = {
            let index = self.places();
            let device = index.device_type(&moved.device_type).ok_or_else(|| {
                RackError::Refused(vec![PlacementProblem::UnknownDeviceType {
                    key: moved.device_type.clone(),
                }])
            })?;
            let problems = check_placement(&target, &*index, None, device, bottom_hu, face);
            if !problems.is_empty() {
                return Err(RackError::Refused(problems));
            }
            moved.bottom_hu = bottom_hu.filter(|_| device.height_hu > 0);
            moved.face = face;
            Self::location_in(&index, &target, moved.bottom_hu)
        };
        let asset = moved.asset;
        target.placements.insert(placement.to_owned(), moved);
        let rack = |r| PlaceRecord::Rack(Box::new(r));
        let pending = vec![
            self.stage(&mut cache, &source, rack, stamp, "move_out")?,
            self.stage(&mut cache, &target, rack, stamp, "move_in")?,
        ];
        let locations = asset.map(|a| (a, location)).into_iter().collect();
        self.write_with_locations(
            &mut cache,
            pending,
            locations,
            stamp,
            "move",
            Batch::default(),
        )?;
        Ok(target)
    }

    /// Takes a placement out of its rack; its asset's location is cleared.
    pub fn remove_placement(
        &self,
        rack: RackId,
        placement: &str,
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        self.update_rack(rack, stamp, "remove", |current, index| {
            let removed = current.placements.remove(placement).ok_or_else(|| {
                RackError::Refused(vec![PlacementProblem::NoSuchPlacement {
                    placement: placement.into(),
                }])
            })?;
            // An asset that also hangs elsewhere (a merge) keeps that location.
            Ok(removed
                .asset
                .filter(|asset| index.placements_of(*asset).len() <= 1)
                .map(|asset| (asset, Location::default()))
                .into_iter()
                .collect())
        })
    }

    /// Changes the label, leg and notes of a placement.
    pub fn edit_placement(
        &self,
        rack: RackId,
        placement: &str,
        label: &str,
        leg: Option<u8>,
        notes: &str,
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        self.update_rack(rack, stamp, "edit_placement", |current, _| {
            let entry = placement_mut(current, placement)?;
            if label.trim().is_empty() {
                return Err(RackError::Invalid(vec![field_error(
                    "label",
                    PlaceFieldCode::Required,
                    "",
                )]));
            }
            if leg.is_some_and(|leg| leg > 2) {
                return Err(RackError::Invalid(vec![field_error(
                    "leg",
                    PlaceFieldCode::OutOfRange,
                    leg.unwrap_or(0),
                )]));
            }
            entry.label = label.trim().into();
            entry.leg = leg;
            entry.notes = notes.into();
            Ok(Vec::new())
        })
    }

    pub fn reserve_units(
        &self,
        rack: RackId,
        item: ItemId,
        reservation: Reservation,
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        self.update_rack(rack, stamp, "reserve", |current, _| {
            let mut errors = Vec::new();
            if reservation.reason.trim().is_empty() {
                errors.push(field_error("reason", PlaceFieldCode::Required, ""));
            }
            let end = reservation.bottom_hu + reservation.height_hu;
            if reservation.height_hu == 0 || end > current.height_hu() {
                errors.push(field_error("units", PlaceFieldCode::OutOfRange, end));
            }
            if !errors.is_empty() {
                return Err(RackError::Invalid(errors));
            }
            current.reservations.insert(item.to_string(), reservation);
            Ok(Vec::new())
        })
    }

    pub fn release_reservation(
        &self,
        rack: RackId,
        item: &str,
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        self.update_rack(rack, stamp, "release", |current, _| {
            current.reservations.remove(item);
            Ok(Vec::new())
        })
    }

    /// Ticks (or unticks) one checklist item, recording who and when.
    pub fn set_check(
        &self,
        rack: RackId,
        placement: &str,
        item: CheckItem,
        done: bool,
        note: &str,
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        self.update_rack(rack, stamp, "check", |current, _| {
            let entry = placement_mut(current, placement)?;
            if done {
                entry.checks.insert(
                    item.code().into(),
                    CheckMark {
                        by: stamp.author.name.clone(),
                        at_ms: stamp.at_ms,
                        note: note.into(),
                    },
                );
            } else {
                entry.checks.remove(item.code());
                // A device that is no longer fully checked is no longer verified.
                if entry.status == InstallStatus::Verified {
                    entry.status = InstallStatus::Installed;
                }
            }
            Ok(Vec::new())
        })
    }

    /// Moves a placement along planned → installed → verified (or back). Installed needs the
    /// device mounted; verified needs installed and every checklist item ticked.
    pub fn set_install_status(
        &self,
        rack: RackId,
        placement: &str,
        status: InstallStatus,
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        self.update_rack(rack, stamp, "install_status", |current, index| {
            let entry = placement_mut(current, placement)?;
            let zero_u = index
                .device_type(&entry.device_type)
                .is_some_and(|device| device.height_hu == 0);
            let missing: Vec<CheckItem> = match status {
                InstallStatus::Planned => Vec::new(),
                InstallStatus::Installed => [CheckItem::Mounted]
                    .into_iter()
                    .filter(|item| !entry.checks.contains_key(item.code()))
                    .collect(),
                InstallStatus::Verified => CheckItem::ALL
                    .iter()
                    .copied()
                    .filter(|item| !entry.checks.contains_key(item.code()))
                    .collect(),
            };
            if status == InstallStatus::Verified && entry.status == InstallStatus::Planned {
                return Err(RackError::InstallOrder {
                    status,
                    missing: vec![CheckItem::Mounted],
                });
            }
            if entry.bottom_hu.is_none() && !zero_u && status != InstallStatus::Planned {
                return Err(RackError::Parked {
                    label: entry.label.clone(),
                });
            }
            if !missing.is_empty() {
                return Err(RackError::InstallOrder { status, missing });
            }
            entry.status = status;
            Ok(Vec::new())
        })
    }

    /// Checks a file's size and puts its bytes, as a blob to push, into a new batch; returns
    /// its SHA-256 and the batch (the caller adds the document change that names it).
    fn stage_blob(&self, field: &str, bytes: &[u8]) -> Result<(String, Batch), RackError> {
        if bytes.is_empty() || bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(RackError::Invalid(vec![field_error(
                field,
                PlaceFieldCode::OutOfRange,
                bytes.len(),
            )]));
        }
        let sha = blobs::sha256_hex(bytes);
        let mut batch = Batch::default();
        if !blobs::has(self.tree.as_ref(), &sha)? {
            blobs::put(&mut batch, &sha, bytes);
            self.note_local_blob(&mut batch, &sha);
        }
        Ok((sha, batch))
    }

    /// Attaches a photo to a placement: its bytes become a blob (by SHA-256, synced like an
    /// asset's attachments) written in the same batch as the placement's list of photos.
    pub fn add_placement_photo(
        &self,
        rack: RackId,
        placement: &str,
        bytes: &[u8],
        stamp: &Stamp,
    ) -> Result<Rack, RackError> {
        let (sha, batch) = self.stage_blob("photo", bytes)?;
        self.update_rack_with(rack, stamp, "photo", batch, |current, _| {
            let entry = placement_mut(current, placement)?;
            if !entry.photos.contains(&sha) {
                entry.photos.push(sha.clone());
            }
            Ok(Vec::new())
        })
    }

    /// Applies a one-click resolution of a rule broken by a merge.
    pub fn resolve_rack_invariant(
        &self,
        resolution: &Resolution,
        stamp: &Stamp,
    ) -> Result<(), RackError> {
        match resolution {
            Resolution::Park { rack, placement } => {
                self.update_rack(*rack, stamp, "park", |current, _| {
                    placement_mut(current, placement)?.bottom_hu = None;
                    Ok(Vec::new())
                })?;
            }
            Resolution::KeepAssetHere {
                asset,
                rack,
                placement,
            } => {
                let elsewhere: Vec<(RackId, String)> = self
                    .places()
                    .placements_of(*asset)
                    .into_iter()
                    .filter(|(r, p)| !(r == rack && p == placement))
                    .collect();
                for (other_rack, other) in elsewhere {
                    self.update_rack(other_rack, stamp, "keep_asset_elsewhere", |current, _| {
                        current.placements.remove(&other);
                        Ok(Vec::new())
                    })?;
                }
                // The kept placement sets the asset's location again.
                self.update_rack(*rack, stamp, "keep_asset_here", |current, index| {
                    let bottom = placement_mut(current, placement)?.bottom_hu;
                    Ok(vec![(*asset, Self::location_in(index, current, bottom))])
                })?;
            }
        }
        Ok(())
    }

    /// Writes whole aggregates (new or replacing) with the asset locations they imply, in one
    /// durable batch; the demo uses it. Callers check the rules themselves.
    pub fn insert_place_records(
        &self,
        records: Vec<PlaceRecord>,
        locations: Vec<(AssetId, Location)>,
        stamp: &Stamp,
        op: &str,
    ) -> Result<(), RackError> {
        let mut cache = self.lock_docs();
        let mut pending = Vec::with_capacity(records.len());
        for record in records {
            pending.push(match record {
                PlaceRecord::Site(site) => {
                    self.stage(&mut cache, &site, PlaceRecord::Site, stamp, op)?
                }
                PlaceRecord::Room(room) => {
                    self.stage(&mut cache, &room, PlaceRecord::Room, stamp, op)?
                }
                PlaceRecord::Rack(rack) => self.stage(
                    &mut cache,
                    rack.as_ref(),
                    |r| PlaceRecord::Rack(Box::new(r)),
                    stamp,
                    op,
                )?,
                PlaceRecord::DeviceType(device) => self.stage(
                    &mut cache,
                    device.as_ref(),
                    |d| PlaceRecord::DeviceType(Box::new(d)),
                    stamp,
                    op,
                )?,
            });
        }
        self.write_with_locations(&mut cache, pending, locations, stamp, op, Batch::default())
    }

    /// Sets the front or rear image of a device type the workspace added (the starter
    /// catalogue is read-only: import a copy to give it images). The image is a blob written in
    /// the same batch; the elevation draws it in the device's box.
    pub fn set_device_type_image(
        &self,
        key: &str,
        face: Face,
        bytes: &[u8],
        stamp: &Stamp,
    ) -> Result<DeviceType, RackError> {
        if key.starts_with(catalogue::BUILTIN_PREFIX) {
            return Err(RackError::BuiltinType { key: key.into() });
        }
        let (sha, batch) = self.stage_blob("image", bytes)?;
        let mut cache = self.lock_docs();
        let doc_id = format!("{}/{key}", DeviceType::KIND);
        let mut device: DeviceType = self.load_aggregate(&mut cache, &doc_id, "device type")?;
        match face {
            Face::Front => device.front_image = Some(sha),
            Face::Rear => device.rear_image = Some(sha),
        }
        let pending = self.stage(
            &mut cache,
            &device,
            |d| PlaceRecord::DeviceType(Box::new(d)),
            stamp,
            "device_type_image",
        )?;
        self.write_staged(&mut cache, vec![pending], batch)?;
        Ok(device)
    }

    /// Adds device types to the workspace's catalogue: all of them, or none when any entry has
    /// a problem. `ids` gives each new type its id (the caller's randomness).
    pub fn import_device_types(
        &self,
        inputs: &[catalogue::DeviceTypeInput],
        ids: &[DeviceTypeId],
        stamp: &Stamp,
    ) -> Result<Vec<DeviceType>, RackError> {
        let mut problems: Vec<CatalogueProblem> = Vec::new();
        let mut types = Vec::new();
        let known: std::collections::HashSet<(String, String)> = self
            .places()
            .device_types()
            .iter()
            .map(|t| (t.manufacturer.to_lowercase(), t.model.to_lowercase()))
            .collect();
        let mut seen = std::collections::HashSet::new();
        for (index, (input, id)) in inputs.iter().zip(ids).enumerate() {
            match catalogue::validate(input, id.to_string(), index + 1) {
                Ok(device) => {
                    let name = (
                        device.manufacturer.to_lowercase(),
                        device.model.to_lowercase(),
                    );
                    if known.contains(&name) || !seen.insert(name) {
                        problems.push(CatalogueProblem {
                            entry: index + 1,
                            field: "model".into(),
                            code: catalogue::CatalogueProblemCode::DuplicateModel,
                            value: device.display_name(),
                        });
                    }
                    types.push(device);
                }
                Err(mut found) => problems.append(&mut found),
            }
        }
        if !problems.is_empty() {
            return Err(RackError::Catalogue(problems));
        }
        let mut cache = self.lock_docs();
        let mut pending = Vec::with_capacity(types.len());
        for device in &types {
            pending.push(self.stage(
                &mut cache,
                device,
                |d| PlaceRecord::DeviceType(Box::new(d)),
                stamp,
                "import_device_type",
            )?);
        }
        self.write_staged(&mut cache, pending, Batch::default())?;
        Ok(types)
    }
}

fn placement_mut<'a>(rack: &'a mut Rack, placement: &str) -> Result<&'a mut Placement, RackError> {
    rack.placements.get_mut(placement).ok_or_else(|| {
        RackError::Refused(vec![PlacementProblem::NoSuchPlacement {
            placement: placement.into(),
        }])
    })
}
