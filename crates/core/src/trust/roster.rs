//! The roster: a workspace's members, what each may decide and when, and their keys. The
//! team server signs it; every device keeps the newest one whose signature checks against
//! the server key it pinned at login, and judges decisions by it offline.

use serde::{Deserialize, Serialize};

use super::keys::{DeviceKey, KeyId, PublicKey};
use crate::ids::WorkspaceId;

/// What a member may decide, beyond what the role lets them edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    ApproveDisposals,
    VerifyWipes,
    ApprovePurchases,
    SignOffDesigns,
    SelectVendors,
    AdministerMembers,
}

impl Capability {
    pub fn code(self) -> &'static str {
        match self {
            Capability::ApproveDisposals => "approve_disposals",
            Capability::VerifyWipes => "verify_wipes",
            Capability::ApprovePurchases => "approve_purchases",
            Capability::SignOffDesigns => "sign_off_designs",
            Capability::SelectVendors => "select_vendors",
            Capability::AdministerMembers => "administer_members",
        }
    }
}

/// A capability held from one time, until another (or still).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub capability: Capability,
    pub from_ms: i64,
    pub until_ms: Option<i64>,
}

impl Grant {
    fn covers(&self, at_ms: i64) -> bool {
        self.from_ms <= at_ms && self.until_ms.is_none_or(|until| at_ms < until)
    }
}

/// A device key registered to a member at login; revoked by an admin (a lost laptop).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredKey {
    pub public: PublicKey,
    pub added_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The account's stable id on the team server.
    pub user_id: String,
    /// How the member is shown.
    pub name: String,
    /// admin, editor, auditor or viewer.
    pub role: String,
    pub grants: Vec<Grant>,
    pub keys: Vec<RegisteredKey>,
}

impl Member {
    /// Whether the member held `capability` at `at_ms`.
    pub fn entitled(&self, capability: Capability, at_ms: i64) -> bool {
        self.grants
            .iter()
            .any(|grant| grant.capability == capability && grant.covers(at_ms))
    }

    pub fn key(&self, id: &KeyId) -> Option<&RegisteredKey> {
        self.keys.iter().find(|key| &key.public.id() == id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub workspace: WorkspaceId,
    /// Grows with every change: a device keeps the newest it can verify.
    pub version: u64,
    pub issued_at_ms: i64,
    pub members: Vec<Member>,
}

impl Roster {
    pub fn member(&self, user_id: &str) -> Option<&Member> {
        self.members.iter().find(|member| member.user_id == user_id)
    }

    /// The bytes the server signs: a domain tag, then the roster in postcard (fields in
    /// declaration order, so the same roster always gives the same bytes).
    fn signed_bytes(&self) -> Vec<u8> {
        let mut bytes = b"cloudwright roster 1\0".to_vec();
        bytes.extend(postcard::to_allocvec(self).unwrap_or_default());
        bytes
    }

    /// The roster signed with the server's key.
    pub fn sign(self, server: &DeviceKey) -> SignedRoster {
        let signature = server.sign(&self.signed_bytes());
        SignedRoster {
            roster: self,
            signature: signature.to_vec(),
        }
    }
}

/// A roster as the server hands it out and devices keep it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRoster {
    pub roster: Roster,
    pub signature: Vec<u8>,
}

impl SignedRoster {
    /// The roster, if its signature is the server's (the key the device pinned at login).
    /// A roster changed on disk or on the way, or signed by another key, is `None`.
    pub fn verified(&self, server: &PublicKey) -> Option<&Roster> {
        let key = server.verifying()?;
        let signature: [u8; 64] = self.signature.as_slice().try_into().ok()?;
        let signature = ed25519_dalek::Signature::from_bytes(&signature);
        key.verify_strict(&self.roster.signed_bytes(), &signature)
            .ok()
            .map(|()| &self.roster)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Roster {
        Roster {
            workspace: WorkspaceId(ulid::Ulid(7)),
            version: 3,
            issued_at_ms: 1_000,
            members: vec![Member {
                user_id: "u-kim".into(),
                name: "김민준".into(),
                role: "editor".into(),
                grants: vec![Grant {
                    capability: Capability::ApproveDisposals,
                    from_ms: 100,
                    until_ms: Some(500),
                }],
                keys: Vec::new(),
            }],
        }
    }

    #[test]
    fn a_roster_verifies_only_unchanged_and_under_the_servers_key() {
        let server = DeviceKey::generate();
        let signed = roster().sign(&server);
        assert_eq!(signed.verified(&server.public()), Some(&roster()));
        assert_eq!(signed.verified(&DeviceKey::generate().public()), None);
        let mut tampered = signed.clone();
        tampered.roster.members[0].grants[0].until_ms = None;
        assert_eq!(tampered.verified(&server.public()), None);
        let mut cut = signed;
        cut.signature.pop();
        assert_eq!(cut.verified(&server.public()), None);
    }

    #[test]
    fn a_grant_covers_its_time_and_no_other() {
        let member = &roster().members[0];
        assert!(!member.entitled(Capability::ApproveDisposals, 99));
        assert!(member.entitled(Capability::ApproveDisposals, 100));
        assert!(member.entitled(Capability::ApproveDisposals, 499));
        assert!(!member.entitled(Capability::ApproveDisposals, 500));
        assert!(!member.entitled(Capability::VerifyWipes, 200));
    }
}
