//! Cable tests: one result recorded by hand (with the tester's report as a blob in the same
//! batch), or many from a CSV of results, all or nothing. A passed test makes the cable
//! tested, a failed one failed (and it shows in the inbox until a later test passes).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv_io::{row_problem, CableRowCode};
use super::model::{Cable, CableStatus, CableTest};
use super::ops::CableError;
use crate::csv_file::{CsvColumn, CsvFileError, CsvOptions, CsvTable};
use crate::ids::CableId;
use crate::record::write::Whole;
use crate::stamp::{Stamp, UtcTime};
use crate::store::kv::Batch;
use crate::store::Workspace;

/// A test result as a person records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TestInput {
    pub passed: bool,
    /// Empty: the person recording it.
    pub tester: String,
    /// `None`: now.
    #[ts(type = "number | null")]
    pub at_ms: Option<i64>,
    pub measured_length_m: Option<f64>,
    pub loss_db: Option<f64>,
}

/// The columns of a file of test results: `label` (or `cable` / `id`: a cable's label or id)
/// and `result` are required; `tester`, `date`, `length_m` and `loss_db` may be left out.
const COLUMNS: [CsvColumn; 6] = [
    CsvColumn::line("label").also(&["cable", "id"]),
    CsvColumn::line("result"),
    CsvColumn::line("tester"),
    CsvColumn::line("date"),
    CsvColumn::line("length_m"),
    CsvColumn::line("loss_db"),
];
const REQUIRED: [&str; 2] = ["label", "result"];

/// `pass`/`fail` and the words testers' exports and Korean sheets use for them.
fn parse_result(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "pass" | "passed" | "ok" | "p" | "통과" | "합격" | "true" | "1" => Some(true),
        "fail" | "failed" | "ng" | "f" | "실패" | "불합격" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// `YYYY-MM-DD` (also with `.` or `/`), optionally followed by `HH:MM` or `HH:MM:SS`, as UTC.
pub fn parse_test_time(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((date, time)) => (date, Some(time.trim_end_matches('Z'))),
        None => (text, None),
    };
    let date = crate::assets::parse_date(date)?;
    let mut parts = date.0.split('-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    if let Some(time) = time {
        let mut fields = time.split(':').map(|p| p.parse::<u32>().ok());
        hour = fields.next()??;
        minute = fields.next()??;
        second = fields.next().flatten().unwrap_or(0);
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
    }
    Some(
        UtcTime {
            year: i64::from(year),
            month,
            day,
            hour,
            minute,
            second,
        }
        .to_ms(),
    )
}

fn parse_measure(text: &str) -> Option<Option<f64>> {
    match text.trim() {
        "" => Some(None),
        text => text
            .parse::<f64>()
            .ok()
            .filter(|value| value.is_finite() && *value >= 0.0)
            .map(Some),
    }
}

impl Workspace {
    /// Records a test of a cable; with `report` (file name and bytes), the tester's report is
    /// stored as a blob in the same durable batch.
    pub fn record_cable_test(
        &self,
        id: CableId,
        input: &TestInput,
        report: Option<(&str, &[u8])>,
        stamp: &Stamp,
    ) -> Result<Cable, CableError> {
        let mut cable = self.cable_by_id(id)?;
        if !cable.holds_ports() {
            return Err(CableError::Transition {
                label: cable.label,
                from: CableStatus::Decommissioned,
                to: if input.passed {
                    CableStatus::Tested
                } else {
                    CableStatus::Failed
                },
            });
        }
        let (report_sha, batch) = match report {
            Some((_, bytes)) => {
                let (sha, batch) = self.stage_blob("report", bytes)?;
                (Some(sha), batch)
            }
            None => (None, Batch::default()),
        };
        apply_test(
            &mut cable,
            CableTest {
                passed: input.passed,
                tester: tester_or(&input.tester, stamp),
                at_ms: input.at_ms.unwrap_or(stamp.at_ms),
                measured_length_m: input.measured_length_m,
                loss_db: input.loss_db,
                report: report_sha,
                report_name: report.map(|(name, _)| name.to_owned()),
            },
        );
        self.insert_place_records_with(
            vec![Whole::new(cable.clone())],
            Vec::new(),
            batch,
            stamp,
            "cable_test",
        )?;
        Ok(cable)
    }

    /// Records every result in a CSV (`label,result,tester,date,length_m,loss_db`), or none
    /// when any row has a problem, each listed by line and column. Returns the cables.
    pub fn import_cable_tests_csv(
        &self,
        bytes: &[u8],
        options: CsvOptions,
        stamp: &Stamp,
    ) -> Result<Vec<Cable>, CableError> {
        let mut problems = Vec::new();
        let mut tested: Vec<Cable> = Vec::new();
        // A cable tested twice in one file keeps both results, in file order.
        let mut position: std::collections::HashMap<CableId, usize> = Default::default();
        {
            let index = self.cable_index();
            let table =
                CsvTable::open(bytes, &COLUMNS, &REQUIRED, options).map_err(CableError::File)?;
            for row in table {
                let row = row.map_err(|error| CableError::File(vec![error]))?;
                if !row.problems.is_empty() {
                    problems.extend(row.problems);
                    continue;
                }
                let line = row.line;
                let cell = |name: &str| row.text(name);
                let mut problem = |column: &str, code, value: String| {
                    problems.push(row_problem(line, column, code, value))
                };
                let label = cell("label");
                let cable = index.find(&label);
                match cable {
                    None if label.is_empty() => problem("label", CableRowCode::Required, label),
                    None => problem("label", CableRowCode::UnknownCable, label),
                    Some(cable) if !cable.holds_ports() => {
                        problem("label", CableRowCode::Decommissioned, label)
                    }
                    Some(_) => {}
                }
                let passed = parse_result(&cell("result"));
                if passed.is_none() {
                    problem("result", CableRowCode::UnknownValue, cell("result"));
                }
                let date = cell("date");
                let at_ms = if date.is_empty() {
                    Some(stamp.at_ms)
                } else {
                    parse_test_time(&date)
                };
                if at_ms.is_none() {
                    problem("date", CableRowCode::NotADate, date);
                }
                let length = parse_measure(&cell("length_m"));
                if length.is_none() {
                    problem("length_m", CableRowCode::NotANumber, cell("length_m"));
                }
                let loss = parse_measure(&cell("loss_db"));
                if loss.is_none() {
                    problem("loss_db", CableRowCode::NotANumber, cell("loss_db"));
                }
                let (Some(cable), Some(passed), Some(at_ms), Some(length), Some(loss)) =
                    (cable, passed, at_ms, length, loss)
                else {
                    continue;
                };
                let test = CableTest {
                    passed,
                    tester: tester_or(&cell("tester"), stamp),
                    at_ms,
                    measured_length_m: length,
                    loss_db: loss,
                    report: None,
                    report_name: None,
                };
                let at = *position.entry(cable.id).or_insert_with(|| {
                    tested.push(cable.clone());
                    tested.len() - 1
                });
                apply_test(&mut tested[at], test);
            }
        }
        if !problems.is_empty() {
            return Err(CableError::Rows(problems));
        }
        if tested.is_empty() {
            return Err(CableError::File(vec![CsvFileError::Empty]));
        }
        self.write_cables(tested.clone(), stamp, "cable_tests")?;
        Ok(tested)
    }
}

fn tester_or(tester: &str, stamp: &Stamp) -> String {
    match tester.trim() {
        "" => stamp.author.name.clone(),
        name => name.to_owned(),
    }
}

/// Adds a result; the latest test by time decides the status.
fn apply_test(cable: &mut Cable, test: CableTest) {
    cable.tests.push(test);
    cable.tests.sort_by_key(|test| test.at_ms);
    if let Some(last) = cable.tests.last() {
        cable.status = if last.passed {
            CableStatus::Tested
        } else {
            CableStatus::Failed
        };
    }
}

#[cfg(test)]
mod tests;
