//! One sync pass, over any transport: pull what changed there, push what changed here, and
//! move the blobs each side lacks. Every step is durable before the next, so a pass cut off at
//! any point (network gone, process killed) loses nothing and the next pass carries on. A
//! feed page in another epoch than the cursor's (a server restored from a backup) starts the
//! pass over from the feed's beginning with everything here queued to push
//! ([`Workspace::note_feed_epoch`]).

use std::collections::HashSet;

use super::client::{Applied, EpochCheck, SyncRecord};
use super::large_files::Manifest;
use super::protocol::{DocWant, SyncRequest, SyncResponse};
use crate::store::{StoreError, Workspace};

/// Most documents one push request carries.
pub const PUSH_DOCS: usize = 5_000;
/// About this many document bytes per push request.
pub const PUSH_BYTES: usize = 8 * 1024 * 1024;
/// Feed entries asked for per page.
pub const FEED_PAGE: u32 = 20_000;
/// Wanted documents asked for per request: small enough that applying one batch overlaps
/// with fetching the next.
pub const WANT_DOCS: usize = 5_000;

/// How a pass reaches the server. The HTTP client implements it; tests can also wire a
/// [`super::hub::Hub`] in directly.
pub trait Transport {
    type Error: std::error::Error + Send + Sync + 'static;
    fn exchange(&mut self, request: &SyncRequest) -> Result<SyncResponse, Self::Error>;
    /// Which of `hashes` the server lacks.
    fn blob_missing(&mut self, hashes: &[String]) -> Result<Vec<String>, Self::Error>;
    fn blob_put(&mut self, sha: &str, bytes: &[u8]) -> Result<(), Self::Error>;
    fn blob_get(&mut self, sha: &str) -> Result<Option<Vec<u8>>, Self::Error>;
    /// The documents a refused push names as ones this account may not push (holding
    /// another account's changes, `author_mismatch`; of a kind outside its role,
    /// `not_entitled`), when `error` is such a refusal.
    /// Whether the error says a file is larger than the server takes, and the most it takes
    /// (0: not said): the file waits on this device, marked, and the rest goes on.
    fn too_large(_error: &Self::Error) -> Option<u64> {
        None
    }
    fn refused_documents(_error: &Self::Error) -> Option<Vec<String>> {
        None
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError<E: std::error::Error + 'static> {
    #[error(transparent)]
    Transport(E),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the server did not send document {0} although it listed it")]
    MissingDocument(String),
    #[error("the server keeps refusing document {0}")]
    Refused(String),
}

/// Where a pass is, for progress bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Pushed {
        done: usize,
        pending: usize,
    },
    Pulled {
        done: usize,
    },
    Blobs {
        done: usize,
        total: usize,
    },
    /// Bytes of files moved in this step (uploads: of all the files going up; downloads: of
    /// the large file coming down), after each file or part.
    FileBytes {
        done: u64,
        total: u64,
    },
}

/// Runs one full pass. `now_ms` stamps the record of it.
pub fn sync_once<T: Transport>(
    workspace: &Workspace,
    transport: &mut T,
    now_ms: i64,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncRecord, SyncError<T::Error>> {
    let mut record = SyncRecord {
        at_ms: now_ms,
        ..SyncRecord::default()
    };
    let mut numbers = ExchangeNumbers::default();
    // Pull first: an account that may not push (a viewer with local edits) still receives.
    pull(workspace, transport, &mut numbers, &mut record, progress)?;
    // What pulled documents from an older version leave undone (and, after an open, what
    // this side's own left), pushed in this same pass.
    let after_open = workspace
        .upkeep_after_pull
        .swap(false, std::sync::atomic::Ordering::SeqCst);
    if record.pulled > 0 || after_open {
        workspace.registry().run_upkeep(workspace);
    }
    fetch_blobs(workspace, transport, &mut record, progress)?;
    push(workspace, transport, &mut numbers, &mut record, progress)?;
    push_blobs(workspace, transport, &mut record, progress)?;
    record.set_aside = workspace.set_aside()?.len() as u32;
    record.files_too_large = workspace.files_too_large()?.len() as u32;
    workspace.record_sync(&record)?;
    Ok(record)
}

/// Exchange numbers (`SyncRequest::exchange`), reserved durably a block at a time: one write
/// per pass, not one per exchange.
#[derive(Default)]
struct ExchangeNumbers {
    next: u64,
    end: u64,
}

impl ExchangeNumbers {
    const BLOCK: u64 = 1_000;

    fn take(&mut self, workspace: &Workspace) -> Result<u64, StoreError> {
        if self.next == self.end {
            self.next = workspace.reserve_exchange_numbers(Self::BLOCK)?;
            self.end = self.next + Self::BLOCK;
        }
        self.next += 1;
        Ok(self.next - 1)
    }
}

fn push<T: Transport>(
    workspace: &Workspace,
    transport: &mut T,
    numbers: &mut ExchangeNumbers,
    record: &mut SyncRecord,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError<T::Error>> {
    let mut refusals = 0;
    // Documents this account may not push: holding another account's changes the server
    // does not have (a server restored from a backup older than them: only their author may
    // put those back), or of a kind outside its role (an auditor's edit of an asset). They
    // wait, still to push, and the rest goes on.
    let mut held_back: HashSet<String> = HashSet::new();
    loop {
        let out = workspace.sync_outgoing(PUSH_DOCS, PUSH_BYTES, &held_back)?;
        if out.is_empty() {
            record.held_back = held_back.len() as u32;
            return Ok(());
        }
        let request = SyncRequest {
            push: out.pushes.clone(),
            exchange: numbers.take(workspace)?,
            ..SyncRequest::default()
        };
        let response = match transport.exchange(&request) {
            Ok(response) => response,
            Err(error) => match T::refused_documents(&error) {
                // Only documents of this request, and each named once: anything else is
                // not the refusal this handles.
                Some(docs)
                    if !docs.is_empty()
                        && docs.iter().all(|doc| {
                            out.pushes.iter().any(|p| &p.doc_id == doc) && !held_back.contains(doc)
                        }) =>
                {
                    tracing::warn!(
                        documents = docs.len(),
                        "documents this account may not push are held back"
                    );
                    held_back.extend(docs);
                    continue;
                }
                _ => return Err(SyncError::Transport(error)),
            },
        };
        let answered = workspace.sync_pushed(&out, &response.pushed)?;
        let stored = answered.stored;
        if stored + answered.refused == 0 {
            // Everything came back "send it whole"; the next round does. Twice means stuck.
            refusals += 1;
            if refusals > 2 {
                let first = out
                    .pushes
                    .first()
                    .map(|p| p.doc_id.clone())
                    .unwrap_or_default();
                return Err(SyncError::Refused(first));
            }
        }
        record.pushed += stored as u32;
        progress(Progress::Pushed {
            done: record.pushed as usize,
            pending: workspace.sync_pending()?,
        });
    }
}

fn pull<T: Transport>(
    workspace: &Workspace,
    transport: &mut T,
    numbers: &mut ExchangeNumbers,
    record: &mut SyncRecord,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError<T::Error>> {
    loop {
        let cursor = workspace.sync_cursor()?;
        let page = transport
            .exchange(&SyncRequest {
                cursor: Some(cursor),
                feed_limit: FEED_PAGE,
                exchange: numbers.take(workspace)?,
                ..SyncRequest::default()
            })
            .map_err(SyncError::Transport)?;
        // A feed that started over (a server restored from a backup) is read from its start,
        // and everything here goes back to the server in this pass's push.
        if workspace.note_feed_epoch(page.epoch)? == EpochCheck::StartedOver {
            continue;
        }
        let wants = workspace.sync_wants(&page.changed)?;
        fetch_wanted(workspace, transport, numbers, wants, record, progress)?;
        if page.cursor != cursor {
            workspace.set_sync_cursor(page.cursor)?;
        }
        if !page.more {
            return Ok(());
        }
    }
}

/// Fetches and applies the wanted documents, a batch at a time. A batch is applied on its own
/// thread while the next one is on its way, and the next one's new documents are loaded and
/// read (`sync_prepare`, no lock) while this one is written (`sync_commit`): the server's
/// answer, this side's reading and its durable write overlap.
fn fetch_wanted<T: Transport>(
    workspace: &Workspace,
    transport: &mut T,
    numbers: &mut ExchangeNumbers,
    mut wants: Vec<DocWant>,
    record: &mut SyncRecord,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError<T::Error>> {
    let mut whole_asked = HashSet::new();
    std::thread::scope(|scope| {
        let mut applying = std::collections::VecDeque::new();
        loop {
            let batch: Vec<DocWant> = wants.iter().take(WANT_DOCS).cloned().collect();
            let asked = !batch.is_empty();
            if asked {
                let answer = transport
                    .exchange(&SyncRequest {
                        want: batch,
                        exchange: numbers.take(workspace)?,
                        ..SyncRequest::default()
                    })
                    .map_err(SyncError::Transport)?;
                if answer.docs.is_empty() {
                    let first = wants.first().map(|w| w.doc_id.clone()).unwrap_or_default();
                    return Err(SyncError::MissingDocument(first));
                }
                let received: HashSet<&str> =
                    answer.docs.iter().map(|d| d.doc_id.as_str()).collect();
                wants.retain(|w| !received.contains(w.doc_id.as_str()));
                let docs = answer.docs;
                applying.push_back(scope.spawn(move || workspace.sync_apply(docs)));
            }
            // At most two batches in flight: the one being written and the one being read.
            if applying.len() < 2 && asked {
                continue;
            }
            let Some(handle) = applying.pop_front() else {
                return Ok(());
            };
            let applied: Applied = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            record.pulled += applied.created + applied.updated;
            for doc_id in applied.refused {
                // The changes did not fit what this side holds: ask for the whole
                // document, once; a whole document that cannot be used either is set
                // aside as damaged, and the sync goes on.
                if !whole_asked.insert(doc_id.clone()) {
                    tracing::warn!(%doc_id, "the server's copy of a document cannot be read: set aside");
                    workspace.set_aside_unreadable(&doc_id)?;
                    continue;
                }
                wants.push(DocWant {
                    doc_id,
                    have: Vec::new(),
                });
            }
            progress(Progress::Pulled {
                done: record.pulled as usize,
            });
        }
    })
}

fn push_blobs<T: Transport>(
    workspace: &Workspace,
    transport: &mut T,
    record: &mut SyncRecord,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError<T::Error>> {
    // A file the server refused as too large is tried again a day later (its limit may
    // have been raised), not on every pass.
    let to_push = workspace.blobs_to_push_at(record.at_ms)?;
    if to_push.is_empty() {
        return Ok(());
    }
    let missing = transport
        .blob_missing(&to_push)
        .map_err(SyncError::Transport)?;
    let mut too_large = Vec::new();
    let mut bytes_total = 0;
    for sha in &missing {
        bytes_total += workspace.blob_size(sha)?.unwrap_or(0);
    }
    let mut bytes_done = 0;
    // A large file's manifest goes after every part (the server takes a manifest only once
    // it holds all its parts: `sync::large_files`). Manifests are small; they wait here.
    let mut manifests = Vec::new();
    let mut done = 0;
    let mut put = |sha: &String, bytes: Vec<u8>| -> Result<(), SyncError<T::Error>> {
        match transport.blob_put(sha, &bytes) {
            Ok(()) => record.blobs_up += 1,
            Err(error) => match T::too_large(&error) {
                Some(limit) => {
                    tracing::warn!(%sha, bytes = bytes.len(), limit, "a file is too large for the server: kept here");
                    workspace.blob_too_large(sha, bytes.len() as u64, limit, record.at_ms)?;
                    too_large.push(sha.clone());
                }
                None => return Err(SyncError::Transport(error)),
            },
        }
        done += 1;
        bytes_done += bytes.len() as u64;
        progress(Progress::Blobs {
            done,
            total: missing.len(),
        });
        progress(Progress::FileBytes {
            done: bytes_done,
            total: bytes_total,
        });
        Ok(())
    };
    // The next blob is read (and its hash checked) on another core while this one goes up.
    std::thread::scope(|scope| -> Result<(), SyncError<T::Error>> {
        let read = |sha: &String| {
            let sha = sha.clone();
            scope.spawn(move || workspace.blob(&sha))
        };
        let mut next = missing.first().map(read);
        for (index, sha) in missing.iter().enumerate() {
            let this = next
                .take()
                .map(|reading| {
                    reading
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p))
                })
                .transpose()?
                .flatten();
            next = missing.get(index + 1).map(read);
            match this {
                Some(bytes) if Manifest::is_manifest(&bytes) => manifests.push((sha, bytes)),
                Some(bytes) => put(sha, bytes)?,
                None => {}
            }
        }
        Ok(())
    })?;
    for (sha, bytes) in manifests {
        put(sha, bytes)?;
    }
    let sent: Vec<String> = to_push
        .into_iter()
        .filter(|sha| !too_large.contains(sha))
        .collect();
    workspace.blobs_pushed(&sent)?;
    Ok(())
}

fn fetch_blobs<T: Transport>(
    workspace: &Workspace,
    transport: &mut T,
    record: &mut SyncRecord,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError<T::Error>> {
    let wanted = workspace.blobs_wanted()?;
    for (done, sha) in wanted.iter().enumerate() {
        // A blob not uploaded yet by the device that attached it is asked for again next pass.
        if let Some(bytes) = transport.blob_get(sha).map_err(SyncError::Transport)? {
            let fetched = match Manifest::decode(&bytes) {
                Ok(manifest) => {
                    fetch_large_file(workspace, transport, sha, &bytes, &manifest, progress)?
                }
                Err(_) => workspace.blob_fetched(sha, &bytes)?,
            };
            if fetched {
                record.blobs_down += 1;
            }
        }
        progress(Progress::Blobs {
            done: done + 1,
            total: wanted.len(),
        });
    }
    Ok(())
}

/// Fetches the parts of a large file this side lacks, each durable as it comes (so a pass
/// cut off resumes from the next), then stores its manifest: `true` once the file is whole
/// here. A part the server does not have yet (it takes a manifest only with all its parts,
/// so: never, short of damage there) leaves the file for the next pass.
fn fetch_large_file<T: Transport>(
    workspace: &Workspace,
    transport: &mut T,
    sha: &str,
    bytes: &[u8],
    manifest: &Manifest,
    progress: &mut dyn FnMut(Progress),
) -> Result<bool, SyncError<T::Error>> {
    if !workspace.large_file_manifest_fetched(sha, bytes)? {
        return Ok(false);
    }
    let total = manifest.size;
    let mut done = 0;
    let mut missing = Vec::new();
    for (index, part) in manifest.parts.iter().enumerate() {
        match workspace.blob_size(part)? {
            Some(_) => done += manifest.part_size(index),
            None => missing.push(part),
        }
    }
    progress(Progress::FileBytes { done, total });
    // A part is checked and written (durably) on another core while the next one comes.
    let whole = std::thread::scope(|scope| -> Result<bool, SyncError<T::Error>> {
        let mut writing = None;
        let mut written = |writing: Option<std::thread::ScopedJoinHandle<'_, _>>,
                           done: &mut u64|
         -> Result<bool, SyncError<T::Error>> {
            let Some(handle) = writing else {
                return Ok(true);
            };
            let (stored, length): (Result<bool, StoreError>, u64) = handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            if !stored? {
                tracing::warn!(%sha, "a part of a large file came with another hash: asked again next pass");
                return Ok(false);
            }
            *done += length;
            progress(Progress::FileBytes { done: *done, total });
            Ok(true)
        };
        for part in missing {
            let fetched = transport.blob_get(part).map_err(SyncError::Transport);
            let stored_before = written(writing.take(), &mut done)?;
            let Some(part_bytes) = fetched? else {
                tracing::warn!(%sha, %part, "the server lacks a part of a large file: asked again next pass");
                return Ok(false);
            };
            if !stored_before {
                return Ok(false);
            }
            writing = Some(scope.spawn(move || {
                let length = part_bytes.len() as u64;
                (workspace.blob_fetched(part, &part_bytes), length)
            }));
        }
        written(writing.take(), &mut done)
    })?;
    if !whole {
        return Ok(false);
    }
    Ok(workspace.blob_fetched(sha, bytes)?)
}
