import { useState } from "react";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";
import { useSync } from "../../lib/sync";
import { CreateWorkspaceDialog } from "./CreateWorkspaceDialog";

/**
 * No workspace is open: explain what one is, offer to create one, open an existing one, or
 * (on a new laptop) log in to the team server and start from its copy.
 */
export function FirstRun() {
  const t = useT();
  const toast = useToast();
  const { state, openWorkspace } = useAppState();
  const { openLogin } = useSync();
  const [creating, setCreating] = useState(false);
  const workspaces = state?.workspaces ?? [];
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
          <>
            <Button
              variant="primary"
              icon={<Icon name="plus" />}
              onClick={() => setCreating(true)}
              data-testid="first-run-create"
            >
              {t("workspace.create")}
            </Button>
            <Button
              icon={<Icon name="logIn" />}
              onClick={() => openLogin()}
              data-testid="first-run-login"
            >
              {t("firstRun.login")}
            </Button>
          </>
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
                  openWorkspace(workspace.id).catch((failure: unknown) =>
                    toast(describeError(t, failure), "error"),
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
