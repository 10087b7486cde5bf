//! Users, workspace memberships and bearer tokens, kept in the store's `aux/auth` tree.
//!
//! ```text
//! u/{user}                 UserRecord (JSON): stable id (ULID), name, display name,
//!                          argon2id PHC hash, created_at_ms
//! m/{user}/{workspace id}  role (admin | editor | auditor | viewer)
//! t/{sha256 hex of token}  TokenRecord (JSON): id, user, user_id, kind, label, created_at_ms,
//!                          expires_at_ms
//! k/{user}/{key id}        KeyRecord (JSON): a device's public key registered at login, its
//!                          device name, added_at_ms, revoked_at_ms (see `auth/keys.rs`)
//! l/{local identity}       ClaimRecord (JSON): the account that first claimed a device's
//!                          local identity (changes made before any login), and when
//! g/{user}/{workspace id}/{grant id}
//!                          GrantRecord (JSON): a capability from a time until a time, with
//!                          limits (see `auth/grants.rs`)
//! r/{workspace id}         the workspace's roster version (decimal; see `auth/roster.rs`)
//! ```
//! `{user}` is the login name (unique and never changed); what leaves the server (rosters,
//! changes) names the account's stable id. Every write is flushed before the call returns.
//! Nothing here reads the clock or a random source: callers pass `now_ms` and an RNG.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};

use cloudwright_core::names::{self, NameKind, NameProblem};
use cloudwright_core::store::kv::{Batch, Tree};
use cloudwright_core::store::{Store, StoreError};
use cloudwright_core::WorkspaceId;
use rand::RngCore;
use serde::{Deserialize, Serialize};

use crate::secrets;

pub const MIN_PASSWORD_CHARS: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// A user or display name the rules of `cloudwright_core::names` refuse.
    #[error(transparent)]
    InvalidName(#[from] NameProblem),
    /// Several accounts made before names were normalised are named the same in NFC.
    #[error("{} users are named '{}' (written differently in Unicode): type the name exactly as it was given", .ids.len(), names::shown(.name))]
    AmbiguousUser { name: String, ids: Vec<String> },
    #[error("a password must be at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("no user is named '{}'", names::shown(.0))]
    UnknownUser(String),
    #[error("user '{0}' already exists with a different password (use `admin user password` to change it)")]
    PasswordMismatch(String),
    #[error("user '{user}' is not a member of workspace {workspace}")]
    NotAMember { user: String, workspace: String },
    #[error("no token has the id '{0}'")]
    UnknownToken(String),
    #[error("no device key has the id '{0}'")]
    UnknownKey(String),
    #[error("{user} does not hold {capability} now: there is nothing to take back")]
    NotGranted {
        user: String,
        capability: &'static str,
    },
    #[error("only approve_purchases takes limits (an amount, categories), not {0}")]
    LimitsOnlyForPurchases(&'static str),
    #[error("a category must be 1 to 64 characters, without control characters")]
    BadCategory,
    #[error("'{0}' is not a role (admin, editor, auditor or viewer)")]
    UnknownRole(String),
    #[error("an auth record is damaged ({key}): {reason}")]
    Damaged { key: String, reason: String },
    #[error(transparent)]
    Hash(#[from] secrets::HashError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a member may do in a workspace. Everyone but a viewer may push changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Editor,
    Auditor,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Auditor => "auditor",
            Role::Viewer => "viewer",
        }
    }

    pub fn can_push(self) -> bool {
        !matches!(self, Role::Viewer)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = AuthError;
    fn from_str(text: &str) -> Result<Role, AuthError> {
        match text.trim() {
            "admin" => Ok(Role::Admin),
            "editor" => Ok(Role::Editor),
            "auditor" => Ok(Role::Auditor),
            "viewer" => Ok(Role::Viewer),
            other => Err(AuthError::UnknownRole(other.to_owned())),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    /// The account's stable id (a ULID): what changes, rosters and decisions name. Records
    /// written before ids existed have none on disk; [`Auth::open`] gives them one.
    #[serde(default)]
    pub id: String,
    /// The login name (unique, never changes).
    pub name: String,
    /// How the account is shown; the login name when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub password_hash: String,
    pub created_at_ms: i64,
}

impl UserRecord {
    /// The name people see: the display name, or the login name when there is none.
    pub fn shown_name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.name)
    }
}

/// The id an account created before ids existed gets: a ULID from its creation time and the
/// SHA-256 of its login name. Derived rather than random, so that the live server and a
/// restore of a backup taken before the upgrade give the same account the same id.
pub fn derived_user_id(name: &str, created_at_ms: i64) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(format!("cloudwright user {name}").as_bytes());
    let mut random = [0u8; 16];
    random.copy_from_slice(&digest[..16]);
    ulid::Ulid::from_parts(created_at_ms.max(0) as u64, u128::from_be_bytes(random)).to_string()
}

fn new_user_id(now_ms: i64, rng: &mut impl RngCore) -> String {
    let random = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
    ulid::Ulid::from_parts(now_ms.max(0) as u64, random).to_string()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Issued by a login; revoked by logout and by a password reset.
    Session,
    /// Issued by `admin token issue` for automation.
    Api,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenRecord {
    pub id: String,
    pub user: String,
    /// The account's stable id. Tokens issued before ids existed have none on disk;
    /// [`Auth::authenticate`] fills it in from the account.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user_id: String,
    pub kind: TokenKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub created_at_ms: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at_ms: Option<i64>,
}

/// A token as handed out: the secret is shown once and never stored.
pub struct IssuedToken {
    pub secret: String,
    pub record: TokenRecord,
}

/// Why a bearer token was not accepted.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Missing, malformed, unknown or revoked: the caller cannot tell which.
    #[error("sign in first: the request has no valid bearer token")]
    Unauthenticated,
    #[error("the session has expired: sign in again")]
    Expired,
}

#[derive(Clone)]
pub struct Auth {
    tree: Arc<dyn Tree>,
    /// Held by every write that changes a roster: roster versions are read, grown and written
    /// under it, so two changes at once never give one version.
    roster_writes: Arc<Mutex<()>>,
    /// Held by every write, so that what is held in memory (`held`) is written once.
    writes: Arc<Mutex<()>>,
    /// Session changes a full disk had no room for (see `auth/held.rs`).
    held: Arc<Mutex<held::HeldSessions>>,
}

impl Auth {
    /// Opens the records, giving every account written before ids existed its id (durably,
    /// once: see [`derived_user_id`]).
    pub fn open(store: &Store) -> Result<Auth, AuthError> {
        let auth = Auth {
            tree: store.aux_tree("auth")?,
            roster_writes: Arc::new(Mutex::new(())),
            writes: Arc::new(Mutex::new(())),
            held: Arc::new(Mutex::new(held::HeldSessions::default())),
        };
        auth.assign_missing_ids()?;
        Ok(auth)
    }

    fn assign_missing_ids(&self) -> Result<(), AuthError> {
        let mut batch = Batch::default();
        let mut assigned = 0;
        for mut user in self.users()? {
            if user.id.is_empty() {
                user.id = derived_user_id(&user.name, user.created_at_ms);
                batch.put(user_key(&user.name), encode(&user));
                assigned += 1;
            }
        }
        if assigned > 0 {
            self.write(batch)?;
            tracing::info!(assigned, "accounts given their stable ids");
        }
        Ok(())
    }

    pub fn user(&self, name: &str) -> Result<Option<UserRecord>, AuthError> {
        let key = user_key(name);
        self.tree
            .get(key.as_bytes())?
            .map(|bytes| decode(&key, &bytes))
            .transpose()
    }

    pub fn users(&self) -> Result<Vec<UserRecord>, AuthError> {
        self.tree
            .scan_prefix(b"u/")?
            .iter()
            .map(|(key, value)| decode(&String::from_utf8_lossy(key), value))
            .collect()
    }

    /// The account `typed` names, however it was typed: the one whose login name is byte
    /// for byte `typed`, else the one whose name is equal to it in NFC (an account made
    /// before names were normalised, found by the name typed either way). A name the rules
    /// of `cloudwright_core::names` now refuse still finds the account made with it.
    pub fn find_user(&self, typed: &str) -> Result<Option<UserRecord>, AuthError> {
        if typed.is_empty() || typed.contains('/') {
            return Ok(None);
        }
        if let Some(user) = self.user(typed)? {
            return Ok(Some(user));
        }
        let users = self.users()?;
        match names::find_by_name(typed, &users, |user| &user.name) {
            names::Found::One(user) => Ok(Some(user.clone())),
            names::Found::None => Ok(None),
            names::Found::Several(users) => Err(AuthError::AmbiguousUser {
                name: typed.to_owned(),
                ids: users.iter().map(|user| user.id.clone()).collect(),
            }),
        }
    }

    /// The login name `typed` names as it is kept ([`Auth::find_user`]), or `typed` in NFC
    /// when no account has it: what every admin command and route looks an account up by.
    pub fn login_name(&self, typed: &str) -> Result<String, AuthError> {
        Ok(match self.find_user(typed)? {
            Some(user) => user.name,
            None => names::normalised(typed),
        })
    }

    /// Creates `name` with `password` if it does not exist, then makes it a member of
    /// `workspace` with `role`. An existing user (found as [`Auth::find_user`] finds it) keeps
    /// its password, which must match; a display name given replaces the one it had. New
    /// names and display names are kept in NFC, by the rules of `cloudwright_core::names`.
    #[allow(clippy::too_many_arguments)] // the fields of a new account, in the admin's words
    pub fn add_member(
        &self,
        name: &str,
        password: &str,
        display_name: Option<&str>,
        workspace: &WorkspaceId,
        role: Role,
        now_ms: i64,
        rng: &mut impl RngCore,
    ) -> Result<(), AuthError> {
        let _rosters = self.lock_rosters();
        let existing = self.find_user(name)?;
        let name = match &existing {
            Some(user) => user.name.clone(),
            None => check_user_name(name)?,
        };
        let name = name.as_str();
        let display_name = display_name
            .map(|shown| names::check_name(shown, NameKind::Display))
            .transpose()?;
        let display_name = display_name.as_deref();
        let mut batch = Batch::default();
        let mut changed: Vec<WorkspaceId> = vec![*workspace];
        match existing {
            Some(user) if !secrets::verify_password(&user.password_hash, password) => {
                return Err(AuthError::PasswordMismatch(name.to_owned()))
            }
            Some(mut user) => {
                if let Some(display_name) = display_name {
                    user.display_name = Some(display_name.to_owned());
                    batch.put(user_key(name), encode(&user));
                    // The name every roster of theirs shows.
                    changed.extend(self.memberships(name)?.into_iter().map(|(id, _)| id));
                }
            }
            None => {
                check_password(password)?;
                let record = UserRecord {
                    id: new_user_id(now_ms, rng),
                    name: name.to_owned(),
                    display_name: display_name.map(str::to_owned),
                    password_hash: secrets::hash_password(password, rng)?,
                    created_at_ms: now_ms,
                };
                batch.put(user_key(name), encode(&record));
            }
        }
        batch.put(membership_key(name, workspace), role.as_str());
        self.grow_roster_versions(&mut batch, &changed, now_ms)?;
        self.write(batch)
    }

    /// Changes the role of an existing member.
    pub fn set_role(
        &self,
        name: &str,
        workspace: &WorkspaceId,
        role: Role,
        now_ms: i64,
    ) -> Result<(), AuthError> {
        self.require_user(name)?;
        let _rosters = self.lock_rosters();
        if self.role(name, workspace)?.is_none() {
            return Err(not_a_member(name, workspace));
        }
        let mut batch = Batch::default();
        batch.put(membership_key(name, workspace), role.as_str());
        self.grow_roster_versions(&mut batch, &[*workspace], now_ms)?;
        self.write(batch)
    }

    pub fn remove_member(
        &self,
        name: &str,
        workspace: &WorkspaceId,
        now_ms: i64,
    ) -> Result<(), AuthError> {
        self.require_user(name)?;
        let _rosters = self.lock_rosters();
        if self.role(name, workspace)?.is_none() {
            return Err(not_a_member(name, workspace));
        }
        let mut batch = Batch::default();
        batch.delete(membership_key(name, workspace));
        // A former member's capabilities end now; the grants stay, so that the roster keeps
        // them (see `former_members`) and their earlier decisions still check.
        self.end_all_grants(&mut batch, name, workspace, now_ms)?;
        self.grow_roster_versions(&mut batch, &[*workspace], now_ms)?;
        self.write(batch)
    }

    pub fn role(&self, name: &str, workspace: &WorkspaceId) -> Result<Option<Role>, AuthError> {
        let key = membership_key(name, workspace);
        self.tree
            .get(key.as_bytes())?
            .map(|bytes| parse_role(&key, &bytes))
            .transpose()
    }

    /// Every workspace `name` is a member of, with its role, in workspace id order.
    pub fn memberships(&self, name: &str) -> Result<Vec<(WorkspaceId, Role)>, AuthError> {
        let prefix = format!("m/{name}/");
        let mut list = Vec::new();
        for (key, value) in self.tree.scan_prefix(prefix.as_bytes())? {
            let key = String::from_utf8_lossy(&key).into_owned();
            let workspace = key[prefix.len()..]
                .parse::<WorkspaceId>()
                .map_err(|error| damaged(&key, error))?;
            list.push((workspace, parse_role(&key, &value)?));
        }
        Ok(list)
    }

    /// Replaces the password of `name` and revokes its session tokens (API tokens stay).
    pub fn set_password(
        &self,
        name: &str,
        password: &str,
        rng: &mut impl RngCore,
    ) -> Result<usize, AuthError> {
        let mut user = self.require_user(name)?;
        check_password(password)?;
        user.password_hash = secrets::hash_password(password, rng)?;
        let mut batch = Batch::default();
        batch.put(user_key(name), encode(&user));
        let mut revoked = 0;
        for (key, record) in self.token_records()? {
            if record.user == name && record.kind == TokenKind::Session {
                batch.delete(key);
                revoked += 1;
            }
        }
        self.write(batch)?;
        self.forget_held_sessions_of(name);
        Ok(revoked)
    }

    /// The user if `password` is theirs. An unknown user costs as much time as a wrong
    /// password, and both give `None`. The name is found however it was typed
    /// ([`Auth::find_user`]: composed or decomposed Hangul log in to the same account).
    pub fn check_login(&self, name: &str, password: &str) -> Result<Option<UserRecord>, AuthError> {
        let user = match self.find_user(name) {
            Err(AuthError::AmbiguousUser { .. }) => None,
            found => found?,
        };
        let hash = user
            .as_ref()
            .map_or(secrets::decoy_hash(), |user| user.password_hash.as_str());
        let matches = secrets::verify_password(hash, password);
        Ok(user.filter(|_| matches))
    }

    pub fn issue_token(
        &self,
        name: &str,
        kind: TokenKind,
        label: Option<String>,
        now_ms: i64,
        expires_at_ms: Option<i64>,
        rng: &mut impl RngCore,
    ) -> Result<IssuedToken, AuthError> {
        let user = self.require_user(name)?;
        let secret = secrets::new_token(rng);
        let random = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
        let record = TokenRecord {
            id: ulid::Ulid::from_parts(now_ms.max(0) as u64, random).to_string(),
            user: name.to_owned(),
            user_id: user.id,
            kind,
            label,
            created_at_ms: now_ms,
            expires_at_ms,
        };
        let mut batch = Batch::default();
        batch.put(token_key(&secret), encode(&record));
        // Expired tokens only take space: each new one clears its user's.
        for (key, old) in self.token_records()? {
            if old.user == name && old.expires_at_ms.is_some_and(|expires| now_ms >= expires) {
                batch.delete(key);
            }
        }
        match self.write(batch) {
            Ok(()) => {}
            // A login goes on while the disk is full: its session is held in memory until
            // the disk has room (see `auth/held.rs`).
            Err(AuthError::Store(StoreError::DiskFull)) if kind == TokenKind::Session => {
                self.hold_session(token_key(&secret), record.clone());
            }
            Err(error) => return Err(error),
        }
        Ok(IssuedToken { secret, record })
    }

    /// The token's record if `secret` is a live token at `now_ms`, with its account's id.
    pub fn authenticate(&self, secret: &str, now_ms: i64) -> Result<TokenRecord, Rejection> {
        if !secrets::is_well_formed_token(secret) {
            return Err(Rejection::Unauthenticated);
        }
        let key = token_key(secret);
        let held = self.held_session(&key);
        let mut record: TokenRecord = match (held, self.tree.get(key.as_bytes())) {
            // Revoked while the disk was full.
            (Some(None), _) => return Err(Rejection::Unauthenticated),
            (_, Ok(Some(bytes))) => decode(&key, &bytes).map_err(|_| Rejection::Unauthenticated)?,
            // Issued while the disk was full.
            (Some(Some(record)), _) => record,
            (None, Ok(None) | Err(_)) => return Err(Rejection::Unauthenticated),
        };
        if let Some(expires) = record.expires_at_ms {
            if now_ms >= expires {
                return Err(Rejection::Expired);
            }
        }
        if record.user_id.is_empty() {
            // A token issued before accounts had ids: its account tells.
            match self.user(&record.user) {
                Ok(Some(user)) => record.user_id = user.id,
                Ok(None) | Err(_) => return Err(Rejection::Unauthenticated),
            }
        }
        Ok(record)
    }

    /// Revokes the token whose secret is `secret`; false if there was none.
    pub fn revoke_secret(&self, secret: &str) -> Result<bool, AuthError> {
        let key = token_key(secret);
        let _writing = self.lock_writes();
        if let Some(found) = self.revoke_held(&key) {
            return Ok(found);
        }
        if self.tree.get(key.as_bytes())?.is_none() {
            return Ok(false);
        }
        let mut batch = Batch::default();
        batch.delete(key.clone());
        match self.write_locked(batch) {
            Ok(()) => Ok(true),
            // A logout goes on while the disk is full (see `auth/held.rs`).
            Err(AuthError::Store(StoreError::DiskFull)) => {
                self.hold_revocation(key);
                Ok(true)
            }
            Err(error) => Err(error),
        }
    }

    pub fn revoke_token_id(&self, id: &str) -> Result<TokenRecord, AuthError> {
        let (key, record) = self
            .token_records()?
            .into_iter()
            .find(|(_, record)| record.id == id.trim())
            .ok_or_else(|| AuthError::UnknownToken(id.to_owned()))?;
        let mut batch = Batch::default();
        batch.delete(key);
        self.write(batch)?;
        Ok(record)
    }

    /// The tokens of `name`, oldest first.
    pub fn tokens(&self, name: &str) -> Result<Vec<TokenRecord>, AuthError> {
        self.require_user(name)?;
        let mut list: Vec<TokenRecord> = self
            .token_records()?
            .into_iter()
            .map(|(_, record)| record)
            .filter(|record| record.user == name)
            .collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(list)
    }

    /// Makes everything written to the data directory durable.
    pub fn flush(&self) -> Result<(), AuthError> {
        Ok(self.tree.flush()?)
    }

    fn token_records(&self) -> Result<Vec<(Vec<u8>, TokenRecord)>, AuthError> {
        self.tree
            .scan_prefix(b"t/")?
            .into_iter()
            .map(|(key, value)| {
                let record = decode(&String::from_utf8_lossy(&key), &value)?;
                Ok((key, record))
            })
            .collect()
    }

    /// The account whose login name is `name` as kept (see [`Auth::login_name`]).
    fn require_user(&self, name: &str) -> Result<UserRecord, AuthError> {
        self.user(name)?
            .ok_or_else(|| AuthError::UnknownUser(name.to_owned()))
    }

    /// Taken by every write that changes a roster (see `roster_writes`).
    fn lock_rosters(&self) -> MutexGuard<'_, ()> {
        self.roster_writes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn lock_writes(&self) -> MutexGuard<'_, ()> {
        self.writes.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes `batch` durably, with the session changes held in memory.
    fn write(&self, batch: Batch) -> Result<(), AuthError> {
        let _writing = self.lock_writes();
        self.write_locked(batch)
    }

    /// [`Auth::write`] for a caller that holds the write lock.
    fn write_locked(&self, mut batch: Batch) -> Result<(), AuthError> {
        let taken = self.take_held_into(&mut batch);
        self.tree.apply(batch)?;
        self.tree.flush()?;
        self.written(taken);
        Ok(())
    }
}

/// A new login name, in NFC, by the rules of `cloudwright_core::names`.
fn check_user_name(name: &str) -> Result<String, AuthError> {
    Ok(names::check_name(name, NameKind::User)?)
}

/// Whether `name` could have been a login name at all, by the rule before names were
/// normalised (what a restore of an older backup may bring back): 1 to 64 characters, without
/// '/', spaces at either end or control characters.
fn kept_user_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 64
        && name.trim() == name
        && !name.contains('/')
        && !name.chars().any(char::is_control)
}

fn check_password(password: &str) -> Result<(), AuthError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AuthError::PasswordTooShort);
    }
    Ok(())
}

fn user_key(name: &str) -> String {
    format!("u/{name}")
}

fn membership_key(name: &str, workspace: &WorkspaceId) -> String {
    format!("m/{name}/{workspace}")
}

fn token_key(secret: &str) -> String {
    format!("t/{}", secrets::sha256_hex(secret.as_bytes()))
}

fn not_a_member(name: &str, workspace: &WorkspaceId) -> AuthError {
    AuthError::NotAMember {
        user: name.to_owned(),
        workspace: workspace.to_string(),
    }
}

fn parse_role(key: &str, bytes: &[u8]) -> Result<Role, AuthError> {
    String::from_utf8_lossy(bytes)
        .parse()
        .map_err(|error| damaged(key, error))
}

fn encode<T: Serialize>(record: &T) -> Vec<u8> {
    // Plain structs of strings and numbers always serialise.
    serde_json::to_vec(record).unwrap_or_default()
}

fn decode<T: serde::de::DeserializeOwned>(key: &str, bytes: &[u8]) -> Result<T, AuthError> {
    serde_json::from_slice(bytes).map_err(|error| damaged(key, error))
}

fn damaged(key: &str, reason: impl fmt::Display) -> AuthError {
    AuthError::Damaged {
        key: key.to_owned(),
        reason: reason.to_string(),
    }
}

mod accounts;
mod grants;
mod held;
mod keys;
mod roster;
pub use accounts::{Accounts, ImportedAccounts};
pub use grants::{GrantRecord, Limits};
pub use keys::{ClaimOutcome, ClaimRecord, DeviceLogin, KeyRecord, KeyState};

#[cfg(test)]
mod name_tests;
#[cfg(test)]
mod roster_tests;
#[cfg(test)]
mod tests;
