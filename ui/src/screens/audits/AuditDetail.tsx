import { useState } from "react";
import type { AuditItem } from "../../bindings/AuditItem";
import type { ItemFilter } from "../../bindings/ItemFilter";
import { Button } from "../../components/Button";
import { FilePlaceholder, useFileUrl } from "../../components/FileLink";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { auditPhoto, call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { formatCount, formatDateTime } from "../../lib/format";
import { readBytes } from "../../lib/files";
import { RecordLink, useKept } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { outcomeText, outcomeTone, placeText, progressPercent } from "./auditText";
import { DiscrepancyReview } from "./DiscrepancyReview";
import { MarkDialog } from "./MarkDialog";
import { RegisterDialog } from "./RegisterDialog";
import { ScanField } from "./ScanField";

/** Rows the checklist shows at once; the filter narrows a larger audit. */
const ITEM_LIMIT = 500;

type Marking = { item: AuditItem; outcome: "found_elsewhere" | "wrong_status" };

/**
 * One audit: progress at all times, the scan field, the checklist with a tick, "missing",
 * "elsewhere" and "wrong status" per item and photos; closing shows the discrepancy list,
 * whose corrections are applied in one reviewed step.
 */
export function AuditDetail(props: { id: string; onChanged: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  // Which items are listed is kept while another screen is shown (per audit).
  const [filter, setFilter] = useKept<ItemFilter>(`filter:${props.id}`, "all");
  const [marking, setMarking] = useState<Marking | null>(null);
  const [registering, setRegistering] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const view = useCommand("audit_view", { id: props.id, filter, limit: ITEM_LIMIT });
  const data = view.data;
  if (data === undefined) {
    return view.error !== undefined ? (
      <p role="alert">{describeError(t, view.error)}</p>
    ) : (
      <Spinner label={t("app.loading")} />
    );
  }
  const { audit, counts } = data.summary;
  const closed = audit.closed !== null;
  const unchecked = counts.expected - counts.checked;
  const refresh = () => props.onChanged();

  const tick = async (item: AuditItem, outcome: "found" | "missing") => {
    try {
      await call("audit_mark", {
        id: props.id,
        input: { item: item.asset, outcome, actual: null, actual_status: "", note: "" },
      });
      refresh();
    } catch (error) {
      toast(describeError(t, error), "error");
    }
  };
  const photo = async (item: AuditItem, file: File) => {
    try {
      await auditPhoto(
        { id: props.id, item: item.asset === "" ? item.tag : item.asset },
        await readBytes(file),
      );
      toast(t("audit.photo.added", { tag: item.tag }), "success");
      refresh();
    } catch (error) {
      toast(describeError(t, error), "error");
    }
  };
  const close = async () => {
    setConfirmClose(false);
    try {
      await call("audit_close", { id: props.id });
      refresh();
    } catch (error) {
      toast(describeError(t, error), "error");
    }
  };

  return (
    <section className="audit-detail" data-testid="audit-detail">
      <header className="audit-head">
        <div>
          <h2>{audit.name}</h2>
          <p className="muted">
            {t("audit.startedBy", {
              who: audit.started_by,
              when: formatDateTime(audit.started_at_ms, language),
            })}
            {closed && ` · ${t("audit.closedBadge")}`}
          </p>
        </div>
        <div className="audit-actions">
          {!closed && (
            <Button
              edits="audits"
              variant="danger"
              onClick={() => setConfirmClose(true)}
              data-testid="audit-close"
            >
              {t("audit.close")}
            </Button>
          )}
        </div>
      </header>
      <div className="audit-progress" data-testid="audit-progress">
        <div
          className="progress-bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={counts.expected}
          aria-valuenow={counts.checked}
        >
          <span style={{ width: `${progressPercent(counts)}%` }} />
        </div>
        <p data-testid="audit-progress-text">
          {t("audit.progress", {
            checked: formatCount(counts.checked, language),
            expected: formatCount(counts.expected, language),
            percent: progressPercent(counts),
          })}
        </p>
        <ul className="audit-counts">
          <li className="tone-ok">{t("audit.count.found", { count: counts.found })}</li>
          {/* Closed, the items never checked are missing, as the review lists them; open, they
              are counted apart, so the counters always agree with the review's rows. */}
          <li className="tone-bad" data-testid="audit-count-missing">
            {closed && unchecked > 0
              ? t("audit.count.missingWithUnchecked", {
                  count: counts.missing + unchecked,
                  unchecked,
                })
              : t("audit.count.missing", { count: counts.missing })}
          </li>
          {!closed && unchecked > 0 && (
            <li className="tone-muted" data-testid="audit-count-unchecked">
              {t("audit.count.unchecked", { count: unchecked })}
            </li>
          )}
          <li className="tone-warn">
            {t("audit.count.elsewhere", { count: counts.found_elsewhere })}
          </li>
          <li className="tone-warn">{t("audit.count.status", { count: counts.wrong_status })}</li>
          <li className="tone-warn">{t("audit.count.unexpected", { count: counts.unexpected })}</li>
        </ul>
      </div>
      {confirmClose && (
        <div className="confirm-bar" role="alertdialog" data-testid="audit-close-confirm">
          <p>
            {unchecked > 0
              ? t("audit.closeConfirmUnchecked", { count: unchecked })
              : t("audit.closeConfirm")}
          </p>
          <Button onClick={() => setConfirmClose(false)}>{t("common.cancel")}</Button>
          <Button
            edits="audits"
            variant="danger"
            onClick={() => void close()}
            data-testid="audit-close-yes"
          >
            {t("audit.close")}
          </Button>
        </div>
      )}
      {closed ? (
        <DiscrepancyReview id={props.id} onApplied={refresh} />
      ) : (
        <ScanField
          audit={props.id}
          disabled={closed}
          onAnswer={refresh}
          onRegister={(code) => setRegistering(code)}
        />
      )}
      <div className="tabs" role="tablist">
        {(["all", "unchecked", "checked", "discrepancies"] as const).map((option) => (
          <button
            key={option}
            type="button"
            role="tab"
            className="tab"
            aria-selected={filter === option}
            data-testid={`audit-filter-${option}`}
            onClick={() => setFilter(option)}
          >
            {t(`audit.filter.${option}`)}
          </button>
        ))}
      </div>
      <table className="plain-table audit-items" data-testid="audit-items">
        <thead>
          <tr>
            <th>{t("field.asset_tag")}</th>
            <th>{t("field.model")}</th>
            <th>{t("audit.recorded")}</th>
            <th>{t("audit.result")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.items.map((item) => {
            const mark = item.mark;
            return (
              <tr key={`${item.asset}/${item.tag}`} data-testid={`audit-item-${item.tag}`}>
                <td className="mono">
                  <RecordLink
                    record={item.asset === "" ? null : `asset/${item.asset}`}
                    testId="audit-item-asset-link"
                  >
                    {item.tag}
                  </RecordLink>
                </td>
                <td>{item.model}</td>
                <td>{placeText(item.recorded)}</td>
                <td>
                  {mark === null ? (
                    <span className="muted">{t("audit.unchecked")}</span>
                  ) : (
                    <span
                      className={`outcome tone-${outcomeTone(mark.outcome)}`}
                      data-testid={`audit-outcome-${item.tag}`}
                    >
                      {outcomeText(t, mark.outcome)}
                      {mark.actual !== null &&
                        mark.outcome !== "found" &&
                        ` → ${placeText(mark.actual)}`}
                      {mark.photos.length > 0 &&
                        ` · ${t("audit.photo.count", { count: mark.photos.length })}`}
                    </span>
                  )}
                  {mark !== null && mark.photos.length > 0 && (
                    <div className="audit-photos" data-testid={`audit-photos-${item.tag}`}>
                      {mark.photos.map((sha) => (
                        <AuditPhoto key={sha} sha={sha} tag={item.tag} />
                      ))}
                    </div>
                  )}
                </td>
                <td>
                  <div className="row-actions">
                    {!closed && item.expected && (
                      <>
                        <Button
                          edits="audits"
                          size="sm"
                          onClick={() => void tick(item, "found")}
                          data-testid={`audit-found-${item.tag}`}
                        >
                          {t("audit.action.found")}
                        </Button>
                        <Button
                          edits="audits"
                          size="sm"
                          onClick={() => void tick(item, "missing")}
                          data-testid={`audit-missing-${item.tag}`}
                        >
                          {t("audit.action.missing")}
                        </Button>
                        <Button
                          edits="audits"
                          size="sm"
                          onClick={() => setMarking({ item, outcome: "found_elsewhere" })}
                          data-testid={`audit-elsewhere-${item.tag}`}
                        >
                          {t("audit.action.elsewhere")}
                        </Button>
                        <Button
                          edits="audits"
                          size="sm"
                          onClick={() => setMarking({ item, outcome: "wrong_status" })}
                        >
                          {t("audit.action.status")}
                        </Button>
                      </>
                    )}
                    {!closed && mark !== null && (
                      <label className="btn btn-ghost btn-sm">
                        {t("audit.photo.add")}
                        <input
                          type="file"
                          accept="image/*"
                          hidden
                          onChange={(event) => {
                            const file = event.target.files?.[0];
                            event.target.value = "";
                            if (file !== undefined) void photo(item, file);
                          }}
                        />
                      </label>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data.total > data.items.length && (
        <p className="muted">{t("audit.more", { shown: data.items.length, total: data.total })}</p>
      )}
      {marking !== null && (
        <MarkDialog
          audit={props.id}
          item={marking.item}
          outcome={marking.outcome}
          onClose={() => setMarking(null)}
          onMarked={() => {
            setMarking(null);
            refresh();
          }}
        />
      )}
      {registering !== null && (
        <RegisterDialog
          audit={props.id}
          code={registering}
          onClose={() => setRegistering(null)}
          onRegistered={() => {
            setRegistering(null);
            refresh();
          }}
        />
      )}
    </section>
  );
}

/**
 * One photo of an item's mark as a thumbnail that opens it; a photo still on its way from the
 * auditor's device shows the shared "waiting for sync" box until it arrives.
 */
function AuditPhoto({ sha, tag }: { sha: string; tag: string }) {
  const t = useT();
  const { state, url } = useFileUrl(sha);
  if (url === null) return <FilePlaceholder state={state} className="audit-photo" />;
  return (
    <a
      className="audit-photo"
      href={url}
      target="_blank"
      rel="noreferrer"
      data-testid="audit-photo"
    >
      <img src={url} alt={t("audit.photo.alt", { tag })} />
    </a>
  );
}
