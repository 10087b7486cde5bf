import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditSummary } from "../../bindings/AuditSummary";
import type { AuditView } from "../../bindings/AuditView";
import type { ScanAnswer } from "../../bindings/ScanAnswer";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { AuditsScreen } from "./AuditsScreen";
import { applicable, progressPercent } from "./auditText";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const place = { site: "평택", room: "전산실 A", row: "", rack: "A-R01", unit: 3 };
const counts = {
  expected: 2,
  checked: 0,
  found: 0,
  missing: 0,
  found_elsewhere: 0,
  wrong_status: 0,
  unexpected: 0,
  applied: 0,
};
const summary: AuditSummary = {
  audit: {
    id: "A1",
    name: "A-R01 실사",
    scope: { site: "평택", room: "전산실 A", rows: [], racks: ["A-R01"], filter: null },
    started_at_ms: 1_764_000_000_000,
    started_by: "김민준",
    closed: null,
  },
  counts,
};
const view: AuditView = {
  summary,
  total: 2,
  items: ["PT1-SRV-0001", "PT1-SRV-0002"].map((tag, n) => ({
    asset: `ID${n}`,
    tag,
    serial: "",
    model: "R650",
    expected: true,
    recorded: place,
    recorded_status: "in_use",
    mark: null,
  })),
};

function answer(result: ScanAnswer["result"], code: string): ScanAnswer {
  return {
    result,
    code,
    asset: result === "unknown" ? "" : "ID0",
    tag: result === "unknown" ? "" : code,
    model: "R650",
    recorded: result === "unknown" ? null : place,
    outcome: result === "found" ? "found" : null,
    counts: { ...counts, checked: 1, found: 1 },
  };
}

describe("<AuditsScreen/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("says how to begin when there are no audits", async () => {
    fakeBackend({ audit_list: () => [] });
    renderWithProviders(<AuditsScreen />);
    const empty = await screen.findByTestId("audits-empty");
    expect(empty.textContent).toContain("아직 실사가 없습니다");
  });

  it("scans with Enter, keeps the field for the next code, and offers to register an unknown one", async () => {
    fakeBackend({
      audit_list: () => [summary],
      audit_view: () => view,
      audit_scan: ({ code }) =>
        code === "PT1-SRV-0001" ? answer("found", code) : answer("unknown", code),
    });
    renderWithProviders(<AuditsScreen />);
    const input = (await screen.findByTestId("audit-scan-input")) as HTMLInputElement;
    expect(screen.getByTestId("audit-progress-text").textContent).toBe("0 / 2 확인 (0%)");
    fireEvent.change(input, { target: { value: " PT1-SRV-0001 " } });
    fireEvent.submit(input.form!);
    await waitFor(() =>
      expect(screen.getByTestId("audit-scan-answer").dataset.result).toBe("found"),
    );
    expect(screen.getByTestId("audit-scan-answer").textContent).toContain("PT1-SRV-0001");
    expect(input.value).toBe("");
    expect(callsOf("audit_scan")).toEqual([{ id: "A1", code: "PT1-SRV-0001" }]);
    fireEvent.change(input, { target: { value: "NEW-77" } });
    fireEvent.submit(input.form!);
    await waitFor(() =>
      expect(screen.getByTestId("audit-scan-answer").textContent).toContain(
        "등록되지 않은 코드: NEW-77",
      ),
    );
    fireEvent.click(screen.getByTestId("audit-register-open"));
    const dialog = await screen.findByTestId("audit-register-dialog");
    expect((dialog.querySelector("input") as HTMLInputElement).value).toBe("NEW-77");
  });

  it("counts items never checked apart while open, and as missing once closed, as the review does", async () => {
    fakeBackend({ audit_list: () => [summary], audit_view: () => view });
    const open = renderWithProviders(<AuditsScreen />);
    expect((await screen.findByTestId("audit-count-missing")).textContent).toBe("분실 0");
    expect(screen.getByTestId("audit-count-unchecked").textContent).toBe("미확인 2");
    open.unmount();

    const closedView: AuditView = {
      ...view,
      summary: {
        ...view.summary,
        audit: { ...view.summary.audit, closed: { by: "김민준", at_ms: 1_764_000_200_000 } },
      },
    };
    fakeBackend({
      audit_list: () => [closedView.summary],
      audit_view: () => closedView,
      audit_discrepancies: () => [],
    });
    renderWithProviders(<AuditsScreen />);
    expect((await screen.findByTestId("audit-count-missing")).textContent).toBe(
      "분실 2 (미확인 2 포함)",
    );
    expect(screen.queryByTestId("audit-count-unchecked")).toBeNull();
  });

  it("shows the photos of an item's mark, and one still on its way as waiting for sync", async () => {
    const here = "a".repeat(64);
    const onItsWay = "b".repeat(64);
    const marked: AuditView = {
      ...view,
      items: view.items.map((item, n) =>
        n === 0
          ? {
              ...item,
              mark: {
                asset: item.asset,
                code: item.tag,
                outcome: "found",
                actual: null,
                actual_status: null,
                note: "",
                photos: [here, onItsWay],
                registered: false,
                by: "김민준",
                at_ms: 1_764_000_100_000,
              },
            }
          : item,
      ),
    };
    fakeBackend({
      audit_list: () => [summary],
      audit_view: () => marked,
      file_state: ({ sha256 }) => (sha256 === here ? "here" : "waiting_for_sync"),
      attachment_bytes: () => new Uint8Array([0xff, 0xd8, 0xff]).buffer,
    });
    Object.assign(URL, {
      createObjectURL: vi.fn(() => "blob:audit-photo"),
      revokeObjectURL: vi.fn(),
    });
    renderWithProviders(<AuditsScreen />);
    const photos = await screen.findByTestId("audit-photos-PT1-SRV-0001");
    const photo = await within(photos).findByTestId("audit-photo");
    expect(photo.querySelector("img")?.getAttribute("src")).toBe("blob:audit-photo");
    expect(photo.querySelector("img")?.getAttribute("alt")).toBe("PT1-SRV-0001 사진");
    expect(within(photos).getByTestId("file-waiting").textContent).toBe("동기화 대기");
    // Only the photo that is here is read; the other is not asked for, and nothing failed.
    expect(callsOf("attachment_bytes")).toEqual([{ sha256: here }]);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByTestId("audit-photos-PT1-SRV-0002")).toBeNull();
  });

  it("asks before closing and says how many unchecked items will count as missing", async () => {
    fakeBackend({ audit_list: () => [summary], audit_view: () => view });
    renderWithProviders(<AuditsScreen />);
    fireEvent.click(await screen.findByTestId("audit-close"));
    expect(screen.getByTestId("audit-close-confirm").textContent).toContain(
      "확인하지 않은 2건은 분실로 처리됩니다",
    );
  });
});

describe("audit arithmetic", () => {
  it("rounds progress down and never passes 100", () => {
    expect(progressPercent({ ...counts, expected: 3, checked: 2 })).toBe(66);
    expect(progressPercent({ ...counts, expected: 0, checked: 0 })).toBe(0);
    expect(progressPercent({ ...counts, expected: 2, checked: 3 })).toBe(100);
  });

  it("applies only chosen, unapplied discrepancies that change something", () => {
    const base = {
      tag: "T",
      model: "",
      outcome: "missing" as const,
      unchecked: false,
      registered: false,
      recorded: null,
      recorded_status: null,
      actual: null,
      actual_status: null,
      note: "",
      photos: [],
    };
    const list = [
      {
        ...base,
        asset: "A",
        correction: { action: "set_status" as const, status: "missing" as const },
        applied: null,
      },
      { ...base, asset: "B", correction: { action: "none" as const }, applied: null },
      {
        ...base,
        asset: "C",
        correction: { action: "set_status" as const, status: "missing" as const },
        applied: { at_ms: 1, by: "x", what: "" },
      },
      {
        ...base,
        asset: "D",
        correction: { action: "set_status" as const, status: "missing" as const },
        applied: null,
      },
    ];
    expect(applicable(list, new Set(["A", "B", "C"]))).toEqual(["A"]);
  });
});

describe("localToday", () => {
  it("is the local calendar day, zero-padded", async () => {
    const { localToday } = await import("./ScheduleDialog");
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(localToday(new Date(2024, 1, 29, 0, 0))).toBe("2024-02-29");
  });
});

describe("refusalText", () => {
  it("says a refused move in the rack screens' words", async () => {
    const { refusalText } = await import("./auditText");
    const { ko } = await import("../../i18n/catalogue");
    const t = ((key: keyof typeof ko, params?: Record<string, unknown>) =>
      Object.entries(params ?? {}).reduce(
        (text, [name, value]) => text.replace(`{${name}}`, String(value)),
        ko[key] as string,
      )) as never;
    expect(
      refusalText(t, {
        code: "placement",
        problems: [{ code: "occupied", label: "web-07" } as never],
      }),
    ).toContain("web-07");
    expect(refusalText(t, { code: "failed", message: "disk full" })).toBe(
      "기록을 쓰지 못했습니다 (disk full)",
    );
  });
});
