//! Each workspace's roster as the auth records make it: its members, roles, grants, keys and
//! claimed local identities, and its version (`r/{workspace id}`).
//!
//! The version grows with every change of any of those, in the same batch as the change, to
//! `max(previous + 1, now_ms)`: it only ever grows, and since it follows the clock, a server
//! restored from a backup (whose versions are older than what devices keep) starts above
//! every roster it signed before (see [`Auth::restart_roster_versions`]).

use cloudwright_core::store::kv::Batch;
use cloudwright_core::trust::{Member, RegisteredKey, Roster};
use cloudwright_core::WorkspaceId;

use super::{damaged, parse_role, Auth, AuthError, Role};

fn version_key(workspace: &WorkspaceId) -> String {
    format!("r/{workspace}")
}

fn next_version(previous: u64, now_ms: i64) -> u64 {
    (previous + 1).max(now_ms.max(0) as u64)
}

impl Auth {
    /// The workspace's roster version (0 before its first change).
    pub fn roster_version(&self, workspace: &WorkspaceId) -> Result<u64, AuthError> {
        let key = version_key(workspace);
        match self.tree.get(key.as_bytes())? {
            None => Ok(0),
            Some(bytes) => String::from_utf8_lossy(&bytes)
                .parse()
                .map_err(|error| damaged(&key, error)),
        }
    }

    /// Every roster version, by workspace (what a backup keeps).
    pub fn roster_versions(&self) -> Result<Vec<(WorkspaceId, u64)>, AuthError> {
        let mut versions = Vec::new();
        for (key, value) in self.tree.scan_prefix(b"r/")? {
            let key = String::from_utf8_lossy(&key).into_owned();
            let workspace = key[2..].parse().map_err(|error| damaged(&key, error))?;
            let version = String::from_utf8_lossy(&value)
                .parse()
                .map_err(|error| damaged(&key, error))?;
            versions.push((workspace, version));
        }
        Ok(versions)
    }

    /// Adds to `batch` the next version of each roster in `workspaces`. The caller holds
    /// `lock_rosters` from reading what it changes until the batch is written.
    pub(super) fn grow_roster_versions(
        &self,
        batch: &mut Batch,
        workspaces: &[WorkspaceId],
        now_ms: i64,
    ) -> Result<(), AuthError> {
        let mut seen = Vec::with_capacity(workspaces.len());
        for workspace in workspaces {
            if seen.contains(workspace) {
                continue;
            }
            seen.push(*workspace);
            let next = next_version(self.roster_version(workspace)?, now_ms);
            batch.put(version_key(workspace), next.to_string());
        }
        Ok(())
    }

    /// Grows every roster version in `versions` to above `now_ms` (a restore: the devices
    /// may keep rosters newer than the backup's, which the restored server's must outrank).
    pub(super) fn restart_roster_versions(
        batch: &mut Batch,
        versions: &[(WorkspaceId, u64)],
        now_ms: i64,
    ) {
        for (workspace, version) in versions {
            batch.put(
                version_key(workspace),
                next_version(*version, now_ms).to_string(),
            );
        }
    }

    /// The members of `workspace` with their roles, by login name.
    pub fn members(&self, workspace: &WorkspaceId) -> Result<Vec<(String, Role)>, AuthError> {
        let suffix = format!("/{workspace}");
        let mut members = Vec::new();
        for (key, value) in self.tree.scan_prefix(b"m/")? {
            let key = String::from_utf8_lossy(&key).into_owned();
            if let Some(user) = key[2..].strip_suffix(&suffix) {
                members.push((user.to_owned(), parse_role(&key, &value)?));
            }
        }
        Ok(members)
    }

    /// Accounts that were given a capability in `workspace` and are no longer its members:
    /// their grants (ended when they were removed) and keys stay in the roster, so that what
    /// they decided while entitled still checks on every device.
    pub fn former_members(&self, workspace: &WorkspaceId) -> Result<Vec<String>, AuthError> {
        let current: Vec<String> = self
            .members(workspace)?
            .into_iter()
            .map(|(u, _)| u)
            .collect();
        let infix = format!("/{workspace}/");
        let mut former = Vec::new();
        for (key, _) in self.tree.scan_prefix(b"g/")? {
            let key = String::from_utf8_lossy(&key).into_owned();
            if let Some((user, _)) = key[2..].split_once(&infix) {
                if !current.iter().any(|c| c == user) && !former.iter().any(|f| f == user) {
                    former.push(user.to_owned());
                }
            }
        }
        Ok(former)
    }

    /// The workspace's roster now, unsigned: every member (by account id) with their display
    /// name, role, every grant they were given here, every key registered to them and the
    /// local identities they claimed; and every former member who held a capability here,
    /// with the role `former`.
    pub fn roster(&self, workspace: &WorkspaceId, now_ms: i64) -> Result<Roster, AuthError> {
        let claims = self.claims()?;
        let mut members = Vec::new();
        let former = self
            .former_members(workspace)?
            .into_iter()
            .map(|user| (user, None));
        let current = self
            .members(workspace)?
            .into_iter()
            .map(|(user, role)| (user, Some(role)));
        for (name, role) in current.chain(former) {
            let Some(user) = self.user(&name)? else {
                continue;
            };
            let keys = self
                .keys(&name)?
                .into_iter()
                .map(|key| RegisteredKey {
                    public: key.public,
                    added_at_ms: key.added_at_ms,
                    revoked_at_ms: key.revoked_at_ms,
                    device_name: key.device_name,
                })
                .collect();
            let mut claimed_identities: Vec<String> = claims
                .iter()
                .filter(|(_, claim)| claim.user_id == user.id)
                .map(|(local, _)| local.clone())
                .collect();
            claimed_identities.sort();
            members.push(Member {
                name: user.shown_name().to_owned(),
                user_id: user.id,
                role: role.map_or("former", |role| role.as_str()).to_owned(),
                grants: self
                    .grants(&name, workspace)?
                    .iter()
                    .map(|grant| grant.grant())
                    .collect(),
                keys,
                claimed_identities,
            });
        }
        members.sort_by(|a, b| a.user_id.cmp(&b.user_id));
        Ok(Roster {
            workspace: *workspace,
            version: self.roster_version(workspace)?,
            issued_at_ms: now_ms,
            members,
        })
    }
}
