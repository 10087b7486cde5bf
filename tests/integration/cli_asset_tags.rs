//! Asset tags through the CLI: a demo register printed as tape labels (PDF read back with
//! pdftotext and pdfinfo) and as ZPL, a filter, and the refusals.

use std::process::Command;

use crate::util::{pdf_text, Cli};

/// The first page's size, in points, as `pdfinfo` reports it.
fn page_size_pt(pdf: &std::path::Path) -> (f64, f64) {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (apt package poppler-utils) runs");
    let info = String::from_utf8_lossy(&output.stdout);
    let size = info
        .lines()
        .find_map(|line| line.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("no page size:\n{info}"));
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|token| token.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn asset_tags_print_on_the_media_with_the_tag_in_text_and_in_a_qr_code() {
    let cli = Cli::new();
    cli.run(&["--workspace", "평택", "demo", "--assets", "50"])
        .ok();
    let assets = cli.assets();
    assert_eq!(assets.len(), 50);
    let tag = assets[0]["asset"]["asset_tag"]
        .as_str()
        .expect("a tag")
        .to_owned();
    let serial = assets[0]["asset"]["serial"]
        .as_str()
        .expect("a serial")
        .to_owned();

    let (pdf, zpl) = (cli.path("tags.pdf"), cli.path("tags.zpl"));
    let out = cli
        .run(&[
            "labels",
            "assets",
            "--media",
            "tape-24mm",
            "--pdf",
            pdf.to_str().expect("path"),
            "--zpl",
            zpl.to_str().expect("path"),
        ])
        .ok();
    assert!(out.contains("wrote 50 labels"), "{out}");
    let text = pdf_text(&pdf);
    assert!(text.contains(&tag), "'{tag}' on a label:\n{text}");
    assert!(
        text.contains(&format!("S/N {serial}")),
        "its serial:\n{text}"
    );
    // tape-24mm is 70 × 24 mm: one label per page, the page the label.
    let (width, height) = page_size_pt(&pdf);
    let pt = |mm: f64| mm * 72.0 / 25.4;
    assert!(
        (width - pt(70.0)).abs() < 0.5 && (height - pt(24.0)).abs() < 0.5,
        "{width} × {height}"
    );

    let zpl = std::fs::read_to_string(&zpl).expect("zpl");
    assert_eq!(zpl.matches("^XA").count(), 50, "one format per asset");
    assert!(
        zpl.contains(&format!("^FD{tag}^FS")),
        "the tag as a text field:\n{zpl}"
    );
    assert!(zpl.contains("^BQN,2,"), "a QR code");
    assert!(
        zpl.contains(&format!("MA,{tag}^FS")),
        "the QR code carries the tag"
    );

    // A filter on a serial prints that one asset only.
    let one = cli.path("one.pdf");
    let out = cli
        .run(&[
            "labels",
            "assets",
            "--media",
            "a4-3x8",
            "--filter",
            &serial.to_lowercase(),
            "--pdf",
            one.to_str().expect("path"),
        ])
        .ok();
    assert!(out.contains("wrote 1 labels"), "{out}");
    assert!(pdf_text(&one).contains(&tag));

    let error = cli
        .run(&[
            "labels",
            "assets",
            "--media",
            "a4-3x8",
            "--filter",
            "없는-자산",
            "--pdf",
            "x.pdf",
        ])
        .fails();
    assert!(
        error.contains("'없는-자산'") && error.contains("nothing to print"),
        "{error}"
    );
    let error = cli
        .run(&["labels", "assets", "--media", "a5-sheet", "--pdf", "x.pdf"])
        .fails();
    assert!(error.contains("no label media 'a5-sheet'"), "{error}");
}

#[test]
fn an_empty_register_has_no_tags_to_print() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "빈 작업공간"]).ok();
    let pdf = cli.path("tags.pdf");
    let error = cli
        .run(&[
            "labels",
            "assets",
            "--media",
            "a4-3x8",
            "--pdf",
            pdf.to_str().expect("path"),
        ])
        .fails();
    assert!(error.contains("no assets to tag"), "{error}");
    assert!(!pdf.exists());
}
