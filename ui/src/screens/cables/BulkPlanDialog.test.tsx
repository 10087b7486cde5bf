import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RackView } from "../../bindings/RackView";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { cableRow } from "../../test/cables";
import { renderWithProviders } from "../../test/render";
import { BulkPlanDialog } from "./BulkPlanDialog";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const device = (id: string, label: string, bottom: number) => ({
  id,
  placement: { label, bottom_hu: bottom },
  device: null,
  asset_tag: null,
});
const rack = {
  rack: { id: "RACK2", starting_unit: 1 },
  devices: [device("pp", "pp-1", 82), device("sw", "sw-1", 78)],
} as unknown as RackView;
const port = (role: "front" | "interface", name: string) => ({
  role,
  name,
  kind: "8p8c",
  cables: [],
});

describe("<BulkPlanDialog/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("previews every cable with its label, refuses a plan with problems, and writes a clean one", async () => {
    let withProblem = true;
    const planned = [1, 2].map((n) => cableRow(n));
    fakeBackend({
      cable_racks: () => [{ id: "RACK2", name: "A-R02", site: "평택 1센터", room: "전산실 A" }],
      rack_view: () => rack,
      device_ports: ({ placement }) =>
        placement === "pp"
          ? [port("front", "1"), port("front", "2")]
          : [port("interface", "Gi1/0/1"), port("interface", "Gi1/0/2")],
      cable_bulk_preview: () => [
        {
          cables: [],
          problems: withProblem ? [[1, { code: "label_taken", label: planned[1]!.label }]] : [],
          short_by: 0,
        },
        planned,
      ],
      cable_bulk_commit: () => planned.map((row) => row.id),
    });
    const onPlanned = vi.fn();
    renderWithProviders(<BulkPlanDialog onClose={() => {}} onPlanned={onPlanned} />);
    const pick = async (testId: string, value: string) => {
      await waitFor(() =>
        expect(
          [...(screen.getByTestId(testId) as HTMLSelectElement).options].map((o) => o.value),
        ).toContain(value),
      );
      fireEvent.change(screen.getByTestId(testId), { target: { value } });
    };
    await pick("bulk-a-rack", "RACK2");
    await pick("bulk-a-device", "pp");
    await pick("bulk-b-rack", "RACK2");
    await pick("bulk-b-device", "sw");
    fireEvent.change(screen.getByTestId("bulk-count"), { target: { value: "2" } });
    await waitFor(() => expect(screen.getAllByTestId("bulk-row")).toHaveLength(2));
    expect(callsOf("cable_bulk_preview").at(-1)?.plan).toEqual({
      mode: "range",
      a: { rack: "RACK2", placement: "pp", role: "front", first_port: "1" },
      b: { rack: "RACK2", placement: "sw", role: "interface", first_port: "Gi1/0/1" },
      count: 2,
    });
    const second = screen.getAllByTestId("bulk-row")[1]!;
    expect(second.textContent).toContain("이미 쓰고 있습니다");
    expect((screen.getByTestId("bulk-commit") as HTMLButtonElement).disabled).toBe(true);

    withProblem = false;
    fireEvent.change(screen.getByTestId("bulk-kind"), { target: { value: "cat6" } });
    await waitFor(() =>
      expect((screen.getByTestId("bulk-commit") as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId("bulk-commit"));
    await waitFor(() => expect(onPlanned).toHaveBeenCalledWith(["CABLE1", "CABLE2"]));
    expect(callsOf("cable_bulk_commit")[0]?.kind).toBe("cat6");
  });
});
