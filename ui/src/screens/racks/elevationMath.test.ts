import { describe, expect, it } from "vitest";
import type { PlacedDevice } from "../../bindings/PlacedDevice";
import {
  cablesAt,
  collides,
  moveNeedsAsking,
  snapBottomHu,
  spanBox,
  unitLabel,
  unitRange,
} from "./elevationMath";

function device(
  id: string,
  bottom: number | null,
  height: number,
  face: "front" | "rear",
  full: boolean,
): PlacedDevice {
  return {
    id,
    asset_tag: null,
    device: {
      key: "k",
      manufacturer: "m",
      model: "x",
      category: "server",
      height_hu: height,
      full_depth: full,
      typical_w: 0,
      max_w: 0,
      weight_kg: 0,
      front_image: null,
      rear_image: null,
    },
    placement: {
      device_type: "k",
      asset: null,
      label: id,
      bottom_hu: bottom,
      face,
      leg: null,
      status: "planned",
      checks: {},
      notes: "",
      photos: [],
    },
  };
}

describe("elevation arithmetic", () => {
  it("snaps whole-unit devices to whole units and half-U ones to half units", () => {
    // 20 px per U: the pointer 105 px up is in the middle of U6 (half unit 10.5).
    expect(snapBottomHu(105, 20, 2, 84)).toBe(10);
    expect(snapBottomHu(105, 20, 1, 84)).toBe(10);
    expect(snapBottomHu(95, 20, 1, 84)).toBe(9);
    expect(snapBottomHu(-50, 20, 4, 84)).toBe(0);
    expect(snapBottomHu(5000, 20, 4, 84)).toBe(80);
  });

  it("prints units from the rack's starting unit", () => {
    expect(unitLabel(1, 0)).toBe("1");
    expect(unitLabel(1, 3)).toBe("2.5");
    expect(unitRange(1, 20, 4)).toBe("U11–U12");
    expect(unitRange(1, 20, 2)).toBe("U11");
    expect(spanBox(0, 2, 20, 84)).toEqual({ top: 820, height: 20 });
  });

  it("finds collisions by face, depth, reservation and the top", () => {
    const devices = [device("sw", 80, 2, "rear", false), device("srv", 0, 4, "front", true)];
    expect(collides(devices, [], null, 80, 2, "front", false, 84)).toBe(false);
    expect(collides(devices, [], null, 80, 2, "front", true, 84)).toBe(true);
    expect(collides(devices, [], null, 2, 2, "rear", false, 84)).toBe(true);
    expect(collides(devices, [], "srv", 2, 2, "rear", false, 84)).toBe(false);
    expect(collides(devices, [], null, 84, 2, "front", true, 84)).toBe(true);
    const held = [{ bottom_hu: 10, height_hu: 4, reason: "GPU", by: "김" }];
    expect(collides(devices, held, null, 12, 2, "front", false, 84)).toBe(true);
  });
});

describe("moving a device", () => {
  it("asks first when it is verified or cabled, not otherwise", () => {
    const planned = device("a", 0, 2, "front", true);
    const verified: PlacedDevice = {
      ...planned,
      placement: { ...planned.placement, status: "verified" },
    };
    expect(moveNeedsAsking(planned, 0)).toBe(false);
    expect(moveNeedsAsking(planned, 1)).toBe(true);
    expect(moveNeedsAsking(verified, 0)).toBe(true);
  });

  it("counts each cable of a device's ports once, merged ports too", () => {
    expect(cablesAt([])).toBe(0);
    expect(
      cablesAt([
        { cables: [{ id: "c1" }] },
        { cables: [] },
        { cables: [{ id: "c2" }, { id: "c3" }] },
        // A patch cable from one port of the device to another names it twice.
        { cables: [{ id: "c1" }] },
      ]),
    ).toBe(3);
  });
});
