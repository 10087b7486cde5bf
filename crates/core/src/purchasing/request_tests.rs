//! Purchase requests on a real store: the approval line each rule gives (amount bands, kinds,
//! 전결, 대결 by date, parallel 합의), staleness after an edit, reject-beats-approve after two
//! offline devices merge, the budget's policy at submit and approval, signed decisions.

use super::budget::{BudgetInput, BudgetLineKind, BudgetPolicy};
use super::policy::{resolve, ApprovalRule, RuleStep, Substitute};
use super::request::{LineKind, Person, Status, StepKind, Verdict};
use super::request_ops::{LineInput, RequestInput, SubstituteInput};
use super::views::RequestQuery;
use super::PurchasingError;
use crate::assets::Date;
use crate::ids::WorkspaceId;
use crate::problem::Problem;
use crate::stamp::{Author, Identity, Stamp};
use crate::store::Workspace;
use crate::testkit::{device, fresh_workspace, server};
use crate::trust::{
    verify_all, Capability, DeviceKey, Grant, Member, RegisteredKey, Roster, Signer,
};

fn person(who: &str, name: &str) -> Person {
    Person {
        who: who.into(),
        name: name.into(),
    }
}

fn as_account(who: &str, name: &str, at_ms: i64) -> Stamp {
    Stamp::new(Author::from_name(name), at_ms).by(Identity::Account(who.into()))
}

fn day(text: &str) -> Date {
    Date(text.into())
}

fn lead() -> Person {
    person("u-lead", "박팀장")
}
fn head() -> Person {
    person("u-head", "이본부장")
}
fn finance() -> Person {
    person("u-fin", "최재무")
}
fn security() -> Person {
    person("u-sec", "정보안")
}
fn ceo() -> Person {
    person("u-ceo", "강대표")
}

/// The team's rules: up to ₩10M a review by the team lead and the head's approval (전결 to the
/// lead below ₩3M); ₩10M to ₩100M review, finance and security agreeing in parallel, the CEO's
/// approval (an edit returns to the agreement); hardware from ₩100M on its own rule.
fn rules() -> Vec<ApprovalRule> {
    vec![
        ApprovalRule {
            id: ulid::Ulid(0xA).to_string(),
            name: "소액".into(),
            min_krw: 0,
            max_krw: Some(10_000_000),
            kinds: vec![],
            steps: vec![
                RuleStep {
                    kind: StepKind::Review,
                    approvers: vec![lead()],
                },
                RuleStep {
                    kind: StepKind::Approve,
                    approvers: vec![head()],
                },
            ],
            cc: vec![finance()],
            delegate_below_krw: Some(3_000_000),
            delegate_to: Some(lead()),
            return_to: 0,
            removed: Default::default(),
        },
        ApprovalRule {
            id: ulid::Ulid(0xB).to_string(),
            name: "중액".into(),
            min_krw: 10_000_000,
            max_krw: None,
            kinds: vec![],
            steps: vec![
                RuleStep {
                    kind: StepKind::Review,
                    approvers: vec![lead()],
                },
                RuleStep {
                    kind: StepKind::Agree,
                    approvers: vec![finance(), security()],
                },
                RuleStep {
                    kind: StepKind::Approve,
                    approvers: vec![ceo()],
                },
            ],
            cc: vec![],
            delegate_below_krw: None,
            delegate_to: None,
            return_to: 1,
            removed: Default::default(),
        },
        ApprovalRule {
            id: ulid::Ulid(0xC).to_string(),
            name: "대형 하드웨어".into(),
            min_krw: 100_000_000,
            max_krw: None,
            kinds: vec![LineKind::Hardware],
            steps: vec![
                RuleStep {
                    kind: StepKind::Review,
                    approvers: vec![head()],
                },
                RuleStep {
                    kind: StepKind::Approve,
                    approvers: vec![ceo()],
                },
            ],
            cc: vec![],
            delegate_below_krw: None,
            delegate_to: None,
            return_to: 0,
            removed: Default::default(),
        },
    ]
}

fn who_of(line: &super::request::ApprovalLine) -> Vec<(StepKind, Vec<String>)> {
    line.steps
        .iter()
        .map(|s| {
            (
                s.kind,
                s.approvers.iter().map(|a| a.person.who.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn each_rule_gives_its_line_by_amount_band_kind_and_delegation() {
    let rules = rules();
    let hw = [LineKind::Hardware];
    // ₩2M: below the 전결 threshold, the lead takes the final approval.
    let small = resolve(&rules, &[], 2_000_000, &hw, "2027-01-05").expect("line");
    assert_eq!(small.rule, "소액");
    assert!(small.delegated);
    assert_eq!(
        who_of(&small),
        [
            (StepKind::Review, vec!["u-lead".to_owned()]),
            (StepKind::Approve, vec!["u-lead".to_owned()]),
        ]
    );
    assert_eq!(small.cc, [finance()]);
    // ₩5M: the head approves.
    let five = resolve(&rules, &[], 5_000_000, &hw, "2027-01-05").expect("line");
    assert!(!five.delegated);
    assert_eq!(five.steps[1].approvers[0].person, head());
    // ₩10M exactly is the next band (its minimum is inclusive, the maximum exclusive).
    let ten = resolve(&rules, &[], 10_000_000, &hw, "2027-01-05").expect("line");
    assert_eq!(ten.rule, "중액");
    assert_eq!(ten.steps[1].kind, StepKind::Agree);
    assert_eq!(ten.steps[1].approvers.len(), 2);
    assert_eq!(ten.return_to, 1);
    // ₩150M of hardware: the hardware rule (kinds named) before the any-kind one.
    let big = resolve(&rules, &[], 150_000_000, &hw, "2027-01-05").expect("line");
    assert_eq!(big.rule, "대형 하드웨어");
    // ₩150M of hardware and a licence: not all hardware, so the any-kind rule.
    let mixed = resolve(
        &rules,
        &[],
        150_000_000,
        &[LineKind::Hardware, LineKind::Licence],
        "2027-01-05",
    )
    .expect("line");
    assert_eq!(mixed.rule, "중액");
    // No rule for a negative total (nothing covers it).
    assert!(resolve(&rules, &[], -1, &hw, "2027-01-05").is_err());
}

#[test]
fn a_substitute_is_attached_while_their_range_has_not_ended() {
    let substitutes = [Substitute {
        id: ulid::Ulid(0x5).to_string(),
        absent: head(),
        substitute: person("u-dep", "오부본부장"),
        from: "2027-01-10".into(),
        until: "2027-01-20".into(),
        reason: "휴가".into(),
        removed: Default::default(),
    }];
    let line = resolve(&rules(), &substitutes, 5_000_000, &[], "2027-01-05").expect("line");
    let approver = &line.steps[1].approvers[0];
    assert_eq!(
        approver.substitute.as_ref().map(|p| p.who.as_str()),
        Some("u-dep")
    );
    assert_eq!(approver.acts("u-dep", "2027-01-15"), Some(Some("u-head")));
    assert_eq!(approver.acts("u-dep", "2027-01-09"), None);
    assert_eq!(approver.acts("u-dep", "2027-01-21"), None);
    assert_eq!(approver.acts("u-head", "2027-01-15"), Some(None));
    // After the range, no substitute is attached.
    let later = resolve(&rules(), &substitutes, 5_000_000, &[], "2027-01-21").expect("line");
    assert!(later.steps[1].approvers[0].substitute.is_none());
}

fn budget(ws: &Workspace, amount: &str, policy: BudgetPolicy) -> String {
    ws.add_budget(
        ulid::Ulid::new(),
        &BudgetInput {
            year: "2027".into(),
            line: "인프라 증설".into(),
            line_kind: BudgetLineKind::CostCentre,
            code: String::new(),
            amount_krw: amount.into(),
            policy,
            notes: String::new(),
        },
        &as_account("u-admin", "관리자", 1),
    )
    .expect("budget")
    .id
}

fn line(description: &str, quantity: &str, price: &str, currency: &str) -> LineInput {
    LineInput {
        description: description.into(),
        kind: "hardware".into(),
        manufacturer: "Dell".into(),
        part_number: "R760".into(),
        quantity: quantity.into(),
        unit_price: price.into(),
        currency: currency.into(),
        ..LineInput::default()
    }
}

fn request_input(budget: &str, lines: Vec<LineInput>) -> RequestInput {
    RequestInput {
        title: "평택 1센터 컴퓨트 증설".into(),
        department: "인프라팀".into(),
        needed_by: "2027-03-31".into(),
        justification: "OpenStack 컴퓨트 풀 확장".into(),
        budget: budget.into(),
        rates: vec![("USD".into(), "1,385.2".into())],
        lines,
    }
}

fn put_rules(ws: &Workspace) {
    for rule in rules() {
        ws.save_one(&rule, &as_account("u-admin", "관리자", 1), "approval-rule")
            .expect("rule");
    }
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

const TODAY: &str = "2027-01-05";

fn decide(
    ws: &Workspace,
    key: &str,
    who: Person,
    verdict: Verdict,
    at: i64,
) -> Result<Status, PurchasingError> {
    ws.decide_purchase_request(
        key,
        verdict,
        if verdict == Verdict::Approve {
            ""
        } else {
            "사양 재검토 필요"
        },
        &day(TODAY),
        &as_account(&who.who, &who.name, at),
        None,
    )
    .map(|outcome| outcome.request.status)
}

#[test]
fn a_request_goes_through_review_parallel_agreement_and_approval_in_order() {
    let (_dir, _store, ws) = fresh_workspace();
    put_rules(&ws);
    let budget = budget(&ws, "500,000,000", BudgetPolicy::Warn);
    // 4 × ₩3,500,000 + 2 × $1,200.50 at ₩1,385.2 = 14,000,000 + 3,325,865 (rounded).
    let input = request_input(
        &budget,
        vec![
            line("R760 서버", "4", "3,500,000", "KRW"),
            line("NVIDIA 라이선스", "2", "1200.50", "USD"),
        ],
    );
    let made = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &input,
            &day(TODAY),
            &as_account("u-kim", "김민준", 10),
        )
        .expect("draft");
    assert_eq!(made.status(), Status::Draft);
    assert_eq!(made.total_krw(), 14_000_000 + 3_325_865);
    let key = made.id.clone();
    let submitted = ws
        .submit_purchase_request(&key, &day(TODAY), &as_account("u-kim", "김민준", 20))
        .expect("submitted");
    assert_eq!(submitted.request.status, Status::Submitted);
    assert_eq!(submitted.request.request.line.rule, "중액");
    assert!(matches!(
        submitted.budget,
        Some(super::budget::PolicyOutcome::Allowed { .. })
    ));
    // The inbox: only the lead's now.
    let inbox = |who: &str| {
        ws.purchase_page(
            &RequestQuery {
                waiting_for_me: true,
                ..RequestQuery::default()
            },
            who,
            TODAY,
        )
        .total
    };
    assert_eq!((inbox("u-lead"), inbox("u-fin"), inbox("u-ceo")), (1, 0, 0));
    // Finance cannot jump the queue; the requester cannot approve their own request.
    assert_eq!(
        codes(decide(&ws, &key, finance(), Verdict::Approve, 30).expect_err("not yet")),
        [(String::new(), "not_your_turn".to_owned())]
    );
    assert_eq!(
        decide(&ws, &key, lead(), Verdict::Approve, 40).expect("review"),
        Status::InReview
    );
    assert_eq!((inbox("u-lead"), inbox("u-fin"), inbox("u-sec")), (0, 1, 1));
    // Agreement in parallel: security first, then finance; the step advances after both.
    assert_eq!(
        decide(&ws, &key, security(), Verdict::Approve, 50).expect("agree"),
        Status::InReview
    );
    assert_eq!(inbox("u-ceo"), 0);
    assert_eq!(
        decide(&ws, &key, finance(), Verdict::Approve, 60).expect("agree"),
        Status::InReview
    );
    assert_eq!(inbox("u-ceo"), 1);
    assert_eq!(
        decide(&ws, &key, ceo(), Verdict::Approve, 70).expect("final"),
        Status::Approved
    );
    assert_eq!(inbox("u-ceo"), 0);
    // The approved request commits its estimate to the budget.
    let uses = ws.budget_uses(Some(2027));
    assert_eq!(uses[0].committed_krw, 17_325_865);
}

#[test]
fn an_edit_after_approvals_makes_later_ones_stale_and_a_new_total_chooses_the_line_again() {
    let (_dir, _store, ws) = fresh_workspace();
    put_rules(&ws);
    let budget = budget(&ws, "500,000,000", BudgetPolicy::Allow);
    let input = request_input(&budget, vec![line("R760 서버", "4", "3,500,000", "KRW")]);
    let key = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &input,
            &day(TODAY),
            &as_account("u-kim", "김민준", 10),
        )
        .expect("draft")
        .id;
    ws.submit_purchase_request(&key, &day(TODAY), &as_account("u-kim", "김민준", 20))
        .expect("submitted");
    decide(&ws, &key, lead(), Verdict::Approve, 30).expect("review");
    decide(&ws, &key, finance(), Verdict::Approve, 40).expect("agree");
    decide(&ws, &key, security(), Verdict::Approve, 50).expect("agree");
    assert_eq!(ws.purchase_request(&key).expect("read").current_step(), 2);
    // Five servers instead of four: the review (before the rule's return step) carries over,
    // the agreement is asked again.
    let mut more = input.clone();
    let line_key = ws
        .purchase_request(&key)
        .expect("read")
        .lines
        .keys()
        .next()
        .cloned()
        .expect("line");
    more.lines[0].key = line_key;
    more.lines[0].quantity = "5".into();
    let edited = ws
        .edit_purchase_request(&key, &more, &day(TODAY), &as_account("u-kim", "김민준", 60))
        .expect("edited");
    assert_eq!(edited.status(), Status::InReview);
    assert_eq!(edited.current_step(), 1);
    let waiting: Vec<String> = edited
        .waiting_on()
        .iter()
        .map(|a| a.person.who.clone())
        .collect();
    assert_eq!(waiting, ["u-fin", "u-sec"]);
    // The view names the two agreements as stale (what the approval line shows), not the
    // review that carried over.
    let view = ws.request_view(&edited);
    let stale: Vec<&str> = view
        .stale
        .iter()
        .map(|key| edited.decisions[key].by.who.as_str())
        .collect();
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert!(
        stale.contains(&"u-fin") && stale.contains(&"u-sec"),
        "{stale:?}"
    );
    // Down to ₩7M: the small rule's line now, whose review is asked again (it returns to 0).
    more.lines[0].quantity = "2".into();
    let smaller = ws
        .edit_purchase_request(&key, &more, &day(TODAY), &as_account("u-kim", "김민준", 70))
        .expect("edited");
    assert_eq!(smaller.line.rule, "소액");
    assert_eq!(smaller.current_step(), 0);
    assert_eq!(smaller.status(), Status::Submitted);
    // An approved request edited goes back to review too.
    decide(&ws, &key, lead(), Verdict::Approve, 80).expect("review");
    assert_eq!(
        decide(&ws, &key, head(), Verdict::Approve, 90).expect("final"),
        Status::Approved
    );
    more.lines[0].quantity = "1".into();
    let after = ws
        .edit_purchase_request(
            &key,
            &more,
            &day(TODAY),
            &as_account("u-kim", "김민준", 100),
        )
        .expect("edited");
    assert_eq!(after.status(), Status::Submitted);
}

#[test]
fn a_substitute_decides_for_the_absent_approver_only_within_the_range() {
    let (_dir, _store, ws) = fresh_workspace();
    put_rules(&ws);
    ws.add_substitute(
        ulid::Ulid::new(),
        &SubstituteInput {
            absent: head(),
            substitute: person("u-dep", "오부본부장"),
            from: "2027-01-01".into(),
            until: "2027-01-10".into(),
            reason: "휴가".into(),
        },
        &as_account("u-admin", "관리자", 1),
    )
    .expect("substitute");
    let budget = budget(&ws, "500,000,000", BudgetPolicy::Allow);
    let input = request_input(&budget, vec![line("스위치", "1", "5,000,000", "KRW")]);
    let key = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &input,
            &day(TODAY),
            &as_account("u-kim", "김민준", 10),
        )
        .expect("draft")
        .id;
    ws.submit_purchase_request(&key, &day(TODAY), &as_account("u-kim", "김민준", 20))
        .expect("submitted");
    decide(&ws, &key, lead(), Verdict::Approve, 30).expect("review");
    let deputy = person("u-dep", "오부본부장");
    let late = ws.decide_purchase_request(
        &key,
        Verdict::Approve,
        "",
        &day("2027-01-11"),
        &as_account("u-dep", "오부본부장", 40),
        None,
    );
    assert_eq!(
        codes(late.expect_err("out of range")),
        [(String::new(), "not_your_turn".to_owned())]
    );
    let status = decide(&ws, &key, deputy, Verdict::Approve, 50).expect("대결");
    assert_eq!(status, Status::Approved);
    let request = ws.purchase_request(&key).expect("read");
    let decision = request
        .decisions
        .values()
        .find(|d| d.step == 1)
        .expect("decision");
    assert_eq!(decision.acting_for.as_deref(), Some("u-head"));
}

#[test]
fn a_rejection_made_offline_beats_a_concurrent_approval_on_every_device() {
    let server = server();
    let mut kim_device = device(&server, "김민준");
    let mut head_device = device(&server, "이본부장");
    let mut deputy_device = device(&server, "오부본부장");
    let account = |d: &crate::testkit::Device| person(&d.transport.account, &d.who.name);
    let (head_p, deputy_p) = (account(&head_device), account(&deputy_device));
    // One step: the head's approval, with the deputy standing in (대결) this week.
    let rule = ApprovalRule {
        steps: vec![RuleStep {
            kind: StepKind::Approve,
            approvers: vec![head_p.clone()],
        }],
        delegate_below_krw: None,
        delegate_to: None,
        ..rules().remove(0)
    };
    let ws = &kim_device.workspace;
    ws.save_one(&rule, &kim_device.stamp(1), "approval-rule")
        .expect("rule");
    ws.add_substitute(
        ulid::Ulid::new(),
        &SubstituteInput {
            absent: head_p.clone(),
            substitute: deputy_p.clone(),
            from: "2027-01-01".into(),
            until: "2027-01-10".into(),
            reason: "출장".into(),
        },
        &kim_device.stamp(2),
    )
    .expect("substitute");
    // Everything by the requester's own account: the hub takes a device's changes as its
    // account's only.
    let budget = ws
        .add_budget(
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
            &kim_device.stamp(3),
        )
        .expect("budget")
        .id;
    let input = request_input(&budget, vec![line("스위치", "1", "5,000,000", "KRW")]);
    let key = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &input,
            &day(TODAY),
            &kim_device.stamp(10),
        )
        .expect("draft")
        .id;
    ws.submit_purchase_request(&key, &day(TODAY), &kim_device.stamp(20))
        .expect("submitted");
    kim_device.sync();
    head_device.sync();
    deputy_device.sync();
    // Offline at once: the head approves on his laptop; the deputy, standing in, rejects.
    head_device
        .workspace
        .decide_purchase_request(
            &key,
            Verdict::Approve,
            "",
            &day(TODAY),
            &head_device.stamp(40),
            None,
        )
        .expect("approve");
    assert_eq!(
        head_device
            .workspace
            .purchase_request(&key)
            .expect("read")
            .status(),
        Status::Approved
    );
    deputy_device
        .workspace
        .decide_purchase_request(
            &key,
            Verdict::Reject,
            "예산 재배정",
            &day(TODAY),
            &deputy_device.stamp(35),
            None,
        )
        .expect("reject");
    // Whichever syncs first, every device ends up with the rejection.
    head_device.sync();
    deputy_device.sync();
    head_device.sync();
    kim_device.sync();
    for side in [&head_device, &deputy_device, &kim_device] {
        let request = side.workspace.purchase_request(&key).expect("read");
        assert_eq!(request.status(), Status::Rejected, "{}", side.who.name);
        assert_eq!(
            request.rejection().map(|d| d.comment.as_str()),
            Some("예산 재배정")
        );
        assert_eq!(request.decisions.len(), 2);
    }
}

#[test]
fn the_budget_policy_stops_or_warns_at_submit_and_again_at_approval() {
    let (_dir, _store, ws) = fresh_workspace();
    put_rules(&ws);
    // A ₩10M stop budget: an ₩8M request goes, a second ₩8M request is stopped.
    let stop = budget(&ws, "10,000,000", BudgetPolicy::Stop);
    let make = |at: i64| {
        ws.create_purchase_request(
            ulid::Ulid::new(),
            &request_input(&stop, vec![line("스위치", "1", "8,000,000", "KRW")]),
            &day(TODAY),
            &as_account("u-kim", "김민준", at),
        )
        .expect("draft")
        .id
    };
    let first = make(10);
    let second = make(11);
    ws.submit_purchase_request(&first, &day(TODAY), &as_account("u-kim", "김민준", 20))
        .expect("submitted");
    // Submitting the second is fine while the first is only submitted (nothing committed)…
    ws.submit_purchase_request(&second, &day(TODAY), &as_account("u-kim", "김민준", 21))
        .expect("submitted");
    decide(&ws, &first, lead(), Verdict::Approve, 30).expect("review");
    decide(&ws, &first, head(), Verdict::Approve, 31).expect("approved");
    // …but its final approval is stopped once the first holds ₩8M of the ₩10M.
    decide(&ws, &second, lead(), Verdict::Approve, 40).expect("review");
    let refused = decide(&ws, &second, head(), Verdict::Approve, 41).expect_err("stopped");
    let PurchasingError::Refused(problems) = refused else {
        panic!("not a refusal")
    };
    assert_eq!(problems[0].field, "budget");
    assert_eq!(
        problems[0].detail.get("available_krw").map(String::as_str),
        Some("2000000")
    );
    assert_eq!(
        problems[0].detail.get("request_krw").map(String::as_str),
        Some("8000000")
    );
    assert_eq!(
        ws.purchase_request(&second).expect("read").status(),
        Status::InReview
    );
    // Under warn, the same goes ahead with the numbers.
    let warn = budget_named(&ws, "예비비", "10,000,000", BudgetPolicy::Warn);
    let mut input = request_input(&warn, vec![line("스위치", "2", "6,000,000", "KRW")]);
    input.title = "예비 스위치".into();
    let third = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &input,
            &day(TODAY),
            &as_account("u-kim", "김민준", 50),
        )
        .expect("draft")
        .id;
    let outcome = ws
        .submit_purchase_request(&third, &day(TODAY), &as_account("u-kim", "김민준", 51))
        .expect("warned, submitted");
    assert!(matches!(
        outcome.budget,
        Some(super::budget::PolicyOutcome::Warned { .. })
    ));
}

fn budget_named(ws: &Workspace, line: &str, amount: &str, policy: BudgetPolicy) -> String {
    ws.add_budget(
        ulid::Ulid::new(),
        &BudgetInput {
            year: "2027".into(),
            line: line.into(),
            line_kind: BudgetLineKind::Project,
            code: String::new(),
            amount_krw: amount.into(),
            policy,
            notes: String::new(),
        },
        &as_account("u-admin", "관리자", 1),
    )
    .expect("budget")
    .id
}

#[test]
fn bad_input_is_refused_at_its_field_and_nothing_is_written() {
    let (_dir, _store, ws) = fresh_workspace();
    let mut input = request_input("2027/없는 예산", vec![line("", "two", "abc", "GBP")]);
    input.needed_by = "2026-12-31".into();
    input.rates = vec![];
    input.lines.push(line("서버", "1.5", "-3", "USD"));
    let refused = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &input,
            &day(TODAY),
            &as_account("u-kim", "김민준", 10),
        )
        .expect_err("refused");
    assert_eq!(
        codes(refused),
        [
            ("needed_by".to_owned(), "needed_by_past".to_owned()),
            ("budget".to_owned(), "unknown_budget".to_owned()),
            ("lines.0.currency".to_owned(), "unknown_currency".to_owned()),
            ("lines.0.description".to_owned(), "required".to_owned()),
            ("lines.0.quantity".to_owned(), "not_a_number".to_owned()),
            ("lines.0.unit_price".to_owned(), "not_a_number".to_owned()),
            (
                "lines.1.quantity".to_owned(),
                "not_a_whole_number".to_owned()
            ),
            ("lines.1.unit_price".to_owned(), "negative".to_owned()),
            ("lines.1.currency".to_owned(), "no_rate".to_owned()),
        ]
    );
    assert!(ws.purchase_requests().is_empty());
    // A draft with no rule for it cannot be submitted, and says why.
    let budget = budget(&ws, "1,000,000", BudgetPolicy::Allow);
    let key = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &request_input(&budget, vec![line("케이블", "1", "10,000", "KRW")]),
            &day(TODAY),
            &as_account("u-kim", "김민준", 20),
        )
        .expect("draft")
        .id;
    assert_eq!(
        codes(
            ws.submit_purchase_request(&key, &day(TODAY), &as_account("u-kim", "김민준", 30))
                .expect_err("no rule")
        ),
        [(String::new(), "no_approval_rule".to_owned())]
    );
    assert_eq!(
        ws.purchase_request(&key).expect("read").status(),
        Status::Draft
    );
}

struct Team {
    roster: Roster,
    lead_key: DeviceKey,
    head_key: DeviceKey,
}

fn team(head_limit: Option<u64>) -> Team {
    let (lead_key, head_key) = (DeviceKey::generate(), DeviceKey::generate());
    let member = |p: Person, key: &DeviceKey, grants: Vec<Grant>| Member {
        user_id: p.who,
        name: p.name,
        role: "editor".into(),
        grants,
        keys: vec![RegisteredKey {
            public: key.public(),
            added_at_ms: 0,
            revoked_at_ms: None,
            device_name: "laptop".into(),
        }],
        claimed_identities: Vec::new(),
    };
    let grant = |capability, max_amount_krw| Grant {
        capability,
        from_ms: 0,
        until_ms: None,
        max_amount_krw,
        categories: Vec::new(),
    };
    Team {
        roster: Roster {
            workspace: WorkspaceId(ulid::Ulid(1)),
            version: 1,
            issued_at_ms: 0,
            members: vec![
                // The lead reviews but holds no purchase approval.
                member(
                    lead(),
                    &lead_key,
                    vec![grant(Capability::SelectVendors, None)],
                ),
                member(
                    head(),
                    &head_key,
                    vec![grant(Capability::ApprovePurchases, head_limit)],
                ),
            ],
        },
        lead_key,
        head_key,
    }
}

#[test]
fn decisions_are_signed_by_entitled_members_within_their_limit_and_verify_on_any_device() {
    let (_dir, _store, ws) = fresh_workspace();
    let mut rule = rules().remove(0);
    rule.steps[0].approvers = vec![head()];
    rule.steps[1].approvers = vec![head()];
    rule.delegate_to = None;
    rule.delegate_below_krw = None;
    ws.save_one(&rule, &as_account("u-admin", "관리자", 1), "approval-rule")
        .expect("rule");
    let budget = budget(&ws, "500,000,000", BudgetPolicy::Allow);
    let key = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &request_input(&budget, vec![line("스위치", "1", "5,000,000", "KRW")]),
            &day(TODAY),
            &as_account("u-kim", "김민준", 10),
        )
        .expect("draft")
        .id;
    ws.submit_purchase_request(&key, &day(TODAY), &as_account("u-kim", "김민준", 20))
        .expect("submitted");
    let decide_signed = |team: &Team, who: Person, key_of: &DeviceKey, at: i64| {
        let signer = Signer {
            user_id: &who.who,
            key: key_of,
            roster: Some(&team.roster),
        };
        ws.decide_purchase_request(
            &key,
            Verdict::Approve,
            "",
            &day(TODAY),
            &as_account(&who.who, &who.name, at),
            Some(&signer),
        )
    };
    // A ₩3M limit does not cover ₩5M.
    let limited = team(Some(3_000_000));
    assert_eq!(
        codes(decide_signed(&limited, head(), &limited.head_key, 30).expect_err("over limit")),
        [(String::new(), "over_approval_limit".to_owned())]
    );
    // The lead holds no purchase approval at all: the signer refuses.
    let full = team(None);
    let mut lead_rule = rule.clone();
    lead_rule.steps[0].approvers = vec![lead()];
    ws.save_one(
        &lead_rule,
        &as_account("u-admin", "관리자", 2),
        "approval-rule",
    )
    .expect("rule");
    // (The line was chosen at submission; the head is still the reviewer here.)
    let lead_try = {
        let signer = Signer {
            user_id: "u-lead",
            key: &full.lead_key,
            roster: Some(&full.roster),
        };
        ws.decide_purchase_request(
            &key,
            Verdict::Approve,
            "",
            &day(TODAY),
            &as_account("u-lead", "박팀장", 35),
            Some(&signer),
        )
    };
    assert_eq!(
        codes(lead_try.expect_err("not the lead's turn")),
        [(String::new(), "not_your_turn".to_owned())]
    );
    decide_signed(&full, head(), &full.head_key, 40).expect("review, signed");
    decide_signed(&full, head(), &full.head_key, 50).expect("final, signed");
    let request = ws.purchase_request(&key).expect("read");
    assert_eq!(request.status(), Status::Approved);
    let held = super::decisions::held(&request);
    assert_eq!(held.len(), 2);
    for decision in &held {
        let signed = decision.signed.as_ref().expect("signed");
        assert_eq!(signed.decision.capability, Capability::ApprovePurchases);
        assert!(verify_all(&full.roster, &[(signed, Some(decision.content_now))])[0].is_valid());
    }
    // A snapshot tampered with no longer matches what was signed.
    let mut tampered = request.clone();
    for text in tampered.snapshots.values_mut() {
        *text = text.replace("5000000", "500000");
    }
    let held = super::decisions::held(&tampered);
    let signed = held[0].signed.as_ref().expect("signed");
    assert!(!verify_all(&full.roster, &[(signed, Some(held[0].content_now))])[0].is_valid());
    let _ = full.lead_key;
}

#[test]
fn whoever_must_act_next_and_the_requester_on_each_change_are_alerted_and_search_finds_requests() {
    let (_dir, _store, ws) = fresh_workspace();
    // Times on TODAY: a status change is news for two weeks after it.
    let morning = crate::lifecycle::day_number(&day(TODAY)).expect("day") * 86_400_000;
    let at = |n: i64| morning + n;
    put_rules(&ws);
    let budget = budget(&ws, "500,000,000", BudgetPolicy::Allow);
    let made = ws
        .create_purchase_request(
            ulid::Ulid::new(),
            &request_input(&budget, vec![line("R760 서버", "1", "5,000,000", "KRW")]),
            &day(TODAY),
            &as_account("u-kim", "김민준", at(10)),
        )
        .expect("draft");
    let key = made.id.clone();
    let purchasing = |ws: &Workspace| -> Vec<(String, String, String)> {
        ws.alerts(TODAY)
            .into_iter()
            .filter(|a| a.source == "purchasing")
            .map(|a| {
                (
                    a.kind,
                    a.subject,
                    a.values.get("reason").cloned().unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(purchasing(&ws), [], "a draft alerts nobody");
    ws.submit_purchase_request(&key, &day(TODAY), &as_account("u-kim", "김민준", at(20)))
        .expect("submitted");
    // The small rule copies finance (참조): told, never asked.
    assert_eq!(
        purchasing(&ws),
        [
            (
                "request_copied".to_owned(),
                "최재무".to_owned(),
                String::new()
            ),
            (
                "request_submitted".to_owned(),
                "김민준".to_owned(),
                String::new()
            ),
            (
                "approval_waiting".to_owned(),
                "박팀장".to_owned(),
                String::new()
            ),
        ]
    );
    decide(&ws, &key, lead(), Verdict::Approve, at(30)).expect("review");
    decide(&ws, &key, head(), Verdict::Reject, at(40)).expect("rejected");
    let alerts = ws.alerts(TODAY);
    let rejected = alerts
        .iter()
        .find(|a| a.kind == "request_rejected")
        .expect("the requester hears of the rejection");
    assert_eq!(
        rejected.values.get("reason").map(String::as_str),
        Some("사양 재검토 필요")
    );
    assert_eq!(
        rejected.values.get("by").map(String::as_str),
        Some("이본부장")
    );
    assert!(!alerts.iter().any(|a| a.kind == "approval_waiting"));
    // Two weeks on, the change is no longer news.
    assert!(!ws
        .alerts("2027-02-05")
        .iter()
        .any(|a| a.source == "purchasing"));
    // Search: by number and by a line's words.
    for words in [made.number.as_str(), "R760"] {
        let hits = ws.search(words, 10).hits;
        assert!(
            hits.iter()
                .any(|hit| hit.record == format!("purchase/{key}")),
            "{words}: {hits:?}"
        );
    }
}

#[test]
fn the_demo_writes_requests_at_every_stage_with_vendors_of_valid_numbers() {
    let (_dir, _store, ws) = fresh_workspace();
    let made = super::demo::generate(
        &ws,
        40,
        5,
        7,
        &as_account("u-demo", "데모", 1_796_000_000_000),
    )
    .expect("demo");
    assert_eq!(made.requests, 40);
    for vendor in ws.vendors() {
        assert!(
            super::check_business_number(&vendor.business_number).is_ok(),
            "{}",
            vendor.business_number
        );
    }
    let mut statuses: Vec<Status> = ws.purchase_requests().iter().map(|r| r.status()).collect();
    statuses.sort();
    statuses.dedup();
    assert_eq!(
        statuses,
        [
            Status::Draft,
            Status::Submitted,
            Status::InReview,
            Status::ChangesRequested,
            Status::Approved,
            Status::Rejected,
            Status::QuotesRequested,
            Status::VendorSelected,
            Status::Ordered,
            Status::PartlyReceived,
            Status::Received,
            Status::Completed,
            Status::Cancelled,
        ]
    );
    // The received units are assets in the register, each naming its order.
    let received: u64 = ws
        .purchase_requests()
        .iter()
        .map(|r| r.units_accepted())
        .sum();
    assert!(received > 0);
    // Ordered and approved requests hold their budgets.
    assert!(ws
        .budget_uses(Some(2026))
        .iter()
        .any(|u| u.committed_krw > 0));
}

#[test]
fn a_requests_files_reach_another_device_with_their_bytes_and_bad_ones_are_refused() {
    let server = server();
    let mut kim = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    let key = kim
        .workspace
        .create_purchase_request(
            ulid::Ulid::new(),
            &request_input("", vec![line("R760 서버", "1", "5,000,000", "KRW")]),
            &day(TODAY),
            &kim.stamp(10),
        )
        .expect("draft")
        .id;
    let bytes = "사양서: R760, 2×Xeon 6430".as_bytes();
    let (_, sha) = kim
        .workspace
        .add_request_file(&key, "사양서.txt", bytes, &kim.stamp(20))
        .expect("kept");
    assert_eq!(
        codes(
            kim.workspace
                .add_request_file(&key, "", b"", &kim.stamp(21))
                .expect_err("refused")
        ),
        [
            ("file_name".to_owned(), "required".to_owned()),
            ("file".to_owned(), "required".to_owned()),
        ]
    );
    kim.sync();
    lee.sync();
    let there = lee.workspace.purchase_request(&key).expect("synced");
    assert_eq!(there.files[&sha].name, "사양서.txt");
    assert_eq!(
        lee.workspace.blob(&sha).expect("read").as_deref(),
        Some(bytes)
    );
    let removed = lee
        .workspace
        .remove_request_file(&key, &sha, &lee.stamp(30))
        .expect("removed");
    assert!(removed.files.is_empty());
    assert_eq!(
        codes(
            lee.workspace
                .remove_request_file(&key, &sha, &lee.stamp(31))
                .expect_err("gone")
        ),
        [("file".to_owned(), "unknown_file".to_owned())]
    );
}
