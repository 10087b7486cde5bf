import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import type { RequestRow } from "../../bindings/RequestRow";
import type { RequestView } from "../../bindings/RequestView";
import type { Status } from "../../bindings/Status";
import { call, CommandError } from "../../ipc";
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

describe("<PurchasingScreen/> request lines, edit, copy, cancel, questions", () => {
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

  const opening = { kind: "purchase", id: request.id, record: "purchase/01R1" } as const;

  it("edits a request in review in the dialog, prefilled, keeping its line keys", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [row("in_review")], total: 1 }),
      purchase_get: () => view("in_review"),
      budget_list: () => ({ uses: [], years: [] }),
      purchase_edit: () => view("in_review"),
    });
    renderWithProviders(<PurchasingScreen opening={opening} />);
    const detail = await screen.findByTestId("request-detail");
    fireEvent.click(within(detail).getByTestId("request-edit"));
    const dialog = await screen.findByTestId("request-dialog");
    expect(dialog.textContent).toContain("PR-20270115-7Q2F 수정");
    const value = (testId: string) =>
      (within(dialog).getByTestId(testId) as HTMLInputElement).value;
    expect(value("request-field-title")).toBe("A동 증설 서버");
    expect(value("request-line-manufacturer")).toBe("Dell");
    expect(value("request-line-part_number")).toBe("R660");
    expect(value("request-line-unit_price")).toBe("12,000,000");
    fireEvent.change(within(dialog).getByTestId("request-line-quantity"), {
      target: { value: "6" },
    });
    fireEvent.click(within(dialog).getByTestId("request-save"));
    await waitFor(() => expect(screen.queryByTestId("request-dialog")).toBeNull());
    const sent = callsOf("purchase_edit")[0]!;
    expect(sent.id).toBe(request.id);
    expect(sent.input.title).toBe("A동 증설 서버");
    expect(sent.input.budget).toBe("01B1");
    expect(sent.input.lines).toEqual([
      {
        key: "a",
        description: "1U 서버",
        kind: "hardware",
        manufacturer: "Dell",
        part_number: "R660",
        device_type: "",
        quantity: "6",
        unit: "대",
        unit_price: "12,000,000",
        currency: "KRW",
      },
    ]);
  });

  it("offers no edit once ordered, and copies a request into a new draft it opens", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [row("ordered")], total: 1 }),
      purchase_get: ({ id }) =>
        id === "01R2"
          ? view("draft", { id: "01R2", number: "PR-20271201-9ZZZ", copied_from: request.id })
          : view("ordered"),
      purchase_copy: () =>
        view("draft", { id: "01R2", number: "PR-20271201-9ZZZ", copied_from: request.id }),
    });
    renderWithProviders(<PurchasingScreen opening={opening} />);
    const detail = await screen.findByTestId("request-detail");
    expect(within(detail).queryByTestId("request-edit")).toBeNull();
    fireEvent.click(within(detail).getByTestId("request-copy"));
    await waitFor(() =>
      expect(screen.getByTestId("request-detail").dataset.number).toBe("PR-20271201-9ZZZ"),
    );
    expect(callsOf("purchase_copy")[0]!.id).toBe(request.id);
    expect(screen.getByTestId("request-detail").dataset.status).toBe("draft");
  });

  it("cancels only with a reason, shown under the field when missing", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [row("approved")], total: 1 }),
      purchase_get: () => view("approved"),
      purchase_cancel: ({ reason }) => {
        if (reason.trim() === "") {
          throw new CommandError("purchase_cancel", "invalid", "refused", {
            problems: [{ field: "reason", code: "required", value: "", message: "" }],
          });
        }
        return view("cancelled", {
          cancelled: { k: { by: { who: "minjun", name: "김민준" }, at_ms: 1, reason } },
        });
      },
    });
    renderWithProviders(<PurchasingScreen opening={opening} />);
    const detail = await screen.findByTestId("request-detail");
    fireEvent.click(within(detail).getByTestId("request-cancel"));
    const dialog = await screen.findByTestId("request-cancel-dialog");
    fireEvent.click(within(dialog).getByTestId("request-cancel-confirm"));
    expect(await within(dialog).findByText("필수 항목입니다.")).toBeTruthy();
    fireEvent.change(within(dialog).getByTestId("request-cancel-reason"), {
      target: { value: "프로젝트 보류" },
    });
    fireEvent.click(within(dialog).getByTestId("request-cancel-confirm"));
    await waitFor(() => expect(screen.queryByTestId("request-cancel-dialog")).toBeNull());
    expect(callsOf("purchase_cancel").at(-1)).toEqual({ id: request.id, reason: "프로젝트 보류" });
  });

  it("lists questions in time order with their answers, asks and answers", async () => {
    const by = (name: string) => ({ who: name, name });
    fakeBackend({
      purchase_page: () => ({ rows: [row("in_review")], total: 1 }),
      purchase_get: () =>
        view("in_review", {
          messages: {
            q2: { by: by("박지훈"), at_ms: 3_000, text: "납기 확인?", answers: null },
            a1: { by: by("김민준"), at_ms: 2_000, text: "네, 4대입니다.", answers: "q1" },
            q1: { by: by("이서연"), at_ms: 1_000, text: "수량이 4대 맞나요?", answers: null },
          },
        }),
      purchase_ask: () => view("in_review"),
    });
    renderWithProviders(<PurchasingScreen opening={opening} />);
    const detail = await screen.findByTestId("request-detail");
    const questions = within(detail).getAllByTestId("request-question");
    expect(questions.map((q) => q.querySelector(".request-message-text")?.textContent)).toEqual([
      "수량이 4대 맞나요?",
      "납기 확인?",
    ]);
    expect(within(questions[0]!).getByTestId("request-answer").textContent).toContain(
      "네, 4대입니다.",
    );
    expect(within(questions[1]!).queryByTestId("request-answer")).toBeNull();
    fireEvent.change(within(detail).getByTestId("request-ask-text"), {
      target: { value: "설치 일정은?" },
    });
    fireEvent.click(within(detail).getByTestId("request-ask-send"));
    await waitFor(() => expect(callsOf("purchase_ask")).toHaveLength(1));
    expect(callsOf("purchase_ask")[0]).toEqual({
      id: request.id,
      text: "설치 일정은?",
      answers: null,
    });
    fireEvent.click(within(questions[1]!).getByTestId("request-answer-open"));
    fireEvent.change(within(questions[1]!).getByTestId("request-answer-compose-text"), {
      target: { value: "3월 1일입니다." },
    });
    fireEvent.click(within(questions[1]!).getByTestId("request-answer-compose-send"));
    await waitFor(() => expect(callsOf("purchase_ask")).toHaveLength(2));
    expect(callsOf("purchase_ask")[1]).toEqual({
      id: request.id,
      text: "3월 1일입니다.",
      answers: "q2",
    });
  });
});
