//! The open workspace's vendors, in memory.

use std::collections::BTreeMap;

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
