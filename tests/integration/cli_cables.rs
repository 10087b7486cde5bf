//! Cables through the CLI: add with a generated label, a refusal that says why, a CSV import,
//! a trace.

use crate::util::{pdf_text, Cli, Cups};

const PANEL: &str = "A-R01-Patch panel 48×Cat6A";

#[test]
fn cables_are_added_refused_imported_and_traced_from_the_command_line() {
    let cli = Cli::with_demo_racks("1");
    let added = cli
        .run(&[
            "cable",
            "add",
            "--a-device",
            "web-01",
            "--a-port",
            "eno1",
            "--b-device",
            PANEL,
            "--b-port",
            "front:1",
            "--type",
            "cat6a",
        ])
        .ok();
    assert!(
        added.contains("added cable A-R01-U3-eno1/A-R01-U41-1"),
        "{added}"
    );
    let taken = cli
        .run(&[
            "cable",
            "add",
            "--a-device",
            "web-01",
            "--a-port",
            "eno2",
            "--b-device",
            PANEL,
            "--b-port",
            "front:1",
            "--type",
            "cat6a",
        ])
        .fails();
    assert!(
        taken.contains("front port 1 is taken by cable A-R01-U3-eno1/A-R01-U41-1"),
        "{taken}"
    );
    let fibre = cli
        .run(&[
            "cable",
            "add",
            "--a-device",
            "web-01",
            "--a-port",
            "eno2",
            "--b-device",
            PANEL,
            "--b-port",
            "front:2",
            "--type",
            "om4",
        ])
        .fails();
    assert!(
        fibre.contains("a cable of type om4 does not fit front port 2"),
        "{fibre}"
    );

    let csv = cli.path("cables.csv");
    std::fs::write(
        &csv,
        format!(
            "side_a_device,side_a_name,side_b_device,side_b_name,type,color,length,length_unit,label,status\n\
             web-01,eno2,{PANEL},front:2,cat6a,파랑,2,m,,planned\n"
        ),
    )
    .expect("write");
    let imported = cli
        .run(&["cable", "import", csv.to_str().expect("path")])
        .ok();
    assert!(imported.contains("imported 1 cables"), "{imported}");
    let exported = cli.run(&["cable", "export"]).ok();
    assert!(
        exported.contains(&format!("web-01,eno2,{PANEL},front:2,cat6a,파랑,2,m,")),
        "{exported}"
    );
    let list = cli.run(&["cable", "list", "--json"]).json();
    assert_eq!(list.as_array().expect("cables").len(), 2);
    let path = cli
        .run(&[
            "cable", "trace", "--device", "web-01", "--port", "eno2", "--json",
        ])
        .json();
    assert_eq!(path["hops"].as_array().expect("hops").len(), 1);
    assert_eq!(path["ends_at"]["port"], "2");

    // Labels for both ends of both cables, as a PDF sheet and as ZPL for a thermal printer.
    let media = cli.run(&["labels", "media", "--json"]).json();
    let names: Vec<&str> = media
        .as_array()
        .expect("media")
        .iter()
        .map(|m| m["name"].as_str().unwrap_or_default())
        .collect();
    assert!(
        names.contains(&"a4-3x8") && names.contains(&"tape-12mm"),
        "{names:?}"
    );
    let pdf = cli.path("labels.pdf");
    let zpl = cli.path("labels.zpl");
    cli.run(&[
        "labels",
        "cables",
        "--media",
        "a4-3x8",
        "--pdf",
        pdf.to_str().expect("path"),
        "--zpl",
        zpl.to_str().expect("path"),
    ])
    .ok();
    let text = pdf_text(&pdf);
    for end in ["A-R01-U3-eno1/A-R01-U41-1", "A-R01-U41-1/A-R01-U3-eno1"] {
        assert!(text.contains(end), "'{end}' on the sheet:\n{text}");
    }
    assert!(text.contains("파랑"), "the colour, in Korean");
    let zpl = std::fs::read_to_string(&zpl).expect("zpl");
    assert_eq!(zpl.matches("^XA").count(), 4, "two ends of two cables");
    assert!(zpl.contains("^FDA-R01-U3-eno1/A-R01-U41-1^FS"), "{zpl}");
}

/// Two cables on the demo rack's patch panel and access switch, added through the CLI.
fn two_cables(cli: &Cli) -> [String; 2] {
    cli.run(&[
        "--workspace",
        "평택",
        "demo",
        "--assets",
        "20",
        "--racks",
        "2",
    ])
    .ok();
    // The switch may be a registered asset, named by its tag: find the devices by type.
    let rack = cli.run(&["rack", "show", "A-R02", "--json"]).json();
    let label_of = |key: &str| {
        rack["devices"]
            .as_array()
            .expect("devices")
            .iter()
            .find(|device| device["placement"]["device_type"] == key)
            .and_then(|device| device["placement"]["label"].as_str())
            .expect("placed")
            .to_owned()
    };
    let panel = label_of("builtin:patch-panel-48-cat6a");
    let switch = label_of("builtin:cisco-catalyst-9300-48t");
    for port in ["1", "2"] {
        cli.run(&[
            "cable",
            "add",
            "--a-device",
            &panel,
            "--a-port",
            &format!("front:{port}"),
            "--b-device",
            &switch,
            "--b-port",
            &format!("GigabitEthernet1/0/{port}"),
            "--type",
            "cat6a",
        ])
        .ok();
    }
    ["1", "2"].map(|port| format!("A-R02-U42-{port}/A-R02-U40-GigabitEthernet1/0/{port}"))
}

#[test]
fn cables_move_through_install_and_tests_and_take_a_new_label_scheme() {
    let cli = Cli::new();
    let [first, second] = two_cables(&cli);
    let done = cli
        .run(&["cable", "status", "installed", &first, &second])
        .ok();
    assert!(done.contains("2 cables now installed"), "{done}");
    let refused = cli.run(&["cable", "status", "tested", &first]).fails();
    assert!(
        refused.contains("cannot go from installed to tested by hand"),
        "{refused}"
    );

    // One result by hand with the tester's report, the other from the tester's CSV.
    let report = cli.path("dsx.pdf");
    std::fs::write(&report, b"%PDF-1.4 DSX-8000").expect("report");
    let tested = cli
        .run(&[
            "cable",
            "test",
            &first,
            "--pass",
            "--length",
            "2.1",
            "--report",
            report.to_str().expect("path"),
        ])
        .ok();
    assert!(tested.contains(&format!("{first}: tested")), "{tested}");
    let results = cli.path("results.csv");
    std::fs::write(
        &results,
        format!("label,result,tester,date\n{second},실패,이서연,2026-12-01 09:30\nNOPE,pass,,\n"),
    )
    .expect("csv");
    let bad = cli
        .run(&["cable", "test", "--import", results.to_str().expect("path")])
        .fails();
    assert!(
        bad.contains("line 3: label: names no cable ('NOPE')"),
        "the bad line is named: {bad}"
    );
    std::fs::write(
        &results,
        format!("label,result,tester,date\n{second},실패,이서연,2026-12-01 09:30\n"),
    )
    .expect("csv");
    cli.run(&["cable", "test", "--import", results.to_str().expect("path")])
        .ok();
    let list = cli.run(&["cable", "list", "--json"]).json();
    let status = |label: &str| {
        list.as_array()
            .expect("cables")
            .iter()
            .find(|c| c["label"] == label)
            .map(|c| (c["status"].clone(), c["tests"].clone()))
            .expect("listed")
    };
    let (first_status, first_tests) = status(&first);
    assert_eq!(first_status, "tested");
    assert_eq!(first_tests[0]["report_name"], "dsx.pdf");
    let (second_status, second_tests) = status(&second);
    assert_eq!(second_status, "failed");
    assert_eq!(second_tests[0]["tester"], "이서연");

    // A new scheme relabels both (generated, never printed); the CLI shows it.
    assert!(cli
        .run(&["cable", "scheme"])
        .ok()
        .contains("{rack}-U{unit}"));
    let refused = cli.run(&["cable", "scheme", "{rack}-{shelf}"]).fails();
    assert!(refused.contains("'{shelf}' at 7"), "{refused}");
    let set = cli.run(&["cable", "scheme", "{room} {rack}-C{n:4}"]).ok();
    assert!(set.contains("2 cables relabelled"), "{set}");
    let labels: Vec<String> = cli
        .run(&["cable", "list", "--json"])
        .json()
        .as_array()
        .expect("cables")
        .iter()
        .map(|c| c["label"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(labels, ["전산실 A A-R02-C0001", "전산실 A A-R02-C0002"]);
}

#[test]
fn labels_print_to_a_cups_printer_and_are_marked_printed() {
    let cli = Cli::new();
    let [first, _] = two_cables(&cli);
    let cups = Cups::start("zebra-1");
    let env = [("CUPS_SERVER", cups.server.as_str())];
    let pdf = cli.path("rack.pdf");
    let sent = cli
        .run_with_env(
            &[
                "labels",
                "cables",
                "--media",
                "flag-76x19",
                "--rack",
                "A-R02",
                "--pdf",
                pdf.to_str().expect("path"),
                "--printer",
                "zebra-1",
                "--mark-printed",
            ],
            &env,
        )
        .ok();
    assert!(
        sent.contains("sent to zebra-1: request id is zebra-1-1"),
        "{sent}"
    );
    assert!(sent.contains("marked 2 cables printed"), "{sent}");
    assert_eq!(
        cups.printed(),
        [std::fs::read(&pdf).expect("pdf")],
        "CUPS took exactly the PDF"
    );
    let text = pdf_text(&pdf);
    assert!(text.contains(&first), "{text}");

    // Everything is labelled now: nothing is left to print as unlabelled.
    let none = cli
        .run(&[
            "labels",
            "cables",
            "--media",
            "tape-12mm",
            "--unlabelled",
            "--zpl",
            cli.path("left.zpl").to_str().expect("path"),
        ])
        .fails();
    assert!(none.contains("no cables to label"), "{none}");
    let missing = cli
        .run_with_env(
            &[
                "labels",
                "cables",
                "--media",
                "tape-12mm",
                "--zpl",
                cli.path("all.zpl").to_str().expect("path"),
                "--printer",
                "no-such-printer",
            ],
            &env,
        )
        .fails();
    assert!(
        missing.contains("printer 'no-such-printer' refused the job"),
        "{missing}"
    );
}

#[test]
fn the_demo_cables_its_racks_up_to_a_count_and_a_switch_traces_to_the_network_rack() {
    let cli = Cli::new();
    let refused = cli
        .run(&[
            "--workspace",
            "평택",
            "demo",
            "--assets",
            "20",
            "--cables",
            "300",
        ])
        .fails();
    assert!(refused.contains("--cables needs --racks"), "{refused}");
    // No register assets, so no device is named by an asset tag: the placements keep their
    // `{rack}-{model}` labels.
    let made = cli
        .run(&[
            "--workspace",
            "평택",
            "demo",
            "--assets",
            "0",
            "--racks",
            "20",
            "--cables",
            "300",
        ])
        .ok();
    assert!(made.contains("generated 300 cables"), "{made}");
    let list = cli.run(&["cable", "list", "--json"]).json();
    assert_eq!(list.as_array().expect("cables").len(), 300);

    // The first compute rack's access switch: its uplink runs through its own patch panel,
    // the trunk and the network rack's cross-connect to the row's aggregation switch.
    let path = cli
        .run(&[
            "cable",
            "trace",
            "--device",
            "A-R02-Catalyst 9300-48T",
            "--port",
            "GigabitEthernet1/0/48",
            "--json",
        ])
        .json();
    let hops = path["hops"].as_array().expect("hops");
    let roles: Vec<&str> = hops
        .iter()
        .map(|hop| hop["to"]["role"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(roles, ["front", "rear", "front", "interface"], "{path}");
    assert_eq!(path["ends_at"]["port"], "ge-0/0/0");

    // Asking for more than the racks hold writes what fits, and says so.
    let small = Cli::new();
    let all = small
        .run(&[
            "demo", "--assets", "20", "--racks", "2", "--cables", "100000",
        ])
        .ok();
    assert!(
        all.contains("all that fit the room's racks; 100000 asked"),
        "{all}"
    );
    let written: usize = all
        .lines()
        .find_map(|line| {
            line.strip_prefix("generated ")?
                .split(" cables")
                .next()?
                .parse()
                .ok()
        })
        .expect("a count");
    let listed = small.run(&["cable", "list", "--json"]).json();
    assert_eq!(listed.as_array().expect("cables").len(), written);
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::BufRead;
    let cli = Cli::new();
    cli.run(&[
        "demo", "--assets", "200", "--racks", "20", "--cables", "1000",
    ])
    .ok();
    let mut child = std::process::Command::new(crate::util::binary("cloudwright"))
        .arg("--data-dir")
        .arg(cli.data_dir.path())
        .args(["cable", "list", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    // The reader is gone, as `| head -1` would be.
    let output = child.wait_with_output().expect("wait");
    assert!(!first.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(141));
}
