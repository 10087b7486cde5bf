//! Deciding on this device: a member's decision is signed with the device's key only when the
//! roster this device keeps says the member may make it, so that a refusal comes at once, with
//! its reason, instead of as a finding on every other device.

use sha2::{Digest, Sha256};

use super::decision::{Decision, SignedDecision};
use super::keys::DeviceKey;
use super::roster::{Capability, Roster};

/// A member deciding on this device: their account, this device's key, and the roster.
pub struct Signer<'a> {
    pub user_id: &'a str,
    pub key: &'a DeviceKey,
    /// The newest roster this device verified; without one nothing can be decided.
    pub roster: Option<&'a Roster>,
}

/// Why this device will not sign a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignRefusal {
    /// No roster yet: sync once while online.
    NoRoster,
    /// The account is not a member of the workspace.
    NotAMember,
    /// This device's key is not registered to the account (log in again on this device).
    KeyNotRegistered,
    /// This device's key was revoked (a lost laptop).
    KeyRevoked,
    /// The member does not hold the capability.
    NotEntitled(Capability),
}

impl Signer<'_> {
    /// Signs `action` on `record` (with `content` the SHA-256 of what is decided on) at
    /// `at_ms`, if the roster lets this member make it with this key.
    pub fn decide(
        &self,
        record: &str,
        action: &str,
        capability: Capability,
        content: [u8; 32],
        at_ms: i64,
    ) -> Result<SignedDecision, SignRefusal> {
        let roster = self.roster.ok_or(SignRefusal::NoRoster)?;
        let member = roster.member(self.user_id).ok_or(SignRefusal::NotAMember)?;
        let key_id = self.key.public().id();
        let key = member.key(&key_id).ok_or(SignRefusal::KeyNotRegistered)?;
        if key.revoked_at_ms.is_some_and(|revoked| at_ms >= revoked) {
            return Err(SignRefusal::KeyRevoked);
        }
        if !member.entitled(capability, at_ms) {
            return Err(SignRefusal::NotEntitled(capability));
        }
        Ok(Decision {
            record: record.to_owned(),
            action: action.to_owned(),
            capability,
            content,
            at_ms,
            signer: self.user_id.to_owned(),
            key: key_id,
        }
        .sign(self.key))
    }
}

/// The SHA-256 of the content a decision is on: a domain tag, then each part with its length,
/// so that no two lists of parts give the same bytes.
pub fn content_hash(parts: &[&str]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(b"cloudwright content 1\0");
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::WorkspaceId;
    use crate::trust::roster::{Grant, Member, RegisteredKey};
    use crate::trust::verify_all;

    fn roster(key: &DeviceKey, revoked_at_ms: Option<i64>) -> Roster {
        Roster {
            workspace: WorkspaceId(ulid::Ulid(1)),
            version: 1,
            issued_at_ms: 0,
            members: vec![Member {
                user_id: "u-park".into(),
                name: "박팀장".into(),
                role: "editor".into(),
                claimed_identities: Vec::new(),
                grants: vec![Grant {
                    capability: Capability::ApproveDisposals,
                    from_ms: 100,
                    until_ms: None,
                    max_amount_krw: None,
                    categories: Vec::new(),
                }],
                keys: vec![RegisteredKey {
                    public: key.public(),
                    added_at_ms: 0,
                    revoked_at_ms,
                    device_name: String::new(),
                }],
            }],
        }
    }

    #[test]
    fn a_member_signs_only_what_the_roster_lets_them_with_a_key_of_theirs() {
        let key = DeviceKey::generate();
        let roster = roster(&key, Some(1_000));
        let signer = Signer {
            user_id: "u-park",
            key: &key,
            roster: Some(&roster),
        };
        let content = content_hash(&["asset/1", "broken"]);
        let decide = |capability, at_ms| {
            signer.decide("asset/1", "approve_disposal", capability, content, at_ms)
        };
        let signed = decide(Capability::ApproveDisposals, 500).expect("signed");
        assert!(verify_all(&roster, &[(&signed, Some(content))])[0].is_valid());
        assert_eq!(
            decide(Capability::VerifyWipes, 500),
            Err(SignRefusal::NotEntitled(Capability::VerifyWipes))
        );
        assert_eq!(
            decide(Capability::ApproveDisposals, 50),
            Err(SignRefusal::NotEntitled(Capability::ApproveDisposals))
        );
        assert_eq!(
            decide(Capability::ApproveDisposals, 1_000),
            Err(SignRefusal::KeyRevoked)
        );
        let other = DeviceKey::generate();
        let elsewhere = Signer {
            key: &other,
            ..signer
        };
        assert_eq!(
            elsewhere.decide("asset/1", "x", Capability::ApproveDisposals, content, 500),
            Err(SignRefusal::KeyNotRegistered)
        );
        let stranger = Signer {
            user_id: "u-nobody",
            key: &key,
            roster: Some(&roster),
        };
        assert_eq!(
            stranger.decide("asset/1", "x", Capability::ApproveDisposals, content, 500),
            Err(SignRefusal::NotAMember)
        );
        let offline = Signer {
            user_id: "u-park",
            key: &key,
            roster: None,
        };
        assert_eq!(
            offline.decide("asset/1", "x", Capability::ApproveDisposals, content, 500),
            Err(SignRefusal::NoRoster)
        );
    }

    #[test]
    fn content_hashes_tell_lists_of_parts_apart() {
        assert_ne!(content_hash(&["ab", "c"]), content_hash(&["a", "bc"]));
        assert_eq!(content_hash(&["a", "b"]), content_hash(&["a", "b"]));
    }
}
