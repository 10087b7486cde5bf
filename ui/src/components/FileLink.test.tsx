import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FileStateView } from "../bindings/FileStateView";
import { call } from "../ipc";
import { callsOf, fakeBackend } from "../test/backend";
import { emitEvent } from "../test/ipcMock";
import { renderWithProviders } from "../test/render";
import { FileImage, FileLink } from "./FileLink";

vi.mock("../ipc", async (importOriginal) =>
  (await import("../test/ipcMock")).mockedIpc(importOriginal as never),
);

const report = "a".repeat(64);

/** A backend whose file is in `state`, saved to Downloads when asked. */
function files(state: () => FileStateView) {
  fakeBackend({
    file_state: () => state(),
    attachment_save: ({ name }) => ({ path: `/home/minjun/Downloads/${name}`, rows: 1 }),
    attachment_bytes: () => new Uint8Array([0xff, 0xd8, 0xff]).buffer,
  });
}

describe("<FileLink/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("shows a file that is here by name and saves it into Downloads", async () => {
    files(() => "here");
    renderWithProviders(<FileLink sha={report} name="OTDR 결과.pdf" />);
    const save = await screen.findByTestId("file-save");
    expect(save.textContent).toBe("OTDR 결과.pdf");
    expect(screen.getByTestId("file-link").dataset.state).toBe("here");
    fireEvent.click(save);
    expect(
      await screen.findByText("저장했습니다: /home/minjun/Downloads/OTDR 결과.pdf"),
    ).toBeTruthy();
    expect(callsOf("attachment_save")).toEqual([{ sha256: report, name: "OTDR 결과.pdf" }]);
    expect(callsOf("file_state")).toEqual([{ sha256: report }]);
  });

  it("shows a file on its way as waiting for sync, with no save and no error", async () => {
    files(() => "waiting_for_sync");
    renderWithProviders(<FileLink sha={report} name="OTDR 결과.pdf" />);
    expect((await screen.findByTestId("file-waiting")).textContent).toBe("동기화 대기");
    expect(screen.getByTestId("file-link").textContent).toContain("OTDR 결과.pdf");
    expect(screen.queryByTestId("file-save")).toBeNull();
    expect(screen.queryByTestId("file-missing")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(callsOf("attachment_save")).toEqual([]);
  });

  it("says quietly that a file no record here names is missing", async () => {
    files(() => "unknown");
    renderWithProviders(<FileLink sha={report} name="OTDR 결과.pdf" />);
    expect((await screen.findByTestId("file-missing")).textContent).toBe("파일 없음");
    expect(screen.queryByTestId("file-waiting")).toBeNull();
    expect(screen.queryByTestId("file-save")).toBeNull();
  });

  it("words every state in English", async () => {
    let state: FileStateView = "waiting_for_sync";
    files(() => state);
    renderWithProviders(<FileLink sha={report} name="otdr.pdf" />, { language: "en" });
    expect((await screen.findByTestId("file-waiting")).textContent).toBe("Waiting for sync");
    state = "unknown";
    act(() => emitEvent("workspace_changed", { workspace_id: "W1" }));
    expect((await screen.findByTestId("file-missing")).textContent).toBe("File missing");
    state = "here";
    act(() => emitEvent("workspace_changed", { workspace_id: "W1" }));
    fireEvent.click(await screen.findByTestId("file-save"));
    expect(await screen.findByText("Saved: /home/minjun/Downloads/otdr.pdf")).toBeTruthy();
  });

  it("turns into the file when a sync brings it", async () => {
    let state: FileStateView = "waiting_for_sync";
    files(() => state);
    renderWithProviders(<FileLink sha={report} name="OTDR 결과.pdf" />);
    await screen.findByTestId("file-waiting");
    // The sync pass that fetched the file sends workspace_changed.
    state = "here";
    act(() => emitEvent("workspace_changed", { workspace_id: "W1" }));
    await screen.findByTestId("file-save");
    expect(screen.queryByTestId("file-waiting")).toBeNull();
  });
});

describe("<FileImage/>", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
    Object.assign(URL, { createObjectURL: vi.fn(() => "blob:photo-1"), revokeObjectURL: vi.fn() });
  });

  it("stands in for an image on its way with the waiting words, and shows it once here", async () => {
    const photo = "b".repeat(64);
    let state: FileStateView = "waiting_for_sync";
    files(() => state);
    renderWithProviders(<FileImage sha={photo} alt="전면" className="photo-thumb" />);
    const waiting = await screen.findByTestId("file-waiting");
    expect(waiting.textContent).toBe("동기화 대기");
    expect(waiting.getAttribute("aria-label")).toBe("동기화 대기");
    // Nothing asks for the bytes of a file that is not here.
    expect(callsOf("attachment_bytes")).toEqual([]);
    state = "here";
    act(() => emitEvent("workspace_changed", { workspace_id: "W1" }));
    const image = await screen.findByRole("img", { name: "전면" });
    expect(image.getAttribute("src")).toBe("blob:photo-1");
    expect(callsOf("attachment_bytes")).toEqual([{ sha256: photo }]);
  });

  it("marks a missing image as missing, in English too", async () => {
    files(() => "unknown");
    renderWithProviders(<FileImage sha={"c".repeat(64)} alt="front" className="photo-thumb" />, {
      language: "en",
    });
    expect((await screen.findByTestId("file-missing")).textContent).toBe("File missing");
    await waitFor(() => expect(screen.queryByRole("img", { name: "front" })).toBeNull());
  });
});
