// The app-wide state from Rust (`app_state`): data dir, language, profile, workspaces and the
// open workspace, with the commands that change it. Opening another workspace clears the
// query cache, since every cached asset query belongs to the workspace that was open.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import { useLanguage, type Language } from "../i18n";
import { call } from "../ipc";
import type { AppState, Author, WorkspaceSummary } from "./dto";
import { useCache } from "./useCommand";

interface AppStateValue {
  state: AppState | undefined;
  error: unknown;
  reload: () => Promise<void>;
  createWorkspace: (name: string) => Promise<WorkspaceSummary>;
  openWorkspace: (id: string) => Promise<WorkspaceSummary>;
  /** Shows a workspace Rust has already made the open one (e.g. after logging in to a server). */
  enterWorkspace: (summary: WorkspaceSummary) => Promise<WorkspaceSummary>;
  saveProfile: (name: string, initials: string) => Promise<Author>;
  changeLanguage: (language: Language) => Promise<void>;
}

const AppStateContext = createContext<AppStateValue | null>(null);

function isLanguage(value: string): value is Language {
  return value === "ko" || value === "en";
}

export function AppStateProvider({ children }: { children: ReactNode }) {
  const cache = useCache();
  const { setLanguage } = useLanguage();
  const [state, setState] = useState<AppState>();
  const [error, setError] = useState<unknown>();

  const reload = useCallback(async () => {
    try {
      const next = await call("app_state", {});
      setState(next);
      setError(undefined);
      if (isLanguage(next.language)) setLanguage(next.language);
    } catch (failure) {
      setError(failure);
    }
  }, [setLanguage]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const becomeCurrent = useCallback(
    async (summary: WorkspaceSummary) => {
      cache.clear();
      setState((previous) => previous && { ...previous, current: summary });
      await reload();
      return summary;
    },
    [cache, reload],
  );

  const value = useMemo<AppStateValue>(
    () => ({
      state,
      error,
      reload,
      createWorkspace: async (name) => becomeCurrent(await call("workspace_create", { name })),
      openWorkspace: async (id) => becomeCurrent(await call("workspace_open", { id })),
      enterWorkspace: becomeCurrent,
      saveProfile: async (name, initials) => {
        const author = await call("set_profile", { name, initials });
        setState((previous) => previous && { ...previous, profile: author, profile_chosen: true });
        return author;
      },
      changeLanguage: async (language) => {
        // Switch at once; persisting is best effort and must not make the switch feel slow.
        setLanguage(language);
        setState((previous) => previous && { ...previous, language });
        await call("set_language", { language });
      },
    }),
    [state, error, reload, becomeCurrent, setLanguage],
  );
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppStateValue {
  const value = useContext(AppStateContext);
  if (value === null) throw new Error("useAppState() needs an <AppStateProvider> above it");
  return value;
}

/** The name this device's changes are recorded under, once the app state is loaded
 * (undefined outside the app's providers, as in a screen's own tests). */
export function useProfileName(): string | undefined {
  return useContext(AppStateContext)?.state?.profile?.name;
}
