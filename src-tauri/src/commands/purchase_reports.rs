//! Purchasing's report (issue 19): over a period, spend by vendor, kind, month and budget
//! line, cycle times, budget use and vendor performance — for the screen, and saved where
//! every export goes as CSV (`export_path`) or as a PDF in the UI's language (`save_pdf`,
//! opened once saved, like the other reports'). `today` is the user's local date.

use cloudwright_core::assets::input::parse_date;
use cloudwright_core::assets::Date;
use cloudwright_core::purchasing::reports::{report_csv, PurchaseReport};
use cloudwright_core::store::Workspace;
use cloudwright_print::purchase_report::report_pdf;
use serde::Deserialize;
use ts_rs::TS;

use super::{export_path, generated_line, print_language, save_pdf, Ctx, ExportResult};
use crate::error::CommandError;
use crate::ipc::Reply;

#[derive(Deserialize, TS)]
pub struct PurchaseReportArgs {
    // The first day of the period (YYYY-MM-DD).
    from: String,
    // The last day of the period (YYYY-MM-DD), included.
    until: String,
    // The user's local date (YYYY-MM-DD).
    today: String,
}

fn date(field: &str, text: &str) -> Reply<Date> {
    parse_date(text).ok_or_else(|| {
        CommandError::new(
            "invalid_date",
            format!("{field} '{text}' is not a date (YYYY-MM-DD)"),
        )
    })
}

/// The report of the period, refused when the period ends before it starts.
fn report(workspace: &Workspace, args: &PurchaseReportArgs) -> Reply<PurchaseReport> {
    let from = date("from", &args.from)?;
    let until = date("until", &args.until)?;
    let today = date("today", &args.today)?;
    if until.0 < from.0 {
        return Err(CommandError::new(
            "invalid_period",
            format!(
                "the period ends ({}) before it starts ({})",
                until.0, from.0
            ),
        ));
    }
    Ok(workspace.purchase_report(&from, &until, &today)?)
}

/// A file name's part for the period: `2027-01-01_2027-12-31`.
fn stem(report: &PurchaseReport) -> String {
    format!("cloudwright-purchases-{}_{}", report.from, report.until)
}

/// The report of `from..=until` for the screen.
pub fn purchase_report(cx: &Ctx, args: PurchaseReportArgs) -> Reply<PurchaseReport> {
    let workspace = cx.workspace()?;
    report(&workspace, &args)
}

/// The report as CSV (a byte order mark first, so spreadsheets read the Korean), where
/// exports go; `rows` is its number of rows after the header.
pub fn purchase_report_csv(cx: &Ctx, args: PurchaseReportArgs) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let report = report(&workspace, &args)?;
    let bytes = report_csv(&report).map_err(|error| CommandError::new("io", error.to_string()))?;
    let path = export_path(cx, &stem(&report), "csv")?;
    std::fs::write(&path, &bytes)?;
    let rows = [
        &report.by_vendor,
        &report.by_kind,
        &report.by_month,
        &report.by_budget,
    ]
    .iter()
    .map(|rows| rows.len())
    .sum::<usize>()
        + report.cycle_times.len()
        + report.budgets.len();
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: rows as u32,
    })
}

/// The report as a PDF in the UI's language, where exports go, opened once saved.
pub fn purchase_report_pdf(cx: &Ctx, args: PurchaseReportArgs) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let report = report(&workspace, &args)?;
    let bytes = report_pdf(
        &report,
        &workspace.meta().name,
        print_language(cx)?,
        &generated_line(cx)?,
    )
    .map_err(|error| CommandError::new("print", error.to_string()))?;
    let saved = save_pdf(cx, &stem(&report), &bytes, 0)?;
    crate::os::open_file(std::path::Path::new(&saved.path));
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudwright_core::store::Store;

    fn args(from: &str, until: &str) -> PurchaseReportArgs {
        PurchaseReportArgs {
            from: from.to_owned(),
            until: until.to_owned(),
            today: "2027-03-31".to_owned(),
        }
    }

    /// A period that ends before it starts and a date that is not one are refused with their
    /// own kinds; an empty workspace's period is a report with nothing in it.
    #[test]
    fn refuses_a_backwards_period_and_a_bad_date() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("store");
        let meta = store.create_workspace("평택 1센터", 1).expect("workspace");
        let workspace = store.workspace(&meta.id).expect("open");

        let backwards = report(&workspace, &args("2027-04-01", "2027-03-31")).err();
        let backwards = backwards.expect("refused");
        assert_eq!(backwards.kind, "invalid_period");
        assert!(
            backwards.message.contains("2027-03-31"),
            "{}",
            backwards.message
        );

        let bad = report(&workspace, &args("2027-13-01", "2027-03-31")).err();
        let bad = bad.expect("refused");
        assert_eq!(bad.kind, "invalid_date");
        assert!(bad.message.contains("from '2027-13-01'"), "{}", bad.message);

        let empty = report(&workspace, &args("2027-01-01", "2027-03-31")).expect("report");
        assert_eq!(
            (empty.from.as_str(), empty.until.as_str()),
            ("2027-01-01", "2027-03-31")
        );
        assert!(empty.by_vendor.is_empty() && empty.statuses.is_empty());
        assert_eq!(empty.cycle_times.len(), 4);
    }
}
