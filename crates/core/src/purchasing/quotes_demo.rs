//! A request with quotes from many vendors over many lines, made through the same writes a
//! person's would go through (vendors, a budget, a rule, the request, its submission and
//! approval, the requests for quotation, each quote): for the comparison's benchmark, the
//! printed comparison's tests and a demo workspace.
//!
//! Vendor 1 quotes in US dollars (the request records 1,385.2 won to the dollar); the
//! others in won; the last vendor leaves every seventh line out. Prices are worked from the
//! line and the vendor, so the same call gives the same figures.

use super::budget::{BudgetInput, BudgetLineKind, BudgetPolicy};
use super::business_number::check_business_number;
use super::quotes::QuoteInput;
use super::request::{Person, Verdict};
use super::request_ops::{LineInput, RequestInput, RuleInput, RuleStepInput};
use super::{PurchasingError, VendorInput};
use crate::assets::Date;
use crate::lifecycle::add_days;
use crate::stamp::{Author, Stamp};
use crate::store::Workspace;

/// What [`quoted_request`] made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteDemo {
    /// The request's id.
    pub request: String,
    /// Its line keys, in order.
    pub lines: Vec<String>,
    /// The vendors' names, in the order they were made.
    pub vendors: Vec<String>,
}

/// A valid business registration number for `n` (the check digit worked out).
pub fn demo_business_number(n: u32) -> String {
    let stem = format!("{:03}-{:02}-{:04}", 100 + n % 900, 81 + n % 7, n % 10_000);
    (0..10)
        .map(|last| format!("{stem}{last}"))
        .find(|number| check_business_number(number).is_ok())
        .unwrap_or(stem)
}

/// The unit price (won) vendor `vendor` asks for line `line`.
pub fn demo_price_krw(line: usize, vendor: usize) -> i64 {
    let base = 1_000_000 + (line as i64 % 37) * 250_000;
    // Each vendor 0–12 % above the base, varying by line, so the best moves around.
    base + base * (((line * 7 + vendor * 5) % 13) as i64) / 100
}

/// Makes vendors `업체 01`… (or takes them when they exist), a budget line, a one-step
/// approval rule (박팀장), and a request of `lines` lines approved and quoted by `vendors`
/// vendors, as of `today`; the stamps start at `at_ms`.
pub fn quoted_request(
    ws: &Workspace,
    vendors: usize,
    lines: usize,
    today: &Date,
    at_ms: i64,
) -> Result<QuoteDemo, PurchasingError> {
    let requester = |n: i64| Stamp::new(Author::new("김민준", "MJ"), at_ms + n);
    let approver = Stamp::new(Author::new("박팀장", "PT"), at_ms + 4);
    let mut names = Vec::with_capacity(vendors);
    for n in 0..vendors {
        let name = format!("견적업체 {:02}", n + 1);
        if ws.vendor(&name).is_err() {
            ws.add_vendor(
                ulid::Ulid::new(),
                &VendorInput {
                    name: name.clone(),
                    business_number: demo_business_number(n as u32 + 1),
                    categories: vec!["server".into()],
                    ..VendorInput::default()
                },
                &requester(0),
            )?;
        }
        names.push(name);
    }
    let year = today.0.get(..4).unwrap_or("2027").to_owned();
    let budget = ws.add_budget(
        ulid::Ulid::new(),
        &BudgetInput {
            year,
            line: format!("견적 비교 {}", ulid::Ulid::new()),
            line_kind: BudgetLineKind::Project,
            code: String::new(),
            amount_krw: "900000000000".into(),
            policy: BudgetPolicy::Allow,
            notes: String::new(),
        },
        &requester(1),
    )?;
    ws.put_approval_rule(
        ulid::Ulid::new(),
        &RuleInput {
            name: "견적 비교 결재".into(),
            steps: vec![RuleStepInput {
                kind: "approve".into(),
                approvers: vec![Person {
                    who: "박팀장".into(),
                    name: "박팀장".into(),
                }],
            }],
            ..RuleInput::default()
        },
        &requester(1),
    )?;
    let request = ws.create_purchase_request(
        ulid::Ulid::new(),
        &RequestInput {
            title: format!("서버·네트워크 증설 ({lines}개 품목)"),
            department: "인프라팀".into(),
            needed_by: add_days(today, 60).map(|d| d.0).unwrap_or_default(),
            justification: "견적 비교".into(),
            budget: budget.id,
            rates: vec![("USD".into(), "1385.2".into())],
            lines: (0..lines)
                .map(|n| LineInput {
                    description: format!("서버 노드 {:03}", n + 1),
                    kind: "hardware".into(),
                    manufacturer: "Dell".into(),
                    part_number: format!("R760-{:03}", n + 1),
                    quantity: (1 + n % 4).to_string(),
                    unit: "EA".into(),
                    unit_price: demo_price_krw(n, 0).to_string(),
                    currency: "KRW".into(),
                    ..LineInput::default()
                })
                .collect(),
        },
        today,
        &requester(2),
    )?;
    ws.submit_purchase_request(&request.id, today, &requester(3))?;
    ws.decide_purchase_request(&request.id, Verdict::Approve, "", today, &approver, None)?;
    let reply_by = add_days(today, 7).map(|d| d.0).unwrap_or_default();
    ws.request_quotes(&request.id, &names, &reply_by, today, &requester(5))?;
    let keys: Vec<String> = ws
        .purchase_request(&request.id)?
        .ordered_lines()
        .into_iter()
        .map(|(key, _)| key.clone())
        .collect();
    for (v, name) in names.iter().enumerate() {
        let dollars = v == 0;
        let prices = keys
            .iter()
            .enumerate()
            .filter(|(n, _)| !(v + 1 == vendors && vendors > 1 && n % 7 == 6))
            .map(|(n, key)| {
                let won = demo_price_krw(n, v);
                let text = if dollars {
                    // Cents, at 1,385.2 won to the dollar.
                    let cents = (won as i128 * 100 * 10_000 / 13_852_000) as i64;
                    format!("{}.{:02}", cents / 100, cents % 100)
                } else {
                    won.to_string()
                };
                (key.clone(), text)
            })
            .collect();
        ws.enter_quote(
            &request.id,
            name,
            &QuoteInput {
                received_on: today.0.clone(),
                currency: if dollars { "USD" } else { "KRW" }.into(),
                prices,
                lead_time_days: (14 + v * 3).to_string(),
                warranty_months: (12 * (1 + v % 5)).to_string(),
                valid_until: add_days(today, 30).map(|d| d.0).unwrap_or_default(),
                payment_terms: "월말 마감 익월 말 현금".into(),
                notes: String::new(),
            },
            None,
            &requester(6 + v as i64),
        )?;
    }
    Ok(QuoteDemo {
        request: request.id,
        lines: keys,
        vendors: names,
    })
}
