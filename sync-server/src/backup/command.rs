//! `admin backup` and `admin restore`: decode, call, print. Progress goes to standard error,
//! the outcome to standard output.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

use cloudwright_core::sync::hub::Hub;

use super::restore::{refuse_unfinished_restore, restore_backup};
use super::{take_backup, Source};
use crate::auth::Auth;
use crate::session::now_ms;
use crate::state::random_epoch;

/// Backs up the server of `data_dir` into `dir`: through the running server's control socket
/// when one answers, else from the store directly.
pub fn admin_backup(data_dir: &Path, dir: &Path) -> anyhow::Result<()> {
    let target = std::path::absolute(dir)
        .with_context(|| format!("{} cannot be made an absolute path", dir.display()))?;
    let mut print = |progress: &super::Progress| eprintln!("{progress}");
    if let Some(summary) = crate::control::request_backup(data_dir, &target, &mut print)? {
        println!("{summary} (from the running server)");
        return Ok(());
    }
    refuse_unfinished_restore(data_dir)?;
    let store = crate::admin::open_store(data_dir)?;
    let auth = Auth::open(&store)?;
    // A server that never started has no key yet: it gets the one it will sign with.
    let server_key = crate::server_key::load_or_create(data_dir)?;
    let hubs: Mutex<HashMap<_, Arc<Hub>>> = Mutex::new(HashMap::new());
    let hub = |id: &cloudwright_core::WorkspaceId| {
        let mut hubs = hubs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(hub) = hubs.get(id) {
            return Ok(Arc::clone(hub));
        }
        let hub = Arc::new(Hub::open(&store, id, random_epoch())?);
        hubs.insert(*id, hub.clone());
        Ok(hub)
    };
    let source = Source {
        store: &store,
        auth: &auth,
        server_key: &server_key,
        hub: &hub,
    };
    let summary = take_backup(&source, &target, now_ms(), &mut |p| print(&p), &|| false)?;
    println!("{summary}");
    Ok(())
}

/// Restores the backup in `dir` into `data_dir` (no server may run on it).
pub fn admin_restore(data_dir: &Path, dir: &Path, replace: bool) -> anyhow::Result<()> {
    let summary = restore_backup(dir, data_dir, replace, now_ms(), &mut |line| {
        eprintln!("{line}")
    })?;
    if let Some(aside) = &summary.set_aside {
        println!(
            "the data that was in {} is kept in {}",
            data_dir.display(),
            aside.display()
        );
    }
    let accounts = summary.accounts;
    println!(
        "restored {} workspace(s) and {} user(s) ({} memberships, {} tokens) into {}",
        summary.workspaces.len(),
        accounts.users,
        accounts.memberships,
        accounts.tokens,
        data_dir.display()
    );
    match &summary.server_key {
        Some(public) => println!("the server signs with its key as before ({public})"),
        None => {
            println!("the backup predates server keys: the server makes one at its first start")
        }
    }
    if accounts.memberships_left_out > 0 {
        println!(
            "{} membership(s) of workspaces created while the backup ran were left out",
            accounts.memberships_left_out
        );
    }
    println!(
        "each workspace's change feed starts a new epoch: devices that synced after the backup \
         send back what it lacks on their next sync"
    );
    Ok(())
}
