//! Sites, rooms, the floor plan, racks, placements (with photos) and the device catalogue
//! (with type images), and the rack and power PDFs.

use cloudwright_core::racks::catalogue::{self, DeviceTypeInput};
use cloudwright_core::racks::model::{Aisle, FloorObject, Reservation};
use cloudwright_core::racks::views::SiteNode;
use cloudwright_core::racks::{
    CheckItem, DeviceType, Face, InstallStatus, PlaceRequest, RackError, RackSpec, RackView,
    Resolution, Room, RoomInput, RoomView, Site, SiteInput, WhatIf,
};
use cloudwright_core::{DeviceTypeId, ItemId, RackId, RoomId, SiteId};
use cloudwright_print::racks::{power_and_cooling, rack_pack};
use serde::Deserialize;
use ts_rs::TS;

use super::{
    generated_line, parse_id, print_language, save_pdf, Ctx, ExportResult, IdArgs, NoArgs,
};
use crate::ipc::Reply;

fn new_item() -> ItemId {
    ItemId(ulid::Ulid::new())
}

/// The id the window sent, or a new one for something new.
fn id_or_new<T: std::str::FromStr>(what: &str, id: Option<String>, new: fn() -> T) -> Reply<T> {
    match id {
        Some(text) => parse_id(what, &text),
        None => Ok(new()),
    }
}

pub fn places_tree(cx: &Ctx, _: NoArgs) -> Reply<Vec<SiteNode>> {
    Ok(cx.workspace()?.places_tree())
}

#[derive(Deserialize, TS)]
pub struct SiteSaveArgs {
    // None: a new site.
    id: Option<String>,
    input: SiteInput,
}

pub fn site_save(cx: &Ctx, SiteSaveArgs { id, input }: SiteSaveArgs) -> Reply<Site> {
    let id = id_or_new("a site", id, || SiteId(ulid::Ulid::new()))?;
    Ok(cx.workspace()?.save_site(id, &input, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct RoomSaveArgs {
    // None: a new room.
    id: Option<String>,
    input: RoomInput,
}

pub fn room_save(cx: &Ctx, RoomSaveArgs { id, input }: RoomSaveArgs) -> Reply<Room> {
    let id = id_or_new("a room", id, || RoomId(ulid::Ulid::new()))?;
    Ok(cx.workspace()?.save_room(id, &input, &cx.stamp()?)?)
}

pub fn room_view(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<RoomView> {
    Ok(cx.workspace()?.room_view(parse_id("a room", &id)?)?)
}

#[derive(Deserialize, TS)]
pub struct RoomObjectPutArgs {
    room: String,
    // None: a new floor object.
    id: Option<String>,
    object: FloorObject,
}

pub fn room_object_put(cx: &Ctx, args: RoomObjectPutArgs) -> Reply<Room> {
    let item = id_or_new("a floor object", args.id, new_item)?;
    Ok(cx.workspace()?.put_floor_object(
        parse_id("a room", &args.room)?,
        item,
        args.object,
        &cx.stamp()?,
    )?)
}

#[derive(Deserialize, TS)]
pub struct RoomObjectRemoveArgs {
    room: String,
    id: String,
}

pub fn room_object_remove(
    cx: &Ctx,
    RoomObjectRemoveArgs { room, id }: RoomObjectRemoveArgs,
) -> Reply<Room> {
    Ok(cx
        .workspace()?
        .remove_floor_object(parse_id("a room", &room)?, &id, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct RoomRowPutArgs {
    room: String,
    // None: a new row.
    id: Option<String>,
    name: String,
}

pub fn room_row_put(cx: &Ctx, RoomRowPutArgs { room, id, name }: RoomRowPutArgs) -> Reply<Room> {
    let item = id_or_new("a row", id, new_item)?;
    Ok(cx
        .workspace()?
        .put_rack_row(parse_id("a room", &room)?, item, &name, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct RoomAislesSetArgs {
    room: String,
    aisles: Vec<Aisle>,
}

/// Replaces the room's hot and cold aisles.
pub fn room_aisles_set(
    cx: &Ctx,
    RoomAislesSetArgs { room, aisles }: RoomAislesSetArgs,
) -> Reply<Room> {
    Ok(cx
        .workspace()?
        .set_aisles(parse_id("a room", &room)?, aisles, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct RackSaveArgs {
    // None: a new rack.
    id: Option<String>,
    spec: RackSpec,
}

pub fn rack_save(cx: &Ctx, RackSaveArgs { id, spec }: RackSaveArgs) -> Reply<RackView> {
    let id = id_or_new("a rack", id, || RackId(ulid::Ulid::new()))?;
    let workspace = cx.workspace()?;
    workspace.save_rack(id, &spec, &cx.stamp()?)?;
    Ok(workspace.rack_view(id)?)
}

pub fn rack_view(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<RackView> {
    Ok(cx.workspace()?.rack_view(parse_id("a rack", &id)?)?)
}

#[derive(Deserialize, TS)]
pub struct RowViewArgs {
    room: String,
    // The row's name.
    row: String,
}

pub fn row_view(cx: &Ctx, RowViewArgs { room, row }: RowViewArgs) -> Reply<Vec<RackView>> {
    Ok(cx.workspace()?.row_view(parse_id("a room", &room)?, &row)?)
}

pub fn device_types(cx: &Ctx, _: NoArgs) -> Reply<Vec<DeviceType>> {
    Ok(cx.workspace()?.device_types())
}

/// How a device type file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum CatalogueFormat {
    /// The NetBox device type library's shape.
    Yaml,
    Csv,
}

#[derive(Deserialize, TS)]
pub struct DeviceTypesImportArgs {
    text: String,
    format: CatalogueFormat,
    // What the person importing chose (a CSV's columns; YAML reads the fields it knows).
    options: cloudwright_core::csv_file::CsvOptions,
}

/// Imports device types from YAML (NetBox library shape) or CSV: all of them or none.
pub fn device_types_import(
    cx: &Ctx,
    DeviceTypesImportArgs {
        text,
        format,
        options,
    }: DeviceTypesImportArgs,
) -> Reply<Vec<DeviceType>> {
    let parsed = match format {
        CatalogueFormat::Csv => catalogue::parse_csv(&text, options),
        CatalogueFormat::Yaml => catalogue::parse_yaml(&text),
    };
    let inputs: Vec<DeviceTypeInput> =
        parsed.map_err(|problem| RackError::Catalogue(vec![*problem]))?;
    let ids: Vec<DeviceTypeId> = inputs
        .iter()
        .map(|_| DeviceTypeId(ulid::Ulid::new()))
        .collect();
    Ok(cx
        .workspace()?
        .import_device_types(&inputs, &ids, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct RackWhatIfArgs {
    rack: String,
    // The placement being dragged, if it is one already in a rack.
    moving: Option<String>,
    request: PlaceRequest,
}

/// The budget and rules a drop would meet, for the editor to show while dragging.
pub fn rack_what_if(cx: &Ctx, args: RackWhatIfArgs) -> Reply<WhatIf> {
    Ok(cx.workspace()?.what_if(
        parse_id("a rack", &args.rack)?,
        args.moving.as_deref(),
        &args.request,
    )?)
}

#[derive(Deserialize, TS)]
pub struct RackPlaceArgs {
    rack: String,
    // A placement id to reuse (redo after undo keeps the same one); None: a new one.
    id: Option<String>,
    request: PlaceRequest,
}

/// Places a device.
pub fn rack_place(cx: &Ctx, RackPlaceArgs { rack, id, request }: RackPlaceArgs) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let item = id_or_new("a placement", id, new_item)?;
    let rack = parse_id("a rack", &rack)?;
    workspace.place_device(rack, item, &request, &cx.stamp()?)?;
    Ok(workspace.rack_view(rack)?)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RackMoveArgs {
    from: String,
    placement: String,
    to: String,
    // None: the same units in the new rack.
    bottom_hu: Option<u32>,
    face: Face,
}

/// Moves a placement; the cables at the device follow it (ends, labels from the scheme, and
/// the printed ones marked to print again).
pub fn rack_move(cx: &Ctx, args: RackMoveArgs) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let to = parse_id("a rack", &args.to)?;
    workspace.move_device(
        parse_id("a rack", &args.from)?,
        &args.placement,
        to,
        args.bottom_hu,
        args.face,
        &cx.stamp()?,
    )?;
    Ok(workspace.rack_view(to)?)
}

/// One placement in a rack.
#[derive(Deserialize, TS)]
pub struct PlacementArgs {
    rack: String,
    placement: String,
}

pub fn rack_remove(cx: &Ctx, PlacementArgs { rack, placement }: PlacementArgs) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let rack = parse_id("a rack", &rack)?;
    workspace.remove_placement(rack, &placement, &cx.stamp()?)?;
    Ok(workspace.rack_view(rack)?)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RackReserveArgs {
    rack: String,
    bottom_hu: u32,
    height_hu: u32,
    reason: String,
}

pub fn rack_reserve(cx: &Ctx, args: RackReserveArgs) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let rack = parse_id("a rack", &args.rack)?;
    let stamp = cx.stamp()?;
    let reservation = Reservation {
        bottom_hu: args.bottom_hu,
        height_hu: args.height_hu,
        reason: args.reason,
        by: stamp.author.name.clone(),
    };
    workspace.reserve_units(rack, new_item(), reservation, &stamp)?;
    Ok(workspace.rack_view(rack)?)
}

#[derive(Deserialize, TS)]
pub struct RackReleaseArgs {
    rack: String,
    // The reservation's id.
    id: String,
}

pub fn rack_release(cx: &Ctx, RackReleaseArgs { rack, id }: RackReleaseArgs) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let rack = parse_id("a rack", &rack)?;
    workspace.release_reservation(rack, &id, &cx.stamp()?)?;
    Ok(workspace.rack_view(rack)?)
}

#[derive(Deserialize, TS)]
pub struct PlacementCheckArgs {
    rack: String,
    placement: String,
    item: CheckItem,
    done: bool,
    note: String,
}

pub fn placement_check(cx: &Ctx, args: PlacementCheckArgs) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let rack = parse_id("a rack", &args.rack)?;
    workspace.set_check(
        rack,
        &args.placement,
        args.item,
        args.done,
        &args.note,
        &cx.stamp()?,
    )?;
    Ok(workspace.rack_view(rack)?)
}

#[derive(Deserialize, TS)]
pub struct PlacementStatusArgs {
    rack: String,
    placement: String,
    status: InstallStatus,
}

pub fn placement_status(cx: &Ctx, args: PlacementStatusArgs) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let rack = parse_id("a rack", &args.rack)?;
    workspace.set_install_status(rack, &args.placement, args.status, &cx.stamp()?)?;
    Ok(workspace.rack_view(rack)?)
}

#[derive(Deserialize, TS)]
pub struct PlacementEditArgs {
    rack: String,
    placement: String,
    label: String,
    leg: Option<u8>,
    notes: String,
}

pub fn placement_edit(cx: &Ctx, args: PlacementEditArgs) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let rack = parse_id("a rack", &args.rack)?;
    workspace.edit_placement(
        rack,
        &args.placement,
        &args.label,
        args.leg,
        &args.notes,
        &cx.stamp()?,
    )?;
    Ok(workspace.rack_view(rack)?)
}

#[derive(Deserialize, TS)]
pub struct RackResolveArgs {
    resolution: Resolution,
}

/// Applies a one-click resolution of a broken rack rule.
pub fn rack_resolve(cx: &Ctx, RackResolveArgs { resolution }: RackResolveArgs) -> Reply<()> {
    Ok(cx
        .workspace()?
        .resolve_rack_invariant(&resolution, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct ReportRacksPdfArgs {
    racks: Vec<String>,
}

/// The elevation pack of the given racks (one page each), as a PDF file.
pub fn report_racks_pdf(
    cx: &Ctx,
    ReportRacksPdfArgs { racks }: ReportRacksPdfArgs,
) -> Reply<ExportResult> {
    let ids = racks
        .iter()
        .map(|id| parse_id::<RackId>("a rack", id))
        .collect::<Reply<Vec<_>>>()?;
    let workspace = cx.workspace()?;
    let bytes = rack_pack(&workspace, &ids, print_language(cx)?, &generated_line(cx)?)?;
    save_pdf(cx, "cloudwright-racks", &bytes, racks.len() as u32)
}

/// The power and cooling report of every room, as a PDF file.
pub fn report_power_pdf(cx: &Ctx, _: NoArgs) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let bytes = power_and_cooling(&workspace, print_language(cx)?, &generated_line(cx)?)?;
    save_pdf(cx, "cloudwright-power", &bytes, 0)
}

/// Adds a photo to a placement; the image's bytes are the upload's body.
pub fn placement_photo(
    cx: &Ctx,
    PlacementArgs { rack, placement }: PlacementArgs,
    bytes: &[u8],
) -> Reply<RackView> {
    let workspace = cx.workspace()?;
    let rack = parse_id("a rack", &rack)?;
    workspace.add_placement_photo(rack, &placement, bytes, &cx.stamp()?)?;
    Ok(workspace.rack_view(rack)?)
}

/// Which device type and face an image is of; the image's bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct DeviceTypeImageArgs {
    // The added type's key.
    key: String,
    face: Face,
}

/// Sets the front or rear image of an added device type.
pub fn device_type_image(
    cx: &Ctx,
    DeviceTypeImageArgs { key, face }: DeviceTypeImageArgs,
    bytes: &[u8],
) -> Reply<DeviceType> {
    Ok(cx
        .workspace()?
        .set_device_type_image(&key, face, bytes, &cx.stamp()?)?)
}
