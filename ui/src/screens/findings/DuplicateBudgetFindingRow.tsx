import { useState } from "react";
import type { Budget } from "../../bindings/Budget";
import type { Finding } from "../../bindings/Finding";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useLanguage, useT } from "../../i18n";
import { formatMoney } from "../../lib/format";
import { BudgetDialog } from "../purchasing/BudgetDialog";

type DuplicateBudgetFinding = Extract<Finding, { kind: "duplicate_budget" }>;

/**
 * Two budgets (or more) for one line and year, made on two devices offline: each with its
 * numbers, so they can be told apart, and its form here to settle it (rename one, move it to
 * another year, or make one the other's). Saving one that no longer shares the line takes
 * the finding off the list (the list is read again after any change).
 */
export function DuplicateBudgetFindingRow({ finding }: { finding: DuplicateBudgetFinding }) {
  const t = useT();
  const { language } = useLanguage();
  const [editing, setEditing] = useState<Budget | null>(null);
  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="duplicate_budget"
      data-year={finding.year}
      data-line={finding.line}
    >
      <div className="finding-head">
        <span className="finding-kind finding-kind-duplicate">
          <Icon name="copy" size={14} />
          {t("findings.duplicateBudget")}
        </span>
        <span className="finding-title">
          <span className="finding-tag">
            {finding.year} {finding.line}
          </span>
          <span className="finding-field">
            {t("findings.budgetsShareLine", { count: finding.budgets.length })}
          </span>
        </span>
      </div>
      <p className="muted">{t("findings.duplicateBudgetHelp")}</p>
      <ul className="finding-assets">
        {finding.budgets.map((budget, index) => (
          <li key={budget.id}>
            <div className="finding-asset" data-testid="duplicate-budget" data-id={budget.id}>
              <span className="finding-asset-name">
                {t("findings.budgetNumber", { number: index + 1 })}
                <span className="muted">
                  {[
                    formatMoney({ amount_minor: budget.amount_krw, currency: "KRW" }, language),
                    t(`budget.policy.${budget.policy}`),
                    budget.code,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </span>
              <Button
                edits="records"
                size="sm"
                icon={<Icon name="pencil" size={14} />}
                onClick={() => setEditing(budget)}
                data-testid="duplicate-budget-edit"
              >
                {t("findings.editBudget")}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {editing !== null && (
        <BudgetDialog
          budget={editing}
          year={editing.year}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </li>
  );
}
