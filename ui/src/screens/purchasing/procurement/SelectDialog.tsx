// Select the vendor (업체 선정): one vendor for the whole request or one per line, with the
// written reason kept with the decision (signed in a team's workspace). A first selection
// offers the lowest full total (each line's best price, line by line); a change of selection
// opens on the choice in force — one vendor for every line as the whole request, different
// vendors line by line — so saving it unchanged keeps what was chosen.
import { useState } from "react";
import type { Comparison } from "../../../bindings/Comparison";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { useToast } from "../../../components/Toast";
import { type Translate, useT } from "../../../i18n";
import { call } from "../../../ipc";
import { localDate } from "../../../lib/format";
import { useRefusal } from "../../../lib/problems";

type Mode = "whole" | "per_line";

/** What the dialog opens on: the selection in force (as the comparison's lines carry it),
 * else the lowest full total for the whole request. */
export function initialChoice(comparison: Comparison): { mode: Mode; whole: string } {
  const quoted = comparison.vendors.filter((vendor) => vendor.quoted);
  const lowest = (quoted.find((vendor) => vendor.lowest_total) ?? quoted[0])?.vendor ?? "";
  const inForce = new Set(comparison.lines.map((line) => line.selected));
  if (inForce.size === 0 || inForce.has(null)) return { mode: "whole", whole: lowest };
  const [only] = inForce;
  if (inForce.size > 1) return { mode: "per_line", whole: lowest };
  return quoted.some((vendor) => vendor.vendor === only)
    ? { mode: "whole", whole: only ?? lowest }
    : { mode: "whole", whole: lowest };
}

export function SelectDialog(props: { comparison: Comparison; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const { comparison } = props;
  const quoted = comparison.vendors.filter((vendor) => vendor.quoted);
  const [initial] = useState(() => initialChoice(comparison));
  const [mode, setMode] = useState<Mode>(initial.mode);
  const [whole, setWhole] = useState(initial.whole);
  const [perLine, setPerLine] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      comparison.lines.map((line) => {
        const best = line.cells.findIndex((cell) => cell?.best === true);
        const chosen = line.selected ?? comparison.vendors[best]?.vendor ?? "";
        return [line.key, chosen];
      }),
    ),
  );
  const [reason, setReason] = useState(comparison.selection_reason);
  const label = (tr: Translate, field: string) => {
    if (field === "vendor") return tr("proc.select.vendor");
    const line = /^lines\.(.+)$/.exec(field);
    if (line === null) return undefined;
    return comparison.lines.find((candidate) => candidate.key === line[1])?.description;
  };
  const { busy, refused, run } = useRefusal(["reason"], label);

  const save = async () => {
    const done = await run(() =>
      call("purchase_select", {
        id: comparison.request,
        today: localDate(),
        input:
          mode === "whole"
            ? { whole, per_line: [], reason }
            : { whole: null, per_line: Object.entries(perLine), reason },
      }),
    );
    if (done) {
      toast(t("proc.select.saved"), "success");
      props.onClose();
    }
  };

  return (
    <Dialog
      title={t("proc.select.title")}
      onClose={props.onClose}
      size="md"
      testId="select-dialog"
      dirty={reason !== comparison.selection_reason}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="select-save"
          >
            {t("proc.select.save")}
          </Button>
        </>
      }
    >
      <form
        className="proc-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset className="proc-radios">
          <legend className="field-label">{t("proc.select.how")}</legend>
          {(["whole", "per_line"] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="select-mode"
                value={value}
                checked={mode === value}
                data-testid={`select-mode-${value}`}
                onChange={() => setMode(value)}
              />
              {t(value === "whole" ? "proc.select.whole" : "proc.select.perLine")}
            </label>
          ))}
        </fieldset>
        {mode === "whole" ? (
          <Field label={t("proc.select.vendor")}>
            <select
              value={whole}
              data-autofocus
              data-testid="select-vendor"
              onChange={(event) => setWhole(event.target.value)}
            >
              {quoted.map((vendor) => (
                <option key={vendor.vendor} value={vendor.vendor}>
                  {vendor.name}
                  {vendor.lowest_total ? ` · ${t("proc.cmp.lowestTotal")}` : ""}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          comparison.lines.map((line, index) => (
            <Field key={line.key} label={`${index + 1}. ${line.description}`}>
              <select
                value={perLine[line.key] ?? ""}
                data-testid="select-line-vendor"
                data-line={line.key}
                onChange={(event) =>
                  setPerLine((all) => ({ ...all, [line.key]: event.target.value }))
                }
              >
                <option value="">{t("proc.select.choose")}</option>
                {comparison.vendors.map((vendor, column) =>
                  line.cells[column] === null || line.cells[column] === undefined ? null : (
                    <option key={vendor.vendor} value={vendor.vendor}>
                      {vendor.name}
                      {line.cells[column]?.best ? ` · ${t("proc.cmp.best")}` : ""}
                    </option>
                  ),
                )}
              </select>
            </Field>
          ))
        )}
        <Field
          label={t("proc.select.reason")}
          error={refused.fields.reason}
          hint={t("proc.select.reasonHint")}
          required
        >
          <textarea
            value={reason}
            rows={3}
            data-testid="select-reason"
            onChange={(event) => setReason(event.target.value)}
          />
        </Field>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="select-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </form>
    </Dialog>
  );
}
