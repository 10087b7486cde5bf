// The rack editor's undo and redo: each edit is recorded with what reverses it, as commands
// the editor can send again. Placement ids are kept (a redone placement gets its old id), so
// later steps that name a placement still find it.
import type { Face } from "../../bindings/Face";
import type { PlaceRequest } from "../../bindings/PlaceRequest";

export interface Spot {
  rack: string;
  bottomHu: number | null;
  face: Face;
}

export type Edit =
  | { kind: "place"; rack: string; placement: string; request: PlaceRequest }
  | { kind: "remove"; rack: string; placement: string; request: PlaceRequest }
  | { kind: "move"; placement: string; from: Spot; to: Spot };

/** The edit that undoes `edit`. */
export function inverse(edit: Edit): Edit {
  switch (edit.kind) {
    case "place":
      return { ...edit, kind: "remove" };
    case "remove":
      return { ...edit, kind: "place" };
    case "move":
      return { kind: "move", placement: edit.placement, from: edit.to, to: edit.from };
  }
}

export interface History {
  done: readonly Edit[];
  undone: readonly Edit[];
}

export const emptyHistory: History = { done: [], undone: [] };

/** At most this many steps are kept. */
const LIMIT = 100;

export function record(history: History, edit: Edit): History {
  return { done: [...history.done, edit].slice(-LIMIT), undone: [] };
}

/** The edit to send for an undo, and the history after it succeeds. */
export function undoStep(history: History): { send: Edit; next: History } | null {
  const last = history.done[history.done.length - 1];
  if (last === undefined) return null;
  return {
    send: inverse(last),
    next: { done: history.done.slice(0, -1), undone: [...history.undone, last] },
  };
}

/** The edit to send for a redo, and the history after it succeeds. */
export function redoStep(history: History): { send: Edit; next: History } | null {
  const last = history.undone[history.undone.length - 1];
  if (last === undefined) return null;
  return {
    send: last,
    next: { done: [...history.done, last], undone: history.undone.slice(0, -1) },
  };
}
