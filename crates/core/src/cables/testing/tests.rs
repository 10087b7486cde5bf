//! Test results on real stores: a CSV all or nothing, and a report stored as a blob.

use crate::cables::edit::tests::{add, open};
use crate::cables::model::{CableStatus, PortRole};
use crate::cables::ops::CableError;
use crate::cables::testing::TestInput;
use crate::csv_file::CsvOptions;
use crate::testkit::stamp;
use crate::testkit::{end, plant};

#[test]
fn test_results_import_all_or_nothing_and_a_report_is_a_blob() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = open(&dir);
    let ws = store.workspace(&id).expect("open");
    let rack = plant(&ws, &stamp(1));
    let good = add(
        &ws,
        100,
        end(rack, 10, PortRole::Interface, "eno1"),
        end(rack, 11, PortRole::Front, "1"),
        2,
    );
    let bad = add(
        &ws,
        101,
        end(rack, 10, PortRole::Interface, "eno2"),
        end(rack, 11, PortRole::Front, "2"),
        3,
    );
    let header = "label,result,tester,date,length_m,loss_db\n";
    let broken = format!(
        "{header}{},pass,이서연,2026-11-30 10:00,2.1,\nNO-SUCH,maybe,,30/11/2026,x,\n",
        good.label
    );
    let Err(CableError::Rows(problems)) =
        ws.import_cable_tests_csv(broken.as_bytes(), CsvOptions::default(), &stamp(4))
    else {
        panic!("refused");
    };
    let seen: Vec<(u32, &str)> = problems
        .iter()
        .map(|p| (p.line.unwrap_or_default(), p.field.as_str()))
        .collect();
    assert_eq!(
        seen,
        [(3, "label"), (3, "result"), (3, "date"), (3, "length_m")]
    );
    assert_eq!(
        ws.cable_row(good.id).expect("row").status,
        CableStatus::Planned,
        "nothing recorded"
    );

    let results = format!(
        "\u{feff}{header}{},통과,이서연,2026-11-30 10:00,2.1,\n{},fail,,2026-11-30,,3.5\n",
        good.label, bad.id
    );
    let tested = ws
        .import_cable_tests_csv(results.as_bytes(), CsvOptions::default(), &stamp(5))
        .expect("imported");
    assert_eq!(tested.len(), 2);
    let good_row = ws.cable_row(good.id).expect("row");
    assert_eq!(good_row.status, CableStatus::Tested);
    assert_eq!(good_row.tests[0].tester, "이서연");
    assert_eq!(good_row.tests[0].at_ms, 1_796_032_800_000);
    assert_eq!(good_row.tests[0].measured_length_m, Some(2.1));
    let failed = ws.failed_cables();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0].tests[0].tester, "김민준",
        "no tester: the person importing"
    );
    assert_eq!(failed[0].tests[0].loss_db, Some(3.5));

    let report = b"%PDF-1.4 Fluke DSX-8000 report";
    let retested = ws
        .record_cable_test(
            bad.id,
            &TestInput {
                passed: true,
                tester: String::new(),
                at_ms: None,
                measured_length_m: Some(2.0),
                loss_db: None,
            },
            Some(("dsx.pdf", report)),
            &stamp(1_796_100_000_000),
        )
        .expect("retest");
    assert_eq!(retested.status, CableStatus::Tested);
    let last = retested.tests.last().expect("test");
    assert_eq!(last.report_name.as_deref(), Some("dsx.pdf"));
    let sha = last.report.clone().expect("report");
    assert_eq!(ws.blob(&sha).expect("blob").as_deref(), Some(&report[..]));
    assert!(ws.failed_cables().is_empty());
}
