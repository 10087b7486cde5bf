//! A fault-injecting [`Tree`] for tests: it wraps a real tree and fails chosen writes.
//!
//! What it models, and what it does not:
//! - A failed **apply** returns an error before the inner tree sees the batch, as sled's
//!   `apply_batch` does when it cannot reserve log space: nothing of the batch is applied.
//! - A failed **flush** comes in two flavours. [`FlushFault::BeforeSync`] returns the error
//!   without flushing: the batch is applied in memory but not yet durable, and may reach the
//!   disk with a later flush or when the store closes (so a failed edit may be found whole
//!   after a reopen, never in part). [`FlushFault::AfterSync`] flushes and then reports the
//!   error, as an `fdatasync` that fails after the data reached the disk.
//! - A **full disk** ([`FaultyTree::fill_disk`]) fails every apply and flush with ENOSPC until
//!   [`FaultyTree::free_space`]; reads go on.
//! - It cannot model sled's own reaction to an I/O error: a real sled 0.34 that fails a log
//!   write keeps that error (`global_error`) and refuses every later write until the database
//!   is opened again. A reopen is therefore modelled by dropping the store and opening it from
//!   the directory, and a power cut by copying the directory while the store is open
//!   ([`copy_dir`]): what a crash leaves is what the files hold at that moment.
//! - File-level damage (a truncated log, a flipped byte) is not the tree's to model: it is
//!   done on the files themselves ([`truncate_file`], [`flip_byte`]).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::kv::{Batch, Pairs, Tree, Visit};
use super::StoreError;

/// The error an injected fault returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FaultError {
    /// A plain I/O error (EIO).
    Io,
    /// The disk is full (ENOSPC).
    DiskFull,
}

impl FaultError {
    fn error(self) -> StoreError {
        let errno = match self {
            FaultError::Io => 5,        // EIO
            FaultError::DiskFull => 28, // ENOSPC
        };
        StoreError::from(sled::Error::Io(std::io::Error::from_raw_os_error(errno)))
    }
}

/// Where a failed flush fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FlushFault {
    /// Before anything is flushed: the applied batch is not yet durable.
    BeforeSync,
    /// After the flush and its `fdatasync`: the data is durable, the caller is told otherwise.
    AfterSync,
}

/// Which writes fail, counted from 1 over the tree's life.
#[derive(Clone, Debug, Default)]
pub(crate) struct FaultPlan {
    pub(crate) failed_applies: BTreeSet<u64>,
    pub(crate) failed_flushes: BTreeSet<u64>,
    pub(crate) flush_fault: Option<FlushFault>,
    pub(crate) error: Option<FaultError>,
}

pub(crate) struct FaultyTree {
    inner: Arc<dyn Tree>,
    plan: Mutex<FaultPlan>,
    applies: AtomicU64,
    flushes: AtomicU64,
    disk_full: AtomicBool,
}

impl FaultyTree {
    pub(crate) fn new(inner: Arc<dyn Tree>, plan: FaultPlan) -> Self {
        Self {
            inner,
            plan: Mutex::new(plan),
            applies: AtomicU64::new(0),
            flushes: AtomicU64::new(0),
            disk_full: AtomicBool::new(false),
        }
    }

    /// Every write fails with ENOSPC from now on, until [`FaultyTree::free_space`].
    pub(crate) fn fill_disk(&self) {
        self.disk_full.store(true, Ordering::SeqCst);
    }

    pub(crate) fn free_space(&self) {
        self.disk_full.store(false, Ordering::SeqCst);
    }

    fn plan(&self) -> std::sync::MutexGuard<'_, FaultPlan> {
        self.plan
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Tree for FaultyTree {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.inner.get(key)
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs, StoreError> {
        self.inner.scan_prefix(prefix)
    }

    fn for_each_prefix(&self, prefix: &[u8], visit: &mut Visit<'_>) -> Result<(), StoreError> {
        self.inner.for_each_prefix(prefix, visit)
    }

    fn scan_from(&self, prefix: &[u8], start: &[u8], limit: usize) -> Result<Pairs, StoreError> {
        self.inner.scan_from(prefix, start, limit)
    }

    fn apply(&self, batch: Batch) -> Result<(), StoreError> {
        let n = self.applies.fetch_add(1, Ordering::SeqCst) + 1;
        if self.disk_full.load(Ordering::SeqCst) {
            return Err(FaultError::DiskFull.error());
        }
        let plan = self.plan().clone();
        if plan.failed_applies.contains(&n) {
            return Err(plan.error.unwrap_or(FaultError::Io).error());
        }
        self.inner.apply(batch)
    }

    fn flush(&self) -> Result<(), StoreError> {
        let n = self.flushes.fetch_add(1, Ordering::SeqCst) + 1;
        if self.disk_full.load(Ordering::SeqCst) {
            return Err(FaultError::DiskFull.error());
        }
        let plan = self.plan().clone();
        if !plan.failed_flushes.contains(&n) {
            return self.inner.flush();
        }
        if plan.flush_fault == Some(FlushFault::AfterSync) {
            self.inner.flush()?;
        }
        Err(plan.error.unwrap_or(FaultError::Io).error())
    }
}

/// Copies a directory tree (a crash image when the store in it is open).
pub(crate) fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Cuts a file to `length` bytes.
pub(crate) fn truncate_file(path: &Path, length: u64) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .set_len(length)
}

/// Inverts every bit of the byte at `offset`.
pub(crate) fn flip_byte(path: &Path, offset: u64) -> std::io::Result<()> {
    let mut bytes = std::fs::read(path)?;
    if let Some(byte) = bytes.get_mut(offset as usize) {
        *byte ^= 0xFF;
    }
    std::fs::write(path, bytes)
}
