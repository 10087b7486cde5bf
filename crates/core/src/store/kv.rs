//! The small storage interface everything persistent goes through, and its sled implementation.
//!
//! A [`Tree`] is an ordered key-value namespace. Writes go in as one [`Batch`], applied
//! atomically; [`Tree::flush`] makes everything applied so far durable. Keeping the interface
//! this small lets the sync server and tests reuse the same store code.

use std::sync::Arc;

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

/// A sled tree plus the store's [`Durability`] (sled's log file and the record of what of it
/// was acknowledged). On Linux, sled's own flush ends in `sync_file_range`, which neither
/// flushes the device's write cache nor records a grown file size; [`Tree::flush`] therefore
/// follows it with `fdatasync` on the log, and then records how far the log reaches
/// (`store/acked`, which the pre-open check holds the log to).
pub struct SledTree {
    tree: sled::Tree,
    durability: Arc<Durability>,
}

impl SledTree {
    pub fn new(tree: sled::Tree, durability: Arc<Durability>) -> Self {
        Self { tree, durability }
    }
}

impl Tree for SledTree {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.tree.get(key)?.map(|value| value.to_vec()))
    }

    fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs, StoreError> {
        self.tree
            .scan_prefix(prefix)
            .map(|entry| {
                entry
                    .map(|(key, value)| (key.to_vec(), value.to_vec()))
                    .map_err(StoreError::from)
            })
            .collect()
    }

    fn for_each_prefix(&self, prefix: &[u8], visit: &mut Visit<'_>) -> Result<(), StoreError> {
        for entry in self.tree.scan_prefix(prefix) {
            let (key, value) = entry?;
            visit(&key, &value)?;
        }
        Ok(())
    }

    fn scan_from(&self, prefix: &[u8], start: &[u8], limit: usize) -> Result<Pairs, StoreError> {
        let mut pairs = Vec::new();
        for entry in self.tree.range(start.to_vec()..) {
            let (key, value) = entry?;
            if !key.starts_with(prefix) || pairs.len() >= limit {
                break;
            }
            pairs.push((key.to_vec(), value.to_vec()));
        }
        Ok(pairs)
    }

    fn apply(&self, batch: Batch) -> Result<(), StoreError> {
        let mut sled_batch = sled::Batch::default();
        for key in batch.deletes {
            sled_batch.remove(key);
        }
        for (key, value) in batch.puts {
            sled_batch.insert(key, value);
        }
        self.tree.apply_batch(sled_batch).map_err(|error| {
            self.durability.write_failed();
            error
        })?;
        Ok(())
    }

    fn flush(&self) -> Result<(), StoreError> {
        let flushed = self
            .tree
            .flush()
            .map_err(StoreError::from)
            .and_then(|_| Ok(self.durability.make_durable()?));
        if flushed.is_err() {
            self.durability.write_failed();
        }
        flushed
    }
}
