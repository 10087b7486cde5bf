//! The record of the last acknowledged write, kept outside sled: `store/acked`.
//!
//! The pre-open check ([`super::check_sled_store`]) finds a log that holds data sled would
//! throw away, and a log that ends before what sled itself recorded (its snapshot, its
//! segment headers). What it cannot see from sled's files alone is a log cut, or zeroed,
//! exactly at a message boundary after the last open: it reads as a log that simply ends
//! there. So after every flush, [`Durability`] reads the messages sled has written since the
//! last one (a few hundred bytes to a few KiB, from the page cache), makes the log durable
//! (`fdatasync`), with every blob file those messages name (`store/blobs/`: sled's files for
//! nodes too large for the log, which its own flush never syncs) and their folder, and only
//! then records the LSN they reach in `store/acked`. The check refuses a log that ends
//! before it.
//!
//! The record never claims more than the disk holds: it is written after the `fdatasync`
//! that made those bytes durable, and only what was read back whole before it is counted.
//! It may claim less: it is written without a sync of its own on each edit (that would
//! double an edit's cost) and synced at most once a second and when the store closes, so
//! after a power cut it can be up to a second behind, which only narrows what it protects.
//! The file holds two slots written in turn, each with a counter and a checksum, so a torn
//! write of one leaves the other; a file that reads as neither is treated as missing (a
//! store from before this record, or a record lost with the disk), never as damage.

use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::format::{
    read_conf, read_message_in, segment_header, MessageKind, Read, Unreadable,
    DEFAULT_SEGMENT_SIZE, SEG_HEADER_LEN,
};

/// The record's file name, inside the store folder next to sled's `db`.
pub const ACKED_FILE: &str = "acked";
const MAGIC: &[u8; 4] = b"CWAK";
const SLOT_LEN: usize = 32;
/// How often, at most, an edit also syncs the record.
const SYNC_EVERY: Duration = Duration::from_secs(1);
/// How much of the log one read takes (an edit writes a few KiB); a longer message is read
/// again whole.
const WINDOW: usize = 8 * 1024;

/// One slot: magic, format 1, counter, LSN, CRC-32 of the bytes before it.
fn encode_slot(counter: u64, lsn: i64) -> [u8; SLOT_LEN] {
    let mut slot = [0u8; SLOT_LEN];
    slot[..4].copy_from_slice(MAGIC);
    slot[4] = 1;
    slot[8..16].copy_from_slice(&counter.to_le_bytes());
    slot[16..24].copy_from_slice(&lsn.to_le_bytes());
    let crc = crc32fast::hash(&slot[..24]);
    slot[24..28].copy_from_slice(&crc.to_le_bytes());
    slot
}

fn decode_slot(slot: &[u8]) -> Option<(u64, i64)> {
    if slot.len() < SLOT_LEN || &slot[..4] != MAGIC || slot[4] != 1 {
        return None;
    }
    let crc = u32::from_le_bytes(slot[24..28].try_into().ok()?);
    if crc32fast::hash(&slot[..24]) != crc {
        return None;
    }
    let counter = u64::from_le_bytes(slot[8..16].try_into().ok()?);
    let lsn = i64::from_le_bytes(slot[16..24].try_into().ok()?);
    Some((counter, lsn))
}

/// The newest readable slot: its counter and LSN.
fn newest_slot(bytes: &[u8]) -> Option<(u64, i64)> {
    bytes
        .chunks(SLOT_LEN)
        .take(2)
        .filter_map(decode_slot)
        .max_by_key(|(counter, _)| *counter)
}

/// The LSN up to which every write was acknowledged, if the store has a readable record.
pub fn read_acked(store_path: &Path) -> std::io::Result<Option<i64>> {
    match std::fs::read(store_path.join(ACKED_FILE)) {
        Ok(bytes) => Ok(newest_slot(&bytes).map(|(_, lsn)| lsn)),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Where the log's next message is expected: its LSN and, once known, the file slot of its
/// segment.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LogEnd {
    pub(crate) lsn: i64,
    pub(crate) slot: Option<u64>,
}

/// sled's log plus the record of what of it was acknowledged; every flush of the store ends
/// in [`Durability::make_durable`].
pub struct Durability {
    /// Every file and folder synced, in order: tests build a crash image of only what was
    /// synced from it.
    #[cfg(test)]
    synced: Mutex<Vec<std::path::PathBuf>>,
    store_path: std::path::PathBuf,
    /// A write or flush failed since the store was opened: sled refuses more until it is
    /// opened again (see `kv::SledDb`).
    failed: std::sync::atomic::AtomicBool,
    log: File,
    record: File,
    segment_size: u64,
    tail: Mutex<Tail>,
    recorded: Mutex<Recorded>,
}

struct Tail {
    end: LogEnd,
    /// The first batch manifest read whose batch is not whole yet: its LSN, and the LSN the
    /// batch must reach. sled's recovery would end the log at it (see the check), so
    /// nothing from it on is claimed until the batch is whole.
    open_batch: Option<(i64, i64)>,
    /// Blob files the messages read since the last sync name (their ids).
    blobs: Vec<i64>,
    /// The highest blob file id synced: sled names them by LSN, so a later one is new.
    blobs_synced_through: i64,
    buffer: Vec<u8>,
}

impl Tail {
    /// What may be recorded: the end of what was read whole, or the manifest of a batch
    /// still open before it.
    fn claim(&self) -> i64 {
        match self.open_batch {
            Some((manifest, _)) => manifest.min(self.end.lsn),
            None => self.end.lsn,
        }
    }

    fn read_message(&mut self, lsn: i64, kind: MessageKind, value: Option<i64>, end: i64) {
        if let (MessageKind::BatchManifest, Some(peg), None) = (kind, value, self.open_batch) {
            self.open_batch = Some((lsn, peg));
        }
        if let (MessageKind::Blob, Some(id)) = (kind, value) {
            self.blobs.push(id);
        }
        self.end.lsn = end;
        // Whole once its last byte is read (`iterator.rs:110`).
        if self.open_batch.is_some_and(|(_, peg)| peg < end) {
            self.open_batch = None;
        }
    }
}

struct Recorded {
    counter: u64,
    lsn: i64,
    synced_at: Instant,
    unsynced: bool,
}

impl Recorded {
    fn write(&mut self, file: &File, lsn: i64) -> std::io::Result<()> {
        self.counter += 1;
        self.lsn = lsn;
        let at = (self.counter % 2) * SLOT_LEN as u64;
        file.write_all_at(&encode_slot(self.counter, lsn), at)?;
        self.unsynced = true;
        Ok(())
    }

    fn sync(&mut self, file: &File) -> std::io::Result<()> {
        file.sync_data()?;
        self.unsynced = false;
        self.synced_at = Instant::now();
        Ok(())
    }
}

impl Durability {
    /// For the store in `store_path` (sled already open on it), whose log was read whole up
    /// to `end` by the pre-open check (`None` for a store sled has just created).
    pub(crate) fn open(store_path: &Path, end: Option<LogEnd>) -> std::io::Result<Durability> {
        let log = File::open(store_path.join("db"))?;
        // sled wrote `conf` when it opened; the check has read it already for a store that
        // existed, so a failure here is only sled's default.
        let segment_size = std::fs::read(store_path.join("conf"))
            .ok()
            .and_then(|bytes| read_conf(&bytes).ok())
            .unwrap_or(DEFAULT_SEGMENT_SIZE);
        let record = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(store_path.join(ACKED_FILE))?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut &record, &mut bytes)?;
        if end.is_none() {
            // sled has just made the store: its log, settings and `blobs` folder are
            // entries of the store folder, which nothing else syncs.
            File::open(store_path)?.sync_all()?;
        }
        let (counter, lsn) = newest_slot(&bytes).unwrap_or((0, 0));
        Ok(Durability {
            #[cfg(test)]
            synced: Mutex::new(Vec::new()),
            store_path: store_path.to_owned(),
            failed: std::sync::atomic::AtomicBool::new(false),
            log,
            record,
            segment_size,
            tail: Mutex::new(Tail {
                end: end.unwrap_or(LogEnd { lsn: 0, slot: None }),
                open_batch: None,
                blobs: Vec::new(),
                blobs_synced_through: i64::MIN,
                buffer: Vec::new(),
            }),
            recorded: Mutex::new(Recorded {
                counter,
                lsn,
                synced_at: Instant::now(),
                unsynced: false,
            }),
        })
    }

    /// Called after sled's flush: reads what sled wrote since the last call, makes the log
    /// and the blob files it names durable, then records how far it reaches. When this
    /// returns, every write applied before the flush is on the disk.
    pub fn make_durable(&self) -> std::io::Result<()> {
        let mut tail = self.tail.lock().unwrap_or_else(|p| p.into_inner());
        let reached = tail.advance(&self.log, self.segment_size)?;
        // Read before the sync: whatever was read is in the page cache, so this sync makes
        // it durable; a message sled writes after the read is not claimed.
        let blobs = std::mem::take(&mut tail.blobs);
        if blobs.is_empty() {
            drop(tail);
            self.log.sync_data()?;
        } else {
            // Under the lock: a flush on another thread that finds nothing new to read must
            // not be acknowledged before the files this one found are synced.
            let synced_through = tail.blobs_synced_through;
            tail.blobs_synced_through = self.sync_blob_files(&blobs, synced_through, true)?;
            drop(tail);
        }
        self.note_synced("db");
        let mut recorded = self.recorded.lock().unwrap_or_else(|p| p.into_inner());
        if reached > recorded.lsn {
            recorded.write(&self.record, reached)?;
        }
        if recorded.unsynced && recorded.synced_at.elapsed() >= SYNC_EVERY {
            recorded.sync(&self.record)?;
            self.note_synced(ACKED_FILE);
        }
        Ok(())
    }

    /// Makes the blob files `ids` durable, with their folder entries, except those up to
    /// `synced_through`, and the log too when `and_log`; returns the highest id now synced
    /// through. sled writes a node over a quarter of a segment to a file of its own, whole,
    /// before the message naming it goes into the log (`blob_io.rs:65` `write_blob`, called
    /// from `iobuf.rs:545` as the message is reserved), and never syncs that file or the
    /// `blobs` folder: its flush syncs only the log. An ordinary edit names none and never
    /// comes here. The files, the folder and the log are synced at once, each on a thread of
    /// its own: the disk takes the flushes together (on the project's machine, three
    /// flushes at once cost a third of three in a row). A file named again (a page moved
    /// without being rewritten, `pagecache/mod.rs:1259`) was synced when first named; one
    /// sled has removed since (its node written again in the same flush) needs nothing.
    fn sync_blob_files(
        &self,
        ids: &[i64],
        synced_through: i64,
        and_log: bool,
    ) -> std::io::Result<i64> {
        let mut files = Vec::new();
        for &id in ids.iter().filter(|id| **id > synced_through) {
            let name = format!("blobs/{id}");
            match File::open(self.store_path.join(&name)) {
                Ok(file) => files.push((name, file)),
                Err(error) if error.kind() == ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
        }
        let folder = if files.is_empty() {
            None
        } else {
            Some(File::open(self.store_path.join("blobs"))?)
        };
        std::thread::scope(|scope| -> std::io::Result<()> {
            let mut helpers = Vec::new();
            for (_, file) in &files {
                let sync = move || file.sync_data();
                helpers.push(std::thread::Builder::new().spawn_scoped(scope, sync)?);
            }
            if let Some(folder) = &folder {
                let sync = move || folder.sync_all();
                helpers.push(std::thread::Builder::new().spawn_scoped(scope, sync)?);
            }
            let log = if and_log {
                self.log.sync_data()
            } else {
                Ok(())
            };
            for helper in helpers {
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            }
            log
        })?;
        for (name, _) in &files {
            self.note_synced(name);
        }
        if folder.is_some() {
            self.note_synced("blobs");
        }
        Ok(ids.iter().copied().fold(synced_through, i64::max))
    }

    /// At open: makes durable the blob files of writes the record does not count as
    /// acknowledged (a write that failed, or was in flight when the process died), which
    /// the check found whole and sled's open keeps; later edits build on them. None after
    /// a clean close.
    pub(crate) fn sync_blob_files_kept(&self, ids: &[i64]) -> std::io::Result<()> {
        if !ids.is_empty() {
            self.sync_blob_files(ids, i64::MIN, false)?;
        }
        Ok(())
    }

    /// Notes a file or folder of the store (relative to it) as synced, for tests.
    fn note_synced(&self, _relative: &str) {
        #[cfg(test)]
        self.synced
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(self.store_path.join(_relative));
    }

    /// Every file and folder synced so far, in order.
    #[cfg(test)]
    pub(crate) fn synced(&self) -> Vec<std::path::PathBuf> {
        self.synced
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// A write or flush failed (a full disk, an I/O error): sled refuses more until the store
    /// is opened again (`kv::SledDb`), and the record is made durable now, so that it is
    /// exact when the store is next checked and what the failed write left past it can be
    /// told apart from damage. Best effort: a record that cannot be synced is only behind.
    pub fn write_failed(&self) {
        self.failed.store(true, std::sync::atomic::Ordering::SeqCst);
        let mut recorded = self.recorded.lock().unwrap_or_else(|p| p.into_inner());
        if recorded.unsynced {
            let _ = recorded.sync(&self.record);
        }
    }

    /// Whether a write or flush failed since the store was opened.
    pub fn has_failed(&self) -> bool {
        self.failed.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The LSN the record holds now.
    pub fn recorded_lsn(&self) -> i64 {
        self.recorded.lock().unwrap_or_else(|p| p.into_inner()).lsn
    }
}

impl Drop for Durability {
    fn drop(&mut self) {
        let recorded = self.recorded.lock().unwrap_or_else(|p| p.into_inner());
        if recorded.unsynced {
            let _ = self.record.sync_data();
        }
    }
}

impl Tail {
    /// Reads whole messages from the known end on, as sled's recovery would (in the
    /// segment of that LSN, then the next segment once one closes), and returns the LSN
    /// the last whole one reaches. Stops at the first message not (yet) whole.
    fn advance(&mut self, log: &File, segment_size: u64) -> std::io::Result<i64> {
        let size = segment_size as i64;
        loop {
            let base = self.end.lsn.div_euclid(size) * size;
            let slot = match self.end.slot {
                Some(slot) => slot,
                None => match find_segment(log, segment_size, base)? {
                    Some(slot) => {
                        self.end.slot = Some(slot);
                        slot
                    }
                    // sled has not started that segment yet.
                    None => return Ok(self.claim()),
                },
            };
            let number = (base / size) as u64;
            let segment_start = slot * segment_size;
            let mut position = ((self.end.lsn - base) as usize).max(SEG_HEADER_LEN);
            let mut window = WINDOW;
            'window: loop {
                let start = position;
                let wanted = window.min(segment_size as usize - start);
                self.buffer.resize(wanted, 0);
                let got = read_at_most(log, &mut self.buffer, segment_start + start as u64)?;
                self.buffer.truncate(got);
                if got == 0 {
                    return Ok(self.claim());
                }
                let until = start + got;
                // The window ended before the segment and the file did: more may follow.
                let more_in_file = got == wanted && until < segment_size as usize;
                loop {
                    // A message header is at most 128 bytes: have them all before reading one.
                    if more_in_file && until - position < 128 {
                        continue 'window;
                    }
                    let read = read_message_in(
                        &self.buffer,
                        start,
                        position,
                        segment_size as usize,
                        Some(number),
                    );
                    match read {
                        Read::Message {
                            kind,
                            length,
                            value,
                            ..
                        } => {
                            let at = base + position as i64;
                            position += length;
                            if kind == MessageKind::Cap {
                                self.next_segment(base + size);
                                break 'window;
                            }
                            self.read_message(at, kind, value, base + position as i64);
                        }
                        Read::SegmentFull => {
                            self.next_segment(base + size);
                            break 'window;
                        }
                        Read::Unreadable(Unreadable::CutShort | Unreadable::EndOfFile)
                            if more_in_file =>
                        {
                            // A message longer than the window: read it again, whole.
                            window *= 4;
                            continue 'window;
                        }
                        // Not written yet, or not whole yet: the end, for now.
                        Read::Unreadable(_) => return Ok(self.claim()),
                    }
                }
            }
        }
    }

    fn next_segment(&mut self, lsn: i64) {
        self.end = LogEnd { lsn, slot: None };
    }
}

/// Reads into `buffer` from `offset` until it is full or the file ends; how many bytes.
fn read_at_most(log: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match log.read_at(&mut buffer[filled..], offset + filled as u64) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

/// The file slot whose segment header is readable and starts at `lsn`.
fn find_segment(log: &File, segment_size: u64, lsn: i64) -> std::io::Result<Option<u64>> {
    let file_len = log.metadata()?.len();
    let slots = super::format::slots(file_len, segment_size);
    let mut bytes = [0u8; SEG_HEADER_LEN];
    for slot in 0..slots {
        log.read_exact_at(&mut bytes, slot * segment_size)?;
        let header = segment_header(&bytes);
        if header.ok && header.lsn == lsn {
            return Ok(Some(slot));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_whole_slot_wins_and_a_torn_one_is_ignored() {
        let mut bytes = [encode_slot(7, 700), encode_slot(8, 800)].concat();
        assert_eq!(newest_slot(&bytes), Some((8, 800)));
        bytes[SLOT_LEN + 17] ^= 1;
        assert_eq!(newest_slot(&bytes), Some((7, 700)));
        bytes[3] = b'X';
        assert_eq!(newest_slot(&bytes), None);
        assert_eq!(newest_slot(&[]), None);
        assert_eq!(newest_slot(&encode_slot(1, 5)[..20]), None);
    }
}
