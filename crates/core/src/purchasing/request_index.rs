//! The open workspace's purchase requests, approval rules and substitutes, in memory.

use std::collections::BTreeMap;

use super::policy::{substitute_removed, ApprovalRule, Substitute};
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
        let mut row = RequestRow::of(&request);
        unname_removed(&self.substitutes, &mut row);
        self.rows.insert(request.id.clone(), row);
        self.requests.insert(request.id.clone(), request);
    }

    /// Keeps a substitute; a removed one is taken off the rows of requests that wait on the
    /// approver it stood in for, so it is no longer asked (alerts, "waiting for me").
    pub fn upsert_substitute(&mut self, substitute: Substitute) {
        let removed = substitute.is_removed();
        self.substitutes.insert(substitute.id.clone(), substitute);
        if removed {
            for row in self.rows.values_mut() {
                unname_removed(&self.substitutes, row);
            }
        }
    }
}

/// Takes a removed substitute off the approvers a row waits on (see [`substitute_removed`]).
fn unname_removed(substitutes: &BTreeMap<String, Substitute>, row: &mut RequestRow) {
    if substitutes.values().all(|s| !s.is_removed()) {
        return;
    }
    for approver in &mut row.waiting {
        if approver.substitute.is_some() && substitute_removed(substitutes.values(), approver) {
            approver.substitute = None;
            approver.substitute_from.clear();
            approver.substitute_until.clear();
        }
    }
}

impl Index for PurchaseIndex {
    fn load(tree: &dyn Tree) -> Result<PurchaseIndex, StoreError> {
        let mut index = PurchaseIndex::default();
        for substitute in load_projections::<Substitute>(tree)? {
            index.substitutes.insert(substitute.id.clone(), substitute);
        }
        for request in load_projections::<PurchaseRequest>(tree)? {
            index.upsert(request);
        }
        for rule in load_projections::<ApprovalRule>(tree)? {
            index.rules.insert(rule.id.clone(), rule);
        }
        Ok(index)
    }
}
