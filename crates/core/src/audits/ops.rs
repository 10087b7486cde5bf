//! Audits on an open workspace: start, scan, mark, register what was not in the register,
//! close, and apply the corrections. Each write is one change of the audit's document,
//! durable before it returns; the audit stays in memory (`Workspace::audit_states`) so a scan
//! is a lookup and one small change.

use std::collections::{BTreeMap, HashMap};

use automerge::{transaction::CommitOptions, AutoCommit, ObjType, ReadDoc, Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{
    Applied, AuditDoc, AuditEnd, AuditScope, Expected, Mark, Outcome, AUDIT_SCHEMA,
};
use super::state::{AuditState, Discrepancy};
use super::{doc_id, Audit, AuditCounts, AuditError, AuditSummary};
use crate::assets::{AssetQuery, AssetRow, AssetStatus, Location};
use crate::racks::places::PlaceRecord;
use crate::stamp::{ChangeMessage, Stamp};
use crate::store::docs::{self, StoredDoc};
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemFilter {
    All,
    Unchecked,
    Checked,
    Discrepancies,
}

/// One line of an audit's checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditItem {
    pub asset: String,
    pub tag: String,
    pub serial: String,
    pub model: String,
    pub expected: bool,
    pub recorded: Option<Location>,
    pub recorded_status: Option<AssetStatus>,
    pub mark: Option<Mark>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditView {
    pub summary: AuditSummary,
    pub items: Vec<AuditItem>,
    /// Items matching the filter, of which `items` is the first `limit`.
    pub total: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApplyReport {
    pub applied: u32,
    /// Tag and reason of each correction the records refused; they stay to apply again.
    pub failed: Vec<(String, String)>,
}

fn commit_options(stamp: &Stamp, op: &str) -> CommitOptions {
    CommitOptions::default()
        .with_message(ChangeMessage::new(&stamp.author, op).encode())
        .with_time(stamp.at_ms)
}

fn damaged(doc_id: &str, error: impl ToString) -> crate::store::StoreError {
    crate::store::StoreError::DamagedDocument {
        doc_id: doc_id.to_owned(),
        reason: error.to_string(),
    }
}

/// The object id of a map under the root, made if missing.
fn root_map(
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
pub(crate) fn put_summary(batch: &mut Batch, summary: &AuditSummary) {
    batch.put(
        format!("p/audit/{}", summary.audit.id).into_bytes(),
        postcard::to_allocvec(summary).unwrap_or_default(),
    );
}

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
            expected,
            marks: BTreeMap::new(),
            applied: BTreeMap::new(),
        };
        let doc_id = doc_id(&value.audit.id);
        let message = ChangeMessage::new(&stamp.author, "audit-start").encode();
        let actor = automerge::ActorId::random();
        let bytes = crate::store::new_doc::first_change(&value, &actor, stamp.at_ms, message)
            .map_err(|e| damaged(&doc_id, e))?;
        let mut cache = self.lock_docs();
        let mut batch = Batch::default();
        match bytes {
            Some(bytes) => docs::put_first_change(&mut batch, &doc_id, bytes),
            None => {
                let mut doc = AutoCommit::new();
                autosurgeon::reconcile(&mut doc, &value).map_err(|e| damaged(&doc_id, e))?;
                doc.commit_with(commit_options(stamp, "audit-start"));
                docs::write_snapshot(&mut batch, &doc_id, &doc.save());
            }
        }
        let state = AuditState::new(value);
        let summary = state.summary();
        put_summary(&mut batch, &summary);
        self.note_local_change(&mut batch, &doc_id);
        self.commit(batch)?;
        drop(cache.remove(&doc_id));
        self.audit_states().insert(summary.audit.id.clone(), state);
        self.upsert_record(PlaceRecord::Audit(Box::new(summary.clone())));
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

    pub(crate) fn audit_states(&self) -> std::sync::MutexGuard<'_, HashMap<String, AuditState>> {
        self.audit_states
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Loads the audit into memory if it is not there; the caller holds the docs lock.
    fn load_audit_state(
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
    fn change_audit<T>(
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
        let before = state.clone();
        let mut batch = Batch::default();
        let result = change(&mut stored.doc, &mut state, &mut batch).and_then(|value| {
            stored.doc.commit_with(commit_options(stamp, op));
            docs::append_pending(self.tree.as_ref(), &mut batch, &mut stored, &doc_id)?;
            put_summary(&mut batch, &state.summary());
            self.note_local_change(&mut batch, &doc_id);
            self.commit(batch)?;
            Ok(value)
        });
        match result {
            Ok(value) => {
                self.keep_doc(&mut cache, doc_id, stored);
                let summary = state.summary();
                self.audit_states().insert(id.to_owned(), state);
                self.upsert_record(PlaceRecord::Audit(Box::new(summary)));
                Ok(value)
            }
            Err(error) => {
                // The document may hold the unsaved change: drop it, the next use reloads.
                self.audit_states().insert(id.to_owned(), before);
                Err(error)
            }
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
        if let Some(row) = index.by_tag(code) {
            return Some(row.clone());
        }
        let wanted = crate::assets::index::normalise_tag(code);
        index
            .rows()
            .iter()
            .find(|row| crate::assets::index::normalise_tag(&row.asset.serial) == wanted)
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
                crate::assets::model::ASSET_STATUSES
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
            autosurgeon::reconcile_prop(doc, automerge::ROOT, "audit", &state.doc.audit)
                .map_err(|e| damaged(&doc_id(id), e))?;
            Ok(state.discrepancies())
        })
    }

    pub fn audit_discrepancies(&self, id: &str) -> Result<Vec<Discrepancy>, AuditError> {
        let mut cache = self.lock_docs();
        self.load_audit_state(&mut cache, id)?;
        drop(cache);
        let states = self.audit_states();
        let state = states
            .get(id)
            .ok_or_else(|| AuditError::NotFound(id.into()))?;
        Ok(state.discrepancies())
    }

    /// Every audit, newest first.
    pub fn audits(&self) -> Vec<AuditSummary> {
        let mut list: Vec<AuditSummary> = self.life_index().audits.values().cloned().collect();
        list.sort_by_key(|a| std::cmp::Reverse(a.audit.started_at_ms));
        list
    }

    /// The audit with its items (expected, then unexpected), by tag in natural order.
    pub fn audit_view(
        &self,
        id: &str,
        filter: ItemFilter,
        limit: u32,
    ) -> Result<AuditView, AuditError> {
        let mut cache = self.lock_docs();
        self.load_audit_state(&mut cache, id)?;
        drop(cache);
        let states = self.audit_states();
        let state = states
            .get(id)
            .ok_or_else(|| AuditError::NotFound(id.into()))?;
        let mut items: Vec<AuditItem> = state
            .doc
            .expected
            .iter()
            .map(|(asset, e)| AuditItem {
                asset: asset.clone(),
                tag: e.tag.clone(),
                serial: e.serial.clone(),
                model: e.model.clone(),
                expected: true,
                recorded: Some(e.location.clone()),
                recorded_status: Some(e.status),
                mark: state.latest(asset).cloned(),
            })
            .collect();
        let unexpected = state.discrepancies().into_iter().filter(|d| {
            d.outcome == Outcome::Unexpected && !state.doc.expected.contains_key(&d.asset)
        });
        for d in unexpected {
            let key = if d.asset.is_empty() {
                format!("code:{}", crate::assets::index::normalise_tag(&d.tag))
            } else {
                d.asset.clone()
            };
            let row = self
                .index()
                .get(&d.asset.parse().unwrap_or(crate::AssetId(ulid::Ulid(0))))
                .cloned();
            items.push(AuditItem {
                asset: d.asset.clone(),
                tag: d.tag.clone(),
                serial: row
                    .as_ref()
                    .map(|r| r.asset.serial.clone())
                    .unwrap_or_default(),
                model: row
                    .as_ref()
                    .map(|r| r.asset.model.clone())
                    .unwrap_or_default(),
                expected: false,
                recorded: row.as_ref().map(|r| r.asset.location.clone()),
                recorded_status: row.as_ref().map(|r| r.asset.status),
                mark: state.latest(&key).cloned(),
            });
        }
        let keep = |item: &AuditItem| match filter {
            ItemFilter::All => true,
            ItemFilter::Unchecked => item.mark.is_none(),
            ItemFilter::Checked => item.mark.is_some(),
            ItemFilter::Discrepancies => item
                .mark
                .as_ref()
                .map_or(state.doc.audit.closed.is_some(), |m| {
                    m.outcome != Outcome::Found
                }),
        };
        items.retain(keep);
        items.sort_by_cached_key(|item| (!item.expected, crate::natural::natural_key(&item.tag)));
        let total = items.len() as u32;
        items.truncate(limit as usize);
        Ok(AuditView {
            summary: state.summary(),
            items,
            total,
        })
    }

    /// Writes the corrections of a closed audit's discrepancies to the records (all, or the
    /// assets named in `only`), each as a change of the asset (op `audit`), and records what
    /// was applied in the audit. A correction the records refuse is reported and stays.
    pub fn apply_audit(
        &self,
        id: &str,
        only: Option<&[String]>,
        stamp: &Stamp,
    ) -> Result<ApplyReport, AuditError> {
        let discrepancies = self.audit_discrepancies(id)?;
        let closed = self
            .audit_states()
            .get(id)
            .is_some_and(|s| s.doc.audit.closed.is_some());
        if !closed {
            return Err(AuditError::NotClosed);
        }
        let mut report = ApplyReport::default();
        let mut applied = Vec::new();
        for d in discrepancies {
            let chosen = only.is_none_or(|list| list.iter().any(|a| a == &d.asset || a == &d.tag));
            if !chosen || d.applied.is_some() || d.asset.is_empty() {
                continue;
            }
            match self.apply_correction(&d, stamp) {
                Ok(Some(what)) => applied.push((d.asset.clone(), what)),
                Ok(None) => {}
                Err(reason) => report.failed.push((d.tag.clone(), reason)),
            }
        }
        report.applied = applied.len() as u32;
        if applied.is_empty() {
            return Ok(report);
        }
        self.change_audit(id, stamp, "audit-apply", |doc, state| {
            let map = root_map(doc, "applied").map_err(|e| damaged(&doc_id(id), e))?;
            for (asset, what) in applied {
                let entry = Applied {
                    at_ms: stamp.at_ms,
                    by: stamp.author.name.clone(),
                    what,
                };
                autosurgeon::reconcile_prop(doc, &map, asset.as_str(), &entry)
                    .map_err(|e| damaged(&doc_id(id), e))?;
                state.doc.applied.insert(asset, entry);
            }
            Ok(())
        })?;
        Ok(report)
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
