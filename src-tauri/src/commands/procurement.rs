//! Procurement (issue 19): what happens to a purchase request once it is approved — requests
//! for quotation to several vendors (each one's 견적요청서 as a PDF), the vendors' quotes (their
//! file as an upload), the comparison with vendors as columns (on screen, PDF, CSV), the
//! choice of vendor (signed in a team), the orders (each one's 발주서 as a PDF), receipts with
//! scanned serials that create the assets, the invoice, the three-way match and completion.
//! Every write answers with the request as the screen shows it (`RequestView`); `today` is
//! the user's local date, sent by the UI. PDFs and CSVs go where every export goes
//! (`save_pdf`, `export_path`), and a PDF is opened once saved, like the reports'.

use cloudwright_core::assets::input::parse_date;
use cloudwright_core::assets::Date;
use cloudwright_core::purchasing::orders::{OrderInput, OrderMatch};
use cloudwright_core::purchasing::quotes::comparison_csv;
use cloudwright_core::purchasing::receipts::{ReceiptInput, ReceiptOutcome};
use cloudwright_core::purchasing::views::RequestView;
use cloudwright_core::purchasing::{Comparison, PurchaseRequest, QuoteInput, SelectionInput};
use cloudwright_core::store::Workspace;
use cloudwright_print::purchase_order::{order_pdfs, OrderPrintError};
use cloudwright_print::purchase_quotes::{comparison_pdf, rfq_pdf, QuotePrintError};
use serde::Deserialize;
use ts_rs::TS;

use super::{export_path, generated_line, print_language, save_pdf, Ctx, ExportResult, IdArgs};
use crate::error::CommandError;
use crate::ipc::Reply;

fn day(today: &str) -> Reply<Date> {
    parse_date(today).ok_or_else(|| {
        CommandError::new(
            "invalid_date",
            format!("'{today}' is not a date (YYYY-MM-DD)"),
        )
    })
}

fn view(workspace: &Workspace, request: PurchaseRequest) -> RequestView {
    workspace.request_view(&request)
}

fn quote_print_error(error: QuotePrintError) -> CommandError {
    match error {
        QuotePrintError::Purchasing(purchasing) => purchasing.into(),
        QuotePrintError::NoRfq(_) => CommandError::new("not_found", error.to_string()),
        QuotePrintError::Print(print) => CommandError::new("print", print.to_string()),
    }
}

fn order_print_error(error: OrderPrintError) -> CommandError {
    match error {
        OrderPrintError::Purchasing(purchasing) => purchasing.into(),
        OrderPrintError::NoOrder(_) => CommandError::new("not_found", error.to_string()),
        OrderPrintError::Print(print) => CommandError::new("print", print.to_string()),
    }
}

/// Saves a PDF where exports go and opens it.
fn save_and_open(cx: &Ctx, stem: &str, bytes: &[u8]) -> Reply<ExportResult> {
    let saved = save_pdf(cx, stem, bytes, 0)?;
    crate::os::open_file(std::path::Path::new(&saved.path));
    Ok(saved)
}

/// A file name part from a request or order number (`PR-20270115-7Q2F`): letters, digits
/// and hyphens only.
fn stem_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurchaseRfqArgs {
    // The request's id or number.
    id: String,
    // The vendors asked (ids or names).
    vendors: Vec<String>,
    reply_by: String,
    today: String,
}

/// Sends the approved request to each vendor for a quote by the reply-by date.
pub fn purchase_rfq(cx: &Ctx, args: PurchaseRfqArgs) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.request_quotes(
        &args.id,
        &args.vendors,
        &args.reply_by,
        &day(&args.today)?,
        &cx.stamp()?,
    )?;
    Ok(view(&workspace, request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseRfqPdfArgs {
    id: String,
    // The vendor (id or name) it is sent to.
    vendor: String,
}

/// The request for quotation (견적요청서) to one vendor, saved where exports go and opened.
pub fn purchase_rfq_pdf(
    cx: &Ctx,
    PurchaseRfqPdfArgs { id, vendor }: PurchaseRfqPdfArgs,
) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let number = workspace.purchase_request(&id)?.number;
    let bytes = rfq_pdf(
        &workspace,
        &id,
        &vendor,
        print_language(cx)?,
        &generated_line(cx)?,
    )
    .map_err(quote_print_error)?;
    save_and_open(
        cx,
        &format!("cloudwright-rfq-{}", stem_part(&number)),
        &bytes,
    )
}

#[derive(Deserialize, TS)]
pub struct PurchaseQuoteArgs {
    id: String,
    // The vendor (id or name) that quoted.
    vendor: String,
    input: QuoteInput,
}

/// Keeps a vendor's quote (replacing its earlier one), without a file.
pub fn purchase_quote(cx: &Ctx, args: PurchaseQuoteArgs) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.enter_quote(&args.id, &args.vendor, &args.input, None, &cx.stamp()?)?;
    Ok(view(&workspace, request))
}

/// A quote with the vendor's file; the file's bytes are the upload's body.
#[derive(Deserialize, TS)]
pub struct PurchaseQuoteWithFileArgs {
    id: String,
    vendor: String,
    input: QuoteInput,
    // The file's name.
    name: String,
}

pub fn purchase_quote_with_file(
    cx: &Ctx,
    args: PurchaseQuoteWithFileArgs,
    bytes: &[u8],
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.enter_quote(
        &args.id,
        &args.vendor,
        &args.input,
        Some((&args.name, bytes)),
        &cx.stamp()?,
    )?;
    Ok(view(&workspace, request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseDayArgs {
    id: String,
    today: String,
}

/// The quotes side by side: vendors as columns, lines as rows.
pub fn purchase_comparison(
    cx: &Ctx,
    PurchaseDayArgs { id, today }: PurchaseDayArgs,
) -> Reply<Comparison> {
    Ok(cx.workspace()?.quote_comparison(&id, &day(&today)?)?)
}

/// The comparison (견적 비교표) as a PDF, saved where exports go and opened.
pub fn purchase_comparison_pdf(
    cx: &Ctx,
    PurchaseDayArgs { id, today }: PurchaseDayArgs,
) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let number = workspace.purchase_request(&id)?.number;
    let bytes = comparison_pdf(
        &workspace,
        &id,
        &day(&today)?,
        print_language(cx)?,
        &generated_line(cx)?,
    )
    .map_err(quote_print_error)?;
    save_and_open(
        cx,
        &format!("cloudwright-quotes-{}", stem_part(&number)),
        &bytes,
    )
}

/// The comparison as CSV (a byte order mark first, so spreadsheets read the Korean), where
/// exports go; `rows` is its number of lines.
pub fn purchase_comparison_csv(
    cx: &Ctx,
    PurchaseDayArgs { id, today }: PurchaseDayArgs,
) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let comparison = workspace.quote_comparison(&id, &day(&today)?)?;
    let path = export_path(
        cx,
        &format!("cloudwright-quotes-{}", stem_part(&comparison.number)),
        "csv",
    )?;
    let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    comparison_csv(&comparison, print_language(cx)?, file, true)
        .map_err(|error| CommandError::new("io", error.to_string()))?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows: comparison.lines.len() as u32,
    })
}

#[derive(Deserialize, TS)]
pub struct PurchaseSelectArgs {
    id: String,
    today: String,
    input: SelectionInput,
}

/// Chooses the vendor for the whole request or line by line, with the reason; signed by the
/// member logged in here (in a team's workspace).
pub fn purchase_select(cx: &Ctx, args: PurchaseSelectArgs) -> Reply<RequestView> {
    let member = cx.signing_member()?;
    let signer = member.as_ref().map(|member| member.signer());
    let workspace = cx.workspace()?;
    let request = workspace.select_vendor(
        &args.id,
        &args.input,
        &day(&args.today)?,
        &cx.stamp()?,
        signer.as_ref(),
    )?;
    Ok(view(&workspace, request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseOrderArgs {
    id: String,
    today: String,
    input: OrderInput,
}

/// Places the orders the selection calls for, one per vendor, with a promised date per line.
pub fn purchase_order(cx: &Ctx, args: PurchaseOrderArgs) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request =
        workspace.place_orders(&args.id, &args.input, &day(&args.today)?, &cx.stamp()?)?;
    Ok(view(&workspace, request))
}

#[derive(Deserialize, TS)]
pub struct PurchaseOrderPdfArgs {
    id: String,
    // The order's key or number.
    order: String,
}

/// One order's 발주서 as a PDF, saved where exports go and opened.
pub fn purchase_order_pdf(
    cx: &Ctx,
    PurchaseOrderPdfArgs { id, order }: PurchaseOrderPdfArgs,
) -> Reply<ExportResult> {
    let workspace = cx.workspace()?;
    let pdfs = order_pdfs(
        &workspace,
        &id,
        Some(&order),
        print_language(cx)?,
        &generated_line(cx)?,
    )
    .map_err(order_print_error)?;
    let Some((number, bytes)) = pdfs.into_iter().next() else {
        return Err(CommandError::new(
            "not_found",
            format!("no order '{order}' on this request"),
        ));
    };
    save_and_open(
        cx,
        &format!("cloudwright-po-{}", stem_part(&number)),
        &bytes,
    )
}

#[derive(Deserialize, TS)]
pub struct PurchaseReceiveArgs {
    id: String,
    // The order's key or number.
    order: String,
    today: String,
    input: ReceiptInput,
}

/// Receives units of one order: the receipt and an asset for every accepted hardware unit,
/// in one durable batch, or nothing with every reason.
pub fn purchase_receive(cx: &Ctx, args: PurchaseReceiveArgs) -> Reply<ReceiptOutcome> {
    Ok(cx.workspace()?.receive(
        &args.id,
        &args.order,
        &args.input,
        &day(&args.today)?,
        &cx.stamp()?,
    )?)
}

#[derive(Deserialize, TS)]
pub struct PurchaseInvoiceArgs {
    id: String,
    order: String,
    // As typed, in the order's currency.
    amount: String,
    reference: String,
}

/// Records the vendor's invoice for an order (a later one replaces it).
pub fn purchase_invoice(cx: &Ctx, args: PurchaseInvoiceArgs) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.set_invoice(
        &args.id,
        &args.order,
        &args.amount,
        &args.reference,
        &cx.stamp()?,
    )?;
    Ok(view(&workspace, request))
}

/// Each order set against what was received and invoiced, with every difference.
pub fn purchase_match(cx: &Ctx, IdArgs { id }: IdArgs) -> Reply<Vec<OrderMatch>> {
    Ok(cx.workspace()?.three_way_match(&id)?)
}

#[derive(Deserialize, TS)]
pub struct PurchaseCompleteArgs {
    id: String,
    // Required when it closes short (partly received).
    reason: String,
}

/// Completes the request once what was ordered is received (or short, with a reason).
pub fn purchase_complete(
    cx: &Ctx,
    PurchaseCompleteArgs { id, reason }: PurchaseCompleteArgs,
) -> Reply<RequestView> {
    let workspace = cx.workspace()?;
    let request = workspace.complete_purchase_request(&id, &reason, &cx.stamp()?)?;
    Ok(view(&workspace, request))
}
