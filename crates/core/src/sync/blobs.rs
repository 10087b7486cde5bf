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

/// Adds `bytes` under `sha` to `batch`; the caller has checked the hash.
pub fn put(batch: &mut Batch, sha: &str, bytes: &[u8]) {
    for (index, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
        let mut key = format!("b/{sha}/").into_bytes();
        key.extend_from_slice(&(index as u32).to_be_bytes());
        batch.put(key, chunk.to_vec());
    }
    batch.put(meta_key(sha), (bytes.len() as u64).to_be_bytes().to_vec());
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
