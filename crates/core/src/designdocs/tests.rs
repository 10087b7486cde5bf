//! Design documents on a real store: versions and their hashes, the review rules (all, N of
//! M, any one), staleness on a new version, comments carried forward, two reviewers deciding
//! offline and merging through the hub (signed, judged by the hub's roster), a decision over
//! another version flagged, and the refusals (each writing nothing).

use super::decisions::{held, version_hash};
use super::model::{CommentPin, ReviewVerdict};
use super::ops::{CommentInput, DocInput, ReviewInput};
use super::state::{DecisionFlag, VersionState};
use super::DesignDocError;
use crate::assets::Date;
use crate::stamp::{Author, Stamp};
use crate::store::Workspace;
use crate::testkit::{device, fresh_workspace, layout, server, Device};
use crate::trust::{
    verify_all, Capability, DeviceKey, Grant, Member, RegisteredKey, Roster, Signer,
};

const TODAY: &str = "2027-01-04";

fn today() -> Date {
    Date(TODAY.into())
}

fn named(name: &str, at_ms: i64) -> Stamp {
    Stamp::new(Author::from_name(name), at_ms)
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n{text}\n%%EOF\n").into_bytes()
}

fn codes(error: DesignDocError) -> Vec<(String, String)> {
    match error {
        DesignDocError::Refused(problems) => {
            problems.into_iter().map(|p| (p.field, p.code)).collect()
        }
        other => panic!("not a refusal: {other}"),
    }
}

fn code_pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

fn new_doc(ws: &Workspace, title: &str, at_ms: i64) -> String {
    ws.add_design_doc(
        ulid::Ulid::new(),
        &DocInput {
            title: title.into(),
            kind: "network".into(),
            tags: vec!["평택".into(), "1단계".into()],
            links: Vec::new(),
        },
        &named("김민준", at_ms),
    )
    .expect("added")
    .id
}

fn review(reviewers: &[&str], rule: &str, required: Option<u32>) -> ReviewInput {
    ReviewInput {
        version: None,
        reviewers: reviewers.iter().map(|r| r.to_string()).collect(),
        capability: String::new(),
        rule: rule.into(),
        required,
        due: "2027-01-20".into(),
    }
}

fn decide(ws: &Workspace, id: &str, who: &str, verdict: ReviewVerdict, at_ms: i64) {
    let comment = if verdict == ReviewVerdict::Approve {
        ""
    } else {
        "2페이지 UPS 용량 확인 필요"
    };
    ws.decide_design_review(id, None, verdict, comment, &named(who, at_ms), None)
        .unwrap_or_else(|e| panic!("{who} decides: {e}"));
}

fn state(ws: &Workspace, id: &str) -> VersionState {
    ws.design_doc_view(id).expect("view").row.state
}

#[test]
fn versions_keep_their_files_as_they_are_with_number_size_and_sha256() {
    let (_dir, _store, ws) = fresh_workspace();
    let id = new_doc(&ws, "코어 네트워크 구성도", 1);
    let first = pdf("v1");
    let (_, v1) = ws
        .add_design_doc_version(&id, "core-net.pdf", &first, "초안", &named("김민준", 2))
        .expect("v1");
    let drawing = b"AC1032\0\0binary drawing bytes".to_vec();
    let (doc, v2) = ws
        .add_design_doc_version(
            &id,
            "core-net.dwg",
            &drawing,
            "랙 배치 반영",
            &named("이서연", 3),
        )
        .expect("v2");
    let view = ws.design_doc_view(&id).expect("view");
    assert_eq!(view.versions.len(), 2);
    let (one, two) = (&view.versions[0], &view.versions[1]);
    assert_eq!(
        (one.key.as_str(), one.version.number, one.current),
        (v1.as_str(), 1, false)
    );
    assert_eq!(
        (two.key.as_str(), two.version.number, two.current),
        (v2.as_str(), 2, true)
    );
    assert_eq!(one.version.sha256, crate::sync::blobs::sha256_hex(&first));
    assert_eq!(one.version.size, first.len() as u64);
    assert_eq!(one.version.media_type, "application/pdf");
    assert_eq!(two.version.media_type, "image/vnd.dwg");
    assert_eq!(two.version.by.name, "이서연");
    assert_eq!(two.version.note, "랙 배치 반영");
    assert_eq!(view.row.current_version, Some(2));
    assert_eq!(doc.file_hashes().len(), 2, "sync fetches both files");
    // Any version's file comes back byte for byte.
    assert_eq!(ws.design_doc_file(&id, Some(1)).expect("v1 file").1, first);
    assert_eq!(ws.design_doc_file(&id, None).expect("current").1, drawing);
    assert_eq!(
        codes(ws.design_doc_file(&id, Some(7)).expect_err("no v7")),
        [code_pair("version", "unknown_version")]
    );
    // An empty file, or one with no name, is refused; nothing is written.
    let refused = ws
        .add_design_doc_version(&id, " ", b"", "", &named("김민준", 4))
        .expect_err("empty and unnamed");
    assert_eq!(
        codes(refused),
        [
            code_pair("file_name", "required"),
            code_pair("file", "empty_file")
        ]
    );
    assert_eq!(ws.design_doc(&id).expect("doc").versions.len(), 2);
    // The same file twice is kept once (one blob), named by two versions.
    ws.add_design_doc_version(&id, "again.pdf", &first, "", &named("김민준", 5))
        .expect("v3");
    assert_eq!(ws.design_doc(&id).expect("doc").file_hashes().len(), 2);
}

#[test]
fn review_rules_all_n_of_m_and_any_one_approve_when_they_should() {
    let (_dir, _store, ws) = fresh_workspace();
    let reviewers = ["이서연", "박지훈", "최유진"];
    let rules: [(&str, Option<u32>, usize); 3] = [
        ("all", None, 3),
        ("n_of_m", Some(2), 2),
        ("any_one", None, 1),
    ];
    for (n, (rule, required, approvals_needed)) in rules.into_iter().enumerate() {
        let id = new_doc(&ws, &format!("전력 계통도 {rule}"), 10 * n as i64);
        ws.add_design_doc_version(&id, "power.pdf", &pdf(rule), "", &named("김민준", 1))
            .expect("version");
        assert_eq!(state(&ws, &id), VersionState::Draft);
        ws.request_design_review(
            &id,
            &review(&reviewers, rule, required),
            &today(),
            &named("김민준", 2),
        )
        .expect("review");
        assert_eq!(state(&ws, &id), VersionState::InReview);
        for (k, who) in reviewers.iter().enumerate().take(approvals_needed) {
            assert_eq!(
                state(&ws, &id),
                VersionState::InReview,
                "{rule}: before {k} approvals"
            );
            decide(&ws, &id, who, ReviewVerdict::Approve, 100 + k as i64);
        }
        assert_eq!(state(&ws, &id), VersionState::Approved, "{rule}");
        let view = ws.design_doc_view(&id).expect("view");
        assert_eq!(view.reviews[0].approvals as usize, approvals_needed);
        assert_eq!(view.row.approved_version, Some(1));
        // Approved is locked: no further decision, no new review.
        if approvals_needed < reviewers.len() {
            let late = ws
                .decide_design_review(
                    &id,
                    None,
                    ReviewVerdict::Reject,
                    "늦은 반려",
                    &named("최유진", 200),
                    None,
                )
                .expect_err("locked");
            assert_eq!(codes(late), [code_pair("version", "version_locked")]);
        }
        let again = ws
            .request_design_review(
                &id,
                &review(&reviewers, "all", None),
                &today(),
                &named("김민준", 300),
            )
            .expect_err("locked");
        assert_eq!(codes(again), [code_pair("version", "version_locked")]);
    }
    // A rejection ends the review: rejected, whatever the rule.
    let id = new_doc(&ws, "보안 구역도", 50);
    ws.add_design_doc_version(&id, "zones.pdf", &pdf("zones"), "", &named("김민준", 51))
        .expect("version");
    ws.request_design_review(
        &id,
        &review(&reviewers, "n_of_m", Some(2)),
        &today(),
        &named("김민준", 52),
    )
    .expect("review");
    decide(&ws, &id, "이서연", ReviewVerdict::Changes, 53);
    assert_eq!(state(&ws, &id), VersionState::ChangesRequested);
    decide(&ws, &id, "박지훈", ReviewVerdict::Reject, 54);
    assert_eq!(state(&ws, &id), VersionState::Rejected);
    let closed = ws
        .decide_design_review(
            &id,
            None,
            ReviewVerdict::Approve,
            "",
            &named("최유진", 55),
            None,
        )
        .expect_err("rejected");
    assert_eq!(codes(closed), [code_pair("version", "review_closed")]);
}

#[test]
fn a_new_version_makes_open_approvals_stale_and_carries_unresolved_comments_forward() {
    let (_dir, _store, ws) = fresh_workspace();
    let id = new_doc(&ws, "A열 랙 배치도", 1);
    let (_, v1) = ws
        .add_design_doc_version(&id, "layout.pdf", &pdf("v1"), "", &named("김민준", 2))
        .expect("v1");
    ws.request_design_review(
        &id,
        &review(&["이서연", "박지훈"], "all", None),
        &today(),
        &named("김민준", 3),
    )
    .expect("review");
    decide(&ws, &id, "이서연", ReviewVerdict::Approve, 4);
    // 박지훈 pins a comment on page 2 and asks for changes; a general comment is resolved.
    let pin = CommentPin {
        page: 2,
        x: 0.25,
        y: 0.75,
    };
    let (_, pinned) = ws
        .comment_design_doc(
            &id,
            &CommentInput {
                text: "UPS-2 위치가 도면과 다름".into(),
                pin: Some(pin),
                ..CommentInput::default()
            },
            &named("박지훈", 5),
        )
        .expect("pinned");
    let (_, general) = ws
        .comment_design_doc(
            &id,
            &CommentInput {
                text: "범례 추가".into(),
                ..CommentInput::default()
            },
            &named("박지훈", 6),
        )
        .expect("general");
    ws.comment_design_doc(
        &id,
        &CommentInput {
            text: "다음 판에 반영".into(),
            reply_to: Some(pinned.clone()),
            ..CommentInput::default()
        },
        &named("김민준", 7),
    )
    .expect("reply");
    ws.resolve_design_comment(&id, &general, true, &named("김민준", 8))
        .expect("resolved");
    decide(&ws, &id, "박지훈", ReviewVerdict::Changes, 9);
    assert_eq!(state(&ws, &id), VersionState::ChangesRequested);

    let (_, v2) = ws
        .add_design_doc_version(
            &id,
            "layout.pdf",
            &pdf("v2"),
            "UPS-2 위치 수정",
            &named("김민준", 10),
        )
        .expect("v2");
    let view = ws.design_doc_view(&id).expect("view");
    // Version 1 is outdated, its approval stale; the review continues on version 2 from zero.
    assert_eq!(view.versions[0].state, VersionState::Outdated);
    assert_eq!(view.row.state, VersionState::InReview);
    assert_eq!(view.reviews.len(), 2);
    let (old, new) = (&view.reviews[0], &view.reviews[1]);
    assert_eq!(
        (old.review.version.as_str(), old.state),
        (v1.as_str(), VersionState::Outdated)
    );
    assert_eq!(new.review.version, v2);
    assert_eq!(new.review.continues, old.key);
    assert_eq!((new.approvals, new.required), (0, 2));
    assert_eq!(
        new.waiting_on.len(),
        2,
        "이서연's approval of version 1 does not carry over"
    );
    // The unresolved pinned thread (with its reply) is carried to version 2, marked as made on
    // version 1; the resolved one is not.
    assert_eq!(view.comments.len(), 1);
    let thread = &view.comments[0];
    assert_eq!(
        (thread.key.as_str(), thread.made_on, thread.carried),
        (pinned.as_str(), 1, true)
    );
    assert_eq!(thread.comment.pin, Some(pin));
    assert_eq!(thread.replies.len(), 1);
    // A decision on version 1 now is refused with the reason.
    let late = ws
        .decide_design_review(
            &id,
            Some(1),
            ReviewVerdict::Approve,
            "",
            &named("박지훈", 11),
            None,
        )
        .expect_err("superseded");
    let DesignDocError::Refused(problems) = late else {
        panic!("refused")
    };
    assert_eq!(problems[0].code, "superseded");
    assert_eq!(
        problems[0].message,
        "version 1 is superseded by version 2: decide on version 2"
    );
    // Both approve version 2: approved and locked; a third approved version supersedes it.
    decide(&ws, &id, "이서연", ReviewVerdict::Approve, 12);
    decide(&ws, &id, "박지훈", ReviewVerdict::Approve, 13);
    assert_eq!(state(&ws, &id), VersionState::Approved);
    ws.add_design_doc_version(&id, "layout.pdf", &pdf("v3"), "", &named("김민준", 14))
        .expect("v3");
    let view = ws.design_doc_view(&id).expect("view");
    assert_eq!(
        view.row.state,
        VersionState::Draft,
        "no review carried from an approved version"
    );
    assert_eq!(
        view.row.approved_version,
        Some(2),
        "version 2 still the approved one"
    );
    ws.request_design_review(
        &id,
        &review(&["이서연"], "any_one", None),
        &today(),
        &named("김민준", 15),
    )
    .expect("review v3");
    decide(&ws, &id, "이서연", ReviewVerdict::Approve, 16);
    let states: Vec<VersionState> = ws
        .design_doc_view(&id)
        .expect("view")
        .versions
        .iter()
        .map(|v| v.state)
        .collect();
    assert_eq!(
        states,
        [
            VersionState::Outdated,
            VersionState::Superseded,
            VersionState::Approved
        ]
    );
}

#[test]
fn bad_input_is_refused_with_the_reason_and_nothing_is_written() {
    let (_dir, _store, ws) = fresh_workspace();
    let who = named("김민준", 1);
    let layout = layout(&ws, &who);
    let refused = ws
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "".into(),
                kind: "floorplan".into(),
                tags: vec![],
                links: vec![
                    format!("rack/{}", layout.rack.0),
                    "build/01JD0000000000000000000000".into(),
                    "rack/01JD0000000000000000000000".into(),
                    "A-R01".into(),
                ],
            },
            &who,
        )
        .expect_err("refused");
    assert_eq!(
        codes(refused),
        [
            code_pair("title", "required"),
            code_pair("kind", "unknown_doc_kind"),
            code_pair("links.1", "unknown_link_kind"),
            code_pair("links.2", "unknown_record"),
            code_pair("links.3", "bad_link"),
        ]
    );
    assert!(ws.design_doc_rows().is_empty());
    // Linked to a rack and its room: the rack's and the room's documents list it.
    let id = ws
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "A-R01 케이블링".into(),
                kind: "cabling".into(),
                tags: vec![],
                links: vec![
                    format!("rack/{}", layout.rack.0),
                    format!("room:{}", layout.room.0),
                ],
            },
            &who,
        )
        .expect("linked")
        .id;
    let rack_docs = ws.design_docs_linked_to(&format!("rack/{}", layout.rack.0));
    assert_eq!(
        rack_docs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        [id.as_str()]
    );
    assert_eq!(
        ws.design_docs_linked_to(&format!("room/{}", layout.room.0))
            .len(),
        1
    );
    assert!(ws
        .design_docs_linked_to(&format!("rack/{}", layout.other.0))
        .is_empty());
    let doc = ws.design_doc(&id).expect("doc");
    assert_eq!(
        doc.links
            .values()
            .map(|l| l.title.as_str())
            .collect::<Vec<_>>(),
        ["A-R01", "전산실 A"]
    );
    // No version yet: no review, no comment.
    assert_eq!(
        codes(
            ws.request_design_review(&id, &review(&["이서연"], "all", None), &today(), &who)
                .expect_err("no version")
        ),
        [code_pair("version", "no_version")]
    );
    // A text file takes no pin; a PDF's pin must be on a page, within it.
    ws.add_design_doc_version(&id, "cables.csv", b"a,b\n1,2\n", "", &who)
        .expect("csv");
    let pinned = |pin: CommentPin| CommentInput {
        text: "여기".into(),
        pin: Some(pin),
        ..CommentInput::default()
    };
    assert_eq!(
        codes(
            ws.comment_design_doc(
                &id,
                &pinned(CommentPin {
                    page: 1,
                    x: 0.5,
                    y: 0.5
                }),
                &who
            )
            .expect_err("csv")
        ),
        [code_pair("pin", "pin_not_supported")]
    );
    ws.add_design_doc_version(&id, "cables.pdf", &pdf("x"), "", &who)
        .expect("pdf");
    assert_eq!(
        codes(
            ws.comment_design_doc(
                &id,
                &pinned(CommentPin {
                    page: 0,
                    x: 1.5,
                    y: 0.5
                }),
                &who
            )
            .expect_err("off the page")
        ),
        [code_pair("pin", "pin_out_of_range")]
    );
    // A review with no reviewers, a bad rule, an impossible N and a past due date.
    let bad = ReviewInput {
        reviewers: vec!["이서연".into()],
        rule: "n_of_m".into(),
        required: Some(3),
        due: "2026-12-01".into(),
        ..ReviewInput::default()
    };
    assert_eq!(
        codes(
            ws.request_design_review(&id, &bad, &today(), &who)
                .expect_err("bad")
        ),
        [
            code_pair("required", "bad_required"),
            code_pair("due", "due_in_past")
        ]
    );
    let none = ReviewInput {
        rule: "most".into(),
        ..ReviewInput::default()
    };
    assert_eq!(
        codes(
            ws.request_design_review(&id, &none, &today(), &who)
                .expect_err("none")
        ),
        [
            code_pair("reviewers", "no_reviewers"),
            code_pair("rule", "unknown_review_rule")
        ]
    );
    // No review yet: no decision; then someone not named is refused.
    assert_eq!(
        codes(
            ws.decide_design_review(
                &id,
                None,
                ReviewVerdict::Approve,
                "",
                &named("이서연", 5),
                None
            )
            .expect_err("no review")
        ),
        [code_pair("version", "no_review")]
    );
    ws.request_design_review(&id, &review(&["이서연"], "all", None), &today(), &who)
        .expect("review");
    assert_eq!(
        codes(
            ws.decide_design_review(
                &id,
                None,
                ReviewVerdict::Approve,
                "",
                &named("정보안", 6),
                None
            )
            .expect_err("not named")
        ),
        [code_pair("", "not_a_reviewer")]
    );
    // Rejecting needs the reason.
    assert_eq!(
        codes(
            ws.decide_design_review(
                &id,
                None,
                ReviewVerdict::Reject,
                " ",
                &named("이서연", 7),
                None
            )
            .expect_err("no reason")
        ),
        [code_pair("comment", "required")]
    );
    assert!(ws.design_doc(&id).expect("doc").decisions.is_empty());
}

struct Team {
    server_key: DeviceKey,
    roster: Roster,
    keys: Vec<(String, DeviceKey)>,
}

/// A roster of the devices' accounts: the owner, and reviewers who hold sign_off_designs
/// (`entitled`) or not.
fn team(workspace: crate::ids::WorkspaceId, members: &[(&Device, bool)]) -> Team {
    let mut keys = Vec::new();
    let members = members
        .iter()
        .map(|(device, entitled)| {
            let key = DeviceKey::generate();
            let member = Member {
                user_id: device.transport.account.clone(),
                name: device.who.name.clone(),
                role: "editor".into(),
                grants: if *entitled {
                    vec![Grant {
                        capability: Capability::SignOffDesigns,
                        from_ms: 0,
                        until_ms: None,
                        max_amount_krw: None,
                        categories: Vec::new(),
                    }]
                } else {
                    Vec::new()
                },
                keys: vec![RegisteredKey {
                    public: key.public(),
                    added_at_ms: 0,
                    revoked_at_ms: None,
                    device_name: "laptop".into(),
                }],
                claimed_identities: Vec::new(),
            };
            keys.push((device.transport.account.clone(), key));
            member
        })
        .collect();
    Team {
        server_key: DeviceKey::generate(),
        roster: Roster {
            workspace,
            version: 1,
            issued_at_ms: 0,
            members,
        },
        keys,
    }
}

/// The device logged in as its account, keeping the team's roster (and the hub judging its
/// pushes by it).
fn join(device: &mut Device, team: &Team) {
    let binding = device
        .workspace
        .sync_binding()
        .expect("binding")
        .expect("bound");
    device
        .workspace
        .bind_sync(&crate::sync::SyncBinding {
            user_id: device.transport.account.clone(),
            server_key: String::from(team.server_key.public()),
            ..binding
        })
        .expect("bind");
    device
        .workspace
        .keep_roster(&team.roster.clone().sign(&team.server_key))
        .expect("roster");
    device.transport.roster = Some(team.roster.clone());
}

/// The device's member signing with the device's key, by the team's roster.
fn signer<'a>(team: &'a Team, device: &'a Device) -> Signer<'a> {
    let key = &team
        .keys
        .iter()
        .find(|(who, _)| *who == device.transport.account)
        .expect("key")
        .1;
    Signer {
        user_id: &device.transport.account,
        key,
        roster: Some(&team.roster),
    }
}

#[test]
fn two_reviewers_deciding_offline_merge_to_the_same_state_on_every_device() {
    let server = server();
    let mut owner = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    let mut park = device(&server, "박지훈");
    let outsider = device(&server, "정보안");
    let team = team(
        server.workspace,
        &[
            (&owner, false),
            (&lee, true),
            (&park, true),
            (&outsider, false),
        ],
    );
    for d in [&mut owner, &mut lee, &mut park] {
        join(d, &team);
    }
    let ws = &owner.workspace;
    // Everything by the owner's account: the hub takes a device's changes as its own only.
    let id = ws
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "컴퓨트 풀 아키텍처".into(),
                kind: "architecture".into(),
                ..DocInput::default()
            },
            &owner.stamp(2),
        )
        .expect("doc")
        .id;
    ws.add_design_doc_version(&id, "pool.pdf", &pdf("pool v1"), "", &owner.stamp(3))
        .expect("v1");
    // Someone not a member, and a member without sign_off_designs, are refused as reviewers.
    let refused = ws
        .request_design_review(
            &id,
            &review(&["account-이서연", "아무개", "정보안"], "all", None),
            &today(),
            &owner.stamp(4),
        )
        .expect_err("refused");
    assert_eq!(
        codes(refused),
        [
            code_pair("reviewers.1", "reviewer_not_a_member"),
            code_pair("reviewers.2", "reviewer_not_entitled")
        ]
    );
    // By account id or by name.
    ws.request_design_review(
        &id,
        &review(&["account-이서연", "박지훈"], "all", None),
        &today(),
        &owner.stamp(5),
    )
    .expect("review");
    owner.sync();
    lee.sync();
    park.sync();
    // Unsigned is refused in a team's workspace.
    assert_eq!(
        codes(
            lee.workspace
                .decide_design_review(&id, None, ReviewVerdict::Approve, "", &lee.stamp(6), None)
                .expect_err("unsigned")
        ),
        [code_pair("", "signature_required")]
    );
    // Offline at once: lee approves, park asks for changes (earlier by the clock).
    lee.workspace
        .decide_design_review(
            &id,
            None,
            ReviewVerdict::Approve,
            "",
            &lee.stamp(40),
            Some(&signer(&team, &lee)),
        )
        .expect("lee approves");
    park.workspace
        .decide_design_review(
            &id,
            None,
            ReviewVerdict::Changes,
            "랙당 전력 재계산",
            &park.stamp(35),
            Some(&signer(&team, &park)),
        )
        .expect("park asks for changes");
    // And at the same time the owner adds version 2 while lee comments on version 1.
    lee.workspace
        .comment_design_doc(
            &id,
            &CommentInput {
                text: "스파인 이중화 표기".into(),
                ..CommentInput::default()
            },
            &lee.stamp(41),
        )
        .expect("comment");
    lee.sync();
    park.sync();
    lee.sync();
    owner.sync();
    let views: Vec<_> = [&owner, &lee, &park]
        .iter()
        .map(|d| d.workspace.design_doc_view(&id).expect("view"))
        .collect();
    assert_eq!(views[0].row.state, VersionState::ChangesRequested);
    assert_eq!(views[0], views[1]);
    assert_eq!(views[0], views[2]);
    let decided = &views[0].reviews[0];
    assert_eq!(decided.decisions.len(), 2);
    assert_eq!(decided.approvals, 1);
    // Every decision is signed over version 1's hash and verifies on any device.
    let doc = owner.workspace.design_doc(&id).expect("doc");
    for decision in held(&doc) {
        let signed = decision.signed.as_ref().expect("signed");
        assert_eq!(signed.decision.capability, Capability::SignOffDesigns);
        assert!(verify_all(&team.roster, &[(signed, Some(decision.content_now))])[0].is_valid());
    }
    // Version 2 on the owner's device, a comment on version 1 on lee's at the same time.
    owner
        .workspace
        .add_design_doc_version(
            &id,
            "pool.pdf",
            &pdf("pool v2"),
            "전력 재계산",
            &owner.stamp(50),
        )
        .expect("v2");
    lee.workspace
        .comment_design_doc(
            &id,
            &CommentInput {
                version: Some(1),
                text: "전원 A/B 계통 구분".into(),
                ..CommentInput::default()
            },
            &lee.stamp(51),
        )
        .expect("comment on v1");
    owner.sync();
    lee.sync();
    owner.sync();
    park.sync();
    let views: Vec<_> = [&owner, &lee, &park]
        .iter()
        .map(|d| d.workspace.design_doc_view(&id).expect("view"))
        .collect();
    assert_eq!(views[0], views[1]);
    assert_eq!(views[0], views[2]);
    assert_eq!(views[0].row.current_version, Some(2));
    assert_eq!(
        views[0].row.state,
        VersionState::InReview,
        "the review continues on version 2"
    );
    let carried: Vec<&str> = views[0]
        .comments
        .iter()
        .map(|c| c.comment.text.as_str())
        .collect();
    assert_eq!(
        carried,
        ["스파인 이중화 표기", "전원 A/B 계통 구분"],
        "both carried to version 2"
    );
    assert!(views[0]
        .comments
        .iter()
        .all(|c| c.carried && c.made_on == 1));
    // Both approve version 2 on their devices; every device reads it approved.
    lee.sync();
    park.sync();
    for d in [&lee, &park] {
        d.workspace
            .decide_design_review(
                &id,
                None,
                ReviewVerdict::Approve,
                "",
                &d.stamp(60),
                Some(&signer(&team, d)),
            )
            .expect("approve v2");
    }
    lee.sync();
    park.sync();
    owner.sync();
    assert_eq!(state(&owner.workspace, &id), VersionState::Approved);
}

#[test]
fn a_decision_over_another_version_is_flagged_and_does_not_count() {
    let (_dir, _store, ws) = fresh_workspace();
    let id = new_doc(&ws, "케이블 트레이 경로", 1);
    let (_, v1) = ws
        .add_design_doc_version(&id, "tray.pdf", &pdf("v1"), "", &named("김민준", 2))
        .expect("v1");
    ws.request_design_review(
        &id,
        &review(&["이서연"], "any_one", None),
        &today(),
        &named("김민준", 3),
    )
    .expect("review");
    // A decision (as another device might hold it) naming version 1 but made over other
    // content: another version's hash.
    let doc = ws.design_doc(&id).expect("doc");
    let review_key = doc.reviews.keys().next().expect("review").clone();
    let other = hex::encode(version_hash(&doc.doc_id(), 2, "ab"));
    ws.update_design_doc(
        &id,
        &named("이서연", 4),
        "designdoc-approve",
        Default::default(),
        |doc| {
            doc.decisions.insert(
                ulid::Ulid::new().to_string(),
                super::model::ReviewDecision {
                    review: review_key.clone(),
                    version: v1.clone(),
                    verdict: ReviewVerdict::Approve,
                    by: super::model::DocPerson {
                        who: "이서연".into(),
                        name: "이서연".into(),
                    },
                    comment: String::new(),
                    at_ms: 4,
                    content: other,
                    signed: None,
                },
            );
            Ok(())
        },
    )
    .expect("written");
    let view = ws.design_doc_view(&id).expect("view");
    assert_eq!(view.row.state, VersionState::InReview, "not counted");
    assert_eq!(
        view.reviews[0].decisions[0].flag,
        Some(DecisionFlag::OtherVersion)
    );
    // A signed decision over version 2's hash held on version 1 does not verify as on it.
    let key = DeviceKey::generate();
    let roster = Roster {
        workspace: crate::ids::WorkspaceId(ulid::Ulid(1)),
        version: 1,
        issued_at_ms: 0,
        members: vec![Member {
            user_id: "이서연".into(),
            name: "이서연".into(),
            role: "editor".into(),
            grants: vec![Grant {
                capability: Capability::SignOffDesigns,
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
            claimed_identities: Vec::new(),
        }],
    };
    let signed = Signer {
        user_id: "이서연",
        key: &key,
        roster: Some(&roster),
    }
    .decide(
        &doc.doc_id(),
        super::decisions::APPROVE_DESIGN,
        Capability::SignOffDesigns,
        version_hash(&doc.doc_id(), 2, "ab"),
        5,
    )
    .expect("signed");
    let now = super::decisions::version_hash_of(&doc, &v1);
    assert_eq!(
        verify_all(&roster, &[(&signed, Some(now))])[0],
        crate::trust::Verdict::ContentChanged
    );
    // An honest approval counts.
    decide(&ws, &id, "이서연", ReviewVerdict::Approve, 6);
    assert_eq!(state(&ws, &id), VersionState::Approved);
}

#[test]
fn reviewers_the_owner_and_overdue_reviews_are_alerted_and_search_finds_documents() {
    let (_dir, _store, ws) = fresh_workspace();
    let morning = crate::lifecycle::day_number(&today()).expect("day") * 86_400_000;
    let id = new_doc(&ws, "UPS 절체 절차서", morning);
    ws.add_design_doc_version(
        &id,
        "ups-절체.docx",
        b"PK\x03\x04 not really docx",
        "",
        &named("김민준", morning + 1),
    )
    .expect("v1");
    ws.request_design_review(
        &id,
        &review(&["이서연", "박지훈"], "all", None),
        &today(),
        &named("김민준", morning + 2),
    )
    .expect("review");
    let alerts = |day: &str| {
        ws.alerts(day)
            .into_iter()
            .filter(|a| a.source == "designdocs")
            .map(|a| (a.kind, a.subject))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        alerts(TODAY),
        [
            ("review_requested".to_owned(), "박지훈".to_owned()),
            ("review_requested".to_owned(), "이서연".to_owned())
        ]
    );
    decide(&ws, &id, "이서연", ReviewVerdict::Approve, morning + 3);
    assert_eq!(
        alerts(TODAY),
        [
            ("review_approve".to_owned(), "이서연".to_owned()),
            ("review_requested".to_owned(), "박지훈".to_owned())
        ]
    );
    // Past its due date: overdue for the reviewer still to decide and for the owner.
    assert_eq!(
        alerts("2027-01-25"),
        [
            ("review_overdue".to_owned(), "김민준".to_owned()),
            ("review_overdue".to_owned(), "박지훈".to_owned())
        ]
    );
    let hits = ws.search("절체 절차서", 10).hits;
    assert_eq!(
        hits.first().map(|h| h.record.clone()),
        Some(format!("designdoc/{id}"))
    );
    assert_eq!(
        ws.search("ups-절체.docx", 10).hits.len(),
        1,
        "by its file's name"
    );
}

#[test]
fn a_version_from_a_file_on_disk_is_a_large_file_synced_in_parts_and_saved_byte_for_byte() {
    let server = server();
    let mut owner = device(&server, "김민준");
    let mut other = device(&server, "이서연");
    let dir = tempfile::tempdir().expect("tempdir");
    // 20 MiB and a bit: three parts of the large-file store.
    let bytes: Vec<u8> = (0..20 * 1024 * 1024 + 123)
        .map(|n: u32| (n.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let mut drawing = b"%PDF-1.7\n".to_vec();
    drawing.extend_from_slice(&bytes);
    let path = dir.path().join("배치도 전체.pdf");
    std::fs::write(&path, &drawing).expect("write");
    let ws = &owner.workspace;
    let id = ws
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "2단계 전체 배치도".into(),
                kind: "rack_layout".into(),
                ..DocInput::default()
            },
            &owner.stamp(1),
        )
        .expect("doc")
        .id;
    // An unreadable path and an empty file are refused with the reason; nothing is written.
    let missing = dir.path().join("없음.pdf");
    let refused = ws
        .add_design_doc_version_from_path(&id, &missing, "", &owner.stamp(2), &mut |_| {})
        .expect_err("missing");
    let DesignDocError::Refused(problems) = refused else {
        panic!("refused")
    };
    assert_eq!(problems[0].code, "unreadable_file");
    assert!(
        problems[0].message.contains("없음.pdf"),
        "{}",
        problems[0].message
    );
    let empty = dir.path().join("빈.pdf");
    std::fs::write(&empty, b"").expect("write");
    assert_eq!(
        codes(
            ws.add_design_doc_version_from_path(&id, &empty, "", &owner.stamp(3), &mut |_| {})
                .expect_err("empty")
        ),
        [code_pair("file", "empty_file")]
    );
    assert_eq!(super::files::path_problems(&empty).len(), 1);
    assert!(ws.design_doc(&id).expect("doc").versions.is_empty());
    let mut seen = Vec::new();
    let (doc, key) = ws
        .add_design_doc_version_from_path(&id, &path, "전체", &owner.stamp(4), &mut |p| {
            seen.push(p.done)
        })
        .expect("version");
    let version = &doc.versions[&key];
    assert_eq!(version.sha256, crate::sync::blobs::sha256_hex(&drawing));
    assert_eq!(version.size, drawing.len() as u64);
    assert_eq!(version.media_type, "application/pdf");
    assert!(!version.file.is_empty() && version.file != version.sha256);
    assert_eq!(
        doc.file_hashes().as_slice(),
        std::slice::from_ref(&version.file),
        "the record names the manifest"
    );
    assert_eq!(seen.last(), Some(&(drawing.len() as u64)));
    // Through the hub to another device, which saves it byte for byte.
    owner.sync();
    other.sync();
    let out = dir.path().join("받은 배치도.pdf");
    let (saved, size) = other
        .workspace
        .save_design_doc_file(&id, None, &out, &mut |_| {})
        .expect("saved");
    assert_eq!((saved.number, size), (1, drawing.len() as u64));
    assert_eq!(std::fs::read(&out).expect("read"), drawing);
    // And whole in memory too (previews, diffs), checked by its hash.
    assert_eq!(
        other
            .workspace
            .design_doc_file(&id, Some(1))
            .expect("bytes")
            .1,
        drawing
    );
}

#[test]
fn an_edit_changes_what_a_document_is_and_the_racks_it_is_listed_on() {
    let (_dir, _store, ws) = fresh_workspace();
    let who = named("김민준", 1);
    let layout = layout(&ws, &who);
    let rack = format!("rack/{}", layout.rack.0);
    let other = format!("rack/{}", layout.other.0);
    let id = ws
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "A-R01 케이블링".into(),
                kind: "cabling".into(),
                tags: vec![],
                links: vec![rack.clone()],
            },
            &who,
        )
        .expect("added")
        .id;
    let bad = DocInput {
        title: "A-R02 케이블링".into(),
        kind: "cabling".into(),
        tags: vec![],
        links: vec![other.clone(), "room/nope".into()],
    };
    assert_eq!(
        codes(ws.edit_design_doc(&id, &bad, &who).expect_err("bad link")),
        [code_pair("links.1", "unknown_record")]
    );
    assert_eq!(ws.design_docs_linked_to(&rack).len(), 1, "nothing written");
    let good = DocInput {
        links: vec![other.clone()],
        tags: vec!["2단계".into()],
        kind: "네트워크".into(),
        ..bad
    };
    let doc = ws.edit_design_doc(&id, &good, &who).expect("edited");
    assert_eq!(
        (doc.title.as_str(), doc.kind, doc.tags.clone()),
        (
            "A-R02 케이블링",
            super::DocKind::Network,
            vec!["2단계".to_owned()]
        )
    );
    assert!(ws.design_docs_linked_to(&rack).is_empty());
    assert_eq!(ws.design_docs_linked_to(&other)[0].id, id);
}

#[test]
fn a_review_by_a_capability_alerts_the_holder_logged_in_and_not_a_member_without_it() {
    let server = server();
    let mut owner = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    let mut park = device(&server, "박지훈");
    let team = team(
        server.workspace,
        &[(&owner, false), (&lee, true), (&park, false)],
    );
    for d in [&mut owner, &mut lee, &mut park] {
        join(d, &team);
    }
    let id = owner
        .workspace
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "보안 구역 설계".into(),
                kind: "security".into(),
                ..DocInput::default()
            },
            &owner.stamp(2),
        )
        .expect("doc")
        .id;
    owner
        .workspace
        .add_design_doc_version(&id, "zones.pdf", &pdf("zones"), "", &owner.stamp(3))
        .expect("v1");
    owner
        .workspace
        .request_design_review(
            &id,
            &ReviewInput {
                capability: "sign_off_designs".into(),
                rule: "any_one".into(),
                ..ReviewInput::default()
            },
            &today(),
            &owner.stamp(4),
        )
        .expect("review by the capability's holders");
    owner.sync();
    lee.sync();
    park.sync();
    let asked = |d: &Device| {
        d.workspace
            .alerts(TODAY)
            .into_iter()
            .filter(|a| a.source == "designdocs" && a.kind == "review_requested")
            .map(|a| a.subject)
            .collect::<Vec<_>>()
    };
    assert_eq!(asked(&lee), ["이서연"], "the holder is asked on her device");
    assert_eq!(
        asked(&park),
        Vec::<String>::new(),
        "a member without it is not"
    );
    assert_eq!(
        asked(&owner),
        Vec::<String>::new(),
        "nor the owner, who lacks it"
    );
    // "Waiting for me" reads the same: the holder, not a member without the capability.
    let waits = |d: &Device| {
        let doc = d.workspace.design_doc(&id).expect("doc");
        let review = doc.reviews.keys().next().expect("review").clone();
        d.workspace
            .design_doc_waits_for(&doc, &review, &d.transport.account, 5)
    };
    assert!(waits(&lee));
    assert!(!waits(&park));
    lee.workspace
        .decide_design_review(
            &id,
            None,
            ReviewVerdict::Approve,
            "",
            &lee.stamp(10),
            Some(&signer(&team, &lee)),
        )
        .expect("approve");
    assert_eq!(
        asked(&lee),
        Vec::<String>::new(),
        "decided: no longer asked"
    );
    assert!(!waits(&lee), "decided: no longer waited on");
}
