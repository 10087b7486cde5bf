// Test helpers: render inside the providers the screens need, with a fresh query cache.
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { ToastProvider } from "../components/Toast";
import { I18nProvider, type Language } from "../i18n";
import { QueryCache } from "../lib/queryCache";
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
