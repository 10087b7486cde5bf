// The vendor and request lists' columns, and a request's lines', for the shared <DataGrid>.
import type { RequestLine } from "../../bindings/RequestLine";
import type { RequestRow } from "../../bindings/RequestRow";
import type { Vendor } from "../../bindings/Vendor";
import type { GridColumn } from "../../components/DataGrid";
import { formatCount, formatMoney } from "../../lib/format";

/** Every row of the vendor list has this height (the grid places rows by it). */
export const vendorRowHeight = 36;

export const vendorColumns: readonly GridColumn<Vendor>[] = [
  {
    id: "name",
    header: "vendor.col.name",
    width: 180,
    grow: 1.4,
    cellTestId: "vendor-name",
    cell: (row) => <span className="cell-text">{row.name}</span>,
  },
  {
    id: "number",
    header: "vendor.col.number",
    width: 130,
    className: "mono",
    cell: (row) => row.business_number,
  },
  {
    id: "categories",
    header: "vendor.col.categories",
    width: 160,
    grow: 1,
    cell: (row) => <span className="cell-text">{row.categories.join(", ")}</span>,
  },
  {
    id: "contacts",
    header: "vendor.col.contacts",
    width: 72,
    align: "end",
    className: "tabular",
    cell: (row, t, language) =>
      t("vendor.contactsCount", {
        count: formatCount(Object.keys(row.contacts).length, language),
      }),
  },
  {
    id: "files",
    header: "vendor.col.files",
    width: 64,
    align: "end",
    className: "tabular",
    cell: (row, t, language) =>
      t("vendor.filesCount", { count: formatCount(Object.keys(row.files).length, language) }),
  },
];

/** Every row of the request list has this height. */
export const requestRowHeight = 36;

export const requestColumns: readonly GridColumn<RequestRow>[] = [
  {
    id: "number",
    header: "request.col.number",
    width: 150,
    className: "mono",
    cellTestId: "request-number",
    cell: (row) => row.number,
  },
  {
    id: "title",
    header: "request.col.title",
    width: 180,
    grow: 1.5,
    cell: (row) => <span className="cell-text">{row.title}</span>,
  },
  {
    id: "requester",
    header: "request.col.requester",
    width: 90,
    cell: (row) => <span className="cell-text">{row.requester}</span>,
  },
  {
    id: "status",
    header: "request.col.status",
    width: 96,
    cellTestId: "request-status",
    cell: (row, t) => (
      <span className={`request-status is-${row.status}`}>{t(`request.status.${row.status}`)}</span>
    ),
  },
  {
    id: "total",
    header: "request.col.total",
    width: 130,
    align: "end",
    className: "tabular",
    cell: (row, _t, language) =>
      formatMoney({ amount_minor: row.total_krw, currency: "KRW" }, language),
  },
  {
    id: "needed",
    header: "request.col.neededBy",
    width: 96,
    className: "tabular",
    cell: (row) => row.needed_by,
  },
];

/** The request list beside an open request: what names it, what it is and where it stands,
 * so list and detail fit a 1280-pixel window without the list scrolling sideways (the
 * requester, estimate and date are in the detail). The title gives way (its whole text is
 * its tooltip and the detail's heading); the status keeps room for "Changes requested". */
const besideDetailWidths: Record<string, number> = { title: 100, status: 140 };
export const requestColumnsBesideDetail: readonly GridColumn<RequestRow>[] = requestColumns
  .filter((column) => ["number", "title", "status"].includes(column.id))
  .map((column) => ({ ...column, width: besideDetailWidths[column.id] ?? column.width }));

/** A request's line, with the key it is kept under. */
export type KeyedLine = RequestLine & { key: string };

/** Every row of a request's lines has this height. */
export const lineRowHeight = 36;

/** A request's lines in its detail: what, how many and at what price first (they fit the
 * narrow detail), then the kind and the maker's part. */
export const lineColumns: readonly GridColumn<KeyedLine>[] = [
  {
    id: "description",
    header: "request.line.description",
    width: 150,
    grow: 2,
    cellTestId: "request-line-description",
    cell: (line) => <span className="cell-text">{line.description}</span>,
  },
  {
    id: "quantity",
    header: "request.line.quantity",
    width: 64,
    align: "end",
    className: "tabular",
    cell: (line, _t, language) =>
      `${formatCount(line.quantity, language)}${line.unit === "" ? "" : ` ${line.unit}`}`,
  },
  {
    id: "price",
    header: "request.line.unit_price",
    width: 150,
    align: "end",
    className: "tabular",
    cell: (line, _t, language) =>
      formatMoney({ amount_minor: line.unit_price_minor, currency: line.currency }, language),
  },
  {
    id: "kind",
    header: "request.line.kind",
    width: 96,
    cell: (line, t) => t(`request.kind.${line.kind}`),
  },
  {
    id: "part",
    header: "request.line.part_number",
    width: 130,
    grow: 1,
    cell: (line) => (
      <span className="cell-text">
        {[line.manufacturer, line.part_number].filter((part) => part !== "").join(" ")}
      </span>
    ),
  },
];
