//! Commands for cables: the list and one cable, add, edit, status, bulk plans, CSV in and
//! out, tests (with a report file), trace, a device's ports and the label scheme. Printing
//! them is in `commands_labels.rs`. Each decodes, calls core and, after a write, announces
//! the change.

use cloudwright_core::cables::bulk::{BulkPlan, BulkPreview};
use cloudwright_core::cables::edit::CableEdit;
use cloudwright_core::cables::model::{CableEnd, CableKind, CableStatus};
use cloudwright_core::cables::ops::CableDraft;
use cloudwright_core::cables::scheme::{SchemePreview, SchemeView};
use cloudwright_core::cables::testing::TestInput;
use cloudwright_core::cables::views::{
    CablePage, CableQuery, CableRow, PortView, RackChoice, TraceView,
};
use cloudwright_core::{CableId, ItemId, RackId};
use tauri::{AppHandle, State};

use crate::error::CommandError;
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

pub(crate) fn announce(app: &AppHandle, state: &AppState) {
    if let Some(workspace) = state.current() {
        crate::commands_sync::changed_locally(app, workspace.meta().id.to_string());
    }
}

fn cable_id(text: &str) -> Reply<CableId> {
    text.parse()
        .map_err(|_| CommandError::new("not_found", format!("'{text}' is not a cable id")))
}

fn row(state: &AppState, id: CableId) -> Reply<CableRow> {
    state
        .workspace()?
        .cable_row(id)
        .ok_or_else(|| CommandError::new("not_found", format!("no cable {id}")))
}

/// Runs blocking work (large imports, PDFs) off the async runtime's threads.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Reply<T> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|error| CommandError::new("io", error.to_string()))?
}

#[tauri::command]
pub async fn cable_page(state: State<'_, AppState>, query: CableQuery) -> Reply<CablePage> {
    Ok(state.workspace()?.cable_page(&query))
}

#[tauri::command]
pub async fn cable_ids(state: State<'_, AppState>, query: CableQuery) -> Reply<Vec<CableId>> {
    Ok(state.workspace()?.cable_ids(&query))
}

#[tauri::command]
pub async fn cable_get(state: State<'_, AppState>, id: String) -> Reply<CableRow> {
    row(&state, cable_id(&id)?)
}

#[tauri::command]
pub async fn cable_add(
    app: AppHandle,
    state: State<'_, AppState>,
    draft: CableDraft,
) -> Reply<CableRow> {
    let cable =
        state
            .workspace()?
            .add_cable(CableId(ulid::Ulid::new()), &draft, &state.stamp()?)?;
    announce(&app, &state);
    row(&state, cable.id)
}

#[tauri::command]
pub async fn cable_edit(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    edit: CableEdit,
) -> Reply<CableRow> {
    let id = cable_id(&id)?;
    state.workspace()?.edit_cable(id, &edit, &state.stamp()?)?;
    announce(&app, &state);
    row(&state, id)
}

#[tauri::command]
pub async fn cable_status(
    app: AppHandle,
    state: State<'_, AppState>,
    ids: Vec<String>,
    status: CableStatus,
) -> Reply<u32> {
    let ids = ids
        .iter()
        .map(|id| cable_id(id))
        .collect::<Reply<Vec<_>>>()?;
    let changed = state
        .workspace()?
        .set_cable_status(&ids, status, &state.stamp()?)?;
    announce(&app, &state);
    Ok(changed.len() as u32)
}

#[tauri::command]
pub async fn cable_bulk_preview(
    state: State<'_, AppState>,
    plan: BulkPlan,
    kind: CableKind,
    colour: String,
) -> Reply<(BulkPreview, Vec<CableRow>)> {
    let workspace = state.workspace()?;
    let preview = workspace.preview_bulk(&plan, kind, &colour, || CableId(ulid::Ulid::new()));
    let rows = workspace.cable_rows(&preview.cables);
    Ok((preview, rows))
}

#[tauri::command]
pub async fn cable_bulk_commit(
    app: AppHandle,
    state: State<'_, AppState>,
    plan: BulkPlan,
    kind: CableKind,
    colour: String,
) -> Reply<Vec<String>> {
    let cables = state.workspace()?.commit_bulk(
        &plan,
        kind,
        &colour,
        || CableId(ulid::Ulid::new()),
        &state.stamp()?,
    )?;
    announce(&app, &state);
    Ok(cables.iter().map(|cable| cable.id.to_string()).collect())
}

#[tauri::command]
pub async fn cable_import(app: AppHandle, state: State<'_, AppState>, csv: String) -> Reply<u32> {
    let workspace = state.workspace()?;
    let stamp = state.stamp()?;
    let added = blocking(move || {
        Ok(workspace.import_cables_csv(csv.as_bytes(), || CableId(ulid::Ulid::new()), &stamp)?)
    })
    .await?;
    announce(&app, &state);
    Ok(added.len() as u32)
}

#[tauri::command]
pub async fn cable_export(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<crate::ipc::ExportResult> {
    let path = crate::commands::export_path(&app, &state, "cloudwright-cables", "csv")?;
    let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let rows = state
        .workspace()?
        .export_cables_csv(file, true)
        .map_err(|error| CommandError::new("io", error.to_string()))?;
    Ok(crate::ipc::ExportResult {
        path: path.display().to_string(),
        rows: rows as u32,
    })
}

#[tauri::command]
pub async fn cable_test(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: TestInput,
) -> Reply<CableRow> {
    let id = cable_id(&id)?;
    state
        .workspace()?
        .record_cable_test(id, &input, None, &state.stamp()?)?;
    announce(&app, &state);
    row(&state, id)
}

#[derive(serde::Deserialize)]
struct TestMeta {
    id: String,
    input: TestInput,
    name: String,
}

/// Records a test with the tester's report: the body is the report's bytes, the
/// `x-cable-test` header the URI-encoded JSON `{ id, input, name }`.
#[tauri::command]
pub async fn cable_test_with_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Reply<CableRow> {
    let (bytes, meta): (&[u8], TestMeta) =
        crate::commands_sync::raw_with_meta(&request, "x-cable-test")?;
    let id = cable_id(&meta.id)?;
    state.workspace()?.record_cable_test(
        id,
        &meta.input,
        Some((&meta.name, bytes)),
        &state.stamp()?,
    )?;
    announce(&app, &state);
    row(&state, id)
}

#[tauri::command]
pub async fn cable_tests_import(
    app: AppHandle,
    state: State<'_, AppState>,
    csv: String,
) -> Reply<u32> {
    let tested = state
        .workspace()?
        .import_cable_tests_csv(csv.as_bytes(), &state.stamp()?)?;
    announce(&app, &state);
    Ok(tested.len() as u32)
}

#[tauri::command]
pub async fn cable_trace(state: State<'_, AppState>, start: CableEnd) -> Reply<TraceView> {
    Ok(state.workspace()?.cable_trace_view(&start))
}

#[tauri::command]
pub async fn cable_racks(state: State<'_, AppState>) -> Reply<Vec<RackChoice>> {
    Ok(state.workspace()?.rack_choices())
}

#[tauri::command]
pub async fn device_ports(
    state: State<'_, AppState>,
    rack: String,
    placement: String,
) -> Reply<Vec<PortView>> {
    let rack: RackId = rack
        .parse()
        .map_err(|_| CommandError::new("not_found", format!("'{rack}' is not a rack id")))?;
    Ok(state.workspace()?.device_ports(rack, &placement))
}

#[tauri::command]
pub async fn label_scheme(state: State<'_, AppState>) -> Reply<SchemeView> {
    Ok(state.workspace()?.label_scheme())
}

#[tauri::command]
pub async fn label_scheme_preview(
    state: State<'_, AppState>,
    template: String,
) -> Reply<SchemePreview> {
    Ok(state.workspace()?.preview_label_scheme(&template)?)
}

#[tauri::command]
pub async fn label_scheme_set(
    app: AppHandle,
    state: State<'_, AppState>,
    template: String,
) -> Reply<u32> {
    let relabelled = state.workspace()?.set_label_scheme(
        &template,
        ItemId(ulid::Ulid::new()),
        &state.stamp()?,
    )?;
    announce(&app, &state);
    Ok(relabelled)
}
