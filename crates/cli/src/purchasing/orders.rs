//! `cloudwright purchase order|receive|invoice|match|complete` and `cloudwright vendor
//! performance|weights`: orders from the selected quotes (with the 발주서 PDF), receipts that
//! create assets, the vendor's invoice and the three-way match, completion, and the vendors'
//! performance (issue 19), by the same rules as every other path in (core's
//! `purchasing::orders`, `receipts`, `performance`).

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _};
use clap::{Args, Subcommand};
use cloudwright_core::assets::{Date, Money};
use cloudwright_core::purchasing::orders::OrderInput;
use cloudwright_core::purchasing::performance::{Figure, VendorPerformance};
use cloudwright_core::purchasing::receipts::{
    receipt_lines_from_csv, ReceiptInput, ReceiptLineInput,
};

use cloudwright_core::store::Workspace;

use super::explain;
use crate::context::Context;
use crate::lifecycle::TodayArg;

/// The order steps of `purchase`, flattened into its subcommands.
#[derive(Subcommand)]
pub enum OrderCommand {
    /// Place the orders the selection calls for, one per vendor (발주), optionally as PDFs
    Order {
        /// The request's number (PR-…) or id
        request: String,
        /// A line's promised date: LINE=YYYY-MM-DD (LINE its place, 1 for the first, or its
        /// key); a line not named is promised the order date plus the quote's lead time
        #[arg(long = "promised")]
        promised: Vec<String>,
        /// The day ordered [default: today]
        #[arg(long, default_value = "")]
        ordered_on: String,
        /// Write the purchase order (발주서) here; with several orders, one file each named
        /// after the order number beside it
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// The PDF's language: ko or en
        #[arg(long, default_value = "ko")]
        lang: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Receive units of an order: each accepted hardware unit's serial creates its asset
    Receive {
        request: String,
        /// The order's number (PO-…) or key
        #[arg(long)]
        order: String,
        /// The line received (its place, 1 for the first, or its key)
        #[arg(long)]
        line: Option<String>,
        /// An accepted unit's serial, as scanned; repeat for each unit
        #[arg(long = "serial")]
        serials: Vec<String>,
        /// Units of --line accepted without serials (software, licences, services)
        #[arg(long)]
        accepted: Option<u64>,
        /// Units rejected at receipt: LINE=N; repeat for more lines
        #[arg(long = "rejected")]
        rejected: Vec<String>,
        /// The receipt's lines from a CSV file: line,serial[,accepted,rejected]
        #[arg(long)]
        csv: Option<PathBuf>,
        /// The day it arrived [default: today]
        #[arg(long, default_value = "")]
        received_on: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Record the vendor's invoice for an order (amount in the order's currency)
    Invoice {
        request: String,
        #[arg(long)]
        order: String,
        #[arg(long)]
        amount: String,
        #[arg(long, default_value = "")]
        reference: String,
    },
    /// The three-way match of a request's orders: ordered, received, invoiced
    Match {
        request: String,
        #[arg(long)]
        json: bool,
    },
    /// Complete a request once received (a request partly received needs --reason)
    Complete {
        request: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

/// `vendor performance`.
#[derive(Args)]
pub struct PerformanceArgs {
    /// The vendor's name, business number or id
    vendor: String,
    /// The first day of the period [default: 1 January of this year]
    #[arg(long)]
    from: Option<String>,
    /// The last day of the period [default: today]
    #[arg(long)]
    until: Option<String>,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    today: TodayArg,
}

/// `vendor weights`: shows the score's weights, or sets them all.
#[derive(Args)]
pub struct WeightsArgs {
    #[arg(long, requires_all = ["price", "response", "quality"])]
    on_time: Option<u32>,
    #[arg(long)]
    price: Option<u32>,
    #[arg(long)]
    response: Option<u32>,
    #[arg(long)]
    quality: Option<u32>,
}

fn date_arg(name: &str, text: &str) -> anyhow::Result<Date> {
    cloudwright_core::assets::input::parse_date(text)
        .ok_or_else(|| anyhow!("--{name} '{text}' is not a date (use YYYY-MM-DD)"))
}

fn pair<'a>(option: &str, text: &'a str) -> anyhow::Result<(&'a str, &'a str)> {
    text.split_once('=')
        .map(|(a, b)| (a.trim(), b.trim()))
        .ok_or_else(|| anyhow!("--{option} '{text}' is not LINE=VALUE"))
}

fn money(amount_minor: i64, currency: cloudwright_core::assets::Currency) -> String {
    Money {
        amount_minor,
        currency,
    }
    .format_amount()
}

fn pdf_path(base: &Path, number: &str, several: bool) -> PathBuf {
    if !several {
        return base.to_owned();
    }
    let stem = base
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    base.with_file_name(format!("{stem}-{number}.pdf"))
}

pub fn run(context: &Context, command: OrderCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        OrderCommand::Order {
            request,
            promised,
            ordered_on,
            pdf,
            lang,
            today,
        } => {
            let language = crate::reports::language(&lang)?;
            let mut input = OrderInput {
                ordered_on,
                promised: Vec::new(),
            };
            for text in &promised {
                let (line, date) = pair("promised", text)?;
                input.promised.push((line.to_owned(), date.to_owned()));
            }
            let placed = ws
                .place_orders(&request, &input, &today.date()?, &context.stamp()?)
                .map_err(explain)?;
            let mut orders: Vec<_> = placed.orders.values().collect();
            orders.sort_by(|a, b| a.number.cmp(&b.number));
            for order in &orders {
                let vendor = ws.vendor(&order.vendor).map(|v| v.name).unwrap_or_default();
                let total: i64 = order
                    .lines
                    .values()
                    .map(|l| l.quantity as i64 * l.unit_price_minor)
                    .sum();
                println!(
                    "ordered {}\t{}\t{} lines\t{} {}",
                    order.number,
                    vendor,
                    order.lines.len(),
                    cloudwright_core::assets::CURRENCIES.code(order.currency),
                    money(total, order.currency)
                );
            }
            if let Some(base) = pdf {
                let generated = crate::reports::generated_line(context)?;
                let pdfs = cloudwright_print::purchase_order::order_pdfs(
                    &ws, &placed.id, None, language, &generated,
                )?;
                let several = pdfs.len() > 1;
                for (number, bytes) in pdfs {
                    let path = pdf_path(&base, &number, several);
                    std::fs::write(&path, bytes)
                        .with_context(|| format!("writing {}", path.display()))?;
                    println!("wrote {}", path.display());
                }
            }
        }
        OrderCommand::Receive {
            request,
            order,
            line,
            serials,
            accepted,
            rejected,
            csv,
            received_on,
            note,
            today,
        } => {
            let mut lines: Vec<ReceiptLineInput> = Vec::new();
            if let Some(path) = csv {
                let bytes = crate::csv_files::read(&path)?;
                lines = receipt_lines_from_csv(&bytes).map_err(explain)?;
            }
            match line {
                Some(line) => lines.push(ReceiptLineInput {
                    line,
                    accepted,
                    rejected: 0,
                    serials,
                }),
                None if !serials.is_empty() || accepted.is_some() => {
                    return Err(anyhow!("--serial and --accepted need --line"));
                }
                None => {}
            }
            for text in &rejected {
                let (line, count) = pair("rejected", text)?;
                let count: u64 = count
                    .parse()
                    .map_err(|_| anyhow!("--rejected '{text}': '{count}' is not a whole number"))?;
                match lines.iter_mut().find(|l| l.line == line) {
                    Some(entry) => entry.rejected += count,
                    None => lines.push(ReceiptLineInput {
                        line: line.to_owned(),
                        accepted: Some(0),
                        rejected: count,
                        serials: Vec::new(),
                    }),
                }
            }
            let input = ReceiptInput {
                received_on,
                note,
                lines,
            };
            let outcome = ws
                .receive(&request, &order, &input, &today.date()?, &context.stamp()?)
                .map_err(explain)?;
            let receipt = &outcome.request.receipts[&outcome.receipt];
            let (accepted, rejected) = receipt
                .lines
                .values()
                .fold((0, 0), |(a, r), l| (a + l.accepted, r + l.rejected));
            println!(
                "received on {}: {accepted} accepted, {rejected} rejected, {} assets created; {} {}",
                order.trim(),
                outcome.assets.len(),
                outcome.request.number,
                outcome.request.status().code()
            );
            for row in &outcome.assets {
                println!(
                    "{}\t{}\t{}",
                    row.asset.asset_tag, row.asset.serial, row.asset.id
                );
            }
        }
        OrderCommand::Invoice {
            request,
            order,
            amount,
            reference,
        } => {
            ws.set_invoice(&request, &order, &amount, &reference, &context.stamp()?)
                .map_err(explain)?;
            println!("invoice recorded on {}", order.trim());
        }
        OrderCommand::Match { request, json } => {
            let matched = ws.three_way_match(&request).map_err(explain)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&matched)?);
                return Ok(());
            }
            for order in &matched {
                let invoiced = order
                    .invoiced_minor
                    .map_or("—".to_owned(), |i| money(i, order.currency));
                println!(
                    "{}\t{}\tordered {}\treceived {}\tinvoiced {}",
                    order.number,
                    if order.matched { "matched" } else { "MISMATCH" },
                    money(order.ordered_minor, order.currency),
                    money(order.received_minor, order.currency),
                    invoiced
                );
                for line in &order.lines {
                    println!(
                        "  {}\t{} × {}\taccepted {}\trejected {}",
                        line.description,
                        line.ordered,
                        money(line.unit_price_minor, order.currency),
                        line.accepted,
                        line.rejected
                    );
                    for mismatch in &line.mismatches {
                        println!("    {}: {}", mismatch.code, mismatch.message);
                    }
                }
                for mismatch in &order.mismatches {
                    println!("  {}: {}", mismatch.code, mismatch.message);
                }
            }
        }
        OrderCommand::Complete { request, reason } => {
            let done = ws
                .complete_purchase_request(&request, &reason, &context.stamp()?)
                .map_err(explain)?;
            println!("{}: {}", done.number, done.status().code());
        }
    }
    Ok(())
}

fn figure_line(name: &str, figure: &Figure, percent: bool) -> String {
    let value = match figure.value {
        None => "—".to_owned(),
        Some(v) if percent => format!("{:.1} %", v * 100.0),
        Some(v) => format!("{v:.1}"),
    };
    format!("{name}\t{value}\t{}", figure.how)
}

pub fn performance(ws: &Workspace, args: PerformanceArgs) -> anyhow::Result<()> {
    let today = args.today.date()?;
    let from = match &args.from {
        Some(text) => date_arg("from", text)?,
        None => Date(format!("{}-01-01", &today.0[..4])),
    };
    let until = match &args.until {
        Some(text) => date_arg("until", text)?,
        None => today.clone(),
    };
    if until < from {
        return Err(anyhow!("--until {} is before --from {}", until.0, from.0));
    }
    let result: VendorPerformance = ws
        .vendor_performance(&args.vendor, &from, &until, &today)
        .map_err(explain)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result)?);
        return Ok(());
    }
    println!(
        "{} to {}: {} orders placed",
        result.from, result.until, result.orders
    );
    println!("{}", figure_line("on time", &result.on_time, true));
    println!(
        "{}",
        figure_line("price vs quote", &result.price_vs_quote, true)
    );
    println!(
        "{}",
        figure_line("price vs last paid", &result.price_vs_last_paid, true)
    );
    println!(
        "{}",
        figure_line("quote response", &result.response_rate, true)
    );
    println!(
        "{}",
        figure_line("response days", &result.response_days, false)
    );
    println!("{}", figure_line("rejected", &result.rejection, true));
    match result.score {
        Some(score) => println!("score\t{score:.1}\t{}", result.score_how),
        None => println!("score\t—\t{}", result.score_how),
    }
    Ok(())
}

pub fn weights(context: &Context, ws: &Workspace, args: WeightsArgs) -> anyhow::Result<()> {
    if let (Some(on_time), Some(price), Some(response), Some(quality)) =
        (args.on_time, args.price, args.response, args.quality)
    {
        ws.set_score_weights(
            ulid::Ulid::new(),
            on_time,
            price,
            response,
            quality,
            &context.stamp()?,
        )
        .map_err(explain)?;
    }
    let w = ws.score_weights();
    println!(
        "on time {}\tprice {}\tresponse {}\tquality {}",
        w.on_time, w.price, w.response, w.quality
    );
    Ok(())
}
