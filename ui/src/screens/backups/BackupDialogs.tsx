// The backups screen's dialogs: restore a backup into a new workspace, export the workspace to
// a folder, import one from a folder. Each says what will happen before it is confirmed, shows
// a refusal at the field it is about and the rest above the buttons, and a restored or
// imported workspace is offered to open.
import { useState, type FormEvent, type ReactNode } from "react";
import type { BackupRow } from "../../bindings/BackupRow";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import { useAppState } from "../../lib/appState";
import type { WorkspaceSummary } from "../../lib/dto";
import { describeError } from "../../lib/errors";
import { formatBytes, formatCount } from "../../lib/format";
import type { Refusal } from "../../lib/problems";
import { backupTime, importableAsNew, restoreName } from "./backupText";
import { useBackupRefusal } from "./useBackupRefusal";

/** What a dialog does once a workspace is restored or imported and the user opens it. */
export type OnOpened = () => void;

function RefusalLines({ refused }: { refused: Refusal }) {
  if (refused.lines.length === 0) return null;
  return (
    <ul className="problem-list" role="alert" data-testid="backup-problems">
      {refused.lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

/** The end of a restore or import: what was made, and a button that opens it. */
function OpenOffer(props: {
  title: string;
  text: string;
  workspace: WorkspaceSummary;
  onClose: () => void;
  onOpened: OnOpened;
}) {
  const t = useT();
  const toast = useToast();
  const { openWorkspace } = useAppState();
  const [opening, setOpening] = useState(false);
  const open = async () => {
    setOpening(true);
    try {
      await openWorkspace(props.workspace.meta.id);
      props.onOpened();
    } catch (failure) {
      toast(describeError(t, failure), "error");
      setOpening(false);
    }
  };
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      size="sm"
      testId="backup-opened-offer"
      footer={
        <>
          <Button onClick={props.onClose}>{t("backups.restore.later")}</Button>
          <Button
            data-autofocus
            variant="primary"
            busy={opening}
            onClick={() => void open()}
            data-testid="backup-open-workspace"
          >
            {t("backups.restore.open")}
          </Button>
        </>
      }
    >
      <p data-testid="backup-opened-text">{props.text}</p>
    </Dialog>
  );
}

export function RestoreDialog(props: {
  backup: BackupRow;
  workspaceName: string;
  onClose: () => void;
  onOpened: OnOpened;
}) {
  const t = useT();
  const { language } = useLanguage();
  const { state } = useAppState();
  const existing = state?.workspaces.map((workspace) => workspace.name) ?? [];
  const [name, setName] = useState(() =>
    restoreName(props.workspaceName, props.backup.created_at_ms, existing),
  );
  const { busy, refused, run } = useBackupRefusal(["name"]);
  const [restored, setRestored] = useState<WorkspaceSummary>();

  if (restored !== undefined) {
    return (
      <OpenOffer
        title={t("backups.restore.doneTitle")}
        text={t("backups.restore.done", {
          name: restored.meta.name,
          assets: formatCount(restored.asset_count, language),
        })}
        workspace={restored}
        onClose={props.onClose}
        onOpened={props.onOpened}
      />
    );
  }
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    void run(async () =>
      setRestored(
        await call("backup_restore", {
          name: props.backup.name,
          newName: name.trim() === "" ? null : name.trim(),
        }),
      ),
    );
  };
  return (
    <Dialog
      title={t("backups.restore.title")}
      onClose={props.onClose}
      testId="backup-restore-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => submit()}
            data-testid="backup-restore-confirm"
          >
            {busy ? t("backups.restore.running") : t("backups.restore.confirm")}
          </Button>
        </>
      }
    >
      <form onSubmit={submit} className="backup-dialog">
        <p>
          {t("backups.restore.what", {
            when: backupTime(props.backup.created_at_ms, language),
            documents: formatCount(props.backup.documents, language),
            files: formatCount(props.backup.files, language),
          })}
        </p>
        <ul className="backup-facts">
          <li>{t("backups.restore.keepsCurrent", { name: props.workspaceName })}</li>
          <li>{t("backups.restore.laterChanges")}</li>
          <li>{t("backups.restore.notSynced")}</li>
        </ul>
        <Field label={t("backups.restore.name")} error={refused.fields.name}>
          <input
            className="input"
            data-autofocus
            data-testid="backup-restore-name"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <RefusalLines refused={refused} />
      </form>
    </Dialog>
  );
}

/** A dialog around one folder field, its explanation and its command. */
function FolderDialog(props: {
  title: string;
  about: string;
  label: string;
  hint?: string;
  folder: string;
  onFolder: (folder: string) => void;
  confirm: string;
  running: string;
  testId: string;
  busy: boolean;
  refused: Refusal;
  extra?: ReactNode;
  onSubmit: (folder: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const folder = props.folder;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!props.busy && folder.trim() !== "") props.onSubmit(folder.trim());
  };
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId={props.testId}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          {props.extra}
          <Button
            variant="primary"
            busy={props.busy}
            disabled={folder.trim() === ""}
            onClick={() => submit()}
            data-testid={`${props.testId}-confirm`}
          >
            {props.busy ? props.running : props.confirm}
          </Button>
        </>
      }
    >
      <form onSubmit={submit} className="backup-dialog">
        <p>{props.about}</p>
        <Field label={props.label} error={props.refused.fields.folder} hint={props.hint} required>
          <input
            className="input"
            data-autofocus
            data-testid={`${props.testId}-folder`}
            value={folder}
            spellCheck={false}
            onChange={(event) => props.onFolder(event.target.value)}
          />
        </Field>
        <RefusalLines refused={props.refused} />
      </form>
    </Dialog>
  );
}

export function ExportDialog(props: { suggestion: string; onClose: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const { busy, refused, run } = useBackupRefusal(["folder"]);
  const [folder, setFolder] = useState(props.suggestion);
  const exportTo = async (folder: string) => {
    const done = await run(async () => {
      const exported = await call("workspace_export", { folder });
      toast(
        t("backups.export.done", {
          folder: exported.folder,
          documents: formatCount(exported.documents, language),
          files: formatCount(exported.files, language),
          size: formatBytes(exported.bytes, language),
        }),
        "success",
      );
    });
    if (done) props.onClose();
  };
  return (
    <FolderDialog
      title={t("backups.export.title")}
      about={t("backups.export.about")}
      label={t("backups.export.folder")}
      hint={t("backups.export.folderHint")}
      folder={folder}
      onFolder={setFolder}
      confirm={t("backups.export.confirm")}
      running={t("backups.export.running")}
      testId="backup-export"
      busy={busy}
      refused={refused}
      onSubmit={(folder) => void exportTo(folder)}
      onClose={props.onClose}
    />
  );
}

export function ImportDialog(props: { onClose: () => void; onOpened: OnOpened }) {
  const t = useT();
  const { language } = useLanguage();
  const { busy, refused, failure, run } = useBackupRefusal(["folder"]);
  const [folder, setFolder] = useState("");
  const [imported, setImported] = useState<WorkspaceSummary>();
  if (imported !== undefined) {
    return (
      <OpenOffer
        title={t("backups.import.doneTitle")}
        text={t("backups.import.done", {
          name: imported.meta.name,
          assets: formatCount(imported.asset_count, language),
        })}
        workspace={imported}
        onClose={props.onClose}
        onOpened={props.onOpened}
      />
    );
  }
  const importFrom = (from: string, asNew: boolean) => {
    void run(async () => setImported(await call("workspace_import", { folder: from, asNew })));
  };
  return (
    <FolderDialog
      title={t("backups.import.title")}
      about={t("backups.import.about")}
      label={t("backups.import.folder")}
      folder={folder}
      onFolder={setFolder}
      confirm={t("backups.import.confirm")}
      running={t("backups.import.running")}
      testId="backup-import"
      busy={busy}
      refused={refused}
      extra={
        importableAsNew(failure) && (
          <Button
            onClick={() => importFrom(folder.trim(), true)}
            disabled={busy}
            data-testid="backup-import-as-new"
          >
            {t("backups.import.asNew")}
          </Button>
        )
      }
      onSubmit={(from) => importFrom(from, false)}
      onClose={props.onClose}
    />
  );
}
