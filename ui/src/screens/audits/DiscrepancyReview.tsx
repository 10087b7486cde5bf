import { useState } from "react";
import { Button } from "../../components/Button";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { applicable, correctionText, outcomeText, placeText, refusalText } from "./auditText";

/**
 * The closed audit's discrepancy list: each with the correction it asks for, ticked by
 * default; the reviewer unticks what should not be written and applies the rest in one step.
 */
export function DiscrepancyReview(props: { id: string; onApplied: () => void }) {
  const t = useT();
  const toast = useToast();
  const list = useCommand("audit_discrepancies", { id: props.id });
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const data = list.data ?? [];
  const chosen = new Set(data.map((d) => d.asset).filter((asset) => !unticked.has(asset)));
  const toApply = applicable(data, chosen);

  const apply = async () => {
    setBusy(true);
    try {
      const report = await call("audit_apply", { id: props.id, only: toApply });
      if (report.failed.length > 0) {
        toast(
          t("audit.apply.partly", {
            applied: report.applied,
            failed: report.failed
              .map((refused) => `${refused.tag}: ${refusalText(t, refused.reason)}`)
              .join("; "),
          }),
          "error",
        );
      } else {
        toast(t("audit.apply.done", { count: report.applied }), "success");
      }
      props.onApplied();
    } catch (error) {
      toast(describeError(t, error), "error");
    } finally {
      setBusy(false);
    }
  };
  const report = async () => {
    try {
      const saved = await call("audit_report_pdf", { id: props.id });
      toast(t("audit.report.saved", { path: saved.path }), "success");
    } catch (error) {
      toast(describeError(t, error), "error");
    }
  };

  return (
    <section className="discrepancies" data-testid="audit-discrepancies">
      <header className="section-head">
        <h3>{t("audit.discrepancies", { count: data.length })}</h3>
        <Button onClick={() => void report()} data-testid="audit-report">
          {t("audit.report.button")}
        </Button>
        <Button
          edits="records"
          variant="primary"
          busy={busy}
          disabled={toApply.length === 0}
          onClick={() => void apply()}
          data-testid="audit-apply"
        >
          {t("audit.apply.button", { count: toApply.length })}
        </Button>
      </header>
      {data.length === 0 ? (
        <p className="muted">{t("audit.noDiscrepancies")}</p>
      ) : (
        <table className="plain-table">
          <thead>
            <tr>
              <th />
              <th>{t("field.asset_tag")}</th>
              <th>{t("audit.result")}</th>
              <th>{t("audit.recorded")}</th>
              <th>{t("audit.correction.title")}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={`${d.asset}/${d.tag}`} data-testid={`audit-discrepancy-${d.tag}`}>
                <td>
                  {d.applied === null && d.correction.action !== "none" && d.asset !== "" && (
                    <input
                      type="checkbox"
                      checked={!unticked.has(d.asset)}
                      aria-label={t("audit.apply.choose", { tag: d.tag })}
                      onChange={(event) =>
                        setUnticked((set) => {
                          const next = new Set(set);
                          if (event.target.checked) next.delete(d.asset);
                          else next.add(d.asset);
                          return next;
                        })
                      }
                    />
                  )}
                </td>
                <td className="mono">{d.tag}</td>
                <td>
                  {outcomeText(t, d.outcome)}
                  {d.unchecked && ` (${t("audit.unchecked")})`}
                </td>
                <td>{placeText(d.recorded)}</td>
                <td>
                  {correctionText(t, d.correction)}
                  {d.applied !== null && ` · ${t("audit.applied")}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
