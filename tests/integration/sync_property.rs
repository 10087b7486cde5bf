//! The convergence property against the real server process: three devices (real stores in
//! temp dirs, the real HTTP client) make random offline edits and syncs in random order; after
//! everyone syncs twice they hold the same rows and the same findings, and no registered asset
//! is lost. (crates/core/src/sync/tests.rs runs the same property in process, with more cases.)

use std::sync::Arc;

use cloudwright_core::assets::{AssetInput, AssetQuery, AssetRow};
use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::{AssetId, Author, Stamp};
use cloudwright_sync_client::session;
use proptest::prelude::*;

use crate::util::{Server, ServerData, PASSWORD};

const WORKSPACE: &str = "평택 1센터";
const USERS: [&str; 3] = ["kim", "lee", "park"];

struct Device {
    _dir: tempfile::TempDir,
    store: Store,
    workspace: Arc<Workspace>,
    author: Author,
}

impl Device {
    fn login(server: &Server, user: &str) -> Device {
        let dir = tempfile::tempdir().expect("temp data dir");
        let store = Store::open(dir.path()).expect("store");
        let logged = session::login(&store, server.address(), user, PASSWORD, Some(WORKSPACE), 1)
            .expect("login");
        Device {
            _dir: dir,
            store,
            workspace: logged.workspace,
            author: Author::from_name(user),
        }
    }

    fn sync(&self) {
        session::sync(&self.store, &self.workspace, 1, &mut |_| {}).expect("sync");
    }

    fn rows(&self) -> Vec<AssetRow> {
        let mut rows = self.workspace.query_assets(&AssetQuery::default()).rows;
        rows.sort_by_key(|row| row.asset.id);
        rows
    }
}

#[derive(Clone, Debug)]
enum Step {
    Register { device: usize, n: u8 },
    Edit { device: usize, n: u8, value: u8 },
    Sync { device: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..6u8).prop_map(|(device, n)| Step::Register { device, n }),
        (0..3usize, 0..6u8, 0..3u8).prop_map(|(device, n, value)| Step::Edit { device, n, value }),
        (0..3usize).prop_map(|device| Step::Sync { device }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn three_devices_converge_through_the_real_server(steps in prop::collection::vec(step(), 1..30)) {
        let data = ServerData::new();
        data.create_workspace(WORKSPACE);
        for user in USERS {
            data.add_user(user, WORKSPACE, "editor");
        }
        let server = data.serve(&[]);
        let devices: Vec<Device> = USERS.iter().map(|user| Device::login(&server, user)).collect();
        let mut registered = std::collections::BTreeSet::new();
        for (clock, step) in steps.into_iter().enumerate() {
            let stamp = |d: &Device| Stamp::new(d.author.clone(), 1_000 + clock as i64);
            match step {
                Step::Register { device, n } => {
                    let d = &devices[device];
                    let id = AssetId(ulid::Ulid(1 + device as u128 * 100 + n as u128));
                    if d.workspace.asset(&id.to_string()).is_err() {
                        let input = AssetInput {
                            asset_tag: Some(format!("T-{device}-{n}")),
                            asset_type: Some("server".into()),
                            status: Some("in_stock".into()),
                            ..AssetInput::default()
                        };
                        d.workspace.register_asset(id, &input, &stamp(d)).expect("register");
                        registered.insert(id);
                    }
                }
                Step::Edit { device, n, value } => {
                    let d = &devices[device];
                    let rows = d.rows();
                    if let Some(row) = rows.get(n as usize % rows.len().max(1)) {
                        let input = AssetInput {
                            owner: Some(format!("팀{value}-{device}")),
                            ..AssetInput::default()
                        };
                        d.workspace.edit_asset(row.asset.id, &input, &stamp(d)).expect("edit");
                    }
                }
                Step::Sync { device } => devices[device].sync(),
            }
        }
        for _ in 0..2 {
            for d in &devices {
                d.sync();
            }
        }
        let first = devices[0].rows();
        let ids: std::collections::BTreeSet<AssetId> = first.iter().map(|r| r.asset.id).collect();
        prop_assert_eq!(ids, registered);
        for d in &devices[1..] {
            prop_assert_eq!(&d.rows(), &first);
            prop_assert_eq!(
                d.workspace.findings().expect("findings"),
                devices[0].workspace.findings().expect("findings")
            );
            prop_assert_eq!(d.workspace.sync_pending().expect("pending"), 0);
        }
    }
}
