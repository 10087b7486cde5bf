//! The open workspace's vendors and budgets, in memory, and the global search's source for vendors.

use std::collections::BTreeMap;

use super::budget::Budget;
use super::vendor::Vendor;
use crate::record::aggregate::load_projections;
use crate::record::Index;
use crate::store::kv::Tree;
use crate::store::StoreError;

#[derive(Debug, Default)]
pub struct VendorIndex {
    pub vendors: BTreeMap<String, Vendor>,
}

impl Index for VendorIndex {
    fn load(tree: &dyn Tree) -> Result<VendorIndex, StoreError> {
        let mut index = VendorIndex::default();
        for vendor in load_projections::<Vendor>(tree)? {
            index.vendors.insert(vendor.id.clone(), vendor);
        }
        Ok(index)
    }
}

/// The open workspace's budgets, by id.
#[derive(Debug, Default)]
pub struct BudgetIndex {
    pub budgets: BTreeMap<String, Budget>,
}

impl Index for BudgetIndex {
    fn load(tree: &dyn Tree) -> Result<BudgetIndex, StoreError> {
        let mut index = BudgetIndex::default();
        for budget in load_projections::<Budget>(tree)? {
            index.budgets.insert(budget.id.clone(), budget);
        }
        Ok(index)
    }
}

/// The global search's vendors: by name, business registration number (with or without its
/// hyphens), category, contact or notes.
pub(crate) fn search_source(
    workspace: &crate::store::Workspace,
    query: &crate::search::SearchQuery,
    hits: &mut crate::search::SearchHits,
) {
    let index = workspace.indexes().read::<VendorIndex>();
    for vendor in index.vendors.values() {
        let fields = vendor.search_fields();
        let others: Vec<&str> = fields.iter().map(String::as_str).collect();
        let categories = vendor.categories.join(" ");
        if let Some(rank) = query.rank(&vendor.name, &others) {
            hits.push(
                rank,
                crate::search::SearchHit {
                    kind: "vendor".into(),
                    record: format!("vendor/{}", vendor.id),
                    title: vendor.name.clone(),
                    detail: [vendor.business_number.as_str(), categories.as_str()]
                        .into_iter()
                        .filter(|part| !part.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · "),
                },
            );
        }
    }
}
