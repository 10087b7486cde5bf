import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { Palette, placeableStatuses } from "./Palette";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

describe("<Palette/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("offers only assets in service: disposed, missing and retiring ones are not asked for", async () => {
    fakeBackend({ asset_query: () => ({ total: 0, rows: [] }) as never });
    renderWithProviders(<Palette types={[]} onStartDrag={() => undefined} />);
    fireEvent.click(screen.getByTestId("palette-tab-assets"));
    await waitFor(() => expect(callsOf("asset_query").length).toBeGreaterThan(0));
    const [asked] = callsOf("asset_query");
    expect(asked!.query.filters).toEqual([
      { field: "status", value: "in_stock,in_use,maintenance" },
    ]);
    expect(placeableStatuses).not.toContain("disposed");
    expect(screen.getByText(/폐기·분실·폐기 예정 자산은 목록에 없습니다/)).toBeTruthy();
  });
});
