import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Discrepancy } from "../../bindings/Discrepancy";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { DiscrepancyReview } from "./DiscrepancyReview";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const place = { site: "평택 1센터", room: "전산실 A", row: "A", rack: "A-R01", unit: 3 };

function missing(n: number): Discrepancy {
  return {
    asset: `ASSET${n}`,
    tag: `PT1-SRV-000${n}`,
    model: "R760",
    outcome: "missing",
    unchecked: true,
    registered: false,
    recorded: place,
    recorded_status: "in_use",
    actual: null,
    actual_status: null,
    note: "",
    photos: [],
    correction: { action: "set_status", status: "missing" },
    applied: null,
  };
}

const moved: Discrepancy = {
  ...missing(3),
  outcome: "found_elsewhere",
  unchecked: false,
  actual: { ...place, rack: "A-R02", unit: 20 },
  correction: { action: "set_location", location: { ...place, rack: "A-R02", unit: 20 } },
};

const undo = {
  action: "audit_corrections" as const,
  count: 2,
  steps: [
    {
      area: "audit" as const,
      undo: { audit: "AUDIT1", fields: [], moves: [], removed_from_racks: [], assets: [] },
    },
  ],
};

describe("<DiscrepancyReview/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("starts with no correction ticked, shows what the chosen ones write, and offers an undo", async () => {
    fakeBackend({
      audit_discrepancies: () => [missing(1), missing(2), moved],
      audit_apply: ({ only }) => ({
        applied: only?.length ?? 0,
        failed: [],
        undo,
        removed_from_racks: [],
      }),
      undo_apply: () => ({ action: "audit_corrections", restored: 2, kept: [] }),
    });
    const onApplied = vi.fn();
    renderWithProviders(<DiscrepancyReview id="AUDIT1" onApplied={onApplied} />);
    const boxes = await screen.findAllByTestId("audit-choose");
    expect(boxes).toHaveLength(3);
    for (const box of boxes) expect((box as HTMLInputElement).checked).toBe(false);
    const apply = screen.getByTestId("audit-apply") as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(apply.textContent).toContain("0건");

    // One by hand, then every one at once, then one taken out again.
    fireEvent.click(boxes[0]!);
    expect(apply.textContent).toContain("1건");
    fireEvent.click(screen.getByTestId("audit-choose-all"));
    expect(apply.textContent).toContain("3건");
    fireEvent.click(screen.getAllByTestId("audit-choose")[1]!);
    expect(apply.textContent).toContain("2건");

    fireEvent.click(apply);
    const confirm = await screen.findByTestId("audit-apply-confirm");
    expect(screen.getByTestId("audit-apply-confirm-summary").textContent).toBe(
      "고른 정정 2건을 자산 대장에 씁니다: 분실로 표시 1건, 위치 변경 1건. 반영한 뒤 30초 동안 되돌릴 수 있습니다.",
    );
    const rows = within(confirm).getAllByTestId("change-row");
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining("PT1-SRV-0001"),
      expect.stringContaining("PT1-SRV-0003"),
    ]);
    expect(callsOf("audit_apply")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("audit-apply-confirm-go"));
    await waitFor(() => expect(callsOf("audit_apply")).toHaveLength(1));
    expect(callsOf("audit_apply")[0]).toEqual({ id: "AUDIT1", only: ["ASSET1", "ASSET3"] });

    fireEvent.click(await screen.findByTestId("toast-undo"));
    await waitFor(() => expect(callsOf("undo_apply")).toEqual([{ undo }]));
    expect(await screen.findByText("2건을 되돌렸습니다.")).toBeTruthy();
  });

  it("says when a correction takes an asset out of its rack, which an undo does not put back", async () => {
    const outOfRack: Discrepancy = {
      ...moved,
      correction: {
        action: "set_location",
        location: { site: "평택 1센터", room: "전산실 B", row: "", rack: "", unit: null },
      },
    };
    fakeBackend({ audit_discrepancies: () => [outOfRack] });
    renderWithProviders(<DiscrepancyReview id="AUDIT1" onApplied={() => {}} />);
    fireEvent.click(await screen.findByTestId("audit-choose-all"));
    fireEvent.click(screen.getByTestId("audit-apply"));
    await screen.findByTestId("audit-apply-confirm");
    expect(screen.getByTestId("audit-apply-confirm-cannot-undo").textContent).toBe(
      "이 작업은 되돌릴 수 없습니다.",
    );
    expect(screen.getByTestId("audit-apply-leaves-rack").textContent).toContain("PT1-SRV-0003");
  });
});
