import { ToastProvider } from "./components/Toast";
import { AppStateProvider } from "./lib/appState";
import { EditAccessProvider } from "./lib/editAccess";
import type { QueryCache } from "./lib/queryCache";
import { SyncProvider } from "./lib/sync";
import { CacheProvider } from "./lib/useCommand";
import { AppShell } from "./screens/shell/AppShell";

/**
 * The whole UI below the language provider: the query cache, toasts, app state, sync state,
 * what the account may change, the shell.
 */
export function App({ cache }: { cache?: QueryCache }) {
  return (
    <CacheProvider cache={cache}>
      <ToastProvider>
        <AppStateProvider>
          <SyncProvider>
            <EditAccessProvider>
              <AppShell />
            </EditAccessProvider>
          </SyncProvider>
        </AppStateProvider>
      </ToastProvider>
    </CacheProvider>
  );
}
