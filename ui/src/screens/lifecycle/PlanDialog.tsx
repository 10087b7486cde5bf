// Add or edit a maintenance plan: one asset (by tag) or every asset of a type, a kind, a
// recurrence (every N days, weeks, months or years from a first due date), reminders.
import { useEffect, useState } from "react";
import type { AssetType } from "../../bindings/AssetType";
import type { Every } from "../../bindings/Every";
import type { MaintenanceKind } from "../../bindings/MaintenanceKind";
import type { MaintenancePlan } from "../../bindings/MaintenancePlan";
import type { PlanInput } from "../../bindings/PlanInput";
import { useToast } from "../../components/Toast";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useLanguage, useT } from "../../i18n";
import { formatCount } from "../../lib/format";
import { useSettled } from "../../lib/useSettled";
import { call } from "../../ipc";
import { assetTypes } from "../../lib/dto";
import { useCommand } from "../../lib/useCommand";
import { everyUnits, localDate, maintenanceKinds } from "./lifeText";
import { LifeInput, LifeSelect, StepDialog } from "./StepDialog";
import { useRefusal } from "../../lib/problems";
import { lifeFieldLabel } from "./lifeText";

const planFields = [
  "name",
  "asset",
  "asset_type",
  "kind",
  "every",
  "unit",
  "start",
  "remind_days",
  "vendor",
  "notes",
];

/** The form's values of a stored plan (the asset by id, which core accepts as well as a tag). */
export function planInput(plan: MaintenancePlan): PlanInput {
  return {
    name: plan.name,
    asset: plan.target.kind === "asset" ? plan.target.value : "",
    asset_type: plan.target.kind === "asset_type" ? plan.target.value : "",
    kind: plan.kind,
    every: plan.recurrence.count,
    unit: plan.recurrence.unit,
    start: plan.recurrence.start,
    remind_days: plan.remind_days,
    vendor: plan.vendor,
    notes: plan.notes,
  };
}

/** Whole numbers typed in the form; anything else goes to core as 0, which it refuses. */
export function wholeNumber(text: string): number {
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/** From this many alerts on saving, the plan asks before it is saved. */
export const manyAlerts = 100;

export function PlanDialog(props: { plan: MaintenancePlan | null; onClose: () => void }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const initial: PlanInput =
    props.plan !== null
      ? planInput(props.plan)
      : {
          name: "",
          asset: "",
          asset_type: "server",
          kind: "preventive",
          every: 3,
          unit: "months",
          start: localDate(),
          remind_days: 14,
          vendor: "",
          notes: "",
        };
  const [form, setForm] = useState(initial);
  const [every, setEvery] = useState(String(initial.every));
  const [remind, setRemind] = useState(String(initial.remind_days));
  const [target, setTarget] = useState<"asset" | "type">(initial.asset !== "" ? "asset" : "type");
  const { busy, refused, run } = useRefusal(planFields, lifeFieldLabel);
  const set = (change: Partial<PlanInput>) => setForm((current) => ({ ...current, ...change }));
  // A plan names its asset by id; the form shows the tag people know it by once it is read.
  const assetId = props.plan?.target.kind === "asset" ? props.plan.target.value : null;
  const targetRow = useCommand("asset_get", assetId === null ? null : { id: assetId });
  const targetTag = targetRow.data?.asset.asset_tag;
  useEffect(() => {
    if (targetTag === undefined || assetId === null) return;
    setForm((current) => (current.asset === assetId ? { ...current, asset: targetTag } : current));
  }, [targetTag, assetId]);
  const input: PlanInput = {
    ...form,
    asset: target === "asset" ? form.asset : "",
    asset_type: target === "type" ? form.asset_type : "",
    every: wholeNumber(every),
    remind_days: wholeNumber(remind),
  };
  // What saving would raise today, shown while the plan is typed (a refused form shows none).
  const settledInput = useSettled(input, 200);
  const preview = useCommand("plan_preview", {
    id: props.plan?.id ?? null,
    input: settledInput,
    today: localDate(),
  });
  const alerts = preview.data === undefined ? 0 : preview.data.overdue + preview.data.due_soon;
  const [confirmingMany, setConfirmingMany] = useState(false);
  const save = async (confirmed = false) => {
    if (!confirmed && alerts >= manyAlerts) {
      setConfirmingMany(true);
      return;
    }
    setConfirmingMany(false);
    const plan = props.plan;
    const done = await run(() =>
      plan === null
        ? call("plan_add", { input })
        : call("plan_edit", { id: plan.id, input, active: plan.active }),
    );
    if (done) {
      toast(t("plans.saved"), "success");
      props.onClose();
    }
  };
  return (
    <StepDialog
      title={t(props.plan === null ? "plans.addTitle" : "plans.editTitle")}
      testId="plan-dialog"
      busy={busy}
      refused={refused}
      saveLabel={t("common.save")}
      onSave={() => void save()}
      onClose={props.onClose}
      dirty={
        JSON.stringify(form) !==
          JSON.stringify({ ...initial, asset: targetTag ?? initial.asset }) ||
        every !== String(initial.every) ||
        remind !== String(initial.remind_days)
      }
    >
      {confirmingMany && preview.data !== undefined && (
        <ConfirmDialog
          title={t("plans.many.title")}
          summary={t("plans.many.summary", {
            count: formatCount(alerts, language),
            overdue: formatCount(preview.data.overdue, language),
          })}
          confirmLabel={t("plans.many.go", { count: formatCount(alerts, language) })}
          onConfirm={() => void save(true)}
          onClose={() => setConfirmingMany(false)}
          testId="plan-many-confirm"
        >
          <p className="muted">{t("plans.many.hint")}</p>
        </ConfirmDialog>
      )}
      <LifeInput
        field="name"
        label={t("lifeField.name")}
        value={form.name}
        onChange={(name) => set({ name })}
        error={refused.fields.name}
        required
        autoFocus
      />
      <div className="form-row">
        <LifeSelect
          field="target"
          label={t("plans.target")}
          value={target}
          codes={["type", "asset"] as const}
          text={(code) => t(code === "asset" ? "plans.targetAsset" : "plans.targetType")}
          onChange={setTarget}
        />
        {target === "asset" ? (
          <LifeInput
            field="asset"
            label={t("lifeField.asset")}
            value={form.asset}
            onChange={(asset) => set({ asset })}
            error={refused.fields.asset}
            required
          />
        ) : (
          <LifeSelect
            field="asset_type"
            label={t("lifeField.asset_type")}
            value={form.asset_type as AssetType}
            codes={assetTypes}
            text={(code) => t(`assetType.${code}`)}
            onChange={(asset_type) => set({ asset_type })}
            error={refused.fields.asset_type}
          />
        )}
        <LifeSelect
          field="kind"
          label={t("lifeField.kind")}
          value={form.kind as MaintenanceKind}
          codes={maintenanceKinds}
          text={(code) => t(`maintKind.${code}`)}
          onChange={(kind) => set({ kind })}
          error={refused.fields.kind}
        />
      </div>
      <div className="form-row">
        <LifeInput
          field="every"
          type="number"
          label={t("lifeField.every")}
          value={every}
          onChange={setEvery}
          error={refused.fields.every}
        />
        <LifeSelect
          field="unit"
          label={t("lifeField.unit")}
          value={form.unit as Every}
          codes={everyUnits}
          text={(code) => t(`every.${code}`)}
          onChange={(unit) => set({ unit })}
          error={refused.fields.unit}
        />
        <LifeInput
          field="start"
          type="date"
          label={t("lifeField.start")}
          value={form.start}
          onChange={(start) => set({ start })}
          error={refused.fields.start}
        />
        <LifeInput
          field="remind_days"
          type="number"
          label={t("lifeField.remind_days")}
          value={remind}
          onChange={setRemind}
          error={refused.fields.remind_days}
        />
      </div>
      <LifeInput
        field="vendor"
        label={t("lifeField.vendor")}
        value={form.vendor}
        onChange={(vendor) => set({ vendor })}
        error={refused.fields.vendor}
      />
      <LifeInput
        field="notes"
        multiline
        label={t("lifeField.notes")}
        value={form.notes}
        onChange={(notes) => set({ notes })}
        error={refused.fields.notes}
      />
      {preview.data !== undefined && (
        <p
          className={alerts >= manyAlerts ? "banner banner-warning" : "muted"}
          data-testid="plan-preview"
          data-alerts={alerts}
        >
          {t("plans.preview", {
            assets: formatCount(preview.data.assets, language),
            overdue: formatCount(preview.data.overdue, language),
            soon: formatCount(preview.data.due_soon, language),
          })}
          {alerts >= manyAlerts && ` ${t("plans.many.hint")}`}
        </p>
      )}
    </StepDialog>
  );
}
