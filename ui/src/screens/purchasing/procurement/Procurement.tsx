// The procurement half of a purchase request's detail (issue 19): from its approval on, what
// comes next for the request's status — ask vendors for quotes, enter them, compare them
// (vendors as columns), select, order, receive by scanning serials, the invoice and the
// three-way match, complete — with its one primary action, and what has happened so far:
// the vendors asked (each RFQ as a PDF), the comparison (PDF, CSV), the orders (each 발주서
// as a PDF) and the assets their receipts created. Before approval it shows nothing.
import { useState } from "react";
import type { ExportResult } from "../../../bindings/ExportResult";
import type { RequestView } from "../../../bindings/RequestView";
import type { Status } from "../../../bindings/Status";
import { Button } from "../../../components/Button";
import { FileLink } from "../../../components/FileLink";
import { Icon } from "../../../components/Icon";
import { useToast } from "../../../components/Toast";
import { type MessageKey, useT } from "../../../i18n";
import { call } from "../../../ipc";
import { describeError } from "../../../lib/errors";
import { localDate } from "../../../lib/format";
import { RecordLink } from "../../../lib/navigation";
import type { QueryCache } from "../../../lib/queryCache";
import { startRead, useCommand } from "../../../lib/useCommand";
import { CompleteDialog } from "./CompleteDialog";
import { ComparisonGrid } from "./ComparisonGrid";
import { InvoiceDialog } from "./InvoiceDialog";
import { MatchTable } from "./MatchTable";
import { OrderDialog } from "./OrderDialog";
import { QuoteDialog } from "./QuoteDialog";
import { ReceiveDialog } from "./ReceiveDialog";
import { everyVendor, RfqDialog } from "./RfqDialog";
import { SelectDialog } from "./SelectDialog";

/** What the request waits for next on the procurement side; null before approval or when
 * it was rejected or cancelled. */
export type NextAction = "rfq" | "quotes" | "order" | "receive" | "complete" | "done";

export function nextAction(status: Status): NextAction | null {
  switch (status) {
    case "approved":
      return "rfq";
    case "quotes_requested":
      return "quotes";
    case "vendor_selected":
      return "order";
    case "ordered":
    case "partly_received":
      return "receive";
    case "received":
      return "complete";
    case "completed":
      return "done";
    default:
      return null;
  }
}

/** The statuses a request has asked vendors for quotes by, and has orders by. */
const quotesAsked: readonly Status[] = [
  "quotes_requested",
  "vendor_selected",
  "ordered",
  "partly_received",
  "received",
  "completed",
];
const ordersPlaced: readonly Status[] = ["ordered", "partly_received", "received", "completed"];

/** The reads the section shows for a request (null where it shows none): every vendor's
 * name once it can ask for quotes, the comparison once it has asked, the three-way match
 * once it has orders. */
export function procurementReads(view: RequestView, today: string) {
  const { request } = view;
  return readsFor(
    request.id,
    view.status,
    {
      rfqs: Object.keys(request.rfqs).length > 0,
      orders: Object.keys(request.orders).length > 0,
    },
    today,
  );
}

function readsFor(
  id: string,
  status: Status,
  has: { rfqs: boolean; orders: boolean },
  today: string,
) {
  const action = nextAction(status);
  return {
    vendors: action === null ? null : everyVendor,
    comparison: action !== null && has.rfqs ? { id, today } : null,
    match: has.orders ? { id } : null,
  };
}

/**
 * Starts the section's reads for a request known so far only by its status (a row of the
 * request list), together with the request's own read, so they arrive together instead of
 * one after another once the detail has drawn. The status only guesses what the request
 * has; the section still asks for what it shows.
 */
export function startProcurementReads(cache: QueryCache, id: string, status: Status) {
  const reads = readsFor(
    id,
    status,
    { rfqs: quotesAsked.includes(status), orders: ordersPlaced.includes(status) },
    localDate(),
  );
  // The comparison first: it takes longest.
  if (reads.comparison !== null) startRead(cache, "purchase_comparison", reads.comparison);
  if (reads.vendors !== null) startRead(cache, "vendor_list", reads.vendors);
  if (reads.match !== null) startRead(cache, "purchase_match", reads.match);
}

const nextWords: Record<NextAction, MessageKey> = {
  rfq: "proc.next.rfq",
  quotes: "proc.next.quotes",
  order: "proc.next.order",
  receive: "proc.next.receive",
  complete: "proc.next.complete",
  done: "proc.next.done",
};

type Open =
  | { dialog: "rfq" }
  | { dialog: "quote"; vendor: { id: string; name: string } }
  | { dialog: "select" }
  | { dialog: "order" }
  | { dialog: "receive"; order: string }
  | { dialog: "invoice"; order: string }
  | { dialog: "complete" };

export function Procurement(props: { view: RequestView }) {
  const t = useT();
  const toast = useToast();
  const { view } = props;
  const { request } = view;
  const action = nextAction(view.status);
  const [open, setOpen] = useState<Open | null>(null);
  const hasQuotes = Object.keys(request.quotes).length > 0;
  const hasRfqs = Object.keys(request.rfqs).length > 0;
  const hasOrders = Object.keys(request.orders).length > 0;
  const today = localDate();
  const reads = procurementReads(view, today);
  const vendors = useCommand("vendor_list", reads.vendors);
  const comparison = useCommand("purchase_comparison", reads.comparison);
  const matches = useCommand("purchase_match", reads.match);
  if (action === null) return null;

  const vendorName = (id: string) =>
    vendors.data?.rows.find((vendor) => vendor.id === id)?.name ??
    comparison.data?.vendors.find((vendor) => vendor.vendor === id)?.name ??
    id;
  const exported = async (work: () => Promise<ExportResult>) => {
    try {
      const saved = await work();
      toast(t("proc.saved", { path: saved.path }), "success");
    } catch (error) {
      toast(describeError(t, error), "error");
    }
  };
  // Quotes are entered until a vendor is selected (the selection is made, and signed, on
  // the quotes as they are; core refuses a quote after it).
  const quoting = view.status === "quotes_requested";
  const receiving = action === "receive";
  const orders = Object.entries(request.orders).sort(([, a], [, b]) =>
    a.number.localeCompare(b.number),
  );
  const receivedOf = (orderKey: string) => {
    let accepted = 0;
    for (const receipt of Object.values(request.receipts)) {
      if (receipt.order !== orderKey) continue;
      for (const line of Object.values(receipt.lines)) accepted += line.accepted;
    }
    return accepted;
  };
  const receipts = Object.entries(request.receipts).sort(([, a], [, b]) => a.at_ms - b.at_ms);
  const assets = receipts.flatMap(([, receipt]) =>
    Object.values(receipt.lines).flatMap((line) =>
      line.assets.map((asset, index) => ({
        asset,
        serial: line.serials[index] ?? "",
        order: request.orders[receipt.order]?.number ?? "",
      })),
    ),
  );

  return (
    <section className="proc" data-testid="procurement" data-status={view.status}>
      <header className="proc-head">
        <h3 className="proc-title">{t("proc.title")}</h3>
      </header>
      <div className="proc-next" data-testid="proc-next" data-action={action}>
        <span className="proc-next-label">{t("proc.next")}</span>
        <span className="proc-next-text">{t(nextWords[action])}</span>
        <span className="proc-next-actions">
          {action === "rfq" && (
            <Button
              edits="records"
              variant="primary"
              onClick={() => setOpen({ dialog: "rfq" })}
              data-testid="proc-rfq-open"
            >
              {t("proc.rfq.open")}
            </Button>
          )}
          {action === "quotes" && (
            <>
              <Button
                edits="records"
                onClick={() => setOpen({ dialog: "rfq" })}
                data-testid="proc-rfq-more"
              >
                {t("proc.rfq.more")}
              </Button>
              <Button
                edits="records"
                variant="primary"
                disabled={!hasQuotes || comparison.data === undefined}
                onClick={() => setOpen({ dialog: "select" })}
                data-testid="proc-select-open"
              >
                {t("proc.select.open")}
              </Button>
            </>
          )}
          {action === "order" && (
            <>
              <Button
                edits="records"
                disabled={comparison.data === undefined}
                onClick={() => setOpen({ dialog: "select" })}
                data-testid="proc-select-change"
              >
                {t("proc.select.change")}
              </Button>
              <Button
                edits="records"
                variant="primary"
                onClick={() => setOpen({ dialog: "order" })}
                data-testid="proc-order-open"
              >
                {t("proc.order.open")}
              </Button>
            </>
          )}
          {(action === "complete" || view.status === "partly_received") && (
            <Button
              edits="records"
              variant={action === "complete" ? "primary" : "secondary"}
              onClick={() => setOpen({ dialog: "complete" })}
              data-testid="proc-complete-open"
            >
              {t("proc.complete.open")}
            </Button>
          )}
        </span>
      </div>

      {hasRfqs && (
        <div className="proc-block">
          <h4 className="proc-subtitle">{t("proc.rfq.asked")}</h4>
          <ul className="proc-rfqs" data-testid="proc-rfqs">
            {Object.entries(request.rfqs)
              .map(([id, rfq]) => ({ id, rfq, name: vendorName(id) }))
              .sort((a, b) => a.name.localeCompare(b.name))
              .map(({ id, rfq, name }) => {
                const quote = request.quotes[id];
                const quoted = quote !== undefined;
                return (
                  <li
                    key={id}
                    className="proc-rfq"
                    data-testid="proc-rfq"
                    data-vendor={name}
                    data-quoted={quoted ? "true" : "false"}
                  >
                    <span className="proc-vendor-name">{name}</span>
                    <span className="proc-muted">
                      {t("proc.rfq.replyByOn", { date: rfq.reply_by })}
                    </span>
                    <span className={`proc-flag ${quoted ? "is-ok" : ""}`}>
                      {t(quoted ? "proc.rfq.quoted" : "proc.rfq.waiting")}
                    </span>
                    {quote?.file !== null && quote?.file !== undefined && (
                      <FileLink sha={quote.file} name={quote.file_name} testId="proc-quote-file" />
                    )}
                    <span className="proc-row-actions">
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={<Icon name="printer" size={14} />}
                        aria-label={t("proc.rfq.pdfFor", { vendor: name })}
                        onClick={() =>
                          void exported(() =>
                            call("purchase_rfq_pdf", { id: request.id, vendor: id }),
                          )
                        }
                        data-testid="proc-rfq-pdf"
                      >
                        {t("proc.rfq.pdf")}
                      </Button>
                      {quoting && (
                        <Button
                          edits="records"
                          size="sm"
                          aria-label={t("proc.quote.enterFor", { vendor: name })}
                          onClick={() => setOpen({ dialog: "quote", vendor: { id, name } })}
                          data-testid="proc-quote-open"
                        >
                          {t("proc.quote.enter")}
                        </Button>
                      )}
                    </span>
                  </li>
                );
              })}
          </ul>
        </div>
      )}

      {hasRfqs && (
        <div className="proc-block">
          <div className="proc-block-head">
            <h4 className="proc-subtitle">{t("proc.cmp.title")}</h4>
            {hasQuotes && (
              <span className="proc-row-actions">
                <span className="proc-muted">{t("proc.cmp.keys")}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  icon={<Icon name="printer" size={14} />}
                  onClick={() =>
                    void exported(() => call("purchase_comparison_pdf", { id: request.id, today }))
                  }
                  data-testid="proc-cmp-pdf"
                >
                  {t("proc.cmp.pdf")}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  icon={<Icon name="download" size={14} />}
                  onClick={() =>
                    void exported(() => call("purchase_comparison_csv", { id: request.id, today }))
                  }
                  data-testid="proc-cmp-csv"
                >
                  {t("proc.cmp.csv")}
                </Button>
              </span>
            )}
          </div>
          {!hasQuotes ? (
            <p className="proc-muted" data-testid="proc-cmp-empty">
              {t("proc.cmp.empty")}
            </p>
          ) : comparison.data !== undefined ? (
            <>
              <ComparisonGrid comparison={comparison.data} />
              {comparison.data.selection_reason !== "" && (
                <p className="proc-muted" data-testid="proc-selection-reason">
                  {t("proc.cmp.reason", { reason: comparison.data.selection_reason })}
                </p>
              )}
            </>
          ) : comparison.error !== undefined ? (
            <p className="field-error" role="alert">
              {describeError(t, comparison.error)}
            </p>
          ) : null}
        </div>
      )}

      {hasOrders && (
        <div className="proc-block">
          <h4 className="proc-subtitle">{t("proc.order.list")}</h4>
          <ul className="proc-orders" data-testid="proc-orders">
            {orders.map(([key, order]) => {
              const ordered = Object.values(order.lines).reduce(
                (sum, line) => sum + line.quantity,
                0,
              );
              const accepted = receivedOf(key);
              return (
                <li
                  key={key}
                  className="proc-order"
                  data-testid="proc-order"
                  data-order={order.number}
                >
                  <span className="mono proc-vendor-name">{order.number}</span>
                  <span>{vendorName(order.vendor)}</span>
                  <span className="proc-muted">
                    {t("proc.order.orderedOnAt", { date: order.ordered_on })}
                  </span>
                  <span className="proc-muted" data-testid="proc-order-received">
                    {t("proc.order.received", { accepted, ordered })}
                  </span>
                  <span className="proc-row-actions">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<Icon name="printer" size={14} />}
                      aria-label={t("proc.order.pdfFor", { number: order.number })}
                      onClick={() =>
                        void exported(() =>
                          call("purchase_order_pdf", { id: request.id, order: key }),
                        )
                      }
                      data-testid="proc-order-pdf"
                    >
                      {t("proc.order.pdf")}
                    </Button>
                    <Button
                      edits="records"
                      size="sm"
                      onClick={() => setOpen({ dialog: "invoice", order: key })}
                      data-testid="proc-invoice-open"
                    >
                      {t("proc.invoice.open")}
                    </Button>
                    {receiving && accepted < ordered && (
                      <Button
                        edits="records"
                        size="sm"
                        variant="primary"
                        aria-label={t("proc.receive.openFor", { number: order.number })}
                        onClick={() => setOpen({ dialog: "receive", order: key })}
                        data-testid="proc-receive-open"
                      >
                        {t("proc.receive.open")}
                      </Button>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {assets.length > 0 && (
        <div className="proc-block">
          <h4 className="proc-subtitle">{t("proc.receive.assets")}</h4>
          <ul className="proc-assets" data-testid="proc-assets">
            {assets.map(({ asset, serial, order }) => (
              <li key={asset} data-testid="proc-asset" data-serial={serial}>
                <RecordLink record={`asset/${asset}`}>
                  <span className="mono">{serial}</span>
                </RecordLink>
                <span className="proc-muted mono">{order}</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {hasOrders && matches.data !== undefined && matches.data.length > 0 && (
        <div className="proc-block">
          <h4 className="proc-subtitle">{t("proc.match.title")}</h4>
          <MatchTable matches={matches.data} vendorName={vendorName} />
        </div>
      )}

      {open?.dialog === "rfq" && <RfqDialog view={view} onClose={() => setOpen(null)} />}
      {open?.dialog === "quote" && (
        <QuoteDialog view={view} vendor={open.vendor} onClose={() => setOpen(null)} />
      )}
      {open?.dialog === "select" && comparison.data !== undefined && (
        <SelectDialog comparison={comparison.data} onClose={() => setOpen(null)} />
      )}
      {open?.dialog === "order" && (
        <OrderDialog view={view} vendorName={vendorName} onClose={() => setOpen(null)} />
      )}
      {open?.dialog === "receive" && (
        <ReceiveDialog view={view} order={open.order} onClose={() => setOpen(null)} />
      )}
      {open?.dialog === "invoice" && request.orders[open.order] !== undefined && (
        <InvoiceDialog
          request={request.id}
          orderKey={open.order}
          order={request.orders[open.order]!}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.dialog === "complete" && <CompleteDialog view={view} onClose={() => setOpen(null)} />}
    </section>
  );
}
