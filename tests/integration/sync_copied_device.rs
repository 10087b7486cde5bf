//! A data directory copied to a second laptop, or restored from a copy taken earlier, shares
//! the first one's device id (issue 15). The server's feed skips a device's own pushes, so
//! before this, the copy never received the other copy's edits, and a restored laptop never
//! got back what it had pushed after the copy was taken, while `sync` said all was well; and
//! the two copies shared one login token. Now the server sees the copy's exchange numbers
//! repeat (`client_copied`), and the copy goes on as a new device with a token of its own.

use std::path::Path;

use crate::util::{Cli, Server, ServerData};

const WORKSPACE: &str = "평택 1센터";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A server with the workspace and one editor, kim.
fn one_editor() -> (ServerData, Server) {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    let server = data.serve(&[]);
    (data, server)
}

fn add(cli: &Cli, tag: &str) {
    cli.run(&[
        "asset",
        "add",
        "--asset-tag",
        tag,
        "--type",
        "server",
        "--status",
        "in_stock",
    ])
    .ok();
}

fn client_id(cli: &Cli) -> String {
    cli.sync_status()["binding"]["client_id"]
        .as_str()
        .unwrap_or_else(|| panic!("no client id in {}", cli.sync_status()))
        .to_owned()
}

#[test]
fn a_copied_data_directory_and_the_original_each_get_the_others_edits_with_tokens_of_their_own() {
    let (_data, server) = one_editor();
    let first = Cli::new();
    first.login(&server, "kim");
    add(&first, "PT1-SRV-0001");
    first.run(&["sync"]).ok();

    let second = Cli::new();
    copy_dir(first.data_dir.path(), second.data_dir.path());
    assert_eq!(client_id(&first), client_id(&second));

    add(&first, "PT1-SRV-0002");
    first.run(&["sync"]).ok();
    add(&second, "PT1-SRV-0003");
    second.run(&["sync"]).ok();
    first.run(&["sync"]).ok();
    for cli in [&first, &second] {
        for tag in ["PT1-SRV-0001", "PT1-SRV-0002", "PT1-SRV-0003"] {
            assert!(cli.asset_by_tag(tag).is_some(), "{tag} missing");
        }
    }
    assert_ne!(
        client_id(&first),
        client_id(&second),
        "the copy goes on as a new device"
    );

    // Each has a token of its own: logging out on the copy leaves the original logged in.
    second.run(&["logout"]).ok();
    add(&first, "PT1-SRV-0004");
    first.run(&["sync"]).ok();
    let refused = second.run(&["sync"]);
    assert_ne!(refused.code, 0, "the copy logged out");
}

#[test]
fn a_data_directory_restored_from_an_earlier_copy_gets_back_what_it_pushed_since() {
    let (_data, server) = one_editor();
    let laptop = Cli::new();
    laptop.login(&server, "kim");
    add(&laptop, "PT1-SRV-0001");
    laptop.run(&["sync"]).ok();

    let earlier = tempfile::tempdir().expect("temp dir");
    copy_dir(laptop.data_dir.path(), earlier.path());
    add(&laptop, "PT1-SRV-0002");
    laptop.run(&["sync"]).ok();

    // The laptop's folder put back as it was (a restore of a file backup).
    std::fs::remove_dir_all(laptop.data_dir.path()).expect("remove");
    copy_dir(earlier.path(), laptop.data_dir.path());
    assert!(laptop.asset_by_tag("PT1-SRV-0002").is_none());
    laptop.run(&["sync"]).ok();
    assert!(
        laptop.asset_by_tag("PT1-SRV-0002").is_some(),
        "what it pushed after the copy came back"
    );
    add(&laptop, "PT1-SRV-0003");
    laptop.run(&["sync"]).ok();
    let other = Cli::new();
    other.login(&server, "kim");
    other.run(&["sync"]).ok();
    for tag in ["PT1-SRV-0001", "PT1-SRV-0002", "PT1-SRV-0003"] {
        assert!(
            other.asset_by_tag(tag).is_some(),
            "{tag} missing on another device"
        );
    }
}

/// A workspace restored from a local backup is a new local workspace (a new id, its own
/// name); `login --remote-workspace` binds it to the team's, and its first sync merges its
/// documents into the server's (the same ids: nothing doubled) and brings it everything
/// the team added since the backup.
#[test]
fn a_workspace_restored_from_a_backup_rejoins_the_team_without_doubling_anything() {
    let (_data, server) = one_editor();
    let laptop = Cli::new();
    laptop.login(&server, "kim");
    add(&laptop, "PT1-SRV-0001");
    add(&laptop, "PT1-SRV-0002");
    laptop.run(&["sync"]).ok();
    laptop
        .run(&["--workspace", WORKSPACE, "store", "backup"])
        .ok();
    add(&laptop, "PT1-SRV-0003");
    laptop.run(&["sync"]).ok();

    let list = laptop
        .run(&["--workspace", WORKSPACE, "store", "backups", "--json"])
        .json();
    let backup = list[0]["name"].as_str().expect("a backup").to_owned();
    laptop
        .run(&[
            "--workspace",
            WORKSPACE,
            "store",
            "restore",
            &backup,
            "--name",
            "복원본",
        ])
        .ok();
    laptop
        .run_with_stdin(
            &[
                "--workspace",
                "복원본",
                "login",
                "--server",
                &server.url,
                "--user",
                "kim",
                "--remote-workspace",
                WORKSPACE,
            ],
            Some(&format!("{}\n", crate::util::PASSWORD)),
        )
        .ok();
    laptop.run(&["--workspace", "복원본", "sync"]).ok();
    let restored = laptop
        .run(&["--workspace", "복원본", "asset", "list", "--json"])
        .json();
    let tags: Vec<&str> = restored["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row["asset"]["asset_tag"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(tags.len(), 3, "{tags:?}");
    for tag in ["PT1-SRV-0001", "PT1-SRV-0002", "PT1-SRV-0003"] {
        assert!(
            tags.contains(&tag),
            "{tag} missing from the restored workspace"
        );
    }
    let other = Cli::new();
    other.login(&server, "kim");
    other.run(&["sync"]).ok();
    assert_eq!(
        other.assets().len(),
        3,
        "the team's register is not doubled"
    );
}
