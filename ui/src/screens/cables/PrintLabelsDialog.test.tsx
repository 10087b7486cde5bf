import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { PrintLabelsDialog } from "./PrintLabelsDialog";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const changes = ["C1", "C2"].map((cable) => ({
  field: "printed" as const,
  cable,
  label: `L-${cable}`,
  was: null,
  now: 1_800_000_000_000,
}));

describe("<PrintLabelsDialog/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("says how many cables and labels before printing, then offers to take the printed mark back", async () => {
    fakeBackend({
      label_media: () => [],
      label_printers: () => [[], null],
      cable_labels_count: () => ({
        cables: 2,
        labels: 4,
        printed_before: 1,
        first: ["L-C1", "L-C2"],
      }),
      cable_labels_print: () => ({
        path: "/tmp/labels.pdf",
        labels: 4,
        printer: null,
        job: null,
        undo: {
          action: "labels_printed" as const,
          count: 2,
          steps: [{ area: "cables" as const, changes }],
        },
      }),
      undo_apply: () => ({ action: "labels_printed", restored: 2, kept: [] }),
    });
    const onPrinted = vi.fn();
    renderWithProviders(
      <PrintLabelsDialog selected={["C1", "C2"]} onClose={() => {}} onPrinted={onPrinted} />,
    );
    await waitFor(() =>
      expect(screen.getByTestId("print-summary").textContent).toBe(
        "케이블 2개, 라벨 4장을 인쇄합니다 (L-C1, L-C2 …). 그중 1개는 이미 인쇄한 적이 있습니다.",
      ),
    );
    expect(callsOf("cable_labels_count")[0]).toEqual({
      selection: { scope: "ids", ids: ["C1", "C2"] },
    });
    expect(screen.getByTestId("print-go").textContent).toBe("라벨 4장 인쇄");
    expect(callsOf("cable_labels_print")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("print-go"));
    await waitFor(() => expect(onPrinted).toHaveBeenCalled());
    fireEvent.click(await screen.findByTestId("toast-undo"));
    await waitFor(() => expect(callsOf("undo_apply")).toHaveLength(1));
    expect(callsOf("undo_apply")[0]!.undo.steps[0]).toEqual({ area: "cables", changes });
  });
});
