import { useState } from "react";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";

/**
 * Printing from the rack screens: the elevation pack of the given racks and, with `power`,
 * the power and cooling report. The PDF lands in the Downloads folder; the toast says where.
 */
export function PrintButtons(props: { racks: readonly string[]; power?: boolean }) {
  const t = useT();
  const toast = useToast();
  const [busy, setBusy] = useState<"pack" | "power" | null>(null);
  const run = async (which: "pack" | "power") => {
    setBusy(which);
    try {
      const saved =
        which === "pack"
          ? await call("report_racks_pdf", { racks: [...props.racks] })
          : await call("report_power_pdf", {});
      toast(t("rack.print.saved", { path: saved.path }), "success");
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Button
        size="sm"
        icon={<Icon name="file" size={14} />}
        busy={busy === "pack"}
        disabled={props.racks.length === 0}
        onClick={() => void run("pack")}
        data-testid="print-racks"
      >
        {t(props.racks.length === 1 ? "rack.print.rack" : "rack.print.pack")}
      </Button>
      {props.power === true && (
        <Button
          size="sm"
          icon={<Icon name="file" size={14} />}
          busy={busy === "power"}
          onClick={() => void run("power")}
          data-testid="print-power"
        >
          {t("rack.print.power")}
        </Button>
      )}
    </>
  );
}
