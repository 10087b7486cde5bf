//! An asset's life: assignment and return, maintenance, disposal with the data wipe (its
//! report as an upload), maintenance plans, alerts, a person's assignments, the alerts not yet
//! notified on the desktop, and the certificate of disposal. `today` is the user's local
//! date, sent by the UI.

use cloudwright_core::alerts::Alert;
use cloudwright_core::assets::{AssetRow, Date};
use cloudwright_core::lifecycle::alerts::PlanAlertPreview;
use cloudwright_core::lifecycle::plans::PlanInput;
use cloudwright_core::lifecycle::rules::{
    AssignInput, DisposalDecisionInput, DisposalRequestInput, DisposeInput, FinishMaintenanceInput,
    MaintenanceInput, ReturnInput, WipeInput,
};
use cloudwright_core::lifecycle::{
    AssetLife, DecisionCheck, MaintenancePlan, PersonAssignment, PlanDue, Step,
};
use serde::Deserialize;
use ts_rs::TS;

use super::{generated_line, print_language, save_pdf, Ctx, ExportResult, IdArgs, NoArgs};
use crate::error::CommandError;
use crate::ipc::Reply;

fn day(text: &str) -> Reply<Date> {
    cloudwright_core::assets::input::parse_date(text)
        .ok_or_else(|| CommandError::new("invalid", format!("'{text}' is not a date")))
}

/// One step of an asset's life: which asset, the local date, and the step's own input.
#[derive(Deserialize, TS)]
pub struct StepArgs<I> {
    id: String,
    today: String,
    input: I,
}

fn take_step(cx: &Ctx, id: &str, today: &str, step: Step) -> Reply<AssetRow> {
    Ok(cx
        .workspace()?
        .life_step(id, step, ulid::Ulid::new(), &day(today)?, &cx.stamp()?)?)
}

pub fn life_get(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<AssetLife> {
    Ok(cx.workspace()?.asset_life(&id)?)
}

/// The asset's decisions (disposal approved or rejected, wipe verified) as this device judges
/// them by the roster it keeps: each valid (✓) or what is wrong with it.
pub fn life_decisions(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<Vec<DecisionCheck>> {
    Ok(cx.workspace()?.asset_decisions(&id)?)
}

pub fn life_assign(cx: &Ctx, args: StepArgs<AssignInput>) -> Reply<AssetRow> {
    take_step(cx, &args.id, &args.today, Step::Assign(&args.input))
}

pub fn life_return(cx: &Ctx, args: StepArgs<ReturnInput>) -> Reply<AssetRow> {
    take_step(cx, &args.id, &args.today, Step::Return(&args.input))
}

pub fn life_maintain(cx: &Ctx, args: StepArgs<MaintenanceInput>) -> Reply<AssetRow> {
    take_step(cx, &args.id, &args.today, Step::Maintain(&args.input))
}

pub fn life_maintenance_finish(
    cx: &Ctx,
    args: StepArgs<FinishMaintenanceInput>,
) -> Reply<AssetRow> {
    let step = Step::FinishMaintenance(&args.input);
    take_step(cx, &args.id, &args.today, step)
}

pub fn life_disposal_request(cx: &Ctx, args: StepArgs<DisposalRequestInput>) -> Reply<AssetRow> {
    let step = Step::RequestDisposal(&args.input);
    take_step(cx, &args.id, &args.today, step)
}

/// Signed by the member logged in here (in a team's workspace; see `authoring`).
pub fn life_disposal_decide(cx: &Ctx, args: StepArgs<DisposalDecisionInput>) -> Reply<AssetRow> {
    let member = cx.signing_member()?;
    let signer = member.as_ref().map(|member| member.signer());
    let step = Step::DecideDisposal(&args.input, signer.as_ref());
    take_step(cx, &args.id, &args.today, step)
}

/// Verified, and signed, by the member logged in here (in a team's workspace).
pub fn life_wipe(cx: &Ctx, args: StepArgs<WipeInput>) -> Reply<AssetRow> {
    let member = cx.signing_member()?;
    let signer = member.as_ref().map(|member| member.signer());
    let step = Step::Wipe(&args.input, None, signer.as_ref());
    take_step(cx, &args.id, &args.today, step)
}

/// The wipe with its report; the report's bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct WipeWithReportArgs {
    id: String,
    today: String,
    input: WipeInput,
    // The report file's name.
    name: String,
}

pub fn life_wipe_with_report(cx: &Ctx, args: WipeWithReportArgs, bytes: &[u8]) -> Reply<AssetRow> {
    let member = cx.signing_member()?;
    let signer = member.as_ref().map(|member| member.signer());
    let step = Step::Wipe(&args.input, Some((&args.name, bytes)), signer.as_ref());
    take_step(cx, &args.id, &args.today, step)
}

pub fn life_dispose(cx: &Ctx, args: StepArgs<DisposeInput>) -> Reply<AssetRow> {
    take_step(cx, &args.id, &args.today, Step::Dispose(&args.input))
}

#[derive(Deserialize, TS)]
pub struct TodayArgs {
    // The user's local date (YYYY-MM-DD).
    today: String,
}

/// Every area's alerts on `today` (the user's local date), most overdue first.
pub fn life_alerts(cx: &Ctx, TodayArgs { today }: TodayArgs) -> Reply<Vec<Alert>> {
    day(&today)?;
    Ok(cx.workspace()?.alerts(&today))
}

#[derive(Deserialize, TS)]
pub struct PersonArgs {
    name: String,
}

pub fn life_assigned(cx: &Ctx, PersonArgs { name }: PersonArgs) -> Reply<Vec<PersonAssignment>> {
    Ok(cx.workspace()?.assigned_to(&name))
}

pub fn life_assignees(cx: &Ctx, _: NoArgs) -> Reply<Vec<String>> {
    Ok(cx.workspace()?.assignees())
}

pub fn plan_list(cx: &Ctx, _: NoArgs) -> Reply<Vec<PlanDue>> {
    Ok(cx.workspace()?.plan_dues())
}

#[derive(Deserialize, TS)]
pub struct PlanPreviewArgs {
    // The plan being edited (None: a new plan).
    id: Option<String>,
    input: PlanInput,
    today: String,
}

/// What saving a plan would raise today (assets covered, alerts overdue and due soon),
/// before it is saved.
pub fn plan_preview(
    cx: &Ctx,
    PlanPreviewArgs { id, input, today }: PlanPreviewArgs,
) -> Reply<PlanAlertPreview> {
    Ok(cx
        .workspace()?
        .preview_maintenance_plan(id.as_deref(), &input, &day(&today)?)?)
}

#[derive(Deserialize, TS)]
pub struct PlanAddArgs {
    input: PlanInput,
}

pub fn plan_add(cx: &Ctx, PlanAddArgs { input }: PlanAddArgs) -> Reply<MaintenancePlan> {
    Ok(cx
        .workspace()?
        .add_maintenance_plan(ulid::Ulid::new(), &input, &cx.stamp()?)?)
}

#[derive(Deserialize, TS)]
pub struct PlanEditArgs {
    id: String,
    input: PlanInput,
    active: bool,
}

pub fn plan_edit(
    cx: &Ctx,
    PlanEditArgs { id, input, active }: PlanEditArgs,
) -> Reply<MaintenancePlan> {
    Ok(cx
        .workspace()?
        .edit_maintenance_plan(&id, &input, active, &cx.stamp()?)?)
}

/// The alerts of `today` not notified on this device before, which core then remembers as
/// notified. Declared a read: what it remembers is a local setting no other read shows.
pub fn alerts_to_notify(cx: &Ctx, TodayArgs { today }: TodayArgs) -> Reply<Vec<Alert>> {
    day(&today)?;
    let workspace = cx.workspace()?;
    Ok(cx.store()?.alerts_to_notify(&workspace, &today)?)
}

#[derive(Deserialize, TS)]
pub struct NotifyArgs {
    title: String,
    body: String,
}

/// Shows a desktop notification (the UI writes the text in the user's language).
pub fn desktop_notify(_: &Ctx, NotifyArgs { title, body }: NotifyArgs) -> Reply<()> {
    crate::os::notify(&title, &body);
    Ok(())
}

#[derive(Deserialize, TS)]
pub struct CertificateArgs {
    // The disposal batch.
    batch: String,
}

/// The certificate of disposal of one batch, as a PDF file where exports go.
pub fn disposal_certificate_pdf(
    cx: &Ctx,
    CertificateArgs { batch }: CertificateArgs,
) -> Reply<ExportResult> {
    use cloudwright_print::disposal_certificate::{batch_lines, disposal_certificate_pdf};
    let workspace = cx.workspace()?;
    let assets = batch_lines(&workspace, &batch)?.len() as u32;
    let bytes = disposal_certificate_pdf(
        &workspace,
        &batch,
        print_language(cx)?,
        &generated_line(cx)?,
    )?;
    save_pdf(cx, "cloudwright-disposal", &bytes, assets)
}
