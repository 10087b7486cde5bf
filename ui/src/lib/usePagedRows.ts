// A long list read page by page (100 rows each) through the query cache: one cache entry per
// page of a query, so scrolling back is instant, only the pages around the viewport are ever
// fetched, and a `workspace_changed` refetches the pages on screen. The screen owns the hook
// (it needs the total and the rows under its keyboard cursor); <DataGrid> asks for the pages
// it shows.
import { useEffect } from "react";
import { type QueryCache } from "./queryCache";
import { useCache, useCacheVersion } from "./useCommand";
import { pagesFor } from "./virtualWindow";

/** What a page loader answers: the rows from `offset` and how many rows match in all. */
export interface Page<Row> {
  readonly rows: readonly Row[];
  readonly total: number;
}

export interface PageSource<P> {
  /**
   * What the pages are of: the command and its query without the window, e.g.
   * `cacheKey("cable_page", filters)`. A new key is a new list (the grid goes back to the top).
   */
  key: string;
  /** Reads rows offset..offset+limit-1 of the list. */
  load: (offset: number, limit: number) => Promise<P>;
  pageSize?: number;
}

/** The rows of a paged list, as far as they have arrived. */
export interface PagedRows<Row, P extends Page<Row> = Page<Row>> {
  readonly key: string;
  /** How many rows match, once the first page has arrived. */
  readonly total: number | undefined;
  /** The first page (with whatever else the loader answers besides rows and total). */
  readonly firstPage: P | undefined;
  /** Why the first page failed, if it did. */
  readonly error: unknown;
  /** The row at `index`, if its page has arrived. */
  row(index: number): Row | undefined;
  /** Starts fetching the pages that cover rows first..end-1 (and the first page). */
  ensure(first: number, end: number): void;
}

export const defaultPageSize = 100;

function pageKey(key: string, pageSize: number, page: number): string {
  return `${key}#page:${page * pageSize}+${pageSize}`;
}

/** The rows of `source`, read through the cache; the caller re-renders as pages arrive. */
export function usePagedRows<P extends Page<unknown>>(
  source: PageSource<P>,
): PagedRows<P["rows"][number], P> {
  const cache = useCache();
  useCacheVersion(cache);
  const rows = pagedRows(cache, source);
  // The first page carries the total, which decides between a grid and an empty state; fetch
  // it (again, after an invalidation) even when no grid is on screen to ask for rows.
  useEffect(() => rows.ensure(0, 0));
  return rows;
}

function pagedRows<P extends Page<unknown>>(
  cache: QueryCache,
  { key, load, pageSize = defaultPageSize }: PageSource<P>,
): PagedRows<P["rows"][number], P> {
  const readPage = (page: number) => cache.read<P>(pageKey(key, pageSize, page));
  const firstPage = readPage(0);
  return {
    key,
    total: firstPage.data?.total,
    firstPage: firstPage.data,
    error: firstPage.error,
    row: (index) => {
      const page = Math.floor(index / pageSize);
      return readPage(page).data?.rows[index - page * pageSize];
    },
    ensure: (first, end) => {
      for (const page of new Set([0, ...pagesFor(first, end, pageSize)])) {
        cache.ensure(pageKey(key, pageSize, page), () => load(page * pageSize, pageSize));
      }
    },
  };
}

/**
 * Rows already in hand (a record's own lines, read with the record) as a grid's rows: all of
 * them at once, nothing to fetch. `key` names the list (a new key puts the grid back at the
 * top). Make it once per array (useMemo), so a grid's rows keep their identity.
 */
export function rowsInHand<Row>(key: string, rows: readonly Row[]): PagedRows<Row> {
  const firstPage = { rows, total: rows.length };
  return {
    key,
    total: rows.length,
    firstPage,
    error: undefined,
    row: (index) => rows[index],
    ensure: () => undefined,
  };
}
