import { useEffect, useState } from "react";
import { Button } from "../../components/Button";
import { Icon, type IconName } from "../../components/Icon";
import { Popover } from "../../components/Popover";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { describeError } from "../../lib/errors";
import { formatCount, formatDateTime } from "../../lib/format";
import { useSync } from "../../lib/sync";
import {
  isLoggedIn,
  needsLogin,
  pillText,
  retryRemaining,
  syncExplanation,
  syncState,
  type SyncState,
} from "../../lib/syncText";

const stateIcon: Record<SyncState, IconName> = {
  not_configured: "cloudOff",
  logged_out: "cloudOff",
  connecting: "refresh",
  offline: "cloudOff",
  syncing: "refresh",
  synced: "cloud",
  error: "alert",
};

/** Re-renders every second while `enabled`, for the retry countdown. */
function useNow(enabled: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [enabled]);
  return now;
}

/**
 * The team-sync state in the top bar (`data-state` carries the raw state for tests) and, on
 * click, what it means: server, user, last sync, what waits to be sent, the error in words
 * with what to do, and the actions that fit (sync now, log out, log in).
 */
export function SyncStatusPill() {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const { status, receivedAtMs, syncNow, logout, openLogin } = useSync();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<"sync" | "logout" | null>(null);
  const now = useNow(open && (status?.retry_in_secs ?? null) !== null);
  if (status === undefined) return null;

  const state = syncState(status);
  const retryIn = retryRemaining(status, receivedAtMs, now);
  const expired =
    state === "logged_out" &&
    (status.error_code === "token_expired" || status.error_code === "unauthenticated");

  const run = async (action: "sync" | "logout") => {
    setBusy(action);
    try {
      if (action === "sync") await syncNow();
      else {
        await logout();
        toast(t("sync.loggedOut"), "info");
      }
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(null);
    }
  };
  const startLogin = () => {
    setOpen(false);
    openLogin({ server: status.server ?? undefined, user: status.user ?? undefined });
  };

  return (
    <Popover
      open={open}
      onClose={() => setOpen(false)}
      align="end"
      className="sync-popover"
      testId="sync-popover"
      anchor={
        <button
          type="button"
          className={`pill pill-button pill-sync pill-sync-${state}`}
          data-testid="sync-status"
          data-state={status.state}
          aria-haspopup="dialog"
          aria-expanded={open}
          title={[
            pillText(t, language, status, now),
            status.pending > 0
              ? t("sync.pill.pending", { count: formatCount(status.pending, language) })
              : "",
            t("sync.panel.title"),
          ]
            .filter((part) => part !== "")
            .join(" · ")}
          onClick={() => setOpen((value) => !value)}
        >
          {state === "syncing" ? <Spinner size={12} /> : <Icon name={stateIcon[state]} size={14} />}
          {/* Clipped by the outer span: WebDriver reads "" from an element that clips itself. */}
          <span className="pill-sync-words">
            <span data-testid="sync-status-text">{pillText(t, language, status, now)}</span>
            {status.pending > 0 && (
              <span className="pill-extra" data-testid="sync-pending">
                {t("sync.pill.pending", { count: formatCount(status.pending, language) })}
              </span>
            )}
          </span>
        </button>
      }
    >
      <div className="sync-panel" role="dialog" aria-label={t("sync.panel.title")}>
        <div className="sync-panel-head">
          <span className={`sync-dot sync-dot-${state}`} aria-hidden="true" />
          <strong>{t(`sync.state.${state}`)}</strong>
        </div>
        <p
          className={`sync-explain ${state === "error" || expired ? "is-problem" : ""}`}
          data-testid="sync-explanation"
        >
          {syncExplanation(t, status, retryIn)}
        </p>
        {status.error_message !== null && state !== "synced" && state !== "syncing" && (
          <p className="sync-detail">{t("sync.details", { message: status.error_message })}</p>
        )}
        <dl className="sync-facts">
          <div>
            <dt>{t("sync.server")}</dt>
            <dd className="tabular" data-testid="sync-server">
              {status.server ?? "—"}
            </dd>
          </div>
          <div>
            <dt>{t("sync.user")}</dt>
            <dd>{status.user ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("sync.lastSync")}</dt>
            <dd>
              {status.last_synced_at_ms === null
                ? t("sync.never")
                : formatDateTime(status.last_synced_at_ms, language)}
            </dd>
          </div>
          <div>
            <dt>{t("sync.pending")}</dt>
            <dd>{t("sync.count", { count: formatCount(status.pending, language) })}</dd>
          </div>
        </dl>
        <div className="sync-actions">
          {needsLogin(state) && (
            <Button
              variant="primary"
              size="sm"
              icon={<Icon name="logIn" size={14} />}
              onClick={startLogin}
              data-testid="sync-login"
            >
              {state === "logged_out" ? t("sync.relogin") : t("sync.login")}
            </Button>
          )}
          {isLoggedIn(state) && (
            <>
              <Button
                size="sm"
                icon={<Icon name="logOut" size={14} />}
                busy={busy === "logout"}
                onClick={() => void run("logout")}
                data-testid="sync-logout"
              >
                {t("sync.logout")}
              </Button>
              <Button
                variant="primary"
                size="sm"
                icon={<Icon name="refresh" size={14} />}
                busy={busy === "sync"}
                disabled={state === "syncing"}
                onClick={() => void run("sync")}
                data-testid="sync-now"
                title="Ctrl+Shift+S"
              >
                {t("sync.now")}
              </Button>
            </>
          )}
        </div>
      </div>
    </Popover>
  );
}
