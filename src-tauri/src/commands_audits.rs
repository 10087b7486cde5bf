//! Commands for floor audits: the list, start, the checklist view, scan, marks by hand,
//! registering what was not in the register, photos (raw bytes), close, the discrepancy list,
//! applying corrections, and the report PDF. Each decodes, calls core and, after a write,
//! announces the change.

use cloudwright_core::assets::{AssetInput, AssetRow};
use cloudwright_core::audits::{
    ApplyReport, AuditError, AuditScope, AuditSummary, AuditView, Discrepancy, ItemFilter,
    MarkInput, ScanAnswer,
};
use tauri::{AppHandle, State};

use crate::commands_cables::{announce, blocking};
use crate::error::CommandError;
use crate::ipc::ExportResult;
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

impl From<AuditError> for CommandError {
    fn from(error: AuditError) -> Self {
        let message = error.to_string();
        let kind = match error {
            AuditError::Asset(asset) => return asset.into(),
            AuditError::Store(store) => return store.into(),
            AuditError::NotFound(_) => "not_found",
            AuditError::NoName => "audit_no_name",
            AuditError::NoScope => "audit_no_scope",
            AuditError::BadFilter(_) => "audit_bad_filter",
            AuditError::Closed => "audit_closed",
            AuditError::NotClosed => "audit_not_closed",
            AuditError::NoSuchItem(_) => "audit_no_such_item",
            AuditError::BadOutcome(_) => "audit_bad_outcome",
            AuditError::PlaceRequired => "audit_place_required",
            AuditError::StatusRequired(_) => "audit_status_required",
            AuditError::BadPhoto(_) => "audit_bad_photo",
            AuditError::EmptyCode => "audit_empty_code",
        };
        CommandError::new(kind, message)
    }
}

#[tauri::command]
pub async fn audit_list(state: State<'_, AppState>) -> Reply<Vec<AuditSummary>> {
    Ok(state.workspace()?.audits())
}

#[tauri::command]
pub async fn audit_start(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    scope: AuditScope,
) -> Reply<AuditSummary> {
    let summary =
        state
            .workspace()?
            .start_audit(ulid::Ulid::new(), &name, scope, &state.stamp()?)?;
    announce(&app, &state);
    Ok(summary)
}

#[tauri::command]
pub async fn audit_view(
    state: State<'_, AppState>,
    id: String,
    filter: ItemFilter,
    limit: u32,
) -> Reply<AuditView> {
    Ok(state.workspace()?.audit_view(&id, filter, limit)?)
}

#[tauri::command]
pub async fn audit_scan(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    code: String,
) -> Reply<ScanAnswer> {
    let answer = state.workspace()?.audit_scan(&id, &code, &state.stamp()?)?;
    announce(&app, &state);
    Ok(answer)
}

#[tauri::command]
pub async fn audit_mark(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: MarkInput,
) -> Reply<AuditSummary> {
    let summary = state
        .workspace()?
        .audit_mark(&id, &input, &state.stamp()?)?;
    announce(&app, &state);
    Ok(summary)
}

#[tauri::command]
pub async fn audit_register(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: AssetInput,
) -> Reply<AssetRow> {
    let row = state.workspace()?.audit_register(
        &id,
        cloudwright_core::AssetId(ulid::Ulid::new()),
        &input,
        &state.stamp()?,
    )?;
    announce(&app, &state);
    Ok(row)
}

#[derive(serde::Deserialize)]
struct PhotoMeta {
    id: String,
    item: String,
}

/// A photo of an item: the body is the image's bytes, the `x-audit-photo` header the
/// URI-encoded JSON `{ id, item }`.
#[tauri::command]
pub async fn audit_photo(
    app: AppHandle,
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Reply<String> {
    let (bytes, meta): (&[u8], PhotoMeta) =
        crate::commands_sync::raw_with_meta(&request, "x-audit-photo")?;
    let sha = state
        .workspace()?
        .add_audit_photo(&meta.id, &meta.item, bytes, &state.stamp()?)?;
    announce(&app, &state);
    Ok(sha)
}

#[tauri::command]
pub async fn audit_close(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Reply<Vec<Discrepancy>> {
    let list = state.workspace()?.close_audit(&id, &state.stamp()?)?;
    announce(&app, &state);
    Ok(list)
}

#[tauri::command]
pub async fn audit_discrepancies(
    state: State<'_, AppState>,
    id: String,
) -> Reply<Vec<Discrepancy>> {
    Ok(state.workspace()?.audit_discrepancies(&id)?)
}

#[tauri::command]
pub async fn audit_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    only: Option<Vec<String>>,
) -> Reply<ApplyReport> {
    let workspace = state.workspace()?;
    let stamp = state.stamp()?;
    let report = blocking(move || Ok(workspace.apply_audit(&id, only.as_deref(), &stamp)?)).await?;
    announce(&app, &state);
    Ok(report)
}

#[tauri::command]
pub async fn audit_report_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Reply<ExportResult> {
    let workspace = state.workspace()?;
    let language = crate::commands_racks::print_language(&state)?;
    let generated = crate::commands_racks::generated_line(&state)?;
    let summary = workspace
        .audits()
        .into_iter()
        .find(|a| a.audit.id == id)
        .ok_or_else(|| CommandError::new("not_found", format!("no audit {id}")))?;
    let list = workspace.audit_discrepancies(&id)?;
    let rows = list.len() as u32;
    let bytes = blocking(move || {
        cloudwright_print::audit_report::audit_report_pdf(
            &workspace.meta().name,
            &summary,
            &list,
            language,
            &generated,
        )
        .map_err(|error| CommandError::new("print", error.to_string()))
    })
    .await?;
    crate::commands_racks::save_pdf(&app, &state, "cloudwright-audit", &bytes, rows)
}

#[tauri::command]
pub async fn audit_schedules(
    state: State<'_, AppState>,
) -> Reply<Vec<cloudwright_core::lifecycle::alerts::ScheduleView>> {
    Ok(state.workspace()?.audit_schedule_views())
}

#[tauri::command]
pub async fn audit_schedule_set(
    app: AppHandle,
    state: State<'_, AppState>,
    site: String,
    room: String,
    every_months: u32,
    start: String,
) -> Reply<cloudwright_core::lifecycle::AuditSchedule> {
    let schedule = state.workspace()?.set_audit_schedule(
        ulid::Ulid::new(),
        &site,
        &room,
        every_months,
        &start,
        &state.stamp()?,
    )?;
    announce(&app, &state);
    Ok(schedule)
}
