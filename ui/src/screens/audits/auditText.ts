// Words and small arithmetic the audit screens share: outcome names, what a scan answered,
// progress, and the correction a discrepancy asks for.
import type { AuditCounts } from "../../bindings/AuditCounts";
import type { Correction } from "../../bindings/Correction";
import type { CorrectionRefusal } from "../../bindings/CorrectionRefusal";
import type { Discrepancy } from "../../bindings/Discrepancy";
import type { Location } from "../../bindings/Location";
import type { Outcome } from "../../bindings/Outcome";
import type { ScanAnswer } from "../../bindings/ScanAnswer";
import type { Translate } from "../../i18n";
import { exhaustive } from "../../lib/dto";
import { problemText } from "../racks/rackText";

export const outcomes = exhaustive<Outcome>()([
  "found",
  "missing",
  "found_elsewhere",
  "wrong_status",
  "unexpected",
]);

export function outcomeText(t: Translate, outcome: Outcome): string {
  return t(`audit.outcome.${outcome}`);
}

/** The tone a mark or an answer is shown in. */
export function outcomeTone(outcome: Outcome | null | undefined): "ok" | "warn" | "bad" | "none" {
  if (outcome === null || outcome === undefined) return "none";
  if (outcome === "found") return "ok";
  if (outcome === "missing") return "bad";
  return "warn";
}

export function placeText(location: Location | null | undefined): string {
  if (location === null || location === undefined) return "";
  const parts = [location.room, location.rack].filter((part) => part !== "");
  if (location.unit !== null) parts.push(`U${location.unit}`);
  return parts.join(" / ");
}

/** One line saying what a scan found, in the words the auditor reads at arm's length. */
export function scanAnswerText(t: Translate, answer: ScanAnswer): string {
  switch (answer.result) {
    case "found":
      return t("audit.scan.found", { tag: answer.tag, place: placeText(answer.recorded) });
    case "already_marked":
      return t("audit.scan.already", {
        tag: answer.tag,
        outcome: answer.outcome === null ? "" : outcomeText(t, answer.outcome),
      });
    case "not_expected":
      return t("audit.scan.notExpected", { tag: answer.tag, place: placeText(answer.recorded) });
    case "unknown":
      return t("audit.scan.unknown", { code: answer.code });
  }
}

export function scanTone(answer: ScanAnswer): "ok" | "warn" | "bad" {
  if (answer.result === "found") return "ok";
  if (answer.result === "unknown") return "bad";
  return "warn";
}

/** Checked / expected as a whole percentage (0 for an empty audit). */
export function progressPercent(counts: AuditCounts): number {
  if (counts.expected === 0) return 0;
  return Math.min(100, Math.floor((counts.checked * 100) / counts.expected));
}

export function correctionText(t: Translate, correction: Correction): string {
  switch (correction.action) {
    case "set_status":
      return t("audit.correction.status", { status: t(`status.${correction.status}`) });
    case "set_location":
      return t("audit.correction.location", { place: placeText(correction.location) });
    case "none":
      return t("audit.correction.none");
  }
}

/** The discrepancies a click on "apply" would write: chosen, not yet applied, with a change. */
export function applicable(list: readonly Discrepancy[], chosen: ReadonlySet<string>): string[] {
  return list
    .filter(
      (d) =>
        d.asset !== "" &&
        d.applied === null &&
        d.correction.action !== "none" &&
        chosen.has(d.asset),
    )
    .map((d) => d.asset);
}

/** Why the records refused a correction: the rack rules in the rack screens' words, else the
 * store's own message (a gone asset or rack, a failed write). */
export function refusalText(t: Translate, reason: CorrectionRefusal): string {
  switch (reason.code) {
    case "placement":
      return reason.problems.map((problem) => problemText(t, problem)).join(", ");
    case "failed":
      return t("audit.apply.failedWrite", { message: reason.message });
  }
}
