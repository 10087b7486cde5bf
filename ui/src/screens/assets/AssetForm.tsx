import {
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
} from "react";
import { DateInput } from "../../components/DateInput";
import { Button } from "../../components/Button";
import { Combobox } from "../../components/Combobox";
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
import { useCommand } from "../../lib/useCommand";
import type { LocationSite } from "../../bindings/LocationSite";

const NO_ARGS = {};

/** Names compare as the Rust side compares them: NFC, case-insensitive, trimmed. */
function sameName(a: string, b: string): boolean {
  return a.normalize("NFC").trim().toLowerCase() === b.normalize("NFC").trim().toLowerCase();
}

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

  // The location is picked from the workspace's places: a site, its room, the room's rack
  // (whose row comes with it) and a unit of that rack.
  const choices = useCommand("asset_location_choices", NO_ARGS);
  const sites: readonly LocationSite[] = choices.data ?? [];
  const site = sites.find((choice) => sameName(choice.name, values.site));
  const room = site?.rooms.find((choice) => sameName(choice.name, values.room));
  const rack = room?.racks.find((choice) => sameName(choice.name, values.rack));
  // An asset hanging in a rack takes its rack and unit from its placement: moved in the rack
  // editor, never here (Rust refuses it as placed_in_rack).
  const places = useCommand("asset_place", mode.kind === "edit" ? { id: mode.row.asset.id } : null);
  const mounted = (places.data?.placement ?? null) !== null;
  /** Sets one level of the location and clears the levels under it once it names another. */
  const pickPlace = (field: "site" | "room" | "rack", value: string) => {
    const below = {
      site: ["room", "rack", "row", "unit"],
      room: ["rack", "row", "unit"],
      rack: [],
    }[field] as AssetField[];
    const changed = !sameName(values[field], value);
    update(field, value);
    if (changed) for (const level of below) if (values[level] !== "") update(level, "");
    if (field === "rack") {
      const picked = room?.racks.find((choice) => sameName(choice.name, value));
      update("row", picked?.row ?? "");
    }
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
      disabled?: boolean;
    } = {},
  ) => (
    <input
      className={`input ${props.mono ? "tabular" : ""}`}
      data-testid={`field-${field}`}
      name={field}
      value={values[field]}
      disabled={props.disabled}
      placeholder={props.placeholder}
      inputMode={props.inputMode}
      data-autofocus={props.autoFocus || undefined}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => update(field, event.target.value)}
    />
  );

  // The app's one date input (YYYY-MM-DD, as CSV and Rust write dates; ↑ ↓ a day).
  const date = (field: AssetField) => (
    <DateInput
      value={values[field]}
      onChange={(value) => update(field, value)}
      testId={`field-${field}`}
    />
  );

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
          <div className="form-grid form-grid-location">
            {control(
              "site",
              <Combobox
                testId="field-site"
                name="site"
                disabled={mounted}
                value={values.site}
                options={sites.map((choice) => ({ value: choice.name }))}
                onChange={(value) => pickPlace("site", value)}
                placeholder={t("placeholder.pickSite")}
                emptyText={t("location.noSites")}
                noMatchText={t("location.noMatch")}
              />,
            )}
            {control(
              "room",
              <Combobox
                testId="field-room"
                name="room"
                disabled={mounted}
                value={values.room}
                options={(site?.rooms ?? []).map((choice) => ({ value: choice.name }))}
                onChange={(value) => pickPlace("room", value)}
                placeholder={t("placeholder.pickRoom")}
                emptyText={site === undefined ? t("location.pickSiteFirst") : t("location.noRooms")}
                noMatchText={t("location.noMatch")}
              />,
            )}
            {control(
              "rack",
              <Combobox
                testId="field-rack"
                name="rack"
                disabled={mounted}
                value={values.rack}
                options={(room?.racks ?? []).map((choice) => ({
                  value: choice.name,
                  hint:
                    choice.row === ""
                      ? t("location.rackUnits", {
                          first: choice.first_unit,
                          last: choice.last_unit,
                        })
                      : t("location.rackRow", {
                          row: choice.row,
                          first: choice.first_unit,
                          last: choice.last_unit,
                        }),
                }))}
                onChange={(value) => pickPlace("rack", value)}
                placeholder={t("placeholder.pickRack")}
                emptyText={room === undefined ? t("location.pickRoomFirst") : t("location.noRacks")}
                noMatchText={t("location.noMatch")}
              />,
              {
                hint: mounted
                  ? t("location.mounted")
                  : rack !== undefined && rack.row !== ""
                    ? t("location.row", { row: rack.row })
                    : undefined,
              },
            )}
            {control(
              "unit",
              text("unit", {
                placeholder:
                  rack === undefined
                    ? t("placeholder.unit")
                    : `${rack.first_unit}–${rack.last_unit}`,
                inputMode: "numeric",
                mono: true,
                disabled: mounted,
              }),
              {
                hint:
                  rack === undefined || mounted
                    ? undefined
                    : t("location.unitRange", { first: rack.first_unit, last: rack.last_unit }),
              },
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
