import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Vendor } from "../../bindings/Vendor";
import type { VendorQuery } from "../../bindings/VendorQuery";
import { addVendorFile, call, CommandError } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { PurchasingScreen } from "./PurchasingScreen";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await (await import("../../test/ipcMock")).mockedIpc(importOriginal as never)),
  addVendorFile: vi.fn(),
}));

const hanbit: Vendor = {
  id: "01V1",
  name: "(주)한빛시스템",
  business_number: "220-81-62517",
  contacts: {
    a1: { name: "박지훈", role: "영업 대표", phone: "02-555-0101", email: "jihoon@example.co.kr" },
    b2: { name: "최수아", role: "기술 지원", phone: "", email: "sua@example.co.kr" },
  },
  categories: ["server", "network"],
  notes: "분기 단가 계약",
  files: {
    aa11: {
      name: "단가계약서.pdf",
      kind: "contract",
      size: 2048,
      added_at_ms: new Date(2026, 11, 1, 9, 30).getTime(),
      added_by: "김민준",
    },
  },
};

const nuri: Vendor = {
  id: "01V2",
  name: "누리네트웍스",
  business_number: "124-81-00998",
  contacts: {},
  categories: ["network"],
  notes: "",
  files: {},
};

/** The requests tab comes first: the vendor tests choose the vendors tab. */
const noRequests = { purchase_page: () => ({ rows: [], total: 0 }) };

async function openVendors() {
  fireEvent.click(await screen.findByTestId("purchasing-tabs-vendors"));
}

function page(vendors: Vendor[], query: VendorQuery) {
  const rows = vendors.filter(
    (vendor) =>
      (query.category === null || vendor.categories.includes(query.category)) &&
      `${vendor.name} ${vendor.business_number}`.includes(query.text),
  );
  return {
    rows: rows.slice(query.offset, query.offset + query.limit),
    total: rows.length,
    all: vendors.length,
    categories: ["network", "server"],
  };
}

describe("<PurchasingScreen/> vendors", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
    vi.mocked(addVendorFile).mockReset();
  });

  it("says what to do first when there are no vendors", async () => {
    fakeBackend({
      ...noRequests,
      vendor_list: ({ query }) => page([], query),
    });
    renderWithProviders(<PurchasingScreen />);
    await openVendors();
    const empty = await screen.findByTestId("vendors-empty");
    expect(empty.textContent).toContain("아직 공급업체가 없습니다");
    expect(empty.textContent).toContain("견적을 요청하고 발주하려면");
    expect(within(empty).getByText("공급업체 추가")).toBeTruthy();
    expect(screen.getByTestId("purchasing-tabs-vendors").getAttribute("aria-selected")).toBe(
      "true",
    );
  });

  it("lists vendors with their number, categories and contacts, and filters by category", async () => {
    fakeBackend({
      ...noRequests,
      vendor_list: ({ query }) => page([hanbit, nuri], query),
    });
    renderWithProviders(<PurchasingScreen />);
    await openVendors();
    await waitFor(() => expect(screen.getAllByTestId("vendor-row")).toHaveLength(2));
    const first = screen.getAllByTestId("vendor-row")[0]!;
    expect(first.dataset.name).toBe("(주)한빛시스템");
    expect(first.textContent).toContain("220-81-62517");
    expect(first.textContent).toContain("server, network");
    expect(first.textContent).toContain("2명");
    expect(screen.getByTestId("vendor-count").textContent).toBe("2곳");

    fireEvent.change(screen.getByTestId("vendor-filter-category"), {
      target: { value: "server" },
    });
    await waitFor(() => expect(screen.getAllByTestId("vendor-row")).toHaveLength(1));
    expect(screen.getByTestId("vendor-count").textContent).toBe("2곳 중 1곳");
    expect(callsOf("vendor_list").at(-1)?.query.category).toBe("server");
  });

  it("refuses a bad business number under its field, then adds the vendor and shows it", async () => {
    let added: Vendor | null = null;
    fakeBackend({
      ...noRequests,
      vendor_list: ({ query }) => page(added === null ? [] : [added], query),
      vendor_add: ({ input }) => {
        if (input.business_number === "220-81-62518") {
          throw new CommandError("vendor_add", "invalid", "refused", {
            problems: [
              {
                field: "business_number",
                code: "business_number_check_digit",
                value: "220-81-62518",
                message: "'220-81-62518' is not a valid business registration number",
              },
            ],
          });
        }
        added = { ...nuri, id: "01V9", name: input.name, business_number: "220-81-62517" };
        return added;
      },
      vendor_get: () => added!,
    });
    renderWithProviders(<PurchasingScreen />);
    await openVendors();
    fireEvent.click(await screen.findByTestId("vendor-add"));
    const dialog = await screen.findByTestId("vendor-dialog");
    fireEvent.change(within(dialog).getByTestId("vendor-field-name"), {
      target: { value: "(주)새솔데이터" },
    });
    fireEvent.change(within(dialog).getByTestId("vendor-field-business_number"), {
      target: { value: "220-81-62518" },
    });
    fireEvent.change(within(dialog).getAllByTestId("vendor-contact-name")[0]!, {
      target: { value: "정하늘" },
    });
    fireEvent.change(within(dialog).getByTestId("vendor-field-categories"), {
      target: { value: "storage, 백업" },
    });
    fireEvent.click(within(dialog).getByTestId("vendor-save"));

    const field = await within(dialog).findByTestId("vendor-field-business_number-wrap");
    await waitFor(() =>
      expect(field.textContent).toContain(
        "사업자등록번호가 올바르지 않습니다 (검증 숫자가 맞지 않음)",
      ),
    );
    const numberInput = within(dialog).getByTestId("vendor-field-business_number");
    expect(numberInput.getAttribute("aria-invalid")).toBe("true");
    // The cursor goes to the refused field.
    await waitFor(() => expect(document.activeElement).toBe(numberInput));
    expect(callsOf("vendor_add")[0]!.input).toEqual({
      name: "(주)새솔데이터",
      business_number: "220-81-62518",
      contacts: [{ name: "정하늘", role: "", phone: "", email: "" }],
      categories: ["storage", "백업"],
      notes: "",
    });

    fireEvent.change(within(dialog).getByTestId("vendor-field-business_number"), {
      target: { value: "2208162517" },
    });
    fireEvent.click(within(dialog).getByTestId("vendor-save"));
    await waitFor(() => expect(screen.queryByTestId("vendor-dialog")).toBeNull());
    const detail = await screen.findByTestId("vendor-detail");
    expect(detail.dataset.name).toBe("(주)새솔데이터");
  });

  it("shows a vendor's files, adds one of the chosen kind and takes one off after asking", async () => {
    fakeBackend({
      ...noRequests,
      vendor_list: ({ query }) => page([hanbit], query),
      vendor_get: () => hanbit,
      file_state: () => "here",
      vendor_file_remove: () => ({ ...hanbit, files: {} }),
    });
    vi.mocked(addVendorFile).mockResolvedValue(hanbit);
    renderWithProviders(
      <PurchasingScreen
        opening={{ kind: "vendor", id: hanbit.id, record: `vendor/${hanbit.id}` }}
      />,
    );
    const files = await screen.findByTestId("vendor-files");
    const row = within(files).getByTestId("vendor-file");
    expect(row.dataset.name).toBe("단가계약서.pdf");
    expect(row.textContent).toContain("계약서");
    expect(row.textContent).toContain("김민준");
    await waitFor(() => expect(within(row).getByTestId("file-save")).toBeTruthy());

    fireEvent.change(within(files).getByTestId("vendor-file-kind"), {
      target: { value: "certificate" },
    });
    const file = new File(["%PDF-1.4"], "ISO27001.pdf", { type: "application/pdf" });
    fireEvent.change(within(files).getByTestId("vendor-file-input"), {
      target: { files: [file] },
    });
    await waitFor(() => expect(addVendorFile).toHaveBeenCalledTimes(1));
    expect(vi.mocked(addVendorFile).mock.calls[0]![0]).toEqual({
      id: hanbit.id,
      name: "ISO27001.pdf",
      kind: "certificate",
    });

    fireEvent.click(within(row).getByTestId("vendor-file-remove"));
    const confirm = await screen.findByTestId("vendor-file-remove-confirm");
    expect(confirm.textContent).toContain("단가계약서.pdf");
    expect(callsOf("vendor_file_remove")).toHaveLength(0);
    fireEvent.click(within(confirm).getByText("빼기"));
    await waitFor(() =>
      expect(callsOf("vendor_file_remove")).toEqual([{ id: hanbit.id, sha256: "aa11" }]),
    );
  });

  it("lists the requests that involve the vendor, each a link to it", async () => {
    fakeBackend({
      purchase_page: ({ query }) => ({
        rows:
          query.vendor === hanbit.id
            ? [
                {
                  id: "01R1",
                  number: "PR-20270115-7Q2F",
                  title: "A동 증설 서버",
                  requester: "김민준",
                  department: "",
                  status: "ordered" as const,
                  total_krw: 48_000_000,
                  needed_by: "",
                  budget: "",
                  lines: 1,
                  kinds: [],
                  vendors: [hanbit.id],
                  created_at_ms: 0,
                  waiting: [],
                },
              ]
            : [],
        total: query.vendor === hanbit.id ? 1 : 0,
      }),
      vendor_list: ({ query }) => page([hanbit], query),
      vendor_get: () => hanbit,
      file_state: () => "here",
    });
    renderWithProviders(
      <PurchasingScreen
        opening={{ kind: "vendor", id: hanbit.id, record: `vendor/${hanbit.id}` }}
      />,
    );
    const purchases = await screen.findByTestId("vendor-purchases");
    await waitFor(() =>
      expect(within(purchases).getAllByTestId("vendor-purchase")).toHaveLength(1),
    );
    expect(purchases.textContent).toContain("PR-20270115-7Q2F");
    expect(purchases.textContent).toContain("발주");
    expect(purchases.textContent).toContain("48,000,000 KRW");
  });

  it("refuses a file over 64 MB without reading it", async () => {
    fakeBackend({
      ...noRequests,
      vendor_list: ({ query }) => page([nuri], query),
      vendor_get: () => nuri,
    });
    renderWithProviders(
      <PurchasingScreen opening={{ kind: "vendor", id: nuri.id, record: `vendor/${nuri.id}` }} />,
    );
    const files = await screen.findByTestId("vendor-files");
    expect(within(files).getByTestId("vendor-files-empty").textContent).toContain(
      "계약서나 인증서를 추가하세요",
    );
    const big = new File(["x"], "설치이미지.iso");
    Object.defineProperty(big, "size", { value: 64 * 1024 * 1024 + 1 });
    fireEvent.change(within(files).getByTestId("vendor-file-input"), {
      target: { files: [big] },
    });
    expect((await screen.findByTestId("vendor-file-error")).textContent).toContain(
      "64MB보다 큰 파일은 추가할 수 없습니다",
    );
    expect(addVendorFile).not.toHaveBeenCalled();
  });

  it("edits a vendor from its detail with what it holds filled in, keeping its id", async () => {
    fakeBackend({
      ...noRequests,
      vendor_list: ({ query }) => page([hanbit], query),
      vendor_get: () => hanbit,
      file_state: () => "here",
      vendor_edit: ({ input }) => ({ ...hanbit, notes: input.notes }),
    });
    renderWithProviders(
      <PurchasingScreen
        opening={{ kind: "vendor", id: hanbit.id, record: `vendor/${hanbit.id}` }}
      />,
    );
    fireEvent.click(await screen.findByTestId("vendor-edit"));
    const dialog = await screen.findByTestId("vendor-dialog");
    expect(dialog.textContent).toContain("공급업체 수정");
    expect(
      (within(dialog).getByTestId("vendor-field-business_number") as HTMLInputElement).value,
    ).toBe("220-81-62517");
    expect((within(dialog).getByTestId("vendor-field-categories") as HTMLInputElement).value).toBe(
      "server, network",
    );
    expect(within(dialog).getAllByTestId("vendor-contact-row")).toHaveLength(2);
    fireEvent.change(within(dialog).getByTestId("vendor-field-notes"), {
      target: { value: "연간 계약으로 변경" },
    });
    fireEvent.click(within(dialog).getByTestId("vendor-save"));
    await waitFor(() => expect(screen.queryByTestId("vendor-dialog")).toBeNull());
    const [edit] = callsOf("vendor_edit");
    expect(edit!.id).toBe(hanbit.id);
    expect(edit!.input.notes).toBe("연간 계약으로 변경");
    expect(edit!.input.contacts).toHaveLength(2);
    expect(edit!.input.categories).toEqual(["server", "network"]);
  });
});
