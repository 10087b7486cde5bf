import { describe, expect, it } from "vitest";
import { emptyHistory, inverse, record, redoStep, undoStep, type Edit } from "./undo";

const request = {
  device_type: "builtin:dell-poweredge-r650",
  asset: null,
  label: "web-1",
  bottom_hu: 0,
  face: "front" as const,
  leg: null,
};

describe("rack editor undo", () => {
  it("reverses each kind of edit", () => {
    const place: Edit = { kind: "place", rack: "r", placement: "p", request };
    expect(inverse(place)).toEqual({ ...place, kind: "remove" });
    expect(inverse(inverse(place))).toEqual(place);
    const move: Edit = {
      kind: "move",
      placement: "p",
      from: { rack: "r", bottomHu: 0, face: "front" },
      to: { rack: "s", bottomHu: 4, face: "rear" },
    };
    expect(inverse(move)).toEqual({ kind: "move", placement: "p", from: move.to, to: move.from });
  });

  it("undoes newest first, redoes in order, and a new edit clears redo", () => {
    const a: Edit = { kind: "place", rack: "r", placement: "a", request };
    const b: Edit = { kind: "place", rack: "r", placement: "b", request };
    let history = record(record(emptyHistory, a), b);
    const first = undoStep(history);
    expect(first?.send).toEqual(inverse(b));
    history = first!.next;
    const second = undoStep(history);
    expect(second?.send).toEqual(inverse(a));
    history = second!.next;
    expect(undoStep(history)).toBeNull();
    const again = redoStep(history);
    expect(again?.send).toEqual(a);
    history = record(again!.next, b);
    expect(redoStep(history)).toBeNull();
    expect(history.done).toEqual([a, b]);
  });
});
