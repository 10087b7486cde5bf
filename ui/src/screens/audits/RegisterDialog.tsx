import { useState } from "react";
import type { AssetType } from "../../bindings/AssetType";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { assetTypes, fieldLabel } from "../../lib/dto";
import { refusal } from "../../lib/problems";

/**
 * An item on the floor that is not in the register: register it on the spot, where the audit
 * is, with the scanned code as its tag. It is marked unexpected (registered) in the audit.
 */
export function RegisterDialog(props: {
  audit: string;
  code: string;
  onClose: () => void;
  onRegistered: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const [tag, setTag] = useState(props.code);
  const [kind, setKind] = useState<AssetType>("server");
  const [model, setModel] = useState("");
  const [serial, setSerial] = useState("");
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const save = async () => {
    setBusy(true);
    try {
      const row = await call("audit_register", {
        id: props.audit,
        input: {
          asset_tag: tag,
          asset_type: kind,
          model,
          serial,
          status: "in_use",
        },
      });
      toast(t("audit.register.done", { tag: row.asset.asset_tag }), "success");
      props.onRegistered();
    } catch (error) {
      setProblems(refusal(t, error, [], fieldLabel).lines);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("audit.register.title")}
      onClose={props.onClose}
      testId="audit-register-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={tag.trim() === ""}
            onClick={() => void save()}
            data-testid="audit-register-save"
          >
            {t("audit.register.save")}
          </Button>
        </>
      }
    >
      <p className="muted">{t("audit.register.body")}</p>
      <div className="form-row">
        <Field label={t("field.asset_tag")} required>
          <input value={tag} onChange={(event) => setTag(event.target.value)} />
        </Field>
        <Field label={t("field.asset_type")}>
          <select value={kind} onChange={(event) => setKind(event.target.value as AssetType)}>
            {assetTypes.map((code) => (
              <option key={code} value={code}>
                {t(`assetType.${code}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-row">
        <Field label={t("field.model")}>
          <input value={model} data-autofocus onChange={(event) => setModel(event.target.value)} />
        </Field>
        <Field label={t("field.serial")}>
          <input value={serial} onChange={(event) => setSerial(event.target.value)} />
        </Field>
      </div>
      {problems.map((problem) => (
        <p key={problem} className="field-error" role="alert">
          {problem}
        </p>
      ))}
    </Dialog>
  );
}
