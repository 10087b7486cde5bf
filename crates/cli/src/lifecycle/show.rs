//! How `asset life`, `asset assigned`, `asset alerts` and `asset plan list` print: one line
//! per record, tab-separated, or `--json`.

use cloudwright_core::alerts::Alert;
use cloudwright_core::assets::{AssetRow, Money};
use cloudwright_core::lifecycle::{AssetLife, DecisionCheck, PersonAssignment, PlanDue};
use cloudwright_core::stamp::UtcTime;

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

pub fn life(
    row: &AssetRow,
    life: &AssetLife,
    decisions: &[DecisionCheck],
    as_json: bool,
) -> anyhow::Result<()> {
    if as_json {
        return json(serde_json::json!({ "asset": row, "life": life, "decisions": decisions }));
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
    let checked: Vec<&DecisionCheck> = decisions
        .iter()
        .filter(|check| check.verdict != "unsigned_local")
        .collect();
    if !checked.is_empty() {
        println!("\ndecisions:");
        for check in checked {
            println!("  {}", decision_line(check));
        }
    }
    Ok(())
}

/// One decision as this device judges it: `✓` and who signed it when, or the verdict and
/// what to do about it.
fn decision_line(check: &DecisionCheck) -> String {
    let signer = match (check.signer_name.as_str(), check.signer.as_str()) {
        (_, "") => "nobody".to_owned(),
        ("", account) => account.to_owned(),
        (name, account) => format!("{name} ({account})"),
    };
    let signed = if check.at_ms == 0 {
        String::new()
    } else {
        format!("\tsigned by {signer} at {}", UtcTime::from_ms(check.at_ms))
    };
    let verdict = match check.verdict.as_str() {
        "valid" => match check.key_revoked_at_ms {
            Some(at) => format!(
                "✓ valid (its key was revoked later, at {})",
                UtcTime::from_ms(at)
            ),
            None => "✓ valid".to_owned(),
        },
        other => format!("✗ {other}: {}", verdict_advice(other)),
    };
    format!("{}\t{verdict}{signed}", check.action)
}

/// What a verdict other than valid means, and what to do.
fn verdict_advice(verdict: &str) -> &'static str {
    match verdict {
        "signature_invalid" => "the signature does not match; an entitled member decides again",
        "unknown_signer" => "the signer is not on the roster; an entitled member decides again",
        "unknown_key" => {
            "signed with a key the roster does not know; an entitled member decides again"
        }
        "key_revoked" => "signed with a key revoked before; an entitled member decides again",
        "not_entitled" => {
            "the signer was not entitled at the time; an entitled member decides again"
        }
        "content_changed" => {
            "the record changed after it was decided; an entitled member decides again"
        }
        "other_record" => "the signature is for another record; an entitled member decides again",
        "unsigned" => "nobody signed it; an entitled member decides again",
        "no_roster" => "no roster on this device yet: run `cloudwright sync` while online",
        "roster_tampered" => {
            "the roster kept here does not verify: run `cloudwright sync` to fetch it again"
        }
        _ => "not recognised by this version",
    }
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
