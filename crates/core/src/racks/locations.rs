//! An asset's location as real places (issue 18).
//!
//! The asset document keeps its location as the names of its site, room, rack and unit (the
//! list row, search, reports, labels and CSV read them from the document alone); what makes
//! them real is that every write of a location resolves those names against the workspace's
//! places: a site by its name, a room of that site, a rack of that room, a unit between the
//! rack's first and last, and the row the rack stands in. A location naming no place is
//! refused (the app's form, which offers only places), or the place is made (the CLI and CSV
//! imports, which list what they made). An asset hanging in a rack takes its rack and unit
//! from its placement (`ops::placements`), so a form cannot move it elsewhere in words.
//!
//! Locations written before places were checked (a store of an older version, a document an
//! older device syncs) are made real by [`upkeep`], run when a workspace opens and after each
//! sync pull: the places they name are made, never the assets changed, and what could not
//! be resolved is listed for review ([`Workspace::location_review`]). Places made from
//! locations have ids derived from their names and are written as one change with a fixed
//! actor, time and message, so two devices making the same place make the same change, and
//! their copies merge into one record.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::index::PlaceIndex;
use super::model::{Rack, RackFormFactor, RackRowDef, RackStatus, RackWidth, Room, Site};
use super::power::Redundancy;
use super::RackError;
use crate::assets::{
    self, apply_input, AssetError, AssetField, AssetInput, AssetRow, ImportPreview, Location,
};
use crate::csv_file::CsvOptions;
use crate::ids::{AssetId, ItemId, RackId, RoomId, SiteId};
use crate::problem::{Problem, ProblemCode};
use crate::record::aggregate::{self, Aggregate};
use crate::record::write::{Pending, Staged};
use crate::record::Loaded;
use crate::stamp::{Author, ChangeMessage, Stamp};
use crate::store::kv::Batch;
use crate::store::Workspace;

/// The floor of a room made from locations, in tiles (its racks are placed by their names'
/// hash until someone arranges them on the floor plan).
const NEW_ROOM_TILES: u32 = 24;
/// The height a rack made from locations gets, or its highest unit named, up to the most a
/// rack may have.
const NEW_RACK_U: u32 = 42;
const MAX_RACK_U: u32 = 60;
/// The change op of places made from locations.
pub const PLACE_FROM_LOCATION: &str = "place_from_location";
/// Where this device keeps the places it made from locations (local, never synced).
const CREATED_KEY: &[u8] = b"y/locations/created";

/// Why a location was refused; the UI words each code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LocationCode {
    /// No site of that name.
    UnknownSite,
    /// No room of that name in the site.
    UnknownRoom,
    /// No rack of that name in the room.
    UnknownRack,
    /// A room given without its site.
    NeedsSite,
    /// A rack given without its room.
    NeedsRoom,
    /// A unit given without its rack.
    NeedsRack,
    /// A unit outside the rack (detail: rack, first, last).
    UnitOutsideRack,
    /// The asset hangs in a rack: its rack and unit change in the rack editor (detail: rack).
    PlacedInRack,
}

impl ProblemCode for LocationCode {
    fn code(self) -> &'static str {
        match self {
            LocationCode::UnknownSite => "unknown_site",
            LocationCode::UnknownRoom => "unknown_room",
            LocationCode::UnknownRack => "unknown_rack",
            LocationCode::NeedsSite => "needs_site",
            LocationCode::NeedsRoom => "needs_room",
            LocationCode::NeedsRack => "needs_rack",
            LocationCode::UnitOutsideRack => "unit_outside_rack",
            LocationCode::PlacedInRack => "placed_in_rack",
        }
    }

    fn english(self, value: &str) -> String {
        match self {
            LocationCode::UnknownSite => format!("no site is named '{value}'"),
            LocationCode::UnknownRoom => format!("the site has no room named '{value}'"),
            LocationCode::UnknownRack => format!("the room has no rack named '{value}'"),
            LocationCode::NeedsSite => "a room needs its site".into(),
            LocationCode::NeedsRoom => "a rack needs its room".into(),
            LocationCode::NeedsRack => "a unit needs its rack".into(),
            LocationCode::UnitOutsideRack => format!("U{value} is not in the rack"),
            LocationCode::PlacedInRack => {
                "the asset hangs in a rack: move it in the rack editor".into()
            }
        }
    }
}

/// Whether a write may make the places a location names and the workspace lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewPlaces {
    /// Refuse a location naming a place that does not exist (the app's form).
    Refuse,
    /// Make it, and say so (the CLI, CSV imports, the upkeep of older locations).
    Make,
}

/// A place made from a location: `site`, `room` or `rack`, and its path of names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewPlace {
    pub kind: String,
    /// `site / room / rack`, as far as the place goes.
    pub path: String,
}

/// An asset saved through its location's places, with the places the save made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedAsset {
    pub row: AssetRow,
    pub made: Vec<NewPlace>,
}

/// An asset whose location names places that could not be made real, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnresolvedLocation {
    pub asset: AssetId,
    pub asset_tag: String,
    pub location: Location,
    pub problems: Vec<Problem>,
}

/// What the upkeep of locations left for a person to look at: the places it made (on this
/// device) and the locations it could not resolve.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LocationReview {
    pub made: Vec<NewPlace>,
    pub unresolved: Vec<UnresolvedLocation>,
}

/// A rack an asset's location may name: its row and the units it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LocationRack {
    pub name: String,
    pub row: String,
    pub first_unit: u32,
    pub last_unit: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LocationRoom {
    pub name: String,
    pub racks: Vec<LocationRack>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LocationSite {
    pub name: String,
    pub rooms: Vec<LocationRoom>,
}

fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.trim().nfc().collect::<String>().to_lowercase()
}

/// A ULID derived from a place's kind and path: its first 48 bits (the time) are zero, so
/// ids made from locations read as such (`000000…`).
fn derived_ulid(kind: &str, parent: &str, name: &str) -> ulid::Ulid {
    let mut hash = Sha256::new();
    hash.update(kind.as_bytes());
    hash.update([0]);
    hash.update(parent.as_bytes());
    hash.update([0]);
    hash.update(name_key(name).as_bytes());
    let digest = hash.finalize();
    let mut bytes = [0u8; 16];
    bytes[6..].copy_from_slice(&digest[..10]);
    ulid::Ulid::from_bytes(bytes)
}

/// A tile for a rack made from a location, from its name: the same on every device.
fn tile_of(name: &str, room: &Room) -> (u32, u32) {
    let digest = Sha256::digest(name_key(name).as_bytes());
    let n = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
    (n % room.columns.max(1), (n / 7919) % room.rows.max(1))
}

#[derive(Clone)]
struct RackRef {
    id: RackId,
    name: String,
    row_name: String,
    starting_unit: u32,
    height_u: u32,
}

/// Resolves locations against a snapshot of the places, making the missing ones in memory
/// when allowed (written afterwards with [`Workspace::write_made_places`]).
pub struct LocationResolver {
    mode: NewPlaces,
    sites: HashMap<String, (SiteId, String)>,
    rooms: HashMap<(SiteId, String), (RoomId, String)>,
    racks: HashMap<(RoomId, String), RackRef>,
    /// Rooms as the index holds them (to add a row to one).
    known_rooms: BTreeMap<RoomId, Room>,
    new_sites: Vec<Site>,
    /// Rooms made, or known rooms given a row.
    touched_rooms: BTreeMap<RoomId, Room>,
    new_racks: BTreeMap<RackId, Rack>,
    made: Vec<NewPlace>,
}

impl LocationResolver {
    pub fn new(index: &PlaceIndex, mode: NewPlaces) -> LocationResolver {
        let sites = index
            .sites
            .values()
            .map(|s| (name_key(&s.name), (s.id, s.name.clone())))
            .collect();
        let rooms = index
            .rooms
            .values()
            .map(|r| ((r.site, name_key(&r.name)), (r.id, r.name.clone())))
            .collect();
        let racks = index
            .racks
            .values()
            .map(|rack| {
                let row_name = index
                    .rooms
                    .get(&rack.room)
                    .and_then(|room| room.rack_rows.get(&rack.row))
                    .map(|row| row.name.clone())
                    .unwrap_or_default();
                (
                    (rack.room, name_key(&rack.name)),
                    RackRef {
                        id: rack.id,
                        name: rack.name.clone(),
                        row_name,
                        starting_unit: rack.starting_unit,
                        height_u: rack.height_u,
                    },
                )
            })
            .collect();
        LocationResolver {
            mode,
            sites,
            rooms,
            racks,
            known_rooms: index.rooms.clone(),
            new_sites: Vec::new(),
            touched_rooms: BTreeMap::new(),
            new_racks: BTreeMap::new(),
            made: Vec::new(),
        }
    }

    /// The places made so far.
    pub fn made(&self) -> &[NewPlace] {
        &self.made
    }

    /// The location as its places name it (their own spelling, the rack's row), or every
    /// reason it is refused. An empty location is no place, and fine.
    pub fn resolve(&mut self, location: &Location) -> Result<Location, Vec<Problem>> {
        let site = location.site.trim();
        let room = location.room.trim();
        let rack = location.rack.trim();
        let mut problems = Vec::new();
        if !room.is_empty() && site.is_empty() {
            problems.push(Problem::new("site", LocationCode::NeedsSite, ""));
        }
        if !rack.is_empty() && room.is_empty() {
            problems.push(Problem::new("room", LocationCode::NeedsRoom, ""));
        }
        if location.unit.is_some() && rack.is_empty() {
            problems.push(Problem::new("rack", LocationCode::NeedsRack, ""));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut resolved = Location::default();
        if site.is_empty() {
            return Ok(resolved);
        }
        let Some((site_id, site_name)) = self.site(site) else {
            return Err(vec![Problem::new("site", LocationCode::UnknownSite, site)]);
        };
        resolved.site = site_name;
        if room.is_empty() {
            return Ok(resolved);
        }
        let Some((room_id, room_name)) = self.room(site_id, &resolved.site, room) else {
            return Err(vec![Problem::new("room", LocationCode::UnknownRoom, room)]);
        };
        resolved.room = room_name;
        if rack.is_empty() {
            return Ok(resolved);
        }
        let path = format!("{} / {}", resolved.site, resolved.room);
        let Some(found) = self.rack(room_id, &path, rack, location) else {
            return Err(vec![Problem::new("rack", LocationCode::UnknownRack, rack)]);
        };
        resolved.rack = found.name.clone();
        resolved.row = found.row_name.clone();
        if let Some(unit) = location.unit {
            let last = found.starting_unit + found.height_u.max(1) - 1;
            if unit < found.starting_unit || unit > last {
                return Err(vec![Problem::new(
                    "unit",
                    LocationCode::UnitOutsideRack,
                    unit.to_string(),
                )
                .with("rack", &found.name)
                .with("first", found.starting_unit)
                .with("last", last)
                .saying(format!(
                    "U{unit} is not in rack {}: its units are U{}-U{last}",
                    found.name, found.starting_unit
                ))]);
            }
        }
        resolved.unit = location.unit;
        Ok(resolved)
    }

    fn site(&mut self, name: &str) -> Option<(SiteId, String)> {
        if let Some(found) = self.sites.get(&name_key(name)) {
            return Some(found.clone());
        }
        if self.mode == NewPlaces::Refuse {
            return None;
        }
        let site = Site {
            id: SiteId(derived_ulid("site", "", name)),
            name: name.to_owned(),
            code: String::new(),
            address: String::new(),
        };
        let found = (site.id, site.name.clone());
        self.sites.insert(name_key(name), found.clone());
        self.made.push(NewPlace {
            kind: "site".into(),
            path: site.name.clone(),
        });
        self.new_sites.push(site);
        Some(found)
    }

    fn room(&mut self, site: SiteId, site_name: &str, name: &str) -> Option<(RoomId, String)> {
        let key = (site, name_key(name));
        if let Some(found) = self.rooms.get(&key) {
            return Some(found.clone());
        }
        if self.mode == NewPlaces::Refuse {
            return None;
        }
        let room = Room {
            id: RoomId(derived_ulid("room", &site.to_string(), name)),
            site,
            name: name.to_owned(),
            columns: NEW_ROOM_TILES,
            rows: NEW_ROOM_TILES,
            tile_mm: 600,
            aisles: Vec::new(),
            objects: Default::default(),
            rack_rows: Default::default(),
        };
        let found = (room.id, room.name.clone());
        self.rooms.insert(key, found.clone());
        self.made.push(NewPlace {
            kind: "room".into(),
            path: format!("{site_name} / {name}"),
        });
        self.touched_rooms.insert(room.id, room);
        Some(found)
    }

    fn rack(
        &mut self,
        room: RoomId,
        path: &str,
        name: &str,
        location: &Location,
    ) -> Option<RackRef> {
        let key = (room, name_key(name));
        if let Some(found) = self.racks.get_mut(&key) {
            // A rack this resolver made grows to the highest unit its locations name.
            if let (Some(unit), Some(made)) = (location.unit, self.new_racks.get_mut(&found.id)) {
                if unit > made.height_u && unit <= MAX_RACK_U {
                    made.height_u = unit;
                    found.height_u = unit;
                }
            }
            return Some(found.clone());
        }
        if self.mode == NewPlaces::Refuse {
            return None;
        }
        let row = self.row_of(room, location.row.trim());
        let room_value = self
            .touched_rooms
            .get(&room)
            .or_else(|| self.known_rooms.get(&room))?;
        let row_name = room_value
            .rack_rows
            .get(&row)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        let (x, y) = tile_of(name, room_value);
        let height_u = location
            .unit
            .filter(|unit| *unit <= MAX_RACK_U)
            .map_or(NEW_RACK_U, |unit| unit.max(NEW_RACK_U));
        let rack = Rack {
            id: RackId(derived_ulid("rack", &room.to_string(), name)),
            room,
            row,
            name: name.to_owned(),
            x,
            y,
            rotation: 0,
            height_u,
            starting_unit: 1,
            width: RackWidth::Inch19,
            depth_mm: 1200,
            form_factor: RackFormFactor::Cabinet4Post,
            max_weight_kg: 1000.0,
            status: RackStatus::Planned,
            feeds: Vec::new(),
            redundancy: Redundancy::None,
            placements: Default::default(),
            reservations: Default::default(),
        };
        let found = RackRef {
            id: rack.id,
            name: rack.name.clone(),
            row_name,
            starting_unit: 1,
            height_u,
        };
        self.racks.insert(key, found.clone());
        self.made.push(NewPlace {
            kind: "rack".into(),
            path: format!("{path} / {name}"),
        });
        self.new_racks.insert(rack.id, rack);
        Some(found)
    }

    /// The id of the row named `name` in `room`, added to the room when it has none of that
    /// name; empty for no row.
    fn row_of(&mut self, room: RoomId, name: &str) -> String {
        if name.is_empty() {
            return String::new();
        }
        let current = self
            .touched_rooms
            .get(&room)
            .or_else(|| self.known_rooms.get(&room));
        let Some(current) = current else {
            return String::new();
        };
        if let Some((id, _)) = current
            .rack_rows
            .iter()
            .find(|(_, row)| name_key(&row.name) == name_key(name))
        {
            return id.clone();
        }
        let mut changed = current.clone();
        let id = ItemId(derived_ulid("row", &room.to_string(), name)).to_string();
        changed.rack_rows.insert(
            id.clone(),
            RackRowDef {
                name: name.to_owned(),
            },
        );
        self.touched_rooms.insert(room, changed);
        id
    }

    fn is_empty(&self) -> bool {
        self.new_sites.is_empty() && self.touched_rooms.is_empty() && self.new_racks.is_empty()
    }
}

/// The identity places made from locations are written under, the same on every device.
fn maker() -> Stamp {
    Stamp::new(Author::from_name("Cloudwright"), 0)
}

impl Workspace {
    /// Writes the places `resolver` made in one durable batch: new ones as one change each
    /// that every device makes alike, a known room given a row as a change of this device.
    fn write_made_places(&self, resolver: LocationResolver) -> Result<Vec<NewPlace>, RackError> {
        if resolver.is_empty() {
            return Ok(Vec::new());
        }
        let stamp = maker();
        let message = ChangeMessage::of(&stamp, PLACE_FROM_LOCATION).encode();
        let mut cache = self.lock_docs();
        let mut pending = Vec::new();
        for site in resolver.new_sites {
            if !self.places().sites.contains_key(&site.id) {
                pending.push(self.stage_made_place(&mut cache, &site, &stamp, &message)?);
            }
        }
        for (id, room) in resolver.touched_rooms {
            if self.places().rooms.contains_key(&id) {
                let mut current: Room = self.load_place_doc(&mut cache, &room.doc_id())?;
                current.rack_rows.extend(room.rack_rows.clone());
                pending.push(self.stage(&mut cache, &current, &stamp, PLACE_FROM_LOCATION)?);
            } else {
                pending.push(self.stage_made_place(&mut cache, &room, &stamp, &message)?);
            }
        }
        for (id, rack) in resolver.new_racks {
            if !self.places().racks.contains_key(&id) {
                pending.push(self.stage_made_place(&mut cache, &rack, &stamp, &message)?);
            }
        }
        let mut batch = Batch::default();
        let mut kept = self.places_made_here()?;
        kept.extend(resolver.made.iter().cloned());
        batch.put(
            CREATED_KEY.to_vec(),
            postcard::to_allocvec(&kept).unwrap_or_default(),
        );
        self.write(&mut cache, pending, batch)?;
        Ok(resolver.made)
    }

    /// A place made from locations, as the one first change every device makes alike (the
    /// same actor, time and message), or staged as this device's change when it cannot be.
    fn stage_made_place<T: Aggregate>(
        &self,
        cache: &mut HashMap<String, crate::store::docs::StoredDoc>,
        place: &T,
        stamp: &Stamp,
        message: &str,
    ) -> Result<Pending, RackError> {
        let doc_id = place.doc_id();
        let actor = actor_of(&doc_id);
        Ok(
            match aggregate::new_document(place, &actor, 0, message.to_owned())? {
                Some(bytes) => Pending {
                    loaded: Loaded::new::<T>(doc_id.clone(), place.clone()),
                    doc_id,
                    staged: Staged::FirstChange(bytes),
                },
                None => self.stage(cache, place, stamp, PLACE_FROM_LOCATION)?,
            },
        )
    }

    fn load_place_doc<T: Aggregate>(
        &self,
        cache: &mut HashMap<String, crate::store::docs::StoredDoc>,
        doc_id: &str,
    ) -> Result<T, RackError> {
        self.load_aggregate(cache, doc_id)?
            .ok_or_else(|| RackError::NotFound {
                what: T::PREFIX,
                id: doc_id.to_owned(),
            })
    }

    /// The places this device made from locations, oldest first.
    fn places_made_here(&self) -> Result<Vec<NewPlace>, RackError> {
        Ok(self
            .tree
            .get(CREATED_KEY)?
            .and_then(|bytes| postcard::from_bytes(&bytes).ok())
            .unwrap_or_default())
    }

    /// Every place an asset's location may name, as the form's pickers list them: sites,
    /// their rooms and their racks, each in natural order (`A-R2` before `A-R10`).
    pub fn location_choices(&self) -> Vec<LocationSite> {
        use crate::natural::natural_key;
        let places = self.places();
        let mut sites: Vec<LocationSite> = places
            .sites
            .values()
            .map(|site| {
                let mut rooms: Vec<LocationRoom> = places
                    .rooms
                    .values()
                    .filter(|room| room.site == site.id)
                    .map(|room| {
                        let mut racks: Vec<LocationRack> = places
                            .racks
                            .values()
                            .filter(|rack| rack.room == room.id)
                            .map(|rack| LocationRack {
                                name: rack.name.clone(),
                                row: room
                                    .rack_rows
                                    .get(&rack.row)
                                    .map(|row| row.name.clone())
                                    .unwrap_or_default(),
                                first_unit: rack.starting_unit,
                                last_unit: rack.starting_unit + rack.height_u.max(1) - 1,
                            })
                            .collect();
                        racks.sort_by_cached_key(|rack| natural_key(&rack.name));
                        LocationRoom {
                            name: room.name.clone(),
                            racks,
                        }
                    })
                    .collect();
                rooms.sort_by_cached_key(|room| natural_key(&room.name));
                LocationSite {
                    name: site.name.clone(),
                    rooms,
                }
            })
            .collect();
        sites.sort_by_cached_key(|site| natural_key(&site.name));
        sites
    }

    /// What the locations' upkeep left to look at: the places it made here and every asset
    /// whose location names places that could not be made real.
    pub fn location_review(&self) -> Result<LocationReview, RackError> {
        Ok(LocationReview {
            made: self.places_made_here()?,
            unresolved: self.unresolved_locations(),
        })
    }

    /// Every asset whose location names places that cannot be made real (what the upkeep
    /// leaves: a rack without its room, a unit past an existing rack), with why, by asset tag
    /// (a finding each: `crate::findings`). A place the upkeep would make is not one of them,
    /// made or not yet (a synced workspace before its first pull).
    pub fn unresolved_locations(&self) -> Vec<UnresolvedLocation> {
        // Made in memory only, so that what the upkeep would make counts as there.
        let mut resolver = LocationResolver::new(&self.places(), NewPlaces::Make);
        // Many assets share a location: each one is resolved once.
        let mut seen: HashMap<LocationKey<'_>, Option<Vec<Problem>>> = HashMap::new();
        let index = self.index();
        let mut unresolved: Vec<UnresolvedLocation> = index
            .rows()
            .iter()
            .filter_map(|row| {
                let location = &row.asset.location;
                let problems = match seen.get(&location_key(location)) {
                    Some(known) => known.clone()?,
                    None => {
                        let found = resolver.resolve(location).err();
                        seen.insert(location_key(location), found.clone());
                        found?
                    }
                };
                Some(UnresolvedLocation {
                    asset: row.asset.id,
                    asset_tag: row.asset.asset_tag.clone(),
                    location: row.asset.location.clone(),
                    problems,
                })
            })
            .collect();
        unresolved.sort_by_cached_key(|u| crate::natural::natural_key(&u.asset_tag));
        unresolved
    }

    /// Makes the places that asset locations name and the workspace lacks (locations written
    /// before they were checked). The assets are not changed; idempotent. Returns the places
    /// made. A workspace this account may not change is left alone (its pushes would be
    /// refused): a device that may, makes them.
    pub fn make_places_of_locations(&self) -> Result<Vec<NewPlace>, RackError> {
        if !matches!(self.edit_access()?, crate::trust::EditAccess::Everything) {
            return Ok(Vec::new());
        }
        let mut resolver = LocationResolver::new(&self.places(), NewPlaces::Make);
        {
            let index = self.index();
            // Many assets share a location: each one is resolved once.
            let mut seen = std::collections::HashSet::new();
            for row in index.rows() {
                if seen.insert(location_key(&row.asset.location)) {
                    let _ = resolver.resolve(&row.asset.location);
                }
            }
        }
        self.write_made_places(resolver)
    }

    /// Registers an asset whose location is resolved against the places first (see the
    /// module): refused with every problem at once, places made only when `new_places` says.
    pub fn register_asset_at(
        &self,
        id: AssetId,
        input: &AssetInput,
        new_places: NewPlaces,
        stamp: &Stamp,
    ) -> Result<SavedAsset, AssetError> {
        let base = assets::Asset::blank(id);
        let (input, resolver) = self.resolve_input(&base, input, new_places, None)?;
        let made = self.write_made(resolver)?;
        let row = self.register_asset(id, &input, stamp)?;
        Ok(SavedAsset { row, made })
    }

    /// Edits an asset, its location resolved against the places as [`Self::register_asset_at`]
    /// does; an asset hanging in a rack keeps the rack and unit of its placement.
    pub fn edit_asset_at(
        &self,
        id: AssetId,
        input: &AssetInput,
        new_places: NewPlaces,
        stamp: &Stamp,
    ) -> Result<SavedAsset, AssetError> {
        let current = self.asset(&id.to_string())?.asset;
        let touches_location = LOCATION_FIELDS.iter().any(|f| input.get(*f).is_some());
        if !touches_location {
            let row = self.edit_asset(id, input, stamp)?;
            return Ok(SavedAsset {
                row,
                made: Vec::new(),
            });
        }
        let placed = self.placed_rack_name(id);
        let (input, resolver) =
            self.resolve_input(&current, input, new_places, placed.map(|p| (p, &current)))?;
        let made = self.write_made(resolver)?;
        let row = self.edit_asset(id, &input, stamp)?;
        Ok(SavedAsset { row, made })
    }

    fn write_made(&self, resolver: LocationResolver) -> Result<Vec<NewPlace>, AssetError> {
        self.write_made_places(resolver)
            .map_err(|error| match error {
                RackError::Asset(error) => error,
                RackError::Store(error) => AssetError::Store(error),
                other => AssetError::Document {
                    doc_id: String::new(),
                    reason: other.to_string(),
                },
            })
    }

    /// The name of the rack the asset hangs in, if it does.
    fn placed_rack_name(&self, id: AssetId) -> Option<String> {
        let places = self.places();
        let (rack, _) = places.placements_of(id).into_iter().next()?;
        places.racks.get(&rack).map(|r| r.name.clone())
    }

    /// `input` with its location resolved (in the places' own spelling), checked with the
    /// rest of the register's rules so that every problem comes back at once.
    fn resolve_input(
        &self,
        base: &assets::Asset,
        input: &AssetInput,
        new_places: NewPlaces,
        placed: Option<(String, &assets::Asset)>,
    ) -> Result<(AssetInput, LocationResolver), AssetError> {
        let mut problems = match self.check_asset_input(base, input) {
            Ok(_) => Vec::new(),
            Err(AssetError::Invalid(problems)) => problems,
            Err(other) => return Err(other),
        };
        let location_given = problems
            .iter()
            .all(|p| !LOCATION_FIELDS.iter().any(|f| f.code() == p.field));
        let mut resolver = LocationResolver::new(&self.places(), new_places);
        let mut resolved_input = input.clone();
        if location_given {
            let mut only_location = AssetInput::default();
            for field in LOCATION_FIELDS {
                only_location.set(field, input.get(field).map(str::to_owned));
            }
            // The location alone, on a base that has the fields the register requires.
            let mut probe = base.clone();
            if probe.asset_tag.is_empty() {
                probe.asset_tag = "-".into();
            }
            if let Ok(wanted) = apply_input(&probe, &only_location) {
                match resolver.resolve(&wanted.location) {
                    Ok(resolved) => {
                        if let Some((rack, current)) = placed {
                            let same = resolved.site == current.location.site
                                && resolved.room == current.location.room
                                && resolved.rack == current.location.rack
                                && resolved.unit == current.location.unit;
                            if !same {
                                problems.push(
                                    Problem::new("rack", LocationCode::PlacedInRack, &rack)
                                        .with("rack", &rack),
                                );
                            }
                        }
                        resolved_input.site = Some(resolved.site);
                        resolved_input.room = Some(resolved.room);
                        resolved_input.row = Some(resolved.row);
                        resolved_input.rack = Some(resolved.rack);
                        resolved_input.unit =
                            Some(resolved.unit.map(|u| u.to_string()).unwrap_or_default());
                    }
                    Err(found) => problems.extend(found),
                }
            }
        }
        if problems.is_empty() {
            Ok((resolved_input, resolver))
        } else {
            Err(AssetError::Invalid(problems))
        }
    }

    /// Reads and checks an asset CSV without writing anything: the register's rules, then
    /// each row's location resolved against the places (made where they do not exist, and
    /// listed in `new_places`).
    pub fn preview_import(&self, bytes: &[u8], options: CsvOptions) -> ImportPreview {
        self.import_preview(bytes, options).0
    }

    fn import_preview(
        &self,
        bytes: &[u8],
        options: CsvOptions,
    ) -> (ImportPreview, Vec<assets::Asset>, LocationResolver) {
        let mut resolver = LocationResolver::new(&self.places(), NewPlaces::Make);
        let (mut preview, assets) =
            assets::csv_io::preview(self, bytes, options, &mut |location| {
                resolver.resolve(location)
            });
        preview.new_places = resolver.made().iter().map(|p| p.path.clone()).collect();
        (preview, assets, resolver)
    }

    /// Imports every row or none: any error refuses the whole file and writes nothing. The
    /// places the rows name and the workspace lacks are made first. `next_id` supplies the
    /// new assets' ids.
    pub fn import_assets(
        &self,
        bytes: &[u8],
        options: CsvOptions,
        stamp: &Stamp,
        mut next_id: impl FnMut() -> AssetId,
    ) -> Result<Vec<AssetRow>, AssetError> {
        let (preview, mut assets, resolver) = self.import_preview(bytes, options);
        if !preview.can_import() {
            return Err(AssetError::ImportRefused(Box::new(preview)));
        }
        for asset in &mut assets {
            asset.id = next_id();
        }
        self.write_made(resolver)?;
        self.insert_assets(assets, stamp, "import")
    }
}

impl Workspace {
    /// The assets whose location names the place at path `old` (a site; a site and room; a
    /// site, room and rack), each with its location naming the place by path `new` (and, for
    /// a rack, its row `new_row`): what a rename or a move of the place writes with it.
    pub(crate) fn renamed_locations(
        &self,
        old: &[&str],
        new: &[&str],
        new_row: Option<&str>,
    ) -> Vec<(AssetId, Location)> {
        let same =
            old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a == b) && new_row.is_none();
        if same || old.is_empty() {
            return Vec::new();
        }
        let old_keys: Vec<String> = old.iter().map(|name| name_key(name)).collect();
        let index = self.index();
        index
            .rows()
            .iter()
            .filter_map(|row| {
                let location = &row.asset.location;
                let levels = [&location.site, &location.room, &location.rack];
                let names_it = old_keys
                    .iter()
                    .zip(levels)
                    .all(|(key, level)| name_key(level) == *key);
                if !names_it {
                    return None;
                }
                let mut moved = location.clone();
                for (level, name) in new.iter().enumerate() {
                    let slot = match level {
                        0 => &mut moved.site,
                        1 => &mut moved.room,
                        _ => &mut moved.rack,
                    };
                    *slot = (*name).to_owned();
                }
                if let Some(row) = new_row {
                    moved.row = row.to_owned();
                }
                (moved != *location).then_some((row.asset.id, moved))
            })
            .collect()
    }
}

/// A location's parts, to resolve each location many assets share once.
type LocationKey<'a> = (&'a str, &'a str, &'a str, &'a str, Option<u32>);

fn location_key(location: &Location) -> LocationKey<'_> {
    (
        &location.site,
        &location.room,
        &location.row,
        &location.rack,
        location.unit,
    )
}

/// The asset fields that make its location.
const LOCATION_FIELDS: [AssetField; 5] = [
    AssetField::Site,
    AssetField::Room,
    AssetField::Row,
    AssetField::Rack,
    AssetField::Unit,
];

fn actor_of(doc_id: &str) -> automerge::ActorId {
    let digest = Sha256::digest(doc_id.as_bytes());
    automerge::ActorId::from(&digest[..16])
}

/// The registry's upkeep (`crate::kinds`): places for the locations older versions wrote.
pub(crate) fn upkeep(workspace: &Workspace) {
    match workspace.make_places_of_locations() {
        Ok(made) if made.is_empty() => {}
        Ok(made) => tracing::info!(made = made.len(), "places made from asset locations"),
        Err(error) => tracing::warn!(%error, "places not made from asset locations"),
    }
}

#[cfg(test)]
mod tests;
