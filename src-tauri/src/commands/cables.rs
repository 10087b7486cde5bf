//! Cables: the list and one cable, add, edit, status, bulk plans, CSV in and out, tests (with
//! a report file), trace, a device's ports and the label scheme. Printing them is in
//! `labels.rs`.

use cloudwright_core::cables::bulk::{BulkPlan, BulkPreview};
use cloudwright_core::cables::edit::CableEdit;
use cloudwright_core::cables::model::{CableEnd, CableKind, CableStatus};
use cloudwright_core::cables::ops::CableDraft;
use cloudwright_core::cables::scheme::{SchemePreview, SchemeView};
use cloudwright_core::cables::testing::TestInput;
use cloudwright_core::cables::views::{
    CablePage, CableQuery, CableRow, PortView, RackChoice, TraceView,
};
use cloudwright_core::{CableId, ItemId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use cloudwright_core::cables::restore::CableFieldChange;
use cloudwright_core::undo::{Undo, UndoAction};

use super::{export_path, parse_id, BulkDone, CsvArgs, Ctx, ExportResult, IdArgs, NoArgs};
use crate::error::CommandError;
use crate::ipc::Reply;

fn cable_id(text: &str) -> Reply<CableId> {
    parse_id("a cable", text)
}

/// The list row of a cable (after a write: as it is now).
fn row(cx: &Ctx, id: CableId) -> Reply<CableRow> {
    cx.workspace()?
        .cable_row(id)
        .ok_or_else(|| CommandError::new("not_found", format!("no cable {id}")))
}

#[derive(Deserialize, TS)]
pub struct CableQueryArgs {
    query: CableQuery,
}

pub fn cable_page(cx: &Ctx, CableQueryArgs { query }: CableQueryArgs) -> Reply<CablePage> {
    Ok(cx.workspace()?.cable_page(&query))
}

/// The ids of every cable the query matches (for selecting them all).
pub fn cable_ids(cx: &Ctx, CableQueryArgs { query }: CableQueryArgs) -> Reply<Vec<CableId>> {
    Ok(cx.workspace()?.cable_ids(&query))
}

pub fn cable_get(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<CableRow> {
    row(cx, cable_id(&id)?)
}

#[derive(Deserialize, TS)]
pub struct CableAddArgs {
    draft: CableDraft,
}

pub fn cable_add(cx: &Ctx, CableAddArgs { draft }: CableAddArgs) -> Reply<CableRow> {
    let cable = cx
        .workspace()?
        .add_cable(CableId(ulid::Ulid::new()), &draft, &cx.stamp()?)?;
    row(cx, cable.id)
}

#[derive(Deserialize, TS)]
pub struct CableEditArgs {
    id: String,
    edit: CableEdit,
}

pub fn cable_edit(cx: &Ctx, CableEditArgs { id, edit }: CableEditArgs) -> Reply<CableRow> {
    let id = cable_id(&id)?;
    cx.workspace()?.edit_cable(id, &edit, &cx.stamp()?)?;
    row(cx, id)
}

#[derive(Deserialize, TS)]
pub struct CableStatusArgs {
    ids: Vec<String>,
    status: CableStatus,
}

/// What a status change of several cables would change (the first 200 by label), before
/// anything is written; refused as the change itself would be.
pub fn cable_status_preview(
    cx: &Ctx,
    CableStatusArgs { ids, status }: CableStatusArgs,
) -> Reply<CableStatusPreview> {
    let ids = ids
        .iter()
        .map(|id| cable_id(id))
        .collect::<Reply<Vec<_>>>()?;
    let (_, mut changes) = cx.workspace()?.plan_cable_status(&ids, status)?;
    let changing = changes.len() as u32;
    changes.truncate(200);
    Ok(CableStatusPreview { changing, changes })
}

#[derive(Serialize, TS)]
pub struct CableStatusPreview {
    pub changing: u32,
    pub changes: Vec<CableFieldChange>,
}

/// Sets the status of several cables; answers how many changed, and the way back.
pub fn cable_status(cx: &Ctx, CableStatusArgs { ids, status }: CableStatusArgs) -> Reply<BulkDone> {
    let ids = ids
        .iter()
        .map(|id| cable_id(id))
        .collect::<Reply<Vec<_>>>()?;
    let (_, changes) = cx
        .workspace()?
        .change_cable_status(&ids, status, &cx.stamp()?)?;
    Ok(BulkDone::of(Undo::cables(UndoAction::CableStatus, changes)))
}

#[derive(Deserialize, TS)]
pub struct BulkArgs {
    plan: BulkPlan,
    kind: CableKind,
    colour: String,
}

/// What a bulk plan would add, and the rows it would show, before anything is written.
pub fn cable_bulk_preview(
    cx: &Ctx,
    BulkArgs { plan, kind, colour }: BulkArgs,
) -> Reply<(BulkPreview, Vec<CableRow>)> {
    let workspace = cx.workspace()?;
    let preview = workspace.preview_bulk(&plan, kind, &colour, || CableId(ulid::Ulid::new()));
    let rows = workspace.cable_rows(&preview.cables);
    Ok((preview, rows))
}

/// Adds a bulk plan's cables, all or none; answers their ids.
pub fn cable_bulk_commit(
    cx: &Ctx,
    BulkArgs { plan, kind, colour }: BulkArgs,
) -> Reply<Vec<String>> {
    let cables = cx.workspace()?.commit_bulk(
        &plan,
        kind,
        &colour,
        || CableId(ulid::Ulid::new()),
        &cx.stamp()?,
    )?;
    Ok(cables.iter().map(|cable| cable.id.to_string()).collect())
}

/// Adds the cables of a NetBox-column CSV, all or none; answers how many.
pub fn cable_import(cx: &Ctx, CsvArgs { csv, options }: CsvArgs) -> Reply<u32> {
    let added = cx.workspace()?.import_cables_csv(
        csv.as_bytes(),
        options,
        || CableId(ulid::Ulid::new()),
        &cx.stamp()?,
    )?;
    Ok(added.len() as u32)
}

/// Every cable as NetBox-column CSV, where exports go.
pub fn cable_export(cx: &Ctx, _: NoArgs) -> Reply<ExportResult> {
    let path = export_path(cx, "cloudwright-cables", "csv")?;
    let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let rows = cx
        .workspace()?
        .export_cables_csv(file, true)
        .map_err(|error| CommandError::new("io", error.to_string()))?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: rows as u32,
    })
}

#[derive(Deserialize, TS)]
pub struct CableTestArgs {
    id: String,
    input: TestInput,
}

pub fn cable_test(cx: &Ctx, CableTestArgs { id, input }: CableTestArgs) -> Reply<CableRow> {
    let id = cable_id(&id)?;
    cx.workspace()?
        .record_cable_test(id, &input, None, &cx.stamp()?)?;
    row(cx, id)
}

/// A test result with the tester's report; the report's bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct CableTestWithReportArgs {
    id: String,
    input: TestInput,
    // The report file's name.
    name: String,
}

pub fn cable_test_with_report(
    cx: &Ctx,
    CableTestWithReportArgs { id, input, name }: CableTestWithReportArgs,
    bytes: &[u8],
) -> Reply<CableRow> {
    let id = cable_id(&id)?;
    cx.workspace()?
        .record_cable_test(id, &input, Some((&name, bytes)), &cx.stamp()?)?;
    row(cx, id)
}

/// Records the test results of a tester's CSV, all or none; answers how many cables.
pub fn cable_tests_import(cx: &Ctx, CsvArgs { csv, options }: CsvArgs) -> Reply<u32> {
    let tested = cx
        .workspace()?
        .import_cable_tests_csv(csv.as_bytes(), options, &cx.stamp()?)?;
    Ok(tested.len() as u32)
}

#[derive(Deserialize, TS)]
pub struct CableTraceArgs {
    start: CableEnd,
}

pub fn cable_trace(cx: &Ctx, CableTraceArgs { start }: CableTraceArgs) -> Reply<TraceView> {
    Ok(cx.workspace()?.cable_trace_view(&start))
}

pub fn cable_racks(cx: &Ctx, _: NoArgs) -> Reply<Vec<RackChoice>> {
    Ok(cx.workspace()?.rack_choices())
}

#[derive(Deserialize, TS)]
pub struct DevicePortsArgs {
    rack: String,
    placement: String,
}

pub fn device_ports(
    cx: &Ctx,
    DevicePortsArgs { rack, placement }: DevicePortsArgs,
) -> Reply<Vec<PortView>> {
    Ok(cx
        .workspace()?
        .device_ports(parse_id("a rack", &rack)?, &placement))
}

pub fn label_scheme(cx: &Ctx, _: NoArgs) -> Reply<SchemeView> {
    Ok(cx.workspace()?.label_scheme())
}

#[derive(Deserialize, TS)]
pub struct LabelTemplateArgs {
    template: String,
}

/// What the cables' labels would become under a template, before it is set.
pub fn label_scheme_preview(
    cx: &Ctx,
    LabelTemplateArgs { template }: LabelTemplateArgs,
) -> Reply<SchemePreview> {
    Ok(cx.workspace()?.preview_label_scheme(&template)?)
}

/// Sets the workspace's label scheme; answers how many cables were relabelled.
pub fn label_scheme_set(cx: &Ctx, LabelTemplateArgs { template }: LabelTemplateArgs) -> Reply<u32> {
    Ok(cx
        .workspace()?
        .set_label_scheme(&template, ItemId(ulid::Ulid::new()), &cx.stamp()?)?)
}
