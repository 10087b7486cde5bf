//! `cloudwright labels …`: the label media, and cable labels and asset tags as PDF or ZPL
//! (written to files; cable labels also sent to a CUPS printer and marked printed on request).

use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
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
        #[command(flatten)]
        output: LabelOutput,
        /// Only cables whose label contains this text
        #[arg(long)]
        filter: Option<String>,
        /// Only cables with an end in this rack (name or id)
        #[arg(long)]
        rack: Option<String>,
        /// Only cables whose labels were never printed, or must be printed again since a device
        /// at an end moved
        #[arg(long)]
        unlabelled: bool,
        /// Record the cables' labels as printed
        #[arg(long)]
        mark_printed: bool,
    },
    /// Asset tags: one label per asset (tag, model and serial, rack and unit when placed)
    /// with a QR code of the tag; --filter keeps those whose tag, model or serial contains it
    Assets {
        #[command(flatten)]
        output: LabelOutput,
        #[arg(long)]
        filter: Option<String>,
    },
}

/// Where labels go: the stock, the PDF and/or ZPL files, and a CUPS printer.
#[derive(Args)]
pub struct LabelOutput {
    /// A media name from `labels media`
    #[arg(long)]
    media: String,
    #[arg(long)]
    pdf: Option<PathBuf>,
    #[arg(long)]
    zpl: Option<PathBuf>,
    /// Send the PDF (or with --zpl, the ZPL, raw) to this CUPS printer with `lp`
    #[arg(long)]
    printer: Option<String>,
}

impl LabelOutput {
    /// The stock, once it is known that there is somewhere to print to.
    fn stock(&self) -> anyhow::Result<LabelMedia> {
        let stock = builtin_media()
            .into_iter()
            .find(|m| m.name == self.media)
            .with_context(|| {
                format!(
                    "no label media '{}': see `cloudwright labels media`",
                    self.media
                )
            })?;
        if self.pdf.is_none() && self.zpl.is_none() {
            bail!("give --pdf FILE or --zpl FILE (or both)");
        }
        Ok(stock)
    }

    /// Writes `labels` on `stock` to the files given, then sends one to the printer: the ZPL
    /// as it is (a thermal printer's language), else the PDF.
    fn print(&self, labels: &[LabelText], stock: &LabelMedia) -> anyhow::Result<()> {
        let write = |path: &PathBuf, bytes: &[u8]| {
            std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
        };
        if let Some(path) = &self.pdf {
            write(path, &labels_pdf(labels, stock)?)?;
            println!("wrote {} labels to {}", labels.len(), path.display());
        }
        if let Some(path) = &self.zpl {
            write(path, labels_zpl(labels, stock).as_bytes())?;
            println!("wrote {} labels to {}", labels.len(), path.display());
        }
        let sent = (self.zpl.as_ref().map(|path| (path, true)))
            .or(self.pdf.as_ref().map(|path| (path, false)));
        if let (Some(printer), Some((path, raw))) = (&self.printer, sent) {
            let job = cloudwright_print::printer::print_file(printer, path, raw)?;
            println!("sent to {printer}: {job}");
        }
        Ok(())
    }
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
            output,
            filter,
            rack,
            unlabelled,
            mark_printed,
        } => {
            let stock = output.stock()?;
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
            output.print(&cable_labels(&cables), &stock)?;
            if mark_printed {
                let ids: Vec<_> = cables.iter().map(|c| c.id).collect();
                ws.mark_cables_printed(&ids, &context.stamp()?)?;
                println!("marked {} cables printed", ids.len());
            }
        }
        LabelsCommand::Assets { output, filter } => {
            let stock = output.stock()?;
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
            output.print(&labels, &stock)?;
        }
    }
    Ok(())
}
