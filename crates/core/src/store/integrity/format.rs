//! sled 0.34.7's on-disk formats, read exactly as sled reads them. Every rule here names the
//! place in sled's source it comes from (`sled-0.34.7/src/…`), so a reader can check it.

/// `pagecache/constants.rs:12`: every segment opens with a header of this length.
pub(super) const SEG_HEADER_LEN: usize = 20;
/// `pagecache/constants.rs:9`: a message header is at most this long; nothing starts in the
/// last `MAX_MSG_HEADER_LEN` bytes of a segment (`iterator.rs:271` `valid_entry_offset`,
/// `logger.rs:281` the "red zone").
pub(super) const MAX_MSG_HEADER_LEN: usize = 32;
/// `config.rs`: sled's default `segment_size` when `conf` does not say otherwise.
pub(super) const DEFAULT_SEGMENT_SIZE: u64 = 512 * 1024;

/// How many segment slots a log of `log_bytes` has (`iterator.rs:320`: a last partial
/// segment counts once it can hold a header).
pub(super) fn slots(log_bytes: u64, segment_size: u64) -> u64 {
    log_bytes / segment_size + u64::from(log_bytes % segment_size >= SEG_HEADER_LEN as u64)
}

/// A segment header (`logger.rs:545`): bytes 0..4 the CRC-32 of bytes 4..20, inverted;
/// 4..12 the segment's LSN and 12..20 the highest stable LSN when it was started, each
/// little-endian and XORed with `0x7FFF_FFFF_FFFF_FFFF`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct SegmentHeader {
    pub lsn: i64,
    pub max_stable_lsn: i64,
    /// The checksum matches (`ok` in sled).
    pub ok: bool,
}

pub(super) fn segment_header(bytes: &[u8; SEG_HEADER_LEN]) -> SegmentHeader {
    let stored = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) ^ 0xFFFF_FFFF;
    let word = |range: std::ops::Range<usize>| {
        i64::from_le_bytes(bytes[range].try_into().unwrap_or([0; 8])) ^ 0x7FFF_FFFF_FFFF_FFFF
    };
    SegmentHeader {
        lsn: word(4..12),
        max_stable_lsn: word(12..20),
        ok: crc32fast::hash(&bytes[4..20]) == stored,
    }
}

/// `pagecache/mod.rs:100` `MessageKind`: 0 is `Corrupted` (also what sled zeroes with), any
/// byte above 11 reads as `Corrupted` too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MessageKind {
    Canceled,
    Cap,
    BatchManifest,
    /// Free, Counter, InlineMeta, InlineNode, InlineLink: data held in the log itself.
    Inline,
    /// BlobMeta, BlobNode, BlobLink: the log holds the blob's id, the bytes are in `blobs/`.
    Blob,
}

/// What a message does to its page (`pagecache/mod.rs:191`, `LogKind` from a message kind):
/// a replacement (a whole node, the meta page, the ID counter, or freeing the page) ends
/// every earlier state of that page; a link adds to the last one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PageWrite {
    Replace,
    Link,
    /// Canceled, Cap, BatchManifest: no page.
    None,
}

fn page_write(byte: u8) -> PageWrite {
    match byte {
        4..=9 => PageWrite::Replace,
        10 | 11 => PageWrite::Link,
        _ => PageWrite::None,
    }
}

fn message_kind(byte: u8) -> Option<MessageKind> {
    match byte {
        1 => Some(MessageKind::Canceled),
        2 => Some(MessageKind::Cap),
        3 => Some(MessageKind::BatchManifest),
        4 | 5 | 6 | 8 | 10 => Some(MessageKind::Inline),
        7 | 9 | 11 => Some(MessageKind::Blob),
        _ => None,
    }
}

/// What reading one message at a position of a segment gives, following sled's
/// `read_message` (`logger.rs:704`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Read {
    /// A whole message: its kind, its length with header, and for a blob message its id
    /// (for a batch manifest, the last LSN of its batch); the page it is about and what it
    /// does to it.
    Message {
        kind: MessageKind,
        length: usize,
        value: Option<i64>,
        page: u64,
        write: PageWrite,
    },
    /// The position is past the last one a message may start at (`valid_entry_offset`):
    /// sled moves on to the next segment.
    SegmentFull,
    /// Nothing readable: sled's `LogRead::Corrupted`, or an error reading it.
    Unreadable(Unreadable),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unreadable {
    /// The header's bytes are all zero: never written, or zeroed (sled writes zeros as
    /// `MessageKind::Corrupted` over what it discards).
    Zeroed,
    /// The file ends here, before anything of a message.
    EndOfFile,
    /// The file ends inside the message: its header or body is cut short.
    CutShort,
    /// The kind byte is not one sled writes.
    BadKind,
    /// The length runs past the end of the segment (`logger.rs:737`).
    ImpossibleLength,
    /// The checksum does not match (`logger.rs:771`).
    Checksum,
    /// A whole message, but of another segment number (`logger.rs:779`): left over from a
    /// segment's earlier use. Its CRC covers the number, so this is not damage.
    OtherSegment,
}

/// sled's varint (`serialization.rs:141` `impl Serialize for u64`), from a zero-padded
/// buffer of at least 9 bytes past `at`.
fn varint(buffer: &[u8], at: &mut usize) -> u64 {
    let first = buffer[*at];
    let (value, used) = match first {
        0..=240 => (u64::from(first), 1),
        241..=248 => (
            240 + 256 * (u64::from(first) - 241) + u64::from(buffer[*at + 1]),
            2,
        ),
        249 => (
            2288 + 256 * u64::from(buffer[*at + 1]) + u64::from(buffer[*at + 2]),
            3,
        ),
        other => {
            let size = usize::from(other) - 247;
            let mut aligned = [0u8; 8];
            aligned[..size].copy_from_slice(&buffer[*at + 1..=*at + size]);
            (u64::from_le_bytes(aligned), size + 1)
        }
    };
    *at += used;
    value
}

/// Reads the message at `position` of a segment whose bytes (as far as the file holds them)
/// are `segment`, as `read_message` does: a header of crc (u32), kind (u8), len, segment
/// number and page id (varints), read from up to 128 bytes zero-padded at the end of the
/// segment's bytes; the length bounded by the segment's end; the CRC-32 of the body then
/// the header without its CRC, inverted (`lib.rs:385`); then the segment number.
/// `expected_segment` is `None` when scanning a segment whose header is unreadable: any
/// segment number is taken.
pub(super) fn read_message(
    segment: &[u8],
    position: usize,
    segment_size: usize,
    expected_segment: Option<u64>,
) -> Read {
    read_message_in(segment, 0, position, segment_size, expected_segment)
}

/// [`read_message`] over a window of a segment: `window` holds the segment's bytes from
/// `start` on (as far as it was read); a message reaching past it reads as cut short or the
/// end of the file, and the caller reads on.
pub(super) fn read_message_in(
    window: &[u8],
    start: usize,
    position: usize,
    segment_size: usize,
    expected_segment: Option<u64>,
) -> Read {
    if position < SEG_HEADER_LEN || position > segment_size - MAX_MSG_HEADER_LEN {
        return Read::SegmentFull;
    }
    let Some(at) = position.checked_sub(start) else {
        return Read::Unreadable(Unreadable::EndOfFile);
    };
    if at >= window.len() {
        return Read::Unreadable(Unreadable::EndOfFile);
    }
    let mut header = [0u8; 128];
    let available = (window.len() - at).min(128);
    header[..available].copy_from_slice(&window[at..at + available]);
    if header[..available.min(MAX_MSG_HEADER_LEN)]
        .iter()
        .all(|byte| *byte == 0)
    {
        return Read::Unreadable(Unreadable::Zeroed);
    }
    let stored_crc = u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
    let Some(kind) = message_kind(header[4]) else {
        return Read::Unreadable(if available < 5 {
            Unreadable::CutShort
        } else {
            Unreadable::BadKind
        });
    };
    let mut cursor = 5;
    let length = varint(&header, &mut cursor);
    let segment_number = varint(&header, &mut cursor);
    let page = varint(&header, &mut cursor);
    let header_length = cursor;
    if header_length > available {
        return Read::Unreadable(Unreadable::CutShort);
    }
    let room = (segment_size - position - header_length) as u64;
    if length > room {
        return Read::Unreadable(Unreadable::ImpossibleLength);
    }
    let body_start = at + header_length;
    let body_end = body_start + length as usize;
    if body_end > window.len() {
        return Read::Unreadable(Unreadable::CutShort);
    }
    let body = &window[body_start..body_end];
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(body);
    hasher.update(&header[4..header_length]);
    if hasher.finalize() ^ 0xFFFF_FFFF != stored_crc {
        return Read::Unreadable(Unreadable::Checksum);
    }
    if expected_segment.is_some_and(|expected| expected != segment_number) {
        return Read::Unreadable(Unreadable::OtherSegment);
    }
    let value = match kind {
        MessageKind::Blob | MessageKind::BatchManifest if body.len() == 8 => {
            Some(i64::from_le_bytes(body.try_into().unwrap_or([0; 8])))
        }
        MessageKind::Blob | MessageKind::BatchManifest => {
            return Read::Unreadable(Unreadable::ImpossibleLength)
        }
        _ => None,
    };
    Read::Message {
        kind,
        length: header_length + body.len(),
        value,
        page,
        write: page_write(header[4]),
    }
}

/// A message header's segment number and whether its length fits the segment, read
/// without its checksum: a scan's cheap first test (`None`: no header sled writes).
pub(super) fn peek(segment: &[u8], position: usize, segment_size: usize) -> Option<u64> {
    if position > segment_size - MAX_MSG_HEADER_LEN || position + MAX_MSG_HEADER_LEN > segment.len()
    {
        // Near the end of the file: let `read_message` judge it.
        return message_kind(*segment.get(position + 4)?).map(|_| u64::MAX);
    }
    message_kind(segment[position + 4])?;
    let mut header = [0u8; 48];
    header[..MAX_MSG_HEADER_LEN].copy_from_slice(&segment[position..position + MAX_MSG_HEADER_LEN]);
    let mut at = 5;
    let length = varint(&header, &mut at);
    let number = varint(&header, &mut at);
    let _page_id = varint(&header, &mut at);
    (length <= (segment_size - position - at) as u64).then_some(number)
}

/// sled's `conf` (`config.rs:666` `write_config`): text, then the CRC-32 of the text
/// (not inverted). Gives the segment size, or why the file cannot be trusted.
pub(super) fn read_conf(bytes: &[u8]) -> Result<u64, &'static str> {
    if bytes.len() <= 8 {
        return Err("empty or cut short");
    }
    let (text, crc) = bytes.split_at(bytes.len() - 4);
    let stored = u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]);
    if crc32fast::hash(text) != stored {
        return Err("its checksum does not match");
    }
    Ok(String::from_utf8_lossy(text)
        .lines()
        .find_map(|line| line.strip_prefix("segment_size: "))
        .and_then(|size| size.trim().parse().ok())
        .unwrap_or(DEFAULT_SEGMENT_SIZE))
}

/// A snapshot file (`snapshot.rs:458` `read_snapshot`): the snapshot, its uncompressed
/// length (8 bytes) and the CRC-32 of the snapshot bytes (4 bytes, not inverted).
pub(super) fn snapshot_is_whole(bytes: &[u8]) -> bool {
    if bytes.len() <= 12 {
        return false;
    }
    let body = &bytes[..bytes.len() - 12];
    let crc = &bytes[bytes.len() - 4..];
    crc32fast::hash(body) == u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]])
}

/// A blob file (`blob_io.rs:4` `read_blob`): the CRC-32 (not inverted) of the kind byte and
/// the data, then the kind byte, then the data. A file cut short fails the CRC; sled's
/// recovery takes one that fails for the end of the log (`iterator.rs:165`).
pub(super) fn blob_is_whole(bytes: &[u8]) -> bool {
    if bytes.len() < 5 {
        return false;
    }
    let stored = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    crc32fast::hash(&bytes[4..]) == stored
}
