//! Every account record at once: what a server backup keeps (`accounts.json`) and a restore
//! writes back. Sessions are kept with the rest: a restored server must let the devices that
//! were signed in go on syncing without anyone signing in again, because that sync is what
//! puts back the changes the backup lacks. A token is kept as the SHA-256 the server stores,
//! never as the token itself; tokens already expired are left out. Device keys, capability
//! grants, claimed local identities and roster versions come back too: a restored server
//! signs the same rosters (with versions above the backup's, see `auth/roster.rs`).

use serde::{Deserialize, Serialize};

use cloudwright_core::store::kv::Batch;
use cloudwright_core::WorkspaceId;

use super::{
    damaged, derived_user_id, encode, kept_user_name, membership_key, Auth, AuthError, ClaimRecord,
    GrantRecord, KeyRecord, Role, TokenRecord, UserRecord,
};

/// `accounts.json`'s `format`.
pub const ACCOUNTS_FORMAT: &str = "cloudwright-sync-accounts";
/// `accounts.json`'s `version`: 2, the layout of [`Accounts`] (1 had users, memberships and
/// tokens only: the rest reads as empty).
pub const ACCOUNTS_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accounts {
    pub format: String,
    pub version: u32,
    pub users: Vec<UserRecord>,
    pub memberships: Vec<Membership>,
    pub tokens: Vec<StoredToken>,
    #[serde(default)]
    pub keys: Vec<StoredKey>,
    #[serde(default)]
    pub grants: Vec<StoredGrant>,
    #[serde(default)]
    pub claims: Vec<StoredClaim>,
    #[serde(default)]
    pub roster_versions: Vec<RosterVersion>,
}

/// A device key registered to `user`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredKey {
    pub user: String,
    pub record: KeyRecord,
}

/// A grant to `user` in `workspace`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredGrant {
    pub user: String,
    pub workspace: WorkspaceId,
    pub record: GrantRecord,
}

/// Who claimed `local_identity`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredClaim {
    pub local_identity: String,
    pub record: ClaimRecord,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterVersion {
    pub workspace: WorkspaceId,
    pub version: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub user: String,
    pub workspace: WorkspaceId,
    pub role: Role,
}

/// A token as stored: the SHA-256 of its secret (lower-case hex) and its record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredToken {
    pub sha256: String,
    pub record: TokenRecord,
}

/// What [`Auth::import_accounts`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportedAccounts {
    pub users: usize,
    pub memberships: usize,
    pub tokens: usize,
    pub keys: usize,
    pub grants: usize,
    /// Memberships of workspaces the data directory does not have, left out.
    pub memberships_left_out: usize,
}

fn valid_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Auth {
    /// Every user, membership and live token (expired ones at `now_ms` are left out).
    pub fn export_accounts(&self, now_ms: i64) -> Result<Accounts, AuthError> {
        let users = self.users()?;
        let mut memberships = Vec::new();
        for user in &users {
            for (workspace, role) in self.memberships(&user.name)? {
                memberships.push(Membership {
                    user: user.name.clone(),
                    workspace,
                    role,
                });
            }
        }
        let tokens = self
            .token_records()?
            .into_iter()
            .filter(|(_, record)| record.expires_at_ms.is_none_or(|expires| now_ms < expires))
            .map(|(key, record)| StoredToken {
                sha256: String::from_utf8_lossy(&key[2..]).into_owned(),
                record,
            })
            .collect();
        let mut keys = Vec::new();
        let mut grants = Vec::new();
        for user in &users {
            for record in self.keys(&user.name)? {
                keys.push(StoredKey {
                    user: user.name.clone(),
                    record,
                });
            }
            for membership in memberships.iter().filter(|m| m.user == user.name) {
                for record in self.grants(&user.name, &membership.workspace)? {
                    grants.push(StoredGrant {
                        user: user.name.clone(),
                        workspace: membership.workspace,
                        record,
                    });
                }
            }
        }
        let claims = self
            .claims()?
            .into_iter()
            .map(|(local_identity, record)| StoredClaim {
                local_identity,
                record,
            })
            .collect();
        let roster_versions = self
            .roster_versions()?
            .into_iter()
            .map(|(workspace, version)| RosterVersion { workspace, version })
            .collect();
        Ok(Accounts {
            format: ACCOUNTS_FORMAT.into(),
            version: ACCOUNTS_VERSION,
            users,
            memberships,
            tokens,
            keys,
            grants,
            claims,
            roster_versions,
        })
    }

    /// Writes `accounts` in one durable batch. Memberships (and grants) of workspaces
    /// `workspace_known` does not know are left out (a workspace created while the backup ran
    /// is not in it). Every record is checked first; a bad one refuses the whole import.
    /// Roster versions come back grown past `now_ms`, above any the server signed before.
    pub fn import_accounts(
        &self,
        accounts: &Accounts,
        workspace_known: &dyn Fn(&WorkspaceId) -> bool,
        now_ms: i64,
    ) -> Result<ImportedAccounts, AuthError> {
        if accounts.format != ACCOUNTS_FORMAT || accounts.version > ACCOUNTS_VERSION {
            return Err(damaged(
                "accounts",
                format!(
                    "not '{ACCOUNTS_FORMAT}' up to version {ACCOUNTS_VERSION} (found '{}' version {})",
                    accounts.format, accounts.version
                ),
            ));
        }
        let mut batch = Batch::default();
        let mut imported = ImportedAccounts::default();
        for user in &accounts.users {
            // By the rule of when the backup was taken: an account made before names were
            // normalised comes back as it was, and is found as any other (`find_user`).
            if !kept_user_name(&user.name) {
                return Err(damaged(
                    "accounts",
                    format!(
                        "'{}' is not a user name",
                        cloudwright_core::names::shown(&user.name)
                    ),
                ));
            }
            let mut user = user.clone();
            if user.id.is_empty() {
                // A backup taken before accounts had ids: the id the live server gave.
                user.id = derived_user_id(&user.name, user.created_at_ms);
            }
            batch.put(format!("u/{}", user.name), encode(&user));
            imported.users += 1;
        }
        let known_user = |name: &str| accounts.users.iter().any(|user| user.name == name);
        for membership in &accounts.memberships {
            if !known_user(&membership.user) {
                return Err(damaged(
                    "accounts",
                    format!("a membership names no user: {}", membership.user),
                ));
            }
            if !workspace_known(&membership.workspace) {
                imported.memberships_left_out += 1;
                continue;
            }
            batch.put(
                membership_key(&membership.user, &membership.workspace),
                membership.role.as_str(),
            );
            imported.memberships += 1;
        }
        for token in &accounts.tokens {
            if !valid_sha256(&token.sha256) || !known_user(&token.record.user) {
                return Err(damaged(
                    "accounts",
                    format!("token {} is not a stored token of a user", token.record.id),
                ));
            }
            batch.put(format!("t/{}", token.sha256), encode(&token.record));
            imported.tokens += 1;
        }
        let refuse = |what: String| Err(damaged("accounts", what));
        for key in &accounts.keys {
            if !known_user(&key.user) {
                return refuse(format!("key {} names no user", key.record.id()));
            }
            batch.put(
                format!("k/{}/{}", key.user, key.record.id()),
                encode(&key.record),
            );
            imported.keys += 1;
        }
        for grant in &accounts.grants {
            if !known_user(&grant.user) || grant.record.id.contains('/') {
                return refuse(format!(
                    "grant {} is not a grant of a user",
                    grant.record.id
                ));
            }
            if workspace_known(&grant.workspace) {
                batch.put(
                    format!("g/{}/{}/{}", grant.user, grant.workspace, grant.record.id),
                    encode(&grant.record),
                );
                imported.grants += 1;
            }
        }
        for claim in &accounts.claims {
            if claim.local_identity.parse::<ulid::Ulid>().is_err() {
                return refuse(format!(
                    "claim of '{}' is not of a local identity",
                    claim.local_identity
                ));
            }
            batch.put(format!("l/{}", claim.local_identity), encode(&claim.record));
        }
        let versions: Vec<(WorkspaceId, u64)> = accounts
            .roster_versions
            .iter()
            .filter(|version| workspace_known(&version.workspace))
            .map(|version| (version.workspace, version.version))
            .collect();
        Auth::restart_roster_versions(&mut batch, &versions, now_ms);
        self.write(batch)?;
        Ok(imported)
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;
    use crate::auth::TokenKind;
    use cloudwright_core::store::Store;

    #[test]
    fn accounts_leave_and_come_back_with_live_tokens_only() -> anyhow::Result<()> {
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let auth = Auth::open(&store)?;
        let kept = store.create_workspace("A", 1)?.id;
        let gone = store.create_workspace("B", 1)?.id;
        auth.add_member("kim", "password-1", None, &kept, Role::Editor, 10, &mut rng)?;
        auth.add_member("kim", "password-1", None, &gone, Role::Viewer, 10, &mut rng)?;
        auth.add_member("lee", "password-2", None, &kept, Role::Admin, 10, &mut rng)?;
        let session =
            auth.issue_token("kim", TokenKind::Session, None, 20, Some(1_000), &mut rng)?;
        let api = auth.issue_token("lee", TokenKind::Api, Some("ci".into()), 20, None, &mut rng)?;
        let expired = auth.issue_token("lee", TokenKind::Session, None, 20, Some(50), &mut rng)?;
        let accounts = auth.export_accounts(100)?;
        assert_eq!(accounts.users.len(), 2);
        assert_eq!(accounts.memberships.len(), 3);
        assert_eq!(accounts.tokens.len(), 2, "the expired session is left out");
        let json = serde_json::to_string(&accounts)?;
        assert!(!json.contains(&session.secret) && !json.contains(&api.secret));

        let other = tempfile::tempdir()?;
        let store = Store::open(other.path())?;
        let restored = Auth::open(&store)?;
        let imported =
            restored.import_accounts(&serde_json::from_str(&json)?, &|id| *id == kept, 200)?;
        assert_eq!(
            imported,
            ImportedAccounts {
                users: 2,
                memberships: 2,
                tokens: 2,
                keys: 0,
                grants: 0,
                memberships_left_out: 1
            }
        );
        assert!(restored.check_login("kim", "password-1")?.is_some());
        for name in ["kim", "lee"] {
            let id = |auth: &Auth| auth.user(name).map(|user| user.map(|user| user.id));
            assert_eq!(id(&restored)?, id(&auth)?, "{name} keeps its id");
        }
        assert_eq!(restored.role("lee", &kept)?, Some(Role::Admin));
        assert_eq!(restored.role("kim", &gone)?, None);
        assert_eq!(restored.authenticate(&session.secret, 100)?.user, "kim");
        assert_eq!(restored.authenticate(&api.secret, 100)?.user, "lee");
        assert!(restored.authenticate(&expired.secret, 100).is_err());

        let mut bad = accounts.clone();
        bad.tokens[0].sha256 = "../x".into();
        assert!(restored.import_accounts(&bad, &|_| true, 200).is_err());
        Ok(())
    }
}
