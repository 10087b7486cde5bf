import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetRow } from "../../bindings/AssetRow";
import { call, CommandError } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { AssignDialog, ReturnDialog } from "./AssignDialogs";
import { DisposalDialog } from "./DisposalDialogs";
import { localDate } from "./lifeText";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const row = {} as AssetRow;

function refused(problems: { code: string; field: string; value: string }[]) {
  return new CommandError("life", "life_refused", "refused", {
    problems: problems.map((problem) => ({ ...problem, message: `english ${problem.code}` })),
  });
}

describe("lifecycle dialogs", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("assign sends today's local date and the form, then closes", async () => {
    fakeBackend({ life_assign: () => row });
    const onClose = vi.fn();
    renderWithProviders(<AssignDialog assetId="01A" onClose={onClose} />);
    fireEvent.change(screen.getByTestId("life-assignee"), { target: { value: "김민준" } });
    fireEvent.change(screen.getByTestId("life-due"), { target: { value: "2026-03-10" } });
    fireEvent.click(screen.getByTestId("assign-dialog-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(callsOf("life_assign")).toEqual([
      {
        id: "01A",
        today: localDate(),
        input: {
          kind: "person",
          assignee: "김민준",
          from: localDate(),
          due: "2026-03-10",
          note: "",
        },
      },
    ]);
  });

  it("shows a refusal under its field and the asset's state above the buttons, in Korean", async () => {
    fakeBackend({
      life_assign: () => {
        throw refused([
          { code: "required", field: "assignee", value: "" },
          { code: "already_assigned", field: "", value: "" },
        ]);
      },
    });
    const onClose = vi.fn();
    renderWithProviders(<AssignDialog assetId="01A" onClose={onClose} />);
    // Enter in a field saves, as in every form.
    fireEvent.submit(screen.getByTestId("life-assignee").closest("form")!);
    const lines = await screen.findByTestId("life-problems");
    expect(lines.textContent).toBe("이미 배정된 자산입니다. 먼저 반납받으세요.");
    expect(screen.getByText("필수 항목입니다.")).toBeTruthy();
    expect(screen.getByTestId("life-assignee").getAttribute("aria-invalid")).toBe("true");
    expect(onClose).not.toHaveBeenCalled();
  });

  it("return needs a condition picked from the four", async () => {
    fakeBackend({ life_return: () => row });
    renderWithProviders(<ReturnDialog assetId="01A" onClose={() => undefined} />);
    const picker = screen.getByTestId("life-condition") as HTMLSelectElement;
    expect([...picker.options].map((option) => option.textContent)).toEqual([
      "선택하세요",
      "양호",
      "사용감 있음",
      "손상",
      "고장",
    ]);
    fireEvent.change(picker, { target: { value: "damaged" } });
    fireEvent.click(screen.getByTestId("return-dialog-save"));
    await waitFor(() => expect(callsOf("life_return")).toHaveLength(1));
    expect(callsOf("life_return")[0]!.input.condition).toBe("damaged");
  });

  it("completing a disposal without a wipe says why, per field and for the asset", async () => {
    fakeBackend({
      life_dispose: () => {
        throw refused([
          { code: "required", field: "batch", value: "" },
          { code: "wipe_required", field: "", value: "" },
        ]);
      },
    });
    renderWithProviders(<DisposalDialog assetId="01A" step="complete" onClose={() => undefined} />);
    fireEvent.change(screen.getByTestId("life-vendor"), { target: { value: "그린리사이클" } });
    fireEvent.click(screen.getByTestId("disposal-dialog-save"));
    const lines = await screen.findByTestId("life-problems");
    expect(lines.textContent).toContain("검증된 데이터 삭제 기록(NIST SP 800-88)");
    expect(screen.getByText("필수 항목입니다.")).toBeTruthy();
    expect(callsOf("life_dispose")[0]!.input).toEqual({
      vendor: "그린리사이클",
      batch: "",
      on: localDate(),
    });
  });
});

describe("<PlanDialog/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("editing a one-asset plan shows the asset's tag, not its id", async () => {
    const { PlanDialog } = await import("./PlanDialog");
    fakeBackend({
      asset_get: ({ id }) => ({ asset: { id, asset_tag: "PT1-SRV-0007" } }) as unknown as AssetRow,
      plan_preview: () => ({ assets: 1, overdue: 0, due_soon: 0, first: [] }),
    });
    const plan = {
      id: "P1",
      name: "분기 점검",
      target: { kind: "asset" as const, value: "01JASSETID" },
      kind: "preventive" as const,
      recurrence: { count: 3, unit: "months" as const, start: "2026-01-31" },
      remind_days: 14,
      vendor: "",
      notes: "",
      active: true,
    };
    renderWithProviders(<PlanDialog plan={plan} onClose={() => {}} />);
    await waitFor(() =>
      expect((screen.getByTestId("life-asset") as HTMLInputElement).value).toBe("PT1-SRV-0007"),
    );
  });

  it("says how many alerts saving would raise, and asks first when there are hundreds", async () => {
    const { PlanDialog } = await import("./PlanDialog");
    fakeBackend({
      plan_preview: () => ({
        assets: 1147,
        overdue: 1147,
        due_soon: 0,
        first: ["PT1-SRV-0001"],
      }),
      plan_add: ({ input }) => ({
        id: "P2",
        name: input.name,
        target: { kind: "asset_type" as const, value: "server" },
        kind: "preventive" as const,
        recurrence: { count: 3, unit: "months" as const, start: input.start },
        remind_days: 14,
        vendor: "",
        notes: "",
        active: true,
      }),
    });
    const onClose = vi.fn();
    renderWithProviders(<PlanDialog plan={null} onClose={onClose} />);
    fireEvent.change(screen.getByTestId("life-name"), { target: { value: "서버 정기 점검" } });
    const preview = await screen.findByTestId("plan-preview");
    await waitFor(() => expect(preview.getAttribute("data-alerts")).toBe("1147"));
    expect(preview.textContent).toContain("자산 1,147개에 적용됩니다");
    expect(preview.textContent).toContain("기한 지남 1,147건");

    fireEvent.click(screen.getByTestId("plan-dialog-save"));
    expect(await screen.findByTestId("plan-many-confirm")).toBeTruthy();
    expect(screen.getByTestId("plan-many-confirm-summary").textContent).toBe(
      "이 계획을 저장하면 알림 1,147건이 한꺼번에 생깁니다(기한 지남 1,147건).",
    );
    expect(callsOf("plan_add")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("plan-many-confirm-go"));
    await waitFor(() => expect(callsOf("plan_add")).toHaveLength(1));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it("asks before Escape throws a typed plan away, and not before anything was typed", async () => {
    const { PlanDialog } = await import("./PlanDialog");
    fakeBackend({ plan_preview: () => ({ assets: 0, overdue: 0, due_soon: 0, first: [] }) });
    const onClose = vi.fn();
    renderWithProviders(<PlanDialog plan={null} onClose={onClose} />);
    fireEvent.change(screen.getByTestId("life-name"), { target: { value: "UPS 점검" } });
    fireEvent.keyDown(screen.getByTestId("life-name"), { key: "Escape" });
    expect(await screen.findByTestId("discard-confirm")).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("discard-confirm-button"));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("every step dialog asks before Escape throws a typed field away, and closes at once untouched", async () => {
    const onClose = vi.fn();
    const first = renderWithProviders(<AssignDialog assetId="01A" onClose={onClose} />);
    fireEvent.keyDown(screen.getByTestId("life-assignee"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("discard-confirm")).toBeNull();
    first.unmount();

    renderWithProviders(<AssignDialog assetId="01A" onClose={onClose} />);
    fireEvent.change(screen.getByTestId("life-assignee"), { target: { value: "김민준" } });
    fireEvent.keyDown(screen.getByTestId("life-assignee"), { key: "Escape" });
    expect(await screen.findByTestId("discard-confirm")).toBeTruthy();
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
