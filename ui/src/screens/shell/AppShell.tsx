import { useEffect, useMemo, useRef, useState } from "react";
import { AccessBanner } from "../../components/AccessBanner";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { CommandError } from "../../ipc";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { useAnyModalOpen } from "../../lib/modalStack";
import {
  KeptScope,
  NavigationContext,
  routeIn,
  type Navigation,
  type Route,
} from "../../lib/navigation";
import { ScreenHistory } from "../../lib/screenHistory";
import { shortcutName, useShortcuts } from "../../lib/shortcuts";
import { useSync } from "../../lib/sync";
import { needsLogin, syncState } from "../../lib/syncText";
import { SearchPalette } from "../search/SearchPalette";
import { LoginDialog } from "../sync/LoginDialog";
import { SyncStatusPill } from "../sync/SyncStatusPill";
import { FirstRun } from "./FirstRun";
import { LanguageSwitch } from "./LanguageSwitch";
import { OfflineIndicator } from "./OfflineIndicator";
import { ProfileButton } from "./ProfileButton";
import {
  assetScreenId,
  screens as screenTable,
  type ScreenBadge,
  type ScreenEntry,
  type ScreenProps,
} from "./screens";
import { ShortcutHelp } from "./ShortcutHelp";
import { StoreDamaged } from "./StoreDamaged";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/**
 * The frame around every screen: the top bar (workspace, sync and offline state, language,
 * profile), the navigation and the screen shown, both from the screen table (`screens`, the
 * app's own table unless a test gives another). Without a workspace only screens listed
 * without one are in the navigation, and the first-run screen is shown.
 */
export function AppShell({ screens = screenTable }: { screens?: readonly ScreenEntry[] }) {
  const t = useT();
  const toast = useToast();
  const { state, error, reload } = useAppState();
  const sync = useSync();
  const [helpOpen, setHelpOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const modalOpen = useAnyModalOpen();
  const workspaceId = state?.current?.meta.id ?? null;
  // The history and each screen's kept state belong to one workspace: another starts afresh,
  // on the screen shown.
  const lastScreen = useRef(screens[0]?.id ?? assetScreenId);
  const history = useMemo(
    () => new ScreenHistory({ screen: lastScreen.current }),
    [workspaceId, screens],
  );
  // Read through a ref: a screen that opens another workspace and then navigates (the backups
  // screen's "open the restored workspace") holds the navigation of the workspace it left,
  // and its navigate must reach the history of the one now open.
  const current = useRef(history);
  current.current = history;
  const [, setShownSerial] = useState(0);
  const navigation = useMemo<Navigation>(
    () => ({
      navigate: (to: Route) => setShownSerial(current.current.navigate(to).serial),
      back: () => {
        const shown = current.current.back();
        if (shown !== undefined) setShownSerial(shown.serial);
      },
      get canGoBack() {
        return current.current.canGoBack;
      },
      routeFor: (record, extra) => routeIn(screens, record, extra),
    }),
    [history, screens],
  );
  const view = history.shown;
  lastScreen.current = view.route.screen;
  // The screen shown, if a workspace is open: the one chosen, else the table's first.
  const shown = screens.find((entry) => entry.id === view.route.screen) ?? screens[0];

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
  useShortcuts(
    {
      "?": () => setHelpOpen(true),
      "mod+shift+s": syncNow,
    },
    !modalOpen,
  );
  useNavigationKeys(
    navigation.back,
    () => {
      if (workspaceId !== null) setSearchOpen(true);
    },
    !modalOpen,
  );

  let content;
  if (state === undefined && error instanceof CommandError && error.kind === "store_damaged") {
    content = <StoreDamaged error={error} onOpen={() => void reload()} />;
  } else if (state === undefined && error !== undefined) {
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
    const workspace = state.current;
    const props: ScreenProps = {
      workspace,
      navigate: navigation.navigate,
      // The request object itself: a screen opens each new one once.
      opening: shown?.id === view.route.screen ? view.open : undefined,
    };
    content =
      shown === undefined ? null : (
        <KeptScope
          key={`${shown.id}/${workspace.meta.id}/${view.serial}`}
          values={history.keptOf(shown.id)}
        >
          {shown.render(props)}
        </KeptScope>
      );
  }

  return (
    <NavigationContext.Provider value={navigation}>
      <div className="shell">
        <header className="topbar">
          <button
            type="button"
            className="icon-btn nav-back"
            onClick={navigation.back}
            disabled={!navigation.canGoBack}
            aria-label={t("nav.back")}
            title={t("nav.backTitle")}
            data-testid="nav-back"
          >
            <Icon name="arrowLeft" />
          </button>
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              <Icon name="layers" size={16} />
            </span>
            <span className="brand-name" data-testid="app-title">
              {t("app.name")}
            </span>
          </div>
          {state !== undefined &&
            state.workspaces.length + (state.current === null ? 0 : 1) > 0 && <WorkspaceSwitcher />}
          <div className="topbar-spacer" />
          {workspaceId !== null && (
            <button
              type="button"
              className="btn btn-secondary topbar-search"
              onClick={() => setSearchOpen(true)}
              data-testid="global-search-button"
              title={t("search.open")}
            >
              <Icon name="search" size={14} />
              <span>{t("search.button")}</span>
              <kbd className="search-kbd">Ctrl K</kbd>
            </button>
          )}
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
        {workspaceId !== null && <AccessBanner />}
        <nav className="sidenav" aria-label={t("nav.label")}>
          <ul>
            {screens
              .filter((entry) => workspaceId !== null || entry.listedWithoutWorkspace === true)
              .map((entry) => (
                <li key={entry.id}>
                  <NavItem
                    entry={entry}
                    current={shown?.id === entry.id}
                    onOpen={() => navigation.navigate({ screen: entry.id })}
                  />
                </li>
              ))}
          </ul>
        </nav>
        <main className="main">{content}</main>
        {screens.map(
          (entry) =>
            entry.useBackground !== undefined && (
              <BackgroundWork key={entry.id} use={entry.useBackground} workspaceId={workspaceId} />
            ),
        )}
        {helpOpen && <ShortcutHelp screens={screens} onClose={() => setHelpOpen(false)} />}
        {sync.login !== null && <LoginDialog prefill={sync.login} onClose={sync.closeLogin} />}
        {searchOpen && workspaceId !== null && (
          <SearchPalette screens={screens} onClose={() => setSearchOpen(false)} />
        )}
      </div>
    </NavigationContext.Provider>
  );
}

/**
 * Back by keyboard and mouse, Alt+← and the mouse's back button (DOM button 3), as in a
 * browser; and Ctrl K, the global search. Both work from a text field too (neither edits
 * text), unlike the single-key shortcuts.
 */
function useNavigationKeys(back: () => void, openSearch: () => void, enabled: boolean) {
  const latest = useRef({ back, openSearch });
  latest.current = { back, openSearch };
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.key === "ArrowLeft") {
        event.preventDefault();
        latest.current.back();
      } else if (shortcutName(event) === "mod+k") {
        event.preventDefault();
        latest.current.openSearch();
      }
    };
    const onMouseUp = (event: MouseEvent) => {
      if (event.button === 3) {
        event.preventDefault();
        latest.current.back();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("mouseup", onMouseUp);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("mouseup", onMouseUp);
    };
  }, [enabled]);
}

/** A screen's navigation item, with its badge when the entry has one. */
function NavItem(props: { entry: ScreenEntry; current: boolean; onOpen: () => void }) {
  const t = useT();
  const { entry } = props;
  return (
    <a
      className="nav-item"
      href={`#${entry.id}`}
      aria-current={props.current ? "page" : undefined}
      data-testid={entry.navTestId ?? `nav-${entry.id}`}
      onClick={(event) => {
        event.preventDefault();
        props.onOpen();
      }}
    >
      <Icon name={entry.icon} />
      {t(entry.label)}
      {entry.badge !== undefined && <NavBadge id={entry.id} badge={entry.badge} />}
    </a>
  );
}

function NavBadge({ id, badge }: { id: string; badge: ScreenBadge }) {
  const t = useT();
  const { language } = useLanguage();
  const count = badge.useCount();
  if (count <= 0) return null;
  return (
    <span className="nav-badge" data-testid={`${id}-badge`} aria-label={t(badge.label, { count })}>
      {formatCount(count, language)}
    </span>
  );
}

/** Runs a screen's background hook; a component of its own so each hook keeps its place. */
function BackgroundWork(props: {
  use: (workspaceId: string | null) => void;
  workspaceId: string | null;
}) {
  props.use(props.workspaceId);
  return null;
}
