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
