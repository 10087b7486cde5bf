// The register/edit form's values: one string per field, turned into the AssetInput the Rust
// side validates. Registering sends every filled field; editing sends only what changed
// (an omitted field stays as it is, "" clears it).
import type { Asset, AssetField, AssetInput } from "./dto";
import { assetFields } from "./dto";
import { formatAmount } from "./format";

export type FormValues = Record<AssetField, string>;

export function blankValues(): FormValues {
  const values = Object.fromEntries(assetFields.map((field) => [field, ""])) as FormValues;
  values.asset_type = "server";
  values.status = "in_stock";
  values.currency = "KRW";
  return values;
}

/** The form values that show `asset` as it is. */
export function valuesFromAsset(asset: Asset): FormValues {
  return {
    asset_tag: asset.asset_tag,
    asset_type: asset.asset_type,
    manufacturer: asset.manufacturer,
    model: asset.model,
    serial: asset.serial,
    purchase_date: asset.purchase_date ?? "",
    cost: asset.cost === null ? "" : formatAmount(asset.cost, "en"),
    currency: asset.cost?.currency ?? "KRW",
    warranty_end: asset.warranty_end ?? "",
    status: asset.status,
    site: asset.location.site,
    room: asset.location.room,
    row: asset.location.row,
    rack: asset.location.rack,
    unit: asset.location.unit === null ? "" : String(asset.location.unit),
    owner: asset.owner,
    notes: asset.notes,
    tags: asset.tags.join(", "),
  };
}

/**
 * The currency select always shows a currency, but a currency without a cost is refused by
 * the Rust side: with no cost, the form sends no currency.
 */
function effectiveValue(values: FormValues, field: AssetField): string {
  if (field === "currency" && values.cost.trim() === "") return "";
  return field === "notes" ? values.notes : values[field].trim();
}

export function inputForRegister(values: FormValues): AssetInput {
  const input: AssetInput = {};
  for (const field of assetFields) {
    const value = effectiveValue(values, field);
    if (value !== "") input[field] = value;
  }
  return input;
}

/** Only the fields that differ from `original`; cost and currency travel together. */
export function inputForEdit(original: FormValues, values: FormValues): AssetInput {
  const input: AssetInput = {};
  for (const field of assetFields) {
    const before = effectiveValue(original, field);
    const after = effectiveValue(values, field);
    if (before !== after) input[field] = after;
  }
  if (input.cost !== undefined || input.currency !== undefined) {
    input.cost = effectiveValue(values, "cost");
    input.currency = effectiveValue(values, "currency");
  }
  return input;
}
