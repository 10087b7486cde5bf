//! Documents and projections of the infrastructure aggregates: sites, rooms, racks and added
//! device types. Each is one Automerge document (`{kind}/{ULID}`, root keys `schema`, `kind`
//! and the aggregate under its kind) and one projection value (`p/{kind}/{ULID}`, postcard of
//! the hydrated aggregate), so that opening a workspace reads racks without Automerge and a
//! room of 2,000 racks recomputes its budgets from memory.

use automerge::AutoCommit;
use autosurgeon::{Hydrate, Reconcile};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::catalogue::{DeviceType, DEVICE_TYPE_SCHEMA};
use super::model::{Rack, Room, Site, PLACES_SCHEMA};
use crate::store::docs;
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// One aggregate kind of the infrastructure area.
pub trait Aggregate: Reconcile + Hydrate + Serialize + DeserializeOwned + Clone {
    /// The document id prefix, the `kind` value and the key the aggregate sits under.
    const KIND: &'static str;
    const SCHEMA: u64;
    /// The ULID part of its document id.
    fn id_text(&self) -> String;

    fn doc_id(&self) -> String {
        format!("{}/{}", Self::KIND, self.id_text())
    }
}

impl Aggregate for Site {
    const KIND: &'static str = "site";
    const SCHEMA: u64 = PLACES_SCHEMA;
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Aggregate for Room {
    const KIND: &'static str = "room";
    const SCHEMA: u64 = PLACES_SCHEMA;
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Aggregate for Rack {
    const KIND: &'static str = "rack";
    const SCHEMA: u64 = PLACES_SCHEMA;
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Aggregate for crate::cables::model::Cable {
    const KIND: &'static str = "cable";
    const SCHEMA: u64 = crate::cables::model::CABLE_SCHEMA;
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Aggregate for crate::cables::model::LabelScheme {
    const KIND: &'static str = "labelscheme";
    const SCHEMA: u64 = crate::cables::model::CABLE_SCHEMA;
    fn id_text(&self) -> String {
        self.id.to_string()
    }
}

impl Aggregate for crate::lifecycle::MaintenancePlan {
    const KIND: &'static str = "maintplan";
    const SCHEMA: u64 = crate::lifecycle::model::LIFECYCLE_SCHEMA;
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

impl Aggregate for crate::lifecycle::AuditSchedule {
    const KIND: &'static str = "auditschedule";
    const SCHEMA: u64 = crate::lifecycle::model::LIFECYCLE_SCHEMA;
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

impl Aggregate for DeviceType {
    const KIND: &'static str = "devicetype";
    const SCHEMA: u64 = DEVICE_TYPE_SCHEMA;
    fn id_text(&self) -> String {
        self.key.clone()
    }
}

fn damaged(doc_id: &str, error: impl ToString) -> StoreError {
    StoreError::DamagedDocument {
        doc_id: doc_id.to_owned(),
        reason: error.to_string(),
    }
}

/// Writes `value` into `doc` under its kind (new or existing document); the caller commits.
pub fn reconcile<T: Aggregate>(doc: &mut AutoCommit, value: &T) -> Result<(), StoreError> {
    let doc_id = value.doc_id();
    autosurgeon::reconcile_prop(doc, automerge::ROOT, "schema", T::SCHEMA)
        .map_err(|e| damaged(&doc_id, e))?;
    autosurgeon::reconcile_prop(doc, automerge::ROOT, "kind", T::KIND)
        .map_err(|e| damaged(&doc_id, e))?;
    autosurgeon::reconcile_prop(doc, automerge::ROOT, T::KIND, value)
        .map_err(|e| damaged(&doc_id, e))
}

/// The root of an aggregate's document: `schema`, `kind` and the aggregate under its kind,
/// what [`reconcile`] writes key by key.
struct Root<'a, T>(&'a T);

impl<T: Aggregate> Reconcile for Root<'_, T> {
    type Key<'k> = autosurgeon::reconcile::NoKey;

    fn reconcile<R: autosurgeon::Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
        use autosurgeon::reconcile::MapReconciler;
        let mut root = reconciler.map()?;
        root.put("schema", T::SCHEMA)?;
        root.put("kind", T::KIND)?;
        root.put(T::KIND, self.0)?;
        Ok(())
    }
}

/// The bytes of a new aggregate's document, as the one change of `actor` (see
/// `store::new_doc`): what [`reconcile`] into an empty document and a commit with `time` and
/// `message` would save. `None` when the aggregate needs the op-by-op path.
pub(crate) fn new_document<T: Aggregate>(
    value: &T,
    actor: &automerge::ActorId,
    time: i64,
    message: String,
) -> Result<Option<Vec<u8>>, StoreError> {
    crate::store::new_doc::first_change(Root(value), actor, time, message)
        .map_err(|e| damaged(&value.doc_id(), e))
}

/// Reads the aggregate out of its document.
pub fn hydrate<T: Aggregate>(doc: &AutoCommit, doc_id: &str) -> Result<T, StoreError> {
    autosurgeon::hydrate_prop(doc, automerge::ROOT, T::KIND).map_err(|e| damaged(doc_id, e))
}

fn projection_key(kind: &str, id_text: &str) -> Vec<u8> {
    format!("p/{kind}/{id_text}").into_bytes()
}

/// Puts the aggregate's projection into `batch`.
pub fn put_projection<T: Aggregate>(batch: &mut Batch, value: &T) {
    batch.put(
        projection_key(T::KIND, &value.id_text()),
        postcard::to_allocvec(value).unwrap_or_default(),
    );
}

/// Every stored projection of one kind.
pub fn load_projections<T: Aggregate>(tree: &dyn Tree) -> Result<Vec<T>, StoreError> {
    let mut list = Vec::new();
    let prefix = format!("p/{}/", T::KIND);
    tree.for_each_prefix(prefix.as_bytes(), &mut |key, value| {
        let value = postcard::from_bytes(value).map_err(|error| StoreError::DamagedRecord {
            what: String::from_utf8_lossy(key).into_owned(),
            reason: error.to_string(),
        })?;
        list.push(value);
        Ok(())
    })?;
    Ok(list)
}

/// A synced document of this area, hydrated on a merge worker.
#[derive(Clone, Debug)]
pub enum PlaceRecord {
    Site(Site),
    Room(Room),
    Rack(Box<Rack>),
    DeviceType(Box<DeviceType>),
    /// Cables ride along: same document and projection machinery, their own index.
    Cable(Box<crate::cables::model::Cable>),
    /// The workspace's cable label scheme.
    LabelScheme(crate::cables::model::LabelScheme),
    /// Lifecycle documents ride along too (their own index, `lifecycle::index`).
    MaintenancePlan(crate::lifecycle::MaintenancePlan),
    AuditSchedule(crate::lifecycle::AuditSchedule),
    /// An audit, as its summary (the document is read by `audits`, never staged here).
    Audit(Box<crate::audits::AuditSummary>),
}

impl PlaceRecord {
    /// Hydrates a document of this area; `Ok(None)` for other kinds.
    pub fn from_doc(doc: &AutoCommit, doc_id: &str) -> Result<Option<PlaceRecord>, StoreError> {
        let kind = doc_id.split('/').next().unwrap_or_default();
        Ok(Some(match kind {
            Site::KIND => PlaceRecord::Site(hydrate(doc, doc_id)?),
            Room::KIND => PlaceRecord::Room(hydrate(doc, doc_id)?),
            Rack::KIND => PlaceRecord::Rack(Box::new(hydrate(doc, doc_id)?)),
            DeviceType::KIND => PlaceRecord::DeviceType(Box::new(hydrate(doc, doc_id)?)),
            crate::cables::model::Cable::KIND => {
                PlaceRecord::Cable(Box::new(hydrate(doc, doc_id)?))
            }
            crate::cables::model::LabelScheme::KIND => {
                PlaceRecord::LabelScheme(hydrate(doc, doc_id)?)
            }
            crate::lifecycle::MaintenancePlan::KIND => {
                PlaceRecord::MaintenancePlan(hydrate(doc, doc_id)?)
            }
            crate::lifecycle::AuditSchedule::KIND => {
                PlaceRecord::AuditSchedule(hydrate(doc, doc_id)?)
            }
            "audit" => {
                let value: crate::audits::model::AuditDoc =
                    autosurgeon::hydrate(doc).map_err(|e| damaged(doc_id, e))?;
                PlaceRecord::Audit(Box::new(
                    crate::audits::state::AuditState::new(value).summary(),
                ))
            }
            _ => return Ok(None),
        }))
    }

    /// The id of the record's document.
    pub fn doc_id(&self) -> String {
        match self {
            PlaceRecord::Site(site) => site.doc_id(),
            PlaceRecord::Room(room) => room.doc_id(),
            PlaceRecord::Rack(rack) => rack.doc_id(),
            PlaceRecord::DeviceType(device) => device.doc_id(),
            PlaceRecord::Cable(cable) => cable.doc_id(),
            PlaceRecord::LabelScheme(scheme) => scheme.doc_id(),
            PlaceRecord::MaintenancePlan(plan) => plan.doc_id(),
            PlaceRecord::AuditSchedule(schedule) => schedule.doc_id(),
            PlaceRecord::Audit(summary) => crate::audits::doc_id(&summary.audit.id),
        }
    }

    /// The record as a new document's first change (see [`new_document`]).
    pub(crate) fn new_document(
        &self,
        actor: &automerge::ActorId,
        time: i64,
        message: String,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            PlaceRecord::Site(site) => new_document(site, actor, time, message),
            PlaceRecord::Room(room) => new_document(room, actor, time, message),
            PlaceRecord::Rack(rack) => new_document(rack.as_ref(), actor, time, message),
            PlaceRecord::DeviceType(device) => new_document(device.as_ref(), actor, time, message),
            PlaceRecord::Cable(cable) => new_document(cable.as_ref(), actor, time, message),
            PlaceRecord::LabelScheme(scheme) => new_document(scheme, actor, time, message),
            PlaceRecord::MaintenancePlan(plan) => new_document(plan, actor, time, message),
            PlaceRecord::AuditSchedule(schedule) => new_document(schedule, actor, time, message),
            PlaceRecord::Audit(_) => Ok(None),
        }
    }

    pub fn put_projection(&self, batch: &mut Batch) {
        match self {
            PlaceRecord::Site(site) => put_projection(batch, site),
            PlaceRecord::Room(room) => put_projection(batch, room),
            PlaceRecord::Rack(rack) => put_projection(batch, rack.as_ref()),
            PlaceRecord::DeviceType(device) => put_projection(batch, device.as_ref()),
            PlaceRecord::Cable(cable) => put_projection(batch, cable.as_ref()),
            PlaceRecord::LabelScheme(scheme) => put_projection(batch, scheme),
            PlaceRecord::MaintenancePlan(plan) => put_projection(batch, plan),
            PlaceRecord::AuditSchedule(schedule) => put_projection(batch, schedule),
            PlaceRecord::Audit(summary) => crate::audits::put_summary(batch, summary),
        }
    }
}

/// Rewrites every projection of this area from its documents (after a projection format
/// change; see `Store::rebuild_stale_projections`). Returns how many documents it read.
pub fn rebuild(tree: &dyn Tree) -> Result<usize, StoreError> {
    let mut batch = Batch::default();
    let mut count = 0;
    for kind in [
        Site::KIND,
        Room::KIND,
        Rack::KIND,
        DeviceType::KIND,
        crate::cables::model::Cable::KIND,
        crate::cables::model::LabelScheme::KIND,
        crate::lifecycle::MaintenancePlan::KIND,
        crate::lifecycle::AuditSchedule::KIND,
        "audit",
    ] {
        for (key, _) in tree.scan_prefix(format!("p/{kind}/").as_bytes())? {
            batch.delete(key);
        }
        for doc_id in docs::doc_ids_of_kind(tree, kind)? {
            if let Some(stored) = docs::load(tree, &doc_id)? {
                if let Some(record) = PlaceRecord::from_doc(&stored.doc, &doc_id)? {
                    record.put_projection(&mut batch);
                    count += 1;
                }
            }
        }
    }
    tree.apply(batch)?;
    tree.flush()?;
    Ok(count)
}
