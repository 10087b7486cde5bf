//! Asset reports: a report as a table for the screen (the first rows of long ones), and the
//! whole report saved to Downloads as PDF (opened) or CSV. `today` comes from the UI, which
//! knows the user's local date.

use cloudwright_core::assets::input::parse_date;
use cloudwright_core::assets::Date;
use cloudwright_core::reports::{write_csv, Language, ReportError, ReportKind, ReportTable};
use cloudwright_print::asset_reports::asset_table_pdf;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    export_path, generated_line, print_language, save_pdf, Ctx, ExportFormat, ExportResult,
    UiLanguage,
};
use crate::error::CommandError;
use crate::ipc::Reply;

/// Rows a report shows on screen; the files hold every row.
const SCREEN_ROWS: usize = 1_000;

/// A report for the screen: its first rows, and how many rows the whole report has.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub table: ReportTable,
    /// Rows in `table`, and in the whole report (the files hold them all).
    pub shown_rows: u32,
    pub total_rows: u32,
    /// Assets in the workspace: none means there is nothing to report yet.
    pub assets: u32,
}

fn today_date(today: &str) -> Reply<Date> {
    parse_date(today).ok_or_else(|| {
        CommandError::new(
            "invalid_date",
            format!("'{today}' is not a date (YYYY-MM-DD)"),
        )
    })
}

impl From<ReportError> for CommandError {
    fn from(error: ReportError) -> Self {
        let kind = match error {
            ReportError::BadToday(_) => "invalid_date",
            ReportError::WindowTooLong(_) => "report_window",
        };
        CommandError::new(kind, error.to_string())
    }
}

#[derive(Deserialize, TS)]
pub struct AssetReportArgs {
    kind: ReportKind,
    // The user's local date (YYYY-MM-DD).
    today: String,
    // The UI's language (part of the UI's cache key).
    language: UiLanguage,
}

/// `kind` as of `today` in the UI's language, with at most the first 1,000 rows.
pub fn asset_report(cx: &Ctx, args: AssetReportArgs) -> Reply<ReportView> {
    let today = today_date(&args.today)?;
    let language = match args.language {
        UiLanguage::En => Language::English,
        UiLanguage::Ko => Language::Korean,
    };
    let workspace = cx.workspace()?;
    let table = workspace.asset_report(args.kind, &today)?.table(language);
    let total_rows = table.row_count() as u32;
    let table = table.first_rows(SCREEN_ROWS);
    Ok(ReportView {
        shown_rows: table.row_count() as u32,
        total_rows,
        assets: workspace.asset_count() as u32,
        table,
    })
}

#[derive(Deserialize, TS)]
pub struct AssetReportExportArgs {
    kind: ReportKind,
    // The user's local date (YYYY-MM-DD).
    today: String,
    format: ExportFormat,
}

/// The whole report as a PDF (opened once saved) or a CSV, in Downloads.
pub fn asset_report_export(cx: &Ctx, args: AssetReportExportArgs) -> Reply<ExportResult> {
    let today = today_date(&args.today)?;
    let workspace = cx.workspace()?;
    let language = print_language(cx)?;
    let stem = format!("cloudwright-assets-{}", args.kind.code());
    let report = workspace.asset_report(args.kind, &today)?;
    match args.format {
        ExportFormat::Pdf => {
            let table = report.table(language);
            let bytes = asset_table_pdf(
                &table,
                &workspace.meta().name,
                language,
                &generated_line(cx)?,
            )
            .map_err(|error| CommandError::new("print", error.to_string()))?;
            let saved = save_pdf(cx, &stem, &bytes, 0)?;
            crate::os::open_file(std::path::Path::new(&saved.path));
            Ok(saved)
        }
        ExportFormat::Csv => {
            let path = export_path(cx, &stem, "csv")?;
            let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
            let rows = write_csv(&report, language, file, true)
                .map_err(|error| CommandError::new("io", error.to_string()))?;
            Ok(ExportResult {
                path: path.display().to_string(),
                rows: rows as u32,
            })
        }
    }
}
