//! Nothing a record names is left unsynced. For every kind of record that names a file, a file
//! added on one device is readable, byte for byte, on another after both sync through a real
//! `cloudwright-sync`: when the record is new, when both devices already shared the record
//! before the file was added, and when the server was killed (SIGKILL) and restarted in
//! between. A record that arrives before its file shows the file as waiting for sync, never as
//! an error, and the file follows on a later sync.
//!
//! The devices are core stores in this process, logged in and synced with the sync client as
//! the app and the CLI do it. Each kind is one row of [`KINDS`]: how to make its record without
//! a file, and how to add the file to it.

use std::sync::Arc;

use cloudwright_core::assets::{AssetInput, Date};
use cloudwright_core::audits::AuditScope;
use cloudwright_core::cables::model::{CableEnd, CableKind, LengthUnit, PortRole};
use cloudwright_core::cables::ops::CableDraft;
use cloudwright_core::cables::testing::TestInput;
use cloudwright_core::lifecycle::rules::{DisposalDecisionInput, DisposalRequestInput, WipeInput};
use cloudwright_core::lifecycle::Step;
use cloudwright_core::racks::catalogue::parse_yaml;
use cloudwright_core::racks::{Face, PlaceRequest, RackSpec, RoomInput, SiteInput};
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::sync::protocol::{SyncRequest, SyncResponse};
use cloudwright_core::sync::{
    sync_once, FileState, FileStateView, SyncError, SyncRecord, Transport,
};
use cloudwright_core::Stamp;
use cloudwright_core::{AssetId, Author, CableId, DeviceTypeId, ItemId, RackId, RoomId, SiteId};
use cloudwright_sync_client::authoring::SigningMember;
use cloudwright_sync_client::{session, ClientError, HttpTransport};
use ulid::Ulid;

use crate::util::{Server, ServerData, PASSWORD};

const WORKSPACE: &str = "평택 1센터";
/// When an edit or a sync here happens: now, since the capabilities granted in [`team`]
/// count from the moment they were granted (the dates the records carry are [`TODAY`]).
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as i64)
}
const TODAY: &str = "2025-06-30";

/// One device: its own store in a temp dir, logged in to the team server.
struct Device {
    store: Store,
    workspace: Arc<Workspace>,
    // Last, so the store is closed before its folder goes.
    _dir: tempfile::TempDir,
}

impl Device {
    fn login(server: &Server, user: &str) -> Device {
        let dir = tempfile::tempdir().expect("a device's data dir");
        let store = Store::open(dir.path()).expect("the device's store opens");
        let logged_in = session::login(
            &store,
            &server.url,
            user,
            PASSWORD,
            Some(WORKSPACE),
            now_ms(),
        )
        .unwrap_or_else(|error| panic!("{user} cannot log in: {error}"));
        let device = Device {
            store,
            workspace: logged_in.workspace,
            _dir: dir,
        };
        // The first pass brings the roster its decisions are signed under.
        device.sync();
        device
    }

    /// One full sync pass, as the app's worker and `cloudwright sync` run it.
    fn sync(&self) -> SyncRecord {
        session::sync(&self.store, &self.workspace, now_ms(), &mut |_| {})
            .unwrap_or_else(|error| panic!("sync failed: {error}"))
    }

    /// A transport of this device's own login to the server.
    fn transport(&self) -> HttpTransport {
        let (client, binding) =
            session::client_for(&self.store, &self.workspace).expect("the device is logged in");
        client.transport(binding.remote_workspace, &binding.client_id)
    }

    /// Everything this device added is on the server: no document and no file left to push.
    fn assert_nothing_left_to_push(&self) {
        assert_eq!(
            self.workspace.sync_pending().expect("pending"),
            0,
            "documents left to push"
        );
        assert_eq!(
            self.workspace.blobs_to_push().expect("files to push"),
            Vec::<String>::new(),
            "files left to push"
        );
    }
}

/// A team server with one workspace and two editors: `kim` works on device A, `lee` on B.
fn team() -> (ServerData, Server) {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    data.add_user("lee", WORKSPACE, "editor");
    for capability in ["approve_disposals", "verify_wipes"] {
        data.admin(&[
            "user",
            "grant",
            "kim",
            "--workspace",
            WORKSPACE,
            "--capability",
            capability,
        ])
        .ok();
    }
    let server = data.serve(&[]);
    (data, server)
}

fn kim() -> Stamp {
    Stamp::new(Author::new("김민준", "MJ"), now_ms())
}

fn lee() -> Stamp {
    Stamp::new(Author::new("이서연", "SY"), now_ms())
}

fn park() -> Stamp {
    Stamp::new(Author::new("박지훈", "JH"), now_ms())
}

/// A small PNG: a gradient that `seed` shifts, so each picture has its own bytes.
fn png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 7) as u8 ^ seed,
            (y * 11) as u8,
            seed.wrapping_mul(3).wrapping_add((x + y) as u8),
        ])
    });
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("a PNG is written");
    bytes
}

/// A file that starts like a PDF and says what it is. Each kind's file has its own bytes, so
/// no kind's file arrives only because another kind's record names the same one.
fn pdf(title: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% Cloudwright sync test\n% {title}\n%%EOF\n").into_bytes()
}

/// What a kind's `setup` made: its record, with no file yet.
enum Setup {
    Asset(AssetId),
    Placement {
        rack: RackId,
        placement: String,
    },
    DeviceType(String),
    Cable(CableId),
    /// The tag of a data-holding asset whose disposal is requested and approved.
    DisposalApproved(String),
    /// An audit in which the asset `tag` has been scanned.
    AuditScanned {
        audit: String,
        tag: String,
    },
}

/// A file as the device that added it stored it.
struct Added {
    sha: String,
    bytes: Vec<u8>,
}

/// A kind of record that names a file.
struct FileKind {
    name: &'static str,
    /// Makes the record without a file.
    setup: fn(&Device) -> Setup,
    /// Adds a file to the record `setup` made.
    add_file: fn(&Device, &Setup) -> Added,
}

const KINDS: &[FileKind] = &[
    FileKind {
        name: "asset attachment",
        setup: |device| asset_setup(&device.workspace),
        add_file: |device, setup| attachment_add(&device.workspace, setup),
    },
    FileKind {
        name: "placement photo",
        setup: |device| placement_setup(&device.workspace),
        add_file: |device, setup| placement_photo_add(&device.workspace, setup),
    },
    FileKind {
        name: "device type front image",
        setup: |device| front_type_setup(&device.workspace),
        add_file: |device, setup| front_image_add(&device.workspace, setup),
    },
    FileKind {
        name: "device type rear image",
        setup: |device| rear_type_setup(&device.workspace),
        add_file: |device, setup| rear_image_add(&device.workspace, setup),
    },
    FileKind {
        name: "cable test report",
        setup: |device| cable_setup(&device.workspace),
        add_file: |device, setup| cable_report_add(&device.workspace, setup),
    },
    FileKind {
        name: "disposal wipe report",
        setup: disposal_setup,
        add_file: wipe_report_add,
    },
    FileKind {
        name: "audit photo",
        setup: |device| audit_setup(&device.workspace),
        add_file: |device, setup| audit_photo_add(&device.workspace, setup),
    },
];

/// The file `sha` as `workspace` holds it; it must be here, since this device just added it.
fn held(workspace: &Workspace, kind: &str, sha: String) -> Added {
    match workspace.file_state(&sha).expect("file state") {
        FileState::Here(bytes) => Added { sha, bytes },
        other => panic!("{kind}: the device that added {sha} does not hold it: {other:?}"),
    }
}

/// [`held`], and stored exactly as given.
fn held_as_given(workspace: &Workspace, kind: &str, sha: String, given: Vec<u8>) -> Added {
    let added = held(workspace, kind, sha);
    assert!(
        added.bytes == given,
        "{kind}: stored {} bytes, not the {} given",
        added.bytes.len(),
        given.len()
    );
    added
}

fn register(workspace: &Workspace, tag: &str, asset_type: &str, site: &str, room: &str) -> AssetId {
    let id = AssetId(Ulid::new());
    workspace
        .register_asset(
            id,
            &AssetInput {
                asset_tag: Some(tag.to_owned()),
                asset_type: Some(asset_type.to_owned()),
                status: Some("in_use".to_owned()),
                site: Some(site.to_owned()),
                room: Some(room.to_owned()),
                ..AssetInput::default()
            },
            &kim(),
        )
        .unwrap_or_else(|error| panic!("register {tag}: {error}"));
    id
}

/// A site, a room and a 42U rack of their own, all named after `name`.
fn rack(workspace: &Workspace, name: &str) -> RackId {
    let site = SiteId(Ulid::new());
    workspace
        .save_site(
            site,
            &SiteInput {
                name: format!("{name} site"),
                code: name.to_uppercase(),
                address: String::new(),
            },
            &kim(),
        )
        .expect("a site");
    let room = RoomId(Ulid::new());
    workspace
        .save_room(
            room,
            &RoomInput {
                site,
                name: format!("{name} room"),
                columns: 10,
                rows: 10,
                tile_mm: 600,
            },
            &kim(),
        )
        .expect("a room");
    let rack = RackId(Ulid::new());
    workspace
        .save_rack(
            rack,
            &RackSpec::standard(room, &format!("{name}-R01")),
            &kim(),
        )
        .expect("a rack");
    rack
}

fn place(workspace: &Workspace, rack: RackId, device_type: &str, bottom_hu: u32) -> ItemId {
    let item = ItemId(Ulid::new());
    workspace
        .place_device(
            rack,
            item,
            &PlaceRequest {
                device_type: device_type.to_owned(),
                asset: None,
                label: String::new(),
                bottom_hu: Some(bottom_hu),
                face: Face::Front,
                leg: None,
            },
            &kim(),
        )
        .unwrap_or_else(|error| panic!("place {device_type}: {error}"));
    item
}

fn asset_setup(workspace: &Workspace) -> Setup {
    Setup::Asset(register(workspace, "ATT-SRV-0001", "server", "", ""))
}

fn attachment_add(workspace: &Workspace, setup: &Setup) -> Added {
    let Setup::Asset(asset) = setup else {
        panic!("an attachment needs an asset")
    };
    let bytes = pdf("견적서 R650 (asset attachment)");
    let attachment = workspace
        .attach_to_asset(*asset, "견적서.pdf", "application/pdf", &bytes, &kim())
        .expect("attach");
    held_as_given(workspace, "asset attachment", attachment.sha256, bytes)
}

fn placement_setup(workspace: &Workspace) -> Setup {
    let rack = rack(workspace, "photo");
    let placement = place(workspace, rack, "builtin:dell-poweredge-r650", 0);
    Setup::Placement {
        rack,
        placement: placement.to_string(),
    }
}

fn placement_photo_add(workspace: &Workspace, setup: &Setup) -> Added {
    let Setup::Placement { rack, placement } = setup else {
        panic!("a placement photo needs a placement")
    };
    let bytes = png(40, 30, 3);
    let rack_now = workspace
        .add_placement_photo(*rack, placement, &bytes, &park())
        .expect("add a placement photo");
    let sha = rack_now.placements[placement].photos[0].clone();
    held_as_given(workspace, "placement photo", sha, bytes)
}

/// A device type imported from YAML in NetBox's device type library shape.
fn imported_type(workspace: &Workspace, model: &str) -> Setup {
    let slug = model.to_lowercase();
    let yaml = format!(
        "- manufacturer: Cloudwright\n  model: {model}\n  slug: cloudwright-{slug}\n  u_height: 1\n  \
         is_full_depth: false\n  interfaces:\n    - {{name: em0, type: 1000base-t}}\n"
    );
    let inputs = parse_yaml(&yaml).unwrap_or_else(|problem| panic!("YAML: {problem:?}"));
    let imported = workspace
        .import_device_types(&inputs, &[DeviceTypeId(Ulid::new())], &kim())
        .expect("import a device type");
    Setup::DeviceType(imported[0].key.clone())
}

fn front_type_setup(workspace: &Workspace) -> Setup {
    imported_type(workspace, "CW-SYNC-FRONT")
}

fn rear_type_setup(workspace: &Workspace) -> Setup {
    imported_type(workspace, "CW-SYNC-REAR")
}

fn device_type_image_add(workspace: &Workspace, setup: &Setup, face: Face, seed: u8) -> Added {
    let Setup::DeviceType(key) = setup else {
        panic!("an image needs a device type")
    };
    let bytes = png(48, 8, seed);
    let device = workspace
        .set_device_type_image(key, face, &bytes, &kim())
        .expect("set a device type image");
    let sha = match face {
        Face::Front => device.front_image,
        Face::Rear => device.rear_image,
    };
    held_as_given(
        workspace,
        "device type image",
        sha.expect("the image is named"),
        bytes,
    )
}

fn front_image_add(workspace: &Workspace, setup: &Setup) -> Added {
    device_type_image_add(workspace, setup, Face::Front, 1)
}

fn rear_image_add(workspace: &Workspace, setup: &Setup) -> Added {
    device_type_image_add(workspace, setup, Face::Rear, 2)
}

fn cable_setup(workspace: &Workspace) -> Setup {
    let rack = rack(workspace, "cable");
    let server = place(workspace, rack, "builtin:dell-poweredge-r650", 0);
    let panel = place(workspace, rack, "builtin:patch-panel-24-cat6a", 74);
    let end = |placement: ItemId, role: PortRole, port: &str| CableEnd {
        rack,
        placement: placement.to_string(),
        role,
        port: port.into(),
    };
    let id = CableId(Ulid::new());
    workspace
        .add_cable(
            id,
            &CableDraft {
                a: end(server, PortRole::Interface, "eno1"),
                b: end(panel, PortRole::Front, "1"),
                kind: CableKind::Cat6a,
                colour: "blue".into(),
                length: Some(2.0),
                length_unit: LengthUnit::Metres,
                label: String::new(),
            },
            &kim(),
        )
        .expect("add a cable");
    Setup::Cable(id)
}

fn cable_report_add(workspace: &Workspace, setup: &Setup) -> Added {
    let Setup::Cable(cable) = setup else {
        panic!("a test report needs a cable")
    };
    let bytes = pdf("Fluke DSX-8000 PASS (cable test report)");
    let tested = workspace
        .record_cable_test(
            *cable,
            &TestInput {
                passed: true,
                tester: String::new(),
                at_ms: None,
                measured_length_m: Some(2.1),
                loss_db: None,
            },
            Some(("DSX-8000.pdf", &bytes)),
            &park(),
        )
        .expect("record a cable test");
    let sha = tested.tests[0].report.clone().expect("the report is named");
    held_as_given(workspace, "cable test report", sha, bytes)
}

const DISPOSED_TAG: &str = "WIPE-STO-0001";

/// Requested, then approved and signed by kim (granted approve_disposals and verify_wipes in
/// [`team`]); the request is recorded under another name, so kim is not its requester.
fn disposal_setup(device: &Device) -> Setup {
    let workspace = &*device.workspace;
    let member = SigningMember::of(&device.store, workspace)
        .expect("the signing member")
        .expect("kim is logged in");
    register(workspace, DISPOSED_TAG, "storage", "", "");
    let today = Date(TODAY.into());
    workspace
        .life_step(
            DISPOSED_TAG,
            Step::RequestDisposal(&DisposalRequestInput {
                reason: "보증 만료".into(),
                on: TODAY.into(),
            }),
            Ulid::new(),
            &today,
            &kim(),
        )
        .expect("request the disposal");
    // Approved by someone other than the requester.
    workspace
        .life_step(
            DISPOSED_TAG,
            Step::DecideDisposal(
                &DisposalDecisionInput {
                    approve: true,
                    note: "데이터 완전 삭제 후 폐기".into(),
                    on: TODAY.into(),
                },
                Some(&member.signer()),
            ),
            Ulid::new(),
            &today,
            &lee(),
        )
        .expect("approve the disposal");
    Setup::DisposalApproved(DISPOSED_TAG.to_owned())
}

/// Wiped by lee, verified and signed by kim.
fn wipe_report_add(device: &Device, setup: &Setup) -> Added {
    let workspace = &*device.workspace;
    let member = SigningMember::of(&device.store, workspace)
        .expect("the signing member")
        .expect("kim is logged in");
    let Setup::DisposalApproved(tag) = setup else {
        panic!("a wipe report needs an approved disposal")
    };
    let bytes = pdf("Blancco Drive Eraser 7 purge (disposal wipe report)");
    workspace
        .life_step(
            tag,
            Step::Wipe(
                &WipeInput {
                    method: "purge".into(),
                    tool: "Blancco Drive Eraser 7".into(),
                    on: TODAY.into(),
                    // Verified by a second member: kim, who signs it.
                    wiped_by: "lee".into(),
                    verified_by: String::new(),
                    certificate: "BLN-2025-0630-001".into(),
                },
                Some(("wipe-report.pdf", &bytes)),
                Some(&member.signer()),
            ),
            Ulid::new(),
            &Date(TODAY.into()),
            &park(),
        )
        .expect("record the wipe");
    let sha = workspace
        .asset_life(tag)
        .expect("the asset's life")
        .disposal
        .and_then(|disposal| disposal.wipe)
        .and_then(|wipe| wipe.attachment)
        .expect("the wipe names its report");
    held_as_given(workspace, "disposal wipe report", sha, bytes)
}

const AUDITED_TAG: &str = "AUD-SRV-0001";

fn audit_setup(workspace: &Workspace) -> Setup {
    register(workspace, AUDITED_TAG, "server", "audit site", "audit room");
    let audit = workspace
        .start_audit(
            Ulid::new(),
            "상반기 실사",
            AuditScope {
                site: "audit site".into(),
                room: "audit room".into(),
                rows: Vec::new(),
                racks: Vec::new(),
                filter: None,
            },
            &park(),
        )
        .expect("start an audit");
    workspace
        .audit_scan(&audit.audit.id, AUDITED_TAG, &park())
        .expect("scan the asset");
    Setup::AuditScanned {
        audit: audit.audit.id,
        tag: AUDITED_TAG.to_owned(),
    }
}

fn audit_photo_add(workspace: &Workspace, setup: &Setup) -> Added {
    let Setup::AuditScanned { audit, tag } = setup else {
        panic!("an audit photo needs a scanned item")
    };
    let sha = workspace
        .add_audit_photo(audit, tag, &png(64, 48, 4), &park())
        .expect("add an audit photo");
    // The photo is stored re-encoded as a JPEG: what device A holds is what B must get.
    let added = held(workspace, "audit photo", sha);
    assert!(
        added.bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "the stored audit photo is a JPEG"
    );
    added
}

fn describe(state: &FileState) -> String {
    match state {
        FileState::Here(bytes) => format!("here, {} bytes", bytes.len()),
        FileState::WaitingForSync => "waiting for sync".into(),
        FileState::Unknown => "unknown".into(),
    }
}

/// Every kind whose file `device` does not hold byte for byte, with what it has instead.
fn files_not_here(device: &Device, added: &[(&FileKind, Added)]) -> Vec<String> {
    added
        .iter()
        .filter_map(|(kind, file)| {
            let state = device.workspace.file_state(&file.sha).expect("file state");
            match state {
                FileState::Here(bytes) if bytes == file.bytes => None,
                FileState::Here(bytes) => Some(format!(
                    "{}: {} bytes that differ from the {} added",
                    kind.name,
                    bytes.len(),
                    file.bytes.len()
                )),
                other => Some(format!("{}: {}", kind.name, describe(&other))),
            }
        })
        .collect()
}

/// The files B reads after its sync: every one of them, byte for byte, and none still wanted.
fn assert_all_here(b: &Device, added: &[(&FileKind, Added)], scenario: &str) {
    let problems = files_not_here(b, added);
    assert!(
        problems.is_empty(),
        "{scenario}: device B lacks files:\n  {}",
        problems.join("\n  ")
    );
    assert_eq!(
        b.workspace.blobs_wanted().expect("wanted"),
        Vec::<String>::new(),
        "{scenario}: device B still waits for files"
    );
}

fn setup_all(device: &Device) -> Vec<(&'static FileKind, Setup)> {
    KINDS
        .iter()
        .map(|kind| (kind, (kind.setup)(device)))
        .collect()
}

fn add_all(
    device: &Device,
    setups: &[(&'static FileKind, Setup)],
) -> Vec<(&'static FileKind, Added)> {
    setups
        .iter()
        .map(|(kind, setup)| (*kind, (kind.add_file)(device, setup)))
        .collect()
}

#[test]
fn a_file_added_with_its_record_reaches_the_other_device() {
    let (_data, server) = team();
    let a = Device::login(&server, "kim");
    let b = Device::login(&server, "lee");

    let setups = setup_all(&a);
    let added = add_all(&a, &setups);
    let pushed = a.sync();
    assert_eq!(pushed.blobs_up as usize, KINDS.len(), "{pushed:?}");
    a.assert_nothing_left_to_push();

    let pulled = b.sync();
    assert_eq!(pulled.blobs_down as usize, KINDS.len(), "{pulled:?}");
    assert_all_here(&b, &added, "record and file new together");
}

#[test]
fn a_file_added_to_a_record_both_devices_already_share_reaches_the_other_device() {
    let (_data, server) = team();
    let a = Device::login(&server, "kim");
    let b = Device::login(&server, "lee");

    let setups = setup_all(&a);
    a.sync();
    b.sync();
    a.assert_nothing_left_to_push();

    let added = add_all(&a, &setups);
    let pushed = a.sync();
    assert_eq!(pushed.blobs_up as usize, KINDS.len(), "{pushed:?}");
    a.assert_nothing_left_to_push();

    let pulled = b.sync();
    assert_eq!(pulled.blobs_down as usize, KINDS.len(), "{pulled:?}");
    assert_all_here(&b, &added, "file added to a shared record");
}

#[test]
fn a_file_pushed_before_the_server_is_killed_reaches_the_other_device_after_a_restart() {
    let (data, server) = team();
    let a = Device::login(&server, "kim");
    let b = Device::login(&server, "lee");

    let setups = setup_all(&a);
    let added = add_all(&a, &setups);
    a.sync();
    a.assert_nothing_left_to_push();

    let address = server.address().to_owned();
    server.kill();
    // The same address, so the devices' logins point at it.
    let _restarted = data.serve_on(&address, &[]);

    let pulled = b.sync();
    assert_eq!(pulled.blobs_down as usize, KINDS.len(), "{pulled:?}");
    assert_all_here(&b, &added, "server killed and restarted");
}

/// The team server as it is, except that every file upload fails as if the connection dropped
/// during it: the documents of a pass go up, their files do not.
struct UploadsCut(HttpTransport);

impl Transport for UploadsCut {
    type Error = ClientError;

    fn exchange(&mut self, request: &SyncRequest) -> Result<SyncResponse, ClientError> {
        self.0.exchange(request)
    }

    fn blob_missing(&mut self, hashes: &[String]) -> Result<Vec<String>, ClientError> {
        self.0.blob_missing(hashes)
    }

    fn blob_put(&mut self, _sha: &str, _bytes: &[u8]) -> Result<(), ClientError> {
        Err(ClientError::Unreachable(
            "the connection dropped during the upload".into(),
        ))
    }

    fn blob_get(&mut self, sha: &str) -> Result<Option<Vec<u8>>, ClientError> {
        self.0.blob_get(sha)
    }
}

#[test]
fn a_record_that_arrives_before_its_file_shows_the_file_as_waiting_for_sync() {
    let (_data, server) = team();
    let a = Device::login(&server, "kim");
    let b = Device::login(&server, "lee");

    let setups = setup_all(&a);
    let added = add_all(&a, &setups);
    let cut = sync_once(
        &a.workspace,
        &mut UploadsCut(a.transport()),
        now_ms(),
        &mut |_| {},
    );
    assert!(
        matches!(cut, Err(SyncError::Transport(ClientError::Unreachable(_)))),
        "the pass stops at the first upload: {cut:?}"
    );
    assert_eq!(a.workspace.sync_pending().expect("pending"), 0);
    assert_eq!(
        a.workspace.blobs_to_push().expect("files to push").len(),
        KINDS.len(),
        "device A still owes every file"
    );

    // B gets every record, and each file is on its way: not here, not an error.
    let pulled = b.sync();
    assert_eq!(pulled.blobs_down, 0, "{pulled:?}");
    let not_waiting: Vec<String> = added
        .iter()
        .filter_map(|(kind, file)| {
            let state = b.workspace.file_state(&file.sha).expect("file state");
            // What the app's screens read (`file_state` command): the same, without bytes.
            let presence = b.workspace.file_presence(&file.sha).expect("file presence");
            (state != FileState::WaitingForSync || presence != FileStateView::WaitingForSync)
                .then(|| format!("{}: {} ({presence:?})", kind.name, describe(&state)))
        })
        .collect();
    assert!(
        not_waiting.is_empty(),
        "device B should wait for these files:\n  {}",
        not_waiting.join("\n  ")
    );

    // A's next pass uploads them; B's next pass fetches them.
    let pushed = a.sync();
    assert_eq!(pushed.blobs_up as usize, KINDS.len(), "{pushed:?}");
    a.assert_nothing_left_to_push();
    let pulled = b.sync();
    assert_eq!(pulled.blobs_down as usize, KINDS.len(), "{pulled:?}");
    // No document changed in that pass: the app refreshes its screens on the files alone.
    assert_eq!(pulled.pulled, 0, "{pulled:?}");
    assert_all_here(&b, &added, "files uploaded after their records");
    for (kind, file) in &added {
        assert_eq!(
            b.workspace.file_presence(&file.sha).expect("file presence"),
            FileStateView::Here,
            "{}",
            kind.name
        );
    }
}
