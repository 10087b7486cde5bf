//! `cloudwright labels …`: the label media, and cable labels and asset tags as PDF or ZPL
//! (written to files; cable labels also sent to a CUPS printer and marked printed on request).

use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::Subcommand;
use cloudwright_core::cables::edit::CableSelection;
use cloudwright_print::asset_labels::asset_labels;
use cloudwright_print::cable_labels::cable_labels;
use cloudwright_print::{builtin_media, labels_pdf, labels_zpl, LabelMedia, LabelText};

use crate::context::Context;

#[derive(Subcommand)]
pub enum LabelsCommand {
    /// The label media this version prints on (wrap, flag, sheets, tape)
    Media {
        #[arg(long)]
        json: bool,
    },
    /// Labels for both ends of cables: every cable in service, one rack's (--rack), those
    /// never printed (--unlabelled), narrowed by --filter
    Cables {
        /// A media name from `labels media`
        #[arg(long)]
        media: String,
        #[arg(long)]
        pdf: Option<PathBuf>,
        #[arg(long)]
        zpl: Option<PathBuf>,
        /// Only cables whose label contains this text
        #[arg(long)]
        filter: Option<String>,
        /// Only cables with an end in this rack (name or id)
        #[arg(long)]
        rack: Option<String>,
        /// Only cables whose labels were never printed
        #[arg(long)]
        unlabelled: bool,
        /// Send the PDF (or with --zpl, the ZPL, raw) to this CUPS printer with `lp`
        #[arg(long)]
        printer: Option<String>,
        /// Record the cables' labels as printed
        #[arg(long)]
        mark_printed: bool,
    },
    /// Asset tags: one label per asset (tag, model and serial, rack and unit when placed)
    /// with a QR code of the tag; --filter keeps those whose tag, model or serial contains it
    Assets {
        /// A media name from `labels media`
        #[arg(long)]
        media: String,
        #[arg(long)]
        pdf: Option<PathBuf>,
        #[arg(long)]
        zpl: Option<PathBuf>,
        #[arg(long)]
        filter: Option<String>,
    },
}

/// Writes `labels` on `stock` to the PDF and/or ZPL files given.
fn print_labels(
    labels: &[LabelText],
    stock: &LabelMedia,
    pdf: Option<PathBuf>,
    zpl: Option<PathBuf>,
) -> anyhow::Result<()> {
    if let Some(path) = pdf {
        let bytes = labels_pdf(labels, stock)?;
        std::fs::write(&path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {} labels to {}", labels.len(), path.display());
    }
    if let Some(path) = zpl {
        std::fs::write(&path, labels_zpl(labels, stock))
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {} labels to {}", labels.len(), path.display());
    }
    Ok(())
}

/// The media named `media`, once it is known that there is somewhere to print to.
fn media_for(
    media: &str,
    pdf: &Option<PathBuf>,
    zpl: &Option<PathBuf>,
) -> anyhow::Result<LabelMedia> {
    let stock = builtin_media()
        .into_iter()
        .find(|m| m.name == media)
        .with_context(|| format!("no label media '{media}': see `cloudwright labels media`"))?;
    if pdf.is_none() && zpl.is_none() {
        bail!("give --pdf FILE or --zpl FILE (or both)");
    }
    Ok(stock)
}

pub fn run(context: &Context, command: LabelsCommand) -> anyhow::Result<()> {
    match command {
        LabelsCommand::Media { json } => {
            let media = builtin_media();
            if json {
                let list: Vec<serde_json::Value> = media
                    .iter()
                    .map(|m| {
                        serde_json::json!({
                            "name": m.name, "description": m.description,
                            "kind": format!("{:?}", m.kind).to_lowercase(),
                            "label_width_mm": m.label_width_mm, "label_height_mm": m.label_height_mm,
                            "page_width_mm": m.page_width_mm, "page_height_mm": m.page_height_mm,
                            "columns": m.columns, "rows": m.rows, "dpi": m.dpi,
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for m in media {
                    println!("{:<18} {}", m.name, m.description);
                }
            }
        }
        LabelsCommand::Cables {
            media,
            pdf,
            zpl,
            filter,
            rack,
            unlabelled,
            printer,
            mark_printed,
        } => {
            let stock = media_for(&media, &pdf, &zpl)?;
            let ws = context.workspace()?;
            let selection = match (rack, unlabelled) {
                (Some(_), true) => bail!("give --rack or --unlabelled, not both"),
                (Some(rack), false) => CableSelection::Rack {
                    rack: ws.find_rack(&rack)?,
                },
                (None, true) => CableSelection::Unlabelled,
                (None, false) => CableSelection::All,
            };
            let wanted = filter.map(|f| f.to_lowercase());
            let cables: Vec<_> = ws
                .cables_in(&selection)
                .into_iter()
                .filter(|c| {
                    wanted
                        .as_ref()
                        .is_none_or(|f| c.label.to_lowercase().contains(f))
                })
                .collect();
            if cables.is_empty() {
                bail!("no cables to label: `cloudwright cable list` shows what there is");
            }
            // ZPL goes to a thermal printer as it is; otherwise the PDF.
            let sent = zpl.clone().map(|path| (path, true));
            let sent = sent.or(pdf.clone().map(|path| (path, false)));
            print_labels(&cable_labels(&cables), &stock, pdf, zpl)?;
            if let (Some(printer), Some((path, raw))) = (printer, sent) {
                let job = cloudwright_print::printer::print_file(&printer, &path, raw)?;
                println!("sent to {printer}: {job}");
            }
            if mark_printed {
                let ids: Vec<_> = cables.iter().map(|c| c.id).collect();
                ws.mark_cables_printed(&ids, &context.stamp()?)?;
                println!("marked {} cables printed", ids.len());
            }
        }
        LabelsCommand::Assets {
            media,
            pdf,
            zpl,
            filter,
        } => {
            let stock = media_for(&media, &pdf, &zpl)?;
            let ws = context.workspace()?;
            let labels = asset_labels(&ws, filter.as_deref().unwrap_or_default());
            if labels.is_empty() {
                match filter {
                    Some(filter) => bail!(
                        "no asset's tag, model or serial contains '{filter}': nothing to print"
                    ),
                    None => bail!(
                        "no assets to tag: register some with `cloudwright asset add` or `asset import FILE`"
                    ),
                }
            }
            print_labels(&labels, &stock, pdf, zpl)?;
        }
    }
    Ok(())
}
