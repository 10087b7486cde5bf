import { useState } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { RackOptions } from "./EndPicker";

/**
 * The cable schedule, by rack and device (every device's port map): one rack or the whole
 * workspace, as a PDF that opens or a CSV for a spreadsheet, saved to Downloads.
 */
export function ScheduleDialog(props: { onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [rack, setRack] = useState("");
  const [busy, setBusy] = useState<"pdf" | "csv" | null>(null);
  const save = async (format: "pdf" | "csv") => {
    setBusy(format);
    try {
      const saved = await call("cable_schedule_export", {
        rack: rack === "" ? null : rack,
        format,
      });
      toast(t("cable.schedule.saved", { path: saved.path }), "success");
      props.onClose();
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(null);
    }
  };
  return (
    <Dialog
      title={t("cable.schedule.title")}
      onClose={props.onClose}
      size="sm"
      testId="schedule-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            busy={busy === "csv"}
            disabled={busy !== null}
            onClick={() => void save("csv")}
            data-testid="schedule-csv"
          >
            {t("cable.schedule.csv")}
          </Button>
          <Button
            variant="primary"
            busy={busy === "pdf"}
            disabled={busy !== null}
            onClick={() => void save("pdf")}
            data-testid="schedule-pdf"
          >
            {t("cable.schedule.pdf")}
          </Button>
        </>
      }
    >
      <p className="muted">{t("cable.schedule.body")}</p>
      <Field label={t("cable.schedule.scope")}>
        <select
          value={rack}
          data-testid="schedule-rack"
          onChange={(event) => setRack(event.target.value)}
        >
          <option value="">{t("cable.schedule.workspace")}</option>
          <RackOptions />
        </select>
      </Field>
    </Dialog>
  );
}
