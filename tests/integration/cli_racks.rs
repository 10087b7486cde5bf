//! Racks through the CLI: the demo room, placing and removing with refusals that say why, the
//! printed pack, and two devices filling one unit offline through a real sync server.

use crate::util::{pdf_text, Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";

fn rack_json(cli: &Cli, rack: &str) -> serde_json::Value {
    cli.run(&["--workspace", WORKSPACE, "rack", "show", rack, "--json"])
        .json()
}

fn labels(view: &serde_json::Value) -> Vec<String> {
    view["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .map(|d| {
            d["placement"]["label"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[test]
fn place_show_remove_and_print_racks_from_the_command_line() {
    let cli = Cli::new();
    cli.run(&[
        "--workspace",
        WORKSPACE,
        "demo",
        "--assets",
        "200",
        "--racks",
        "3",
    ])
    .ok();
    let list = cli.run(&["rack", "list", "--json"]).json();
    let names: Vec<&str> = list
        .as_array()
        .expect("racks")
        .iter()
        .map(|r| r["name"].as_str().unwrap_or_default())
        // The racks the asset demo's locations name (A01, C05, …) aside.
        .filter(|name| name.contains("-R"))
        .collect();
    assert_eq!(names, ["A-R01", "A-R02", "A-R03"]);

    // A-R01 is the row's network rack: U1 to U27 are free.
    let placed = cli
        .run(&[
            "rack",
            "place",
            "A-R01",
            "--type",
            "PowerEdge R650",
            "--unit",
            "5",
            "--label",
            "웹-01",
        ])
        .ok();
    assert!(
        placed.contains("placed Dell PowerEdge R650 in A-R01"),
        "{placed}"
    );
    let view = rack_json(&cli, "A-R01");
    assert!(labels(&view).contains(&"웹-01".to_owned()));
    let text = cli.run(&["rack", "show", "A-R01"]).ok();
    assert!(
        text.lines()
            .any(|line| line.trim_start().starts_with("5 ") && line.contains("웹-01")),
        "{text}"
    );

    // Refusals name the reason and change nothing.
    let taken = cli
        .run(&[
            "rack",
            "place",
            "A-R01",
            "--type",
            "PowerEdge R650",
            "--unit",
            "5",
        ])
        .fails();
    assert!(taken.contains("'웹-01' takes those units"), "{taken}");
    let too_high = cli
        .run(&[
            "rack",
            "place",
            "A-R01",
            "--type",
            "dell-poweredge-r750",
            "--unit",
            "42",
        ])
        .fails();
    assert!(
        too_high.contains("past the top of a 42U rack"),
        "{too_high}"
    );
    let unknown = cli
        .run(&["rack", "place", "A-R01", "--type", "toaster", "--unit", "3"])
        .fails();
    assert!(
        unknown.contains("no single device type matches 'toaster'"),
        "{unknown}"
    );
    assert_eq!(labels(&rack_json(&cli, "A-R01")), labels(&view));

    // An asset hung in a rack takes the rack's location; removing it clears it.
    let asset = cli
        .run(&[
            "asset", "list", "--json", "--limit", "1", "--search", "R660",
        ])
        .json();
    let tag = asset["rows"][0]["asset"]["asset_tag"]
        .as_str()
        .expect("a demo R660")
        .to_owned();
    let in_rack = asset["rows"][0]["asset"]["location"]["rack"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if !in_rack.is_empty() {
        // The demo hung this one already: take it out first.
        cli.run(&["rack", "remove", &in_rack, &tag]).ok();
    }
    cli.run(&["rack", "place", "A-R01", "--asset", &tag, "--unit", "10"])
        .ok();
    let row = cli.run(&["asset", "show", &tag, "--json"]).json();
    assert_eq!(row["asset"]["asset"]["location"]["rack"], "A-R01");
    assert_eq!(row["asset"]["asset"]["location"]["unit"], 10);
    cli.run(&["rack", "remove", "A-R01", &tag]).ok();
    let row = cli.run(&["asset", "show", &tag, "--json"]).json();
    assert_eq!(row["asset"]["asset"]["location"]["rack"], "");

    // The printed pack holds every rack, in Korean.
    let pdf = cli.path("racks.pdf");
    cli.run(&["report", "racks", "--pdf", pdf.to_str().expect("path")])
        .ok();
    let text = pdf_text(&pdf);
    for needle in ["A-R01", "A-R02", "A-R03", "웹-01", "전면", "후면"] {
        assert!(text.contains(needle), "'{needle}' in the pack");
    }
    let power = cli.path("power.pdf");
    cli.run(&[
        "report",
        "power",
        "--pdf",
        power.to_str().expect("path"),
        "--lang",
        "en",
    ])
    .ok();
    assert!(std::fs::metadata(&power).expect("power report").len() > 1000);
}

#[test]
fn two_devices_filling_one_unit_offline_both_keep_their_device_and_see_the_break() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    data.add_user("kim", WORKSPACE, "editor");
    data.add_user("lee", WORKSPACE, "editor");
    let server = data.serve(&[]);
    let kim = Cli::new();
    let lee = Cli::new();
    kim.login(&server, "kim");
    lee.login(&server, "lee");
    kim.run(&[
        "--workspace",
        WORKSPACE,
        "demo",
        "--assets",
        "30",
        "--racks",
        "2",
    ])
    .ok();
    kim.run(&["sync"]).ok();
    lee.run(&["sync"]).ok();
    assert_eq!(rack_json(&lee, "A-R01")["rack"]["name"], "A-R01");

    // Offline, each fills U5 of A-R01.
    kim.run(&[
        "--workspace",
        WORKSPACE,
        "rack",
        "place",
        "A-R01",
        "--type",
        "PowerEdge R650",
        "--unit",
        "5",
        "--label",
        "kim-01",
    ])
    .ok();
    lee.run(&[
        "--workspace",
        WORKSPACE,
        "rack",
        "place",
        "A-R01",
        "--type",
        "PowerEdge R650",
        "--unit",
        "5",
        "--label",
        "lee-01",
    ])
    .ok();
    kim.run(&["sync"]).ok();
    lee.run(&["sync"]).ok();
    kim.run(&["sync"]).ok();

    for device in [&kim, &lee] {
        let view = rack_json(device, "A-R01");
        let names = labels(&view);
        assert!(
            names.contains(&"kim-01".to_owned()) && names.contains(&"lee-01".to_owned()),
            "{names:?}"
        );
        let broken = view["invariants"].as_array().expect("invariants");
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert_eq!(broken[0]["rule"], "overlap");
        assert_eq!(broken[0]["bottom_unit"], 5);
    }
}

#[test]
fn device_types_import_from_yaml_all_or_nothing_and_can_then_be_placed() {
    let cli = Cli::new();
    cli.run(&[
        "--workspace",
        WORKSPACE,
        "demo",
        "--assets",
        "20",
        "--racks",
        "1",
    ])
    .ok();
    let before = cli.run(&["rack", "types", "--json"]).json();
    let yaml = cli.path("types.yaml");
    std::fs::write(
        &yaml,
        "- manufacturer: Juniper\n  model: EX4650-48Y\n  u_height: 1\n  is_full_depth: false\n  typical_w: 300\n  max_w: 450\n  interfaces: [{name: \"xe-0/0/{0-47}\", type: 25gbase-x-sfp28}]\n\
         - manufacturer: Acme\n  model: Half-broken\n  u_height: 1.3\n",
    )
    .expect("write");
    let refused = cli
        .run(&["rack", "import-types", yaml.to_str().expect("path")])
        .fails();
    assert!(refused.contains("nothing was imported"), "{refused}");
    assert!(
        refused.contains("entry 2: u_height is out of range"),
        "{refused}"
    );
    assert_eq!(cli.run(&["rack", "types", "--json"]).json(), before);

    std::fs::write(
        &yaml,
        "- manufacturer: Juniper\n  model: EX4650-48Y\n  u_height: 1\n  is_full_depth: false\n  typical_w: 300\n  max_w: 450\n  interfaces: [{name: \"xe-0/0/{0-47}\", type: 25gbase-x-sfp28}]\n",
    )
    .expect("write");
    let added = cli
        .run(&["rack", "import-types", yaml.to_str().expect("path")])
        .ok();
    assert!(added.contains("added 1 device types"), "{added}");
    let types = cli.run(&["rack", "types", "--json"]).json();
    let new = types
        .as_array()
        .expect("types")
        .iter()
        .find(|t| t["model"] == "EX4650-48Y")
        .expect("the imported type");
    assert_eq!(new["interfaces"].as_array().expect("ports").len(), 48);
    cli.run(&[
        "rack",
        "place",
        "A-R01",
        "--type",
        "EX4650-48Y",
        "--unit",
        "3",
    ])
    .ok();
}
