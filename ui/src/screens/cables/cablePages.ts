// The cable list reads its rows page by page through the query cache, like the asset list:
// one cache entry per page of a query, fetched as it scrolls into view.
import type { CablePage } from "../../bindings/CablePage";
import type { CableQuery } from "../../bindings/CableQuery";
import type { CableRow } from "../../bindings/CableRow";
import { call } from "../../ipc";
import { cacheKey, type QueryCache } from "../../lib/queryCache";
import { pagesFor } from "../../lib/virtualWindow";

export const cablePageSize = 100;

/** The filters of the cable list: a query without its window. */
export type CableFilters = Omit<CableQuery, "offset" | "limit">;

export const noFilters: CableFilters = { search: "", status: null, rack: null, unlabelled: false };

function pageQuery(filters: CableFilters, page: number): CableQuery {
  return { ...filters, offset: page * cablePageSize, limit: cablePageSize };
}

function pageKey(filters: CableFilters, page: number): string {
  return cacheKey("cable_page", { query: pageQuery(filters, page) });
}

/** Starts fetching the pages that cover rows first..end-1 (and page 0, which has the total). */
export function ensureCableRows(
  cache: QueryCache,
  filters: CableFilters,
  first: number,
  end: number,
): void {
  for (const page of new Set([0, ...pagesFor(first, end, cablePageSize)])) {
    cache.ensure(pageKey(filters, page), () =>
      call("cable_page", { query: pageQuery(filters, page) }),
    );
  }
}

function readPage(cache: QueryCache, filters: CableFilters, page: number): CablePage | undefined {
  return cache.read<CablePage>(pageKey(filters, page)).data;
}

export function readCableRow(
  cache: QueryCache,
  filters: CableFilters,
  index: number,
): CableRow | undefined {
  const page = readPage(cache, filters, Math.floor(index / cablePageSize));
  return page?.rows[index - page.offset];
}

/** How many cables match and how many there are, once the first page has arrived. */
export function readCableTotals(
  cache: QueryCache,
  filters: CableFilters,
): { total: number; all: number } | undefined {
  const page = readPage(cache, filters, 0);
  return page === undefined ? undefined : { total: page.total, all: page.all };
}

export function readCableError(cache: QueryCache, filters: CableFilters): unknown {
  return cache.read(pageKey(filters, 0)).error;
}
