//! cloudwright-core: the domain, the CRDT schema and the local store of Cloudwright.
//!
//! Every aggregate (an asset, later a rack, a cable, …) is one Automerge document, mapped to
//! Rust structs with `autosurgeon`. The [`store::Store`] keeps those documents in sled together
//! with flat projections that list views and search read without touching Automerge.
//! Nothing here reads the wall clock or a random source: callers pass an [`Stamp`] (who and
//! when) into every change.
//!
//! ```
//! use cloudwright_core::{assets::AssetInput, store::Store, AssetId, Author, Stamp};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let store = Store::open(dir.path()).unwrap();
//! let workspace = store.create_workspace("평택 1센터", 1_700_000_000_000).unwrap();
//! let ws = store.workspace(&workspace.id).unwrap();
//! let who = Stamp::new(Author::new("김민준", "MJ"), 1_700_000_000_000);
//! let input = AssetInput { asset_tag: Some("PT1-SRV-0001".into()), asset_type: Some("server".into()),
//!     status: Some("in_stock".into()), ..AssetInput::default() };
//! let id = AssetId(ulid::Ulid::new());
//! ws.register_asset(id, &input, &who).unwrap();
//! assert_eq!(ws.asset("PT1-SRV-0001").unwrap().asset.id, id);
//! ```

pub mod alerts;
pub mod assets;
pub mod audits;
pub mod cables;
pub mod csv_file;
pub mod demo;
pub mod designdocs;
pub mod findings;
pub mod ids;
pub mod kinds;
pub mod lifecycle;
pub mod names;
pub mod natural;
pub mod problem;
pub mod purchasing;
pub mod racks;
pub mod record;
pub mod reports;
pub mod sample;
pub mod search;
pub mod stamp;
pub mod store;
pub mod sync;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;
pub mod text;
pub mod trust;
pub mod undo;

pub use ids::{AssetId, CableId, DeviceTypeId, ItemId, RackId, RoomId, SiteId, WorkspaceId};
pub use stamp::{Author, Stamp};
