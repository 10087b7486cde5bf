//! Where an asset was bought: the purchase request, order, receipt and vendor it came from,
//! written once into the asset's document (under `purchase`, beside `asset` and `life`) when
//! a receipt creates the asset (`purchasing::receipts`). The receipt line lists the asset's
//! id in turn, so each side names the other.

use automerge::{AutoCommit, ReadDoc};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::StoreError;

/// The purchase an asset came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct AssetPurchase {
    /// The purchase request's id and number (`PR-20270115-7Q2F`).
    pub request: String,
    pub request_number: String,
    /// The order's key in the request and its number (`PO-2027-7Q2F-1`).
    pub order: String,
    pub order_number: String,
    /// The receipt's key in the request, and the request line the unit was bought on.
    pub receipt: String,
    pub line: String,
    /// The vendor's id and its name when the unit arrived.
    pub vendor: String,
    pub vendor_name: String,
}

/// Reads the purchase out of an asset's document; none when the asset was not received
/// through purchasing (registered, imported, or older).
pub fn hydrate_purchase(
    doc: &AutoCommit,
    doc_id: &str,
) -> Result<Option<AssetPurchase>, StoreError> {
    match doc.get(automerge::ROOT, "purchase") {
        Ok(None) => Ok(None),
        Ok(Some(_)) => {
            autosurgeon::hydrate_prop(doc, automerge::ROOT, "purchase").map_err(|error| {
                StoreError::DamagedDocument {
                    doc_id: doc_id.to_owned(),
                    reason: error.to_string(),
                }
            })
        }
        Err(error) => Err(StoreError::DamagedDocument {
            doc_id: doc_id.to_owned(),
            reason: error.to_string(),
        }),
    }
}
