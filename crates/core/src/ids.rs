//! Newtype ids. Every aggregate id is a ULID: sortable by creation time, unique offline.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

macro_rules! ulid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(export, type = "string")]
        pub struct $name(pub ulid::Ulid);

        impl $name {
            /// A new id from a caller-provided timestamp and random source (core has no clock).
            pub fn generate(at_ms: i64, rng: &mut impl rand::RngCore) -> Self {
                let random = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
                Self(ulid::Ulid::from_parts(at_ms.max(0) as u64, random))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl autosurgeon::Reconcile for $name {
            type Key<'a> = autosurgeon::reconcile::NoKey;
            fn reconcile<R: autosurgeon::Reconciler>(&self, reconciler: R) -> Result<(), R::Error> {
                self.0.to_string().reconcile(reconciler)
            }
        }

        impl autosurgeon::Hydrate for $name {
            fn hydrate_string(text: &'_ str) -> Result<Self, autosurgeon::HydrateError> {
                text.parse().map_err(|_| {
                    autosurgeon::HydrateError::unexpected(
                        concat!("a ULID ", stringify!($name)),
                        text.to_owned(),
                    )
                })
            }
        }

        impl FromStr for $name {
            type Err = ulid::DecodeError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                ulid::Ulid::from_string(s.trim()).map(Self)
            }
        }
    };
}

ulid_id!(
    /// Identifies one asset document.
    AssetId
);
ulid_id!(
    /// Identifies one workspace (one build-out project) within a data directory.
    WorkspaceId
);
ulid_id!(
    /// Identifies one site (a campus or building) document.
    SiteId
);
ulid_id!(
    /// Identifies one room (a data hall with a floor grid) document.
    RoomId
);
ulid_id!(
    /// Identifies one rack document (the rack, its feeds, placements and reservations).
    RackId
);
ulid_id!(
    /// Identifies a device type the workspace added to the catalogue (the starter catalogue
    /// uses slugs instead).
    DeviceTypeId
);
ulid_id!(
    /// Identifies one placement inside a rack document, and anything else keyed inside a
    /// document (rows, cooling units, reservations).
    ItemId
);
ulid_id!(
    /// Identifies one cable document.
    CableId
);
