import { useEffect, useState } from "react";
import { Ident } from "../../components/Ident";
import type { CableEnd } from "../../bindings/CableEnd";
import type { CableRow } from "../../bindings/CableRow";
import type { CableStatus } from "../../bindings/CableStatus";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { FileLink } from "../../components/FileLink";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call, recordTestWithReport } from "../../ipc";
import { describeError } from "../../lib/errors";
import { readBytes } from "../../lib/files";
import { formatDateTime } from "../../lib/format";
import { RecordLink } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { CableLookFields, parseLength, ProblemList, type CableLook } from "./AddCableDialog";
import { CableStatusBadge } from "./CableStatusBadge";
import { endText } from "./cableText";
import { TracePath } from "./TracePath";
import { useRefusable } from "./useRefusable";

/** Where a person can move a cable by hand from each status (tested and failed come from tests). */
const nextSteps: Record<CableStatus, readonly CableStatus[]> = {
  planned: ["installed", "decommissioned"],
  installed: ["planned", "decommissioned"],
  tested: ["installed", "decommissioned"],
  failed: ["installed", "decommissioned"],
  decommissioned: ["planned"],
};

function lookOf(row: CableRow): CableLook {
  return {
    kind: row.kind,
    colour: row.colour,
    length: row.length === null ? "" : String(row.length),
    unit: row.length_unit,
  };
}

/**
 * One cable: its two ends (each can be traced), its details and label, its status steps,
 * its tests with the tester's reports, and the path a trace found.
 */
export function CableDetail(props: { id: string; onClose: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const cable = useCommand("cable_get", { id: props.id });
  const row = cable.data;
  const [look, setLook] = useState<CableLook | null>(null);
  const [label, setLabel] = useState("");
  const [notes, setNotes] = useState("");
  const { busy, problems, setProblems, run } = useRefusable();
  const [traceFrom, setTraceFrom] = useState<CableEnd | null>(null);

  // The form follows the cable when what it shows changed (saved here or elsewhere), not on
  // every refetch, so a sync arriving while someone types keeps what they typed.
  const shown = row === undefined ? "" : JSON.stringify([lookOf(row), row.label, row.route_notes]);
  useEffect(() => {
    if (row === undefined) return;
    setLook(lookOf(row));
    setLabel(row.label);
    setNotes(row.route_notes);
    setProblems([]);
  }, [shown]);
  useEffect(() => setTraceFrom(null), [props.id]);

  if (row === undefined || look === null) {
    return (
      <aside className="cable-detail" aria-busy="true">
        <p className="muted">{t("common.loading")}</p>
      </aside>
    );
  }
  const length = parseLength(look.length);
  const changed =
    JSON.stringify(look) !== JSON.stringify(lookOf(row)) ||
    label !== row.label ||
    notes !== row.route_notes;

  const save = () =>
    run(async () => {
      if (length === undefined) return;
      await call("cable_edit", {
        id: row.id,
        edit: {
          kind: look.kind,
          colour: look.colour,
          length,
          length_unit: look.unit,
          label,
          route_notes: notes,
        },
      });
      toast(t("cable.saved"), "success");
    });
  const setStatus = (status: CableStatus) =>
    run(() => call("cable_status", { ids: [row.id], status }));

  return (
    <aside className="cable-detail" data-testid="cable-detail" aria-label={row.label}>
      <header className="cable-detail-head">
        <div>
          <h3 className="mono" data-testid="cable-detail-label">
            <Ident text={row.label} />
          </h3>
          {row.label_b !== row.label && <p className="mono muted">{row.label_b}</p>}
        </div>
        <button
          type="button"
          className="icon-btn"
          onClick={props.onClose}
          aria-label={t("common.close")}
        >
          <Icon name="x" />
        </button>
      </header>
      <div className="cable-detail-status">
        <CableStatusBadge status={row.status} testId="cable-detail-status" />
        <span className="muted">
          {row.printed_at_ms === null
            ? t("cable.notPrinted")
            : t("cable.printedAt", { at: formatDateTime(row.printed_at_ms, language) })}
        </span>
        {row.needs_reprint && (
          <span
            className="cable-reprint"
            data-testid="cable-detail-reprint"
            title={t("cable.reprint")}
          >
            {t("cable.reprintShort")}
          </span>
        )}
      </div>
      <div className="cable-detail-actions">
        {nextSteps[row.status].map((status) => (
          <Button
            edits="records"
            key={status}
            size="sm"
            variant={status === "decommissioned" ? "ghost" : "secondary"}
            disabled={busy}
            onClick={() => void setStatus(status)}
            data-testid={`cable-to-${status}`}
          >
            {t(`cable.to.${status}`)}
          </Button>
        ))}
      </div>
      <dl className="cable-ends">
        {(
          [
            ["A", row.a],
            ["B", row.b],
          ] as const
        ).map(([side, end]) => (
          <div key={side}>
            <dt>{t(side === "A" ? "cable.endA" : "cable.endB")}</dt>
            <dd>
              <span data-testid={`cable-end-${side}`}>
                <RecordLink
                  record={`rack/${end.end.rack}`}
                  focus={end.end.placement}
                  testId={`cable-end-link-${side}`}
                >
                  {endText(t, end)}
                </RecordLink>
              </span>
              <span className="muted"> {end.port_kind}</span>
              <button
                type="button"
                className="link-btn"
                onClick={() => setTraceFrom(end.end)}
                data-testid={`cable-trace-${side}`}
              >
                <Icon name="route" size={14} /> {t("cable.trace")}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      {traceFrom !== null && <TracePath start={traceFrom} />}
      <section className="cable-form">
        <CableLookFields value={look} onChange={setLook} testId="cable-edit" />
        {length === undefined && <p className="field-error">{t("cable.field.lengthInvalid")}</p>}
        <Field label={t("cable.field.label")} hint={t("cable.field.labelHint")}>
          <input
            className="mono"
            value={label}
            data-testid="cable-edit-label"
            onChange={(event) => setLabel(event.target.value)}
          />
        </Field>
        <Field label={t("cable.field.routeNotes")}>
          <textarea rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
        </Field>
        <Button
          edits="records"
          variant="primary"
          size="sm"
          busy={busy}
          disabled={!changed || length === undefined}
          onClick={() => void save()}
          data-testid="cable-edit-save"
        >
          {t("common.save")}
        </Button>
      </section>
      {problems.length > 0 && <ProblemList lines={problems} />}
      <CableTests row={row} />
    </aside>
  );
}

/** The cable's tests, newest first, and a form to record one (with the tester's report). */
function CableTests({ row }: { row: CableRow }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const [passed, setPassed] = useState(true);
  const [tester, setTester] = useState("");
  const [measured, setMeasured] = useState("");
  const [loss, setLoss] = useState("");
  const [report, setReport] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const measuredValue = parseLength(measured);
  const lossValue = parseLength(loss);
  const disabled = row.status === "decommissioned";

  const record = async () => {
    if (measuredValue === undefined || lossValue === undefined) return;
    setBusy(true);
    const input = {
      passed,
      tester,
      at_ms: null,
      measured_length_m: measuredValue,
      loss_db: lossValue,
    };
    try {
      if (report === null) await call("cable_test", { id: row.id, input });
      else
        await recordTestWithReport(
          { id: row.id, input, name: report.name },
          await readBytes(report),
        );
      setMeasured("");
      setLoss("");
      setReport(null);
      toast(t(passed ? "cable.test.recordedPass" : "cable.test.recordedFail"), "success");
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="cable-tests" data-testid="cable-tests">
      <h4>{t("cable.test.title")}</h4>
      {row.tests.length === 0 ? (
        <p className="muted">{t("cable.test.none")}</p>
      ) : (
        <ul className="test-list">
          {[...row.tests].reverse().map((test, index) => (
            <li key={index} data-testid="cable-test-entry">
              <span className={test.passed ? "test-pass" : "test-fail"}>
                {t(test.passed ? "cable.test.pass" : "cable.test.fail")}
              </span>
              <span>{test.tester}</span>
              <span className="muted">{formatDateTime(test.at_ms, language)}</span>
              {test.measured_length_m !== null && <span>{test.measured_length_m} m</span>}
              {test.loss_db !== null && <span>{test.loss_db} dB</span>}
              {test.report !== null && (
                <FileLink
                  sha={test.report}
                  name={test.report_name ?? t("cable.test.report")}
                  testId="cable-test-report"
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <div className="test-form">
          <div className="segmented" role="group" aria-label={t("cable.test.result")}>
            <button
              type="button"
              className="segmented-item"
              aria-pressed={passed}
              data-testid="test-pass"
              onClick={() => setPassed(true)}
            >
              {t("cable.test.pass")}
            </button>
            <button
              type="button"
              className="segmented-item"
              aria-pressed={!passed}
              data-testid="test-fail"
              onClick={() => setPassed(false)}
            >
              {t("cable.test.fail")}
            </button>
          </div>
          <div className="form-row">
            <Field label={t("cable.test.tester")}>
              <input
                value={tester}
                placeholder={t("cable.test.testerHint")}
                onChange={(event) => setTester(event.target.value)}
              />
            </Field>
            <Field label={t("cable.test.measured")}>
              <input
                value={measured}
                inputMode="decimal"
                onChange={(event) => setMeasured(event.target.value)}
              />
            </Field>
            <Field label={t("cable.test.loss")}>
              <input
                value={loss}
                inputMode="decimal"
                onChange={(event) => setLoss(event.target.value)}
              />
            </Field>
          </div>
          <label className="file-line">
            <Icon name="paperclip" size={14} />
            <span>{report?.name ?? t("cable.test.attach")}</span>
            <input
              type="file"
              className="sr-only"
              onChange={(event) => setReport(event.target.files?.[0] ?? null)}
            />
          </label>
          <Button
            edits="records"
            size="sm"
            variant="primary"
            busy={busy}
            disabled={measuredValue === undefined || lossValue === undefined}
            onClick={() => void record()}
            data-testid="test-record"
          >
            {t("cable.test.record")}
          </Button>
        </div>
      )}
    </section>
  );
}
