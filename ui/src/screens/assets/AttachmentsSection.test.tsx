import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Attachment } from "../../bindings/Attachment";
import { attachFile, call, CommandError } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { AttachmentsSection, maxAttachmentBytes } from "./AttachmentsSection";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const addedAt = new Date(2025, 10, 24, 14, 5).getTime();

const photo: Attachment = {
  sha256: "aa11",
  name: "랙 R03-12 전면.jpg",
  size: 1_536,
  mime: "image/jpeg",
  added_at_ms: addedAt,
  added_by: "김민준",
};

const manual: Attachment = {
  sha256: "bb22",
  name: "R750 설치 가이드.pdf",
  size: 23 * 1024 * 1024,
  mime: "application/pdf",
  added_at_ms: addedAt,
  added_by: "이서연",
};

describe("<AttachmentsSection/>", () => {
  const createObjectURL = vi.fn(() => "blob:preview-1");
  const revokeObjectURL = vi.fn();

  beforeEach(() => {
    vi.mocked(call).mockReset();
    vi.mocked(attachFile).mockReset();
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
    // jsdom has no Blob URLs.
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it("lists attachments with size, author and an image preview it cleans up", async () => {
    fakeBackend({
      asset_attachments: () => [photo, manual],
      attachment_bytes: () => new Uint8Array([0xff, 0xd8, 0xff]).buffer,
    });
    const view = renderWithProviders(<AttachmentsSection assetId="01A" />);
    const rows = await screen.findAllByTestId("attachment-row");
    expect(rows.map((row) => row.dataset.name)).toEqual([photo.name, manual.name]);
    expect(rows[0]!.textContent).toContain("1.5 KB");
    expect(rows[0]!.textContent).toContain("김민준");
    expect(rows[1]!.textContent).toContain("23 MB");
    expect(rows[1]!.textContent).toContain("이서연");

    const thumb = await within(rows[0]!).findByTestId("attachment-thumb");
    expect(thumb.getAttribute("src")).toBe("blob:preview-1");
    // Only the image is fetched for a preview; the PDF is not.
    expect(callsOf("attachment_bytes")).toEqual([{ sha256: "aa11" }]);
    expect(within(rows[1]!).queryByTestId("attachment-thumb")).toBeNull();

    view.unmount();
    expect(revokeObjectURL).toHaveBeenCalledWith("blob:preview-1");
  });

  it("says when an image has not arrived on this device yet", async () => {
    fakeBackend({
      asset_attachments: () => [photo],
      attachment_bytes: () => {
        throw new CommandError("attachment_bytes", "not_synced_yet", "not here yet");
      },
      file_state: () => "waiting_for_sync",
    });
    renderWithProviders(<AttachmentsSection assetId="01A" />);
    expect((await screen.findByTestId("attachment-pending")).textContent).toBe(
      "아직 이 기기로 받는 중",
    );
  });

  it("offers no 저장 for a file still on its way, only the waiting pill", async () => {
    fakeBackend({ asset_attachments: () => [manual], file_state: () => "waiting_for_sync" });
    renderWithProviders(<AttachmentsSection assetId="01A" />);
    expect((await screen.findByTestId("file-waiting")).textContent).toBe("동기화 대기");
    expect(screen.getByTestId("attachment-pending").textContent).toBe("아직 이 기기로 받는 중");
    expect(screen.queryByTestId("attachment-save")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("attaches a chosen file as raw bytes with its name and type", async () => {
    let list: Attachment[] = [];
    fakeBackend({ asset_attachments: () => list });
    vi.mocked(attachFile).mockImplementation(async (meta) => {
      const attachment = { ...photo, name: meta.name, mime: meta.mime };
      list = [attachment];
      return attachment;
    });
    renderWithProviders(<AttachmentsSection assetId="01A" />);
    expect(await screen.findByText(/첨부 파일이 없습니다/)).toBeTruthy();

    const file = new File([new Uint8Array([1, 2, 3, 250])], "랙 사진.jpg", { type: "image/jpeg" });
    fireEvent.change(screen.getByTestId("attach-input"), { target: { files: [file] } });

    await waitFor(() => expect(attachFile).toHaveBeenCalledTimes(1));
    const [meta, bytes] = vi.mocked(attachFile).mock.calls[0]!;
    expect(meta).toEqual({ id: "01A", name: "랙 사진.jpg", mime: "image/jpeg" });
    expect([...bytes]).toEqual([1, 2, 3, 250]);
    // The list is read again and shows the new file.
    await waitFor(() =>
      expect(screen.getByTestId("attachment-row").dataset.name).toBe("랙 사진.jpg"),
    );
    expect(callsOf("asset_attachments").length).toBe(2);
  });

  it("refuses files over 64 MiB before reading them, and shows Rust's refusals", async () => {
    fakeBackend({ asset_attachments: () => [] });
    vi.mocked(attachFile).mockRejectedValue(
      new CommandError("asset_attach", "attachment_empty", "the file is empty"),
    );
    renderWithProviders(<AttachmentsSection assetId="01A" />);
    await screen.findByText(/첨부 파일이 없습니다/);

    const huge = new File(["x"], "backup.img");
    Object.defineProperty(huge, "size", { value: maxAttachmentBytes + 1 });
    const empty = new File([], "빈 파일.txt");
    fireEvent.change(screen.getByTestId("attach-input"), { target: { files: [huge, empty] } });

    await waitFor(() => expect(screen.getAllByRole("alert")).toHaveLength(2));
    expect(screen.getAllByRole("alert").map((alert) => alert.textContent)).toEqual([
      "backup.img: 64MB보다 큰 파일은 첨부할 수 없습니다.",
      "빈 파일.txt: 빈 파일은 첨부할 수 없습니다.",
    ]);
    // Only the empty file went to Rust, typed as generic bytes.
    expect(vi.mocked(attachFile).mock.calls.map(([meta]) => meta)).toEqual([
      { id: "01A", name: "빈 파일.txt", mime: "application/octet-stream" },
    ]);
  });

  it("saves an attachment into Downloads and says where", async () => {
    fakeBackend({
      asset_attachments: () => [manual],
      file_state: () => "here",
      attachment_save: () => ({ path: "/home/minjun/Downloads/R750 설치 가이드.pdf", rows: 1 }),
    });
    renderWithProviders(<AttachmentsSection assetId="01A" />);
    fireEvent.click(await screen.findByTestId("attachment-save"));
    expect(
      await screen.findByText("저장했습니다: /home/minjun/Downloads/R750 설치 가이드.pdf"),
    ).toBeTruthy();
    expect(callsOf("attachment_save")).toEqual([{ sha256: "bb22", name: "R750 설치 가이드.pdf" }]);
  });

  it("attaches files dropped on the section", async () => {
    fakeBackend({ asset_attachments: () => [] });
    vi.mocked(attachFile).mockResolvedValue(photo);
    renderWithProviders(<AttachmentsSection assetId="01A" />);
    await screen.findByText(/첨부 파일이 없습니다/);
    const file = new File(["pdf"], "도면.pdf", { type: "application/pdf" });
    fireEvent.drop(screen.getByTestId("attachments"), {
      dataTransfer: { files: [file], types: ["Files"] },
    });
    await waitFor(() => expect(attachFile).toHaveBeenCalledTimes(1));
    expect(vi.mocked(attachFile).mock.calls[0]![0]).toEqual({
      id: "01A",
      name: "도면.pdf",
      mime: "application/pdf",
    });
  });
});
