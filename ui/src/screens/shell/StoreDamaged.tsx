import { useState } from "react";
import type { RecoveredRecord } from "../../bindings/RecoveredRecord";
import type { RecoveryReport } from "../../bindings/RecoveryReport";
import { Button } from "../../components/Button";
import { useT, type MessageKey } from "../../i18n";
import { describeError } from "../../lib/errors";
import { call } from "../../ipc";

/** Words for the kinds of record a report names; another kind shows as its prefix. */
const kindWords: Record<string, MessageKey> = {
  asset: "recover.kind.asset",
  rack: "recover.kind.rack",
  room: "recover.kind.room",
  site: "recover.kind.site",
  cable: "recover.kind.cable",
  devicetype: "recover.kind.devicetype",
  audit: "recover.kind.audit",
};

/**
 * What the app shows when its store is damaged (the app starts without it): what is damaged
 * (the reason names the file, the byte and what is wrong), what the user can do, and a button
 * that recovers what can still be read (`store_recover`), then the report by record and a
 * button that opens the recovered store.
 */
export function StoreDamaged({ error, onOpen }: { error: unknown; onOpen: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [report, setReport] = useState<RecoveryReport>();

  const recover = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setReport(await call("store_recover", {}));
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  if (report !== undefined) return <RecoveryReportView report={report} onOpen={onOpen} />;
  return (
    <div className="center-message store-damaged" role="alert" data-testid="load-failed">
      <h2>{t("recover.title")}</h2>
      <p data-testid="store-damage">{describeError(t, error)}</p>
      <h3>{t("recover.whatToDo")}</h3>
      <ul>
        <li>{t("recover.optionRecover")}</li>
        <li>{t("recover.optionBackup")}</li>
        <li>{t("recover.optionServer")}</li>
      </ul>
      <Button
        variant="primary"
        busy={busy}
        onClick={() => void recover()}
        data-testid="store-recover"
      >
        {busy ? t("recover.running") : t("recover.button")}
      </Button>
      {failure !== undefined && (
        <p className="muted" role="status">
          {t("recover.failed", { message: describeError(t, failure) })}
        </p>
      )}
    </div>
  );
}

function RecoveryReportView({ report, onOpen }: { report: RecoveryReport; onOpen: () => void }) {
  const t = useT();
  const recordText = (record: RecoveredRecord) => {
    const key = kindWords[record.kind];
    const kind = key === undefined ? record.kind : t(key);
    return `${kind} ${record.title === "" ? record.id : `${record.title} (${record.id})`}`;
  };
  return (
    <div className="center-message store-recovered" data-testid="recovery-report">
      <h2>{t("recover.doneTitle")}</h2>
      {report.workspaces.map((workspace) => (
        <section key={workspace.workspace.id}>
          <h3>{workspace.workspace.name}</h3>
          <p>
            {t("recover.counts", {
              recovered: workspace.recovered.length,
              lost: workspace.lost.length,
            })}
          </p>
          {workspace.blobsLost > 0 && (
            <p>{t("recover.filesLost", { count: workspace.blobsLost })}</p>
          )}
          {workspace.lost.length > 0 && (
            <ul data-testid="recovery-lost">
              {workspace.lost.map((record) => (
                <li key={`${record.kind}/${record.id}`}>{recordText(record)}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <p className="muted">{t("recover.kept", { path: report.damagedCopy })}</p>
      <p className="muted">{t("recover.reportFile", { path: report.reportFile })}</p>
      <p className="muted">{t("recover.nextSync")}</p>
      <Button variant="primary" onClick={onOpen} data-testid="recovery-open">
        {t("recover.open")}
      </Button>
    </div>
  );
}
