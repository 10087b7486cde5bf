//! Tauri commands: decode, call core, encode. Writes emit `assets_changed` afterwards.

use cloudwright_core::assets::{
    csv_io, AssetInput, AssetPage, AssetQuery, AssetRow, HistoryEntry, ImportPreview,
};
use cloudwright_core::stamp::UtcTime;
use cloudwright_core::store::WorkspaceMeta;
use cloudwright_core::{AssetId, Author, WorkspaceId};
use tauri::{AppHandle, Manager, State};

use crate::error::CommandError;
use crate::ipc::{AppStateDto, ExportResult, WorkspaceSummary};
use crate::state::{now_ms, AppState};

type Reply<T> = Result<T, CommandError>;

pub(crate) fn summary(workspace: &cloudwright_core::store::Workspace) -> WorkspaceSummary {
    WorkspaceSummary {
        meta: workspace.meta().clone(),
        asset_count: workspace.asset_count() as u32,
    }
}

pub(crate) fn parse_asset_id(id: &str) -> Reply<AssetId> {
    id.parse()
        .map_err(|_| CommandError::new("not_found", format!("'{id}' is not an asset id")))
}

/// Where an exported file goes: the Downloads folder (else the data folder's `exports`),
/// named `{stem}-{time}.{extension}` so exports never overwrite each other.
pub(crate) fn export_path(
    app: &AppHandle,
    state: &AppState,
    stem: &str,
    extension: &str,
) -> Reply<std::path::PathBuf> {
    let folder = app
        .path()
        .download_dir()
        .unwrap_or_else(|_| state.data_dir.join("exports"));
    std::fs::create_dir_all(&folder)?;
    Ok(folder.join(format!(
        "{stem}-{}.{extension}",
        UtcTime::from_ms(now_ms()).compact()
    )))
}

fn announce(app: &AppHandle, workspace: &WorkspaceMeta) {
    crate::commands_sync::changed_locally(app, workspace.id.to_string());
}

#[tauri::command]
pub async fn app_state(state: State<'_, AppState>) -> Reply<AppStateDto> {
    let store = state.store()?;
    let current = state.restore_current()?;
    Ok(AppStateDto {
        data_dir: state.data_dir.display().to_string(),
        language: store
            .setting("language")?
            .unwrap_or_else(|| "ko".to_owned()),
        profile: Some(state.author()?),
        workspaces: store.workspaces()?,
        current: current.map(|workspace| summary(&workspace)),
    })
}

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, language: String) -> Reply<()> {
    if !matches!(language.as_str(), "ko" | "en") {
        return Err(CommandError::new(
            "invalid",
            format!("'{language}' is not a supported language (ko, en)"),
        ));
    }
    Ok(state.store()?.set_setting("language", &language)?)
}

#[tauri::command]
pub async fn set_profile(
    state: State<'_, AppState>,
    name: String,
    initials: String,
) -> Reply<Author> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(CommandError::new(
            "invalid_name",
            "a name must be 1 to 60 characters",
        ));
    }
    let initials: String = initials.trim().chars().take(3).collect();
    let author = if initials.is_empty() {
        Author::from_name(name)
    } else {
        Author::new(name, initials)
    };
    state.store()?.set_profile(&author)?;
    Ok(author)
}

#[tauri::command]
pub async fn workspace_create(state: State<'_, AppState>, name: String) -> Reply<WorkspaceSummary> {
    let store = state.store()?;
    let meta = store.create_workspace(&name, now_ms())?;
    let workspace = store.workspace(&meta.id)?;
    state.set_current(workspace.clone())?;
    Ok(summary(&workspace))
}

#[tauri::command]
pub async fn workspace_open(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Reply<WorkspaceSummary> {
    let id: WorkspaceId = id
        .parse()
        .map_err(|_| CommandError::new("not_found", format!("'{id}' is not a workspace id")))?;
    let workspace = state.store()?.workspace(&id)?;
    state.set_current(workspace.clone())?;
    crate::commands_sync::kick(&app);
    Ok(summary(&workspace))
}

#[tauri::command]
pub async fn asset_query(state: State<'_, AppState>, query: AssetQuery) -> Reply<AssetPage> {
    Ok(state.workspace()?.query_assets(&query))
}

#[tauri::command]
pub async fn asset_get(state: State<'_, AppState>, id: String) -> Reply<AssetRow> {
    Ok(state.workspace()?.asset(&id)?)
}

#[tauri::command]
pub async fn asset_register(
    app: AppHandle,
    state: State<'_, AppState>,
    input: AssetInput,
) -> Reply<AssetRow> {
    let workspace = state.workspace()?;
    let row = workspace.register_asset(AssetId(ulid::Ulid::new()), &input, &state.stamp()?)?;
    announce(&app, workspace.meta());
    Ok(row)
}

#[tauri::command]
pub async fn asset_edit(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: AssetInput,
) -> Reply<AssetRow> {
    let workspace = state.workspace()?;
    let row = workspace.edit_asset(parse_asset_id(&id)?, &input, &state.stamp()?)?;
    announce(&app, workspace.meta());
    Ok(row)
}

#[tauri::command]
pub async fn asset_history(state: State<'_, AppState>, id: String) -> Reply<Vec<HistoryEntry>> {
    Ok(state.workspace()?.asset_history(parse_asset_id(&id)?)?)
}

#[tauri::command]
pub async fn asset_import_preview(state: State<'_, AppState>, csv: String) -> Reply<ImportPreview> {
    Ok(state.workspace()?.preview_import(csv.as_bytes()))
}

#[tauri::command]
pub async fn asset_import_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    csv: String,
) -> Reply<u32> {
    let workspace = state.workspace()?;
    let rows = workspace.import_assets(csv.as_bytes(), &state.stamp()?, || {
        AssetId(ulid::Ulid::new())
    })?;
    announce(&app, workspace.meta());
    Ok(rows.len() as u32)
}

#[tauri::command]
pub async fn asset_export(
    app: AppHandle,
    state: State<'_, AppState>,
    query: AssetQuery,
) -> Reply<ExportResult> {
    let workspace = state.workspace()?;
    let rows = workspace
        .query_assets(&AssetQuery {
            offset: 0,
            limit: 0,
            ..query
        })
        .rows;
    let path = export_path(&app, &state, "cloudwright-assets", "csv")?;
    let file = std::fs::File::create(&path)?;
    csv_io::export(&rows, std::io::BufWriter::new(file), true)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: rows.len() as u32,
    })
}
