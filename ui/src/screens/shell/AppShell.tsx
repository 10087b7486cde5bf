import { useState } from "react";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useShortcuts } from "../../lib/shortcuts";
import { AssetsScreen } from "../assets/AssetsScreen";
import { FirstRun } from "./FirstRun";
import { LanguageSwitch } from "./LanguageSwitch";
import { OfflineIndicator } from "./OfflineIndicator";
import { ProfileButton } from "./ProfileButton";
import { ShortcutHelp } from "./ShortcutHelp";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/**
 * The frame around every screen: the top bar (workspace, offline state, language, profile)
 * and the navigation. Only areas that exist are listed; more join as they are built.
 */
export function AppShell() {
  const t = useT();
  const { state, error, reload } = useAppState();
  const [helpOpen, setHelpOpen] = useState(false);
  const modalOpen = useAnyModalOpen();
  useShortcuts({ "?": () => setHelpOpen(true) }, !modalOpen);

  let content;
  if (state === undefined && error !== undefined) {
    content = (
      <div className="center-message" role="alert" data-testid="load-failed">
        <p>{t("app.loadFailed")}</p>
        <p className="muted">{describeError(t, error)}</p>
        <Button onClick={() => void reload()}>{t("common.retry")}</Button>
      </div>
    );
  } else if (state === undefined) {
    content = (
      <div className="center-message">
        <Spinner size={20} label={t("app.loading")} />
      </div>
    );
  } else if (state.current === null) {
    content = <FirstRun />;
  } else {
    content = <AssetsScreen key={state.current.meta.id} workspace={state.current} />;
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="layers" size={16} />
          </span>
          <span className="brand-name" data-testid="app-title">
            {t("app.name")}
          </span>
        </div>
        {state !== undefined && state.workspaces.length + (state.current === null ? 0 : 1) > 0 && (
          <WorkspaceSwitcher />
        )}
        <div className="topbar-spacer" />
        <OfflineIndicator />
        <LanguageSwitch />
        <button
          type="button"
          className="icon-btn"
          onClick={() => setHelpOpen(true)}
          aria-label={t("help.open")}
          title={t("help.open")}
          data-testid="help-button"
        >
          <Icon name="keyboard" />
        </button>
        {state !== undefined && <ProfileButton />}
      </header>
      <nav className="sidenav" aria-label={t("nav.label")}>
        <ul>
          <li>
            <a
              className="nav-item"
              href="#assets"
              aria-current="page"
              data-testid="nav-assets"
              onClick={(event) => event.preventDefault()}
            >
              <Icon name="box" />
              {t("nav.assets")}
            </a>
          </li>
        </ul>
      </nav>
      <main className="main">{content}</main>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
