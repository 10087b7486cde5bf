// Test helpers: render inside the providers the screens need, with a fresh query cache.
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { ToastProvider } from "../components/Toast";
import { I18nProvider, type Language } from "../i18n";
import { AppStateProvider } from "../lib/appState";
import { QueryCache } from "../lib/queryCache";
import { SyncProvider } from "../lib/sync";
import { CacheProvider } from "../lib/useCommand";

export function renderWithProviders(
  ui: ReactElement,
  { language = "ko" as Language, cache = new QueryCache() } = {},
): RenderResult & { cache: QueryCache } {
  const result = render(
    <I18nProvider initialLanguage={language}>
      <CacheProvider cache={cache}>
        <ToastProvider>{ui}</ToastProvider>
      </CacheProvider>
    </I18nProvider>,
  );
  return { ...result, cache };
}

/**
 * Like renderWithProviders, with the app state and sync state above `ui` as in the app: the
 * fake backend must answer `app_state` and `sync_status`.
 */
export function renderWithApp(
  ui: ReactElement,
  options: { language?: Language; cache?: QueryCache } = {},
): RenderResult & { cache: QueryCache } {
  return renderWithProviders(
    <AppStateProvider>
      <SyncProvider>{ui}</SyncProvider>
    </AppStateProvider>,
    options,
  );
}
