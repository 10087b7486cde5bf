// The Rust DTOs the UI works with, re-exported from the generated bindings in one place, plus
// the runtime lists of their enum codes (ts-rs generates types only). The `satisfies` checks
// make a code added on the Rust side fail the UI build until it is listed here.
import type { AssetField } from "../bindings/AssetField";
import type { AssetStatus } from "../bindings/AssetStatus";
import type { AssetType } from "../bindings/AssetType";
import type { Currency } from "../bindings/Currency";
import type { FieldErrorCode } from "../bindings/FieldErrorCode";
import type { Translate } from "../i18n";

export type { AppState } from "../bindings/AppState";
export type { Asset } from "../bindings/Asset";
export type { AssetFilter } from "../bindings/AssetFilter";
export type { AssetInput } from "../bindings/AssetInput";
export type { AssetPage } from "../bindings/AssetPage";
export type { AssetQuery } from "../bindings/AssetQuery";
export type { AssetRow } from "../bindings/AssetRow";
export type { AssetSort } from "../bindings/AssetSort";
export type { Author } from "../bindings/Author";
export type { FieldChange } from "../bindings/FieldChange";
export type { Problem } from "../bindings/Problem";
export type { HistoryEntry } from "../bindings/HistoryEntry";
export type { CsvFileError } from "../bindings/CsvFileError";
export type { ImportPreview } from "../bindings/ImportPreview";
export type { ImportRow } from "../bindings/ImportRow";
export type { Money } from "../bindings/Money";
export type { ExportResult } from "../bindings/ExportResult";
export type { WorkspaceMeta } from "../bindings/WorkspaceMeta";
export type { WorkspaceSummary } from "../bindings/WorkspaceSummary";
export type { AssetField, AssetStatus, AssetType, Currency, FieldErrorCode };

/** A list that must name every member of the union `T` exactly once (checked at compile time). */
type Exhaustive<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : never;
export function exhaustive<T extends string>() {
  return <const L extends readonly T[]>(list: Exhaustive<T, L>): L => list;
}

/** Every asset field in form and CSV order (the order of `AssetField::ALL` in Rust). */
export const assetFields = exhaustive<AssetField>()([
  "asset_tag",
  "asset_type",
  "manufacturer",
  "model",
  "serial",
  "purchase_date",
  "cost",
  "currency",
  "warranty_end",
  "status",
  "site",
  "room",
  "row",
  "rack",
  "unit",
  "owner",
  "notes",
  "tags",
]);

/** An asset field's label in the user's language; any other field name as it is. */
export function fieldLabel(t: Translate, field: string): string {
  return (assetFields as readonly string[]).includes(field)
    ? t(`field.${field as AssetField}`)
    : field;
}

export const assetTypes = exhaustive<AssetType>()([
  "server",
  "storage",
  "switch",
  "router",
  "firewall",
  "pdu",
  "patch_panel",
  "other",
]);

export const assetStatuses = exhaustive<AssetStatus>()([
  "in_stock",
  "in_use",
  "maintenance",
  "retiring",
  "disposed",
  "missing",
]);

export const currencies = exhaustive<Currency>()(["KRW", "USD", "EUR", "JPY", "CNY"]);

export const fieldErrorCodes = exhaustive<FieldErrorCode>()([
  "required",
  "too_long",
  "invalid_date",
  "invalid_number",
  "negative_cost",
  "unknown_type",
  "unknown_status",
  "unknown_currency",
  "currency_without_cost",
  "unit_out_of_range",
  "warranty_before_purchase",
  "duplicate_asset_tag",
  "disposal_needs_record",
]);

/** The operations a history entry can record (`HistoryEntry.op`). */
export const historyOps = [
  "register",
  "edit",
  "import",
  "demo",
  "migrate",
  "attach",
  "resolve",
  "assign",
  "return",
  "maintain",
  "maintenance-start",
  "maintenance-finish",
  "dispose-request",
  "dispose-approve",
  "dispose-reject",
  "dispose-wipe",
  "dispose",
  "audit",
  "bulk-edit",
  "undo",
] as const;
export type HistoryOp = (typeof historyOps)[number];

/** How a field is edited and filtered. */
export type FieldKind = "enum" | "date" | "number" | "text" | "longtext";

export function fieldKind(field: AssetField): FieldKind {
  switch (field) {
    case "asset_type":
    case "status":
    case "currency":
      return "enum";
    case "purchase_date":
    case "warranty_end":
      return "date";
    case "cost":
    case "unit":
      return "number";
    case "notes":
      return "longtext";
    default:
      return "text";
  }
}

/** The codes an enumerated field accepts. */
export function enumCodes(field: AssetField): readonly string[] {
  if (field === "asset_type") return assetTypes;
  if (field === "status") return assetStatuses;
  if (field === "currency") return currencies;
  return [];
}
