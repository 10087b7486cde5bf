// Complete the request (완료): at once when everything ordered arrived, or short with a
// reason when only part of it did.
import { useState } from "react";
import type { RequestView } from "../../../bindings/RequestView";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { useToast } from "../../../components/Toast";
import { useT } from "../../../i18n";
import { call } from "../../../ipc";
import { useRefusal } from "../../../lib/problems";

export function CompleteDialog(props: { view: RequestView; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const short = props.view.status === "partly_received";
  const [reason, setReason] = useState("");
  const { busy, refused, run } = useRefusal(["reason"]);
  const save = async () => {
    const done = await run(() => call("purchase_complete", { id: props.view.request.id, reason }));
    if (done) {
      toast(t("proc.complete.saved"), "success");
      props.onClose();
    }
  };
  return (
    <Dialog
      title={t("proc.complete.title")}
      onClose={props.onClose}
      size="sm"
      testId="complete-dialog"
      dirty={reason !== ""}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="complete-save"
          >
            {t("proc.complete.save")}
          </Button>
        </>
      }
    >
      <div className="proc-form">
        <p>{t(short ? "proc.complete.short" : "proc.complete.body")}</p>
        {short && (
          <Field label={t("proc.complete.reason")} error={refused.fields.reason} required>
            <textarea
              value={reason}
              rows={3}
              data-autofocus
              data-testid="complete-reason"
              onChange={(event) => setReason(event.target.value)}
            />
          </Field>
        )}
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
