//! `cloudwright purchase …`, `approval-rule …`, `substitute …` (issue 19) through the real CLI
//! and a real team server: a request made by kim, its line chosen by the rules, a member
//! without the right to approve refused on their device, a member entitled approving (signed)
//! and the approval read on another device, and an approval whose signer lost the right
//! before it arrived refused by the server, so no device ever holds it.

use crate::util::{Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";

fn status(cli: &Cli, request: &str) -> String {
    let view = cli.run(&["purchase", "show", request, "--json"]).json();
    view["status"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_request_is_approved_by_the_entitled_member_and_a_late_approval_is_refused_by_the_server() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    for user in ["kim", "lee", "park"] {
        data.add_user(user, WORKSPACE, "editor");
    }
    data.admin(&[
        "user",
        "grant",
        "park",
        "--workspace",
        WORKSPACE,
        "--capability",
        "approve_purchases",
    ])
    .ok();
    let server = data.serve(&[]);
    let address = server.address().to_owned();
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let (lee_id, park_id) = (kim.member_id("lee"), kim.member_id("park"));

    kim.run(&[
        "budget",
        "add",
        "--year",
        "2027",
        "--line",
        "인프라 증설",
        "--kind",
        "cost_centre",
        "--amount",
        "500,000,000",
        "--policy",
        "warn",
    ])
    .ok();
    // Up to ₩10M: lee reviews, park approves; above: park alone (a rule for each band).
    kim.run(&[
        "approval-rule",
        "add",
        "--name",
        "소액",
        "--max",
        "10000000",
        "--step",
        &format!("review:{lee_id}=lee"),
        "--step",
        &format!("approve:{park_id}=park"),
    ])
    .ok();
    kim.run(&[
        "approval-rule",
        "add",
        "--name",
        "고액",
        "--min",
        "10,000,000",
        "--step",
        &format!("approve:{park_id}=park"),
    ])
    .ok();
    let bad = kim
        .run(&[
            "purchase",
            "create",
            "--title",
            "",
            "--needed-by",
            "2020-01-01",
            "--line",
            "R760 서버|hardware|Dell|R760|two|EA|abc|KRW",
        ])
        .fails();
    for reason in [
        "title: is required",
        "needed_by: 2020-01-01 is already past",
        "lines.0.quantity: 'two' is not a number",
        "lines.0.unit_price: 'abc' is not a number",
    ] {
        assert!(bad.contains(reason), "{reason} in {bad}");
    }
    let made = kim
        .run(&[
            "purchase",
            "create",
            "--title",
            "평택 컴퓨트 증설",
            "--department",
            "인프라팀",
            "--budget",
            "2027/인프라 증설",
            "--rate",
            "USD=1385.2",
            "--line",
            "R760 서버|hardware|Dell|R760|4|EA|3,500,000|KRW",
            "--line",
            "NVIDIA AI Enterprise|licence|NVIDIA|NVAIE-1Y|2|EA|1200.50|USD",
        ])
        .ok();
    let number = made
        .split_whitespace()
        .nth(1)
        .unwrap_or_else(|| panic!("{made}"))
        .to_owned();
    assert!(number.starts_with("PR-"), "{made}");
    // A spec sheet kept with the request reaches the approver's device.
    let sheet = kim.data_dir.path().join("사양서.txt");
    std::fs::write(&sheet, "R760 2×Xeon 6430, 512 GB").expect("write");
    let kept = kim
        .run(&["purchase", "attach", &number, sheet.to_str().expect("path")])
        .ok();
    assert!(kept.contains("kept 사양서.txt (25 bytes"), "{kept}");
    let sha = kept
        .trim()
        .trim_end_matches(')')
        .rsplit(", ")
        .next()
        .expect("the file's hash")
        .to_owned();
    // 대결 for park next month, so the rules and the substitute both travel.
    kim.run(&[
        "substitute",
        "add",
        "--absent",
        &format!("{park_id}=park"),
        "--substitute",
        &format!("{lee_id}=lee"),
        "--from",
        "2099-01-01",
        "--until",
        "2099-01-10",
        "--reason",
        "출장",
    ])
    .ok();
    let submitted = kim.run(&["purchase", "submit", &number]).ok();
    assert!(submitted.contains("₩17,325,865"), "{submitted}");
    assert!(
        submitted.contains("waiting on park"),
        "the 고액 rule: {submitted}"
    );
    kim.run(&["sync"]).ok();

    // lee is not in this line, and holds no approval right besides: refused, nothing written.
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let refused = lee.run(&["purchase", "approve", &number]).fails();
    assert!(
        refused.contains("it is not your turn: the request waits for park"),
        "{refused}"
    );

    // park's inbox holds it; park approves, signed, and kim's device reads it approved.
    let park = Cli::new();
    park.login(&server, "park");
    park.run(&["sync"]).ok();
    let seen = park.run(&["purchase", "show", &number]).ok();
    assert!(seen.contains("file: 사양서.txt (25 bytes"), "{seen}");
    // The file itself, byte for byte, and the rules and substitute as kim wrote them.
    let copy = park.data_dir.path().join("받은 사양서.txt");
    park.run(&[
        "purchase",
        "file",
        &number,
        &sha,
        "--out",
        copy.to_str().expect("path"),
    ])
    .ok();
    assert_eq!(
        std::fs::read(&copy).expect("saved"),
        std::fs::read(&sheet).expect("original")
    );
    for list in [
        ["approval-rule", "list", "--json"],
        ["substitute", "list", "--json"],
    ] {
        assert_eq!(park.run(&list).json(), kim.run(&list).json(), "{list:?}");
    }
    assert_eq!(
        kim.run(&["approval-rule", "list", "--json"])
            .json()
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let inbox = park.run(&["purchase", "list", "--waiting-for-me"]).ok();
    assert!(inbox.contains(&number), "{inbox}");
    let approved = park.run(&["purchase", "approve", &number]).ok();
    assert!(approved.contains("approved"), "{approved}");
    park.run(&["sync"]).ok();
    kim.run(&["sync"]).ok();
    assert_eq!(status(&kim, &number), "approved");
    let shown = kim.run(&["purchase", "show", &number]).ok();
    assert!(shown.contains("approve by park, signed"), "{shown}");

    // A second request: park approves it offline, but loses the right before the approval
    // reaches the server, which refuses it; kim never sees it approved.
    let second = kim
        .run(&[
            "purchase",
            "create",
            "--title",
            "예비 스위치",
            "--budget",
            "2027/인프라 증설",
            "--line",
            "Arista 7050X3|hardware|Arista|DCS-7050SX3-48YC8|1|EA|12,000,000|KRW",
        ])
        .ok();
    let second = second.split_whitespace().nth(1).expect("number").to_owned();
    kim.run(&["purchase", "submit", &second]).ok();
    kim.run(&["sync"]).ok();
    park.run(&["sync"]).ok();
    park.run(&["purchase", "approve", &second]).ok();
    server.kill();
    data.admin(&[
        "user",
        "ungrant",
        "park",
        "--workspace",
        WORKSPACE,
        "--capability",
        "approve_purchases",
    ])
    .ok();
    let _server = data.serve_on(&address, &[]);
    let said = park.run(&["sync"]);
    let told = format!("{}{}", said.stdout, said.stderr);
    assert!(told.contains("not_entitled"), "the server says why: {told}");
    kim.run(&["sync"]).ok();
    assert_eq!(
        status(&kim, &second),
        "submitted",
        "the server took a late approval"
    );
    assert_eq!(
        status(&kim, &number),
        "approved",
        "the earlier approval stands"
    );
}
