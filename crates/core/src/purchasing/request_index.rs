//! The open workspace's purchase requests, approval rules and substitutes, in memory.

use std::collections::BTreeMap;

use super::policy::{ApprovalRule, Substitute};
use super::request::PurchaseRequest;
use super::views::RequestRow;
use crate::record::aggregate::load_projections;
use crate::record::Index;
use crate::store::kv::Tree;
use crate::store::StoreError;

#[derive(Debug, Default)]
pub struct PurchaseIndex {
    pub requests: BTreeMap<String, PurchaseRequest>,
    /// Each request's list row, read once when it is written or merged (its status and
    /// total need its content's hash), so that a list of 10,000 filters rows only.
    pub rows: BTreeMap<String, RequestRow>,
    pub rules: BTreeMap<String, ApprovalRule>,
    pub substitutes: BTreeMap<String, Substitute>,
}

impl PurchaseIndex {
    pub fn upsert(&mut self, request: PurchaseRequest) {
        self.rows
            .insert(request.id.clone(), RequestRow::of(&request));
        self.requests.insert(request.id.clone(), request);
    }
}

impl Index for PurchaseIndex {
    fn load(tree: &dyn Tree) -> Result<PurchaseIndex, StoreError> {
        let mut index = PurchaseIndex::default();
        for request in load_projections::<PurchaseRequest>(tree)? {
            index.upsert(request);
        }
        for rule in load_projections::<ApprovalRule>(tree)? {
            index.rules.insert(rule.id.clone(), rule);
        }
        for substitute in load_projections::<Substitute>(tree)? {
            index.substitutes.insert(substitute.id.clone(), substitute);
        }
        Ok(index)
    }
}
