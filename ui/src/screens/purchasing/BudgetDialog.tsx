// Add or edit a budget: the year, the budget line (its name, kind and finance code), the
// amount in won as typed (Rust reads '1,000,000' and '₩1,000,000원' and refuses 'abc' or
// '1.5' at the field), the policy when a request would overdraw it, notes.
import { useEffect, useRef, useState } from "react";
import type { Budget } from "../../bindings/Budget";
import type { BudgetInput } from "../../bindings/BudgetInput";
import type { BudgetLineKind } from "../../bindings/BudgetLineKind";
import type { BudgetPolicy } from "../../bindings/BudgetPolicy";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { type MessageKey, type Translate, useT } from "../../i18n";
import { call, CommandError } from "../../ipc";
import { useRefusal } from "../../lib/problems";

export const budgetLineKinds: readonly BudgetLineKind[] = ["cost_centre", "project", "category"];
export const budgetPolicies: readonly BudgetPolicy[] = ["stop", "warn", "allow"];

const budgetFields = ["year", "line", "line_kind", "code", "amount_krw", "policy", "notes"];

function budgetFieldLabel(t: Translate, field: string): string | undefined {
  return budgetFields.includes(field) ? t(`budget.field.${field}` as MessageKey) : undefined;
}

/** The form's values of a stored budget. */
export function budgetInput(budget: Budget): BudgetInput {
  return {
    year: String(budget.year),
    line: budget.line,
    line_kind: budget.line_kind,
    code: budget.code,
    amount_krw: String(budget.amount_krw),
    policy: budget.policy,
    notes: budget.notes,
  };
}

/**
 * Core words an amount over its limit with the code `too_large`, which the catalogue words
 * for a CSV file; the amount's own words are `budget_too_large`.
 */
function amountWords(failure: unknown): unknown {
  if (!(failure instanceof CommandError)) return failure;
  return new CommandError(failure.command, failure.kind, failure.message, {
    problems: failure.problems.map((problem) =>
      problem.field === "amount_krw" && problem.code === "too_large"
        ? { ...problem, code: "budget_too_large" }
        : problem,
    ),
  });
}

export function BudgetDialog(props: {
  budget: Budget | null;
  year: number;
  onClose: () => void;
  onSaved: (budget: Budget) => void;
}) {
  const t = useT();
  const toast = useToast();
  const initial: BudgetInput =
    props.budget !== null
      ? budgetInput(props.budget)
      : {
          year: String(props.year),
          line: "",
          line_kind: "cost_centre",
          code: "",
          amount_krw: "",
          policy: "warn",
          notes: "",
        };
  const [form, setForm] = useState(initial);
  const set = (change: Partial<BudgetInput>) => setForm((current) => ({ ...current, ...change }));
  const { busy, refused, run } = useRefusal(budgetFields, budgetFieldLabel);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (Object.keys(refused.fields).length === 0) return;
    body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  const save = async () => {
    const budget = props.budget;
    let saved: Budget | undefined;
    const done = await run(async () => {
      try {
        saved =
          budget === null
            ? await call("budget_add", { input: form })
            : await call("budget_edit", { id: budget.id, input: form });
      } catch (failure) {
        throw amountWords(failure);
      }
    });
    if (done && saved !== undefined) {
      const title = `${saved.year} ${saved.line}`;
      toast(t(budget === null ? "budget.added" : "budget.saved", { title }), "success");
      props.onSaved(saved);
    }
  };

  return (
    <Dialog
      title={t(props.budget === null ? "budget.addTitle" : "budget.editTitle")}
      onClose={props.onClose}
      testId="budget-dialog"
      dirty={JSON.stringify(form) !== JSON.stringify(initial)}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="budget-save"
          >
            {t("common.save")}
          </Button>
        </>
      }
    >
      <div className="vendor-form" ref={body}>
        <div className="form-row">
          <Field label={t("budget.field.year")} error={refused.fields.year} required>
            <input
              value={form.year}
              inputMode="numeric"
              data-testid="budget-field-year"
              onChange={(event) => set({ year: event.target.value })}
            />
          </Field>
          <Field label={t("budget.field.line_kind")} error={refused.fields.line_kind}>
            <select
              value={form.line_kind}
              data-testid="budget-field-line_kind"
              onChange={(event) => set({ line_kind: event.target.value as BudgetLineKind })}
            >
              {budgetLineKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`budget.kind.${kind}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="form-row">
          <Field label={t("budget.field.line")} error={refused.fields.line} required>
            <input
              value={form.line}
              data-autofocus
              data-testid="budget-field-line"
              onChange={(event) => set({ line: event.target.value })}
            />
          </Field>
          <Field label={t("budget.field.code")} error={refused.fields.code}>
            <input
              value={form.code}
              className="mono"
              data-testid="budget-field-code"
              onChange={(event) => set({ code: event.target.value })}
            />
          </Field>
        </div>
        <div className="form-row">
          <Field
            label={t("budget.field.amount_krw")}
            error={refused.fields.amount_krw}
            hint={t("budget.field.amountHint")}
            required
            testId="budget-field-amount_krw-wrap"
          >
            <input
              value={form.amount_krw}
              inputMode="numeric"
              className="tabular"
              data-testid="budget-field-amount_krw"
              onChange={(event) => set({ amount_krw: event.target.value })}
            />
          </Field>
          <Field
            label={t("budget.field.policy")}
            error={refused.fields.policy}
            hint={t(`budget.policyHint.${form.policy}`)}
          >
            <select
              value={form.policy}
              data-testid="budget-field-policy"
              onChange={(event) => set({ policy: event.target.value as BudgetPolicy })}
            >
              {budgetPolicies.map((policy) => (
                <option key={policy} value={policy}>
                  {t(`budget.policy.${policy}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label={t("budget.field.notes")} error={refused.fields.notes}>
          <textarea
            value={form.notes}
            rows={2}
            data-testid="budget-field-notes"
            onChange={(event) => set({ notes: event.target.value })}
          />
        </Field>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="budget-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
