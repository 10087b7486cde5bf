// React access to the query cache: one cache per app (a context), `useCommand()` for a cached
// command result, and the `workspace_changed` subscription that marks every cached read stale.
// Rust sends `workspace_changed` after every command declared a write and after a sync pass
// pulled changes; what is on screen reads again (the cache refetches only what a mounted hook
// shows), so no list says which reads a write touches.
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import {
  call,
  onEvent,
  type CommandArgs,
  type CommandResult,
  type EventName,
  type EventPayload,
  type ReadName,
} from "../ipc";
import { cacheKey, QueryCache, type CacheRead } from "./queryCache";

const CacheContext = createContext<QueryCache | null>(null);

export function CacheProvider(props: { cache?: QueryCache; children: ReactNode }) {
  const cache = props.cache ?? defaultCache;
  useEvent("workspace_changed", () => cache.invalidate());
  return <CacheContext.Provider value={cache}>{props.children}</CacheContext.Provider>;
}

const defaultCache = new QueryCache();

/**
 * Subscribes to a Rust event while mounted; the handler may change between renders without
 * subscribing again.
 */
export function useEvent<K extends EventName>(
  name: K,
  handler: (payload: EventPayload<K>) => void,
) {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    onEvent(name, (payload) => latest.current(payload))
      .then((stop) => {
        if (cancelled) stop();
        else unlisten = stop;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, [name]);
}

export function useCache(): QueryCache {
  const cache = useContext(CacheContext);
  if (cache === null) throw new Error("useCache() needs a <CacheProvider> above it");
  return cache;
}

/** Re-renders whenever the cache changes. */
export function useCacheVersion(cache: QueryCache): number {
  return useSyncExternalStore(cache.subscribe, cache.getVersion);
}

/**
 * A read's cached result, fetched when missing or stale. `null` args skip the command. Only
 * reads are cached: a write's answer belongs to the one who asked.
 */
export function useCommand<K extends ReadName>(
  name: K,
  args: CommandArgs<K> | null,
): CacheRead<CommandResult<K>> & { key: string | null } {
  const cache = useCache();
  useCacheVersion(cache);
  const key = args === null ? null : cacheKey(name, args);
  useEffect(() => {
    if (args !== null) startRead(cache, name, args);
  });
  if (key === null) return { data: undefined, error: undefined, loading: false, stale: false, key };
  return { ...cache.read<CommandResult<K>>(key), key };
}

/**
 * Asks for a read now, into the cache `useCommand(name, args)` reads it from: a screen starts
 * the reads a record's view will need together, as the record is opened, instead of each
 * part asking once the part before it has drawn. A read cached fresh or on its way is not
 * asked again.
 */
export function startRead<K extends ReadName>(
  cache: QueryCache,
  name: K,
  args: CommandArgs<K>,
): void {
  cache.ensure(cacheKey(name, args), () => call(name, args));
}
