//! `cloudwright cable …`: add, list, import, export and trace cables; move them through
//! install, record test results, set the label scheme, and print the schedule.

mod schedule;

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context as _};
use clap::Subcommand;
use cloudwright_core::cables::model::{CableKind, CableStatus, LengthUnit};
use cloudwright_core::cables::ops::{CableDraft, CableError};
use cloudwright_core::cables::testing::TestInput;
use cloudwright_core::store::Workspace;
use cloudwright_core::{CableId, ItemId};

use crate::context::Context;
use crate::csv_files::{self, CsvImportArgs};

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
    Import {
        file: PathBuf,
        #[command(flatten)]
        csv: CsvImportArgs,
    },
    /// Export every cable as CSV with NetBox's columns (with a byte order mark for
    /// spreadsheets when written to a file)
    Export {
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Move cables (by label or id) to installed, back to planned, or to decommissioned
    Status {
        /// installed, planned or decommissioned
        status: String,
        #[arg(required = true)]
        cables: Vec<String>,
    },
    /// Record a test result for one cable, or every result in a CSV (--import FILE with
    /// columns label,result,tester,date,length_m,loss_db)
    Test {
        /// The cable's label or id
        cable: Option<String>,
        #[arg(long, conflicts_with = "fail")]
        pass: bool,
        #[arg(long)]
        fail: bool,
        #[arg(long, default_value = "")]
        tester: String,
        /// Measured length in metres
        #[arg(long)]
        length: Option<f64>,
        /// Insertion loss in dB (fibre)
        #[arg(long)]
        loss: Option<f64>,
        /// The tester's report to attach (PDF, CSV…)
        #[arg(long)]
        report: Option<PathBuf>,
        #[arg(long, conflicts_with_all = ["cable", "pass", "fail"])]
        import: Option<PathBuf>,
        #[command(flatten)]
        csv: CsvImportArgs,
    },
    /// Show the label scheme, or set it (relabels cables whose labels were generated and
    /// never printed). Fields: {site} {room} {row} {rack} {unit} {device} {port}, far_… for
    /// the other end, {n} or {n:WIDTH} for the cable number
    Scheme { template: Option<String> },
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
            "refused: {}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
        CableError::Rows(problems) => anyhow!(
            "nothing was imported: {}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
        CableError::RefusedRows(problems) => anyhow!(
            "nothing was imported: {}",
            problems
                .iter()
                .map(|(line, p)| format!("line {line}: {p}"))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        CableError::File(errors) => {
            let mut message = format!(
                "nothing was imported: {}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            if let Some(hint) = csv_files::hint(&errors) {
                message = format!("{message}\n{hint}");
            }
            anyhow!(message)
        }
        CableError::Invalid(problems) => anyhow!(
            "not saved: {}",
            problems
                .iter()
                .map(ToString::to_string)
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
        CableCommand::Import { file, csv } => {
            let bytes = csv_files::read(&file)?;
            let added = ws
                .import_cables_csv(
                    &bytes,
                    csv.options(),
                    || CableId(ulid::Ulid::new()),
                    &context.stamp()?,
                )
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
        CableCommand::Status { status, cables } => {
            let status = CableStatus::parse(&status)
                .with_context(|| format!("'{status}' is not a cable status"))?;
            let ids = cables
                .iter()
                .map(|name| find_cable(&ws, name))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let changed = ws
                .set_cable_status(&ids, status, &context.stamp()?)
                .map_err(explain)?;
            println!("{} cables now {}", changed.len(), status.code());
        }
        CableCommand::Test {
            cable,
            pass,
            fail,
            tester,
            length,
            loss,
            report,
            import,
            csv,
        } => {
            if let Some(file) = import {
                let bytes = csv_files::read(&file)?;
                let tested = ws
                    .import_cable_tests_csv(&bytes, csv.options(), &context.stamp()?)
                    .map_err(explain)?;
                println!("recorded results for {} cables", tested.len());
                return Ok(());
            }
            let Some(cable) = cable else {
                bail!("name a cable (label or id), or give --import FILE");
            };
            if pass == fail {
                bail!("say --pass or --fail");
            }
            let report = report
                .map(|path| {
                    let bytes = std::fs::read(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    anyhow::Ok((name, bytes))
                })
                .transpose()?;
            let input = TestInput {
                passed: pass,
                tester,
                at_ms: None,
                measured_length_m: length,
                loss_db: loss,
            };
            let cable = ws
                .record_cable_test(
                    find_cable(&ws, &cable)?,
                    &input,
                    report.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
                    &context.stamp()?,
                )
                .map_err(explain)?;
            println!("{}: {}", cable.label, cable.status.code());
        }
        CableCommand::Scheme { template } => match template {
            None => println!("{}", ws.label_scheme().template),
            Some(template) => {
                let relabelled = ws
                    .set_label_scheme(&template, ItemId(ulid::Ulid::new()), &context.stamp()?)
                    .map_err(explain)?;
                println!("label scheme set; {relabelled} cables relabelled");
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

/// A cable by label or id.
fn find_cable(ws: &Workspace, name: &str) -> anyhow::Result<CableId> {
    ws.find_cable(name)
        .with_context(|| format!("no cable is labelled '{name}' (or has that id)"))
}
