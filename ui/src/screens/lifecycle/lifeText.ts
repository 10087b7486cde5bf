// The words and small rules of an asset's life in the UI: the vocabularies (with runtime
// lists checked against the generated types), today's local date, refusals split into the
// lines under each field and the lines about the asset as a whole, and alert texts.
import type { Alert } from "../../bindings/Alert";
import type { Condition } from "../../bindings/Condition";
import type { DisposalStage } from "../../bindings/DisposalStage";
import type { Every } from "../../bindings/Every";
import type { LifeCode } from "../../bindings/LifeCode";
import type { MaintenanceKind } from "../../bindings/MaintenanceKind";
import type { WipeMethod } from "../../bindings/WipeMethod";
import type { MessageKey, Translate } from "../../i18n";
import { ko } from "../../i18n/catalogue";

type Exhaustive<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : never;
function exhaustive<T extends string>() {
  return <const L extends readonly T[]>(list: Exhaustive<T, L>): L => list;
}

export const conditions = exhaustive<Condition>()(["good", "worn", "damaged", "broken"]);
export const maintenanceKinds = exhaustive<MaintenanceKind>()([
  "preventive",
  "repair",
  "upgrade",
  "inspection",
]);
export const wipeMethods = exhaustive<WipeMethod>()(["clear", "purge", "destroy"]);
export const disposalStages = exhaustive<DisposalStage>()([
  "requested",
  "approved",
  "rejected",
  "wiped",
  "disposed",
]);
export const everyUnits = exhaustive<Every>()(["days", "weeks", "months", "years"]);
/** Every alert kind the areas raise (`alertKind.{kind}` words it). */
export const alertKinds = [
  "return_overdue",
  "maintenance_due",
  "maintenance_overdue",
  "audit_overdue",
  "test_failed",
  "power_over_capacity",
  "no_failover",
  "leg_over_capacity",
  "legs_unbalanced",
  "over_weight",
  "cooling_over_capacity",
  "approval_waiting",
  "request_copied",
  "request_submitted",
  "request_in_review",
  "request_changes_requested",
  "request_approved",
  "request_rejected",
  "request_quotes_requested",
  "request_vendor_selected",
  "request_ordered",
  "request_partly_received",
  "request_received",
  "request_completed",
  "request_cancelled",
] as const;

/** What an alert is, in words; an unknown kind (a newer app's) as its code. */
export function alertKindText(t: Translate, alert: Alert): string {
  const key = `alertKind.${alert.kind}`;
  return key in ko ? t(key as MessageKey) : alert.kind;
}

/** The numbers an alert carries (a rack's draw and capacity), as `name value` pairs. */
export function alertValues(alert: Alert): string {
  return Object.entries(alert.values)
    .filter(([name]) => name !== "at_ms")
    .map(([name, value]) => `${name.replace(/_/g, " ")} ${value}`)
    .join(" · ");
}
export const lifeCodes = exhaustive<LifeCode>()([
  "required",
  "invalid_date",
  "invalid_number",
  "unknown_value",
  "before_start",
  "already_assigned",
  "not_assigned",
  "under_maintenance",
  "not_under_maintenance",
  "disposed",
  "disposal_underway",
  "no_disposal_request",
  "not_approved",
  "same_person",
  "wipe_required",
  "assigned",
  "signature_required",
  "not_entitled",
  "no_roster",
  "not_a_member",
  "key_not_registered",
  "key_revoked",
]);

/** The user's local date as `YYYY-MM-DD` (what core calls "today"). */
export { localDate } from "../../lib/format";

/** A lifecycle form's label for a field a problem names (`lifeField.{field}`). */
export function lifeFieldLabel(t: Translate, field: string): string | undefined {
  const key = `lifeField.${field}`;
  return key in ko ? t(key as MessageKey) : undefined;
}

/** "3일 지남", "오늘까지", "5일 남음". */
export function alertWhen(t: Translate, alert: Alert): string {
  if (alert.due === null) return "";
  if (alert.days_overdue > 0) return t("alerts.daysOverdue", { days: alert.days_overdue });
  if (alert.days_overdue === 0) return t("alerts.dueToday");
  return t("alerts.daysLeft", { days: -alert.days_overdue });
}

/** One line for an alert: what, about what, and when. */
export function alertLine(t: Translate, alert: Alert): string {
  const what = alertKindText(t, alert);
  const about = [alert.title, alert.subject].filter((part) => part !== "").join(" · ");
  const when = alertWhen(t, alert);
  return when === "" ? `${what}: ${about}` : `${what}: ${about} (${when})`;
}

/** The text of a desktop notification for alerts not notified before; `null` for none. */
export function notificationText(
  t: Translate,
  alerts: readonly Alert[],
): { title: string; body: string } | null {
  if (alerts.length === 0) return null;
  const shown = alerts.slice(0, 5).map((alert) => alertLine(t, alert));
  if (alerts.length > shown.length) shown.push("…");
  return { title: t("alerts.notifyTitle", { count: alerts.length }), body: shown.join("\n") };
}

/**
 * Whether a decided request is decided again: approved or rejected, nothing wiped yet, and its
 * decision does not hold by this device's roster (core decides the same; see
 * `lifecycle::rules::needs_deciding_again`).
 */
export function decidesAgain(
  stage: DisposalStage | null,
  wiped: boolean,
  verdict: string | undefined,
): boolean {
  return (
    (stage === "approved" || stage === "rejected") &&
    !wiped &&
    verdict !== undefined &&
    !["valid", "unsigned_local", "no_roster", "roster_tampered"].includes(verdict)
  );
}

/** Which disposal steps can be taken from a stage (`null`: none begun, or one rejected). */
export function disposalActions(
  stage: DisposalStage | null,
  holdsData: boolean,
): ("request" | "decide" | "wipe" | "complete")[] {
  switch (stage) {
    case null:
    case "rejected":
      return ["request"];
    case "requested":
      return ["decide"];
    case "approved":
      return holdsData ? ["wipe"] : ["wipe", "complete"];
    case "wiped":
      return ["wipe", "complete"];
    case "disposed":
      return [];
  }
}
