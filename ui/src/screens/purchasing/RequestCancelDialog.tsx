// Cancelling a request asks why (required: Rust refuses an empty reason under its field).
import { useState } from "react";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { useRefusal } from "../../lib/problems";

export function RequestCancelDialog(props: { request: PurchaseRequest; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [reason, setReason] = useState("");
  const { busy, refused, run } = useRefusal(["reason"]);
  const { request } = props;
  const confirm = async () => {
    const done = await run(() => call("purchase_cancel", { id: request.id, reason }));
    if (done) {
      toast(t("request.cancelled", { number: request.number }), "success");
      props.onClose();
    }
  };
  return (
    <Dialog
      title={t("request.cancelTitle", { number: request.number })}
      onClose={props.onClose}
      size="sm"
      testId="request-cancel-dialog"
      dirty={reason !== ""}
      footer={
        <>
          <Button onClick={props.onClose}>{t("request.cancelKeep")}</Button>
          <Button
            variant="danger"
            edits="records"
            busy={busy}
            onClick={() => void confirm()}
            data-testid="request-cancel-confirm"
          >
            {t("request.cancel")}
          </Button>
        </>
      }
    >
      <Field
        label={t("request.cancelReason")}
        error={refused.fields.reason}
        hint={t("request.cancelHint")}
        required
      >
        <textarea
          value={reason}
          rows={3}
          data-autofocus
          data-testid="request-cancel-reason"
          onChange={(event) => setReason(event.target.value)}
        />
      </Field>
      {refused.lines.length > 0 && (
        <ul className="problem-list" role="alert" data-testid="request-cancel-problems">
          {refused.lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
