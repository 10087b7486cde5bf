//! Design documents' alert source: each reviewer asked who has not decided yet (while the
//! review is open: `review_requested`, or `review_overdue` once its due date has passed, for
//! the owner too), and the owner on each decision (`review_approve`, `review_reject`,
//! `review_changes`, for two weeks after it). A review by a capability asks the account logged
//! in here when the roster this device keeps says it holds the capability. Each has a stable key, so a device notifies its
//! user of each once (`Store::alerts_to_notify`). On a device logged in to a team only the
//! account's own alerts are listed; in a workspace with no team, everyone's.

use super::index::DesignDocIndex;
use super::model::DESIGNDOC_PREFIX;
use super::state::{review_standing, version_states, VersionState};
use crate::alerts::Alert;
use crate::lifecycle as calendar;
use crate::store::Workspace;
use crate::sync::RosterState;
use crate::trust::Capability;

/// How long a decision stays in the owner's alerts.
const DECISION_DAYS: i64 = 14;

fn me(workspace: &Workspace) -> Option<String> {
    workspace
        .sync_binding()
        .ok()
        .flatten()
        .map(|binding| binding.user_id)
        .filter(|id| !id.is_empty())
}

/// The account logged in here and its name, when the roster this device keeps (verified)
/// says it holds `capability` at some time on day `today_days`.
fn holder(
    workspace: &Workspace,
    me: Option<&str>,
    capability: &str,
    today_days: Option<i64>,
) -> Option<(String, String)> {
    let me = me?;
    let capability = Capability::ALL
        .into_iter()
        .find(|c| c.code() == capability)?;
    let RosterState::Verified(roster) = workspace.roster().ok()? else {
        return None;
    };
    let member = roster.member(me)?;
    let day = today_days? * 86_400_000;
    (member.entitled(capability, day) || member.entitled(capability, day + 86_399_999))
        .then(|| (member.user_id.clone(), member.name.clone()))
}

pub(crate) fn source(workspace: &Workspace, today: &str) -> Vec<Alert> {
    let me = me(workspace);
    let mine = |who: &str| me.as_deref().is_none_or(|me| me == who);
    let today_days = calendar::day_number(&crate::assets::Date(today.to_owned()));
    let index = workspace.indexes().read::<DesignDocIndex>();
    let mut alerts = Vec::new();
    for (id, doc) in &index.docs {
        let record = format!("{DESIGNDOC_PREFIX}/{id}");
        let states = version_states(doc);
        for (review_key, review) in &doc.reviews {
            let Some(standing) = review_standing(doc, review_key) else {
                continue;
            };
            let number = doc.versions.get(&review.version).map_or(0, |v| v.number);
            let outdated = states.get(&review.version) == Some(&VersionState::Outdated);
            if standing.state.open() && !outdated {
                let due_days = (!review.due.is_empty())
                    .then(|| calendar::day_number(&crate::assets::Date(review.due.clone())))
                    .flatten();
                let overdue = match (today_days, due_days) {
                    (Some(today), Some(due)) => today - due,
                    _ => 0,
                };
                let kind = if overdue > 0 {
                    "review_overdue"
                } else {
                    "review_requested"
                };
                let mut asked: Vec<(String, String)> = review
                    .reviewers
                    .iter()
                    .filter(|r| !standing.latest.contains_key(&r.who))
                    .map(|r| (r.who.clone(), r.name.clone()))
                    .collect();
                // A review by a capability asks its holders too: the account logged in here
                // when it holds it (who holds it elsewhere is their own device's to say).
                if let Some((who, name)) =
                    holder(workspace, me.as_deref(), &review.capability, today_days)
                {
                    if !standing.latest.contains_key(&who) && !asked.iter().any(|(w, _)| *w == who)
                    {
                        asked.push((who, name));
                    }
                }
                if overdue > 0 {
                    asked.push((doc.owner.who.clone(), doc.owner.name.clone()));
                }
                for (who, name) in asked {
                    if !mine(&who) {
                        continue;
                    }
                    let mut alert = Alert::new(
                        "designdocs",
                        kind,
                        record.clone(),
                        doc.title.clone(),
                        format!("{record}/{kind}/{review_key}/{who}"),
                    );
                    alert.subject = name;
                    if !review.due.is_empty() {
                        alert.due = Some(review.due.clone());
                        alert.days_overdue = overdue;
                    }
                    alert.values.insert("version".into(), number.to_string());
                    alert.values.insert(
                        "approvals".into(),
                        format!("{}/{}", standing.approvals, standing.required),
                    );
                    alerts.push(alert);
                }
            }
        }
        if !mine(&doc.owner.who) {
            continue;
        }
        for (decision_key, decision) in &doc.decisions {
            let day = calendar::day_number(&calendar::date_of_ms(decision.at_ms));
            if let (Some(today), Some(day)) = (today_days, day) {
                if today - day > DECISION_DAYS {
                    continue;
                }
            }
            let kind = format!("review_{}", decision.verdict.code());
            let mut alert = Alert::new(
                "designdocs",
                &kind,
                record.clone(),
                doc.title.clone(),
                format!("{record}/decision/{decision_key}"),
            );
            alert.subject = decision.by.name.clone();
            let number = doc.versions.get(&decision.version).map_or(0, |v| v.number);
            alert.values.insert("version".into(), number.to_string());
            if !decision.comment.is_empty() {
                alert
                    .values
                    .insert("comment".into(), decision.comment.clone());
            }
            alerts.push(alert);
        }
    }
    alerts
}
