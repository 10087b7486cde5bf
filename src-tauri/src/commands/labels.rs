//! Printing: label stock and CUPS printers, cable labels (a selection, a rack, the unlabelled)
//! and asset tags as PDF or ZPL to a file that opens or to a CUPS printer, and the cable
//! schedule as PDF or CSV.

use cloudwright_core::assets::AssetQuery;
use cloudwright_core::cables::edit::CableSelection;
use cloudwright_core::cables::schedule::{ScheduleError, ScheduleScope};
use cloudwright_core::undo::{Undo, UndoAction};
use cloudwright_print::asset_labels::asset_labels_of;
use cloudwright_print::cable_labels::cable_labels;
use cloudwright_print::cable_schedule::cable_schedule_pdf;
use cloudwright_print::{builtin_media, labels_pdf, labels_zpl};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    export_path, generated_line, parse_id, print_language, save_pdf, Ctx, ExportFormat,
    ExportResult, NoArgs,
};
use crate::error::CommandError;
use crate::ipc::Reply;

/// The local setting that names the CUPS printer labels go to.
const PRINTER_SETTING: &str = "label-printer";

/// A label stock, for the print dialog's picker.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct LabelMediaDto {
    pub name: String,
    pub description: String,
    /// wrap, flag, sheet or tape
    pub kind: String,
    pub label_width_mm: f64,
    pub label_height_mm: f64,
    pub labels_per_page: u32,
}

impl From<&cloudwright_print::LabelMedia> for LabelMediaDto {
    fn from(media: &cloudwright_print::LabelMedia) -> Self {
        Self {
            name: media.name.clone(),
            description: media.description.clone(),
            kind: format!("{:?}", media.kind).to_lowercase(),
            label_width_mm: media.label_width_mm,
            label_height_mm: media.label_height_mm,
            labels_per_page: media.labels_per_page(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum LabelFormat {
    Pdf,
    Zpl,
}

/// Where a sheet of labels goes: which stock, which format, which CUPS printer (none: a
/// file that opens).
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct LabelTarget {
    pub media: String,
    pub format: LabelFormat,
    pub printer: Option<String>,
}

/// What printing labels did.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct LabelPrintResult {
    /// The file written (kept also when it went to a printer).
    pub path: String,
    pub labels: u32,
    /// The CUPS printer it went to, and what `lp` said.
    pub printer: Option<String>,
    pub job: Option<String>,
    /// The labels marked printed, to take the mark back (cable labels only).
    pub undo: Option<Undo>,
}

pub fn label_media(_: &Ctx, _: NoArgs) -> Reply<Vec<LabelMediaDto>> {
    Ok(builtin_media().iter().map(LabelMediaDto::from).collect())
}

/// The CUPS printers there are, and the one labels went to last (if still there).
pub fn label_printers(cx: &Ctx, _: NoArgs) -> Reply<(Vec<String>, Option<String>)> {
    let printers = cloudwright_print::printer::printers();
    let chosen = cx
        .store()?
        .setting(PRINTER_SETTING)?
        .filter(|name| printers.contains(name));
    Ok((printers, chosen))
}

/// Writes `labels` to a file in Downloads and opens it, or sends it to a CUPS printer with
/// `lp` (remembered for next time).
fn print_labels(
    cx: &Ctx,
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
    let (extension, bytes) = match format {
        LabelFormat::Pdf => (
            "pdf",
            labels_pdf(&labels, &stock)
                .map_err(|error| CommandError::new("print", error.to_string()))?,
        ),
        LabelFormat::Zpl => ("zpl", labels_zpl(&labels, &stock).into_bytes()),
    };
    let path = export_path(cx, stem, extension)?;
    std::fs::write(&path, bytes)?;
    let job = match &printer {
        Some(name) => {
            let job =
                cloudwright_print::printer::print_file(name, &path, format == LabelFormat::Zpl)
                    .map_err(|error| CommandError::new("printer", error.to_string()))?;
            cx.store()?.set_setting(PRINTER_SETTING, name)?;
            Some(job)
        }
        None => {
            crate::os::open_file(&path);
            None
        }
    };
    Ok(LabelPrintResult {
        path: path.display().to_string(),
        labels: labels.len() as u32,
        printer,
        job,
        undo: None,
    })
}

#[derive(Deserialize, TS)]
pub struct CableLabelsCountArgs {
    selection: CableSelection,
}

/// What printing a selection's labels would do, before anything is printed or marked.
#[derive(Serialize, TS)]
pub struct CableLabelsCount {
    pub cables: u32,
    /// Both ends of each cable.
    pub labels: u32,
    /// Cables already marked printed (marking them again moves their time).
    pub printed_before: u32,
    /// The first labels, by label, to show which.
    pub first: Vec<String>,
}

pub fn cable_labels_count(
    cx: &Ctx,
    CableLabelsCountArgs { selection }: CableLabelsCountArgs,
) -> Reply<CableLabelsCount> {
    let cables = cx.workspace()?.cables_in(&selection);
    Ok(CableLabelsCount {
        cables: cables.len() as u32,
        labels: cable_labels(&cables).len() as u32,
        printed_before: cables.iter().filter(|c| c.printed_at_ms.is_some()).count() as u32,
        first: cables.iter().take(8).map(|c| c.label.clone()).collect(),
    })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CableLabelsPrintArgs {
    selection: CableSelection,
    target: LabelTarget,
    // Whether to mark the cables' labels printed afterwards.
    mark_printed: bool,
}

/// Prints the labels of a selection of cables (both ends of each); then, if asked, marks
/// them printed.
pub fn cable_labels_print(cx: &Ctx, args: CableLabelsPrintArgs) -> Reply<LabelPrintResult> {
    let workspace = cx.workspace()?;
    let cables = workspace.cables_in(&args.selection);
    if cables.is_empty() {
        return Err(CommandError::new("nothing_to_print", "no cables to label"));
    }
    let mut result = print_labels(cx, "cloudwright-labels", cable_labels(&cables), args.target)?;
    if args.mark_printed {
        let ids: Vec<_> = cables.iter().map(|cable| cable.id).collect();
        let marked = workspace.mark_cables_printed(&ids, &cx.stamp()?)?;
        result.undo = Some(Undo::cables(UndoAction::LabelsPrinted, marked));
    }
    Ok(result)
}

#[derive(Deserialize, TS)]
pub struct AssetTagsPrintArgs {
    // The asset list's query: its search and filters (the page is ignored).
    query: AssetQuery,
    target: LabelTarget,
}

/// Prints asset tags (a QR code of the tag) for every asset the list's query shows.
pub fn asset_tags_print(
    cx: &Ctx,
    AssetTagsPrintArgs { query, target }: AssetTagsPrintArgs,
) -> Reply<LabelPrintResult> {
    let labels = asset_labels_of(cx.workspace()?.as_ref(), &query);
    if labels.is_empty() {
        return Err(CommandError::new("nothing_to_print", "no assets to tag"));
    }
    print_labels(cx, "cloudwright-asset-tags", labels, target)
}

#[derive(Deserialize, TS)]
pub struct CableScheduleExportArgs {
    // One rack's schedule, or (None) the workspace's.
    rack: Option<String>,
    format: ExportFormat,
}

/// The cable schedule of a rack or the whole workspace, as a PDF (opened once saved) or CSV
/// in Downloads.
pub fn cable_schedule_export(
    cx: &Ctx,
    CableScheduleExportArgs { rack, format }: CableScheduleExportArgs,
) -> Reply<ExportResult> {
    let scope = match rack {
        Some(rack) => ScheduleScope::Rack {
            rack: parse_id("a rack", &rack)?,
        },
        None => ScheduleScope::Workspace,
    };
    let workspace = cx.workspace()?;
    match format {
        ExportFormat::Pdf => {
            let bytes =
                cable_schedule_pdf(&workspace, scope, print_language(cx)?, &generated_line(cx)?)?;
            let saved = save_pdf(cx, "cloudwright-cable-schedule", &bytes, 0)?;
            crate::os::open_file(std::path::Path::new(&saved.path));
            Ok(saved)
        }
        ExportFormat::Csv => {
            let path = export_path(cx, "cloudwright-cable-schedule", "csv")?;
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
