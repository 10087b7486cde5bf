//! An export brought into a store as a workspace, all or nothing.

use super::{BackupError, VerifiedExport};
use crate::ids::WorkspaceId;
use crate::names::{check_name, same_name, NameKind};
use crate::store::kv::{Batch, Tree};
use crate::store::{Store, StoreError, WorkspaceMeta};

/// Which workspace an export becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportAs {
    /// The exported workspace itself, with its id (refused if this store has that id).
    Same,
    /// A new workspace (new id) holding the export's records: a restored backup beside the
    /// workspace it came from. `None` names it after the export and its time.
    New { name: Option<String>, now_ms: i64 },
}

/// Bytes per write batch while filling the new workspace's tree.
const BATCH_BYTES: usize = 8 * 1024 * 1024;

impl Store {
    /// Creates a workspace from a verified export: its documents and blobs are written into
    /// a new tree, every projection and index is rebuilt from the documents (as after a
    /// projection format change), and only then is the workspace listed. A failure on the
    /// way removes what was written; a crash leaves an unlisted tree that the next import of
    /// the same id clears first.
    pub fn import_workspace(
        &self,
        export: &VerifiedExport,
        target: ImportAs,
    ) -> Result<WorkspaceMeta, BackupError> {
        let source = &export.manifest.workspace;
        let existing = self.workspaces()?;
        let meta = match target {
            ImportAs::Same => {
                if let Some(found) = existing.iter().find(|meta| meta.id == source.id) {
                    return Err(BackupError::WorkspaceExists {
                        id: found.id.to_string(),
                        name: found.name.clone(),
                    });
                }
                WorkspaceMeta {
                    id: source.id,
                    name: free_name(&exported_name(&source.name)?, &existing),
                    created_at_ms: source.created_at_ms,
                }
            }
            ImportAs::New { name, now_ms } => {
                let name = match name {
                    Some(name) => {
                        let name =
                            check_name(&name, NameKind::Workspace).map_err(StoreError::from)?;
                        if let Some(taken) =
                            existing.iter().find(|meta| same_name(&meta.name, &name))
                        {
                            return Err(StoreError::WorkspaceExists(taken.name.clone()).into());
                        }
                        name
                    }
                    None => free_name(
                        &format!(
                            "{} ({})",
                            exported_name(&source.name)?,
                            super::rolling::stamp_text(export.manifest.created_at_ms)
                        ),
                        &existing,
                    ),
                };
                let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(
                    now_ms as u64 ^ crate::store::fxhash(&name),
                );
                WorkspaceMeta {
                    id: WorkspaceId::generate(now_ms, &mut rng),
                    name,
                    created_at_ms: now_ms,
                }
            }
        };
        let tree = self.workspace_tree(&meta.id)?;
        let filled = fill(&tree, export).and_then(|()| {
            self.registry().rebuild(&tree)?;
            Ok(())
        });
        if let Err(error) = filled {
            let _ = clear(&tree);
            return Err(error.into());
        }
        let mut batch = Batch::default();
        batch.put(
            format!("w/{}", meta.id),
            serde_json::to_vec(&meta).unwrap_or_default(),
        );
        self.meta_tree().apply(batch)?;
        self.meta_tree().flush()?;
        Ok(meta)
    }
}

/// The name an export's manifest gives its workspace, by the rules of any new name (in NFC):
/// one they refuse (a workspace named before they did, or a manifest written by hand) is
/// refused with the reason and the way out (`ImportAs::New` with a name of the user's).
fn exported_name(name: &str) -> Result<String, StoreError> {
    check_name(name, NameKind::Workspace).map_err(StoreError::InvalidName)
}

/// `name`, or `name (2)`, `name (3)`… whichever no workspace has (in NFC); cut to 80
/// characters.
fn free_name(name: &str, existing: &[WorkspaceMeta]) -> String {
    let base: String = name.trim().replace('/', "-").chars().take(72).collect();
    let mut candidate = base.clone();
    let mut n = 2;
    while existing
        .iter()
        .any(|meta| same_name(&meta.name, &candidate))
    {
        candidate = format!("{base} ({n})");
        n += 1;
    }
    candidate
}

fn clear(tree: &dyn Tree) -> Result<(), StoreError> {
    let mut batch = Batch::default();
    tree.for_each_prefix(b"", &mut |key, _| {
        batch.delete(key.to_vec());
        Ok(())
    })?;
    tree.apply(batch)?;
    tree.flush()
}

fn fill(tree: &dyn Tree, export: &VerifiedExport) -> Result<(), StoreError> {
    clear(tree)?;
    let mut batch = Batch::default();
    let mut size = 0;
    let flush_if_big = |batch: &mut Batch, size: &mut usize, added: usize| {
        *size += added;
        if *size >= BATCH_BYTES {
            *size = 0;
            tree.apply(std::mem::take(batch))
        } else {
            Ok(())
        }
    };
    for (doc_id, bytes) in &export.documents {
        crate::store::docs::write_snapshot(&mut batch, doc_id, bytes);
        flush_if_big(&mut batch, &mut size, bytes.len())?;
    }
    for (sha, bytes) in &export.blobs {
        crate::sync::blobs::put(&mut batch, sha, bytes);
        flush_if_big(&mut batch, &mut size, bytes.len())?;
    }
    tree.apply(batch)?;
    tree.flush()
}
