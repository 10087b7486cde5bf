//! Signed disposal decisions on a real store: who may approve and verify is the roster's
//! accounts, not the names people type, and a decision holds only for the content it was on.

use crate::assets::{signed_decisions, APPROVE_DISPOSAL, VERIFY_WIPE};
use super::rules::*;
use super::*;
use crate::assets::Date;
use crate::ids::WorkspaceId;
use crate::stamp::{Author, Identity, Stamp};
use crate::store::Workspace;
use crate::testkit::{fresh_workspace, register};
use crate::trust::{
    verify_all, Capability, DeviceKey, Grant, Member, RegisteredKey, Roster, Signer, Verdict,
};

struct Team {
    roster: Roster,
    kim: DeviceKey,
    park: DeviceKey,
    choi: DeviceKey,
}

fn member(user_id: &str, name: &str, key: &DeviceKey, capabilities: &[Capability]) -> Member {
    Member {
        user_id: user_id.into(),
        name: name.into(),
        role: "editor".into(),
        grants: capabilities
            .iter()
            .map(|capability| Grant {
                capability: *capability,
                from_ms: 0,
                until_ms: None,
                max_amount_krw: None,
                categories: Vec::new(),
            })
            .collect(),
        keys: vec![RegisteredKey {
            public: key.public(),
            added_at_ms: 0,
            revoked_at_ms: None,
            device_name: "laptop".into(),
        }],
        claimed_identities: Vec::new(),
    }
}

fn team() -> Team {
    let (kim, park, choi) = (
        DeviceKey::generate(),
        DeviceKey::generate(),
        DeviceKey::generate(),
    );
    let roster = Roster {
        workspace: WorkspaceId(ulid::Ulid(1)),
        version: 1,
        issued_at_ms: 0,
        members: vec![
            // kim asks and may approve too (but not his own request).
            member("u-kim", "김민준", &kim, &[Capability::ApproveDisposals]),
            member("u-park", "박팀장", &park, &[Capability::ApproveDisposals]),
            member("u-choi", "최도윤", &choi, &[Capability::VerifyWipes]),
        ],
    };
    Team {
        roster,
        kim,
        park,
        choi,
    }
}

/// A stamp of `account`, shown as `name` (what the profile says, which proves nothing).
fn as_account(account: &str, name: &str, at_ms: i64) -> Stamp {
    Stamp::new(Author::from_name(name), at_ms).by(Identity::Account(account.into()))
}

fn request(ws: &Workspace) {
    ws.life_step(
        "PT1-SRV-0001",
        Step::RequestDisposal(&DisposalRequestInput {
            reason: "보증 만료".into(),
            on: String::new(),
        }),
        ulid::Ulid(70),
        &Date("2026-03-02".into()),
        &as_account("u-kim", "김민준", 40),
    )
    .expect("requested");
}

fn approve(ws: &Workspace, signer: &Signer, stamp: &Stamp) -> Result<(), Vec<LifeCode>> {
    let input = DisposalDecisionInput {
        approve: true,
        note: String::new(),
        on: String::new(),
    };
    ws.life_step(
        "PT1-SRV-0001",
        Step::DecideDisposal(&input, Some(signer)),
        ulid::Ulid(71),
        &Date("2026-03-03".into()),
        stamp,
    )
    .map(|_| ())
    .map_err(codes)
}

fn codes(error: LifecycleError) -> Vec<LifeCode> {
    match error {
        LifecycleError::Refused(problems) => problems
            .into_iter()
            .map(|p| serde_json::from_value(serde_json::Value::String(p.code)).expect("code"))
            .collect(),
        other => panic!("expected a refusal, got {other}"),
    }
}

fn verdicts(ws: &Workspace, roster: &Roster) -> Vec<(String, Verdict)> {
    let row = ws.asset("PT1-SRV-0001").expect("asset");
    let life = ws.asset_life("PT1-SRV-0001").expect("life");
    let found = signed_decisions(&row.asset, &life);
    let pairs: Vec<_> = found.iter().map(|(d, now)| (d, Some(*now))).collect();
    found
        .iter()
        .map(|(d, _)| d.decision.action.clone())
        .zip(verify_all(roster, &pairs))
        .collect()
}

#[test]
fn the_requester_cannot_approve_under_another_name_and_an_entitled_member_signs() {
    let team = team();
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-SRV-0001");
    request(&ws);
    // kim renames his profile: the account is still his, and it asked.
    let kim = Signer {
        user_id: "u-kim",
        key: &team.kim,
        roster: Some(&team.roster),
    };
    assert_eq!(
        approve(&ws, &kim, &as_account("u-kim", "박팀장", 50)),
        Err(vec![LifeCode::SamePerson])
    );
    // choi may verify wipes, not approve disposals.
    let choi = Signer {
        user_id: "u-choi",
        key: &team.choi,
        roster: Some(&team.roster),
    };
    assert_eq!(
        approve(&ws, &choi, &as_account("u-choi", "최도윤", 51)),
        Err(vec![LifeCode::NotEntitled])
    );
    // park signs with a key that is not his: refused before anything is written.
    let borrowed = Signer {
        user_id: "u-park",
        key: &team.kim,
        roster: Some(&team.roster),
    };
    assert_eq!(
        approve(&ws, &borrowed, &as_account("u-park", "박팀장", 52)),
        Err(vec![LifeCode::KeyNotRegistered])
    );
    let park = Signer {
        user_id: "u-park",
        key: &team.park,
        roster: Some(&team.roster),
    };
    approve(&ws, &park, &as_account("u-park", "박팀장", 53)).expect("approved");
    let life = ws.asset_life("PT1-SRV-0001").expect("life");
    let disposal = life.disposal.expect("disposal");
    assert_eq!(disposal.decided_by, "박팀장", "the roster's name");
    assert_eq!(disposal.requested_by_account.as_deref(), Some("u-kim"));
    assert_eq!(
        verdicts(&ws, &team.roster),
        vec![(
            APPROVE_DISPOSAL.to_owned(),
            Verdict::Valid {
                key_revoked_since: None
            }
        )]
    );
}

#[test]
fn a_wipe_is_verified_by_a_second_member_and_the_decision_holds_for_that_wipe_only() {
    let team = team();
    let (_dir, _store, ws) = fresh_workspace();
    register(&ws, 1, "PT1-SRV-0001");
    request(&ws);
    let park = Signer {
        user_id: "u-park",
        key: &team.park,
        roster: Some(&team.roster),
    };
    approve(&ws, &park, &as_account("u-park", "박팀장", 53)).expect("approved");
    let wipe = |wiped_by: &str, signer: &Signer, at: i64| {
        ws.life_step(
            "PT1-SRV-0001",
            Step::Wipe(
                &WipeInput {
                    method: "purge".into(),
                    tool: "blkdiscard".into(),
                    on: String::new(),
                    wiped_by: wiped_by.into(),
                    // Typed by hand, ignored: the verifier is the member signing.
                    verified_by: "아무개".into(),
                    certificate: "W-1".into(),
                },
                None,
                Some(signer),
            ),
            ulid::Ulid(72),
            &Date("2026-03-04".into()),
            &as_account(signer.user_id, "?", at),
        )
        .map_err(codes)
    };
    let choi = Signer {
        user_id: "u-choi",
        key: &team.choi,
        roster: Some(&team.roster),
    };
    // choi cannot verify his own wipe, and a wiper must be a member.
    assert_eq!(
        wipe("u-choi", &choi, 60).err(),
        Some(vec![LifeCode::SamePerson])
    );
    assert_eq!(
        wipe("bob2", &choi, 61).err(),
        Some(vec![LifeCode::NotAMember])
    );
    wipe("김민준", &choi, 62).expect("verified");
    let life = ws.asset_life("PT1-SRV-0001").expect("life");
    let recorded = life.disposal.and_then(|d| d.wipe).expect("wipe");
    assert_eq!(
        (
            recorded.wiped_by.as_str(),
            recorded.wiped_by_account.as_deref()
        ),
        ("김민준", Some("u-kim"))
    );
    assert_eq!(
        (
            recorded.verified_by.as_str(),
            recorded.verified_by_account.as_deref()
        ),
        ("최도윤", Some("u-choi"))
    );
    let all = verdicts(&ws, &team.roster);
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|(_, verdict)| verdict.is_valid()), "{all:?}");
    assert_eq!(all[1].0, VERIFY_WIPE);

    // The same decisions over a wipe record changed afterwards: no longer valid.
    let row = ws.asset("PT1-SRV-0001").expect("asset");
    let mut changed = ws.asset_life("PT1-SRV-0001").expect("life");
    if let Some(wipe) = changed.disposal.as_mut().and_then(|d| d.wipe.as_mut()) {
        wipe.certificate = "W-2".into();
    }
    let found = signed_decisions(&row.asset, &changed);
    let pairs: Vec<_> = found.iter().map(|(d, now)| (d, Some(*now))).collect();
    let judged = verify_all(&team.roster, &pairs);
    assert!(judged[0].is_valid(), "the approval was not on the wipe");
    assert_eq!(judged[1], Verdict::ContentChanged);
}

#[test]
fn a_team_workspace_wants_its_decisions_signed() {
    let asset = {
        let (_dir, _store, ws) = fresh_workspace();
        register(&ws, 1, "PT1-SRV-0001");
        request(&ws);
        (
            ws.asset("PT1-SRV-0001").expect("asset").asset,
            ws.asset_life("PT1-SRV-0001").expect("life"),
        )
    };
    let (mut asset, mut life) = asset;
    let today = Date("2026-03-03".into());
    let actor = Actor {
        name: "박팀장",
        today: &today,
        account: Some("u-park"),
        at_ms: 60,
        team: true,
    };
    let input = DisposalDecisionInput {
        approve: true,
        note: String::new(),
        on: String::new(),
    };
    let refused = decide_disposal(&mut asset, &mut life, &input, &actor, None)
        .expect_err("unsigned in a team");
    assert_eq!(refused[0].code, "signature_required");
    let local = Actor {
        team: false,
        ..actor
    };
    decide_disposal(&mut asset, &mut life, &input, &local, None).expect("a local workspace");
    assert_eq!(life.disposal.and_then(|d| d.decision), None);
}
