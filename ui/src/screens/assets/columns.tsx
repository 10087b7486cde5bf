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
  width: number;
  align?: "end";
  mono?: boolean;
  render: (row: AssetRow, t: Translate, language: Language) => ReactNode;
}

/** The list's columns, in order. Widths are pixels; the table scrolls sideways if narrow. */
export const columns: readonly Column[] = [
  { id: "asset_tag", sortField: "asset_tag", label: "field.asset_tag", width: 150, mono: true, render: (row) => row.asset.asset_tag },
  { id: "asset_type", sortField: "asset_type", label: "field.asset_type", width: 104, render: (row, t) => t(`assetType.${row.asset.asset_type}`) },
  { id: "status", sortField: "status", label: "field.status", width: 112, render: (row) => <StatusBadge status={row.asset.status} /> },
  { id: "manufacturer", sortField: "manufacturer", label: "field.manufacturer", width: 120, render: (row) => row.asset.manufacturer },
  { id: "model", sortField: "model", label: "field.model", width: 170, render: (row) => row.asset.model },
  { id: "serial", sortField: "serial", label: "field.serial", width: 140, mono: true, render: (row) => row.asset.serial },
  { id: "location", sortField: "site", label: "assets.location", width: 250, render: (row) => formatLocation(row.asset.location) },
  { id: "owner", sortField: "owner", label: "field.owner", width: 96, render: (row) => row.asset.owner },
  { id: "purchase_date", sortField: "purchase_date", label: "field.purchase_date", width: 108, mono: true, render: (row) => row.asset.purchase_date ?? "" },
  { id: "warranty_end", sortField: "warranty_end", label: "field.warranty_end", width: 112, mono: true, render: (row) => row.asset.warranty_end ?? "" },
  { id: "cost", sortField: "cost", label: "field.cost", width: 150, align: "end", mono: true, render: (row, _t, language) => formatMoney(row.asset.cost, language) },
];

export const gridTemplate = columns.map((column) => `${column.width}px`).join(" ");
export const tableWidth = columns.reduce((sum, column) => sum + column.width, 0);
