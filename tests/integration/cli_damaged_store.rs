//! A damaged store through the real CLI (issue 15): refused with a message that says what
//! is damaged and what to do, a non-zero exit, and not one byte of the data directory
//! changed, however often it is tried.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::Cli;

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.insert(path.clone(), std::fs::read(&path).expect("read file"));
            }
        }
    }
    found
}

/// The report: one flipped byte in the middle of `store/db` after `demo --assets
/// 500`, and `asset list` opened the store showing 0 assets (sled zeroed everything after
/// the byte while opening).
#[test]
fn one_flipped_byte_in_the_log_is_refused_and_the_folder_left_unchanged() {
    let cli = Cli::new();
    cli.run(&["demo", "--assets", "500", "--seed", "1"]).ok();
    let log = cli.path("store/db");
    let mut bytes = std::fs::read(&log).expect("read log");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&log, bytes).expect("flip a byte");
    let before = files(cli.data_dir.path());

    for command in [
        &["asset", "list"][..],
        &["workspace", "list"][..],
        &["asset", "list"][..],
    ] {
        let run = cli.run(command);
        assert_ne!(run.code, 0, "{command:?} succeeded: {}", run.stdout);
        assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
        assert!(run.stderr.contains("store/db at byte"), "{}", run.stderr);
        assert!(
            run.stderr.contains("restore it from a backup"),
            "{}",
            run.stderr
        );
        assert!(!run.stdout.contains("assets"), "{}", run.stdout);
    }
    assert!(
        files(cli.data_dir.path()) == before,
        "a refused open changed the data directory"
    );
}

/// The damage sled's files cannot show: assets added by one run of the CLI, then the log
/// zeroed from where that run began writing (a message boundary, after the run's open).
/// Without `store/acked` the next `asset list` showed the store as it was before the run,
/// the added assets silently gone; now it is refused, and nothing changes.
#[test]
fn a_log_zeroed_where_the_last_run_began_writing_is_refused_and_left_unchanged() {
    use cloudwright_core::store::integrity::check_sled_store;

    let cli = Cli::new();
    cli.run(&["demo", "--assets", "200", "--seed", "1"]).ok();
    cli.run(&["asset", "list"]).ok();
    // sled records where its log ends on each open: that of the next run is this end.
    let boundary = check_sled_store(&cli.path("store"))
        .expect("check")
        .end_offset as usize;
    cli.run(&[
        "asset",
        "add",
        "--asset-tag",
        "PT1-SRV-9001",
        "--type",
        "server",
    ])
    .ok();
    let log = cli.path("store/db");
    let mut bytes = std::fs::read(&log).expect("read log");
    let segment_end = ((boundary / (512 * 1024) + 1) * 512 * 1024).min(bytes.len());
    assert!(
        bytes[boundary..segment_end].iter().any(|byte| *byte != 0),
        "the run wrote after the boundary"
    );
    bytes[boundary..segment_end].fill(0);
    std::fs::write(&log, bytes).expect("zero the run's writes");
    let before = files(cli.data_dir.path());

    for _ in 0..2 {
        let run = cli.run(&["asset", "list"]);
        assert_ne!(run.code, 0, "asset list succeeded: {}", run.stdout);
        assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("the record of the last saved edit (store/acked)"),
            "{}",
            run.stderr
        );
    }
    assert!(
        files(cli.data_dir.path()) == before,
        "a refused open changed the data directory"
    );
}
