// Add or edit a substitute (대결): who is away, who approves for them, from and until which
// day (inclusive), and why. Problems show at their fields.
import { useEffect, useRef, useState } from "react";
import type { Substitute } from "../../../bindings/Substitute";
import type { SubstituteInput } from "../../../bindings/SubstituteInput";
import { Button } from "../../../components/Button";
import { DateInput } from "../../../components/DateInput";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { useToast } from "../../../components/Toast";
import { type MessageKey, type Translate, useT } from "../../../i18n";
import { call } from "../../../ipc";
import { useRefusal } from "../../../lib/problems";
import { PersonInput, useRosterPeople } from "./people";

const substituteFields = ["absent", "substitute", "from", "until", "reason"];

function substituteFieldLabel(t: Translate, field: string): string | undefined {
  return substituteFields.includes(field) ? t(`subst.field.${field}` as MessageKey) : undefined;
}

const nobody = { who: "", name: "" };

export function SubstituteDialog(props: {
  // The substitute to edit; null: a new one.
  substitute: Substitute | null;
  onClose: () => void;
  onSaved: (substitute: Substitute) => void;
}) {
  const t = useT();
  const toast = useToast();
  const people = useRosterPeople();
  const editing = props.substitute;
  const [initial] = useState<SubstituteInput>(() =>
    editing === null
      ? { absent: nobody, substitute: nobody, from: "", until: "", reason: "" }
      : {
          absent: editing.absent,
          substitute: editing.substitute,
          from: editing.from,
          until: editing.until,
          reason: editing.reason,
        },
  );
  const [form, setForm] = useState(initial);
  const set = (change: Partial<SubstituteInput>) =>
    setForm((current) => ({ ...current, ...change }));
  const { busy, refused, run } = useRefusal(substituteFields, substituteFieldLabel);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (Object.keys(refused.fields).length === 0) return;
    body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  const save = async () => {
    let saved: Substitute | undefined;
    const done = await run(async () => {
      saved =
        editing === null
          ? await call("substitute_add", { input: form })
          : await call("substitute_edit", { id: editing.id, input: form });
    });
    if (done && saved !== undefined) {
      toast(
        t(editing === null ? "subst.added" : "subst.saved", {
          absent: saved.absent.name || saved.absent.who,
          substitute: saved.substitute.name || saved.substitute.who,
          from: saved.from,
          until: saved.until,
        }),
        "success",
      );
      props.onSaved(saved);
    }
  };

  const person = (value: SubstituteInput["absent"]) => (value.who === "" ? null : value);
  return (
    <Dialog
      title={t(editing === null ? "subst.addTitle" : "subst.editTitle")}
      onClose={props.onClose}
      testId="substitute-dialog"
      dirty={JSON.stringify(form) !== JSON.stringify(initial)}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={() => void save()}
            data-testid="substitute-save"
          >
            {t("common.save")}
          </Button>
        </>
      }
    >
      <div className="vendor-form" ref={body}>
        {people !== null && people !== undefined && people.length === 0 && (
          <p className="banner banner-warning" role="status" data-testid="rules-no-roster">
            {t("rules.noRoster")}
          </p>
        )}
        <div className="form-row">
          <Field
            label={t("subst.field.absent")}
            error={refused.fields.absent}
            required
            testId="substitute-field-absent-wrap"
          >
            <PersonInput
              people={people}
              value={person(form.absent)}
              onChange={(absent) => set({ absent: absent ?? nobody })}
              testId="substitute-field-absent"
            />
          </Field>
          <Field
            label={t("subst.field.substitute")}
            error={refused.fields.substitute}
            required
            testId="substitute-field-substitute-wrap"
          >
            <PersonInput
              people={people}
              value={person(form.substitute)}
              onChange={(substitute) => set({ substitute: substitute ?? nobody })}
              testId="substitute-field-substitute"
            />
          </Field>
        </div>
        <div className="form-row">
          <Field
            label={t("subst.field.from")}
            error={refused.fields.from}
            required
            testId="substitute-field-from-wrap"
          >
            <DateInput
              value={form.from}
              onChange={(from) => set({ from })}
              testId="substitute-field-from"
            />
          </Field>
          <Field
            label={t("subst.field.until")}
            error={refused.fields.until}
            required
            testId="substitute-field-until-wrap"
          >
            <DateInput
              value={form.until}
              onChange={(until) => set({ until })}
              testId="substitute-field-until"
            />
          </Field>
        </div>
        <Field label={t("subst.field.reason")} error={refused.fields.reason}>
          <input
            value={form.reason}
            data-testid="substitute-field-reason"
            onChange={(event) => set({ reason: event.target.value })}
          />
        </Field>
        {refused.lines.length > 0 && (
          <ul className="problem-list" role="alert" data-testid="substitute-problems">
            {refused.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
