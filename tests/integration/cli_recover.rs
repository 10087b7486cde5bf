//! `cloudwright store recover` through the real CLI (issue 15): a demo workspace with one
//! flipped byte in the middle of its log is refused; recovery keeps the damaged store aside
//! byte for byte, brings back every asset whose document is still readable (sled's own
//! recovery would have shown none of those after the byte), reports the count and every
//! loss it can name, writes the report beside the copy, and the store opens again.

use crate::util::Cli;

#[test]
fn store_recover_brings_back_the_readable_assets_of_a_store_with_a_flipped_byte() {
    let cli = Cli::new();
    cli.run(&["demo", "--assets", "500", "--seed", "1"]).ok();
    let log = cli.path("store/db");
    let mut bytes = std::fs::read(&log).expect("read log");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&log, &bytes).expect("flip a byte");
    cli.run(&["asset", "list"]).fails();

    let report = cli.run(&["store", "recover"]).ok();

    let first = report.lines().next().expect("a report");
    assert!(first.starts_with("Recovered "), "{first}");
    // The demo's assets (beside the places their locations name).
    let recovered = report
        .lines()
        .filter(|l| l.trim_start().starts_with("recovered asset "))
        .count();
    assert!(
        (490..=500).contains(&recovered),
        "one flipped byte loses at most a few documents, not {recovered}: {report}"
    );
    let listed = cli.run(&["asset", "list", "--json"]).json();
    assert_eq!(listed["total"], recovered, "{report}");
    let lost_lines = report
        .lines()
        .filter(|l| l.trim_start().starts_with("lost "))
        .count();
    let lost: usize = first
        .split("; ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a lost count");
    assert_eq!(lost_lines, lost, "every loss counted is named: {report}");
    assert!(report.contains("Workspace "), "{report}");

    // The damaged store, kept aside unchanged, and the report beside it.
    let kept = std::fs::read_dir(cli.data_dir.path())
        .expect("data dir")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| path.is_dir() && path.to_string_lossy().contains("store.damaged-"))
        .expect("the damaged store kept aside");
    assert_eq!(std::fs::read(kept.join("db")).expect("kept log"), bytes);
    let written =
        std::fs::read_to_string(format!("{}.report.txt", kept.display())).expect("report file");
    assert!(report.starts_with(&written), "{written}\n---\n{report}");

    // The recovered store opens again, for every command.
    cli.run(&["workspace", "list"]).ok();
    cli.run(&["asset", "list"]).ok();
}
