import { useState } from "react";
import type { RackView } from "../../bindings/RackView";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";

/** Holds a range of units back with a reason. */
export function ReserveDialog(props: {
  view: RackView;
  onClose: () => void;
  onSaved: (view: RackView) => void;
}) {
  const t = useT();
  const start = props.view.rack.starting_unit;
  const [from, setFrom] = useState(String(start));
  const [to, setTo] = useState(String(start));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const first = Number(from);
    const last = Number(to);
    const top = start + props.view.rack.height_u - 1;
    if (
      !Number.isInteger(first) ||
      !Number.isInteger(last) ||
      first < start ||
      last > top ||
      last < first
    ) {
      setError(t("rack.reserveRange", { from: start, to: top }));
      return;
    }
    if (reason.trim() === "") {
      setError(t("rack.reserveReason"));
      return;
    }
    setBusy(true);
    try {
      props.onSaved(
        await call("rack_reserve", {
          rack: props.view.rack.id,
          bottomHu: (first - start) * 2,
          heightHu: (last - first + 1) * 2,
          reason: reason.trim(),
        }),
      );
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t("rack.reserveTitle")}
      onClose={props.onClose}
      size="sm"
      testId="reserve-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="reserve-save"
          >
            {t("common.save")}
          </Button>
        </>
      }
    >
      <div className="form-row">
        <Field label={t("rack.reserveFrom")}>
          <input
            className="input"
            inputMode="numeric"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="reserve-from"
            data-autofocus
          />
        </Field>
        <Field label={t("rack.reserveTo")}>
          <input
            className="input"
            inputMode="numeric"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="reserve-to"
          />
        </Field>
      </div>
      <Field label={t("rack.reserveReasonLabel")} error={error}>
        <input
          className="input"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="reserve-reason"
        />
      </Field>
    </Dialog>
  );
}
