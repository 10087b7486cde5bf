//! What hangs in a rack: placing, moving and removing devices (with their assets' locations),
//! reservations, the install checklist, photos, and the one-click resolutions of merge breaks.

use super::*;

impl Workspace {
    /// Changes a rack document through `change`, which may refuse, and which returns the
    /// asset locations the change implies (set or cleared) to write in the same batch.
    pub(crate) fn update_rack(
        &self,
        id: RackId,
        stamp: &Stamp,
        op: &str,
        change: impl FnOnce(
            &mut Rack,
            &crate::racks::index::PlaceIndex,
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
            &crate::racks::index::PlaceIndex,
        ) -> Result<Vec<(AssetId, Location)>, RackError>,
    ) -> Result<Rack, RackError> {
        let mut cache = self.lock_docs();
        let doc_id = format!("{}/{id}", Rack::PREFIX);
        let mut rack: Rack = self.load_place(&mut cache, &doc_id, "rack")?;
        let locations = change(&mut rack, &self.places())?;
        let pending = self.stage(&mut cache, &rack, stamp, op)?;
        self.write_with_locations(&mut cache, vec![pending], locations, stamp, op, batch)?;
        Ok(rack)
    }

    /// Writes staged racks together with the asset location changes they imply, in one
    /// durable batch.
    pub(in crate::racks) fn write_with_locations(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        mut pending: Vec<Pending>,
        locations: Vec<(AssetId, Location)>,
        stamp: &Stamp,
        op: &str,
        batch: Batch,
    ) -> Result<(), RackError> {
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
            crate::record::reconcile::reconcile_prop(
                &mut stored.doc,
                automerge::ROOT,
                "asset",
                &current,
            )
            .map_err(|e| crate::store::StoreError::DamagedDocument {
                doc_id: doc_id.clone(),
                reason: e.to_string(),
            })?;
            pending.push(self.stage_changed(stored, &doc_id, stamp, op)?);
        }
        Ok(self.write(cache, pending, batch)?)
    }

    /// The location an asset gets when it hangs in `rack` at `bottom_hu`.
    fn location_in(
        index: &crate::racks::index::PlaceIndex,
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
        refuse_unreadable([("label", request.label.as_str(), TextRule::SingleLine)])?;
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
                let row = self.index().get(&asset).map(|row| row.asset.clone());
                if let Some(asset) = &row {
                    if !asset.status.placeable() {
                        problems.push(PlacementProblem::AssetOutOfService {
                            tag: asset.asset_tag.clone(),
                            status: assets::ASSET_STATUSES.code(asset.status).into(),
                        });
                    }
                }
                if label.is_empty() {
                    label = row.map(|asset| asset.asset_tag).unwrap_or_default();
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
        let from_id = format!("{}/{from}", Rack::PREFIX);
        let to_id = format!("{}/{to}", Rack::PREFIX);
        let mut source: Rack = self.load_place(&mut cache, &from_id, "rack")?;
        let mut target: Rack = self.load_place(&mut cache, &to_id, "rack")?;
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
        let pending = vec![
            self.stage(&mut cache, &source, stamp, "move_out")?,
            self.stage(&mut cache, &target, stamp, "move_in")?,
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
        refuse_unreadable([
            ("label", label, TextRule::SingleLine),
            ("notes", notes, TextRule::MultiLine),
        ])?;
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
        refuse_unreadable([("reason", reservation.reason.as_str(), TextRule::SingleLine)])?;
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
        refuse_unreadable([("note", note, TextRule::MultiLine)])?;
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
    pub(crate) fn stage_blob(
        &self,
        field: &str,
        bytes: &[u8],
    ) -> Result<(String, Batch), RackError> {
        if bytes.is_empty() || bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(RackError::Invalid(vec![field_error(
                field,
                PlaceFieldCode::OutOfRange,
                bytes.len(),
            )]));
        }
        let mut batch = Batch::default();
        let sha = self.put_file(&mut batch, bytes)?;
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
        records: Vec<Whole>,
        locations: Vec<(AssetId, Location)>,
        stamp: &Stamp,
        op: &str,
    ) -> Result<(), RackError> {
        self.insert_place_records_with(records, locations, Batch::default(), stamp, op)
    }

    /// [`Self::insert_place_records`], with more to write in the same batch (a staged blob).
    pub(crate) fn insert_place_records_with(
        &self,
        records: Vec<Whole>,
        locations: Vec<(AssetId, Location)>,
        batch: Batch,
        stamp: &Stamp,
        op: &str,
    ) -> Result<(), RackError> {
        let mut cache = self.lock_docs();
        let pending = self.stage_wholes(&mut cache, records, stamp, op)?;
        self.write_with_locations(&mut cache, pending, locations, stamp, op, batch)
    }
}

fn placement_mut<'a>(rack: &'a mut Rack, placement: &str) -> Result<&'a mut Placement, RackError> {
    rack.placements.get_mut(placement).ok_or_else(|| {
        RackError::Refused(vec![PlacementProblem::NoSuchPlacement {
            placement: placement.into(),
        }])
    })
}
