//! What every command needs: the open store, the chosen workspace and the author stamp.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context as _};
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::Stamp;
use cloudwright_sync_client::authoring::{self, SigningMember};

pub struct Context {
    pub store: Store,
    pub workspace_name: Option<String>,
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}

/// Today as this machine's calendar has it (its time zone): what a day means to the person
/// typing. Lifecycle steps, alerts, audit schedules and reports all count from it.
pub fn local_today() -> cloudwright_core::assets::Date {
    cloudwright_core::assets::Date(chrono::Local::now().date_naive().to_string())
}

impl Context {
    pub fn open(
        data_dir: Option<PathBuf>,
        workspace_name: Option<String>,
    ) -> anyhow::Result<Context> {
        let data_dir = data_dir.unwrap_or_else(|| {
            cloudwright_core::store::default_data_dir(
                std::env::var_os("XDG_DATA_HOME").map(PathBuf::from),
                std::env::var_os("HOME").map(PathBuf::from),
            )
        });
        let store = Store::open(&data_dir)
            .with_context(|| format!("cannot open the data directory {}", data_dir.display()))?;
        Ok(Context {
            store,
            workspace_name,
        })
    }

    /// The workspace named by `--workspace`, or the only one there is.
    pub fn workspace(&self) -> anyhow::Result<Arc<Workspace>> {
        let meta = match &self.workspace_name {
            Some(name) => self.store.find_workspace(name)?,
            None => {
                let mut all = self.store.workspaces()?;
                match all.len() {
                    1 => all.remove(0),
                    0 => bail!(
                        "no workspace yet: create one with `cloudwright workspace create NAME`"
                    ),
                    _ => bail!(
                        "several workspaces exist ({}): choose one with --workspace NAME",
                        all.iter()
                            .map(|meta| meta.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }
            }
        };
        Ok(self.store.workspace(&meta.id)?)
    }

    /// Who this command's changes are recorded as: the account the workspace is logged in
    /// as, else this data directory's local identity shown by the profile's name (or the OS
    /// user's). See `cloudwright_sync_client::authoring`.
    pub fn stamp(&self) -> anyhow::Result<Stamp> {
        let workspace = self.workspace().ok();
        Ok(authoring::stamp(
            &self.store,
            workspace.as_deref(),
            self.store.profile()?,
            now_ms(),
        )?)
    }

    /// The member who signs this command's decisions, when the workspace is logged in.
    pub fn signing_member(&self, workspace: &Workspace) -> anyhow::Result<Option<SigningMember>> {
        Ok(SigningMember::of(&self.store, workspace)?)
    }
}
