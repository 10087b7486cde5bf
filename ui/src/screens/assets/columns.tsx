import type { ReactNode } from "react";
import { StatusBadge } from "../../components/Badge";
import type { Language, MessageKey, Translate } from "../../i18n";
import type { AssetField, AssetRow } from "../../lib/dto";
import { formatLocation, formatMoney } from "../../lib/format";

export interface Column {
  id: string;
  /** The field the header sorts by. */
  sortField: AssetField;
  label: MessageKey;
  /** Minimum width in pixels. */
  width: number;
  /** Share of any spare width (fr); columns without it keep their width. */
  grow?: number;
  align?: "end";
  mono?: boolean;
  render: (row: AssetRow, t: Translate, language: Language) => ReactNode;
}

/** The list's columns, in order. Spare width goes to the text-heavy columns; below the sum of
 * the minimum widths the table scrolls sideways. */
export const columns: readonly Column[] = [
  {
    id: "asset_tag",
    sortField: "asset_tag",
    label: "field.asset_tag",
    width: 140,
    mono: true,
    render: (row) => row.asset.asset_tag,
  },
  {
    id: "asset_type",
    sortField: "asset_type",
    label: "field.asset_type",
    width: 92,
    render: (row, t) => t(`assetType.${row.asset.asset_type}`),
  },
  {
    id: "status",
    sortField: "status",
    label: "field.status",
    width: 104,
    render: (row) => <StatusBadge status={row.asset.status} />,
  },
  {
    id: "manufacturer",
    sortField: "manufacturer",
    label: "field.manufacturer",
    width: 112,
    grow: 1,
    render: (row) => row.asset.manufacturer,
  },
  {
    id: "model",
    sortField: "model",
    label: "field.model",
    width: 150,
    grow: 2,
    render: (row) => row.asset.model,
  },
  {
    id: "serial",
    sortField: "serial",
    label: "field.serial",
    width: 118,
    mono: true,
    render: (row) => row.asset.serial,
  },
  {
    id: "location",
    sortField: "site",
    label: "assets.location",
    width: 210,
    grow: 3,
    render: (row) => formatLocation(row.asset.location),
  },
  {
    id: "owner",
    sortField: "owner",
    label: "field.owner",
    width: 96,
    grow: 1,
    render: (row) => row.asset.owner,
  },
  {
    id: "purchase_date",
    sortField: "purchase_date",
    label: "field.purchase_date",
    width: 100,
    mono: true,
    render: (row) => row.asset.purchase_date ?? "",
  },
  {
    id: "warranty_end",
    sortField: "warranty_end",
    label: "field.warranty_end",
    width: 104,
    mono: true,
    render: (row) => row.asset.warranty_end ?? "",
  },
  {
    id: "cost",
    sortField: "cost",
    label: "field.cost",
    width: 140,
    align: "end",
    mono: true,
    render: (row, _t, language) => formatMoney(row.asset.cost, language),
  },
];

export const gridTemplate = columns
  .map((column) =>
    column.grow === undefined ? `${column.width}px` : `minmax(${column.width}px, ${column.grow}fr)`,
  )
  .join(" ");
/** The narrowest the table gets before it scrolls sideways. */
export const tableMinWidth = columns.reduce((sum, column) => sum + column.width, 0);
