import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RackSummary } from "../../bindings/RackSummary";
import type { RackView } from "../../bindings/RackView";
import type { RoomView } from "../../bindings/RoomView";
import type { SiteNode } from "../../bindings/SiteNode";
import { call, CommandError } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { FloorPlan } from "./FloorPlan";
import { defaultScale, defaultRackSpec, zoomScale } from "./floorMath";
import { PlacesTree } from "./PlacesTree";
import { RackDialog } from "./RackDialog";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

function rack(id: string, name: string, x: number, y: number, extra: Partial<RackSummary> = {}) {
  return {
    id,
    name,
    row: "row-a",
    row_name: "A열",
    x,
    y,
    rotation: 0,
    status: "active",
    height_u: 42,
    used_hu: 20,
    devices: 4,
    allocated_w: 4000,
    max_draw_w: 5000,
    capacity_w: 11264,
    heat_kw: 4,
    weight_kg: 300,
    power_level: "low",
    findings: 0,
    ...extra,
  } satisfies RackSummary;
}

function roomView(racks: RackSummary[]): RoomView {
  return {
    room: {
      id: "room-1",
      site: "site-1",
      name: "A전산실",
      columns: 10,
      rows: 6,
      tile_mm: 600,
      aisles: [
        { kind: "cold", along_x: true, index: 1 },
        { kind: "hot", along_x: true, index: 3 },
      ],
      objects: {
        "obj-ac": {
          kind: "cooling_unit",
          name: "항온항습기 A열",
          x: 0,
          y: 2,
          cooling_kw: 5,
          power_kw: 0,
        },
        "obj-door": { kind: "door", name: "출입문", x: 0, y: 0, cooling_kw: 0, power_kw: 0 },
      },
      rack_rows: { "row-a": { name: "A열" } },
    },
    site: "평택 1센터",
    racks,
    rows: [
      {
        row: "row-a",
        name: "A열",
        racks: racks.length,
        allocated_w: 8000,
        max_draw_w: 10000,
        capacity_w: 22528,
        heat_kw: 8,
      },
    ],
    budget: {
      room: "A전산실",
      allocated_w: 8000,
      max_draw_w: 10000,
      heat_kw: 8,
      heat_btu_h: 27297,
      cooling_kw: 5,
      findings: [{ kind: "cooling_over_capacity", room: "A전산실", heat_kw: 8, cooling_kw: 5 }],
    },
  };
}

function rackView(summary: RackSummary): RackView {
  return {
    rack: {
      ...defaultRackSpec("room-1", summary),
      id: summary.id,
      name: summary.name,
      row: summary.row,
      placements: {},
      reservations: {},
    },
    site: "평택 1센터",
    room: "A전산실",
    row: "A열",
    devices: [],
    budget: {} as RackView["budget"],
    invariants: [],
    used_hu: 0,
  };
}

const twoRacks = [
  rack("rack-1", "A-R01", 3, 2, { findings: 2 }),
  // Typical draw low, maximum draw over its feed: coloured by the level core gives it (the
  // figure its findings come from), not by the typical draw.
  rack("rack-2", "A-R02", 4, 2, { status: "planned", allocated_w: 2000, power_level: "over" }),
];

function renderFloor(view: RoomView) {
  const onOpenRack = vi.fn();
  const onOpenRow = vi.fn();
  fakeBackend({
    room_view: () => view,
    rack_view: ({ id }) => rackView(view.racks.find((r) => r.id === id)!),
    rack_save: ({ id, spec }) => ({ ...rackView(rack(id ?? "new", spec.name, spec.x, spec.y)) }),
  });
  renderWithProviders(<FloorPlan roomId="room-1" onOpenRack={onOpenRack} onOpenRow={onOpenRow} />);
  return { onOpenRack, onOpenRow };
}

describe("<FloorPlan/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("draws every rack and object with the room's budget and rows", async () => {
    const { onOpenRow } = renderFloor(roomView(twoRacks));
    const racks = await screen.findAllByTestId("floor-rack");
    expect(racks.map((r) => r.getAttribute("data-rack-name"))).toEqual(["A-R01", "A-R02"]);
    expect(racks[0]!.getAttribute("class")).toContain("floor-rack-use-low");
    expect(racks[1]!.getAttribute("class")).toContain("floor-rack-use-over");
    expect(racks[1]!.getAttribute("class")).toContain("floor-rack-planned");
    expect(within(racks[0]!).getByTestId("floor-rack-findings").textContent).toBe("2");
    const objects = screen.getAllByTestId("floor-object");
    expect(objects.map((o) => o.getAttribute("data-kind")).sort()).toEqual([
      "cooling_unit",
      "door",
    ]);
    const heat = screen.getByTestId("room-heat-bar");
    expect(heat.getAttribute("data-over")).toBe("true");
    expect(heat.textContent).toContain("8.0 / 5.0 kW");
    expect(screen.getByTestId("room-findings").textContent).toBe("1건");
    fireEvent.click(screen.getByTestId("row-open-row-a"));
    expect(onOpenRow).toHaveBeenCalledWith("row-a");
    expect(screen.queryByTestId("floor-empty")).toBeNull();
  });

  it("opens a rack on a click that does not move", async () => {
    const { onOpenRack } = renderFloor(roomView(twoRacks));
    const [first] = await screen.findAllByTestId("floor-rack");
    fireEvent.pointerDown(first!, { pointerId: 1, button: 0, clientX: 100, clientY: 100 });
    fireEvent.pointerMove(first!, { pointerId: 1, clientX: 102, clientY: 101 });
    fireEvent.pointerUp(first!, { pointerId: 1, clientX: 102, clientY: 101 });
    expect(onOpenRack).toHaveBeenCalledWith("rack-1");
    expect(callsOf("rack_save")).toEqual([]);
  });

  it("moves a focused rack one tile with an arrow key and saves its full spec", async () => {
    const { onOpenRack } = renderFloor(roomView(twoRacks));
    const [, second] = await screen.findAllByTestId("floor-rack");
    fireEvent.keyDown(second!, { key: "ArrowRight" });
    await waitFor(() => expect(callsOf("rack_save")).toHaveLength(1));
    const [saved] = callsOf("rack_save");
    expect(saved!.id).toBe("rack-2");
    expect(saved!.spec).toMatchObject({ x: 5, y: 2, name: "A-R02", height_u: 42, room: "room-1" });
    expect(callsOf("rack_view")).toEqual([{ id: "rack-2" }]);
    fireEvent.keyDown(second!, { key: "Enter" });
    expect(onOpenRack).toHaveBeenCalledWith("rack-2");
  });

  it("refuses a tile that is taken, and says so", async () => {
    renderFloor(roomView(twoRacks));
    const [first] = await screen.findAllByTestId("floor-rack");
    fireEvent.keyDown(first!, { key: "ArrowRight" });
    expect(screen.getByTestId("floor-notice").textContent).toBe(
      "다른 랙이나 설비가 있는 타일입니다",
    );
    expect(callsOf("rack_save")).toEqual([]);
  });

  it("drags a rack to the tile under the pointer and saves it there", async () => {
    renderFloor(roomView(twoRacks));
    const [first] = await screen.findAllByTestId("floor-rack");
    fireEvent.pointerDown(first!, { pointerId: 3, button: 0, clientX: 50, clientY: 50 });
    fireEvent.pointerMove(first!, { pointerId: 3, clientX: 50, clientY: 50 + 2 * defaultScale });
    expect(screen.getByTestId("floor-target").getAttribute("class")).not.toContain("is-refused");
    expect(screen.getByTestId("floor-notice").textContent).toBe("(3, 4)로 이동");
    fireEvent.pointerUp(first!, { pointerId: 3, clientX: 50, clientY: 50 + 2 * defaultScale });
    await waitFor(() => expect(callsOf("rack_save")).toHaveLength(1));
    expect(callsOf("rack_save")[0]!.spec).toMatchObject({ x: 3, y: 4 });
  });

  it("shows a refused target while dragging onto another rack, and does not save", async () => {
    const { onOpenRack } = renderFloor(roomView(twoRacks));
    const [first] = await screen.findAllByTestId("floor-rack");
    fireEvent.pointerDown(first!, { pointerId: 1, button: 0, clientX: 50, clientY: 50 });
    fireEvent.pointerMove(first!, { pointerId: 1, clientX: 50 + defaultScale, clientY: 50 });
    expect(screen.getByTestId("floor-target").getAttribute("class")).toContain("is-refused");
    fireEvent.pointerUp(first!, { pointerId: 1, clientX: 50 + defaultScale, clientY: 50 });
    expect(callsOf("rack_save")).toEqual([]);
    expect(onOpenRack).not.toHaveBeenCalled();
  });

  it("zooms with its buttons and keys, fits again, and drags at the scale it shows", async () => {
    renderFloor(roomView(twoRacks));
    const [first] = await screen.findAllByTestId("floor-rack");
    const scale = () => Number(screen.getByTestId("floor-zoom-level").dataset.scale);
    expect(scale()).toBe(defaultScale);
    fireEvent.click(screen.getByTestId("floor-zoom-in"));
    expect(scale()).toBe(zoomScale(defaultScale, 1));
    fireEvent.keyDown(window, { key: "+" });
    expect(scale()).toBe(zoomScale(zoomScale(defaultScale, 1), 1));
    fireEvent.keyDown(window, { key: "-" });
    fireEvent.click(screen.getByTestId("floor-zoom-out"));
    expect(scale()).toBe(defaultScale);
    fireEvent.click(screen.getByTestId("floor-zoom-in"));
    // A drag moves by tiles of the zoomed size: two zoomed tiles down is two tiles.
    const zoomed = scale();
    fireEvent.pointerDown(first!, { pointerId: 4, button: 0, clientX: 50, clientY: 50 });
    fireEvent.pointerMove(first!, { pointerId: 4, clientX: 50, clientY: 50 + 2 * zoomed });
    fireEvent.pointerUp(first!, { pointerId: 4, clientX: 50, clientY: 50 + 2 * zoomed });
    await waitFor(() => expect(callsOf("rack_save")).toHaveLength(1));
    expect(callsOf("rack_save")[0]!.spec).toMatchObject({ x: 3, y: 4 });
    // 0 fits (a pane of no size here: the default scale).
    fireEvent.keyDown(window, { key: "0" });
    expect(scale()).toBe(defaultScale);
    // Names are drawn at no less than the minimum on screen, shortened whole when needed.
    for (const name of screen.getAllByTestId("floor-rack-name"))
      expect(["A-R01", "A-R02", "R01", "R02", "01", "02"]).toContain(name.textContent);
  });

  it("says what to do in an empty room, and adds a rack at the first free tile", async () => {
    renderFloor(roomView([]));
    const empty = await screen.findByTestId("floor-empty");
    // What to do from the window: add a rack, or make the sample workspace (no CLI command).
    expect(empty.textContent).toContain("예시 작업공간");
    expect(empty.textContent).not.toContain("cloudwright");
    expect(screen.queryAllByTestId("floor-rack")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("floor-add-rack"));
    const dialog = screen.getByTestId("rack-dialog");
    // (0,0) holds the door, row 1 is an aisle: the first free tile off the aisles is (1, 0).
    expect(dialog.textContent).toContain("(1, 0)");
  });
});

describe("<RackDialog/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("shows each feed's capacity live and saves the rack with its feeds", async () => {
    fakeBackend({
      rack_save: ({ spec }) => rackView(rack("rack-9", spec.name, spec.x, spec.y)),
    });
    const onSaved = vi.fn();
    renderWithProviders(
      <RackDialog
        roomId="room-1"
        rows={[{ id: "row-a", name: "A열" }]}
        at={{ x: 2, y: 4 }}
        onClose={vi.fn()}
        onSaved={onSaved}
      />,
    );
    const capacities = () =>
      screen.getAllByTestId("rack-feed-capacity").map((cell) => cell.textContent);
    expect(capacities()).toEqual(["5.6 kW", "5.6 kW"]);
    fireEvent.change(screen.getAllByLabelText("상 1")[0]!, { target: { value: "three" } });
    fireEvent.change(screen.getByLabelText("전압(V) 1"), { target: { value: "380" } });
    expect(capacities()).toEqual(["16.8 kW", "5.6 kW"]);
    fireEvent.change(screen.getByTestId("rack-name"), { target: { value: "B-R07" } });
    fireEvent.keyDown(screen.getByTestId("rack-name"), { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [saved] = callsOf("rack_save");
    expect(saved!.id).toBeNull();
    expect(saved!.spec).toMatchObject({
      name: "B-R07",
      x: 2,
      y: 4,
      height_u: 42,
      redundancy: "ab",
    });
    expect(saved!.spec.feeds[0]).toEqual({
      name: "A",
      voltage_v: 380,
      amperage_a: 32,
      phase: "three",
      max_utilisation: 0.8,
    });
  });

  it("shows the server's refused name under the name field", async () => {
    fakeBackend({
      rack_save: () => {
        throw new CommandError("rack_save", "invalid", "invalid", {
          problems: [{ field: "name", code: "duplicate", value: "A-R01", message: "" }],
        });
      },
    });
    renderWithProviders(
      <RackDialog roomId="room-1" rows={[]} onClose={vi.fn()} onSaved={vi.fn()} />,
    );
    fireEvent.change(screen.getByTestId("rack-name"), { target: { value: "A-R01" } });
    fireEvent.click(screen.getByTestId("rack-save"));
    expect(await screen.findByText("같은 이름의 랙이 이미 이 전산실에 있습니다.")).toBeTruthy();
  });

  it("catches an empty name and a height out of range before asking Rust", () => {
    fakeBackend({});
    renderWithProviders(
      <RackDialog roomId="room-1" rows={[]} onClose={vi.fn()} onSaved={vi.fn()} />,
    );
    fireEvent.change(screen.getByTestId("rack-height_u"), { target: { value: "61" } });
    fireEvent.click(screen.getByTestId("rack-save"));
    expect(screen.getByText("필수 항목입니다.")).toBeTruthy();
    expect(screen.getByText("허용 범위를 벗어난 값입니다: 61")).toBeTruthy();
    expect(callsOf("rack_save")).toEqual([]);
  });
});

describe("<PlacesTree/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  const tree: SiteNode[] = [
    {
      site: { id: "site-1", name: "평택 1센터", code: "PT1", address: "" },
      rooms: [
        { id: "room-1", name: "A전산실", racks: 12 },
        { id: "room-2", name: "B전산실", racks: 0 },
      ],
    },
  ];

  it("lists rooms with their rack counts and marks the selected one", async () => {
    fakeBackend({ places_tree: () => tree });
    const onSelectRoom = vi.fn();
    renderWithProviders(<PlacesTree selectedRoom="room-2" onSelectRoom={onSelectRoom} />);
    const rooms = await screen.findAllByTestId("room-item");
    expect(rooms.map((room) => room.textContent)).toEqual(["A전산실랙 12", "B전산실랙 0"]);
    expect(rooms[1]!.getAttribute("aria-current")).toBe("true");
    expect(rooms[0]!.getAttribute("aria-current")).toBeNull();
    fireEvent.click(rooms[0]!);
    expect(onSelectRoom).toHaveBeenCalledWith("room-1");
  });

  it("says what to do with no sites yet", async () => {
    fakeBackend({ places_tree: () => [] });
    renderWithProviders(<PlacesTree selectedRoom={null} onSelectRoom={vi.fn()} />);
    const empty = await screen.findByTestId("places-empty");
    expect(empty.textContent).toContain("사이트를 추가한 뒤 전산실을 만드세요");
    fireEvent.click(within(empty).getByTestId("site-add"));
    expect(screen.getByTestId("site-dialog")).toBeTruthy();
  });

  it("creates a room with the default grid and selects it", async () => {
    fakeBackend({
      places_tree: () => tree,
      room_save: ({ input }) => ({
        id: "room-3",
        site: input.site,
        name: input.name,
        columns: input.columns,
        rows: input.rows,
        tile_mm: input.tile_mm,
        aisles: [],
        objects: {},
        rack_rows: {},
      }),
    });
    const onSelectRoom = vi.fn();
    renderWithProviders(<PlacesTree selectedRoom={null} onSelectRoom={onSelectRoom} />);
    fireEvent.click(await screen.findByTestId("room-add-site-1"));
    fireEvent.change(screen.getByTestId("room-dialog-name"), { target: { value: "C전산실" } });
    fireEvent.click(screen.getByTestId("room-dialog-save"));
    await waitFor(() => expect(onSelectRoom).toHaveBeenCalledWith("room-3"));
    expect(callsOf("room_save")).toEqual([
      {
        id: null,
        input: { site: "site-1", name: "C전산실", columns: 20, rows: 12, tile_mm: 600 },
      },
    ]);
  });
});
