//! Device keys and local-identity claims, registered at login.
//!
//! A device sends its public key at every login; the first time, it is registered to the
//! account (`k/{user}/{key id}`) with the device's name. An admin revokes a key (a lost
//! laptop): `revoked_at_ms` is set, decisions it signed before stay valid, and a login with it
//! is refused (the device then makes a new key). A device also sends its local identity, the
//! id its changes carry before any login: the first account to log in with it claims it
//! (`l/{local identity}`); a later claim by another account is ignored.

use serde::{Deserialize, Serialize};

use cloudwright_core::store::kv::Batch;
use cloudwright_core::trust::{KeyId, PublicKey};
use cloudwright_core::WorkspaceId;

use super::{decode, encode, Auth, AuthError, UserRecord};

/// A device key registered to an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRecord {
    pub public: PublicKey,
    /// The device's name as it told it at login (its host name).
    #[serde(default)]
    pub device_name: String,
    pub added_at_ms: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at_ms: Option<i64>,
}

impl KeyRecord {
    pub fn id(&self) -> KeyId {
        self.public.id()
    }
}

/// Who claimed a local identity, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub user_id: String,
    pub user: String,
    pub claimed_at_ms: i64,
}

/// What a device tells at login, beside the password.
pub struct DeviceLogin<'a> {
    pub public: PublicKey,
    pub device_name: &'a str,
    pub local_identity: Option<&'a str>,
}

/// The device key of a login, as the account's records have it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    /// Registered now.
    Added,
    /// Registered before.
    Known,
    /// Revoked: the login is refused, nothing is recorded.
    Revoked { revoked_at_ms: i64 },
}

/// The local identity of a login.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimOutcome {
    /// The login told none.
    None,
    /// Claimed now by this account.
    Claimed,
    /// This account's already.
    AlreadyTheirs,
    /// Another account claimed it first: it stays theirs (the login goes on).
    ClaimedByAnother { user: String },
}

fn key_key(user: &str, id: &KeyId) -> String {
    format!("k/{user}/{id}")
}

fn claim_key(local_identity: &str) -> String {
    format!("l/{local_identity}")
}

/// At most 64 characters, no control characters, trimmed.
fn clean_device_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_control())
        .take(64)
        .collect::<String>()
        .trim()
        .to_owned()
}

impl Auth {
    /// Registers the device of a login of `user` (its key, and the claim of its local
    /// identity), in one durable batch that also grows the rosters this changes. A revoked
    /// key records nothing.
    pub fn register_device(
        &self,
        user: &UserRecord,
        device: &DeviceLogin<'_>,
        now_ms: i64,
    ) -> Result<(KeyState, ClaimOutcome), AuthError> {
        let _rosters = self.lock_rosters();
        let id = device.public.id();
        let key = key_key(&user.name, &id);
        let existing: Option<KeyRecord> = self
            .tree
            .get(key.as_bytes())?
            .map(|bytes| decode(&key, &bytes))
            .transpose()?;
        let mut batch = Batch::default();
        let key_state = match existing {
            Some(record) => match record.revoked_at_ms {
                Some(revoked_at_ms) => {
                    return Ok((KeyState::Revoked { revoked_at_ms }, ClaimOutcome::None))
                }
                None => KeyState::Known,
            },
            None => {
                let record = KeyRecord {
                    public: device.public,
                    device_name: clean_device_name(device.device_name),
                    added_at_ms: now_ms,
                    revoked_at_ms: None,
                };
                batch.put(key, encode(&record));
                KeyState::Added
            }
        };
        let claim = match device.local_identity {
            None => ClaimOutcome::None,
            Some(local) => match self.claim(local)? {
                Some(claim) if claim.user_id == user.id => ClaimOutcome::AlreadyTheirs,
                Some(claim) => ClaimOutcome::ClaimedByAnother { user: claim.user },
                None => {
                    let record = ClaimRecord {
                        user_id: user.id.clone(),
                        user: user.name.clone(),
                        claimed_at_ms: now_ms,
                    };
                    batch.put(claim_key(local), encode(&record));
                    ClaimOutcome::Claimed
                }
            },
        };
        if key_state == KeyState::Added || claim == ClaimOutcome::Claimed {
            let workspaces: Vec<WorkspaceId> = self
                .memberships(&user.name)?
                .into_iter()
                .map(|(workspace, _)| workspace)
                .collect();
            self.grow_roster_versions(&mut batch, &workspaces, now_ms)?;
            self.write(batch)?;
        }
        Ok((key_state, claim))
    }

    /// The keys registered to `user`, oldest first.
    pub fn keys(&self, user: &str) -> Result<Vec<KeyRecord>, AuthError> {
        let mut keys: Vec<KeyRecord> = self
            .tree
            .scan_prefix(format!("k/{user}/").as_bytes())?
            .iter()
            .map(|(key, value)| decode(&String::from_utf8_lossy(key), value))
            .collect::<Result<_, _>>()?;
        keys.sort_by_key(|key| (key.added_at_ms, key.id()));
        Ok(keys)
    }

    /// Revokes the key `id` of `user` (or, without a user, of every account it is registered
    /// to) at `now_ms`: decisions it signed before stay valid. Returns the accounts whose key
    /// was revoked now, with the record; a key revoked before keeps its time.
    pub fn revoke_key(
        &self,
        user: Option<&str>,
        id: &KeyId,
        now_ms: i64,
    ) -> Result<Vec<(String, KeyRecord)>, AuthError> {
        let _rosters = self.lock_rosters();
        let mut found = Vec::new();
        for (key, value) in self.tree.scan_prefix(b"k/")? {
            let key = String::from_utf8_lossy(&key).into_owned();
            let mut parts = key.splitn(3, '/').skip(1);
            let (Some(owner), Some(key_id)) = (parts.next(), parts.next()) else {
                continue;
            };
            if key_id == id.0 && user.is_none_or(|user| user == owner) {
                found.push((
                    owner.to_owned(),
                    key.clone(),
                    decode::<KeyRecord>(&key, &value)?,
                ));
            }
        }
        if found.is_empty() {
            return Err(AuthError::UnknownKey(id.0.clone()));
        }
        let mut batch = Batch::default();
        let mut workspaces = Vec::new();
        let mut revoked = Vec::new();
        for (owner, key, mut record) in found {
            if record.revoked_at_ms.is_none() {
                record.revoked_at_ms = Some(now_ms);
                batch.put(key, encode(&record));
                workspaces.extend(self.memberships(&owner)?.into_iter().map(|(ws, _)| ws));
            }
            revoked.push((owner, record));
        }
        self.grow_roster_versions(&mut batch, &workspaces, now_ms)?;
        self.write(batch)?;
        Ok(revoked)
    }

    /// Who claimed `local_identity`, if anyone did.
    pub fn claim(&self, local_identity: &str) -> Result<Option<ClaimRecord>, AuthError> {
        let key = claim_key(local_identity);
        self.tree
            .get(key.as_bytes())?
            .map(|bytes| decode(&key, &bytes))
            .transpose()
    }

    /// The account id that claimed `local_identity`: what the sync hub asks of a change made
    /// before a login (`Pusher::claimed_by`).
    pub fn claimed_by(&self, local_identity: &str) -> Result<Option<String>, AuthError> {
        Ok(self.claim(local_identity)?.map(|claim| claim.user_id))
    }

    /// Every claim, by local identity.
    pub fn claims(&self) -> Result<Vec<(String, ClaimRecord)>, AuthError> {
        self.tree
            .scan_prefix(b"l/")?
            .iter()
            .map(|(key, value)| {
                let key = String::from_utf8_lossy(key).into_owned();
                let record = decode(&key, value)?;
                Ok((key[2..].to_owned(), record))
            })
            .collect()
    }
}
