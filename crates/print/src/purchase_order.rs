//! The purchase order on paper (발주서, issue 19), A4 portrait, drawn by the power report's
//! table code like the request for quotation: who orders and from whom (the vendor's name,
//! business number and first contact), the order number the vendor quotes on delivery and
//! invoice, each line with its quantity, unit price, amount and promised date, the total,
//! the payment terms of the quote; Korean or English like every printed page.

use cloudwright_core::assets::{Currency, Money};
use cloudwright_core::purchasing::request::{Order, PurchaseRequest};
use cloudwright_core::purchasing::{PurchasingError, Vendor};
use cloudwright_core::store::Workspace;

use crate::racks::Language;
use crate::report::table_report;
use crate::sheet::Sheet;
use crate::{PowerReport, PowerRow, PowerSection, PrintError};

#[derive(Debug, thiserror::Error)]
pub enum OrderPrintError {
    #[error(transparent)]
    Purchasing(#[from] PurchasingError),
    #[error("no order '{0}' on this request")]
    NoOrder(String),
    #[error(transparent)]
    Print(#[from] PrintError),
}

fn dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.to_owned()
    }
}

/// Every order of the request `key` as one PDF each, by order number; or the one `order`
/// names (its key or number).
pub fn order_pdfs(
    workspace: &Workspace,
    key: &str,
    order: Option<&str>,
    language: Language,
    generated: &str,
) -> Result<Vec<(String, Vec<u8>)>, OrderPrintError> {
    let request = workspace.purchase_request(key)?;
    let mut orders: Vec<&Order> = match order {
        Some(text) => {
            let key = cloudwright_core::purchasing::orders::order_key(&request, text)
                .ok_or_else(|| OrderPrintError::NoOrder(text.trim().to_owned()))?;
            vec![&request.orders[&key]]
        }
        None => request.orders.values().collect(),
    };
    orders.sort_by(|a, b| a.number.cmp(&b.number));
    let mut pdfs = Vec::new();
    for order in orders {
        let vendor = workspace.vendor(&order.vendor)?;
        let report = order_report(
            &request,
            order,
            &vendor,
            &workspace.meta().name,
            language,
            generated,
        );
        pdfs.push((
            order.number.clone(),
            table_report(&report, &Sheet::PORTRAIT)?,
        ));
    }
    Ok(pdfs)
}

/// The purchase order as the report model: every string formatted and translated.
pub fn order_report(
    request: &PurchaseRequest,
    order: &Order,
    vendor: &Vendor,
    workspace_name: &str,
    language: Language,
    generated: &str,
) -> PowerReport {
    let quote = request.quotes.get(&order.vendor);
    let contact = vendor.contacts.values().next().map(|c| {
        [
            c.name.as_str(),
            c.role.as_str(),
            c.phone.as_str(),
            c.email.as_str(),
        ]
        .iter()
        .filter(|part| !part.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
    });
    let from = [
        workspace_name,
        request.department.as_str(),
        request.requester.name.as_str(),
    ]
    .iter()
    .filter(|part| !part.trim().is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" / ");
    let currency = cloudwright_core::assets::CURRENCIES.code(order.currency);
    let mut summary = vec![
        (
            language.pick("발주 번호", "Order no.").to_owned(),
            order.number.clone(),
        ),
        (
            language.pick("발주일", "Ordered on").to_owned(),
            order.ordered_on.clone(),
        ),
        (
            language.pick("수신", "To").to_owned(),
            format!(
                "{} ({} {})",
                vendor.name,
                language.pick("사업자등록번호", "business no."),
                vendor.business_number
            ),
        ),
    ];
    if let Some(contact) = contact.filter(|c| !c.is_empty()) {
        summary.push((language.pick("담당자", "Contact").to_owned(), contact));
    }
    summary.extend([
        (language.pick("발신", "From").to_owned(), from),
        (
            language.pick("요청 번호", "Request no.").to_owned(),
            request.number.clone(),
        ),
        (
            language.pick("건명", "Subject").to_owned(),
            request.title.clone(),
        ),
        (
            language.pick("통화", "Currency").to_owned(),
            currency.to_owned(),
        ),
        (
            language.pick("결제 조건", "Payment terms").to_owned(),
            dash(quote.map_or("", |q| q.payment_terms.as_str())),
        ),
    ]);
    let columns = [
        ("번호", "No."),
        ("품목", "Item"),
        ("제조사 · 부품 번호", "Manufacturer · part"),
        ("수량", "Qty"),
        ("단가", "Unit price"),
        ("금액", "Amount"),
        ("납기", "Promised"),
    ]
    .iter()
    .map(|(ko, en)| language.pick(ko, en).to_owned())
    .collect();
    let mut total: i128 = 0;
    let mut rows = Vec::new();
    for (index, (key, line)) in request
        .ordered_lines()
        .into_iter()
        .filter(|(key, _)| order.lines.contains_key(*key))
        .enumerate()
    {
        let ordered = &order.lines[key];
        let amount = i128::from(ordered.quantity) * i128::from(ordered.unit_price_minor);
        total += amount;
        let part = [line.manufacturer.as_str(), line.part_number.as_str()]
            .iter()
            .filter(|p| !p.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        rows.push(PowerRow {
            name: (index + 1).to_string(),
            cells: vec![
                line.description.clone(),
                dash(&part),
                format!("{} {}", ordered.quantity, line.unit),
                format_minor(ordered.unit_price_minor, order.currency),
                format_minor(clamp(amount), order.currency),
                ordered.promised_on.clone(),
            ],
            group_heading: false,
        });
    }
    let total = format_minor(clamp(total), order.currency);
    let findings = vec![
        match language {
            Language::Korean => format!("합계 금액: {currency} {total} (부가가치세 별도)"),
            Language::English => format!("Total: {currency} {total} (VAT excluded)"),
        },
        match language {
            Language::Korean => "위와 같이 발주합니다. 품목별 납기일까지 납품하여 주십시오.".to_owned(),
            Language::English => {
                "We order the items above; please deliver each by its promised date.".to_owned()
            }
        },
        match language {
            Language::Korean => format!(
                "납품서와 세금계산서에 발주 번호 {}를 기재하고, 장비마다 시리얼 번호를 표기해 주십시오.",
                order.number
            ),
            Language::English => format!(
                "Quote the order number {} on the delivery note and the invoice, and mark each unit's serial number.",
                order.number
            ),
        },
    ];
    PowerReport {
        title: format!(
            "{workspace_name} — {}",
            language.pick("발주서", "Purchase order")
        ),
        generated: generated.to_owned(),
        summary,
        sections: vec![PowerSection {
            title: language.pick("발주 품목", "Items ordered").to_owned(),
            columns,
            rows,
            findings,
        }],
    }
}

fn format_minor(amount_minor: i64, currency: Currency) -> String {
    Money {
        amount_minor,
        currency,
    }
    .format_amount()
}

fn clamp(value: i128) -> i64 {
    value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}
