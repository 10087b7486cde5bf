//! The local store: one sled database per data directory, one tree per workspace.
//!
//! ```text
//! DATA_DIR/cloudwright.json   manifest: says a store was created here (guards against a lost store)
//! DATA_DIR/store/             sled database
//!   tree "meta"               schema_version, projection_version, w/{id} workspace records, s/{key} settings
//!   tree "ws/{workspace id}"  d/… document bytes (see docs.rs), p/asset/{id} asset projections
//! ```
//! Documents and their projections share one tree so that an edit writes both in one atomic
//! batch: a list view never shows a state the documents do not hold.

pub mod backup;
pub mod docs;
#[cfg(test)]
pub(crate) mod faults;
pub mod integrity;
pub mod kv;
mod migrate;
pub(crate) mod new_doc;
pub mod recover;
mod set_aside;
mod workspace;

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::WorkspaceId;
use crate::names::NameCode;
use crate::record::Registry;
use crate::stamp::Author;
use integrity::acked::Durability;
use kv::{Batch, SledTree, Tree};
pub use workspace::Workspace;

/// Version of the store layout. 1: whole documents under `doc/{id}`, no projections.
/// 2: snapshot chunks plus appended changes, and projections.
pub const STORE_SCHEMA: u32 = 2;
/// Version of the projection encoding; a mismatch rebuilds projections from the documents.
/// 1: one key per asset. 2: rows in buckets (see `assets/projection.rs`). 3: cables carry
/// their number, B-end label and printed time; label schemes. 4: asset rows carry their
/// life in brief; maintenance plans, audit schedules and audits. 5: conflicts of every kind,
/// with who set each value and when (`record::conflicts`). 6: cables carry the reprint mark
/// (`relabelled_at_ms`, `printed_labels`). 7: vendors carry their files. 8: asset rows carry
/// the purchase they were received on (`assets::purchase`). 9: design documents' versions
/// name the large file they are kept as (`designdocs::DocVersion::file`).
pub const PROJECTION_VERSION: u32 = 9;

const MANIFEST_FILE: &str = "cloudwright.json";
const STORE_DIR: &str = "store";
/// The files of the space a store sets aside (`Store::set_aside`), in its data directory
/// (`space-set-aside-1`, …).
const SET_ASIDE_FILE: &str = "space-set-aside";
pub(crate) const KEY_SCHEMA: &[u8] = b"schema_version";
pub(crate) const KEY_PROJECTION: &[u8] = b"projection_version";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store in {path} could not be opened: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("the store in {path} is damaged: {reason}. Nothing was changed. Run `cloudwright store recover` (in the app: Recover) to keep it aside and rebuild a store from what it still holds, or restore it from a backup, or sync the workspace again from the team server")]
    Damaged { path: PathBuf, reason: String },
    #[error("the store in {path} was written by a newer Cloudwright (store schema {found}; this version reads up to {supported})")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("document {doc_id} is damaged: {reason}")]
    DamagedDocument { doc_id: String, reason: String },
    #[error("a stored record is damaged ({what}): {reason}")]
    DamagedRecord { what: String, reason: String },
    /// The file system refused a write for want of space (ENOSPC) or quota (EDQUOT). The
    /// edit that met it was not acknowledged and nothing of it is kept; reading goes on.
    #[error("the disk is full: nothing was saved. Free some space, then try again")]
    DiskFull,
    #[error("the store could not read or write: {0}")]
    Io(sled::Error),
    #[error("the data folder could not be prepared: {0}")]
    Folder(std::io::Error),
    #[error("no workspace is named '{}'", crate::names::shown(.0))]
    UnknownWorkspace(String),
    #[error("a workspace named '{}' already exists", crate::names::shown(.0))]
    WorkspaceExists(String),
    /// Several workspaces kept before names were normalised are named the same in NFC.
    #[error("{} workspaces are named '{}' (written differently in Unicode): name one by its id: {}", .ids.len(), crate::names::shown(.name), .ids.join(", "))]
    AmbiguousWorkspace { name: String, ids: Vec<String> },
    /// A workspace name the rules of [`crate::names`] refuse.
    #[error(transparent)]
    InvalidName(#[from] crate::names::NameProblem),
}

/// Whether an I/O error says the disk (or the user's quota) is full.
pub fn is_disk_full(error: &std::io::Error) -> bool {
    // ENOSPC and EDQUOT on Linux; Rust names the first `StorageFull` and the second
    // `QuotaExceeded`.
    const ENOSPC: i32 = 28;
    const EDQUOT: i32 = 122;
    matches!(error.raw_os_error(), Some(ENOSPC | EDQUOT))
        || matches!(
            error.kind(),
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
        )
}

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> Self {
        match &error {
            sled::Error::Io(io) if is_disk_full(io) => StoreError::DiskFull,
            _ => StoreError::Io(error),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(error: std::io::Error) -> Self {
        if is_disk_full(&error) {
            StoreError::DiskFull
        } else {
            StoreError::Folder(error)
        }
    }
}

/// A workspace as listed in the switcher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkspaceMeta {
    pub id: WorkspaceId,
    pub name: String,
    #[ts(type = "number")]
    pub created_at_ms: i64,
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
}

/// An open data directory. Cheap to clone; all clones share the database.
#[derive(Clone)]
pub struct Store {
    inner: Arc<StoreInner>,
}

struct StoreInner {
    path: PathBuf,
    /// sled's database and the record of the last acknowledged write (`integrity::acked`),
    /// reopened in place after a failed write (`kv::SledDb`).
    db: Arc<kv::SledDb>,
    meta: SledTree,
    open: Mutex<HashMap<WorkspaceId, Arc<Workspace>>>,
    /// The kinds of record its workspaces hold (see `crate::record`).
    registry: &'static Registry,
}

/// Whether a store compresses its log. Chosen when the store is created; an existing store
/// keeps the setting it was created with (sled refuses a change).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogCompression {
    /// zstd on every log write: what a device uses, to keep its store within twice its
    /// documents (Automerge documents and list rows repeat models, places and Hangul text).
    On,
    /// Uncompressed: what the sync server uses. Compressing each write was half the cost of
    /// storing a pushed document, and a server has the disk to spare.
    Off,
}

impl Store {
    /// Opens (or creates) the store in `data_dir` for the kinds of record in `registry`,
    /// migrating an older layout in place. A damaged store is reported and left exactly as
    /// found. `Store::open` (in `crate::kinds`) passes the registry of every area.
    pub fn open_registered(
        data_dir: &Path,
        compression: LogCompression,
        registry: &'static Registry,
    ) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir)?;
        let manifest_path = data_dir.join(MANIFEST_FILE);
        let store_path = data_dir.join(STORE_DIR);
        let has_manifest = manifest_path.exists();
        let has_store = store_path
            .read_dir()
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(false);
        let damaged = |reason: &str| StoreError::Damaged {
            path: data_dir.to_owned(),
            reason: reason.to_owned(),
        };
        if has_manifest {
            let text = std::fs::read_to_string(&manifest_path)?;
            let manifest: Manifest = serde_json::from_str(&text)
                .map_err(|_| damaged("cloudwright.json is not a Cloudwright manifest"))?;
            if manifest.format != "cloudwright-data" {
                return Err(damaged("cloudwright.json is not a Cloudwright manifest"));
            }
            if !has_store {
                return Err(damaged(
                    "the manifest is there but the store folder is missing or empty",
                ));
            }
            // sled starts an empty database over an empty or missing log: check before it can.
            let log_size = std::fs::metadata(store_path.join("db"))
                .map(|meta| meta.len())
                .unwrap_or(0);
            if log_size == 0 {
                return Err(damaged(
                    "the database log (store/db) is missing or empty (truncated?)",
                ));
            }
            if !sled_log_has_a_segment(&store_path)? {
                return Err(damaged(
                    "the database log (store/db) holds no readable segment",
                ));
            }
        } else if has_store {
            return Err(damaged(
                "the store folder has no manifest (cloudwright.json)",
            ));
        }

        let opened = open_checked(data_dir, compression, has_manifest)?;
        let reopen_dir = data_dir.to_owned();
        let db = kv::SledDb::new(
            opened,
            &store_path,
            Box::new(move || open_checked(&reopen_dir, compression, true)),
        );
        let meta = db.tree("meta")?;
        let schema = match meta.get(KEY_SCHEMA)? {
            Some(bytes) => Some(
                decode_u32(&bytes)
                    .ok_or_else(|| damaged("the schema version record is unreadable"))?,
            ),
            None => None,
        };
        let store = Store {
            inner: Arc::new(StoreInner {
                path: data_dir.to_owned(),
                db,
                meta,
                open: Mutex::new(HashMap::new()),
                registry,
            }),
        };
        match schema {
            None if has_manifest => return Err(damaged(
                "the store holds no data although the manifest says it was written (truncated?)",
            )),
            None => store.initialise(&manifest_path)?,
            Some(found) if found > STORE_SCHEMA => {
                return Err(StoreError::TooNew {
                    path: data_dir.to_owned(),
                    found,
                    supported: STORE_SCHEMA,
                })
            }
            Some(found) if found < STORE_SCHEMA => migrate::migrate(&store, found)?,
            Some(_) => {}
        }
        store.rebuild_stale_projections()?;
        Ok(store)
    }

    fn initialise(&self, manifest_path: &Path) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        batch.put(KEY_SCHEMA, STORE_SCHEMA.to_be_bytes().to_vec());
        batch.put(KEY_PROJECTION, PROJECTION_VERSION.to_be_bytes().to_vec());
        self.inner.meta.apply(batch)?;
        self.inner.meta.flush()?;
        let manifest = Manifest {
            format: "cloudwright-data".into(),
            version: 1,
        };
        std::fs::write(
            manifest_path,
            serde_json::to_vec_pretty(&manifest).unwrap_or_default(),
        )?;
        Ok(())
    }

    fn rebuild_stale_projections(&self) -> Result<(), StoreError> {
        let current = self
            .inner
            .meta
            .get(KEY_PROJECTION)?
            .as_deref()
            .and_then(decode_u32);
        if current == Some(PROJECTION_VERSION) {
            return Ok(());
        }
        for meta in self.workspaces()? {
            let tree = self.workspace_tree(&meta.id)?;
            self.inner.registry.rebuild(&tree)?;
        }
        let mut batch = Batch::default();
        batch.put(KEY_PROJECTION, PROJECTION_VERSION.to_be_bytes().to_vec());
        self.inner.meta.apply(batch)?;
        self.flush_all()
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .inner
            .meta
            .get(KEY_SCHEMA)?
            .as_deref()
            .and_then(decode_u32)
            .unwrap_or(0))
    }

    pub fn workspaces(&self) -> Result<Vec<WorkspaceMeta>, StoreError> {
        let mut list = Vec::new();
        for (_, value) in self.inner.meta.scan_prefix(b"w/")? {
            let meta: WorkspaceMeta =
                serde_json::from_slice(&value).map_err(|error| StoreError::DamagedRecord {
                    what: "workspace list".into(),
                    reason: error.to_string(),
                })?;
            list.push(meta);
        }
        list.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(list)
    }

    /// Finds a workspace by its id or its name, by the rule of
    /// [`crate::names::find_by_name_or_id`]: a value that reads as an id is that id (a
    /// workspace named like another's id before such names were refused is reached by its
    /// own id), and a name is found however it was typed (equal in NFC).
    pub fn find_workspace(&self, name_or_id: &str) -> Result<WorkspaceMeta, StoreError> {
        use crate::names::{find_by_name_or_id, Found};
        let wanted = name_or_id.trim();
        let all = self.workspaces()?;
        match find_by_name_or_id(wanted, &all, |meta| Some(meta.id.0), |meta| &meta.name) {
            Found::One(meta) => Ok(meta.clone()),
            Found::None => Err(StoreError::UnknownWorkspace(wanted.to_owned())),
            Found::Several(metas) => Err(StoreError::AmbiguousWorkspace {
                name: wanted.to_owned(),
                ids: metas.iter().map(|meta| meta.id.to_string()).collect(),
            }),
        }
    }

    /// Creates a workspace named `name` (kept in NFC, refused by the rules of
    /// [`crate::names`], or when another workspace has the same name in NFC).
    pub fn create_workspace(&self, name: &str, now_ms: i64) -> Result<WorkspaceMeta, StoreError> {
        let name = crate::names::check_name(name, crate::names::NameKind::Workspace)?;
        let name = name.as_str();
        if let Some(taken) = self
            .workspaces()?
            .into_iter()
            .find(|meta| crate::names::same_name(&meta.name, name))
        {
            return Err(StoreError::WorkspaceExists(taken.name));
        }
        let mut rng =
            <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(now_ms as u64 ^ fxhash(name));
        let meta = WorkspaceMeta {
            id: WorkspaceId::generate(now_ms, &mut rng),
            name: name.to_owned(),
            created_at_ms: now_ms,
        };
        let mut batch = Batch::default();
        batch.put(
            format!("w/{}", meta.id),
            serde_json::to_vec(&meta).unwrap_or_default(),
        );
        self.inner.meta.apply(batch)?;
        self.inner.meta.flush()?;
        Ok(meta)
    }

    /// Opens a workspace (loading its list projections into memory once) and keeps it open.
    pub fn workspace(&self, id: &WorkspaceId) -> Result<Arc<Workspace>, StoreError> {
        let mut open = self
            .inner
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(workspace) = open.get(id) {
            return Ok(workspace.clone());
        }
        let meta = self
            .workspaces()?
            .into_iter()
            .find(|meta| meta.id == *id)
            .ok_or_else(|| StoreError::UnknownWorkspace(id.to_string()))?;
        let workspace = Arc::new(Workspace::open(
            meta,
            Arc::new(self.workspace_tree(id)?),
            self.inner.registry,
        )?);
        open.insert(*id, workspace.clone());
        Ok(workspace)
    }

    /// A named tree outside every workspace, for data that belongs to the data directory as
    /// a whole (the sync server's users and tokens, which document lives in which workspace).
    pub fn aux_tree(&self, name: &str) -> Result<Arc<dyn Tree>, StoreError> {
        Ok(Arc::new(self.inner.db.tree(&format!("aux/{name}"))?))
    }

    /// Creates a local workspace with an id and a name chosen elsewhere (the team server's, a
    /// server backup's, a recovered store's), or returns the one that already has that id.
    /// The name is kept as it was given there (only the old rule: 1 to 80 characters,
    /// without '/'): one given before [`crate::names`] refused some names still comes back,
    /// and is found as any other ([`Store::find_workspace`]); a name another workspace here
    /// has (in NFC) gets a number.
    pub fn adopt_workspace(&self, meta: &WorkspaceMeta) -> Result<WorkspaceMeta, StoreError> {
        if let Some(found) = self.workspaces()?.into_iter().find(|m| m.id == meta.id) {
            return Ok(found);
        }
        let mut name = meta.name.trim().to_owned();
        let kind = crate::names::NameKind::Workspace;
        let code = match name.as_str() {
            "" => Some(NameCode::NameRequired),
            long if long.chars().count() > kind.max_chars() => Some(NameCode::NameTooLong),
            slashed if slashed.contains('/') => Some(NameCode::NameHasSlash),
            _ => None,
        };
        if let Some(code) = code {
            return Err(crate::names::NameProblem {
                kind,
                code,
                value: name,
                character: None,
            }
            .into());
        }
        let taken: Vec<String> = self.workspaces()?.into_iter().map(|m| m.name).collect();
        let mut n = 2;
        while taken
            .iter()
            .any(|other| crate::names::same_name(other, &name))
        {
            name = format!("{} ({n})", meta.name.trim());
            n += 1;
        }
        let adopted = WorkspaceMeta {
            id: meta.id,
            name,
            created_at_ms: meta.created_at_ms,
        };
        let mut batch = Batch::default();
        batch.put(
            format!("w/{}", adopted.id),
            serde_json::to_vec(&adopted).unwrap_or_default(),
        );
        self.inner.meta.apply(batch)?;
        self.inner.meta.flush()?;
        Ok(adopted)
    }

    pub(crate) fn workspace_tree(&self, id: &WorkspaceId) -> Result<SledTree, StoreError> {
        self.inner.db.tree(&format!("ws/{id}"))
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .inner
            .meta
            .get(format!("s/{key}").as_bytes())?
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        batch.put(format!("s/{key}"), value.as_bytes().to_vec());
        self.inner.meta.apply(batch)?;
        self.inner.meta.flush()
    }

    /// The local user profile that authors this device's changes, once one is set.
    pub fn profile(&self) -> Result<Option<Author>, StoreError> {
        Ok(self
            .setting("profile")?
            .and_then(|text| serde_json::from_str(&text).ok()))
    }

    pub fn set_profile(&self, author: &Author) -> Result<(), StoreError> {
        self.set_setting(
            "profile",
            &serde_json::to_string(author).unwrap_or_default(),
        )
    }

    /// Bytes the sled database occupies on disk.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.inner.db.current()?.db.size_on_disk()?)
    }

    pub fn registry(&self) -> &'static Registry {
        self.inner.registry
    }

    /// Whether the store can take writes now, for a health check: the disk's free space and
    /// what the last write refused for want of space needed. Reading only; the store reopens
    /// itself on the next operation that finds room (`kv::SledDb`).
    pub fn write_room(&self) -> kv::WriteRoom {
        self.inner.db.write_room()
    }

    /// Keeps disk space set aside for sled's own writes, `pieces` files of `piece_bytes` in
    /// `DATA_DIR/space-set-aside-{n}`: one given up to sled whenever the disk has less than the
    /// store's reserve free (anything else may fill a disk), writes then refused until that
    /// much more is free, and made again once there is room (`store/set_aside.rs`). The sync
    /// server's; a device's store keeps none.
    pub fn set_aside(&self, pieces: u32, piece_bytes: u64) {
        let path = self.inner.path.join(SET_ASIDE_FILE);
        self.inner.db.set_aside(&path, pieces, piece_bytes);
    }

    /// The open database's durability (what it synced, for tests).
    #[cfg(test)]
    pub(crate) fn durability(&self) -> Result<Arc<Durability>, StoreError> {
        Ok(self.inner.db.current()?.durability)
    }

    pub(crate) fn meta_tree(&self) -> &SledTree {
        &self.inner.meta
    }

    pub(crate) fn flush_all(&self) -> Result<(), StoreError> {
        let opened = self.inner.db.current()?;
        let flushed = opened
            .db
            .flush()
            .map_err(StoreError::from)
            .and_then(|_| Ok(opened.durability.make_durable()?));
        if flushed.is_err() {
            opened.durability.write_failed();
        }
        flushed
    }
}

/// The conventional data directory: `$XDG_DATA_HOME/cloudwright`, else
/// `$HOME/.local/share/cloudwright`. Callers pass the environment in.
pub fn default_data_dir(xdg_data_home: Option<PathBuf>, home: Option<PathBuf>) -> PathBuf {
    xdg_data_home
        .filter(|path| path.is_absolute())
        .or_else(|| home.map(|home| home.join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("cloudwright")
}

/// Opens the sled database of the data directory `data_dir`: when it holds a store
/// (`existing`), only after the pre-open check found it whole (sled's open "repairs" a log
/// it cannot read through by zeroing what follows, see `integrity`, so a damaged store is
/// read first and left exactly as found); then the record of the last acknowledged write.
/// Every open goes through here, the first and a reopen after a failed write alike.
fn open_checked(
    data_dir: &Path,
    compression: LogCompression,
    existing: bool,
) -> Result<kv::Opened, StoreError> {
    let store_path = data_dir.join(STORE_DIR);
    let mut log_end = None;
    let mut blob_files_kept = Vec::new();
    if existing {
        let report = integrity::check_sled_store(&store_path)?;
        if !report.is_whole() {
            return Err(StoreError::Damaged {
                path: data_dir.to_owned(),
                reason: report.summary(),
            });
        }
        log_end = Some(report.log_end());
        blob_files_kept = report.blob_files_past_acked;
        for name in &report.abandoned_snapshots {
            // sled would take it for its newest snapshot and refuse to open.
            std::fs::remove_file(store_path.join(name))?;
        }
    }
    let db = open_sled(&store_path, compression)?;
    let durability = Arc::new(Durability::open(&store_path, log_end)?);
    durability.sync_blob_files_kept(&blob_files_kept)?;
    Ok(kv::Opened { db, durability })
}

fn open_sled(path: &Path, compression: LogCompression) -> Result<sled::Db, StoreError> {
    // sled refuses a change of compression across restarts, so an existing store keeps the
    // setting it was created with.
    let conf = read_sled_conf(path);
    let compressed = if conf.is_empty() {
        compression == LogCompression::On
    } else {
        !conf.contains("use_compression: false")
    };
    let config = sled::Config::new()
        .path(path)
        .cache_capacity(16 * 1024 * 1024)
        .use_compression(compressed)
        // zstd's default level (sled's own is 5): with the context reused (vendor/zstd) it
        // costs little more than level 1, and keeps the store a few percent further under
        // twice its documents.
        .compression_factor(3)
        // Every write flushes before it is acknowledged; a background flusher would only
        // contend with those flushes.
        .flush_every_ms(None);
    // sled panics on some kinds of damage instead of returning an error; either way the
    // user gets a clear message and the files stay untouched.
    let open = || std::panic::catch_unwind(AssertUnwindSafe(|| config.open()));
    let locked = |result: &std::thread::Result<sled::Result<sled::Db>>| {
        matches!(result, Ok(Err(sled::Error::Io(error)))
            if error.kind() == std::io::ErrorKind::WouldBlock || error.to_string().contains("lock"))
    };
    // A store closed a moment ago keeps its lock until sled's I/O threads let go of the log
    // (seen as a flaky reopen in tests, and possible when the app restarts): wait up to 2 s
    // before saying another process has it.
    let mut result = open();
    for _ in 0..40 {
        if !locked(&result) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        result = open();
    }
    match result {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(sled::Error::Io(error)))
            if error.kind() == std::io::ErrorKind::WouldBlock
                || error.to_string().contains("lock") =>
        {
            Err(StoreError::Unreadable {
                path: path.to_owned(),
                reason: "another Cloudwright process has it open".into(),
            })
        }
        // A store that cannot be opened for want of space is not damaged.
        Ok(Err(sled::Error::Io(error))) if is_disk_full(&error) => Err(StoreError::DiskFull),
        Ok(Err(error)) => Err(StoreError::Damaged {
            path: path.to_owned(),
            reason: error.to_string(),
        }),
        Err(_) => Err(StoreError::Damaged {
            path: path.to_owned(),
            reason: "the database files could not be read".into(),
        }),
    }
}

/// sled 0.34 starts a fresh log over one it cannot parse, which would overwrite a damaged
/// store. Its log is a sequence of fixed-size segments, each opening with a 20-byte header
/// whose first 4 bytes are the inverted CRC-32 of the other 16; a live store always has at
/// least one such header. Reads 20 bytes per segment.
fn sled_log_has_a_segment(store_path: &Path) -> Result<bool, StoreError> {
    use std::io::{Read, Seek, SeekFrom};
    let conf = read_sled_conf(store_path);
    let segment_size: u64 = conf
        .lines()
        .find_map(|line| line.strip_prefix("segment_size: "))
        .and_then(|size| size.trim().parse().ok())
        .unwrap_or(512 * 1024);
    let mut log = std::fs::File::open(store_path.join("db"))?;
    let length = log.metadata()?.len();
    let mut header = [0u8; 20];
    let mut offset = 0;
    while offset + 20 <= length {
        log.seek(SeekFrom::Start(offset))?;
        log.read_exact(&mut header)?;
        let stored = u32::from_le_bytes([header[0], header[1], header[2], header[3]]) ^ 0xFFFF_FFFF;
        if stored == crc32fast::hash(&header[4..20]) {
            return Ok(true);
        }
        offset += segment_size.max(20);
    }
    Ok(false)
}

/// sled's `conf` file: text lines followed by a binary checksum.
pub(crate) fn read_sled_conf(store_path: &Path) -> String {
    std::fs::read(store_path.join("conf"))
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

fn decode_u32(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.try_into().ok()?))
}

/// A small stable string hash (FNV-1a), for seeding ids deterministically.
pub(crate) fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
