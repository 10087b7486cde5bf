import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BulkAssetEdit } from "../../bindings/BulkAssetEdit";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { BulkEditDialog } from "./BulkEditDialog";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const ids = ["A1", "A2", "A3"];

function changes(edit: BulkAssetEdit) {
  return edit.ids.slice(0, 2).map((id, n) => ({
    asset: id,
    tag: `PT1-SRV-000${n + 1}`,
    was: { status: "in_use" as const, owner: null, tags: null, location: null },
    now: { status: edit.status, owner: null, tags: null, location: null },
  }));
}

describe("<BulkEditDialog/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("shows how many and which assets change before writing, then offers an undo", async () => {
    fakeBackend({
      asset_bulk_preview: ({ edit }) => ({
        selected: edit.ids.length,
        changing: 2,
        unchanged: 0,
        skipped: [{ tag: "PT1-SRV-0003", reason: "disposed" }],
        changes: changes(edit),
        problems: [],
      }),
      asset_bulk_edit: ({ edit }) => ({
        changed: 2,
        undo: {
          action: "asset_bulk_edit",
          count: 2,
          steps: [{ area: "assets", changes: changes(edit) }],
        },
      }),
      undo_apply: () => ({ action: "asset_bulk_edit", restored: 2, kept: [] }),
    });
    const onDone = vi.fn();
    renderWithProviders(<BulkEditDialog ids={ids} onClose={() => {}} onDone={onDone} />);
    expect(screen.getByTestId("asset-bulk-summary").textContent).toBe(
      "바꿀 항목을 고르면 무엇이 바뀌는지 여기에 보입니다.",
    );
    expect((screen.getByTestId("asset-bulk-go") as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(screen.getByTestId("asset-bulk-status"), { target: { value: "maintenance" } });
    await waitFor(() =>
      expect(screen.getByTestId("asset-bulk-summary").textContent).toContain("자산 2개가 바뀝니다"),
    );
    const rows = within(screen.getByTestId("change-list")).getAllByTestId("change-row");
    expect(rows[0]!.textContent).toBe("PT1-SRV-0001사용 중유지보수");
    expect(screen.getByTestId("asset-bulk-left").textContent).toContain(
      "폐기 완료 자산 1개는 상태를 바꾸지 않습니다.",
    );
    expect(callsOf("asset_bulk_edit")).toHaveLength(0);

    fireEvent.click(screen.getByTestId("asset-bulk-go"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(callsOf("asset_bulk_edit")[0]!.edit).toEqual({
      ids,
      status: "maintenance",
      owner: null,
      add_tags: [],
      remove_tags: [],
    });
    fireEvent.click(await screen.findByTestId("toast-undo"));
    await waitFor(() => expect(callsOf("undo_apply")).toHaveLength(1));
    expect(callsOf("undo_apply")[0]!.undo.count).toBe(2);
  });

  it("says what it will change in English too", async () => {
    fakeBackend({
      asset_bulk_preview: ({ edit }) => ({
        selected: edit.ids.length,
        changing: 2,
        unchanged: 1,
        skipped: [],
        changes: changes(edit),
        problems: [],
      }),
    });
    renderWithProviders(<BulkEditDialog ids={ids} onClose={() => {}} onDone={() => {}} />, {
      language: "en",
    });
    fireEvent.change(screen.getByTestId("asset-bulk-status"), { target: { value: "retiring" } });
    await waitFor(() =>
      expect(screen.getByTestId("asset-bulk-summary").textContent).toBe(
        "2 assets will change. You can undo it for 30 seconds afterwards.",
      ),
    );
    expect(screen.getByTestId("asset-bulk-left").textContent).toBe(
      "1 already have these values and stay as they are.",
    );
    expect(screen.getByTestId("asset-bulk-go").textContent).toBe("Change 2");
  });
});
