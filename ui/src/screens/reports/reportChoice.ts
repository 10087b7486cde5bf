// What the Reports screen asks for: the report kinds in menu order, the warranty window typed
// as text, and the local date reports count from. Kept apart from the screen so it is tested
// on its own.
import type { ReportKind } from "../../bindings/ReportKind";
import type { MessageKey } from "../../i18n";

export type ReportCode = ReportKind["kind"];

/** The kinds in the order the menu lists them, with their label and description. */
export const reportCodes: readonly ReportCode[] = [
  "inventory",
  "by_status",
  "by_type",
  "by_location",
  "by_owner",
  "by_age",
  "warranty_expiring",
  "maintenance_cost_by_asset",
  "maintenance_cost_by_type",
  "disposal_rate",
  "audit_accuracy",
];

export function kindLabel(code: ReportCode): MessageKey {
  return `reports.kind.${code}` as MessageKey;
}

export function kindDescription(code: ReportCode): MessageKey {
  return `reports.about.${code}` as MessageKey;
}

/** The longest warranty window the core accepts (a hundred years). */
export const maxWindowDays = 36_500;
export const defaultWindowDays = 90;

/** The window typed in the days field, or why it cannot be used. */
export type DaysInput = { ok: true; days: number } | { ok: false; reason: MessageKey };

export function parseDays(text: string): DaysInput {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return { ok: false, reason: "reports.days.empty" };
  if (!/^\d+$/.test(trimmed)) return { ok: false, reason: "reports.days.notNumber" };
  const days = Number(trimmed);
  if (days > maxWindowDays) return { ok: false, reason: "reports.days.tooMany" };
  return { ok: true, days };
}

/** The report to ask Rust for; `null` while the warranty window is not a usable number. */
export function reportKind(code: ReportCode, days: DaysInput): ReportKind | null {
  if (code !== "warranty_expiring") return { kind: code };
  return days.ok ? { kind: code, days: days.days } : null;
}

/** The user's local date as `YYYY-MM-DD`: reports count ages and days left from it. */
export { localDate } from "../../lib/format";
