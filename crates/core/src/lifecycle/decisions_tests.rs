//! Signed disposal decisions on a real store: who may approve and verify is the roster's
//! accounts, not the names people type, and a decision holds only for the content it was on.

use super::rules::*;
use super::*;
use crate::assets::Date;
use crate::assets::{signed_decisions, APPROVE_DISPOSAL, VERIFY_WIPE};
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

/// A workspace bound to a team whose roster (signed by `server`) this device keeps.
fn keep(ws: &Workspace, roster: &Roster, server: &DeviceKey) {
    use crate::sync::SyncBinding;
    ws.bind_sync(&SyncBinding {
        server: "http://127.0.0.1:1".into(),
        remote_workspace: roster.workspace,
        user: "kim".into(),
        client_id: "c-kim".into(),
        user_id: "u-kim".into(),
        display_name: "김민준".into(),
        server_key: String::from(server.public()),
    })
    .expect("bind");
    let kept = ws
        .keep_roster(&roster.clone().sign(server))
        .expect("keep the roster");
    assert!(
        matches!(kept, crate::sync::RosterKept::Kept { .. }),
        "{kept:?}"
    );
}

#[test]
fn every_device_judges_the_decisions_it_holds_and_what_fails_is_a_finding() {
    let mut team = team();
    let server = DeviceKey::generate();
    let (_dir, _store, ws) = fresh_workspace();
    team.roster.workspace = ws.meta().id;
    register(&ws, 1, "PT1-SRV-0001");
    register(&ws, 2, "PT1-SRV-0002");
    // Without a team, an unsigned decision is nothing to check.
    request(&ws);
    let local = Signer {
        user_id: "u-park",
        key: &team.park,
        roster: None,
    };
    assert_eq!(
        approve(&ws, &local, &as_account("u-park", "박팀장", 53)),
        Err(vec![LifeCode::NoRoster]),
        "a signer with no roster cannot sign"
    );
    let unsigned = DisposalDecisionInput {
        approve: true,
        note: String::new(),
        on: String::new(),
    };
    ws.life_step(
        "PT1-SRV-0001",
        Step::DecideDisposal(&unsigned, None),
        ulid::Ulid(71),
        &Date("2026-03-03".into()),
        &as_account("u-park", "박팀장", 53),
    )
    .expect("a local workspace decides unsigned");
    let checks = ws.asset_decisions("PT1-SRV-0001").expect("checks");
    assert_eq!(checks[0].verdict, "unsigned_local");
    assert!(ws.decision_findings().expect("findings").is_empty());

    // Once the team's roster is kept, the unsigned approval is a finding; a signed one is ✓.
    keep(&ws, &team.roster, &server);
    let park = Signer {
        user_id: "u-park",
        key: &team.park,
        roster: Some(&team.roster),
    };
    ws.life_step(
        "PT1-SRV-0002",
        Step::RequestDisposal(&DisposalRequestInput {
            reason: "보증 만료".into(),
            on: String::new(),
        }),
        ulid::Ulid(80),
        &Date("2026-03-02".into()),
        &as_account("u-kim", "김민준", 40),
    )
    .expect("requested");
    ws.life_step(
        "PT1-SRV-0002",
        Step::DecideDisposal(&unsigned, Some(&park)),
        ulid::Ulid(81),
        &Date("2026-03-03".into()),
        &as_account("u-park", "박팀장", 60),
    )
    .expect("approved, signed");
    let signed = ws.asset_decisions("PT1-SRV-0002").expect("checks");
    assert_eq!(
        (signed[0].verdict.as_str(), signed[0].signer_name.as_str()),
        ("valid", "박팀장")
    );
    let findings = ws.findings().expect("findings");
    let decisions: Vec<(&str, &str)> = findings
        .iter()
        .filter_map(|finding| match finding {
            crate::findings::Finding::Decision { title, check, .. } => {
                Some((title.as_str(), check.verdict.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(decisions, [("PT1-SRV-0001", "unsigned")]);

    // What does not hold is decided again by a member who may; what holds is not.
    assert_eq!(
        approve(&ws, &park, &as_account("u-park", "박팀장", 61)),
        Ok(()),
        "the unsigned approval is decided again"
    );
    assert_eq!(
        ws.asset_decisions("PT1-SRV-0001").expect("checks")[0].verdict,
        "valid"
    );
    let decided_twice = ws.life_step(
        "PT1-SRV-0002",
        Step::DecideDisposal(&unsigned, Some(&park)),
        ulid::Ulid(82),
        &Date("2026-03-03".into()),
        &as_account("u-park", "박팀장", 62),
    );
    assert_eq!(
        decided_twice.map(|_| ()).map_err(codes),
        Err(vec![LifeCode::NoDisposalRequest]),
        "a decision that holds is not decided again"
    );
    assert!(ws.decision_findings().expect("findings").is_empty());

    // park's laptop is lost: his key revoked after the approval. It stays valid and says so.
    team.roster.members[1].keys[0].revoked_at_ms = Some(1_000);
    team.roster.version = 2;
    assert!(matches!(
        ws.keep_roster(&team.roster.clone().sign(&server)),
        Ok(crate::sync::RosterKept::Kept { version: 2 })
    ));
    let after = ws.asset_decisions("PT1-SRV-0002").expect("checks");
    assert_eq!(
        (after[0].verdict.as_str(), after[0].key_revoked_at_ms),
        ("valid", Some(1_000))
    );

    // A roster changed on disk is trusted for nothing.
    let mut tampered = ws.kept_roster().expect("read").expect("kept");
    tampered.roster.members[0].grants.clear();
    ws.put_roster_unchecked(&tampered).expect("put");
    let distrusted = ws.asset_decisions("PT1-SRV-0002").expect("checks");
    assert_eq!(distrusted[0].verdict, "roster_tampered");
    // The findings were remembered under the roster before: judged again, both are findings.
    let mut verdicts: Vec<String> = ws
        .decision_findings()
        .expect("findings")
        .into_iter()
        .map(|(_, tag, check)| format!("{tag} {}", check.verdict))
        .collect();
    verdicts.sort();
    assert_eq!(
        verdicts,
        [
            "PT1-SRV-0001 roster_tampered",
            "PT1-SRV-0002 roster_tampered"
        ]
    );
}

#[test]
fn a_decision_with_a_corrupted_signature_or_moved_to_another_record_does_not_hold() {
    use crate::lifecycle::verify::judge;
    use crate::record::HeldDecision;
    use crate::sync::RosterState;
    let team = team();
    let park = Signer {
        user_id: "u-park",
        key: &team.park,
        roster: Some(&team.roster),
    };
    let content = crate::trust::content_hash(&["asset/1"]);
    let good = park
        .decide(
            "asset/1",
            APPROVE_DISPOSAL,
            Capability::ApproveDisposals,
            content,
            10,
        )
        .expect("signed");
    let mut corrupted = good.clone();
    corrupted.signature[0] ^= 1;
    let held = |signed: &crate::trust::SignedDecision, doc_id: &str| {
        (
            doc_id.to_owned(),
            HeldDecision {
                action: APPROVE_DISPOSAL,
                signed: Some(signed.clone()),
                content_now: content,
            },
        )
    };
    let checks = judge(
        &RosterState::Verified(team.roster.clone()),
        &[
            held(&good, "asset/1"),
            held(&corrupted, "asset/1"),
            held(&good, "asset/2"),
        ],
    );
    let verdicts: Vec<&str> = checks.iter().map(|c| c.verdict.as_str()).collect();
    assert_eq!(verdicts, ["valid", "signature_invalid", "other_record"]);
}
