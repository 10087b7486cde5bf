// Every area's messages, merged at start into the one catalogue per language that `t()` reads.
// A new area adds its screens/<area>/messages.ts and one line to `areas` below; the catalogue
// test fails if a messages.ts is missing from the list or two areas define the same key.
import * as assets from "../screens/assets/messages";
import * as audits from "../screens/audits/messages";
import * as backups from "../screens/backups/messages";
import * as cables from "../screens/cables/messages";
import * as designdocs from "../screens/designdocs/messages";
import * as findings from "../screens/findings/messages";
import * as labels from "../screens/labels/messages";
import * as lifecycle from "../screens/lifecycle/messages";
import * as members from "../screens/members/messages";
import * as purchasing from "../screens/purchasing/messages";
import * as racks from "../screens/racks/messages";
import * as reports from "../screens/reports/messages";
import * as search from "../screens/search/messages";
import * as shell from "../screens/shell/messages";
import * as sync from "../screens/sync/messages";
import { mergeAreaMessages } from "./areaMessages";
import * as common from "./common";

/** The areas in merge order. `area` is the folder under screens/, or "common" for i18n/common.ts. */
export const areas = [
  { area: "common", ko: common.ko, en: common.en },
  { area: "assets", ko: assets.ko, en: assets.en },
  { area: "audits", ko: audits.ko, en: audits.en },
  { area: "backups", ko: backups.ko, en: backups.en },
  { area: "cables", ko: cables.ko, en: cables.en },
  { area: "designdocs", ko: designdocs.ko, en: designdocs.en },
  { area: "findings", ko: findings.ko, en: findings.en },
  { area: "labels", ko: labels.ko, en: labels.en },
  { area: "lifecycle", ko: lifecycle.ko, en: lifecycle.en },
  { area: "members", ko: members.ko, en: members.en },
  { area: "purchasing", ko: purchasing.ko, en: purchasing.en },
  { area: "racks", ko: racks.ko, en: racks.en },
  { area: "reports", ko: reports.ko, en: reports.en },
  { area: "search", ko: search.ko, en: search.en },
  { area: "shell", ko: shell.ko, en: shell.en },
  { area: "sync", ko: sync.ko, en: sync.en },
] as const;

type KeysOf<Messages> = Messages extends unknown ? keyof Messages : never;
type KoreanOf<Areas extends readonly { ko: object }[]> = Areas[number]["ko"];

/** Every message key the UI may ask for: the union of every area's Korean keys. */
export type MessageKey = KeysOf<KoreanOf<typeof areas>>;

/** Keys that one area defines and a later area defines again. */
type DuplicateKeys<Areas extends readonly { ko: object }[]> = Areas extends readonly [
  infer First extends { ko: object },
  ...infer Rest extends readonly { ko: object }[],
]
  ? Extract<keyof First["ko"], KeysOf<KoreanOf<Rest>>> | DuplicateKeys<Rest>
  : never;

// Fails `tsc` with the offending keys in the message when two areas define the same key; the
// merge below reports the same at run time, which the catalogue test checks.
export const everyKeyInOneArea: [DuplicateKeys<typeof areas>] extends [never]
  ? true
  : { duplicateKeys: DuplicateKeys<typeof areas> } = true;

const merged = mergeAreaMessages(areas);

/** Keys defined by more than one area (the first area's text wins); must stay empty. */
export const duplicateKeys = merged.duplicates;

/** Korean, the first language: it defines every key and is what other languages fall back to. */
export const ko = merged.ko as Readonly<Record<MessageKey, string>>;

/** English, the second language; a key missing here falls back to Korean at run time. */
export const en = merged.en as Readonly<Partial<Record<MessageKey, string>>>;
