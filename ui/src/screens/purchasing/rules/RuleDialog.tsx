// Add or edit an approval rule (결재선 규칙): its name, the amount band in won as typed (Rust
// reads '5,000,000' and refuses 'abc' at the field), the kinds it covers (none: every kind),
// the ordered steps — each 검토, 합의 (several people in parallel) or 결재 with one or more
// approvers —, who is copied (참조), 전결 below a threshold to a named person, and the step an
// edit of what was approved returns to. Problems show at their fields, a step's at its row.
import { useEffect, useRef, useState } from "react";
import type { ApprovalRule } from "../../../bindings/ApprovalRule";
import type { LineKind } from "../../../bindings/LineKind";
import type { RuleInput } from "../../../bindings/RuleInput";
import type { StepKind } from "../../../bindings/StepKind";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { Icon } from "../../../components/Icon";
import { useToast } from "../../../components/Toast";
import { type MessageKey, type Translate, useT } from "../../../i18n";
import { call } from "../../../ipc";
import { useRefusal } from "../../../lib/problems";
import { PeopleInput, PersonInput, useRosterPeople } from "./people";

export const lineKinds: readonly LineKind[] = ["hardware", "software", "licence", "service"];
export const stepKinds: readonly StepKind[] = ["review", "agree", "approve"];

const ruleFields = [
  "name",
  "min_krw",
  "max_krw",
  "kinds",
  "steps",
  "cc",
  "delegate_below_krw",
  "delegate_to",
  "return_to",
];

function ruleFieldLabel(t: Translate, field: string): string | undefined {
  const step = /^steps\.(\d+)$/.exec(field);
  if (step !== null) return t("rules.field.step", { n: Number(step[1]) + 1 });
  return ruleFields.includes(field) ? t(`rules.field.${field}` as MessageKey) : undefined;
}

/** The form's values of a stored rule. */
export function ruleInput(rule: ApprovalRule): RuleInput {
  return {
    name: rule.name,
    min_krw: String(rule.min_krw),
    max_krw: rule.max_krw === null ? "" : String(rule.max_krw),
    kinds: [...rule.kinds],
    steps: rule.steps.map((step) => ({ kind: step.kind, approvers: [...step.approvers] })),
    cc: [...rule.cc],
    delegate_below_krw: rule.delegate_below_krw === null ? "" : String(rule.delegate_below_krw),
    delegate_to: rule.delegate_to,
    return_to: rule.return_to,
  };
}

const newRule: RuleInput = {
  name: "",
  min_krw: "",
  max_krw: "",
  kinds: [],
  steps: [{ kind: "approve", approvers: [] }],
  cc: [],
  delegate_below_krw: "",
  delegate_to: null,
  return_to: 0,
};

export function RuleDialog(props: {
  rule: ApprovalRule | null;
  onClose: () => void;
  onSaved: (rule: ApprovalRule) => void;
}) {
  const t = useT();
  const toast = useToast();
  const people = useRosterPeople();
  const [initial] = useState(() => (props.rule === null ? newRule : ruleInput(props.rule)));
  const [form, setForm] = useState(initial);
  const set = (change: Partial<RuleInput>) => setForm((current) => ({ ...current, ...change }));
  const stepFields = form.steps.map((_, at) => `steps.${at}`);
  const { busy, refused, run } = useRefusal([...ruleFields, ...stepFields], ruleFieldLabel);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (Object.keys(refused.fields).length === 0) return;
    body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  const setStep = (at: number, change: Partial<RuleInput["steps"][number]>) =>
    set({
      steps: form.steps.map((step, index) => (index === at ? { ...step, ...change } : step)),
    });
  const moveStep = (at: number, by: number) => {
    const steps = [...form.steps];
    const [step] = steps.splice(at, 1);
    steps.splice(at + by, 0, step!);
    set({ steps });
  };
  const removeStep = (at: number) =>
    set({
      steps: form.steps.filter((_, index) => index !== at),
      return_to: Math.min(form.return_to, Math.max(form.steps.length - 2, 0)),
    });

  const save = async () => {
    const id = props.rule?.id ?? null;
    let saved: ApprovalRule | undefined;
    const done = await run(async () => {
      saved = await call("approval_rule_put", { id, input: form });
    });
    if (done && saved !== undefined) {
      toast(t(id === null ? "rules.added" : "rules.saved", { name: saved.name }), "success");
      props.onSaved(saved);
    }
  };

  return (
    <Dialog
      title={t(props.rule === null ? "rules.addTitle" : "rules.editTitle")}
      onClose={props.onClose}
      testId="rule-dialog"
      dirty={JSON.stringify(form) !== JSON.stringify(initial)}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button variant="primary" busy={busy} onClick={() => void save()} data-testid="rule-save">
            {t("common.save")}
          </Button>
        </>
      }
    >
      <div className="vendor-form" ref={body}>
        {people !== null && people !== undefined && people.length === 0 && (
          <p className="banner banner-warning" role="status" data-testid="rules-no-roster">
            {t("rules.noRoster")}
          </p>
        )}
        <Field label={t("rules.field.name")} error={refused.fields.name} required>
          <input
            value={form.name}
            data-autofocus
            data-testid="rule-field-name"
            onChange={(event) => set({ name: event.target.value })}
          />
        </Field>
        <div className="form-row">
          <Field
            label={t("rules.field.min_krw")}
            error={refused.fields.min_krw}
            testId="rule-field-min_krw-wrap"
          >
            <input
              value={form.min_krw}
              inputMode="numeric"
              className="tabular"
              placeholder="0"
              data-testid="rule-field-min_krw"
              onChange={(event) => set({ min_krw: event.target.value })}
            />
          </Field>
          <Field
            label={t("rules.field.max_krw")}
            error={refused.fields.max_krw}
            hint={t("rules.field.maxHint")}
            testId="rule-field-max_krw-wrap"
          >
            <input
              value={form.max_krw}
              inputMode="numeric"
              className="tabular"
              data-testid="rule-field-max_krw"
              onChange={(event) => set({ max_krw: event.target.value })}
            />
          </Field>
        </div>
        <fieldset className="rules-kinds" aria-invalid={refused.fields.kinds !== undefined}>
          <legend className="field-label">{t("rules.field.kinds")}</legend>
          {lineKinds.map((kind) => (
            <label key={kind} className="checkbox-line">
              <input
                type="checkbox"
                checked={form.kinds.includes(kind)}
                data-testid={`rule-kind-${kind}`}
                onChange={(event) =>
                  set({
                    kinds: event.target.checked
                      ? lineKinds.filter((k) => k === kind || form.kinds.includes(k))
                      : form.kinds.filter((k) => k !== kind),
                  })
                }
              />
              {t(`request.kind.${kind}`)}
            </label>
          ))}
          <span className="field-hint">{refused.fields.kinds ?? t("rules.field.kindsHint")}</span>
        </fieldset>
        <fieldset className="rules-steps" data-testid="rule-steps">
          <legend className="field-label">{t("rules.field.steps")}</legend>
          {form.steps.map((step, at) => {
            const n = at + 1;
            const error = refused.fields[`steps.${at}`];
            return (
              <div key={at} className="rules-step" data-testid="rule-step">
                <div className="rules-step-row">
                  <span className="rules-step-n tabular">{n}</span>
                  <select
                    value={step.kind}
                    aria-label={t("rules.field.stepKind", { n })}
                    data-testid="rule-step-kind"
                    onChange={(event) => setStep(at, { kind: event.target.value })}
                  >
                    {stepKinds.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`request.step.${kind}`)}
                      </option>
                    ))}
                  </select>
                  <PeopleInput
                    people={people}
                    value={step.approvers}
                    onChange={(approvers) => setStep(at, { approvers })}
                    testId="rule-step-approvers"
                    aria-invalid={error !== undefined}
                  />
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t("rules.stepUp", { n })}
                    disabled={at === 0}
                    onClick={() => moveStep(at, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t("rules.stepDown", { n })}
                    disabled={at === form.steps.length - 1}
                    onClick={() => moveStep(at, 1)}
                  >
                    ↓
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t("rules.stepRemove", { n })}
                    disabled={form.steps.length === 1}
                    onClick={() => removeStep(at)}
                    icon={<Icon name="x" size={12} />}
                  />
                </div>
                {error !== undefined ? (
                  <p className="field-error" role="alert" data-testid="rule-step-error">
                    {error}
                  </p>
                ) : (
                  <p className="field-hint">
                    {step.kind === "agree"
                      ? t("rules.agreeHint")
                      : people === null
                        ? t("rules.peopleHint")
                        : ""}
                  </p>
                )}
              </div>
            );
          })}
          {refused.fields.steps !== undefined && (
            <p className="field-error" role="alert">
              {refused.fields.steps}
            </p>
          )}
          <Button
            size="sm"
            icon={<Icon name="plus" size={14} />}
            onClick={() => set({ steps: [...form.steps, { kind: "approve", approvers: [] }] })}
            data-testid="rule-step-add"
          >
            {t("rules.stepAdd")}
          </Button>
        </fieldset>
        <Field
          label={t("rules.field.cc")}
          error={refused.fields.cc}
          hint={people === null ? t("rules.peopleHint") : undefined}
        >
          <PeopleInput
            people={people}
            value={form.cc}
            onChange={(cc) => set({ cc })}
            testId="rule-field-cc"
          />
        </Field>
        <div className="form-row">
          <Field
            label={t("rules.field.delegate_below_krw")}
            error={refused.fields.delegate_below_krw}
            hint={t("rules.field.delegateHint")}
          >
            <input
              value={form.delegate_below_krw}
              inputMode="numeric"
              className="tabular"
              data-testid="rule-field-delegate_below_krw"
              onChange={(event) => set({ delegate_below_krw: event.target.value })}
            />
          </Field>
          <Field
            label={t("rules.field.delegate_to")}
            error={refused.fields.delegate_to}
            testId="rule-field-delegate_to-wrap"
          >
            <PersonInput
              people={people}
              value={form.delegate_to}
              onChange={(delegate_to) => set({ delegate_to })}
              testId="rule-field-delegate_to"
            />
          </Field>
        </div>
        <Field label={t("rules.field.return_to")} error={refused.fields.return_to}>
          <select
            value={form.return_to}
            data-testid="rule-field-return_to"
            onChange={(event) => set({ return_to: Number(event.target.value) })}
          >
            {form.steps.map((step, at) => (
              <option key={at} value={at}>
                {t("rules.stepOption", {
                  n: at + 1,
                  kind: t(`request.step.${step.kind as StepKind}`),
                })}
              </option>
            ))}
          </select>
        </Field>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="rule-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
