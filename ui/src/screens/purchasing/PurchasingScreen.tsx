// 구매 (issue 19): purchasing in tabs, one per part that exists: requests, vendors, budgets,
// approval rules, reports.
import { Tabs } from "../../components/Tabs";
import { useT } from "../../i18n";
import { useKept, type OpenRequest } from "../../lib/navigation";
import { BudgetsTab } from "./BudgetsTab";
import { ReportsTab } from "./reports/ReportsTab";
import { RequestsTab } from "./RequestsTab";
import { ApprovalRulesTab } from "./rules/ApprovalRulesTab";
import { VendorsTab } from "./VendorsTab";

type PurchasingTab = "requests" | "vendors" | "budgets" | "rules" | "reports";

export function PurchasingScreen(props: { opening?: OpenRequest }) {
  const t = useT();
  // A link to a vendor (the global search) shows the vendors.
  const [tab, setTab] = useKept<PurchasingTab>(
    "tab",
    "requests",
    props.opening?.kind === "vendor"
      ? "vendors"
      : props.opening?.kind === "purchase"
        ? "requests"
        : undefined,
  );
  return (
    <div className="purchasing-screen" data-testid="purchasing-screen">
      <header className="toolbar">
        <div className="toolbar-title">
          <h1 className="page-title">{t("purchasing.title")}</h1>
        </div>
      </header>
      <Tabs
        label={t("purchasing.tabs")}
        tabs={[
          { id: "requests", label: t("purchasing.tab.requests") },
          { id: "vendors", label: t("purchasing.tab.vendors") },
          { id: "budgets", label: t("purchasing.tab.budgets") },
          { id: "rules", label: t("purchasing.tab.rules") },
          { id: "reports", label: t("purchasing.tab.reports") },
        ]}
        chosen={tab}
        onChoose={setTab}
        testId="purchasing-tabs"
      >
        {tab === "requests" && <RequestsTab opening={props.opening} />}
        {tab === "vendors" && <VendorsTab opening={props.opening} />}
        {tab === "budgets" && <BudgetsTab />}
        {tab === "rules" && <ApprovalRulesTab />}
        {tab === "reports" && <ReportsTab />}
      </Tabs>
    </div>
  );
}
