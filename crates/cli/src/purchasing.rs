//! `cloudwright vendor add|edit|list|show|attach|detach|file`: the vendors the team buys from
//! (issue 19), with the same rules as every other path in (core's `purchasing`).

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use clap::{Args, Subcommand};
use cloudwright_core::purchasing::vendor::VendorContact;
use cloudwright_core::purchasing::{PurchasingError, Vendor, VendorFileKind, VendorInput};
use cloudwright_core::store::Workspace;

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
    /// Keep a file with a vendor (a contract, a certificate): synced to every device
    Attach {
        vendor: String,
        file: PathBuf,
        /// contract, certificate or other
        #[arg(long, default_value = "contract")]
        kind: String,
    },
    /// Take a file off a vendor (by its SHA-256, from `vendor show`)
    Detach { vendor: String, sha256: String },
    /// Save a vendor's file (by its SHA-256) to a path, as this device holds it
    File {
        vendor: String,
        sha256: String,
        #[arg(long)]
        out: PathBuf,
    },
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

/// Reads the file at `path` to be kept with a record: its name (the path's last part) and
/// its bytes. The one way `purchase attach` and `vendor attach` read a file.
pub(crate) fn read_kept_file(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let bytes =
        std::fs::read(path).map_err(|error| anyhow!("cannot read {}: {error}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// Writes the bytes of the file `sha256` that `record` (a request's number, a vendor's
/// name) keeps as `name` to `out`, as this device holds them: the one way `purchase file`
/// and `vendor file` save a record's file. `name` is `None` when the record has no such file.
pub(crate) fn save_kept_file(
    ws: &Workspace,
    record: &str,
    name: Option<&str>,
    sha256: &str,
    out: &Path,
) -> anyhow::Result<()> {
    let Some(name) = name else {
        anyhow::bail!("{record} names no file {sha256}");
    };
    let Some(bytes) = ws.blob(sha256)? else {
        anyhow::bail!("{name} is not on this device yet: run `cloudwright sync`");
    };
    std::fs::write(out, &bytes)
        .map_err(|error| anyhow!("cannot write {}: {error}", out.display()))?;
    println!("wrote {name} ({} bytes) to {}", bytes.len(), out.display());
    Ok(())
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
                for (sha, file) in &vendor.files {
                    println!(
                        "  file: {sha}\t{}\t{}\t{} bytes",
                        file.kind.code(),
                        file.name,
                        file.size
                    );
                }
            }
        }
        VendorCommand::Attach { vendor, file, kind } => {
            let kind = VendorFileKind::parse(&kind).ok_or_else(|| {
                anyhow!("--kind '{kind}' is not a vendor file kind: write contract, certificate or other")
            })?;
            let (name, bytes) = read_kept_file(&file)?;
            let (vendor, sha) = ws
                .add_vendor_file(&vendor, &name, kind, &bytes, &context.stamp()?)
                .map_err(explain)?;
            println!(
                "{}: kept {name} ({} bytes, {sha})",
                vendor.name,
                bytes.len()
            );
        }
        VendorCommand::Detach { vendor, sha256 } => {
            let vendor = ws
                .remove_vendor_file(&vendor, sha256.trim(), &context.stamp()?)
                .map_err(explain)?;
            println!("{}: {} files", vendor.name, vendor.files.len());
        }
        VendorCommand::File {
            vendor,
            sha256,
            out,
        } => {
            let vendor = ws.vendor(&vendor).map_err(explain)?;
            let sha256 = sha256.trim();
            let name = vendor.files.get(sha256).map(|file| file.name.as_str());
            save_kept_file(&ws, &vendor.name, name, sha256, &out)?;
        }
    }
    Ok(())
}
