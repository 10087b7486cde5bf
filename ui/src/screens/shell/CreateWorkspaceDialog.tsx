import { useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";

/** Asks for a name, creates the workspace and opens it. */
export function CreateWorkspaceDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { createWorkspace } = useAppState();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await createWorkspace(name.trim());
      onClose();
    } catch (failure) {
      setError(describeError(t, failure));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("workspace.createTitle")}
      onClose={onClose}
      size="sm"
      testId="create-workspace-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            onClick={() => void submit()}
            busy={busy}
            disabled={name.trim() === ""}
            data-testid="workspace-create-submit"
          >
            {busy ? t("workspace.creating") : t("workspace.createButton")}
          </Button>
        </>
      }
    >
      <form onSubmit={(event) => void submit(event)}>
        <Field label={t("workspace.name")} error={error} hint={t("workspace.nameHelp")} required>
          <input
            className="input"
            data-autofocus
            data-testid="workspace-name-input"
            value={name}
            maxLength={120}
            placeholder={t("workspace.namePlaceholder")}
            onChange={(event) => {
              setName(event.target.value);
              setError(undefined);
            }}
          />
        </Field>
      </form>
    </Dialog>
  );
}
