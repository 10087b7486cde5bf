// Pure geometry and arithmetic for the floor plan: tiles and pixels, which tiles are taken,
// where a new thing can go, and how full a rack's power is. No React, no I/O: the floor plan
// and the rack dialog call these, and floorMath.test.ts pins them down.
import type { Aisle } from "../../bindings/Aisle";
import type { Phase } from "../../bindings/Phase";
import type { Problem } from "../../bindings/Problem";
import type { FloorObjectKind } from "../../bindings/FloorObjectKind";
import type { PowerFeed } from "../../bindings/PowerFeed";
import type { Rack } from "../../bindings/Rack";
import type { RackSpec } from "../../bindings/RackSpec";
import type { RoomView } from "../../bindings/RoomView";
import { formProblem } from "../../lib/problems";

/** A floor tile by column (x) and grid row (y), both counted from 0 at the top left. */
export interface Tile {
  x: number;
  y: number;
}

/** The edge of one tile in the SVG's own units; the SVG is then scaled to fit its pane. */
export const tileUnits = 40;

/**
 * On-screen pixels per tile. The plan opens fitted to its pane and zooms (wheel, + and -,
 * the buttons) between these bounds; names stay readable at every zoom (see `tileLabel`).
 */
export const minScale = 10;
export const maxScale = 120;
export const defaultScale = 32;
/** One zoom step multiplies or divides the scale by this. */
export const zoomStep = 1.25;

/** The smallest on-screen size of a name on the plan, in CSS pixels. */
export const minLabelPx = 11;

/** The scale one zoom step in (`direction` 1) or out (-1) from `scale`, kept in bounds. */
export function zoomScale(scale: number, direction: 1 | -1): number {
  const next = direction > 0 ? scale * zoomStep : scale / zoomStep;
  return Math.max(minScale, Math.min(maxScale, Math.round(next * 100) / 100));
}

/**
 * Where to scroll after a zoom so that the floor point under `pointer` (pixels from the
 * pane's visible top-left corner) stays under it: `scroll` is the pane's scroll offset on one
 * axis, `margin` the SVG's margin inside the pane.
 */
export function scrollToKeep(
  scroll: number,
  pointer: number,
  margin: number,
  from: number,
  to: number,
): number {
  const tiles = (scroll + pointer - margin) / from;
  return Math.max(0, tiles * to + margin - pointer);
}

/** The zoom as a percentage of the SVG's own tile size (40 units = 100 %). */
export function zoomPercent(scale: number): number {
  return Math.round((scale / tileUnits) * 100);
}

/**
 * A rough width of `text` in ems for the UI font: Hangul and other wide characters take a
 * whole em, capitals and digits about 0.62, the rest about 0.52. Enough to decide whether a
 * name fits a tile without measuring the DOM (which the drag must not wait for).
 */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(char)) width += 1;
    else if (/[A-Z0-9]/.test(char)) width += 0.62;
    else if (/[-./ ]/.test(char)) width += 0.36;
    else width += 0.52;
  }
  return width;
}

/**
 * Shorter forms of a rack or object name, longest first: the whole name, the part after its
 * first separator (`A-R01` → `R01`: the row is written beside the row), the part after its
 * last one, its closing number. Never a cut inside a part: a shortened name is still a name
 * someone uses, and the whole name is in the tile's tooltip.
 */
export function shortNames(name: string): string[] {
  const forms = [name];
  const first = name.search(/[-_ ]/);
  if (first > 0 && first < name.length - 1) forms.push(name.slice(first + 1));
  const last = Math.max(name.lastIndexOf("-"), name.lastIndexOf("_"), name.lastIndexOf(" "));
  if (last > first && last < name.length - 1) forms.push(name.slice(last + 1));
  // The rack's number in its row (`R01` → `01`): the row is written beside the row.
  const number = /\d+$/.exec(name)?.[0];
  if (number !== undefined && number !== forms[forms.length - 1]) forms.push(number);
  return forms;
}

/**
 * What a tile writes for a name at `scale`: the longest form that fits the tile's inner width
 * (`widthUnits`, in tile units) at no less than `minLabelPx` on screen, its font size in tile
 * units (never under `baseUnits`, and larger when zoomed out so the screen size stays at the
 * minimum), or nothing when not even the shortest form fits (the tooltip has the whole name).
 */
export function tileLabel(
  name: string,
  scale: number,
  widthUnits = tileUnits - 8,
  baseUnits = 8,
): { text: string; fontUnits: number; abbreviated: boolean } {
  const fontUnits = Math.max(baseUnits, (minLabelPx * tileUnits) / scale);
  const fontPx = (fontUnits * scale) / tileUnits;
  const widthPx = (widthUnits * scale) / tileUnits;
  const heightPx = ((tileUnits - 6) * scale) / tileUnits;
  if (fontPx > heightPx * 0.8) return { text: "", fontUnits, abbreviated: name !== "" };
  const text = shortNames(name).find((form) => textWidthEm(form) * fontPx <= widthPx) ?? "";
  return { text, fontUnits, abbreviated: text !== name };
}

/** A pointer that moved less than this (in pixels) between press and release clicked. */
export const clickSlopPx = 4;

export function tileToPixel(tile: number, scale: number): number {
  return tile * scale;
}

export function pixelToTile(pixel: number, scale: number): number {
  return Math.floor(pixel / scale);
}

/** The tile under a pointer at `point` pixels from the grid's top-left corner. */
export function snapToTile(point: { x: number; y: number }, scale: number): Tile {
  return { x: pixelToTile(point.x, scale), y: pixelToTile(point.y, scale) };
}

/**
 * Where a dragged tile lands: the tile under the dragged thing's centre after the pointer
 * moved by (dx, dy) pixels, so the thing jumps to the next tile halfway across.
 */
export function dragTarget(start: Tile, dx: number, dy: number, scale: number): Tile {
  const centre = { x: (start.x + 0.5) * scale + dx, y: (start.y + 0.5) * scale + dy };
  return snapToTile(centre, scale);
}

/** The largest tile (a tenth of a pixel at most below it) that shows the whole room in a pane. */
export function fitScale(columns: number, rows: number, width: number, height: number): number {
  if (width <= 0 || height <= 0 || columns <= 0 || rows <= 0) return defaultScale;
  const fit = Math.floor(Math.min(width / columns, height / rows) * 10) / 10;
  return Math.max(minScale, Math.min(maxScale, fit));
}

export function insideGrid(tile: Tile, columns: number, rows: number): boolean {
  return (
    Number.isInteger(tile.x) &&
    Number.isInteger(tile.y) &&
    tile.x >= 0 &&
    tile.y >= 0 &&
    tile.x < columns &&
    tile.y < rows
  );
}

export function tileKey(tile: Tile): string {
  return `${tile.x},${tile.y}`;
}

export function sameTile(a: Tile, b: Tile): boolean {
  return a.x === b.x && a.y === b.y;
}

/**
 * Every tile a rack or floor object stands on, by tile key, naming who stands there.
 * `except` leaves one thing out: the one being moved does not block itself.
 */
export function occupiedTiles(view: RoomView, except?: string): Map<string, string> {
  const taken = new Map<string, string>();
  for (const rack of view.racks) if (rack.id !== except) taken.set(tileKey(rack), rack.id);
  for (const [id, object] of Object.entries(view.room.objects))
    if (id !== except) taken.set(tileKey(object), id);
  return taken;
}

export function isTileTaken(occupied: ReadonlyMap<string, string>, tile: Tile): boolean {
  return occupied.has(tileKey(tile));
}

export function aisleCovers(aisle: Aisle, tile: Tile): boolean {
  return aisle.along_x ? aisle.index === tile.y : aisle.index === tile.x;
}

/**
 * The first free tile reading the room like a page (left to right, top to bottom). Tiles in
 * an aisle are used only when nothing else is free, since racks belong beside aisles, not in
 * them. `null` when the floor is full.
 */
export function firstFreeTile(
  columns: number,
  rows: number,
  occupied: ReadonlyMap<string, string>,
  aisles: readonly Aisle[] = [],
): Tile | null {
  let inAisle: Tile | null = null;
  for (let y = 0; y < rows; y += 1) {
    for (let x = 0; x < columns; x += 1) {
      const tile = { x, y };
      if (isTileTaken(occupied, tile)) continue;
      if (!aisles.some((aisle) => aisleCovers(aisle, tile))) return tile;
      inAisle ??= tile;
    }
  }
  return inAisle;
}

/** The tile one step away in the direction of an arrow key; `null` for any other key. */
export function stepTile(tile: Tile, key: string): Tile | null {
  switch (key) {
    case "ArrowLeft":
      return { x: tile.x - 1, y: tile.y };
    case "ArrowRight":
      return { x: tile.x + 1, y: tile.y };
    case "ArrowUp":
      return { x: tile.x, y: tile.y - 1 };
    case "ArrowDown":
      return { x: tile.x, y: tile.y + 1 };
    default:
      return null;
  }
}

/** Why a thing cannot stand on a tile, or `null` when it can. */
export function refusal(
  tile: Tile,
  columns: number,
  rows: number,
  occupied: ReadonlyMap<string, string>,
): "outside" | "taken" | null {
  if (!insideGrid(tile, columns, rows)) return "outside";
  if (isTileTaken(occupied, tile)) return "taken";
  return null;
}

/**
 * The bar on the side a rack's front faces, in tile units: 0° faces up (towards lower y),
 * then clockwise. `null` for an angle Rust would not have stored.
 */
export function frontBar(
  rotation: number,
): { x: number; y: number; width: number; height: number } | null {
  const edge = tileUnits - 8;
  switch (rotation) {
    case 0:
      return { x: 4, y: 3, width: edge, height: 3 };
    case 90:
      return { x: tileUnits - 6, y: 4, width: 3, height: edge };
    case 180:
      return { x: 4, y: tileUnits - 6, width: edge, height: 3 };
    case 270:
      return { x: 3, y: 4, width: 3, height: edge };
    default:
      return null;
  }
}

/** How each kind of floor object is drawn in its tile: SVG paths (tile units) and a tone. */
export const objectShapes: Record<
  FloorObjectKind,
  readonly { tone: "cooling" | "power" | "security" | "door" | "mark"; d: string }[]
> = {
  // A wide cabinet; its rated kW is written inside.
  cooling_unit: [{ tone: "cooling", d: "M4 4h32v22H4z" }],
  // A narrow panel with a lightning bolt.
  power_panel: [
    { tone: "power", d: "M9 4h22v22H9z" },
    { tone: "mark", d: "M21 7l-6 9h5l-2 7 7-10h-5z" },
  ],
  // A camera body and its lens.
  camera: [
    { tone: "security", d: "M9 10h15v10H9z" },
    { tone: "security", d: "M24 13l7-4v12l-7-4z" },
  ],
  // A card reader with its sensor.
  badge_reader: [
    { tone: "security", d: "M14 5h12v20H14z" },
    { tone: "mark", d: "M20 9.5a2.5 2.5 0 1 0 0.01 0z" },
  ],
  // A door leaf and its swing.
  door: [{ tone: "door", d: "M8 26V6a20 20 0 0 1 20 20z" }],
};

/** A feed's usable power in watts: V × A (× √3 for three phase) × the allowed share. */
export function feedCapacityW(feed: PowerFeed): number {
  const phases = feed.phase === "three" ? Math.sqrt(3) : 1;
  return feed.voltage_v * feed.amperage_a * phases * feed.max_utilisation;
}

export function feedCapacityKw(feed: PowerFeed): number {
  return feedCapacityW(feed) / 1000;
}

/** The share of a capacity in use as a whole percentage (0 when there is no capacity). */
export function percentOf(used: number, capacity: number): number {
  return capacity > 0 ? Math.round((used / capacity) * 100) : 0;
}

/** A rack's editable spec, as `rack_save` takes it, from the stored rack. */
export function specOfRack(rack: Rack): RackSpec {
  return {
    room: rack.room,
    row: rack.row,
    name: rack.name,
    x: rack.x,
    y: rack.y,
    rotation: rack.rotation,
    height_u: rack.height_u,
    starting_unit: rack.starting_unit,
    width: rack.width,
    depth_mm: rack.depth_mm,
    form_factor: rack.form_factor,
    max_weight_kg: rack.max_weight_kg,
    status: rack.status,
    feeds: rack.feeds.map((feed) => ({ ...feed })),
    redundancy: rack.redundancy,
  };
}

/** The two 220 V / 32 A single-phase feeds at 80 % a new rack starts with. */
export function defaultFeeds(): PowerFeed[] {
  return ["A", "B"].map((name) => ({
    name,
    voltage_v: 220,
    amperage_a: 32,
    phase: "single",
    max_utilisation: 0.8,
  }));
}

/** A new rack's spec: 42U, 19", 1200 mm deep cabinet, 1000 kg, active, A/B fed. */
export function defaultRackSpec(room: string, at: Tile): RackSpec {
  return {
    room,
    row: "",
    name: "",
    x: at.x,
    y: at.y,
    rotation: 0,
    height_u: 42,
    starting_unit: 1,
    width: "19in",
    depth_mm: 1200,
    form_factor: "4_post_cabinet",
    max_weight_kg: 1000,
    status: "active",
    feeds: defaultFeeds(),
    redundancy: "ab",
  };
}

/** The number typed in a form field; NaN when it is empty or not a number. */
export function parseNumber(text: string): number {
  const trimmed = text.trim().replace(/,/g, "");
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/** A power feed as typed in the rack dialog: numbers stay text until saved. */
export interface FeedRow {
  key: number;
  name: string;
  voltage: string;
  amperage: string;
  phase: Phase;
  percent: string;
}

/** A rack spec as typed in the rack dialog. */
export type RackForm = Omit<
  RackSpec,
  "feeds" | "height_u" | "starting_unit" | "depth_mm" | "max_weight_kg" | "x" | "y"
> & {
  height_u: string;
  starting_unit: string;
  depth_mm: string;
  max_weight_kg: string;
  feeds: FeedRow[];
};

/** The dialog's text for a spec; each feed row gets a key (its index) for React. */
export function rackFormOf(spec: RackSpec): RackForm {
  return {
    ...spec,
    height_u: String(spec.height_u),
    starting_unit: String(spec.starting_unit),
    depth_mm: String(spec.depth_mm),
    max_weight_kg: String(spec.max_weight_kg),
    feeds: spec.feeds.map((feed, index) => ({
      key: index,
      name: feed.name,
      voltage: String(feed.voltage_v),
      amperage: String(feed.amperage_a),
      phase: feed.phase,
      percent: String(Math.round(feed.max_utilisation * 100)),
    })),
  };
}

/** The spec a rack dialog's text stands for; what is not a number becomes NaN. */
export function rackSpecOf(form: RackForm, at: Tile): RackSpec {
  return {
    ...form,
    name: form.name.trim(),
    x: at.x,
    y: at.y,
    height_u: parseNumber(form.height_u),
    starting_unit: parseNumber(form.starting_unit),
    depth_mm: parseNumber(form.depth_mm),
    max_weight_kg: parseNumber(form.max_weight_kg),
    feeds: form.feeds.map((feed) => ({
      name: feed.name.trim(),
      voltage_v: parseNumber(feed.voltage),
      amperage_a: parseNumber(feed.amperage),
      phase: feed.phase,
      max_utilisation: parseNumber(feed.percent) / 100,
    })),
  };
}

function inRange(value: number, low: number, high: number, whole = true): boolean {
  return (
    Number.isFinite(value) && value >= low && value <= high && (!whole || Number.isInteger(value))
  );
}

/** The checks Rust makes too, run first so a typo is caught without a round trip. */
export function checkRackSpec(spec: RackSpec): Problem[] {
  const errors: Problem[] = [];
  const range = (field: string, value: number, low: number, high: number, whole = true) => {
    if (!inRange(value, low, high, whole))
      errors.push(formProblem(field, "out_of_range", Number.isNaN(value) ? "" : String(value)));
  };
  if (spec.name === "") errors.push(formProblem("name", "required"));
  range("height_u", spec.height_u, 1, 60);
  range("starting_unit", spec.starting_unit, 0, 100);
  range("depth_mm", spec.depth_mm, 1, 5000);
  range("max_weight_kg", spec.max_weight_kg, 0, 5000, false);
  for (const feed of spec.feeds) {
    const sane =
      inRange(feed.voltage_v, 100, 1000, false) &&
      inRange(feed.amperage_a, 1, 400, false) &&
      inRange(feed.max_utilisation, 0.1, 1, false);
    if (feed.name === "") errors.push(formProblem("feeds", "required"));
    else if (!sane) errors.push(formProblem("feeds", "out_of_range", feed.name));
  }
  return errors;
}
