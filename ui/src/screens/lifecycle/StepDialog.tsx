// The frame every lifecycle dialog shares: a form (Enter saves, Escape closes), its fields with
// the refusal under each, the lines about the asset as a whole, and Cancel / Save.
import { useState, type ReactNode } from "react";
import { DateInput } from "../../components/DateInput";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import type { Refusal } from "../../lib/problems";

export function StepDialog(props: {
  title: string;
  testId: string;
  busy: boolean;
  refused: Refusal;
  saveLabel: string;
  saveVariant?: "primary" | "danger";
  onSave: () => void;
  onClose: () => void;
  children: ReactNode;
  /** The form holds changes not saved: Escape and the close button ask first. Without it,
   * any field the user changed counts (every step dialog asks before throwing edits away). */
  dirty?: boolean;
}) {
  const t = useT();
  const [edited, setEdited] = useState(false);
  const formId = `${props.testId}-form`;
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId={props.testId}
      dirty={props.dirty ?? edited}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            type="submit"
            form={formId}
            variant={props.saveVariant ?? "primary"}
            busy={props.busy}
            data-testid={`${props.testId}-save`}
          >
            {props.saveLabel}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="form-stack"
        onChange={() => setEdited(true)}
        onSubmit={(event) => {
          event.preventDefault();
          props.onSave();
        }}
      >
        {props.children}
      </form>
      {props.refused.lines.length > 0 && (
        <ul className="problem-list" role="alert" data-testid="life-problems">
          {props.refused.lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

/** A text, date or number input labelled with its lifecycle field name. */
export function LifeInput(props: {
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  type?: "text" | "date" | "number";
  autoFocus?: boolean;
  multiline?: boolean;
}) {
  const common = {
    value: props.value,
    "data-testid": `life-${props.field}`,
    "data-autofocus": props.autoFocus || undefined,
  };
  return (
    <Field label={props.label} error={props.error} required={props.required}>
      {props.multiline === true ? (
        <textarea {...common} rows={3} onChange={(event) => props.onChange(event.target.value)} />
      ) : props.type === "date" ? (
        <DateInput
          value={props.value}
          onChange={props.onChange}
          testId={`life-${props.field}`}
          autoFocus={props.autoFocus}
        />
      ) : (
        <input
          {...common}
          type={props.type ?? "text"}
          inputMode={props.type === "number" ? "decimal" : undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A picker over a vocabulary; `codes` are its values, `label` turns one into words. */
export function LifeSelect<T extends string>(props: {
  field: string;
  label: string;
  value: T | "";
  codes: readonly T[];
  text: (code: T) => string;
  onChange: (value: T) => void;
  error?: string;
  required?: boolean;
  autoFocus?: boolean;
}) {
  const t = useT();
  return (
    <Field label={props.label} error={props.error} required={props.required}>
      <select
        value={props.value}
        data-testid={`life-${props.field}`}
        data-autofocus={props.autoFocus || undefined}
        onChange={(event) => props.onChange(event.target.value as T)}
      >
        {props.value === "" && <option value="">{t("life.choose")}</option>}
        {props.codes.map((code) => (
          <option key={code} value={code}>
            {props.text(code)}
          </option>
        ))}
      </select>
    </Field>
  );
}
