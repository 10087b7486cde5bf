//! What audit screens read: the list, one audit's checklist (expected items with their latest
//! marks, then the unexpected ones) and its discrepancy list.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Mark, Outcome};
use super::state::Discrepancy;
use super::{AuditError, AuditSummary};
use crate::assets::{AssetStatus, Location};
use crate::store::Workspace;

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

impl Workspace {
    /// Reads the audit in memory (loading it first if needed).
    pub(super) fn read_audit<T>(
        &self,
        id: &str,
        read: impl FnOnce(&super::state::AuditState) -> T,
    ) -> Result<T, AuditError> {
        let mut cache = self.lock_docs();
        self.load_audit_state(&mut cache, id)?;
        drop(cache);
        let states = self.audit_states();
        let state = states
            .get(id)
            .ok_or_else(|| AuditError::NotFound(id.into()))?;
        Ok(read(state))
    }

    pub fn audit_discrepancies(&self, id: &str) -> Result<Vec<Discrepancy>, AuditError> {
        self.read_audit(id, |state| state.discrepancies())
    }

    /// Every audit, newest first.
    pub fn audits(&self) -> Vec<AuditSummary> {
        let mut list: Vec<AuditSummary> = self.audit_index().audits.values().cloned().collect();
        list.sort_by_key(|b| std::cmp::Reverse(b.audit.started_at_ms));
        list
    }

    /// The audit with its items (expected, then unexpected), by tag in natural order.
    pub fn audit_view(
        &self,
        id: &str,
        filter: ItemFilter,
        limit: u32,
    ) -> Result<AuditView, AuditError> {
        self.read_audit(id, |state| self.view_of(state, filter, limit))
    }

    fn view_of(
        &self,
        state: &super::state::AuditState,
        filter: ItemFilter,
        limit: u32,
    ) -> AuditView {
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
                format!("code:{}", crate::assets::normalise_tag(&d.tag))
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
        AuditView {
            summary: state.summary(),
            items,
            total,
        }
    }
}
