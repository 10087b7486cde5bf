// The roster in words: capability and role names, a grant's limits (amounts in 원) and
// period, dates, and the amount and categories typed into the grant dialog.
import type { Capability } from "../../bindings/Capability";
import type { GrantView } from "../../bindings/GrantView";
import type { Role } from "../../bindings/Role";
import type { Language, Translate } from "../../i18n";
import { formatCount, formatDateTime, locale } from "../../lib/format";

export const capabilities: readonly Capability[] = [
  "approve_disposals",
  "verify_wipes",
  "approve_purchases",
  "sign_off_designs",
  "select_vendors",
  "administer_members",
];

export const roles: readonly Role[] = ["admin", "editor", "auditor", "viewer"];

export function isRole(role: string): role is Role {
  return (roles as readonly string[]).includes(role);
}

export function capabilityName(t: Translate, capability: Capability): string {
  return t(`capability.${capability}`);
}

/** A role's name; a role from a newer server as it is. */
export function roleName(t: Translate, role: string): string {
  return isRole(role) ? t(`role.${role}`) : role;
}

export function formatDay(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "medium" }).format(ms);
}

/** A time a key was added or revoked: to the minute (which decisions came before matters). */
export function formatMoment(ms: number, language: Language): string {
  return formatDateTime(ms, language);
}

/** `최대 5,000,000원 · 품목: 서버, 네트워크` for a purchase approval; nothing for the others. */
export function grantTerms(t: Translate, language: Language, grant: GrantView): string {
  if (grant.capability !== "approve_purchases") return "";
  const parts = [
    grant.max_amount_krw === null
      ? t("members.anyAmount")
      : t("members.upTo", { amount: formatCount(grant.max_amount_krw, language) }),
  ];
  if (grant.categories.length > 0) {
    parts.push(t("members.categories", { categories: grant.categories.join(", ") }));
  }
  return parts.join(" · ");
}

/** `2025. 12. 1.부터`, or `… ~ …` for a grant that ended (or will). */
export function grantPeriod(t: Translate, language: Language, grant: GrantView): string {
  const from = formatDay(grant.from_ms, language);
  return grant.until_ms === null
    ? t("members.grantSince", { from })
    : t("members.grantUntil", { from, until: formatDay(grant.until_ms, language) });
}

/**
 * The largest amount typed in the grant dialog: null for none (any amount), a whole number of
 * won (`5,000,000`, `5000000원` and `5 000 000` read the same), or undefined when it is not one.
 */
export function parseAmount(text: string): number | null | undefined {
  const digits = text.replace(/[\s,원₩]/g, "").replace(/^KRW/i, "");
  if (digits === "") return null;
  if (!/^\d+$/.test(digits)) return undefined;
  const amount = Number(digits);
  return Number.isSafeInteger(amount) ? amount : undefined;
}

/** The categories typed in the grant dialog, separated by commas; blanks dropped. */
export function parseCategories(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((category) => category.trim())
    .filter((category) => category !== "");
}
