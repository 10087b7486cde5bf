// A new purchase request, saved as a draft (or an existing one changed, its lines keeping
// their keys so approvals of what did not change still hold): title, department, needed-by date, the budget
// line it charges, the justification, and its lines (what, kind, maker and part number,
// quantity, unit, estimated unit price and currency; a rate per foreign currency). Rust
// checks every value and refuses at its field, a line's under that line.
import { useState } from "react";
import type { LineInput } from "../../bindings/LineInput";
import type { LineKind } from "../../bindings/LineKind";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import type { RequestInput } from "../../bindings/RequestInput";
import type { RequestView } from "../../bindings/RequestView";
import { Button } from "../../components/Button";
import { DateInput } from "../../components/DateInput";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { type MessageKey, type Translate, useT } from "../../i18n";
import { call } from "../../ipc";
import { formatAmount, localDate } from "../../lib/format";
import type { Money } from "../../lib/dto";
import { useRefusal } from "../../lib/problems";
import { useCommand } from "../../lib/useCommand";

export const lineKinds: readonly LineKind[] = ["hardware", "software", "licence", "service"];
const currencies = ["KRW", "USD", "EUR", "JPY", "CNY"] as const;
const lineParts = [
  "description",
  "kind",
  "manufacturer",
  "part_number",
  "quantity",
  "unit",
  "unit_price",
  "currency",
] as const;
const requestParts = ["title", "department", "needed_by", "budget", "justification", "rates"];

const noLine: LineInput = {
  key: "",
  description: "",
  kind: "hardware",
  manufacturer: "",
  part_number: "",
  device_type: "",
  quantity: "1",
  unit: "",
  unit_price: "",
  currency: "KRW",
};

function requestFieldLabel(t: Translate, field: string): string | undefined {
  const line = /^lines\.(\d+)\.(.+)$/.exec(field);
  if (line !== null) {
    return `${t("request.line", { n: Number(line[1]) + 1 })} · ${t(`request.line.${line[2]}` as MessageKey)}`;
  }
  return requestParts.includes(field) ? t(`request.field.${field}` as MessageKey) : undefined;
}

/** `USD=1385.2, EUR=1500` as the pairs core reads. */
export function parseRates(text: string): [string, string][] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const at = part.indexOf("=");
      return at < 0
        ? [part, ""]
        : [part.slice(0, at).trim().toUpperCase(), part.slice(at + 1).trim()];
    });
}

/** A request's rates as the field shows them: `USD=1385.2` (stored in ten-thousandths). */
function ratesText(request: PurchaseRequest): string {
  return Object.entries(request.rates)
    .map(([code, rate]) => `${code}=${Number(rate) / 10_000}`)
    .join(", ");
}

/** A request's lines as the form edits them, each keeping its key. */
export function linesOf(request: PurchaseRequest): LineInput[] {
  return Object.entries(request.lines)
    .sort(([, a], [, b]) => a.position - b.position)
    .map(([key, line]) => ({
      key,
      description: line.description,
      kind: line.kind,
      manufacturer: line.manufacturer,
      part_number: line.part_number,
      device_type: line.device_type,
      quantity: String(line.quantity),
      unit: line.unit,
      unit_price: formatAmount(
        { amount_minor: line.unit_price_minor, currency: line.currency as Money["currency"] },
        "en",
      ),
      currency: line.currency,
    }));
}

export function RequestDialog(props: {
  /** The request to change; none for a new draft. */
  editing?: PurchaseRequest;
  onClose: () => void;
  onSaved: (view: RequestView) => void;
}) {
  const t = useT();
  const toast = useToast();
  const budgets = useCommand("budget_list", { year: null });
  const editing = props.editing;
  const [initial] = useState(() => ({
    title: editing?.title ?? "",
    department: editing?.department ?? "",
    neededBy: editing?.needed_by ?? "",
    budget: editing?.budget ?? "",
    justification: editing?.justification ?? "",
    rates: editing === undefined ? "" : ratesText(editing),
    lines: editing === undefined ? [noLine] : linesOf(editing),
  }));
  const [title, setTitle] = useState(initial.title);
  const [department, setDepartment] = useState(initial.department);
  const [neededBy, setNeededBy] = useState(initial.neededBy);
  const [budget, setBudget] = useState(initial.budget);
  const [justification, setJustification] = useState(initial.justification);
  const [rates, setRates] = useState(initial.rates);
  const [lines, setLines] = useState<LineInput[]>(initial.lines);
  const fields = [
    ...requestParts,
    ...lines.flatMap((_, at) => lineParts.map((part) => `lines.${at}.${part}`)),
  ];
  const { busy, refused, run } = useRefusal(fields, requestFieldLabel);
  const setLine = (at: number, change: Partial<LineInput>) =>
    setLines((list) => list.map((line, i) => (i === at ? { ...line, ...change } : line)));
  const input: RequestInput = {
    title,
    department,
    needed_by: neededBy,
    justification,
    budget,
    rates: parseRates(rates),
    lines,
  };
  const dirty =
    title !== initial.title ||
    department !== initial.department ||
    neededBy !== initial.neededBy ||
    budget !== initial.budget ||
    justification !== initial.justification ||
    rates !== initial.rates ||
    JSON.stringify(lines) !== JSON.stringify(initial.lines);
  const save = async () => {
    let saved: RequestView | undefined;
    const done = await run(async () => {
      saved =
        editing === undefined
          ? await call("purchase_create", { input, today: localDate() })
          : await call("purchase_edit", { id: editing.id, input, today: localDate() });
    });
    if (done && saved !== undefined) {
      const number = saved.request.number;
      toast(t(editing === undefined ? "request.created" : "request.edited", { number }), "success");
      props.onSaved(saved);
    }
  };
  const lineError = (at: number) =>
    lineParts.map((part) => refused.fields[`lines.${at}.${part}`]).find((e) => e !== undefined);

  return (
    <Dialog
      title={
        editing === undefined
          ? t("request.addTitle")
          : t("request.editTitle", { number: editing.number })
      }
      onClose={props.onClose}
      size="lg"
      testId="request-dialog"
      dirty={dirty}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="request-save"
          >
            {editing === undefined ? t("request.saveDraft") : t("common.save")}
          </Button>
        </>
      }
    >
      <div className="vendor-form">
        <div className="form-row">
          <Field label={t("request.field.title")} error={refused.fields.title} required>
            <input
              value={title}
              data-autofocus
              data-testid="request-field-title"
              onChange={(event) => setTitle(event.target.value)}
            />
          </Field>
          <Field label={t("request.field.department")} error={refused.fields.department}>
            <input
              value={department}
              data-testid="request-field-department"
              onChange={(event) => setDepartment(event.target.value)}
            />
          </Field>
        </div>
        <div className="form-row">
          <Field
            label={t("request.field.needed_by")}
            error={refused.fields.needed_by}
            testId="request-field-needed_by-wrap"
          >
            <DateInput value={neededBy} onChange={setNeededBy} testId="request-field-needed_by" />
          </Field>
          <Field
            label={t("request.field.budget")}
            error={refused.fields.budget}
            hint={t("request.field.budgetHint")}
          >
            <select
              value={budget}
              data-testid="request-field-budget"
              onChange={(event) => setBudget(event.target.value)}
            >
              <option value="">{t("request.noBudget")}</option>
              {(budgets.data?.uses ?? []).map((use) => (
                <option key={use.budget.id} value={use.budget.id}>
                  {use.budget.year} {use.budget.line}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label={t("request.field.justification")} error={refused.fields.justification}>
          <textarea
            value={justification}
            rows={2}
            data-testid="request-field-justification"
            onChange={(event) => setJustification(event.target.value)}
          />
        </Field>
        <fieldset className="request-lines" data-testid="request-lines">
          <legend className="field-label">{t("request.lines")}</legend>
          {lines.map((line, at) => (
            <div key={at} className="request-line" data-testid="request-line">
              <div className="request-line-row">
                <input
                  value={line.description}
                  placeholder={t("request.line.description")}
                  aria-label={`${t("request.line", { n: at + 1 })} ${t("request.line.description")}`}
                  aria-invalid={refused.fields[`lines.${at}.description`] !== undefined}
                  data-testid="request-line-description"
                  onChange={(event) => setLine(at, { description: event.target.value })}
                />
                <select
                  value={line.kind}
                  aria-label={t("request.line.kind")}
                  data-testid="request-line-kind"
                  onChange={(event) => setLine(at, { kind: event.target.value })}
                >
                  {lineKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`request.kind.${kind}`)}
                    </option>
                  ))}
                </select>
                <input
                  value={line.manufacturer}
                  placeholder={t("request.line.manufacturer")}
                  aria-label={t("request.line.manufacturer")}
                  aria-invalid={refused.fields[`lines.${at}.manufacturer`] !== undefined}
                  data-testid="request-line-manufacturer"
                  onChange={(event) => setLine(at, { manufacturer: event.target.value })}
                />
                <input
                  value={line.part_number}
                  placeholder={t("request.line.part_number")}
                  aria-label={t("request.line.part_number")}
                  aria-invalid={refused.fields[`lines.${at}.part_number`] !== undefined}
                  data-testid="request-line-part_number"
                  onChange={(event) => setLine(at, { part_number: event.target.value })}
                />
              </div>
              <div className="request-line-row">
                <input
                  value={line.quantity}
                  inputMode="numeric"
                  placeholder={t("request.line.quantity")}
                  aria-label={t("request.line.quantity")}
                  aria-invalid={refused.fields[`lines.${at}.quantity`] !== undefined}
                  data-testid="request-line-quantity"
                  onChange={(event) => setLine(at, { quantity: event.target.value })}
                />
                <input
                  value={line.unit}
                  placeholder={t("request.line.unit")}
                  aria-label={t("request.line.unit")}
                  aria-invalid={refused.fields[`lines.${at}.unit`] !== undefined}
                  data-testid="request-line-unit"
                  onChange={(event) => setLine(at, { unit: event.target.value })}
                />
                <input
                  value={line.unit_price}
                  inputMode="decimal"
                  placeholder={t("request.line.unit_price")}
                  aria-label={t("request.line.unit_price")}
                  aria-invalid={refused.fields[`lines.${at}.unit_price`] !== undefined}
                  data-testid="request-line-unit_price"
                  onChange={(event) => setLine(at, { unit_price: event.target.value })}
                />
                <select
                  value={line.currency}
                  aria-label={t("request.line.currency")}
                  data-testid="request-line-currency"
                  onChange={(event) => setLine(at, { currency: event.target.value })}
                >
                  {currencies.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t("request.line.remove", { n: at + 1 })}
                  title={t("request.line.remove", { n: at + 1 })}
                  onClick={() => setLines((list) => list.filter((_, i) => i !== at))}
                >
                  <Icon name="x" size={14} />
                </button>
              </div>
              {lineError(at) !== undefined && (
                <p className="field-error" role="alert" data-testid="request-line-error">
                  {lineError(at)}
                </p>
              )}
            </div>
          ))}
          <Button
            size="sm"
            variant="ghost"
            icon={<Icon name="plus" size={14} />}
            onClick={() => setLines((list) => [...list, noLine])}
            data-testid="request-line-add"
          >
            {t("request.line.add")}
          </Button>
        </fieldset>
        <Field
          label={t("request.field.rates")}
          error={refused.fields.rates}
          hint={t("request.field.ratesHint")}
        >
          <input
            value={rates}
            data-testid="request-field-rates"
            onChange={(event) => setRates(event.target.value)}
          />
        </Field>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="request-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
