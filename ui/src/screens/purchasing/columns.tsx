// The vendor and request lists' columns for the shared <DataGrid>.
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
