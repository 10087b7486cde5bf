//! What a list view asks for: free-text search, per-field filters, a sort and a page.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::AssetField;
use super::model::{AssetRow, ASSET_STATUSES, ASSET_TYPES, CURRENCIES};

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct AssetQuery {
    /// Words that must all appear somewhere in the asset (tag, model, serial, place, owner, …).
    pub search: String,
    pub filters: Vec<AssetFilter>,
    #[ts(optional)]
    pub sort: Option<AssetSort>,
    pub offset: u32,
    /// Rows per page; 0 means every matching row.
    pub limit: u32,
}

/// A filter on one field. Enumerated fields (type, status, currency) match any of the
/// comma-separated values exactly; date, cost and unit fields accept a range `from..to`
/// (either end may be empty); every other field matches case-insensitively as a substring.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssetFilter {
    pub field: AssetField,
    pub value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssetSort {
    pub field: AssetField,
    pub descending: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssetPage {
    /// How many assets match, across all pages.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<AssetRow>,
}

impl AssetQuery {
    /// The same query without its page window, for caching a matched and sorted order.
    pub(crate) fn without_page(&self) -> AssetQuery {
        AssetQuery {
            offset: 0,
            limit: 0,
            ..self.clone()
        }
    }
}

/// A filter compiled once per query and then run against every row.
pub(crate) enum Matcher {
    OneOf(AssetField, Vec<String>),
    Range(AssetField, Option<i64>, Option<i64>),
    DateRange(AssetField, Option<String>, Option<String>),
    Contains(AssetField, String),
}

impl Matcher {
    pub fn compile(filter: &AssetFilter) -> Matcher {
        let field = filter.field;
        let value = filter.value.trim();
        if field.is_enumerated() {
            let codes = value
                .split(',')
                .filter_map(|word| {
                    let word = word.trim();
                    match field {
                        AssetField::AssetType => ASSET_TYPES
                            .parse(word)
                            .map(|v| ASSET_TYPES.code(v).to_owned()),
                        AssetField::Status => ASSET_STATUSES
                            .parse(word)
                            .map(|v| ASSET_STATUSES.code(v).to_owned()),
                        _ => CURRENCIES
                            .parse(word)
                            .map(|v| CURRENCIES.code(v).to_owned()),
                    }
                    .or_else(|| (!word.is_empty()).then(|| word.to_owned()))
                })
                .collect();
            return Matcher::OneOf(field, codes);
        }
        if let Some((from, to)) = value.split_once("..") {
            let (from, to) = (from.trim(), to.trim());
            if matches!(field, AssetField::PurchaseDate | AssetField::WarrantyEnd) {
                let bound = |text: &str| (!text.is_empty()).then(|| text.to_owned());
                return Matcher::DateRange(field, bound(from), bound(to));
            }
            if matches!(field, AssetField::Cost | AssetField::Unit) {
                let bound = |text: &str| text.replace(',', "").parse::<i64>().ok();
                return Matcher::Range(field, bound(from), bound(to));
            }
        }
        Matcher::Contains(field, value.to_lowercase())
    }

    pub fn matches(&self, row: &AssetRow) -> bool {
        match self {
            Matcher::OneOf(field, codes) => {
                codes.is_empty() || codes.iter().any(|code| *code == field.text(&row.asset))
            }
            Matcher::DateRange(field, from, to) => {
                let text = field.text(&row.asset);
                !text.is_empty()
                    && from.as_deref().is_none_or(|from| text.as_str() >= from)
                    && to.as_deref().is_none_or(|to| text.as_str() <= to)
            }
            Matcher::Range(field, from, to) => {
                let number =
                    match field {
                        AssetField::Cost => row.asset.cost.as_ref().map(|money| {
                            money.amount_minor / 10i64.pow(money.currency.minor_digits())
                        }),
                        _ => row.asset.location.unit.map(i64::from),
                    };
                number.is_some_and(|n| {
                    from.is_none_or(|from| n >= from) && to.is_none_or(|to| n <= to)
                })
            }
            Matcher::Contains(field, needle) => {
                needle.is_empty()
                    || field
                        .text(&row.asset)
                        .to_lowercase()
                        .contains(needle.as_str())
            }
        }
    }
}

/// How rows compare under a sort: numbers as numbers, everything else as lower-cased text.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SortKey {
    Number(i64),
    Text(String),
}

pub(crate) fn sort_key(field: AssetField, row: &AssetRow) -> SortKey {
    match field {
        AssetField::Cost => SortKey::Number(
            row.asset
                .cost
                .as_ref()
                .map_or(i64::MIN, |money| money.amount_minor),
        ),
        AssetField::Unit => SortKey::Number(row.asset.location.unit.map_or(-1, i64::from)),
        _ => SortKey::Text(field.text(&row.asset).to_lowercase()),
    }
}
