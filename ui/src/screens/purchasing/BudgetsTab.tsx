// 예산: the budgets of one year, each line with its amount, what approved requests and open
// orders commit, what was received (spent), what is available, how much is used (a bar that
// turns red past 100 %) and its policy when a request would overdraw it; add and edit.
import { useState } from "react";
import type { Budget } from "../../bindings/Budget";
import type { BudgetUse } from "../../bindings/BudgetUse";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT, type Language } from "../../i18n";
import { useEditAccess } from "../../lib/editAccess";
import { describeError } from "../../lib/errors";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useShortcuts } from "../../lib/shortcuts";
import { formatMoney } from "../../lib/format";
import { useKept } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { BudgetDialog } from "./BudgetDialog";

function won(amount: number, language: Language): string {
  return formatMoney({ amount_minor: amount, currency: "KRW" }, language);
}

/** The used share as a bar (full at 100 %; over it, the bar is full and marked). */
function UtilisationBar({ use }: { use: BudgetUse }) {
  const t = useT();
  const pct = use.utilisation_pct;
  if (pct === null) return <span className="muted">–</span>;
  const over = pct > 100;
  return (
    <span
      className={`budget-bar ${over ? "is-over" : pct >= 90 ? "is-near" : ""}`}
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.min(pct, 100)}
      aria-valuetext={t("budget.used", { pct: pct.toFixed(1) })}
      data-testid="budget-utilisation"
      data-pct={pct}
    >
      <span className="budget-bar-track">
        <span className="budget-bar-fill" style={{ width: `${Math.min(pct, 100)}%` }} />
      </span>
      <span className="tabular">{pct.toFixed(1)}%</span>
    </span>
  );
}

export function BudgetsTab() {
  const t = useT();
  const { language } = useLanguage();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useKept("budgetYear", thisYear);
  const [editing, setEditing] = useState<Budget | "new" | null>(null);
  const list = useCommand("budget_list", { year });
  const modalOpen = useAnyModalOpen();
  const access = useEditAccess();
  const toast = useToast();
  useShortcuts(
    {
      n: () => {
        const refused = access.reason("records");
        if (refused === undefined) setEditing("new");
        else toast(refused, "error");
      },
    },
    !modalOpen,
  );
  const data = list.data;
  const years = [...new Set([...(data?.years ?? []), thisYear, year])].sort((a, b) => a - b);

  let body;
  if (list.error !== undefined && data === undefined) {
    body = (
      <p className="banner banner-error" role="alert">
        {describeError(t, list.error)}
      </p>
    );
  } else if (data === undefined) {
    body = <Spinner label={t("common.loading")} />;
  } else if (data.uses.length === 0) {
    body = (
      <EmptyState
        icon="database"
        title={t("budget.empty.title", { year })}
        body={t("budget.empty.body")}
        testId="budgets-empty"
        actions={
          <Button edits="records" variant="primary" onClick={() => setEditing("new")}>
            {t("budget.add")}
          </Button>
        }
      />
    );
  } else {
    body = (
      <div className="budget-table-frame">
        <table className="plain-table budget-table" data-testid="budget-table">
          <thead>
            <tr>
              <th>{t("budget.col.line")}</th>
              <th className="budget-num">{t("budget.col.amount")}</th>
              <th className="budget-num">{t("budget.col.committed")}</th>
              <th className="budget-num">{t("budget.col.spent")}</th>
              <th className="budget-num">{t("budget.col.available")}</th>
              <th>{t("budget.col.utilisation")}</th>
              <th>{t("budget.col.policy")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.uses.map((use) => (
              <tr
                key={use.budget.id}
                data-testid="budget-row"
                data-line={use.budget.line}
                data-available={use.available_krw}
              >
                <td>
                  <strong>{use.budget.line}</strong>
                  <div className="muted budget-line-kind">
                    {t(`budget.kind.${use.budget.line_kind}`)}
                    {use.budget.code !== "" && ` · ${use.budget.code}`}
                  </div>
                </td>
                <td className="budget-num tabular">{won(use.budget.amount_krw, language)}</td>
                <td className="budget-num tabular">{won(use.committed_krw, language)}</td>
                <td className="budget-num tabular">{won(use.spent_krw, language)}</td>
                <td
                  className={`budget-num tabular ${use.available_krw < 0 ? "budget-overdrawn" : ""}`}
                  data-testid="budget-available"
                >
                  {won(use.available_krw, language)}
                </td>
                <td>
                  <UtilisationBar use={use} />
                </td>
                <td>
                  <span className={`budget-policy is-${use.budget.policy}`}>
                    {t(`budget.policy.${use.budget.policy}`)}
                  </span>
                </td>
                <td>
                  <Button
                    edits="records"
                    size="sm"
                    variant="ghost"
                    aria-label={t("budget.editNamed", { line: use.budget.line })}
                    onClick={() => setEditing(use.budget)}
                    data-testid="budget-edit"
                  >
                    {t("budget.edit")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <div className="budgets-tab" data-testid="budgets-tab">
      <div className="filter-bar">
        <label className="checkbox-line">
          {t("budget.field.year")}
          <select
            value={year}
            data-testid="budget-year"
            onChange={(event) => setYear(Number(event.target.value))}
          >
            {years.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <Button
          edits="records"
          size="sm"
          variant="primary"
          className="vendor-add"
          icon={<Icon name="plus" size={14} />}
          onClick={() => setEditing("new")}
          data-testid="budget-add"
        >
          {t("budget.add")}
        </Button>
      </div>
      <div className="budgets-body">{body}</div>
      {editing !== null && (
        <BudgetDialog
          budget={editing === "new" ? null : editing}
          year={year}
          onClose={() => setEditing(null)}
          onSaved={(budget) => {
            setEditing(null);
            setYear(budget.year);
          }}
        />
      )}
    </div>
  );
}
