//! `cloudwright report assets`: a report of the asset register as PDF and/or CSV.

use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::Args;
use cloudwright_core::assets::input::parse_date;
use cloudwright_core::reports::{write_csv, ReportKind};
use cloudwright_core::store::Workspace;
use cloudwright_print::asset_reports::asset_table_pdf;

use crate::context::Context;
use crate::reports::{generated_line, language};

#[derive(Args)]
pub struct AssetReportArgs {
    /// Write the report as a PDF (A4) here
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// Write the report as CSV here (UTF-8 with a byte order mark, so Excel reads Hangul)
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Which report: inventory, by-status, by-type, by-location, by-owner, by-age, warranty,
    /// maintenance-cost, maintenance-cost-by-type, disposal-rate, audit-accuracy
    #[arg(long, default_value = "inventory")]
    kind: String,
    /// For --kind warranty: warranties ending from today to this many days ahead
    #[arg(long, default_value_t = 90)]
    days: u32,
    /// Count ages and days from this date (YYYY-MM-DD) [default: today, local time]
    #[arg(long)]
    today: Option<String>,
    /// Language of the report: ko or en
    #[arg(long, default_value = "ko")]
    lang: String,
}

pub fn run(context: &Context, ws: &Workspace, args: AssetReportArgs) -> anyhow::Result<()> {
    if args.pdf.is_none() && args.csv.is_none() {
        bail!("give --pdf FILE or --csv FILE (or both)");
    }
    let language = language(&args.lang)?;
    let Some(kind) = ReportKind::parse(&args.kind, args.days) else {
        bail!(
            "--kind must be one of {}, not '{}'",
            ReportKind::CODES.join(", "),
            args.kind
        );
    };
    let today = match &args.today {
        Some(text) => parse_date(text)
            .with_context(|| format!("--today must be a date (YYYY-MM-DD), not '{text}'"))?,
        None => crate::context::local_today(),
    };
    let report = ws.asset_report(kind, &today)?;
    if let Some(path) = &args.pdf {
        let table = report.table(language);
        let generated = generated_line(context)?;
        let bytes = asset_table_pdf(&table, &ws.meta().name, language, &generated)?;
        std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
        println!(
            "wrote {} ({} rows) to {} ({} KB)",
            table.title,
            table.row_count(),
            path.display(),
            bytes.len() / 1024
        );
    }
    if let Some(path) = &args.csv {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let rows = write_csv(&report, language, std::io::BufWriter::new(file), true)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {rows} rows to {}", path.display());
    }
    Ok(())
}
