//! The audit document (`audit/{ULID}`): root keys `schema`, `kind`, `audit` (what it covers,
//! who started and closed it), `expected` (the records of the scope when it started, by asset
//! id), `marks` (every scan or tick, by ULID, so two auditors' marks both survive a merge) and
//! `applied` (corrections written to the records, by asset id).

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::{AssetStatus, AssetType, Location};

pub const AUDIT_SCHEMA: u64 = 1;

/// What an audit covers: a room, some of its rows or racks, or a saved asset filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct AuditScope {
    pub site: String,
    pub room: String,
    /// Only these rows (empty: every row of the room).
    pub rows: Vec<String>,
    /// Only these racks, by name (empty: every rack of the rows or room).
    pub racks: Vec<String>,
    /// A saved asset filter (an `AssetQuery` as JSON) instead of a place.
    pub filter: Option<String>,
}

impl AuditScope {
    pub fn contains(&self, location: &Location) -> bool {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        (self.site.is_empty() || same(&self.site, &location.site))
            && (self.room.is_empty() || same(&self.room, &location.room))
            && (self.rows.is_empty() || self.rows.iter().any(|r| same(r, &location.row)))
            && (self.racks.is_empty() || self.racks.iter().any(|r| same(r, &location.rack)))
    }

    /// The place an unexpected item was found in: the scope's place as far as it is one.
    pub fn place(&self) -> Location {
        Location {
            site: self.site.clone(),
            room: self.room.clone(),
            row: if self.rows.len() == 1 {
                self.rows[0].clone()
            } else {
                String::new()
            },
            rack: if self.racks.len() == 1 {
                self.racks[0].clone()
            } else {
                String::new()
            },
            unit: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct AuditEnd {
    #[ts(type = "number")]
    pub at_ms: i64,
    pub by: String,
}

/// The audit's own fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Audit {
    pub id: String,
    pub name: String,
    pub scope: AuditScope,
    #[ts(type = "number")]
    pub started_at_ms: i64,
    pub started_by: String,
    pub closed: Option<AuditEnd>,
}

/// An asset as the records had it when the audit started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Expected {
    pub tag: String,
    pub serial: String,
    pub asset_type: AssetType,
    pub model: String,
    pub status: AssetStatus,
    pub location: Location,
}

/// What the auditor saw.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Reconcile,
    Hydrate,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    #[autosurgeon(rename = "found")]
    Found,
    #[autosurgeon(rename = "missing")]
    Missing,
    /// Found, but not where the records put it.
    #[autosurgeon(rename = "found_elsewhere")]
    FoundElsewhere,
    /// Found where expected, in another state than the records say.
    #[autosurgeon(rename = "wrong_status")]
    WrongStatus,
    /// Here, but not in this audit's records: an asset recorded elsewhere, or one not in the
    /// register at all (registered on the spot).
    #[autosurgeon(rename = "unexpected")]
    Unexpected,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Found,
        Outcome::Missing,
        Outcome::FoundElsewhere,
        Outcome::WrongStatus,
        Outcome::Unexpected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Found => "found",
            Outcome::Missing => "missing",
            Outcome::FoundElsewhere => "found_elsewhere",
            Outcome::WrongStatus => "wrong_status",
            Outcome::Unexpected => "unexpected",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        let wanted = text.trim().to_lowercase().replace('-', "_");
        Outcome::ALL.into_iter().find(|o| o.code() == wanted)
    }
}

/// One scan or tick. The latest mark of an asset (by time, then key) is what counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Mark {
    /// The asset's id; empty for an item not in the register that was not registered.
    pub asset: String,
    /// What was scanned or typed (the tag or serial), or the tag for a tick.
    pub code: String,
    pub outcome: Outcome,
    /// Where it actually is (found elsewhere, unexpected).
    pub actual: Option<Location>,
    /// Its actual state (wrong status).
    pub actual_status: Option<AssetStatus>,
    pub note: String,
    /// Blob hashes of photos (JPEG, resized).
    pub photos: Vec<String>,
    /// Registered in the register on the spot by this audit.
    pub registered: bool,
    pub by: String,
    #[ts(type = "number")]
    pub at_ms: i64,
}

/// A correction written to the records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Applied {
    #[ts(type = "number")]
    pub at_ms: i64,
    pub by: String,
    pub what: String,
}

/// The expected list, by asset id. It never changes after the audit starts, so it needs no
/// merging: the document holds it as one bytes value (a version byte, then postcard), which
/// loads in milliseconds where 5,000 maps of fields took seconds to load and hydrate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedList(pub BTreeMap<String, Expected>);

const EXPECTED_FORMAT: u8 = 1;

impl Reconcile for ExpectedList {
    type Key<'a> = autosurgeon::reconcile::NoKey;
    fn reconcile<R: autosurgeon::Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
        let mut bytes = vec![EXPECTED_FORMAT];
        bytes.extend(postcard::to_allocvec(&self.0).unwrap_or_default());
        reconciler.bytes(bytes)
    }
}

impl Hydrate for ExpectedList {
    fn hydrate_bytes(bytes: &[u8]) -> Result<Self, autosurgeon::HydrateError> {
        match bytes.split_first() {
            Some((&EXPECTED_FORMAT, rest)) => postcard::from_bytes(rest)
                .map(ExpectedList)
                .map_err(|e| autosurgeon::HydrateError::unexpected("expected list", e.to_string())),
            _ => Err(autosurgeon::HydrateError::unexpected(
                "expected list",
                "an unknown format".to_owned(),
            )),
        }
    }
}

impl std::ops::Deref for ExpectedList {
    type Target = BTreeMap<String, Expected>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// The whole audit document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct AuditDoc {
    pub schema: u64,
    pub kind: String,
    pub audit: Audit,
    pub expected: ExpectedList,
    pub marks: BTreeMap<String, Mark>,
    #[autosurgeon(missing = "Default::default")]
    pub applied: BTreeMap<String, Applied>,
}

/// Counts of an audit, by what the latest mark of each item says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditCounts {
    pub expected: u32,
    pub checked: u32,
    pub found: u32,
    pub missing: u32,
    pub found_elsewhere: u32,
    pub wrong_status: u32,
    pub unexpected: u32,
    pub applied: u32,
}

/// An audit as lists show it (`p/audit/{ULID}`): its fields and its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditSummary {
    pub audit: Audit,
    pub counts: AuditCounts,
}

impl AuditCounts {
    /// Discrepancies: every expected item not found as recorded (unchecked ones count as
    /// missing once the audit is closed), plus every unexpected item.
    pub fn discrepancies(&self, closed: bool) -> u32 {
        let unchecked = if closed {
            self.expected.saturating_sub(self.checked)
        } else {
            0
        };
        self.missing + unchecked + self.found_elsewhere + self.wrong_status + self.unexpected
    }
}
