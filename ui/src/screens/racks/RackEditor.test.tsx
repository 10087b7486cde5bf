import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PlacedDevice } from "../../bindings/PlacedDevice";
import type { PortView } from "../../bindings/PortView";
import type { RackView } from "../../bindings/RackView";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { defaultRackSpec } from "./floorMath";
import { RackEditor } from "./RackEditor";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

function server(id: string, bottomHu: number, status: "planned" | "verified"): PlacedDevice {
  return {
    id,
    asset_tag: null,
    device: {
      key: "builtin:dell-poweredge-r650",
      manufacturer: "Dell",
      model: "PowerEdge R650",
      category: "server",
      height_hu: 2,
      full_depth: true,
      typical_w: 420,
      max_w: 1100,
      weight_kg: 20,
      front_image: null,
      rear_image: null,
    },
    placement: {
      device_type: "builtin:dell-poweredge-r650",
      asset: null,
      label: id === "srv-1" ? "web-01" : "web-02",
      bottom_hu: bottomHu,
      face: "front",
      leg: null,
      status,
      checks: {},
      notes: "",
      photos: [],
    },
  };
}

function rackView(devices: PlacedDevice[]): RackView {
  const spec = defaultRackSpec("room-1", { x: 0, y: 0 });
  return {
    rack: { ...spec, id: "rack-1", name: "A-R01", placements: {}, reservations: {} },
    site: "평택",
    room: "A전산실",
    row: "A열",
    devices,
    budget: {
      rack: "A-R01",
      allocated_w: 0,
      max_draw_w: 0,
      capacity_w: 5632,
      legs_w: [0, 0, 0],
      heat_kw: 0,
      heat_btu_h: 0,
      weight_kg: 0,
      power_share: 0,
      power_level: "low",
      findings: [],
    },
    invariants: [],
    used_hu: 4,
  };
}

/** A port map with `count` cables, each in a port of its own. */
function ports(count: number): PortView[] {
  return Array.from({ length: count }, (_, n) => ({
    role: "interface",
    name: `eno${n + 1}`,
    kind: "1000base-t",
    cables: [
      {
        id: `cable-${n}`,
        label: `A-R01-U1-eno${n + 1}/A-R01-U40-${n}`,
        status: "installed",
        far: {
          end: { rack: "rack-1", placement: "sw", role: "interface", port: String(n) },
          room: "A전산실",
          rack: "A-R01",
          unit: 40,
          device: "sw-1",
          port_kind: "1000base-t",
        },
      },
    ],
  }));
}

function renderEditor(devices: PlacedDevice[], cabled: Record<string, number>) {
  const view = rackView(devices);
  fakeBackend({
    rack_view: () => view,
    device_types: () => [],
    device_ports: ({ placement }) => ports(cabled[placement] ?? 0),
    rack_move: ({ placement, bottomHu }) =>
      rackView(
        devices.map((d) =>
          d.id === placement ? { ...d, placement: { ...d.placement, bottom_hu: bottomHu } } : d,
        ),
      ),
    file_state: () => "here" as never,
  });
  renderWithProviders(<RackEditor rackId="rack-1" onBack={() => undefined} />);
}

async function select(label: string) {
  // A full-depth device is drawn on both faces: the front one.
  const [front] = await screen.findAllByText(label, { selector: ".elevation-device-label" });
  fireEvent.click(front!.closest("button")!);
}

describe("<RackEditor/> moving a device", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("asks before a cabled device moves by key, and moves it only on yes", async () => {
    renderEditor([server("srv-1", 0, "planned")], { "srv-1": 2 });
    await select("web-01");
    fireEvent.keyDown(window, { key: "ArrowUp" });
    const question = await screen.findByTestId("move-confirm");
    expect(question.textContent).toContain("U1 → U2");
    expect(screen.getByTestId("move-confirm-cabled").textContent).toContain("케이블 2개");
    expect(screen.queryByTestId("move-confirm-verified")).toBeNull();
    fireEvent.click(screen.getByTestId("move-confirm-cancel"));
    expect(callsOf("rack_move")).toEqual([]);

    fireEvent.keyDown(window, { key: "ArrowUp" });
    fireEvent.click(await screen.findByTestId("move-confirm-ok"));
    await waitFor(() => expect(callsOf("rack_move")).toHaveLength(1));
    expect(callsOf("rack_move")[0]).toMatchObject({ placement: "srv-1", bottomHu: 2 });
    // Afterwards it says the labels follow and printed ones are to print again.
    expect(await screen.findByText(/케이블 2개의 라벨이 새 위치를 따릅니다/)).toBeTruthy();
  });

  it("asks before a verified device moves, and not before a plain planned one", async () => {
    renderEditor([server("srv-1", 0, "verified"), server("srv-2", 10, "planned")], {});
    await select("web-01");
    fireEvent.keyDown(window, { key: "ArrowUp" });
    await screen.findByTestId("move-confirm-verified");
    expect(screen.queryByTestId("move-confirm-cabled")).toBeNull();
    fireEvent.keyDown(screen.getByTestId("move-confirm"), { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("move-confirm")).toBeNull());
    expect(callsOf("rack_move")).toEqual([]);

    await select("web-02");
    fireEvent.keyDown(window, { key: "ArrowUp" });
    await waitFor(() => expect(callsOf("rack_move")).toHaveLength(1));
    expect(callsOf("rack_move")[0]).toMatchObject({ placement: "srv-2", bottomHu: 12 });
    expect(screen.queryByTestId("move-confirm")).toBeNull();
  });
});
