import { fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { AssetFilter, AssetQuery } from "../../lib/dto";
import { buildQuery, emptyListState, toggleSort, type ListState } from "../../lib/listQuery";
import { renderWithProviders } from "../../test/render";
import { FilterBar } from "./FilterBar";

/** The filter bar wired to list state, showing the AssetQuery it produces. */
function Harness({ initial = [] as AssetFilter[] }) {
  const [state, setState] = useState<ListState>({ ...emptyListState, filters: initial });
  return (
    <>
      <FilterBar filters={state.filters} onChange={(filters) => setState({ ...state, filters })} />
      <output data-testid="query">{JSON.stringify(buildQuery(state, 0, 100))}</output>
    </>
  );
}

function query(): AssetQuery {
  return JSON.parse(screen.getByTestId("query").textContent ?? "{}") as AssetQuery;
}

function addFilter(field: string) {
  fireEvent.click(screen.getByTestId("filter-add"));
  fireEvent.change(screen.getByTestId("filter-field"), { target: { value: field } });
}

describe("<FilterBar/>", () => {
  it("turns checked statuses into one comma-separated filter", () => {
    renderWithProviders(<Harness />);
    addFilter("status");
    fireEvent.click(screen.getByTestId("filter-option-in_use"));
    fireEvent.click(screen.getByTestId("filter-option-maintenance"));
    fireEvent.click(screen.getByTestId("filter-apply"));
    expect(query()).toEqual({
      search: "",
      filters: [{ field: "status", value: "in_use,maintenance" }],
      offset: 0,
      limit: 100,
    });
    expect(screen.getByTestId("filter-chip").textContent).toBe("상태: 사용 중, 유지보수");
  });

  it("turns from–to inputs into a range and allows an open end", () => {
    renderWithProviders(<Harness />);
    addFilter("purchase_date");
    fireEvent.change(screen.getByTestId("filter-from"), { target: { value: "2023-01-01" } });
    fireEvent.change(screen.getByTestId("filter-to"), { target: { value: "2023-12-31" } });
    fireEvent.click(screen.getByTestId("filter-apply"));
    addFilter("cost");
    fireEvent.change(screen.getByTestId("filter-from"), { target: { value: "1,000,000" } });
    fireEvent.click(screen.getByTestId("filter-apply"));
    expect(query().filters).toEqual([
      { field: "purchase_date", value: "2023-01-01..2023-12-31" },
      { field: "cost", value: "1,000,000.." },
    ]);
    expect(screen.getAllByTestId("filter-chip").map((chip) => chip.textContent)).toEqual([
      "구매일: 2023-01-01 – 2023-12-31",
      "비용 ≥ 1,000,000",
    ]);
  });

  it("uses a text filter for other fields, replaces a field's filter, and removes chips", () => {
    renderWithProviders(<Harness />);
    addFilter("site");
    fireEvent.change(screen.getByTestId("filter-text"), { target: { value: "평택" } });
    fireEvent.click(screen.getByTestId("filter-apply"));
    addFilter("site");
    expect((screen.getByTestId("filter-text") as HTMLInputElement).value).toBe("평택");
    fireEvent.change(screen.getByTestId("filter-text"), { target: { value: "화성" } });
    fireEvent.click(screen.getByTestId("filter-apply"));
    expect(query().filters).toEqual([{ field: "site", value: "화성" }]);

    fireEvent.click(screen.getByTestId("filter-chip-remove"));
    expect(query().filters).toEqual([]);
    expect(screen.queryByTestId("filter-chip")).toBeNull();
  });

  it("drops a filter whose value is empty", () => {
    renderWithProviders(<Harness />);
    addFilter("warranty_end");
    fireEvent.click(screen.getByTestId("filter-apply"));
    expect(query().filters).toEqual([]);
  });
});

describe("list query", () => {
  it("normalises the search and keeps the sort", () => {
    const state: ListState = {
      search: "  dell   r750 ",
      filters: [],
      sort: { field: "cost", descending: true },
    };
    expect(buildQuery(state, 200, 100)).toEqual({
      search: "dell r750",
      filters: [],
      sort: { field: "cost", descending: true },
      offset: 200,
      limit: 100,
    });
  });

  it("toggles a column between ascending and descending", () => {
    const ascending = toggleSort(undefined, "model");
    expect(ascending).toEqual({ field: "model", descending: false });
    expect(toggleSort(ascending, "model")).toEqual({ field: "model", descending: true });
    expect(toggleSort({ field: "model", descending: true }, "cost")).toEqual({
      field: "cost",
      descending: false,
    });
  });
});
