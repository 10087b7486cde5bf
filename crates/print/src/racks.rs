//! From a workspace's racks to the printed pages: the elevation pack of chosen racks and the
//! power and cooling report of its rooms, in Korean or English. The CLI and the desktop app
//! both print through here, so a page looks the same whichever made it.

use cloudwright_core::racks::power::BudgetFinding;
use cloudwright_core::racks::views::RackView;
use cloudwright_core::racks::{Face as CoreFace, InstallStatus};
use cloudwright_core::store::Workspace;
use cloudwright_core::RackId;

use crate::{
    elevation_pack, power_report, DeviceStatus, DrawnDevice, DrawnReservation, Face, Labels,
    PackOptions, PowerReport, PowerRow, PowerSection, PrintError, RackDrawing,
};

/// The language a printed page is in (the reports' language in core).
pub use cloudwright_core::reports::Language;

/// `1,234` with thousands separators.
fn grouped(value: f64) -> String {
    let whole = value.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut text = String::new();
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(ch);
    }
    if whole < 0 {
        text.insert(0, '-');
    }
    text
}

fn kw(watts: f64) -> String {
    format!("{:.1}", watts / 1000.0)
}

/// One rack's page, from its view.
pub fn rack_drawing(view: &RackView, language: Language) -> RackDrawing {
    let rack = &view.rack;
    let mut devices = Vec::new();
    let mut zero_u = Vec::new();
    for placed in &view.devices {
        let Some(device) = &placed.device else {
            continue;
        };
        let Some(bottom_hu) = placed.placement.bottom_hu else {
            if device.height_hu == 0 {
                zero_u.push(placed.placement.label.clone());
            }
            continue;
        };
        if device.height_hu == 0 {
            zero_u.push(placed.placement.label.clone());
            continue;
        }
        let faces = if device.full_depth {
            vec![Face::Front, Face::Rear]
        } else if placed.placement.face == CoreFace::Front {
            vec![Face::Front]
        } else {
            vec![Face::Rear]
        };
        devices.push(DrawnDevice {
            bottom_hu,
            height_hu: device.height_hu,
            faces,
            label: placed.placement.label.clone(),
            // A device labelled with its asset tag does not print the tag twice.
            asset_tag: placed
                .asset_tag
                .clone()
                .filter(|tag| *tag != placed.placement.label)
                .unwrap_or_default(),
            status: match placed.placement.status {
                InstallStatus::Planned => DeviceStatus::Planned,
                InstallStatus::Installed => DeviceStatus::Installed,
                InstallStatus::Verified => DeviceStatus::Verified,
            },
            category: device.category.code().to_owned(),
        });
    }
    let budget = &view.budget;
    let power_line = format!(
        "{} {} / {} kW · {} {} BTU/h · {} {} / {} kg",
        language.pick("전력", "Power"),
        kw(budget.max_draw_w),
        kw(budget.capacity_w),
        language.pick("발열", "Heat"),
        grouped(budget.heat_btu_h),
        language.pick("무게", "Weight"),
        grouped(budget.weight_kg),
        grouped(rack.max_weight_kg),
    );
    RackDrawing {
        name: rack.name.clone(),
        location: [view.site.as_str(), view.room.as_str(), view.row.as_str()]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" / "),
        height_u: rack.height_u,
        starting_unit: rack.starting_unit,
        devices,
        reservations: rack
            .reservations
            .values()
            .map(|held| DrawnReservation {
                bottom_hu: held.bottom_hu,
                height_hu: held.height_hu,
                reason: held.reason.clone(),
            })
            .collect(),
        zero_u,
        power_line,
    }
}

fn labels(language: Language) -> Labels {
    match language {
        Language::Korean => Labels::default(),
        Language::English => Labels {
            front: "Front".into(),
            rear: "Rear".into(),
            page: "Page".into(),
            reserved: "Reserved".into(),
            zero_u: "Zero-U devices".into(),
            planned: "Planned (not installed)".into(),
        },
    }
}

/// The elevation pack of `racks` (in the order given), one page per rack.
pub fn rack_pack(
    workspace: &Workspace,
    racks: &[RackId],
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, RackPrintError> {
    let mut drawings = Vec::with_capacity(racks.len());
    for id in racks {
        drawings.push(rack_drawing(&workspace.rack_view(*id)?, language));
    }
    let options = PackOptions {
        title: format!(
            "{} — {}",
            workspace.meta().name,
            language.pick("랙 실장도", "Rack elevations")
        ),
        generated: generated.to_owned(),
        labels: labels(language),
    };
    Ok(elevation_pack(&drawings, &options)?)
}

/// A budget finding as a sentence, with its numbers.
pub fn finding_text(finding: &BudgetFinding, language: Language) -> String {
    use Language::{English, Korean};
    match (finding, language) {
        (
            BudgetFinding::PowerOverCapacity {
                rack,
                max_draw_w,
                capacity_w,
            },
            Korean,
        ) => {
            format!(
                "{rack}: 최대 전력 {} kW가 공급 용량 {} kW를 넘습니다",
                kw(*max_draw_w),
                kw(*capacity_w)
            )
        }
        (
            BudgetFinding::PowerOverCapacity {
                rack,
                max_draw_w,
                capacity_w,
            },
            English,
        ) => {
            format!(
                "{rack}: maximum draw {} kW is over the feed capacity {} kW",
                kw(*max_draw_w),
                kw(*capacity_w)
            )
        }
        (
            BudgetFinding::NoFailover {
                rack,
                max_draw_w,
                one_feed_w,
            },
            Korean,
        ) => format!(
            "{rack}: A/B 이중화 — 한쪽 공급이 끊기면 {} kW를 {} kW 한 회선이 감당하지 못합니다",
            kw(*max_draw_w),
            kw(*one_feed_w)
        ),
        (
            BudgetFinding::NoFailover {
                rack,
                max_draw_w,
                one_feed_w,
            },
            English,
        ) => format!(
            "{rack}: if one feed fails, {} kW does not fit on one feed of {} kW",
            kw(*max_draw_w),
            kw(*one_feed_w)
        ),
        (
            BudgetFinding::LegOverCapacity {
                rack,
                leg,
                draw_w,
                capacity_w,
            },
            Korean,
        ) => format!(
            "{rack}: 상 L{} 부하 {} kW가 상 용량 {} kW를 넘습니다",
            leg + 1,
            kw(*draw_w),
            kw(*capacity_w)
        ),
        (
            BudgetFinding::LegOverCapacity {
                rack,
                leg,
                draw_w,
                capacity_w,
            },
            English,
        ) => format!(
            "{rack}: leg L{} draws {} kW, over its {} kW",
            leg + 1,
            kw(*draw_w),
            kw(*capacity_w)
        ),
        (BudgetFinding::LegsUnbalanced { rack, legs_w }, language) => format!(
            "{rack}: {} ({} / {} / {} kW)",
            language.pick("3상 부하 불균형", "three-phase legs unbalanced"),
            kw(legs_w[0]),
            kw(legs_w[1]),
            kw(legs_w[2])
        ),
        (
            BudgetFinding::OverWeight {
                rack,
                weight_kg,
                max_weight_kg,
            },
            language,
        ) => format!(
            "{rack}: {} {} kg > {} kg",
            language.pick("무게 한도 초과", "over the weight limit"),
            grouped(*weight_kg),
            grouped(*max_weight_kg)
        ),
        (
            BudgetFinding::CoolingOverCapacity {
                room,
                heat_kw,
                cooling_kw,
            },
            language,
        ) => format!(
            "{room}: {} {:.1} kW > {:.1} kW",
            language.pick(
                "발열이 냉방 용량을 넘습니다",
                "heat is over the cooling capacity"
            ),
            heat_kw,
            cooling_kw
        ),
    }
}

/// The power and cooling report: a summary, then per room a table of its racks and its
/// findings.
pub fn power_and_cooling(
    workspace: &Workspace,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, RackPrintError> {
    let columns: Vec<String> = [
        ("열", "Row"),
        ("사용 U", "Used U"),
        ("평균 kW", "Typical kW"),
        ("최대 kW", "Max kW"),
        ("용량 kW", "Capacity kW"),
        ("사용률", "Use"),
        ("발열 BTU/h", "Heat BTU/h"),
        ("무게 kg", "Weight kg"),
    ]
    .iter()
    .map(|(ko, en)| language.pick(ko, en).to_owned())
    .collect();
    let mut sections = Vec::new();
    let (mut racks, mut allocated, mut max_draw, mut heat, mut cooling) = (0, 0.0, 0.0, 0.0, 0.0);
    for site in workspace.places_tree() {
        for node in site.rooms {
            let room = workspace.room_view(node.id)?;
            racks += room.racks.len();
            allocated += room.budget.allocated_w;
            max_draw += room.budget.max_draw_w;
            heat += room.budget.heat_btu_h;
            cooling += room.budget.cooling_kw;
            let rows = room
                .racks
                .iter()
                .map(|rack| PowerRow {
                    group_heading: false,
                    name: rack.name.clone(),
                    cells: vec![
                        rack.row_name.clone(),
                        format!("{} / {}", rack.used_hu / 2, rack.height_u),
                        kw(rack.allocated_w),
                        kw(rack.max_draw_w),
                        kw(rack.capacity_w),
                        if rack.capacity_w > 0.0 {
                            format!("{:.0}%", rack.max_draw_w / rack.capacity_w * 100.0)
                        } else {
                            "—".into()
                        },
                        grouped(rack.heat_kw * 1000.0 * 3.412),
                        grouped(rack.weight_kg),
                    ],
                })
                .collect();
            sections.push(PowerSection {
                title: format!(
                    "{} / {} — {} {:.1} kW · {} {:.1} kW",
                    room.site,
                    room.room.name,
                    language.pick("발열", "heat"),
                    room.budget.heat_kw,
                    language.pick("냉방", "cooling"),
                    room.budget.cooling_kw
                ),
                columns: columns.clone(),
                rows,
                findings: room
                    .budget
                    .findings
                    .iter()
                    .map(|finding| finding_text(finding, language))
                    .collect(),
            });
        }
    }
    let summary = vec![
        (
            language.pick("랙", "Racks").to_owned(),
            grouped(racks as f64),
        ),
        (
            language.pick("평균 전력", "Typical power").to_owned(),
            format!("{} kW", kw(allocated)),
        ),
        (
            language.pick("최대 전력", "Maximum power").to_owned(),
            format!("{} kW", kw(max_draw)),
        ),
        (
            language.pick("발열", "Heat").to_owned(),
            format!("{} BTU/h", grouped(heat)),
        ),
        (
            language.pick("냉방 용량", "Cooling capacity").to_owned(),
            format!("{cooling:.1} kW"),
        ),
    ];
    let report = PowerReport {
        title: format!(
            "{} — {}",
            workspace.meta().name,
            language.pick("전력·냉방 보고서", "Power and cooling report")
        ),
        generated: generated.to_owned(),
        summary,
        sections,
    };
    Ok(power_report(&report)?)
}

#[derive(Debug, thiserror::Error)]
pub enum RackPrintError {
    #[error(transparent)]
    Rack(#[from] cloudwright_core::racks::RackError),
    #[error(transparent)]
    Print(#[from] PrintError),
}
