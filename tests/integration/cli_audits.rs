//! Floor audits through the CLI: start an audit of a rack, scan tags from standard input as a
//! keyboard-wedge scanner types them, tick one missing, close, apply, and read the report PDF
//! back with pdftotext.

use crate::util::{pdf_text, Cli};

fn expected_tags(cli: &Cli, audit: &str) -> Vec<String> {
    cli.run(&["audit", "show", audit])
        .ok()
        .lines()
        .filter_map(|line| line.split('\t').next().map(str::to_owned))
        .filter(|tag| !tag.is_empty())
        .collect()
}

#[test]
fn a_rack_audit_scans_closes_applies_and_prints_its_report() {
    let cli = Cli::new();
    cli.run(&[
        "--workspace",
        "평택",
        "demo",
        "--assets",
        "200",
        "--racks",
        "3",
        "--seed",
        "5",
    ])
    .ok();
    let started = cli
        .run(&["audit", "start", "--name", "A-R02 실사", "--rack", "A-R02"])
        .ok();
    let audit = started.split('\t').next().expect("id").to_owned();
    assert!(started.contains("assets expected"), "{started}");
    let tags = expected_tags(&cli, &audit);
    assert!(
        tags.len() >= 3,
        "the demo rack holds register assets: {tags:?}"
    );

    // A scanner types each code and Enter.
    let typed = format!(
        "{}\n{}\n\nNOT-IN-REGISTER-1\n",
        tags[0],
        tags[1].to_lowercase()
    );
    let out = cli
        .run_with_stdin(&["audit", "scan", "A-R02 실사", "-"], Some(&typed))
        .ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].contains("\tfound\t"), "{out}");
    assert!(lines[1].contains("\tfound\t"), "{out}");
    assert!(lines[2].contains("UNKNOWN"), "{out}");

    cli.run(&[
        "audit",
        "mark",
        &audit,
        &tags[2],
        "--outcome",
        "missing",
        "--note",
        "빈 슬롯",
    ])
    .ok();
    let refused = cli.run(&["audit", "apply", &audit]).fails();
    assert!(refused.contains("close the audit"), "{refused}");
    let closed = cli.run(&["audit", "close", &audit]).ok();
    assert!(
        closed.contains(&format!("{}\tmissing", tags[2])),
        "{closed}"
    );
    let scan_after = cli
        .run(&["audit", "scan", &audit, &tags[3.min(tags.len() - 1)]])
        .fails();
    assert!(scan_after.contains("closed"), "{scan_after}");

    let applied = cli
        .run(&["audit", "apply", &audit, "--only", &tags[2]])
        .ok();
    assert!(applied.contains("applied 1 corrections"), "{applied}");
    let row = cli.asset_by_tag(&tags[2]).expect("asset");
    assert_eq!(row["asset"]["status"], "missing");
    // Only the chosen correction was applied: the never-checked ones keep their status.
    let untouched = tags
        .iter()
        .skip(3)
        .filter_map(|tag| cli.asset_by_tag(tag))
        .filter(|row| row["asset"]["status"] == "missing")
        .count();
    assert_eq!(untouched, 0);

    let pdf = cli.path("audit.pdf");
    cli.run(&[
        "audit",
        "report",
        &audit,
        "--pdf",
        pdf.to_str().expect("path"),
    ])
    .ok();
    let text = pdf_text(&pdf);
    assert!(text.contains("자산 실사 보고서"), "{text}");
    assert!(text.contains(&tags[2]), "{text}");
    assert!(text.contains("분실"), "{text}");
    let listed = cli.run(&["audit", "list"]).ok();
    assert!(listed.contains("closed"), "{listed}");
}

#[test]
fn an_audit_needs_a_name_and_a_scope_and_a_schedule_goes_overdue() {
    let cli = Cli::with_demo_racks("1");
    let no_scope = cli.run(&["audit", "start", "--name", "x"]).fails();
    assert!(no_scope.contains("needs a scope"), "{no_scope}");
    let no_name = cli
        .run(&["audit", "start", "--name", " ", "--rack", "A-R01"])
        .fails();
    assert!(no_name.contains("needs a name"), "{no_name}");
    let bad = cli
        .run(&[
            "audit",
            "schedule",
            "--site",
            "평택",
            "--every-months",
            "6",
            "--start",
            "2026-13-01",
        ])
        .fails();
    assert!(bad.contains("start"), "{bad}");
    cli.run(&[
        "audit",
        "schedule",
        "--site",
        "평택",
        "--every-months",
        "6",
        "--start",
        "2026-01-01",
    ])
    .ok();
    assert!(cli
        .run(&["audit", "overdue", "--today", "2026-01-01"])
        .ok()
        .is_empty());
    let overdue = cli.run(&["audit", "overdue", "--today", "2026-01-11"]).ok();
    assert!(
        overdue.contains("평택\tdue 2026-01-01\t10 days overdue"),
        "{overdue}"
    );
}
