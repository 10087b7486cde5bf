//! The team server backed up while it serves: ten devices keep editing and syncing through the
//! real CLI while `cloudwright-sync admin backup` copies the running server; the server is
//! then lost and restored from that backup into a new data directory, and after every device
//! syncs, every edit any device made is on every device and on the server. A backup killed
//! half-way leaves nothing a restore takes, and the server serves on.

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::util::{binary, poll, Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";
const DEVICES: usize = 10;
/// Rounds each device still runs once the backup is done: edits the backup cannot hold.
const ROUNDS_AFTER_BACKUP: usize = 2;

fn user(device: usize) -> String {
    format!("tech{device:02}")
}

fn tag(device: usize, round: usize) -> String {
    format!("BK-{device:02}-{round:03}")
}

fn add_asset(cli: &Cli, tag: &str) {
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

fn tags(cli: &Cli) -> BTreeSet<String> {
    cli.assets()
        .iter()
        .map(|row| {
            row["asset"]["asset_tag"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

fn notes(cli: &Cli, tag: &str) -> String {
    cli.asset_by_tag(tag)
        .map(|row| {
            row["asset"]["notes"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .unwrap_or_default()
}

/// Whatever a backup cut off left beside `target` (dot-named, `.NAME.partial-PID`).
fn partial_folders(target: &Path) -> Vec<String> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
    let prefix = format!(".{}.partial-", name.unwrap_or_default());
    std::fs::read_dir(target.parent().expect("parent"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(&prefix))
        .collect()
}

#[test]
fn a_server_backed_up_while_ten_devices_sync_and_restored_loses_no_acknowledged_edit() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    for device in 0..DEVICES {
        data.add_user(&user(device), WORKSPACE, "editor");
    }
    let server = data.serve(&[]);
    let address = server.address().to_owned();
    let devices: Vec<Cli> = (0..DEVICES)
        .map(|device| {
            let cli = Cli::new();
            cli.login(&server, &user(device));
            cli
        })
        .collect();
    devices[0]
        .run(&[
            "--workspace",
            WORKSPACE,
            "demo",
            "--assets",
            "300",
            "--seed",
            "5",
        ])
        .ok();
    devices[0].run(&["sync"]).ok();

    // Every device adds an asset and syncs, round after round, until it has run
    // ROUNDS_AFTER_BACKUP rounds after the backup ended; the first of those also edits the
    // device's first asset, which the backup holds in its earlier state.
    let backup = tempfile::tempdir().expect("backup parent");
    let target = backup.path().join("server-backup");
    let backup_done = AtomicBool::new(false);
    let rounds_done = AtomicUsize::new(0);
    let added: Vec<Vec<String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = devices
            .iter()
            .enumerate()
            .map(|(device, cli)| {
                let (backup_done, rounds_done) = (&backup_done, &rounds_done);
                scope.spawn(move || {
                    let mut added = Vec::new();
                    let mut after = 0;
                    for round in 0.. {
                        let done = backup_done.load(Ordering::Acquire);
                        let new = tag(device, round);
                        add_asset(cli, &new);
                        if done && after == 0 {
                            let text = format!("after the backup, by {}", user(device));
                            cli.run(&["asset", "edit", &tag(device, 0), "--notes", &text])
                                .ok();
                        }
                        cli.run(&["sync"]).ok();
                        added.push(new);
                        rounds_done.fetch_add(1, Ordering::AcqRel);
                        if done {
                            after += 1;
                            if after == ROUNDS_AFTER_BACKUP {
                                break;
                            }
                        }
                    }
                    added
                })
            })
            .collect();
        poll("every device to sync once", || {
            (rounds_done.load(Ordering::Acquire) >= DEVICES).then_some(())
        });
        let before = rounds_done.load(Ordering::Acquire);
        let said = data
            .admin(&["backup", target.to_str().expect("utf-8")])
            .ok();
        assert!(said.contains("from the running server"), "{said}");
        let during = rounds_done.load(Ordering::Acquire) - before;
        eprintln!("{during} device rounds (add + sync) ended while the backup ran");
        backup_done.store(true, Ordering::Release);
        workers
            .into_iter()
            .map(|worker| worker.join().expect("a device's loop"))
            .collect()
    });
    let all_added: BTreeSet<String> = added.iter().flatten().cloned().collect();
    let acknowledged = tags(&devices[0]);
    assert!(acknowledged.len() > 300, "the demo and some rounds synced");

    // The server's disk is lost; it comes back from the backup on the same address.
    server.kill();
    let restored = ServerData::new();
    let said = restored
        .admin(&["restore", target.to_str().expect("utf-8")])
        .ok();
    assert!(
        said.contains("restored 1 workspace(s) and 10 user(s)"),
        "{said}"
    );
    let server = restored.serve_on(&address, &[]);

    // Each device once to send back what it has, then once more to receive the others'.
    for _ in 0..2 {
        for cli in &devices {
            cli.run(&["sync"]).ok();
        }
    }
    let fresh = Cli::new();
    fresh.login(&server, &user(0));
    fresh.run(&["sync"]).ok();
    let on_server = tags(&fresh);
    assert_eq!(on_server.len(), 300 + all_added.len());
    let missing: Vec<&String> = all_added.difference(&on_server).collect();
    assert!(missing.is_empty(), "edits lost by the restore: {missing:?}");
    for (device, cli) in devices.iter().enumerate() {
        assert_eq!(tags(cli), on_server, "{} disagrees", user(device));
    }
    for device in 0..DEVICES {
        let expected = format!("after the backup, by {}", user(device));
        for (other, cli) in devices.iter().chain([&fresh]).enumerate() {
            assert_eq!(
                notes(cli, &tag(device, 0)),
                expected,
                "device {other} lacks {}'s edit",
                user(device)
            );
        }
    }
    let status = devices[3].sync_status();
    assert_eq!(status["pending"], 0, "{status}");
}

#[test]
fn a_backup_killed_half_way_is_refused_by_restore_and_the_server_serves_on() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    data.add_user(&user(0), WORKSPACE, "editor");
    let server = data.serve(&[]);
    let device = Cli::new();
    device.login(&server, &user(0));
    device
        .run(&[
            "--workspace",
            WORKSPACE,
            "demo",
            "--assets",
            "3000",
            "--seed",
            "9",
        ])
        .ok();
    device.run(&["sync"]).ok();

    let parent = tempfile::tempdir().expect("backup parent");
    let target = parent.path().join("cut-off");
    let mut admin = Command::new(binary("cloudwright-sync"))
        .args(["admin", "--data-dir"])
        .arg(data.dir.path())
        .arg("backup")
        .arg(&target)
        .env_remove("CLOUDWRIGHT_SYNC_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn admin backup");
    // Killed once the server has copied the first piece of documents, with more to copy and
    // 3,000 files to write (watched for, not slept on).
    let stderr = admin.stderr.take().expect("stderr");
    let mut progress = BufReader::new(stderr).lines();
    let first = progress
        .by_ref()
        .map_while(Result::ok)
        .find(|line| line.contains("documents copied"))
        .expect("the backup reports its progress");
    admin.kill().expect("SIGKILL");
    let status = admin.wait().expect("reap");
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9),
        "the kill landed after the backup ended ({first})"
    );
    // The server sees the command go and removes what it wrote.
    poll("the cut-off backup to be removed", || {
        partial_folders(&target).is_empty().then_some(())
    });
    let fresh = ServerData::new();
    let refused = fresh
        .admin(&["restore", target.to_str().expect("utf-8")])
        .fails();
    assert!(
        refused.contains("not a finished server backup"),
        "{refused}"
    );
    assert!(!fresh.dir.path().join("store").exists(), "nothing restored");

    // The server serves on: a new edit syncs, and the next backup is whole and restores.
    add_asset(&device, "BK-AFTER-KILL");
    let record = device.run(&["sync"]).ok();
    assert!(record.contains("pushed 1 documents"), "{record}");
    data.admin(&["backup", target.to_str().expect("utf-8")])
        .ok();
    let said = fresh
        .admin(&["restore", target.to_str().expect("utf-8")])
        .ok();
    assert!(said.contains("restored 1 workspace(s)"), "{said}");
}
