import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call } from "../../ipc";
import type { AssetQuery, AssetRow, WorkspaceSummary } from "../../lib/dto";
import { emitEvent } from "../../test/ipcMock";
import { renderWithProviders } from "../../test/render";
import { AssetsScreen } from "./AssetsScreen";
import { assetRowHeight } from "./columns";
import { noLife } from "../../test/life";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const workspace: WorkspaceSummary = {
  meta: { id: "01W", name: "평택 1센터", created_at_ms: 0 },
  asset_count: 50_000,
};
const total = 50_000;

function row(index: number): AssetRow {
  return {
    asset: {
      id: `A${index}`,
      asset_tag: `PT1-SRV-${String(index).padStart(5, "0")}`,
      asset_type: "server",
      manufacturer: "Dell",
      model: "R750",
      serial: `SN${index}`,
      purchase_date: "2024-03-01",
      cost: { amount_minor: 12_500_000, currency: "KRW" },
      warranty_end: null,
      status: index % 2 === 0 ? "in_use" : "maintenance",
      location: { site: "평택 1센터", room: "A전산실", row: "R03", rack: "R03-12", unit: 21 },
      owner: "김민준",
      notes: "",
      tags: [],
    },
    created_at_ms: 1_700_000_000_000,
    updated_at_ms: 1_700_000_000_000,
    updated_by: "김민준",
    life: noLife,
  };
}

function fakeBackend() {
  vi.mocked(call).mockImplementation(async (name: string, args: unknown) => {
    if (name === "asset_query") {
      const { query } = args as { query: AssetQuery };
      const count = query.search === "" ? total : 0;
      const rows = Array.from(
        { length: Math.max(0, Math.min(query.limit, count - query.offset)) },
        (_, i) => row(query.offset + i),
      );
      return { total: count, offset: query.offset, rows } as never;
    }
    if (name === "asset_get") return row(Number((args as { id: string }).id.slice(1))) as never;
    if (name === "asset_history") return [] as never;
    if (name === "asset_attachments") return [] as never;
    throw new Error(`unexpected ${name}`);
  });
}

function callCount(name: string): number {
  return vi.mocked(call).mock.calls.filter(([called]) => called === name).length;
}

function queriedPages(): number[] {
  return vi
    .mocked(call)
    .mock.calls.filter(([name]) => name === "asset_query")
    .map(([, args]) => (args as { query: AssetQuery }).query.offset / 100);
}

describe("<AssetsScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
    fakeBackend();
  });

  it("shows the count and renders only the rows in view of 50,000", async () => {
    renderWithProviders(<AssetsScreen workspace={workspace} />);
    await waitFor(() => expect(screen.getByTestId("asset-count").textContent).toBe("총 50,000개"));
    await screen.findAllByTestId("asset-row");
    expect(screen.getAllByTestId("asset-row").length).toBeLessThan(60);
    expect(queriedPages()).toEqual([0]);
    expect(screen.getAllByTestId("asset-row")[0]?.textContent).toContain("12,500,000 KRW");
    expect(screen.getAllByText("사용 중").length).toBeGreaterThan(0);
  });

  it("fetches only the pages under the scroll position", async () => {
    renderWithProviders(<AssetsScreen workspace={workspace} />);
    await screen.findAllByTestId("asset-row");
    const grid = screen.getByTestId("asset-table");
    await act(async () => {
      grid.scrollTop = 30_000 * assetRowHeight;
      fireEvent.scroll(grid);
    });
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId("asset-row")
          .some((element) => element.dataset.assetTag === "PT1-SRV-30000"),
      ).toBe(true),
    );
    // Rows 29,988–30,012 (with overscan) span pages 299 and 300; the 298 pages between are never fetched.
    expect(queriedPages()).toEqual([0, 299, 300]);
    expect(screen.getAllByTestId("asset-row").length).toBeLessThan(60);
  });

  it("moves the selection with the arrow keys and opens it with Enter", async () => {
    renderWithProviders(<AssetsScreen workspace={workspace} />);
    await screen.findAllByTestId("asset-row");
    fireEvent.keyDown(document.body, { key: "ArrowDown" });
    fireEvent.keyDown(document.body, { key: "ArrowDown" });
    // The keyboard's row (checkboxes say which rows are chosen for a bulk edit).
    expect(document.querySelector(".grid-row.is-selected")?.getAttribute("data-asset-tag")).toBe(
      "PT1-SRV-00001",
    );
    fireEvent.keyDown(document.body, { key: "Enter" });
    expect(await screen.findByTestId("asset-detail")).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId("detail-asset-tag").textContent).toBe("PT1-SRV-00001"),
    );
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(screen.queryByTestId("asset-detail")).toBeNull();
  });

  it("opens the form with N, but not while typing in the search box", async () => {
    renderWithProviders(<AssetsScreen workspace={workspace} />);
    await screen.findAllByTestId("asset-row");
    fireEvent.keyDown(screen.getByTestId("search-input"), { key: "n" });
    expect(screen.queryByTestId("asset-form")).toBeNull();
    fireEvent.keyDown(document.body, { key: "n" });
    expect(screen.getByTestId("asset-form")).toBeTruthy();
  });

  it("offers to clear the search when nothing matches", async () => {
    renderWithProviders(<AssetsScreen workspace={workspace} />);
    await screen.findAllByTestId("asset-row");
    fireEvent.change(screen.getByTestId("search-input"), { target: { value: "없는것" } });
    expect(await screen.findByTestId("assets-no-match")).toBeTruthy();
    fireEvent.click(screen.getByTestId("clear-filters"));
    await screen.findAllByTestId("asset-row");
    expect((screen.getByTestId("search-input") as HTMLInputElement).value).toBe("");
  });

  it("sorts by a column header, toggling the direction", async () => {
    renderWithProviders(<AssetsScreen workspace={workspace} />);
    await screen.findAllByTestId("asset-row");
    fireEvent.click(screen.getByTestId("sort-cost"));
    await waitFor(() =>
      expect(
        vi
          .mocked(call)
          .mock.calls.some(
            ([, args]) => (args as { query?: AssetQuery }).query?.sort?.field === "cost",
          ),
      ).toBe(true),
    );
    expect(
      screen.getByTestId("sort-cost").closest("[role=columnheader]")?.getAttribute("aria-sort"),
    ).toBe("ascending");
    fireEvent.click(screen.getByTestId("sort-cost"));
    expect(
      screen.getByTestId("sort-cost").closest("[role=columnheader]")?.getAttribute("aria-sort"),
    ).toBe("descending");
  });

  it("reads the list, the open detail, its history and attachments again on workspace_changed", async () => {
    renderWithProviders(<AssetsScreen workspace={workspace} />);
    await screen.findAllByTestId("asset-row");
    fireEvent.keyDown(document.body, { key: "ArrowDown" });
    fireEvent.keyDown(document.body, { key: "Enter" });
    await waitFor(() =>
      expect(screen.getByTestId("detail-asset-tag").textContent).toBe("PT1-SRV-00000"),
    );
    await waitFor(() => expect(callCount("asset_attachments")).toBe(1));
    const before = ["asset_query", "asset_get", "asset_history"].map(callCount);

    // What Rust sends after a local write, and after a sync that pulled changes.
    await act(async () => emitEvent("workspace_changed", { workspace_id: workspace.meta.id }));
    await waitFor(() =>
      expect(["asset_query", "asset_get", "asset_history"].map(callCount)).toEqual(
        before.map((count) => count + 1),
      ),
    );
    expect(callCount("asset_attachments")).toBe(2);
  });
});
