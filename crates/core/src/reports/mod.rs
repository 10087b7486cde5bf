//! Reports over the asset register: a report is a model (columns, sections of rows of typed
//! cells, an optional totals row and a short summary) built from the workspace's list rows
//! and `today`, with no I/O. [`text`] turns a model into words in Korean or English, the
//! same words for the screen, the CSV and the printed page; the print crate lays those out.
//!
//! Every report covers every asset in the register, disposed ones included (the register is
//! the record of what the team owned), except [`ReportKind::WarrantyExpiring`], which lists
//! only assets still held. Kinds that need lifecycle data (maintenance cost, disposal rate,
//! audit accuracy) are new variants of [`ReportKind`] and new fields of [`ReportSource`];
//! the model they produce is the same.

mod build;
mod dates;
mod groups;
mod life;
#[cfg(test)]
mod tests;
pub mod text;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::{AssetRow, AssetStatus, AssetType, Date, Money};
use crate::store::Workspace;

pub use dates::{parse_day, DayNumber};
pub use text::{write_csv, Language, ReportTable, TableSection};

/// Which report to build, with its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    /// Every asset, by location (site, room, row, rack, unit) then tag in natural order.
    Inventory,
    ByStatus,
    ByType,
    /// Sites as group headings, their rooms as rows.
    ByLocation,
    ByOwner,
    /// Completed years since purchase: under 1, 1–3, 3–5, 5 and over, unknown.
    ByAge,
    /// Assets still held whose warranty ends between today and `days` from today, both
    /// included, soonest first. Warranties already ended are counted in the summary, not
    /// listed: after a few years they would bury the ones that can still be renewed.
    WarrantyExpiring {
        days: u32,
    },
    /// Assets with maintenance records, by what their maintenance cost, most first.
    MaintenanceCostByAsset,
    /// Maintenance records and cost per asset type.
    MaintenanceCostByType,
    /// Assets disposed per year against the assets held that year.
    DisposalRate,
    /// Closed audits: expected, discrepancies and the share found as recorded.
    AuditAccuracy,
}

impl ReportKind {
    /// A short stable code for file names and the CLI: `inventory`, `by-status`, `warranty`.
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Inventory => "inventory",
            ReportKind::ByStatus => "by-status",
            ReportKind::ByType => "by-type",
            ReportKind::ByLocation => "by-location",
            ReportKind::ByOwner => "by-owner",
            ReportKind::ByAge => "by-age",
            ReportKind::WarrantyExpiring { .. } => "warranty",
            ReportKind::MaintenanceCostByAsset => "maintenance-cost",
            ReportKind::MaintenanceCostByType => "maintenance-cost-by-type",
            ReportKind::DisposalRate => "disposal-rate",
            ReportKind::AuditAccuracy => "audit-accuracy",
        }
    }

    /// The kind a [`ReportKind::code`] names; `days` is the warranty window.
    pub fn parse(code: &str, days: u32) -> Option<ReportKind> {
        Some(match code.trim() {
            "inventory" => ReportKind::Inventory,
            "by-status" => ReportKind::ByStatus,
            "by-type" => ReportKind::ByType,
            "by-location" => ReportKind::ByLocation,
            "by-owner" => ReportKind::ByOwner,
            "by-age" => ReportKind::ByAge,
            "warranty" => ReportKind::WarrantyExpiring { days },
            "maintenance-cost" => ReportKind::MaintenanceCostByAsset,
            "maintenance-cost-by-type" => ReportKind::MaintenanceCostByType,
            "disposal-rate" => ReportKind::DisposalRate,
            "audit-accuracy" => ReportKind::AuditAccuracy,
            _ => return None,
        })
    }

    pub const CODES: [&'static str; 11] = [
        "inventory",
        "by-status",
        "by-type",
        "by-location",
        "by-owner",
        "by-age",
        "warranty",
        "maintenance-cost",
        "maintenance-cost-by-type",
        "disposal-rate",
        "audit-accuracy",
    ];
}

/// What a column holds; [`text`] names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    AssetTag,
    AssetType,
    /// Manufacturer and model in one cell.
    Model,
    Serial,
    Status,
    Site,
    Room,
    Rack,
    Unit,
    Owner,
    PurchaseDate,
    Age,
    WarrantyEnd,
    DaysLeft,
    AgeBucket,
    Count,
    /// Share of all the report's assets, in per cent.
    Share,
    /// Maintenance records.
    Records,
    /// Maintenance cost.
    Cost,
    Year,
    /// Assets disposed of (in a year).
    Disposed,
    /// Assets held (in a year).
    Held,
    /// Disposed / held, in per cent.
    Rate,
    Audit,
    ClosedOn,
    Expected,
    Discrepancies,
    /// Expected items found as recorded, in per cent.
    Accuracy,
}

impl Column {
    /// Whether the column holds numbers (right-aligned on paper and screen).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Column::Unit
                | Column::Age
                | Column::DaysLeft
                | Column::Count
                | Column::Share
                | Column::Records
                | Column::Cost
                | Column::Disposed
                | Column::Held
                | Column::Rate
                | Column::Expected
                | Column::Discrepancies
                | Column::Accuracy
        )
    }
}

/// Age groups of [`ReportKind::ByAge`], by completed years since purchase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBucket {
    UnderOne,
    OneToThree,
    ThreeToFive,
    FiveAndOver,
    /// No purchase date.
    Unknown,
}

impl AgeBucket {
    pub const ALL: [AgeBucket; 5] = [
        AgeBucket::UnderOne,
        AgeBucket::OneToThree,
        AgeBucket::ThreeToFive,
        AgeBucket::FiveAndOver,
        AgeBucket::Unknown,
    ];

    /// The bucket of an age in completed months; `None` is an unknown age. A purchase date
    /// after today (an order not delivered yet) counts as under a year.
    pub fn of(months: Option<i64>) -> AgeBucket {
        match months.map(|months| months.max(0) / 12) {
            None => AgeBucket::Unknown,
            Some(0) => AgeBucket::UnderOne,
            Some(1..=2) => AgeBucket::OneToThree,
            Some(3..=4) => AgeBucket::ThreeToFive,
            Some(_) => AgeBucket::FiveAndOver,
        }
    }
}

/// One value of a report, typed so the words and number formats are chosen in one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Nothing recorded: an empty cell.
    Empty,
    /// A group key with no value (an asset with no owner, no room): "(미지정)".
    Unassigned,
    /// The label of a totals row.
    Total,
    Count(u64),
    /// `part` of `whole`, shown in per cent with one decimal.
    Share {
        part: u64,
        whole: u64,
    },
    Date(Date),
    Status(AssetStatus),
    Type(AssetType),
    Unit(u32),
    /// Completed months, shown as years and months.
    Age {
        months: i64,
    },
    /// Days from today; negative in the past.
    Days(i64),
    Bucket(AgeBucket),
    Money(Money),
    /// Amounts in several currencies, each summed on its own.
    Costs(Vec<Money>),
}

impl Cell {
    /// The text itself, or [`Cell::Unassigned`] when it is empty.
    pub(crate) fn key(text: &str) -> Cell {
        if text.trim().is_empty() {
            Cell::Unassigned
        } else {
            Cell::Text(text.to_owned())
        }
    }
}

/// What a summary line states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryItem {
    /// The date the report counts from.
    AsOf,
    /// Assets in the report.
    Assets,
    /// For warranty: the last day of the window.
    WindowEnd,
    /// For warranty: assets still held whose warranty already ended (not listed).
    AlreadyExpired,
    /// For warranty: assets still held with no warranty end recorded.
    NoWarrantyDate,
}

/// Rows under an optional group heading (a site in the location report).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: Option<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

/// A report as data: every row has one cell per column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub kind: ReportKind,
    pub today: Date,
    pub columns: Vec<Column>,
    /// The column the section headings hold, written as the first CSV column.
    pub group: Option<Column>,
    pub summary: Vec<(SummaryItem, Cell)>,
    pub sections: Vec<Section>,
    pub totals: Option<Vec<Cell>>,
}

impl Report {
    /// Rows over every section (totals not counted).
    pub fn row_count(&self) -> usize {
        self.sections.iter().map(|section| section.rows.len()).sum()
    }
}

/// Everything a report is built from: the list rows (with their life in brief) and audits.
pub struct ReportSource<'a> {
    pub rows: &'a [AssetRow],
    pub audits: &'a [crate::audits::AuditSummary],
    pub today: Date,
}

/// Why a report could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("'{0}' is not a date (YYYY-MM-DD)")]
    BadToday(String),
    #[error("a warranty window of {0} days is more than the 36,500 allowed")]
    WindowTooLong(u32),
}

/// The longest warranty window, a hundred years: beyond it dates leave the calendar.
pub const MAX_WINDOW_DAYS: u32 = 36_500;

/// Builds `kind` from `source`.
pub fn build_report(kind: ReportKind, source: &ReportSource<'_>) -> Result<Report, ReportError> {
    let today =
        parse_day(&source.today).ok_or_else(|| ReportError::BadToday(source.today.0.clone()))?;
    Ok(match kind {
        ReportKind::Inventory => build::inventory(source, today),
        ReportKind::WarrantyExpiring { days } if days > MAX_WINDOW_DAYS => {
            return Err(ReportError::WindowTooLong(days))
        }
        ReportKind::WarrantyExpiring { days } => build::warranty(source, today, days),
        ReportKind::ByStatus
        | ReportKind::ByType
        | ReportKind::ByLocation
        | ReportKind::ByOwner
        | ReportKind::ByAge => groups::grouped(kind, source, today),
        ReportKind::MaintenanceCostByAsset => life::maintenance_by_asset(source),
        ReportKind::MaintenanceCostByType => life::maintenance_by_type(source),
        ReportKind::DisposalRate => life::disposal_rate(source),
        ReportKind::AuditAccuracy => life::audit_accuracy(source),
    })
}

impl Workspace {
    /// Builds `kind` over every asset of the workspace as of `today` (`YYYY-MM-DD`).
    pub fn asset_report(&self, kind: ReportKind, today: &Date) -> Result<Report, ReportError> {
        let audits = self.audits();
        let index = self.index();
        let source = ReportSource {
            rows: index.rows(),
            audits: &audits,
            today: today.clone(),
        };
        build_report(kind, &source)
    }
}
#[cfg(test)]
mod life_tests;
