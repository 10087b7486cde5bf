import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Comparison } from "../../../bindings/Comparison";
import type { OrderMatch } from "../../../bindings/OrderMatch";
import type { PurchaseRequest } from "../../../bindings/PurchaseRequest";
import type { RequestView } from "../../../bindings/RequestView";
import type { Status } from "../../../bindings/Status";
import type { Vendor } from "../../../bindings/Vendor";
import { call, CommandError, upload } from "../../../ipc";
import { callsOf, fakeBackend } from "../../../test/backend";
import { withNavigation } from "../../../test/navigation";
import { renderWithProviders } from "../../../test/render";
import { AssetPurchaseItems } from "./AssetPurchaseItems";
import { MatchTable } from "./MatchTable";
import { ComparisonGrid } from "./ComparisonGrid";
import { OrderDialog } from "./OrderDialog";
import { nextAction, Procurement } from "./Procurement";
import { QuoteDialog } from "./QuoteDialog";
import { ReceiveDialog } from "./ReceiveDialog";
import { SelectDialog } from "./SelectDialog";

vi.mock("../../../ipc", async (importOriginal) => ({
  ...(await (await import("../../../test/ipcMock")).mockedIpc(importOriginal as never)),
  upload: vi.fn(),
}));

const person = { who: "김민준", name: "김민준" };

function vendor(id: string, name: string): Vendor {
  return {
    id,
    name,
    business_number: "220-81-62517",
    contacts: {},
    categories: [],
    notes: "",
    files: {},
  };
}

const vendors = [
  vendor("V1", "(주)한빛시스템"),
  vendor("V2", "누리네트웍스"),
  vendor("V3", "대성정보"),
];

function request(change: Partial<PurchaseRequest> = {}): PurchaseRequest {
  return {
    id: "01PR",
    number: "PR-20261207-7Q2F",
    title: "2027 서버 증설",
    requester: person,
    department: "인프라팀",
    needed_by: "2027-01-31",
    justification: "",
    budget: "",
    rates: {},
    lines: {
      l1: {
        position: 0,
        description: "1U 서버",
        kind: "hardware",
        manufacturer: "Dell",
        part_number: "R660",
        device_type: "",
        quantity: 2,
        unit: "EA",
        unit_price_minor: 9_000_000,
        currency: "KRW",
      },
      l2: {
        position: 1,
        description: "설치 용역",
        kind: "service",
        manufacturer: "",
        part_number: "",
        device_type: "",
        quantity: 1,
        unit: "식",
        unit_price_minor: 1_000_000,
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
    ...change,
  };
}

function view(status: Status, change: Partial<PurchaseRequest> = {}): RequestView {
  return {
    request: request(change),
    status,
    total_krw: 19_000_000,
    step: 0,
    waiting_on: [],
    budget_title: "",
  };
}

const rfq = { sent_on: "2026-12-07", reply_by: "2026-12-14", by: person, at_ms: 1 };

/** Three vendors: 한빛 cheapest on the server, 누리 cheapest on the service and overall
 * lowest (19,300,000 vs 19,500,000), 대성 did not reply. */
const comparison: Comparison = {
  request: "01PR",
  number: "PR-20261207-7Q2F",
  title: "2027 서버 증설",
  status: "quotes_requested",
  vendors: [
    {
      vendor: "V1",
      name: "(주)한빛시스템",
      business_number: "220-81-62517",
      reply_by: "2026-12-14",
      quoted: true,
      currency: "KRW",
      rate: 10_000,
      total_minor: 19_500_000,
      total_krw: 19_500_000,
      missing: [],
      lowest_total: false,
      best_lines: 1,
      received_on: "2026-12-08",
      lead_time_days: 14,
      warranty_months: 36,
      valid_until: "2027-01-07",
      payment_terms: "납품 후 30일",
      notes: "",
      file: null,
      file_name: "",
      score: 87.5,
    },
    {
      vendor: "V2",
      name: "누리네트웍스",
      business_number: "124-81-00998",
      reply_by: "2026-12-14",
      quoted: true,
      currency: "KRW",
      rate: 10_000,
      total_minor: 19_300_000,
      total_krw: 19_300_000,
      missing: [],
      lowest_total: true,
      best_lines: 1,
      received_on: "2026-12-09",
      lead_time_days: 21,
      warranty_months: 24,
      valid_until: "",
      payment_terms: "",
      notes: "",
      file: null,
      file_name: "",
      score: null,
    },
    {
      vendor: "V3",
      name: "대성정보",
      business_number: "",
      reply_by: "2026-12-14",
      quoted: false,
      currency: "KRW",
      rate: 10_000,
      total_minor: 0,
      total_krw: 0,
      missing: [],
      lowest_total: false,
      best_lines: 0,
      received_on: "",
      lead_time_days: 0,
      warranty_months: 0,
      valid_until: "",
      payment_terms: "",
      notes: "",
      file: null,
      file_name: "",
      score: null,
    },
  ],
  lines: [
    {
      key: "l1",
      description: "1U 서버",
      manufacturer: "Dell",
      part_number: "R660",
      quantity: 2,
      unit: "EA",
      cells: [
        {
          unit_minor: 9_000_000,
          total_minor: 18_000_000,
          unit_krw: 9_000_000,
          total_krw: 18_000_000,
          best: true,
        },
        {
          unit_minor: 9_100_000,
          total_minor: 18_200_000,
          unit_krw: 9_100_000,
          total_krw: 18_200_000,
          best: false,
        },
        null,
      ],
      selected: null,
    },
    {
      key: "l2",
      description: "설치 용역",
      manufacturer: "",
      part_number: "",
      quantity: 1,
      unit: "식",
      cells: [
        {
          unit_minor: 1_500_000,
          total_minor: 1_500_000,
          unit_krw: 1_500_000,
          total_krw: 1_500_000,
          best: false,
        },
        {
          unit_minor: 1_100_000,
          total_minor: 1_100_000,
          unit_krw: 1_100_000,
          total_krw: 1_100_000,
          best: true,
        },
        null,
      ],
      selected: null,
    },
  ],
  selection_reason: "",
};

beforeEach(() => {
  vi.mocked(call).mockReset();
});

describe("<ComparisonGrid/>", () => {
  it("puts vendors in columns and lines in rows, marks each line's best price and the lowest total", () => {
    renderWithProviders(<ComparisonGrid comparison={comparison} />);
    const grid = screen.getByRole("grid");
    const headers = within(grid)
      .getAllByTestId("cmp-vendor")
      .map((th) => th.dataset.vendor);
    expect(headers).toEqual(["(주)한빛시스템", "누리네트웍스", "대성정보"]);
    const rows = within(grid)
      .getAllByTestId("cmp-line")
      .map((line) => line.dataset.line);
    expect(rows).toEqual(["l1", "l2"]);

    const best = within(grid)
      .getAllByTestId("cmp-cell")
      .filter((cell) => cell.dataset.best === "true")
      .map((cell) => `${cell.dataset.line}:${cell.dataset.vendor}`);
    expect(best).toEqual(["l1:(주)한빛시스템", "l2:누리네트웍스"]);
    const server = within(grid)
      .getAllByTestId("cmp-cell")
      .find((cell) => cell.dataset.line === "l1" && cell.dataset.vendor === "(주)한빛시스템");
    expect(server?.textContent).toContain("9,000,000");
    expect(server?.textContent).toContain("18,000,000");
    expect(server?.textContent).toContain("★ 최저가");

    const totals = within(grid).getAllByTestId("cmp-total");
    expect(totals.map((total) => total.textContent)).toEqual([
      "19,500,000 KRW",
      "19,300,000 KRW★ 최저 합계",
      "미회신",
    ]);
    expect(
      totals.filter((total) => total.dataset.lowest === "true").map((t) => t.dataset.vendor),
    ).toEqual(["누리네트웍스"]);
    // Lead time, warranty and score per vendor; a vendor without orders has no score.
    expect(grid.textContent).toContain("14일");
    expect(grid.textContent).toContain("36개월");
    expect(within(grid).getByTestId("cmp-score").textContent).toBe("87.5");
    expect(grid.textContent).toContain("실적 없음");
  });

  it("moves between cells with the arrow keys, one cell in the Tab order", () => {
    renderWithProviders(<ComparisonGrid comparison={comparison} />);
    const grid = screen.getByRole("grid");
    const tabbable = () => grid.querySelectorAll('[tabindex="0"]');
    expect(tabbable()).toHaveLength(1);
    const first = grid.querySelector<HTMLElement>('[data-cell="0:0"]');
    first?.focus();
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    expect(document.activeElement?.getAttribute("data-cell")).toBe("1:1");
    expect(document.activeElement?.textContent).toContain("9,000,000");
    fireEvent.keyDown(grid, { key: "End" });
    expect(document.activeElement?.getAttribute("data-cell")).toBe("1:3");
    fireEvent.keyDown(grid, { key: "ArrowRight" });
    expect(document.activeElement?.getAttribute("data-cell")).toBe("1:3");
    fireEvent.keyDown(grid, { key: "Home" });
    expect(document.activeElement?.getAttribute("data-cell")).toBe("1:0");
    expect(tabbable()).toHaveLength(1);
  });
});

function ordered(change: Partial<PurchaseRequest> = {}): RequestView {
  return view("ordered", {
    rfqs: { V1: rfq },
    orders: {
      o1: {
        vendor: "V1",
        number: "PO-2026-7Q2F-1",
        ordered_on: "2026-12-07",
        currency: "KRW",
        lines: {
          l1: { quantity: 2, unit_price_minor: 9_000_000, promised_on: "2026-12-21" },
          l2: { quantity: 1, unit_price_minor: 1_500_000, promised_on: "2026-12-21" },
        },
        invoice_minor: null,
        invoice_ref: "",
        by: person,
        at_ms: 2,
      },
    },
    ...change,
  });
}

function scanIn(serial: string) {
  const field = screen.getByTestId("receive-scan-input");
  fireEvent.change(field, { target: { value: serial } });
  fireEvent.keyDown(field, { key: "Enter" });
}

describe("<ReceiveDialog/> scan field", () => {
  it("lists each serial, refuses a duplicate on the spot and one more than ordered, and counts per line", async () => {
    fakeBackend({
      purchase_receive: () => ({ request: request(), receipt: "r1", assets: [] }),
    });
    renderWithProviders(<ReceiveDialog view={ordered()} order="o1" onClose={() => undefined} />);
    const accepted = () =>
      screen.getAllByTestId("receive-accepted").find((cell) => cell.dataset.line === "l1")
        ?.textContent;

    scanIn("CN7XK2301");
    expect(screen.getByTestId("receive-scan-answer").dataset.result).toBe("added");
    expect(screen.getByTestId("receive-scan-answer").textContent).toBe(
      "CN7XK2301 추가 (1U 서버 1/2)",
    );
    expect(accepted()).toBe("1");
    // The field is empty again and keeps the focus for the next scan.
    expect((screen.getByTestId("receive-scan-input") as HTMLInputElement).value).toBe("");

    scanIn(" cn7xk2301 ");
    const answer = screen.getByTestId("receive-scan-answer");
    expect(answer.dataset.result).toBe("duplicate");
    expect(answer.getAttribute("role")).toBe("alert");
    expect(answer.textContent).toBe(
      "cn7xk2301은 이미 스캔했습니다. 같은 시리얼은 한 번만 받습니다.",
    );
    expect(accepted()).toBe("1");
    expect(screen.getAllByTestId("receive-serial").map((li) => li.dataset.serial)).toEqual([
      "CN7XK2301",
    ]);

    scanIn("CN7XK2302");
    expect(accepted()).toBe("2");
    scanIn("CN7XK2303");
    expect(screen.getByTestId("receive-scan-answer").dataset.result).toBe("full");
    expect(screen.getByTestId("receive-scan-answer").textContent).toBe(
      "1U 서버는 발주 수량 2개를 모두 받았습니다. 더 받을 수 없습니다.",
    );
    expect(accepted()).toBe("2");

    // The service line by count, one rejected there.
    fireEvent.change(screen.getByTestId("receive-counted"), { target: { value: "1" } });
    const rejected = screen
      .getAllByTestId("receive-rejected")
      .find((input) => input.dataset.line === "l2");
    fireEvent.change(rejected as HTMLElement, { target: { value: "1" } });
    expect(screen.getByTestId("receive-counts").textContent).toBe("합격 3 · 불합격 1");

    fireEvent.click(screen.getByTestId("receive-save"));
    await waitFor(() => expect(callsOf("purchase_receive")).toHaveLength(1));
    expect(callsOf("purchase_receive")[0]).toMatchObject({
      id: "01PR",
      order: "o1",
      input: {
        lines: [
          { line: "l1", accepted: null, rejected: 0, serials: ["CN7XK2301", "CN7XK2302"] },
          { line: "l2", accepted: 1, rejected: 1, serials: [] },
        ],
      },
    });
  });

  it("counts what earlier receipts accepted and shows the register's refusal with the serial", async () => {
    fakeBackend({
      purchase_receive: () => {
        throw new CommandError("purchase_receive", "invalid", "refused", {
          problems: [
            {
              field: "lines.0.serials.0",
              code: "serial_registered",
              value: "CN7XK2309",
              detail: { asset: "PT1-SRV-0001" },
              message: "serial 'CN7XK2309' is already in the register",
            },
          ],
        });
      },
    });
    const earlier = ordered({
      receipts: {
        r0: {
          order: "o1",
          received_on: "2026-12-08",
          lines: { l1: { accepted: 1, rejected: 0, serials: ["CN7XK2300"], assets: ["A0"] } },
          note: "",
          by: person,
          at_ms: 3,
        },
      },
    });
    renderWithProviders(<ReceiveDialog view={earlier} order="o1" onClose={() => undefined} />);
    scanIn("CN7XK2309");
    expect(screen.getByTestId("receive-scan-answer").textContent).toBe(
      "CN7XK2309 추가 (1U 서버 2/2)",
    );
    scanIn("CN7XK2310");
    expect(screen.getByTestId("receive-scan-answer").dataset.result).toBe("full");
    fireEvent.click(screen.getByTestId("receive-save"));
    await waitFor(() =>
      expect(screen.getByTestId("receive-problems").textContent).toBe(
        "1U 서버: 시리얼 CN7XK2309는 이미 자산 PT1-SRV-0001로 등록되어 있습니다",
      ),
    );
    // Refused: the dialog stays with what was scanned.
    expect(screen.getAllByTestId("receive-serial").map((li) => li.dataset.serial)).toEqual([
      "CN7XK2309",
    ]);
  });
});

describe("<Procurement/> next action", () => {
  it("names the next action for every status", () => {
    const expected: Record<Status, ReturnType<typeof nextAction>> = {
      draft: null,
      submitted: null,
      in_review: null,
      changes_requested: null,
      rejected: null,
      cancelled: null,
      approved: "rfq",
      quotes_requested: "quotes",
      vendor_selected: "order",
      ordered: "receive",
      partly_received: "receive",
      received: "complete",
      completed: "done",
    };
    for (const [status, action] of Object.entries(expected)) {
      expect([status, nextAction(status as Status)]).toEqual([status, action]);
    }
  });

  const page = { rows: vendors, total: 3, all: 3, categories: [] };

  it("shows nothing before approval", () => {
    fakeBackend({});
    const { container } = renderWithProviders(<Procurement view={view("in_review")} />);
    expect(container.querySelector('[data-testid="procurement"]')).toBeNull();
  });

  it("offers the RFQ once approved, and asks the vendors picked with the reply-by date", async () => {
    fakeBackend({
      vendor_list: () => page,
      purchase_rfq: () => view("quotes_requested"),
    });
    renderWithProviders(<Procurement view={view("approved")} />);
    expect(screen.getByTestId("proc-next").dataset.action).toBe("rfq");
    expect(screen.getByTestId("proc-next").textContent).toContain("여러 업체에 견적을 요청하세요");
    fireEvent.click(screen.getByTestId("proc-rfq-open"));
    const dialog = await screen.findByTestId("rfq-dialog");
    await waitFor(() => expect(within(dialog).getAllByTestId("rfq-vendor")).toHaveLength(3));
    for (const pick of within(dialog).getAllByTestId("rfq-vendor")) {
      fireEvent.click(within(pick).getByRole("checkbox"));
    }
    fireEvent.change(within(dialog).getByTestId("rfq-reply-by"), {
      target: { value: "2026-12-20" },
    });
    fireEvent.click(within(dialog).getByTestId("rfq-send"));
    await waitFor(() => expect(callsOf("purchase_rfq")).toHaveLength(1));
    expect(callsOf("purchase_rfq")[0]).toMatchObject({
      id: "01PR",
      vendors: ["V1", "V2", "V3"],
      replyBy: "2026-12-20",
    });
  });

  it("says to add vendors first when there are none", async () => {
    fakeBackend({ vendor_list: () => ({ rows: [], total: 0, all: 0, categories: [] }) });
    renderWithProviders(<Procurement view={view("approved")} />);
    fireEvent.click(screen.getByTestId("proc-rfq-open"));
    expect(await screen.findByTestId("rfq-no-vendors")).toBeTruthy();
    expect(screen.queryByTestId("rfq-send")).toBeNull();
  });

  it("while quoting: enter each vendor's quote, compare, and select once a quote is in", async () => {
    fakeBackend({
      vendor_list: () => page,
      purchase_comparison: () => comparison,
      file_state: () => "here",
    });
    const quoting = view("quotes_requested", {
      rfqs: { V1: rfq, V2: rfq, V3: rfq },
      quotes: {
        V1: {
          received_on: "2026-12-08",
          currency: "KRW",
          prices: {},
          lead_time_days: 14,
          warranty_months: 36,
          valid_until: "",
          payment_terms: "",
          file: "b".repeat(64),
          file_name: "한빛 견적서.pdf",
          notes: "",
          by: person,
          at_ms: 2,
        },
      },
    });
    renderWithProviders(<Procurement view={quoting} />);
    // The vendor's own file is kept with its quote, saved from here.
    expect(await screen.findByText("한빛 견적서.pdf")).toBeTruthy();
    expect(screen.getByTestId("proc-next").dataset.action).toBe("quotes");
    expect(screen.getAllByTestId("proc-quote-open")).toHaveLength(3);
    await screen.findByTestId("cmp-grid");
    await waitFor(() =>
      expect((screen.getByTestId("proc-select-open") as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId("proc-select-open"));
    const dialog = await screen.findByTestId("select-dialog");
    // The lowest full total is offered first.
    expect((within(dialog).getByTestId("select-vendor") as HTMLSelectElement).value).toBe("V2");
  });

  it("after selection: place the order; once ordered: receive; once received: complete", async () => {
    fakeBackend({
      vendor_list: () => page,
      purchase_comparison: () => comparison,
      purchase_match: () => [],
    });
    const { unmount } = renderWithProviders(
      <Procurement view={view("vendor_selected", { rfqs: { V1: rfq } })} />,
    );
    expect(screen.getByTestId("proc-next").dataset.action).toBe("order");
    expect(screen.getByTestId("proc-order-open")).toBeTruthy();
    // Selected: no more quotes (core refuses them), the RFQ PDF still there.
    expect(screen.queryAllByTestId("proc-quote-open")).toHaveLength(0);
    expect(screen.getAllByTestId("proc-rfq-pdf")).toHaveLength(1);
    unmount();

    const second = renderWithProviders(<Procurement view={ordered()} />);
    expect(screen.getByTestId("proc-next").dataset.action).toBe("receive");
    expect(screen.getByTestId("proc-order").dataset.order).toBe("PO-2026-7Q2F-1");
    expect(screen.getByTestId("proc-order-received").textContent).toBe("0/3 입고");
    fireEvent.click(screen.getByTestId("proc-receive-open"));
    expect(await screen.findByTestId("receive-dialog")).toBeTruthy();
    second.unmount();

    await act(async () => {
      renderWithProviders(<Procurement view={{ ...ordered(), status: "received" }} />);
    });
    expect(screen.getByTestId("proc-next").dataset.action).toBe("complete");
    expect(screen.queryByTestId("proc-receive-open")).toBeNull();
    expect(screen.getByTestId("proc-complete-open")).toBeTruthy();
  });
});

describe("<AssetPurchaseItems/>", () => {
  it("names the order an asset was received on and its vendor; nothing for an asset bought elsewhere", () => {
    const { ui } = withNavigation(
      <dl>
        <AssetPurchaseItems
          purchase={{
            request: "01PR",
            request_number: "PR-20261207-7Q2F",
            order: "o1",
            order_number: "PO-2026-7Q2F-1",
            receipt: "r1",
            line: "l1",
            vendor: "V1",
            vendor_name: "(주)한빛시스템",
          }}
        />
      </dl>,
    );
    renderWithProviders(ui);
    expect(screen.getByTestId("detail-purchase-order").textContent).toBe(
      "발주PO-2026-7Q2F-1 · PR-20261207-7Q2F",
    );
    expect(screen.getByTestId("detail-purchase-vendor").textContent).toBe("공급업체(주)한빛시스템");
  });

  it("shows nothing without a purchase", () => {
    const { ui } = withNavigation(<AssetPurchaseItems purchase={null} />);
    const { container } = renderWithProviders(ui);
    expect(container.textContent).toBe("");
  });
});

describe("procurement dialogs", () => {
  const quoting = () => view("quotes_requested", { rfqs: { V1: rfq, V2: rfq, V3: rfq } });

  it("a quote refused shows each reason under its own field, then goes through with the file", async () => {
    let refuse = true;
    fakeBackend({
      purchase_quote: () => {
        throw new CommandError("purchase_quote", "invalid", "refused", {
          problems: [
            { field: "prices.l1", code: "not_a_number", value: "구백만", message: "not a number" },
            { field: "lead_time_days", code: "required", value: "", message: "required" },
          ],
        });
      },
    });
    vi.mocked(upload).mockImplementation(async () => {
      refuse = false;
      return quoting() as never;
    });
    renderWithProviders(
      <QuoteDialog
        view={quoting()}
        vendor={{ id: "V1", name: "(주)한빛시스템" }}
        onClose={() => undefined}
      />,
    );
    const [server, service] = screen.getAllByTestId("quote-price");
    fireEvent.change(server as HTMLElement, { target: { value: "구백만" } });
    fireEvent.change(service as HTMLElement, { target: { value: "1,500,000" } });
    fireEvent.click(screen.getByTestId("quote-save"));
    await waitFor(() => expect(server?.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByTestId("quote-lead-time").getAttribute("aria-invalid")).toBe("true");
    expect(service?.getAttribute("aria-invalid")).not.toBe("true");
    expect(callsOf("purchase_quote")[0]).toMatchObject({
      id: "01PR",
      vendor: "V1",
      input: { prices: { l1: "구백만", l2: "1,500,000" }, lead_time_days: "" },
    });

    fireEvent.change(server as HTMLElement, { target: { value: "9,000,000" } });
    fireEvent.change(screen.getByTestId("quote-lead-time"), { target: { value: "14" } });
    fireEvent.change(screen.getByTestId("quote-warranty"), { target: { value: "36" } });
    const file = new File([new Uint8Array([37, 80, 68, 70])], "견적서.pdf", {
      type: "application/pdf",
    });
    fireEvent.change(screen.getByTestId("quote-file"), { target: { files: [file] } });
    fireEvent.click(screen.getByTestId("quote-save"));
    await waitFor(() => expect(refuse).toBe(false));
    const [name, args, bytes] = vi.mocked(upload).mock.calls[0] ?? [];
    expect(name).toBe("purchase_quote_with_file");
    expect(args).toMatchObject({
      vendor: "V1",
      name: "견적서.pdf",
      input: { lead_time_days: "14" },
    });
    expect(Array.from(bytes as Uint8Array)).toEqual([37, 80, 68, 70]);
  });

  it("selects line by line, each line's best price offered first, with the reason", async () => {
    fakeBackend({ purchase_select: () => view("vendor_selected") });
    renderWithProviders(<SelectDialog comparison={comparison} onClose={() => undefined} />);
    fireEvent.click(screen.getByTestId("select-mode-per_line"));
    const picks = screen.getAllByTestId("select-line-vendor") as HTMLSelectElement[];
    expect(picks.map((pick) => pick.value)).toEqual(["V1", "V2"]);
    // A vendor that did not quote a line is not offered for it.
    expect([...(picks[0]?.options ?? [])].map((option) => option.value)).toEqual(["", "V1", "V2"]);
    fireEvent.change(screen.getByTestId("select-reason"), { target: { value: "품목별 최저가" } });
    fireEvent.click(screen.getByTestId("select-save"));
    await waitFor(() => expect(callsOf("purchase_select")).toHaveLength(1));
    expect(callsOf("purchase_select")[0]?.input).toEqual({
      whole: null,
      per_line: [
        ["l1", "V1"],
        ["l2", "V2"],
      ],
      reason: "품목별 최저가",
    });
  });

  it("change of selection opens on the vendor in force, not the lowest total", async () => {
    // 한빛 (V1) was chosen for the whole request although 누리 (V2) has the lowest total.
    const chosen: Comparison = {
      ...comparison,
      status: "vendor_selected",
      lines: comparison.lines.map((line) => ({ ...line, selected: "V1" })),
      selection_reason: "납기 우선",
    };
    fakeBackend({
      vendor_list: () => ({ rows: vendors, total: 3, all: 3, categories: [] }),
      purchase_comparison: () => chosen,
      purchase_match: () => [],
    });
    renderWithProviders(<Procurement view={view("vendor_selected", { rfqs: { V1: rfq } })} />);
    await waitFor(() =>
      expect((screen.getByTestId("proc-select-change") as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId("proc-select-change"));
    const dialog = await screen.findByTestId("select-dialog");
    expect((within(dialog).getByTestId("select-mode-whole") as HTMLInputElement).checked).toBe(
      true,
    );
    expect((within(dialog).getByTestId("select-vendor") as HTMLSelectElement).value).toBe("V1");
    expect((within(dialog).getByTestId("select-reason") as HTMLTextAreaElement).value).toBe(
      "납기 우선",
    );
  });

  it("a selection made line by line opens line by line, each line on its vendor in force", () => {
    // Each line went to the vendor that is NOT its best price.
    const chosen: Comparison = {
      ...comparison,
      status: "vendor_selected",
      lines: comparison.lines.map((line, at) => ({ ...line, selected: at === 0 ? "V2" : "V1" })),
    };
    renderWithProviders(<SelectDialog comparison={chosen} onClose={() => undefined} />);
    expect((screen.getByTestId("select-mode-per_line") as HTMLInputElement).checked).toBe(true);
    const picks = screen.getAllByTestId("select-line-vendor") as HTMLSelectElement[];
    expect(picks.map((pick) => pick.value)).toEqual(["V2", "V1"]);
  });

  it("orders with the promised dates typed and leaves the others to the quote's lead time", async () => {
    fakeBackend({ purchase_order: () => ordered() });
    const selected = view("vendor_selected", {
      selections: {
        s1: {
          lines: { l1: "V1", l2: "V2" },
          reason: "",
          by: person,
          at_ms: 5,
          content: "",
          signed: null,
        },
      },
    });
    renderWithProviders(
      <OrderDialog
        view={selected}
        vendorName={(id) => ({ V1: "(주)한빛시스템", V2: "누리네트웍스" })[id] ?? id}
        onClose={() => undefined}
      />,
    );
    expect(
      screen
        .getAllByTestId("order-vendor")
        .map((group) => group.querySelector("legend")?.textContent),
    ).toEqual(["(주)한빛시스템 · 1개 품목", "누리네트웍스 · 1개 품목"]);
    const [first] = screen.getAllByTestId("order-promised");
    fireEvent.change(first as HTMLElement, { target: { value: "2027-01-15" } });
    fireEvent.click(screen.getByTestId("order-save"));
    await waitFor(() => expect(callsOf("purchase_order")).toHaveLength(1));
    expect(callsOf("purchase_order")[0]?.input.promised).toEqual([["l1", "2027-01-15"]]);
  });
});

describe("<MatchTable/>", () => {
  it("sets each order line against what arrived and the invoice, every difference worded", () => {
    const matches: OrderMatch[] = [
      {
        order: "o1",
        number: "PO-2026-7Q2F-1",
        vendor: "V1",
        currency: "KRW",
        lines: [
          {
            line: "l1",
            description: "1U 서버",
            ordered: 2,
            unit_price_minor: 9_000_000,
            ordered_minor: 18_000_000,
            accepted: 1,
            rejected: 1,
            received_minor: 9_000_000,
            mismatches: [
              { code: "short_received", message: "1 of 2 received" },
              { code: "rejected", message: "1 rejected at receipt" },
            ],
          },
        ],
        ordered_minor: 18_000_000,
        received_minor: 9_000_000,
        invoiced_minor: 18_000_000,
        invoice_ref: "INV-0042",
        mismatches: [
          {
            code: "invoice_over_received",
            message: "invoiced 18,000,000 is 9,000,000 more than the value received 9,000,000",
          },
        ],
        matched: false,
      },
      {
        order: "o2",
        number: "PO-2026-7Q2F-2",
        vendor: "V2",
        currency: "KRW",
        lines: [],
        ordered_minor: 0,
        received_minor: 0,
        invoiced_minor: 0,
        invoice_ref: "",
        mismatches: [],
        matched: true,
      },
    ];
    renderWithProviders(
      <MatchTable
        matches={matches}
        vendorName={(id) => (id === "V1" ? "(주)한빛시스템" : "누리네트웍스")}
      />,
    );
    const [first, second] = screen.getAllByTestId("match-order");
    expect(first?.dataset.matched).toBe("false");
    expect(second?.dataset.matched).toBe("true");
    expect(within(first as HTMLElement).getByRole("heading").textContent).toBe(
      "PO-2026-7Q2F-1 · (주)한빛시스템 불일치",
    );
    const line = within(first as HTMLElement).getByTestId("match-line");
    expect([...line.querySelectorAll("[data-code]")].map((flag) => flag.textContent)).toEqual([
      "덜 들어옴 (1 of 2 received)",
      "불합격 있음 (1 rejected at receipt)",
    ]);
    expect(line.textContent).toContain("18,000,000");
    expect(within(first as HTMLElement).getByTestId("match-invoiced").textContent).toBe(
      "18,000,000 KRW · INV-0042",
    );
    expect(first?.textContent).toContain(
      "송장이 입고보다 많음 (invoiced 18,000,000 is 9,000,000 more",
    );
  });
});
