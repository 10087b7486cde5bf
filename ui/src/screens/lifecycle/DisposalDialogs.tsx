// The disposal steps: request, decide (approve or reject), record the data wipe (NIST SP
// 800-88, with the report file), complete with vendor and batch. In a team's workspace the
// wipe's "wiped by" is a roster member and "verified by" is the member logged in here, who
// signs the verification (shown, not typed).
import { useState } from "react";
import type { WipeMethod } from "../../bindings/WipeMethod";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT, type MessageKey } from "../../i18n";
import { call, recordWipeWithReport } from "../../ipc";
import { readBytes } from "../../lib/files";
import { localDate, wipeMethods } from "./lifeText";
import { LifeInput, LifeSelect, StepDialog } from "./StepDialog";
import { useRefusal } from "../../lib/problems";
import { useCommand } from "../../lib/useCommand";
import { useMembersMe } from "./decisionAccess";
import { lifeFieldLabel } from "./lifeText";

export type DisposalStep = "request" | "approve" | "reject" | "wipe" | "complete";

const titles: Record<DisposalStep, MessageKey> = {
  request: "life.requestTitle",
  approve: "life.decideTitle",
  reject: "life.decideTitle",
  wipe: "life.wipeTitle",
  complete: "life.completeTitle",
};

const saveLabels: Record<DisposalStep, MessageKey> = {
  request: "life.request",
  approve: "life.approve",
  reject: "life.reject",
  wipe: "life.wipe",
  complete: "life.complete",
};

const stepFields: Record<DisposalStep, string[]> = {
  request: ["reason", "on"],
  approve: ["note", "on"],
  reject: ["note", "on"],
  wipe: ["method", "tool", "on", "wiped_by", "verified_by", "certificate"],
  complete: ["vendor", "batch", "on"],
};

export function DisposalDialog(props: {
  assetId: string;
  step: DisposalStep;
  onClose: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const { step, assetId } = props;
  const [form, setForm] = useState<Record<string, string>>({ on: localDate() });
  const [method, setMethod] = useState<WipeMethod | "">("");
  const [report, setReport] = useState<File | null>(null);
  const { busy, refused, run } = useRefusal(stepFields[step], lifeFieldLabel);
  const me = useMembersMe();
  const team = me?.bound === true;
  const roster = useCommand("members_roster", step === "wipe" && team ? {} : null).data;
  const wipers = (roster?.members ?? []).filter((member) => !member.me);
  const memberName = (userId: string) =>
    wipers.find((member) => member.user_id === userId)?.name ?? userId;
  const value = (field: string) => form[field] ?? "";
  const input = (field: string, options: { required?: boolean; autoFocus?: boolean } = {}) => (
    <LifeInput
      key={field}
      field={field}
      type={field === "on" ? "date" : "text"}
      label={t(`lifeField.${field}` as MessageKey)}
      value={value(field)}
      onChange={(text) => setForm((current) => ({ ...current, [field]: text }))}
      error={refused.fields[field]}
      required={options.required}
      autoFocus={options.autoFocus}
      multiline={field === "reason" || field === "note"}
    />
  );

  const send = async () => {
    const today = localDate();
    const on = value("on");
    switch (step) {
      case "request":
        return call("life_disposal_request", {
          id: assetId,
          today,
          input: { reason: value("reason"), on },
        });
      case "approve":
      case "reject":
        return call("life_disposal_decide", {
          id: assetId,
          today,
          input: { approve: step === "approve", note: value("note"), on },
        });
      case "wipe": {
        const wipe = {
          method,
          tool: value("tool"),
          on,
          wiped_by: value("wiped_by"),
          verified_by: team ? "" : value("verified_by"),
          certificate: value("certificate"),
        };
        if (report === null) return call("life_wipe", { id: assetId, today, input: wipe });
        const bytes = await readBytes(report);
        return recordWipeWithReport({ id: assetId, today, input: wipe, name: report.name }, bytes);
      }
      case "complete":
        return call("life_dispose", {
          id: assetId,
          today,
          input: { vendor: value("vendor"), batch: value("batch"), on },
        });
    }
  };
  const save = async () => {
    if (await run(send)) {
      toast(t("life.stepSaved", { step: t(saveLabels[step]) }), "success");
      props.onClose();
    }
  };

  return (
    <StepDialog
      title={t(titles[step])}
      testId="disposal-dialog"
      busy={busy}
      refused={refused}
      saveLabel={t(saveLabels[step])}
      saveVariant={step === "complete" ? "danger" : "primary"}
      onSave={() => void save()}
      onClose={props.onClose}
    >
      {step === "request" && [input("reason", { required: true, autoFocus: true }), input("on")]}
      {(step === "approve" || step === "reject") && [
        input("note", { required: step === "reject", autoFocus: true }),
        input("on"),
      ]}
      {step === "wipe" && (
        <>
          <div className="form-row">
            <LifeSelect
              field="method"
              label={t("lifeField.method")}
              value={method}
              codes={wipeMethods}
              text={(code) => t(`wipeMethod.${code}`)}
              onChange={setMethod}
              error={refused.fields.method}
              required
              autoFocus
            />
            {input("tool", { required: true })}
          </div>
          {team ? (
            <div className="form-row">
              <LifeSelect
                field="wiped_by"
                label={t("lifeField.wiped_by")}
                value={value("wiped_by")}
                codes={wipers.map((member) => member.user_id)}
                text={memberName}
                onChange={(userId) => setForm((current) => ({ ...current, wiped_by: userId }))}
                error={refused.fields.wiped_by}
                required
              />
              <Field label={t("lifeField.verified_by")} error={refused.fields.verified_by}>
                <p className="life-signed" data-testid="life-verified-by">
                  <strong>{me?.name}</strong>
                  <br />
                  <span className="muted">
                    {t("life.signedVerification", { name: me?.name ?? "" })}
                  </span>
                </p>
              </Field>
            </div>
          ) : (
            <div className="form-row">
              {input("wiped_by", { required: true })}
              {input("verified_by", { required: true })}
            </div>
          )}
          <div className="form-row">
            {input("certificate", { required: true })}
            {input("on")}
          </div>
          <Field label={t("lifeField.report")}>
            <label className="file-line">
              <Icon name="paperclip" size={14} />
              <span>{report?.name ?? t("attach.add")}</span>
              <input
                type="file"
                className="sr-only"
                data-testid="life-report"
                onChange={(event) => setReport(event.target.files?.[0] ?? null)}
              />
            </label>
          </Field>
        </>
      )}
      {step === "complete" && (
        <>
          <div className="form-row">
            {input("vendor", { required: true, autoFocus: true })}
            {input("batch", { required: true })}
          </div>
          {input("on")}
        </>
      )}
    </StepDialog>
  );
}
