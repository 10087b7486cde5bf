import { Fragment, useState } from "react";
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
import { useShortcuts } from "../../lib/shortcuts";
import { useSync } from "../../lib/sync";
import { needsLogin, syncState } from "../../lib/syncText";
import type { OpenAssetRequest } from "../assets/AssetsScreen";
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

/** The screen shown (an id of the screen table); an asset to open belongs to the workspace it
 * was asked for in. */
interface View {
  screen: string;
  open?: OpenAssetRequest & { workspaceId: string };
}

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
  const [view, setView] = useState<View>({ screen: assetScreenId });
  const modalOpen = useAnyModalOpen();
  const workspaceId = state?.current?.meta.id ?? null;
  // The screen shown, if a workspace is open: the one chosen, else the table's first.
  const shown = screens.find((entry) => entry.id === view.screen) ?? screens[0];

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
      openAsset: (open) =>
        setView({
          screen: assetScreenId,
          open: open === undefined ? undefined : { ...open, workspaceId: workspace.meta.id },
        }),
      // The request object itself: the asset list opens each new one once.
      assetToOpen: view.open?.workspaceId === workspace.meta.id ? view.open : undefined,
    };
    content =
      shown === undefined ? null : (
        <Fragment key={`${shown.id}/${workspace.meta.id}`}>{shown.render(props)}</Fragment>
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
                  onOpen={() => setView({ screen: entry.id })}
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
    </div>
  );
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
