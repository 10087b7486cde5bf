//! Asset tags on the same label machinery as cables: one label per asset, its tag as a large
//! first line, the model and serial under it, where it stands when it is placed, and a QR code
//! carrying the tag (what a scanner at an audit looks up).

use cloudwright_core::assets::{Asset, AssetField, AssetQuery, AssetSort};
use cloudwright_core::store::Workspace;

use crate::LabelText;

/// One asset's tag label.
pub fn asset_label(asset: &Asset) -> LabelText {
    let model = if asset.model.trim().is_empty() {
        asset.manufacturer.trim()
    } else {
        asset.model.trim()
    };
    let identity = match (model.is_empty(), asset.serial.trim()) {
        (_, "") => model.to_owned(),
        (true, serial) => format!("S/N {serial}"),
        (false, serial) => format!("{model} · S/N {serial}"),
    };
    let location = &asset.location;
    // Placed means in a rack; a site or room alone is not where a tag helps find it.
    let place = if location.rack.trim().is_empty() {
        String::new()
    } else {
        let rack = match location.unit {
            Some(unit) => format!("{} U{unit}", location.rack.trim()),
            None => location.rack.trim().to_owned(),
        };
        [location.site.trim(), location.room.trim(), rack.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    LabelText {
        lines: vec![asset.asset_tag.trim().to_owned(), identity, place],
        qr: Some(asset.asset_tag.trim().to_owned()).filter(|tag| !tag.is_empty()),
        headline: true,
    }
}

/// Whether `asset`'s tag, model or serial contains `filter` (ignoring case); an empty
/// filter takes every asset.
pub fn asset_matches(asset: &Asset, filter: &str) -> bool {
    let wanted = filter.trim().to_lowercase();
    wanted.is_empty()
        || [&asset.asset_tag, &asset.model, &asset.serial]
            .iter()
            .any(|text| text.to_lowercase().contains(&wanted))
}

/// The assets whose tag, model or serial contains `filter`, by tag, with their labels.
pub fn asset_labels(workspace: &Workspace, filter: &str) -> Vec<LabelText> {
    let query = AssetQuery {
        sort: Some(AssetSort {
            field: AssetField::AssetTag,
            descending: false,
        }),
        limit: 0,
        ..AssetQuery::default()
    };
    workspace
        .query_assets(&query)
        .rows
        .iter()
        .map(|row| &row.asset)
        .filter(|asset| asset_matches(asset, filter))
        .map(asset_label)
        .collect()
}

/// The assets a list's query shows (its search and filters, every page, in its sort or else
/// by tag), with their labels: what the asset list shows is what is printed.
pub fn asset_labels_of(workspace: &Workspace, query: &AssetQuery) -> Vec<LabelText> {
    let query = AssetQuery {
        sort: query.sort.or(Some(AssetSort {
            field: AssetField::AssetTag,
            descending: false,
        })),
        offset: 0,
        limit: 0,
        ..query.clone()
    };
    workspace
        .query_assets(&query)
        .rows
        .iter()
        .map(|row| asset_label(&row.asset))
        .collect()
}

#[cfg(test)]
mod tests {
    use cloudwright_core::assets::Location;
    use cloudwright_core::AssetId;

    use super::*;

    fn asset() -> Asset {
        let id: AssetId = "00000000000000000000000007".parse().expect("a ULID");
        let mut asset = Asset::blank(id);
        asset.asset_tag = "PT1-SRV-000123".into();
        asset.manufacturer = "Dell".into();
        asset.model = "PowerEdge R650".into();
        asset.serial = "DE12345678".into();
        asset
    }

    #[test]
    fn a_placed_asset_says_where_it_stands_and_its_qr_carries_the_tag() {
        let mut placed = asset();
        placed.location = Location {
            site: "평택 1센터".into(),
            room: "전산실 A".into(),
            row: "A열".into(),
            rack: "A-R03".into(),
            unit: Some(12),
        };
        let label = asset_label(&placed);
        assert_eq!(
            label.lines,
            [
                "PT1-SRV-000123",
                "PowerEdge R650 · S/N DE12345678",
                "평택 1센터 · 전산실 A · A-R03 U12"
            ]
        );
        assert_eq!(label.qr.as_deref(), Some("PT1-SRV-000123"));
        assert!(label.headline);
    }

    #[test]
    fn an_asset_in_a_storeroom_prints_no_location_and_the_filter_reads_tag_model_serial() {
        let mut stored = asset();
        stored.location.site = "평택 1센터".into();
        let label = asset_label(&stored);
        assert!(label.lines[2].is_empty(), "{:?}", label.lines);
        for filter in ["srv-0001", "r650", "de123", ""] {
            assert!(asset_matches(&stored, filter), "{filter}");
        }
        assert!(
            !asset_matches(&stored, "평택"),
            "location is not a filter field"
        );
    }
}
