import { useState } from "react";
import { useKept, type OpenRequest } from "../../lib/navigation";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useLanguage, useT } from "../../i18n";
import { describeError } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { useCache, useCommand } from "../../lib/useCommand";
import { AuditDetail } from "./AuditDetail";
import { progressPercent } from "./auditText";
import { ScheduleDialog } from "./ScheduleDialog";
import { StartAuditDialog } from "./StartAuditDialog";

/** Keys of every audit query: refreshed at once after a scan or a mark (and by `workspace_changed`). */
export function isAuditKey(key: string): boolean {
  return key.startsWith("audit_");
}

/** Floor audits: the list with progress, a new audit, and the open one. */
export function AuditsScreen({ opening }: { opening?: OpenRequest }) {
  const t = useT();
  const { language } = useLanguage();
  const cache = useCache();
  const audits = useCommand("audit_list", {});
  // The audit shown is kept while another screen is; a link to an audit shows it.
  const [selected, setSelected] = useKept<string | null>(
    "selected",
    null,
    opening?.kind === "audit" ? opening.id : undefined,
  );
  const [starting, setStarting] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const list = audits.data ?? [];
  // The open audit first (the one being walked), else the newest.
  const current =
    selected ?? (list.find((a) => a.audit.closed === null) ?? list[0])?.audit.id ?? null;
  const refresh = () => cache.invalidate(isAuditKey);

  let body;
  if (audits.data === undefined) {
    body =
      audits.error !== undefined ? (
        <p role="alert">{describeError(t, audits.error)}</p>
      ) : (
        <Spinner label={t("app.loading")} />
      );
  } else if (list.length === 0) {
    body = (
      <EmptyState
        icon="check"
        title={t("audit.empty.title")}
        body={t("audit.empty.body")}
        testId="audits-empty"
        actions={
          <Button edits="audits" variant="primary" onClick={() => setStarting(true)}>
            {t("audit.start.open")}
          </Button>
        }
      />
    );
  } else {
    body = (
      <div className="audits-layout">
        <ul className="audit-list" data-testid="audit-list">
          {list.map(({ audit, counts }) => (
            <li key={audit.id}>
              <button
                type="button"
                className="audit-list-item"
                aria-current={audit.id === current ? "true" : undefined}
                data-testid={`audit-open-${audit.name}`}
                onClick={() => setSelected(audit.id)}
              >
                <strong>{audit.name}</strong>
                <span className="muted">
                  {formatDateTime(audit.started_at_ms, language)} ·{" "}
                  {audit.closed === null ? t("audit.openBadge") : t("audit.closedBadge")}
                </span>
                <span className="progress-bar small">
                  <span style={{ width: `${progressPercent(counts)}%` }} />
                </span>
              </button>
            </li>
          ))}
        </ul>
        {current !== null ? (
          <AuditDetail key={current} id={current} onChanged={refresh} />
        ) : (
          <p className="muted">{t("audit.pick")}</p>
        )}
      </div>
    );
  }

  return (
    <div className="audits-screen">
      <header className="toolbar">
        <div className="toolbar-title">
          <h1 className="page-title">{t("nav.audits")}</h1>
        </div>
        <div className="toolbar-actions">
          <Button
            edits="records"
            onClick={() => setScheduling(true)}
            data-testid="audit-schedule-open"
          >
            {t("audit.schedule.open")}
          </Button>
          <Button
            edits="audits"
            variant="primary"
            icon={<Icon name="plus" />}
            onClick={() => setStarting(true)}
            data-testid="audit-start-open"
          >
            {t("audit.start.open")}
          </Button>
        </div>
      </header>
      {body}
      {scheduling && <ScheduleDialog onClose={() => setScheduling(false)} />}
      {starting && (
        <StartAuditDialog
          onClose={() => setStarting(false)}
          onStarted={(id) => {
            setStarting(false);
            setSelected(id);
            refresh();
          }}
        />
      )}
    </div>
  );
}
