//! How `asset life`, `asset assigned`, `asset alerts` and `asset plan list` print: one line
//! per record, tab-separated, or `--json`.

use cloudwright_core::alerts::Alert;
use cloudwright_core::assets::{AssetRow, Money};
use cloudwright_core::lifecycle::{AssetLife, PersonAssignment, PlanDue};

fn json(value: serde_json::Value) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(&value)?);
    Ok(())
}

fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() {
        "-"
    } else {
        text
    }
}

fn money(cost: &Option<Money>) -> String {
    match cost {
        Some(cost) => format!("{} {:?}", cost.format_amount(), cost.currency),
        None => "-".to_owned(),
    }
}

pub fn life(row: &AssetRow, life: &AssetLife, as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(serde_json::json!({ "asset": row, "life": life }));
    }
    let asset = &row.asset;
    println!(
        "{}\t{} {}\tholds data: {}",
        asset.asset_tag,
        asset.manufacturer,
        asset.model,
        if row.life.holds_data { "yes" } else { "no" }
    );
    println!("\nassignments:");
    if life.assignments.is_empty() {
        println!("  none: `cloudwright asset assign TAG --to NAME` assigns it");
    }
    let mut assignments: Vec<_> = life.assignments.values().collect();
    assignments.sort_by(|a, b| a.from.cmp(&b.from));
    for a in assignments {
        let back = match &a.returned {
            Some(r) => format!("returned {} ({})", r.on.0, r.condition.code()),
            None => "current".to_owned(),
        };
        let due = a.due.as_ref().map_or("-", |d| d.0.as_str());
        println!(
            "  {}\t{}\tfrom {}\tdue {due}\t{back}\t{}",
            a.kind.code(),
            a.assignee,
            a.from.0,
            or_dash(&a.note)
        );
    }
    println!("\nmaintenance:");
    if life.maintenance.is_empty() {
        println!("  none: `cloudwright asset maintain TAG --kind KIND` records work");
    }
    let mut work: Vec<_> = life.maintenance.values().collect();
    work.sort_by(|a, b| a.on.cmp(&b.on));
    for m in work {
        let finished = m.finished.as_ref().map_or("under way", |d| d.0.as_str());
        let downtime = m
            .downtime_hours
            .map_or("-".to_owned(), |h| format!("{h} h"));
        println!(
            "  {}\t{} .. {finished}\t{}\t{}\tdowntime {downtime}\t{}",
            m.kind.code(),
            m.on.0,
            or_dash(&m.vendor),
            money(&m.cost),
            or_dash(&m.notes)
        );
    }
    println!("\ndisposal:");
    match &life.disposal {
        None => println!("  none"),
        Some(d) => {
            println!(
                "  {}\trequested {} by {}: {}",
                d.stage.code(),
                d.requested_on.0,
                d.requested_by,
                d.reason
            );
            if let Some(on) = &d.decided_on {
                println!(
                    "  decided {} by {}\t{}",
                    on.0,
                    d.decided_by,
                    or_dash(&d.decision_note)
                );
            }
            if let Some(w) = &d.wipe {
                println!(
                    "  wiped {} ({}, {})\tby {}, verified by {}\tcertificate {}",
                    w.on.0,
                    w.method.code(),
                    w.tool,
                    w.wiped_by,
                    w.verified_by,
                    w.certificate
                );
            }
            if let Some(on) = &d.disposed_on {
                println!(
                    "  disposed {}\tvendor {}\tbatch {}",
                    on.0, d.vendor, d.batch
                );
            }
        }
    }
    Ok(())
}

pub fn assigned(name: &str, found: &[PersonAssignment], as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(serde_json::to_value(found)?);
    }
    if found.is_empty() {
        println!("nothing was ever assigned to '{name}'");
        return Ok(());
    }
    for p in found {
        let line = &p.line;
        let state = match (&line.returned_on, &line.condition) {
            (Some(on), Some(condition)) => format!("returned {} ({})", on.0, condition.code()),
            (Some(on), None) => format!("returned {}", on.0),
            _ => "current".to_owned(),
        };
        let due = line.due.as_ref().map_or("-", |d| d.0.as_str());
        println!(
            "{}\t{}\tfrom {}\tdue {due}\t{state}",
            p.tag,
            or_dash(&p.model),
            line.from.0
        );
    }
    let current = found
        .iter()
        .filter(|p| p.line.returned_on.is_none())
        .count();
    println!("{current} current, {} past", found.len() - current);
    Ok(())
}

/// `return overdue`, `racks: no failover`: the kind in words, with its area unless it is an
/// asset's lifecycle.
fn kind_text(alert: &Alert) -> String {
    let kind = alert.kind.replace('_', " ");
    if alert.source == "lifecycle" {
        kind
    } else {
        format!("{}: {kind}", alert.source)
    }
}

pub fn alerts(alerts: &[Alert], as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(serde_json::to_value(alerts)?);
    }
    for alert in alerts {
        let when = match &alert.due {
            Some(due) if alert.days_overdue > 0 => {
                format!("due {due}\t{} days overdue", alert.days_overdue)
            }
            Some(due) if alert.days_overdue == 0 => format!("due {due}\tdue today"),
            Some(due) => format!("due {due}\tdue in {} days", -alert.days_overdue),
            None => alert
                .values
                .iter()
                .map(|(key, value)| format!("{key} {value}"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        println!(
            "{}\t{}\t{}\t{when}",
            kind_text(alert),
            or_dash(&alert.title),
            or_dash(&alert.subject),
        );
    }
    println!("{} alerts", alerts.len());
    Ok(())
}

pub fn plans(dues: &[PlanDue], as_json: bool) -> anyhow::Result<()> {
    if as_json {
        return json(serde_json::to_value(dues)?);
    }
    if dues.is_empty() {
        println!("no maintenance plans: `cloudwright asset plan add` adds one");
    }
    for due in dues {
        let plan = &due.plan;
        let next = match &due.next_due {
            Some(date) => format!("next {} ({})", date.0, due.next_tag),
            None if !plan.active => "stopped".to_owned(),
            None => "no asset".to_owned(),
        };
        println!(
            "{}\t{}\t{}\tevery {} {:?} from {}\t{} assets\t{next}",
            plan.id,
            plan.name,
            plan.kind.code(),
            plan.recurrence.count,
            plan.recurrence.unit,
            plan.recurrence.start.0,
            due.assets
        );
    }
    Ok(())
}
