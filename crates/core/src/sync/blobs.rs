//! Blobs (attachments, photos) by SHA-256, in a workspace tree. Used the same way by the app's
//! store and the sync server's.
//!
//! Keys: `bm/{sha}` → size (u64 BE), then `b/{sha}/{chunk: u32 BE}` → at most
//! [`CHUNK_BYTES`] each, because sled does not fsync large values.

use sha2::{Digest, Sha256};

use crate::store::docs::CHUNK_BYTES;
use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// The largest blob either side accepts.
pub const MAX_BLOB_BYTES: usize = 256 * 1024 * 1024;

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A blob name is a lower-case hex SHA-256.
pub fn valid_sha(sha: &str) -> bool {
    sha.len() == 64
        && sha
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn meta_key(sha: &str) -> Vec<u8> {
    format!("bm/{sha}").into_bytes()
}

pub fn has(tree: &dyn Tree, sha: &str) -> Result<bool, StoreError> {
    Ok(tree.get(&meta_key(sha))?.is_some())
}

/// The size of a stored blob, read from its size record alone (no bytes read).
pub fn size(tree: &dyn Tree, sha: &str) -> Result<Option<u64>, StoreError> {
    Ok(tree
        .get(&meta_key(sha))?
        .and_then(|size| crate::store::kv::decode_u64(&size)))
}

/// Visits a stored blob's bytes a chunk at a time (at most [`CHUNK_BYTES`] in memory),
/// checking its size and hash once all are read: `Ok(false)` when it is not stored, a
/// damaged record when its bytes are not what its name says. What `visit` was given before
/// such an error is not the blob: a caller writing it somewhere throws that away.
pub fn for_each_chunk(
    tree: &dyn Tree,
    sha: &str,
    visit: &mut dyn FnMut(&[u8]) -> Result<(), StoreError>,
) -> Result<bool, StoreError> {
    let Some(expected) = size(tree, sha)? else {
        return Ok(false);
    };
    let mut hasher = Sha256::new();
    let mut read = 0u64;
    tree.for_each_prefix(format!("b/{sha}/").as_bytes(), &mut |_, chunk| {
        hasher.update(chunk);
        read += chunk.len() as u64;
        visit(chunk)
    })?;
    if read != expected || hex::encode(hasher.finalize()) != sha {
        return Err(StoreError::DamagedRecord {
            what: format!("blob {sha}"),
            reason: "its bytes do not match its hash".into(),
        });
    }
    Ok(true)
}

fn chunk_key(sha: &str, index: u32) -> Vec<u8> {
    let mut key = format!("b/{sha}/").into_bytes();
    key.extend_from_slice(&index.to_be_bytes());
    key
}

/// Adds `bytes` under `sha` to `batch`; the caller has checked the hash.
pub fn put(batch: &mut Batch, sha: &str, bytes: &[u8]) {
    for (index, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
        batch.put(chunk_key(sha, index as u32), chunk.to_vec());
    }
    batch.put(meta_key(sha), (bytes.len() as u64).to_be_bytes().to_vec());
}

/// A blob written as its bytes come, hashed on the way, so that a large upload is never held
/// whole. Its chunks are written as they fill; its size record, which is what makes a blob
/// exist (`has`, `get`), only by [`Upload::finish`] once the hash is right, in one batch with
/// the removal of chunks past its end that an earlier upload of the same hash left when it
/// broke off. Chunks without a size record are read by nothing. Only one upload of a hash may
/// write at a time, and none once it is stored (the hub sees to both): they write the same
/// keys.
pub struct Upload {
    sha: String,
    hasher: Sha256,
    /// Bytes of the next chunk, not full yet.
    pending: Vec<u8>,
    next_chunk: u32,
    size: u64,
    /// The first bytes taken (up to one more than a large file's manifest may hold), so that
    /// the hub can check a manifest before it counts ([`super::large_files`]).
    head: Vec<u8>,
}

impl Upload {
    pub fn new(sha: &str) -> Upload {
        Upload {
            sha: sha.to_owned(),
            hasher: Sha256::new(),
            pending: Vec::new(),
            next_chunk: 0,
            size: 0,
            head: Vec::new(),
        }
    }

    /// The first bytes taken: all of them when the blob is no larger than a manifest may be.
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// The hash the blob is named by.
    pub fn sha(&self) -> &str {
        &self.sha
    }

    /// Bytes taken so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Takes `bytes`; every chunk they fill goes into `batch`.
    pub fn write(&mut self, mut bytes: &[u8], batch: &mut Batch) {
        self.hasher.update(bytes);
        self.size += bytes.len() as u64;
        let keep = (super::large_files::MAX_MANIFEST_BYTES + 1).saturating_sub(self.head.len());
        self.head.extend_from_slice(&bytes[..keep.min(bytes.len())]);
        while !bytes.is_empty() {
            let room = CHUNK_BYTES - self.pending.len();
            let (taken, rest) = bytes.split_at(room.min(bytes.len()));
            self.pending.extend_from_slice(taken);
            bytes = rest;
            if self.pending.len() == CHUNK_BYTES {
                let chunk = std::mem::take(&mut self.pending);
                batch.put(chunk_key(&self.sha, self.next_chunk), chunk);
                self.next_chunk += 1;
            }
        }
    }

    /// The hash of the bytes taken, when it is not the one named.
    pub fn mismatch(&self) -> Option<String> {
        let actual = hex::encode(self.hasher.clone().finalize());
        (actual != self.sha).then_some(actual)
    }

    /// Ends a whole upload whose hash is right: the last chunk, the size record and the
    /// removal of stale chunks past the end, into `batch`.
    pub fn finish(mut self, tree: &dyn Tree, batch: &mut Batch) -> Result<(), StoreError> {
        if !self.pending.is_empty() {
            let chunk = std::mem::take(&mut self.pending);
            batch.put(chunk_key(&self.sha, self.next_chunk), chunk);
            self.next_chunk += 1;
        }
        let prefix = format!("b/{}/", self.sha).into_bytes();
        tree.for_each_prefix(&prefix, &mut |key, _| {
            let index = key
                .get(prefix.len()..)
                .and_then(|index| <[u8; 4]>::try_from(index).ok())
                .map(u32::from_be_bytes);
            if index.is_none_or(|index| index >= self.next_chunk) {
                batch.delete(key.to_vec());
            }
            Ok(())
        })?;
        batch.put(meta_key(&self.sha), self.size.to_be_bytes().to_vec());
        Ok(())
    }

    /// Removes the chunks an upload that will not be finished wrote.
    pub fn abandon(self, batch: &mut Batch) {
        for index in 0..self.next_chunk {
            batch.delete(chunk_key(&self.sha, index));
        }
    }
}

pub fn get(tree: &dyn Tree, sha: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(size) = tree.get(&meta_key(sha))? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    tree.for_each_prefix(format!("b/{sha}/").as_bytes(), &mut |_, chunk| {
        bytes.extend_from_slice(chunk);
        Ok(())
    })?;
    let expected = size
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_be_bytes);
    if expected != Some(bytes.len() as u64) || sha256_hex(&bytes) != sha {
        return Err(StoreError::DamagedRecord {
            what: format!("blob {sha}"),
            reason: "its bytes do not match its hash".into(),
        });
    }
    Ok(Some(bytes))
}

/// Every blob hash stored in `tree`.
pub fn list(tree: &dyn Tree) -> Result<Vec<String>, StoreError> {
    let mut hashes = Vec::new();
    tree.for_each_prefix(b"bm/", &mut |key, _| {
        hashes.push(String::from_utf8_lossy(&key[3..]).into_owned());
        Ok(())
    })?;
    Ok(hashes)
}
