//! A report in words: column titles, cells and the summary in Korean or English. The screen,
//! the CSV and the printed page all read these, so they say the same thing. Counts are
//! grouped (`1,234`) on screen and paper and plain (`1234`) in CSV, where a spreadsheet reads
//! them as numbers.

use std::io::Write;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AgeBucket, Cell, Column, Report, ReportKind, SummaryItem};
use crate::assets::{ASSET_STATUSES, ASSET_TYPES, CURRENCIES};
use crate::csv_file::SpreadsheetCsv;

/// The language of a report's words (and of every printed page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Language {
    Korean,
    English,
}

impl Language {
    pub fn pick(self, korean: &'static str, english: &'static str) -> &'static str {
        match self {
            Language::Korean => korean,
            Language::English => english,
        }
    }
}

/// Where a cell's text goes: numbers are grouped for people and plain for spreadsheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavour {
    Display,
    Csv,
}

/// A report as text, ready for a table on screen or on paper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportTable {
    pub title: String,
    pub columns: Vec<String>,
    /// Per column: holds numbers (right-aligned).
    pub numeric: Vec<bool>,
    pub summary: Vec<SummaryLine>,
    pub sections: Vec<TableSection>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SummaryLine {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TableSection {
    /// A group heading over the rows (a site), spanning the table.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    pub rows: Vec<Vec<String>>,
}

impl ReportTable {
    /// The table as plain lines, one row a line with cells between `|`: what tests compare.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for line in &self.summary {
            out.push_str(&format!("  {}: {}\n", line.label, line.value));
        }
        out.push_str(&format!("| {} |\n", self.columns.join(" | ")));
        for section in &self.sections {
            if let Some(heading) = &section.heading {
                out.push_str(&format!("## {heading}\n"));
            }
            for row in &section.rows {
                out.push_str(&format!("| {} |\n", row.join(" | ")));
            }
        }
        if let Some(totals) = &self.totals {
            out.push_str(&format!("= {} =\n", totals.join(" | ")));
        }
        out
    }

    /// Rows over every section.
    pub fn row_count(&self) -> usize {
        self.sections.iter().map(|section| section.rows.len()).sum()
    }

    /// The same table with at most `limit` rows, the first ones, sections kept in order.
    pub fn first_rows(mut self, limit: usize) -> ReportTable {
        let mut left = limit;
        self.sections.retain_mut(|section| {
            if left == 0 {
                return false;
            }
            section.rows.truncate(left);
            left -= section.rows.len();
            true
        });
        self
    }
}

impl Report {
    /// The report's title, e.g. "보증 만료 예정 (90일 이내)".
    pub fn title(&self, language: Language) -> String {
        match self.kind {
            ReportKind::Inventory => language.pick("자산 목록", "Asset inventory").to_owned(),
            ReportKind::ByStatus => language.pick("상태별 자산", "Assets by status").to_owned(),
            ReportKind::ByType => language.pick("유형별 자산", "Assets by type").to_owned(),
            ReportKind::ByLocation => language
                .pick("위치별 자산", "Assets by location")
                .to_owned(),
            ReportKind::ByOwner => language.pick("담당별 자산", "Assets by owner").to_owned(),
            ReportKind::ByAge => language.pick("연식별 자산", "Assets by age").to_owned(),
            ReportKind::WarrantyExpiring { days } => match language {
                Language::Korean => format!("보증 만료 예정 ({days}일 이내)"),
                Language::English => format!("Warranties ending within {days} days"),
            },
            ReportKind::MaintenanceCostByAsset => language
                .pick("자산별 유지보수 비용", "Maintenance cost per asset")
                .to_owned(),
            ReportKind::MaintenanceCostByType => language
                .pick("유형별 유지보수 비용", "Maintenance cost per type")
                .to_owned(),
            ReportKind::DisposalRate => language
                .pick("연도별 폐기율", "Disposal rate per year")
                .to_owned(),
            ReportKind::AuditAccuracy => language.pick("실사 정확도", "Audit accuracy").to_owned(),
        }
    }

    /// The report in `language`, numbers grouped for reading.
    pub fn table(&self, language: Language) -> ReportTable {
        let cells = |row: &Vec<Cell>| -> Vec<String> {
            row.iter()
                .map(|cell| cell_text(cell, language, Flavour::Display))
                .collect()
        };
        let mut columns: Vec<String> = Vec::with_capacity(self.columns.len());
        columns.extend(self.columns.iter().map(|c| column_title(*c, language)));
        ReportTable {
            title: self.title(language),
            columns,
            numeric: self.columns.iter().map(|column| column.numeric()).collect(),
            summary: self
                .summary
                .iter()
                .map(|(item, value)| SummaryLine {
                    label: summary_label(*item, language).to_owned(),
                    value: cell_text(value, language, Flavour::Display),
                })
                .collect(),
            sections: self
                .sections
                .iter()
                .map(|section| TableSection {
                    heading: section
                        .heading
                        .as_ref()
                        .map(|cell| cell_text(cell, language, Flavour::Display)),
                    rows: section.rows.iter().map(cells).collect(),
                })
                .collect(),
            totals: self.totals.as_ref().map(cells),
        }
    }
}

/// Writes `report` as CSV made safe for spreadsheets (`crate::csv_file`): a header row of
/// column titles, then every row, then the totals row. A report with group headings (sites)
/// gets the group's column first, filled on every row, so each line stands alone in a
/// spreadsheet. With `bom`, the file starts with a UTF-8 byte order mark: Excel reads a CSV
/// without one in the system's code page, which turns Hangul into mojibake on Korean Windows.
/// Returns the rows written (header not counted).
pub fn write_csv(
    report: &Report,
    language: Language,
    out: impl Write,
    bom: bool,
) -> Result<usize, csv::Error> {
    let mut writer = SpreadsheetCsv::new(out, bom)?;
    let text = |cell: &Cell| cell_text(cell, language, Flavour::Csv);
    let mut header = Vec::with_capacity(report.columns.len() + 1);
    header.extend(report.group.map(|column| column_title(column, language)));
    header.extend(report.columns.iter().map(|c| column_title(*c, language)));
    writer.row(&header)?;
    let mut written = 0;
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for section in &report.sections {
        let heading = section.heading.as_ref().map(text);
        for row in &section.rows {
            record.clear();
            if report.group.is_some() {
                record.push(heading.clone().unwrap_or_default());
            }
            record.extend(row.iter().map(text));
            writer.row(&record)?;
            written += 1;
        }
    }
    if let Some(totals) = &report.totals {
        record.clear();
        if report.group.is_some() {
            record.push(text(&Cell::Total));
        }
        record.extend(totals.iter().map(text));
        writer.row(&record)?;
        written += 1;
    }
    writer.finish()?;
    Ok(written)
}

pub fn column_title(column: Column, language: Language) -> String {
    let (korean, english) = match column {
        Column::AssetTag => ("자산 태그", "Asset tag"),
        Column::AssetType => ("유형", "Type"),
        Column::Model => ("제조사 / 모델", "Make / model"),
        Column::Serial => ("시리얼 번호", "Serial number"),
        Column::Status => ("상태", "Status"),
        Column::Site => ("사이트", "Site"),
        Column::Room => ("전산실", "Room"),
        Column::Rack => ("랙", "Rack"),
        Column::Unit => ("U", "U"),
        Column::Owner => ("담당", "Owner"),
        Column::PurchaseDate => ("구매일", "Purchased"),
        Column::Age => ("연식", "Age"),
        Column::WarrantyEnd => ("보증 만료일", "Warranty end"),
        Column::DaysLeft => ("남은 일수", "Days left"),
        Column::AgeBucket => ("연식", "Age"),
        Column::Count => ("자산 수", "Assets"),
        Column::Share => ("비율(%)", "Share (%)"),
        Column::Records => ("유지보수 건수", "Records"),
        Column::Cost => ("비용", "Cost"),
        Column::Year => ("연도", "Year"),
        Column::Disposed => ("폐기 수", "Disposed"),
        Column::Held => ("보유 자산 수", "Held"),
        Column::Rate => ("폐기율(%)", "Rate (%)"),
        Column::Audit => ("실사", "Audit"),
        Column::ClosedOn => ("종료일", "Closed"),
        Column::Expected => ("대상 자산", "Expected"),
        Column::Discrepancies => ("불일치", "Discrepancies"),
        Column::Accuracy => ("정확도(%)", "Accuracy (%)"),
    };
    language.pick(korean, english).to_owned()
}

fn summary_label(item: SummaryItem, language: Language) -> &'static str {
    match item {
        SummaryItem::AsOf => language.pick("기준일", "As of"),
        SummaryItem::Assets => language.pick("자산 수", "Assets"),
        SummaryItem::WindowEnd => language.pick("기간 끝", "Window ends"),
        SummaryItem::AlreadyExpired => {
            language.pick("이미 만료됨 (목록에 없음)", "Already ended (not listed)")
        }
        SummaryItem::NoWarrantyDate => {
            language.pick("보증 만료일 없음", "No warranty end recorded")
        }
    }
}

/// `1,234`.
fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(ch);
    }
    text
}

fn cell_text(cell: &Cell, language: Language, flavour: Flavour) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Empty => String::new(),
        Cell::Unassigned => language.pick("(미지정)", "(none)").to_owned(),
        Cell::Total => language.pick("합계", "Total").to_owned(),
        Cell::Count(count) if flavour == Flavour::Csv => count.to_string(),
        Cell::Count(count) => grouped(*count),
        Cell::Share { part, whole } => {
            // Tenths of a per cent, rounded half up, in integers so 1/8 is 12.5 everywhere.
            let tenths = (part * 2000 + whole) / (2 * whole).max(1);
            format!("{}.{}", tenths / 10, tenths % 10)
        }
        Cell::Date(date) => date.0.clone(),
        Cell::Status(status) => vocabulary_word(ASSET_STATUSES.entries, *status, language),
        Cell::Type(kind) => vocabulary_word(ASSET_TYPES.entries, *kind, language),
        Cell::Unit(unit) => unit.to_string(),
        Cell::Age { months } => {
            let (years, months) = (months / 12, months % 12);
            match language {
                Language::Korean => format!("{years}년 {months}개월"),
                Language::English => format!("{years} y {months} m"),
            }
        }
        Cell::Days(days) => days.to_string(),
        Cell::Bucket(bucket) => bucket_text(*bucket, language).to_owned(),
        Cell::Money(money) => format!(
            "{} {}",
            money.format_amount(),
            CURRENCIES.code(money.currency)
        ),
        Cell::Costs(monies) => monies
            .iter()
            .map(|money| cell_text(&Cell::Money(money.clone()), language, flavour))
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

fn vocabulary_word<T: PartialEq>(
    entries: &[(T, &'static str, &'static str, &'static str)],
    value: T,
    language: Language,
) -> String {
    entries
        .iter()
        .find(|entry| entry.0 == value)
        .map(|entry| language.pick(entry.3, entry.2))
        .unwrap_or_default()
        .to_owned()
}

fn bucket_text(bucket: AgeBucket, language: Language) -> &'static str {
    match bucket {
        AgeBucket::UnderOne => language.pick("1년 미만", "Under 1 year"),
        AgeBucket::OneToThree => language.pick("1–3년", "1–3 years"),
        AgeBucket::ThreeToFive => language.pick("3–5년", "3–5 years"),
        AgeBucket::FiveAndOver => language.pick("5년 이상", "5 years and over"),
        AgeBucket::Unknown => {
            language.pick("알 수 없음 (구매일 없음)", "Unknown (no purchase date)")
        }
    }
}
