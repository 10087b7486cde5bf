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
