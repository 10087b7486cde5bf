//! Removing approval rules and editing and removing substitutes (대결) on a real store: what a
//! removal does to requests already in approval, and a removal and an edit made at once on two
//! devices merging through the hub. Also: no file is added to a closed request.

use super::budget::{BudgetInput, BudgetLineKind, BudgetPolicy};
use super::request::{Person, Status, Verdict};
use super::request_ops::{LineInput, RequestInput, RuleInput, RuleStepInput, SubstituteInput};
use super::views::RequestQuery;
use super::PurchasingError;
use crate::assets::Date;
use crate::problem::Problem;
use crate::stamp::{Author, Identity, Stamp};
use crate::store::Workspace;
use crate::testkit::{device, fresh_workspace, server};

const TODAY: &str = "2027-01-05";

fn person(who: &str, name: &str) -> Person {
    Person {
        who: who.into(),
        name: name.into(),
    }
}

fn as_account(who: &str, name: &str, at_ms: i64) -> Stamp {
    Stamp::new(Author::from_name(name), at_ms).by(Identity::Account(who.into()))
}

fn admin(at_ms: i64) -> Stamp {
    as_account("u-admin", "관리자", at_ms)
}

fn today() -> Date {
    Date(TODAY.into())
}

/// Up to ₩10M: the lead reviews, the head approves.
fn small_rule(lead: &Person, head: &Person) -> RuleInput {
    RuleInput {
        name: "소액".into(),
        max_krw: "10,000,000".into(),
        steps: vec![
            RuleStepInput {
                kind: "review".into(),
                approvers: vec![lead.clone()],
            },
            RuleStepInput {
                kind: "approve".into(),
                approvers: vec![head.clone()],
            },
        ],
        ..RuleInput::default()
    }
}

fn away(absent: &Person, deputy: &Person, until: &str) -> SubstituteInput {
    SubstituteInput {
        absent: absent.clone(),
        substitute: deputy.clone(),
        from: "2027-01-01".into(),
        until: until.into(),
        reason: "휴가".into(),
    }
}

fn budget(ws: &Workspace) -> String {
    ws.add_budget(
        ulid::Ulid::new(),
        &BudgetInput {
            year: "2027".into(),
            line: "인프라 증설".into(),
            line_kind: BudgetLineKind::CostCentre,
            code: String::new(),
            amount_krw: "500,000,000".into(),
            policy: BudgetPolicy::Allow,
            notes: String::new(),
        },
        &admin(2),
    )
    .expect("budget")
    .id
}

/// A ₩5M draft by 김민준, submitted when `submit`.
fn request(ws: &Workspace, budget: &str, at: i64, submit: bool) -> Result<String, PurchasingError> {
    let input = RequestInput {
        title: "평택 1센터 스위치".into(),
        needed_by: "2027-03-31".into(),
        budget: budget.into(),
        lines: vec![LineInput {
            description: "스위치".into(),
            kind: "hardware".into(),
            quantity: "1".into(),
            unit_price: "5,000,000".into(),
            currency: "KRW".into(),
            ..LineInput::default()
        }],
        ..RequestInput::default()
    };
    let key = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &input,
            &today(),
            &as_account("u-kim", "김민준", at),
        )?
        .id;
    if submit {
        ws.submit_purchase_request(&key, &today(), &as_account("u-kim", "김민준", at + 1))?;
    }
    Ok(key)
}

fn decide(ws: &Workspace, key: &str, who: &Person, at: i64) -> Result<Status, PurchasingError> {
    ws.decide_purchase_request(
        key,
        Verdict::Approve,
        "",
        &today(),
        &as_account(&who.who, &who.name, at),
        None,
    )
    .map(|outcome| outcome.request.status)
}

fn codes(error: PurchasingError) -> Vec<(String, String)> {
    match error {
        PurchasingError::Refused(problems) => problems
            .into_iter()
            .map(|Problem { field, code, .. }| (field, code))
            .collect(),
        other => panic!("not a refusal: {other}"),
    }
}

#[test]
fn a_removed_rule_chooses_no_line_and_a_line_it_chose_stays() {
    let (_dir, _store, ws) = fresh_workspace();
    let (lead, head) = (person("u-lead", "박팀장"), person("u-head", "이본부장"));
    let rule = ws
        .put_approval_rule(ulid::Ulid::new(), &small_rule(&lead, &head), &admin(1))
        .expect("rule");
    let budget = budget(&ws);
    let in_flight = request(&ws, &budget, 10, true).expect("submitted");
    let draft = request(&ws, &budget, 20, false).expect("draft");

    let removed = ws
        .remove_approval_rule(&rule.id, "조직 개편", &admin(30))
        .expect("removed");
    assert_eq!(
        removed.removed.values().next().map(|c| c.reason.as_str()),
        Some("조직 개편")
    );
    assert!(ws.approval_rules().is_empty());
    assert!(matches!(
        ws.approval_rule(&rule.id),
        Err(PurchasingError::NoSuchRule(_))
    ));

    // The request submitted before keeps the line the rule chose, and goes through it.
    let before = ws.purchase_request(&in_flight).expect("read");
    assert_eq!(before.line.rule, "소액");
    assert_eq!(before.line.steps.len(), 2);
    assert_eq!(
        decide(&ws, &in_flight, &lead, 40).expect("review"),
        Status::InReview
    );
    assert_eq!(
        decide(&ws, &in_flight, &head, 41).expect("approve"),
        Status::Approved
    );

    // A draft submitted after finds no rule.
    let refused = ws
        .submit_purchase_request(&draft, &today(), &as_account("u-kim", "김민준", 50))
        .expect_err("no rule");
    assert_eq!(
        codes(refused),
        [(String::new(), "no_approval_rule".to_owned())]
    );

    // Removed is removed: neither removed again nor edited back.
    assert!(matches!(
        ws.remove_approval_rule(&rule.id, "", &admin(60)),
        Err(PurchasingError::NoSuchRule(_))
    ));
    let id = ulid::Ulid::from_string(&rule.id).expect("ulid");
    assert!(matches!(
        ws.put_approval_rule(id, &small_rule(&lead, &head), &admin(61)),
        Err(PurchasingError::NoSuchRule(_))
    ));
    assert!(ws.approval_rules().is_empty());
}

#[test]
fn a_removed_substitute_stops_acting_and_what_it_decided_stays() {
    let (_dir, _store, ws) = fresh_workspace();
    let (lead, head) = (person("u-lead", "박팀장"), person("u-head", "이본부장"));
    let deputy = person("u-dep", "오대리");
    ws.put_approval_rule(ulid::Ulid::new(), &small_rule(&lead, &head), &admin(1))
        .expect("rule");
    let standing_in = ws
        .add_substitute(
            ulid::Ulid::new(),
            &away(&lead, &deputy, "2027-01-20"),
            &admin(2),
        )
        .expect("substitute");
    let budget = budget(&ws);
    let decided = request(&ws, &budget, 10, true).expect("submitted");
    let waiting = request(&ws, &budget, 20, true).expect("submitted");
    // The deputy reviews the first request for the lead.
    assert_eq!(
        decide(&ws, &decided, &deputy, 30).expect("대결"),
        Status::InReview
    );
    let mine = RequestQuery {
        waiting_for_me: true,
        limit: 50,
        ..RequestQuery::default()
    };
    assert_eq!(ws.purchase_page(&mine, &deputy.who, TODAY).total, 1);

    ws.remove_substitute(&standing_in.id, "복귀", &admin(40))
        .expect("removed");
    assert!(ws.substitutes().is_empty());
    // The deputy no longer acts on the request that still names them, nor waits on it.
    let refused = decide(&ws, &waiting, &deputy, 50).expect_err("removed");
    assert_eq!(
        codes(refused),
        [(String::new(), "not_your_turn".to_owned())]
    );
    assert_eq!(ws.purchase_page(&mine, &deputy.who, TODAY).total, 0);
    assert_eq!(ws.purchase_page(&mine, &lead.who, TODAY).total, 1);
    // The review the deputy gave before still counts: the first request is at the approval.
    let first = ws.purchase_request(&decided).expect("read");
    assert_eq!(first.current_step(), 1);
    assert_eq!(
        decide(&ws, &decided, &head, 60).expect("approve"),
        Status::Approved
    );
    // The lead is there for the second, and a new request names no substitute.
    assert_eq!(
        decide(&ws, &waiting, &lead, 61).expect("review"),
        Status::InReview
    );
    let fresh = request(&ws, &budget, 70, true).expect("submitted");
    let line = ws.purchase_request(&fresh).expect("read").line;
    assert!(line.steps[0].approvers[0].substitute.is_none());
    assert!(matches!(
        ws.remove_substitute(&standing_in.id, "", &admin(80)),
        Err(PurchasingError::NoSuchSubstitute(_))
    ));
}

#[test]
fn a_substitute_is_edited_whole_refused_at_its_field_and_a_line_keeps_what_it_was_given() {
    let (_dir, _store, ws) = fresh_workspace();
    let (lead, head) = (person("u-lead", "박팀장"), person("u-head", "이본부장"));
    let deputy = person("u-dep", "오대리");
    ws.put_approval_rule(ulid::Ulid::new(), &small_rule(&lead, &head), &admin(1))
        .expect("rule");
    let record = ws
        .add_substitute(
            ulid::Ulid::new(),
            &away(&lead, &deputy, "2027-01-20"),
            &admin(2),
        )
        .expect("substitute");
    let budget = budget(&ws);
    let before = request(&ws, &budget, 10, true).expect("submitted");

    let mut bad = away(&lead, &deputy, "2026-12-31");
    bad.substitute = person("", "");
    let refused = ws
        .edit_substitute(&record.id, &bad, &admin(20))
        .expect_err("refused");
    assert_eq!(
        codes(refused),
        [
            ("until".to_owned(), "range_order".to_owned()),
            ("substitute".to_owned(), "required".to_owned()),
        ]
    );
    assert_eq!(ws.substitutes()[0].until, "2027-01-20");

    let mut shorter = away(&lead, &deputy, "2027-01-04");
    shorter.reason = "일정 변경".into();
    let edited = ws
        .edit_substitute(&record.id, &shorter, &admin(30))
        .expect("edited");
    assert_eq!(edited.id, record.id);
    let listed = ws.substitutes();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].until.as_str(), listed[0].reason.as_str()),
        ("2027-01-04", "일정 변경")
    );
    // A line chosen from now on no longer names the deputy (the range ended yesterday); the
    // request submitted before keeps the days it was given, and the deputy still acts there.
    let after = request(&ws, &budget, 40, true).expect("submitted");
    assert!(
        ws.purchase_request(&after).expect("read").line.steps[0].approvers[0]
            .substitute
            .is_none()
    );
    assert_eq!(
        decide(&ws, &before, &deputy, 50).expect("대결"),
        Status::InReview
    );
    assert!(matches!(
        ws.edit_substitute("01JNOSUCHSUBSTITUTE0000000", &shorter, &admin(60)),
        Err(PurchasingError::NoSuchSubstitute(_))
    ));
}

#[test]
fn a_removal_and_an_edit_made_at_once_on_two_devices_merge_to_removed_through_the_hub() {
    let server = server();
    let mut kim = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    let (lead, head) = (person("u-lead", "박팀장"), person("u-head", "이본부장"));
    let deputy = person("u-dep", "오대리");
    let rule = kim
        .workspace
        .put_approval_rule(ulid::Ulid::new(), &small_rule(&lead, &head), &kim.stamp(1))
        .expect("rule");
    let kept = kim
        .workspace
        .put_approval_rule(
            ulid::Ulid::new(),
            &RuleInput {
                name: "고액".into(),
                min_krw: "10,000,000".into(),
                max_krw: String::new(),
                ..small_rule(&lead, &head)
            },
            &kim.stamp(2),
        )
        .expect("rule");
    let record = kim
        .workspace
        .add_substitute(
            ulid::Ulid::new(),
            &away(&lead, &deputy, "2027-01-20"),
            &kim.stamp(3),
        )
        .expect("substitute");
    kim.sync();
    lee.sync();
    assert_eq!(lee.workspace.approval_rules().len(), 2);

    // Offline at once: 김민준 removes the rule and the substitute, 이서연 edits both.
    kim.workspace
        .remove_approval_rule(&rule.id, "", &kim.stamp(10))
        .expect("removed");
    kim.workspace
        .remove_substitute(&record.id, "", &kim.stamp(11))
        .expect("removed");
    let id = ulid::Ulid::from_string(&rule.id).expect("ulid");
    lee.workspace
        .put_approval_rule(
            id,
            &RuleInput {
                name: "소액 (개정)".into(),
                ..small_rule(&lead, &head)
            },
            &lee.stamp(12),
        )
        .expect("edited");
    lee.workspace
        .edit_substitute(
            &record.id,
            &away(&lead, &deputy, "2027-01-31"),
            &lee.stamp(13),
        )
        .expect("edited");

    lee.sync();
    kim.sync();
    lee.sync();
    for side in [&kim, &lee] {
        let names: Vec<String> = side
            .workspace
            .approval_rules()
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, ["고액"], "{}", side.who.name);
        assert!(side.workspace.substitutes().is_empty(), "{}", side.who.name);
        assert_eq!(
            side.workspace.approval_rule(&kept.id).expect("kept").name,
            "고액"
        );
        // The edit is merged into the document, which stays removed.
        let index = side
            .workspace
            .indexes()
            .read::<super::request_index::PurchaseIndex>();
        assert_eq!(index.rules[&rule.id].name, "소액 (개정)");
        assert!(index.rules[&rule.id].is_removed());
        assert_eq!(index.substitutes[&record.id].until, "2027-01-31");
        assert!(index.substitutes[&record.id].is_removed());
    }
}

#[test]
fn no_file_is_added_to_a_cancelled_or_completed_request() {
    let (_dir, _store, ws) = fresh_workspace();
    let key = request(&ws, "", 10, false).expect("draft");
    ws.cancel_purchase_request(&key, "중복 요청", &as_account("u-kim", "김민준", 20))
        .expect("cancelled");
    let refused = ws
        .add_request_file(
            &key,
            "사양서.txt",
            b"R760",
            &as_account("u-kim", "김민준", 30),
        )
        .expect_err("closed");
    let problems = match refused {
        PurchasingError::Refused(problems) => problems,
        other => panic!("not a refusal: {other}"),
    };
    assert_eq!(
        (
            problems[0].field.as_str(),
            problems[0].code.as_str(),
            problems[0].value.as_str()
        ),
        ("file", "request_closed", "cancelled")
    );
    assert!(
        problems[0].message.contains("no file can be added"),
        "{}",
        problems[0].message
    );
    assert!(ws.purchase_request(&key).expect("read").files.is_empty());

    // A completed request of the demo refuses one the same way.
    super::demo::generate(
        &ws,
        40,
        5,
        7,
        &as_account("u-demo", "데모", 1_796_000_000_000),
    )
    .expect("demo");
    let completed = ws
        .purchase_requests()
        .into_iter()
        .find(|r| r.status() == Status::Completed)
        .expect("a completed request");
    let refused = ws
        .add_request_file(
            &completed.id,
            "송장.pdf",
            b"%PDF",
            &as_account("u-kim", "김민준", 40),
        )
        .expect_err("closed");
    assert_eq!(
        codes(refused),
        [("file".to_owned(), "request_closed".to_owned())]
    );
    assert_eq!(
        ws.purchase_request(&completed.id).expect("read").files,
        completed.files
    );
}
