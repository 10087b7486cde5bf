//! The desktop app's commands, one file per area, every one listed once below.
//!
//! A command is a plain function `fn(&Ctx, Args) -> Reply<Answer>` in its area's file. `Args`
//! is a struct deriving `Deserialize` and `TS` with camelCase names (what the window sends;
//! its fields take `//` comments, since ts-rs would write `///` ones into the one-line entry);
//! `Answer` is any type deriving `Serialize` and `TS` (or [`Bytes`](crate::ipc::Bytes) for a
//! file). An `upload` also gets the body's bytes: `fn(&Ctx, Args, &[u8])`. The list says
//! whether a command reads or writes; after a write succeeds the dispatcher (in `ipc.rs`)
//! sends `workspace_changed`, which makes every screen read again, and wakes the sync worker.
//! Nothing else registers a command: `main.rs` takes [`handler`], and
//! `ui/src/bindings/commands.ts` is generated from this same list (see
//! `tests::commands_ts_is_current`).
//!
//! Area files import nothing from each other; what more than one area needs lives here.

mod assets;
mod audits;
mod backups;
mod bulk;
mod cables;
mod designdocs;
mod labels;
mod lifecycle;
mod members;
mod procurement;
mod purchase_reports;
mod purchasing;
mod racks;
mod recovery;
mod reports;
mod search;
mod sync;

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use cloudwright_core::stamp::UtcTime;
use cloudwright_core::store::{Workspace, WorkspaceMeta};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use crate::error::CommandError;
use crate::ipc::{declare_commands, declare_events, emit, Reply};
use crate::state::{now_ms, AppState};
use crate::sync::{SyncStatus, SyncWorker};

/// What an action over many records did, and the way back (none when nothing changed): the
/// window offers it as 되돌리기 and sends it back to `undo_apply`.
#[derive(Serialize, TS)]
pub struct BulkDone {
    pub changed: u32,
    pub undo: Option<cloudwright_core::undo::Undo>,
}

impl BulkDone {
    pub fn of(undo: cloudwright_core::undo::Undo) -> BulkDone {
        BulkDone {
            changed: undo.count,
            undo: (!undo.is_empty()).then_some(undo),
        }
    }
}

declare_commands! {
    assets {
        read app_state,
        write set_language,
        write set_profile,
        write workspace_create,
        write workspace_create_sample,
        write workspace_open,
        read asset_query,
        read asset_get,
        write asset_register,
        write asset_edit,
        read asset_location_choices,
        read location_review,
        read asset_history,
        read asset_import_preview,
        write asset_import_apply,
        read asset_export,
        read asset_attachments,
        upload asset_attach,
        read attachment_bytes,
        read attachment_save,
        read file_state,
    }
    bulk {
        read asset_ids,
        read asset_bulk_preview,
        write asset_bulk_edit,
        write undo_apply,
    }
    sync {
        read sync_status,
        read sync_remote_workspaces,
        write sync_login,
        write sync_logout,
        read sync_now,
        read findings_list,
        write conflict_resolve,
    }
    racks {
        read places_tree,
        write site_save,
        write room_save,
        read room_view,
        write room_object_put,
        write room_object_remove,
        write room_row_put,
        write room_aisles_set,
        write rack_save,
        read rack_view,
        read row_view,
        read device_types,
        write device_types_import,
        read rack_what_if,
        write rack_place,
        write rack_move,
        write rack_remove,
        write rack_reserve,
        write rack_release,
        write placement_check,
        write placement_status,
        write placement_edit,
        write rack_resolve,
        read report_racks_pdf,
        read report_power_pdf,
        upload placement_photo,
        upload device_type_image,
    }
    audits {
        read audit_list,
        write audit_start,
        read audit_view,
        write audit_scan,
        write audit_mark,
        write audit_register,
        upload audit_photo,
        write audit_close,
        read audit_discrepancies,
        write audit_apply,
        read audit_report_pdf,
        read audit_schedules,
        write audit_schedule_set,
    }
    cables {
        read cable_page,
        read cable_ids,
        read cable_get,
        write cable_add,
        write cable_edit,
        read cable_status_preview,
        write cable_status,
        read cable_bulk_preview,
        write cable_bulk_commit,
        write cable_import,
        read cable_export,
        write cable_test,
        upload cable_test_with_report,
        write cable_tests_import,
        read cable_trace,
        read cable_racks,
        read device_ports,
        read label_scheme,
        read label_scheme_preview,
        write label_scheme_set,
    }
    labels {
        read label_media,
        read label_printers,
        read cable_labels_count,
        write cable_labels_print,
        write asset_tags_print,
        read cable_schedule_export,
    }
    recovery {
        write store_recover,
    }
    backups {
        read backup_list,
        write backup_now,
        write backup_restore,
        read workspace_export,
        write workspace_import,
    }
    lifecycle {
        read life_get,
        read life_decisions,
        write life_assign,
        write life_return,
        write life_maintain,
        write life_maintenance_finish,
        write life_disposal_request,
        write life_disposal_decide,
        write life_wipe,
        upload life_wipe_with_report,
        write life_dispose,
        read life_alerts,
        read life_assigned,
        read life_assignees,
        read plan_list,
        read plan_preview,
        write plan_add,
        write plan_edit,
        read alerts_to_notify,
        read desktop_notify,
        read disposal_certificate_pdf,
    }
    reports {
        read asset_report,
        read asset_report_export,
    }
    search {
        read search,
        read asset_place,
    }
    purchasing {
        read vendor_list,
        read vendor_get,
        write vendor_add,
        write vendor_edit,
        upload vendor_file_add,
        write vendor_file_remove,
        read budget_list,
        write budget_add,
        write budget_edit,
        read purchase_page,
        read purchase_get,
        write purchase_create,
        write purchase_submit,
        write purchase_decide,
        write purchase_edit,
        write purchase_cancel,
        write purchase_copy,
        upload purchase_file_add,
        write purchase_file_remove,
        write purchase_ask,
        read approval_rule_list,
        write approval_rule_put,
        write approval_rule_remove,
        read substitute_list,
        write substitute_add,
        write substitute_edit,
        write substitute_remove,
    }
    procurement {
        write purchase_rfq,
        read purchase_rfq_pdf,
        write purchase_quote,
        upload purchase_quote_with_file,
        read purchase_comparison,
        read purchase_comparison_pdf,
        read purchase_comparison_csv,
        write purchase_select,
        write purchase_order,
        read purchase_order_pdf,
        write purchase_receive,
        write purchase_invoice,
        read purchase_match,
        write purchase_complete,
    }
    purchase_reports {
        read purchase_report,
        read purchase_report_csv,
        read purchase_report_pdf,
    }
    designdocs {
        read designdoc_list,
        read designdoc_get,
        write designdoc_add,
        upload designdoc_upload_part,
        write designdoc_version_add,
        read designdoc_file,
        read designdoc_save,
        write designdoc_review,
        write designdoc_decide,
        write designdoc_comment,
        write designdoc_resolve,
        read designdoc_linked,
        read designdoc_record,
        read designdoc_diff,
    }
    members {
        read members_me,
        read members_roster,
        write members_grant,
        write members_ungrant,
        write members_set_role,
        write members_revoke_key,
    }
}

declare_events! {
    workspace_changed: WorkspaceChanged,
    sync_status: SyncStatus,
    designdoc_progress: designdocs::DesignDocProgress,
}

/// What every command gets besides its arguments: the app (events, paths, the sync worker)
/// and, through `Deref`, the app's state (the store, the open workspace, the profile).
pub struct Ctx {
    app: AppHandle,
}

impl Ctx {
    pub fn new(app: AppHandle) -> Self {
        Ctx { app }
    }

    pub fn app(&self) -> &AppHandle {
        &self.app
    }
}

impl Deref for Ctx {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        self.app.state::<AppState>().inner()
    }
}

/// The arguments of a command that takes none (`{}` from the window).
#[derive(Deserialize, TS)]
pub struct NoArgs {}

/// The arguments of a command about one thing: `{ id }` (an asset, a cable, a rack, …).
#[derive(Deserialize, TS)]
pub struct IdArgs {
    pub id: String,
}

/// The arguments of a command that reads a CSV file: its text, and what the person importing
/// chose (whether to import without the columns no field answers to).
#[derive(Deserialize, TS)]
pub struct CsvArgs {
    pub csv: String,
    pub options: cloudwright_core::csv_file::CsvOptions,
}

/// Sent after every write and after a sync pass that pulled changes: every screen reads again
/// what it shows (the UI's query cache refetches what is on screen).
#[derive(Clone, Serialize, TS)]
#[ts(export)]
pub struct WorkspaceChanged {
    pub workspace_id: String,
}

/// Tells the window that the workspace changed. The one place `workspace_changed` is sent.
pub fn workspace_changed(app: &AppHandle, workspace: &WorkspaceMeta) {
    emit(
        app,
        WorkspaceChanged {
            workspace_id: workspace.id.to_string(),
        },
    );
}

/// After a write command: refresh the screens and let the sync worker push it.
pub(crate) fn changed_locally(cx: &Ctx) {
    if let Some(workspace) = cx.current() {
        workspace_changed(cx.app(), workspace.meta());
    }
    kick(cx.app());
}

fn worker(app: &AppHandle) -> Arc<SyncWorker> {
    app.state::<Arc<SyncWorker>>().inner().clone()
}

/// Wakes the sync worker for a pass soon.
fn kick(app: &AppHandle) {
    worker(app).kick();
}

/// Parses an id the window sent; `what` names it for the message ("a rack").
fn parse_id<T: std::str::FromStr>(what: &str, text: &str) -> Reply<T> {
    text.parse()
        .map_err(|_| CommandError::new("not_found", format!("'{text}' is not {what} id")))
}

/// The language the window shows (and printed pages use).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum UiLanguage {
    Ko,
    En,
}

impl UiLanguage {
    fn code(self) -> &'static str {
        match self {
            UiLanguage::Ko => "ko",
            UiLanguage::En => "en",
        }
    }
}

/// A file a report or schedule is saved as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ExportFormat {
    Pdf,
    Csv,
}

/// A file written where exports go, and how many rows (or pages) it holds.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ExportResult {
    pub path: String,
    pub rows: u32,
}

#[derive(Serialize, TS)]
#[ts(export)]
pub struct WorkspaceSummary {
    pub meta: WorkspaceMeta,
    pub asset_count: u32,
}

fn summary(workspace: &Workspace) -> WorkspaceSummary {
    WorkspaceSummary {
        meta: workspace.meta().clone(),
        asset_count: workspace.asset_count() as u32,
    }
}

/// Where exports go: the Downloads folder, else the data folder's `exports`.
fn export_folder(cx: &Ctx) -> Reply<PathBuf> {
    let folder = cx
        .app()
        .path()
        .download_dir()
        .unwrap_or_else(|_| cx.data_dir.join("exports"));
    std::fs::create_dir_all(&folder)?;
    Ok(folder)
}

/// Where an exported file goes, named `{stem}-{time}.{extension}` so exports never overwrite
/// each other.
fn export_path(cx: &Ctx, stem: &str, extension: &str) -> Reply<PathBuf> {
    Ok(export_folder(cx)?.join(format!(
        "{stem}-{}.{extension}",
        UtcTime::from_ms(now_ms()).compact()
    )))
}

/// Writes a PDF where exports go and says where.
fn save_pdf(cx: &Ctx, stem: &str, bytes: &[u8], pages: u32) -> Reply<ExportResult> {
    let path = export_path(cx, stem, "pdf")?;
    std::fs::write(&path, bytes)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: pages,
    })
}

/// The language printed pages are in: the UI's.
fn print_language(cx: &Ctx) -> Reply<cloudwright_print::racks::Language> {
    use cloudwright_print::racks::Language;
    let code = cx.store()?.setting("language")?;
    Ok(match code.as_deref() {
        Some("en") => Language::English,
        _ => Language::Korean,
    })
}

/// The "made when, by whom" line printed pages carry.
fn generated_line(cx: &Ctx) -> Reply<String> {
    let stamp = cx.stamp()?;
    Ok(format!(
        "{} · {}",
        UtcTime::from_ms(stamp.at_ms),
        stamp.author.name
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Writes `ui/src/bindings/commands.ts` from the command list and fails if the file was
    /// stale, so a changed command shows up as a diff in review and a stale committed file
    /// fails CI. Run `cargo test -p cloudwright-app` again after it rewrote the file.
    #[test]
    fn commands_ts_is_current() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings/commands.ts");
        let wanted = crate::ipc::typescript::file(&super::signatures(), &super::event_signatures());
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        if found != wanted {
            std::fs::write(&path, &wanted).expect("write commands.ts");
        }
        assert!(
            found == wanted,
            "ui/src/bindings/commands.ts was stale and has been rewritten; commit the new file"
        );
    }

    /// Area files share only what this file holds: none names another area, by path or in a
    /// `use super::{…}` list.
    #[test]
    fn area_files_import_no_other_area() {
        const AREAS: &[(&str, &str)] = &[
            ("assets", include_str!("assets.rs")),
            ("audits", include_str!("audits.rs")),
            ("backups", include_str!("backups.rs")),
            ("cables", include_str!("cables.rs")),
            ("designdocs", include_str!("designdocs.rs")),
            ("labels", include_str!("labels.rs")),
            ("lifecycle", include_str!("lifecycle.rs")),
            ("members", include_str!("members.rs")),
            ("procurement", include_str!("procurement.rs")),
            ("purchasing", include_str!("purchasing.rs")),
            ("racks", include_str!("racks.rs")),
            ("reports", include_str!("reports.rs")),
            ("sync", include_str!("sync.rs")),
        ];
        for (area, text) in AREAS {
            let mut named: Vec<String> = Vec::new();
            for (start, _) in text.match_indices("super::{") {
                let list = &text[start + "super::{".len()..];
                let list = &list[..list.find('}').unwrap_or(list.len())];
                named.extend(list.split(',').map(|item| item.trim().to_owned()));
            }
            for (other, _) in AREAS.iter().filter(|(other, _)| other != area) {
                assert!(
                    !text.contains(&format!("super::{other}::"))
                        && !text.contains(&format!("commands::{other}::"))
                        && !named.iter().any(|item| item == other),
                    "commands/{area}.rs uses commands/{other}.rs; move what they share to mod.rs"
                );
            }
        }
    }

    /// Registration is by construction: `handler` and `signatures` come from the same list.
    /// What the list itself could still get wrong is a name given twice (the second would
    /// never run), or an area listed under the wrong module (a compile error already).
    #[test]
    fn every_command_is_declared_once() {
        let signatures = super::signatures();
        let mut seen = BTreeSet::new();
        for signature in &signatures {
            assert!(
                seen.insert(signature.name),
                "{} is declared twice",
                signature.name
            );
        }
    }
}
