// A list grid's columns as the user arranged them: widths dragged to taste and columns hidden,
// kept per grid on this computer (localStorage, like the app's other view state), so the asset
// list keeps its shape at 1280 px after a restart. The first column never hides: it names the
// row.
import { useCallback, useEffect, useState } from "react";

export interface ColumnLayout {
  /** Widths set by hand, in pixels, by column id. */
  widths: Record<string, number>;
  /** Column ids the user hid. */
  hidden: string[];
}

const EMPTY: ColumnLayout = { widths: {}, hidden: [] };
/** The narrowest a column can be dragged: room for a few characters and the sort arrow. */
export const MIN_COLUMN_WIDTH = 48;

function storageKey(gridId: string): string {
  return `cloudwright.columns.${gridId}`;
}

export function loadLayout(gridId: string): ColumnLayout {
  try {
    const text = window.localStorage.getItem(storageKey(gridId));
    if (text === null) return EMPTY;
    const parsed = JSON.parse(text) as Partial<ColumnLayout>;
    const widths: Record<string, number> = {};
    for (const [id, width] of Object.entries(parsed.widths ?? {})) {
      if (typeof width === "number" && Number.isFinite(width))
        widths[id] = Math.max(MIN_COLUMN_WIDTH, Math.round(width));
    }
    const hidden = Array.isArray(parsed.hidden)
      ? parsed.hidden.filter((id): id is string => typeof id === "string")
      : [];
    return { widths, hidden };
  } catch {
    // A layout that cannot be read is the default one; nothing else depends on it.
    return EMPTY;
  }
}

function saveLayout(gridId: string, layout: ColumnLayout) {
  try {
    window.localStorage.setItem(storageKey(gridId), JSON.stringify(layout));
  } catch {
    // Storage full or refused: the layout lasts until the window closes.
  }
}

/** The layout of grid `gridId` with the ways to change it. */
export function useColumnLayout(gridId: string, firstColumnId: string | undefined) {
  const [layout, setLayout] = useState<ColumnLayout>(() => loadLayout(gridId));
  useEffect(() => setLayout(loadLayout(gridId)), [gridId]);
  const update = useCallback(
    (change: (current: ColumnLayout) => ColumnLayout) =>
      setLayout((current) => {
        const next = change(current);
        saveLayout(gridId, next);
        return next;
      }),
    [gridId],
  );
  const setWidth = useCallback(
    (id: string, width: number) =>
      update((current) => ({
        ...current,
        widths: { ...current.widths, [id]: Math.max(MIN_COLUMN_WIDTH, Math.round(width)) },
      })),
    [update],
  );
  const toggle = useCallback(
    (id: string) =>
      update((current) =>
        id === firstColumnId
          ? current
          : {
              ...current,
              hidden: current.hidden.includes(id)
                ? current.hidden.filter((other) => other !== id)
                : [...current.hidden, id],
            },
      ),
    [update, firstColumnId],
  );
  const reset = useCallback(() => update(() => EMPTY), [update]);
  return { layout, setWidth, toggle, reset };
}
