// A virtualised grid's scroller: its scroll position and visible height (kept up to date as
// it scrolls and as the window resizes), the rows to render for them, back to the top when
// the query changes, and the keyboard cursor kept in view.
import { useEffect, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from "react";
import { useKeptValue } from "./navigation";
import { rowWindow, scrollToReveal, type RowWindow } from "./virtualWindow";

export interface GridViewportOptions {
  headerHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan: number;
  /** The row the keyboard is on (-1: none), scrolled into view when it moves. */
  cursor: number;
  /** Changes when the query does: the grid starts at the top again. */
  queryKey: string;
  /** The name its scroll position is kept under while its screen is not shown (the
   * grid's test id); back on the screen it is where it was left. */
  keepAs: string;
  /** The rows' viewport height (without the header) as its CSS will make it, when known
   * before it is drawn: the first render then draws the rows it shows instead of a guess's
   * (600 px), which it would draw and then take back once measured. */
  expectedHeight?: number;
}

export function useGridViewport(options: GridViewportOptions): {
  scroller: RefObject<HTMLDivElement | null>;
  visible: RowWindow;
  onScroll: (event: UIEvent<HTMLDivElement>) => void;
} {
  const { headerHeight, rowHeight, rowCount, overscan, cursor, queryKey } = options;
  const scroller = useRef<HTMLDivElement>(null);
  const kept = useKeptValue(`scroll:${options.keepAs}`, 0);
  const [scrollTop, setScrollTop] = useState(kept.initial);
  // The kept position is put back once there are rows to scroll over.
  const restore = useRef(kept.initial > 0);
  const shownQuery = useRef(queryKey);
  const [viewportHeight, setViewportHeight] = useState(options.expectedHeight ?? 600);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return undefined;
    const measure = () => setViewportHeight(Math.max(0, element.clientHeight - headerHeight));
    measure();
    if (typeof ResizeObserver === "undefined") return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [headerHeight]);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!restore.current || element === null || rowCount === 0) return;
    restore.current = false;
    element.scrollTop = kept.initial;
    setScrollTop(element.scrollTop);
  }, [rowCount, kept.initial]);
  useEffect(() => {
    if (shownQuery.current === queryKey) return;
    shownQuery.current = queryKey;
    restore.current = false;
    if (scroller.current !== null) scroller.current.scrollTop = 0;
    setScrollTop(0);
    kept.set(0);
  }, [queryKey]);
  useEffect(() => {
    const element = scroller.current;
    if (element === null || cursor < 0) return;
    const next = scrollToReveal(
      cursor,
      element.scrollTop,
      element.clientHeight - headerHeight,
      rowHeight,
    );
    if (next !== element.scrollTop) element.scrollTop = next;
  }, [cursor, headerHeight, rowHeight]);
  return {
    scroller,
    visible: rowWindow({ scrollTop, viewportHeight, rowHeight, rowCount, overscan }),
    onScroll: (event) => {
      setScrollTop(event.currentTarget.scrollTop);
      kept.set(event.currentTarget.scrollTop);
    },
  };
}
