//! What the app holds between commands: the store (or why it could not open) and the open
//! workspace.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cloudwright_core::store::recover::{recover_store, RecoveryReport};
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::{Author, Stamp};
use cloudwright_sync_client::authoring::{self, SigningMember};

use crate::error::CommandError;

pub struct AppState {
    pub data_dir: PathBuf,
    /// The store, or why it could not open; replaced once when a damaged store is recovered.
    store: Mutex<Result<Store, CommandError>>,
    current: Mutex<Option<Arc<Workspace>>>,
}

/// Whether the store could not be opened only because another process has it open (core's
/// `StoreError::Unreadable` says so in its reason).
fn held_by_another_process(error: &CommandError) -> bool {
    error.kind == "store_unreadable" && error.message.contains("another Cloudwright process")
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> AppState {
        let store = Store::open(&data_dir).map_err(CommandError::from);
        if let Err(error) = &store {
            tracing::error!(reason = %error.message, "store could not be opened");
        }
        AppState {
            data_dir,
            store: Mutex::new(store),
            current: Mutex::new(None),
        }
    }

    /// The store. One that another Cloudwright process held when the app started is opened
    /// again here: the app closed a moment ago may still be writing its backup on closing
    /// (its window is gone at once), and lets go of the store when that is written.
    pub fn store(&self) -> Result<Store, CommandError> {
        let mut store = self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if matches!(&*store, Err(error) if held_by_another_process(error)) {
            *store = Store::open(&self.data_dir).map_err(CommandError::from);
        }
        store.clone()
    }

    /// Recovers the damaged store (`store::recover`) and opens the recovered one. Refused
    /// while a store is open: only a store that could not be opened is recovered here.
    pub fn recover_store(&self) -> Result<RecoveryReport, CommandError> {
        let mut store = self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if store.is_ok() {
            return Err(CommandError::new(
                "store_not_damaged",
                "the store is open: there is nothing to recover",
            ));
        }
        let report = recover_store(
            &self.data_dir,
            cloudwright_core::kinds::registry(),
            now_ms(),
        )?;
        *store = Store::open(&self.data_dir).map_err(CommandError::from);
        store.as_ref().map_err(Clone::clone)?;
        Ok(report)
    }

    pub fn current(&self) -> Option<Arc<Workspace>> {
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub fn workspace(&self) -> Result<Arc<Workspace>, CommandError> {
        self.current().ok_or_else(CommandError::no_workspace)
    }

    pub fn set_current(&self, workspace: Arc<Workspace>) -> Result<(), CommandError> {
        self.store()?
            .set_setting("last_workspace", &workspace.meta().id.to_string())?;
        *self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(workspace);
        Ok(())
    }

    /// Opens the workspace used last time, or the only one, if none is open yet.
    pub fn restore_current(&self) -> Result<Option<Arc<Workspace>>, CommandError> {
        if let Some(current) = self.current() {
            return Ok(Some(current));
        }
        let store = self.store()?;
        let workspaces = store.workspaces()?;
        let last = store.setting("last_workspace")?;
        let chosen = workspaces
            .iter()
            .find(|meta| Some(meta.id.to_string()) == last)
            .or_else(|| (workspaces.len() == 1).then(|| &workspaces[0]));
        match chosen {
            Some(meta) => {
                let workspace = store.workspace(&meta.id)?;
                *self
                    .current
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(workspace.clone());
                Ok(Some(workspace))
            }
            None => Ok(None),
        }
    }

    /// The local profile, defaulting to the operating-system user until one is set.
    pub fn author(&self) -> Result<Author, CommandError> {
        Ok(self
            .store()?
            .profile()?
            .unwrap_or_else(|| Author::from_os_user(std::env::var("USER").ok().as_deref())))
    }

    /// Who a change made now is by: the account the open workspace is logged in as, else
    /// this data directory's local identity shown by the profile's name (see
    /// `cloudwright_sync_client::authoring`).
    pub fn stamp(&self) -> Result<Stamp, CommandError> {
        let store = self.store()?;
        let workspace = self.current();
        Ok(authoring::stamp(
            &store,
            workspace.as_deref(),
            store.profile()?,
            now_ms(),
        )?)
    }

    /// The member who signs the decisions made in the open workspace, when it is logged in.
    pub fn signing_member(&self) -> Result<Option<SigningMember>, CommandError> {
        let Some(workspace) = self.current() else {
            return Ok(None);
        };
        Ok(SigningMember::of(&self.store()?, &workspace)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store the app found held by another process (the app closed a moment ago, still
    /// writing its backup) opens once that process lets go, without restarting the app.
    #[test]
    fn a_store_held_at_start_opens_once_let_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let other = Store::open(dir.path()).expect("the other process's store");
        other.create_workspace("평택 1센터", 1).expect("workspace");
        let state = AppState::open(dir.path().to_owned());
        let refused = state.store().err().expect("held by the other store");
        assert!(held_by_another_process(&refused), "{refused:?}");
        drop(other);
        let names: Vec<String> = state
            .store()
            .expect("opens once let go")
            .workspaces()
            .expect("workspaces")
            .into_iter()
            .map(|meta| meta.name)
            .collect();
        assert_eq!(names, ["평택 1센터"]);
    }
}
