// A small cache of command results keyed by command name and arguments. Screens read through
// `useCommand()` (see ./useCommand.ts); the table reads pages through ./assetPages.ts. When
// Rust reports a change (`workspace_changed`), `invalidate()` marks the entries stale:
// their old data stays on screen while the hooks that show them fetch fresh data, so a list
// does not flash empty after every save.

export type CacheKey = string;

interface Entry {
  data?: unknown;
  error?: unknown;
  hasData: boolean;
  inFlight?: Promise<unknown>;
  /** Bumped by `invalidate()`; a fetch that started before the bump leaves the entry stale. */
  invalidatedAt: number;
  fetchedAt: number;
  stale: boolean;
}

export interface CacheRead<T> {
  data: T | undefined;
  error: unknown;
  /** True while there is no data yet and a fetch is running or due. */
  loading: boolean;
  stale: boolean;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` make the same key. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const record = value as Record<string, unknown>;
  const parts = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`);
  return `{${parts.join(",")}}`;
}

export function cacheKey(command: string, args: unknown): CacheKey {
  return `${command}:${stableStringify(args)}`;
}

export class QueryCache {
  private readonly entries = new Map<CacheKey, Entry>();
  private readonly listeners = new Set<() => void>();
  private clock = 0;
  /** Changes whenever anything in the cache changes; the snapshot for useSyncExternalStore. */
  version = 0;

  constructor(private readonly maxEntries = 2_000) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }

  private entry(key: CacheKey): Entry {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { hasData: false, invalidatedAt: 0, fetchedAt: 0, stale: false };
      this.entries.set(key, entry);
      this.evictIfFull();
    }
    return entry;
  }

  /** Drops the oldest entries that are not being fetched once the cache is over its size. */
  private evictIfFull(): void {
    if (this.entries.size <= this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries * 0.9) break;
      if (entry.inFlight === undefined) this.entries.delete(key);
    }
  }

  read<T>(key: CacheKey): CacheRead<T> {
    const entry = this.entries.get(key);
    if (entry === undefined)
      return { data: undefined, error: undefined, loading: true, stale: false };
    return {
      data: entry.data as T | undefined,
      error: entry.error,
      loading: !entry.hasData && entry.error === undefined,
      stale: entry.stale,
    };
  }

  has(key: CacheKey): boolean {
    return this.entries.get(key)?.hasData ?? false;
  }

  /** Stores a result a write returned (e.g. the rack after a drop), fresh, so the screen shows it
   * at once; an invalidation afterwards refetches as usual. */
  put<T>(key: CacheKey, data: T): void {
    const entry = this.entry(key);
    entry.data = data;
    entry.hasData = true;
    entry.error = undefined;
    entry.fetchedAt = ++this.clock;
    entry.stale = false;
    this.changed();
  }

  /** Fetches unless fresh data is cached or a fetch is already running; shares that fetch. */
  fetch<T>(key: CacheKey, fetcher: () => Promise<T>): Promise<T> {
    const entry = this.entry(key);
    if (entry.inFlight !== undefined) return entry.inFlight as Promise<T>;
    if (entry.hasData && !entry.stale) return Promise.resolve(entry.data as T);
    const startedAt = ++this.clock;
    const promise = fetcher().then(
      (data) => {
        entry.data = data;
        entry.hasData = true;
        entry.error = undefined;
        entry.fetchedAt = startedAt;
        entry.stale = entry.invalidatedAt > startedAt;
        entry.inFlight = undefined;
        this.changed();
        return data;
      },
      (error: unknown) => {
        entry.error = error;
        entry.inFlight = undefined;
        entry.stale = false;
        this.changed();
        throw error;
      },
    );
    entry.inFlight = promise;
    return promise;
  }

  /**
   * Fetches in the background when the entry is missing, stale, or failed and `retry` is set.
   * Errors stay in the entry for `read()`; they are not thrown.
   */
  ensure<T>(key: CacheKey, fetcher: () => Promise<T>, { retry = false } = {}): void {
    const entry = this.entries.get(key);
    const due =
      entry === undefined ||
      (entry.inFlight === undefined &&
        ((entry.error !== undefined && retry) ||
          (entry.error === undefined && (!entry.hasData || entry.stale))));
    if (due) this.fetch(key, fetcher).catch(() => undefined);
  }

  /** Marks every entry whose key passes `matches` stale (all entries by default). */
  invalidate(matches: (key: CacheKey) => boolean = () => true): void {
    const at = ++this.clock;
    let any = false;
    for (const [key, entry] of this.entries) {
      if (!matches(key)) continue;
      entry.invalidatedAt = at;
      entry.stale = true;
      // A failed entry gets another try after a change.
      entry.error = undefined;
      any = true;
    }
    if (any) this.changed();
  }

  /** Forgets everything, e.g. when another workspace is opened. */
  clear(): void {
    this.entries.clear();
    this.changed();
  }
}
