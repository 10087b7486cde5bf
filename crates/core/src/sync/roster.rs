//! The roster a device keeps for a workspace: the newest its server signed, in the workspace's
//! tree under `y/roster` (local to this device like every `y/` key: never synced, never in
//! an export or a backup of the workspace).
//!
//! A roster is kept only when it verifies against the server key the binding pinned at login
//! ([`SyncBinding::server_key`](super::SyncBinding)), names the bound server workspace, and is
//! not older than the one kept. It is checked again on every read: a roster changed on disk
//! reads as [`RosterState::Tampered`] and is never trusted.

use serde::{Deserialize, Serialize};

use crate::store::kv::{damaged, Batch};
use crate::store::{StoreError, Workspace};
use crate::trust::{EditAccess, Roster, SignedRoster};

pub(crate) const ROSTER: &[u8] = b"y/roster";

/// The roster this device keeps for a workspace, as read (and checked) now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterState {
    /// None yet: the workspace has not synced since its server had rosters.
    None,
    /// Signed by the pinned server key for this workspace.
    Verified(Roster),
    /// Kept, but its signature does not check against the pinned key (changed on disk, or
    /// the binding has no key to check it by): not trusted. The next sync replaces it.
    Tampered,
}

/// What became of a roster offered to the device (see [`Workspace::keep_roster`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RosterKept {
    /// Verified and kept (newer than, or as new as, the one kept before).
    Kept { version: u64 },
    /// Verified, but older than the one kept: not kept.
    Older { kept: u64, offered: u64 },
    /// Not signed by the pinned server key, or for another workspace: not kept.
    NotVerified,
    /// The binding pinned no server key (it was made before servers had keys): nothing can
    /// be verified until the next login pins one.
    NoPinnedKey,
}

impl Workspace {
    /// The kept roster, checked against the pinned server key now.
    pub fn roster(&self) -> Result<RosterState, StoreError> {
        let Some(signed) = self.kept_roster()? else {
            return Ok(RosterState::None);
        };
        Ok(match self.verify_roster(&signed)? {
            Some(roster) => RosterState::Verified(roster),
            None => RosterState::Tampered,
        })
    }

    /// What the account this workspace is logged in as may change here, by its role in the
    /// trusted roster (see [`EditAccess`]): not bound to a team, no roster yet, or a roster
    /// that does not verify, restricts nothing (the server still refuses what it refuses).
    pub fn edit_access(&self) -> Result<EditAccess, StoreError> {
        let Some(binding) = self.sync_binding()? else {
            return Ok(EditAccess::Everything);
        };
        Ok(match self.roster()? {
            RosterState::Verified(roster) => EditAccess::of(Some(&roster), &binding.user_id),
            RosterState::None | RosterState::Tampered => EditAccess::Everything,
        })
    }

    /// The kept roster as stored, unchecked: for tools and tests. Trust only [`Self::roster`].
    pub fn kept_roster(&self) -> Result<Option<SignedRoster>, StoreError> {
        match self.tree.get(ROSTER)? {
            None => Ok(None),
            Some(bytes) => match serde_json::from_slice(&bytes) {
                Ok(signed) => Ok(Some(signed)),
                // Unreadable is as untrusted as changed: an empty roster never verifies.
                Err(_) => Ok(Some(SignedRoster {
                    roster: Roster {
                        workspace: self.meta().id,
                        version: 0,
                        issued_at_ms: 0,
                        members: Vec::new(),
                    },
                    signature: Vec::new(),
                })),
            },
        }
    }

    /// Keeps `signed` if it verifies against the pinned server key, names the bound server
    /// workspace and is not older than the roster kept (a kept one that no longer verifies
    /// counts as none).
    pub fn keep_roster(&self, signed: &SignedRoster) -> Result<RosterKept, StoreError> {
        let pinned = self.sync_binding()?.and_then(|b| b.pinned_server_key());
        if pinned.is_none() {
            return Ok(RosterKept::NoPinnedKey);
        }
        let Some(offered) = self.verify_roster(signed)? else {
            return Ok(RosterKept::NotVerified);
        };
        if let RosterState::Verified(kept) = self.roster()? {
            if kept.version > offered.version {
                return Ok(RosterKept::Older {
                    kept: kept.version,
                    offered: offered.version,
                });
            }
            if kept.version == offered.version && kept.members == offered.members {
                // The same roster signed again: nothing to write (a sync pass costs no write).
                return Ok(RosterKept::Kept {
                    version: offered.version,
                });
            }
        }
        self.put_roster_unchecked(signed)?;
        Ok(RosterKept::Kept {
            version: offered.version,
        })
    }

    /// Writes `signed` as the kept roster without checking it. Safe because every read
    /// checks it; for tools and tests (a roster put aside and back, or changed on purpose).
    #[doc(hidden)]
    pub fn put_roster_unchecked(&self, signed: &SignedRoster) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(signed).map_err(|error| damaged("roster", error))?;
        let mut batch = Batch::default();
        batch.put(ROSTER, bytes);
        self.commit(batch)
    }

    /// The roster, if signed by the pinned key for the bound server workspace.
    fn verify_roster(&self, signed: &SignedRoster) -> Result<Option<Roster>, StoreError> {
        let Some(binding) = self.sync_binding()? else {
            return Ok(None);
        };
        let Some(key) = binding.pinned_server_key() else {
            return Ok(None);
        };
        Ok(signed
            .verified(&key)
            .filter(|roster| roster.workspace == binding.remote_workspace)
            .cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::sync::SyncBinding;
    use crate::trust::{Capability, DeviceKey, Grant, Member};

    fn roster(workspace: crate::WorkspaceId, version: u64, approve: bool) -> Roster {
        let grants = if approve {
            vec![Grant {
                capability: Capability::ApproveDisposals,
                from_ms: 0,
                until_ms: None,
                max_amount_krw: None,
                categories: Vec::new(),
            }]
        } else {
            Vec::new()
        };
        Roster {
            workspace,
            version,
            issued_at_ms: 1_000,
            members: vec![Member {
                user_id: "01JD5Z0000000000000000000K".into(),
                name: "김민준".into(),
                role: "editor".into(),
                grants,
                keys: Vec::new(),
                claimed_identities: Vec::new(),
            }],
        }
    }

    #[test]
    fn a_device_keeps_the_newest_roster_its_pinned_key_signed_and_trusts_nothing_else(
    ) -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(StoreError::Folder)?;
        let store = Store::open(dir.path())?;
        let meta = store.create_workspace("A", 0)?;
        let workspace = store.workspace(&meta.id)?;
        let server = DeviceKey::generate();
        let remote = crate::WorkspaceId(ulid::Ulid(77));
        let mut binding = SyncBinding {
            server: "http://127.0.0.1:1".into(),
            remote_workspace: remote,
            user: "kim".into(),
            client_id: "c1".into(),
            user_id: String::new(),
            display_name: String::new(),
            server_key: String::new(),
        };
        workspace.bind_sync(&binding)?;
        assert_eq!(workspace.roster()?, RosterState::None);
        let v2 = roster(remote, 2, false).sign(&server);
        assert_eq!(workspace.keep_roster(&v2)?, RosterKept::NoPinnedKey);

        binding.server_key = server.public().into();
        workspace.bind_sync(&binding)?;
        assert_eq!(workspace.keep_roster(&v2)?, RosterKept::Kept { version: 2 });
        assert_eq!(
            workspace.roster()?,
            RosterState::Verified(roster(remote, 2, false))
        );
        // The same roster signed again later: kept as it was, nothing written.
        let mut again = roster(remote, 2, false);
        again.issued_at_ms += 60_000;
        assert_eq!(
            workspace.keep_roster(&again.sign(&server))?,
            RosterKept::Kept { version: 2 }
        );
        assert_eq!(workspace.kept_roster()?, Some(v2.clone()));
        // Older: not kept. Signed by another key, or for another workspace: not kept.
        let v1 = roster(remote, 1, true).sign(&server);
        assert_eq!(
            workspace.keep_roster(&v1)?,
            RosterKept::Older {
                kept: 2,
                offered: 1
            }
        );
        let forged = roster(remote, 9, true).sign(&DeviceKey::generate());
        assert_eq!(workspace.keep_roster(&forged)?, RosterKept::NotVerified);
        let elsewhere = roster(meta.id, 9, true).sign(&server);
        assert_eq!(workspace.keep_roster(&elsewhere)?, RosterKept::NotVerified);
        assert_eq!(
            workspace.roster()?,
            RosterState::Verified(roster(remote, 2, false))
        );

        // Changed where it is kept: tampered, never trusted; a verified one replaces it even
        // when its version is lower than what the changed one claims.
        let mut changed = v2.clone();
        changed.roster.members[0].grants = roster(remote, 2, true).members[0].grants.clone();
        changed.roster.version = 50;
        workspace.put_roster_unchecked(&changed)?;
        assert_eq!(workspace.roster()?, RosterState::Tampered);
        let v3 = roster(remote, 3, true).sign(&server);
        assert_eq!(workspace.keep_roster(&v3)?, RosterKept::Kept { version: 3 });
        assert_eq!(
            workspace.roster()?,
            RosterState::Verified(roster(remote, 3, true))
        );

        // Bound to another server workspace, the roster kept for the old one goes.
        binding.remote_workspace = crate::WorkspaceId(ulid::Ulid(78));
        workspace.bind_sync(&binding)?;
        assert_eq!(workspace.roster()?, RosterState::None);
        Ok(())
    }

    #[test]
    fn the_role_in_the_trusted_roster_decides_what_this_device_may_change() -> Result<(), StoreError>
    {
        let dir = tempfile::tempdir().map_err(StoreError::Folder)?;
        let store = Store::open(dir.path())?;
        let meta = store.create_workspace("A", 0)?;
        let workspace = store.workspace(&meta.id)?;
        // Not bound to a team: nothing restricted.
        assert_eq!(workspace.edit_access()?, EditAccess::Everything);
        let server = DeviceKey::generate();
        let remote = crate::WorkspaceId(ulid::Ulid(77));
        let user_id = "01JD5Z0000000000000000000K";
        workspace.bind_sync(&SyncBinding {
            server: "http://127.0.0.1:1".into(),
            remote_workspace: remote,
            user: "kim".into(),
            client_id: "c1".into(),
            user_id: user_id.into(),
            display_name: "김민준".into(),
            server_key: server.public().into(),
        })?;
        // Bound, no roster yet: as before rosters, nothing restricted.
        assert_eq!(workspace.edit_access()?, EditAccess::Everything);
        let mut viewer = roster(remote, 2, false);
        viewer.members[0].role = "viewer".into();
        workspace.keep_roster(&viewer.clone().sign(&server))?;
        assert_eq!(workspace.edit_access()?, EditAccess::ReadOnly);
        let mut auditor = roster(remote, 3, false);
        auditor.members[0].role = "auditor".into();
        workspace.keep_roster(&auditor.sign(&server))?;
        assert_eq!(workspace.edit_access()?, EditAccess::AuditsOnly);
        // A roster changed where it is kept is trusted for nothing, restrictions included.
        let mut changed = viewer.sign(&server);
        changed.roster.version = 9;
        workspace.put_roster_unchecked(&changed)?;
        assert_eq!(workspace.edit_access()?, EditAccess::Everything);
        Ok(())
    }
}
