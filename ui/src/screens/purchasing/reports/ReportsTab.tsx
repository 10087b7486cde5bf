// 보고서: purchasing over a period (1 January → today unless chosen; presets this month,
// quarter, year) — spend by vendor, kind, month and budget line, cycle times (median and 90th
// percentile), requests submitted by status, budget use, vendor performance with how each score was computed — and the
// same report saved as CSV or as a PDF in the UI's language (Downloads; the PDF opens).
import { useState } from "react";
import type { Figure } from "../../../bindings/Figure";
import type { PurchaseReport } from "../../../bindings/PurchaseReport";
import type { VendorPerformance } from "../../../bindings/VendorPerformance";
import type { SpendRow } from "../../../bindings/SpendRow";
import { Button } from "../../../components/Button";
import { DateInput } from "../../../components/DateInput";
import { EmptyState } from "../../../components/EmptyState";
import { Field } from "../../../components/Field";
import { Icon } from "../../../components/Icon";
import { Spinner } from "../../../components/Spinner";
import { useToast } from "../../../components/Toast";
import { useLanguage, useT, type Language, type MessageKey } from "../../../i18n";
import { ko } from "../../../i18n/catalogue";
import { call } from "../../../ipc";
import { describeError } from "../../../lib/errors";
import { formatCount, formatMoney, localDate } from "../../../lib/format";
import { useKept } from "../../../lib/navigation";
import { useCache, useCommand } from "../../../lib/useCommand";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function won(amount: number, language: Language): string {
  return formatMoney({ amount_minor: amount, currency: "KRW" }, language);
}

/** The first day of this month, quarter or year, as `YYYY-MM-DD`. */
export function presetStart(preset: "month" | "quarter" | "year", now: Date = new Date()): string {
  const month =
    preset === "month"
      ? now.getMonth()
      : preset === "quarter"
        ? now.getMonth() - (now.getMonth() % 3)
        : 0;
  return localDate(new Date(now.getFullYear(), month, 1));
}

/** A fraction as a percentage to a tenth, or a dash when there was nothing to compute. */
function pct(value: number | null, signed = false): string {
  if (value === null) return "–";
  const text = `${(value * 100).toFixed(1)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

/**
 * How a figure was computed, in the UI's words: core sends which figure and the numbers that
 * went in (its `how` is the CLI's English), each number formatted here.
 */
function figureHow(
  t: ReturnType<typeof useT>,
  language: Language,
  figure: Figure,
  period: { from: string; until: string },
): string {
  const n = (name: string) => figure.terms[name] ?? 0;
  const count = (name: string) => formatCount(n(name), language);
  const krw = (name: string) => won(n(name), language);
  switch (figure.code) {
    case "on_time":
      return t("preport.how.on_time", {
        onTime: count("on_time"),
        due: count("due"),
        from: period.from,
        until: period.until,
      });
    case "price_vs_quote":
      return t("preport.how.price_vs_quote", {
        ordered: krw("ordered_krw"),
        quoted: krw("quoted_krw"),
      });
    case "price_vs_last_paid":
      return t("preport.how.price_vs_last_paid", {
        paid: krw("paid_krw"),
        last: krw("last_krw"),
        lines: count("lines"),
      });
    case "response_rate":
      return t("preport.how.response_rate", { answered: count("answered"), sent: count("sent") });
    case "response_days":
      return t("preport.how.response_days", { days: count("days"), answered: count("answered") });
    case "rejection":
      return t("preport.how.rejection", {
        rejected: count("rejected"),
        received: count("received"),
        accepted: count("accepted"),
      });
  }
}

/** How the score was computed, in the UI's words: (40 × 50.0 (납기) + …) ÷ 70 = 73.4. */
function scoreHow(t: ReturnType<typeof useT>, vendor: VendorPerformance): string {
  if (vendor.unscored !== null) return t(`preport.unscored.${vendor.unscored}`);
  if (vendor.score === null) return t("preport.unscored.no_weighted_figure");
  const terms = vendor.score_terms.map((term) =>
    t("preport.scoreTerm", {
      weight: term.weight,
      score: term.score.toFixed(1),
      part: t(`preport.part.${term.part}`),
    }),
  );
  return t("preport.scoreHow", {
    terms: terms.join(" + "),
    total: vendor.score_terms.reduce((sum, term) => sum + term.weight, 0),
    score: vendor.score.toFixed(1),
  });
}

function SpendTable(props: {
  title: string;
  column: string;
  rows: SpendRow[];
  label: (row: SpendRow) => string;
  testId: string;
}) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <section className="preport-section" data-testid={props.testId}>
      <h2 className="preport-heading">{props.title}</h2>
      {props.rows.length === 0 ? (
        <p className="muted">{t("preport.noSpend")}</p>
      ) : (
        <table className="plain-table preport-table">
          <thead>
            <tr>
              <th>{props.column}</th>
              <th className="budget-num">{t("preport.col.ordered")}</th>
              <th className="budget-num">{t("preport.col.received")}</th>
              <th className="budget-num">{t("preport.col.lines")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.key} data-testid="preport-spend-row" data-key={row.key}>
                <td>{props.label(row)}</td>
                <td className="budget-num tabular">{won(row.ordered_krw, language)}</td>
                <td className="budget-num tabular">{won(row.received_krw, language)}</td>
                <td className="budget-num tabular">{formatCount(row.lines, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReportTables({ report }: { report: PurchaseReport }) {
  const t = useT();
  const { language } = useLanguage();
  // A code's words where the catalogue has them (kinds, stages), else the code itself.
  const word = (key: string, fallback: string) => (key in ko ? t(key as MessageKey) : fallback);
  const days = (value: number | null) =>
    value === null ? "–" : t("preport.days", { days: value.toFixed(1) });
  const vendorName = (id: string) => report.vendor_names[id] ?? id;
  return (
    <div className="preport-tables">
      <SpendTable
        title={t("preport.spend.vendor")}
        column={t("preport.col.vendor")}
        rows={report.by_vendor}
        label={(row) => row.label}
        testId="preport-by-vendor"
      />
      <SpendTable
        title={t("preport.spend.kind")}
        column={t("preport.col.kind")}
        rows={report.by_kind}
        label={(row) => word(`request.kind.${row.key}`, row.label)}
        testId="preport-by-kind"
      />
      <SpendTable
        title={t("preport.spend.month")}
        column={t("preport.col.month")}
        rows={report.by_month}
        label={(row) => row.label}
        testId="preport-by-month"
      />
      <SpendTable
        title={t("preport.spend.budget")}
        column={t("preport.col.budget")}
        rows={report.by_budget}
        label={(row) => row.label}
        testId="preport-by-budget"
      />

      <section className="preport-section" data-testid="preport-cycle">
        <h2 className="preport-heading">{t("preport.cycle")}</h2>
        <table className="plain-table preport-table">
          <thead>
            <tr>
              <th>{t("preport.col.stage")}</th>
              <th className="budget-num">{t("preport.col.median")}</th>
              <th className="budget-num">{t("preport.col.p90")}</th>
              <th className="budget-num">{t("preport.col.requests")}</th>
            </tr>
          </thead>
          <tbody>
            {report.cycle_times.map((cycle) => (
              <tr key={cycle.stage} data-testid="preport-cycle-row" data-stage={cycle.stage}>
                <td>{word(`preport.stage.${cycle.stage}`, cycle.stage)}</td>
                <td className="budget-num tabular">{days(cycle.median_days)}</td>
                <td className="budget-num tabular">{days(cycle.p90_days)}</td>
                <td className="budget-num tabular">{formatCount(cycle.requests, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="preport-section" data-testid="preport-statuses">
        <h2 className="preport-heading">{t("preport.statuses")}</h2>
        <table className="plain-table preport-table">
          <thead>
            <tr>
              <th>{t("preport.col.status")}</th>
              <th className="budget-num">{t("preport.col.requests")}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(report.statuses)
              .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
              .map(([status, count]) => (
                <tr key={status} data-testid="preport-status-row" data-status={status}>
                  <td>{word(`request.status.${status}`, status)}</td>
                  <td className="budget-num tabular">{formatCount(count, language)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>

      <section className="preport-section" data-testid="preport-budgets">
        <h2 className="preport-heading">{t("preport.budgets")}</h2>
        {report.budgets.length === 0 ? (
          <p className="muted">{t("preport.noBudgets")}</p>
        ) : (
          <table className="plain-table preport-table">
            <thead>
              <tr>
                <th>{t("preport.col.budget")}</th>
                <th className="budget-num">{t("preport.col.amount")}</th>
                <th className="budget-num">{t("preport.col.committed")}</th>
                <th className="budget-num">{t("preport.col.spent")}</th>
                <th className="budget-num">{t("preport.col.available")}</th>
                <th className="budget-num">{t("preport.col.utilisation")}</th>
              </tr>
            </thead>
            <tbody>
              {report.budgets.map((use) => (
                <tr key={use.budget.id} data-testid="preport-budget-row">
                  <td>
                    {use.budget.year} {use.budget.line}
                  </td>
                  <td className="budget-num tabular">{won(use.budget.amount_krw, language)}</td>
                  <td className="budget-num tabular">{won(use.committed_krw, language)}</td>
                  <td className="budget-num tabular">{won(use.spent_krw, language)}</td>
                  <td
                    className={`budget-num tabular ${use.available_krw < 0 ? "budget-overdrawn" : ""}`}
                  >
                    {won(use.available_krw, language)}
                  </td>
                  <td className="budget-num tabular">
                    {use.utilisation_pct === null ? "–" : `${use.utilisation_pct.toFixed(1)}%`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="preport-section" data-testid="preport-vendors">
        <h2 className="preport-heading">{t("preport.vendors")}</h2>
        {report.vendors.length === 0 ? (
          <p className="muted">{t("preport.noVendors")}</p>
        ) : (
          <table className="plain-table preport-table">
            <thead>
              <tr>
                <th>{t("preport.col.vendor")}</th>
                <th className="budget-num">{t("preport.col.orders")}</th>
                <th className="budget-num">{t("preport.col.score")}</th>
                <th className="budget-num">{t("preport.col.onTime")}</th>
                <th className="budget-num">{t("preport.col.priceVsQuote")}</th>
                <th className="budget-num">{t("preport.col.response")}</th>
                <th className="budget-num">{t("preport.col.rejection")}</th>
                <th>{t("preport.col.how")}</th>
              </tr>
            </thead>
            <tbody>
              {report.vendors.map((vendor) => (
                <tr key={vendor.vendor} data-testid="preport-vendor-row">
                  <td>{vendorName(vendor.vendor)}</td>
                  <td className="budget-num tabular">{formatCount(vendor.orders, language)}</td>
                  <td className="budget-num tabular" data-testid="preport-score">
                    {vendor.score === null ? "–" : vendor.score.toFixed(1)}
                  </td>
                  <td
                    className="budget-num tabular"
                    title={figureHow(t, language, vendor.on_time, vendor)}
                  >
                    {pct(vendor.on_time.value)}
                  </td>
                  <td
                    className="budget-num tabular"
                    title={figureHow(t, language, vendor.price_vs_quote, vendor)}
                  >
                    {pct(vendor.price_vs_quote.value, true)}
                  </td>
                  <td
                    className="budget-num tabular"
                    title={figureHow(t, language, vendor.response_rate, vendor)}
                  >
                    {pct(vendor.response_rate.value)}
                  </td>
                  <td
                    className="budget-num tabular"
                    title={figureHow(t, language, vendor.rejection, vendor)}
                  >
                    {pct(vendor.rejection.value)}
                  </td>
                  <td className="muted preport-how">
                    <div data-testid="preport-weights">
                      {t("preport.weights", {
                        onTime: vendor.weights.on_time,
                        price: vendor.weights.price,
                        response: vendor.weights.response,
                        quality: vendor.weights.quality,
                      })}
                    </div>
                    <div data-testid="preport-score-how">{scoreHow(t, vendor)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

export function ReportsTab() {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const cache = useCache();
  const today = localDate();
  const [from, setFrom] = useKept("reportFrom", () => presetStart("year"));
  const [until, setUntil] = useKept("reportUntil", today);
  const [busy, setBusy] = useState<"pdf" | "csv" | null>(null);
  const datesOk = DATE.test(from) && DATE.test(until);
  const periodError = !datesOk
    ? t("preport.badDate")
    : until < from
      ? t("preport.badPeriod")
      : undefined;
  const args = periodError === undefined ? { from, until, today } : null;
  const report = useCommand("purchase_report", args);
  const data = report.data;

  const choose = (preset: "month" | "quarter" | "year") => {
    setFrom(presetStart(preset));
    setUntil(today);
  };

  const save = async (format: "pdf" | "csv") => {
    if (args === null) return;
    setBusy(format);
    try {
      const saved = await call(
        format === "pdf" ? "purchase_report_pdf" : "purchase_report_csv",
        args,
      );
      toast(t("preport.saved", { path: saved.path }), "success");
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(null);
    }
  };

  let body;
  if (periodError !== undefined) {
    body = null;
  } else if (report.error !== undefined && data === undefined) {
    body = (
      <div className="center-message" role="alert">
        <p>{t("preport.loadFailed")}</p>
        <p className="muted">{describeError(t, report.error)}</p>
        <Button onClick={() => cache.invalidate()}>{t("common.retry")}</Button>
      </div>
    );
  } else if (data === undefined) {
    body = <Spinner label={t("common.loading")} />;
  } else {
    const ordered = data.by_vendor.reduce((sum, row) => sum + row.ordered_krw, 0);
    const received = data.by_vendor.reduce((sum, row) => sum + row.received_krw, 0);
    const requests = Object.values(data.statuses).reduce((sum, count) => sum + count, 0);
    body =
      data.by_vendor.length === 0 && requests === 0 ? (
        <EmptyState
          icon="file"
          title={t("preport.empty.title")}
          body={t("preport.empty.body")}
          testId="preport-empty"
          actions={<Button onClick={() => choose("year")}>{t("preport.preset.year")}</Button>}
        />
      ) : (
        <>
          <p className="muted" data-testid="preport-summary">
            {t("preport.summary", {
              from: data.from,
              until: data.until,
              ordered: won(ordered, language),
              received: won(received, language),
              requests: formatCount(requests, language),
            })}
          </p>
          <ReportTables report={data} />
        </>
      );
  }

  return (
    <div className="preport-tab" data-testid="preport-tab">
      <div className="filter-bar preport-period">
        <Field label={t("preport.from")} error={periodError}>
          <DateInput value={from} onChange={setFrom} testId="preport-from" />
        </Field>
        <Field label={t("preport.until")}>
          <DateInput value={until} onChange={setUntil} testId="preport-until" />
        </Field>
        <span className="preport-presets" role="group" aria-label={t("preport.period")}>
          {(["month", "quarter", "year"] as const).map((preset) => (
            <Button
              key={preset}
              size="sm"
              variant="ghost"
              onClick={() => choose(preset)}
              data-testid={`preport-preset-${preset}`}
            >
              {t(`preport.preset.${preset}`)}
            </Button>
          ))}
        </span>
        <span className="preport-exports">
          <Button
            size="sm"
            icon={<Icon name="download" size={14} />}
            busy={busy === "csv"}
            disabled={busy !== null || args === null}
            onClick={() => void save("csv")}
            data-testid="preport-csv"
          >
            {t("preport.saveCsv")}
          </Button>
          <Button
            size="sm"
            variant="primary"
            icon={<Icon name="printer" size={14} />}
            busy={busy === "pdf"}
            disabled={busy !== null || args === null}
            onClick={() => void save("pdf")}
            data-testid="preport-pdf"
          >
            {t("preport.savePdf")}
          </Button>
        </span>
      </div>
      <div className="preport-body">{body}</div>
    </div>
  );
}
