//! Large files (design documents' versions: drawings, PDFs, archives up to
//! [`MAX_LARGE_FILE_BYTES`]), stored, synced and saved a part at a time, never whole in memory.
//!
//! A large file is split into parts of [`PART_BYTES`] (the last one shorter). Each part is an
//! ordinary blob ([`super::blobs`]: by its own SHA-256, in sled as 64 KiB chunks), and a small
//! [`Manifest`] (the file's size and SHA-256, the part size, the parts' hashes in order) is a
//! blob too. **A record names the manifest's hash** (in its kind's `files`, like any file), so:
//! - a file is stored once however many records or versions name it, and two files sharing
//!   parts share them (dedup by part and by manifest);
//! - sync moves parts like any blob: an upload asks the server which parts it lacks
//!   (`blobs/has`) and sends only those, so a transfer cut off (app or server killed, network
//!   gone) resumes without resending a part the server already holds; a part cut off mid-way
//!   was never stored there and goes again;
//! - **Invariant: a manifest is stored only where all its parts are** (on a device: the parts
//!   are durable before the batch that writes the manifest with the record naming it; one
//!   fetched is kept only once its parts are here; on the server: a manifest whose parts it
//!   lacks, or holds at another size, is refused). So `file_presence(manifest) == Here` means
//!   the whole file is here, and [`Workspace::large_file_state`] says how much of one is.
//!
//! # Using it (the design documents' area)
//!
//! ```no_run
//! # use cloudwright_core::store::{Workspace, kv::Batch};
//! # use cloudwright_core::sync::large_files::LargeFileProgress;
//! # fn demo(workspace: &Workspace) -> Result<(), Box<dyn std::error::Error>> {
//! let mut progress = |p: LargeFileProgress| eprintln!("{} / {} bytes", p.done, p.total);
//! // 1. Read the file once (hash + split); every part this store lacks is written durably.
//! let staged = workspace.stage_large_file("/path/to/drawing.pdf".as_ref(), &mut progress)?;
//! // 2. Put the manifest into the batch that writes the record naming it (one durable step:
//! //    nothing names a file that is not durable). The record keeps `staged.manifest_sha()`
//! //    (and may show `staged.size()`, `staged.sha256()`), and its kind's `files` names it.
//! let mut batch = Batch::default();
//! let manifest_sha = workspace.put_large_file(&mut batch, &staged)?;
//! // ... stage the record naming `manifest_sha`, then write it with `batch` ...
//! # let _ = manifest_sha;
//! // 3. Later, on any device: is it here (or how much of it), and save it to a path.
//! let state = workspace.large_file_state(staged.manifest_sha())?;
//! workspace.save_large_file(staged.manifest_sha(), "/tmp/out.pdf".as_ref(), &mut progress)?;
//! # let _ = state;
//! # Ok(()) }
//! ```
//!
//! The progress callback gets bytes done and the total after each part (at most
//! [`PART_BYTES`] apart): the app forwards it as a Tauri event to its progress bar. A sync
//! pass reports the bytes of files it moves as [`super::engine::Progress::FileBytes`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::blobs;
use crate::store::kv::{Batch, Tree};
use crate::store::{StoreError, Workspace};

/// The size of every part but the last. 8 MiB: one part is the most either side holds in
/// memory, a cut-off transfer resends at most one, and a 4 GiB file has 512 (BENCHMARKS.md,
/// "Large files", has the measurements behind it).
pub const PART_BYTES: u64 = 8 * 1024 * 1024;
/// The largest large file: 4 GiB.
pub const MAX_LARGE_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// The largest manifest either side takes (a 4 GiB file's, in 8 MiB parts, is ~33 KiB).
pub const MAX_MANIFEST_BYTES: usize = 64 * 1024;
/// The most parts a manifest may name.
pub const MAX_PARTS: usize = (MAX_LARGE_FILE_BYTES / PART_BYTES) as usize;
/// The smallest and largest part size a manifest may say (a later version may choose
/// another within them; this one writes [`PART_BYTES`]).
const PART_BYTES_RANGE: std::ops::RangeInclusive<u64> = 64 * 1024..=64 * 1024 * 1024;

/// How every manifest begins: a blob beginning so is a manifest, checked as one.
pub const MANIFEST_MAGIC: &[u8] = b"cloudwright large file v1\n";

/// Bytes done of a large file's total (stored, uploaded, downloaded or saved).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LargeFileProgress {
    pub done: u64,
    pub total: u64,
}

/// Why a large file was not stored, saved or taken.
#[derive(Debug, thiserror::Error)]
pub enum LargeFileError {
    #[error("the file {} could not be read: {source}", .path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the file {} could not be written: {source}", .path.display())]
    Unwritable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the file {} is empty", .path.display())]
    Empty { path: PathBuf },
    #[error("the file is {size} bytes; a file may be at most {max} bytes (4 GiB)", max = MAX_LARGE_FILE_BYTES)]
    TooLarge { size: u64 },
    #[error("the file changed while it was read (its size was {expected} bytes, then {actual})")]
    ChangedWhileRead { expected: u64, actual: u64 },
    #[error("no large file {0} is known here")]
    Unknown(String),
    #[error(
        "large file {sha}: {done} of {total} bytes are here; the rest comes with the next sync"
    )]
    NotHereYet { sha: String, done: u64, total: u64 },
    #[error("large file {sha} is damaged here: {reason}")]
    Damaged { sha: String, reason: String },
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why bytes are not a manifest this version takes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    #[error("a large file's manifest may be at most {MAX_MANIFEST_BYTES} bytes")]
    TooLarge,
    #[error("the manifest is not in the form this version reads: {0}")]
    Malformed(String),
    #[error("the manifest says {size} bytes; a file may be at most {max} bytes", max = MAX_LARGE_FILE_BYTES)]
    FileTooLarge { size: u64 },
    #[error("the manifest names {named} parts; a file of {size} bytes in parts of {part_bytes} has {expected}")]
    WrongPartCount {
        size: u64,
        part_bytes: u64,
        named: usize,
        expected: usize,
    },
}

/// What a large file is: its size and SHA-256, and its parts' hashes in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    pub size: u64,
    pub sha256: String,
    pub part_bytes: u64,
    pub parts: Vec<String>,
}

impl Manifest {
    /// The manifest as stored (plain text, one field a line, then one part hash a line):
    /// `cloudwright large file v1`, `size N`, `sha256 H`, `part-bytes N`, `parts N`, hashes.
    pub fn encode(&self) -> Vec<u8> {
        let mut text = String::from_utf8_lossy(MANIFEST_MAGIC).into_owned();
        text.push_str(&format!(
            "size {}\nsha256 {}\npart-bytes {}\nparts {}\n",
            self.size,
            self.sha256,
            self.part_bytes,
            self.parts.len()
        ));
        for part in &self.parts {
            text.push_str(part);
            text.push('\n');
        }
        text.into_bytes()
    }

    /// Whether `bytes` begin as a manifest does (then they must be one).
    pub fn is_manifest(bytes: &[u8]) -> bool {
        bytes.starts_with(MANIFEST_MAGIC)
    }

    /// Reads a manifest, refusing anything but the one form [`Manifest::encode`] writes
    /// (so one file has one manifest hash) and a file, part size or part count outside the
    /// limits.
    pub fn decode(bytes: &[u8]) -> Result<Manifest, ManifestError> {
        if bytes.len() > MAX_MANIFEST_BYTES {
            return Err(ManifestError::TooLarge);
        }
        let malformed = |why: &str| ManifestError::Malformed(why.to_owned());
        let rest = bytes
            .strip_prefix(MANIFEST_MAGIC)
            .ok_or_else(|| malformed("it does not begin with `cloudwright large file v1`"))?;
        let text = std::str::from_utf8(rest).map_err(|_| malformed("it is not UTF-8"))?;
        let mut lines = text.split_terminator('\n');
        let size = number_line(&mut lines, "size")?;
        let sha256 = lines
            .next()
            .and_then(|line| line.strip_prefix("sha256 "))
            .filter(|sha| blobs::valid_sha(sha))
            .ok_or_else(|| malformed("no `sha256` line with a lower-case hex SHA-256"))?
            .to_owned();
        let part_bytes = number_line(&mut lines, "part-bytes")?;
        let count = number_line(&mut lines, "parts")?;
        if size > MAX_LARGE_FILE_BYTES {
            return Err(ManifestError::FileTooLarge { size });
        }
        if !PART_BYTES_RANGE.contains(&part_bytes) {
            return Err(malformed("its part size is outside 64 KiB to 64 MiB"));
        }
        let mut parts = Vec::new();
        for line in lines {
            if !blobs::valid_sha(line) {
                return Err(malformed("a part is not a lower-case hex SHA-256"));
            }
            parts.push(line.to_owned());
        }
        let expected = size.div_ceil(part_bytes) as usize;
        if size == 0 || parts.len() != expected || count != parts.len() as u64 {
            return Err(ManifestError::WrongPartCount {
                size,
                part_bytes,
                named: parts.len(),
                expected,
            });
        }
        let manifest = Manifest {
            size,
            sha256,
            part_bytes,
            parts,
        };
        // One file, one manifest: numbers with leading zeros, a missing final newline or
        // anything else written differently is refused.
        if manifest.encode() != bytes {
            return Err(malformed("it is not written in its one canonical form"));
        }
        Ok(manifest)
    }

    /// The size part `index` must have.
    pub fn part_size(&self, index: usize) -> u64 {
        let start = index as u64 * self.part_bytes;
        self.part_bytes.min(self.size.saturating_sub(start))
    }
}

/// The next line as `{name} {number}`.
fn number_line<'a>(
    lines: &mut impl Iterator<Item = &'a str>,
    name: &str,
) -> Result<u64, ManifestError> {
    lines
        .next()
        .and_then(|line| line.strip_prefix(name))
        .and_then(|value| value.strip_prefix(' '))
        .and_then(|value| value.parse::<u64>().ok())
        .ok_or_else(|| ManifestError::Malformed(format!("no `{name}` line where it belongs")))
}

/// What is wrong with a manifest against the parts a store holds: the first part it lacks
/// or holds at another size than the manifest says (`None`: every part is here, right).
pub fn check_parts(
    tree: &dyn Tree,
    manifest: &Manifest,
) -> Result<Option<PartProblem>, StoreError> {
    for (index, part) in manifest.parts.iter().enumerate() {
        let expected = manifest.part_size(index);
        match blobs::size(tree, part)? {
            None => {
                return Ok(Some(PartProblem::Missing {
                    part: part.clone(),
                    index,
                }))
            }
            Some(actual) if actual != expected => {
                return Ok(Some(PartProblem::WrongSize {
                    part: part.clone(),
                    index,
                    expected,
                    actual,
                }))
            }
            Some(_) => {}
        }
    }
    Ok(None)
}

/// A part of a manifest that a store lacks or holds at another size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartProblem {
    Missing {
        part: String,
        index: usize,
    },
    WrongSize {
        part: String,
        index: usize,
        expected: u64,
        actual: u64,
    },
}

/// A large file whose parts are durable in a store, its manifest not written yet (see
/// [`Workspace::put_large_file`]).
#[derive(Clone, Debug)]
pub struct StagedLargeFile {
    manifest: Manifest,
    manifest_bytes: Vec<u8>,
    manifest_sha: String,
}

impl StagedLargeFile {
    /// The hash a record names the file by.
    pub fn manifest_sha(&self) -> &str {
        &self.manifest_sha
    }
    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.manifest.size
    }
    /// The file's own SHA-256 (of its bytes, not of the manifest).
    pub fn sha256(&self) -> &str {
        &self.manifest.sha256
    }
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }
}

/// A large file as this device has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LargeFileState {
    /// Whole: every part and the manifest.
    Here { size: u64, sha256: String },
    /// Named by a synced record, not all here yet: `done` bytes of its parts are (known only
    /// once its manifest has been fetched; 0 and 0 before).
    WaitingForSync { done: u64, total: u64 },
    /// No record here names it.
    Unknown,
}

impl Workspace {
    /// Reads the file at `path` once, hashing it and splitting it into parts, and writes
    /// every part this store lacks durably (one batch and flush a part, so at most one part
    /// is in memory). The file's manifest is not written: [`Workspace::put_large_file`] puts
    /// it into the batch of the record that names it. Parts stored without a manifest (the
    /// record was never written) are read by nothing, and a second try reuses them.
    /// Refused: a file that cannot be read, an empty one, one over 4 GiB, one that changes
    /// size while read.
    pub fn stage_large_file(
        &self,
        path: &Path,
        progress: &mut dyn FnMut(LargeFileProgress),
    ) -> Result<StagedLargeFile, LargeFileError> {
        let unreadable = |source| LargeFileError::Unreadable {
            path: path.to_owned(),
            source,
        };
        let mut file = std::fs::File::open(path).map_err(unreadable)?;
        let size = file.metadata().map_err(unreadable)?.len();
        if size == 0 {
            return Err(LargeFileError::Empty {
                path: path.to_owned(),
            });
        }
        if size > MAX_LARGE_FILE_BYTES {
            return Err(LargeFileError::TooLarge { size });
        }
        let mut whole = Sha256::new();
        let mut parts = Vec::new();
        let mut part = Vec::with_capacity(PART_BYTES as usize);
        let mut done = 0u64;
        progress(LargeFileProgress { done, total: size });
        loop {
            part.clear();
            (&mut file)
                .take(PART_BYTES)
                .read_to_end(&mut part)
                .map_err(unreadable)?;
            if part.is_empty() {
                break;
            }
            done += part.len() as u64;
            if done > size {
                return Err(LargeFileError::ChangedWhileRead {
                    expected: size,
                    actual: done,
                });
            }
            // The file's hash and the part's on the two cores at once.
            let sha = std::thread::scope(|scope| {
                let part_hash = scope.spawn(|| blobs::sha256_hex(&part));
                whole.update(&part);
                part_hash
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            });
            if !blobs::has(self.tree.as_ref(), &sha)? {
                let mut batch = Batch::default();
                blobs::put_durable(self.tree.as_ref(), &mut batch, &sha, &part)?;
                self.commit(batch)?;
            }
            parts.push(sha);
            progress(LargeFileProgress { done, total: size });
        }
        if done != size {
            return Err(LargeFileError::ChangedWhileRead {
                expected: size,
                actual: done,
            });
        }
        let manifest = Manifest {
            size,
            sha256: hex::encode(whole.finalize()),
            part_bytes: PART_BYTES,
            parts,
        };
        let manifest_bytes = manifest.encode();
        Ok(StagedLargeFile {
            manifest_sha: blobs::sha256_hex(&manifest_bytes),
            manifest,
            manifest_bytes,
        })
    }

    /// Puts a staged file's manifest into `batch`, the batch that writes the record naming
    /// it, and marks the manifest and its parts for upload (parts first, the manifest last:
    /// see `sync::engine`). Returns the hash the record names: the manifest's.
    pub fn put_large_file(
        &self,
        batch: &mut Batch,
        staged: &StagedLargeFile,
    ) -> Result<String, LargeFileError> {
        // The parts must still be here (nothing removes blobs today; this keeps the
        // invariant if something ever does).
        if let Some(problem) = check_parts(self.tree.as_ref(), &staged.manifest)? {
            return Err(LargeFileError::Damaged {
                sha: staged.manifest_sha.clone(),
                reason: format!("{problem:?}"),
            });
        }
        for part in &staged.manifest.parts {
            self.note_local_blob(batch, part);
        }
        self.put_file(batch, &staged.manifest_bytes)
            .map_err(LargeFileError::from)
    }

    /// [`Workspace::stage_large_file`] and [`Workspace::put_large_file`] in a batch of its
    /// own, for a caller whose record is written apart (the CLI's `file put`, tests).
    pub fn add_large_file(
        &self,
        path: &Path,
        progress: &mut dyn FnMut(LargeFileProgress),
    ) -> Result<StagedLargeFile, LargeFileError> {
        let staged = self.stage_large_file(path, progress)?;
        let mut batch = Batch::default();
        self.put_large_file(&mut batch, &staged)?;
        self.commit(batch)?;
        Ok(staged)
    }

    /// The manifest of a large file, when this device holds it.
    pub fn large_file_manifest(
        &self,
        manifest_sha: &str,
    ) -> Result<Option<Manifest>, LargeFileError> {
        if !blobs::valid_sha(manifest_sha) {
            return Ok(None);
        }
        let Some(bytes) = blobs::get(self.tree.as_ref(), manifest_sha)? else {
            return Ok(None);
        };
        Ok(Some(Manifest::decode(&bytes)?))
    }

    /// Whether a large file is here, on its way (and how much of it is here), or unknown.
    pub fn large_file_state(&self, manifest_sha: &str) -> Result<LargeFileState, LargeFileError> {
        if let Some(manifest) = self.large_file_manifest(manifest_sha)? {
            return Ok(LargeFileState::Here {
                size: manifest.size,
                sha256: manifest.sha256,
            });
        }
        if !blobs::valid_sha(manifest_sha) || !self.file_wanted(manifest_sha)? {
            return Ok(LargeFileState::Unknown);
        }
        let (done, total) = match self.pending_manifest(manifest_sha)? {
            Some(manifest) => (self.parts_here_bytes(&manifest)?, manifest.size),
            None => (0, 0),
        };
        Ok(LargeFileState::WaitingForSync { done, total })
    }

    /// Writes a large file to `path`, a part at a time, each part's and the whole file's
    /// hash checked: into a temporary file beside `path`, synced, then renamed over it, so
    /// `path` is never a partial or wrong file. Returns the file's size and SHA-256.
    pub fn save_large_file(
        &self,
        manifest_sha: &str,
        path: &Path,
        progress: &mut dyn FnMut(LargeFileProgress),
    ) -> Result<(u64, String), LargeFileError> {
        let manifest = match self.large_file_state(manifest_sha)? {
            LargeFileState::Here { .. } => self
                .large_file_manifest(manifest_sha)?
                .ok_or_else(|| LargeFileError::Unknown(manifest_sha.to_owned()))?,
            LargeFileState::WaitingForSync { done, total } => {
                return Err(LargeFileError::NotHereYet {
                    sha: manifest_sha.to_owned(),
                    done,
                    total,
                })
            }
            LargeFileState::Unknown => {
                return Err(LargeFileError::Unknown(manifest_sha.to_owned()))
            }
        };
        let temporary = partial_path(path);
        let unwritable = |source| LargeFileError::Unwritable {
            path: path.to_owned(),
            source,
        };
        let written = (|| {
            let file = std::fs::File::create(&temporary).map_err(unwritable)?;
            let mut out = std::io::BufWriter::with_capacity(1024 * 1024, file);
            let mut whole = Sha256::new();
            let mut done = 0u64;
            progress(LargeFileProgress {
                done,
                total: manifest.size,
            });
            for part in &manifest.parts {
                let mut write_error = None;
                let found = blobs::for_each_chunk(self.tree.as_ref(), part, &mut |chunk| {
                    whole.update(chunk);
                    done += chunk.len() as u64;
                    if let Err(error) = out.write_all(chunk) {
                        write_error = Some(error);
                        return Err(StoreError::DamagedRecord {
                            what: "saving a large file".into(),
                            reason: "write failed".into(),
                        });
                    }
                    Ok(())
                });
                if let Some(error) = write_error {
                    return Err(unwritable(error));
                }
                if !found.map_err(|error| LargeFileError::Damaged {
                    sha: manifest_sha.to_owned(),
                    reason: error.to_string(),
                })? {
                    return Err(LargeFileError::Damaged {
                        sha: manifest_sha.to_owned(),
                        reason: format!("part {part} is missing"),
                    });
                }
                progress(LargeFileProgress {
                    done,
                    total: manifest.size,
                });
            }
            let actual = hex::encode(whole.finalize());
            if done != manifest.size || actual != manifest.sha256 {
                return Err(LargeFileError::Damaged {
                    sha: manifest_sha.to_owned(),
                    reason: format!(
                        "its parts make {done} bytes hashing to {actual}, not {} bytes hashing to {}",
                        manifest.size, manifest.sha256
                    ),
                });
            }
            let file = out.into_inner().map_err(|e| unwritable(e.into_error()))?;
            file.sync_all().map_err(unwritable)?;
            std::fs::rename(&temporary, path).map_err(unwritable)?;
            Ok(())
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written?;
        Ok((manifest.size, manifest.sha256))
    }

    /// Bytes of a manifest's parts held here.
    fn parts_here_bytes(&self, manifest: &Manifest) -> Result<u64, StoreError> {
        let mut done = 0;
        for part in &manifest.parts {
            done += blobs::size(self.tree.as_ref(), part)?.unwrap_or(0);
        }
        Ok(done)
    }
}

/// `path` with `.partial` added to its name, in the same folder (so the rename is atomic).
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".cloudwright-partial");
    path.with_file_name(name)
}
