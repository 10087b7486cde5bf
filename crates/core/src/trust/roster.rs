//! The roster: a workspace's members, what each may decide and when, and their keys. The
//! team server signs it; every device keeps the newest one whose signature checks against
//! the server key it pinned at login, and judges decisions by it offline.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::keys::{DeviceKey, KeyId, PublicKey};
use crate::ids::WorkspaceId;

/// What a member may decide, beyond what the role lets them edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Capability {
    ApproveDisposals,
    VerifyWipes,
    ApprovePurchases,
    SignOffDesigns,
    SelectVendors,
    AdministerMembers,
}

impl Capability {
    pub const ALL: [Capability; 6] = [
        Capability::ApproveDisposals,
        Capability::VerifyWipes,
        Capability::ApprovePurchases,
        Capability::SignOffDesigns,
        Capability::SelectVendors,
        Capability::AdministerMembers,
    ];

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

impl std::fmt::Display for Capability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Capability {
    type Err = String;

    /// A capability from its code (`approve_purchases`; `-` for `_` too).
    fn from_str(text: &str) -> Result<Capability, String> {
        let code = text.trim().replace('-', "_");
        Capability::ALL
            .into_iter()
            .find(|capability| capability.code() == code)
            .ok_or_else(|| {
                let known: Vec<&str> = Capability::ALL.iter().map(|c| c.code()).collect();
                format!("'{text}' is not a capability ({})", known.join(", "))
            })
    }
}

/// A capability held from one time, until another (or still).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub capability: Capability,
    pub from_ms: i64,
    pub until_ms: Option<i64>,
    /// For `approve_purchases`: the largest amount (in won) it approves; none, any amount.
    #[serde(default)]
    pub max_amount_krw: Option<u64>,
    /// For `approve_purchases`: the categories it approves; empty, every category.
    #[serde(default)]
    pub categories: Vec<String>,
}

impl Grant {
    /// Whether the grant was in force at `at_ms`.
    pub fn covers(&self, at_ms: i64) -> bool {
        self.from_ms <= at_ms && self.until_ms.is_none_or(|until| at_ms < until)
    }

    /// Whether the grant's limits allow a purchase of `amount_krw` in `category`.
    pub fn allows_purchase(&self, amount_krw: u64, category: &str) -> bool {
        self.max_amount_krw.is_none_or(|max| amount_krw <= max)
            && (self.categories.is_empty() || self.categories.iter().any(|c| c == category))
    }
}

/// A device key registered to a member at login; revoked by an admin (a lost laptop).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredKey {
    pub public: PublicKey,
    pub added_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
    /// The device's name as it told it at login (its host name).
    #[serde(default)]
    pub device_name: String,
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
    /// The local identities (the ids a device's changes carry before any login) this
    /// account claimed: changes by them are this member's.
    #[serde(default)]
    pub claimed_identities: Vec<String>,
}

impl Member {
    /// Whether the member held `capability` at `at_ms` (whatever its limits).
    pub fn entitled(&self, capability: Capability, at_ms: i64) -> bool {
        self.grant_at(capability, at_ms).is_some()
    }

    /// The grant of `capability` in force at `at_ms`, with its limits.
    pub fn grant_at(&self, capability: Capability, at_ms: i64) -> Option<&Grant> {
        self.grants
            .iter()
            .find(|grant| grant.capability == capability && grant.covers(at_ms))
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
                claimed_identities: Vec::new(),
                grants: vec![Grant {
                    capability: Capability::ApproveDisposals,
                    from_ms: 100,
                    until_ms: Some(500),
                    max_amount_krw: None,
                    categories: Vec::new(),
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
    fn a_purchase_approval_allows_up_to_its_amount_in_its_categories() {
        let grant = Grant {
            capability: Capability::ApprovePurchases,
            from_ms: 0,
            until_ms: None,
            max_amount_krw: Some(5_000_000),
            categories: vec!["server".into(), "network".into()],
        };
        assert!(grant.allows_purchase(5_000_000, "server"));
        assert!(!grant.allows_purchase(5_000_001, "server"));
        assert!(!grant.allows_purchase(1, "furniture"));
        let unlimited = Grant {
            max_amount_krw: None,
            categories: Vec::new(),
            ..grant
        };
        assert!(unlimited.allows_purchase(u64::MAX, "furniture"));
        assert_eq!(
            "approve-purchases".parse(),
            Ok(Capability::ApprovePurchases)
        );
        assert!("approve".parse::<Capability>().is_err());
        for capability in Capability::ALL {
            assert_eq!(capability.code().parse(), Ok(capability));
        }
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
