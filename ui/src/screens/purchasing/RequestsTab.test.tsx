import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import type { RequestRow } from "../../bindings/RequestRow";
import type { RequestView } from "../../bindings/RequestView";
import type { Status } from "../../bindings/Status";
import { call, CommandError } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { emitEvent } from "../../test/ipcMock";
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
  line: {
    rule: "5천만 원 이하",
    steps: [
      {
        kind: "review",
        approvers: [
          {
            person: { who: "seoyeon", name: "이서연" },
            substitute: null,
            substitute_from: "",
            substitute_until: "",
          },
        ],
      },
    ],
    cc: [],
    delegated: false,
    return_to: 0,
    for_krw: 48_000_000,
  },
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

function view(status: Status): RequestView {
  return {
    request,
    status,
    total_krw: 48_000_000,
    step: 0,
    waiting_on: status === "in_review" ? [{ who: "seoyeon", name: "이서연" }] : [],
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

const numbers = {
  budget: "01B1",
  title: "2027 인프라 증설",
  policy: "warn" as const,
  amount_krw: 50_000_000,
  committed_krw: 10_000_000,
  spent_krw: 0,
  available_krw: 40_000_000,
  request_krw: 48_000_000,
  available_after_krw: -8_000_000,
};

describe("<PurchasingScreen/> requests", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("comes first, says what to do with no requests, and lists them with their status", async () => {
    let rows: RequestRow[] = [];
    fakeBackend({ purchase_page: () => ({ rows, total: rows.length }) });
    const view = renderWithProviders(<PurchasingScreen />);
    expect((await screen.findByTestId("requests-empty")).textContent).toContain(
      "아직 구매 요청이 없습니다",
    );
    view.unmount();
    rows = [row("in_review")];
    renderWithProviders(<PurchasingScreen />);
    await waitFor(() => expect(screen.getAllByTestId("request-row")).toHaveLength(1));
    const first = screen.getByTestId("request-row");
    expect(first.textContent).toContain("PR-20270115-7Q2F");
    expect(first.textContent).toContain("A동 증설 서버");
    expect(first.textContent).toContain("결재 중");
    expect(first.textContent).toContain("48,000,000 KRW");
    fireEvent.click(screen.getByTestId("request-filter-mine"));
    await waitFor(() => expect(callsOf("purchase_page").at(-1)?.query.waiting_for_me).toBe(true));
  });

  it("refuses a line with quantity 0 under the line, then saves the draft and opens it", async () => {
    let created = false;
    fakeBackend({
      purchase_page: () => ({ rows: created ? [row("draft")] : [], total: created ? 1 : 0 }),
      budget_list: () => ({ uses: [], years: [] }),
      purchase_create: ({ input }) => {
        if (input.lines[0]!.quantity === "0") {
          throw new CommandError("purchase_create", "invalid", "refused", {
            problems: [
              { field: "lines.0.quantity", code: "zero_quantity", value: "0", message: "" },
            ],
          });
        }
        created = true;
        return view("draft");
      },
      purchase_get: () => view("draft"),
    });
    renderWithProviders(<PurchasingScreen />);
    await screen.findByTestId("requests-empty");
    // N opens a new request on this tab.
    fireEvent.keyDown(window, { key: "n" });
    const dialog = await screen.findByTestId("request-dialog");
    fireEvent.change(within(dialog).getByTestId("request-field-title"), {
      target: { value: "A동 증설 서버" },
    });
    fireEvent.change(within(dialog).getByTestId("request-line-description"), {
      target: { value: "1U 서버" },
    });
    fireEvent.change(within(dialog).getByTestId("request-line-quantity"), {
      target: { value: "0" },
    });
    fireEvent.click(within(dialog).getByTestId("request-save"));
    expect((await within(dialog).findByTestId("request-line-error")).textContent).toContain(
      "1 이상이어야 합니다: 0",
    );
    fireEvent.change(within(dialog).getByTestId("request-line-quantity"), {
      target: { value: "4" },
    });
    fireEvent.change(within(dialog).getByTestId("request-line-unit_price"), {
      target: { value: "12,000,000" },
    });
    fireEvent.click(within(dialog).getByTestId("request-save"));
    await waitFor(() => expect(screen.queryByTestId("request-dialog")).toBeNull());
    const input = callsOf("purchase_create").at(-1)!.input;
    expect(input.title).toBe("A동 증설 서버");
    expect(input.lines).toEqual([
      {
        key: "",
        description: "1U 서버",
        kind: "hardware",
        manufacturer: "",
        part_number: "",
        device_type: "",
        quantity: "4",
        unit: "",
        unit_price: "12,000,000",
        currency: "KRW",
      },
    ]);
    expect((await screen.findByTestId("request-detail")).dataset.status).toBe("draft");
  });

  it("opens a quoted request with its reads started together, 200 lines windowed and the list narrowed beside it", async () => {
    // The request's own read answers only when the test says; the comparison's, too.
    const answers: { get?: () => void; comparison?: () => void } = {};
    const lines: PurchaseRequest["lines"] = {};
    for (let n = 0; n < 200; n++) {
      lines[`l${n}`] = { ...request.lines.a!, position: n, description: `서버 부품 ${n + 1}` };
    }
    const quoted: RequestView = {
      ...view("quotes_requested"),
      request: {
        ...request,
        lines,
        rfqs: {
          V1: { sent_on: "2027-01-16", reply_by: "2027-01-30", by: request.requester, at_ms: 1 },
        },
      },
    };
    fakeBackend({
      purchase_page: () => ({ rows: [row("quotes_requested")], total: 1 }),
      purchase_get: () => new Promise((resolve) => (answers.get = () => resolve(quoted))),
      vendor_list: () => ({ rows: [], total: 0, all: 0, categories: [] }),
      purchase_comparison: () =>
        new Promise(
          (resolve) =>
            (answers.comparison = () =>
              resolve({
                request: request.id,
                number: request.number,
                title: request.title,
                status: "quotes_requested",
                vendors: [],
                lines: [],
                selection_reason: "",
              })),
        ),
    });
    renderWithProviders(<PurchasingScreen />);
    const table = await screen.findByTestId("request-table");
    await waitFor(() => expect(within(table).getAllByRole("columnheader")).toHaveLength(6));
    fireEvent.click(screen.getByTestId("request-row"));
    // Asked together as the row is opened, before the request itself has answered.
    expect(callsOf("purchase_get")).toEqual([{ id: request.id }]);
    expect(callsOf("purchase_comparison").map((args) => args.id)).toEqual([request.id]);
    expect(callsOf("vendor_list")).toHaveLength(1);
    // Beside the detail the list keeps number, title and status.
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((header) => header.textContent),
    ).toEqual(["요청 번호", "제목", "상태"]);
    // The detail is drawn once, with its comparison: not while only the request is in.
    answers.get!();
    await waitFor(() => expect(answers.comparison).toBeDefined());
    await act(async () => undefined);
    expect(screen.queryByTestId("request-detail")).toBeNull();
    answers.comparison!();
    const detail = await screen.findByTestId("request-detail");
    expect(within(detail).getByTestId("procurement")).toBeTruthy();
    // 200 lines, only those in view drawn.
    const grid = within(detail).getByTestId("request-detail-line-grid");
    expect(grid.getAttribute("aria-rowcount")).toBe("201");
    const drawn = within(grid).getAllByTestId("request-detail-line");
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(20);
    expect(drawn[0]!.textContent).toContain("서버 부품 1");
    expect(callsOf("purchase_get")).toHaveLength(1);
    expect(callsOf("purchase_comparison")).toHaveLength(1);
  });

  it("keeps an approved request's detail on screen while its first comparison is read after the RFQ", async () => {
    const asked: RequestView = {
      ...view("quotes_requested"),
      request: {
        ...request,
        rfqs: {
          V1: { sent_on: "2027-01-16", reply_by: "2027-01-30", by: request.requester, at_ms: 1 },
        },
      },
    };
    let current = view("approved");
    fakeBackend({
      purchase_page: () => ({ rows: [row(current.status)], total: 1 }),
      purchase_get: () => current,
      vendor_list: () => ({ rows: [], total: 0, all: 0, categories: [] }),
      // Never answers: the detail must not wait for it once it is drawn.
      purchase_comparison: () => new Promise(() => undefined),
    });
    renderWithProviders(
      <PurchasingScreen opening={{ kind: "purchase", id: request.id, record: "purchase/01R1" }} />,
    );
    expect((await screen.findByTestId("request-detail")).dataset.status).toBe("approved");
    current = asked;
    act(() => emitEvent("workspace_changed", { workspace_id: "W1" }));
    await waitFor(() => expect(callsOf("purchase_comparison")).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByTestId("request-detail").dataset.status).toBe("quotes_requested"),
    );
    expect(screen.getByTestId("procurement")).toBeTruthy();
  });

  it("submits a draft and shows the budget's warning with its numbers", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [row("draft")], total: 1 }),
      purchase_get: () => view("draft"),
      purchase_submit: () => ({
        request: view("in_review"),
        budget: { outcome: "warned", numbers },
      }),
    });
    renderWithProviders(
      <PurchasingScreen opening={{ kind: "purchase", id: request.id, record: "purchase/01R1" }} />,
    );
    const detail = await screen.findByTestId("request-detail");
    expect(detail.textContent).toContain("1U 서버");
    // The line's quantity and unit price, each in its column of the lines grid.
    const line = within(detail).getByTestId("request-detail-line");
    expect([...line.querySelectorAll(".grid-cell")].map((cell) => cell.textContent)).toEqual([
      "1U 서버",
      "4 대",
      "12,000,000 KRW",
      "하드웨어",
      "Dell R660",
    ]);
    expect(detail.textContent).toContain("2027 인프라 증설");
    fireEvent.click(within(detail).getByTestId("request-submit"));
    const outcome = await within(detail).findByTestId("request-budget-outcome");
    expect(outcome.dataset.outcome).toBe("warned");
    expect(outcome.textContent).toContain("잔액 40,000,000 KRW");
    expect(outcome.textContent).toContain("요청 후 -8,000,000 KRW");
    expect(callsOf("purchase_submit")[0]!.id).toBe(request.id);
  });

  it("shows the approver the budget's numbers before the decision", async () => {
    fakeBackend({
      purchase_page: () => ({ rows: [row("in_review")], total: 1 }),
      purchase_get: () => ({ ...view("in_review"), budget: { outcome: "warned", numbers } }),
    });
    renderWithProviders(
      <PurchasingScreen opening={{ kind: "purchase", id: request.id, record: "purchase/01R1" }} />,
    );
    const detail = await screen.findByTestId("request-detail");
    const outcome = await within(detail).findByTestId("request-budget-outcome");
    expect(outcome.dataset.outcome).toBe("warned");
    expect(outcome.textContent).toContain("요청 후 -8,000,000 KRW");
    expect(callsOf("purchase_decide")).toHaveLength(0);
  });

  it("approves with a comment, and shows why a decision was refused", async () => {
    let refuse = true;
    fakeBackend({
      purchase_page: () => ({ rows: [row("in_review")], total: 1 }),
      purchase_get: () => view("in_review"),
      purchase_decide: () => {
        if (refuse) {
          throw new CommandError("purchase_decide", "invalid", "refused", {
            problems: [{ field: "", code: "not_your_turn", value: "", message: "" }],
          });
        }
        return { request: view("approved"), budget: null };
      },
    });
    renderWithProviders(
      <PurchasingScreen opening={{ kind: "purchase", id: request.id, record: "purchase/01R1" }} />,
    );
    const detail = await screen.findByTestId("request-detail");
    expect(within(detail).getByTestId("request-waiting-on").textContent).toBe("이서연");
    expect(within(detail).getByTestId("request-approval-line").textContent).toContain("검토");
    fireEvent.click(within(detail).getByTestId("request-approve"));
    expect((await within(detail).findByTestId("request-action-problems")).textContent).toContain(
      "지금은 내 결재 차례가 아닙니다",
    );
    refuse = false;
    fireEvent.change(within(detail).getByTestId("request-comment"), {
      target: { value: "예산 내 확인" },
    });
    fireEvent.click(within(detail).getByTestId("request-approve"));
    await waitFor(() => expect(callsOf("purchase_decide")).toHaveLength(2));
    expect(callsOf("purchase_decide")[1]).toMatchObject({
      id: request.id,
      verdict: "approve",
      comment: "예산 내 확인",
    });
    await waitFor(() => expect(screen.queryByTestId("request-action-problems")).toBeNull());
  });
});
