//! Commands for sites, rooms, the floor plan, racks, placements and the device catalogue.
//! Each decodes, calls one core function and, after a write, announces the change (which
//! refreshes every open view and lets the sync worker push it).

use cloudwright_core::racks::catalogue::{self, DeviceTypeInput};
use cloudwright_core::racks::model::{Aisle, FloorObject, Reservation};
use cloudwright_core::racks::views::SiteNode;
use cloudwright_core::racks::{
    CheckItem, DeviceType, Face, InstallStatus, PlaceRequest, RackError, RackSpec, RackView,
    Resolution, Room, RoomInput, RoomView, Site, SiteInput, WhatIf,
};
use cloudwright_core::stamp::UtcTime;
use cloudwright_core::{DeviceTypeId, ItemId, RackId, RoomId, SiteId};
use cloudwright_print::racks::{power_and_cooling, rack_pack, Language};
use tauri::{AppHandle, State};

use crate::error::CommandError;
use crate::ipc::ExportResult;
use crate::state::AppState;

type Reply<T> = Result<T, CommandError>;

fn announce(app: &AppHandle, state: &AppState) {
    if let Some(workspace) = state.current() {
        crate::commands_sync::changed_locally(app, workspace.meta().id.to_string());
    }
}

fn parse<T: std::str::FromStr>(what: &str, text: &str) -> Reply<T> {
    text.parse()
        .map_err(|_| CommandError::new("not_found", format!("'{text}' is not a {what} id")))
}

fn new_item() -> ItemId {
    ItemId(ulid::Ulid::new())
}

#[tauri::command]
pub async fn places_tree(state: State<'_, AppState>) -> Reply<Vec<SiteNode>> {
    Ok(state.workspace()?.places_tree())
}

#[tauri::command]
pub async fn site_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: Option<String>,
    input: SiteInput,
) -> Reply<Site> {
    let id = match id {
        Some(text) => parse::<SiteId>("site", &text)?,
        None => SiteId(ulid::Ulid::new()),
    };
    let site = state.workspace()?.save_site(id, &input, &state.stamp()?)?;
    announce(&app, &state);
    Ok(site)
}

#[tauri::command]
pub async fn room_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: Option<String>,
    input: RoomInput,
) -> Reply<Room> {
    let id = match id {
        Some(text) => parse::<RoomId>("room", &text)?,
        None => RoomId(ulid::Ulid::new()),
    };
    let room = state.workspace()?.save_room(id, &input, &state.stamp()?)?;
    announce(&app, &state);
    Ok(room)
}

#[tauri::command]
pub async fn room_view(state: State<'_, AppState>, id: String) -> Reply<RoomView> {
    Ok(state.workspace()?.room_view(parse("room", &id)?)?)
}

#[tauri::command]
pub async fn room_object_put(
    app: AppHandle,
    state: State<'_, AppState>,
    room: String,
    id: Option<String>,
    object: FloorObject,
) -> Reply<Room> {
    let item = match id {
        Some(text) => parse::<ItemId>("floor object", &text)?,
        None => new_item(),
    };
    let room = state.workspace()?.put_floor_object(
        parse("room", &room)?,
        item,
        object,
        &state.stamp()?,
    )?;
    announce(&app, &state);
    Ok(room)
}

#[tauri::command]
pub async fn room_object_remove(
    app: AppHandle,
    state: State<'_, AppState>,
    room: String,
    id: String,
) -> Reply<Room> {
    let room =
        state
            .workspace()?
            .remove_floor_object(parse("room", &room)?, &id, &state.stamp()?)?;
    announce(&app, &state);
    Ok(room)
}

#[tauri::command]
pub async fn room_row_put(
    app: AppHandle,
    state: State<'_, AppState>,
    room: String,
    id: Option<String>,
    name: String,
) -> Reply<Room> {
    let item = match id {
        Some(text) => parse::<ItemId>("row", &text)?,
        None => new_item(),
    };
    let room =
        state
            .workspace()?
            .put_rack_row(parse("room", &room)?, item, &name, &state.stamp()?)?;
    announce(&app, &state);
    Ok(room)
}

/// Replaces the room's hot and cold aisles.
#[tauri::command]
pub async fn room_aisles_set(
    app: AppHandle,
    state: State<'_, AppState>,
    room: String,
    aisles: Vec<Aisle>,
) -> Reply<Room> {
    let room = state
        .workspace()?
        .set_aisles(parse("room", &room)?, aisles, &state.stamp()?)?;
    announce(&app, &state);
    Ok(room)
}

#[tauri::command]
pub async fn rack_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: Option<String>,
    spec: RackSpec,
) -> Reply<RackView> {
    let id = match id {
        Some(text) => parse::<RackId>("rack", &text)?,
        None => RackId(ulid::Ulid::new()),
    };
    let workspace = state.workspace()?;
    workspace.save_rack(id, &spec, &state.stamp()?)?;
    announce(&app, &state);
    Ok(workspace.rack_view(id)?)
}

#[tauri::command]
pub async fn rack_view(state: State<'_, AppState>, id: String) -> Reply<RackView> {
    Ok(state.workspace()?.rack_view(parse("rack", &id)?)?)
}

#[tauri::command]
pub async fn row_view(
    state: State<'_, AppState>,
    room: String,
    row: String,
) -> Reply<Vec<RackView>> {
    Ok(state.workspace()?.row_view(parse("room", &room)?, &row)?)
}

#[tauri::command]
pub async fn device_types(state: State<'_, AppState>) -> Reply<Vec<DeviceType>> {
    Ok(state.workspace()?.device_types())
}

/// Imports device types from YAML (NetBox library shape) or CSV: all of them or none.
#[tauri::command]
pub async fn device_types_import(
    app: AppHandle,
    state: State<'_, AppState>,
    text: String,
    format: String,
) -> Reply<Vec<DeviceType>> {
    let parsed = match format.as_str() {
        "csv" => catalogue::parse_csv(&text),
        _ => catalogue::parse_yaml(&text),
    };
    let inputs: Vec<DeviceTypeInput> =
        parsed.map_err(|problem| RackError::Catalogue(vec![problem]))?;
    let ids: Vec<DeviceTypeId> = inputs
        .iter()
        .map(|_| DeviceTypeId(ulid::Ulid::new()))
        .collect();
    let added = state
        .workspace()?
        .import_device_types(&inputs, &ids, &state.stamp()?)?;
    announce(&app, &state);
    Ok(added)
}

/// The budget and rules a drop would meet, for the editor to show while dragging.
#[tauri::command]
pub async fn rack_what_if(
    state: State<'_, AppState>,
    rack: String,
    moving: Option<String>,
    request: PlaceRequest,
) -> Reply<WhatIf> {
    Ok(state
        .workspace()?
        .what_if(parse("rack", &rack)?, moving.as_deref(), &request)?)
}

/// Places a device; `id` reuses a placement id (redo after undo keeps the same one).
#[tauri::command]
pub async fn rack_place(
    app: AppHandle,
    state: State<'_, AppState>,
    rack: String,
    id: Option<String>,
    request: PlaceRequest,
) -> Reply<RackView> {
    let workspace = state.workspace()?;
    let item = match id {
        Some(text) => parse::<ItemId>("placement", &text)?,
        None => new_item(),
    };
    let id = parse("rack", &rack)?;
    workspace.place_device(id, item, &request, &state.stamp()?)?;
    announce(&app, &state);
    Ok(workspace.rack_view(id)?)
}

#[tauri::command]
pub async fn rack_move(
    app: AppHandle,
    state: State<'_, AppState>,
    from: String,
    placement: String,
    to: String,
    bottom_hu: Option<u32>,
    face: Face,
) -> Reply<RackView> {
    let workspace = state.workspace()?;
    let to = parse("rack", &to)?;
    workspace.move_placement(
        parse("rack", &from)?,
        &placement,
        to,
        bottom_hu,
        face,
        &state.stamp()?,
    )?;
    announce(&app, &state);
    Ok(workspace.rack_view(to)?)
}

#[tauri::command]
pub async fn rack_remove(
    app: AppHandle,
    state: State<'_, AppState>,
    rack: String,
    placement: String,
) -> Reply<RackView> {
    let workspace = state.workspace()?;
    let id = parse("rack", &rack)?;
    workspace.remove_placement(id, &placement, &state.stamp()?)?;
    announce(&app, &state);
    Ok(workspace.rack_view(id)?)
}

#[tauri::command]
pub async fn rack_reserve(
    app: AppHandle,
    state: State<'_, AppState>,
    rack: String,
    bottom_hu: u32,
    height_hu: u32,
    reason: String,
) -> Reply<RackView> {
    let workspace = state.workspace()?;
    let id = parse("rack", &rack)?;
    let stamp = state.stamp()?;
    let reservation = Reservation {
        bottom_hu,
        height_hu,
        reason,
        by: stamp.author.name.clone(),
    };
    workspace.reserve_units(id, new_item(), reservation, &stamp)?;
    announce(&app, &state);
    Ok(workspace.rack_view(id)?)
}

#[tauri::command]
pub async fn rack_release(
    app: AppHandle,
    state: State<'_, AppState>,
    rack: String,
    id: String,
) -> Reply<RackView> {
    let workspace = state.workspace()?;
    let rack = parse("rack", &rack)?;
    workspace.release_reservation(rack, &id, &state.stamp()?)?;
    announce(&app, &state);
    Ok(workspace.rack_view(rack)?)
}

#[tauri::command]
pub async fn placement_check(
    app: AppHandle,
    state: State<'_, AppState>,
    rack: String,
    placement: String,
    item: CheckItem,
    done: bool,
    note: String,
) -> Reply<RackView> {
    let workspace = state.workspace()?;
    let rack = parse("rack", &rack)?;
    workspace.set_check(rack, &placement, item, done, &note, &state.stamp()?)?;
    announce(&app, &state);
    Ok(workspace.rack_view(rack)?)
}

#[tauri::command]
pub async fn placement_status(
    app: AppHandle,
    state: State<'_, AppState>,
    rack: String,
    placement: String,
    status: InstallStatus,
) -> Reply<RackView> {
    let workspace = state.workspace()?;
    let rack = parse("rack", &rack)?;
    workspace.set_install_status(rack, &placement, status, &state.stamp()?)?;
    announce(&app, &state);
    Ok(workspace.rack_view(rack)?)
}

#[tauri::command]
pub async fn placement_edit(
    app: AppHandle,
    state: State<'_, AppState>,
    rack: String,
    placement: String,
    label: String,
    leg: Option<u8>,
    notes: String,
) -> Reply<RackView> {
    let workspace = state.workspace()?;
    let rack = parse("rack", &rack)?;
    workspace.edit_placement(rack, &placement, &label, leg, &notes, &state.stamp()?)?;
    announce(&app, &state);
    Ok(workspace.rack_view(rack)?)
}

#[tauri::command]
pub async fn rack_resolve(
    app: AppHandle,
    state: State<'_, AppState>,
    resolution: Resolution,
) -> Reply<()> {
    state
        .workspace()?
        .resolve_rack_invariant(&resolution, &state.stamp()?)?;
    announce(&app, &state);
    Ok(())
}

/// The language printed pages are in: the UI's.
pub(crate) fn print_language(state: &AppState) -> Reply<Language> {
    let code = state.store()?.setting("language")?;
    Ok(match code.as_deref() {
        Some("en") => Language::English,
        _ => Language::Korean,
    })
}

/// Writes a PDF where exports go (see `commands::export_path`) and says where.
pub(crate) fn save_pdf(
    app: &AppHandle,
    state: &AppState,
    stem: &str,
    bytes: &[u8],
    pages: u32,
) -> Reply<ExportResult> {
    let path = crate::commands::export_path(app, state, stem, "pdf")?;
    std::fs::write(&path, bytes)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: pages,
    })
}

pub(crate) fn generated_line(state: &AppState) -> Reply<String> {
    let stamp = state.stamp()?;
    Ok(format!(
        "{} · {}",
        UtcTime::from_ms(stamp.at_ms),
        stamp.author.name
    ))
}

/// The elevation pack of the given racks (one page each), as a PDF file.
#[tauri::command]
pub async fn report_racks_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    racks: Vec<String>,
) -> Reply<ExportResult> {
    let ids = racks
        .iter()
        .map(|id| parse::<RackId>("rack", id))
        .collect::<Reply<Vec<_>>>()?;
    let workspace = state.workspace()?;
    let language = print_language(&state)?;
    let generated = generated_line(&state)?;
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        rack_pack(&workspace, &ids, language, &generated)
    })
    .await
    .map_err(|error| CommandError::new("io", error.to_string()))??;
    save_pdf(
        &app,
        &state,
        "cloudwright-racks",
        &bytes,
        racks.len() as u32,
    )
}

/// The power and cooling report of every room, as a PDF file.
#[tauri::command]
pub async fn report_power_pdf(app: AppHandle, state: State<'_, AppState>) -> Reply<ExportResult> {
    let workspace = state.workspace()?;
    let language = print_language(&state)?;
    let generated = generated_line(&state)?;
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        power_and_cooling(&workspace, language, &generated)
    })
    .await
    .map_err(|error| CommandError::new("io", error.to_string()))??;
    save_pdf(&app, &state, "cloudwright-power", &bytes, 0)
}

#[derive(serde::Deserialize)]
struct PhotoMeta {
    rack: String,
    placement: String,
}

/// Adds a photo to a placement: the body is the image's bytes, the `x-photo` header the
/// URI-encoded JSON `{ rack, placement }`.
#[tauri::command]
pub async fn placement_photo(
    app: AppHandle,
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Reply<RackView> {
    let (bytes, meta): (&[u8], PhotoMeta) =
        crate::commands_sync::raw_with_meta(&request, "x-photo")?;
    let workspace = state.workspace()?;
    let rack = parse("rack", &meta.rack)?;
    workspace.add_placement_photo(rack, &meta.placement, bytes, &state.stamp()?)?;
    announce(&app, &state);
    Ok(workspace.rack_view(rack)?)
}

#[derive(serde::Deserialize)]
struct TypeImageMeta {
    key: String,
    face: Face,
}

/// Sets the front or rear image of an added device type: the body is the image's bytes, the
/// `x-type-image` header the URI-encoded JSON `{ key, face }`.
#[tauri::command]
pub async fn device_type_image(
    app: AppHandle,
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Reply<DeviceType> {
    let (bytes, meta): (&[u8], TypeImageMeta) =
        crate::commands_sync::raw_with_meta(&request, "x-type-image")?;
    let device =
        state
            .workspace()?
            .set_device_type_image(&meta.key, meta.face, bytes, &state.stamp()?)?;
    announce(&app, &state);
    Ok(device)
}
