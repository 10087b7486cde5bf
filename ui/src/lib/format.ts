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

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/** `14:05` for a time today (local time), `11. 24. 14:05` / `11/24, 14:05` for another day. */
export function formatClock(ms: number, nowMs: number, language: Language): string {
  const today = sameDay(new Date(ms), new Date(nowMs));
  return new Intl.DateTimeFormat(locale(language), {
    ...(today ? {} : { month: "numeric", day: "numeric" }),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(ms);
}

const byteUnits = ["B", "KB", "MB", "GB"] as const;

/** `512 B`, `1.4 KB`, `23 MB`: one decimal below 10, none above (powers of 1,024). */
export function formatBytes(size: number, language: Language): string {
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(
    value,
  );
  return `${number} ${byteUnits[unit]}`;
}

/** The user's local date as `YYYY-MM-DD`: what core calls "today", and how dates are typed. */
export function localDate(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
