//! Cables through the CLI: add with a generated label, a refusal that says why, a CSV import,
//! a trace.

use crate::util::{pdf_text, Cli};

const PANEL: &str = "A-R01-Patch panel 48×Cat6A";

#[test]
fn cables_are_added_refused_imported_and_traced_from_the_command_line() {
    let cli = Cli::new();
    cli.run(&[
        "--workspace",
        "평택",
        "demo",
        "--assets",
        "20",
        "--racks",
        "1",
    ])
    .ok();
    cli.run(&[
        "rack",
        "place",
        "A-R01",
        "--type",
        "PowerEdge R650",
        "--unit",
        "3",
        "--label",
        "web-01",
    ])
    .ok();
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
    assert!(taken.contains("port_taken"), "{taken}");
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
    assert!(fibre.contains("kind_does_not_fit"), "{fibre}");

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
