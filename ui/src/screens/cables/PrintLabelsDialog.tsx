import { useEffect, useState } from "react";
import type { CableSelection } from "../../bindings/CableSelection";
import type { LabelFormat } from "../../bindings/LabelFormat";
import type { LabelPrintResult } from "../../bindings/LabelPrintResult";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { useCommand } from "../../lib/useCommand";
import { refusalLines } from "./cableText";
import { ProblemList } from "./AddCableDialog";
import { RackOptions } from "./EndPicker";

type Scope = "selection" | "rack" | "unlabelled" | "all";

/** The value of the destination picker that means "save the file and open it". */
const toFile = "";

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
  const media = useCommand("label_media", {});
  const printers = useCommand("label_printers", {});
  const [scope, setScope] = useState<Scope>(props.selected.length > 0 ? "selection" : "unlabelled");
  const [rack, setRack] = useState("");
  const [mediaName, setMediaName] = useState("a4-3x8");
  const [format, setFormat] = useState<LabelFormat>("pdf");
  const [printer, setPrinter] = useState(toFile);
  const [markPrinted, setMarkPrinted] = useState(true);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  // The printer used last time, once the list of printers has arrived.
  const lastPrinter = printers.data?.[1] ?? null;
  useEffect(() => {
    if (lastPrinter !== null) setPrinter(lastPrinter);
  }, [lastPrinter]);

  const selection: CableSelection | null =
    scope === "selection"
      ? { scope: "ids", ids: [...props.selected] }
      : scope === "rack"
        ? rack === ""
          ? null
          : { scope: "rack", rack }
        : { scope };
  const chosen = media.data?.find((item) => item.name === mediaName);

  const print = async () => {
    if (selection === null) return;
    setBusy(true);
    setProblems([]);
    try {
      const result = await call("cable_labels_print", {
        selection,
        media: mediaName,
        format,
        printer: printer === toFile ? null : printer,
        markPrinted,
      });
      toast(
        result.printer === null
          ? t("cable.print.saved", { count: result.labels, path: result.path })
          : t("cable.print.sent", { count: result.labels, printer: result.printer }),
        "success",
      );
      props.onPrinted(result);
    } catch (failure) {
      setProblems(refusalLines(t, failure));
    } finally {
      setBusy(false);
    }
  };

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
            disabled={selection === null}
            onClick={() => void print()}
            data-testid="print-go"
          >
            {t("cable.print.go")}
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
      <Field
        label={t("cable.print.media")}
        hint={
          chosen === undefined
            ? undefined
            : t("cable.print.mediaSize", {
                width: chosen.label_width_mm,
                height: chosen.label_height_mm,
                perPage: chosen.labels_per_page,
              })
        }
      >
        <select
          value={mediaName}
          data-testid="print-media"
          onChange={(event) => setMediaName(event.target.value)}
        >
          {(media.data ?? []).map((item) => (
            <option key={item.name} value={item.name}>
              {item.description}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-row">
        <Field label={t("cable.print.format")}>
          <select
            value={format}
            data-testid="print-format"
            onChange={(event) => setFormat(event.target.value as LabelFormat)}
          >
            <option value="pdf">{t("cable.print.pdf")}</option>
            <option value="zpl">{t("cable.print.zpl")}</option>
          </select>
        </Field>
        <Field
          label={t("cable.print.destination")}
          hint={(printers.data?.[0].length ?? 0) === 0 ? t("cable.print.noPrinters") : undefined}
        >
          <select
            value={printer}
            data-testid="print-printer"
            onChange={(event) => setPrinter(event.target.value)}
          >
            <option value={toFile}>{t("cable.print.toFile")}</option>
            {(printers.data?.[0] ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </div>
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
