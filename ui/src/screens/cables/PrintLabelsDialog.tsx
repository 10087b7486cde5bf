import { useState } from "react";
import type { CableSelection } from "../../bindings/CableSelection";
import type { LabelPrintResult } from "../../bindings/LabelPrintResult";
import type { LabelTarget } from "../../bindings/LabelTarget";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { defaultTarget, LabelTargetFields, printedText } from "../labels/LabelTargetFields";
import { ProblemList } from "./AddCableDialog";
import { RackOptions } from "./EndPicker";
import { useRefusable } from "./useRefusable";
import { useCommand } from "../../lib/useCommand";
import { useUndoToast } from "../../lib/undo";

type Scope = "selection" | "rack" | "unlabelled" | "all";

/**
 * Prints cable labels at their physical size: the selection, one rack, everything not yet
 * labelled, or every cable; on a label media, as PDF (any printer) or ZPL (Zebra); to a
 * file that opens, or straight to a CUPS printer. Both ends of each cable, with a QR code.
 */
export function PrintLabelsDialog(props: {
  selected: readonly string[];
  onClose: () => void;
  onPrinted: (result: LabelPrintResult) => void;
}) {
  const t = useT();
  const toast = useToast();
  const undoToast = useUndoToast();
  const [scope, setScope] = useState<Scope>(props.selected.length > 0 ? "selection" : "unlabelled");
  const [rack, setRack] = useState("");
  const [target, setTarget] = useState<LabelTarget>(defaultTarget);
  const [markPrinted, setMarkPrinted] = useState(true);
  const { busy, problems, run } = useRefusable();

  const selection: CableSelection | null =
    scope === "selection"
      ? { scope: "ids", ids: [...props.selected] }
      : scope === "rack"
        ? rack === ""
          ? null
          : { scope: "rack", rack }
        : { scope };

  // What it will print, before anything is printed or marked: how many cables and labels,
  // which (the first labels), and how many were marked printed already.
  const count = useCommand("cable_labels_count", selection === null ? null : { selection });
  const print = () =>
    run(async () => {
      if (selection === null) return;
      const result = await call("cable_labels_print", { selection, target, markPrinted });
      if (result.undo === null) toast(printedText(t, result), "success");
      else
        undoToast(
          `${printedText(t, result)} ${t("cable.print.marked", { count: result.undo.count })}`,
          result.undo,
        );
      props.onPrinted(result);
    });

  return (
    <Dialog
      title={t("cable.print.title")}
      onClose={props.onClose}
      testId="print-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={selection === null || count.data === undefined || count.data.cables === 0}
            onClick={() => void print()}
            data-testid="print-go"
          >
            {count.data === undefined
              ? t("cable.print.go")
              : t("cable.print.goCount", { count: count.data.labels })}
          </Button>
        </>
      }
    >
      <fieldset className="form-group" data-testid="print-scope">
        <legend>{t("cable.print.scope")}</legend>
        {(["selection", "rack", "unlabelled", "all"] as const).map((option) => (
          <label key={option} className="radio-line">
            <input
              type="radio"
              name="print-scope"
              value={option}
              checked={scope === option}
              disabled={option === "selection" && props.selected.length === 0}
              data-testid={`print-scope-${option}`}
              onChange={() => setScope(option)}
            />
            {t(`cable.print.scope.${option}`, { count: props.selected.length })}
          </label>
        ))}
        {scope === "rack" && (
          <select
            value={rack}
            aria-label={t("cable.end.rack")}
            data-testid="print-rack"
            onChange={(event) => setRack(event.target.value)}
          >
            <option value="">{t("cable.end.chooseRack")}</option>
            <RackOptions />
          </select>
        )}
      </fieldset>
      {count.data !== undefined && (
        <p className="bulk-summary" data-testid="print-summary">
          {count.data.cables === 0
            ? t("cable.print.none")
            : t("cable.print.summary", {
                cables: count.data.cables,
                labels: count.data.labels,
                first: count.data.first.slice(0, 3).join(", "),
              })}
          {count.data.printed_before > 0 &&
            ` ${t("cable.print.printedBefore", { count: count.data.printed_before })}`}
        </p>
      )}
      <LabelTargetFields value={target} onChange={setTarget} />
      <label className="checkbox-line">
        <input
          type="checkbox"
          checked={markPrinted}
          data-testid="print-mark"
          onChange={(event) => setMarkPrinted(event.target.checked)}
        />
        {t("cable.print.markPrinted")}
      </label>
      {problems.length > 0 && <ProblemList lines={problems} />}
    </Dialog>
  );
}
