//! Sites, rooms (floor objects, rows, aisles) and racks: created and changed.

use super::*;
use crate::problem::Problem;

impl Workspace {
    pub fn save_site(
        &self,
        id: SiteId,
        input: &SiteInput,
        stamp: &Stamp,
    ) -> Result<Site, RackError> {
        refuse_unreadable([
            ("name", input.name.as_str(), TextRule::SingleLine),
            ("code", &input.code, TextRule::SingleLine),
            ("address", &input.address, TextRule::SingleLine),
        ])?;
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
        // A renamed site renames it in the locations of its assets, in the same batch.
        let old_name = self.places().sites.get(&id).map(|old| old.name.clone());
        let locations = old_name
            .map(|old| self.renamed_locations(&[&old], &[&site.name], None))
            .unwrap_or_default();
        let mut cache = self.lock_docs();
        let pending = self.stage(&mut cache, &site, stamp, "save_site")?;
        self.write_with_locations(
            &mut cache,
            vec![pending],
            locations,
            stamp,
            "save_site",
            Batch::default(),
        )?;
        Ok(site)
    }

    pub fn save_room(
        &self,
        id: RoomId,
        input: &RoomInput,
        stamp: &Stamp,
    ) -> Result<Room, RackError> {
        refuse_unreadable([("name", input.name.as_str(), TextRule::SingleLine)])?;
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
        let before = {
            let places = self.places();
            let site = |id| {
                places
                    .sites
                    .get(&id)
                    .map(|site: &Site| site.name.clone())
                    .unwrap_or_default()
            };
            places
                .rooms
                .get(&id)
                .map(|room| (site(room.site), room.name.clone(), site(input.site)))
        };
        if let Some((old_site, old_name, new_site)) = before {
            // Its assets' locations follow a rename or a move to another site, in one batch.
            let name = input.name.trim();
            let locations =
                self.renamed_locations(&[&old_site, &old_name], &[&new_site, name], None);
            let mut cache = self.lock_docs();
            let doc_id = format!("{}/{id}", Room::PREFIX);
            let mut room: Room = self.load_place(&mut cache, &doc_id, "room")?;
            room.site = input.site;
            room.name = name.into();
            room.columns = input.columns;
            room.rows = input.rows;
            room.tile_mm = input.tile_mm;
            let pending = self.stage(&mut cache, &room, stamp, "save_room")?;
            self.write_with_locations(
                &mut cache,
                vec![pending],
                locations,
                stamp,
                "save_room",
                Batch::default(),
            )?;
            return Ok(room);
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
        self.save_one(&room, stamp, "save_room")?;
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
        let doc_id = format!("{}/{id}", Room::PREFIX);
        let mut room: Room = self.load_place(&mut cache, &doc_id, "room")?;
        change(&mut room)?;
        let pending = self.stage(&mut cache, &room, stamp, op)?;
        self.write(&mut cache, vec![pending], Batch::default())?;
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
        refuse_unreadable([("name", object.name.as_str(), TextRule::SingleLine)])?;
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
        refuse_unreadable([("name", name, TextRule::SingleLine)])?;
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
            let outside: Vec<Problem> = aisles
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

    fn validate_rack_spec(&self, id: RackId, spec: &RackSpec) -> Vec<Problem> {
        let mut errors = check_fields(
            std::iter::once(("name", spec.name.trim(), TextRule::SingleLine)).chain(
                spec.feeds
                    .iter()
                    .map(|feed| ("feeds", feed.name.trim(), TextRule::SingleLine)),
            ),
        );
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
            return self.update_rack(id, stamp, "save_rack", |rack, index| {
                // Its assets' locations follow a rename, a move to another room or row.
                let (old_site, old_room, old_row) = index.rack_location(rack);
                let old_name = rack.name.clone();
                apply(rack);
                let (site, room, row) = index.rack_location(rack);
                let row = (row != old_row).then_some(row.as_str());
                Ok(self.renamed_locations(
                    &[&old_site, &old_room, &old_name],
                    &[&site, &room, &rack.name],
                    row,
                ))
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
        self.save_one(&rack, stamp, "save_rack")?;
        Ok(rack)
    }
}
