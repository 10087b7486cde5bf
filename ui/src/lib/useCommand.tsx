// React access to the query cache: one cache per app (a context), `useCommand()` for a cached
// command result, and the `assets_changed` subscription that invalidates asset queries.
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from "react";
import { call, onEvent, type CommandArgs, type CommandName, type CommandResult } from "../ipc";
import { cacheKey, QueryCache, type CacheRead } from "./queryCache";

const CacheContext = createContext<QueryCache | null>(null);

/** Commands whose results depend on the assets: invalidated by `assets_changed`. */
export const assetCommands: readonly CommandName[] = ["asset_query", "asset_get", "asset_history"];

export function isAssetKey(key: string): boolean {
  return assetCommands.some((command) => key.startsWith(`${command}:`));
}

export function CacheProvider(props: { cache?: QueryCache; children: ReactNode }) {
  const cache = props.cache ?? defaultCache;
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    onEvent("assets_changed", () => cache.invalidate(isAssetKey))
      .then((stop) => {
        if (cancelled) stop();
        else unlisten = stop;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, [cache]);
  return <CacheContext.Provider value={cache}>{props.children}</CacheContext.Provider>;
}

const defaultCache = new QueryCache();

export function useCache(): QueryCache {
  const cache = useContext(CacheContext);
  if (cache === null) throw new Error("useCache() needs a <CacheProvider> above it");
  return cache;
}

/** Re-renders whenever the cache changes. */
export function useCacheVersion(cache: QueryCache): number {
  return useSyncExternalStore(cache.subscribe, cache.getVersion);
}

/** A command's cached result, fetched when missing or stale. `null` args skip the command. */
export function useCommand<K extends CommandName>(
  name: K,
  args: CommandArgs<K> | null,
): CacheRead<CommandResult<K>> & { key: string | null } {
  const cache = useCache();
  useCacheVersion(cache);
  const key = args === null ? null : cacheKey(name, args);
  useEffect(() => {
    if (key === null || args === null) return;
    cache.ensure(key, () => call(name, args));
  });
  if (key === null) return { data: undefined, error: undefined, loading: false, stale: false, key };
  return { ...cache.read<CommandResult<K>>(key), key };
}
