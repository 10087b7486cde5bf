import { fireEvent, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Alert } from "../../bindings/Alert";
import { call } from "../../ipc";
import { fakeBackend } from "../../test/backend";
import { recordingNavigation, WithNavigation } from "../../test/navigation";
import { renderWithProviders } from "../../test/render";
import { AlertsScreen } from "./AlertsScreen";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const base = { subject: "", due: null, days_overdue: 0, values: {} };

const alerts: Alert[] = [
  {
    ...base,
    source: "lifecycle",
    kind: "return_overdue",
    record: "asset/01A",
    title: "PT1-LT-0001",
    subject: "이서연",
    due: "2026-12-20",
    days_overdue: 3,
    key: "return/01A/2026-12-20",
  },
  {
    ...base,
    source: "racks",
    kind: "no_failover",
    record: "rack/01R",
    title: "A-R02",
    values: { max_draw_w: "11300", one_feed_w: "5632" },
    key: "budget/rack/01R/no_failover",
  },
  {
    ...base,
    source: "cables",
    kind: "test_failed",
    record: "cable/01C",
    title: "C-0009",
    subject: "김민준",
    values: { at_ms: "0" },
    key: "cable-failed/01C/0",
  },
];

describe("<AlertsScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("lists every area's alerts with their words and numbers; each opens its record", async () => {
    fakeBackend({ life_alerts: () => alerts });
    const { navigation, routes } = recordingNavigation();
    renderWithProviders(
      <WithNavigation navigation={navigation}>
        <AlertsScreen />
      </WithNavigation>,
    );
    const rows = await screen.findAllByTestId("alert-row");
    expect(rows.map((row) => row.dataset.source)).toEqual(["lifecycle", "racks", "cables"]);
    expect(rows[0]!.textContent).toContain("반납 기한 지남");
    expect(rows[1]!.textContent).toContain("11.3 kW");
    expect(rows[1]!.textContent).toContain("5.6 kW");
    expect(rows[2]!.textContent).toContain("케이블 C-0009 시험 불합격 (김민준,");
    rows[0]!.click();
    rows[1]!.click();
    rows[2]!.click();
    expect(routes).toEqual([
      { screen: "assets", record: "asset/01A" },
      { screen: "racks", record: "rack/01R" },
      { screen: "cables", record: "cable/01C" },
    ]);
  });

  it("groups one plan's alerts into one line that opens, the first hundred then all", async () => {
    const plan: Alert[] = Array.from({ length: 120 }, (_, n) => ({
      ...base,
      source: "lifecycle",
      kind: "maintenance_overdue",
      record: `asset/P${n}`,
      title: `PT1-SRV-${String(n).padStart(4, "0")}`,
      subject: "서버 정기 점검",
      due: "2026-01-01",
      days_overdue: 30,
      key: `maintenance/P/${n}`,
    }));
    fakeBackend({ life_alerts: () => [alerts[0]!, ...plan] });
    const { navigation } = recordingNavigation();
    renderWithProviders(
      <WithNavigation navigation={navigation}>
        <AlertsScreen />
      </WithNavigation>,
    );
    await screen.findByTestId("alert-group");
    expect(screen.getAllByTestId("alert-row")).toHaveLength(1);
    expect(screen.getByTestId("alert-group-count").textContent).toBe("120건");
    expect(screen.getByTestId("alert-group-head").textContent).toContain("서버 정기 점검");
    fireEvent.click(screen.getByTestId("alert-group-head"));
    expect(screen.getAllByTestId("alert-row")).toHaveLength(101);
    fireEvent.click(screen.getByText("120건 모두 보기"));
    expect(screen.getAllByTestId("alert-row")).toHaveLength(121);
  });
});
