//! An asset's life through the CLI: assignment and return with the person's view, an overdue
//! return as an alert, maintenance under way, and the whole disposal path (refused without a
//! verified wipe) down to the batch's certificate read back from the PDF.

use crate::util::{pdf_text, Cli};

/// A workspace with a server (holds data) and a patch panel (does not).
fn workspace() -> Cli {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    for (tag, kind, model, serial) in [
        ("PT1-SRV-0001", "server", "PowerEdge R760", "DL1234"),
        ("PT1-PP-0001", "patch_panel", "48×Cat6A", "PP9876"),
    ] {
        cli.run(&[
            "asset",
            "add",
            "--asset-tag",
            tag,
            "--type",
            kind,
            "--manufacturer",
            "Dell",
            "--model",
            model,
            "--serial",
            serial,
            "--status",
            "in_stock",
        ])
        .ok();
    }
    cli
}

const TODAY: &str = "--today=2026-03-02";

#[test]
fn an_assignment_and_its_return_show_in_the_history_the_persons_view_and_alerts() {
    let cli = workspace();
    let assigned = cli
        .run(&[
            "asset",
            "assign",
            "PT1-SRV-0001",
            "--to",
            "김민준",
            "--due",
            "2026-03-10",
            TODAY,
        ])
        .ok();
    assert!(
        assigned.contains("PT1-SRV-0001\tassign\tstatus in_use"),
        "{assigned}"
    );
    let again = cli
        .run(&["asset", "assign", "PT1-SRV-0001", "--to", "박서연", TODAY])
        .fails();
    assert!(again.contains("already assigned"), "{again}");

    // Not due yet on the 10th; overdue by one day on the 11th.
    let quiet = cli.run(&["asset", "alerts", "--today=2026-03-10"]).ok();
    assert!(quiet.contains("0 alerts"), "{quiet}");
    let late = cli.run(&["asset", "alerts", "--today=2026-03-11"]).ok();
    assert!(
        late.contains("return overdue\tPT1-SRV-0001\t김민준\tdue 2026-03-10\t1 days overdue"),
        "{late}"
    );

    let bad = cli
        .run(&[
            "asset",
            "return",
            "PT1-SRV-0001",
            "--condition",
            "shiny",
            "--on",
            "2026-02-01",
            TODAY,
        ])
        .fails();
    assert!(
        bad.contains("condition: is not one of the known values ('shiny')"),
        "{bad}"
    );
    assert!(
        bad.contains("on: is before the step it follows ('2026-02-01')"),
        "{bad}"
    );
    cli.run(&[
        "asset",
        "return",
        "PT1-SRV-0001",
        "--condition",
        "worn",
        "--on",
        "2026-03-12",
        TODAY,
    ])
    .ok();
    let after = cli.run(&["asset", "alerts", "--today=2026-03-13"]).ok();
    assert!(after.contains("0 alerts"), "{after}");

    cli.run(&["asset", "assign", "PT1-PP-0001", "--to", "김민준", TODAY])
        .ok();
    let person = cli.run(&["asset", "assigned", "--to", "김민준"]).ok();
    let lines: Vec<&str> = person.lines().collect();
    assert!(lines[0].starts_with("PT1-PP-0001\t"), "{person}");
    assert!(lines[0].ends_with("current"), "{person}");
    assert!(lines[1].starts_with("PT1-SRV-0001\t"), "{person}");
    assert!(lines[1].ends_with("returned 2026-03-12 (worn)"), "{person}");
    assert!(person.contains("1 current, 1 past"), "{person}");

    let show = cli.run(&["asset", "show", "PT1-SRV-0001"]).ok();
    assert!(show.contains("(assign)"), "{show}");
    assert!(show.contains("(return)"), "{show}");
    let life = cli.run(&["asset", "life", "PT1-SRV-0001"]).ok();
    assert!(
        life.contains(
            "person\t김민준\tfrom 2026-03-02\tdue 2026-03-10\treturned 2026-03-12 (worn)"
        ),
        "{life}"
    );
}

#[test]
fn maintenance_under_way_shows_in_the_status_until_it_is_finished() {
    let cli = workspace();
    let started = cli
        .run(&[
            "asset",
            "maintain",
            "PT1-SRV-0001",
            "--kind",
            "repair",
            "--open",
            "--vendor",
            "델 테크놀로지스",
            TODAY,
        ])
        .ok();
    assert!(
        started.contains("maintenance-start\tstatus maintenance"),
        "{started}"
    );
    let finished = cli
        .run(&[
            "asset",
            "maintain",
            "PT1-SRV-0001",
            "--finish",
            "--cost",
            "350000",
            "--downtime",
            "6",
            TODAY,
        ])
        .ok();
    assert!(
        finished.contains("maintenance-finish\tstatus in_stock"),
        "{finished}"
    );
    let life = cli.run(&["asset", "life", "PT1-SRV-0001"]).ok();
    assert!(
        life.contains(
            "repair\t2026-03-02 .. 2026-03-02\t델 테크놀로지스\t350,000 KRW\tdowntime 6 h"
        ),
        "{life}"
    );
}

#[test]
fn a_server_is_disposed_only_after_a_verified_wipe_and_its_batch_gets_a_certificate() {
    let cli = workspace();
    let requester = [("USER", "김민준")];
    let approver = [("USER", "박서연")];
    let run_as = |who: &[(&str, &str)], args: &[&str]| cli.run_with_env(args, who);

    run_as(
        &requester,
        &[
            "asset",
            "dispose",
            "request",
            "PT1-SRV-0001",
            "--reason",
            "내용연수 경과",
            TODAY,
        ],
    )
    .ok();
    let own = run_as(
        &requester,
        &["asset", "dispose", "approve", "PT1-SRV-0001", TODAY],
    )
    .fails();
    assert!(own.contains("approver: must be someone else"), "{own}");
    run_as(
        &approver,
        &["asset", "dispose", "approve", "PT1-SRV-0001", TODAY],
    )
    .ok();

    let complete = [
        "asset",
        "dispose",
        "complete",
        "PT1-SRV-0001",
        "--vendor",
        "그린리사이클",
        "--batch",
        "2026-Q1-01",
        TODAY,
    ];
    let refused = run_as(&approver, &complete).fails();
    assert!(
        refused.contains("the asset holds data: record a verified data wipe first"),
        "{refused}"
    );
    let status = cli.run(&["asset", "show", "PT1-SRV-0001"]).ok();
    assert!(status.contains("status         retiring"), "{status}");

    let same = run_as(
        &approver,
        &[
            "asset",
            "dispose",
            "wipe",
            "PT1-SRV-0001",
            "--method",
            "purge",
            "--tool",
            "Blancco 7",
            "--wiped-by",
            "이도윤",
            "--verified-by",
            "이도윤",
            "--certificate",
            "WC-2026-0042",
            TODAY,
        ],
    )
    .fails();
    assert!(same.contains("verified_by: must be someone else"), "{same}");
    let report = cli.path("wipe-report.txt");
    std::fs::write(&report, "Blancco report: 2 drives purged").expect("write the report");
    run_as(
        &approver,
        &[
            "asset",
            "dispose",
            "wipe",
            "PT1-SRV-0001",
            "--method",
            "purge",
            "--tool",
            "Blancco 7",
            "--wiped-by",
            "이도윤",
            "--verified-by",
            "최지우",
            "--certificate",
            "WC-2026-0042",
            "--report",
            report.to_str().expect("a UTF-8 path"),
            TODAY,
        ],
    )
    .ok();
    let disposed = run_as(&approver, &complete).ok();
    assert!(disposed.contains("dispose\tstatus disposed"), "{disposed}");

    // The patch panel holds no data: approved, it goes without a wipe, in the same batch.
    run_as(
        &requester,
        &[
            "asset",
            "dispose",
            "request",
            "PT1-PP-0001",
            "--reason",
            "철거",
            TODAY,
        ],
    )
    .ok();
    run_as(
        &approver,
        &["asset", "dispose", "approve", "PT1-PP-0001", TODAY],
    )
    .ok();
    let mut panel = complete;
    panel[3] = "PT1-PP-0001";
    run_as(&approver, &panel).ok();

    let pdf = cli.path("certificate.pdf");
    let pdf_arg = pdf.to_str().expect("a UTF-8 path");
    let wrote = cli
        .run(&[
            "asset",
            "dispose",
            "certificate",
            "--batch",
            "2026-Q1-01",
            "--pdf",
            pdf_arg,
        ])
        .ok();
    assert!(wrote.contains("(2 assets)"), "{wrote}");
    let text = pdf_text(&pdf);
    for expected in [
        "자산 폐기 확인서",
        "2026-Q1-01",
        "그린리사이클",
        "PT1-SRV-0001",
        "PT1-PP-0001",
        "WC-2026-0042",
        "이도윤 / 최지우",
        "서명",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let none = cli
        .run(&[
            "asset",
            "dispose",
            "certificate",
            "--batch",
            "nope",
            "--pdf",
            pdf_arg,
        ])
        .fails();
    assert!(
        none.contains("no disposed asset is in batch 'nope'"),
        "{none}"
    );
}

#[test]
fn a_stopped_plan_reminds_no_more_until_it_is_resumed() {
    let cli = workspace();
    let added = cli
        .run(&[
            "asset",
            "plan",
            "add",
            "--name",
            "분기 점검",
            "--type",
            "server",
            "--every",
            "3",
            "--unit",
            "months",
            "--start",
            "2026-01-31",
        ])
        .ok();
    assert!(added.contains("분기 점검"), "{added}");
    let due = cli.run(&["asset", "alerts", "--today=2026-02-02"]).ok();
    assert!(
        due.contains("PT1-SRV-0001") && due.contains("분기 점검"),
        "{due}"
    );
    let stopped = cli.run(&["asset", "plan", "stop", "분기 점검"]).ok();
    assert!(stopped.starts_with("stopped "), "{stopped}");
    let quiet = cli.run(&["asset", "alerts", "--today=2026-02-02"]).ok();
    assert!(quiet.contains("0 alerts"), "{quiet}");
    cli.run(&["asset", "plan", "resume", "분기 점검"]).ok();
    let again = cli.run(&["asset", "alerts", "--today=2026-02-02"]).ok();
    assert!(again.contains("분기 점검"), "{again}");
    let unknown = cli.run(&["asset", "plan", "stop", "없는 계획"]).fails();
    assert!(unknown.contains("no maintenance plan"), "{unknown}");
}
