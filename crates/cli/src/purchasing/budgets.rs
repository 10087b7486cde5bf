//! `cloudwright budget add|edit|list|show`: budgets per year and budget line (issue 19), with
//! what the team's purchases have committed and spent of each, by the same rules as every
//! other path in (core's `purchasing::budget`).

use clap::{Args, Subcommand};
use cloudwright_core::purchasing::budget::krw;
use cloudwright_core::purchasing::{
    budget_use, BudgetInput, BudgetLineKind, BudgetPolicy, BudgetUse,
};

use super::explain;
use crate::context::Context;

#[derive(Subcommand)]
pub enum BudgetCommand {
    /// Add a budget: a year, a budget line, its kind, the amount in won and its policy
    Add(BudgetArgs),
    /// Change a budget (named by id or YEAR/LINE, e.g. "2027/인프라 증설") as a whole
    Edit {
        budget: String,
        #[command(flatten)]
        args: BudgetArgs,
    },
    /// Every budget with its amount, committed, spent, available and utilisation
    List {
        /// Only this year's budgets
        #[arg(long)]
        year: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// One budget (by id or YEAR/LINE) with what is used of it and by which requests
    Show {
        budget: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct BudgetArgs {
    /// 2000 to 2100
    #[arg(long)]
    year: String,
    /// The budget line's name, e.g. "인프라 증설"
    #[arg(long)]
    line: String,
    /// cost_centre, project or category
    #[arg(long, value_parser = line_kind)]
    kind: BudgetLineKind,
    /// A cost-centre or project code, e.g. CC-100
    #[arg(long, default_value = "")]
    code: String,
    /// In won: 500000000, 500,000,000 or ₩500,000,000
    #[arg(long)]
    amount: String,
    /// What a request over the budget meets: stop (refused), warn (goes ahead, warned) or
    /// allow
    #[arg(long, value_parser = policy)]
    policy: BudgetPolicy,
    #[arg(long, default_value = "")]
    notes: String,
}

fn line_kind(text: &str) -> Result<BudgetLineKind, String> {
    BudgetLineKind::parse(text).ok_or_else(|| {
        format!("'{text}' is not a kind of budget line: write cost_centre, project or category")
    })
}

fn policy(text: &str) -> Result<BudgetPolicy, String> {
    BudgetPolicy::parse(text)
        .ok_or_else(|| format!("'{text}' is not a budget policy: write stop, warn or allow"))
}

impl BudgetArgs {
    fn input(self) -> BudgetInput {
        BudgetInput {
            year: self.year,
            line: self.line,
            line_kind: self.kind,
            code: self.code,
            amount_krw: self.amount,
            policy: self.policy,
            notes: self.notes,
        }
    }
}

const HEADER: &str = "ID                          YEAR  POLICY           AMOUNT        COMMITTED            SPENT        AVAILABLE     USED  LINE";

/// One budget as a row of the table under [`HEADER`]; its line last, as its width varies.
fn row(used: &BudgetUse) -> String {
    let budget = &used.budget;
    let mut line = format!(
        "{:<26}  {:<4}  {:<6}  {:>15}  {:>15}  {:>15}  {:>15}  {:>7}  {} ({}",
        budget.id,
        budget.year,
        budget.policy.code(),
        krw(budget.amount_krw),
        krw(used.committed_krw),
        krw(used.spent_krw),
        krw(used.available_krw),
        used.utilisation_pct
            .map_or_else(|| "-".to_owned(), |pct| format!("{pct:.1}%")),
        cloudwright_core::names::shown(&budget.line),
        budget.line_kind.code(),
    );
    if !budget.code.is_empty() {
        line.push_str(&format!(", {}", budget.code));
    }
    line.push(')');
    line
}

pub fn run(context: &Context, command: BudgetCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        BudgetCommand::Add(args) => {
            let budget = ws
                .add_budget(ulid::Ulid::new(), &args.input(), &context.stamp()?)
                .map_err(explain)?;
            println!(
                "added budget {} {} ₩{}",
                budget.id,
                budget.title(),
                krw(budget.amount_krw)
            );
        }
        BudgetCommand::Edit { budget, args } => {
            let budget = ws
                .edit_budget(&budget, &args.input(), &context.stamp()?)
                .map_err(explain)?;
            println!(
                "changed budget {} {} ₩{}",
                budget.id,
                budget.title(),
                krw(budget.amount_krw)
            );
        }
        BudgetCommand::List { year, json } => {
            let uses = ws.budget_uses(year);
            if json {
                println!("{}", serde_json::to_string_pretty(&uses)?);
            } else if uses.is_empty() {
                println!("no budgets yet: add one with `cloudwright budget add --year 2027 --line NAME --kind cost_centre --amount 500000000 --policy warn`");
            } else {
                println!("{HEADER}");
                for used in &uses {
                    println!("{}", row(used));
                }
            }
        }
        BudgetCommand::Show { budget, json } => {
            let budget = ws.budget(&budget).map_err(explain)?;
            let used = budget_use(&budget, &ws.purchase_charges());
            if json {
                println!("{}", serde_json::to_string_pretty(&used)?);
            } else {
                println!("{HEADER}");
                println!("{}", row(&used));
                for charge in &used.charges {
                    // The request by its number and title, as people quote it.
                    let id = charge.request.trim_start_matches("purchase/");
                    let request = ws.purchase_request(id).map_or_else(
                        |_| charge.request.clone(),
                        |r| format!("{} {}", r.number, cloudwright_core::names::shown(&r.title)),
                    );
                    println!(
                        "  {request}: committed ₩{}, spent ₩{}",
                        krw(charge.committed_krw),
                        krw(charge.spent_krw)
                    );
                }
                if !budget.notes.is_empty() {
                    println!("  notes: {}", budget.notes);
                }
            }
        }
    }
    Ok(())
}
