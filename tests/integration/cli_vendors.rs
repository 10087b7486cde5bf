//! `cloudwright vendor …` (issue 19): vendors added, refused with every reason, listed, shown
//! and changed through the real CLI on a real store.

use crate::util::Cli;

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
