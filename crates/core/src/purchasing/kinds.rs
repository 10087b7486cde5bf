//! The record kinds of purchasing: vendors and budgets, each one document in the standard layout
//! (`record::aggregate`), read into the [`VendorIndex`] and the [`BudgetIndex`].

use automerge::AutoCommit;

use super::budget::{Budget, BUDGET_SCHEMA};
use super::index::BudgetIndex;
use super::index::VendorIndex;
use super::vendor::{Vendor, VENDOR_SCHEMA};
use crate::record::aggregate::{self, Aggregate};
use crate::record::{Indexes, Kind};
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

fn id_part(doc_id: &str) -> &str {
    doc_id.split_once('/').map_or("", |(_, id)| id)
}

impl Kind for Vendor {
    const PREFIX: &'static str = "vendor";
    const SCHEMA: u64 = VENDOR_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["vendor"];
    type Row = Vendor;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<Vendor, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    /// Its contracts and certificates.
    fn files(_: &AutoCommit, vendor: &Vendor) -> Vec<String> {
        vendor.files.keys().cloned().collect()
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&Vendor],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<Vendor>) {
        let mut index = indexes.write::<VendorIndex>();
        for vendor in rows {
            index.vendors.insert(vendor.id.clone(), vendor);
        }
    }

    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<VendorIndex>();
        index
            .vendors
            .get(id_part(doc_id))
            .map(|v| v.name.clone())
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<VendorIndex>()
            .vendors
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for Vendor {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

impl Kind for Budget {
    const PREFIX: &'static str = "budget";
    const SCHEMA: u64 = BUDGET_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["budget"];
    type Row = Budget;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<Budget, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&Budget],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<Budget>) {
        let mut index = indexes.write::<BudgetIndex>();
        for budget in rows {
            index.budgets.insert(budget.id.clone(), budget);
        }
    }

    /// `2027 인프라 증설`.
    fn title(indexes: &Indexes, doc_id: &str) -> String {
        let index = indexes.read::<BudgetIndex>();
        index
            .budgets
            .get(id_part(doc_id))
            .map(Budget::title)
            .unwrap_or_default()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        indexes
            .read::<BudgetIndex>()
            .budgets
            .contains_key(id_part(doc_id))
    }
}

impl Aggregate for Budget {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}
