import { useState } from "react";
import type { AssetStatus } from "../../bindings/AssetStatus";
import type { AuditItem } from "../../bindings/AuditItem";
import type { Outcome } from "../../bindings/Outcome";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { assetStatuses } from "../../lib/dto";
import { describeError } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";

/**
 * What a scan cannot say: where an item actually is (found elsewhere: a rack and unit, or a
 * room), or the state it is actually in (wrong status); with a note.
 */
export function MarkDialog(props: {
  audit: string;
  item: AuditItem;
  outcome: Extract<Outcome, "found_elsewhere" | "wrong_status">;
  onClose: () => void;
  onMarked: () => void;
}) {
  const t = useT();
  const racks = useCommand("cable_racks", {});
  const recorded = props.item.recorded;
  // Starts where the register has it: leaving the rack (랙 밖) or the unit is a choice the
  // auditor makes, never a default a correction would apply unnoticed.
  const [rack, setRack] = useState(recorded?.rack ?? "");
  const [room, setRoom] = useState(recorded?.room ?? "");
  const [unit, setUnit] = useState(recorded?.unit == null ? "" : String(recorded.unit));
  const [status, setStatus] = useState<AssetStatus>("in_use");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const elsewhere = props.outcome === "found_elsewhere";
  const unitNumber = unit.trim() === "" ? null : Number(unit.trim().replace(/^U/i, ""));
  const unitBad = unitNumber !== null && (!Number.isInteger(unitNumber) || unitNumber < 1);
  const ready = elsewhere ? (rack !== "" || room.trim() !== "") && !unitBad : true;

  const save = async () => {
    setBusy(true);
    try {
      const chosen = racks.data?.find((choice) => choice.name === rack);
      await call("audit_mark", {
        id: props.audit,
        input: {
          item: props.item.asset === "" ? props.item.tag : props.item.asset,
          outcome: props.outcome,
          actual: elsewhere
            ? {
                site: recorded?.site ?? "",
                room: chosen?.room ?? room.trim(),
                row: "",
                rack,
                unit: unitNumber,
              }
            : null,
          actual_status: elsewhere ? "" : status,
          note,
        },
      });
      props.onMarked();
    } catch (error) {
      setFailure(describeError(t, error));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(elsewhere ? "audit.mark.elsewhereTitle" : "audit.mark.statusTitle", {
        tag: props.item.tag,
      })}
      onClose={props.onClose}
      testId="audit-mark-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={!ready}
            onClick={() => void save()}
            data-testid="audit-mark-save"
          >
            {t("audit.mark.save")}
          </Button>
        </>
      }
    >
      {elsewhere ? (
        <div className="form-row">
          <Field label={t("audit.mark.rack")}>
            <select
              value={rack}
              data-autofocus
              data-testid="audit-mark-rack"
              onChange={(event) => setRack(event.target.value)}
            >
              <option value="">{t("audit.mark.noRack")}</option>
              {(racks.data ?? []).map((choice) => (
                <option key={choice.id} value={choice.name}>
                  {choice.name} · {choice.room}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("audit.mark.unit")} error={unitBad ? t("audit.mark.unitBad") : undefined}>
            <input
              value={unit}
              inputMode="numeric"
              data-testid="audit-mark-unit"
              onChange={(event) => setUnit(event.target.value)}
            />
          </Field>
          {rack === "" && (
            <Field label={t("audit.mark.room")}>
              <input value={room} onChange={(event) => setRoom(event.target.value)} />
            </Field>
          )}
        </div>
      ) : (
        <Field label={t("audit.mark.actualStatus")}>
          <select
            value={status}
            data-autofocus
            data-testid="audit-mark-status"
            onChange={(event) => setStatus(event.target.value as AssetStatus)}
          >
            {assetStatuses
              .filter((code) => code !== "disposed")
              .map((code) => (
                <option key={code} value={code}>
                  {t(`status.${code}`)}
                </option>
              ))}
          </select>
        </Field>
      )}
      <Field label={t("audit.mark.note")}>
        <input value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      {failure !== null && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}
