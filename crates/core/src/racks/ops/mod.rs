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

/// One aggregate to write: its document, and what it becomes.
struct Pending {
    doc_id: String,
    staged: Staged,
    record: PlaceRecord,
}

/// How an aggregate's document is written.
enum Staged {
    /// Changed in memory (loaded, or new and built op by op); its new changes are appended
    /// and it goes back to the cache.
    Doc(Box<StoredDoc>),
    /// A new aggregate's whole document as its one first change, encoded from the value
    /// (`store::new_doc`); nothing is kept in memory.
    FirstChange(Vec<u8>),
}

/// Below this many new aggregates, encoding them on one core is quicker than starting threads.
const PARALLEL_FROM: usize = 256;

/// The first changes of new aggregates (see [`Staged::FirstChange`]), on every core for many.
fn encode_new(
    records: &[PlaceRecord],
    stamp: &Stamp,
    op: &str,
) -> Result<Vec<Option<Vec<u8>>>, RackError> {
    // One actor for the batch: each document is its own history, so they need not differ.
    let actor = automerge::ActorId::random();
    let message = ChangeMessage::new(&stamp.author, op).encode();
    let one = |record: &PlaceRecord| record.new_document(&actor, stamp.at_ms, message.clone());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if records.len() < PARALLEL_FROM || workers == 1 {
        return Ok(records.iter().map(one).collect::<Result<_, _>>()?);
    }
    let chunk = records.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = records
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Result<Vec<_>, _>>()))
            .collect();
        let mut encoded = Vec::with_capacity(records.len());
        for handle in handles {
            let part = handle
                .join()
                .map_err(|_| crate::store::StoreError::DamagedDocument {
                    doc_id: String::new(),
                    reason: "a worker encoding new documents stopped".into(),
                })??;
            encoded.extend(part);
        }
        Ok(encoded)
    })
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
            staged: Staged::Doc(Box::new(stored)),
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
            match &mut item.staged {
                Staged::Doc(stored) => {
                    docs::append_pending(self.tree.as_ref(), &mut batch, stored, &item.doc_id)?
                }
                Staged::FirstChange(bytes) => {
                    docs::put_first_change(&mut batch, &item.doc_id, std::mem::take(bytes))
                }
            }
            item.record.put_projection(&mut batch);
            self.note_local_change(&mut batch, &item.doc_id);
            done.push(item);
        }
        // On failure the staged documents are dropped with `done`: the next use reloads them.
        self.commit(batch)?;
        let mut records = Vec::with_capacity(done.len());
        for item in done {
            if let Staged::Doc(stored) = item.staged {
                self.keep_doc(cache, item.doc_id, *stored);
            }
            records.push(item.record);
        }
        self.upsert_records(records);
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

    pub(crate) fn save_one<T: Aggregate>(
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
}

mod placements;
mod rack_places;
mod types;
