//! `cloudwright cable …`: add, list, import, export and trace cables; print the schedule.

mod schedule;

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context as _};
use clap::Subcommand;
use cloudwright_core::cables::model::{CableKind, LengthUnit};
use cloudwright_core::cables::ops::{CableDraft, CableError};
use cloudwright_core::CableId;

use crate::context::Context;

#[derive(Subcommand)]
pub enum CableCommand {
    /// Add a cable between two ports (a device is its label in the rack or its asset tag; a
    /// patch panel port is front:N or rear:N)
    Add {
        #[arg(long)]
        a_device: String,
        #[arg(long)]
        a_port: String,
        #[arg(long)]
        b_device: String,
        #[arg(long)]
        b_port: String,
        /// cat5e, cat6, cat6a, cat7, dac, aoc, om3, om4, os2, power, console
        #[arg(long = "type")]
        kind: String,
        #[arg(long, default_value = "")]
        color: String,
        /// Length in metres
        #[arg(long)]
        length: Option<f64>,
        /// Empty: generated from the label template
        #[arg(long, default_value = "")]
        label: String,
    },
    /// List cables by label
    List {
        #[arg(long)]
        json: bool,
    },
    /// Import cables from a CSV with NetBox's columns: every row or none
    Import { file: PathBuf },
    /// Export every cable as CSV with NetBox's columns (with a byte order mark for
    /// spreadsheets when written to a file)
    Export {
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Follow a port's cable through patch panels to the far end
    Trace {
        #[arg(long)]
        device: String,
        #[arg(long)]
        port: String,
        #[arg(long)]
        json: bool,
    },
    /// The cable schedule of a rack or of every rack: per device, each cabled port with its
    /// label, far end, type, length, colour and status, as PDF and/or CSV
    Schedule(schedule::ScheduleArgs),
}

fn explain(error: CableError) -> anyhow::Error {
    match error {
        CableError::Refused(problems) => anyhow!(
            "the cable cannot be added: {}",
            problems
                .iter()
                .map(|p| serde_json::to_string(p).unwrap_or_default())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        CableError::Rows(problems) => anyhow!(
            "nothing was imported: {}",
            problems
                .iter()
                .map(|p| format!("line {}: {} {:?} ('{}')", p.line, p.column, p.code, p.value))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        CableError::RefusedRows(problems) => anyhow!(
            "nothing was imported: {}",
            problems
                .iter()
                .map(|(line, p)| format!(
                    "line {line}: {}",
                    serde_json::to_string(p).unwrap_or_default()
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => other.into(),
    }
}

pub fn run(context: &Context, command: CableCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        CableCommand::Add {
            a_device,
            a_port,
            b_device,
            b_port,
            kind,
            color,
            length,
            label,
        } => {
            let end = |device: &str, port: &str| {
                ws.find_port(device, port)
                    .map_err(|code| anyhow!("{device} {port}: {code:?}"))
            };
            let kind = CableKind::parse(&kind)
                .or_else(|| cloudwright_core::cables::csv_io::parse_kind(&kind))
                .with_context(|| format!("'{kind}' is not a cable type"))?;
            let draft = CableDraft {
                a: end(&a_device, &a_port)?,
                b: end(&b_device, &b_port)?,
                kind,
                colour: color,
                length,
                length_unit: LengthUnit::Metres,
                label,
            };
            let cable = ws
                .add_cable(CableId(ulid::Ulid::new()), &draft, &context.stamp()?)
                .map_err(explain)?;
            println!("added cable {}", cable.label);
        }
        CableCommand::List { json } => {
            let cables = ws.cables();
            if json {
                println!("{}", serde_json::to_string_pretty(&cables)?);
            } else if cables.is_empty() {
                println!(
                    "no cables yet: `cloudwright cable add` or `cloudwright cable import FILE`"
                );
            } else {
                for cable in cables {
                    println!(
                        "{}\t{}\t{}",
                        cable.label,
                        cable.kind.code(),
                        cable.status.code()
                    );
                }
            }
        }
        CableCommand::Import { file } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let added = ws
                .import_cables_csv(&bytes, || CableId(ulid::Ulid::new()), &context.stamp()?)
                .map_err(explain)?;
            println!("imported {} cables", added.len());
        }
        CableCommand::Export { out } => match out {
            Some(path) => {
                let file = std::fs::File::create(&path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                let count = ws.export_cables_csv(std::io::BufWriter::new(file), true)?;
                println!("exported {count} cables to {}", path.display());
            }
            None => {
                ws.export_cables_csv(std::io::stdout().lock(), false)?;
            }
        },
        CableCommand::Trace { device, port, json } => {
            let start = ws
                .find_port(&device, &port)
                .map_err(|code| anyhow!("{device} {port}: {code:?}"))?;
            let path = ws.cable_trace(&start);
            if json {
                println!("{}", serde_json::to_string_pretty(&path)?);
            } else if path.hops.is_empty() {
                bail!("nothing is plugged into {device} {port}");
            } else {
                for hop in &path.hops {
                    println!("{}  {} → {}", hop.label, hop.from.port, hop.to.port);
                }
                if path.looped {
                    println!("warning: the path comes back on itself");
                }
            }
        }
        CableCommand::Schedule(args) => schedule::run(context, &ws, args)?,
    }
    Ok(())
}
