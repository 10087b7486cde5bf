import { useState } from "react";
import { DateInput } from "../../components/DateInput";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { Popover } from "../../components/Popover";
import { useT, type Translate } from "../../i18n";
import {
  assetFields,
  assetStatuses,
  assetTypes,
  enumCodes,
  fieldKind,
  type AssetField,
  type AssetFilter,
  type AssetStatus,
  type AssetType,
} from "../../lib/dto";
import {
  enumValues,
  isRangeField,
  parseRange,
  rangeValue,
  removeFilter,
  setFilter,
} from "../../lib/listQuery";

/** A value's label: enum codes become their translated names. */
export function valueLabel(t: Translate, field: AssetField, code: string): string {
  if (field === "asset_type" && (assetTypes as readonly string[]).includes(code))
    return t(`assetType.${code as AssetType}`);
  if (field === "status" && (assetStatuses as readonly string[]).includes(code))
    return t(`status.${code as AssetStatus}`);
  return code;
}

/** The chip text for a filter: `상태: 사용 중, 유지보수`, `구매일: 2023-01-01 – 2023-12-31`. */
export function filterSummary(t: Translate, filter: AssetFilter): string {
  const label = t(`field.${filter.field}`);
  if (fieldKind(filter.field) === "enum") {
    return `${label}: ${enumValues(filter.value)
      .map((code) => valueLabel(t, filter.field, code))
      .join(", ")}`;
  }
  if (isRangeField(filter.field)) {
    const { from, to } = parseRange(filter.value);
    if (from !== "" && to !== "") return `${label}: ${from} – ${to}`;
    return from !== "" ? `${label} ≥ ${from}` : `${label} ≤ ${to}`;
  }
  return `${label}: “${filter.value.trim()}”`;
}

interface FilterBarProps {
  filters: readonly AssetFilter[];
  onChange: (filters: AssetFilter[]) => void;
}

/** Removable chips for the filters in force and a button that adds (or edits) one per field. */
export function FilterBar({ filters, onChange }: FilterBarProps) {
  const t = useT();
  const [editing, setEditing] = useState<AssetField | null>(null);
  const [open, setOpen] = useState(false);

  const openEditor = (field: AssetField | null) => {
    setEditing(field);
    setOpen(true);
  };

  return (
    <div className="filter-bar" data-testid="filter-bar">
      {filters.map((filter) => (
        <span
          key={filter.field}
          className="chip"
          data-testid="filter-chip"
          data-field={filter.field}
        >
          <button type="button" className="chip-label" onClick={() => openEditor(filter.field)}>
            {filterSummary(t, filter)}
          </button>
          <button
            type="button"
            className="chip-remove"
            aria-label={t("filter.remove", { field: t(`field.${filter.field}`) })}
            data-testid="filter-chip-remove"
            onClick={() => onChange(removeFilter(filters, filter.field))}
          >
            <Icon name="x" size={12} />
          </button>
        </span>
      ))}
      <Popover
        open={open}
        onClose={() => setOpen(false)}
        testId="filter-popover"
        anchor={
          <Button
            size="sm"
            variant="ghost"
            icon={<Icon name="filter" size={14} />}
            onClick={() => (open ? setOpen(false) : openEditor(null))}
            data-testid="filter-add"
            aria-expanded={open}
          >
            {t("filter.add")}
          </Button>
        }
      >
        <FilterEditor
          key={editing ?? "new"}
          initialField={editing ?? firstUnfiltered(filters)}
          filters={filters}
          onApply={(field, value) => {
            onChange(setFilter(filters, field, value));
            setOpen(false);
          }}
        />
      </Popover>
      {filters.length > 1 && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onChange([])}
          data-testid="filter-clear-all"
        >
          {t("filter.clearAll")}
        </Button>
      )}
    </div>
  );
}

function firstUnfiltered(filters: readonly AssetFilter[]): AssetField {
  const preferred: AssetField[] = ["status", "asset_type", "site", "purchase_date"];
  return (
    preferred.find((field) => !filters.some((filter) => filter.field === field)) ?? "asset_tag"
  );
}

interface FilterEditorProps {
  initialField: AssetField;
  filters: readonly AssetFilter[];
  onApply: (field: AssetField, value: string) => void;
}

/** Choose a field, then its value: checkboxes for enums, from–to for ranges, text otherwise. */
export function FilterEditor({ initialField, filters, onApply }: FilterEditorProps) {
  const t = useT();
  const [field, setField] = useState<AssetField>(initialField);
  const existing = filters.find((filter) => filter.field === field)?.value ?? "";
  const [value, setValue] = useState(existing);
  const kind = fieldKind(field);
  const range = parseRange(value);
  const chosen = enumValues(value);

  return (
    <form
      className="filter-editor"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(field, value);
      }}
    >
      <label className="field-label" htmlFor="filter-field">
        {t("filter.field")}
      </label>
      <select
        id="filter-field"
        className="input"
        data-testid="filter-field"
        value={field}
        onChange={(event) => {
          const next = event.target.value as AssetField;
          setField(next);
          setValue(filters.find((filter) => filter.field === next)?.value ?? "");
        }}
      >
        {assetFields.map((option) => (
          <option key={option} value={option}>
            {t(`field.${option}`)}
          </option>
        ))}
      </select>

      {kind === "enum" && (
        <fieldset className="filter-options">
          <legend className="field-label">{t("filter.any")}</legend>
          {enumCodes(field).map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                data-testid={`filter-option-${code}`}
                checked={chosen.includes(code)}
                onChange={(event) => {
                  const next = event.target.checked
                    ? [...chosen, code]
                    : chosen.filter((item) => item !== code);
                  setValue(next.join(","));
                }}
              />
              {valueLabel(t, field, code)}
            </label>
          ))}
        </fieldset>
      )}

      {isRangeField(field) && (
        <div className="filter-range">
          <label>
            <span className="field-label">{t("filter.from")}</span>
            {kind === "date" ? (
              <DateInput
                value={range.from}
                onChange={(from) => setValue(rangeValue(from, range.to))}
                testId="filter-from"
              />
            ) : (
              <input
                className="input"
                inputMode="numeric"
                data-testid="filter-from"
                value={range.from}
                onChange={(event) => setValue(rangeValue(event.target.value, range.to))}
              />
            )}
          </label>
          <span className="filter-range-dash" aria-hidden="true">
            –
          </span>
          <label>
            <span className="field-label">{t("filter.to")}</span>
            {kind === "date" ? (
              <DateInput
                value={range.to}
                onChange={(to) => setValue(rangeValue(range.from, to))}
                testId="filter-to"
              />
            ) : (
              <input
                className="input"
                inputMode="numeric"
                data-testid="filter-to"
                value={range.to}
                onChange={(event) => setValue(rangeValue(range.from, event.target.value))}
              />
            )}
          </label>
        </div>
      )}

      {(kind === "text" || kind === "longtext") && (
        <label>
          <span className="field-label">{t("filter.value")}</span>
          <input
            className="input"
            data-testid="filter-text"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            autoFocus
          />
        </label>
      )}

      <div className="filter-editor-actions">
        <Button type="submit" variant="primary" size="sm" data-testid="filter-apply">
          {t("common.apply")}
        </Button>
      </div>
    </form>
  );
}
