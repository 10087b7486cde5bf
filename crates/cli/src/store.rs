//! `cloudwright store …` (the data directory as a whole: backups) and the workspace export
//! and import that share the backups' folder format (`cloudwright_core::store::backup`).

use std::path::Path;

use clap::Subcommand;
use cloudwright_core::store::backup::{self, ImportAs};
use cloudwright_core::store::StoreError;

use crate::context::{now_ms, Context};

const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Subcommand)]
pub enum StoreCommand {
    /// Take a backup of the workspace now (every workspace without --workspace); each keeps
    /// its last seven in DATA_DIR/backups
    Backup,
    /// List the local backups: workspace, time, documents, files and size
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup (as `store backups` names it, or an export folder) into a new
    /// workspace
    Restore {
        backup: String,
        /// The new workspace's name [default: the backed-up name and the backup's time]
        #[arg(long)]
        name: Option<String>,
    },
    /// Recover a damaged store: copy it aside unchanged, rebuild a new store from every
    /// document and file still readable, and report what was recovered and lost
    Recover,
}

fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

pub fn run(context: &Context, command: StoreCommand) -> anyhow::Result<()> {
    let data_dir = context.store.path().to_owned();
    match command {
        StoreCommand::Recover => anyhow::bail!("store recover runs before the store opens"),
        StoreCommand::Backup => {
            let workspaces = match &context.workspace_name {
                Some(_) => vec![context.workspace()?],
                None => context
                    .store
                    .workspaces()?
                    .iter()
                    .map(|meta| context.store.workspace(&meta.id))
                    .collect::<Result<_, _>>()?,
            };
            for workspace in workspaces {
                let snapshot = workspace.backup_snapshot()?;
                let info = backup::take_backup(&data_dir, &snapshot, now_ms(), APP_VERSION)?;
                println!(
                    "backed up '{}' as {}: {} documents, {} files, {}",
                    info.workspace.name,
                    info.name,
                    info.counts.documents,
                    info.counts.blobs,
                    size_text(info.counts.bytes)
                );
            }
            // The backups beyond the newest seven, set aside above, go once all are taken.
            backup::remove_retired(&data_dir);
        }
        StoreCommand::Backups { json } => {
            let list = backup::list_backups(&data_dir);
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else if list.is_empty() {
                println!("no backups yet: the app takes one each day and on closing; `cloudwright store backup` takes one now");
            } else {
                for info in list {
                    println!(
                        "{}\t{}\t{}\t{} documents\t{} files\t{}",
                        info.name,
                        info.workspace.name,
                        backup::stamp_text(info.created_at_ms),
                        info.counts.documents,
                        info.counts.blobs,
                        size_text(info.counts.bytes)
                    );
                }
            }
        }
        StoreCommand::Restore {
            backup: name,
            name: new_name,
        } => {
            let folder = Path::new(&name);
            let path = if folder.join(backup::MANIFEST_FILE).exists() {
                folder.to_owned()
            } else {
                backup::find_backup(&data_dir, &name)?.path
            };
            let verified = backup::read_export(&path)?;
            let meta = context.store.import_workspace(
                &verified,
                ImportAs::New {
                    name: new_name,
                    now_ms: now_ms(),
                },
            )?;
            println!(
                "restored {name} into the new workspace '{}' ({}): {} documents, {} files",
                meta.name,
                meta.id,
                verified.manifest.counts.documents,
                verified.manifest.counts.blobs
            );
        }
    }
    Ok(())
}

/// `workspace export DIR`.
pub fn export(context: &Context, dir: &Path) -> anyhow::Result<()> {
    let workspace = context.workspace()?;
    let snapshot = workspace.backup_snapshot()?;
    let manifest = backup::write_export(&snapshot, dir, now_ms(), APP_VERSION)?;
    println!(
        "exported '{}' to {}: {} documents, {} files, {}",
        manifest.workspace.name,
        dir.display(),
        manifest.counts.documents,
        manifest.counts.blobs,
        size_text(manifest.counts.bytes)
    );
    Ok(())
}

/// `workspace import DIR`.
pub fn import(context: &Context, dir: &Path) -> anyhow::Result<()> {
    let verified = backup::read_export(dir)?;
    let meta = match context.store.import_workspace(&verified, ImportAs::Same) {
        Err(backup::BackupError::Store(StoreError::InvalidName(problem))) => anyhow::bail!(
            "the export names its workspace so that it cannot be a name here: {problem}. Bring it \
             in as a new workspace with a name of yours: `cloudwright store restore {} --name NAME`",
            dir.display()
        ),
        imported => imported?,
    };
    println!(
        "imported '{}' ({}): {} documents, {} files",
        meta.name, meta.id, verified.manifest.counts.documents, verified.manifest.counts.blobs
    );
    Ok(())
}
