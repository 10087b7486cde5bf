//! `cloudwright login`, `logout`, `sync` and `sync status`.

use std::io::{BufRead, IsTerminal};

use anyhow::Context as _;
use clap::{Args, Subcommand};
use cloudwright_core::sync::Progress;
use cloudwright_sync_client::session;

use crate::context::{now_ms, Context};

#[derive(Args)]
pub struct LoginArgs {
    /// Server address, e.g. https://sync.example.kr:8443 or 10.0.0.5:8080
    #[arg(long)]
    server: String,
    /// User name on the server
    #[arg(long)]
    user: String,
    /// Password (otherwise read from standard input, or asked for at a terminal)
    #[arg(long)]
    password: Option<String>,
    /// The server's workspace (name or id) to bind the local workspace given with
    /// --workspace to, whatever its name: how a workspace restored from a backup rejoins the
    /// team's. Without it, --workspace names the server's workspace and the local one of
    /// the same id or name is bound (or created)
    #[arg(long)]
    remote_workspace: Option<String>,
}

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Where this workspace syncs to, when it last did, and what waits
    Status {
        #[arg(long)]
        json: bool,
    },
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("password: ").context("cannot read the password");
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub fn login(context: &Context, args: LoginArgs) -> anyhow::Result<()> {
    let password = match args.password {
        Some(password) if password != "-" => password,
        _ => read_password()?,
    };
    let logged = match &args.remote_workspace {
        Some(remote) => session::login_into(
            &context.store,
            context.workspace()?.meta(),
            &args.server,
            &args.user,
            &password,
            Some(remote),
            now_ms(),
        )?,
        None => session::login(
            &context.store,
            &args.server,
            &args.user,
            &password,
            context.workspace_name.as_deref(),
            now_ms(),
        )?,
    };
    let meta = logged.workspace.meta();
    println!(
        "logged in as {} to '{}' ({}) as {}{}",
        args.user,
        logged.remote.name,
        logged.remote.id,
        logged.remote.role,
        if logged.created_locally {
            format!("; created local workspace '{}'", meta.name)
        } else {
            format!("; local workspace '{}'", meta.name)
        }
    );
    let pending = logged.workspace.sync_pending()?;
    println!("{pending} documents wait to be pushed: run `cloudwright sync`");
    Ok(())
}

pub fn logout(context: &Context) -> anyhow::Result<()> {
    let workspace = context.workspace()?;
    session::logout(&context.store, &workspace)?;
    println!("logged out of workspace '{}'", workspace.meta().name);
    Ok(())
}

/// What became of the roster after a sync, when it is worth saying.
fn roster_said(outcome: &session::RosterOutcome) {
    use cloudwright_core::sync::RosterKept;
    match outcome {
        session::RosterOutcome::Fetched(RosterKept::Kept { .. }) => {}
        session::RosterOutcome::Fetched(RosterKept::NotVerified) => eprintln!(
            "warning: the server's roster is not signed by the key this workspace pinned at \
             login: it was not kept (`cloudwright members` shows the one kept before)"
        ),
        session::RosterOutcome::Fetched(RosterKept::Older { kept, offered }) => eprintln!(
            "warning: the server's roster (version {offered}) is older than the one kept here \
             (version {kept}): it was not kept"
        ),
        session::RosterOutcome::Fetched(RosterKept::NoPinnedKey) => eprintln!(
            "note: this workspace was logged in before the server had a key: log in again to \
             keep its roster"
        ),
        session::RosterOutcome::Unavailable(reason) => {
            eprintln!("note: the roster was not fetched ({reason})")
        }
    }
}

/// `progress_lines`: every step's progress as a line of its own on standard error (for
/// scripts and tests; a terminal gets one line kept up to date anyway).
pub fn sync(
    context: &Context,
    command: Option<SyncCommand>,
    progress_lines: bool,
) -> anyhow::Result<()> {
    let workspace = context.workspace()?;
    match command {
        None => {
            let mut last = None;
            let synced =
                session::sync_with_roster(&context.store, &workspace, now_ms(), &mut |p| {
                    let line = match p {
                        Progress::Pushed { done, pending } => {
                            format!("pushed {done}, {pending} to go")
                        }
                        Progress::Pulled { done } => format!("pulled {done}"),
                        Progress::Blobs { done, total } => format!("files {done}/{total}"),
                        Progress::FileBytes { done, total } => format!("bytes {done}/{total}"),
                    };
                    if progress_lines {
                        eprintln!("{line}");
                    } else if std::io::stderr().is_terminal() && Some(p) != last {
                        eprint!("\r{line:<40}");
                        last = Some(p);
                    }
                });
            if last.is_some() {
                eprintln!();
            }
            let synced = synced?;
            let record = synced.record;
            println!(
                "synced '{}': pushed {} documents, pulled {}, files up {}, down {}",
                workspace.meta().name,
                record.pushed,
                record.pulled,
                record.blobs_up,
                record.blobs_down
            );
            if record.held_back > 0 {
                println!(
                    "{} documents were not taken: the server says this account may not push them (not_entitled: a decision its roster no longer lets you make, or a record outside your role); they stay here",
                    record.held_back
                );
            }
            set_aside_said(&workspace.set_aside()?);
            too_large_said(&workspace.files_too_large()?);
            let findings = workspace.findings()?.len();
            if findings > 0 {
                println!("{findings} findings need a decision (the findings screen in the app lists them)");
            }
            roster_said(&synced.roster);
        }
        Some(SyncCommand::Status { json }) => {
            let binding = workspace.sync_binding()?;
            let logged_in = session::is_logged_in(&context.store, &workspace)?;
            let pending = workspace.sync_pending()?;
            let last = workspace.last_sync()?;
            let findings = workspace.findings()?.len();
            if json {
                let status = serde_json::json!({
                    "workspace": workspace.meta().name,
                    "binding": binding,
                    "logged_in": logged_in,
                    "pending": pending,
                    "cursor": workspace.sync_cursor()?,
                    "last": last,
                    "findings": findings,
                    "set_aside": workspace.set_aside()?,
                    "files_too_large": workspace.files_too_large()?,
                });
                println!("{}", serde_json::to_string_pretty(&status)?);
                return Ok(());
            }
            match binding {
                None => println!(
                    "'{}' is not synced with a server: run `cloudwright login --server URL --user NAME`",
                    workspace.meta().name
                ),
                Some(binding) => {
                    println!(
                        "'{}' syncs with {} as {}{}",
                        workspace.meta().name,
                        binding.server,
                        binding.user,
                        if logged_in { "" } else { " (logged out)" }
                    );
                    match last {
                        Some(last) => println!(
                            "last sync {}: pushed {}, pulled {}",
                            cloudwright_core::stamp::UtcTime::from_ms(last.at_ms),
                            last.pushed,
                            last.pulled
                        ),
                        None => println!("never synced"),
                    }
                    println!("{pending} documents wait to be pushed; {findings} findings");
                }
            }
        }
    }
    Ok(())
}

/// Records this device keeps but does not list, each with why and what to do: the sync went
/// on around them.
fn set_aside_said(set_aside: &[cloudwright_core::sync::aside::SetAside]) {
    use cloudwright_core::sync::aside::AsideReason;
    if set_aside.is_empty() {
        return;
    }
    println!(
        "{} records set aside on this device (everything else synced):",
        set_aside.len()
    );
    for aside in set_aside.iter().take(10) {
        let what = match aside.reason {
            AsideReason::Newer => "made by a newer version of Cloudwright: update to see it",
            AsideReason::Damaged => "damaged: tell an administrator",
            AsideReason::RefusedByServer => {
                "not taken by the team server: your changes stay here and go again with the next edit"
            }
        };
        println!("  {}\t{what} ({})", aside.doc_id, aside.detail);
    }
    if set_aside.len() > 10 {
        println!("  and {} more", set_aside.len() - 10);
    }
}

/// Files the team server refused as larger than it takes: kept here, tried again a day later.
fn too_large_said(files: &[cloudwright_core::sync::client::FileTooLarge]) {
    if files.is_empty() {
        return;
    }
    println!(
        "{} files too large for the team server stay on this device (everything else synced):",
        files.len()
    );
    let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1_000_000.0);
    for file in files {
        let limit = match file.limit_bytes {
            0 => "the server did not say its limit".to_owned(),
            limit => format!("the limit is {}", mb(limit)),
        };
        println!("  {}\t{}, {limit}", file.sha256, mb(file.bytes));
    }
}
