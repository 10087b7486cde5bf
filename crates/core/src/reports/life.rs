//! Reports over the assets' lives and the audits: maintenance cost per asset and per type,
//! disposal rate per year, audit accuracy. Built from the list rows' `LifeSummary` and the
//! audit summaries, so no document is opened.

use std::collections::BTreeMap;

use super::{Cell, Column, Report, ReportKind, ReportSource, Section, SummaryItem};
use crate::assets::{AssetType, Currency, Money};

fn report(kind: ReportKind, source: &ReportSource<'_>, columns: Vec<Column>) -> Report {
    Report {
        kind,
        today: source.today.clone(),
        columns,
        group: None,
        summary: vec![(SummaryItem::AsOf, Cell::Date(source.today.clone()))],
        sections: Vec::new(),
        totals: None,
    }
}

/// Sums amounts per currency, in currency order.
fn add_costs(into: &mut BTreeMap<Currency, i64>, costs: &[Money]) {
    for cost in costs {
        *into.entry(cost.currency).or_default() += cost.amount_minor;
    }
}

fn costs_cell(costs: &BTreeMap<Currency, i64>) -> Cell {
    let monies: Vec<Money> = costs
        .iter()
        .map(|(currency, amount_minor)| Money {
            amount_minor: *amount_minor,
            currency: *currency,
        })
        .collect();
    match monies.len() {
        0 => Cell::Empty,
        1 => Cell::Money(monies[0].clone()),
        _ => Cell::Costs(monies),
    }
}

/// Comparable size of a cost for sorting: won first (the register's currency), then the rest.
fn weight(costs: &BTreeMap<Currency, i64>) -> i64 {
    costs.values().sum()
}

pub(super) fn maintenance_by_asset(source: &ReportSource<'_>) -> Report {
    let mut out = report(
        ReportKind::MaintenanceCostByAsset,
        source,
        vec![
            Column::AssetTag,
            Column::AssetType,
            Column::Model,
            Column::Records,
            Column::Cost,
        ],
    );
    let mut lines: Vec<(&crate::assets::AssetRow, BTreeMap<Currency, i64>)> = source
        .rows
        .iter()
        .filter(|row| row.life.maintenance_count > 0)
        .map(|row| {
            let mut costs = BTreeMap::new();
            add_costs(&mut costs, &row.life.maintenance_costs);
            (row, costs)
        })
        .collect();
    lines.sort_by(|a, b| {
        weight(&b.1)
            .cmp(&weight(&a.1))
            .then_with(|| a.0.asset.asset_tag.cmp(&b.0.asset.asset_tag))
    });
    let mut total_costs = BTreeMap::new();
    let mut total_records = 0u64;
    let rows = lines
        .iter()
        .map(|(row, costs)| {
            total_records += u64::from(row.life.maintenance_count);
            add_costs(&mut total_costs, &row.life.maintenance_costs);
            let model = [row.asset.manufacturer.as_str(), row.asset.model.as_str()]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            vec![
                Cell::Text(row.asset.asset_tag.clone()),
                Cell::Type(row.asset.asset_type),
                Cell::key(&model),
                Cell::Count(u64::from(row.life.maintenance_count)),
                costs_cell(costs),
            ]
        })
        .collect::<Vec<_>>();
    out.summary
        .push((SummaryItem::Assets, Cell::Count(rows.len() as u64)));
    out.totals = Some(vec![
        Cell::Total,
        Cell::Empty,
        Cell::Empty,
        Cell::Count(total_records),
        costs_cell(&total_costs),
    ]);
    out.sections.push(Section {
        heading: None,
        rows,
    });
    out
}

pub(super) fn maintenance_by_type(source: &ReportSource<'_>) -> Report {
    let mut out = report(
        ReportKind::MaintenanceCostByType,
        source,
        vec![
            Column::AssetType,
            Column::Count,
            Column::Records,
            Column::Cost,
        ],
    );
    let mut by_type: BTreeMap<AssetType, (u64, u64, BTreeMap<Currency, i64>)> = BTreeMap::new();
    for row in source
        .rows
        .iter()
        .filter(|row| row.life.maintenance_count > 0)
    {
        let entry = by_type.entry(row.asset.asset_type).or_default();
        entry.0 += 1;
        entry.1 += u64::from(row.life.maintenance_count);
        add_costs(&mut entry.2, &row.life.maintenance_costs);
    }
    let mut totals = (0u64, 0u64, BTreeMap::new());
    let rows = by_type
        .iter()
        .map(|(kind, (assets, records, costs))| {
            totals.0 += assets;
            totals.1 += records;
            for (currency, amount) in costs {
                *totals.2.entry(*currency).or_default() += amount;
            }
            vec![
                Cell::Type(*kind),
                Cell::Count(*assets),
                Cell::Count(*records),
                costs_cell(costs),
            ]
        })
        .collect();
    out.totals = Some(vec![
        Cell::Total,
        Cell::Count(totals.0),
        Cell::Count(totals.1),
        costs_cell(&totals.2),
    ]);
    out.sections.push(Section {
        heading: None,
        rows,
    });
    out
}

fn year_of(date: &crate::assets::Date) -> Option<i64> {
    date.0.get(..4)?.parse().ok()
}

/// Per year with a disposal: assets disposed that year, against the assets held in it (bought
/// by its end — or registered, when the purchase date is unknown — and not disposed before it
/// began).
pub(super) fn disposal_rate(source: &ReportSource<'_>) -> Report {
    let mut out = report(
        ReportKind::DisposalRate,
        source,
        vec![Column::Year, Column::Disposed, Column::Held, Column::Rate],
    );
    let mut disposed: BTreeMap<i64, u64> = BTreeMap::new();
    for row in source.rows {
        if let Some(year) = row.life.disposed_on.as_ref().and_then(year_of) {
            *disposed.entry(year).or_default() += 1;
        }
    }
    let held_in = |year: i64| -> u64 {
        source
            .rows
            .iter()
            .filter(|row| {
                let since = row
                    .asset
                    .purchase_date
                    .as_ref()
                    .and_then(year_of)
                    .unwrap_or_else(|| {
                        year_of(&crate::lifecycle::date_of_ms(row.created_at_ms))
                            .unwrap_or(i64::MIN)
                    });
                let gone = row.life.disposed_on.as_ref().and_then(year_of);
                since <= year && gone.is_none_or(|gone| gone >= year)
            })
            .count() as u64
    };
    let rows = disposed
        .iter()
        .map(|(year, count)| {
            let held = held_in(*year);
            vec![
                Cell::Text(year.to_string()),
                Cell::Count(*count),
                Cell::Count(held),
                Cell::Share {
                    part: *count,
                    whole: held,
                },
            ]
        })
        .collect();
    out.sections.push(Section {
        heading: None,
        rows,
    });
    out
}

/// Closed audits, newest first: expected, discrepancies (unchecked counted as missing) and
/// the share of expected items found as recorded.
pub(super) fn audit_accuracy(source: &ReportSource<'_>) -> Report {
    let mut out = report(
        ReportKind::AuditAccuracy,
        source,
        vec![
            Column::Audit,
            Column::ClosedOn,
            Column::Expected,
            Column::Discrepancies,
            Column::Accuracy,
        ],
    );
    let mut closed: Vec<_> = source
        .audits
        .iter()
        .filter_map(|a| a.audit.closed.as_ref().map(|end| (a, end.at_ms)))
        .collect();
    closed.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
    let rows = closed
        .iter()
        .map(|(summary, at)| {
            let counts = &summary.counts;
            vec![
                Cell::Text(summary.audit.name.clone()),
                Cell::Date(crate::lifecycle::date_of_ms(*at)),
                Cell::Count(u64::from(counts.expected)),
                Cell::Count(u64::from(counts.discrepancies(true))),
                Cell::Share {
                    part: u64::from(counts.found),
                    whole: u64::from(counts.expected),
                },
            ]
        })
        .collect();
    out.sections.push(Section {
        heading: None,
        rows,
    });
    out
}
