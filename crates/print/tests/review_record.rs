//! The review record (검토 결과서) of a design document from a real store, read back with
//! pdftotext: two reviewers sign with their device keys (a roster naming both, as a team's
//! device keeps it), one pins a comment on page 2 and asks for changes, a second version
//! comes and both approve it. The record of version 2 holds the document, the version's
//! SHA-256 in full, the reviewers, each decision's verification line (core's check against
//! the roster, not assumed), the pinned comment carried from version 1 with its reply and a
//! resolved one; a decision whose signature was changed after signing reads as tampered and
//! a version whose file changed reads as not what was signed; a device with no roster says
//! it cannot verify. Korean and English.

use std::collections::BTreeMap;

use cloudwright_core::assets::Date;
use cloudwright_core::designdocs::{
    CommentInput, CommentPin, DocInput, ReviewInput, ReviewVerdict,
};
use cloudwright_core::ids::WorkspaceId;
use cloudwright_core::stamp::{Author, Stamp};
use cloudwright_core::store::Store;
use cloudwright_core::sync::RosterState;
use cloudwright_core::trust::{
    Capability, DeviceKey, Grant, Member, RegisteredKey, Roster, Signer,
};
use cloudwright_print::racks::Language;
use cloudwright_print::review_record::{
    decision_checks, review_record_model, review_record_pdf, review_record_pdf_of,
};

use crate::util::WrittenPdf;

fn member(name: &str, key: &DeviceKey) -> Member {
    Member {
        user_id: name.into(),
        name: name.into(),
        role: "editor".into(),
        claimed_identities: Vec::new(),
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
    }
}

fn pdf_text(model: &cloudwright_print::PowerReport) -> String {
    WrittenPdf::new(&review_record_pdf_of(model).expect("pdf")).text()
}

/// The lines of `text` holding `needle`, without a finding's bullet.
fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| l.contains(needle))
        .map(|l| l.trim_start_matches('•').trim_start())
        .collect()
}

#[test]
fn the_review_record_says_which_signatures_verify_and_lists_pins_replies_and_resolutions() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("평택 구축", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    let at = 1_799_000_000_000;
    let named = |name: &str, n: i64| Stamp::new(Author::from_name(name), at + n);
    let lee_key = DeviceKey::generate();
    let park_key = DeviceKey::generate();
    let roster = Roster {
        workspace: WorkspaceId(ulid::Ulid(1)),
        version: 1,
        issued_at_ms: 0,
        members: vec![member("이서연", &lee_key), member("박지훈", &park_key)],
    };
    let lee = Signer {
        user_id: "이서연",
        key: &lee_key,
        roster: Some(&roster),
    };
    let park = Signer {
        user_id: "박지훈",
        key: &park_key,
        roster: Some(&roster),
    };

    let doc = ws
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "전력 계통도".into(),
                kind: "power_cooling".into(),
                ..DocInput::default()
            },
            &named("김민준", 0),
        )
        .expect("doc");
    ws.add_design_doc_version(
        &doc.id,
        "power.pdf",
        b"%PDF-1.7\nv1\n%%EOF\n",
        "초안",
        &named("김민준", 1),
    )
    .expect("v1");
    ws.request_design_review(
        &doc.id,
        &ReviewInput {
            reviewers: vec!["이서연".into(), "박지훈".into()],
            rule: "all".into(),
            due: "2027-01-20".into(),
            ..ReviewInput::default()
        },
        &Date("2027-01-04".into()),
        &named("김민준", 2),
    )
    .expect("review");
    let (_, pinned) = ws
        .comment_design_doc(
            &doc.id,
            &CommentInput {
                text: "UPS 용량 표기가 도면과 다릅니다".into(),
                pin: Some(CommentPin {
                    page: 2,
                    x: 0.4,
                    y: 0.25,
                }),
                ..CommentInput::default()
            },
            &named("이서연", 3),
        )
        .expect("pinned comment");
    ws.decide_design_review(
        &doc.id,
        None,
        ReviewVerdict::Changes,
        "UPS 용량 보완",
        &named("이서연", 4),
        Some(&lee),
    )
    .expect("changes");
    let (v2_doc, _) = ws
        .add_design_doc_version(
            &doc.id,
            "power.pdf",
            b"%PDF-1.7\nv2\n%%EOF\n",
            "UPS 수정",
            &named("김민준", 5),
        )
        .expect("v2");
    ws.comment_design_doc(
        &doc.id,
        &CommentInput {
            text: "2쪽 수정했습니다".into(),
            reply_to: Some(pinned.clone()),
            ..CommentInput::default()
        },
        &named("김민준", 6),
    )
    .expect("reply");
    let (_, general) = ws
        .comment_design_doc(
            &doc.id,
            &CommentInput {
                text: "범례 글꼴 통일".into(),
                ..CommentInput::default()
            },
            &named("박지훈", 7),
        )
        .expect("general comment");
    ws.resolve_design_comment(&doc.id, &general, true, &named("김민준", 8))
        .expect("resolved");
    ws.decide_design_review(
        &doc.id,
        None,
        ReviewVerdict::Approve,
        "",
        &named("이서연", 9),
        Some(&lee),
    )
    .expect("lee approves");
    ws.decide_design_review(
        &doc.id,
        None,
        ReviewVerdict::Approve,
        "확인",
        &named("박지훈", 10),
        Some(&park),
    )
    .expect("park approves");
    let doc = ws.design_doc(&doc.id).expect("doc");
    let v2_sha = v2_doc.current_version().expect("v2").1.sha256.clone();

    let verified = RosterState::Verified(roster.clone());
    let checks = decision_checks(&doc, &verified);
    assert_eq!(checks.len(), 3);
    assert!(checks.values().all(|c| c.verdict == "valid"), "{checks:?}");
    let model = |doc, checks: &BTreeMap<_, _>, version, language| {
        review_record_model(
            doc,
            version,
            checks,
            "평택 구축",
            language,
            "2027-01-05 · 김민준",
        )
        .expect("model")
    };

    let text = pdf_text(&model(&doc, &checks, None, Language::Korean));
    for expected in [
        "검토 결과서",
        "전력 계통도",
        "전력·냉각",
        "김민준",
        "2 (현재 버전)",
        "승인 (잠김)",
        "power.pdf",
        v2_sha.as_str(),
        "검토자 이서연, 박지훈",
        "모두 승인",
        "2027-01-20",
        "2쪽 (가로 40%, 세로 25%)",
        "v1에서 이어짐",
        "UPS 용량 표기가 도면과 다릅니다",
        "2쪽 수정했습니다",
        "범례 글꼴 통일",
        "해결됨",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // One verification line per decision on version 2, each verified, with its signer.
    let lines = lines_with(&text, "서명 확인됨 (서명자");
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("이서연") && lines[0].contains("승인"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("박지훈") && lines[1].contains("— 확인"),
        "{lines:?}"
    );

    // Version 1's record: the request for changes, verified, on a version a newer one
    // outdated.
    let text = pdf_text(&model(&doc, &checks, Some(1), Language::Korean));
    let lines = lines_with(&text, "서명 확인됨 (서명자 이서연)");
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0].contains("보완 요청") && lines[0].contains("UPS 용량 보완"));
    assert!(text.contains("새 버전으로 지난 검토"), "{text}");

    // A decision whose signed text was changed after signing (its time moved), and a version
    // whose file is not the one signed: each says so.
    let mut tampered = doc.clone();
    let park_decision = tampered
        .decisions
        .values_mut()
        .find(|d| d.by.name == "박지훈")
        .expect("park's decision");
    let signed = park_decision.signed.clone().expect("signed");
    let moved = (at + 10).to_string();
    assert!(signed.contains(&moved));
    park_decision.signed = Some(signed.replace(&moved, &(at + 11).to_string()));
    let checks = decision_checks(&tampered, &verified);
    let text = pdf_text(&model(&tampered, &checks, None, Language::Korean));
    assert_eq!(lines_with(&text, "서명 확인됨 (서명자").len(), 1, "{text}");
    let line = lines_with(&text, "서명 불일치 — 변조됨 (서명자");
    assert!(line.len() == 1 && line[0].starts_with("박지훈"), "{text}");

    let mut swapped = doc.clone();
    let (_, current) = swapped
        .versions
        .iter_mut()
        .max_by_key(|(_, v)| v.number)
        .expect("v2");
    current.sha256 = "0".repeat(64);
    let checks = decision_checks(&swapped, &verified);
    let text = pdf_text(&model(&swapped, &checks, None, Language::Korean));
    assert_eq!(
        lines_with(&text, "서명한 내용과 다름 — 파일이 바뀜 (서명자").len(),
        2,
        "{text}"
    );

    // In English, from the same checks.
    let checks = decision_checks(&doc, &verified);
    let text = pdf_text(&model(&doc, &checks, None, Language::English));
    for expected in [
        "Review record",
        "Power and cooling",
        "2 (current)",
        "page 2 (x 40%, y 25%)",
        "from v1",
        v2_sha.as_str(),
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_eq!(
        lines_with(&text, "signature verified (signed by").len(),
        2,
        "{text}"
    );

    // This device keeps no roster (a workspace with no team): the record cannot vouch.
    let text = WrittenPdf::new(
        &review_record_pdf(&ws, &doc.id, None, Language::Korean, "2027-01-05").expect("pdf"),
    )
    .text();
    assert_eq!(
        lines_with(&text, "확인 불가 — 이 기기에 명단이 없음 (서명자").len(),
        2,
        "{text}"
    );
}
