import { useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { useRefusal } from "../../lib/problems";

/**
 * Asks for a name, creates the workspace and opens it. The name goes to Rust as typed: the
 * rules of names (crates/core/src/names.rs) trim its spaces and refuse what it may not hold,
 * and the reason shows under the field.
 */
export function CreateWorkspaceDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { createWorkspace } = useAppState();
  const [name, setName] = useState("");
  const [edited, setEdited] = useState(false);
  const { busy, refused, run } = useRefusal(["name"]);
  const error = edited ? undefined : (refused.fields.name ?? refused.lines[0]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setEdited(false);
    if (await run(() => createWorkspace(name))) onClose();
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
              setEdited(true);
            }}
          />
        </Field>
      </form>
    </Dialog>
  );
}
