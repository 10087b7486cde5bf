import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import type { RequestRow } from "../../bindings/RequestRow";
import type { RequestView } from "../../bindings/RequestView";
import type { Status } from "../../bindings/Status";
import { call } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { PurchasingScreen } from "./PurchasingScreen";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const request: PurchaseRequest = {
  id: "01R1",
  number: "PR-20270115-7Q2F",
  title: "A동 증설 서버",
  requester: { who: "minjun", name: "김민준" },
  department: "인프라팀",
  needed_by: "2027-03-01",
  justification: "3층 전산실 증설",
  budget: "01B1",
  rates: {},
  lines: {
    a: {
      position: 0,
      description: "1U 서버",
      kind: "hardware",
      manufacturer: "Dell",
      part_number: "R660",
      device_type: "",
      quantity: 4,
      unit: "대",
      unit_price_minor: 12_000_000,
      currency: "KRW",
    },
  },
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

function view(status: Status, changes: Partial<PurchaseRequest> = {}): RequestView {
  return {
    request: { ...request, ...changes },
    status,
    total_krw: 48_000_000,
    step: 0,
    waiting_on: [],
    budget_title: "2027 인프라 증설",
  };
}

function row(status: Status): RequestRow {
  return {
    id: request.id,
    number: request.number,
    title: request.title,
    requester: "김민준",
    department: "인프라팀",
    status,
    total_krw: 48_000_000,
    needed_by: "2027-03-01",
    budget: "01B1",
    lines: 1,
    kinds: ["hardware"],
    vendors: [],
    created_at_ms: 0,
    waiting: [],
  };
}

describe("<PurchasingScreen/> request lines", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("sends each line's kind, manufacturer, part number, unit and currency", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [], total: 0 }),
      budget_list: () => ({ uses: [], years: [] }),
      purchase_create: () => view("draft"),
      purchase_get: () => view("draft"),
    });
    renderWithProviders(<PurchasingScreen />);
    await screen.findByTestId("requests-empty");
    fireEvent.keyDown(window, { key: "n" });
    const dialog = await screen.findByTestId("request-dialog");
    const set = (testId: string, value: string) =>
      fireEvent.change(within(dialog).getByTestId(testId), { target: { value } });
    set("request-field-title", "백업 라이선스");
    set("request-line-description", "백업 에이전트");
    set("request-line-kind", "licence");
    set("request-line-manufacturer", "Veeam");
    set("request-line-part_number", "V-VBRVUL-0I-SU1YP-00");
    set("request-line-quantity", "10");
    set("request-line-unit", "개");
    set("request-line-unit_price", "450.50");
    set("request-line-currency", "USD");
    fireEvent.click(within(dialog).getByTestId("request-save"));
    await waitFor(() => expect(callsOf("purchase_create")).toHaveLength(1));
    expect(callsOf("purchase_create")[0]!.input.lines).toEqual([
      {
        key: "",
        description: "백업 에이전트",
        kind: "licence",
        manufacturer: "Veeam",
        part_number: "V-VBRVUL-0I-SU1YP-00",
        device_type: "",
        quantity: "10",
        unit: "개",
        unit_price: "450.50",
        currency: "USD",
      },
    ]);
  });
});
