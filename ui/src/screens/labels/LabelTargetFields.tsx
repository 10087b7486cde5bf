import { useEffect } from "react";
import type { LabelFormat } from "../../bindings/LabelFormat";
import type { LabelPrintResult } from "../../bindings/LabelPrintResult";
import type { LabelTarget } from "../../bindings/LabelTarget";
import { Field } from "../../components/Field";
import { useT, type Translate } from "../../i18n";
import { useCommand } from "../../lib/useCommand";

/** The value of the destination picker that means "save the file and open it". */
const toFile = "";

export const defaultTarget: LabelTarget = { media: "a4-3x8", format: "pdf", printer: null };

/** The toast after printing: where the file went, or which printer took it. */
export function printedText(t: Translate, result: LabelPrintResult): string {
  return result.printer === null
    ? t("labels.saved", { count: result.labels, path: result.path })
    : t("labels.sent", { count: result.labels, printer: result.printer });
}

/**
 * Where labels go: the label stock (with its size and how many fit a page), PDF for any
 * printer or ZPL for a Zebra, and a CUPS printer or a file that opens. The printer used last
 * is chosen again once the list of printers arrives.
 */
export function LabelTargetFields(props: {
  value: LabelTarget;
  onChange: (value: LabelTarget) => void;
}) {
  const t = useT();
  const media = useCommand("label_media", {});
  const printers = useCommand("label_printers", {});
  const { value, onChange } = props;
  const lastPrinter = printers.data?.[1] ?? null;
  useEffect(() => {
    if (lastPrinter !== null) onChange({ ...value, printer: lastPrinter });
    // Only when the list arrives: later choices are the user's.
  }, [lastPrinter]);
  const chosen = media.data?.find((item) => item.name === value.media);
  return (
    <>
      <Field
        label={t("labels.media")}
        hint={
          chosen === undefined
            ? undefined
            : t("labels.mediaSize", {
                width: chosen.label_width_mm,
                height: chosen.label_height_mm,
                perPage: chosen.labels_per_page,
              })
        }
      >
        <select
          value={value.media}
          data-testid="print-media"
          onChange={(event) => onChange({ ...value, media: event.target.value })}
        >
          {(media.data ?? []).map((item) => (
            <option key={item.name} value={item.name}>
              {item.description}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-row">
        <Field label={t("labels.format")}>
          <select
            value={value.format}
            data-testid="print-format"
            onChange={(event) => onChange({ ...value, format: event.target.value as LabelFormat })}
          >
            <option value="pdf">{t("labels.pdf")}</option>
            <option value="zpl">{t("labels.zpl")}</option>
          </select>
        </Field>
        <Field
          label={t("labels.destination")}
          hint={(printers.data?.[0].length ?? 0) === 0 ? t("labels.noPrinters") : undefined}
        >
          <select
            value={value.printer ?? toFile}
            data-testid="print-printer"
            onChange={(event) =>
              onChange({
                ...value,
                printer: event.target.value === toFile ? null : event.target.value,
              })
            }
          >
            <option value={toFile}>{t("labels.toFile")}</option>
            {(printers.data?.[0] ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </>
  );
}
