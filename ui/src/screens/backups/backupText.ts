// What the backups screen works out before it shows or sends anything: a restored workspace's
// name, a backup's counts in words, and a refused backup command in lines.
import type { BackupRow } from "../../bindings/BackupRow";
import type { Language, Translate } from "../../i18n";
import { CommandError } from "../../ipc";
import { formatBytes, formatCount, locale } from "../../lib/format";
import { problemsOf, refusal, type Refusal } from "../../lib/problems";

/** A workspace name is at most this long (the store refuses longer ones). */
const nameLimit = 80;

/** `2026-12-07 18:06` in local time: how a restored workspace's name says when its backup is. */
export function localStamp(ms: number): string {
  const at = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/**
 * The name offered for a workspace restored from a backup: the workspace's name and the
 * backup's time, `(2)`, `(3)`… after it when a workspace has that name already, within the
 * store's 80 characters and without '/'.
 */
export function restoreName(
  workspaceName: string,
  createdAtMs: number,
  existing: readonly string[],
): string {
  const stamp = ` (${localStamp(createdAtMs)})`;
  const base = [...workspaceName.replaceAll("/", "-")]
    .slice(0, nameLimit - stamp.length - 4)
    .join("")
    .trim();
  const first = `${base}${stamp}`;
  let candidate = first;
  for (let n = 2; existing.includes(candidate); n += 1) candidate = `${first} (${n})`;
  return candidate;
}

/** When a backup was taken, to the second: two taken in one minute (on closing, then now)
 * must not read the same. */
export function backupTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: "medium",
    timeStyle: "medium",
  }).format(ms);
}

/** `문서 3,044개 · 파일 2개 · 2.1 MB`. */
export function countsText(
  t: Translate,
  language: Language,
  counts: Pick<BackupRow, "documents" | "files" | "bytes">,
): string {
  return t("backups.counts", {
    documents: formatCount(counts.documents, language),
    files: formatCount(counts.files, language),
    size: formatBytes(counts.bytes, language),
  });
}

/** At most this many lines of a refusal are shown; the rest are counted. */
export const refusalLineLimit = 8;

/**
 * A refused backup command (`refusal` from lib/problems: the folder's problem under its
 * field, the rest as lines), with a damaged backup's headline before the damaged files, and
 * no more than `refusalLineLimit` lines (a damaged backup may name thousands of files).
 */
export function backupRefusal(
  t: Translate,
  failure: unknown,
  formFields: readonly string[],
): Refusal {
  const split = refusal(t, failure, formFields);
  let lines = split.lines;
  if (failure instanceof CommandError && failure.kind === "export_damaged") {
    lines = [t("error.export_damaged"), ...lines];
  }
  if (lines.length > refusalLineLimit) {
    const rest = lines.length - (refusalLineLimit - 1);
    lines = [...lines.slice(0, refusalLineLimit - 1), t("backups.refusal.more", { count: rest })];
  }
  return { fields: split.fields, lines };
}

/** Whether an import was refused only because this computer has the workspace already, which
 * importing it as a new workspace gets past. */
export function importableAsNew(failure: unknown): boolean {
  const problems = problemsOf(failure);
  return problems.length > 0 && problems.every((p) => p.code === "workspace_already_here");
}
