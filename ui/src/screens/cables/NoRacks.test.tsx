// The cable dialogs with nothing to pick (issue 18: dialogs opened with empty pickers): with no
// rack in the workspace they say to create one first and offer the racks screen; a rack with no
// devices says so under its empty device picker.
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RackView } from "../../bindings/RackView";
import { call } from "../../ipc";
import { fakeBackend } from "../../test/backend";
import { withNavigation } from "../../test/navigation";
import { renderWithProviders } from "../../test/render";
import { AddCableDialog } from "./AddCableDialog";
import { BulkPlanDialog } from "./BulkPlanDialog";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

describe("cable dialogs with nothing to pick", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("add: no rack - says to create one first, no rack picker, and goes to the racks screen", async () => {
    fakeBackend({ cable_racks: () => [] });
    const onClose = vi.fn();
    const { navigate, ui } = withNavigation(
      <AddCableDialog onClose={onClose} onAdded={() => {}} />,
    );
    renderWithProviders(ui);
    const note = await screen.findByTestId("cable-add-no-racks");
    expect(note.textContent).toContain("케이블을 연결할 랙이 아직 없습니다");
    expect(screen.queryByTestId("cable-a-rack")).toBeNull();
    expect(screen.queryByTestId("cable-add-save")).toBeNull();
    fireEvent.click(screen.getByText("랙 화면으로 가기"));
    expect(onClose).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith({ screen: "racks" });
  });

  it("bulk plan: no rack - the same, in English", async () => {
    fakeBackend({ cable_racks: () => [] });
    const { ui } = withNavigation(<BulkPlanDialog onClose={() => {}} onPlanned={() => {}} />);
    renderWithProviders(ui, { language: "en" });
    const note = await screen.findByTestId("bulk-no-racks");
    expect(note.textContent).toContain("No rack to cable yet");
    expect(screen.queryByTestId("bulk-a-rack")).toBeNull();
    expect(screen.getByTestId("create-first-go").textContent).toBe("Go to racks");
  });

  it("add: a rack without devices - the pickers, and the device picker says why it is empty", async () => {
    const empty = { rack: { id: "RACK2", starting_unit: 1 }, devices: [] } as unknown as RackView;
    fakeBackend({
      cable_racks: () => [{ id: "RACK2", name: "A-R02", site: "평택 1센터", room: "전산실 A" }],
      rack_view: () => empty,
    });
    const { ui } = withNavigation(<AddCableDialog onClose={() => {}} onAdded={() => {}} />);
    renderWithProviders(ui);
    const rackSelect = await screen.findByTestId("cable-a-rack");
    await waitFor(() => expect(rackSelect.textContent).toContain("A-R02"));
    expect(screen.queryByTestId("cable-add-no-racks")).toBeNull();
    fireEvent.change(rackSelect, { target: { value: "RACK2" } });
    expect(
      await screen.findByText("이 랙에는 장비가 없습니다. 랙 편집기에서 먼저 배치하세요."),
    ).toBeTruthy();
  });
});
