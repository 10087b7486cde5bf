//! A signed decision through the real server and three CLIs: kim asks to dispose of a server,
//! lee (no right to approve) is refused and nothing is written, park (granted
//! approve_disposals) approves it, and kim's device, after a sync, shows the approval as signed
//! by park and valid in `asset life` (text and JSON).

use crate::util::{Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";
const TAG: &str = "PT1-SRV-0001";

#[test]
fn an_approval_signed_on_one_device_reads_valid_on_another_and_one_without_the_right_is_refused() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    for user in ["kim", "lee", "park"] {
        data.add_user(user, WORKSPACE, "editor");
    }
    data.admin(&[
        "user",
        "grant",
        "park",
        "--workspace",
        WORKSPACE,
        "--capability",
        "approve_disposals",
    ])
    .ok();
    let server = data.serve(&[]);

    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&[
        "asset",
        "add",
        "--asset-tag",
        TAG,
        "--type",
        "server",
        "--status",
        "in_use",
    ])
    .ok();
    kim.run(&["asset", "dispose", "request", TAG, "--reason", "보증 만료"])
        .ok();
    kim.run(&["sync"]).ok();
    let life = kim.run(&["asset", "life", TAG]).ok();
    assert!(!life.contains("decisions:"), "nothing decided yet: {life}");

    // lee may not approve: refused with the reason, nothing written.
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let refused = lee.run(&["asset", "dispose", "approve", TAG]).fails();
    assert!(refused.contains("may not make this decision"), "{refused}");
    let unchanged = lee.run(&["asset", "life", TAG, "--json"]).json();
    assert_eq!(unchanged["life"]["disposal"]["stage"], "requested");
    assert_eq!(unchanged["decisions"], serde_json::json!([]));

    // park approves on another device and syncs.
    let park = Cli::new();
    park.login(&server, "park");
    park.run(&["sync"]).ok();
    park.run(&["asset", "dispose", "approve", TAG, "--note", "확인"])
        .ok();
    park.run(&["sync"]).ok();

    // kim's device gets it and judges it by its own roster: signed by park, valid.
    kim.run(&["sync"]).ok();
    let shown = kim.run(&["asset", "life", TAG, "--json"]).json();
    assert_eq!(shown["life"]["disposal"]["stage"], "approved");
    let decisions = shown["decisions"].as_array().expect("decisions listed");
    assert_eq!(decisions.len(), 1, "{shown}");
    assert_eq!(decisions[0]["action"], "approve_disposal");
    assert_eq!(decisions[0]["verdict"], "valid");
    assert_eq!(decisions[0]["signer_name"], "park");
    let text = kim.run(&["asset", "life", TAG]).ok();
    assert!(
        text.contains("decisions:\n  approve_disposal\t✓ valid\tsigned by park ("),
        "{text}"
    );
}
