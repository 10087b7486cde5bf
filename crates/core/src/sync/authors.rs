//! How a device knows who made a change: what the history shows as verified.
//!
//! The team server takes a change naming an account only from that account, and one naming a
//! device's local identity only from the account that claimed it (see [`super::hub::Pusher`]).
//! So a change this device holds is verified once the server has it: every change of a
//! document with nothing left to push, and, in a document with changes to push, those the
//! server is known to share. A change made before any login is shown as its claimer's once
//! the signed roster says who claimed the local identity it names. Everything else — a change
//! not on the server yet, one naming nobody (written before accounts, or by a migration), a
//! local identity nobody claimed — is shown as unverified, with the name it carries.

use std::collections::{HashMap, HashSet};

use automerge::{AutoCommit, ChangeHash};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::client::key;
use super::roster::RosterState;
use crate::stamp::{ChangeMessage, Identity};
use crate::store::{StoreError, Workspace};

/// How a change's author is known here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AuthorCheck {
    /// The server took the change from this account; `name` is how the roster shows it
    /// (empty when this device keeps no roster naming it).
    Verified { user_id: String, name: String },
    /// Made on this device and not on the server yet: it is checked when it is pushed.
    NotSynced,
    /// Names no account the server vouched for.
    Unverified,
}

/// Judges the changes of one document (see [`Workspace::change_authors`]).
pub struct ChangeAuthors {
    /// Changes the server may not have; `None` when it has them all.
    pending: Option<HashSet<ChangeHash>>,
    /// Local identities and the accounts that claimed them (from the roster).
    claims: HashMap<String, String>,
    /// Account ids and how the roster shows them.
    names: HashMap<String, String>,
}

impl ChangeAuthors {
    pub fn judge(&self, hash: &ChangeHash, message: &ChangeMessage) -> AuthorCheck {
        if self
            .pending
            .as_ref()
            .is_some_and(|pending| pending.contains(hash))
        {
            return AuthorCheck::NotSynced;
        }
        let user_id = match message.identity() {
            Identity::Account(user_id) => user_id,
            Identity::Local(local) => match self.claims.get(&local) {
                Some(user_id) => user_id.clone(),
                None => return AuthorCheck::Unverified,
            },
            Identity::Unnamed => return AuthorCheck::Unverified,
        };
        AuthorCheck::Verified {
            name: self.names.get(&user_id).cloned().unwrap_or_default(),
            user_id,
        }
    }
}

impl Workspace {
    /// Whether this device keeps its team's roster (trusted or not): decisions made here are
    /// then signed, and an unsigned one is refused.
    pub fn keeps_roster(&self) -> bool {
        !matches!(self.roster(), Ok(RosterState::None))
    }

    /// What this device can say of the authors of `doc`'s changes, by the roster it keeps.
    pub fn change_authors(
        &self,
        doc_id: &str,
        doc: &mut AutoCommit,
    ) -> Result<ChangeAuthors, StoreError> {
        let (mut claims, mut names) = (HashMap::new(), HashMap::new());
        if let RosterState::Verified(roster) = self.roster()? {
            for member in roster.members {
                for local in member.claimed_identities {
                    claims.insert(local, member.user_id.clone());
                }
                names.insert(member.user_id, member.name);
            }
        }
        let dirty = self.tree.get(&key("y/dirty/", doc_id))?.is_some();
        let pending = match (dirty, self.synced_heads(doc_id)?) {
            (false, _) => None,
            (true, Some(shared)) => {
                let shared: Vec<ChangeHash> = shared.into_iter().map(ChangeHash).collect();
                Some(
                    doc.get_changes_meta(&shared)
                        .into_iter()
                        .map(|change| change.hash)
                        .collect(),
                )
            }
            // No record of what the server shares (a document received or sent whole, then
            // edited here, or never sent): what names this device's account, or nobody the
            // server vouched for, may be what waits to be pushed.
            (true, None) => {
                let own = self.sync_binding()?.map(|binding| binding.user_id);
                Some(
                    doc.get_changes_meta(&[])
                        .into_iter()
                        .filter(|change| {
                            match ChangeMessage::decode(change.message.as_deref()).identity() {
                                Identity::Account(account) => Some(&account) == own.as_ref(),
                                Identity::Local(_) | Identity::Unnamed => true,
                            }
                        })
                        .map(|change| change.hash)
                        .collect(),
                )
            }
        };
        Ok(ChangeAuthors {
            pending,
            claims,
            names,
        })
    }
}
