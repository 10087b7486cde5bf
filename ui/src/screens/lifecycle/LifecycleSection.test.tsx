import { fireEvent, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetLife } from "../../bindings/AssetLife";
import type { AssetRow } from "../../bindings/AssetRow";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { noLife } from "../../test/life";
import { renderWithProviders } from "../../test/render";
import { LifecycleSection } from "./LifecycleSection";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const report = "d".repeat(64);

const row: AssetRow = {
  asset: {
    id: "01A",
    asset_tag: "PT1-SRV-0001",
    asset_type: "server",
    manufacturer: "Dell",
    model: "R750",
    serial: "SN1",
    purchase_date: null,
    cost: null,
    warranty_end: null,
    status: "retiring",
    location: { site: "", room: "", row: "", rack: "", unit: null },
    owner: "",
    notes: "",
    tags: [],
  },
  created_at_ms: 0,
  updated_at_ms: 0,
  updated_by: "김민준",
  life: { ...noLife, disposal: "wiped" },
};

function wiped(name: string | null): AssetLife {
  return {
    assignments: {},
    maintenance: {},
    holds_data: null,
    disposal: {
      stage: "wiped",
      reason: "보증 만료",
      requested_by: "김민준",
      requested_on: "2025-06-01",
      decided_by: "이서연",
      decided_on: "2025-06-02",
      decision_note: "",
      wipe: {
        method: "purge",
        tool: "Blancco Drive Eraser 7",
        on: "2025-06-03",
        wiped_by: "박지훈",
        verified_by: "이서연",
        certificate: "BLN-2025-0603-001",
        attachment: report,
        attachment_name: name,
      },
      disposed_on: null,
      vendor: "",
      batch: "",
      status_before: "in_use",
    },
  };
}

describe("<LifecycleSection/> wipe report", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("lists the wipe report by its name and saves it", async () => {
    fakeBackend({
      life_get: () => wiped("blancco-report.pdf"),
      file_state: () => "here",
      attachment_save: ({ name }) => ({ path: `/home/minjun/Downloads/${name}`, rows: 1 }),
    });
    renderWithProviders(<LifecycleSection row={row} />);
    const link = await screen.findByTestId("life-wipe-report");
    fireEvent.click(await within(link).findByTestId("file-save"));
    expect(
      await screen.findByText("저장했습니다: /home/minjun/Downloads/blancco-report.pdf"),
    ).toBeTruthy();
    expect(callsOf("attachment_save")).toEqual([{ sha256: report, name: "blancco-report.pdf" }]);
  });

  it("shows a wipe report on its way as waiting for sync, named by its kind when unnamed", async () => {
    fakeBackend({ life_get: () => wiped(null), file_state: () => "waiting_for_sync" });
    renderWithProviders(<LifecycleSection row={row} />, { language: "en" });
    const link = await screen.findByTestId("life-wipe-report");
    expect((await within(link).findByTestId("file-waiting")).textContent).toBe("Waiting for sync");
    expect(link.textContent).toContain("Wipe report");
  });
});
