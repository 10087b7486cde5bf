// The team-sync status in words: the pill's short text, the popover's explanation of what is
// going on and what to do, and Rust's English progress ("push 1200/5000") in the user's
// language. Pure functions of the status, so every state can be tested without a window.
import type { SyncStatus } from "../bindings/SyncStatus";
import type { Language, Translate } from "../i18n";
import { formatClock, formatCount } from "./format";

export type { SyncStatus };

export const syncStates = [
  "not_configured",
  "logged_out",
  "connecting",
  "offline",
  "syncing",
  "synced",
  "error",
] as const;
export type SyncState = (typeof syncStates)[number];

/**
 * The error codes a status may carry (`error_code`): "offline", the server's refusals and the
 * app's own failures. Each has a short reason for the pill and an explanation for the popover.
 */
export const syncErrorCodes = [
  "offline",
  "read_only",
  "unauthenticated",
  "token_expired",
  "not_logged_in",
  "forbidden",
  "unknown_workspace",
  "body_too_large",
  "store",
  "sync",
  "bad_answer",
  "internal",
  "server_key_changed",
  "insufficient_storage",
] as const;
export type SyncErrorCode = (typeof syncErrorCodes)[number];

/** The status's state; a state this UI does not know yet is shown as an error. */
export function syncState(status: SyncStatus): SyncState {
  return (syncStates as readonly string[]).includes(status.state)
    ? (status.state as SyncState)
    : "error";
}

function knownCode(code: string | null): SyncErrorCode | undefined {
  return syncErrorCodes.find((known) => known === code);
}

/** No server, or no valid login: the way forward is the login dialog. */
export function needsLogin(state: SyncState): boolean {
  return state === "not_configured" || state === "logged_out";
}

/** Logged in to a server: "sync now" and "log out" make sense. */
export function isLoggedIn(state: SyncState): boolean {
  return !needsLogin(state);
}

/** Rust's progress text (`push 1200/5000`, `pull 300`, `files 1/2`) in the user's language. */
export function progressText(
  t: Translate,
  language: Language,
  progress: string | null,
): string | null {
  if (progress === null || progress === "") return null;
  const count = (digits: string | undefined) => formatCount(Number(digits ?? 0), language);
  const push = /^push (\d+)\/(\d+)$/.exec(progress);
  if (push !== null)
    return t("sync.progress.push", { done: count(push[1]), total: count(push[2]) });
  const pull = /^pull (\d+)$/.exec(progress);
  if (pull !== null) return t("sync.progress.pull", { count: count(pull[1]) });
  const files = /^files (\d+)\/(\d+)$/.exec(progress);
  if (files !== null)
    return t("sync.progress.files", { done: count(files[1]), total: count(files[2]) });
  return progress;
}

/** A few words on why sync failed: `보기 전용 계정`, `서버 연결 안 됨`. */
export function errorReason(t: Translate, code: string | null): string {
  const known = knownCode(code);
  return t(known === undefined ? "sync.reason.unknown" : `sync.reason.${known}`);
}

/** The pill's text, without the pending count (shown beside it). */
export function pillText(
  t: Translate,
  language: Language,
  status: SyncStatus,
  nowMs: number,
): string {
  const state = syncState(status);
  switch (state) {
    case "synced":
      return status.last_synced_at_ms === null
        ? t("sync.pill.waiting")
        : t("sync.pill.syncedAt", {
            time: formatClock(status.last_synced_at_ms, nowMs, language),
          });
    case "connecting":
      return t("sync.state.connecting");
    case "syncing": {
      const progress = progressText(t, language, status.progress);
      return progress === null ? t("sync.state.syncing") : `${t("sync.state.syncing")} ${progress}`;
    }
    case "error":
      return t("sync.pill.error", { reason: errorReason(t, status.error_code) });
    default:
      return t(`sync.state.${state}`);
  }
}

/**
 * What is going on and what to do about it, in a sentence or two. `retryInSecs` is the
 * countdown to the next automatic try (null or 0 when none is due).
 */
export function syncExplanation(
  t: Translate,
  status: SyncStatus,
  retryInSecs: number | null,
): string {
  const retry = retryInSecs !== null && retryInSecs > 0 ? retryInSecs : null;
  const state = syncState(status);
  switch (state) {
    case "not_configured":
      return t("sync.explain.not_configured");
    case "logged_out": {
      const code = knownCode(status.error_code);
      return code === "token_expired" || code === "unauthenticated"
        ? t(`sync.explain.${code}`)
        : t("sync.explain.logged_out");
    }
    case "offline":
      return retry === null
        ? t("sync.explain.offline")
        : t("sync.explain.offlineRetry", { seconds: retry });
    case "connecting":
      return status.last_synced_at_ms === null
        ? t("sync.explain.neverSynced")
        : t("sync.explain.connecting");
    case "syncing":
      return t("sync.explain.syncing");
    case "synced":
      if (status.last_synced_at_ms === null) return t("sync.explain.neverSynced");
      return status.pending > 0
        ? t("sync.explain.syncedPending", { count: status.pending })
        : t("sync.explain.synced");
    case "error": {
      const code = knownCode(status.error_code);
      const text = t(code === undefined ? "sync.explain.unknown" : `sync.explain.${code}`);
      return retry === null ? text : `${text} ${t("sync.retryIn", { seconds: retry })}`;
    }
  }
}

/** Seconds left of `retry_in_secs`, counted from when the status arrived. */
export function retryRemaining(status: SyncStatus, receivedAtMs: number, nowMs: number): number {
  if (status.retry_in_secs === null) return 0;
  const elapsed = Math.floor(Math.max(0, nowMs - receivedAtMs) / 1000);
  return Math.max(0, status.retry_in_secs - elapsed);
}
