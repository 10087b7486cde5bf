//! The signed-decision figure of BENCHMARKS.md (issue 16): verifying 10,000 signed decisions
//! against a roster, as a device does when a workspace opens (target ≤ 100 ms).
//!
//! `cargo bench -p cloudwright-core --bench trust -- [DECISIONS]` (default 10000)

use std::time::{Duration, Instant};

use cloudwright_core::ids::WorkspaceId;
use cloudwright_core::trust::{
    verify_all, Capability, Decision, DeviceKey, Grant, Member, RegisteredKey, Roster,
};

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(10_000);
    // 20 members with a key each, deciding in turn.
    let keys: Vec<DeviceKey> = (0..20).map(|_| DeviceKey::generate()).collect();
    let roster = Roster {
        workspace: WorkspaceId(ulid::Ulid(1)),
        version: 1,
        issued_at_ms: 0,
        members: keys
            .iter()
            .enumerate()
            .map(|(n, key)| Member {
                user_id: format!("u{n}"),
                name: format!("member {n}"),
                role: "editor".into(),
                claimed_identities: Vec::new(),
                grants: vec![Grant {
                    capability: Capability::ApproveDisposals,
                    from_ms: 0,
                    until_ms: None,
                    max_amount_krw: None,
                    categories: Vec::new(),
                }],
                keys: vec![RegisteredKey {
                    public: key.public(),
                    added_at_ms: 0,
                    revoked_at_ms: None,
                    device_name: String::new(),
                }],
            })
            .collect(),
    };
    let signed: Vec<_> = (0..count)
        .map(|n| {
            let key = &keys[n % keys.len()];
            Decision {
                record: format!("asset/{}", ulid::Ulid(n as u128 + 1)),
                action: "approve_disposal".into(),
                capability: Capability::ApproveDisposals,
                content: [(n % 251) as u8; 32],
                at_ms: 1_765_000_000_000 + n as i64,
                signer: format!("u{}", n % keys.len()),
                key: key.public().id(),
            }
            .sign(key)
        })
        .collect();
    let pairs: Vec<_> = signed
        .iter()
        .enumerate()
        .map(|(n, s)| (s, Some([(n % 251) as u8; 32])))
        .collect();
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..11 {
        let started = Instant::now();
        let verdicts = verify_all(&roster, &pairs);
        times.push(started.elapsed());
        assert!(verdicts.iter().all(|v| v.is_valid()));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| measure ({count} decisions, 20 signers) | p50 | max | target |");
    println!("|---|---|---|---|");
    println!(
        "| verify every decision against the roster (batch ed25519) | {:.1} ms | {:.1} ms | ≤ 100 ms |",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}
