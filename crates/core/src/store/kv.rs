//! The small storage interface everything persistent goes through, and its sled implementation.
//!
//! A [`Tree`] is an ordered key-value namespace. Writes go in as one [`Batch`], applied
//! atomically; [`Tree::flush`] makes everything applied so far durable. Keeping the interface
//! this small lets the sync server and tests reuse the same store code.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock, Weak};

use super::integrity::acked::Durability;
use super::set_aside::SetAside;
use super::StoreError;

/// One atomic group of writes to a single tree.
#[derive(Default)]
pub struct Batch {
    pub(crate) puts: Vec<(Vec<u8>, Vec<u8>)>,
    pub(crate) deletes: Vec<Vec<u8>>,
}

impl Batch {
    pub fn put(&mut self, key: impl Into<Vec<u8>>, value: impl Into<Vec<u8>>) {
        self.puts.push((key.into(), value.into()));
    }

    pub fn delete(&mut self, key: impl Into<Vec<u8>>) {
        self.deletes.push(key.into());
    }
}

/// A big-endian `u64` record (sequence numbers, cursors); `None` when it is too short.
pub(crate) fn decode_u64(bytes: &[u8]) -> Option<u64> {
    bytes.get(..8)?.try_into().ok().map(u64::from_be_bytes)
}

/// A record that did not decode.
pub(crate) fn damaged(what: &str, error: impl ToString) -> StoreError {
    StoreError::DamagedRecord {
        what: what.to_owned(),
        reason: error.to_string(),
    }
}

/// Key-value pairs in key order.
pub type Pairs = Vec<(Vec<u8>, Vec<u8>)>;
/// A callback over key-value pairs that may stop the walk with an error.
pub type Visit<'a> = dyn FnMut(&[u8], &[u8]) -> Result<(), StoreError> + 'a;

pub trait Tree: Send + Sync {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError>;
    /// Every key-value pair whose key starts with `prefix`, in key order.
    fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs, StoreError>;
    /// Visits every pair under `prefix` without collecting them.
    fn for_each_prefix(&self, prefix: &[u8], visit: &mut Visit<'_>) -> Result<(), StoreError>;
    /// Up to `limit` pairs under `prefix` whose key is at least `start`, in key order.
    fn scan_from(&self, prefix: &[u8], start: &[u8], limit: usize) -> Result<Pairs, StoreError>;
    fn apply(&self, batch: Batch) -> Result<(), StoreError>;
    /// Makes every applied batch durable before returning.
    fn flush(&self) -> Result<(), StoreError>;
    /// The folder a large blob's bytes may be kept in as a file of their own, beside the
    /// store (`sync::blobs`); `None`: every blob stays in the tree.
    fn part_folder(&self) -> Option<std::path::PathBuf> {
        None
    }
}

/// What a [`SledTree`] works on: a tree of the open sled database, and the store's
/// [`Durability`] (sled's log file and the record of what of it was acknowledged).
#[derive(Clone)]
struct Open {
    tree: sled::Tree,
    durability: Arc<Durability>,
}

/// One named tree of a store; empty while the store reopens.
struct Slot {
    name: String,
    open: RwLock<Option<Open>>,
}

impl Slot {
    fn current(&self) -> Option<Open> {
        self.open.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn set(&self, open: Option<Open>) {
        *self.open.write().unwrap_or_else(|p| p.into_inner()) = open;
    }
}

/// The open sled database of a data directory and the store's [`Durability`]: what its
/// trees are opened from, and what reopens them all in place after a failed write.
#[derive(Clone)]
pub(crate) struct Opened {
    pub(crate) db: sled::Db,
    pub(crate) durability: Arc<Durability>,
}

/// Opens the database again: the pre-open check, sled, the durability record.
pub(crate) type OpenAgain = dyn Fn() -> Result<Opened, StoreError> + Send + Sync;

/// A store's sled database, reopened in place after a failed write. sled refuses every
/// write after one fails (a full disk, an I/O error) until it is opened again; the app and
/// the server must go on once space is freed, without a restart and without anyone holding
/// a tree noticing. Every tree handed out is a [`SledTree`] over a slot registered here; a
/// reopen empties every slot (so the old database is let go of), opens the store again
/// through the same check as any open, and fills them from the new one.
pub(crate) struct SledDb {
    opened: RwLock<Option<Opened>>,
    slots: Mutex<Vec<Weak<Slot>>>,
    open_again: Box<OpenAgain>,
    /// Free space needed before a reopen is tried: less, and sled's own open would fail.
    room_needed: u64,
    path: std::path::PathBuf,
    reopening: Mutex<()>,
    /// The free bytes the last write refused for want of space needed (its own and
    /// `room_needed`); 0 once a later write is taken. What [`WriteRoom`] reports.
    refused_needing: AtomicU64,
    /// Disk space kept for sled's own writes, given up when the disk is full (the server's).
    set_aside: OnceLock<SetAside>,
}

/// Whether the store can take writes, as a health check reports it (see
/// [`crate::store::Store::write_room`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteRoom {
    /// Bytes free on the store's file system; `None` when the system does not say.
    pub free_bytes: Option<u64>,
    /// What every write leaves free: room for sled to open the store again after a failure,
    /// and the space the store sets aside while that is given up to sled (see
    /// `store/set_aside.rs`).
    pub reserve_bytes: u64,
    /// The free bytes the last write refused for want of space needed, its own and the
    /// reserve; `None` once a later write was taken.
    pub refused_needing: Option<u64>,
}

impl WriteRoom {
    /// The free bytes writes need now: the reserve, or what the last refused write needed.
    pub fn needed_bytes(&self) -> u64 {
        self.refused_needing.unwrap_or(0).max(self.reserve_bytes)
    }

    /// Writes are refused for want of space now: the disk has less free than the reserve, or
    /// than the last refused write needed (until a write is taken or that much is freed).
    pub fn is_full(&self) -> bool {
        self.free_bytes
            .is_some_and(|free| free < self.needed_bytes())
    }
}

impl SledDb {
    pub(crate) fn new(
        opened: Opened,
        path: &std::path::Path,
        open_again: Box<OpenAgain>,
    ) -> Arc<SledDb> {
        Arc::new(SledDb {
            opened: RwLock::new(Some(opened)),
            slots: Mutex::new(Vec::new()),
            open_again,
            room_needed: 2 * 1024 * 1024,
            path: path.to_owned(),
            reopening: Mutex::new(()),
            refused_needing: AtomicU64::new(0),
            set_aside: OnceLock::new(),
        })
    }

    /// Keeps `pieces` files of `piece_bytes` at `path` and a number for sled's own writes (see
    /// `set_aside.rs`).
    pub(crate) fn set_aside(&self, path: &std::path::Path, pieces: u32, piece_bytes: u64) {
        let _ = self.set_aside.set(SetAside::new(path, pieces, piece_bytes));
    }

    /// Gives up the space set aside when the disk is full, or sets it aside again.
    fn watch_space(&self) {
        if let Some(set_aside) = self.set_aside.get() {
            set_aside.watch(|| free_bytes(&self.path), self.room_needed);
        }
    }

    /// What writes must leave free: room for a reopen, and the space set aside while given up.
    fn reserve(&self) -> u64 {
        let held_back = self.set_aside.get().map_or(0, SetAside::held_back);
        self.room_needed.saturating_add(held_back)
    }

    /// The disk's free space and what the last write refused for want of it needed.
    pub(crate) fn write_room(&self) -> WriteRoom {
        self.watch_space();
        let refused = self.refused_needing.load(Ordering::Relaxed);
        WriteRoom {
            free_bytes: free_bytes(&self.path),
            reserve_bytes: self.reserve(),
            refused_needing: (refused > 0).then_some(refused),
        }
    }

    /// Notes a write refused for want of space: it needed `bytes` of its own.
    fn refused_for_space(&self, bytes: u64) {
        let needed = self.reserve().saturating_add(bytes);
        self.refused_needing.store(needed, Ordering::Relaxed);
    }

    /// The open database, reopening it first if a write failed and there is room now.
    pub(crate) fn current(&self) -> Result<Opened, StoreError> {
        let opened = self
            .opened
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        match opened {
            Some(opened) => Ok(opened),
            None => {
                self.reopen()?;
                self.opened
                    .read()
                    .unwrap_or_else(|p| p.into_inner())
                    .clone()
                    .ok_or(StoreError::DiskFull)
            }
        }
    }

    /// A tree of the database, by name, that follows it across reopens.
    pub(crate) fn tree(self: &Arc<Self>, name: &str) -> Result<SledTree, StoreError> {
        let opened = self.current()?;
        let slot = Arc::new(Slot {
            name: name.to_owned(),
            open: RwLock::new(Some(Open {
                tree: opened.db.open_tree(name)?,
                durability: opened.durability,
            })),
        });
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.retain(|slot| slot.strong_count() > 0);
        slots.push(Arc::downgrade(&slot));
        Ok(SledTree {
            slot,
            db: Some(self.clone()),
        })
    }

    /// Opens the store again after a failed write, unless another thread already did or the
    /// disk still has no room (then: [`StoreError::DiskFull`], and the old database stays
    /// for reading).
    fn reopen(&self) -> Result<(), StoreError> {
        let _one_at_a_time = self.reopening.lock().unwrap_or_else(|p| p.into_inner());
        let current = self
            .opened
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if current
            .as_ref()
            .is_some_and(|opened| !opened.durability.has_failed())
        {
            return Ok(());
        }
        if !self.has_room() {
            return Err(StoreError::DiskFull);
        }
        let slots: Vec<Arc<Slot>> = self
            .slots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter_map(Weak::upgrade)
            .collect();
        // Let go of every handle on the old database, so sled closes it and frees its lock
        // (an operation under way keeps its own until it ends; the open waits for it).
        for slot in &slots {
            slot.set(None);
        }
        drop(current);
        *self.opened.write().unwrap_or_else(|p| p.into_inner()) = None;
        let opened = (self.open_again)()?;
        for slot in &slots {
            slot.set(Some(Open {
                tree: opened.db.open_tree(&slot.name)?,
                durability: opened.durability.clone(),
            }));
        }
        *self.opened.write().unwrap_or_else(|p| p.into_inner()) = Some(opened);
        tracing::info!("the store was reopened after a failed write");
        Ok(())
    }
}

impl SledDb {
    /// Whether the disk has room for sled to open the store again.
    fn has_room(&self) -> bool {
        free_bytes(&self.path).is_none_or(|free| free >= self.room_needed)
    }

    /// Whether the disk has room for a write of `bytes` and, after it, for sled to open the
    /// store again (and for the space set aside, while that is given up).
    fn has_room_for(&self, bytes: u64) -> bool {
        free_bytes(&self.path).is_none_or(|free| free >= self.reserve().saturating_add(bytes))
    }
}

/// Values this large fill a sled leaf (at most 16 entries) past the 128 KiB that sled writes
/// to a file of its own.
const LARGE_VALUE: usize = 8 * 1024;

/// The disk space a batch may take: its bytes in the log, and large values twice more, in
/// the leaves sled writes whole to files of their own as it consolidates and splits them.
fn room_to_write(batch: &Batch) -> u64 {
    batch
        .puts
        .iter()
        .map(|(key, value)| {
            let bytes = key.len() + value.len();
            if value.len() >= LARGE_VALUE {
                3 * bytes
            } else {
                bytes
            }
        })
        .sum::<usize>() as u64
}

/// Bytes free for an unprivileged writer on the file system holding `path`.
fn free_bytes(path: &std::path::Path) -> Option<u64> {
    let stats = rustix::fs::statvfs(path).ok()?;
    Some(stats.f_bavail.saturating_mul(stats.f_frsize))
}

/// A tree of a store's sled database. On Linux, sled's own flush ends in
/// `sync_file_range`, which neither flushes the device's write cache nor records a grown
/// file size; [`Tree::flush`] therefore follows it with `fdatasync` on the log, and then
/// records how far the log reaches (`store/acked`, which the pre-open check holds the log
/// to). A write after a failed one first reopens the store ([`SledDb`]).
pub struct SledTree {
    slot: Arc<Slot>,
    /// What reopens the store; `None` for a tree of a database opened only to be read.
    db: Option<Arc<SledDb>>,
}

impl SledTree {
    /// A tree of a database that is never reopened (one read for recovery, a test's).
    pub fn new(tree: sled::Tree, durability: Arc<Durability>) -> Self {
        SledTree {
            slot: Arc::new(Slot {
                name: String::new(),
                open: RwLock::new(Some(Open { tree, durability })),
            }),
            db: None,
        }
    }

    /// The tree to work on. After a failed write sled refuses reads too (they may need a
    /// page from the log it can no longer read through): once the disk has room again the
    /// store is reopened first; until then the old database answers what it can.
    fn open(&self) -> Result<Open, StoreError> {
        if let Some(db) = &self.db {
            db.watch_space();
        }
        let current = self.slot.current();
        match (&self.db, current) {
            (Some(db), Some(open)) if open.durability.has_failed() && db.has_room() => {
                // This handle on the old database too must go before it can close.
                drop(open);
                db.reopen()?;
                self.slot.current().ok_or(StoreError::DiskFull)
            }
            (_, Some(open)) => Ok(open),
            (Some(db), None) => {
                db.current()?;
                self.slot.current().ok_or(StoreError::DiskFull)
            }
            (None, None) => Err(StoreError::DiskFull),
        }
    }

    /// A read of the tree. sled writes during reads too (a node split on the way, what its IO
    /// buffer holds): a read that meets a full disk leaves sled refusing everything until
    /// the store is reopened, so it is marked as a failed write, and the next operation that
    /// finds room reopens the store.
    fn read<T>(
        &self,
        read: impl FnOnce(&sled::Tree) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let open = self.open()?;
        let result = read(&open.tree);
        if let Err(StoreError::DiskFull) = result {
            open.durability.write_failed();
        }
        result
    }

    /// For a write: the tree, never the old database after a failed write (sled would only
    /// refuse it again).
    fn open_for_writing(&self) -> Result<Open, StoreError> {
        let open = self.open()?;
        if open.durability.has_failed() {
            return Err(StoreError::DiskFull);
        }
        Ok(open)
    }
}

impl Tree for SledTree {
    /// `DATA_DIR/parts/{tree}`: beside the store folder, not in it, so `store recover`
    /// (which keeps the damaged store folder aside) leaves the files where they are.
    fn part_folder(&self) -> Option<std::path::PathBuf> {
        let db = self.db.as_ref()?;
        Some(db.path.parent()?.join("parts").join(&self.slot.name))
    }

    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.read(|tree| Ok(tree.get(key)?.map(|value| value.to_vec())))
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs, StoreError> {
        self.read(|tree| {
            tree.scan_prefix(prefix)
                .map(|entry| {
                    entry
                        .map(|(key, value)| (key.to_vec(), value.to_vec()))
                        .map_err(StoreError::from)
                })
                .collect()
        })
    }

    fn for_each_prefix(&self, prefix: &[u8], visit: &mut Visit<'_>) -> Result<(), StoreError> {
        self.read(|tree| {
            for entry in tree.scan_prefix(prefix) {
                let (key, value) = entry?;
                visit(&key, &value)?;
            }
            Ok(())
        })
    }

    fn scan_from(&self, prefix: &[u8], start: &[u8], limit: usize) -> Result<Pairs, StoreError> {
        self.read(|tree| {
            let mut pairs = Vec::new();
            for entry in tree.range(start.to_vec()..) {
                let (key, value) = entry?;
                if !key.starts_with(prefix) || pairs.len() >= limit {
                    break;
                }
                pairs.push((key.to_vec(), value.to_vec()));
            }
            Ok(pairs)
        })
    }

    fn apply(&self, batch: Batch) -> Result<(), StoreError> {
        let room = room_to_write(&batch);
        let applied = self.apply_with_room(batch, room);
        if let Some(db) = &self.db {
            match &applied {
                Err(StoreError::DiskFull) => db.refused_for_space(room),
                Err(_) => {}
                Ok(()) => db.refused_needing.store(0, Ordering::Relaxed),
            }
        }
        applied
    }

    fn flush(&self) -> Result<(), StoreError> {
        let open = self.open()?;
        let flushed = open
            .tree
            .flush()
            .map_err(StoreError::from)
            .and_then(|_| Ok(open.durability.make_durable()?));
        if flushed.is_err() {
            open.durability.write_failed();
        }
        if let (Some(db), Err(StoreError::DiskFull)) = (&self.db, &flushed) {
            db.refused_for_space(0);
        }
        flushed
    }
}

impl SledTree {
    /// [`Tree::apply`] of a batch that needs `room` bytes of disk.
    fn apply_with_room(&self, batch: Batch, room: u64) -> Result<(), StoreError> {
        let open = self.open_for_writing()?;
        // sled 0.34 writes a node over a quarter of a segment (128 KiB: a leaf of a file's
        // 64 KiB chunks) to a file of its own, and when that write fails it keeps the
        // write's claim on its IO buffer: the buffer is never written, so every later flush
        // of that database, and dropping it, waits forever, and the store can never be
        // reopened in place (the app's first edit after space was freed never returned). So
        // a batch goes to sled only while the disk has room for it, for such nodes, and
        // then for the reopen; short of that it is refused as a full disk before sled sees
        // it, and nothing needs reopening. statvfs knows no quotas: a write over a quota can
        // still fail inside sled.
        if let Some(db) = &self.db {
            if !db.has_room_for(room) {
                return Err(StoreError::DiskFull);
            }
        }
        let mut sled_batch = sled::Batch::default();
        for key in batch.deletes {
            sled_batch.remove(key);
        }
        for (key, value) in batch.puts {
            sled_batch.insert(key, value);
        }
        open.tree
            .apply_batch(sled_batch)
            .inspect_err(|_| open.durability.write_failed())?;
        Ok(())
    }
}
