import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../bindings/HistoryEntry";
import { renderWithProviders } from "../../test/render";
import { HistoryTimeline } from "./HistoryTimeline";

const author = { name: "김민준", initials: "김민" };
const entry = (op: string, steps: HistoryEntry["steps"]): HistoryEntry => ({
  at_ms: 1_765_000_000_000,
  author,
  author_check: { state: "not_synced" },
  op,
  changes: [],
  steps,
});

const entries: HistoryEntry[] = [
  entry("dispose-approve", [{ step: "disposal", stage: "approved", by: "박지훈" }]),
  entry("return", [
    { step: "returned", assignee: "이서연", on: "2026-12-10", condition: "damaged" },
  ]),
  entry("assign", [
    { step: "assigned", kind: "person", assignee: "이서연", from: "2026-12-06", due: "2026-12-20" },
  ]),
  entry("maintenance-start", [
    { step: "maintenance_begun", kind: "repair", vendor: "델 테크놀로지스", on: "2026-02-03" },
  ]),
  entry("edit", []),
];

describe("<HistoryTimeline/>", () => {
  it("says every lifecycle step in words, and 'no field changed' only when nothing was", () => {
    renderWithProviders(<HistoryTimeline entries={entries} />);
    expect(screen.getAllByTestId("history-step").map((step) => step.textContent)).toEqual([
      "박지훈이 폐기를 승인",
      "이서연에게서 반납 받음 (2026-12-10, 상태: 손상)",
      "이서연에게 배정 (2026-12-06부터, 반납 예정 2026-12-20)",
      "수리 시작 (2026-02-03, 델 테크놀로지스)",
    ]);
    expect(screen.getAllByText("바뀐 항목 없음")).toHaveLength(1);
  });

  it("in English too", () => {
    renderWithProviders(<HistoryTimeline entries={entries.slice(1, 3)} />, { language: "en" });
    expect(screen.getAllByTestId("history-step").map((step) => step.textContent)).toEqual([
      "Returned by 이서연 (2026-12-10, condition: Damaged)",
      "Assigned to 이서연 (from 2026-12-06, due back 2026-12-20)",
    ]);
  });
});
