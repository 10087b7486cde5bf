//! `cloudwright cable schedule`: the cable schedule of a rack or the workspace as PDF and/or
//! CSV.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context as _};
use clap::Args;
use cloudwright_core::cables::schedule::ScheduleScope;
use cloudwright_core::store::Workspace;
use cloudwright_print::cable_schedule::cable_schedule_pdf;

use crate::context::Context;
use crate::reports::{generated_line, language};

#[derive(Args)]
pub struct ScheduleArgs {
    /// Only this rack (name or id); default: every rack with cables
    #[arg(long)]
    rack: Option<String>,
    /// Write the schedule as a PDF (A4) here
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// Write the schedule as CSV here (with a byte order mark for spreadsheets)
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Language of the PDF: ko or en
    #[arg(long, default_value = "ko")]
    lang: String,
}

pub fn run(context: &Context, ws: &Workspace, args: ScheduleArgs) -> anyhow::Result<()> {
    if args.pdf.is_none() && args.csv.is_none() {
        bail!("give --pdf FILE or --csv FILE (or both)");
    }
    let language = language(&args.lang)?;
    let scope = match &args.rack {
        Some(name) => ScheduleScope::Rack {
            rack: ws.find_rack(name).map_err(|_| {
                anyhow!("no rack '{name}' in this workspace: `cloudwright rack list` shows them")
            })?,
        },
        None => ScheduleScope::Workspace,
    };
    if let Some(path) = &args.pdf {
        let bytes = cable_schedule_pdf(ws, scope, language, &generated_line(context)?)?;
        std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote the cable schedule to {}", path.display());
    }
    if let Some(path) = &args.csv {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let rows = ws.schedule_csv(scope, std::io::BufWriter::new(file), true)?;
        println!("wrote {rows} schedule rows to {}", path.display());
    }
    Ok(())
}
