// The vendor's invoice for one order (송장): its amount in the order's currency and its
// reference; a later one replaces it. The three-way match compares it with the order and
// what was received.
import { useState } from "react";
import type { Order } from "../../../bindings/Order";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { useToast } from "../../../components/Toast";
import { useT } from "../../../i18n";
import { call } from "../../../ipc";
import { useRefusal } from "../../../lib/problems";

export function InvoiceDialog(props: {
  request: string;
  orderKey: string;
  order: Order;
  onClose: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const [amount, setAmount] = useState(
    props.order.invoice_minor === null
      ? ""
      : String(
          Number(props.order.invoice_minor) /
            10 ** (props.order.currency === "KRW" || props.order.currency === "JPY" ? 0 : 2),
        ),
  );
  const [reference, setReference] = useState(props.order.invoice_ref);
  const { busy, refused, run } = useRefusal(["amount", "reference"]);
  const save = async () => {
    const done = await run(() =>
      call("purchase_invoice", { id: props.request, order: props.orderKey, amount, reference }),
    );
    if (done) {
      toast(t("proc.invoice.saved"), "success");
      props.onClose();
    }
  };
  return (
    <Dialog
      title={t("proc.invoice.title", { number: props.order.number })}
      onClose={props.onClose}
      size="sm"
      testId="invoice-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="invoice-save"
          >
            {t("proc.invoice.save")}
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
        <Field
          label={`${t("proc.invoice.amount")} (${props.order.currency})`}
          error={refused.fields.amount}
          required
        >
          <input
            value={amount}
            inputMode="decimal"
            className="mono"
            data-autofocus
            data-testid="invoice-amount"
            onChange={(event) => setAmount(event.target.value)}
          />
        </Field>
        <Field label={t("proc.invoice.reference")} error={refused.fields.reference}>
          <input
            value={reference}
            data-testid="invoice-reference"
            onChange={(event) => setReference(event.target.value)}
          />
        </Field>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </form>
    </Dialog>
  );
}
