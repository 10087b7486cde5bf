import { useRef, useState } from "react";
import type { ScanAnswer } from "../../bindings/ScanAnswer";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { scanAnswerText, scanTone } from "./auditText";

/**
 * The scan field: a keyboard-wedge barcode or QR scanner types the code and Enter into it, as
 * does a person. It keeps the focus after each scan, so the next code goes in too; the last
 * answer stays on screen, large, in the colour of what it means. Codes arriving while one is
 * being written queue behind it.
 */
export function ScanField(props: {
  audit: string;
  disabled: boolean;
  onAnswer: (answer: ScanAnswer) => void;
  onRegister: (code: string) => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [code, setCode] = useState("");
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (typed: string) => {
    const scanned = typed.trim();
    setCode("");
    if (scanned === "") return;
    queue.current = queue.current.then(async () => {
      try {
        const reply = await call("audit_scan", { id: props.audit, code: scanned });
        setAnswer(reply);
        setFailure(null);
        props.onAnswer(reply);
      } catch (error) {
        setFailure(describeError(t, error));
      }
      input.current?.focus();
    });
  };

  return (
    <div className="scan-box">
      <form
        className="scan-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit(code);
        }}
      >
        <Icon name="search" />
        <input
          ref={input}
          className="scan-input"
          value={code}
          autoFocus
          disabled={props.disabled}
          placeholder={t("audit.scan.placeholder")}
          aria-label={t("audit.scan.label")}
          data-testid="audit-scan-input"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setCode(event.target.value)}
        />
        <Button type="submit" disabled={props.disabled} data-testid="audit-scan-submit">
          {t("audit.scan.submit")}
        </Button>
      </form>
      {failure !== null && (
        <p className="scan-answer scan-bad" role="alert" data-testid="audit-scan-error">
          {failure}
        </p>
      )}
      {failure === null && answer !== null && (
        <div
          className={`scan-answer scan-${scanTone(answer)}`}
          role="status"
          data-testid="audit-scan-answer"
          data-result={answer.result}
        >
          <span>{scanAnswerText(t, answer)}</span>
          {answer.result === "unknown" && (
            <Button
              variant="primary"
              onClick={() => props.onRegister(answer.code)}
              data-testid="audit-register-open"
            >
              {t("audit.register.open")}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
