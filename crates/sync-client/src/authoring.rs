//! Who a change made on this device is by, and who signs the decisions made here: what the
//! CLI and the app both stamp their changes with.
//!
//! Logged in to the team server, a change is the account's (its stable id, shown by the
//! account's display name): the profile and the operating-system user name no longer decide
//! who it is by. Before any login, a change names this data directory's local identity and
//! is shown by the profile's name, unverified until the account that pushes it claims it.

use cloudwright_core::stamp::{Author, Identity, Stamp};
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::sync::RosterState;
use cloudwright_core::trust::{DeviceKey, Roster, Signer};

use crate::session::{device_key, is_logged_in, local_identity, SessionError};

/// The stamp of a change made now in `workspace` (none open: the store's own records), with
/// `profile` the name the user chose (none: the operating-system user's).
pub fn stamp(
    store: &Store,
    workspace: Option<&Workspace>,
    profile: Option<Author>,
    now_ms: i64,
) -> Result<Stamp, SessionError> {
    if let Some(workspace) = workspace {
        if let Some(binding) = workspace.sync_binding()? {
            if !binding.user_id.is_empty() && is_logged_in(store, workspace)? {
                let shown = match binding.display_name.trim() {
                    "" => binding.user.as_str(),
                    name => name,
                };
                return Ok(Stamp::new(Author::from_name(shown), now_ms)
                    .by(Identity::Account(binding.user_id)));
            }
        }
    }
    let author =
        profile.unwrap_or_else(|| Author::from_os_user(std::env::var("USER").ok().as_deref()));
    Ok(Stamp::new(author, now_ms).by(Identity::Local(local_identity(store)?)))
}

/// What a member needs to sign a decision on this device: their account, this device's key,
/// and the roster kept for the workspace (see [`SigningMember::signer`]).
pub struct SigningMember {
    pub user_id: String,
    pub key: DeviceKey,
    pub roster: Option<Roster>,
}

impl SigningMember {
    /// The member logged in to `workspace`'s team, if it is logged in.
    pub fn of(store: &Store, workspace: &Workspace) -> Result<Option<SigningMember>, SessionError> {
        let Some(binding) = workspace.sync_binding()? else {
            return Ok(None);
        };
        if binding.user_id.is_empty() || !is_logged_in(store, workspace)? {
            return Ok(None);
        }
        let roster = match workspace.roster()? {
            RosterState::Verified(roster) => Some(roster),
            RosterState::None | RosterState::Tampered => None,
        };
        Ok(Some(SigningMember {
            user_id: binding.user_id,
            key: device_key(store)?,
            roster,
        }))
    }

    pub fn signer(&self) -> Signer<'_> {
        Signer {
            user_id: &self.user_id,
            key: &self.key,
            roster: self.roster.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::token_key;
    use cloudwright_core::sync::SyncBinding;

    /// A profile renamed to someone else's name, and `USER`, change how a change made before a
    /// login is shown, never who a logged-in change is by.
    #[test]
    fn a_logged_in_change_is_the_accounts_whatever_the_profile_says() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("Alpha", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open");
        let impostor = Author::from_name("이영희");
        store.set_profile(&impostor).expect("profile");

        let before =
            stamp(&store, Some(&workspace), store.profile().expect("read"), 5).expect("stamp");
        assert_eq!(before.author.name, "이영희");
        let local = local_identity(&store).expect("local identity");
        assert_eq!(before.by, Identity::Local(local));

        workspace
            .bind_sync(&SyncBinding {
                server: "http://127.0.0.1:1".into(),
                remote_workspace: meta.id,
                user: "kim".into(),
                client_id: "c-kim".into(),
                user_id: "01KIMACCOUNT".into(),
                display_name: "김민준".into(),
                server_key: String::new(),
            })
            .expect("bind");
        store
            .set_setting(&token_key(&meta.id), "a-session-token")
            .expect("token");
        let after =
            stamp(&store, Some(&workspace), store.profile().expect("read"), 6).expect("stamp");
        assert_eq!(after.author.name, "김민준", "shown by the account's name");
        assert_eq!(after.by, Identity::Account("01KIMACCOUNT".into()));

        // Logged out: the device's own identity again, unverified until claimed.
        store.set_setting(&token_key(&meta.id), "").expect("logout");
        let out =
            stamp(&store, Some(&workspace), store.profile().expect("read"), 7).expect("stamp");
        assert!(matches!(out.by, Identity::Local(_)));
    }
}
