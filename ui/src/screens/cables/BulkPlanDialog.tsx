import { useEffect, useState } from "react";
import type { BulkPlan } from "../../bindings/BulkPlan";
import type { BulkPreview } from "../../bindings/BulkPreview";
import type { CableKind } from "../../bindings/CableKind";
import type { CableRow } from "../../bindings/CableRow";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { cableKinds, endText, kindText, problemText, refusalLines } from "./cableText";
import { ProblemList } from "./AddCableDialog";
import {
  EndPicker,
  isPicked,
  noPort,
  NoRacksYet,
  RackOptions,
  useHasRacks,
  type PickedPort,
} from "./EndPicker";

type Mode = "range" | "rack";

function planOf(
  mode: Mode,
  a: PickedPort,
  b: PickedPort,
  count: number,
  rack: string,
  port: string,
): BulkPlan | null {
  const run = (end: PickedPort) => ({
    rack: end.rack,
    placement: end.placement,
    role: end.role,
    first_port: end.port,
  });
  if (mode === "range") {
    if (!isPicked(a) || !isPicked(b) || !(count > 0)) return null;
    return { mode: "range", a: run(a), b: run(b), count };
  }
  if (rack === "" || port.trim() === "" || !isPicked(b)) return null;
  return { mode: "rack_ports", rack, role: "interface", port: port.trim(), to: run(b) };
}

/**
 * Plans many cables at once: a run of ports to a run of ports (a 48-port panel to a
 * switch), or one port of every device in a rack to consecutive switch ports, bottom unit
 * first. The preview lists every cable with its label and what it would break, and is
 * written all at once or not at all.
 */
export function BulkPlanDialog(props: { onClose: () => void; onPlanned: (ids: string[]) => void }) {
  const t = useT();
  const toast = useToast();
  const [mode, setMode] = useState<Mode>("range");
  const [a, setA] = useState<PickedPort>(noPort);
  const [b, setB] = useState<PickedPort>(noPort);
  const [count, setCount] = useState("24");
  const [rack, setRack] = useState("");
  const [port, setPort] = useState("eno1");
  const [kind, setKind] = useState<CableKind>("cat6a");
  const [colour, setColour] = useState("");
  const [preview, setPreview] = useState<[BulkPreview, CableRow[]] | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string[]>([]);
  const hasRacks = useHasRacks();
  const plan = planOf(mode, a, b, Number(count), rack, port);
  const planKey = JSON.stringify([plan, kind, colour]);

  // The preview follows the form, a moment after the last change.
  useEffect(() => {
    setPreview(null);
    setFailure([]);
    if (plan === null) return undefined;
    let current = true;
    const timer = window.setTimeout(() => {
      setPreviewing(true);
      call("cable_bulk_preview", { plan, kind, colour })
        .then((result) => current && setPreview(result))
        .catch((error: unknown) => current && setFailure(refusalLines(t, error)))
        .finally(() => current && setPreviewing(false));
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // planKey is the plan's identity: the plan object is new on every render.
  }, [planKey]);

  const problems = preview?.[0].problems ?? [];
  const rows = preview?.[1] ?? [];
  const canCommit = plan !== null && rows.length > 0 && problems.length === 0 && !previewing;

  const commit = async () => {
    if (plan === null) return;
    setBusy(true);
    setFailure([]);
    try {
      const ids = await call("cable_bulk_commit", { plan, kind, colour });
      toast(t("cable.bulk.done", { count: ids.length }), "success");
      props.onPlanned(ids);
    } catch (error) {
      setFailure(refusalLines(t, error));
    } finally {
      setBusy(false);
    }
  };

  if (hasRacks === false) {
    return (
      <Dialog
        title={t("cable.bulk.title")}
        onClose={props.onClose}
        testId="bulk-dialog"
        footer={<Button onClick={props.onClose}>{t("common.close")}</Button>}
      >
        <NoRacksYet onGo={props.onClose} testId="bulk-no-racks" />
      </Dialog>
    );
  }
  return (
    <Dialog
      title={t("cable.bulk.title")}
      onClose={props.onClose}
      size="lg"
      testId="bulk-dialog"
      footer={
        <>
          <span className="dialog-footer-note" data-testid="bulk-summary">
            {previewing ? (
              <Spinner size={14} label={t("cable.bulk.previewing")} />
            ) : preview !== null ? (
              t("cable.bulk.summary", { count: rows.length, problems: problems.length })
            ) : (
              t("cable.bulk.fillIn")
            )}
          </span>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={!canCommit}
            onClick={() => void commit()}
            data-testid="bulk-commit"
          >
            {t("cable.bulk.commit", { count: rows.length })}
          </Button>
        </>
      }
    >
      <div className="segmented" role="group" aria-label={t("cable.bulk.mode")}>
        {(["range", "rack"] as const).map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={mode === option}
            className="segmented-item"
            data-testid={`bulk-mode-${option}`}
            onClick={() => setMode(option)}
          >
            {t(`cable.bulk.mode.${option}`)}
          </button>
        ))}
      </div>
      <p className="muted">{t(`cable.bulk.help.${mode}`)}</p>
      <div className="end-pickers">
        {mode === "range" ? (
          <EndPicker legend={t("cable.bulk.fromA")} value={a} onChange={setA} testId="bulk-a" />
        ) : (
          <fieldset className="end-picker">
            <legend>{t("cable.bulk.fromRack")}</legend>
            <Field label={t("cable.end.rack")}>
              <select
                value={rack}
                data-testid="bulk-rack"
                onChange={(event) => setRack(event.target.value)}
              >
                <option value="">{t("cable.end.chooseRack")}</option>
                <RackOptions />
              </select>
            </Field>
            <Field label={t("cable.bulk.portName")} hint={t("cable.bulk.portNameHint")}>
              <input
                value={port}
                data-testid="bulk-port"
                onChange={(event) => setPort(event.target.value)}
              />
            </Field>
          </fieldset>
        )}
        <EndPicker legend={t("cable.bulk.toB")} value={b} onChange={setB} testId="bulk-b" />
      </div>
      <div className="form-row">
        {mode === "range" && (
          <Field label={t("cable.bulk.count")}>
            <input
              value={count}
              inputMode="numeric"
              data-testid="bulk-count"
              onChange={(event) => setCount(event.target.value.replace(/\D/g, ""))}
            />
          </Field>
        )}
        <Field label={t("cable.field.kind")}>
          <select
            value={kind}
            data-testid="bulk-kind"
            onChange={(event) => setKind(event.target.value as CableKind)}
          >
            {cableKinds.map((option) => (
              <option key={option} value={option}>
                {kindText(option)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("cable.field.colour")}>
          <input value={colour} onChange={(event) => setColour(event.target.value)} />
        </Field>
      </div>
      {preview !== null && preview[0].short_by > 0 && (
        <p className="banner banner-warning" data-testid="bulk-short">
          {t("cable.bulk.short", { count: preview[0].short_by })}
        </p>
      )}
      {failure.length > 0 && <ProblemList lines={failure} />}
      {rows.length > 0 && (
        <div className="bulk-preview" data-testid="bulk-preview">
          <table className="plain-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t("cable.col.label")}</th>
                <th>{t("cable.endA")}</th>
                <th>{t("cable.endB")}</th>
                <th>{t("cable.bulk.check")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const own = problems.filter(([at]) => at === index);
                return (
                  <tr
                    key={row.id}
                    className={own.length > 0 ? "row-problem" : undefined}
                    data-testid="bulk-row"
                  >
                    <td className="num">{index + 1}</td>
                    <td className="mono">{row.label}</td>
                    <td>{endText(t, row.a)}</td>
                    <td>{endText(t, row.b)}</td>
                    <td>
                      {own.length === 0
                        ? t("cable.bulk.ok")
                        : own.map(([, problem]) => problemText(t, problem)).join(" · ")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
