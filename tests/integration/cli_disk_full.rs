//! A full disk through the real CLI (issue 15), on a small tmpfs mounted for the test: an edit
//! fails with "the disk is full: nothing was saved" and a non-zero exit, never "the store is
//! damaged"; once space is freed the same edit succeeds and nothing saved before is lost.
//! The store's own in-process behaviour on a full disk (reads go on, edits resume once space
//! is freed without a restart) is `store_disk_full`.
//!
//! Mounting needs root (or CAP_SYS_ADMIN). Where the test may not mount, it says so and
//! stops; the disk-full path is then covered by core's fault-injecting tree
//! (`tests::faults` in cloudwright-core).

use crate::util::{Cli, SmallDisk};

fn tags(cli: &Cli) -> Vec<String> {
    let mut tags: Vec<String> = cli
        .assets()
        .iter()
        .map(|row| row["asset"]["asset_tag"].as_str().unwrap_or("").to_owned())
        .collect();
    tags.sort();
    tags
}

/// A CSV of `rows` assets tagged `{prefix}-NNNN`, each with 200 characters of notes that
/// compress poorly: an import of it needs far more room than a full disk has.
fn bulky_csv(prefix: &str, rows: u32) -> String {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut csv = String::from("asset_tag,asset_type,status,notes\n");
    for n in 1..=rows {
        let notes: String = (0..100)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                format!("{:02x}", (state >> 56) as u8)
            })
            .collect();
        csv.push_str(&format!("{prefix}-{n:04},server,in_stock,{notes}\n"));
    }
    csv
}

#[test]
fn a_full_disk_fails_an_edit_as_disk_full_and_the_edit_succeeds_once_space_is_freed() {
    let disk = match SmallDisk::mount(8) {
        Ok(disk) => disk,
        Err(why) => {
            eprintln!("cannot mount a small tmpfs here ({why}); core's injected faults cover it");
            return;
        }
    };
    let cli = Cli {
        data_dir: tempfile::tempdir_in(disk.path()).expect("data dir on the small disk"),
    };
    cli.run(&[
        "--workspace",
        "평택",
        "demo",
        "--assets",
        "30",
        "--seed",
        "1",
    ])
    .ok();
    // Another run before the disk fills: its open extends sled's log to a whole segment,
    // so the import's batch then fills the segment and fails part-written (a short write, a
    // batch without its manifest). `store/acked` records that the write failed after the
    // last acknowledged one, so the next open lets sled drop what it left instead of
    // refusing the store as damaged (as it did before the record).
    cli.run(&["asset", "list"]).ok();
    // The CSV lives off the small disk: only the store is short of space.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let csv = elsewhere.path().join("bulk.csv");
    std::fs::write(&csv, bulky_csv("BULK", 3_000)).expect("csv");
    let import = ["asset", "import", csv.to_str().expect("utf-8 path")];

    let filler = disk.fill();
    let stderr = cli.run(&import).fails();
    assert!(
        stderr.contains("the disk is full: nothing was saved"),
        "{stderr}"
    );
    assert!(!stderr.contains("damaged"), "{stderr}");

    // Reading while the disk is full: sled 0.34 may write when it opens a store (the tail of
    // its log, a snapshot file), so a new process may be refused too, but only ever as a full
    // disk, and never with a different list.
    let listed = cli.run(&["asset", "list", "--json"]);
    if listed.code == 0 {
        let page: serde_json::Value = serde_json::from_str(&listed.stdout).expect("JSON");
        assert_eq!(page["rows"].as_array().map(Vec::len), Some(30));
    } else {
        assert!(
            listed.stderr.contains("the disk is full"),
            "{}",
            listed.stderr
        );
        assert!(!listed.stderr.contains("damaged"), "{}", listed.stderr);
    }

    std::fs::remove_file(filler).expect("free the space");
    cli.run(&import).ok();
    let after = tags(&cli);
    assert_eq!(
        after.len(),
        3_030,
        "the import is whole once space is freed"
    );
    let demo = after.iter().filter(|tag| !tag.starts_with("BULK-")).count();
    assert_eq!(demo, 30, "nothing saved before the disk filled is lost");
}
