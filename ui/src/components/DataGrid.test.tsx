import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { usePagedRows, type Page } from "../lib/usePagedRows";
import { renderWithProviders } from "../test/render";
import { DataGrid, type GridCheckboxes, type GridColumn } from "./DataGrid";

vi.mock("../ipc", async (importOriginal) =>
  (await import("../test/ipcMock")).mockedIpc(importOriginal as never),
);

interface Item {
  id: string;
  name: string;
}

const total = 10_000;
const rowHeight = 30;

/** A list of 10,000 items read through the loader the test spies on. */
const load = vi.fn(async (offset: number, limit: number): Promise<Page<Item>> => ({
  total,
  rows: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
    id: `I${offset + i}`,
    name: `item ${offset + i}`,
  })),
}));

const columns: readonly GridColumn<Item, "name">[] = [
  { id: "name", header: "field.model", width: 200, sortKey: "name", cell: (item) => item.name },
  { id: "id", header: "field.serial", width: 100, className: "tabular", cell: (item) => item.id },
];

function Grid(props: {
  cursor?: number;
  onRowClick?: (item: Item, index: number) => void;
  onSort?: (key: "name") => void;
  checkboxes?: GridCheckboxes<Item>;
}) {
  const rows = usePagedRows({ key: "items", load });
  if (rows.total === undefined) return null;
  return (
    <DataGrid
      rows={rows}
      columns={columns}
      rowKey={(item) => item.id}
      rowHeight={rowHeight}
      label="items"
      testId="grid"
      rowTestId="grid-row"
      rowData={(item) => ({ "data-name": item.name })}
      cursor={props.cursor ?? -1}
      openedKey={null}
      onRowClick={props.onRowClick ?? (() => undefined)}
      sort={{ key: "name", descending: false }}
      onSort={props.onSort}
      checkboxes={props.checkboxes}
    />
  );
}

function renderedNames(): string[] {
  return screen.getAllByTestId("grid-row").map((row) => row.dataset.name ?? "");
}

function loadedOffsets(): number[] {
  return load.mock.calls.map(([offset]) => offset);
}

describe("<DataGrid/>", () => {
  beforeEach(() => {
    load.mockClear();
    window.localStorage.clear();
  });

  it("renders only the rows in view of a long list, and asks only for their page", async () => {
    renderWithProviders(<Grid />);
    await waitFor(() => expect(renderedNames()[0]).toBe("item 0"));
    const grid = screen.getByTestId("grid");
    expect(grid.getAttribute("aria-rowcount")).toBe(String(total + 1));
    expect(screen.getAllByTestId("grid-row").length).toBeLessThan(40);
    // The body is as tall as every row, so the scroll bar is right.
    expect((grid.querySelector(".grid-body") as HTMLElement).style.height).toBe(
      `${total * rowHeight}px`,
    );
    expect(loadedOffsets()).toEqual([0]);
    expect(load).toHaveBeenCalledWith(0, 100);
  });

  it("shows a cut cell's whole text as its tooltip, and none on a cell that fits", async () => {
    renderWithProviders(<Grid />);
    await waitFor(() => expect(renderedNames()[0]).toBe("item 0"));
    const [cut, fits] = screen
      .getAllByTestId("grid-row")[0]!
      .querySelectorAll<HTMLElement>(".grid-cell-content");
    // jsdom lays nothing out: the widths a browser would measure.
    Object.defineProperty(cut!, "scrollWidth", { value: 240 });
    Object.defineProperty(cut!, "clientWidth", { value: 200 });
    Object.defineProperty(fits!, "scrollWidth", { value: 40 });
    Object.defineProperty(fits!, "clientWidth", { value: 100 });
    fireEvent.mouseEnter(cut!);
    fireEvent.mouseEnter(fits!);
    expect(cut!.title).toBe("item 0");
    expect(fits!.hasAttribute("title")).toBe(false);
  });

  it("hides a column from the 열 menu, never the first, and keeps the choice for the next time", async () => {
    const first = renderWithProviders(<Grid />);
    await waitFor(() => expect(renderedNames()[0]).toBe("item 0"));
    fireEvent.click(screen.getByTestId("grid-columns-button"));
    expect((screen.getByTestId("grid-column-name") as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("grid-column-id"));
    const row = () => screen.getAllByTestId("grid-row")[0]!;
    expect(row().querySelectorAll(".grid-cell")).toHaveLength(1);
    first.unmount();

    renderWithProviders(<Grid />);
    await waitFor(() => expect(renderedNames()[0]).toBe("item 0"));
    expect(row().querySelectorAll(".grid-cell")).toHaveLength(1);
    fireEvent.click(screen.getByTestId("grid-columns-button"));
    fireEvent.click(screen.getByTestId("grid-columns-reset"));
    expect(row().querySelectorAll(".grid-cell")).toHaveLength(2);
  });

  it("resizes a column from its edge with the keyboard, and keeps the first column in view", async () => {
    renderWithProviders(<Grid />);
    await waitFor(() => expect(renderedNames()[0]).toBe("item 0"));
    const header = screen.getByTestId("grid").querySelector(".grid-header") as HTMLElement;
    expect(header.style.gridTemplateColumns).toBe("200px 100px");
    // jsdom lays nothing out: the column measures 0, and a drag or key never goes below 48 px.
    fireEvent.keyDown(screen.getByTestId("resize-id"), { key: "ArrowRight" });
    expect(header.style.gridTemplateColumns).toBe("200px 48px");
    const [name, id] = screen.getAllByTestId("grid-row")[0]!.querySelectorAll(".grid-cell");
    expect(name!.classList.contains("is-sticky")).toBe(true);
    expect(id!.classList.contains("is-sticky")).toBe(false);
  });

  it("asks the loader for the pages that scroll into view, and no others", async () => {
    renderWithProviders(<Grid />);
    await waitFor(() => expect(renderedNames()[0]).toBe("item 0"));
    const grid = screen.getByTestId("grid");
    await act(async () => {
      grid.scrollTop = 5_000 * rowHeight;
      fireEvent.scroll(grid);
    });
    await waitFor(() => expect(renderedNames()).toContain("item 5000"));
    // Rows 4,988–5,012 (with overscan) span pages 49 and 50; the pages between are never read.
    expect(loadedOffsets()).toEqual([0, 4_900, 5_000]);
    expect(screen.getAllByTestId("grid-row").length).toBeLessThan(40);
    expect(renderedNames()).not.toContain("item 0");
    const placed = screen
      .getAllByTestId("grid-row")
      .find((row) => row.dataset.name === "item 5000");
    expect(placed?.style.transform).toBe(`translateY(${5_000 * rowHeight}px)`);
    expect(placed?.dataset.index).toBe("5000");
  });

  it("shows the cursor, reports clicks and sorts from the header", async () => {
    const onRowClick = vi.fn();
    const onSort = vi.fn();
    renderWithProviders(<Grid cursor={2} onRowClick={onRowClick} onSort={onSort} />);
    await waitFor(() => expect(renderedNames()[0]).toBe("item 0"));
    const rows = screen.getAllByTestId("grid-row");
    expect(rows[2]?.className).toContain("is-selected");
    expect(rows[2]?.getAttribute("aria-selected")).toBe("true");
    expect(rows[1]?.getAttribute("aria-selected")).toBe("false");
    fireEvent.click(rows[3]!);
    expect(onRowClick).toHaveBeenCalledWith({ id: "I3", name: "item 3" }, 3);

    const sortButton = screen.getByTestId("sort-name");
    expect(sortButton.closest("[role=columnheader]")?.getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(sortButton);
    expect(onSort).toHaveBeenCalledWith("name");
    // A column without a sort key has a plain header.
    expect(screen.queryByTestId("sort-id")).toBeNull();
  });

  it("selects with checkboxes: a row's, or all, without opening the row", async () => {
    const onRowClick = vi.fn();
    const checkboxes: GridCheckboxes<Item> = {
      checked: (item) => item.id === "I1",
      allChecked: false,
      onToggle: vi.fn(),
      onToggleAll: vi.fn(),
      rowLabel: (item) => `select ${item.name}`,
      allLabel: "select all",
      testId: "item-check",
    };
    renderWithProviders(<Grid checkboxes={checkboxes} onRowClick={onRowClick} />);
    await waitFor(() => expect(renderedNames()[0]).toBe("item 0"));
    expect(screen.getByTestId("grid").getAttribute("aria-multiselectable")).toBe("true");
    const rows = screen.getAllByTestId("grid-row");
    expect(rows.map((row) => row.getAttribute("aria-selected")).slice(0, 3)).toEqual([
      "false",
      "true",
      "false",
    ]);
    fireEvent.click(within(rows[0]!).getByLabelText("select item 0"));
    expect(checkboxes.onToggle).toHaveBeenCalledWith({ id: "I0", name: "item 0" });
    expect(onRowClick).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("item-check-all"));
    expect(checkboxes.onToggleAll).toHaveBeenCalled();
  });
});
