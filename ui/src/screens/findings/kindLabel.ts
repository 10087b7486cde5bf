import { ko } from "../../i18n/catalogue";
import type { MessageKey, Translate } from "../../i18n";

/** How a kind of record reads ("자산", "랙"), or its id prefix for a kind this app does not know. */
export function recordKindLabel(t: Translate, recordKind: string): string {
  const key = `findings.kind.${recordKind}`;
  return key in ko ? t(key as MessageKey) : recordKind;
}
