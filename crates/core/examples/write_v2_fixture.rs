//! Writes a store in schema 2 — the layout of this version, every kind of record the app keeps —
//! into the folder given as the first argument, which must not exist yet or be empty. It
//! produced `tests/fixtures/store-v2`, which `tests/store_v2_fixture.rs` opens and reads; run it
//! again only to recreate that fixture (and then `UPDATE_EXPECT=1` the reads it records):
//! `cargo run -p cloudwright-core --example write_v2_fixture -- crates/core/tests/fixtures/store-v2`
//!
//! Everything is fixed: the times of every change, every id (ULIDs from a fixed time and a small
//! number), every file's bytes. Only what Automerge picks itself (its actor ids, hence change
//! hashes) differs between two runs; nothing a user reads depends on them.
//!
//! One workspace holds: a site, a room (row, cooling unit, aisle), two racks with placed assets
//! (checklist, install status, a placement photo, a reservation, a zero-U PDU), a device type
//! imported from YAML with front and rear images, twelve assets with edits, one attachment,
//! cables through a patch panel and between racks (a label scheme, printed labels, an edited
//! cable, a label typed by hand, tests passed with a report file and failed), maintenance plans
//! (one stopped) and audit schedules, an assignment returned and one open, maintenance with a
//! work order file, a data-holding storage array disposed with a wipe report verified by a second
//! person, and a closed audit (scans, marks, a photo, an asset registered on the spot, one
//! correction applied). Last, the workspace is bound to a team server it never reached, so every
//! document and file waits to be pushed.

use std::error::Error;
use std::path::PathBuf;

use cloudwright_core::assets::AssetInput;
use cloudwright_core::audits::{AuditScope, MarkInput};
use cloudwright_core::cables::edit::CableEdit;
use cloudwright_core::cables::model::{CableEnd, CableKind, CableStatus, LengthUnit, PortRole};
use cloudwright_core::cables::ops::CableDraft;
use cloudwright_core::cables::testing::TestInput;
use cloudwright_core::lifecycle::plans::PlanInput;
use cloudwright_core::lifecycle::rules::{
    AssignInput, DisposalDecisionInput, DisposalRequestInput, DisposeInput, FinishMaintenanceInput,
    MaintenanceInput, ReturnInput, WipeInput,
};
use cloudwright_core::lifecycle::Step;
use cloudwright_core::racks::catalogue::parse_yaml;
use cloudwright_core::racks::model::{
    Aisle, AisleKind, CheckItem, FloorObject, FloorObjectKind, InstallStatus, RackStatus,
    Reservation,
};
use cloudwright_core::racks::{Face, PlaceRequest, RackSpec, RoomInput, SiteInput};
use cloudwright_core::stamp::UtcTime;
use cloudwright_core::store::Store;
use cloudwright_core::sync::SyncBinding;
use cloudwright_core::{
    AssetId, Author, CableId, DeviceTypeId, ItemId, RackId, RoomId, SiteId, Stamp, WorkspaceId,
};
use ulid::Ulid;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Milliseconds of a UTC time in 2025.
fn at(month: u32, day: u32, hour: u32, minute: u32) -> i64 {
    UtcTime {
        year: 2025,
        month,
        day,
        hour,
        minute,
        second: 0,
    }
    .to_ms()
}

/// A fixed ULID: the time it names, and a small number to tell ids made at one time apart.
fn ulid(at_ms: i64, n: u128) -> Ulid {
    Ulid::from_parts(at_ms as u64, n)
}

fn kim(at_ms: i64) -> Stamp {
    Stamp::new(Author::new("김민준", "MJ"), at_ms)
}

fn lee(at_ms: i64) -> Stamp {
    Stamp::new(Author::new("이서연", "SY"), at_ms)
}

fn park(at_ms: i64) -> Stamp {
    Stamp::new(Author::new("박지훈", "JH"), at_ms)
}

/// A small PNG: a gradient that `seed` shifts, so each picture has its own bytes.
fn png(width: u32, height: u32, seed: u8) -> Result<Vec<u8>> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 7) as u8 ^ seed,
            (y * 11) as u8,
            seed.wrapping_mul(3).wrapping_add((x + y) as u8),
        ])
    });
    let mut bytes = Vec::new();
    image.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )?;
    Ok(bytes)
}

/// A file that starts like a PDF and says what it is; nothing here renders it.
fn pdf(title: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% Cloudwright store-v2 fixture\n% {title}\n%%EOF\n").into_bytes()
}

fn input(fields: &[(&str, &str)]) -> AssetInput {
    let mut input = AssetInput::default();
    for (field, value) in fields {
        let value = Some((*value).to_owned());
        match *field {
            "tag" => input.asset_tag = value,
            "type" => input.asset_type = value,
            "make" => input.manufacturer = value,
            "model" => input.model = value,
            "serial" => input.serial = value,
            "bought" => input.purchase_date = value,
            "cost" => input.cost = value,
            "currency" => input.currency = value,
            "warranty" => input.warranty_end = value,
            "status" => input.status = value,
            "site" => input.site = value,
            "room" => input.room = value,
            "rack" => input.rack = value,
            "owner" => input.owner = value,
            "notes" => input.notes = value,
            "tags" => input.tags = value,
            other => panic!("no asset field '{other}' in this writer"),
        }
    }
    input
}

const DEVICE_TYPE_YAML: &str = "\
- manufacturer: Juniper
  model: EX4650-48Y
  slug: juniper-ex4650-48y
  category: switch
  u_height: 1
  is_full_depth: false
  weight_kg: 9.5
  typical_w: 300
  max_w: 420
  airflow: front-to-rear
  power_ports: [{name: \"PSU{0-1}\", type: iec-60320-c14}]
  interfaces:
    - {name: \"xe-0/0/{0-47}\", type: 25gbase-x-sfp28}
    - {name: \"et-0/0/{48-55}\", type: 100gbase-x-qsfp28}
    - {name: em0, type: 1000base-t}
  console_ports: [{name: Console, type: rj-45}]
";

fn main() -> Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: write_v2_fixture DIR")?,
    );
    if dir.exists() && dir.read_dir()?.next().is_some() {
        return Err(format!("{} is not empty: remove it first", dir.display()).into());
    }
    let store = Store::open(&dir)?;
    store.set_profile(&Author::new("김민준", "MJ"))?;
    store.set_setting("language", "ko")?;
    let meta = store.create_workspace("평택 1센터 구축", at(2, 3, 9, 0))?;
    store.set_setting("last_workspace", &meta.id.to_string())?;
    let ws = store.workspace(&meta.id)?;

    // Places: a site, a room with a row, a cooling unit and a cold aisle, two racks.
    let site = SiteId(ulid(at(2, 3, 9, 10), 1));
    ws.save_site(
        site,
        &SiteInput {
            name: "평택 1센터".into(),
            code: "PT1".into(),
            address: "경기도 평택시 고덕면 삼성로 114".into(),
        },
        &kim(at(2, 3, 9, 10)),
    )?;
    let room = RoomId(ulid(at(2, 3, 9, 12), 2));
    ws.save_room(
        room,
        &RoomInput {
            site,
            name: "전산실 A".into(),
            columns: 20,
            rows: 12,
            tile_mm: 600,
        },
        &kim(at(2, 3, 9, 12)),
    )?;
    let row = ItemId(ulid(at(2, 3, 9, 13), 3));
    ws.put_rack_row(room, row, "A열", &kim(at(2, 3, 9, 13)))?;
    ws.put_floor_object(
        room,
        ItemId(ulid(at(2, 3, 9, 14), 4)),
        FloorObject {
            kind: FloorObjectKind::CoolingUnit,
            name: "CRAH-1".into(),
            x: 0,
            y: 5,
            cooling_kw: 40.0,
            power_kw: 0.0,
        },
        &kim(at(2, 3, 9, 14)),
    )?;
    ws.set_aisles(
        room,
        vec![Aisle {
            kind: AisleKind::Cold,
            along_x: true,
            index: 5,
        }],
        &kim(at(2, 3, 9, 15)),
    )?;
    let rack_one = RackId(ulid(at(2, 3, 9, 20), 10));
    let rack_two = RackId(ulid(at(2, 3, 9, 21), 11));
    for (rack, name, x, when) in [
        (rack_one, "A-R01", 2, at(2, 3, 9, 20)),
        (rack_two, "A-R02", 3, at(2, 3, 9, 21)),
    ] {
        let mut spec = RackSpec::standard(room, name);
        spec.row = row.to_string();
        spec.x = x;
        spec.y = 4;
        ws.save_rack(rack, &spec, &kim(when))?;
    }
    // A-R01 goes live: a second change of its document.
    let mut live = RackSpec::standard(room, "A-R01");
    live.row = row.to_string();
    live.x = 2;
    live.y = 4;
    live.status = RackStatus::Active;
    ws.save_rack(rack_one, &live, &lee(at(2, 3, 9, 25)))?;

    // A device type imported from YAML (NetBox library shape), with both images.
    let imported = ws.import_device_types(
        &parse_yaml(DEVICE_TYPE_YAML).map_err(|p| p.to_string())?,
        &[DeviceTypeId(ulid(at(2, 3, 9, 30), 20))],
        &kim(at(2, 3, 9, 30)),
    )?;
    let leaf_type = imported[0].key.clone();
    ws.set_device_type_image(
        &leaf_type,
        Face::Front,
        &png(48, 8, 1)?,
        &kim(at(2, 3, 9, 32)),
    )?;
    ws.set_device_type_image(
        &leaf_type,
        Face::Rear,
        &png(48, 8, 2)?,
        &kim(at(2, 3, 9, 33)),
    )?;

    // The register: eleven assets, then edits so several have a history of more than one change.
    let assets: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "PT1-SRV-0001",
            vec![
                ("type", "server"),
                ("make", "Dell"),
                ("model", "PowerEdge R650"),
                ("serial", "CN7R650A01"),
                ("bought", "2024-11-20"),
                ("cost", "18500000"),
                ("currency", "KRW"),
                ("warranty", "2029-11-19"),
                ("status", "in_stock"),
                ("owner", "인프라운영팀"),
                ("tags", "web, prod"),
            ],
        ),
        (
            "PT1-SRV-0002",
            vec![
                ("type", "server"),
                ("make", "Dell"),
                ("model", "PowerEdge R650"),
                ("serial", "CN7R650A02"),
                ("bought", "2024-11-20"),
                ("cost", "18500000"),
                ("currency", "KRW"),
                ("warranty", "2025-08-31"),
                ("status", "in_use"),
                ("owner", "인프라운영팀"),
            ],
        ),
        (
            "PT1-SRV-0003",
            vec![
                ("type", "server"),
                ("make", "Dell"),
                ("model", "PowerEdge R760"),
                ("serial", "CN7R760B01"),
                ("bought", "2023-05-10"),
                ("cost", "32000000"),
                ("currency", "KRW"),
                ("warranty", "2026-05-09"),
                ("status", "in_use"),
                ("owner", "데이터플랫폼팀"),
            ],
        ),
        (
            "PT1-SW-0001",
            vec![
                ("type", "switch"),
                ("make", "Juniper"),
                ("model", "EX4650-48Y"),
                ("serial", "JN1234AB"),
                ("bought", "2024-12-01"),
                ("cost", "15800.00"),
                ("currency", "USD"),
                ("status", "in_use"),
                ("owner", "네트워크팀"),
            ],
        ),
        (
            "PT1-SW-0002",
            vec![
                ("type", "switch"),
                ("make", "Cisco"),
                ("model", "Catalyst 9300-48T"),
                ("serial", "FOC2541X0AB"),
                ("status", "in_use"),
                ("owner", "네트워크팀"),
            ],
        ),
        (
            "PT1-PP-0001",
            vec![
                ("type", "patch_panel"),
                ("make", "Generic"),
                ("model", "Patch panel 24×Cat6A"),
                ("status", "in_use"),
            ],
        ),
        (
            "PT1-PDU-0001",
            vec![
                ("type", "pdu"),
                ("make", "Raritan"),
                ("model", "PX3-5146R (0U)"),
                ("serial", "RPX3A001"),
                ("status", "in_use"),
            ],
        ),
        (
            "PT1-STO-0001",
            vec![
                ("type", "storage"),
                ("make", "NetApp"),
                ("model", "AFF A400"),
                ("serial", "NA400-7781"),
                ("bought", "2019-03-15"),
                ("cost", "95000000"),
                ("currency", "KRW"),
                ("warranty", "2024-03-14"),
                ("status", "in_use"),
                ("site", "평택 1센터"),
                ("room", "창고"),
                ("owner", "데이터플랫폼팀"),
                ("notes", "구형 스토리지, 교체 완료"),
            ],
        ),
        (
            "PT1-RTR-0001",
            vec![
                ("type", "router"),
                ("make", "Juniper"),
                ("model", "MX204"),
                ("serial", "JNMX204-01"),
                ("status", "in_use"),
                ("site", "평택 1센터"),
                ("room", "전산실 A"),
                ("rack", "A-R02"),
                ("owner", "네트워크팀"),
            ],
        ),
        (
            "PT1-FW-0001",
            vec![
                ("type", "firewall"),
                ("make", "Fortinet"),
                ("model", "FortiGate 1800F"),
                ("serial", "FG180FTK0001"),
                ("status", "in_stock"),
                ("site", "평택 1센터"),
                ("room", "창고"),
            ],
        ),
        (
            "PT1-OTH-0001",
            vec![
                ("type", "other"),
                ("make", "Dell"),
                ("model", "Latitude 7440"),
                ("serial", "LT7440-0042"),
                ("status", "in_stock"),
                ("site", "평택 1센터"),
                ("room", "창고"),
                ("owner", "운영지원팀"),
                ("tags", "노트북"),
            ],
        ),
    ];
    let mut ids = std::collections::BTreeMap::new();
    for (n, (tag, fields)) in assets.iter().enumerate() {
        let when = at(2, 4, 10, n as u32);
        let id = AssetId(ulid(when, 100 + n as u128));
        let mut fields = fields.clone();
        fields.insert(0, ("tag", tag));
        ws.register_asset(id, &input(&fields), &kim(when))?;
        ids.insert(*tag, id);
    }
    let id = |tag: &str| ids[tag];
    ws.edit_asset(
        id("PT1-SRV-0001"),
        &input(&[("owner", "클라우드플랫폼팀"), ("notes", "웹 프런트엔드")]),
        &lee(at(2, 4, 14, 0)),
    )?;
    ws.edit_asset(
        id("PT1-SW-0001"),
        &input(&[("serial", "JN1234AC")]),
        &kim(at(2, 4, 14, 5)),
    )?;
    ws.edit_asset(
        id("PT1-SRV-0003"),
        &input(&[("tags", "db, prod"), ("notes", "PostgreSQL 주 서버")]),
        &kim(at(2, 4, 14, 10)),
    )?;
    ws.edit_asset(
        id("PT1-SRV-0003"),
        &input(&[
            ("warranty", "2028-05-09"),
            ("notes", "PostgreSQL 주 서버, 보증 연장"),
        ]),
        &lee(at(2, 4, 14, 20)),
    )?;
    ws.attach_to_asset(
        id("PT1-SRV-0001"),
        "견적서-R650-2024-11.pdf",
        "application/pdf",
        &pdf("견적서 R650 2024-11"),
        &kim(at(2, 4, 15, 0)),
    )?;

    // Placements: servers, a patch panel and switches; a zero-U PDU on the rear.
    let placement = |n: u128| ItemId(ulid(at(2, 5, 9, 0), n));
    let place = |rack: RackId,
                 item: ItemId,
                 device_type: &str,
                 tag: &str,
                 bottom_hu: Option<u32>,
                 face: Face,
                 when: i64|
     -> Result<()> {
        ws.place_device(
            rack,
            item,
            &PlaceRequest {
                device_type: device_type.into(),
                asset: Some(id(tag)),
                label: String::new(),
                bottom_hu,
                face,
                leg: None,
            },
            &kim(when),
        )?;
        Ok(())
    };
    let (srv1, srv2, panel, leaf, pdu, srv3, access) = (
        placement(30),
        placement(31),
        placement(32),
        placement(33),
        placement(34),
        placement(35),
        placement(36),
    );
    place(
        rack_one,
        srv1,
        "builtin:dell-poweredge-r650",
        "PT1-SRV-0001",
        Some(0),
        Face::Front,
        at(2, 5, 9, 0),
    )?;
    place(
        rack_one,
        srv2,
        "builtin:dell-poweredge-r650",
        "PT1-SRV-0002",
        Some(4),
        Face::Front,
        at(2, 5, 9, 1),
    )?;
    place(
        rack_one,
        panel,
        "builtin:patch-panel-24-cat6a",
        "PT1-PP-0001",
        Some(74),
        Face::Front,
        at(2, 5, 9, 2),
    )?;
    place(
        rack_one,
        leaf,
        &leaf_type,
        "PT1-SW-0001",
        Some(78),
        Face::Front,
        at(2, 5, 9, 3),
    )?;
    place(
        rack_one,
        pdu,
        "builtin:raritan-px3-5146r",
        "PT1-PDU-0001",
        None,
        Face::Rear,
        at(2, 5, 9, 4),
    )?;
    place(
        rack_two,
        srv3,
        "builtin:dell-poweredge-r760",
        "PT1-SRV-0003",
        Some(8),
        Face::Front,
        at(2, 5, 9, 5),
    )?;
    place(
        rack_two,
        access,
        "builtin:cisco-catalyst-9300-48t",
        "PT1-SW-0002",
        Some(78),
        Face::Front,
        at(2, 5, 9, 6),
    )?;
    ws.edit_placement(
        rack_one,
        &leaf.to_string(),
        "leaf-01",
        Some(1),
        "ToR, 상단 케이블 매니저 아래",
        &kim(at(2, 5, 9, 10)),
    )?;
    for (n, check) in CheckItem::ALL.iter().enumerate() {
        ws.set_check(
            rack_one,
            &srv1.to_string(),
            *check,
            true,
            if *check == CheckItem::BurnInPassed {
                "72시간 번인 통과"
            } else {
                ""
            },
            &park(at(2, 5, 11, n as u32)),
        )?;
    }
    ws.set_install_status(
        rack_one,
        &srv1.to_string(),
        InstallStatus::Installed,
        &park(at(2, 5, 11, 10)),
    )?;
    ws.set_install_status(
        rack_one,
        &srv1.to_string(),
        InstallStatus::Verified,
        &park(at(2, 5, 11, 11)),
    )?;
    ws.set_check(
        rack_one,
        &srv2.to_string(),
        CheckItem::Mounted,
        true,
        "",
        &park(at(2, 5, 11, 20)),
    )?;
    ws.set_install_status(
        rack_one,
        &srv2.to_string(),
        InstallStatus::Installed,
        &park(at(2, 5, 11, 21)),
    )?;
    ws.add_placement_photo(
        rack_one,
        &srv2.to_string(),
        &png(40, 30, 3)?,
        &park(at(2, 5, 11, 22)),
    )?;
    ws.reserve_units(
        rack_two,
        ItemId(ulid(at(2, 5, 9, 20), 40)),
        Reservation {
            bottom_hu: 20,
            height_hu: 8,
            reason: "GPU 증설 예정".into(),
            by: "김민준".into(),
        },
        &kim(at(2, 5, 9, 20)),
    )?;

    // Cables: two under the default labels, then a scheme that relabels them, then more.
    let end = |rack: RackId, placement: ItemId, role: PortRole, port: &str| CableEnd {
        rack,
        placement: placement.to_string(),
        role,
        port: port.into(),
    };
    let draft =
        |a: CableEnd, b: CableEnd, kind: CableKind, colour: &str, length: f64, label: &str| {
            CableDraft {
                a,
                b,
                kind,
                colour: colour.into(),
                length: Some(length),
                length_unit: LengthUnit::Metres,
                label: label.into(),
            }
        };
    let cable = |n: u128, when: i64| (CableId(ulid(when, 50 + n)), when);
    let add = |(id, when): (CableId, i64), draft: CableDraft| -> Result<CableId> {
        ws.add_cable(id, &draft, &kim(when))?;
        Ok(id)
    };
    let c1 = add(
        cable(1, at(2, 6, 9, 0)),
        draft(
            end(rack_one, srv1, PortRole::Interface, "eno1"),
            end(rack_one, panel, PortRole::Front, "1"),
            CableKind::Cat6a,
            "blue",
            2.0,
            "",
        ),
    )?;
    let c2 = add(
        cable(2, at(2, 6, 9, 1)),
        draft(
            end(rack_one, panel, PortRole::Rear, "1"),
            end(
                rack_two,
                access,
                PortRole::Interface,
                "GigabitEthernet1/0/1",
            ),
            CableKind::Cat6a,
            "blue",
            5.0,
            "",
        ),
    )?;
    ws.set_label_scheme(
        "{rack}.U{unit}.{port}~{far_rack}.U{far_unit}.{far_port}#{n:3}",
        ItemId(ulid(at(2, 6, 9, 5), 45)),
        &lee(at(2, 6, 9, 5)),
    )?;
    let c3 = add(
        cable(3, at(2, 6, 9, 10)),
        draft(
            end(rack_one, srv1, PortRole::Interface, "ens1f0"),
            end(rack_one, leaf, PortRole::Interface, "xe-0/0/0"),
            CableKind::Dac,
            "black",
            1.0,
            "",
        ),
    )?;
    let c4 = add(
        cable(4, at(2, 6, 9, 11)),
        draft(
            end(rack_one, srv2, PortRole::Interface, "ens1f0"),
            end(rack_one, leaf, PortRole::Interface, "xe-0/0/1"),
            CableKind::Dac,
            "black",
            1.0,
            "",
        ),
    )?;
    let c5 = add(
        cable(5, at(2, 6, 9, 12)),
        draft(
            end(rack_one, srv2, PortRole::Interface, "eno1"),
            end(rack_one, panel, PortRole::Front, "2"),
            CableKind::Cat6a,
            "blue",
            2.0,
            "",
        ),
    )?;
    let c6 = add(
        cable(6, at(2, 6, 9, 13)),
        draft(
            end(rack_two, srv3, PortRole::Interface, "iDRAC"),
            end(
                rack_two,
                access,
                PortRole::Interface,
                "GigabitEthernet1/0/2",
            ),
            CableKind::Cat6,
            "yellow",
            3.0,
            "MGMT-R760-01",
        ),
    )?;
    ws.edit_cable(
        c3,
        &CableEdit {
            kind: CableKind::Dac,
            colour: "black".into(),
            length: Some(1.5),
            length_unit: LengthUnit::Metres,
            label: String::new(),
            route_notes: "랙 우측 수직 케이블 매니저".into(),
        },
        &kim(at(2, 6, 10, 0)),
    )?;
    ws.mark_cables_printed(&[c1, c2, c3, c4], &kim(at(2, 6, 10, 30)))?;
    ws.set_cable_status(
        &[c1, c2, c3, c4, c5, c6],
        CableStatus::Installed,
        &park(at(2, 7, 15, 0)),
    )?;
    let tested = |passed: bool, length: Option<f64>, loss: Option<f64>| TestInput {
        passed,
        tester: String::new(),
        at_ms: None,
        measured_length_m: length,
        loss_db: loss,
    };
    ws.record_cable_test(
        c1,
        &tested(true, Some(2.1), None),
        None,
        &park(at(2, 7, 16, 0)),
    )?;
    ws.record_cable_test(
        c4,
        &tested(true, Some(1.0), Some(0.4)),
        Some((
            "DSX-8000-A-R01-ens1f0.pdf",
            &pdf("Fluke DSX-8000 PASS A-R01 ens1f0")[..],
        )),
        &park(at(2, 7, 16, 5)),
    )?;
    ws.record_cable_test(
        c5,
        &tested(false, Some(2.4), None),
        None,
        &park(at(2, 7, 16, 10)),
    )?;

    // Maintenance plans (one stopped) and audit schedules (one place never audited).
    let plan = |name: &str,
                asset: &str,
                asset_type: &str,
                kind: &str,
                every: u32,
                unit: &str,
                start: &str,
                remind: u32,
                vendor: &str| PlanInput {
        name: name.into(),
        asset: asset.into(),
        asset_type: asset_type.into(),
        kind: kind.into(),
        every,
        unit: unit.into(),
        start: start.into(),
        remind_days: remind,
        vendor: vendor.into(),
        notes: String::new(),
    };
    let server_plan = ws.add_maintenance_plan(
        ulid(at(2, 10, 9, 0), 60),
        &plan(
            "서버 반기 점검",
            "",
            "server",
            "preventive",
            6,
            "months",
            "2025-01-15",
            14,
            "델 테크놀로지스",
        ),
        &kim(at(2, 10, 9, 0)),
    )?;
    ws.add_maintenance_plan(
        ulid(at(2, 10, 9, 1), 61),
        &plan(
            "R760 연간 펌웨어 점검",
            "PT1-SRV-0003",
            "",
            "inspection",
            1,
            "years",
            "2025-04-15",
            30,
            "",
        ),
        &kim(at(2, 10, 9, 1)),
    )?;
    let pdu_plan = ws.add_maintenance_plan(
        ulid(at(2, 10, 9, 2), 62),
        &plan(
            "PDU 분기 점검",
            "",
            "pdu",
            "inspection",
            3,
            "months",
            "2025-02-01",
            7,
            "라리탄 코리아",
        ),
        &kim(at(2, 10, 9, 2)),
    )?;
    ws.set_plan_active(&pdu_plan.id, false, &lee(at(2, 11, 9, 0)))?;
    ws.set_audit_schedule(
        ulid(at(2, 10, 9, 5), 63),
        "평택 1센터",
        "전산실 A",
        6,
        "2025-03-01",
        &kim(at(2, 10, 9, 5)),
    )?;
    ws.set_audit_schedule(
        ulid(at(2, 10, 9, 6), 64),
        "평택 1센터",
        "창고",
        12,
        "2025-05-01",
        &kim(at(2, 10, 9, 6)),
    )?;

    // Lifecycle: an assignment returned and one still out, maintenance with a work order, a
    // plan's preventive work, and the disposal of a storage array that holds data.
    let record = |n: u128, when: i64| ulid(when, 70 + n);
    let date = |text: &str| cloudwright_core::assets::Date(text.into());
    let laptop = "PT1-OTH-0001";
    ws.life_step(
        laptop,
        Step::Assign(&AssignInput {
            kind: "person".into(),
            assignee: "최유나".into(),
            from: "2025-02-10".into(),
            due: "2025-03-31".into(),
            note: "야간 당직용".into(),
        }),
        record(1, at(2, 10, 10, 0)),
        &date("2025-02-10"),
        &kim(at(2, 10, 10, 0)),
    )?;
    ws.life_step(
        laptop,
        Step::Return(&ReturnInput {
            on: "2025-03-28".into(),
            condition: "worn".into(),
            note: "키보드 마모".into(),
        }),
        record(2, at(3, 28, 17, 0)),
        &date("2025-03-28"),
        &kim(at(3, 28, 17, 0)),
    )?;
    ws.life_step(
        laptop,
        Step::Assign(&AssignInput {
            kind: "job".into(),
            assignee: "분기 점검 작업".into(),
            from: "2025-04-01".into(),
            due: "2025-05-31".into(),
            note: String::new(),
        }),
        record(3, at(4, 1, 9, 0)),
        &date("2025-04-01"),
        &lee(at(4, 1, 9, 0)),
    )?;
    let work_order = ws.attach_to_asset(
        id("PT1-SRV-0003"),
        "작업지시서-2025-031.pdf",
        "application/pdf",
        &pdf("작업지시서 2025-031 DIMM 교체"),
        &kim(at(3, 10, 9, 0)),
    )?;
    ws.life_step(
        "PT1-SRV-0003",
        Step::Maintain(&MaintenanceInput {
            kind: "repair".into(),
            on: "2025-03-10".into(),
            open: true,
            vendor: "델 테크놀로지스".into(),
            notes: "메모리 오류 (DIMM B2)".into(),
            attachments: vec![work_order.sha256.clone()],
            ..MaintenanceInput::default()
        }),
        record(4, at(3, 10, 9, 5)),
        &date("2025-03-10"),
        &kim(at(3, 10, 9, 5)),
    )?;
    ws.life_step(
        "PT1-SRV-0003",
        Step::FinishMaintenance(&FinishMaintenanceInput {
            finished: "2025-03-12".into(),
            cost: "1200000".into(),
            currency: "KRW".into(),
            downtime_hours: "6".into(),
            notes: "DIMM B2 교체 완료".into(),
        }),
        record(5, at(3, 12, 18, 0)),
        &date("2025-03-12"),
        &kim(at(3, 12, 18, 0)),
    )?;
    ws.life_step(
        "PT1-SRV-0001",
        Step::Maintain(&MaintenanceInput {
            kind: "preventive".into(),
            on: "2025-01-20".into(),
            finished: "2025-01-20".into(),
            vendor: "델 테크놀로지스".into(),
            cost: "250000".into(),
            currency: "KRW".into(),
            downtime_hours: "1.5".into(),
            notes: "펌웨어 업데이트, 필터 청소".into(),
            plan: server_plan.id.clone(),
            ..MaintenanceInput::default()
        }),
        record(6, at(3, 14, 9, 0)),
        &date("2025-03-14"),
        &park(at(3, 14, 9, 0)),
    )?;
    let array = "PT1-STO-0001";
    ws.life_step(
        array,
        Step::RequestDisposal(&DisposalRequestInput {
            reason: "보증 만료, 신규 스토리지로 이관 완료".into(),
            on: "2025-04-01".into(),
        }),
        record(7, at(4, 1, 10, 0)),
        &date("2025-04-01"),
        &kim(at(4, 1, 10, 0)),
    )?;
    ws.life_step(
        array,
        Step::DecideDisposal(
            &DisposalDecisionInput {
                approve: true,
                note: "데이터 완전 삭제 후 폐기".into(),
                on: "2025-04-02".into(),
            },
            None,
        ),
        record(8, at(4, 2, 10, 0)),
        &date("2025-04-02"),
        &lee(at(4, 2, 10, 0)),
    )?;
    let wipe_report = pdf("Blancco Drive Eraser 7 report NA400-7781 purge 24/24 drives");
    ws.life_step(
        array,
        Step::Wipe(
            &WipeInput {
                method: "purge".into(),
                tool: "Blancco Drive Eraser 7".into(),
                on: "2025-04-08".into(),
                wiped_by: "박지훈".into(),
                verified_by: "이서연".into(),
                certificate: "BLN-2025-0408-001".into(),
            },
            Some(("wipe-report-NA400-7781.pdf", &wipe_report)),
            None,
        ),
        record(9, at(4, 8, 16, 0)),
        &date("2025-04-08"),
        &park(at(4, 8, 16, 0)),
    )?;
    ws.life_step(
        array,
        Step::Dispose(&DisposeInput {
            on: "2025-04-15".into(),
            vendor: "(주)그린리사이클".into(),
            batch: "DSP-2025-01".into(),
        }),
        record(10, at(4, 15, 11, 0)),
        &date("2025-04-15"),
        &kim(at(4, 15, 11, 0)),
    )?;

    // A floor audit of the room: scans, marks, a photo, an asset registered on the spot; the
    // PDU is never checked. Closed, and the missing router's correction applied.
    let audit = ws.start_audit(
        ulid(at(5, 20, 9, 0), 80),
        "전산실 A 상반기 실사",
        AuditScope {
            site: "평택 1센터".into(),
            room: "전산실 A".into(),
            rows: Vec::new(),
            racks: Vec::new(),
            filter: None,
        },
        &park(at(5, 20, 9, 0)),
    )?;
    let audit_id = audit.audit.id.clone();
    for (n, code) in [
        "PT1-SRV-0001",
        "CN7R650A02",
        "PT1-SW-0001",
        "PT1-SW-0002",
        "PT1-PP-0001",
        "PT1-FW-0001",
    ]
    .iter()
    .enumerate()
    {
        ws.audit_scan(&audit_id, code, &park(at(5, 20, 9, 10 + n as u32)))?;
    }
    ws.add_audit_photo(
        &audit_id,
        "PT1-SRV-0002",
        &png(64, 48, 4)?,
        &park(at(5, 20, 9, 20)),
    )?;
    ws.audit_mark(
        &audit_id,
        &MarkInput {
            item: "PT1-SRV-0003".into(),
            outcome: "wrong_status".into(),
            actual: None,
            actual_status: "maintenance".into(),
            note: "점검 중 표지 부착".into(),
        },
        &park(at(5, 20, 9, 25)),
    )?;
    ws.audit_mark(
        &audit_id,
        &MarkInput {
            item: "PT1-RTR-0001".into(),
            outcome: "missing".into(),
            actual: None,
            actual_status: String::new(),
            note: "A-R02에 없음".into(),
        },
        &park(at(5, 20, 9, 30)),
    )?;
    ws.audit_register(
        &audit_id,
        AssetId(ulid(at(5, 20, 9, 35), 112)),
        &input(&[
            ("tag", "PT1-SRV-0099"),
            ("type", "server"),
            ("make", "Supermicro"),
            ("model", "SYS-421GE-TNRT"),
            ("serial", "SM421GE-0099"),
            ("status", "in_use"),
        ]),
        &park(at(5, 20, 9, 35)),
    )?;
    ws.close_audit(&audit_id, &park(at(5, 20, 17, 0)))?;
    ws.apply_audit(
        &audit_id,
        Some(&[id("PT1-RTR-0001").to_string()]),
        &lee(at(5, 21, 9, 0)),
    )?;

    // Bound to a team server it never reached: every document and file waits to be pushed.
    ws.bind_sync(&SyncBinding {
        server: "http://127.0.0.1:1".into(),
        remote_workspace: WorkspaceId(ulid(at(2, 3, 9, 0), 999)),
        user: "kim".into(),
        client_id: "client-fixture-v2".into(),
        user_id: String::new(),
        display_name: String::new(),
        server_key: String::new(),
    })?;
    println!(
        "wrote a schema-{} store with {} assets, {} racks, {} cables to {}",
        store.schema_version()?,
        ws.asset_count(),
        ws.places_tree()
            .iter()
            .flat_map(|site| &site.rooms)
            .map(|room| room.racks)
            .sum::<u32>(),
        ws.cables().len(),
        dir.display()
    );
    Ok(())
}
