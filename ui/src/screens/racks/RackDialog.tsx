import { useState, type KeyboardEvent, type ReactElement } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { useLanguage, useT, type MessageKey, type Translate } from "../../i18n";
import { call, CommandError } from "../../ipc";
import type { Phase } from "../../bindings/Phase";
import type { Problem } from "../../bindings/Problem";
import { problemText, problemsOf } from "../../lib/problems";
import type { RackFormFactor } from "../../bindings/RackFormFactor";
import type { RackSpec } from "../../bindings/RackSpec";
import type { RackStatus } from "../../bindings/RackStatus";
import type { RackView } from "../../bindings/RackView";
import type { RackWidth } from "../../bindings/RackWidth";
import type { Redundancy } from "../../bindings/Redundancy";
import { describeError } from "../../lib/errors";
import { locale } from "../../lib/format";
import {
  checkRackSpec,
  defaultRackSpec,
  feedCapacityKw,
  rackFormOf,
  rackSpecOf,
  type FeedRow,
  type RackForm,
  type Tile,
} from "./floorMath";

export const rackStatuses: readonly RackStatus[] = ["planned", "active", "reserved", "deprecated"];
export const rackWidths: readonly RackWidth[] = ["19in", "21in", "23in"];
export const rackFormFactors: readonly RackFormFactor[] = [
  "4_post_cabinet",
  "4_post_frame",
  "2_post_frame",
  "wall_cabinet",
];
const redundancies: readonly Redundancy[] = ["ab", "none"];
const rotations = [0, 90, 180, 270] as const;
const phases: readonly Phase[] = ["single", "three"];

/** The refused fields of a failed site, room, row or rack save (an `invalid` error). */
export function placeFieldErrorsOf(error: unknown): readonly Problem[] {
  return error instanceof CommandError && error.kind === "invalid" ? problemsOf(error) : [];
}

/** One refused field in words; `duplicate` says which kind of thing already has the name. */
export function placeFieldMessage(t: Translate, error: Problem, duplicate: MessageKey): string {
  if (error.code === "duplicate") return t(duplicate, { value: error.value });
  return problemText(t, error);
}

interface RackDialogProps {
  roomId: string;
  rows: readonly { id: string; name: string }[];
  /** The rack being edited; absent for a new rack. */
  initial?: { id: string; spec: RackSpec };
  /** Where a new rack stands; an edited rack stays where it is. */
  at?: Tile;
  onClose: () => void;
  onSaved: (view: RackView) => void;
}

/** Adds a rack to a room or edits one: size, row, status and its power feeds. */
export function RackDialog({ roomId, rows, initial, at, onClose, onSaved }: RackDialogProps) {
  const t = useT();
  const { language } = useLanguage();
  const start = initial?.spec ?? defaultRackSpec(roomId, at ?? { x: 0, y: 0 });
  const position = { x: start.x, y: start.y };
  const [form, setForm] = useState<RackForm>(() => rackFormOf(start));
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<readonly Problem[]>([]);
  const [formError, setFormError] = useState<string>();
  const kw = new Intl.NumberFormat(locale(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });

  const set = <K extends keyof RackForm>(field: K, value: RackForm[K]) => {
    setForm((previous) => ({ ...previous, [field]: value }));
    setErrors((list) => list.filter((error) => error.field !== field));
  };
  const setFeed = (key: number, change: Partial<FeedRow>) =>
    set(
      "feeds",
      form.feeds.map((feed) => (feed.key === key ? { ...feed, ...change } : feed)),
    );

  const errorFor = (field: string) => {
    const error = errors.find((candidate) => candidate.field === field);
    if (error === undefined) return undefined;
    // A feed is named by its value; its limits are worth spelling out.
    if (field === "feeds")
      return error.code === "required"
        ? t("floor.feed.nameRequired")
        : t("floor.feed.outOfRange", { name: error.value });
    return placeFieldMessage(t, error, "floor.rackDialog.duplicateName");
  };

  const save = async () => {
    if (saving) return;
    const spec = rackSpecOf(form, position);
    const problems = checkRackSpec(spec);
    setErrors(problems);
    setFormError(undefined);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      onSaved(await call("rack_save", { id: initial?.id ?? null, spec }));
    } catch (failure) {
      setSaving(false);
      const refused = placeFieldErrorsOf(failure);
      setErrors(refused);
      // Fields with a control show their error under it; the rest (the position) go on top.
      const shown = new Set([
        "name",
        "row",
        "height_u",
        "starting_unit",
        "depth_mm",
        "max_weight_kg",
        "rotation",
        "feeds",
      ]);
      const elsewhere = refused.filter((error) => !shown.has(error.field));
      setFormError(
        refused.length === 0
          ? describeError(t, failure)
          : elsewhere.length > 0
            ? elsewhere
                .map((error) => placeFieldMessage(t, error, "floor.rackDialog.duplicateName"))
                .join(" ")
            : undefined,
      );
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      void save();
    }
  };

  const field = (
    name: string,
    label: string,
    control: ReactElement<Record<string, unknown>>,
    required = false,
  ) => (
    <Field label={label} required={required} error={errorFor(name)}>
      {control}
    </Field>
  );
  const number = (name: "height_u" | "starting_unit" | "depth_mm" | "max_weight_kg") => (
    <input
      className="input tabular"
      inputMode="decimal"
      name={name}
      data-testid={`rack-${name}`}
      value={form[name]}
      onChange={(event) => set(name, event.target.value)}
    />
  );
  const select = <K extends "status" | "width" | "form_factor" | "redundancy" | "row">(
    name: K,
    options: readonly { value: string; label: string }[],
  ) => (
    <select
      className="input"
      name={name}
      data-testid={`rack-${name}`}
      value={form[name]}
      onChange={(event) => set(name, event.target.value as RackForm[K])}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );

  const totalKw = rackSpecOf(form, position).feeds.reduce(
    (sum, feed) => sum + (Number.isFinite(feedCapacityKw(feed)) ? feedCapacityKw(feed) : 0),
    0,
  );

  return (
    <Dialog
      title={
        initial === undefined
          ? t("floor.rackDialog.newTitle")
          : t("floor.rackDialog.editTitle", { name: initial.spec.name })
      }
      size="lg"
      testId="rack-dialog"
      onClose={onClose}
      onKeyDown={onKeyDown}
      footer={
        <>
          <span className="footer-hint">{t("floor.rackDialog.hint")}</span>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={saving}
            onClick={() => void save()}
            data-testid="rack-save"
          >
            {saving ? t("common.saving") : t("common.save")}
          </Button>
        </>
      }
    >
      <form
        className="asset-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {formError !== undefined && (
          <div className="banner banner-error" role="alert" data-testid="rack-form-error">
            {formError}
          </div>
        )}
        <p className="muted tabular">
          {t("floor.rackDialog.position", { x: position.x, y: position.y })}
        </p>
        <fieldset className="form-group">
          <legend>{t("floor.rackDialog.identity")}</legend>
          <div className="form-grid">
            {field(
              "name",
              t("floor.rackDialog.name"),
              <input
                className="input"
                name="name"
                data-testid="rack-name"
                data-autofocus
                autoComplete="off"
                spellCheck={false}
                placeholder={t("floor.rackDialog.namePlaceholder")}
                value={form.name}
                onChange={(event) => set("name", event.target.value)}
              />,
              true,
            )}
            {field(
              "row",
              t("floor.rackDialog.row"),
              select("row", [
                { value: "", label: t("common.none") },
                ...rows.map((row) => ({ value: row.id, label: row.name })),
              ]),
            )}
            {field(
              "status",
              t("floor.rackDialog.status"),
              select(
                "status",
                rackStatuses.map((code) => ({ value: code, label: t(`floor.rackStatus.${code}`) })),
              ),
            )}
          </div>
        </fieldset>
        <fieldset className="form-group">
          <legend>{t("floor.rackDialog.build")}</legend>
          <div className="form-grid">
            {field("height_u", t("floor.rackDialog.heightU"), number("height_u"), true)}
            {field("starting_unit", t("floor.rackDialog.startingUnit"), number("starting_unit"))}
            {field(
              "width",
              t("floor.rackDialog.width"),
              select(
                "width",
                rackWidths.map((code) => ({ value: code, label: t(`floor.rackWidth.${code}`) })),
              ),
            )}
            {field("depth_mm", t("floor.rackDialog.depthMm"), number("depth_mm"))}
            {field(
              "form_factor",
              t("floor.rackDialog.formFactor"),
              select(
                "form_factor",
                rackFormFactors.map((code) => ({
                  value: code,
                  label: t(`floor.formFactor.${code}`),
                })),
              ),
            )}
            {field("max_weight_kg", t("floor.rackDialog.maxWeightKg"), number("max_weight_kg"))}
            {field(
              "rotation",
              t("floor.rackDialog.rotation"),
              <select
                className="input"
                name="rotation"
                value={form.rotation}
                onChange={(event) => set("rotation", Number(event.target.value))}
              >
                {rotations.map((degrees) => (
                  <option key={degrees} value={degrees}>
                    {t(`floor.rotation.${degrees}`)}
                  </option>
                ))}
              </select>,
            )}
          </div>
        </fieldset>
        <fieldset className="form-group">
          <legend>{t("floor.rackDialog.power")}</legend>
          <div className="form-grid">
            {field(
              "redundancy",
              t("floor.rackDialog.redundancy"),
              select(
                "redundancy",
                redundancies.map((code) => ({ value: code, label: t(`floor.redundancy.${code}`) })),
              ),
            )}
          </div>
          <table className="feed-table" data-testid="rack-feeds">
            <thead>
              <tr>
                <th>{t("floor.feed.name")}</th>
                <th>{t("floor.feed.voltage")}</th>
                <th>{t("floor.feed.amperage")}</th>
                <th>{t("floor.feed.phase")}</th>
                <th>{t("floor.feed.utilisation")}</th>
                <th className="align-end">{t("floor.feed.capacity")}</th>
                <th>
                  <span className="sr-only">{t("floor.feed.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.feeds.map((row, index) => {
                const feed = rackSpecOf({ ...form, feeds: [row] }, position).feeds[0]!;
                const capacity = feedCapacityKw(feed);
                const cell = (key: "name" | "voltage" | "amperage" | "percent", label: string) => (
                  <input
                    className={`input ${key === "name" ? "" : "tabular"}`}
                    aria-label={`${label} ${index + 1}`}
                    inputMode={key === "name" ? undefined : "decimal"}
                    value={row[key]}
                    onChange={(event) => setFeed(row.key, { [key]: event.target.value })}
                  />
                );
                return (
                  <tr key={row.key} data-testid="rack-feed">
                    <td>{cell("name", t("floor.feed.name"))}</td>
                    <td>{cell("voltage", t("floor.feed.voltage"))}</td>
                    <td>{cell("amperage", t("floor.feed.amperage"))}</td>
                    <td>
                      <select
                        className="input"
                        aria-label={`${t("floor.feed.phase")} ${index + 1}`}
                        value={row.phase}
                        onChange={(event) =>
                          setFeed(row.key, { phase: event.target.value as Phase })
                        }
                      >
                        {phases.map((phase) => (
                          <option key={phase} value={phase}>
                            {t(`floor.phase.${phase}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{cell("percent", t("floor.feed.utilisation"))}</td>
                    <td className="align-end tabular" data-testid="rack-feed-capacity">
                      {Number.isFinite(capacity) ? `${kw.format(capacity)} kW` : "—"}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="icon-btn icon-btn-sm"
                        aria-label={`${t("floor.feed.remove")} ${row.name}`}
                        onClick={() =>
                          set(
                            "feeds",
                            form.feeds.filter((other) => other.key !== row.key),
                          )
                        }
                      >
                        <Icon name="x" size={14} />
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {errorFor("feeds") !== undefined && (
            <p className="field-error" role="alert">
              {errorFor("feeds")}
            </p>
          )}
          <div className="feed-footer">
            <Button
              size="sm"
              variant="ghost"
              icon={<Icon name="plus" size={14} />}
              data-testid="rack-feed-add"
              onClick={() =>
                set("feeds", [
                  ...form.feeds,
                  {
                    key: Math.max(-1, ...form.feeds.map((feed) => feed.key)) + 1,
                    name: String.fromCharCode(65 + form.feeds.length),
                    voltage: "220",
                    amperage: "32",
                    phase: "single",
                    percent: "80",
                  },
                ])
              }
            >
              {t("floor.feed.add")}
            </Button>
            <span className="muted tabular" data-testid="rack-feeds-total">
              {t("floor.feed.total", { kw: kw.format(totalKw) })}
            </span>
          </div>
        </fieldset>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
