import { useState } from "react";
import { Icon } from "../../components/Icon";
import { Popover } from "../../components/Popover";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { useSync } from "../../lib/sync";
import { CreateWorkspaceDialog } from "./CreateWorkspaceDialog";
import { useSampleWorkspace } from "./useSampleWorkspace";

/**
 * The open workspace's name; its menu lists the others, offers to create one and to log in to
 * a team server (which opens the server's workspace here).
 */
export function WorkspaceSwitcher() {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const { state, openWorkspace } = useAppState();
  const { openLogin } = useSync();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const sample = useSampleWorkspace();
  const current = state?.current ?? null;

  const choose = async (id: string) => {
    setOpen(false);
    if (id === current?.meta.id) return;
    try {
      await openWorkspace(id);
    } catch (failure) {
      toast(describeError(t, failure), "error");
    }
  };

  return (
    <>
      <Popover
        open={open}
        onClose={() => setOpen(false)}
        testId="workspace-menu"
        anchor={
          <button
            type="button"
            className="switcher"
            aria-haspopup="menu"
            aria-expanded={open}
            aria-label={t("workspace.label")}
            title={current?.meta.name}
            data-testid="workspace-switcher"
            onClick={() => setOpen((value) => !value)}
          >
            <span className="switcher-caption">{t("workspace.label")}</span>
            {/* The test id sits on an inner span: WebDriver's getText reads "" from an element
                that itself clips with overflow: hidden. */}
            <span className="switcher-name">
              <span data-testid="workspace-current">
                {current?.meta.name ?? t("workspace.none")}
              </span>
            </span>
            <Icon name="chevronDown" size={14} />
          </button>
        }
      >
        <div role="menu" aria-label={t("workspace.list")} className="menu">
          {state?.workspaces.map((workspace) => (
            <button
              key={workspace.id}
              type="button"
              role="menuitemradio"
              aria-checked={workspace.id === current?.meta.id}
              className="menu-item"
              data-testid="workspace-option"
              data-workspace-name={workspace.name}
              onClick={() => void choose(workspace.id)}
            >
              <span className="menu-check">
                {workspace.id === current?.meta.id && <Icon name="check" size={14} />}
              </span>
              <span className="menu-item-label">{workspace.name}</span>
              {workspace.id === current?.meta.id && (
                <span className="menu-item-meta">
                  {t("workspace.assetCount", { count: formatCount(current.asset_count, language) })}
                </span>
              )}
            </button>
          ))}
          {(state?.workspaces.length ?? 0) > 0 && (
            <div className="menu-separator" role="separator" />
          )}
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="workspace-create"
            onClick={() => {
              setOpen(false);
              setCreating(true);
            }}
          >
            <span className="menu-check">
              <Icon name="plus" size={14} />
            </span>
            <span className="menu-item-label">{t("workspace.create")}</span>
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="workspace-sample"
            disabled={sample.making}
            onClick={() => {
              setOpen(false);
              void sample.make();
            }}
          >
            <span className="menu-check">
              <Icon name="layers" size={14} />
            </span>
            <span className="menu-item-label">
              {sample.making ? t("firstRun.sampleMaking") : t("firstRun.sample")}
            </span>
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="workspace-login"
            onClick={() => {
              setOpen(false);
              openLogin();
            }}
          >
            <span className="menu-check">
              <Icon name="logIn" size={14} />
            </span>
            <span className="menu-item-label">{t("workspace.login")}</span>
          </button>
        </div>
      </Popover>
      {creating && <CreateWorkspaceDialog onClose={() => setCreating(false)} />}
    </>
  );
}
