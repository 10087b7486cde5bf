//! After `store::recover::recover_store`, a workspace that synced with a team server keeps
//! its binding under a new client id (the feed skips a client's own pushes, and some of them
//! may be among what was lost), its feed cursor is back at the start (the next sync fetches
//! everything the server has) and every recovered document waits to be pushed (edits not
//! yet synced that survived reach the server). The binding is written after the damage, so
//! it comes back from the scan of the log, not from sled.

use cloudwright_core::demo::{generate, DemoOptions};
use cloudwright_core::kinds::registry;
use cloudwright_core::store::integrity::check_sled_store;
use cloudwright_core::store::recover::recover_store;
use cloudwright_core::store::Store;
use cloudwright_core::sync::client::SyncBinding;
use cloudwright_core::{Author, Stamp};

#[test]
fn a_recovered_synced_workspace_fetches_everything_again_and_pushes_what_survived() {
    let data = tempfile::tempdir().expect("tempdir");
    let binding = {
        let store = Store::open(data.path()).expect("open");
        let meta = store.create_workspace("평택 1센터", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("workspace");
        let stamp = Stamp::new(Author::new("김민준", "MJ"), 1_765_000_000_000);
        generate(
            &workspace,
            &DemoOptions {
                assets: 40,
                seed: 3,
            },
            &stamp,
        )
        .expect("demo");
        let binding = SyncBinding {
            server: "http://127.0.0.1:9".into(),
            remote_workspace: meta.id,
            user: "mj".into(),
            client_id: "device-1".into(),
            user_id: String::new(),
            display_name: String::new(),
            server_key: String::new(),
        };
        workspace.bind_sync(&binding).expect("bind");
        workspace.set_sync_cursor(42).expect("cursor");
        binding
    };
    let end = check_sled_store(&data.path().join("store"))
        .expect("check")
        .end_offset as usize;
    let log = data.path().join("store/db");
    let mut bytes = std::fs::read(&log).expect("log");
    bytes[end / 2] ^= 0x40;
    std::fs::write(&log, &bytes).expect("flip a byte");
    assert!(
        Store::open(data.path()).is_err(),
        "the damaged store is refused"
    );

    let report = recover_store(data.path(), registry(), 1_765_000_100_000).expect("recover");

    let store = Store::open(data.path()).expect("the recovered store opens");
    let meta = store.find_workspace("평택 1센터").expect("listed");
    let workspace = store.workspace(&meta.id).expect("workspace");
    let recovered = workspace
        .sync_binding()
        .expect("binding")
        .expect("still bound");
    assert_eq!(recovered.server, binding.server);
    assert_eq!(recovered.remote_workspace, binding.remote_workspace);
    assert!(
        recovered.client_id.starts_with("device-1-recovered-"),
        "{}",
        recovered.client_id
    );
    assert_eq!(workspace.sync_cursor().expect("cursor"), 0);
    assert_eq!(
        workspace.sync_pending().expect("pending"),
        report.workspaces[0].recovered.len()
    );
    assert!(workspace.asset_count() > 0);
    // The demo's assets and the places their locations name.
    let assets = report.workspaces[0]
        .recovered
        .iter()
        .filter(|record| record.kind == "asset")
        .count();
    assert_eq!(workspace.asset_count(), assets);
}
