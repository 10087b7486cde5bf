//! The asset aggregate: its persisted CRDT schema (autosurgeon) and its typed values.

use autosurgeon::{Hydrate, HydrateError, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::AssetId;

/// What kind of equipment an asset is.
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
pub enum AssetType {
    #[autosurgeon(rename = "server")]
    Server,
    #[autosurgeon(rename = "storage")]
    Storage,
    #[autosurgeon(rename = "switch")]
    Switch,
    #[autosurgeon(rename = "router")]
    Router,
    #[autosurgeon(rename = "firewall")]
    Firewall,
    #[autosurgeon(rename = "pdu")]
    Pdu,
    #[autosurgeon(rename = "patch_panel")]
    PatchPanel,
    #[autosurgeon(rename = "other")]
    Other,
}

/// Where an asset is in its life.
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
pub enum AssetStatus {
    #[autosurgeon(rename = "in_stock")]
    InStock,
    #[autosurgeon(rename = "in_use")]
    InUse,
    #[autosurgeon(rename = "maintenance")]
    Maintenance,
    #[autosurgeon(rename = "retiring")]
    Retiring,
    #[autosurgeon(rename = "disposed")]
    Disposed,
    /// Not found where the records put it, by an audit whose corrections were applied.
    #[autosurgeon(rename = "missing")]
    Missing,
}

/// Currencies a purchase can be recorded in, with their minor-unit digits.
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
#[ts(export)]
pub enum Currency {
    KRW,
    USD,
    EUR,
    JPY,
    CNY,
}

/// One vocabulary entry: the stable code plus its Korean and English labels.
pub struct Vocabulary<T: 'static> {
    pub entries: &'static [(T, &'static str, &'static str, &'static str)],
}

impl<T: Copy + PartialEq + 'static> Vocabulary<T> {
    /// Accepts the code, the English or the Korean label, case- and space-insensitively.
    pub fn parse(&self, text: &str) -> Option<T> {
        let wanted = normalise_word(text);
        self.entries
            .iter()
            .find_map(|(value, code, english, korean)| {
                [code, english, korean]
                    .iter()
                    .any(|word| normalise_word(word) == wanted)
                    .then_some(*value)
            })
    }

    pub fn code(&self, value: T) -> &'static str {
        self.entries
            .iter()
            .find(|entry| entry.0 == value)
            .map(|entry| entry.1)
            .unwrap_or("")
    }

    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries.iter().map(|entry| entry.1)
    }
}

fn normalise_word(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

pub const ASSET_TYPES: Vocabulary<AssetType> = Vocabulary {
    entries: &[
        (AssetType::Server, "server", "Server", "서버"),
        (AssetType::Storage, "storage", "Storage", "스토리지"),
        (AssetType::Switch, "switch", "Switch", "스위치"),
        (AssetType::Router, "router", "Router", "라우터"),
        (AssetType::Firewall, "firewall", "Firewall", "방화벽"),
        (AssetType::Pdu, "pdu", "PDU", "분전반(PDU)"),
        (
            AssetType::PatchPanel,
            "patch_panel",
            "Patch panel",
            "패치 패널",
        ),
        (AssetType::Other, "other", "Other", "기타"),
    ],
};

pub const ASSET_STATUSES: Vocabulary<AssetStatus> = Vocabulary {
    entries: &[
        (AssetStatus::InStock, "in_stock", "In stock", "재고"),
        (AssetStatus::InUse, "in_use", "In use", "사용 중"),
        (
            AssetStatus::Maintenance,
            "maintenance",
            "Maintenance",
            "유지보수",
        ),
        (AssetStatus::Retiring, "retiring", "Retiring", "폐기 예정"),
        (AssetStatus::Disposed, "disposed", "Disposed", "폐기 완료"),
        (AssetStatus::Missing, "missing", "Missing", "분실"),
    ],
};

impl AssetStatus {
    /// Whether an asset in this status may be hung in a rack: one in stock, in use or under
    /// maintenance. Disposed, missing and retiring assets are out of service: the rack
    /// editor does not offer them and a placement of one is refused.
    pub fn placeable(self) -> bool {
        matches!(
            self,
            AssetStatus::InStock | AssetStatus::InUse | AssetStatus::Maintenance
        )
    }
}

pub const CURRENCIES: Vocabulary<Currency> = Vocabulary {
    entries: &[
        (Currency::KRW, "KRW", "Korean won", "원"),
        (Currency::USD, "USD", "US dollar", "달러"),
        (Currency::EUR, "EUR", "Euro", "유로"),
        (Currency::JPY, "JPY", "Japanese yen", "엔"),
        (Currency::CNY, "CNY", "Chinese yuan", "위안"),
    ],
};

impl Currency {
    /// Digits after the decimal point in the currency's minor unit.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::KRW | Currency::JPY => 0,
            Currency::USD | Currency::EUR | Currency::CNY => 2,
        }
    }
}

/// A calendar date, always `YYYY-MM-DD` (validated on construction).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export, type = "string")]
pub struct Date(pub String);

// By hand rather than derived: a derived newtype cannot hydrate inside an `Option`.
impl Reconcile for Date {
    type Key<'a> = autosurgeon::reconcile::NoKey;
    fn reconcile<R: autosurgeon::Reconciler>(&self, reconciler: R) -> Result<(), R::Error> {
        self.0.reconcile(reconciler)
    }
}

impl Hydrate for Date {
    fn hydrate_string(text: &'_ str) -> Result<Self, HydrateError> {
        Ok(Date(text.to_owned()))
    }
}

/// An amount in the currency's minor units (won, cents).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Money {
    #[ts(type = "number")]
    pub amount_minor: i64,
    pub currency: Currency,
}

impl Money {
    /// Formats the amount with its decimals and thousands separators, e.g. `12,500,000`.
    pub fn format_amount(&self) -> String {
        let digits = self.currency.minor_digits();
        let divisor = 10i64.pow(digits);
        let whole = (self.amount_minor / divisor).unsigned_abs();
        let mut grouped = String::new();
        for (index, ch) in whole.to_string().chars().rev().enumerate() {
            if index > 0 && index % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let mut text: String = grouped.chars().rev().collect();
        if self.amount_minor < 0 {
            text.insert(0, '-');
        }
        if digits > 0 {
            let fraction = (self.amount_minor % divisor).unsigned_abs();
            text.push_str(&format!(".{fraction:0width$}", width = digits as usize));
        }
        text
    }
}

/// Where an asset stands: site / room / row / rack / unit (U, counted from the bottom).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Location {
    pub site: String,
    pub room: String,
    pub row: String,
    pub rack: String,
    pub unit: Option<u32>,
}

/// One asset, exactly as its Automerge document holds it (schema version [`ASSET_SCHEMA`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct Asset {
    pub id: AssetId,
    pub asset_tag: String,
    pub asset_type: AssetType,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub purchase_date: Option<Date>,
    pub cost: Option<Money>,
    pub warranty_end: Option<Date>,
    pub status: AssetStatus,
    pub location: Location,
    pub owner: String,
    pub notes: String,
    pub tags: Vec<String>,
}

/// Version of the asset document layout; stored in each document as `schema`.
pub const ASSET_SCHEMA: u64 = 1;

impl Asset {
    /// A fresh asset with only its id set; callers fill it from an [`super::AssetInput`].
    pub fn blank(id: AssetId) -> Self {
        Self {
            id,
            asset_tag: String::new(),
            asset_type: AssetType::Server,
            manufacturer: String::new(),
            model: String::new(),
            serial: String::new(),
            purchase_date: None,
            cost: None,
            warranty_end: None,
            status: AssetStatus::InStock,
            location: Location::default(),
            owner: String::new(),
            notes: String::new(),
            tags: Vec::new(),
        }
    }
}

/// The flat projection of an asset that list views, search and export read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssetRow {
    pub asset: Asset,
    #[ts(type = "number")]
    pub created_at_ms: i64,
    #[ts(type = "number")]
    pub updated_at_ms: i64,
    pub updated_by: String,
    /// Assignments, maintenance and disposal in brief (see `lifecycle::LifeSummary`).
    pub life: super::life::LifeSummary,
    /// The purchase it was received on, when a receipt created it (see `assets::purchase`).
    #[ts(optional = nullable)]
    pub purchase: Option<super::purchase::AssetPurchase>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_through_a_document() {
        let mut asset = Asset::blank(AssetId(ulid::Ulid(9)));
        asset.purchase_date = Some(Date("2024-03-05".into()));
        asset.warranty_end = Some(Date("2029-03-04".into()));
        asset.cost = Some(Money {
            amount_minor: 18_500_000,
            currency: Currency::KRW,
        });
        asset.location = Location {
            site: "평택".into(),
            room: "A".into(),
            row: "C열".into(),
            rack: "C-R07".into(),
            unit: Some(12),
        };
        asset.tags = vec!["gpu".into(), "예비".into()];
        let mut doc = automerge::AutoCommit::new();
        autosurgeon::reconcile_prop(&mut doc, automerge::ROOT, "asset", &asset).expect("reconcile");
        let back: Asset =
            autosurgeon::hydrate_prop(&doc, automerge::ROOT, "asset").expect("hydrate");
        assert_eq!(back, asset);
    }
}
