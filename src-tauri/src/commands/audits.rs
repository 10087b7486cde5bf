//! Floor audits: the list, start, the checklist view, scan, marks by hand, registering what
//! was not in the register, photos, close, the discrepancy list, applying corrections, the
//! report PDF, and audit schedules.

use cloudwright_core::assets::{AssetInput, AssetRow};
use cloudwright_core::audits::{
    ApplyReport, AuditError, AuditScope, AuditSummary, AuditView, Discrepancy, ItemFilter,
    MarkInput, RefusedCorrection, ScanAnswer,
};
use cloudwright_core::lifecycle::alerts::ScheduleView;
use cloudwright_core::lifecycle::AuditSchedule;
use cloudwright_core::undo::Undo;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{generated_line, print_language, save_pdf, Ctx, ExportResult, IdArgs, NoArgs};
use crate::error::CommandError;
use crate::ipc::Reply;

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

pub fn audit_list(cx: &Ctx, _: NoArgs) -> Reply<Vec<AuditSummary>> {
    Ok(cx.workspace()?.audits())
}

#[derive(Deserialize, TS)]
pub struct AuditStartArgs {
    name: String,
    scope: AuditScope,
}

pub fn audit_start(
    cx: &Ctx,
    AuditStartArgs { name, scope }: AuditStartArgs,
) -> Reply<AuditSummary> {
    Ok(cx
        .workspace()?
        .start_audit(ulid::Ulid::new(), &name, scope, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct AuditViewArgs {
    id: String,
    filter: ItemFilter,
    // At most this many items.
    limit: u32,
}

pub fn audit_view(
    cx: &Ctx,
    AuditViewArgs { id, filter, limit }: AuditViewArgs,
) -> Reply<AuditView> {
    Ok(cx.workspace()?.audit_view(&id, filter, limit)?)
}

#[derive(Deserialize, TS)]
pub struct AuditScanArgs {
    id: String,
    // What the scanner typed: an asset tag or a serial number.
    code: String,
}

pub fn audit_scan(cx: &Ctx, AuditScanArgs { id, code }: AuditScanArgs) -> Reply<ScanAnswer> {
    Ok(cx.workspace()?.audit_scan(&id, &code, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct AuditMarkArgs {
    id: String,
    input: MarkInput,
}

pub fn audit_mark(cx: &Ctx, AuditMarkArgs { id, input }: AuditMarkArgs) -> Reply<AuditSummary> {
    Ok(cx.workspace()?.audit_mark(&id, &input, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct AuditRegisterArgs {
    id: String,
    input: AssetInput,
}

/// Registers an asset found on the floor that the register did not have.
pub fn audit_register(
    cx: &Ctx,
    AuditRegisterArgs { id, input }: AuditRegisterArgs,
) -> Reply<AssetRow> {
    Ok(cx.workspace()?.audit_register(
        &id,
        cloudwright_core::AssetId(ulid::Ulid::new()),
        &input,
        &cx.stamp()?,
    )?)
}

/// Which item a photo is of; the image's bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct AuditPhotoArgs {
    id: String,
    item: String,
}

/// A photo of an item's latest mark; answers the photo's SHA-256.
pub fn audit_photo(
    cx: &Ctx,
    AuditPhotoArgs { id, item }: AuditPhotoArgs,
    bytes: &[u8],
) -> Reply<String> {
    Ok(cx
        .workspace()?
        .add_audit_photo(&id, &item, bytes, &cx.stamp()?)?)
}

pub fn audit_close(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<Vec<Discrepancy>> {
    Ok(cx.workspace()?.close_audit(&id, &cx.stamp()?)?)
}

pub fn audit_discrepancies(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<Vec<Discrepancy>> {
    Ok(cx.workspace()?.audit_discrepancies(&id)?)
}

#[derive(Deserialize, TS)]
pub struct AuditApplyArgs {
    id: String,
    // The assets whose corrections to apply (None: every discrepancy).
    only: Option<Vec<String>>,
}

/// What applying an audit's corrections did, and the way back.
#[derive(Serialize, TS)]
pub struct AuditApplied {
    pub applied: u32,
    pub failed: Vec<RefusedCorrection>,
    pub undo: Option<Undo>,
    /// Tags of assets taken out of a rack (found in another room): an undo does not put
    /// them back.
    pub removed_from_racks: Vec<String>,
}

pub fn audit_apply(cx: &Ctx, AuditApplyArgs { id, only }: AuditApplyArgs) -> Reply<AuditApplied> {
    let ApplyReport {
        applied,
        failed,
        undo,
    } = cx
        .workspace()?
        .apply_audit(&id, only.as_deref(), &cx.stamp()?)?;
    let removed_from_racks = undo.removed_from_racks.clone();
    let undo = Undo::audit(undo);
    Ok(AuditApplied {
        applied,
        failed,
        undo: (applied > 0).then_some(undo),
        removed_from_racks,
    })
}

/// The closed audit's discrepancies as a PDF file.
pub fn audit_report_pdf(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let summary = workspace
        .audits()
        .into_iter()
        .find(|a| a.audit.id == id)
        .ok_or_else(|| CommandError::new("not_found", format!("no audit {id}")))?;
    let list = workspace.audit_discrepancies(&id)?;
    let bytes = cloudwright_print::audit_report::audit_report_pdf(
        &workspace.meta().name,
        &summary,
        &list,
        print_language(cx)?,
        &generated_line(cx)?,
    )
    .map_err(|error| CommandError::new("print", error.to_string()))?;
    save_pdf(cx, "cloudwright-audit", &bytes, list.len() as u32)
}

pub fn audit_schedules(cx: &Ctx, _: NoArgs) -> Reply<Vec<ScheduleView>> {
    Ok(cx.workspace()?.audit_schedule_views())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditScheduleSetArgs {
    site: String,
    room: String,
    every_months: u32,
    // The first audit's date (YYYY-MM-DD).
    start: String,
}

pub fn audit_schedule_set(cx: &Ctx, args: AuditScheduleSetArgs) -> Reply<AuditSchedule> {
    Ok(cx.workspace()?.set_audit_schedule(
        ulid::Ulid::new(),
        &args.site,
        &args.room,
        args.every_months,
        &args.start,
        &cx.stamp()?,
    )?)
}
