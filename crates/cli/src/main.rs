//! `cloudwright`: headless commands over cloudwright-core, for scripting and tests.
//! Each subcommand decodes its flags, calls core, and prints the result (text or `--json`).

mod asset_reports;
mod assets;
mod audits;
mod cables;
mod context;
mod csv_files;
mod designdocs;
mod files;
mod labels;
mod lifecycle;
mod members;
mod purchasing;
mod racks;
mod recover;
mod reports;
mod store;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use context::Context;

#[derive(Parser)]
#[command(
    name = "cloudwright",
    version,
    about = "Cloudwright: plan and track a cloud build-out from the command line"
)]
struct Cli {
    /// Data directory holding the local store [default: $XDG_DATA_HOME/cloudwright]
    #[arg(long, global = true, env = "CLOUDWRIGHT_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Workspace name or id (may be omitted when the data directory has exactly one)
    #[arg(long, global = true, env = "CLOUDWRIGHT_WORKSPACE")]
    workspace: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
enum Command {
    /// Create, list, export and import workspaces
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// The data directory's local backups: take one, list them, restore one
    #[command(subcommand)]
    Store(store::StoreCommand),
    /// Register, edit, list, import and export assets; assign, return, maintain, dispose
    #[command(subcommand)]
    Asset(assets::AssetCommand),
    /// Floor audits: start, scan, mark, close, apply the corrections, report
    #[command(subcommand)]
    Audit(audits::AuditCommand),
    /// Add, list, import, export and trace cables; print the cable schedule
    #[command(subcommand)]
    Cable(cables::CableCommand),
    /// Label media; cable labels and asset tags as PDF or ZPL
    #[command(subcommand)]
    Labels(labels::LabelsCommand),
    /// Print reports: rack elevations, power and cooling, asset register reports
    #[command(subcommand)]
    Report(reports::ReportCommand),
    /// List racks, show an elevation, place and remove devices; the device type catalogue
    #[command(subcommand)]
    Rack(racks::RackCommand),
    /// Purchasing: the vendors the team buys from
    #[command(subcommand)]
    Vendor(purchasing::VendorCommand),
    /// Purchasing: budgets per year and budget line, and what purchases use of them
    #[command(subcommand)]
    Budget(purchasing::budgets::BudgetCommand),
    /// Purchasing: purchase requests, their approval, quotes, orders and receipts
    #[command(subcommand)]
    Purchase(purchasing::requests::PurchaseCommand),
    /// Design documents: versions, reviews (signed when logged in), comments
    #[command(subcommand)]
    Doc(designdocs::DocCommand),
    /// Purchasing: the rules that choose a request's approval line (결재선)
    #[command(subcommand)]
    ApprovalRule(purchasing::requests::RuleCommand),
    /// Purchasing: someone acting for an absent approver over a range of days (대결)
    #[command(subcommand)]
    Substitute(purchasing::requests::SubstituteCommand),
    /// Log in to a team server and bind this workspace to one of the server's
    /// (--workspace names the server's workspace; a local one is created if needed)
    Login(sync::LoginArgs),
    /// Forget this workspace's login (local data and pending edits stay)
    Logout,
    /// The workspace's members, roles, capabilities and keys, as the roster kept here says
    /// (verified against the server's key on every read)
    Members {
        #[arg(long)]
        json: bool,
    },
    /// Sync with the team server now and print what moved; `sync status` shows the state
    Sync {
        #[command(subcommand)]
        command: Option<sync::SyncCommand>,
        /// Print each step's progress as a line of its own on standard error
        #[arg(long, hide = true)]
        progress: bool,
    },
    /// Large files by hash (a hidden way to drive `sync::large_files` until the design
    /// documents' commands use it)
    #[command(subcommand, hide = true)]
    File(files::FileCommand),
    /// Fill a workspace with a realistic Korean datacenter (created if missing)
    Demo {
        /// How many assets to generate
        #[arg(long, default_value_t = 2000)]
        assets: usize,
        /// Seed: the same seed gives the same workspace
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also add a room of this many racks, filled with placements of the register's assets
        #[arg(long, default_value_t = 0)]
        racks: usize,
        /// Also cable that room's racks, with at most this many cables (needs --racks)
        #[arg(long)]
        cables: Option<usize>,
        /// Also add vendors, budgets, approval rules and this many purchase requests at every
        /// stage (draft to ordered, rejected and cancelled among them)
        #[arg(long, default_value_t = 0)]
        purchases: usize,
    },
}

#[derive(Subcommand)]
enum WorkspaceCommand {
    /// Create a workspace
    Create { name: String },
    /// List the workspaces in the data directory
    List {
        #[arg(long)]
        json: bool,
    },
    /// Write the workspace (documents, files, manifest) into a new folder
    Export { dir: PathBuf },
    /// Bring an exported workspace in (refused if its id is here already)
    Import { dir: PathBuf },
}

/// `cloudwright … | head` closes the pipe before the output ends, and Rust's `println!`
/// panics on the broken pipe: stop quietly then, with the exit code a shell gives a program
/// that SIGPIPE ended (128 + 13), as other command-line tools do.
fn quiet_on_broken_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("Broken pipe") {
            std::process::exit(141);
        }
        report(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Store(store::StoreCommand::Recover) = &cli.command {
        return recover::run(cli.data_dir);
    }
    let context = Context::open(cli.data_dir, cli.workspace)?;
    match cli.command {
        Command::Workspace(WorkspaceCommand::Create { name }) => {
            let meta = context.store.create_workspace(&name, context::now_ms())?;
            println!("created workspace '{}' ({})", meta.name, meta.id);
        }
        Command::Workspace(WorkspaceCommand::List { json }) => {
            let workspaces = context.store.workspaces()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&workspaces)?);
            } else if workspaces.is_empty() {
                println!("no workspaces yet: create one with `cloudwright workspace create NAME`");
            } else {
                for meta in workspaces {
                    let count = context.store.workspace(&meta.id)?.asset_count();
                    // A name kept from before names were checked is shown with what it
                    // holds that a name may not as `\u{…}`, one workspace per line.
                    let name = cloudwright_core::names::shown(&meta.name);
                    println!("{name}\t{}\t{count} assets", meta.id);
                }
            }
        }
        Command::Demo {
            assets,
            seed,
            racks,
            cables,
            purchases,
        } => {
            if cables.is_some() && racks == 0 {
                anyhow::bail!(
                    "--cables needs --racks: the demo's cables run between the racks of the room it adds"
                );
            }
            let name = context
                .workspace_name
                .clone()
                .unwrap_or_else(|| "데모-데이터센터".to_owned());
            let meta = match context.store.find_workspace(&name) {
                Ok(meta) => meta,
                Err(_) => context.store.create_workspace(&name, context::now_ms())?,
            };
            let workspace = context.store.workspace(&meta.id)?;
            let plan = cloudwright_core::sample::SamplePlan {
                assets,
                racks,
                cables,
                seed,
            };
            let made = cloudwright_core::sample::generate(&workspace, &plan, &context.stamp()?)?;
            println!(
                "generated {} assets in workspace '{}'",
                made.assets, meta.name
            );
            if let Some(summary) = &made.racks {
                println!(
                    "generated room '{}': {} racks, {} devices ({} of them registered assets)",
                    summary.room, summary.racks, summary.placements, summary.with_assets
                );
            }
            if let (Some(summary), Some(asked)) = (&made.cables, cables) {
                let fit = if summary.written < asked {
                    format!("all that fit the room's racks; {asked} asked")
                } else {
                    format!("the room's racks hold {}", summary.fit)
                };
                println!("generated {} cables ({fit})", summary.written);
                if summary.refused > 0 {
                    println!(
                        "left out {} cables that clash with cables already in the workspace",
                        summary.refused
                    );
                }
            }
            if purchases > 0 {
                let made = cloudwright_core::purchasing::demo::generate(
                    &workspace,
                    purchases,
                    5,
                    seed,
                    &context.stamp()?,
                )
                .map_err(|error| anyhow::anyhow!("{error}"))?;
                println!(
                    "generated {} vendors, {} budgets and {} purchase requests ({} lines) at every stage",
                    made.vendors, made.budgets, made.requests, made.lines
                );
            }
        }
        Command::Workspace(WorkspaceCommand::Export { dir }) => store::export(&context, &dir)?,
        Command::Workspace(WorkspaceCommand::Import { dir }) => store::import(&context, &dir)?,
        Command::Store(command) => store::run(&context, command)?,
        Command::Rack(command) => racks::run(&context, command)?,
        Command::Vendor(command) => purchasing::run(&context, command)?,
        Command::Purchase(command) => purchasing::requests::run(&context, command)?,
        Command::Doc(command) => designdocs::run(&context, command)?,
        Command::ApprovalRule(command) => purchasing::requests::run_rules(&context, command)?,
        Command::Substitute(command) => purchasing::requests::run_substitutes(&context, command)?,
        Command::Budget(command) => purchasing::budgets::run(&context, command)?,
        Command::Report(command) => reports::run(&context, command)?,
        Command::Cable(command) => cables::run(&context, command)?,
        Command::Audit(command) => audits::run(&context, command)?,
        Command::Labels(command) => labels::run(&context, command)?,
        Command::Asset(command) => assets::run(&context, command)?,
        Command::Login(args) => sync::login(&context, args)?,
        Command::Logout => sync::logout(&context)?,
        Command::Sync { command, progress } => sync::sync(&context, command, progress)?,
        Command::File(command) => files::run(&context, command)?,
        Command::Members { json } => members::members(&context, json)?,
    }
    Ok(())
}
