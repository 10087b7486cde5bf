//! `cloudwright approval-rule edit|remove` and `substitute edit|remove` (issue 19) through the
//! real CLI on a real store: a rule replaced and removed (a request submitted before keeps the
//! line it chose, one submitted after finds none), a substitute changed, refused at its field
//! and removed; and a file refused for a cancelled request. Through a real team server: a
//! removal on one device and an edit of the same rule and substitute on another, made before
//! either syncs, end removed on both.

use crate::util::{Cli, ServerData};

fn ids(cli: &Cli, what: &str) -> Vec<(String, String)> {
    let list = cli.run(&[what, "list", "--json"]).json();
    list.as_array()
        .unwrap_or_else(|| panic!("{list}"))
        .iter()
        .map(|item| {
            let label = item["name"]
                .as_str()
                .or(item["until"].as_str())
                .unwrap_or_default();
            (
                item["id"].as_str().unwrap_or_default().to_owned(),
                label.to_owned(),
            )
        })
        .collect()
}

#[test]
fn rules_and_substitutes_are_edited_and_removed_and_a_cancelled_request_takes_no_file() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    cli.run(&[
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
        "allow",
    ])
    .ok();
    cli.run(&[
        "approval-rule",
        "add",
        "--name",
        "소액",
        "--max",
        "10000000",
        "--step",
        "review:박팀장",
        "--step",
        "approve:이본부장",
    ])
    .ok();
    let rules = ids(&cli, "approval-rule");
    assert_eq!(rules.len(), 1, "{rules:?}");
    let rule = rules[0].0.clone();

    // Replaced whole, as `add` takes it.
    let edited = cli
        .run(&[
            "approval-rule",
            "edit",
            &rule,
            "--name",
            "소액 (개정)",
            "--max",
            "20,000,000",
            "--step",
            "approve:이본부장",
        ])
        .ok();
    assert!(
        edited.contains(&format!("changed approval rule {rule} 소액 (개정)")),
        "{edited}"
    );
    let listed = cli.run(&["approval-rule", "list"]).ok();
    assert!(
        listed.contains("소액 (개정)\t₩0..20,000,000\tapprove 이본부장"),
        "{listed}"
    );

    // A request submitted under the rule.
    let made = cli
        .run(&[
            "purchase",
            "create",
            "--title",
            "스위치 교체",
            "--budget",
            "2027/인프라 증설",
            "--line",
            "스위치|hardware|Arista|7050|1|EA|5,000,000|KRW",
        ])
        .ok();
    let number = made.split_whitespace().nth(1).expect("number").to_owned();
    cli.run(&["purchase", "submit", &number]).ok();
    let second = cli
        .run(&["purchase", "copy", &number])
        .ok()
        .split_whitespace()
        .find(|word| word.starts_with("PR-") && *word != number)
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no copy"));

    let removed = cli
        .run(&["approval-rule", "remove", &rule, "--reason", "조직 개편"])
        .ok();
    assert!(removed.contains("removed approval rule"), "{removed}");
    assert!(ids(&cli, "approval-rule").is_empty());
    let again = cli.run(&["approval-rule", "remove", &rule]).fails();
    assert!(
        again.contains(&format!("no approval rule has the id '{rule}'")),
        "{again}"
    );
    // The submitted request keeps its line; the copy, submitted now, finds no rule.
    let view = cli.run(&["purchase", "show", &number, "--json"]).json();
    assert_eq!(view["request"]["line"]["rule"], "소액 (개정)", "{view}");
    assert_eq!(view["status"], "submitted", "{view}");
    let refused = cli.run(&["purchase", "submit", &second]).fails();
    assert!(refused.contains("no approval rule covers"), "{refused}");

    // A substitute: changed where given, refused at its field, removed.
    cli.run(&[
        "substitute",
        "add",
        "--absent",
        "이본부장",
        "--substitute",
        "오부장",
        "--from",
        "2027-01-10",
        "--until",
        "2027-01-20",
        "--reason",
        "휴가",
    ])
    .ok();
    let substitute = ids(&cli, "substitute")[0].0.clone();
    let changed = cli
        .run(&["substitute", "edit", &substitute, "--until", "2027-01-31"])
        .ok();
    assert!(
        changed.contains("오부장 acts for 이본부장 from 2027-01-10 until 2027-01-31"),
        "{changed}"
    );
    let bad = cli
        .run(&["substitute", "edit", &substitute, "--until", "2027-01-01"])
        .fails();
    assert!(
        bad.contains("until: '2027-01-01' ends before it starts"),
        "{bad}"
    );
    let listed = cli.run(&["substitute", "list"]).ok();
    assert!(listed.contains("2027-01-10..2027-01-31\t휴가"), "{listed}");
    let gone = cli.run(&["substitute", "remove", &substitute]).ok();
    assert!(
        gone.contains("오부장 no longer acts for 이본부장"),
        "{gone}"
    );
    assert!(ids(&cli, "substitute").is_empty());
    let unknown = cli
        .run(&["substitute", "edit", &substitute, "--reason", "x"])
        .fails();
    assert!(
        unknown.contains("no substitute (대결) has the id"),
        "{unknown}"
    );

    // No file for a cancelled request: refused with the reason, nothing kept.
    cli.run(&["purchase", "cancel", &second, "--reason", "중복"])
        .ok();
    let sheet = cli.data_dir.path().join("견적서.txt");
    std::fs::write(&sheet, "7050 견적").expect("write");
    let closed = cli
        .run(&["purchase", "attach", &second, sheet.to_str().expect("path")])
        .fails();
    assert!(
        closed.contains("file: the request is cancelled: no file can be added to it any more"),
        "{closed}"
    );
    let view = cli.run(&["purchase", "show", &second, "--json"]).json();
    assert_eq!(view["request"]["files"], serde_json::json!({}), "{view}");
}

#[test]
fn a_removal_and_an_edit_made_at_once_on_two_devices_end_removed_on_both_through_a_real_server() {
    let data = ServerData::new();
    data.create_workspace("평택 1센터");
    for user in ["kim", "lee"] {
        data.add_user(user, "평택 1센터", "editor");
    }
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let lee = Cli::new();
    lee.login(&server, "lee");
    lee.run(&["sync"]).ok();
    let (kim_id, lee_id) = (kim.member_id("kim"), kim.member_id("lee"));
    kim.run(&[
        "approval-rule",
        "add",
        "--name",
        "소액",
        "--max",
        "10000000",
        "--step",
        &format!("approve:{lee_id}=lee"),
    ])
    .ok();
    kim.run(&[
        "substitute",
        "add",
        "--absent",
        &format!("{lee_id}=lee"),
        "--substitute",
        &format!("{kim_id}=kim"),
        "--from",
        "2027-01-10",
        "--until",
        "2027-01-20",
    ])
    .ok();
    kim.run(&["sync"]).ok();
    lee.run(&["sync"]).ok();
    let rule = ids(&lee, "approval-rule")[0].0.clone();
    let substitute = ids(&lee, "substitute")[0].0.clone();

    // Before either syncs: kim removes both, lee edits both.
    kim.run(&["approval-rule", "remove", &rule]).ok();
    kim.run(&["substitute", "remove", &substitute]).ok();
    lee.run(&[
        "approval-rule",
        "edit",
        &rule,
        "--name",
        "소액 (개정)",
        "--step",
        &format!("approve:{lee_id}=lee"),
    ])
    .ok();
    lee.run(&["substitute", "edit", &substitute, "--until", "2027-01-31"])
        .ok();
    lee.run(&["sync"]).ok();
    kim.run(&["sync"]).ok();
    lee.run(&["sync"]).ok();
    for (who, cli) in [("kim", &kim), ("lee", &lee)] {
        assert!(
            ids(cli, "approval-rule").is_empty(),
            "{who} still lists the rule"
        );
        assert!(
            ids(cli, "substitute").is_empty(),
            "{who} still lists the substitute"
        );
        let again = cli.run(&["approval-rule", "remove", &rule]).fails();
        assert!(
            again.contains("no approval rule has the id"),
            "{who}: {again}"
        );
    }
}
