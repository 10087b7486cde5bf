//! Recovery of a damaged store: everything that can still be read comes back in a new
//! store, and the damaged one is kept aside, byte for byte.
//!
//! 1. The store folder is copied to `store.damaged-{now}` beside it (never written after).
//! 2. Records come from two readings, neither of which writes the original: sled opened on
//!    a second, scratch copy (sled's recovery cuts that copy short at the damage, which is
//!    what sled can read), and a scan of the original's files for every Automerge document
//!    and change in them ([`scan`]), which finds what sled drops after the damage.
//! 3. Every version of a document found is merged (Automerge documents check themselves, so
//!    a damaged one never loads), written into a new store through the store's own write
//!    path, and every projection and index rebuilt from the documents
//!    ([`crate::record::Registry::rebuild`]). Blobs come back when their SHA-256 matches.
//! 4. The workspace list, settings and sync binding are kept; a synced workspace gets a new
//!    client id and its feed cursor at the start, so the next sync fetches everything the
//!    team server has (this device's own earlier pushes included), and every recovered
//!    document is marked to push, so edits not yet synced that survived reach the server.
//! 5. The new store takes the old one's place; the report, by record, is returned and
//!    written as `store.damaged-{now}.report.txt`.

mod report;
mod scan;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use automerge::{AutoCommit, ReadDoc};

pub use report::{RecoveredRecord, RecoveryReport, WorkspaceRecovery};

use super::integrity::acked::Durability;
use super::kv::{Batch, SledTree, Tree};
use super::{docs, LogCompression, Store, StoreError, WorkspaceMeta, STORE_DIR};
use crate::record::Registry;

/// Recovers the damaged store of `data_dir` into a new one (see the module's docs). `now_ms`
/// names the copy kept aside and the report.
pub fn recover_store(
    data_dir: &Path,
    registry: &'static Registry,
    now_ms: i64,
) -> Result<RecoveryReport, StoreError> {
    let original = data_dir.join(STORE_DIR);
    if !original.join("db").exists() {
        return Err(StoreError::Unreadable {
            path: data_dir.to_owned(),
            reason: "there is no store to recover (store/db is missing)".into(),
        });
    }
    let damaged_copy = data_dir.join(format!("{STORE_DIR}.damaged-{now_ms}"));
    copy_folder(&original, &damaged_copy)?;
    let work = data_dir.join(format!("{STORE_DIR}.recovering-{now_ms}"));
    let _ = std::fs::remove_dir_all(&work);
    copy_folder(&original, &work.join("sled-copy"))?;

    let old = read_with_sled(&work.join("sled-copy"));
    let found = scan::scan_store_files(&original)?;

    let new_dir = work.join("new");
    let mut report = RecoveryReport {
        damaged_copy: damaged_copy.clone(),
        report_file: data_dir.join(format!("{STORE_DIR}.damaged-{now_ms}.report.txt")),
        workspaces: Vec::new(),
    };
    {
        let store = Store::open_registered(&new_dir, LogCompression::On, registry)?;
        rebuild(&store, registry, old.as_ref(), found, now_ms, &mut report)?;
        store.flush_all()?;
    }
    // sled lets go of its files when its last handle drops; wait until the new log is closed.
    drop(old);
    // Renames only, so that at every moment either the damaged store or the new one is in
    // place (and the copy aside holds the damaged one throughout).
    let replaced = work.join("replaced");
    std::fs::rename(&original, &replaced)?;
    std::fs::rename(new_dir.join(STORE_DIR), &original)?;
    let _ = std::fs::remove_dir_all(&work);
    std::fs::write(&report.report_file, report.text())?;
    Ok(report)
}

/// What sled can read of the scratch copy; `None` when it cannot open it at all.
struct OldStore {
    db: sled::Db,
    durability: Arc<Durability>,
}

impl OldStore {
    fn tree(&self, name: &str) -> Option<SledTree> {
        let exists = self
            .db
            .tree_names()
            .iter()
            .any(|n| n.as_ref() == name.as_bytes());
        if !exists {
            return None;
        }
        Some(SledTree::new(
            self.db.open_tree(name).ok()?,
            self.durability.clone(),
        ))
    }
}

fn read_with_sled(copy: &Path) -> Option<OldStore> {
    let compressed = !super::read_sled_conf(copy).contains("use_compression: false");
    let config = sled::Config::new()
        .path(copy)
        .use_compression(compressed)
        .flush_every_ms(None);
    let db = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open()))
        .ok()?
        .ok()?;
    // Only read: its trees are never flushed, so where its log ends is never looked for.
    let durability = Arc::new(Durability::open(copy, None).ok()?);
    Some(OldStore { db, durability })
}

fn rebuild(
    store: &Store,
    registry: &'static Registry,
    old: Option<&OldStore>,
    found: scan::Found,
    now_ms: i64,
    report: &mut RecoveryReport,
) -> Result<(), StoreError> {
    // The workspace list and settings, as sled could read them.
    let mut metas: Vec<WorkspaceMeta> = Vec::new();
    if let Some(meta) = old.and_then(|old| old.tree("meta")) {
        let mut batch = Batch::default();
        for (key, value) in meta.scan_prefix(b"").unwrap_or_default() {
            if key.starts_with(b"w/") {
                if let Ok(parsed) = serde_json::from_slice::<WorkspaceMeta>(&value) {
                    metas.push(parsed);
                }
            }
            if key.starts_with(b"w/") || key.starts_with(b"s/") {
                batch.put(key, value);
            }
        }
        store.inner.meta.apply(batch)?;
    }

    // Workspaces the scan found that sled lost: listed again.
    for scanned in &found.workspaces {
        if !metas.iter().any(|meta| meta.id == scanned.id) {
            store.adopt_workspace(scanned)?;
            metas.push(scanned.clone());
        }
    }

    // Every document sled can read, by workspace.
    let mut documents: Vec<BTreeMap<String, AutoCommit>> = Vec::new();
    let mut known: Vec<BTreeMap<String, String>> = Vec::new();
    for meta in &metas {
        let mut docs_here = BTreeMap::new();
        let mut known_here = BTreeMap::new();
        if let Some(tree) = old.and_then(|old| old.tree(&format!("ws/{}", meta.id))) {
            let indexes = registry.load_indexes(&tree).ok();
            for doc_id in doc_ids_named(&tree) {
                let title = indexes
                    .as_ref()
                    .map(|i| registry.title(i, &doc_id))
                    .unwrap_or_default();
                known_here.insert(doc_id.clone(), title);
                if let Ok(Some(stored)) = docs::load(&tree, &doc_id) {
                    docs_here.insert(doc_id, stored.doc);
                }
            }
        }
        documents.push(docs_here);
        known.push(known_here);
    }

    // Every document the scan found, merged into the workspace that holds it.
    let bindings = found.bindings;
    let mut scanned = found.documents;
    apply_orphan_changes(&mut scanned, found.changes);
    let mut unplaced = BTreeMap::new();
    for mut doc in scanned {
        let Some(doc_id) = identify(&doc, registry) else {
            continue;
        };
        let home = documents
            .iter()
            .position(|docs| docs.contains_key(&doc_id))
            .or_else(|| known.iter().position(|k| k.contains_key(&doc_id)))
            .or((metas.len() == 1).then_some(0));
        let target = match home {
            Some(index) => &mut documents[index],
            None => &mut unplaced,
        };
        match target.get_mut(&doc_id) {
            Some(existing) => {
                let _ = existing.merge(&mut doc);
            }
            None => {
                target.insert(doc_id, doc);
            }
        }
    }
    if !unplaced.is_empty() {
        let meta = store.create_workspace(&format!("Recovered {now_ms}"), now_ms)?;
        metas.push(meta);
        documents.push(unplaced);
        known.push(BTreeMap::new());
    }

    for (index, meta) in metas.iter().enumerate() {
        let tree = store.workspace_tree(&meta.id)?;
        let old_tree = old.and_then(|old| old.tree(&format!("ws/{}", meta.id)));
        // A binding sled lost: the scan's, for this workspace's remote id or the only one.
        let scanned_binding = bindings
            .iter()
            .find(|b| b.remote_workspace == meta.id)
            .or((metas.len() == 1 && bindings.len() == 1).then(|| &bindings[0]))
            .cloned();
        write_workspace(
            &tree,
            old_tree.as_ref(),
            scanned_binding,
            &documents[index],
            now_ms,
        )?;
        registry.rebuild(&tree)?;
        let workspace = store.workspace(&meta.id)?;
        let mut recovered = Vec::new();
        for doc_id in documents[index].keys() {
            recovered.push(RecoveredRecord::new(
                doc_id,
                registry.title(workspace.indexes(), doc_id),
            ));
        }
        let lost = known[index]
            .iter()
            .filter(|(doc_id, _)| !documents[index].contains_key(*doc_id))
            .map(|(doc_id, title)| RecoveredRecord::new(doc_id, title.clone()))
            .collect();
        let (blobs_recovered, blobs_lost) = match &old_tree {
            Some(old_tree) => copy_blobs(old_tree, &tree)?,
            None => (0, 0),
        };
        report.workspaces.push(WorkspaceRecovery {
            workspace: meta.clone(),
            recovered,
            lost,
            blobs_recovered,
            blobs_lost,
        });
    }
    Ok(())
}

/// The ids of every document `tree` names: its bytes, its sync marks.
fn doc_ids_named(tree: &SledTree) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (prefix, skip) in [("d/", 2), ("y/dirty/", 8), ("y/synced/", 9)] {
        let _ = tree.for_each_prefix(prefix.as_bytes(), &mut |key, _| {
            let text = String::from_utf8_lossy(&key[skip..]);
            let id: Vec<&str> = text.split('/').take(2).collect();
            if id.len() == 2 {
                ids.insert(id.join("/"));
            }
            Ok(())
        });
    }
    ids
}

/// A document's id from its content: `kind` at the root and the `id` of the value under it.
fn identify(doc: &AutoCommit, registry: &Registry) -> Option<String> {
    let kind = match doc.get(automerge::ROOT, "kind").ok()?? {
        (automerge::Value::Scalar(s), _) => s.as_str()?.to_owned(),
        _ => return None,
    };
    let (_, value_obj) = doc.get(automerge::ROOT, kind.as_str()).ok()??;
    let id = match doc.get(&value_obj, "id").ok()?? {
        (automerge::Value::Scalar(s), _) => s.as_str()?.to_owned(),
        _ => return None,
    };
    let doc_id = format!("{kind}/{id}");
    registry.knows(&doc_id).then_some(doc_id)
}

/// Applies every change whose earlier changes a document holds, until none is left to apply.
fn apply_orphan_changes(documents: &mut [AutoCommit], changes: Vec<automerge::Change>) {
    let mut by_dependency: HashMap<automerge::ChangeHash, Vec<usize>> = HashMap::new();
    for (index, change) in changes.iter().enumerate() {
        for dep in change.deps() {
            by_dependency.entry(*dep).or_default().push(index);
        }
    }
    for doc in documents.iter_mut() {
        let mut have: std::collections::HashSet<automerge::ChangeHash> =
            doc.get_changes(&[]).iter().map(|c| c.hash()).collect();
        let mut work: Vec<automerge::ChangeHash> = have.iter().copied().collect();
        while let Some(hash) = work.pop() {
            for &index in by_dependency.get(&hash).into_iter().flatten() {
                let change = &changes[index];
                if have.contains(&change.hash()) || !change.deps().iter().all(|d| have.contains(d))
                {
                    continue;
                }
                if doc.apply_changes([change.clone()]).is_ok() {
                    have.insert(change.hash());
                    work.push(change.hash());
                }
            }
        }
    }
}

/// Writes the documents and the old tree's sync marks into a new workspace tree.
fn write_workspace(
    tree: &SledTree,
    old_tree: Option<&SledTree>,
    scanned_binding: Option<crate::sync::client::SyncBinding>,
    documents: &BTreeMap<String, AutoCommit>,
    now_ms: i64,
) -> Result<(), StoreError> {
    let mut batch = Batch::default();
    for (count, (doc_id, doc)) in documents.iter().enumerate() {
        docs::write_snapshot(&mut batch, doc_id, &doc.clone().save());
        if count % 500 == 499 {
            tree.apply(std::mem::take(&mut batch))?;
        }
    }
    let binding: Option<crate::sync::client::SyncBinding> = old_tree
        .and_then(|t| t.get(b"y/binding").ok().flatten())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .or(scanned_binding);
    if let Some(mut parsed) = binding {
        // Fetch everything again under a new client id (the feed skips a client's own
        // pushes, and some of this device's may be among what was lost), and push every
        // recovered document (the server merges what it already has).
        parsed.client_id = format!("{}-recovered-{now_ms}", parsed.client_id);
        batch.put(
            &b"y/binding"[..],
            serde_json::to_vec(&parsed).unwrap_or_default(),
        );
        batch.put(&b"y/cursor"[..], 0u64.to_be_bytes().to_vec());
        let mark = old_tree
            .and_then(|t| t.get(b"y/editseq").ok().flatten())
            .as_deref()
            .and_then(super::kv::decode_u64)
            .unwrap_or(0)
            + 1;
        for doc_id in documents.keys() {
            batch.put(format!("y/dirty/{doc_id}"), mark.to_be_bytes().to_vec());
        }
        batch.put(&b"y/editseq"[..], mark.to_be_bytes().to_vec());
        if let Some(old_tree) = old_tree {
            for sha in crate::sync::blobs::list(old_tree).unwrap_or_default() {
                batch.put(format!("y/blobpush/{sha}"), Vec::new());
            }
            for (key, value) in old_tree.scan_prefix(b"y/blobwant/").unwrap_or_default() {
                batch.put(key, value);
            }
            if let Some(last) = old_tree.get(b"y/last")? {
                batch.put(&b"y/last"[..], last);
            }
        }
    }
    tree.apply(batch)?;
    tree.flush()
}

/// Copies every blob whose bytes match its SHA-256; returns how many came back and how many
/// did not.
fn copy_blobs(old_tree: &SledTree, tree: &SledTree) -> Result<(usize, usize), StoreError> {
    let (mut recovered, mut lost) = (0, 0);
    let part_folder = tree.part_folder();
    for sha in crate::sync::blobs::list(old_tree).unwrap_or_default() {
        // A large blob kept as a file of its own (`DATA_DIR/parts`, outside the store folder
        // set aside) stays where it is when it is whole: its record is copied.
        if let Some(folder) = &part_folder {
            if crate::sync::blobs::file_in(old_tree, folder, &sha)? {
                let size = crate::sync::blobs::size(old_tree, &sha)?.unwrap_or(0);
                let mut batch = Batch::default();
                crate::sync::blobs::put_file_record(&mut batch, &sha, size);
                tree.apply(batch)?;
                recovered += 1;
                continue;
            }
        }
        match crate::sync::blobs::get(old_tree, &sha) {
            Ok(Some(bytes)) => {
                let mut batch = Batch::default();
                crate::sync::blobs::put(&mut batch, &sha, &bytes);
                tree.apply(batch)?;
                recovered += 1;
            }
            _ => lost += 1,
        }
    }
    tree.flush()?;
    Ok((recovered, lost))
}

/// Copies a folder (files and subfolders), each file synced to disk.
fn copy_folder(from: &Path, to: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_folder(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            std::fs::File::open(&target)?.sync_all()?;
        }
    }
    Ok(())
}
