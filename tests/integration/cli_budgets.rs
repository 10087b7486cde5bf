//! `cloudwright budget …` (issue 19): budgets added, refused with every reason, listed with
//! what is used of them, shown and changed through the real CLI on a real store, and synced
//! through a real team server to a second device.

use crate::util::{Cli, ServerData};

fn add(cli: &Cli, year: &str, line: &str, kind: &str, amount: &str, policy: &str) -> String {
    cli.run(&[
        "budget", "add", "--year", year, "--line", line, "--kind", kind, "--amount", amount,
        "--policy", policy,
    ])
    .ok()
}

#[test]
fn budgets_are_added_refused_with_every_reason_listed_shown_and_changed() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    let empty = cli.run(&["budget", "list"]).ok();
    assert!(empty.contains("no budgets yet"), "{empty}");
    let added = cli
        .run(&[
            "budget",
            "add",
            "--year",
            "2027",
            "--line",
            "인프라 증설",
            "--kind",
            "cost_centre",
            "--code",
            "CC-100",
            "--amount",
            "500,000,000",
            "--policy",
            "warn",
            "--notes",
            "2027 증설 예산",
        ])
        .ok();
    assert!(added.contains("2027 인프라 증설 ₩500,000,000"), "{added}");
    add(&cli, "2028", "네트워크", "project", "80000000", "stop");

    // Every reason at once, at its field; nothing written.
    let refused = cli
        .run(&[
            "budget", "add", "--year", "20x7", "--line", "", "--kind", "project", "--amount",
            "abc", "--policy", "stop",
        ])
        .fails();
    for reason in [
        "year: '20x7' is not a number",
        "line: is required",
        "amount_krw: 'abc' is not a number",
    ] {
        assert!(refused.contains(reason), "{reason} in {refused}");
    }
    let refused = cli
        .run(&[
            "budget", "add", "--year", "1999", "--line", "서버", "--kind", "category", "--amount",
            "1,000.5", "--policy", "allow",
        ])
        .fails();
    for reason in [
        "year: '1999' is not a year from 2000 to 2100",
        "amount_krw: '1,000.5' is not a whole number of won",
    ] {
        assert!(refused.contains(reason), "{reason} in {refused}");
    }
    let taken = cli
        .run(&[
            "budget",
            "add",
            "--year",
            "2027",
            "--line",
            "인프라  증설",
            "--kind",
            "project",
            "--amount",
            "1",
            "--policy",
            "stop",
        ])
        .fails();
    assert!(
        taken.contains("line: the line already has a budget that year (2027 인프라 증설)"),
        "{taken}"
    );
    let bad_kind = cli
        .run(&[
            "budget",
            "add",
            "--year",
            "2027",
            "--line",
            "서버",
            "--kind",
            "department",
            "--amount",
            "1",
            "--policy",
            "stop",
        ])
        .fails();
    assert!(
        bad_kind.contains(
            "'department' is not a kind of budget line: write cost_centre, project or category"
        ),
        "{bad_kind}"
    );

    let listed = cli.run(&["budget", "list", "--json"]).json();
    let rows = listed.as_array().expect("a list");
    assert_eq!(rows.len(), 2, "{listed}");
    assert_eq!(rows[0]["budget"]["line"], "인프라 증설");
    assert_eq!(rows[0]["budget"]["amount_krw"], 500_000_000);
    assert_eq!(rows[0]["budget"]["line_kind"], "cost_centre");
    assert_eq!(rows[0]["budget"]["policy"], "warn");
    assert_eq!(rows[0]["committed_krw"], 0);
    assert_eq!(rows[0]["spent_krw"], 0);
    assert_eq!(rows[0]["available_krw"], 500_000_000);
    assert_eq!(rows[0]["utilisation_pct"], 0.0);
    assert_eq!(rows[1]["budget"]["line"], "네트워크");
    let of_2028 = cli
        .run(&["budget", "list", "--year", "2028", "--json"])
        .json();
    assert_eq!(of_2028.as_array().map(Vec::len), Some(1), "{of_2028}");
    assert_eq!(of_2028[0]["budget"]["line"], "네트워크");

    let table = cli.run(&["budget", "list"]).ok();
    assert!(
        table.contains("AMOUNT        COMMITTED            SPENT        AVAILABLE     USED  LINE"),
        "{table}"
    );
    let row = table
        .lines()
        .find(|line| line.contains("인프라 증설"))
        .expect("its row");
    assert!(
        row.contains(
            "2027  warn        500,000,000                0                0      500,000,000     0.0%  인프라 증설 (cost_centre, CC-100)"
        ),
        "{row}"
    );

    let shown = cli.run(&["budget", "show", "2027/인프라 증설"]).ok();
    assert!(shown.contains("notes: 2027 증설 예산"), "{shown}");
    cli.run(&[
        "budget",
        "edit",
        "2027/인프라 증설",
        "--year",
        "2027",
        "--line",
        "인프라 증설",
        "--kind",
        "cost_centre",
        "--code",
        "CC-100",
        "--amount",
        "₩550,000,000",
        "--policy",
        "stop",
    ])
    .ok();
    let budget = cli
        .run(&["budget", "show", "2027/인프라 증설", "--json"])
        .json();
    assert_eq!(budget["budget"]["amount_krw"], 550_000_000);
    assert_eq!(budget["budget"]["policy"], "stop");
    assert_eq!(budget["available_krw"], 550_000_000);
    let missing = cli.run(&["budget", "show", "2026/없는 예산"]).fails();
    assert!(
        missing.contains("no budget has the id or year/line '2026/없는 예산'"),
        "{missing}"
    );
}

/// A budget added on one device reaches another through a real team server, the same field
/// for field, and an edit made there comes back.
#[test]
fn a_budget_syncs_through_a_real_server_to_another_device_unchanged() {
    let data = ServerData::new();
    data.create_workspace("평택 1센터");
    data.add_user("kim", "평택 1센터", "editor");
    data.add_user("lee", "평택 1센터", "editor");
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    let lee = Cli::new();
    lee.login(&server, "lee");
    add(
        &kim,
        "2027",
        "인프라 증설",
        "cost_centre",
        "500000000",
        "warn",
    );
    add(&kim, "2027", "네트워크", "project", "80000000", "stop");
    kim.run(&["sync"]).ok();
    lee.run(&["sync"]).ok();
    let on_kim = kim.run(&["budget", "list", "--json"]).json();
    let on_lee = lee.run(&["budget", "list", "--json"]).json();
    assert_eq!(on_kim.as_array().map(Vec::len), Some(2), "{on_kim}");
    assert_eq!(on_lee, on_kim);

    lee.run(&[
        "budget",
        "edit",
        "2027/네트워크",
        "--year",
        "2027",
        "--line",
        "네트워크",
        "--kind",
        "project",
        "--amount",
        "90,000,000",
        "--policy",
        "warn",
    ])
    .ok();
    lee.run(&["sync"]).ok();
    kim.run(&["sync"]).ok();
    let back = kim
        .run(&["budget", "show", "2027/네트워크", "--json"])
        .json();
    assert_eq!(back["budget"]["amount_krw"], 90_000_000);
    assert_eq!(back["budget"]["policy"], "warn");
    assert_eq!(
        kim.run(&["budget", "list", "--json"]).json(),
        lee.run(&["budget", "list", "--json"]).json()
    );
}

/// A request is weighed against its budget when submitted and again when approved, both
/// people shown the same numbers; an approved request is committed in `budget list`; `stop`
/// refuses what would overdraw the budget and `warn` lets it through with the warning.
#[test]
fn requests_are_weighed_against_their_budget_at_submit_and_approval_and_counted_as_committed() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    add(
        &cli,
        "2027",
        "인프라 증설",
        "cost_centre",
        "10,000,000",
        "stop",
    );
    cli.run(&[
        "approval-rule",
        "add",
        "--name",
        "전체",
        "--step",
        "approve:park",
    ])
    .ok();
    let park = |args: &[&str]| cli.run_with_env(args, &[("USER", "park")]);
    let create = |title: &str, line: &str| {
        let made = cli
            .run(&[
                "purchase",
                "create",
                "--title",
                title,
                "--budget",
                "2027/인프라 증설",
                "--needed-by",
                "2030-03-01",
                "--line",
                line,
            ])
            .ok();
        made.split_whitespace()
            .nth(1)
            .unwrap_or_else(|| panic!("{made}"))
            .to_owned()
    };

    let servers = create(
        "R760 서버",
        "R760 서버|hardware|Dell|R760|2|EA|4,000,000|KRW",
    );
    let submitted = cli.run(&["purchase", "submit", &servers]).ok();
    assert!(
        submitted.contains(
            "amount ₩10,000,000, committed ₩0, spent ₩0, available ₩10,000,000, this request ₩8,000,000, available after ₩2,000,000"
        ),
        "{submitted}"
    );
    // Submitted is not yet committed.
    let listed = cli.run(&["budget", "list", "--json"]).json();
    assert_eq!(listed[0]["committed_krw"], 0, "{listed}");
    let approved = park(&["purchase", "approve", &servers]).ok();
    assert!(
        approved.contains("this request ₩8,000,000, available after ₩2,000,000"),
        "the approver sees the numbers: {approved}"
    );
    let listed = cli.run(&["budget", "list", "--json"]).json();
    assert_eq!(
        (
            &listed[0]["committed_krw"],
            &listed[0]["spent_krw"],
            &listed[0]["available_krw"],
            &listed[0]["utilisation_pct"]
        ),
        (
            &serde_json::json!(8_000_000),
            &serde_json::json!(0),
            &serde_json::json!(2_000_000),
            &serde_json::json!(80.0)
        ),
        "{listed}"
    );

    // 5,000,000 more than the 2,000,000 left: stop refuses it with the numbers, still a draft.
    let switch = create(
        "스위치",
        "Arista 7050X3|hardware|Arista|7050SX3|1|EA|5,000,000|KRW",
    );
    let stopped = cli.run(&["purchase", "submit", &switch]).fails();
    assert!(
        stopped.contains(
            "budget: would overdraw the budget 2027 인프라 증설 (policy stop): amount ₩10,000,000, committed ₩8,000,000, spent ₩0, available ₩2,000,000, this request ₩5,000,000, available after ₩-3,000,000"
        ),
        "{stopped}"
    );
    let draft = cli.run(&["purchase", "show", &switch, "--json"]).json();
    assert_eq!(draft["status"], "draft", "{draft}");

    // Under warn it goes ahead, and requester and approver are both warned.
    cli.run(&[
        "budget",
        "edit",
        "2027/인프라 증설",
        "--year",
        "2027",
        "--line",
        "인프라 증설",
        "--kind",
        "cost_centre",
        "--amount",
        "10,000,000",
        "--policy",
        "warn",
    ])
    .ok();
    let warned = cli.run(&["purchase", "submit", &switch]).ok();
    assert!(warned.contains("WARNING"), "{warned}");
    assert!(warned.contains("available after ₩-3,000,000"), "{warned}");
    let approved = park(&["purchase", "approve", &switch]).ok();
    assert!(approved.contains("WARNING"), "{approved}");
    assert!(
        approved.contains("available after ₩-3,000,000"),
        "{approved}"
    );
    let listed = cli.run(&["budget", "list", "--json"]).json();
    assert_eq!(listed[0]["committed_krw"], 13_000_000, "{listed}");
    assert_eq!(listed[0]["available_krw"], -3_000_000, "{listed}");
    assert_eq!(listed[0]["utilisation_pct"], 130.0, "{listed}");
    let table = cli.run(&["budget", "list"]).ok();
    assert!(
        table.contains(
            "10,000,000       13,000,000                0       -3,000,000   130.0%  인프라 증설"
        ),
        "{table}"
    );
    let shown = cli.run(&["budget", "show", "2027/인프라 증설"]).ok();
    assert!(
        shown.contains(&format!(
            "{servers} R760 서버: committed ₩8,000,000, spent ₩0"
        )),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("{switch} 스위치: committed ₩5,000,000, spent ₩0")),
        "{shown}"
    );
}
