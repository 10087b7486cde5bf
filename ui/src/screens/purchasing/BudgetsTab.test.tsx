import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Budget } from "../../bindings/Budget";
import type { BudgetUse } from "../../bindings/BudgetUse";
import { call, CommandError } from "../../ipc";
import { callsOf, fakeBackend } from "../../test/backend";
import { renderWithProviders } from "../../test/render";
import { PurchasingScreen } from "./PurchasingScreen";

vi.mock("../../ipc", async (importOriginal) =>
  (await import("../../test/ipcMock")).mockedIpc(importOriginal as never),
);

const infra: Budget = {
  id: "01B1",
  year: 2027,
  line: "인프라 증설",
  line_kind: "cost_centre",
  code: "CC-100",
  amount_krw: 500_000_000,
  policy: "stop",
  notes: "",
};

function use(budget: Budget, committed: number, spent: number): BudgetUse {
  const available = budget.amount_krw - committed - spent;
  return {
    budget,
    committed_krw: committed,
    spent_krw: spent,
    available_krw: available,
    utilisation_pct: Math.round(((committed + spent) / budget.amount_krw) * 1000) / 10,
    charges: [],
  };
}

async function openBudgets() {
  fireEvent.click(await screen.findByTestId("purchasing-tabs-budgets"));
  return screen.findByTestId("budgets-tab");
}

describe("<PurchasingScreen/> budgets", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  it("lists a year's budgets with amount, committed, spent, available, a use bar and the policy", async () => {
    const licences: Budget = {
      ...infra,
      id: "01B2",
      line: "소프트웨어 라이선스",
      line_kind: "category",
      code: "",
      amount_krw: 100_000_000,
      policy: "warn",
    };
    fakeBackend({
      purchase_page: () => ({ rows: [], total: 0 }),
      vendor_list: () => ({ rows: [], total: 0, all: 0, categories: [] }),
      budget_list: ({ year }) =>
        year === 2027
          ? {
              uses: [use(infra, 300_000_000, 150_000_000), use(licences, 80_000_000, 40_000_000)],
              years: [2027],
            }
          : { uses: [], years: [2027] },
    });
    renderWithProviders(<PurchasingScreen />);
    await openBudgets();
    // The year shown first is this year's: none there; 2027 is offered.
    const year = await screen.findByTestId("budget-year");
    fireEvent.change(year, { target: { value: "2027" } });
    await waitFor(() => expect(screen.getAllByTestId("budget-row")).toHaveLength(2));
    const [first, second] = screen.getAllByTestId("budget-row");
    expect(first!.textContent).toContain("인프라 증설");
    expect(first!.textContent).toContain("비용 센터 · CC-100");
    expect(first!.textContent).toContain("500,000,000 KRW");
    expect(first!.textContent).toContain("300,000,000 KRW");
    expect(first!.textContent).toContain("150,000,000 KRW");
    expect(within(first!).getByTestId("budget-available").textContent).toBe("50,000,000 KRW");
    expect(within(first!).getByTestId("budget-utilisation").textContent).toBe("90.0%");
    expect(first!.textContent).toContain("중단");
    // Overdrawn: the available is below zero, marked, and the bar is full and red.
    expect(within(second!).getByTestId("budget-available").textContent).toBe("-20,000,000 KRW");
    expect(within(second!).getByTestId("budget-available").className).toContain("budget-overdrawn");
    expect(within(second!).getByTestId("budget-utilisation").className).toContain("is-over");
    expect(callsOf("budget_list").at(-1)).toEqual({ year: 2027 });
  });

  it("refuses an amount that is not a number under its field, and an amount too large in its own words", async () => {
    let saved: Budget | null = null;
    fakeBackend({
      purchase_page: () => ({ rows: [], total: 0 }),
      vendor_list: () => ({ rows: [], total: 0, all: 0, categories: [] }),
      budget_list: () => ({ uses: saved === null ? [] : [use(saved, 0, 0)], years: [] }),
      budget_add: ({ input }) => {
        if (input.amount_krw !== "500,000,000") {
          const tooLarge = input.amount_krw.length > 20;
          throw new CommandError("budget_add", "invalid", "refused", {
            problems: [
              {
                field: "amount_krw",
                code: tooLarge ? "too_large" : "not_a_number",
                value: input.amount_krw,
                message: "refused",
              },
            ],
          });
        }
        saved = { ...infra, year: Number(input.year), line: input.line };
        return saved;
      },
    });
    renderWithProviders(<PurchasingScreen />);
    await openBudgets();
    fireEvent.click(await screen.findByTestId("budget-add"));
    const dialog = await screen.findByTestId("budget-dialog");
    fireEvent.change(within(dialog).getByTestId("budget-field-line"), {
      target: { value: "인프라 증설" },
    });
    fireEvent.change(within(dialog).getByTestId("budget-field-amount_krw"), {
      target: { value: "오억" },
    });
    fireEvent.click(within(dialog).getByTestId("budget-save"));
    const field = within(dialog).getByTestId("budget-field-amount_krw-wrap");
    await waitFor(() => expect(field.textContent).toContain("숫자가 아닙니다: 오억"));

    fireEvent.change(within(dialog).getByTestId("budget-field-amount_krw"), {
      target: { value: "9".repeat(21) },
    });
    fireEvent.click(within(dialog).getByTestId("budget-save"));
    await waitFor(() => expect(field.textContent).toContain("금액이 너무 큽니다"));
    expect(field.textContent).not.toContain("CSV");

    fireEvent.change(within(dialog).getByTestId("budget-field-amount_krw"), {
      target: { value: "500,000,000" },
    });
    fireEvent.change(within(dialog).getByTestId("budget-field-policy"), {
      target: { value: "warn" },
    });
    fireEvent.click(within(dialog).getByTestId("budget-save"));
    await waitFor(() => expect(screen.queryByTestId("budget-dialog")).toBeNull());
    expect(callsOf("budget_add").at(-1)!.input).toEqual({
      year: String(new Date().getFullYear()),
      line: "인프라 증설",
      line_kind: "cost_centre",
      code: "",
      amount_krw: "500,000,000",
      policy: "warn",
      notes: "",
    });
  });
});
