//! Printing: label stock and CUPS printers, cable labels (a selection, a rack, the unlabelled)
//! and asset tags as PDF or ZPL to a file that opens or to a CUPS printer, and the cable
//! schedule as PDF or CSV.

use cloudwright_core::cables::edit::CableSelection;
use cloudwright_core::cables::schedule::{ScheduleError, ScheduleScope};
use cloudwright_print::asset_labels::asset_labels;
use cloudwright_print::cable_labels::cable_labels;
use cloudwright_print::cable_schedule::cable_schedule_pdf;
use cloudwright_print::{builtin_media, labels_pdf, labels_zpl};
use tauri::{AppHandle, State};

use crate::commands_cables::{announce, blocking};
use crate::commands_racks::{generated_line, print_language, save_pdf};
use crate::error::CommandError;
use crate::ipc::{ExportResult, LabelFormat, LabelMediaDto, LabelPrintResult, LabelTarget};
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

/// The local setting that names the CUPS printer labels go to.
const PRINTER_SETTING: &str = "label-printer";

#[tauri::command]
pub async fn label_media() -> Reply<Vec<LabelMediaDto>> {
    Ok(builtin_media().iter().map(LabelMediaDto::from).collect())
}

/// The CUPS printers there are, and the one labels went to last (if still there).
#[tauri::command]
pub async fn label_printers(state: State<'_, AppState>) -> Reply<(Vec<String>, Option<String>)> {
    let printers = blocking(|| Ok(cloudwright_print::printer::printers())).await?;
    let chosen = state
        .store()?
        .setting(PRINTER_SETTING)?
        .filter(|name| printers.contains(name));
    Ok((printers, chosen))
}

/// Writes `labels` to a file in Downloads and opens it, or sends it to a CUPS printer with
/// `lp` (remembered for next time).
async fn print_labels(
    app: &AppHandle,
    state: &AppState,
    stem: &str,
    labels: Vec<cloudwright_print::LabelText>,
    target: LabelTarget,
) -> Reply<LabelPrintResult> {
    let LabelTarget {
        media,
        format,
        printer,
    } = target;
    let stock = builtin_media()
        .into_iter()
        .find(|m| m.name == media)
        .ok_or_else(|| CommandError::new("not_found", format!("no label media '{media}'")))?;
    let extension = match format {
        LabelFormat::Pdf => "pdf",
        LabelFormat::Zpl => "zpl",
    };
    let path = crate::commands::export_path(app, state, stem, extension)?;
    let count = labels.len() as u32;
    let written = path.clone();
    let chosen = printer.clone();
    let job = blocking(move || {
        let bytes = match format {
            LabelFormat::Pdf => labels_pdf(&labels, &stock)
                .map_err(|error| CommandError::new("print", error.to_string()))?,
            LabelFormat::Zpl => labels_zpl(&labels, &stock).into_bytes(),
        };
        std::fs::write(&written, bytes)?;
        match chosen {
            Some(printer) => cloudwright_print::printer::print_file(
                &printer,
                &written,
                format == LabelFormat::Zpl,
            )
            .map(Some)
            .map_err(|error| CommandError::new("printer", error.to_string())),
            None => {
                crate::os::open_file(&written);
                Ok(None)
            }
        }
    })
    .await?;
    if let Some(name) = &printer {
        state.store()?.set_setting(PRINTER_SETTING, name)?;
    }
    Ok(LabelPrintResult {
        path: path.display().to_string(),
        labels: count,
        printer,
        job,
    })
}

/// Prints the labels of a selection of cables (both ends of each); then, if asked, marks
/// them printed.
#[tauri::command]
pub async fn cable_labels_print(
    app: AppHandle,
    state: State<'_, AppState>,
    selection: CableSelection,
    target: LabelTarget,
    mark_printed: bool,
) -> Reply<LabelPrintResult> {
    let workspace = state.workspace()?;
    let cables = workspace.cables_in(&selection);
    if cables.is_empty() {
        return Err(CommandError::new("nothing_to_print", "no cables to label"));
    }
    let result = print_labels(
        &app,
        &state,
        "cloudwright-labels",
        cable_labels(&cables),
        target,
    )
    .await?;
    if mark_printed {
        let ids: Vec<_> = cables.iter().map(|cable| cable.id).collect();
        workspace.mark_cables_printed(&ids, &state.stamp()?)?;
        announce(&app, &state);
    }
    Ok(result)
}

/// Prints asset tags (a QR code of the tag) for every asset whose tag, model or serial
/// contains `filter`.
#[tauri::command]
pub async fn asset_tags_print(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: String,
    target: LabelTarget,
) -> Reply<LabelPrintResult> {
    let labels = asset_labels(state.workspace()?.as_ref(), &filter);
    if labels.is_empty() {
        return Err(CommandError::new("nothing_to_print", "no assets to tag"));
    }
    print_labels(&app, &state, "cloudwright-asset-tags", labels, target).await
}

/// The cable schedule of a rack or the whole workspace, as a PDF or CSV in Downloads.
#[tauri::command]
pub async fn cable_schedule_export(
    app: AppHandle,
    state: State<'_, AppState>,
    rack: Option<String>,
    format: ScheduleFormat,
) -> Reply<ExportResult> {
    let scope = match rack {
        Some(rack) => ScheduleScope::Rack {
            rack: rack.parse().map_err(|_| {
                CommandError::new("not_found", format!("'{rack}' is not a rack id"))
            })?,
        },
        None => ScheduleScope::Workspace,
    };
    let workspace = state.workspace()?;
    match format {
        ScheduleFormat::Pdf => {
            let language = print_language(&state)?;
            let generated = generated_line(&state)?;
            let bytes =
                blocking(move || Ok(cable_schedule_pdf(&workspace, scope, language, &generated)?))
                    .await?;
            let saved = save_pdf(&app, &state, "cloudwright-cable-schedule", &bytes, 0)?;
            crate::os::open_file(std::path::Path::new(&saved.path));
            Ok(saved)
        }
        ScheduleFormat::Csv => {
            let path =
                crate::commands::export_path(&app, &state, "cloudwright-cable-schedule", "csv")?;
            let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
            let rows = workspace
                .schedule_csv(scope, file, true)
                .map_err(|error| match error {
                    ScheduleError::Rack(rack) => rack.into(),
                    ScheduleError::Csv(csv) => CommandError::new("io", csv.to_string()),
                })?;
            Ok(ExportResult {
                path: path.display().to_string(),
                rows: rows as u32,
            })
        }
    }
}

#[derive(Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScheduleFormat {
    Pdf,
    Csv,
}
