//! Audits on an open workspace: start, scan, mark, register what was not in the register,
//! close, and apply the corrections. Each write is one change of the audit's document,
//! durable before it returns; the audit stays in memory (`Workspace::audit_states`) so a scan
//! is a lookup and one small change.

use std::collections::{BTreeMap, HashMap};

use automerge::{AutoCommit, ObjType, ReadDoc, Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::kinds::AuditKind;
use super::model::{AuditDoc, AuditEnd, AuditScope, Expected, Mark, Outcome, AUDIT_SCHEMA};
use super::state::{AuditState, AuditStates, Discrepancy};
use super::{doc_id, Audit, AuditCounts, AuditError, AuditSummary};
use crate::assets::{AssetQuery, AssetRow, AssetStatus, Location};
use crate::record::write::{commit_options, Pending, Staged};
use crate::record::Loaded;
use crate::stamp::Stamp;
use crate::store::docs::StoredDoc;
use crate::store::kv::Batch;
use crate::store::Workspace;

/// What a scan found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ScanResult {
    /// Expected here, now marked found.
    Found,
    /// Expected here and already marked (nothing written).
    AlreadyMarked,
    /// In the register, but recorded elsewhere: marked unexpected, found here.
    NotExpected,
    /// Not in the register: nothing written; register it or note it.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScanAnswer {
    pub result: ScanResult,
    pub code: String,
    /// The asset's id, tag and model when the code names one.
    pub asset: String,
    pub tag: String,
    pub model: String,
    /// Where the records put it.
    pub recorded: Option<Location>,
    pub outcome: Option<Outcome>,
    pub counts: AuditCounts,
}

/// A mark by hand: an item (asset id, tag or serial, or a code not in the register) and what
/// the auditor saw.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MarkInput {
    pub item: String,
    pub outcome: String,
    pub actual: Option<Location>,
    pub actual_status: String,
    pub note: String,
}

pub(super) fn damaged(doc_id: &str, error: impl ToString) -> crate::store::StoreError {
    crate::store::StoreError::DamagedDocument {
        doc_id: doc_id.to_owned(),
        reason: error.to_string(),
    }
}

/// The object id of a map under the root, made if missing.
pub(super) fn root_map(
    doc: &mut AutoCommit,
    key: &str,
) -> Result<automerge::ObjId, automerge::AutomergeError> {
    use automerge::transaction::Transactable;
    match doc.get(automerge::ROOT, key)? {
        Some((Value::Object(ObjType::Map), id)) => Ok(id),
        _ => doc.put_object(automerge::ROOT, key, ObjType::Map),
    }
}

/// The audit's projection key and value.
impl Workspace {
    /// Starts an audit of `scope`: its expected list is every asset the records put there
    /// now (disposed ones excepted).
    pub fn start_audit(
        &self,
        id: ulid::Ulid,
        name: &str,
        scope: AuditScope,
        stamp: &Stamp,
    ) -> Result<AuditSummary, AuditError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AuditError::NoName);
        }
        let filter = match &scope.filter {
            Some(json) => Some(
                serde_json::from_str::<AssetQuery>(json)
                    .map_err(|e| AuditError::BadFilter(e.to_string()))?,
            ),
            None => None,
        };
        if filter.is_none() && scope.site.trim().is_empty() && scope.racks.is_empty() {
            return Err(AuditError::NoScope);
        }
        let expected = self.expected_for(&scope, filter.as_ref());
        let audit = Audit {
            id: id.to_string(),
            name: name.to_owned(),
            scope,
            started_at_ms: stamp.at_ms,
            started_by: stamp.author.name.clone(),
            closed: None,
        };
        let value = AuditDoc {
            schema: AUDIT_SCHEMA,
            kind: "audit".into(),
            audit,
            expected: super::model::ExpectedList(expected),
            marks: BTreeMap::new(),
            applied: BTreeMap::new(),
        };
        let doc_id = doc_id(&value.audit.id);
        let mut cache = self.lock_docs();
        // A few ops (the expected list is one value), saved as a snapshot in 64 KiB chunks.
        let mut doc = AutoCommit::new();
        autosurgeon::reconcile(&mut doc, &value).map_err(|e| damaged(&doc_id, e))?;
        doc.commit_with(commit_options(stamp, "audit-start"));
        let bytes = doc.save();
        let state = AuditState::new(value);
        let summary = state.summary();
        let pending = Pending {
            doc_id: doc_id.clone(),
            staged: Staged::Snapshot(bytes),
            loaded: Loaded::new::<AuditKind>(doc_id.clone(), summary.clone()),
        };
        self.write(&mut cache, vec![pending], Batch::default())?;
        self.keep_doc(&mut cache, doc_id, StoredDoc::saved(doc, 0, 0));
        self.audit_states().insert(summary.audit.id.clone(), state);
        Ok(summary)
    }

    fn expected_for(
        &self,
        scope: &AuditScope,
        filter: Option<&AssetQuery>,
    ) -> BTreeMap<String, Expected> {
        let index = self.index();
        let expect = |row: &AssetRow| {
            (
                row.asset.id.to_string(),
                Expected {
                    tag: row.asset.asset_tag.clone(),
                    serial: row.asset.serial.clone(),
                    asset_type: row.asset.asset_type,
                    model: row.asset.model.clone(),
                    status: row.asset.status,
                    location: row.asset.location.clone(),
                },
            )
        };
        let live = |row: &&AssetRow| row.asset.status != AssetStatus::Disposed;
        match filter {
            Some(query) => {
                let mut all = query.clone();
                all.offset = 0;
                all.limit = u32::MAX;
                let page = index.query(&all);
                page.rows.iter().filter(live).map(expect).collect()
            }
            None => index
                .rows()
                .iter()
                .filter(live)
                .filter(|row| scope.contains(&row.asset.location))
                .map(expect)
                .collect(),
        }
    }

    pub(crate) fn audit_states(&self) -> std::sync::RwLockWriteGuard<'_, AuditStates> {
        self.indexes().write::<AuditStates>()
    }

    /// Loads the audit into memory if it is not there; the caller holds the docs lock.
    pub(super) fn load_audit_state(
        &self,
        cache: &mut HashMap<String, StoredDoc>,
        id: &str,
    ) -> Result<(), AuditError> {
        if self.audit_states().contains_key(id) {
            return Ok(());
        }
        let doc_id = doc_id(id);
        let stored = self
            .take_doc(cache, &doc_id)?
            .ok_or_else(|| AuditError::NotFound(id.to_owned()))?;
        let value: Result<AuditDoc, _> = autosurgeon::hydrate(&stored.doc);
        self.keep_doc(cache, doc_id.clone(), stored);
        let value = value.map_err(|e| damaged(&doc_id, e))?;
        self.audit_states()
            .insert(id.to_owned(), AuditState::new(value));
        Ok(())
    }

    /// Runs `change` on the audit's document and its state, then writes it durably as `op`.
    pub(super) fn change_audit<T>(
        &self,
        id: &str,
        stamp: &Stamp,
        op: &str,
        change: impl FnOnce(&mut AutoCommit, &mut AuditState) -> Result<T, AuditError>,
    ) -> Result<T, AuditError> {
        self.change_audit_with_batch(id, stamp, op, |doc, state, _| change(doc, state))
    }

    /// [`Self::change_audit`] with the batch the change is written in (for its blobs).
    pub(super) fn change_audit_with_batch<T>(
        &self,
        id: &str,
        stamp: &Stamp,
        op: &str,
        change: impl FnOnce(&mut AutoCommit, &mut AuditState, &mut Batch) -> Result<T, AuditError>,
    ) -> Result<T, AuditError> {
        let doc_id = doc_id(id);
        let mut cache = self.lock_docs();
        self.load_audit_state(&mut cache, id)?;
        let mut stored = self
            .take_doc(&mut cache, &doc_id)?
            .ok_or_else(|| AuditError::NotFound(id.to_owned()))?;
        let mut states = self.audit_states();
        let Some(mut state) = states.remove(id) else {
            return Err(AuditError::NotFound(id.to_owned()));
        };
        drop(states);
        let mut batch = Batch::default();
        let result = change(&mut stored.doc, &mut state, &mut batch).and_then(|value| {
            stored.doc.commit_with(commit_options(stamp, op));
            let pending = Pending {
                doc_id: doc_id.clone(),
                staged: Staged::Doc(Box::new(stored)),
                loaded: Loaded::new::<AuditKind>(doc_id.clone(), state.summary()),
            };
            self.write(&mut cache, vec![pending], batch)?;
            Ok(value)
        });
        match result {
            Ok(value) => {
                // Written: the audit in memory is the document's state again.
                self.audit_states().insert(id.to_owned(), state);
                Ok(value)
            }
            // The document and the state may hold the unsaved change: both are dropped, and
            // the next use reloads them from the store.
            Err(error) => Err(error),
        }
    }

    /// Adds a mark to the document and the state.
    fn put_mark(
        doc: &mut AutoCommit,
        state: &mut AuditState,
        mark: Mark,
    ) -> Result<(), AuditError> {
        let doc_id = doc_id(&state.doc.audit.id);
        let key = ulid::Ulid::from_parts(mark.at_ms.max(0) as u64, rand_bits(&mark)).to_string();
        let marks = root_map(doc, "marks").map_err(|e| damaged(&doc_id, e))?;
        autosurgeon::reconcile_prop(doc, &marks, key.as_str(), &mark)
            .map_err(|e| damaged(&doc_id, e))?;
        state.doc.marks.insert(key.clone(), mark);
        state.note_mark(&key);
        Ok(())
    }

    /// A scanned code (tag or serial): found if expected, noted if it is an asset recorded
    /// elsewhere, unknown otherwise (nothing written).
    pub fn audit_scan(
        &self,
        id: &str,
        code: &str,
        stamp: &Stamp,
    ) -> Result<ScanAnswer, AuditError> {
        let code = code.trim();
        if code.is_empty() {
            return Err(AuditError::EmptyCode);
        }
        {
            let mut cache = self.lock_docs();
            self.load_audit_state(&mut cache, id)?;
        }
        let (closed, expected, place) = {
            let states = self.audit_states();
            let state = states
                .get(id)
                .ok_or_else(|| AuditError::NotFound(id.into()))?;
            let expected = state.expected_by_code(code).map(|(asset, item)| {
                (
                    asset.clone(),
                    item.clone(),
                    state.latest(asset).map(|m| m.outcome),
                )
            });
            (
                state.doc.audit.closed.is_some(),
                expected,
                state.doc.audit.scope.place(),
            )
        };
        if closed {
            return Err(AuditError::Closed);
        }
        let answer =
            |result, asset: &str, tag: &str, model: &str, recorded, outcome, counts| ScanAnswer {
                result,
                code: code.to_owned(),
                asset: asset.to_owned(),
                tag: tag.to_owned(),
                model: model.to_owned(),
                recorded,
                outcome,
                counts,
            };
        if let Some((asset, item, marked)) = expected {
            if let Some(outcome) = marked {
                let counts = self.audit_counts(id);
                return Ok(answer(
                    ScanResult::AlreadyMarked,
                    &asset,
                    &item.tag,
                    &item.model,
                    Some(item.location),
                    Some(outcome),
                    counts,
                ));
            }
            let mark = self.new_mark(&asset, code, Outcome::Found, None, None, "", stamp);
            let counts = self.change_audit(id, stamp, "audit-scan", |doc, state| {
                Self::put_mark(doc, state, mark)?;
                Ok(state.counts())
            })?;
            return Ok(answer(
                ScanResult::Found,
                &asset,
                &item.tag,
                &item.model,
                Some(item.location),
                Some(Outcome::Found),
                counts,
            ));
        }
        let known = self.asset_by_code(code);
        let Some(row) = known else {
            let counts = self.audit_counts(id);
            return Ok(answer(ScanResult::Unknown, "", "", "", None, None, counts));
        };
        let asset = row.asset.id.to_string();
        let mark = self.new_mark(
            &asset,
            code,
            Outcome::Unexpected,
            Some(place),
            None,
            "",
            stamp,
        );
        let counts = self.change_audit(id, stamp, "audit-scan", |doc, state| {
            Self::put_mark(doc, state, mark)?;
            Ok(state.counts())
        })?;
        Ok(answer(
            ScanResult::NotExpected,
            &asset,
            &row.asset.asset_tag,
            &row.asset.model,
            Some(row.asset.location),
            Some(Outcome::Unexpected),
            counts,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn new_mark(
        &self,
        asset: &str,
        code: &str,
        outcome: Outcome,
        actual: Option<Location>,
        actual_status: Option<AssetStatus>,
        note: &str,
        stamp: &Stamp,
    ) -> Mark {
        Mark {
            asset: asset.to_owned(),
            code: code.trim().to_owned(),
            outcome,
            actual,
            actual_status,
            note: note.trim().to_owned(),
            photos: Vec::new(),
            registered: false,
            by: stamp.author.name.clone(),
            at_ms: stamp.at_ms,
        }
    }

    /// An asset of the register by tag, else by serial.
    fn asset_by_code(&self, code: &str) -> Option<AssetRow> {
        let index = self.index();
        index
            .by_tag(code)
            .or_else(|| index.by_serial(code))
            .cloned()
    }

    fn audit_counts(&self, id: &str) -> AuditCounts {
        self.audit_states()
            .get(id)
            .map(AuditState::counts)
            .unwrap_or_default()
    }

    /// Marks an item by hand (a tick, or what a scan cannot say: missing, found elsewhere
    /// with the place, a wrong status with the actual one).
    pub fn audit_mark(
        &self,
        id: &str,
        input: &MarkInput,
        stamp: &Stamp,
    ) -> Result<AuditSummary, AuditError> {
        let outcome = Outcome::parse(&input.outcome)
            .ok_or_else(|| AuditError::BadOutcome(input.outcome.clone()))?;
        let actual_status = match outcome {
            Outcome::WrongStatus => Some(
                crate::assets::ASSET_STATUSES
                    .parse(&input.actual_status)
                    .ok_or_else(|| AuditError::StatusRequired(input.actual_status.clone()))?,
            ),
            _ => None,
        };
        let item = input.item.trim().to_owned();
        let known = self
            .asset_by_code(&item)
            .map(|row| row.asset.id.to_string());
        self.change_audit(id, stamp, "audit-mark", |doc, state| {
            if state.doc.audit.closed.is_some() {
                return Err(AuditError::Closed);
            }
            let asset = if state.doc.expected.contains_key(&item) {
                item.clone()
            } else if let Some((asset, _)) = state.expected_by_code(&item) {
                asset.clone()
            } else if let Some(asset) = known.clone() {
                asset
            } else if outcome == Outcome::Unexpected {
                String::new()
            } else {
                return Err(AuditError::NoSuchItem(item.clone()));
            };
            let actual = match outcome {
                Outcome::FoundElsewhere => Some(
                    input
                        .actual
                        .clone()
                        .filter(|l| !(l.rack.is_empty() && l.room.is_empty() && l.site.is_empty()))
                        .ok_or(AuditError::PlaceRequired)?,
                ),
                Outcome::Unexpected => Some(
                    input
                        .actual
                        .clone()
                        .unwrap_or_else(|| state.doc.audit.scope.place()),
                ),
                _ => None,
            };
            let code = state
                .doc
                .expected
                .get(&asset)
                .map(|e| e.tag.clone())
                .unwrap_or_else(|| item.clone());
            let mark = self.new_mark(
                &asset,
                &code,
                outcome,
                actual,
                actual_status,
                &input.note,
                stamp,
            );
            Self::put_mark(doc, state, mark)?;
            Ok(state.summary())
        })
    }

    /// Registers an item that was not in the register, at the audit's place, and marks it
    /// unexpected (registered on the spot).
    pub fn audit_register(
        &self,
        id: &str,
        asset_id: crate::AssetId,
        input: &crate::assets::AssetInput,
        stamp: &Stamp,
    ) -> Result<AssetRow, AuditError> {
        let place = {
            let mut cache = self.lock_docs();
            self.load_audit_state(&mut cache, id)?;
            drop(cache);
            let states = self.audit_states();
            let state = states
                .get(id)
                .ok_or_else(|| AuditError::NotFound(id.into()))?;
            if state.doc.audit.closed.is_some() {
                return Err(AuditError::Closed);
            }
            state.doc.audit.scope.place()
        };
        let mut input = input.clone();
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|t| t.trim().is_empty());
        if blank(&input.site) && blank(&input.room) && blank(&input.rack) {
            input.site = Some(place.site.clone());
            input.room = Some(place.room.clone());
            input.row = Some(place.row.clone());
            input.rack = Some(place.rack.clone());
        }
        let row = self.register_asset(asset_id, &input, stamp)?;
        let mut mark = self.new_mark(
            &row.asset.id.to_string(),
            &row.asset.asset_tag,
            Outcome::Unexpected,
            Some(row.asset.location.clone()),
            None,
            "",
            stamp,
        );
        mark.registered = true;
        self.change_audit(id, stamp, "audit-register", |doc, state| {
            Self::put_mark(doc, state, mark)
        })?;
        Ok(row)
    }

    /// Closes the audit: no more marks; unchecked items count as missing.
    pub fn close_audit(&self, id: &str, stamp: &Stamp) -> Result<Vec<Discrepancy>, AuditError> {
        self.change_audit(id, stamp, "audit-close", |doc, state| {
            if state.doc.audit.closed.is_some() {
                return Err(AuditError::Closed);
            }
            let end = AuditEnd {
                at_ms: stamp.at_ms,
                by: stamp.author.name.clone(),
            };
            state.doc.audit.closed = Some(end);
            crate::record::reconcile::reconcile_prop(
                doc,
                automerge::ROOT,
                "audit",
                &state.doc.audit,
            )
            .map_err(|e| damaged(&doc_id(id), e))?;
            Ok(state.discrepancies())
        })
    }
}

/// Bits that keep two marks made in the same millisecond (two auditors) apart.
fn rand_bits(mark: &Mark) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    mark.asset.hash(&mut hasher);
    mark.code.hash(&mut hasher);
    mark.by.hash(&mut hasher);
    mark.outcome.hash(&mut hasher);
    (u128::from(hasher.finish()) << 16) | u128::from(mark.note.len() as u16)
}
