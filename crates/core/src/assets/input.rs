//! Untyped input (forms, CSV rows, CLI flags) parsed and validated into an [`Asset`].
//!
//! Every field is `Option<String>`: `None` leaves the field as it is, `Some("")` clears it.
//! Validation never stops at the first problem: it returns every [`Problem`] at once so a
//! form or an import preview can show them all.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fields::AssetField;
use super::model::{Asset, Currency, Date, Money, ASSET_STATUSES, ASSET_TYPES, CURRENCIES};
use crate::problem::{Problem, ProblemCode};
use crate::text::check_text;

/// The longest text any single field may hold, in characters.
pub const MAX_FIELD_CHARS: usize = 200;
/// Notes may be longer than other fields.
pub const MAX_NOTES_CHARS: usize = 4000;
/// Units counted from the bottom of a rack; 60 U covers every rack we have met.
pub const MAX_UNIT: u32 = 60;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct AssetInput {
    #[ts(optional)]
    pub asset_tag: Option<String>,
    #[ts(optional)]
    pub asset_type: Option<String>,
    #[ts(optional)]
    pub manufacturer: Option<String>,
    #[ts(optional)]
    pub model: Option<String>,
    #[ts(optional)]
    pub serial: Option<String>,
    #[ts(optional)]
    pub purchase_date: Option<String>,
    #[ts(optional)]
    pub cost: Option<String>,
    #[ts(optional)]
    pub currency: Option<String>,
    #[ts(optional)]
    pub warranty_end: Option<String>,
    #[ts(optional)]
    pub status: Option<String>,
    #[ts(optional)]
    pub site: Option<String>,
    #[ts(optional)]
    pub room: Option<String>,
    #[ts(optional)]
    pub row: Option<String>,
    #[ts(optional)]
    pub rack: Option<String>,
    #[ts(optional)]
    pub unit: Option<String>,
    #[ts(optional)]
    pub owner: Option<String>,
    #[ts(optional)]
    pub notes: Option<String>,
    /// Comma-separated.
    #[ts(optional)]
    pub tags: Option<String>,
}

impl AssetInput {
    pub fn get(&self, field: AssetField) -> Option<&str> {
        let value = match field {
            AssetField::AssetTag => &self.asset_tag,
            AssetField::AssetType => &self.asset_type,
            AssetField::Manufacturer => &self.manufacturer,
            AssetField::Model => &self.model,
            AssetField::Serial => &self.serial,
            AssetField::PurchaseDate => &self.purchase_date,
            AssetField::Cost => &self.cost,
            AssetField::Currency => &self.currency,
            AssetField::WarrantyEnd => &self.warranty_end,
            AssetField::Status => &self.status,
            AssetField::Site => &self.site,
            AssetField::Room => &self.room,
            AssetField::Row => &self.row,
            AssetField::Rack => &self.rack,
            AssetField::Unit => &self.unit,
            AssetField::Owner => &self.owner,
            AssetField::Notes => &self.notes,
            AssetField::Tags => &self.tags,
        };
        value.as_deref()
    }

    pub fn set(&mut self, field: AssetField, value: Option<String>) {
        let slot = match field {
            AssetField::AssetTag => &mut self.asset_tag,
            AssetField::AssetType => &mut self.asset_type,
            AssetField::Manufacturer => &mut self.manufacturer,
            AssetField::Model => &mut self.model,
            AssetField::Serial => &mut self.serial,
            AssetField::PurchaseDate => &mut self.purchase_date,
            AssetField::Cost => &mut self.cost,
            AssetField::Currency => &mut self.currency,
            AssetField::WarrantyEnd => &mut self.warranty_end,
            AssetField::Status => &mut self.status,
            AssetField::Site => &mut self.site,
            AssetField::Room => &mut self.room,
            AssetField::Row => &mut self.row,
            AssetField::Rack => &mut self.rack,
            AssetField::Unit => &mut self.unit,
            AssetField::Owner => &mut self.owner,
            AssetField::Notes => &mut self.notes,
            AssetField::Tags => &mut self.tags,
        };
        *slot = value;
    }

    /// The input that would recreate `asset` exactly (used by forms to start an edit).
    pub fn from_asset(asset: &Asset) -> Self {
        let mut input = Self::default();
        for field in AssetField::ALL {
            input.set(field, Some(field.text(asset)));
        }
        input
    }
}

/// Why a field's value was refused. The UI translates the code; the CLI prints its
/// English text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldErrorCode {
    Required,
    TooLong,
    InvalidDate,
    InvalidNumber,
    NegativeCost,
    UnknownType,
    UnknownStatus,
    UnknownCurrency,
    CurrencyWithoutCost,
    UnitOutOfRange,
    WarrantyBeforePurchase,
    DuplicateAssetTag,
    /// Disposed only through the disposal steps (request, approval, wipe), never by an edit.
    DisposalNeedsRecord,
}

impl ProblemCode for FieldErrorCode {
    fn code(self) -> &'static str {
        match self {
            FieldErrorCode::Required => "required",
            FieldErrorCode::TooLong => "too_long",
            FieldErrorCode::InvalidDate => "invalid_date",
            FieldErrorCode::InvalidNumber => "invalid_number",
            FieldErrorCode::NegativeCost => "negative_cost",
            FieldErrorCode::UnknownType => "unknown_type",
            FieldErrorCode::UnknownStatus => "unknown_status",
            FieldErrorCode::UnknownCurrency => "unknown_currency",
            FieldErrorCode::CurrencyWithoutCost => "currency_without_cost",
            FieldErrorCode::UnitOutOfRange => "unit_out_of_range",
            FieldErrorCode::WarrantyBeforePurchase => "warranty_before_purchase",
            FieldErrorCode::DuplicateAssetTag => "duplicate_asset_tag",
            FieldErrorCode::DisposalNeedsRecord => "disposal_needs_record",
        }
    }

    fn english(self, value: &str) -> String {
        describe(self, value)
    }
}

/// A refused value of an asset's `field`.
pub fn field_problem(field: AssetField, code: FieldErrorCode, value: &str) -> Problem {
    Problem::new(field.code(), code, value)
}

fn describe(code: FieldErrorCode, value: &str) -> String {
    match code {
        FieldErrorCode::DisposalNeedsRecord => {
            "can only become disposed through the disposal steps (asset dispose …)".to_owned()
        }
        FieldErrorCode::Required => "is required".to_owned(),
        FieldErrorCode::TooLong => format!("is longer than {MAX_FIELD_CHARS} characters"),
        FieldErrorCode::InvalidDate => format!("'{value}' is not a date (use YYYY-MM-DD)"),
        FieldErrorCode::InvalidNumber => {
            format!("'{value}' is not an amount (e.g. 12500000 or 1234.50)")
        }
        FieldErrorCode::NegativeCost => format!("'{value}' is negative"),
        FieldErrorCode::UnknownType => {
            format!(
                "'{value}' is not an asset type (one of: {})",
                ASSET_TYPES.codes().collect::<Vec<_>>().join(", ")
            )
        }
        FieldErrorCode::UnknownStatus => {
            format!(
                "'{value}' is not a status (one of: {})",
                ASSET_STATUSES.codes().collect::<Vec<_>>().join(", ")
            )
        }
        FieldErrorCode::UnknownCurrency => {
            format!(
                "'{value}' is not a currency (one of: {})",
                CURRENCIES.codes().collect::<Vec<_>>().join(", ")
            )
        }
        FieldErrorCode::CurrencyWithoutCost => "a currency needs a cost".to_owned(),
        FieldErrorCode::UnitOutOfRange => {
            format!("'{value}' is not a rack unit between 1 and {MAX_UNIT}")
        }
        FieldErrorCode::WarrantyBeforePurchase => {
            format!("warranty end {value} is before the purchase date")
        }
        FieldErrorCode::DuplicateAssetTag => format!("asset tag '{value}' is already used"),
    }
}

/// Applies `input` on top of `base`, returning the new asset or every problem found.
pub fn apply_input(base: &Asset, input: &AssetInput) -> Result<Asset, Vec<Problem>> {
    let mut asset = base.clone();
    // A value holding a control character is refused for that alone and not read further.
    let mut errors: Vec<Problem> = AssetField::ALL
        .iter()
        .filter_map(|field| {
            let value = input.get(*field)?.trim();
            check_text(field.code(), value, field.text_rule())
        })
        .collect();
    let unreadable_fields: Vec<String> = errors.iter().map(|p| p.field.clone()).collect();
    let unreadable = |field: AssetField| unreadable_fields.iter().any(|code| code == field.code());
    let mut refuse = |field, code, value: &str| errors.push(field_problem(field, code, value));

    for field in AssetField::ALL {
        let Some(raw) = input.get(field) else {
            continue;
        };
        if unreadable(field) {
            continue;
        }
        let value = raw.trim();
        let limit = if field == AssetField::Notes {
            MAX_NOTES_CHARS
        } else {
            MAX_FIELD_CHARS
        };
        if value.chars().count() > limit {
            refuse(field, FieldErrorCode::TooLong, value);
            continue;
        }
        match field {
            AssetField::AssetTag => asset.asset_tag = value.to_owned(),
            AssetField::AssetType => match ASSET_TYPES.parse(value) {
                Some(kind) => asset.asset_type = kind,
                None if value.is_empty() => refuse(field, FieldErrorCode::Required, value),
                None => refuse(field, FieldErrorCode::UnknownType, value),
            },
            AssetField::Manufacturer => asset.manufacturer = value.to_owned(),
            AssetField::Model => asset.model = value.to_owned(),
            AssetField::Serial => asset.serial = value.to_owned(),
            AssetField::PurchaseDate | AssetField::WarrantyEnd => {
                // `None` is a refused value; `Some(None)` clears the date.
                let date = if value.is_empty() {
                    Some(None)
                } else {
                    parse_date(value).map(Some)
                };
                match date {
                    Some(date) if field == AssetField::PurchaseDate => asset.purchase_date = date,
                    Some(date) => asset.warranty_end = date,
                    None => refuse(field, FieldErrorCode::InvalidDate, value),
                }
            }
            AssetField::Cost | AssetField::Currency => {} // handled together below
            AssetField::Status => match ASSET_STATUSES.parse(value) {
                Some(status) => asset.status = status,
                None if value.is_empty() => refuse(field, FieldErrorCode::Required, value),
                None => refuse(field, FieldErrorCode::UnknownStatus, value),
            },
            AssetField::Site => asset.location.site = value.to_owned(),
            AssetField::Room => asset.location.room = value.to_owned(),
            AssetField::Row => asset.location.row = value.to_owned(),
            AssetField::Rack => asset.location.rack = value.to_owned(),
            AssetField::Unit => match value {
                "" => asset.location.unit = None,
                _ => match value.trim_start_matches(['U', 'u']).parse::<u32>() {
                    Ok(unit) if (1..=MAX_UNIT).contains(&unit) => asset.location.unit = Some(unit),
                    _ => refuse(field, FieldErrorCode::UnitOutOfRange, value),
                },
            },
            AssetField::Owner => asset.owner = value.to_owned(),
            AssetField::Notes => asset.notes = value.to_owned(),
            AssetField::Tags => asset.tags = split_tags(value),
        }
    }

    if !unreadable(AssetField::Cost) && !unreadable(AssetField::Currency) {
        apply_cost(&mut asset, input, &mut refuse);
    }

    if asset.asset_tag.is_empty() && !unreadable(AssetField::AssetTag) {
        refuse(AssetField::AssetTag, FieldErrorCode::Required, "");
    }
    if let (Some(bought), Some(warranty)) = (&asset.purchase_date, &asset.warranty_end) {
        if warranty < bought {
            refuse(
                AssetField::WarrantyEnd,
                FieldErrorCode::WarrantyBeforePurchase,
                &warranty.0,
            );
        }
    }
    if errors.is_empty() {
        Ok(asset)
    } else {
        Err(errors)
    }
}

fn apply_cost(
    asset: &mut Asset,
    input: &AssetInput,
    refuse: &mut impl FnMut(AssetField, FieldErrorCode, &str),
) {
    let cost_text = input.cost.as_deref().map(str::trim);
    let currency_text = input.currency.as_deref().map(str::trim);
    if cost_text.is_none() && currency_text.is_none() {
        return;
    }
    let currency = match currency_text {
        None => asset
            .cost
            .as_ref()
            .map(|m| m.currency)
            .unwrap_or(Currency::KRW),
        Some("") => Currency::KRW,
        Some(text) => match CURRENCIES.parse(text) {
            Some(currency) => currency,
            None => return refuse(AssetField::Currency, FieldErrorCode::UnknownCurrency, text),
        },
    };
    let amount_minor = match cost_text {
        None => asset.cost.as_ref().map(|m| m.amount_minor),
        Some("") => None,
        Some(text) => match parse_amount(text, currency.minor_digits()) {
            Some(amount) if amount < 0 => {
                return refuse(AssetField::Cost, FieldErrorCode::NegativeCost, text)
            }
            Some(amount) => Some(amount),
            None => return refuse(AssetField::Cost, FieldErrorCode::InvalidNumber, text),
        },
    };
    match amount_minor {
        Some(amount_minor) => {
            asset.cost = Some(Money {
                amount_minor,
                currency,
            })
        }
        None if matches!(currency_text, Some(text) if !text.is_empty()) && cost_text.is_some() => {
            refuse(
                AssetField::Currency,
                FieldErrorCode::CurrencyWithoutCost,
                currency_text.unwrap_or_default(),
            )
        }
        None => asset.cost = None,
    }
}

/// Splits `a, b ,c` into trimmed, de-duplicated, non-empty tags, keeping their order.
pub fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
    {
        if !tags.iter().any(|known| known == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

/// Parses `YYYY-MM-DD` (also `YYYY.MM.DD` and `YYYY/MM/DD`, common in Korean spreadsheets).
pub fn parse_date(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text
        .trim()
        .trim_end_matches('.')
        .split(['-', '.', '/'])
        .map(str::trim)
        .collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let year: u32 = year.parse().ok()?;
    let month: u32 = month.parse().ok()?;
    let day: u32 = day.parse().ok()?;
    if !(1900..=2200).contains(&year)
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
    {
        return None;
    }
    Some(Date(format!("{year:04}-{month:02}-{day:02}")))
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

/// Parses `12,500,000`, `1234.5` or `₩12,500,000` into minor units with `digits` decimals.
pub fn parse_amount(text: &str, digits: u32) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '₩' | '$' | '€' | '¥' | '원'))
        .collect();
    let (negative, unsigned) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || fraction.len() > digits as usize
    {
        return None;
    }
    let scale = 10i64.pow(digits);
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<width$}", width = digits as usize)
            .parse()
            .ok()?
    };
    let amount = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))?;
    Some(if negative { -amount } else { amount })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::AssetId;

    fn blank() -> Asset {
        Asset::blank(AssetId(ulid::Ulid::from_parts(1, 1)))
    }

    #[test]
    fn valid_input_fills_every_field() {
        let input = AssetInput {
            asset_tag: Some(" PT1-SRV-0001 ".into()),
            asset_type: Some("서버".into()),
            cost: Some("12,500,000".into()),
            purchase_date: Some("2024.03.05".into()),
            warranty_end: Some("2029-03-04".into()),
            status: Some("In use".into()),
            unit: Some("U12".into()),
            tags: Some("gpu, 예비 ,gpu".into()),
            ..AssetInput::default()
        };
        let asset = apply_input(&blank(), &input).expect("valid");
        assert_eq!(asset.asset_tag, "PT1-SRV-0001");
        assert_eq!(
            asset.cost,
            Some(Money {
                amount_minor: 12_500_000,
                currency: Currency::KRW
            })
        );
        assert_eq!(asset.purchase_date, Some(Date("2024-03-05".into())));
        assert_eq!(asset.status, super::super::model::AssetStatus::InUse);
        assert_eq!(asset.location.unit, Some(12));
        assert_eq!(asset.tags, vec!["gpu".to_owned(), "예비".to_owned()]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = AssetInput {
            asset_type: Some("toaster".into()),
            purchase_date: Some("2023-02-29".into()),
            cost: Some("12.5.0".into()),
            unit: Some("61".into()),
            status: Some("lost".into()),
            ..AssetInput::default()
        };
        let errors = apply_input(&blank(), &input).expect_err("invalid");
        let codes: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        let expected: Vec<_> = [
            (AssetField::AssetType, FieldErrorCode::UnknownType),
            (AssetField::PurchaseDate, FieldErrorCode::InvalidDate),
            (AssetField::Status, FieldErrorCode::UnknownStatus),
            (AssetField::Unit, FieldErrorCode::UnitOutOfRange),
            (AssetField::Cost, FieldErrorCode::InvalidNumber),
            (AssetField::AssetTag, FieldErrorCode::Required),
        ]
        .into_iter()
        .map(|(field, code)| (field.code(), code.code()))
        .collect();
        assert_eq!(codes, expected);
    }

    #[test]
    fn dates_follow_the_calendar() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2100-02-29").is_none());
        assert!(parse_date("2000-02-29").is_some());
        assert!(parse_date("2024-04-31").is_none());
        assert!(parse_date("24-1-1").is_none());
    }

    #[test]
    fn amounts_respect_currency_decimals() {
        assert_eq!(parse_amount("₩1,234,000", 0), Some(1_234_000));
        assert_eq!(parse_amount("1234.5", 2), Some(123_450));
        assert_eq!(parse_amount("1234.5", 0), None);
        assert_eq!(parse_amount("abc", 0), None);
        let money = Money {
            amount_minor: 123_456_789,
            currency: Currency::USD,
        };
        assert_eq!(money.format_amount(), "1,234,567.89");
    }

    #[test]
    fn warranty_cannot_end_before_purchase() {
        let input = AssetInput {
            asset_tag: Some("X".into()),
            purchase_date: Some("2024-05-01".into()),
            warranty_end: Some("2024-04-30".into()),
            ..AssetInput::default()
        };
        let errors = apply_input(&blank(), &input).expect_err("invalid");
        assert!(errors[0].is(FieldErrorCode::WarrantyBeforePurchase));
    }
}
