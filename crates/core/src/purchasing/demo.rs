//! `cloudwright demo --purchases N`: vendors, budgets, approval rules and N purchase requests
//! at every stage of the sequence (draft, submitted, in review, changes asked, approved,
//! rejected, quotes requested with quotes in, vendor selected, ordered, cancelled), written as
//! the writes would leave them, in durable batches of 2,000; then three ordered ones received
//! through the real receipt path (partly, whole, and completed), their assets registered. Also what the list benchmark
//! opens (10,000 requests of 5 lines).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::policy::{ApprovalRule, RuleStep};
use super::request::{
    request_number, ApprovalLine, Closing, LineApprover, LineKind, LineStep, Order, OrderLine,
    Person, PurchaseRequest, Quote, RequestLine, Rfq, Selection, StepDecision, StepKind,
    Submission, Verdict,
};
use super::vendor::Vendor;
use super::{Budget, BudgetLineKind, BudgetPolicy, PurchasingError};
use crate::assets::{Currency, Date};
use crate::record::write::Whole;
use crate::stamp::Stamp;
use crate::store::kv::Batch;
use crate::store::Workspace;

/// What the demo wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurchaseDemo {
    pub vendors: usize,
    pub budgets: usize,
    pub requests: usize,
    pub lines: usize,
}

const VENDORS: &[(&str, &str)] = &[
    ("(주)한빛시스템", "220-81-62517"),
    ("(주)누리네트웍스", "120-81-47521"),
    ("(주)가온데이터", "214-86-13578"),
    ("(주)세움솔루션", "101-81-01543"),
    ("(주)다온인프라", "105-87-65425"),
];

const ITEMS: &[(&str, LineKind, &str, &str, i64)] = &[
    (
        "PowerEdge R760 서버",
        LineKind::Hardware,
        "Dell",
        "R760",
        18_500_000,
    ),
    (
        "ProLiant DL380 Gen11",
        LineKind::Hardware,
        "HPE",
        "P52534-B21",
        17_200_000,
    ),
    (
        "Arista 7050X3 스위치",
        LineKind::Hardware,
        "Arista",
        "DCS-7050SX3-48YC8",
        21_000_000,
    ),
    (
        "25G DAC 케이블 3m",
        LineKind::Hardware,
        "FS",
        "S28-PC03",
        45_000,
    ),
    (
        "Red Hat OpenStack 구독",
        LineKind::Licence,
        "Red Hat",
        "MCT2980",
        4_800_000,
    ),
    (
        "VMware vSphere Ent+",
        LineKind::Software,
        "Broadcom",
        "VS8-EPL-C",
        6_100_000,
    ),
    (
        "랙 설치 용역",
        LineKind::Service,
        "다온인프라",
        "SVC-RACK",
        1_200_000,
    ),
];

fn person(who: &str) -> Person {
    Person {
        who: who.to_owned(),
        name: who.to_owned(),
    }
}

/// The vendors the demo buys from (valid business numbers), their ids by position.
fn vendors(rng: &mut StdRng) -> Vec<Vendor> {
    VENDORS
        .iter()
        .map(|(name, number)| Vendor {
            id: ulid::Ulid::from_parts(1_764_000_000_000, rng.gen()).to_string(),
            name: (*name).to_owned(),
            business_number: (*number).to_owned(),
            contacts: Default::default(),
            categories: vec!["server".into(), "network".into()],
            notes: String::new(),
            files: Default::default(),
        })
        .collect()
}

/// Adds vendors, budgets, two approval rules and `count` requests of about `lines` lines
/// each, at every stage, to `workspace`.
pub fn generate(
    workspace: &Workspace,
    count: usize,
    lines: usize,
    seed: u64,
    stamp: &Stamp,
) -> Result<PurchaseDemo, PurchasingError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut made = PurchaseDemo::default();
    let vendors = vendors(&mut rng);
    // The budget lines of the year the demo is made in (the requests' needed-by dates reach
    // two months past it).
    let year: i64 = crate::lifecycle::date_of_ms(stamp.at_ms).0[..4]
        .parse()
        .unwrap_or(2027);
    let budgets: Vec<Budget> = [
        (
            "인프라 증설",
            BudgetLineKind::CostCentre,
            30_000_000_000,
            BudgetPolicy::Warn,
        ),
        (
            "OpenStack 2027.1",
            BudgetLineKind::Project,
            12_000_000_000,
            BudgetPolicy::Stop,
        ),
        (
            "소프트웨어 라이선스",
            BudgetLineKind::Category,
            2_000_000_000,
            BudgetPolicy::Allow,
        ),
    ]
    .into_iter()
    .map(|(line, line_kind, amount_krw, policy)| Budget {
        id: ulid::Ulid::from_parts(1_764_000_000_001, rng.gen()).to_string(),
        year,
        line: line.to_owned(),
        line_kind,
        code: String::new(),
        amount_krw,
        policy,
        notes: String::new(),
    })
    .collect();
    let (lead, head, finance, ceo) = (
        person("박팀장"),
        person("이본부장"),
        person("최재무"),
        person("강대표"),
    );
    let rules = [
        ApprovalRule {
            id: ulid::Ulid::from_parts(1_764_000_000_002, rng.gen()).to_string(),
            name: "일반 구매".into(),
            min_krw: 0,
            max_krw: Some(100_000_000),
            kinds: vec![],
            steps: vec![
                RuleStep {
                    kind: StepKind::Review,
                    approvers: vec![lead.clone()],
                },
                RuleStep {
                    kind: StepKind::Approve,
                    approvers: vec![head.clone()],
                },
            ],
            cc: vec![finance.clone()],
            delegate_below_krw: Some(5_000_000),
            delegate_to: Some(lead.clone()),
            return_to: 0,
            removed: Default::default(),
        },
        ApprovalRule {
            id: ulid::Ulid::from_parts(1_764_000_000_002, rng.gen()).to_string(),
            name: "대형 구매".into(),
            min_krw: 100_000_000,
            max_krw: None,
            kinds: vec![],
            steps: vec![
                RuleStep {
                    kind: StepKind::Review,
                    approvers: vec![lead.clone()],
                },
                RuleStep {
                    kind: StepKind::Agree,
                    approvers: vec![finance.clone(), head.clone()],
                },
                RuleStep {
                    kind: StepKind::Approve,
                    approvers: vec![ceo.clone()],
                },
            ],
            cc: vec![],
            delegate_below_krw: None,
            delegate_to: None,
            return_to: 1,
            removed: Default::default(),
        },
    ];
    let mut records: Vec<Whole> = Vec::new();
    records.extend(vendors.iter().cloned().map(Whole::new));
    records.extend(budgets.iter().cloned().map(Whole::new));
    records.extend(rules.iter().cloned().map(Whole::new));
    made.vendors = vendors.len();
    made.budgets = budgets.len();
    write(workspace, &mut records, stamp)?;

    let requesters = ["김민준", "이서연", "정하늘", "오지훈"];
    let base_ms = stamp.at_ms - 400 * 86_400_000;
    for n in 0..count {
        let at = base_ms + (n as i64) * 400 * 86_400_000 / count.max(1) as i64;
        let id = ulid::Ulid::from_parts(at.max(0) as u64, rng.gen());
        let day = crate::lifecycle::date_of_ms(at);
        let requester = person(requesters[n % requesters.len()]);
        let mut request = PurchaseRequest {
            id: id.to_string(),
            number: request_number(&id, &day),
            title: String::new(),
            requester: requester.clone(),
            department: ["인프라팀", "클라우드팀", "네트워크팀"][n % 3].to_owned(),
            needed_by: crate::lifecycle::add_days(&day, 60)
                .map(|d| d.0)
                .unwrap_or_default(),
            justification: "OpenStack 컴퓨트 풀 확장".into(),
            budget: budgets[n % budgets.len()].id.clone(),
            rates: [("USD".to_owned(), 13_852_000)].into_iter().collect(),
            lines: Default::default(),
            files: Default::default(),
            created_at_ms: at,
            copied_from: String::new(),
            line: ApprovalLine::default(),
            submissions: Default::default(),
            decisions: Default::default(),
            snapshots: Default::default(),
            messages: Default::default(),
            rfqs: Default::default(),
            quotes: Default::default(),
            selections: Default::default(),
            orders: Default::default(),
            receipts: Default::default(),
            cancelled: Default::default(),
            completed: Default::default(),
        };
        let line_count = rng.gen_range(lines.saturating_sub(2).max(1)..=lines + 2);
        for position in 0..line_count {
            let item = ITEMS[rng.gen_range(0..ITEMS.len())];
            request.lines.insert(
                ulid::Ulid::from_parts(at as u64, rng.gen()).to_string(),
                RequestLine {
                    position: position as u32,
                    description: item.0.to_owned(),
                    kind: item.1,
                    manufacturer: item.2.to_owned(),
                    part_number: item.3.to_owned(),
                    device_type: String::new(),
                    quantity: rng.gen_range(1..=8),
                    unit: "EA".into(),
                    unit_price_minor: item.4,
                    currency: Currency::KRW,
                },
            );
        }
        let first = request.ordered_lines()[0].1.description.clone();
        request.title = format!("{first} 외 {}건", request.lines.len().saturating_sub(1));
        made.lines += request.lines.len();
        stage(&mut request, n, &rules, &vendors, &day, &mut rng);
        records.push(Whole::new(request));
        made.requests += 1;
        if records.len() >= 2_000 {
            write(workspace, &mut records, stamp)?;
        }
    }
    write(workspace, &mut records, stamp)?;
    receive_some(workspace, stamp)?;
    Ok(made)
}

/// Takes three ordered requests further through the real receipt path (so their assets are
/// in the register, linked to their orders): one partly received, one received, one
/// received and completed.
fn receive_some(workspace: &Workspace, stamp: &Stamp) -> Result<(), PurchasingError> {
    use super::receipts::{ReceiptInput, ReceiptLineInput};
    let ordered: Vec<PurchaseRequest> = workspace
        .purchase_requests()
        .into_iter()
        .filter(|r| r.status() == super::Status::Ordered)
        .take(3)
        .collect();
    for (index, request) in ordered.iter().enumerate() {
        let Some((order_key, order)) = request.orders.iter().next() else {
            continue;
        };
        let received_on = order.ordered_on.clone();
        let lines: Vec<ReceiptLineInput> = request
            .ordered_lines()
            .into_iter()
            .enumerate()
            .filter(|(place, _)| index > 0 || *place == 0)
            .filter_map(|(place, (key, line))| {
                let quantity = order.lines.get(key)?.quantity;
                let hardware = line.kind == LineKind::Hardware;
                Some(ReceiptLineInput {
                    line: key.clone(),
                    accepted: (!hardware).then_some(quantity),
                    rejected: 0,
                    serials: if hardware {
                        (0..quantity)
                            .map(|n| format!("{}-{}-{n}", request.number, place + 1))
                            .collect()
                    } else {
                        Vec::new()
                    },
                })
            })
            .collect();
        let input = ReceiptInput {
            received_on: received_on.clone(),
            note: String::new(),
            lines,
        };
        workspace.receive(&request.id, order_key, &input, &Date(received_on), stamp)?;
        if index == 2 {
            workspace.complete_purchase_request(&request.id, "", stamp)?;
        }
    }
    Ok(())
}

/// Takes a request as far as its place in the cycle of stages says.
fn stage(
    request: &mut PurchaseRequest,
    n: usize,
    rules: &[ApprovalRule],
    vendors: &[Vendor],
    day: &Date,
    rng: &mut StdRng,
) {
    // draft, submitted, in review, changes, approved, rejected, quotes, selected, ordered,
    // cancelled.
    let stage = n % 10;
    if stage == 0 {
        return;
    }
    let at = request.created_at_ms + 3_600_000;
    let line = super::policy::resolve(rules, &[], request.total_krw(), &request.kinds(), &day.0)
        .unwrap_or_default();
    request.line = line;
    let content = request.content_hex();
    request
        .snapshots
        .insert(content.clone(), request.content_text());
    request.submissions.insert(
        ulid::Ulid::from_parts(at as u64, rng.gen()).to_string(),
        Submission {
            by: request.requester.clone(),
            at_ms: at,
            content: content.clone(),
        },
    );
    let steps: Vec<LineStep> = request.line.steps.clone();
    let mut decide = |request: &mut PurchaseRequest,
                      step: usize,
                      approver: &LineApprover,
                      verdict: Verdict,
                      offset: i64| {
        request.decisions.insert(
            ulid::Ulid::from_parts((at + offset) as u64, rng.gen()).to_string(),
            StepDecision {
                step: step as u32,
                verdict,
                by: approver.person.clone(),
                acting_for: None,
                comment: match verdict {
                    Verdict::Approve => String::new(),
                    Verdict::Reject => "예산 재배정으로 보류".into(),
                    Verdict::Changes => "수량 근거를 보완해 주세요".into(),
                },
                at_ms: at + offset,
                on: day.0.clone(),
                content: content.clone(),
                signed: None,
            },
        );
    };
    match stage {
        1 => return,
        2 => {
            if let Some(approver) = steps.first().and_then(|s| s.approvers.first()) {
                decide(request, 0, approver, Verdict::Approve, 1_000);
            }
            return;
        }
        3 => {
            if let Some(approver) = steps.first().and_then(|s| s.approvers.first()) {
                decide(request, 0, approver, Verdict::Changes, 1_000);
            }
            return;
        }
        5 => {
            if let Some(approver) = steps.first().and_then(|s| s.approvers.first()) {
                decide(request, 0, approver, Verdict::Reject, 1_000);
            }
            return;
        }
        _ => {}
    }
    let mut offset = 1_000;
    for (index, step) in steps.iter().enumerate() {
        for approver in &step.approvers {
            decide(request, index, approver, Verdict::Approve, offset);
            offset += 1_000;
        }
    }
    if stage == 4 {
        return;
    }
    if stage == 9 {
        request.cancelled.insert(
            ulid::Ulid::from_parts((at + offset) as u64, rng.gen()).to_string(),
            Closing {
                by: request.requester.clone(),
                at_ms: at + offset,
                reason: "사업 일정 연기".into(),
            },
        );
        return;
    }
    let chosen: Vec<&Vendor> = vendors.iter().take(3).collect();
    let reply_by = crate::lifecycle::add_days(day, 14)
        .map(|d| d.0)
        .unwrap_or_default();
    for (index, vendor) in chosen.iter().enumerate() {
        request.rfqs.insert(
            vendor.id.clone(),
            Rfq {
                sent_on: day.0.clone(),
                reply_by: reply_by.clone(),
                by: request.requester.clone(),
                at_ms: at + offset,
            },
        );
        let prices = request
            .lines
            .iter()
            .map(|(key, line)| {
                let percent = 90 + rng.gen_range(0..15) + index as i64;
                (key.clone(), line.unit_price_minor * percent / 100)
            })
            .collect();
        request.quotes.insert(
            vendor.id.clone(),
            Quote {
                received_on: day.0.clone(),
                currency: Currency::KRW,
                prices,
                lead_time_days: 14 + 7 * index as u32,
                warranty_months: 36 + 12 * (index as u32 % 2),
                valid_until: reply_by.clone(),
                payment_terms: "납품 후 30일".into(),
                file: None,
                file_name: String::new(),
                notes: String::new(),
                by: request.requester.clone(),
                at_ms: at + offset + 1_000,
            },
        );
    }
    if stage == 6 {
        return;
    }
    let winner = chosen[n % chosen.len()];
    let selection_lines = request
        .lines
        .keys()
        .map(|key| (key.clone(), winner.id.clone()))
        .collect();
    request.selections.insert(
        ulid::Ulid::from_parts((at + offset + 2_000) as u64, rng.gen()).to_string(),
        Selection {
            lines: selection_lines,
            reason: "최저가, 납기 충족".into(),
            by: request
                .line
                .steps
                .last()
                .and_then(|s| s.approvers.first())
                .map(|a| a.person.clone())
                .unwrap_or_default(),
            at_ms: at + offset + 2_000,
            content: content.clone(),
            signed: None,
        },
    );
    if stage == 7 {
        return;
    }
    let quote = &request.quotes[&winner.id];
    let promised = crate::lifecycle::add_days(day, 30)
        .map(|d| d.0)
        .unwrap_or_default();
    let order_lines = request
        .lines
        .iter()
        .map(|(key, line)| {
            (
                key.clone(),
                OrderLine {
                    quantity: line.quantity,
                    unit_price_minor: quote
                        .prices
                        .get(key)
                        .copied()
                        .unwrap_or(line.unit_price_minor),
                    promised_on: promised.clone(),
                },
            )
        })
        .collect();
    request.orders.insert(
        ulid::Ulid::from_parts((at + offset + 3_000) as u64, rng.gen()).to_string(),
        Order {
            vendor: winner.id.clone(),
            number: format!("PO-{}-1", request.number.trim_start_matches("PR-")),
            ordered_on: day.0.clone(),
            currency: Currency::KRW,
            lines: order_lines,
            invoice_minor: None,
            invoice_ref: String::new(),
            by: request.requester.clone(),
            at_ms: at + offset + 3_000,
        },
    );
}

fn write(
    workspace: &Workspace,
    records: &mut Vec<Whole>,
    stamp: &Stamp,
) -> Result<(), PurchasingError> {
    if records.is_empty() {
        return Ok(());
    }
    let mut cache = workspace.lock_docs();
    let pending = workspace.stage_wholes(&mut cache, std::mem::take(records), stamp, "demo")?;
    workspace.write(&mut cache, pending, Batch::default())?;
    Ok(())
}
