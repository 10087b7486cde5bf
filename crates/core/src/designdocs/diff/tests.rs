//! The text diff on hand-worked examples (rows, folds, counts, the unified text) and on a
//! real store (two versions of a Markdown file; a PDF, bad UTF-8, an unknown version and an
//! oversized file refused with their reasons).

use super::*;
use crate::designdocs::DocInput;
use crate::stamp::{Author, Stamp};
use crate::testkit::fresh_workspace;

fn same(l: u32, r: u32, text: &str) -> DiffRow {
    DiffRow {
        kind: DiffRowKind::Same,
        left_no: Some(l),
        left: text.into(),
        right_no: Some(r),
        right: text.into(),
        folded: Vec::new(),
    }
}

fn row(kind: DiffRowKind, l: Option<(u32, &str)>, r: Option<(u32, &str)>) -> DiffRow {
    DiffRow {
        kind,
        left_no: l.map(|(n, _)| n),
        left: l.map(|(_, t)| t.to_owned()).unwrap_or_default(),
        right_no: r.map(|(n, _)| n),
        right: r.map(|(_, t)| t.to_owned()).unwrap_or_default(),
        folded: Vec::new(),
    }
}

fn folded(l: u32, r: u32, lines: &[String]) -> DiffRow {
    DiffRow {
        kind: DiffRowKind::Folded,
        left_no: Some(l),
        left: String::new(),
        right_no: Some(r),
        right: String::new(),
        folded: lines.to_vec(),
    }
}

fn numbered(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|n| format!("l{n}")).collect()
}

fn text(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn a_changed_line_and_an_added_one_side_by_side() {
    let (rows, counts) = side_by_side_rows("a\nb\nc\n", "a\nB\nc\nd\n", 3);
    assert_eq!(
        rows,
        vec![
            same(1, 1, "a"),
            row(DiffRowKind::Changed, Some((2, "b")), Some((2, "B"))),
            same(3, 3, "c"),
            row(DiffRowKind::Added, None, Some((4, "d"))),
        ]
    );
    assert_eq!(counts, [1, 0, 1], "added, removed, changed");
}

#[test]
fn a_replaced_block_pairs_lines_and_the_rest_is_removed() {
    let (rows, counts) = side_by_side_rows("x\ny\n", "z\n", 3);
    assert_eq!(
        rows,
        vec![
            row(DiffRowKind::Changed, Some((1, "x")), Some((1, "z"))),
            row(DiffRowKind::Removed, Some((2, "y")), None),
        ]
    );
    assert_eq!(counts, [0, 1, 1]);
}

#[test]
fn long_unchanged_runs_fold_beyond_three_lines_of_context() {
    // l1..l20, and l10 removed: six lines folded before the change (l1-l6), three shown
    // either side, and seven folded after it (l14-l20, right 13-19).
    let left = numbered(1..=20);
    let mut right = left.clone();
    right.remove(9);
    let (rows, counts) = side_by_side_rows(&text(&left), &text(&right), 3);
    assert_eq!(
        rows,
        vec![
            folded(1, 1, &numbered(1..=6)),
            same(7, 7, "l7"),
            same(8, 8, "l8"),
            same(9, 9, "l9"),
            row(DiffRowKind::Removed, Some((10, "l10")), None),
            same(11, 10, "l11"),
            same(12, 11, "l12"),
            same(13, 12, "l13"),
            folded(14, 13, &numbered(14..=20)),
        ]
    );
    assert_eq!(counts, [0, 1, 0]);
}

#[test]
fn a_run_of_one_more_than_the_context_is_shown_whole_and_identical_files_are_one_fold() {
    // Seven unchanged lines between two changes: three and three, and the one between is
    // not worth a fold.
    let left = numbered(1..=9);
    let mut right = left.clone();
    right[0] = "첫 줄".into();
    right[8] = "끝 줄".into();
    let (rows, _) = side_by_side_rows(&text(&left), &text(&right), 3);
    assert_eq!(rows.len(), 9);
    assert!(rows[1..8].iter().all(|r| r.kind == DiffRowKind::Same));
    assert_eq!(rows[0].right, "첫 줄");
    assert_eq!(rows[8].kind, DiffRowKind::Changed);

    let (rows, counts) = side_by_side_rows(&text(&left), &text(&left), 3);
    assert_eq!(rows, vec![folded(1, 1, &left)]);
    assert_eq!(counts, [0, 0, 0]);
}

#[test]
fn crlf_endings_are_not_part_of_the_text_shown() {
    let (rows, _) = side_by_side_rows("a\r\nb\r\n", "a\r\nc\r\n", 3);
    assert_eq!(rows[0], same(1, 1, "a"));
    assert_eq!(
        rows[1],
        row(DiffRowKind::Changed, Some((2, "b")), Some((2, "c")))
    );
}

#[test]
fn the_unified_text_is_diff_u_s() {
    let a = DiffInput {
        file_name: "a.md",
        bytes: b"a\nb\nc\n",
    };
    let b = DiffInput {
        file_name: "a.md",
        bytes: b"a\nB\nc\nd\n",
    };
    assert_eq!(
        unified(a, "v1 a.md", b, "v2 a.md").expect("text"),
        "--- v1 a.md\n+++ v2 a.md\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n"
    );
    assert_eq!(unified(a, "v1", a, "v1").expect("text"), "");
}

fn codes(problems: &[Problem]) -> Vec<(&str, &str)> {
    problems
        .iter()
        .map(|p| (p.field.as_str(), p.code.as_str()))
        .collect()
}

#[test]
fn files_that_are_not_text_are_refused_with_the_reason() {
    let text = DiffInput {
        file_name: "설계.yaml",
        bytes: "이름: 평택\n".as_bytes(),
    };
    let pdf = DiffInput {
        file_name: "plan.pdf",
        bytes: b"%PDF-1.7",
    };
    let latin1 = DiffInput {
        file_name: "notes.txt",
        bytes: b"caf\xe9\n",
    };
    let problems = unified(pdf, "", latin1, "").expect_err("refused");
    assert_eq!(
        codes(&problems),
        vec![("from", "not_text"), ("to", "not_utf8")]
    );
    assert_eq!(
        problems[0].message,
        "'plan.pdf' is not a text file the diff reads (md, yaml, yml, json, csv, txt)"
    );
    assert_eq!(problems[1].detail["offset"], "3");
    let big = vec![b'a'; MAX_DIFF_BYTES + 1];
    let big = DiffInput {
        file_name: "big.csv",
        bytes: &big,
    };
    let problems = unified(text, "", big, "").expect_err("refused");
    assert_eq!(codes(&problems), vec![("to", "too_large_to_diff")]);
    assert_eq!(
        problems[0].message,
        "is 16777217 bytes, more than the 16 MiB a diff reads"
    );
    // A byte order mark is not a line's text.
    let bom = DiffInput {
        file_name: "a.JSON",
        bytes: b"\xEF\xBB\xBF{}\n",
    };
    let plain = DiffInput {
        file_name: "a.json",
        bytes: b"{}\n",
    };
    assert_eq!(unified(bom, "", plain, "").expect("text"), "");
}

#[test]
fn two_versions_of_a_document_are_diffed_through_the_store() {
    let (_dir, _store, ws) = fresh_workspace();
    let stamp = Stamp::new(Author::from_name("김민준"), 1_800_000_000_000);
    let doc = ws
        .add_design_doc(
            ulid::Ulid::new(),
            &DocInput {
                title: "절차서".into(),
                kind: "procedure".into(),
                ..DocInput::default()
            },
            &stamp,
        )
        .expect("doc");
    ws.add_design_doc_version(
        &doc.id,
        "절차.md",
        "# 절차\n전원 확인\n".as_bytes(),
        "",
        &stamp,
    )
    .expect("v1");
    ws.add_design_doc_version(
        &doc.id,
        "절차.md",
        "# 절차\n전원 이중화 확인\n접지 확인\n".as_bytes(),
        "",
        &stamp,
    )
    .expect("v2");
    ws.add_design_doc_version(&doc.id, "도면.pdf", b"%PDF-1.7\n%%EOF\n", "", &stamp)
        .expect("v3");
    let diff = ws.design_doc_diff(&doc.id, 1, 2).expect("diff");
    assert_eq!((diff.left.number, diff.right.number), (1, 2));
    assert_eq!((diff.left.lines, diff.right.lines), (2, 3));
    assert_eq!((diff.added, diff.removed, diff.changed), (1, 0, 1));
    assert_eq!(diff.rows[1].left, "전원 확인");
    assert_eq!(diff.rows[1].right, "전원 이중화 확인");
    assert_eq!(
        ws.design_doc_unified_diff(&doc.id, 1, 2).expect("unified"),
        "--- v1 절차.md\n+++ v2 절차.md\n@@ -1,2 +1,3 @@\n # 절차\n-전원 확인\n+전원 이중화 확인\n+접지 확인\n"
    );
    let refused = |from, to| match ws.design_doc_diff(&doc.id, from, to) {
        Err(DesignDocError::Refused(problems)) => codes(&problems)
            .into_iter()
            .map(|(f, c)| format!("{f}:{c}"))
            .collect::<Vec<_>>(),
        other => panic!("not refused: {other:?}"),
    };
    assert_eq!(refused(2, 3), vec!["to:not_text"]);
    assert_eq!(refused(7, 1), vec!["from:unknown_version"]);
}
