//! Accounts and keys through the real server and CLI: a login binds the account's stable id,
//! its display name and the server's key; the server's key survives `admin backup` and
//! `admin restore`, and a server that comes back with another key is refused at login.

use cloudwright_core::trust::DeviceKey;

use crate::util::{Cli, ServerData, PASSWORD};

const WORKSPACE: &str = "평택 1센터";

/// The binding `sync status --json` shows.
fn binding(cli: &Cli) -> serde_json::Value {
    cli.sync_status()["binding"].clone()
}

/// The public half of the key in a server's data directory, hex.
fn server_public(data: &std::path::Path) -> String {
    let secret = std::fs::read_to_string(data.join("server.key")).expect("server.key");
    let key = DeviceKey::from_secret_hex(secret.trim()).expect("a server key");
    key.public().into()
}

#[test]
fn a_login_binds_the_accounts_id_display_name_and_the_servers_key() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    data.admin(&[
        "user",
        "add",
        "kim",
        "--password",
        PASSWORD,
        "--workspace",
        WORKSPACE,
        "--role",
        "editor",
        "--display-name",
        "김민준",
    ])
    .ok();
    data.add_user("lee", WORKSPACE, "editor");
    let users = data.admin(&["user", "list", "--json"]).json();
    let id_of = |name: &str| {
        users
            .as_array()
            .and_then(|users| users.iter().find(|user| user["name"] == name))
            .and_then(|user| user["id"].as_str())
            .unwrap_or_else(|| panic!("no id for {name} in {users}"))
            .to_owned()
    };
    let (kim_id, lee_id) = (id_of("kim"), id_of("lee"));
    assert_eq!(kim_id.len(), 26, "a ULID: {kim_id}");
    assert_ne!(kim_id, lee_id);

    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    let lee = Cli::new();
    lee.login(&server, "lee");
    let server_key = server_public(data.dir.path());
    let bound = binding(&kim);
    assert_eq!(bound["user"], "kim");
    assert_eq!(bound["user_id"], kim_id.as_str());
    assert_eq!(bound["display_name"], "김민준");
    assert_eq!(bound["server_key"], server_key.as_str());
    // Without a display name the login name is shown.
    assert_eq!(binding(&lee)["display_name"], "lee");
    assert_eq!(binding(&lee)["user_id"], lee_id.as_str());

    // The ids are the account's for good: the same after the server starts again.
    server.kill();
    assert_eq!(
        data.admin(&["user", "list", "--json"]).json(),
        users,
        "ids kept"
    );
}

#[test]
fn the_servers_key_survives_backup_and_restore_and_another_key_is_refused_at_login() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    let server = data.serve(&[]);
    let address = server.address().to_owned();
    let kim = Cli::new();
    kim.login(&server, "kim");
    let pinned = binding(&kim)["server_key"]
        .as_str()
        .expect("a pinned key")
        .to_owned();
    assert_eq!(pinned, server_public(data.dir.path()));

    // Backed up while it serves, lost, restored into a new data directory.
    let backups = tempfile::tempdir().expect("backup parent");
    let target = backups.path().join("cw-backup");
    data.admin(&["backup", target.to_str().expect("utf-8")])
        .ok();
    assert_eq!(
        std::fs::read(target.join("server.key")).expect("the key in the backup"),
        std::fs::read(data.dir.path().join("server.key")).expect("the key")
    );
    server.kill();
    let restored = ServerData::new();
    let said = restored
        .admin(&["restore", target.to_str().expect("utf-8")])
        .ok();
    assert!(said.contains(&pinned), "{said}");
    let key_file = restored.dir.path().join("server.key");
    assert_eq!(server_public(restored.dir.path()), pinned);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        for file in [&key_file, &target.join("server.key")] {
            let mode = std::fs::metadata(file)
                .expect("key file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{}", file.display());
        }
    }

    // The device goes on with the restored server, and logs in again as before.
    let server = restored.serve_on(&address, &[]);
    kim.run(&["sync"]).ok();
    kim.login(&server, "kim");
    assert_eq!(binding(&kim)["server_key"], pinned.as_str());

    // The server rebuilt without its key makes a new one: the device refuses to log in to it,
    // and its binding keeps the key it trusted.
    server.kill();
    std::fs::remove_file(&key_file).expect("remove the key");
    let rebuilt = restored.serve_on(&address, &[]);
    let refused = kim
        .run_with_stdin(
            &["login", "--server", &rebuilt.url, "--user", "kim"],
            Some(&format!("{PASSWORD}\n")),
        )
        .fails();
    assert!(
        refused.contains("now signs with another key") && refused.contains(&pinned),
        "{refused}"
    );
    assert_eq!(binding(&kim)["server_key"], pinned.as_str());
}
