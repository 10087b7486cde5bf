import { useState, type ChangeEvent, type KeyboardEvent, type ReactElement } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useT, type MessageKey } from "../../i18n";
import { call } from "../../ipc";
import type { Problem } from "../../bindings/Problem";
import { formProblem } from "../../lib/problems";
import type { Site } from "../../bindings/Site";
import { describeError } from "../../lib/errors";
import { useCache, useCommand } from "../../lib/useCommand";
import { parseNumber } from "./floorMath";
import { placeFieldErrorsOf, placeFieldMessage } from "./RackDialog";

interface PlacesTreeProps {
  selectedRoom: string | null;
  onSelectRoom: (roomId: string) => void;
}

/**
 * The sites and their rooms, with a button per room to open its floor plan. Arrow keys move
 * between rooms; the open room is marked with aria-current.
 */
export function PlacesTree({ selectedRoom, onSelectRoom }: PlacesTreeProps) {
  const t = useT();
  const cache = useCache();
  const toast = useToast();
  const tree = useCommand("places_tree", {});
  const [adding, setAdding] = useState<{ kind: "site" } | { kind: "room"; site: Site }>();
  const sites = tree.data;

  const onListKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(".places-room")];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    const next =
      items[Math.max(0, Math.min(items.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))];
    next?.focus();
  };

  const addSiteButton = (
    <Button
      edits="records"
      size="sm"
      icon={<Icon name="plus" size={14} />}
      onClick={() => setAdding({ kind: "site" })}
      data-testid="site-add"
    >
      {t("places.addSite")}
    </Button>
  );

  let body;
  if (tree.error !== undefined && sites === undefined) {
    body = (
      <div className="center-message" role="alert">
        <p>{t("places.loadFailed")}</p>
        <p className="muted">{describeError(t, tree.error)}</p>
        <Button onClick={() => cache.invalidate()}>{t("common.retry")}</Button>
      </div>
    );
  } else if (sites === undefined) {
    body = (
      <div className="center-message">
        <Spinner size={18} label={t("common.loading")} />
      </div>
    );
  } else if (sites.length === 0) {
    body = (
      <EmptyState
        testId="places-empty"
        icon="layers"
        title={t("places.emptyTitle")}
        body={t("places.emptyBody")}
        actions={addSiteButton}
      />
    );
  } else {
    body = (
      <ul className="places-sites" onKeyDown={onListKeyDown}>
        {sites.map(({ site, rooms }) => (
          <li key={site.id} className="places-site" data-site-id={site.id}>
            <div className="places-site-head" title={site.address || undefined}>
              <span className="places-site-name">{site.name}</span>
              {site.code !== "" && <span className="places-site-code">{site.code}</span>}
              <button
                type="button"
                className="icon-btn icon-btn-sm"
                aria-label={t("places.addRoomTo", { site: site.name })}
                title={t("places.addRoom")}
                onClick={() => setAdding({ kind: "room", site })}
                data-testid={`room-add-${site.id}`}
              >
                <Icon name="plus" size={14} />
              </button>
            </div>
            {rooms.length === 0 ? (
              <p className="places-no-rooms muted">{t("places.noRooms")}</p>
            ) : (
              <ul className="places-rooms">
                {rooms.map((room) => (
                  <li key={room.id}>
                    <button
                      type="button"
                      className="places-room"
                      aria-current={room.id === selectedRoom ? "true" : undefined}
                      onClick={() => onSelectRoom(room.id)}
                      data-testid="room-item"
                      data-room-id={room.id}
                    >
                      <span className="places-room-name">{room.name}</span>
                      <span className="places-room-count tabular">
                        {t("places.rackCount", { count: room.racks })}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <nav className="places" aria-label={t("places.title")} data-testid="places-tree">
      <header className="places-head">
        <h2 className="places-title">{t("places.title")}</h2>
        {sites !== undefined && sites.length > 0 && addSiteButton}
      </header>
      <div className="places-body">{body}</div>
      {adding?.kind === "site" && (
        <PlaceDialog
          title={t("places.siteDialog.title")}
          testId="site-dialog"
          duplicate="places.siteDialog.duplicateName"
          fields={[
            { name: "name", label: t("places.siteDialog.name"), required: true },
            {
              name: "code",
              label: t("places.siteDialog.code"),
              hint: t("places.siteDialog.codeHint"),
            },
            { name: "address", label: t("places.siteDialog.address") },
          ]}
          initial={{ name: "", code: "", address: "" }}
          save={(values) =>
            call("site_save", {
              id: null,
              input: {
                name: values.name ?? "",
                code: values.code ?? "",
                address: values.address ?? "",
              },
            })
          }
          onClose={() => setAdding(undefined)}
          onSaved={(site) => {
            setAdding(undefined);
            cache.invalidate();
            toast(t("places.siteSaved", { name: site.name }));
          }}
        />
      )}
      {adding?.kind === "room" && (
        <PlaceDialog
          title={t("places.roomDialog.title", { site: adding.site.name })}
          testId="room-dialog"
          duplicate="places.roomDialog.duplicateName"
          fields={[
            { name: "name", label: t("places.roomDialog.name"), required: true },
            {
              name: "columns",
              label: t("places.roomDialog.columns"),
              range: [1, 500],
              hint: t("places.range", { low: 1, high: 500 }),
            },
            {
              name: "rows",
              label: t("places.roomDialog.rows"),
              range: [1, 500],
              hint: t("places.range", { low: 1, high: 500 }),
            },
            {
              name: "tile_mm",
              label: t("places.roomDialog.tileMm"),
              range: [300, 1200],
              hint: t("places.range", { low: 300, high: 1200 }),
            },
          ]}
          initial={{ name: "", columns: "20", rows: "12", tile_mm: "600" }}
          save={(values) =>
            call("room_save", {
              id: null,
              input: {
                site: adding.site.id,
                name: values.name ?? "",
                columns: parseNumber(values.columns ?? ""),
                rows: parseNumber(values.rows ?? ""),
                tile_mm: parseNumber(values.tile_mm ?? ""),
              },
            })
          }
          onClose={() => setAdding(undefined)}
          onSaved={(room) => {
            setAdding(undefined);
            cache.invalidate();
            toast(t("places.roomSaved", { name: room.name }));
            onSelectRoom(room.id);
          }}
        />
      )}
    </nav>
  );
}

export interface PlaceField {
  name: string;
  label: string;
  required?: boolean;
  /** Numbers within these bounds, as Rust checks them; whole numbers unless `decimal`. */
  range?: readonly [number, number];
  decimal?: boolean;
  /** A select with these choices instead of a text box. */
  options?: readonly { value: string; label: string }[];
  /** Shown only while this holds for the values typed so far. */
  when?: (values: Readonly<Record<string, string>>) => boolean;
  hint?: string;
}

/** The fields of `fields` whose values are missing or out of bounds, as Rust would say. */
export function checkPlaceFields(
  fields: readonly PlaceField[],
  values: Readonly<Record<string, string>>,
): Problem[] {
  return fields.flatMap((field): Problem[] => {
    if (field.when !== undefined && !field.when(values)) return [];
    const text = (values[field.name] ?? "").trim();
    if (field.required && text === "") return [formProblem(field.name, "required")];
    if (field.range === undefined) return [];
    const value = parseNumber(text);
    const [low, high] = field.range;
    const fits =
      Number.isFinite(value) &&
      value >= low &&
      value <= high &&
      (field.decimal === true || Number.isInteger(value));
    return fits ? [] : [formProblem(field.name, "out_of_range", text)];
  });
}

interface PlaceFormOptions<R> {
  /** Prefix of the fields' test ids: `${testId}-${field}`. */
  testId: string;
  /** The message for a `duplicate` name. */
  duplicate: MessageKey;
  fields: readonly PlaceField[];
  initial: Record<string, string>;
  save: (values: Record<string, string>) => Promise<R>;
  onSaved: (result: R) => void;
}

/**
 * A small form for a site, a room, a row or a floor object: the fields (checked here first,
 * as Rust checks them), the server's refused fields under them, anything else in a banner.
 */
export function usePlaceForm<R>(options: PlaceFormOptions<R>) {
  const t = useT();
  const [values, setValues] = useState(options.initial);
  const [errors, setErrors] = useState<readonly Problem[]>([]);
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const fields = options.fields.filter((field) => field.when === undefined || field.when(values));

  const save = async () => {
    if (saving) return;
    const problems = checkPlaceFields(fields, values);
    setErrors(problems);
    setFormError(undefined);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      const result = await options.save(values);
      setSaving(false);
      options.onSaved(result);
    } catch (failure) {
      setSaving(false);
      const refused = placeFieldErrorsOf(failure);
      setErrors(refused);
      const names = new Set(fields.map((field) => field.name));
      const elsewhere = refused.filter((error) => !names.has(error.field));
      if (refused.length === 0) setFormError(describeError(t, failure));
      else if (elsewhere.length > 0)
        setFormError(
          elsewhere.map((error) => placeFieldMessage(t, error, options.duplicate)).join(" "),
        );
    }
  };

  const body = (
    <>
      {formError !== undefined && (
        <div className="banner banner-error" role="alert">
          {formError}
        </div>
      )}
      {fields.map((field, index) => {
        const error = errors.find((candidate) => candidate.field === field.name);
        const common = {
          name: field.name,
          "data-autofocus": index === 0 || undefined,
          "data-testid": `${options.testId}-${field.name}`,
          value: values[field.name] ?? "",
          onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
            const value = event.target.value;
            setValues((previous) => ({ ...previous, [field.name]: value }));
            setErrors((list) => list.filter((other) => other.field !== field.name));
          },
        };
        const control: ReactElement<Record<string, unknown>> =
          field.options !== undefined ? (
            <select className="input" {...common}>
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              className={`input ${field.range ? "tabular" : ""}`}
              inputMode={field.range ? (field.decimal ? "decimal" : "numeric") : undefined}
              autoComplete="off"
              {...common}
            />
          );
        return (
          <Field
            key={field.name}
            label={field.label}
            required={field.required}
            hint={field.hint}
            error={error === undefined ? undefined : placeFieldMessage(t, error, options.duplicate)}
          >
            {control}
          </Field>
        );
      })}
    </>
  );
  return { body, save: () => void save(), saving };
}

/** A place form in a dialog; Ctrl+Enter saves, as everywhere. */
export function PlaceDialog<R>(
  props: PlaceFormOptions<R> & { title: string; onClose: () => void },
) {
  const t = useT();
  const form = usePlaceForm(props);
  return (
    <Dialog
      title={props.title}
      size="sm"
      testId={props.testId}
      onClose={props.onClose}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
          event.preventDefault();
          form.save();
        }
      }}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={form.saving}
            onClick={form.save}
            data-testid={`${props.testId}-save`}
          >
            {form.saving ? t("common.saving") : t("common.save")}
          </Button>
        </>
      }
    >
      <form
        className="form-stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          form.save();
        }}
      >
        {form.body}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
