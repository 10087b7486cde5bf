//! Asset reports: a report as a table for the screen (the first rows of long ones), and the
//! whole report saved to Downloads as PDF (opened) or CSV. `today` comes from the UI, which
//! knows the user's local date.

use cloudwright_core::assets::input::parse_date;
use cloudwright_core::assets::Date;
use cloudwright_core::reports::{write_csv, Language, ReportError, ReportKind};
use cloudwright_print::asset_reports::asset_table_pdf;
use tauri::{AppHandle, State};

use crate::commands_cables::blocking;
use crate::commands_racks::{generated_line, print_language, save_pdf};
use crate::error::CommandError;
use crate::ipc::{ExportResult, ReportView};
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

/// Rows a report shows on screen; the files hold every row.
const SCREEN_ROWS: usize = 1_000;

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

/// `kind` as of `today` in `language` (`ko` or `en`, the UI's: part of the UI's cache key),
/// with at most the first 1,000 rows.
#[tauri::command]
pub async fn asset_report(
    state: State<'_, AppState>,
    kind: ReportKind,
    today: String,
    language: String,
) -> Reply<ReportView> {
    let today = today_date(&today)?;
    let language = match language.as_str() {
        "en" => Language::English,
        _ => Language::Korean,
    };
    let workspace = state.workspace()?;
    blocking(move || {
        let table = workspace.asset_report(kind, &today)?.table(language);
        let total_rows = table.row_count() as u32;
        let table = table.first_rows(SCREEN_ROWS);
        Ok(ReportView {
            shown_rows: table.row_count() as u32,
            total_rows,
            assets: workspace.asset_count() as u32,
            table,
        })
    })
    .await
}

#[derive(Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Pdf,
    Csv,
}

/// The whole report as a PDF (opened once saved) or a CSV, in Downloads.
#[tauri::command]
pub async fn asset_report_export(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ReportKind,
    today: String,
    format: ReportFormat,
) -> Reply<ExportResult> {
    let today = today_date(&today)?;
    let workspace = state.workspace()?;
    let language = print_language(&state)?;
    let stem = format!("cloudwright-assets-{}", kind.code());
    let report = blocking({
        let workspace = workspace.clone();
        move || Ok(workspace.asset_report(kind, &today)?)
    })
    .await?;
    match format {
        ReportFormat::Pdf => {
            let generated = generated_line(&state)?;
            let name = workspace.meta().name.clone();
            let bytes = blocking(move || {
                let table = report.table(language);
                asset_table_pdf(&table, &name, language, &generated)
                    .map_err(|error| CommandError::new("print", error.to_string()))
            })
            .await?;
            let saved = save_pdf(&app, &state, &stem, &bytes, 0)?;
            crate::os::open_file(std::path::Path::new(&saved.path));
            Ok(saved)
        }
        ReportFormat::Csv => {
            let path = crate::commands::export_path(&app, &state, &stem, "csv")?;
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
