//! Commands for an asset's life: assignment and return, maintenance, disposal with the data
//! wipe (its report as raw bytes), maintenance plans, alerts, a person's assignments, and the
//! alerts not yet notified on the desktop. `today` is the user's local date, sent by the UI.
//! Each decodes, calls core and, after a write, announces the change.

use cloudwright_core::assets::{AssetRow, Date};
use cloudwright_core::lifecycle::plans::PlanInput;
use cloudwright_core::lifecycle::rules::{
    AssignInput, DisposalDecisionInput, DisposalRequestInput, DisposeInput, FinishMaintenanceInput,
    MaintenanceInput, ReturnInput, WipeInput,
};
use cloudwright_core::lifecycle::{
    Alert, AssetLife, MaintenancePlan, PersonAssignment, PlanDue, Step,
};
use tauri::{AppHandle, State};

use crate::commands_cables::announce;
use crate::error::CommandError;
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

fn day(text: &str) -> Reply<Date> {
    cloudwright_core::assets::input::parse_date(text)
        .ok_or_else(|| CommandError::new("invalid", format!("'{text}' is not a date")))
}

fn take_step(
    app: &AppHandle,
    state: &AppState,
    id: &str,
    today: &str,
    step: Step,
) -> Reply<AssetRow> {
    let row =
        state
            .workspace()?
            .life_step(id, step, ulid::Ulid::new(), &day(today)?, &state.stamp()?)?;
    announce(app, state);
    Ok(row)
}

#[tauri::command]
pub async fn life_get(state: State<'_, AppState>, id: String) -> Reply<AssetLife> {
    Ok(state.workspace()?.asset_life(&id)?)
}

#[tauri::command]
pub async fn life_assign(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    today: String,
    input: AssignInput,
) -> Reply<AssetRow> {
    take_step(&app, &state, &id, &today, Step::Assign(&input))
}

#[tauri::command]
pub async fn life_return(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    today: String,
    input: ReturnInput,
) -> Reply<AssetRow> {
    take_step(&app, &state, &id, &today, Step::Return(&input))
}

#[tauri::command]
pub async fn life_maintain(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    today: String,
    input: MaintenanceInput,
) -> Reply<AssetRow> {
    take_step(&app, &state, &id, &today, Step::Maintain(&input))
}

#[tauri::command]
pub async fn life_maintenance_finish(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    today: String,
    input: FinishMaintenanceInput,
) -> Reply<AssetRow> {
    take_step(&app, &state, &id, &today, Step::FinishMaintenance(&input))
}

#[tauri::command]
pub async fn life_disposal_request(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    today: String,
    input: DisposalRequestInput,
) -> Reply<AssetRow> {
    take_step(&app, &state, &id, &today, Step::RequestDisposal(&input))
}

#[tauri::command]
pub async fn life_disposal_decide(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    today: String,
    input: DisposalDecisionInput,
) -> Reply<AssetRow> {
    take_step(&app, &state, &id, &today, Step::DecideDisposal(&input))
}

#[tauri::command]
pub async fn life_wipe(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    today: String,
    input: WipeInput,
) -> Reply<AssetRow> {
    take_step(&app, &state, &id, &today, Step::Wipe(&input, None))
}

#[derive(serde::Deserialize)]
struct WipeMeta {
    id: String,
    today: String,
    input: WipeInput,
    name: String,
}

/// Records the wipe with its report: the body is the report's bytes, the `x-wipe` header the
/// URI-encoded JSON `{ id, today, input, name }`.
#[tauri::command]
pub async fn life_wipe_with_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Reply<AssetRow> {
    let (bytes, meta): (&[u8], WipeMeta) = crate::commands_sync::raw_with_meta(&request, "x-wipe")?;
    let step = Step::Wipe(&meta.input, Some((&meta.name, bytes)));
    take_step(&app, &state, &meta.id, &meta.today, step)
}

#[tauri::command]
pub async fn life_dispose(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    today: String,
    input: DisposeInput,
) -> Reply<AssetRow> {
    take_step(&app, &state, &id, &today, Step::Dispose(&input))
}

#[tauri::command]
pub async fn life_alerts(state: State<'_, AppState>, today: String) -> Reply<Vec<Alert>> {
    Ok(state.workspace()?.alerts(&day(&today)?))
}

#[tauri::command]
pub async fn life_assigned(
    state: State<'_, AppState>,
    name: String,
) -> Reply<Vec<PersonAssignment>> {
    Ok(state.workspace()?.assigned_to(&name))
}

#[tauri::command]
pub async fn life_assignees(state: State<'_, AppState>) -> Reply<Vec<String>> {
    Ok(state.workspace()?.assignees())
}

#[tauri::command]
pub async fn plan_list(state: State<'_, AppState>) -> Reply<Vec<PlanDue>> {
    Ok(state.workspace()?.plan_dues())
}

#[tauri::command]
pub async fn plan_add(
    app: AppHandle,
    state: State<'_, AppState>,
    input: PlanInput,
) -> Reply<MaintenancePlan> {
    let plan =
        state
            .workspace()?
            .add_maintenance_plan(ulid::Ulid::new(), &input, &state.stamp()?)?;
    announce(&app, &state);
    Ok(plan)
}

#[tauri::command]
pub async fn plan_edit(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: PlanInput,
    active: bool,
) -> Reply<MaintenancePlan> {
    let plan = state
        .workspace()?
        .edit_maintenance_plan(&id, &input, active, &state.stamp()?)?;
    announce(&app, &state);
    Ok(plan)
}

/// The setting that remembers which alerts of a workspace were notified (local to this
/// device's store, never in a document: another person's laptop notifies its own user).
fn notified_key(state: &AppState) -> Reply<String> {
    Ok(format!("notified/{}", state.workspace()?.meta().id))
}

/// The alerts of `today` not notified before, which it then remembers as notified. Only
/// the keys of today's alerts are kept, so the list stays as long as the alert list.
#[tauri::command]
pub async fn alerts_to_notify(state: State<'_, AppState>, today: String) -> Reply<Vec<Alert>> {
    let alerts = state.workspace()?.alerts(&day(&today)?);
    let key = notified_key(&state)?;
    let store = state.store()?;
    let before: Vec<String> = store
        .setting(&key)?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let fresh: Vec<Alert> = alerts
        .iter()
        .filter(|alert| !before.contains(&alert.key))
        .cloned()
        .collect();
    let keys: Vec<&str> = alerts.iter().map(|alert| alert.key.as_str()).collect();
    let text =
        serde_json::to_string(&keys).map_err(|error| CommandError::new("io", error.to_string()))?;
    store.set_setting(&key, &text)?;
    Ok(fresh)
}

/// Shows a desktop notification (the UI writes the text in the user's language).
#[tauri::command]
pub async fn desktop_notify(title: String, body: String) -> Reply<()> {
    crate::os::notify(&title, &body);
    Ok(())
}

/// The certificate of disposal of one batch, as a PDF file where exports go.
#[tauri::command]
pub async fn disposal_certificate_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    batch: String,
) -> Reply<crate::ipc::ExportResult> {
    use cloudwright_print::disposal_certificate::{batch_lines, disposal_certificate_pdf};
    let workspace = state.workspace()?;
    let language = crate::commands_racks::print_language(&state)?;
    let generated = crate::commands_racks::generated_line(&state)?;
    let assets = batch_lines(&workspace, &batch)?.len() as u32;
    let bytes = crate::commands_cables::blocking(move || {
        Ok(disposal_certificate_pdf(
            &workspace, &batch, language, &generated,
        )?)
    })
    .await?;
    crate::commands_racks::save_pdf(&app, &state, "cloudwright-disposal", &bytes, assets)
}
