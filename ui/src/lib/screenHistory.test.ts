import { describe, expect, it } from "vitest";
import { historyLimit, ScreenHistory } from "./screenHistory";

describe("ScreenHistory", () => {
  it("goes back through the screens shown, each with the state it was left in", () => {
    const history = new ScreenHistory({ screen: "assets" });
    expect(history.canGoBack).toBe(false);
    expect(history.back()).toBeUndefined();

    history.keptOf("assets").set("search", "PT1");
    const rack = history.navigate({ screen: "racks", record: "rack/01R", focus: "01P" });
    expect(rack.open).toEqual({
      record: "rack/01R",
      kind: "rack",
      id: "01R",
      edit: undefined,
      focus: "01P",
    });
    history.keptOf("racks").set("view", "rack 01R");
    // Same screen again (another rack): Back must return to the first rack, not the latest.
    history.navigate({ screen: "racks", record: "rack/02R" });
    history.keptOf("racks").set("view", "rack 02R");
    // The asset list is changed after it was left: Back restores it as it was left.
    history.navigate({ screen: "assets", record: "asset/01A" });
    history.keptOf("assets").set("search", "changed");

    const serials = [history.shown.serial];
    let shown = history.back();
    expect(shown?.route).toEqual({ screen: "racks", record: "rack/02R" });
    expect(shown?.open).toBeUndefined();
    expect(history.keptOf("racks").get("view")).toBe("rack 02R");
    serials.push(history.shown.serial);
    shown = history.back();
    expect(history.keptOf("racks").get("view")).toBe("rack 01R");
    serials.push(history.shown.serial);
    shown = history.back();
    expect(shown?.route).toEqual({ screen: "assets" });
    expect(history.keptOf("assets").get("search")).toBe("PT1");
    serials.push(history.shown.serial);
    expect(history.canGoBack).toBe(false);
    // Each show is a new mount.
    expect(new Set(serials).size).toBe(serials.length);
  });

  it("keeps at most the last screens", () => {
    const history = new ScreenHistory({ screen: "s0" });
    for (let n = 1; n <= historyLimit + 10; n += 1) history.navigate({ screen: `s${n}` });
    expect(history.backRoutes).toHaveLength(historyLimit);
    expect(history.backRoutes[0]).toEqual({ screen: "s10" });
  });
});
