//! The racks area's alert source: every power, cooling and weight limit a rack or a room
//! crosses, with its numbers (the budgets of `power.rs`, from the in-memory index).

use std::collections::HashMap;

use super::power::{room_budget, BudgetFinding, RackBudget};
use super::Rack;
use crate::alerts::Alert;
use crate::ids::RoomId;
use crate::store::Workspace;

/// The alert of one limit crossed, about `record` (a rack's or a room's document).
fn alert(finding: &BudgetFinding, record: String) -> Alert {
    // The finding's own fields (its `kind` tag, the rack or room, the numbers) are the
    // alert's kind, title and values: one wording for the screen, the CLI and notifications.
    let fields = serde_json::to_value(finding).unwrap_or_default();
    let mut kind = String::new();
    let mut title = String::new();
    let mut values = std::collections::BTreeMap::new();
    if let Some(map) = fields.as_object() {
        for (key, value) in map {
            let text = match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|item| item.to_string())
                    .collect::<Vec<_>>()
                    .join(" / "),
                other => other.to_string(),
            };
            match key.as_str() {
                "kind" => kind = text,
                "rack" | "room" => title = text,
                _ => {
                    values.insert(key.clone(), text);
                }
            }
        }
    }
    // Stable while the numbers move: one alert per limit (and leg) of a rack or room.
    let leg = values
        .get("leg")
        .map(|leg| format!("/{leg}"))
        .unwrap_or_default();
    let key = format!("budget/{record}/{kind}{leg}");
    let mut alert = Alert::new("racks", &kind, record, title, key);
    alert.values = values;
    alert
}

pub(crate) fn source(workspace: &Workspace, _today: &str) -> Vec<Alert> {
    let places = workspace.places();
    let mut alerts = Vec::new();
    let mut racks: Vec<&Rack> = places.racks.values().collect();
    racks.sort_by_cached_key(|rack| crate::natural::natural_key(&rack.name));
    // Each rack's budget once: its own limits, then its room's cooling from the same budgets.
    let mut by_room: HashMap<RoomId, Vec<RackBudget>> = HashMap::new();
    for rack in racks {
        let budget = places.rack_budget(rack);
        let record = format!("rack/{}", rack.id);
        alerts.extend(budget.findings.iter().map(|f| alert(f, record.clone())));
        by_room.entry(rack.room).or_default().push(budget);
    }
    for room in places.rooms.values() {
        let budgets = by_room.remove(&room.id).unwrap_or_default();
        let cooling = room_budget(&room.name, &budgets, room.cooling_kw());
        for finding in &cooling.findings {
            if matches!(finding, BudgetFinding::CoolingOverCapacity { .. }) {
                alerts.push(alert(finding, format!("room/{}", room.id)));
            }
        }
    }
    alerts
}
