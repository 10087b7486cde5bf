import { describe, expect, it } from "vitest";
import { pagesFor, rowWindow, scrollToReveal } from "./virtualWindow";

const base = { rowHeight: 34, viewportHeight: 680, overscan: 10 };

describe("rowWindow", () => {
  it("renders the first screen plus overscan at the top", () => {
    expect(rowWindow({ ...base, scrollTop: 0, rowCount: 50_000 })).toEqual({
      first: 0,
      end: 30,
      totalHeight: 1_700_000,
    });
  });

  it("renders only the rows around the viewport deep in a long list", () => {
    const window = rowWindow({ ...base, scrollTop: 34 * 25_000 + 17, rowCount: 50_000 });
    // Row 25,000 is half hidden at the top; 21 rows fit (20 full and a part).
    expect(window.first).toBe(25_000 - 10);
    expect(window.end).toBe(25_021 + 10);
    expect(window.end - window.first).toBeLessThan(50);
  });

  it("clamps at the end of the list", () => {
    const window = rowWindow({ ...base, scrollTop: 10_000_000, rowCount: 50_000 });
    expect(window.end).toBe(50_000);
    expect(window.first).toBe(50_000 - 20 - 10);
  });

  it("handles lists shorter than the viewport and empty lists", () => {
    expect(rowWindow({ ...base, scrollTop: 0, rowCount: 5 })).toEqual({
      first: 0,
      end: 5,
      totalHeight: 170,
    });
    expect(rowWindow({ ...base, scrollTop: 300, rowCount: 5 })).toEqual({
      first: 0,
      end: 5,
      totalHeight: 170,
    });
    expect(rowWindow({ ...base, scrollTop: 0, rowCount: 0 })).toEqual({
      first: 0,
      end: 0,
      totalHeight: 0,
    });
  });

  it("still renders a row when the viewport has no height yet", () => {
    expect(rowWindow({ ...base, viewportHeight: 0, scrollTop: 0, rowCount: 100 }).end).toBe(11);
  });
});

describe("pagesFor", () => {
  it("lists the 100-row pages that cover a window", () => {
    expect(pagesFor(0, 30, 100)).toEqual([0]);
    expect(pagesFor(90, 130, 100)).toEqual([0, 1]);
    expect(pagesFor(24_990, 25_031, 100)).toEqual([249, 250]);
    expect(pagesFor(5, 5, 100)).toEqual([]);
  });
});

describe("scrollToReveal", () => {
  it("scrolls only when the row is out of view", () => {
    expect(scrollToReveal(5, 0, 340, 34)).toBe(0);
    expect(scrollToReveal(10, 0, 340, 34)).toBe(34);
    expect(scrollToReveal(2, 200, 340, 34)).toBe(68);
  });
});
