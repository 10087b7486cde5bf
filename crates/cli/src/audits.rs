//! `cloudwright audit …`: floor audits from a terminal. `audit scan ID -` reads codes line by
//! line from standard input, so a keyboard-wedge scanner can type straight into it.

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::Subcommand;
use cloudwright_core::assets::Location;
use cloudwright_core::audits::{AuditScope, ItemFilter, MarkInput, ScanAnswer, ScanResult};
use cloudwright_core::store::Workspace;
use cloudwright_print::audit_report::audit_report_pdf;

use crate::context::Context;
use crate::reports::{generated_line, language};

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Start an audit; its expected list is the records of the scope now
    Start {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        site: String,
        #[arg(long, default_value = "")]
        room: String,
        /// Only these rows (repeat or separate with commas)
        #[arg(long, value_delimiter = ',')]
        row: Vec<String>,
        /// Only these racks, by name (repeat or separate with commas)
        #[arg(long, value_delimiter = ',')]
        rack: Vec<String>,
        /// A saved asset filter (an asset query as JSON) instead of a place
        #[arg(long)]
        filter: Option<String>,
    },
    /// Every audit with its progress
    List,
    /// Scan tags or serials (`-`: one per line from standard input, as a scanner types them)
    Scan {
        audit: String,
        #[arg(required = true)]
        codes: Vec<String>,
    },
    /// Mark an item by hand: found, missing, found_elsewhere (with --rack/--unit …),
    /// wrong_status (with --status) or unexpected
    Mark {
        audit: String,
        item: String,
        #[arg(long)]
        outcome: String,
        #[arg(long, default_value = "")]
        site: String,
        #[arg(long, default_value = "")]
        room: String,
        #[arg(long, default_value = "")]
        rack: String,
        #[arg(long)]
        unit: Option<u32>,
        /// The status the asset is actually in (wrong_status)
        #[arg(long, default_value = "")]
        status: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Attach a photo to an item's latest mark (scaled to 1,600 px, stored as JPEG)
    Photo {
        audit: String,
        item: String,
        file: PathBuf,
    },
    /// The audit's items (all, or only the unchecked ones)
    Show {
        audit: String,
        #[arg(long)]
        unchecked: bool,
    },
    /// Close the audit and print its discrepancy list
    Close { audit: String },
    /// Apply the corrections of a closed audit (all, or only these tags)
    Apply {
        audit: String,
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
    /// The audit report (counts, accuracy, discrepancies) as a PDF
    Report {
        audit: String,
        #[arg(long)]
        pdf: PathBuf,
        #[arg(long, default_value = "ko")]
        lang: String,
    },
    /// How often a site or room is audited (every N months from a start date)
    Schedule {
        #[arg(long)]
        site: String,
        #[arg(long, default_value = "")]
        room: String,
        #[arg(long)]
        every_months: u32,
        #[arg(long)]
        start: String,
    },
    /// Places whose audit is overdue
    Overdue {
        /// The day to judge on (YYYY-MM-DD); default today, in this machine's time zone
        #[arg(long)]
        today: Option<String>,
    },
}

/// An audit by id, or by name (the newest of that name).
fn find(ws: &Workspace, wanted: &str) -> anyhow::Result<String> {
    let audits = ws.audits();
    audits
        .iter()
        .find(|a| a.audit.id == wanted.trim())
        .or_else(|| audits.iter().find(|a| a.audit.name == wanted.trim()))
        .map(|a| a.audit.id.clone())
        .with_context(|| format!("no audit '{wanted}': `cloudwright audit list` shows them"))
}

fn print_answer(answer: &ScanAnswer) {
    let what = match answer.result {
        ScanResult::Found => "found",
        ScanResult::AlreadyMarked => "already marked",
        ScanResult::NotExpected => "NOT EXPECTED here (recorded elsewhere)",
        ScanResult::Unknown => "UNKNOWN: not in the register",
    };
    let place = answer
        .recorded
        .as_ref()
        .map(|l| {
            format!(
                " · recorded {} {}",
                l.rack,
                l.unit.map(|u| format!("U{u}")).unwrap_or_default()
            )
        })
        .unwrap_or_default();
    println!(
        "{}\t{what}\t{}{place}\t[{}/{} checked]",
        answer.code, answer.tag, answer.counts.checked, answer.counts.expected
    );
}

pub fn run(context: &Context, command: AuditCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        AuditCommand::Start {
            name,
            site,
            room,
            row,
            rack,
            filter,
        } => {
            let scope = AuditScope {
                site,
                room,
                rows: row,
                racks: rack,
                filter,
            };
            let summary = ws.start_audit(ulid::Ulid::new(), &name, scope, &context.stamp()?)?;
            println!(
                "{}\t{}\t{} assets expected",
                summary.audit.id, summary.audit.name, summary.counts.expected
            );
        }
        AuditCommand::List => {
            for s in ws.audits() {
                let state = if s.audit.closed.is_some() {
                    "closed"
                } else {
                    "open"
                };
                println!(
                    "{}\t{}\t{state}\t{}/{} checked\t{} discrepancies",
                    s.audit.id,
                    s.audit.name,
                    s.counts.checked,
                    s.counts.expected,
                    s.counts.discrepancies(s.audit.closed.is_some())
                );
            }
        }
        AuditCommand::Scan { audit, codes } => {
            let id = find(&ws, &audit)?;
            if codes == ["-"] {
                for line in std::io::stdin().lock().lines() {
                    let line = line?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    print_answer(&ws.audit_scan(&id, &line, &context.stamp()?)?);
                }
            } else {
                for code in codes {
                    print_answer(&ws.audit_scan(&id, &code, &context.stamp()?)?);
                }
            }
        }
        AuditCommand::Mark {
            audit,
            item,
            outcome,
            site,
            room,
            rack,
            unit,
            status,
            note,
        } => {
            let id = find(&ws, &audit)?;
            let actual =
                (!(site.is_empty() && room.is_empty() && rack.is_empty())).then(|| Location {
                    site,
                    room,
                    row: String::new(),
                    rack,
                    unit,
                });
            let input = MarkInput {
                item,
                outcome,
                actual,
                actual_status: status,
                note,
            };
            let s = ws.audit_mark(&id, &input, &context.stamp()?)?;
            println!("marked: {}/{} checked", s.counts.checked, s.counts.expected);
        }
        AuditCommand::Photo { audit, item, file } => {
            let id = find(&ws, &audit)?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let sha = ws.add_audit_photo(&id, &item, &bytes, &context.stamp()?)?;
            println!("photo {sha} attached to {item}");
        }
        AuditCommand::Show { audit, unchecked } => {
            let id = find(&ws, &audit)?;
            let filter = if unchecked {
                ItemFilter::Unchecked
            } else {
                ItemFilter::All
            };
            let view = ws.audit_view(&id, filter, u32::MAX)?;
            for item in view.items {
                let mark = item
                    .mark
                    .map(|m| m.outcome.code().to_owned())
                    .unwrap_or_else(|| "-".into());
                let place = item
                    .recorded
                    .map(|l| {
                        format!(
                            "{} {}",
                            l.rack,
                            l.unit.map(|u| format!("U{u}")).unwrap_or_default()
                        )
                    })
                    .unwrap_or_default();
                println!("{}\t{}\t{place}\t{mark}", item.tag, item.model);
            }
        }
        AuditCommand::Close { audit } => {
            let id = find(&ws, &audit)?;
            let list = ws.close_audit(&id, &context.stamp()?)?;
            println!("closed: {} discrepancies", list.len());
            for d in list {
                println!(
                    "{}\t{}{}",
                    d.tag,
                    d.outcome.code(),
                    if d.unchecked { " (not checked)" } else { "" }
                );
            }
        }
        AuditCommand::Apply { audit, only } => {
            let id = find(&ws, &audit)?;
            let only = (!only.is_empty()).then_some(only.as_slice());
            let report = ws.apply_audit(&id, only, &context.stamp()?)?;
            println!("applied {} corrections", report.applied);
            for refused in &report.failed {
                eprintln!("not applied: {}: {}", refused.tag, refused.reason);
            }
            if !report.failed.is_empty() {
                bail!(
                    "{} corrections were refused by the records",
                    report.failed.len()
                );
            }
        }
        AuditCommand::Report { audit, pdf, lang } => {
            let id = find(&ws, &audit)?;
            let summary = ws
                .audits()
                .into_iter()
                .find(|a| a.audit.id == id)
                .context("the audit is gone")?;
            let list = ws.audit_discrepancies(&id)?;
            let bytes = audit_report_pdf(
                &ws.meta().name,
                &summary,
                &list,
                language(&lang)?,
                &generated_line(context)?,
            )?;
            std::fs::write(&pdf, bytes)
                .with_context(|| format!("cannot write {}", pdf.display()))?;
            println!("wrote the audit report to {}", pdf.display());
        }
        AuditCommand::Schedule {
            site,
            room,
            every_months,
            start,
        } => {
            let s = ws.set_audit_schedule(
                ulid::Ulid::new(),
                &site,
                &room,
                every_months,
                &start,
                &context.stamp()?,
            )?;
            println!(
                "{} {}: every {} months from {}",
                s.site, s.room, s.every_months, s.start.0
            );
        }
        AuditCommand::Overdue { today } => {
            let today = match today {
                Some(text) => cloudwright_core::assets::input::parse_date(&text)
                    .with_context(|| format!("--today '{text}' is not a date (YYYY-MM-DD)"))?,
                None => crate::context::local_today(),
            };
            for alert in ws.audits_overdue(&today) {
                println!(
                    "{}\tdue {}\t{} days overdue",
                    alert.subject, alert.due.0, alert.days_overdue
                );
            }
        }
    }
    Ok(())
}
