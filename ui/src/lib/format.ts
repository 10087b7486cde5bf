// Numbers, money and times in the user's language.
import type { Language } from "../i18n";
import type { Asset, Money } from "./dto";

const localeOf: Record<Language, string> = { ko: "ko-KR", en: "en-US" };

export function locale(language: Language): string {
  return localeOf[language];
}

const minorDigits: Record<Money["currency"], number> = { KRW: 0, JPY: 0, USD: 2, EUR: 2, CNY: 2 };

export function formatCount(count: number, language: Language): string {
  return new Intl.NumberFormat(locale(language)).format(count);
}

/** `12,500,000` or `1,234.50`: the amount in major units with thousands separators. */
export function formatAmount(money: Money, language: Language = "ko"): string {
  const digits = minorDigits[money.currency];
  return new Intl.NumberFormat(locale(language), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(money.amount_minor / 10 ** digits);
}

/** `12,500,000 KRW`: the amount and the ISO code, unambiguous in a table of mixed currencies. */
export function formatMoney(money: Money | null, language: Language): string {
  if (money === null) return "";
  return `${formatAmount(money, language)} ${money.currency}`;
}

export function formatDateTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(ms);
}

/** `평택 1센터 · A전산실 · R03 · R03-12 · U21`, skipping empty parts. */
export function formatLocation(location: Asset["location"], unitPrefix = "U"): string {
  const parts = [location.site, location.room, location.row, location.rack].filter(
    (part) => part !== "",
  );
  if (location.unit !== null) parts.push(`${unitPrefix}${location.unit}`);
  return parts.join(" · ");
}
