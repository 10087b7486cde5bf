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
