use super::*;
use crate::testkit::{device, fresh_workspace, server, stamp};

fn input(year: &str, line: &str, amount: &str, policy: BudgetPolicy) -> BudgetInput {
    BudgetInput {
        year: year.into(),
        line: line.into(),
        line_kind: BudgetLineKind::CostCentre,
        code: "CC-100".into(),
        amount_krw: amount.into(),
        policy,
        notes: "2027 증설 예산".into(),
    }
}

fn budget(amount_krw: i64, policy: BudgetPolicy) -> Budget {
    Budget {
        id: "B1".into(),
        year: 2027,
        line: "인프라 증설".into(),
        line_kind: BudgetLineKind::CostCentre,
        code: String::new(),
        amount_krw,
        policy,
        notes: String::new(),
    }
}

fn charge(budget: &str, request: &str, committed_krw: i64, spent_krw: i64) -> BudgetCharge {
    BudgetCharge {
        budget: budget.into(),
        request: request.into(),
        committed_krw,
        spent_krw,
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

fn pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

/// 500,000,000 set aside; R1 holds 120,000,000 committed, R2 30,000,000 committed and
/// 50,000,000 received, R4 100,000,000 received; R3 charges another budget.
fn charges() -> Vec<BudgetCharge> {
    vec![
        charge("B1", "purchase/R1", 120_000_000, 0),
        charge("B1", "purchase/R2", 30_000_000, 50_000_000),
        charge("B2", "purchase/R3", 999_000_000, 0),
        charge("B1", "purchase/R4", 0, 100_000_000),
    ]
}

#[test]
fn use_adds_up_the_charges_of_this_budget_only() {
    let used = budget_use(&budget(500_000_000, BudgetPolicy::Stop), &charges());
    assert_eq!(used.committed_krw, 150_000_000);
    assert_eq!(used.spent_krw, 150_000_000);
    // 500,000,000 − 150,000,000 − 150,000,000
    assert_eq!(used.available_krw, 200_000_000);
    // 300,000,000 ÷ 500,000,000
    assert_eq!(used.utilisation_pct, Some(60.0));
    assert_eq!(
        used.charges
            .iter()
            .map(|c| c.request.as_str())
            .collect::<Vec<_>>(),
        ["purchase/R1", "purchase/R2", "purchase/R4"]
    );
}

#[test]
fn an_overdrawn_budget_has_negative_available_and_more_than_a_hundred_percent_used() {
    let used = budget_use(
        &budget(100, BudgetPolicy::Warn),
        &[charge("B1", "purchase/R1", 80, 40)],
    );
    assert_eq!(used.available_krw, -20);
    assert_eq!(used.utilisation_pct, Some(120.0));
}

#[test]
fn utilisation_is_rounded_half_up_to_a_tenth_of_a_percent_and_absent_for_a_zero_budget() {
    let pct = |amount, used| {
        budget_use(
            &budget(amount, BudgetPolicy::Allow),
            &[charge("B1", "purchase/R1", used, 0)],
        )
        .utilisation_pct
    };
    assert_eq!(pct(3, 1), Some(33.3)); // 33.33…
    assert_eq!(pct(3, 2), Some(66.7)); // 66.66…
    assert_eq!(pct(2_000, 1), Some(0.1)); // 0.05, half up
    assert_eq!(pct(2_000, 0), Some(0.0));
    assert_eq!(pct(0, 0), None);
    assert_eq!(pct(0, 5), None);
}

#[test]
fn stop_refuses_only_what_would_take_the_budget_below_zero_with_its_numbers() {
    let used = budget_use(&budget(500_000_000, BudgetPolicy::Stop), &charges());
    // Exactly what is left: allowed, nothing left after.
    let exact = check_policy(&used, 200_000_000);
    assert!(matches!(exact, PolicyOutcome::Allowed { .. }), "{exact:?}");
    assert_eq!(exact.numbers().available_after_krw, 0);
    assert_eq!(exact.problem(), None);
    // One won more: stopped, with every number shown.
    let over = check_policy(&used, 200_000_001);
    assert_eq!(
        over,
        PolicyOutcome::Stopped {
            numbers: PolicyNumbers {
                budget: "B1".into(),
                title: "2027 인프라 증설".into(),
                policy: BudgetPolicy::Stop,
                amount_krw: 500_000_000,
                committed_krw: 150_000_000,
                spent_krw: 150_000_000,
                available_krw: 200_000_000,
                request_krw: 200_000_001,
                available_after_krw: -1,
            }
        }
    );
    assert!(!over.goes_ahead());
    let problem = over.problem().expect("a refusal");
    assert_eq!(
        (problem.field.as_str(), problem.code.as_str()),
        ("budget", "budget_exceeded")
    );
    assert_eq!(problem.detail["available_after_krw"], "-1");
    assert_eq!(
        problem.message,
        "would overdraw the budget 2027 인프라 증설 (policy stop): amount ₩500,000,000, \
         committed ₩150,000,000, spent ₩150,000,000, available ₩200,000,000, this request \
         ₩200,000,001, available after ₩-1"
    );
}

#[test]
fn warn_lets_an_overdraft_through_with_a_warning_and_allow_lets_it_through_quietly() {
    let warned = check_policy(
        &budget_use(&budget(500_000_000, BudgetPolicy::Warn), &charges()),
        250_000_000,
    );
    assert!(matches!(warned, PolicyOutcome::Warned { .. }), "{warned:?}");
    assert!(warned.goes_ahead());
    assert_eq!(warned.numbers().available_after_krw, -50_000_000);
    assert_eq!(warned.problem().expect("a warning").code, "budget_exceeded");
    let within = check_policy(
        &budget_use(&budget(500_000_000, BudgetPolicy::Warn), &charges()),
        10_000_000,
    );
    assert!(
        matches!(within, PolicyOutcome::Allowed { .. }),
        "{within:?}"
    );

    let allowed = check_policy(
        &budget_use(&budget(500_000_000, BudgetPolicy::Allow), &charges()),
        250_000_000,
    );
    assert!(
        matches!(allowed, PolicyOutcome::Allowed { .. }),
        "{allowed:?}"
    );
    // The numbers are there under `allow` too.
    assert_eq!(allowed.numbers().available_krw, 200_000_000);
    assert_eq!(allowed.numbers().available_after_krw, -50_000_000);
    assert_eq!(allowed.problem(), None);
}

#[test]
fn the_outcome_reaches_the_ui_tagged_with_its_numbers() {
    let warned = check_policy(&budget_use(&budget(100, BudgetPolicy::Warn), &[]), 150);
    let json = serde_json::to_value(&warned).expect("json");
    assert_eq!(json["outcome"], "warned");
    assert_eq!(json["numbers"]["available_after_krw"], -50);
    assert_eq!(json["numbers"]["policy"], "warn");
}

#[test]
fn a_request_checked_again_at_approval_is_not_counted_twice() {
    let (_dir, _store, ws) = fresh_workspace();
    let added = ws
        .add_budget(
            ulid::Ulid(1),
            &input("2027", "인프라 증설", "500,000,000", BudgetPolicy::Stop),
            &stamp(10),
        )
        .expect("added");
    let charges: Vec<BudgetCharge> = charges()
        .into_iter()
        .map(|mut c| {
            if c.budget == "B1" {
                c.budget = added.id.clone();
            }
            c
        })
        .collect();
    // R1 already holds 120,000,000: weighed without it, 320,000,000 are available to it.
    let again = ws
        .check_budget_with("2027/인프라 증설", "purchase/R1", 320_000_000, &charges)
        .expect("checked");
    assert!(matches!(again, PolicyOutcome::Allowed { .. }), "{again:?}");
    assert_eq!(again.numbers().available_krw, 320_000_000);
    let new = ws
        .check_budget_with(&added.id, "purchase/R9", 320_000_000, &charges)
        .expect("checked");
    assert!(matches!(new, PolicyOutcome::Stopped { .. }), "{new:?}");

    let uses = ws.budget_uses_with(&charges, Some(2027));
    assert_eq!(uses.len(), 1);
    assert_eq!(uses[0].available_krw, 200_000_000);
    assert!(ws.budget_uses_with(&charges, Some(2028)).is_empty());
}

#[test]
fn a_budget_is_added_with_its_amount_as_typed_and_read_back_after_a_reopen() {
    let (dir, store, ws) = fresh_workspace();
    let added = ws
        .add_budget(
            ulid::Ulid(1),
            &input(
                " 2027 ",
                " 인프라 증설 ",
                "₩500,000,000원",
                BudgetPolicy::Warn,
            ),
            &stamp(10),
        )
        .expect("added");
    assert_eq!((added.year, added.line.as_str()), (2027, "인프라 증설"));
    assert_eq!(added.amount_krw, 500_000_000);
    assert_eq!(
        ws.budget("2027/인프라 증설").expect("by year/line").id,
        added.id
    );
    assert_eq!(
        ws.budget(" 2027 / 인프라  증설 ").expect("spaces").id,
        added.id
    );
    assert_eq!(ws.budget(&added.id).expect("by id"), added);
    assert_eq!(
        ws.budget(&format!("budget/{}", added.id))
            .expect("by document id"),
        added
    );
    assert!(matches!(
        ws.budget("2026/인프라 증설"),
        Err(PurchasingError::NoSuchBudget(_))
    ));
    assert_eq!(
        ws.registry()
            .title(ws.indexes(), &format!("budget/{}", added.id)),
        "2027 인프라 증설"
    );
    let id = ws.meta().id;
    drop(ws);
    drop(store);
    let store = crate::store::Store::open(dir.path()).expect("reopen");
    let ws = store.workspace(&id).expect("workspace");
    assert_eq!(ws.budgets(), [added]);
}

#[test]
fn a_bad_budget_is_refused_with_every_reason_at_its_field_and_nothing_written() {
    let (_dir, _store, ws) = fresh_workspace();
    let mut bad = input("20x7", "", "abc", BudgetPolicy::Stop);
    bad.code = "CC\t100".into();
    bad.notes = "메모\u{0}".into();
    assert_eq!(
        codes(
            ws.add_budget(ulid::Ulid(1), &bad, &stamp(10))
                .expect_err("refused")
        ),
        [
            pair("year", "not_a_number"),
            pair("line", "required"),
            pair("code", "control_character"),
            pair("amount_krw", "not_a_number"),
            pair("notes", "control_character"),
        ]
    );
    let refused = |year: &str, amount: &str| {
        codes(
            ws.add_budget(
                ulid::Ulid(1),
                &input(year, "인프라 증설", amount, BudgetPolicy::Stop),
                &stamp(10),
            )
            .expect_err("refused"),
        )
    };
    assert_eq!(
        refused("1999", "1.5"),
        [
            pair("year", "year_out_of_range"),
            pair("amount_krw", "not_whole_won")
        ]
    );
    assert_eq!(
        refused("2101", "-5"),
        [
            pair("year", "year_out_of_range"),
            pair("amount_krw", "negative")
        ]
    );
    assert_eq!(
        refused("", ""),
        [pair("year", "required"), pair("amount_krw", "required")]
    );
    assert_eq!(
        refused("2027", "99999999999999999999"),
        [pair("amount_krw", "too_large")]
    );
    assert_eq!(
        refused("2027", "1,000,000,000,000,001"),
        [pair("amount_krw", "too_large")]
    );
    let long = "가".repeat(MAX_BUDGET_TEXT + 1);
    assert_eq!(
        codes(
            ws.add_budget(
                ulid::Ulid(1),
                &input("2027", &long, "0", BudgetPolicy::Stop),
                &stamp(10)
            )
            .expect_err("long")
        ),
        [pair("line", "too_long")]
    );
    assert!(ws.budgets().is_empty());

    // The English words the CLI prints.
    let PurchasingError::Refused(problems) = ws
        .add_budget(
            ulid::Ulid(1),
            &input("1999", "인프라 증설", "1,000.5", BudgetPolicy::Stop),
            &stamp(10),
        )
        .expect_err("refused")
    else {
        panic!("not a refusal");
    };
    assert_eq!(
        problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "year: '1999' is not a year from 2000 to 2100",
            "amount_krw: '1,000.5' is not a whole number of won",
        ]
    );
}

#[test]
fn a_line_has_one_budget_a_year() {
    let (_dir, _store, ws) = fresh_workspace();
    let first = ws
        .add_budget(
            ulid::Ulid(1),
            &input("2027", "인프라 증설", "500000000", BudgetPolicy::Stop),
            &stamp(10),
        )
        .expect("first");
    // The same line, however spaced and cased, the same year: refused.
    assert_eq!(
        codes(
            ws.add_budget(
                ulid::Ulid(2),
                &input("2027", " 인프라  증설 ", "1", BudgetPolicy::Stop),
                &stamp(11)
            )
            .expect_err("taken")
        ),
        [pair("line", "budget_line_taken")]
    );
    // Another year: a budget of its own.
    let next = ws
        .add_budget(
            ulid::Ulid(3),
            &input("2028", "인프라 증설", "600000000", BudgetPolicy::Stop),
            &stamp(12),
        )
        .expect("next year");
    // A budget keeps its own line when edited, and may not move onto another's.
    let edited = ws
        .edit_budget(
            "2027/인프라 증설",
            &input("2027", "인프라 증설", "550,000,000", BudgetPolicy::Warn),
            &stamp(13),
        )
        .expect("edited");
    assert_eq!(
        (edited.id.as_str(), edited.amount_krw),
        (first.id.as_str(), 550_000_000)
    );
    assert_eq!(edited.policy, BudgetPolicy::Warn);
    assert_eq!(
        codes(
            ws.edit_budget(
                &next.id,
                &input("2027", "인프라 증설", "1", BudgetPolicy::Stop),
                &stamp(14)
            )
            .expect_err("moved onto")
        ),
        [pair("line", "budget_line_taken")]
    );
    assert_eq!(
        ws.budgets()
            .iter()
            .map(|b| (b.year, b.amount_krw))
            .collect::<Vec<_>>(),
        [(2027, 550_000_000), (2028, 600_000_000)]
    );
}

#[test]
fn budgets_two_devices_add_offline_all_reach_both_and_a_shared_line_is_named_by_id() {
    let server = server();
    let mut kim = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    let kims = kim
        .workspace
        .add_budget(
            ulid::Ulid(7),
            &input("2027", "인프라 증설", "500,000,000", BudgetPolicy::Stop),
            &kim.stamp(10),
        )
        .expect("kim's");
    let lees_network = lee
        .workspace
        .add_budget(
            ulid::Ulid(8),
            &input("2027", "네트워크", "80,000,000", BudgetPolicy::Warn),
            &lee.stamp(11),
        )
        .expect("lee's network");
    // Offline, Lee also gives the same line a budget of her own.
    let lees_same = lee
        .workspace
        .add_budget(
            ulid::Ulid(9),
            &input("2027", "인프라 증설", "450,000,000", BudgetPolicy::Warn),
            &lee.stamp(12),
        )
        .expect("lee's same line");
    kim.sync();
    lee.sync();
    kim.sync();
    assert_eq!(kim.workspace.budgets(), lee.workspace.budgets());
    assert_eq!(
        kim.workspace.budgets(),
        [lees_network.clone(), kims.clone(), lees_same.clone()]
    );
    // Neither is lost; by year and line they are ambiguous, by id each is found and editable.
    // Each device's inbox names the line and both budgets (with their numbers, to tell them
    // apart); the network line alone is no finding.
    for side in [&kim, &lee] {
        assert_eq!(
            duplicate_budget_findings(&side.workspace),
            [(
                2027,
                "인프라 증설".to_owned(),
                vec![kims.clone(), lees_same.clone()]
            )]
        );
    }
    match kim.workspace.budget("2027/인프라 증설") {
        Err(PurchasingError::AmbiguousBudget { ids, .. }) => {
            assert_eq!(ids, [kims.id.clone(), lees_same.id.clone()]);
        }
        other => panic!("not ambiguous: {other:?}"),
    }
    kim.workspace
        .edit_budget(
            &kims.id,
            &input("2027", "인프라 증설", "510,000,000", BudgetPolicy::Stop),
            &kim.stamp(20),
        )
        .expect("still editable");
    lee.workspace
        .edit_budget(
            &lees_same.id,
            &input(
                "2027",
                "인프라 증설 (2차)",
                "450,000,000",
                BudgetPolicy::Warn,
            ),
            &lee.stamp(21),
        )
        .expect("renamed apart");
    kim.sync();
    lee.sync();
    kim.sync();
    assert_eq!(kim.workspace.budgets(), lee.workspace.budgets());
    assert_eq!(
        lee.workspace
            .budget("2027/인프라 증설")
            .expect("one again")
            .amount_krw,
        510_000_000
    );
    // Told apart, the finding is settled on both devices.
    for side in [&kim, &lee] {
        assert_eq!(duplicate_budget_findings(&side.workspace), []);
    }
}

/// The inbox's budgets-sharing-a-line findings: year, line and the budgets.
fn duplicate_budget_findings(
    workspace: &crate::store::Workspace,
) -> Vec<(i64, String, Vec<Budget>)> {
    workspace
        .findings()
        .expect("findings")
        .into_iter()
        .filter_map(|finding| match finding {
            crate::findings::Finding::DuplicateBudget {
                year,
                line,
                budgets,
            } => Some((year, line, budgets)),
            _ => None,
        })
        .collect()
}

#[test]
fn two_devices_changing_different_fields_of_a_budget_both_keep_their_change() {
    let server = server();
    let mut kim = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    kim.workspace
        .add_budget(
            ulid::Ulid(7),
            &input("2027", "인프라 증설", "500,000,000", BudgetPolicy::Stop),
            &kim.stamp(10),
        )
        .expect("added");
    kim.sync();
    lee.sync();
    kim.workspace
        .edit_budget(
            "2027/인프라 증설",
            &input("2027", "인프라 증설", "600,000,000", BudgetPolicy::Stop),
            &kim.stamp(20),
        )
        .expect("kim raises the amount");
    lee.workspace
        .edit_budget(
            "2027/인프라 증설",
            &input("2027", "인프라 증설", "500,000,000", BudgetPolicy::Warn),
            &lee.stamp(21),
        )
        .expect("lee relaxes the policy");
    kim.sync();
    lee.sync();
    kim.sync();
    for side in [&kim, &lee] {
        let budget = side.workspace.budget("2027/인프라 증설").expect("budget");
        assert_eq!(
            (budget.amount_krw, budget.policy),
            (600_000_000, BudgetPolicy::Warn)
        );
    }
}

#[test]
fn two_devices_setting_different_amounts_agree_and_the_inbox_names_the_budget() {
    let server = server();
    let mut kim = device(&server, "김민준");
    let mut lee = device(&server, "이서연");
    kim.workspace
        .add_budget(
            ulid::Ulid(7),
            &input("2027", "인프라 증설", "500,000,000", BudgetPolicy::Stop),
            &kim.stamp(10),
        )
        .expect("added");
    kim.sync();
    lee.sync();
    for (side, amount, at) in [(&kim, "600,000,000", 20), (&lee, "550,000,000", 21)] {
        side.workspace
            .edit_budget(
                "2027/인프라 증설",
                &input("2027", "인프라 증설", amount, BudgetPolicy::Stop),
                &side.stamp(at),
            )
            .expect("edited offline");
    }
    kim.sync();
    lee.sync();
    kim.sync();
    let on_kim = kim.workspace.budget("2027/인프라 증설").expect("kim's");
    assert_eq!(
        lee.workspace.budget("2027/인프라 증설").expect("lee's"),
        on_kim
    );
    assert!([600_000_000, 550_000_000].contains(&on_kim.amount_krw));
    // The amount one of them set is not silently lost: the inbox lists both, under the
    // budget's title.
    let conflicts: Vec<(String, String, Vec<String>)> = kim
        .workspace
        .findings()
        .expect("findings")
        .into_iter()
        .filter_map(|finding| match finding {
            crate::findings::Finding::Conflict {
                title, conflict, ..
            } => Some((
                title,
                conflict.path,
                conflict.values.into_iter().map(|v| v.text).collect(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let (title, path, mut values) = conflicts[0].clone();
    values.sort();
    assert_eq!(
        (title.as_str(), path.as_str(), values),
        (
            "2027 인프라 증설",
            "budget.amount_krw",
            vec!["550000000".to_owned(), "600000000".to_owned()]
        )
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn charges_strategy() -> impl Strategy<Value = Vec<BudgetCharge>> {
        prop::collection::vec(
            (
                prop::bool::ANY,
                0u8..20,
                0i64..=MAX_BUDGET_KRW / 100,
                0i64..=MAX_BUDGET_KRW / 100,
            )
                .prop_map(|(mine, request, committed, spent)| {
                    charge(
                        if mine { "B1" } else { "B2" },
                        &format!("purchase/R{request}"),
                        committed,
                        spent,
                    )
                }),
            0..40,
        )
    }

    proptest! {
        /// Whatever the charges: available is what is left of the amount, utilisation is the
        /// share used to the nearest tenth, the order of the charges does not matter, and each
        /// policy stops, warns or allows exactly when the request would overdraw it.
        #[test]
        fn the_arithmetic_and_the_policies_hold_for_any_charges(
            amount in 0i64..=MAX_BUDGET_KRW,
            charges in charges_strategy(),
            adding in 0i64..=MAX_BUDGET_KRW,
        ) {
            let mine: Vec<&BudgetCharge> = charges.iter().filter(|c| c.budget == "B1").collect();
            let committed: i64 = mine.iter().map(|c| c.committed_krw).sum();
            let spent: i64 = mine.iter().map(|c| c.spent_krw).sum();
            let mut reversed = charges.clone();
            reversed.reverse();
            for policy in [BudgetPolicy::Stop, BudgetPolicy::Warn, BudgetPolicy::Allow] {
                let used = budget_use(&budget(amount, policy), &charges);
                prop_assert_eq!(used.committed_krw, committed);
                prop_assert_eq!(used.spent_krw, spent);
                prop_assert_eq!(used.available_krw, amount - committed - spent);
                prop_assert_eq!(used.charges.len(), mine.len());
                match used.utilisation_pct {
                    None => prop_assert_eq!(amount, 0),
                    Some(pct) => {
                        let exact = (committed + spent) as f64 * 100.0 / amount as f64;
                        prop_assert!((pct - exact).abs() <= 0.05 + 1e-9, "{} vs {}", pct, exact);
                    }
                }
                let again = budget_use(&budget(amount, policy), &reversed);
                prop_assert_eq!(
                    (again.committed_krw, again.spent_krw, again.available_krw),
                    (used.committed_krw, used.spent_krw, used.available_krw)
                );
                let outcome = check_policy(&used, adding);
                let after = used.available_krw - adding;
                prop_assert_eq!(outcome.numbers().available_after_krw, after);
                let expected = match (policy, after < 0) {
                    (_, false) | (BudgetPolicy::Allow, true) => "allowed",
                    (BudgetPolicy::Warn, true) => "warned",
                    (BudgetPolicy::Stop, true) => "stopped",
                };
                let json = serde_json::to_value(&outcome).expect("json");
                prop_assert_eq!(json["outcome"].as_str(), Some(expected));
            }
        }
    }
}
