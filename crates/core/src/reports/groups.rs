//! The counting reports: assets by status, type, location, owner and age, each group with
//! its count and its share of all assets, and a totals row.

use std::collections::{BTreeMap, HashMap};

use super::build::age_months;
use super::dates::DayNumber;
use super::{AgeBucket, Cell, Column, Report, ReportKind, ReportSource, Section, SummaryItem};
use crate::assets::{ASSET_STATUSES, ASSET_TYPES};
use crate::natural::natural_key;

/// A group key: empty keys ("no owner") after every named one, names in natural order.
fn name_key(text: &str) -> (bool, String) {
    (text.trim().is_empty(), natural_key(text.trim()))
}

fn count_row(key: Cell, count: u64, whole: u64) -> Vec<Cell> {
    vec![key, Cell::Count(count), Cell::Share { part: count, whole }]
}

pub(super) fn grouped(kind: ReportKind, source: &ReportSource<'_>, today: DayNumber) -> Report {
    let rows = source.rows;
    let whole = rows.len() as u64;
    let (key_column, group, sections) = match kind {
        ReportKind::ByStatus => {
            let mut counts = HashMap::new();
            for row in rows {
                *counts.entry(row.asset.status).or_insert(0u64) += 1;
            }
            // Every status, in the register's order, even when no asset has it.
            let rows = ASSET_STATUSES
                .entries
                .iter()
                .map(|entry| {
                    let count = counts.get(&entry.0).copied().unwrap_or(0);
                    count_row(Cell::Status(entry.0), count, whole)
                })
                .collect();
            (
                Column::Status,
                None,
                vec![Section {
                    heading: None,
                    rows,
                }],
            )
        }
        ReportKind::ByType => {
            let mut counts = HashMap::new();
            for row in rows {
                *counts.entry(row.asset.asset_type).or_insert(0u64) += 1;
            }
            let rows = ASSET_TYPES
                .entries
                .iter()
                .map(|entry| {
                    let count = counts.get(&entry.0).copied().unwrap_or(0);
                    count_row(Cell::Type(entry.0), count, whole)
                })
                .collect();
            (
                Column::AssetType,
                None,
                vec![Section {
                    heading: None,
                    rows,
                }],
            )
        }
        ReportKind::ByOwner => {
            let mut counts: HashMap<&str, u64> = HashMap::new();
            for row in rows {
                *counts.entry(row.asset.owner.trim()).or_default() += 1;
            }
            let mut owners: Vec<(&str, u64)> = counts.into_iter().collect();
            // Most assets first; ties and the unassigned by name.
            owners.sort_by_cached_key(|(owner, count)| {
                (owner.is_empty(), std::cmp::Reverse(*count), name_key(owner))
            });
            let rows = owners
                .into_iter()
                .map(|(owner, count)| count_row(Cell::key(owner), count, whole))
                .collect();
            (
                Column::Owner,
                None,
                vec![Section {
                    heading: None,
                    rows,
                }],
            )
        }
        ReportKind::ByAge => {
            let mut counts = HashMap::new();
            for row in rows {
                *counts
                    .entry(AgeBucket::of(age_months(row, today)))
                    .or_insert(0u64) += 1;
            }
            let rows = AgeBucket::ALL
                .iter()
                .map(|bucket| {
                    let count = counts.get(bucket).copied().unwrap_or(0);
                    count_row(Cell::Bucket(*bucket), count, whole)
                })
                .collect();
            (
                Column::AgeBucket,
                None,
                vec![Section {
                    heading: None,
                    rows,
                }],
            )
        }
        _ => {
            type Rooms<'r> = BTreeMap<(bool, String), (&'r str, u64)>;
            let mut sites: BTreeMap<(bool, String), (&str, Rooms<'_>)> = BTreeMap::new();
            for row in rows {
                let place = &row.asset.location;
                let (_, rooms) = sites
                    .entry(name_key(&place.site))
                    .or_insert_with(|| (place.site.trim(), BTreeMap::new()));
                rooms
                    .entry(name_key(&place.room))
                    .or_insert((place.room.trim(), 0))
                    .1 += 1;
            }
            let sections = sites
                .into_values()
                .map(|(site, rooms)| Section {
                    heading: Some(Cell::key(site)),
                    rows: rooms
                        .into_values()
                        .map(|(room, count)| count_row(Cell::key(room), count, whole))
                        .collect(),
                })
                .collect();
            (Column::Room, Some(Column::Site), sections)
        }
    };
    Report {
        kind,
        today: today.date(),
        columns: vec![key_column, Column::Count, Column::Share],
        group,
        summary: vec![
            (SummaryItem::AsOf, Cell::Date(today.date())),
            (SummaryItem::Assets, Cell::Count(whole)),
        ],
        sections,
        totals: Some(count_row(Cell::Total, whole, whole)),
    }
}
