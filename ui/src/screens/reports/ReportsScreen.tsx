import { useState } from "react";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { useKept } from "../../lib/navigation";
import { useCache, useCommand } from "../../lib/useCommand";
import { ReportTableView } from "./ReportTableView";
import {
  defaultWindowDays,
  kindDescription,
  kindLabel,
  localDate,
  parseDays,
  reportCodes,
  reportKind,
  type ReportCode,
} from "./reportChoice";

/**
 * Reports of the asset register: pick a kind (and a window for warranties), read it as a
 * table, save the whole of it as CSV for a spreadsheet or as a PDF that opens. The words of
 * the table come from Rust, the same as the files say.
 */
export function ReportsScreen(props: { onOpenAssets: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const cache = useCache();
  // The report chosen and its window are kept while another screen is shown.
  const [code, setCode] = useKept<ReportCode>("code", "inventory");
  const [daysText, setDaysText] = useKept("daysText", String(defaultWindowDays));
  const [busy, setBusy] = useState<"pdf" | "csv" | null>(null);
  const days = parseDays(daysText);
  const kind = reportKind(code, days);
  const today = localDate(new Date());
  const report = useCommand("asset_report", kind === null ? null : { kind, today, language });
  const view = report.data;

  const save = async (format: "pdf" | "csv") => {
    if (kind === null) return;
    setBusy(format);
    try {
      const saved = await call("asset_report_export", { kind, today, format });
      toast(t("reports.saved", { path: saved.path }), "success");
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(null);
    }
  };

  let body;
  if (report.error !== undefined && view === undefined) {
    body = (
      <div className="center-message" role="alert">
        <p>{t("reports.loadFailed")}</p>
        <p className="muted">{describeError(t, report.error)}</p>
        <Button onClick={() => cache.invalidate()}>{t("common.retry")}</Button>
      </div>
    );
  } else if (kind === null) {
    body = null;
  } else if (view === undefined) {
    body = (
      <div className="center-message">
        <Spinner size={20} label={t("common.loading")} />
      </div>
    );
  } else if (view.assets === 0) {
    body = (
      <EmptyState
        testId="reports-empty"
        icon="file"
        title={t("reports.noAssetsTitle")}
        body={t("reports.noAssetsBody")}
        actions={
          <Button variant="primary" onClick={props.onOpenAssets}>
            {t("reports.goToAssets")}
          </Button>
        }
      />
    );
  } else {
    body = (
      <>
        {view.total_rows > view.shown_rows && (
          <p className="reports-note" data-testid="reports-partial">
            {t("reports.partial", {
              shown: formatCount(view.shown_rows, language),
              total: formatCount(view.total_rows, language),
            })}
          </p>
        )}
        <ReportTableView
          table={view.table}
          emptyText={t(code === "warranty_expiring" ? "reports.noRowsWarranty" : "reports.noRows")}
        />
      </>
    );
  }

  return (
    <div className="reports" data-testid="reports-screen">
      <div className="toolbar">
        <div className="toolbar-title">
          <h1 className="page-title">{t("reports.title")}</h1>
        </div>
        <div className="toolbar-actions">
          <Button
            icon={<Icon name="download" />}
            busy={busy === "csv"}
            disabled={busy !== null || kind === null || view === undefined}
            onClick={() => void save("csv")}
            data-testid="reports-csv"
          >
            {t("reports.saveCsv")}
          </Button>
          <Button
            variant="primary"
            icon={<Icon name="printer" />}
            busy={busy === "pdf"}
            disabled={busy !== null || kind === null || view === undefined}
            onClick={() => void save("pdf")}
            data-testid="reports-pdf"
          >
            {t("reports.savePdf")}
          </Button>
        </div>
      </div>
      <div className="reports-choice">
        <Field label={t("reports.kind")}>
          <select
            value={code}
            data-testid="reports-kind"
            onChange={(event) => setCode(event.target.value as ReportCode)}
          >
            {reportCodes.map((option) => (
              <option key={option} value={option}>
                {t(kindLabel(option))}
              </option>
            ))}
          </select>
        </Field>
        {code === "warranty_expiring" && (
          <Field
            label={t("reports.days")}
            hint={days.ok ? t("reports.daysHint") : undefined}
            error={days.ok ? undefined : t(days.reason)}
          >
            <input
              inputMode="numeric"
              value={daysText}
              data-testid="reports-days"
              onChange={(event) => setDaysText(event.target.value)}
            />
          </Field>
        )}
        <p className="muted reports-about">{t(kindDescription(code))}</p>
      </div>
      <div className="reports-body">{body}</div>
    </div>
  );
}
