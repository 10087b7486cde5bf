//! `cloudwright purchase create|edit|submit|approve|reject|changes|ask|cancel|copy|list|show`
//! and `cloudwright approval-rule …`, `cloudwright substitute …`: purchase requests and the
//! rules of their approval line (issue 19), by the same rules as every other path in (core's
//! `purchasing::request_ops`). Decisions are signed by the member logged in here.

use anyhow::anyhow;
use clap::{Args, Subcommand};
use cloudwright_core::purchasing::request::{Person, PurchaseRequest, Status, Verdict};
use cloudwright_core::purchasing::request_ops::{
    format_rate, format_won, RuleStepInput, SubstituteInput,
};
use cloudwright_core::purchasing::views::{RequestQuery, RequestView};
use cloudwright_core::purchasing::{LineInput, RequestInput, RuleInput};
use cloudwright_core::stamp::Identity;

use super::{explain, read_kept_file, save_kept_file};
use crate::context::Context;
use crate::lifecycle::TodayArg;

#[derive(Subcommand)]
pub enum PurchaseCommand {
    /// Make a draft purchase request
    Create(RequestArgs),
    /// Change what a request asks for (up to its approval), as a whole
    Edit {
        /// The request's number (PR-…) or id
        request: String,
        #[command(flatten)]
        args: RequestArgs,
    },
    /// Submit a draft (or resubmit after changes were asked for) to its approval line
    Submit {
        request: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Approve a request at the step that waits on you (signed when logged in)
    Approve {
        request: String,
        #[arg(long, default_value = "")]
        comment: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Reject a request, with the reason (the requester is told)
    Reject {
        request: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Send a request back to its requester for changes, with what to change
    Changes {
        request: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Ask a question on a request in review (it stays in review), or answer one
    Ask {
        request: String,
        #[arg(long)]
        text: String,
        /// The question answered (its key, from `purchase show`)
        #[arg(long)]
        answers: Option<String>,
    },
    /// Keep a file with a request (a drawing, a spec sheet): synced to every device
    Attach {
        request: String,
        file: std::path::PathBuf,
    },
    /// Take a file off a request (by its SHA-256, from `purchase show`)
    Detach { request: String, sha256: String },
    /// Save a request's file (by its SHA-256) to a path, as this device holds it
    File {
        request: String,
        sha256: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Cancel a request, with the reason
    Cancel {
        request: String,
        #[arg(long)]
        reason: String,
    },
    /// A new draft with a past request's lines and budget, to reorder
    Copy {
        request: String,
        #[command(flatten)]
        today: TodayArg,
    },
    /// Requests, newest first, filtered
    List {
        /// Words the request holds (number, title, requester, lines…)
        #[arg(long, default_value = "")]
        text: String,
        /// Only requests in these states (draft, submitted, in_review, approved, …)
        #[arg(long = "status")]
        statuses: Vec<String>,
        /// Only what waits for your decision
        #[arg(long)]
        waiting_for_me: bool,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        today: TodayArg,
    },
    /// The purchasing report of a period: spend by vendor, kind, month and budget line,
    /// cycle times, budget use and vendor performance (as text, JSON, CSV or a PDF)
    Report {
        /// The first day (YYYY-MM-DD) [default: 1 January of this year]
        #[arg(long)]
        from: Option<String>,
        /// The last day [default: today]
        #[arg(long)]
        until: Option<String>,
        #[arg(long)]
        json: bool,
        /// Write the report as CSV to this file
        #[arg(long)]
        csv: Option<std::path::PathBuf>,
        /// Write the report as a PDF to this file
        #[arg(long)]
        pdf: Option<std::path::PathBuf>,
        /// The PDF's language: ko or en
        #[arg(long, default_value = "ko")]
        lang: String,
    },
    /// One request with its lines, approval line and decisions
    Show {
        request: String,
        #[arg(long)]
        json: bool,
    },
    #[command(flatten)]
    Quotes(super::quotes::QuoteCommand),
    #[command(flatten)]
    Orders(super::orders::OrderCommand),
}

#[derive(Args)]
pub struct RequestArgs {
    #[arg(long)]
    title: String,
    #[arg(long, default_value = "")]
    department: String,
    /// YYYY-MM-DD, not in the past
    #[arg(long, default_value = "")]
    needed_by: String,
    #[arg(long, default_value = "")]
    justification: String,
    /// The budget line: its id or YEAR/LINE ("2027/인프라 증설")
    #[arg(long, default_value = "")]
    budget: String,
    /// KRW per unit of another currency the lines use: USD=1385.2; repeat for more
    #[arg(long = "rate")]
    rates: Vec<String>,
    /// DESCRIPTION|KIND|MANUFACTURER|PART NUMBER|QUANTITY|UNIT|UNIT PRICE|CURRENCY (kind:
    /// hardware, software, licence or service; unit, currency may be empty: EA, KRW);
    /// repeat for more
    #[arg(long = "line")]
    lines: Vec<String>,
}

impl RequestArgs {
    fn input(self, keep_keys: Option<&PurchaseRequest>) -> anyhow::Result<RequestInput> {
        let mut rates = Vec::new();
        for text in &self.rates {
            let (currency, rate) = text
                .split_once('=')
                .ok_or_else(|| anyhow!("--rate '{text}' is not CURRENCY=RATE (USD=1385.2)"))?;
            rates.push((currency.trim().to_owned(), rate.trim().to_owned()));
        }
        let existing: Vec<String> = keep_keys
            .map(|r| {
                r.ordered_lines()
                    .into_iter()
                    .map(|(k, _)| k.clone())
                    .collect()
            })
            .unwrap_or_default();
        let mut lines = Vec::new();
        for (index, text) in self.lines.iter().enumerate() {
            let parts: Vec<&str> = text.split('|').map(str::trim).collect();
            if parts.len() < 5 || parts.len() > 8 {
                return Err(anyhow!(
                    "--line '{text}' is not DESCRIPTION|KIND|MANUFACTURER|PART NUMBER|QUANTITY|UNIT|UNIT PRICE|CURRENCY"
                ));
            }
            let part = |i: usize| parts.get(i).copied().unwrap_or("").to_owned();
            lines.push(LineInput {
                // An edit keeps the lines in place, so their quotes and orders stay theirs.
                key: existing.get(index).cloned().unwrap_or_default(),
                description: part(0),
                kind: part(1),
                manufacturer: part(2),
                part_number: part(3),
                device_type: String::new(),
                quantity: part(4),
                unit: part(5),
                unit_price: part(6),
                currency: part(7),
            });
        }
        Ok(RequestInput {
            title: self.title,
            department: self.department,
            needed_by: self.needed_by,
            justification: self.justification,
            budget: self.budget,
            rates,
            lines,
        })
    }
}

#[derive(Subcommand)]
pub enum RuleCommand {
    /// Add an approval rule: the steps for requests in an amount band (and of some kinds)
    Add(RuleArgs),
    /// Every approval rule, by amount
    List {
        #[arg(long)]
        json: bool,
    },
    /// Replace an approval rule (by its id, from `approval-rule list`) with the one given, as
    /// `add` takes it; requests already submitted keep the line they were given
    Edit {
        id: String,
        #[command(flatten)]
        rule: RuleArgs,
    },
    /// Remove an approval rule: it chooses no line from then on; requests already submitted
    /// keep the line it chose
    Remove {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Args)]
pub struct RuleArgs {
    #[arg(long)]
    name: String,
    /// The smallest total (won) the rule covers [default: 0]
    #[arg(long, default_value = "")]
    min: String,
    /// The total (won) from which it no longer covers [default: none]
    #[arg(long, default_value = "")]
    max: String,
    /// Only requests whose lines are all of these kinds; repeat for more [default: any]
    #[arg(long = "kind")]
    kinds: Vec<String>,
    /// A step as KIND:PERSON[,PERSON…] (kind: review 검토, agree 합의, approve 결재; a person
    /// as ACCOUNT-ID=NAME, or a name); in order; repeat for more
    #[arg(long = "step")]
    steps: Vec<String>,
    /// Copied (참조): notified only; repeat for more
    #[arg(long = "cc")]
    cc: Vec<String>,
    /// 전결: below this total (won) the final approval is delegated to --delegate-to
    #[arg(long, default_value = "")]
    delegate_below: String,
    #[arg(long)]
    delegate_to: Option<String>,
    /// After an edit of what was approved, approvals from this step (0 = the first) on are
    /// asked again
    #[arg(long, default_value_t = 0)]
    return_to: u32,
}

#[derive(Subcommand)]
pub enum SubstituteCommand {
    /// 대결: someone acts for an absent approver over a range of days
    Add {
        /// The absent approver (ACCOUNT-ID=NAME, or a name)
        #[arg(long)]
        absent: String,
        #[arg(long)]
        substitute: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        until: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a substitute (by its id, from `substitute list`); what is not given stays. Lines
    /// chosen from then on use the new values
    Edit {
        id: String,
        #[arg(long)]
        absent: Option<String>,
        #[arg(long)]
        substitute: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        until: Option<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Remove a substitute: they no longer act for the absent approver, on requests already
    /// submitted too; what they decided stays
    Remove {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

/// `u-park=박팀장` (an account and its name) or `박팀장` (a name, in a workspace with no team).
fn person(text: &str) -> Person {
    match text.split_once('=') {
        Some((who, name)) => Person {
            who: who.trim().to_owned(),
            name: name.trim().to_owned(),
        },
        None => Person {
            who: text.trim().to_owned(),
            name: text.trim().to_owned(),
        },
    }
}

impl RuleArgs {
    fn input(self) -> anyhow::Result<RuleInput> {
        let mut steps = Vec::new();
        for text in &self.steps {
            let (kind, people) = text
                .split_once(':')
                .ok_or_else(|| anyhow!("--step '{text}' is not KIND:PERSON[,PERSON…]"))?;
            steps.push(RuleStepInput {
                kind: kind.trim().to_owned(),
                approvers: people
                    .split(',')
                    .filter(|p| !p.trim().is_empty())
                    .map(person)
                    .collect(),
            });
        }
        Ok(RuleInput {
            name: self.name,
            min_krw: self.min,
            max_krw: self.max,
            kinds: self.kinds,
            steps,
            cc: self.cc.iter().map(|p| person(p)).collect(),
            delegate_below_krw: self.delegate_below,
            delegate_to: self.delegate_to.as_deref().map(person),
            return_to: self.return_to,
        })
    }
}

fn print_view(view: &RequestView) {
    let request = &view.request;
    println!(
        "{} {} [{}]",
        request.number,
        request.title,
        view.status.code()
    );
    println!("  id: {}", request.id);
    println!(
        "  requester: {} {}",
        request.requester.name,
        if request.department.is_empty() {
            String::new()
        } else {
            format!("({})", request.department)
        }
    );
    if !request.needed_by.is_empty() {
        println!("  needed by: {}", request.needed_by);
    }
    if !view.budget_title.is_empty() {
        println!("  budget: {}", view.budget_title);
    }
    for (currency, rate) in &request.rates {
        println!("  rate: 1 {currency} = ₩{}", format_rate(*rate));
    }
    println!("  total: ₩{}", format_won(view.total_krw));
    for (key, line) in request.ordered_lines() {
        println!(
            "  line {key}: {} ({}) {} {} × {} {} @ {} {}",
            line.description,
            line.kind.code(),
            line.manufacturer,
            line.part_number,
            line.quantity,
            line.unit,
            cloudwright_core::assets::Money {
                amount_minor: line.unit_price_minor,
                currency: line.currency,
            }
            .format_amount(),
            cloudwright_core::assets::CURRENCIES.code(line.currency),
        );
    }
    if !request.line.steps.is_empty() {
        println!(
            "  approval line ({}{}):",
            request.line.rule,
            if request.line.delegated {
                ", 전결"
            } else {
                ""
            }
        );
        for (index, step) in request.line.steps.iter().enumerate() {
            let people: Vec<String> = step
                .approvers
                .iter()
                .map(|a| match &a.substitute {
                    Some(s) => format!(
                        "{} (대결 {} {}..{})",
                        a.person.name, s.name, a.substitute_from, a.substitute_until
                    ),
                    None => a.person.name.clone(),
                })
                .collect();
            let marker = if index as u32 == view.step {
                "→"
            } else {
                " "
            };
            println!(
                "   {marker} {index}. {} {}",
                step.kind.code(),
                people.join(", ")
            );
        }
        if !request.line.cc.is_empty() {
            let cc: Vec<&str> = request.line.cc.iter().map(|p| p.name.as_str()).collect();
            println!("    cc: {}", cc.join(", "));
        }
    }
    let mut decisions: Vec<_> = request.decisions.values().collect();
    decisions.sort_by_key(|d| d.at_ms);
    let current = request.content_hex();
    for decision in decisions {
        println!(
            "  decision: step {} {} by {}{}{}{}{}",
            decision.step,
            decision.verdict.code(),
            decision.by.name,
            decision
                .acting_for
                .as_deref()
                .map(|who| format!(" (대결 for {who})"))
                .unwrap_or_default(),
            if decision.signed.is_some() {
                ", signed"
            } else {
                ""
            },
            if request.counts(decision, &current) {
                ""
            } else {
                ", stale"
            },
            if decision.comment.is_empty() {
                String::new()
            } else {
                format!(": {}", decision.comment)
            }
        );
    }
    let mut messages: Vec<_> = request.messages.iter().collect();
    messages.sort_by_key(|(_, m)| m.at_ms);
    for (key, message) in messages {
        match &message.answers {
            Some(question) => println!(
                "  answer to {question} by {}: {}",
                message.by.name, message.text
            ),
            None => println!("  question {key} by {}: {}", message.by.name, message.text),
        }
    }
    for (sha, file) in &request.files {
        println!("  file: {} ({} bytes, {sha})", file.name, file.size);
    }
    if !view.waiting_on.is_empty() {
        let names: Vec<&str> = view.waiting_on.iter().map(|p| p.name.as_str()).collect();
        println!("  waiting on: {}", names.join(", "));
    }
}

fn print_budget(outcome: &Option<cloudwright_core::purchasing::PolicyOutcome>) {
    if let Some(outcome) = outcome {
        let n = outcome.numbers();
        let word = match outcome {
            cloudwright_core::purchasing::PolicyOutcome::Allowed { .. } => "within",
            cloudwright_core::purchasing::PolicyOutcome::Warned { .. } => "WARNING: over",
            cloudwright_core::purchasing::PolicyOutcome::Stopped { .. } => "over",
        };
        println!(
            "  budget {} ({}): {word} — amount ₩{}, committed ₩{}, spent ₩{}, available ₩{}, this request ₩{}, available after ₩{}",
            n.title,
            n.policy.code(),
            format_won(n.amount_krw),
            format_won(n.committed_krw),
            format_won(n.spent_krw),
            format_won(n.available_krw),
            format_won(n.request_krw),
            format_won(n.available_after_krw),
        );
    }
}

/// Who "me" is for the inbox: the account logged in, else the profile's name.
fn me(context: &Context) -> anyhow::Result<String> {
    let stamp = context.stamp()?;
    Ok(match stamp.by {
        Identity::Account(account) => account,
        _ => stamp.author.name,
    })
}

pub fn run(context: &Context, command: PurchaseCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    let member = context.signing_member(&ws)?;
    let signer = member.as_ref().map(|member| member.signer());
    let decide =
        |request: &str, verdict: Verdict, comment: &str, today: &TodayArg| -> anyhow::Result<()> {
            let outcome = ws
                .decide_purchase_request(
                    request,
                    verdict,
                    comment,
                    &today.date()?,
                    &context.stamp()?,
                    signer.as_ref(),
                )
                .map_err(explain)?;
            let request = &outcome.request.request;
            println!(
                "{} {}: {}",
                verdict.code(),
                request.number,
                outcome.request.status.code()
            );
            print_budget(&outcome.budget);
            Ok(())
        };
    match command {
        PurchaseCommand::Create(args) => {
            let today = crate::context::local_today();
            let request = ws
                .create_purchase_request(
                    ulid::Ulid::new(),
                    &args.input(None)?,
                    &today,
                    &context.stamp()?,
                )
                .map_err(explain)?;
            println!(
                "created {} {} (draft, ₩{})",
                request.number,
                request.id,
                format_won(request.total_krw())
            );
        }
        PurchaseCommand::Edit { request, args } => {
            let current = ws.purchase_request(&request).map_err(explain)?;
            let today = crate::context::local_today();
            let request = ws
                .edit_purchase_request(
                    &request,
                    &args.input(Some(&current))?,
                    &today,
                    &context.stamp()?,
                )
                .map_err(explain)?;
            println!(
                "changed {} ({}, ₩{})",
                request.number,
                request.status().code(),
                format_won(request.total_krw())
            );
        }
        PurchaseCommand::Submit { request, today } => {
            let outcome = ws
                .submit_purchase_request(&request, &today.date()?, &context.stamp()?)
                .map_err(explain)?;
            let view = &outcome.request;
            let names: Vec<&str> = view.waiting_on.iter().map(|p| p.name.as_str()).collect();
            println!(
                "submitted {} (₩{}): waiting on {}",
                view.request.number,
                format_won(view.total_krw),
                names.join(", ")
            );
            print_budget(&outcome.budget);
        }
        PurchaseCommand::Approve {
            request,
            comment,
            today,
        } => decide(&request, Verdict::Approve, &comment, &today)?,
        PurchaseCommand::Reject {
            request,
            reason,
            today,
        } => decide(&request, Verdict::Reject, &reason, &today)?,
        PurchaseCommand::Changes {
            request,
            reason,
            today,
        } => decide(&request, Verdict::Changes, &reason, &today)?,
        PurchaseCommand::Ask {
            request,
            text,
            answers,
        } => {
            let request = ws
                .ask_purchase_question(&request, &text, answers.as_deref(), &context.stamp()?)
                .map_err(explain)?;
            println!("{}: {} messages", request.number, request.messages.len());
        }
        PurchaseCommand::Attach { request, file } => {
            let (name, bytes) = read_kept_file(&file)?;
            let (request, sha) = ws
                .add_request_file(&request, &name, &bytes, &context.stamp()?)
                .map_err(explain)?;
            println!(
                "{}: kept {name} ({} bytes, {sha})",
                request.number,
                bytes.len()
            );
        }
        PurchaseCommand::Detach { request, sha256 } => {
            let request = ws
                .remove_request_file(&request, &sha256, &context.stamp()?)
                .map_err(explain)?;
            println!("{}: {} files", request.number, request.files.len());
        }
        PurchaseCommand::File {
            request,
            sha256,
            out,
        } => {
            let request = ws.purchase_request(&request).map_err(explain)?;
            let sha256 = sha256.trim();
            let name = request.files.get(sha256).map(|file| file.name.as_str());
            save_kept_file(&ws, &request.number, name, sha256, &out)?;
        }
        PurchaseCommand::Cancel { request, reason } => {
            let request = ws
                .cancel_purchase_request(&request, &reason, &context.stamp()?)
                .map_err(explain)?;
            println!("cancelled {}", request.number);
        }
        PurchaseCommand::Copy { request, today } => {
            let copy = ws
                .copy_purchase_request(
                    &request,
                    ulid::Ulid::new(),
                    &today.date()?,
                    &context.stamp()?,
                )
                .map_err(explain)?;
            println!("created {} {} (draft, a copy)", copy.number, copy.id);
        }
        PurchaseCommand::List {
            text,
            statuses,
            waiting_for_me,
            json,
            today,
        } => {
            let mut parsed = Vec::new();
            for status in &statuses {
                parsed.push(Status::parse(status).ok_or_else(|| {
                    let known: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
                    anyhow!("--status '{status}' is not a state ({})", known.join(", "))
                })?);
            }
            let query = RequestQuery {
                text,
                statuses: parsed,
                waiting_for_me,
                limit: u64::MAX,
                ..RequestQuery::default()
            };
            let page = ws.purchase_page(&query, &me(context)?, &today.date()?.0);
            if json {
                println!("{}", serde_json::to_string_pretty(&page.rows)?);
            } else if page.rows.is_empty() {
                println!(
                    "no purchase requests{}",
                    if waiting_for_me { " wait for you" } else { "" }
                );
            } else {
                for row in &page.rows {
                    println!(
                        "{}\t{}\t{:>15}\t{}\t{}",
                        row.number,
                        row.status.code(),
                        format_won(row.total_krw),
                        row.requester,
                        row.title
                    );
                }
            }
        }
        PurchaseCommand::Quotes(command) => super::quotes::run(context, command)?,
        PurchaseCommand::Orders(command) => super::orders::run(context, command)?,
        PurchaseCommand::Report {
            from,
            until,
            json,
            csv,
            pdf,
            lang,
        } => {
            let today = crate::context::local_today();
            let day = |text: Option<String>,
                       default: String|
             -> anyhow::Result<cloudwright_core::assets::Date> {
                let text = text.unwrap_or(default);
                cloudwright_core::assets::input::parse_date(&text)
                    .ok_or_else(|| anyhow!("'{text}' is not a date (use YYYY-MM-DD)"))
            };
            let from = day(from, format!("{}-01-01", &today.0[..4]))?;
            let until = day(until, today.0.clone())?;
            let report = ws.purchase_report(&from, &until, &today).map_err(explain)?;
            if let Some(path) = &csv {
                let bytes = cloudwright_core::purchasing::reports::report_csv(&report)?;
                std::fs::write(path, bytes)?;
                println!("wrote {}", path.display());
            }
            if let Some(path) = &pdf {
                let language = crate::reports::language(&lang)?;
                let bytes = cloudwright_print::purchase_report::report_pdf(
                    &report,
                    &ws.meta().name,
                    language,
                    &today.0,
                )?;
                std::fs::write(path, bytes)?;
                println!("wrote {}", path.display());
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else if csv.is_none() && pdf.is_none() {
                println!("purchasing {} ~ {}", report.from, report.until);
                for (title, rows) in [
                    ("by vendor", &report.by_vendor),
                    ("by kind", &report.by_kind),
                    ("by month", &report.by_month),
                    ("by budget line", &report.by_budget),
                ] {
                    println!("spend {title}:");
                    for row in rows.iter() {
                        println!(
                            "  {}	ordered ₩{}	received ₩{}	{} lines",
                            row.label,
                            format_won(row.ordered_krw),
                            format_won(row.received_krw),
                            row.lines
                        );
                    }
                }
                println!("cycle times (days):");
                for cycle in &report.cycle_times {
                    let days =
                        |d: Option<f64>| d.map_or_else(|| "-".to_owned(), |d| format!("{d:.1}"));
                    println!(
                        "  {}	median {}	p90 {}	{} requests",
                        cycle.stage,
                        days(cycle.median_days),
                        days(cycle.p90_days),
                        cycle.requests
                    );
                }
            }
        }
        PurchaseCommand::Show { request, json } => {
            let request = ws.purchase_request(&request).map_err(explain)?;
            let view = ws.request_view(&request);
            if json {
                println!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                print_view(&view);
            }
        }
    }
    Ok(())
}

pub fn run_rules(context: &Context, command: RuleCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        RuleCommand::Add(args) => {
            let rule = ws
                .put_approval_rule(ulid::Ulid::new(), &args.input()?, &context.stamp()?)
                .map_err(explain)?;
            println!("added approval rule {} {}", rule.id, rule.name);
        }
        RuleCommand::List { json } => {
            let rules = ws.approval_rules();
            if json {
                println!("{}", serde_json::to_string_pretty(&rules)?);
            } else if rules.is_empty() {
                println!("no approval rules yet: add one with `cloudwright approval-rule add --name 기본 --step review:팀장 --step approve:본부장`");
            } else {
                for rule in rules {
                    let steps: Vec<String> = rule
                        .steps
                        .iter()
                        .map(|s| {
                            let names: Vec<&str> =
                                s.approvers.iter().map(|p| p.name.as_str()).collect();
                            format!("{} {}", s.kind.code(), names.join("+"))
                        })
                        .collect();
                    println!(
                        "{}\t{}\t₩{}..{}\t{}",
                        rule.id,
                        rule.name,
                        format_won(rule.min_krw),
                        rule.max_krw.map(format_won).unwrap_or_default(),
                        steps.join(" → ")
                    );
                }
            }
        }
        RuleCommand::Edit { id, rule } => {
            let current = ws.approval_rule(&id).map_err(explain)?;
            let id = ulid::Ulid::from_string(&current.id)
                .map_err(|_| anyhow!("approval rule {} has no ULID id", current.id))?;
            let rule = ws
                .put_approval_rule(id, &rule.input()?, &context.stamp()?)
                .map_err(explain)?;
            println!("changed approval rule {} {}", rule.id, rule.name);
        }
        RuleCommand::Remove { id, reason } => {
            let rule = ws
                .remove_approval_rule(&id, &reason, &context.stamp()?)
                .map_err(explain)?;
            println!(
                "removed approval rule {} {}: requests already submitted keep their line",
                rule.id, rule.name
            );
        }
    }
    Ok(())
}

pub fn run_substitutes(context: &Context, command: SubstituteCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        SubstituteCommand::Add {
            absent,
            substitute,
            from,
            until,
            reason,
        } => {
            let added = ws
                .add_substitute(
                    ulid::Ulid::new(),
                    &SubstituteInput {
                        absent: person(&absent),
                        substitute: person(&substitute),
                        from,
                        until,
                        reason,
                    },
                    &context.stamp()?,
                )
                .map_err(explain)?;
            println!(
                "{} acts for {} from {} until {}",
                added.substitute.name, added.absent.name, added.from, added.until
            );
        }
        SubstituteCommand::List { json } => {
            let list = ws.substitutes();
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for s in list {
                    println!(
                        "{}\t{} → {}\t{}..{}\t{}",
                        s.id, s.absent.name, s.substitute.name, s.from, s.until, s.reason
                    );
                }
            }
        }
        SubstituteCommand::Edit {
            id,
            absent,
            substitute,
            from,
            until,
            reason,
        } => {
            let current = ws.substitute(&id).map_err(explain)?;
            let input = SubstituteInput {
                absent: absent.as_deref().map_or(current.absent, person),
                substitute: substitute.as_deref().map_or(current.substitute, person),
                from: from.unwrap_or(current.from),
                until: until.unwrap_or(current.until),
                reason: reason.unwrap_or(current.reason),
            };
            let edited = ws
                .edit_substitute(&current.id, &input, &context.stamp()?)
                .map_err(explain)?;
            println!(
                "{} acts for {} from {} until {}",
                edited.substitute.name, edited.absent.name, edited.from, edited.until
            );
        }
        SubstituteCommand::Remove { id, reason } => {
            let removed = ws
                .remove_substitute(&id, &reason, &context.stamp()?)
                .map_err(explain)?;
            println!(
                "{} no longer acts for {} (decisions already made stay)",
                removed.substitute.name, removed.absent.name
            );
        }
    }
    Ok(())
}
