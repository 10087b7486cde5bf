//! `cloudwright-sync admin …`: workspaces, users, memberships, capabilities, device keys and
//! API tokens, written straight into the data directory while the server is stopped; `backup`
//! also while it runs (through its control socket, see `control.rs`), and `restore` (see
//! `backup/`). The roster commands are in `admin/roster.rs`.

mod docs;
mod roster;

use std::io::BufRead as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand};
use serde_json::json;

use cloudwright_core::store::{Store, StoreError, WorkspaceMeta};

use crate::auth::{Auth, Role, TokenKind};
use crate::session::now_ms;

#[derive(Args)]
pub struct AdminArgs {
    /// Data directory of the server's store
    #[arg(long, global = true, env = "CLOUDWRIGHT_SYNC_DATA_DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: AdminCommand,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create and list workspaces
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// Add users to workspaces, change roles and passwords
    #[command(subcommand)]
    User(UserCommand),
    /// Issue, list and revoke API tokens for automation
    #[command(subcommand)]
    Token(TokenCommand),
    /// List and revoke the device keys registered to users
    #[command(subcommand)]
    Key(roster::KeyCommand),
    /// List a workspace's documents, show one, and quarantine a bad one
    #[command(subcommand)]
    Doc(docs::DocCommand),
    /// Back the whole server up into a new folder, also while it serves
    Backup {
        /// The backup folder: new, or an empty folder
        dir: PathBuf,
    },
    /// Restore a backup into the data directory (the server stopped)
    Restore {
        /// A folder `admin backup` wrote
        dir: PathBuf,
        /// Move the data already in the data directory aside (into its replaced-… folder)
        /// instead of refusing
        #[arg(long)]
        replace_existing_data: bool,
    },
}

#[derive(Subcommand)]
enum WorkspaceCommand {
    /// Create a workspace and print its id
    Create { name: String },
    /// List the workspaces
    List {
        #[arg(long)]
        json: bool,
    },
    /// Print a workspace's roster: members, roles, capabilities, keys
    Roster {
        /// Workspace name or id
        workspace: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user (if new) and make it a member of a workspace
    Add {
        name: String,
        /// The password; '-' reads it from the first line of standard input
        #[arg(long)]
        password: String,
        /// Workspace name or id
        #[arg(long)]
        workspace: String,
        /// admin, editor, auditor or viewer
        #[arg(long)]
        role: Role,
        /// How the user is shown (e.g. "김민준"); the user name when none is given. Given for
        /// an existing user, it replaces the one it had
        #[arg(long)]
        display_name: Option<String>,
    },
    /// List users and their memberships
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a member's role in a workspace
    Role {
        name: String,
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        role: Role,
    },
    /// Reset a user's password; ends the user's sessions (API tokens stay)
    Password {
        name: String,
        /// The new password; '-' reads it from the first line of standard input
        #[arg(long)]
        password: String,
    },
    /// Grant a member a capability in a workspace (from now)
    Grant(roster::GrantArgs),
    /// Take a capability back from a member (from now; decisions made before stay valid)
    Ungrant(roster::UngrantArgs),
    /// Remove a user from a workspace
    Remove {
        name: String,
        #[arg(long)]
        workspace: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Issue an API token and print it (it is shown only this once)
    Issue {
        name: String,
        #[arg(long)]
        label: Option<String>,
        /// Seconds until the token expires [default: never]
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
        expires_in_secs: Option<u64>,
    },
    /// List a user's tokens (ids and labels, never the tokens themselves)
    List {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token by its id
    Revoke { id: String },
}

pub fn run(args: AdminArgs) -> anyhow::Result<()> {
    let data_dir = args
        .data_dir
        .context("no data directory: pass --data-dir")?;
    match &args.command {
        AdminCommand::Backup { dir } => return crate::backup::admin_backup(&data_dir, dir),
        AdminCommand::Restore {
            dir,
            replace_existing_data,
        } => return crate::backup::admin_restore(&data_dir, dir, *replace_existing_data),
        _ => {}
    }
    crate::backup::refuse_unfinished_restore(&data_dir)?;
    let store = open_store(&data_dir)?;
    let auth = Auth::open(&store)?;
    let mut rng = rand::rngs::OsRng;
    match args.command {
        AdminCommand::Workspace(WorkspaceCommand::Create { name }) => {
            println!("{}", store.create_workspace(&name, now_ms())?.id);
        }
        AdminCommand::Workspace(WorkspaceCommand::List { json }) => {
            let list = store.workspaces()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for meta in list {
                    // A name kept from before names were checked: `\u{…}` for what it
                    // holds that a name may not, one workspace per line.
                    let name = cloudwright_core::names::shown(&meta.name);
                    println!("{}  {name}", meta.id);
                }
            }
        }
        AdminCommand::User(UserCommand::Add {
            name,
            password,
            workspace,
            role,
            display_name,
        }) => {
            let meta = store.find_workspace(&workspace)?;
            let password = read_password(password)?;
            auth.add_member(
                &name,
                &password,
                display_name.as_deref(),
                &meta.id,
                role,
                now_ms(),
                &mut rng,
            )?;
            println!("{name} is {role} in {} ({})", meta.name, meta.id);
        }
        AdminCommand::User(UserCommand::List { json }) => list_users(&store, &auth, json)?,
        AdminCommand::User(UserCommand::Role {
            name,
            workspace,
            role,
        }) => {
            let meta = store.find_workspace(&workspace)?;
            let name = auth.login_name(&name)?;
            auth.set_role(&name, &meta.id, role, now_ms())?;
            println!("{name} is {role} in {} ({})", meta.name, meta.id);
        }
        AdminCommand::User(UserCommand::Password { name, password }) => {
            let password = read_password(password)?;
            let name = auth.login_name(&name)?;
            let ended = auth.set_password(&name, &password, &mut rng)?;
            println!("password of {name} changed; {ended} session(s) ended");
        }
        AdminCommand::User(UserCommand::Remove { name, workspace }) => {
            let meta = store.find_workspace(&workspace)?;
            let name = auth.login_name(&name)?;
            auth.remove_member(&name, &meta.id, now_ms())?;
            println!("{name} removed from {} ({})", meta.name, meta.id);
        }
        AdminCommand::Token(TokenCommand::Issue {
            name,
            label,
            expires_in_secs,
        }) => {
            let now = now_ms();
            let name = auth.login_name(&name)?;
            let expires_at_ms = expires_in_secs.map(|secs| {
                now.saturating_add(i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX))
            });
            let issued =
                auth.issue_token(&name, TokenKind::Api, label, now, expires_at_ms, &mut rng)?;
            eprintln!(
                "token {} for {name} (shown only this once):",
                issued.record.id
            );
            println!("{}", issued.secret);
        }
        AdminCommand::Token(TokenCommand::List { name, json }) => {
            let tokens = auth.tokens(&auth.login_name(&name)?)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&tokens)?);
            } else {
                for token in tokens {
                    let kind = match token.kind {
                        TokenKind::Session => "session",
                        TokenKind::Api => "api",
                    };
                    let expires = token
                        .expires_at_ms
                        .map_or("never".to_owned(), |ms| format!("expires_at_ms={ms}"));
                    let label = token.label.unwrap_or_default();
                    println!("{}  {kind}  {expires}  {label}", token.id);
                }
            }
        }
        AdminCommand::Token(TokenCommand::Revoke { id }) => {
            let record = auth.revoke_token_id(&id)?;
            println!("token {} of {} revoked", record.id, record.user);
        }
        AdminCommand::Workspace(WorkspaceCommand::Roster { workspace, json }) => {
            roster::roster(&store, &auth, &workspace, json)?
        }
        AdminCommand::User(UserCommand::Grant(args)) => roster::grant(&store, &auth, args)?,
        AdminCommand::User(UserCommand::Ungrant(args)) => roster::ungrant(&store, &auth, args)?,
        AdminCommand::Key(command) => roster::key(&auth, command)?,
        AdminCommand::Doc(command) => docs::doc(&store, command)?,
        AdminCommand::Backup { .. } | AdminCommand::Restore { .. } => {}
    }
    Ok(())
}

/// Opens the store, telling a locked one (the server is running) apart from other failures.
pub(crate) fn open_store(data_dir: &Path) -> anyhow::Result<Store> {
    match crate::open_data_dir(data_dir) {
        Ok(store) => Ok(store),
        Err(error @ StoreError::Unreadable { .. }) => Err(anyhow::anyhow!(
            "the data directory is in use by a running server (stop it first): {error}"
        )),
        Err(error) => Err(error.into()),
    }
}

fn read_password(password: String) -> anyhow::Result<String> {
    if password != "-" {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("could not read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn list_users(store: &Store, auth: &Auth, json: bool) -> anyhow::Result<()> {
    let workspaces = store.workspaces()?;
    let name_of = |id| {
        workspaces
            .iter()
            .find(|meta: &&WorkspaceMeta| meta.id == id)
            .map_or("?".to_owned(), |meta| meta.name.clone())
    };
    let mut rows = Vec::new();
    for user in auth.users()? {
        let memberships: Vec<_> = auth
            .memberships(&user.name)?
            .into_iter()
            .map(|(id, role)| json!({"id": id.to_string(), "name": name_of(id), "role": role.as_str()}))
            .collect();
        rows.push(json!({
            "id": user.id,
            "name": user.name,
            "display_name": user.shown_name(),
            "created_at_ms": user.created_at_ms,
            "workspaces": memberships,
        }));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for row in rows {
        let memberships: Vec<String> = row["workspaces"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                format!(
                    "{} ({})",
                    m["name"].as_str().unwrap_or_default(),
                    m["role"].as_str().unwrap_or_default()
                )
            })
            .collect();
        let name = row["name"].as_str().unwrap_or_default();
        let shown = row["display_name"].as_str().unwrap_or_default();
        let also = if shown == name {
            String::new()
        } else {
            format!(" ({shown})")
        };
        println!(
            "{}  {name}{also}  {}",
            row["id"].as_str().unwrap_or_default(),
            memberships.join(", ")
        );
    }
    Ok(())
}
