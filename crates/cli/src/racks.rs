//! `cloudwright rack …`: list, show (a text elevation with the budget), place, remove.

use anyhow::{bail, Context as _};
use clap::Subcommand;
use cloudwright_core::racks::{catalogue, Face, PlaceRequest, RackSummary, RackView};
use cloudwright_core::store::Workspace;
use cloudwright_core::{DeviceTypeId, ItemId};

use crate::context::Context;
use crate::csv_files::{self, CsvImportArgs};

#[derive(Subcommand)]
pub enum RackCommand {
    /// List racks with their use, power and findings
    List {
        /// Only racks of this room (name)
        #[arg(long)]
        room: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one rack's elevation, top unit first, with its power, heat and weight
    Show {
        /// Rack name or id
        rack: String,
        #[arg(long)]
        json: bool,
    },
    /// Place a device in a rack (refused, with every reason, when it does not fit)
    Place {
        /// Rack name or id
        rack: String,
        /// Lowest unit the device takes, as printed on the rails (12, or 12.5 for a half unit);
        /// leave out for a zero-U device
        #[arg(long)]
        unit: Option<f64>,
        /// Device type: key, slug or model (e.g. "PowerEdge R650"); taken from the asset's
        /// model when left out
        #[arg(long = "type")]
        device_type: Option<String>,
        /// Asset tag or id of a registered asset to hang there (sets its location)
        #[arg(long)]
        asset: Option<String>,
        /// front or rear
        #[arg(long, default_value = "front")]
        face: String,
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Take a device out of a rack (by label, asset tag or placement id)
    Remove { rack: String, device: String },
    /// List the device type catalogue: the starter types and the workspace's own
    Types {
        #[arg(long)]
        json: bool,
    },
    /// What to look over after asset locations became places: the places made from them on
    /// this device, and the assets whose location names no place that could be made
    Locations {
        #[arg(long)]
        json: bool,
    },
    /// Add device types from a YAML (NetBox devicetype-library shape) or CSV file: all or none
    ImportTypes {
        file: std::path::PathBuf,
        /// (CSV only)
        #[command(flatten)]
        csv: CsvImportArgs,
    },
}

pub fn run(context: &Context, command: RackCommand) -> anyhow::Result<()> {
    let ws = context.workspace()?;
    match command {
        RackCommand::List { room, json } => {
            let racks = racks_in(&ws, room.as_deref())?;
            if json {
                let list: Vec<_> = racks.iter().map(|(_, rack)| rack).collect();
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else if racks.is_empty() {
                println!("no racks yet: `cloudwright demo --racks 20` makes a room of them");
            } else {
                println!(
                    "{:<10} {:<12} {:<6} {:>9} {:>8} {:>17} {:>9}",
                    "rack", "room", "row", "status", "used U", "power kW", "findings"
                );
                for (room, rack) in racks {
                    println!(
                        "{:<10} {:<12} {:<6} {:>9} {:>8} {:>17} {:>9}",
                        rack.name,
                        room,
                        rack.row_name,
                        rack.status.code(),
                        format!("{}/{}", half_units(rack.used_hu), rack.height_u),
                        format!(
                            "{:.1}/{:.1}",
                            rack.allocated_w / 1000.0,
                            rack.capacity_w / 1000.0
                        ),
                        rack.findings
                    );
                }
            }
        }
        RackCommand::Locations { json } => {
            let review = ws.location_review()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&review)?);
            } else {
                if review.made.is_empty() && review.unresolved.is_empty() {
                    println!("every asset location names a place; none was made here");
                }
                for place in &review.made {
                    println!("made {} {}", place.kind, place.path);
                }
                for asset in &review.unresolved {
                    let reasons: Vec<String> =
                        asset.problems.iter().map(ToString::to_string).collect();
                    println!("{}\t{}", asset.asset_tag, reasons.join("; "));
                }
            }
        }
        RackCommand::Show { rack, json } => {
            let view = ws.rack_view(ws.find_rack(&rack)?)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                print_elevation(&view);
            }
        }
        RackCommand::Place {
            rack,
            unit,
            device_type,
            asset,
            face,
            label,
        } => {
            let rack_id = ws.find_rack(&rack)?;
            let view = ws.rack_view(rack_id)?;
            let asset = asset
                .map(|tag| ws.asset(&tag).map(|row| row.asset.id))
                .transpose()?;
            let device = match (&device_type, asset) {
                (Some(text), _) => ws
                    .find_device_type(text)
                    .with_context(|| format!("no single device type matches '{text}': see the catalogue in the app, or use its key"))?,
                (None, Some(asset)) => ws
                    .device_type_of_asset(asset)
                    .context("the asset's model is not in the catalogue: give --type")?,
                (None, None) => bail!("give --type, --asset or both"),
            };
            let bottom_hu = unit
                .map(|unit| {
                    let from_bottom = (unit - f64::from(view.rack.starting_unit)) * 2.0;
                    if from_bottom < 0.0 || from_bottom.fract() != 0.0 {
                        bail!(
                            "--unit must be a unit of the rack ({}…) or a half unit",
                            view.rack.starting_unit
                        );
                    }
                    Ok(from_bottom as u32)
                })
                .transpose()?;
            let face = Face::parse(&face)
                .with_context(|| format!("--face must be front or rear, not '{face}'"))?;
            let request = PlaceRequest {
                device_type: device.key.clone(),
                asset,
                label,
                bottom_hu,
                face,
                leg: None,
            };
            let what_if = ws.what_if(rack_id, None, &request)?;
            let stamp = context.stamp()?;
            ws.place_device(rack_id, ItemId(ulid::Ulid::new()), &request, &stamp)?;
            println!(
                "placed {} in {} — power {:.1} → {:.1} kW of {:.1} kW",
                device.display_name(),
                view.rack.name,
                what_if.before.max_draw_w / 1000.0,
                what_if.after.max_draw_w / 1000.0,
                what_if.after.capacity_w / 1000.0
            );
            for finding in &what_if.new_findings {
                println!("warning: {}", serde_json::to_string(finding)?);
            }
        }
        RackCommand::Remove { rack, device } => {
            let rack_id = ws.find_rack(&rack)?;
            let view = ws.rack_view(rack_id)?;
            let wanted = device.trim().to_lowercase();
            let found = view
                .devices
                .iter()
                .find(|d| {
                    d.id.to_lowercase() == wanted
                        || d.placement.label.to_lowercase() == wanted
                        || d.asset_tag
                            .as_deref()
                            .is_some_and(|tag| tag.to_lowercase() == wanted)
                })
                .with_context(|| format!("no device '{device}' in rack {}", view.rack.name))?;
            ws.remove_placement(rack_id, &found.id, &context.stamp()?)?;
            println!("removed {} from {}", found.placement.label, view.rack.name);
        }
        RackCommand::Types { json } => {
            let types = ws.device_types();
            if json {
                println!("{}", serde_json::to_string_pretty(&types)?);
            } else {
                for device in types {
                    println!(
                        "{:<40} {:>5} {:>6} W  {}",
                        device.display_name(),
                        format!("{}U", half_units(device.height_hu)),
                        device.max_w,
                        device.key
                    );
                }
            }
        }
        RackCommand::ImportTypes { file, csv } => {
            let is_csv = file
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"));
            let parsed = if is_csv {
                let text = String::from_utf8(csv_files::read(&file)?).with_context(|| {
                    format!("{} is not UTF-8 (save it as CSV UTF-8)", file.display())
                })?;
                catalogue::parse_csv(&text, csv.options())
            } else {
                let text = std::fs::read_to_string(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                catalogue::parse_yaml(&text)
            };
            let inputs = parsed.map_err(|problem| {
                let hint = if problem.code == "unknown_columns" {
                    format!("\n{}", csv_files::UNKNOWN_COLUMNS_HINT)
                } else {
                    String::new()
                };
                anyhow::anyhow!("nothing was imported: {problem}{hint}")
            })?;
            let ids: Vec<DeviceTypeId> = inputs
                .iter()
                .map(|_| DeviceTypeId(ulid::Ulid::new()))
                .collect();
            let added = ws.import_device_types(&inputs, &ids, &context.stamp()?)?;
            println!("added {} device types", added.len());
        }
    }
    Ok(())
}

/// Every rack with its room's name, rooms in name order, or only the racks of `room`.
pub fn racks_in(ws: &Workspace, room: Option<&str>) -> anyhow::Result<Vec<(String, RackSummary)>> {
    let mut racks = Vec::new();
    for site in ws.places_tree() {
        for node in site.rooms {
            if room.is_some_and(|name| !name.eq_ignore_ascii_case(&node.name)) {
                continue;
            }
            let view = ws.room_view(node.id)?;
            racks.extend(view.racks.into_iter().map(|r| (node.name.clone(), r)));
        }
    }
    Ok(racks)
}

fn half_units(hu: u32) -> String {
    if hu.is_multiple_of(2) {
        (hu / 2).to_string()
    } else {
        format!("{}.5", hu / 2)
    }
}

/// A text elevation: one line per unit, top first, front and rear side by side.
fn print_elevation(view: &RackView) {
    let rack = &view.rack;
    println!(
        "{} — {} / {} / {}  ({}U, {})",
        rack.name,
        view.site,
        view.room,
        view.row,
        rack.height_u,
        rack.status.code()
    );
    let at = |hu: u32, face: Face| {
        view.devices.iter().find(|d| {
            let (Some(bottom), Some(device)) = (d.placement.bottom_hu, &d.device) else {
                return false;
            };
            let faces = device.full_depth || d.placement.face == face;
            faces && bottom <= hu && hu < bottom + device.height_hu.max(1)
        })
    };
    println!("{:>4}  {:<32} {:<32}", "U", "front", "rear");
    for unit in (0..rack.height_u).rev() {
        let hu = unit * 2;
        let cell = |face| {
            at(hu, face)
                .or_else(|| at(hu + 1, face))
                .map(|d| format!("{} [{}]", d.placement.label, d.placement.status.code()))
                .unwrap_or_else(|| "·".into())
        };
        println!(
            "{:>4}  {:<32} {:<32}",
            rack.starting_unit + unit,
            cell(Face::Front),
            cell(Face::Rear)
        );
    }
    let off_rails: Vec<&str> = view
        .devices
        .iter()
        .filter(|d| d.placement.bottom_hu.is_none())
        .map(|d| d.placement.label.as_str())
        .collect();
    if !off_rails.is_empty() {
        println!("zero-U / parked: {}", off_rails.join(", "));
    }
    let b = &view.budget;
    println!(
        "power {:.2} kW typical, {:.2} kW max of {:.2} kW · heat {:.0} BTU/h · weight {:.0} / {:.0} kg",
        b.allocated_w / 1000.0,
        b.max_draw_w / 1000.0,
        b.capacity_w / 1000.0,
        b.heat_btu_h,
        b.weight_kg,
        rack.max_weight_kg
    );
    for finding in &b.findings {
        println!(
            "finding: {}",
            serde_json::to_string(finding).unwrap_or_default()
        );
    }
    for broken in &view.invariants {
        println!(
            "rule broken: {}",
            serde_json::to_string(broken).unwrap_or_default()
        );
    }
}
