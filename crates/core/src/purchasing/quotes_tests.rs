//! Quotation on a real store: an approved request sent to vendors, quotes entered with every
//! refusal at its field, the comparison on hand-worked numbers (a dollar quote converted at
//! the request's rate, a tie), and the selection, signed and refused.

use super::*;
use crate::ids::WorkspaceId;
use crate::purchasing::budget::{BudgetInput, BudgetLineKind, BudgetPolicy};
use crate::purchasing::decisions::held;
use crate::purchasing::request::{Person, Verdict};
use crate::purchasing::request_ops::{LineInput, RequestInput, RuleInput, RuleStepInput};
use crate::purchasing::{check_business_number, VendorInput};
use crate::stamp::{Author, Identity, Stamp};
use crate::testkit::fresh_workspace;
use crate::trust::{verify_all, DeviceKey, Grant, Member, RegisteredKey, Roster, Verdict as Check};

const TODAY: &str = "2027-01-10";

fn today() -> Date {
    Date(TODAY.into())
}

/// A stamp of `account`, shown as `name`.
fn as_account(account: &str, name: &str, at_ms: i64) -> Stamp {
    Stamp::new(Author::from_name(name), at_ms).by(Identity::Account(account.into()))
}

fn kim(at: i64) -> Stamp {
    as_account("u-kim", "김민준", at)
}

fn park(at: i64) -> Stamp {
    as_account("u-park", "박팀장", at)
}

/// The refusal's problems as (field, code); a write that went through fails the test.
fn codes<T>(result: Result<T, PurchasingError>) -> Vec<(String, String)> {
    match result {
        Ok(_) => panic!("expected a refusal, the write went through"),
        Err(PurchasingError::Refused(problems)) => problems
            .into_iter()
            .map(|Problem { field, code, .. }| (field, code))
            .collect(),
        Err(other) => panic!("not a refusal: {other}"),
    }
}

fn pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

/// A request for two servers and four switches (a USD rate of 1,385.2 recorded), approved
/// by 박팀장; vendors 가온, 나래 and 다솜 exist. Returns the request id and its two line keys.
fn approved(ws: &Workspace) -> (String, String, String) {
    for (n, name, number) in [
        (1, "가온시스템", "220-81-62517"),
        (2, "나래네트웍스", "124-81-00998"),
        (3, "다솜정보통신", "120-81-47521"),
    ] {
        ws.add_vendor(
            ulid::Ulid(n),
            &VendorInput {
                name: name.into(),
                business_number: number.into(),
                ..VendorInput::default()
            },
            &kim(1),
        )
        .expect("vendor");
    }
    let budget = ws
        .add_budget(
            ulid::Ulid(10),
            &BudgetInput {
                year: "2027".into(),
                line: "인프라 증설".into(),
                line_kind: BudgetLineKind::CostCentre,
                code: String::new(),
                amount_krw: "1000000000".into(),
                policy: BudgetPolicy::Allow,
                notes: String::new(),
            },
            &kim(2),
        )
        .expect("budget");
    ws.put_approval_rule(
        ulid::Ulid(11),
        &RuleInput {
            name: "팀장 결재".into(),
            steps: vec![RuleStepInput {
                kind: "approve".into(),
                approvers: vec![Person {
                    who: "u-park".into(),
                    name: "박팀장".into(),
                }],
            }],
            ..RuleInput::default()
        },
        &kim(3),
    )
    .expect("rule");
    let line = |description: &str, quantity: &str, price: &str| LineInput {
        description: description.into(),
        kind: "hardware".into(),
        manufacturer: "Dell".into(),
        quantity: quantity.into(),
        unit: "EA".into(),
        unit_price: price.into(),
        currency: "KRW".into(),
        ..LineInput::default()
    };
    let request = ws
        .create_purchase_request(
            ulid::Ulid(20),
            &RequestInput {
                title: "2027 1분기 서버 증설".into(),
                department: "인프라팀".into(),
                needed_by: "2027-03-01".into(),
                justification: "신규 고객 수용".into(),
                budget: budget.id,
                rates: vec![("USD".into(), "1385.2".into())],
                lines: vec![
                    line("서버 PowerEdge R760", "2", "10000000"),
                    line("스위치 S5248F", "4", "3000000"),
                ],
            },
            &today(),
            &kim(4),
        )
        .expect("request");
    ws.submit_purchase_request(&request.id, &today(), &kim(5))
        .expect("submitted");
    ws.decide_purchase_request(&request.id, Verdict::Approve, "", &today(), &park(6), None)
        .expect("approved");
    let request = ws.purchase_request(&request.id).expect("request");
    assert_eq!(request.status(), Status::Approved);
    let keys: Vec<String> = request
        .ordered_lines()
        .into_iter()
        .map(|(key, _)| key.clone())
        .collect();
    (request.id, keys[0].clone(), keys[1].clone())
}

fn quote(currency: &str, prices: &[(&str, &str)]) -> QuoteInput {
    QuoteInput {
        received_on: "2027-01-12".into(),
        currency: currency.into(),
        prices: prices
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        lead_time_days: "21".into(),
        warranty_months: "36".into(),
        valid_until: "2027-02-28".into(),
        payment_terms: "월말 마감 익월 말 현금".into(),
        notes: String::new(),
    }
}

fn all_vendors() -> Vec<String> {
    vec![
        "가온시스템".into(),
        "나래네트웍스".into(),
        "다솜정보통신".into(),
    ]
}

/// The request with quotes from all three: 가온 in won, 나래 in dollars, 다솜 only the
/// switches (at 가온's price, a tie).
fn quoted(ws: &Workspace) -> (String, String, String) {
    let (id, a, b) = approved(ws);
    ws.request_quotes(&id, &all_vendors(), "2027-01-20", &today(), &kim(7))
        .expect("rfq");
    ws.enter_quote(
        &id,
        "가온시스템",
        &quote("", &[(&a, "9,800,000"), (&b, "2900000")]),
        None,
        &kim(8),
    )
    .expect("가온");
    ws.enter_quote(
        &id,
        "나래네트웍스",
        &quote("USD", &[(&a, "7000"), (&b, "2093.75")]),
        None,
        &kim(9),
    )
    .expect("나래");
    ws.enter_quote(
        &id,
        "다솜정보통신",
        &quote("KRW", &[(&b, "2900000")]),
        None,
        &kim(10),
    )
    .expect("다솜");
    (id, a, b)
}

#[test]
fn quotes_are_requested_from_vendors_by_name_only_for_an_approved_request() {
    let (_dir, _store, ws) = fresh_workspace();
    let (id, _, _) = approved(&ws);
    // Every problem at once: an unknown vendor, one named twice, a reply-by date past.
    let refusal = ws.request_quotes(
        &id,
        &[
            "가온시스템".into(),
            "없는업체".into(),
            "220-81-62517".into(),
        ],
        "2027-01-09",
        &today(),
        &kim(7),
    );
    assert_eq!(
        codes(refusal),
        [
            pair("reply_by", "reply_by_past"),
            pair("vendors.1", "unknown_vendor"),
            pair("vendors.2", "duplicate_vendor"),
        ]
    );
    assert_eq!(
        codes(ws.request_quotes(&id, &[], "2027-13-01", &today(), &kim(7))),
        [
            pair("reply_by", "invalid_date"),
            pair("vendors", "required")
        ]
    );
    assert!(
        ws.purchase_request(&id).expect("request").rfqs.is_empty(),
        "nothing written"
    );
    let request = ws
        .request_quotes(&id, &all_vendors(), "2027-01-20", &today(), &kim(7))
        .expect("rfq");
    assert_eq!(request.status(), Status::QuotesRequested);
    assert_eq!(request.rfqs.len(), 3);
    assert!(request
        .rfqs
        .values()
        .all(|r| r.reply_by == "2027-01-20" && r.sent_on == TODAY));
    // A draft is not sent out.
    let draft = ws
        .copy_purchase_request(&id, ulid::Ulid(30), &today(), &kim(8))
        .expect("copy");
    assert_eq!(
        codes(ws.request_quotes(&draft.id, &all_vendors(), "2027-01-20", &today(), &kim(9))),
        [pair("", "wrong_status")]
    );
}

#[test]
fn a_bad_quote_is_refused_with_every_problem_at_its_field_and_nothing_written() {
    let (_dir, _store, ws) = fresh_workspace();
    let (id, a, b) = approved(&ws);
    ws.request_quotes(&id, &["가온시스템".into()], "2027-01-20", &today(), &kim(7))
        .expect("rfq");
    // A vendor never asked.
    assert_eq!(
        codes(ws.enter_quote(&id, "나래네트웍스", &quote("", &[(&a, "1")]), None, &kim(8))),
        [pair("vendor", "no_rfq")]
    );
    let mut bad = quote("EUR", &[(&a, "열두만원"), (&b, "-5"), ("01NOLINE", "3")]);
    bad.lead_time_days = "3주".into();
    bad.warranty_months = "1.5".into();
    bad.received_on = "2027-01-12".into();
    bad.valid_until = "2027-01-11".into();
    let refusal = ws.enter_quote(&id, "가온시스템", &bad, Some(("", b"")), &kim(8));
    assert_eq!(
        sorted(codes(refusal)),
        sorted(vec![
            pair("currency", "no_rate"),
            pair("prices.01NOLINE", "unknown_line"),
            pair(&format!("prices.{a}"), "not_a_number"),
            pair(&format!("prices.{b}"), "negative"),
            pair("lead_time_days", "not_a_number"),
            pair("warranty_months", "not_a_whole_number"),
            pair("valid_until", "valid_before_received"),
            pair("file_name", "required"),
            pair("file", "file_empty"),
        ])
    );
    assert!(ws.purchase_request(&id).expect("request").quotes.is_empty());
    // No price at all.
    assert_eq!(
        codes(ws.enter_quote(&id, "가온시스템", &quote("", &[(&a, " ")]), None, &kim(8))),
        [pair("prices", "no_prices")]
    );
}

fn sorted(mut list: Vec<(String, String)>) -> Vec<(String, String)> {
    list.sort();
    list
}

#[test]
fn a_quote_keeps_the_vendors_file_in_the_same_batch_and_replaces_the_earlier_quote() {
    let (_dir, _store, ws) = fresh_workspace();
    let (id, a, _) = approved(&ws);
    ws.request_quotes(&id, &["가온시스템".into()], "2027-01-20", &today(), &kim(7))
        .expect("rfq");
    let pdf = b"%PDF-1.4 quote of Gaon".to_vec();
    let request = ws
        .enter_quote(
            &id,
            "가온시스템",
            &quote("", &[(&a, "9800000")]),
            Some(("가온_견적서.pdf", &pdf)),
            &kim(8),
        )
        .expect("quote");
    let kept = &request.quotes[&ws.vendor("가온시스템").expect("vendor").id];
    let sha = kept.file.clone().expect("the file");
    assert_eq!(kept.file_name, "가온_견적서.pdf");
    assert_eq!(ws.blob(&sha).expect("read"), Some(pdf));
    assert!(request.file_hashes().contains(&sha), "sync uploads it");
    let request = ws
        .enter_quote(
            &id,
            "가온시스템",
            &quote("", &[(&a, "9700000")]),
            None,
            &kim(9),
        )
        .expect("again");
    assert_eq!(request.quotes.len(), 1);
    assert_eq!(
        request.quotes.values().next().expect("quote").prices[&a],
        9_700_000
    );
}

#[test]
fn the_comparison_puts_vendors_in_columns_converts_dollars_at_the_requests_rate_and_marks_ties() {
    let (_dir, _store, ws) = fresh_workspace();
    let (id, a, b) = quoted(&ws);
    let comparison = ws.quote_comparison(&id, &today()).expect("comparison");
    let names: Vec<&str> = comparison.vendors.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["가온시스템", "나래네트웍스", "다솜정보통신"]);
    let keys: Vec<&str> = comparison.lines.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(keys, [a.as_str(), b.as_str()]);
    let cell = |line: usize, vendor: usize| comparison.lines[line].cells[vendor].clone();
    // Servers (2): 가온 9,800,000 → 19,600,000; 나래 $7,000.00 at 1,385.2 → 9,696,400 a
    // unit, $14,000.00 → 19,392,800 (best); 다솜 did not quote them.
    let gaon = cell(0, 0).expect("가온 servers");
    assert_eq!(
        (gaon.unit_krw, gaon.total_krw, gaon.best),
        (9_800_000, 19_600_000, false)
    );
    let narae = cell(0, 1).expect("나래 servers");
    assert_eq!(
        (
            narae.unit_minor,
            narae.total_minor,
            narae.unit_krw,
            narae.total_krw,
            narae.best
        ),
        (700_000, 1_400_000, 9_696_400, 19_392_800, true)
    );
    assert_eq!(cell(0, 2), None);
    // Switches (4): 가온 and 다솜 2,900,000 → 11,600,000 each (a tie, both best); 나래
    // $2,093.75 → 2,900,262.5 rounds to 2,900,263 a unit, $8,375.00 → 11,601,050.
    let narae = cell(1, 1).expect("나래 switches");
    assert_eq!(
        (
            narae.unit_krw,
            narae.total_minor,
            narae.total_krw,
            narae.best
        ),
        (2_900_263, 837_500, 11_601_050, false)
    );
    assert!(cell(1, 0).expect("가온").best && cell(1, 2).expect("다솜").best);
    assert_eq!(cell(1, 2).expect("다솜").total_krw, 11_600_000);
    let [gaon, narae, dasom] = &comparison.vendors[..] else {
        panic!("three vendors")
    };
    assert_eq!(
        (gaon.total_krw, gaon.best_lines, gaon.lowest_total),
        (31_200_000, 1, false)
    );
    assert_eq!(
        (
            narae.currency,
            narae.total_minor,
            narae.total_krw,
            narae.best_lines,
            narae.lowest_total
        ),
        (Currency::USD, 2_237_500, 30_993_850, 1, true)
    );
    assert_eq!(
        (dasom.total_krw, dasom.missing.clone(), dasom.lowest_total),
        (11_600_000, vec![a.clone()], false),
        "다솜 left the servers out and is not the lowest total"
    );
    assert_eq!((gaon.lead_time_days, gaon.warranty_months), (21, 36));
    assert_eq!(gaon.valid_until, "2027-02-28");
    assert_eq!(gaon.score, None, "no performance figures yet");
}

#[test]
fn the_comparison_csv_has_a_column_group_per_vendor_and_the_totals() {
    let (_dir, _store, ws) = fresh_workspace();
    let (id, _, _) = quoted(&ws);
    let comparison = ws.quote_comparison(&id, &today()).expect("comparison");
    let mut bytes = Vec::new();
    comparison_csv(
        &comparison,
        crate::reports::Language::Korean,
        &mut bytes,
        false,
    )
    .expect("csv");
    let text = String::from_utf8(bytes).expect("utf-8");
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].starts_with("번호,품목,제조사,부품 번호,수량,단위,가온시스템 단가 (KRW),"));
    assert!(rows[0].contains("나래네트웍스 단가 (USD)"), "{}", rows[0]);
    assert_eq!(
        rows[1],
        "1,서버 PowerEdge R760,Dell,,2,EA,9800000,19600000,19600000,,7000.00,14000.00,19392800,*,,,,"
    );
    assert_eq!(
        rows[2],
        "2,스위치 S5248F,Dell,,4,EA,2900000,11600000,11600000,*,2093.75,8375.00,11601050,,2900000,11600000,11600000,*"
    );
    assert_eq!(
        rows[3],
        ",합계,,,,,,31200000,31200000,,,22375.00,30993850,*,,11600000,11600000,"
    );
    assert_eq!(rows[4], ",미견적 품목,,,,,,,,,,,,,1,,,");
}

#[test]
fn a_selection_needs_a_reason_and_a_vendor_who_quoted_every_line() {
    let (_dir, _store, ws) = fresh_workspace();
    let (id, a, b) = quoted(&ws);
    let select = |input: &SelectionInput| ws.select_vendor(&id, input, &today(), &park(20), None);
    // 다솜 for everything: it did not quote the servers; and no reason.
    assert_eq!(
        codes(select(&SelectionInput {
            whole: Some("다솜정보통신".into()),
            per_line: Vec::new(),
            reason: " ".into(),
        })),
        [
            pair("reason", "required"),
            pair(&format!("lines.{a}"), "not_quoted")
        ]
    );
    // Line by line, one line left without a vendor, and a vendor with no quote.
    ws.add_vendor(
        ulid::Ulid(4),
        &VendorInput {
            name: "라온테크".into(),
            business_number: "211-87-00007".into(),
            ..VendorInput::default()
        },
        &kim(11),
    )
    .ok();
    assert_eq!(
        codes(select(&SelectionInput {
            whole: None,
            per_line: vec![
                (b.clone(), "다솜정보통신".into()),
                ("01NOLINE".into(), "가온시스템".into())
            ],
            reason: "최저가".into(),
        })),
        [
            pair("lines.01NOLINE", "unknown_line"),
            pair(&format!("lines.{a}"), "line_not_covered")
        ]
    );
    assert!(ws
        .purchase_request(&id)
        .expect("request")
        .selections
        .is_empty());
    // 나래 for the servers, 다솜 for the switches: each line's best.
    let request = select(&SelectionInput {
        whole: Some("가온시스템".into()),
        per_line: vec![
            (a.clone(), "나래네트웍스".into()),
            (b.clone(), "다솜정보통신".into()),
        ],
        reason: "품목별 최저가".into(),
    })
    .expect("selected");
    assert_eq!(request.status(), Status::VendorSelected);
    let selection = request.selection().expect("selection");
    let narae = ws.vendor("나래네트웍스").expect("vendor").id;
    let dasom = ws.vendor("다솜정보통신").expect("vendor").id;
    assert_eq!(selection.lines[&a], narae);
    assert_eq!(selection.lines[&b], dasom);
    assert_eq!(
        request.snapshots[&selection.content],
        selection_text(
            &request,
            &[(a.clone(), narae.clone()), (b.clone(), dasom)],
            "품목별 최저가"
        )
    );
    assert_eq!(
        chosen_total(
            &request,
            &selection.lines.clone().into_iter().collect::<Vec<_>>()
        ),
        19_392_800 + 11_600_000
    );
    let comparison = ws.quote_comparison(&id, &today()).expect("comparison");
    assert_eq!(
        comparison.lines[0].selected.as_deref(),
        Some(narae.as_str())
    );
    assert_eq!(comparison.selection_reason, "품목별 최저가");
    // The choice may change while nothing is ordered: 가온 for everything.
    let request = select(&SelectionInput {
        whole: Some("가온시스템".into()),
        per_line: Vec::new(),
        reason: "단일 업체 일괄 납품".into(),
    })
    .expect("changed");
    assert_eq!(request.selections.len(), 2);
    // The quotes stand as they were chosen on: no quote changes after a selection.
    assert_eq!(
        codes(ws.enter_quote(
            &id,
            "가온시스템",
            &quote("", &[(&a, "1000")]),
            None,
            &kim(30)
        )),
        [pair("", "wrong_status")]
    );
    assert_eq!(
        request.selection().expect("latest").reason,
        "단일 업체 일괄 납품"
    );
}

#[test]
fn an_expired_quote_cannot_be_chosen_and_nothing_is_chosen_before_quotes_are_asked_for() {
    let (_dir, _store, ws) = fresh_workspace();
    let (id, a, _) = approved(&ws);
    let input = SelectionInput {
        whole: Some("가온시스템".into()),
        per_line: Vec::new(),
        reason: "최저가".into(),
    };
    assert_eq!(
        codes(ws.select_vendor(&id, &input, &today(), &park(20), None)),
        [pair("", "wrong_status")]
    );
    ws.request_quotes(&id, &["가온시스템".into()], "2027-01-20", &today(), &kim(7))
        .expect("rfq");
    let mut only_servers = quote("", &[(&a, "9800000")]);
    only_servers.valid_until = "2027-01-31".into();
    ws.enter_quote(&id, "가온시스템", &only_servers, None, &kim(8))
        .expect("quote");
    let later = Date("2027-02-01".into());
    let refusal = ws.select_vendor(&id, &input, &later, &park(20), None);
    let request = ws.purchase_request(&id).expect("request");
    let b = &request.ordered_lines()[1].0.clone();
    assert_eq!(
        codes(refusal),
        [
            pair(&format!("lines.{a}"), "quote_expired"),
            pair(&format!("lines.{b}"), "not_quoted"),
        ]
    );
}

struct Team {
    roster: Roster,
    park: DeviceKey,
    choi: DeviceKey,
}

fn member(user_id: &str, name: &str, key: &DeviceKey, grants: Vec<Grant>) -> Member {
    Member {
        user_id: user_id.into(),
        name: name.into(),
        role: "editor".into(),
        grants,
        keys: vec![RegisteredKey {
            public: key.public(),
            added_at_ms: 0,
            revoked_at_ms: None,
            device_name: "laptop".into(),
        }],
        claimed_identities: Vec::new(),
    }
}

fn grant(capability: Capability, max_amount_krw: Option<u64>) -> Grant {
    Grant {
        capability,
        from_ms: 0,
        until_ms: None,
        max_amount_krw,
        categories: Vec::new(),
    }
}

/// 박팀장 approves and selects; 최도윤 approves but may not select; 이서연 selects up to
/// ₩10,000,000.
fn team() -> (Team, DeviceKey) {
    let (park, choi, lee) = (
        DeviceKey::generate(),
        DeviceKey::generate(),
        DeviceKey::generate(),
    );
    let roster = Roster {
        workspace: WorkspaceId(ulid::Ulid(1)),
        version: 1,
        issued_at_ms: 0,
        members: vec![
            member(
                "u-park",
                "박팀장",
                &park,
                vec![
                    grant(Capability::ApprovePurchases, None),
                    grant(Capability::SelectVendors, None),
                ],
            ),
            member(
                "u-choi",
                "최도윤",
                &choi,
                vec![grant(Capability::ApprovePurchases, None)],
            ),
            member(
                "u-lee",
                "이서연",
                &lee,
                vec![grant(Capability::SelectVendors, Some(10_000_000))],
            ),
        ],
    };
    (Team { roster, park, choi }, lee)
}

#[test]
fn a_signed_selection_verifies_against_what_was_chosen_and_a_member_without_the_capability_is_refused(
) {
    let (team, lee) = team();
    let (_dir, _store, ws) = fresh_workspace();
    let (id, _, _) = quoted(&ws);
    let input = SelectionInput {
        whole: Some("가온시스템".into()),
        per_line: Vec::new(),
        reason: "일괄 납품, 납기 21일".into(),
    };
    let choi = Signer {
        user_id: "u-choi",
        key: &team.choi,
        roster: Some(&team.roster),
    };
    assert_eq!(
        codes(ws.select_vendor(
            &id,
            &input,
            &today(),
            &as_account("u-choi", "최도윤", 20),
            Some(&choi)
        )),
        [pair("", "not_entitled")]
    );
    // 이서연 may select, up to ₩10,000,000: 가온's total is 31,200,000.
    let lee = Signer {
        user_id: "u-lee",
        key: &lee,
        roster: Some(&team.roster),
    };
    assert_eq!(
        codes(ws.select_vendor(
            &id,
            &input,
            &today(),
            &as_account("u-lee", "이서연", 21),
            Some(&lee)
        )),
        [pair("", "over_approval_limit")]
    );
    // 박팀장 signing with 최도윤's key: refused.
    let borrowed = Signer {
        user_id: "u-park",
        key: &team.choi,
        roster: Some(&team.roster),
    };
    assert_eq!(
        codes(ws.select_vendor(&id, &input, &today(), &park(22), Some(&borrowed))),
        [pair("", "key_not_registered")]
    );
    assert!(ws
        .purchase_request(&id)
        .expect("request")
        .selections
        .is_empty());
    let signer = Signer {
        user_id: "u-park",
        key: &team.park,
        roster: Some(&team.roster),
    };
    let request = ws
        .select_vendor(&id, &input, &today(), &park(23), Some(&signer))
        .expect("selected");
    let found: Vec<_> = held(&request)
        .into_iter()
        .filter(|d| d.action == SELECT_VENDOR)
        .collect();
    assert_eq!(found.len(), 1);
    let signed = found[0].signed.clone().expect("signed");
    assert_eq!(signed.decision.action, SELECT_VENDOR);
    assert_eq!(
        verify_all(&team.roster, &[(&signed, Some(found[0].content_now))]),
        [Check::Valid {
            key_revoked_since: None
        }]
    );
    // A snapshot changed after the fact (another vendor named) no longer matches.
    let mut tampered = request.clone();
    let content = tampered.selection().expect("selection").content.clone();
    let text = tampered.snapshots[&content].replace("reason 일괄", "reason 변조");
    tampered.snapshots.insert(content, text);
    let found = held(&tampered)
        .into_iter()
        .find(|d| d.action == SELECT_VENDOR)
        .expect("held");
    assert_ne!(
        verify_all(&team.roster, &[(&signed, Some(found.content_now))]),
        [Check::Valid {
            key_revoked_since: None
        }]
    );
}

#[test]
fn the_demo_request_is_quoted_by_every_vendor_the_first_in_dollars_the_last_leaving_lines_out() {
    let (_dir, _store, ws) = fresh_workspace();
    let demo =
        crate::purchasing::quotes_demo::quoted_request(&ws, 3, 8, &today(), 1_000).expect("demo");
    let comparison = ws
        .quote_comparison(&demo.request, &today())
        .expect("comparison");
    assert_eq!(comparison.status, Status::QuotesRequested);
    assert_eq!(comparison.lines.len(), 8);
    let currencies: Vec<Currency> = comparison.vendors.iter().map(|v| v.currency).collect();
    assert_eq!(currencies, [Currency::USD, Currency::KRW, Currency::KRW]);
    assert_eq!(comparison.vendors[2].missing, [demo.lines[6].clone()]);
    // Every line has a best price, and the dollar quote converts back to the price it was
    // made from, less the part of a cent cut off (a cent is 13.852 won).
    assert!(comparison
        .lines
        .iter()
        .all(|l| l.cells.iter().flatten().any(|c| c.best)));
    let first = comparison.lines[0].cells[0].clone().expect("priced");
    let won = crate::purchasing::quotes_demo::demo_price_krw(0, 0);
    assert!(
        (0..14).contains(&(won - first.unit_krw)),
        "{} against {won}",
        first.unit_krw
    );
    for n in 1..40 {
        let number = crate::purchasing::quotes_demo::demo_business_number(n);
        assert!(check_business_number(&number).is_ok(), "{number}");
    }
}

#[test]
fn a_vendor_with_orders_in_the_year_carries_its_score_into_the_comparison_and_one_without_has_none()
{
    use crate::purchasing::orders::OrderInput;
    use crate::purchasing::quotes_demo::quoted_request;
    use crate::purchasing::receipts::{ReceiptInput, ReceiptLineInput};
    let (_dir, _store, ws) = fresh_workspace();
    // Last month 견적업체 01 was chosen, ordered from and delivered on the promised day.
    let before = Date("2026-12-10".into());
    let past = quoted_request(&ws, 1, 2, &before, 1_000).expect("past request");
    ws.select_vendor(
        &past.request,
        &SelectionInput {
            whole: Some("견적업체 01".into()),
            per_line: Vec::new(),
            reason: "단독 견적".into(),
        },
        &before,
        &park(2_000),
        None,
    )
    .expect("selected");
    let ordered = ws
        .place_orders(
            &past.request,
            &OrderInput {
                ordered_on: String::new(),
                promised: vec![
                    ("1".into(), "2026-12-10".into()),
                    ("2".into(), "2026-12-10".into()),
                ],
            },
            &before,
            &kim(2_001),
        )
        .expect("ordered");
    let order = ordered.orders.keys().next().expect("an order").clone();
    ws.receive(
        &past.request,
        &order,
        &ReceiptInput {
            received_on: String::new(),
            note: String::new(),
            lines: vec![
                ReceiptLineInput {
                    line: "1".into(),
                    accepted: None,
                    rejected: 0,
                    serials: vec!["SN-A1".into()],
                },
                ReceiptLineInput {
                    line: "2".into(),
                    accepted: None,
                    rejected: 0,
                    serials: vec!["SN-B1".into(), "SN-B2".into()],
                },
            ],
        },
        &before,
        &kim(2_002),
    )
    .expect("received");
    // Now both vendors quote again: 01 has a year with an order, 02 none.
    let now = quoted_request(&ws, 2, 3, &today(), 3_000).expect("request");
    let comparison = ws
        .quote_comparison(&now.request, &today())
        .expect("comparison");
    let scores: Vec<(String, bool)> = comparison
        .vendors
        .iter()
        .map(|v| (v.name.clone(), v.score.is_some()))
        .collect();
    assert_eq!(
        scores,
        [
            ("견적업체 01".to_owned(), true),
            ("견적업체 02".to_owned(), false)
        ]
    );
    let expected = ws
        .vendor_performance(
            "견적업체 01",
            &Date("2026-01-10".into()),
            &today(),
            &today(),
        )
        .expect("performance")
        .score;
    assert_eq!(comparison.vendors[0].score, expected);
}
