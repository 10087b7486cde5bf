//! `cloudwright report …`: printed pages as PDF files.

use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::Subcommand;
use cloudwright_core::stamp::UtcTime;
use cloudwright_print::racks::{power_and_cooling, rack_pack, Language};

use crate::context::Context;
use crate::racks::racks_in;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Rack elevation pack: front and rear of each rack, to scale, one page per rack
    Racks {
        /// Where to write the PDF
        #[arg(long)]
        pdf: PathBuf,
        /// Only these racks (name or id; repeat or separate with commas); default: every rack
        #[arg(long, value_delimiter = ',')]
        rack: Vec<String>,
        /// Only the racks of this room (name)
        #[arg(long)]
        room: Option<String>,
        /// Language of the page: ko or en
        #[arg(long, default_value = "ko")]
        lang: String,
    },
    /// Power and cooling report: every room's racks against their feeds and cooling
    Power {
        #[arg(long)]
        pdf: PathBuf,
        #[arg(long, default_value = "ko")]
        lang: String,
    },
    /// Asset register reports: inventory, counts by status, type, location, owner and age,
    /// warranties ending soon; as PDF and/or CSV
    Assets(crate::asset_reports::AssetReportArgs),
}

/// The language a `--lang` code names.
pub(crate) fn language(code: &str) -> anyhow::Result<Language> {
    match code {
        "ko" => Ok(Language::Korean),
        "en" => Ok(Language::English),
        other => bail!("--lang must be ko or en, not '{other}'"),
    }
}

/// The "generated" line of a printed page: when (UTC) and by whom.
pub(crate) fn generated_line(context: &Context) -> anyhow::Result<String> {
    let stamp = context.stamp()?;
    Ok(format!(
        "{} · {}",
        UtcTime::from_ms(stamp.at_ms),
        stamp.author.name
    ))
}

pub fn run(context: &Context, command: ReportCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    let generated = generated_line(context)?;
    let (pdf, bytes, what) = match command {
        ReportCommand::Racks {
            pdf,
            rack,
            room,
            lang,
        } => {
            let mut ids = Vec::new();
            if rack.is_empty() {
                ids.extend(racks_in(&ws, room.as_deref())?.iter().map(|(_, r)| r.id));
            } else {
                for name in &rack {
                    ids.push(ws.find_rack(name)?);
                }
            }
            if ids.is_empty() {
                bail!("no racks to print: `cloudwright rack list` shows what there is");
            }
            let bytes = rack_pack(&ws, &ids, language(&lang)?, &generated)?;
            (pdf, bytes, format!("{} racks", ids.len()))
        }
        ReportCommand::Power { pdf, lang } => {
            let bytes = power_and_cooling(&ws, language(&lang)?, &generated)?;
            (pdf, bytes, "the power and cooling report".to_owned())
        }
        ReportCommand::Assets(args) => return crate::asset_reports::run(context, &ws, args),
    };
    std::fs::write(&pdf, &bytes).with_context(|| format!("cannot write {}", pdf.display()))?;
    println!(
        "wrote {what} to {} ({} KB)",
        pdf.display(),
        bytes.len() / 1024
    );
    Ok(())
}
