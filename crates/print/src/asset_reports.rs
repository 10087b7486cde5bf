//! Asset reports on paper: a report of the register (inventory, counts by status, type,
//! location, owner and age, warranties ending) as A4 pages through the power report's table
//! code, so the header row repeats on every page, a site that runs onto the next page repeats
//! its heading, and every page has its number. Wide reports (the inventory, the warranty
//! list) are set landscape in denser rows; the counting reports portrait. The words come
//! from core's [`cloudwright_core::reports::text`], so the page says what the screen and the
//! CSV say.

use cloudwright_core::assets::Date;
use cloudwright_core::reports::{Language, ReportError, ReportKind, ReportTable};
use cloudwright_core::store::Workspace;

use crate::report::table_report;
use crate::sheet::Sheet;
use crate::{PowerReport, PowerRow, PowerSection, PrintError};

/// Why an asset report could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum AssetReportError {
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Print(#[from] PrintError),
}

/// Tables with more columns than this are set landscape.
const PORTRAIT_COLUMNS: usize = 5;

/// Builds `kind` over the workspace as of `today` and prints it.
pub fn asset_report_pdf(
    workspace: &Workspace,
    kind: ReportKind,
    today: &Date,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, AssetReportError> {
    let table = workspace.asset_report(kind, today)?.table(language);
    Ok(asset_table_pdf(
        &table,
        &workspace.meta().name,
        language,
        generated,
    )?)
}

/// Prints a report already in words.
pub fn asset_table_pdf(
    table: &ReportTable,
    workspace_name: &str,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, PrintError> {
    let sheet = if table.columns.len() > PORTRAIT_COLUMNS {
        Sheet::LANDSCAPE
    } else {
        Sheet::PORTRAIT
    };
    table_report(
        &page_model(table, workspace_name, language, generated),
        &sheet,
    )
}

/// The table as the power report's model: one section whose group headings are the table's
/// section headings, with the totals as its last row.
pub fn page_model(
    table: &ReportTable,
    workspace_name: &str,
    language: Language,
    generated: &str,
) -> PowerReport {
    let row = |cells: &[String]| PowerRow {
        name: cells.first().cloned().unwrap_or_default(),
        cells: cells.iter().skip(1).cloned().collect(),
        group_heading: false,
    };
    let mut rows = Vec::with_capacity(table.row_count() + table.sections.len() + 1);
    for section in &table.sections {
        if let Some(heading) = &section.heading {
            rows.push(PowerRow {
                name: heading.clone(),
                cells: Vec::new(),
                group_heading: true,
            });
        }
        rows.extend(section.rows.iter().map(|cells| row(cells)));
    }
    let empty = rows.is_empty();
    rows.extend(table.totals.as_deref().map(row));
    PowerReport {
        title: format!("{workspace_name} — {}", table.title),
        generated: generated.to_owned(),
        summary: table
            .summary
            .iter()
            .map(|line| (line.label.clone(), line.value.clone()))
            .collect(),
        sections: vec![PowerSection {
            title: table.title.clone(),
            columns: table.columns.clone(),
            rows,
            findings: if empty {
                vec![language
                    .pick(
                        "이 보고서에 해당하는 자산이 없습니다.",
                        "No assets fall in this report.",
                    )
                    .to_owned()]
            } else {
                Vec::new()
            },
        }],
    }
}
