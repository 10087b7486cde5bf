//! Capabilities granted to a member of a workspace, over time.
//!
//! A grant holds from the time it was given until it was taken back (`until_ms`), and is
//! never deleted: a decision is judged by what its member held when they made it. Granting a
//! capability the member holds already (with other limits, say) ends the grant in force and
//! starts a new one. Only `approve_purchases` carries limits: an amount in won, categories.

use serde::{Deserialize, Serialize};

use cloudwright_core::store::kv::Batch;
use cloudwright_core::trust::{Capability, Grant};
use cloudwright_core::WorkspaceId;
use rand::RngCore;

use super::{decode, encode, not_a_member, Auth, AuthError};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantRecord {
    /// A ULID: grants sort by when they were given.
    pub id: String,
    pub capability: Capability,
    pub from_ms: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amount_krw: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Who granted it: a login name, or `server admin` for the admin command.
    pub granted_by: String,
}

impl GrantRecord {
    /// As the roster carries it.
    pub fn grant(&self) -> Grant {
        Grant {
            capability: self.capability,
            from_ms: self.from_ms,
            until_ms: self.until_ms,
            max_amount_krw: self.max_amount_krw,
            categories: self.categories.clone(),
        }
    }

    fn in_force_at(&self, at_ms: i64) -> bool {
        self.grant().covers(at_ms)
    }
}

/// The limits of a purchase approval.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    pub max_amount_krw: Option<u64>,
    pub categories: Vec<String>,
}

impl Limits {
    fn check(&self, capability: Capability) -> Result<Limits, AuthError> {
        let categories: Vec<String> = self
            .categories
            .iter()
            .map(|category| category.trim().to_owned())
            .collect();
        if categories
            .iter()
            .any(|c| c.is_empty() || c.chars().count() > 64 || c.chars().any(char::is_control))
        {
            return Err(AuthError::BadCategory);
        }
        let limited = self.max_amount_krw.is_some() || !categories.is_empty();
        if limited && capability != Capability::ApprovePurchases {
            return Err(AuthError::LimitsOnlyForPurchases(capability.code()));
        }
        Ok(Limits {
            max_amount_krw: self.max_amount_krw,
            categories,
        })
    }
}

fn grant_prefix(user: &str, workspace: &WorkspaceId) -> String {
    format!("g/{user}/{workspace}/")
}

impl Auth {
    /// Grants `capability` to the member `user` of `workspace` from `now_ms`, ending the grant
    /// of it in force, if any; the roster grows in the same batch.
    #[allow(clippy::too_many_arguments)] // the grant, in the admin's words
    pub fn grant(
        &self,
        user: &str,
        workspace: &WorkspaceId,
        capability: Capability,
        limits: &Limits,
        granted_by: &str,
        now_ms: i64,
        rng: &mut impl RngCore,
    ) -> Result<GrantRecord, AuthError> {
        let limits = limits.check(capability)?;
        let _rosters = self.lock_rosters();
        self.require_member(user, workspace)?;
        let mut batch = Batch::default();
        self.end_grants(&mut batch, user, workspace, capability, now_ms)?;
        let random = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
        let record = GrantRecord {
            id: ulid::Ulid::from_parts(now_ms.max(0) as u64, random).to_string(),
            capability,
            from_ms: now_ms,
            until_ms: None,
            max_amount_krw: limits.max_amount_krw,
            categories: limits.categories,
            granted_by: granted_by.to_owned(),
        };
        batch.put(
            format!("{}{}", grant_prefix(user, workspace), record.id),
            encode(&record),
        );
        self.grow_roster_versions(&mut batch, &[*workspace], now_ms)?;
        self.write(batch)?;
        Ok(record)
    }

    /// Ends at `now_ms` the grant of `capability` in force for `user` in `workspace`; an
    /// error when there is none.
    pub fn ungrant(
        &self,
        user: &str,
        workspace: &WorkspaceId,
        capability: Capability,
        now_ms: i64,
    ) -> Result<(), AuthError> {
        let _rosters = self.lock_rosters();
        self.require_member(user, workspace)?;
        let mut batch = Batch::default();
        if self.end_grants(&mut batch, user, workspace, capability, now_ms)? == 0 {
            return Err(AuthError::NotGranted {
                user: user.to_owned(),
                capability: capability.code(),
            });
        }
        self.grow_roster_versions(&mut batch, &[*workspace], now_ms)?;
        self.write(batch)
    }

    /// Every grant `user` was ever given in `workspace`, oldest first.
    pub fn grants(
        &self,
        user: &str,
        workspace: &WorkspaceId,
    ) -> Result<Vec<GrantRecord>, AuthError> {
        self.tree
            .scan_prefix(grant_prefix(user, workspace).as_bytes())?
            .iter()
            .map(|(key, value)| decode(&String::from_utf8_lossy(key), value))
            .collect()
    }

    /// Whether `user` holds `capability` in `workspace` at `at_ms`.
    pub fn holds(
        &self,
        user: &str,
        workspace: &WorkspaceId,
        capability: Capability,
        at_ms: i64,
    ) -> Result<bool, AuthError> {
        Ok(self
            .grants(user, workspace)?
            .iter()
            .any(|grant| grant.capability == capability && grant.in_force_at(at_ms)))
    }

    /// Adds to `batch` the end of every grant of `capability` still open; how many.
    fn end_grants(
        &self,
        batch: &mut Batch,
        user: &str,
        workspace: &WorkspaceId,
        capability: Capability,
        now_ms: i64,
    ) -> Result<usize, AuthError> {
        let mut ended = 0;
        for mut grant in self.grants(user, workspace)? {
            if grant.capability == capability && grant.until_ms.is_none() {
                grant.until_ms = Some(now_ms.max(grant.from_ms));
                batch.put(
                    format!("{}{}", grant_prefix(user, workspace), grant.id),
                    encode(&grant),
                );
                ended += 1;
            }
        }
        Ok(ended)
    }

    /// Ends every grant of `user` in `workspace` still in force (a member removed).
    pub(crate) fn end_all_grants(
        &self,
        batch: &mut Batch,
        user: &str,
        workspace: &WorkspaceId,
        now_ms: i64,
    ) -> Result<(), AuthError> {
        for mut grant in self.grants(user, workspace)? {
            if grant.until_ms.is_none() {
                grant.until_ms = Some(now_ms.max(grant.from_ms));
                batch.put(
                    format!("{}{}", grant_prefix(user, workspace), grant.id),
                    encode(&grant),
                );
            }
        }
        Ok(())
    }

    fn require_member(&self, user: &str, workspace: &WorkspaceId) -> Result<(), AuthError> {
        self.require_user(user)?;
        match self.role(user, workspace)? {
            Some(_) => Ok(()),
            None => Err(not_a_member(user, workspace)),
        }
    }
}
