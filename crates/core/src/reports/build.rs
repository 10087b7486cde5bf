//! The row-per-asset reports: the inventory and the warranty list.

use super::dates::{parse_day, DayNumber};
use super::{Cell, Column, Report, ReportKind, ReportSource, Section, SummaryItem};
use crate::assets::{AssetRow, AssetStatus};
use crate::natural::natural_key;

/// Completed months since purchase, when the purchase date is known.
pub(super) fn age_months(row: &AssetRow, today: DayNumber) -> Option<i64> {
    let bought = parse_day(row.asset.purchase_date.as_ref()?)?;
    Some(today.months_since(bought))
}

fn date_cell(date: Option<&crate::assets::Date>) -> Cell {
    date.map_or(Cell::Empty, |date| Cell::Date(date.clone()))
}

fn text_cell(text: &str) -> Cell {
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.to_owned())
    }
}

fn model_cell(row: &AssetRow) -> Cell {
    let asset = &row.asset;
    let joined = [asset.manufacturer.trim(), asset.model.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    text_cell(&joined)
}

/// Located assets by site, room, row, rack and unit (bottom first), each part in natural
/// order with an empty part after the named ones; then by tag.
fn location_order(rows: &[AssetRow]) -> Vec<usize> {
    let part = |text: &str| (text.trim().is_empty(), natural_key(text));
    let mut keyed: Vec<_> = rows
        .iter()
        .enumerate()
        .map(|(position, row)| {
            let place = &row.asset.location;
            let key = (
                part(&place.site),
                part(&place.room),
                part(&place.row),
                part(&place.rack),
                place.unit.map_or(u32::MAX, |unit| unit),
                natural_key(&row.asset.asset_tag),
            );
            (key, position)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, position)| position).collect()
}

pub(super) fn inventory(source: &ReportSource<'_>, today: DayNumber) -> Report {
    let columns = vec![
        Column::AssetTag,
        Column::AssetType,
        Column::Model,
        Column::Serial,
        Column::Status,
        Column::Site,
        Column::Room,
        Column::Rack,
        Column::Unit,
        Column::Owner,
        Column::PurchaseDate,
        Column::Age,
        Column::WarrantyEnd,
    ];
    let rows = location_order(source.rows)
        .into_iter()
        .map(|position| {
            let row = &source.rows[position];
            let asset = &row.asset;
            vec![
                Cell::Text(asset.asset_tag.clone()),
                Cell::Type(asset.asset_type),
                model_cell(row),
                text_cell(&asset.serial),
                Cell::Status(asset.status),
                text_cell(&asset.location.site),
                text_cell(&asset.location.room),
                text_cell(&asset.location.rack),
                asset.location.unit.map_or(Cell::Empty, Cell::Unit),
                text_cell(&asset.owner),
                date_cell(asset.purchase_date.as_ref()),
                age_months(row, today).map_or(Cell::Empty, |months| Cell::Age {
                    months: months.max(0),
                }),
                date_cell(asset.warranty_end.as_ref()),
            ]
        })
        .collect();
    Report {
        kind: ReportKind::Inventory,
        today: today.date(),
        columns,
        group: None,
        summary: vec![
            (SummaryItem::AsOf, Cell::Date(today.date())),
            (SummaryItem::Assets, Cell::Count(source.rows.len() as u64)),
        ],
        sections: vec![Section {
            heading: None,
            rows,
        }],
        totals: None,
    }
}

pub(super) fn warranty(source: &ReportSource<'_>, today: DayNumber, days: u32) -> Report {
    let end = today.plus_days(i64::from(days));
    let (mut expired, mut undated) = (0u64, 0u64);
    let mut listed: Vec<(i64, String, usize)> = Vec::new();
    for (position, row) in source.rows.iter().enumerate() {
        if row.asset.status == AssetStatus::Disposed {
            continue;
        }
        match row.asset.warranty_end.as_ref().and_then(parse_day) {
            None => undated += 1,
            Some(ends) if ends.days < today.days => expired += 1,
            Some(ends) if ends.days <= end.days => {
                listed.push((ends.days, natural_key(&row.asset.asset_tag), position));
            }
            Some(_) => {}
        }
    }
    listed.sort_unstable();
    let rows = listed
        .iter()
        .map(|(ends, _, position)| {
            let row = &source.rows[*position];
            let asset = &row.asset;
            vec![
                Cell::Text(asset.asset_tag.clone()),
                Cell::Type(asset.asset_type),
                model_cell(row),
                text_cell(&asset.serial),
                Cell::Status(asset.status),
                text_cell(&asset.location.site),
                text_cell(&asset.location.room),
                text_cell(&asset.owner),
                date_cell(asset.warranty_end.as_ref()),
                Cell::Days(ends - today.days),
            ]
        })
        .collect();
    Report {
        kind: ReportKind::WarrantyExpiring { days },
        today: today.date(),
        columns: vec![
            Column::AssetTag,
            Column::AssetType,
            Column::Model,
            Column::Serial,
            Column::Status,
            Column::Site,
            Column::Room,
            Column::Owner,
            Column::WarrantyEnd,
            Column::DaysLeft,
        ],
        group: None,
        summary: vec![
            (SummaryItem::AsOf, Cell::Date(today.date())),
            (SummaryItem::WindowEnd, Cell::Date(end.date())),
            (SummaryItem::Assets, Cell::Count(listed.len() as u64)),
            (SummaryItem::AlreadyExpired, Cell::Count(expired)),
            (SummaryItem::NoWarrantyDate, Cell::Count(undated)),
        ],
        sections: vec![Section {
            heading: None,
            rows,
        }],
        totals: None,
    }
}
