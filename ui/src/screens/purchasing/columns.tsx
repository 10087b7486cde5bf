// The vendor list's columns for the shared <DataGrid>.
import type { Vendor } from "../../bindings/Vendor";
import type { GridColumn } from "../../components/DataGrid";
import { formatCount } from "../../lib/format";

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
