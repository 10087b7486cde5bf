// The audit dialogs with nothing to pick (issue 18: dialogs opened with empty pickers): they
// say what to create first and offer to go there, instead of an empty select.
import { fireEvent, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SiteNode } from "../../bindings/SiteNode";
import { call } from "../../ipc";
import { fakeBackend } from "../../test/backend";
import { withNavigation } from "../../test/navigation";
import { renderWithProviders } from "../../test/render";
import { ScheduleDialog } from "./ScheduleDialog";
import { StartAuditDialog } from "./StartAuditDialog";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

function site(rooms: { name: string; racks: number }[]): SiteNode {
  return {
    site: { id: "S1" as never, name: "평택", code: "PT1", address: "" },
    rooms: rooms.map((room, n) => ({ id: `R${n}` as never, ...room })),
  };
}

describe("audit dialogs with nothing to pick", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("start: no rooms - says to create them on the racks screen, and goes there", async () => {
    fakeBackend({ places_tree: () => [], cable_racks: () => [] });
    const onClose = vi.fn();
    const { navigate, ui } = withNavigation(
      <StartAuditDialog onClose={onClose} onStarted={() => {}} />,
    );
    renderWithProviders(ui);
    const note = await screen.findByTestId("audit-start-no-places");
    expect(note.textContent).toContain("감사할 전산실이 아직 없습니다");
    expect(note.textContent).toContain("랙 화면에서 먼저 만드세요");
    expect(screen.queryByRole("combobox")).toBeNull();
    fireEvent.click(screen.getByTestId("create-first-go"));
    expect(onClose).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith({ screen: "racks" });
  });

  it("start: a room without racks - says so for the racks scope, not for the whole room", async () => {
    fakeBackend({
      places_tree: () => [site([{ name: "3층 전산실", racks: 0 }])],
      cable_racks: () => [],
    });
    const { ui } = withNavigation(<StartAuditDialog onClose={() => {}} onStarted={() => {}} />);
    renderWithProviders(ui, { language: "en" });
    const note = await screen.findByTestId("audit-start-no-racks");
    expect(note.textContent).toContain("3층 전산실 has no racks");
    expect(screen.queryByTestId("audit-start-racks")).toBeNull();
    fireEvent.click(screen.getByTestId("audit-scope-room"));
    expect(screen.queryByTestId("audit-start-no-racks")).toBeNull();
    expect(screen.getAllByRole("combobox")).toHaveLength(2);
  });

  it("start: a room with racks - the checklist, no note", async () => {
    fakeBackend({
      places_tree: () => [site([{ name: "전산실 A", racks: 1 }])],
      cable_racks: () => [{ id: "K1" as never, name: "A-R01", site: "평택", room: "전산실 A" }],
    });
    const { ui } = withNavigation(<StartAuditDialog onClose={() => {}} onStarted={() => {}} />);
    renderWithProviders(ui);
    expect(await screen.findByTestId("audit-rack-A-R01")).toBeTruthy();
    expect(screen.queryByTestId("create-first")).toBeNull();
    expect(screen.queryByTestId("audit-start-no-racks")).toBeNull();
  });

  it("start: a room named like another site's lists its own racks only", async () => {
    const other: SiteNode = {
      site: { id: "S2" as never, name: "가산 IDC", code: "GS", address: "" },
      rooms: [{ id: "R9" as never, name: "3층 전산실", racks: 1 }],
    };
    fakeBackend({
      places_tree: () => [site([{ name: "3층 전산실", racks: 1 }]), other],
      cable_racks: () => [
        { id: "K1" as never, name: "A01", site: "평택", room: "3층 전산실" },
        { id: "K2" as never, name: "A01", site: "가산 IDC", room: "3층 전산실" },
      ],
    });
    const { ui } = withNavigation(<StartAuditDialog onClose={() => {}} onStarted={() => {}} />);
    renderWithProviders(ui);
    expect(await screen.findAllByTestId("audit-rack-A01")).toHaveLength(1);
  });

  it("schedule: no sites - the note and its button instead of the form", async () => {
    fakeBackend({ places_tree: () => [], audit_schedules: () => [] });
    const onClose = vi.fn();
    const { navigate, ui } = withNavigation(<ScheduleDialog onClose={onClose} />);
    renderWithProviders(ui, { language: "en" });
    const note = await screen.findByTestId("audit-schedule-no-places");
    expect(note.textContent).toContain("No room to audit yet");
    expect(screen.queryByTestId("audit-schedule-save")).toBeNull();
    expect(screen.queryByTestId("audit-schedule-months")).toBeNull();
    fireEvent.click(screen.getByText("Go to racks"));
    expect(onClose).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith({ screen: "racks" });
  });
});
