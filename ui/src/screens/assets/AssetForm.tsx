import {
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
} from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { call, CommandError } from "../../ipc";
import {
  blankValues,
  inputForEdit,
  inputForRegister,
  valuesFromAsset,
  type FormValues,
} from "../../lib/assetForm";
import {
  assetFields,
  assetStatuses,
  assetTypes,
  currencies,
  type AssetField,
  type AssetRow,
} from "../../lib/dto";
import { problemsOf, refusal } from "../../lib/problems";

export type FormMode = { kind: "register" } | { kind: "edit"; row: AssetRow };

interface AssetFormProps {
  mode: FormMode;
  onSaved: (row: AssetRow) => void;
  onCancel: () => void;
}

/**
 * Registers a new asset or edits one (the same form). Rust validates; its `invalid` error
 * comes back with one problem per refused field, shown translated under that field.
 */
export function AssetForm({ mode, onSaved, onCancel }: AssetFormProps) {
  const t = useT();
  const original = useMemo(
    () => (mode.kind === "edit" ? valuesFromAsset(mode.row.asset) : blankValues()),
    [mode],
  );
  const [values, setValues] = useState<FormValues>(original);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string>();
  const form = useRef<HTMLFormElement>(null);

  const update = (field: AssetField, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    if (errors[field] !== undefined) setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setFormError(undefined);
    try {
      let row: AssetRow;
      if (mode.kind === "register") {
        row = await call("asset_register", { input: inputForRegister(values) });
      } else {
        const input = inputForEdit(original, values);
        if (Object.keys(input).length === 0) {
          onCancel();
          return;
        }
        row = await call("asset_edit", { id: mode.row.asset.id, input });
      }
      onSaved(row);
    } catch (failure) {
      setSaving(false);
      const problems = problemsOf(failure);
      const refused = refusal(t, failure, assetFields);
      setErrors(refused.fields);
      if (failure instanceof CommandError && failure.kind === "invalid" && problems.length > 0) {
        const duplicate = problems.find((problem) => problem.code === "duplicate_asset_tag");
        setFormError(
          duplicate !== undefined
            ? t("form.duplicateTag", { value: duplicate.value })
            : t("form.errorSummary", { count: problems.length }),
        );
        const first = problems[0];
        if (first !== undefined)
          window.requestAnimationFrame(() =>
            form.current
              ?.querySelector<HTMLElement>(`[data-testid="field-${first.field}"]`)
              ?.focus(),
          );
      } else {
        setFormError(refused.lines.join(" "));
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    if (
      mod &&
      (event.key === "Enter" || event.key.toLowerCase() === "s" || event.code === "KeyS")
    ) {
      event.preventDefault();
      void save();
    }
  };

  const control = (
    field: AssetField,
    element: ReactNode,
    options: { required?: boolean; className?: string; hint?: string } = {},
  ) => (
    <Field
      label={t(`field.${field}`)}
      required={options.required}
      className={options.className}
      hint={options.hint}
      error={errors[field]}
    >
      {element as ReactElement<Record<string, unknown>>}
    </Field>
  );

  const text = (
    field: AssetField,
    props: {
      placeholder?: string;
      autoFocus?: boolean;
      inputMode?: "numeric" | "decimal";
      mono?: boolean;
    } = {},
  ) => (
    <input
      className={`input ${props.mono ? "tabular" : ""}`}
      data-testid={`field-${field}`}
      name={field}
      value={values[field]}
      placeholder={props.placeholder}
      inputMode={props.inputMode}
      data-autofocus={props.autoFocus || undefined}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => update(field, event.target.value)}
    />
  );

  // Dates are typed as YYYY-MM-DD, the form CSV and the Rust side use. WebKitGTK's own date
  // control follows the OS locale (mm/dd/yyyy under an English session) and has no picker.
  const date = (field: AssetField) =>
    text(field, { placeholder: "YYYY-MM-DD", inputMode: "numeric", mono: true });

  const select = (
    field: AssetField,
    options: readonly string[],
    label: (code: string) => string,
  ) => (
    <select
      className="input"
      data-testid={`field-${field}`}
      name={field}
      value={values[field]}
      onChange={(event) => update(field, event.target.value)}
    >
      {options.map((code) => (
        <option key={code} value={code}>
          {label(code)}
        </option>
      ))}
    </select>
  );

  const title =
    mode.kind === "register"
      ? t("form.newTitle")
      : t("form.editTitle", { tag: mode.row.asset.asset_tag });

  return (
    <Dialog
      title={title}
      onClose={onCancel}
      size="lg"
      testId="asset-form"
      onKeyDown={onKeyDown}
      dirty={(Object.keys(values) as (keyof FormValues)[]).some(
        (field) => values[field] !== original[field],
      )}
      footer={
        <>
          <span className="footer-hint">{t("form.hint")}</span>
          <Button onClick={onCancel} data-testid="form-cancel">
            {t("common.cancel")}
          </Button>
          <Button
            variant="primary"
            busy={saving}
            onClick={() => void save()}
            data-testid="save-asset"
          >
            {saving ? t("common.saving") : t("common.save")}
          </Button>
        </>
      }
    >
      <form
        ref={form}
        className="asset-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {formError !== undefined && (
          <div className="banner banner-error" role="alert" data-testid="form-error">
            {formError}
          </div>
        )}
        <fieldset className="form-group">
          <legend>{t("detail.identity")}</legend>
          <div className="form-grid">
            {control(
              "asset_tag",
              text("asset_tag", {
                placeholder: t("placeholder.asset_tag"),
                autoFocus: true,
                mono: true,
              }),
              { required: true },
            )}
            {control(
              "asset_type",
              select("asset_type", assetTypes, (code) => t(`assetType.${code as "server"}`)),
              { required: true },
            )}
            {control(
              "status",
              select("status", assetStatuses, (code) => t(`status.${code as "in_use"}`)),
              { required: true },
            )}
            {control("manufacturer", text("manufacturer"))}
            {control("model", text("model"))}
            {control("serial", text("serial", { mono: true }))}
          </div>
        </fieldset>
        <fieldset className="form-group">
          <legend>{t("detail.purchase")}</legend>
          <div className="form-grid">
            {control("purchase_date", date("purchase_date"))}
            <div className="form-pair">
              {control(
                "cost",
                text("cost", {
                  placeholder: t("placeholder.cost"),
                  inputMode: "decimal",
                  mono: true,
                }),
                { className: "grow" },
              )}
              {control(
                "currency",
                select("currency", currencies, (code) => code),
                { className: "currency" },
              )}
            </div>
            {control("warranty_end", date("warranty_end"))}
          </div>
        </fieldset>
        <fieldset className="form-group">
          <legend>{t("detail.location")}</legend>
          <div className="form-grid form-grid-5">
            {control("site", text("site", { placeholder: t("placeholder.site") }))}
            {control("room", text("room", { placeholder: t("placeholder.room") }))}
            {control("row", text("row", { placeholder: t("placeholder.row") }))}
            {control("rack", text("rack", { placeholder: t("placeholder.rack") }))}
            {control(
              "unit",
              text("unit", {
                placeholder: t("placeholder.unit"),
                inputMode: "numeric",
                mono: true,
              }),
            )}
          </div>
        </fieldset>
        <fieldset className="form-group">
          <legend>{t("detail.notesTags")}</legend>
          <div className="form-grid">
            {control("owner", text("owner"))}
            {control("tags", text("tags", { placeholder: t("placeholder.tags") }), {
              className: "span-2",
            })}
            {control(
              "notes",
              <textarea
                className="input textarea"
                data-testid="field-notes"
                name="notes"
                rows={3}
                value={values.notes}
                onChange={(event) => update("notes", event.target.value)}
              />,
              { className: "span-3" },
            )}
          </div>
        </fieldset>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
