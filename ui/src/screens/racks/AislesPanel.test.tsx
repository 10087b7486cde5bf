import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RoomView } from "../../bindings/RoomView";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { AislesPanel } from "./AislesPanel";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const view = {
  room: {
    id: "room-1",
    site: "site-1",
    name: "전산실 A",
    columns: 10,
    rows: 6,
    tile_mm: 600,
    aisles: [
      { kind: "cold", along_x: true, index: 1 },
      { kind: "hot", along_x: true, index: 3 },
    ],
    objects: {},
    rack_rows: {},
  },
  site: "평택",
  racks: [],
  rows: [],
  budget: {
    room: "전산실 A",
    allocated_w: 0,
    max_draw_w: 0,
    heat_kw: 0,
    heat_btu_h: 0,
    cooling_kw: 0,
    findings: [],
  },
} satisfies RoomView;

describe("<AislesPanel/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("lists the aisles, removes one, and adds one within the grid", async () => {
    fakeBackend({ room_aisles_set: () => view.room });
    const onSaved = vi.fn();
    renderWithProviders(<AislesPanel view={view} onSaved={onSaved} />);
    expect(screen.getAllByTestId("aisle-item").map((item) => item.textContent)).toEqual([
      "냉복도 · 가로 1번 줄",
      "열복도 · 가로 3번 줄",
    ]);
    fireEvent.click(screen.getAllByRole("button", { name: "통로 지우기" })[0]!);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(callsOf("room_aisles_set")[0]).toEqual({
      room: "room-1",
      aisles: [{ kind: "hot", along_x: true, index: 3 }],
    });

    // Row 6 is outside a 6-row grid (0–5): the button waits for a valid number.
    fireEvent.change(screen.getByTestId("aisle-index"), { target: { value: "6" } });
    expect((screen.getByTestId("aisle-add") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("aisle-index"), { target: { value: "5" } });
    fireEvent.click(screen.getByTestId("aisle-add"));
    await waitFor(() => expect(callsOf("room_aisles_set")).toHaveLength(2));
    expect(callsOf("room_aisles_set")[1]?.aisles).toEqual([
      ...view.room.aisles,
      { kind: "cold", along_x: true, index: 5 },
    ]);
  });
});
