//! `cloudwright labels …`: the label media, and cable labels as PDF or ZPL (written to files,
//! or sent to a CUPS printer), marked printed on request.

use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::Subcommand;
use cloudwright_core::cables::edit::CableSelection;
use cloudwright_print::cable_labels::cable_labels;
use cloudwright_print::{builtin_media, labels_pdf, labels_zpl, LabelMedia};

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
            let stock = media_named(&media)?;
            if pdf.is_none() && zpl.is_none() {
                bail!("give --pdf FILE or --zpl FILE (or both)");
            }
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
            let labels = cable_labels(&cables);
            if let Some(path) = &pdf {
                write(path, &labels_pdf(&labels, &stock)?)?;
                println!("wrote {} labels to {}", labels.len(), path.display());
            }
            if let Some(path) = &zpl {
                write(path, labels_zpl(&labels, &stock).as_bytes())?;
                println!("wrote {} labels to {}", labels.len(), path.display());
            }
            // ZPL goes to a thermal printer as it is; otherwise the PDF.
            let printed = zpl.as_ref().map(|path| (path, true));
            if let (Some(printer), Some((path, raw))) =
                (printer, printed.or(pdf.as_ref().map(|path| (path, false))))
            {
                let job = cloudwright_print::printer::print_file(&printer, path, raw)?;
                println!("sent to {printer}: {job}");
            }
            if mark_printed {
                let ids: Vec<_> = cables.iter().map(|c| c.id).collect();
                ws.mark_cables_printed(&ids, &context.stamp()?)?;
                println!("marked {} cables printed", ids.len());
            }
        }
    }
    Ok(())
}

fn media_named(name: &str) -> anyhow::Result<LabelMedia> {
    builtin_media()
        .into_iter()
        .find(|m| m.name == name)
        .with_context(|| format!("no label media '{name}': see `cloudwright labels media`"))
}

fn write(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
