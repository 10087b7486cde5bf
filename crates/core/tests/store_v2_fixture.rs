//! The committed schema-2 store (`tests/fixtures/store-v2`, written by
//! `examples/write_v2_fixture.rs` with the version before the record-kind redesign) must open
//! and read the same in every later version: everything a user can read of it is rendered as
//! text and compared with `fixtures/store-v2/reads.txt` (`UPDATE_EXPECT=1` rewrites it — only
//! when the fixture itself is written again, never to make a later version pass). It must then
//! take edits, and push everything it holds to a team server from which a fresh device reads the
//! same records.
//!
//! Only the public API is used, as the app and the CLI use it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use cloudwright_core::assets::{AssetField, AssetInput, AssetQuery, AssetSort, AssetStatus};
use cloudwright_core::audits::{AuditView, ItemFilter, Mark};
use cloudwright_core::cables::schedule::ScheduleScope;
use cloudwright_core::cables::views::{CableQuery, EndView};
use cloudwright_core::lifecycle::{AssetLife, DisposalStage, PlanTarget};
use cloudwright_core::racks::power::{RackBudget, RoomBudget};
use cloudwright_core::racks::{Face, PlaceRequest, RackSpec};
use cloudwright_core::reports::{Language, ReportKind};
use cloudwright_core::stamp::UtcTime;
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::sync::hub::{Hub, HubError, PushScope, Pusher};
use cloudwright_core::sync::protocol::{self, SyncRequest, SyncResponse};
use cloudwright_core::sync::{sync_once, SyncBinding, Transport};
use cloudwright_core::{AssetId, Author, ItemId, Stamp, WorkspaceId};
use sha2::{Digest, Sha256};

/// The day alerts and reports are read on.
const TODAY: &str = "2025-06-30";

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v2")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy's folder");
    for entry in std::fs::read_dir(from).expect("read the fixture") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "reads.txt" {
            std::fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

/// The fixture copied into a temp dir (the committed files are never opened in place: opening
/// may write) and opened, with its one workspace.
fn open_copy() -> (tempfile::TempDir, Store, Arc<Workspace>) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture(), dir.path());
    let store = Store::open(dir.path()).expect("the v2 fixture opens");
    let meta = store
        .find_workspace("평택 1센터 구축")
        .expect("the fixture's workspace");
    let ws = store.workspace(&meta.id).expect("the workspace opens");
    (dir, store, ws)
}

fn time(at_ms: i64) -> String {
    UtcTime::from_ms(at_ms).to_string()
}

fn opt<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// An enum's serde name (snake_case codes for the kinds that have no `code()`).
fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Everything a user can read, and the files the records name (sha → what names it).
struct Reads {
    out: String,
    files: BTreeMap<String, Vec<String>>,
}

macro_rules! say {
    ($reads:expr, $($arg:tt)*) => {{
        let _ = writeln!($reads.out, $($arg)*);
    }};
}

impl Reads {
    fn new() -> Reads {
        Reads {
            out: String::new(),
            files: BTreeMap::new(),
        }
    }

    /// Notes a file a record names and gives its short form for the line naming it.
    fn file(&mut self, sha: &str, named_by: String) -> String {
        self.files.entry(sha.to_owned()).or_default().push(named_by);
        format!("file {}", &sha[..sha.len().min(16)])
    }
}

fn end_text(end: &EndView) -> String {
    format!(
        "{}/{} U{} {} {}:{} ({})",
        end.room,
        end.rack,
        opt(end.unit),
        end.device,
        end.end.role.code(),
        end.end.port,
        end.port_kind
    )
}

fn rack_budget_text(budget: &RackBudget) -> String {
    format!(
        "allocated {} W, max {} W, capacity {} W, legs {:?}, heat {} kW / {:.1} BTU/h, weight {} kg, findings {:?}",
        budget.allocated_w,
        budget.max_draw_w,
        budget.capacity_w,
        budget.legs_w,
        budget.heat_kw,
        budget.heat_btu_h,
        budget.weight_kg,
        budget.findings
    )
}

fn room_budget_text(budget: &RoomBudget) -> String {
    format!(
        "{}: allocated {} W, max {} W, heat {} kW / {:.1} BTU/h, cooling {} kW, findings {:?}",
        budget.room,
        budget.allocated_w,
        budget.max_draw_w,
        budget.heat_kw,
        budget.heat_btu_h,
        budget.cooling_kw,
        budget.findings
    )
}

/// What this device keeps for itself: the store, its settings, its workspaces, sync state.
fn render_device(store: &Store, ws: &Workspace) -> String {
    let mut reads = Reads::new();
    say!(reads, "== store ==");
    say!(
        reads,
        "schema version: {}",
        store.schema_version().expect("schema")
    );
    let profile = store.profile().expect("profile").expect("a profile is set");
    say!(reads, "profile: {} ({})", profile.name, profile.initials);
    for key in ["language", "last_workspace"] {
        say!(
            reads,
            "setting {key}: {}",
            opt(store.setting(key).expect("setting"))
        );
    }
    for meta in store.workspaces().expect("workspaces") {
        say!(
            reads,
            "workspace {} '{}' created {}",
            meta.id,
            meta.name,
            time(meta.created_at_ms)
        );
    }
    say!(reads, "== sync ==");
    let binding = ws.sync_binding().expect("binding").expect("bound");
    say!(
        reads,
        "bound to {} workspace {} as {} (client {})",
        binding.server,
        binding.remote_workspace,
        binding.user,
        binding.client_id
    );
    say!(reads, "cursor {}", ws.sync_cursor().expect("cursor"));
    say!(
        reads,
        "documents to push: {}",
        ws.sync_pending().expect("pending")
    );
    let mut to_push = ws.blobs_to_push().expect("blobs to push");
    to_push.sort();
    say!(reads, "files to push: {}", to_push.len());
    for sha in to_push {
        say!(reads, "  {sha}");
    }
    say!(
        reads,
        "files wanted: {}",
        ws.blobs_wanted().expect("wanted").len()
    );
    say!(reads, "last sync: {:?}", ws.last_sync().expect("last sync"));
    reads.out
}

fn render_assets(ws: &Workspace, reads: &mut Reads) {
    let page = ws.query_assets(&AssetQuery {
        sort: Some(AssetSort {
            field: AssetField::AssetTag,
            descending: false,
        }),
        ..AssetQuery::default()
    });
    say!(
        reads,
        "== assets ({} of {}) ==",
        page.rows.len(),
        ws.asset_count()
    );
    for row in &page.rows {
        let a = &row.asset;
        let l = &a.location;
        say!(
            reads,
            "{} | {} | {} | {} {} | {}/{}/{}/{}/U{} | {} | created {} updated {} by {}",
            a.asset_tag,
            AssetField::AssetType.text(a),
            AssetField::Status.text(a),
            a.manufacturer,
            a.model,
            l.site,
            l.room,
            l.row,
            l.rack,
            opt(l.unit),
            a.owner,
            time(row.created_at_ms),
            time(row.updated_at_ms),
            row.updated_by
        );
        let life = &row.life;
        let assignments: Vec<String> = life
            .assignments
            .iter()
            .map(|line| {
                format!(
                    "{} {} from {} due {} returned {} {}",
                    line.kind.code(),
                    line.assignee,
                    line.from.0,
                    opt(line.due.as_ref().map(|d| &d.0)),
                    opt(line.returned_on.as_ref().map(|d| &d.0)),
                    opt(line.condition.map(|c| c.code()))
                )
            })
            .collect();
        let costs: Vec<String> = life
            .maintenance_costs
            .iter()
            .map(|m| format!("{} {}", m.format_amount(), code(&m.currency)))
            .collect();
        let plans: Vec<String> = life
            .plans_done
            .iter()
            .map(|p| format!("{} on {}", p.plan, p.last_done.0))
            .collect();
        say!(
            reads,
            "    life: assignments [{}] current {} | maintenance {} cost [{}] last {} plans [{}] | disposal {} on {} batch '{}' | holds data {}",
            assignments.join("; "),
            opt(life.current_assignment().map(|a| &a.assignee)),
            life.maintenance_count,
            costs.join(", "),
            opt(life.last_maintenance.as_ref().map(|d| &d.0)),
            plans.join(", "),
            opt(life.disposal.map(|s| s.code())),
            opt(life.disposed_on.as_ref().map(|d| &d.0)),
            life.disposal_batch,
            life.holds_data
        );
    }
    for row in &page.rows {
        render_asset_detail(ws, row.asset.id, &row.asset.asset_tag, reads);
    }
}

fn render_asset_detail(ws: &Workspace, id: AssetId, tag: &str, reads: &mut Reads) {
    let row = ws.asset(&id.to_string()).expect("the asset by id");
    assert_eq!(ws.asset(tag).expect("the asset by tag").asset.id, id);
    say!(reads, "-- {tag} ({id}) --");
    let fields: Vec<String> = AssetField::ALL
        .iter()
        .map(|field| (field.code(), field.text(&row.asset)))
        .filter(|(_, text)| !text.is_empty())
        .map(|(name, text)| format!("{name}={text}"))
        .collect();
    say!(reads, "  fields: {}", fields.join("; "));
    let form = ws.asset_input(tag).expect("the edit form's input");
    assert_eq!(form.asset_tag.as_deref(), Some(tag));
    for entry in ws.asset_history(id).expect("history") {
        let changes: Vec<String> = entry
            .changes
            .iter()
            .map(|c| format!("{}: '{}' -> '{}'", c.field.code(), c.before, c.after))
            .collect();
        say!(
            reads,
            "  history {} {} ({}) {}: {}",
            time(entry.at_ms),
            entry.author.name,
            entry.author.initials,
            entry.op,
            changes.join("; ")
        );
    }
    for attachment in ws.asset_attachments(id).expect("attachments") {
        let file = reads.file(
            &attachment.sha256,
            format!("{tag} attachment {}", attachment.name),
        );
        say!(
            reads,
            "  attachment '{}' {} {} bytes {} added {} by {}",
            attachment.name,
            attachment.mime,
            attachment.size,
            file,
            time(attachment.added_at_ms),
            attachment.added_by
        );
    }
    let life = ws.asset_life(tag).expect("life");
    render_life(tag, &life, reads);
}

fn render_life(tag: &str, life: &AssetLife, reads: &mut Reads) {
    say!(
        reads,
        "  holds data (set by hand): {}",
        opt(life.holds_data)
    );
    for (key, a) in &life.assignments {
        let returned = a.returned.as_ref().map(|r| {
            format!(
                "returned {} {} '{}' by {}",
                r.on.0,
                r.condition.code(),
                r.note,
                r.by
            )
        });
        say!(
            reads,
            "  assignment {key}: {} '{}' from {} due {} note '{}' by {} (was {}) {}",
            a.kind.code(),
            a.assignee,
            a.from.0,
            opt(a.due.as_ref().map(|d| &d.0)),
            a.note,
            a.by,
            code(&a.status_before),
            opt(returned)
        );
    }
    for (key, m) in &life.maintenance {
        let files: Vec<String> = m
            .attachments
            .iter()
            .map(|sha| reads.file(sha, format!("{tag} maintenance {key}")))
            .collect();
        say!(
            reads,
            "  maintenance {key}: {} on {} finished {} vendor '{}' cost {} downtime {} h plan {} by {} (was {}) notes '{}' files [{}]",
            m.kind.code(),
            m.on.0,
            opt(m.finished.as_ref().map(|d| &d.0)),
            m.vendor,
            opt(m.cost.as_ref().map(|c| format!("{} {}", c.format_amount(), code(&c.currency)))),
            opt(m.downtime_hours),
            opt(m.plan.as_ref()),
            m.by,
            code(&m.status_before),
            m.notes.replace('\n', " / "),
            files.join(", ")
        );
    }
    if let Some(d) = &life.disposal {
        say!(
            reads,
            "  disposal {}: reason '{}' requested {} by {}; decided {} by {} '{}'; disposed {} vendor '{}' batch '{}' (was {})",
            d.stage.code(),
            d.reason,
            d.requested_on.0,
            d.requested_by,
            opt(d.decided_on.as_ref().map(|x| &x.0)),
            d.decided_by,
            d.decision_note,
            opt(d.disposed_on.as_ref().map(|x| &x.0)),
            d.vendor,
            d.batch,
            code(&d.status_before)
        );
        if let Some(w) = &d.wipe {
            let file = w
                .attachment
                .as_ref()
                .map(|sha| reads.file(sha, format!("{tag} wipe report")));
            say!(
                reads,
                "  wipe {} with '{}' on {} by {} verified by {} certificate '{}' report {}",
                w.method.code(),
                w.tool,
                w.on.0,
                w.wiped_by,
                w.verified_by,
                w.certificate,
                opt(file)
            );
        }
    }
}

fn render_places(ws: &Workspace, reads: &mut Reads) {
    say!(reads, "== places ==");
    for node in ws.places_tree() {
        let s = &node.site;
        say!(
            reads,
            "site {} '{}' code {} address '{}'",
            s.id,
            s.name,
            s.code,
            s.address
        );
        for room in &node.rooms {
            say!(
                reads,
                "  room {} '{}' racks {}",
                room.id,
                room.name,
                room.racks
            );
            let view = ws.room_view(room.id).expect("room view");
            let r = &view.room;
            say!(
                reads,
                "    floor {}x{} tiles of {} mm in site '{}', aisles {:?}",
                r.columns,
                r.rows,
                r.tile_mm,
                view.site,
                r.aisles
                    .iter()
                    .map(|a| format!("{} along_x={} {}", a.kind.code(), a.along_x, a.index))
                    .collect::<Vec<_>>()
            );
            for (id, object) in &r.objects {
                say!(
                    reads,
                    "    object {id}: {} '{}' at {},{} cooling {} kW power {} kW",
                    object.kind.code(),
                    object.name,
                    object.x,
                    object.y,
                    object.cooling_kw,
                    object.power_kw
                );
            }
            for (id, row) in &r.rack_rows {
                say!(reads, "    row {id}: '{}'", row.name);
            }
            for rack in &view.racks {
                say!(
                    reads,
                    "    rack {} '{}' row '{}' at {},{} rot {} {} {}U used {} hu, {} devices, {} W / {} W of {} W, {} kW, {} kg, {} findings",
                    rack.id,
                    rack.name,
                    rack.row_name,
                    rack.x,
                    rack.y,
                    rack.rotation,
                    rack.status.code(),
                    rack.height_u,
                    rack.used_hu,
                    rack.devices,
                    rack.allocated_w,
                    rack.max_draw_w,
                    rack.capacity_w,
                    rack.heat_kw,
                    rack.weight_kg,
                    rack.findings
                );
            }
            for row in &view.rows {
                say!(
                    reads,
                    "    row totals '{}': {} racks, {} W / {} W of {} W, {} kW",
                    row.name,
                    row.racks,
                    row.allocated_w,
                    row.max_draw_w,
                    row.capacity_w,
                    row.heat_kw
                );
            }
            say!(reads, "    budget {}", room_budget_text(&view.budget));
            for rack in ws.row_view(room.id, "").expect("row view") {
                render_rack(ws, &rack.rack.name, reads);
            }
        }
    }
    for budget in ws.room_budgets() {
        say!(reads, "room budget {}", room_budget_text(&budget));
    }
    say!(reads, "rack rules broken: {:?}", ws.rack_invariants());
}

fn render_rack(ws: &Workspace, name: &str, reads: &mut Reads) {
    let id = ws.find_rack(name).expect("rack by name");
    let view = ws.rack_view(id).expect("rack view");
    let r = &view.rack;
    say!(
        reads,
        "-- rack {} ({}) in {}/{}/{} --",
        r.name,
        r.id,
        view.site,
        view.room,
        view.row
    );
    say!(
        reads,
        "  {} {}U from U{} {} {} mm {} max {} kg redundancy {} used {} hu",
        r.status.code(),
        r.height_u,
        r.starting_unit,
        r.width.code(),
        r.depth_mm,
        r.form_factor.code(),
        r.max_weight_kg,
        code(&r.redundancy),
        view.used_hu
    );
    for feed in &r.feeds {
        say!(
            reads,
            "  feed {} {} V {} A {} max {}",
            feed.name,
            feed.voltage_v,
            feed.amperage_a,
            code(&feed.phase),
            feed.max_utilisation
        );
    }
    for (key, reservation) in &r.reservations {
        say!(
            reads,
            "  reserved {key}: hu {}+{} '{}' by {}",
            reservation.bottom_hu,
            reservation.height_hu,
            reservation.reason,
            reservation.by
        );
    }
    for device in &view.devices {
        let p = &device.placement;
        let kind = device
            .device
            .as_ref()
            .map_or("unknown type".to_owned(), |d| {
                format!(
                    "{} {} ({} hu, {})",
                    d.manufacturer,
                    d.model,
                    d.height_hu,
                    code(&d.category)
                )
            });
        let checks: Vec<String> = p
            .checks
            .iter()
            .map(|(item, mark)| {
                format!("{item} by {} {} '{}'", mark.by, time(mark.at_ms), mark.note)
            })
            .collect();
        let photos: Vec<String> = p
            .photos
            .iter()
            .map(|sha| reads.file(sha, format!("{} placement {} photo", r.name, p.label)))
            .collect();
        say!(
            reads,
            "  {} '{}' {} asset {} at hu {} (U{}) {} leg {} {} notes '{}'",
            device.id,
            p.label,
            kind,
            opt(device.asset_tag.as_ref()),
            opt(p.bottom_hu),
            opt(p.bottom_hu.map(|hu| r.unit_number(hu))),
            p.face.code(),
            opt(p.leg),
            p.status.code(),
            p.notes
        );
        say!(
            reads,
            "    checks [{}] photos [{}]",
            checks.join("; "),
            photos.join(", ")
        );
        let cabled: Vec<String> = ws
            .device_ports(id, &device.id)
            .into_iter()
            .filter(|port| !port.cables.is_empty())
            .map(|port| {
                let far: Vec<String> = port
                    .cables
                    .iter()
                    .map(|c| format!("{} {} -> {}", c.label, c.status.code(), end_text(&c.far)))
                    .collect();
                format!(
                    "{}:{} ({}) {}",
                    port.role.code(),
                    port.name,
                    port.kind,
                    far.join(" & ")
                )
            })
            .collect();
        for port in cabled {
            say!(reads, "    port {port}");
        }
    }
    say!(reads, "  budget {}", rack_budget_text(&view.budget));
    say!(reads, "  rules broken: {:?}", view.invariants);
}

fn render_device_types(ws: &Workspace, reads: &mut Reads) {
    let all = ws.device_types();
    say!(
        reads,
        "== device types: {} ({} starter) ==",
        all.len(),
        all.iter().filter(|d| d.is_builtin()).count()
    );
    for d in all.iter().filter(|d| !d.is_builtin()) {
        let ports = |list: &[cloudwright_core::racks::catalogue::PortDef]| {
            format!(
                "{} [{} .. {}]",
                list.len(),
                list.first().map_or("", |p| p.name.as_str()),
                list.last().map_or("", |p| p.name.as_str())
            )
        };
        let front = d
            .front_image
            .as_ref()
            .map(|sha| reads.file(sha, format!("{} front image", d.display_name())));
        let rear = d
            .rear_image
            .as_ref()
            .map(|sha| reads.file(sha, format!("{} rear image", d.display_name())));
        say!(
            reads,
            "{} '{}' {} {} hu full depth {} {} kg {} W / {} W airflow {} power {} interfaces {} console {} front {} rear {} images {} / {}",
            d.key,
            d.display_name(),
            code(&d.category),
            d.height_hu,
            d.full_depth,
            d.weight_kg,
            d.typical_w,
            d.max_w,
            code(&d.airflow),
            ports(&d.power_ports),
            ports(&d.interfaces),
            ports(&d.console_ports),
            ports(&d.front_ports),
            ports(&d.rear_ports),
            opt(front),
            opt(rear)
        );
        assert_eq!(
            ws.find_device_type(&d.model).map(|f| f.key),
            Some(d.key.clone())
        );
    }
}

fn render_cables(ws: &Workspace, reads: &mut Reads) {
    let scheme = ws.label_scheme();
    say!(
        reads,
        "== cables: scheme '{}' set by {} at {} (default '{}') ==",
        scheme.template,
        opt(scheme.set_by.as_ref()),
        opt(scheme.set_at_ms.map(time)),
        scheme.default_template
    );
    let page = ws.cable_page(&CableQuery::default());
    say!(reads, "{} of {} cables", page.total, page.all);
    let rows = ws.cable_rows(&ws.cables());
    for row in &rows {
        say!(
            reads,
            "#{} '{}' / '{}' by hand {} | {} {} {} {} {} | printed {} | route '{}' | {}",
            row.number,
            row.label,
            row.label_b,
            row.label_by_hand,
            row.status.code(),
            row.kind.code(),
            row.colour,
            opt(row.length),
            row.length_unit.code(),
            opt(row.printed_at_ms.map(time)),
            row.route_notes,
            row.id
        );
        say!(reads, "    a {}", end_text(&row.a));
        say!(reads, "    b {}", end_text(&row.b));
        for test in &row.tests {
            let report = test
                .report
                .as_ref()
                .map(|sha| reads.file(sha, format!("cable {} test report", row.label)));
            say!(
                reads,
                "    test {} by {} at {} length {} m loss {} dB report {} '{}'",
                if test.passed { "passed" } else { "failed" },
                test.tester,
                time(test.at_ms),
                opt(test.measured_length_m),
                opt(test.loss_db),
                opt(report),
                opt(test.report_name.as_ref())
            );
        }
        assert_eq!(ws.find_cable(&row.label), Some(row.id));
    }
    let failed: Vec<String> = ws.failed_cables().into_iter().map(|c| c.label).collect();
    say!(reads, "failed: {failed:?}");
    say!(reads, "cable rules broken: {:?}", ws.cable_invariants());
    let schedule = ws
        .cable_schedule(ScheduleScope::Workspace)
        .expect("schedule");
    say!(reads, "-- schedule: {} cables --", schedule.cables);
    for rack in &schedule.racks {
        say!(
            reads,
            "  {} ({}/{}/{})",
            rack.name,
            rack.site,
            rack.room,
            rack.row
        );
        for device in &rack.devices {
            say!(
                reads,
                "    U{} {} [{}] {} placed {} ports {}",
                opt(device.unit),
                device.label,
                opt(device.asset_tag.as_ref()),
                device.device_type,
                device.placed,
                device.port_count
            );
            for port in &device.ports {
                say!(
                    reads,
                    "      {} '{}' -> {} U{} {} {} | {} {} {} {} {}",
                    port.port,
                    port.label,
                    port.far.rack,
                    opt(port.far.unit),
                    port.far.device,
                    port.far.port,
                    port.kind.code(),
                    opt(port.length),
                    port.length_unit.code(),
                    port.colour,
                    port.status.code()
                );
            }
        }
    }
    let start = ws
        .find_port("PT1-SRV-0001", "eno1")
        .expect("the server's first port");
    let trace = ws.cable_trace_view(&start);
    say!(
        reads,
        "-- trace from {} (looped {}) --",
        end_text(&trace.start),
        trace.looped
    );
    for hop in &trace.hops {
        say!(
            reads,
            "  {} {} {}: {} -> {}",
            hop.label,
            hop.kind.code(),
            hop.status.code(),
            end_text(&hop.from),
            end_text(&hop.to)
        );
    }
    let mut csv = Vec::new();
    ws.export_cables_csv(&mut csv, false).expect("export");
    say!(reads, "-- cables as NetBox CSV --");
    reads
        .out
        .push_str(&String::from_utf8(csv).expect("utf-8 CSV"));
}

fn mark_text(mark: &Mark, reads: &mut Reads) -> String {
    let photos: Vec<String> = mark
        .photos
        .iter()
        .map(|sha| reads.file(sha, format!("audit mark {} photo", mark.code)))
        .collect();
    format!(
        "{} '{}' by {} at {} actual {} status {} registered {} note '{}' photos [{}]",
        mark.outcome.code(),
        mark.code,
        mark.by,
        time(mark.at_ms),
        opt(mark
            .actual
            .as_ref()
            .map(|l| format!("{}/{}/{}/{}", l.site, l.room, l.row, l.rack))),
        opt(mark.actual_status.as_ref().map(code)),
        mark.registered,
        mark.note,
        photos.join(", ")
    )
}

fn render_audits(ws: &Workspace, reads: &mut Reads) {
    let audits = ws.audits();
    say!(reads, "== audits ({}) ==", audits.len());
    for summary in &audits {
        let a = &summary.audit;
        let c = &summary.counts;
        say!(
            reads,
            "{} '{}' scope {}/{} rows {:?} racks {:?} filter {} started {} by {} closed {}",
            a.id,
            a.name,
            a.scope.site,
            a.scope.room,
            a.scope.rows,
            a.scope.racks,
            opt(a.scope.filter.as_ref()),
            time(a.started_at_ms),
            a.started_by,
            opt(a
                .closed
                .as_ref()
                .map(|end| format!("{} by {}", time(end.at_ms), end.by)))
        );
        say!(
            reads,
            "  counts: expected {} checked {} found {} missing {} elsewhere {} wrong status {} unexpected {} applied {}; discrepancies {}",
            c.expected,
            c.checked,
            c.found,
            c.missing,
            c.found_elsewhere,
            c.wrong_status,
            c.unexpected,
            c.applied,
            c.discrepancies(a.closed.is_some())
        );
        let view: AuditView = ws
            .audit_view(&a.id, ItemFilter::All, 1000)
            .expect("audit view");
        assert_eq!(view.summary, *summary);
        for item in &view.items {
            let mark = item.mark.as_ref().map(|m| mark_text(m, reads));
            say!(
                reads,
                "  item {} serial '{}' {} expected {} recorded {} {} | {}",
                item.tag,
                item.serial,
                item.model,
                item.expected,
                opt(item.recorded.as_ref().map(|l| format!(
                    "{}/{}/{}/{}/U{}",
                    l.site,
                    l.room,
                    l.row,
                    l.rack,
                    opt(l.unit)
                ))),
                opt(item.recorded_status.as_ref().map(code)),
                opt(mark)
            );
        }
        for d in ws.audit_discrepancies(&a.id).expect("discrepancies") {
            say!(
                reads,
                "  discrepancy {} {} unchecked {} registered {} recorded {} actual {} correction {} applied {} note '{}' photos {}",
                d.tag,
                d.outcome.code(),
                d.unchecked,
                d.registered,
                opt(d.recorded_status.as_ref().map(code)),
                opt(d.actual_status.as_ref().map(code)),
                serde_json::to_string(&d.correction).expect("json"),
                opt(d.applied.as_ref().map(|x| format!("{} by {}: {}", time(x.at_ms), x.by, x.what))),
                d.note,
                d.photos.len()
            );
        }
    }
}

fn render_plans(ws: &Workspace, reads: &mut Reads) {
    let today = cloudwright_core::assets::Date(TODAY.into());
    say!(reads, "== maintenance plans ==");
    for due in ws.plan_dues() {
        let p = &due.plan;
        let target = match &p.target {
            PlanTarget::Asset(id) => format!("asset {id}"),
            PlanTarget::AssetType(kind) => format!("every {}", code(kind)),
        };
        say!(
            reads,
            "{} '{}' {} {} every {} {} from {} remind {} d vendor '{}' notes '{}' active {} | {} assets, next {} {}",
            p.id,
            p.name,
            target,
            p.kind.code(),
            p.recurrence.count,
            code(&p.recurrence.unit),
            p.recurrence.start.0,
            p.remind_days,
            p.vendor,
            p.notes,
            p.active,
            due.assets,
            opt(due.next_due.as_ref().map(|d| &d.0)),
            due.next_tag
        );
    }
    assert_eq!(ws.maintenance_plans().len(), ws.plan_dues().len());
    say!(reads, "== audit schedules ==");
    for view in ws.audit_schedule_views() {
        let s = &view.schedule;
        say!(
            reads,
            "{} {}/{} every {} months from {} active {} | last closed {} next due {}",
            s.id,
            s.site,
            s.room,
            s.every_months,
            s.start.0,
            s.active,
            opt(view.last_closed.as_ref().map(|d| &d.0)),
            opt(view.next_due.as_ref().map(|d| &d.0))
        );
    }
    assert_eq!(ws.audit_schedules().len(), ws.audit_schedule_views().len());
    say!(reads, "== alerts on {TODAY} ==");
    for alert in ws.life_alerts(&today) {
        say!(
            reads,
            "{} {} '{}' due {} ({} days) key {}",
            code(&alert.kind),
            alert.tag,
            alert.subject,
            alert.due.0,
            alert.days_overdue,
            alert.key
        );
    }
    say!(reads, "== people ==");
    for person in ws.assignees() {
        for a in ws.assigned_to(&person) {
            say!(
                reads,
                "{person}: {} {} {} from {} due {} returned {}",
                a.tag,
                a.model,
                a.line.kind.code(),
                a.line.from.0,
                opt(a.line.due.as_ref().map(|d| &d.0)),
                opt(a.line.returned_on.as_ref().map(|d| &d.0))
            );
        }
    }
}

fn render_findings(ws: &Workspace, reads: &mut Reads) {
    let findings = ws.findings().expect("findings");
    say!(reads, "== findings ({}) ==", findings.len());
    for finding in findings {
        say!(reads, "{}", serde_json::to_string(&finding).expect("json"));
    }
    // Limits crossed and failed tests were findings before the record redesign and are alerts
    // since (issue 14): the same facts, read from the one alert list.
    let alerts: Vec<_> = ws
        .alerts(TODAY)
        .into_iter()
        .filter(|alert| alert.source != "lifecycle")
        .collect();
    say!(reads, "== alerts of racks and cables ({}) ==", alerts.len());
    for alert in alerts {
        say!(reads, "{}", serde_json::to_string(&alert).expect("json"));
    }
}

fn render_reports(ws: &Workspace, reads: &mut Reads) {
    let today = cloudwright_core::assets::Date(TODAY.into());
    for name in ReportKind::CODES {
        let kind = ReportKind::parse(name, 365).expect("a report kind");
        let report = ws.asset_report(kind, &today).expect("report");
        say!(reads, "== report {name} ==");
        reads
            .out
            .push_str(&report.table(Language::English).to_text());
    }
}

/// Every record of the workspace as a user reads it; the same on every device that holds it.
fn render_records(ws: &Workspace) -> Reads {
    let mut reads = Reads::new();
    render_assets(ws, &mut reads);
    render_places(ws, &mut reads);
    render_device_types(ws, &mut reads);
    render_cables(ws, &mut reads);
    render_plans(ws, &mut reads);
    render_audits(ws, &mut reads);
    render_findings(ws, &mut reads);
    render_reports(ws, &mut reads);
    reads
}

/// The bytes of every file the records name, read back and hashed.
fn render_files(ws: &Workspace, files: &BTreeMap<String, Vec<String>>) -> String {
    let mut out = format!("== files ({}) ==\n", files.len());
    for (sha, named_by) in files {
        let line = match ws.blob(sha).expect("blob") {
            None => "MISSING".to_owned(),
            Some(bytes) => {
                let kind = if bytes.starts_with(b"\x89PNG") {
                    "png"
                } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
                    "jpeg"
                } else if bytes.starts_with(b"%PDF") {
                    "pdf"
                } else {
                    "other"
                };
                let hash = sha256_hex(&bytes);
                format!(
                    "{} bytes {kind}, read back {}",
                    bytes.len(),
                    if &hash == sha { "intact" } else { "CHANGED" }
                )
            }
        };
        let _ = writeln!(out, "{sha} {line}");
        for name in named_by {
            let _ = writeln!(out, "    named by {name}");
        }
    }
    out
}

fn render_all(store: &Store, ws: &Workspace) -> (String, Reads) {
    let records = render_records(ws);
    let text = format!(
        "{}{}{}",
        render_device(store, ws),
        records.out,
        render_files(ws, &records.files)
    );
    (text, records)
}

#[test]
fn the_v2_store_reads_as_it_was_written() {
    let (_dir, store, ws) = open_copy();
    let (text, records) = render_all(&store, &ws);
    expect_test::expect_file!["fixtures/store-v2/reads.txt"].assert_eq(&text);

    // The facts the snapshot holds that matter most, said directly.
    assert_eq!(store.workspaces().expect("workspaces").len(), 1);
    assert_eq!(ws.asset_count(), 12);
    let racks: u32 = ws
        .places_tree()
        .iter()
        .flat_map(|s| &s.rooms)
        .map(|r| r.racks)
        .sum();
    assert_eq!(racks, 2);
    assert_eq!(ws.cables().len(), 6);
    assert_eq!(ws.maintenance_plans().len(), 3);
    assert_eq!(ws.audit_schedules().len(), 2);
    assert_eq!(
        ws.device_types().iter().filter(|d| !d.is_builtin()).count(),
        1
    );
    let history = ws
        .asset_history(ws.asset("PT1-SRV-0003").expect("server").asset.id)
        .expect("history");
    assert!(
        history.len() >= 4,
        "register, two edits, a placement and maintenance"
    );
    assert!(history
        .iter()
        .any(|h| h.author.name == "이서연" && h.op == "edit"));

    // The storage array is disposed, with a purge verified by someone else and its report.
    let array = ws.asset("PT1-STO-0001").expect("array");
    assert_eq!(array.asset.status, AssetStatus::Disposed);
    assert_eq!(array.life.disposal, Some(DisposalStage::Disposed));
    let disposal = ws
        .asset_life("PT1-STO-0001")
        .expect("life")
        .disposal
        .expect("disposal");
    let wipe = disposal.wipe.expect("a wipe record");
    assert_ne!(wipe.wiped_by, wipe.verified_by);
    let report = ws
        .blob(&wipe.attachment.expect("a wipe report"))
        .expect("read")
        .expect("the wipe report's bytes");
    assert!(report.starts_with(b"%PDF"));

    // The audit is closed, its photo is a JPEG of the shelf, and the router's correction holds.
    let audits = ws.audits();
    assert_eq!(audits.len(), 1);
    let audit = &audits[0];
    assert!(audit.audit.closed.is_some());
    assert_eq!(audit.counts.expected, 8);
    let view = ws
        .audit_view(&audit.audit.id, ItemFilter::All, 100)
        .expect("view");
    let photographed = view
        .items
        .iter()
        .find(|item| item.tag == "PT1-SRV-0002")
        .and_then(|item| item.mark.as_ref())
        .expect("a mark");
    let photo = ws
        .blob(&photographed.photos[0])
        .expect("read")
        .expect("the photo's bytes");
    assert_eq!(
        image::guess_format(&photo).expect("an image"),
        image::ImageFormat::Jpeg
    );
    assert_eq!(
        ws.asset("PT1-RTR-0001").expect("router").asset.status,
        AssetStatus::Missing
    );
    assert!(ws.asset("PT1-SRV-0099").is_ok(), "registered on the spot");

    // Every file a record names is held and intact; the bound workspace still owes the server
    // every document.
    assert!(records.files.len() >= 8);
    assert!(!text.contains("MISSING") && !text.contains("CHANGED"));
    assert!(ws.sync_pending().expect("pending") > 20);
}

#[test]
fn the_v2_store_takes_edits_and_keeps_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture(), dir.path());
    let who = Stamp::new(Author::new("정하늘", "HN"), 1_767_225_600_000);
    let new_id = AssetId(ulid::Ulid::from_parts(1_767_225_600_000, 500));
    let (workspace_id, history_before) = {
        let store = Store::open(dir.path()).expect("open");
        let meta = store.find_workspace("평택 1센터 구축").expect("workspace");
        let ws = store.workspace(&meta.id).expect("workspace opens");
        let server = ws.asset("PT1-SRV-0001").expect("server").asset.id;
        let history_before = ws.asset_history(server).expect("history");
        ws.register_asset(
            new_id,
            &AssetInput {
                asset_tag: Some("PT1-SRV-0100".into()),
                asset_type: Some("server".into()),
                manufacturer: Some("Dell".into()),
                model: Some("PowerEdge R650".into()),
                status: Some("in_stock".into()),
                ..AssetInput::default()
            },
            &who,
        )
        .expect("a new asset");
        ws.edit_asset(
            server,
            &AssetInput {
                notes: Some("2026년 교체 예정".into()),
                ..AssetInput::default()
            },
            &who,
        )
        .expect("an old asset edited");
        let rack = ws.find_rack("A-R02").expect("rack");
        let current = ws.rack_view(rack).expect("view").rack;
        let spec = RackSpec {
            room: current.room,
            row: current.row.clone(),
            name: current.name.clone(),
            x: current.x,
            y: current.y,
            rotation: current.rotation,
            height_u: current.height_u,
            starting_unit: current.starting_unit,
            width: current.width,
            depth_mm: current.depth_mm,
            form_factor: current.form_factor,
            max_weight_kg: 1200.0,
            status: cloudwright_core::racks::model::RackStatus::Active,
            feeds: current.feeds.clone(),
            redundancy: current.redundancy,
        };
        ws.save_rack(rack, &spec, &who).expect("the rack edited");
        ws.place_device(
            rack,
            ItemId(ulid::Ulid::from_parts(1_767_225_600_000, 501)),
            &PlaceRequest {
                device_type: "builtin:dell-poweredge-r650".into(),
                asset: Some(new_id),
                label: String::new(),
                bottom_hu: Some(40),
                face: Face::Front,
                leg: None,
            },
            &who,
        )
        .expect("the new asset placed in the old rack");
        (meta.id, history_before)
    };
    // Opened again, the edits are there beside what the fixture held.
    let store = Store::open(dir.path()).expect("open again");
    let ws = store.workspace(&workspace_id).expect("workspace");
    assert_eq!(ws.asset_count(), 13);
    let placed = ws.asset("PT1-SRV-0100").expect("new asset");
    assert_eq!(placed.asset.location.rack, "A-R02");
    assert_eq!(placed.asset.location.unit, Some(21));
    let rack = ws
        .rack_view(ws.find_rack("A-R02").expect("rack"))
        .expect("view");
    assert_eq!(rack.rack.max_weight_kg, 1200.0);
    assert_eq!(rack.devices.len(), 3);
    let server = ws.asset("PT1-SRV-0001").expect("server");
    assert_eq!(server.asset.notes, "2026년 교체 예정");
    let history = ws.asset_history(server.asset.id).expect("history");
    assert_eq!(history.len(), history_before.len() + 1);
    assert_eq!(history[0].author.name, "정하늘");
    assert_eq!(history[1..], history_before[..]);
}

/// A hub in process, every message through the wire encoding.
struct InProcess {
    hub: Arc<Hub>,
    client: String,
}

impl Transport for InProcess {
    type Error = HubError;
    fn exchange(&mut self, request: &SyncRequest) -> Result<SyncResponse, HubError> {
        let sent = protocol::decode(&protocol::encode(request)).expect("request decodes");
        let answer = self.hub.exchange(
            sent,
            &self.client,
            &Pusher::account("fixture", PushScope::Everything),
        )?;
        Ok(protocol::decode(&protocol::encode(&answer)).expect("response decodes"))
    }
    fn blob_missing(&mut self, hashes: &[String]) -> Result<Vec<String>, HubError> {
        self.hub.blob_missing(hashes)
    }
    fn blob_put(&mut self, sha: &str, bytes: &[u8]) -> Result<(), HubError> {
        self.hub.blob_put(sha, bytes)
    }
    fn blob_get(&mut self, sha: &str) -> Result<Option<Vec<u8>>, HubError> {
        self.hub.blob_get(sha)
    }
}

#[test]
fn the_v2_store_pushes_what_it_owes_and_another_device_reads_the_same_records() {
    let (_dir, _store, ws) = open_copy();
    let server_dir = tempfile::tempdir().expect("tempdir");
    let server = Store::open(server_dir.path()).expect("server store");
    let team = server.create_workspace("팀", 1).expect("team workspace");
    let hub = Arc::new(Hub::open(&server, &team.id, protocol::FeedEpoch([1; 16])).expect("hub"));
    let mut fixture_side = InProcess {
        hub: hub.clone(),
        client: ws
            .sync_binding()
            .expect("binding")
            .expect("bound")
            .client_id,
    };
    sync_once(&ws, &mut fixture_side, 1, &mut |_| {}).expect("the fixture pushes");
    assert_eq!(ws.sync_pending().expect("pending"), 0);

    let other_dir = tempfile::tempdir().expect("tempdir");
    let other_store = Store::open(other_dir.path()).expect("other store");
    let meta = other_store.create_workspace("로컬", 1).expect("workspace");
    let other = other_store.workspace(&meta.id).expect("open");
    other
        .bind_sync(&SyncBinding {
            server: "http://127.0.0.1:1".into(),
            remote_workspace: WorkspaceId(ulid::Ulid(1)),
            user: "lee".into(),
            client_id: "client-other".into(),
            user_id: String::new(),
            display_name: String::new(),
            server_key: String::new(),
        })
        .expect("bind");
    let mut other_side = InProcess {
        hub,
        client: "client-other".into(),
    };
    sync_once(&other, &mut other_side, 2, &mut |_| {}).expect("the other device pulls");
    assert_eq!(render_records(&other).out, render_records(&ws).out);
}
