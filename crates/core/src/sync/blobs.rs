//! Blobs (attachments, photos) by SHA-256, in a workspace tree. Used the same way by the app's
//! store and the sync server's.
//!
//! Keys: `bm/{sha}` → size (u64 BE), then `b/{sha}/{chunk: u32 BE}` → at most
//! [`CHUNK_BYTES`] each, because sled does not fsync large values. A blob larger than
//! [`FILE_BYTES`] written through [`put_durable`] or an [`Upload`] is a file of its own
//! instead, `{part folder}/{sha}` (`DATA_DIR/parts/{tree}/`, [`Tree::part_folder`]), written,
//! synced and renamed into place before its size record (then followed by a 1) is written;
//! every reader here reads either the same way and checks the hash.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

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
    let Some(record) = tree.get(&meta_key(sha))? else {
        return Ok(false);
    };
    let expected = crate::store::kv::decode_u64(&record).unwrap_or(u64::MAX);
    let mut hasher = Sha256::new();
    let mut read = 0u64;
    match file_of(tree, &record, sha)? {
        Some(path) => {
            let unreadable = |error: std::io::Error| StoreError::DamagedRecord {
                what: format!("blob {sha}"),
                reason: format!("its file {} cannot be read: {error}", path.display()),
            };
            let mut file = std::fs::File::open(&path).map_err(unreadable)?;
            let mut buffer = vec![0; CHUNK_BYTES * 16];
            loop {
                let n = file.read(&mut buffer).map_err(unreadable)?;
                if n == 0 {
                    break;
                }
                hasher.update(&buffer[..n]);
                read += n as u64;
                visit(&buffer[..n])?;
            }
        }
        None => tree.for_each_prefix(format!("b/{sha}/").as_bytes(), &mut |_, chunk| {
            hasher.update(chunk);
            read += chunk.len() as u64;
            visit(chunk)
        })?,
    }
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
/// whole. Its first [`FILE_BYTES`] are held; a blob no larger stays in the tree as chunks
/// (written by [`Upload::finish`]); a larger one goes on into a file of its own in the tree's
/// part folder (or, for a tree without one, into chunks as they fill). Its size record, which
/// is what makes a blob exist (`has`, `get`), is written only by [`Upload::finish`] once the
/// hash is right (and the file is synced and renamed into place), in one batch with the
/// removal of chunks past its end that an earlier upload of the same hash left when it broke
/// off. Chunks or files without a size record are read by nothing. Only one upload of a hash
/// may write at a time, and none once it is stored (the hub sees to both): they write the same
/// keys and the same temporary file.
pub struct Upload {
    sha: String,
    hasher: Sha256,
    size: u64,
    /// The first bytes taken (up to one more than a large file's manifest may hold), so that
    /// the hub can check a manifest before it counts ([`super::large_files`]).
    head: Vec<u8>,
    /// Where a blob larger than [`FILE_BYTES`] goes; `None`: into chunks.
    folder: Option<PathBuf>,
    sink: Sink,
}

enum Sink {
    /// The bytes so far, at most [`FILE_BYTES`].
    Holding(Vec<u8>),
    /// Chunks written as they fill: bytes of the next one, not full yet, and its number.
    Chunks { pending: Vec<u8>, next_chunk: u32 },
    /// A temporary file in the part folder.
    File {
        file: std::io::BufWriter<std::fs::File>,
        temporary: PathBuf,
    },
}

impl Upload {
    /// An upload of `sha`; `folder`: the tree's part folder ([`Tree::part_folder`]), where a
    /// blob larger than [`FILE_BYTES`] is written (`None`: into chunks).
    pub fn new(sha: &str, folder: Option<PathBuf>) -> Upload {
        Upload {
            sha: sha.to_owned(),
            hasher: Sha256::new(),
            size: 0,
            head: Vec::new(),
            folder,
            sink: Sink::Holding(Vec::new()),
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

    /// Takes `bytes`: into the file, or every chunk they fill into `batch`.
    pub fn write(&mut self, bytes: &[u8], batch: &mut Batch) -> Result<(), StoreError> {
        self.hasher.update(bytes);
        self.size += bytes.len() as u64;
        let keep = (super::large_files::MAX_MANIFEST_BYTES + 1).saturating_sub(self.head.len());
        self.head.extend_from_slice(&bytes[..keep.min(bytes.len())]);
        if let Sink::Holding(held) = &mut self.sink {
            held.extend_from_slice(bytes);
            if held.len() <= FILE_BYTES {
                return Ok(());
            }
            let held = std::mem::take(held);
            self.sink = match &self.folder {
                Some(folder) => {
                    let temporary = temporary_path(folder, &self.sha, "upload");
                    let file = create_file(folder, &temporary)?;
                    let mut file = std::io::BufWriter::with_capacity(1024 * 1024, file);
                    file.write_all(&held).map_err(io_error)?;
                    Sink::File { file, temporary }
                }
                None => {
                    let mut sink = Sink::Chunks {
                        pending: Vec::new(),
                        next_chunk: 0,
                    };
                    sink.chunks(&self.sha, &held, batch);
                    sink
                }
            };
            return Ok(());
        }
        match &mut self.sink {
            Sink::File { file, .. } => file.write_all(bytes).map_err(io_error),
            sink => {
                sink.chunks(&self.sha, bytes, batch);
                Ok(())
            }
        }
    }

    /// The hash of the bytes taken, when it is not the one named.
    pub fn mismatch(&self) -> Option<String> {
        let actual = hex::encode(self.hasher.clone().finalize());
        (actual != self.sha).then_some(actual)
    }

    /// Ends a whole upload whose hash is right: its file synced and renamed into place, or
    /// its last chunks; then the size record and the removal of stale chunks past the end,
    /// into `batch`.
    pub fn finish(self, tree: &dyn Tree, batch: &mut Batch) -> Result<(), StoreError> {
        let Upload {
            sha,
            size,
            folder,
            sink,
            ..
        } = self;
        let mut chunks_kept = 0;
        match sink {
            Sink::Holding(held) => {
                for (index, chunk) in held.chunks(CHUNK_BYTES).enumerate() {
                    batch.put(chunk_key(&sha, index as u32), chunk.to_vec());
                }
                chunks_kept = held.len().div_ceil(CHUNK_BYTES) as u32;
                batch.put(meta_key(&sha), size.to_be_bytes().to_vec());
            }
            Sink::Chunks {
                pending,
                next_chunk,
            } => {
                chunks_kept = next_chunk;
                if !pending.is_empty() {
                    batch.put(chunk_key(&sha, next_chunk), pending);
                    chunks_kept += 1;
                }
                batch.put(meta_key(&sha), size.to_be_bytes().to_vec());
            }
            Sink::File { file, temporary } => {
                let folder = folder.unwrap_or_default();
                let file = file.into_inner().map_err(|e| io_error(e.into_error()))?;
                place_file(&folder, &temporary, file, &sha)?;
                batch.put(meta_key(&sha), file_record(size));
            }
        }
        let prefix = format!("b/{sha}/").into_bytes();
        tree.for_each_prefix(&prefix, &mut |key, _| {
            let index = key
                .get(prefix.len()..)
                .and_then(|index| <[u8; 4]>::try_from(index).ok())
                .map(u32::from_be_bytes);
            if index.is_none_or(|index| index >= chunks_kept) {
                batch.delete(key.to_vec());
            }
            Ok(())
        })?;
        Ok(())
    }

    /// Removes the chunks or the file an upload that will not be finished wrote.
    pub fn abandon(self, batch: &mut Batch) {
        match self.sink {
            Sink::Holding(_) => {}
            Sink::Chunks { next_chunk, .. } => {
                for index in 0..next_chunk {
                    batch.delete(chunk_key(&self.sha, index));
                }
            }
            Sink::File { file, temporary } => {
                drop(file);
                let _ = std::fs::remove_file(temporary);
            }
        }
    }
}

impl Sink {
    /// Takes `bytes` into chunks, every full one into `batch`.
    fn chunks(&mut self, sha: &str, mut bytes: &[u8], batch: &mut Batch) {
        let Sink::Chunks {
            pending,
            next_chunk,
        } = self
        else {
            return;
        };
        while !bytes.is_empty() {
            let room = CHUNK_BYTES - pending.len();
            let (taken, rest) = bytes.split_at(room.min(bytes.len()));
            pending.extend_from_slice(taken);
            bytes = rest;
            if pending.len() == CHUNK_BYTES {
                batch.put(chunk_key(sha, *next_chunk), std::mem::take(pending));
                *next_chunk += 1;
            }
        }
    }
}

/// Blobs larger than this go into a file of their own where the tree has a part folder
/// ([`Tree::part_folder`]): sled writes a large value's chunks two to three times over
/// (BENCHMARKS.md, "Large files"), a file once.
pub const FILE_BYTES: usize = 1024 * 1024;

/// A size record saying the bytes are in the part folder: the size, then 1.
fn file_record(size: u64) -> Vec<u8> {
    let mut record = size.to_be_bytes().to_vec();
    record.push(1);
    record
}

/// The blob's file, when its size record says it has one.
fn file_of(tree: &dyn Tree, record: &[u8], sha: &str) -> Result<Option<PathBuf>, StoreError> {
    if record.get(8) != Some(&1) {
        return Ok(None);
    }
    match tree.part_folder() {
        Some(folder) => Ok(Some(folder.join(sha))),
        None => Err(StoreError::DamagedRecord {
            what: format!("blob {sha}"),
            reason: "its bytes are in a file this store has no folder for".into(),
        }),
    }
}

fn io_error(error: std::io::Error) -> StoreError {
    if crate::store::is_disk_full(&error) {
        StoreError::DiskFull
    } else {
        StoreError::Folder(error)
    }
}

fn temporary_path(folder: &Path, sha: &str, what: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    folder.join(format!("{sha}.{what}-{}-{n}", std::process::id()))
}

fn create_file(folder: &Path, temporary: &Path) -> Result<std::fs::File, StoreError> {
    std::fs::create_dir_all(folder).map_err(io_error)?;
    std::fs::File::create(temporary).map_err(io_error)
}

/// Makes a written temporary file the blob's file: its data synced, renamed into place, the
/// folder synced, so the size record written after it never names a file a power cut loses.
fn place_file(
    folder: &Path,
    temporary: &Path,
    file: std::fs::File,
    sha: &str,
) -> Result<(), StoreError> {
    let placed = (|| {
        file.sync_data()?;
        drop(file);
        std::fs::rename(temporary, folder.join(sha))?;
        std::fs::File::open(folder)?.sync_all()
    })();
    if placed.is_err() {
        let _ = std::fs::remove_file(temporary);
    }
    placed.map_err(io_error)
}

/// The largest single `write` of a part's bytes into its file.
const WRITE_PIECE: usize = 256 << 10;

/// Adds `bytes` under `sha`: a blob larger than [`FILE_BYTES`] into a file of its own in the
/// tree's part folder, durable before this returns, and its size record into `batch`; a
/// smaller one (or any, for a tree without a folder) as [`put`] does. The caller has checked
/// the hash.
pub fn put_durable(
    tree: &dyn Tree,
    batch: &mut Batch,
    sha: &str,
    bytes: &[u8],
) -> Result<(), StoreError> {
    match tree.part_folder() {
        Some(folder) if bytes.len() > FILE_BYTES => {
            let temporary = temporary_path(&folder, sha, "put");
            let mut file = create_file(&folder, &temporary)?;
            // In pieces: one 8 MiB `write` into the page cache took ~26 ms on the bench
            // machine (ext4), 32 of 256 KiB ~3 ms (BENCHMARKS.md, issue 20).
            if let Err(error) = bytes
                .chunks(WRITE_PIECE)
                .try_for_each(|piece| file.write_all(piece))
            {
                let _ = std::fs::remove_file(&temporary);
                return Err(io_error(error));
            }
            place_file(&folder, &temporary, file, sha)?;
            batch.put(meta_key(sha), file_record(bytes.len() as u64));
        }
        _ => put(batch, sha, bytes),
    }
    Ok(())
}

/// Whether `sha`'s bytes are in a file of its own ([`put_durable`]), and that file is in
/// `folder` at the size its record says: what `store recover` keeps as it is.
pub fn file_in(tree: &dyn Tree, folder: &Path, sha: &str) -> Result<bool, StoreError> {
    let Some(record) = tree.get(&meta_key(sha))? else {
        return Ok(false);
    };
    let size = crate::store::kv::decode_u64(&record);
    Ok(record.get(8) == Some(&1)
        && std::fs::metadata(folder.join(sha)).is_ok_and(|m| Some(m.len()) == size))
}

/// Writes the size record of a blob whose file is in the tree's part folder already (see
/// [`file_in`]).
pub fn put_file_record(batch: &mut Batch, sha: &str, size: u64) {
    batch.put(meta_key(sha), file_record(size));
}

pub fn get(tree: &dyn Tree, sha: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let Some(size) = tree.get(&meta_key(sha))? else {
        return Ok(None);
    };
    let expected = crate::store::kv::decode_u64(&size);
    let bytes = match file_of(tree, &size, sha)? {
        Some(path) => std::fs::read(&path).map_err(|error| StoreError::DamagedRecord {
            what: format!("blob {sha}"),
            reason: format!("its file {} cannot be read: {error}", path.display()),
        })?,
        None => {
            let mut bytes = Vec::new();
            tree.for_each_prefix(format!("b/{sha}/").as_bytes(), &mut |_, chunk| {
                bytes.extend_from_slice(chunk);
                Ok(())
            })?;
            bytes
        }
    };
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
