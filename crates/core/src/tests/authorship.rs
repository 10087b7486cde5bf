//! The server side of "who did it": a push may add only changes by the account pushing it
//! (or changes that name nobody, or a local identity nobody else claimed), is refused whole
//! otherwise, and every change it adds is recorded as pushed by that account.

use std::collections::HashSet;

use automerge::ChangeHash;

use crate::assets::AssetInput;
use crate::ids::AssetId;
use crate::stamp::{Author, Identity, Stamp};
use crate::sync::hub::{HubError, PushScope, Pusher};
use crate::sync::protocol::{PushResult, SyncRequest};
use crate::testkit::{device, server, Device};

fn input(tag: &str) -> AssetInput {
    AssetInput {
        asset_tag: Some(tag.into()),
        asset_type: Some("server".into()),
        status: Some("in_stock".into()),
        ..AssetInput::default()
    }
}

fn register_as(device: &Device, n: u128, by: Identity) -> AssetId {
    let id = AssetId(ulid::Ulid(n));
    let stamp = Stamp::new(Author::from_name("김민준"), n as i64).by(by);
    device
        .workspace
        .register_asset(id, &input(&format!("AU-{n:03}")), &stamp)
        .expect("register");
    id
}

/// What the device would push next, as one request.
fn next_push(device: &Device) -> SyncRequest {
    let out = device
        .workspace
        .sync_outgoing(100, 1 << 20, &HashSet::new())
        .expect("outgoing");
    SyncRequest {
        push: out.pushes,
        ..SyncRequest::default()
    }
}

#[test]
fn a_push_holding_another_accounts_change_is_refused_whole_and_names_it() {
    let server = server();
    let kim = device(&server, "kim");
    register_as(&kim, 1, Identity::Account("account-kim".into()));
    let forged = register_as(&kim, 2, Identity::Account("account-lee".into()));
    let request = next_push(&kim);
    assert_eq!(request.push.len(), 2);

    let error = server
        .hub
        .exchange(
            request,
            "client-kim",
            &Pusher::account("account-kim", PushScope::Everything),
        )
        .expect_err("refused");
    let HubError::AuthorMismatch { account, changes } = &error else {
        panic!("not an author mismatch: {error:?}");
    };
    assert_eq!(account, "account-kim");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].doc_id, format!("asset/{}", forged.0));
    assert_eq!(changes[0].by, "account-lee");
    assert_eq!(changes[0].name, "김민준");
    assert_eq!((error.status(), error.code()), (403, "author_mismatch"));
    let message = error.to_string();
    assert!(message.contains(&changes[0].doc_id), "{message}");
    assert!(message.contains("account-lee"), "{message}");
    // Nothing of it was stored, the honest document included.
    assert_eq!(server.hub.stats().documents, 0);
    let feed = server
        .hub
        .exchange(
            SyncRequest {
                cursor: Some(0),
                feed_limit: 100,
                ..SyncRequest::default()
            },
            "client-other",
            &Pusher::account("account-other", PushScope::Nothing),
        )
        .expect("feed");
    assert!(feed.changed.is_empty(), "{:?}", feed.changed);
}

#[test]
fn changes_naming_nobody_or_an_unclaimed_local_identity_are_taken_and_recorded_as_the_pushers() {
    let server = server();
    let kim = device(&server, "kim");
    register_as(&kim, 1, Identity::Unnamed);
    register_as(&kim, 2, Identity::Local("01LOCALKIM".into()));
    register_as(&kim, 3, Identity::Account("account-kim".into()));
    let answer = server
        .hub
        .exchange(
            next_push(&kim),
            "client-kim",
            &Pusher::account("account-kim", PushScope::Everything),
        )
        .expect("taken");
    assert_eq!(answer.pushed.len(), 3);
    // Each new document is its one first change: its heads are that change.
    for result in &answer.pushed {
        let PushResult::Stored { heads } = result else {
            panic!("{result:?}");
        };
        assert_eq!(heads.len(), 1);
        assert_eq!(
            server
                .hub
                .pushed_by(&ChangeHash(heads[0]))
                .expect("read")
                .as_deref(),
            Some("account-kim")
        );
    }
}

#[test]
fn a_local_identity_claimed_by_another_account_is_refused() {
    let server = server();
    let kim = device(&server, "kim");
    register_as(&kim, 1, Identity::Local("01LOCALLEE".into()));
    let claims = |local: &str| (local == "01LOCALLEE").then(|| "account-lee".to_owned());
    let kim_pushing = Pusher {
        account: "account-kim",
        scope: PushScope::Everything,
        claimed_by: &claims,
        roster: None,
        now_ms: None,
    };
    let error = server
        .hub
        .exchange(next_push(&kim), "client-kim", &kim_pushing)
        .expect_err("refused");
    let HubError::AuthorMismatch { changes, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(changes[0].by, "local:01LOCALLEE");
    // The account that claimed it may push it.
    let lee_pushing = Pusher {
        account: "account-lee",
        ..kim_pushing
    };
    server
        .hub
        .exchange(next_push(&kim), "client-kim", &lee_pushing)
        .expect("taken from the claimer");
}

#[test]
fn a_device_pushes_the_rest_and_keeps_what_holds_another_accounts_changes() {
    let server = server();
    let mut kim = device(&server, "kim");
    kim.register(1, "AU-001");
    register_as(&kim, 2, Identity::Account("account-lee".into()));
    let said = kim.sync();
    assert_eq!((said.pushed, said.held_back), (1, 1), "{said:?}");
    assert_eq!(server.hub.stats().documents, 1);
    assert_eq!(kim.workspace.sync_pending().expect("pending"), 1);
    // Pushed by lee's account, the held document goes.
    kim.transport.account = "account-lee".into();
    let said = kim.sync();
    assert_eq!((said.pushed, said.held_back), (1, 0), "{said:?}");
    let mut lee = device(&server, "lee");
    lee.sync();
    let tags: Vec<String> = lee
        .rows()
        .into_iter()
        .map(|row| row.asset.asset_tag)
        .collect();
    assert_eq!(tags, ["AU-001", "AU-002"]);
}

#[test]
fn an_auditor_pushes_audit_records_and_nothing_else() {
    let server = server();
    let mut kim = device(&server, "kim");
    let asset = kim.register(1, "AU-001");
    kim.sync();
    let mut park = device(&server, "park");
    park.transport.scope = PushScope::AuditRecords;
    park.sync();
    let scope = crate::audits::AuditScope {
        filter: Some("{}".into()),
        ..Default::default()
    };
    park.workspace
        .start_audit(ulid::Ulid(900), "정기 실사", scope, &park.stamp(10))
        .expect("audit");
    park.edit(
        asset,
        AssetInput {
            notes: Some("an auditor's edit".into()),
            ..AssetInput::default()
        },
        11,
    );

    // Straight to the hub, the asset is refused with the audit: nothing of the push stored.
    let error = server
        .hub
        .exchange(
            next_push(&park),
            "client-park",
            &Pusher::account("account-park", PushScope::AuditRecords),
        )
        .expect_err("refused");
    assert_eq!((error.status(), error.code()), (403, "not_entitled"));
    assert_eq!(
        error.refused_documents(),
        Some(vec![format!("asset/{}", asset.0)])
    );
    assert_eq!(server.hub.stats().documents, 1);

    // A sync pushes the audit and keeps the asset's edit, saying so.
    let said = park.sync();
    assert_eq!((said.pushed, said.held_back), (1, 1), "{said:?}");
    kim.sync();
    assert_eq!(
        kim.workspace.audits().len(),
        1,
        "the audit reached the editor"
    );
    assert_eq!(kim.rows()[0].asset.notes, "", "the auditor's edit did not");
}

mod decisions_kit {
    use super::*;
    use crate::assets::Date;
    use crate::ids::WorkspaceId;
    use crate::lifecycle::{DisposalDecisionInput, DisposalRequestInput, Step};
    use crate::testkit::Device;
    use crate::trust::{Capability, DeviceKey, Grant, Member, RegisteredKey, Roster, Signer};

    pub(super) fn member(user_id: &str, key: &DeviceKey, approves: bool) -> Member {
        Member {
            user_id: user_id.into(),
            name: user_id.into(),
            role: "editor".into(),
            grants: approves
                .then(|| Grant {
                    capability: Capability::ApproveDisposals,
                    from_ms: 0,
                    until_ms: None,
                    max_amount_krw: None,
                    categories: Vec::new(),
                })
                .into_iter()
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

    pub(super) fn roster(members: Vec<Member>) -> Roster {
        Roster {
            workspace: WorkspaceId(ulid::Ulid(1)),
            version: 1,
            issued_at_ms: 0,
            members,
        }
    }

    pub(super) fn request(device: &Device, tag: &str) {
        device
            .workspace
            .life_step(
                tag,
                Step::RequestDisposal(&DisposalRequestInput {
                    reason: "노후".into(),
                    on: String::new(),
                }),
                ulid::Ulid(1),
                &Date("2026-03-02".into()),
                &device.stamp(5),
            )
            .expect("requested");
    }

    /// Decides `tag`'s request on `device`: approved, or rejected with a note.
    fn decide(device: &Device, tag: &str, approve: bool, signer: Option<&Signer>) {
        let note = if approve { "" } else { "아직 쓸 수 있음" };
        device
            .workspace
            .life_step(
                tag,
                Step::DecideDisposal(
                    &DisposalDecisionInput {
                        approve,
                        note: note.into(),
                        on: String::new(),
                    },
                    signer,
                ),
                ulid::Ulid(2),
                &Date("2026-03-03".into()),
                &device.stamp(6),
            )
            .expect("decided here");
    }

    pub(super) fn approve(device: &Device, tag: &str, signer: Option<&Signer>) {
        decide(device, tag, true, signer);
    }

    pub(super) fn reject(device: &Device, tag: &str, signer: Option<&Signer>) {
        decide(device, tag, false, signer);
    }

    #[test]
    fn the_server_takes_a_decision_only_when_its_roster_bears_it_out() {
        let server = server();
        let park_key = DeviceKey::generate();
        // The server's roster: park may not approve disposals.
        let team = roster(vec![member("account-park", &park_key, false)]);
        let mut kim = device(&server, "kim");
        for (n, tag) in [(1, "D-UNSIGNED"), (2, "D-STALE"), (3, "D-SIGNED")] {
            kim.register(n, tag);
            request(&kim, tag);
        }
        kim.sync();
        let mut park = device(&server, "park");
        park.transport.roster = Some(team.clone());
        park.sync();

        // Unsigned; and signed under a roster on park's laptop that grants what the
        // server's no longer does.
        approve(&park, "D-UNSIGNED", None);
        let stale = roster(vec![member("account-park", &park_key, true)]);
        let signer = Signer {
            user_id: "account-park",
            key: &park_key,
            roster: Some(&stale),
        };
        approve(&park, "D-STALE", Some(&signer));
        let error = server
            .hub
            .exchange(
                next_push(&park),
                "client-park",
                &Pusher {
                    roster: Some(&team),
                    ..Pusher::account("account-park", PushScope::Everything)
                },
            )
            .expect_err("refused");
        assert_eq!((error.status(), error.code()), (403, "not_entitled"));
        let HubError::DecisionRefused { decisions } = &error else {
            panic!("{error:?}");
        };
        let reasons: Vec<&str> = decisions.iter().map(|d| d.reason.as_str()).collect();
        assert_eq!(reasons, ["unsigned", "not_entitled"], "{decisions:?}");
        let said = park.sync();
        assert_eq!((said.pushed, said.held_back), (0, 2), "{said:?}");

        // Granted on the server, a signed approval goes; the other two still wait.
        let granted = roster(vec![member("account-park", &park_key, true)]);
        park.transport.roster = Some(granted.clone());
        let signer = Signer {
            user_id: "account-park",
            key: &park_key,
            roster: Some(&granted),
        };
        approve(&park, "D-SIGNED", Some(&signer));
        let said = park.sync();
        // The stale one is now borne out too; the unsigned one never is.
        assert_eq!((said.pushed, said.held_back), (2, 1), "{said:?}");
        kim.sync();
        let approved: Vec<String> = kim
            .rows()
            .into_iter()
            .filter(|row| {
                kim.workspace
                    .asset_life(&row.asset.id.to_string())
                    .expect("life")
                    .disposal
                    .is_some_and(|d| d.decision.is_some())
            })
            .map(|row| row.asset.asset_tag)
            .collect();
        assert_eq!(approved, ["D-STALE", "D-SIGNED"]);
    }

    #[test]
    fn a_lost_laptops_key_signs_nothing_the_server_takes_after_its_revocation() {
        let server = server();
        let park_key = DeviceKey::generate();
        let mut team = roster(vec![member("account-park", &park_key, true)]);
        let mut kim = device(&server, "kim");
        for (n, tag) in [(1, "L-BEFORE"), (2, "L-AFTER")] {
            kim.register(n, tag);
            request(&kim, tag);
        }
        kim.sync();
        let mut park = device(&server, "park");
        park.sync();
        // The laptop keeps the roster it had: the key good.
        let laptop = team.clone();
        let signer = Signer {
            user_id: "account-park",
            key: &park_key,
            roster: Some(&laptop),
        };
        // Approved and taken while the key was good (the stamp's time is 6 ms).
        approve(&park, "L-BEFORE", Some(&signer));
        let push = |park: &Device, team: &Roster, now_ms: i64| {
            server.hub.exchange(
                next_push(park),
                "client-park",
                &Pusher {
                    roster: Some(team),
                    now_ms: Some(now_ms),
                    ..Pusher::account("account-park", PushScope::Everything)
                },
            )
        };
        push(&park, &team, 100).expect("taken before the revocation");
        assert_eq!(park.sync().held_back, 0, "nothing new, nothing held");

        // The laptop is lost at 1,000; whoever holds it signs "at 6 ms", before that.
        team.members[0].keys[0].revoked_at_ms = Some(1_000);
        team.version = 2;
        approve(&park, "L-AFTER", Some(&signer));
        let error = push(&park, &team, 2_000).expect_err("refused after the revocation");
        let HubError::DecisionRefused { decisions } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(decisions[0].reason, "key_revoked", "{decisions:?}");
        // A decision that claims a time ahead of the server's is refused too.
        let early = roster(vec![member("account-park", &park_key, true)]);
        let error = push(&park, &early, -(10 * 60 * 1000)).expect_err("from the future");
        let HubError::DecisionRefused { decisions } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(decisions[0].reason, "from_the_future", "{decisions:?}");
    }
}

mod offline_decisions {
    use super::decisions_kit::*;
    use super::*;
    use crate::findings::Finding;
    use crate::trust::{DeviceKey, Signer};

    /// Two members decide the same request offline, one approving and one rejecting; after
    /// both sync, every device holds the same state, and what does not add up is in the
    /// findings inbox: the concurrent fields, and the decision that no longer matches them.
    #[test]
    fn two_members_deciding_offline_converge_and_what_does_not_hold_is_a_finding() {
        let server = server();
        let (park_key, lee_key) = (DeviceKey::generate(), DeviceKey::generate());
        let team = roster(vec![
            member("account-park", &park_key, true),
            member("account-lee", &lee_key, true),
        ]);
        let mut kim = device(&server, "kim");
        kim.register(1, "OFF-1");
        request(&kim, "OFF-1");
        kim.sync();
        let mut park = device(&server, "park");
        let mut lee = device(&server, "lee");
        park.sync();
        lee.sync();
        for device in [&mut kim, &mut park, &mut lee] {
            device.transport.roster = Some(team.clone());
        }
        approve(
            &park,
            "OFF-1",
            Some(&Signer {
                user_id: "account-park",
                key: &park_key,
                roster: Some(&team),
            }),
        );
        reject(
            &lee,
            "OFF-1",
            Some(&Signer {
                user_id: "account-lee",
                key: &lee_key,
                roster: Some(&team),
            }),
        );
        park.sync();
        lee.sync();
        park.sync();
        kim.sync();
        let lives: Vec<_> = [&kim, &park, &lee]
            .iter()
            .map(|device| device.workspace.asset_life("OFF-1").expect("life").disposal)
            .collect();
        assert_eq!(lives[0], lives[1]);
        assert_eq!(lives[1], lives[2]);
        // Every device sees the same two concurrent decisions to settle.
        let conflicts = |device: &Device| -> Vec<String> {
            let mut paths: Vec<String> = device
                .workspace
                .findings()
                .expect("findings")
                .into_iter()
                .filter_map(|finding| match finding {
                    Finding::Conflict { conflict, .. } => Some(conflict.path),
                    _ => None,
                })
                .collect();
            paths.sort();
            paths
        };
        let on_kim = conflicts(&kim);
        assert!(
            on_kim.iter().any(|path| path.contains("disposal")),
            "the two decisions are a conflict to settle: {on_kim:?}"
        );
        assert_eq!(on_kim, conflicts(&park));
        assert_eq!(on_kim, conflicts(&lee));
    }
}
