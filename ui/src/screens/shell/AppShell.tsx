import { useState } from "react";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useShortcuts } from "../../lib/shortcuts";
import { useSync } from "../../lib/sync";
import { needsLogin, syncState } from "../../lib/syncText";
import { AssetsScreen, type OpenAssetRequest } from "../assets/AssetsScreen";
import { AuditsScreen } from "../audits/AuditsScreen";
import { CablesScreen } from "../cables/CablesScreen";
import { FindingsScreen } from "../findings/FindingsScreen";
import { AlertsScreen, useAlertCount } from "../lifecycle/AlertsScreen";
import { PeopleScreen } from "../lifecycle/PeopleScreen";
import { PlansScreen } from "../lifecycle/PlansScreen";
import { useAlertNotifications } from "../lifecycle/useAlertNotifications";
import { RacksScreen } from "../racks/RacksScreen";
import { ReportsScreen } from "../reports/ReportsScreen";
import { LoginDialog } from "../sync/LoginDialog";
import { SyncStatusPill } from "../sync/SyncStatusPill";
import { FirstRun } from "./FirstRun";
import { LanguageSwitch } from "./LanguageSwitch";
import { OfflineIndicator } from "./OfflineIndicator";
import { ProfileButton } from "./ProfileButton";
import { ShortcutHelp } from "./ShortcutHelp";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/** The screen shown; an asset to open belongs to the workspace it was asked for in. */
type View =
  | { screen: "assets"; open?: OpenAssetRequest & { workspaceId: string } }
  | { screen: "findings" }
  | { screen: "racks" }
  | { screen: "cables" }
  | { screen: "audits" }
  | { screen: "alerts" }
  | { screen: "plans" }
  | { screen: "people" }
  | { screen: "reports" };

/**
 * The frame around every screen: the top bar (workspace, sync and offline state, language,
 * profile) and the navigation. Only areas that exist are listed; more join as they are built.
 * The findings inbox belongs to a workspace, so it is listed once one is open.
 */
export function AppShell() {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const { state, error, reload } = useAppState();
  const sync = useSync();
  const [helpOpen, setHelpOpen] = useState(false);
  const [view, setView] = useState<View>({ screen: "assets" });
  const modalOpen = useAnyModalOpen();
  const findingsCount = sync.status?.findings ?? 0;
  const workspaceId = state?.current?.meta.id ?? null;
  const alertCount = useAlertCount(workspaceId !== null);
  useAlertNotifications(workspaceId);

  const syncNow = () => {
    const status = sync.status;
    if (status !== undefined && needsLogin(syncState(status))) {
      sync.openLogin({ server: status.server ?? undefined, user: status.user ?? undefined });
      return;
    }
    sync
      .syncNow()
      .catch((failure: unknown) =>
        toast(t("toast.failed", { message: describeError(t, failure) }), "error"),
      );
  };
  useShortcuts({ "?": () => setHelpOpen(true), "mod+shift+s": syncNow }, !modalOpen);

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
  } else if (view.screen === "racks") {
    content = <RacksScreen key={state.current.meta.id} />;
  } else if (view.screen === "cables") {
    content = <CablesScreen key={state.current.meta.id} />;
  } else if (view.screen === "audits") {
    content = <AuditsScreen key={state.current.meta.id} />;
  } else if (view.screen === "alerts" || view.screen === "people") {
    const current = state.current.meta.id;
    const openAsset = (id: string) =>
      setView({ screen: "assets", open: { id, workspaceId: current } });
    content =
      view.screen === "alerts" ? (
        <AlertsScreen key={current} onOpenAsset={openAsset} />
      ) : (
        <PeopleScreen key={current} onOpenAsset={openAsset} />
      );
  } else if (view.screen === "plans") {
    content = <PlansScreen key={state.current.meta.id} />;
  } else if (view.screen === "reports") {
    content = (
      <ReportsScreen
        key={state.current.meta.id}
        onOpenAssets={() => setView({ screen: "assets" })}
      />
    );
  } else if (view.screen === "findings") {
    const workspaceId = state.current.meta.id;
    content = (
      <FindingsScreen
        key={workspaceId}
        onOpenAsset={(open) => setView({ screen: "assets", open: { ...open, workspaceId } })}
      />
    );
  } else {
    content = (
      <AssetsScreen
        key={state.current.meta.id}
        workspace={state.current}
        openRequest={view.open?.workspaceId === state.current.meta.id ? view.open : undefined}
      />
    );
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
        <SyncStatusPill />
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
              aria-current={view.screen === "assets" ? "page" : undefined}
              data-testid="nav-assets"
              onClick={(event) => {
                event.preventDefault();
                setView({ screen: "assets" });
              }}
            >
              <Icon name="box" />
              {t("nav.assets")}
            </a>
          </li>
          {(state?.current ?? null) !== null && (
            <li>
              <a
                className="nav-item"
                href="#racks"
                aria-current={view.screen === "racks" ? "page" : undefined}
                data-testid="nav-racks"
                onClick={(event) => {
                  event.preventDefault();
                  setView({ screen: "racks" });
                }}
              >
                <Icon name="rack" />
                {t("nav.racks")}
              </a>
            </li>
          )}
          {(state?.current ?? null) !== null && (
            <li>
              <a
                className="nav-item"
                href="#cables"
                aria-current={view.screen === "cables" ? "page" : undefined}
                data-testid="nav-cables"
                onClick={(event) => {
                  event.preventDefault();
                  setView({ screen: "cables" });
                }}
              >
                <Icon name="cable" />
                {t("nav.cables")}
              </a>
            </li>
          )}
          {workspaceId !== null && (
            <>
              <li>
                <a
                  className="nav-item"
                  href="#alerts"
                  aria-current={view.screen === "alerts" ? "page" : undefined}
                  data-testid="nav-alerts"
                  onClick={(event) => {
                    event.preventDefault();
                    setView({ screen: "alerts" });
                  }}
                >
                  <Icon name="alert" />
                  {t("nav.alerts")}
                  {alertCount > 0 && (
                    <span
                      className="nav-badge"
                      data-testid="alerts-badge"
                      aria-label={t("nav.alertsCount", { count: alertCount })}
                    >
                      {formatCount(alertCount, language)}
                    </span>
                  )}
                </a>
              </li>
              {(["plans", "people"] as const).map((screen) => (
                <li key={screen}>
                  <a
                    className="nav-item"
                    href={`#${screen}`}
                    aria-current={view.screen === screen ? "page" : undefined}
                    data-testid={`nav-${screen}`}
                    onClick={(event) => {
                      event.preventDefault();
                      setView({ screen });
                    }}
                  >
                    <Icon name={screen === "plans" ? "refresh" : "tag"} />
                    {t(screen === "plans" ? "nav.plans" : "nav.people")}
                  </a>
                </li>
              ))}
            </>
          )}
          {(state?.current ?? null) !== null && (
            <li>
              <a
                className="nav-item"
                href="#audits"
                aria-current={view.screen === "audits" ? "page" : undefined}
                data-testid="nav-audits"
                onClick={(event) => {
                  event.preventDefault();
                  setView({ screen: "audits" });
                }}
              >
                <Icon name="check" />
                {t("nav.audits")}
              </a>
            </li>
          )}
          {(state?.current ?? null) !== null && (
            <li>
              <a
                className="nav-item"
                href="#reports"
                aria-current={view.screen === "reports" ? "page" : undefined}
                data-testid="nav-reports"
                onClick={(event) => {
                  event.preventDefault();
                  setView({ screen: "reports" });
                }}
              >
                <Icon name="file" />
                {t("nav.reports")}
              </a>
            </li>
          )}
          {(state?.current ?? null) !== null && (
            <li>
              <a
                className="nav-item"
                href="#findings"
                aria-current={view.screen === "findings" ? "page" : undefined}
                data-testid="findings-nav"
                onClick={(event) => {
                  event.preventDefault();
                  setView({ screen: "findings" });
                }}
              >
                <Icon name="inbox" />
                {t("nav.findings")}
                {findingsCount > 0 && (
                  <span
                    className="nav-badge"
                    data-testid="findings-badge"
                    aria-label={t("nav.findingsCount", { count: findingsCount })}
                  >
                    {formatCount(findingsCount, language)}
                  </span>
                )}
              </a>
            </li>
          )}
        </ul>
      </nav>
      <main className="main">{content}</main>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
      {sync.login !== null && <LoginDialog prefill={sync.login} onClose={sync.closeLogin} />}
    </div>
  );
}
