//! `cloudwright asset assign|return|maintain|dispose|plan|alerts|life|assigned`: an asset's
//! life after it is registered. Each subcommand reads its flags into core's input (text, as
//! the forms give it), takes one step, and prints what changed; a refused step prints every
//! reason and exits 1.

use std::path::PathBuf;

use anyhow::{anyhow, Context as _};
use clap::{Args, Subcommand};
use cloudwright_core::assets::Date;
use cloudwright_core::lifecycle::plans::PlanInput;
use cloudwright_core::lifecycle::rules::{
    AssignInput, DisposalDecisionInput, DisposalRequestInput, DisposeInput, FinishMaintenanceInput,
    MaintenanceInput, ReturnInput, WipeInput,
};
use cloudwright_core::lifecycle::{LifecycleError, Step};
use cloudwright_core::store::Workspace;

use crate::context::Context;

mod show;

/// The day a step is taken on: the user's date, by default today's UTC date.
#[derive(Args)]
pub struct TodayArg {
    /// The day it is for you (YYYY-MM-DD) [default: today, in this machine's time zone]
    #[arg(long)]
    today: Option<String>,
}

impl TodayArg {
    pub(crate) fn date(&self) -> anyhow::Result<Date> {
        match &self.today {
            None => Ok(crate::context::local_today()),
            Some(text) => cloudwright_core::assets::input::parse_date(text)
                .ok_or_else(|| anyhow!("--today '{text}' is not a date (use YYYY-MM-DD)")),
        }
    }
}

#[derive(Subcommand)]
pub enum LifeCommand {
    /// Assign an asset to a person (or with --job to a job or project)
    Assign {
        /// Asset tag or id
        asset: String,
        #[arg(long)]
        to: String,
        /// The assignee is a job or project, not a person
        #[arg(long)]
        job: bool,
        /// The day it is due back (YYYY-MM-DD)
        #[arg(long, default_value = "")]
        due: String,
        /// The day it was handed over [default: today]
        #[arg(long, default_value = "")]
        from: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Take an assigned asset back, with the condition it came back in
    Return {
        asset: String,
        /// good, worn, damaged or broken
        #[arg(long)]
        condition: String,
        #[arg(long, default_value = "")]
        on: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Record maintenance (done, or with --open under way); with --finish, end the work under way
    Maintain(MaintainArgs),
    /// Disposal: request, approve or reject, record the data wipe, complete; the certificate
    #[command(subcommand)]
    Dispose(DisposeCommand),
    /// Maintenance plans: add, list
    #[command(subcommand)]
    Plan(PlanCommand),
    /// What needs attention, from every area: overdue returns, maintenance due or overdue,
    /// audits overdue, racks over their power, cooling or weight, cables that failed a test
    Alerts {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        today: TodayArg,
    },
    /// An asset's assignments, maintenance and disposal
    Life {
        asset: String,
        #[arg(long)]
        json: bool,
    },
    /// A person's (or job's) current and past assignments
    Assigned {
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct MaintainArgs {
    asset: String,
    /// End the maintenance under way (with --finished, --cost, --downtime, --notes)
    #[arg(long, conflicts_with_all = ["kind", "open", "plan", "vendor", "on"])]
    finish: bool,
    /// preventive, repair, upgrade or inspection
    #[arg(long, required_unless_present = "finish")]
    kind: Option<String>,
    /// The day the work started [default: today]
    #[arg(long, default_value = "")]
    on: String,
    /// The day the work ended [default: the day it started, or today with --finish]
    #[arg(long, default_value = "")]
    finished: String,
    /// The work is under way: the asset is under maintenance until `maintain --finish`
    #[arg(long, conflicts_with = "finished")]
    open: bool,
    #[arg(long, default_value = "")]
    vendor: String,
    #[arg(long, default_value = "")]
    cost: String,
    /// KRW (default), USD, EUR, JPY or CNY
    #[arg(long, default_value = "")]
    currency: String,
    /// Hours out of service
    #[arg(long, default_value = "")]
    downtime: String,
    #[arg(long, default_value = "")]
    notes: String,
    /// The maintenance plan this work was for (its id)
    #[arg(long, default_value = "")]
    plan: String,
    #[command(flatten)]
    today: TodayArg,
}

#[derive(Subcommand)]
pub enum DisposeCommand {
    /// Ask to dispose of an asset (it is retiring until the request is decided)
    Request {
        asset: String,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        on: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Approve a request (not by the person who asked)
    Approve {
        asset: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, default_value = "")]
        on: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Reject a request, saying why; the asset gets its status back
    Reject {
        asset: String,
        #[arg(long)]
        note: String,
        #[arg(long, default_value = "")]
        on: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Record the data wipe of an approved disposal (NIST SP 800-88), verified by a second person
    Wipe {
        asset: String,
        /// clear, purge or destroy
        #[arg(long)]
        method: String,
        #[arg(long)]
        tool: String,
        /// Who wiped: in a team's workspace a member (account id or name)
        #[arg(long)]
        wiped_by: String,
        /// Who verified: in a team's workspace the member logged in here, who signs it
        #[arg(long, default_value = "")]
        verified_by: String,
        /// The wipe certificate's number
        #[arg(long)]
        certificate: String,
        /// The wipe report to attach
        #[arg(long)]
        report: Option<PathBuf>,
        #[arg(long, default_value = "")]
        on: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// The asset left: disposed of through a vendor in a batch
    Complete {
        asset: String,
        #[arg(long)]
        vendor: String,
        #[arg(long)]
        batch: String,
        #[arg(long, default_value = "")]
        on: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// The certificate of disposal of a batch, as PDF
    Certificate {
        #[arg(long)]
        batch: String,
        #[arg(long)]
        pdf: PathBuf,
        /// ko or en
        #[arg(long, default_value = "ko")]
        lang: String,
    },
}

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Add a maintenance plan for one asset (--asset) or every asset of a type (--type)
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "", required_unless_present = "asset_type")]
        asset: String,
        #[arg(long = "type", default_value = "")]
        asset_type: String,
        /// preventive, repair, upgrade or inspection
        #[arg(long, default_value = "preventive")]
        kind: String,
        /// Every N units
        #[arg(long)]
        every: u32,
        /// days, weeks, months or years
        #[arg(long)]
        unit: String,
        /// The first due date (YYYY-MM-DD)
        #[arg(long)]
        start: String,
        /// Remind this many days before each due date
        #[arg(long, default_value_t = 14)]
        remind_days: u32,
        #[arg(long, default_value = "")]
        vendor: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Stop a plan (by id or name): no more reminders; its records stay
    Stop { plan: String },
    /// Start a stopped plan again
    Resume { plan: String },
    /// List the plans with their next due dates
    List {
        #[arg(long)]
        json: bool,
    },
}

/// A refused step as one error whose lines are every reason, in English.
pub fn explain(error: LifecycleError) -> anyhow::Error {
    match error {
        LifecycleError::Refused(problems) => anyhow!(
            "refused:\n{}",
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => other.into(),
    }
}

fn step(
    context: &Context,
    ws: &Workspace,
    asset: &str,
    step: Step,
    today: &TodayArg,
) -> anyhow::Result<()> {
    let op = step.op();
    let row = ws
        .life_step(
            asset,
            step,
            ulid::Ulid::new(),
            &today.date()?,
            &context.stamp()?,
        )
        .map_err(explain)?;
    let status = cloudwright_core::assets::AssetField::Status.text(&row.asset);
    println!("{}\t{op}\tstatus {status}", row.asset.asset_tag);
    Ok(())
}

pub fn run(context: &Context, ws: &Workspace, command: LifeCommand) -> anyhow::Result<()> {
    match command {
        LifeCommand::Assign {
            asset,
            to,
            job,
            due,
            from,
            note,
            today,
        } => {
            let kind = if job { "job" } else { "person" }.to_owned();
            let input = AssignInput {
                kind,
                assignee: to,
                from,
                due,
                note,
            };
            step(context, ws, &asset, Step::Assign(&input), &today)?;
        }
        LifeCommand::Return {
            asset,
            condition,
            on,
            note,
            today,
        } => {
            let input = ReturnInput {
                on,
                condition,
                note,
            };
            step(context, ws, &asset, Step::Return(&input), &today)?;
        }
        LifeCommand::Maintain(args) => maintain(context, ws, args)?,
        LifeCommand::Dispose(command) => dispose(context, ws, command)?,
        LifeCommand::Plan(command) => plan(context, ws, command)?,
        LifeCommand::Alerts { json, today } => show::alerts(&ws.alerts(&today.date()?.0), json)?,
        LifeCommand::Life { asset, json } => {
            let row = ws.asset(&asset)?;
            let life = ws.asset_life(&asset).map_err(explain)?;
            let decisions = ws.asset_decisions(&asset).map_err(explain)?;
            show::life(&row, &life, &decisions, json)?;
        }
        LifeCommand::Assigned { to, json } => show::assigned(&to, &ws.assigned_to(&to), json)?,
    }
    Ok(())
}

fn maintain(context: &Context, ws: &Workspace, args: MaintainArgs) -> anyhow::Result<()> {
    if args.finish {
        let input = FinishMaintenanceInput {
            finished: args.finished,
            cost: args.cost,
            currency: args.currency,
            downtime_hours: args.downtime,
            notes: args.notes,
        };
        return step(
            context,
            ws,
            &args.asset,
            Step::FinishMaintenance(&input),
            &args.today,
        );
    }
    let input = MaintenanceInput {
        kind: args.kind.unwrap_or_default(),
        on: args.on,
        finished: args.finished,
        open: args.open,
        vendor: args.vendor,
        cost: args.cost,
        currency: args.currency,
        downtime_hours: args.downtime,
        notes: args.notes,
        plan: args.plan,
        attachments: Vec::new(),
    };
    step(
        context,
        ws,
        &args.asset,
        Step::Maintain(&input),
        &args.today,
    )
}

fn dispose(context: &Context, ws: &Workspace, command: DisposeCommand) -> anyhow::Result<()> {
    // The member logged in here signs the decisions (approval, rejection, wipe verification).
    let member = context.signing_member(ws)?;
    let signer = member.as_ref().map(|member| member.signer());
    match command {
        DisposeCommand::Request {
            asset,
            reason,
            on,
            today,
        } => {
            let input = DisposalRequestInput { reason, on };
            step(context, ws, &asset, Step::RequestDisposal(&input), &today)
        }
        DisposeCommand::Approve {
            asset,
            note,
            on,
            today,
        } => {
            let input = DisposalDecisionInput {
                approve: true,
                note,
                on,
            };
            step(
                context,
                ws,
                &asset,
                Step::DecideDisposal(&input, signer.as_ref()),
                &today,
            )
        }
        DisposeCommand::Reject {
            asset,
            note,
            on,
            today,
        } => {
            let input = DisposalDecisionInput {
                approve: false,
                note,
                on,
            };
            step(
                context,
                ws,
                &asset,
                Step::DecideDisposal(&input, signer.as_ref()),
                &today,
            )
        }
        DisposeCommand::Wipe {
            asset,
            method,
            tool,
            wiped_by,
            verified_by,
            certificate,
            report,
            on,
            today,
        } => {
            let input = WipeInput {
                method,
                tool,
                on,
                wiped_by,
                verified_by,
                certificate,
            };
            let file = match &report {
                Some(path) => Some((
                    file_name(path),
                    std::fs::read(path)
                        .with_context(|| format!("cannot read {}", path.display()))?,
                )),
                None => None,
            };
            let attached = file
                .as_ref()
                .map(|(name, bytes)| (name.as_str(), &bytes[..]));
            step(
                context,
                ws,
                &asset,
                Step::Wipe(&input, attached, signer.as_ref()),
                &today,
            )
        }
        DisposeCommand::Complete {
            asset,
            vendor,
            batch,
            on,
            today,
        } => {
            let input = DisposeInput { on, vendor, batch };
            step(context, ws, &asset, Step::Dispose(&input), &today)
        }
        DisposeCommand::Certificate { batch, pdf, lang } => {
            let generated = crate::reports::generated_line(context)?;
            let language = crate::reports::language(&lang)?;
            let lines = cloudwright_print::disposal_certificate::batch_lines(ws, &batch)?;
            let bytes = cloudwright_print::disposal_certificate::disposal_certificate_pdf(
                ws, &batch, language, &generated,
            )?;
            std::fs::write(&pdf, &bytes)
                .with_context(|| format!("cannot write {}", pdf.display()))?;
            let assets = match lines.len() {
                1 => "1 asset".to_owned(),
                n => format!("{n} assets"),
            };
            println!(
                "wrote the certificate of batch '{}' ({assets}) to {} ({} KB)",
                batch.trim(),
                pdf.display(),
                bytes.len() / 1024
            );
            Ok(())
        }
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_owned())
}

fn plan(context: &Context, ws: &Workspace, command: PlanCommand) -> anyhow::Result<()> {
    match command {
        PlanCommand::Add {
            name,
            asset,
            asset_type,
            kind,
            every,
            unit,
            start,
            remind_days,
            vendor,
            notes,
        } => {
            let input = PlanInput {
                name,
                asset,
                asset_type,
                kind,
                every,
                unit,
                start,
                remind_days,
                vendor,
                notes,
            };
            let plan = ws
                .add_maintenance_plan(ulid::Ulid::new(), &input, &context.stamp()?)
                .map_err(explain)?;
            println!("{}\t{}", plan.id, plan.name);
        }
        PlanCommand::Stop { plan } => {
            let plan = ws
                .set_plan_active(&plan, false, &context.stamp()?)
                .map_err(explain)?;
            println!("stopped {}\t{}", plan.id, plan.name);
        }
        PlanCommand::Resume { plan } => {
            let plan = ws
                .set_plan_active(&plan, true, &context.stamp()?)
                .map_err(explain)?;
            println!("resumed {}\t{}", plan.id, plan.name);
        }
        PlanCommand::List { json } => show::plans(&ws.plan_dues(), json)?,
    }
    Ok(())
}
