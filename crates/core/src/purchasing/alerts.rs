//! Purchasing's alert source and search source. Alerts: a request waiting on an approver (for
//! whoever must act next: the account logged in here, or everyone in a workspace with no
//! team), and each status change of the sequence for its requester and whoever the line
//! copies (참조) (submitted, approved,
//! rejected with the reason, changes asked, quotes requested, vendor selected, ordered,
//! received) for two weeks after it. Each has a stable key per status, so a device notifies
//! its user of each change once (`Store::alerts_to_notify`).

use super::request::{PurchaseRequest, Status};
use super::request_index::PurchaseIndex;
use crate::alerts::Alert;
use crate::lifecycle as calendar;
use crate::store::Workspace;

/// How long a status change stays in the requester's alerts.
const STATUS_DAYS: i64 = 14;

/// Who this device's user is in the workspace's rules: the account it is logged in as.
fn me(workspace: &Workspace) -> Option<String> {
    workspace
        .sync_binding()
        .ok()
        .flatten()
        .map(|binding| binding.user_id)
        .filter(|id| !id.is_empty())
}

/// When the request last changed status (the latest fact its status is read from).
fn changed_at_ms(request: &PurchaseRequest) -> i64 {
    let times = request
        .submissions
        .values()
        .map(|s| s.at_ms)
        .chain(request.decisions.values().map(|d| d.at_ms))
        .chain(request.rfqs.values().map(|r| r.at_ms))
        .chain(request.selections.values().map(|s| s.at_ms))
        .chain(request.orders.values().map(|o| o.at_ms))
        .chain(request.receipts.values().map(|r| r.at_ms))
        .chain(request.cancelled.values().map(|c| c.at_ms))
        .chain(request.completed.values().map(|c| c.at_ms));
    times.max().unwrap_or(request.created_at_ms)
}

fn title(request: &PurchaseRequest) -> String {
    format!("{} {}", request.number, request.title)
}

pub(crate) fn source(workspace: &Workspace, today: &str) -> Vec<Alert> {
    let me = me(workspace);
    let today_days = calendar::day_number(&crate::assets::Date(today.to_owned()));
    let index = workspace.indexes().read::<PurchaseIndex>();
    let mut alerts = Vec::new();
    for (id, row) in &index.rows {
        let Some(request) = index.requests.get(id) else {
            continue;
        };
        let record = format!("purchase/{id}");
        // Waiting on an approver: one alert per approver it waits on (their substitute too).
        for waiting in &row.waiting {
            let mine = me
                .as_ref()
                .is_none_or(|me| waiting.acts(me, today).is_some());
            if !mine {
                continue;
            }
            let mut alert = Alert::new(
                "purchasing",
                "approval_waiting",
                record.clone(),
                title(request),
                format!(
                    "purchase/{id}/waiting/{}/{}",
                    waiting.person.who,
                    request.current_step()
                ),
            );
            alert.subject = waiting.person.name.clone();
            if !request.needed_by.is_empty() {
                alert.due = Some(request.needed_by.clone());
            }
            alert
                .values
                .insert("total_krw".into(), row.total_krw.to_string());
            alerts.push(alert);
        }
        // The requester, and whoever the line copies (참조), hear of each status change for
        // two weeks.
        if row.status == Status::Draft {
            continue;
        }
        let changed_day = calendar::day_number(&calendar::date_of_ms(changed_at_ms(request)));
        if let (Some(today), Some(changed)) = (today_days, changed_day) {
            if today - changed > STATUS_DAYS {
                continue;
            }
        }
        for copied in &request.line.cc {
            if me.as_ref().is_some_and(|me| *me != copied.who) {
                continue;
            }
            let mut alert = Alert::new(
                "purchasing",
                "request_copied",
                record.clone(),
                title(request),
                format!("purchase/{id}/cc/{}/{}", copied.who, row.status.code()),
            );
            alert.subject = copied.name.clone();
            alert
                .values
                .insert("status".into(), row.status.code().to_owned());
            alerts.push(alert);
        }
        if me.as_ref().is_some_and(|me| *me != request.requester.who) {
            continue;
        }
        let mut alert = Alert::new(
            "purchasing",
            &format!("request_{}", row.status.code()),
            record.clone(),
            title(request),
            format!("purchase/{id}/status/{}", row.status.code()),
        );
        alert.subject = request.requester.name.clone();
        if let Some(rejection) = request.rejection() {
            alert
                .values
                .insert("reason".into(), rejection.comment.clone());
            alert.values.insert("by".into(), rejection.by.name.clone());
        } else if let Some(changes) = request.open_change_request() {
            alert
                .values
                .insert("reason".into(), changes.comment.clone());
            alert.values.insert("by".into(), changes.by.name.clone());
        }
        alerts.push(alert);
    }
    alerts
}

/// Requests whose number, title, requester or lines hold the words; and vendors' hits come
/// from `index::search_source`.
pub(crate) fn search_source(
    workspace: &Workspace,
    query: &crate::search::SearchQuery,
    hits: &mut crate::search::SearchHits,
) {
    let index = workspace.indexes().read::<PurchaseIndex>();
    for (id, row) in &index.rows {
        let detail = format!(
            "{} · {} · ₩{}",
            row.status.code(),
            row.requester,
            super::request_ops::format_won(row.total_krw)
        );
        if let Some(rank) = query.rank(&row.title, &[&row.number, &row.words]) {
            hits.push(
                rank,
                crate::search::SearchHit {
                    kind: "purchase".into(),
                    record: format!("purchase/{id}"),
                    title: format!("{} {}", row.number, row.title),
                    detail,
                },
            );
        }
    }
}
