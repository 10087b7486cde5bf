// Ask several vendors for quotes (견적 요청) with a reply-by date. With no vendor at all the
// dialog says to add vendors first (<CreateFirst>) instead of showing an empty picker.
import { useState } from "react";
import type { RequestView } from "../../../bindings/RequestView";
import { Button } from "../../../components/Button";
import { DateInput, shiftDate } from "../../../components/DateInput";
import { Dialog } from "../../../components/Dialog";
import { CreateFirst } from "../../../components/EmptyState";
import { Field } from "../../../components/Field";
import { Spinner } from "../../../components/Spinner";
import { useToast } from "../../../components/Toast";
import { type Translate, useT } from "../../../i18n";
import { call } from "../../../ipc";
import { localDate } from "../../../lib/format";
import { useRefusal } from "../../../lib/problems";
import { useCommand } from "../../../lib/useCommand";

export const everyVendor = { query: { text: "", category: null, offset: 0, limit: 0 } };

export function RfqDialog(props: { view: RequestView; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const vendors = useCommand("vendor_list", everyVendor);
  const [chosen, setChosen] = useState<string[]>([]);
  const [replyBy, setReplyBy] = useState(() => shiftDate(localDate(), 7) ?? "");
  const rows = vendors.data?.rows ?? [];
  const label = (tr: Translate, field: string) =>
    field.startsWith("vendors") ? tr("proc.rfq.vendors") : undefined;
  const { busy, refused, run } = useRefusal(["reply_by", "vendors"], label);
  const asked = props.view.request.rfqs;

  const send = async () => {
    const done = await run(() =>
      call("purchase_rfq", {
        id: props.view.request.id,
        vendors: chosen,
        replyBy,
        today: localDate(),
      }),
    );
    if (done) {
      toast(t("proc.rfq.sent", { count: chosen.length }), "success");
      props.onClose();
    }
  };

  const empty = vendors.data !== undefined && vendors.data.all === 0;
  return (
    <Dialog
      title={t("proc.rfq.title")}
      onClose={props.onClose}
      size="md"
      testId="rfq-dialog"
      dirty={chosen.length > 0}
      footer={
        empty ? (
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
        ) : (
          <>
            <Button onClick={props.onClose}>{t("common.cancel")}</Button>
            <Button
              variant="primary"
              busy={busy}
              disabled={chosen.length === 0}
              onClick={() => void send()}
              data-testid="rfq-send"
            >
              {t("proc.rfq.send")}
            </Button>
          </>
        )
      }
    >
      {vendors.data === undefined ? (
        <Spinner />
      ) : empty ? (
        <CreateFirst
          icon="file"
          title={t("proc.rfq.noVendors.title")}
          body={t("proc.rfq.noVendors.body")}
          screen="purchasing"
          go={t("proc.rfq.noVendors.go")}
          onGo={props.onClose}
          testId="rfq-no-vendors"
        />
      ) : (
        <form
          className="proc-form"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <fieldset className="proc-vendor-picks" data-testid="rfq-vendors">
            <legend className="field-label">{t("proc.rfq.vendors")}</legend>
            <p className="field-hint">{t("proc.rfq.vendorsHint")}</p>
            <div className="proc-vendor-list">
              {rows.map((vendor, index) => (
                <label
                  key={vendor.id}
                  className="proc-vendor-pick"
                  data-testid="rfq-vendor"
                  data-vendor={vendor.name}
                >
                  <input
                    type="checkbox"
                    checked={chosen.includes(vendor.id)}
                    data-autofocus={index === 0 || undefined}
                    onChange={(event) =>
                      setChosen((list) =>
                        event.target.checked
                          ? [...list, vendor.id]
                          : list.filter((id) => id !== vendor.id),
                      )
                    }
                  />
                  <span className="proc-vendor-name">{vendor.name}</span>
                  <span className="mono proc-muted">{vendor.business_number}</span>
                  {asked[vendor.id] !== undefined && (
                    <span className="proc-muted">
                      {t("proc.rfq.replyByOn", { date: asked[vendor.id]?.reply_by ?? "" })}
                    </span>
                  )}
                </label>
              ))}
            </div>
            {refused.fields.vendors !== undefined && (
              <p className="field-error" role="alert">
                {refused.fields.vendors}
              </p>
            )}
          </fieldset>
          <Field label={t("proc.rfq.replyBy")} error={refused.fields.reply_by} required>
            <DateInput value={replyBy} onChange={setReplyBy} testId="rfq-reply-by" />
          </Field>
          {refused.lines.length > 0 && (
            <ul className="problem-list" role="alert" data-testid="rfq-problems">
              {refused.lines.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )}
        </form>
      )}
    </Dialog>
  );
}
