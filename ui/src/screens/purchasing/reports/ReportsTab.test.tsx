import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Figure } from "../../../bindings/Figure";
import type { PurchaseReport } from "../../../bindings/PurchaseReport";
import { call } from "../../../ipc";
import { localDate } from "../../../lib/format";
import { callsOf, fakeBackend } from "../../../test/backend";
import { renderWithProviders } from "../../../test/render";
import { PurchasingScreen } from "../PurchasingScreen";

vi.mock("../../../ipc", async (importOriginal) =>
  (await import("../../../test/ipcMock")).mockedIpc(importOriginal as never),
);

function figure(
  value: number | null,
  code: Figure["code"],
  terms: Record<string, number>,
  how = "(the CLI's English)",
): Figure {
  return { value, numerator: 0, denominator: 0, code, terms, how };
}

const report: PurchaseReport = {
  from: "2027-01-01",
  until: "2027-03-31",
  by_vendor: [
    { key: "01V2", label: "한빛서버", ordered_krw: 36_000_000, received_krw: 12_000_000, lines: 2 },
  ],
  by_kind: [
    {
      key: "hardware",
      label: "hardware",
      ordered_krw: 30_000_000,
      received_krw: 12_000_000,
      lines: 1,
    },
    { key: "licence", label: "licence", ordered_krw: 6_000_000, received_krw: 0, lines: 1 },
  ],
  by_month: [
    {
      key: "2027-02",
      label: "2027-02",
      ordered_krw: 36_000_000,
      received_krw: 12_000_000,
      lines: 2,
    },
  ],
  by_budget: [
    {
      key: "01B1",
      label: "2027 인프라 증설",
      ordered_krw: 36_000_000,
      received_krw: 12_000_000,
      lines: 2,
    },
  ],
  cycle_times: [
    { stage: "submitted_to_approved", requests: 3, median_days: 1.5, p90_days: 4.2 },
    { stage: "approved_to_ordered", requests: 1, median_days: 6, p90_days: 6 },
    { stage: "ordered_to_received", requests: 0, median_days: null, p90_days: null },
    { stage: "submitted_to_received", requests: 0, median_days: null, p90_days: null },
  ],
  budgets: [
    {
      budget: {
        id: "01B1",
        year: 2027,
        line: "인프라 증설",
        line_kind: "cost_centre",
        code: "",
        amount_krw: 100_000_000,
        policy: "warn",
        notes: "",
      },
      committed_krw: 24_000_000,
      spent_krw: 12_000_000,
      available_krw: 64_000_000,
      utilisation_pct: 36,
      charges: [],
    },
  ],
  vendors: [
    {
      vendor: "01V2",
      from: "2027-01-01",
      until: "2027-03-31",
      orders: 1,
      on_time: figure(0.5, "on_time", { on_time: 1, due: 2 }),
      price_vs_quote: figure(0.02, "price_vs_quote", {
        ordered_krw: 36_000_000,
        quoted_krw: 35_294_118,
      }),
      price_vs_last_paid: figure(null, "price_vs_last_paid", {
        paid_krw: 0,
        last_krw: 0,
        lines: 0,
      }),
      response_rate: figure(1, "response_rate", { answered: 2, sent: 2 }),
      response_days: figure(2, "response_days", { days: 4, answered: 2 }),
      rejection: figure(0, "rejection", { rejected: 0, received: 1, accepted: 1 }),
      weights: {
        id: "",
        on_time: 40,
        price: 30,
        response: 15,
        quality: 15,
        set_by: { who: "", name: "" },
        at_ms: 0,
      },
      score: 73.4,
      score_terms: [
        { part: "on_time", weight: 40, score: 50 },
        { part: "price", weight: 30, score: 98 },
        { part: "response", weight: 15, score: 100 },
        { part: "quality", weight: 15, score: 100 },
      ],
      unscored: null,
      score_how:
        "(40 × 50.0 (on time) + 30 × 98.0 (price) + 15 × 100.0 (response) + 15 × 100.0 (quality)) ÷ 100 = 73.4",
    },
  ],
  vendor_names: { "01V2": "한빛서버" },
  statuses: { ordered: 1, approved: 2 },
};

const empty: PurchaseReport = {
  ...report,
  by_vendor: [],
  by_kind: [],
  by_month: [],
  by_budget: [],
  cycle_times: report.cycle_times.map((c) => ({
    ...c,
    requests: 0,
    median_days: null,
    p90_days: null,
  })),
  budgets: [],
  vendors: [],
  vendor_names: {},
  statuses: {},
};

function backend() {
  fakeBackend({
    purchase_page: () => ({ rows: [], total: 0 }),
    vendor_list: () => ({ rows: [], total: 0, all: 0, categories: [] }),
    purchase_report: ({ from, until }) =>
      from === "2027-01-01" ? { ...report, from, until } : { ...empty, from, until },
    purchase_report_csv: () => ({ path: "/home/me/Downloads/cloudwright-purchases.csv", rows: 14 }),
    purchase_report_pdf: () => ({ path: "/home/me/Downloads/cloudwright-purchases.pdf", rows: 0 }),
  });
}

async function openReports() {
  fireEvent.click(await screen.findByTestId("purchasing-tabs-reports"));
  return screen.findByTestId("preport-tab");
}

function setPeriod(from: string, until: string) {
  fireEvent.change(screen.getByTestId("preport-from"), { target: { value: from } });
  fireEvent.change(screen.getByTestId("preport-until"), { target: { value: until } });
}

describe("<PurchasingScreen/> reports", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("asks for 1 January to today first; the presets and typed dates change the period asked", async () => {
    backend();
    renderWithProviders(<PurchasingScreen />);
    await openReports();
    const now = new Date();
    const today = localDate(now);
    const year = now.getFullYear();
    const pad = (n: number) => String(n).padStart(2, "0");
    await waitFor(() =>
      expect(callsOf("purchase_report").at(-1)).toEqual({
        from: `${year}-01-01`,
        until: today,
        today,
      }),
    );
    fireEvent.click(screen.getByTestId("preport-preset-month"));
    await waitFor(() =>
      expect(callsOf("purchase_report").at(-1)!.from).toBe(`${year}-${pad(now.getMonth() + 1)}-01`),
    );
    fireEvent.click(screen.getByTestId("preport-preset-quarter"));
    const quarter = now.getMonth() - (now.getMonth() % 3) + 1;
    await waitFor(() =>
      expect(callsOf("purchase_report").at(-1)!.from).toBe(`${year}-${pad(quarter)}-01`),
    );
    setPeriod("2027-01-01", "2027-03-31");
    await waitFor(() =>
      expect(callsOf("purchase_report").at(-1)).toEqual({
        from: "2027-01-01",
        until: "2027-03-31",
        today,
      }),
    );
    // A period that ends before it starts is refused here, in Korean, and not asked.
    const asked = callsOf("purchase_report").length;
    setPeriod("2027-04-01", "2027-03-31");
    expect(await screen.findByText("종료일이 시작일보다 앞설 수 없습니다.")).toBeTruthy();
    expect(callsOf("purchase_report")).toHaveLength(asked);
    expect(screen.getByTestId("preport-csv")).toHaveProperty("disabled", true);
  });

  it("shows spend, cycle times, budget use and vendor performance with their numbers", async () => {
    backend();
    renderWithProviders(<PurchasingScreen />);
    await openReports();
    setPeriod("2027-01-01", "2027-03-31");
    const byVendor = await screen.findByTestId("preport-by-vendor");
    const vendorRow = within(byVendor).getByTestId("preport-spend-row");
    expect(vendorRow.textContent).toContain("한빛서버");
    expect(vendorRow.textContent).toContain("36,000,000 KRW");
    expect(vendorRow.textContent).toContain("12,000,000 KRW");
    const kinds = within(screen.getByTestId("preport-by-kind")).getAllByTestId("preport-spend-row");
    expect(kinds.map((row) => row.textContent)).toEqual([
      expect.stringContaining("하드웨어"),
      expect.stringContaining("라이선스"),
    ]);
    expect(screen.getByTestId("preport-by-month").textContent).toContain("2027-02");
    expect(screen.getByTestId("preport-by-budget").textContent).toContain("2027 인프라 증설");
    expect(screen.getByTestId("preport-summary").textContent).toContain(
      "발주 36,000,000 KRW · 입고 12,000,000 KRW · 제출된 요청 3건",
    );

    const cycles = screen.getAllByTestId("preport-cycle-row");
    expect(cycles[0]!.textContent).toContain("제출 → 승인");
    expect(cycles[0]!.textContent).toContain("1.5일");
    expect(cycles[0]!.textContent).toContain("4.2일");
    expect(cycles[0]!.textContent).toContain("3");
    expect(cycles[2]!.textContent).toContain("–");

    const statuses = screen.getAllByTestId("preport-status-row");
    expect(statuses.map((row) => row.textContent)).toEqual(["승인2", "발주1"]);

    const budget = screen.getByTestId("preport-budget-row");
    for (const text of ["100,000,000 KRW", "24,000,000 KRW", "64,000,000 KRW", "36.0%"]) {
      expect(budget.textContent).toContain(text);
    }

    const vendor = screen.getByTestId("preport-vendor-row");
    expect(within(vendor).getByTestId("preport-score").textContent).toBe("73.4");
    expect(vendor.textContent).toContain("50.0%");
    expect(vendor.textContent).toContain("+2.0%");
    // How each figure and the score were computed, worded in Korean from core's numbers.
    expect(within(vendor).getByTestId("preport-score-how").textContent).toBe(
      "(40 × 50.0 (납기) + 30 × 98.0 (가격) + 15 × 100.0 (응답) + 15 × 100.0 (품질)) ÷ 100 = 73.4",
    );
    expect(within(vendor).getByText("50.0%").getAttribute("title")).toBe(
      "약속일까지 입고된 1개 ÷ 2027-01-01–2027-03-31에 납기가 된 2개",
    );
    expect(within(vendor).getByText("+2.0%").getAttribute("title")).toBe(
      "(발주 36,000,000 KRW − 견적 35,294,118 KRW) ÷ 견적 35,294,118 KRW, 기간 중 발주 기준",
    );
    expect(within(vendor).getByTestId("preport-weights").textContent).toBe(
      "가중치: 납기 40 · 가격 30 · 응답 15 · 품질 15",
    );
  });

  it("says what to do for a period with nothing in it, and This year goes back to 1 January", async () => {
    backend();
    renderWithProviders(<PurchasingScreen />, { language: "en" });
    await openReports();
    setPeriod("2026-01-01", "2026-01-31");
    const emptyState = await screen.findByTestId("preport-empty");
    expect(emptyState.textContent).toContain("No orders and no submitted requests in this period");
    fireEvent.click(within(emptyState).getByRole("button", { name: "This year" }));
    await waitFor(() =>
      expect(callsOf("purchase_report").at(-1)!.from).toBe(`${new Date().getFullYear()}-01-01`),
    );
  });

  it("saves the period's CSV and PDF through their commands and says where", async () => {
    backend();
    renderWithProviders(<PurchasingScreen />);
    await openReports();
    setPeriod("2027-01-01", "2027-03-31");
    await screen.findByTestId("preport-by-vendor");
    const today = localDate();
    fireEvent.click(screen.getByTestId("preport-csv"));
    await waitFor(() =>
      expect(callsOf("purchase_report_csv")).toEqual([
        { from: "2027-01-01", until: "2027-03-31", today },
      ]),
    );
    expect(
      await screen.findByText("/home/me/Downloads/cloudwright-purchases.csv에 저장했습니다."),
    ).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId("preport-pdf")).toHaveProperty("disabled", false),
    );
    fireEvent.click(screen.getByTestId("preport-pdf"));
    await waitFor(() =>
      expect(callsOf("purchase_report_pdf")).toEqual([
        { from: "2027-01-01", until: "2027-03-31", today },
      ]),
    );
    expect(
      await screen.findByText("/home/me/Downloads/cloudwright-purchases.pdf에 저장했습니다."),
    ).toBeTruthy();
  });
});
