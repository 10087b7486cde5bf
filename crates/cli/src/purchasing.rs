//! `cloudwright vendor add|edit|list|show`: the vendors the team buys from (issue 19), with
//! the same rules as every other path in (core's `purchasing`).

use anyhow::anyhow;
use clap::{Args, Subcommand};
use cloudwright_core::purchasing::vendor::VendorContact;
use cloudwright_core::purchasing::{PurchasingError, Vendor, VendorInput};

use crate::context::Context;

pub mod budgets;
pub mod orders;
pub mod quotes;
pub mod requests;

#[derive(Subcommand)]
pub enum VendorCommand {
    /// Add a vendor: its name and business registration number (사업자등록번호, checked)
    Add(VendorArgs),
    /// Change a vendor (named by id, name or business registration number) as a whole
    Edit {
        vendor: String,
        #[command(flatten)]
        args: VendorArgs,
    },
    /// Every vendor, by name
    List {
        #[arg(long)]
        json: bool,
    },
    /// One vendor, by id, name or business registration number
    Show {
        vendor: String,
        #[arg(long)]
        json: bool,
    },
    /// A vendor's performance over a period, each figure with how it was computed
    Performance(orders::PerformanceArgs),
    /// The weights of the vendor score: shown, or set (all four)
    Weights(orders::WeightsArgs),
}

#[derive(Args)]
pub struct VendorArgs {
    #[arg(long)]
    name: String,
    /// 123-45-67890, with or without the hyphens
    #[arg(long)]
    business_number: String,
    /// A contact as NAME|ROLE|PHONE|EMAIL (parts may be empty); repeat for more
    #[arg(long = "contact")]
    contacts: Vec<String>,
    /// What the team buys here (server, network, licence…); repeat for more
    #[arg(long = "category")]
    categories: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

impl VendorArgs {
    fn input(self) -> anyhow::Result<VendorInput> {
        let contacts = self
            .contacts
            .iter()
            .map(|text| {
                let parts: Vec<&str> = text.split('|').collect();
                if parts.len() > 4 {
                    return Err(anyhow!(
                        "--contact '{text}' has more than four parts: write NAME|ROLE|PHONE|EMAIL"
                    ));
                }
                let part = |n: usize| parts.get(n).copied().unwrap_or_default().to_owned();
                Ok(VendorContact {
                    name: part(0),
                    role: part(1),
                    phone: part(2),
                    email: part(3),
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(VendorInput {
            name: self.name,
            business_number: self.business_number,
            contacts,
            categories: self.categories,
            notes: self.notes,
        })
    }
}

/// A refusal as one error whose lines are every reason, in English.
fn explain(error: PurchasingError) -> anyhow::Error {
    match error {
        PurchasingError::Refused(problems) => anyhow!(
            "refused:\n{}",
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => other.into(),
    }
}

fn line(vendor: &Vendor) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        vendor.id,
        vendor.business_number,
        cloudwright_core::names::shown(&vendor.name),
        vendor.categories.join(", ")
    )
}

pub fn run(context: &Context, command: VendorCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        VendorCommand::Performance(args) => orders::performance(&ws, args)?,
        VendorCommand::Weights(args) => orders::weights(context, &ws, args)?,
        VendorCommand::Add(args) => {
            let vendor = ws
                .add_vendor(ulid::Ulid::new(), &args.input()?, &context.stamp()?)
                .map_err(explain)?;
            println!("added vendor {}", line(&vendor));
        }
        VendorCommand::Edit { vendor, args } => {
            let vendor = ws
                .edit_vendor(&vendor, &args.input()?, &context.stamp()?)
                .map_err(explain)?;
            println!("changed vendor {}", line(&vendor));
        }
        VendorCommand::List { json } => {
            let vendors = ws.vendors();
            if json {
                println!("{}", serde_json::to_string_pretty(&vendors)?);
            } else if vendors.is_empty() {
                println!("no vendors yet: add one with `cloudwright vendor add --name NAME --business-number 123-45-67890`");
            } else {
                for vendor in &vendors {
                    println!("{}", line(vendor));
                }
            }
        }
        VendorCommand::Show { vendor, json } => {
            let vendor = ws.vendor(&vendor).map_err(explain)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&vendor)?);
            } else {
                println!("{}", line(&vendor));
                for contact in vendor.contacts.values() {
                    println!(
                        "  contact: {} ({}) {} {}",
                        contact.name, contact.role, contact.phone, contact.email
                    );
                }
                if !vendor.notes.is_empty() {
                    println!("  notes: {}", vendor.notes);
                }
            }
        }
    }
    Ok(())
}
