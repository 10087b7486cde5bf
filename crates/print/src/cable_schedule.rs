//! The cable schedule on paper: A4 pages with the title (workspace, "cable schedule", scope)
//! and the generated line, a short summary, then one table per rack whose rows are the cabled
//! ports of its devices, each device a group heading. Drawn by the power report's table code
//! ([`crate::power_report`]), so headers repeat on every page and a device that runs onto the
//! next page repeats its heading there. Korean or English, like the rack pages.

use std::collections::{BTreeMap, BTreeSet};

use cloudwright_core::cables::model::{CableKind, CableStatus};
use cloudwright_core::cables::schedule::{
    CableSchedule, ScheduleDevice, ScheduleRack, ScheduleRow, ScheduleScope,
};
use cloudwright_core::store::Workspace;

use crate::racks::{Language, RackPrintError};
use crate::{power_report, PowerReport, PowerRow, PowerSection};

/// The schedule of `scope` as a PDF.
pub fn cable_schedule_pdf(
    workspace: &Workspace,
    scope: ScheduleScope,
    language: Language,
    generated: &str,
) -> Result<Vec<u8>, RackPrintError> {
    let schedule = workspace.cable_schedule(scope)?;
    let report = schedule_report(&schedule, &workspace.meta().name, language, generated);
    Ok(power_report(&report)?)
}

/// The schedule as the report model: every string formatted and translated.
pub fn schedule_report(
    schedule: &CableSchedule,
    workspace_name: &str,
    language: Language,
    generated: &str,
) -> PowerReport {
    let scope = match (schedule.scope, schedule.racks.first()) {
        (ScheduleScope::Rack { .. }, Some(rack)) => rack.name.clone(),
        _ => language.pick("작업공간 전체", "whole workspace").to_owned(),
    };
    let mut statuses: BTreeMap<CableStatus, BTreeSet<_>> = BTreeMap::new();
    let mut rows = 0usize;
    for device in schedule.racks.iter().flat_map(|rack| &rack.devices) {
        for row in &device.ports {
            statuses.entry(row.status).or_default().insert(row.cable);
            rows += 1;
        }
    }
    let status_line = statuses
        .iter()
        .map(|(status, cables)| format!("{} {}", status_text(*status, language), cables.len()))
        .collect::<Vec<_>>()
        .join(" · ");
    let summary = vec![
        (language.pick("범위", "Scope").to_owned(), scope.clone()),
        (
            language.pick("랙", "Racks").to_owned(),
            schedule.racks.len().to_string(),
        ),
        (
            language.pick("케이블", "Cables").to_owned(),
            schedule.cables.to_string(),
        ),
        (
            language.pick("연결된 포트", "Cabled ports").to_owned(),
            rows.to_string(),
        ),
        (
            language.pick("상태", "Status").to_owned(),
            if status_line.is_empty() {
                "—".to_owned()
            } else {
                status_line
            },
        ),
    ];
    PowerReport {
        title: format!(
            "{workspace_name} — {} · {scope}",
            language.pick("케이블 스케줄", "Cable schedule")
        ),
        generated: generated.to_owned(),
        summary,
        sections: schedule
            .racks
            .iter()
            .map(|rack| rack_section(rack, language))
            .collect(),
    }
}

fn rack_section(rack: &ScheduleRack, language: Language) -> PowerSection {
    let columns = [
        ("포트", "Port"),
        ("라벨", "Label"),
        (
            "상대편 (랙 / U / 장치 / 포트)",
            "Far end (rack / U / device / port)",
        ),
        ("종류", "Type"),
        ("길이", "Length"),
        ("색상", "Colour"),
        ("상태", "Status"),
    ]
    .iter()
    .map(|(ko, en)| language.pick(ko, en).to_owned())
    .collect();
    let mut rows = Vec::new();
    for device in &rack.devices {
        rows.push(PowerRow {
            name: device_heading(device, language),
            cells: Vec::new(),
            group_heading: true,
        });
        rows.extend(device.ports.iter().map(|row| port_row(row, language)));
    }
    let location = [rack.site.as_str(), rack.room.as_str(), rack.row.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    PowerSection {
        title: if location.is_empty() {
            rack.name.clone()
        } else {
            format!("{} — {location}", rack.name)
        },
        columns,
        rows,
        findings: if rack.devices.is_empty() {
            vec![language
                .pick("이 랙에는 케이블이 없습니다", "No cables in this rack")
                .to_owned()]
        } else {
            Vec::new()
        },
    }
}

/// `U42 · pp-1 · Patch panel 48×Cat6A · 1 / 96 포트`, with the asset tag when there is one.
fn device_heading(device: &ScheduleDevice, language: Language) -> String {
    let mut parts = vec![
        unit_text(device.unit),
        if device.placed {
            device.label.clone()
        } else {
            format!(
                "{} ({})",
                device.label,
                language.pick("랙에 없는 장치", "not in the rack")
            )
        },
    ];
    parts.extend(device.asset_tag.clone());
    if !device.device_type.is_empty() {
        parts.push(device.device_type.clone());
    }
    let cabled = device.ports.len();
    parts.push(if device.port_count > 0 {
        format!(
            "{cabled} / {} {}",
            device.port_count,
            language.pick("포트 연결", "ports cabled")
        )
    } else {
        format!("{cabled} {}", language.pick("포트 연결", "ports cabled"))
    });
    parts.join(" · ")
}

fn port_row(row: &ScheduleRow, language: Language) -> PowerRow {
    let far = &row.far;
    PowerRow {
        name: row.port.clone(),
        cells: vec![
            row.label.clone(),
            format!(
                "{} / {} / {} / {}",
                far.rack,
                unit_text(far.unit),
                far.device,
                far.port
            ),
            kind_text(row.kind, language),
            match row.length {
                Some(length) => format!("{length} {}", row.length_unit.code()),
                None => "—".to_owned(),
            },
            row.colour.clone(),
            status_text(row.status, language).to_owned(),
        ],
        group_heading: false,
    }
}

fn unit_text(unit: Option<u32>) -> String {
    unit.map_or_else(|| "—".to_owned(), |unit| format!("U{unit}"))
}

fn kind_text(kind: CableKind, language: Language) -> String {
    match kind {
        CableKind::Power => language.pick("전원", "Power").to_owned(),
        CableKind::Console => language.pick("콘솔", "Console").to_owned(),
        other => other.code().to_uppercase(),
    }
}

fn status_text(status: CableStatus, language: Language) -> &'static str {
    match status {
        CableStatus::Planned => language.pick("계획", "Planned"),
        CableStatus::Installed => language.pick("설치됨", "Installed"),
        CableStatus::Tested => language.pick("시험 완료", "Tested"),
        CableStatus::Failed => language.pick("불량", "Failed"),
        CableStatus::Decommissioned => language.pick("철거", "Decommissioned"),
    }
}
