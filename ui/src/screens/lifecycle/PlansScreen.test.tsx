import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PlanDue } from "../../bindings/PlanDue";
import { call } from "../../ipc";
import { fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { PlansScreen } from "./PlansScreen";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

function due(id: string, name: string): PlanDue {
  return {
    plan: {
      id,
      name,
      target: { kind: "asset_type", value: "server" },
      kind: "preventive",
      recurrence: { count: 3, unit: "months", start: "2026-01-31" },
      remind_days: 14,
      vendor: "",
      notes: "",
      active: true,
    },
    assets: 2,
    next_due: "2026-04-30",
    next_tag: "PT1-SRV-0001",
  };
}

describe("<PlansScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("marks the plan a link (the global search) asked for", async () => {
    fakeBackend({ plan_list: () => [due("01P", "서버 분기 점검"), due("01Q", "UPS 점검")] });
    renderWithProviders(
      <PlansScreen opening={{ record: "maintplan/01Q", kind: "maintplan", id: "01Q" }} />,
    );
    const rows = await screen.findAllByTestId("plan-row");
    expect(rows.map((row) => row.dataset.opened ?? "")).toEqual(["", "true"]);
    expect(rows[1]!.textContent).toContain("UPS 점검");
  });
});
