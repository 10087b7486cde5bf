// Place the orders (발주) the selection calls for — one per vendor — with the order date and a
// promised date per line (empty: the order date plus the quote's lead time, which Rust sets).
import { useState } from "react";
import type { PurchaseRequest } from "../../../bindings/PurchaseRequest";
import type { RequestView } from "../../../bindings/RequestView";
import type { Selection } from "../../../bindings/Selection";
import { Button } from "../../../components/Button";
import { DateInput } from "../../../components/DateInput";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { useToast } from "../../../components/Toast";
import { type Translate, useT } from "../../../i18n";
import { call } from "../../../ipc";
import { localDate } from "../../../lib/format";
import { useRefusal } from "../../../lib/problems";
import { orderedLines } from "./QuoteDialog";

/** The selection in force: the latest one made. */
export function currentSelection(request: PurchaseRequest): Selection | undefined {
  return Object.values(request.selections).reduce<Selection | undefined>(
    (latest, selection) =>
      latest === undefined || selection.at_ms > latest.at_ms ? selection : latest,
    undefined,
  );
}

export function OrderDialog(props: {
  view: RequestView;
  vendorName: (id: string) => string;
  onClose: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const selection = currentSelection(props.view.request);
  const lines = orderedLines(props.view).filter((line) => selection?.lines[line.key] !== undefined);
  const vendors = [...new Set(lines.map((line) => selection?.lines[line.key] ?? ""))];
  const [orderedOn, setOrderedOn] = useState(localDate());
  const [promised, setPromised] = useState<Record<string, string>>({});
  const fields = ["ordered_on", ...lines.map((line) => `promised.${line.key}`)];
  const label = (_: Translate, field: string) => {
    const line = /^(?:lines|promised)\.(.+)$/.exec(field);
    return line === null ? undefined : lines.find((l) => l.key === line[1])?.description;
  };
  const { busy, refused, run } = useRefusal(fields, label);

  const save = async () => {
    const done = await run(() =>
      call("purchase_order", {
        id: props.view.request.id,
        today: localDate(),
        input: {
          ordered_on: orderedOn,
          promised: Object.entries(promised).filter(([, date]) => date.trim() !== ""),
        },
      }),
    );
    if (done) {
      toast(t("proc.order.saved"), "success");
      props.onClose();
    }
  };

  return (
    <Dialog
      title={t("proc.order.title")}
      onClose={props.onClose}
      size="md"
      testId="order-dialog"
      dirty={Object.values(promised).some((date) => date !== "")}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="order-save"
          >
            {t("proc.order.save")}
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
        <Field label={t("proc.order.orderedOn")} error={refused.fields.ordered_on} required>
          <DateInput
            value={orderedOn}
            onChange={setOrderedOn}
            testId="order-ordered-on"
            autoFocus
          />
        </Field>
        <p className="field-hint">{t("proc.order.promisedHint")}</p>
        {vendors.map((vendor) => {
          const own = lines.filter((line) => selection?.lines[line.key] === vendor);
          return (
            <fieldset key={vendor} className="proc-order-vendor" data-testid="order-vendor">
              <legend className="field-label">
                {t("proc.order.vendorLines", {
                  vendor: props.vendorName(vendor),
                  count: own.length,
                })}
              </legend>
              {own.map((line) => (
                <Field
                  key={line.key}
                  label={`${line.description} × ${line.quantity} ${line.unit}`}
                  error={refused.fields[`promised.${line.key}`]}
                >
                  <DateInput
                    value={promised[line.key] ?? ""}
                    onChange={(date) => setPromised((all) => ({ ...all, [line.key]: date }))}
                    ariaLabel={t("proc.order.promisedFor", { line: line.description })}
                    testId="order-promised"
                  />
                </Field>
              ))}
            </fieldset>
          );
        })}
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="order-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </form>
    </Dialog>
  );
}
