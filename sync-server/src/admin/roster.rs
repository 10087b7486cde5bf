//! `admin user grant|ungrant`, `admin workspace roster` and `admin key list|revoke`: the
//! roster's records, changed while the server is stopped (the devices see the change in the
//! roster they fetch after their next sync).

use clap::{Args, Subcommand};

use cloudwright_core::store::Store;
use cloudwright_core::trust::{roster_text, Capability, KeyId};

use crate::auth::{Auth, Limits};
use crate::session::now_ms;

/// Who the admin command grants as, in a grant's record.
const SERVER_ADMIN: &str = "server admin";

#[derive(Args)]
pub struct GrantArgs {
    /// The member's user name
    name: String,
    /// Workspace name or id
    #[arg(long)]
    workspace: String,
    /// approve_disposals, verify_wipes, approve_purchases, sign_off_designs, select_vendors
    /// or administer_members
    #[arg(long)]
    capability: Capability,
    /// For approve_purchases: the largest amount it approves, in won [default: any]
    #[arg(long)]
    max_amount: Option<u64>,
    /// For approve_purchases: a category it approves (repeat for more) [default: every]
    #[arg(long = "category")]
    categories: Vec<String>,
}

#[derive(Args)]
pub struct UngrantArgs {
    /// The member's user name
    name: String,
    #[arg(long)]
    workspace: String,
    #[arg(long)]
    capability: Capability,
}

#[derive(Subcommand)]
pub enum KeyCommand {
    /// List the device keys registered to a user (revoked ones marked)
    List {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a device key (a lost laptop): decisions it signed before stay valid
    Revoke {
        /// The key's id (16 hex digits, as `key list` shows it)
        key_id: String,
        /// Only this user's registration of the key [default: every account it is registered
        /// to]
        #[arg(long)]
        user: Option<String>,
    },
}

pub fn grant(store: &Store, auth: &Auth, args: GrantArgs) -> anyhow::Result<()> {
    let meta = store.find_workspace(&args.workspace)?;
    let limits = Limits {
        max_amount_krw: args.max_amount,
        categories: args.categories,
    };
    let mut rng = rand::rngs::OsRng;
    let grant = auth.grant(
        &auth.login_name(&args.name)?,
        &meta.id,
        args.capability,
        &limits,
        SERVER_ADMIN,
        now_ms(),
        &mut rng,
    )?;
    println!(
        "{} holds {} in {} ({}) from now{}",
        args.name,
        grant.capability,
        meta.name,
        meta.id,
        match (grant.max_amount_krw, grant.categories.is_empty()) {
            (None, true) => String::new(),
            (max, _) => format!(
                " (up to {} KRW; categories: {})",
                max.map_or("any amount".into(), |max| max.to_string()),
                if grant.categories.is_empty() {
                    "every".into()
                } else {
                    grant.categories.join(", ")
                }
            ),
        }
    );
    Ok(())
}

pub fn ungrant(store: &Store, auth: &Auth, args: UngrantArgs) -> anyhow::Result<()> {
    let meta = store.find_workspace(&args.workspace)?;
    auth.ungrant(
        &auth.login_name(&args.name)?,
        &meta.id,
        args.capability,
        now_ms(),
    )?;
    println!(
        "{} no longer holds {} in {} ({}); decisions made while it did stay valid",
        args.name, args.capability, meta.name, meta.id
    );
    Ok(())
}

pub fn roster(store: &Store, auth: &Auth, workspace: &str, json: bool) -> anyhow::Result<()> {
    let meta = store.find_workspace(workspace)?;
    let now = now_ms();
    let roster = auth.roster(&meta.id, now)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&roster)?);
    } else {
        println!("{}", roster_text(&roster, now));
    }
    Ok(())
}

pub fn key(auth: &Auth, command: KeyCommand) -> anyhow::Result<()> {
    match command {
        KeyCommand::List { name, json } => {
            let Some(user) = auth.find_user(&name)? else {
                anyhow::bail!(
                    "no user is named '{}'",
                    cloudwright_core::names::shown(&name)
                );
            };
            let keys = auth.keys(&user.name)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&keys)?);
                return Ok(());
            }
            for key in keys {
                let revoked = key
                    .revoked_at_ms
                    .map_or(String::new(), |ms| format!("  REVOKED revoked_at_ms={ms}"));
                println!(
                    "{}  {}  added_at_ms={}{revoked}",
                    key.id(),
                    key.device_name,
                    key.added_at_ms
                );
            }
        }
        KeyCommand::Revoke { key_id, user } => {
            let user = user.map(|user| auth.login_name(&user)).transpose()?;
            let revoked =
                auth.revoke_key(user.as_deref(), &KeyId(key_id.trim().into()), now_ms())?;
            for (owner, record) in revoked {
                println!(
                    "key {} ({}) of {owner} revoked at {} ms; decisions it signed before stay valid",
                    record.id(),
                    record.device_name,
                    record.revoked_at_ms.unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}
