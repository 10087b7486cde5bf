// The floor grid of a room: tiles, aisles, racks and floor objects, with pointer and keyboard
// moves that snap to tiles. Split from FloorPlan.tsx, which owns the data and the dialogs.
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from "react";
import { Button } from "../../components/Button";
import { useT, type Translate } from "../../i18n";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useShortcuts } from "../../lib/shortcuts";
import type { FloorObject } from "../../bindings/FloorObject";
import type { RackSummary } from "../../bindings/RackSummary";
import type { RoomView } from "../../bindings/RoomView";
import {
  clickSlopPx,
  defaultScale,
  dragTarget,
  fitScale,
  frontBar,
  objectShapes,
  occupiedTiles,
  percentOf,
  refusal,
  sameTile,
  scrollToKeep,
  stepTile,
  tileLabel,
  tileUnits as T,
  zoomPercent,
  zoomScale,
  type Tile,
} from "./floorMath";
import type { Kw, Selection } from "./FloorPlan";

interface Drag {
  what: Selection;
  pointerId: number;
  start: Tile;
  from: { x: number; y: number };
  target: Tile;
  moved: boolean;
}

/** The SVG floor: tiles, aisles, racks and objects, scaled to fit, dragged or moved by keys. */
export function FloorGrid(props: {
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
  // Fitted until the user zooms: a fitted plan fits again when its pane changes size.
  const fitted = useRef(true);
  // The floor point a wheel zoom keeps under the pointer, applied once the new scale is drawn.
  const anchor = useRef<{ x: number; y: number; from: number } | null>(null);
  const [drag, setDrag] = useState<Drag>();
  const [notice, setNotice] = useState("");
  const modalOpen = useAnyModalOpen();

  const fitNow = () => {
    const element = pane.current;
    if (element === null) return;
    // The SVG keeps a 12 px margin on every side.
    setScale(fitScale(columns, rows, element.clientWidth - 24, element.clientHeight - 24));
  };
  useEffect(() => {
    const element = pane.current;
    if (element === null || typeof ResizeObserver === "undefined") return undefined;
    const observer = new ResizeObserver(() => {
      if (fitted.current) fitNow();
    });
    observer.observe(element);
    return () => observer.disconnect();
    // fitNow reads the latest columns and rows through the closure made for them.
  }, [columns, rows]);

  const zoom = (direction: 1 | -1, at?: { x: number; y: number }) => {
    fitted.current = false;
    setScale((from) => {
      const element = pane.current;
      const point = at ?? {
        x: (element?.clientWidth ?? 0) / 2,
        y: (element?.clientHeight ?? 0) / 2,
      };
      // Several steps before a render (a fast wheel) keep the scale the pane last showed.
      anchor.current = { ...point, from: anchor.current?.from ?? from };
      return zoomScale(from, direction);
    });
  };
  const fit = () => {
    fitted.current = true;
    anchor.current = null;
    fitNow();
  };
  useLayoutEffect(() => {
    const element = pane.current;
    const kept = anchor.current;
    anchor.current = null;
    if (element === null || kept === null) return;
    element.scrollLeft = scrollToKeep(element.scrollLeft, kept.x, 12, kept.from, scale);
    element.scrollTop = scrollToKeep(element.scrollTop, kept.y, 12, kept.from, scale);
  }, [scale]);
  // The wheel zooms around the pointer (a listener of our own: React's is passive and could
  // not keep the page from scrolling).
  useEffect(() => {
    const element = pane.current;
    if (element === null) return undefined;
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0) return;
      event.preventDefault();
      const box = element.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 1 : -1, { x: event.clientX - box.left, y: event.clientY - box.top });
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, []);
  useShortcuts(
    {
      "+": () => zoom(1),
      "=": () => zoom(1),
      "-": () => zoom(-1),
      "0": fit,
    },
    !modalOpen,
  );

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

  const rackBadge = Math.max(5.5, (9 * T) / scale);
  return (
    <div className="floor-zoomable">
      <div
        className="floor-zoom"
        role="toolbar"
        aria-label={t("floor.zoomLabel", { percent: zoomPercent(scale) })}
      >
        <Button
          size="sm"
          variant="ghost"
          onClick={() => zoom(-1)}
          data-testid="floor-zoom-out"
          aria-label={t("floor.zoomOut")}
          title={`${t("floor.zoomOut")} (-)`}
        >
          −
        </Button>
        <span
          className="floor-zoom-level tabular"
          data-testid="floor-zoom-level"
          data-scale={scale}
        >
          {zoomPercent(scale)}%
        </span>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => zoom(1)}
          data-testid="floor-zoom-in"
          aria-label={t("floor.zoomIn")}
          title={`${t("floor.zoomIn")} (+)`}
        >
          +
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={fit}
          data-testid="floor-fit"
          title={`${t("floor.fit")} (0)`}
        >
          {t("floor.fit")}
        </Button>
      </div>
      <div className="floor-canvas" ref={pane} data-testid="floor-canvas">
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
                <ObjectValue text={`${Math.round(object.cooling_kw)}kW`} scale={scale} />
              )}
              <ObjectName name={object.name} scale={scale} />
            </g>
          ))}
          {view.racks.map((rack) => {
            const front = frontBar(rack.rotation);
            const name = tileLabel(rack.name, scale);
            return (
              <g
                key={rack.id}
                className={[
                  "floor-rack",
                  `floor-rack-use-${rack.power_level}`,
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
                data-power-level={rack.power_level}
                onContextMenu={(event) => {
                  event.preventDefault();
                  props.onSelect({ kind: "rack", id: rack.id });
                  props.onEditRack(rack.id);
                }}
              >
                <title>{rackTitle(t, kw, rack)}</title>
                <rect className="floor-rack-body" x={3} y={3} width={T - 6} height={T - 6} rx={2} />
                {front !== null && <rect className="floor-rack-front" {...front} />}
                {name.text !== "" && (
                  <text
                    className="floor-rack-name"
                    data-testid="floor-rack-name"
                    x={T / 2}
                    y={T / 2}
                    dominantBaseline="central"
                    style={{ fontSize: name.fontUnits }}
                  >
                    {name.text}
                  </text>
                )}
                {rack.findings > 0 && (
                  <g className="floor-rack-badge" data-testid="floor-rack-findings">
                    <circle cx={T - 3} cy={3} r={rackBadge} />
                    <text
                      x={T - 3}
                      y={3}
                      dominantBaseline="central"
                      style={{ fontSize: rackBadge * 1.3 }}
                    >
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
    </div>
  );
}

/** A cooling unit's rating inside its shape, readable or left to the tooltip. */
function ObjectValue(props: { text: string; scale: number }) {
  const label = tileLabel(props.text, props.scale, T - 8, 8);
  if (label.text !== props.text) return null;
  return (
    <text
      className="floor-object-value"
      x={T / 2}
      y={15}
      dominantBaseline="central"
      style={{ fontSize: label.fontUnits }}
    >
      {label.text}
    </text>
  );
}

/** A floor object's name under its shape, readable or left to the tooltip. */
function ObjectName(props: { name: string; scale: number }) {
  const label = tileLabel(props.name, props.scale, T - 4, 6);
  if (label.text === "") return null;
  return (
    <text className="floor-object-name" x={T / 2} y={T - 2} style={{ fontSize: label.fontUnits }}>
      {label.text}
    </text>
  );
}

export function rackTitle(t: Translate, kw: Kw, rack: RackSummary): string {
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
