import { useState } from "react";
import type { CableKind } from "../../bindings/CableKind";
import type { LengthUnit } from "../../bindings/LengthUnit";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { cableKinds, kindText } from "./cableText";
import { EndPicker, isPicked, noPort, NoRacksYet, useHasRacks, type PickedPort } from "./EndPicker";
import { useRefusable } from "./useRefusable";

/** The kind, colour and length fields every cable form shares. */
export interface CableLook {
  kind: CableKind;
  colour: string;
  length: string;
  unit: LengthUnit;
}

export function CableLookFields(props: {
  value: CableLook;
  onChange: (value: CableLook) => void;
  testId: string;
}) {
  const t = useT();
  const { value, onChange } = props;
  return (
    <div className="form-row">
      <Field label={t("cable.field.kind")}>
        <select
          value={value.kind}
          data-testid={`${props.testId}-kind`}
          onChange={(event) => onChange({ ...value, kind: event.target.value as CableKind })}
        >
          {cableKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindText(kind)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("cable.field.colour")}>
        <input
          value={value.colour}
          data-testid={`${props.testId}-colour`}
          placeholder={t("cable.field.colourHint")}
          onChange={(event) => onChange({ ...value, colour: event.target.value })}
        />
      </Field>
      <Field label={t("cable.field.length")}>
        <input
          value={value.length}
          inputMode="decimal"
          data-testid={`${props.testId}-length`}
          onChange={(event) => onChange({ ...value, length: event.target.value })}
        />
      </Field>
      <Field label={t("cable.field.unit")}>
        <select
          value={value.unit}
          onChange={(event) => onChange({ ...value, unit: event.target.value as LengthUnit })}
        >
          <option value="m">m</option>
          <option value="cm">cm</option>
          <option value="ft">ft</option>
        </select>
      </Field>
    </div>
  );
}

/** The length as typed, or `undefined` when it is not a number (the form says so). */
export function parseLength(text: string): number | null | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Plans one cable between two ports; refused cables say every rule they break. */
export function AddCableDialog(props: { onClose: () => void; onAdded: (id: string) => void }) {
  const t = useT();
  const toast = useToast();
  const [a, setA] = useState<PickedPort>(noPort);
  const [b, setB] = useState<PickedPort>(noPort);
  const [look, setLook] = useState<CableLook>({ kind: "cat6a", colour: "", length: "", unit: "m" });
  const [label, setLabel] = useState("");
  const { busy, problems, run } = useRefusable();
  const hasRacks = useHasRacks();
  const length = parseLength(look.length);
  const ready = isPicked(a) && isPicked(b) && length !== undefined;

  const save = () =>
    run(async () => {
      if (!ready) return;
      const row = await call("cable_add", {
        draft: {
          a,
          b,
          kind: look.kind,
          colour: look.colour,
          length,
          length_unit: look.unit,
          label,
        },
      });
      toast(t("cable.added", { label: row.label }), "success");
      props.onAdded(row.id);
    });

  if (hasRacks === false) {
    return (
      <Dialog
        title={t("cable.addTitle")}
        onClose={props.onClose}
        testId="cable-add-dialog"
        footer={<Button onClick={props.onClose}>{t("common.close")}</Button>}
      >
        <NoRacksYet onGo={props.onClose} testId="cable-add-no-racks" />
      </Dialog>
    );
  }
  return (
    <Dialog
      title={t("cable.addTitle")}
      onClose={props.onClose}
      size="lg"
      testId="cable-add-dialog"
      dirty={
        a !== noPort ||
        b !== noPort ||
        label !== "" ||
        look.colour !== "" ||
        look.length !== "" ||
        look.kind !== "cat6a"
      }
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={!ready}
            onClick={() => void save()}
            data-testid="cable-add-save"
          >
            {t("cable.add")}
          </Button>
        </>
      }
    >
      <div className="end-pickers">
        <EndPicker legend={t("cable.endA")} value={a} onChange={setA} testId="cable-a" />
        <EndPicker legend={t("cable.endB")} value={b} onChange={setB} testId="cable-b" />
      </div>
      <CableLookFields value={look} onChange={setLook} testId="cable-add" />
      {length === undefined && <p className="field-error">{t("cable.field.lengthInvalid")}</p>}
      <Field label={t("cable.field.label")} hint={t("cable.field.labelHint")}>
        <input value={label} onChange={(event) => setLabel(event.target.value)} />
      </Field>
      {problems.length > 0 && <ProblemList lines={problems} />}
    </Dialog>
  );
}

/** Why something was refused, one reason a line. */
export function ProblemList({ lines }: { lines: readonly string[] }) {
  return (
    <ul className="problem-list" role="alert" data-testid="cable-problems">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}
