//! Workspaces, demo data and store errors through the CLI.

use crate::util::Cli;

#[test]
fn workspaces_are_created_listed_and_must_be_unique() {
    let cli = Cli::new();
    assert!(cli
        .run(&["workspace", "list"])
        .ok()
        .contains("no workspaces yet"));
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    cli.run(&["workspace", "create", "가산 IDC"]).ok();
    let stderr = cli.run(&["workspace", "create", "평택 1센터"]).fails();
    assert!(stderr.contains("already exists"), "{stderr}");
    let list = cli.run(&["workspace", "list", "--json"]).json();
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|w| w["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["가산 IDC", "평택 1센터"]);
    // With two workspaces, commands must say which one.
    let stderr = cli.run(&["asset", "list"]).fails();
    assert!(stderr.contains("--workspace"), "{stderr}");
    cli.run(&["--workspace", "가산 IDC", "asset", "list"]).ok();
    let stderr = cli.run(&["--workspace", "부산", "asset", "list"]).fails();
    assert!(stderr.contains("no workspace is named '부산'"), "{stderr}");
}

#[test]
fn demo_data_is_realistic_and_deterministic_for_a_seed() {
    let first = Cli::new();
    let second = Cli::new();
    for cli in [&first, &second] {
        cli.run(&["demo", "--assets", "300", "--seed", "42"]).ok();
    }
    let export = |cli: &Cli| {
        let csv = cli.run(&["asset", "export"]).ok();
        // Ids embed the moment of generation; everything else follows the seed.
        csv.lines()
            .map(|line| line.split_once(',').map_or("", |(_, rest)| rest).to_owned())
            .collect::<Vec<_>>()
    };
    let (a, b) = (export(&first), export(&second));
    assert_eq!(a.len(), 301);
    assert_eq!(a, b, "the same seed gives the same workspace");
    let other = Cli::new();
    other.run(&["demo", "--assets", "300", "--seed", "43"]).ok();
    assert_ne!(export(&other), a);
    let page = first
        .run(&["asset", "list", "--json", "--filter", "site=평택"])
        .json();
    assert!(
        page["total"].as_u64().expect("total") > 50,
        "{}",
        page["total"]
    );
    let korean = page["rows"][0]["asset"]["location"]["site"]
        .as_str()
        .expect("site");
    assert_eq!(korean, "평택 1센터");
}

#[test]
fn a_damaged_store_is_reported_not_replaced() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    std::fs::write(cli.path("store/db"), vec![0x42; 4096]).expect("damage the log");
    let stderr = cli.run(&["workspace", "list"]).fails();
    assert!(stderr.contains("damaged"), "{stderr}");
    assert_eq!(
        std::fs::read(cli.path("store/db")).expect("db"),
        vec![0x42; 4096]
    );
}
