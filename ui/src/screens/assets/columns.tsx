// The asset list's columns for the shared <DataGrid>; each sorts by the AssetField named by its
// `sortKey`.
import { StatusBadge } from "../../components/Badge";
import type { GridColumn } from "../../components/DataGrid";
import type { AssetField, AssetRow } from "../../lib/dto";
import { formatLocation, formatMoney } from "../../lib/format";

/** Every row of the asset list has this height (the grid places rows by it). */
export const assetRowHeight = 34;

/** The list's columns, in order. Spare width goes to the text-heavy columns; below the sum of
 * the minimum widths the table scrolls sideways. */
export const assetColumns: readonly GridColumn<AssetRow, AssetField>[] = [
  {
    id: "asset_tag",
    sortKey: "asset_tag",
    header: "field.asset_tag",
    width: 140,
    className: "tabular",
    cell: (row) => row.asset.asset_tag,
  },
  {
    id: "asset_type",
    sortKey: "asset_type",
    header: "field.asset_type",
    width: 92,
    cell: (row, t) => t(`assetType.${row.asset.asset_type}`),
  },
  {
    id: "status",
    sortKey: "status",
    header: "field.status",
    width: 104,
    cell: (row) => <StatusBadge status={row.asset.status} />,
  },
  {
    id: "manufacturer",
    sortKey: "manufacturer",
    header: "field.manufacturer",
    width: 112,
    grow: 1,
    cell: (row) => row.asset.manufacturer,
  },
  {
    id: "model",
    sortKey: "model",
    header: "field.model",
    width: 150,
    grow: 2,
    cell: (row) => row.asset.model,
  },
  {
    id: "serial",
    sortKey: "serial",
    header: "field.serial",
    width: 118,
    className: "tabular",
    cell: (row) => row.asset.serial,
  },
  {
    id: "location",
    sortKey: "site",
    header: "assets.location",
    width: 210,
    grow: 3,
    cell: (row) => formatLocation(row.asset.location),
  },
  {
    id: "owner",
    sortKey: "owner",
    header: "field.owner",
    width: 96,
    grow: 1,
    cell: (row) => row.asset.owner,
  },
  {
    id: "purchase_date",
    sortKey: "purchase_date",
    header: "field.purchase_date",
    width: 116,
    className: "tabular",
    cell: (row) => row.asset.purchase_date ?? "",
  },
  {
    id: "warranty_end",
    sortKey: "warranty_end",
    header: "field.warranty_end",
    width: 116,
    className: "tabular",
    cell: (row) => row.asset.warranty_end ?? "",
  },
  {
    id: "cost",
    sortKey: "cost",
    header: "field.cost",
    width: 140,
    align: "end",
    className: "tabular",
    cell: (row, _t, language) => formatMoney(row.asset.cost, language),
  },
];
