import { useState } from "react";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";
import { useSync } from "../../lib/sync";
import { CreateWorkspaceDialog } from "./CreateWorkspaceDialog";
import { useSampleWorkspace } from "./useSampleWorkspace";

/**
 * No workspace is open: ask who the user is (until they have said), explain what a
 * workspace is, and offer to create one, to make a sample one to look around in, to open an
 * existing one, or (on a new laptop) to log in to the team server and start from its copy.
 */
export function FirstRun() {
  const t = useT();
  const toast = useToast();
  const { state, openWorkspace, saveProfile } = useAppState();
  const { openLogin } = useSync();
  const [creating, setCreating] = useState(false);
  const { making: sampling, make: makeSample } = useSampleWorkspace();
  const chosen = state?.profile_chosen ?? true;
  const [name, setName] = useState(state?.os_user ?? "");
  const [nameError, setNameError] = useState<string>();
  const workspaces = state?.workspaces ?? [];

  /** Saves the name typed (when the user has not chosen one yet), then goes on. */
  const withName = async (next: () => void | Promise<void>) => {
    if (!chosen) {
      if (name.trim() === "") {
        setNameError(t("firstRun.nameNeeded"));
        return;
      }
      try {
        await saveProfile(name, "");
      } catch (failure) {
        setNameError(describeError(t, failure));
        return;
      }
    }
    await next();
  };

  return (
    <div className="first-run" data-testid="first-run">
      <EmptyState
        icon="layers"
        title={t("firstRun.title")}
        body={
          <>
            {t("firstRun.body")}
            <span className="first-run-offline">
              <Icon name="database" size={14} /> {t("firstRun.offline")}
            </span>
          </>
        }
        actions={
          <div className="first-run-actions">
            {!chosen && (
              <Field label={t("firstRun.name")} hint={t("firstRun.nameHelp")} error={nameError}>
                <input
                  className="input"
                  data-autofocus
                  data-testid="first-run-name"
                  value={name}
                  maxLength={80}
                  placeholder={t("firstRun.namePlaceholder")}
                  onChange={(event) => {
                    setName(event.target.value);
                    setNameError(undefined);
                  }}
                />
              </Field>
            )}
            <div className="first-run-buttons">
              <Button
                variant="primary"
                icon={<Icon name="plus" />}
                onClick={() => void withName(() => setCreating(true))}
                disabled={sampling}
                data-testid="first-run-create"
              >
                {t("workspace.create")}
              </Button>
              <Button
                icon={<Icon name="layers" />}
                onClick={() => void withName(makeSample)}
                busy={sampling}
                data-testid="first-run-sample"
              >
                {sampling ? t("firstRun.sampleMaking") : t("firstRun.sample")}
              </Button>
              <Button
                icon={<Icon name="logIn" />}
                // A team server's account names the author of what is done there: logging
                // in needs no local name (one typed is kept).
                onClick={() => {
                  if (!chosen && name.trim() !== "") void saveProfile(name, "").catch(() => {});
                  openLogin();
                }}
                disabled={sampling}
                data-testid="first-run-login"
              >
                {t("firstRun.login")}
              </Button>
            </div>
            <p className="muted first-run-sample-help">{t("firstRun.sampleHelp")}</p>
          </div>
        }
      />
      {workspaces.length > 0 && (
        <ul className="first-run-list" aria-label={t("workspace.list")}>
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <button
                type="button"
                className="list-button"
                data-testid="workspace-option"
                data-workspace-name={workspace.name}
                onClick={() =>
                  void withName(() =>
                    openWorkspace(workspace.id)
                      .then(() => undefined)
                      .catch((failure: unknown) => toast(describeError(t, failure), "error")),
                  )
                }
              >
                <Icon name="layers" size={14} />
                {workspace.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {creating && <CreateWorkspaceDialog onClose={() => setCreating(false)} />}
    </div>
  );
}
