//! A signed decision and the rules every device judges it by, offline.

use serde::{Deserialize, Serialize};

use super::keys::{DeviceKey, KeyId};
use super::roster::{Capability, Roster};

/// What a member decided: on which record, what, on exactly which content, when, by whom
/// and with which of their keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The record decided on (a doc id, e.g. `asset/01J…`).
    pub record: String,
    /// What was decided (e.g. `approve_disposal`).
    pub action: String,
    /// The capability the decision needs.
    pub capability: Capability,
    /// SHA-256 of the content decided on (the record's relevant fields, or a document
    /// version's hash): a decision does not carry over to content changed after it.
    pub content: [u8; 32],
    pub at_ms: i64,
    pub signer: String,
    pub key: KeyId,
}

impl Decision {
    /// The bytes signed: a domain tag, then the decision in postcard.
    fn signed_bytes(&self) -> Vec<u8> {
        let mut bytes = b"cloudwright decision 1\0".to_vec();
        bytes.extend(postcard::to_allocvec(self).unwrap_or_default());
        bytes
    }

    /// Signed on the deciding device with its key (whose id the decision names).
    pub fn sign(self, key: &DeviceKey) -> SignedDecision {
        let signature = key.sign(&self.signed_bytes());
        SignedDecision {
            decision: self,
            signature: signature.to_vec(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedDecision {
    pub decision: Decision,
    pub signature: Vec<u8>,
}

/// What a device makes of a decision. Anything but [`Verdict::Valid`] is a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid {
        /// Signed with a key revoked since, before its revocation: still valid, and shown so.
        key_revoked_since: Option<i64>,
    },
    /// The signature does not match the decision (changed, or forged).
    SignatureInvalid,
    /// The signer is not a member of the roster.
    UnknownSigner,
    /// The key is not one registered to the signer.
    UnknownKey,
    /// Signed with a key after its revocation.
    KeyRevoked { revoked_at_ms: i64 },
    /// The signer did not hold the capability at the time.
    NotEntitled { capability: Capability },
    /// The record's content is no longer what was decided on.
    ContentChanged,
}

impl Verdict {
    pub fn is_valid(&self) -> bool {
        matches!(self, Verdict::Valid { .. })
    }

    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Valid { .. } => "valid",
            Verdict::SignatureInvalid => "signature_invalid",
            Verdict::UnknownSigner => "unknown_signer",
            Verdict::UnknownKey => "unknown_key",
            Verdict::KeyRevoked { .. } => "key_revoked",
            Verdict::NotEntitled { .. } => "not_entitled",
            Verdict::ContentChanged => "content_changed",
        }
    }
}

/// Judges each decision against the roster and the current content of what it decided on
/// (`content_now`: `None` when the caller has no content to compare, e.g. on the server).
/// The signatures are checked in batches (ed25519 batch verification), one per core; only
/// a batch that fails is checked one by one, to say which.
pub fn verify_all(
    roster: &Roster,
    decisions: &[(&SignedDecision, Option<[u8; 32]>)],
) -> Vec<Verdict> {
    // The rules that need no signature check first; the signature last, for all at once.
    let mut verdicts: Vec<Option<Verdict>> = Vec::with_capacity(decisions.len());
    let mut to_check = Vec::new();
    for (index, (signed, content_now)) in decisions.iter().enumerate() {
        let decision = &signed.decision;
        let Some(member) = roster.member(&decision.signer) else {
            verdicts.push(Some(Verdict::UnknownSigner));
            continue;
        };
        let Some(key) = member.key(&decision.key) else {
            verdicts.push(Some(Verdict::UnknownKey));
            continue;
        };
        let (Some(verifying), Ok(signature)) = (
            key.public.verifying(),
            <[u8; 64]>::try_from(signed.signature.as_slice()),
        ) else {
            verdicts.push(Some(Verdict::SignatureInvalid));
            continue;
        };
        let verdict = match key.revoked_at_ms {
            Some(revoked) if decision.at_ms >= revoked => Some(Verdict::KeyRevoked {
                revoked_at_ms: revoked,
            }),
            _ if !member.entitled(decision.capability, decision.at_ms) => {
                Some(Verdict::NotEntitled {
                    capability: decision.capability,
                })
            }
            _ if content_now.is_some_and(|now| now != decision.content) => {
                Some(Verdict::ContentChanged)
            }
            _ => None,
        };
        to_check.push((
            index,
            decision.signed_bytes(),
            ed25519_dalek::Signature::from_bytes(&signature),
            verifying,
        ));
        verdicts.push(verdict);
    }
    // Batches on every core; a batch that fails is checked one by one, to say which.
    let workers = std::thread::available_parallelism()
        .map_or(1, |cores| cores.get())
        .clamp(1, 8);
    let per = to_check.len().div_ceil(workers).max(1);
    let bad: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = to_check
            .chunks(per)
            .map(|part| {
                scope.spawn(move || {
                    let messages: Vec<&[u8]> =
                        part.iter().map(|(_, m, _, _)| m.as_slice()).collect();
                    let signatures: Vec<_> = part.iter().map(|(_, _, s, _)| *s).collect();
                    let keys: Vec<_> = part.iter().map(|(_, _, _, k)| *k).collect();
                    if ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok() {
                        return Vec::new();
                    }
                    part.iter()
                        .filter(|(_, message, signature, key)| {
                            key.verify_strict(message, signature).is_err()
                        })
                        .map(|(index, _, _, _)| *index)
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    for index in bad {
        // A bad signature outranks the other findings: nothing else of it can be trusted.
        verdicts[index] = Some(Verdict::SignatureInvalid);
    }
    decisions
        .iter()
        .zip(verdicts)
        .map(|((signed, _), verdict)| {
            verdict.unwrap_or_else(|| {
                let member = roster.member(&signed.decision.signer);
                let revoked = member
                    .and_then(|member| member.key(&signed.decision.key))
                    .and_then(|key| key.revoked_at_ms);
                Verdict::Valid {
                    key_revoked_since: revoked,
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::WorkspaceId;
    use crate::trust::roster::{Grant, Member, RegisteredKey};

    struct Team {
        kim: DeviceKey,
        lee: DeviceKey,
        roster: Roster,
    }

    fn team() -> Team {
        let kim = DeviceKey::generate();
        let lee = DeviceKey::generate();
        let member = |user_id: &str, key: &DeviceKey, grants: Vec<Grant>, revoked| Member {
            user_id: user_id.into(),
            name: user_id.into(),
            role: "editor".into(),
            claimed_identities: Vec::new(),
            grants,
            keys: vec![RegisteredKey {
                public: key.public(),
                added_at_ms: 0,
                revoked_at_ms: revoked,
                device_name: String::new(),
            }],
        };
        let approve = Grant {
            capability: Capability::ApproveDisposals,
            from_ms: 0,
            until_ms: None,
            max_amount_krw: None,
            categories: Vec::new(),
        };
        let roster = Roster {
            workspace: WorkspaceId(ulid::Ulid(1)),
            version: 1,
            issued_at_ms: 0,
            members: vec![
                member("kim", &kim, vec![approve], Some(5_000)),
                member("lee", &lee, Vec::new(), None),
            ],
        };
        Team { kim, lee, roster }
    }

    fn decision(signer: &str, key: &DeviceKey, at_ms: i64) -> Decision {
        Decision {
            record: "asset/01JD0000000000000000000000".into(),
            action: "approve_disposal".into(),
            capability: Capability::ApproveDisposals,
            content: [7; 32],
            at_ms,
            signer: signer.into(),
            key: key.public().id(),
        }
    }

    #[test]
    fn each_rule_gives_its_own_verdict() {
        let team = team();
        let good = decision("kim", &team.kim, 1_000).sign(&team.kim);
        let after_revocation = decision("kim", &team.kim, 6_000).sign(&team.kim);
        let not_entitled = decision("lee", &team.lee, 1_000).sign(&team.lee);
        let mut changed_after_signing = good.clone();
        changed_after_signing.decision.record = "asset/01JD0000000000000000000001".into();
        let mut corrupted = good.clone();
        corrupted.signature[10] ^= 1;
        let stranger_key = DeviceKey::generate();
        let unknown_key = decision("kim", &stranger_key, 1_000).sign(&stranger_key);
        let unknown_signer = decision("park", &team.lee, 1_000).sign(&team.lee);
        let verdicts = verify_all(
            &team.roster,
            &[
                (&good, Some([7; 32])),
                (&good, Some([8; 32])),
                (&after_revocation, None),
                (&not_entitled, None),
                (&changed_after_signing, None),
                (&corrupted, None),
                (&unknown_key, None),
                (&unknown_signer, None),
            ],
        );
        assert_eq!(
            verdicts,
            vec![
                Verdict::Valid {
                    key_revoked_since: Some(5_000)
                },
                Verdict::ContentChanged,
                Verdict::KeyRevoked {
                    revoked_at_ms: 5_000
                },
                Verdict::NotEntitled {
                    capability: Capability::ApproveDisposals
                },
                Verdict::SignatureInvalid,
                Verdict::SignatureInvalid,
                Verdict::UnknownKey,
                Verdict::UnknownSigner,
            ]
        );
    }

    #[test]
    fn a_batch_of_good_decisions_is_all_valid() {
        let team = team();
        let signed: Vec<SignedDecision> = (0..50)
            .map(|n| decision("kim", &team.kim, 1_000 + n).sign(&team.kim))
            .collect();
        let pairs: Vec<_> = signed.iter().map(|s| (s, Some([7; 32]))).collect();
        assert!(verify_all(&team.roster, &pairs)
            .iter()
            .all(Verdict::is_valid));
    }
}
