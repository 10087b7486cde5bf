import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CableQuery } from "../../bindings/CableQuery";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { cableRow } from "../../test/cables";
import { renderWithProviders } from "../../test/render";
import { CablesScreen } from "./CablesScreen";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const rows = [1, 2, 3].map((n) => cableRow(n, n === 3 ? { status: "failed" } : {}));

function page(query: CableQuery) {
  const matching = rows.filter(
    (row) =>
      (query.status === null || row.status === query.status) &&
      row.label.toLowerCase().includes(query.search.toLowerCase()),
  );
  return { total: matching.length, all: rows.length, offset: query.offset, rows: matching };
}

describe("<CablesScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("says what to do first when there are no cables", async () => {
    fakeBackend({
      cable_page: ({ query }) => ({ total: 0, all: 0, offset: query.offset, rows: [] }),
      cable_racks: () => [],
    });
    renderWithProviders(<CablesScreen />);
    const empty = await screen.findByTestId("cables-empty");
    expect(empty.textContent).toContain("아직 케이블이 없습니다");
    expect(within(empty).getByText("일괄 계획")).toBeTruthy();
  });

  it("lists cables with both ends named, filters by status, and installs a selection", async () => {
    fakeBackend({
      cable_page: ({ query }) => page(query),
      cable_racks: () => [{ id: "RACK2", name: "A-R02", site: "평택 1센터", room: "전산실 A" }],
      cable_ids: ({ query }) => page(query).rows.map((row) => row.id),
      cable_status_preview: ({ ids, status }) => ({
        changing: ids.length,
        changes: ids.map((id) => ({
          field: "status" as const,
          cable: id,
          label: `L-${id}`,
          was: "planned" as const,
          now: status,
        })),
      }),
      cable_status: ({ ids, status }) => ({
        changed: ids.length,
        undo: {
          action: "cable_status" as const,
          count: ids.length,
          steps: [
            {
              area: "cables" as const,
              changes: ids.map((id) => ({
                field: "status" as const,
                cable: id,
                label: `L-${id}`,
                was: "planned" as const,
                now: status,
              })),
            },
          ],
        },
      }),
      undo_apply: () => ({ action: "cable_status", restored: 3, kept: [] }),
    });
    renderWithProviders(<CablesScreen />);
    await waitFor(() => expect(screen.getAllByTestId("cable-row")).toHaveLength(3));
    const first = screen.getAllByTestId("cable-row")[0]!;
    expect(first.textContent).toContain("A-R02 · U42 · pp-1 · 전면 1");
    expect(first.textContent).toContain("A-R02 · U40 · sw-1 · Gi1/0/1");
    expect(screen.getByTestId("cable-count").textContent).toBe("3");

    fireEvent.change(screen.getByTestId("cable-filter-status"), { target: { value: "failed" } });
    await waitFor(() => expect(screen.getAllByTestId("cable-row")).toHaveLength(1));
    expect(screen.getByTestId("cable-count").textContent).toBe("1 / 3");
    fireEvent.change(screen.getByTestId("cable-filter-status"), { target: { value: "" } });
    await waitFor(() => expect(screen.getAllByTestId("cable-row")).toHaveLength(3));

    // "Select all" takes every matching cable, also those on pages not loaded.
    fireEvent.click(screen.getByTestId("cable-check-all"));
    await screen.findByTestId("selection-bar");
    expect(screen.getByTestId("selection-bar").textContent).toContain("3개 선택");
    fireEvent.click(screen.getByTestId("selection-installed"));
    // First what it will do: how many, which; nothing written yet.
    const confirm = await screen.findByTestId("cable-status-confirm");
    expect(screen.getByTestId("cable-status-confirm-summary").textContent).toContain("케이블 3개");
    expect(within(confirm).getAllByTestId("change-row")).toHaveLength(3);
    expect(callsOf("cable_status")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("cable-status-confirm-go"));
    await waitFor(() => expect(callsOf("cable_status")).toHaveLength(1));
    expect(callsOf("cable_status")[0]).toEqual({
      ids: ["CABLE1", "CABLE2", "CABLE3"],
      status: "installed",
    });
    // Then the way back, through the one undo.
    fireEvent.click(await screen.findByTestId("toast-undo"));
    await waitFor(() => expect(callsOf("undo_apply")).toHaveLength(1));
    expect(await screen.findByText("3건을 되돌렸습니다.")).toBeTruthy();
  });
});
