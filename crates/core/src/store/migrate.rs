//! Store migrations, one step per schema version, run in place when an older store opens.
//!
//! Schema 1 (Cloudwright's first store format) kept each document as one whole save under
//! `doc/{kind}/{id}` and had no projections. Schema 2 splits documents into snapshot chunks
//! plus appended changes and adds list projections.

use super::docs;
use super::kv::{Batch, Tree};
use super::{Store, StoreError, KEY_PROJECTION, KEY_SCHEMA, STORE_SCHEMA};

pub(super) fn migrate(store: &Store, from: u32) -> Result<(), StoreError> {
    let mut version = from;
    while version < STORE_SCHEMA {
        match version {
            1 => v1_to_v2(store)?,
            other => {
                return Err(StoreError::Damaged {
                    path: store.path().to_owned(),
                    reason: format!("unknown store schema {other}"),
                })
            }
        }
        version += 1;
        let mut batch = Batch::default();
        batch.put(KEY_SCHEMA, version.to_be_bytes().to_vec());
        store.meta_tree().apply(batch)?;
        store.flush_all()?;
        tracing::info!(version, "store migrated");
    }
    Ok(())
}

fn v1_to_v2(store: &Store) -> Result<(), StoreError> {
    for workspace in store.workspaces()? {
        let tree = store.workspace_tree(&workspace.id)?;
        let mut batch = Batch::default();
        for (key, bytes) in tree.scan_prefix(b"doc/")? {
            let doc_id = String::from_utf8_lossy(&key[4..]).into_owned();
            // Check that the bytes load before moving them: a damaged v1 store stays untouched.
            automerge::AutoCommit::load(&bytes).map_err(|error| StoreError::DamagedDocument {
                doc_id: doc_id.clone(),
                reason: error.to_string(),
            })?;
            docs::write_snapshot(&mut batch, &doc_id, &bytes);
            batch.delete(key);
        }
        tree.apply(batch)?;
        store.registry().rebuild(&tree)?;
    }
    // Projections were just built at the current version.
    let mut batch = Batch::default();
    batch.put(
        KEY_PROJECTION,
        super::PROJECTION_VERSION.to_be_bytes().to_vec(),
    );
    store.meta_tree().apply(batch)?;
    Ok(())
}
