// Enter one vendor's quote (견적 입력): a unit price per line (empty: not quoted), lead time,
// warranty, validity, payment terms, notes and the vendor's own file. Prices and numbers go
// to Rust as typed, which refuses each bad one under its field (`prices.{line}` …).
import { useState } from "react";
import type { QuoteInput } from "../../../bindings/QuoteInput";
import type { RequestView } from "../../../bindings/RequestView";
import { Button } from "../../../components/Button";
import { DateInput } from "../../../components/DateInput";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { useToast } from "../../../components/Toast";
import { type Translate, useT } from "../../../i18n";
import { call, upload } from "../../../ipc";
import { currencies } from "../../../lib/dto";
import { readBytes } from "../../../lib/files";
import { localDate } from "../../../lib/format";
import { useRefusal } from "../../../lib/problems";

/** The largest quote file Rust keeps (MAX_QUOTE_FILE_BYTES). */
const maxFileBytes = 64 * 1024 * 1024;

/** The request's lines in its order. */
export function orderedLines(view: RequestView) {
  return Object.entries(view.request.lines)
    .sort(([, a], [, b]) => a.position - b.position)
    .map(([key, line]) => ({ key, ...line }));
}

export function QuoteDialog(props: {
  view: RequestView;
  vendor: { id: string; name: string };
  onClose: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const lines = orderedLines(props.view);
  const earlier = props.view.request.quotes[props.vendor.id];
  const [receivedOn, setReceivedOn] = useState(earlier?.received_on ?? localDate());
  const [currency, setCurrency] = useState<string>(earlier?.currency ?? "KRW");
  const [prices, setPrices] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      lines.map((line) => {
        const price = earlier?.prices[line.key];
        const digits = earlier?.currency === "KRW" || earlier?.currency === "JPY" ? 0 : 2;
        return [line.key, price === undefined ? "" : String(Number(price) / 10 ** digits)];
      }),
    ),
  );
  const [lead, setLead] = useState(earlier === undefined ? "" : String(earlier.lead_time_days));
  const [warranty, setWarranty] = useState(
    earlier === undefined ? "" : String(earlier.warranty_months),
  );
  const [validUntil, setValidUntil] = useState(earlier?.valid_until ?? "");
  const [terms, setTerms] = useState(earlier?.payment_terms ?? "");
  const [notes, setNotes] = useState(earlier?.notes ?? "");
  const [file, setFile] = useState<File | null>(null);
  const fields = [
    "received_on",
    "currency",
    "prices",
    "lead_time_days",
    "warranty_months",
    "valid_until",
    "payment_terms",
    "notes",
    "file",
    "file_name",
    ...lines.map((line) => `prices.${line.key}`),
  ];
  const label = (tr: Translate, field: string) =>
    field === "vendor" ? tr("proc.select.vendor") : undefined;
  const { busy, refused, run } = useRefusal(fields, label);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const rates = Object.keys(props.view.request.rates);
  const offered = currencies.filter((code) => code === "KRW" || rates.includes(code));

  const input: QuoteInput = {
    received_on: receivedOn,
    currency,
    prices,
    lead_time_days: lead,
    warranty_months: warranty,
    valid_until: validUntil,
    payment_terms: terms,
    notes,
  };
  const dirty = Object.values(prices).some((price) => price !== "") || lead !== "" || file !== null;

  const save = async () => {
    setFileError(undefined);
    if (file !== null && file.size > maxFileBytes) {
      setFileError(t("proc.quote.fileTooLarge"));
      return;
    }
    const args = { id: props.view.request.id, vendor: props.vendor.id, input };
    const done = await run(async () => {
      if (file === null) await call("purchase_quote", args);
      else
        await upload(
          "purchase_quote_with_file",
          { ...args, name: file.name },
          await readBytes(file),
        );
    });
    if (done) {
      toast(t("proc.quote.saved", { vendor: props.vendor.name }), "success");
      props.onClose();
    }
  };
  return (
    <Dialog
      title={t("proc.quote.title", { vendor: props.vendor.name })}
      onClose={props.onClose}
      size="lg"
      testId="quote-dialog"
      dirty={dirty}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === "s") {
          event.preventDefault();
          void save();
        }
      }}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="quote-save"
          >
            {t("proc.quote.save")}
          </Button>
        </>
      }
    >
      <form
        className="proc-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="form-row">
          <Field label={t("proc.quote.receivedOn")} error={refused.fields.received_on} required>
            <DateInput value={receivedOn} onChange={setReceivedOn} testId="quote-received-on" />
          </Field>
          <Field label={t("proc.quote.currency")} error={refused.fields.currency}>
            <select
              value={currency}
              data-testid="quote-currency"
              onChange={(event) => setCurrency(event.target.value)}
            >
              {offered.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <fieldset className="proc-prices" data-testid="quote-prices">
          <legend className="field-label">{t("proc.quote.unitPrice")}</legend>
          <p className="field-hint">{t("proc.quote.pricesHint")}</p>
          {lines.map((line, index) => (
            <Field
              key={line.key}
              label={`${index + 1}. ${line.description} × ${line.quantity} ${line.unit}`}
              error={refused.fields[`prices.${line.key}`]}
            >
              <input
                value={prices[line.key] ?? ""}
                inputMode="decimal"
                className="mono"
                data-autofocus={index === 0 || undefined}
                aria-label={t("proc.quote.priceFor", { line: line.description })}
                data-testid="quote-price"
                data-line={line.key}
                onChange={(event) =>
                  setPrices((all) => ({ ...all, [line.key]: event.target.value }))
                }
              />
            </Field>
          ))}
          {refused.fields.prices !== undefined && (
            <p className="field-error" role="alert">
              {refused.fields.prices}
            </p>
          )}
        </fieldset>
        <div className="form-row">
          <Field label={t("proc.quote.leadTime")} error={refused.fields.lead_time_days} required>
            <input
              value={lead}
              inputMode="numeric"
              data-testid="quote-lead-time"
              onChange={(event) => setLead(event.target.value)}
            />
          </Field>
          <Field label={t("proc.quote.warranty")} error={refused.fields.warranty_months} required>
            <input
              value={warranty}
              inputMode="numeric"
              data-testid="quote-warranty"
              onChange={(event) => setWarranty(event.target.value)}
            />
          </Field>
          <Field label={t("proc.quote.validUntil")} error={refused.fields.valid_until}>
            <DateInput value={validUntil} onChange={setValidUntil} testId="quote-valid-until" />
          </Field>
        </div>
        <Field label={t("proc.quote.terms")} error={refused.fields.payment_terms}>
          <input
            value={terms}
            data-testid="quote-terms"
            onChange={(event) => setTerms(event.target.value)}
          />
        </Field>
        <Field label={t("proc.quote.notes")} error={refused.fields.notes}>
          <textarea
            value={notes}
            rows={2}
            data-testid="quote-notes"
            onChange={(event) => setNotes(event.target.value)}
          />
        </Field>
        <Field
          label={t("proc.quote.file")}
          error={fileError ?? refused.fields.file ?? refused.fields.file_name}
          hint={file?.name ?? earlier?.file_name ?? t("proc.quote.fileNone")}
        >
          <input
            type="file"
            data-testid="quote-file"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </Field>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="quote-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </form>
    </Dialog>
  );
}
