//! The signed roster through the real server and CLI: a login registers the device's key and
//! claims its local identity, and the roster lists them; an admin's grant (admin command or
//! HTTP) reaches a device at its next sync; a member without the right is refused; a roster
//! changed on the device reads as tampered, and one signed by another key is not kept.

use cloudwright_core::store::Store;
use cloudwright_core::trust::{Capability, SignedRoster};
use cloudwright_sync_client::session;
use serde_json::json;

use crate::util::{Cli, Reply, Server, ServerData};

const WORKSPACE: &str = "평택 1센터";

/// A team: kim (editor), lee (editor) and park (admin) in one workspace; its id.
fn team() -> (ServerData, String) {
    let data = ServerData::new();
    let id = data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    data.add_user("lee", WORKSPACE, "editor");
    data.add_user("park", WORKSPACE, "admin");
    (data, id)
}

/// `cloudwright members --json`: the verified roster kept on the device.
fn roster(cli: &Cli) -> serde_json::Value {
    cli.run(&["members", "--json"]).json()
}

fn member<'a>(roster: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    roster["members"]
        .as_array()
        .and_then(|members| members.iter().find(|m| m["name"] == name))
        .unwrap_or_else(|| panic!("{name} is not in {roster}"))
}

/// The device's key and local identity, read from its store (the CLI is not running).
fn device(cli: &Cli) -> (String, String) {
    let store = Store::open(cli.data_dir.path()).expect("the device's store");
    let key = session::device_key(&store).expect("a device key");
    let local = session::local_identity(&store).expect("a local identity");
    (key.public().into(), local)
}

fn post(server: &Server, token: &str, path: &str, body: serde_json::Value) -> Reply {
    Reply::read(
        server
            .post(path)
            .bearer_auth(token)
            .json(&body)
            .send()
            .expect("answered"),
    )
}

#[test]
fn a_login_registers_the_devices_key_and_claim_and_the_roster_lists_them() {
    let (data, _) = team();
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    let before = kim.run(&["members"]).ok();
    assert!(
        before.contains("'평택 1센터' has no roster yet"),
        "before the first sync: {before}"
    );
    kim.run(&["sync"]).ok();
    let (public, local) = device(&kim);
    let roster = roster(&kim);
    let kim_entry = member(&roster, "kim");
    assert_eq!(kim_entry["role"], "editor");
    assert_eq!(kim_entry["keys"].as_array().map(Vec::len), Some(1));
    assert_eq!(kim_entry["keys"][0]["public"], public.as_str());
    assert_eq!(kim_entry["keys"][0]["revoked_at_ms"], json!(null));
    assert_eq!(kim_entry["claimed_identities"], json!([local]));
    assert_eq!(
        kim_entry["user_id"],
        kim.sync_status()["binding"]["user_id"],
        "the roster names the account's id"
    );
    // Members who never logged in are listed without keys.
    assert_eq!(member(&roster, "lee")["keys"], json!([]));
    let text = kim.run(&["members"]).ok();
    assert!(
        text.contains("kim  editor") && text.contains("park  admin"),
        "{text}"
    );

    // The server's admin sees the same key, with the device's name.
    server.kill();
    let keys = data.admin(&["key", "list", "kim", "--json"]).json();
    assert_eq!(keys[0]["public"], public.as_str());
    assert_eq!(keys[0]["device_name"], session::device_name().as_str());

    // The device's secret key is nowhere in an export of the workspace.
    let export = tempfile::tempdir().expect("export dir");
    let folder = export.path().join("export");
    kim.run(&["workspace", "export", folder.to_str().expect("utf-8")])
        .ok();
    let store = Store::open(kim.data_dir.path()).expect("store");
    let secret = session::device_key(&store).expect("key").secret_hex();
    drop(store);
    for entry in walk(&folder) {
        let bytes = std::fs::read(&entry).expect("exported file");
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&secret),
            "{} holds the device's secret key",
            entry.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn an_admins_grant_reaches_the_device_at_its_next_sync() {
    let (data, _) = team();
    let server = data.serve(&[]);
    let address = server.address().to_owned();
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let before = roster(&kim);
    assert_eq!(member(&before, "kim")["grants"], json!([]));

    server.kill();
    let said = data
        .admin(&[
            "user",
            "grant",
            "kim",
            "--workspace",
            WORKSPACE,
            "--capability",
            "approve_purchases",
            "--max-amount",
            "5000000",
            "--category",
            "server",
        ])
        .ok();
    assert!(said.contains("kim holds approve_purchases"), "{said}");
    let server = data.serve_on(&address, &[]);
    // Kept as it was until the device syncs.
    assert_eq!(roster(&kim), before);
    kim.run(&["sync"]).ok();
    let after = roster(&kim);
    assert!(after["version"].as_u64() > before["version"].as_u64());
    let grants = &member(&after, "kim")["grants"];
    assert_eq!(grants.as_array().map(Vec::len), Some(1));
    assert_eq!(grants[0]["capability"], "approve_purchases");
    assert_eq!(grants[0]["max_amount_krw"], 5_000_000);
    assert_eq!(grants[0]["categories"], json!(["server"]));
    assert_eq!(grants[0]["until_ms"], json!(null));
    let text = kim.run(&["members"]).ok();
    assert!(
        text.contains("capability approve_purchases  up to 5,000,000 KRW  categories server"),
        "{text}"
    );

    // Taken back: the grant ends (it stays in the roster, no longer in force).
    server.kill();
    data.admin(&[
        "user",
        "ungrant",
        "kim",
        "--workspace",
        WORKSPACE,
        "--capability",
        "approve_purchases",
    ])
    .ok();
    let _server = data.serve_on(&address, &[]);
    kim.run(&["sync"]).ok();
    let text = kim.run(&["members"]).ok();
    assert!(text.contains("(not in force)"), "{text}");
}

#[test]
fn only_a_workspace_admin_or_a_member_administrator_changes_members_over_http() {
    let (data, workspace) = team();
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let (lee, park) = (server.login_token("lee"), server.login_token("park"));
    let grants = "/v1/workspaces/".to_owned() + &workspace + "/members/kim/grants";
    let approve = json!({"capability": "approve_disposals"});

    let refused = post(&server, &lee, &grants, approve.clone());
    assert_eq!(refused.refusal(), (403, "not_entitled".into()));
    assert!(
        refused.text().contains("administer_members") && refused.text().contains("lee is editor"),
        "{}",
        refused.text()
    );
    // The admin may; the answer is the new roster, signed.
    let granted = post(&server, &park, &grants, approve.clone());
    assert_eq!(granted.status, 200, "{}", granted.text());
    let signed: SignedRoster = serde_json::from_slice(&granted.body).expect("a signed roster");
    let kim_id = kim.sync_status()["binding"]["user_id"]
        .as_str()
        .expect("an id")
        .to_owned();
    assert!(signed
        .roster
        .member(&kim_id)
        .is_some_and(|m| m.entitled(Capability::ApproveDisposals, signed.roster.issued_at_ms)));

    // An admin makes lee a member administrator: then lee may.
    let lee_grants = "/v1/workspaces/".to_owned() + &workspace + "/members/lee/grants";
    let administer = json!({"capability": "administer_members"});
    assert_eq!(post(&server, &park, &lee_grants, administer).status, 200);
    let wipes = json!({"capability": "verify_wipes"});
    assert_eq!(post(&server, &lee, &grants, wipes).status, 200);
    // Limits fit purchases only; unknown capabilities and members are named.
    let bad = json!({"capability": "verify_wipes", "max_amount_krw": 10});
    assert_eq!(
        post(&server, &park, &grants, bad).refusal(),
        (400, "bad_limits".into())
    );
    let unknown = json!({"capability": "approve"});
    assert_eq!(
        post(&server, &park, &grants, unknown).refusal(),
        (400, "unknown_capability".into())
    );
    let nobody = "/v1/workspaces/".to_owned() + &workspace + "/members/nobody/grants";
    assert_eq!(
        post(&server, &park, &nobody, approve).refusal(),
        (404, "unknown_member".into())
    );

    // A role, by the member's account id.
    let role = format!("/v1/workspaces/{workspace}/members/{kim_id}/role");
    assert_eq!(
        post(
            &server,
            &kim_token(&server),
            &role,
            json!({"role": "admin"})
        )
        .refusal(),
        (403, "not_entitled".into())
    );
    let changed = post(&server, &park, &role, json!({"role": "auditor"}));
    assert_eq!(changed.status, 200, "{}", changed.text());

    // A lost laptop: park revokes kim's key; the device's next login makes a new one.
    kim.run(&["sync"]).ok();
    let key_id = member(&roster(&kim), "kim")["keys"][0]["public"]
        .as_str()
        .map(|public| {
            cloudwright_core::trust::PublicKey::try_from(public.to_owned())
                .expect("a key")
                .id()
        })
        .expect("kim's key");
    let revoke = format!("/v1/workspaces/{workspace}/members/kim/keys/{key_id}/revoke");
    let revoked = post(&server, &park, &revoke, json!({}));
    assert_eq!(revoked.status, 200, "{}", revoked.text());
    kim.run(&["sync"]).ok();
    let text = kim.run(&["members"]).ok();
    assert!(
        text.contains(&format!("key {key_id}")) && text.contains("REVOKED"),
        "{text}"
    );
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let keys = member(&roster(&kim), "kim")["keys"].clone();
    assert_eq!(keys.as_array().map(Vec::len), Some(2), "{keys}");
    assert_ne!(keys[1]["public"], keys[0]["public"]);
    assert_eq!(keys[1]["revoked_at_ms"], json!(null));

    // Reading the roster: any member; not someone of another workspace.
    let path = format!("/v1/workspaces/{workspace}/roster");
    let read = Reply::read(
        server
            .get(&path)
            .bearer_auth(&lee)
            .send()
            .expect("answered"),
    );
    assert_eq!(read.status, 200);
    server.kill();
    data.create_workspace("Other");
    data.add_user("choi", "Other", "admin");
    let server = data.serve(&[]);
    let choi = server.login_token("choi");
    let read = Reply::read(
        server
            .get(&path)
            .bearer_auth(&choi)
            .send()
            .expect("answered"),
    );
    assert_eq!(read.refusal(), (403, "forbidden".into()));
}

fn kim_token(server: &Server) -> String {
    server.login_token("kim")
}

#[test]
fn a_roster_changed_on_the_device_reads_as_tampered_and_one_signed_by_another_key_is_not_kept() {
    let (data, _) = team();
    let server = data.serve(&[]);
    let address = server.address().to_owned();
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let verified = roster(&kim);

    // kim gives themself a capability in the roster kept on disk.
    {
        let store = Store::open(kim.data_dir.path()).expect("store");
        let meta = store.workspaces().expect("workspaces").remove(0);
        let workspace = store.workspace(&meta.id).expect("workspace");
        let mut kept = workspace
            .kept_roster()
            .expect("read")
            .expect("a roster kept");
        for member in &mut kept.roster.members {
            member.grants.push(cloudwright_core::trust::Grant {
                capability: Capability::ApproveDisposals,
                from_ms: 0,
                until_ms: None,
                max_amount_krw: None,
                categories: Vec::new(),
            });
        }
        workspace.put_roster_unchecked(&kept).expect("write");
    }
    let said = kim.run(&["members"]).fails();
    assert!(said.contains("was tampered with"), "{said}");
    // The next sync puts the server's back.
    kim.run(&["sync"]).ok();
    assert_eq!(member(&roster(&kim), "kim"), member(&verified, "kim"));

    // The server comes back without its key (rebuilt from a copy that lacked it): its roster,
    // signed by a new key, is not kept, and the sync says so.
    server.kill();
    std::fs::remove_file(data.dir.path().join("server.key")).expect("remove the key");
    let _rebuilt = data.serve_on(&address, &[]);
    let run = kim.run(&["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("not signed by the key this workspace pinned at login"),
        "{}",
        run.stderr
    );
    let kept = roster(&kim);
    assert_eq!(kept["version"], verified["version"]);
    assert_eq!(member(&kept, "kim"), member(&verified, "kim"));
}
