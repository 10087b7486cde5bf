// Assign an asset to a person or a job (with a due date), and take it back with its condition.
import { useState } from "react";
import type { AssigneeKind } from "../../bindings/AssigneeKind";
import type { Condition } from "../../bindings/Condition";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { conditions, localDate } from "./lifeText";
import { LifeInput, LifeSelect, StepDialog } from "./StepDialog";
import { useRefusal } from "../../lib/problems";
import { lifeFieldLabel } from "./lifeText";

const assigneeKinds: readonly AssigneeKind[] = ["person", "job"];

export function AssignDialog(props: { assetId: string; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [kind, setKind] = useState<AssigneeKind>("person");
  const [assignee, setAssignee] = useState("");
  const [from, setFrom] = useState(localDate());
  const [due, setDue] = useState("");
  const [note, setNote] = useState("");
  const { busy, refused, run } = useRefusal(
    ["kind", "assignee", "from", "due", "note"],
    lifeFieldLabel,
  );
  const save = async () => {
    const done = await run(() =>
      call("life_assign", {
        id: props.assetId,
        today: localDate(),
        input: { kind, assignee, from, due, note },
      }),
    );
    if (done) {
      toast(t("life.assigned", { name: assignee.trim() }), "success");
      props.onClose();
    }
  };
  return (
    <StepDialog
      title={t("life.assignTitle")}
      testId="assign-dialog"
      busy={busy}
      refused={refused}
      saveLabel={t("life.assign")}
      onSave={() => void save()}
      onClose={props.onClose}
    >
      <LifeSelect
        field="kind"
        label={t("lifeField.kind")}
        value={kind}
        codes={assigneeKinds}
        text={(code) => t(`assignee.${code}`)}
        onChange={setKind}
        error={refused.fields.kind}
      />
      <LifeInput
        field="assignee"
        label={t("lifeField.assignee")}
        value={assignee}
        onChange={setAssignee}
        error={refused.fields.assignee}
        required
        autoFocus
      />
      <div className="form-row">
        <LifeInput
          field="from"
          type="date"
          label={t("lifeField.from")}
          value={from}
          onChange={setFrom}
          error={refused.fields.from}
        />
        <LifeInput
          field="due"
          type="date"
          label={t("lifeField.due")}
          value={due}
          onChange={setDue}
          error={refused.fields.due}
        />
      </div>
      <LifeInput
        field="note"
        label={t("lifeField.note")}
        value={note}
        onChange={setNote}
        error={refused.fields.note}
      />
    </StepDialog>
  );
}

export function ReturnDialog(props: { assetId: string; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const [condition, setCondition] = useState<Condition | "">("");
  const [on, setOn] = useState(localDate());
  const [note, setNote] = useState("");
  const { busy, refused, run } = useRefusal(["condition", "on", "note"], lifeFieldLabel);
  const save = async () => {
    const done = await run(() =>
      call("life_return", {
        id: props.assetId,
        today: localDate(),
        input: { condition, on, note },
      }),
    );
    if (done) {
      toast(t("life.returned"), "success");
      props.onClose();
    }
  };
  return (
    <StepDialog
      title={t("life.returnTitle")}
      testId="return-dialog"
      busy={busy}
      refused={refused}
      saveLabel={t("life.return")}
      onSave={() => void save()}
      onClose={props.onClose}
    >
      <LifeSelect
        field="condition"
        label={t("lifeField.condition")}
        value={condition}
        codes={conditions}
        text={(code) => t(`condition.${code}`)}
        onChange={setCondition}
        error={refused.fields.condition}
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
      <LifeInput
        field="note"
        label={t("lifeField.note")}
        value={note}
        onChange={setNote}
        error={refused.fields.note}
      />
    </StepDialog>
  );
}
