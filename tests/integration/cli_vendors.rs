//! `cloudwright vendor …` (issue 19): vendors added, refused with every reason, listed, shown
//! and changed through the real CLI on a real store.

use crate::util::{Cli, ServerData};

#[test]
fn vendors_are_added_refused_with_every_reason_listed_shown_and_changed() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    let added = cli
        .run(&[
            "vendor",
            "add",
            "--name",
            "(주)한빛시스템",
            "--business-number",
            "2208162517",
            "--contact",
            "박지훈|영업 대표|02-555-0101|jihoon.park@example.co.kr",
            "--category",
            "server",
            "--category",
            "network",
        ])
        .ok();
    assert!(
        added.contains("220-81-62517\t(주)한빛시스템\tserver, network"),
        "{added}"
    );

    // Every reason at once, at its field; nothing written.
    let refused = cli
        .run(&[
            "vendor",
            "add",
            "--name",
            "",
            "--business-number",
            "220-81-62518",
            "--contact",
            "이서연|||seoyeon",
        ])
        .fails();
    for reason in [
        "name: is required",
        "business_number: '220-81-62518' is not a valid business registration number (its check digit does not match)",
        "contact_email: 'seoyeon' is not an e-mail address",
    ] {
        assert!(refused.contains(reason), "{reason} in {refused}");
    }
    let taken = cli
        .run(&[
            "vendor",
            "add",
            "--name",
            "한빛",
            "--business-number",
            "220 81 62517",
        ])
        .fails();
    assert!(
        taken.contains("another vendor already has the business registration number 220-81-62517"),
        "{taken}"
    );
    let listed = cli.run(&["vendor", "list", "--json"]).json();
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");

    let shown = cli.run(&["vendor", "show", "220-81-62517"]).ok();
    assert!(
        shown.contains("contact: 박지훈 (영업 대표) 02-555-0101 jihoon.park@example.co.kr"),
        "{shown}"
    );
    cli.run(&[
        "vendor",
        "edit",
        "(주)한빛시스템",
        "--name",
        "(주)한빛시스템",
        "--business-number",
        "220-81-62517",
        "--notes",
        "연간 단가 계약",
    ])
    .ok();
    let vendor = cli
        .run(&["vendor", "show", "(주)한빛시스템", "--json"])
        .json();
    assert_eq!(vendor["notes"], "연간 단가 계약");
    assert_eq!(vendor["business_number"], "220-81-62517");
    let missing = cli.run(&["vendor", "show", "없는 업체"]).fails();
    assert!(
        missing.contains("no vendor has the name or id '없는 업체'"),
        "{missing}"
    );
}

/// A vendor added on one device reaches another through a real team server, the same field
/// for field, and an edit made there comes back.
#[test]
fn a_vendor_syncs_through_a_real_server_to_another_device_unchanged() {
    let data = ServerData::new();
    data.create_workspace("평택 1센터");
    data.add_user("kim", "평택 1센터", "editor");
    data.add_user("lee", "평택 1센터", "editor");
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    let lee = Cli::new();
    lee.login(&server, "lee");
    kim.run(&[
        "vendor",
        "add",
        "--name",
        "(주)한빛시스템",
        "--business-number",
        "220-81-62517",
        "--contact",
        "박지훈|영업 대표|02-555-0101|jihoon.park@example.co.kr",
        "--category",
        "server",
    ])
    .ok();
    kim.run(&["sync"]).ok();
    lee.run(&["sync"]).ok();
    let on_kim = kim.run(&["vendor", "list", "--json"]).json();
    let on_lee = lee.run(&["vendor", "list", "--json"]).json();
    assert_eq!(on_kim.as_array().map(Vec::len), Some(1), "{on_kim}");
    assert_eq!(on_lee, on_kim);

    lee.run(&[
        "vendor",
        "edit",
        "220-81-62517",
        "--name",
        "(주)한빛시스템",
        "--business-number",
        "220-81-62517",
        "--notes",
        "연간 단가 계약",
    ])
    .ok();
    lee.run(&["sync"]).ok();
    kim.run(&["sync"]).ok();
    let back = kim
        .run(&["vendor", "show", "(주)한빛시스템", "--json"])
        .json();
    assert_eq!(back["notes"], "연간 단가 계약");
}

/// A vendor's contract kept on one device reaches another through a real team server with
/// its bytes: `vendor file` there saves exactly the bytes kept here; a file taken off there is
/// gone here after the next sync; and the score weights set here are the weights there.
#[test]
fn a_vendors_contract_and_the_score_weights_reach_another_device_through_a_real_server() {
    let data = ServerData::new();
    data.create_workspace("평택 1센터");
    data.add_user("kim", "평택 1센터", "editor");
    data.add_user("lee", "평택 1센터", "editor");
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    let lee = Cli::new();
    lee.login(&server, "lee");
    kim.run(&[
        "vendor",
        "add",
        "--name",
        "(주)한빛시스템",
        "--business-number",
        "220-81-62517",
    ])
    .ok();
    // Every byte value, so a file read back as text or cut short would differ.
    let contract = kim.path("2027 단가계약서.pdf");
    let bytes: Vec<u8> = (0..4096u32).map(|n| (n * 7 % 256) as u8).collect();
    std::fs::write(&contract, &bytes).expect("write the contract");
    let kept = kim
        .run(&[
            "vendor",
            "attach",
            "(주)한빛시스템",
            contract.to_str().expect("path"),
            "--kind",
            "contract",
        ])
        .ok();
    assert!(
        kept.contains("kept 2027 단가계약서.pdf (4096 bytes"),
        "{kept}"
    );
    let sha = kept
        .trim()
        .trim_end_matches(')')
        .rsplit(", ")
        .next()
        .expect("the file's hash")
        .to_owned();
    let refused = kim
        .run(&[
            "vendor",
            "attach",
            "(주)한빛시스템",
            "--kind",
            "invoice",
            contract.to_str().expect("path"),
        ])
        .fails();
    assert!(
        refused.contains("--kind 'invoice' is not a vendor file kind"),
        "{refused}"
    );
    let weights = kim
        .run(&[
            "vendor",
            "weights",
            "--on-time",
            "50",
            "--price",
            "20",
            "--response",
            "20",
            "--quality",
            "10",
        ])
        .ok();
    assert!(
        weights.contains("on time 50\tprice 20\tresponse 20\tquality 10"),
        "{weights}"
    );
    kim.run(&["sync"]).ok();

    // Before lee syncs, lee's device has no such vendor to save a file of.
    let early = lee.path("이른 계약서.pdf");
    let missing = lee
        .run(&[
            "vendor",
            "file",
            "220-81-62517",
            &sha,
            "--out",
            early.to_str().expect("path"),
        ])
        .fails();
    assert!(missing.contains("no vendor"), "{missing}");
    lee.run(&["sync"]).ok();
    let shown = lee.run(&["vendor", "show", "220-81-62517"]).ok();
    assert!(
        shown.contains(&format!(
            "file: {sha}\tcontract\t2027 단가계약서.pdf\t4096 bytes"
        )),
        "{shown}"
    );
    let copy = lee.path("받은 계약서.pdf");
    let wrote = lee
        .run(&[
            "vendor",
            "file",
            "220-81-62517",
            &sha,
            "--out",
            copy.to_str().expect("path"),
        ])
        .ok();
    assert!(
        wrote.contains("wrote 2027 단가계약서.pdf (4096 bytes)"),
        "{wrote}"
    );
    assert_eq!(std::fs::read(&copy).expect("saved"), bytes);
    // A hash the vendor does not keep is named as such.
    let unknown = lee
        .run(&[
            "vendor",
            "file",
            "220-81-62517",
            &"0".repeat(64),
            "--out",
            copy.to_str().expect("path"),
        ])
        .fails();
    assert!(
        unknown.contains(&format!("(주)한빛시스템 names no file {}", "0".repeat(64))),
        "{unknown}"
    );
    // The score weights kind (`scoreweights/…`) as kim set them.
    assert_eq!(
        lee.run(&["vendor", "weights"]).ok(),
        kim.run(&["vendor", "weights"]).ok()
    );
    assert!(lee
        .run(&["vendor", "weights"])
        .ok()
        .contains("on time 50\tprice 20\tresponse 20\tquality 10"));

    // lee takes the file off; kim's device lists none after syncing.
    lee.run(&["vendor", "detach", "220-81-62517", &sha]).ok();
    lee.run(&["sync"]).ok();
    kim.run(&["sync"]).ok();
    let back = kim
        .run(&["vendor", "show", "220-81-62517", "--json"])
        .json();
    assert_eq!(back["files"], serde_json::json!({}), "{back}");

    // Weights set on both devices before either syncs: both keep both sets, and both read
    // the later one as in force.
    let set = |cli: &Cli, weights: [&str; 4]| {
        cli.run(&[
            "vendor",
            "weights",
            "--on-time",
            weights[0],
            "--price",
            weights[1],
            "--response",
            weights[2],
            "--quality",
            weights[3],
        ])
        .ok()
    };
    set(&kim, ["40", "30", "15", "15"]);
    set(&lee, ["25", "25", "25", "25"]);
    for cli in [&kim, &lee, &kim] {
        cli.run(&["sync"]).ok();
    }
    for cli in [&kim, &lee] {
        let shown = cli.run(&["vendor", "weights"]).ok();
        assert!(
            shown.contains("on time 25\tprice 25\tresponse 25\tquality 25"),
            "lee's later weights in force on both devices: {shown}"
        );
    }
}
