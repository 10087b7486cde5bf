//! The one test kit of core's tests: a fresh workspace on a real store in a temp folder,
//! stamps, a small floor (a site, a room, two racks), and devices that sync with a hub in
//! process through the wire encoding (the real server process is tested in the `tests` crate).
//! Every test module takes its helpers from here, never from another module's tests.

use std::sync::Arc;

use crate::assets::{AssetInput, AssetQuery, AssetRow};
use crate::cables::model::{CableEnd, PortRole};
use crate::ids::{AssetId, ItemId, RackId, RoomId, SiteId, WorkspaceId};
use crate::racks::model::{Face, FloorObject, FloorObjectKind};
use crate::racks::{PlaceRequest, RackSpec, RoomInput, SiteInput};
use crate::stamp::{Author, Identity, Stamp};
use crate::store::{Store, Workspace};
use crate::sync::engine::{sync_once, Transport};
use crate::sync::hub::{Hub, HubError, PushScope, Pusher};
use crate::sync::protocol::{self, SyncRequest, SyncResponse};
use crate::sync::SyncBinding;

pub(crate) struct InProcess {
    pub(crate) hub: Arc<Hub>,
    pub(crate) client: String,
    pub(crate) scope: PushScope,
    /// The account the hub takes the device's pushes from.
    pub(crate) account: String,
    /// The roster the hub judges decisions by (none: not judged).
    pub(crate) roster: Option<crate::trust::Roster>,
    pub(crate) exchanges: usize,
    pub(crate) bytes: usize,
}

impl Transport for InProcess {
    type Error = HubError;
    fn refused_documents(error: &HubError) -> Option<Vec<String>> {
        error.refused_documents()
    }
    fn too_large(error: &HubError) -> Option<u64> {
        matches!(error, HubError::BlobTooLarge).then_some(crate::sync::blobs::MAX_BLOB_BYTES as u64)
    }
    fn exchange(&mut self, request: &SyncRequest) -> Result<SyncResponse, HubError> {
        let sent = protocol::encode(request);
        let decoded = protocol::decode(&sent).expect("request decodes");
        let pusher = Pusher {
            roster: self.roster.as_ref(),
            ..Pusher::account(&self.account, self.scope)
        };
        let response = self.hub.exchange(decoded, &self.client, &pusher)?;
        let answer = protocol::encode(&response);
        self.exchanges += 1;
        self.bytes += sent.len() + answer.len();
        Ok(protocol::decode(&answer).expect("response decodes"))
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

pub(crate) struct Server {
    _dir: tempfile::TempDir,
    pub(crate) _store: Store,
    pub(crate) hub: Arc<Hub>,
    pub(crate) workspace: WorkspaceId,
}

pub(crate) fn server() -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("server store");
    let meta = store.create_workspace("팀", 1).expect("workspace");
    let hub = Arc::new(Hub::open(&store, &meta.id, protocol::FeedEpoch([1; 16])).expect("hub"));
    Server {
        _dir: dir,
        _store: store,
        hub,
        workspace: meta.id,
    }
}

pub(crate) struct Device {
    _dir: tempfile::TempDir,
    pub(crate) workspace: Arc<Workspace>,
    pub(crate) transport: InProcess,
    pub(crate) who: Author,
}

pub(crate) fn device(server: &Server, name: &str) -> Device {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("device store");
    let meta = store.create_workspace("로컬", 1).expect("workspace");
    let workspace = store.workspace(&meta.id).expect("open");
    workspace
        .bind_sync(&SyncBinding {
            server: "http://127.0.0.1:1".into(),
            remote_workspace: server.workspace,
            user: name.into(),
            client_id: format!("client-{name}"),
            user_id: String::new(),
            display_name: String::new(),
            server_key: String::new(),
        })
        .expect("bind");
    Device {
        _dir: dir,
        workspace,
        transport: InProcess {
            hub: server.hub.clone(),
            client: format!("client-{name}"),
            scope: PushScope::Everything,
            account: format!("account-{name}"),
            roster: None,
            exchanges: 0,
            bytes: 0,
        },
        who: Author::from_name(name),
    }
}

impl Device {
    pub(crate) fn sync(&mut self) -> crate::sync::SyncRecord {
        sync_once(&self.workspace, &mut self.transport, 1_000, &mut |_| {}).expect("sync")
    }

    /// A stamp of this device's account, as a logged-in device makes them.
    pub(crate) fn stamp(&self, at_ms: i64) -> Stamp {
        Stamp::new(self.who.clone(), at_ms).by(Identity::Account(self.transport.account.clone()))
    }

    pub(crate) fn register(&self, n: u128, tag: &str) -> AssetId {
        let id = AssetId(ulid::Ulid(n));
        let input = AssetInput {
            asset_tag: Some(tag.into()),
            asset_type: Some("server".into()),
            status: Some("in_stock".into()),
            ..AssetInput::default()
        };
        self.workspace
            .register_asset(id, &input, &self.stamp(n as i64))
            .expect("register");
        id
    }

    pub(crate) fn edit(&self, id: AssetId, input: AssetInput, at_ms: i64) {
        self.workspace
            .edit_asset(id, &input, &self.stamp(at_ms))
            .expect("edit");
    }

    pub(crate) fn rows(&self) -> Vec<AssetRow> {
        let mut rows = self.workspace.query_assets(&AssetQuery::default()).rows;
        rows.sort_by_key(|row| row.asset.id);
        rows
    }
}

pub(crate) fn stamp(at_ms: i64) -> Stamp {
    Stamp::new(Author::new("김민준", "MJ"), at_ms)
}

pub(crate) fn item(n: u128) -> ItemId {
    ItemId(ulid::Ulid(n))
}

/// A new store in a temp dir with one empty workspace (keep the dir and store alive).
pub(crate) fn fresh_workspace() -> (tempfile::TempDir, Store, std::sync::Arc<Workspace>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let meta = store.create_workspace("build", 1).expect("workspace");
    let ws = store.workspace(&meta.id).expect("open");
    (dir, store, ws)
}

pub(crate) struct Layout {
    pub(crate) room: RoomId,
    pub(crate) rack: RackId,
    pub(crate) other: RackId,
}

/// A site, a room with 40 kW of cooling and a row, and two standard racks in it.
pub(crate) fn layout(ws: &Workspace, who: &Stamp) -> Layout {
    let site = SiteId(ulid::Ulid(1));
    ws.save_site(
        site,
        &SiteInput {
            name: "평택 1센터".into(),
            code: "PT1".into(),
            address: String::new(),
        },
        who,
    )
    .expect("site");
    let room = RoomId(ulid::Ulid(2));
    ws.save_room(
        room,
        &RoomInput {
            site,
            name: "전산실 A".into(),
            columns: 20,
            rows: 12,
            tile_mm: 600,
        },
        who,
    )
    .expect("room");
    ws.put_rack_row(room, item(3), "A열", who).expect("row");
    ws.put_floor_object(
        room,
        item(4),
        FloorObject {
            kind: FloorObjectKind::CoolingUnit,
            name: "CRAH-1".into(),
            x: 0,
            y: 0,
            cooling_kw: 40.0,
            power_kw: 0.0,
        },
        who,
    )
    .expect("cooling");
    let mut spec = RackSpec::standard(room, "A-R01");
    spec.row = item(3).to_string();
    spec.x = 2;
    let rack = RackId(ulid::Ulid(10));
    ws.save_rack(rack, &spec, who).expect("rack");
    spec.name = "A-R02".into();
    spec.x = 3;
    let other = RackId(ulid::Ulid(11));
    ws.save_rack(other, &spec, who).expect("rack 2");
    Layout { room, rack, other }
}

pub(crate) fn server_request(bottom_hu: Option<u32>, asset: Option<AssetId>) -> PlaceRequest {
    PlaceRequest {
        device_type: "builtin:dell-poweredge-r650".into(),
        asset,
        label: String::new(),
        bottom_hu,
        face: Face::Front,
        leg: None,
    }
}

pub(crate) fn register(ws: &Workspace, n: u128, tag: &str) -> AssetId {
    let id = AssetId(ulid::Ulid(n));
    let input = AssetInput {
        asset_tag: Some(tag.into()),
        asset_type: Some("server".into()),
        status: Some("in_stock".into()),
        ..AssetInput::default()
    };
    ws.register_asset(id, &input, &stamp(5)).expect("register");
    id
}

/// A rack A-R01 with a server (U1), a 48-port patch panel (U42) and a 25G switch (U41).
pub(crate) fn plant(ws: &Workspace, who: &Stamp) -> RackId {
    let site = SiteId(ulid::Ulid(1));
    ws.save_site(
        site,
        &SiteInput {
            name: "평택".into(),
            code: "PT".into(),
            address: String::new(),
        },
        who,
    )
    .expect("site");
    let room = RoomId(ulid::Ulid(2));
    ws.save_room(
        room,
        &RoomInput {
            site,
            name: "A".into(),
            columns: 10,
            rows: 5,
            tile_mm: 600,
        },
        who,
    )
    .expect("room");
    let rack = RackId(ulid::Ulid(3));
    ws.save_rack(rack, &RackSpec::standard(room, "A-R01"), who)
        .expect("rack");
    for (n, key, label, bottom_hu) in [
        (10, "builtin:dell-poweredge-r650", "web-01", 0),
        (11, "builtin:patch-panel-48-cat6a", "pp-1", 82),
        (12, "builtin:arista-7280r3-48yc8", "tor-1", 80),
    ] {
        let request = PlaceRequest {
            device_type: key.into(),
            asset: None,
            label: label.into(),
            bottom_hu: Some(bottom_hu),
            face: Face::Front,
            leg: None,
        };
        ws.place_device(rack, ItemId(ulid::Ulid(n)), &request, who)
            .expect("placed");
    }
    rack
}

pub(crate) fn end(rack: RackId, placement: u128, role: PortRole, port: &str) -> CableEnd {
    CableEnd {
        rack,
        placement: ItemId(ulid::Ulid(placement)).to_string(),
        role,
        port: port.into(),
    }
}

/// Every file under `dir` with its bytes (to show a refused store was left as it was).
pub(crate) fn files(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.insert(path.clone(), std::fs::read(&path).expect("read file"));
            }
        }
    }
    found
}
