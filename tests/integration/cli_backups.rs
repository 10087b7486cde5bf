//! A workspace leaves as a folder and comes back whole through the CLI; local backups are
//! listed and restored; a backup killed half-way is never listed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use cloudwright_core::store::backup::{list_backups, read_export};
use cloudwright_core::store::Store;
use cloudwright_core::{Author, Stamp};

use crate::util::{binary, Cli};

const NAME: &str = "데모-데이터센터";

/// A demo workspace of `assets` assets, the first with an attached file.
fn demo(assets: &str) -> Cli {
    let cli = Cli::new();
    cli.run(&["demo", "--assets", assets, "--seed", "3"]).ok();
    let tag = first_tag(&cli);
    let store = Store::open(cli.data_dir.path()).expect("store");
    let ws = store
        .workspace(&store.find_workspace(NAME).expect("workspace").id)
        .expect("open");
    let id = ws.asset(&tag).expect("first asset").asset.id;
    ws.attach_to_asset(
        id,
        "반입확인서.pdf",
        "application/pdf",
        DELIVERY_NOTE,
        &Stamp::new(Author::new("김민준", "MJ"), 1_765_000_000_000),
    )
    .expect("attach");
    cli
}

const DELIVERY_NOTE: &[u8] = b"%PDF-1.4 delivery note";

fn assets_csv(cli: &Cli, workspace: &str) -> String {
    cli.run(&["--workspace", workspace, "asset", "export"]).ok()
}

#[test]
fn a_workspace_exported_and_imported_elsewhere_lists_the_same_and_a_damaged_export_is_refused() {
    let source = demo("200");
    let out = tempfile::tempdir().expect("tempdir");
    let folder = out.path().join("평택-export");
    let said = source
        .run(&["workspace", "export", folder.to_str().expect("utf-8")])
        .ok();
    // 200 assets and the 135 sites, rooms and racks their locations name.
    assert!(said.contains("335 documents, 1 files"), "{said}");
    // Not over a folder that holds something.
    let again = source
        .run(&["workspace", "export", folder.to_str().expect("utf-8")])
        .fails();
    assert!(again.contains("not empty"), "{again}");

    let target = Cli::new();
    target
        .run(&["workspace", "import", folder.to_str().expect("utf-8")])
        .ok();
    assert_eq!(assets_csv(&target, NAME), assets_csv(&source, NAME));
    {
        let store = Store::open(target.data_dir.path()).expect("store");
        let ws = store
            .workspace(&store.find_workspace(NAME).expect("imported").id)
            .expect("open");
        let sha = cloudwright_core::sync::blobs::sha256_hex(DELIVERY_NOTE);
        let state = format!("{:?}", ws.file_state(&sha).expect("file state"));
        assert!(
            state.contains("Here"),
            "the attached file came along: {state}"
        );
    }
    let twice = target
        .run(&["workspace", "import", folder.to_str().expect("utf-8")])
        .fails();
    assert!(twice.contains("already has the workspace"), "{twice}");

    // The documents are one archive GNU tar unpacks into a file per document, each the
    // bytes the manifest hashes.
    let manifest = cloudwright_core::store::backup::read_manifest(&folder).expect("manifest");
    let archive = folder.join(cloudwright_core::store::backup::DOCUMENTS_ARCHIVE);
    let unpacked = tempfile::tempdir().expect("tempdir");
    let status = Command::new("tar")
        .arg("-xf")
        .arg(&archive)
        .arg("-C")
        .arg(unpacked.path())
        .status()
        .expect("tar runs");
    assert!(status.success(), "tar -xf: {status}");
    for doc in &manifest.documents {
        let bytes = std::fs::read(unpacked.path().join(&doc.file)).expect("unpacked");
        assert_eq!(
            cloudwright_core::sync::blobs::sha256_hex(&bytes),
            doc.sha256,
            "{}",
            doc.file
        );
    }
    assert_eq!(
        std::fs::read_dir(unpacked.path().join("docs"))
            .expect("docs")
            .count(),
        manifest.documents.len()
    );

    // One flipped byte in one document: refused, named, nothing created.
    let damaged = &manifest.documents[manifest.documents.len() / 2];
    let mut bytes = std::fs::read(&archive).expect("read");
    bytes[(damaged.offset.expect("offset") + damaged.bytes / 2) as usize] ^= 0x20;
    std::fs::write(&archive, bytes).expect("write");
    let fresh = Cli::new();
    let refused = fresh
        .run(&["workspace", "import", folder.to_str().expect("utf-8")])
        .fails();
    assert!(refused.contains("damaged"), "{refused}");
    assert!(refused.contains("nothing was imported"), "{refused}");
    assert!(refused.contains(&damaged.file), "{refused}");
    assert!(fresh
        .run(&["workspace", "list"])
        .ok()
        .contains("no workspaces yet"));
}

fn first_tag(cli: &Cli) -> String {
    let csv = assets_csv(cli, NAME);
    let header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
    let column = header
        .iter()
        .position(|name| name.contains("tag"))
        .unwrap_or(0);
    csv.lines()
        .nth(1)
        .expect("a row")
        .split(',')
        .nth(column)
        .expect("tag")
        .to_owned()
}

#[test]
fn backups_are_listed_and_one_restores_into_a_new_workspace() {
    let cli = demo("150");
    assert!(cli
        .run(&["store", "backups"])
        .ok()
        .contains("no backups yet"));
    cli.run(&["store", "backup"]).ok();
    cli.run(&[
        "asset",
        "add",
        "--asset-tag",
        "PT1-NEW-0001",
        "--type",
        "server",
    ])
    .ok();
    cli.run(&["store", "backup"]).ok();
    let list = cli.run(&["store", "backups", "--json"]).json();
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 2);
    // 150 assets and the 106 places their locations name.
    assert_eq!(list[0]["counts"]["documents"], 256);
    assert_eq!(list[1]["counts"]["documents"], 257);
    assert_eq!(list[0]["counts"]["blobs"], 1);
    let text = cli.run(&["store", "backups"]).ok();
    assert!(
        text.contains(NAME) && text.contains("256 documents"),
        "{text}"
    );

    let first = list[0]["name"].as_str().expect("name");
    let said = cli
        .run(&["store", "restore", first, "--name", "복원본"])
        .ok();
    assert!(said.contains("복원본"), "{said}");
    let restored = assets_csv(&cli, "복원본");
    assert_eq!(restored.lines().count(), 151, "150 assets and the header");
    assert!(!restored.contains("PT1-NEW-0001"));
    assert!(assets_csv(&cli, NAME).contains("PT1-NEW-0001"));
    let refused = cli
        .run(&["store", "restore", "20000101T000000000Z"])
        .fails();
    assert!(refused.contains("no backup"), "{refused}");
}

#[test]
fn a_backup_killed_half_way_is_never_listed_and_the_next_one_is_whole() {
    let cli = demo("1500");
    for round in 0..3u64 {
        let mut child = Command::new(binary("backup-loop"))
            .args([cli.data_dir.path().to_str().expect("path"), NAME])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn backup-loop");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let target = 1 + round;
        let mut acked = 0;
        for line in lines.by_ref() {
            acked = line
                .expect("line")
                .strip_prefix("backed up ")
                .and_then(|n| n.parse().ok())
                .expect("backed up N");
            if acked >= target {
                break;
            }
        }
        // Kill the next backup while its folder is being written (watched for, not slept on).
        let cut_off = || partial_folders(cli.data_dir.path());
        let started = std::time::Instant::now();
        while cut_off().is_empty() && started.elapsed() < std::time::Duration::from_secs(20) {
            std::thread::yield_now();
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        assert!(
            !cut_off().is_empty(),
            "round {round}: the kill should land inside a backup's folder"
        );
        let listed = list_backups(cli.data_dir.path());
        assert!(
            listed.len() as u64 >= acked.min(7),
            "round {round}: {listed:?}"
        );
        for info in &listed {
            let whole = read_export(&info.path).unwrap_or_else(|error| {
                panic!("round {round}: a listed backup is not whole: {error}")
            });
            // 1,500 assets and the 648 places their locations name.
            assert_eq!(whole.manifest.counts.documents, 2148);
        }
        let text = cli.run(&["store", "backups"]).ok();
        assert_eq!(text.lines().count(), listed.len(), "{text}");
    }
    cli.run(&["store", "backup"]).ok();
    assert_eq!(
        partial_folders(cli.data_dir.path()),
        Vec::<String>::new(),
        "the next backup clears what a cut-off one left"
    );
}

/// The dot-named folders of backups under way (or cut off), in every workspace's folder.
fn partial_folders(data_dir: &Path) -> Vec<String> {
    let root = cloudwright_core::store::backup::backups_dir(data_dir);
    std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|workspace| {
            std::fs::read_dir(workspace.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect()
}
