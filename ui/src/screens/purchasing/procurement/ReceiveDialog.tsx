// Receive one order (입고): a scan field like the floor audit's (a keyboard-wedge scanner types
// the serial and Enter; so may a person), each serial listed under its line, a serial scanned
// twice or one more than ordered refused on the spot with the reason, accepted and rejected
// counts per line. Writing it creates an asset for every accepted hardware unit (Rust), or
// nothing with every reason (a serial already in the register names its asset).
import { useRef, useState } from "react";
import type { ReceiptOutcome } from "../../../bindings/ReceiptOutcome";
import type { RequestView } from "../../../bindings/RequestView";
import { Button } from "../../../components/Button";
import { DateInput } from "../../../components/DateInput";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { Icon } from "../../../components/Icon";
import { useToast } from "../../../components/Toast";
import { type Translate, useT } from "../../../i18n";
import { call } from "../../../ipc";
import { localDate } from "../../../lib/format";
import { useRefusal } from "../../../lib/problems";
import {
  acceptedOf,
  receiptInput,
  receivingLines,
  rejectedOf,
  remainingOf,
  scan,
  scanTarget,
  type ReceivingLine,
  type ScanResult,
} from "./receiving";

function answerText(t: Translate, answer: ScanResult): string {
  switch (answer.result) {
    case "added":
      return t("proc.receive.scanned", {
        serial: answer.serial,
        line: answer.line,
        count: answer.count,
        ordered: answer.ordered,
      });
    case "duplicate":
      return t("proc.receive.duplicate", { serial: answer.serial });
    case "full":
      return t("proc.receive.full", { line: answer.line, ordered: answer.ordered });
    case "not_serialised":
      return t("proc.receive.notHardware", { line: answer.line });
    case "empty":
      return "";
  }
}

/**
 * The scan field: Enter (the scanner's or a person's) ends a serial; the field keeps the focus
 * for the next one and shows the last answer, green when taken, red when refused.
 */
export function ReceiptScanField(props: {
  onScan: (code: string) => ScanResult;
  disabled?: boolean;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState("");
  const [answer, setAnswer] = useState<ScanResult | null>(null);
  const submit = () => {
    const result = props.onScan(code);
    setCode("");
    if (result.result !== "empty") setAnswer(result);
    input.current?.focus();
  };
  const refused = answer !== null && answer.result !== "added";
  return (
    <div className="scan-box">
      <div className="scan-form">
        <Icon name="search" />
        <input
          ref={input}
          className="scan-input"
          value={code}
          data-autofocus
          disabled={props.disabled}
          placeholder={t("proc.receive.scanPlaceholder")}
          aria-label={t("proc.receive.scanLabel")}
          data-testid="receive-scan-input"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setCode(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              submit();
            }
          }}
        />
        <Button onClick={submit} disabled={props.disabled} data-testid="receive-scan-submit">
          {t("proc.receive.scanAdd")}
        </Button>
      </div>
      {answer !== null && (
        <p
          className={`scan-answer ${refused ? "scan-bad" : "scan-ok"}`}
          role={refused ? "alert" : "status"}
          data-testid="receive-scan-answer"
          data-result={answer.result}
        >
          {answerText(t, answer)}
        </p>
      )}
    </div>
  );
}

export function ReceiveDialog(props: {
  view: RequestView;
  order: string;
  onClose: () => void;
  onReceived?: (outcome: ReceiptOutcome) => void;
}) {
  const t = useT();
  const toast = useToast();
  const order = props.view.request.orders[props.order];
  const [lines, setLines] = useState<ReceivingLine[]>(() =>
    receivingLines(props.view.request, props.order),
  );
  const [current, setCurrent] = useState(() => scanTarget(lines, lines[0]?.key ?? ""));
  const [receivedOn, setReceivedOn] = useState(localDate());
  const [note, setNote] = useState("");
  const sent = useRef<ReceivingLine[]>([]);
  const label = (_: Translate, field: string) => {
    const at = /^lines\.(\d+)/.exec(field);
    if (at === null) return undefined;
    return sent.current[Number(at[1])]?.description;
  };
  const { busy, refused, run } = useRefusal(["received_on", "note"], label);
  const touched = lines.some((line) => acceptedOf(line) > 0 || rejectedOf(line) > 0);

  const onScan = (code: string): ScanResult => {
    const outcome = scan(lines, current, code);
    if (outcome.answer.result === "added") {
      setLines(outcome.lines);
      setCurrent(scanTarget(outcome.lines, current));
    }
    return outcome.answer;
  };
  const setLine = (key: string, change: Partial<ReceivingLine>) =>
    setLines((list) => list.map((line) => (line.key === key ? { ...line, ...change } : line)));

  const save = async () => {
    const input = receiptInput(lines, receivedOn, note);
    sent.current = input.lines.map(
      (given) => lines.find((line) => line.key === given.line) as ReceivingLine,
    );
    let outcome: ReceiptOutcome | undefined;
    const done = await run(async () => {
      outcome = await call("purchase_receive", {
        id: props.view.request.id,
        order: props.order,
        today: localDate(),
        input,
      });
    });
    if (done && outcome !== undefined) {
      toast(t("proc.receive.saved", { count: outcome.assets.length }), "success");
      props.onReceived?.(outcome);
      props.onClose();
    }
  };
  const totals = lines.reduce(
    (sum, line) => ({
      accepted: sum.accepted + acceptedOf(line),
      rejected: sum.rejected + rejectedOf(line),
    }),
    { accepted: 0, rejected: 0 },
  );
  const serialised = lines.some((line) => line.serialised);

  return (
    <Dialog
      title={t("proc.receive.title", { number: order?.number ?? props.order })}
      onClose={props.onClose}
      size="lg"
      testId="receive-dialog"
      dirty={touched || note !== ""}
      footer={
        <>
          <span className="footer-hint" data-testid="receive-counts">
            {t("proc.receive.counts", totals)}
          </span>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={!touched}
            onClick={() => void save()}
            data-testid="receive-save"
          >
            {t("proc.receive.save")}
          </Button>
        </>
      }
    >
      <div className="proc-form">
        {serialised && (
          <>
            <Field label={t("proc.receive.scanInto")}>
              <select
                value={current}
                data-testid="receive-scan-line"
                onChange={(event) => setCurrent(event.target.value)}
              >
                {lines
                  .filter((line) => line.serialised)
                  .map((line) => (
                    <option key={line.key} value={line.key}>
                      {line.description} ({line.before + line.serials.length}/{line.ordered})
                    </option>
                  ))}
              </select>
            </Field>
            <ReceiptScanField onScan={onScan} disabled={busy} />
          </>
        )}
        <table className="plain-table proc-receive-table" data-testid="receive-lines">
          <thead>
            <tr>
              <th>{t("proc.receive.line")}</th>
              <th className="num">{t("proc.receive.ordered")}</th>
              <th className="num">{t("proc.receive.before")}</th>
              <th className="num">{t("proc.receive.accepted")}</th>
              <th className="num">{t("proc.receive.rejected")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr
                key={line.key}
                data-testid="receive-line"
                data-line={line.key}
                data-remaining={remainingOf(line)}
                className={line.key === current && line.serialised ? "is-current" : undefined}
              >
                <td>
                  <div>{line.description}</div>
                  {line.serialised && (
                    <ul
                      className="proc-serials"
                      aria-label={t("proc.receive.serials", { count: line.serials.length })}
                    >
                      {line.serials.map((serial) => (
                        <li key={serial} data-testid="receive-serial" data-serial={serial}>
                          <span className="mono">{serial}</span>
                          <button
                            type="button"
                            className="icon-btn"
                            aria-label={t("proc.receive.remove", { serial })}
                            title={t("proc.receive.remove", { serial })}
                            onClick={() =>
                              setLine(line.key, {
                                serials: line.serials.filter((taken) => taken !== serial),
                              })
                            }
                          >
                            <Icon name="x" size={12} />
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="num mono">{line.ordered}</td>
                <td className="num mono">{line.before}</td>
                <td className="num mono" data-testid="receive-accepted" data-line={line.key}>
                  {line.serialised ? (
                    acceptedOf(line)
                  ) : (
                    <input
                      type="number"
                      min={0}
                      step={1}
                      className="proc-count"
                      value={line.counted}
                      aria-label={t("proc.receive.acceptedFor", { line: line.description })}
                      data-testid="receive-counted"
                      onChange={(event) => setLine(line.key, { counted: event.target.value })}
                    />
                  )}
                </td>
                <td className="num">
                  <input
                    type="number"
                    min={0}
                    step={1}
                    className="proc-count"
                    value={line.rejected}
                    aria-label={t("proc.receive.rejectedFor", { line: line.description })}
                    data-testid="receive-rejected"
                    data-line={line.key}
                    onChange={(event) => setLine(line.key, { rejected: event.target.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form-row">
          <Field label={t("proc.receive.receivedOn")} error={refused.fields.received_on}>
            <DateInput value={receivedOn} onChange={setReceivedOn} testId="receive-received-on" />
          </Field>
          <Field label={t("proc.receive.note")} error={refused.fields.note}>
            <input
              value={note}
              data-testid="receive-note"
              onChange={(event) => setNote(event.target.value)}
            />
          </Field>
        </div>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="receive-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
