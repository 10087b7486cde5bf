// React access to the query cache: one cache per app (a context), `useCommand()` for a cached
// command result, and the `assets_changed` / `findings_changed` subscriptions that invalidate
// what depends on the assets. Rust sends `assets_changed` after every local write and after a
// sync pulled changes, so open lists, details, histories and attachments refresh either way.
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
  type CommandName,
  type CommandResult,
  type EventName,
  type EventPayload,
} from "../ipc";
import { cacheKey, QueryCache, type CacheRead } from "./queryCache";

const CacheContext = createContext<QueryCache | null>(null);

/** Commands whose results depend on the assets: invalidated by `assets_changed`. */
export const assetCommands: readonly CommandName[] = [
  "asset_query",
  "asset_get",
  "asset_history",
  "asset_attachments",
  "findings_list",
  // Racks: placing an asset changes its location, and a sync can bring either.
  "places_tree",
  "room_view",
  "rack_view",
  "row_view",
  "device_types",
  // Cables: their ends are named from racks, and a sync can bring either.
  "cable_page",
  "cable_ids",
  "cable_get",
  "cable_trace",
  "cable_racks",
  "device_ports",
  "label_scheme",
  // Audits: a scan writes the audit and registering or applying writes assets.
  "audit_list",
  "audit_view",
  "audit_discrepancies",
  "audit_schedules",
  // An asset's life, and what is read from it: alerts, plans, a person's assignments.
  "life_get",
  "life_alerts",
  "life_assigned",
  "life_assignees",
  "plan_list",
  // Reports are built from the asset list rows.
  "asset_report",
];

export function isAssetKey(key: string): boolean {
  return assetCommands.some((command) => key.startsWith(`${command}:`));
}

/** The findings inbox's query: also invalidated by `findings_changed`. */
export function isFindingsKey(key: string): boolean {
  return key.startsWith("findings_list:");
}

export function CacheProvider(props: { cache?: QueryCache; children: ReactNode }) {
  const cache = props.cache ?? defaultCache;
  useEvent("assets_changed", () => cache.invalidate(isAssetKey));
  useEvent("findings_changed", () => cache.invalidate(isFindingsKey));
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
