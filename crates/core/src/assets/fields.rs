//! The asset's fields as one list: names for CSV columns, filters, sorting and history.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Asset, ASSET_STATUSES, ASSET_TYPES, CURRENCIES};
use crate::text::TextRule;

/// Every user-visible field of an asset, in form and CSV order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AssetField {
    AssetTag,
    AssetType,
    Manufacturer,
    Model,
    Serial,
    PurchaseDate,
    Cost,
    Currency,
    WarrantyEnd,
    Status,
    Site,
    Room,
    Row,
    Rack,
    Unit,
    Owner,
    Notes,
    Tags,
}

impl AssetField {
    pub const ALL: [AssetField; 18] = [
        AssetField::AssetTag,
        AssetField::AssetType,
        AssetField::Manufacturer,
        AssetField::Model,
        AssetField::Serial,
        AssetField::PurchaseDate,
        AssetField::Cost,
        AssetField::Currency,
        AssetField::WarrantyEnd,
        AssetField::Status,
        AssetField::Site,
        AssetField::Room,
        AssetField::Row,
        AssetField::Rack,
        AssetField::Unit,
        AssetField::Owner,
        AssetField::Notes,
        AssetField::Tags,
    ];

    /// The stable snake_case name used in CSV headers, CLI flags and the IPC.
    pub fn code(self) -> &'static str {
        match self {
            AssetField::AssetTag => "asset_tag",
            AssetField::AssetType => "asset_type",
            AssetField::Manufacturer => "manufacturer",
            AssetField::Model => "model",
            AssetField::Serial => "serial",
            AssetField::PurchaseDate => "purchase_date",
            AssetField::Cost => "cost",
            AssetField::Currency => "currency",
            AssetField::WarrantyEnd => "warranty_end",
            AssetField::Status => "status",
            AssetField::Site => "site",
            AssetField::Room => "room",
            AssetField::Row => "row",
            AssetField::Rack => "rack",
            AssetField::Unit => "unit",
            AssetField::Owner => "owner",
            AssetField::Notes => "notes",
            AssetField::Tags => "tags",
        }
    }

    /// What text the field may hold: notes several lines, every other field one.
    pub fn text_rule(self) -> TextRule {
        match self {
            AssetField::Notes => TextRule::MultiLine,
            _ => TextRule::SingleLine,
        }
    }

    pub fn from_code(code: &str) -> Option<AssetField> {
        let code = code.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|field| {
            field.code() == code || (code == "type" && *field == AssetField::AssetType)
        })
    }

    /// Fields whose values come from a fixed vocabulary: filters on them match exactly.
    pub fn is_enumerated(self) -> bool {
        matches!(
            self,
            AssetField::AssetType | AssetField::Status | AssetField::Currency
        )
    }

    /// The field's value as text, the same text CSV export writes and history shows.
    pub fn text(self, asset: &Asset) -> String {
        match self {
            AssetField::AssetTag => asset.asset_tag.clone(),
            AssetField::AssetType => ASSET_TYPES.code(asset.asset_type).to_owned(),
            AssetField::Manufacturer => asset.manufacturer.clone(),
            AssetField::Model => asset.model.clone(),
            AssetField::Serial => asset.serial.clone(),
            AssetField::PurchaseDate => asset
                .purchase_date
                .as_ref()
                .map(|d| d.0.clone())
                .unwrap_or_default(),
            AssetField::Cost => asset
                .cost
                .as_ref()
                .map(|m| m.format_amount().replace(',', ""))
                .unwrap_or_default(),
            AssetField::Currency => asset
                .cost
                .as_ref()
                .map(|m| CURRENCIES.code(m.currency).to_owned())
                .unwrap_or_default(),
            AssetField::WarrantyEnd => asset
                .warranty_end
                .as_ref()
                .map(|d| d.0.clone())
                .unwrap_or_default(),
            AssetField::Status => ASSET_STATUSES.code(asset.status).to_owned(),
            AssetField::Site => asset.location.site.clone(),
            AssetField::Room => asset.location.room.clone(),
            AssetField::Row => asset.location.row.clone(),
            AssetField::Rack => asset.location.rack.clone(),
            AssetField::Unit => asset
                .location
                .unit
                .map(|u| u.to_string())
                .unwrap_or_default(),
            AssetField::Owner => asset.owner.clone(),
            AssetField::Notes => asset.notes.clone(),
            AssetField::Tags => asset.tags.join(", "),
        }
    }
}
