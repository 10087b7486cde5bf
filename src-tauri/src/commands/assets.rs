//! The app and its workspaces (state, language, profile, create, open) and the asset register:
//! the list, one asset, register, edit, history, CSV in and out, and attachments.

use cloudwright_core::assets::attachments::AttachmentError;
use cloudwright_core::assets::{
    csv_io, AssetInput, AssetPage, AssetQuery, AssetRow, Attachment, HistoryEntry, ImportPreview,
};
use cloudwright_core::names::{check_name, NameKind};
use cloudwright_core::racks::{LocationReview, LocationSite, NewPlaces};
use cloudwright_core::store::WorkspaceMeta;
use cloudwright_core::sync::FileStateView;
use cloudwright_core::{AssetId, Author, WorkspaceId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    export_folder, export_path, kick, parse_id, summary, CsvArgs, Ctx, ExportResult, IdArgs,
    NoArgs, UiLanguage, WorkspaceSummary,
};
use crate::error::CommandError;
use crate::ipc::{Bytes, Reply};
use crate::state::now_ms;

impl From<AttachmentError> for CommandError {
    fn from(error: AttachmentError) -> Self {
        let message = error.to_string();
        match error {
            AttachmentError::NoName => CommandError::new("attachment_no_name", message),
            AttachmentError::Empty => CommandError::new("attachment_empty", message),
            AttachmentError::TooLarge { .. } => CommandError::new("attachment_too_large", message),
            AttachmentError::Asset(asset) => asset.into(),
            AttachmentError::Store(store) => store.into(),
        }
    }
}

#[derive(Serialize, TS)]
#[ts(export, rename = "AppState")]
pub struct AppStateDto {
    pub data_dir: String,
    /// "ko" or "en"
    pub language: String,
    pub profile: Option<Author>,
    /// Whether the user chose the profile's name; until then it is the operating-system
    /// user's (or the app's name), and a first run asks for it.
    pub profile_chosen: bool,
    /// The operating-system user's name, to offer when the app asks for the user's.
    pub os_user: Option<String>,
    pub workspaces: Vec<WorkspaceMeta>,
    pub current: Option<WorkspaceSummary>,
}

pub fn app_state(cx: &Ctx, _: NoArgs) -> Reply<AppStateDto> {
    let store = cx.store()?;
    let restoring = cx.current().is_none();
    let current = cx.restore_current()?;
    // The sync worker's first pass usually comes before the window asks for this and finds
    // no workspace open: without a kick, a logged-in workspace waited for the quiet
    // interval (30 s) before its first sync after a start.
    if restoring && current.is_some() {
        kick(cx.app());
    }
    Ok(AppStateDto {
        data_dir: cx.data_dir.display().to_string(),
        language: store
            .setting("language")?
            .unwrap_or_else(|| "ko".to_owned()),
        profile: Some(cx.author()?),
        profile_chosen: store.profile()?.is_some(),
        os_user: std::env::var("USER")
            .ok()
            .map(|user| user.trim().to_owned())
            .filter(|user| !user.is_empty() && user != "root"),
        workspaces: store.workspaces()?,
        current: current.map(|workspace| summary(&workspace)),
    })
}

#[derive(Deserialize, TS)]
pub struct SetLanguageArgs {
    language: UiLanguage,
}

pub fn set_language(cx: &Ctx, SetLanguageArgs { language }: SetLanguageArgs) -> Reply<()> {
    Ok(cx.store()?.set_setting("language", language.code())?)
}

#[derive(Deserialize, TS)]
pub struct SetProfileArgs {
    name: String,
    initials: String,
}

pub fn set_profile(cx: &Ctx, SetProfileArgs { name, initials }: SetProfileArgs) -> Reply<Author> {
    let name = check_name(&name, NameKind::Display).map_err(|problem| {
        CommandError::refused(
            "invalid_name",
            problem.to_string(),
            vec![problem.problem("name")],
        )
    })?;
    let name = name.as_str();
    let initials: String = initials.trim().chars().take(3).collect();
    let author = if initials.is_empty() {
        Author::from_name(name)
    } else {
        Author::new(name, initials)
    };
    cx.store()?.set_profile(&author)?;
    Ok(author)
}

#[derive(Deserialize, TS)]
pub struct WorkspaceCreateArgs {
    name: String,
}

pub fn workspace_create(
    cx: &Ctx,
    WorkspaceCreateArgs { name }: WorkspaceCreateArgs,
) -> Reply<WorkspaceSummary> {
    let store = cx.store()?;
    let meta = store.create_workspace(&name, now_ms())?;
    let workspace = store.workspace(&meta.id)?;
    cx.set_current(workspace.clone())?;
    Ok(summary(&workspace))
}

#[derive(Deserialize, TS)]
pub struct WorkspaceCreateSampleArgs {
    /// The sample's name in the user's language; a number is added when it is taken.
    name: String,
}

#[derive(Serialize, TS)]
pub struct SampleCreated {
    pub workspace: WorkspaceSummary,
    pub counts: cloudwright_core::sample::SampleCounts,
}

/// A first run's sample workspace (`sample::SamplePlan::FIRST_RUN`: 2,000 assets, a room of 20
/// racks, 1,022 cables), opened once written.
pub fn workspace_create_sample(
    cx: &Ctx,
    WorkspaceCreateSampleArgs { name }: WorkspaceCreateSampleArgs,
) -> Reply<SampleCreated> {
    let store = cx.store()?;
    let taken: Vec<String> = store
        .workspaces()?
        .into_iter()
        .map(|meta| meta.name)
        .collect();
    let name = std::iter::once(name.trim().to_owned())
        .chain((2..).map(|n| format!("{} {n}", name.trim())))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_default();
    let meta = store.create_workspace(&name, now_ms())?;
    let workspace = store.workspace(&meta.id)?;
    let made = cloudwright_core::sample::generate(
        &workspace,
        &cloudwright_core::sample::SamplePlan::FIRST_RUN,
        &cx.stamp()?,
    )?;
    cx.set_current(workspace.clone())?;
    Ok(SampleCreated {
        workspace: summary(&workspace),
        counts: made.counts(),
    })
}

pub fn workspace_open(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<WorkspaceSummary> {
    let id: WorkspaceId = parse_id("a workspace", &id)?;
    let workspace = cx.store()?.workspace(&id)?;
    cx.set_current(workspace.clone())?;
    kick(cx.app());
    Ok(summary(&workspace))
}

#[derive(Deserialize, TS)]
pub struct AssetQueryArgs {
    query: AssetQuery,
}

pub fn asset_query(cx: &Ctx, AssetQueryArgs { query }: AssetQueryArgs) -> Reply<AssetPage> {
    Ok(cx.workspace()?.query_assets(&query))
}

pub fn asset_get(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<AssetRow> {
    Ok(cx.workspace()?.asset(&id)?)
}

#[derive(Deserialize, TS)]
pub struct AssetRegisterArgs {
    input: AssetInput,
}

/// Registers an asset; its location must name the workspace's places (the form picks them).
pub fn asset_register(cx: &Ctx, AssetRegisterArgs { input }: AssetRegisterArgs) -> Reply<AssetRow> {
    let id = AssetId(ulid::Ulid::new());
    let saved = cx
        .workspace()?
        .register_asset_at(id, &input, NewPlaces::Refuse, &cx.stamp()?)?;
    Ok(saved.row)
}

#[derive(Deserialize, TS)]
pub struct AssetEditArgs {
    id: String,
    input: AssetInput,
}

pub fn asset_edit(cx: &Ctx, AssetEditArgs { id, input }: AssetEditArgs) -> Reply<AssetRow> {
    let id = parse_id("an asset", &id)?;
    let saved = cx
        .workspace()?
        .edit_asset_at(id, &input, NewPlaces::Refuse, &cx.stamp()?)?;
    Ok(saved.row)
}

/// The places an asset's location may name, for the form's pickers.
pub fn asset_location_choices(cx: &Ctx, _: NoArgs) -> Reply<Vec<LocationSite>> {
    Ok(cx.workspace()?.location_choices())
}

/// The places made from older free-text locations, and the locations naming none.
pub fn location_review(cx: &Ctx, _: NoArgs) -> Reply<LocationReview> {
    Ok(cx.workspace()?.location_review()?)
}

pub fn asset_history(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<Vec<HistoryEntry>> {
    Ok(cx.workspace()?.asset_history(parse_id("an asset", &id)?)?)
}

pub fn asset_import_preview(cx: &Ctx, CsvArgs { csv, options }: CsvArgs) -> Reply<ImportPreview> {
    Ok(cx.workspace()?.preview_import(csv.as_bytes(), options))
}

pub fn asset_import_apply(cx: &Ctx, CsvArgs { csv, options }: CsvArgs) -> Reply<u32> {
    let rows = cx
        .workspace()?
        .import_assets(csv.as_bytes(), options, &cx.stamp()?, || {
            AssetId(ulid::Ulid::new())
        })?;
    Ok(rows.len() as u32)
}

/// Every asset the query matches (all pages) as CSV, where exports go.
pub fn asset_export(cx: &Ctx, AssetQueryArgs { query }: AssetQueryArgs) -> Reply<ExportResult> {
    let rows = cx
        .workspace()?
        .query_assets(&AssetQuery {
            offset: 0,
            limit: 0,
            ..query
        })
        .rows;
    let path = export_path(cx, "cloudwright-assets", "csv")?;
    let file = std::fs::File::create(&path)?;
    csv_io::export(&rows, std::io::BufWriter::new(file), true)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: rows.len() as u32,
    })
}

pub fn asset_attachments(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<Vec<Attachment>> {
    Ok(cx
        .workspace()?
        .asset_attachments(parse_id("an asset", &id)?)?)
}

/// What an attached file is; its bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct AssetAttachArgs {
    // The asset's id.
    id: String,
    name: String,
    mime: String,
}

pub fn asset_attach(
    cx: &Ctx,
    AssetAttachArgs { id, name, mime }: AssetAttachArgs,
    bytes: &[u8],
) -> Reply<Attachment> {
    Ok(cx.workspace()?.attach_to_asset(
        parse_id("an asset", &id)?,
        &name,
        &mime,
        bytes,
        &cx.stamp()?,
    )?)
}

#[derive(Deserialize, TS)]
pub struct AttachmentBytesArgs {
    sha256: String,
}

/// The bytes of a file (for image previews), or `not_synced_yet` while it is on its way.
pub fn attachment_bytes(
    cx: &Ctx,
    AttachmentBytesArgs { sha256 }: AttachmentBytesArgs,
) -> Reply<Bytes> {
    Ok(Bytes(file_bytes(cx, &sha256)?))
}

/// Whether a file a record names is here, on its way (a synced record names it and the next
/// sync fetches it) or unknown here; reads no bytes. Screens show a file's name and 저장 by it.
pub fn file_state(
    cx: &Ctx,
    AttachmentBytesArgs { sha256 }: AttachmentBytesArgs,
) -> Reply<FileStateView> {
    Ok(cx.workspace()?.file_presence(&sha256)?)
}

fn file_bytes(cx: &Ctx, sha256: &str) -> Reply<Vec<u8>> {
    cx.workspace()?.blob(sha256)?.ok_or_else(|| {
        CommandError::new(
            "not_synced_yet",
            "this file has not arrived on this device yet",
        )
    })
}

#[derive(Deserialize, TS)]
pub struct AttachmentSaveArgs {
    sha256: String,
    name: String,
}

/// Saves an attachment where exports go, under its own name (made unique).
pub fn attachment_save(
    cx: &Ctx,
    AttachmentSaveArgs { sha256, name }: AttachmentSaveArgs,
) -> Reply<ExportResult> {
    let bytes = file_bytes(cx, &sha256)?;
    let folder = export_folder(cx)?;
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = if clean.trim().is_empty() {
        "attachment".to_owned()
    } else {
        clean
    };
    let mut path = folder.join(&clean);
    let mut n = 2;
    while path.exists() {
        let (stem, ext) = match clean.rsplit_once('.') {
            Some((stem, ext)) => (stem.to_owned(), format!(".{ext}")),
            None => (clean.clone(), String::new()),
        };
        path = folder.join(format!("{stem} ({n}){ext}"));
        n += 1;
    }
    std::fs::write(&path, &bytes)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: 1,
    })
}
