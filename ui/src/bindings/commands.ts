// Generated from the command list in src-tauri/src/commands/mod.rs by
// `cargo test -p cloudwright-app`. Do not edit.
import type { Aisle } from "./Aisle";
import type { Alert } from "./Alert";
import type { AppState } from "./AppState";
import type { AssetId } from "./AssetId";
import type { AssetInput } from "./AssetInput";
import type { AssetLife } from "./AssetLife";
import type { AssetPage } from "./AssetPage";
import type { AssetPlaces } from "./AssetPlaces";
import type { AssetQuery } from "./AssetQuery";
import type { AssetRow } from "./AssetRow";
import type { AssignInput } from "./AssignInput";
import type { Attachment } from "./Attachment";
import type { AuditApplied } from "./AuditApplied";
import type { AuditSchedule } from "./AuditSchedule";
import type { AuditScope } from "./AuditScope";
import type { AuditSummary } from "./AuditSummary";
import type { AuditView } from "./AuditView";
import type { Author } from "./Author";
import type { BackupList } from "./BackupList";
import type { BackupRow } from "./BackupRow";
import type { BulkAssetEdit } from "./BulkAssetEdit";
import type { BulkAssetPreview } from "./BulkAssetPreview";
import type { BulkDone } from "./BulkDone";
import type { BulkPlan } from "./BulkPlan";
import type { BulkPreview } from "./BulkPreview";
import type { CableDraft } from "./CableDraft";
import type { CableEdit } from "./CableEdit";
import type { CableEnd } from "./CableEnd";
import type { CableId } from "./CableId";
import type { CableKind } from "./CableKind";
import type { CableLabelsCount } from "./CableLabelsCount";
import type { CablePage } from "./CablePage";
import type { CableQuery } from "./CableQuery";
import type { CableRow } from "./CableRow";
import type { CableSelection } from "./CableSelection";
import type { CableStatus } from "./CableStatus";
import type { CableStatusPreview } from "./CableStatusPreview";
import type { Capability } from "./Capability";
import type { CatalogueFormat } from "./CatalogueFormat";
import type { CheckItem } from "./CheckItem";
import type { CsvOptions } from "./CsvOptions";
import type { DecisionCheck } from "./DecisionCheck";
import type { DeviceType } from "./DeviceType";
import type { Discrepancy } from "./Discrepancy";
import type { DisposalDecisionInput } from "./DisposalDecisionInput";
import type { DisposalRequestInput } from "./DisposalRequestInput";
import type { DisposeInput } from "./DisposeInput";
import type { ExportFormat } from "./ExportFormat";
import type { ExportResult } from "./ExportResult";
import type { ExportedFolder } from "./ExportedFolder";
import type { Face } from "./Face";
import type { FileStateView } from "./FileStateView";
import type { Finding } from "./Finding";
import type { FinishMaintenanceInput } from "./FinishMaintenanceInput";
import type { FloorObject } from "./FloorObject";
import type { HistoryEntry } from "./HistoryEntry";
import type { ImportPreview } from "./ImportPreview";
import type { InstallStatus } from "./InstallStatus";
import type { ItemFilter } from "./ItemFilter";
import type { LabelMediaDto } from "./LabelMediaDto";
import type { LabelPrintResult } from "./LabelPrintResult";
import type { LabelTarget } from "./LabelTarget";
import type { MaintenanceInput } from "./MaintenanceInput";
import type { MaintenancePlan } from "./MaintenancePlan";
import type { MarkInput } from "./MarkInput";
import type { MembersMe } from "./MembersMe";
import type { PersonAssignment } from "./PersonAssignment";
import type { PlaceRequest } from "./PlaceRequest";
import type { PlanDue } from "./PlanDue";
import type { PlanInput } from "./PlanInput";
import type { PortView } from "./PortView";
import type { PlanAlertPreview } from "./PlanAlertPreview";
import type { RackChoice } from "./RackChoice";
import type { RackSpec } from "./RackSpec";
import type { RackView } from "./RackView";
import type { RecoveryReport } from "./RecoveryReport";
import type { RemoteWorkspace } from "./RemoteWorkspace";
import type { ReportKind } from "./ReportKind";
import type { ReportView } from "./ReportView";
import type { Resolution } from "./Resolution";
import type { ReturnInput } from "./ReturnInput";
import type { Role } from "./Role";
import type { Room } from "./Room";
import type { RoomInput } from "./RoomInput";
import type { RoomView } from "./RoomView";
import type { RosterView } from "./RosterView";
import type { SampleCreated } from "./SampleCreated";
import type { ScanAnswer } from "./ScanAnswer";
import type { ScheduleView } from "./ScheduleView";
import type { SchemePreview } from "./SchemePreview";
import type { SchemeView } from "./SchemeView";
import type { SearchResults } from "./SearchResults";
import type { Site } from "./Site";
import type { SiteInput } from "./SiteInput";
import type { SiteNode } from "./SiteNode";
import type { SyncStatus } from "./SyncStatus";
import type { TestInput } from "./TestInput";
import type { TraceView } from "./TraceView";
import type { UiLanguage } from "./UiLanguage";
import type { Undo } from "./Undo";
import type { UndoReport } from "./UndoReport";
import type { WhatIf } from "./WhatIf";
import type { WipeInput } from "./WipeInput";
import type { WorkspaceChanged } from "./WorkspaceChanged";
import type { WorkspaceSummary } from "./WorkspaceSummary";

/** Every command: its arguments, an upload's body, its result, and whether it writes (after a write, Rust sends `workspace_changed`). */
export interface Commands {
  // assets
  app_state: { args: Record<symbol, never>; result: AppState; writes: false };
  set_language: { args: { language: UiLanguage, }; result: null; writes: true };
  set_profile: { args: { name: string, initials: string, }; result: Author; writes: true };
  workspace_create: { args: { name: string, }; result: WorkspaceSummary; writes: true };
  workspace_create_sample: { args: { 
/**
 * The sample's name in the user's language; a number is added when it is taken.
 */
name: string, }; result: SampleCreated; writes: true };
  workspace_open: { args: { id: string, }; result: WorkspaceSummary; writes: true };
  asset_query: { args: { query: AssetQuery, }; result: AssetPage; writes: false };
  asset_get: { args: { id: string, }; result: AssetRow; writes: false };
  asset_register: { args: { input: AssetInput, }; result: AssetRow; writes: true };
  asset_edit: { args: { id: string, input: AssetInput, }; result: AssetRow; writes: true };
  asset_history: { args: { id: string, }; result: Array<HistoryEntry>; writes: false };
  asset_import_preview: { args: { csv: string, options: CsvOptions, }; result: ImportPreview; writes: false };
  asset_import_apply: { args: { csv: string, options: CsvOptions, }; result: number; writes: true };
  asset_export: { args: { query: AssetQuery, }; result: ExportResult; writes: false };
  asset_attachments: { args: { id: string, }; result: Array<Attachment>; writes: false };
  asset_attach: { args: { id: string, name: string, mime: string, }; body: Uint8Array; result: Attachment; writes: true };
  attachment_bytes: { args: { sha256: string, }; result: ArrayBuffer; writes: false };
  attachment_save: { args: { sha256: string, name: string, }; result: ExportResult; writes: false };
  file_state: { args: { sha256: string, }; result: FileStateView; writes: false };
  // bulk
  asset_bulk_preview: { args: { edit: BulkAssetEdit, }; result: BulkAssetPreview; writes: false };
  asset_bulk_edit: { args: { edit: BulkAssetEdit, }; result: BulkDone; writes: true };
  undo_apply: { args: { undo: Undo, }; result: UndoReport; writes: true };
  // sync
  sync_status: { args: Record<symbol, never>; result: SyncStatus; writes: false };
  sync_remote_workspaces: { args: { server: string, user: string, password: string, }; result: Array<RemoteWorkspace>; writes: false };
  asset_ids: { args: { query: AssetQuery, }; result: Array<AssetId>; writes: false };
  sync_login: { args: { server: string, user: string, password: string, workspace: string | null, }; result: WorkspaceSummary; writes: true };
  sync_logout: { args: Record<symbol, never>; result: null; writes: true };
  sync_now: { args: Record<symbol, never>; result: null; writes: false };
  findings_list: { args: Record<symbol, never>; result: Array<Finding>; writes: false };
  conflict_resolve: { args: { docId: string, path: string, choice: number, }; result: null; writes: true };
  // racks
  places_tree: { args: Record<symbol, never>; result: Array<SiteNode>; writes: false };
  site_save: { args: { id: string | null, input: SiteInput, }; result: Site; writes: true };
  room_save: { args: { id: string | null, input: RoomInput, }; result: Room; writes: true };
  room_view: { args: { id: string, }; result: RoomView; writes: false };
  room_object_put: { args: { room: string, id: string | null, object: FloorObject, }; result: Room; writes: true };
  room_object_remove: { args: { room: string, id: string, }; result: Room; writes: true };
  room_row_put: { args: { room: string, id: string | null, name: string, }; result: Room; writes: true };
  room_aisles_set: { args: { room: string, aisles: Array<Aisle>, }; result: Room; writes: true };
  rack_save: { args: { id: string | null, spec: RackSpec, }; result: RackView; writes: true };
  rack_view: { args: { id: string, }; result: RackView; writes: false };
  row_view: { args: { room: string, row: string, }; result: Array<RackView>; writes: false };
  device_types: { args: Record<symbol, never>; result: Array<DeviceType>; writes: false };
  device_types_import: { args: { text: string, format: CatalogueFormat, options: CsvOptions, }; result: Array<DeviceType>; writes: true };
  rack_what_if: { args: { rack: string, moving: string | null, request: PlaceRequest, }; result: WhatIf; writes: false };
  rack_place: { args: { rack: string, id: string | null, request: PlaceRequest, }; result: RackView; writes: true };
  rack_move: { args: { from: string, placement: string, to: string, bottomHu: number | null, face: Face, }; result: RackView; writes: true };
  rack_remove: { args: { rack: string, placement: string, }; result: RackView; writes: true };
  rack_reserve: { args: { rack: string, bottomHu: number, heightHu: number, reason: string, }; result: RackView; writes: true };
  rack_release: { args: { rack: string, id: string, }; result: RackView; writes: true };
  placement_check: { args: { rack: string, placement: string, item: CheckItem, done: boolean, note: string, }; result: RackView; writes: true };
  placement_status: { args: { rack: string, placement: string, status: InstallStatus, }; result: RackView; writes: true };
  placement_edit: { args: { rack: string, placement: string, label: string, leg: number | null, notes: string, }; result: RackView; writes: true };
  rack_resolve: { args: { resolution: Resolution, }; result: null; writes: true };
  report_racks_pdf: { args: { racks: Array<string>, }; result: ExportResult; writes: false };
  report_power_pdf: { args: Record<symbol, never>; result: ExportResult; writes: false };
  placement_photo: { args: { rack: string, placement: string, }; body: Uint8Array; result: RackView; writes: true };
  device_type_image: { args: { key: string, face: Face, }; body: Uint8Array; result: DeviceType; writes: true };
  // audits
  audit_list: { args: Record<symbol, never>; result: Array<AuditSummary>; writes: false };
  audit_start: { args: { name: string, scope: AuditScope, }; result: AuditSummary; writes: true };
  audit_view: { args: { id: string, filter: ItemFilter, limit: number, }; result: AuditView; writes: false };
  audit_scan: { args: { id: string, code: string, }; result: ScanAnswer; writes: true };
  audit_mark: { args: { id: string, input: MarkInput, }; result: AuditSummary; writes: true };
  audit_register: { args: { id: string, input: AssetInput, }; result: AssetRow; writes: true };
  audit_photo: { args: { id: string, item: string, }; body: Uint8Array; result: string; writes: true };
  audit_close: { args: { id: string, }; result: Array<Discrepancy>; writes: true };
  audit_discrepancies: { args: { id: string, }; result: Array<Discrepancy>; writes: false };
  audit_apply: { args: { id: string, only: Array<string> | null, }; result: AuditApplied; writes: true };
  audit_report_pdf: { args: { id: string, }; result: ExportResult; writes: false };
  audit_schedules: { args: Record<symbol, never>; result: Array<ScheduleView>; writes: false };
  audit_schedule_set: { args: { site: string, room: string, everyMonths: number, start: string, }; result: AuditSchedule; writes: true };
  // cables
  cable_page: { args: { query: CableQuery, }; result: CablePage; writes: false };
  cable_ids: { args: { query: CableQuery, }; result: Array<CableId>; writes: false };
  cable_get: { args: { id: string, }; result: CableRow; writes: false };
  cable_add: { args: { draft: CableDraft, }; result: CableRow; writes: true };
  cable_edit: { args: { id: string, edit: CableEdit, }; result: CableRow; writes: true };
  cable_status_preview: { args: { ids: Array<string>, status: CableStatus, }; result: CableStatusPreview; writes: false };
  cable_status: { args: { ids: Array<string>, status: CableStatus, }; result: BulkDone; writes: true };
  cable_bulk_preview: { args: { plan: BulkPlan, kind: CableKind, colour: string, }; result: [BulkPreview, Array<CableRow>]; writes: false };
  cable_bulk_commit: { args: { plan: BulkPlan, kind: CableKind, colour: string, }; result: Array<string>; writes: true };
  cable_import: { args: { csv: string, options: CsvOptions, }; result: number; writes: true };
  cable_export: { args: Record<symbol, never>; result: ExportResult; writes: false };
  cable_test: { args: { id: string, input: TestInput, }; result: CableRow; writes: true };
  cable_test_with_report: { args: { id: string, input: TestInput, name: string, }; body: Uint8Array; result: CableRow; writes: true };
  cable_tests_import: { args: { csv: string, options: CsvOptions, }; result: number; writes: true };
  cable_trace: { args: { start: CableEnd, }; result: TraceView; writes: false };
  cable_racks: { args: Record<symbol, never>; result: Array<RackChoice>; writes: false };
  device_ports: { args: { rack: string, placement: string, }; result: Array<PortView>; writes: false };
  label_scheme: { args: Record<symbol, never>; result: SchemeView; writes: false };
  label_scheme_preview: { args: { template: string, }; result: SchemePreview; writes: false };
  label_scheme_set: { args: { template: string, }; result: number; writes: true };
  // labels
  label_media: { args: Record<symbol, never>; result: Array<LabelMediaDto>; writes: false };
  label_printers: { args: Record<symbol, never>; result: [Array<string>, string | null]; writes: false };
  cable_labels_count: { args: { selection: CableSelection, }; result: CableLabelsCount; writes: false };
  cable_labels_print: { args: { selection: CableSelection, target: LabelTarget, markPrinted: boolean, }; result: LabelPrintResult; writes: true };
  asset_tags_print: { args: { query: AssetQuery, target: LabelTarget, }; result: LabelPrintResult; writes: true };
  cable_schedule_export: { args: { rack: string | null, format: ExportFormat, }; result: ExportResult; writes: false };
  // recovery
  store_recover: { args: Record<symbol, never>; result: RecoveryReport; writes: true };
  // backups
  backup_list: { args: Record<symbol, never>; result: BackupList; writes: false };
  backup_now: { args: Record<symbol, never>; result: BackupRow; writes: true };
  backup_restore: { args: { name: string, newName: string | null, }; result: WorkspaceSummary; writes: true };
  workspace_export: { args: { folder: string, }; result: ExportedFolder; writes: false };
  workspace_import: { args: { folder: string, asNew: boolean, }; result: WorkspaceSummary; writes: true };
  // lifecycle
  life_get: { args: { id: string, }; result: AssetLife; writes: false };
  life_decisions: { args: { id: string, }; result: Array<DecisionCheck>; writes: false };
  life_assign: { args: { id: string, today: string, input: AssignInput, }; result: AssetRow; writes: true };
  life_return: { args: { id: string, today: string, input: ReturnInput, }; result: AssetRow; writes: true };
  life_maintain: { args: { id: string, today: string, input: MaintenanceInput, }; result: AssetRow; writes: true };
  life_maintenance_finish: { args: { id: string, today: string, input: FinishMaintenanceInput, }; result: AssetRow; writes: true };
  life_disposal_request: { args: { id: string, today: string, input: DisposalRequestInput, }; result: AssetRow; writes: true };
  life_disposal_decide: { args: { id: string, today: string, input: DisposalDecisionInput, }; result: AssetRow; writes: true };
  life_wipe: { args: { id: string, today: string, input: WipeInput, }; result: AssetRow; writes: true };
  life_wipe_with_report: { args: { id: string, today: string, input: WipeInput, name: string, }; body: Uint8Array; result: AssetRow; writes: true };
  life_dispose: { args: { id: string, today: string, input: DisposeInput, }; result: AssetRow; writes: true };
  life_alerts: { args: { today: string, }; result: Array<Alert>; writes: false };
  life_assigned: { args: { name: string, }; result: Array<PersonAssignment>; writes: false };
  life_assignees: { args: Record<symbol, never>; result: Array<string>; writes: false };
  plan_list: { args: Record<symbol, never>; result: Array<PlanDue>; writes: false };
  plan_add: { args: { input: PlanInput, }; result: MaintenancePlan; writes: true };
  plan_edit: { args: { id: string, input: PlanInput, active: boolean, }; result: MaintenancePlan; writes: true };
  alerts_to_notify: { args: { today: string, }; result: Array<Alert>; writes: false };
  desktop_notify: { args: { title: string, body: string, }; result: null; writes: false };
  disposal_certificate_pdf: { args: { batch: string, }; result: ExportResult; writes: false };
  // reports
  plan_preview: { args: { id: string | null, input: PlanInput, today: string, }; result: PlanAlertPreview; writes: false };
  asset_report: { args: { kind: ReportKind, today: string, language: UiLanguage, }; result: ReportView; writes: false };
  asset_report_export: { args: { kind: ReportKind, today: string, format: ExportFormat, }; result: ExportResult; writes: false };
  // search
  search: { args: { text: string, limit: number | null, }; result: SearchResults; writes: false };
  asset_place: { args: { id: string, }; result: AssetPlaces; writes: false };
  // members
  members_me: { args: Record<symbol, never>; result: MembersMe; writes: false };
  members_roster: { args: Record<symbol, never>; result: RosterView; writes: false };
  members_grant: { args: { userId: string, capability: Capability, maxAmountKrw: number | null, categories: Array<string>, }; result: RosterView; writes: true };
  members_ungrant: { args: { userId: string, capability: Capability, }; result: RosterView; writes: true };
  members_set_role: { args: { userId: string, role: Role, }; result: RosterView; writes: true };
  members_revoke_key: { args: { userId: string, keyId: string, }; result: RosterView; writes: true };
}

export interface Events {
  workspace_changed: WorkspaceChanged;
  sync_status: SyncStatus;
}
