import { PrintButtons } from "./PrintButtons";
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT, type Translate } from "../../i18n";
import { call } from "../../ipc";
import type { FloorObject } from "../../bindings/FloorObject";
import type { FloorObjectKind } from "../../bindings/FloorObjectKind";
import type { RackSpec } from "../../bindings/RackSpec";
import type { RackSummary } from "../../bindings/RackSummary";
import type { RoomView } from "../../bindings/RoomView";
import { describeError } from "../../lib/errors";
import { locale } from "../../lib/format";
import { isAssetKey, useCache, useCommand } from "../../lib/useCommand";
import {
  clickSlopPx,
  defaultScale,
  dragTarget,
  firstFreeTile,
  fitScale,
  frontBar,
  objectShapes,
  occupiedTiles,
  percentOf,
  powerUse,
  refusal,
  sameTile,
  specOfRack,
  stepTile,
  tileUnits as T,
  type Tile,
} from "./floorMath";
import { PlaceDialog, usePlaceForm, type PlaceField } from "./PlacesTree";
import { RackDialog } from "./RackDialog";

export const floorObjectKinds: readonly FloorObjectKind[] = [
  "cooling_unit",
  "power_panel",
  "camera",
  "badge_reader",
  "door",
];

type Selection = { kind: "rack" | "object"; id: string };
type Open =
  | { kind: "rack"; at?: Tile; initial?: { id: string; spec: RackSpec } }
  | { kind: "row" }
  | { kind: "object"; at: Tile };
type Kw = (kw: number) => string;

/**
 * One room's floor: its budget and rows, and the tile grid with racks and floor objects that
 * are dragged with the pointer (pointer events: WebKitGTK swallows HTML5 drag and drop) or
 * moved with arrow keys. A move shows at once and is saved; a failed save puts it back.
 */
export function FloorPlan(props: {
  roomId: string;
  onOpenRack: (rackId: string) => void;
  onOpenRow: (rowId: string) => void;
}) {
  const { roomId, onOpenRack } = props;
  const t = useT();
  const toast = useToast();
  const cache = useCache();
  const kw = useKw();
  const room = useCommand("room_view", { id: roomId });
  const view = room.data;
  const [open, setOpen] = useState<Open>();
  const [selected, setSelected] = useState<Selection>();

  if (view === undefined) {
    return room.error !== undefined ? (
      <div className="center-message" role="alert" data-testid="floor-plan">
        <p>{t("floor.loadFailed")}</p>
        <p className="muted">{describeError(t, room.error)}</p>
        <Button onClick={() => cache.invalidate(isAssetKey)}>{t("common.retry")}</Button>
      </div>
    ) : (
      <div className="center-message" data-testid="floor-plan">
        <Spinner size={20} label={t("common.loading")} />
      </div>
    );
  }

  const { columns, rows: gridRows, aisles, objects } = view.room;
  const rows = Object.entries(view.room.rack_rows)
    .map(([id, row]) => ({ id, name: row.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const refresh = () => cache.invalidate(isAssetKey);
  const failed = (failure: unknown) =>
    toast(t("floor.saveFailed", { message: describeError(t, failure) }), "error");
  const openAtFreeTile = (make: (at: Tile) => Open) => {
    const at = firstFreeTile(columns, gridRows, occupiedTiles(view), aisles);
    if (at === null) toast(t("floor.full"), "error");
    else setOpen(make(at));
  };
  const addRack = () => openAtFreeTile((at) => ({ kind: "rack", at }));

  const move = async (what: Selection, to: Tile) => {
    // Shown at once through the cache; the refetch after the save settles it either way.
    if (room.key !== null) {
      const racks = view.racks.map((rack) => (rack.id === what.id ? { ...rack, ...to } : rack));
      const moved = { ...objects };
      const object = moved[what.id];
      if (what.kind === "object" && object !== undefined) moved[what.id] = { ...object, ...to };
      cache.put<RoomView>(room.key, { ...view, racks, room: { ...view.room, objects: moved } });
    }
    try {
      if (what.kind === "rack") {
        const current = await call("rack_view", { id: what.id });
        await call("rack_save", { id: what.id, spec: { ...specOfRack(current.rack), ...to } });
      } else {
        const object = objects[what.id];
        if (object !== undefined)
          await call("room_object_put", {
            room: roomId,
            id: what.id,
            object: { ...object, ...to },
          });
      }
    } catch (failure) {
      failed(failure);
    } finally {
      refresh();
    }
  };

  const editRack = async (id: string) => {
    try {
      const current = await call("rack_view", { id });
      setOpen({ kind: "rack", initial: { id, spec: specOfRack(current.rack) } });
    } catch (failure) {
      failed(failure);
    }
  };

  const selectedRack =
    selected?.kind === "rack" ? view.racks.find((rack) => rack.id === selected.id) : undefined;
  const selectedObject = selected?.kind === "object" ? objects[selected.id] : undefined;
  let panel;
  if (selectedRack !== undefined) {
    panel = (
      <aside className="floor-panel" data-testid="floor-rack-panel">
        <PanelHead title={selectedRack.name} onClose={() => setSelected(undefined)} />
        <p className="muted prewrap tabular">{rackTitle(t, kw, selectedRack)}</p>
        <div className="floor-panel-actions">
          <Button size="sm" variant="primary" onClick={() => onOpenRack(selectedRack.id)}>
            {t("floor.openRack")}
          </Button>
          <Button
            size="sm"
            icon={<Icon name="pencil" size={14} />}
            onClick={() => void editRack(selectedRack.id)}
            data-testid="floor-rack-edit"
          >
            {t("floor.editRack")}
          </Button>
        </div>
      </aside>
    );
  } else if (selected !== undefined && selectedObject !== undefined) {
    panel = (
      <ObjectPanel
        key={selected.id}
        roomId={roomId}
        id={selected.id}
        object={selectedObject}
        onDone={() => {
          setSelected(undefined);
          refresh();
        }}
        onFailed={failed}
      />
    );
  } else {
    panel = <Legend />;
  }

  return (
    <div className="floor" data-testid="floor-plan">
      <FloorHeader view={view} kw={kw} onOpenRow={props.onOpenRow} />
      <div className="toolbar floor-toolbar">
        <Button
          variant="primary"
          size="sm"
          icon={<Icon name="plus" size={14} />}
          onClick={addRack}
          data-testid="floor-add-rack"
        >
          {t("floor.addRack")}
        </Button>
        <Button size="sm" onClick={() => setOpen({ kind: "row" })} data-testid="floor-add-row">
          {t("floor.addRow")}
        </Button>
        <Button
          size="sm"
          onClick={() => openAtFreeTile((at) => ({ kind: "object", at }))}
          data-testid="floor-add-object"
        >
          {t("floor.addObject")}
        </Button>
        <PrintButtons racks={view.racks.map((rack) => rack.id)} power />
        <span className="floor-toolbar-hint muted">{t("floor.hint")}</span>
      </div>
      <div className="floor-main">
        <div className="floor-pane">
          {view.racks.length === 0 && (
            <EmptyState
              testId="floor-empty"
              icon="box"
              title={t("floor.emptyTitle")}
              body={t("floor.emptyBody")}
              actions={
                <Button variant="primary" icon={<Icon name="plus" size={14} />} onClick={addRack}>
                  {t("floor.addRack")}
                </Button>
              }
            />
          )}
          <FloorGrid
            view={view}
            kw={kw}
            selected={selected}
            onSelect={setSelected}
            onOpenRack={onOpenRack}
            onEditRack={(id) => void editRack(id)}
            onMove={(what, to) => void move(what, to)}
          />
        </div>
        {panel}
      </div>
      {open?.kind === "rack" && (
        <RackDialog
          roomId={roomId}
          rows={rows}
          initial={open.initial}
          at={open.at}
          onClose={() => setOpen(undefined)}
          onSaved={(saved) => {
            setOpen(undefined);
            refresh();
            toast(t("floor.rackSaved", { name: saved.rack.name }));
          }}
        />
      )}
      {open?.kind === "row" && (
        <PlaceDialog
          title={t("floor.rowDialog.title")}
          testId="row-dialog"
          duplicate="floor.rowDialog.duplicateName"
          fields={[{ name: "name", label: t("floor.rowDialog.name"), required: true }]}
          initial={{ name: "" }}
          save={(values) =>
            call("room_row_put", { room: roomId, id: null, name: values.name ?? "" })
          }
          onClose={() => setOpen(undefined)}
          onSaved={() => {
            setOpen(undefined);
            refresh();
          }}
        />
      )}
      {open?.kind === "object" && (
        <PlaceDialog
          title={t("floor.objectDialog.title")}
          testId="object-dialog"
          duplicate="floor.objectDialog.duplicateName"
          fields={objectFields(t, true)}
          initial={{ kind: "cooling_unit", name: "", kw: "0" }}
          save={(values) =>
            call("room_object_put", {
              room: roomId,
              id: null,
              object: objectOf(values, open.at),
            })
          }
          onClose={() => setOpen(undefined)}
          onSaved={() => {
            setOpen(undefined);
            refresh();
          }}
        />
      )}
    </div>
  );
}

/** The floor object form: its kind (when new), a name, and the kW a cooling unit or panel is rated. */
function objectFields(t: Translate, withKind: boolean): PlaceField[] {
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

function objectOf(values: Record<string, string>, at: Tile): FloorObject {
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

/** kW with one decimal, in the user's language. */
function useKw(): Kw {
  const { language } = useLanguage();
  const format = new Intl.NumberFormat(locale(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return (kw) => format.format(kw);
}

/** The room's name and budget (heat against cooling, power, findings), then its rows. */
function FloorHeader(props: { view: RoomView; kw: Kw; onOpenRow: (id: string) => void }) {
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

interface Drag {
  what: Selection;
  pointerId: number;
  start: Tile;
  from: { x: number; y: number };
  target: Tile;
  moved: boolean;
}

/** The SVG floor: tiles, aisles, racks and objects, scaled to fit, dragged or moved by keys. */
function FloorGrid(props: {
  view: RoomView;
  kw: Kw;
  selected: Selection | undefined;
  onSelect: (selection: Selection) => void;
  onOpenRack: (id: string) => void;
  onEditRack: (id: string) => void;
  onMove: (what: Selection, to: Tile) => void;
}) {
  const t = useT();
  const { view, kw } = props;
  const { columns, rows } = view.room;
  const pane = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(defaultScale);
  const [drag, setDrag] = useState<Drag>();
  const [notice, setNotice] = useState("");

  useEffect(() => {
    const element = pane.current;
    if (element === null || typeof ResizeObserver === "undefined") return undefined;
    // The SVG keeps a 12 px margin on every side.
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined)
        setScale(
          fitScale(columns, rows, entry.contentRect.width - 24, entry.contentRect.height - 24),
        );
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [columns, rows]);

  const why = (what: Selection, to: Tile) =>
    refusal(to, columns, rows, occupiedTiles(view, what.id));
  const tryMove = (what: Selection, from: Tile, to: Tile) => {
    if (sameTile(from, to)) return;
    const reason = why(what, to);
    setNotice(reason !== null ? t(`floor.refused.${reason}`) : t("floor.moved", { ...to }));
    if (reason === null) props.onMove(what, to);
  };

  const pointerDown = (what: Selection, at: Tile) => (event: PointerEvent<SVGGElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.focus();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    props.onSelect(what);
    const from = { x: event.clientX, y: event.clientY };
    setDrag({ what, pointerId: event.pointerId, start: at, from, target: at, moved: false });
  };
  const pointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (drag === undefined || event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.from.x;
    const dy = event.clientY - drag.from.y;
    const moved = drag.moved || Math.hypot(dx, dy) >= clickSlopPx;
    const target = moved ? dragTarget(drag.start, dx, dy, scale) : drag.start;
    if (moved !== drag.moved || !sameTile(target, drag.target)) setDrag({ ...drag, moved, target });
  };
  const pointerUp = (event: PointerEvent<SVGSVGElement>) => {
    if (drag === undefined || event.pointerId !== drag.pointerId) return;
    setDrag(undefined);
    if (drag.moved) tryMove(drag.what, drag.start, drag.target);
    else if (drag.what.kind === "rack") props.onOpenRack(drag.what.id);
  };
  const keyDown = (what: Selection, at: Tile) => (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      props.onSelect(what);
      if (what.kind === "rack") props.onOpenRack(what.id);
      return;
    }
    const to = stepTile(at, event.key);
    if (to === null) return;
    event.preventDefault();
    tryMove(what, at, to);
  };

  const dragging = drag?.moved === true ? drag : undefined;
  // While dragged, a thing is drawn on its target tile, kept on the grid.
  const drawnAt = (id: string, tile: Tile): Tile =>
    dragging?.what.id === id
      ? {
          x: Math.max(0, Math.min(columns - 1, dragging.target.x)),
          y: Math.max(0, Math.min(rows - 1, dragging.target.y)),
        }
      : tile;
  const refused = dragging !== undefined ? why(dragging.what, dragging.target) : null;
  const target = dragging !== undefined ? drawnAt(dragging.what.id, dragging.target) : undefined;
  const gridId = `floor-grid-${view.room.id.replace(/[^\w-]/g, "")}`;
  const thing = (what: Selection, at: Tile, label: string) => ({
    transform: `translate(${drawnAt(what.id, at).x * T} ${drawnAt(what.id, at).y * T})`,
    tabIndex: 0,
    role: "button",
    "aria-label": label,
    onPointerDown: pointerDown(what, at),
    onKeyDown: keyDown(what, at),
    onFocus: () => props.onSelect(what),
  });
  const selectedClass = (id: string) => (props.selected?.id === id ? "is-selected" : "");

  return (
    <div className="floor-canvas" ref={pane}>
      <svg
        className={`floor-svg ${dragging !== undefined ? "is-dragging" : ""}`}
        width={columns * scale}
        height={rows * scale}
        viewBox={`0 0 ${columns * T} ${rows * T}`}
        role="group"
        aria-label={t("floor.gridLabel", { name: view.room.name })}
        onPointerMove={pointerMove}
        onPointerUp={pointerUp}
        onPointerCancel={() => setDrag(undefined)}
      >
        <defs>
          <pattern id={gridId} width={T} height={T} patternUnits="userSpaceOnUse">
            <path d={`M ${T} 0 L 0 0 0 ${T}`} className="floor-grid-line" />
          </pattern>
        </defs>
        <rect className="floor-floor" width={columns * T} height={rows * T} />
        {view.room.aisles.map((aisle, index) => (
          <rect
            key={index}
            className={`floor-aisle floor-aisle-${aisle.kind}`}
            x={aisle.along_x ? 0 : aisle.index * T}
            y={aisle.along_x ? aisle.index * T : 0}
            width={aisle.along_x ? columns * T : T}
            height={aisle.along_x ? T : rows * T}
          >
            <title>{t(`floor.aisle.${aisle.kind}`)}</title>
          </rect>
        ))}
        <rect width={columns * T} height={rows * T} fill={`url(#${gridId})`} />
        {target !== undefined && (
          <rect
            className={`floor-target ${refused !== null ? "is-refused" : ""}`}
            data-testid="floor-target"
            x={target.x * T + 1}
            y={target.y * T + 1}
            width={T - 2}
            height={T - 2}
          />
        )}
        {Object.entries(view.room.objects).map(([id, object]) => (
          <g
            key={id}
            className={`floor-object ${selectedClass(id)}`}
            {...thing({ kind: "object", id }, object, objectTitle(t, kw, object))}
            data-testid="floor-object"
            data-kind={object.kind}
          >
            <title>{objectTitle(t, kw, object)}</title>
            <rect className="floor-hit" width={T} height={T} />
            {objectShapes[object.kind].map((shape, index) => (
              <path key={index} className={`floor-shape floor-shape-${shape.tone}`} d={shape.d} />
            ))}
            {object.kind === "cooling_unit" && (
              <text className="floor-object-value" x={T / 2} y={18}>
                {`${Math.round(object.cooling_kw)}kW`}
              </text>
            )}
            <text className="floor-object-name" x={T / 2} y={T - 4}>
              {short(object.name, 9)}
            </text>
          </g>
        ))}
        {view.racks.map((rack) => {
          const front = frontBar(rack.rotation);
          return (
            <g
              key={rack.id}
              className={[
                "floor-rack",
                `floor-rack-use-${powerUse(rack.allocated_w, rack.capacity_w)}`,
                `floor-rack-${rack.status}`,
                selectedClass(rack.id),
              ].join(" ")}
              {...thing(
                { kind: "rack", id: rack.id },
                rack,
                t("floor.rackLabel", { name: rack.name }),
              )}
              data-testid="floor-rack"
              data-rack-id={rack.id}
              data-rack-name={rack.name}
              onContextMenu={(event) => {
                event.preventDefault();
                props.onSelect({ kind: "rack", id: rack.id });
                props.onEditRack(rack.id);
              }}
            >
              <title>{rackTitle(t, kw, rack)}</title>
              <rect className="floor-rack-body" x={3} y={3} width={T - 6} height={T - 6} rx={2} />
              {front !== null && <rect className="floor-rack-front" {...front} />}
              <text className="floor-rack-name" x={T / 2} y={T / 2 + 3}>
                {short(rack.name, 7)}
              </text>
              {rack.findings > 0 && (
                <g className="floor-rack-badge" data-testid="floor-rack-findings">
                  <circle cx={T - 5} cy={5} r={5.5} />
                  <text x={T - 5} y={7.5}>
                    {rack.findings > 9 ? "9+" : rack.findings}
                  </text>
                </g>
              )}
            </g>
          );
        })}
      </svg>
      <p
        className={`floor-notice ${refused !== null ? "is-refused" : ""}`}
        aria-live="polite"
        data-testid="floor-notice"
      >
        {refused !== null
          ? t(`floor.refused.${refused}`)
          : dragging !== undefined
            ? t("floor.moveTo", { ...dragging.target })
            : notice}
      </p>
    </div>
  );
}

function short(name: string, length: number): string {
  return name.length > length ? `${name.slice(0, length - 1)}…` : name;
}

function rackTitle(t: Translate, kw: Kw, rack: RackSummary): string {
  return t("floor.rackTitle", {
    name: rack.name,
    status: t(`floor.rackStatus.${rack.status}`),
    used: rack.used_hu / 2,
    height: rack.height_u,
    allocated: kw(rack.allocated_w / 1000),
    capacity: kw(rack.capacity_w / 1000),
    percent: percentOf(rack.allocated_w, rack.capacity_w),
    heat: kw(rack.heat_kw),
    findings: rack.findings,
  });
}

function objectTitle(t: Translate, kw: Kw, object: FloorObject): string {
  const kind = t(`floor.object.${object.kind}`);
  const rated = object.kind === "cooling_unit" ? object.cooling_kw : object.power_kw;
  return object.kind === "cooling_unit" || object.kind === "power_panel"
    ? t("floor.objectTitleKw", { kind, name: object.name, kw: kw(rated) })
    : t("floor.objectTitle", { kind, name: object.name });
}

function PanelHead({ title, onClose }: { title: string; onClose: () => void }) {
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
function Legend() {
  const t = useT();
  const items = [
    ["use-low", "floor.legend.low"],
    ["use-mid", "floor.legend.mid"],
    ["use-high", "floor.legend.high"],
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
function ObjectPanel(props: {
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
            size="sm"
            variant="primary"
            type="submit"
            busy={form.saving}
            data-testid="floor-object-save"
          >
            {t("common.save")}
          </Button>
          <Button
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
