// The panels around the floor grid: the room header with its budget and rows, the legend,
// and the selected object's panel.
import { useState } from "react";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useT, type Translate } from "../../i18n";
import { call } from "../../ipc";
import type { FloorObject } from "../../bindings/FloorObject";
import type { FloorObjectKind } from "../../bindings/FloorObjectKind";
import type { RoomView } from "../../bindings/RoomView";
import { type Tile } from "./floorMath";
import { usePlaceForm, type PlaceField } from "./PlacesTree";
import type { Kw } from "./FloorPlan";

export function FloorHeader(props: { view: RoomView; kw: Kw; onOpenRow: (id: string) => void }) {
  const t = useT();
  const { view, kw } = props;
  const { budget, room } = view;
  const over = budget.heat_kw > budget.cooling_kw;
  const share = budget.cooling_kw > 0 ? Math.min(1, budget.heat_kw / budget.cooling_kw) : 1;
  const findings = budget.findings.length;
  const where = { site: view.site, columns: room.columns, rows: room.rows, tile: room.tile_mm };
  const heat = { heat: kw(budget.heat_kw), cooling: kw(budget.cooling_kw) };
  return (
    <header className="floor-head">
      <div className="floor-title">
        <h1 className="page-title">{room.name}</h1>
        <span className="muted">{t("floor.where", where)}</span>
      </div>
      <div className="floor-budget">
        <div
          className={`floor-meter ${over ? "is-over" : ""}`}
          data-testid="room-heat-bar"
          data-over={over || undefined}
          title={t("floor.heatTitle", { ...heat, btu: Math.round(budget.heat_btu_h) })}
        >
          <span className="floor-meter-label">{t("floor.heat")}</span>
          <span className="tabular">{t("floor.heatValue", heat)}</span>
          <span className="floor-meter-track" aria-hidden="true">
            <span className="floor-meter-fill" style={{ width: `${share * 100}%` }} />
          </span>
        </div>
        <div className="floor-stat">
          <span className="floor-meter-label">{t("floor.power")}</span>
          <span className="tabular">
            {t("floor.powerValue", {
              allocated: kw(budget.allocated_w / 1000),
              max: kw(budget.max_draw_w / 1000),
            })}
          </span>
        </div>
        <div className={`floor-stat ${findings > 0 ? "has-findings" : ""}`}>
          <span className="floor-meter-label">{t("floor.findings")}</span>
          <span className="tabular" data-testid="room-findings">
            {t("floor.findingCount", { count: findings })}
          </span>
        </div>
      </div>
      {view.rows.length > 0 && (
        <ul className="floor-rows" aria-label={t("floor.rows")}>
          {view.rows.map((row) => (
            <li key={row.row} className="floor-row">
              <span className="floor-row-name">{row.name}</span>
              <span className="muted tabular">
                {t("floor.rowTotals", {
                  racks: row.racks,
                  allocated: kw(row.allocated_w / 1000),
                  capacity: kw(row.capacity_w / 1000),
                  heat: kw(row.heat_kw),
                })}
              </span>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => props.onOpenRow(row.row)}
                data-testid={`row-open-${row.row}`}
              >
                {t("floor.openRow")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}

export function PanelHead({ title, onClose }: { title: string; onClose: () => void }) {
  const t = useT();
  return (
    <header className="floor-panel-head">
      <h2 className="floor-panel-title">{title}</h2>
      <button
        type="button"
        className="icon-btn icon-btn-sm"
        aria-label={t("common.close")}
        onClick={onClose}
      >
        <Icon name="x" size={14} />
      </button>
    </header>
  );
}

/** What the colours and lines mean, shown while nothing is selected. */
export function Legend() {
  const t = useT();
  const items = [
    ["use-low", "floor.legend.low"],
    ["use-mid", "floor.legend.mid"],
    ["use-high", "floor.legend.high"],
    ["use-over", "floor.legend.over"],
    ["planned", "floor.legend.planned"],
    ["aisle-cold", "floor.aisle.cold"],
    ["aisle-hot", "floor.aisle.hot"],
  ] as const;
  return (
    <aside className="floor-panel" data-testid="floor-legend">
      <h2 className="floor-panel-title">{t("floor.legend.title")}</h2>
      <ul className="floor-legend">
        {items.map(([swatch, label]) => (
          <li key={swatch}>
            <span className={`floor-swatch floor-swatch-${swatch}`} aria-hidden="true" />
            {t(label)}
          </li>
        ))}
      </ul>
      <p className="muted">{t("floor.legend.select")}</p>
    </aside>
  );
}

/** Rename, re-rate or remove the selected floor object. */
export function ObjectPanel(props: {
  roomId: string;
  id: string;
  object: FloorObject;
  onDone: () => void;
  onFailed: (failure: unknown) => void;
}) {
  const t = useT();
  const { object } = props;
  const [removing, setRemoving] = useState(false);
  const rated = object.kind === "cooling_unit" ? object.cooling_kw : object.power_kw;
  const form = usePlaceForm({
    testId: "floor-object",
    duplicate: "floor.objectDialog.duplicateName",
    fields: objectFields(t, false),
    initial: { kind: object.kind, name: object.name, kw: String(rated) },
    save: (values) =>
      call("room_object_put", {
        room: props.roomId,
        id: props.id,
        object: objectOf(values, object),
      }),
    onSaved: props.onDone,
  });
  const remove = async () => {
    setRemoving(true);
    try {
      await call("room_object_remove", { room: props.roomId, id: props.id });
      props.onDone();
    } catch (failure) {
      setRemoving(false);
      props.onFailed(failure);
    }
  };
  return (
    <aside className="floor-panel" data-testid="floor-object-panel">
      <PanelHead title={t(`floor.object.${object.kind}`)} onClose={props.onDone} />
      <form
        className="form-stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          form.save();
        }}
      >
        {form.body}
        <p className="muted tabular">{t("floor.at", { x: object.x, y: object.y })}</p>
        <div className="floor-panel-actions">
          <Button
            edits="records"
            size="sm"
            variant="primary"
            type="submit"
            busy={form.saving}
            data-testid="floor-object-save"
          >
            {t("common.save")}
          </Button>
          <Button
            edits="records"
            size="sm"
            variant="danger"
            busy={removing}
            onClick={() => void remove()}
            data-testid="floor-object-remove"
          >
            {t("floor.removeObject")}
          </Button>
        </div>
      </form>
    </aside>
  );
}

export const floorObjectKinds: readonly FloorObjectKind[] = [
  "cooling_unit",
  "power_panel",
  "camera",
  "badge_reader",
  "door",
];

/** The floor object form: its kind (when new), a name, and the kW a cooling unit or panel is rated. */
export function objectFields(t: Translate, withKind: boolean): PlaceField[] {
  const kind: PlaceField = {
    name: "kind",
    label: t("floor.objectDialog.kind"),
    options: floorObjectKinds.map((code) => ({ value: code, label: t(`floor.object.${code}`) })),
  };
  return [
    ...(withKind ? [kind] : []),
    { name: "name", label: t("floor.objectDialog.name"), required: true },
    {
      name: "kw",
      label: t("floor.objectDialog.kw"),
      range: [0, 10000],
      decimal: true,
      when: (values) => values.kind === "cooling_unit" || values.kind === "power_panel",
    },
  ];
}

export function objectOf(values: Record<string, string>, at: Tile): FloorObject {
  const kind = values.kind as FloorObjectKind;
  const rated = Number(values.kw) || 0;
  return {
    kind,
    name: (values.name ?? "").trim(),
    x: at.x,
    y: at.y,
    cooling_kw: kind === "cooling_unit" ? rated : 0,
    power_kw: kind === "power_panel" ? rated : 0,
  };
}
