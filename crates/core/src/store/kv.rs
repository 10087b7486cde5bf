//! The small storage interface everything persistent goes through, and its sled implementation.
//!
//! A [`Tree`] is an ordered key-value namespace. Writes go in as one [`Batch`], applied
//! atomically; [`Tree::flush`] makes everything applied so far durable. Keeping the interface
//! this small lets the sync server and tests reuse the same store code.

use std::sync::{Arc, Mutex, RwLock, Weak};

use super::integrity::acked::Durability;
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
        })
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
        self.has_room_for(0)
    }

    /// Whether the disk has room for a write of `bytes` and, after it, for sled to open the
    /// store again.
    fn has_room_for(&self, bytes: u64) -> bool {
        free_bytes(&self.path).is_none_or(|free| free >= self.room_needed.saturating_add(bytes))
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
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.open()?.tree.get(key)?.map(|value| value.to_vec()))
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs, StoreError> {
        self.open()?
            .tree
            .scan_prefix(prefix)
            .map(|entry| {
                entry
                    .map(|(key, value)| (key.to_vec(), value.to_vec()))
                    .map_err(StoreError::from)
            })
            .collect()
    }

    fn for_each_prefix(&self, prefix: &[u8], visit: &mut Visit<'_>) -> Result<(), StoreError> {
        for entry in self.open()?.tree.scan_prefix(prefix) {
            let (key, value) = entry?;
            visit(&key, &value)?;
        }
        Ok(())
    }

    fn scan_from(&self, prefix: &[u8], start: &[u8], limit: usize) -> Result<Pairs, StoreError> {
        let mut pairs = Vec::new();
        for entry in self.open()?.tree.range(start.to_vec()..) {
            let (key, value) = entry?;
            if !key.starts_with(prefix) || pairs.len() >= limit {
                break;
            }
            pairs.push((key.to_vec(), value.to_vec()));
        }
        Ok(pairs)
    }

    fn apply(&self, batch: Batch) -> Result<(), StoreError> {
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
            if !db.has_room_for(room_to_write(&batch)) {
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
        flushed
    }
}
