//! The asset register through the CLI: add, show, edit, history, list, import, export.

use crate::util::Cli;

fn workspace() -> Cli {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    cli
}

const FULL: &[&str] = &[
    "asset",
    "add",
    "--asset-tag",
    "PT1-SRV-0001",
    "--type",
    "서버",
    "--manufacturer",
    "Dell",
    "--model",
    "PowerEdge R760",
    "--serial",
    "DL1234",
    "--purchase-date",
    "2024-03-05",
    "--cost",
    "18,500,000",
    "--currency",
    "KRW",
    "--warranty-end",
    "2029-03-04",
    "--status",
    "in_use",
    "--site",
    "평택 1센터",
    "--room",
    "전산실 A",
    "--row",
    "C열",
    "--rack",
    "C-R07",
    "--unit",
    "12",
    "--owner",
    "인프라운영팀",
    "--notes",
    "펌웨어 최신",
    "--tags",
    "gpu,예비",
    "--json",
];

#[test]
fn an_asset_is_added_shown_edited_and_its_history_kept() {
    let cli = workspace();
    let added = cli.run(FULL).json();
    assert_eq!(added["asset"]["cost"]["amount_minor"], 18_500_000);
    let shown = cli.run(&["asset", "show", "PT1-SRV-0001", "--json"]).json();
    assert_eq!(shown["asset"], added);
    assert_eq!(shown["asset"]["asset"]["location"]["unit"], 12);
    assert_eq!(shown["history"][0]["op"], "register");
    assert_eq!(shown["history"][0]["author"]["name"], "tester");

    cli.run(&[
        "asset",
        "edit",
        "PT1-SRV-0001",
        "--status",
        "maintenance",
        "--notes",
        "",
        "--json",
    ])
    .ok();
    let shown = cli.run(&["asset", "show", "PT1-SRV-0001", "--json"]).json();
    let latest = &shown["history"][0];
    assert_eq!(latest["op"], "edit");
    let changes: Vec<(String, String, String)> = latest["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["field"].as_str().unwrap_or("").into(),
                c["before"].as_str().unwrap_or("").into(),
                c["after"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("status".into(), "in_use".into(), "maintenance".into()),
            ("notes".into(), "펌웨어 최신".into(), String::new())
        ]
    );
    // The text view shows the same history for people.
    let text = cli.run(&["asset", "show", "PT1-SRV-0001"]).ok();
    assert!(text.contains("status: 'in_use' -> 'maintenance'"), "{text}");
}

#[test]
fn bad_input_is_refused_with_every_reason_and_writes_nothing() {
    let cli = workspace();
    let stderr = cli
        .run(&[
            "asset",
            "add",
            "--asset-tag",
            "X-1",
            "--type",
            "toaster",
            "--purchase-date",
            "2023-02-29",
            "--unit",
            "0",
            "--cost",
            "abc",
        ])
        .fails();
    for expected in [
        "'toaster' is not an asset type",
        "'2023-02-29' is not a date",
        "'0' is not a rack unit",
        "'abc' is not an amount",
    ] {
        assert!(
            stderr.contains(expected),
            "missing '{expected}' in {stderr}"
        );
    }
    let stderr = cli.run(&["asset", "add", "--type", "server"]).fails();
    assert!(stderr.contains("asset_tag: is required"), "{stderr}");
    assert_eq!(cli.run(&["asset", "list", "--json"]).json()["total"], 0);
    let stderr = cli
        .run(&["asset", "list", "--filter", "colour=red"])
        .fails();
    assert!(stderr.contains("'colour' is not a field"), "{stderr}");
    let stderr = cli.run(&["asset", "show", "NOPE-1"]).fails();
    assert!(
        stderr.contains("no asset has the id or tag 'NOPE-1'"),
        "{stderr}"
    );
}

#[test]
fn search_filter_and_sort_through_the_cli() {
    let cli = workspace();
    for (tag, kind, status, cost) in [
        ("SW-2", "switch", "in_use", "900"),
        ("SRV-1", "server", "in_use", "1500"),
        ("SRV-3", "server", "retiring", "100"),
    ] {
        cli.run(&[
            "asset",
            "add",
            "--asset-tag",
            tag,
            "--type",
            kind,
            "--status",
            status,
            "--cost",
            cost,
            "--owner",
            "네트워크팀",
        ])
        .ok();
    }
    let tags = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["asset", "list", "--json"];
        all.extend_from_slice(args);
        let page = cli.run(&all).json();
        page["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["asset"]["asset_tag"].as_str().expect("tag").to_owned())
            .collect()
    };
    assert_eq!(tags(&[]), ["SRV-1", "SRV-3", "SW-2"]);
    assert_eq!(
        tags(&["--filter", "asset_type=server", "--filter", "status=in_use"]),
        ["SRV-1"]
    );
    assert_eq!(tags(&["--sort", "cost:desc"]), ["SRV-1", "SW-2", "SRV-3"]);
    assert_eq!(tags(&["--search", "네트워크 sw"]), ["SW-2"]);
    assert_eq!(tags(&["--limit", "1", "--offset", "1"]), ["SRV-3"]);
}

#[test]
fn csv_import_is_all_or_nothing_and_export_round_trips() {
    let cli = workspace();
    // A unit needs its rack: the import makes the site, room and rack the row names.
    let good = "\u{feff}asset_tag,유형,model,status,cost,purchase_date,site,room,rack,unit,tags\n\
                PT1-SRV-0001,서버,PowerEdge R760,사용 중,\"18,500,000\",2024-03-05,평택 1센터,전산실 A,A-R01,12,\"gpu,예비\"\n\
                PT1-SW-0002,switch,Nexus 93180YC-FX3,in_stock,31000000,2023.11.20,평택 1센터,,,,\n";
    let bad = "asset_tag,asset_type,status,unit,purchase_date\n\
               A-1,server,in_use,10,2024-01-01\n\
               A-2,toaster,in_use,10,2024-01-01\n\
               A-1,server,in_use,99,2024-02-30\n";
    std::fs::write(cli.path("bad.csv"), bad).expect("write");
    let stderr = cli
        .run(&[
            "asset",
            "import",
            cli.path("bad.csv").to_str().expect("path"),
        ])
        .fails();
    assert!(
        stderr.contains("line 3: asset_type: 'toaster' is not an asset type"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4: unit: '99' is not a rack unit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4: asset_tag: asset tag 'A-1' is already used"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(
        cli.run(&["asset", "list", "--json"]).json()["total"],
        0,
        "a refused import writes nothing"
    );

    std::fs::write(cli.path("good.csv"), good).expect("write");
    let dry = cli
        .run(&[
            "asset",
            "import",
            "--dry-run",
            cli.path("good.csv").to_str().expect("path"),
        ])
        .ok();
    assert!(dry.contains("2 rows are valid"), "{dry}");
    assert_eq!(
        cli.run(&["asset", "list", "--json"]).json()["total"],
        0,
        "a dry run writes nothing"
    );
    assert!(cli
        .run(&[
            "asset",
            "import",
            cli.path("good.csv").to_str().expect("path")
        ])
        .ok()
        .contains("imported 2 assets"));
    let shown = cli.run(&["asset", "show", "PT1-SW-0002", "--json"]).json();
    assert_eq!(shown["asset"]["asset"]["purchase_date"], "2023-11-20");
    assert_eq!(shown["history"][0]["op"], "import");
    // Importing the same file again clashes on every tag and writes nothing.
    let stderr = cli
        .run(&[
            "asset",
            "import",
            cli.path("good.csv").to_str().expect("path"),
        ])
        .fails();
    assert!(stderr.contains("2 rows, 2 with errors"), "{stderr}");

    // Export to a file (with a byte order mark), import it into a second workspace: same assets.
    let out = cli.path("export.csv");
    cli.run(&["asset", "export", "--out", out.to_str().expect("path")])
        .ok();
    let exported = std::fs::read_to_string(&out).expect("export");
    assert!(exported.starts_with('\u{feff}'));
    cli.run(&["workspace", "create", "복제"]).ok();
    cli.run(&[
        "--workspace",
        "복제",
        "asset",
        "import",
        out.to_str().expect("path"),
    ])
    .ok();
    let original = cli
        .run(&["--workspace", "평택 1센터", "asset", "export"])
        .ok();
    let copy = cli.run(&["--workspace", "복제", "asset", "export"]).ok();
    let without_ids = |csv: &str| {
        csv.lines()
            .map(|l| l.split_once(',').map_or("", |(_, rest)| rest).to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(without_ids(&original), without_ids(&copy));
    // Export follows the filter.
    let filtered = cli
        .run(&[
            "--workspace",
            "복제",
            "asset",
            "export",
            "--filter",
            "asset_type=switch",
        ])
        .ok();
    assert_eq!(filtered.lines().count(), 2, "{filtered}");
}

#[test]
fn a_malformed_csv_names_the_line() {
    let cli = workspace();
    std::fs::write(
        cli.path("broken.csv"),
        "asset_tag,model\nA-1,R760\nA-2,R760,extra\n",
    )
    .expect("write");
    let stderr = cli
        .run(&[
            "asset",
            "import",
            cli.path("broken.csv").to_str().expect("path"),
        ])
        .fails();
    assert!(
        stderr.contains("line 3 cannot be read: expected 2 fields, found 3"),
        "{stderr}"
    );
    std::fs::write(cli.path("no-tag.csv"), "model,serial\nR760,123\n").expect("write");
    let stderr = cli
        .run(&[
            "asset",
            "import",
            cli.path("no-tag.csv").to_str().expect("path"),
        ])
        .fails();
    assert!(
        stderr.contains("the file lacks the columns asset_tag"),
        "{stderr}"
    );
    assert_eq!(cli.run(&["asset", "list", "--json"]).json()["total"], 0);
}
