//! Quotation on paper (issue 19): the request for quotation sent to each vendor (견적요청서,
//! A4 portrait) and the comparison of the quotes that came back (견적 비교표, A4 landscape),
//! both drawn by the power report's table code, so a long table repeats its header on every
//! page and every page has its number; Korean or English like every printed page.
//!
//! The RFQ names who asks (the workspace, the requester and department) and who is asked
//! (the vendor's name, business number and first contact), the request's lines with their
//! quantity, unit and specification (manufacturer and part number, never our estimated
//! price), the reply-by date and what the reply should hold.
//!
//! The comparison keeps **vendors as columns** and lines as rows. A table holds at most
//! [`VENDORS_PER_TABLE`] vendors (a vendor quoting in won takes two columns, unit price and
//! amount; one in another currency three, the amount in its currency and in won), so ten
//! vendors make three tables of the same rows, each repeating the line names; the lowest
//! amount in won of each line is marked ★ in every vendor's column that has it. Each table
//! ends with the vendors' totals, the lines they left out, lead time, warranty, validity and
//! score; payment terms and notes, which run long, are listed under the table.

use cloudwright_core::assets::Date;
use cloudwright_core::assets::{Currency, CURRENCIES};
use cloudwright_core::purchasing::quotes::{format_minor, ComparedVendor, Comparison};
use cloudwright_core::purchasing::request::{LineKind, PurchaseRequest};
use cloudwright_core::purchasing::request_ops::{format_rate, format_won};
use cloudwright_core::purchasing::{PurchasingError, Vendor};
use cloudwright_core::store::Workspace;

use crate::racks::Language;
use crate::report::table_report;
use crate::sheet::Sheet;
use crate::{PowerReport, PowerRow, PowerSection, PrintError};

/// The most vendors one comparison table holds side by side on A4 landscape.
pub const VENDORS_PER_TABLE: usize = 4;

/// The mark of the best price of a line.
pub const BEST_MARK: &str = "★";

#[derive(Debug, thiserror::Error)]
pub enum QuotePrintError {
    #[error(transparent)]
    Purchasing(#[from] PurchasingError),
    #[error("no request for quotation was sent to {0} for this request")]
    NoRfq(String),
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

fn kind_text(kind: LineKind, language: Language) -> &'static str {
    match kind {
        LineKind::Hardware => language.pick("하드웨어", "Hardware"),
        LineKind::Software => language.pick("소프트웨어", "Software"),
        LineKind::Licence => language.pick("라이선스", "Licence"),
        LineKind::Service => language.pick("서비스", "Service"),
    }
}

/// The request for quotation of `key` to `vendor` (id or name) as a PDF.
pub fn rfq_pdf(
    workspace: &Workspace,
    key: &str,
    vendor: &str,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, QuotePrintError> {
    let request = workspace.purchase_request(key)?;
    let vendor = workspace.vendor(vendor)?;
    if !request.rfqs.contains_key(&vendor.id) {
        return Err(QuotePrintError::NoRfq(vendor.name));
    }
    let report = rfq_report(
        &request,
        &vendor,
        &workspace.meta().name,
        language,
        generated,
    );
    Ok(table_report(&report, &Sheet::PORTRAIT)?)
}

/// The request for quotation as the report model: every string formatted and translated.
pub fn rfq_report(
    request: &PurchaseRequest,
    vendor: &Vendor,
    workspace_name: &str,
    language: Language,
    generated: &str,
) -> PowerReport {
    let rfq = request.rfqs.get(&vendor.id);
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
    let mut summary = vec![(
        language.pick("수신", "To").to_owned(),
        format!(
            "{} ({} {})",
            vendor.name,
            language.pick("사업자등록번호", "business no."),
            vendor.business_number
        ),
    )];
    if let Some(contact) = contact.filter(|c| !c.is_empty()) {
        summary.push((language.pick("담당자", "Contact").to_owned(), contact));
    }
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
            language.pick("발송일", "Sent on").to_owned(),
            dash(rfq.map_or("", |r| r.sent_on.as_str())),
        ),
        (
            language.pick("회신 기한", "Reply by").to_owned(),
            dash(rfq.map_or("", |r| r.reply_by.as_str())),
        ),
        (
            language.pick("납품 희망일", "Needed by").to_owned(),
            dash(&request.needed_by),
        ),
    ]);
    let columns = [
        ("번호", "No."),
        ("품목", "Item"),
        ("구분", "Kind"),
        ("제조사", "Manufacturer"),
        ("부품 번호 · 규격", "Part number · spec"),
        ("수량", "Quantity"),
        ("단위", "Unit"),
    ]
    .iter()
    .map(|(ko, en)| language.pick(ko, en).to_owned())
    .collect();
    let rows = request
        .ordered_lines()
        .into_iter()
        .enumerate()
        .map(|(index, (_, line))| PowerRow {
            name: (index + 1).to_string(),
            cells: vec![
                line.description.clone(),
                kind_text(line.kind, language).to_owned(),
                dash(&line.manufacturer),
                dash(&line.part_number),
                line.quantity.to_string(),
                line.unit.clone(),
            ],
            group_heading: false,
        })
        .collect();
    let reply_by = rfq.map_or(String::new(), |r| r.reply_by.clone());
    let findings = vec![
        match language {
            Language::Korean => format!(
                "위 품목에 대한 견적을 {} 까지 회신하여 주시기 바랍니다.",
                dash(&reply_by)
            ),
            Language::English => format!(
                "Please send your quotation for the items above by {}.",
                dash(&reply_by)
            ),
        },
        language
            .pick(
                "견적서에는 품목별 단가(부가가치세 별도)와 통화, 납기(일), 보증 기간(개월), 견적 유효기간, 결제 조건을 기재해 주십시오.",
                "State for each item the unit price (VAT excluded) and currency, the lead time (days), the warranty (months), how long the quote is valid and the payment terms.",
            )
            .to_owned(),
        language
            .pick(
                "일부 품목만 견적하시는 경우 견적하지 않는 품목을 명시해 주십시오.",
                "If you quote only some of the items, say which you do not quote.",
            )
            .to_owned(),
    ];
    PowerReport {
        title: format!(
            "{workspace_name} — {}",
            language.pick("견적요청서", "Request for quotation")
        ),
        generated: generated.to_owned(),
        summary,
        sections: vec![PowerSection {
            title: language.pick("요청 품목", "Items").to_owned(),
            columns,
            rows,
            findings,
        }],
    }
}

/// The comparison of `key`'s quotes as a PDF (A4 landscape).
pub fn comparison_pdf(
    workspace: &Workspace,
    key: &str,
    today: &Date,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, QuotePrintError> {
    let request = workspace.purchase_request(key)?;
    let comparison = workspace.quote_comparison(key, today)?;
    let report = comparison_report(
        &comparison,
        &request,
        &workspace.meta().name,
        language,
        generated,
    );
    Ok(comparison_table_pdf(&report)?)
}

/// Prints a comparison already in the report model, landscape.
pub fn comparison_table_pdf(report: &PowerReport) -> Result<Vec<u8>, PrintError> {
    table_report(report, &Sheet::LANDSCAPE)
}

fn currency_code(currency: Currency) -> &'static str {
    CURRENCIES.code(currency)
}

/// A vendor's columns: unit price, then the amount (in its currency and, when that is not
/// won, in won as well).
fn vendor_columns(vendor: &ComparedVendor, language: Language) -> Vec<String> {
    let code = currency_code(vendor.currency);
    let mut columns = vec![format!(
        "{} {} ({code})",
        vendor.name,
        language.pick("단가", "unit")
    )];
    if vendor.currency != Currency::KRW {
        columns.push(format!("{} ({code})", language.pick("금액", "Amount")));
    }
    columns.push(language.pick("금액 (원)", "Amount (KRW)").to_owned());
    columns
}

fn width_of(vendor: &ComparedVendor) -> usize {
    if vendor.currency == Currency::KRW {
        2
    } else {
        3
    }
}

/// The comparison as the report model: a summary, then one table per [`VENDORS_PER_TABLE`]
/// vendors.
pub fn comparison_report(
    comparison: &Comparison,
    request: &PurchaseRequest,
    workspace_name: &str,
    language: Language,
    generated: &str,
) -> PowerReport {
    let quoted = comparison.vendors.iter().filter(|v| v.quoted).count();
    let mut rates: Vec<String> = comparison
        .vendors
        .iter()
        .filter(|v| v.quoted && v.currency != Currency::KRW)
        .map(|v| format!("{} {}", currency_code(v.currency), format_rate(v.rate)))
        .collect();
    rates.sort();
    rates.dedup();
    let lowest: Vec<&str> = comparison
        .vendors
        .iter()
        .filter(|v| v.lowest_total)
        .map(|v| v.name.as_str())
        .collect();
    let mut summary = vec![
        (
            language.pick("요청 번호", "Request no.").to_owned(),
            comparison.number.clone(),
        ),
        (
            language.pick("건명", "Subject").to_owned(),
            comparison.title.clone(),
        ),
        (
            language.pick("요청자", "Requested by").to_owned(),
            [request.department.as_str(), request.requester.name.as_str()]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" / "),
        ),
        (
            language.pick("예상 금액", "Estimate").to_owned(),
            format!(
                "{} {}",
                format_won(request.total_krw()),
                language.pick("원", "KRW")
            ),
        ),
        (
            language.pick("업체", "Vendors").to_owned(),
            match language {
                Language::Korean => format!(
                    "견적 요청 {}곳, 회신 {}곳 · 품목 {}개",
                    comparison.vendors.len(),
                    quoted,
                    comparison.lines.len()
                ),
                Language::English => format!(
                    "{} asked, {} quoted · {} lines",
                    comparison.vendors.len(),
                    quoted,
                    comparison.lines.len()
                ),
            },
        ),
        (
            language.pick("최저 합계", "Lowest total").to_owned(),
            dash(&lowest.join(", ")),
        ),
        (
            language.pick("표시", "Key").to_owned(),
            match language {
                Language::Korean => format!(
                    "{BEST_MARK} 품목별 최저가 (원화 환산 금액 기준){}",
                    if rates.is_empty() {
                        String::new()
                    } else {
                        format!(" · 환율 {}", rates.join(", "))
                    }
                ),
                Language::English => format!(
                    "{BEST_MARK} lowest amount of the line (in KRW){}",
                    if rates.is_empty() {
                        String::new()
                    } else {
                        format!(" · rates {}", rates.join(", "))
                    }
                ),
            },
        ),
    ];
    if !comparison.selection_reason.is_empty() {
        summary.push((
            language.pick("선정 사유", "Reason chosen").to_owned(),
            comparison.selection_reason.clone(),
        ));
    }
    let groups = comparison.vendors.len().div_ceil(VENDORS_PER_TABLE).max(1);
    let sections = (0..groups)
        .map(|group| {
            let first = group * VENDORS_PER_TABLE;
            let last = (first + VENDORS_PER_TABLE).min(comparison.vendors.len());
            comparison_section(comparison, first..last, groups, language)
        })
        .collect();
    PowerReport {
        title: format!(
            "{workspace_name} — {}",
            language.pick("견적 비교표", "Quote comparison")
        ),
        generated: generated.to_owned(),
        summary,
        sections,
    }
}

fn comparison_section(
    comparison: &Comparison,
    range: std::ops::Range<usize>,
    groups: usize,
    language: Language,
) -> PowerSection {
    let vendors = &comparison.vendors[range.clone()];
    let mut columns = vec![
        language.pick("품목", "Item").to_owned(),
        language.pick("수량", "Qty").to_owned(),
    ];
    for vendor in vendors {
        columns.extend(vendor_columns(vendor, language));
    }
    let mut rows = Vec::with_capacity(comparison.lines.len() + 8);
    for (index, line) in comparison.lines.iter().enumerate() {
        let mut cells = vec![format!("{} {}", line.quantity, line.unit)];
        for (offset, vendor) in vendors.iter().enumerate() {
            match &line.cells[range.start + offset] {
                Some(cell) => {
                    let mark = |text: String| {
                        if cell.best {
                            format!("{text} {BEST_MARK}")
                        } else {
                            text
                        }
                    };
                    cells.push(format_minor(cell.unit_minor, vendor.currency));
                    if vendor.currency != Currency::KRW {
                        cells.push(format_minor(cell.total_minor, vendor.currency));
                    }
                    cells.push(mark(format_won(cell.total_krw)));
                }
                None => cells.extend(std::iter::repeat_n("—".to_owned(), width_of(vendor))),
            }
        }
        let selected = line
            .selected
            .as_ref()
            .and_then(|id| comparison.vendors.iter().find(|v| &v.vendor == id))
            .map(|v| format!(" → {}", v.name))
            .unwrap_or_default();
        rows.push(PowerRow {
            name: format!("{}. {}{selected}", index + 1, line.description),
            cells,
            group_heading: false,
        });
    }
    rows.push(PowerRow {
        name: language.pick("업체별 요약", "By vendor").to_owned(),
        cells: Vec::new(),
        group_heading: true,
    });
    // One summary row: the value in the vendor's first column (money in its last).
    let summary_row = |label: &str, value: &dyn Fn(&ComparedVendor) -> (String, String)| {
        let mut cells = vec![String::new()];
        for vendor in vendors {
            let (first, amount) = value(vendor);
            cells.push(first);
            if vendor.currency != Currency::KRW {
                cells.push(String::new());
            }
            cells.push(amount);
        }
        PowerRow {
            name: label.to_owned(),
            cells,
            group_heading: false,
        }
    };
    let not_quoted = language.pick("미회신", "no reply");
    let line_numbers = |vendor: &ComparedVendor| {
        vendor
            .missing
            .iter()
            .filter_map(|key| comparison.lines.iter().position(|l| &l.key == key))
            .map(|n| (n + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    rows.push(summary_row(
        language.pick("합계 (원)", "Total (KRW)"),
        &|v| {
            if !v.quoted {
                return (not_quoted.to_owned(), "—".to_owned());
            }
            let total = format_won(v.total_krw);
            (
                if v.currency == Currency::KRW {
                    String::new()
                } else {
                    format!(
                        "{} {}",
                        currency_code(v.currency),
                        format_minor(v.total_minor, v.currency)
                    )
                },
                if v.lowest_total {
                    format!("{total} {BEST_MARK}")
                } else {
                    total
                },
            )
        },
    ));
    rows.push(summary_row(
        language.pick("미견적 품목", "Lines not quoted"),
        &|v| {
            let text = if v.quoted {
                dash(&line_numbers(v))
            } else {
                "—".to_owned()
            };
            (text, String::new())
        },
    ));
    let or_dash = |v: &ComparedVendor, text: String| if v.quoted { text } else { "—".to_owned() };
    rows.push(summary_row(language.pick("납기", "Lead time"), &|v| {
        (
            or_dash(
                v,
                format!("{}{}", v.lead_time_days, language.pick("일", " days")),
            ),
            String::new(),
        )
    }));
    rows.push(summary_row(language.pick("보증", "Warranty"), &|v| {
        (
            or_dash(
                v,
                format!("{}{}", v.warranty_months, language.pick("개월", " months")),
            ),
            String::new(),
        )
    }));
    rows.push(summary_row(
        language.pick("견적 유효기간", "Valid until"),
        &|v| (or_dash(v, dash(&v.valid_until)), String::new()),
    ));
    rows.push(summary_row(language.pick("평가 점수", "Score"), &|v| {
        (
            v.score
                .map_or_else(|| "—".to_owned(), |s| format!("{s:.1}")),
            String::new(),
        )
    }));
    let findings = vendors
        .iter()
        .filter(|v| v.quoted)
        .map(|v| {
            let mut text = format!(
                "{}: {} {}",
                v.name,
                language.pick("결제 조건", "payment terms"),
                dash(&v.payment_terms)
            );
            if !v.notes.is_empty() {
                text.push_str(&format!(" · {}", v.notes.replace('\n', " ")));
            }
            text
        })
        .collect();
    let title = if groups > 1 {
        match language {
            Language::Korean => format!(
                "견적 비교 (업체 {}–{} / {})",
                range.start + 1,
                range.end,
                comparison.vendors.len()
            ),
            Language::English => format!(
                "Quotes compared (vendors {}–{} of {})",
                range.start + 1,
                range.end,
                comparison.vendors.len()
            ),
        }
    } else {
        language.pick("견적 비교", "Quotes compared").to_owned()
    };
    PowerSection {
        title,
        columns,
        rows,
        findings,
    }
}
