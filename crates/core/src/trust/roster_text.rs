//! A roster as plain text, the same for the server's `admin workspace roster` and the CLI's
//! `cloudwright members`: each member with their role, every capability they were granted
//! (its limits, and whether it is in force at `now_ms`), every key (revoked ones marked) and
//! the local identities they claimed.

use super::roster::{Grant, Member, Roster};
use crate::stamp::UtcTime;

/// `5,000,000`.
fn grouped(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn grant_line(grant: &Grant, now_ms: i64) -> String {
    let mut line = format!("  capability {}", grant.capability.code());
    if let Some(max) = grant.max_amount_krw {
        line.push_str(&format!("  up to {} KRW", grouped(max)));
    }
    if !grant.categories.is_empty() {
        line.push_str(&format!("  categories {}", grant.categories.join(", ")));
    }
    let from = UtcTime::from_ms(grant.from_ms);
    match grant.until_ms {
        None => line.push_str(&format!("  since {from}")),
        Some(until) => line.push_str(&format!("  from {from} until {}", UtcTime::from_ms(until))),
    }
    if !grant.covers(now_ms) {
        line.push_str("  (not in force)");
    }
    line
}

fn member_lines(member: &Member, now_ms: i64, lines: &mut Vec<String>) {
    lines.push(format!(
        "{}  {}  {}",
        member.name, member.role, member.user_id
    ));
    for grant in &member.grants {
        lines.push(grant_line(grant, now_ms));
    }
    for key in &member.keys {
        let mut line = format!("  key {}", key.public.id());
        if !key.device_name.is_empty() {
            line.push_str(&format!("  {}", key.device_name));
        }
        line.push_str(&format!("  added {}", UtcTime::from_ms(key.added_at_ms)));
        if let Some(revoked) = key.revoked_at_ms {
            line.push_str(&format!("  REVOKED {}", UtcTime::from_ms(revoked)));
        }
        lines.push(line);
    }
    if !member.claimed_identities.is_empty() {
        lines.push(format!("  claims {}", member.claimed_identities.join(", ")));
    }
}

/// The roster as lines of text (see the module).
pub fn roster_text(roster: &Roster, now_ms: i64) -> String {
    let mut lines = vec![format!(
        "roster of workspace {}, version {}, signed {}",
        roster.workspace,
        roster.version,
        UtcTime::from_ms(roster.issued_at_ms)
    )];
    for member in &roster.members {
        member_lines(member, now_ms, &mut lines);
    }
    if roster.members.is_empty() {
        lines.push("no members".into());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::WorkspaceId;
    use crate::trust::roster::{Capability, RegisteredKey};
    use crate::trust::PublicKey;

    #[test]
    fn a_roster_reads_as_members_with_capabilities_limits_and_keys() {
        let day = 86_400_000;
        let roster = Roster {
            workspace: WorkspaceId(ulid::Ulid(1)),
            version: 7,
            issued_at_ms: 20_000 * day,
            members: vec![Member {
                user_id: "01JD5Z0000000000000000000K".into(),
                name: "김민준".into(),
                role: "editor".into(),
                grants: vec![
                    Grant {
                        capability: Capability::ApprovePurchases,
                        from_ms: 20_000 * day,
                        until_ms: None,
                        max_amount_krw: Some(5_000_000),
                        categories: vec!["server".into(), "network".into()],
                    },
                    Grant {
                        capability: Capability::ApproveDisposals,
                        from_ms: 19_000 * day,
                        until_ms: Some(19_500 * day),
                        max_amount_krw: None,
                        categories: Vec::new(),
                    },
                ],
                keys: vec![RegisteredKey {
                    public: PublicKey([3; 32]),
                    added_at_ms: 19_000 * day,
                    revoked_at_ms: Some(19_900 * day),
                    device_name: "kim-laptop".into(),
                }],
                claimed_identities: vec!["01JD5Z0000000000000000000L".into()],
            }],
        };
        let key = PublicKey([3; 32]).id();
        expect_test::expect![[r#"
            roster of workspace 00000000000000000000000001, version 7, signed 2024-10-04 00:00:00 UTC
            김민준  editor  01JD5Z0000000000000000000K
              capability approve_purchases  up to 5,000,000 KRW  categories server, network  since 2024-10-04 00:00:00 UTC
              capability approve_disposals  from 2022-01-08 00:00:00 UTC until 2023-05-23 00:00:00 UTC  (not in force)
              key KEY  kim-laptop  added 2022-01-08 00:00:00 UTC  REVOKED 2024-06-26 00:00:00 UTC
              claims 01JD5Z0000000000000000000L"#]]
        .assert_eq(&roster_text(&roster, 20_001 * day).replace(&key.0, "KEY"));
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
    }
}
