// Team sync as the shell sees it: the status from Rust (asked for when the open workspace
// changes, then kept current by `sync_status` events) and the one login dialog that the status
// pill, the first-run screen and the workspace menu all open.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { call } from "../ipc";
import { useAppState } from "./appState";
import type { SyncStatus } from "./syncText";
import { useEvent } from "./useCommand";

/** What the login dialog starts with: the server and user of a login that expired. */
export interface LoginPrefill {
  server?: string;
  user?: string;
}

interface SyncValue {
  status: SyncStatus | undefined;
  /** When `status` arrived (Date.now()), for counting down `retry_in_secs`. */
  receivedAtMs: number;
  refresh: () => Promise<void>;
  syncNow: () => Promise<void>;
  logout: () => Promise<void>;
  /** The open login dialog's prefill, or null when it is closed. */
  login: LoginPrefill | null;
  openLogin: (prefill?: LoginPrefill) => void;
  closeLogin: () => void;
}

const SyncContext = createContext<SyncValue | null>(null);

export function SyncProvider({ children }: { children: ReactNode }) {
  const { state } = useAppState();
  const workspaceId = state?.current?.meta.id ?? null;
  const [snapshot, setSnapshot] = useState<{ status?: SyncStatus; at: number }>({ at: 0 });
  const [login, setLogin] = useState<LoginPrefill | null>(null);
  // Counts `sync_status` events: an answer to `sync_status` that was asked for before the
  // latest event is older than that event and must not replace it.
  const events = useRef(0);

  const refresh = useCallback(async () => {
    const before = events.current;
    try {
      const status = await call("sync_status", {});
      if (events.current === before) setSnapshot({ status, at: Date.now() });
    } catch {
      // Without a store there is no sync to speak of; the pill keeps what it showed.
    }
  }, []);

  // On start and after every workspace switch: the status belongs to the open workspace.
  useEffect(() => {
    void refresh();
  }, [refresh, workspaceId]);

  useEvent("sync_status", (status) => {
    events.current += 1;
    setSnapshot({ status, at: Date.now() });
  });
  // The status counts what waits to be pushed and the findings, which any change can alter.
  useEvent("workspace_changed", () => void refresh());

  const value = useMemo<SyncValue>(
    () => ({
      status: snapshot.status,
      receivedAtMs: snapshot.at,
      refresh,
      syncNow: async () => {
        await call("sync_now", {});
      },
      logout: async () => {
        await call("sync_logout", {});
        // Not awaited: the worker's `sync_status` event brings the same news, and the button
        // must not wait on a second round trip.
        void refresh();
      },
      login,
      openLogin: (prefill = {}) => setLogin(prefill),
      closeLogin: () => setLogin(null),
    }),
    [snapshot, refresh, login],
  );
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

export function useSync(): SyncValue {
  const value = useContext(SyncContext);
  if (value === null) throw new Error("useSync() needs a <SyncProvider> above it");
  return value;
}
