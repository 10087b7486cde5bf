//! The cable schedule through the CLI: a workspace's and one rack's, as PDF (read back with
//! pdftotext) and CSV, a cable between two racks under both, and the refusals.

use crate::util::{pdf_text, Cli};

const PANEL_1: &str = "A-R01-Patch panel 48×Cat6A";
const PANEL_2: &str = "A-R02-Patch panel 48×Cat6A";
const INTER_RACK: &str = "A-R01-U41-2/A-R02-U42-2";

/// Two demo racks; web-01 (U3) to A-R01's panel, and A-R01's panel to A-R02's.
fn cabled() -> Cli {
    let cli = Cli::with_demo_racks("2");
    for (a, a_port, b, b_port, extra) in [
        ("web-01", "eno1", PANEL_1, "front:1", &[][..]),
        (
            PANEL_1,
            "front:2",
            PANEL_2,
            "front:2",
            &["--length", "12", "--color", "노랑"][..],
        ),
    ] {
        let mut args = vec![
            "cable",
            "add",
            "--a-device",
            a,
            "--a-port",
            a_port,
            "--b-device",
            b,
            "--b-port",
            b_port,
            "--type",
            "cat6a",
        ];
        args.extend_from_slice(extra);
        cli.run(&args).ok();
    }
    cli
}

#[test]
fn the_workspace_schedule_lists_a_cable_between_racks_under_both_in_pdf_and_csv() {
    let cli = cabled();
    let (pdf, csv) = (cli.path("schedule.pdf"), cli.path("schedule.csv"));
    let out = cli
        .run(&[
            "cable",
            "schedule",
            "--pdf",
            pdf.to_str().expect("path"),
            "--csv",
            csv.to_str().expect("path"),
        ])
        .ok();
    assert!(out.contains("wrote 4 schedule rows"), "{out}");

    let text = pdf_text(&pdf);
    for words in [
        "평택 — 케이블 스케줄 · 작업공간 전체",
        "상대편 (랙 / U / 장치 / 포트)",
        "U3 · web-01",
        "A-R01-U3-eno1/A-R01-U41-1",
        "tester",
    ] {
        assert!(text.contains(words), "'{words}' in the PDF:\n{text}");
    }
    let rows: Vec<&str> = text.lines().filter(|l| l.contains(INTER_RACK)).collect();
    assert_eq!(rows.len(), 2, "once under each rack: {rows:?}");
    assert!(
        rows[0].contains(&format!("A-R02 / U42 / {PANEL_2} / front:2")),
        "{rows:?}"
    );
    assert!(
        rows[1].contains(&format!("A-R01 / U41 / {PANEL_1} / front:2")),
        "{rows:?}"
    );

    let csv = std::fs::read_to_string(&csv).expect("csv");
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("a byte order mark for spreadsheets");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "rack,unit,device,port,label,far_rack,far_unit,far_device,far_port,type,length,length_unit,color,status"
    );
    for line in [
        format!("A-R01,41,{PANEL_1},front:2,{INTER_RACK},A-R02,42,{PANEL_2},front:2,cat6a,12,m,노랑,planned"),
        format!("A-R02,42,{PANEL_2},front:2,{INTER_RACK},A-R01,41,{PANEL_1},front:2,cat6a,12,m,노랑,planned"),
        "A-R01,3,web-01,eno1,A-R01-U3-eno1/A-R01-U41-1,A-R01,41,A-R01-Patch panel 48×Cat6A,front:1,cat6a,,m,,planned".to_owned(),
    ] {
        assert!(lines.contains(&line.as_str()), "'{line}' in\n{csv}");
    }
    assert_eq!(lines.len(), 5, "the header, two rows per cable");
}

#[test]
fn one_rack_in_english_and_the_refusals_say_what_is_wrong() {
    let cli = cabled();
    let (pdf, csv) = (cli.path("r02.pdf"), cli.path("r02.csv"));
    cli.run(&[
        "cable",
        "schedule",
        "--rack",
        "a-r02",
        "--lang",
        "en",
        "--pdf",
        pdf.to_str().expect("path"),
        "--csv",
        csv.to_str().expect("path"),
    ])
    .ok();
    let text = pdf_text(&pdf);
    assert!(text.contains("평택 — Cable schedule · A-R02"), "{text}");
    assert!(
        text.contains("Far end (rack / U / device / port)"),
        "{text}"
    );
    assert!(
        text.contains(INTER_RACK) && !text.contains("web-01"),
        "{text}"
    );
    let csv = std::fs::read_to_string(&csv).expect("csv");
    assert_eq!(
        csv.lines().count(),
        2,
        "the header and A-R02's one row:\n{csv}"
    );

    let missing = cli.path("missing.pdf");
    let error = cli
        .run(&[
            "cable",
            "schedule",
            "--rack",
            "A-R99",
            "--pdf",
            missing.to_str().expect("path"),
        ])
        .fails();
    assert!(error.contains("no rack 'A-R99'"), "{error}");
    assert!(
        !missing.exists(),
        "nothing is written for a rack that does not exist"
    );
    let error = cli.run(&["cable", "schedule"]).fails();
    assert!(error.contains("--pdf FILE or --csv FILE"), "{error}");
    let error = cli
        .run(&["cable", "schedule", "--csv", "x.csv", "--lang", "jp"])
        .fails();
    assert!(error.contains("--lang must be ko or en"), "{error}");
}
