//! The check a store passes before sled may open it: sled 0.34.7's files read exactly as
//! sled's recovery reads them, without writing a byte.
//!
//! # Why
//!
//! sled's recovery (`pagecache/snapshot.rs` `read_snapshot_or_default` → `iterator.rs`
//! `raw_segment_iter_from` → `snapshot.rs` `advance_snapshot`) takes the first message it
//! cannot read for the end of a torn write, and *repairs* the log to match, during `open`:
//!
//! - `iterator.rs:129-148`: in the unstable tail (segments from the highest `max_stable_lsn`
//!   any segment header records, `iterator.rs:362-464`) the first unreadable message ends
//!   the log; a missing segment there ends it too (`check_contiguity_in_unstable_tail`).
//!   Further down, an unreadable message skips the rest of its segment (`last_stage`).
//! - `snapshot.rs:305-337`: from that end to the end of its segment is overwritten with
//!   zeros (`shred_zone`) and `sync_all`ed.
//! - `snapshot.rs:397-427`: every later segment the iterator did not reach is zeroed whole.
//! - `segment.rs:619-643`: every segment no recovered page points to is zeroed whole, and
//!   free segments at the end of the file are cut off (`segment.rs:709-715`, `set_len`).
//! - `blob_io.rs:101`: blob files from past the end are deleted.
//!
//! So one flipped byte in the middle of the log opens as a store that lost everything
//! written after it, and the open destroys the evidence. sled's reading also trusts what it
//! does not read at open: segments below the last snapshot's LSN are read page by page
//! later, and their checksums only fail then.
//!
//! # The rule
//!
//! Every segment with a readable header is walked in LSN order, every message read with
//! its checksum and segment number as `logger.rs:704` `read_message` reads it (see
//! [`format`]). The log *ends* at the first message that cannot be read in a segment that
//! is not full (a `Cap` or the last 32 bytes close a segment, `iobuf.rs:600`), or at the
//! first segment missing from the unstable tail, as sled decides it. A segment other than
//! the last therefore always ends in a `Cap` or its last 32 bytes, because sled writes a
//! segment front to back and pads it before starting the next.
//!
//! The store is **whole** when nothing sled would discard holds data, and nothing shows
//! that the end is earlier than it was:
//!
//! 1. after the end, no whole message of the segment's own number exists (in the rest of
//!    the segment it ends in, or in any later segment): sled would zero it;
//! 2. no segment whose header is unreadable holds a whole message: sled would skip it, and
//!    its pages with it;
//! 3. the end is not before the LSN sled recorded as recovered in its snapshot
//!    (`snap.{LSN}`, written at each open), nor before the `max_stable_lsn` any segment
//!    header records (sled writes those only for bytes already written), nor before the
//!    LSN of the last acknowledged write (`store/acked`, see [`acked`]);
//! 4. the file does not end inside a message or a segment header (one `pwrite` of sled's
//!    extends the file to the end of what it wrote, so a crash never leaves that: the file
//!    was cut short);
//! 5. `conf`, the newest snapshot and every blob file a message before the end names, when
//!    it exists, pass their checksums (sled rewrites a `conf` that fails, fails on the
//!    others, and ends the log at a blob file that fails);
//! 6. every blob file sled still needs exists: one named by a message before the end whose
//!    page no later message before the end replaces (a whole node, or the page freed).
//!    sled skips a message whose file is missing and goes on, so the node in it would be
//!    lost without a word; a file named only by messages whose page was written again since
//!    is one sled removed itself, and may be missing.
//!
//! Two things that look like damage are not:
//!
//! - a `snap.*.generating` that fails its checksum: a snapshot sled began and never finished
//!   (a full disk, a crash before its rename). sled would take it for the newest and refuse
//!   to open; it holds nothing the log does not, so the store's open removes it;
//! - whatever lies past the end when the log reaches the last acknowledged write recorded
//!   in `store/acked`: writes never acknowledged, which a crash cut (a later write in flight
//!   reached the file, an earlier one did not: a batch manifest still zeros) or a failed
//!   write left (a file cut short by a full disk, a segment without its header). sled
//!   drops it. The record is exact after a process is killed (it is in the page cache) and
//!   after a failed write (synced at once); after a power cut it may be up to a second
//!   behind, and only damage within that last second's writes would then go unseen.
//!
//! What remains is a **torn final write**: the log ends in an unreadable message or in
//! zeros, and nothing readable follows. That is the last write sled began and a crash cut
//! off; since every acknowledged write here is flushed and `fdatasync`ed before it is
//! acknowledged (`kv::SledTree`), and sled writes in LSN order, the write that tore was
//! never acknowledged, so sled may drop it. A crash that cut an earlier write while a
//! later one reached the disk is told from damage by `store/acked` (above); a store without
//! that record (written by an earlier version) is refused (rule 1), which loses nothing.
//!
//! Damage that cuts the log exactly at a message boundary, or zeroes it from one, after the
//! last open leaves no trace in sled's files (no snapshot or segment header records that
//! end): for that the store keeps its own record of the last acknowledged write outside
//! sled, `store/acked` ([`acked`]), and the log must reach it (rule 3).

pub mod acked;
mod format;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::File;
use std::io::ErrorKind;
use std::os::unix::fs::FileExt;
use std::path::Path;

use format::{read_message, MessageKind, PageWrite, Read, Unreadable, SEG_HEADER_LEN};

/// What the check found: how much it read, where the log ends, and every damage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntegrityReport {
    pub segment_size: u64,
    pub log_bytes: u64,
    /// Segments with a readable header.
    pub segments: usize,
    /// Whole messages read before the end.
    pub messages: u64,
    /// Where the readable log ends (byte offset in `store/db`): what follows is sled's
    /// zeroed or never written space, or a torn final write.
    pub end_offset: u64,
    /// The log position (LSN) of that end.
    pub end_lsn: i64,
    /// Where a torn final write begins (byte offset in `store/db`), when the log ends in
    /// one: sled drops it on open, and it held nothing acknowledged (see the module docs).
    pub torn_final_write: Option<u64>,
    /// Where writes never acknowledged begin, when the log reaches the last acknowledged
    /// write (`store/acked`) and holds more past its end: what a crash cut between two
    /// writes in flight, or a failed write (a full disk) left. sled drops it on open.
    pub unacknowledged_tail: Option<u64>,
    /// Snapshots sled began and never finished (`snap.*.generating` that fail their
    /// checksum, left by a full disk or a crash): sled would refuse to open over them, and
    /// they hold nothing the log does not, so the store's open removes them.
    pub abandoned_snapshots: Vec<String>,
    /// Blob files (`store/blobs/`, sled's files for nodes too large for the log) the log
    /// needs, each checked.
    pub blob_files_needed: usize,
    /// Blob files the log still names but sled removed after writing their node again: not
    /// needed, not damage.
    pub blob_files_superseded: usize,
    /// Needed blob files named after the last acknowledged write: of a write that failed
    /// or was in flight when the process died, kept by sled's open, so the open syncs them
    /// ([`acked::Durability::sync_blob_files_kept`]).
    pub(crate) blob_files_past_acked: Vec<i64>,
    pub damage: Vec<Damage>,
}

impl IntegrityReport {
    /// Nothing sled would discard or has lost: sled may open the store.
    pub fn is_whole(&self) -> bool {
        self.damage.is_empty()
    }

    /// Where sled's next message goes, as far as this check read: what the store's
    /// [`acked::Durability`] reads on from.
    pub(crate) fn log_end(&self) -> acked::LogEnd {
        let at_segment_start = self.end_lsn % self.segment_size as i64 == 0;
        acked::LogEnd {
            lsn: self.end_lsn,
            slot: (!at_segment_start).then_some(self.end_offset / self.segment_size),
        }
    }

    /// The damage in words, the first few in full.
    pub fn summary(&self) -> String {
        let mut text = self
            .damage
            .iter()
            .take(3)
            .map(Damage::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        if self.damage.len() > 3 {
            text.push_str(&format!("; and {} more", self.damage.len() - 3));
        }
        text
    }
}

/// One damaged place: the file (relative to the store folder), the byte offset in it, the
/// log segment (its index in the file) when it is in the log, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    pub file: String,
    pub offset: u64,
    pub segment: Option<u64>,
    pub kind: DamageKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DamageKind {
    /// A message sled cannot read, with data it would discard after it (at `data_at`).
    UnreadableMessage { why: &'static str, data_at: u64 },
    /// A segment sled would zero or never reach holds data.
    DataAfterTheEnd { end_offset: u64 },
    /// A segment's header is unreadable but the segment holds data.
    SegmentHeader,
    /// Two segments claim one LSN (sled panics on that).
    DuplicateSegment { lsn: i64 },
    /// The log ends before an LSN sled recorded as written.
    EndsBeforeRecorded { recorded_by: &'static str },
    /// The file ends inside a message or a segment header.
    CutShort,
    /// sled's settings file is missing or fails its checksum.
    Settings { why: &'static str },
    /// The newest snapshot of sled's page table fails its checksum.
    Snapshot,
    /// A blob file (sled's file for a node too large for the log) fails its checksum: cut
    /// short or damaged. `named_at`: the offset in `store/db` of the message naming it.
    Blob { named_at: u64 },
    /// A blob file sled still needs is missing.
    BlobMissing { named_at: u64 },
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let DamageKind::Blob { named_at } | DamageKind::BlobMissing { named_at } = self.kind {
            let what = match self.kind {
                DamageKind::Blob { .. } => "is cut short or damaged (it fails its checksum)",
                _ => "is missing",
            };
            return write!(
                f,
                "store/{} {what}: sled keeps large parts of the data in files of their own, and \
                 the log names this one (store/db at byte {named_at})",
                self.file
            );
        }
        write!(f, "store/{} at byte {}", self.file, self.offset)?;
        if let Some(segment) = self.segment {
            write!(f, " (segment {segment})")?;
        }
        match &self.kind {
            DamageKind::UnreadableMessage { why, data_at } => write!(
                f,
                ": a record is unreadable ({why}) and the data after it (from byte {data_at}) \
                 would be thrown away"
            ),
            DamageKind::DataAfterTheEnd { end_offset } => write!(
                f,
                ": holds data past the point where the log breaks off (byte {end_offset})"
            ),
            DamageKind::SegmentHeader => {
                write!(f, ": the segment's header is unreadable but it holds data")
            }
            DamageKind::DuplicateSegment { lsn } => {
                write!(f, ": a second segment claims log position {lsn}")
            }
            DamageKind::EndsBeforeRecorded { recorded_by } => write!(
                f,
                ": the log breaks off here, before what {recorded_by} records as written \
                 (zeroed or cut short)"
            ),
            DamageKind::CutShort => write!(f, ": the file ends in the middle of a record"),
            DamageKind::Settings { why } => write!(f, ": the settings file is {why}"),
            DamageKind::Snapshot => write!(f, ": the snapshot fails its checksum"),
            DamageKind::Blob { .. } | DamageKind::BlobMissing { .. } => Ok(()),
        }
    }
}

/// Checks the sled database in `store_path` (the folder holding `conf` and `db`), reading
/// only. An `Err` is a failure to read, not damage.
pub fn check_sled_store(store_path: &Path) -> std::io::Result<IntegrityReport> {
    let mut damage = Vec::new();
    let segment_size = settings(store_path, &mut damage)?;
    let mut abandoned_snapshots = Vec::new();
    let snapshot_lsn = newest_snapshot(store_path, &mut abandoned_snapshots, &mut damage)?;
    let log = File::open(store_path.join("db"))?;
    let acked = acked::read_acked(store_path)?;
    let walk = LogWalk::new(&log, segment_size)?.walk(snapshot_lsn, acked, &mut damage)?;
    // When the log reaches the last acknowledged write, whatever lies past its end was
    // never acknowledged: two writes in flight of which a crash let only the later reach
    // the file (a batch whose manifest is still zeros), or what a failed write left (a
    // file cut short, a segment without its header). sled drops it all on open.
    let mut unacknowledged_tail = None;
    if acked.is_some_and(|acked| walk.end_lsn >= acked) {
        let before = damage.len();
        damage.retain(|damage| {
            !matches!(
                damage.kind,
                DamageKind::UnreadableMessage { .. }
                    | DamageKind::DataAfterTheEnd { .. }
                    | DamageKind::CutShort
                    | DamageKind::SegmentHeader
            )
        });
        if damage.len() < before {
            unacknowledged_tail = Some(walk.end_offset);
        }
    }
    let (blob_files_needed, blob_files_superseded) =
        check_blobs(store_path, &walk.blobs, &mut damage)?;
    let mut blob_files_past_acked: Vec<i64> = walk
        .blobs
        .iter()
        .filter(|blob| blob.needed && acked.is_some_and(|acked| blob.lsn >= acked))
        .map(|blob| blob.id)
        .collect();
    blob_files_past_acked.sort_unstable();
    blob_files_past_acked.dedup();
    Ok(IntegrityReport {
        segment_size,
        log_bytes: walk.log_bytes,
        segments: walk.segments,
        messages: walk.messages,
        end_offset: walk.end_offset,
        end_lsn: walk.end_lsn,
        torn_final_write: walk.torn_final_write.filter(|_| damage.is_empty()),
        unacknowledged_tail: unacknowledged_tail.filter(|_| damage.is_empty()),
        abandoned_snapshots,
        blob_files_needed,
        blob_files_superseded,
        blob_files_past_acked,
        damage,
    })
}

fn settings(store_path: &Path, damage: &mut Vec<Damage>) -> std::io::Result<u64> {
    let mut refuse = |why| {
        damage.push(Damage {
            file: "conf".into(),
            offset: 0,
            segment: None,
            kind: DamageKind::Settings { why },
        });
        format::DEFAULT_SEGMENT_SIZE
    };
    let size = match std::fs::read(store_path.join("conf")) {
        Ok(bytes) => format::read_conf(&bytes).unwrap_or_else(&mut refuse),
        Err(error) if error.kind() == ErrorKind::NotFound => refuse("missing"),
        Err(error) => return Err(error),
    };
    // sled writes segment sizes that are powers of two of at least 256 bytes.
    Ok(if size.is_power_of_two() && size >= 256 {
        size
    } else {
        refuse("not one sled writes")
    })
}

/// The newest snapshot, as sled picks it (`snapshot.rs:458`, `config.rs:823`: names
/// starting `snap.`, sorted, the last), checked; the LSN in its name is where sled's last
/// recovery ended. A `snap.*.generating` that fails its checksum is one sled began writing
/// and never finished (`snapshot.rs:531`: written, synced, then renamed): not damage, but
/// abandoned, and the one before it is sled's newest.
fn newest_snapshot(
    store_path: &Path,
    abandoned: &mut Vec<String>,
    damage: &mut Vec<Damage>,
) -> std::io::Result<Option<i64>> {
    let mut names: Vec<String> = std::fs::read_dir(store_path)?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("snap.") && !name.ends_with(".in___motion"))
        .collect();
    names.sort();
    let (name, bytes) = loop {
        let Some(name) = names.pop() else {
            return Ok(None);
        };
        let bytes = std::fs::read(store_path.join(&name))?;
        if name.ends_with(".generating") && !format::snapshot_is_whole(&bytes) {
            abandoned.push(name);
            continue;
        }
        break (name, bytes);
    };
    if !format::snapshot_is_whole(&bytes) {
        damage.push(Damage {
            file: name,
            offset: 0,
            segment: None,
            kind: DamageKind::Snapshot,
        });
        return Ok(None);
    }
    Ok(name
        .strip_prefix("snap.")
        .and_then(|rest| rest.split('.').next())
        .and_then(|hex| i64::from_str_radix(hex, 16).ok()))
}

/// Every blob file the log names before its end: one that fails its checksum (cut short,
/// damaged) is damage wherever it is named, since sled's recovery ends the log at the
/// message naming it (`iterator.rs:165`) and zeroes what follows; a missing one is damage
/// when sled still needs it: it reads it as `DanglingBlob` and goes on without it
/// (`logger.rs:819`, `iterator.rs:156`), losing the node silently, or fails on the page
/// later. Returns how many files sled needs, and how many it removed after their node was
/// written again.
fn check_blobs(
    store_path: &Path,
    blobs: &[NamedBlob],
    damage: &mut Vec<Damage>,
) -> std::io::Result<(usize, usize)> {
    // Each file once (a rewritten page may name the same file again, `pagecache/mod.rs:1259`),
    // needed when any message naming it is.
    let mut files: BTreeMap<i64, (u64, bool)> = BTreeMap::new();
    for blob in blobs {
        let entry = files.entry(blob.id).or_insert((blob.offset, false));
        if blob.needed && !entry.1 {
            *entry = (blob.offset, true);
        }
    }
    let (mut needed, mut superseded) = (0, 0);
    for (id, (named_at, is_needed)) in files {
        let file = format!("blobs/{id}");
        let mut refuse = |kind| {
            damage.push(Damage {
                file: file.clone(),
                offset: 0,
                segment: None,
                kind,
            })
        };
        needed += usize::from(is_needed);
        match std::fs::read(store_path.join(&file)) {
            Ok(bytes) if !format::blob_is_whole(&bytes) => refuse(DamageKind::Blob { named_at }),
            Ok(_) => {}
            Err(error) if error.kind() == ErrorKind::NotFound && is_needed => {
                refuse(DamageKind::BlobMissing { named_at })
            }
            Err(error) if error.kind() == ErrorKind::NotFound => superseded += 1,
            Err(error) => return Err(error),
        }
    }
    Ok((needed, superseded))
}

/// The log: every segment slot's header, then every segment walked (on every core, each
/// segment on its own) and the walks judged in LSN order.
struct LogWalk<'a> {
    log: &'a File,
    log_bytes: u64,
    segment_size: u64,
    /// Every segment slot of the file: its header as read.
    headers: Vec<format::SegmentHeader>,
    /// Above this, a segment number read from unchecked bytes is garbage: the highest any
    /// readable header has, plus room for every slot to have been reused many times.
    highest_segment_number: u64,
}

/// What walking the log found besides damage.
struct Walked {
    log_bytes: u64,
    segments: usize,
    messages: u64,
    end_offset: u64,
    end_lsn: i64,
    torn_final_write: Option<u64>,
    /// Blob files named before the end.
    blobs: Vec<NamedBlob>,
}

/// A blob file a message before the log's end names.
struct NamedBlob {
    /// The LSN of the message naming it.
    lsn: i64,
    /// The blob's id: the LSN its file is named by (`config.rs:258` `blob_path`).
    id: i64,
    /// The offset in `store/db` of the message naming it.
    offset: u64,
    /// No later message before the end replaces the page it holds (a whole node, or the
    /// page freed): sled needs it. sled removes a blob file once its page is written again
    /// (`segment.rs:435` `remove_blob`, when the segment of the rewrite is done with), while
    /// the message naming it stays in the log until that segment is reused; such a file may
    /// be missing.
    needed: bool,
}

/// One segment read front to back, on its own.
#[derive(Default)]
struct SegmentWalk {
    messages: u64,
    /// Blob messages read: the blob's id, the message's offset in the file, its page.
    blobs: Vec<(i64, u64, u64)>,
    /// Messages that replace their page (a node, or the page freed): page, position.
    replaces: Vec<(u64, usize)>,
    /// Batch manifests read: position, and the LSN their batch must reach to be whole.
    manifests: Vec<(usize, i64)>,
    /// Where reading stopped before the segment was full, why, and the first whole message
    /// of the segment's own number after that point.
    stopped: Option<(usize, Unreadable, Option<usize>)>,
    /// For a slot whose header is unreadable: the first whole message of any number.
    message_without_header: Option<usize>,
}

impl SegmentWalk {
    /// The first whole message of its own number anywhere in the segment.
    fn first_message(&self) -> Option<usize> {
        if self.messages > 0 {
            Some(SEG_HEADER_LEN)
        } else {
            self.stopped.and_then(|(_, _, after)| after)
        }
    }
}

impl<'a> LogWalk<'a> {
    fn new(log: &'a File, segment_size: u64) -> std::io::Result<LogWalk<'a>> {
        let log_bytes = log.metadata()?.len();
        let slots = format::slots(log_bytes, segment_size);
        let mut headers = Vec::with_capacity(slots as usize);
        for slot in 0..slots {
            let mut bytes = [0u8; SEG_HEADER_LEN];
            log.read_exact_at(&mut bytes, slot * segment_size)?;
            headers.push(format::segment_header(&bytes));
        }
        let highest_segment_number = headers
            .iter()
            .filter(|header| header.ok && header.lsn >= 0)
            .map(|header| header.lsn as u64 / segment_size)
            .max()
            .unwrap_or(0)
            + 1024
            + 16 * slots;
        Ok(LogWalk {
            log,
            log_bytes,
            segment_size,
            headers,
            highest_segment_number,
        })
    }

    fn walk(
        self,
        snapshot_lsn: Option<i64>,
        acked: Option<i64>,
        damage: &mut Vec<Damage>,
    ) -> std::io::Result<Walked> {
        let size = self.segment_size as i64;
        let mut in_order: BTreeMap<i64, u64> = BTreeMap::new();
        let mut jobs = Vec::new();
        for (slot, header) in self.headers.iter().enumerate() {
            let slot = slot as u64;
            if !header.ok || header.lsn < 0 || header.lsn % size != 0 {
                jobs.push((slot, None));
            } else if in_order.insert(header.lsn, slot).is_some() {
                let kind = DamageKind::DuplicateSegment { lsn: header.lsn };
                damage.push(self.damage_at(slot, 0, kind));
            } else {
                jobs.push((slot, Some((header.lsn / size) as u64)));
            }
        }
        let mut segments = self.walk_segments(&jobs)?;
        let tail_gap = self.tail_gap(&in_order, snapshot_lsn);

        let mut walked = Walked {
            log_bytes: self.log_bytes,
            segments: in_order.len(),
            messages: 0,
            end_offset: 0,
            end_lsn: 0,
            torn_final_write: None,
            blobs: Vec::new(),
        };
        // The end: its LSN and file offset, once found.
        let mut end: Option<(i64, u64)> = None;
        // Read before the end: blobs named (LSN of the message, id, offset, page), pages
        // replaced (page, LSN) and batch manifests (LSN, offset, the LSN their batch must
        // reach).
        let mut blobs: Vec<(i64, i64, u64, u64)> = Vec::new();
        let mut replaces: Vec<(u64, i64)> = Vec::new();
        let mut manifests: Vec<(i64, u64, i64)> = Vec::new();
        let last_lsn = in_order.keys().next_back().copied();
        for (&lsn, &slot) in &in_order {
            let segment = segments.remove(&slot).unwrap_or_default();
            if end.is_none() {
                if let Some(gap) = tail_gap.filter(|gap| lsn > *gap) {
                    end = Some((gap, slot * self.segment_size));
                }
            }
            if let Some((_, end_offset)) = end {
                if let Some(at) = segment.first_message() {
                    let kind = DamageKind::DataAfterTheEnd { end_offset };
                    damage.push(self.damage_at(slot, at, kind));
                }
                continue;
            }
            walked.messages += segment.messages;
            let base = slot * self.segment_size;
            blobs.extend(
                segment
                    .blobs
                    .into_iter()
                    .map(|(id, offset, page)| (lsn + (offset - base) as i64, id, offset, page)),
            );
            replaces.extend(
                segment
                    .replaces
                    .into_iter()
                    .map(|(page, position)| (page, lsn + position as i64)),
            );
            manifests.extend(
                segment.manifests.into_iter().map(|(position, peg)| {
                    (lsn + position as i64, self.offset(slot, position), peg)
                }),
            );
            match segment.stopped {
                Some((position, why, data_after)) => {
                    end = Some((lsn + position as i64, self.offset(slot, position)));
                    self.judge_stop(slot, position, why, data_after, damage, &mut walked);
                }
                None if Some(lsn) == last_lsn => {
                    end = Some((lsn + size, (slot + 1) * self.segment_size));
                }
                None => {}
            }
        }
        for (slot, segment) in segments {
            if let Some(at) = segment.message_without_header {
                damage.push(self.damage_at(slot, at, DamageKind::SegmentHeader));
            }
        }

        let partial = self.log_bytes % self.segment_size;
        if partial > 0 && partial < SEG_HEADER_LEN as u64 {
            let slot = self.log_bytes / self.segment_size;
            damage.push(self.damage_at(slot, 0, DamageKind::CutShort));
        }
        let (mut end_lsn, mut end_offset) = end.unwrap_or((0, 0));
        // sled's recovery ends the log at a batch manifest whose batch runs past the last
        // whole message (`iterator.rs:110`: its last byte beyond `end_of_last_msg`, which
        // is one before this end): that batch was never flushed, so never acknowledged,
        // and what it wrote is dropped with everything after it.
        if let Some((lsn, offset, _)) = manifests
            .iter()
            .find(|(lsn, _, peg)| *lsn < end_lsn && *peg >= end_lsn)
        {
            (end_lsn, end_offset) = (*lsn, *offset);
            walked.torn_final_write = Some(*offset);
        }
        blobs.retain(|(lsn, ..)| *lsn < end_lsn);
        // The last replacement of each page that holds a blob, before the end.
        let mut last_replaced: HashMap<u64, i64> =
            blobs.iter().map(|(.., page)| (*page, i64::MIN)).collect();
        for (page, lsn) in replaces {
            if let Some(last) = last_replaced.get_mut(&page) {
                if lsn < end_lsn && lsn > *last {
                    *last = lsn;
                }
            }
        }
        walked.blobs = blobs
            .into_iter()
            .map(|(lsn, id, offset, page)| NamedBlob {
                lsn,
                id,
                offset,
                needed: last_replaced.get(&page).is_none_or(|last| *last <= lsn),
            })
            .collect();
        walked.end_offset = end_offset;
        walked.end_lsn = end_lsn;
        let recorded = [
            (snapshot_lsn, "sled's snapshot"),
            (acked, "the record of the last saved edit (store/acked)"),
        ]
        .into_iter()
        .chain(
            self.headers
                .iter()
                .filter(|header| header.ok)
                .map(|header| (Some(header.max_stable_lsn), "a segment header")),
        );
        if let Some((_, recorded_by)) = recorded
            .filter_map(|(lsn, by)| Some((lsn?, by)))
            .filter(|(lsn, _)| end_lsn < *lsn)
            .max_by_key(|(lsn, _)| *lsn)
        {
            damage.push(Damage {
                file: "db".into(),
                offset: end_offset,
                segment: Some(end_offset / self.segment_size),
                kind: DamageKind::EndsBeforeRecorded { recorded_by },
            });
        }
        Ok(walked)
    }

    /// Walks every segment of `jobs` (slot, segment number; `None` for a slot whose header is
    /// unreadable), the slots shared out over the machine's cores.
    fn walk_segments(
        &self,
        jobs: &[(u64, Option<u64>)],
    ) -> std::io::Result<BTreeMap<u64, SegmentWalk>> {
        let workers = std::thread::available_parallelism()
            .map_or(1, |cores| cores.get())
            .clamp(1, 4)
            .min(jobs.len().max(1));
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || -> std::io::Result<Vec<(u64, SegmentWalk)>> {
            let mut buffer = Vec::new();
            let mut done = Vec::new();
            loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&(slot, number)) = jobs.get(index) else {
                    return Ok(done);
                };
                self.read_slot(slot, &mut buffer)?;
                done.push((slot, self.walk_segment(&buffer, slot, number)));
            }
        };
        let mut walked = BTreeMap::new();
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
            let mine = work();
            for result in helpers
                .into_iter()
                .map(|helper| {
                    helper
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .chain([mine])
            {
                walked.extend(result?);
            }
            Ok(walked)
        })
    }

    fn read_slot(&self, slot: u64, buffer: &mut Vec<u8>) -> std::io::Result<()> {
        let start = slot * self.segment_size;
        let length = self.segment_size.min(self.log_bytes - start) as usize;
        buffer.resize(length, 0);
        self.log.read_exact_at(buffer, start)
    }

    /// Reads one segment's messages as sled's iterator does, up to a `Cap`, the last 32
    /// bytes, or the first message it cannot read (and then looks for data after it).
    fn walk_segment(&self, buffer: &[u8], slot: u64, number: Option<u64>) -> SegmentWalk {
        let mut walk = SegmentWalk::default();
        let Some(number) = number else {
            walk.message_without_header = self.first_message(buffer, SEG_HEADER_LEN, None);
            return walk;
        };
        let size = self.segment_size as usize;
        let mut position = SEG_HEADER_LEN;
        loop {
            match read_message(buffer, position, size, Some(number)) {
                Read::Message {
                    kind,
                    length,
                    value,
                    page,
                    write,
                } => {
                    walk.messages += 1;
                    if write == PageWrite::Replace {
                        walk.replaces.push((page, position));
                    }
                    match (kind, value) {
                        (MessageKind::Blob, Some(id)) => {
                            walk.blobs.push((id, self.offset(slot, position), page));
                        }
                        (MessageKind::BatchManifest, Some(peg)) => {
                            walk.manifests.push((position, peg));
                        }
                        _ => {}
                    }
                    if kind == MessageKind::Cap {
                        return walk;
                    }
                    position += length;
                }
                Read::SegmentFull => return walk,
                Read::Unreadable(why) => {
                    let after = self.first_message(buffer, position + 1, Some(number));
                    walk.stopped = Some((position, why, after));
                    return walk;
                }
            }
        }
    }

    /// sled's unstable tail (`iterator.rs:362-464`): from the segment holding the highest
    /// `max_stable_lsn` of the headers at or above the snapshot's segment, segments must
    /// follow each other; the first missing one ends the log.
    fn tail_gap(&self, in_order: &BTreeMap<i64, u64>, snapshot_lsn: Option<i64>) -> Option<i64> {
        let size = self.segment_size as i64;
        let min = snapshot_lsn.unwrap_or(0) / size * size;
        let highest_stable = in_order
            .range(min..)
            .map(|(_, slot)| self.headers[*slot as usize].max_stable_lsn)
            .fold(min, i64::max);
        let tail_start = (highest_stable / size * size).max(0);
        let mut expected = tail_start;
        for &lsn in in_order.range(tail_start..).map(|(lsn, _)| lsn) {
            if lsn != expected {
                return Some(expected);
            }
            expected += size;
        }
        None
    }

    /// The log ends at `position` of `slot`: damage if data of the segment follows or the
    /// file was cut there; otherwise the end of the log, possibly a torn final write.
    fn judge_stop(
        &self,
        slot: u64,
        position: usize,
        why: Unreadable,
        data_after: Option<usize>,
        damage: &mut Vec<Damage>,
        walked: &mut Walked,
    ) {
        if let Some(at) = data_after {
            let why = match why {
                Unreadable::Zeroed => "zeroed",
                Unreadable::EndOfFile | Unreadable::CutShort => "cut short",
                Unreadable::BadKind => "not a record sled writes",
                Unreadable::ImpossibleLength => "its length is impossible",
                Unreadable::Checksum => "its checksum does not match",
                Unreadable::OtherSegment => "left over from an earlier use of the segment",
            };
            let data_at = self.offset(slot, at);
            let kind = DamageKind::UnreadableMessage { why, data_at };
            damage.push(self.damage_at(slot, position, kind));
            return;
        }
        match why {
            Unreadable::CutShort => {
                damage.push(self.damage_at(slot, position, DamageKind::CutShort))
            }
            Unreadable::BadKind | Unreadable::ImpossibleLength | Unreadable::Checksum => {
                walked.torn_final_write = Some(self.offset(slot, position));
            }
            Unreadable::Zeroed | Unreadable::EndOfFile | Unreadable::OtherSegment => {}
        }
    }

    /// The first position from `from` in a segment's bytes where a whole message starts (of
    /// segment number `number`, or any plausible one when `None`). Zero runs are skipped at
    /// once; the other positions are tried by their header before their checksum.
    fn first_message(&self, buffer: &[u8], from: usize, number: Option<u64>) -> Option<usize> {
        let size = self.segment_size as usize;
        let last = (size - format::MAX_MSG_HEADER_LEN).min(buffer.len().saturating_sub(1));
        let mut position = from.max(SEG_HEADER_LEN);
        while position <= last {
            if buffer[position] == 0 {
                match buffer[position..=last].iter().position(|byte| *byte != 0) {
                    // A message's CRC may begin with zero bytes: step back to try them.
                    Some(skip) => position = (position + skip).saturating_sub(3).max(position),
                    None => return None,
                }
            }
            let plausible = match (format::peek(buffer, position, size), number) {
                (None, _) => false,
                (Some(u64::MAX), _) => true,
                (Some(found), Some(wanted)) => found == wanted,
                (Some(found), None) => found <= self.highest_segment_number,
            };
            if plausible {
                if let Read::Message { .. } = read_message(buffer, position, size, number) {
                    return Some(position);
                }
            }
            position += 1;
        }
        None
    }

    fn offset(&self, slot: u64, position: usize) -> u64 {
        slot * self.segment_size + position as u64
    }

    fn damage_at(&self, slot: u64, position: usize, kind: DamageKind) -> Damage {
        Damage {
            file: "db".into(),
            offset: self.offset(slot, position),
            segment: Some(slot),
            kind,
        }
    }
}
