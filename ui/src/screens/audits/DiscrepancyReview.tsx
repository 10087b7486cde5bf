import { useState } from "react";
import type { Discrepancy } from "../../bindings/Discrepancy";
import { Button } from "../../components/Button";
import { ChangeList } from "../../components/ChangeList";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useToast } from "../../components/Toast";
import { useT, type Translate } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { useUndoToast } from "../../lib/undo";
import { useCommand } from "../../lib/useCommand";
import { applicable, correctionText, outcomeText, placeText, refusalText } from "./auditText";

/** Whether a correction takes an asset out of the rack it is recorded in (not undone). */
export function leavesItsRack(d: Discrepancy): boolean {
  return (
    d.correction.action === "set_location" &&
    d.correction.location.rack === "" &&
    (d.recorded?.rack ?? "") !== ""
  );
}

/** How many corrections of each kind a choice writes, in one line. */
export function choiceSummary(t: Translate, chosen: readonly Discrepancy[]): string {
  const missing = chosen.filter(
    (d) => d.correction.action === "set_status" && d.correction.status === "missing",
  ).length;
  const status = chosen.filter((d) => d.correction.action === "set_status").length - missing;
  const location = chosen.filter((d) => d.correction.action === "set_location").length;
  const parts = [
    missing > 0 ? t("audit.apply.sumMissing", { count: missing }) : "",
    status > 0 ? t("audit.apply.sumStatus", { count: status }) : "",
    location > 0 ? t("audit.apply.sumLocation", { count: location }) : "",
  ].filter((part) => part !== "");
  return t("audit.apply.summary", { count: chosen.length, parts: parts.join(", ") });
}

/**
 * The closed audit's discrepancy list: each with the correction it asks for, none ticked at
 * first (a correction changes the records: the reviewer chooses each, or all at once). Apply
 * shows what the chosen corrections will write, then writes them in one step, and the toast
 * offers 되돌리기.
 */
export function DiscrepancyReview(props: { id: string; onApplied: () => void }) {
  const t = useT();
  const toast = useToast();
  const undoToast = useUndoToast();
  const list = useCommand("audit_discrepancies", { id: props.id });
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const data = list.data ?? [];
  const choosable = data.filter(
    (d) => d.applied === null && d.correction.action !== "none" && d.asset !== "",
  );
  const toApply = applicable(data, ticked);
  const chosen = choosable.filter((d) => toApply.includes(d.asset));
  const allTicked = choosable.length > 0 && chosen.length === choosable.length;

  const apply = async () => {
    setBusy(true);
    try {
      const report = await call("audit_apply", { id: props.id, only: toApply });
      setConfirming(false);
      setTicked(new Set());
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
      }
      if (report.applied > 0) {
        undoToast(t("audit.apply.done", { count: report.applied }), report.undo, () =>
          props.onApplied(),
        );
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
          disabled={toApply.length === 0}
          onClick={() => setConfirming(true)}
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
              <th>
                {choosable.length > 0 && (
                  <input
                    type="checkbox"
                    checked={allTicked}
                    aria-label={t("audit.apply.chooseAll")}
                    data-testid="audit-choose-all"
                    onChange={() =>
                      setTicked(allTicked ? new Set() : new Set(choosable.map((d) => d.asset)))
                    }
                  />
                )}
              </th>
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
                      checked={ticked.has(d.asset)}
                      aria-label={t("audit.apply.choose", { tag: d.tag })}
                      data-testid="audit-choose"
                      onChange={(event) =>
                        setTicked((set) => {
                          const next = new Set(set);
                          if (event.target.checked) next.add(d.asset);
                          else next.delete(d.asset);
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
      {confirming && (
        <ConfirmDialog
          title={t("audit.apply.confirmTitle")}
          summary={choiceSummary(t, chosen)}
          confirmLabel={t("audit.apply.button", { count: chosen.length })}
          busy={busy}
          cannotUndo={chosen.some(leavesItsRack)}
          onConfirm={() => void apply()}
          onClose={() => setConfirming(false)}
          testId="audit-apply-confirm"
        >
          <ChangeList
            rows={chosen.slice(0, 200).map((d) => ({
              key: d.asset,
              name: d.tag,
              was:
                d.correction.action === "set_status"
                  ? t(`status.${d.recorded_status ?? "in_use"}`)
                  : placeText(d.recorded),
              now: correctionText(t, d.correction),
            }))}
            total={chosen.length}
          />
          {chosen.some(leavesItsRack) && (
            <p className="muted" data-testid="audit-apply-leaves-rack">
              {t("audit.apply.leavesRack", {
                tags: chosen
                  .filter(leavesItsRack)
                  .map((d) => d.tag)
                  .join(", "),
              })}
            </p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
