import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import type { RequestView } from "../../bindings/RequestView";
import { addPurchaseFile, call, CommandError } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { emitEvent } from "../../test/ipcMock";
import { renderWithProviders } from "../../test/render";
import { PurchasingScreen } from "./PurchasingScreen";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await (await import("../../test/ipcMock")).mockedIpc(importOriginal as never)),
  addPurchaseFile: vi.fn(),
}));

const request: PurchaseRequest = {
  id: "01R1",
  number: "PR-20270115-7Q2F",
  title: "A동 증설 서버",
  requester: { who: "minjun", name: "김민준" },
  department: "인프라팀",
  needed_by: "2027-03-01",
  justification: "",
  budget: "",
  rates: {},
  lines: {},
  files: {},
  created_at_ms: 0,
  copied_from: "",
  line: { rule: "", steps: [], cc: [], delegated: false, return_to: 0, for_krw: 0 },
  submissions: {},
  decisions: {},
  snapshots: {},
  messages: {},
  rfqs: {},
  quotes: {},
  selections: {},
  orders: {},
  receipts: {},
  cancelled: {},
  completed: {},
};

const drawing = {
  name: "랙배치도.pdf",
  size: 2048,
  added_at_ms: Date.UTC(2027, 0, 15, 1, 0),
  added_by: "김민준",
};

function view(files: PurchaseRequest["files"]): RequestView {
  return {
    request: { ...request, files },
    status: "draft",
    total_krw: 0,
    step: 0,
    waiting_on: [],
    budget_title: "",
  };
}

const opening = { kind: "purchase", id: request.id, record: "purchase/01R1" } as const;

describe("<PurchasingScreen/> a request's files", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
    vi.mocked(addPurchaseFile).mockReset();
  });

  it("lists a file once it is added, with the upload naming the request and the file", async () => {
    let files: PurchaseRequest["files"] = {};
    fakeBackend({
      purchase_page: () => ({ rows: [], total: 0 }),
      purchase_get: () => view(files),
      file_state: () => "here",
    });
    vi.mocked(addPurchaseFile).mockImplementation(async () => {
      files = { bb22: drawing };
      return view(files);
    });
    renderWithProviders(<PurchasingScreen opening={opening} />);
    const section = await screen.findByTestId("request-files");
    expect(section.textContent).toContain("첨부 파일");
    expect(within(section).getByTestId("request-files-empty").textContent).toContain(
      "도면이나 사양서를 추가하세요",
    );

    const file = new File(["%PDF-1.4"], "랙배치도.pdf", { type: "application/pdf" });
    fireEvent.change(within(section).getByTestId("request-file-input"), {
      target: { files: [file] },
    });
    await waitFor(() => expect(addPurchaseFile).toHaveBeenCalledTimes(1));
    const [meta, bytes] = vi.mocked(addPurchaseFile).mock.calls[0]!;
    expect(meta).toEqual({ id: request.id, name: "랙배치도.pdf" });
    expect(new TextDecoder().decode(bytes)).toBe("%PDF-1.4");

    // Rust says the workspace changed after a write; the detail reads the request again.
    act(() => emitEvent("workspace_changed", { workspace_id: "W1" }));
    const row = await within(await screen.findByTestId("request-files")).findByTestId(
      "request-file",
    );
    expect(row.dataset.name).toBe("랙배치도.pdf");
    expect(row.textContent).toContain("김민준");
    await waitFor(() => expect(within(row).getByTestId("file-save")).toBeTruthy());
  });

  it("asks before taking a file off, and removes it by its SHA-256 only when confirmed", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [], total: 0 }),
      purchase_get: () => view({ bb22: drawing }),
      file_state: () => "here",
      purchase_file_remove: () => view({}),
    });
    renderWithProviders(<PurchasingScreen opening={opening} />);
    const row = await screen.findByTestId("request-file");
    fireEvent.click(within(row).getByTestId("request-file-remove"));
    const confirm = await screen.findByTestId("request-file-remove-confirm");
    expect(confirm.textContent).toContain("랙배치도.pdf");
    expect(confirm.textContent).toContain("이 구매 요청의 파일 목록에서 뺍니다");
    expect(callsOf("purchase_file_remove")).toHaveLength(0);
    fireEvent.click(within(confirm).getByText("빼기"));
    await waitFor(() =>
      expect(callsOf("purchase_file_remove")).toEqual([{ id: request.id, sha256: "bb22" }]),
    );
  });

  it("refuses a file over 64 MB without reading or sending it", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [], total: 0 }),
      purchase_get: () => view({}),
    });
    renderWithProviders(<PurchasingScreen opening={opening} />);
    const section = await screen.findByTestId("request-files");
    const big = new File(["x"], "설치이미지.iso");
    Object.defineProperty(big, "size", { value: 64 * 1024 * 1024 + 1 });
    const reading = vi.spyOn(FileReader.prototype, "readAsArrayBuffer");
    fireEvent.change(within(section).getByTestId("request-file-input"), {
      target: { files: [big] },
    });
    expect((await screen.findByTestId("request-file-error")).textContent).toContain(
      "설치이미지.iso: 64MB보다 큰 파일은 추가할 수 없습니다",
    );
    expect(reading).not.toHaveBeenCalled();
    reading.mockRestore();
    expect(addPurchaseFile).not.toHaveBeenCalled();
  });

  it("says why a file is refused for a cancelled request, in Korean", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [], total: 0 }),
      purchase_get: () => view({}),
    });
    vi.mocked(addPurchaseFile).mockRejectedValue(
      new CommandError("purchase_file_add", "invalid", "refused", {
        problems: [
          {
            field: "file",
            code: "request_closed",
            value: "cancelled",
            message: "the request is cancelled: no file can be added to it any more",
          },
        ],
      }),
    );
    renderWithProviders(<PurchasingScreen opening={opening} />);
    const section = await screen.findByTestId("request-files");
    fireEvent.change(within(section).getByTestId("request-file-input"), {
      target: { files: [new File(["%PDF-1.4"], "견적서.pdf")] },
    });
    expect((await screen.findByTestId("request-file-error")).textContent).toContain(
      "완료되었거나 취소된 구매 요청에는 파일을 더 추가할 수 없습니다",
    );
  });

  it("offers no file to a completed or cancelled request, and says why on the button", async () => {
    for (const status of ["completed", "cancelled"] as const) {
      fakeBackend({
        purchase_page: () => ({ rows: [], total: 0 }),
        purchase_get: () => ({ ...view({ aa11: drawing }), status }),
        file_state: () => "here",
      });
      const { unmount } = renderWithProviders(<PurchasingScreen opening={opening} />);
      const section = await screen.findByTestId("request-files");
      const input = within(section).getByTestId("request-file-input") as HTMLInputElement;
      expect(input.disabled).toBe(true);
      expect(within(section).getByTestId("request-file-button").getAttribute("title")).toBe(
        "완료되었거나 취소된 구매 요청에는 파일을 더 추가할 수 없습니다.",
      );
      // The files it has stay listed.
      expect(within(section).getByText("랙배치도.pdf")).toBeTruthy();
      unmount();
    }
  });
});
