// The asset list's search, filters and sort, and the AssetQuery they become. One filter per
// field: adding a filter on a field that has one replaces it.
import type { AssetField, AssetFilter, AssetQuery, AssetSort } from "./dto";
import { fieldKind } from "./dto";

export interface ListState {
  search: string;
  filters: AssetFilter[];
  sort?: AssetSort;
}

export const emptyListState: ListState = { search: "", filters: [] };

/** The query for one page of the list (`limit` 0 means every row, as export wants). */
export function buildQuery(state: ListState, offset: number, limit: number): AssetQuery {
  const query: AssetQuery = {
    search: state.search.trim().replace(/\s+/g, " "),
    filters: state.filters.filter((filter) => !isEmptyFilterValue(filter.field, filter.value)),
    offset,
    limit,
  };
  if (state.sort !== undefined) query.sort = state.sort;
  return query;
}

export function isEmptyFilterValue(field: AssetField, value: string): boolean {
  if (isRangeField(field)) {
    const { from, to } = parseRange(value);
    return from === "" && to === "";
  }
  return value.trim() === "";
}

/** Sets (or replaces) the filter on `field`; an empty value removes it. */
export function setFilter(
  filters: readonly AssetFilter[],
  field: AssetField,
  value: string,
): AssetFilter[] {
  const others = filters.filter((filter) => filter.field !== field);
  if (isEmptyFilterValue(field, value)) return others;
  const index = filters.findIndex((filter) => filter.field === field);
  const next = { field, value };
  if (index < 0) return [...others, next];
  // Keep the chip where it was.
  return filters.map((filter) => (filter.field === field ? next : filter));
}

export function removeFilter(filters: readonly AssetFilter[], field: AssetField): AssetFilter[] {
  return filters.filter((filter) => filter.field !== field);
}

/** Fields filtered by a `from..to` range: dates, cost and unit. */
export function isRangeField(field: AssetField): boolean {
  const kind = fieldKind(field);
  return kind === "date" || kind === "number";
}

export function rangeValue(from: string, to: string): string {
  return `${from.trim()}..${to.trim()}`;
}

export function parseRange(value: string): { from: string; to: string } {
  const at = value.indexOf("..");
  if (at < 0) return { from: value.trim(), to: value.trim() };
  return { from: value.slice(0, at).trim(), to: value.slice(at + 2).trim() };
}

/** Codes of an enumerated filter (`"in_use,maintenance"`). */
export function enumValues(value: string): string[] {
  return value
    .split(",")
    .map((code) => code.trim())
    .filter((code) => code !== "");
}

/** A click on a column header: a new column sorts ascending, the same column flips. */
export function toggleSort(sort: AssetSort | undefined, field: AssetField): AssetSort {
  if (sort?.field === field) return { field, descending: !sort.descending };
  return { field, descending: false };
}
