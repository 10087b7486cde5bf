//! What the app's members screen asks of a workspace, through `cloudwright_sync_client::members`
//! on a real device store and a real server: who I am there, an admin's grant, role change and
//! key revocation kept on the admin's device as the server answers and seen by another device
//! at its next sync, and the refusals (not a member admin, offline).

use cloudwright_core::store::{Store, Workspace};
use cloudwright_core::sync::RosterKept;
use cloudwright_core::trust::{Capability, DeviceKeyStatus, EditAccess, KeyId, Role, RosterStatus};
use cloudwright_sync_client::members::{self, MemberChange};
use serde_json::json;

use crate::util::{Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";
const NOW: i64 = i64::MAX / 2;

/// A team: park (admin) and kim (editor), each on a device of their own that logged in and
/// synced once; kim's account id.
fn team() -> (ServerData, crate::util::Server, Cli, Cli, String) {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    data.add_user("park", WORKSPACE, "admin");
    data.add_user("kim", WORKSPACE, "editor");
    let server = data.serve(&[]);
    let (park, kim) = (Cli::new(), Cli::new());
    for (device, user) in [(&park, "park"), (&kim, "kim")] {
        device.login(&server, user);
        device.run(&["sync"]).ok();
    }
    let kim_id = kim.sync_status()["binding"]["user_id"]
        .as_str()
        .expect("kim's account id")
        .to_owned();
    (data, server, park, kim, kim_id)
}

/// The device's store and its one workspace (the CLI is not running).
fn open(device: &Cli) -> (Store, std::sync::Arc<Workspace>) {
    let store = Store::open(device.data_dir.path()).expect("the device's store");
    let meta = store.workspaces().expect("workspaces")[0].clone();
    let workspace = store.workspace(&meta.id).expect("the workspace");
    (store, workspace)
}

fn kims_grants(device: &Cli) -> serde_json::Value {
    let roster = device.run(&["members", "--json"]).json();
    roster["members"]
        .as_array()
        .and_then(|members| members.iter().find(|m| m["name"] == "kim"))
        .map(|kim| kim["grants"].clone())
        .unwrap_or_else(|| panic!("kim is not in {roster}"))
}

#[test]
fn an_admin_grants_on_their_device_and_another_device_sees_it_after_a_sync() {
    let (_data, _server, park, kim, kim_id) = team();
    {
        let (store, workspace) = open(&park);
        let me = members::me(&store, &workspace, NOW).expect("me");
        assert!(me.logged_in && me.administers);
        assert_eq!(me.role.as_deref(), Some("admin"));
        assert!(matches!(me.device_key, DeviceKeyStatus::Registered { .. }));
        let RosterStatus::Verified { version, .. } = me.roster else {
            panic!("park's roster: {:?}", me.roster);
        };

        let kept = members::change_member(
            &store,
            &workspace,
            &kim_id,
            &MemberChange::Grant {
                capability: Capability::ApprovePurchases,
                max_amount_krw: Some(5_000_000),
                categories: vec!["server".into()],
            },
        )
        .expect("granted");
        // The answer is kept on the admin's device at once, no sync needed.
        assert!(matches!(kept, RosterKept::Kept { version: v } if v > version));
        let listed = members::roster(&store, &workspace, NOW).expect("roster");
        let kim = listed
            .members
            .iter()
            .find(|m| m.user_id == kim_id)
            .expect("kim listed");
        assert_eq!(kim.grants[0].capability, Capability::ApprovePurchases);
        assert_eq!(kim.grants[0].max_amount_krw, Some(5_000_000));
        assert_eq!(kim.grants[0].categories, ["server"]);
    }
    // kim's device has the roster of before until it syncs.
    assert_eq!(kims_grants(&kim), json!([]));
    kim.run(&["sync"]).ok();
    let grants = kims_grants(&kim);
    assert_eq!(grants[0]["capability"], "approve_purchases");
    assert_eq!(grants[0]["max_amount_krw"], 5_000_000);
    let (store, workspace) = open(&kim);
    let me = members::me(&store, &workspace, NOW).expect("kim's me");
    assert_eq!(me.capabilities[0].capability, Capability::ApprovePurchases);
    assert!(!me.administers, "an editor without administer_members");
}

#[test]
fn a_role_change_and_a_revoked_key_reach_the_member_and_decide_what_their_app_may_do() {
    let (_data, _server, park, kim, kim_id) = team();
    let kims_key = {
        let (store, workspace) = open(&kim);
        let me = members::me(&store, &workspace, NOW).expect("kim's me");
        assert_eq!(me.access, EditAccess::Everything);
        let DeviceKeyStatus::Registered { id } = me.device_key else {
            panic!("kim's key: {:?}", me.device_key);
        };
        id
    };
    {
        let (store, workspace) = open(&park);
        for change in [
            MemberChange::SetRole(Role::Viewer),
            MemberChange::RevokeKey(KeyId(kims_key.clone())),
        ] {
            members::change_member(&store, &workspace, &kim_id, &change).expect("changed");
        }
        let listed = members::roster(&store, &workspace, NOW).expect("roster");
        let kim = listed.members.iter().find(|m| m.user_id == kim_id);
        let kim = kim.expect("kim listed");
        assert_eq!(kim.role, "viewer");
        assert!(kim.keys[0].revoked_at_ms.is_some());
    }
    kim.run(&["sync"]).ok();
    let (store, workspace) = open(&kim);
    let me = members::me(&store, &workspace, NOW).expect("kim's me");
    assert_eq!(me.role.as_deref(), Some("viewer"));
    assert_eq!(me.access, EditAccess::ReadOnly);
    assert!(matches!(me.device_key, DeviceKeyStatus::Revoked { ref id, .. } if *id == kims_key));
    assert_eq!(
        workspace.edit_access().expect("access"),
        EditAccess::ReadOnly
    );
}

#[test]
fn a_member_who_is_no_admin_is_refused_and_an_offline_admin_changes_nothing() {
    let (_data, server, park, kim, kim_id) = team();
    {
        let (store, workspace) = open(&kim);
        let refused = members::change_member(
            &store,
            &workspace,
            &kim_id,
            &MemberChange::Grant {
                capability: Capability::AdministerMembers,
                max_amount_krw: None,
                categories: Vec::new(),
            },
        )
        .expect_err("an editor may not change members");
        let message = refused.to_string();
        assert!(message.contains("not_entitled"), "{message}");
        assert_eq!(
            members::me(&store, &workspace, NOW)
                .expect("me")
                .capabilities,
            []
        );
    }
    server.kill();
    let (store, workspace) = open(&park);
    let before = workspace.kept_roster().expect("kept");
    let offline = members::change_member(
        &store,
        &workspace,
        &kim_id,
        &MemberChange::Ungrant(Capability::ApproveDisposals),
    )
    .expect_err("no server");
    assert!(offline.is_offline(), "{offline}");
    assert_eq!(workspace.kept_roster().expect("kept"), before);
}
