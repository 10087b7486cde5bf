//! The record kinds of purchase requests and their rules: a request (`purchase/{ULID}`), an
//! approval rule (`approvalrule/{ULID}`) and a substitute (`substitute/{ULID}`), each one
//! document in the standard layout (`record::aggregate`), read into the [`PurchaseIndex`].

use automerge::AutoCommit;

use super::policy::{ApprovalRule, Substitute, POLICY_SCHEMA};
use super::request::{PurchaseRequest, PURCHASE_SCHEMA};
use super::request_index::PurchaseIndex;
use crate::record::aggregate::{self, Aggregate};
use crate::record::{Indexes, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

fn id_part(doc_id: &str) -> &str {
    doc_id.split_once('/').map_or("", |(_, id)| id)
}

impl Kind for PurchaseRequest {
    const PREFIX: &'static str = "purchase";
    const SCHEMA: u64 = PURCHASE_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["purchase"];
    type Row = PurchaseRequest;

    fn decisions(doc: &AutoCommit, doc_id: &str) -> Vec<crate::record::HeldDecision> {
        match aggregate::hydrate::<PurchaseRequest>(doc, doc_id) {
            Ok(request) => super::decisions::held(&request),
            Err(_) => Vec::new(),
        }
    }

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<PurchaseRequest, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn files(_doc: &AutoCommit, row: &PurchaseRequest) -> Vec<String> {
        row.file_hashes()
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&PurchaseRequest],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<PurchaseRequest>) {
        let mut index = indexes.write::<PurchaseIndex>();
        for request in rows {
            index.upsert(request);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<PurchaseIndex>();
        index
            .requests
            .get(id_part(doc_id))
            .map(|r| format!("{} {}", r.number, r.title))
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<PurchaseIndex>()
            .requests
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for PurchaseRequest {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

impl Kind for ApprovalRule {
    const PREFIX: &'static str = "approvalrule";
    const SCHEMA: u64 = POLICY_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["approvalrule"];
    type Row = ApprovalRule;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<ApprovalRule, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&ApprovalRule],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<ApprovalRule>) {
        let mut index = indexes.write::<PurchaseIndex>();
        for rule in rows {
            index.rules.insert(rule.id.clone(), rule);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<PurchaseIndex>();
        index
            .rules
            .get(id_part(doc_id))
            .map(|r| r.name.clone())
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<PurchaseIndex>()
            .rules
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for ApprovalRule {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

impl Kind for Substitute {
    const PREFIX: &'static str = "substitute";
    const SCHEMA: u64 = POLICY_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["substitute"];
    type Row = Substitute;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<Substitute, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&Substitute],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<Substitute>) {
        let mut index = indexes.write::<PurchaseIndex>();
        for substitute in rows {
            index.upsert_substitute(substitute);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<PurchaseIndex>();
        index
            .substitutes
            .get(id_part(doc_id))
            .map(|s| format!("{} → {}", s.absent.name, s.substitute.name))
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<PurchaseIndex>()
            .substitutes
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for Substitute {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}
