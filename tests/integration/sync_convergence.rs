//! Three devices edit offline, then sync in every order: they end up with the same register,
//! every device's edits are in it, and a field edited concurrently is a finding everywhere.

use crate::util::{Cli, Server, ServerData};

const WORKSPACE: &str = "평택 1센터";
const USERS: [&str; 3] = ["kim", "lee", "park"];
const SHARED_TAG: &str = "PT1-SRV-0001";

/// The field each device alone edits on the shared asset, and the value it writes.
const OWN_FIELD_EDITS: [(&str, &str, &str); 3] = [
    // (Not a location field: a rack or a room alone names no place.)
    ("--serial", "serial", "SN-0007"),
    ("--model", "model", "PowerEdge R760"),
    ("--notes", "notes", "전원 이중화 확인"),
];

fn permutations() -> Vec<[usize; 3]> {
    let mut all = Vec::new();
    for a in 0..3 {
        for b in 0..3 {
            for c in 0..3 {
                if a != b && b != c && a != c {
                    all.push([a, b, c]);
                }
            }
        }
    }
    all
}

fn new_tag(device: usize) -> String {
    format!("PT1-NEW-{device}")
}

fn owner(device: usize) -> String {
    format!("owner-of-{}", USERS[device])
}

/// A server with one workspace, three editors logged in on three devices, and one asset
/// every device holds before they go offline.
fn three_devices() -> (ServerData, Server, Vec<Cli>) {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    for user in USERS {
        data.add_user(user, WORKSPACE, "editor");
    }
    let server = data.serve(&[]);
    let devices: Vec<Cli> = USERS
        .iter()
        .map(|user| {
            let cli = Cli::new();
            cli.login(&server, user);
            cli
        })
        .collect();
    devices[0]
        .run(&[
            "asset",
            "add",
            "--asset-tag",
            SHARED_TAG,
            "--type",
            "server",
            "--status",
            "in_stock",
            "--owner",
            "initial owner",
        ])
        .ok();
    for device in &devices {
        device.run(&["sync"]).ok();
        assert!(device.asset_by_tag(SHARED_TAG).is_some());
    }
    (data, server, devices)
}

/// What each device does while offline: a new asset of its own, the shared asset's owner
/// (the same field on every device) and one field of the shared asset no one else touches.
fn edit_offline(device: usize, cli: &Cli) {
    cli.run(&[
        "asset",
        "add",
        "--asset-tag",
        &new_tag(device),
        "--type",
        "server",
        "--status",
        "in_stock",
        "--owner",
        USERS[device],
    ])
    .ok();
    cli.run(&["asset", "edit", SHARED_TAG, "--owner", &owner(device)])
        .ok();
    let (flag, _, value) = OWN_FIELD_EDITS[device];
    cli.run(&["asset", "edit", SHARED_TAG, flag, value]).ok();
}

fn converges_when_syncing_in(order: [usize; 3]) {
    let (_data, _server, devices) = three_devices();
    for (device, cli) in devices.iter().enumerate() {
        edit_offline(device, cli);
    }
    // The first round brings every edit to the server; the second brings the merged result
    // to the devices that synced before the others had pushed.
    for _round in 0..2 {
        for &device in &order {
            devices[device].run(&["sync"]).ok();
        }
    }

    let lists: Vec<_> = devices.iter().map(Cli::assets).collect();
    for (device, list) in lists.iter().enumerate().skip(1) {
        assert_eq!(
            list, &lists[0],
            "order {order:?}: {} and {} disagree",
            USERS[0], USERS[device]
        );
    }
    let exports: Vec<String> = devices
        .iter()
        .map(|cli| cli.run(&["asset", "export"]).ok())
        .collect();
    assert!(
        exports.iter().all(|csv| csv == &exports[0]),
        "order {order:?}: the CSV exports differ:\n{}",
        exports.join("\n")
    );
    let list = &lists[0];
    assert_eq!(list.len(), 4, "order {order:?}: {list:#?}");
    for (device, user) in USERS.iter().enumerate() {
        let row = list
            .iter()
            .find(|row| row["asset"]["asset_tag"] == new_tag(device).as_str())
            .unwrap_or_else(|| panic!("order {order:?}: {} is missing", new_tag(device)));
        assert_eq!(row["asset"]["owner"], *user);
    }
    let shared = &list
        .iter()
        .find(|row| row["asset"]["asset_tag"] == SHARED_TAG)
        .expect("the shared asset")["asset"];
    for (_, field, value) in OWN_FIELD_EDITS {
        let found = match field {
            "notes" | "serial" | "model" => &shared[field],
            _ => &shared["location"][field],
        };
        assert_eq!(
            found, value,
            "order {order:?}: the edit of {field} was lost"
        );
    }
    let owners: Vec<String> = (0..3).map(owner).collect();
    let chosen = shared["owner"].as_str().unwrap_or_default();
    assert!(
        owners.iter().any(|owner| owner == chosen),
        "order {order:?}: owner {chosen:?} is none of the concurrent edits"
    );

    for (device, cli) in devices.iter().enumerate() {
        let status = cli.sync_status();
        assert_eq!(status["pending"], 0, "order {order:?}: {status}");
        assert!(
            status["findings"].as_u64().unwrap_or(0) >= 1,
            "order {order:?}: {} was not told about the concurrent owner edits: {status}",
            USERS[device]
        );
    }
}

#[test]
fn three_devices_converge_in_every_sync_order() {
    for order in permutations() {
        converges_when_syncing_in(order);
    }
}
