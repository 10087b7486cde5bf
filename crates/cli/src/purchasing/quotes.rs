//! `cloudwright purchase rfq|quote|compare|select`: requests for quotation to vendors (with
//! the 견적요청서 PDF per vendor), the quotes that come back, the comparison with vendors as
//! columns (on screen, JSON, PDF, CSV) and the choice of vendor with its reason, signed by
//! the member logged in here (issue 19), by the same rules as every other path in (core's
//! `purchasing::quotes`).

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _};
use clap::Subcommand;
use cloudwright_core::assets::{Currency, CURRENCIES};
use cloudwright_core::purchasing::quotes::{
    comparison_csv, format_minor, Comparison, QuoteInput, SelectionInput, MAX_QUOTE_FILE_BYTES,
};
use cloudwright_core::purchasing::request::PurchaseRequest;
use cloudwright_core::purchasing::request_ops::format_won;
use cloudwright_core::store::Workspace;

use super::explain;
use crate::context::Context;
use crate::lifecycle::TodayArg;

/// The quotation steps of `purchase`, flattened into its subcommands.
#[derive(Subcommand)]
pub enum QuoteCommand {
    /// Ask vendors for quotes on an approved request, with the day to reply by; optionally
    /// write each vendor's request for quotation (견적요청서) as a PDF into a folder
    Rfq {
        /// The request's number (PR-…) or id
        request: String,
        /// A vendor's name, id or business registration number; repeat for more
        #[arg(long = "vendor", required = true)]
        vendors: Vec<String>,
        /// YYYY-MM-DD, not in the past
        #[arg(long)]
        reply_by: String,
        /// A folder to write one PDF per vendor into (RFQ-{request}-{vendor}.pdf)
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// The PDF's language: ko or en
        #[arg(long, default_value = "ko")]
        lang: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Enter a vendor's quote (it replaces the vendor's earlier one)
    Quote {
        request: String,
        #[arg(long)]
        vendor: String,
        /// A line's unit price: LINE=PRICE (LINE its place, 1 for the first, or its key);
        /// repeat for each line the vendor quotes
        #[arg(long = "price", required = true)]
        prices: Vec<String>,
        /// The quote's currency (KRW, or one the request records a rate for)
        #[arg(long, default_value = "KRW")]
        currency: String,
        /// The day the quote came in [default: today]
        #[arg(long, default_value = "")]
        received_on: String,
        #[arg(long)]
        lead_days: String,
        #[arg(long)]
        warranty_months: String,
        /// The last day the quote holds
        #[arg(long, default_value = "")]
        valid_until: String,
        /// Payment terms
        #[arg(long, default_value = "")]
        terms: String,
        #[arg(long, default_value = "")]
        notes: String,
        /// The vendor's quote document, kept with the quote (and synced)
        #[arg(long)]
        file: Option<PathBuf>,
        #[command(flatten)]
        today: TodayArg,
    },
    /// The quotes side by side, vendors as columns and lines as rows, the best price per
    /// line marked *; optionally as a PDF (A4 landscape), a CSV or JSON
    Compare {
        request: String,
        #[arg(long)]
        pdf: Option<PathBuf>,
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Print the comparison as JSON instead of the table
        #[arg(long)]
        json: bool,
        /// The PDF's and CSV's language: ko or en
        #[arg(long, default_value = "ko")]
        lang: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Choose the vendor: one for the whole request (--vendor), or line by line (--line
    /// LINE=VENDOR), or one for every line but those named; with the reason (signed when
    /// logged in)
    Select {
        request: String,
        #[arg(long)]
        vendor: Option<String>,
        /// LINE=VENDOR (LINE its place, 1 for the first, or its key); repeat for more
        #[arg(long = "line")]
        lines: Vec<String>,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        today: TodayArg,
    },
}

/// `LINE=VALUE` split at the first `=`.
fn pair<'a>(option: &str, text: &'a str) -> anyhow::Result<(&'a str, &'a str)> {
    text.split_once('=')
        .map(|(line, value)| (line.trim(), value.trim()))
        .ok_or_else(|| anyhow!("--{option} '{text}' is not LINE=VALUE"))
}

/// A line named by its place (1 for the first) or its key, as its key; anything else is
/// passed on for core to refuse at its field.
fn line_key(request: &PurchaseRequest, line: &str) -> String {
    match line.parse::<usize>() {
        Ok(place) if place >= 1 => request
            .ordered_lines()
            .get(place - 1)
            .map_or_else(|| line.to_owned(), |(key, _)| (*key).clone()),
        _ => line.to_owned(),
    }
}

/// A file name safe in any folder: letters, digits, `-` and `_` kept (Hangul too).
fn file_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Reads at most one byte more than a quote's file may hold, so a larger one is refused by
/// core without being read whole.
fn read_bounded(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_QUOTE_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {}", path.display()))?;
    Ok(bytes)
}

fn money(amount_minor: i64, currency: Currency) -> String {
    format!(
        "{} {}",
        CURRENCIES.code(currency),
        format_minor(amount_minor, currency)
    )
}

/// The comparison as a tab-separated table: one column per vendor.
fn print_comparison(comparison: &Comparison) {
    println!(
        "{} {} ({})",
        comparison.number,
        comparison.title,
        comparison.status.code()
    );
    let mut header = vec!["#".to_owned(), "line".to_owned(), "qty".to_owned()];
    header.extend(
        comparison
            .vendors
            .iter()
            .map(|v| format!("{} ({})", v.name, CURRENCIES.code(v.currency))),
    );
    println!("{}", header.join("\t"));
    for (index, line) in comparison.lines.iter().enumerate() {
        let mut row = vec![
            (index + 1).to_string(),
            line.description.clone(),
            format!("{} {}", line.quantity, line.unit),
        ];
        for (cell, vendor) in line.cells.iter().zip(&comparison.vendors) {
            row.push(match cell {
                Some(cell) => {
                    let mut text = format!(
                        "{} = ₩{}",
                        format_minor(cell.total_minor, vendor.currency),
                        format_won(cell.total_krw)
                    );
                    if cell.best {
                        text.push_str(" *");
                    }
                    text
                }
                None => "—".to_owned(),
            });
        }
        if let Some(selected) = &line.selected {
            let name = comparison
                .vendors
                .iter()
                .find(|v| &v.vendor == selected)
                .map_or(selected.as_str(), |v| v.name.as_str());
            row.push(format!("→ {name}"));
        }
        println!("{}", row.join("\t"));
    }
    let summary =
        |label: &str,
         value: &dyn Fn(&cloudwright_core::purchasing::quotes::ComparedVendor) -> String| {
            let mut row = vec![String::new(), label.to_owned(), String::new()];
            row.extend(comparison.vendors.iter().map(value));
            println!("{}", row.join("\t"));
        };
    summary("total", &|v| {
        if !v.quoted {
            return "no reply".to_owned();
        }
        let mut text = format!(
            "{} = ₩{}",
            money(v.total_minor, v.currency),
            format_won(v.total_krw)
        );
        if v.lowest_total {
            text.push_str(" *");
        }
        text
    });
    summary("not quoted", &|v| {
        v.missing
            .iter()
            .filter_map(|key| comparison.lines.iter().position(|l| &l.key == key))
            .map(|n| (n + 1).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    });
    summary("lead time", &|v| {
        if v.quoted {
            format!("{} days", v.lead_time_days)
        } else {
            String::new()
        }
    });
    summary("warranty", &|v| {
        if v.quoted {
            format!("{} months", v.warranty_months)
        } else {
            String::new()
        }
    });
    summary("valid until", &|v| v.valid_until.clone());
    summary("terms", &|v| v.payment_terms.clone());
    summary("score", &|v| {
        v.score.map(|s| format!("{s:.1}")).unwrap_or_default()
    });
    if !comparison.selection_reason.is_empty() {
        println!("selected because: {}", comparison.selection_reason);
    }
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

pub fn run(context: &Context, command: QuoteCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        QuoteCommand::Rfq {
            request,
            vendors,
            reply_by,
            pdf,
            lang,
            today,
        } => {
            let language = crate::reports::language(&lang)?;
            let updated = ws
                .request_quotes(
                    &request,
                    &vendors,
                    &reply_by,
                    &today.date()?,
                    &context.stamp()?,
                )
                .map_err(explain)?;
            let mut sent = Vec::new();
            for name in &vendors {
                let vendor = ws.vendor(name).map_err(explain)?;
                println!(
                    "asked {}\t{}\treply by {}",
                    vendor.name,
                    vendor.business_number,
                    reply_by.trim()
                );
                sent.push(vendor);
            }
            println!("{}: {}", updated.number, updated.status().code());
            if let Some(folder) = pdf {
                std::fs::create_dir_all(&folder)
                    .with_context(|| format!("making {}", folder.display()))?;
                let generated = crate::reports::generated_line(context)?;
                for vendor in sent {
                    let bytes = cloudwright_print::purchase_quotes::rfq_pdf(
                        &ws,
                        &updated.id,
                        &vendor.id,
                        language,
                        &generated,
                    )?;
                    let path = folder.join(format!(
                        "RFQ-{}-{}.pdf",
                        updated.number,
                        file_part(&vendor.name)
                    ));
                    write(&path, &bytes)?;
                }
            }
        }
        QuoteCommand::Quote {
            request,
            vendor,
            prices,
            currency,
            received_on,
            lead_days,
            warranty_months,
            valid_until,
            terms,
            notes,
            file,
            today,
        } => {
            let current = ws.purchase_request(&request).map_err(explain)?;
            let mut input = QuoteInput {
                received_on: if received_on.trim().is_empty() {
                    today.date()?.0
                } else {
                    received_on
                },
                currency,
                lead_time_days: lead_days,
                warranty_months,
                valid_until,
                payment_terms: terms,
                notes,
                ..QuoteInput::default()
            };
            for text in &prices {
                let (line, price) = pair("price", text)?;
                input
                    .prices
                    .insert(line_key(&current, line), price.to_owned());
            }
            let bytes = file.as_deref().map(read_bounded).transpose()?;
            let name = file
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let attached = bytes.as_deref().map(|bytes| (name.as_str(), bytes));
            let updated = ws
                .enter_quote(&current.id, &vendor, &input, attached, &context.stamp()?)
                .map_err(explain)?;
            let vendor = ws.vendor(&vendor).map_err(explain)?;
            let quote = &updated.quotes[&vendor.id];
            println!(
                "quoted {}\t{}\t{} of {} lines\t{}",
                updated.number,
                vendor.name,
                quote.prices.len(),
                updated.lines.len(),
                CURRENCIES.code(quote.currency)
            );
        }
        QuoteCommand::Compare {
            request,
            pdf,
            csv,
            json,
            lang,
            today,
        } => {
            let language = crate::reports::language(&lang)?;
            let today = today.date()?;
            let comparison = ws.quote_comparison(&request, &today).map_err(explain)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&comparison)?);
            } else {
                print_comparison(&comparison);
            }
            if let Some(path) = csv {
                let mut bytes = Vec::new();
                comparison_csv(&comparison, language, &mut bytes, true)?;
                write(&path, &bytes)?;
            }
            if let Some(path) = pdf {
                let generated = crate::reports::generated_line(context)?;
                let bytes = cloudwright_print::purchase_quotes::comparison_pdf(
                    &ws,
                    &comparison.request,
                    &today,
                    language,
                    &generated,
                )?;
                write(&path, &bytes)?;
            }
        }
        QuoteCommand::Select {
            request,
            vendor,
            lines,
            reason,
            today,
        } => select(context, &ws, &request, vendor, &lines, reason, &today)?,
    }
    Ok(())
}

fn select(
    context: &Context,
    ws: &Workspace,
    request: &str,
    vendor: Option<String>,
    lines: &[String],
    reason: String,
    today: &TodayArg,
) -> anyhow::Result<()> {
    if vendor.is_none() && lines.is_empty() {
        return Err(anyhow!(
            "name the vendor: --vendor V for every line, or --line LINE=VENDOR"
        ));
    }
    let current = ws.purchase_request(request).map_err(explain)?;
    let mut input = SelectionInput {
        whole: vendor,
        per_line: Vec::new(),
        reason,
    };
    for text in lines {
        let (line, vendor) = pair("line", text)?;
        input
            .per_line
            .push((line_key(&current, line), vendor.to_owned()));
    }
    let member = context.signing_member(ws)?;
    let signer = member.as_ref().map(|member| member.signer());
    let updated = ws
        .select_vendor(
            &current.id,
            &input,
            &today.date()?,
            &context.stamp()?,
            signer.as_ref(),
        )
        .map_err(explain)?;
    let selection = updated
        .selection()
        .ok_or_else(|| anyhow!("the selection was not kept"))?;
    for (index, (key, _)) in updated.ordered_lines().into_iter().enumerate() {
        let vendor = selection.lines.get(key).cloned().unwrap_or_default();
        let name = ws.vendor(&vendor).map_or(vendor, |v| v.name);
        println!("line {}\t{}", index + 1, name);
    }
    println!(
        "selected {}: {}{}",
        updated.number,
        updated.status().code(),
        if selection.signed.is_some() {
            " (signed)"
        } else {
            ""
        }
    );
    Ok(())
}
