//! `cloudwright doc export --record` and `doc diff` (issue 20) through the real CLI and a real
//! team server: two members sign their approvals on their own devices, one pins a comment
//! on page 2; a device that signed nothing syncs and exports the review record (검토 결과서),
//! which pdftotext reads back with both signatures verified against the roster it holds, the
//! version's SHA-256 in full and the pin; the English record says the same. Two versions of
//! a Markdown file are diffed as `diff -u` would, and a PDF is refused with the reason.

use crate::util::{added_id, pdf_text, Cli, ServerData};

const WORKSPACE: &str = "평택 1센터";

#[test]
fn a_device_that_signed_nothing_exports_the_review_record_and_both_signatures_verify() {
    let data = ServerData::new();
    data.create_workspace(WORKSPACE);
    for user in ["kim", "lee", "park", "choi"] {
        data.add_user(user, WORKSPACE, "editor");
    }
    for user in ["lee", "park"] {
        data.admin(&[
            "user",
            "grant",
            user,
            "--workspace",
            WORKSPACE,
            "--capability",
            "sign_off_designs",
        ])
        .ok();
    }
    let server = data.serve(&[]);
    let kim = Cli::new();
    kim.login(&server, "kim");
    kim.run(&["sync"]).ok();
    let (lee_id, park_id) = (kim.member_id("lee"), kim.member_id("park"));
    let pdf = kim.path("power.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").expect("write");
    let doc = added_id(
        &kim.run(&[
            "doc",
            "add",
            "--title",
            "전력 계통도",
            "--kind",
            "power_cooling",
            "--file",
            pdf.to_str().expect("path"),
        ])
        .ok(),
    );
    kim.run(&[
        "doc",
        "review",
        &doc,
        "--reviewer",
        &lee_id,
        "--reviewer",
        &park_id,
        "--rule",
        "all",
        "--due",
        "2099-01-31",
    ])
    .ok();
    kim.run(&["sync"]).ok();
    for (user, comment) in [("lee", true), ("park", false)] {
        let cli = Cli::new();
        cli.login(&server, user);
        cli.run(&["sync"]).ok();
        if comment {
            cli.run(&[
                "doc",
                "comment",
                &doc,
                "--text",
                "UPS-2 용량 표기",
                "--page",
                "2",
                "--x",
                "0.4",
                "--y",
                "0.2",
            ])
            .ok();
        }
        cli.run(&["doc", "approve", &doc]).ok();
        cli.run(&["sync"]).ok();
    }

    let choi = Cli::new();
    choi.login(&server, "choi");
    choi.run(&["sync"]).ok();
    let shown = choi.run(&["doc", "show", &doc, "--json"]).json();
    assert_eq!(shown["row"]["state"], "approved");
    let sha = shown["versions"][0]["version"]["sha256"]
        .as_str()
        .expect("sha")
        .to_owned();
    let record = choi.path("검토 결과서.pdf");
    let said = choi
        .run(&[
            "doc",
            "export",
            &doc,
            "--record",
            "--out",
            record.to_str().expect("path"),
        ])
        .ok();
    assert!(said.contains("wrote the review record to"), "{said}");
    let text = pdf_text(&record);
    for expected in [
        "검토 결과서",
        "전력 계통도",
        "1 (현재 버전)",
        "승인 (잠김)",
        sha.as_str(),
        "검토자 lee, park",
        "2쪽 (가로 40%, 세로 20%)",
        "UPS-2 용량 표기",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let verified: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("승인: 서명 확인됨 (서명자"))
        .map(|line| line.trim_start_matches('•').trim_start())
        .collect();
    assert_eq!(verified.len(), 2, "{text}");
    assert!(
        verified[0].starts_with("lee") && verified[1].starts_with("park"),
        "{verified:?}"
    );

    let english = choi.path("record-en.pdf");
    choi.run(&[
        "doc",
        "export",
        &doc,
        "--record",
        "--lang",
        "en",
        "--out",
        english.to_str().expect("path"),
    ])
    .ok();
    let text = pdf_text(&english);
    assert_eq!(
        text.lines()
            .filter(|line| line.contains("Approve: signature verified (signed by"))
            .count(),
        2,
        "{text}"
    );
    assert!(text.contains("page 2 (x 40%, y 20%)"), "{text}");
    let refused = choi
        .run(&[
            "doc",
            "export",
            &doc,
            "--record",
            "--version",
            "7",
            "--out",
            english.to_str().expect("path"),
        ])
        .fails();
    assert!(
        refused.contains("version: the document has no version 7"),
        "{refused}"
    );
}

#[test]
fn two_versions_of_a_markdown_file_are_diffed_and_a_pdf_is_refused() {
    let kim = Cli::new();
    kim.run(&["workspace", "create", WORKSPACE]).ok();
    let notes = kim.path("절차.md");
    std::fs::write(&notes, "# 절차\n전원 확인\n끝\n").expect("write");
    let doc = added_id(
        &kim.run(&[
            "doc",
            "add",
            "--title",
            "전원 절차",
            "--kind",
            "procedure",
            "--file",
            notes.to_str().expect("path"),
        ])
        .ok(),
    );
    std::fs::write(&notes, "# 절차\n전원 이중화 확인\n끝\n접지 확인\n").expect("write");
    kim.run(&["doc", "version", &doc, notes.to_str().expect("path")])
        .ok();
    let pdf = kim.path("도면.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%%EOF\n").expect("write");
    kim.run(&["doc", "version", &doc, pdf.to_str().expect("path")])
        .ok();
    assert_eq!(
        kim.run(&["doc", "diff", &doc, "1", "2"]).ok(),
        "--- v1 절차.md\n+++ v2 절차.md\n@@ -1,3 +1,4 @@\n # 절차\n-전원 확인\n+전원 이중화 확인\n 끝\n+접지 확인\n"
    );
    let refused = kim.run(&["doc", "diff", &doc, "2", "3"]).fails();
    assert!(
        refused.contains(
            "to: '도면.pdf' is not a text file the diff reads (md, yaml, yml, json, csv, txt)"
        ),
        "{refused}"
    );
}
