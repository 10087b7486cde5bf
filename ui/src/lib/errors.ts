// Turning command errors into sentences in the user's language. The English `message` from
// Rust is shown only when the catalogue has nothing for the error's kind.
import type { MessageKey, Translate } from "../i18n";
import { ko } from "../i18n/catalogue";
import { CommandError } from "../ipc";
import type { CsvFileError } from "./dto";

const errorKinds = [
  "invalid",
  "not_found",
  "import_refused",
  "no_workspace",
  "workspace_exists",
  "invalid_name",
  "store",
  "store_damaged",
  "store_too_new",
  "store_unreadable",
  "disk_full",
  "io",
  "ipc",
  "no_such_conflict",
  "not_synced_yet",
  "not_logged_in",
  "offline",
  "placement_refused",
  "install_order",
  "placement_parked",
  "catalogue_refused",
  "builtin_type",
  "cable_refused",
  "rows_refused",
  "file_refused",
  "template",
  "cable_transition",
  "nothing_to_print",
  "printer",
  "print",
  "audit_no_name",
  "audit_no_scope",
  "audit_bad_filter",
  "audit_closed",
  "audit_not_closed",
  "audit_no_such_item",
  "audit_bad_outcome",
  "audit_place_required",
  "audit_status_required",
  "audit_bad_photo",
  "audit_empty_code",
  "life_refused",
  "empty_batch",
  "attachment_too_large",
  "folder_refused",
  "export_damaged",
  "read_only",
  "not_entitled",
  "roster_not_verified",
  "unknown_member",
  "unknown_key",
  "not_granted",
  "bad_limits",
  "unknown_role",
] as const;

function kindKey(kind: string): MessageKey | undefined {
  const key = `error.${kind}`;
  return (errorKinds as readonly string[]).includes(kind) && key in ko
    ? (key as MessageKey)
    : undefined;
}

/** One line for a failed command: the translated kind, or the Rust message as a fallback. */
export function describeError(t: Translate, error: unknown): string {
  if (error instanceof CommandError) {
    const key = kindKey(error.kind);
    if (key === undefined) return error.message || t("error.unknown");
    // A refusal of the account's role names what is missing as its one problem: say that.
    const reason = error.problems[0];
    if (
      ["read_only", "not_entitled"].includes(error.kind) &&
      error.problems.length === 1 &&
      reason !== undefined &&
      `problem.${reason.code}` in ko
    ) {
      return t(`problem.${reason.code}` as MessageKey, { value: reason.value, ...reason.detail });
    }
    // Store and io failures carry a reason worth showing (disk full, permission denied…).
    if (
      (error.kind.startsWith("store") || ["io", "printer", "print"].includes(error.kind)) &&
      error.message !== ""
    ) {
      return `${t(key)} ${t("error.details", { message: error.message })}`;
    }
    return t(key);
  }
  if (error instanceof Error) return error.message;
  return t("error.unknown");
}

/**
 * Why a CSV file as a whole was refused, in the words every import uses (`problem.{code}`,
 * the same words as a cable or device type import refused for it).
 */
export function fileErrorMessage(t: Translate, error: CsvFileError): string {
  switch (error.code) {
    case "empty":
    case "too_large":
      return t(`problem.${error.code}`);
    case "missing_columns":
      return t("problem.missing_columns", { columns: error.columns.join(", ") });
    case "duplicate_column":
      return t("problem.duplicate_column", { column: error.column });
    case "unknown_columns":
      return t("problem.unknown_columns", {
        columns: error.columns.join(", "),
        known: error.known.join(", "),
      });
    case "malformed":
      return t("problem.malformed", { line: error.line, message: error.message });
  }
}
