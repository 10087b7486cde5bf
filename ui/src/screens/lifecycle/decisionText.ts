// The words of a signed decision as this device judges it (`DecisionCheck`, from core's
// lifecycle::verify): what was decided, who signed it, and for anything but a valid signature,
// what is wrong and what to do. The lifecycle section and the findings inbox both use them.
import type { DecisionCheck } from "../../bindings/DecisionCheck";
import type { Language, MessageKey, Translate } from "../../i18n";
import { ko } from "../../i18n/catalogue";
import { formatDateTime } from "../../lib/format";

/** The decisions a signature covers (`decisionAction.{action}` words each). */
export const decisionActions = ["approve_disposal", "reject_disposal", "verify_wipe"] as const;

/**
 * Every verdict core gives (`decisionVerdict.{verdict}` words each but `valid`, which is a ✓,
 * and `unsigned_local`, which shows nothing: a workspace with no team has no one to check).
 */
export const decisionVerdicts = [
  "valid",
  "signature_invalid",
  "unknown_signer",
  "unknown_key",
  "key_revoked",
  "not_entitled",
  "content_changed",
  "other_record",
  "unsigned",
  "unsigned_local",
  "no_roster",
  "roster_tampered",
] as const;

/** The verdicts that have words of their own (what is wrong, what to do). */
export const verdictsWithWords = decisionVerdicts.filter(
  (verdict) => verdict !== "valid" && verdict !== "unsigned_local",
);

/** What was decided, in words; an unknown action (a newer app's) as its code. */
export function decisionActionText(t: Translate, action: string): string {
  const key = `decisionAction.${action}`;
  return key in ko ? t(key as MessageKey) : action;
}

/** Who signed, as the roster names them (else the account id), or "" when nobody did. */
export function decisionSigner(check: DecisionCheck): string {
  return check.signer_name !== "" ? check.signer_name : check.signer;
}

/** What is wrong with a decision and what to do, in words (for any verdict but `valid`). */
export function decisionProblemText(
  t: Translate,
  language: Language,
  check: DecisionCheck,
): string {
  const key = `decisionVerdict.${check.verdict}`;
  if (!(key in ko)) return t("decisionVerdict.unknown", { verdict: check.verdict });
  const revoked = check.key_revoked_at_ms;
  return t(key as MessageKey, {
    at: revoked === null ? "" : formatDateTime(revoked, language),
  });
}

/** Whether the lifecycle section shows anything for a decision (not in a local workspace). */
export function decisionShown(check: DecisionCheck): boolean {
  return check.verdict !== "unsigned_local";
}
