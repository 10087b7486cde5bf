// The one undo of the app: an action over many records answers with what it wrote (an
// `Undo`, recorded by core); the toast that reports the action offers 되돌리기, which sends it
// back to `undo_apply`. Core writes the old values as new changes (durable, synced, in the
// history), keeping any field changed since; the second toast says what went back and what
// was kept.
import type { KeptField } from "../bindings/KeptField";
import type { Undo } from "../bindings/Undo";
import type { UndoReport } from "../bindings/UndoReport";
import { useToast } from "../components/Toast";
import { useT, type Translate } from "../i18n";
import { call } from "../ipc";
import { describeError } from "./errors";

/** The toast after an undo: how many records went back, and each field kept as it was. */
export function undoneText(t: Translate, report: UndoReport): string {
  const restored = t("undo.done", { count: report.restored });
  if (report.kept.length === 0) return restored;
  const kept = report.kept.map((field) => keptText(t, field)).join(", ");
  return `${restored} ${t("undo.kept", { count: report.kept.length, fields: kept })}`;
}

export function keptText(t: Translate, field: KeptField): string {
  const what = field.field === "" ? field.record : `${field.record} ${fieldName(t, field.field)}`;
  return t(`undo.reason.${field.reason}`, { what });
}

function fieldName(t: Translate, field: string): string {
  switch (field) {
    case "status":
      return t("undo.field.status");
    case "owner":
      return t("undo.field.owner");
    case "location":
      return t("undo.field.location");
    case "printed":
      return t("undo.field.printed");
    default:
      return field;
  }
}

/**
 * Shows `message` as a toast with 되돌리기 when `undo` is there (nothing changed: no undo).
 * `onUndone` runs after the undo was written (e.g. to show the records again).
 */
export function useUndoToast(): (
  message: string,
  undo: Undo | null,
  onUndone?: (report: UndoReport) => void,
) => void {
  const t = useT();
  const toast = useToast();
  return (message, undo, onUndone) => {
    if (undo === null) {
      toast(message, "success");
      return;
    }
    toast(message, "success", {
      action: {
        label: t("undo.action"),
        testId: "toast-undo",
        run: () => {
          call("undo_apply", { undo })
            .then((report) => {
              toast(undoneText(t, report), report.kept.length === 0 ? "success" : "info", {
                lifetimeMs: report.kept.length === 0 ? undefined : 12_000,
              });
              onUndone?.(report);
            })
            .catch((failure: unknown) =>
              toast(t("undo.failed", { message: describeError(t, failure) }), "error"),
            );
        },
      },
    });
  };
}
