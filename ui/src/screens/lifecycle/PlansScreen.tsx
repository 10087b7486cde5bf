// Maintenance plans: each with what it covers, its recurrence and the next due date over its
// assets; add one, edit it, stop or resume it (a stopped plan reminds no more; its records stay).
import { useCallback, useState } from "react";
import type { MaintenancePlan } from "../../bindings/MaintenancePlan";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import type { OpenRequest } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { PlanDialog, planInput } from "./PlanDialog";

export function PlansScreen({ opening }: { opening?: OpenRequest }) {
  const t = useT();
  // A link to a plan (the global search) shows it, marked, in view.
  const opened = opening?.kind === "maintplan" ? opening.id : null;
  const openedRow = useCallback((row: HTMLLIElement | null) => {
    row?.scrollIntoView?.({ block: "nearest" });
  }, []);
  const toast = useToast();
  const plans = useCommand("plan_list", {});
  const [editing, setEditing] = useState<MaintenancePlan | "new" | null>(null);
  const setActive = async (plan: MaintenancePlan, active: boolean) => {
    try {
      await call("plan_edit", { id: plan.id, input: planInput(plan), active });
      toast(t("plans.saved"), "success");
    } catch (failure) {
      toast(describeError(t, failure), "error");
    }
  };
  const list = plans.data;
  let body;
  if (plans.error !== undefined && list === undefined) {
    body = <p className="banner banner-error">{describeError(t, plans.error)}</p>;
  } else if (list === undefined) {
    body = <Spinner label={t("common.loading")} />;
  } else if (list.length === 0) {
    body = (
      <EmptyState
        icon="refresh"
        title={t("plans.empty")}
        body={t("plans.emptyBody")}
        testId="plans-empty"
        actions={
          <Button edits="records" variant="primary" onClick={() => setEditing("new")}>
            {t("plans.add")}
          </Button>
        }
      />
    );
  } else {
    body = (
      <ul className="plan-list" data-testid="plan-list">
        {list.map(({ plan, assets, next_due, next_tag }) => (
          <li
            key={plan.id}
            ref={plan.id === opened ? openedRow : undefined}
            className={`plan-row ${plan.active ? "" : "is-stopped"} ${plan.id === opened ? "is-opened" : ""}`}
            data-testid="plan-row"
            data-opened={plan.id === opened ? "true" : undefined}
          >
            <div className="plan-main">
              <strong>{plan.name}</strong>
              <span className="muted">
                {[
                  t(`maintKind.${plan.kind}`),
                  plan.target.kind === "asset_type"
                    ? t(`assetType.${plan.target.value}`)
                    : t("plans.targetAsset"),
                  t("plans.every", {
                    count: plan.recurrence.count,
                    unit: t(`every.${plan.recurrence.unit}`),
                  }),
                  t("plans.assets", { count: assets }),
                ].join(" · ")}
              </span>
            </div>
            <span className="plan-next tabular">
              {!plan.active
                ? t("plans.stopped")
                : next_due !== null
                  ? t("plans.next", { due: next_due, tag: next_tag })
                  : t("plans.noAsset")}
            </span>
            <Button edits="records" size="sm" onClick={() => setEditing(plan)}>
              {t("plans.edit")}
            </Button>
            <Button edits="records" size="sm" onClick={() => void setActive(plan, !plan.active)}>
              {plan.active ? t("plans.stop") : t("plans.resume")}
            </Button>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="screen-pad">
      <div className="screen-head">
        <h1 className="screen-title">{t("plans.title")}</h1>
        {list !== undefined && list.length > 0 && (
          <Button
            edits="records"
            variant="primary"
            icon={<Icon name="plus" size={14} />}
            onClick={() => setEditing("new")}
            data-testid="plan-add"
          >
            {t("plans.add")}
          </Button>
        )}
      </div>
      {body}
      {editing !== null && (
        <PlanDialog plan={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
