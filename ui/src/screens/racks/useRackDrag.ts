// Dragging a device into or within a rack with the pointer. HTML5 drag and drop is not used:
// Tauri's webview takes it over on Linux for file drops. Pointer positions are read once per
// animation frame, the face and unit under the pointer come from the elevation's data
// attributes, and the what-if budget is asked for whenever the target changes.
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from "react";
import type { Face } from "../../bindings/Face";
import type { PlaceRequest } from "../../bindings/PlaceRequest";
import type { WhatIf } from "../../bindings/WhatIf";
import { call } from "../../ipc";
import { snapBottomHu } from "./elevationMath";

export interface DragSource {
  /** A placement being moved, or null for a new device. */
  moving: string | null;
  /** The rack the moved placement is in. */
  fromRack: string | null;
  request: PlaceRequest;
  heightHu: number;
  fullDepth: boolean;
  label: string;
}

export interface DragTarget {
  rack: string;
  face: Face;
  bottomHu: number;
}

export interface DragState {
  source: DragSource;
  /** Where the pointer went down (the ghost's position lives in a ref, not in state, so a
   * pointer move re-renders nothing unless the target under it changes). */
  x: number;
  y: number;
  /** The pointer has moved far enough for this to be a drag rather than a click. */
  started: boolean;
  target: DragTarget | null;
  whatIf: WhatIf | null;
  /** The target the what-if answers. */
  whatIfFor: string | null;
}

const START_DISTANCE_PX = 4;

function targetKey(target: DragTarget | null): string | null {
  return target === null ? null : `${target.rack}:${target.face}:${target.bottomHu}`;
}

/** The face and position under the pointer, from the elevation under it. */
function targetAt(x: number, y: number, source: DragSource): DragTarget | null {
  const element = document.elementFromPoint(x, y);
  const rails = element?.closest<HTMLElement>("[data-elevation-face]");
  if (rails === null || rails === undefined) return null;
  const rect = rails.getBoundingClientRect();
  const unitPx = Number(rails.dataset.unitPx);
  const rack = rails.dataset.rackId ?? "";
  const face = rails.dataset.elevationFace as Face;
  const rackHeightHu = Math.round((rect.height / unitPx) * 2);
  if (source.heightHu === 0) return { rack, face, bottomHu: 0 };
  return {
    rack,
    face,
    bottomHu: snapBottomHu(rect.bottom - y, unitPx, source.heightHu, rackHeightHu),
  };
}

/**
 * The drag state machine. `start` on pointer down; the hook follows the pointer on the window
 * and calls `onDrop` with the last target on release (or nothing when the pointer never
 * moved: that was a click). Escape cancels.
 */
export function useRackDrag(
  onDrop: (source: DragSource, target: DragTarget, whatIf: WhatIf | null) => void,
) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const current = useRef<DragState | null>(null);
  const frame = useRef<number | null>(null);
  const pending = useRef<{ x: number; y: number } | null>(null);
  const dropRef = useRef(onDrop);
  dropRef.current = onDrop;
  /** The ghost element that follows the pointer, moved directly on each frame. */
  const ghost = useRef<HTMLDivElement | null>(null);
  const lastPointer = useRef<{ x: number; y: number } | null>(null);
  const moveGhost = (x: number, y: number) => {
    if (ghost.current !== null)
      ghost.current.style.transform = `translate(${x + 12}px, ${y + 8}px)`;
  };

  const update = useCallback((next: DragState | null) => {
    current.current = next;
    setDrag(next);
  }, []);

  const start = useCallback(
    (event: ReactPointerEvent, source: DragSource) => {
      if (event.button !== 0) return;
      update({
        source,
        x: event.clientX,
        y: event.clientY,
        started: false,
        target: null,
        whatIf: null,
        whatIfFor: null,
      });
    },
    [update],
  );

  useEffect(() => {
    if (drag === null) return undefined;
    // One what-if in flight at a time: a fast drag crosses a unit every frame, and asking for
    // each would queue answers for targets already left behind. When an answer arrives, the
    // target the pointer is on now is asked for next.
    let inFlight = false;
    let wanted = false;
    const askWhatIf = (state: DragState) => {
      const key = targetKey(state.target);
      if (state.target === null || key === null) return;
      if (inFlight) {
        wanted = true;
        return;
      }
      inFlight = true;
      const { rack, face, bottomHu } = state.target;
      const moving = state.source.fromRack === rack ? state.source.moving : null;
      call("rack_what_if", {
        rack,
        moving,
        request: {
          ...state.source.request,
          bottom_hu: state.source.heightHu === 0 ? null : bottomHu,
          face,
        },
      })
        .then((whatIf) => {
          const now = current.current;
          if (now !== null && targetKey(now.target) === key)
            update({ ...now, whatIf, whatIfFor: key });
        })
        .catch(() => undefined)
        .finally(() => {
          inFlight = false;
          const now = current.current;
          if (wanted && now !== null && targetKey(now.target) !== key) {
            wanted = false;
            askWhatIf(now);
          }
        });
    };
    const onFrame = () => {
      frame.current = null;
      const at = pending.current;
      const state = current.current;
      if (at === null || state === null) return;
      pending.current = null;
      const started =
        state.started || Math.hypot(at.x - state.x, at.y - state.y) >= START_DISTANCE_PX;
      lastPointer.current = at;
      if (started) moveGhost(at.x, at.y);
      const target = started ? targetAt(at.x, at.y, state.source) : null;
      const changed = targetKey(target) !== targetKey(state.target);
      if (!changed && started === state.started) return;
      const next: DragState = {
        ...state,
        started,
        target,
        whatIf: changed ? null : state.whatIf,
        whatIfFor: changed ? null : state.whatIfFor,
      };
      update(next);
      if (changed) askWhatIf(next);
    };
    const onMove = (event: PointerEvent) => {
      pending.current = { x: event.clientX, y: event.clientY };
      frame.current ??= requestAnimationFrame(onFrame);
    };
    // The drop goes where the preview was drawn: a pending move not yet on screen is applied
    // first, the release point itself is not used (what the user saw is what they get).
    const onUp = () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      onFrame();
      const state = current.current;
      update(null);
      if (state?.started === true && state.target !== null) {
        const answered = state.whatIfFor === targetKey(state.target) ? state.whatIf : null;
        dropRef.current(state.source, state.target, answered);
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        update(null);
      }
    };
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      window.removeEventListener("keydown", onKey);
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
    // One listener set per drag: `drag` changes on every frame, its presence does not.
  }, [drag === null, update]);

  // The ghost's first position, once it is on screen.
  useEffect(() => {
    const last = lastPointer.current;
    if (drag?.started === true && last !== null) moveGhost(last.x, last.y);
  }, [drag?.started]);

  return { drag, start, ghost, cancel: () => update(null) };
}
