//! Sessions a full disk had no room for. A login writes its session token's record, and a
//! logout deletes one; on a full disk (`StoreError::DiskFull`) the change is held here, in
//! memory, and written with the next auth write that finds room (every [`Auth::write`] takes
//! them along; the sync and blob routes ask for one, see [`Auth::write_held_sessions`]). So
//! logins and logouts go on while pushes are refused with 507.
//!
//! Chosen over writing sessions into the space the store sets aside (`Store::set_aside`):
//! that room is sled's, for reads and a reopen on a full disk, and logins without end could
//! use it up; a session is the one record whose loss costs nothing but a new login. A restart before there is room forgets what is held: a device
//! that logged in meanwhile is asked to log in again (its edits stay on it), and a token
//! logged out of meanwhile is valid again until it expires (its device forgot it at the
//! logout). Pushes are never held: nothing is acknowledged that is not on disk.

use std::collections::{HashMap, HashSet};

use cloudwright_core::store::kv::Batch;

use super::{encode, Auth, AuthError, TokenRecord};

/// Session changes waiting for room, by token key (`t/{sha256 of the token}`).
#[derive(Default)]
pub(super) struct HeldSessions {
    issued: HashMap<String, TokenRecord>,
    revoked: HashSet<String>,
}

impl HeldSessions {
    fn is_empty(&self) -> bool {
        self.issued.is_empty() && self.revoked.is_empty()
    }
}

impl Auth {
    fn held(&self) -> std::sync::MutexGuard<'_, HeldSessions> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Holds a session the disk had no room for.
    pub(super) fn hold_session(&self, key: String, record: TokenRecord) {
        tracing::warn!(user = %record.user, "the disk is full: a session is held in memory until it has room");
        self.held().issued.insert(key, record);
    }

    /// A session held in memory, unless revoked: `Some(None)` when the token was revoked
    /// while the disk was full.
    pub(super) fn held_session(&self, key: &str) -> Option<Option<TokenRecord>> {
        let held = self.held();
        if held.revoked.contains(key) {
            return Some(None);
        }
        held.issued.get(key).cloned().map(Some)
    }

    /// Revokes a token held in memory or, on a full disk, holds the revocation of one on disk.
    /// `Some(found)` when done here; `None` when the caller should write the deletion.
    pub(super) fn revoke_held(&self, key: &str) -> Option<bool> {
        let mut held = self.held();
        if held.issued.remove(key).is_some() {
            return Some(true);
        }
        held.revoked.contains(key).then_some(false)
    }

    /// Holds the revocation of a token on disk the disk had no room to delete.
    pub(super) fn hold_revocation(&self, key: String) {
        tracing::warn!("the disk is full: a logout is held in memory until it has room");
        self.held().revoked.insert(key);
    }

    /// Forgets the sessions of `user` held in memory (a password reset revokes sessions).
    pub(super) fn forget_held_sessions_of(&self, user: &str) {
        self.held().issued.retain(|_, record| record.user != user);
    }

    /// Adds what is held to `batch`; returns the keys added, to forget once it is durable.
    /// Callers hold the auth write lock, so nothing else writes them meanwhile.
    pub(super) fn take_held_into(&self, batch: &mut Batch) -> (Vec<String>, Vec<String>) {
        let held = self.held();
        for (key, record) in &held.issued {
            batch.put(key.clone(), encode(record));
        }
        for key in &held.revoked {
            batch.delete(key.clone());
        }
        (
            held.issued.keys().cloned().collect(),
            held.revoked.iter().cloned().collect(),
        )
    }

    /// Forgets what a durable write took along.
    pub(super) fn written(&self, (issued, revoked): (Vec<String>, Vec<String>)) {
        let mut held = self.held();
        for key in issued {
            held.issued.remove(&key);
        }
        for key in revoked {
            held.revoked.remove(&key);
        }
    }

    /// Writes the session changes held in memory, if any and if the disk has room now (a full
    /// disk keeps them held: not an error). Called by the routes that write.
    pub fn write_held_sessions(&self) -> Result<(), AuthError> {
        if self.held().is_empty() {
            return Ok(());
        }
        match self.write(Batch::default()) {
            Ok(()) => {
                tracing::info!("the sessions held while the disk was full are written");
                Ok(())
            }
            Err(AuthError::Store(cloudwright_core::store::StoreError::DiskFull)) => Ok(()),
            Err(error) => Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    use cloudwright_core::store::kv::{Pairs, Tree, Visit};
    use cloudwright_core::store::{Store, StoreError};
    use rand::SeedableRng;

    use super::super::{Auth, Rejection, Role, TokenKind};

    /// The store's real auth tree, on a disk that can be made full: every write is then
    /// refused as the store refuses one (`StoreError::DiskFull`, nothing of it kept).
    struct FillingDisk {
        tree: Arc<dyn Tree>,
        full: AtomicBool,
    }

    impl Tree for FillingDisk {
        fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
            self.tree.get(key)
        }
        fn scan_prefix(&self, prefix: &[u8]) -> Result<Pairs, StoreError> {
            self.tree.scan_prefix(prefix)
        }
        fn for_each_prefix(&self, prefix: &[u8], visit: &mut Visit<'_>) -> Result<(), StoreError> {
            self.tree.for_each_prefix(prefix, visit)
        }
        fn scan_from(
            &self,
            prefix: &[u8],
            start: &[u8],
            limit: usize,
        ) -> Result<Pairs, StoreError> {
            self.tree.scan_from(prefix, start, limit)
        }
        fn apply(&self, batch: cloudwright_core::store::kv::Batch) -> Result<(), StoreError> {
            match self.full.load(Ordering::SeqCst) {
                true => Err(StoreError::DiskFull),
                false => self.tree.apply(batch),
            }
        }
        fn flush(&self) -> Result<(), StoreError> {
            self.tree.flush()
        }
    }

    struct Fixture {
        _dir: tempfile::TempDir,
        store: Store,
        disk: Arc<FillingDisk>,
        auth: Auth,
        rng: rand::rngs::StdRng,
    }

    fn fixture() -> anyhow::Result<Fixture> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let workspace = store.create_workspace("평택", 1)?.id;
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let disk = Arc::new(FillingDisk {
            tree: store.aux_tree("auth")?,
            full: AtomicBool::new(false),
        });
        let auth = Auth {
            tree: disk.clone(),
            roster_writes: Arc::new(Mutex::new(())),
            writes: Arc::new(Mutex::new(())),
            held: Arc::new(Mutex::new(super::HeldSessions::default())),
        };
        auth.add_member(
            "kim",
            "password-1",
            None,
            &workspace,
            Role::Editor,
            1,
            &mut rng,
        )?;
        Ok(Fixture {
            _dir: dir,
            store,
            disk,
            auth,
            rng,
        })
    }

    impl Fixture {
        fn login(&mut self, now_ms: i64) -> anyhow::Result<String> {
            let issued = self.auth.issue_token(
                "kim",
                TokenKind::Session,
                None,
                now_ms,
                None,
                &mut self.rng,
            )?;
            Ok(issued.secret)
        }

        fn fill(&self, full: bool) {
            self.disk.full.store(full, Ordering::SeqCst);
        }

        /// The records as a server started now would read them.
        fn restarted(&self) -> anyhow::Result<Auth> {
            Ok(Auth::open(&self.store)?)
        }
    }

    #[test]
    fn a_login_on_a_full_disk_is_held_in_memory_and_written_once_the_disk_has_room(
    ) -> anyhow::Result<()> {
        let mut f = fixture()?;
        f.fill(true);
        let held = f.login(10)?;
        assert_eq!(f.auth.authenticate(&held, 11)?.user, "kim");
        assert_eq!(
            f.restarted()?.authenticate(&held, 11).err(),
            Some(Rejection::Unauthenticated),
            "not on disk while the disk is full"
        );
        f.auth.write_held_sessions()?;
        assert!(
            f.restarted()?.authenticate(&held, 11).is_err(),
            "still full"
        );

        f.fill(false);
        f.auth.write_held_sessions()?;
        assert_eq!(f.restarted()?.authenticate(&held, 12)?.user, "kim");
        assert_eq!(f.auth.authenticate(&held, 12)?.user, "kim");
        Ok(())
    }

    #[test]
    fn any_write_that_finds_room_takes_the_held_sessions_along() -> anyhow::Result<()> {
        let mut f = fixture()?;
        f.fill(true);
        let held = f.login(10)?;
        f.fill(false);
        let second = f.login(20)?;
        let restarted = f.restarted()?;
        assert_eq!(restarted.authenticate(&held, 21)?.user, "kim");
        assert_eq!(restarted.authenticate(&second, 21)?.user, "kim");
        Ok(())
    }

    #[test]
    fn a_logout_on_a_full_disk_ends_the_session_now_and_on_disk_once_there_is_room(
    ) -> anyhow::Result<()> {
        let mut f = fixture()?;
        let on_disk = f.login(10)?;
        f.fill(true);
        let held = f.login(11)?;
        assert!(f.auth.revoke_secret(&held)?);
        assert!(f.auth.revoke_secret(&on_disk)?);
        assert!(!f.auth.revoke_secret(&on_disk)?, "revoked once");
        for token in [&held, &on_disk] {
            assert_eq!(
                f.auth.authenticate(token, 12).err(),
                Some(Rejection::Unauthenticated)
            );
        }
        // The cost of a restart before there is room: the logout is forgotten.
        assert!(f.restarted()?.authenticate(&on_disk, 12).is_ok());

        f.fill(false);
        f.auth.write_held_sessions()?;
        let restarted = f.restarted()?;
        for token in [&held, &on_disk] {
            assert_eq!(
                restarted.authenticate(token, 13).err(),
                Some(Rejection::Unauthenticated)
            );
        }
        Ok(())
    }

    #[test]
    fn an_api_token_is_never_held_a_full_disk_refuses_it() -> anyhow::Result<()> {
        let mut f = fixture()?;
        f.fill(true);
        let refused = f
            .auth
            .issue_token("kim", TokenKind::Api, None, 10, None, &mut f.rng);
        assert!(matches!(
            refused,
            Err(super::AuthError::Store(StoreError::DiskFull))
        ));
        Ok(())
    }
}
