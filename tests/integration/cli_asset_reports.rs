//! Asset reports through the CLI on a demo workspace: the inventory as PDF (read back with
//! pdftotext) and CSV, a counting report in English, the warranty window, and the refusals.

use crate::util::{pdf_text, Cli};

fn demo(assets: &str) -> Cli {
    let cli = Cli::new();
    cli.run(&["demo", "--assets", assets, "--seed", "3"]).ok();
    cli
}

fn path_arg(cli: &Cli, name: &str) -> String {
    cli.path(name).to_str().expect("UTF-8 path").to_owned()
}

#[test]
fn the_inventory_prints_every_asset_to_pdf_and_csv_with_korean_titles() {
    let cli = demo("120");
    let (pdf, csv) = (
        path_arg(&cli, "inventory.pdf"),
        path_arg(&cli, "inventory.csv"),
    );
    let out = cli
        .run(&["report", "assets", "--pdf", &pdf, "--csv", &csv])
        .ok();
    assert!(out.contains("wrote 자산 목록 (120 rows)"), "{out}");
    assert!(out.contains("wrote 120 rows"), "{out}");

    let text = pdf_text(cli.path("inventory.pdf").as_path());
    for words in [
        "데모-데이터센터 — 자산 목록",
        "자산 태그",
        "보증 만료일",
        "tester",
    ] {
        assert!(text.contains(words), "'{words}' in the PDF:\n{text}");
    }
    let bytes = std::fs::read(cli.path("inventory.csv")).expect("CSV written");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte order mark first"
    );
    let csv_text = String::from_utf8(bytes).expect("UTF-8");
    let mut lines = csv_text.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some("자산 태그,유형,제조사 / 모델,시리얼 번호,상태,사이트,전산실,랙,U,담당,구매일,연식,보증 만료일")
    );
    assert_eq!(lines.count(), 120);
    for asset in cli.assets() {
        let tag = asset["asset"]["asset_tag"].as_str().expect("a tag");
        assert!(text.contains(tag), "{tag} in the PDF");
        assert!(csv_text.contains(&format!("\n{tag},")), "{tag} in the CSV");
    }
}

#[test]
fn a_counting_report_in_english_and_the_warranty_window_from_a_given_day() {
    let cli = demo("40");
    let csv = path_arg(&cli, "status.csv");
    cli.run(&[
        "report",
        "assets",
        "--kind",
        "by-status",
        "--lang",
        "en",
        "--csv",
        &csv,
    ])
    .ok();
    let text = std::fs::read_to_string(cli.path("status.csv")).expect("CSV written");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Status,Assets,Share (%)");
    assert_eq!(lines.len(), 8, "header, six statuses, total: {lines:?}");
    assert_eq!(lines[6], "Missing,0,0.0");
    assert_eq!(lines[7], "Total,40,100.0");

    let pdf = path_arg(&cli, "warranty.pdf");
    let out = cli
        .run(&[
            "report",
            "assets",
            "--kind",
            "warranty",
            "--days",
            "365",
            "--today",
            "2027-01-01",
            "--pdf",
            &pdf,
        ])
        .ok();
    assert!(out.contains("보증 만료 예정 (365일 이내)"), "{out}");
    let text = pdf_text(cli.path("warranty.pdf").as_path());
    for words in ["기준일 2027-01-01", "기간 끝 2028-01-01", "남은 일수"] {
        assert!(text.contains(words), "'{words}' in the PDF:\n{text}");
    }
}

#[test]
fn bad_flags_are_refused_with_what_to_do() {
    let cli = demo("5");
    let pdf = path_arg(&cli, "x.pdf");
    let cases: [(&[&str], &str); 4] = [
        (&["report", "assets"], "give --pdf FILE or --csv FILE"),
        (
            &["report", "assets", "--pdf", &pdf, "--kind", "by-colour"],
            "--kind must be one of inventory, by-status",
        ),
        (
            &["report", "assets", "--pdf", &pdf, "--today", "2026-02-30"],
            "--today must be a date (YYYY-MM-DD), not '2026-02-30'",
        ),
        (
            &[
                "report", "assets", "--pdf", &pdf, "--kind", "warranty", "--days", "99999",
            ],
            "36,500",
        ),
    ];
    for (args, expected) in cases {
        let error = cli.run(args).fails();
        assert!(error.contains(expected), "{args:?}: {error}");
    }
    assert!(!cli.path("x.pdf").exists(), "nothing written on a refusal");
}
