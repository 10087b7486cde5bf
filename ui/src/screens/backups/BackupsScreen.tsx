// The open workspace's local backups, newest first (taken daily and on closing without
// asking, the last seven kept): back one up now, restore one into a new workspace, export the
// workspace to a folder or import one from a folder in the same format.
import { useState } from "react";
import type { BackupRow } from "../../bindings/BackupRow";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import type { WorkspaceSummary } from "../../lib/dto";
import { formatBytes, formatCount } from "../../lib/format";
import { useAnyModalOpen } from "../../lib/modalStack";
import { noRefusal, type Refusal } from "../../lib/problems";
import { useShortcuts } from "../../lib/shortcuts";
import { useCommand } from "../../lib/useCommand";
import { ExportDialog, ImportDialog, RestoreDialog } from "./BackupDialogs";
import { backupRefusal, backupTime, countsText } from "./backupText";

type OpenDialog = { kind: "restore"; backup: BackupRow } | { kind: "export" } | { kind: "import" };

export function BackupsScreen(props: { workspace: WorkspaceSummary; onOpened: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const list = useCommand("backup_list", {});
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState<Refusal>(noRefusal);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const modalOpen = useAnyModalOpen();

  const backUpNow = async () => {
    if (running) return;
    setRunning(true);
    setFailed(noRefusal);
    try {
      const taken = await call("backup_now", {});
      toast(
        t("backups.done", {
          documents: formatCount(taken.documents, language),
          files: formatCount(taken.files, language),
          size: formatBytes(taken.bytes, language),
        }),
        "success",
      );
    } catch (failure) {
      setFailed(backupRefusal(t, failure, []));
    } finally {
      setRunning(false);
    }
  };
  useShortcuts({ b: () => void backUpNow() }, !modalOpen);

  const data = list.data;
  const keep = data?.keep ?? 7;
  let body;
  if (list.error !== undefined && data === undefined) {
    body = (
      <p className="banner banner-error" role="alert">
        {t("backups.loadFailed")} {backupRefusal(t, list.error, []).lines.join(" ")}
      </p>
    );
  } else if (data === undefined) {
    body = <Spinner label={t("common.loading")} />;
  } else if (data.backups.length === 0 && !running) {
    body = (
      <EmptyState
        icon="database"
        title={t("backups.emptyTitle")}
        body={t("backups.emptyBody", { keep })}
        testId="backups-empty"
        actions={
          <Button variant="primary" onClick={() => void backUpNow()} data-testid="backup-now">
            {t("backups.now")}
          </Button>
        }
      />
    );
  } else {
    body = (
      <ul className="backup-list" aria-label={t("backups.list")} data-testid="backup-list">
        {running && (
          <li className="backup-row is-running" role="status" data-testid="backup-progress">
            <Spinner size={16} />
            <div className="backup-main">
              <strong>{t("backups.running")}</strong>
              <span className="muted">{t("backups.runningDetail")}</span>
            </div>
          </li>
        )}
        {data.backups.map((backup, index) => {
          const when = backupTime(backup.created_at_ms, language);
          return (
            <li
              key={backup.name}
              className="backup-row"
              data-testid="backup-row"
              data-name={backup.name}
            >
              <Icon name="database" />
              <div className="backup-main">
                <span className="backup-when">
                  <strong className="tabular" data-testid="backup-when">
                    {when}
                  </strong>
                  {index === 0 && <span className="backup-newest">{t("backups.newest")}</span>}
                </span>
                <span className="muted tabular" data-testid="backup-counts">
                  {countsText(t, language, backup)}
                </span>
              </div>
              <Button
                size="sm"
                icon={<Icon name="undo" size={14} />}
                onClick={() => setDialog({ kind: "restore", backup })}
                aria-label={t("backups.restoreFor", { when })}
                data-testid="backup-restore"
              >
                {t("backups.restore")}
              </Button>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <div className="screen-pad backups-screen" data-testid="backups-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t("backups.title")}</h1>
        <div className="backup-actions">
          <Button
            icon={<Icon name="upload" size={14} />}
            onClick={() => setDialog({ kind: "export" })}
            disabled={data === undefined}
            data-testid="backup-export-open"
          >
            {t("backups.export")}
          </Button>
          <Button
            icon={<Icon name="download" size={14} />}
            onClick={() => setDialog({ kind: "import" })}
            data-testid="backup-import-open"
          >
            {t("backups.import")}
          </Button>
          {(data === undefined || data.backups.length > 0 || running) && (
            <Button
              variant="primary"
              busy={running}
              shortcut="B"
              onClick={() => void backUpNow()}
              data-testid="backup-now"
            >
              {running ? t("backups.running") : t("backups.now")}
            </Button>
          )}
        </div>
      </div>
      <p className="backup-about">{t("backups.about", { keep })}</p>
      {data !== undefined && (
        <p className="muted backup-folder" data-testid="backup-folder">
          {t("backups.folder", { folder: data.folder })}
        </p>
      )}
      {failed.lines.length > 0 && (
        <ul className="problem-list" role="alert" data-testid="backup-failed">
          {failed.lines.map((line, index) => (
            <li key={index}>{index === 0 ? t("backups.failed", { reason: line }) : line}</li>
          ))}
        </ul>
      )}
      {body}
      {dialog?.kind === "restore" && (
        <RestoreDialog
          backup={dialog.backup}
          workspaceName={props.workspace.meta.name}
          onClose={() => setDialog(null)}
          onOpened={props.onOpened}
        />
      )}
      {dialog?.kind === "export" && data !== undefined && (
        <ExportDialog suggestion={data.export_suggestion} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "import" && (
        <ImportDialog onClose={() => setDialog(null)} onOpened={props.onOpened} />
      )}
    </div>
  );
}
