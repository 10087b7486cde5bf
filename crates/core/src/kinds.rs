//! The registration list: every kind of record and every in-memory index, once. A new kind
//! is one `impl Kind` in its area plus one line here (see ARCHITECTURE.md, "Adding a record
//! kind"); `store`, `sync` and the other areas do not change.

use std::path::Path;
use std::sync::OnceLock;

use crate::record::Registry;
use crate::store::{LogCompression, Store, StoreError};

/// Every kind and index of this build.
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| listed().build())
}

/// The list [`registry`] builds: tests add kinds of their own to it (a newer version's kind,
/// say) and open stores with the result (`Store::open_registered`).
pub fn listed() -> crate::record::RegistryBuilder {
    Registry::builder()
        // assets (with their lifecycle records in the same document)
        .kind::<crate::assets::AssetKind>()
        .index::<crate::assets::index::AssetIndex>()
        // racks: places and device types
        .kind::<crate::racks::model::Site>()
        .kind::<crate::racks::model::Room>()
        .kind::<crate::racks::model::Rack>()
        .kind::<crate::racks::catalogue::DeviceType>()
        .index::<crate::racks::index::PlaceIndex>()
        // cables
        .kind::<crate::cables::model::Cable>()
        .kind::<crate::cables::model::LabelScheme>()
        .index::<crate::cables::index::CableIndex>()
        // lifecycle: maintenance plans, audit schedules
        .kind::<crate::lifecycle::MaintenancePlan>()
        .kind::<crate::lifecycle::AuditSchedule>()
        .index::<crate::lifecycle::index::LifeIndex>()
        .index::<crate::lifecycle::verify::DecisionMemo>()
        // audits
        .kind::<crate::audits::AuditKind>()
        .index::<crate::audits::AuditIndex>()
        .index::<crate::audits::state::AuditStates>()
        // purchasing: vendors
        .kind::<crate::purchasing::Vendor>()
        .index::<crate::purchasing::VendorIndex>()
        .kind::<crate::purchasing::Budget>()
        .index::<crate::purchasing::BudgetIndex>()
        .kind::<crate::purchasing::PurchaseRequest>()
        .kind::<crate::purchasing::ApprovalRule>()
        .kind::<crate::purchasing::Substitute>()
        .index::<crate::purchasing::PurchaseIndex>()
        .kind::<crate::purchasing::ScoreWeights>()
        .index::<crate::purchasing::ScoreWeightsIndex>()
        // design documents
        .kind::<crate::designdocs::DesignDoc>()
        .index::<crate::designdocs::DesignDocIndex>()
        // one alert source per area
        .alerts(crate::lifecycle::alerts::source)
        .alerts(crate::racks::alerts::source)
        .alerts(crate::cables::alerts::source)
        .alerts(crate::purchasing::alerts::source)
        .alerts(crate::designdocs::alerts::source)
        // one search source per area, in the order hits of equal rank are listed
        .search(crate::assets::index::search_source)
        .search(crate::racks::index::search_source)
        .search(crate::cables::index::search_source)
        .search(crate::lifecycle::index::search_source)
        .search(crate::audits::search_source)
        .search(crate::purchasing::index::search_source)
        .search(crate::purchasing::alerts::search_source)
        .search(crate::designdocs::index::search_source)
        // upkeep of what older versions wrote
        .upkeep(crate::racks::locations::upkeep)
}

impl Store {
    /// Opens (or creates) the store in `data_dir`, migrating an older layout in place.
    /// A damaged store is reported and left exactly as found. A new store compresses its log.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        Store::open_with(data_dir, LogCompression::On)
    }

    /// [`Store::open`], with the log compression a store created now gets.
    pub fn open_with(data_dir: &Path, compression: LogCompression) -> Result<Store, StoreError> {
        Store::open_registered(data_dir, compression, registry())
    }
}
