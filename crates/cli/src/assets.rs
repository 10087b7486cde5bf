//! `cloudwright asset …`: add, edit, list, show, import, export.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use cloudwright_core::assets::{
    csv_io, AssetError, AssetField, AssetFilter, AssetInput, AssetQuery, AssetRow, AssetSort,
};
use cloudwright_core::racks::{NewPlace, NewPlaces};
use cloudwright_core::sync::AuthorCheck;
use cloudwright_core::AssetId;

use crate::context::Context;
use crate::csv_files::{self, CsvImportArgs};

#[derive(Subcommand)]
pub enum AssetCommand {
    /// Register a new asset
    Add {
        #[command(flatten)]
        fields: FieldArgs,
        #[arg(long)]
        json: bool,
    },
    /// Change fields of an asset (an empty value clears a field)
    Edit {
        /// Asset id or asset tag
        asset: String,
        #[command(flatten)]
        fields: FieldArgs,
        #[arg(long)]
        json: bool,
    },
    /// List assets matching a search and filters
    List {
        #[command(flatten)]
        query: QueryArgs,
        /// Rows to print (0 = all)
        #[arg(long, default_value_t = 0)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one asset with its change history
    Show {
        /// Asset id or asset tag
        asset: String,
        #[arg(long)]
        json: bool,
    },
    /// Import assets from a CSV file: every row or none
    Import {
        file: PathBuf,
        /// Validate and report without writing anything
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        csv: CsvImportArgs,
    },
    /// Export assets matching a search and filters as CSV
    Export {
        #[command(flatten)]
        query: QueryArgs,
        /// Write to this file (with a UTF-8 byte order mark for spreadsheets) instead of standard output
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    #[command(flatten)]
    Life(crate::lifecycle::LifeCommand),
}

/// One flag per asset field. On `edit`, a flag left out keeps the field as it is.
#[derive(Args)]
pub struct FieldArgs {
    #[arg(long)]
    asset_tag: Option<String>,
    /// server, storage, switch, router, firewall, pdu, patch_panel, other
    #[arg(long = "type")]
    asset_type: Option<String>,
    #[arg(long)]
    manufacturer: Option<String>,
    #[arg(long)]
    model: Option<String>,
    #[arg(long)]
    serial: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    purchase_date: Option<String>,
    /// Amount, e.g. 12500000 or 1234.50
    #[arg(long)]
    cost: Option<String>,
    /// KRW, USD, EUR, JPY or CNY
    #[arg(long)]
    currency: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    warranty_end: Option<String>,
    /// in_stock, in_use, maintenance, retiring, disposed
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    site: Option<String>,
    #[arg(long)]
    room: Option<String>,
    #[arg(long)]
    row: Option<String>,
    #[arg(long)]
    rack: Option<String>,
    /// Rack unit, 1–60
    #[arg(long)]
    unit: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// Comma-separated
    #[arg(long)]
    tags: Option<String>,
}

impl FieldArgs {
    fn into_input(self) -> AssetInput {
        AssetInput {
            asset_tag: self.asset_tag,
            asset_type: self.asset_type,
            manufacturer: self.manufacturer,
            model: self.model,
            serial: self.serial,
            purchase_date: self.purchase_date,
            cost: self.cost,
            currency: self.currency,
            warranty_end: self.warranty_end,
            status: self.status,
            site: self.site,
            room: self.room,
            row: self.row,
            rack: self.rack,
            unit: self.unit,
            owner: self.owner,
            notes: self.notes,
            tags: self.tags,
        }
    }
}

#[derive(Args)]
pub struct QueryArgs {
    /// Words that must all appear in the asset
    #[arg(long, default_value = "")]
    search: String,
    /// FIELD=VALUE; repeatable (e.g. status=in_use, purchase_date=2024-01-01..2024-12-31)
    #[arg(long = "filter")]
    filters: Vec<String>,
    /// FIELD or FIELD:desc
    #[arg(long)]
    sort: Option<String>,
}

impl QueryArgs {
    fn into_query(self) -> anyhow::Result<AssetQuery> {
        let mut filters = Vec::new();
        for text in &self.filters {
            let Some((field, value)) = text.split_once('=') else {
                bail!("--filter '{text}' must look like FIELD=VALUE")
            };
            filters.push(AssetFilter {
                field: parse_field(field)?,
                value: value.to_owned(),
            });
        }
        let sort = match self.sort.as_deref() {
            None => None,
            Some(text) => {
                let (field, direction) = text.split_once(':').unwrap_or((text, "asc"));
                let descending = match direction {
                    "asc" => false,
                    "desc" => true,
                    other => bail!("sort direction '{other}' must be asc or desc"),
                };
                Some(AssetSort {
                    field: parse_field(field)?,
                    descending,
                })
            }
        };
        Ok(AssetQuery {
            search: self.search,
            filters,
            sort,
            offset: 0,
            limit: 0,
        })
    }
}

fn parse_field(code: &str) -> anyhow::Result<AssetField> {
    AssetField::from_code(code).with_context(|| {
        format!(
            "'{code}' is not a field (one of: {})",
            AssetField::ALL
                .iter()
                .map(|f| f.code())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

pub fn run(context: &Context, command: AssetCommand) -> anyhow::Result<()> {
    let workspace = context.workspace()?;
    match command {
        AssetCommand::Life(command) => crate::lifecycle::run(context, &workspace, command)?,
        AssetCommand::Add { fields, json } => {
            let id = AssetId(ulid::Ulid::new());
            let saved = workspace
                .register_asset_at(id, &fields.into_input(), NewPlaces::Make, &context.stamp()?)
                .map_err(explain)?;
            report_made(&saved.made);
            print_row(&saved.row, json)?;
        }
        AssetCommand::Edit {
            asset,
            fields,
            json,
        } => {
            let current = workspace.asset(&asset)?;
            let saved = workspace
                .edit_asset_at(
                    current.asset.id,
                    &fields.into_input(),
                    NewPlaces::Make,
                    &context.stamp()?,
                )
                .map_err(explain)?;
            report_made(&saved.made);
            print_row(&saved.row, json)?;
        }
        AssetCommand::List {
            query,
            limit,
            offset,
            json,
        } => {
            let query = AssetQuery {
                limit,
                offset,
                ..query.into_query()?
            };
            let page = workspace.query_assets(&query);
            if json {
                println!("{}", serde_json::to_string_pretty(&page)?);
            } else {
                let mut out = std::io::stdout().lock();
                for row in &page.rows {
                    let asset = &row.asset;
                    let place = [
                        &asset.location.site,
                        &asset.location.room,
                        &asset.location.rack,
                    ]
                    .iter()
                    .filter(|part| !part.is_empty())
                    .map(|part| part.as_str())
                    .collect::<Vec<_>>()
                    .join(" / ");
                    let unit = asset
                        .location
                        .unit
                        .map(|u| format!(" U{u}"))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{} {}\t{place}{unit}\t{}",
                        asset.asset_tag,
                        AssetField::AssetType.text(asset),
                        AssetField::Status.text(asset),
                        asset.manufacturer,
                        asset.model,
                        asset.owner
                    )?;
                }
                writeln!(out, "{} of {} assets", page.rows.len(), page.total)?;
            }
        }
        AssetCommand::Show { asset, json } => {
            let row = workspace.asset(&asset)?;
            let history = workspace.asset_history(row.asset.id)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "asset": row, "history": history })
                    )?
                );
            } else {
                for field in AssetField::ALL {
                    println!("{:<14} {}", field.code(), field.text(&row.asset));
                }
                if let Some(bought) = &row.purchase {
                    println!(
                        "{:<14} {} ({}) from {}",
                        "purchase", bought.order_number, bought.request_number, bought.vendor_name
                    );
                }
                println!("\nhistory:");
                for entry in history {
                    println!(
                        "  {} {} {} ({})",
                        cloudwright_core::stamp::UtcTime::from_ms(entry.at_ms),
                        match &entry.author_check {
                            AuthorCheck::Verified { name, .. } if !name.is_empty() => name,
                            _ => &entry.author.name,
                        },
                        author_mark(&entry.author_check),
                        entry.op
                    );
                    for change in entry.changes {
                        println!(
                            "    {}: '{}' -> '{}'",
                            change.field.code(),
                            change.before,
                            change.after
                        );
                    }
                }
            }
        }
        AssetCommand::Import { file, dry_run, csv } => {
            let bytes = csv_files::read(&file)?;
            let preview = workspace.preview_import(&bytes, csv.options());
            if dry_run || !preview.can_import() {
                report_preview(&preview);
                if !preview.can_import() {
                    bail!("nothing was imported: fix the rows above and run the import again");
                }
                println!(
                    "{} rows are valid; run without --dry-run to import them",
                    preview.total_rows
                );
                return Ok(());
            }
            let rows = workspace
                .import_assets(&bytes, csv.options(), &context.stamp()?, || {
                    AssetId(ulid::Ulid::new())
                })
                .map_err(explain)?;
            for place in &preview.new_places {
                eprintln!("made {place}: its location names it; arrange it on the floor plan");
            }
            println!("imported {} assets", rows.len());
        }
        AssetCommand::Export { query, out } => {
            let rows = workspace.query_assets(&query.into_query()?).rows;
            match out {
                Some(path) => {
                    let file = std::fs::File::create(&path)
                        .with_context(|| format!("cannot create {}", path.display()))?;
                    csv_io::export(&rows, std::io::BufWriter::new(file), true)?;
                    eprintln!("exported {} assets to {}", rows.len(), path.display());
                }
                None => csv_io::export(&rows, std::io::stdout().lock(), false)?,
            }
        }
    }
    Ok(())
}

fn report_preview(preview: &csv_io::ImportPreview) {
    for error in &preview.file_errors {
        eprintln!("file: {error}");
    }
    if let Some(hint) = csv_files::hint(&preview.file_errors) {
        eprintln!("{hint}");
    }
    for column in &preview.ignored_columns {
        eprintln!("column '{column}' is not an asset field and is ignored");
    }
    for place in &preview.new_places {
        eprintln!("{place} does not exist yet: the import makes it");
    }
    for row in &preview.rejected {
        for error in &row.errors {
            // Each problem names its line.
            eprintln!("{error}");
        }
    }
    eprintln!(
        "{} rows, {} with errors",
        preview.total_rows, preview.error_rows
    );
}

/// Says which places a location made (to stderr: stdout stays the row).
fn report_made(made: &[NewPlace]) {
    for place in made {
        eprintln!(
            "made {} {}: the location names it; arrange it on the floor plan",
            place.kind, place.path
        );
    }
}

/// Turns field errors into one readable multi-line message.
fn explain(error: AssetError) -> anyhow::Error {
    match error {
        AssetError::Invalid(errors) => {
            anyhow::anyhow!(
                "the asset was not saved:\n{}",
                errors
                    .iter()
                    .map(|e| format!("  {e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        }
        other => other.into(),
    }
}

fn print_row(row: &AssetRow, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(row)?);
    } else {
        println!("{}\t{}", row.asset.asset_tag, row.asset.id);
    }
    Ok(())
}

/// How the history marks an author: `✓` for the account the team server took the change
/// from, and words for the rest.
fn author_mark(check: &AuthorCheck) -> &'static str {
    match check {
        AuthorCheck::Verified { .. } => "✓",
        AuthorCheck::NotSynced => "[not synced yet]",
        AuthorCheck::Unverified => "[unverified]",
    }
}
