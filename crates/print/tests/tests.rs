//! The integration tests: real PDFs written to a temporary directory and read back with
//! poppler-utils (`pdfinfo`, `pdftotext`, `pdftoppm`), one module per document.

mod asset_reports;
mod disposal;
mod elevation;
mod labels;
mod purchase_order;
mod purchase_quotes;
mod purchase_report;
mod report;
mod review_record;
mod schedule;
mod util;
mod workspace;
