//! Disk space a store sets aside for sled's own writes (the sync server's store:
//! [`crate::store::Store::set_aside`]).
//!
//! sled 0.34 writes on its own, outside the batches the store hands it: an operation that walks
//! past a node grown too large splits it, reads included, and the IO buffer that batches left
//! unflushed is written when it fills; both go to its log, and a node over 128 KiB to a file
//! of its own. On a disk with no room left at all such a write fails, and sled then refuses
//! every operation, reads included, until the store is opened again, which needs room too (a
//! node's own file that fails even keeps its IO buffer claimed for ever: see
//! `kv::SledTree::apply`). The room check before each batch keeps the store's writes off the
//! last 2 MiB, but anything else on the disk (logs, another program) can take them, and sled's
//! own writes after a batch can take more than the batch. So the store keeps files of its own
//! (pieces, a few MiB each): whenever the disk has less than that reserve free, one piece is
//! removed, giving sled room again, and writes are refused until as much is free as if the
//! pieces were all still there; once that and a piece more are free, a piece is made again.
//! Pieces rather than one file: the disk may fill again after one is given up (something
//! else took that room too), and then the next one is. Once every piece is given up and the
//! disk is full again, sled may refuse reads until space is freed (then the store reopens by
//! itself); a node file that fails then may still keep its database waiting (see above).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use super::StoreError;

/// One file of the space set aside, and whether it was given up.
struct Piece {
    path: PathBuf,
    given_up: AtomicBool,
}

/// The files a store sets aside.
pub(crate) struct SetAside {
    pieces: Vec<Piece>,
    piece_bytes: u64,
    /// When the free space was last looked at (ms after `since`): at most once a millisecond,
    /// since every operation asks.
    last_look_ms: AtomicU64,
    since: Instant,
    /// Held while a piece is removed or made.
    changing: Mutex<()>,
}

impl SetAside {
    /// Sets aside `pieces` files of `piece_bytes` at `path` and a number (made now when one is
    /// missing or short; a disk without room for one leaves it given up, to be made once
    /// there is).
    pub(crate) fn new(path: &std::path::Path, pieces: u32, piece_bytes: u64) -> SetAside {
        let pieces = (1..=pieces)
            .map(|n| Piece {
                path: path.with_file_name(format!(
                    "{}-{n}",
                    path.file_name().unwrap_or_default().to_string_lossy()
                )),
                given_up: AtomicBool::new(true),
            })
            .collect();
        let set_aside = SetAside {
            pieces,
            piece_bytes,
            last_look_ms: AtomicU64::new(0),
            since: Instant::now(),
            changing: Mutex::new(()),
        };
        for piece in &set_aside.pieces {
            match make(&piece.path, piece_bytes) {
                Ok(()) => piece.given_up.store(false, Ordering::SeqCst),
                Err(error) => tracing::warn!(
                    path = %piece.path.display(),
                    %error,
                    "space the store sets aside could not be made: it is made once there is room"
                ),
            }
        }
        set_aside
    }

    /// The bytes writes must leave free beyond the store's reserve: the pieces given up.
    pub(crate) fn held_back(&self) -> u64 {
        let given_up = self
            .pieces
            .iter()
            .filter(|piece| piece.given_up.load(Ordering::SeqCst))
            .count() as u64;
        given_up * self.piece_bytes
    }

    /// Looks at the free space (`free`, at most once a millisecond): below `reserve`, gives a
    /// piece up; with `reserve`, the pieces given up and one more free, makes one again.
    pub(crate) fn watch(&self, free: impl Fn() -> Option<u64>, reserve: u64) {
        let now = self.since.elapsed().as_millis() as u64;
        let last = self.last_look_ms.load(Ordering::Relaxed);
        if now == last
            || self
                .last_look_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return;
        }
        if let Some(free) = free() {
            self.look(free, reserve);
        }
    }

    /// [`SetAside::watch`] with the disk's free space looked at: `free`.
    fn look(&self, free: u64, reserve: u64) {
        let held_back = self.held_back();
        let give_up = free < reserve;
        let make_again = held_back > 0
            && free
                >= reserve
                    .saturating_add(held_back)
                    .saturating_add(self.piece_bytes);
        if !give_up && !make_again {
            return;
        }
        let Ok(_changing) = self.changing.try_lock() else {
            return;
        };
        let given_up = |piece: &&Piece| piece.given_up.load(Ordering::SeqCst);
        if give_up {
            let Some(piece) = self.pieces.iter().find(|piece| !given_up(piece)) else {
                return;
            };
            match std::fs::remove_file(&piece.path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    tracing::error!(path = %piece.path.display(), %error, "space set aside could not be given up");
                    return;
                }
            }
            piece.given_up.store(true, Ordering::SeqCst);
            tracing::warn!(
                free,
                given_up = self.piece_bytes,
                "the disk is full: space set aside is given to the store's own writes; \
                 writes are refused until space is freed"
            );
        } else if let Some(piece) = self.pieces.iter().find(given_up) {
            if make(&piece.path, self.piece_bytes).is_ok() {
                piece.given_up.store(false, Ordering::SeqCst);
                tracing::info!(free, "the disk has room again: space is set aside again");
            }
        }
    }
}

/// Makes the file at `path` and takes `bytes` of disk for it.
fn make(path: &std::path::Path, bytes: u64) -> Result<(), StoreError> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    allocate(&file, bytes)?;
    Ok(())
}

/// Takes `bytes` of disk for `file`: allocated, not a sparse file (nor zeros a file system may
/// compress away, where `fallocate` exists).
fn allocate(file: &std::fs::File, bytes: u64) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        match rustix::fs::fallocate(file, rustix::fs::FallocateFlags::empty(), 0, bytes) {
            Ok(()) => return Ok(()),
            Err(rustix::io::Errno::OPNOTSUPP) => {}
            Err(error) => return Err(error.into()),
        }
    }
    use std::io::Write as _;
    let mut writer = std::io::BufWriter::new(file);
    let zeros = vec![0u8; 64 * 1024];
    let mut written = 0;
    while written < bytes {
        let part = (bytes - written).min(zeros.len() as u64) as usize;
        writer.write_all(&zeros[..part])?;
        written += part as u64;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::SetAside;

    const MIB: u64 = 1024 * 1024;

    fn files(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn a_piece_is_given_up_each_time_the_disk_fills_and_made_again_once_there_is_room() {
        let dir = tempfile::tempdir().expect("temp dir");
        let set_aside = SetAside::new(&dir.path().join("space"), 2, MIB);
        assert_eq!(files(dir.path()), ["space-1", "space-2"]);
        let size = |name: &str| std::fs::metadata(dir.path().join(name)).map(|m| m.len());
        assert_eq!(size("space-1").ok(), Some(MIB));
        assert_eq!(set_aside.held_back(), 0);

        set_aside.look(3 * MIB, 2 * MIB);
        assert_eq!(set_aside.held_back(), 0, "room enough");
        set_aside.look(MIB, 2 * MIB);
        assert_eq!(files(dir.path()), ["space-2"]);
        assert_eq!(set_aside.held_back(), MIB);
        set_aside.look(2 * MIB, 2 * MIB);
        assert_eq!(
            set_aside.held_back(),
            MIB,
            "the room given up is sled's, not the writes'"
        );
        // Something else took that room too.
        set_aside.look(0, 2 * MIB);
        assert_eq!(files(dir.path()), Vec::<String>::new());
        assert_eq!(set_aside.held_back(), 2 * MIB);
        set_aside.look(0, 2 * MIB);
        assert_eq!(set_aside.held_back(), 2 * MIB, "nothing more to give");

        // Space freed: a piece at a time, while the writes' reserve and what is still given
        // up stay free.
        set_aside.look(4 * MIB, 2 * MIB);
        assert_eq!(set_aside.held_back(), 2 * MIB);
        set_aside.look(5 * MIB, 2 * MIB);
        assert_eq!(set_aside.held_back(), MIB);
        set_aside.look(4 * MIB, 2 * MIB);
        assert_eq!(set_aside.held_back(), 0);
        assert_eq!(files(dir.path()), ["space-1", "space-2"]);
        assert_eq!(size("space-2").ok(), Some(MIB));
    }
}
