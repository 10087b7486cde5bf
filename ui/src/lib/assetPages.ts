// The asset list reads its rows page by page (100 rows each) through the query cache: one
// cache entry per page of a query, so scrolling back is instant and only the pages around
// the viewport are ever fetched.
import { call } from "../ipc";
import type { AssetPage, AssetQuery, AssetRow } from "./dto";
import { buildQuery, type ListState } from "./listQuery";
import { cacheKey, type QueryCache } from "./queryCache";
import { pagesFor } from "./virtualWindow";

export const pageSize = 100;

function pageQuery(state: ListState, page: number): AssetQuery {
  return buildQuery(state, page * pageSize, pageSize);
}

export function pageKey(state: ListState, page: number): string {
  return cacheKey("asset_query", { query: pageQuery(state, page) });
}

export function fetchPage(cache: QueryCache, state: ListState, page: number): Promise<AssetPage> {
  return cache.fetch(pageKey(state, page), () =>
    call("asset_query", { query: pageQuery(state, page) }),
  );
}

/** Starts fetching every page that covers rows first..end-1 (and page 0, which has the total). */
export function ensureRows(cache: QueryCache, state: ListState, first: number, end: number): void {
  for (const page of new Set([0, ...pagesFor(first, end, pageSize)])) {
    cache.ensure(pageKey(state, page), () =>
      call("asset_query", { query: pageQuery(state, page) }),
    );
  }
}

export function readPage(cache: QueryCache, state: ListState, page: number): AssetPage | undefined {
  return cache.read<AssetPage>(pageKey(state, page)).data;
}

export function readRow(cache: QueryCache, state: ListState, index: number): AssetRow | undefined {
  const page = readPage(cache, state, Math.floor(index / pageSize));
  return page?.rows[index - page.offset];
}

/** How many rows match, once the first page has arrived. */
export function readTotal(cache: QueryCache, state: ListState): number | undefined {
  return readPage(cache, state, 0)?.total;
}

export function readError(cache: QueryCache, state: ListState): unknown {
  return cache.read(pageKey(state, 0)).error;
}
