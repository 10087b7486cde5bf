// Maintenance: record finished work or start work under way (the asset is under maintenance
// until it is finished), with files attached through the asset's attachments; finish it.
import { useState } from "react";
import type { MaintenanceKind } from "../../bindings/MaintenanceKind";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { attachFile, call } from "../../ipc";
import { currencies, type Currency } from "../../lib/dto";
import { readBytes } from "../../lib/files";
import { useCommand } from "../../lib/useCommand";
import { localDate, maintenanceKinds } from "./lifeText";
import { LifeInput, LifeSelect, StepDialog } from "./StepDialog";
import { useRefusal } from "../../lib/problems";
import { lifeFieldLabel } from "./lifeText";

const costFields = ["cost", "currency", "downtime_hours", "notes"];

interface Costs {
  cost: string;
  currency: Currency;
  downtime: string;
  notes: string;
}

const noCosts: Costs = { cost: "", currency: "KRW", downtime: "", notes: "" };

/** Cost, currency, downtime and notes: the fields recording and finishing share. */
function CostFields(props: {
  value: Costs;
  onChange: (value: Costs) => void;
  errors: Partial<Record<string, string>>;
}) {
  const t = useT();
  const { value, onChange } = props;
  return (
    <>
      <div className="form-row">
        <LifeInput
          field="cost"
          type="number"
          label={t("lifeField.cost")}
          value={value.cost}
          onChange={(cost) => onChange({ ...value, cost })}
          error={props.errors.cost}
        />
        <LifeSelect
          field="currency"
          label={t("lifeField.currency")}
          value={value.currency}
          codes={currencies}
          text={(code) => t(`currency.${code}`)}
          onChange={(currency) => onChange({ ...value, currency })}
          error={props.errors.currency}
        />
        <LifeInput
          field="downtime_hours"
          type="number"
          label={t("lifeField.downtime_hours")}
          value={value.downtime}
          onChange={(downtime) => onChange({ ...value, downtime })}
          error={props.errors.downtime_hours}
        />
      </div>
      <LifeInput
        field="notes"
        multiline
        label={t("lifeField.notes")}
        value={value.notes}
        onChange={(notes) => onChange({ ...value, notes })}
        error={props.errors.notes}
      />
    </>
  );
}

/** Record finished work (`open` false) or start work under way (`open` true). */
export function MaintenanceDialog(props: { assetId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const plans = useCommand("plan_list", {});
  const [kind, setKind] = useState<MaintenanceKind | "">("");
  const [on, setOn] = useState(localDate());
  const [finished, setFinished] = useState("");
  const [vendor, setVendor] = useState("");
  const [plan, setPlan] = useState("");
  const [costs, setCosts] = useState(noCosts);
  const [files, setFiles] = useState<File[]>([]);
  const fields = ["kind", "on", "finished", "vendor", "plan", ...costFields];
  const { busy, refused, run } = useRefusal(fields, lifeFieldLabel);
  const save = async () => {
    const done = await run(async () => {
      const attachments: string[] = [];
      for (const file of files) {
        const mime = file.type === "" ? "application/octet-stream" : file.type;
        const added = await attachFile(
          { id: props.assetId, name: file.name, mime },
          await readBytes(file),
        );
        attachments.push(added.sha256);
      }
      // Once attached, a retry must not attach the files again.
      setFiles([]);
      await call("life_maintain", {
        id: props.assetId,
        today: localDate(),
        input: {
          kind,
          on,
          finished: props.open ? "" : finished,
          open: props.open,
          vendor,
          cost: costs.cost,
          currency: costs.cost.trim() === "" ? "" : costs.currency,
          downtime_hours: costs.downtime,
          notes: costs.notes,
          plan,
          attachments,
        },
      });
    });
    if (done) {
      toast(t("life.maintenanceSaved"), "success");
      props.onClose();
    }
  };
  const assetPlans = (plans.data ?? []).filter((due) => due.plan.active);
  return (
    <StepDialog
      title={t(props.open ? "life.startTitle" : "life.recordTitle")}
      testId="maintenance-dialog"
      busy={busy}
      refused={refused}
      saveLabel={t(props.open ? "life.start" : "life.record")}
      onSave={() => void save()}
      onClose={props.onClose}
    >
      <div className="form-row">
        <LifeSelect
          field="kind"
          label={t("lifeField.kind")}
          value={kind}
          codes={maintenanceKinds}
          text={(code) => t(`maintKind.${code}`)}
          onChange={setKind}
          error={refused.fields.kind}
          required
          autoFocus
        />
        <LifeInput
          field="on"
          type="date"
          label={t("lifeField.on")}
          value={on}
          onChange={setOn}
          error={refused.fields.on}
        />
        {!props.open && (
          <LifeInput
            field="finished"
            type="date"
            label={t("lifeField.finished")}
            value={finished}
            onChange={setFinished}
            error={refused.fields.finished}
          />
        )}
      </div>
      <div className="form-row">
        <LifeInput
          field="vendor"
          label={t("lifeField.vendor")}
          value={vendor}
          onChange={setVendor}
          error={refused.fields.vendor}
        />
        {assetPlans.length > 0 && (
          <Field label={t("lifeField.plan")}>
            <select
              value={plan}
              data-testid="life-plan"
              onChange={(event) => setPlan(event.target.value)}
            >
              <option value="">{t("common.none")}</option>
              {assetPlans.map((due) => (
                <option key={due.plan.id} value={due.plan.id}>
                  {due.plan.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <CostFields value={costs} onChange={setCosts} errors={refused.fields} />
      <Field label={t("lifeField.attachments")} hint={t("life.attachHint")}>
        <label className="file-line">
          <Icon name="paperclip" size={14} />
          <span>
            {files.length > 0 ? files.map((file) => file.name).join(", ") : t("attach.add")}
          </span>
          <input
            type="file"
            multiple
            className="sr-only"
            data-testid="life-files"
            onChange={(event) => setFiles([...(event.target.files ?? [])])}
          />
        </label>
      </Field>
    </StepDialog>
  );
}

export function FinishMaintenanceDialog(props: { assetId: string; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [finished, setFinished] = useState(localDate());
  const [costs, setCosts] = useState(noCosts);
  const { busy, refused, run } = useRefusal(["finished", ...costFields], lifeFieldLabel);
  const save = async () => {
    const done = await run(() =>
      call("life_maintenance_finish", {
        id: props.assetId,
        today: localDate(),
        input: {
          finished,
          cost: costs.cost,
          currency: costs.cost.trim() === "" ? "" : costs.currency,
          downtime_hours: costs.downtime,
          notes: costs.notes,
        },
      }),
    );
    if (done) {
      toast(t("life.maintenanceSaved"), "success");
      props.onClose();
    }
  };
  return (
    <StepDialog
      title={t("life.finishTitle")}
      testId="finish-dialog"
      busy={busy}
      refused={refused}
      saveLabel={t("life.finish")}
      onSave={() => void save()}
      onClose={props.onClose}
    >
      <LifeInput
        field="finished"
        type="date"
        label={t("lifeField.finished")}
        value={finished}
        onChange={setFinished}
        error={refused.fields.finished}
        autoFocus
      />
      <CostFields value={costs} onChange={setCosts} errors={refused.fields} />
    </StepDialog>
  );
}
