//! IPC types that only the app has, and the map of every command and event, written to
//! `ui/src/bindings/commands.ts` by the `command_map_is_current` test so the UI's `call()` is
//! typed from this one list.

use cloudwright_core::store::WorkspaceMeta;
use cloudwright_core::Author;
use serde::Serialize;
use ts_rs::TS;

#[derive(Serialize, TS)]
#[ts(export, rename = "AppState")]
pub struct AppStateDto {
    pub data_dir: String,
    /// "ko" or "en"
    pub language: String,
    pub profile: Option<Author>,
    pub workspaces: Vec<WorkspaceMeta>,
    pub current: Option<WorkspaceSummary>,
}

#[derive(Serialize, TS)]
#[ts(export)]
pub struct WorkspaceSummary {
    pub meta: WorkspaceMeta,
    pub asset_count: u32,
}

/// A report for the screen: its first rows, and how many rows the whole report has.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub table: cloudwright_core::reports::ReportTable,
    /// Rows in `table`, and in the whole report (the files hold them all).
    pub shown_rows: u32,
    pub total_rows: u32,
    /// Assets in the workspace: none means there is nothing to report yet.
    pub assets: u32,
}

#[derive(Serialize, TS)]
#[ts(export)]
pub struct ExportResult {
    pub path: String,
    pub rows: u32,
}

#[derive(Clone, Serialize, TS)]
#[ts(export)]
pub struct AssetsChanged {
    pub workspace_id: String,
}

/// A label stock, for the print dialog's picker.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct LabelMediaDto {
    pub name: String,
    pub description: String,
    /// wrap, flag, sheet or tape
    pub kind: String,
    pub label_width_mm: f64,
    pub label_height_mm: f64,
    pub labels_per_page: u32,
}

impl From<&cloudwright_print::LabelMedia> for LabelMediaDto {
    fn from(media: &cloudwright_print::LabelMedia) -> Self {
        Self {
            name: media.name.clone(),
            description: media.description.clone(),
            kind: format!("{:?}", media.kind).to_lowercase(),
            label_width_mm: media.label_width_mm,
            label_height_mm: media.label_height_mm,
            labels_per_page: media.labels_per_page(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum LabelFormat {
    Pdf,
    Zpl,
}

/// Where a sheet of labels goes: which stock, which format, which CUPS printer (none: a
/// file that opens).
#[derive(serde::Deserialize, TS)]
#[ts(export)]
pub struct LabelTarget {
    pub media: String,
    pub format: LabelFormat,
    pub printer: Option<String>,
}

/// What printing labels did.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct LabelPrintResult {
    /// The file written (kept also when it went to a printer).
    pub path: String,
    pub labels: u32,
    /// The CUPS printer it went to, and what `lp` said.
    pub printer: Option<String>,
    pub job: Option<String>,
}

/// The command map, kept beside the tests that write it out.
#[cfg(test)]
mod command_map {
    /// (command, TypeScript arguments, TypeScript result). Arguments are camelCase, as Tauri
    /// expects them from JavaScript.
    const COMMANDS: &[(&str, &str, &str)] = &[
        ("app_state", "Record<string, never>", "AppState"),
        ("set_language", "{ language: \"ko\" | \"en\" }", "null"),
        (
            "set_profile",
            "{ name: string; initials: string }",
            "Author",
        ),
        ("workspace_create", "{ name: string }", "WorkspaceSummary"),
        ("workspace_open", "{ id: string }", "WorkspaceSummary"),
        ("asset_query", "{ query: AssetQuery }", "AssetPage"),
        ("asset_get", "{ id: string }", "AssetRow"),
        ("asset_register", "{ input: AssetInput }", "AssetRow"),
        (
            "asset_edit",
            "{ id: string; input: AssetInput }",
            "AssetRow",
        ),
        ("asset_history", "{ id: string }", "HistoryEntry[]"),
        ("asset_import_preview", "{ csv: string }", "ImportPreview"),
        ("asset_import_apply", "{ csv: string }", "number"),
        ("asset_export", "{ query: AssetQuery }", "ExportResult"),
        ("sync_status", "Record<string, never>", "SyncStatus"),
        (
            "sync_remote_workspaces",
            "{ server: string; user: string; password: string }",
            "RemoteWorkspace[]",
        ),
        (
            "sync_login",
            "{ server: string; user: string; password: string; workspace: string | null }",
            "WorkspaceSummary",
        ),
        ("sync_logout", "Record<string, never>", "null"),
        ("sync_now", "Record<string, never>", "null"),
        ("findings_list", "Record<string, never>", "Finding[]"),
        (
            "conflict_resolve",
            "{ docId: string; path: string; choice: number }",
            "null",
        ),
        ("asset_attachments", "{ id: string }", "Attachment[]"),
        // Raw: the body is the file's bytes, the `x-attachment` header the URI-encoded JSON
        // { id, name, mime }. ipc.ts has a helper for it.
        ("asset_attach", "Uint8Array", "Attachment"),
        // Raw answer: the bytes, as an ArrayBuffer.
        ("attachment_bytes", "{ sha256: string }", "ArrayBuffer"),
        (
            "attachment_save",
            "{ sha256: string; name: string }",
            "ExportResult",
        ),
        ("places_tree", "Record<string, never>", "SiteNode[]"),
        (
            "site_save",
            "{ id: string | null; input: SiteInput }",
            "Site",
        ),
        (
            "room_save",
            "{ id: string | null; input: RoomInput }",
            "Room",
        ),
        ("room_view", "{ id: string }", "RoomView"),
        (
            "room_object_put",
            "{ room: string; id: string | null; object: FloorObject }",
            "Room",
        ),
        ("room_object_remove", "{ room: string; id: string }", "Room"),
        (
            "room_row_put",
            "{ room: string; id: string | null; name: string }",
            "Room",
        ),
        (
            "room_aisles_set",
            "{ room: string; aisles: Aisle[] }",
            "Room",
        ),
        (
            "rack_save",
            "{ id: string | null; spec: RackSpec }",
            "RackView",
        ),
        ("rack_view", "{ id: string }", "RackView"),
        ("row_view", "{ room: string; row: string }", "RackView[]"),
        ("device_types", "Record<string, never>", "DeviceType[]"),
        (
            "device_types_import",
            "{ text: string; format: \"yaml\" | \"csv\" }",
            "DeviceType[]",
        ),
        (
            "rack_what_if",
            "{ rack: string; moving: string | null; request: PlaceRequest }",
            "WhatIf",
        ),
        (
            "rack_place",
            "{ rack: string; id: string | null; request: PlaceRequest }",
            "RackView",
        ),
        (
            "rack_move",
            "{ from: string; placement: string; to: string; bottomHu: number | null; face: Face }",
            "RackView",
        ),
        (
            "rack_remove",
            "{ rack: string; placement: string }",
            "RackView",
        ),
        (
            "rack_reserve",
            "{ rack: string; bottomHu: number; heightHu: number; reason: string }",
            "RackView",
        ),
        ("rack_release", "{ rack: string; id: string }", "RackView"),
        (
            "placement_check",
            "{ rack: string; placement: string; item: CheckItem; done: boolean; note: string }",
            "RackView",
        ),
        (
            "placement_status",
            "{ rack: string; placement: string; status: InstallStatus }",
            "RackView",
        ),
        (
            "placement_edit",
            "{ rack: string; placement: string; label: string; leg: number | null; notes: string }",
            "RackView",
        ),
        ("rack_resolve", "{ resolution: Resolution }", "null"),
        ("report_racks_pdf", "{ racks: string[] }", "ExportResult"),
        ("report_power_pdf", "Record<string, never>", "ExportResult"),
        // Raw: the body is the image's bytes, the `x-photo` header the URI-encoded JSON
        // { rack, placement }. ipc.ts has a helper for it.
        ("placement_photo", "Uint8Array", "RackView"),
        // Raw: the body is the image's bytes, the `x-type-image` header { key, face }.
        ("device_type_image", "Uint8Array", "DeviceType"),
        ("audit_list", "Record<string, never>", "AuditSummary[]"),
        (
            "audit_start",
            "{ name: string; scope: AuditScope }",
            "AuditSummary",
        ),
        (
            "audit_view",
            "{ id: string; filter: ItemFilter; limit: number }",
            "AuditView",
        ),
        ("audit_scan", "{ id: string; code: string }", "ScanAnswer"),
        (
            "audit_mark",
            "{ id: string; input: MarkInput }",
            "AuditSummary",
        ),
        (
            "audit_register",
            "{ id: string; input: AssetInput }",
            "AssetRow",
        ),
        // Raw: the body is the image's bytes, the `x-audit-photo` header { id, item }.
        ("audit_photo", "Uint8Array", "string"),
        ("audit_close", "{ id: string }", "Discrepancy[]"),
        ("audit_discrepancies", "{ id: string }", "Discrepancy[]"),
        (
            "audit_apply",
            "{ id: string; only: string[] | null }",
            "ApplyReport",
        ),
        ("audit_report_pdf", "{ id: string }", "ExportResult"),
        ("audit_schedules", "Record<string, never>", "ScheduleView[]"),
        (
            "audit_schedule_set",
            "{ site: string; room: string; everyMonths: number; start: string }",
            "AuditSchedule",
        ),
        ("cable_page", "{ query: CableQuery }", "CablePage"),
        ("cable_ids", "{ query: CableQuery }", "string[]"),
        ("cable_get", "{ id: string }", "CableRow"),
        ("cable_add", "{ draft: CableDraft }", "CableRow"),
        ("cable_edit", "{ id: string; edit: CableEdit }", "CableRow"),
        (
            "cable_status",
            "{ ids: string[]; status: CableStatus }",
            "number",
        ),
        (
            "cable_bulk_preview",
            "{ plan: BulkPlan; kind: CableKind; colour: string }",
            "[BulkPreview, CableRow[]]",
        ),
        (
            "cable_bulk_commit",
            "{ plan: BulkPlan; kind: CableKind; colour: string }",
            "string[]",
        ),
        ("cable_import", "{ csv: string }", "number"),
        ("cable_export", "Record<string, never>", "ExportResult"),
        ("cable_test", "{ id: string; input: TestInput }", "CableRow"),
        // Raw: the body is the report's bytes, the `x-cable-test` header { id, input, name }.
        ("cable_test_with_report", "Uint8Array", "CableRow"),
        ("cable_tests_import", "{ csv: string }", "number"),
        ("cable_trace", "{ start: CableEnd }", "TraceView"),
        ("cable_racks", "Record<string, never>", "RackChoice[]"),
        (
            "device_ports",
            "{ rack: string; placement: string }",
            "PortView[]",
        ),
        ("label_scheme", "Record<string, never>", "SchemeView"),
        (
            "label_scheme_preview",
            "{ template: string }",
            "SchemePreview",
        ),
        ("label_scheme_set", "{ template: string }", "number"),
        ("label_media", "Record<string, never>", "LabelMediaDto[]"),
        (
            "label_printers",
            "Record<string, never>",
            "[string[], string | null]",
        ),
        (
            "cable_labels_print",
            "{ selection: CableSelection; target: LabelTarget; markPrinted: boolean }",
            "LabelPrintResult",
        ),
        (
            "asset_tags_print",
            "{ filter: string; target: LabelTarget }",
            "LabelPrintResult",
        ),
        (
            "cable_schedule_export",
            "{ rack: string | null; format: \"pdf\" | \"csv\" }",
            "ExportResult",
        ),
        ("life_get", "{ id: string }", "AssetLife"),
        (
            "life_assign",
            "{ id: string; today: string; input: AssignInput }",
            "AssetRow",
        ),
        (
            "life_return",
            "{ id: string; today: string; input: ReturnInput }",
            "AssetRow",
        ),
        (
            "life_maintain",
            "{ id: string; today: string; input: MaintenanceInput }",
            "AssetRow",
        ),
        (
            "life_maintenance_finish",
            "{ id: string; today: string; input: FinishMaintenanceInput }",
            "AssetRow",
        ),
        (
            "life_disposal_request",
            "{ id: string; today: string; input: DisposalRequestInput }",
            "AssetRow",
        ),
        (
            "life_disposal_decide",
            "{ id: string; today: string; input: DisposalDecisionInput }",
            "AssetRow",
        ),
        (
            "life_wipe",
            "{ id: string; today: string; input: WipeInput }",
            "AssetRow",
        ),
        // Raw: the body is the report's bytes, the `x-wipe` header { id, today, input, name }.
        ("life_wipe_with_report", "Uint8Array", "AssetRow"),
        (
            "life_dispose",
            "{ id: string; today: string; input: DisposeInput }",
            "AssetRow",
        ),
        ("life_alerts", "{ today: string }", "Alert[]"),
        ("life_assigned", "{ name: string }", "PersonAssignment[]"),
        ("life_assignees", "Record<string, never>", "string[]"),
        ("plan_list", "Record<string, never>", "PlanDue[]"),
        ("plan_add", "{ input: PlanInput }", "MaintenancePlan"),
        (
            "plan_edit",
            "{ id: string; input: PlanInput; active: boolean }",
            "MaintenancePlan",
        ),
        ("alerts_to_notify", "{ today: string }", "Alert[]"),
        ("desktop_notify", "{ title: string; body: string }", "null"),
        (
            "disposal_certificate_pdf",
            "{ batch: string }",
            "ExportResult",
        ),
        (
            "asset_report",
            "{ kind: ReportKind; today: string; language: \"ko\" | \"en\" }",
            "ReportView",
        ),
        (
            "asset_report_export",
            "{ kind: ReportKind; today: string; format: \"pdf\" | \"csv\" }",
            "ExportResult",
        ),
    ];

    const EVENTS: &[(&str, &str)] = &[
        ("assets_changed", "AssetsChanged"),
        ("findings_changed", "AssetsChanged"),
        ("sync_status", "SyncStatus"),
    ];

    const IMPORTED_TYPES: &[&str] = &[
        "AppState",
        "Author",
        "WorkspaceSummary",
        "AssetQuery",
        "AssetPage",
        "AssetRow",
        "AssetInput",
        "HistoryEntry",
        "ImportPreview",
        "ExportResult",
        "AssetsChanged",
        "SyncStatus",
        "RemoteWorkspace",
        "Finding",
        "Attachment",
        "SiteNode",
        "Site",
        "SiteInput",
        "Room",
        "RoomInput",
        "RoomView",
        "FloorObject",
        "Aisle",
        "RackSpec",
        "RackView",
        "DeviceType",
        "PlaceRequest",
        "WhatIf",
        "Face",
        "CheckItem",
        "InstallStatus",
        "Resolution",
        "CableQuery",
        "CablePage",
        "CableRow",
        "CableDraft",
        "CableEdit",
        "CableStatus",
        "CableKind",
        "CableEnd",
        "BulkPlan",
        "BulkPreview",
        "TestInput",
        "TraceView",
        "PortView",
        "SchemeView",
        "SchemePreview",
        "LabelMediaDto",
        "CableSelection",
        "LabelPrintResult",
        "RackChoice",
        "LabelTarget",
        "AuditSummary",
        "AuditScope",
        "AuditView",
        "ItemFilter",
        "ScanAnswer",
        "MarkInput",
        "Discrepancy",
        "ApplyReport",
        "ScheduleView",
        "AuditSchedule",
        "AssetLife",
        "AssignInput",
        "ReturnInput",
        "MaintenanceInput",
        "FinishMaintenanceInput",
        "DisposalRequestInput",
        "DisposalDecisionInput",
        "WipeInput",
        "DisposeInput",
        "Alert",
        "PersonAssignment",
        "PlanDue",
        "PlanInput",
        "MaintenancePlan",
        "ReportKind",
        "ReportView",
    ];

    fn commands_typescript() -> String {
        let mut text = String::from("// Generated by src-tauri/src/ipc.rs (`cargo test -p cloudwright-app`). Do not edit.\n");
        for name in IMPORTED_TYPES {
            text.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
        }
        text.push_str("\nexport interface Commands {\n");
        for (name, args, result) in COMMANDS {
            text.push_str(&format!(
                "  {name}: {{ args: {args}; result: {result} }};\n"
            ));
        }
        text.push_str("}\n\nexport interface Events {\n");
        for (name, payload) in EVENTS {
            text.push_str(&format!("  {name}: {payload};\n"));
        }
        text.push_str("}\n");
        text
    }

    /// Writes the command map and fails if it was stale, so a changed command list shows
    /// up as a diff in review and the UI build type-checks against it.
    #[test]
    fn command_map_is_current() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings/commands.ts");
        let wanted = commands_typescript();
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        if found != wanted {
            std::fs::write(&path, &wanted).expect("write commands.ts");
        }
        assert!(
            wanted.contains("asset_register: { args: { input: AssetInput }; result: AssetRow }")
        );
        let source = include_str!("main.rs");
        for (name, _, _) in COMMANDS {
            assert!(
                source.contains(&format!("commands::{name},"))
                    || source.contains(&format!("commands_sync::{name},"))
                    || source.contains(&format!("commands_racks::{name},"))
                    || source.contains(&format!("commands_cables::{name},"))
                    || source.contains(&format!("commands_labels::{name},"))
                    || source.contains(&format!("commands_audits::{name},"))
                    || source.contains(&format!("commands_lifecycle::{name},"))
                    || source.contains(&format!("commands_reports::{name},")),
                "{name} is in the map but not registered in main.rs"
            );
        }
    }
}
