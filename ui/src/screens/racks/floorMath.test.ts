import { describe, expect, it } from "vitest";
import type { Rack } from "../../bindings/Rack";
import type { RoomView } from "../../bindings/RoomView";
import { formProblem } from "../../lib/problems";
import {
  checkRackSpec,
  defaultRackSpec,
  dragTarget,
  feedCapacityKw,
  feedCapacityW,
  firstFreeTile,
  fitScale,
  insideGrid,
  isTileTaken,
  maxScale,
  minScale,
  occupiedTiles,
  parseNumber,
  percentOf,
  pixelToTile,
  rackFormOf,
  rackSpecOf,
  refusal,
  snapToTile,
  specOfRack,
  stepTile,
  scrollToKeep,
  shortNames,
  textWidthEm,
  tileLabel,
  tileToPixel,
  tileUnits,
  minLabelPx,
  zoomPercent,
  zoomScale,
} from "./floorMath";

function view(): RoomView {
  return {
    room: {
      id: "room-1",
      site: "site-1",
      name: "A전산실",
      columns: 4,
      rows: 3,
      tile_mm: 600,
      aisles: [{ kind: "cold", along_x: true, index: 1 }],
      objects: {
        door: { kind: "door", name: "출입문", x: 0, y: 0, cooling_kw: 0, power_kw: 0 },
      },
      rack_rows: {},
    },
    site: "평택 1센터",
    racks: [
      {
        id: "rack-1",
        name: "A-R01",
        row: "",
        row_name: "",
        x: 1,
        y: 0,
        rotation: 0,
        status: "active",
        height_u: 42,
        used_hu: 0,
        devices: 0,
        allocated_w: 0,
        max_draw_w: 0,
        capacity_w: 0,
        heat_kw: 0,
        weight_kg: 0,
        power_level: "none",
        findings: 0,
      },
    ],
    rows: [],
    budget: {
      room: "A전산실",
      allocated_w: 0,
      max_draw_w: 0,
      heat_kw: 0,
      heat_btu_h: 0,
      cooling_kw: 0,
      findings: [],
    },
  };
}

describe("tiles and pixels", () => {
  it("converts both ways with a scale", () => {
    expect(tileToPixel(3, 32)).toBe(96);
    expect(pixelToTile(96, 32)).toBe(3);
    expect(pixelToTile(95.9, 32)).toBe(2);
    expect(snapToTile({ x: 70, y: 10 }, 32)).toEqual({ x: 2, y: 0 });
  });

  it("moves a dragged tile once the pointer passes halfway to the next one", () => {
    expect(dragTarget({ x: 2, y: 2 }, 15, -15, 32)).toEqual({ x: 2, y: 2 });
    expect(dragTarget({ x: 2, y: 2 }, 17, -17, 32)).toEqual({ x: 3, y: 1 });
    expect(dragTarget({ x: 0, y: 0 }, -20, 0, 32)).toEqual({ x: -1, y: 0 });
  });

  it("fits the room in its pane within bounds", () => {
    expect(fitScale(20, 12, 800, 600)).toBe(40);
    expect(fitScale(500, 500, 800, 600)).toBe(minScale);
    expect(fitScale(2, 2, 800, 600)).toBe(maxScale);
    expect(fitScale(20, 12, 0, 0)).toBe(32);
  });

  it("steps one tile per arrow key", () => {
    expect(stepTile({ x: 1, y: 1 }, "ArrowRight")).toEqual({ x: 2, y: 1 });
    expect(stepTile({ x: 1, y: 1 }, "ArrowUp")).toEqual({ x: 1, y: 0 });
    expect(stepTile({ x: 1, y: 1 }, "Enter")).toBeNull();
  });
});

describe("taken and free tiles", () => {
  it("knows the grid's edges", () => {
    expect(insideGrid({ x: 3, y: 2 }, 4, 3)).toBe(true);
    expect(insideGrid({ x: 4, y: 2 }, 4, 3)).toBe(false);
    expect(insideGrid({ x: -1, y: 0 }, 4, 3)).toBe(false);
  });

  it("counts racks and objects as taken, except the one being moved", () => {
    const taken = occupiedTiles(view());
    expect(isTileTaken(taken, { x: 0, y: 0 })).toBe(true);
    expect(isTileTaken(taken, { x: 1, y: 0 })).toBe(true);
    expect(isTileTaken(taken, { x: 2, y: 0 })).toBe(false);
    expect(isTileTaken(occupiedTiles(view(), "rack-1"), { x: 1, y: 0 })).toBe(false);
  });

  it("says why a tile is refused", () => {
    const taken = occupiedTiles(view(), "rack-1");
    expect(refusal({ x: 0, y: 0 }, 4, 3, taken)).toBe("taken");
    expect(refusal({ x: 9, y: 0 }, 4, 3, taken)).toBe("outside");
    expect(refusal({ x: 1, y: 0 }, 4, 3, taken)).toBeNull();
  });

  it("finds the first free tile, skipping aisles while it can", () => {
    const room = view().room;
    const taken = occupiedTiles(view());
    expect(firstFreeTile(room.columns, room.rows, taken, room.aisles)).toEqual({ x: 2, y: 0 });
    const full = new Map([
      ["0,0", "a"],
      ["1,0", "b"],
      ["0,2", "c"],
      ["1,2", "d"],
    ]);
    expect(firstFreeTile(2, 3, full, room.aisles)).toEqual({ x: 0, y: 1 });
    expect(
      firstFreeTile(
        2,
        1,
        new Map([
          ["0,0", "a"],
          ["1,0", "b"],
        ]),
      ),
    ).toBeNull();
  });
});

describe("power", () => {
  it("computes a feed's capacity, three phase with √3", () => {
    const single = {
      name: "A",
      voltage_v: 220,
      amperage_a: 32,
      phase: "single" as const,
      max_utilisation: 0.8,
    };
    expect(feedCapacityW(single)).toBeCloseTo(5632);
    expect(feedCapacityKw({ ...single, voltage_v: 380, phase: "three" })).toBeCloseTo(16.85, 2);
  });

  it("gives a share of a capacity as a whole percentage", () => {
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(5, 0)).toBe(0);
  });
});

describe("rack specs", () => {
  it("starts a new rack at the given tile with two A/B feeds", () => {
    const spec = defaultRackSpec("room-1", { x: 3, y: 4 });
    expect(spec).toMatchObject({ room: "room-1", x: 3, y: 4, height_u: 42, redundancy: "ab" });
    expect(spec.feeds.map((feed) => feed.name)).toEqual(["A", "B"]);
  });

  it("keeps every spec field of a stored rack and none of its contents", () => {
    const rack: Rack = {
      ...defaultRackSpec("room-1", { x: 1, y: 2 }),
      id: "rack-1",
      name: "A-R01",
      placements: {},
      reservations: {},
    };
    const spec = specOfRack(rack);
    expect(spec).toEqual({ ...defaultRackSpec("room-1", { x: 1, y: 2 }), name: "A-R01" });
    expect("placements" in spec).toBe(false);
  });
});

describe("the rack form", () => {
  it("reads back the spec it was filled from", () => {
    const spec = { ...defaultRackSpec("room-1", { x: 3, y: 4 }), name: "A-R01" };
    const form = rackFormOf(spec);
    expect(form.feeds.map((feed) => [feed.key, feed.percent])).toEqual([
      [0, "80"],
      [1, "80"],
    ]);
    expect(rackSpecOf(form, { x: 3, y: 4 })).toEqual(spec);
    expect(checkRackSpec(spec)).toEqual([]);
  });

  it("refuses what Rust would refuse", () => {
    const form = rackFormOf(defaultRackSpec("room-1", { x: 0, y: 0 }));
    const typed = {
      ...form,
      name: "  ",
      height_u: "61",
      depth_mm: "",
      feeds: [
        { ...form.feeds[0]!, voltage: "50" },
        { ...form.feeds[1]!, name: "" },
      ],
    };
    expect(checkRackSpec(rackSpecOf(typed, { x: 0, y: 0 }))).toEqual([
      formProblem("name", "required"),
      formProblem("height_u", "out_of_range", "61"),
      formProblem("depth_mm", "out_of_range"),
      formProblem("feeds", "out_of_range", "A"),
      formProblem("feeds", "required"),
    ]);
    expect(parseNumber("1,200")).toBe(1200);
    expect(parseNumber(" ")).toBeNaN();
  });
});

describe("zoom and names", () => {
  // The demo room of 20 racks: 26 tiles by 6, in the pane a 1280×800 window leaves it.
  const demo = { columns: 26, rows: 6, width: 1280 - 240 - 32 - 12 - 250 - 24, height: 460 };

  it("fits the whole demo room at 1280 wide, where it once scrolled at 30 px a tile", () => {
    const scale = fitScale(demo.columns, demo.rows, demo.width, demo.height);
    expect(scale * demo.columns).toBeLessThanOrEqual(demo.width);
    expect(scale * demo.rows).toBeLessThanOrEqual(demo.height);
    expect(scale).toBeGreaterThan(25);
  });

  it("steps the zoom by a quarter within its bounds", () => {
    expect(zoomScale(32, 1)).toBe(40);
    expect(zoomScale(40, -1)).toBe(32);
    expect(zoomScale(maxScale, 1)).toBe(maxScale);
    expect(zoomScale(minScale, -1)).toBe(minScale);
    expect(zoomPercent(40)).toBe(100);
    expect(zoomPercent(20)).toBe(50);
  });

  it("keeps the floor point under the pointer when zooming", () => {
    // Tile 10 is under a pointer 300 px into the pane (12 px margin, 100 px scrolled) at 38.8.
    const from = 38.8;
    const to = zoomScale(from, 1);
    const scroll = scrollToKeep(100, 300, 12, from, to);
    expect((scroll + 300 - 12) / to).toBeCloseTo((100 + 300 - 12) / from, 6);
    // Zoomed out near the top-left corner: never scrolled before the start.
    expect(scrollToKeep(0, 100, 12, 40, 20)).toBe(0);
  });

  it("writes a name at no less than the minimum size, shortened whole or not at all", () => {
    expect(shortNames("A-R01")).toEqual(["A-R01", "R01", "01"]);
    expect(shortNames("PT1-A-R01")).toEqual(["PT1-A-R01", "A-R01", "R01", "01"]);
    expect(shortNames("랙01")).toEqual(["랙01", "01"]);
    expect(shortNames("CRAH")).toEqual(["CRAH"]);
    expect(textWidthEm("랙")).toBe(1);
    expect(textWidthEm("R01")).toBeCloseTo(1.86);
    for (let scale = minScale; scale <= maxScale; scale = zoomScale(scale, 1)) {
      const label = tileLabel("A-R01", scale);
      const onScreen = (label.fontUnits * scale) / tileUnits;
      expect(onScreen).toBeGreaterThanOrEqual(minLabelPx - 1e-9);
      expect(["A-R01", "R01", "01", ""]).toContain(label.text);
      if (label.text !== "") {
        const widthPx = ((tileUnits - 8) * scale) / tileUnits;
        expect(textWidthEm(label.text) * onScreen).toBeLessThanOrEqual(widthPx);
      }
      if (scale >= maxScale) break;
    }
    const fitted = fitScale(demo.columns, demo.rows, demo.width, demo.height);
    expect(tileLabel("A-R01", fitted).text).toBe("R01");
    // The pane a 1280×800 window really leaves (about 21 px a tile): the rack's number.
    expect(tileLabel("A-R01", 21)).toMatchObject({ text: "01", abbreviated: true });
    expect(tileLabel("A-R01", 60)).toMatchObject({ text: "A-R01", abbreviated: false });
    expect(tileLabel("A-R01", minScale)).toMatchObject({ text: "", abbreviated: true });
    // Zoomed in, the font is the plan's own size, not the minimum.
    expect(tileLabel("A-R01", 80).fontUnits).toBe(8);
  });
});
